/* SPDX-License-Identifier: MIT */
/* negotiate.c - operational key negotiation (RFC 7143 §6.2, §13): the
 * key table, our settings, our offers and the outcome.  Answers and
 * target offers are processed in negotiate_rsp.c with the same rules.
 *
 * Booleans are numbers 0/1: AND is the Minimum function and OR the
 * Maximum function (§6.2.1/§6.2.2), so one rule serves both kinds. */
#include "core/negotiate.h"
#include "core/negotiate_int.h"

#include "core/keys.h"
#include "core/num.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NEG_24BIT 16777215u
#define NEG_LO_NORMAL (NEG_F_LO | NEG_F_NORMAL_ONLY)

/* RFC 7143 §13 (sections named per key) and §13.25 for the obsolete
 * markers.  MaxConnections, InitialR2T, ImmediateData, the burst and R2T
 * keys, the ordering keys and TaskReporting are irrelevant in discovery
 * sessions.  Each row: name, default, max, min, kind, flags, strings. */
const struct neg_key_def neg_table[NEG_KEY_COUNT] = {
	/* §13.1 */
	[NEG_HEADER_DIGEST] = { "HeaderDigest", 0, 0, 0, NEG_LIST, 0,
				NEG_S_DIGEST },
	[NEG_DATA_DIGEST] = { "DataDigest", 0, 0, 0, NEG_LIST, 0,
			      NEG_S_DIGEST },
	/* §13.15, §13.16 */
	[NEG_DEFAULT_TIME2WAIT] = { "DefaultTime2Wait", 2, 3600, 0, NEG_NUM_MAX,
				    NEG_F_LO, NEG_S_NONE },
	[NEG_DEFAULT_TIME2RETAIN] = { "DefaultTime2Retain", 20, 3600, 0,
				      NEG_NUM_MIN, NEG_F_LO, NEG_S_NONE },
	/* §13.25: RFC 3720 markers, AND-negotiated there, default No */
	[NEG_IF_MARKER] = { "IFMarker", 0, 1, 0, NEG_BOOL_AND, NEG_F_OBSOLETE,
			    NEG_S_NONE },
	[NEG_OF_MARKER] = { "OFMarker", 0, 1, 0, NEG_BOOL_AND, NEG_F_OBSOLETE,
			    NEG_S_NONE },
	/* §13.20 */
	[NEG_ERROR_RECOVERY_LEVEL] = { "ErrorRecoveryLevel", 0, 2, 0,
				       NEG_NUM_MIN, NEG_F_LO, NEG_S_NONE },
	/* §13.10, §13.11 */
	[NEG_INITIAL_R2T] = { "InitialR2T", 1, 1, 0, NEG_BOOL_OR, NEG_LO_NORMAL,
			      NEG_S_NONE },
	[NEG_IMMEDIATE_DATA] = { "ImmediateData", 1, 1, 0, NEG_BOOL_AND,
				 NEG_LO_NORMAL, NEG_S_NONE },
	/* §13.13, §13.14 */
	[NEG_MAX_BURST] = { "MaxBurstLength", 262144, NEG_24BIT, 512,
			    NEG_NUM_MIN, NEG_LO_NORMAL, NEG_S_NONE },
	[NEG_FIRST_BURST] = { "FirstBurstLength", 65536, NEG_24BIT, 512,
			      NEG_NUM_MIN, NEG_LO_NORMAL, NEG_S_NONE },
	/* §13.17, §13.2 */
	[NEG_MAX_OUTSTANDING_R2T] = { "MaxOutstandingR2T", 1, 65535, 1,
				      NEG_NUM_MIN, NEG_LO_NORMAL, NEG_S_NONE },
	[NEG_MAX_CONNECTIONS] = { "MaxConnections", 1, 65535, 1, NEG_NUM_MIN,
				  NEG_LO_NORMAL, NEG_S_NONE },
	/* §13.18, §13.19 */
	[NEG_DATA_PDU_IN_ORDER] = { "DataPDUInOrder", 1, 1, 0, NEG_BOOL_OR,
				    NEG_LO_NORMAL, NEG_S_NONE },
	[NEG_DATA_SEQUENCE_IN_ORDER] = { "DataSequenceInOrder", 1, 1, 0,
					 NEG_BOOL_OR, NEG_LO_NORMAL,
					 NEG_S_NONE },
	/* §13.12 */
	[NEG_MAX_RECV_DSL] = { "MaxRecvDataSegmentLength", 8192, NEG_24BIT, 512,
			       NEG_NUM_DECL, 0, NEG_S_NONE },
	/* RFC 7145 §6.2-§6.4, iSER only: never offered unless neg_rdma()
	 * set them, in the order open-iscsi offers them */
	[NEG_INITIATOR_RDSL] = { "InitiatorRecvDataSegmentLength", 8192,
				 NEG_24BIT, 512, NEG_NUM_MIN, NEG_F_NORMAL_ONLY,
				 NEG_S_NONE },
	[NEG_TARGET_RDSL] = { "TargetRecvDataSegmentLength", 8192, NEG_24BIT,
			      512, NEG_NUM_MIN, NEG_F_NORMAL_ONLY, NEG_S_NONE },
	[NEG_RDMA_EXTENSIONS] = { "RDMAExtensions", 0, 1, 0, NEG_BOOL_AND,
				  NEG_LO_NORMAL, NEG_S_NONE },
	/* §13.23: we implement only the RFC 3720 semantics */
	[NEG_TASK_REPORTING] = { "TaskReporting", 0, 0, 0, NEG_LIST,
				 NEG_LO_NORMAL, NEG_S_RFC3720 },
	/* §13.24: level 1 is RFC 7143 itself */
	[NEG_ISCSI_PROTOCOL_LEVEL] = { "iSCSIProtocolLevel", 1, 31, 0,
				       NEG_NUM_MIN, NEG_F_LO, NEG_S_NONE },
	/* §13.25: must be answered Reject */
	[NEG_IF_MARK_INT] = { "IFMarkInt", 0, 0, 0, NEG_DECL, NEG_F_OBSOLETE,
			      NEG_S_EMPTY },
	[NEG_OF_MARK_INT] = { "OFMarkInt", 0, 0, 0, NEG_DECL, NEG_F_OBSOLETE,
			      NEG_S_EMPTY },
	/* §13.6, §13.9 */
	[NEG_TARGET_ALIAS] = { "TargetAlias", 0, 0, 0, NEG_DECL, 0,
			       NEG_S_EMPTY },
	[NEG_TARGET_PORTAL_GROUP_TAG] = { "TargetPortalGroupTag", 0, 65535, 0,
					  NEG_NUM_DECL, 0, NEG_S_NONE },
};

static const struct {
	const char *def_str;
	const char *values;
} neg_strs[] = {
	[NEG_S_NONE] = { NULL, NULL },
	[NEG_S_DIGEST] = { "None", "CRC32C,None" },
	[NEG_S_RFC3720] = { "RFC3720", "RFC3720" },
	[NEG_S_EMPTY] = { "", NULL },
};

const char *neg_def_str(const struct neg_key_def *d)
{
	return neg_strs[d->strs].def_str;
}

const char *neg_values(const struct neg_key_def *d)
{
	return neg_strs[d->strs].values;
}

int neg_fail(struct neg_state *st, const char **why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->why, sizeof(st->why), fmt, ap);
	va_end(ap);
	if (why)
		*why = st->why;
	return -EPROTO;
}

int neg_is_string(enum neg_kind kind)
{
	return kind == NEG_LIST || kind == NEG_DECL;
}

/* Minimum-like result functions: Minimum and AND (§6.2). */
int neg_takes_min(enum neg_kind kind)
{
	return kind == NEG_NUM_MIN || kind == NEG_BOOL_AND;
}

int neg_list_has(const char *list, const char *item, size_t len)
{
	const char *p = list, *comma;
	size_t n;

	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && memcmp(p, item, len) == 0)
			return 1;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/* Value of a Boolean or numeric key: "Yes"/"No", or an RFC 7143 §6.1
 * number within the table's range. */
int neg_parse_num(enum neg_key key, const char *s, uint32_t *out)
{
	const struct neg_key_def *d = &neg_table[key];
	uint64_t v;
	int rc;

	if (d->kind == NEG_BOOL_AND || d->kind == NEG_BOOL_OR) {
		if (strcmp(s, "Yes") && strcmp(s, "No"))
			return -EINVAL;
		*out = strcmp(s, "Yes") == 0;
		return 0;
	}
	rc = num_parse_iscsi(s, d->min, d->max, &v);
	if (!rc)
		*out = (uint32_t)v;
	return rc;
}

void neg_format(const struct neg_state *st, enum neg_key key, char *buf,
		size_t len)
{
	const struct neg_key_def *d = &neg_table[key];
	const struct neg_value *v = &st->v[key];

	if (neg_is_string(d->kind))
		snprintf(buf, len, "%s", v->str);
	else if (d->kind == NEG_BOOL_AND || d->kind == NEG_BOOL_OR)
		snprintf(buf, len, "%s", v->num ? "Yes" : "No");
	else
		snprintf(buf, len, "%u", v->num);
}

/* Best current knowledge of a number: the result once negotiated, our
 * setting before, the RFC default otherwise. */
uint32_t neg_current(const struct neg_state *st, enum neg_key key)
{
	const struct neg_value *v = &st->v[key];

	if (v->answered && !v->irrelevant && !v->rejected)
		return v->num;
	if (v->set && !v->answered)
		return v->num;
	return neg_table[key].def;
}

/* RFC 7143 §13.14: FirstBurstLength is irrelevant when InitialR2T=Yes
 * and ImmediateData=No. */
int neg_first_burst_irrelevant(const struct neg_state *st)
{
	return neg_current(st, NEG_INITIAL_R2T) &&
	       !neg_current(st, NEG_IMMEDIATE_DATA);
}

void neg_init(struct neg_state *st, int discovery)
{
	memset(st, 0, sizeof(*st));
	st->discovery = discovery;
	st->max_xmit_dsl = neg_table[NEG_MAX_RECV_DSL].def;
}

/* A list setting: non-empty items, each one we support. */
static int neg_check_list(enum neg_key key, const char *value)
{
	const char *p = value, *comma;
	size_t n;

	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (!n || !neg_list_has(neg_values(&neg_table[key]), p, n))
			return -EINVAL;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int neg_set(struct neg_state *st, enum neg_key key, const char *value,
	    const char **why)
{
	const struct neg_key_def *d;
	struct neg_value *v;
	uint32_t n = 0;
	int rc;

	if ((unsigned)key >= NEG_KEY_COUNT || !value) {
		if (why)
			*why = "unknown key";
		return -EINVAL;
	}
	d = &neg_table[key];
	v = &st->v[key];
	if (neg_is_string(d->kind)) {
		rc = strlen(value) < NEG_STR_MAX ? 0 : -EINVAL;
		if (!rc && d->kind == NEG_LIST)
			rc = neg_check_list(key, value);
	} else {
		rc = neg_parse_num(key, value, &n);
	}
	if (rc) {
		if (why)
			*why = d->kind == NEG_LIST ? "unsupported value in list"
			       : rc == -ERANGE	   ? "value out of range"
						   : "invalid value";
		return -EINVAL;
	}
	if (neg_is_string(d->kind))
		snprintf(v->str, sizeof(v->str), "%s", value);
	v->num = n;
	v->set = 1;
	return 0;
}

/* RFC 7143 §13.14: FirstBurstLength MUST NOT exceed MaxBurstLength, so
 * a larger setting is offered as MaxBurstLength. */
static void neg_cap_first_burst(struct neg_state *st)
{
	struct neg_value *fb = &st->v[NEG_FIRST_BURST];

	if (fb->set && !fb->offered && !fb->answered &&
	    fb->num > neg_current(st, NEG_MAX_BURST))
		fb->num = neg_current(st, NEG_MAX_BURST);
}

int neg_offer(struct neg_state *st, struct keys *out)
{
	char buf[NEG_STR_MAX];
	int k, rc;

	neg_cap_first_burst(st);
	for (k = 0; k < NEG_KEY_COUNT; k++) {
		const struct neg_key_def *d = &neg_table[k];
		struct neg_value *v = &st->v[k];

		if (!v->set || v->offered || v->answered)
			continue;
		if (st->discovery && (d->flags & NEG_F_NORMAL_ONLY))
			continue;
		if (k == NEG_FIRST_BURST && neg_first_burst_irrelevant(st))
			continue;
		neg_format(st, k, buf, sizeof(buf));
		rc = keys_add(out, d->name, buf);
		if (rc)
			return rc;
		v->offered = 1;
		/* a declaration expects no answer (§6.2) */
		if (d->kind == NEG_NUM_DECL || d->kind == NEG_DECL)
			v->answered = 1;
	}
	return 0;
}

void neg_rdma(struct neg_state *st, uint32_t xmit)
{
	struct neg_value *v = st->v;

	v[NEG_INITIATOR_RDSL].num = v[NEG_MAX_RECV_DSL].set ?
					    v[NEG_MAX_RECV_DSL].num :
					    neg_table[NEG_MAX_RECV_DSL].def;
	v[NEG_TARGET_RDSL].num = xmit ? xmit : neg_table[NEG_TARGET_RDSL].def;
	v[NEG_RDMA_EXTENSIONS].num = 1;
	v[NEG_INITIATOR_RDSL].set = v[NEG_TARGET_RDSL].set = 1;
	v[NEG_RDMA_EXTENSIONS].set = 1;
	v[NEG_MAX_RECV_DSL].set = 0;
	v[NEG_HEADER_DIGEST].set = v[NEG_DATA_DIGEST].set = 0;
}

int neg_complete(const struct neg_state *st)
{
	int k;

	for (k = 0; k < NEG_KEY_COUNT; k++)
		if (st->v[k].offered && !st->v[k].answered)
			return 0;
	return 1;
}

static int neg_negotiated(const struct neg_value *v)
{
	return v->answered && !v->irrelevant && !v->rejected;
}

static uint32_t neg_result_raw(const struct neg_state *st, enum neg_key key)
{
	if (neg_negotiated(&st->v[key]))
		return st->v[key].num;
	return neg_table[key].def;
}

uint32_t neg_result_num(const struct neg_state *st, enum neg_key key)
{
	uint32_t v;

	if ((unsigned)key >= NEG_KEY_COUNT)
		return 0;
	v = neg_result_raw(st, key);
	/* A target that lowers MaxBurstLength but leaves our
	 * FirstBurstLength unanswered must not leave the pair inconsistent
	 * (RFC 7143 §13.14: FirstBurstLength <= MaxBurstLength). */
	if (key == NEG_FIRST_BURST && v > neg_result_raw(st, NEG_MAX_BURST))
		v = neg_result_raw(st, NEG_MAX_BURST);
	return v;
}

const char *neg_result_str(const struct neg_state *st, enum neg_key key)
{
	if ((unsigned)key >= NEG_KEY_COUNT)
		return "";
	if (neg_is_string(neg_table[key].kind) && neg_negotiated(&st->v[key]))
		return st->v[key].str;
	return neg_def_str(&neg_table[key]) ? neg_def_str(&neg_table[key]) : "";
}

int neg_key_by_name(const char *name)
{
	int k;

	for (k = 0; k < NEG_KEY_COUNT; k++)
		if (strcmp(neg_table[k].name, name) == 0)
			return k;
	return -1;
}
