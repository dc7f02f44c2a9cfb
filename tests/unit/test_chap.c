/* SPDX-License-Identifier: MIT */
/* test_chap.c - CHAP responses for CHAP_A 5/6/7/8, the constant-time
 * verify, and the RFC 7143 §6.1 binary-value codec (0x hex, 0b base64).
 *
 * Expected digests were computed independently with Python's hashlib
 * over id || secret || challenge, e.g. for the MD5 login below:
 *   python3 -c "import hashlib; print(hashlib.md5(bytes([0x2a]) +
 *       b'ChapSecret1234' + bytes.fromhex('7a0bd4e1...')).hexdigest())"
 * with hashlib.new('sha1' / 'sha256' / 'sha3_256', ...) for the others. */
#include "core/chap.h"
#include "tap.h"

#include <errno.h>
#include <string.h>

#define CHAL_HEX "7a0bd4e1c05f6e2f9b1c3d4e5f607182"
#define SECRET "ChapSecret1234"

static const struct {
	int alg;
	const char *rsp;	/* id 0x2a, SECRET, CHAL_HEX */
	const char *big;	/* id 255, 256-byte secret, 1024-byte chal */
	const char *empty;	/* id 0, empty secret, challenge 00 */
} kat[] = {
	{ CHAP_ALG_MD5, "5e3c4d2ae4861387b5a987c69939e8c1",
	  "e780ad1f47aa24be911d1ab55b37635c",
	  "c4103f122d27677c9db144cae1394a66" },
	{ CHAP_ALG_SHA1, "2abfb836c0da01bc4c64874bd0f6ab43d580ff4e",
	  "95f2ad2f4c459357ed0b60f02d9e62f0fdab9452",
	  "1489f923c4dca729178b3e3233458550d8dddf29" },
	{ CHAP_ALG_SHA256,
	  "67212f1e919ad83e794a1529ecff50b4ec7ccee5b23903b9257ecdd42a394425",
	  "8517e90e5ed037875011a17a4d2dba8926293cc0452d515da1fab0e739d4be62",
	  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7" },
	{ CHAP_ALG_SHA3_256,
	  "cb2d894abea3e8a3cd306e0dce57d9a318ef08de5ac6285533bc3f6dcff4fa6d",
	  "7d89effc3375b320cb415ca52b66fe65dc3a8c87bf9688d832a9f6bfe5227963",
	  "762ba6a3d9312bf3e6dc71e74f34208e889fc44e6ff400724deecfeda7d5b3ce" },
};

#define NKAT (sizeof(kat) / sizeof(kat[0]))

static void test_algs(void)
{
	CHECK_INT(chap_digest_len(CHAP_ALG_MD5), 16);
	CHECK_INT(chap_digest_len(CHAP_ALG_SHA1), 20);
	CHECK_INT(chap_digest_len(CHAP_ALG_SHA256), 32);
	CHECK_INT(chap_digest_len(CHAP_ALG_SHA3_256), 32);
	CHECK_INT(chap_digest_len(0), 0);
	CHECK_INT(chap_digest_len(4), 0);
	CHECK_INT(chap_digest_len(9), 0);
	CHECK_INT(chap_alg_from_name("MD5"), 5);
	CHECK_INT(chap_alg_from_name("SHA1"), 6);
	CHECK_INT(chap_alg_from_name("SHA256"), 7);
	CHECK_INT(chap_alg_from_name("SHA3-256"), 8);
	CHECK_INT(chap_alg_from_name("SHA3"), -1);
	CHECK_INT(chap_alg_from_name("MD5 "), -1);
	CHECK_INT(chap_alg_from_name(""), -1);
	CHECK_INT(chap_alg_from_name(NULL), -1);
	CHECK_STR(chap_alg_name(CHAP_ALG_SHA3_256), "SHA3-256");
	CHECK_STR(chap_alg_name(CHAP_ALG_MD5), "MD5");
	CHECK(chap_alg_name(42) == NULL);
}

/* A login as the target would drive it: CHAP_C text in, CHAP_R text out. */
static void test_response(void)
{
	uint8_t chal[64], want[CHAP_DIGEST_MAX], got[CHAP_DIGEST_MAX];
	char hex[2 * CHAP_DIGEST_MAX + 3], expect[2 * CHAP_DIGEST_MAX + 3];
	size_t clen, dlen, i;

	CHECK_INT(chap_decode("0x" CHAL_HEX, chal, sizeof(chal), &clen), 0);
	CHECK_INT(clen, 16);
	for (i = 0; i < NKAT; i++) {
		dlen = chap_digest_len(kat[i].alg);
		CHECK_INT(tap_unhex(kat[i].rsp, want, sizeof(want)), dlen);
		memset(got, 0, sizeof(got));
		CHECK_INT(chap_response(kat[i].alg, 0x2a,
					(const uint8_t *)SECRET,
					strlen(SECRET), chal, clen, got), 0);
		CHECK_MEM(got, dlen, want, dlen);
		CHECK_INT(chap_encode_hex(got, dlen, hex, sizeof(hex)), 0);
		strcpy(expect, "0x");
		strcat(expect, kat[i].rsp);
		CHECK_STR(hex, expect);
	}
	/* the same challenge sent as base64 gives the same answer */
	CHECK_INT(chap_decode("0begvU4cBfbi+bHD1OX2Bxgg==", chal, sizeof(chal),
			      &clen), 0);
	CHECK_INT(chap_response(CHAP_ALG_MD5, 0x2a, (const uint8_t *)SECRET,
				strlen(SECRET), chal, clen, got), 0);
	tap_unhex(kat[0].rsp, want, sizeof(want));
	CHECK_MEM(got, 16, want, 16);
	/* an RFC 1994 §4.1 style MD5 exchange: id 1, "secret", 00..0f */
	for (i = 0; i < 16; i++)
		chal[i] = (uint8_t)i;
	tap_unhex("740e86463bda3a4d7017d6e0fba0699d", want, sizeof(want));
	CHECK_INT(chap_response(CHAP_ALG_MD5, 1, (const uint8_t *)"secret", 6,
				chal, 16, got), 0);
	CHECK_MEM(got, 16, want, 16);
}

/* Edge sizes: id 255, the longest secret, the longest challenge; and
 * an empty secret (the id byte must still be hashed first). */
static void test_response_edges(void)
{
	static uint8_t secret[CHAP_SECRET_MAX], chal[CHAP_CHALLENGE_MAX];
	uint8_t want[CHAP_DIGEST_MAX], got[CHAP_DIGEST_MAX];
	uint8_t zero = 0;
	size_t i, dlen;

	for (i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)(i * 3);
	for (i = 0; i < sizeof(chal); i++)
		chal[i] = (uint8_t)(i * 11 + 5);
	for (i = 0; i < NKAT; i++) {
		dlen = chap_digest_len(kat[i].alg);
		tap_unhex(kat[i].big, want, sizeof(want));
		CHECK_INT(chap_response(kat[i].alg, 255, secret,
					sizeof(secret), chal, sizeof(chal),
					got), 0);
		CHECK_MEM(got, dlen, want, dlen);
		tap_unhex(kat[i].empty, want, sizeof(want));
		CHECK_INT(chap_response(kat[i].alg, 0, NULL, 0, &zero, 1, got),
			  0);
		CHECK_MEM(got, dlen, want, dlen);
	}
	CHECK_INT(chap_response(4, 1, secret, 1, chal, 1, got), -EINVAL);
	CHECK_INT(chap_response(CHAP_ALG_MD5, 1, NULL, 1, chal, 1, got),
		  -EINVAL);
	CHECK_INT(chap_response(CHAP_ALG_MD5, 1, secret, 1, NULL, 1, got),
		  -EINVAL);
	CHECK_INT(chap_response(CHAP_ALG_MD5, 1, secret, 1, chal, 1, NULL),
		  -EINVAL);
}

static void test_verify(void)
{
	uint8_t chal[16], rsp[CHAP_DIGEST_MAX + 1];
	const uint8_t *sec = (const uint8_t *)SECRET;
	size_t slen = strlen(SECRET), i, dlen;

	tap_unhex(CHAL_HEX, chal, sizeof(chal));
	for (i = 0; i < NKAT; i++) {
		int alg = kat[i].alg;

		dlen = chap_digest_len(alg);
		tap_unhex(kat[i].rsp, rsp, sizeof(rsp));
		rsp[dlen] = 0;
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 16, rsp,
				      dlen), 0);
		/* short, long and empty responses */
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 16, rsp,
				      dlen - 1), -EACCES);
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 16, rsp,
				      dlen + 1), -EACCES);
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 16, rsp, 0),
			  -EACCES);
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 16, NULL,
				      dlen), -EACCES);
		/* wrong id, wrong secret, wrong challenge */
		CHECK_INT(chap_verify(alg, 0x2b, sec, slen, chal, 16, rsp,
				      dlen), -EACCES);
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen - 1, chal, 16, rsp,
				      dlen), -EACCES);
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 15, rsp,
				      dlen), -EACCES);
		/* one flipped bit in the first and in the last byte */
		rsp[0] ^= 1;
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 16, rsp,
				      dlen), -EACCES);
		rsp[0] ^= 1;
		rsp[dlen - 1] ^= 0x80;
		CHECK_INT(chap_verify(alg, 0x2a, sec, slen, chal, 16, rsp,
				      dlen), -EACCES);
	}
	/* a response right for MD5 is not accepted for another algorithm */
	tap_unhex(kat[0].rsp, rsp, sizeof(rsp));
	CHECK_INT(chap_verify(CHAP_ALG_SHA1, 0x2a, sec, slen, chal, 16, rsp,
			      16), -EACCES);
	CHECK_INT(chap_verify(3, 0x2a, sec, slen, chal, 16, rsp, 16),
		  -EACCES);
}

static void check_decode(const char *s, const char *want_hex)
{
	uint8_t want[64], got[64];
	size_t wlen = tap_unhex(want_hex, want, sizeof(want)), glen = 99;

	CHECK_INT(chap_decode(s, got, sizeof(got), &glen), 0);
	CHECK_MEM(got, glen, want, wlen);
}

static void test_decode(void)
{
	uint8_t buf[8];
	size_t len;

	check_decode("0x00", "00");
	check_decode("0xabCD", "abcd");
	check_decode("0XABcd", "abcd");
	check_decode("0x1", "01");		/* odd: leading zero nibble */
	check_decode("0xabc", "0abc");
	check_decode("0x0123456", "00 12 34 56");
	check_decode("0bAA==", "00");
	check_decode("0BAA", "00");		/* padding optional */
	check_decode("0bQUI=", "4142");
	check_decode("0bQUI", "4142");
	check_decode("0bQUJD", "414243");
	check_decode("0b+/+/", "fbffbf");
	check_decode("0b////", "ffffff");

	/* syntax errors */
	CHECK_INT(chap_decode("", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0x", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0b", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0b==", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("abcd", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("1xab", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0yab", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0xag", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0xab ", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode(" 0xab", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0x-1", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0x0x12", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQ", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQUJDR", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQQ=", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQQ===", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQUJD=", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQ=UI", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQU-I", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0bQU I", buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode(NULL, buf, sizeof(buf), &len), -EINVAL);
	CHECK_INT(chap_decode("0x12", buf, sizeof(buf), NULL), -EINVAL);

	/* exactly full, one over, and a syntax error past the end */
	CHECK_INT(chap_decode("0x0102030405060708", buf, 8, &len), 0);
	CHECK_INT(len, 8);
	CHECK_INT(chap_decode("0x010203040506070809", buf, 8, &len),
		  -EMSGSIZE);
	CHECK_INT(chap_decode("0x1010203040506070809", buf, 8, &len),
		  -EMSGSIZE);
	CHECK_INT(chap_decode("0x01020304050607080z", buf, 8, &len),
		  -EINVAL);
	CHECK_INT(chap_decode("0bAAAAAAAAAAA", buf, 8, &len), 0);
	CHECK_INT(len, 8);
	CHECK_INT(chap_decode("0bAAAAAAAAAAAA", buf, 8, &len), -EMSGSIZE);
	CHECK_INT(chap_decode("0x12", NULL, 0, &len), -EMSGSIZE);
}

static void test_encode(void)
{
	static const uint8_t in[] = { 0x00, 0x0f, 0xa5, 0xff };
	uint8_t back[8];
	char out[3 + 2 * sizeof(in)];
	size_t len;

	CHECK_INT(chap_encode_hex(in, sizeof(in), out, sizeof(out)), 0);
	CHECK_STR(out, "0x000fa5ff");
	CHECK_INT(chap_decode(out, back, sizeof(back), &len), 0);
	CHECK_MEM(back, len, in, sizeof(in));
	CHECK_INT(chap_encode_hex(in, sizeof(in), out, sizeof(out) - 1),
		  -EMSGSIZE);
	CHECK_INT(chap_encode_hex(in, 1, out, 2), -EMSGSIZE);
	CHECK_INT(chap_encode_hex(in, 0, out, sizeof(out)), -EINVAL);
	CHECK_INT(chap_encode_hex(NULL, 1, out, sizeof(out)), -EINVAL);
}

static void test_wipe(void)
{
	uint8_t buf[33];
	size_t i;
	int nz = 0;

	memset(buf, 0xa5, sizeof(buf));
	chap_wipe(buf, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		nz |= buf[i];
	CHECK_INT(nz, 0);
	chap_wipe(NULL, 10);	/* must not crash */
}

int main(void)
{
	test_algs();
	test_response();
	test_response_edges();
	test_verify();
	test_decode();
	test_encode();
	test_wipe();
	return tap_done();
}
