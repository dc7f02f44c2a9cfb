/* SPDX-License-Identifier: MIT */
/* alloc.c - size-class allocator over mmap() (alloc.h). */
#include "core/alloc.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define ALLOC_HDR 16			/* header, keeps 16-byte alignment */
#define ALLOC_MIN_SHIFT 5		/* 32: header + a free-list link */
#define ALLOC_MAX_SHIFT 16		/* 64 KiB; bigger: own mapping */
#define ALLOC_ARENA (256 * 1024)
#define ALLOC_PAGE 4096
#define ALLOC_USED 0x6973637369626f78UL	/* check word of a live block */
#define ALLOC_FREE 0x667265656672656fUL	/* ... of a freed one */

struct alloc_hdr {
	size_t len;	/* whole block: class size, or mapping length */
	size_t check;	/* ALLOC_USED or ALLOC_FREE, xor len */
};

static struct alloc_hdr *alloc_lists[ALLOC_MAX_SHIFT + 1];
static char *alloc_next, *alloc_end;	/* unused part of the arena */

static void *alloc_map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The header of a live block; anything else is a bug worth stopping for. */
static struct alloc_hdr *alloc_hdr_of(const void *p)
{
	struct alloc_hdr *h = (struct alloc_hdr *)((char *)p - ALLOC_HDR);

	if (h->check != (ALLOC_USED ^ h->len))
		__builtin_trap();
	return h;
}

void *alloc_malloc(size_t n)
{
	struct alloc_hdr *h;
	size_t len;
	int shift;

	if (n > ((size_t)1 << ALLOC_MAX_SHIFT) - ALLOC_HDR) {
		if (n > SIZE_MAX / 2) {
			errno = ENOMEM;
			return NULL;
		}
		len = (n + ALLOC_HDR + ALLOC_PAGE - 1) & ~(size_t)(ALLOC_PAGE - 1);
		h = alloc_map(len);
		if (!h)
			return NULL;
		goto out;
	}
	shift = n + ALLOC_HDR <= (1U << ALLOC_MIN_SHIFT) ? ALLOC_MIN_SHIFT :
		(int)(sizeof(long) * 8) - __builtin_clzl(n + ALLOC_HDR - 1);
	len = (size_t)1 << shift;
	h = alloc_lists[shift];
	if (h) {
		alloc_lists[shift] = *(struct alloc_hdr **)(h + 1);
		goto out;
	}
	if ((size_t)(alloc_end - alloc_next) < len) {
		/* the old arena's tail (< 64 KiB, never touched) is left */
		alloc_next = alloc_map(ALLOC_ARENA);
		if (!alloc_next) {
			alloc_end = NULL;
			return NULL;
		}
		alloc_end = alloc_next + ALLOC_ARENA;
	}
	h = (struct alloc_hdr *)alloc_next;
	alloc_next += len;
out:
	h->len = len;
	h->check = ALLOC_USED ^ len;
	return h + 1;
}

void alloc_free(void *p)
{
	struct alloc_hdr *h;
	int shift;

	if (!p)
		return;
	h = alloc_hdr_of(p);
	if (h->len > ((size_t)1 << ALLOC_MAX_SHIFT)) {
		munmap(h, h->len);
		return;
	}
	shift = __builtin_ctzl(h->len);
	h->check = ALLOC_FREE ^ h->len;
	*(struct alloc_hdr **)(h + 1) = alloc_lists[shift];
	alloc_lists[shift] = h;
}

size_t alloc_usable(const void *p)
{
	return alloc_hdr_of(p)->len - ALLOC_HDR;
}

void *alloc_calloc(size_t m, size_t n)
{
	size_t len;
	void *p;

	if (__builtin_mul_overflow(m, n, &len)) {
		errno = ENOMEM;
		return NULL;
	}
	p = alloc_malloc(len);
	if (p)
		memset(p, 0, len);
	return p;
}

void *alloc_realloc(void *p, size_t n)
{
	size_t have;
	void *q;

	if (!p)
		return alloc_malloc(n);
	have = alloc_usable(p);
	if (n <= have)
		return p;
	q = alloc_malloc(n);
	if (q) {
		memcpy(q, p, have);
		alloc_free(p);
	}
	return q;
}
