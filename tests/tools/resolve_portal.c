/* SPDX-License-Identifier: MIT */
/* resolve_portal.c - resolve a portal address as iscsiadm and iscsid do
 * (core/portal.c portal_resolve) and print what came out, for the
 * resolver test:
 *   resolve_portal ADDR PORT  ->  "NUMERIC PORT" (exit 0) or
 *                                 "error: TEXT" (exit 1) */
#include "core/num.h"
#include "core/portal.h"

#include <netinet/in.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char num[64];
	long port;
	int err = 0;

	if (argc != 3 || num_parse_long(argv[2], 1, 65535, &port) < 0) {
		fprintf(stderr, "usage: resolve_portal ADDR PORT\n");
		return 2;
	}
	if (portal_resolve(argv[1], (int)port, &ss, &len, num, sizeof(num),
			   &err) < 0) {
		printf("error: %s\n", portal_strerror(err));
		return 1;
	}
	printf("%s %u\n", num, ntohs(ss.ss_family == AF_INET6 ?
		((struct sockaddr_in6 *)&ss)->sin6_port :
		((struct sockaddr_in *)&ss)->sin_port));
	return 0;
}
