/* SPDX-License-Identifier: MIT */
/* proc.h - running a helper program (modprobe, iscsid.startup) and
 * waiting for it, with vfork/exec: system() and posix_spawn() would link
 * more than that. */
#ifndef ISCSIBOX_PROC_H
#define ISCSIBOX_PROC_H

/* Run argv[0] (searched in PATH when it has no '/') with argv, wait for
 * it.  Returns its wait status (127 << 8 if it could not be executed,
 * as a shell reports), or -errno if no process could be started. */
int proc_run(char *const argv[]);

/* "sh -c -- cmd", what system(cmd) runs; same returns. */
int proc_run_shell(const char *cmd);

#endif
