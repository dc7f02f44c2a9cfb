/* SPDX-License-Identifier: MIT */
/* resolv_conf.c - the text of resolv.conf and of a hosts file, parsed for
 * core/resolv.c (resolv.h); pure functions over NUL-terminated text. */
#include "core/resolv.h"

#include "core/num.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

/* The next blank-separated word of the line [*s, end): its start, *len
 * its length; NULL at the line's end or at a '#' or ';' comment. */
static const char *resolv_word(const char **s, const char *end, size_t *len)
{
	const char *p = *s, *w;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p == end || *p == '#' || *p == ';') {
		*s = end;
		return NULL;
	}
	w = p;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
		p++;
	*len = (size_t)(p - w);
	*s = p;
	return w;
}

static int resolv_is(const char *w, size_t len, const char *kw)
{
	return len == strlen(kw) && memcmp(w, kw, len) == 0;
}

int resolv_literal(const char *s, size_t len, struct resolv_addr *a)
{
	char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
	char *pct;

	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, buf, a->addr) == 1) {
		a->family = AF_INET;
		return 1;
	}
	pct = strchr(buf, '%');
	if (pct)
		*pct++ = '\0';
	if (inet_pton(AF_INET6, buf, a->addr) != 1)
		return 0;
	if (pct && num_parse_u32(pct, 0, UINT32_MAX, &a->scope) < 0 &&
	    !(a->scope = if_nametoindex(pct)))
		return 0;
	a->family = AF_INET6;
	return 1;
}

/* "name:N" of an options line into *v, clamped to max. */
static void resolv_option(const char *w, size_t len, const char *name,
			  int max, int *v)
{
	size_t n = strlen(name);
	char num[12];
	uint32_t x;

	if (len <= n || len - n >= sizeof(num) || memcmp(w, name, n) != 0)
		return;
	memcpy(num, w + n, len - n);
	num[len - n] = '\0';
	if (num_parse_u32(num, 0, UINT32_MAX, &x) == 0)
		*v = x > (uint32_t)max ? max : (int)x;
}

void resolv_conf_parse(const char *text, struct resolv_conf *rc)
{
	const char *line = text, *end, *w, *s;
	struct resolv_addr a;
	size_t len, n;

	memset(rc, 0, sizeof(*rc));
	rc->timeout = 5;
	rc->attempts = 2;
	rc->ndots = 1;
	for (; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		s = line;
		w = resolv_word(&s, end, &len);
		if (!w)
			continue;
		if (resolv_is(w, len, "nameserver")) {
			struct sockaddr_in *in =
				(struct sockaddr_in *)&rc->ns[rc->n_ns];
			struct sockaddr_in6 *in6 =
				(struct sockaddr_in6 *)&rc->ns[rc->n_ns];

			w = resolv_word(&s, end, &len);
			if (!w || rc->n_ns == RESOLV_MAXNS ||
			    !resolv_literal(w, len, &a))
				continue;
			if (a.family == AF_INET) {
				in->sin_family = AF_INET;
				in->sin_port = htons(53);
				memcpy(&in->sin_addr, a.addr, 4);
			} else {
				in6->sin6_family = AF_INET6;
				in6->sin6_port = htons(53);
				memcpy(&in6->sin6_addr, a.addr, 16);
				in6->sin6_scope_id = a.scope;
			}
			rc->n_ns++;
		} else if (resolv_is(w, len, "options")) {
			while ((w = resolv_word(&s, end, &len))) {
				resolv_option(w, len, "ndots:", 15, &rc->ndots);
				resolv_option(w, len, "attempts:", 10,
					      &rc->attempts);
				resolv_option(w, len, "timeout:", 60,
					      &rc->timeout);
			}
		} else if (resolv_is(w, len, "search") ||
			   resolv_is(w, len, "domain")) {
			/* the last such line wins; words that do not fit
			 * are dropped whole */
			n = 0;
			while ((w = resolv_word(&s, end, &len)) &&
			       n + len + 1 < sizeof(rc->search)) {
				memcpy(rc->search + n, w, len);
				n += len;
				rc->search[n++] = ' ';
			}
			rc->search[n ? n - 1 : 0] = '\0';
		}
	}
	if (rc->attempts < 1)
		rc->attempts = 1;
	if (rc->timeout < 1)
		rc->timeout = 1;
}

int resolv_hosts_find(const char *text, const char *name,
		      struct resolv_addr *out, int max)
{
	const char *line = text, *end, *w, *s, *addr;
	size_t len, alen, nlen = strlen(name);
	int n = 0;

	for (; *line && n < max; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		s = line;
		addr = resolv_word(&s, end, &alen);
		if (!addr)
			continue;
		while ((w = resolv_word(&s, end, &len)))
			if (len == nlen && strncasecmp(w, name, len) == 0)
				break;
		if (w && resolv_literal(addr, alen, &out[n]))
			n++;
	}
	return n;
}
