/* SPDX-License-Identifier: MIT */
/* iscsiadm_discovery.c - "iscsiadm -m discovery|discoverydb": run
 * SendTargets discovery in this process (no iscsid, no kernel module
 * needed) and print the portals found as open-iscsi prints them:
 *   127.0.0.1:3260,1 iqn.2024-01.test.local:disk1      (-P 0)
 *   Target: T / \tPortal: P / \t\tIface Name: I        (-P 1) */
#include "applets/iscsiadm.h"
#include "core/chap.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/isns.h"
#include "core/kdisc.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/negotiate.h"
#include "core/nodecfg.h"
#include "core/portal.h"
#include "core/rng.h"
#include "core/sendtargets.h"
#include "core/usession.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void adm_disc_print_tree(struct adm_print_prev *prev, const char *target,
			 const struct portal *q, const char *iface)
{
	char portal[PORTAL_ADDR_MAX + 16];

	if (!prev->have || strcmp(prev->target, target)) {
		printf("Target: %s\n", target);
		prev->portal.addr[0] = '\0';
	}
	if (!prev->have || prev->portal.port != q->port ||
	    strcmp(prev->portal.addr, q->addr)) {
		portal_format(q, portal, sizeof(portal));
		printf("\tPortal: %s,%d\n", portal, q->tpgt);
	}
	printf("\t\tIface Name: %s\n", iface);
	snprintf(prev->target, sizeof(prev->target), "%s", target);
	prev->portal = *q;
	prev->have = 1;
}

static void adm_print_results(const struct st_list *l, int level,
			      const char *iface, struct adm_print_prev *prev)
{
	char portal[PORTAL_ADDR_MAX + 16];
	size_t i, j;

	if (level > 1 || level < -1)
		return;	/* as open-iscsi: neither flat nor tree */
	for (i = 0; i < l->n; i++) {
		const struct st_target *t = &l->targets[i];

		for (j = 0; j < t->n_portals; j++) {
			const struct portal *q = &t->portals[j];

			if (level >= 1) {
				adm_disc_print_tree(prev, t->name, q, iface);
				continue;
			}
			portal_format(q, portal, sizeof(portal));
			printf("%s,%d %s\n", portal, q->tpgt, t->name);
		}
	}
}

/* Why a discovery session failed, in open-iscsi 2.1.8's words (the
 * numbers after "giving up" are its login status codes: 2 failed,
 * 4 negotiation failed, 5 authentication failed). */
static void adm_disc_report(const struct usess_result *r, const char *host,
			    int active_timeout)
{
	const char *addr = r->connected_addr[0] ? r->connected_addr : host;

	switch (r->fail) {
	case USESS_FAIL_RESOLVE:
		log_err("Cannot resolve host %s. getaddrinfo error: [%s]", host,
			portal_strerror(r->gai_err));
		log_err("cannot resolve host name %s", host);
		log_err("cannot resolve host name %s", host);
		break;
	case USESS_FAIL_CONNECT:
		break;	/* said while retrying */
	case USESS_FAIL_CLOSED:
		log_err("Connection to Discovery Address %s closed", addr);
		break;
	case USESS_FAIL_LOGIN_TIMEOUT:
		log_err("Login response timeout. Waited %d seconds and did "
			"not get response PDU.", active_timeout);
		log_err("discovery login to %s failed, giving up 2", addr);
		break;
	case USESS_FAIL_LOGIN:
		if (r->login_kind == LOGIN_FAIL_AUTH) {
			/* Discovery sessions have no target name, hence
			 * open-iscsi's "target " with nothing after it. */
			log_err("failing authentication, %s ", r->reason);
			log_err("Login authentication failed with target , "
				"Authentication request failed");
			log_err("discovery login to %s failed, giving up 5",
				addr);
		} else if (r->login_kind == LOGIN_FAIL_STATUS &&
			   r->status_class == 2 &&
			   (r->status_detail == 1 || r->status_detail == 2)) {
			log_err("Login failed to authenticate with target ");
			log_err("discovery login to %s rejected: initiator "
				"failed authorization", addr);
		} else if (r->login_kind == LOGIN_FAIL_STATUS) {
			log_err("discovery login to %s rejected: %s", addr,
				login_status_text(r->status_class,
						  r->status_detail));
		} else {
			log_err("%s", r->reason);
			log_err("discovery login to %s failed, giving up 4",
				addr);
		}
		break;
	default:
		if (r->reason[0])
			log_err("discovery session to %s failed: %s", addr,
				r->reason);
		break;
	}
}

/* The discovery record this run uses: built-in defaults, iscsid.conf,
 * then -n/-v (open-iscsi applies iscsid.conf only through iscsid; we
 * always do). */
static int adm_disc_record(const struct adm_opts *o, const struct portal *p,
			   struct idbm_disc *d)
{
	char msg[1024];
	int i, rc;

	idbm_disc_init(d, IDBM_DISC_SENDTARGETS);
	msg[0] = '\0';
	if (access(CONFIG_ISCSID_CONF, R_OK) == 0 &&
	    config_apply_file(IDBM_KIND_DISC, d, CONFIG_ISCSID_CONF, msg,
			      sizeof(msg)) != 0) {
		log_err_lines(msg);
		return ISCSI_ERR_IDBM;
	}
	if (strlen(p->addr) >= sizeof(d->address)) {
		log_err("Please specify portal as <ipaddr>[:<ipport>]");
		return ISCSI_ERR_INVAL;
	}
	memcpy(d->address, p->addr, strlen(p->addr) + 1);
	d->port = p->port;
	for (i = 0; i < o->n_params; i++) {
		msg[0] = '\0';
		rc = idbm_rec_set(IDBM_KIND_DISC, d, o->params[i].name,
				  o->params[i].value, IDBM_SET_USER, msg,
				  sizeof(msg));
		if (msg[0])
			log_err_lines(msg);
		if (rc)
			return rc;
	}
	return 0;
}

/* Whether this run writes the database (open-iscsi: every -o except
 * nonpersistent and show; a discoverydb -D without -o too). */
static int adm_disc_persist(const struct adm_opts *o)
{
	return !(o->op & (ADM_OP_NONPERSISTENT | ADM_OP_SHOW));
}

/* -m discovery: the record is rewritten before the run, as upstream. */
static int adm_disc_store(const struct adm_opts *o, struct idbm_disc *d)
{
	struct idbm_lock lk = { .depth = 0 };
	struct idbm_disc rec = *d;
	char msg[1024] = "";
	int rc;

	if (o->mode != ADM_MODE_DISCOVERY || !adm_disc_persist(o))
		return 0;
	rc = idbm_lock_acquire(&lk, IDBM_LOCK_DIR, IDBM_LOCK_TRIES, msg,
			       sizeof(msg));
	if (!rc)
		rc = adm_disc_defaults(&rec, msg, sizeof(msg));
	if (!rc)
		rc = idbm_disc_write(idbm_root(), &rec, msg, sizeof(msg));
	idbm_lock_release(&lk);
	if (rc)
		log_err_lines(msg);
	chap_wipe(&rec.auth, sizeof(rec.auth));
	return rc;
}

static int adm_disc_keep(const struct adm_opts *o, const struct idbm_disc *d,
			 const struct st_list *lists,
			 const struct adm_disc_ifaces *ifs)
{
	struct idbm_lock lk = { .depth = 0 };
	char msg[512] = "";
	int rc;

	if (!adm_disc_persist(o))
		return 0;
	rc = idbm_lock_acquire(&lk, IDBM_LOCK_DIR, IDBM_LOCK_TRIES, msg,
			       sizeof(msg));
	if (rc) {
		log_err_lines(msg);
		return rc;
	}
	rc = adm_disc_save(o, d, lists, ifs);
	idbm_lock_release(&lk);
	return rc;
}

/* One SendTargets exchange through iface ifc (its binding and its
 * iface.initiatorname, else initiatorname.iscsi's); the targets go to
 * *list.  Failures are reported here, as open-iscsi words them. */
static int adm_st_via(const struct idbm_disc *d,
		      const struct idbm_iface *ifc, const struct portal *p,
		      struct loop *loop, struct rng *rng, struct st_list *list)
{
	struct config_initiator ini;
	struct usess_cfg u;
	struct usess_result res;
	char msg[512];
	const char *why = "";
	int rc;

	if (ifc->initiatorname[0])
		snprintf(ini.name, sizeof(ini.name), "%s", ifc->initiatorname);
	else if (config_initiator_read(CONFIG_INITIATORNAME, &ini, msg,
				       sizeof(msg)) != 0) {
		log_err("Cannot perform discovery. Initiatorname required.");
		log_err("Could not perform SendTargets discovery: %s",
			iscsi_err_str(ISCSI_ERR_ISCSID_NOTCONN));
		return ISCSI_ERR_ISCSID_NOTCONN;
	}
	rc = nodecfg_disc(&u, d, ifc, ini.name, p, &why);
	if (rc) {
		log_err("%s", why);
		log_err("Could not perform SendTargets discovery: %s",
			iscsi_err_str(rc));
		return rc;
	}
	/* iser: through the kernel, as open-iscsi (core/kdisc.c) */
	if (ifc->transport_name[0] && strcmp(ifc->transport_name, "tcp"))
		rc = kdisc_run(loop, rng, &u, ifc->transport_name, ifc->name,
			       &res);
	else
		rc = usess_run(loop, rng, &u, &res);
	if (rc) {
		adm_disc_report(&res, p->addr, (int)d->active_timeout);
		log_err("Could not perform SendTargets discovery: %s",
			iscsi_err_str(rc));
		return rc;
	}
	rc = sendtargets_parse(res.text, res.text_len, p->addr, p->port,
			       list, &why);
	usess_result_free(&res);
	if (rc < 0) {
		log_err("bad SendTargets response from %s: %s", p->addr, why);
		log_err("Could not perform SendTargets discovery: %s",
			iscsi_err_str(ISCSI_ERR_PDU_TIMEOUT));
		return ISCSI_ERR_PDU_TIMEOUT;
	}
	return 0;
}

static int adm_sendtargets(const struct adm_opts *o, const struct portal *p,
			   const struct idbm_disc *rec)
{
	struct idbm_disc d;
	struct st_list *lists = NULL;
	struct adm_print_prev prev = { .have = 0 };
	struct adm_disc_ifaces ifs;
	struct loop *loop = NULL;
	struct rng *rng = NULL;
	size_t n = 0;
	int rc, k;

	/* the ifaces first: none readable, nothing is done (21) */
	rc = adm_disc_ifaces(o, &ifs);
	if (!rc && !ifs.n)
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	if (!rc && rec)
		d = *rec;
	else if (!rc)
		rc = adm_disc_record(o, p, &d);
	if (!rc)
		rc = adm_disc_store(o, &d);
	if (rc) {
		adm_disc_ifaces_free(&ifs);
		return rc;
	}
	loop = loop_new();
	rng = rng_new();
	lists = calloc((size_t)ifs.n, sizeof(*lists));
	if (!loop || !rng || !lists) {
		rc = ISCSI_ERR_NOMEM;
		goto out;
	}
	/* As open-iscsi: the exchange runs through each iface in turn, each
	 * bound to its own NIC and speaking with its own initiator name;
	 * each iface's records follow its own answer (a target may show
	 * one name what it hides from another), and the first failure ends
	 * the run with nothing printed or stored. */
	for (k = 0; !rc && k < ifs.n; k++)
		rc = adm_st_via(&d, &ifs.v[k], p, loop, rng, &lists[k]);
	/* nothing found: said before any stale record is deleted */
	for (k = 0, n = 0; !rc && k < ifs.n; k++)
		for (size_t i = 0; i < lists[k].n; i++)
			n += lists[k].targets[i].n_portals;
	if (!rc && !n) {
		log_err("No portals found");
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	}
	if (!rc)
		rc = adm_disc_keep(o, &d, lists, &ifs);
	for (k = 0; !rc && k < ifs.n; k++)
		adm_print_results(&lists[k], o->print_level, ifs.v[k].name,
				  &prev);
	/* -l logs in to what was found; the records must be on disk. */
	if (!rc && o->login && adm_disc_persist(o)) {
		fflush(stdout);
		rc = adm_login_discovered(o, lists, &ifs);
	}
out:
	for (k = 0; lists && k < ifs.n; k++)
		st_list_free(&lists[k]);
	free(lists);
	adm_disc_ifaces_free(&ifs);
	chap_wipe(&d.auth, sizeof(d.auth));
	rng_delete(rng);
	loop_delete(loop);
	return rc;
}

static int adm_portal_arg(const char *s, int dflt, struct portal *p)
{
	/* -p takes no ",tpgt" here; open-iscsi ignores anything after a
	 * comma in a discovery portal. */
	char buf[PORTAL_ADDR_MAX + 16];
	char *comma;

	snprintf(buf, sizeof(buf), "%s", s);
	comma = strchr(buf, ',');
	if (comma)
		*comma = '\0';
	return portal_parse(buf, dflt, p);
}

/* -m discovery -p P without -t: the SendTargets record of P, shown
 * (-o show or none), deleted, or run again with -l/-D (not rewritten). */
static int adm_disc_stored(const struct adm_opts *o, const struct portal *p)
{
	struct adm_opts q = *o;
	struct idbm_disc d;
	char path[PATH_MAX], msg[512] = "";
	int rc;

	idbm_disc_init(&d, IDBM_DISC_SENDTARGETS);
	if (strlen(p->addr) >= sizeof(d.address)) {
		log_err("Please specify portal as <ipaddr>[:<ipport>]");
		return ISCSI_ERR_INVAL;
	}
	memcpy(d.address, p->addr, strlen(p->addr) + 1);
	d.port = p->port;
	if (idbm_path_disc(path, sizeof(path), idbm_root(), &d) ||
	    access(path, F_OK) ||
	    idbm_disc_read(path, IDBM_DISC_SENDTARGETS, &d, msg,
			   sizeof(msg))) {
		log_err("Discovery record [%s,%d] not found!", p->addr,
			p->port);
		return ISCSI_ERR_INVAL;
	}
	q.mode = ADM_MODE_DISCOVERYDB;
	q.type = ADM_DISC_ST;
	if (o->discover || o->login) {
		rc = adm_sendtargets(&q, p, &d);
	} else if (!o->op || o->op == ADM_OP_SHOW ||
		   o->op == ADM_OP_DELETE) {
		q.op = o->op ? o->op : ADM_OP_SHOW;
		rc = adm_discdb_record(&q, &d);
		if (rc && o->op == ADM_OP_DELETE)
			log_err("Unable to delete record!");
	} else if (o->op == ADM_OP_UPDATE || o->op == ADM_OP_NEW) {
		log_err("Operations new and update for discovery mode is not "
			"supported. Use discoverydb mode.");
		rc = ISCSI_ERR_INVAL;
	} else {
		log_err("Invalid operation.");
		rc = ISCSI_ERR_INVAL;
	}
	chap_wipe(&d.auth, sizeof(d.auth));
	return rc;
}

int adm_discovery(const struct adm_opts *o)
{
	struct portal p;

	if (o->mode == ADM_MODE_DISCOVERYDB && (o->type == ADM_DISC_ST ||
					       o->type == ADM_DISC_ISNS)) {
		struct idbm_disc d;
		int rc = adm_discdb_record(o, &d);

		if (rc || !o->discover)
			return rc;
		snprintf(p.addr, sizeof(p.addr), "%s", d.address);
		p.port = d.port;
		p.tpgt = PORTAL_TPGT_UNKNOWN;
		rc = o->type == ADM_DISC_ISNS ? adm_isns(o, &d) :
						adm_sendtargets(o, &p, &d);
		chap_wipe(&d.auth, sizeof(d.auth));
		return rc;
	}
	if (o->mode == ADM_MODE_DISCOVERYDB && o->type == ADM_DISC_NONE)
		return adm_discoverydb(o);
	switch (o->type) {
	case ADM_DISC_ST:
		if (!o->portal || adm_portal_arg(o->portal, ISCSI_DEFAULT_PORT, &p) < 0) {
			log_err("Please specify portal as "
				"<ipaddr>[:<ipport>]");
			return ISCSI_ERR_INVAL;
		}
		return adm_sendtargets(o, &p, NULL);
	case ADM_DISC_ISNS: {
		struct idbm_disc d;

		if (!o->portal || adm_portal_arg(o->portal, ISNS_DEFAULT_PORT,
						 &p) < 0 ||
		    strlen(p.addr) >= sizeof(d.address)) {
			log_err("Please specify portal as "
				"<ipaddr>:[<ipport>]");
			return ISCSI_ERR_INVAL;
		}
		idbm_disc_init(&d, IDBM_DISC_ISNS);
		memcpy(d.address, p.addr, strlen(p.addr) + 1);
		d.port = p.port;
		return adm_isns(o, &d);
	}
	case ADM_DISC_SLP:
		log_err("SLP discovery is not fully implemented yet.");
		return ISCSI_ERR_INVAL;
	case ADM_DISC_FW:
		return adm_fw(o);
	case ADM_DISC_NONE:
		break;
	}
	if (o->portal) {
		if (adm_portal_arg(o->portal, ISCSI_DEFAULT_PORT, &p) < 0) {
			log_err("Please specify portal as "
				"<ipaddr>[:<ipport>]");
			return ISCSI_ERR_INVAL;
		}
		return adm_disc_stored(o, &p);
	}
	if (o->op) {
		log_err("Invalid operation.");
		return ISCSI_ERR_INVAL;
	}
	return adm_discoverydb(o);
}
