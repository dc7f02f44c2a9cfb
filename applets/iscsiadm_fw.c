/* SPDX-License-Identifier: MIT */
/* iscsiadm_fw.c - the boot firmware's targets (iBFT) in iscsiadm:
 *   -m fw                  print each target's record (as iscsistart -f)
 *   -m fw -l [-W] [-n N -v V]  log in to each through iscsid, records
 *                          not stored (dracut: "-m fw -l -W")
 *   -m discovery|discoverydb -t fw [-P 1] [-I IFACE] [-o op] [-l]
 *                          (discoverydb only with -D)
 *                          "ADDR:PORT,1 TARGET" lines (or the -P 1 tree)
 *                          and node records with startup onboot, bound
 *                          to each -I, else each stored iface, else
 *                          "default", as open-iscsi 2.1.8.
 * No usable target: "Could not get list of targets from firmware. (err
 * 21)" (22 without /sys/firmware), after one line saying what was wrong
 * with the table when something was. */
#include "applets/iscsiadm.h"
#include "core/errors.h"
#include "core/fwboot.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/log.h"
#include "core/portal.h"
#include "transport/sysfs.h"
#include "transport/sysfs_ibft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fw_run {
	const struct adm_opts *o;
	struct ibft *t;
	struct fw_entry e[IBFT_MAX_TGTS];
	int n;
	struct idbm_iface *ifaces;	/* the discovery's ifaces */
	int n_ifaces;
};

static int fw_load(struct fw_run *r)
{
	char msg[512] = "";
	int err;

	r->t = malloc(sizeof(*r->t));
	if (!r->t)
		return ISCSI_ERR_NOMEM;
	if (sysfs_ibft_read(SYSFS_ROOT, r->t) == 0)
		r->n = fwboot_targets(r->t, r->e, IBFT_MAX_TGTS, msg,
				      sizeof(msg));
	fputs(msg, stdout);	/* open-iscsi prints these on stdout */
	if (r->n > 0)
		return 0;
	if (r->t->why[0])
		log_err("%s", r->t->why);
	err = access(SYSFS_ROOT "/firmware", F_OK) == 0 ?
		      ISCSI_ERR_NO_OBJS_FOUND : ISCSI_ERR_SYSFS_LOOKUP;
	log_err("Could not get list of targets from firmware. (err %d)", err);
	return err;
}

static int fw_print(const struct fw_run *r)
{
	char buf[4096];
	int i;

	for (i = 0; i < r->n; i++)
		if (fwboot_format(&r->e[i], buf, sizeof(buf)) > 0)
			fputs(buf, stdout);
	return 0;
}

/* The record open-iscsi makes of a firmware target: defaults and
 * iscsid.conf, the iface, then the firmware's values. */
static int fw_node(const struct fw_entry *e, const struct idbm_iface *ifc,
		   struct idbm_node *n)
{
	char msg[1024] = "";
	int rc;

	rc = idbm_node_new(n, adm_conf_path(), e->tgt->name, e->tgt->ip,
			   e->tgt->port < 0 ? 3260 : e->tgt->port, 1, ifc,
			   NULL, msg, sizeof(msg));
	if (rc) {
		log_err_lines(msg);
		return rc;
	}
	fwboot_node(e, n);
	return 0;
}

static int fw_login(const struct fw_run *r)
{
	const struct adm_opts *o = r->o;
	struct idbm_node *nodes = calloc((size_t)r->n, sizeof(*nodes));
	char msg[1024];
	int i, k, rc = 0;

	if (!nodes)
		return ISCSI_ERR_NOMEM;
	for (i = 0; i < r->n && !rc; i++) {
		rc = fw_node(&r->e[i], NULL, &nodes[i]);
		for (k = 0; k < o->n_params && !rc; k++) {
			msg[0] = '\0';
			rc = idbm_rec_set(IDBM_KIND_NODE, &nodes[i],
					  o->params[k].name, o->params[k].value,
					  IDBM_SET_USER, msg, sizeof(msg));
			if (rc)
				log_err_lines(msg);
		}
	}
	if (!rc)
		rc = adm_login_records(o, nodes, r->n, 0);
	free(nodes);
	return rc;
}

static int fw_add_iface(const struct idbm_iface *ifc, void *arg)
{
	struct fw_run *r = arg;

	if (!strcmp(ifc->name, "default") || !strcmp(ifc->name, "iser") ||
	    r->n_ifaces == ADM_MAX_IFACES)
		return 0;
	r->ifaces[r->n_ifaces++] = *ifc;
	return 0;
}

/* -I names, else the stored ifaces, else "default". */
static int fw_disc_ifaces(struct fw_run *r)
{
	const struct adm_opts *o = r->o;
	int i;

	r->ifaces = calloc(ADM_MAX_IFACES, sizeof(*r->ifaces));
	if (!r->ifaces)
		return ISCSI_ERR_NOMEM;
	for (i = 0; i < o->n_ifaces; i++) {
		if (adm_iface_get(o->ifaces[i], &r->ifaces[r->n_ifaces])) {
			log_err("Could not read iface info for %s. Make sure "
				"an iface config with the file name and "
				"iface.iscsi_ifacename %s is in "
				"/etc/iscsi/ifaces.", o->ifaces[i],
				o->ifaces[i]);
			return ISCSI_ERR_NO_OBJS_FOUND;
		}
		r->n_ifaces++;
	}
	if (!r->n_ifaces)
		adm_iface_foreach(fw_add_iface, r);
	if (!r->n_ifaces)
		adm_iface_get("default", &r->ifaces[r->n_ifaces++]);
	return 0;
}

static int fw_discovery(struct fw_run *r)
{
	const struct adm_opts *o = r->o;
	int persist = !(o->op & (ADM_OP_NONPERSISTENT | ADM_OP_SHOW));
	struct idbm_node *nodes = NULL;
	char msg[1024], buf[PORTAL_ADDR_MAX + 16];
	int n = 0, i, k, rc;
	struct portal p;

	rc = fw_disc_ifaces(r);
	if (!rc) {
		nodes = calloc((size_t)(r->n * r->n_ifaces), sizeof(*nodes));
		if (!nodes)
			rc = ISCSI_ERR_NOMEM;
	}
	for (k = 0; k < r->n_ifaces && !rc; k++) {
		for (i = 0; i < r->n && !rc; i++, n++) {
			struct idbm_node *nd = &nodes[n];

			rc = fw_node(&r->e[i], &r->ifaces[k], nd);
			msg[0] = '\0';
			if (!rc && persist &&
			    idbm_node_write(idbm_root(), nd, msg, sizeof(msg))) {
				log_err_lines(msg);
				rc = ISCSI_ERR_IDBM;
			}
			if (rc)
				break;
			snprintf(p.addr, sizeof(p.addr), "%s", nd->conn.address);
			p.port = nd->conn.port;
			p.tpgt = nd->tpgt;
			if (o->print_level >= 1) {
				adm_node_print_tree(nd->name, n && i ?
					nodes[n - 1].name : NULL, &p,
					nd->iface.name);
			} else {
				portal_format(&p, buf, sizeof(buf));
				printf("%s,%d %s\n", buf, p.tpgt, nd->name);
			}
		}
	}
	if (!rc && o->login) {
		fflush(stdout);
		rc = adm_login_records(o, nodes, n, 0);
	}
	free(nodes);
	return rc;
}

int adm_fw(const struct adm_opts *o)
{
	struct fw_run r;
	int rc;

	if (o->mode == ADM_MODE_DISCOVERYDB && !o->discover) {
		log_err("Invalid command. Possibly missing --discover "
			"argument.");
		return ISCSI_ERR_INVAL;
	}
	memset(&r, 0, sizeof(r));
	r.o = o;
	rc = fw_load(&r);
	if (!rc) {
		if (o->mode != ADM_MODE_FW)
			rc = fw_discovery(&r);
		else if (o->login)
			rc = fw_login(&r);
		else
			rc = fw_print(&r);
	}
	free(r.ifaces);
	free(r.t);
	return rc;
}
