/* SPDX-License-Identifier: MIT */
/* rng.c - random bytes for CHAP identifiers and challenges (RFC 7143
 * §12.1.3 wants them unpredictable): mbedtls CTR-DRBG (NIST SP 800-90A)
 * whose entropy callback reads getrandom().  The callback is handed to the
 * DRBG directly, so no mbedtls entropy pool (and none of its platform
 * polling code) is linked in. */
#include "core/rng.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>

#include <mbedtls/ctr_drbg.h>

struct rng {
	mbedtls_ctr_drbg_context drbg;
};

/* Personalisation string for the DRBG instance (SP 800-90A §8.7.1). */
static const char rng_pers[] = "iscsibox chap";

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

/* mbedtls entropy callback: the kernel CRNG. */
static int rng_entropy(void *unused, unsigned char *buf, size_t len)
{
	return rng_kernel(buf, len) < 0 ?
		       MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED : 0;
}

struct rng *rng_new(void)
{
	struct rng *rng = calloc(1, sizeof(*rng));

	if (!rng)
		return NULL;
	mbedtls_ctr_drbg_init(&rng->drbg);
	if (mbedtls_ctr_drbg_seed(&rng->drbg, rng_entropy, NULL,
				  (const unsigned char *)rng_pers,
				  sizeof(rng_pers) - 1) != 0) {
		rng_delete(rng);
		return NULL;
	}
	return rng;
}

void rng_delete(struct rng *rng)
{
	if (!rng)
		return;
	/* mbedtls_ctr_drbg_free() also wipes the key and counter */
	mbedtls_ctr_drbg_free(&rng->drbg);
	free(rng);
}

int rng_bytes(struct rng *rng, void *out, size_t len)
{
	unsigned char *p = out;
	size_t n;

	if (!rng || (!out && len))
		return -EIO;
	/* CTR-DRBG refuses requests above MBEDTLS_CTR_DRBG_MAX_REQUEST */
	while (len) {
		n = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ?
			    len : MBEDTLS_CTR_DRBG_MAX_REQUEST;
		if (mbedtls_ctr_drbg_random(&rng->drbg, p, n) != 0)
			return -EIO;
		p += n;
		len -= n;
	}
	return 0;
}
