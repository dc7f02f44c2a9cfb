/* SPDX-License-Identifier: MIT */
/* kdisc.h - SendTargets discovery through a kernel session, for
 * transports whose kernel driver carries Text PDUs (iser), as
 * open-iscsi runs it: no TCP connection of our own (a transport
 * without ISCSI_CAP_TEXT_NEGO falls back to usess_run, as there).  Same settings and
 * result as usess_run (usession.h); transport names the kernel
 * transport, iface the iface record. */
#ifndef ISCSIBOX_KDISC_H
#define ISCSIBOX_KDISC_H

#include "core/usession.h"

int kdisc_run(struct loop *loop, struct rng *rng, const struct usess_cfg *u,
	      const char *transport, const char *iface,
	      struct usess_result *res);

#endif
