/* SPDX-License-Identifier: MIT */
/* idbm_lock.c - open-iscsi's database lock, so iscsibox and open-iscsi
 * tools exclude each other: a hard link from <dir>/lock to
 * <dir>/lock.write is the writer's token (link() fails with EEXIST while
 * another process holds it).
 *
 * Beyond open-iscsi: a holder killed with -9 would leave the token behind
 * and every later writer would wait 30 s and fail.  So an iscsibox holder
 * writes its pid into the token file (the link shares the lock's inode)
 * and empties it before unlinking; a waiter that finds a pid whose process
 * is gone breaks the token.  Taking and breaking the token happen under
 * flock() on the lock file, so two waiters cannot both break, nor break
 * a token just taken.  open-iscsi never writes the file, so a token it
 * holds is empty and is never broken; a token broken from a dead iscsibox
 * is emptied first, so if open-iscsi wins the race for the next link its
 * token is empty too.  Limits: the pid is only meaningful within one pid
 * namespace, and pid reuse can make a dead holder look alive (then we
 * wait as open-iscsi would). */
#include "core/errtext.h"
#include "core/idbm_db.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/errors.h"
#include "core/fsutil.h"
#include "core/idbm.h"
#include "core/idbm_util.h"
#include "core/num.h"

/* The pid an iscsibox holder wrote into the token, 0 when none. */
static pid_t idbm_lock_owner(int fd)
{
	char buf[16], *end;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = num_strtol(buf, &end, NULL);
	return (*end == '\n' || !*end) && pid > 0 && pid < (1L << 22) ?
		       (pid_t)pid : 0;
}

/* One attempt under the flock on the lock file (fd): 0 taken, -EAGAIN
 * held by a live process (or open-iscsi), -errno on failure. */
static int idbm_lock_try(int fd, const char *lock, const char *wr)
{
	char pid[16];
	int wfd, rc, n;
	pid_t owner;

	if (flock(fd, LOCK_EX))
		return -errno;
	if (!link(lock, wr)) {
		n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
		rc = ftruncate(fd, 0) || pwrite(fd, pid, (size_t)n, 0) != n ?
			     -errno : 0;
		goto out;
	}
	rc = errno == EEXIST ? -EAGAIN : -errno;
	wfd = rc == -EAGAIN ? open(wr, O_RDWR | O_CLOEXEC) : -1;
	if (wfd < 0)
		goto out;
	owner = idbm_lock_owner(wfd);
	if (owner && kill(owner, 0) && errno == ESRCH &&
	    !ftruncate(wfd, 0) && !unlink(wr))
		rc = -EINTR;	/* broken: try again at once */
	close(wfd);
out:
	flock(fd, LOCK_UN);
	return rc;
}

int idbm_lock_acquire(struct idbm_lock *lk, const char *dir, int tries,
		      char *msg, size_t msgsz)
{
	char lock[PATH_MAX], wr[PATH_MAX];
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int fd, rc;

	if (lk->depth > 0) {
		lk->depth++;
		return 0;
	}
	snprintf(lk->dir, sizeof(lk->dir), "%s", dir);
	snprintf(lock, sizeof(lock), "%s/lock", lk->dir);
	snprintf(wr, sizeof(wr), "%s/lock.write", lk->dir);
	rc = fs_mkdirs(lk->dir, 0755);
	if (rc)
		goto fail;
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		rc = -errno;
		goto fail;
	}
	for (int i = 0; i < tries; i++) {
		rc = idbm_lock_try(fd, lock, wr);
		if (rc == -EINTR)
			continue;
		if (rc != -EAGAIN)
			break;
		nanosleep(&ts, NULL);
	}
	close(fd);
	if (!rc) {
		lk->depth = 1;
		return 0;
	}
	if (rc != -EAGAIN)
		goto fail;
	idbm_msg_add(msg, msgsz, "Timeout on acquiring lock on DB: %s, "
		     "errno: %d", wr, EEXIST);
	return ISCSI_ERR_IDBM;
fail:
	idbm_msg_add(msg, msgsz, "Could not lock %s: %s", lock, errtext(-rc));
	return ISCSI_ERR_IDBM;
}

void idbm_lock_release(struct idbm_lock *lk)
{
	char wr[PATH_MAX];
	int fd;

	if (lk->depth <= 0 || --lk->depth > 0)
		return;
	snprintf(wr, sizeof(wr), "%s/lock.write", lk->dir);
	/* empty first: an unlinked token must never carry our pid */
	fd = open(wr, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	unlink(wr);
}
