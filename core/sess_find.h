/* SPDX-License-Identifier: MIT */
/* sess_find.h - is there already a kernel session for this record?  The
 * check open-iscsi makes before every login that is not "multiple": a
 * session in sysfs with the same target name, the same portal (the
 * connection's persistent address and port) and the same iface answers
 * ISCSI_ERR_SESS_EXISTS instead of a second session.
 *
 * Contracts: `root` is where sysfs is mounted (NULL: SYSFS_ROOT), so tests
 * run it on a fake tree.  Never prints.  A session whose attributes
 * cannot be read does not match. */
#ifndef ISCSIBOX_SESS_FIND_H
#define ISCSIBOX_SESS_FIND_H

#include <stdint.h>

#include "core/idbm.h"

/* The sessions' identities, read once: a command that checks many
 * records (a delete of all of them) reads sysfs once, not per record. */
struct sess_keys;

/* NULL only when out of memory; no sessions (or no sysfs): an empty set. */
struct sess_keys *sess_keys_read(const char *root);
void sess_keys_free(struct sess_keys *k);
/* The sid of the first session (open-iscsi's order) serving target at
 * addr:port through iface ("" = "default"), or 0. k may be NULL. */
uint32_t sess_keys_find(const struct sess_keys *k, const char *target,
			const char *addr, int port, const char *iface);

/* The sid of the first session (open-iscsi's order) that matches n, or 0
 * when none does (sids start at 1). */
uint32_t sess_find(const char *root, const struct idbm_node *n);

/* 0 when login to n may go on, ISCSI_ERR_SESS_EXISTS when a session for
 * it is already there. */
int sess_find_refuse(const char *root, const struct idbm_node *n);

#endif
