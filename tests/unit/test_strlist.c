/* SPDX-License-Identifier: MIT */
/* test_strlist.c - packed string tables: walking them, and the tables
 * kept that way, whose order is their meaning (error codes, opcodes,
 * status details, state numbers). */
#include "core/errors.h"
#include "core/ipc.h"
#include "core/isns.h"
#include "core/login.h"
#include "core/pdu.h"
#include "core/strlist.h"
#include "tap.h"

static void test_walk(void)
{
	static const char list[] = "a\0\0bc\0";

	CHECK_STR(strlist_nth(list, 0), "a");
	CHECK_STR(strlist_nth(list, 1), "");
	CHECK_STR(strlist_nth(list, 2), "bc");
	CHECK(strlist_next(list) == list + 2);
}

static void test_errors(void)
{
	CHECK_STR(iscsi_err_str(ISCSI_SUCCESS), "");
	CHECK_STR(iscsi_err_str(ISCSI_ERR), "unknown error");
	CHECK_STR(iscsi_err_str(ISCSI_ERR_TRANS_NOT_FOUND),
		  "iSCSI driver not found. Please make sure it is loaded, and "
		  "retry the operation");
	CHECK_STR(iscsi_err_str(ISCSI_ERR_ISCSID_NOTCONN),
		  "could not connect to iscsid");
	CHECK_STR(iscsi_err_str(ISCSI_ERR_REQ_TIMEDOUT),
		  "iscsid request timed out");
	CHECK_STR(iscsi_err_str(ISCSI_MAX_ERR_VAL), "unknown error");
	CHECK_STR(iscsi_err_str(-1), "unknown error");
}

static void test_opcodes(void)
{
	CHECK_STR(pdu_opcode_name(ISCSI_OP_NOOP_OUT), "nop-out");
	CHECK_STR(pdu_opcode_name(ISCSI_OP_IMMEDIATE | ISCSI_OP_LOGIN),
		  "login request");
	CHECK_STR(pdu_opcode_name(ISCSI_OP_LOGIN_RSP), "login response");
	CHECK_STR(pdu_opcode_name(ISCSI_OP_REJECT), "reject");
	CHECK_STR(pdu_opcode_name(0x3c), "unknown opcode");
}

static void test_status(void)
{
	CHECK_STR(login_status_text(ISCSI_STATUS_CLS_INITIATOR_ERR, 0),
		  "initiator error");
	CHECK_STR(login_status_text(ISCSI_STATUS_CLS_INITIATOR_ERR, 3),
		  "target not found");
	CHECK_STR(login_status_text(ISCSI_STATUS_CLS_INITIATOR_ERR, 11),
		  "invalid request during login");
	CHECK_STR(login_status_text(ISCSI_STATUS_CLS_INITIATOR_ERR, 12),
		  "initiator error");
	CHECK_STR(login_status_text(ISCSI_STATUS_CLS_TARGET_ERR, 2),
		  "out of resources");
	CHECK_STR(isns_status_str(0), "Success");
	CHECK_STR(isns_status_str(5), "Invalid query");
	CHECK_STR(isns_status_str(23), "Registration feature not supported");
	CHECK_STR(isns_status_str(24), "Unknown iSNS status code");
	CHECK_STR(ipc_conn_state_str(0), "FREE");
	CHECK_STR(ipc_conn_state_str(6), "CLEANUP WAIT");
	CHECK_STR(ipc_conn_state_str(7), "Unknown");
	CHECK_STR(ipc_sess_state_str(3), "REDIRECT");
	CHECK_STR(ipc_sess_state_str(4), "Unknown");
	CHECK_STR(ipc_stats_name(0), "txdata_octets");
	CHECK_STR(ipc_stats_name(IPC_STATS_N - 1), "timeout_err");
	CHECK(ipc_stats_name(IPC_STATS_N) == NULL);
}

int main(void)
{
	test_walk();
	test_errors();
	test_opcodes();
	test_status();
	return tap_done();
}
