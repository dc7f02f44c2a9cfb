/* SPDX-License-Identifier: MIT */
/* iscsiadm_iface.c - "iscsiadm -m iface": interface records in
 * <db>/ifaces/<name> plus the built-in "default" (tcp) and "iser"
 * (which -o new/update/delete refuse).
 *   list    "name transport,hwaddress,ipaddress,netdev,initiatorname",
 *           stored ifaces sorted by name, then the built-ins
 *   -P 1    each iface with the targets and portals bound to it
 *   -I N    dump; -o new|update|delete as open-iscsi 2.1.8 does,
 *           including deleting the node records bound to a deleted iface
 *           (even, as upstream does, for the built-ins it then refuses). */
#include "applets/iscsiadm.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/idbm_db.h"
#include "core/ifbind.h"
#include "core/log.h"
#include "core/portal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int adm_iface_builtin(const char *name)
{
	return !strcmp(name, "default") || !strcmp(name, "iser");
}

static const char *adm_or_empty(const char *s)
{
	return s[0] ? s : "<empty>";
}

struct adm_iface_each {
	int (*cb)(const struct idbm_iface *, void *);
	void *arg;
	struct idbm_iface ifc;
};

static int adm_iface_each_stored(const char *name, void *arg)
{
	struct adm_iface_each *e = arg;

	if (adm_iface_builtin(name) || adm_iface_get(name, &e->ifc))
		return 0;
	return e->cb(&e->ifc, e->arg);
}

/* Call cb for the stored ifaces (sorted, as upstream lists them), then
 * the built-ins. */
int adm_iface_foreach(int (*cb)(const struct idbm_iface *, void *),
			     void *arg)
{
	struct adm_iface_each *e = malloc(sizeof(*e));
	int rc;

	if (!e)
		return ISCSI_ERR_NOMEM;
	e->cb = cb;
	e->arg = arg;
	rc = idbm_iface_foreach(idbm_root(), adm_iface_each_stored, e);
	if (rc < 0)
		rc = 0;
	if (!rc) {
		idbm_iface_init(&e->ifc, "default");
		rc = cb(&e->ifc, arg);
	}
	if (!rc) {
		idbm_iface_init(&e->ifc, "iser");
		rc = cb(&e->ifc, arg);
	}
	free(e);
	return rc;
}

static int adm_iface_line(const struct idbm_iface *i, void *arg)
{
	(void)arg;
	printf("%s %s,%s,%s,%s,%s\n", i->name, adm_or_empty(i->transport_name),
	       adm_or_empty(i->hwaddress), adm_or_empty(i->ipaddress),
	       adm_or_empty(i->netdev), adm_or_empty(i->initiatorname));
	return 0;
}

struct adm_iface_tree {
	const char *name;
	char prev[IDBM_TARGET_MAX];
	int del;		/* delete instead of print */
	const struct idbm_iface *upd;	/* or rewrite with these values */
	int err;
};

static int adm_iface_node_cb(const struct idbm_loc *loc, void *arg)
{
	struct adm_iface_tree *t = arg;
	struct idbm_node *n;
	struct portal p;
	char buf[PORTAL_ADDR_MAX + 16], msg[512] = "";

	if (loc->iface[0] && strcmp(loc->iface, t->name))
		return 0;
	n = malloc(sizeof(*n));
	if (!n)
		return ISCSI_ERR_NOMEM;
	if (adm_node_load(loc, n) || strcmp(n->iface.name, t->name))
		goto out;
	if (t->upd)
		n->iface = *t->upd;
	if (t->del || t->upd) {
		if ((t->del ? idbm_node_delete : idbm_node_write)(
			    idbm_root(), n, msg, sizeof(msg))) {
			log_err_lines(msg);
			t->err = ISCSI_ERR_IDBM;
		}
		goto out;
	}
	if (strcmp(t->prev, loc->target))
		printf("\tTarget: %s\n", loc->target);
	snprintf(t->prev, sizeof(t->prev), "%s", loc->target);
	snprintf(p.addr, sizeof(p.addr), "%s", loc->address);
	p.port = loc->port;
	portal_format(&p, buf, sizeof(buf));
	printf("\t\tPortal: %s,%d\n", buf, loc->tpgt);
out:
	free(n);
	return 0;
}

static int adm_iface_tree(const struct idbm_iface *i, void *arg)
{
	struct adm_iface_tree t = { .name = i->name };

	(void)arg;
	printf("Iface: %s\n", i->name);
	return idbm_node_foreach(idbm_root(), adm_iface_node_cb, &t);
}

static int adm_iface_show(const struct adm_opts *o, const char *name)
{
	struct idbm_iface ifc;
	char *dump;

	if (adm_iface_get(name, &ifc)) {
		fprintf(stderr, "iSCSI ERROR: Failed to open %s/ifaces/%s "
			"using read mode: 2 No such file or directory # "
			"idbm.c:_idbm_recs_read():834\n", idbm_root(), name);
		return ISCSI_ERR_IDBM;
	}
	if (o->print_level == 1)
		return adm_iface_tree(&ifc, NULL);
	dump = idbm_rec_format(IDBM_KIND_IFACE, &ifc, IDBM_FMT_DUMP |
			       (o->show_secrets ? IDBM_FMT_SECRETS : 0), NULL);
	if (!dump)
		return ISCSI_ERR_NOMEM;
	fputs(dump, stdout);
	free(dump);
	return 0;
}

static int adm_iface_save(const struct idbm_iface *ifc)
{
	char msg[512] = "";
	int rc = idbm_iface_write(idbm_root(), ifc, msg, sizeof(msg));

	if (rc)
		log_err_lines(msg);
	return rc;
}

static int adm_iface_new(const char *name)
{
	struct idbm_iface ifc;

	if (adm_iface_builtin(name)) {
		log_err("iface %s is a special interface and is not stored "
			"in %s/ifaces.", name, idbm_root());
		log_err("Could not create new interface %s.", name);
		return ISCSI_ERR_INVAL;
	}
	idbm_iface_init(&ifc, name);
	if (adm_iface_save(&ifc))
		return ISCSI_ERR_IDBM;
	printf("%s updated.\nNew interface %s added\n", name, name);
	return 0;
}

/* open-iscsi will not turn a MAC binding into a name binding or back:
 * the change it refuses, or NULL. */
static const char *adm_iface_rebind(const struct idbm_iface *i,
				    const char *key)
{
	if (!strcmp(key, "iface.net_ifacename") &&
	    ifbind_is_set(i->hwaddress))
		return "hwaddress to net_ifacename";
	if (!strcmp(key, "iface.hwaddress") && ifbind_is_set(i->netdev))
		return "net_ifacename to hwaddress";
	return NULL;
}

/* A refused key is reported but, as upstream, exits 0. */
static int adm_iface_update(const struct adm_opts *o, const char *name)
{
	struct adm_iface_tree t = { .name = name };
	struct idbm_iface ifc;
	char msg[512];
	int i;

	if (adm_iface_builtin(name)) {
		/* refused, yet exit 0, as upstream */
		log_err("iface %s is a special interface and cannot be "
			"modified.", name);
		log_err("Could not update iface %s: %s", name,
			iscsi_err_str(ISCSI_ERR_INVAL));
		return 0;
	}
	if (adm_iface_get(name, &ifc)) {
		log_err("Could not read iface info for %s.", name);
		return ISCSI_ERR_INVAL;
	}
	for (i = 0; i < o->n_params; i++) {
		const char *re = adm_iface_rebind(&ifc, o->params[i].name);

		msg[0] = '\0';
		if (re)
			snprintf(msg, sizeof(msg), "Can not update interface "
				 "binding from %s. You must delete the "
				 "interface and create a new one", re);
		if (re || idbm_rec_set(IDBM_KIND_IFACE, &ifc,
				       o->params[i].name, o->params[i].value,
				       IDBM_SET_USER, msg, sizeof(msg))) {
			log_err_lines(msg);
			log_err("Could not update iface %s: %s", name,
				iscsi_err_str(ISCSI_ERR_INVAL));
			return 0;
		}
	}
	if (adm_iface_save(&ifc))
		return ISCSI_ERR_IDBM;
	/* records bound to the iface carry a copy of it */
	t.upd = &ifc;
	idbm_node_foreach(idbm_root(), adm_iface_node_cb, &t);
	printf("%s updated.\n", name);
	return t.err;
}

static int adm_iface_delete(const char *name)
{
	struct adm_iface_tree t = { .name = name, .del = 1 };
	struct idbm_iface ifc;
	char path[PATH_MAX];

	if (adm_iface_get(name, &ifc)) {
		log_err("Could not read iface info for %s.", name);
		goto fail;
	}
	idbm_node_foreach(idbm_root(), adm_iface_node_cb, &t);
	if (adm_iface_builtin(name)) {
		log_err("iface %s is a special interface and cannot be "
			"deleted.", name);
		goto fail;
	}
	if (idbm_path_iface(path, sizeof(path), idbm_root(), name) ||
	    unlink(path)) {
		log_err("Could not delete iface %s: %s", name, errtext(errno));
		return ISCSI_ERR_IDBM;
	}
	printf("%s unbound and deleted.\n", name);
	return t.err;
fail:
	log_err("Could not delete iface %s: %s", name,
		iscsi_err_str(ISCSI_ERR_INVAL));
	return ISCSI_ERR_INVAL;
}

static int adm_iface_write_op(const struct adm_opts *o, const char *name)
{
	struct idbm_lock lk = { .depth = 0 };
	char msg[512] = "";
	int rc;

	rc = idbm_lock_acquire(&lk, IDBM_LOCK_DIR, IDBM_LOCK_TRIES, msg,
			       sizeof(msg));
	if (rc) {
		log_err_lines(msg);
		return rc;
	}
	if (o->op == ADM_OP_NEW)
		rc = adm_iface_new(name);
	else if (o->op == ADM_OP_UPDATE)
		rc = adm_iface_update(o, name);
	else
		rc = adm_iface_delete(name);
	idbm_lock_release(&lk);
	return rc;
}

static int adm_any_node(const struct idbm_loc *loc, void *arg)
{
	(void)loc;
	(void)arg;
	return 1;
}

int adm_iface(const struct adm_opts *o)
{
	const char *name = o->n_ifaces ? o->ifaces[0] : NULL;

	adm_db_mkdir("ifaces");
	if (o->n_ifaces > 1)
		log_err("iface mode only accepts one interface. Using the "
			"first one %s.", name);
	if (o->submode && !strcmp(o->submode, "ping"))
		return adm_iface_ping(o);
	switch (o->op) {
	case 0:
	case ADM_OP_SHOW:
		/* the -P 1 tree is drawn from the node records: none, no
		 * tree (and no complaint about the iface) */
		if (o->print_level == 1 &&
		    idbm_node_foreach(idbm_root(), adm_any_node, NULL) != 1)
			return 0;
		if (name)
			return adm_iface_show(o, name);
		return adm_iface_foreach(o->print_level == 1 ? adm_iface_tree :
					 adm_iface_line, NULL);
	case ADM_OP_NEW:
		if (!name) {
			log_err("Could not add interface. No interface "
				"passed in.");
			return ISCSI_ERR_SYSFS_LOOKUP;
		}
		return adm_iface_write_op(o, name);
	case ADM_OP_UPDATE:
		if (!name || !o->n_params) {
			log_err("Update requires name, value, and iface.");
			return ISCSI_ERR_INVAL;
		}
		return adm_iface_write_op(o, name);
	case ADM_OP_DELETE:
		if (!name) {
			log_err("Could not delete interface. No interface "
				"passed in.");
			return ISCSI_ERR_INVAL;
		}
		return adm_iface_write_op(o, name);
	case ADM_OP_APPLY:
	case ADM_OP_APPLY_ALL:
		return adm_iface_apply(o);
	default:
		log_err("Invalid operation. Operation not supported.");
		return ISCSI_ERR_INVAL;
	}
}
