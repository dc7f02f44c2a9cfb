/* SPDX-License-Identifier: MIT */
/* iscsiadm_login.c - iscsiadm's logins and logouts, done by iscsid over
 * the IPC socket (core/ipc.h):
 *   -m node [-T T] [-p P] [-I I] -l | -u      -m node -L|-U all|manual|
 *   automatic|onboot [-W]                     -m session [-r SID] -u
 *   -k N (stop iscsid)
 * As open-iscsi does, every request is sent first (one connection each,
 * so iscsid works on all of them at once) with its "Logging in"/"Logging
 * out" line, then the answers are awaited in the same order.  The exit
 * code is the first error; nothing to act on is 21 (systemd's
 * open-iscsi.service counts 15 and 21 as success for -L automatic). */
#include "applets/iscsiadm.h"
#include "applets/iscsiadm_session.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/ipc_sock.h"
#include "core/log.h"
#include "core/num.h"
#include "core/portal.h"
#include "core/sendtargets.h"
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
#define ADM_STOP_TIMEOUT_MS 1000	/* open-iscsi's ISCSID_REQ_TIMEOUT */

/* One login or logout in flight. */
struct adm_job {
	char label[IDBM_TARGET_MAX + IDBM_ADDR_MAX + 96];
	int fd;
	int err;
};

struct adm_sel {
	const struct adm_opts *o;
	struct portal p;		/* -p, when given */
	int startup;			/* -L/-U class, -1 all, -2 none */
	int multiple;			/* -m session -r SID -o new */
	struct idbm_node *nodes;
	int n;
	int err;
};

/* Send a request on a connection of its own; the reply is awaited by
 * adm_job_wait.  Returns 0 or ISCSI_ERR_ISCSID_NOTCONN. */
static int adm_job_send(struct adm_job *j, const struct ipc_msg *m,
			int startup)
{
	int rc = startup ? adm_iscsid_connect() : ipc_sock_connect(&j->fd);

	if (startup && rc >= 0) {
		j->fd = rc;
		rc = 0;
	}
	if (rc < 0) {
		if (!startup)
			log_err("can not connect to iSCSI daemon (%d)!", -rc);
		j->fd = -1;
		return ISCSI_ERR_ISCSID_NOTCONN;
	}
	rc = ipc_sock_send(j->fd, m);
	if (rc < 0) {
		log_err("got write error (%d/%d) on cmd %d, daemon died?", rc,
			-rc, m->cmd);
		close(j->fd);
		j->fd = -1;
		return ISCSI_ERR_ISCSID_COMM_ERR;
	}
	return 0;
}

static int adm_job_wait(struct adm_job *j, uint16_t cmd, int timeout_ms)
{
	uint8_t *buf = malloc(IPC_MSG_MAX);
	struct ipc_msg r;
	int rc;

	if (!buf)
		return ISCSI_ERR_NOMEM;
	rc = ipc_sock_recv(j->fd, buf, IPC_MSG_MAX, timeout_ms, &r);
	free(buf);
	close(j->fd);
	j->fd = -1;
	if (rc == -ETIMEDOUT)
		return ISCSI_ERR_REQ_TIMEDOUT;
	if (rc < 0)
		return ISCSI_ERR_ISCSID_COMM_ERR;
	if (r.err)
		return r.err;
	return r.cmd == cmd ? 0 : ISCSI_ERR_ISCSID_COMM_ERR;
}

static int adm_startup_class(const char *s)
{
	if (!s)
		return -2;
	if (strcmp(s, "all") == 0)
		return -1;
	if (strcmp(s, "manual") == 0)
		return IDBM_STARTUP_MANUAL;
	if (strcmp(s, "automatic") == 0)
		return IDBM_STARTUP_AUTOMATIC;
	if (strcmp(s, "onboot") == 0)
		return IDBM_STARTUP_ONBOOT;
	return -3;
}

static int adm_iface_ok(const struct adm_opts *o, const char *iface)
{
	int i;

	if (!o->n_ifaces)
		return 1;
	for (i = 0; i < o->n_ifaces; i++)
		if (strcmp(o->ifaces[i], iface) == 0)
			return 1;
	return 0;
}

/* -T, -p and -I narrow the choice (node mode). */
static int adm_match(const struct adm_sel *s, const char *target,
		     const char *addr, int port, int tpgt, const char *iface)
{
	const struct adm_opts *o = s->o;

	if (o->target && strcmp(o->target, target) != 0)
		return 0;
	if (o->portal && (strcmp(s->p.addr, addr) != 0 || s->p.port != port ||
			  (s->p.tpgt != PORTAL_TPGT_UNKNOWN &&
			   s->p.tpgt != tpgt)))
		return 0;
	return adm_iface_ok(o, iface);
}

static int adm_collect(const struct idbm_loc *loc, void *arg)
{
	struct adm_sel *s = arg;
	struct idbm_node *n;
	char msg[512];

	if (!adm_match(s, loc->target, loc->address, loc->port, loc->tpgt,
		       loc->iface[0] ? loc->iface : "default"))
		return 0;
	if (s->n == ADM_JOBS_MAX)
		return 0;
	n = &s->nodes[s->n];
	if (idbm_node_read(loc->path, n, msg, sizeof(msg)) != 0) {
		log_err("%s", msg);
		if (!s->err)
			s->err = ISCSI_ERR_IDBM;
		return 0;
	}
	if (s->startup >= 0 && n->startup != s->startup)
		return 0;
	s->n++;
	return 0;
}

/* The running session of record n, if any: its sid, else 0. */
static uint32_t adm_session_of(const struct idbm_node *n)
{
	struct sysfs_session *k = malloc(sizeof(*k));
	uint32_t *sids = NULL, sid = 0;
	size_t i, cnt = 0;

	if (k && sysfs_session_list(NULL, &sids, &cnt) < 0)
		cnt = 0;
	for (i = 0; k && i < cnt && !sid; i++)
		if (sysfs_session_read(NULL, sids[i], k) == 0 &&
		    sysfs_session_complete(k) &&
		    strcmp(k->targetname, n->name) == 0 &&
		    strcmp(k->conn.persistent_address, n->conn.address) == 0 &&
		    k->conn.persistent_port == n->conn.port &&
		    strcmp(sysfs_session_iface(k), n->iface.name) == 0)
			sid = sids[i];
	free(sids);
	free(k);
	return sid;
}

static void adm_first(int *rc, int err)
{
	if (err && !*rc)
		*rc = err;
}

static void adm_report(const char *what, const char *label, int err)
{
	log_err("Could not %s %s.", what, label);
	log_err("initiator reported error (%d - %s)", err, iscsi_err_str(err));
}

static int adm_login_nodes(const struct adm_opts *o, struct adm_sel *s)
{
	struct adm_job *jobs = calloc((size_t)s->n + 1, sizeof(*jobs));
	int i, rc = s->err;

	if (!jobs)
		return ISCSI_ERR_NOMEM;
	for (i = 0; i < s->n; i++) {
		struct idbm_node *n = &s->nodes[i];
		struct ipc_msg m;
		size_t len = 0;
		char *rec;

		snprintf(jobs[i].label, sizeof(jobs[i].label),
			 "[iface: %s, target: %s, portal: %s,%d]",
			 n->iface.name, n->name, n->conn.address,
			 n->conn.port);
		jobs[i].fd = -1;
		if (!s->multiple && adm_session_of(n)) {
			log_err("%s: 1 session requested, but 1 already "
				"present.", n->iface.name);
			jobs[i].err = ISCSI_ERR_SESS_EXISTS;
			continue;
		}
		rec = idbm_rec_format(IDBM_KIND_NODE, n, 0, &len);
		if (!rec) {
			jobs[i].err = ISCSI_ERR_NOMEM;
			continue;
		}
		memset(&m, 0, sizeof(m));
		m.cmd = IPC_CMD_LOGIN;
		m.flags = s->multiple ? IPC_F_MULTIPLE : 0;
		m.has = IPC_HAS_RECORD;
		m.record = rec;
		m.record_len = len;
		jobs[i].err = adm_job_send(&jobs[i], &m, s->multiple);
		free(rec);
		printf("Logging in to %s%s\n", jobs[i].label,
		       s->multiple ? " (multiple)" : "");
		fflush(stdout);
	}
	for (i = 0; i < s->n; i++) {
		struct adm_job *j = &jobs[i];

		if (j->fd >= 0 && o->no_wait) {
			close(j->fd);
			continue;
		}
		if (j->fd >= 0)
			j->err = adm_job_wait(j, IPC_CMD_LOGIN, -1);
		if (!j->err) {
			printf("Login to %s successful.\n", j->label);
			fflush(stdout);
		} else if (j->err != ISCSI_ERR_SESS_EXISTS) {
			adm_report("login to", j->label, j->err);
		}
		adm_first(&rc, j->err);
	}
	free(jobs);
	if (rc)
		log_err("Could not log into all portals");
	return rc;
}

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
			strerror(errno));
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
	j->fd = adm_iscsid_connect();
	if (j->fd < 0) {
		rc = -j->fd;
		j->fd = -1;
	} else {
		memset(&m, 0, sizeof(m));
		m.cmd = IPC_CMD_LOGOUT;
		m.has = IPC_HAS_SID;
		m.sid = sid;
		rc = ipc_sock_send(j->fd, &m) < 0 ? ISCSI_ERR_ISCSID_COMM_ERR : 0;
	}
	if (rc) {
		if (j->fd >= 0)
			close(j->fd);
		j->fd = -1;
		adm_report("logout of", j->label, rc);
	}
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
		adm_first(&rc, jobs[i].err);
		sent += !jobs[i].err;
	}
	for (i = 0; i < n; i++) {
		struct adm_job *j = &jobs[i];

		if (j->fd < 0)
			continue;
		j->err = adm_job_wait(j, IPC_CMD_LOGOUT, -1);
		if (!j->err) {
			printf("Logout of %s successful.\n", j->label);
			fflush(stdout);
		} else {
			adm_report("logout of", j->label, j->err);
		}
		adm_first(&rc, j->err);
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

static int adm_sel_init(const struct adm_opts *o, struct adm_sel *s,
			const char *class)
{
	memset(s, 0, sizeof(*s));
	s->o = o;
	s->startup = adm_startup_class(class);
	if (s->startup == -3) {
		log_err("Invalid logout/login type %s", class);
		return ISCSI_ERR_INVAL;
	}
	if (o->portal && portal_parse(o->portal, ISCSI_DEFAULT_PORT,
				      &s->p) < 0) {
		log_err("Please specify portal as <ipaddr>[:<ipport>]");
		return ISCSI_ERR_INVAL;
	}
	return 0;
}

static int adm_node_login(const struct adm_opts *o)
{
	struct adm_sel s;
	int rc = adm_sel_init(o, &s, o->login_all);

	if (rc)
		return rc;
	s.nodes = malloc(sizeof(*s.nodes) * ADM_JOBS_MAX);
	if (!s.nodes)
		return ISCSI_ERR_NOMEM;
	idbm_node_foreach(idbm_root(), adm_collect, &s);
	if (!s.n) {
		log_err("No records found");
		rc = s.err ? s.err : ISCSI_ERR_NO_OBJS_FOUND;
	} else {
		rc = adm_login_nodes(o, &s);
	}
	free(s.nodes);
	return rc;
}

int adm_login_records(const struct adm_opts *o, struct idbm_node *nodes,
		      int n, int multiple)
{
	struct adm_sel s;

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.startup = -2;
	s.multiple = multiple;
	s.nodes = nodes;
	s.n = n;
	return adm_login_nodes(o, &s);
}

int adm_login_multiple(const struct adm_opts *o, struct idbm_node *nodes,
		       int n)
{
	return adm_login_records(o, nodes, n, 1);
}

/* -m discovery ... -l: the records this discovery wrote, i.e. every
 * portal of every target found (for the ifaces of the run), whatever
 * portal was asked. */
struct adm_found {
	struct adm_sel sel;
	const struct st_list *list;
};

static int adm_collect_found(const struct idbm_loc *loc, void *arg)
{
	struct adm_found *f = arg;
	size_t i, j;

	for (i = 0; i < f->list->n; i++) {
		const struct st_target *t = &f->list->targets[i];

		if (strcmp(t->name, loc->target) != 0)
			continue;
		for (j = 0; j < t->n_portals; j++)
			if (strcmp(t->portals[j].addr, loc->address) == 0 &&
			    t->portals[j].port == loc->port)
				return adm_collect(loc, &f->sel);
	}
	return 0;
}

int adm_login_discovered(const struct adm_opts *o, const struct st_list *l)
{
	struct adm_opts q = *o;
	struct adm_found f;
	int rc;

	q.portal = NULL;	/* -p named the discovery portal */
	q.target = NULL;
	rc = adm_sel_init(&q, &f.sel, NULL);
	if (rc)
		return rc;
	f.list = l;
	f.sel.nodes = malloc(sizeof(*f.sel.nodes) * ADM_JOBS_MAX);
	if (!f.sel.nodes)
		return ISCSI_ERR_NOMEM;
	idbm_node_foreach(idbm_root(), adm_collect_found, &f);
	rc = f.sel.n ? adm_login_nodes(&q, &f.sel) :
		       (f.sel.err ? f.sel.err : ISCSI_ERR_NO_OBJS_FOUND);
	free(f.sel.nodes);
	return rc;
}

/* The record a session came from: same target, portal and iface, any
 * tpgt (a record made without one is a legacy file). */
struct adm_rec_of {
	const struct sysfs_session *k;
	struct idbm_node *n;
	int found;
};

static int adm_rec_match(const struct idbm_loc *loc, void *arg)
{
	struct adm_rec_of *r = arg;
	char msg[256];

	if (strcmp(loc->target, r->k->targetname) ||
	    strcmp(loc->address, r->k->conn.persistent_address) ||
	    loc->port != r->k->conn.persistent_port ||
	    strcmp(loc->iface[0] ? loc->iface : "default",
		   sysfs_session_iface(r->k)))
		return 0;
	if (idbm_node_read(loc->path, r->n, msg, sizeof(msg)) != 0)
		return 0;
	r->found = 1;
	return 1;
}

/* The startup setting of the record a session came from, -1 if none. */
static int adm_startup_of(const struct sysfs_session *k)
{
	struct adm_rec_of r = { k, malloc(sizeof(*r.n)), 0 };
	int rc;

	if (!r.n)
		return -1;
	idbm_node_foreach(idbm_root(), adm_rec_match, &r);
	rc = r.found ? r.n->startup : -1;
	free(r.n);
	return rc;
}

/* -m node -u / -U CLASS / -m session -u: pick sessions from sysfs. */
static int adm_logout(const struct adm_opts *o, const char *class,
		      int by_node)
{
	struct sysfs_session *k = malloc(sizeof(*k));
	uint32_t *sids = NULL;
	struct adm_sel s;
	size_t i, n = 0;
	int keep = 0, rc;

	if (!k)
		return ISCSI_ERR_NOMEM;
	rc = adm_sel_init(o, &s, class);
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
		    !adm_match(&s, k->targetname, k->conn.persistent_address,
			       k->conn.persistent_port,
			       k->tpgt >= 0 && k->tpgt <= 65535 ? k->tpgt : -1,
			       sysfs_session_iface(k)))
			continue;
		/* -U CLASS (all too) only touches sessions with a record. */
		if (s.startup != -2) {
			int st = adm_startup_of(k);

			if (st < 0 || (s.startup >= 0 && st != s.startup))
				continue;
		}
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
		return adm_logout(o, NULL, 0);
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

int adm_login(const struct adm_opts *o)
{
	if (o->mode == ADM_MODE_SESSION)
		return adm_session_logout(o);
	if (o->login || o->login_all)
		return adm_node_login(o);
	return adm_logout(o, o->logout_all, 1);
}

int adm_kill(const struct adm_opts *o)
{
	struct adm_job j = { "", -1, 0 };
	struct ipc_msg m;
	long prio;
	int rc;

	if (num_parse_long(o->kill, -1000, 1000, &prio) < 0) {
		log_err("Invalid killiscsid priority %s", o->kill);
		return ISCSI_ERR_INVAL;
	}
	memset(&m, 0, sizeof(m));
	m.cmd = IPC_CMD_STOP;
	m.has = IPC_HAS_PRIORITY;
	m.priority = (uint32_t)prio;
	rc = adm_job_send(&j, &m, 0);
	if (!rc)
		rc = adm_job_wait(&j, IPC_CMD_STOP, ADM_STOP_TIMEOUT_MS);
	if (rc)
		log_err("initiator reported error (%d - %s)", rc,
			iscsi_err_str(rc));
	return rc;
}
