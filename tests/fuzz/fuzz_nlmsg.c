/* SPDX-License-Identifier: MIT */
/* fuzz_nlmsg.c - libFuzzer harness for what the kernel sends on
 * NETLINK_ISCSI: the input is one received datagram.  Every message in
 * it is walked with nlmsg_parse() as the transport does, then read as a
 * reply to each request we send, as an event, and as a GET_STATS body
 * with its custom counters.  Nothing may be read past the datagram, the
 * walk must always advance, and what is returned must lie inside it. */
#include "transport/nlmsg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t req_types[] = {
	ISCSI_UEVENT_CREATE_SESSION,	ISCSI_UEVENT_DESTROY_SESSION,
	ISCSI_UEVENT_CREATE_CONN,	ISCSI_UEVENT_DESTROY_CONN,
	ISCSI_UEVENT_BIND_CONN,		ISCSI_UEVENT_SET_PARAM,
	ISCSI_UEVENT_START_CONN,	ISCSI_UEVENT_STOP_CONN,
	ISCSI_UEVENT_SEND_PDU,		ISCSI_UEVENT_GET_STATS,
	ISCSI_UEVENT_SET_HOST_PARAM,	ISCSI_UEVENT_UNBIND_SESSION,
	ISCSI_UEVENT_CREATE_BOUND_SESSION,
	ISCSI_UEVENT_TRANSPORT_EP_CONNECT,
	ISCSI_UEVENT_TRANSPORT_EP_POLL,
	ISCSI_UEVENT_TRANSPORT_EP_DISCONNECT,
};

static void inside(const uint8_t *p, size_t n, const uint8_t *buf,
		   size_t len)
{
	if (n && (p < buf || p + n > buf + len))
		abort();
}

static void read_msg(const struct nlmsg_msg *m, const uint8_t *buf,
		     size_t len)
{
	char desc[ISCSI_STATS_CUSTOM_DESC_MAX];
	struct nlmsg_reply r;
	struct nlmsg_event e;
	struct nlmsg_stats st;
	uint64_t v;
	size_t i;
	int rc;

	inside(m->payload, m->payload_len, buf, len);
	for (i = 0; i < sizeof(req_types) / sizeof(req_types[0]); i++) {
		rc = nlmsg_reply(m, req_types[i], &r);
		if (rc > 0 || rc < -4095)
			abort();
	}
	rc = nlmsg_event(m, &e);
	if (rc == 0) {
		inside(e.pdu, e.pdu_len, buf, len);
		if (e.type == ISCSI_KEVENT_RECV_PDU && e.pdu_len < 48)
			abort();
		if (e.type == ISCSI_KEVENT_CONN_ERROR &&
		    (!nlmsg_kerr_name(e.error) || !nlmsg_kerr_str(e.error)))
			abort();
	}
	if (nlmsg_stats(m, &st) == 0) {
		for (i = 0; i <= st.ncustom && i < 1024; i++) {
			rc = nlmsg_stats_custom(&st, (uint32_t)i, desc, &v);
			if ((i < st.ncustom) != (rc == 0))
				abort();
			if (rc == 0 && !memchr(desc, '\0', sizeof(desc)))
				abort();
		}
		if (st.ncustom)
			inside(st.custom, st.ncustom *
				  sizeof(struct iscsi_stats_custom), buf, len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsg_msg m;
	size_t off = 0;
	int n;

	while (off < size) {
		n = nlmsg_parse(data + off, size - off, &m);
		if (n == -EBADMSG)
			break;
		if (n <= 0 || (size_t)n > size - off)
			abort();
		read_msg(&m, data + off, size - off);
		off += (size_t)n;
	}
	return 0;
}
