/* SPDX-License-Identifier: MIT */
/* negotiate.h - operational/login key negotiation driven by one table of
 * {key, kind, default, min, max} (RFC 7143 §6.2, §13).  The initiator is
 * usually the originator (it offers, the target answers) but a target may
 * offer keys too; both directions are handled here.
 *
 * Use: neg_init(); neg_set() each value from the node record; at the start
 * of the operational stage neg_offer() adds our offers to a keys list; on
 * each response neg_response() checks the target's answers, computes the
 * results and adds our answers to keys the target offered into `reply`.
 * neg_result_*() then give the outcome (RFC defaults for keys never
 * negotiated). */
#ifndef ISCSIBOX_NEGOTIATE_H
#define ISCSIBOX_NEGOTIATE_H

#include <stdint.h>

struct keys;

enum neg_kind {
	NEG_BOOL_AND,		/* result = offer AND answer */
	NEG_BOOL_OR,		/* result = offer OR answer */
	NEG_NUM_MIN,		/* result = min */
	NEG_NUM_MAX,		/* result = max */
	NEG_NUM_DECL,		/* declarative number (each side states) */
	NEG_LIST,		/* first of originator's list responder has */
	NEG_DECL,		/* declarative string (names, aliases, ...) */
};

/* Scope/phase flags of a table entry. */
#define NEG_F_LO 0x01		/* leading-only (session-wide) */
#define NEG_F_NORMAL_ONLY 0x02	/* Irrelevant in a discovery session */
#define NEG_F_SECURITY 0x04	/* security stage key */
/* RFC 7143 §13.25 obsoleted keys: a target's IFMarker/OFMarker offer is
 * answered No, IFMarkInt/OFMarkInt Reject (never NotUnderstood). */
#define NEG_F_OBSOLETE 0x08

/* Table order is offer order: the keys open-iscsi sends in its first
 * operational-stage PDU, in its order, then the keys only a target
 * offers or declares. */
enum neg_key {
	NEG_HEADER_DIGEST,
	NEG_DATA_DIGEST,
	NEG_DEFAULT_TIME2WAIT,
	NEG_DEFAULT_TIME2RETAIN,
	NEG_IF_MARKER,
	NEG_OF_MARKER,
	NEG_ERROR_RECOVERY_LEVEL,
	NEG_INITIAL_R2T,
	NEG_IMMEDIATE_DATA,
	NEG_MAX_BURST,
	NEG_FIRST_BURST,
	NEG_MAX_OUTSTANDING_R2T,
	NEG_MAX_CONNECTIONS,
	NEG_DATA_PDU_IN_ORDER,
	NEG_DATA_SEQUENCE_IN_ORDER,
	NEG_MAX_RECV_DSL,	/* ours: what we receive (declared to target) */
	NEG_INITIATOR_RDSL,	/* iSER (RFC 7145 §6): offered by neg_rdma() */
	NEG_TARGET_RDSL,
	NEG_RDMA_EXTENSIONS,
	NEG_TASK_REPORTING,
	NEG_ISCSI_PROTOCOL_LEVEL,
	NEG_IF_MARK_INT,	/* obsolete: answered Reject */
	NEG_OF_MARK_INT,
	NEG_TARGET_ALIAS,	/* declarative, from target */
	NEG_TARGET_PORTAL_GROUP_TAG,
	NEG_KEY_COUNT
};

/* The strings of list and declarative keys: neg_def_str(), neg_values() */
enum neg_strs { NEG_S_NONE, NEG_S_DIGEST, NEG_S_RFC3720, NEG_S_EMPTY };

struct neg_key_def {
	const char *name;
	uint32_t def;		/* RFC default (numbers, bools 1=Yes) */
	uint32_t max;
	uint16_t min;
	uint8_t kind;		/* enum neg_kind */
	uint8_t flags;
	uint8_t strs;		/* enum neg_strs */
};

/* The table, indexed by enum neg_key. */
extern const struct neg_key_def neg_table[NEG_KEY_COUNT];

/* A list or string key's RFC default (NULL for numbers and booleans). */
const char *neg_def_str(const struct neg_key_def *d);
/* A list key's values we support (NULL for other keys). */
const char *neg_values(const struct neg_key_def *d);

#define NEG_STR_MAX 256

struct neg_value {
	uint32_t num;			/* numbers and booleans */
	char str[NEG_STR_MAX];		/* lists and declaratives */
	unsigned set : 1;		/* we have a value to offer */
	unsigned offered : 1;		/* sent by us, answer pending */
	unsigned answered : 1;		/* negotiation finished */
	unsigned irrelevant : 1;	/* ended with Irrelevant */
	unsigned rejected : 1;		/* ended with Reject/NotUnderstood */
};

struct neg_state {
	int discovery;			/* SessionType=Discovery */
	struct neg_value v[NEG_KEY_COUNT];
	/* Declared by the target: its MaxRecvDataSegmentLength, i.e. the
	 * most we may send in one PDU (RFC 7143 §13.12). */
	uint32_t max_xmit_dsl;
	char why[160];			/* storage for the *why of errors */
};

void neg_init(struct neg_state *st, int discovery);
/* Our value for a key, as text ("Yes", "65536", "CRC32C,None"). Checks
 * syntax and range against the table; -EINVAL with *why on error. */
int neg_set(struct neg_state *st, enum neg_key key, const char *value,
	    const char **why);
/* Add to out every key we have a value for and have not offered yet,
 * in table order, skipping keys irrelevant to this session type; marks
 * them offered. */
int neg_offer(struct neg_state *st, struct keys *out);
/* Process a response's keys: answers to our offers are checked against
 * the RFC 7143 §6.2 rules (an answer outside what the rule allows is a
 * negotiation failure: -EPROTO, *why says which key); keys the target
 * offers are answered into reply; unknown keys get NotUnderstood;
 * Irrelevant/Reject/NotUnderstood answers are accepted and leave the
 * default, except for a list key whose default we did not offer (we
 * asked for CRC32C only and got Reject).  A key repeated in rsp or
 * negotiated a second time (§6.1), and a FirstBurstLength result above
 * MaxBurstLength (§13.14), fail too.  *why points into st->why.  Keys
 * outside the operational set (InitiatorName, AuthMethod, CHAP_*,
 * TargetAddress, ...) are ignored here: the caller handles them. */
int neg_response(struct neg_state *st, const struct keys *rsp,
		 struct keys *reply, const char **why);
/* 1 if every offered key has been answered: check it before accepting
 * the transit to full feature phase, or a key the target ignored keeps
 * its default (e.g. FirstBurstLength above a lowered MaxBurstLength). */
int neg_complete(const struct neg_state *st);
uint32_t neg_result_num(const struct neg_state *st, enum neg_key key);
const char *neg_result_str(const struct neg_state *st, enum neg_key key);
/* An iSER session (RFC 7145 §6): RDMAExtensions=Yes, our receive limit
 * as InitiatorRecvDataSegmentLength, xmit (0: the default 8192) as
 * TargetRecvDataSegmentLength; MaxRecvDataSegmentLength and the digests
 * (irrelevant over RDMA) are not offered, as open-iscsi offers none. */
void neg_rdma(struct neg_state *st, uint32_t xmit);
/* Table lookup by key name; -1 if unknown. */
int neg_key_by_name(const char *name);

#endif
