/* SPDX-License-Identifier: MIT */
/* chap.h - CHAP for iSCSI login (RFC 7143 §12.1.3, RFC 1994):
 * response = H(id || secret || challenge) with CHAP_A 5 MD5, 6 SHA-1,
 * 7 SHA-256, 8 SHA3-256 (IANA PPP authentication algorithms), binary
 * value encoding (0x hex / 0b base64, RFC 7143 §6.1) and a constant-time
 * check of the target's response for mutual CHAP. */
#ifndef ISCSIBOX_CHAP_H
#define ISCSIBOX_CHAP_H

#include <stddef.h>
#include <stdint.h>

enum chap_alg {
	CHAP_ALG_MD5 = 5,
	CHAP_ALG_SHA1 = 6,
	CHAP_ALG_SHA256 = 7,
	CHAP_ALG_SHA3_256 = 8,
};

#define CHAP_DIGEST_MAX 32
#define CHAP_CHALLENGE_MAX 1024	/* bytes accepted from a target */
#define CHAP_SECRET_MAX 256	/* open-iscsi AUTH_STR_MAX_LEN */

/* Digest length of an algorithm, 0 if not one we support. */
size_t chap_digest_len(int alg);
/* "MD5", "SHA1", "SHA256", "SHA3-256" (node.session.auth.chap_algs
 * tokens) <-> numbers; -1 / NULL when unknown. */
int chap_alg_from_name(const char *name);
const char *chap_alg_name(int alg);

/* out must hold chap_digest_len(alg) bytes. Returns 0 or -EINVAL. */
int chap_response(int alg, uint8_t id, const uint8_t *secret, size_t slen,
		  const uint8_t *chal, size_t clen, uint8_t *out);
/* 0 if rsp is the right response (constant-time compare), else -EACCES. */
int chap_verify(int alg, uint8_t id, const uint8_t *secret, size_t slen,
		const uint8_t *chal, size_t clen, const uint8_t *rsp,
		size_t rlen);

/* Decode a binary value "0x..." (hex, odd digit count allowed per
 * RFC 7143 §6.1) or "0b..." (base64) into out (max bytes).
 * Returns 0 and *len, or -EINVAL (syntax) / -EMSGSIZE (too long). */
int chap_decode(const char *s, uint8_t *out, size_t max, size_t *len);
/* Encode as "0x" + lowercase hex into out (outsz >= 3 + 2*len). */
int chap_encode_hex(const uint8_t *in, size_t len, char *out, size_t outsz);

/* Wipe memory the compiler may not optimise away. */
void chap_wipe(void *p, size_t len);

#endif
