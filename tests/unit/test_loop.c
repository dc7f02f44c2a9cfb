/* SPDX-License-Identifier: MIT */
/* test_loop.c - event loop: timer order and deadlines, fd readiness,
 * removal from inside callbacks, signals through signalfd. */
#include "core/loop.h"
#include "tap.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static char order[8];
static int norder;

static void mark(struct loop *loop, void *arg)
{
	order[norder++] = *(const char *)arg;
}

static void stop_cb(struct loop *loop, void *arg)
{
	loop_stop(loop, 42);
}

static int reads;

static void on_read(struct loop *loop, int fd, short revents, void *arg)
{
	char c;

	CHECK(revents & POLLIN);
	CHECK_INT(read(fd, &c, 1), 1);
	reads++;
	loop_fd_del(loop, fd);	/* removal from inside the callback */
	loop_stop(loop, 0);
}

static int got_signal;

static void on_signal(struct loop *loop, int signo, void *arg)
{
	got_signal = signo;
	loop_stop(loop, 0);
}

int main(void)
{
	struct loop *loop = loop_new();
	struct loop_timer *t;
	uint64_t start;
	int p[2];
	int sigs[] = { SIGUSR1 };

	/* Timers fire in deadline order, not creation order; a cancelled
	 * one never fires; the loop ends when nothing is left.  The start
	 * is read before the timers are set: read after, a busy machine's
	 * pause in between would count against the 30 ms. */
	start = loop_now();
	loop_timer_in(loop, 30, mark, "c");
	loop_timer_in(loop, 10, mark, "a");
	t = loop_timer_in(loop, 20, mark, "x");
	loop_timer_in(loop, 20, mark, "b");
	loop_timer_cancel(loop, t);
	CHECK_INT(loop_run(loop), 0);
	order[norder] = '\0';
	CHECK_STR(order, "abc");
	CHECK(loop_now() - start >= 30);

	/* After a stall (a busy machine) all three are due at once and
	 * still fire in deadline order. */
	norder = 0;
	loop_timer_in(loop, 30, mark, "c");
	loop_timer_in(loop, 10, mark, "a");
	loop_timer_in(loop, 20, mark, "b");
	usleep(60 * 1000);
	CHECK_INT(loop_run(loop), 0);
	order[norder] = '\0';
	CHECK_STR(order, "abc");

	/* loop_stop's value is what loop_run returns. */
	loop_timer_in(loop, 1, stop_cb, NULL);
	loop_timer_in(loop, 10000, mark, "z");
	CHECK_INT(loop_run(loop), 42);

	/* An fd callback runs when data is there. */
	CHECK_INT(pipe(p), 0);
	CHECK_INT(write(p[1], "x", 1), 1);
	CHECK_INT(loop_fd_add(loop, p[0], POLLIN, on_read, NULL), 0);
	CHECK(loop_fd_add(loop, p[0], POLLIN, on_read, NULL) < 0);
	/* Only a guard: the callback stops the loop. A short stop timer
	 * could expire first on a busy machine, and timers run first. */
	t = loop_timer_in(loop, 30000, stop_cb, NULL);
	loop_run(loop);
	loop_timer_cancel(loop, t);
	CHECK_INT(reads, 1);

	/* Signals arrive as callbacks. */
	CHECK_INT(loop_signals(loop, sigs, 1, on_signal, NULL), 0);
	kill(getpid(), SIGUSR1);
	t = loop_timer_in(loop, 30000, stop_cb, NULL);	/* guard only */
	loop_run(loop);
	loop_timer_cancel(loop, t);
	CHECK_INT(got_signal, SIGUSR1);
	close(p[0]);
	close(p[1]);
	loop_delete(loop);
	return tap_done();
}
