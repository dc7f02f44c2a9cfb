/* SPDX-License-Identifier: MIT */
/* idbm_parse.c - read "key = value" text (record files written by
 * open-iscsi or by us, and iscsid.conf) onto a record.  Every byte comes
 * from disk: lines are bounded, NUL bytes and truncated records are
 * refused with the file's path in the message. */
#include "core/idbm.h"
#include "core/idbm_util.h"

#include <errno.h>
#include <string.h>

#include "core/errors.h"

#define BEGIN_MARK "# BEGIN RECORD"
#define END_MARK "# END RECORD"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* One NUL-free line shorter than IDBM_LINE_MAX.  Returns 0 when it was
 * applied, skipped or a comment, ISCSI_ERR_IDBM for a record file that
 * cannot be trusted. */
static int idbm_parse_line(enum idbm_kind kind, void *rec, char *line,
			   int lineno, const char *path, unsigned flags,
			   char *msg, size_t msgsz)
{
	char tmp[512] = "";
	char *name, *value, *end;
	int rc;

	while (is_blank(*line))
		line++;
	if (!*line || *line == '#')
		return 0;
	name = line;
	while (*line && !is_blank(*line) && *line != '=')
		line++;
	end = line;
	while (is_blank(*line))
		line++;
	if (*line != '=') {
		if (flags & IDBM_SET_CONFIG)
			return 0;
		idbm_msg_add(msg, msgsz, "%s: line %d has no '='", path,
			     lineno);
		return ISCSI_ERR_IDBM;
	}
	*end = '\0';
	value = line + 1;
	while (is_blank(*value))
		value++;
	end = value + strlen(value);
	while (end > value && is_blank(end[-1]))
		*--end = '\0';

	rc = idbm_rec_set(kind, rec, name, value, flags & IDBM_SET_CONFIG,
			  tmp, sizeof(tmp));
	if (!rc) {
		if (tmp[0])
			idbm_msg_add(msg, msgsz, "%s", tmp);
		return 0;
	}
	if (idbm_rec_get(kind, rec, name, tmp, sizeof(tmp)) == -ENOENT) {
		idbm_msg_add(msg, msgsz, "Unknown parameter name %s", name);
		return ISCSI_ERR_IDBM;
	}
	/* a value outside the option set keeps the default, as open-iscsi */
	idbm_msg_add(msg, msgsz, "config file line %d contains unknown value "
		     "format '%s' for parameter name '%s'", lineno, value,
		     name);
	return 0;
}

int idbm_rec_parse(enum idbm_kind kind, void *rec, const char *text,
		   size_t len, const char *path, unsigned flags, char *msg,
		   size_t msgsz)
{
	char line[IDBM_LINE_MAX];
	int begun = 0, ended = 0, lineno = 0, rc = 0;
	size_t pos = 0;

	if (!path)
		path = "(record)";
	if (memchr(text, '\0', len)) {
		idbm_msg_add(msg, msgsz, "%s: contains a NUL byte", path);
		rc = ISCSI_ERR_IDBM;
		goto out;
	}
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - (text + pos)) : len - pos;

		lineno++;
		if (ll >= sizeof(line)) {
			idbm_msg_add(msg, msgsz, "Config file line %d too long.",
				     lineno);
			pos += ll + 1;
			continue;
		}
		memcpy(line, text + pos, ll);
		line[ll] = '\0';
		pos += ll + 1;
		if (!strncmp(line, BEGIN_MARK, strlen(BEGIN_MARK)))
			begun = 1;
		else if (!strncmp(line, END_MARK, strlen(END_MARK)))
			ended = 1;
		rc = idbm_parse_line(kind, rec, line, lineno, path, flags, msg,
				     msgsz);
		if (rc)
			goto out;
	}
	if (begun && !ended && !(flags & IDBM_SET_CONFIG)) {
		idbm_msg_add(msg, msgsz, "%s: truncated record (no '%s')",
			     path, END_MARK);
		rc = ISCSI_ERR_IDBM;
	}
out:
	if (rc)
		idbm_msg_add(msg, msgsz, "config file %s invalid.", path);
	return rc;
}

int idbm_rec_peek(enum idbm_kind kind, void *rec, const char *text,
		  size_t len, const char *const *keys)
{
	char line[IDBM_LINE_MAX];
	size_t pos = 0;
	int lineno = 0;

	while (pos < len) {
		const char *p = text + pos;
		const char *nl = memchr(p, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - p) : len - pos;

		lineno++;
		pos += ll + 1;
		for (const char *const *k = keys; *k && ll < sizeof(line);
		     k++) {
			size_t kl = strlen(*k);

			if (ll <= kl || memcmp(p, *k, kl) ||
			    (p[kl] != '=' && !is_blank(p[kl])) ||
			    memchr(p, '\0', ll))
				continue;
			memcpy(line, p, ll);
			line[ll] = '\0';
			idbm_parse_line(kind, rec, line, lineno, "(record)",
					IDBM_SET_CONFIG, NULL, 0);
			break;
		}
	}
	return 0;
}
