/* SPDX-License-Identifier: MIT */
/* ksession_obj.c - a kernel session as an object (ksession.h): making
 * one for a login, adopting one the kernel already runs, deleting it
 * (never touching the kernel) and the getters.  The work is the
 * dispatcher's (ksession.c). */
#include "core/ksession.h"
#include "core/ksession_int.h"

#include "core/login.h"
#include "core/loop.h"
#include "transport/netlink.h"
#include "transport/sysfs.h"

#include <stdlib.h>
#include <unistd.h>

struct ksess *ksess_new(struct loop *loop, struct knl *knl, struct rng *rng,
			const struct ksess_cfg *cfg, ksess_done_cb done,
			void *arg)
{
	struct ksess *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->msg = malloc(KSESS_MSG_MAX);
	if (!s->msg) {
		free(s);
		return NULL;
	}
	s->loop = loop;
	s->knl = knl;
	s->rng = rng;
	s->cfg = *cfg;
	if (s->cfg.login_retries < 1)
		s->cfg.login_retries = 1;
	if (!s->cfg.logout_timeout)
		s->cfg.logout_timeout = 15;
	s->done = done;
	s->arg = arg;
	s->fd = -1;
	s->snd = *knl_sender(knl);
	if (cfg->handle)
		s->snd.handle = cfg->handle;
	/* A discovery session offers MaxRecvDataSegmentLength over iSER
	 * too, as open-iscsi's does (no RDMAExtensions). */
	if (KSESS_RDMA(s))
		neg_rdma(&s->cfg.neg, s->cfg.max_xmit_dsl);
	conn_retry_init(&s->retry, s->cfg.addr, s->cfg.port);
	s->retry.delay_ms = KSESS_RETRY_MIN_MS;
	s->retry.delay_first_ms = KSESS_RETRY_MIN_MS;
	s->retry.delay_max_ms = KSESS_RETRY_MAX_MS;
	return s;
}

struct ksess *ksess_adopt(struct loop *loop, struct knl *knl, struct rng *rng,
			  const struct ksess_cfg *cfg, uint32_t sid,
			  uint32_t cid, uint32_t host_no)
{
	struct ksess *s = ksess_new(loop, knl, rng, cfg, NULL, NULL);

	if (!s)
		return NULL;
	s->sid = sid;
	s->cid = cid;
	s->host_no = host_no;
	s->have_session = s->have_conn = s->bound = 1;
	s->t2w_s = 2;	/* RFC 7143 §13.15 default */
	s->state = KS_UP;
	return s;
}

void ksess_delete(struct ksess *s)
{
	if (!s)
		return;
	loop_timer_cancel(s->loop, s->timer);
	loop_timer_cancel(s->loop, s->ep_timer);
	if (s->fd >= 0) {
		loop_fd_del(s->loop, s->fd);
		close(s->fd);
	}
	login_delete(s->login);
	free(s->msg);
	free(s);
}

uint32_t ksess_sid(const struct ksess *s)
{
	return s->have_session ? s->sid : 0;
}

uint32_t ksess_host_no(const struct ksess *s)
{
	return s->host_no;
}

const char *ksess_reason(const struct ksess *s)
{
	return s->reason;
}

enum ksess_phase ksess_phase(const struct ksess *s)
{
	switch (s->state) {
	case KS_CONNECT:
	case KS_LOGIN:
		return s->recovering ? KSESS_PH_RECOVERING : KSESS_PH_LOGIN;
	case KS_UP:
		return KSESS_PH_UP;
	case KS_WAIT:
		return KSESS_PH_RECOVERING;
	case KS_LOGOUT:
		return KSESS_PH_LOGOUT;
	default:
		return KSESS_PH_DOWN;
	}
}
