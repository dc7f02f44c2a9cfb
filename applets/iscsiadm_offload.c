/* SPDX-License-Identifier: MIT */
/* iscsiadm_offload.c - what only an offload host (qla4xxx, be2iscsi, ...)
 * can do, answered as open-iscsi 2.1.8 answers where there is none:
 *   -m host [-H N] -C chap|flashnode|stats   the host's transport
 *   -m iface -I X -o apply / -o applyall [-H N]   network settings
 * The host's transport is found from /sys/class/scsi_host/hostN/
 * proc_name; the software transports (iscsi_tcp, ib_iser) have no host
 * CHAP table, flash nodes or host statistics to offer. */
#include "applets/iscsiadm.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/log.h"
#include "core/num.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static uint32_t adm_offload_hostno(const struct adm_opts *o)
{
	uint32_t v = 0;

	if (o->host && num_parse_u32(o->host, 0, UINT32_MAX, &v) < 0)
		v = 0;
	return v;
}

/* 0 when hostN's driver is a software transport, else the error said. */
static int adm_offload_transport(uint32_t host, int complain)
{
	char path[96], name[64];

	snprintf(path, sizeof(path), SYSFS_ROOT
		 "/class/scsi_host/host%u/proc_name", host);
	if (sysfs_read(path, name, sizeof(name)) < 0) {
		/* open-iscsi reports its sysfs reader's EIO */
		log_err("Could not read proc_name for host%u rc %d.", host,
			EIO);
		name[0] = '\0';
	}
	if (!strcmp(name, "iscsi_tcp") || !strcmp(name, "ib_iser"))
		return 0;
	if (complain)
		log_err("Could not match hostno %u to transport.", host);
	return ISCSI_ERR_TRANS_NOT_FOUND;
}

int adm_host_submode(const struct adm_opts *o)
{
	const char *m = o->submode;
	uint32_t host = adm_offload_hostno(o);

	if (strcmp(m, "chap") && strcmp(m, "flashnode") &&
	    strcmp(m, "stats")) {
		log_err("Invalid Sub Mode");	/* and exit 0, as upstream */
		return 0;
	}
	if (!strcmp(m, "chap") && !o->op) {
		log_err("CHAP mode requires host no and valid operation");
		return ISCSI_ERR_INVAL;
	}
	if (adm_offload_transport(host, 1))
		return ISCSI_ERR_TRANS_NOT_FOUND;
	log_err("Operation not supported by the software transports.");
	return ISCSI_ERR_OP_NOT_SUPP;
}

int adm_iface_apply(const struct adm_opts *o)
{
	const char *name = o->n_ifaces ? o->ifaces[0] : NULL;
	struct idbm_iface ifc;
	uint32_t host;

	if (o->op & ADM_OP_APPLY_ALL) {
		host = adm_offload_hostno(o);
		adm_offload_transport(host, 0);
		log_err("Nothing to configure.");
		printf("Applied settings to ifaces attached to host%u.\n",
		       host);
		return 0;
	}
	if (!name) {
		log_err("Apply requires iface.");
		return ISCSI_ERR_INVAL;
	}
	if (adm_iface_get(name, &ifc)) {
		log_err("Could not read iface %s (%d).", name, ISCSI_ERR_IDBM);
		return ISCSI_ERR_IDBM;
	}
	/* network settings live in offload ifaces only */
	log_err("Nothing to configure.");
	printf("%s applied.\n", name);
	return 0;
}
