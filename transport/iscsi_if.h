/* SPDX-License-Identifier: MIT */
/* iscsi_if.h - the NETLINK_ISCSI user/kernel ABI of Linux's iSCSI
 * transport class (scsi_transport_iscsi), as the kernel and open-iscsi
 * use it on x86_64 (LP64): message types, the fixed 56-byte
 * struct iscsi_uevent with its request union `u` and reply union `r`,
 * parameter numbers, connection error codes, transport capability bits
 * and the GET_STATS reply body.  Written from the documented layout; the
 * _Static_asserts below pin every size and offset the kernel relies on.
 *
 * All fields are in host byte order (netlink is host-endian).  There is
 * no 32-bit compat layer in the kernel: with 4-byte aligned u64 members
 * (i386) `r` would move from offset 40 to 36, hence the LP64 assertion. */
#ifndef ISCSIBOX_ISCSI_IF_H
#define ISCSIBOX_ISCSI_IF_H

#include <stddef.h>
#include <stdint.h>

#define ISCSI_NETLINK_PROTO 8		/* NETLINK_ISCSI */
#define ISCSI_NL_GRP_ISCSID 1		/* kernel -> daemon events */
#define ISCSI_NL_GRP_UIP 2		/* iscsiuio (offload) */

#define ISCSI_UEVENT_BASE 10
#define ISCSI_KEVENT_BASE 100
#define ISCSI_KERR_BASE 1000

/* Message types: nlmsg_type and iscsi_uevent.type carry the same value
 * on requests (the kernel dispatches on nlmsg_type). */
enum iscsi_uevent_e {
	ISCSI_UEVENT_UNKNOWN = 0,

	/* user -> kernel */
	ISCSI_UEVENT_CREATE_SESSION = ISCSI_UEVENT_BASE + 1,
	ISCSI_UEVENT_DESTROY_SESSION = ISCSI_UEVENT_BASE + 2,
	ISCSI_UEVENT_CREATE_CONN = ISCSI_UEVENT_BASE + 3,
	ISCSI_UEVENT_DESTROY_CONN = ISCSI_UEVENT_BASE + 4,
	ISCSI_UEVENT_BIND_CONN = ISCSI_UEVENT_BASE + 5,
	ISCSI_UEVENT_SET_PARAM = ISCSI_UEVENT_BASE + 6,
	ISCSI_UEVENT_START_CONN = ISCSI_UEVENT_BASE + 7,
	ISCSI_UEVENT_STOP_CONN = ISCSI_UEVENT_BASE + 8,
	ISCSI_UEVENT_SEND_PDU = ISCSI_UEVENT_BASE + 9,
	ISCSI_UEVENT_GET_STATS = ISCSI_UEVENT_BASE + 10,
	ISCSI_UEVENT_GET_PARAM = ISCSI_UEVENT_BASE + 11,
	ISCSI_UEVENT_TRANSPORT_EP_CONNECT = ISCSI_UEVENT_BASE + 12,
	ISCSI_UEVENT_TRANSPORT_EP_POLL = ISCSI_UEVENT_BASE + 13,
	ISCSI_UEVENT_TRANSPORT_EP_DISCONNECT = ISCSI_UEVENT_BASE + 14,
	ISCSI_UEVENT_TGT_DSCVR = ISCSI_UEVENT_BASE + 15,
	ISCSI_UEVENT_SET_HOST_PARAM = ISCSI_UEVENT_BASE + 16,
	ISCSI_UEVENT_UNBIND_SESSION = ISCSI_UEVENT_BASE + 17,
	ISCSI_UEVENT_CREATE_BOUND_SESSION = ISCSI_UEVENT_BASE + 18,
	ISCSI_UEVENT_TRANSPORT_EP_CONNECT_THROUGH_HOST = ISCSI_UEVENT_BASE + 19,
	ISCSI_UEVENT_PATH_UPDATE = ISCSI_UEVENT_BASE + 20,
	ISCSI_UEVENT_SET_IFACE_PARAMS = ISCSI_UEVENT_BASE + 21,
	ISCSI_UEVENT_PING = ISCSI_UEVENT_BASE + 22,
	ISCSI_UEVENT_GET_CHAP = ISCSI_UEVENT_BASE + 23,
	ISCSI_UEVENT_DELETE_CHAP = ISCSI_UEVENT_BASE + 24,
	ISCSI_UEVENT_SET_FLASHNODE_PARAMS = ISCSI_UEVENT_BASE + 25,
	ISCSI_UEVENT_NEW_FLASHNODE = ISCSI_UEVENT_BASE + 26,
	ISCSI_UEVENT_DEL_FLASHNODE = ISCSI_UEVENT_BASE + 27,
	ISCSI_UEVENT_LOGIN_FLASHNODE = ISCSI_UEVENT_BASE + 28,
	ISCSI_UEVENT_LOGOUT_FLASHNODE = ISCSI_UEVENT_BASE + 29,
	ISCSI_UEVENT_LOGOUT_FLASHNODE_SID = ISCSI_UEVENT_BASE + 30,
	ISCSI_UEVENT_SET_CHAP = ISCSI_UEVENT_BASE + 31,
	ISCSI_UEVENT_GET_HOST_STATS = ISCSI_UEVENT_BASE + 32,
	ISCSI_UEVENT_DESTROY_SESSION_ASYNC = ISCSI_UEVENT_BASE + 33,

	/* kernel -> user */
	ISCSI_KEVENT_RECV_PDU = ISCSI_KEVENT_BASE + 1,
	ISCSI_KEVENT_CONN_ERROR = ISCSI_KEVENT_BASE + 2,
	ISCSI_KEVENT_IF_ERROR = ISCSI_KEVENT_BASE + 3,
	ISCSI_KEVENT_DESTROY_SESSION = ISCSI_KEVENT_BASE + 4,
	ISCSI_KEVENT_UNBIND_SESSION = ISCSI_KEVENT_BASE + 5,
	ISCSI_KEVENT_CREATE_SESSION = ISCSI_KEVENT_BASE + 6,
	ISCSI_KEVENT_PATH_REQ = ISCSI_KEVENT_BASE + 7,
	ISCSI_KEVENT_IF_DOWN = ISCSI_KEVENT_BASE + 8,
	ISCSI_KEVENT_CONN_LOGIN_STATE = ISCSI_KEVENT_BASE + 9,
	ISCSI_KEVENT_HOST_EVENT = ISCSI_KEVENT_BASE + 10,
	ISCSI_KEVENT_PING_COMP = ISCSI_KEVENT_BASE + 11,
};

/* One request or reply.  Requests fill the header and one member of `u`;
 * the kernel answers with the same 56 bytes and `r` filled in.  Variable
 * data (a SET_PARAM value, a PDU) follows the struct in the message. */
struct iscsi_uevent {
	uint32_t type;			/* enum iscsi_uevent_e */
	uint32_t iferror;		/* -errno in IF_ERROR replies */
	uint64_t transport_handle;	/* iscsi_transport/NAME/handle */

	union {
		struct {
			uint32_t initial_cmdsn;
			uint16_t cmds_max;
			uint16_t queue_depth;
		} c_session;
		struct {
			uint64_t ep_handle;
			uint32_t initial_cmdsn;
			uint16_t cmds_max;
			uint16_t queue_depth;
		} c_bound_session;
		struct {
			uint32_t sid;
		} d_session;		/* also UNBIND_SESSION */
		struct {
			uint32_t sid;
			uint32_t cid;
		} c_conn;
		struct {
			uint32_t sid;
			uint32_t cid;
			uint64_t transport_eph;	/* socket fd for iscsi_tcp */
			uint32_t is_leading;
		} b_conn;
		struct {
			uint32_t sid;
			uint32_t cid;
		} d_conn;
		struct {
			uint32_t sid;
			uint32_t cid;
			uint32_t param;		/* enum iscsi_param */
			uint32_t len;		/* value bytes incl. NUL */
		} set_param;
		struct {
			uint32_t sid;
			uint32_t cid;
		} start_conn;
		struct {
			uint32_t sid;
			uint32_t cid;
			uint64_t conn_handle;
			uint32_t flag;		/* ISCSI_STOP_CONN_* */
		} stop_conn;
		struct {
			uint32_t sid;
			uint32_t cid;
			uint32_t hdr_size;	/* BHS + AHS */
			uint32_t data_size;	/* data + padding */
		} send_pdu;
		struct {
			uint32_t sid;
			uint32_t cid;
		} get_stats;
		struct {
			uint32_t host_no;
			uint32_t param;		/* enum iscsi_host_param */
			uint32_t len;
		} set_host_param;
		struct {
			uint32_t non_blocking;
		} ep_connect;
		struct {
			uint64_t ep_handle;
			uint32_t timeout_ms;
		} ep_poll;
		struct {
			uint64_t ep_handle;
		} ep_disconnect;
		struct {
			uint32_t type;
			uint32_t host_no;
			uint32_t enable;
		} tgt_dscvr;
	} u;

	union {
		int32_t retcode;	/* bind/start_conn, send_pdu, ep_poll */
		struct {
			uint32_t sid;
			uint32_t host_no;
		} c_session_ret;
		struct {
			uint32_t sid;
			uint32_t cid;	/* UINT32_MAX: failed */
		} c_conn_ret;
		struct {
			uint32_t sid;
			uint32_t cid;
			uint64_t recv_handle;
		} recv_req;
		struct {
			uint32_t sid;
			uint32_t cid;
			uint32_t error;	/* enum iscsi_kerr */
		} connerror;
		struct {
			uint32_t sid;
			uint32_t cid;
			uint32_t state;	/* enum iscsi_conn_state */
		} conn_login;
		struct {
			uint32_t host_no;	/* note the order */
			uint32_t sid;
		} d_session;
		struct {
			uint32_t sid;
			uint32_t host_no;
		} unbind_session;
		struct {
			uint64_t handle;
		} ep_connect_ret;
	} r;
} __attribute__((aligned(8)));

/* STOP_CONN flags */
#define ISCSI_STOP_CONN_TERM 1		/* logout/teardown */
#define ISCSI_STOP_CONN_SUSPEND 2
#define ISCSI_STOP_CONN_RECOVER 3	/* before a reconnect */

/* KEVENT_CONN_LOGIN_STATE states (offload drivers only) */
enum iscsi_conn_state {
	ISCSI_CONN_STATE_FREE = 0,
	ISCSI_CONN_STATE_XPT_WAIT = 1,
	ISCSI_CONN_STATE_IN_LOGIN = 2,
	ISCSI_CONN_STATE_LOGGED_IN = 3,
	ISCSI_CONN_STATE_IN_LOGOUT = 4,
	ISCSI_CONN_STATE_LOGOUT_REQUESTED = 5,
	ISCSI_CONN_STATE_CLEANUP_WAIT = 6,
};

/* Connection errors in KEVENT_CONN_ERROR's r.connerror.error.  The
 * kernel calls them ISCSI_ERR_*; ISCSI_KERR_* here keeps them apart
 * from the exit codes in core/errors.h.  Names and open-iscsi's texts:
 * nlmsg_kerr_name(), nlmsg_kerr_str(). */
enum iscsi_kerr {
	ISCSI_KERR_OK = 0,
	ISCSI_KERR_DATASN = ISCSI_KERR_BASE + 1,
	ISCSI_KERR_DATA_OFFSET = ISCSI_KERR_BASE + 2,
	ISCSI_KERR_MAX_CMDSN = ISCSI_KERR_BASE + 3,
	ISCSI_KERR_EXP_CMDSN = ISCSI_KERR_BASE + 4,
	ISCSI_KERR_BAD_OPCODE = ISCSI_KERR_BASE + 5,
	ISCSI_KERR_DATALEN = ISCSI_KERR_BASE + 6,
	ISCSI_KERR_AHSLEN = ISCSI_KERR_BASE + 7,
	ISCSI_KERR_PROTO = ISCSI_KERR_BASE + 8,
	ISCSI_KERR_LUN = ISCSI_KERR_BASE + 9,
	ISCSI_KERR_BAD_ITT = ISCSI_KERR_BASE + 10,
	ISCSI_KERR_CONN_FAILED = ISCSI_KERR_BASE + 11,
	ISCSI_KERR_R2TSN = ISCSI_KERR_BASE + 12,
	ISCSI_KERR_SESSION_FAILED = ISCSI_KERR_BASE + 13,
	ISCSI_KERR_HDR_DGST = ISCSI_KERR_BASE + 14,
	ISCSI_KERR_DATA_DGST = ISCSI_KERR_BASE + 15,
	ISCSI_KERR_PARAM_NOT_FOUND = ISCSI_KERR_BASE + 16,
	ISCSI_KERR_NO_SCSI_CMD = ISCSI_KERR_BASE + 17,
	ISCSI_KERR_INVALID_HOST = ISCSI_KERR_BASE + 18,
	ISCSI_KERR_XMIT_FAILED = ISCSI_KERR_BASE + 19,
	ISCSI_KERR_TCP_CONN_CLOSE = ISCSI_KERR_BASE + 20,
	ISCSI_KERR_SCSI_EH_SESSION_RST = ISCSI_KERR_BASE + 21,
	ISCSI_KERR_NOP_TIMEDOUT = ISCSI_KERR_BASE + 22,
};

/* SET_PARAM numbers; the kernel and user space must agree on all of
 * them, so the list is complete even where iscsi_tcp ignores a value. */
enum iscsi_param {
	ISCSI_PARAM_MAX_RECV_DLENGTH = 0,
	ISCSI_PARAM_MAX_XMIT_DLENGTH = 1,
	ISCSI_PARAM_HDRDGST_EN = 2,
	ISCSI_PARAM_DATADGST_EN = 3,
	ISCSI_PARAM_INITIAL_R2T_EN = 4,
	ISCSI_PARAM_MAX_R2T = 5,
	ISCSI_PARAM_IMM_DATA_EN = 6,
	ISCSI_PARAM_FIRST_BURST = 7,
	ISCSI_PARAM_MAX_BURST = 8,
	ISCSI_PARAM_PDU_INORDER_EN = 9,
	ISCSI_PARAM_DATASEQ_INORDER_EN = 10,
	ISCSI_PARAM_ERL = 11,
	ISCSI_PARAM_IFMARKER_EN = 12,
	ISCSI_PARAM_OFMARKER_EN = 13,
	ISCSI_PARAM_EXP_STATSN = 14,
	ISCSI_PARAM_TARGET_NAME = 15,
	ISCSI_PARAM_TPGT = 16,
	ISCSI_PARAM_PERSISTENT_ADDRESS = 17,
	ISCSI_PARAM_PERSISTENT_PORT = 18,
	ISCSI_PARAM_SESS_RECOVERY_TMO = 19,
	ISCSI_PARAM_CONN_PORT = 20,
	ISCSI_PARAM_CONN_ADDRESS = 21,
	ISCSI_PARAM_USERNAME = 22,
	ISCSI_PARAM_USERNAME_IN = 23,
	ISCSI_PARAM_PASSWORD = 24,
	ISCSI_PARAM_PASSWORD_IN = 25,
	ISCSI_PARAM_FAST_ABORT = 26,
	ISCSI_PARAM_ABORT_TMO = 27,
	ISCSI_PARAM_LU_RESET_TMO = 28,
	ISCSI_PARAM_HOST_RESET_TMO = 29,
	ISCSI_PARAM_PING_TMO = 30,
	ISCSI_PARAM_RECV_TMO = 31,
	ISCSI_PARAM_IFACE_NAME = 32,
	ISCSI_PARAM_ISID = 33,
	ISCSI_PARAM_INITIATOR_NAME = 34,
	ISCSI_PARAM_TGT_RESET_TMO = 35,
	ISCSI_PARAM_TARGET_ALIAS = 36,
	ISCSI_PARAM_CHAP_IN_IDX = 37,
	ISCSI_PARAM_CHAP_OUT_IDX = 38,
	ISCSI_PARAM_BOOT_ROOT = 39,
	ISCSI_PARAM_BOOT_NIC = 40,
	ISCSI_PARAM_BOOT_TARGET = 41,
	ISCSI_PARAM_AUTO_SND_TGT_DISABLE = 42,
	ISCSI_PARAM_DISCOVERY_SESS = 43,
	ISCSI_PARAM_PORTAL_TYPE = 44,
	ISCSI_PARAM_CHAP_AUTH_EN = 45,
	ISCSI_PARAM_DISCOVERY_LOGOUT_EN = 46,
	ISCSI_PARAM_BIDI_CHAP_EN = 47,
	ISCSI_PARAM_DISCOVERY_AUTH_OPTIONAL = 48,
	ISCSI_PARAM_DEF_TIME2WAIT = 49,
	ISCSI_PARAM_DEF_TIME2RETAIN = 50,
	ISCSI_PARAM_MAX_SEGMENT_SIZE = 51,
	ISCSI_PARAM_STATSN = 52,
	ISCSI_PARAM_KEEPALIVE_TMO = 53,
	ISCSI_PARAM_LOCAL_PORT = 54,
	ISCSI_PARAM_TSID = 55,
	ISCSI_PARAM_DEF_TASKMGMT_TMO = 56,
	ISCSI_PARAM_TCP_TIMESTAMP_STAT = 57,
	ISCSI_PARAM_TCP_WSF_DISABLE = 58,
	ISCSI_PARAM_TCP_NAGLE_DISABLE = 59,
	ISCSI_PARAM_TCP_TIMER_SCALE = 60,
	ISCSI_PARAM_TCP_TIMESTAMP_EN = 61,
	ISCSI_PARAM_TCP_XMIT_WSF = 62,
	ISCSI_PARAM_TCP_RECV_WSF = 63,
	ISCSI_PARAM_IP_FRAGMENT_DISABLE = 64,
	ISCSI_PARAM_IPV4_TOS = 65,
	ISCSI_PARAM_IPV6_TC = 66,
	ISCSI_PARAM_IPV6_FLOW_LABEL = 67,
	ISCSI_PARAM_IS_FW_ASSIGNED_IPV6 = 68,
	ISCSI_PARAM_DISCOVERY_PARENT_IDX = 69,
	ISCSI_PARAM_DISCOVERY_PARENT_TYPE = 70,
	ISCSI_PARAM_LOCAL_IPADDR = 71,
	ISCSI_PARAM_MAX = 72,
};

/* SET_HOST_PARAM numbers */
enum iscsi_host_param {
	ISCSI_HOST_PARAM_HWADDRESS = 0,
	ISCSI_HOST_PARAM_INITIATOR_NAME = 1,
	ISCSI_HOST_PARAM_NETDEV_NAME = 2,
	ISCSI_HOST_PARAM_IPADDRESS = 3,
	ISCSI_HOST_PARAM_PORT_STATE = 4,
	ISCSI_HOST_PARAM_PORT_SPEED = 5,
	ISCSI_HOST_PARAM_MAX = 6,
};

/* Transport capabilities, iscsi_transport/NAME/caps (the kernel's CAP_*).
 * iscsi_tcp reports 0x39: RECOVERY_L0 | MULTI_R2T | HDRDGST | DATADGST. */
#define ISCSI_CAP_RECOVERY_L0 0x1
#define ISCSI_CAP_RECOVERY_L1 0x2
#define ISCSI_CAP_RECOVERY_L2 0x4
#define ISCSI_CAP_MULTI_R2T 0x8
#define ISCSI_CAP_HDRDGST 0x10
#define ISCSI_CAP_DATADGST 0x20
#define ISCSI_CAP_MULTI_CONN 0x40
#define ISCSI_CAP_TEXT_NEGO 0x80
#define ISCSI_CAP_MARKERS 0x100
#define ISCSI_CAP_FW_DB 0x200
#define ISCSI_CAP_SENDTARGETS_OFFLOAD 0x400
#define ISCSI_CAP_DATA_PATH_OFFLOAD 0x800
#define ISCSI_CAP_DIGEST_OFFLOAD 0x1000
#define ISCSI_CAP_PADDING_OFFLOAD 0x2000
#define ISCSI_CAP_LOGIN_OFFLOAD 0x4000

/* GET_STATS reply body, after the uevent: the fixed counters below,
 * then custom_length entries of struct iscsi_stats_custom starting at
 * offset 96 (the kernel declares them as an 8-aligned flexible array;
 * here they stay out of the struct so it can be embedded and copied).
 * Field names are what `iscsiadm -m session -s` prints, in order. */
#define ISCSI_STATS_CUSTOM_DESC_MAX 64

struct iscsi_stats_custom {
	char desc[ISCSI_STATS_CUSTOM_DESC_MAX];
	uint64_t value;
};

struct iscsi_stats {
	uint64_t txdata_octets;
	uint64_t rxdata_octets;
	/* sent */
	uint32_t noptx_pdus;
	uint32_t scsicmd_pdus;
	uint32_t tmfcmd_pdus;
	uint32_t login_pdus;
	uint32_t text_pdus;
	uint32_t dataout_pdus;
	uint32_t logout_pdus;
	uint32_t snack_pdus;
	/* received */
	uint32_t noprx_pdus;
	uint32_t scsirsp_pdus;
	uint32_t tmfrsp_pdus;
	uint32_t textrsp_pdus;
	uint32_t datain_pdus;
	uint32_t logoutrsp_pdus;
	uint32_t r2t_pdus;
	uint32_t async_pdus;
	uint32_t rjt_pdus;
	/* errors */
	uint32_t digest_err;
	uint32_t timeout_err;
	uint32_t custom_length;
};

/* The layout the kernel expects, checked at compile time. */
#define ISCSI_IF_AT(member, off) \
	_Static_assert(offsetof(struct iscsi_uevent, member) == (off), \
		       "iscsi_uevent." #member " offset")

_Static_assert(sizeof(void *) == 8 && _Alignof(uint64_t) == 8,
	       "NETLINK_ISCSI has no 32-bit compat layer: LP64 only");
_Static_assert(sizeof(struct iscsi_uevent) == 56, "iscsi_uevent size");
_Static_assert(_Alignof(struct iscsi_uevent) == 8, "iscsi_uevent align");
_Static_assert(sizeof(((struct iscsi_uevent *)0)->u) == 24, "u size");
_Static_assert(sizeof(((struct iscsi_uevent *)0)->r) == 16, "r size");
ISCSI_IF_AT(type, 0);
ISCSI_IF_AT(iferror, 4);
ISCSI_IF_AT(transport_handle, 8);
ISCSI_IF_AT(u, 16);
ISCSI_IF_AT(r, 40);
ISCSI_IF_AT(u.c_session.initial_cmdsn, 16);
ISCSI_IF_AT(u.c_session.cmds_max, 20);
ISCSI_IF_AT(u.c_session.queue_depth, 22);
ISCSI_IF_AT(u.c_bound_session.ep_handle, 16);
ISCSI_IF_AT(u.c_bound_session.initial_cmdsn, 24);
ISCSI_IF_AT(u.c_bound_session.cmds_max, 28);
ISCSI_IF_AT(u.c_bound_session.queue_depth, 30);
ISCSI_IF_AT(u.d_session.sid, 16);
ISCSI_IF_AT(u.c_conn.sid, 16);
ISCSI_IF_AT(u.c_conn.cid, 20);
ISCSI_IF_AT(u.d_conn.sid, 16);
ISCSI_IF_AT(u.d_conn.cid, 20);
ISCSI_IF_AT(u.b_conn.sid, 16);
ISCSI_IF_AT(u.b_conn.cid, 20);
ISCSI_IF_AT(u.b_conn.transport_eph, 24);
ISCSI_IF_AT(u.b_conn.is_leading, 32);
ISCSI_IF_AT(u.set_param.sid, 16);
ISCSI_IF_AT(u.set_param.cid, 20);
ISCSI_IF_AT(u.set_param.param, 24);
ISCSI_IF_AT(u.set_param.len, 28);
ISCSI_IF_AT(u.start_conn.sid, 16);
ISCSI_IF_AT(u.start_conn.cid, 20);
ISCSI_IF_AT(u.get_stats.sid, 16);
ISCSI_IF_AT(u.get_stats.cid, 20);
ISCSI_IF_AT(u.stop_conn.sid, 16);
ISCSI_IF_AT(u.stop_conn.cid, 20);
ISCSI_IF_AT(u.stop_conn.conn_handle, 24);
ISCSI_IF_AT(u.stop_conn.flag, 32);
ISCSI_IF_AT(u.send_pdu.sid, 16);
ISCSI_IF_AT(u.send_pdu.cid, 20);
ISCSI_IF_AT(u.send_pdu.hdr_size, 24);
ISCSI_IF_AT(u.send_pdu.data_size, 28);
ISCSI_IF_AT(u.set_host_param.host_no, 16);
ISCSI_IF_AT(u.set_host_param.param, 20);
ISCSI_IF_AT(u.set_host_param.len, 24);
ISCSI_IF_AT(u.ep_connect.non_blocking, 16);
ISCSI_IF_AT(u.ep_poll.ep_handle, 16);
ISCSI_IF_AT(u.ep_poll.timeout_ms, 24);
ISCSI_IF_AT(u.ep_disconnect.ep_handle, 16);
ISCSI_IF_AT(u.tgt_dscvr.type, 16);
ISCSI_IF_AT(u.tgt_dscvr.host_no, 20);
ISCSI_IF_AT(u.tgt_dscvr.enable, 24);
ISCSI_IF_AT(r.retcode, 40);
ISCSI_IF_AT(r.c_session_ret.sid, 40);
ISCSI_IF_AT(r.c_session_ret.host_no, 44);
ISCSI_IF_AT(r.c_conn_ret.sid, 40);
ISCSI_IF_AT(r.c_conn_ret.cid, 44);
ISCSI_IF_AT(r.recv_req.sid, 40);
ISCSI_IF_AT(r.recv_req.cid, 44);
ISCSI_IF_AT(r.recv_req.recv_handle, 48);
ISCSI_IF_AT(r.connerror.sid, 40);
ISCSI_IF_AT(r.connerror.cid, 44);
ISCSI_IF_AT(r.connerror.error, 48);
ISCSI_IF_AT(r.conn_login.sid, 40);
ISCSI_IF_AT(r.conn_login.cid, 44);
ISCSI_IF_AT(r.conn_login.state, 48);
ISCSI_IF_AT(r.d_session.host_no, 40);
ISCSI_IF_AT(r.d_session.sid, 44);
ISCSI_IF_AT(r.unbind_session.sid, 40);
ISCSI_IF_AT(r.unbind_session.host_no, 44);
ISCSI_IF_AT(r.ep_connect_ret.handle, 40);

_Static_assert(sizeof(struct iscsi_stats_custom) == 72, "stats entry");
_Static_assert(offsetof(struct iscsi_stats_custom, value) == 64,
	       "stats entry value");
_Static_assert(offsetof(struct iscsi_stats, noptx_pdus) == 16, "stats tx");
_Static_assert(offsetof(struct iscsi_stats, noprx_pdus) == 48, "stats rx");
_Static_assert(offsetof(struct iscsi_stats, digest_err) == 84,
	       "stats errors");
_Static_assert(offsetof(struct iscsi_stats, custom_length) == 92,
	       "stats custom_length");
_Static_assert(sizeof(struct iscsi_stats) == 96,
	       "stats: custom entries start at 96");

#undef ISCSI_IF_AT

#endif
