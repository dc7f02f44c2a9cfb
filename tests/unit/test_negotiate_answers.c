/* SPDX-License-Identifier: MIT */
/* test_negotiate_answers.c - RFC 7143 §6.2 negotiation: every result
 * function (numeric, boolean, list) with the target's accepted and
 * violating answers to what we offered, and the special answers
 * (Reject, Irrelevant, NotUnderstood). */
#include "core/keys.h"
#include "core/negotiate.h"
#include "neg_check.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Offer one key with our value, load the target's answer segment. */
static int answer(struct neg_state *st, enum neg_key key, const char *ours,
		  const char *seg, size_t seglen, const char **why)
{
	struct keys *out = keys_new(), *rsp = keys_new();
	int rc;

	neg_init(st, 0);
	CHECK_INT(neg_set(st, key, ours, NULL), 0);
	CHECK_INT(neg_offer(st, out), 0);
	CHECK_INT(keys_load(rsp, (const uint8_t *)seg, seglen, NULL), 0);
	*why = NULL;
	rc = neg_response(st, rsp, out, why);
	keys_delete(out);
	keys_delete(rsp);
	return rc;
}

#define ANSWER(key, ours, seg) answer(&st, key, ours, SEG(seg), &why)

static void test_answers_numeric(void)
{
	struct neg_state st;
	const char *why;

	/* Minimum */
	CHECK_INT(ANSWER(NEG_MAX_BURST, "262144", "MaxBurstLength=65536\0"),
		  0);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 65536);
	CHECK_INT(neg_complete(&st), 1);
	CHECK_INT(ANSWER(NEG_MAX_BURST, "262144", "MaxBurstLength=262144\0"),
		  0);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 262144);
	CHECK_INT(ANSWER(NEG_MAX_BURST, "262144", "MaxBurstLength=0x10000\0"),
		  0);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 65536);
	CHECK_INT(ANSWER(NEG_MAX_BURST, "262144",
			 "MaxBurstLength=1048576\0"), -EPROTO);
	check_why(why, "MaxBurstLength: answer 1048576 violates Minimum "
		       "with our offer 262144");
	CHECK_INT(ANSWER(NEG_MAX_BURST, "262144", "MaxBurstLength=511\0"),
		  -EPROTO);
	check_why(why, "out of range 512-16777215");
	CHECK_INT(ANSWER(NEG_MAX_BURST, "262144", "MaxBurstLength=+512\0"),
		  -EPROTO);
	check_why(why, "MaxBurstLength: invalid answer +512");
	CHECK_INT(ANSWER(NEG_MAX_BURST, "262144", "MaxBurstLength=\0"),
		  -EPROTO);
	CHECK_INT(ANSWER(NEG_ERROR_RECOVERY_LEVEL, "2",
			 "ErrorRecoveryLevel=3\0"), -EPROTO);
	CHECK_INT(ANSWER(NEG_ERROR_RECOVERY_LEVEL, "2",
			 "ErrorRecoveryLevel=1\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_ERROR_RECOVERY_LEVEL), 1);

	/* Maximum */
	CHECK_INT(ANSWER(NEG_DEFAULT_TIME2WAIT, "2", "DefaultTime2Wait=5\0"),
		  0);
	CHECK_INT(neg_result_num(&st, NEG_DEFAULT_TIME2WAIT), 5);
	CHECK_INT(ANSWER(NEG_DEFAULT_TIME2WAIT, "2", "DefaultTime2Wait=1\0"),
		  -EPROTO);
	check_why(why, "DefaultTime2Wait: answer 1 violates Maximum");
	CHECK_INT(ANSWER(NEG_DEFAULT_TIME2WAIT, "2",
			 "DefaultTime2Wait=3601\0"), -EPROTO);

	/* Special answers leave the RFC default */
	CHECK_INT(ANSWER(NEG_MAX_BURST, "65536",
			 "MaxBurstLength=Irrelevant\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 262144);
	CHECK_INT(neg_complete(&st), 1);
	CHECK_INT(ANSWER(NEG_MAX_BURST, "65536",
			 "MaxBurstLength=NotUnderstood\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 262144);
	CHECK_INT(ANSWER(NEG_DEFAULT_TIME2RETAIN, "0",
			 "DefaultTime2Retain=Reject\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_DEFAULT_TIME2RETAIN), 20);
	CHECK_INT(ANSWER(NEG_IF_MARKER, "No", "IFMarker=Reject\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_IF_MARKER), 0);
}

static void test_answers_bool_list(void)
{
	struct neg_state st;
	const char *why;

	/* AND */
	CHECK_INT(ANSWER(NEG_IMMEDIATE_DATA, "No", "ImmediateData=Yes\0"),
		  -EPROTO);
	check_why(why, "ImmediateData: answer Yes violates AND with our "
		       "offer No");
	CHECK_INT(ANSWER(NEG_IMMEDIATE_DATA, "No", "ImmediateData=No\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_IMMEDIATE_DATA), 0);
	CHECK_INT(ANSWER(NEG_IMMEDIATE_DATA, "Yes", "ImmediateData=No\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_IMMEDIATE_DATA), 0);
	CHECK_INT(ANSWER(NEG_IMMEDIATE_DATA, "Yes", "ImmediateData=Yes\0"),
		  0);
	CHECK_INT(neg_result_num(&st, NEG_IMMEDIATE_DATA), 1);
	CHECK_INT(ANSWER(NEG_IMMEDIATE_DATA, "Yes", "ImmediateData=yes\0"),
		  -EPROTO);
	CHECK_INT(ANSWER(NEG_OF_MARKER, "No", "OFMarker=Yes\0"), -EPROTO);

	/* OR */
	CHECK_INT(ANSWER(NEG_INITIAL_R2T, "Yes", "InitialR2T=No\0"), -EPROTO);
	check_why(why, "InitialR2T: answer No violates OR with our offer Yes");
	CHECK_INT(ANSWER(NEG_INITIAL_R2T, "No", "InitialR2T=Yes\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_INITIAL_R2T), 1);
	CHECK_INT(ANSWER(NEG_INITIAL_R2T, "No", "InitialR2T=No\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_INITIAL_R2T), 0);

	/* list */
	CHECK_INT(ANSWER(NEG_HEADER_DIGEST, "CRC32C,None",
			 "HeaderDigest=CRC32C\0"), 0);
	CHECK_STR(neg_result_str(&st, NEG_HEADER_DIGEST), "CRC32C");
	CHECK_INT(ANSWER(NEG_HEADER_DIGEST, "CRC32C,None",
			 "HeaderDigest=None\0"), 0);
	CHECK_STR(neg_result_str(&st, NEG_HEADER_DIGEST), "None");
	CHECK_INT(ANSWER(NEG_HEADER_DIGEST, "CRC32C,None",
			 "HeaderDigest=CRC32C,None\0"), -EPROTO);
	check_why(why, "HeaderDigest: answer CRC32C,None is not in our offer");
	CHECK_INT(ANSWER(NEG_DATA_DIGEST, "CRC32C", "DataDigest=None\0"),
		  -EPROTO);
	CHECK_INT(ANSWER(NEG_DATA_DIGEST, "None", "DataDigest=CRC32\0"),
		  -EPROTO);
	/* Reject keeps the default None: fine only if we offered None */
	CHECK_INT(ANSWER(NEG_DATA_DIGEST, "CRC32C,None",
			 "DataDigest=Reject\0"), 0);
	CHECK_STR(neg_result_str(&st, NEG_DATA_DIGEST), "None");
	CHECK_INT(ANSWER(NEG_DATA_DIGEST, "CRC32C", "DataDigest=Reject\0"),
		  -EPROTO);
	check_why(why, "DataDigest: target answered Reject to CRC32C");
}

int main(void)
{
	test_answers_numeric();
	test_answers_bool_list();
	return tap_done();
}
