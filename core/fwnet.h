/* SPDX-License-Identifier: MIT */
/* fwnet.h - what "iscsistart -N" sets up for one firmware target, as
 * open-iscsi's net_setup_netdev decides it: the NIC's address with its
 * mask (and broadcast, IPv4), and a host route to the target - directly
 * when the target is in the NIC's subnet, via the firmware's gateway
 * otherwise.  Pure: the caller applies the plan (transport/rtnl.h). */
#ifndef ISCSIBOX_FWNET_H
#define ISCSIBOX_FWNET_H

#include <stdint.h>

#include "core/fwboot.h"

struct fwnet_plan {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	unsigned prefix;
	uint8_t brd[4];		/* AF_INET */
	uint8_t dst[16];	/* the target */
	uint8_t gw[16];
	int via_gw;
	unsigned vlan;		/* 0: none */
};

/* 0, or -EINVAL with *why naming the missing or bad field (open-iscsi's
 * wording); p->vlan is set even then. */
int fwnet_plan(const struct fw_entry *e, struct fwnet_plan *p,
	       const char **why);

#endif
