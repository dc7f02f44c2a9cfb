/* SPDX-License-Identifier: MIT */
/* loop.h - the one event loop every applet runs: poll(2) over registered
 * fds, timers on absolute CLOCK_MONOTONIC deadlines (ms), signals as an
 * fd (signalfd), EINTR hidden.  Single-threaded; callbacks may add or
 * remove fds/timers (including their own) while being called.
 *
 * Ownership: loop_new() -> caller, loop_delete(NULL) no-op; the loop does
 * not own registered fds (it never closes them).  A timer handle is valid
 * until its callback has run or it was cancelled. */
#ifndef ISCSIBOX_LOOP_H
#define ISCSIBOX_LOOP_H

#include <stdint.h>

struct loop;
struct loop_timer;

typedef void (*loop_fd_cb)(struct loop *loop, int fd, short revents,
			   void *arg);
typedef void (*loop_timer_cb)(struct loop *loop, void *arg);
typedef void (*loop_signal_cb)(struct loop *loop, int signo, void *arg);

struct loop *loop_new(void);
void loop_delete(struct loop *loop);

/* Milliseconds on CLOCK_MONOTONIC. */
uint64_t loop_now(void);

/* Watch fd for events (POLLIN/POLLOUT). One registration per fd. */
int loop_fd_add(struct loop *loop, int fd, short events, loop_fd_cb cb,
		void *arg);
int loop_fd_events(struct loop *loop, int fd, short events);
void loop_fd_del(struct loop *loop, int fd);

/* Call cb once at deadline (absolute, loop_now() scale). */
struct loop_timer *loop_timer_at(struct loop *loop, uint64_t deadline,
				 loop_timer_cb cb, void *arg);
struct loop_timer *loop_timer_in(struct loop *loop, uint64_t ms,
				 loop_timer_cb cb, void *arg);
void loop_timer_cancel(struct loop *loop, struct loop_timer *t);

/* Block the signals in mask set and deliver them through cb. */
int loop_signals(struct loop *loop, const int *signals, int n,
		 loop_signal_cb cb, void *arg);

/* Run until loop_stop() or nothing is registered; returns the value
 * given to loop_stop() (0 when the loop ran dry). */
int loop_run(struct loop *loop);
void loop_stop(struct loop *loop, int rc);

#endif
