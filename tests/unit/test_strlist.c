/* SPDX-License-Identifier: MIT */
/* test_strlist.c - packed string tables: walking them, and the tables
 * kept that way, whose order is their meaning (error codes, opcodes). */
#include "core/errors.h"
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

int main(void)
{
	test_walk();
	test_errors();
	test_opcodes();
	return tap_done();
}
