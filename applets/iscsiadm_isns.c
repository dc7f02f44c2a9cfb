/* SPDX-License-Identifier: MIT */
/* iscsiadm_isns.c - "iscsiadm -m discovery -t isns -p IP[:PORT]" and
 * "-m discoverydb -t isns ... -D": ask an iSNS server (RFC 4171, via
 * core/isns_client) for the targets our initiator may see, once per iface,
 * then print, store and log in as open-iscsi 2.1.8 does:
 *   127.0.0.1:3260,1 iqn.2024-01.test:t1           (-P 0, server's order)
 *   Target: T / \tPortal: P / \t\tIface Name: I    (-P 1)
 * Node records get node.discovery_type isns and a link isns/T,IP,PORT,
 * TPGT,IFACE (inside isns/SERVER,PORT/ when a discoverydb record exists);
 * with -o delete (or no -o) records from the same server that it no
 * longer returns are deleted. */
#include "applets/iscsiadm.h"
#include "core/chap.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/isns_client.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/num.h"
#include "core/portal.h"
#include "core/sendtargets.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the run found: portal groups, each with the iface it came for. */
struct adm_isns_rec {
	struct isns_pg pg;
	int iface;		/* index into adm_isns_run.ifs.v */
};

struct adm_isns_run {
	const struct adm_opts *o;
	const struct idbm_disc *d;
	struct adm_disc_ifaces ifs;
	struct adm_isns_rec *r;
	size_t n;
};

static void adm_isns_portal(const struct adm_isns_rec *r, struct portal *p)
{
	snprintf(p->addr, sizeof(p->addr), "%s", r->pg.addr);
	p->port = (int)r->pg.port;
	p->tpgt = (int)r->pg.tag;
}

/* Why the exchange failed, in open-iscsi's (and libisns's) words. */
static void adm_isns_report(const struct isns_why *w, const char *iname)
{
	if (w->stage == ISNS_STAGE_REG) {
		log_err("Could not register %s with iSNS server: %s.", iname,
			isns_status_str(w->status));
		return;
	}
	if (w->stage == ISNS_STAGE_REQUERY &&
	    w->status == ISNS_SOURCE_UNKNOWN)
		return;
	/* libisns's own lines when the connection cannot be made */
	if (w->err == -ECONNREFUSED || w->err == -ECONNRESET) {
		fprintf(stderr, "socket disconnect, killing socket\n");
		fprintf(stderr, "Warning: Timed out while waiting for reply\n");
	}
	log_err("iSNS discovery failed: %s", isns_status_str(w->status));
}

/* Query for one iface (its initiator name, else the host's). */
static int adm_isns_query(struct adm_isns_run *run, struct loop *loop,
			  int k)
{
	struct config_initiator ini;
	struct isns_pg_list l;
	struct isns_why why;
	const char *iname = run->ifs.v[k].initiatorname;
	struct adm_isns_rec *nr;
	char msg[512];
	int rc;

	if (!iname[0]) {
		if (config_initiator_read(CONFIG_INITIATORNAME, &ini, msg,
					  sizeof(msg))) {
			log_err("Cannot perform discovery. Initiatorname "
				"required.");
			return ISCSI_ERR_ISCSID_NOTCONN;
		}
		iname = ini.name;
	}
	rc = isns_discover(loop, run->d->address, run->d->port, iname, &l,
			   &why);
	if (rc) {
		adm_isns_report(&why, iname);
		return rc;
	}
	nr = l.n ? realloc(run->r, (run->n + l.n) * sizeof(*nr)) : run->r;
	if (l.n && !nr) {
		isns_pg_list_free(&l);
		return ISCSI_ERR_NOMEM;
	}
	run->r = nr;
	for (size_t i = 0; i < l.n; i++) {
		nr[run->n].pg = l.pg[i];
		nr[run->n++].iface = k;
	}
	isns_pg_list_free(&l);
	return 0;
}

static void adm_isns_print(const struct adm_isns_run *run)
{
	char buf[PORTAL_ADDR_MAX + 16];
	struct adm_print_prev prev = { .have = 0 };
	struct portal p;

	if (run->o->print_level > 1 || run->o->print_level < -1)
		return;	/* as open-iscsi: neither flat nor tree */
	for (size_t i = 0; i < run->n; i++) {
		const struct adm_isns_rec *r = &run->r[i];

		adm_isns_portal(r, &p);
		if (run->o->print_level >= 1) {
			adm_disc_print_tree(&prev, r->pg.name, &p,
					    run->ifs.v[r->iface].name);
			continue;
		}
		portal_format(&p, buf, sizeof(buf));
		printf("%s,%d %s\n", buf, p.tpgt, r->pg.name);
	}
}

/* The flat link "isns/T,IP,PORT,TPGT,IFACE" a plain -m discovery made:
 * gone when the record is deleted, even once a discoverydb record for
 * the server exists (idbm_node_write moves it on a rewrite). */
static void adm_isns_unlink_flat(const struct idbm_node *n)
{
	char link[PATH_MAX];

	if ((size_t)snprintf(link, sizeof(link), "%s/isns/%s,%s,%d,%d,%s",
			     idbm_root(), n->name, n->conn.address,
			     n->conn.port, n->tpgt, n->iface.name) <
	    sizeof(link))
		unlink(link);
}

/* -o delete: records from this server (node.discovery_address/port,
 * type isns) that no iface's answer holds any more (any tpgt). */
static int adm_isns_stale(const struct idbm_loc *loc, void *arg)
{
	struct adm_isns_run *run = arg;
	struct idbm_node *n = malloc(sizeof(*n));
	char msg[512] = "";

	if (!n)
		return 0;
	if (adm_node_load(loc, n) || n->disc_type != IDBM_DISC_ISNS ||
	    n->disc_port != run->d->port ||
	    strcmp(n->disc_address, run->d->address))
		goto out;
	for (size_t i = 0; i < run->n; i++) {
		const struct adm_isns_rec *r = &run->r[i];

		if (!strcmp(r->pg.name, n->name) &&
		    !strcmp(r->pg.addr, n->conn.address) &&
		    (int)r->pg.port == n->conn.port &&
		    !strcmp(run->ifs.v[r->iface].name, n->iface.name))
			goto out;
	}
	adm_isns_unlink_flat(n);
	if (idbm_node_delete(idbm_root(), n, msg, sizeof(msg)))
		log_err_lines(msg);
out:
	free(n);
	return 0;
}

static void adm_isns_store(const struct adm_isns_run *run,
			   const struct adm_isns_rec *r, int op)
{
	struct portal p;

	adm_isns_portal(r, &p);
	adm_disc_save_node(run->d, r->pg.name, &p, &run->ifs.v[r->iface], op,
			   NULL);
}

static int adm_isns_save(struct adm_isns_run *run)
{
	struct idbm_lock lk = { .depth = 0 };
	int op = run->o->op & (ADM_OP_NEW | ADM_OP_UPDATE | ADM_OP_DELETE);
	char msg[512] = "";
	int rc;

	if (!op)
		op = ADM_OP_NEW | ADM_OP_UPDATE | ADM_OP_DELETE;
	rc = idbm_lock_acquire(&lk, IDBM_LOCK_DIR, IDBM_LOCK_TRIES, msg,
			       sizeof(msg));
	if (rc) {
		log_err_lines(msg);
		return rc;
	}
	if (op & ADM_OP_DELETE)
		idbm_node_foreach(idbm_root(), adm_isns_stale, run);
	for (size_t i = 0; i < run->n && (op & (ADM_OP_NEW | ADM_OP_UPDATE));
	     i++)
		adm_isns_store(run, &run->r[i], op);
	idbm_lock_release(&lk);
	return 0;
}

/* -l: the records just written, through the normal login path. */
static int adm_isns_login(const struct adm_isns_run *run)
{
	struct st_target *t = calloc(run->n, sizeof(*t));
	struct portal *p = calloc(run->n, sizeof(*p));
	struct st_list l = { .targets = t, .n = run->n };
	int rc = ISCSI_ERR_NOMEM;

	if (t && p) {
		for (size_t i = 0; i < run->n; i++) {
			t[i].name = (char *)run->r[i].pg.name;
			adm_isns_portal(&run->r[i], &p[i]);
			t[i].portals = &p[i];
			t[i].n_portals = 1;
		}
		fflush(stdout);
		rc = adm_login_discovered(run->o, &l, NULL);
	}
	free(t);
	free(p);
	return rc;
}

/* d: the discovery record (address, port of the server; type isns). */
int adm_isns(const struct adm_opts *o, const struct idbm_disc *d)
{
	struct adm_isns_run run = { .o = o, .d = d };
	struct loop *loop = loop_new();
	int rc = loop ? adm_disc_ifaces(o, &run.ifs) : ISCSI_ERR_NOMEM;

	if (!rc && !run.ifs.n) {
		rc = ISCSI_ERR_NO_OBJS_FOUND;	/* each said why */
		goto out;
	}
	for (int k = 0; !rc && k < run.ifs.n; k++)
		rc = adm_isns_query(&run, loop, k);
	if (rc) {
		log_err("Could not perform iSNS discovery: %s",
			iscsi_err_str(rc));
		goto out;
	}
	if (!run.n) {
		log_err("No portals found");
		rc = ISCSI_ERR_NO_OBJS_FOUND;
		goto out;
	}
	if (!(o->op & (ADM_OP_NONPERSISTENT | ADM_OP_SHOW)))
		rc = adm_isns_save(&run);
	adm_isns_print(&run);
	if (!rc && o->login && !(o->op & (ADM_OP_NONPERSISTENT | ADM_OP_SHOW)))
		rc = adm_isns_login(&run);
out:
	free(run.r);
	adm_disc_ifaces_free(&run.ifs);
	loop_delete(loop);
	return rc;
}
