/* SPDX-License-Identifier: MIT */
/* iscsid.c - the iscsid applet: open-iscsi's initiator daemon.
 * usage: iscsid [-c config] [-i iname-file] [-f] [-d N] [-u uid] [-g gid]
 *               [-n] [-p pidfile] [-h] [-v]
 *
 * Front end of core/daemon.h: options, the IPC socket (or fd 3 from
 * systemd when LISTEN_PID/LISTEN_FDS say so), daemon mode with a pid
 * file (-f: foreground, no pid file), memory locked and out of the OOM
 * killer's way as open-iscsi does, SIGTERM/SIGINT and "iscsiadm -k 0"
 * for a clean stop that leaves the kernel sessions running. */
#include "applets/applets.h"
#include "applets/optmsg.h"
#include "core/config.h"
#include "core/daemon.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/idbm_db.h"
#include "core/ipc_sock.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/num.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ISCSID_PIDFILE "/run/iscsid.pid"
#define ISCSID_LISTEN_FD 3	/* systemd's first passed fd */

struct iscsid_opts {
	const char *config;
	const char *iname;
	const char *pidfile;	/* NULL: none */
	int foreground;
	long uid, gid;		/* -1: unchanged */
};

static void iscsid_usage(void)
{
	printf("Usage: iscsid [OPTION]\n"
	       "Open-iSCSI initiator daemon.\n"
	       "  -c, --config=[path]     Execute using the config file (/etc/iscsi/iscsid.conf).\n"
	       "  -i, --initiatorname=[path]     read initiatorname from file (/etc/iscsi/initiatorname.iscsi).\n"
	       "  -f, --foreground        Make the program run in the foreground\n"
	       "  -d, --debug debuglevel  Print debugging information\n"
	       "  -u, --uid=uid           Run as uid, default is current user\n"
	       "  -g, --gid=gid           Run as gid, default is current user group\n"
	       "  -n, --no-pid-file       Do not use a pid file\n"
	       "  -p, --pid=pidfile       Use pid file (default /run/iscsid.pid).\n"
	       "  -h, --help              Display this help and exit\n"
	       "  -v, --version           Display version and exit\n");
}

/* systemd socket activation: fd 3 when the variables are meant for us. */
static int iscsid_listen_fd(void)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	long p, n;

	if (!pid || !fds || num_parse_long(pid, 1, 0x7fffffff, &p) < 0 ||
	    num_parse_long(fds, 0, 64, &n) < 0 || (pid_t)p != getpid() ||
	    n != 1)
		return -1;
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	fcntl(ISCSID_LISTEN_FD, F_SETFD, FD_CLOEXEC);
	fcntl(ISCSID_LISTEN_FD, F_SETFL,
	      fcntl(ISCSID_LISTEN_FD, F_GETFL) | O_NONBLOCK);
	return ISCSID_LISTEN_FD;
}

static int iscsid_pidfile(const char *path)
{
	char buf[24];
	int fd, n;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || lockf(fd, F_TLOCK, 0) < 0) {
		log_err("Unable to create pid file %s: %s", path,
			errtext(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(fd, 0) < 0 || write(fd, buf, (size_t)n) != n) {
		log_err("Unable to write pid file %s", path);
		close(fd);
		return -1;
	}
	return fd;	/* kept open: the lock says we run */
}

/* Detach.  The parent exits only when the child reports ready through
 * *ready (pid file written, socket listening, sessions adopted: what
 * systemd's Type=forking and "iscsid; iscsiadm ..." count on), or with
 * ISCSI_ERR when the child dies first. */
static int iscsid_daemonize(int *ready)
{
	int p[2], fd;
	ssize_t n;
	pid_t pid;
	char c;

	/* _Fork() as in core/daemon_scan.c: nothing to run at fork */
	if (pipe2(p, O_CLOEXEC) < 0 || (pid = _Fork()) < 0) {
		log_err("Starting daemon failed: %s", errtext(errno));
		return -1;
	}
	if (pid > 0) {
		close(p[1]);
		do
			n = read(p[0], &c, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 ? 0 : ISCSI_ERR);
	}
	close(p[0]);
	*ready = p[1];
	setsid();
	if (chdir("/") < 0)
		return -1;
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	log_use_syslog(1);
	return 0;
}

/* What open-iscsi's iscsid does to survive memory pressure: it is on
 * the path that writes dirty pages back to iSCSI disks. */
static void iscsid_harden(void)
{
	int fd;

	if (mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		log_warn("Unable to lock memory: %s", errtext(errno));
	fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "-1000", 5) != 5)
			log_debug("cannot adjust oom_score_adj");
		close(fd);
	}
#ifdef PR_SET_IO_FLUSHER
	prctl(PR_SET_IO_FLUSHER, 1, 0, 0, 0);
#endif
}

/* Raw system calls, not setgid()/setuid(): libc's must change every
 * thread's ids and so link a signal-driven broadcast to all threads
 * (musl's __synccall), while iscsid has one thread. */
static int iscsid_ids(const struct iscsid_opts *o)
{
	if (o->gid >= 0 && syscall(SYS_setgid, (gid_t)o->gid) < 0) {
		log_err("Unable to setgid to %ld: %s", o->gid,
			errtext(errno));
		return -1;
	}
	if (o->uid >= 0 && syscall(SYS_setuid, (uid_t)o->uid) < 0) {
		log_err("Unable to setuid to %ld: %s", o->uid,
			errtext(errno));
		return -1;
	}
	return 0;
}

static void iscsid_signal(struct loop *loop, int signo, void *arg)
{
	log_info("iscsid shutting down (signal %d)", signo);
	loop_stop(loop, 0);
}

static int iscsid_run(const struct iscsid_opts *o)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct daemon_cfg cfg = { o->config, o->iname, idbm_root(),
				  sysfs_transport_load };
	struct daemon *d = NULL;
	struct loop *loop = NULL;
	int lfd, rc, pidfd = -1, ready = -1, ret = ISCSI_ERR;

	lfd = iscsid_listen_fd();
	if (lfd < 0 && (rc = ipc_sock_listen(&lfd)) < 0) {
		log_err("Can not create IPC socket: %s%s", errtext(-rc),
			rc == -EADDRINUSE ? " (is iscsid already running?)" :
					    "");
		return ISCSI_ERR;
	}
	signal(SIGPIPE, SIG_IGN);
	if (!o->foreground && iscsid_daemonize(&ready) < 0)
		goto out;
	if (o->pidfile && (pidfd = iscsid_pidfile(o->pidfile)) < 0)
		goto out;
	if (iscsid_ids(o) < 0)
		goto out;
	iscsid_harden();
	loop = loop_new();
	if (!loop || loop_signals(loop, sigs, 3, iscsid_signal, NULL) < 0)
		goto out;
	rc = daemon_new(loop, &cfg, lfd, &d);
	lfd = -1;
	if (rc) {
		log_err("cannot start: %s", iscsi_err_str(rc));
		goto out;
	}
	rc = daemon_adopt_all(d);
	if (rc)
		log_info("took over %d running session%s", rc,
			 rc == 1 ? "" : "s");
	log_info("iscsid ready");
	if (ready >= 0) {
		if (write(ready, "r", 1) != 1)
			log_debug("the starting process is gone");
		close(ready);
		ready = -1;
	}
	ret = loop_run(loop) < 0 ? ISCSI_ERR : ISCSI_SUCCESS;
out:
	if (ready >= 0)
		close(ready);	/* the starting process exits with an error */
	daemon_delete(d);
	loop_delete(loop);
	if (lfd >= 0)
		close(lfd);
	if (pidfd >= 0) {
		unlink(o->pidfile);
		close(pidfd);
	}
	return ret;
}

static int iscsid_id_arg(const char *s, long *out)
{
	if (num_parse_long(s, 0, 0x7fffffff, out) < 0) {
		log_err("invalid id %s", s);
		return -1;
	}
	return 0;
}

int iscsid_main(int argc, char **argv)
{
	static const struct optmsg_opt longopts[] = {
		{ "config", required_argument, 'c' },
		{ "initiatorname", required_argument, 'i' },
		{ "foreground", no_argument, 'f' },
		{ "debug", required_argument, 'd' },
		{ "uid", required_argument, 'u' },
		{ "gid", required_argument, 'g' },
		{ "no-pid-file", no_argument, 'n' },
		{ "pid", required_argument, 'p' },
		{ "help", no_argument, 'h' },
		{ "version", no_argument, 'v' },
		{ NULL, 0, 0 },
	};
	struct iscsid_opts o = { CONFIG_ISCSID_CONF, CONFIG_INITIATORNAME,
				 ISCSID_PIDFILE, 0, -1, -1 };
	struct optmsg g = OPTMSG_INIT;
	int c;

	log_init("iscsid");
	while ((c = optmsg_next(&g, argc, argv, "c:i:fd:u:g:np:vh",
				longopts)) != -1) {
		switch (c) {
		case 'c': o.config = g.arg; break;
		case 'i': o.iname = g.arg; break;
		case 'f': o.foreground = 1; break;
		case 'd': log_set_debug((int)num_strtol(g.arg, NULL, NULL)); break;
		case 'n': o.pidfile = NULL; break;
		case 'p': o.pidfile = g.arg; break;
		case 'u':
			if (iscsid_id_arg(g.arg, &o.uid) < 0)
				return ISCSI_ERR_INVAL;
			break;
		case 'g':
			if (iscsid_id_arg(g.arg, &o.gid) < 0)
				return ISCSI_ERR_INVAL;
			break;
		case 'h':
			iscsid_usage();
			return ISCSI_SUCCESS;
		case 'v':
			printf("iscsid version %s\n", ISCSIBOX_COMPAT_VERSION);
			return ISCSI_SUCCESS;
		default:	/* as open-iscsi: the complaint, a hint, 1 */
			fprintf(stderr, "%s\nTry `iscsid --help' for more "
				"information.\n", g.msg);
			return ISCSI_ERR;
		}
	}
	/* -f implies --no-pid-file (iscsid(8)). */
	if (o.foreground)
		o.pidfile = NULL;
	return iscsid_run(&o);
}
