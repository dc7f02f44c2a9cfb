/* SPDX-License-Identifier: MIT */
/* resolv.h - host names to addresses for portals (ISCSIBOX_RESOLVER=ON):
 * /etc/hosts first, then A and AAAA questions over UDP to the name
 * servers of /etc/resolv.conf, with its search list, ndots, timeout and
 * attempts as musl and glibc read them.  Our own instead of getaddrinfo():
 * musl's (hosts, resolv.conf, DNS, services, RFC 6724 sorting through
 * qsort, inet_aton's strtoul) is ~16 KB of an early-boot binary that
 * needs only this.  Like getaddrinfo() it waits for the answers (at most
 * timeout seconds per name tried); portal names are resolved where
 * open-iscsi resolves them, before a connection is made.
 *
 * Of several addresses the first usable one wins, in RFC 6724's order as
 * far as it matters here: a destination the routing table can reach
 * before one it cannot, then ::1, IPv6, IPv4 (precedence 50, 40, 35),
 * the ULA/6to4/Teredo/site-local ranges after them, else file or answer
 * order.  Errors are getaddrinfo's EAI_* codes (gai_strerror texts). */
#ifndef ISCSIBOX_RESOLV_H
#define ISCSIBOX_RESOLV_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define RESOLV_MAXNS 3		/* name servers used (MAXNS) */
#define RESOLV_MAXADDR 8	/* addresses considered per name */
#define RESOLV_FILE_MAX (4 << 20)	/* hosts files bigger are skipped */

struct resolv_conf {
	struct sockaddr_storage ns[RESOLV_MAXNS];
	int n_ns;		/* 0 in the file: 127.0.0.1 as musl does */
	int timeout;		/* seconds for a name, 1..60 (5) */
	int attempts;		/* sends per server in that time, 1..10 (2) */
	int ndots;		/* fewer dots: search list first, 0..15 (1) */
	char search[256];	/* domains, blank separated */
};

struct resolv_addr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	uint32_t scope;		/* IPv6 scope id */
};

/* Settings from resolv.conf text (NUL-terminated); unknown lines and bad
 * values are passed over as resolvers do. */
void resolv_conf_parse(const char *text, struct resolv_conf *rc);
/* Up to max addresses of name (ASCII case ignored) from hosts-file text,
 * in file order; returns how many. */
int resolv_hosts_find(const char *text, const char *name,
		      struct resolv_addr *out, int max);
/* An address literal (IPv4 dotted quad, IPv6 with an optional %scope
 * number or interface name) into *a: 1, or 0 if s is none. */
int resolv_literal(const char *s, size_t len, struct resolv_addr *a);

/* name (no literal) with port into *ss: 0 or an EAI_* code.  Reads
 * /etc/hosts and /etc/resolv.conf each call. */
int resolv_lookup(const char *name, int port, struct sockaddr_storage *ss,
		  socklen_t *sslen);

#endif
