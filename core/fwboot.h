/* SPDX-License-Identifier: MIT */
/* fwboot.h - what open-iscsi 2.1.8 makes of a boot firmware table
 * (firmware/ibft.h): which targets it lists and with which NIC, which
 * NIC/target pair is "the boot entry", the record it prints for
 * "iscsistart -f" / "iscsiadm -m fw", and the node record a firmware
 * target becomes.  No I/O: the table is read by transport/sysfs_ibft.c.
 *
 * Entries point into the struct ibft they were made from and live as
 * long as it does. */
#ifndef ISCSIBOX_FWBOOT_H
#define ISCSIBOX_FWBOOT_H

#include <stddef.h>

#include "core/idbm.h"
#include "firmware/ibft.h"

struct fw_entry {
	const struct ibft_initiator *ini;
	const struct ibft_nic *nic;
	const struct ibft_tgt *tgt;
	const char *subsys;
};

/* Every usable target in table order with its NIC (the one whose index
 * is the target's nic-assoc), as open-iscsi's fw_get_targets: a target
 * needs non-zero flags, a name and an address; its NIC non-zero flags,
 * a MAC and - when it has a PCI device - a netdev.  Returns the number
 * of entries (at most max).  A nic-assoc no NIC has is skipped with
 * open-iscsi's "Invalid nic-assoc of N. Max id M." line, appended to msg
 * (stdout text, one line per '\n'). */
int fwboot_targets(const struct ibft *t, struct fw_entry *out, int max,
		   char *msg, size_t msgsz);

/* The boot entry (open-iscsi's fw_get_entry): the first NIC and the first
 * target with the "boot selected" flag, both usable.  0 or -ENOENT. */
int fwboot_boot_entry(const struct ibft *t, struct fw_entry *e);

/* The "# BEGIN RECORD 2.1.8" ... "# END RECORD" text open-iscsi prints
 * for an entry, secrets in clear as it prints them.  Returns the length
 * or -ENOSPC. */
int fwboot_format(const struct fw_entry *e, char *buf, size_t n);

/* bootproto: DHCP when the origin is DHCP or a DHCP server is given. */
int fwboot_is_dhcp(const struct ibft_nic *nic);

/* Fill a node record (already initialised with defaults and the config
 * file by the caller) with the firmware's values, as open-iscsi's
 * record from a boot context: name, portal, tpgt 1, CHAP names and
 * secrets, the firmware's initiator name and discovery type "fw".  The
 * startup mode stays the config file's: open-iscsi 2.1.8 writes
 * "manual" with the default iscsid.conf. */
void fwboot_node(const struct fw_entry *e, struct idbm_node *node);

#endif
