/* SPDX-License-Identifier: MIT */
/* daemon_scan.h - the SCSI host scan after a login, run beside iscsid's
 * loop.  Writing "- - -" to scsi_host/hostN/scan returns only once the
 * midlayer has probed every LUN (dozens of round trips to the target),
 * so a forked child does the write and the loop hears the child's exit
 * through a pidfd: other sessions keep moving meanwhile, as open-iscsi's
 * forked scans let them.
 *
 * Ownership: daemon_scan_start() -> caller until done(arg) has been
 * called (the scan frees itself right after) or daemon_scan_cancel()
 * (done is then never called; a child still running is left to finish
 * alone).  Errors are -errno. */
#ifndef ISCSIBOX_DAEMON_SCAN_H
#define ISCSIBOX_DAEMON_SCAN_H

#include <stdint.h>

struct loop;
struct daemon_scan;

/* err: 0, or the -errno of the scan write (already logged). */
typedef void (*daemon_scan_cb)(int err, void *arg);

/* Fork the scan of host_no.  0 with *out set (done comes later); 1 when
 * the child could not be watched and was waited for (the scan is over,
 * no callback); -errno when no child was started (no pidfd support,
 * fork failed): the caller scans inline. */
int daemon_scan_start(struct loop *loop, uint32_t host_no,
		      daemon_scan_cb done, void *arg,
		      struct daemon_scan **out);
void daemon_scan_cancel(struct daemon_scan *sc);

#endif
