/* SPDX-License-Identifier: MIT */
/* config.h - /etc/iscsi/iscsid.conf and /etc/iscsi/initiatorname.iscsi.
 * iscsid.conf is the same "key = value" text as a record: applying it
 * over a record's built-in defaults gives what open-iscsi's iscsid would
 * hand a new record (node.*, discovery.*, iface.* keys; other keys such
 * as iscsid.* are skipped).  Nothing here prints; see idbm.h for msg. */
#ifndef ISCSIBOX_CONFIG_H
#define ISCSIBOX_CONFIG_H

#include <stddef.h>

#include "core/idbm.h"

#define CONFIG_ISCSID_CONF "/etc/iscsi/iscsid.conf"
#define CONFIG_INITIATORNAME "/etc/iscsi/initiatorname.iscsi"
#define CONFIG_FILE_MAX (1024 * 1024)

/* Overlay config text / a config file onto rec (already initialised).
 * Returns 0 or ISCSI_ERR_IDBM (unreadable file). */
int config_apply(enum idbm_kind kind, void *rec, const char *text,
		 size_t len, const char *path, char *msg, size_t msgsz);
int config_apply_file(enum idbm_kind kind, void *rec, const char *path,
		      char *msg, size_t msgsz);

/* open-iscsi's lookup of single settings (iscsid.startup, InitiatorName,
 * ...): the first line containing key with no '#' before it; the value is
 * what follows the first '=' on that line, blanks stripped.  Returns 0,
 * -ENOENT (absent or empty) or -ENOSPC (out too small). */
int config_get_string(const char *text, size_t len, const char *key,
		      char *out, size_t outsz);

struct config_initiator {
	char name[IDBM_TARGET_MAX];	/* InitiatorName= */
	char alias[IDBM_TARGET_MAX];	/* InitiatorAlias=, "" if absent */
};

/* Returns 0, or ISCSI_ERR_IDBM with msg when the file cannot be read or
 * has no InitiatorName (open-iscsi: "an InitiatorName= is required"). */
int config_initiator_read(const char *path, struct config_initiator *ini,
			  char *msg, size_t msgsz);
int config_initiator_parse(const char *text, size_t len, const char *path,
			   struct config_initiator *ini, char *msg,
			   size_t msgsz);

#endif
