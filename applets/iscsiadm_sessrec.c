/* SPDX-License-Identifier: MIT */
/* iscsiadm_sessrec.c - "iscsiadm -m session -r SID [-o op]" without a
 * print level: the operation applies to the node records the session was
 * made from, found by target name, persistent portal and iface (the tpgt
 * is not compared; a legacy record without one belongs to iface
 * "default").  Output as open-iscsi 2.1.8 prints it. */
#include "applets/iscsiadm_login.h"
#include "applets/iscsiadm_session.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REC_MAX 64	/* records one session can match: one per iface */

struct rec_match {
	struct idbm_node *nodes;
	int n;
};

static int rec_collect(const struct idbm_loc *loc, void *arg)
{
	struct rec_match *m = arg;
	char msg[512];

	if (m->n == REC_MAX)
		return 0;
	if (idbm_node_read(loc->path, &m->nodes[m->n], msg, sizeof(msg)))
		return 0;	/* unreadable records are skipped */
	m->n++;
	return 0;
}

static void rec_label(const struct idbm_node *n, char *out, size_t sz)
{
	snprintf(out, sz, "[iface: %s, target: %s, portal: %s,%d]",
		 n->iface.name, n->name, n->conn.address, n->conn.port);
}

static int rec_show(const struct rec_match *m, int secrets)
{
	unsigned fl = IDBM_FMT_DUMP | (secrets ? IDBM_FMT_SECRETS : 0);
	size_t len;
	char *text;
	int i;

	for (i = 0; i < m->n; i++) {
		text = idbm_rec_format(IDBM_KIND_NODE, &m->nodes[i], fl, &len);
		if (!text)
			return ISCSI_ERR_NOMEM;
		fwrite(text, 1, len, stdout);
		free(text);
	}
	return 0;
}

static int rec_update(const struct adm_opts *o, struct rec_match *m)
{
	char msg[1024];
	int i, j, rc = 0;

	for (i = 0; i < m->n && !rc; i++) {
		for (j = 0; j < o->n_params && !rc; j++) {
			msg[0] = '\0';
			rc = idbm_rec_set(IDBM_KIND_NODE, &m->nodes[i],
					  o->params[j].name, o->params[j].value,
					  IDBM_SET_USER, msg, sizeof(msg));
		}
		if (!rc)
			rc = idbm_node_rewrite(idbm_root(), &m->nodes[i],
					     msg, sizeof(msg));
	}
	if (rc) {
		log_err_lines(msg);
		log_err("Could not execute operation on all records: %s",
			iscsi_err_str(rc));
	}
	return rc;
}

int adm_sess_records(const struct adm_opts *o, const struct adm_sess *a)
{
	const struct sysfs_session *s = &a->s;
	const char *const ifaces[1] = { s->ifacename[0] ? s->ifacename :
							  "default" };
	struct idbm_sel sel = { .target = s->targetname,
				.addr = s->conn.persistent_address,
				.port = s->conn.persistent_port,
				.tpgt = IDBM_SEL_ANY, .ifaces = ifaces,
				.n_ifaces = 1, .legacy_iface = "default" };
	struct rec_match m = { NULL, 0 };
	char label[IDBM_TARGET_MAX + IDBM_ADDR_MAX + 128];
	int rc = 0;

	m.nodes = calloc(REC_MAX, sizeof(*m.nodes));
	if (!m.nodes)
		return ISCSI_ERR_NOMEM;
	idbm_node_select(idbm_root(), &sel, rec_collect, &m);
	if (!m.n) {
		log_err("No records found");
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	} else if (o->op & ADM_OP_NEW) {
		rc = adm_login_multiple(o, m.nodes, m.n);
	} else if (o->op & ADM_OP_DELETE) {
		/* The session we came from is using the record. */
		rec_label(&m.nodes[0], label, sizeof(label));
		log_err("This command will remove the record %s, but a "
			"session is using it. Logout session then rerun "
			"command to remove record.", label);
		log_err("Could not execute operation on all records: %s",
			iscsi_err_str(ISCSI_ERR_SESS_EXISTS));
		rc = ISCSI_ERR_SESS_EXISTS;
	} else if (o->op & ADM_OP_UPDATE) {
		rc = rec_update(o, &m);
	} else {
		rc = rec_show(&m, o->show_secrets);
	}
	free(m.nodes);
	return rc;
}
