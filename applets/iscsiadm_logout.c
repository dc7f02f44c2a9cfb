/* SPDX-License-Identifier: MIT */
/* iscsiadm_logout.c - iscsiadm's logouts, done by iscsid over the IPC
 * socket (iscsiadm_iscsid.h):
 *   -m node [-T T] [-p P] [-I I] -u     -m node -U all|manual|automatic|
 *   onboot                              -m session [-r SID] -u
 * Sessions are picked from sysfs; every request is sent first, then the
 * answers are awaited in the same order, as open-iscsi does. */
#include "applets/iscsiadm.h"
#include "applets/iscsiadm_iscsid.h"
#include "applets/iscsiadm_select.h"
#include "applets/iscsiadm_sessid.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/log.h"
#include "transport/iscsi_if.h"
#include "transport/sysfs.h"
#include "transport/sysfs_session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ADM_JOBS_MAX 1024

/* A session made by firmware/offload (creator -1): open-iscsi logs it
 * out through the kernel's flash node verb, after asking iscsid for its
 * config file.  Neither is done here; what open-iscsi prints when they
 * fail is reproduced, and the session is left alone as it leaves it. */
static void adm_flash_skip(void)
{
	int fd = adm_iscsid_connect();

	if (fd < 0)
		log_err("Could not get config file from iscsid");
	else
		close(fd);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, ISCSI_NETLINK_PROTO);
	if (fd < 0) {
		log_err("can not create NETLINK_ISCSI socket [%s]",
			errtext(errno));
		log_err("Netlink open failed.");
		return;
	}
	close(fd);
}

/* Send one logout; a failure is reported at once, as open-iscsi does. */
static int adm_logout_send(struct adm_job *j, uint32_t sid)
{
	struct ipc_msg m;
	int rc;

	printf("Logging out of session %s\n", j->label);
	fflush(stdout);
	memset(&m, 0, sizeof(m));
	m.cmd = IPC_CMD_LOGOUT;
	m.has = IPC_HAS_SID;
	m.sid = sid;
	rc = adm_job_send(j, &m, 1);
	if (rc)
		adm_job_report("logout of", j->label, rc);
	return rc;
}

/* Log out of the sessions in sids: all requests, then all answers.  As
 * in open-iscsi the label pairs the persistent address with the current
 * port, and when no request could be sent the answer is "No matching
 * sessions found" (21) whatever went wrong. */
static int adm_logout_sids(const uint32_t *sids, int n)
{
	struct adm_job *jobs = calloc((size_t)n + 1, sizeof(*jobs));
	struct sysfs_session *s = malloc(sizeof(*s));
	int i, rc = 0, sent = 0;

	if (!jobs || !s) {
		rc = ISCSI_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		jobs[i].fd = -1;
		if (sysfs_session_read(SYSFS_ROOT, sids[i], s) < 0)
			continue;
		if (s->creator == -1) {
			adm_flash_skip();
			continue;
		}
		snprintf(jobs[i].label, sizeof(jobs[i].label),
			 "[sid: %u, target: %s, portal: %s,%d]", sids[i],
			 s->targetname, s->conn.persistent_address,
			 s->conn.port);
		jobs[i].err = adm_logout_send(&jobs[i], sids[i]);
		if (jobs[i].err && !rc)
			rc = jobs[i].err;
		sent += !jobs[i].err;
	}
	for (i = 0; i < n; i++) {
		struct adm_job *j = &jobs[i];

		if (j->fd < 0)
			continue;
		j->err = adm_job_wait(j, IPC_CMD_LOGOUT, -1, NULL);
		if (!j->err) {
			printf("Logout of %s successful.\n", j->label);
			fflush(stdout);
		} else {
			adm_job_report("logout of", j->label, j->err);
		}
		if (j->err && !rc)
			rc = j->err;
	}
	if (!sent) {
		log_err("No matching sessions found");
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	} else if (rc) {
		log_err("Could not logout of all requested sessions");
	}
out:
	free(s);
	free(jobs);
	return rc;
}

/* The record a session came from (same target, portal and iface, any
 * tpgt; a legacy record is iface "default"). */
struct adm_rec_of {
	struct idbm_node *n;
	int found;
};

static int adm_rec_match(const struct idbm_loc *loc, void *arg)
{
	struct adm_rec_of *r = arg;
	char msg[256];

	if (idbm_node_read(loc->path, r->n, msg, sizeof(msg)) != 0)
		return 0;
	r->found = 1;
	return 1;
}

/* -U CLASS (all too) logs out a session only if it has a record, and
 * never one whose node.startup is onboot: that is the boot disk, as
 * open-iscsi's logoutall has it; CLASS matches node.startup or the
 * legacy node.conn[0].startup, as in -L. */
static int adm_logout_class_match(const struct sysfs_session *k, int class)
{
	const char *const ifaces[1] = { sysfs_session_iface(k) };
	struct idbm_sel sel = { .target = k->targetname,
				.addr = k->conn.persistent_address,
				.port = k->conn.persistent_port,
				.tpgt = IDBM_SEL_ANY, .ifaces = ifaces,
				.n_ifaces = 1, .legacy_iface = "default" };
	struct adm_rec_of r = { malloc(sizeof(*r.n)), 0 };
	int ok = 0;

	if (!r.n)
		return 0;
	idbm_node_select(idbm_root(), &sel, adm_rec_match, &r);
	if (r.found && r.n->startup != IDBM_STARTUP_ONBOOT)
		ok = class == ADM_CLASS_ALL || r.n->startup == class ||
		     r.n->conn.startup == class;
	free(r.n);
	return ok;
}

/* -m node -u / -U CLASS / -m session -u: pick sessions from sysfs. */
static int adm_logout_some(const struct adm_opts *o, const char *class,
			   int by_node)
{
	struct sysfs_session *k = malloc(sizeof(*k));
	uint32_t *sids = NULL;
	struct adm_select s;
	size_t i, n = 0;
	int keep = 0, rc;

	if (!k)
		return ISCSI_ERR_NOMEM;
	rc = adm_select_init(o, class, &s);
	if (rc)
		goto out;
	if (sysfs_session_list(NULL, &sids, &n) < 0)
		n = 0;
	if (n > ADM_JOBS_MAX)
		n = ADM_JOBS_MAX;
	for (i = 0; i < n; i++) {
		if (sysfs_session_read(NULL, sids[i], k) < 0 ||
		    !sysfs_session_complete(k))
			continue;
		if (by_node &&
		    !idbm_sel_match(&s.sel, k->targetname,
				    k->conn.persistent_address,
				    k->conn.persistent_port,
				    k->tpgt >= 0 && k->tpgt <= 65535 ? k->tpgt :
								       -1,
				    sysfs_session_iface(k)))
			continue;
		if (s.startup != ADM_CLASS_NONE &&
		    !adm_logout_class_match(k, s.startup))
			continue;
		sids[keep++] = sids[i];
	}
	rc = adm_logout_sids(sids, keep);
out:
	free(sids);
	free(k);
	return rc;
}

/* -m session -r SID -u: the session must be readable and its iface
 * record (other than the built-in ones) must exist. */
static int adm_session_logout(const struct adm_opts *o)
{
	char path[64], name[IDBM_TARGET_MAX];
	uint32_t sid;
	int rc;

	if (!o->sid)
		return adm_logout_some(o, NULL, 0);
	rc = adm_sess_parse_sid(o->sid, &sid);
	if (rc)
		return rc;
	snprintf(path, sizeof(path),
		 SYSFS_ROOT "/class/iscsi_session/session%u/targetname", sid);
	if (sysfs_read(path, name, sizeof(name)) < 0) {
		log_err("could not read session targetname: %d", EIO);
		log_err("Could not get session info for sid %u", sid);
		return ISCSI_ERR_SYSFS_LOOKUP;
	}
	rc = adm_sess_check_iface(sid);
	return rc ? rc : adm_logout_sids(&sid, 1);
}

int adm_logout(const struct adm_opts *o)
{
	if (o->mode == ADM_MODE_SESSION)
		return adm_session_logout(o);
	return adm_logout_some(o, o->logout_all, 1);
}
