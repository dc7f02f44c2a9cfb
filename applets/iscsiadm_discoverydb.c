/* SPDX-License-Identifier: MIT */
/* iscsiadm_discoverydb.c - discovery records in the node database, as
 * open-iscsi 2.1.8 keeps them:
 *   -m discovery|discoverydb          "ip:port via sendtargets|isns"
 *   -m discovery|discoverydb -P 1     SENDTARGETS/iSNS/STATIC/FIRMWARE tree
 *   -m discoverydb -t st -p P [-o new|update|delete|show]
 * and adm_disc_save(): what a SendTargets run leaves behind (st_config,
 * node records, send_targets links; stale records deleted). */
#include "applets/iscsiadm.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/fsutil.h"
#include "core/idbm_db.h"
#include "core/log.h"
#include "core/portal.h"
#include "core/sendtargets.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct adm_tree {
	const char *kind;	/* "sendtargets"/"isns" for -P 0 */
	int level;
	struct adm_print_prev prev;	/* .have: a record was printed */
	int disc_type;		/* STATIC section: node.discovery_type */
	const struct idbm_disc *from;	/* discovery record being listed */
};

/* One record of a -P 1 tree (adm_disc_print_tree). */
static void adm_tree_print(struct adm_tree *t, const struct idbm_loc *loc,
			   const char *iface)
{
	struct portal p;

	snprintf(p.addr, sizeof(p.addr), "%s", loc->address);
	p.port = loc->port;
	p.tpgt = loc->tpgt;
	adm_disc_print_tree(&t->prev, loc->target, &p, iface);
}

/* -P 1: under each discovery record, the node records (in directory
 * order) that say they came from it, as open-iscsi lists them. */
static int adm_tree_link(const struct idbm_loc *loc, void *arg)
{
	struct adm_tree *t = arg;
	struct idbm_node *n = malloc(sizeof(*n));

	if (n && !idbm_node_peek(loc, n, NULL, 0) &&
	    n->disc_type == t->from->type &&
	    !strcmp(n->disc_address, t->from->address) &&
	    n->disc_port == t->from->port)
		adm_tree_print(t, loc, n->iface.name);
	free(n);
	return 0;
}

static int adm_tree_disc(const struct idbm_disc *d, const char *dir,
			 void *arg)
{
	static const struct idbm_sel dir_order = { .dir_order = 1 };
	struct adm_tree *t = arg;
	struct adm_tree links = { .level = t->level, .from = d };

	(void)dir;
	if (t->level < 1) {
		printf("%s:%d via %s\n", d->address, d->port, t->kind);
		return 1;
	}
	printf("DiscoveryAddress: %s,%d\n", d->address, d->port);
	idbm_node_select(idbm_root(), &dir_order, adm_tree_link, &links);
	return 1;
}

static int adm_tree_static(const struct idbm_loc *loc, void *arg)
{
	struct adm_tree *t = arg;
	struct idbm_node *n = malloc(sizeof(*n));

	if (n && !adm_node_load(loc, n) && n->disc_type == t->disc_type)
		adm_tree_print(t, loc, n->iface.name);
	free(n);
	return 0;
}

static int adm_disc_list(int level)
{
	struct adm_tree t = { .level = level < 1 ? 0 : 1 };
	/* open-iscsi lists these records in directory order */
	static const struct idbm_sel dir_order = { .dir_order = 1 };
	static const struct {
		const char *title, *kind;
		enum idbm_disc_type type;
	} secs[] = {
		{ "SENDTARGETS:", "sendtargets", IDBM_DISC_SENDTARGETS },
		{ "iSNS:", "isns", IDBM_DISC_ISNS },
	};
	int found = 0, n;

	for (size_t i = 0; i < 2; i++) {
		t.kind = secs[i].kind;
		if (t.level)
			printf("%s\n", secs[i].title);
		n = i && t.level ? adm_isns_tree() :
				   idbm_disc_foreach(idbm_root(), secs[i].type,
						     adm_tree_disc, &t);
		if (!n && t.level)
			printf("No targets found.\n");
		found += n;
	}
	if (!t.level)
		return found ? 0 : ISCSI_ERR_NO_OBJS_FOUND;
	printf("STATIC:\n");
	t.prev.have = 0;
	t.disc_type = IDBM_DISC_STATIC;
	idbm_node_select(idbm_root(), &dir_order, adm_tree_static, &t);
	if (!t.prev.have)
		printf("No targets found.\n");
	found += t.prev.have;
	printf("FIRMWARE:\n");
	t.prev.have = 0;
	t.disc_type = IDBM_DISC_FW;
	idbm_node_select(idbm_root(), &dir_order, adm_tree_static, &t);
	if (!t.prev.have)
		printf("No targets found.\n");
	found += t.prev.have;
	return found ? 0 : ISCSI_ERR_NO_OBJS_FOUND;
}

struct adm_save {
	const struct st_list *found;	/* one per iface; NULL: delete all */
	const struct adm_disc_ifaces *ifs;	/* the ifaces of found[] */
	char dir[PATH_MAX];
};

static int adm_found(const struct st_list *l, const struct idbm_loc *loc)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct st_target *t = &l->targets[i];

		for (size_t j = 0; j < t->n_portals; j++)
			if (!strcmp(t->name, loc->target) &&
			    !strcmp(t->portals[j].addr, loc->address) &&
			    t->portals[j].port == loc->port &&
			    t->portals[j].tpgt == loc->tpgt)
				return 1;
	}
	return 0;
}

static int adm_stale_cb(const struct idbm_loc *loc, const char *name,
			void *arg)
{
	struct adm_save *s = arg;
	char link[PATH_MAX], msg[512] = "";

	for (int k = 0; s->found && k < s->ifs->n; k++)
		if (!strcmp(s->ifs->v[k].name, loc->iface) &&
		    adm_found(&s->found[k], loc))
			return 0;
	idbm_node_delete_at(idbm_root(), loc, msg, sizeof(msg));
	if (msg[0])
		log_err_lines(msg);
	/* a link whose record had other discovery data stays otherwise */
	if ((size_t)snprintf(link, sizeof(link), "%s/%s", s->dir, name) <
	    sizeof(link) && !s->found)
		unlink(link);
	return 0;
}

int adm_disc_save_node(const struct idbm_disc *d, const char *target,
		       const struct portal *p, const struct idbm_iface *ifc,
		       int op, const struct idbm_node *base)
{
	struct idbm_node *n = malloc(sizeof(*n));
	char path[PATH_MAX], msg[1024] = "";
	struct stat st;
	int rc = 0;

	if (!n)
		return ISCSI_ERR_NOMEM;
	if (base) {
		*n = *base;
		idbm_node_ident(n, target, p->addr, p->port, p->tpgt, ifc, d);
	} else {
		rc = idbm_node_new(n, adm_conf_path(), target, p->addr,
				   p->port, p->tpgt, ifc, d, msg, sizeof(msg));
	}
	if (!rc && !idbm_path_node(path, sizeof(path), idbm_root(), n) &&
	    !access(path, F_OK) && !(op & ADM_OP_UPDATE))
		goto out;	/* known record, no update asked */
	if (!rc && p->tpgt >= 0 &&
	    !idbm_path_portal_dir(path, sizeof(path), idbm_root(), target,
				  p->addr, p->port, -1) &&
	    !lstat(path, &st) && S_ISREG(st.st_mode))
		unlink(path);
	if (!rc)
		rc = idbm_node_write_relink(idbm_root(), n, msg, sizeof(msg));
	if (rc)
		log_err_lines(msg);
out:
	free(n);
	return rc;
}

int adm_disc_save(const struct adm_opts *o, const struct idbm_disc *d,
		  const struct st_list *lists,
		  const struct adm_disc_ifaces *ifs)
{
	int op = o->op & (ADM_OP_NEW | ADM_OP_UPDATE | ADM_OP_DELETE);
	struct adm_save s = { .found = lists, .ifs = ifs };
	struct idbm_node *base = NULL;
	char msg[1024] = "";
	int rc = 0, sync_rc, any = 0;

	if (!op)
		op = ADM_OP_NEW | ADM_OP_UPDATE | ADM_OP_DELETE;
	if ((op & ADM_OP_DELETE) &&
	    !idbm_disc_dir(s.dir, sizeof(s.dir), idbm_root(), d))
		idbm_disc_links(s.dir, adm_stale_cb, &s);
	if (!(op & (ADM_OP_NEW | ADM_OP_UPDATE)))
		return 0;
	/* iscsid.conf is read once for all the records (and only when
	 * there is one to write), not once a record */
	for (int k = 0; k < ifs->n; k++)
		for (size_t i = 0; i < lists[k].n; i++)
			any |= lists[k].targets[i].n_portals > 0;
	if (any) {
		if (!(base = malloc(sizeof(*base))))
			return ISCSI_ERR_NOMEM;
		rc = idbm_node_new(base, adm_conf_path(), "", "", 0, -1,
				   NULL, NULL, msg, sizeof(msg));
		if (rc) {
			log_err_lines(msg);
			free(base);
			return rc;
		}
	}
	/* many new records: one sync for all (fs_batch_begin) */
	fs_batch_begin(0);
	for (int k = 0; k < ifs->n; k++) {
		const struct st_list *l = &lists[k];

		for (size_t i = 0; i < l->n; i++)
			for (size_t j = 0; j < l->targets[i].n_portals; j++)
				if (!rc)
					rc = adm_disc_save_node(d,
						l->targets[i].name,
						&l->targets[i].portals[j],
						&ifs->v[k], op, base);
	}
	free(base);
	sync_rc = fs_batch_end(1);
	if (sync_rc && !rc) {
		log_err("Could not write records: %s", errtext(-sync_rc));
		rc = ISCSI_ERR_IDBM;
	}
	return rc;
}

static int adm_discdb_portal(const struct adm_opts *o, struct idbm_disc *d)
{
	char buf[PORTAL_ADDR_MAX + 16], *comma;
	int isns = o->type == ADM_DISC_ISNS;
	struct portal p;

	idbm_disc_init(d, isns ? IDBM_DISC_ISNS : IDBM_DISC_SENDTARGETS);
	if (o->portal) {
		snprintf(buf, sizeof(buf), "%s", o->portal);
		comma = strchr(buf, ',');
		if (comma)
			*comma = '\0';
	}
	if (!o->portal || portal_parse(buf, isns ? 3205 : ISCSI_DEFAULT_PORT,
				       &p) || strlen(p.addr) >=
					      sizeof(d->address)) {
		log_err("Please specify portal as <ipaddr>[:<ipport>]");
		return ISCSI_ERR_INVAL;
	}
	strcpy(d->address, p.addr);
	d->port = p.port;
	return 0;
}

static int adm_discdb_update(const struct adm_opts *o, struct idbm_disc *d)
{
	char msg[1024], *nl;
	int rc;

	if (!o->n_params && !o->discover) {	/* -D: update, then run */
		log_err("Update requires name and value.");
		return ISCSI_ERR_INVAL;
	}
	for (int i = 0; i < o->n_params; i++) {
		msg[0] = '\0';
		rc = idbm_rec_set(IDBM_KIND_DISC, d, o->params[i].name,
				  o->params[i].value, IDBM_SET_USER, msg,
				  sizeof(msg));
		if (rc) {
			/* upstream says only the first line here */
			nl = strchr(msg, '\n');
			if (nl)
				*nl = '\0';
			log_err_lines(msg);
			return rc;
		}
	}
	msg[0] = '\0';
	rc = idbm_disc_write(idbm_root(), d, msg, sizeof(msg));
	if (rc)
		log_err_lines(msg);
	return rc;
}

static int adm_discdb_delete(const struct idbm_disc *d, const char *path)
{
	struct adm_save s = { .found = NULL };

	snprintf(s.dir, sizeof(s.dir), "%s", path);
	*strrchr(s.dir, '/') = '\0';
	idbm_disc_links(s.dir, adm_stale_cb, &s);
	(void)d;
	unlink(path);
	rmdir(s.dir);
	return 0;
}

int adm_disc_defaults(struct idbm_disc *d, char *msg, size_t msgsz)
{
	const char *conf = adm_conf_path();
	char addr[IDBM_ADDR_MAX];
	int port = d->port, rc = 0;

	memcpy(addr, d->address, sizeof(addr));
	idbm_disc_init(d, (enum idbm_disc_type)d->type);
	if (conf)
		rc = config_apply_file(IDBM_KIND_DISC, d, conf, msg, msgsz);
	memcpy(d->address, addr, sizeof(addr));
	d->port = port;
	return rc;
}

/* -m discoverydb -t T -p P with -o new|update|delete|show (locked). */
static int adm_discdb_locked(const struct adm_opts *o, struct idbm_disc *d,
			     const char *path)
{
	char msg[1024] = "";
	char *dump;
	int rc, type = d->type;

	if (o->op & ADM_OP_NEW) {
		if (adm_disc_defaults(d, msg, sizeof(msg)) ||
		    idbm_disc_write(idbm_root(), d, msg, sizeof(msg))) {
			log_err_lines(msg);
			return ISCSI_ERR_IDBM;
		}
		if (!o->discover)
			printf("New discovery record for [%s,%d] added.\n",
			       d->address, d->port);
		return 0;
	}
	/* -D without a record runs with the defaults */
	if (o->discover && !(o->op & (ADM_OP_UPDATE | ADM_OP_DELETE)) &&
	    access(path, F_OK)) {
		if (adm_disc_defaults(d, msg, sizeof(msg)) ||
		    idbm_disc_write(idbm_root(), d, msg, sizeof(msg))) {
			log_err_lines(msg);
			return ISCSI_ERR_IDBM;
		}
		return 0;
	}
	if (access(path, F_OK) ||
	    idbm_disc_read(path, (enum idbm_disc_type)type, d, msg,
			   sizeof(msg))) {
		log_err("Discovery record [%s,%d] not found.", d->address,
			d->port);
		return ISCSI_ERR_IDBM;
	}
	if (o->op & ADM_OP_UPDATE)
		return adm_discdb_update(o, d);
	if (o->op & ADM_OP_DELETE)
		return adm_discdb_delete(d, path);
	if (o->discover)
		return 0;
	dump = idbm_rec_format(IDBM_KIND_DISC, d, IDBM_FMT_DUMP |
			       (o->show_secrets ? IDBM_FMT_SECRETS : 0), NULL);
	if (!dump)
		return ISCSI_ERR_NOMEM;
	fputs(dump, stdout);
	free(dump);
	rc = 0;
	return rc;
}

int adm_discdb_record(const struct adm_opts *o, struct idbm_disc *d)
{
	struct idbm_lock lk = { .depth = 0 };
	char path[PATH_MAX], msg[512] = "";
	int rc, op = o->op;

	rc = adm_discdb_portal(o, d);
	if (rc)
		return rc;
	if ((op & ADM_OP_NONPERSISTENT) ||
	    ((op & ADM_OP_SHOW) && (op & ~ADM_OP_SHOW)) ||
	    ((op & ADM_OP_UPDATE) && (op & ADM_OP_DELETE))) {
		log_err("Operation is not supported.");
		return ISCSI_ERR_INVAL;
	}
	if (idbm_path_disc(path, sizeof(path), idbm_root(), d)) {
		log_err("Please specify portal as <ipaddr>[:<ipport>]");
		return ISCSI_ERR_INVAL;
	}
	rc = idbm_lock_acquire(&lk, IDBM_LOCK_DIR, IDBM_LOCK_TRIES, msg,
			       sizeof(msg));
	if (rc) {
		log_err_lines(msg);
		return rc;
	}
	rc = adm_discdb_locked(o, d, path);
	idbm_lock_release(&lk);
	return rc;
}

int adm_discoverydb(const struct adm_opts *o)
{
	if (o->type == ADM_DISC_NONE) {
		if (o->portal) {
			log_err(o->op ? "Invalid command. Possibly missing "
					"discovery --type." :
					"Invalid command. Portal not needed "
					"or Possibly missing discovery "
					"--type.");
			return ISCSI_ERR_INVAL;
		}
		if (o->op) {
			log_err("Invalid operation. Operation not supported.");
			return ISCSI_ERR_INVAL;
		}
		return adm_disc_list(o->print_level);
	}
	return 0;
}
