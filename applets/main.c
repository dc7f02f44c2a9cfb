/* SPDX-License-Identifier: MIT */
/* main.c - multicall dispatch: run the applet named by basename(argv[0]),
 * or "iscsibox APPLET ARGS", "iscsibox --install DIR" (symlinks),
 * "iscsibox --list", as busybox does. */
#include "applets/applets.h"
#include "core/errors.h"
#include "core/errtext.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct applet {
	const char *name;
	int (*main)(int argc, char **argv);
};

/* The applets of this build: applets.def filtered by ISCSIBOX_APPLETS
 * (toolchain/applets.cmake). */
static const struct applet applets[] = {
#define APPLET(name, fn) { #name, fn },
#include "applets/selected.def"
#undef APPLET
};

#define N_APPLETS (sizeof(applets) / sizeof(applets[0]))

static const struct applet *applet_find(const char *name)
{
	size_t i;

	for (i = 0; i < N_APPLETS; i++)
		if (strcmp(applets[i].name, name) == 0)
			return &applets[i];
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int install_links(const char *dir)
{
	char self[PATH_MAX], link[PATH_MAX];
	ssize_t n;
	size_t i;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		fprintf(stderr, "iscsibox: cannot find own path: %s\n",
			errtext(errno));
		return ISCSI_ERR;
	}
	self[n] = '\0';
	for (i = 0; i < N_APPLETS; i++) {
		if (snprintf(link, sizeof(link), "%s/%s", dir,
			     applets[i].name) >= (int)sizeof(link)) {
			fprintf(stderr, "iscsibox: %s: path too long\n", dir);
			return ISCSI_ERR_INVAL;
		}
		if (unlink(link) < 0 && errno != ENOENT) {
			fprintf(stderr, "iscsibox: cannot replace %s: %s\n",
				link, errtext(errno));
			return ISCSI_ERR;
		}
		if (symlink(self, link) < 0) {
			fprintf(stderr, "iscsibox: cannot link %s: %s\n", link,
				errtext(errno));
			return ISCSI_ERR;
		}
	}
	return ISCSI_SUCCESS;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "iscsibox %s (open-iscsi %s compatible) multi-call binary\n"
		   "Usage: iscsibox APPLET [ARGS...]\n"
		   "   or: iscsibox --install DIR\n"
		   "   or: iscsibox --list\n"
		   "   or: APPLET [ARGS...]  (via a link named APPLET)\n"
		   "Applets:",
		ISCSIBOX_VERSION, ISCSIBOX_COMPAT_VERSION);
	for (i = 0; i < N_APPLETS; i++)
		fprintf(f, " %s", applets[i].name);
	fputc('\n', f);
}

int main(int argc, char **argv)
{
	const struct applet *a = applet_find(base_name(argv[0]));
	size_t i;

	if (a)
		return a->main(argc, argv);
	if (argc < 2) {
		usage(stderr);
		return ISCSI_ERR_INVAL;
	}
	if (strcmp(argv[1], "--list") == 0) {
		for (i = 0; i < N_APPLETS; i++)
			printf("%s\n", applets[i].name);
		return ISCSI_SUCCESS;
	}
	if (strcmp(argv[1], "--install") == 0) {
		if (argc != 3) {
			usage(stderr);
			return ISCSI_ERR_INVAL;
		}
		return install_links(argv[2]);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return ISCSI_SUCCESS;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("iscsibox %s (open-iscsi %s compatible)\n",
		       ISCSIBOX_VERSION, ISCSIBOX_COMPAT_VERSION);
		return ISCSI_SUCCESS;
	}
	a = applet_find(base_name(argv[1]));
	if (!a) {
		fprintf(stderr, "iscsibox: applet not found: %s\n", argv[1]);
		usage(stderr);
		return ISCSI_ERR_INVAL;
	}
	return a->main(argc - 1, argv + 1);
}
