/* SPDX-License-Identifier: MIT */
/* nodecfg.c - node and discovery records -> negotiation, login and
 * kernel-session settings (nodecfg.h). */
#include "core/nodecfg.h"

#include "core/errors.h"
#include "core/log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *nodecfg_digest(int d)
{
	switch (d) {
	case IDBM_DIGEST_CRC32C:
		return "CRC32C";
	case IDBM_DIGEST_CRC32C_NONE:
		return "CRC32C,None";
	case IDBM_DIGEST_NONE_CRC32C:
		return "None,CRC32C";
	default:
		return "None";
	}
}

static int nodecfg_num(struct neg_state *neg, enum neg_key k, long v,
		       const char **why)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", v);
	return neg_set(neg, k, buf, why);
}

int nodecfg_neg(struct neg_state *neg, const struct idbm_node *n,
		const char **why)
{
	int rc = 0;

	neg_init(neg, 0);
	/* The keys open-iscsi offers, in its order (see negotiate.c). */
	rc |= neg_set(neg, NEG_HEADER_DIGEST,
		      nodecfg_digest(n->conn.header_digest), why);
	rc |= neg_set(neg, NEG_DATA_DIGEST,
		      nodecfg_digest(n->conn.data_digest), why);
	rc |= nodecfg_num(neg, NEG_DEFAULT_TIME2WAIT, n->session.time2wait,
			  why);
	rc |= nodecfg_num(neg, NEG_DEFAULT_TIME2RETAIN,
			  n->session.time2retain, why);
	rc |= neg_set(neg, NEG_IF_MARKER, "No", why);
	rc |= neg_set(neg, NEG_OF_MARKER, "No", why);
	/* open-iscsi always asks for ERL 0: it implements no other. */
	rc |= neg_set(neg, NEG_ERROR_RECOVERY_LEVEL, "0", why);
	rc |= neg_set(neg, NEG_INITIAL_R2T,
		      n->session.initial_r2t ? "Yes" : "No", why);
	rc |= neg_set(neg, NEG_IMMEDIATE_DATA,
		      n->session.immediate_data ? "Yes" : "No", why);
	rc |= nodecfg_num(neg, NEG_MAX_BURST, n->session.max_burst, why);
	rc |= nodecfg_num(neg, NEG_FIRST_BURST, n->session.first_burst, why);
	rc |= nodecfg_num(neg, NEG_MAX_OUTSTANDING_R2T, n->session.max_r2t,
			  why);
	rc |= neg_set(neg, NEG_MAX_CONNECTIONS, "1", why);
	rc |= neg_set(neg, NEG_DATA_PDU_IN_ORDER, "Yes", why);
	rc |= neg_set(neg, NEG_DATA_SEQUENCE_IN_ORDER, "Yes", why);
	rc |= nodecfg_num(neg, NEG_MAX_RECV_DSL, n->conn.max_recv_dsl, why);
	return rc ? -EINVAL : 0;
}

void nodecfg_login(struct login_params *lp, const struct idbm_node *n)
{
	const struct idbm_auth_rec *a = &n->session.auth;
	int i;

	memset(lp, 0, sizeof(*lp));
	lp->initiator_name = n->iface.initiatorname;
	lp->target_name = n->name;
	/* Credentials decide, as in open-iscsi: with a username and a
	 * password the login starts in the security stage. */
	if (a->authmethod == IDBM_AUTH_CHAP || a->username[0]) {
		lp->username = a->username;
		lp->password = a->password;
		lp->username_in = a->username_in;
		lp->password_in = a->password_in;
	}
	for (i = 0; i < IDBM_CHAP_ALGS_MAX && i < LOGIN_MAX_CHAP_ALGS &&
		    a->chap_algs[i]; i++)
		lp->chap_algs[lp->n_chap_algs++] = a->chap_algs[i];
}

static void nodecfg_bind(struct ifbind *b, const struct idbm_iface *i)
{
	b->hwaddress = i->hwaddress;
	b->netdev = i->netdev;
	b->ipaddress = i->ipaddress;
}

int nodecfg_ksess(struct ksess_cfg *c, const struct idbm_node *n,
		  uint32_t caps)
{
	const char *why = NULL;

	memset(c, 0, sizeof(*c));
	nodecfg_login(&c->login, n);
	if (nodecfg_neg(&c->neg, n, &why) < 0) {
		log_err("invalid node setting: %s", why ? why : "out of range");
		return -EINVAL;
	}
	snprintf(c->addr, sizeof(c->addr), "%s", n->conn.address);
	c->port = n->conn.port;
	c->tpgt = n->tpgt;
	c->iface_name = n->iface.name[0] ? n->iface.name : "default";
	c->caps = caps;
	c->login_timeout = n->conn.login_timeout > 0 ?
				   (unsigned)n->conn.login_timeout : 15;
	c->login_retries = n->session.initial_login_retry_max;
	c->replacement_timeout = n->session.replacement_timeout;
	c->abort_timeout = n->session.abort_timeout;
	c->lu_reset_timeout = n->session.lu_reset_timeout;
	c->tgt_reset_timeout = n->session.tgt_reset_timeout;
	c->noop_out_interval = n->conn.noop_out_interval;
	c->noop_out_timeout = n->conn.noop_out_timeout;
	c->fast_abort = n->session.fast_abort;
	c->cmds_max = (uint16_t)n->session.cmds_max;
	c->queue_depth = (uint16_t)n->session.queue_depth;
	c->initial_cmdsn = (uint32_t)n->session.initial_cmdsn;
	c->max_xmit_dsl = (uint32_t)n->conn.max_xmit_dsl;
	c->tcp_window = n->conn.window_size;
	nodecfg_bind(&c->bind, &n->iface);
	c->scan = n->session.scan == IDBM_SCAN_AUTO;
	return 0;
}

int nodecfg_disc(struct usess_cfg *u, const struct idbm_disc *d,
		 const struct idbm_iface *ifc, const char *iname,
		 const struct portal *p, const char **why)
{
	const struct idbm_auth_rec *a = &d->auth;
	char mrdsl[16];
	int i;

	memset(u, 0, sizeof(*u));
	/* The secrets decide, not authmethod: open-iscsi offers CHAP when
	 * an outgoing password is set (even with authmethod None) and
	 * refuses incoming credentials without outgoing ones. */
	if (a->password_in[0] && !a->password[0]) {
		*why = "CHAP configuration has incoming authentication "
		       "credentials but has no outgoing credentials "
		       "configured.";
		return ISCSI_ERR_SYSFS_LOOKUP;
	}
	u->login.initiator_name = iname;
	u->login.discovery = 1;
	login_isid(u->login.isid, 0);
	if (a->password[0]) {
		u->login.username = a->username;
		u->login.password = a->password;
		u->login.username_in = a->username_in;
		u->login.password_in = a->password_in;
	}
	for (i = 0; i < IDBM_CHAP_ALGS_MAX && i < LOGIN_MAX_CHAP_ALGS &&
		    a->chap_algs[i]; i++)
		u->login.chap_algs[u->login.n_chap_algs++] = a->chap_algs[i];
	/* A discovery session offers only these (RFC 7143 §13: the others
	 * are irrelevant to SessionType=Discovery). */
	neg_init(&u->neg, 1);
	neg_set(&u->neg, NEG_HEADER_DIGEST, "None", NULL);
	neg_set(&u->neg, NEG_DATA_DIGEST, "None", NULL);
	neg_set(&u->neg, NEG_DEFAULT_TIME2WAIT, "2", NULL);
	neg_set(&u->neg, NEG_DEFAULT_TIME2RETAIN, "0", NULL);
	neg_set(&u->neg, NEG_IF_MARKER, "No", NULL);
	neg_set(&u->neg, NEG_OF_MARKER, "No", NULL);
	neg_set(&u->neg, NEG_ERROR_RECOVERY_LEVEL, "0", NULL);
	snprintf(mrdsl, sizeof(mrdsl), "%d", d->max_recv_dsl);
	neg_set(&u->neg, NEG_MAX_RECV_DSL, mrdsl, NULL);
	u->addr = p->addr;
	u->port = p->port;
	nodecfg_bind(&u->bind, ifc);
	u->login_timeout = (unsigned)d->login_timeout;
	u->active_timeout = (unsigned)d->active_timeout;
	/* open-iscsi waits active_timeout for each login response. */
	u->login_rsp_timeout = (unsigned)d->active_timeout;
	u->logout_timeout = 15;
	u->reopen_max = d->reopen_max;
	u->retry_delay_ms = 1000;
	u->text = "SendTargets=All";
	return 0;
}
