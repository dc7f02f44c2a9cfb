/* SPDX-License-Identifier: MIT */
/* test_keys.c - text segments (RFC 7143 §6.1): parse and build, every
 * malformed form refused with its reason and without side effects,
 * repeated keys kept in order (SendTargets), continuation gathering. */
#include "core/keys.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SEG(s) (const uint8_t *)(s), sizeof(s) - 1

static void test_load_save(void)
{
	static const char seg[] = "TargetName=iqn.2003-01.org.example:t1\0"
				  "TargetAddress=127.0.0.1:3260,1\0"
				  "TargetAddress=[::1]:3260,1\0"
				  "TargetAlias=\0";
	struct keys *k = keys_new();
	const char *why = "unset";
	uint8_t *out = NULL;
	size_t len = 0;

	CHECK_INT(keys_load(k, SEG(seg), &why), 0);
	CHECK(why == NULL);
	CHECK_INT(keys_count(k), 4);
	CHECK_STR(keys_find(k, "TargetName"), "iqn.2003-01.org.example:t1");
	CHECK_STR(keys_find(k, "TargetAddress"), "127.0.0.1:3260,1");
	CHECK_INT(keys_count_of(k, "TargetAddress"), 2);
	CHECK_INT(keys_count_of(k, "Nope"), 0);
	CHECK(keys_find(k, "targetname") == NULL);
	CHECK_STR(keys_key(k, 2), "TargetAddress");
	CHECK_STR(keys_value(k, 2), "[::1]:3260,1");
	CHECK_STR(keys_value(k, 3), "");
	CHECK(keys_key(k, 4) == NULL);
	CHECK(keys_value(k, 4) == NULL);
	CHECK_INT(keys_save(k, &out, &len), 0);
	CHECK_MEM(out, len, seg, sizeof(seg) - 1);
	free(out);

	keys_remove(k, "TargetAddress");
	CHECK_INT(keys_count(k), 2);
	CHECK_STR(keys_key(k, 1), "TargetAlias");
	keys_delete(k);
	keys_delete(NULL);

	k = keys_new();
	CHECK_INT(keys_load(k, (const uint8_t *)"", 0, &why), 0);
	CHECK_INT(keys_load(k, NULL, 0, &why), 0);
	CHECK(why == NULL);
	CHECK_INT(keys_count(k), 0);
	CHECK_INT(keys_save(k, &out, &len), 0);
	CHECK(out == NULL);
	CHECK_INT(len, 0);
	/* value may contain '=' */
	CHECK_INT(keys_load(k, SEG("X-a=b=c\0"), &why), 0);
	CHECK_STR(keys_find(k, "X-a"), "b=c");
	keys_delete(k);
}

static void expect_bad(const uint8_t *seg, size_t len, const char *reason)
{
	struct keys *k = keys_new();
	const char *why = NULL;

	keys_add(k, "Kept", "1");
	CHECK_INT(keys_load(k, seg, len, &why), -EINVAL);
	CHECK_STR(why, reason);
	CHECK_INT(keys_count(k), 1);
	CHECK_INT(keys_load(k, seg, len, NULL), -EINVAL);
	keys_delete(k);
}

static void test_malformed(void)
{
	char big[600];
	char *bin;
	size_t n;

	expect_bad(SEG("A=1\0B=2"), "text segment not NUL-terminated");
	expect_bad(SEG("A=1\0NoEquals\0"), "key without '='");
	expect_bad(SEG("=1\0"), "empty key");
	expect_bad(SEG("A=1\0\0"), "empty key=value pair");
	expect_bad(SEG("\0"), "empty key=value pair");
	expect_bad(SEG("Bad Key=1\0"), "invalid character in key");
	expect_bad(SEG("Bad:Key=1\0"), "invalid character in key");
	expect_bad(SEG("K\xc3\xa9y=1\0"), "invalid character in key");

	/* key: 63 fine, 64 too long */
	memset(big, 'k', 64);
	memcpy(big + 64, "=v", 3);
	expect_bad((const uint8_t *)big, 67, "key too long");
	{
		struct keys *k = keys_new();

		CHECK_INT(keys_load(k, (const uint8_t *)big + 1, 66, NULL), 0);
		keys_delete(k);
	}

	/* text value: 255 fine, 256 too long */
	memcpy(big, "V=", 2);
	memset(big + 2, 'v', 256);
	big[258] = '\0';
	expect_bad((const uint8_t *)big, 259, "value too long");
	{
		struct keys *k = keys_new();

		big[257] = '\0';
		CHECK_INT(keys_load(k, (const uint8_t *)big, 258, NULL), 0);
		CHECK_INT(strlen(keys_find(k, "V")), 255);
		keys_delete(k);
	}

	/* TargetName may be longer than 255, up to its own limit */
	n = strlen("TargetName=");
	bin = malloc(KEYS_BINARY_MAX + 64);
	memcpy(bin, "TargetName=", n);
	memset(bin + n, 'n', 300);
	bin[n + 300] = '\0';
	{
		struct keys *k = keys_new();

		CHECK_INT(keys_load(k, (const uint8_t *)bin, n + 301, NULL), 0);
		keys_delete(k);
	}
	memset(bin + n, 'n', KEYS_TARGETS_VALUE_MAX + 1);
	bin[n + KEYS_TARGETS_VALUE_MAX + 1] = '\0';
	expect_bad((const uint8_t *)bin, n + KEYS_TARGETS_VALUE_MAX + 2,
		   "value too long");

	/* binary value: up to KEYS_BINARY_MAX bytes */
	memcpy(bin, "CHAP_C=0x", 9);
	memset(bin + 9, 'a', KEYS_BINARY_MAX - 2);
	bin[7 + KEYS_BINARY_MAX] = '\0';
	{
		struct keys *k = keys_new();

		CHECK_INT(keys_load(k, (const uint8_t *)bin,
				    8 + KEYS_BINARY_MAX, NULL), 0);
		CHECK_INT(strlen(keys_find(k, "CHAP_C")), KEYS_BINARY_MAX);
		keys_delete(k);
	}
	bin[7 + KEYS_BINARY_MAX] = 'a';
	bin[8 + KEYS_BINARY_MAX] = '\0';
	expect_bad((const uint8_t *)bin, 9 + KEYS_BINARY_MAX,
		   "value too long");
	free(bin);
}

static void test_add(void)
{
	struct keys *k = keys_new();
	char longv[300];
	uint8_t *out = NULL;
	size_t len = 0;

	CHECK_INT(keys_add(k, "HeaderDigest", "CRC32C,None"), 0);
	CHECK_INT(keys_add(k, "HeaderDigest", "None"), -EEXIST);
	CHECK_INT(keys_addf(k, "MaxRecvDataSegmentLength", "%u", 262144u), 0);
	CHECK_INT(keys_add(k, "", "x"), -EINVAL);
	CHECK_INT(keys_add(k, "a b", "x"), -EINVAL);
	memset(longv, 'x', 256);
	longv[256] = '\0';
	CHECK_INT(keys_add(k, "Y", longv), -EINVAL);
	CHECK_INT(keys_addf(k, "Y", "%s", longv), -EINVAL);
	CHECK_INT(keys_count(k), 2);
	CHECK_INT(keys_save(k, &out, &len), 0);
	CHECK_MEM(out, len,
		  "HeaderDigest=CRC32C,None\0MaxRecvDataSegmentLength=262144",
		  57);
	free(out);

	keys_add(k, "CHAP_R", "0x0123");
	keys_wipe(k);
	CHECK_STR(keys_find(k, "CHAP_R"), "");
	CHECK_STR(keys_key(k, 2), "CHAP_R");
	keys_wipe(NULL);
	keys_delete(k);
}

static void test_acc(void)
{
	struct text_acc acc;
	struct keys *k = keys_new();

	text_acc_init(&acc, 16);
	CHECK_INT(text_acc_add(&acc, (const uint8_t *)"TargetNa", 8), 0);
	CHECK_INT(text_acc_add(&acc, NULL, 0), 0);
	CHECK_INT(text_acc_add(&acc, (const uint8_t *)"me=t\0", 5), 0);
	CHECK_INT(acc.len, 13);
	CHECK_INT(keys_load(k, acc.buf, acc.len, NULL), 0);
	CHECK_STR(keys_find(k, "TargetName"), "t");
	CHECK_INT(text_acc_add(&acc, (const uint8_t *)"abcd", 4), -EMSGSIZE);
	CHECK_INT(acc.len, 13);
	CHECK_INT(text_acc_add(&acc, (const uint8_t *)"abc", 3), 0);
	CHECK_INT(acc.len, 16);
	text_acc_free(&acc);
	CHECK(acc.buf == NULL);
	CHECK_INT(acc.len, 0);
	keys_delete(k);
}

int main(void)
{
	test_load_save();
	test_malformed();
	test_add();
	test_acc();
	return tap_done();
}
