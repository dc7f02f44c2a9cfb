/* SPDX-License-Identifier: MIT */
/* dns.h - the DNS messages core/resolv.c exchanges (RFC 1035 §4): an
 * A or AAAA question with recursion desired, and the addresses of a reply.
 * Pure codecs over byte buffers; every byte of a reply is untrusted. */
#ifndef ISCSIBOX_DNS_H
#define ISCSIBOX_DNS_H

#include <stddef.h>
#include <stdint.h>

#define DNS_TYPE_A 1
#define DNS_TYPE_AAAA 28
#define DNS_MSG_MAX 512		/* UDP without EDNS (RFC 1035 §4.2.1) */
#define DNS_NAME_MAX 253	/* dotted form, no trailing dot */

/* The query for name (dotted, an optional final '.') and qtype, id as
 * given, RD set, into buf.  Returns its length, or -EINVAL for a name
 * that is empty, too long, or has an empty or 64+ byte label. */
int dns_query(uint8_t *buf, size_t cap, uint16_t id, const char *name,
	      int qtype);

/* The reply to the query id/qtype in p[0..n).  Copies up to max
 * addresses of the asked type (4 or 16 bytes each) into addr[] in answer
 * order (CNAMEs before them are passed over).  Returns the number found
 * (0: the name exists without such address), -ENOENT for NXDOMAIN,
 * -EAGAIN for a server failure or a truncated reply without answers (try
 * another server), -EBADMSG for a packet that is no well-formed reply to
 * this query (ignore it). */
int dns_reply(const uint8_t *p, size_t n, uint16_t id, int qtype,
	      uint8_t (*addr)[16], int max);

#endif
