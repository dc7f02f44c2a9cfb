/* SPDX-License-Identifier: MIT */
/* alloc_libc.c - malloc, free, calloc and realloc on top of alloc.h,
 * replacing libc's in the static build (ISCSIBOX_SMALL_MALLOC, on with
 * musl).  musl's own users (stdio, opendir, strdup, setenv, ...) call
 * these names too; its few internal __libc_malloc users left in the link
 * (atexit) keep musl's never-freed bump allocator, and none of their
 * memory reaches free(). */
#include "core/alloc.h"

#if ISCSIBOX_SMALL_MALLOC
#include <stdlib.h>

void *malloc(size_t n)
{
	return alloc_malloc(n);
}

void free(void *p)
{
	alloc_free(p);
}

void *calloc(size_t m, size_t n)
{
	return alloc_calloc(m, n);
}

void *realloc(void *p, size_t n)
{
	return alloc_realloc(p, n);
}
#endif
