/* SPDX-License-Identifier: MIT */
/* vlan.c - VLAN netdev lookup in /proc/net/vlan/config (vlan.h). */
#include "transport/vlan.h"

#include "core/fsutil.h"
#include "core/num.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Copy field [s, e) without surrounding blanks into out; -1 if too long. */
static int field(const char *s, const char *e, char *out, size_t n)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if ((size_t)(e - s) >= n)
		return -1;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return 0;
}

int vlan_parse_config(const char *text, size_t len, const char *parent,
		      unsigned vid, char *out, size_t n)
{
	const char *p = text, *end = text + len;
	char name[32], id[16], par[32];
	int line = 0;
	uint32_t v;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *b1 = memchr(p, '|', (size_t)(eol - p));
		const char *b2 = b1 ? memchr(b1 + 1, '|',
					     (size_t)(eol - b1 - 1)) : NULL;

		if (line++ >= 2 && b2 && !field(p, b1, name, sizeof(name)) &&
		    !field(b1 + 1, b2, id, sizeof(id)) &&
		    !field(b2 + 1, eol, par, sizeof(par)) &&
		    !num_parse_u32(id, 0, 4095, &v) && v == vid &&
		    !strcmp(par, parent) && strlen(name) < n) {
			memcpy(out, name, strlen(name) + 1);
			return 0;
		}
		p = eol + (nl != NULL);
	}
	return -ENOENT;
}

int vlan_find(const char *path, const char *parent, unsigned vid, char *out,
	      size_t n)
{
	char *text = NULL;
	size_t len = 0;
	int rc = fs_read_file(path, 1 << 20, &text, &len);

	if (rc < 0)
		return rc == -EFBIG ? rc : -ENOENT;
	rc = vlan_parse_config(text, len, parent, vid, out, n);
	free(text);
	return rc;
}
