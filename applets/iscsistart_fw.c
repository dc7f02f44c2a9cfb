/* SPDX-License-Identifier: MIT */
/* iscsistart_fw.c - iscsistart's firmware modes, as open-iscsi 2.1.8:
 *   -f  print the record of every firmware target (Debian's initramfs
 *       parses it: "# BEGIN RECORD", "key = value", "# END RECORD");
 *   -b  log in to every firmware target, once the table has a NIC and a
 *       target marked "boot selected" ("Could not get boot entry."
 *       otherwise), each through the one login path of iscsistart.c;
 *   -N  bring up the NIC of every target: address, mask and broadcast,
 *       a host route to the target (via the gateway when off-link), on
 *       the NIC's VLAN netdev when the table names a VLAN (it must exist:
 *       /proc/net/vlan/config; none is created), with
 *       open-iscsi's "Setting up software interface IF" lines; planned
 *       by core/fwnet.c, applied over rtnetlink (transport/rtnl.c).
 * Messages and exit codes are open-iscsi's; the table comes from sysfs
 * or, without the iscsi_ibft module, from the raw ACPI table. */
#include "applets/iscsistart.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/fwboot.h"
#include "core/fwnet.h"
#include "core/idbm.h"
#include "core/log.h"
#include "transport/rtnl.h"
#include "transport/sysfs.h"
#include "transport/sysfs_ibft.h"
#include "transport/vlan.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <string.h>

/* Read the table; print open-iscsi's "no firmware" line and say what was
 * wrong with the table, if anything, when no target is usable. */
static int fw_targets(struct ibft *t, struct fw_entry *e, const char *none)
{
	char msg[512] = "";
	int n = 0;

	if (sysfs_ibft_read(SYSFS_ROOT, t) == 0)
		n = fwboot_targets(t, e, IBFT_MAX_TGTS, msg, sizeof(msg));
	fputs(msg, stdout);
	if (n <= 0) {
		if (t->why[0])
			log_err("%s", t->why);
		printf("%s\n", none);
	}
	return n;
}

static int fw_print(const struct fw_entry *e, int n)
{
	char buf[4096];
	int i;

	for (i = 0; i < n; i++)
		if (fwboot_format(&e[i], buf, sizeof(buf)) > 0)
			fputs(buf, stdout);
	return 0;
}

static int fw_login(const struct start_opts *o, const struct fw_entry *e,
		    int n)
{
	int i, rc = 0, r;

	for (i = 0; i < n; i++) {
		struct start_opts f = *o;
		const struct ibft_tgt *g = e[i].tgt;

		f.iname = e[i].ini->name;
		f.target = g->name;
		f.address = g->ip;
		f.port = g->port < 0 ? 3260 : g->port;
		f.tpgt = 1;
		f.user = g->chap_name[0] ? g->chap_name : NULL;
		f.pass = g->chap_name[0] ? g->chap_secret : NULL;
		f.user_in = g->rchap_name[0] ? g->rchap_name : NULL;
		f.pass_in = g->rchap_name[0] ? g->rchap_secret : NULL;
		r = start_login_opts(&f);
		if (r && !rc)
			rc = r;
	}
	return rc;
}

static int fw_net_fail(const char *what, const char *dev, int err)
{
	log_err("%s %s (err %d - %s)", what, dev, -err, errtext(-err));
	return err;
}

/* One target's NIC; the address only the first time a NIC comes up. */
static int fw_net_one(struct rtnl *r, const struct fw_entry *e, int bringup)
{
	const char *ifname = e->nic->ifname, *why = NULL;
	struct fwnet_plan p;
	char dev[IF_NAMESIZE + 8];
	int idx, rc;

	if (!ifname[0]) {
		log_err("No netdev name in fw entry.");
		return -EINVAL;
	}
	/* The VLAN is checked before the addresses, as open-iscsi does:
	 * the VLAN netdev of that id on this NIC must exist (none is
	 * created); the NIC itself comes up first. */
	rc = fwnet_plan(e, &p, &why);
	snprintf(dev, sizeof(dev), "%s", ifname);
	if (p.vlan && vlan_find("/proc/net/vlan/config", ifname, p.vlan, dev,
				sizeof(dev)) < 0) {
		log_err("No matching vlan found for fw entry.");
		return -EINVAL;
	}
	if (rc < 0) {
		log_err("%s", why);
		return -EINVAL;
	}
	if (p.vlan && bringup && (idx = (int)if_nametoindex(ifname)) > 0 &&
	    (rc = rtnl_link_up(r, idx)) < 0)
		return fw_net_fail("Could not bring up netdev", ifname, rc);
	idx = (int)if_nametoindex(dev);
	if (idx <= 0)
		return fw_net_fail("Could not bring up netdev", dev, -ENODEV);
	if (bringup) {
		rc = rtnl_link_up(r, idx);
		if (rc < 0)
			return fw_net_fail("Could not bring up netdev", dev, rc);
		rc = rtnl_addr_add(r, idx, p.family, p.addr, p.prefix,
				   p.family == AF_INET ? p.brd : NULL);
		if (rc < 0)
			return fw_net_fail("Could not set ip for", dev, rc);
	}
	rc = rtnl_route_host(r, idx, p.family, p.dst, p.via_gw ? p.gw : NULL);
	if (rc < 0)
		return fw_net_fail(p.via_gw ? "Could not set gateway for" :
					      "Could not set ip for", dev, rc);
	return 0;
}

static int fw_network(const struct fw_entry *e, int n)
{
	const char *prev = NULL;
	struct rtnl r;
	int i, rc = 0, err;

	err = rtnl_open(&r);
	if (err < 0) {
		log_err("Could not open socket to manage network (err %d - "
			"%s)", -err, errtext(-err));
		return ISCSI_ERR;
	}
	for (i = 0; i < n; i++) {
		const char *ifname = e[i].nic->ifname;
		int bringup = !prev || strcmp(prev, ifname);

		prev = ifname;
		/* open-iscsi asks ethtool for the driver (offload or not) and
		 * says so when the netdev is not there. */
		if (!if_nametoindex(ifname))
			log_err("Could not get driver %s.", ifname);
		printf("Setting up software interface %s\n", ifname);
		fflush(stdout);
		if (fw_net_one(&r, &e[i], bringup) < 0) {
			printf("Setting up software interface %s failed\n",
			       ifname);
			rc = ISCSI_ERR;
		}
	}
	rtnl_close(&r);
	return rc;
}

int start_fw(const struct start_opts *o)
{
	struct ibft *t = malloc(sizeof(*t));
	struct fw_entry e[IBFT_MAX_TGTS], boot;
	int n, rc = ISCSI_ERR_NO_OBJS_FOUND;

	if (!t)
		return ISCSI_ERR_NOMEM;
	if (o->fw_print) {
		n = fw_targets(t, e, "Could not get list of targets from "
				     "firmware.");
		if (n > 0)
			rc = fw_print(e, n);
	} else if (o->fw_connect) {
		/* The boot entry first, then the targets, as open-iscsi. */
		if (sysfs_ibft_read(SYSFS_ROOT, t) < 0 ||
		    fwboot_boot_entry(t, &boot) < 0) {
			if (t->why[0])
				log_err("%s", t->why);
			printf("Could not get boot entry.\n");
		} else {
			n = fw_targets(t, e, "Could not setup fw entries.");
			if (n > 0)
				rc = fw_login(o, e, n);
		}
	} else {
		n = fw_targets(t, e, "Could not setup fw entries.");
		if (n > 0)
			rc = fw_network(e, n);
	}
	free(t);
	return rc;
}
