/* SPDX-License-Identifier: MIT */
/* ibft_build.h - build iBFT tables byte by byte for the tests and the
 * fuzz seeds: ACPI header, control structure, structures at chosen
 * offsets, a string heap, then length and checksum. */
#ifndef ISCSIBOX_IBFT_BUILD_H
#define ISCSIBOX_IBFT_BUILD_H

#include <stdint.h>
#include <string.h>

struct tb {
	uint8_t b[2048];
	unsigned len;		/* end of the used area */
	unsigned heap;		/* next free string byte */
};

static inline void tb_w16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

/* Header + control; structures go at 0x50.., strings from 0x200. */
static inline void tb_init(struct tb *t, const char *sig)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, sig, 4);
	t->b[8] = 1;
	memcpy(t->b + 10, "ISCBOX", 6);
	memcpy(t->b + 16, "FWTEST01", 8);
	t->b[48] = 1;
	t->b[49] = 1;
	tb_w16(t->b + 50, 18);
	t->heap = 0x200;
	t->len = 0x200;
}

static inline void tb_slot(struct tb *t, int slot, unsigned off)
{
	tb_w16(t->b + 48 + 8 + 2 * slot, off);
}

/* A string in the heap; its (len, off) pair written at field f. */
static inline void tb_str(struct tb *t, unsigned f, const char *s)
{
	unsigned n = (unsigned)strlen(s);

	if (!n)
		return;
	memcpy(t->b + t->heap, s, n);
	tb_w16(t->b + f, n);
	tb_w16(t->b + f + 2, t->heap);
	t->heap += n + 1;
	if (t->heap > t->len)
		t->len = t->heap;
}

static inline void tb_hdr(struct tb *t, unsigned off, int id, unsigned len,
			  int index, int flags)
{
	t->b[off] = (uint8_t)id;
	t->b[off + 1] = 1;
	tb_w16(t->b + off + 2, len);
	t->b[off + 4] = (uint8_t)index;
	t->b[off + 5] = (uint8_t)flags;
}

static inline void tb_ip4(uint8_t *p, int a, int b, int c, int d)
{
	memset(p, 0, 10);
	p[10] = p[11] = 0xff;
	p[12] = (uint8_t)a;
	p[13] = (uint8_t)b;
	p[14] = (uint8_t)c;
	p[15] = (uint8_t)d;
}

static inline void tb_initiator(struct tb *t, unsigned off, const char *name)
{
	tb_hdr(t, off, 2, 74, 0, 3);
	tb_str(t, off + 70, name);
}

/* The usual shape: initiator at 0x50, nic0 at 0xa0, target0 at 0x110. */
static inline void tb_layout3(struct tb *t, const char *initiator)
{
	tb_init(t, "iBFT");
	tb_slot(t, 0, 0x50);
	tb_slot(t, 1, 0xa0);
	tb_slot(t, 2, 0x110);
	tb_initiator(t, 0x50, initiator);
}

/* NIC: address/gateway set with tb_ip4 on t->b + off + 6 / + 24 etc. */
static inline void tb_nic(struct tb *t, unsigned off, int index, int flags,
			  int prefix, int origin, unsigned vlan,
			  const uint8_t mac[6], unsigned bdf)
{
	tb_hdr(t, off, 3, 102, index, flags);
	t->b[off + 22] = (uint8_t)prefix;
	t->b[off + 23] = (uint8_t)origin;
	tb_w16(t->b + off + 88, vlan);
	memcpy(t->b + off + 90, mac, 6);
	tb_w16(t->b + off + 96, bdf);
}

static inline void tb_target(struct tb *t, unsigned off, int index, int flags,
			     unsigned port, const uint8_t lun[8], int nic,
			     const char *name, const char *user,
			     const char *secret, const char *ruser,
			     const char *rsecret)
{
	tb_hdr(t, off, 4, 54, index, flags);
	tb_w16(t->b + off + 22, port);
	memcpy(t->b + off + 24, lun, 8);
	t->b[off + 32] = (uint8_t)(ruser[0] ? 2 : user[0] ? 1 : 0);
	t->b[off + 33] = (uint8_t)nic;
	tb_str(t, off + 34, name);
	tb_str(t, off + 38, user);
	tb_str(t, off + 42, secret);
	tb_str(t, off + 46, ruser);
	tb_str(t, off + 50, rsecret);
}

/* Length field and checksum over the used area. */
static inline unsigned tb_finish(struct tb *t)
{
	uint8_t sum = 0;
	unsigned i;

	t->b[4] = (uint8_t)t->len;
	t->b[5] = (uint8_t)(t->len >> 8);
	t->b[6] = t->b[7] = 0;
	t->b[9] = 0;
	for (i = 0; i < t->len; i++)
		sum = (uint8_t)(sum + t->b[i]);
	t->b[9] = (uint8_t)(0x100 - sum);
	return t->len;
}

#endif
