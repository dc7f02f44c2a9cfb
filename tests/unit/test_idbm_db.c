/* SPDX-License-Identifier: MIT */
/* test_idbm_db.c - the database layout and file I/O: records written from
 * Debian's fixtures must recreate Debian's /etc/iscsi tree (data/tree.txt)
 * and listing order (data/node-list.txt); corrupt files fail with their
 * path; atomic replacement leaves old or new content; the DB lock. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "core/errors.h"
#include "core/fsutil.h"
#include "core/idbm_db.h"
#include "tap.h"

static char root[64];

static char *load(const char *path, size_t *len)
{
	char *text = NULL;

	if (fs_read_file(path, 1 << 20, &text, len))
		return NULL;
	return text;
}

static void read_fixture(enum idbm_kind kind, void *rec, const char *name)
{
	char path[128], msg[256] = "";
	int rc = 0;

	snprintf(path, sizeof(path), "data/%s", name);
	if (kind == IDBM_KIND_NODE)
		rc = idbm_node_read(path, rec, msg, sizeof(msg));
	else if (kind == IDBM_KIND_IFACE)
		rc = idbm_iface_read(path, rec, msg, sizeof(msg));
	else
		rc = idbm_disc_read(path, ((struct idbm_disc *)rec)->type, rec,
				    msg, sizeof(msg));
	CHECK_INT(rc, 0);
	CHECK_STR(msg, "");
}

/* ---- tree listing in make-fixtures.sh's format ---- */
struct list {
	char *v[64];
	int n;
};

static void collect(struct list *l, const char *rel)
{
	char path[1024];
	struct dirent *d;
	DIR *dir;

	if (l->n < 64)
		l->v[l->n++] = strdup(rel);
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	dir = opendir(path);
	while (dir && (d = readdir(dir))) {
		char sub[448];
		struct stat st;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", rel, d->d_name);
		snprintf(path, sizeof(path), "%s/%s", root, sub);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			collect(l, sub);
		else if (l->n < 64)
			l->v[l->n++] = strdup(sub);
	}
	if (dir)
		closedir(dir);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_layout(void)
{
	struct idbm_node n;
	struct idbm_iface i;
	struct idbm_disc d;
	char msg[256] = "", out[8192] = "", path[512], link[512];
	char *want;
	size_t wlen;
	struct list l = { .n = 0 };

	read_fixture(IDBM_KIND_NODE, &n, "node-default.rec");
	CHECK_INT(idbm_node_write(root, &n, msg, sizeof(msg)), 0);
	read_fixture(IDBM_KIND_NODE, &n, "node-legacy.rec");
	CHECK_INT(idbm_node_write(root, &n, msg, sizeof(msg)), 0);
	read_fixture(IDBM_KIND_NODE, &n, "node-ipv6.rec");
	CHECK_INT(idbm_node_write(root, &n, msg, sizeof(msg)), 0);
	read_fixture(IDBM_KIND_IFACE, &i, "iface-t0.rec");
	CHECK_INT(idbm_iface_write(root, &i, msg, sizeof(msg)), 0);
	read_fixture(IDBM_KIND_IFACE, &i, "iface-t6.rec");
	CHECK_INT(idbm_iface_write(root, &i, msg, sizeof(msg)), 0);
	d.type = IDBM_DISC_SENDTARGETS;
	read_fixture(IDBM_KIND_DISC, &d, "st_config.rec");
	CHECK_INT(idbm_disc_write(root, &d, msg, sizeof(msg)), 0);
	d.type = IDBM_DISC_ISNS;
	read_fixture(IDBM_KIND_DISC, &d, "isns_config.rec");
	CHECK_INT(idbm_disc_write(root, &d, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "");

	collect(&l, ".");
	qsort(l.v, (size_t)l.n, sizeof(l.v[0]), cmp);
	for (int k = 0; k < l.n; k++) {
		struct stat st;
		ssize_t ll;

		snprintf(path, sizeof(path), "%s/%s", root, l.v[k]);
		lstat(path, &st);
		if (S_ISLNK(st.st_mode)) {
			ll = readlink(path, link, sizeof(link) - 1);
			link[ll > 0 ? ll : 0] = '\0';
			/* Debian's links point into /etc/iscsi */
			snprintf(path, sizeof(path), "%s -> /etc/iscsi%s\n",
				 l.v[k], strncmp(link, root, strlen(root)) ?
				 "?" : link + strlen(root));
		} else {
			snprintf(path, sizeof(path), "%s%s\n", l.v[k],
				 S_ISDIR(st.st_mode) ? "/" : "");
			CHECK_INT(st.st_mode & 0777,
				  S_ISDIR(st.st_mode) ? 0700 : 0600);
		}
		strncat(out, path, sizeof(out) - strlen(out) - 1);
		free(l.v[k]);
	}
	want = load("data/tree.txt", &wlen);
	CHECK_STR(out, want ? want : "(missing)");
	free(want);

	/* files are byte-identical to Debian's */
	snprintf(path, sizeof(path), "%s/nodes/iqn.2024-01.test.local:disk9/"
		 "::1,3261,5/default", root);
	want = load("data/node-ipv6.rec", &wlen);
	{
		size_t glen = 0;
		char *got = load(path, &glen);

		CHECK(got && want);
		if (got && want)
			CHECK_MEM(got, glen, want, wlen);
		free(got);
	}
	free(want);
}

static int list_cb(const struct idbm_loc *loc, void *arg)
{
	char line[512];
	int v6 = strchr(loc->address, ':') != NULL;

	snprintf(line, sizeof(line), "%s%s%s:%d,%u %s\n", v6 ? "[" : "",
		 loc->address, v6 ? "]" : "", loc->port, (unsigned)loc->tpgt,
		 loc->target);
	strncat(arg, line, 4095 - strlen(arg));
	return 0;
}

static int stop_cb(const struct idbm_loc *loc, void *arg)
{
	(*(int *)arg)++;
	return 42;
}

static void test_walk(void)
{
	char out[4096] = "";
	size_t wlen;
	char *want = load("data/node-list.txt", &wlen);
	int calls = 0;

	CHECK_INT(idbm_node_foreach(root, list_cb, out), 0);
	CHECK_STR(out, want ? want : "(missing)");
	free(want);
	CHECK_INT(idbm_node_foreach(root, stop_cb, &calls), 42);
	CHECK_INT(calls, 1);
	CHECK_INT(idbm_node_foreach("/nonexistent-root", stop_cb, &calls), 0);
}

static void test_paths(void)
{
	struct idbm_node n;
	char p[PATH_MAX];

	idbm_node_init(&n);
	strcpy(n.name, "../../etc");
	strcpy(n.conn.address, "127.0.0.1");
	n.tpgt = 1;
	CHECK_INT(idbm_path_node(p, sizeof(p), root, &n), -EINVAL);
	strcpy(n.name, "iqn.x/evil");
	CHECK_INT(idbm_path_node(p, sizeof(p), root, &n), -EINVAL);
	strcpy(n.name, "iqn.x:ok");
	strcpy(n.iface.name, "..");
	CHECK_INT(idbm_path_node(p, sizeof(p), root, &n), -EINVAL);
	strcpy(n.iface.name, "default");
	CHECK_INT(idbm_path_node(p, 16, root, &n), -ENAMETOOLONG);
	CHECK_INT(idbm_path_node(p, sizeof(p), "/r", &n), 0);
	CHECK_STR(p, "/r/nodes/iqn.x:ok/127.0.0.1,3260,1/default");
	n.disc_type = IDBM_DISC_SENDTARGETS;
	strcpy(n.disc_address, "::1");
	n.disc_port = 3260;
	CHECK_INT(idbm_path_disc_link(p, sizeof(p), "/r", &n), 0);
	CHECK_STR(p, "/r/send_targets/::1,3260/iqn.x:ok,127.0.0.1,3260,1,"
		     "default");
	n.disc_type = IDBM_DISC_FW;
	idbm_path_disc_link(p, sizeof(p), "/r", &n);
	CHECK_STR(p, "/r/fw/iqn.x:ok,127.0.0.1,3260,1,default");
	n.disc_type = IDBM_DISC_SLP;
	CHECK_INT(idbm_path_disc_link(p, sizeof(p), "/r", &n), -ENOENT);
}

/* corrupt and truncated files: ISCSI_ERR_IDBM naming the path */
static void test_corrupt(void)
{
	static const struct {
		const char *text;
		size_t len;
		const char *needle;
	} bad[] = {
		{ "# BEGIN RECORD 2.1.8\nnode.name = x\nnode.tp", 0,
		  "line 3 has no '='" },
		{ "node.tp = 1\n", 0, "Unknown parameter name node.tp" },
		{ "# BEGIN RECORD 2.1.8\nnode.name = x\n", 0, "truncated" },
		{ "node.name = a\0b\n", 16, "NUL" },
		{ "\x01\x02garbage line\n", 0, "no '='" },
		{ "node.name x\n", 0, "no '='" },
	};
	char path[128], msg[512];
	struct idbm_node n;

	snprintf(path, sizeof(path), "%s/bad", root);
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		size_t len = bad[k].len ? bad[k].len : strlen(bad[k].text);

		msg[0] = '\0';
		CHECK_INT(fs_write_atomic(path, bad[k].text, len, 0600), 0);
		CHECK_INT(idbm_node_read(path, &n, msg, sizeof(msg)),
			  ISCSI_ERR_IDBM);
		CHECK(strstr(msg, bad[k].needle) != NULL);
		if (!strstr(msg, bad[k].needle))
			printf("# case %zu: %s\n", k, msg);
		CHECK(strstr(msg, path) != NULL);
	}
	/* too large */
	{
		size_t big = IDBM_RECORD_MAX + 10;
		char *buf = malloc(big);

		memset(buf, '#', big);
		fs_write_atomic(path, buf, big, 0600);
		free(buf);
		msg[0] = '\0';
		CHECK_INT(idbm_node_read(path, &n, msg, sizeof(msg)),
			  ISCSI_ERR_IDBM);
		CHECK(strstr(msg, "too large") && strstr(msg, path));
	}
	msg[0] = '\0';
	CHECK_INT(idbm_node_read("/nonexistent/rec", &n, msg, sizeof(msg)),
		  ISCSI_ERR_IDBM);
	CHECK(strstr(msg, "/nonexistent/rec") != NULL);
	/* a bad enum value in a file is a warning; the default stays */
	{
		const char *t = "node.startup = sometimes\nnode.tpgt = 3\n";

		msg[0] = '\0';
		idbm_node_init(&n);
		CHECK_INT(idbm_rec_parse(IDBM_KIND_NODE, &n, t, strlen(t),
					 "f", 0, msg, sizeof(msg)), 0);
		CHECK_INT(n.startup, IDBM_STARTUP_MANUAL);
		CHECK_INT(n.tpgt, 3);
		CHECK_STR(msg, "config file line 1 contains unknown value "
			       "format 'sometimes' for parameter name "
			       "'node.startup'");
	}
	unlink(path);
}

static int fail_commit(const char *tmp, const char *path)
{
	return -EIO;
}

static void test_atomic(void)
{
	char path[128], *got;
	size_t len;
	struct stat st;
	DIR *dir;
	struct dirent *d;
	int others = 0;

	snprintf(path, sizeof(path), "%s/atomic", root);
	CHECK_INT(fs_write_atomic(path, "old\n", 4, 0600), 0);
	fs_set_commit_hook(fail_commit);
	CHECK_INT(fs_write_atomic(path, "new\n", 4, 0600), -EIO);
	fs_set_commit_hook(NULL);
	got = load(path, &len);
	CHECK_STR(got ? got : "", "old\n");
	free(got);
	/* no temp file left behind */
	dir = opendir(root);
	while (dir && (d = readdir(dir)))
		others += !strncmp(d->d_name, "atomic.tmp", 10);
	if (dir)
		closedir(dir);
	CHECK_INT(others, 0);
	CHECK_INT(fs_write_atomic(path, "new\n", 4, 0600), 0);
	got = load(path, &len);
	CHECK_STR(got ? got : "", "new\n");
	free(got);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	unlink(path);
}

/* Fail the commit of every file whose name ends in "7". */
static int fail_sevens(const char *tmp, const char *path)
{
	return path[strlen(path) - 1] == '7' ? -EIO : 0;
}

/* Count the temp files left in dir. */
static int temps_in(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *d;
	int n = 0;

	while (dp && (d = readdir(dp)))
		n += d->d_name[0] == '.' && strcmp(d->d_name, ".") &&
		     strcmp(d->d_name, "..");
	if (dp)
		closedir(dp);
	return n;
}

/* A batch of more than two rounds: replaced files become the next
 * rounds' temp files (swapped, not freed); every file ends new, a file
 * that did not exist is made (though FS_BATCH_REPLACE said every path
 * exists), and no temp file is left.  A failing
 * commit stops the batch: each file is then old or new, never anything
 * else, and no temp file is left either. */
static void test_batch(void)
{
	int n = FS_BATCH_ROUND * 2 + 37, bad = 0, rc;
	char dir[128], path[192], want[64], *got;
	size_t len;

	snprintf(dir, sizeof(dir), "%s/batch", root);
	CHECK_INT(fs_mkdirs(dir, 0700), 0);
	for (int pass = 0; pass < 2; pass++) {
		fs_batch_begin(0);
		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/f%05d", dir, i);
			if (i != n - 1)
				fs_write_atomic(path, "old\n", 4, 0600);
			else
				unlink(path);
		}
		CHECK_INT(fs_batch_end(1), 0);
		fs_set_commit_hook(pass ? fail_sevens : NULL);
		fs_batch_begin(FS_BATCH_REPLACE);
		rc = 0;
		for (int i = 0; i < n && !rc; i++) {
			snprintf(path, sizeof(path), "%s/f%05d", dir, i);
			snprintf(want, sizeof(want), "new %d\n", i);
			rc = fs_write_atomic(path, want, strlen(want), 0600);
		}
		rc = fs_batch_end(1);
		fs_set_commit_hook(NULL);
		CHECK_INT(rc, pass ? -EIO : 0);
		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/f%05d", dir, i);
			snprintf(want, sizeof(want), "new %d\n", i);
			got = load(path, &len);
			if (!pass ? !got || strcmp(got, want) :
				    got && strcmp(got, want) &&
					    strcmp(got, "old\n"))
				bad++;
			free(got);
		}
		CHECK_INT(bad, 0);
		CHECK_INT(temps_in(dir), 0);
	}
}

/* mkdir -p: a missing tail of several directories (made from the
 * deepest parent that exists), again (no error), a trailing slash, and a
 * file in the way (its error). */
static void test_mkdirs(void)
{
	char p[256];
	struct stat st;
	FILE *f;

	snprintf(p, sizeof(p), "%s/mk/a/b/c", root);
	CHECK_INT(fs_mkdirs(p, 0700), 0);
	CHECK(!stat(p, &st) && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 0777) == 0700);
	CHECK_INT(fs_mkdirs(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/mk/a/d/e/", root);
	CHECK_INT(fs_mkdirs(p, 0700), 0);
	CHECK(!stat(p, &st) && S_ISDIR(st.st_mode));
	snprintf(p, sizeof(p), "%s/mk/f", root);
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	snprintf(p, sizeof(p), "%s/mk/f/g/h", root);
	CHECK_INT(fs_mkdirs(p, 0700), -ENOTDIR);
	snprintf(p, sizeof(p), "%s/mk/f/g", root);
	CHECK(stat(p, &st) != 0);
}

static void test_lock(void)
{
	struct idbm_lock a = { .depth = 0 }, b = { .depth = 0 };
	char dir[128], wr[160], msg[256] = "";

	snprintf(dir, sizeof(dir), "%s/lock/iscsi", root);
	snprintf(wr, sizeof(wr), "%s/lock.write", dir);
	CHECK_INT(idbm_lock_acquire(&a, dir, 3, msg, sizeof(msg)), 0);
	CHECK_INT(access(wr, F_OK), 0);
	CHECK_INT(idbm_lock_acquire(&a, dir, 3, msg, sizeof(msg)), 0);
	CHECK_INT(idbm_lock_acquire(&b, dir, 3, msg, sizeof(msg)),
		  ISCSI_ERR_IDBM);
	CHECK(strstr(msg, "Timeout on acquiring lock on DB") != NULL);
	idbm_lock_release(&a);
	CHECK_INT(access(wr, F_OK), 0);	/* still nested once */
	idbm_lock_release(&a);
	CHECK(access(wr, F_OK) != 0);
	CHECK_INT(idbm_lock_acquire(&b, dir, 3, msg, sizeof(msg)), 0);
	idbm_lock_release(&b);
}

static void test_delete(void)
{
	struct idbm_node n;
	char msg[256] = "", p[PATH_MAX];
	struct stat st;

	read_fixture(IDBM_KIND_NODE, &n, "node-ipv6.rec");
	CHECK_INT(idbm_node_delete(root, &n, msg, sizeof(msg)), 0);
	snprintf(p, sizeof(p), "%s/nodes/iqn.2024-01.test.local:disk9", root);
	CHECK(lstat(p, &st) != 0);
	CHECK_INT(idbm_path_disc_link(p, sizeof(p), root, &n), 0);
	CHECK(lstat(p, &st) != 0);
	read_fixture(IDBM_KIND_NODE, &n, "node-legacy.rec");
	CHECK_INT(idbm_node_delete(root, &n, msg, sizeof(msg)), 0);
	snprintf(p, sizeof(p), "%s/nodes/iqn.2024-01.test.local:disk2", root);
	CHECK(lstat(p, &st) != 0);
	CHECK_INT(idbm_node_delete(root, &n, msg, sizeof(msg)),
		  ISCSI_ERR_IDBM);
}

int main(void)
{
	char cmd[128];

	umask(022);	/* modes must not depend on the caller's umask */
	snprintf(root, sizeof(root), "/tmp/idbm-test-XXXXXX");
	if (!mkdtemp(root))
		return 1;
	test_layout();
	test_walk();
	test_paths();
	test_corrupt();
	test_atomic();
	test_batch();
	test_mkdirs();
	test_lock();
	test_delete();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		CHECK(!"cleanup");
	return tap_done();
}
