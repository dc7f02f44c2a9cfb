/* SPDX-License-Identifier: MIT */
/* test_rng.c - the CHAP random source: draws differ, every length (small,
 * around 1024 and several KB, where a short read would show) is filled
 * completely, and the output is not grossly biased.  Randomness cannot be proven by a unit
 * test; these checks catch a broken seed, a stuck generator, or a request
 * that is only partly written. */
#include "core/rng.h"
#include "tap.h"

#include <errno.h>
#include <string.h>

#define BIG 5000	/* several KB, not a multiple of 1024 */

/* Number of bytes still equal to the 0xa5 fill after a draw: with a
 * working generator about 1 in 256, far below len / 16 for len >= 256. */
static size_t rng_untouched(const uint8_t *p, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += p[i] == 0xa5;
	return n;
}

static void test_differ(void)
{
	struct rng *a = rng_new(), *b = rng_new();
	uint8_t x[32], y[32], z[32];

	CHECK(a != NULL);
	CHECK(b != NULL);
	if (!a || !b)
		goto out;
	CHECK_INT(rng_bytes(a, x, sizeof(x)), 0);
	CHECK_INT(rng_bytes(a, y, sizeof(y)), 0);
	CHECK_INT(rng_bytes(b, z, sizeof(z)), 0);
	/* same instance twice, and two instances: 2^-256 chance to clash */
	CHECK(memcmp(x, y, sizeof(x)) != 0);
	CHECK(memcmp(x, z, sizeof(x)) != 0);
	CHECK(memcmp(y, z, sizeof(y)) != 0);
out:
	rng_delete(a);
	rng_delete(b);
}

static void test_lengths(void)
{
	static uint8_t buf[BIG + 1];
	static const size_t lens[] = { 1, 16, 255, 1023, 1024, 1025, 2048,
				       BIG };
	struct rng *r = rng_new();
	unsigned hist[256] = { 0 };
	size_t i, k;

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(rng_bytes(r, buf, 0), 0);
	CHECK_INT(rng_bytes(r, NULL, 0), 0);
	for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		memset(buf, 0xa5, sizeof(buf));
		CHECK_INT(rng_bytes(r, buf, lens[k]), 0);
		/* nothing written past the end */
		CHECK_INT(buf[lens[k]], 0xa5);
		if (lens[k] >= 256)
			CHECK(rng_untouched(buf, lens[k]) < lens[k] / 16);
	}
	/* the tail of a long request (after the last full 1024-byte
	 * chunk) is filled too */
	memset(buf, 0xa5, sizeof(buf));
	CHECK_INT(rng_bytes(r, buf, BIG), 0);
	CHECK(rng_untouched(buf + 4096, BIG - 4096) < (BIG - 4096) / 16);
	/* every byte value shows up in 5000 draws; a missing one means the
	 * output is badly skewed (p < 256 * e^-19.5, about 1e-6) */
	for (i = 0; i < BIG; i++)
		hist[buf[i]]++;
	for (i = 0, k = 0; i < 256; i++)
		k += hist[i] == 0;
	CHECK_INT(k, 0);
	rng_delete(r);
}

static void test_errors(void)
{
	uint8_t b[4];

	CHECK_INT(rng_bytes(NULL, b, sizeof(b)), -EIO);
	rng_delete(NULL);	/* a no-op */
}

int main(void)
{
	test_differ();
	test_lengths();
	test_errors();
	return tap_done();
}
