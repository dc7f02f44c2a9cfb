/* SPDX-License-Identifier: MIT */
/* portal.c - parsing and printing of portal addresses (see portal.h). */
#include "core/portal.h"

#include "core/num.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

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

int portal_resolve(const char *addr, int port, struct sockaddr_storage *ss,
		   socklen_t *sslen, char *numeric, size_t numlen,
		   int *gai_err)
{
	struct addrinfo hints, *res = NULL;
	char sport[8];
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(sport, sizeof(sport), "%d", port);
	rc = getaddrinfo(addr, sport, &hints, &res);
	if (gai_err)
		*gai_err = rc;
	if (rc != 0 || !res)
		return -EHOSTUNREACH;
	if (res->ai_addrlen > sizeof(*ss)) {
		freeaddrinfo(res);
		return -EINVAL;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	if (numeric &&
	    getnameinfo(res->ai_addr, res->ai_addrlen, numeric,
			(socklen_t)numlen, NULL, 0, NI_NUMERICHOST) != 0)
		numeric[0] = '\0';
	freeaddrinfo(res);
	return 0;
}
