/* SPDX-License-Identifier: MIT */
/* iscsiadm_ping.c - "iscsiadm -m iface -I IFACE -C ping -a IP [-b SIZE]
 * [-c COUNT] [-i INTERVAL]": the checks and answers of open-iscsi 2.1.8.
 * A ping is sent by an offload host's firmware (ISCSI_UEVENT_PING); the
 * software transports have no such host, so every attempt fails, as it
 * does with open-iscsi ("Ping 1 failed: unknown error", exit 1). */
#include "applets/iscsiadm.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/idbm.h"
#include "core/log.h"
#include "core/num.h"
#include "core/portal.h"
#include "transport/iscsi_if.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* -b/-c/-i as open-iscsi reads them (atoi), with its defaults. */
static int adm_ping_num(const char *s, int dflt)
{
	return s ? (int)num_strtol(s, NULL, NULL) : dflt;
}

static int adm_ping_check(const struct adm_opts *o, int size, int count,
			  int interval)
{
	if (!o->n_ifaces) {
		log_err("Ping requires iface.");
		return ISCSI_ERR_INVAL;
	}
	if (!o->ip) {
		log_err("Ping requires destination ipaddress.");
		return ISCSI_ERR_INVAL;
	}
	if (size <= 0) {
		log_err("Invalid packet size: %d.", size);
		return ISCSI_ERR_INVAL;
	}
	if (count <= 0) {
		log_err("Invalid number of packets to transmit: %d.", count);
		return ISCSI_ERR_INVAL;
	}
	if (interval < 0) {
		log_err("Invalid timing interval: %d.", interval);
		return ISCSI_ERR_INVAL;
	}
	return 0;
}

int adm_iface_ping(const struct adm_opts *o)
{
	int size = adm_ping_num(o->packetsize, 32);
	int count = adm_ping_num(o->count, 1);
	int interval = adm_ping_num(o->interval, 0);
	struct sockaddr_storage ss;
	struct idbm_iface ifc;
	char path[128];
	socklen_t sslen;
	int rc, fd, gai = 0;

	rc = adm_ping_check(o, size, count, interval);
	if (rc)
		return rc;
	if (adm_iface_get(o->ifaces[0], &ifc)) {
		log_err("Could not read iface %s (%d).", o->ifaces[0],
			ISCSI_ERR_IDBM);
		return ISCSI_ERR_IDBM;
	}
	snprintf(path, sizeof(path), "/sys/class/iscsi_transport/%s",
		 ifc.transport_name);
	if (access(path, F_OK)) {
		log_err("Can't find transport.");
		return ISCSI_ERR_INVAL;
	}
	if (portal_resolve(o->ip, 0, &ss, &sslen, NULL, 0, &gai) < 0) {
		if (gai)
			log_err("Cannot resolve host %s. getaddrinfo error: "
				"[%s]", o->ip, portal_strerror(gai));
		log_err("Invalid IP address.");
		return ISCSI_ERR_INVAL;
	}
	for (int i = 1; i <= count; i++) {
		fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			    ISCSI_NETLINK_PROTO);
		if (fd < 0) {
			log_err("can not create NETLINK_ISCSI socket [%s]",
				errtext(errno));
			log_err("Could not open netlink socket.");
		} else {
			close(fd);
		}
		printf("Ping %d failed: %s\n", i, iscsi_err_str(ISCSI_ERR));
		fflush(stdout);
		if (i < count)
			sleep((unsigned)interval);
	}
	return ISCSI_ERR;
}
