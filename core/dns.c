/* SPDX-License-Identifier: MIT */
/* dns.c - A/AAAA questions and replies (dns.h, RFC 1035 §4.1). */
#include "core/dns.h"

#include <errno.h>
#include <string.h>

#define DNS_HDR 12
#define DNS_CLASS_IN 1

static void dns_put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static unsigned dns_get16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

int dns_query(uint8_t *buf, size_t cap, uint16_t id, const char *name,
	      int qtype)
{
	size_t len = strlen(name), pos = DNS_HDR, lab;
	const char *dot;

	if (len && name[len - 1] == '.')
		len--;
	/* labels + lengths + root + type/class must fit */
	if (len == 0 || len > DNS_NAME_MAX || cap < DNS_HDR + len + 6)
		return -EINVAL;
	memset(buf, 0, DNS_HDR);
	dns_put16(buf, id);
	buf[2] = 0x01;			/* RD: recursion desired */
	buf[5] = 1;			/* QDCOUNT */
	while (len) {
		dot = memchr(name, '.', len);
		lab = dot ? (size_t)(dot - name) : len;
		if (lab == 0 || lab > 63)
			return -EINVAL;
		buf[pos++] = (uint8_t)lab;
		memcpy(buf + pos, name, lab);
		pos += lab;
		lab += dot != NULL;
		name += lab;
		len -= lab;
		if (dot && !len)
			return -EINVAL;	/* "a..": an empty last label */
	}
	buf[pos++] = 0;
	dns_put16(buf + pos, (unsigned)qtype);
	dns_put16(buf + pos + 2, DNS_CLASS_IN);
	return (int)(pos + 4);
}

/* Offset after the (possibly compressed) name at p[pos], or 0 if it runs
 * past n or uses a reserved label type (RFC 1035 §4.1.4). */
static size_t dns_skip_name(const uint8_t *p, size_t n, size_t pos)
{
	while (pos < n) {
		if (p[pos] == 0)
			return pos + 1;
		if ((p[pos] & 0xc0) == 0xc0)
			return pos + 2 <= n ? pos + 2 : 0;
		if (p[pos] & 0xc0)
			return 0;
		pos += 1 + (size_t)p[pos];
	}
	return 0;
}

int dns_reply(const uint8_t *p, size_t n, uint16_t id, int qtype,
	      uint8_t (*addr)[16], int max)
{
	size_t pos, rdlen, alen = qtype == DNS_TYPE_A ? 4 : 16;
	unsigned an, rcode;
	int found = 0;

	/* header: our id, QR (a response), standard query, one question */
	if (n < DNS_HDR || dns_get16(p) != id || !(p[2] & 0x80) ||
	    (p[2] & 0x78) || dns_get16(p + 4) != 1)
		return -EBADMSG;
	rcode = p[3] & 0x0f;
	if (rcode == 3)
		return -ENOENT;		/* NXDOMAIN */
	if (rcode != 0)
		return -EAGAIN;		/* SERVFAIL, REFUSED, ... */
	an = dns_get16(p + 6);
	pos = dns_skip_name(p, n, DNS_HDR);
	if (!pos || pos + 4 > n || dns_get16(p + pos) != (unsigned)qtype)
		return -EBADMSG;
	pos += 4;
	while (an-- && found < max) {
		pos = dns_skip_name(p, n, pos);
		if (!pos || pos + 10 > n)
			return found ? found : -EBADMSG;
		rdlen = dns_get16(p + pos + 8);
		if (rdlen > n - pos - 10)
			return found ? found : -EBADMSG;
		if (dns_get16(p + pos) == (unsigned)qtype &&
		    dns_get16(p + pos + 2) == DNS_CLASS_IN && rdlen == alen)
			memcpy(addr[found++], p + pos + 10, alen);
		pos += 10 + rdlen;
	}
	if (!found && (p[2] & 0x02))
		return -EAGAIN;		/* TC: the answers did not fit */
	return found;
}
