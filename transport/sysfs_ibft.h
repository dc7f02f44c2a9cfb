/* SPDX-License-Identifier: MIT */
/* sysfs_ibft.h - find and read the boot firmware table: the kernel's
 * /sys/firmware/ibft tree when the iscsi_ibft module shows it, else an
 * offload HBA's /sys/firmware/iscsi_bootN tree, else the raw ACPI table
 * in /sys/firmware/acpi/tables/{IBFT,iBFT,BIFT} parsed by firmware/ -
 * so firmware boot also works without the iscsi_ibft module.
 *
 * root is the sysfs mount ("/sys"; tests pass a fake tree).  Returns 0
 * with *t filled (possibly without targets; t->why then says what was
 * wrong with the table, if anything), -ENOENT when there is no table at
 * all, or the parser's -errno for a raw table the kernel would refuse
 * (t->why says why).  Each NIC gets its netdev name the way open-iscsi
 * finds it: the "device" link's net:IF or net/IF entry, else the MAC. */
#ifndef ISCSIBOX_SYSFS_IBFT_H
#define ISCSIBOX_SYSFS_IBFT_H

#include "firmware/ibft.h"

int sysfs_ibft_read(const char *root, struct ibft *t);

/* Order entries as kernfs lists a directory (by name hash), which is the
 * order open-iscsi finds ethernetN/targetN in. */
unsigned sysfs_kernfs_hash(const char *name);

#endif
