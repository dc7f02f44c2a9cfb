/* SPDX-License-Identifier: MIT */
/* test_negotiate.c - RFC 7143 §6.2 negotiation: the offer open-iscsi
 * sends (normal and discovery), declarations, answers to keys the target
 * offers, and the §13.14 FirstBurstLength rules. The target's answers to
 * our offers are in test_negotiate_answers.c. */
#include "core/keys.h"
#include "core/negotiate.h"
#include "neg_check.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* open-iscsi's iscsid.conf defaults, set out of order on purpose. */
static void set_defaults(struct neg_state *st, int discovery)
{
	static const struct {
		enum neg_key key;
		const char *value;
	} v[] = {
		{ NEG_MAX_RECV_DSL, "262144" },
		{ NEG_MAX_CONNECTIONS, "1" },
		{ NEG_DATA_SEQUENCE_IN_ORDER, "Yes" },
		{ NEG_DATA_PDU_IN_ORDER, "Yes" },
		{ NEG_FIRST_BURST, "262144" },
		{ NEG_MAX_BURST, "16776192" },
		{ NEG_MAX_OUTSTANDING_R2T, "1" },
		{ NEG_IMMEDIATE_DATA, "Yes" },
		{ NEG_INITIAL_R2T, "No" },
		{ NEG_ERROR_RECOVERY_LEVEL, "0" },
		{ NEG_OF_MARKER, "No" },
		{ NEG_IF_MARKER, "No" },
		{ NEG_DEFAULT_TIME2RETAIN, "0" },
		{ NEG_DEFAULT_TIME2WAIT, "2" },
		{ NEG_DATA_DIGEST, "None" },
		{ NEG_HEADER_DIGEST, "None" },
	};
	size_t i;

	neg_init(st, discovery);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		CHECK_INT(neg_set(st, v[i].key, v[i].value, NULL), 0);
}

static void check_segment(const struct keys *k, const char *want,
			  size_t wlen)
{
	uint8_t *data = NULL;
	size_t len = 0;

	CHECK_INT(keys_save(k, &data, &len), 0);
	CHECK_MEM(data, len, want, wlen);
	free(data);
}

/* What a normal session offers between the digests and the receive
 * limit, in open-iscsi's order. */
#define NORMAL_OPS \
	"DefaultTime2Wait=2\0DefaultTime2Retain=0\0IFMarker=No\0" \
	"OFMarker=No\0ErrorRecoveryLevel=0\0InitialR2T=No\0" \
	"ImmediateData=Yes\0MaxBurstLength=16776192\0" \
	"FirstBurstLength=262144\0MaxOutstandingR2T=1\0" \
	"MaxConnections=1\0DataPDUInOrder=Yes\0DataSequenceInOrder=Yes\0"

static void test_offer_order(void)
{
	static const char normal[] = "HeaderDigest=None\0"
				     "DataDigest=None\0"
				     NORMAL_OPS
				     "MaxRecvDataSegmentLength=262144";
	static const char disc[] = "HeaderDigest=None\0"
				   "DataDigest=None\0"
				   "DefaultTime2Wait=2\0"
				   "DefaultTime2Retain=0\0"
				   "IFMarker=No\0"
				   "OFMarker=No\0"
				   "ErrorRecoveryLevel=0\0"
				   "MaxRecvDataSegmentLength=262144";
	struct neg_state st;
	struct keys *k = keys_new();

	set_defaults(&st, 0);
	CHECK_INT(neg_complete(&st), 1);
	CHECK_INT(neg_offer(&st, k), 0);
	check_segment(k, normal, sizeof(normal));
	CHECK_INT(neg_complete(&st), 0);
	/* a second call offers nothing new */
	CHECK_INT(neg_offer(&st, k), 0);
	CHECK_INT(keys_count(k), 16);
	keys_delete(k);

	k = keys_new();
	set_defaults(&st, 1);
	CHECK_INT(neg_offer(&st, k), 0);
	check_segment(k, disc, sizeof(disc));
	keys_delete(k);
}

/* An iSER session offers what open-iscsi 2.1.8 offers over iser (seen
 * in its debug log against LIO with ib_isert): no digests, no
 * MaxRecvDataSegmentLength, the RFC 7145 keys last; LIO answers them
 * and the limits are the minimum of both sides. */
static void test_rdma(void)
{
	static const char want[] = NORMAL_OPS
				   "InitiatorRecvDataSegmentLength=262144\0"
				   "TargetRecvDataSegmentLength=8192\0"
				   "RDMAExtensions=Yes";
	static const char lio[] = "RDMAExtensions=Yes\0"
				  "InitiatorRecvDataSegmentLength=131072\0"
				  "TargetRecvDataSegmentLength=8192";
	struct neg_state st;
	struct keys *k = keys_new(), *rsp = keys_new(), *reply = keys_new();
	const char *why = NULL;

	set_defaults(&st, 0);
	neg_rdma(&st, 0);
	CHECK_INT(neg_offer(&st, k), 0);
	check_segment(k, want, sizeof(want));
	CHECK_INT(keys_load(rsp, (const uint8_t *)lio, sizeof(lio), NULL), 0);
	CHECK_INT(neg_response(&st, rsp, reply, &why), 0);
	CHECK_INT(neg_result_num(&st, NEG_RDMA_EXTENSIONS), 1);
	CHECK_INT(neg_result_num(&st, NEG_INITIATOR_RDSL), 131072);
	CHECK_INT(neg_result_num(&st, NEG_TARGET_RDSL), 8192);
	keys_delete(k);
	keys_delete(rsp);
	keys_delete(reply);

	/* an explicit xmit limit is offered as TargetRecvDataSegmentLength;
	 * a discovery session offers none of the iSER keys */
	k = keys_new();
	set_defaults(&st, 1);
	neg_rdma(&st, 16384);
	CHECK_INT(st.v[NEG_TARGET_RDSL].num, 16384);
	CHECK_INT(neg_offer(&st, k), 0);
	CHECK(keys_find(k, "RDMAExtensions") == NULL);
	CHECK(keys_find(k, "TargetRecvDataSegmentLength") == NULL);
	keys_delete(k);
}
/* The target offers keys; our reply is checked whole. */
static int offers(struct neg_state *st, const char *seg, size_t seglen,
		  const char *want, size_t wlen, const char **why)
{
	struct keys *rsp = keys_new(), *reply = keys_new();
	int rc;

	CHECK_INT(keys_load(rsp, (const uint8_t *)seg, seglen, NULL), 0);
	*why = NULL;
	rc = neg_response(st, rsp, reply, why);
	if (!rc)
		check_segment(reply, want, wlen);
	keys_delete(rsp);
	keys_delete(reply);
	return rc;
}

#define OFFERS(seg, want) \
	offers(&st, SEG(seg), want, sizeof(want) - 1, &why)

static void test_target_offers(void)
{
	struct neg_state st;
	const char *why;

	set_defaults(&st, 0);
	neg_set(&st, NEG_MAX_BURST, "262144", NULL);
	neg_set(&st, NEG_DATA_DIGEST, "CRC32C,None", NULL);
	CHECK_INT(OFFERS("MaxBurstLength=65536\0"
			 "DefaultTime2Wait=1\0"
			 "X-com.example.foo=bar\0"
			 "IFMarker=Yes\0"
			 "OFMarkInt=2048~8192\0"
			 "DataDigest=CRC32C,None\0"
			 "HeaderDigest=CRC32C,None\0"
			 "TargetAddress=127.0.0.1:3260,1\0"
			 "CHAP_A=5\0"
			 "InitialR2T=Yes\0"
			 "MaxOutstandingR2T=0\0",
			 "MaxBurstLength=65536\0"
			 "DefaultTime2Wait=2\0"
			 "X-com.example.foo=NotUnderstood\0"
			 "IFMarker=No\0"
			 "OFMarkInt=Reject\0"
			 "DataDigest=CRC32C\0"
			 "HeaderDigest=None\0"
			 "InitialR2T=Yes\0"
			 "MaxOutstandingR2T=Reject\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 65536);
	CHECK_INT(neg_result_num(&st, NEG_DEFAULT_TIME2WAIT), 2);
	CHECK_STR(neg_result_str(&st, NEG_DATA_DIGEST), "CRC32C");
	CHECK_STR(neg_result_str(&st, NEG_HEADER_DIGEST), "None");
	CHECK_INT(neg_result_num(&st, NEG_INITIAL_R2T), 1);
	CHECK_INT(neg_result_num(&st, NEG_MAX_OUTSTANDING_R2T), 1);
	/* they are negotiated now: we do not offer them again */
	{
		struct keys *k = keys_new();

		CHECK_INT(neg_offer(&st, k), 0);
		CHECK(keys_find(k, "MaxBurstLength") == NULL);
		CHECK(keys_find(k, "DataDigest") == NULL);
		CHECK_STR(keys_find(k, "ImmediateData"), "Yes");
		keys_delete(k);
	}
	/* an offer out of range is rejected, the key keeps its default */
	set_defaults(&st, 0);
	CHECK_INT(OFFERS("MaxBurstLength=0x1000000\0",
			 "MaxBurstLength=Reject\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 262144);
	/* our smaller value wins Minimum */
	set_defaults(&st, 0);
	set_defaults(&st, 0);
	CHECK_INT(OFFERS("MaxBurstLength=16777215\0",
			 "MaxBurstLength=16776192\0"), 0);
	CHECK_INT(OFFERS("MaxBurstLength=512\0", ""), -EPROTO);
	check_why(why, "MaxBurstLength negotiated twice");
	/* a digest we do not accept */
	neg_init(&st, 0);
	neg_set(&st, NEG_HEADER_DIGEST, "CRC32C", NULL);
	CHECK_INT(OFFERS("HeaderDigest=None\0", "HeaderDigest=Reject\0"), 0);
	CHECK_STR(neg_result_str(&st, NEG_HEADER_DIGEST), "None");
	/* unset keys answer with the RFC default as our value */
	neg_init(&st, 0);
	CHECK_INT(OFFERS("DataDigest=CRC32C,None\0"
			 "ImmediateData=Yes\0"
			 "TaskReporting=FastAbort,RFC3720\0"
			 "iSCSIProtocolLevel=2\0",
			 "DataDigest=None\0"
			 "ImmediateData=Yes\0"
			 "TaskReporting=RFC3720\0"
			 "iSCSIProtocolLevel=1\0"), 0);
	/* the same key twice in one response */
	neg_init(&st, 0);
	CHECK_INT(OFFERS("MaxConnections=1\0MaxConnections=2\0", ""),
		  -EPROTO);
	check_why(why, "duplicate key MaxConnections");
	CHECK_INT(OFFERS("X-a=1\0X-a=2\0", ""), -EPROTO);
}

static void test_discovery(void)
{
	struct neg_state st;
	const char *why;

	set_defaults(&st, 1);
	CHECK_INT(OFFERS("InitialR2T=No\0"
			 "MaxBurstLength=65536\0"
			 "TaskReporting=RFC3720\0"
			 "DefaultTime2Retain=0\0",
			 "InitialR2T=Irrelevant\0"
			 "MaxBurstLength=Irrelevant\0"
			 "TaskReporting=Irrelevant\0"
			 "DefaultTime2Retain=0\0"), 0);
	CHECK_INT(neg_result_num(&st, NEG_INITIAL_R2T), 1);
	CHECK_INT(neg_result_num(&st, NEG_MAX_BURST), 262144);
}

static void test_declarative(void)
{
	struct neg_state st;
	const char *why;
	struct keys *out = keys_new();

	set_defaults(&st, 0);
	CHECK_INT(st.max_xmit_dsl, 8192);
	CHECK_INT(neg_offer(&st, out), 0);
	CHECK_INT(OFFERS("MaxRecvDataSegmentLength=65536\0"
			 "TargetAlias=disk one\0"
			 "TargetPortalGroupTag=3\0", ""), 0);
	CHECK_INT(st.max_xmit_dsl, 65536);
	CHECK_INT(neg_result_num(&st, NEG_MAX_RECV_DSL), 262144);
	CHECK_STR(neg_result_str(&st, NEG_TARGET_ALIAS), "disk one");
	CHECK_INT(neg_result_num(&st, NEG_TARGET_PORTAL_GROUP_TAG), 3);
	CHECK_INT(OFFERS("MaxRecvDataSegmentLength=100\0", ""), -EPROTO);
	check_why(why, "MaxRecvDataSegmentLength: invalid value 100");
	CHECK_INT(OFFERS("TargetPortalGroupTag=65536\0", ""), -EPROTO);
	/* declarations are complete without an answer */
	CHECK_INT(neg_complete(&st), 0);	/* the rest is still pending */
	keys_delete(out);

	neg_init(&st, 1);
	neg_set(&st, NEG_MAX_RECV_DSL, "32768", NULL);
	out = keys_new();
	CHECK_INT(neg_offer(&st, out), 0);
	CHECK_INT(neg_complete(&st), 1);
	CHECK_INT(neg_result_num(&st, NEG_MAX_RECV_DSL), 32768);
	CHECK_STR(neg_result_str(&st, NEG_TARGET_ALIAS), "");
	keys_delete(out);
}

static void test_first_burst(void)
{
	struct neg_state st;
	struct keys *out = keys_new();
	const char *why;

	/* §13.14: InitialR2T=Yes and ImmediateData=No make it irrelevant */
	neg_init(&st, 0);
	neg_set(&st, NEG_INITIAL_R2T, "Yes", NULL);
	neg_set(&st, NEG_IMMEDIATE_DATA, "No", NULL);
	neg_set(&st, NEG_FIRST_BURST, "65536", NULL);
	CHECK_INT(neg_offer(&st, out), 0);
	CHECK(keys_find(out, "FirstBurstLength") == NULL);
	CHECK_INT(keys_count(out), 2);
	CHECK_INT(OFFERS("FirstBurstLength=8192\0",
			 "FirstBurstLength=Irrelevant\0"), 0);
	keys_delete(out);

	/* a setting above MaxBurstLength is offered as MaxBurstLength */
	out = keys_new();
	neg_init(&st, 0);
	neg_set(&st, NEG_MAX_BURST, "65536", NULL);
	neg_set(&st, NEG_FIRST_BURST, "262144", NULL);
	CHECK_INT(neg_offer(&st, out), 0);
	CHECK_STR(keys_find(out, "FirstBurstLength"), "65536");
	/* answers that break FirstBurstLength <= MaxBurstLength */
	CHECK_INT(OFFERS("MaxBurstLength=32768\0FirstBurstLength=65536\0",
			 ""), -EPROTO);
	check_why(why, "FirstBurstLength 65536 exceeds MaxBurstLength 32768");
	keys_delete(out);

	/* a target offer of FirstBurstLength is capped by MaxBurstLength */
	neg_init(&st, 0);
	neg_set(&st, NEG_MAX_BURST, "16384", NULL);
	neg_set(&st, NEG_FIRST_BURST, "262144", NULL);
	CHECK_INT(OFFERS("FirstBurstLength=131072\0",
			 "FirstBurstLength=16384\0"), 0);
}

static void test_set(void)
{
	struct neg_state st;
	const char *why = NULL;
	int k;

	neg_init(&st, 0);
	CHECK_INT(neg_set(&st, NEG_IMMEDIATE_DATA, "Maybe", &why), -EINVAL);
	CHECK_STR(why, "invalid value");
	CHECK_INT(neg_set(&st, NEG_MAX_RECV_DSL, "511", &why), -EINVAL);
	CHECK_STR(why, "value out of range");
	CHECK_INT(neg_set(&st, NEG_MAX_RECV_DSL, "16777216", NULL), -EINVAL);
	CHECK_INT(neg_set(&st, NEG_MAX_RECV_DSL, " 8192", NULL), -EINVAL);
	CHECK_INT(neg_set(&st, NEG_HEADER_DIGEST, "MD5", &why), -EINVAL);
	CHECK_STR(why, "unsupported value in list");
	CHECK_INT(neg_set(&st, NEG_HEADER_DIGEST, "CRC32C,,None", NULL),
		  -EINVAL);
	CHECK_INT(neg_set(&st, NEG_HEADER_DIGEST, "", NULL), -EINVAL);
	CHECK_INT(neg_set(&st, NEG_HEADER_DIGEST, "None,CRC32C", NULL), 0);
	CHECK_INT(neg_set(&st, NEG_KEY_COUNT, "1", &why), -EINVAL);
	CHECK_INT(neg_set(&st, (enum neg_key)-1, "1", NULL), -EINVAL);
	CHECK_INT(neg_result_num(&st, NEG_MAX_RECV_DSL), 8192);
	CHECK_STR(neg_result_str(&st, NEG_HEADER_DIGEST), "None");

	for (k = 0; k < NEG_KEY_COUNT; k++)
		CHECK_INT(neg_key_by_name(neg_table[k].name), k);
	CHECK_INT(neg_key_by_name("headerdigest"), -1);
	CHECK_INT(neg_key_by_name("InitiatorName"), -1);
}

int main(void)
{
	test_offer_order();
	test_rdma();
	test_target_offers();
	test_discovery();
	test_declarative();
	test_first_burst();
	test_set();
	return tap_done();
}
