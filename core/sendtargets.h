/* SPDX-License-Identifier: MIT */
/* sendtargets.h - the answer to SendTargets=All (RFC 7143 §11.11 and
 * Appendix C): TargetName= followed by its TargetAddress= portals.
 * Ownership: sendtargets_parse() fills a list the caller frees with
 * st_list_free(). */
#ifndef ISCSIBOX_SENDTARGETS_H
#define ISCSIBOX_SENDTARGETS_H

#include <stddef.h>
#include <stdint.h>

#include "core/portal.h"

struct st_target {
	char *name;
	struct portal *portals;
	size_t n_portals;
};

struct st_list {
	struct st_target *targets;
	size_t n;
};

/* Parse a gathered SendTargets response.  A target without any
 * TargetAddress is reachable at the portal that was asked (disc_addr,
 * disc_port; tpgt unknown).  As open-iscsi: keys before the first
 * TargetName are ignored, other keys of a target are logged ("unexpected
 * SendTargets data") and skipped, and a TargetName over 223 bytes is
 * logged and ends the answer there (the targets before it are kept).
 * Rejects malformed text, an empty TargetName and bad addresses, with
 * *why set.  Returns 0, -EINVAL or -ENOMEM. */
int sendtargets_parse(const uint8_t *text, size_t len, const char *disc_addr,
		      int disc_port, struct st_list *out, const char **why);
void st_list_free(struct st_list *l);

#endif
