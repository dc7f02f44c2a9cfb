/* SPDX-License-Identifier: MIT */
/* rtnl.c - a small direct rtnetlink codec and its socket (rtnl.h):
 * RTM_NEWLINK (IFF_UP), RTM_NEWADDR, RTM_NEWROUTE, each with NLM_F_ACK,
 * and the NLMSG_ERROR acknowledgement.  Routes are added as the old
 * SIOCADDRT ioctl adds them (protocol "boot", main table), so "ip route"
 * shows the same lines as after open-iscsi's iscsistart -N. */
#include "transport/rtnl.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

struct msg {
	uint8_t *buf;
	size_t cap, len;
};

static int msg_start(struct msg *m, uint8_t *buf, size_t cap, uint16_t type,
		     uint16_t flags, uint32_t seq, const void *body,
		     size_t blen)
{
	struct nlmsghdr h;

	m->buf = buf;
	m->cap = cap;
	m->len = NLMSG_SPACE(blen);
	if (m->len > cap)
		return -ENOSPC;
	memset(buf, 0, m->len);
	memset(&h, 0, sizeof(h));
	h.nlmsg_type = type;
	h.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | flags);
	h.nlmsg_seq = seq;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + NLMSG_HDRLEN, body, blen);
	return 0;
}

static int msg_attr(struct msg *m, uint16_t type, const void *data,
		    size_t dlen)
{
	struct rtattr a;
	size_t need = RTA_SPACE(dlen);

	if (m->len + need > m->cap)
		return -ENOSPC;
	a.rta_len = (unsigned short)RTA_LENGTH(dlen);
	a.rta_type = type;
	memset(m->buf + m->len, 0, need);
	memcpy(m->buf + m->len, &a, sizeof(a));
	memcpy(m->buf + m->len + RTA_LENGTH(0), data, dlen);
	m->len += need;
	return 0;
}

static int msg_end(struct msg *m)
{
	uint32_t len = (uint32_t)m->len;

	memcpy(m->buf, &len, sizeof(len));	/* nlmsg_len comes first */
	return (int)m->len;
}

static size_t alen(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

int rtnl_build_link_up(uint8_t *buf, size_t cap, uint32_t seq, int ifindex)
{
	struct ifinfomsg i;
	struct msg m;

	memset(&i, 0, sizeof(i));
	i.ifi_family = AF_UNSPEC;
	i.ifi_index = ifindex;
	i.ifi_flags = IFF_UP;
	i.ifi_change = IFF_UP;
	if (msg_start(&m, buf, cap, RTM_NEWLINK, 0, seq, &i, sizeof(i)))
		return -ENOSPC;
	return msg_end(&m);
}

int rtnl_build_addr(uint8_t *buf, size_t cap, uint32_t seq, int ifindex,
		    int family, const uint8_t *addr, unsigned prefix,
		    const uint8_t *brd)
{
	struct ifaddrmsg a;
	struct msg m;

	memset(&a, 0, sizeof(a));
	a.ifa_family = (uint8_t)family;
	a.ifa_prefixlen = (uint8_t)prefix;
	a.ifa_index = (uint32_t)ifindex;
	if (msg_start(&m, buf, cap, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE,
		      seq, &a, sizeof(a)) ||
	    msg_attr(&m, IFA_LOCAL, addr, alen(family)) ||
	    msg_attr(&m, IFA_ADDRESS, addr, alen(family)) ||
	    (brd && msg_attr(&m, IFA_BROADCAST, brd, 4)))
		return -ENOSPC;
	return msg_end(&m);
}

int rtnl_build_route(uint8_t *buf, size_t cap, uint32_t seq, int ifindex,
		     int family, const uint8_t *dst, const uint8_t *gw)
{
	uint32_t oif = (uint32_t)ifindex;
	struct rtmsg r;
	struct msg m;

	memset(&r, 0, sizeof(r));
	r.rtm_family = (uint8_t)family;
	r.rtm_dst_len = (uint8_t)(alen(family) * 8);
	r.rtm_table = RT_TABLE_MAIN;
	r.rtm_protocol = RTPROT_BOOT;
	r.rtm_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	r.rtm_type = RTN_UNICAST;
	if (msg_start(&m, buf, cap, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE,
		      seq, &r, sizeof(r)) ||
	    msg_attr(&m, RTA_DST, dst, alen(family)) ||
	    msg_attr(&m, RTA_OIF, &oif, sizeof(oif)) ||
	    (gw && msg_attr(&m, RTA_GATEWAY, gw, alen(family))))
		return -ENOSPC;
	return msg_end(&m);
}

int rtnl_parse_ack(const uint8_t *buf, size_t len, uint32_t seq)
{
	struct nlmsghdr h;
	struct nlmsgerr e;

	if (len < NLMSG_HDRLEN)
		return -EBADMSG;
	memcpy(&h, buf, sizeof(h));
	if (h.nlmsg_len < NLMSG_HDRLEN + sizeof(e) || h.nlmsg_len > len ||
	    h.nlmsg_type != NLMSG_ERROR || h.nlmsg_seq != seq)
		return -EBADMSG;
	memcpy(&e, buf + NLMSG_HDRLEN, sizeof(e));
	if (e.error > 0 || e.error < -4095)
		return -EBADMSG;
	return e.error;
}

int rtnl_open(struct rtnl *r)
{
	struct sockaddr_nl sa;
	struct timeval tv = { 5, 0 };

	r->seq = 1;
	r->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (r->fd < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	/* The kernel answers at once; the timeout only bounds a broken
	 * kernel, it never paces a working one. */
	if (bind(r->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    setsockopt(r->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
		int err = -errno;

		close(r->fd);
		r->fd = -1;
		return err;
	}
	return 0;
}

void rtnl_close(struct rtnl *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

/* Send one request and read messages until its acknowledgement. */
static int rtnl_call(struct rtnl *r, const uint8_t *req, int len)
{
	struct sockaddr_nl sa;
	uint8_t ans[1024];
	ssize_t n;
	uint32_t seq;

	if (len < 0)
		return len;
	memcpy(&seq, req + 8, sizeof(seq));	/* nlmsg_seq */
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	if (sendto(r->fd, req, (size_t)len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) != len)
		return -errno;
	for (;;) {
		n = recv(r->fd, ans, sizeof(ans), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		if (rtnl_parse_ack(ans, (size_t)n, seq) != -EBADMSG)
			return rtnl_parse_ack(ans, (size_t)n, seq);
	}
}

int rtnl_link_up(struct rtnl *r, int ifindex)
{
	uint8_t b[128];

	return rtnl_call(r, b, rtnl_build_link_up(b, sizeof(b), r->seq++,
						 ifindex));
}

int rtnl_addr_add(struct rtnl *r, int ifindex, int family,
		  const uint8_t *addr, unsigned prefix, const uint8_t *brd)
{
	uint8_t b[256];
	int rc = rtnl_call(r, b, rtnl_build_addr(b, sizeof(b), r->seq++,
						 ifindex, family, addr,
						 prefix, brd));

	return rc == -EEXIST ? 0 : rc;
}

int rtnl_route_host(struct rtnl *r, int ifindex, int family,
		    const uint8_t *dst, const uint8_t *gw)
{
	uint8_t b[256];

	return rtnl_call(r, b, rtnl_build_route(b, sizeof(b), r->seq++,
						ifindex, family, dst, gw));
}
