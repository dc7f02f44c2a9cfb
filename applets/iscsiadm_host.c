/* SPDX-License-Identifier: MIT */
/* iscsiadm_host.c - "iscsiadm -m host": the iSCSI SCSI hosts from sysfs,
 * as open-iscsi 2.1.8 prints them:
 *   tcp: [2] 127.0.0.1,[<empty>],<empty> <empty>        (-P 0)
 *   Host Number: 2 / State / Transport / ... (-P 1), with the sessions
 *   of each host below it (-P 2 iface, -P 3 + negotiated values,
 *   -P 4 + attached disks and the version header).
 * open-iscsi lists every host even when -H names one; so do we. */
#include "applets/iscsiadm.h"
#include "applets/iscsiadm_session.h"
#include "core/errors.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const host_root = SYSFS_ROOT;

static const char *host_or(const char *s)
{
	return s[0] ? s : "<empty>";
}

/* An address as open-iscsi shows it: IPv6 (no '.') in brackets. */
static const char *host_addr(const char *a, char *buf, size_t n)
{
	if (!a[0] || strchr(a, '.'))
		return host_or(a);
	snprintf(buf, n, "[%s]", a);
	return buf;
}

static void host_line(const struct sysfs_host *h)
{
	char b[SYSFS_ADDR_MAX + 2];

	printf("%s: [%u] %s,[%s],%s %s\n", adm_transport_name(h, 1),
	       h->host_no, host_addr(h->ipaddress, b, sizeof(b)),
	       host_or(h->hwaddress), host_or(h->netdev),
	       host_or(h->initiatorname));
}

static void host_block(const struct sysfs_host *h)
{
	char b[SYSFS_ADDR_MAX + 2];

	printf("Host Number: %u\n", h->host_no);
	printf("\tState: %s\n", host_or(h->state));
	printf("\tTransport: %s\n", adm_transport_name(h, 1));
	printf("\tInitiatorname: %s\n", host_or(h->initiatorname));
	printf("\tIPaddress: %s\n", host_addr(h->ipaddress, b, sizeof(b)));
	printf("\tHWaddress: %s\n", host_or(h->hwaddress));
	printf("\tNetdev: %s\n", host_or(h->netdev));
}

static unsigned host_flags(int level)
{
	unsigned f = ADM_SP_IFACE;

	if (level >= 3)
		f |= ADM_SP_PARAMS;
	if (level >= 4)
		f |= ADM_SP_DISKS;
	return f;
}

/* Sessions of host h (taken from all, in list order) under its block. */
static int host_sessions(const struct sysfs_host *h, const uint32_t *sids,
			 size_t nsids, int level)
{
	struct adm_sess *v = calloc(nsids ? nsids : 1, sizeof(*v));
	size_t i, k = 0;

	if (!v)
		return ISCSI_ERR_NOMEM;
	for (i = 0; i < nsids; i++) {
		struct sysfs_session s;

		if (sysfs_session_read(host_root, sids[i], &s) < 0 ||
		    !s.has_host || s.host_no != h->host_no)
			continue;
		if (adm_sess_load(host_root, sids[i], 1, &v[k]) == 0)
			k++;
	}
	if (k) {
		printf("\t*********\n\tSessions:\n\t*********\n");
		adm_sess_tree(host_root, v, k, host_flags(level), 1);
	}
	free(v);
	return 0;
}

static int host_print(int level, const uint32_t *hosts, size_t n)
{
	uint32_t *sids = NULL;
	size_t nsids = 0, i;
	int rc = 0;

	if (level >= 2 && sysfs_session_list(host_root, &sids, &nsids) < 0)
		nsids = 0;
	for (i = 0; i < n && !rc; i++) {
		struct sysfs_host h;

		if (sysfs_host_read(host_root, hosts[i], &h) < 0)
			continue;
		if (level == 0) {
			host_line(&h);
			continue;
		}
		if (!h.on_scsi_bus)
			log_err("Could not look up host's ifaces via scsi bus.");
		host_block(&h);
		if (level >= 2)
			rc = host_sessions(&h, sids, nsids, level);
	}
	free(sids);
	return rc;
}

int adm_host(const struct adm_opts *o)
{
	int level = o->print_level < 0 ? 0 : o->print_level;
	uint32_t *hosts = NULL;
	size_t n = 0;
	int rc;

	/* -C: chap, flashnode and stats (iscsiadm_offload.c); other
	 * names are not submodes to open-iscsi and change nothing */
	if (o->submode && (!strcmp(o->submode, "chap") ||
			   !strcmp(o->submode, "flashnode") ||
			   !strcmp(o->submode, "stats") ||
			   !strcmp(o->submode, "ping")))
		return adm_host_submode(o);
	if (level > 4) {
		log_err("Invalid info level %d. Try 0 - 4.", level);
		return ISCSI_ERR_INVAL;
	}
	if (level == 4)
		adm_print_versions(host_root);
	if (sysfs_host_list(host_root, &hosts, &n) < 0)
		n = 0;
	if (!n) {
		log_err("No iSCSI hosts.");
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	} else {
		rc = host_print(level, hosts, n);
	}
	free(hosts);
	return rc;
}
