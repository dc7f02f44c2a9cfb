/* SPDX-License-Identifier: MIT */
/* daemon_adopt.c - take over sessions iscsid did not create: what the
 * kernel knows of them (daemon_sysfs.c), the node record they came from
 * (else one rebuilt from iscsid.conf and sysfs), handed to ksess_adopt(),
 * which sends nothing: the session keeps running untouched until it
 * fails (then it is recovered) or is logged out. */
#include "core/daemon_int.h"

#include "core/errors.h"
#include "core/idbm_db.h"
#include "core/ksession.h"
#include "core/log.h"
#include "core/nodecfg.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct adopt_info {
	struct daemon_ksinfo k;
	struct idbm_node *node;		/* filled by the record walk */
};

static int adopt_match(const struct idbm_loc *loc, void *arg)
{
	struct adopt_info *a = arg;
	char msg[256];

	if (strcmp(loc->target, a->k.target) ||
	    strcmp(loc->address, a->k.addr) || loc->port != a->k.port ||
	    (loc->iface[0] && strcmp(loc->iface, a->k.iface)))
		return 0;
	return idbm_node_read(loc->path, a->node, msg, sizeof(msg)) == 0;
}

/* CHAP credentials the kernel keeps for the session, if any. */
static void adopt_auth(uint32_t sid, struct idbm_auth_rec *auth)
{
	if (daemon_sysfs_attr(sid, "username", auth->username,
			      sizeof(auth->username)) < 0 ||
	    !auth->username[0] || strcmp(auth->username, "(null)") == 0) {
		auth->username[0] = '\0';
		return;
	}
	auth->authmethod = IDBM_AUTH_CHAP;
	daemon_sysfs_attr(sid, "password", auth->password,
			  sizeof(auth->password));
}

/* The session's record: its node file, or iscsid.conf + sysfs. */
static void adopt_node(struct daemon *d, struct adopt_info *a)
{
	struct idbm_node *n = a->node;
	char msg[256], buf[24];
	long v;

	if (idbm_node_foreach(d->cfg.db_root, adopt_match, a) == 1)
		return;
	idbm_node_init(n);
	if (d->cfg.config_file)
		config_apply_file(IDBM_KIND_NODE, n, d->cfg.config_file, msg,
				  sizeof(msg));
	snprintf(n->name, sizeof(n->name), "%s", a->k.target);
	snprintf(n->conn.address, sizeof(n->conn.address), "%s", a->k.addr);
	n->conn.port = a->k.port;
	n->tpgt = a->k.tpgt;
	snprintf(n->iface.name, sizeof(n->iface.name), "%s", a->k.iface);
	daemon_sysfs_attr(a->k.sid, "initiatorname", n->iface.initiatorname,
			  sizeof(n->iface.initiatorname));
	adopt_auth(a->k.sid, &n->session.auth);
	if (daemon_sysfs_attr(a->k.sid, "recovery_tmo", buf, sizeof(buf)) ==
		    0 &&
	    num_parse_long(buf, -1, 1L << 30, &v) == 0)
		n->session.replacement_timeout = (int)v;
}

int daemon_adopt(struct daemon *d, uint32_t sid, struct dsess **out)
{
	struct adopt_info a;
	struct ksess_cfg kc;
	struct dsess *s;
	int rc;

	rc = daemon_sysfs_session(sid, &a.k);
	if (rc)
		return rc;
	rc = daemon_knl(d);
	if (rc)
		return rc;
	a.node = malloc(sizeof(*a.node));
	if (!a.node)
		return ISCSI_ERR_NOMEM;
	adopt_node(d, &a);
	if (!a.node->iface.initiatorname[0] && d->have_ini)
		memcpy(a.node->iface.initiatorname, d->ini.name,
		       sizeof(a.node->iface.initiatorname));
	s = nodecfg_ksess(&kc, a.node, d->caps) < 0 ? NULL :
						      daemon_sess_add(d, a.node);
	if (!s) {
		free(a.node);
		return ISCSI_ERR_INTERNAL;
	}
	kc.logout_timeout = a.node->conn.logout_timeout > 0 ?
				    (unsigned)a.node->conn.logout_timeout : 15;
	s->ks = ksess_adopt(d->loop, d->knl, d->rng, &kc, sid, a.k.cid,
			    a.k.host_no);
	if (!s->ks) {
		s->dead = 1;
		daemon_reap_soon(d);
		return ISCSI_ERR_NOMEM;
	}
	log_info("adopted session%u [target: %s, portal: %s,%d] on host%u",
		 sid, a.k.target, a.k.addr, a.k.port, a.k.host_no);
	*out = s;
	return 0;
}

int daemon_adopt_all(struct daemon *d)
{
	uint32_t sids[1024];
	struct dsess *s;
	int i, n, adopted = 0;

	n = daemon_sysfs_sids(sids, 1024);
	for (i = 0; i < n; i++)
		if (!daemon_find_sid(d, sids[i]) &&
		    daemon_adopt(d, sids[i], &s) == 0)
			adopted++;
	return adopted;
}
