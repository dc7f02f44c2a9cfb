/* SPDX-License-Identifier: MIT */
/* iscsiadm.c - the iscsiadm applet: mode dispatch.
 * usage: iscsiadm -m discovery|discoverydb|node|session|iface|fw|host
 *        [options]   (see iscsiadm(8); the options are parsed, as
 *        open-iscsi 2.1.8 parses them, in iscsiadm_args.c) */
#include "applets/applets.h"
#include "applets/iscsiadm.h"
#include "applets/iscsiadm_session.h"
#include "core/errors.h"
#include "core/log.h"

#include <stdio.h>

static int adm_dispatch(const struct adm_opts *o)
{
	switch (o->mode) {
	case ADM_MODE_DISCOVERY:
	case ADM_MODE_DISCOVERYDB:
		return adm_discovery(o);
	case ADM_MODE_NODE:
		if (o->login || o->logout || o->login_all || o->logout_all)
			return adm_login(o);
		return adm_node(o);
	case ADM_MODE_IFACE:
		return adm_iface(o);
	case ADM_MODE_SESSION:
		if (o->logout && !o->rescan)	/* -R wins, as in open-iscsi */
			return adm_login(o);
		return adm_session(o);
	case ADM_MODE_HOST:
		return adm_host(o);
	case ADM_MODE_FW:
		return adm_fw(o);
	default:
		break;
	}
	log_err("this mode is not available in this build yet");
	return ISCSI_ERR_OP_NOT_SUPP;
}

int iscsiadm_main(int argc, char **argv)
{
	struct adm_opts o;
	int rc, mode_given;

	log_init("iscsiadm");
	rc = adm_parse(argc, argv, &o, &mode_given);
	if (rc >= 0)
		return rc;
	log_set_debug(o.debug);
	if (!mode_given) {
		if (o.kill)
			return adm_kill(&o);
		fprintf(stderr,
			"Try `iscsiadm --help' for more information.\n");
		return ISCSI_ERR_INVAL;
	}
	return adm_dispatch(&o);
}
