/* SPDX-License-Identifier: MIT */
/* test_fspath.c - fs_realpath against the C library's realpath on a tree
 * of relative, absolute, chained and dangling links, "." and "..", a
 * link loop, a file used as a directory, and relative paths. */
#include "core/fspath.h"
#include "tap.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char top[] = "/tmp/test_fspath.XXXXXX";

/* The same answer as realpath(3): path, or the same errno. */
static void same(const char *rel)
{
	char path[PATH_MAX * 2], want[PATH_MAX], got[PATH_MAX];
	char *w;
	int rc, err;

	if (rel[0] == '/' || rel[0] == '.' || !strncmp(rel, "cwd:", 4))
		snprintf(path, sizeof(path), "%s",
			 !strncmp(rel, "cwd:", 4) ? rel + 4 : rel);
	else
		snprintf(path, sizeof(path), "%s/%s", top, rel);
	errno = 0;
	w = realpath(path, want);
	err = errno;
	rc = fs_realpath(path, got);
	if (w) {
		CHECK_INT(rc, 0);
		if (rc == 0)
			CHECK_STR(got, want);
	} else {
		CHECK_INT(rc, -err);
	}
}

int main(void)
{
	char buf[PATH_MAX + 64];

	if (!mkdtemp(top))
		return 1;
	snprintf(buf, sizeof(buf), "cd %s && mkdir -p a/b/c d && touch f "
		 "a/b/c/g && ln -s a/b l1 && ln -s %s/d l2 && "
		 "ln -s ../d a/up && ln -s l1 chain && ln -s nowhere dangle && "
		 "ln -s loop2 loop1 && ln -s loop1 loop2 && ln -s c a/b/cc && "
		 "ln -s ./././a dots", top, top);
	if (system(buf) != 0)
		return 1;
	same("a");
	same("a/b/c/g");
	same("l1");
	same("l1/c/g");
	same("l1/..");		/* physical: a, not the top */
	same("l1/../b/./c/");
	same("l2");
	same("a/up");
	same("a/up/../f");
	same("chain/cc");
	same("chain/cc/g");
	same("dangle");
	same("loop1");
	same("f/x");
	same("missing/x");
	same("dots/b");
	same("/");
	/* ("//" is left out: POSIX lets an implementation keep a leading
	 * "//", musl does, glibc and fs_realpath give "/") */
	same("/..");
	same("/tmp/../tmp/./");
	if (chdir(top) == 0) {
		same("cwd:l1/c");
		same("cwd:.");
		same("cwd:..");
		same("cwd:a/../chain");
	}
	CHECK_INT(fs_realpath("", buf), -ENOENT);

	snprintf(buf, sizeof(buf), "rm -rf %s", top);
	if (system(buf) != 0)
		return 1;
	return tap_done();
}
