/* SPDX-License-Identifier: MIT */
/* log.c - stderr/syslog logging with open-iscsi's "prog: " prefix. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

/* Set once before the event loop starts (see log.h). */
static struct {
	const char *prog;
	int level;
	int syslog;
} log_cfg = { "iscsibox", LOG_LVL_WARN, 0 };

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

void log_use_syslog(int on)
{
	log_cfg.syslog = on;
	if (on)
		openlog(log_cfg.prog, LOG_PID, LOG_DAEMON);
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
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	va_list ap;

	if (!log_enabled(lvl))
		return;
	va_start(ap, fmt);
	if (log_cfg.syslog) {
		vsyslog(prio[lvl], fmt, ap);
	} else {
		fprintf(stderr, "%s: ", log_cfg.prog);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
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
