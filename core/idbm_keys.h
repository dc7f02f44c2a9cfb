/* SPDX-License-Identifier: MIT */
/* idbm_keys.h - internal: the key tables behind idbm.h.  A record kind is
 * a list of segments; a segment is a key table plus the offset of the
 * struct it describes inside the record (the iface inside a node).  The
 * table order is the print order of open-iscsi 2.1.8.  Names and values
 * are packed (a key is 8 bytes): a key's name is its prefix
 * (idbm_key_prefix) followed by the matching string of its segment's
 * names, which are NUL-separated in table order. */
#ifndef ISCSIBOX_IDBM_KEYS_H
#define ISCSIBOX_IDBM_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "core/idbm.h"

enum idbm_type {
	IDBM_T_STR,
	IDBM_T_INT,
	IDBM_T_U8,
	IDBM_T_U16,
	IDBM_T_U32,
	IDBM_T_ENUM,	/* int index into idbm_key_values() */
	IDBM_T_ALGS,	/* int[IDBM_CHAP_ALGS_MAX] of CHAP_A numbers */
};

#define IDBM_K_HIDE 0x01	/* never printed (password lengths) */
#define IDBM_K_MASK 0x02	/* "********" in dumps unless -S */
#define IDBM_K_LOOKUP 0x04	/* part of the record's identity */
#define IDBM_K_V4 0x08		/* iface IPv4 group */
#define IDBM_K_V6 0x10		/* iface IPv6 group */
#define IDBM_K_NAME 0x20	/* the iface name: recreate to change */
#define IDBM_K_NODE_RW 0x40	/* iface key a node update may change */

struct idbm_key {
	uint8_t type;
	uint8_t flags;
	uint8_t opts;		/* IDBM_T_ENUM: see idbm_key_values() */
	uint8_t pfx;		/* see idbm_key_prefix() */
	uint16_t off;
	uint16_t size;
};

#define IDBM_SEG_IFACE 0x1	/* iface keys inside a node record */

struct idbm_seg {
	const struct idbm_key *keys;
	const char *names;	/* nkeys names after their prefix, NUL-separated */
	size_t nkeys;
	size_t base;		/* offset of the described struct in rec */
	unsigned flags;
};

/* The start of k's name ("iface.", "node.session.", ...). */
const char *idbm_key_prefix(const struct idbm_key *k);

/* An IDBM_T_ENUM key's values in index order, NUL-separated, ending with
 * an empty string; "" for other keys. */
const char *idbm_key_values(const struct idbm_key *k);

/* The segments of kind for this record (the discovery key set depends on
 * its type).  Returns the number of segments (at most 3). */
size_t idbm_kind_segs(enum idbm_kind kind, const void *rec,
		      struct idbm_seg *segs);

#endif
