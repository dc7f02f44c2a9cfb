/* SPDX-License-Identifier: MIT */
/* sha3.h - SHA3-256 (FIPS 202) for CHAP_A=8.  mbedtls 2.28, the version
 * Debian 12 ships, has no SHA-3, so this is a small own Keccak-f[1600]. */
#ifndef ISCSIBOX_SHA3_H
#define ISCSIBOX_SHA3_H

#include <stddef.h>
#include <stdint.h>

#define SHA3_256_LEN 32

struct sha3_ctx {
	uint64_t st[25];
	size_t pos;		/* bytes absorbed into the current block */
};

void sha3_256_init(struct sha3_ctx *c);
void sha3_256_update(struct sha3_ctx *c, const void *data, size_t len);
void sha3_256_final(struct sha3_ctx *c, uint8_t out[SHA3_256_LEN]);
void sha3_256(const void *data, size_t len, uint8_t out[SHA3_256_LEN]);

#endif
