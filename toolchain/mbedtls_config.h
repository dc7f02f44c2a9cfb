/* SPDX-License-Identifier: MIT */
/* mbedtls_config.h - the mbedtls 2.28 configuration iscsibox is built with.
 *
 * Only what the initiator uses: the CHAP digests (RFC 7143 §12.1.3: CHAP_A
 * 5 = MD5, 6 = SHA-1, 7 = SHA-256), the generic MD layer, and CTR-DRBG
 * (NIST SP 800-90A, AES-256) for challenges and identifiers, seeded from
 * getrandom() by core/rng.c.  mbedtls' own platform entropy stays out: under
 * musl it would read /dev/urandom, which may not exist in an initramfs.
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

/* AES for CTR-DRBG only; tables in .rodata, one quarter of the full set */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_AES_FEWER_TABLES

/* Random numbers: the entropy accumulator hashes with SHA-256 (no SHA-512
 * in this build); sources are registered by the caller. */
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_ENTROPY_FORCE_SHA256
#define MBEDTLS_NO_PLATFORM_ENTROPY

#include "mbedtls/check_config.h"

#endif
