/* SPDX-License-Identifier: MIT */
/* iscsiadm_discif.c - the ifaces a discovery run binds its node records
 * to, as open-iscsi 2.1.8 chooses them: each -I in order (an unreadable
 * one is dropped with a message); without -I every stored iface record
 * (sorted), and "default" only when there is none.  An iSER or offload
 * iface whose transport the kernel lacks is dropped without a word, as
 * open-iscsi drops it after failing to load the module. */
#include "applets/iscsiadm.h"
#include "core/errors.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int adm_discif_transport_ok(const struct idbm_iface *ifc)
{
	char path[128];

	if (!ifc->transport_name[0] || !strcmp(ifc->transport_name, "tcp"))
		return 1;
	snprintf(path, sizeof(path), "/sys/class/iscsi_transport/%s",
		 ifc->transport_name);
	return !access(path, F_OK);
}

static int adm_discif_add(const char *name, void *arg)
{
	struct adm_disc_ifaces *s = arg;
	struct idbm_iface *v;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		v = realloc(s->v, (size_t)s->cap * sizeof(*v));
		if (!v)
			return ISCSI_ERR_NOMEM;
		s->v = v;
	}
	if (adm_iface_get(name, &s->v[s->n])) {
		log_err("Could not read iface info for %s. Make sure an iface "
			"config with the file name and iface.iscsi_ifacename "
			"%s is in %s/ifaces.", name, name, idbm_root());
		return 0;
	}
	if (adm_discif_transport_ok(&s->v[s->n]))
		s->n++;
	return 0;
}

int adm_disc_ifaces(const struct adm_opts *o, struct adm_disc_ifaces *out)
{
	int rc = 0;

	memset(out, 0, sizeof(*out));
	for (int k = 0; !rc && k < o->n_ifaces; k++) {
		/* open-iscsi makes the ifaces directory while looking */
		if (strcmp(o->ifaces[k], "default") &&
		    strcmp(o->ifaces[k], "iser"))
			adm_db_mkdir("ifaces");
		rc = adm_discif_add(o->ifaces[k], out);
	}
	if (!rc && !o->n_ifaces) {
		rc = idbm_iface_foreach(idbm_root(), adm_discif_add, out);
		if (rc < 0)
			rc = 0;
		if (!rc && !out->n)
			rc = adm_discif_add("default", out);
	}
	if (rc)
		adm_disc_ifaces_free(out);
	return rc;
}

void adm_disc_ifaces_free(struct adm_disc_ifaces *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}
