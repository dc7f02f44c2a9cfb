/* SPDX-License-Identifier: MIT */
/* fuzz_config.c - libFuzzer harness for /etc/iscsi/iscsid.conf and
 * /etc/iscsi/initiatorname.iscsi (core/config.c): the input is the
 * file.  It is overlaid on the built-in defaults of each record kind as
 * iscsiadm does for a new record (the result must print), single keys
 * are looked up as iscsiadm and iscsid do, and the initiator name is
 * read.  A value found must be non-empty, without outer blanks, and a
 * buffer one byte too small must get -ENOSPC, never a cut value.
 * Each input takes one record kind and one key, chosen by its length
 * (every length mutation moves it to the next): all of them on every
 * input made each run parse the file ten times over, most of it in
 * libFuzzer's strcmp hooks behind the key table's linear search. */
#include "core/config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void apply(enum idbm_kind kind, int isns, const char *text,
		  size_t len)
{
	union {
		struct idbm_node n;
		struct idbm_iface i;
		struct idbm_disc d;
	} r;
	char msg[512] = "";
	char *out;

	if (kind == IDBM_KIND_NODE)
		idbm_node_init(&r.n);
	else if (kind == IDBM_KIND_IFACE)
		idbm_iface_init(&r.i, "default");
	else
		idbm_disc_init(&r.d, isns ? IDBM_DISC_ISNS :
					    IDBM_DISC_SENDTARGETS);
	if (config_apply(kind, &r, text, len, CONFIG_ISCSID_CONF, msg,
			 sizeof(msg)))
		return;
	out = idbm_rec_format(kind, &r, 0, NULL);
	if (!out)
		abort();
	free(out);
}

static void lookup(const char *text, size_t len, const char *key)
{
	char out[256], small[256];
	size_t n;
	int rc;

	rc = config_get_string(text, len, key, out, sizeof(out));
	if (rc != 0 && rc != -ENOENT && rc != -ENOSPC)
		abort();
	if (rc)
		return;
	n = strlen(out);
	if (!n || n >= sizeof(out) || out[0] == ' ' || out[0] == '\t' ||
	    out[n - 1] == ' ' || out[n - 1] == '\n')
		abort();
	if (config_get_string(text, len, key, small, n + 1) ||
	    strcmp(small, out) ||
	    config_get_string(text, len, key, small, n) != -ENOSPC)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {
		"iscsid.startup", "InitiatorName", "InitiatorAlias",
		"node.startup", "=", "#",
	};
	static const struct {
		enum idbm_kind kind;
		int isns;
	} kinds[] = {
		{ IDBM_KIND_NODE, 0 }, { IDBM_KIND_IFACE, 0 },
		{ IDBM_KIND_DISC, 0 }, { IDBM_KIND_DISC, 1 },
	};
	const char *text = (const char *)data;
	struct config_initiator ini;
	char msg[512] = "";
	size_t k = size % (sizeof(kinds) / sizeof(kinds[0]));

	apply(kinds[k].kind, kinds[k].isns, text, size);
	lookup(text, size, keys[size % (sizeof(keys) / sizeof(keys[0]))]);
	if (config_initiator_parse(text, size, CONFIG_INITIATORNAME, &ini,
				   msg, sizeof(msg)) == 0) {
		if (!ini.name[0] || !memchr(ini.alias, '\0',
					    sizeof(ini.alias)))
			abort();
	} else if (!msg[0] || ini.name[0]) {
		abort();
	}
	return 0;
}
