/* SPDX-License-Identifier: MIT */
/* test_fwnet.c - "iscsistart -N": the plan for a firmware target
 * (core/fwnet.c: address, mask, broadcast, on-link or via the gateway,
 * VLAN, IPv6) and the rtnetlink messages that apply it
 * (transport/rtnl.c), checked byte by byte, plus acknowledgement
 * parsing. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "core/fwnet.h"
#include "transport/rtnl.h"
#include "transport/vlan.h"
#include "tap.h"

static struct ibft_initiator ini;

static void entry(struct fw_entry *e, struct ibft_nic *n, struct ibft_tgt *g,
		  const char *ip, const char *mask, int prefix, const char *gw,
		  const char *vlan, const char *tip)
{
	memset(n, 0, sizeof(*n));
	memset(g, 0, sizeof(*g));
	snprintf(n->ip, sizeof(n->ip), "%s", ip);
	snprintf(n->mask, sizeof(n->mask), "%s", mask);
	n->prefix = prefix;
	snprintf(n->gateway, sizeof(n->gateway), "%s", gw);
	snprintf(n->vlan, sizeof(n->vlan), "%s", vlan);
	snprintf(g->ip, sizeof(g->ip), "%s", tip);
	e->ini = &ini;
	e->nic = n;
	e->tgt = g;
}

static void test_plan(void)
{
	struct ibft_nic n;
	struct ibft_tgt g;
	struct fw_entry e;
	struct fwnet_plan p;
	const char *why = NULL;
	static const uint8_t brd[4] = { 10, 0, 3, 255 };
	static const uint8_t gw[4] = { 10, 0, 0, 1 };

	/* On-link: host route without gateway; broadcast from the mask. */
	entry(&e, &n, &g, "10.0.2.15", "255.255.252.0", 22, "10.0.0.1", "0",
	      "10.0.1.100");
	CHECK_INT(fwnet_plan(&e, &p, &why), 0);
	CHECK_INT(p.family, AF_INET);
	CHECK_INT(p.prefix, 22);
	CHECK_MEM(p.brd, 4, brd, 4);
	CHECK_INT(p.via_gw, 0);
	CHECK_INT(p.vlan, 0);
	/* Off-link: via the gateway. */
	entry(&e, &n, &g, "10.0.2.15", "255.255.252.0", 22, "10.0.0.1", "33",
	      "10.0.9.100");
	CHECK_INT(fwnet_plan(&e, &p, &why), 0);
	CHECK_INT(p.via_gw, 1);
	CHECK_MEM(p.gw, 4, gw, 4);
	CHECK_INT(p.vlan, 33);
	/* Off-link without a gateway, no mask, no address: open-iscsi's
	 * errors. */
	entry(&e, &n, &g, "10.0.2.15", "255.255.252.0", 22, "", "0",
	      "10.0.9.100");
	CHECK_INT(fwnet_plan(&e, &p, &why), -EINVAL);
	CHECK_STR(why, "Invalid or missing gateway");
	entry(&e, &n, &g, "10.0.2.15", "", 0, "", "0", "10.0.9.100");
	CHECK_INT(fwnet_plan(&e, &p, &why), -EINVAL);
	CHECK_STR(why, "Invalid or missing netmask in fw entry");
	entry(&e, &n, &g, "", "", 0, "", "0", "10.0.9.100");
	CHECK_INT(fwnet_plan(&e, &p, &why), -EINVAL);
	/* IPv6, as the kernel prints it: prefix from prefix-len. */
	entry(&e, &n, &g, "fd00:0044:0000:0000:0000:0000:0000:0021",
	      "255.255.255.255", 64, "", "0",
	      "fd00:0044:0000:0000:0000:0000:0000:0c01");
	CHECK_INT(fwnet_plan(&e, &p, &why), 0);
	CHECK_INT(p.family, AF_INET6);
	CHECK_INT(p.prefix, 64);
	CHECK_INT(p.via_gw, 0);
	entry(&e, &n, &g, "fd00:0044:0000:0000:0000:0000:0000:0021",
	      "255.255.255.255", 64, "fd00:0044::1", "0", "fd01::9");
	CHECK_INT(fwnet_plan(&e, &p, &why), 0);
	CHECK_INT(p.via_gw, 1);
}

static void test_messages(void)
{
	uint8_t b[256], want[256];
	static const uint8_t a4[4] = { 10, 0, 2, 15 }, d4[4] = { 10, 0, 2, 100 };
	static const uint8_t bc[4] = { 10, 0, 2, 255 };
	size_t n;
	int len;

	/* RTM_NEWADDR: header, ifaddrmsg, IFA_LOCAL, IFA_ADDRESS,
	 * IFA_BROADCAST. */
	len = rtnl_build_addr(b, sizeof(b), 7, 2, AF_INET, a4, 24, bc);
	n = tap_unhex("30000000 1400 0505 07000000 00000000"
		      "02 18 00 00 02000000"
		      "0800 0200 0a00020f  0800 0100 0a00020f"
		      "0800 0400 0a0002ff", want, sizeof(want));
	CHECK_MEM(b, (size_t)len, want, n);
	/* RTM_NEWROUTE host route, scope link, protocol boot, main. */
	len = rtnl_build_route(b, sizeof(b), 8, 2, AF_INET, d4, NULL);
	n = tap_unhex("2c000000 1800 0505 08000000 00000000"
		      "02 20 00 00 fe 03 fd 01 00000000"
		      "0800 0100 0a000264  0800 0400 02000000", want,
		      sizeof(want));
	CHECK_MEM(b, (size_t)len, want, n);
	/* ... via a gateway: scope universe plus RTA_GATEWAY. */
	len = rtnl_build_route(b, sizeof(b), 9, 2, AF_INET, d4, a4);
	CHECK_INT(len, 0x34);
	CHECK_INT(b[16 + 6], RT_SCOPE_UNIVERSE);
	/* RTM_NEWLINK IFF_UP. */
	len = rtnl_build_link_up(b, sizeof(b), 1, 3);
	n = tap_unhex("20000000 1000 0500 01000000 00000000"
		      "00 00 0000 03000000 01000000 01000000", want,
		      sizeof(want));
	CHECK_MEM(b, (size_t)len, want, n);
	CHECK_INT(rtnl_build_addr(b, 40, 1, 2, AF_INET6, a4, 64, NULL),
		  -ENOSPC);
}

static void test_ack(void)
{
	uint8_t b[64];
	size_t n;

	n = tap_unhex("24000000 0200 0000 05000000 00000000"
		      "00000000 20000000 1400 0505 05000000 00000000", b,
		      sizeof(b));
	CHECK_INT(rtnl_parse_ack(b, n, 5), 0);
	CHECK_INT(rtnl_parse_ack(b, n, 6), -EBADMSG);
	b[16] = 0xef;	/* -17 */
	b[17] = b[18] = b[19] = 0xff;
	CHECK_INT(rtnl_parse_ack(b, n, 5), -EEXIST);
	CHECK_INT(rtnl_parse_ack(b, n - 1, 5), -EBADMSG);
	CHECK_INT(rtnl_parse_ack(b, 10, 5), -EBADMSG);
	b[4] = 0x10;	/* not NLMSG_ERROR */
	CHECK_INT(rtnl_parse_ack(b, n, 5), -EBADMSG);
}

/* /proc/net/vlan/config as 8021q prints it ("%-15s| %d  | %s"). */
static void test_vlan(void)
{
	static const char cfg[] =
		"VLAN Dev name	 | VLAN ID\n"
		"Name-Type: VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD\n"
		"eth1.7         | 7  | eth1\n"
		"boot-vl        | 412  | eth0\n"
		"eth0.41        | 41  | eth0\n";
	char out[16] = "";

	CHECK_INT(vlan_parse_config(cfg, strlen(cfg), "eth0", 412, out,
				    sizeof(out)), 0);
	CHECK_STR(out, "boot-vl");
	CHECK_INT(vlan_parse_config(cfg, strlen(cfg), "eth0", 41, out,
				    sizeof(out)), 0);
	CHECK_STR(out, "eth0.41");
	/* Same id on another parent, header lines, a cut last line. */
	CHECK_INT(vlan_parse_config(cfg, strlen(cfg), "eth0", 7, out,
				    sizeof(out)), -ENOENT);
	CHECK_INT(vlan_parse_config(cfg, 40, "eth0", 412, out, sizeof(out)),
		  -ENOENT);
	CHECK_INT(vlan_parse_config(cfg, strlen(cfg) - 3, "eth0", 41, out,
				    sizeof(out)), -ENOENT);
	CHECK_INT(vlan_parse_config(cfg, strlen(cfg), "eth0", 412, out, 4),
		  -ENOENT);
	CHECK_INT(vlan_find("/nonexistent/vlan/config", "eth0", 1, out,
			    sizeof(out)), -ENOENT);
}

int main(void)
{
	test_vlan();
	test_plan();
	test_messages();
	test_ack();
	return tap_done();
}
