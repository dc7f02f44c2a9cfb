/* SPDX-License-Identifier: MIT */
/* iscsiadm_iscsid.c - iscsiadm's one IPC client: connect to iscsid's
 * abstract unix socket, start it with the iscsid.startup command of
 * iscsid.conf when nobody listens (what systemd socket units and
 * open-iscsi's init scripts rely on), send a request, await its answer,
 * and print what open-iscsi prints when that fails. */
#include "applets/iscsiadm_iscsid.h"
#include "core/config.h"
#include "core/errors.h"
#include "core/fsutil.h"
#include "core/ipc_oi.h"
#include "core/ipc_sock.h"
#include "core/log.h"
#include "core/proc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADM_ISCSID_CONF "/etc/iscsi/iscsid.conf"
#define ADM_STARTUP_MAX 1024
#define ADM_INFO_TIMEOUT_MS 5000

/* Run iscsid.startup; 0 if there was one to run. */
static int adm_iscsid_startup(void)
{
	char cmd[ADM_STARTUP_MAX];
	char *text = NULL;
	size_t len = 0;
	int rc = -ENOENT;

	if (fs_read_file(ADM_ISCSID_CONF, CONFIG_FILE_MAX, &text, &len) == 0)
		rc = config_get_string(text, len, "iscsid.startup", cmd,
				       sizeof(cmd));
	else
		log_err("can't open iscsid.startup configuration file %s",
			ADM_ISCSID_CONF);
	free(text);
	if (rc < 0) {
		log_err("iscsid is not running. Could not start it up "
			"automatically using the startup command in the "
			"iscsid.conf iscsid.startup setting. Please check "
			"that the file exists or that your init scripts have "
			"started iscsid.");
		return rc;
	}
	rc = proc_run_shell(cmd);
	if (rc < 0)
		log_err("Could not execute '%s' (err %d)", cmd, -rc);
	return 0;
}

int adm_iscsid_connect(void)
{
	int fd = -1, rc;

	rc = ipc_sock_connect(&fd);
	if (rc == 0)
		return fd;
	if ((rc == -ECONNREFUSED || rc == -ENOENT) &&
	    adm_iscsid_startup() == 0) {
		sleep(1);	/* give the socket unit a moment */
		rc = ipc_sock_connect(&fd);
		if (rc == 0)
			return fd;
	}
	log_err("can not connect to iSCSI daemon (%d)!", -rc);
	return -ISCSI_ERR_ISCSID_NOTCONN;
}

int adm_job_send(struct adm_job *j, const struct ipc_msg *m, int startup)
{
	int rc = startup ? adm_iscsid_connect() : ipc_sock_connect(&j->fd);

	if (startup && rc >= 0) {
		j->fd = rc;
		rc = 0;
	}
	if (rc < 0) {
		if (!startup)
			log_err("can not connect to iSCSI daemon (%d)!", -rc);
		j->fd = -1;
		return ISCSI_ERR_ISCSID_NOTCONN;
	}
	rc = ipc_sock_send(j->fd, m);
	if (rc < 0) {
		log_err("got write error (%d/%d) on cmd %d, daemon died?", rc,
			-rc, m->cmd);
		close(j->fd);
		j->fd = -1;
		return ISCSI_ERR_ISCSID_COMM_ERR;
	}
	return 0;
}

int adm_job_wait(struct adm_job *j, uint16_t cmd, int timeout_ms,
		 struct ipc_msg *r)
{
	struct ipc_msg mine;
	int rc;

	rc = ipc_sock_wait(j->fd, cmd, timeout_ms, r ? r : &mine);
	close(j->fd);
	j->fd = -1;
	if (rc == -ETIMEDOUT)
		return ISCSI_ERR_REQ_TIMEDOUT;
	if (rc == -ENOMEM)
		return ISCSI_ERR_NOMEM;
	if (rc < 0)
		return ISCSI_ERR_ISCSID_COMM_ERR;
	return r ? r->err : mine.err;
}

void adm_job_report(const char *what, const char *label, int err)
{
	log_err("Could not %s %s.", what, label);
	log_err("initiator reported error (%d - %s)", err, iscsi_err_str(err));
}

int adm_iscsid_request(const struct ipc_msg *m, struct ipc_msg *r)
{
	struct adm_job j = { "", -1, 0 };
	int rc = adm_job_send(&j, m, 1);

	return rc ? rc : adm_job_wait(&j, m->cmd, ADM_INFO_TIMEOUT_MS, r);
}

/* Asked in open-iscsi's own frame (ipc_oi.h), which both its iscsid and
 * ours answer, as its iscsiadm asks: any iscsid shows its states. */
void adm_iscsid_session_state(uint32_t sid, struct adm_sess_state *st)
{
	uint8_t *buf = malloc(IPC_OI_REQ_LEN);
	struct ipc_msg r;
	int fd = -1;

	snprintf(st->conn, sizeof(st->conn), "Unknown");
	snprintf(st->internal, sizeof(st->internal), "Unknown");
	if (!buf || (fd = adm_iscsid_connect()) < 0)
		goto out;
	ipc_oi_req_encode(IPC_CMD_SESSION_INFO, sid, buf);
	if (ipc_sock_write(fd, buf, IPC_OI_REQ_LEN) < 0 ||
	    ipc_sock_read(fd, buf, IPC_OI_RSP_LEN, ADM_INFO_TIMEOUT_MS) < 0)
		goto out;
	ipc_oi_rsp_decode(buf, &r);
	/* No states (an iscsid that does not track the session):
	 * "Unknown", as open-iscsi shows it. */
	if (r.cmd == IPC_CMD_SESSION_INFO && (r.has & IPC_HAS_STATE)) {
		snprintf(st->conn, sizeof(st->conn), "%s",
			 ipc_conn_state_str(r.conn_state));
		snprintf(st->internal, sizeof(st->internal), "%s",
			 ipc_sess_state_str(r.sess_state));
	}
out:
	if (fd >= 0)
		close(fd);
	free(buf);
}
