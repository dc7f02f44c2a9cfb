/* SPDX-License-Identifier: MIT */
/* test_ibft.c - the iBFT parser (firmware/ibft_acpi.c) on tables built as
 * byte arrays, the same tables' /sys/firmware/ibft trees read by
 * transport/sysfs_ibft.c (same records, same printed text), open-iscsi's
 * target/NIC choice (core/fwboot.c), and every broken variant. */
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
#include "transport/sysfs_ibft.h"
#include "ibft_build.h"
#include "tap.h"

static const uint8_t mac0[6] = { 0x02, 0x1b, 0x2c, 0x3d, 0x4e, 0xaf };
static const uint8_t mac1[6] = { 0x02, 0x1b, 0x2c, 0x3d, 0x4e, 0xb0 };
static const uint8_t lun0[8];
static const uint8_t lun2[8] = { 0, 2, 0, 0, 0, 0, 0, 0 };
static const uint8_t lun_odd[8] = { 0x40, 0x0a, 0, 0, 0, 0, 0x10, 0xff };

static char root[64];

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

/* One target, one-way CHAP, static address, the layout most option ROMs
 * use: initiator, nic0, target0. */
static unsigned one_target(struct tb *t)
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

/* Two NICs, two targets, only target1/nic1 boot-selected. */
static unsigned two_targets(struct tb *t)
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

static void wr(const char *rel, const char *val)
{
	char p[PATH_MAX], *slash;
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	slash = strrchr(p, '/');
	*slash = '\0';
	fs_mkdirs(p, 0755);
	*slash = '/';
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (f) {
		fprintf(f, "%s\n", val);
		fclose(f);
	}
}

static void mk(const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	CHECK_INT(fs_mkdirs(p, 0755), 0);
}

static void wr_raw(const uint8_t *b, size_t len, const char *sig)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/firmware/acpi/tables", root);
	fs_mkdirs(p, 0755);
	snprintf(p, sizeof(p), "%s/firmware/acpi/tables/%s", root, sig);
	f = fopen(p, "w");
	CHECK(f && fwrite(b, 1, len, f) == len);
	if (f)
		fclose(f);
}

/* The tree iscsi_ibft makes of one_target(), written as the kernel
 * shows it (subnet-mask without newline, hidden empty fields). */
static void tree_one_target(void)
{
	const char *e = "firmware/ibft/ethernet0/", *g = "firmware/ibft/target0/";
	char p[128];
	static const char *const ev[][2] = {
		{ "index", "0" }, { "flags", "3" }, { "ip-addr", "172.20.4.37" },
		{ "prefix-len", "23" }, { "origin", "1" },
		{ "gateway", "172.20.4.1" }, { "primary-dns", "172.20.5.53" },
		{ "vlan", "0" }, { "mac", "02:1b:2c:3d:4e:af" },
	};
	static const char *const tv[][2] = {
		{ "index", "0" }, { "flags", "3" }, { "ip-addr", "172.20.9.250" },
		{ "port", "3261" }, { "lun", "00000000" }, { "chap-type", "1" },
		{ "nic-assoc", "0" },
		{ "target-name", "iqn.2008-02.net.example.san:vol.root-7" },
		{ "chap-name", "bootclient" }, { "chap-secret", "Kq7-secret-Z1x" },
	};
	size_t i;
	FILE *f;

	wr("firmware/ibft/initiator/index", "0");
	wr("firmware/ibft/initiator/flags", "3");
	wr("firmware/ibft/initiator/initiator-name",
	   "iqn.1999-07.org.example.boot:client-7");
	for (i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", e, ev[i][0]);
		wr(p, ev[i][1]);
	}
	snprintf(p, sizeof(p), "%s/%ssubnet-mask", root, e);
	f = fopen(p, "w");
	if (f) {
		fputs("255.255.254.0", f);
		fclose(f);
	}
	for (i = 0; i < sizeof(tv) / sizeof(tv[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", g, tv[i][0]);
		wr(p, tv[i][1]);
	}
}

static int read_first(char *out, size_t n, char *ifname)
{
	struct ibft *ib = malloc(sizeof(*ib));
	struct fw_entry e[4];
	int rc = sysfs_ibft_read(root, ib);

	if (!rc && fwboot_targets(ib, e, 4, NULL, 0) < 1)
		rc = -ENOENT;
	if (!rc) {
		rc = fwboot_format(&e[0], out, n) < 0 ? -ENOSPC : 0;
		snprintf(ifname, 16, "%s", e[0].nic->ifname);
	}
	free(ib);
	return rc;
}

static void rm_tree(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf %.60s/firmware %.60s/bus %.60s/class", root,
		 root, root);
	CHECK_INT(system(cmd), 0);
}

/* The same table through sysfs and raw: byte-identical records; the
 * netdev found through the PCI device, else by MAC. */
static void test_sysfs_vs_raw(void)
{
	char a[2048], b[2048], ifn[16], want[2200];
	struct tb t;
	unsigned len = one_target(&t);
	struct ibft ib;

	snprintf(want, sizeof(want), "%.*siface.net_ifacename = enp0s3\n%s",
		 (int)(strstr(one_target_text, "node.name") - one_target_text),
		 one_target_text,
		 strstr(one_target_text, "node.name"));
	/* No table at all. */
	CHECK_INT(sysfs_ibft_read(root, &ib), -ENOENT);
	/* Raw only (no iscsi_ibft module); bdf 0x0018 = 00:03.0. */
	wr_raw(t.b, len, "iBFT");
	mk("bus/pci/devices/0000:00:03.0/net/enp0s3");
	CHECK_INT(read_first(b, sizeof(b), ifn), 0);
	CHECK_STR(b, want);
	/* The module's tree, same text. */
	tree_one_target();
	CHECK_INT(symlink("../../../bus/pci/devices/0000:00:03.0",
			  strcat(strcpy(a, root),
				 "/firmware/ibft/ethernet0/device")), 0);
	CHECK_INT(read_first(a, sizeof(a), ifn), 0);
	CHECK_STR(a, b);
	CHECK_STR(ifn, "enp0s3");
	rm_tree();
	/* Device without net/: by MAC; no device: no name at all. */
	wr_raw(t.b, len, "iBFT");
	mk("bus/pci/devices/0000:00:03.0");
	wr("class/net/lo/address", "00:00:00:00:00:00");
	wr("class/net/eno9/address", "02:1B:2C:3D:4E:AF");
	CHECK_INT(read_first(a, sizeof(a), ifn), 0);
	CHECK_STR(ifn, "eno9");
	rm_tree();
	wr_raw(t.b, len, "iBFT");
	CHECK_INT(read_first(a, sizeof(a), ifn), 0);
	CHECK_STR(ifn, "");
	CHECK_STR(a, one_target_text);
	/* Device, no netdev anywhere: open-iscsi drops the target. */
	mk("bus/pci/devices/0000:00:03.0");
	CHECK_INT(read_first(a, sizeof(a), ifn), -ENOENT);
	rm_tree();
	/* Raw table broken: the reason comes back. */
	t.b[0x110 + 2] = 53;
	len = tb_finish(&t);
	wr_raw(t.b, len, "IBFT");
	CHECK_INT(sysfs_ibft_read(root, &ib), 0);
	CHECK_INT(ib.n_tgts, 0);
	CHECK(strstr(ib.why, "length 53") != NULL);
	/* Module tree without targets (the kernel skipped the bad one):
	 * the raw table still explains why. */
	wr("firmware/ibft/initiator/index", "0");
	CHECK_INT(sysfs_ibft_read(root, &ib), 0);
	CHECK_STR(ib.subsys, "ibft");
	CHECK(strstr(ib.why, "length 53") != NULL);
	rm_tree();
}

/* Two targets: the raw path lists them in kernfs order, as readdir of
 * the module's tree does. */
static void test_kernfs_order(void)
{
	struct tb t;
	struct ibft ib;
	unsigned len = two_targets(&t);

	wr_raw(t.b, len, "iBFT");
	CHECK_INT(sysfs_ibft_read(root, &ib), 0);
	CHECK_INT(ib.n_tgts, 2);
	/* The order a 6.1 kernel lists /sys/firmware/ibft in (seen under
	 * qemu): ethernet0, initiator, target0, target1, acpi_header. */
	CHECK_STR(ib.tgts[0].dir, "target0");
	CHECK_INT(sysfs_kernfs_hash("ethernet0"), 11917718);
	CHECK_INT(sysfs_kernfs_hash("initiator"), 62092526);
	CHECK_INT(sysfs_kernfs_hash("target0"), 1086603920);
	CHECK_INT(sysfs_kernfs_hash("target1"), 2057343752);
	CHECK_INT(sysfs_kernfs_hash("acpi_header"), 2144739566);
	rm_tree();
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
	snprintf(root, sizeof(root), "/tmp/test_ibft.XXXXXX");
	if (!mkdtemp(root))
		return 1;
	test_one_target();
	test_mutual_dhcp_vlan();
	test_two_targets();
	test_ipv6();
	test_odd_names();
	test_broken();
	test_sysfs_vs_raw();
	test_kernfs_order();
	test_node();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
		if (system(cmd) != 0)
			return 1;
	}
	return tap_done();
}
