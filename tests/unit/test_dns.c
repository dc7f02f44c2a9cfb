/* SPDX-License-Identifier: MIT */
/* test_dns.c - the resolver's codecs and parsers (core/dns.c,
 * core/resolv_conf.c): the query bytes for a name, replies as a server
 * sends them (plain, through a compressed CNAME, NXDOMAIN, SERVFAIL,
 * truncated, no data) and as an attacker might (wrong id, a question for
 * another type, names and rdata running past the end, reserved label
 * types), and resolv.conf / hosts text with the odd lines real files
 * have. */
#include "core/dns.h"
#include "core/resolv.h"
#include "tap.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

static void test_query(void)
{
	uint8_t buf[DNS_MSG_MAX], want[64];
	char name[300];
	size_t wn = tap_unhex("1234 0100 0001 0000 0000 0000"
			      "06 746172676574 04 74657374 00 0001 0001",
			      want, sizeof(want));

	CHECK_INT(dns_query(buf, sizeof(buf), 0x1234, "target.test",
			    DNS_TYPE_A), wn);
	CHECK_MEM(buf, wn, want, wn);
	/* a final dot changes nothing; AAAA is type 28 */
	CHECK_INT(dns_query(buf, sizeof(buf), 0x1234, "target.test.",
			    DNS_TYPE_AAAA), wn);
	CHECK_INT(buf[wn - 3], 28);
	CHECK_INT(dns_query(buf, sizeof(buf), 1, "", DNS_TYPE_A), -EINVAL);
	CHECK_INT(dns_query(buf, sizeof(buf), 1, ".", DNS_TYPE_A), -EINVAL);
	CHECK_INT(dns_query(buf, sizeof(buf), 1, "a..b", DNS_TYPE_A), -EINVAL);
	CHECK_INT(dns_query(buf, sizeof(buf), 1, ".a", DNS_TYPE_A), -EINVAL);
	CHECK_INT(dns_query(buf, sizeof(buf), 1, "a..", DNS_TYPE_A), -EINVAL);
	memset(name, 'a', 64);
	name[64] = '\0';	/* a 64-byte label */
	CHECK_INT(dns_query(buf, sizeof(buf), 1, name, DNS_TYPE_A), -EINVAL);
	name[63] = '\0';
	CHECK_INT(dns_query(buf, sizeof(buf), 1, name, DNS_TYPE_A), 63 + 18);
	CHECK_INT(dns_query(buf, 63 + 17, 1, name, DNS_TYPE_A), -EINVAL);
	memset(name, 'a', 254);
	name[254] = '\0';
	CHECK_INT(dns_query(buf, sizeof(buf), 1, name, DNS_TYPE_A), -EINVAL);
}

/* header of a reply to id 0xbeef with rcode and ancount, then the
 * question target.test/A, as hex */
#define HDR(flags, an) "beef" flags "0001" an "0000 0000"
#define QA "06746172676574 0474657374 00 0001 0001"
#define QAAAA "06746172676574 0474657374 00 001c 0001"

static int reply(const char *hex, int qtype, uint8_t (*addr)[16], int max)
{
	uint8_t pkt[DNS_MSG_MAX];
	size_t n = tap_unhex(hex, pkt, sizeof(pkt));

	return dns_reply(pkt, n, 0xbeef, qtype, addr, max);
}

static void test_reply(void)
{
	uint8_t a[4][16];
	static const uint8_t v6[16] = { 0xfd, 0, [15] = 5 };

	/* one A record, its name a pointer to the question */
	CHECK_INT(reply(HDR("8180", "0001") QA
			"c00c 0001 0001 0000003c 0004 0a000002",
			DNS_TYPE_A, a, 4), 1);
	CHECK_MEM(a[0], 4, "\x0a\x00\x00\x02", 4);
	/* CNAME then two A records, the second name compressed twice */
	CHECK_INT(reply(HDR("8180", "0003") QA
			"c00c 0005 0001 0000003c 0007 04726561 6cc013"
			"c029 0001 0001 0000003c 0004 0a000003"
			"c029 0001 0001 0000003c 0004 0a000004",
			DNS_TYPE_A, a, 4), 2);
	CHECK_MEM(a[1], 4, "\x0a\x00\x00\x04", 4);
	/* max bounds the copies */
	CHECK_INT(reply(HDR("8180", "0002") QA
			"c00c 0001 0001 0000003c 0004 0a000003"
			"c00c 0001 0001 0000003c 0004 0a000004",
			DNS_TYPE_A, a, 1), 1);
	CHECK_INT(reply(HDR("8180", "0001") QAAAA
			"c00c 001c 0001 0000003c 0010 fd000000000000000000000000000005",
			DNS_TYPE_AAAA, a, 4), 1);
	CHECK_MEM(a[0], 16, v6, 16);
	/* an A record of the wrong length is no address */
	CHECK_INT(reply(HDR("8180", "0001") QA
			"c00c 0001 0001 0000003c 0003 0a0000",
			DNS_TYPE_A, a, 4), 0);
	CHECK_INT(reply(HDR("8183", "0000") QA, DNS_TYPE_A, a, 4), -ENOENT);
	CHECK_INT(reply(HDR("8182", "0000") QA, DNS_TYPE_A, a, 4), -EAGAIN);
	CHECK_INT(reply(HDR("8380", "0000") QA, DNS_TYPE_A, a, 4), -EAGAIN);
	CHECK_INT(reply(HDR("8180", "0000") QA, DNS_TYPE_A, a, 4), 0);
	/* not a reply to this query */
	CHECK_INT(reply("beee8180000100000000 0000" QA, DNS_TYPE_A, a, 4),
		  -EBADMSG);
	CHECK_INT(reply(HDR("0100", "0000") QA, DNS_TYPE_A, a, 4), -EBADMSG);
	CHECK_INT(reply(HDR("8180", "0000") QA, DNS_TYPE_AAAA, a, 4),
		  -EBADMSG);
	CHECK_INT(reply("beef8180", DNS_TYPE_A, a, 4), -EBADMSG);
	/* hostile: a name past the end, a reserved label type, rdata past
	 * the end, an answer cut short */
	CHECK_INT(reply(HDR("8180", "0000") "3f6161", DNS_TYPE_A, a, 4),
		  -EBADMSG);
	CHECK_INT(reply(HDR("8180", "0000") "4000 0001 0001", DNS_TYPE_A, a,
			4), -EBADMSG);
	CHECK_INT(reply(HDR("8180", "0001") QA
			"c00c 0001 0001 0000003c ffff 0a000002",
			DNS_TYPE_A, a, 4), -EBADMSG);
	CHECK_INT(reply(HDR("8180", "0001") QA "c00c 0001 00",
			DNS_TYPE_A, a, 4), -EBADMSG);
	CHECK_INT(reply(HDR("8180", "0001") QA "c0", DNS_TYPE_A, a, 4),
		  -EBADMSG);
}

static void test_conf(void)
{
	struct resolv_conf rc;
	const struct sockaddr_in *in = (const struct sockaddr_in *)&rc.ns[0];
	const struct sockaddr_in6 *in6 =
		(const struct sockaddr_in6 *)&rc.ns[1];

	resolv_conf_parse("# generated\n"
			  "nameserver 10.0.0.53 # the router\n"
			  "nameserver\tfd00::35\r\n"
			  "nameserver bogus\n"
			  "nameserver 10.0.0.54\n"
			  "nameserver 10.0.0.55\n"
			  "domain old.example\n"
			  "search lab.example example.com\n"
			  "options  ndots:2 timeout:99 attempts:0 rotate\n"
			  "sortlist 10.0.0.0/8", &rc);
	CHECK_INT(rc.n_ns, 3);
	CHECK_INT(in->sin_family, AF_INET);
	CHECK_INT(ntohs(in->sin_port), 53);
	CHECK_INT(ntohl(in->sin_addr.s_addr), 0x0a000035);
	CHECK_INT(in6->sin6_family, AF_INET6);
	CHECK_INT(in6->sin6_addr.s6_addr[15], 0x35);
	CHECK_STR(rc.search, "lab.example example.com");
	CHECK_INT(rc.ndots, 2);
	CHECK_INT(rc.timeout, 60);
	CHECK_INT(rc.attempts, 1);
	resolv_conf_parse("", &rc);
	CHECK_INT(rc.n_ns, 0);
	CHECK_INT(rc.timeout, 5);
	CHECK_INT(rc.attempts, 2);
	CHECK_INT(rc.ndots, 1);
	CHECK_STR(rc.search, "");
	resolv_conf_parse("search a.example\nsearch\n", &rc);
	CHECK_STR(rc.search, "");
}

static void test_hosts(void)
{
	static const char hosts[] =
		"127.0.0.1\tlocalhost\n"
		"::1     localhost ip6-localhost ip6-loopback\n"
		"# 10.9.9.9 target\n"
		"10.1.1.1 Target target.lab.example   # the array\n"
		"10.1.1.2\n"
		"not-an-address target\n"
		"fe80::1%1 target\n"
		"10.1.1.3 targets\n"
		"10.1.1.4 target";
	struct resolv_addr a[8];

	CHECK_INT(resolv_hosts_find(hosts, "localhost", a, 8), 2);
	CHECK_INT(a[0].family, AF_INET);
	CHECK_INT(a[1].family, AF_INET6);
	CHECK_INT(resolv_hosts_find(hosts, "TARGET", a, 8), 3);
	CHECK_MEM(a[0].addr, 4, "\x0a\x01\x01\x01", 4);
	CHECK_INT(a[1].family, AF_INET6);
	CHECK_INT(a[1].scope, 1);
	CHECK_MEM(a[2].addr, 4, "\x0a\x01\x01\x04", 4);
	CHECK_INT(resolv_hosts_find(hosts, "target", a, 1), 1);
	CHECK_INT(resolv_hosts_find(hosts, "target.lab", a, 8), 0);
	CHECK_INT(resolv_hosts_find(hosts, "10.1.1.2", a, 8), 0);
	CHECK_INT(resolv_hosts_find("", "x", a, 8), 0);
}

int main(void)
{
	test_query();
	test_reply();
	test_conf();
	test_hosts();
	return tap_done();
}
