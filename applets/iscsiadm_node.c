/* SPDX-License-Identifier: MIT */
/* iscsiadm_node.c - "iscsiadm -m node" on the node database: list (-P 0
 * "ip:port,tpgt target", -P 1 tree), -T/-p/-I select records, -o show
 * dumps them (-S shows secrets), -o new adds one per interface, -o update
 * applies every -n/-v pair to each selected record, -o delete removes
 * them.  Messages and exit codes are open-iscsi 2.1.8's; writes happen
 * under its database lock and replace files atomically. */
#include "applets/iscsiadm.h"
#include "applets/iscsiadm_session.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/fsutil.h"
#include "core/idbm_db.h"
#include "core/log.h"
#include "core/portal.h"
#include "core/sess_find.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *adm_conf_path(void)
{
	return access(CONFIG_ISCSID_CONF, R_OK) == 0 ? CONFIG_ISCSID_CONF :
						      NULL;
}

void adm_db_mkdir(const char *sub)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", idbm_root(), sub) <
	    sizeof(path))
		fs_mkdirs(path, 0700);
}

int adm_iface_get(const char *name, struct idbm_iface *iface)
{
	char path[PATH_MAX], msg[512] = "";
	int rc;

	if (!strcmp(name, "default") || !strcmp(name, "iser")) {
		idbm_iface_init(iface, name);
		return 0;
	}
	if (idbm_path_iface(path, sizeof(path), idbm_root(), name) ||
	    access(path, F_OK))
		return -ENOENT;
	rc = idbm_iface_read(path, iface, msg, sizeof(msg));
	if (rc)
		log_err_lines(msg);
	return rc ? -EIO : 0;
}

int adm_node_load(const struct idbm_loc *loc, struct idbm_node *n)
{
	char msg[1024] = "";
	int rc = idbm_node_load(loc, n, msg, sizeof(msg));

	if (rc)
		log_err_lines(msg);
	return rc;
}

void adm_node_print_tree(const char *target, const char *prev_target,
			 const struct portal *p, const char *iface)
{
	char buf[PORTAL_ADDR_MAX + 16];

	portal_format(p, buf, sizeof(buf));
	if (!prev_target || strcmp(prev_target, target))
		printf("Target: %s\n", target);
	printf("\tPortal: %s,%d\n\t\tIface Name: %s\n", buf, p->tpgt, iface);
}

/* What one node command acts on, and what it has done so far. */
struct adm_node_run {
	const struct adm_opts *o;
	struct portal p;
	int have_portal;
	const char *iface;	/* -I, the first one */
	struct idbm_sel sel;	/* -T, -p (its tpgt ignored), the first -I */
	struct idbm_edit *edit;	/* -o update by line edits, when it can */
	int matched;
	int err;		/* first failure of update/delete */
	struct sess_keys *sess;	/* -o delete: the sessions, read once */
	char prev[IDBM_TARGET_MAX];
	struct idbm_node n;
};

/* A legacy file names no iface: the record itself does. */
static const char *adm_loc_iface(struct adm_node_run *r,
				 const struct idbm_loc *loc)
{
	if (loc->iface[0])
		return loc->iface;
	if (adm_node_load(loc, &r->n))
		return NULL;
	return r->n.iface.name;
}

static int adm_node_list_cb(const struct idbm_loc *loc, void *arg)
{
	struct adm_node_run *r = arg;
	struct portal p;
	const char *iface;

	r->matched++;
	snprintf(p.addr, sizeof(p.addr), "%s", loc->address);
	p.port = loc->port;
	p.tpgt = loc->tpgt;
	if (r->o->print_level < 1) {
		char buf[PORTAL_ADDR_MAX + 16];

		portal_format(&p, buf, sizeof(buf));
		/* open-iscsi prints the tpgt unsigned: -1 is 4294967295 */
		printf("%s,%u %s\n", buf, (unsigned)loc->tpgt, loc->target);
		return 0;
	}
	iface = adm_loc_iface(r, loc);
	if (!iface)
		return 0;
	adm_node_print_tree(loc->target, r->matched > 1 ? r->prev : NULL, &p,
			    iface);
	snprintf(r->prev, sizeof(r->prev), "%s", loc->target);
	return 0;
}

static int adm_node_update(struct adm_node_run *r)
{
	const struct adm_opts *o = r->o;
	char msg[1024];
	int i, rc;

	for (i = 0; i < o->n_params; i++) {
		msg[0] = '\0';
		rc = idbm_rec_set(IDBM_KIND_NODE, &r->n, o->params[i].name,
				  o->params[i].value, IDBM_SET_USER, msg,
				  sizeof(msg));
		if (msg[0])
			log_err_lines(msg);
		if (rc)
			return rc;
	}
	msg[0] = '\0';
	rc = idbm_node_rewrite(idbm_root(), &r->n, msg, sizeof(msg));
	if (rc)
		log_err_lines(msg);
	return rc;
}

/* -o delete refuses a record a session is using, as open-iscsi does
 * (other records are still deleted): ISCSI_ERR_SESS_EXISTS, or 0. */
static int adm_node_in_use(const struct adm_node_run *r, const char *iface,
			   const char *target, const char *addr, int port)
{
	if (!sess_keys_find(r->sess, target, addr, port, iface))
		return 0;
	log_err("This command will remove the record [iface: %s, target: "
		"%s, portal: %s,%d], but a session is using it. Logout "
		"session then rerun command to remove record.", iface, target,
		addr, port);
	return ISCSI_ERR_SESS_EXISTS;
}

/* Update or delete without parsing the whole record: 0 when done (or
 * failed, r->err set), -EAGAIN when the record needs the full path.  A
 * legacy record names its iface only inside: -I needs the full path. */
static int adm_node_fast(struct adm_node_run *r, const struct idbm_loc *loc)
{
	char msg[1024] = "";
	int rc, changed;

	if (!loc->iface[0] && r->iface)
		return -EAGAIN;
	if (r->o->op & ADM_OP_DELETE) {
		/* a legacy file names its iface only inside */
		if (!loc->iface[0] && r->sess && sess_keys_find(r->sess,
		    loc->target, loc->address, loc->port, ""))
			return -EAGAIN;
		rc = adm_node_in_use(r, loc->iface, loc->target,
				     loc->address, loc->port);
		if (!rc) {
			rc = idbm_node_delete_loc(idbm_root(), loc, msg,
						  sizeof(msg));
			if (rc)
				log_err_lines(msg);
		}
	} else {
		if (!r->edit ||
		    idbm_edit_file(r->edit, loc->path, &changed) != 0)
			return -EAGAIN;	/* the full path says why */
		rc = 0;
	}
	r->matched++;
	if (rc && !r->err)
		r->err = rc;
	return 0;
}

static int adm_node_op_cb(const struct idbm_loc *loc, void *arg)
{
	struct adm_node_run *r = arg;
	char msg[1024] = "";
	char *dump;
	int rc;

	if ((r->o->op & (ADM_OP_UPDATE | ADM_OP_DELETE)) &&
	    adm_node_fast(r, loc) == 0)
		return 0;
	if (adm_node_load(loc, &r->n))
		return 0;
	if (r->iface && strcmp(r->iface, r->n.iface.name))
		return 0;
	r->matched++;
	if (r->o->op & ADM_OP_UPDATE) {
		rc = adm_node_update(r);
	} else if (r->o->op & ADM_OP_DELETE) {
		rc = adm_node_in_use(r, r->n.iface.name, r->n.name,
				     r->n.conn.address, r->n.conn.port);
		if (!rc)
			rc = idbm_node_delete(idbm_root(), &r->n, msg,
					      sizeof(msg));
		if (rc && msg[0])
			log_err_lines(msg);
	} else {
		dump = idbm_rec_format(IDBM_KIND_NODE, &r->n, IDBM_FMT_DUMP |
				       (r->o->show_secrets ? IDBM_FMT_SECRETS :
							     0), NULL);
		if (dump)
			fputs(dump, stdout);
		free(dump);
		rc = dump ? 0 : ISCSI_ERR_NOMEM;
	}
	if (rc && !r->err)
		r->err = rc;
	return 0;
}

/* -o new: one record per -I (or "default"), built-in defaults plus
 * iscsid.conf (always, even without iscsid: our deliberate difference). */
static int adm_node_new(struct adm_node_run *r, const struct idbm_iface *ifc)
{
	char path[PATH_MAX], msg[1024] = "";
	struct stat st;
	int rc;

	if (!r->o->target || !r->have_portal) {
		log_err("Error while adding record: ");
		return 0;
	}
	rc = idbm_node_new(&r->n, adm_conf_path(), r->o->target, r->p.addr,
			   r->p.port, r->p.tpgt, ifc, NULL, msg, sizeof(msg));
	if (!rc && r->p.tpgt >= 0 &&
	    !idbm_path_portal_dir(path, sizeof(path), idbm_root(),
				  r->o->target, r->p.addr, r->p.port, -1) &&
	    !lstat(path, &st) && S_ISREG(st.st_mode))
		unlink(path);	/* the legacy file gives way, as upstream */
	if (!rc)
		rc = idbm_node_write(idbm_root(), &r->n, msg, sizeof(msg));
	if (rc) {
		log_err_lines(msg);
		return rc;
	}
	printf("New iSCSI node [%s:[hw=%s,ip=%s,net_if=%s,iscsi_if=%s] "
	       "%s,%d,%d %s] added\n", ifc->transport_name, ifc->hwaddress,
	       ifc->ipaddress, ifc->netdev, ifc->name, r->n.conn.address,
	       r->n.conn.port, r->n.tpgt, r->n.name);
	return 0;
}

/* Keys a node update may never touch are refused before any record is
 * read, without the "all records" summary. */
static int adm_node_params_ok(const struct adm_opts *o)
{
	struct idbm_node *scratch = malloc(sizeof(*scratch));
	char msg[512];
	int i, rc = 0;

	if (!scratch)
		return ISCSI_ERR_NOMEM;
	idbm_node_init(scratch);
	for (i = 0; i < o->n_params && !rc; i++) {
		msg[0] = '\0';
		if (idbm_rec_set(IDBM_KIND_NODE, scratch, o->params[i].name,
				 o->params[i].value, IDBM_SET_USER, msg,
				 sizeof(msg)) &&
		    idbm_node_iface_only(scratch, o->params[i].name)) {
			log_err_lines(msg);
			rc = ISCSI_ERR_INVAL;
		}
	}
	free(scratch);
	return rc;
}

static int adm_node_locked(struct adm_node_run *r)
{
	const struct adm_opts *o = r->o;
	struct idbm_iface ifc;
	int rc;

	if (o->op & ADM_OP_NEW) {
		adm_db_mkdir("ifaces");
		if (adm_iface_get(r->iface ? r->iface : "default", &ifc))
			return ISCSI_ERR_NOMEM;
		return adm_node_new(r, &ifc);
	}
	/* an update rewrites every selected record: one sync for all of
	 * them instead of one fsync per file (see fs_batch_begin); the walk
	 * sweeps stale temp files once, under the lock */
	r->sel.sweep = !!(o->op & (ADM_OP_UPDATE | ADM_OP_DELETE));
	if (o->op & ADM_OP_UPDATE) {
		r->edit = idbm_edit_new(IDBM_KIND_NODE);
		for (int i = 0; r->edit && i < o->n_params; i++)
			if (idbm_edit_add(r->edit, o->params[i].name,
					  o->params[i].value)) {
				idbm_edit_delete(r->edit);
				r->edit = NULL;
			}
		fs_batch_begin(FS_BATCH_REPLACE);
	}
	if ((o->op & ADM_OP_DELETE) && !(r->sess = sess_keys_read(NULL)))
		return ISCSI_ERR_NOMEM;
	idbm_node_select(idbm_root(), &r->sel, adm_node_op_cb, r);
	idbm_edit_delete(r->edit);
	r->edit = NULL;
	sess_keys_free(r->sess);
	r->sess = NULL;
	if ((o->op & ADM_OP_UPDATE) && (rc = fs_batch_end(1)) && !r->err) {
		log_err("Could not write records: %s", errtext(-rc));
		r->err = ISCSI_ERR_IDBM;
	}
	if (!r->matched) {
		log_err("No records found");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	if (r->err && (o->op & (ADM_OP_UPDATE | ADM_OP_DELETE)))
		log_err("Could not execute operation on all records: %s",
			iscsi_err_str(r->err));
	return r->err;
}

int adm_node_iface_check(const struct adm_opts *o)
{
	struct idbm_iface ifc;

	if (o->n_ifaces > 1)
		log_err("NODE mode only accepts one interface. Using the "
			"first one driver  hwaddress  ipaddress .");
	/* open-iscsi makes the ifaces directory while looking */
	if (strcmp(o->ifaces[0], "default") && strcmp(o->ifaces[0], "iser"))
		adm_db_mkdir("ifaces");
	if (adm_iface_get(o->ifaces[0], &ifc)) {
		log_err("Could not read iface info for %s.", o->ifaces[0]);
		return ISCSI_ERR_NOMEM;
	}
	return 0;
}

static int adm_node_check(const struct adm_opts *o, struct adm_node_run *r)
{
	struct idbm_iface ifc;
	int op = o->op;

	if (o->print_level > 1) {
		log_err("Invalid info level %d. Try 0 or 1.", o->print_level);
		return ISCSI_ERR_INVAL;
	}
	if (o->n_ifaces) {
		r->iface = o->ifaces[0];
		if (adm_iface_get(r->iface, &ifc))
			return ISCSI_ERR_NOMEM;	/* said by the dispatch */
	}
	if (op && op != ADM_OP_NEW && op != ADM_OP_DELETE &&
	    op != ADM_OP_UPDATE && op != ADM_OP_SHOW) {
		log_err("operation is not supported.");
		return ISCSI_ERR_INVAL;
	}
	if (op == ADM_OP_UPDATE && !o->n_params) {
		log_err("update requires name and value");
		return ISCSI_ERR_INVAL;
	}
	if (op == ADM_OP_UPDATE)
		return adm_node_params_ok(o);
	return 0;
}

int adm_node(const struct adm_opts *o)
{
	struct adm_node_run *r = calloc(1, sizeof(*r));
	struct idbm_lock lk = { .depth = 0 };
	char msg[512] = "";
	int rc, write;

	if (!r)
		return ISCSI_ERR_NOMEM;
	r->o = o;
	if (o->stats || o->rescan) {
		rc = adm_sess_node_op(o);
		goto out;
	}
	rc = adm_node_check(o, r);
	if (rc)
		goto out;
	if (o->portal) {
		r->have_portal = portal_parse(o->portal, ISCSI_DEFAULT_PORT,
					      &r->p) == 0;
		if (!r->have_portal && !(o->op & ADM_OP_NEW)) {
			log_err("No records found");
			rc = ISCSI_ERR_NO_OBJS_FOUND;
			goto out;
		}
	}
	r->sel.target = o->target;
	r->sel.addr = r->have_portal ? r->p.addr : NULL;
	r->sel.port = r->p.port;
	r->sel.tpgt = IDBM_SEL_ANY;	/* open-iscsi ignores -p's ",tpgt" */
	r->sel.ifaces = o->ifaces;
	r->sel.n_ifaces = o->n_ifaces ? 1 : 0;	/* the first -I only */
	r->sel.legacy_iface = NULL;	/* checked on the record read */
	if (!o->op && !o->target && !o->portal && !o->n_ifaces) {
		idbm_node_foreach(idbm_root(), adm_node_list_cb, r);
		if (!r->matched)
			log_err("No records found");
		rc = r->matched ? 0 : ISCSI_ERR_NO_OBJS_FOUND;
		goto out;
	}
	write = o->op & (ADM_OP_NEW | ADM_OP_UPDATE | ADM_OP_DELETE);
	if (write) {
		rc = idbm_lock_acquire(&lk, IDBM_LOCK_DIR, IDBM_LOCK_TRIES, msg,
				       sizeof(msg));
		if (rc) {
			log_err_lines(msg);
			goto out;
		}
	}
	rc = adm_node_locked(r);
	idbm_lock_release(&lk);
out:
	free(r);
	return rc;
}
