/* SPDX-License-Identifier: MIT */
/* ibft.h - the iSCSI Boot Firmware Table as one record model, filled
 * either from the raw ACPI table (ibft_parse) or from the kernel's
 * /sys/firmware/ibft tree (transport/sysfs_ibft.c).
 *
 * The model holds every field as the text the kernel's iscsi_ibft
 * module shows in sysfs (addresses "%pI4"/"%pI6", MAC "%pM", LUN bytes
 * "%x" each), so both sources give byte-identical records and the
 * printers never see raw bytes.  An empty string or -1 means "the
 * kernel shows no such file".
 *
 * Contracts:
 *  - ibft_parse never reads outside [buf, buf + len) and never
 *    allocates; the caller owns *out.
 *  - Returns 0 when the table header and control structure are sound
 *    (structures the kernel would skip are skipped, and the first such
 *    problem is described in out->why), or -EBADMSG / -EPROTO with the
 *    reason in out->why when the kernel would refuse the whole table.
 */
#ifndef ISCSIBOX_IBFT_H
#define ISCSIBOX_IBFT_H

#include <stddef.h>
#include <stdint.h>

#define IBFT_MAX_NICS 8
#define IBFT_MAX_TGTS 8
#define IBFT_ADDR_MAX 40	/* "%pI6": 8 groups of 4 hex digits */
#define IBFT_NAME_MAX 224	/* iSCSI name, 223 + NUL (as open-iscsi) */
#define IBFT_AUTH_MAX 256	/* CHAP name/secret (as open-iscsi) */
#define IBFT_HOST_MAX 256
#define IBFT_PATH_MAX 256

/* Structure header flags (iBFT 1.03 §3.2). */
#define IBFT_FL_VALID 0x01
#define IBFT_FL_BOOT 0x02

/* IpPrefixOrigin of a NIC structure. */
#define IBFT_ORIGIN_DHCP 3

struct ibft_initiator {
	int present;
	int index, flags;
	char name[IBFT_NAME_MAX];
	char isid[10];		/* offload HBAs only (iscsi_bootN) */
};

struct ibft_nic {
	char dir[16];		/* "ethernet0" */
	int index, flags;	/* -1: absent */
	char ip[IBFT_ADDR_MAX];
	int prefix;		/* 0: not shown */
	char mask[16];
	int origin;
	char gateway[IBFT_ADDR_MAX];
	char dns1[IBFT_ADDR_MAX], dns2[IBFT_ADDR_MAX];
	char dhcp[IBFT_ADDR_MAX];
	char vlan[15];
	char mac[18];
	char hostname[IBFT_HOST_MAX];
	int pci_bdf;		/* raw table only; -1 from sysfs */
	/* Filled by the reader: the PCI device of the NIC (sysfs "device"
	 * link, or the device pci_bdf names) and its netdev. */
	char devpath[IBFT_PATH_MAX];
	char ifname[16];
	int ifname_missing;	/* device exists but no netdev found */
};

struct ibft_tgt {
	char dir[16];		/* "target0" */
	int index, flags;
	char ip[IBFT_ADDR_MAX];
	int port;
	char lun[17];
	int chap_type;
	int nic_assoc;
	char name[IBFT_NAME_MAX];
	char chap_name[IBFT_AUTH_MAX], chap_secret[IBFT_AUTH_MAX];
	char rchap_name[IBFT_AUTH_MAX], rchap_secret[IBFT_AUTH_MAX];
};

struct ibft {
	char source[IBFT_PATH_MAX];	/* where it was read from */
	char subsys[16];		/* "ibft" or "iscsi_bootN" */
	char signature[5], oem_id[7], oem_table_id[9];
	struct ibft_initiator ini;
	int n_nics, n_tgts;
	struct ibft_nic nics[IBFT_MAX_NICS];
	struct ibft_tgt tgts[IBFT_MAX_TGTS];
	char why[160];			/* first problem found, or "" */
};

/* Empty model: no initiator, no NICs, no targets. */
void ibft_init(struct ibft *t);
/* Parse a raw table (ACPI signature "IBFT", "iBFT" or "BIFT"). */
int ibft_parse(const uint8_t *buf, size_t len, struct ibft *out);

/* Text as the kernel shows it (ibft_fmt.c). */
void ibft_fmt_addr(const uint8_t ip[16], char out[IBFT_ADDR_MAX]);
int ibft_addr_set(const uint8_t ip[16]);
void ibft_fmt_mask(unsigned prefix, char out[16]);
void ibft_fmt_lun(const uint8_t lun[8], char out[17]);
void ibft_fmt_mac(const uint8_t mac[6], char out[18]);

#endif
