/* SPDX-License-Identifier: MIT */
/* portal.h - portal strings as users and targets write them:
 * "ip[:port]", "[ipv6][:port]", "host[:port]" on the command line, and
 * "addr[:port][,tpgt]" in TargetAddress (RFC 7143 §13.8), plus the
 * printed forms open-iscsi uses ("ip:port,tpgt", "[v6]:port,tpgt"). */
#ifndef ISCSIBOX_PORTAL_H
#define ISCSIBOX_PORTAL_H

#include <stddef.h>
#include <sys/socket.h>

#define PORTAL_ADDR_MAX 256	/* NI_MAXHOST-ish: host names allowed */
#define ISCSI_DEFAULT_PORT 3260
#define PORTAL_TPGT_UNKNOWN (-1)

struct portal {
	char addr[PORTAL_ADDR_MAX];	/* without brackets */
	int port;
	int tpgt;			/* PORTAL_TPGT_UNKNOWN if absent */
};

/* Parse "addr[:port][,tpgt]"; a bare IPv6 address without brackets is
 * accepted when it has more than one ':' (no port then).  Missing port:
 * default_port.  Returns 0 or -EINVAL. */
int portal_parse(const char *s, int default_port, struct portal *out);
/* 1 if addr is an IPv6 literal (printed in brackets). */
int portal_is_ipv6(const char *addr);
/* "addr:port", or "[addr]:port" when addr has no '.': IPv6, and host
 * names such as "localhost", are bracketed, as open-iscsi prints them. */
int portal_format(const struct portal *p, char *buf, size_t n);
/* Resolve addr/port to the first usable address: address literals
 * directly, host names through core/resolv.h unless built with
 * ISCSIBOX_RESOLVER=OFF (then *gai_err is PORTAL_EAI_NORESOLVER).  Fills
 * the numeric address into numeric (may be NULL), as getnameinfo()'s
 * NI_NUMERICHOST would.  Returns 0 or -EHOSTUNREACH (*gai_err, if not NULL,
 * gets the EAI_* code for portal_strerror) / -EINVAL. */
int portal_resolve(const char *addr, int port, struct sockaddr_storage *ss,
		   socklen_t *sslen, char *numeric, size_t numlen,
		   int *gai_err);
#define PORTAL_EAI_NORESOLVER (-1000)	/* no EAI_ code is this low */
/* gai_strerror(gai_err)'s text as glibc words it, or why a host name was
 * refused */
const char *portal_strerror(int gai_err);

#endif
