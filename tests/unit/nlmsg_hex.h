/* SPDX-License-Identifier: MIT */
/* nlmsg_hex.h - what test_nlmsg.c (the verbs we build) and
 * test_nlmsg_parse.c (the kernel's messages we read) share: NETLINK_ISCSI
 * messages written out by hand from the x86_64 layout: nlmsghdr {len @0,
 * type @4, flags @6, seq @8, pid @12}, then iscsi_uevent {type @16,
 * iferror @20, handle @24, u @32..55, r @56..71} (uevent offsets + 16),
 * then the payload.  All numbers little-endian. */
#ifndef ISCSIBOX_TEST_NLMSG_HEX_H
#define ISCSIBOX_TEST_NLMSG_HEX_H

#include <stdint.h>

#include "transport/nlmsg.h"

static const struct nlmsg_sender snd = {
	.handle = 0x1122334455667788ull,
	.pid = 0x1234,
};

/* nlmsghdr of a request: len, type, flags 0, seq 0, pid 0x1234 */
#define HDR_PID "00000000 34120000"
/* uevent header after the type: iferror 0, handle of snd */
#define EV_HANDLE "00000000 8877665544332211"
#define ZERO8 "0000000000000000"
#define ZERO16 ZERO8 ZERO8

static uint8_t buf[512];

#endif
