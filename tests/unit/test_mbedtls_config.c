/* SPDX-License-Identifier: MIT */
/* test_mbedtls_config.c - the minimal mbedcrypto build (toolchain/
 * mbedtls_config.h) is the one in use and it works: the CHAP digests
 * (RFC 7143 §12.1.3; vectors from RFC 1321, FIPS 180-2 / RFC 3174 /
 * RFC 6234) through the generic MD layer, AES-256 (FIPS-197 C.3), and
 * CTR-DRBG seeded from a caller-supplied entropy callback (NIST CAVP
 * CTR_DRBG AES-256 with derivation function, no prediction resistance). */
#include "tap.h"

#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/constant_time.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
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
#if !defined(MBEDTLS_SHA256_SMALLER) || !defined(MBEDTLS_AES_ROM_TABLES) || \
	!defined(MBEDTLS_AES_FEWER_TABLES) || \
	!defined(MBEDTLS_NO_PLATFORM_ENTROPY)
	CHECK(!"size/entropy options of mbedtls_config.h missing");
#endif
	/* ENTROPY_FORCE_SHA256: the accumulator is SHA-256 sized */
	CHECK_INT(MBEDTLS_ENTROPY_BLOCK_SIZE, 32);
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

/* FIPS-197 Appendix C.3: AES-256 with the ROM + fewer-tables variant. */
static void test_aes256(void)
{
	mbedtls_aes_context aes;
	uint8_t key[32], pt[16], ct[16], want[16];

	tap_unhex("000102030405060708090a0b0c0d0e0f"
		  "101112131415161718191a1b1c1d1e1f", key, sizeof(key));
	tap_unhex("00112233445566778899aabbccddeeff", pt, sizeof(pt));
	tap_unhex("8ea2b7ca516745bfeafc49904b496089", want, sizeof(want));
	mbedtls_aes_init(&aes);
	CHECK_INT(mbedtls_aes_setkey_enc(&aes, key, 256), 0);
	CHECK_INT(mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, pt, ct), 0);
	CHECK_MEM(ct, sizeof(ct), want, sizeof(want));
	mbedtls_aes_free(&aes);
}

/* Entropy callback handing out a fixed byte string in order, as CTR-DRBG
 * asks for it (seed: entropy then nonce; reseed: entropy). */
struct feed {
	const uint8_t *p;
	size_t len, off;
};

static int feed_entropy(void *arg, unsigned char *buf, size_t len)
{
	struct feed *f = arg;

	if (len > f->len - f->off)
		return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
	memcpy(buf, f->p + f->off, len);
	f->off += len;
	return 0;
}

/* NIST CAVP CTR_DRBG, AES-256 use df, PredictionResistance = False:
 * instantiate (entropy 32 + nonce 16, personalisation 32), reseed
 * (entropy 32), generate 64 bytes twice, compare the second block. */
static void test_ctr_drbg_kat(void)
{
	uint8_t entropy[80], pers[32], want[64], out[64];
	struct feed f = { entropy, sizeof(entropy), 0 };
	mbedtls_ctr_drbg_context drbg;

	tap_unhex("4cfb218673346d9d50c922e49b0dfcd0"
		  "90adf04f5c3ba47327dfcd6fa63a785c"	/* entropy */
		  "016962a7fd2787a24bf6be47ef3783f1"	/* nonce */
		  "b7ec46072363834a1b0133f2c23891db"
		  "4f11a68651f23e3a8b1fdc03b192c7e7",	/* reseed */
		  entropy, sizeof(entropy));
	tap_unhex("88eeb8e0e83bf3294bdacd6099ebe4bf"
		  "55ecd9113f71e5ebcb4575f3d6a68a6b", pers, sizeof(pers));
	tap_unhex("a55180a190bef3adaf28f6b795e9f1f3"
		  "d6dfa1b27dd0467b0c75f5fa931e9714"
		  "75b27cae03a29654e2f40966ea336430"
		  "40d1400fe677873af8097c1fe9f00298", want, sizeof(want));
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_ctr_drbg_set_entropy_len(&drbg, 32);
	mbedtls_ctr_drbg_set_nonce_len(&drbg, 16);
	CHECK_INT(mbedtls_ctr_drbg_seed(&drbg, feed_entropy, &f, pers,
					sizeof(pers)), 0);
	CHECK_INT(f.off, 48);
	CHECK_INT(mbedtls_ctr_drbg_reseed(&drbg, NULL, 0), 0);
	CHECK_INT(f.off, 80);
	CHECK_INT(mbedtls_ctr_drbg_random(&drbg, out, sizeof(out)), 0);
	CHECK_INT(mbedtls_ctr_drbg_random(&drbg, out, sizeof(out)), 0);
	CHECK_MEM(out, sizeof(out), want, sizeof(want));
	/* the callback's failure reaches the caller */
	CHECK_INT(mbedtls_ctr_drbg_reseed(&drbg, NULL, 0),
		  MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED);
	mbedtls_ctr_drbg_free(&drbg);
}

/* Source for the entropy accumulator: a counter, marked strong. */
static int counter_source(void *arg, unsigned char *out, size_t len,
			  size_t *olen)
{
	unsigned char *ctr = arg;
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = (*ctr)++;
	*olen = len;
	return 0;
}

/* DRBG seeded through mbedtls_entropy from a source we register; returns
 * the mbedtls result of seeding and fills out on success. */
static int drbg_via_entropy(unsigned char start, uint8_t *out, size_t len,
			    int add_source)
{
	mbedtls_entropy_context ent;
	mbedtls_ctr_drbg_context drbg;
	unsigned char ctr = start;
	int rc;

	mbedtls_entropy_init(&ent);
	mbedtls_ctr_drbg_init(&drbg);
	if (add_source) {
		rc = mbedtls_entropy_add_source(&ent, counter_source, &ctr, 32,
						MBEDTLS_ENTROPY_SOURCE_STRONG);
		if (rc != 0)
			goto out;
	}
	rc = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &ent, NULL, 0);
	if (rc == 0)
		rc = mbedtls_ctr_drbg_random(&drbg, out, len);
out:
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&ent);
	return rc;
}

static void test_entropy_pool(void)
{
	uint8_t a[32], b[32], c[32];

	/* NO_PLATFORM_ENTROPY: an empty pool has no strong source */
	CHECK(drbg_via_entropy(0, a, sizeof(a), 0) != 0);
	/* deterministic source, same output; another seed, another output */
	CHECK_INT(drbg_via_entropy(1, a, sizeof(a), 1), 0);
	CHECK_INT(drbg_via_entropy(1, b, sizeof(b), 1), 0);
	CHECK_INT(drbg_via_entropy(2, c, sizeof(c), 1), 0);
	CHECK_MEM(a, sizeof(a), b, sizeof(b));
	CHECK(memcmp(a, c, sizeof(a)) != 0);
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
	test_aes256();
	test_ctr_drbg_kat();
	test_entropy_pool();
	test_ct_and_zeroize();
	return tap_done();
}
