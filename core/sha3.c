/* SPDX-License-Identifier: MIT */
/* sha3.c - SHA3-256 (FIPS 202 §6.1): Keccak-f[1600] sponge, rate 136 bytes,
 * domain padding 0x06 ... 0x80 (§B.2).
 *
 * Written for size, not speed: the binary runs in early boot, and CHAP
 * hashes a few hundred bytes per login, so the permutation is a plain loop
 * (no unrolling, no lane tables: the rho/pi walk and the iota round
 * constants are generated on the fly as in FIPS 202 §3.2.2 and §3.2.5) and
 * bytes are absorbed one at a time, which also keeps it endian-neutral. */
#include "core/sha3.h"

#include <string.h>

#include <mbedtls/platform_util.h>

#define SHA3_256_RATE 136	/* 200 - 2 * 32 bytes */

static uint64_t sha3_rotl(uint64_t v, unsigned n)
{
	n &= 63;
	return n ? (v << n) | (v >> (64 - n)) : v;
}

/* Keccak-f[1600], 24 rounds of theta, rho+pi, chi, iota. */
static void sha3_permute(uint64_t st[25])
{
	uint64_t c[5], cur, tmp;
	unsigned round, x, y, t, nx;
	uint8_t lfsr = 1;	/* rc(t) generator, x^8+x^6+x^5+x^4+1 */

	for (round = 0; round < 24; round++) {
		/* theta: each column's parity folds into its neighbours */
		for (x = 0; x < 5; x++)
			c[x] = st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^
			       st[x + 20];
		for (x = 0; x < 5; x++) {
			tmp = c[(x + 4) % 5] ^ sha3_rotl(c[(x + 1) % 5], 1);
			for (y = 0; y < 25; y += 5)
				st[y + x] ^= tmp;
		}
		/* rho and pi together: walk (x,y) -> (y, 2x+3y) from (1,0),
		 * rotating the t-th lane by (t+1)(t+2)/2 */
		x = 1;
		y = 0;
		cur = st[1];
		for (t = 0; t < 24; t++) {
			nx = y;
			y = (2 * x + 3 * y) % 5;
			x = nx;
			tmp = st[x + 5 * y];
			st[x + 5 * y] = sha3_rotl(cur, (t + 1) * (t + 2) / 2);
			cur = tmp;
		}
		/* chi: non-linear step along each row */
		for (y = 0; y < 25; y += 5) {
			for (x = 0; x < 5; x++)
				c[x] = st[y + x];
			for (x = 0; x < 5; x++)
				st[y + x] = c[x] ^
					    (~c[(x + 1) % 5] & c[(x + 2) % 5]);
		}
		/* iota: round constant bits sit at positions 2^j - 1 */
		for (t = 0; t < 7; t++) {
			if (lfsr & 1)
				st[0] ^= (uint64_t)1 << ((1u << t) - 1);
			lfsr = (uint8_t)((lfsr << 1) ^
					 ((lfsr & 0x80) ? 0x71 : 0));
		}
	}
}

static void sha3_xor_byte(struct sha3_ctx *c, size_t pos, uint8_t b)
{
	c->st[pos / 8] ^= (uint64_t)b << (8 * (pos % 8));
}

void sha3_256_init(struct sha3_ctx *c)
{
	memset(c, 0, sizeof(*c));
}

void sha3_256_update(struct sha3_ctx *c, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len--) {
		sha3_xor_byte(c, c->pos++, *p++);
		if (c->pos == SHA3_256_RATE) {
			sha3_permute(c->st);
			c->pos = 0;
		}
	}
}

void sha3_256_final(struct sha3_ctx *c, uint8_t out[SHA3_256_LEN])
{
	size_t i;

	/* SHA-3 domain bits 01 then pad10*1 (FIPS 202 §B.2); when pos is
	 * the last byte of the block both land in it as 0x86. */
	sha3_xor_byte(c, c->pos, 0x06);
	sha3_xor_byte(c, SHA3_256_RATE - 1, 0x80);
	sha3_permute(c->st);
	for (i = 0; i < SHA3_256_LEN; i++)
		out[i] = (uint8_t)(c->st[i / 8] >> (8 * (i % 8)));
	/* the state is derived from the CHAP secret: do not leave it, and
	 * use a wipe the compiler cannot drop as a dead store */
	mbedtls_platform_zeroize(c, sizeof(*c));
}

void sha3_256(const void *data, size_t len, uint8_t out[SHA3_256_LEN])
{
	struct sha3_ctx c;

	sha3_256_init(&c);
	sha3_256_update(&c, data, len);
	sha3_256_final(&c, out);
}
