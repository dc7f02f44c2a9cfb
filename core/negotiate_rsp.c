/* SPDX-License-Identifier: MIT */
/* negotiate_rsp.c - the keys of a target's login/text response
 * (RFC 7143 §6.2): answers to our offers are checked against the result
 * function of the key's kind, keys the target offers are answered with
 * that same function, declarations are stored.  Every decision comes
 * from neg_table; no key has code of its own except the two constraints
 * the RFC ties to other keys (§13.12 MaxRecvDataSegmentLength as our
 * send limit, §13.14 FirstBurstLength vs MaxBurstLength/InitialR2T/
 * ImmediateData). */
#include "core/negotiate.h"
#include "core/negotiate_int.h"

#include "core/keys.h"
#include "core/log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Keys handled by the login/discovery code, not negotiated here. */
static const char *const neg_outside[] = {
	"InitiatorName", "InitiatorAlias", "TargetName", "TargetAddress",
	"SessionType",	 "AuthMethod",	   "SendTargets",
};

static const char *const neg_rule_names[] = {
	[NEG_BOOL_AND] = "AND",	   [NEG_BOOL_OR] = "OR",
	[NEG_NUM_MIN] = "Minimum", [NEG_NUM_MAX] = "Maximum",
	[NEG_NUM_DECL] = "",	   [NEG_LIST] = "",
	[NEG_DECL] = "",
};

enum { NEG_SP_NONE, NEG_SP_IRRELEVANT, NEG_SP_REJECT };

static int neg_is_outside(const char *key)
{
	size_t i;

	if (strncmp(key, "CHAP_", 5) == 0)
		return 1;
	for (i = 0; i < sizeof(neg_outside) / sizeof(neg_outside[0]); i++)
		if (strcmp(key, neg_outside[i]) == 0)
			return 1;
	return 0;
}

/* RFC 7143 §6.2: the special answers. */
static int neg_special(const char *val)
{
	if (strcmp(val, "Irrelevant") == 0)
		return NEG_SP_IRRELEVANT;
	if (strcmp(val, "Reject") == 0 || strcmp(val, "NotUnderstood") == 0)
		return NEG_SP_REJECT;
	return NEG_SP_NONE;
}

/* The target's answer to a key we offered. */
static int neg_answer(struct neg_state *st, enum neg_key k, const char *val,
		      const char **why)
{
	const struct neg_key_def *d = &neg_table[k];
	struct neg_value *v = &st->v[k];
	char safe[64], ours[NEG_STR_MAX];
	int sp = neg_special(val);
	uint32_t n;
	int rc;

	log_sanitize(safe, sizeof(safe), val, strlen(val));
	neg_format(st, k, ours, sizeof(ours));
	if (sp) {
		/* the key keeps its default, which must be acceptable */
		v->irrelevant = sp == NEG_SP_IRRELEVANT;
		v->rejected = sp == NEG_SP_REJECT;
		v->answered = 1;
		if (d->kind == NEG_LIST &&
		    !neg_list_has(v->str, neg_def_str(d), strlen(neg_def_str(d))))
			return neg_fail(st, why, "%s: target answered %s to %s",
					d->name, safe, ours);
		return 0;
	}
	if (d->kind == NEG_LIST) {
		if (strchr(val, ',') || !neg_list_has(v->str, val, strlen(val)))
			return neg_fail(st, why,
					"%s: answer %s is not in our offer %s",
					d->name, safe, ours);
		snprintf(v->str, sizeof(v->str), "%s", val);
		v->answered = 1;
		return 0;
	}
	rc = neg_parse_num(k, val, &n);
	if (rc == -ERANGE)
		return neg_fail(st, why, "%s: answer %s out of range %u-%u",
				d->name, safe, d->min, d->max);
	if (rc)
		return neg_fail(st, why, "%s: invalid answer %s", d->name,
				safe);
	if (neg_takes_min(d->kind) ? n > v->num : n < v->num)
		return neg_fail(st, why,
				"%s: answer %s violates %s with our offer %s",
				d->name, safe, neg_rule_names[d->kind], ours);
	v->num = n;
	v->answered = 1;
	return 0;
}

/* First value of the target's list that we accept, or "Reject". */
static void neg_pick(struct neg_state *st, enum neg_key k, const char *val,
		     char *ans, size_t len)
{
	const char *ours = st->v[k].set ? st->v[k].str : neg_def_str(&neg_table[k]);
	const char *p = val, *comma;
	size_t n;

	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n && neg_list_has(ours, p, n)) {
			snprintf(ans, len, "%.*s", (int)n, p);
			snprintf(st->v[k].str, sizeof(st->v[k].str), "%s",
				 ans);
			return;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	snprintf(ans, len, "Reject");
	st->v[k].rejected = 1;
}

/* A key the target offers: answer it by the key's rule (§6.2). */
static int neg_respond(struct neg_state *st, enum neg_key k, const char *val,
		       struct keys *reply)
{
	const struct neg_key_def *d = &neg_table[k];
	struct neg_value *v = &st->v[k];
	uint32_t n, mine = neg_current(st, k);	/* before it is answered */
	char ans[NEG_STR_MAX];

	if (neg_special(val))
		return 0;	/* not an offer: nothing to answer */
	v->answered = 1;
	if ((st->discovery && (d->flags & NEG_F_NORMAL_ONLY)) ||
	    (k == NEG_FIRST_BURST && neg_first_burst_irrelevant(st))) {
		v->irrelevant = 1;
		snprintf(ans, sizeof(ans), "Irrelevant");
	} else if (d->flags & NEG_F_OBSOLETE) {
		/* §13.25: markers may be answered No, never NotUnderstood;
		 * the marker intervals must be answered Reject */
		v->num = 0;
		v->rejected = neg_is_string(d->kind);
		snprintf(ans, sizeof(ans), "%s", v->rejected ? "Reject" : "No");
	} else if (d->kind == NEG_LIST) {
		neg_pick(st, k, val, ans, sizeof(ans));
	} else if (neg_parse_num(k, val, &n)) {
		v->rejected = 1;
		snprintf(ans, sizeof(ans), "Reject");
	} else {
		v->num = neg_takes_min(d->kind) ? (n < mine ? n : mine)
						: (n > mine ? n : mine);
		if (k == NEG_FIRST_BURST &&
		    v->num > neg_current(st, NEG_MAX_BURST))
			v->num = neg_current(st, NEG_MAX_BURST);
		neg_format(st, k, ans, sizeof(ans));
	}
	return keys_add(reply, d->name, ans);
}

/* A declaration (§6.2, "declarative"): stored, never answered. */
static int neg_declared(struct neg_state *st, enum neg_key k,
			const char *val, const char **why)
{
	const struct neg_key_def *d = &neg_table[k];
	struct neg_value *v = &st->v[k];
	char safe[64];
	uint32_t n;

	if (neg_special(val))
		return 0;
	if (d->kind == NEG_DECL) {
		snprintf(v->str, sizeof(v->str), "%s", val);
		v->answered = 1;
		return 0;
	}
	if (neg_parse_num(k, val, &n)) {
		log_sanitize(safe, sizeof(safe), val, strlen(val));
		return neg_fail(st, why, "%s: invalid value %s", d->name,
				safe);
	}
	if (k == NEG_MAX_RECV_DSL) {
		/* §13.12: what the target can receive is our send limit */
		st->max_xmit_dsl = n;
		return 0;
	}
	v->num = n;
	v->answered = 1;
	return 0;
}

static int neg_key(struct neg_state *st, enum neg_key k, const char *val,
		   struct keys *reply, const char **why)
{
	const struct neg_key_def *d = &neg_table[k];
	struct neg_value *v = &st->v[k];

	if (v->offered && !v->answered)
		return neg_answer(st, k, val, why);
	if ((d->kind == NEG_NUM_DECL || d->kind == NEG_DECL) &&
	    !(d->flags & NEG_F_OBSOLETE))
		return neg_declared(st, k, val, why);
	/* §6.1: a key is negotiated once per login */
	if (v->answered)
		return neg_fail(st, why, "%s negotiated twice", d->name);
	return neg_respond(st, k, val, reply);
}

/* §13.14: the outcome must keep FirstBurstLength <= MaxBurstLength. */
static int neg_check_bursts(struct neg_state *st, const char **why)
{
	const struct neg_value *fb = &st->v[NEG_FIRST_BURST];
	const struct neg_value *mb = &st->v[NEG_MAX_BURST];

	if (!fb->answered || fb->irrelevant || fb->rejected ||
	    (mb->offered && !mb->answered) || neg_first_burst_irrelevant(st))
		return 0;
	if (neg_current(st, NEG_FIRST_BURST) > neg_current(st, NEG_MAX_BURST))
		return neg_fail(st, why,
				"FirstBurstLength %u exceeds MaxBurstLength %u",
				neg_current(st, NEG_FIRST_BURST),
				neg_current(st, NEG_MAX_BURST));
	return 0;
}

int neg_response(struct neg_state *st, const struct keys *rsp,
		 struct keys *reply, const char **why)
{
	size_t i, n = keys_count(rsp);
	const char *key;
	int k, rc;

	for (i = 0; i < n; i++) {
		key = keys_key(rsp, i);
		if (neg_is_outside(key))
			continue;
		if (keys_count_of(rsp, key) > 1)
			return neg_fail(st, why, "duplicate key %s", key);
		k = neg_key_by_name(key);
		if (k < 0)
			rc = keys_add(reply, key, "NotUnderstood");
		else
			rc = neg_key(st, k, keys_value(rsp, i), reply, why);
		if (rc == -EPROTO)
			return rc;
		if (rc) {
			if (why)
				*why = "cannot build the answer";
			return rc;
		}
	}
	return neg_check_bursts(st, why);
}
