/* SPDX-License-Identifier: MIT */
/* test_sha3.c - SHA3-256 against known answers around the 136-byte rate
 * boundary, one-shot and fed in odd-sized pieces.
 *
 * The expected digests were produced independently with Python's
 * hashlib.sha3_256 over the message byte i = (i * 7 + 1) & 0xff, e.g.
 *   python3 -c "import hashlib; print(hashlib.sha3_256(bytes(
 *       (i*7+1)&0xff for i in range(137))).hexdigest())"
 * "abc" is also FIPS 202's published example. */
#include "core/sha3.h"
#include "tap.h"

#include <string.h>

static const struct {
	size_t len;
	const char *hex;
} vectors[] = {
	{ 0, "a7ffc6f8bf1ed76651c14756a061d662"
	  "f580ff4de43b49fa82d80a4b80f8434a" },
	{ 3, "87006fc41b38735b9f02c804367b5db7"
	  "528b5a28004fe212cbc92fa817b2d2b1" },
	{ 135, "64ccd300c1cf3d3846046bd588a1613e"
	  "5ba619c09d45d4b7cc9afa093af29e19" },
	{ 136, "f106d1024a855c6a20d300bb53ec5472"
	  "a1bae126fa630fee78219b51add7d768" },
	{ 137, "fa4d0b0141ec2c69a5dc314ed611a081"
	  "9b920e95d13d586df89f370809e9465a" },
	{ 1000, "f52bb9a061de5033072addecb5d5087c"
	  "4025b22d80f64829998ac8254f59fa81" },
};

static uint8_t msg[1000];

static void test_oneshot(void)
{
	uint8_t want[SHA3_256_LEN], got[SHA3_256_LEN];
	size_t i;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		CHECK_INT(tap_unhex(vectors[i].hex, want, sizeof(want)),
			  SHA3_256_LEN);
		memset(got, 0, sizeof(got));
		sha3_256(msg, vectors[i].len, got);
		CHECK_MEM(got, sizeof(got), want, sizeof(want));
	}
}

/* The same digests when the input arrives in pieces of 1, 7, 13, 135,
 * 136 and 200 bytes, so block boundaries fall inside and between calls. */
static void test_chunks(void)
{
	static const size_t steps[] = { 1, 7, 13, 135, 136, 200 };
	uint8_t want[SHA3_256_LEN], got[SHA3_256_LEN];
	struct sha3_ctx c;
	size_t i, s, off, n;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		tap_unhex(vectors[i].hex, want, sizeof(want));
		for (s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
			sha3_256_init(&c);
			for (off = 0; off < vectors[i].len; off += n) {
				n = vectors[i].len - off;
				if (n > steps[s])
					n = steps[s];
				sha3_256_update(&c, msg + off, n);
			}
			sha3_256_update(&c, msg, 0);
			sha3_256_final(&c, got);
			CHECK_MEM(got, sizeof(got), want, sizeof(want));
		}
	}
}

static void test_abc_and_wipe(void)
{
	static const uint8_t zero[sizeof(struct sha3_ctx)];
	uint8_t want[SHA3_256_LEN], got[SHA3_256_LEN];
	struct sha3_ctx c;

	tap_unhex("3a985da74fe225b2045c172d6bd390bd"
		  "855f086e3e9d525b46bfe24511431532", want, sizeof(want));
	sha3_256_init(&c);
	sha3_256_update(&c, "ab", 2);
	sha3_256_update(&c, "c", 1);
	sha3_256_final(&c, got);
	CHECK_MEM(got, sizeof(got), want, sizeof(want));
	/* final leaves no secret-derived state behind */
	CHECK(memcmp(&c, zero, sizeof(c)) == 0);
	/* ... and a one-bit change of input changes the digest */
	sha3_256("abd", 3, got);
	CHECK(memcmp(got, want, sizeof(want)) != 0);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7 + 1);
	test_oneshot();
	test_chunks();
	test_abc_and_wipe();
	return tap_done();
}
