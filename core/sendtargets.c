/* SPDX-License-Identifier: MIT */
/* sendtargets.c - turning a SendTargets text response into targets and
 * portals (RFC 7143 §11.11, Appendix C). */
#include "core/sendtargets.h"

#include "core/keys.h"
#include "core/log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* RFC 7143 §4.2.7.1: an iSCSI name is at most 223 bytes (and a node
 * record holds no more). */
#define ST_NAME_MAX 223

static int st_add_target(struct st_list *l, const char *name)
{
	struct st_target *t;

	/* Double the array when n reaches a power of two: an answer of
	 * 100,000 targets must not cost n^2 copies. */
	if ((l->n & (l->n - 1)) == 0) {
		t = realloc(l->targets, (l->n ? 2 * l->n : 1) * sizeof(*t));
		if (!t)
			return -ENOMEM;
		l->targets = t;
	}
	t = &l->targets[l->n];
	memset(t, 0, sizeof(*t));
	t->name = strdup(name);
	if (!t->name)
		return -ENOMEM;
	l->n++;
	return 0;
}

static int st_add_portal(struct st_target *t, const struct portal *p)
{
	struct portal *n;

	n = realloc(t->portals, (t->n_portals + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	t->portals = n;
	t->portals[t->n_portals++] = *p;
	return 0;
}

/* Targets announced without an address live at the asked portal. */
static int st_fill_default(struct st_list *l, const char *addr, int port)
{
	struct portal p;
	size_t i;

	memset(&p, 0, sizeof(p));
	if (strlen(addr) >= sizeof(p.addr))
		return -EINVAL;
	strcpy(p.addr, addr);
	p.port = port;
	p.tpgt = PORTAL_TPGT_UNKNOWN;
	for (i = 0; i < l->n; i++)
		if (l->targets[i].n_portals == 0 &&
		    st_add_portal(&l->targets[i], &p) < 0)
			return -ENOMEM;
	return 0;
}

int sendtargets_parse(const uint8_t *text, size_t len, const char *disc_addr,
		      int disc_port, struct st_list *out, const char **why)
{
	struct keys *k = keys_new();
	struct portal p;
	char safe[KEYS_TARGETS_VALUE_MAX + 1];
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!k)
		return -ENOMEM;
	rc = keys_load(k, text, len, why);
	for (i = 0; rc == 0 && i < keys_count(k); i++) {
		const char *key = keys_key(k, i), *val = keys_value(k, i);

		if (strcmp(key, "TargetName") == 0) {
			if (!*val) {
				*why = "empty TargetName";
				rc = -EINVAL;
			} else if (strlen(val) > ST_NAME_MAX) {
				/* as open-iscsi: this target and the rest of
				 * the answer are dropped, those before kept */
				log_err("TargetName %s too long, ignoring",
					log_sanitize(safe, sizeof(safe), val,
						     strlen(val)));
				log_err("failed to add target record");
				break;
			} else {
				rc = st_add_target(out, val);
			}
		} else if (out->n == 0) {
			continue;	/* before any target: nobody's data */
		} else if (strcmp(key, "TargetAddress") == 0) {
			if (portal_parse(val, 3260, &p) < 0) {
				*why = "malformed TargetAddress";
				rc = -EINVAL;
			} else {
				rc = st_add_portal(&out->targets[out->n - 1],
						   &p);
			}
		} else {
			log_err("unexpected SendTargets data: %s=%s", key,
				log_sanitize(safe, sizeof(safe), val,
					     strlen(val)));
		}
	}
	if (rc == 0)
		rc = st_fill_default(out, disc_addr, disc_port);
	keys_delete(k);
	if (rc < 0)
		st_list_free(out);
	return rc;
}

void st_list_free(struct st_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->targets[i].name);
		free(l->targets[i].portals);
	}
	free(l->targets);
	l->targets = NULL;
	l->n = 0;
}
