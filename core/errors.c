/* SPDX-License-Identifier: MIT */
/* errors.c - text of the ISCSI_ERR_* codes, as iscsiadm prints them in
 * "initiator reported error (N - text)" and "Could not ...: text". */
#include "core/errors.h"

#include <stddef.h>

static const char *const iscsi_err_text[ISCSI_MAX_ERR_VAL] = {
	[ISCSI_SUCCESS] = "",
	[ISCSI_ERR] = "unknown error",
	[ISCSI_ERR_SESS_NOT_FOUND] = "session not found",
	[ISCSI_ERR_NOMEM] = "no available memory",
	[ISCSI_ERR_TRANS] = "encountered connection failure",
	[ISCSI_ERR_LOGIN] = "encountered iSCSI login failure",
	[ISCSI_ERR_IDBM] = "encountered iSCSI database failure",
	[ISCSI_ERR_INVAL] = "invalid parameter",
	[ISCSI_ERR_TRANS_TIMEOUT] = "connection timed out",
	[ISCSI_ERR_INTERNAL] = "internal error",
	[ISCSI_ERR_LOGOUT] = "encountered iSCSI logout failure",
	[ISCSI_ERR_PDU_TIMEOUT] = "iSCSI PDU timed out",
	[ISCSI_ERR_TRANS_NOT_FOUND] = "iSCSI driver not found. Please make "
				      "sure it is loaded, and retry the "
				      "operation",
	[ISCSI_ERR_ACCESS] = "daemon access denied",
	[ISCSI_ERR_TRANS_CAPS] = "iSCSI driver does not support requested "
				 "capability.",
	[ISCSI_ERR_SESS_EXISTS] = "session exists",
	[ISCSI_ERR_INVALID_MGMT_REQ] = "Unknown request",
	[ISCSI_ERR_ISNS_UNAVAILABLE] = "iSNS service not supported",
	[ISCSI_ERR_ISCSID_COMM_ERR] = "could not communicate to iscsid",
	[ISCSI_ERR_FATAL_LOGIN] = "encountered non-retryable iSCSI login "
				  "failure",
	[ISCSI_ERR_ISCSID_NOTCONN] = "could not connect to iscsid",
	[ISCSI_ERR_NO_OBJS_FOUND] = "no objects found",
	[ISCSI_ERR_SYSFS_LOOKUP] = "sysfs lookup failure",
	[ISCSI_ERR_HOST_NOT_FOUND] = "host not found",
	[ISCSI_ERR_LOGIN_AUTH_FAILED] = "iSCSI login failed due to "
					"authorization failure",
	[ISCSI_ERR_ISNS_QUERY] = "iSNS query failed",
	[ISCSI_ERR_ISNS_REG_FAILED] = "iSNS registration failed",
	[ISCSI_ERR_OP_NOT_SUPP] = "operation not supported",
	[ISCSI_ERR_BUSY] = "device or resource in use",
	[ISCSI_ERR_AGAIN] = "operation failed but retry may succeed",
	[ISCSI_ERR_UNKNOWN_DISCOVERY_TYPE] = "unknown discovery type",
	[ISCSI_ERR_CHILD_TERMINATED] = "child process terminated",
	[ISCSI_ERR_SESSION_NOT_CONNECTED] = "target likely not connected",
	[ISCSI_ERR_REQ_TIMEDOUT] = "iscsid request timed out",
};

const char *iscsi_err_str(int err)
{
	if (err < 0 || err >= ISCSI_MAX_ERR_VAL)
		return "unknown error";
	return iscsi_err_text[err];
}
