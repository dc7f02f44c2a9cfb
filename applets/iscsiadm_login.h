/* SPDX-License-Identifier: MIT */
/* iscsiadm_login.h - logins through iscsid that other iscsiadm modes
 * start (iscsiadm_login.c). */
#ifndef ISCSIBOX_ISCSIADM_LOGIN_H
#define ISCSIBOX_ISCSIADM_LOGIN_H

#include "applets/iscsiadm.h"

struct idbm_node;

/* Log in once more with each of nodes[0..n) even though sessions of
 * theirs exist (-m session -r SID -o new): "Logging in to ...
 * (multiple)" lines, then the results; the exit code of the first
 * failure.  Reaches iscsid as adm_iscsid_connect() does. */
int adm_login_multiple(const struct adm_opts *o, struct idbm_node *nodes,
		       int n);

#endif
