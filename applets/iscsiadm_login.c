/* SPDX-License-Identifier: MIT */
/* iscsiadm_login.c - iscsiadm's logins, done by iscsid over the IPC
 * socket (iscsiadm_iscsid.h):
 *   -m node [-T T] [-p P] [-I I] -l      -m node -L all|manual|automatic|
 *   onboot [-W]     -m session -r SID -o new     -m discovery ... -l
 *   -k N (stop iscsid)
 * As open-iscsi does, every request is sent first (one connection each,
 * so iscsid works on all of them at once) with its "Logging in" line,
 * then the answers are awaited in the same order.  The exit code is the
 * first error; nothing to act on is 21 (systemd's open-iscsi.service
 * counts 15 and 21 as success for -L automatic).  Logouts are in
 * iscsiadm_logout.c. */
#include "applets/iscsiadm.h"
#include "applets/iscsiadm_iscsid.h"
#include "applets/iscsiadm_login.h"
#include "applets/iscsiadm_select.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/log.h"
#include "core/num.h"
#include "core/sendtargets.h"
#include "transport/sysfs_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADM_JOBS_MAX 1024
#define ADM_STOP_TIMEOUT_MS 1000	/* open-iscsi's ISCSID_REQ_TIMEOUT */

/* The records a login command acts on. */
struct adm_login_run {
	const struct adm_opts *o;
	struct adm_select s;		/* -T/-p/-I and the -L class */
	int startup;			/* -L class, ADM_CLASS_NONE for -l */
	int multiple;			/* -m session -r SID -o new */
	struct idbm_node *nodes;
	int n;
	int err;
};

static int adm_login_init(const struct adm_opts *o, struct adm_login_run *r,
			  const char *class)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->o = o;
	rc = adm_select_init(o, class, &r->s);
	/* a legacy file names its iface only inside: adm_collect checks
	 * -I on the record, as open-iscsi does (-I iser logs in through a
	 * legacy record whose iface is iser) */
	r->s.sel.legacy_iface = NULL;
	r->startup = r->s.startup;
	return rc;
}

static int adm_collect(const struct idbm_loc *loc, void *arg)
{
	struct adm_login_run *s = arg;
	struct idbm_node *n;
	char msg[512];

	if (s->n == ADM_JOBS_MAX)
		return 0;
	n = &s->nodes[s->n];
	if (idbm_node_read(loc->path, n, msg, sizeof(msg)) != 0) {
		log_err("%s", msg);
		if (!s->err)
			s->err = ISCSI_ERR_IDBM;
		return 0;
	}
	if (!loc->iface[0] &&
	    !idbm_sel_match(&s->s.sel, loc->target, loc->address, loc->port,
			    loc->tpgt, n->iface.name))
		return 0;
	/* -L CLASS: node.startup or node.conn[0].startup, as open-iscsi */
	if (s->startup >= 0 && n->startup != s->startup &&
	    n->conn.startup != s->startup)
		return 0;
	s->n++;
	return 0;
}

/* The complete sessions running when the command started, read from
 * sysfs once: reading them all again for each record made "-L all" of N
 * records read ~N*N/2 sessions while its first logins were coming up,
 * holding back the later requests.  Sessions this command makes do not
 * count: records are distinct, so none of them matches another record. */
struct adm_running {
	struct sysfs_session *s;
	size_t n;
};

static void adm_running_read(struct adm_running *r)
{
	uint32_t *sids = NULL;
	size_t i, cnt = 0;

	r->n = 0;
	if (sysfs_session_list(NULL, &sids, &cnt) < 0 || !cnt ||
	    !(r->s = malloc(cnt * sizeof(*r->s))))
		cnt = 0;
	for (i = 0; i < cnt; i++)
		if (sysfs_session_read(NULL, sids[i], &r->s[r->n]) == 0 &&
		    sysfs_session_complete(&r->s[r->n]))
			r->n++;
	free(sids);
}

/* How many sessions of record n were running. */
static int adm_sessions_of(const struct adm_running *r,
			   const struct idbm_node *n)
{
	const struct sysfs_session *k;
	int found = 0;
	size_t i;

	for (i = 0; i < r->n; i++) {
		k = &r->s[i];
		found += strcmp(k->targetname, n->name) == 0 &&
			 strcmp(k->conn.persistent_address, n->conn.address) ==
				 0 &&
			 k->conn.persistent_port == n->conn.port &&
			 strcmp(sysfs_session_iface(k), n->iface.name) == 0;
	}
	return found;
}

static void adm_job_label(struct adm_job *j, const struct idbm_node *n)
{
	snprintf(j->label, sizeof(j->label),
		 "[iface: %s, target: %s, portal: %s,%d]", n->iface.name,
		 n->name, n->conn.address, n->conn.port);
	j->fd = -1;
}

/* Send the login requests for record n: as many as its
 * node.session.nr_sessions asks beyond those running (each one
 * "(multiple)" when it asks for more than one), or one more with
 * -m session -o new.  Jobs go to jobs[*nj..max). */
static void adm_login_send(const struct adm_login_run *s,
			   const struct adm_running *run,
			   const struct idbm_node *n, struct adm_job *jobs,
			   int *nj, int max)
{
	int want = n->session.nr_sessions < 1 ? 1 : n->session.nr_sessions;
	int have = s->multiple ? 0 : adm_sessions_of(run, n);
	int multiple = s->multiple || want > 1;
	struct adm_job *j = &jobs[*nj];
	struct ipc_msg m;
	size_t len = 0;
	char *rec;

	if (s->multiple)
		want = 1;
	if (have >= want) {
		adm_job_label(j, n);
		log_err("%s: %d session%s requested, but %d already present.",
			n->iface.name, want, want == 1 ? "" : "s", have);
		j->err = ISCSI_ERR_SESS_EXISTS;
		(*nj)++;
		return;
	}
	rec = idbm_rec_format(IDBM_KIND_NODE, n, 0, &len);
	memset(&m, 0, sizeof(m));
	m.cmd = IPC_CMD_LOGIN;
	m.flags = multiple ? IPC_F_MULTIPLE : 0;
	m.has = IPC_HAS_RECORD;
	m.record = rec;
	m.record_len = len;
	for (; have < want && *nj < max; have++) {
		j = &jobs[*nj];
		adm_job_label(j, n);
		j->err = rec ? adm_job_send(j, &m, s->multiple) :
			       ISCSI_ERR_NOMEM;
		(*nj)++;
		if (!rec)
			break;
		printf("Logging in to %s%s\n", j->label,
		       multiple ? " (multiple)" : "");
		fflush(stdout);
	}
	free(rec);
}

static int adm_login_nodes(const struct adm_opts *o, struct adm_login_run *s)
{
	struct adm_job *jobs = calloc(ADM_JOBS_MAX, sizeof(*jobs));
	struct adm_running run = { NULL, 0 };
	int i, nj = 0, rc = s->err;

	if (!jobs)
		return ISCSI_ERR_NOMEM;
	if (!s->multiple)
		adm_running_read(&run);
	for (i = 0; i < s->n && nj < ADM_JOBS_MAX; i++)
		adm_login_send(s, &run, &s->nodes[i], jobs, &nj,
			       ADM_JOBS_MAX);
	free(run.s);
	for (i = 0; i < nj; i++) {
		struct adm_job *j = &jobs[i];

		if (j->fd >= 0 && o->no_wait) {
			close(j->fd);
			continue;
		}
		if (j->fd >= 0)
			j->err = adm_job_wait(j, IPC_CMD_LOGIN, -1, NULL);
		if (!j->err) {
			printf("Login to %s successful.\n", j->label);
			fflush(stdout);
		} else if (j->err != ISCSI_ERR_SESS_EXISTS) {
			adm_job_report("login to", j->label, j->err);
		}
		if (j->err && !rc)
			rc = j->err;
	}
	free(jobs);
	if (rc)
		log_err("Could not log into all portals");
	return rc;
}

int adm_login(const struct adm_opts *o)
{
	struct adm_login_run s;
	int rc = adm_login_init(o, &s, o->login_all);

	if (rc)
		return rc;
	/* -L ignores -T, -p and -I, as open-iscsi does */
	if (o->login_all)
		memset(&s.s.sel, 0, sizeof(s.s.sel));
	s.s.sel.dir_order = 1;	/* logins go in directory order */
	s.nodes = malloc(sizeof(*s.nodes) * ADM_JOBS_MAX);
	if (!s.nodes)
		return ISCSI_ERR_NOMEM;
	idbm_node_select(idbm_root(), &s.s.sel, adm_collect, &s);
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
	struct adm_login_run s;

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.startup = ADM_CLASS_NONE;
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
	struct adm_login_run sel;
	const struct st_list *list;
	const struct adm_disc_ifaces *ifs;
};

static int adm_found_in(const struct st_list *l, const struct idbm_loc *loc)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		const struct st_target *t = &l->targets[i];

		if (strcmp(t->name, loc->target) != 0)
			continue;
		for (j = 0; j < t->n_portals; j++)
			if (strcmp(t->portals[j].addr, loc->address) == 0 &&
			    t->portals[j].port == loc->port)
				return 1;
	}
	return 0;
}

static int adm_collect_found(const struct idbm_loc *loc, void *arg)
{
	struct adm_found *f = arg;
	int k, n = f->ifs ? f->ifs->n : 1;

	for (k = 0; k < n; k++)
		if ((!f->ifs || !strcmp(f->ifs->v[k].name, loc->iface)) &&
		    adm_found_in(&f->list[k], loc))
			return adm_collect(loc, &f->sel);
	return 0;
}

int adm_login_discovered(const struct adm_opts *o, const struct st_list *l,
			 const struct adm_disc_ifaces *ifs)
{
	struct adm_opts q = *o;
	struct adm_found f;
	int rc;

	q.portal = NULL;	/* -p named the discovery portal */
	q.target = NULL;
	rc = adm_login_init(&q, &f.sel, NULL);
	if (rc)
		return rc;
	f.list = l;
	f.ifs = ifs;
	f.sel.nodes = malloc(sizeof(*f.sel.nodes) * ADM_JOBS_MAX);
	if (!f.sel.nodes)
		return ISCSI_ERR_NOMEM;
	f.sel.s.sel.dir_order = 1;
	idbm_node_select(idbm_root(), &f.sel.s.sel, adm_collect_found, &f);
	rc = f.sel.n ? adm_login_nodes(&q, &f.sel) :
		       (f.sel.err ? f.sel.err : ISCSI_ERR_NO_OBJS_FOUND);
	free(f.sel.nodes);
	return rc;
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
		rc = adm_job_wait(&j, IPC_CMD_STOP, ADM_STOP_TIMEOUT_MS,
				  NULL);
	if (rc)
		log_err("initiator reported error (%d - %s)", rc,
			iscsi_err_str(rc));
	return rc;
}
