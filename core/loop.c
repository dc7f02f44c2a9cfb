/* SPDX-License-Identifier: MIT */
/* loop.c - poll loop with monotonic deadlines and signalfd (see loop.h).
 * Timers are a small unsorted array: an initiator has a handful at once,
 * so a linear scan is smaller than a heap and fast enough. */
#include "core/loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct loop_watch {
	int fd;
	short events;
	loop_fd_cb cb;
	void *arg;
};

struct loop_timer {
	uint64_t deadline;
	loop_timer_cb cb;
	void *arg;
	struct loop_timer *next;
};

struct loop {
	struct loop_watch *w;
	int nw, capw;
	struct loop_timer *timers;
	int sigfd;
	loop_signal_cb sig_cb;
	void *sig_arg;
	int stopped;
	int rc;
};

uint64_t loop_now(void)
{
	struct timespec ts;

	/* the system call, not clock_gettime(): musl's vDSO lookup is ~1 KB
	 * and the loop reads the clock a few times per wakeup */
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

struct loop *loop_new(void)
{
	struct loop *loop = calloc(1, sizeof(*loop));

	if (loop)
		loop->sigfd = -1;
	return loop;
}

void loop_delete(struct loop *loop)
{
	struct loop_timer *t, *n;

	if (!loop)
		return;
	for (t = loop->timers; t; t = n) {
		n = t->next;
		free(t);
	}
	if (loop->sigfd >= 0)
		close(loop->sigfd);
	free(loop->w);
	free(loop);
}

static int loop_find(const struct loop *loop, int fd)
{
	int i;

	for (i = 0; i < loop->nw; i++)
		if (loop->w[i].fd == fd)
			return i;
	return -1;
}

int loop_fd_add(struct loop *loop, int fd, short events, loop_fd_cb cb,
		void *arg)
{
	struct loop_watch *w;

	if (fd < 0 || loop_find(loop, fd) >= 0)
		return -EEXIST;
	if (loop->nw == loop->capw) {
		int cap = loop->capw ? loop->capw * 2 : 8;

		w = realloc(loop->w, (size_t)cap * sizeof(*w));
		if (!w)
			return -ENOMEM;
		loop->w = w;
		loop->capw = cap;
	}
	loop->w[loop->nw++] = (struct loop_watch){ fd, events, cb, arg };
	return 0;
}

int loop_fd_events(struct loop *loop, int fd, short events)
{
	int i = loop_find(loop, fd);

	if (i < 0)
		return -ENOENT;
	loop->w[i].events = events;
	return 0;
}

void loop_fd_del(struct loop *loop, int fd)
{
	int i = loop_find(loop, fd);

	if (i < 0)
		return;
	/* Mark only: loop_run compacts after dispatch so that indexes stay
	 * valid while callbacks run. */
	loop->w[i].fd = -1;
	loop->w[i].cb = NULL;
}

struct loop_timer *loop_timer_at(struct loop *loop, uint64_t deadline,
				 loop_timer_cb cb, void *arg)
{
	struct loop_timer *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->deadline = deadline;
	t->cb = cb;
	t->arg = arg;
	t->next = loop->timers;
	loop->timers = t;
	return t;
}

struct loop_timer *loop_timer_in(struct loop *loop, uint64_t ms,
				 loop_timer_cb cb, void *arg)
{
	return loop_timer_at(loop, loop_now() + ms, cb, arg);
}

void loop_timer_cancel(struct loop *loop, struct loop_timer *t)
{
	struct loop_timer **pp;

	if (!t)
		return;
	for (pp = &loop->timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			free(t);
			return;
		}
	}
}

static void loop_sig_ready(struct loop *loop, int fd, short revents,
			   void *arg)
{
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		if (loop->sig_cb)
			loop->sig_cb(loop, (int)si.ssi_signo, loop->sig_arg);
}

int loop_signals(struct loop *loop, const int *signals, int n,
		 loop_signal_cb cb, void *arg)
{
	sigset_t set;
	int i, fd;

	sigemptyset(&set);
	for (i = 0; i < n; i++)
		sigaddset(&set, signals[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	fd = signalfd(loop->sigfd, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	loop->sig_cb = cb;
	loop->sig_arg = arg;
	if (loop->sigfd < 0) {
		loop->sigfd = fd;
		return loop_fd_add(loop, fd, POLLIN, loop_sig_ready, NULL);
	}
	return 0;
}

void loop_stop(struct loop *loop, int rc)
{
	loop->stopped = 1;
	loop->rc = rc;
}

/* Run every timer whose deadline has passed; returns ms to the next one,
 * or -1 when there is none. */
static int loop_run_timers(struct loop *loop)
{
	struct loop_timer *t, *due;
	uint64_t now = loop_now(), next = UINT64_MAX;

	for (;;) {
		/* The earliest expired deadline first: after a stall several
		 * timers are due at once and must still fire in order. */
		due = NULL;
		for (t = loop->timers; t; t = t->next)
			if (t->deadline <= now &&
			    (!due || t->deadline < due->deadline))
				due = t;
		if (!due)
			break;
		loop_timer_cb cb = due->cb;
		void *arg = due->arg;

		loop_timer_cancel(loop, due);
		cb(loop, arg);
		if (loop->stopped)
			return 0;
		now = loop_now();
	}
	for (t = loop->timers; t; t = t->next)
		if (t->deadline < next)
			next = t->deadline;
	if (next == UINT64_MAX)
		return -1;
	return next - now > 60000 ? 60000 : (int)(next - now);
}

static void loop_compact(struct loop *loop)
{
	int i, j = 0;

	for (i = 0; i < loop->nw; i++)
		if (loop->w[i].fd >= 0)
			loop->w[j++] = loop->w[i];
	loop->nw = j;
}

int loop_run(struct loop *loop)
{
	struct pollfd *pfd = NULL;
	int cap = 0;

	loop->stopped = 0;
	loop->rc = 0;
	while (!loop->stopped) {
		int timeout, i, n, nw;

		timeout = loop_run_timers(loop);
		if (loop->stopped)
			break;
		loop_compact(loop);
		nw = loop->nw;
		/* The signal fd alone does not keep the loop alive. */
		if ((nw == 0 || (nw == 1 && loop->w[0].fd == loop->sigfd)) &&
		    timeout < 0)
			break;
		if (nw > cap) {
			struct pollfd *p = realloc(pfd, (size_t)nw * sizeof(*p));

			if (!p) {
				loop->rc = -ENOMEM;
				break;
			}
			pfd = p;
			cap = nw;
		}
		for (i = 0; i < nw; i++) {
			pfd[i].fd = loop->w[i].fd;
			pfd[i].events = loop->w[i].events;
			pfd[i].revents = 0;
		}
		n = poll(pfd, (nfds_t)nw, timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			loop->rc = -errno;
			break;
		}
		for (i = 0; i < nw && n > 0 && !loop->stopped; i++) {
			struct loop_watch w;

			if (!pfd[i].revents)
				continue;
			n--;
			w = loop->w[i];
			/* Skip watches removed or replaced by a callback. */
			if (w.fd != pfd[i].fd || !w.cb)
				continue;
			w.cb(loop, w.fd, pfd[i].revents, w.arg);
		}
	}
	free(pfd);
	return loop->rc;
}
