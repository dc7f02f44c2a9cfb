/* SPDX-License-Identifier: MIT */
/* nodecfg.h - from a node record (idbm) to what a login needs: our
 * operational key values for negotiation (RFC 7143 §13) and the login
 * and kernel-session settings.  The results point into the record's
 * strings: keep the record alive while they are used. */
#ifndef ISCSIBOX_NODECFG_H
#define ISCSIBOX_NODECFG_H

#include <stdint.h>

#include "core/idbm.h"
#include "core/ksession.h"
#include "core/login.h"
#include "core/negotiate.h"
#include "core/portal.h"
#include "core/usession.h"

/* Operational values of a normal session.  0 or -EINVAL (*why set) when
 * a record value is outside RFC 7143's range. */
int nodecfg_neg(struct neg_state *neg, const struct idbm_node *node,
		const char **why);
/* InitiatorName, TargetName and CHAP settings. */
void nodecfg_login(struct login_params *lp, const struct idbm_node *node);
/* Everything a kernel session needs; caps from sysfs. */
int nodecfg_ksess(struct ksess_cfg *cfg, const struct idbm_node *node,
		  uint32_t caps);

/* A SendTargets discovery session to portal p through iface ifc (its
 * binding) as open-iscsi runs one from discovery record d (its CHAP
 * settings, timeouts and the few keys a discovery session negotiates);
 * iname is our InitiatorName.  u points into d, ifc, iname and p: keep
 * them alive while u is used.  0, or the
 * ISCSI_ERR_* open-iscsi exits with and *why (its message) for settings
 * it refuses. */
int nodecfg_disc(struct usess_cfg *u, const struct idbm_disc *d,
		 const struct idbm_iface *ifc, const char *iname,
		 const struct portal *p, const char **why);

#endif
