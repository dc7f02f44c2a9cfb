/* SPDX-License-Identifier: MIT */
/* iscsistart_cmdline.c - iscsistart --cmdline[=FILE]: log in to the
 * targets the kernel command line names (FILE, default /proc/cmdline),
 * in dracut's or initramfs-tools' words (firmware/cmdline.h), so an
 * image without a generator boots from the same line with no script.
 *
 * Each target becomes a record as -i/-t/-g/-a/-p/-u/-w/-U/-W would make
 * it; options given on iscsistart's own command line win over the
 * kernel's (-i, -g, credentials), and -P comes after rd.iscsi.param.
 * rd.iscsi.firmware / iscsi_auto mean -b.  Malformed iSCSI words are
 * reported and skipped; the other targets are still logged in to.
 * Exit: 0, 1 if a login failed (as iscsistart), 21 when the line names
 * no target, 7 without an initiator name. */
#include "applets/iscsistart.h"
#include "core/errors.h"
#include "core/errtext.h"
#include "core/fsutil.h"
#include "core/log.h"
#include "firmware/cmdline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMDLINE_FILE_MAX 65536

/* The record options of one target: ours over the kernel's. */
static int cl_opts(const struct start_opts *o, const struct cmdline_iscsi *c,
		   const struct cmdline_tgt *t, struct start_opts *to,
		   char *retry, size_t retrysz)
{
	int i;

	*to = *o;
	to->n_params = 0;
	to->iname = o->iname ? o->iname : c->initiator[0] ? c->initiator : NULL;
	to->target = t->name;
	to->address = t->address;
	to->port = t->port;
	if (o->tpgt < 0)
		to->tpgt = t->tpgt >= 0 ? t->tpgt : 1;
	if (!o->user && !o->pass && t->user[0]) {
		to->user = t->user;
		to->pass = t->pass;
	}
	if (!o->user_in && !o->pass_in && t->user_in[0]) {
		to->user_in = t->user_in;
		to->pass_in = t->pass_in;
	}
	if (c->login_retry_max >= 0) {
		snprintf(retry, retrysz,
			 "node.session.initial_login_retry_max=%d",
			 c->login_retry_max);
		to->params[to->n_params++] = retry;
	}
	for (i = 0; i < c->n_params && to->n_params < START_MAX_PARAMS; i++)
		to->params[to->n_params++] = c->param[i];
	for (i = 0; i < o->n_params && to->n_params < START_MAX_PARAMS; i++)
		to->params[to->n_params++] = o->params[i];
	if (c->n_params + o->n_params + 1 > START_MAX_PARAMS) {
		log_err("too many --param options");
		return ISCSI_ERR_INVAL;
	}
	if (t->iface[0] || t->netdev[0])
		log_warn("%s: interface %s/%s of the root path ignored: "
			 "iscsistart uses the default iface", t->name,
			 t->iface, t->netdev);
	return 0;
}

static int cl_login_all(const struct start_opts *o,
			const struct cmdline_iscsi *c)
{
	struct start_opts to;
	char retry[64];
	int i, rc = 0, r;

	for (i = 0; i < c->n_tgts; i++) {
		r = cl_opts(o, c, &c->tgt[i], &to, retry, sizeof(retry));
		if (!r && !to.iname) {
			log_err("InitiatorName not set. Exiting iscsistart");
			r = ISCSI_ERR_INVAL;
		}
		if (r)
			return r;
		r = start_login_opts(&to);
		if (r && !rc)
			rc = r;
	}
	return rc;
}

int start_cmdline(const struct start_opts *o)
{
	const char *path = o->cmdline;
	struct cmdline_iscsi *c = malloc(sizeof(*c));
	struct start_opts fo;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (!c)
		return ISCSI_ERR_NOMEM;
	rc = fs_read_file(path, CMDLINE_FILE_MAX, &buf, &len);
	if (rc < 0) {
		log_err("cannot read %s: %s", path, errtext(-rc));
		rc = ISCSI_ERR;
		goto out;
	}
	log_warn("version %s", ISCSIBOX_COMPAT_VERSION);
	if (cmdline_parse(buf, len, c) < 0)
		log_err("%s: %s (skipped)", path, c->why);
	if (c->firmware) {
		fo = *o;
		fo.fw_connect = 1;
		rc = start_fw(&fo);
	} else if (!c->n_tgts) {
		log_err("no iSCSI target on the kernel command line (%s)", path);
		rc = ISCSI_ERR_NO_OBJS_FOUND;
	} else {
		rc = cl_login_all(o, c);
	}
out:
	free(buf);
	explicit_bzero(c, sizeof(*c));
	free(c);
	return rc;
}
