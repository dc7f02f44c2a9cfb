/* SPDX-License-Identifier: MIT */
/* config.c - iscsid.conf overlay and initiatorname.iscsi (config.h). */
#include "core/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/errtext.h"
#include "core/fsutil.h"
#include "core/idbm_util.h"

int config_apply(enum idbm_kind kind, void *rec, const char *text,
		 size_t len, const char *path, char *msg, size_t msgsz)
{
	return idbm_rec_parse(kind, rec, text, len, path, IDBM_SET_CONFIG,
			      msg, msgsz);
}

static int config_load(const char *path, char **text, size_t *len,
		       char *msg, size_t msgsz)
{
	int rc = fs_read_file(path, CONFIG_FILE_MAX, text, len);

	if (rc) {
		idbm_msg_add(msg, msgsz, "can't open %s: %s", path,
			     rc == -EFBIG ? "file too large" : errtext(-rc));
		return ISCSI_ERR_IDBM;
	}
	return 0;
}

int config_apply_file(enum idbm_kind kind, void *rec, const char *path,
		      char *msg, size_t msgsz)
{
	char *text = NULL;
	size_t len;
	int rc;

	rc = config_load(path, &text, &len, msg, msgsz);
	if (!rc)
		rc = config_apply(kind, rec, text, len, path, msg, msgsz);
	free(text);
	return rc;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int config_get_string(const char *text, size_t len, const char *key,
		      char *out, size_t outsz)
{
	size_t klen = strlen(key), pos = 0;

	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		const char *hit = NULL, *eq, *end;

		pos += ll + 1;
		for (size_t i = 0; klen && i + klen <= ll; i++) {
			if (line[i] == '#' || line[i] == '\0')
				break;
			if (!memcmp(line + i, key, klen)) {
				hit = line + i;
				break;
			}
		}
		if (!hit)
			continue;
		eq = memchr(line, '=', ll);
		if (!eq)
			continue;
		end = line + ll;
		for (eq++; eq < end && is_blank(*eq); eq++)
			;
		while (end > eq && is_blank(end[-1]))
			end--;
		if (end == eq || memchr(eq, '\0', (size_t)(end - eq)))
			return -ENOENT;
		if ((size_t)(end - eq) >= outsz)
			return -ENOSPC;
		memcpy(out, eq, (size_t)(end - eq));
		out[end - eq] = '\0';
		return 0;
	}
	return -ENOENT;
}

int config_initiator_parse(const char *text, size_t len, const char *path,
			   struct config_initiator *ini, char *msg,
			   size_t msgsz)
{
	int rc;

	memset(ini, 0, sizeof(*ini));
	rc = config_get_string(text, len, "InitiatorName", ini->name,
			       sizeof(ini->name));
	if (rc) {
		idbm_msg_add(msg, msgsz, rc == -ENOSPC ?
			     "InitiatorName in %s is too long" :
			     "an InitiatorName= is required, but was not "
			     "found in %s", path);
		memset(ini, 0, sizeof(*ini));
		return ISCSI_ERR_IDBM;
	}
	if (config_get_string(text, len, "InitiatorAlias", ini->alias,
			      sizeof(ini->alias)))
		ini->alias[0] = '\0';
	return 0;
}

int config_initiator_read(const char *path, struct config_initiator *ini,
			  char *msg, size_t msgsz)
{
	char *text = NULL;
	size_t len;
	int rc;

	memset(ini, 0, sizeof(*ini));
	rc = config_load(path, &text, &len, msg, msgsz);
	if (!rc)
		rc = config_initiator_parse(text, len, path, ini, msg, msgsz);
	free(text);
	return rc;
}
