/* SPDX-License-Identifier: MIT */
/* rng.c - random bytes for CHAP identifiers and challenges (RFC 7143
 * §12.1.3 wants them unpredictable), from getrandom().  The kernel's
 * generator is a cryptographic DRBG already (ChaCha20, reseeded by the
 * kernel); a CTR-DRBG of our own on top of it (mbedtls, AES) added ~4 KB
 * of code to an early-boot binary and nothing to a handful of challenge
 * bytes per login.  The handle stays so callers need not change if a
 * user-space generator ever comes back. */
#include "core/rng.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

struct rng {
	char unused;
};

int rng_kernel(void *out, size_t len)
{
	unsigned char *buf = out;
	ssize_t n;

	/* getrandom() blocks until the CRNG is initialised and may return
	 * short reads or EINTR for large requests; loop until done. */
	while (len) {
		n = getrandom(buf, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

struct rng *rng_new(void)
{
	return calloc(1, sizeof(struct rng));
}

void rng_delete(struct rng *rng)
{
	free(rng);
}

int rng_bytes(struct rng *rng, void *out, size_t len)
{
	if (!rng || (!out && len))
		return -EIO;
	return rng_kernel(out, len) < 0 ? -EIO : 0;
}
