/* SPDX-License-Identifier: MIT */
/* chap.c - CHAP responses and binary values for iSCSI login (see chap.h).
 * RFC 1994 §4.1: response = H(identifier || secret || challenge);
 * RFC 7143 §12.1.3: CHAP_A/CHAP_I/CHAP_C/CHAP_N/CHAP_R;
 * RFC 7143 §6.1: binary-value = "0x" hex-constant / "0b" base64-constant.
 * MD5, SHA-1 and SHA-256 come from mbedtls' per-algorithm modules (no
 * generic md layer, to keep the linked crypto minimal); SHA3-256 is our
 * own (sha3.c). */
#include "core/chap.h"
#include "core/sha3.h"

#include <errno.h>
#include <string.h>

#include <mbedtls/constant_time.h>
#include <mbedtls/md5.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>

static const struct {
	int alg;
	size_t len;
	const char *name;	/* node.session.auth.chap_algs token */
} chap_algs[] = {
	{ CHAP_ALG_MD5, 16, "MD5" },
	{ CHAP_ALG_SHA1, 20, "SHA1" },
	{ CHAP_ALG_SHA256, 32, "SHA256" },
	{ CHAP_ALG_SHA3_256, SHA3_256_LEN, "SHA3-256" },
};

#define CHAP_NALGS (sizeof(chap_algs) / sizeof(chap_algs[0]))

size_t chap_digest_len(int alg)
{
	size_t i;

	for (i = 0; i < CHAP_NALGS; i++)
		if (chap_algs[i].alg == alg)
			return chap_algs[i].len;
	return 0;
}

/* Tokens match exactly, as the iscsid.conf documentation spells them. */
int chap_alg_from_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < CHAP_NALGS; i++)
		if (strcmp(chap_algs[i].name, name) == 0)
			return chap_algs[i].alg;
	return -1;
}

const char *chap_alg_name(int alg)
{
	size_t i;

	for (i = 0; i < CHAP_NALGS; i++)
		if (chap_algs[i].alg == alg)
			return chap_algs[i].name;
	return NULL;
}

/* One hash context for whichever algorithm was negotiated. */
struct chap_hash {
	int alg;
	union {
		mbedtls_md5_context md5;
		mbedtls_sha1_context sha1;
		mbedtls_sha256_context sha256;
		struct sha3_ctx sha3;
	} u;
};

static int chap_hash_start(struct chap_hash *h, int alg)
{
	h->alg = alg;
	switch (alg) {
	case CHAP_ALG_MD5:
		mbedtls_md5_init(&h->u.md5);
		return mbedtls_md5_starts_ret(&h->u.md5);
	case CHAP_ALG_SHA1:
		mbedtls_sha1_init(&h->u.sha1);
		return mbedtls_sha1_starts_ret(&h->u.sha1);
	case CHAP_ALG_SHA256:
		mbedtls_sha256_init(&h->u.sha256);
		return mbedtls_sha256_starts_ret(&h->u.sha256, 0);
	case CHAP_ALG_SHA3_256:
		sha3_256_init(&h->u.sha3);
		return 0;
	}
	return -1;
}

static int chap_hash_update(struct chap_hash *h, const uint8_t *p, size_t n)
{
	switch (h->alg) {
	case CHAP_ALG_MD5:
		return mbedtls_md5_update_ret(&h->u.md5, p, n);
	case CHAP_ALG_SHA1:
		return mbedtls_sha1_update_ret(&h->u.sha1, p, n);
	case CHAP_ALG_SHA256:
		return mbedtls_sha256_update_ret(&h->u.sha256, p, n);
	case CHAP_ALG_SHA3_256:
		sha3_256_update(&h->u.sha3, p, n);
		return 0;
	}
	return -1;
}

static int chap_hash_finish(struct chap_hash *h, uint8_t *out)
{
	switch (h->alg) {
	case CHAP_ALG_MD5:
		return mbedtls_md5_finish_ret(&h->u.md5, out);
	case CHAP_ALG_SHA1:
		return mbedtls_sha1_finish_ret(&h->u.sha1, out);
	case CHAP_ALG_SHA256:
		return mbedtls_sha256_finish_ret(&h->u.sha256, out);
	case CHAP_ALG_SHA3_256:
		sha3_256_final(&h->u.sha3, out);
		return 0;
	}
	return -1;
}

int chap_response(int alg, uint8_t id, const uint8_t *secret, size_t slen,
		  const uint8_t *chal, size_t clen, uint8_t *out)
{
	struct chap_hash h;
	int rc = -EINVAL;

	if (!chap_digest_len(alg) || !out || (!secret && slen) ||
	    (!chal && clen))
		return -EINVAL;
	/* RFC 1994 §4.1: the identifier octet, the secret, the challenge */
	if (chap_hash_start(&h, alg) || chap_hash_update(&h, &id, 1) ||
	    (slen && chap_hash_update(&h, secret, slen)) ||
	    (clen && chap_hash_update(&h, chal, clen)) ||
	    chap_hash_finish(&h, out))
		goto out;
	rc = 0;
out:
	/* the context holds secret-derived state */
	chap_wipe(&h, sizeof(h));
	return rc;
}

int chap_verify(int alg, uint8_t id, const uint8_t *secret, size_t slen,
		const uint8_t *chal, size_t clen, const uint8_t *rsp,
		size_t rlen)
{
	uint8_t want[CHAP_DIGEST_MAX];
	int rc = -EACCES;

	/* the length is public (it follows from CHAP_A); only the bytes
	 * are compared in constant time */
	if (!rsp || rlen == 0 || rlen != chap_digest_len(alg))
		return -EACCES;
	if (chap_response(alg, id, secret, slen, chal, clen, want) == 0 &&
	    mbedtls_ct_memcmp(want, rsp, rlen) == 0)
		rc = 0;
	chap_wipe(want, sizeof(want));
	return rc;
}

static int chap_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 7143 §6.1 hex-constant body: one or more digits, most significant
 * first; an odd count means the first byte holds a single digit.  Bytes
 * past max are counted, not written, so a syntax error anywhere wins
 * over -EMSGSIZE. */
static int chap_decode_hex(const char *s, uint8_t *out, size_t max,
			   size_t *len)
{
	size_t n = strlen(s), i, o = 0;
	int hi, lo;

	if (n == 0)
		return -EINVAL;
	for (i = 0; i < n; o++) {
		hi = 0;
		if ((n - i) % 2 == 0 && (hi = chap_hexval(s[i++])) < 0)
			return -EINVAL;
		lo = chap_hexval(s[i++]);
		if (lo < 0)
			return -EINVAL;
		if (o < max)
			out[o] = (uint8_t)(hi << 4 | lo);
	}
	*len = o;
	return o > max ? -EMSGSIZE : 0;
}

static int chap_b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* RFC 7143 §6.1 base64-constant body (RFC 4648 §4 alphabet).  '=' padding
 * is optional, but if present it must complete the last quantum; a
 * lone sixth-bit character (length 1 mod 4) cannot encode a byte. */
static int chap_decode_b64(const char *s, uint8_t *out, size_t max,
			   size_t *len)
{
	size_t n = strlen(s), pad = 0, i, o = 0;
	uint32_t acc = 0;
	unsigned bits = 0;
	int v;

	while (n > 0 && s[n - 1] == '=' && pad < 2) {
		n--;
		pad++;
	}
	if (n == 0 || n % 4 == 1 || (pad && (n + pad) % 4 != 0))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		v = chap_b64val(s[i]);
		if (v < 0)
			return -EINVAL;
		acc = (acc << 6 | (uint32_t)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o < max)
				out[o] = (uint8_t)(acc >> bits);
			o++;
		}
	}
	*len = o;
	return o > max ? -EMSGSIZE : 0;
}

int chap_decode(const char *s, uint8_t *out, size_t max, size_t *len)
{
	size_t n = 0;
	int rc;

	if (!s || !len || (!out && max))
		return -EINVAL;
	*len = 0;
	if (s[0] != '0')
		return -EINVAL;
	if (s[1] == 'x' || s[1] == 'X')
		rc = chap_decode_hex(s + 2, out, max, &n);
	else if (s[1] == 'b' || s[1] == 'B')
		rc = chap_decode_b64(s + 2, out, max, &n);
	else
		return -EINVAL;
	if (rc == 0)
		*len = n;
	return rc;
}

int chap_encode_hex(const uint8_t *in, size_t len, char *out, size_t outsz)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	/* an empty "0x" is not a valid hex-constant (RFC 7143 §6.1) */
	if (!in || len == 0 || !out)
		return -EINVAL;
	if (outsz < 3 || len > (outsz - 3) / 2)
		return -EMSGSIZE;
	out[0] = '0';
	out[1] = 'x';
	for (i = 0; i < len; i++) {
		out[2 + 2 * i] = digits[in[i] >> 4];
		out[3 + 2 * i] = digits[in[i] & 15];
	}
	out[2 + 2 * len] = '\0';
	return 0;
}

void chap_wipe(void *p, size_t len)
{
	if (p)
		mbedtls_platform_zeroize(p, len);
}
