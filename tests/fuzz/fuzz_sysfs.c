/* SPDX-License-Identifier: MIT */
/* fuzz_sysfs.c - libFuzzer harness for the sysfs readers
 * (transport/sysfs_session.c, sysfs_scsi.c).  The input is cut at NUL
 * bytes into fields: the first name the directories the readers parse
 * (session, host, SCSI target, H:C:T:L, block entry, disk, connection)
 * and give a path for iscsiadm -r PATH ('/' and ".." allowed); the rest
 * fill the attributes, in the order of `attrs` below.  A small tree
 * shaped like the kernel's is built from them in a private temp
 * directory (fuzz_sysfs.PID, on /dev/shm when there is one) and read
 * back the way iscsiadm -m session / -m host do.  The fixed directories
 * (class/..., bus/scsi/devices, module/...) are made once per process;
 * each input adds its own entries, recorded as made, and takes exactly
 * those away again: walking and rebuilding the whole tree twice per
 * input spent four fifths of the time in mkdir, stat and unlink.  The readers must
 * return NUL-terminated strings within their buffers and only the LUNs
 * that are there. */
#include "transport/sysfs_session.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { F_SESS, F_HOST, F_TARGET, F_LUN, F_BLOCK, F_DISK, F_CONN, F_PATH,
       F_NAMES };

/* Where each attribute field goes: S session, C connection, H iscsi
 * host, Q scsi host, L the LUN, M the module. */
static const struct {
	char where;
	const char *name;
} attrs[] = {
	{ 'S', "targetname" }, { 'S', "tpgt" }, { 'S', "state" },
	{ 'S', "creator" }, { 'S', "username" }, { 'S', "password" },
	{ 'S', "username_in" }, { 'S', "password_in" },
	{ 'S', "recovery_tmo" }, { 'S', "abort_tmo" },
	{ 'S', "lu_reset_tmo" }, { 'S', "tgt_reset_tmo" },
	{ 'S', "initiatorname" }, { 'S', "ifacename" },
	{ 'S', "first_burst_len" }, { 'S', "max_burst_len" },
	{ 'S', "immediate_data" }, { 'S', "initial_r2t" },
	{ 'S', "max_outstanding_r2t" },
	{ 'C', "persistent_address" }, { 'C', "persistent_port" },
	{ 'C', "address" }, { 'C', "port" }, { 'C', "max_recv_dlength" },
	{ 'C', "max_xmit_dlength" }, { 'C', "header_digest" },
	{ 'C', "data_digest" },
	{ 'H', "netdev" }, { 'H', "hwaddress" }, { 'H', "ipaddress" },
	{ 'H', "initiatorname" }, { 'Q', "proc_name" }, { 'Q', "state" },
	{ 'L', "state" }, { 'M', "version" },
};

enum { MADE_MAX = 64, MADE_LEN = 512 };

struct tree {
	char root[64];
	char name[F_NAMES][NAME_MAX + 1];
	char sess[PATH_MAX], conn[PATH_MAX], host[PATH_MAX];
	char shost[PATH_MAX], lun[PATH_MAX], mod[PATH_MAX];
	char made[MADE_MAX][MADE_LEN];	/* what this input added, in order */
	size_t nmade;
	int lost;			/* made more than `made` holds */
};

/* The fixed part of the tree, made by the first input of the process. */
static const char *const skeleton[] = {
	"devices/platform", "class/iscsi_session", "class/iscsi_connection",
	"class/iscsi_host", "class/scsi_host", "bus/scsi/devices",
	"module/scsi_transport_iscsi",
};

static void made(struct tree *t, const char *path)
{
	if (t->nmade < MADE_MAX && strlen(path) < MADE_LEN)
		strcpy(t->made[t->nmade++], path);
	else
		t->lost = 1;
}

/* A field as a directory entry name: no '/', not empty, not . or .. */
static void entry_name(char *out, const uint8_t *p, size_t n)
{
	size_t i;

	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++)
		out[i] = p[i] == '/' ? '_' : (char)p[i];
	out[n] = '\0';
	if (!n || !strcmp(out, ".") || !strcmp(out, ".."))
		strcpy(out, "x");
}

/* mkdir -p, recording each directory it made; `path` is restored. */
static void mkdirs(struct tree *t, char *path)
{
	char *s;

	if (mkdir(path, 0755) == 0) {
		made(t, path);
		return;
	}
	if (errno != ENOENT || !(s = strrchr(path, '/')) || s == path)
		return;
	*s = '\0';
	mkdirs(t, path);
	*s = '/';
	if (mkdir(path, 0755) == 0)
		made(t, path);
}

static void put(struct tree *t, const char *dir, const char *name,
		const uint8_t *p, size_t n)
{
	char path[PATH_MAX + NAME_MAX + 2];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd >= 0)
		made(t, path);
	else if (errno == EEXIST)
		fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return;
	(void)!write(fd, p, n);	/* a short tree is a tree too */
	close(fd);
}

static void build(struct tree *t, const uint8_t *data, size_t size)
{
	char path[PATH_MAX], dev[PATH_MAX];
	const uint8_t *p = data, *end = data + size, *nul;
	size_t f = 0, a = 0, n;

	for (f = 0; f < F_NAMES; f++) {
		nul = p < end ? memchr(p, 0, (size_t)(end - p)) : NULL;
		n = nul ? (size_t)(nul - p) : (size_t)(end - p);
		if (f == F_PATH) {	/* a path, '/' and ".." allowed */
			n = n < NAME_MAX ? n : NAME_MAX;
			memcpy(t->name[f], p, n);
			t->name[f][n] = '\0';
		} else {
			entry_name(t->name[f], p, n);
		}
		p = nul ? nul + 1 : end;
	}
	snprintf(dev, sizeof(dev), "%s/devices/platform/%s/%s", t->root,
		 t->name[F_HOST], t->name[F_SESS]);
	snprintf(t->sess, sizeof(t->sess), "%s/iscsi_session/%s", dev,
		 t->name[F_SESS]);
	mkdirs(t, t->sess);
	snprintf(path, sizeof(path), "%s/class/iscsi_session/%s", t->root,
		 t->name[F_SESS]);
	if (symlink(t->sess, path) == 0)
		made(t, path);
	snprintf(path, sizeof(path), "%s/device", t->sess);
	if (symlink(dev, path) == 0)
		made(t, path);
	snprintf(path, sizeof(path), "%s/%s/%s", dev, t->name[F_TARGET],
		 t->name[F_LUN]);
	mkdirs(t, path);
	snprintf(t->lun, sizeof(t->lun), "%s/bus/scsi/devices/%s", t->root,
		 t->name[F_LUN]);
	snprintf(path, sizeof(path), "%s/%s/%s", t->lun, t->name[F_BLOCK],
		 t->name[F_DISK]);
	mkdirs(t, path);
	snprintf(t->conn, sizeof(t->conn), "%s/class/iscsi_connection/%s",
		 t->root, t->name[F_CONN]);
	mkdirs(t, t->conn);
	snprintf(t->host, sizeof(t->host), "%s/class/iscsi_host/%s", t->root,
		 t->name[F_HOST]);
	mkdirs(t, t->host);
	snprintf(t->shost, sizeof(t->shost), "%s/class/scsi_host/%s",
		 t->root, t->name[F_HOST]);
	mkdirs(t, t->shost);
	snprintf(t->mod, sizeof(t->mod), "%s/module/scsi_transport_iscsi",
		 t->root);
	mkdirs(t, t->mod);
	for (a = 0; a < sizeof(attrs) / sizeof(attrs[0]) && p < end; a++) {
		const char *d = attrs[a].where == 'S' ? t->sess :
				attrs[a].where == 'C' ? t->conn :
				attrs[a].where == 'H' ? t->host :
				attrs[a].where == 'Q' ? t->shost :
				attrs[a].where == 'L' ? t->lun : t->mod;

		nul = memchr(p, 0, (size_t)(end - p));
		n = nul ? (size_t)(nul - p) : (size_t)(end - p);
		put(t, d, attrs[a].name, p, n);
		p = nul ? nul + 1 : end;
	}
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* A tmpfs when there is one: a disk makes each run 30 times slower. */
static const char *fuzz_tmp(void)
{
	const char *t = getenv("TMPDIR");

	if (access("/dev/shm", W_OK | X_OK) == 0)
		return "/dev/shm";
	return t && strlen(t) < 32 ? t : "/tmp";
}

static char skeleton_root[64];	/* made, to remove at exit */

static void skeleton_remove(void)
{
	if (skeleton_root[0])
		nftw(skeleton_root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	skeleton_root[0] = '\0';
}

/* The fixed directories, once per process (again after a lost track). */
static void skeleton_make(struct tree *t)
{
	static int registered;
	char path[PATH_MAX];
	size_t i;

	if (skeleton_root[0])
		return;
	nftw(t->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	for (i = 0; i < sizeof(skeleton) / sizeof(skeleton[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", t->root, skeleton[i]);
		mkdirs(t, path);
	}
	t->nmade = 0;
	if (!registered++)
		atexit(skeleton_remove);
	strcpy(skeleton_root, t->root);
}

/* Take away what this input made, newest first; if anything is left
 * over (a directory not empty), start from a fresh tree next time. */
static void unbuild(struct tree *t)
{
	while (t->nmade)
		if (remove(t->made[--t->nmade]) && errno != ENOENT)
			t->lost = 1;
	if (t->lost)
		skeleton_remove();
}

static void terminated(const char *s, size_t n)
{
	if (!memchr(s, '\0', n))
		abort();
}

static void read_session(const char *root, uint32_t sid)
{
	struct sysfs_session s;
	struct sysfs_lun *luns = NULL;
	size_t n = 0, i;
	int target;

	if (sysfs_session_read(root, sid, &s))
		return;
	if (!s.targetname[0])
		abort();
	terminated(s.state, sizeof(s.state));
	terminated(s.ifacename, sizeof(s.ifacename));
	terminated(s.conn.address, sizeof(s.conn.address));
	terminated(s.conn.persistent_address,
		   sizeof(s.conn.persistent_address));
	if (sysfs_session_luns(root, &s, &luns, &n, &target) == 0) {
		if (n > 1 || (n && !target))
			abort();
		for (i = 0; i < n; i++) {
			terminated(luns[i].state, sizeof(luns[i].state));
			terminated(luns[i].disk, sizeof(luns[i].disk));
		}
	}
	free(luns);
	sysfs_session_rescan(root, &s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tree *t = calloc(1, sizeof(*t));
	char path[PATH_MAX], rel[PATH_MAX], ver[64];
	struct sysfs_host h;
	uint32_t *ids = NULL, sid;
	size_t n = 0, i;

	if (!t)
		return 0;
	snprintf(t->root, sizeof(t->root), "%s/fuzz_sysfs.%d",
		 fuzz_tmp(), (int)getpid());
	skeleton_make(t);
	build(t, data, size);

	if (sysfs_session_list(t->root, &ids, &n) == 0)
		for (i = 0; i < n && i < 4; i++)
			read_session(t->root, ids[i]);
	free(ids);
	ids = NULL;
	if (sysfs_host_list(t->root, &ids, &n) == 0)
		for (i = 0; i < n && i < 4; i++)
			if (sysfs_host_read(t->root, ids[i], &h) == 0) {
				terminated(h.proc_name, sizeof(h.proc_name));
				terminated(h.ipaddress, sizeof(h.ipaddress));
			}
	free(ids);
	if (sysfs_transport_version(t->root, ver, sizeof(ver)) == 0)
		terminated(ver, sizeof(ver));
	snprintf(path, sizeof(path), "%s/devices/platform/%s/%s/%s",
		 t->root, t->name[F_HOST], t->name[F_SESS], t->name[F_TARGET]);
	sysfs_sid_from_path(t->root, path, &sid, rel, sizeof(rel));
	snprintf(path, sizeof(path), "%s/%s", t->root, t->name[F_PATH]);
	sysfs_sid_from_path(t->root, path, &sid, rel, sizeof(rel));
	unbuild(t);
	free(t);
	return 0;
}
