/* SPDX-License-Identifier: MIT */
/* log.c - stderr/syslog logging with open-iscsi's "prog: " prefix.
 *
 * The syslog sink is our own few lines instead of musl's openlog/vsyslog:
 * musl stamps every message with strftime(localtime()), which links the
 * time zone and locale code (~11 KB) into an early-boot binary.  We send
 * what musl sends minus the timestamp, "<PRI>prog[pid]: message\n", as
 * one datagram to /dev/log.  RFC 3164 §4.3.3 lets a receiver add a missing
 * TIMESTAMP, and the local receivers do: journald takes the time of
 * arrival and parses "<PRI>ident[pid]: " with or without a timestamp,
 * rsyslog's imuxsock uses the time of arrival by default anyway. */
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* RFC 3164 §4.1.1: PRI = facility * 8 + severity; daemon facility (3) */
#define LOG_PRI_DAEMON (3 << 3)
#define LOG_LINE_MAX 1024	/* musl's syslog buffer: longer is cut */

/* Set once before the event loop starts (see log.h). */
static struct {
	const char *prog;
	int level;
	int syslog_fd;		/* -1: stderr */
	struct sockaddr_un syslog_addr;
} log_cfg = { "iscsibox", LOG_LVL_WARN, -1, { AF_UNIX, "" } };

void log_init(const char *prog)
{
	log_cfg.prog = prog;
}

void log_set_debug(int level)
{
	if (level <= 0)
		log_cfg.level = LOG_LVL_WARN;
	else if (level < 4)
		log_cfg.level = LOG_LVL_INFO;
	else
		log_cfg.level = LOG_LVL_DEBUG;
}

int log_syslog_open(const char *path)
{
	struct sockaddr_un *a = &log_cfg.syslog_addr;

	if (strlen(path) >= sizeof(a->sun_path))
		return -ENAMETOOLONG;
	if (log_cfg.syslog_fd < 0)
		log_cfg.syslog_fd =
			socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (log_cfg.syslog_fd < 0)
		return -errno;
	strcpy(a->sun_path, path);
	/* No receiver yet (early boot) is fine: log_syslog() retries. */
	connect(log_cfg.syslog_fd, (struct sockaddr *)a, sizeof(*a));
	return 0;
}

void log_use_syslog(int on)
{
	if (!on) {
		if (log_cfg.syslog_fd >= 0)
			close(log_cfg.syslog_fd);
		log_cfg.syslog_fd = -1;
	} else if (log_syslog_open(LOG_SYSLOG_PATH) < 0) {
		log_cfg.syslog_fd = -1;
	}
}

/* One datagram per message; a receiver that went away or appeared since
 * the last message gets one reconnect, as musl's vsyslog does.  Messages
 * nobody receives are dropped: a daemon must not block on its log. */
static void log_syslog(enum log_level lvl, const char *fmt, va_list ap)
{
	static const unsigned char sev[] = { 3, 4, 6, 7 }; /* err..debug */
	struct sockaddr_un *a = &log_cfg.syslog_addr;
	char buf[LOG_LINE_MAX];
	int fd = log_cfg.syslog_fd;
	int n, m;

	n = snprintf(buf, sizeof(buf), "<%d>%s[%d]: ",
		     LOG_PRI_DAEMON | sev[lvl], log_cfg.prog, (int)getpid());
	if (n < 0 || n >= (int)sizeof(buf) - 1)
		return;
	m = vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	if (m < 0)
		return;
	n = (m >= (int)sizeof(buf) - n) ? (int)sizeof(buf) - 1 : n + m;
	if (buf[n - 1] != '\n')
		buf[n++] = '\n';
	if (send(fd, buf, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) >= 0)
		return;
	if (errno == ENOTCONN || errno == ECONNREFUSED ||
	    errno == ECONNRESET || errno == EPIPE)
		if (connect(fd, (struct sockaddr *)a, sizeof(*a)) == 0)
			send(fd, buf, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT);
}

const char *log_prog(void)
{
	return log_cfg.prog;
}

int log_enabled(enum log_level lvl)
{
	return (int)lvl <= log_cfg.level;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;

	if (!log_enabled(lvl))
		return;
	va_start(ap, fmt);
	if (log_cfg.syslog_fd >= 0) {
		log_syslog(lvl, fmt, ap);
	} else {
		fprintf(stderr, "%s: ", log_cfg.prog);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

void log_err_lines(char *msg)
{
	char *save = NULL, *line;

	for (line = strtok_r(msg, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		log_err("%s", line);
}

char *log_sanitize(char *out, size_t outsz, const char *in, size_t inlen)
{
	size_t i, n = 0;

	if (!outsz)
		return out;
	for (i = 0; i < inlen && in[i] && n + 1 < outsz; i++) {
		unsigned char c = (unsigned char)in[i];

		out[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	out[n] = '\0';
	return out;
}
