/* SPDX-License-Identifier: MIT */
/* alloc.h - the static build's memory allocator (ISCSIBOX_SMALL_MALLOC,
 * on with musl): core/alloc_libc.c makes malloc, free, calloc and realloc
 * these functions, which keeps musl's mallocng (~8 KB) out of the binary.
 *
 * Power-of-two size classes from 32 bytes to 64 KiB, each with its own
 * free list, carved from 256 KiB mmap() arenas; bigger blocks are mmap()ed
 * one by one and munmap()ed on free.  A freed small block is reused for a
 * later request of the same class, so a long-running iscsid's memory is
 * bounded by its peak use per class, with no fragmentation growth.  Every
 * block carries a 16-byte header (its size and a check word); a free or
 * realloc of a pointer whose header does not check out (double free, heap
 * overrun, foreign pointer) stops the program at once.
 *
 * The state (free lists, current arena) is process-wide like any malloc's;
 * the product runs one thread, so there is no lock.  Pointers are 16-byte
 * aligned (max_align_t).  Same contracts as the C functions: NULL with
 * errno = ENOMEM on failure, free(NULL) and realloc(NULL, n) as usual,
 * calloc checks m * n for overflow. */
#ifndef ISCSIBOX_ALLOC_H
#define ISCSIBOX_ALLOC_H

#include <stddef.h>

void *alloc_malloc(size_t n);
void alloc_free(void *p);
void *alloc_calloc(size_t m, size_t n);
void *alloc_realloc(void *p, size_t n);
/* Usable bytes of a block from alloc_malloc (at least what was asked). */
size_t alloc_usable(const void *p);

#endif
