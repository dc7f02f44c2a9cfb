/* SPDX-License-Identifier: MIT */
/* daemon_kmod.c - find the iscsi_tcp transport, loading the module on
 * demand (daemon.h). */
#include "core/daemon.h"

#include "transport/sysfs.h"

#include <sys/wait.h>
#include <unistd.h>

int daemon_load_tcp(uint64_t *handle, uint32_t *caps)
{
	pid_t pid;
	int st;

	if (sysfs_transport("tcp", handle, caps) == 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		execlp("modprobe", "modprobe", "-q", "iscsi_tcp", (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &st, 0);
	return sysfs_transport("tcp", handle, caps);
}
