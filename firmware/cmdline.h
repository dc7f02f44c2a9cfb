/* SPDX-License-Identifier: MIT */
/* cmdline.h - iSCSI boot targets from the kernel command line, in the
 * words both distribution generators use, so an image without a
 * generator script can boot from the same line:
 *
 *   dracut:          netroot=iscsi:SPEC (repeatable), root=iscsi:SPEC,
 *                    rd.iscsi.initiator= (iscsi_initiator=),
 *                    rd.iscsi.target.name= .ip= .port= .group=,
 *                    rd.iscsi.username= .password= .in.username=
 *                    .in.password=, rd.iscsi.param=NAME=VALUE
 *                    (repeatable), rd.iscsi.login_retry_max=N,
 *                    rd.iscsi.firmware[=1] (iscsi_firmware, rd.iscsi.ibft)
 *   initramfs-tools: root=iscsi:SPEC, iscsi_initiator=, iscsi_target_name=
 *                    _ip= _port= _group=, iscsi_username= iscsi_password=
 *                    iscsi_in_username= iscsi_in_password=, iscsi_auto
 *
 *   SPEC = [USER:PASS[:INUSER:INPASS]@]SERVER:[PROTO]:[PORT]
 *          [:IFACE:NETDEV]:[LUN]:TARGETNAME          (RFC 4173, dracut)
 *   SERVER may be an IPv6 address in brackets; PROTO empty or 6 (TCP);
 *   PORT defaults to 3260, LUN to 0; a TARGETNAME starting iqn., eui. or
 *   naa. may itself hold colons.
 *
 * Words are split on blanks as the kernel splits them (double quotes
 * group, and are dropped); later words win for single settings.  The
 * target named by *_target_name/_ip (if both are given) comes after the
 * SPEC targets; credentials from rd.iscsi.* / iscsi_* fill what a SPEC
 * left empty.  Unknown words are ignored.
 *
 * Contracts: pure: reads only [buf, buf + len), never allocates, the
 * caller owns *out.  Returns the number of targets (0..CMDLINE_MAX_TGTS),
 * or -EINVAL for the first malformed iSCSI word with the reason in
 * out->why; words after it are still parsed, so out holds every usable
 * target either way.  Secrets are copied into out: wipe it after use. */
#ifndef ISCSIBOX_CMDLINE_H
#define ISCSIBOX_CMDLINE_H

#include <stddef.h>

#define CMDLINE_MAX_TGTS 8
#define CMDLINE_MAX_PARAMS 16
#define CMDLINE_NAME_MAX 224	/* iSCSI name (RFC 7143 §4.2.7.1) + NUL */
#define CMDLINE_ADDR_MAX 64
#define CMDLINE_AUTH_MAX 256
#define CMDLINE_PARAM_MAX 256
#define CMDLINE_IFACE_MAX 64

struct cmdline_tgt {
	char name[CMDLINE_NAME_MAX];
	char address[CMDLINE_ADDR_MAX];	/* without IPv6 brackets */
	int port;
	int tpgt;			/* -1: not given */
	unsigned long lun;
	char iface[CMDLINE_IFACE_MAX];	/* "" unless SPEC names one */
	char netdev[CMDLINE_IFACE_MAX];
	char user[CMDLINE_AUTH_MAX], pass[CMDLINE_AUTH_MAX];
	char user_in[CMDLINE_AUTH_MAX], pass_in[CMDLINE_AUTH_MAX];
};

struct cmdline_iscsi {
	char initiator[CMDLINE_NAME_MAX];	/* "" if none */
	int firmware;			/* iBFT asked for */
	int login_retry_max;		/* -1: not given */
	int n_tgts;
	struct cmdline_tgt tgt[CMDLINE_MAX_TGTS];
	int n_params;
	char param[CMDLINE_MAX_PARAMS][CMDLINE_PARAM_MAX];	/* NAME=VALUE */
	char why[160];
};

int cmdline_parse(const char *buf, size_t len, struct cmdline_iscsi *out);

#endif
