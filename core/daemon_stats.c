/* SPDX-License-Identifier: MIT */
/* daemon_stats.c - iscsid's answer to IPC_CMD_SESSION_STATS: the
 * kernel's counters for a session's connection (ISCSI_UEVENT_GET_STATS),
 * passed on to "iscsiadm -m session -s".
 *
 * The kernel does not answer GET_STATS to the sender: it multicasts one
 * message (uevent + struct iscsi_stats + custom entries) to the iscsid
 * group, and only an error comes back as a unicast IF_ERROR.  The query
 * therefore uses a socket of its own, joined to the group, so the reply
 * body is read here while the daemon's event socket just sees (and
 * drops) its copy. */
#include "core/daemon_stats.h"

#include "core/loop.h"
#include "transport/nlmsg.h"

#include <errno.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DSTATS_WAIT_MS 2000
#define DSTATS_RXBUF (64u * 1024u)

/* Look through one datagram for the stats of sid:cid.  1 when found (m
 * filled), 0 to keep waiting, or -errno from the kernel's refusal. */
static int dstats_scan(const uint8_t *buf, size_t len, uint32_t sid,
		       uint32_t cid, struct ipc_msg *r)
{
	struct nlmsg_reply rep;
	struct nlmsg_stats st;
	uint32_t pdus[IPC_STATS_N - 2];	/* noptx_pdus .. timeout_err */
	struct nlmsg_msg m;
	uint32_t i;
	int used, v;

	while (len >= NLMSG_NL_HDR_LEN) {
		used = nlmsg_parse(buf, len, &m);
		if (used <= 0)
			return 0;
		buf += used;
		len -= (size_t)used;
		v = nlmsg_reply(&m, ISCSI_UEVENT_GET_STATS, &rep);
		if (v == -ENOMSG)
			continue;
		if (v < 0)
			return v;
		if (m.ev.u.get_stats.sid != sid || m.ev.u.get_stats.cid != cid)
			continue;
		if (nlmsg_stats(&m, &st) < 0)
			return -EBADMSG;
		/* The counters in struct order; custom_length is not one. */
		r->stats[0] = st.s.txdata_octets;
		r->stats[1] = st.s.rxdata_octets;
		memcpy(pdus, (const uint8_t *)&st.s +
			     offsetof(struct iscsi_stats, noptx_pdus),
		       sizeof(pdus));
		for (i = 0; i < IPC_STATS_N - 2; i++)
			r->stats[2 + i] = pdus[i];
		for (i = 0; i < st.ncustom && i < IPC_CUSTOM_MAX; i++)
			nlmsg_stats_custom(&st, i, r->custom[i].desc,
					   &r->custom[i].value);
		r->n_custom = i;
		r->has |= IPC_HAS_STATS;
		return 1;
	}
	return 0;
}

int daemon_stats_query(uint64_t handle, uint32_t sid, uint32_t cid,
			struct ipc_msg *r)
{
	struct sockaddr_nl sa;
	socklen_t salen = sizeof(sa);
	struct nlmsg_sender snd;
	uint8_t req[NLMSG_ISCSI_HDR_LEN];
	uint8_t *rx = malloc(DSTATS_RXBUF);
	uint64_t deadline = loop_now() + DSTATS_WAIT_MS;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ISCSI);
	int rc = 0, len;

	if (!rx || fd < 0) {
		rc = rx ? -errno : -ENOMEM;
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = ISCSI_NL_GRP_ISCSID;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &salen) < 0) {
		rc = -errno;
		goto out;
	}
	snd.handle = handle;
	snd.pid = sa.nl_pid;
	len = nlmsg_get_stats(req, sizeof(req), &snd, sid, cid);
	if (len < 0) {
		rc = len;
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	if (sendto(fd, req, (size_t)len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0) {
		rc = -errno;
		goto out;
	}
	while (rc == 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t now = loop_now();
		ssize_t n;

		if (now >= deadline) {
			rc = -ETIMEDOUT;
			break;
		}
		if (poll(&pfd, 1, (int)(deadline - now)) <= 0)
			continue;
		n = recv(fd, rx, DSTATS_RXBUF, MSG_DONTWAIT);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			rc = -errno;
		else if (n > 0)
			rc = dstats_scan(rx, (size_t)n, sid, cid, r);
	}
	if (rc > 0)
		rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(rx);
	return rc;
}
