/* SPDX-License-Identifier: MIT */
/* sess_find.c - find a kernel session that already serves a record
 * (sess_find.h), reading sysfs through transport/sysfs_session.c. */
#include "core/sess_find.h"

#include "core/errors.h"
#include "transport/sysfs_session.h"

#include <arpa/inet.h>
#include <mbedtls/platform_util.h>
#include <stdlib.h>
#include <string.h>

/* Same address: equal as numbers when both are numeric (so "::1" and
 * "0:0::1" match, as open-iscsi's resolved comparison finds), else equal
 * as text. */
static int sf_addr_eq(const char *a, const char *b)
{
	unsigned char x[16], y[16];

	if (inet_pton(AF_INET, a, x) == 1 && inet_pton(AF_INET, b, y) == 1)
		return memcmp(x, y, 4) == 0;
	if (inet_pton(AF_INET6, a, x) == 1 && inet_pton(AF_INET6, b, y) == 1)
		return memcmp(x, y, 16) == 0;
	return strcmp(a, b) == 0;
}

static int sf_match(const struct sysfs_session *s, const struct idbm_node *n)
{
	/* A session without an ifacename is the default iface's. */
	const char *iface = s->ifacename[0] ? s->ifacename : "default";
	const char *want = n->iface.name[0] ? n->iface.name : "default";

	return s->has_conn && strcmp(s->targetname, n->name) == 0 &&
	       sf_addr_eq(s->conn.persistent_address, n->conn.address) &&
	       s->conn.persistent_port == n->conn.port &&
	       strcmp(iface, want) == 0;
}

uint32_t sess_find(const char *root, const struct idbm_node *n)
{
	struct sysfs_session *s = malloc(sizeof(*s));
	uint32_t *sids = NULL, found = 0;
	size_t i, cnt = 0;

	if (!s || sysfs_session_list(root, &sids, &cnt) < 0)
		cnt = 0;
	for (i = 0; i < cnt && !found; i++)
		if (sysfs_session_read(root, sids[i], s) == 0 &&
		    sf_match(s, n))
			found = sids[i];
	free(sids);
	if (s) /* sysfs_session_read copies the CHAP secrets too */
		mbedtls_platform_zeroize(s, sizeof(*s));
	free(s);
	return found;
}

int sess_find_refuse(const char *root, const struct idbm_node *n)
{
	return sess_find(root, n) ? ISCSI_ERR_SESS_EXISTS : 0;
}
