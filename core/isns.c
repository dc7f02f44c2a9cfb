/* SPDX-License-Identifier: MIT */
/* isns.c - iSNS requests and responses (RFC 4171 §5 framing, §6 attributes)
 * for iSCSI discovery; see isns.h. */
#include "core/isns.h"

#include "core/be.h"
#include "core/strlist.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Attribute tags, RFC 4171 §6.1. */
enum {
	TAG_DELIMITER = 0,
	TAG_PORTAL_ADDR = 16,
	TAG_PORTAL_PORT = 17,
	TAG_ISCSI_NAME = 32,
	TAG_NODE_TYPE = 33,
	TAG_PG_NAME = 48,
	TAG_PG_ADDR = 49,
	TAG_PG_PORT = 50,
	TAG_PG_TAG = 51,
};

/* iSCSI Node Type bits, RFC 4171 §6.4.2. */
#define NODE_TARGET 0x1u
#define NODE_INITIATOR 0x2u

/* A request under construction; overflow is remembered, not written. */
struct isns_msg {
	uint8_t *buf;
	size_t cap, len;
	int err;
};

static void msg_attr(struct isns_msg *m, uint32_t tag, const void *val,
		     size_t vlen, size_t padded)
{
	if (m->err)
		return;
	if (padded > ISNS_PAYLOAD_MAX || m->cap - m->len < 8 + padded) {
		m->err = -ENOSPC;
		return;
	}
	be_put32(m->buf + m->len, tag);
	be_put32(m->buf + m->len + 4, (uint32_t)padded);
	memset(m->buf + m->len + 8, 0, padded);
	if (vlen)
		memcpy(m->buf + m->len + 8, val, vlen);
	m->len += 8 + padded;
}

/* Strings are NUL-terminated and padded to 4 bytes (§6.1, "String"). */
static void msg_str(struct isns_msg *m, uint32_t tag, const char *s)
{
	size_t l = strlen(s);

	if (l >= ISNS_NAME_MAX) {
		m->err = -EINVAL;
		return;
	}
	msg_attr(m, tag, s, l, (l + 4) & ~(size_t)3);
}

static void msg_u32(struct isns_msg *m, uint32_t tag, uint32_t v)
{
	uint8_t b[4];

	be_put32(b, v);
	msg_attr(m, tag, b, 4, 4);
}

static void msg_begin(struct isns_msg *m, uint8_t *buf, size_t n,
		      const char *source)
{
	m->buf = buf;
	m->cap = n;
	m->len = ISNS_HDR_LEN;
	m->err = n < ISNS_HDR_LEN ? -ENOSPC : 0;
	msg_str(m, TAG_ISCSI_NAME, source);	/* Source attribute, §5.6.1 */
}

static long msg_end(struct isns_msg *m, uint16_t func, uint16_t xid)
{
	size_t plen = m->len - ISNS_HDR_LEN;

	if (m->err)
		return m->err;
	if (plen > ISNS_PAYLOAD_MAX)
		return -ENOSPC;
	be_put16(m->buf, 1);			/* iSNSP version */
	be_put16(m->buf + 2, func);
	be_put16(m->buf + 4, (uint16_t)plen);
	be_put16(m->buf + 6, ISNS_F_CLIENT | ISNS_F_FIRST | ISNS_F_LAST);
	be_put16(m->buf + 8, xid);
	be_put16(m->buf + 10, 0);
	return (long)m->len;
}

long isns_build_query(uint8_t *buf, size_t n, uint16_t xid,
		      const char *source)
{
	static const uint32_t wanted[] = {
		TAG_ISCSI_NAME, TAG_NODE_TYPE, TAG_PORTAL_ADDR,
		TAG_PORTAL_PORT, TAG_PG_NAME, TAG_PG_ADDR, TAG_PG_PORT,
		TAG_PG_TAG,
	};
	struct isns_msg m;

	/* §5.6.5.2: key "every Target node", then the attributes we want
	 * back, each as a zero-length operating attribute. */
	msg_begin(&m, buf, n, source);
	msg_u32(&m, TAG_NODE_TYPE, NODE_TARGET);
	msg_attr(&m, TAG_DELIMITER, NULL, 0, 0);
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++)
		msg_attr(&m, wanted[i], NULL, 0, 0);
	return msg_end(&m, ISNS_DEV_ATTR_QRY, xid);
}

long isns_build_reg(uint8_t *buf, size_t n, uint16_t xid, const char *iname)
{
	struct isns_msg m;

	/* §5.6.5.1 without a key: the server makes a new entity holding
	 * just this initiator node. */
	msg_begin(&m, buf, n, iname);
	msg_attr(&m, TAG_DELIMITER, NULL, 0, 0);
	msg_str(&m, TAG_ISCSI_NAME, iname);
	msg_u32(&m, TAG_NODE_TYPE, NODE_INITIATOR);
	return msg_end(&m, ISNS_DEV_ATTR_REG, xid);
}

long isns_build_dereg(uint8_t *buf, size_t n, uint16_t xid,
		      const char *iname)
{
	struct isns_msg m;

	msg_begin(&m, buf, n, iname);		/* §5.6.5.4 */
	msg_attr(&m, TAG_DELIMITER, NULL, 0, 0);
	msg_str(&m, TAG_ISCSI_NAME, iname);
	return msg_end(&m, ISNS_DEV_DEREG, xid);
}

int isns_hdr_decode(const uint8_t *p, struct isns_hdr *h)
{
	h->version = be_get16(p);
	h->func = be_get16(p + 2);
	h->len = be_get16(p + 4);
	h->flags = be_get16(p + 6);
	h->xid = be_get16(p + 8);
	h->seq = be_get16(p + 10);
	if (h->version != 1 || (h->len & 3))
		return -EPROTO;
	return 0;
}

void isns_rx_init(struct isns_rx *rx, uint16_t xid)
{
	memset(rx, 0, sizeof(*rx));
	rx->xid = xid;
}

void isns_rx_reset(struct isns_rx *rx)
{
	free(rx->payload);
	isns_rx_init(rx, rx->xid);
}

/* A complete header arrived: check it belongs to our response (§5.3) and
 * make room for its payload. */
static int rx_header(struct isns_rx *rx)
{
	struct isns_hdr *h = &rx->cur;
	uint8_t *np;

	if (isns_hdr_decode(rx->hdr, h) || !(h->func & ISNS_RSP) ||
	    h->xid != rx->xid || h->seq != rx->next_seq ||
	    (rx->started && h->func != rx->func))
		return -EPROTO;
	if (h->len > ISNS_RSP_MAX - rx->len)
		return -EMSGSIZE;
	rx->started = 1;
	rx->func = h->func;
	rx->next_seq++;
	if (h->len) {
		np = realloc(rx->payload, rx->len + h->len);
		if (!np)
			return -ENOMEM;
		rx->payload = np;
	}
	rx->body_left = h->len;
	return 0;
}

long isns_rx_feed(struct isns_rx *rx, const uint8_t *p, size_t n)
{
	size_t off = 0, k;
	int rc;

	while (off < n && !rx->done) {
		if (rx->hdr_pos < ISNS_HDR_LEN) {
			k = ISNS_HDR_LEN - rx->hdr_pos;
			if (k > n - off)
				k = n - off;
			memcpy(rx->hdr + rx->hdr_pos, p + off, k);
			rx->hdr_pos += k;
			off += k;
			if (rx->hdr_pos < ISNS_HDR_LEN)
				break;
			rc = rx_header(rx);
			if (rc)
				return rc;
		}
		k = rx->body_left < n - off ? rx->body_left : n - off;
		if (k) {
			memcpy(rx->payload + rx->len, p + off, k);
			rx->len += k;
			rx->body_left -= k;
			off += k;
		}
		if (!rx->body_left) {
			rx->hdr_pos = 0;
			if (rx->cur.flags & ISNS_F_LAST)
				rx->done = 1;
		}
	}
	return (long)off;
}

int isns_rsp_status(const uint8_t *payload, size_t len, uint32_t *status)
{
	if (len < 4)
		return -EPROTO;
	*status = be_get32(payload);
	return 0;
}

void isns_pg_list_free(struct isns_pg_list *l)
{
	free(l->pg);
	memset(l, 0, sizeof(*l));
}

/* Which of a portal group's four attributes have been seen. */
#define PG_HAVE_ADDR 1
#define PG_HAVE_PORT 2
#define PG_HAVE_TAG 4
#define PG_HAVE_ALL 7

static int pg_push(struct isns_pg_list *l, const struct isns_pg *pg)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct isns_pg *np = realloc(l->pg, cap * sizeof(*np));

		if (!np)
			return -ENOMEM;
		l->pg = np;
		l->cap = cap;
	}
	l->pg[l->n++] = *pg;
	return 0;
}

/* IPv4-mapped and IPv4-compatible addresses print as IPv4 (§6.3.1). */
static void pg_addr(const uint8_t *v, char *out)
{
	static const uint8_t zero[12];
	struct in6_addr a;

	memcpy(&a, v, 16);
	if ((!memcmp(v, zero, 10) && v[10] == 0xff && v[11] == 0xff) ||
	    (!memcmp(v, zero, 12) && be_get32(v + 12) > 1))
		inet_ntop(AF_INET, v + 12, out, ISNS_ADDR_STR);
	else
		inet_ntop(AF_INET6, &a, out, ISNS_ADDR_STR);
}

/* One operating attribute of the response.  A PG iSCSI Name starts a
 * portal group (its first key, §6.9); its other attributes fill it; any
 * other object's attribute ends it.  Zero-length (NIL) values count as
 * absent.  Returns 0, or -EPROTO for a value of the wrong size. */
static int pg_attr(struct isns_pg *pg, int *have, int *open, uint32_t tag,
		   const uint8_t *v, uint32_t len)
{
	switch (tag) {
	case TAG_PG_NAME:
		*open = 1;
		*have = 0;
		memset(pg, 0, sizeof(*pg));
		if (!len)
			*open = 0;
		else if (!memchr(v, 0, len) || strlen((const char *)v) >=
						       ISNS_NAME_MAX ||
			 !v[0])
			*open = 0;	/* unusable name: skip the group */
		else
			strcpy(pg->name, (const char *)v);
		return 0;
	case TAG_PG_ADDR:
		if (len && len != 16)
			return -EPROTO;
		if (*open && len) {
			pg_addr(v, pg->addr);
			*have |= PG_HAVE_ADDR;
		}
		return 0;
	case TAG_PG_PORT:
	case TAG_PG_TAG:
		if (len && len != 4)
			return -EPROTO;
		if (*open && len && tag == TAG_PG_PORT) {
			pg->port = be_get32(v);
			*have |= PG_HAVE_PORT;
		} else if (*open && len) {
			pg->tag = be_get32(v);
			*have |= PG_HAVE_TAG;
		}
		return 0;
	case 52:	/* PG Index: part of the group, not needed */
	case 53:	/* PG Next Index */
		return 0;
	default:
		*open = 0;
		return 0;
	}
}

int isns_parse_query_rsp(const uint8_t *payload, size_t len,
			 struct isns_pg_list *out)
{
	struct isns_pg pg;
	int have = 0, open = 0, operating = 0, rc = 0, was_open;
	size_t off = 4;
	uint32_t tag, alen;

	memset(out, 0, sizeof(*out));
	if (len < 4)
		return -EPROTO;
	/* §5.7.5.2: status, message key attributes, delimiter, operating
	 * attributes.  Each TLV: tag(4) length(4) value(length, 4-aligned). */
	while (off < len) {
		if (len - off < 8) {
			rc = -EPROTO;
			break;
		}
		tag = be_get32(payload + off);
		alen = be_get32(payload + off + 4);
		off += 8;
		if ((alen & 3) || alen > len - off) {
			rc = -EPROTO;
			break;
		}
		if (tag == TAG_DELIMITER) {
			operating = 1;
		} else if (operating) {
			was_open = open && have == PG_HAVE_ALL;
			if (was_open && (tag == TAG_PG_NAME ||
					 (tag != TAG_PG_ADDR &&
					  tag != TAG_PG_PORT &&
					  tag != TAG_PG_TAG && tag != 52 &&
					  tag != 53))) {
				rc = pg_push(out, &pg);
				open = 0;
			}
			if (!rc)
				rc = pg_attr(&pg, &have, &open, tag,
					     payload + off, alen);
			if (rc)
				break;
		}
		off += alen;
	}
	if (!rc && open && have == PG_HAVE_ALL)
		rc = pg_push(out, &pg);
	if (rc)
		isns_pg_list_free(out);
	return rc;
}

const char *isns_status_str(uint32_t status)
{
	/* RFC 4171 §6.4, 0 to 23 (strlist.h); 4 is reserved */
	static const char text[] =
		"Success\0Unknown error\0Message format error\0"
		"Invalid registration\0\0Invalid query\0"
		"Source unknown\0Source absent\0Source unauthorized\0"
		"No such entry\0Version not supported\0Internal error\0"
		"Busy\0Option not understood\0Invalid update\0"
		"Message not supported\0SCN event rejected\0"
		"SCN registration rejected\0Attribute not implemented\0"
		"FC domain id not available\0FC domain id not allocated\0"
		"ESI not available\0Invalid deregistration\0"
		"Registration feature not supported\0";
	const char *t = status < 24 ? strlist_nth(text, status) : "";

	return *t ? t : "Unknown iSNS status code";
}
