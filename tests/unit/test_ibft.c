/* SPDX-License-Identifier: MIT */
/* test_ibft.c - the iBFT parser (firmware/ibft_acpi.c) on tables built as
 * byte arrays, open-iscsi's target/NIC choice and the records made of it
 * (core/fwboot.c), and every broken variant. The same tables read from
 * /sys/firmware/ibft are in test_ibft_sysfs.c. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/fwboot.h"
#include "firmware/ibft.h"
#include "ibft_samples.h"
#include "tap.h"

static const uint8_t lun_odd[8] = { 0x40, 0x0a, 0, 0, 0, 0, 0x10, 0xff };

/* Parse a built table and return its first formatted target record. */
static int first_record(const uint8_t *b, size_t len, char *out, size_t n)
{
	struct ibft t;
	struct fw_entry e[4];
	int rc = ibft_parse(b, len, &t);

	if (rc)
		return rc;
	if (fwboot_targets(&t, e, 4, NULL, 0) < 1)
		return -ENOENT;
	return fwboot_format(&e[0], out, n) < 0 ? -ENOSPC : 0;
}


static void test_one_target(void)
{
	struct tb t;
	char out[2048];
	unsigned len = one_target(&t);

	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	CHECK_STR(out, one_target_text);
	/* Any of the three signatures. */
	memcpy(t.b, "BIFT", 4);
	len = tb_finish(&t);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	memcpy(t.b, "IBFT", 4);
	len = tb_finish(&t);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
}

/* Mutual CHAP, DHCP origin, a VLAN and an 8-byte LUN. */
static void test_mutual_dhcp_vlan(void)
{
	struct tb t;
	char out[2048];
	unsigned len;

	tb_layout3(&t, "iqn.2016-11.test.fw:mutual");
	tb_nic(&t, 0xa0, 0, 3, 24, 3, 412, mac0, 0);
	tb_ip4(t.b + 0xa0 + 6, 10, 77, 1, 20);
	tb_ip4(t.b + 0xa0 + 72, 10, 77, 1, 2);
	tb_target(&t, 0x110, 0, 3, 3260, lun2, 0, "iqn.2016-11.test.fw:lun2",
		  "outname", "out-secret-123", "inname", "in-secret-4567");
	tb_ip4(t.b + 0x110 + 6, 10, 77, 1, 99);
	len = tb_finish(&t);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	CHECK_STR(out, "# BEGIN RECORD 2.1.8\n"
		       "iface.initiatorname = iqn.2016-11.test.fw:mutual\n"
		       "iface.transport_name = tcp\n"
		       "iface.hwaddress = 02:1b:2c:3d:4e:af\n"
		       "iface.bootproto = DHCP\n"
		       "iface.ipaddress = 10.77.1.20\n"
		       "iface.prefix_len = 24\n"
		       "iface.subnet_mask = 255.255.255.0\n"
		       "iface.vlan_id = 412\n"
		       "node.name = iqn.2016-11.test.fw:lun2\n"
		       "node.conn[0].address = 10.77.1.99\n"
		       "node.conn[0].port = 3260\n"
		       "node.session.auth.username = outname\n"
		       "node.session.auth.password = out-secret-123\n"
		       "node.session.auth.username_in = inname\n"
		       "node.session.auth.password_in = in-secret-4567\n"
		       "node.boot_lun = 02000000\n"
		       "# END RECORD\n");
	/* DHCP server given, origin manual: still DHCP; 0.0.0.0 is not. */
	t.b[0xa0 + 23] = 1;
	len = tb_finish(&t);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	CHECK(strstr(out, "iface.bootproto = DHCP\n") != NULL);
	memset(t.b + 0xa0 + 72, 0, 16);
	len = tb_finish(&t);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	CHECK(strstr(out, "iface.bootproto = STATIC\n") != NULL);
	/* The kernel prints each LUN byte "%x" without padding. */
	memcpy(t.b + 0x110 + 24, lun_odd, 8);
	len = tb_finish(&t);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	CHECK(strstr(out, "node.boot_lun = 40a000010ff\n") != NULL);
}

static void test_two_targets(void)
{
	struct tb t;
	struct ibft ib;
	struct fw_entry e[4], be;
	unsigned len = two_targets(&t);
	int n, i, seen = 0;

	CHECK_INT(ibft_parse(t.b, len, &ib), 0);
	CHECK_INT(ib.n_nics, 2);
	CHECK_INT(ib.n_tgts, 2);
	n = fwboot_targets(&ib, e, 4, NULL, 0);
	CHECK_INT(n, 2);
	for (i = 0; i < n; i++) {
		/* Each target with the NIC its nic-assoc names. */
		CHECK_INT(e[i].nic->index, e[i].tgt->nic_assoc);
		seen |= 1 << e[i].tgt->index;
	}
	CHECK_INT(seen, 3);
	CHECK_INT(fwboot_boot_entry(&ib, &be), 0);
	CHECK_STR(be.tgt->name, "iqn.2020-01.lab.fw:root");
	CHECK_STR(be.nic->ip, "10.9.3.4");
	/* Nothing boot-selected: no boot entry, targets still listed. */
	t.b[0x150 + 5] = 1;
	t.b[0x1c0 + 5] = 1;
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), 0);
	CHECK_INT(fwboot_boot_entry(&ib, &be), -ENOENT);
	CHECK_INT(fwboot_targets(&ib, e, 4, NULL, 0), 2);
	/* A target whose nic-assoc has no NIC: open-iscsi's line. */
	{
		char msg[128] = "";

		t.b[0x1c0 + 33] = 7;
		len = tb_finish(&t);
		CHECK_INT(ibft_parse(t.b, len, &ib), 0);
		CHECK_INT(fwboot_targets(&ib, e, 4, msg, sizeof(msg)), 1);
		CHECK_STR(msg, "Invalid nic-assoc of 7. Max id 2.\n");
	}
	/* Flags 0 hide a target, as in open-iscsi. */
	t.b[0x110 + 5] = 0;
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), 0);
	CHECK_INT(fwboot_targets(&ib, e, 4, NULL, 0), 0);
}

static void test_ipv6(void)
{
	static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0x0a,
					0x10, 0, 0, 0, 0, 0, 0, 0, 0x25 };
	static const uint8_t t6[16] = { 0xfd, 0x00, 0, 0x42, 0, 0, 0, 0, 0,
					0, 0, 0, 0, 0, 0x0c, 0x01 };
	struct tb t;
	char out[2048];
	unsigned len;

	tb_layout3(&t, "iqn.2012-12.v6.example:host");
	tb_nic(&t, 0xa0, 0, 3, 64, 1, 0, mac0, 0);
	memcpy(t.b + 0xa0 + 6, a6, 16);
	tb_target(&t, 0x110, 0, 3, 3260, lun0, 0, "iqn.2012-12.v6.example:t",
		  "", "", "", "");
	memcpy(t.b + 0x110 + 6, t6, 16);
	len = tb_finish(&t);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	/* "%pI6": never compressed; the kernel's int shift makes /64 show
	 * as 255.255.255.255. */
	CHECK(strstr(out, "iface.ipaddress = 2001:0db8:0000:0a10:0000:0000:"
			  "0000:0025\n") != NULL);
	CHECK(strstr(out, "iface.prefix_len = 64\n") != NULL);
	CHECK(strstr(out, "iface.subnet_mask = 255.255.255.255\n") != NULL);
	CHECK(strstr(out, "node.conn[0].address = fd00:0042:0000:0000:0000:"
			  "0000:0000:0c01\n") != NULL);
}

/* Odd but valid: a 223-byte name, EUI and NAA names, unusual punctuation
 * in CHAP values, a long secret. */
static void test_odd_names(void)
{
	char name[224], secret[200], out[4096];
	struct tb t;
	struct ibft ib;
	unsigned len;

	memset(name, 'x', 223);
	memcpy(name, "iqn.2001-04.com.example:", 24);
	name[223] = '\0';
	memset(secret, 'S', 199);
	secret[199] = '\0';
	tb_layout3(&t, "eui.02004567A425678D");
	tb_nic(&t, 0xa0, 0, 2, 8, 1, 0, mac0, 0);
	tb_ip4(t.b + 0xa0 + 6, 10, 1, 2, 3);
	tb_target(&t, 0x110, 0, 2, 3260, lun0, 0, name, "user@dom ain=1",
		  secret, "", "");
	tb_ip4(t.b + 0x110 + 6, 10, 1, 2, 4);
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), 0);
	CHECK_STR(ib.why, "");
	CHECK_STR(ib.tgts[0].name, name);
	CHECK_STR(ib.tgts[0].chap_secret, secret);
	CHECK_INT(first_record(t.b, len, out, sizeof(out)), 0);
	CHECK(strstr(out, "iface.initiatorname = eui.02004567A425678D\n"));
	CHECK(strstr(out, "node.session.auth.username = user@dom ain=1\n"));
}

/* Finish t, parse it: the target must be skipped (rc 0, no target) and
 * the reason must mention want (NULL: no reason expected). */
static void expect_skip(struct tb *t, const char *want)
{
	struct ibft ib;
	unsigned len = tb_finish(t);

	CHECK_INT(ibft_parse(t->b, len, &ib), 0);
	CHECK_INT(ib.n_tgts, 0);
	if (want)
		CHECK(strstr(ib.why, want) != NULL);
}

/* A table the kernel refuses entirely, or a structure it skips. */
static void test_broken(void)
{
	struct tb t;
	struct ibft ib;
	unsigned len, i;
	uint8_t *copy;

	/* Every truncation of a valid table fails cleanly, never reads past
	 * the buffer (a heap copy of exactly that size, under ASan). */
	len = one_target(&t);
	for (i = 0; i < len; i++) {
		copy = malloc(i ? i : 1);
		memcpy(copy, t.b, i);
		CHECK(ibft_parse(copy, i, &ib) < 0);
		CHECK(ib.why[0] != '\0');
		free(copy);
	}
	/* Bad checksum, revision, signature. */
	len = one_target(&t);
	t.b[100] ^= 1;
	CHECK_INT(ibft_parse(t.b, len, &ib), -EBADMSG);
	CHECK(strstr(ib.why, "checksum") != NULL);
	len = one_target(&t);
	t.b[8] = 2;
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), -EPROTO);
	len = one_target(&t);
	memcpy(t.b, "RSDT", 4);
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), -EBADMSG);
	/* Control structure: wrong id, length or index. */
	for (i = 0; i < 3; i++) {
		len = one_target(&t);
		t.b[i == 0 ? 48 : i == 1 ? 50 : 52] = i == 1 ? 20 : 2;
		len = tb_finish(&t);
		CHECK_INT(ibft_parse(t.b, len, &ib), -EBADMSG);
		CHECK(strstr(ib.why, "control") != NULL);
	}
	/* Target of the wrong length / unknown id: skipped, reason kept. */
	len = one_target(&t);
	tb_w16(t.b + 0x110 + 2, 50);
	expect_skip(&t, "length 50, expected 54");
	len = one_target(&t);
	t.b[0x110] = 9;
	expect_skip(&t, "unknown structure type 9");
	/* Extensions (id 5) are ignored silently, as by the kernel. */
	len = one_target(&t);
	t.b[0x110] = 5;
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), 0);
	CHECK_STR(ib.why, "");
	/* Offsets: beyond the kernel's bound are unused; a structure that
	 * starts inside but runs past the end is skipped; overlap. */
	len = one_target(&t);
	tb_slot(&t, 2, 0x7000);
	expect_skip(&t, NULL);
	len = one_target(&t);
	memcpy(t.b + len - 50, t.b + 0x110, 50);
	tb_slot(&t, 2, len - 50);
	expect_skip(&t, "past the end");
	len = one_target(&t);
	memmove(t.b + 0xd0, t.b + 0x110, 54);
	tb_slot(&t, 2, 0xd0);
	expect_skip(&t, "overlaps");
	len = one_target(&t);
	tb_slot(&t, 2, 0x30);	/* inside the header */
	expect_skip(&t, NULL);
	/* Strings: outside the table, with a NUL, too long. */
	len = one_target(&t);
	tb_w16(t.b + 0x110 + 36, len - 3);
	expect_skip(&t, "outside the table");
	len = one_target(&t);
	t.b[0x200 + 5] = 0;	/* inside the initiator name */
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), 0);
	CHECK_INT(ib.ini.present, 0);
	CHECK(strstr(ib.why, "NUL") != NULL);
	len = one_target(&t);
	tb_w16(t.b + 0x110 + 34, 300);
	expect_skip(&t, NULL);
	/* Two NICs with the same index: the kernel drops everything. */
	len = two_targets(&t);
	t.b[0x150 + 4] = 0;
	len = tb_finish(&t);
	CHECK_INT(ibft_parse(t.b, len, &ib), -EBADMSG);
	CHECK_INT(ib.n_nics + ib.n_tgts, 0);
	/* Header length larger than what was read. */
	len = one_target(&t);
	CHECK_INT(ibft_parse(t.b, len - 1, &ib), -EBADMSG);
}

static void test_node(void)
{
	struct tb t;
	struct ibft ib;
	struct fw_entry e;
	struct idbm_node *n = malloc(sizeof(*n));
	unsigned len = one_target(&t);

	CHECK_INT(ibft_parse(t.b, len, &ib), 0);
	CHECK_INT(fwboot_boot_entry(&ib, &e), 0);
	idbm_node_init(n);
	fwboot_node(&e, n);
	CHECK_STR(n->name, "iqn.2008-02.net.example.san:vol.root-7");
	CHECK_STR(n->conn.address, "172.20.9.250");
	CHECK_INT(n->conn.port, 3261);
	CHECK_INT(n->tpgt, 1);
	CHECK_INT(n->startup, IDBM_STARTUP_MANUAL);
	CHECK_INT(n->disc_type, IDBM_DISC_FW);
	CHECK_STR(n->session.auth.username, "bootclient");
	CHECK_STR(n->session.auth.password, "Kq7-secret-Z1x");
	CHECK_STR(n->iface.initiatorname,
		  "iqn.1999-07.org.example.boot:client-7");
	free(n);
}

int main(void)
{
	test_one_target();
	test_mutual_dhcp_vlan();
	test_two_targets();
	test_ipv6();
	test_odd_names();
	test_broken();
	test_node();
	return tap_done();
}
