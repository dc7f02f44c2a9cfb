/* SPDX-License-Identifier: MIT */
/* errors.h - the ISCSI_ERR_* codes (open-iscsi's exit codes, iscsiadm(8)
 * EXIT STATUS) and the one error convention of the tree:
 *
 *  - codecs and transport (pdu, keys, nlmsg, ipc framing, netlink, tcp,
 *    sysfs, num, fsutil) return 0 or a negative errno (-EINVAL,
 *    -ETIMEDOUT, ...), never print, and leave the policy to the caller;
 *  - session, database and applet layers (login, ksession, usession,
 *    daemon, idbm, config, discovery) return ISCSI_SUCCESS or an
 *    ISCSI_ERR_* value, which travels unchanged up to the applet that
 *    prints it once and exits with it (or, in iscsid, sends it to
 *    iscsiadm in the reply);
 *  - the step from one to the other happens once, where a -errno first
 *    meets a session-level decision, and its header says so.
 * A function's header comment names which of the two it returns; none
 * returns both. */
#ifndef ISCSIBOX_ERRORS_H
#define ISCSIBOX_ERRORS_H

enum iscsi_err {
	ISCSI_SUCCESS = 0,
	ISCSI_ERR = 1,
	ISCSI_ERR_SESS_NOT_FOUND = 2,
	ISCSI_ERR_NOMEM = 3,
	ISCSI_ERR_TRANS = 4,
	ISCSI_ERR_LOGIN = 5,
	ISCSI_ERR_IDBM = 6,
	ISCSI_ERR_INVAL = 7,
	ISCSI_ERR_TRANS_TIMEOUT = 8,
	ISCSI_ERR_INTERNAL = 9,
	ISCSI_ERR_LOGOUT = 10,
	ISCSI_ERR_PDU_TIMEOUT = 11,
	ISCSI_ERR_TRANS_NOT_FOUND = 12,
	ISCSI_ERR_ACCESS = 13,
	ISCSI_ERR_TRANS_CAPS = 14,
	ISCSI_ERR_SESS_EXISTS = 15,
	ISCSI_ERR_INVALID_MGMT_REQ = 16,
	ISCSI_ERR_ISNS_UNAVAILABLE = 17,
	ISCSI_ERR_ISCSID_COMM_ERR = 18,
	ISCSI_ERR_FATAL_LOGIN = 19,
	ISCSI_ERR_ISCSID_NOTCONN = 20,
	ISCSI_ERR_NO_OBJS_FOUND = 21,
	ISCSI_ERR_SYSFS_LOOKUP = 22,
	ISCSI_ERR_HOST_NOT_FOUND = 23,
	ISCSI_ERR_LOGIN_AUTH_FAILED = 24,
	ISCSI_ERR_ISNS_QUERY = 25,
	ISCSI_ERR_ISNS_REG_FAILED = 26,
	ISCSI_ERR_OP_NOT_SUPP = 27,
	ISCSI_ERR_BUSY = 28,
	ISCSI_ERR_AGAIN = 29,
	ISCSI_ERR_UNKNOWN_DISCOVERY_TYPE = 30,
	ISCSI_ERR_CHILD_TERMINATED = 31,
	ISCSI_ERR_SESSION_NOT_CONNECTED = 32,
	ISCSI_ERR_REQ_TIMEDOUT = 33,
	ISCSI_MAX_ERR_VAL
};

/* open-iscsi's text for an error code ("unknown error" for out of range). */
const char *iscsi_err_str(int err);

#endif
