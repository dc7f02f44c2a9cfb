/* SPDX-License-Identifier: MIT */
/* daemon_scan.c - host scans in child processes (daemon_scan.h).  The
 * child only writes the sysfs attribute and exits with the errno of the
 * write; the parent watches a pidfd (pidfd_open(2), readable once the
 * child has exited), reaps the child and calls back from the loop. */
#include "core/daemon_scan.h"

#include "core/errtext.h"
#include "core/log.h"
#include "core/loop.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct daemon_scan {
	struct loop *loop;
	pid_t pid;
	int pidfd;
	uint32_t host_no;
	daemon_scan_cb done;
	void *arg;
};

static void daemon_scan_free(struct daemon_scan *sc)
{
	loop_fd_del(sc->loop, sc->pidfd);
	close(sc->pidfd);
	free(sc);
}

static void daemon_scan_exited(struct loop *loop, int fd, short revents,
			       void *arg)
{
	struct daemon_scan *sc = arg;
	int st = 0, err = 0;
	pid_t r;

	do
		r = waitpid(sc->pid, &st, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return;		/* not yet: the pidfd fires again */
	if (r == sc->pid && WIFEXITED(st) && WEXITSTATUS(st))
		err = -WEXITSTATUS(st);
	else if (r == sc->pid && !WIFEXITED(st))
		err = -EINTR;
	if (err)
		log_warn("could not scan host%u: %s", sc->host_no,
			 errtext(-err));
	sc->done(err, sc->arg);
	daemon_scan_free(sc);
}

int daemon_scan_start(struct loop *loop, uint32_t host_no,
		      daemon_scan_cb done, void *arg,
		      struct daemon_scan **out)
{
	struct daemon_scan *sc = calloc(1, sizeof(*sc));
	int rc;

	if (!sc)
		return -ENOMEM;
	sc->loop = loop;
	sc->host_no = host_no;
	sc->done = done;
	sc->arg = arg;
	/* Without pidfds (kernel < 5.3) the loop could not hear the
	 * child: say so before forking, and the caller scans inline. */
	sc->pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	if (sc->pidfd < 0) {
		rc = -errno;
		free(sc);
		return rc;
	}
	close(sc->pidfd);
	/* _Fork(): fork without musl's at-fork locking (rwlocks, timed
	 * waits, the vDSO clock: ~2 KB); one thread holds no lock to reset */
	sc->pid = _Fork();
	if (sc->pid < 0) {
		rc = -errno;
		free(sc);
		return rc;
	}
	if (sc->pid == 0) {
		/* Keep none of the daemon's descriptors: a child still
		 * scanning after the daemon died must not hold its IPC socket
		 * (a new iscsid could not bind it) nor iscsiadm's
		 * connections open. */
		if (syscall(SYS_close_range, 3u, ~0u, 0u) < 0)
			for (rc = 3; rc < 1024; rc++)
				close(rc);
		rc = sysfs_host_scan(host_no);
		_exit(rc < 0 && -rc < 256 ? -rc : rc < 0 ? EIO : 0);
	}
	/* A child that already exited is a zombie until reaped: its pidfd
	 * is readable at once. */
	sc->pidfd = (int)syscall(SYS_pidfd_open, sc->pid, 0);
	if (sc->pidfd < 0) {
		rc = -errno;
		goto wait;
	}
	rc = loop_fd_add(loop, sc->pidfd, POLLIN, daemon_scan_exited, sc);
	if (rc == 0) {
		*out = sc;
		return 0;
	}
	close(sc->pidfd);
wait:
	/* The child scans already and must be done before the caller
	 * answers: wait for it here, the one blocking fallback. */
	log_debug("cannot watch scan of host%u: %s", host_no, errtext(-rc));
	while (waitpid(sc->pid, NULL, 0) < 0 && errno == EINTR)
		;
	free(sc);
	return 1;
}

void daemon_scan_cancel(struct daemon_scan *sc)
{
	if (sc)
		daemon_scan_free(sc);
}
