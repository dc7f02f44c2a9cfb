/* SPDX-License-Identifier: MIT */
/* test_nlmsg_parse.c - the kernel's NETLINK_ISCSI replies and events, as
 * byte arrays laid out by hand (nlmsg_hex.h), through nlmsg_parse() and
 * nlmsg_reply(): good ones, errors, truncated and malformed ones. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "nlmsg_hex.h"
#include "tap.h"

/* A kernel message: nlmsghdr with the given length and type 0 (as the
 * kernel sends events), pid 0, then the uevent. */
#define KHDR(len) len "00000000 00000000 00000000"

static void test_parse_create_session_reply(void)
{
	struct nlmsg_msg m;
	struct nlmsg_reply r;
	size_t n = tap_unhex(KHDR("48000000")
			     "0b000000" EV_HANDLE ZERO16 ZERO8
			     /* r: sid 1, host_no 3 */
			     "01000000 03000000" ZERO8,
			     buf, sizeof(buf));

	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(m.ev.transport_handle, snd.handle);
	CHECK_INT(m.payload_len, 0);
	CHECK_INT(nlmsg_reply(&m, ISCSI_UEVENT_CREATE_SESSION, &r), 0);
	CHECK_INT(r.sid, 1);
	CHECK_INT(r.host_no, 3);
	/* not the reply to another request */
	CHECK_INT(nlmsg_reply(&m, ISCSI_UEVENT_CREATE_CONN, &r), -ENOMSG);
}

static void test_parse_error_replies(void)
{
	struct nlmsg_msg m;
	struct nlmsg_reply r;
	size_t n;

	/* IF_ERROR (103) with iferror -EINVAL */
	n = tap_unhex(KHDR("48000000") "67000000 eaffffff 8877665544332211"
		      ZERO16 ZERO8 ZERO16, buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_reply(&m, ISCSI_UEVENT_SET_PARAM, &r), -EINVAL);

	/* BIND_CONN reply with retcode -EBADF */
	n = tap_unhex(KHDR("48000000") "0f000000" EV_HANDLE ZERO16 ZERO8
		      "f7ffffff 00000000" ZERO8, buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_reply(&m, ISCSI_UEVENT_BIND_CONN, &r), -EBADF);
	CHECK_INT(r.retcode, -EBADF);

	/* CREATE_CONN reply with cid -1 */
	n = tap_unhex(KHDR("48000000") "0d000000" EV_HANDLE ZERO16 ZERO8
		      "01000000 ffffffff" ZERO8, buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_reply(&m, ISCSI_UEVENT_CREATE_CONN, &r), -EIO);

	/* NLMSG_ERROR: nlmsghdr, error -EPERM, the offending header */
	n = tap_unhex("24000000 0200 0000 00000000 00000000"
		      "ffffffff 48000000 0b00 0000" HDR_PID,
		      buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 36);
	CHECK_INT(m.nl_error, -EPERM);
	CHECK_INT(nlmsg_reply(&m, ISCSI_UEVENT_CREATE_SESSION, &r), -EPERM);
}

/* A canned kernel answer: uevent type (hex byte), iferror and r as hex,
 * parsed and checked as the reply to req. */
static int canned_reply(const char *type, const char *iferror,
			const char *r16, uint32_t req, struct nlmsg_reply *r)
{
	struct nlmsg_msg m;
	char hex[300];
	size_t n;

	snprintf(hex, sizeof(hex),
		 KHDR("48000000") "%s000000 %s 8877665544332211" ZERO16 ZERO8
				  "%s",
		 type, iferror, r16);
	n = tap_unhex(hex, buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	return nlmsg_reply(&m, req, r);
}

/* Canned kernel answers to the endpoint verbs. */
static void test_parse_ep_replies(void)
{
	const uint32_t conn = ISCSI_UEVENT_TRANSPORT_EP_CONNECT;
	const uint32_t poll = ISCSI_UEVENT_TRANSPORT_EP_POLL;
	struct nlmsg_reply r;

	/* EP_CONNECT: r.ep_connect_ret.handle 0x11 */
	CHECK_INT(canned_reply("16", "00000000", "1100000000000000" ZERO8,
			       conn, &r), 0);
	CHECK_INT(r.ep, 0x11);
	/* handle 0 is a real endpoint (ids start at 0 since Linux 5.17) */
	CHECK_INT(canned_reply("16", "00000000", ZERO16, conn, &r), 0);
	CHECK_INT(r.ep, 0);
	/* no RDMA route: the kernel answers IF_ERROR -ENETUNREACH */
	CHECK_INT(canned_reply("67", "9bffffff", ZERO16, conn, &r),
		  -ENETUNREACH);

	/* EP_POLL: 1 connected, 0 not yet, -ENOTCONN failed */
	CHECK_INT(canned_reply("17", "00000000", "01000000 00000000" ZERO8,
			       poll, &r), 0);
	CHECK_INT(r.retcode, 1);
	CHECK_INT(canned_reply("17", "00000000", ZERO16, poll, &r), 0);
	CHECK_INT(r.retcode, 0);
	CHECK_INT(canned_reply("17", "00000000", "95ffffff 00000000" ZERO8,
			       poll, &r), -ENOTCONN);

	/* CREATE_BOUND_SESSION: sid 4 on host 6 */
	CHECK_INT(canned_reply("1c", "00000000", "04000000 06000000" ZERO8,
			       ISCSI_UEVENT_CREATE_BOUND_SESSION, &r), 0);
	CHECK_INT(r.sid, 4);
	CHECK_INT(r.host_no, 6);
	/* nor is that the answer to an EP_CONNECT */
	CHECK_INT(canned_reply("1c", "00000000", "04000000 06000000" ZERO8,
			       conn, &r), -ENOMSG);
}

static void test_parse_recv_pdu(void)
{
	struct nlmsg_msg m;
	struct nlmsg_event e;
	/* 72 + login response BHS (48) + 4 data bytes = 124 */
	size_t n = tap_unhex(KHDR("7c000000")
			     "65000000" EV_HANDLE ZERO16 ZERO8
			     /* r: sid 1, cid 0, recv_handle */
			     "01000000 00000000 efbeaddeefbeadde"
			     "23870000 00000004 00023d000001 0001"
			     "00000000 00000000 00000001 00000001"
			     "00000002 0000 00000000000000000000"
			     "41423d43",
			     buf, sizeof(buf));

	CHECK_INT(n, 124);
	CHECK_INT(nlmsg_parse(buf, n, &m), 124);
	CHECK_INT(nlmsg_event(&m, &e), 0);
	CHECK_INT(e.type, ISCSI_KEVENT_RECV_PDU);
	CHECK_INT(e.sid, 1);
	CHECK_INT(e.cid, 0);
	CHECK_INT(e.recv_handle, 0xdeadbeefdeadbeefull);
	CHECK_INT(e.pdu_len, 52);
	CHECK(e.pdu == buf + 72);
	CHECK_INT(e.pdu[0], 0x23);
	CHECK_MEM(e.pdu + 48, 4, "AB=C", 4);

	/* truncated datagram: nlmsg_len says 124, only 100 arrived */
	CHECK_INT(nlmsg_parse(buf, 100, &m), -EBADMSG);
	/* a RECV_PDU shorter than a BHS */
	buf[0] = 72 + 20;
	CHECK_INT(nlmsg_parse(buf, n, &m), 92);
	CHECK_INT(nlmsg_event(&m, &e), -EBADMSG);
}

static void test_parse_events(void)
{
	struct nlmsg_msg m;
	struct nlmsg_event e;
	struct nlmsg_reply r;
	size_t n;

	/* CONN_ERROR (102): sid 2, cid 0, error 1020 */
	n = tap_unhex(KHDR("48000000") "66000000" EV_HANDLE ZERO16 ZERO8
		      "02000000 00000000 fc030000 00000000",
		      buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_reply(&m, ISCSI_UEVENT_START_CONN, &r), -ENOMSG);
	CHECK_INT(nlmsg_event(&m, &e), 0);
	CHECK_INT(e.type, ISCSI_KEVENT_CONN_ERROR);
	CHECK_INT(e.sid, 2);
	CHECK_INT(e.error, ISCSI_KERR_TCP_CONN_CLOSE);
	CHECK_STR(nlmsg_kerr_name(e.error), "ISCSI_ERR_TCP_CONN_CLOSE");
	CHECK_STR(nlmsg_kerr_str(e.error), "TCP connection closed");

	/* DESTROY_SESSION (104): host_no @40 first, then sid */
	n = tap_unhex(KHDR("48000000") "68000000" EV_HANDLE ZERO16 ZERO8
		      "03000000 01000000" ZERO8, buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_event(&m, &e), 0);
	CHECK_INT(e.host_no, 3);
	CHECK_INT(e.sid, 1);

	/* UNBIND_SESSION (105): sid first, then host_no */
	buf[16] = 105;
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_event(&m, &e), 0);
	CHECK_INT(e.sid, 3);
	CHECK_INT(e.host_no, 1);

	/* CREATE_SESSION event (106): sid, host_no */
	buf[16] = 106;
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_event(&m, &e), 0);
	CHECK_INT(e.type, ISCSI_KEVENT_CREATE_SESSION);
	CHECK_INT(e.sid, 3);

	/* CONN_LOGIN_STATE (109): sid 1, cid 0, state 3 LOGGED_IN */
	n = tap_unhex(KHDR("48000000") "6d000000" EV_HANDLE ZERO16 ZERO8
		      "01000000 00000000 03000000 00000000",
		      buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_event(&m, &e), 0);
	CHECK_INT(e.state, ISCSI_CONN_STATE_LOGGED_IN);

	/* HOST_EVENT (110) is not decoded */
	buf[16] = 110;
	CHECK_INT(nlmsg_parse(buf, n, &m), 72);
	CHECK_INT(nlmsg_event(&m, &e), -ENOMSG);
}

static void test_parse_malformed(void)
{
	struct nlmsg_msg m;
	size_t n;

	n = tap_unhex(KHDR("48000000") "66000000" EV_HANDLE ZERO16 ZERO16
		      ZERO8, buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, 15, &m), -EBADMSG);	/* no nlmsghdr */
	buf[0] = 15;					/* len < header */
	CHECK_INT(nlmsg_parse(buf, n, &m), -EBADMSG);
	buf[0] = 71;				/* shorter than a uevent */
	CHECK_INT(nlmsg_parse(buf, n, &m), -EBADMSG);
	buf[0] = 72;
	buf[3] = 0x80;				/* absurd length */
	CHECK_INT(nlmsg_parse(buf, n, &m), -EBADMSG);
	/* NLMSG_ERROR without room for its error number */
	n = tap_unhex("13000000 0200 0000 00000000 00000000 ffffff",
		      buf, sizeof(buf));
	CHECK_INT(nlmsg_parse(buf, n, &m), -EBADMSG);
}

/* Two messages in one datagram: 74 bytes (padded to 76) then 72. */
static void test_parse_walk(void)
{
	struct nlmsg_msg m;
	struct nlmsg_event e;
	size_t n = tap_unhex(KHDR("4a000000") "65000000" EV_HANDLE ZERO16
			     ZERO8 "05000000 00000000" ZERO8 "abcd 0000"
			     KHDR("48000000") "66000000" EV_HANDLE ZERO16
			     ZERO8 "06000000 00000000 e9030000 00000000",
			     buf, sizeof(buf));
	int step;

	CHECK_INT(n, 148);
	step = nlmsg_parse(buf, n, &m);
	CHECK_INT(step, 76);
	CHECK_INT(m.payload_len, 2);
	CHECK_INT(nlmsg_event(&m, &e), -EBADMSG);	/* PDU too short */
	CHECK_INT(nlmsg_parse(buf + step, n - step, &m), 72);
	CHECK_INT(nlmsg_event(&m, &e), 0);
	CHECK_INT(e.sid, 6);
	CHECK_INT(e.error, ISCSI_KERR_DATASN);
	CHECK_STR(nlmsg_kerr_str(e.error),
		  "Received invalid data sequence number from target");
	/* a final message whose padding is missing is still whole */
	CHECK_INT(nlmsg_parse(buf, 74, &m), 74);
}

static void test_parse_stats(void)
{
	struct nlmsg_msg m;
	struct nlmsg_stats st;
	char desc[ISCSI_STATS_CUSTOM_DESC_MAX];
	uint64_t v = 0;
	/* 72 + 96 + one 72-byte custom entry = 240 */
	size_t n = tap_unhex(KHDR("f0000000") "14000000" EV_HANDLE
			     "01000000 00000000" ZERO16 ZERO16
			     /* octets tx, rx */
			     "0807060504030201 1000000000000000"
			     /* tx: nop, scsicmd, tmf, login=3, text, dataout,
			      * logout, snack */
			     "01000000 02000000 00000000 03000000"
			     "00000000 04000000 00000000 00000000"
			     /* rx: nop, scsirsp, tmf, text, datain, logout,
			      * r2t, async, rjt */
			     "05000000 06000000 00000000 00000000"
			     "07000000 00000000 08000000 00000000 09000000"
			     /* digest_err, timeout_err 7, custom_length 1 */
			     "00000000 07000000 01000000"
			     /* "eh_abort_cnt" padded to 64, value 42 */
			     "65685f61626f72745f636e74 00000000" ZERO16
			     ZERO16 ZERO16 "2a00000000000000",
			     buf, sizeof(buf));

	CHECK_INT(n, 240);
	CHECK_INT(nlmsg_parse(buf, n, &m), 240);
	CHECK_INT(nlmsg_stats(&m, &st), 0);
	CHECK_INT(st.s.txdata_octets, 0x0102030405060708ull);
	CHECK_INT(st.s.rxdata_octets, 16);
	CHECK_INT(st.s.scsicmd_pdus, 2);
	CHECK_INT(st.s.login_pdus, 3);
	CHECK_INT(st.s.dataout_pdus, 4);
	CHECK_INT(st.s.noprx_pdus, 5);
	CHECK_INT(st.s.datain_pdus, 7);
	CHECK_INT(st.s.r2t_pdus, 8);
	CHECK_INT(st.s.rjt_pdus, 9);
	CHECK_INT(st.s.timeout_err, 7);
	CHECK_INT(st.ncustom, 1);
	CHECK_INT(nlmsg_stats_custom(&st, 0, desc, &v), 0);
	CHECK_STR(desc, "eh_abort_cnt");
	CHECK_INT(v, 42);
	CHECK_INT(nlmsg_stats_custom(&st, 1, desc, &v), -EINVAL);

	/* claims two entries but carries one */
	buf[72 + 92] = 2;
	CHECK_INT(nlmsg_parse(buf, n, &m), 240);
	CHECK_INT(nlmsg_stats(&m, &st), -EBADMSG);
	/* body shorter than the fixed counters */
	buf[0] = 72 + 95;
	CHECK_INT(nlmsg_parse(buf, n, &m), 168);
	CHECK_INT(nlmsg_stats(&m, &st), -EBADMSG);
	/* an unterminated description is cut at 63 characters */
	buf[0] = 240;
	buf[72 + 92] = 1;
	memset(buf + 72 + 96, 'x', 64);
	CHECK_INT(nlmsg_parse(buf, n, &m), 240);
	CHECK_INT(nlmsg_stats(&m, &st), 0);
	CHECK_INT(nlmsg_stats_custom(&st, 0, desc, &v), 0);
	CHECK_INT(strlen(desc), 63);
}

static void test_kerr_table(void)
{
	CHECK_STR(nlmsg_kerr_name(0), "ISCSI_OK");
	CHECK_STR(nlmsg_kerr_name(1001), "ISCSI_ERR_DATASN");
	CHECK_STR(nlmsg_kerr_str(1001),
		  "Received invalid data sequence number from target");
	CHECK_STR(nlmsg_kerr_name(1022), "ISCSI_ERR_NOP_TIMEDOUT");
	CHECK_STR(nlmsg_kerr_str(1022), "A NOP has timed out");
	CHECK_STR(nlmsg_kerr_name(1021), "ISCSI_ERR_SCSI_EH_SESSION_RST");
	CHECK_STR(nlmsg_kerr_str(1018), "iSCSI host is in an invalid state");
	CHECK_STR(nlmsg_kerr_name(1000), "unknown");
	CHECK_STR(nlmsg_kerr_name(1023), "unknown");
}

int main(void)
{
	const uint16_t one = 1;

	/* the arrays are x86_64 (little-endian) layouts */
	CHECK(*(const uint8_t *)&one == 1);
	test_parse_create_session_reply();
	test_parse_error_replies();
	test_parse_ep_replies();
	test_parse_recv_pdu();
	test_parse_events();
	test_parse_malformed();
	test_parse_walk();
	test_parse_stats();
	test_kerr_table();
	return tap_done();
}
