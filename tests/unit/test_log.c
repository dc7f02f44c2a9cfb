/* SPDX-License-Identifier: MIT */
/* test_log.c - the syslog sink: the datagram a receiver at a private
 * socket gets (priority, ident, pid, message, newline), the level filter,
 * the 1024-byte cut, and reconnecting to a receiver that came late or
 * was restarted. */
#include "core/log.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static char dir[] = "/tmp/test_log.XXXXXX";
static char path[sizeof(dir) + 8];

static int receiver(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	unlink(path);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("bind");
		exit(1);
	}
	return fd;
}

/* The next datagram, NUL-terminated; "" when none is waiting. */
static const char *next(int fd, char *buf, size_t size, ssize_t *len)
{
	ssize_t n = recv(fd, buf, size - 1, MSG_DONTWAIT);

	buf[n > 0 ? n : 0] = '\0';
	if (len)
		*len = n;
	return buf;
}

static void test_format(int fd)
{
	char want[128], buf[2048];
	ssize_t n;

	log_err("cannot %s %d", "connect", 5);
	snprintf(want, sizeof(want), "<27>iscsid[%d]: cannot connect 5\n",
		 (int)getpid());
	CHECK_STR(next(fd, buf, sizeof(buf), NULL), want);
	log_warn("w");
	snprintf(want, sizeof(want), "<28>iscsid[%d]: w\n", (int)getpid());
	CHECK_STR(next(fd, buf, sizeof(buf), NULL), want);

	/* a message ending in a newline gets no second one */
	log_set_debug(1);
	log_info("line\n");
	snprintf(want, sizeof(want), "<30>iscsid[%d]: line\n", (int)getpid());
	CHECK_STR(next(fd, buf, sizeof(buf), NULL), want);

	/* debug is filtered below -d 4, sent as severity 7 from there */
	log_debug("quiet");
	CHECK_STR(next(fd, buf, sizeof(buf), NULL), "");
	log_set_debug(4);
	log_debug("loud");
	snprintf(want, sizeof(want), "<31>iscsid[%d]: loud\n", (int)getpid());
	CHECK_STR(next(fd, buf, sizeof(buf), NULL), want);

	/* cut to 1023 bytes plus the newline, as musl's syslog() does */
	log_err("%1500s", "x");
	next(fd, buf, sizeof(buf), &n);
	CHECK_INT(n, 1024);
	CHECK_INT(buf[1023], '\n');
	CHECK_INT(buf[1022], ' ');
}

int main(void)
{
	char buf[256];
	int fd;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/log", dir);
	log_init("iscsid");

	/* no receiver yet: messages are dropped, the first one after a
	 * receiver appears gets through */
	CHECK_INT(log_syslog_open(path), 0);
	log_err("lost");
	fd = receiver();
	test_format(fd);

	/* receiver restarted (journald restart): reconnect once */
	close(fd);
	log_err("lost too");
	fd = receiver();
	log_err("back");
	CHECK(strstr(next(fd, buf, sizeof(buf), NULL), "]: back\n") != NULL);

	/* off: back to stderr, nothing more on the socket */
	log_use_syslog(0);
	log_err("to stderr (expected in the test output)");
	CHECK_STR(next(fd, buf, sizeof(buf), NULL), "");

	close(fd);
	unlink(path);
	rmdir(dir);
	return tap_done();
}
