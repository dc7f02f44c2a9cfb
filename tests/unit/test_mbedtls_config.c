/* SPDX-License-Identifier: MIT */
/* test_mbedtls_config.c - the minimal mbedcrypto build (toolchain/
 * mbedtls_config.h) is the one in use and it works: the CHAP digests
 * (RFC 7143 §12.1.3; vectors from RFC 1321, FIPS 180-2 / RFC 3174 /
 * RFC 6234) through the generic MD layer, constant-time compare and
 * zeroize.  No AES, CTR-DRBG or entropy pool: core/rng.c reads
 * getrandom() directly. */
#include "tap.h"

#include <string.h>

#include <mbedtls/constant_time.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

/* Our config, not mbedtls' default one, reached this file: features we
 * leave out must be absent, the ones we chose present. */
static void test_config_in_effect(void)
{
#ifdef MBEDTLS_CONFIG_FILE
	CHECK(strstr(MBEDTLS_CONFIG_FILE, "mbedtls_config.h") != NULL);
#else
	CHECK(!"MBEDTLS_CONFIG_FILE not passed to users of mbedcrypto_min");
#endif
#if defined(MBEDTLS_SHA512_C) || defined(MBEDTLS_PLATFORM_C) || \
	defined(MBEDTLS_SSL_TLS_C) || defined(MBEDTLS_BIGNUM_C)
	CHECK(!"default mbedtls config in use");
#endif
#if !defined(MBEDTLS_SHA256_SMALLER)
	CHECK(!"size options of mbedtls_config.h missing");
#endif
#if defined(MBEDTLS_AES_C) || defined(MBEDTLS_CTR_DRBG_C) || \
	defined(MBEDTLS_ENTROPY_C)
	CHECK(!"AES/CTR-DRBG/entropy linked again: core/rng.c needs none");
#endif
	CHECK(mbedtls_md_info_from_type(MBEDTLS_MD_SHA512) == NULL);
	CHECK(mbedtls_md_info_from_string("SHA256") != NULL);
}

struct md_vector {
	mbedtls_md_type_t type;
	const char *msg;
	size_t repeat;		/* msg is hashed this many times over */
	const char *hex;
};

#define ABC56 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define DIGITS80 "1234567890123456789012345678901234567890" \
		 "1234567890123456789012345678901234567890"

static const struct md_vector md_vectors[] = {
	{ MBEDTLS_MD_MD5, "", 1, "d41d8cd98f00b204e9800998ecf8427e" },
	{ MBEDTLS_MD_MD5, "abc", 1, "900150983cd24fb0d6963f7d28e17f72" },
	{ MBEDTLS_MD_MD5, DIGITS80, 1, "57edf4a22be3c955ac49da2e2107b67a" },
	{ MBEDTLS_MD_MD5, "a", 1000000, "7707d6ae4e027c70eea2a935c2296f21" },
	{ MBEDTLS_MD_SHA1, "", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
	{ MBEDTLS_MD_SHA1, "abc", 1,
	  "a9993e364706816aba3e25717850c26c9cd0d89d" },
	{ MBEDTLS_MD_SHA1, ABC56, 1,
	  "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
	{ MBEDTLS_MD_SHA1, "a", 1000000,
	  "34aa973cd4c4daa4f61eeb2bdbad27316534016f" },
	{ MBEDTLS_MD_SHA256, "", 1,
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ MBEDTLS_MD_SHA256, "abc", 1,
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ MBEDTLS_MD_SHA256, ABC56, 1,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ MBEDTLS_MD_SHA256, "a", 1000000,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

/* One vector through mbedtls_md_setup/starts/update/finish; returns the
 * digest length or 0 on any mbedtls error. */
static size_t md_run(const struct md_vector *v, uint8_t *out)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(v->type);
	mbedtls_md_context_t ctx;
	size_t i, len = 0;

	mbedtls_md_init(&ctx);
	if (!info || mbedtls_md_setup(&ctx, info, 0) != 0 ||
	    mbedtls_md_starts(&ctx) != 0)
		goto out;
	for (i = 0; i < v->repeat; i++)
		if (mbedtls_md_update(&ctx, (const unsigned char *)v->msg,
				      strlen(v->msg)) != 0)
			goto out;
	if (mbedtls_md_finish(&ctx, out) != 0)
		goto out;
	len = mbedtls_md_get_size(info);
out:
	mbedtls_md_free(&ctx);
	return len;
}

static void test_md_vectors(void)
{
	uint8_t got[MBEDTLS_MD_MAX_SIZE], want[MBEDTLS_MD_MAX_SIZE];
	size_t i, wlen;

	for (i = 0; i < sizeof(md_vectors) / sizeof(md_vectors[0]); i++) {
		wlen = tap_unhex(md_vectors[i].hex, want, sizeof(want));
		CHECK_MEM(got, md_run(&md_vectors[i], got), want, wlen);
	}
}

/* The one-shot mbedtls_md() agrees with the streaming path. */
static void test_md_oneshot(void)
{
	const mbedtls_md_info_t *info;
	uint8_t got[32], want[32];

	info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	CHECK(info != NULL);
	if (!info)
		return;
	tap_unhex("ba7816bf8f01cfea414140de5dae2223"
		  "b00361a396177a9cb410ff61f20015ad", want, sizeof(want));
	CHECK_INT(mbedtls_md(info, (const unsigned char *)"abc", 3, got), 0);
	CHECK_MEM(got, sizeof(got), want, sizeof(want));
}

/* The two functions CHAP relies on for secrets. */
static void test_ct_and_zeroize(void)
{
	uint8_t x[16] = "0123456789abcdef", y[16] = "0123456789abcdeg";
	size_t i, nonzero = 0;

	CHECK_INT(mbedtls_ct_memcmp(x, x, sizeof(x)), 0);
	CHECK(mbedtls_ct_memcmp(x, y, sizeof(x)) != 0);
	CHECK_INT(mbedtls_ct_memcmp(x, y, sizeof(x) - 1), 0);
	mbedtls_platform_zeroize(x, sizeof(x));
	for (i = 0; i < sizeof(x); i++)
		nonzero += x[i] != 0;
	CHECK_INT(nonzero, 0);
}

int main(void)
{
	test_config_in_effect();
	test_md_vectors();
	test_md_oneshot();
	test_ct_and_zeroize();
	return tap_done();
}
