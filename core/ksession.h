/* SPDX-License-Identifier: MIT */
/* ksession.h - one iSCSI session in the kernel: connect the TCP socket
 * (iscsi_tcp) or have the kernel connect its endpoint (iser: EP flag,
 * EP_CONNECT / EP_POLL), CREATE_SESSION (CREATE_BOUND_SESSION on the
 * endpoint) / CREATE_CONN, bind the socket or endpoint to the
 * connection (BIND_CONN), set the pre-login parameters, run the login
 * through the kernel (SEND_PDU / KEVENT_RECV_PDU), set the negotiated
 * parameters, START_CONN and ask for a SCSI scan.  Failed attempts are
 * retried (login_retries x login_timeout) the way open-iscsi's initial
 * login is; authentication and other initiator errors are final.
 *
 * The owner routes kernel events for this session's sid to
 * ksess_on_event().  done(err) is called once, from the loop; err is an
 * ISCSI_ERR_* code.  Ownership: ksess_new() -> caller.
 *
 * Once up, the session lives on (ksession_life.c): a kernel connection
 * error stops the connection for recovery and logs in again after
 * DefaultTime2Wait on the same sid, for as long as it takes (the kernel
 * fails I/O after replacement_timeout meanwhile); ksess_logout() ends
 * it.  ksess_delete() never touches the kernel: a deleted session keeps
 * running there (daemon shutdown, iscsistart's exit). */
#ifndef ISCSIBOX_KSESSION_H
#define ISCSIBOX_KSESSION_H

#include <stddef.h>
#include <stdint.h>

#include "core/ifbind.h"
#include "core/login.h"
#include "core/negotiate.h"
#include "core/portal.h"

struct loop;
struct knl;
struct rng;
struct ksess;
struct nlmsg_event;
struct pdu;

struct ksess_cfg {
	struct login_params login;	/* isid/itt/cmdsn are filled here */
	struct neg_state neg;
	char addr[PORTAL_ADDR_MAX];
	int port;
	int tpgt;
	const char *iface_name;		/* "default" */
	uint32_t caps;			/* transport caps (sysfs) */
	uint64_t handle;		/* transport handle, 0: the knl's */
	unsigned xport;			/* SYSFS_TR_* of the transport */
	unsigned login_timeout;		/* seconds per attempt */
	int login_retries;		/* retry for login_retries x
					 * login_timeout seconds (>= 1) */
	int replacement_timeout;
	int abort_timeout, lu_reset_timeout, tgt_reset_timeout;
	int noop_out_interval, noop_out_timeout;
	int fast_abort;
	uint16_t cmds_max, queue_depth;
	uint32_t initial_cmdsn;
	uint32_t max_xmit_dsl;		/* 0: what the target declares */
	int tcp_window;			/* SO_SNDBUF/SO_RCVBUF, 0: default */
	struct ifbind bind;		/* the iface's NIC, each attempt */
	int scan;			/* node.session.scan = auto */
	unsigned logout_timeout;	/* seconds for the logout response */
	/* Discovery (login.discovery): PDUs the kernel passes up once
	 * logged in (Text responses), for the owner's text exchange. */
	void (*on_pdu)(void *arg, const uint8_t *pdu, size_t len);
	void *pdu_arg;
};

enum ksess_phase {
	KSESS_PH_LOGIN,		/* first login in progress */
	KSESS_PH_UP,		/* logged in */
	KSESS_PH_RECOVERING,	/* connection lost, relogging in */
	KSESS_PH_LOGOUT,	/* logout in progress */
	KSESS_PH_DOWN,		/* failed or logged out */
};

typedef void (*ksess_done_cb)(struct ksess *s, int err, void *arg);

struct ksess *ksess_new(struct loop *loop, struct knl *knl, struct rng *rng,
			const struct ksess_cfg *cfg, ksess_done_cb done,
			void *arg);
void ksess_delete(struct ksess *s);
/* Start the first attempt (asynchronously). */
void ksess_start(struct ksess *s);
void ksess_on_event(struct ksess *s, const struct nlmsg_event *ev);
/* 0 until CREATE_SESSION succeeded. */
uint32_t ksess_sid(const struct ksess *s);
uint32_t ksess_host_no(const struct ksess *s);
const char *ksess_reason(const struct ksess *s);
enum ksess_phase ksess_phase(const struct ksess *s);

/* Take over a session already running in the kernel (made by iscsistart
 * or an earlier iscsid) without sending anything: from now on its
 * connection errors are recovered and it can be logged out. */
struct ksess *ksess_adopt(struct loop *loop, struct knl *knl, struct rng *rng,
			  const struct ksess_cfg *cfg, uint32_t sid,
			  uint32_t cid, uint32_t host_no);
/* Log out (RFC 7143 §11.14, reason "close the session") and destroy the
 * kernel session; done(err) is called once when it is gone.  -EBUSY
 * while the first login runs, -EALREADY when logging out or down. */
int ksess_logout(struct ksess *s, ksess_done_cb done, void *arg);
/* Send one PDU through the logged-in connection (the kernel fills in
 * ITT, CmdSN and ExpStatSN): 0 or -errno. */
int ksess_send(struct ksess *s, const struct pdu *pdu);

#endif
