/* SPDX-License-Identifier: MIT */
/* fuzz_keys.c - libFuzzer harness for text segments and negotiation
 * (RFC 7143 §6): the input is a target's response segment.  keys_load()
 * must accept or refuse it with a reason; an accepted segment must
 * round-trip through keys_save(); then, after a normal offer like
 * open-iscsi's (or a discovery one, by the first byte), neg_response()
 * must either fail with a reason or produce a reply that our own parser
 * accepts, with every result inside its key's range. */
#include "core/keys.h"
#include "core/negotiate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_roundtrip(const struct keys *k)
{
	struct keys *again = keys_new();
	uint8_t *buf = NULL;
	size_t len = 0, i;

	if (!again || keys_save(k, &buf, &len))
		goto out;
	if (keys_load(again, buf, len, NULL) != 0 ||
	    keys_count(again) != keys_count(k))
		abort();
	for (i = 0; i < keys_count(k); i++)
		if (strcmp(keys_key(k, i), keys_key(again, i)) ||
		    strcmp(keys_value(k, i), keys_value(again, i)))
			abort();
out:
	free(buf);
	keys_delete(again);
}

static void fuzz_offer(struct neg_state *st, int discovery)
{
	static const struct {
		enum neg_key key;
		const char *value;
	} v[] = {
		{ NEG_HEADER_DIGEST, "CRC32C,None" },
		{ NEG_DATA_DIGEST, "None,CRC32C" },
		{ NEG_DEFAULT_TIME2WAIT, "2" },
		{ NEG_DEFAULT_TIME2RETAIN, "0" },
		{ NEG_IF_MARKER, "No" },
		{ NEG_OF_MARKER, "No" },
		{ NEG_ERROR_RECOVERY_LEVEL, "0" },
		{ NEG_INITIAL_R2T, "No" },
		{ NEG_IMMEDIATE_DATA, "Yes" },
		{ NEG_MAX_BURST, "262144" },
		{ NEG_FIRST_BURST, "65536" },
		{ NEG_MAX_OUTSTANDING_R2T, "1" },
		{ NEG_MAX_CONNECTIONS, "1" },
		{ NEG_DATA_PDU_IN_ORDER, "Yes" },
		{ NEG_DATA_SEQUENCE_IN_ORDER, "Yes" },
		{ NEG_MAX_RECV_DSL, "262144" },
	};
	size_t i;

	neg_init(st, discovery);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (neg_set(st, v[i].key, v[i].value, NULL))
			abort();
}

static void fuzz_check_results(const struct neg_state *st)
{
	int k;

	for (k = 0; k < NEG_KEY_COUNT; k++) {
		const struct neg_key_def *d = &neg_table[k];
		uint32_t n = neg_result_num(st, k);

		if (d->kind != NEG_LIST && d->kind != NEG_DECL &&
		    (n < d->min || n > d->max))
			abort();
		if (!neg_result_str(st, k))
			abort();
	}
	if (st->max_xmit_dsl < 512 || st->max_xmit_dsl > 16777215)
		abort();
	/* §13.14, once nothing is pending */
	if (neg_complete(st) &&
	    neg_result_num(st, NEG_FIRST_BURST) >
		    neg_result_num(st, NEG_MAX_BURST) &&
	    !(neg_result_num(st, NEG_INITIAL_R2T) &&
	      !neg_result_num(st, NEG_IMMEDIATE_DATA)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keys *rsp = keys_new(), *out = keys_new();
	struct neg_state st;
	const char *why = NULL;
	int discovery, rc;

	if (!rsp || !out || size < 1)
		goto out;
	discovery = data[0] & 1;
	rc = keys_load(rsp, data + 1, size - 1, &why);
	if (rc) {
		if (rc != -EINVAL || !why || keys_count(rsp))
			abort();
		goto out;
	}
	fuzz_roundtrip(rsp);

	fuzz_offer(&st, discovery);
	if (neg_offer(&st, out))
		goto out;
	why = NULL;
	rc = neg_response(&st, rsp, out, &why);
	if (rc) {
		if (!why)
			abort();
		goto out;
	}
	fuzz_roundtrip(out);
	fuzz_check_results(&st);
out:
	keys_delete(rsp);
	keys_delete(out);
	return 0;
}
