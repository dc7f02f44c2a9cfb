/* SPDX-License-Identifier: MIT */
/* daemon_stats.c - GET_STATS through iscsid's loop (daemon_stats.h): the
 * request goes out on the daemon's netlink socket, the answer comes back
 * as a message on it, and a timer bounds the wait. */
#include "core/daemon_stats.h"

#include "core/loop.h"
#include "transport/netlink.h"
#include "transport/nlmsg.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct dstats_q {
	struct daemon_stats *st;
	uint32_t sid, cid;
	struct loop_timer *timer;
	daemon_stats_cb done;
	void *arg;
	struct dstats_q *next;
};

struct daemon_stats {
	struct loop *loop;
	struct knl *knl;
	struct dstats_q *pending;
	uint8_t req[NLMSG_ISCSI_HDR_LEN];
};

/* The counters of one GET_STATS reply into r: 0, or -EBADMSG. */
static int dstats_fill(const struct nlmsg_msg *m, struct ipc_msg *r)
{
	struct nlmsg_stats st;
	uint32_t pdus[IPC_STATS_N - 2];	/* noptx_pdus .. timeout_err */
	uint32_t i;

	if (nlmsg_stats(m, &st) < 0)
		return -EBADMSG;
	/* The counters in struct order; custom_length is not one. */
	r->stats[0] = st.s.txdata_octets;
	r->stats[1] = st.s.rxdata_octets;
	memcpy(pdus, (const uint8_t *)&st.s +
		     offsetof(struct iscsi_stats, noptx_pdus),
	       sizeof(pdus));
	for (i = 0; i < IPC_STATS_N - 2; i++)
		r->stats[2 + i] = pdus[i];
	for (i = 0; i < st.ncustom && i < IPC_CUSTOM_MAX; i++)
		nlmsg_stats_custom(&st, i, r->custom[i].desc,
				   &r->custom[i].value);
	r->n_custom = i;
	r->has |= IPC_HAS_STATS;
	return 0;
}

/* Unlink q and call it back. */
static void dstats_finish(struct dstats_q *q, int err,
			  const struct ipc_msg *r)
{
	struct dstats_q **pp;

	for (pp = &q->st->pending; *pp; pp = &(*pp)->next)
		if (*pp == q) {
			*pp = q->next;
			break;
		}
	loop_timer_cancel(q->st->loop, q->timer);
	q->done(err, r, q->arg);
	free(q);
}

static void dstats_timeout(struct loop *loop, void *arg)
{
	struct dstats_q *q = arg;

	q->timer = NULL;
	dstats_finish(q, -ETIMEDOUT, NULL);
}

/* A message on the daemon's netlink socket that is not an event: the
 * counters (or the refusal) for every query of that sid:cid. */
static void dstats_msg(struct knl *k, const struct nlmsg_msg *m, void *arg)
{
	struct daemon_stats *st = arg;
	struct nlmsg_reply rep;
	struct dstats_q *q;
	struct ipc_msg *r;
	int v;

	v = nlmsg_reply(m, ISCSI_UEVENT_GET_STATS, &rep);
	if (v == -ENOMSG)
		return;
	r = calloc(1, sizeof(*r));
	if (!r)
		return;		/* the deadline answers */
	if (v == 0)
		v = dstats_fill(m, r);
	r->sid = m->ev.u.get_stats.sid;
	r->has |= IPC_HAS_SID;
	/* From the head again after each answer: a callback may change
	 * the list. */
	for (q = st->pending; q;) {
		if (q->sid != m->ev.u.get_stats.sid ||
		    q->cid != m->ev.u.get_stats.cid) {
			q = q->next;
			continue;
		}
		dstats_finish(q, v, v ? NULL : r);
		q = st->pending;
	}
	free(r);
}

struct daemon_stats *daemon_stats_new(struct loop *loop, struct knl *knl)
{
	struct daemon_stats *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->loop = loop;
	st->knl = knl;
	knl_set_msg_cb(knl, dstats_msg, st);
	return st;
}

void daemon_stats_delete(struct daemon_stats *st)
{
	struct dstats_q *q;

	if (!st)
		return;
	knl_set_msg_cb(st->knl, NULL, NULL);
	while ((q = st->pending)) {
		st->pending = q->next;
		loop_timer_cancel(st->loop, q->timer);
		free(q);
	}
	free(st);
}

int daemon_stats_query(struct daemon_stats *st, uint32_t sid, uint32_t cid,
		       unsigned timeout_ms, daemon_stats_cb done, void *arg)
{
	struct dstats_q *q = calloc(1, sizeof(*q));
	int len, rc;

	if (!q)
		return -ENOMEM;
	len = nlmsg_get_stats(st->req, sizeof(st->req), knl_sender(st->knl),
			      sid, cid);
	rc = len < 0 ? len : knl_send(st->knl, st->req, (size_t)len);
	if (rc == 0) {
		q->timer = loop_timer_in(st->loop, timeout_ms, dstats_timeout,
					 q);
		if (!q->timer)
			rc = -ENOMEM;
	}
	if (rc < 0) {
		free(q);
		return rc;
	}
	q->st = st;
	q->sid = sid;
	q->cid = cid;
	q->done = done;
	q->arg = arg;
	q->next = st->pending;
	st->pending = q;
	return 0;
}

void daemon_stats_forget(struct daemon_stats *st, void *arg)
{
	struct dstats_q **pp = st ? &st->pending : NULL, *q;

	while (pp && (q = *pp)) {
		if (q->arg != arg) {
			pp = &q->next;
			continue;
		}
		*pp = q->next;
		loop_timer_cancel(st->loop, q->timer);
		free(q);
	}
}
