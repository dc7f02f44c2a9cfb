/* SPDX-License-Identifier: MIT */
/* proc.c - fork, exec and wait for a helper program (see proc.h). */
#include "core/proc.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

/* path NULL: search argv[0] in PATH.  vfork(), not fork(): the child
 * only execs or exits, and musl's fork() links its at-fork locking
 * (rwlocks, timed waits, ~2.5 KB) that iscsistart needs nowhere else. */
static int proc_exec_wait(const char *path, char *const argv[])
{
	pid_t pid = vfork();
	int st;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (path)
			execv(path, argv);
		else
			execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return st;
}

int proc_run(char *const argv[])
{
	return proc_exec_wait(NULL, argv);
}

int proc_run_shell(const char *cmd)
{
	char *argv[] = { "sh", "-c", "--", (char *)cmd, NULL };

	/* system() runs /bin/sh, not whatever "sh" PATH finds first */
	return proc_exec_wait("/bin/sh", argv);
}
