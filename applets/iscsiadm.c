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
#include <string.h>

/* -m node: what open-iscsi 2.1.8 settles before looking up any record,
 * in its order: -L (else -U) with the last -L/-U value; the iface; then
 * -o new, -R/-s, and conflicting -l/-u/-o. */
static int adm_node_dispatch(const struct adm_opts *o)
{
	static const char *const classes[] = { "all", "manual", "automatic",
					       "onboot" };
	struct adm_opts q = *o;
	size_t i, n = o->login_all ? 4 : 3;	/* no "onboot" for -U */

	if (o->login_all || o->logout_all) {
		for (i = 0; i < n && strcmp(o->all_mode, classes[i]); i++)
			;
		if (i == n) {
			log_err("Invalid %s option %s.", o->login_all ?
				"loginall" : "logoutall", o->all_mode);
			fprintf(stderr, "Try `iscsiadm --help' for more "
				"information.\n");
			return ISCSI_ERR_INVAL;
		}
		q.login = q.logout = 0;
		q.login_all = o->login_all ? o->all_mode : NULL;
		q.logout_all = o->login_all ? NULL : o->all_mode;
		return o->login_all ? adm_login(&q) : adm_logout(&q);
	}
	if (o->n_ifaces && adm_node_iface_check(o))
		return ISCSI_ERR_NOMEM;
	if ((o->op & ADM_OP_NEW) || o->rescan || o->stats ||
	    (!o->login && !o->logout))
		return adm_node(o);
	if (o->login && o->logout) {
		log_err("Invalid parameters. Both login and logout passed in");
		return ISCSI_ERR_INVAL;
	}
	if (o->op) {
		log_err("Invalid parameters. Login/logout and op passed in");
		return ISCSI_ERR_INVAL;
	}
	return o->login ? adm_login(o) : adm_logout(o);
}

static int adm_dispatch(const struct adm_opts *o)
{
	switch (o->mode) {
	case ADM_MODE_DISCOVERY:
	case ADM_MODE_DISCOVERYDB:
		return adm_discovery(o);
	case ADM_MODE_NODE:
		return adm_node_dispatch(o);
	case ADM_MODE_IFACE:
		return adm_iface(o);
	case ADM_MODE_SESSION:
		if (o->logout && !o->rescan)	/* -R wins, as in open-iscsi */
			return adm_logout(o);
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
