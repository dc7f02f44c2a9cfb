/* SPDX-License-Identifier: MIT */
/* sysfs_ibft.c - read the boot firmware table from sysfs (sysfs_ibft.h).
 * Attribute files are untrusted text: bounded reads, strict numbers. */
#include "transport/sysfs_ibft.h"

#include "core/fsutil.h"
#include "core/num.h"
#include "core/strlist.h"
#include "transport/sysfs.h"

#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IBFT_RAW_MAX 65536	/* every iBFT offset is 16 bits */

/* fs/kernfs/dir.c kernfs_name_hash on a 64-bit kernel: the R5 string
 * hash, end_name_hash = hash_long(h, 32) (the top half of h times
 * GOLDEN_RATIO_64), 31 bits, 0/1/INT_MAX reserved. */
unsigned sysfs_kernfs_hash(const char *name)
{
	uint64_t h = 0;
	uint32_t v;

	for (; *name; name++) {
		uint64_t c = (uint64_t)(int64_t)(signed char)*name;

		h = (h + (c << 4) + (c >> 4)) * 11;
	}
	v = (uint32_t)((h * UINT64_C(0x61C8864680B583EB)) >> 32) &
	    0x7fffffffu;
	if (v < 2)
		v += 2;
	if (v >= 0x7fffffffu)
		v = 0x7ffffffeu;
	return v;
}

static int kernfs_before(const char *a, const char *b)
{
	unsigned ha = sysfs_kernfs_hash(a), hb = sysfs_kernfs_hash(b);

	return ha != hb ? ha < hb : strcmp(a, b) < 0;
}

/* Insertion sort of n elements of size sz by the kernfs order of the
 * directory name each starts with (ibft_nic and ibft_tgt both begin with
 * char dir[16]). */
_Static_assert(offsetof(struct ibft_nic, dir) == 0 &&
		       offsetof(struct ibft_tgt, dir) == 0,
	       "kernfs_sort compares the leading dir name");

static void kernfs_sort(void *base, int n, size_t sz)
{
	char *a = base, tmp[sizeof(struct ibft_tgt) > sizeof(struct ibft_nic) ?
				    sizeof(struct ibft_tgt) :
				    sizeof(struct ibft_nic)];
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && kernfs_before(a + (size_t)j * sz,
						   a + (size_t)(j - 1) * sz);
		     j--) {
			memcpy(tmp, a + (size_t)j * sz, sz);
			memcpy(a + (size_t)j * sz, a + (size_t)(j - 1) * sz, sz);
			memcpy(a + (size_t)(j - 1) * sz, tmp, sz);
		}
}

static void rd_str(const char *dir, const char *attr, char *out, size_t n)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s", dir, attr);
	if (sysfs_read(p, out, n) < 0)
		out[0] = '\0';
}

static int rd_int(const char *dir, const char *attr, int dflt)
{
	char buf[32];
	long v;

	rd_str(dir, attr, buf, sizeof(buf));
	if (num_parse_long(buf, -2147483647L, 2147483647L, &v) < 0)
		return dflt;
	return (int)v;
}

/* The attribute files of one kind of entry: names in a strlist.h table,
 * and per name where it goes: a string field of `size` bytes, or (size 0)
 * an int with `dflt` when absent or not a number. */
struct rd_attr {
	uint16_t off, size;
	int8_t dflt;
};
#define RD_S(T, f) { offsetof(T, f), sizeof(((T *)0)->f), 0 }
#define RD_I(T, f, d) { offsetof(T, f), 0, d }

static void rd_attrs(const char *dir, void *obj, const char *names,
		     const struct rd_attr *a, size_t n)
{
	for (size_t i = 0; i < n; i++, names = strlist_next(names)) {
		char *p = (char *)obj + a[i].off;

		if (a[i].size)
			rd_str(dir, names, p, a[i].size);
		else
			*(int *)(void *)p = rd_int(dir, names, a[i].dflt);
	}
}

static const char ini_names[] = "index\0flags\0initiator-name\0isid\0";
static const struct rd_attr ini_attrs[] = {
	RD_I(struct ibft_initiator, index, -1),
	RD_I(struct ibft_initiator, flags, -1),
	RD_S(struct ibft_initiator, name),
	RD_S(struct ibft_initiator, isid),
};

static const char nic_names[] =
	"index\0flags\0ip-addr\0prefix-len\0subnet-mask\0origin\0gateway\0"
	"primary-dns\0secondary-dns\0dhcp\0vlan\0mac\0hostname\0";
static const struct rd_attr nic_attrs[] = {
	RD_I(struct ibft_nic, index, -1),
	RD_I(struct ibft_nic, flags, -1),
	RD_S(struct ibft_nic, ip),
	RD_I(struct ibft_nic, prefix, 0),
	RD_S(struct ibft_nic, mask),
	RD_I(struct ibft_nic, origin, 0),
	RD_S(struct ibft_nic, gateway),
	RD_S(struct ibft_nic, dns1),
	RD_S(struct ibft_nic, dns2),
	RD_S(struct ibft_nic, dhcp),
	RD_S(struct ibft_nic, vlan),
	RD_S(struct ibft_nic, mac),
	RD_S(struct ibft_nic, hostname),
};

static const char tgt_names[] =
	"index\0flags\0ip-addr\0port\0lun\0chap-type\0nic-assoc\0"
	"target-name\0chap-name\0chap-secret\0rev-chap-name\0"
	"rev-chap-name-secret\0";
static const struct rd_attr tgt_attrs[] = {
	RD_I(struct ibft_tgt, index, -1),
	RD_I(struct ibft_tgt, flags, -1),
	RD_S(struct ibft_tgt, ip),
	RD_I(struct ibft_tgt, port, -1),
	RD_S(struct ibft_tgt, lun),
	RD_I(struct ibft_tgt, chap_type, -1),
	RD_I(struct ibft_tgt, nic_assoc, -1),
	RD_S(struct ibft_tgt, name),
	RD_S(struct ibft_tgt, chap_name),
	RD_S(struct ibft_tgt, chap_secret),
	RD_S(struct ibft_tgt, rchap_name),
	RD_S(struct ibft_tgt, rchap_secret),
};
#define NATTRS(a) (sizeof(a) / sizeof((a)[0]))

static void read_nic(const char *dir, const char *name, struct ibft_nic *n)
{
	memset(n, 0, sizeof(*n));
	snprintf(n->dir, sizeof(n->dir), "%s", name);
	rd_attrs(dir, n, nic_names, nic_attrs, NATTRS(nic_attrs));
	n->pci_bdf = -1;
	snprintf(n->devpath, sizeof(n->devpath), "%s/device", dir);
}

static void read_tgt(const char *dir, const char *name, struct ibft_tgt *g)
{
	memset(g, 0, sizeof(*g));
	snprintf(g->dir, sizeof(g->dir), "%s", name);
	rd_attrs(dir, g, tgt_names, tgt_attrs, NATTRS(tgt_attrs));
}

/* One iscsi_boot_sysfs tree (ibft or iscsi_bootN), entries in directory
 * order as open-iscsi walks them.  -ENOENT without "initiator". */
static int read_tree(const char *base, const char *subsys, struct ibft *t)
{
	char dir[512];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/initiator", base);
	if (access(dir, F_OK) != 0)
		return -ENOENT;
	d = opendir(base);
	if (!d)
		return -errno;
	snprintf(t->source, sizeof(t->source), "%.255s", base);
	snprintf(t->subsys, sizeof(t->subsys), "%s", subsys);
	t->ini.present = 1;
	rd_attrs(dir, &t->ini, ini_names, ini_attrs, NATTRS(ini_attrs));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= 16)
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", base, de->d_name);
		/* the kernel's names are targetN and ethernetN */
		if (!strncmp(de->d_name, "target", 6) &&
		    t->n_tgts < IBFT_MAX_TGTS)
			read_tgt(dir, de->d_name, &t->tgts[t->n_tgts++]);
		else if (!strncmp(de->d_name, "ethernet", 8) &&
			 t->n_nics < IBFT_MAX_NICS)
			read_nic(dir, de->d_name, &t->nics[t->n_nics++]);
	}
	closedir(d);
	return 0;
}

static int read_raw(const char *root, struct ibft *t)
{
	static const char *const sigs[] = { "IBFT", "iBFT", "BIFT" };
	char path[512];
	char *data = NULL;
	size_t len = 0;
	int i, rc = -ENOENT;

	for (i = 0; i < 3 && rc == -ENOENT; i++) {
		snprintf(path, sizeof(path), "%s/firmware/acpi/tables/%s",
			 root, sigs[i]);
		rc = fs_read_file(path, IBFT_RAW_MAX, &data, &len);
	}
	if (rc == -EFBIG) {
		ibft_init(t);
		snprintf(t->why, sizeof(t->why),
			 "iBFT: %.100s is larger than %d bytes", path,
			 IBFT_RAW_MAX);
		return -EBADMSG;
	}
	if (rc < 0)
		return rc;
	rc = ibft_parse((const uint8_t *)data, len, t);
	free(data);
	snprintf(t->source, sizeof(t->source), "%.255s", path);
	for (i = 0; i < t->n_nics; i++) {
		struct ibft_nic *n = &t->nics[i];
		unsigned bdf = (unsigned)n->pci_bdf;

		/* The kernel links "device" to this PCI function, domain 0. */
		snprintf(n->devpath, sizeof(n->devpath),
			 "%.200s/bus/pci/devices/0000:%02x:%02x.%x", root,
			 bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
	}
	/* Raw tables give structures in table order; sysfs lists them in
	 * kernfs order, and that is the order open-iscsi picks from. */
	kernfs_sort(t->nics, t->n_nics, sizeof(t->nics[0]));
	kernfs_sort(t->tgts, t->n_tgts, sizeof(t->tgts[0]));
	return rc;
}

/* First entry of dir whose name starts with prefix ("" = any). */
static int first_entry(const char *dir, const char *prefix, char *out,
		       size_t n)
{
	size_t pl = strlen(prefix);
	struct dirent *de;
	DIR *d = opendir(dir);
	int rc = -ENOENT;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (strncmp(de->d_name, prefix, pl))
			continue;
		if (strlen(de->d_name + pl) >= n) {
			rc = -ENAMETOOLONG;
			break;
		}
		snprintf(out, n, "%s", de->d_name + pl);
		rc = 0;
		break;
	}
	closedir(d);
	return rc;
}

/* open-iscsi: no device link -> no name (and no error); a link with
 * net:IF (old kernels) or net/IF -> IF; a link without -> match the MAC,
 * and failing that the NIC is unusable. */
static void resolve_netdev(const char *root, struct ibft_nic *n)
{
	char net[IBFT_PATH_MAX + 8];

	if (access(n->devpath, F_OK) != 0)
		return;
	if (first_entry(n->devpath, "net:", n->ifname, sizeof(n->ifname)) ==
	    0)
		return;
	snprintf(net, sizeof(net), "%s/net", n->devpath);
	if (first_entry(net, "", n->ifname, sizeof(n->ifname)) == 0)
		return;
	n->ifname[0] = '\0';
	if (!n->mac[0] ||
	    sysfs_netdev_by_mac(root, n->mac, n->ifname,
				sizeof(n->ifname)) < 0)
		n->ifname_missing = 1;
}

static int read_sysfs_trees(const char *root, struct ibft *t)
{
	char base[512];
	struct dirent *de;
	DIR *d;
	int rc;

	snprintf(base, sizeof(base), "%s/firmware/ibft", root);
	rc = read_tree(base, "ibft", t);
	if (rc != -ENOENT)
		return rc;
	snprintf(base, sizeof(base), "%s/firmware", root);
	d = opendir(base);
	if (!d)
		return -ENOENT;
	while (rc == -ENOENT && (de = readdir(d))) {
		if (strncmp(de->d_name, "iscsi_boot", 10) ||
		    strlen(de->d_name) >= sizeof(t->subsys))
			continue;
		snprintf(base, sizeof(base), "%s/firmware/%s", root,
			 de->d_name);
		rc = read_tree(base, de->d_name, t);
	}
	closedir(d);
	return rc;
}

int sysfs_ibft_read(const char *root, struct ibft *t)
{
	struct ibft *raw;
	int i, rc;

	ibft_init(t);
	rc = read_sysfs_trees(root, t);
	if (rc == -ENOENT) {
		rc = read_raw(root, t);
	} else if (rc == 0 && t->n_tgts == 0) {
		/* The kernel hid the broken part; the raw table says why. */
		raw = malloc(sizeof(*raw));
		if (raw && read_raw(root, raw) != -ENOENT)
			memcpy(t->why, raw->why, sizeof(t->why));
		free(raw);
	}
	if (rc < 0)
		return rc;
	for (i = 0; i < t->n_nics; i++)
		resolve_netdev(root, &t->nics[i]);
	return 0;
}
