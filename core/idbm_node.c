/* SPDX-License-Identifier: MIT */
/* idbm_node.c - the built-in defaults of node, iface and discovery
 * records (what iscsiadm gives a new record when iscsid does not hand it
 * iscsid.conf), and a new node record the way iscsiadm builds one after
 * discovery or "-o new": defaults, then iscsid.conf, then the identity
 * (target, portal, tpgt, iface) and where it was discovered. */
#include "core/idbm.h"
#include "core/idbm_util.h"

#include <string.h>

#include "core/config.h"
#include "core/errors.h"

_Static_assert(sizeof(struct idbm_node) < 65536,
	       "key table offsets are 16 bits");

void idbm_iface_init(struct idbm_iface *iface, const char *name)
{
	memset(iface, 0, sizeof(*iface));
	idbm_str_set(iface->name, sizeof(iface->name), name ? name : "default");
	idbm_str_set(iface->transport_name, sizeof(iface->transport_name),
		  strcmp(iface->name, "iser") ? "tcp" : "iser");
}

static void idbm_auth_init(struct idbm_auth_rec *auth)
{
	memset(auth, 0, sizeof(*auth));
	auth->authmethod = IDBM_AUTH_NONE;
	auth->chap_algs[0] = 5; /* MD5 */
}

void idbm_node_init(struct idbm_node *node)
{
	memset(node, 0, sizeof(*node));
	node->tpgt = -1;
	node->startup = IDBM_STARTUP_MANUAL;
	idbm_iface_init(&node->iface, "default");
	node->disc_type = IDBM_DISC_STATIC;
	node->session.initial_login_retry_max = 4;
	node->session.xmit_thread_priority = -20;
	node->session.cmds_max = 128;
	node->session.queue_depth = 32;
	node->session.nr_sessions = 1;
	idbm_auth_init(&node->session.auth);
	node->session.replacement_timeout = 120;
	node->session.abort_timeout = 15;
	node->session.lu_reset_timeout = 30;
	node->session.tgt_reset_timeout = 30;
	node->session.host_reset_timeout = 60;
	node->session.fast_abort = 1;
	node->session.initial_r2t = 0;
	node->session.immediate_data = 1;
	node->session.first_burst = 262144;
	node->session.max_burst = 16776192;
	node->session.time2retain = 0;
	node->session.time2wait = 2;
	node->session.max_connections = 1;
	node->session.max_r2t = 1;
	node->session.scan = IDBM_SCAN_AUTO;
	node->conn.port = 3260;
	node->conn.startup = IDBM_STARTUP_MANUAL;
	node->conn.window_size = 524288;
	node->conn.logout_timeout = 15;
	node->conn.login_timeout = 30;
	node->conn.auth_timeout = 45;
	node->conn.noop_out_interval = 5;
	node->conn.noop_out_timeout = 5;
	node->conn.max_recv_dsl = 262144;
	node->conn.header_digest = IDBM_DIGEST_NONE;
	node->conn.data_digest = IDBM_DIGEST_NONE;
}

void idbm_disc_init(struct idbm_disc *disc, enum idbm_disc_type type)
{
	memset(disc, 0, sizeof(*disc));
	disc->startup = IDBM_STARTUP_MANUAL;
	disc->type = type;
	idbm_auth_init(&disc->auth);
	if (type == IDBM_DISC_ISNS) {
		disc->port = 3205;
		disc->poll_inval = -1;
		return;
	}
	disc->port = 3260;
	disc->login_timeout = 15;
	disc->poll_inval = 30;
	disc->reopen_max = 5;
	disc->auth_timeout = 45;
	disc->active_timeout = 30;
	disc->max_recv_dsl = 32768;
}

void idbm_node_ident(struct idbm_node *node, const char *target,
		     const char *addr, int port, int tpgt,
		     const struct idbm_iface *iface,
		     const struct idbm_disc *disc)
{
	idbm_str_set(node->name, sizeof(node->name), target);
	idbm_str_set(node->conn.address, sizeof(node->conn.address), addr);
	node->conn.port = port;
	node->tpgt = tpgt;
	if (iface)
		node->iface = *iface;
	if (disc) {
		idbm_str_set(node->disc_address, sizeof(node->disc_address),
			     disc->address);
		node->disc_port = disc->port;
		node->disc_type = disc->type;
	}
}

int idbm_node_new(struct idbm_node *node, const char *conf,
		  const char *target, const char *addr, int port, int tpgt,
		  const struct idbm_iface *iface,
		  const struct idbm_disc *disc, char *msg, size_t msgsz)
{
	int rc = 0;

	idbm_node_init(node);
	if (conf)
		rc = config_apply_file(IDBM_KIND_NODE, node, conf, msg, msgsz);
	if (rc)
		return rc;
	idbm_node_ident(node, target, addr, port, tpgt, iface, disc);
	return 0;
}
