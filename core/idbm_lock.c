/* SPDX-License-Identifier: MIT */
/* idbm_lock.c - open-iscsi's database lock, so iscsibox and open-iscsi
 * tools exclude each other: a hard link from <dir>/lock to
 * <dir>/lock.write is the writer's token (link() fails with EEXIST while
 * another process holds it). */
#include "core/idbm_db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/errors.h"
#include "core/fsutil.h"
#include "core/idbm_keys.h"

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
	close(fd);
	for (int i = 0; i < tries; i++) {
		if (!link(lock, wr)) {
			lk->depth = 1;
			return 0;
		}
		if (errno != EEXIST) {
			rc = -errno;
			goto fail;
		}
		nanosleep(&ts, NULL);
	}
	idbm_msg_add(msg, msgsz, "Timeout on acquiring lock on DB: %s, "
		     "errno: %d", wr, EEXIST);
	return ISCSI_ERR_IDBM;
fail:
	idbm_msg_add(msg, msgsz, "Could not lock %s: %s", lock, strerror(-rc));
	return ISCSI_ERR_IDBM;
}

void idbm_lock_release(struct idbm_lock *lk)
{
	char wr[PATH_MAX];

	if (lk->depth <= 0 || --lk->depth > 0)
		return;
	snprintf(wr, sizeof(wr), "%s/lock.write", lk->dir);
	unlink(wr);
}
