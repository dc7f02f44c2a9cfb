/* SPDX-License-Identifier: MIT */
/* ifbind.h - what an iface record binds a software-iSCSI (iscsi_tcp)
 * connection to, decided afresh for each connection attempt as
 * open-iscsi 2.1.8 decides it: iface.hwaddress (the netdev carrying that
 * MAC, in any case) wins, then iface.net_ifacename; iface.ipaddress
 * beside either is ignored, alone it is refused.  "" and "default" mean
 * unset.  The connect itself binds (tcp_connect_start). */
#ifndef ISCSIBOX_IFBIND_H
#define ISCSIBOX_IFBIND_H

#include <stddef.h>

#define IFBIND_NAME_MAX 16	/* IFNAMSIZ */

/* Lent from an iface record; NULL members are unset. */
struct ifbind {
	const char *hwaddress;
	const char *netdev;
	const char *ipaddress;
};

/* 1 when an iface value binds (neither NULL, "" nor "default"). */
int ifbind_is_set(const char *v);
/* The netdev a connection through b goes out of, under sysroot (e.g.
 * "/sys"): out = "" when b binds nothing.  0, or -ENODEV after logging
 * open-iscsi's reason (no NIC has the MAC; an address-only binding),
 * which open-iscsi then reports as a connection failure with errno 0
 * ("cannot make connection to ADDR: Success") and retries. */
int ifbind_netdev(const struct ifbind *b, const char *sysroot, char *out,
		  size_t n);

#endif
