/* SPDX-License-Identifier: MIT */
/* portal.c - parsing and printing of portal addresses (see portal.h). */
#include "core/portal.h"

#include "core/num.h"
#include "core/resolv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef ISCSIBOX_RESOLVER
#define ISCSIBOX_RESOLVER 1
#endif

int portal_is_ipv6(const char *addr)
{
	return strchr(addr, ':') != NULL;
}

static int portal_copy(char *dst, const char *src, size_t len)
{
	if (len == 0 || len >= PORTAL_ADDR_MAX)
		return -EINVAL;
	memcpy(dst, src, len);
	dst[len] = '\0';
	return 0;
}

int portal_parse(const char *s, int default_port, struct portal *out)
{
	const char *comma, *colon, *end, *host = s;
	size_t hostlen;
	long v;

	out->port = default_port;
	out->tpgt = PORTAL_TPGT_UNKNOWN;
	end = s + strlen(s);
	/* TargetAddress: the tpgt follows the last ',' (RFC 7143 §13.8). */
	comma = strrchr(s, ',');
	if (comma) {
		if (num_parse_long(comma + 1, 0, 65535, &v) < 0)
			return -EINVAL;
		out->tpgt = (int)v;
		end = comma;
	}
	if (*s == '[') {
		const char *rb = memchr(s, ']', (size_t)(end - s));

		if (!rb)
			return -EINVAL;
		host = s + 1;
		hostlen = (size_t)(rb - host);
		colon = rb + 1 < end ? rb + 1 : NULL;
		if (colon && *colon != ':')
			return -EINVAL;
	} else {
		colon = memchr(s, ':', (size_t)(end - s));
		if (colon && memchr(colon + 1, ':', (size_t)(end - colon - 1)))
			colon = NULL;	/* bare IPv6, no port */
		hostlen = (size_t)((colon ? colon : end) - s);
	}
	if (portal_copy(out->addr, host, hostlen) < 0)
		return -EINVAL;
	if (colon) {
		char port[8];
		size_t plen = (size_t)(end - colon - 1);

		if (plen == 0 || plen >= sizeof(port))
			return -EINVAL;
		memcpy(port, colon + 1, plen);
		port[plen] = '\0';
		if (num_parse_long(port, 1, 65535, &v) < 0)
			return -EINVAL;
		out->port = (int)v;
	}
	return 0;
}

int portal_format(const struct portal *p, char *buf, size_t n)
{
	int w = snprintf(buf, n, strchr(p->addr, '.') ? "%s:%d" : "[%s]:%d",
			 p->addr, p->port);

	return w < 0 || (size_t)w >= n ? -ENOSPC : 0;
}

#if ISCSIBOX_RESOLVER
/* inet_aton()'s forms, as getaddrinfo() takes them: one to four parts,
 * each decimal, 0x hex or 0 octal, the last filling the bytes left
 * ("127.1", "10.0.258", "0x7f000001").  Ours: musl's inet_aton would
 * link its strtoul scanner (~2.3 KB).  Returns 1, or 0 if s is none. */
static int portal_aton(const char *s, struct in_addr *out)
{
	uint32_t part[4], v, d, base, addr = 0;
	int n = 0, i, digits;

	for (;;) {
		if (*s < '0' || *s > '9')
			return 0;
		base = 10;
		if (*s == '0') {
			base = 8;
			if ((*++s | 0x20) == 'x') {
				base = 16;
				s++;
			}
		}
		for (v = 0, digits = base == 8; ; s++, digits++) {
			d = *s >= '0' && *s <= '9' ? (uint32_t)(*s - '0') :
			    (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f' ?
			    (uint32_t)((*s | 0x20) - 'a' + 10) : 99;
			if (d >= base)
				break;
			if (v > (UINT32_MAX - d) / base)
				return 0;
			v = v * base + d;
		}
		if (!digits)
			return 0;		/* "0x" alone */
		part[n++] = v;
		if (!*s)
			break;
		if (*s++ != '.' || n == 4)
			return 0;
	}
	for (i = 0; i < n - 1; i++) {
		if (part[i] > 255)
			return 0;
		addr |= part[i] << (24 - 8 * i);
	}
	if (n > 1 && part[n - 1] >> (32 - 8 * (n - 1)))
		return 0;
	out->s_addr = htonl(addr | part[n - 1]);
	return 1;
}
#endif

/* An address literal as getaddrinfo() takes it without a lookup: IPv4
 * in any inet_aton() form, or IPv6 with an optional "%scope" (a number,
 * or an interface name for link-local addresses).  Without the resolver
 * IPv4 must be the dotted quad.
 * Returns 1 with *ss filled, 0 if addr is no literal, or an EAI_ code. */
static int portal_literal(const char *addr, int port,
			  struct sockaddr_storage *ss, socklen_t *sslen)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	char buf[64];
	const char *pct = strchr(addr, '%');
	uint32_t scope = 0;

	memset(ss, 0, sizeof(*ss));
#if ISCSIBOX_RESOLVER
	if (portal_aton(addr, &in->sin_addr)) {
#else
	if (inet_pton(AF_INET, addr, &in->sin_addr) == 1) {
#endif
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		*sslen = sizeof(*in);
		return 1;
	}
	if (pct) {
		if ((size_t)(pct - addr) >= sizeof(buf))
			return 0;
		memcpy(buf, addr, (size_t)(pct - addr));
		buf[pct - addr] = '\0';
		addr = buf;
	}
	if (inet_pton(AF_INET6, addr, &in6->sin6_addr) != 1)
		return 0;
	if (pct && num_parse_u32(pct + 1, 0, UINT32_MAX, &scope) < 0) {
		if (!IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr) &&
		    !IN6_IS_ADDR_MC_LINKLOCAL(&in6->sin6_addr))
			return EAI_NONAME;
		scope = if_nametoindex(pct + 1);
		if (!scope)
			return EAI_NONAME;
	}
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons((uint16_t)port);
	in6->sin6_scope_id = scope;
	*sslen = sizeof(*in6);
	return 1;
}

/* What getnameinfo(NI_NUMERICHOST) prints, without linking it. */
static void portal_numeric(const struct sockaddr_storage *ss, char *out,
			   size_t outlen)
{
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
	const void *a = &((const struct sockaddr_in *)ss)->sin_addr;
	char ifname[IF_NAMESIZE];
	size_t n;

	if (ss->ss_family == AF_INET6)
		a = &in6->sin6_addr;
	if (!inet_ntop(ss->ss_family, a, out, (socklen_t)outlen)) {
		out[0] = '\0';
		return;
	}
	if (ss->ss_family != AF_INET6 || !in6->sin6_scope_id)
		return;
	n = strlen(out);
	if ((IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr) ||
	     IN6_IS_ADDR_MC_LINKLOCAL(&in6->sin6_addr)) &&
	    if_indextoname(in6->sin6_scope_id, ifname))
		snprintf(out + n, outlen - n, "%%%s", ifname);
	else
		snprintf(out + n, outlen - n, "%%%u", in6->sin6_scope_id);
}

/* glibc's gai_strerror() texts (open-iscsi's messages carry them) for the
 * codes portal_resolve() gives */
const char *portal_strerror(int gai_err)
{
	switch (gai_err) {
	case PORTAL_EAI_NORESOLVER:
		return "host names need a build with ISCSIBOX_RESOLVER=ON; "
		       "give a numeric address";
	case EAI_NONAME:
		return "Name or service not known";
	case EAI_AGAIN:
		return "Temporary failure in name resolution";
	case EAI_FAMILY:
		return "ai_family not supported";
	case EAI_SYSTEM:
		return "System error";
	}
	return "Unknown error";
}

int portal_resolve(const char *addr, int port, struct sockaddr_storage *ss,
		   socklen_t *sslen, char *numeric, size_t numlen,
		   int *gai_err)
{
	int rc = portal_literal(addr, port, ss, sslen);

	if (rc == 1)
		rc = 0;
	else if (rc == 0)	/* a host name: hosts file and DNS */
		rc = ISCSIBOX_RESOLVER ? resolv_lookup(addr, port, ss, sslen)
				       : PORTAL_EAI_NORESOLVER;
	if (gai_err)
		*gai_err = rc;
	if (rc != 0)
		return rc == EAI_FAMILY ? -EINVAL : -EHOSTUNREACH;
	if (numeric)
		portal_numeric(ss, numeric, numlen);
	return 0;
}
