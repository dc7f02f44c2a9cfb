/* SPDX-License-Identifier: MIT */
/* rng.h - random bytes for CHAP challenges/identifiers, straight from the
 * kernel's generator, getrandom() (which blocks until the kernel CRNG is
 * ready; in early boot give the VM a virtio-rng).
 * Ownership: rng_new() -> caller, rng_delete(NULL) is a no-op. */
#ifndef ISCSIBOX_RNG_H
#define ISCSIBOX_RNG_H

#include <stddef.h>

struct rng;

struct rng *rng_new(void);
void rng_delete(struct rng *rng);
/* len bytes from the kernel's generator (getrandom), no handle needed
 * (e.g. a generated initiator name).  0 or -errno. */
int rng_kernel(void *out, size_t len);
/* 0 or -EIO. */
int rng_bytes(struct rng *rng, void *out, size_t len);

#endif
