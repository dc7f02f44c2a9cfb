/* SPDX-License-Identifier: MIT */
/* kdisc.c - a SendTargets discovery session run through the kernel, for
 * transports that can carry Text PDUs (ISCSI_CAP_TEXT_NEGO: iser), as
 * open-iscsi's iscsiadm does: the kernel session code (ksession.h) makes
 * the endpoint, session and connection and logs in with
 * SessionType=Discovery; the one text exchange (text_xchg.c) goes
 * through SEND_PDU / KEVENT_RECV_PDU; then logout and teardown.  Takes
 * the same settings and gives the same result as usess_run (see
 * kdisc.h). */
#include "core/kdisc.h"

#include "core/errors.h"
#include "core/ksession.h"
#include "core/loop.h"
#include "core/pdu.h"
#include "core/text_xchg.h"
#include "transport/iscsi_if.h"
#include "transport/netlink.h"
#include "transport/nlmsg.h"
#include "transport/sysfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct kdisc {
	struct loop *loop;
	struct ksess *ks;
	struct usess_result *res;
	struct text_xchg x;
	struct loop_timer *timer;
	uint32_t cmdsn, exp_statsn;	/* unused: the kernel fills them */
	unsigned active_timeout;	/* seconds, each text response */
	int err;
};

static void kdisc_stop(struct kdisc *d, enum usess_fail fail, int err)
{
	if (err && !d->err) {
		d->err = err;
		d->res->fail = fail;
	}
	loop_timer_cancel(d->loop, d->timer);
	d->timer = NULL;
	loop_stop(d->loop, 0);
}

static void kdisc_gone(struct ksess *s, int err, void *arg)
{
	kdisc_stop(arg, USESS_FAIL_NONE, 0);
}

/* Answer gathered or exchange failed: log out either way (§11.14). */
static void kdisc_logout(struct kdisc *d)
{
	loop_timer_cancel(d->loop, d->timer);
	d->timer = NULL;
	if (ksess_logout(d->ks, kdisc_gone, d) < 0)
		loop_stop(d->loop, 0);
}

static void kdisc_fail(struct kdisc *d, enum usess_fail fail, int err,
		       const char *why)
{
	d->err = err;
	d->res->fail = fail;
	snprintf(d->res->reason, sizeof(d->res->reason), "%s", why);
	kdisc_logout(d);
}

static void kdisc_timeout(struct loop *loop, void *arg)
{
	struct kdisc *d = arg;

	d->timer = NULL;
	kdisc_fail(d, USESS_FAIL_TEXT_TIMEOUT, ISCSI_ERR_PDU_TIMEOUT,
		   "no text response in time");
}

static void kdisc_request(struct kdisc *d)
{
	struct pdu *pdu = text_xchg_request(&d->x);
	int rc;

	/* Armed first: the answer may come while the request goes out. */
	loop_timer_cancel(d->loop, d->timer);
	d->timer = loop_timer_in(d->loop, (uint64_t)d->active_timeout * 1000u,
				 kdisc_timeout, d);
	rc = pdu && d->timer ? ksess_send(d->ks, pdu) : -ENOMEM;
	pdu_delete(pdu);
	if (rc < 0)
		kdisc_fail(d, USESS_FAIL_CLOSED, ISCSI_ERR_TRANS,
			   "kernel refused the text request");
}

static void kdisc_pdu(void *arg, const uint8_t *buf, size_t len)
{
	struct kdisc *d = arg;
	struct pdu *pdu = NULL;

	if (pdu_parse(buf, len, d->x.acc.max, &pdu) < 0) {
		kdisc_fail(d, USESS_FAIL_PROTO, ISCSI_ERR_PDU_TIMEOUT,
			   "malformed PDU during text exchange");
		return;
	}
	switch (text_xchg_response(&d->x, pdu)) {
	case TEXT_MORE:
		kdisc_request(d);
		break;
	case TEXT_DONE:
		d->res->text = text_xchg_take(&d->x, &d->res->text_len);
		kdisc_logout(d);
		break;
	case TEXT_FAILED:
		kdisc_fail(d, USESS_FAIL_PROTO, ISCSI_ERR_PDU_TIMEOUT,
			   d->x.reason);
		break;
	}
	pdu_delete(pdu);
}

static void kdisc_logged_in(struct ksess *s, int err, void *arg)
{
	struct kdisc *d = arg;

	if (err) {
		snprintf(d->res->reason, sizeof(d->res->reason), "%s",
			 ksess_reason(s));
		kdisc_stop(d, USESS_FAIL_PROTO, err);
		return;
	}
	kdisc_request(d);
}

static void kdisc_event(struct knl *k, const struct nlmsg_event *ev,
			void *arg)
{
	struct kdisc *d = arg;

	if (d->ks)
		ksess_on_event(d->ks, ev);
}

static void kdisc_cfg(struct ksess_cfg *c, const struct usess_cfg *u,
		      const char *iface)
{
	memset(c, 0, sizeof(*c));
	c->login = u->login;
	c->login.discovery = 1;
	c->neg = u->neg;
	snprintf(c->addr, sizeof(c->addr), "%s", u->addr);
	c->port = u->port;
	c->tpgt = -1;
	c->iface_name = iface;
	c->login_timeout = u->login_timeout;
	c->login_retries = u->reopen_max + 1;
	c->replacement_timeout = 120;
	/* open-iscsi's discovery session: CmdSN 1, 32 commands, depth 1 */
	c->initial_cmdsn = 1;
	c->cmds_max = 32;
	c->queue_depth = 1;
	c->bind = u->bind;
	c->logout_timeout = u->logout_timeout;
}

int kdisc_run(struct loop *loop, struct rng *rng, const struct usess_cfg *u,
	      const char *transport, const char *iface,
	      struct usess_result *res)
{
	struct kdisc d;
	struct ksess_cfg cfg;
	struct knl *knl = NULL;
	uint64_t handle;
	int rc;

	memset(&d, 0, sizeof(d));
	d.loop = loop;
	d.res = res;
	d.active_timeout = u->active_timeout ? u->active_timeout : 30;
	memset(res, 0, sizeof(*res));
	res->tpgt = -1;
	kdisc_cfg(&cfg, u, iface);
	if (sysfs_transport_load(transport, &handle, &cfg.caps, &cfg.xport) <
	    0) {
		snprintf(res->reason, sizeof(res->reason),
			 "iSCSI driver %s is not loaded", transport);
		res->fail = USESS_FAIL_PROTO;
		return res->err = ISCSI_ERR_TRANS_NOT_FOUND;
	}
	/* Without Text PDUs in the kernel, open-iscsi talks TCP itself. */
	if (!(cfg.caps & ISCSI_CAP_TEXT_NEGO))
		return usess_run(loop, rng, u, res);
	cfg.on_pdu = kdisc_pdu;
	cfg.pdu_arg = &d;
	text_xchg_init(&d.x, 0, &d.cmdsn, &d.exp_statsn, u->text,
		       u->max_text ? u->max_text : 16u << 20);
	d.x.any_itt = 1;
	rc = knl_open(loop, handle, kdisc_event, &d, &knl);
	if (rc == 0)
		d.ks = ksess_new(loop, knl, rng, &cfg, kdisc_logged_in, &d);
	if (!d.ks) {
		res->fail = USESS_FAIL_NOMEM;
		rc = ISCSI_ERR_INTERNAL;
	} else {
		ksess_start(d.ks);
		rc = loop_run(loop) < 0 ? ISCSI_ERR_INTERNAL : d.err;
	}
	ksess_delete(d.ks);
	knl_close(knl);
	text_xchg_free(&d.x);
	snprintf(res->connected_addr, sizeof(res->connected_addr), "%s",
		 u->addr);
	res->connected_port = u->port;
	return res->err = rc;
}
