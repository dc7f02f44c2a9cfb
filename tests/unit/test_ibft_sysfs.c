/* SPDX-License-Identifier: MIT */
/* test_ibft_sysfs.c - iBFT tables as the kernel shows them under
 * /sys/firmware/ibft, read by transport/sysfs_ibft.c: the same records
 * and printed text as the raw table (firmware/ibft_acpi.c) gives, and the
 * kernfs listing order a real kernel uses. */
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
#include "ibft_samples.h"
#include "tap.h"

static char root[64];

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
	wr("class/net/lo/type", "772");
	wr("class/net/eno9/address", "02:1B:2C:3D:4E:AF");
	wr("class/net/eno9/type", "1");
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

int main(void)
{
	snprintf(root, sizeof(root), "/tmp/test_ibft_sysfs.XXXXXX");
	if (!mkdtemp(root))
		return 1;
	test_sysfs_vs_raw();
	test_kernfs_order();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
		if (system(cmd) != 0)
			return 1;
	}
	return tap_done();
}
