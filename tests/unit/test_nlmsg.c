/* SPDX-License-Identifier: MIT */
/* test_nlmsg.c - the NETLINK_ISCSI requests we build, byte for byte
 * against nlmsg_hex.h's hand-written layouts. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "nlmsg_hex.h"
#include "tap.h"

static uint8_t want[512];

static void test_create_session(void)
{
	size_t n = tap_unhex("48000000 0b00 0000" HDR_PID
			     "0b000000" EV_HANDLE
			     /* u: initial_cmdsn 0, cmds_max 128, depth 32 */
			     "00000000 8000 2000" ZERO16
			     /* r */ ZERO16,
			     want, sizeof(want));
	int len = nlmsg_create_session(buf, sizeof(buf), &snd, 0, 128, 32);

	CHECK_INT(n, 72);
	CHECK_MEM(buf, len, want, n);
}

static void test_bind_conn(void)
{
	size_t n = tap_unhex("48000000 0f00 0000" HDR_PID
			     "0f000000" EV_HANDLE
			     /* sid 7, cid 0, transport_eph = fd 5, leading */
			     "07000000 00000000 0500000000000000 01000000"
			     "00000000" ZERO16,
			     want, sizeof(want));
	int len = nlmsg_bind_conn(buf, sizeof(buf), &snd, 7, 0, 5, 1);

	CHECK_MEM(buf, len, want, n);
	/* an iser endpoint handle, all 64 bits of it, not leading */
	n = tap_unhex("48000000 0f00 0000" HDR_PID "0f000000" EV_HANDLE
		      "07000000 01000000 0807060504030201 00000000"
		      "00000000" ZERO16,
		      want, sizeof(want));
	len = nlmsg_bind_conn(buf, sizeof(buf), &snd, 7, 1,
			      0x0102030405060708ull, 0);
	CHECK_MEM(buf, len, want, n);
}

/* The endpoint verbs of iser-like transports (types 22, 23, 24, 28). */
static void test_ep_verbs(void)
{
	struct sockaddr_in sin;
	char hex[700];
	size_t n;
	int len;

	/* CREATE_BOUND_SESSION: ep 9, initial_cmdsn 1, 128, 32 */
	n = tap_unhex("48000000 1c00 0000" HDR_PID "1c000000" EV_HANDLE
		      "0900000000000000 01000000 8000 2000" ZERO8 ZERO16,
		      want, sizeof(want));
	len = nlmsg_create_bound_session(buf, sizeof(buf), &snd, 9, 1, 128,
					 32);
	CHECK_MEM(buf, len, want, n);

	/* EP_CONNECT to 10.0.2.15:3260, non-blocking: the address as a
	 * 128-byte sockaddr_storage after the uevent (72 + 128 = 200) */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(3260);
	sin.sin_addr.s_addr = htonl(0x0a00020f);
	snprintf(hex, sizeof(hex),
		 "c8000000 1600 0000" HDR_PID "16000000" EV_HANDLE
		 "01000000 00000000" ZERO16 ZERO16
		 "0200 0cbc 0a00020f" ZERO8 "%0224d", 0);
	n = tap_unhex(hex, want, sizeof(want));
	CHECK_INT(n, 200);
	len = nlmsg_ep_connect(buf, sizeof(buf), &snd,
			       (struct sockaddr *)&sin, sizeof(sin), 1);
	CHECK_MEM(buf, len, want, n);
	CHECK_INT(nlmsg_ep_connect(buf, 199, &snd, (struct sockaddr *)&sin,
				   sizeof(sin), 1), -ENOSPC);
	CHECK_INT(nlmsg_ep_connect(buf, sizeof(buf), &snd,
				   (struct sockaddr *)&sin, 129, 1), -EINVAL);
	CHECK_INT(nlmsg_ep_connect(buf, sizeof(buf), &snd, NULL, 16, 1),
		  -EINVAL);

	/* EP_POLL ep 0 (a valid handle on current kernels), 1 ms */
	n = tap_unhex("48000000 1700 0000" HDR_PID "17000000" EV_HANDLE
		      "0000000000000000 01000000 00000000" ZERO8 ZERO16,
		      want, sizeof(want));
	len = nlmsg_ep_poll(buf, sizeof(buf), &snd, 0, 1);
	CHECK_MEM(buf, len, want, n);

	/* EP_DISCONNECT ep 0x1234 */
	n = tap_unhex("48000000 1800 0000" HDR_PID "18000000" EV_HANDLE
		      "3412000000000000" ZERO16 ZERO16,
		      want, sizeof(want));
	len = nlmsg_ep_disconnect(buf, sizeof(buf), &snd, 0x1234);
	CHECK_MEM(buf, len, want, n);
}

static void test_set_param(void)
{
	/* 72 + "iqn.x\0" = 78 */
	size_t n = tap_unhex("4e000000 1000 0000" HDR_PID
			     "10000000" EV_HANDLE
			     /* sid 1, cid 0, param 15 TARGET_NAME, len 6 */
			     "01000000 00000000 0f000000 06000000" ZERO8
			     ZERO16 "69716e2e7800",
			     want, sizeof(want));
	int len = nlmsg_set_param(buf, sizeof(buf), &snd, 1, 0,
				  ISCSI_PARAM_TARGET_NAME, "iqn.x");

	CHECK_MEM(buf, len, want, n);
	CHECK_INT(nlmsg_set_param(buf, sizeof(buf), &snd, 1, 0,
				  ISCSI_PARAM_TARGET_NAME, NULL), -EINVAL);
	CHECK_INT(nlmsg_set_param(buf, sizeof(buf), &snd, 1, 0,
				  ISCSI_PARAM_MAX, "1"), -EINVAL);
	/* an empty string is still a valid message: len 1, one NUL */
	CHECK_INT(nlmsg_set_param(buf, sizeof(buf), &snd, 1, 0,
				  ISCSI_PARAM_USERNAME, ""), 73);
	CHECK_INT(buf[72], 0);
	/* exactly one byte too small */
	CHECK_INT(nlmsg_set_param(buf, 77, &snd, 1, 0,
				  ISCSI_PARAM_TARGET_NAME, "iqn.x"), -ENOSPC);
}

static void test_set_host_param(void)
{
	size_t n = tap_unhex("4d000000 1a00 0000" HDR_PID
			     "1a000000" EV_HANDLE
			     /* host_no 2, param 2 NETDEV_NAME, len 5 */
			     "02000000 02000000 05000000 00000000" ZERO8
			     ZERO16 "6574683000",
			     want, sizeof(want));
	int len = nlmsg_set_host_param(buf, sizeof(buf), &snd, 2,
				       ISCSI_HOST_PARAM_NETDEV_NAME, "eth0");

	CHECK_MEM(buf, len, want, n);
}

static void test_stop_conn(void)
{
	size_t n = tap_unhex("48000000 1200 0000" HDR_PID
			     "12000000" EV_HANDLE
			     /* sid 1, cid 0, conn_handle 0, flag 3 RECOVER */
			     "01000000 00000000" ZERO8 "03000000 00000000"
			     ZERO16,
			     want, sizeof(want));
	int len = nlmsg_stop_conn(buf, sizeof(buf), &snd, 1, 0,
				  ISCSI_STOP_CONN_RECOVER);

	CHECK_MEM(buf, len, want, n);
	CHECK_INT(nlmsg_stop_conn(buf, sizeof(buf), &snd, 1, 0, 0), -EINVAL);
	CHECK_INT(nlmsg_stop_conn(buf, sizeof(buf), &snd, 1, 0, 4), -EINVAL);
}

static void test_send_pdu(void)
{
	uint8_t bhs[48];
	/* Login request BHS + "abcde" + 3 pad: 72 + 48 + 8 = 128 */
	size_t n = tap_unhex("80000000 1300 0000" HDR_PID
			     "13000000" EV_HANDLE
			     /* sid 1, cid 0, hdr_size 48, data_size 8 */
			     "01000000 00000000 30000000 08000000" ZERO8
			     ZERO16
			     "43870000 00000005 00023d000001 0000"
			     "00000000 0000 0000 00000000 00000000"
			     ZERO16
			     "6162636465 000000",
			     want, sizeof(want));

	memcpy(bhs, want + 72, 48);
	CHECK_INT(nlmsg_send_pdu(buf, sizeof(buf), &snd, 1, 0, bhs, 48,
				 (const uint8_t *)"abcde", 5), 128);
	CHECK_MEM(buf, 128, want, n);
	/* no data: data_size 0 */
	CHECK_INT(nlmsg_send_pdu(buf, sizeof(buf), &snd, 1, 0, bhs, 48,
				 NULL, 0), 120);
	CHECK_INT(buf[44], 0);
	CHECK_INT(nlmsg_send_pdu(buf, sizeof(buf), &snd, 1, 0, bhs, 47,
				 NULL, 0), -EINVAL);
	CHECK_INT(nlmsg_send_pdu(buf, sizeof(buf), &snd, 1, 0, bhs, 48,
				 NULL, 4), -EINVAL);
	CHECK_INT(nlmsg_send_pdu(buf, 127, &snd, 1, 0, bhs, 48,
				 (const uint8_t *)"abcde", 5), -ENOSPC);
}

/* The verbs whose content is {sid @32, cid @36}, or {sid @32} only. */
static void test_simple_verbs(void)
{
	static const struct {
		int type, has_cid;
	} t[] = {
		{ ISCSI_UEVENT_DESTROY_SESSION, 0 },
		{ ISCSI_UEVENT_UNBIND_SESSION, 0 },
		{ ISCSI_UEVENT_CREATE_CONN, 1 },
		{ ISCSI_UEVENT_DESTROY_CONN, 1 },
		{ ISCSI_UEVENT_START_CONN, 1 },
		{ ISCSI_UEVENT_GET_STATS, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char hex[400];
		int len = -1;

		memset(buf, 0xaa, sizeof(buf));
		switch (t[i].type) {
		case ISCSI_UEVENT_DESTROY_SESSION:
			len = nlmsg_destroy_session(buf, 72, &snd, 0x0a0b);
			break;
		case ISCSI_UEVENT_UNBIND_SESSION:
			len = nlmsg_unbind_session(buf, 72, &snd, 0x0a0b);
			break;
		case ISCSI_UEVENT_CREATE_CONN:
			len = nlmsg_create_conn(buf, 72, &snd, 0x0a0b, 2);
			break;
		case ISCSI_UEVENT_DESTROY_CONN:
			len = nlmsg_destroy_conn(buf, 72, &snd, 0x0a0b, 2);
			break;
		case ISCSI_UEVENT_START_CONN:
			len = nlmsg_start_conn(buf, 72, &snd, 0x0a0b, 2);
			break;
		case ISCSI_UEVENT_GET_STATS:
			len = nlmsg_get_stats(buf, 72, &snd, 0x0a0b, 2);
			break;
		}
		snprintf(hex, sizeof(hex),
			 "48000000 %02x00 0000" HDR_PID "%02x000000" EV_HANDLE
			 "0b0a0000 %s" ZERO16 ZERO16,
			 t[i].type, t[i].type,
			 t[i].has_cid ? "02000000" : "00000000");
		CHECK_MEM(buf, len, want,
			  tap_unhex(hex, want, sizeof(want)));
		CHECK_INT(nlmsg_destroy_session(buf, 71, &snd, 1), -ENOSPC);
	}
}

int main(void)
{
	const uint16_t one = 1;

	/* the arrays are x86_64 (little-endian) layouts */
	CHECK(*(const uint8_t *)&one == 1);
	test_create_session();
	test_bind_conn();
	test_ep_verbs();
	test_set_param();
	test_set_host_param();
	test_stop_conn();
	test_send_pdu();
	test_simple_verbs();
	return tap_done();
}
