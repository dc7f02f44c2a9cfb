/* SPDX-License-Identifier: MIT */
/* test_isns.c - iSNS requests (byte for byte) and DevAttrQry responses
 * (portal groups, IPv6, NIL values, malformed lists, multi-PDU). */
#include "core/isns.h"
#include "tap.h"

#include <errno.h>
#include <string.h>

/* The query open-iscsi 2.1.8 sends (isnsd -d all decodes it as source
 * iSCSI name, key node type Target, eight empty operating attributes). */
static const char query_hex[] =
	"0001 0002 0064 8c00 0007 0000"
	"00000020 00000008 696e692e 7800 0000"	/* source "ini.x" */
	"00000021 00000004 00000001"		/* key: node type Target */
	"00000000 00000000"			/* delimiter */
	"00000020 00000000 00000021 00000000"
	"00000010 00000000 00000011 00000000"
	"00000030 00000000 00000031 00000000"
	"00000032 00000000 00000033 00000000";

/* Status 0, key, delimiter; target t1 (node, portal, PG), a v6 PG of t3,
 * a PG with a NIL tag (no access: left out), a PG without a port. */
static const char rsp_hex[] =
	"00000000"
	"00000021 00000004 00000001 00000000 00000000"
	"00000020 00000008 74312e61 00000000"		/* name "t1.a" */
	"00000021 00000004 00000001"
	"00000010 00000010 00000000 00000000 0000ffff 7f000001"
	"00000011 00000004 00000cbc"
	"00000030 00000008 74312e61 00000000"		/* PG name t1.a */
	"00000031 00000010 00000000 00000000 0000ffff 7f000002"
	"00000032 00000004 00000cbd"
	"00000033 00000004 00000005"
	"00000030 00000004 74330000"			/* PG name "t3" */
	"00000031 00000010 00000000 00000000 00000000 00000001"
	"00000032 00000004 00000cbc"
	"00000033 00000004 00000001"
	"00000030 00000004 74340000"			/* t4: NIL tag */
	"00000031 00000010 00000000 00000000 0000ffff 0a000001"
	"00000032 00000004 00000cbc"
	"00000033 00000000"
	"00000030 00000004 74350000"			/* t5: no port */
	"00000031 00000010 00000000 00000000 0000ffff 0a000001"
	"00000033 00000004 00000001";

static void test_build(void)
{
	uint8_t buf[256], want[256];
	size_t wl = tap_unhex(query_hex, want, sizeof(want));
	long n = isns_build_query(buf, sizeof(buf), 7, "ini.x");

	CHECK_MEM(buf, n < 0 ? 0 : (size_t)n, want, wl);
	CHECK_INT(isns_build_query(buf, 40, 7, "ini.x"), -ENOSPC);
	n = isns_build_reg(buf, sizeof(buf), 2, "ini.x");
	/* header, source, delimiter, name, node type Initiator */
	CHECK_INT(n, 12 + 16 + 8 + 16 + 12);
	CHECK_INT(buf[3], ISNS_DEV_ATTR_REG);
	CHECK_INT(buf[n - 1], 2);
	n = isns_build_dereg(buf, sizeof(buf), 3, "ini.x");
	CHECK_INT(n, 12 + 16 + 8 + 16);
	CHECK_INT(buf[3], ISNS_DEV_DEREG);
	/* A name that does not fit an iSCSI name is refused. */
	char longname[300];

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_INT(isns_build_query(buf, sizeof(buf), 1, longname), -EINVAL);
}

static void test_parse(void)
{
	uint8_t p[1024];
	size_t n = tap_unhex(rsp_hex, p, sizeof(p));
	struct isns_pg_list l;
	uint32_t st = 99;

	CHECK_INT(isns_rsp_status(p, n, &st), 0);
	CHECK_INT(st, 0);
	CHECK_INT(isns_parse_query_rsp(p, n, &l), 0);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_STR(l.pg[0].name, "t1.a");
		CHECK_STR(l.pg[0].addr, "127.0.0.2");
		CHECK_INT(l.pg[0].port, 3261);
		CHECK_INT(l.pg[0].tag, 5);
		CHECK_STR(l.pg[1].name, "t3");
		CHECK_STR(l.pg[1].addr, "::1");
		CHECK_INT(l.pg[1].port, 3260);
		CHECK_INT(l.pg[1].tag, 1);
	}
	isns_pg_list_free(&l);

	/* Only a status: nothing visible. */
	CHECK_INT(isns_parse_query_rsp(p, 4, &l), 0);
	CHECK_INT(l.n, 0);
	/* Truncated TLV, length past the end, unaligned length, bad
	 * address size: all refused without reading past the buffer. */
	CHECK_INT(isns_parse_query_rsp(p, 10, &l), -EPROTO);
	CHECK_INT(isns_parse_query_rsp(p, n - 4, &l), -EPROTO);
	CHECK_INT(isns_parse_query_rsp(p, 3, &l), -EPROTO);
	uint8_t bad[128];
	size_t bl = tap_unhex("00000000 00000000 00000000"
			      "00000030 00000003 74330000", bad, sizeof(bad));
	CHECK_INT(isns_parse_query_rsp(bad, bl, &l), -EPROTO);
	bl = tap_unhex("00000000 00000000 00000000"
		       "00000030 00000004 74330000"
		       "00000031 00000004 7f000001", bad, sizeof(bad));
	CHECK_INT(isns_parse_query_rsp(bad, bl, &l), -EPROTO);
	/* A name without its NUL: the group is skipped, not overread. */
	bl = tap_unhex("00000000 00000000 00000000"
		       "00000030 00000004 74337878"
		       "00000031 00000010 00000000 00000000 0000ffff 7f000001"
		       "00000032 00000004 00000cbc 00000033 00000004 00000001",
		       bad, sizeof(bad));
	CHECK_INT(isns_parse_query_rsp(bad, bl, &l), 0);
	CHECK_INT(l.n, 0);
	isns_pg_list_free(&l);
}

static void test_rx(void)
{
	/* A response in two PDUs, fed one byte at a time, then garbage. */
	uint8_t s[128];
	size_t n = tap_unhex("0001 8002 0004 4400 0009 0000 00000000"
			     "0001 8002 0008 4800 0009 0001 0000 0021 0000 0000"
			     "ffff",
			     s, sizeof(s));
	struct isns_rx rx;
	size_t used = 0;
	long r = 0;

	isns_rx_init(&rx, 9);
	while (used < n && !rx.done) {
		r = isns_rx_feed(&rx, s + used, 1);
		if (r < 0)
			break;
		used += (size_t)r;
	}
	CHECK_INT(r, 1);
	CHECK(rx.done);
	CHECK_INT(used, n - 2);
	CHECK_INT(rx.len, 12);
	isns_rx_reset(&rx);

	/* Wrong transaction id, a request, a bad version, out of order. */
	isns_rx_init(&rx, 8);
	CHECK_INT(isns_rx_feed(&rx, s, n), -EPROTO);
	isns_rx_reset(&rx);
	uint8_t req[12];

	tap_unhex("0001 0002 0000 8c00 0009 0000", req, sizeof(req));
	isns_rx_init(&rx, 9);
	CHECK_INT(isns_rx_feed(&rx, req, 12), -EPROTO);
	isns_rx_reset(&rx);
	tap_unhex("0002 8002 0000 4c00 0009 0000", req, sizeof(req));
	CHECK_INT(isns_rx_feed(&rx, req, 12), -EPROTO);
	isns_rx_reset(&rx);
	tap_unhex("0001 8002 0000 4c00 0009 0001", req, sizeof(req));
	CHECK_INT(isns_rx_feed(&rx, req, 12), -EPROTO);
	isns_rx_reset(&rx);
}

int main(void)
{
	test_build();
	test_parse();
	test_rx();
	CHECK_STR(isns_status_str(6), "Source unknown");
	CHECK_STR(isns_status_str(11), "Internal error");
	CHECK_STR(isns_status_str(4), "Unknown iSNS status code");
	CHECK_STR(isns_status_str(1000), "Unknown iSNS status code");
	return tap_done();
}
