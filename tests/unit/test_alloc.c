/* SPDX-License-Identifier: MIT */
/* test_alloc.c - core/alloc.c, the static build's malloc: alignment and
 * usable size per class, freed blocks reused by their class, contents kept
 * across realloc growth (small to small, small to mapped, mapped to
 * mapped), calloc zeroing and overflow, and a long random workload whose
 * every block keeps its own pattern (overlap between live blocks shows). */
#include "core/alloc.h"
#include "tap.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void test_classes(void)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 48, 100, 1000,
					4096, 65519, 65520, 65521, 200000 };
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *p = alloc_malloc(sizes[i]);

		CHECK(p != NULL);
		if (!p)
			continue;
		CHECK_INT((uintptr_t)p % 16, 0);
		CHECK(alloc_usable(p) >= sizes[i]);
		/* no class wastes more than half its block */
		if (sizes[i] > 16 && sizes[i] < 65520)
			CHECK(alloc_usable(p) + 16 <= 2 * (sizes[i] + 16));
		memset(p, 0x5a, sizes[i]);
		alloc_free(p);
	}
	alloc_free(NULL);
}

static void test_reuse(void)
{
	void *a = alloc_malloc(40), *b, *c;

	alloc_free(a);
	b = alloc_malloc(33);	/* same class as 40 */
	CHECK(b == a);
	c = alloc_malloc(40);
	CHECK(c != b);
	alloc_free(b);
	alloc_free(c);
}

static int pattern_ok(const unsigned char *p, size_t n, unsigned char v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(v + i))
			return 0;
	return 1;
}

static void fill(unsigned char *p, size_t n, unsigned char v)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v + i);
}

static void test_realloc(void)
{
	static const size_t steps[] = { 10, 30, 500, 70000, 300000, 100 };
	unsigned char *p = alloc_realloc(NULL, 5), *q;
	size_t i, have = 5;

	CHECK(p != NULL);
	if (!p)
		return;
	fill(p, have, 7);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		q = alloc_realloc(p, steps[i]);
		CHECK(q != NULL);
		if (!q)
			break;
		p = q;
		if (steps[i] < have)
			have = steps[i];
		CHECK(pattern_ok(p, have, 7));
		have = steps[i];
		fill(p, have, 7);
	}
	alloc_free(p);
}

static void test_calloc(void)
{
	unsigned char *p = alloc_malloc(256);
	size_t i, nonzero = 0;

	memset(p, 0xff, 256);
	alloc_free(p);
	/* the block just freed, dirty, comes back zeroed */
	p = alloc_calloc(16, 15);
	CHECK(p != NULL);
	for (i = 0; p && i < 240; i++)
		nonzero += p[i] != 0;
	CHECK_INT(nonzero, 0);
	alloc_free(p);
	errno = 0;
	CHECK(alloc_calloc(SIZE_MAX / 2, 3) == NULL);
	CHECK_INT(errno, ENOMEM);
	errno = 0;
	CHECK(alloc_malloc(SIZE_MAX - 8) == NULL);
	CHECK_INT(errno, ENOMEM);
}

#define SLOTS 512

/* Random sizes (mostly small, some mapped), random frees and reallocs;
 * each live block holds a pattern seeded by its slot, checked before it is
 * touched again and once at the end. */
static void test_workload(void)
{
	static unsigned char *blk[SLOTS];
	static size_t len[SLOTS];
	uint32_t seed = 12345;
	size_t bad = 0, fails = 0;
	int i, s;

	for (i = 0; i < 200000; i++) {
		size_t n;

		seed = seed * 1103515245 + 12345;
		s = (int)((seed >> 8) % SLOTS);
		n = (seed >> 20) % 97 == 0 ? 70000 + (seed >> 16) % 9000 :
			(seed >> 12) % 2000;
		if (blk[s] && !pattern_ok(blk[s], len[s], (unsigned char)s))
			bad++;
		if (blk[s] && (seed & 3) == 0) {
			unsigned char *q = alloc_realloc(blk[s], n);

			if (!q) {
				fails++;
				continue;
			}
			blk[s] = q;
		} else {
			alloc_free(blk[s]);
			blk[s] = alloc_malloc(n);
			if (!blk[s]) {
				fails++;
				continue;
			}
		}
		len[s] = n;
		fill(blk[s], n, (unsigned char)s);
	}
	for (s = 0; s < SLOTS; s++) {
		if (blk[s] && !pattern_ok(blk[s], len[s], (unsigned char)s))
			bad++;
		alloc_free(blk[s]);
	}
	CHECK_INT(bad, 0);
	CHECK_INT(fails, 0);
}

/* The libc names, where core/alloc_libc.c provides them, are the same
 * allocator: a block from malloc() has alloc.c's header. */
static void test_libc_names(void)
{
#if ISCSIBOX_SMALL_MALLOC
	char *p = malloc(100);

	CHECK(p != NULL);
	CHECK_INT(alloc_usable(p), 112);
	free(p);
#endif
}

int main(void)
{
	test_classes();
	test_reuse();
	test_realloc();
	test_calloc();
	test_workload();
	test_libc_names();
	return tap_done();
}
