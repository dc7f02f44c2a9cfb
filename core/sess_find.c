/* SPDX-License-Identifier: MIT */
/* sess_find.c - find a kernel session that already serves a record
 * (sess_find.h), reading sysfs through transport/sysfs_session.c. */
#include "core/sess_find.h"

#include "core/errors.h"
#include "transport/sysfs_session.h"

#include <arpa/inet.h>
#include <mbedtls/platform_util.h>
#include <stdio.h>
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

struct sess_key {
	uint32_t sid;
	int port;
	char target[SYSFS_NAME_MAX];
	char addr[SYSFS_ADDR_MAX];
	char iface[SYSFS_SHORT_MAX];
};

struct sess_keys {
	size_t n;
	struct sess_key v[];
};

struct sess_keys *sess_keys_read(const char *root)
{
	struct sysfs_session *s = malloc(sizeof(*s));
	struct sess_keys *k = NULL;
	uint32_t *sids = NULL;
	size_t i, cnt = 0;

	if (!s)
		return NULL;
	if (sysfs_session_list(root, &sids, &cnt) < 0)
		cnt = 0;
	k = malloc(sizeof(*k) + cnt * sizeof(k->v[0]));
	if (k)
		k->n = 0;
	for (i = 0; k && i < cnt; i++) {
		struct sess_key *e = &k->v[k->n];

		/* a session whose attributes cannot be read does not match */
		if (sysfs_session_read(root, sids[i], s) || !s->has_conn)
			continue;
		e->sid = sids[i];
		e->port = s->conn.persistent_port;
		memcpy(e->target, s->targetname, sizeof(e->target));
		memcpy(e->addr, s->conn.persistent_address, sizeof(e->addr));
		/* A session without an ifacename is the default iface's. */
		snprintf(e->iface, sizeof(e->iface), "%s",
			 s->ifacename[0] ? s->ifacename : "default");
		k->n++;
	}
	free(sids);
	/* sysfs_session_read copies the CHAP secrets too */
	mbedtls_platform_zeroize(s, sizeof(*s));
	free(s);
	return k;
}

void sess_keys_free(struct sess_keys *k)
{
	free(k);
}

uint32_t sess_keys_find(const struct sess_keys *k, const char *target,
			const char *addr, int port, const char *iface)
{
	const char *want = iface[0] ? iface : "default";
	size_t i;

	for (i = 0; k && i < k->n; i++)
		if (strcmp(k->v[i].target, target) == 0 &&
		    sf_addr_eq(k->v[i].addr, addr) && k->v[i].port == port &&
		    strcmp(k->v[i].iface, want) == 0)
			return k->v[i].sid;
	return 0;
}

uint32_t sess_find(const char *root, const struct idbm_node *n)
{
	struct sess_keys *k = sess_keys_read(root);
	uint32_t sid = sess_keys_find(k, n->name, n->conn.address,
				      n->conn.port, n->iface.name);

	sess_keys_free(k);
	return sid;
}

int sess_find_refuse(const char *root, const struct idbm_node *n)
{
	return sess_find(root, n) ? ISCSI_ERR_SESS_EXISTS : 0;
}
