/* SPDX-License-Identifier: MIT */
/* rtnl.h - the few rtnetlink requests firmware network bring-up needs
 * (iscsistart -N): set a link up, add an address with prefix and
 * broadcast, add a host route.  Each request is one message built in a
 * stack buffer and acknowledged by the kernel; no dump parsing, no
 * library.  Addresses are 4 (AF_INET) or 16 (AF_INET6) bytes.
 * All return 0 or -errno (the kernel's NLMSG_ERROR code). */
#ifndef ISCSIBOX_RTNL_H
#define ISCSIBOX_RTNL_H

#include <stddef.h>
#include <stdint.h>

struct rtnl {
	int fd;
	uint32_t seq;
};

int rtnl_open(struct rtnl *r);
void rtnl_close(struct rtnl *r);
/* IFF_UP on ifindex. */
int rtnl_link_up(struct rtnl *r, int ifindex);
/* addr/prefix on ifindex; brd (AF_INET only) may be NULL.  An address
 * that is already there is not an error. */
int rtnl_addr_add(struct rtnl *r, int ifindex, int family,
		  const uint8_t *addr, unsigned prefix, const uint8_t *brd);
/* Host route to dst through ifindex, via gw when gw is not NULL (scope
 * link otherwise); replaces an existing route to dst. */
int rtnl_route_host(struct rtnl *r, int ifindex, int family,
		    const uint8_t *dst, const uint8_t *gw);

/* Build the messages without sending (for tests): returns the length or
 * -ENOSPC. */
int rtnl_build_link_up(uint8_t *buf, size_t cap, uint32_t seq, int ifindex);
int rtnl_build_addr(uint8_t *buf, size_t cap, uint32_t seq, int ifindex,
		    int family, const uint8_t *addr, unsigned prefix,
		    const uint8_t *brd);
int rtnl_build_route(uint8_t *buf, size_t cap, uint32_t seq, int ifindex,
		     int family, const uint8_t *dst, const uint8_t *gw);
/* The kernel's answer to request seq: 0, -errno, or -EBADMSG when buf
 * is not a well-formed NLMSG_ERROR for it. */
int rtnl_parse_ack(const uint8_t *buf, size_t len, uint32_t seq);

#endif
