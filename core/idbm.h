/* SPDX-License-Identifier: MIT */
/* idbm.h - open-iscsi 2.1.8 compatible records: node, iface and discovery
 * records as typed structs, one key table per record kind, and the text
 * format shared by record files, dumps and iscsid.conf
 * ("# BEGIN RECORD 2.1.8", "key = value", "# END RECORD").
 *
 * Contracts:
 *  - Nothing here prints or exits.  Functions that can fail take a message
 *    buffer (msg, msgsz; may be NULL/0) that receives open-iscsi's own
 *    wording, one line per '\n', without the "iscsiadm: " prefix; the
 *    caller prints it (log_err) and exits with the returned ISCSI_ERR_*.
 *    Warnings (e.g. an unknown chap_algs token) are appended to msg even
 *    when the call succeeds.
 *  - Records are plain structs owned by the caller; no function keeps a
 *    pointer to them.  Strings are always NUL-terminated; values longer
 *    than a field are truncated, as open-iscsi does.
 *  - Numbers are converted as open-iscsi 2.1.8 does (base 10, stops at the
 *    first non-digit, wraps to the field width: "12abc" is 12, "abc" is 0)
 *    unless IDBM_SET_STRICT is given, so records read and written here stay
 *    byte-identical with Debian's.
 */
#ifndef ISCSIBOX_IDBM_H
#define ISCSIBOX_IDBM_H

#include <stddef.h>
#include <stdint.h>

#define IDBM_TARGET_MAX 224	/* iSCSI name, RFC 7143 §4.2.7.1: 223 + NUL */
#define IDBM_ADDR_MAX 128	/* IPv4/IPv6 literal or host name */
#define IDBM_IFACE_NAME_MAX 65
#define IDBM_NETDEV_MAX 16	/* IFNAMSIZ */
#define IDBM_HWADDR_MAX 32
#define IDBM_TRANSPORT_MAX 16
#define IDBM_IFACE_STR_MAX 64	/* enable/disable style iface settings */
#define IDBM_AUTH_MAX 256	/* CHAP names and secrets */
#define IDBM_CHAP_ALGS_MAX 5
#define IDBM_LINE_MAX 2048	/* longer lines are ignored, as open-iscsi */

enum idbm_kind {
	IDBM_KIND_NODE,
	IDBM_KIND_IFACE,
	IDBM_KIND_DISC,
};

enum idbm_startup {
	IDBM_STARTUP_MANUAL,
	IDBM_STARTUP_AUTOMATIC,
	IDBM_STARTUP_ONBOOT,
};

/* Values of node.discovery_type ("send_targets", ...) and discovery.type
 * ("sendtargets", ...). */
enum idbm_disc_type {
	IDBM_DISC_SENDTARGETS,
	IDBM_DISC_ISNS,
	IDBM_DISC_OFFLOAD_ST,
	IDBM_DISC_SLP,
	IDBM_DISC_STATIC,
	IDBM_DISC_FW,
};

enum idbm_digest {
	IDBM_DIGEST_NONE,
	IDBM_DIGEST_CRC32C,
	IDBM_DIGEST_CRC32C_NONE,	/* "CRC32C,None": prefer CRC32C */
	IDBM_DIGEST_NONE_CRC32C,	/* "None,CRC32C" */
};

enum idbm_auth { IDBM_AUTH_NONE, IDBM_AUTH_CHAP };
enum idbm_scan { IDBM_SCAN_MANUAL, IDBM_SCAN_AUTO };

/* iface.* keys.  The IPv4 group (bootproto .. ttl) or the IPv6 group
 * (ipv6_autocfg .. traffic_class) is printed, chosen by whether ipaddress
 * is an IPv6 literal; both groups are stored. */
struct idbm_iface {
	char name[IDBM_IFACE_NAME_MAX];		/* iface.iscsi_ifacename */
	char netdev[IDBM_NETDEV_MAX];		/* iface.net_ifacename */
	char ipaddress[IDBM_ADDR_MAX];
	uint8_t prefix_len;
	char hwaddress[IDBM_HWADDR_MAX];
	char transport_name[IDBM_TRANSPORT_MAX];
	char initiatorname[IDBM_TARGET_MAX];
	char state[IDBM_IFACE_STR_MAX];
	uint16_t vlan_id;
	uint8_t vlan_priority;
	char vlan_state[IDBM_IFACE_STR_MAX];
	int iface_num;
	uint16_t mtu;
	uint16_t port;
	/* IPv4 group */
	char bootproto[IDBM_IFACE_STR_MAX];
	char subnet_mask[IDBM_ADDR_MAX];
	char gateway[IDBM_ADDR_MAX];
	char dhcp_alt_client_id_state[IDBM_IFACE_STR_MAX];
	char dhcp_alt_client_id[IDBM_IFACE_STR_MAX];
	char dhcp_dns[IDBM_IFACE_STR_MAX];
	char dhcp_learn_iqn[IDBM_IFACE_STR_MAX];
	char dhcp_req_vendor_id_state[IDBM_IFACE_STR_MAX];
	char dhcp_vendor_id_state[IDBM_IFACE_STR_MAX];
	char dhcp_vendor_id[IDBM_IFACE_STR_MAX];
	char dhcp_slp_da[IDBM_IFACE_STR_MAX];
	char fragmentation[IDBM_IFACE_STR_MAX];
	char gratuitous_arp[IDBM_IFACE_STR_MAX];
	char incoming_forwarding[IDBM_IFACE_STR_MAX];
	char tos_state[IDBM_IFACE_STR_MAX];
	uint8_t tos;
	uint8_t ttl;
	/* IPv6 group */
	char ipv6_autocfg[IDBM_IFACE_STR_MAX];
	char linklocal_autocfg[IDBM_IFACE_STR_MAX];
	char router_autocfg[IDBM_IFACE_STR_MAX];
	char ipv6_linklocal[IDBM_ADDR_MAX];
	char ipv6_router[IDBM_ADDR_MAX];
	uint8_t dup_addr_detect_cnt;
	uint32_t flow_label;
	char gratuitous_neighbor_adv[IDBM_IFACE_STR_MAX];
	uint8_t hop_limit;
	char mld[IDBM_IFACE_STR_MAX];
	uint32_t nd_reachable_tmo;
	uint32_t nd_rexmit_time;
	uint32_t nd_stale_tmo;
	uint32_t router_adv_link_mtu;
	uint8_t traffic_class;
	/* offload settings */
	char delayed_ack[IDBM_IFACE_STR_MAX];
	char tcp_nagle[IDBM_IFACE_STR_MAX];
	char tcp_wsf_state[IDBM_IFACE_STR_MAX];
	uint8_t tcp_wsf;
	uint8_t tcp_timer_scale;
	char tcp_timestamp[IDBM_IFACE_STR_MAX];
	char redirect[IDBM_IFACE_STR_MAX];
	uint16_t def_task_mgmt_timeout;
	char header_digest[IDBM_IFACE_STR_MAX];
	char data_digest[IDBM_IFACE_STR_MAX];
	char immediate_data[IDBM_IFACE_STR_MAX];
	char initial_r2t[IDBM_IFACE_STR_MAX];
	char data_seq_inorder[IDBM_IFACE_STR_MAX];
	char data_pdu_inorder[IDBM_IFACE_STR_MAX];
	uint8_t erl;
	uint32_t max_receive_data_len;
	uint32_t first_burst_len;
	uint16_t max_outstanding_r2t;
	uint32_t max_burst_len;
	char chap_auth[IDBM_IFACE_STR_MAX];
	char bidi_chap[IDBM_IFACE_STR_MAX];
	char strict_login_compliance[IDBM_IFACE_STR_MAX];
	char discovery_auth[IDBM_IFACE_STR_MAX];
	char discovery_logout[IDBM_IFACE_STR_MAX];
};

/* CHAP credentials and algorithm list shared by node and discovery
 * records.  chap_algs holds CHAP_A numbers (5 MD5, 6 SHA1, 7 SHA256,
 * 8 SHA3-256) in preference order, 0-terminated when shorter. */
struct idbm_auth_rec {
	int authmethod;				/* enum idbm_auth */
	char username[IDBM_AUTH_MAX];
	char password[IDBM_AUTH_MAX];
	int password_length;			/* hidden key */
	char username_in[IDBM_AUTH_MAX];
	char password_in[IDBM_AUTH_MAX];
	int password_in_length;			/* hidden key */
	int chap_algs[IDBM_CHAP_ALGS_MAX];
};

struct idbm_node {
	char name[IDBM_TARGET_MAX];
	int tpgt;				/* -1: unknown (legacy file) */
	int startup;				/* enum idbm_startup */
	int leading_login;
	struct idbm_iface iface;
	char disc_address[IDBM_ADDR_MAX];
	int disc_port;
	int disc_type;				/* enum idbm_disc_type */
	struct {
		int initial_cmdsn;
		int initial_login_retry_max;
		int xmit_thread_priority;
		int cmds_max;
		int queue_depth;
		int nr_sessions;
		struct idbm_auth_rec auth;
		int replacement_timeout;
		int abort_timeout;
		int lu_reset_timeout;
		int tgt_reset_timeout;
		int host_reset_timeout;
		int fast_abort;
		int initial_r2t;
		int immediate_data;
		int first_burst;
		int max_burst;
		int time2retain;
		int time2wait;
		int max_connections;
		int max_r2t;
		int erl;
		int scan;			/* enum idbm_scan */
		int reopen_max;
	} session;
	struct {				/* node.conn[0].*, the only one */
		char address[IDBM_ADDR_MAX];
		int port;
		int startup;
		int window_size;
		int tos;
		int logout_timeout;
		int login_timeout;
		int auth_timeout;
		int noop_out_interval;
		int noop_out_timeout;
		int max_xmit_dsl;
		int max_recv_dsl;
		int header_digest;		/* enum idbm_digest */
		int data_digest;
		int ifmarker;
		int ofmarker;
	} conn;
};

/* discovery.* keys; sendtargets and isns records use different key sets
 * (isns reuses the discovery.sendtargets.address/port key names). */
struct idbm_disc {
	int startup;
	int type;				/* enum idbm_disc_type */
	char address[IDBM_ADDR_MAX];
	int port;
	struct idbm_auth_rec auth;
	int login_timeout;
	int use_discoveryd;
	int poll_inval;
	int reopen_max;
	int auth_timeout;
	int active_timeout;
	int max_recv_dsl;
};

/* Built-in defaults of open-iscsi 2.1.8 (what iscsiadm uses without
 * iscsid).  idbm_node_init binds the node to iface "default". */
void idbm_iface_init(struct idbm_iface *iface, const char *name);
void idbm_node_init(struct idbm_node *node);
void idbm_disc_init(struct idbm_disc *disc, enum idbm_disc_type type);

/* A new node record as iscsiadm makes one: built-in defaults, then the
 * iscsid.conf at conf (NULL: none, like iscsiadm without iscsid), then
 * target/portal/tpgt (-1: unknown), the bound iface (NULL: "default") and
 * the discovery record it came from (NULL: static).  Returns 0 or the
 * config error (ISCSI_ERR_IDBM, msg). */
int idbm_node_new(struct idbm_node *node, const char *conf,
		  const char *target, const char *addr, int port, int tpgt,
		  const struct idbm_iface *iface,
		  const struct idbm_disc *disc, char *msg, size_t msgsz);
/* The identity part of idbm_node_new alone: target, portal, tpgt, iface
 * and discovery record onto node (e.g. a copy of a node made once with
 * the defaults and iscsid.conf, for many records). */
void idbm_node_ident(struct idbm_node *node, const char *target,
		     const char *addr, int port, int tpgt,
		     const struct idbm_iface *iface,
		     const struct idbm_disc *disc);

/* idbm_rec_set flags */
#define IDBM_SET_USER 0x1	/* -n/-v: refuse lookup and iface keys */
#define IDBM_SET_STRICT 0x2	/* numbers must be whole, in range */
#define IDBM_SET_CONFIG 0x4	/* iscsid.conf: unknown keys are skipped */

/* Set key `name` of rec (a struct idbm_node/iface/disc per kind) from text.
 * Returns 0, or ISCSI_ERR_INVAL with open-iscsi's message: unknown key
 * "Cannot modify K. Invalid param name.", bad enum value "unknown value
 * format 'V' for parameter name 'K'\nUnknown parameter K.", lookup keys
 * (with IDBM_SET_USER) "Cannot modify K. It is used to look up the record
 * and cannot be changed.", iface keys of a node "Cannot modify K. Use
 * iface mode to update this value." */
int idbm_rec_set(enum idbm_kind kind, void *rec, const char *name,
		 const char *value, unsigned flags, char *msg, size_t msgsz);

/* Whether `name` is an iface key of node record rec that only iface mode
 * may change (idbm_rec_set with IDBM_SET_USER refuses it). */
int idbm_node_iface_only(const struct idbm_node *rec, const char *name);

/* Format the value of key `name` as printed ("" for an empty string).
 * Returns 0, -ENOENT for an unknown key, -ENOSPC if out is too small. */
int idbm_rec_get(enum idbm_kind kind, const void *rec, const char *name,
		 char *out, size_t outsz);

/* The line "name = value" that setting key `name` (as -n/-v do, with
 * IDBM_SET_USER) writes in a record file, when a record can be updated
 * by replacing that one line: the key is valid and not an iface key,
 * the value is accepted without a warning and not empty.  rec is a
 * scratch record of kind (it is changed).  0 or -EAGAIN (update the
 * whole record instead, which also says why a value is refused). */
int idbm_rec_line(enum idbm_kind kind, void *rec, const char *name,
		  const char *value, char *line, size_t linesz);

/* idbm_rec_format flags */
#define IDBM_FMT_DUMP 0x1	/* iscsiadm's display: "<empty>", masking */
#define IDBM_FMT_SECRETS 0x2	/* with DUMP: show passwords (-S) */

/* Render rec between the BEGIN/END RECORD lines.  Without IDBM_FMT_DUMP
 * this is the file format: empty strings omitted, secrets in clear.
 * Returns a malloc'd NUL-terminated string (caller frees) and its length
 * in *len (may be NULL), or NULL when out of memory. */
char *idbm_rec_format(enum idbm_kind kind, const void *rec, unsigned flags,
		      size_t *len);

/* Apply "key = value" lines of text (a record file or iscsid.conf) onto
 * rec, which the caller initialised.  `path` only names the source in
 * messages.  Blank and '#' lines are skipped; lines of IDBM_LINE_MAX bytes
 * or more are ignored with a warning; a bad enum value is a warning.
 * Record files (flags 0): an unknown key, a line without '=', a NUL byte,
 * or a "# BEGIN RECORD" without its "# END RECORD" fails with
 * ISCSI_ERR_IDBM and "config file PATH invalid." plus the reason.
 * With IDBM_SET_CONFIG unknown keys and lines without '=' are skipped. */
int idbm_rec_parse(enum idbm_kind kind, void *rec, const char *text,
		   size_t len, const char *path, unsigned flags, char *msg,
		   size_t msgsz);

/* Apply only the lines of text that set one of keys (NULL-terminated),
 * leniently, ignoring every other line: enough of a record to find its
 * files without a full parse (deleting).  Returns 0. */
int idbm_rec_peek(enum idbm_kind kind, void *rec, const char *text,
		  size_t len, const char *const *keys);

/* True when addr is an IPv6 literal (selects the iface IPv6 key group). */
int idbm_addr_is_ipv6(const char *addr);

#endif
