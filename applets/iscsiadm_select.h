/* SPDX-License-Identifier: MIT */
/* iscsiadm_select.h - what -T/-p/-I and a -L/-U class select for logins
 * and logouts (iscsiadm_select.c). */
#ifndef ISCSIBOX_ISCSIADM_SELECT_H
#define ISCSIBOX_ISCSIADM_SELECT_H

#include "applets/iscsiadm.h"
#include "core/idbm_db.h"
#include "core/portal.h"

#define ADM_CLASS_NONE (-2)	/* -l/-u: no class given */
#define ADM_CLASS_ALL (-1)	/* -L/-U all */

/* sel points into p: keep the struct where adm_select_init filled it. */
struct adm_select {
	struct idbm_sel sel;	/* -T, -p (with its tpgt), every -I */
	struct portal p;
	int startup;		/* ADM_CLASS_* or enum idbm_startup */
};

/* Fill s from o and class (-L/-U value or NULL).  0, or ISCSI_ERR_INVAL
 * after open-iscsi's message for a bad class or portal. */
int adm_select_init(const struct adm_opts *o, const char *class,
		    struct adm_select *s);

#endif
