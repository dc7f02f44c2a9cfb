/* SPDX-License-Identifier: MIT */
/* ksession_params.c - the SET_PARAM lists of a kernel session, in
 * open-iscsi's order: before login (names, credentials, timeouts) and
 * after it (the values negotiated by RFC 7143 §13, which the kernel's
 * data path needs). */
#include "core/errtext.h"
#include "core/ksession_int.h"

#include "core/errors.h"
#include "core/login.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* What the kernel said to a SET_PARAM or SET_HOST_PARAM, with
 * open-iscsi's rules: -ENOSYS (unknown to this kernel) is not an error;
 * the reason names the last other one. */
static int ksess_param_rc(struct ksess *s, const char *what, int p, int rc)
{
	if (rc == -ENOSYS)
		return 0;
	if (rc < 0)
		ksess_why(s, "cannot set %s %d: %s", what, p, errtext(-rc));
	return rc;
}

/* Empty strings are not sent. */
static int ksess_set(struct ksess *s, enum iscsi_param p, const char *v)
{
	if (!v || !*v)
		return 0;
	return ksess_param_rc(s, "parameter", (int)p, ksv_set_param(s, p, v));
}

static int ksess_host_set(struct ksess *s, enum iscsi_host_param p,
			  const char *v)
{
	if (!*v)
		return 0;
	return ksess_param_rc(s, "host parameter", (int)p,
			      ksv_set_host_param(s, p, v));
}

static int ksess_setn(struct ksess *s, enum iscsi_param p, long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", v);
	return ksess_set(s, p, buf);
}

/* A refused SET_PARAM (the kernel had dropped the connection, or takes
 * no such value: iscsi_tcp wants a power of two for MaxOutstandingR2T,
 * whatever was negotiated) is a failed login attempt, retried until the
 * initial login gives up, with open-iscsi's error for it (5); the
 * session and connection stay for the next attempt. */
static int ksess_params_err(int rc)
{
	return rc ? ISCSI_ERR_LOGIN : ISCSI_SUCCESS;
}

int ksess_prelogin_params(struct ksess *s)
{
	const struct ksess_cfg *c = &s->cfg;
	int rc = 0;

	rc |= ksess_set(s, ISCSI_PARAM_TARGET_NAME, c->login.target_name);
	/* The record's portal, even when redirected (open-iscsi's): it
	 * is how iscsiadm finds the session of a record. */
	rc |= ksess_set(s, ISCSI_PARAM_PERSISTENT_ADDRESS, c->addr);
	rc |= ksess_setn(s, ISCSI_PARAM_PERSISTENT_PORT, c->port);
	rc |= ksess_setn(s, ISCSI_PARAM_SESS_RECOVERY_TMO,
			 c->replacement_timeout);
	rc |= ksess_set(s, ISCSI_PARAM_USERNAME, c->login.username);
	rc |= ksess_set(s, ISCSI_PARAM_USERNAME_IN, c->login.username_in);
	rc |= ksess_set(s, ISCSI_PARAM_PASSWORD, c->login.password);
	rc |= ksess_set(s, ISCSI_PARAM_PASSWORD_IN, c->login.password_in);
	rc |= ksess_setn(s, ISCSI_PARAM_FAST_ABORT, c->fast_abort);
	rc |= ksess_setn(s, ISCSI_PARAM_ABORT_TMO, c->abort_timeout);
	rc |= ksess_setn(s, ISCSI_PARAM_LU_RESET_TMO, c->lu_reset_timeout);
	rc |= ksess_setn(s, ISCSI_PARAM_TGT_RESET_TMO, c->tgt_reset_timeout);
	/* NOPs are the kernel's job when it has the attribute; 0 turns
	 * them off (iscsistart in an initramfs). */
	if (sysfs_conn_has_ping_tmo(s->sid, s->cid)) {
		rc |= ksess_setn(s, ISCSI_PARAM_PING_TMO, c->noop_out_timeout);
		rc |= ksess_setn(s, ISCSI_PARAM_RECV_TMO,
				 c->noop_out_interval);
	}
	rc |= ksess_set(s, ISCSI_PARAM_IFACE_NAME, c->iface_name);
	rc |= ksess_set(s, ISCSI_PARAM_INITIATOR_NAME,
			c->login.initiator_name);
	rc |= ksess_setn(s, ISCSI_PARAM_DISCOVERY_SESS, c->login.discovery);
	/* The host shows the binding (-m session -P: Iface Netdev, and an
	 * Iface HWaddress that also names the iface there) as open-iscsi
	 * sends it: the record's own values, each only when set, so a
	 * MAC-bound session's host has no netdev (Iface Netdev: default). */
	if (ifbind_is_set(c->bind.netdev))
		rc |= ksess_host_set(s, ISCSI_HOST_PARAM_NETDEV_NAME,
				     c->bind.netdev);
	if (ifbind_is_set(c->bind.hwaddress))
		rc |= ksess_host_set(s, ISCSI_HOST_PARAM_HWADDRESS,
				     c->bind.hwaddress);
	return ksess_params_err(rc);
}

int ksess_postlogin_params(struct ksess *s)
{
	const struct neg_state *n = login_neg(s->login);
	int rdma = KSESS_RDMA(s);
	uint32_t xmit = rdma ? neg_result_num(n, NEG_TARGET_RDSL) :
			       n->max_xmit_dsl;
	int rc = 0;
	char buf[16];

	if (s->cfg.max_xmit_dsl && s->cfg.max_xmit_dsl < xmit)
		xmit = s->cfg.max_xmit_dsl;
	/* RFC 7145 §6.3, §6.4: over RDMA the limits are the iSER keys' */
	rc |= ksess_setn(s, ISCSI_PARAM_MAX_RECV_DLENGTH,
			 neg_result_num(n, rdma ? NEG_INITIATOR_RDSL :
						  NEG_MAX_RECV_DSL));
	rc |= ksess_setn(s, ISCSI_PARAM_MAX_XMIT_DLENGTH, xmit);
	if (s->cfg.caps & ISCSI_CAP_HDRDGST)
		rc |= ksess_setn(s, ISCSI_PARAM_HDRDGST_EN,
				 strcmp(neg_result_str(n, NEG_HEADER_DIGEST),
					"CRC32C") == 0);
	if (s->cfg.caps & ISCSI_CAP_DATADGST)
		rc |= ksess_setn(s, ISCSI_PARAM_DATADGST_EN,
				 strcmp(neg_result_str(n, NEG_DATA_DIGEST),
					"CRC32C") == 0);
	rc |= ksess_setn(s, ISCSI_PARAM_INITIAL_R2T_EN,
			 neg_result_num(n, NEG_INITIAL_R2T));
	if (s->cfg.caps & ISCSI_CAP_MULTI_R2T)
		rc |= ksess_setn(s, ISCSI_PARAM_MAX_R2T,
				 neg_result_num(n, NEG_MAX_OUTSTANDING_R2T));
	rc |= ksess_setn(s, ISCSI_PARAM_IMM_DATA_EN,
			 neg_result_num(n, NEG_IMMEDIATE_DATA));
	rc |= ksess_setn(s, ISCSI_PARAM_FIRST_BURST,
			 neg_result_num(n, NEG_FIRST_BURST));
	rc |= ksess_setn(s, ISCSI_PARAM_MAX_BURST,
			 neg_result_num(n, NEG_MAX_BURST));
	rc |= ksess_setn(s, ISCSI_PARAM_PDU_INORDER_EN,
			 neg_result_num(n, NEG_DATA_PDU_IN_ORDER));
	rc |= ksess_setn(s, ISCSI_PARAM_DATASEQ_INORDER_EN,
			 neg_result_num(n, NEG_DATA_SEQUENCE_IN_ORDER));
	rc |= ksess_setn(s, ISCSI_PARAM_ERL, 0);
	if (s->cfg.caps & ISCSI_CAP_MARKERS) {
		rc |= ksess_setn(s, ISCSI_PARAM_IFMARKER_EN, 0);
		rc |= ksess_setn(s, ISCSI_PARAM_OFMARKER_EN, 0);
	}
	snprintf(buf, sizeof(buf), "%u", login_statsn(s->login) + 1);
	rc |= ksess_set(s, ISCSI_PARAM_EXP_STATSN, buf);
	rc |= ksess_setn(s, ISCSI_PARAM_TPGT,
			 login_tpgt(s->login, NULL) ? login_tpgt(s->login, NULL)
						    : s->cfg.tpgt);
	return ksess_params_err(rc);
}
