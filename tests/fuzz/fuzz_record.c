/* SPDX-License-Identifier: MIT */
/* fuzz_record.c - libFuzzer harness for the record/config text parser
 * (idbm_rec_parse for every record kind, iscsid.conf overlay,
 * initiatorname.iscsi lookup).  Beyond memory safety it checks that
 * whatever parses can be written and read back, and that one write/read
 * cycle reaches a fixed point (the first may normalise: an all-unknown
 * chap_algs is omitted and reads back as the default, as in open-iscsi).
 * Each input takes one record kind, chosen by its length (every length
 * mutation moves it to the next): all five on every input made one run
 * fifteen parses and twenty prints of the whole text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/idbm.h"

static void init_rec(enum idbm_kind kind, int isns, void *rec)
{
	if (kind == IDBM_KIND_NODE)
		idbm_node_init(rec);
	else if (kind == IDBM_KIND_IFACE)
		idbm_iface_init(rec, "default");
	else
		idbm_disc_init(rec, isns ? IDBM_DISC_ISNS :
					   IDBM_DISC_SENDTARGETS);
}

static void roundtrip(enum idbm_kind kind, int isns, unsigned flags,
		      const char *text, size_t len)
{
	union {
		struct idbm_node n;
		struct idbm_iface i;
		struct idbm_disc d;
	} a, b;
	char msg[512] = "";
	char *out1, *out2, *dump;
	size_t l1, l2 = 0;
	int same;

	init_rec(kind, isns, &a);
	if (idbm_rec_parse(kind, &a, text, len, "fuzz", flags, msg,
			   sizeof(msg)))
		return;
	/* an isns type read into a sendtargets record changes its key set */
	if (kind == IDBM_KIND_DISC)
		isns = a.d.type == IDBM_DISC_ISNS;
	out1 = idbm_rec_format(kind, &a, 0, &l1);
	dump = idbm_rec_format(kind, &a, IDBM_FMT_DUMP, NULL);
	if (!out1 || !dump)
		abort();
	for (int pass = 0; pass < 2; pass++) {
		init_rec(kind, isns, &b);
		if (kind == IDBM_KIND_DISC)
			b.d.type = a.d.type;
		msg[0] = '\0';
		if (idbm_rec_parse(kind, &b, out1, l1, "again", 0, msg,
				   sizeof(msg)))
			abort();
		out2 = idbm_rec_format(kind, &b, 0, &l2);
		if (!out2)
			abort();
		same = l1 == l2 && !memcmp(out1, out2, l1);
		if (pass && !same)
			abort();
		free(out1);
		out1 = out2;
		l1 = l2;
		if (same)	/* a fixed point already: pass 1 would repeat */
			break;
	}
	free(out1);
	free(dump);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		enum idbm_kind kind;
		int isns;
		unsigned flags;
	} kinds[] = {
		{ IDBM_KIND_NODE, 0, 0 }, { IDBM_KIND_NODE, 0, IDBM_SET_CONFIG },
		{ IDBM_KIND_IFACE, 0, 0 }, { IDBM_KIND_DISC, 0, 0 },
		{ IDBM_KIND_DISC, 1, 0 },
	};
	const char *text = (const char *)data;
	struct config_initiator ini;
	char out[64];
	size_t k = size % (sizeof(kinds) / sizeof(kinds[0]));

	roundtrip(kinds[k].kind, kinds[k].isns, kinds[k].flags, text, size);
	config_get_string(text, size, "iscsid.startup", out, sizeof(out));
	config_initiator_parse(text, size, "fuzz", &ini, NULL, 0);
	return 0;
}
