/* SPDX-License-Identifier: MIT */
/* test_proc.c - helper programs: exit statuses come back as wait
 * statuses, a missing program is 127 as a shell says, and the shell
 * form runs the whole command line as system() did. */
#include "core/proc.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* PATH search: a missing directory and a file that is not executable
 * are passed over, the first runnable one runs; none runnable is 127. */
static void test_path(void)
{
	char dir[] = "/tmp/test_proc_path.XXXXXX", d1[64], d2[64], f[96];
	char path[256], *old = getenv("PATH"), *saved = NULL;
	char *tool[] = { "ibx-proc-tool", NULL };
	FILE *fp;
	int st;

	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	if (old)
		saved = strdup(old);
	snprintf(d1, sizeof(d1), "%s/a", dir);
	snprintf(d2, sizeof(d2), "%s/b", dir);
	mkdir(d1, 0755);
	mkdir(d2, 0755);
	snprintf(f, sizeof(f), "%s/ibx-proc-tool", d1);
	fp = fopen(f, "w");	/* not executable */
	if (fp) {
		fputs("#!/bin/sh\nexit 9\n", fp);
		fclose(fp);
	}
	snprintf(f, sizeof(f), "%s/ibx-proc-tool", d2);
	fp = fopen(f, "w");
	if (fp) {
		fputs("#!/bin/sh\nexit 4\n", fp);
		fclose(fp);
	}
	chmod(f, 0755);
	snprintf(path, sizeof(path), "/nonexistent/x:%s:%s", d1, d2);
	setenv("PATH", path, 1);
	st = proc_run(tool);
	CHECK(WIFEXITED(st));
	CHECK_INT(WEXITSTATUS(st), 4);
	setenv("PATH", d1, 1);
	st = proc_run(tool);
	CHECK(WIFEXITED(st));
	CHECK_INT(WEXITSTATUS(st), 127);
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	free(saved);
	snprintf(f, sizeof(f), "rm -rf %s", dir);
	CHECK_INT(proc_run_shell(f), 0);
}

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
	test_path();
	return tap_done();
}
