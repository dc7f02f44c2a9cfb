/* SPDX-License-Identifier: MIT */
/* idbm_node.c - build a new node record the way iscsiadm does after
 * discovery or "-o new": defaults, then iscsid.conf, then the identity
 * (target, portal, tpgt, iface) and where it was discovered. */
#include "core/idbm_keys.h"

#include <string.h>

#include "core/config.h"
#include "core/errors.h"

_Static_assert(sizeof(struct idbm_node) < 65536,
	       "key table offsets are 16 bits");

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
	return 0;
}
