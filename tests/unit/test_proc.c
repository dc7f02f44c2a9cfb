/* SPDX-License-Identifier: MIT */
/* test_proc.c - helper programs: exit statuses come back as wait
 * statuses, a missing program is 127 as a shell says, and the shell
 * form runs the whole command line as system() did. */
#include "core/proc.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	char *exit3[] = { "sh", "-c", "exit 3", NULL };
	char *missing[] = { "/nonexistent/iscsibox-test", NULL };
	char *path_search[] = { "true", NULL };
	char file[] = "/tmp/test_proc.XXXXXX";
	char cmd[128];
	int fd, st;

	st = proc_run(exit3);
	CHECK(WIFEXITED(st));
	CHECK_INT(WEXITSTATUS(st), 3);
	CHECK_INT(proc_run(path_search), 0);
	st = proc_run(missing);
	CHECK(WIFEXITED(st));
	CHECK_INT(WEXITSTATUS(st), 127);

	st = proc_run_shell("exit 5");
	CHECK(WIFEXITED(st));
	CHECK_INT(WEXITSTATUS(st), 5);
	/* a leading '-' is a command, not a shell option ("sh -c --") */
	st = proc_run_shell("-iscsibox-no-such-command 2>/dev/null");
	CHECK(WIFEXITED(st));
	CHECK_INT(WEXITSTATUS(st), 127);

	/* redirections and ';' work: it is a shell line */
	fd = mkstemp(file);
	CHECK(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "echo a >%s; echo b >>%s", file, file);
	CHECK_INT(proc_run_shell(cmd), 0);
	snprintf(cmd, sizeof(cmd), "test \"$(cat %s)\" = \"a\nb\"", file);
	CHECK_INT(proc_run_shell(cmd), 0);
	unlink(file);
	return tap_done();
}
