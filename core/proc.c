/* SPDX-License-Identifier: MIT */
/* proc.c - fork, exec and wait for a helper program (see proc.h). */
#include "core/proc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* execvp(): file in each directory of PATH (default musl's), the next on
 * ENOENT, ENOTDIR or EACCES; returns only when none ran, errno EACCES if
 * one was there but not executable.  Ours: musl's is ~0.5 KB.  Runs in a
 * vfork() child, so only the stack is written. */
static void proc_execvp(char *const argv[])
{
	const char *path = getenv("PATH"), *p, *e;
	size_t n = strlen(argv[0]), dl;
	char buf[PATH_MAX];
	int eacces = 0;

	if (strchr(argv[0], '/')) {
		execv(argv[0], argv);
		return;
	}
	if (!path)
		path = "/usr/local/bin:/bin:/usr/bin";
	for (p = path;; p = e + 1) {
		e = strchrnul(p, ':');
		dl = (size_t)(e - p);
		if (dl + n + 2 <= sizeof(buf)) {
			memcpy(buf, p, dl);
			buf[dl] = '/';
			/* an empty entry is the current directory */
			memcpy(buf + dl + (dl > 0), argv[0], n + 1);
			execv(buf, argv);
			if (errno == EACCES)
				eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return;
		}
		if (!*e)
			break;
	}
	if (eacces)
		errno = EACCES;
}

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
			proc_execvp(argv);
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
