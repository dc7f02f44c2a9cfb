/* SPDX-License-Identifier: MIT */
/* log.h - logging for every layer.  Messages go to stderr prefixed
 * "<program>: " (iscsiadm's own shape) or to syslog for daemons.
 * The program name, level and sink are set once at applet start
 * (log_init/log_set_*); that is the only process-wide state outside the
 * event loop, and it is written only before the loop runs. */
#ifndef ISCSIBOX_LOG_H
#define ISCSIBOX_LOG_H

#include <stddef.h>

enum log_level {
	LOG_LVL_ERR = 0,	/* always shown */
	LOG_LVL_WARN = 1,
	LOG_LVL_INFO = 2,	/* shown from -d 1 */
	LOG_LVL_DEBUG = 3,	/* shown from -d 4 (open-iscsi's debug range) */
};

void log_init(const char *prog);
/* -d N of open-iscsi: 0 errors+warnings, 1..3 info, 4..8 debug. */
void log_set_debug(int level);
/* on: messages go to the system log (LOG_SYSLOG_PATH, facility daemon,
 * "<PRI>prog[pid]: msg") instead of stderr; off: back to stderr. */
void log_use_syslog(int on);
#define LOG_SYSLOG_PATH "/dev/log"
/* The same with the log socket at path (tests bind their own); 0 or
 * -errno.  The socket is close-on-exec and survives fork. */
int log_syslog_open(const char *path);
const char *log_prog(void);
int log_enabled(enum log_level lvl);

void log_msg(enum log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...) log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

/* Print a multi-line message (the msg buffers of the record layer, see
 * idbm.h) as one error line per '\n'-separated line; empty lines are
 * skipped.  msg is cut up in place. */
void log_err_lines(char *msg);

/* Copy untrusted text (from the network, firmware or disk) into out for
 * printing: non-printable bytes become '?'; always NUL-terminates. */
char *log_sanitize(char *out, size_t outsz, const char *in, size_t inlen);

#endif
