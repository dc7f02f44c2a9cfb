/* SPDX-License-Identifier: MIT */
/* iscsiadm_sessid.h - the -r SID argument of iscsiadm's session modes
 * (iscsiadm_sessid.c, a leaf: sysfs and the node database only). */
#ifndef ISCSIBOX_ISCSIADM_SESSID_H
#define ISCSIBOX_ISCSIADM_SESSID_H

#include <stdint.h>

/* -r: a session number or a sysfs directory of (or below) a session.
 * Returns 0 with *sid or the exit code, after printing the reason. */
int adm_sess_parse_sid(const char *arg, uint32_t *sid);

/* -r SID (other than a tree): a session bound to an iface other than
 * the built-in ones needs that iface's record.  0 (also when the session
 * cannot be read), or ISCSI_ERR_NOMEM (sic) after open-iscsi's message. */
int adm_sess_check_iface(uint32_t sid);

#endif
