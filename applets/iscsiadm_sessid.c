/* SPDX-License-Identifier: MIT */
/* iscsiadm_sessid.c - the -r SID argument of "iscsiadm -m session" and
 * of logout: a number or a sysfs path, and the iface record a session
 * needs before anything is done with it (open-iscsi 2.1.8's messages). */
#include "applets/iscsiadm_sessid.h"
#include "core/errors.h"
#include "core/idbm_db.h"
#include "core/log.h"
#include "core/num.h"
#include "transport/sysfs.h"
#include "transport/sysfs_session.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The sysfs mount iscsiadm works on. */
static const char *const sess_root = SYSFS_ROOT;

int adm_sess_parse_sid(const char *arg, uint32_t *sid)
{
	char rel[PATH_MAX];
	struct stat st;
	char *end;
	long v;
	int rc, erange;

	v = num_strtol(arg, &end, &erange);
	if (end != arg && !*end && !erange && v > 0) {
		*sid = (uint32_t)v;	/* open-iscsi keeps the low 32 bits */
		return 0;
	}
	if (stat(arg, &st) < 0) {
		log_err("%s is an invalid session ID or path", arg);
		return ISCSI_ERR;
	}
	if (!S_ISDIR(st.st_mode)) {
		log_err("%s is not a directory", arg);
		return ISCSI_ERR;
	}
	rc = sysfs_sid_from_path(sess_root, arg, sid, rel, sizeof(rel));
	if (rc == 0)
		return 0;
	if (rc == -ESRCH)
		log_err("Unable to find sid in path %s", arg);
	else
		log_err("Could not get dev for %s. Possible sysfs "
			"incompatibility.", rel);
	log_err("invalid sid '%s'", arg);
	return ISCSI_ERR_INVAL;
}

int adm_sess_check_iface(uint32_t sid)
{
	struct sysfs_session *s = malloc(sizeof(*s));
	char path[PATH_MAX];
	int rc = 0;

	if (!s)
		return ISCSI_ERR_NOMEM;
	if (sysfs_session_read(sess_root, sid, s) == 0 && s->ifacename[0] &&
	    strcmp(s->ifacename, "default") && strcmp(s->ifacename, "iser") &&
	    (idbm_path_iface(path, sizeof(path), idbm_root(), s->ifacename) <
		     0 ||
	     access(path, F_OK) < 0)) {
		log_err("Could not read iface info for %s.", s->ifacename);
		rc = ISCSI_ERR_NOMEM;	/* sic: open-iscsi's code for it */
	}
	free(s);
	return rc;
}
