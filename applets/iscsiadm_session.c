/* SPDX-License-Identifier: MIT */
/* iscsiadm_session.c - "iscsiadm -m session": list the kernel's iSCSI
 * sessions from sysfs (-P 0..3), one session by id or sysfs path (-r),
 * the node record a session was made from, rescan (-R), and the requests
 * that go to iscsid (-s, -o new).  Logout (-u) lives in iscsiadm_logout.c.
 * Output and exit codes are open-iscsi 2.1.8's:
 *   tcp: [1] 127.0.0.1:3260,1 iqn.2024-01.test.local:disk1 (non-flash)
 *   "No active sessions." (21), "Invalid info level N. Try 0 - 3." (7). */
#include "applets/iscsiadm_session.h"
#include "applets/iscsiadm_sessid.h"
#include "core/errors.h"
#include "core/idbm_db.h"
#include "core/log.h"
#include "core/portal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The sysfs mount iscsiadm works on. */
static const char *const sess_root = SYSFS_ROOT;

/* Sessions to work on: only `sid` (0: all that sysfs lists, in
 * open-iscsi's order, skipping any without a connection). */
static int sess_collect(uint32_t sid, int query, struct adm_sess **out,
			size_t *n)
{
	uint32_t *sids = NULL, one = sid;
	struct adm_sess *v = NULL;
	size_t cnt = 1, i, k = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!sid && sysfs_session_list(sess_root, &sids, &cnt) < 0)
		cnt = 0;
	if (cnt && !(v = calloc(cnt, sizeof(*v)))) {
		rc = ISCSI_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < cnt; i++) {
		int r = adm_sess_load(sess_root, sid ? one : sids[i], query,
				      &v[k]);

		if (r == 0)
			k++;
		else if (sid) {
			log_err("could not read session targetname: %d", EIO);
			log_err("Could not get session info for sid %u", sid);
			rc = ISCSI_ERR_SYSFS_LOOKUP;
			goto out;
		}
	}
	*out = v;
	*n = k;
	v = NULL;
out:
	free(v);
	free(sids);
	return rc;
}

static void sess_print_list(const struct adm_sess *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct sysfs_session *s = &v[i].s;
		const char *a = s->conn.persistent_address;
		int v6 = !strchr(a, '.');

		printf("%s: [%u] %s%s%s:%d,%d %s (%s)\n",
		       adm_transport_name(&v[i].host, v[i].has_host), s->sid,
		       v6 ? "[" : "", a, v6 ? "]" : "",
		       s->conn.persistent_port, s->tpgt, s->targetname,
		       s->creator == -1 ? "flash" : "non-flash");
	}
}

static unsigned sess_flags(int level, int secrets)
{
	unsigned f = ADM_SP_IFACE;

	if (level >= 2)
		f |= ADM_SP_TIMEOUTS | ADM_SP_CHAP | ADM_SP_PARAMS;
	if (level >= 3)
		f |= ADM_SP_DISKS | ADM_SP_HOSTLINE;
	if (secrets)
		f |= ADM_SP_SECRETS;
	return f;
}

static int sess_print(const struct adm_opts *o, uint32_t sid)
{
	int level = o->print_level < 0 ? 0 : o->print_level;
	struct adm_sess *v = NULL;
	size_t n = 0;
	int rc;

	/* Only the tree asks iscsid; its "Unknown" fallback prints why. */
	rc = sess_collect(sid, level >= 1 && level <= 3, &v, &n);
	if (rc)
		return rc;
	if (!n) {
		log_err("No active sessions.");
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	} else if (level > 3) {
		log_err("Invalid info level %d. Try 0 - 3.", level);
		rc = ISCSI_ERR_INVAL;
	} else if (level == 0) {
		sess_print_list(v, n);
	} else {
		if (level == 3)
			adm_print_versions(sess_root);
		adm_sess_tree(sess_root, v, n,
			      sess_flags(level, o->show_secrets), 0);
	}
	free(v);
	return rc;
}

/* The sessions -R and -s act on; "No session found." (21) when none. */
static int sess_collect_some(uint32_t sid, struct adm_sess **v, size_t *n)
{
	int rc = sess_collect(sid, 0, v, n);

	if (!rc && !*n) {
		log_err("No session found.");
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	}
	return rc;
}

static void sess_rescan_one(const struct sysfs_session *s)
{
	printf("Rescanning session [sid: %u, target: %s, portal: %s,%d]\n",
	       s->sid, s->targetname, s->conn.address, s->conn.port);
	sysfs_session_rescan(sess_root, s);
}

static int sess_rescan(uint32_t sid)
{
	struct adm_sess *v = NULL;
	size_t n = 0, i;
	int rc;

	rc = sess_collect_some(sid, &v, &n);
	if (rc && rc != ISCSI_ERR_NO_OBJS_FOUND)
		return rc;
	for (i = 0; i < n; i++)
		sess_rescan_one(&v[i].s);
	free(v);
	return rc;
}

/* One session's counters, asked from iscsid, printed as open-iscsi
 * does (its portal label pairs the persistent address with the current
 * port).  0 or the error. */
static int sess_stats_one(const struct sysfs_session *s)
{
	struct ipc_msg m, *r = malloc(sizeof(*r));
	uint32_t i;
	int rc;

	if (!r)
		return ISCSI_ERR_NOMEM;
	memset(&m, 0, sizeof(m));
	m.cmd = IPC_CMD_SESSION_STATS;
	m.has = IPC_HAS_SID;
	m.sid = s->sid;
	rc = adm_iscsid_request(&m, r);
	if (!rc && !(r->has & IPC_HAS_STATS))
		rc = ISCSI_ERR_ISCSID_COMM_ERR;
	if (rc)
		goto out;
	printf("Stats for session [sid: %u, target: %s, portal: %s,%d]\n",
	       s->sid, s->targetname, s->conn.persistent_address,
	       s->conn.port);
	printf("iSCSI SNMP:\n");
	for (i = 0; i < IPC_STATS_N; i++)
		if (i < 2)	/* the octet counters print signed */
			printf("\t%s: %lld\n", ipc_stats_name(i),
			       (long long)r->stats[i]);
		else
			printf("\t%s: %u\n", ipc_stats_name(i),
			       (unsigned)r->stats[i]);
	for (i = 0; i < r->n_custom; i++)
		printf("\t%s: %llu\n", r->custom[i].desc,
		       (unsigned long long)r->custom[i].value);
out:
	free(r);
	return rc;
}

/* Statistics come from the kernel through iscsid. */
static int sess_stats(uint32_t sid)
{
	struct adm_sess *v = NULL;
	size_t n = 0, i;
	int rc;

	rc = sess_collect_some(sid, &v, &n);
	if (rc && rc != ISCSI_ERR_NO_OBJS_FOUND)
		return rc;
	/* The first failure ends the walk, as in open-iscsi. */
	for (i = 0; i < n && !rc; i++)
		rc = sess_stats_one(&v[i].s);
	free(v);
	if (rc && rc != ISCSI_ERR_NO_OBJS_FOUND)
		log_err("Could not execute operation on all sessions: %s",
			iscsi_err_str(rc));
	return rc;
}

/* -m node -R / -s: the sessions whose target, persistent portal and
 * iface match -T/-p/-I are rescanned or their counters printed, as in
 * session mode; "No session found." (21) when none matches. */
int adm_sess_node_op(const struct adm_opts *o)
{
	struct adm_sess *v = NULL;
	struct portal p;
	struct idbm_sel sel = { NULL };
	size_t n = 0, i, found = 0;
	int rc, have_p = 0;

	rc = sess_collect(0, 0, &v, &n);
	if (rc)
		return rc;
	if (o->portal)
		have_p = portal_parse(o->portal, ISCSI_DEFAULT_PORT, &p) == 0;
	sel.target = o->target;
	sel.addr = have_p ? p.addr : NULL;
	sel.port = have_p ? p.port : 0;
	sel.tpgt = IDBM_SEL_ANY;
	sel.ifaces = o->ifaces;
	sel.n_ifaces = o->n_ifaces;
	for (i = 0; i < n; i++) {
		const struct sysfs_session *s = &v[i].s;

		if (!idbm_sel_match(&sel, s->targetname,
				    s->conn.persistent_address,
				    s->conn.persistent_port, 0,
				    s->ifacename[0] ? s->ifacename :
						      "default"))
			continue;
		found++;
		if (o->rescan)
			sess_rescan_one(s);
		else if (!rc)
			rc = sess_stats_one(s);
	}
	free(v);
	if (!found) {
		log_err("No session found.");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	if (rc)
		log_err("Could not execute operation on all sessions: %s",
			iscsi_err_str(rc));
	return rc;
}

int adm_session(const struct adm_opts *o)
{
	struct adm_sess *v = NULL;
	uint32_t sid = 0;
	size_t n = 0;
	int rc;

	if ((o->op & ADM_OP_NEW) && !o->sid) {
		log_err("session mode: Operation 'new' only allowed with "
			"specific session IDs");
		return ISCSI_ERR_INVAL;
	}
	if (o->sid) {
		rc = adm_sess_parse_sid(o->sid, &sid);
		if (!rc && !(o->print_level > 0 && !o->op))
			rc = adm_sess_check_iface(sid);
		if (rc)
			return rc;
	}
	if (o->rescan)
		return sess_rescan(sid);
	if (o->stats)
		return sess_stats(sid);
	if (!sid || (o->print_level > 0 && !o->op))
		return sess_print(o, sid);
	/* One session without a tree: its node records (-o show, -o new,
	 * or nothing). */
	rc = sess_collect(sid, 0, &v, &n);
	if (rc == 0)
		rc = adm_sess_records(o, &v[0]);
	free(v);
	return rc;
}
