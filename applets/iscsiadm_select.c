/* SPDX-License-Identifier: MIT */
/* iscsiadm_select.c - the selection of "iscsiadm -m node -l/-u/-L/-U" and
 * "-m session -u": -T, -p (ip[:port][,tpgt]), every -I (a legacy record,
 * which names no iface, counts as "default") and the startup class. */
#include "applets/iscsiadm_select.h"
#include "core/errors.h"
#include "core/log.h"

#include <string.h>

static int adm_startup_class(const char *s)
{
	if (!s)
		return ADM_CLASS_NONE;
	if (strcmp(s, "all") == 0)
		return ADM_CLASS_ALL;
	if (strcmp(s, "manual") == 0)
		return IDBM_STARTUP_MANUAL;
	if (strcmp(s, "automatic") == 0)
		return IDBM_STARTUP_AUTOMATIC;
	if (strcmp(s, "onboot") == 0)
		return IDBM_STARTUP_ONBOOT;
	return -3;
}

int adm_select_init(const struct adm_opts *o, const char *class,
		    struct adm_select *s)
{
	memset(s, 0, sizeof(*s));
	s->startup = adm_startup_class(class);
	if (s->startup == -3) {
		log_err("Invalid logout/login type %s", class);
		return ISCSI_ERR_INVAL;
	}
	if (o->portal && portal_parse(o->portal, ISCSI_DEFAULT_PORT,
				      &s->p) < 0) {
		log_err("Please specify portal as <ipaddr>[:<ipport>]");
		return ISCSI_ERR_INVAL;
	}
	s->sel.target = o->target;
	if (o->portal) {
		s->sel.addr = s->p.addr;
		s->sel.port = s->p.port;
		s->sel.tpgt = s->p.tpgt == PORTAL_TPGT_UNKNOWN ? IDBM_SEL_ANY :
								 s->p.tpgt;
	}
	s->sel.ifaces = o->ifaces;
	s->sel.n_ifaces = o->n_ifaces;
	s->sel.legacy_iface = "default";
	return 0;
}
