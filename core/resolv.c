/* SPDX-License-Identifier: MIT */
/* resolv.c - a host name to one address: hosts file, then DNS over UDP
 * (resolv.h; RFC 1035 §4.2.1, address order after RFC 6724 §6). */
#include "core/resolv.h"

#include "core/dns.h"
#include "core/fsutil.h"
#include "core/loop.h"
#include "core/rng.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One question (A or AAAA) and what came back for it. */
struct resolv_q {
	uint8_t msg[DNS_MSG_MAX];
	int len;
	uint16_t id;
	int qtype;
	int n;			/* -1: no final answer yet, else addresses */
	uint8_t addr[RESOLV_MAXADDR][16];
};

static socklen_t resolv_sockaddr(const struct resolv_addr *a, int port,
				 struct sockaddr_storage *ss)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (a->family == AF_INET) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		memcpy(&in->sin_addr, a->addr, 4);
		return sizeof(*in);
	}
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons((uint16_t)port);
	memcpy(&in6->sin6_addr, a->addr, 16);
	in6->sin6_scope_id = a->scope;
	return sizeof(*in6);
}

/* RFC 6724 §2.1's default precedence of a destination. */
static int resolv_prec(const struct resolv_addr *a)
{
	static const uint8_t loop6[16] = { [15] = 1 };
	const uint8_t *p = a->addr;

	if (a->family == AF_INET)
		return 35;
	if (memcmp(p, loop6, 16) == 0)
		return 50;
	if (p[0] == 0x20 && p[1] == 0x02)
		return 30;			/* 6to4 */
	if (p[0] == 0x20 && p[1] == 0x01 && !p[2] && !p[3])
		return 5;			/* Teredo */
	if ((p[0] & 0xfe) == 0xfc)
		return 3;			/* ULA */
	if ((p[0] == 0xfe && (p[1] & 0xc0) == 0xc0) ||
	    (p[0] == 0x3f && p[1] == 0xfe))
		return 1;			/* site-local, 6bone */
	return 40;
}

/* 1 if the kernel has a route to a: a UDP connect() sends nothing. */
static int resolv_usable(const struct resolv_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = resolv_sockaddr(a, 9, &ss);
	int fd = socket(a->family, SOCK_DGRAM | SOCK_CLOEXEC, 0), ok;

	ok = fd >= 0 && connect(fd, (struct sockaddr *)&ss, len) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static int resolv_pick(const struct resolv_addr *a, int n, int port,
		       struct sockaddr_storage *ss, socklen_t *sslen)
{
	int i, key, best = 0, best_key = -1;

	for (i = 0; i < n && n > 1; i++) {
		key = resolv_usable(&a[i]) * 100 + resolv_prec(&a[i]);
		if (key > best_key) {
			best_key = key;
			best = i;
		}
	}
	*sslen = resolv_sockaddr(&a[best], port, ss);
	return 0;
}

/* Read the replies waiting on fd into the questions still open; returns
 * 1 when a server says the name does not exist. */
static int resolv_recv(int fd, struct resolv_q *q, int nq)
{
	uint8_t buf[DNS_MSG_MAX];
	ssize_t len;
	int i, r;

	while ((len = recv(fd, buf, sizeof(buf), 0)) > 0) {
		for (i = 0; i < nq; i++) {
			if (q[i].n >= 0)
				continue;
			r = dns_reply(buf, (size_t)len, q[i].id, q[i].qtype,
				      q[i].addr, RESOLV_MAXADDR);
			if (r == -ENOENT)
				return 1;
			if (r >= 0)
				q[i].n = r;	/* SERVFAIL: wait for others */
		}
	}
	return 0;
}

/* A and AAAA for name from every server, each question resent every
 * timeout/attempts seconds, until both are answered, a server says
 * NXDOMAIN, or timeout seconds are over (a server failure only leaves
 * the others to answer).  Addresses into out (IPv4 first, then IPv6);
 * returns how many, or an EAI_* code (EAI_AGAIN: no server answered). */
static int resolv_dns(const struct resolv_conf *rc, const char *name,
		      struct resolv_addr *out, int max)
{
	struct resolv_q q[2];
	struct pollfd pfd[RESOLV_MAXNS];
	uint16_t ids[2];
	uint64_t now, deadline, next_send, wake;
	int i, j, n = 0, ret = EAI_AGAIN, open = 0;

	if (rng_kernel(ids, sizeof(ids)) < 0)
		return EAI_SYSTEM;
	for (i = 0; i < 2; i++) {
		q[i].id = ids[i];
		q[i].qtype = i ? DNS_TYPE_AAAA : DNS_TYPE_A;
		q[i].n = -1;
		q[i].len = dns_query(q[i].msg, sizeof(q[i].msg), q[i].id,
				     name, q[i].qtype);
		if (q[i].len < 0)
			return EAI_NONAME;
	}
	for (i = 0; i < rc->n_ns; i++) {
		const struct sockaddr *sa = (const struct sockaddr *)&rc->ns[i];

		pfd[i].events = POLLIN;
		pfd[i].fd = socket(sa->sa_family,
				   SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		/* connected: the kernel drops datagrams from anyone else */
		if (pfd[i].fd >= 0 &&
		    connect(pfd[i].fd, sa, sa->sa_family == AF_INET ?
			    sizeof(struct sockaddr_in) :
			    sizeof(struct sockaddr_in6)) < 0) {
			close(pfd[i].fd);
			pfd[i].fd = -1;
		}
		open += pfd[i].fd >= 0;
	}
	now = loop_now();
	deadline = now + (uint64_t)rc->timeout * 1000;
	next_send = now;
	while (open && (q[0].n < 0 || q[1].n < 0) && now < deadline) {
		if (now >= next_send) {
			for (i = 0; i < rc->n_ns; i++)
				for (j = 0; j < 2 && pfd[i].fd >= 0; j++)
					if (q[j].n < 0)
						send(pfd[i].fd, q[j].msg,
						     (size_t)q[j].len, 0);
			next_send += (uint64_t)rc->timeout * 1000 /
				     (uint64_t)rc->attempts;
		}
		wake = next_send < deadline ? next_send : deadline;
		i = poll(pfd, (nfds_t)rc->n_ns,
			 wake > now ? (int)(wake - now) : 0);
		for (j = 0; i > 0 && j < rc->n_ns; j++)
			if (pfd[j].fd >= 0 && (pfd[j].revents & POLLIN) &&
			    resolv_recv(pfd[j].fd, q, 2)) {
				ret = EAI_NONAME;
				goto out;
			}
		now = loop_now();
	}
	for (i = 0; i < 2; i++) {
		for (j = 0; j < q[i].n && n < max; j++) {
			memset(&out[n], 0, sizeof(out[n]));
			out[n].family = i ? AF_INET6 : AF_INET;
			memcpy(out[n].addr, q[i].addr[j], i ? 16 : 4);
			n++;
		}
	}
	if (n)
		ret = n;
	else if (q[0].n == 0 || q[1].n == 0)
		ret = EAI_NONAME;	/* the name has no address */
out:
	for (i = 0; i < rc->n_ns; i++)
		if (pfd[i].fd >= 0)
			close(pfd[i].fd);
	return ret;
}

/* Letters, digits, '-', '_', '.' and non-ASCII bytes (as musl allows),
 * at most 253 characters plus a final dot. */
static int resolv_valid(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = strlen(name);

	if (len == 0 || len > DNS_NAME_MAX + 1)
		return 0;
	for (; *s; s++)
		if (!(*s >= 0x80 || *s == '-' || *s == '_' || *s == '.' ||
		      (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' &&
						   (*s | 0x20) <= 'z')))
			return 0;
	return 1;
}

int resolv_lookup(const char *name, int port, struct sockaddr_storage *ss,
		  socklen_t *sslen)
{
	struct resolv_addr a[RESOLV_MAXADDR];
	struct resolv_conf rc;
	char fq[DNS_NAME_MAX + 2], *text = NULL;
	const char *d, *sp;
	size_t len, dlen;
	int n = 0, dots = 0;

	if (!resolv_valid(name))
		return EAI_NONAME;
	if (fs_read_file("/etc/hosts", RESOLV_FILE_MAX, &text, &len) == 0)
		n = resolv_hosts_find(text, name, a, RESOLV_MAXADDR);
	free(text);
	text = NULL;
	if (n)
		return resolv_pick(a, n, port, ss, sslen);

	if (fs_read_file("/etc/resolv.conf", RESOLV_FILE_MAX, &text,
			 &len) < 0)
		text = NULL;
	resolv_conf_parse(text ? text : "", &rc);
	free(text);
	if (!rc.n_ns) {
		struct resolv_addr lo = { AF_INET, { 127, 0, 0, 1 }, 0 };

		resolv_sockaddr(&lo, 53, &rc.ns[0]);
		rc.n_ns = 1;
	}
	len = strlen(name);
	for (sp = name; *sp; sp++)
		dots += *sp == '.';
	/* fewer dots than ndots: the search list first (resolv.conf(5)) */
	for (d = rc.search; name[len - 1] != '.' && dots < rc.ndots && *d;
	     d += dlen + (d[dlen] == ' ')) {
		sp = strchr(d, ' ');
		dlen = sp ? (size_t)(sp - d) : strlen(d);
		if (len + 1 + dlen > DNS_NAME_MAX)
			continue;
		snprintf(fq, sizeof(fq), "%s.%.*s", name, (int)dlen, d);
		n = resolv_dns(&rc, fq, a, RESOLV_MAXADDR);
		if (n > 0 || n != EAI_NONAME)
			break;
	}
	if (n == 0 || n == EAI_NONAME)
		n = resolv_dns(&rc, name, a, RESOLV_MAXADDR);
	if (n <= 0)
		return n ? n : EAI_NONAME;
	return resolv_pick(a, n, port, ss, sslen);
}
