/* SPDX-License-Identifier: MIT */
/* daemon_adopt.c - the record of a session iscsid did not create
 * (daemon_adopt.h): the node file it came from, else one rebuilt from
 * iscsid.conf and sysfs (the transport from the host's driver).
 * daemon.c hands it to ksess_adopt(), which sends nothing: the session
 * keeps running untouched until it fails (then it is recovered) or is
 * logged out. */
#include "core/daemon_adopt.h"

#include "core/config.h"
#include "core/errors.h"
#include "core/idbm_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct adopt_match {
	const struct sysfs_session *ss;
	const char *addr;		/* the portal to match */
	int port;
	struct idbm_node *node;		/* filled by the record walk */
};

static int adopt_match(const struct idbm_loc *loc, void *arg)
{
	struct adopt_match *a = arg;
	const struct sysfs_session *ss = a->ss;
	char msg[256];

	if (strcmp(loc->target, ss->targetname) ||
	    strcmp(loc->address, a->addr) || loc->port != a->port ||
	    (loc->iface[0] && strcmp(loc->iface, sysfs_session_iface(ss))))
		return 0;
	return idbm_node_read(loc->path, a->node, msg, sizeof(msg)) == 0;
}

/* The node file of ss's target, portal and iface into a->node: 1 when
 * found. */
static int adopt_find(const struct daemon_adopt_src *src,
		      struct adopt_match *a)
{
	const struct sysfs_conn *c = &a->ss->conn;

	a->addr = c->persistent_address[0] ? c->persistent_address :
					     c->address;
	a->port = c->persistent_address[0] ? c->persistent_port : c->port;
	return a->addr[0] &&
	       idbm_node_foreach(src->db_root, adopt_match, a) == 1;
}

/* The host's initiator name where the record has none. */
static void adopt_iname(const struct daemon_adopt_src *src,
			struct idbm_node *n)
{
	if (!n->iface.initiatorname[0] && src->initiatorname)
		snprintf(n->iface.initiatorname,
			 sizeof(n->iface.initiatorname), "%s",
			 src->initiatorname);
}

/* No node file: iscsid.conf's settings plus what the kernel keeps for
 * the session (CHAP credentials, recovery timeout, initiator name). */
static void adopt_rebuild(const struct daemon_adopt_src *src,
			  const struct sysfs_session *ss, struct idbm_node *n)
{
	struct idbm_auth_rec *auth = &n->session.auth;
	struct sysfs_host h;
	char msg[256];

	idbm_node_init(n);
	if (src->config_file)
		config_apply_file(IDBM_KIND_NODE, n, src->config_file, msg,
				  sizeof(msg));
	snprintf(n->name, sizeof(n->name), "%s", ss->targetname);
	snprintf(n->conn.address, sizeof(n->conn.address), "%s",
		 ss->conn.persistent_address);
	n->conn.port = ss->conn.persistent_port;
	n->tpgt = ss->tpgt >= 0 && ss->tpgt <= 65535 ? ss->tpgt : -1;
	snprintf(n->iface.name, sizeof(n->iface.name), "%s",
		 sysfs_session_iface(ss));
	snprintf(n->iface.initiatorname, sizeof(n->iface.initiatorname), "%s",
		 ss->initiatorname);
	/* the transport is the host driver's: iscsi_tcp, iscsi_iser */
	if (ss->has_host && sysfs_host_read(NULL, ss->host_no, &h) == 0 &&
	    !strncmp(h.proc_name, "iscsi_", 6))
		snprintf(n->iface.transport_name,
			 sizeof(n->iface.transport_name), "%s",
			 h.proc_name + 6);
	if (ss->username[0]) {
		auth->authmethod = IDBM_AUTH_CHAP;
		snprintf(auth->username, sizeof(auth->username), "%s",
			 ss->username);
		snprintf(auth->password, sizeof(auth->password), "%s",
			 ss->password);
	}
	if (ss->recovery_tmo >= 0)
		n->session.replacement_timeout = ss->recovery_tmo;
}

int daemon_adopt_read(const struct daemon_adopt_src *src, uint32_t sid,
		      struct sysfs_session *ss, struct idbm_node **node)
{
	struct adopt_match a = { ss, NULL, 0, NULL };

	if (sysfs_session_read(NULL, sid, ss) < 0 ||
	    !sysfs_session_complete(ss))
		return ISCSI_ERR_SESS_NOT_FOUND;
	a.node = malloc(sizeof(*a.node));
	if (!a.node)
		return ISCSI_ERR_NOMEM;
	if (!adopt_find(src, &a))
		adopt_rebuild(src, ss, a.node);
	adopt_iname(src, a.node);
	*node = a.node;
	return 0;
}

int daemon_adopt_record(const struct daemon_adopt_src *src,
			const struct sysfs_session *ss,
			struct idbm_node **node)
{
	struct adopt_match a = { ss, NULL, 0, malloc(sizeof(*a.node)) };

	if (!a.node)
		return ISCSI_ERR_NOMEM;
	if (!adopt_find(src, &a)) {
		free(a.node);
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	adopt_iname(src, a.node);
	*node = a.node;
	return 0;
}
