/* SPDX-License-Identifier: MIT */
/* errors.c - text of the ISCSI_ERR_* codes, as iscsiadm prints them in
 * "initiator reported error (N - text)" and "Could not ...: text". */
#include "core/errors.h"

#include "core/strlist.h"

/* In ISCSI_ERR_* order, one item each (strlist.h). */
static const char iscsi_err_text[] =
	/* ISCSI_SUCCESS */
	"\0"
	/* ISCSI_ERR */
	"unknown error\0"
	/* ISCSI_ERR_SESS_NOT_FOUND */
	"session not found\0"
	/* ISCSI_ERR_NOMEM */
	"no available memory\0"
	/* ISCSI_ERR_TRANS */
	"encountered connection failure\0"
	/* ISCSI_ERR_LOGIN */
	"encountered iSCSI login failure\0"
	/* ISCSI_ERR_IDBM */
	"encountered iSCSI database failure\0"
	/* ISCSI_ERR_INVAL */
	"invalid parameter\0"
	/* ISCSI_ERR_TRANS_TIMEOUT */
	"connection timed out\0"
	/* ISCSI_ERR_INTERNAL */
	"internal error\0"
	/* ISCSI_ERR_LOGOUT */
	"encountered iSCSI logout failure\0"
	/* ISCSI_ERR_PDU_TIMEOUT */
	"iSCSI PDU timed out\0"
	/* ISCSI_ERR_TRANS_NOT_FOUND */
	"iSCSI driver not found. Please make sure it is loaded, and "
	"retry the operation\0"
	/* ISCSI_ERR_ACCESS */
	"daemon access denied\0"
	/* ISCSI_ERR_TRANS_CAPS */
	"iSCSI driver does not support requested capability.\0"
	/* ISCSI_ERR_SESS_EXISTS */
	"session exists\0"
	/* ISCSI_ERR_INVALID_MGMT_REQ */
	"Unknown request\0"
	/* ISCSI_ERR_ISNS_UNAVAILABLE */
	"iSNS service not supported\0"
	/* ISCSI_ERR_ISCSID_COMM_ERR */
	"could not communicate to iscsid\0"
	/* ISCSI_ERR_FATAL_LOGIN */
	"encountered non-retryable iSCSI login failure\0"
	/* ISCSI_ERR_ISCSID_NOTCONN */
	"could not connect to iscsid\0"
	/* ISCSI_ERR_NO_OBJS_FOUND */
	"no objects found\0"
	/* ISCSI_ERR_SYSFS_LOOKUP */
	"sysfs lookup failure\0"
	/* ISCSI_ERR_HOST_NOT_FOUND */
	"host not found\0"
	/* ISCSI_ERR_LOGIN_AUTH_FAILED */
	"iSCSI login failed due to authorization failure\0"
	/* ISCSI_ERR_ISNS_QUERY */
	"iSNS query failed\0"
	/* ISCSI_ERR_ISNS_REG_FAILED */
	"iSNS registration failed\0"
	/* ISCSI_ERR_OP_NOT_SUPP */
	"operation not supported\0"
	/* ISCSI_ERR_BUSY */
	"device or resource in use\0"
	/* ISCSI_ERR_AGAIN */
	"operation failed but retry may succeed\0"
	/* ISCSI_ERR_UNKNOWN_DISCOVERY_TYPE */
	"unknown discovery type\0"
	/* ISCSI_ERR_CHILD_TERMINATED */
	"child process terminated\0"
	/* ISCSI_ERR_SESSION_NOT_CONNECTED */
	"target likely not connected\0"
	/* ISCSI_ERR_REQ_TIMEDOUT */
	"iscsid request timed out\0";

const char *iscsi_err_str(int err)
{
	return strlist_at(iscsi_err_text, ISCSI_MAX_ERR_VAL, err,
			  "unknown error");
}
