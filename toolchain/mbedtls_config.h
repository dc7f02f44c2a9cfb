/* SPDX-License-Identifier: MIT */
/* mbedtls_config.h - the mbedtls 2.28 configuration iscsibox is built with.
 *
 * Only what the initiator uses: the CHAP digests (RFC 7143 §12.1.3: CHAP_A
 * 5 = MD5, 6 = SHA-1, 7 = SHA-256) and the generic MD layer.  Random
 * challenges come from getrandom() directly (core/rng.c), so no AES,
 * CTR-DRBG or entropy pool: they cost ~4 KB and added nothing.
 * SHA3-256 (CHAP_A 8) is not in mbedtls 2.28; core/sha3.c has it.
 *
 * Passed as MBEDTLS_CONFIG_FILE to mbedcrypto_min AND to every user of its
 * headers (toolchain/mbedtls.cmake): context struct layouts depend on it.
 * Always available without an option: mbedtls_platform_zeroize()
 * (platform_util.c) and mbedtls_ct_memcmp() (constant_time.c). */
#ifndef ISCSIBOX_MBEDTLS_CONFIG_H
#define ISCSIBOX_MBEDTLS_CONFIG_H

/* Digests, small variants: size over speed, CHAP hashes a few bytes */
#define MBEDTLS_MD_C
#define MBEDTLS_MD5_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER

#include "mbedtls/check_config.h"

#endif
