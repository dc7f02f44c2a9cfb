/* SPDX-License-Identifier: MIT */
/* test_sysfs_session.c - the sysfs readers for iSCSI sessions and hosts,
 * run on a fake sysfs tree built in a temp directory with the kernel's
 * layout (devices/platform/hostH/sessionS/..., class/ symlinks): list
 * order, "(null)" and missing attributes, hosts, LUNs and disks (new
 * "block/" and old "block:sdX" layouts), rescan writes, and finding the
 * session of a sysfs path; and core/sess_find.c, the check for an
 * existing session that iscsistart and iscsiadm make before a login. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/errors.h"
#include "core/fsutil.h"
#include "core/sess_find.h"
#include "transport/sysfs_session.h"
#include "tap.h"

static char root[64];

static void mk(const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	CHECK(fs_mkdirs(p, 0755) == 0);
}

static void wr(const char *dir, const char *attr, const char *val)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, dir);
	fs_mkdirs(p, 0755);
	snprintf(p, sizeof(p), "%s/%s/%s", root, dir, attr);
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (f) {
		fprintf(f, "%s\n", val);
		fclose(f);
	}
}

static void ln(const char *target, const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	CHECK(symlink(target, p) == 0);
}

static char *rd(const char *rel)
{
	static char buf[256];
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (sysfs_read(p, buf, sizeof(buf)) < 0)
		return NULL;
	return buf;
}

static void mk_host(unsigned h, const char *hw)
{
	char d[128], l[128], t[160];

	snprintf(d, sizeof(d), "devices/platform/host%u/scsi_host/host%u", h,
		 h);
	wr(d, "proc_name", "iscsi_tcp");
	wr(d, "state", "running");
	wr(d, "scan", "");
	snprintf(t, sizeof(t), "../../%s", d);
	snprintf(l, sizeof(l), "class/scsi_host/host%u", h);
	ln(t, l);
	snprintf(d, sizeof(d), "devices/platform/host%u/iscsi_host/host%u", h,
		 h);
	wr(d, "netdev", "(null)");
	wr(d, "hwaddress", hw);
	wr(d, "ipaddress", "127.0.0.1");
	wr(d, "initiatorname", "<NULL>");
	snprintf(t, sizeof(t), "../../%s", d);
	snprintf(l, sizeof(l), "class/iscsi_host/host%u", h);
	ln(t, l);
}

static void mk_session(unsigned sid, unsigned h, const char *target)
{
	char s[128], d[192], l[256], t[256];

	snprintf(s, sizeof(s), "devices/platform/host%u/session%u", h, sid);
	snprintf(d, sizeof(d), "%s/iscsi_session/session%u", s, sid);
	wr(d, "targetname", target);
	wr(d, "tpgt", "1");
	wr(d, "state", "LOGGED_IN");
	wr(d, "creator", "-1");
	wr(d, "username", "(null)");
	wr(d, "password", "secret");
	wr(d, "recovery_tmo", "120");
	wr(d, "abort_tmo", "");
	wr(d, "first_burst_len", "abc");
	wr(d, "immediate_data", "1");
	snprintf(t, sizeof(t), "../../../session%u", sid);
	snprintf(l, sizeof(l), "%s/device", d);
	ln(t, l);
	snprintf(t, sizeof(t), "../../%s", d);
	snprintf(l, sizeof(l), "class/iscsi_session/session%u", sid);
	ln(t, l);
	snprintf(d, sizeof(d), "%s/connection%u:0/iscsi_connection/"
		 "connection%u:0", s, sid, sid);
	wr(d, "persistent_address", "::1");
	wr(d, "persistent_port", "3260");
	wr(d, "address", "::1");
	wr(d, "port", "3261");
	wr(d, "header_digest", "1");
	snprintf(t, sizeof(t), "../../%s", d);
	snprintf(l, sizeof(l), "class/iscsi_connection/connection%u:0", sid);
	ln(t, l);
}

/* LUN H:0:0:L of session sid; disk "" none, "old:sdX" = block:sdX link. */
static void mk_lun(unsigned sid, unsigned h, unsigned lun, const char *disk)
{
	char d[192], l[256], t[256];

	snprintf(d, sizeof(d), "devices/platform/host%u/session%u/"
		 "target%u:0:0/%u:0:0:%u", h, sid, h, h, lun);
	wr(d, "state", "running");
	snprintf(t, sizeof(t), "../../../%s", d);
	snprintf(l, sizeof(l), "bus/scsi/devices/%u:0:0:%u", h, lun);
	ln(t, l);
	if (strncmp(disk, "old:", 4) == 0) {
		snprintf(l, sizeof(l), "%s/block:%s", d, disk + 4);
		ln("/nonexistent", l);
	} else if (disk[0]) {
		snprintf(l, sizeof(l), "%s/block/%s", d, disk);
		mk(l);
	}
}

static void build_tree(void)
{
	static const char *const cls[] = { "iscsi_session", "iscsi_connection",
					   "iscsi_host", "scsi_host" };
	char p[64];
	size_t i;

	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		snprintf(p, sizeof(p), "class/%s", cls[i]);
		mk(p);
	}
	mk("bus/scsi/devices");
	wr("module/scsi_transport_iscsi", "version", "2.0-870");
	mk_host(2, "(null)");
	mk_host(3, "52:54:00:12:34:56");
	mk("devices/platform/host3/iscsi_iface");
	mk("bus/scsi/devices/host3");	/* host 2 is not on the bus */
	mk_session(1, 2, "iqn.2024-01.test:one");
	mk_session(10, 2, "iqn.2024-01.test:ten");
	mk_session(2, 3, "iqn.2024-01.test:two");
	mk_lun(1, 2, 0, "");
	mk_lun(1, 2, 1, "sdb");
	mk_lun(1, 2, 2, "old:sdc");
	/* Not sessions: must not be listed. */
	mk("class/iscsi_session/sessionX");
	mk("class/iscsi_session/other3");
}

static void test_lists(void)
{
	uint32_t *v = NULL;
	size_t n = 0;

	CHECK_INT(sysfs_session_list(root, &v, &n), 0);
	CHECK_INT(n, 3);
	if (n == 3) {	/* alphasort: session1, session10, session2 */
		CHECK_INT(v[0], 1);
		CHECK_INT(v[1], 10);
		CHECK_INT(v[2], 2);
	}
	free(v);
	CHECK_INT(sysfs_host_list(root, &v, &n), 0);
	CHECK_INT(n, 2);
	free(v);
	/* No class directory at all: an empty list, not an error. */
	CHECK_INT(sysfs_session_list("/nonexistent-sysfs", &v, &n), 0);
	CHECK_INT(n, 0);
	free(v);
}

static void test_session(void)
{
	struct sysfs_session s;
	char dir[PATH_MAX];

	CHECK_INT(sysfs_session_read(root, 1, &s), 0);
	CHECK_STR(s.targetname, "iqn.2024-01.test:one");
	CHECK(s.has_host);
	CHECK_INT(s.host_no, 2);
	CHECK_INT(s.tpgt, 1);
	CHECK_INT(s.creator, -1);
	CHECK_STR(s.state, "LOGGED_IN");
	CHECK_STR(s.username, "");		/* "(null)" */
	CHECK_STR(s.password, "secret");
	CHECK_STR(s.password_in, "");		/* absent */
	CHECK_INT(s.recovery_tmo, 120);
	CHECK_INT(s.abort_tmo, -1);		/* empty */
	CHECK_INT(s.lu_reset_tmo, -1);		/* absent */
	CHECK_INT(s.first_burst_len, 0);	/* "abc", as atoi */
	CHECK_INT(s.immediate_data, 1);
	CHECK(s.has_conn);
	CHECK_STR(s.conn.persistent_address, "::1");
	CHECK_INT(s.conn.port, 3261);
	CHECK_INT(s.conn.header_digest, 1);
	CHECK_INT(s.conn.data_digest, -1);
	/* Complete: a host and connection 0's persistent portal. */
	CHECK(sysfs_session_complete(&s));
	CHECK_STR(sysfs_session_iface(&s), "default");	/* no ifacename */
	s.conn.persistent_port = -1;
	CHECK(!sysfs_session_complete(&s));
	s.conn.persistent_port = 65536;
	CHECK(!sysfs_session_complete(&s));
	s.conn.persistent_port = 3260;
	s.has_host = 0;
	CHECK(!sysfs_session_complete(&s));
	snprintf(s.ifacename, sizeof(s.ifacename), "eth1");
	CHECK_STR(sysfs_session_iface(&s), "eth1");
	/* A half-made session: connection 0 without a persistent portal. */
	snprintf(dir, sizeof(dir), "%s/class/iscsi_connection/connection2:0/"
		 "persistent_address", root);
	CHECK(unlink(dir) == 0);
	CHECK_INT(sysfs_session_read(root, 2, &s), 0);
	CHECK(s.has_conn && s.has_host);
	CHECK(!sysfs_session_complete(&s));
	CHECK_INT(sysfs_session_read(root, 7, &s), -ENOENT);
	/* No targetname: not a usable session. */
	snprintf(dir, sizeof(dir), "%s/class/iscsi_session/session10/"
		 "targetname", root);
	CHECK(unlink(dir) == 0);
	CHECK_INT(sysfs_session_read(root, 10, &s), -ENOENT);
}

static void test_host(void)
{
	struct sysfs_host h;
	char v[32];

	CHECK_INT(sysfs_host_read(root, 2, &h), 0);
	CHECK_STR(h.proc_name, "iscsi_tcp");
	CHECK_STR(h.state, "running");
	CHECK_STR(h.hwaddress, "");
	CHECK_STR(h.initiatorname, "");		/* "<NULL>" */
	CHECK_STR(h.ipaddress, "127.0.0.1");
	CHECK(!h.on_scsi_bus);
	CHECK_INT(sysfs_host_read(root, 3, &h), 0);
	CHECK_STR(h.hwaddress, "52:54:00:12:34:56");
	CHECK(h.on_scsi_bus);
	CHECK_INT(sysfs_host_read(root, 9, &h), -ENOENT);
	CHECK_INT(sysfs_transport_version(root, v, sizeof(v)), 0);
	CHECK_STR(v, "2.0-870");
}

static void test_luns(void)
{
	struct sysfs_session s;
	struct sysfs_lun *l = NULL;
	size_t n = 0;
	int target = -1;

	CHECK_INT(sysfs_session_read(root, 1, &s), 0);
	CHECK_INT(sysfs_session_luns(root, &s, &l, &n, &target), 0);
	CHECK_INT(target, 1);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(l[0].lun, 0);
		CHECK_STR(l[0].disk, "");
		CHECK_STR(l[0].state, "running");
		CHECK_INT(l[1].host, 2);
		CHECK_STR(l[1].disk, "sdb");
		CHECK_STR(l[2].disk, "sdc");	/* block:sdc link */
	}
	free(l);
	/* A session without a SCSI target yet. */
	CHECK_INT(sysfs_session_read(root, 2, &s), 0);
	CHECK_INT(sysfs_session_luns(root, &s, &l, &n, &target), 0);
	CHECK_INT(target, 0);
	CHECK_INT(n, 0);
	free(l);
}

static void test_rescan(void)
{
	struct sysfs_session s;
	const char *v;

	wr("devices/platform/host2/session1/target2:0:0/2:0:0:1", "rescan",
	   "0");
	CHECK_INT(sysfs_session_read(root, 1, &s), 0);
	CHECK_INT(sysfs_session_rescan(root, &s), 0);
	v = rd("class/scsi_host/host2/scan");
	CHECK_STR(v ? v : "(unreadable)", "- - -");
	v = rd("bus/scsi/devices/2:0:0:1/rescan");
	CHECK_STR(v ? v : "(unreadable)", "1");
}

static void test_sid_from_path(void)
{
	char p[PATH_MAX], rel[PATH_MAX];
	uint32_t sid = 99;

	snprintf(p, sizeof(p), "%s/devices/platform/host2/session1/"
		 "target2:0:0/2:0:0:1", root);
	CHECK_INT(sysfs_sid_from_path(root, p, &sid, rel, sizeof(rel)), 0);
	CHECK_INT(sid, 1);
	snprintf(p, sizeof(p), "%s/class/iscsi_session/session2", root);
	CHECK_INT(sysfs_sid_from_path(root, p, &sid, rel, sizeof(rel)), 0);
	CHECK_INT(sid, 2);
	snprintf(p, sizeof(p), "%s/class/iscsi_session/sessionX", root);
	CHECK_INT(sysfs_sid_from_path(root, p, &sid, rel, sizeof(rel)), 0);
	CHECK_INT(sid, 0);			/* not a number */
	snprintf(p, sizeof(p), "%s/devices/platform/host2", root);
	CHECK_INT(sysfs_sid_from_path(root, p, &sid, rel, sizeof(rel)),
		  -ESRCH);
	snprintf(p, sizeof(p), "%s/devices", root);
	CHECK_INT(sysfs_sid_from_path(root, p, &sid, rel, sizeof(rel)),
		  -ENODEV);
	CHECK_STR(rel, "/devices");
	CHECK_INT(sysfs_sid_from_path(root, root, &sid, rel, sizeof(rel)),
		  -ENODEV);
	CHECK_STR(rel, "");
	CHECK_INT(sysfs_sid_from_path(root, "/", &sid, rel, sizeof(rel)),
		  -ENODEV);
	CHECK_STR(rel, "/");
	CHECK_INT(sysfs_sid_from_path(root, "/nonexistent/x", &sid, rel,
				      sizeof(rel)), -ENOENT);
}

/* A record for the tree's sessions: persistent portal [::1]:3260, no
 * ifacename (the default iface). */
static void test_sess_find(void)
{
	struct idbm_node *n = malloc(sizeof(*n));

	CHECK(n != NULL);
	if (!n)
		return;
	idbm_node_init(n);
	snprintf(n->name, sizeof(n->name), "iqn.2024-01.test:ten");
	snprintf(n->conn.address, sizeof(n->conn.address), "::1");
	n->conn.port = 3260;
	CHECK_INT(sess_find(root, n), 10);
	CHECK_INT(sess_find_refuse(root, n), ISCSI_ERR_SESS_EXISTS);
	/* the same address written another way */
	snprintf(n->conn.address, sizeof(n->conn.address), "0:0::0:1");
	CHECK_INT(sess_find(root, n), 10);
	snprintf(n->name, sizeof(n->name), "iqn.2024-01.test:two");
	CHECK_INT(sess_find(root, n), 2);
	/* another port, address, target or iface: no session */
	n->conn.port = 3261;
	CHECK_INT(sess_find(root, n), 0);
	CHECK_INT(sess_find_refuse(root, n), 0);
	n->conn.port = 3260;
	snprintf(n->conn.address, sizeof(n->conn.address), "127.0.0.1");
	CHECK_INT(sess_find(root, n), 0);
	snprintf(n->conn.address, sizeof(n->conn.address), "::1");
	snprintf(n->name, sizeof(n->name), "iqn.2024-01.test:tw");
	CHECK_INT(sess_find(root, n), 0);
	snprintf(n->name, sizeof(n->name), "iqn.2024-01.test:two");
	snprintf(n->iface.name, sizeof(n->iface.name), "eth1-iface");
	CHECK_INT(sess_find(root, n), 0);
	/* a session bound to that iface */
	wr("devices/platform/host3/session2/iscsi_session/session2",
	   "ifacename", "eth1-iface");
	CHECK_INT(sess_find(root, n), 2);
	snprintf(n->iface.name, sizeof(n->iface.name), "default");
	CHECK_INT(sess_find(root, n), 0);
	/* no sysfs class at all: nothing exists */
	CHECK_INT(sess_find("/nonexistent-sysfs", n), 0);
	free(n);
}

int main(void)
{
	char cmd[128];

	snprintf(root, sizeof(root), "/tmp/test_sysfs_session.XXXXXX");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	build_tree();
	test_lists();
	test_host();
	test_luns();
	test_rescan();
	test_sid_from_path();
	test_sess_find();
	test_session();		/* last: removes a targetname */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	return tap_done();
}
