/* SPDX-License-Identifier: MIT */
/* test_portal.c - portal and TargetAddress parsing/printing. */
#include "core/portal.h"
#include "tap.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>

/* Literals resolve without a lookup, printed as getnameinfo() would. */
static void check_literal(const char *addr, int family, const char *num,
			  uint32_t scope)
{
	struct sockaddr_storage ss;
	socklen_t len = 0;
	char buf[80] = "x";
	int gai = 1;

	CHECK_INT(portal_resolve(addr, 3261, &ss, &len, buf, sizeof(buf),
				 &gai), 0);
	CHECK_INT(gai, 0);
	CHECK_INT(ss.ss_family, family);
	CHECK_STR(buf, num);
	if (family == AF_INET) {
		CHECK_INT(len, sizeof(struct sockaddr_in));
		CHECK_INT(ntohs(((struct sockaddr_in *)&ss)->sin_port), 3261);
	} else {
		CHECK_INT(len, sizeof(struct sockaddr_in6));
		CHECK_INT(ntohs(((struct sockaddr_in6 *)&ss)->sin6_port),
			  3261);
		CHECK_INT(((struct sockaddr_in6 *)&ss)->sin6_scope_id, scope);
	}
}

static void test_resolve(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	unsigned lo = if_nametoindex("lo");
	int gai = 0;

	check_literal("127.0.0.1", AF_INET, "127.0.0.1", 0);
#if ISCSIBOX_RESOLVER
	check_literal("127.1", AF_INET, "127.0.0.1", 0);	/* inet_aton */
	check_literal("0x7f.0.0.2", AF_INET, "127.0.0.2", 0);
	check_literal("0177.0.0.1", AF_INET, "127.0.0.1", 0);
	check_literal("10.0.258", AF_INET, "10.0.1.2", 0);
	check_literal("1.0x10203", AF_INET, "1.1.2.3", 0);
	check_literal("4294967295", AF_INET, "255.255.255.255", 0);
	check_literal("0X7F000001", AF_INET, "127.0.0.1", 0);
	check_literal("0", AF_INET, "0.0.0.0", 0);
#else
	/* numeric-only build: the dotted quad, and a clear refusal */
	CHECK_INT(portal_resolve("127.1", 3260, &ss, &len, NULL, 0, &gai),
		  -EHOSTUNREACH);
	CHECK_INT(gai, PORTAL_EAI_NORESOLVER);
	CHECK(strstr(portal_strerror(gai), "ISCSIBOX_RESOLVER") != NULL);
	CHECK_INT(portal_resolve("target.example", 3260, &ss, &len, NULL, 0,
				 &gai), -EHOSTUNREACH);
	CHECK_INT(gai, PORTAL_EAI_NORESOLVER);
#endif
	check_literal("::1", AF_INET6, "::1", 0);
	check_literal("::ffff:10.1.2.3", AF_INET6, "::ffff:10.1.2.3", 0);
	check_literal("2001:db8::1%7", AF_INET6, "2001:db8::1%7", 7);
	if (lo)
		check_literal("fe80::1%lo", AF_INET6, "fe80::1%lo", lo);
	/* an interface name as scope is for link-local addresses only */
	CHECK_INT(portal_resolve("2001:db8::1%lo", 3260, &ss, &len, NULL, 0,
				 &gai), -EHOSTUNREACH);
	CHECK(gai != 0);
	CHECK(portal_strerror(gai)[0] != '\0');
	CHECK_INT(portal_resolve("fe80::1%no-such-if0", 3260, &ss, &len, NULL,
				 0, &gai), -EHOSTUNREACH);
}

static void check_parse(const char *s, int rc, const char *addr, int port,
			int tpgt)
{
	struct portal p;
	int got = portal_parse(s, 3260, &p);

	CHECK_INT(got, rc);
	if (rc == 0 && got == 0) {
		CHECK_STR(p.addr, addr);
		CHECK_INT(p.port, port);
		CHECK_INT(p.tpgt, tpgt);
	}
}

int main(void)
{
	struct portal p;
	char buf[300];
	char long_name[400];

	check_parse("127.0.0.1", 0, "127.0.0.1", 3260, -1);
	check_parse("127.0.0.1:3261", 0, "127.0.0.1", 3261, -1);
	check_parse("127.0.0.1:3261,7", 0, "127.0.0.1", 3261, 7);
	check_parse("10.0.0.1,2", 0, "10.0.0.1", 3260, 2);
	check_parse("[::1]:3262,1", 0, "::1", 3262, 1);
	check_parse("[fe80::1]", 0, "fe80::1", 3260, -1);
	check_parse("fe80::1", 0, "fe80::1", 3260, -1);
	check_parse("target.example.com:3999,12", 0, "target.example.com",
		    3999, 12);
	check_parse("127.0.0.1:", -22, NULL, 0, 0);
	check_parse("127.0.0.1:abc", -22, NULL, 0, 0);
	check_parse("127.0.0.1:70000", -22, NULL, 0, 0);
	check_parse("127.0.0.1:0", -22, NULL, 0, 0);
	check_parse("127.0.0.1:3260,x", -22, NULL, 0, 0);
	check_parse("127.0.0.1:3260,70000", -22, NULL, 0, 0);
	check_parse("[::1", -22, NULL, 0, 0);
	check_parse("[::1]x", -22, NULL, 0, 0);
	check_parse("", -22, NULL, 0, 0);
	check_parse(":3260", -22, NULL, 0, 0);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	check_parse(long_name, -22, NULL, 0, 0);

	CHECK_INT(portal_parse("::1", 3260, &p), 0);
	CHECK_INT(portal_format(&p, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "[::1]:3260");
	CHECK_INT(portal_parse("192.168.1.2:3261", 3260, &p), 0);
	CHECK_INT(portal_format(&p, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "192.168.1.2:3261");
	CHECK(portal_format(&p, buf, 5) < 0);
	/* Host names without a dot are bracketed too (open-iscsi). */
	CHECK_INT(portal_parse("localhost:3264,4", 3260, &p), 0);
	CHECK_INT(portal_format(&p, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "[localhost]:3264");
	CHECK_INT(portal_parse("t.example.com", 3260, &p), 0);
	CHECK_INT(portal_format(&p, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "t.example.com:3260");
	test_resolve();
	return tap_done();
}
