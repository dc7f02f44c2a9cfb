/* SPDX-License-Identifier: MIT */
/* ibft_samples.h - the iBFT tables that test_ibft.c and test_ibft_sysfs.c
 * both use (one target with CHAP; two NICs and two targets) and the
 * record the first one must give. */
#ifndef ISCSIBOX_IBFT_SAMPLES_H
#define ISCSIBOX_IBFT_SAMPLES_H

#include "ibft_build.h"

static const uint8_t mac0[6] = { 0x02, 0x1b, 0x2c, 0x3d, 0x4e, 0xaf };
static const uint8_t mac1[6] = { 0x02, 0x1b, 0x2c, 0x3d, 0x4e, 0xb0 };
static const uint8_t lun0[8];
static const uint8_t lun2[8] = { 0, 2, 0, 0, 0, 0, 0, 0 };

/* One target, one-way CHAP, static address, the layout most option ROMs
 * use: initiator, nic0, target0. */
static inline unsigned one_target(struct tb *t)
{
	tb_layout3(t, "iqn.1999-07.org.example.boot:client-7");
	tb_nic(t, 0xa0, 0, 3, 23, 1, 0, mac0, 0x0018);
	tb_ip4(t->b + 0xa0 + 6, 172, 20, 4, 37);
	tb_ip4(t->b + 0xa0 + 24, 172, 20, 4, 1);
	tb_ip4(t->b + 0xa0 + 40, 172, 20, 5, 53);
	tb_target(t, 0x110, 0, 3, 3261, lun0, 0,
		  "iqn.2008-02.net.example.san:vol.root-7", "bootclient",
		  "Kq7-secret-Z1x", "", "");
	tb_ip4(t->b + 0x110 + 6, 172, 20, 9, 250);
	return tb_finish(t);
}

static const char one_target_text[] =
	"# BEGIN RECORD 2.1.8\n"
	"iface.initiatorname = iqn.1999-07.org.example.boot:client-7\n"
	"iface.transport_name = tcp\n"
	"iface.hwaddress = 02:1b:2c:3d:4e:af\n"
	"iface.bootproto = STATIC\n"
	"iface.ipaddress = 172.20.4.37\n"
	"iface.prefix_len = 23\n"
	"iface.subnet_mask = 255.255.254.0\n"
	"iface.gateway = 172.20.4.1\n"
	"iface.primary_dns = 172.20.5.53\n"
	"iface.vlan_id = 0\n"
	"node.name = iqn.2008-02.net.example.san:vol.root-7\n"
	"node.conn[0].address = 172.20.9.250\n"
	"node.conn[0].port = 3261\n"
	"node.session.auth.username = bootclient\n"
	"node.session.auth.password = Kq7-secret-Z1x\n"
	"node.boot_lun = 00000000\n"
	"# END RECORD\n";

/* Two NICs, two targets, only target1/nic1 boot-selected. */
static inline unsigned two_targets(struct tb *t)
{
	tb_init(t, "iBFT");
	tb_slot(t, 0, 0x50);
	tb_slot(t, 1, 0xa0);
	tb_slot(t, 2, 0x110);
	tb_slot(t, 3, 0x150);
	tb_slot(t, 4, 0x1c0);
	tb_initiator(t, 0x50, "iqn.2020-01.lab.fw:twin");
	tb_nic(t, 0xa0, 0, 1, 24, 1, 0, mac0, 0x0018);
	tb_ip4(t->b + 0xa0 + 6, 192, 168, 77, 5);
	tb_target(t, 0x110, 0, 1, 3260, lun0, 0, "iqn.2020-01.lab.fw:data",
		  "", "", "", "");
	tb_ip4(t->b + 0x110 + 6, 192, 168, 77, 200);
	tb_nic(t, 0x150, 1, 3, 16, 1, 0, mac1, 0x0020);
	tb_ip4(t->b + 0x150 + 6, 10, 9, 3, 4);
	tb_ip4(t->b + 0x150 + 24, 10, 9, 0, 1);
	tb_target(t, 0x1c0, 1, 3, 3260, lun2, 1, "iqn.2020-01.lab.fw:root",
		  "", "", "", "");
	tb_ip4(t->b + 0x1c0 + 6, 10, 40, 0, 8);
	return tb_finish(t);
}


#endif
