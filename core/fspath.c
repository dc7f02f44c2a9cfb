/* SPDX-License-Identifier: MIT */
/* fspath.c - realpath by hand (see fspath.h): walk the components left
 * to right, asking readlink() of each prefix; a link's target replaces
 * the component and is walked in its turn (at most 40 links, as
 * Linux's own lookup allows). */
#include "core/fspath.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#define FS_LINKS_MAX 40

int fs_realpath(const char *path, char *out)
{
	char rest[PATH_MAX], link[PATH_MAX];
	size_t olen = 0, n;
	ssize_t ln;
	char *p, *c;
	int links = 0;

	if (!*path)
		return -ENOENT;
	if (strlen(path) >= sizeof(rest))
		return -ENAMETOOLONG;
	strcpy(rest, path);
	if (*path != '/') {
		if (!getcwd(out, PATH_MAX))
			return -errno;
		olen = strcmp(out, "/") ? strlen(out) : 0;
	}
	out[olen] = '\0';
	p = rest;
	while (*p) {
		while (*p == '/')
			p++;
		c = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - c);
		if (!n || (n == 1 && c[0] == '.'))
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			while (olen && out[--olen] != '/')
				;
			out[olen] = '\0';
			continue;
		}
		if (olen + 1 + n >= PATH_MAX)
			return -ENAMETOOLONG;
		out[olen] = '/';
		memcpy(out + olen + 1, c, n);
		out[olen + 1 + n] = '\0';
		ln = readlink(out, link, sizeof(link) - 1);
		if (ln < 0) {
			if (errno != EINVAL)
				return -errno;
			olen += 1 + n;	/* not a link: keep it */
			continue;
		}
		if (++links > FS_LINKS_MAX)
			return -ELOOP;
		/* the target, then what was left after this component */
		if ((size_t)ln + strlen(p) >= sizeof(rest))
			return -ENAMETOOLONG;
		memmove(rest + ln, p, strlen(p) + 1);
		memcpy(rest, link, (size_t)ln);
		p = rest;
		if (link[0] == '/')
			olen = 0;
		out[olen] = '\0';
	}
	if (!olen)
		strcpy(out, "/");
	return 0;
}
