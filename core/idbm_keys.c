/* SPDX-License-Identifier: MIT */
/* idbm_keys.c - the key tables of node, iface and discovery records in
 * open-iscsi 2.1.8's print order: a pure table (the built-in defaults are
 * in idbm_node.c). */
#include "core/idbm_keys.h"

#include <stddef.h>

/* The values of an IDBM_T_ENUM key, NUL-separated, in index order, ending
 * with an empty string; indexed by idbm_key.opts (0: none). */
enum {
	O_NONE,
	O_STARTUP,
	O_DISC_STARTUP,
	O_BOOL,
	O_AUTH,
	O_SCAN,
	O_DIGEST,
	O_NODE_DISC,
	O_DISC_TYPE,
};
static const char *const opt_values[] = {
	[O_NONE] = "",
	[O_STARTUP] = "manual\0automatic\0onboot\0",
	[O_DISC_STARTUP] = "manual\0automatic\0",
	[O_BOOL] = "No\0Yes\0",
	[O_AUTH] = "None\0CHAP\0",
	[O_SCAN] = "manual\0auto\0",
	[O_DIGEST] = "None\0CRC32C\0CRC32C,None\0None,CRC32C\0",
	/* indexed by enum idbm_disc_type */
	[O_NODE_DISC] = "send_targets\0isns\0offload_send_targets\0slp\0"
			"static\0fw\0",
	[O_DISC_TYPE] = "sendtargets\0isns\0offload_send_targets\0slp\0"
			"static\0fw\0",
};

/* The shared beginnings of key names; indexed by idbm_key.pfx. */
enum {
	P_IFACE,
	P_NODE,
	P_SESS,
	P_AUTH,
	P_CONN,
	P_DISC,
	P_ST,
};
static const char *const key_prefixes[] = {
	[P_IFACE] = "iface.",
	[P_NODE] = "node.",
	[P_SESS] = "node.session.",
	[P_AUTH] = "node.session.auth.",
	[P_CONN] = "node.conn[0].",
	[P_DISC] = "discovery.",
	[P_ST] = "discovery.sendtargets.",
};

/* A table is a list of rows K(struct, prefix, name, type, flags, field,
 * values), expanded twice: once into the keys, once into their names. */
#define FSZ(T, f) sizeof(((T *)0)->f)

/* ---- iface ---- */
#define I_S(n, f, fl)                                                          \
	K(struct idbm_iface, P_IFACE, n, IDBM_T_STR, fl, f, O_NONE)
#define I_N(n, t, f, fl) K(struct idbm_iface, P_IFACE, n, t, fl, f, O_NONE)

#define IFACE_KEYS                                                             \
	I_S("iscsi_ifacename", name, IDBM_K_NAME)                              \
	I_S("net_ifacename", netdev, 0)                                        \
	I_S("ipaddress", ipaddress, 0)                                         \
	I_N("prefix_len", IDBM_T_U8, prefix_len, 0)                            \
	I_S("hwaddress", hwaddress, 0)                                         \
	I_S("transport_name", transport_name, IDBM_K_NODE_RW)                  \
	I_S("initiatorname", initiatorname, 0)                                 \
	I_S("state", state, 0)                                                 \
	I_N("vlan_id", IDBM_T_U16, vlan_id, 0)                                 \
	I_N("vlan_priority", IDBM_T_U8, vlan_priority, 0)                      \
	I_S("vlan_state", vlan_state, 0)                                       \
	I_N("iface_num", IDBM_T_INT, iface_num, 0)                             \
	I_N("mtu", IDBM_T_U16, mtu, 0)                                         \
	I_N("port", IDBM_T_U16, port, 0)                                       \
	I_S("bootproto", bootproto, IDBM_K_V4)                                 \
	I_S("subnet_mask", subnet_mask, IDBM_K_V4)                             \
	I_S("gateway", gateway, IDBM_K_V4)                                     \
	I_S("dhcp_alt_client_id_state", dhcp_alt_client_id_state, IDBM_K_V4)   \
	I_S("dhcp_alt_client_id", dhcp_alt_client_id, IDBM_K_V4)               \
	I_S("dhcp_dns", dhcp_dns, IDBM_K_V4)                                   \
	I_S("dhcp_learn_iqn", dhcp_learn_iqn, IDBM_K_V4)                       \
	I_S("dhcp_req_vendor_id_state", dhcp_req_vendor_id_state, IDBM_K_V4)   \
	I_S("dhcp_vendor_id_state", dhcp_vendor_id_state, IDBM_K_V4)           \
	I_S("dhcp_vendor_id", dhcp_vendor_id, IDBM_K_V4)                       \
	I_S("dhcp_slp_da", dhcp_slp_da, IDBM_K_V4)                             \
	I_S("fragmentation", fragmentation, IDBM_K_V4)                         \
	I_S("gratuitous_arp", gratuitous_arp, IDBM_K_V4)                       \
	I_S("incoming_forwarding", incoming_forwarding, IDBM_K_V4)             \
	I_S("tos_state", tos_state, IDBM_K_V4)                                 \
	I_N("tos", IDBM_T_U8, tos, IDBM_K_V4)                                  \
	I_N("ttl", IDBM_T_U8, ttl, IDBM_K_V4)                                  \
	I_S("ipv6_autocfg", ipv6_autocfg, IDBM_K_V6)                           \
	I_S("linklocal_autocfg", linklocal_autocfg, IDBM_K_V6)                 \
	I_S("router_autocfg", router_autocfg, IDBM_K_V6)                       \
	I_S("ipv6_linklocal", ipv6_linklocal, IDBM_K_V6)                       \
	I_S("ipv6_router", ipv6_router, IDBM_K_V6)                             \
	I_N("dup_addr_detect_cnt", IDBM_T_U8, dup_addr_detect_cnt, IDBM_K_V6)  \
	I_N("flow_label", IDBM_T_U32, flow_label, IDBM_K_V6)                   \
	I_S("gratuitous_neighbor_adv", gratuitous_neighbor_adv, IDBM_K_V6)     \
	I_N("hop_limit", IDBM_T_U8, hop_limit, IDBM_K_V6)                      \
	I_S("mld", mld, IDBM_K_V6)                                             \
	I_N("nd_reachable_tmo", IDBM_T_U32, nd_reachable_tmo, IDBM_K_V6)       \
	I_N("nd_rexmit_time", IDBM_T_U32, nd_rexmit_time, IDBM_K_V6)           \
	I_N("nd_stale_tmo", IDBM_T_U32, nd_stale_tmo, IDBM_K_V6)               \
	I_N("router_adv_link_mtu", IDBM_T_U32, router_adv_link_mtu, IDBM_K_V6) \
	I_N("traffic_class", IDBM_T_U8, traffic_class, IDBM_K_V6)              \
	I_S("delayed_ack", delayed_ack, 0)                                     \
	I_S("tcp_nagle", tcp_nagle, 0)                                         \
	I_S("tcp_wsf_state", tcp_wsf_state, 0)                                 \
	I_N("tcp_wsf", IDBM_T_U8, tcp_wsf, 0)                                  \
	I_N("tcp_timer_scale", IDBM_T_U8, tcp_timer_scale, 0)                  \
	I_S("tcp_timestamp", tcp_timestamp, 0)                                 \
	I_S("redirect", redirect, 0)                                           \
	I_N("def_task_mgmt_timeout", IDBM_T_U16, def_task_mgmt_timeout, 0)     \
	I_S("header_digest", header_digest, 0)                                 \
	I_S("data_digest", data_digest, 0)                                     \
	I_S("immediate_data", immediate_data, 0)                               \
	I_S("initial_r2t", initial_r2t, 0)                                     \
	I_S("data_seq_inorder", data_seq_inorder, 0)                           \
	I_S("data_pdu_inorder", data_pdu_inorder, 0)                           \
	I_N("erl", IDBM_T_U8, erl, 0)                                          \
	I_N("max_receive_data_len", IDBM_T_U32, max_receive_data_len, 0)       \
	I_N("first_burst_len", IDBM_T_U32, first_burst_len, 0)                 \
	I_N("max_outstanding_r2t", IDBM_T_U16, max_outstanding_r2t, 0)         \
	I_N("max_burst_len", IDBM_T_U32, max_burst_len, 0)                     \
	I_S("chap_auth", chap_auth, 0)                                         \
	I_S("bidi_chap", bidi_chap, 0)                                         \
	I_S("strict_login_compliance", strict_login_compliance, 0)             \
	I_S("discovery_auth", discovery_auth, 0)                               \
	I_S("discovery_logout", discovery_logout, 0)

/* ---- node ---- */
#define N_S(p, n, f, fl)    K(struct idbm_node, p, n, IDBM_T_STR, fl, f, O_NONE)
#define N_I(p, n, f, fl)    K(struct idbm_node, p, n, IDBM_T_INT, fl, f, O_NONE)
#define N_E(p, n, f, o, fl) K(struct idbm_node, p, n, IDBM_T_ENUM, fl, f, o)
#define NS_I(n, f)	    N_I(P_SESS, n, session.f, 0)
#define NS_E(n, f, o)	    N_E(P_SESS, n, session.f, o, 0)
#define NC_I(n, f)	    N_I(P_CONN, n, conn.f, 0)
#define NC_E(n, f, o)	    N_E(P_CONN, n, conn.f, o, 0)
#define NA_S(n, f, fl)	    N_S(P_AUTH, n, session.auth.f, fl)

#define NODE_HEAD                                                              \
	N_S(P_NODE, "name", name, IDBM_K_LOOKUP)                               \
	N_I(P_NODE, "tpgt", tpgt, IDBM_K_LOOKUP)                               \
	N_E(P_NODE, "startup", startup, O_STARTUP, 0)                          \
	N_E(P_NODE, "leading_login", leading_login, O_BOOL, 0)

#define NODE_TAIL                                                              \
	N_S(P_NODE, "discovery_address", disc_address, IDBM_K_LOOKUP)          \
	N_I(P_NODE, "discovery_port", disc_port, IDBM_K_LOOKUP)                \
	N_E(P_NODE, "discovery_type", disc_type, O_NODE_DISC, IDBM_K_LOOKUP)   \
	NS_I("initial_cmdsn", initial_cmdsn)                                   \
	NS_I("initial_login_retry_max", initial_login_retry_max)               \
	NS_I("xmit_thread_priority", xmit_thread_priority)                     \
	NS_I("cmds_max", cmds_max)                                             \
	NS_I("queue_depth", queue_depth)                                       \
	NS_I("nr_sessions", nr_sessions)                                       \
	NS_E("auth.authmethod", auth.authmethod, O_AUTH)                       \
	NA_S("username", username, 0)                                          \
	NA_S("password", password, IDBM_K_MASK)                                \
	N_I(P_AUTH, "password_length", session.auth.password_length,           \
	    IDBM_K_HIDE)                                                       \
	NA_S("username_in", username_in, 0)                                    \
	NA_S("password_in", password_in, IDBM_K_MASK)                          \
	N_I(P_AUTH, "password_in_length", session.auth.password_in_length,     \
	    IDBM_K_HIDE)                                                       \
	K(struct idbm_node, P_AUTH, "chap_algs", IDBM_T_ALGS, 0,               \
	  session.auth.chap_algs, O_NONE)                                      \
	NS_I("timeo.replacement_timeout", replacement_timeout)                 \
	NS_I("err_timeo.abort_timeout", abort_timeout)                         \
	NS_I("err_timeo.lu_reset_timeout", lu_reset_timeout)                   \
	NS_I("err_timeo.tgt_reset_timeout", tgt_reset_timeout)                 \
	NS_I("err_timeo.host_reset_timeout", host_reset_timeout)               \
	NS_E("iscsi.FastAbort", fast_abort, O_BOOL)                            \
	NS_E("iscsi.InitialR2T", initial_r2t, O_BOOL)                          \
	NS_E("iscsi.ImmediateData", immediate_data, O_BOOL)                    \
	NS_I("iscsi.FirstBurstLength", first_burst)                            \
	NS_I("iscsi.MaxBurstLength", max_burst)                                \
	NS_I("iscsi.DefaultTime2Retain", time2retain)                          \
	NS_I("iscsi.DefaultTime2Wait", time2wait)                              \
	NS_I("iscsi.MaxConnections", max_connections)                          \
	NS_I("iscsi.MaxOutstandingR2T", max_r2t)                               \
	NS_I("iscsi.ERL", erl)                                                 \
	NS_E("scan", scan, O_SCAN)                                             \
	NS_I("reopen_max", reopen_max)                                         \
	N_S(P_CONN, "address", conn.address, IDBM_K_LOOKUP)                    \
	N_I(P_CONN, "port", conn.port, IDBM_K_LOOKUP)                          \
	NC_E("startup", startup, O_STARTUP)                                    \
	NC_I("tcp.window_size", window_size)                                   \
	NC_I("tcp.type_of_service", tos)                                       \
	NC_I("timeo.logout_timeout", logout_timeout)                           \
	NC_I("timeo.login_timeout", login_timeout)                             \
	NC_I("timeo.auth_timeout", auth_timeout)                               \
	NC_I("timeo.noop_out_interval", noop_out_interval)                     \
	NC_I("timeo.noop_out_timeout", noop_out_timeout)                       \
	NC_I("iscsi.MaxXmitDataSegmentLength", max_xmit_dsl)                   \
	NC_I("iscsi.MaxRecvDataSegmentLength", max_recv_dsl)                   \
	NC_E("iscsi.HeaderDigest", header_digest, O_DIGEST)                    \
	NC_E("iscsi.DataDigest", data_digest, O_DIGEST)                        \
	NC_E("iscsi.IFMarker", ifmarker, O_BOOL)                               \
	NC_E("iscsi.OFMarker", ofmarker, O_BOOL)

/* ---- discovery ---- */
#define D(n, t, f, fl, o)  K(struct idbm_disc, P_DISC, n, t, fl, f, o)
#define DS(n, t, f, fl, o) K(struct idbm_disc, P_ST, n, t, fl, f, o)

#define DISC_ST                                                                \
	D("startup", IDBM_T_ENUM, startup, 0, O_DISC_STARTUP)                  \
	D("type", IDBM_T_ENUM, type, IDBM_K_LOOKUP, O_DISC_TYPE)               \
	DS("address", IDBM_T_STR, address, IDBM_K_LOOKUP, O_NONE)              \
	DS("port", IDBM_T_INT, port, IDBM_K_LOOKUP, O_NONE)                    \
	DS("auth.authmethod", IDBM_T_ENUM, auth.authmethod, 0, O_AUTH)         \
	DS("auth.username", IDBM_T_STR, auth.username, 0, O_NONE)              \
	DS("auth.password", IDBM_T_STR, auth.password, IDBM_K_MASK, O_NONE)    \
	DS("auth.password_length", IDBM_T_INT, auth.password_length,           \
	   IDBM_K_HIDE, O_NONE)                                                \
	DS("auth.username_in", IDBM_T_STR, auth.username_in, 0, O_NONE)        \
	DS("auth.password_in", IDBM_T_STR, auth.password_in, IDBM_K_MASK,      \
	   O_NONE)                                                             \
	DS("auth.password_in_length", IDBM_T_INT, auth.password_in_length,     \
	   IDBM_K_HIDE, O_NONE)                                                \
	K(struct idbm_disc, P_AUTH, "chap_algs", IDBM_T_ALGS, 0,               \
	  auth.chap_algs, O_NONE)                                              \
	DS("timeo.login_timeout", IDBM_T_INT, login_timeout, 0, O_NONE)        \
	DS("use_discoveryd", IDBM_T_ENUM, use_discoveryd, 0, O_BOOL)           \
	DS("discoveryd_poll_inval", IDBM_T_INT, poll_inval, 0, O_NONE)         \
	DS("reopen_max", IDBM_T_INT, reopen_max, 0, O_NONE)                    \
	DS("timeo.auth_timeout", IDBM_T_INT, auth_timeout, 0, O_NONE)          \
	DS("timeo.active_timeout", IDBM_T_INT, active_timeout, 0, O_NONE)      \
	DS("iscsi.MaxRecvDataSegmentLength", IDBM_T_INT, max_recv_dsl, 0,      \
	   O_NONE)

/* iSNS records reuse the sendtargets address/port key names. */
#define DISC_ISNS                                                              \
	D("startup", IDBM_T_ENUM, startup, 0, O_DISC_STARTUP)                  \
	D("type", IDBM_T_ENUM, type, IDBM_K_LOOKUP, O_DISC_TYPE)               \
	DS("address", IDBM_T_STR, address, IDBM_K_LOOKUP, O_NONE)              \
	DS("port", IDBM_T_INT, port, IDBM_K_LOOKUP, O_NONE)                    \
	D("isns.use_discoveryd", IDBM_T_ENUM, use_discoveryd, 0, O_BOOL)       \
	D("isns.discoveryd_poll_inval", IDBM_T_INT, poll_inval, 0, O_NONE)

#define K(T, p, n, t, fl, f, o) { t, fl, o, p, offsetof(T, f), FSZ(T, f) },
static const struct idbm_key iface_keys[] = { IFACE_KEYS };
static const struct idbm_key node_head[] = { NODE_HEAD };
static const struct idbm_key node_tail[] = { NODE_TAIL };
static const struct idbm_key disc_st[] = { DISC_ST };
static const struct idbm_key disc_isns[] = { DISC_ISNS };
#undef K

#define K(T, p, n, t, fl, f, o) n "\0"
static const char iface_names[] = IFACE_KEYS;
static const char node_head_names[] = NODE_HEAD;
static const char node_tail_names[] = NODE_TAIL;
static const char disc_st_names[] = DISC_ST;
static const char disc_isns_names[] = DISC_ISNS;
#undef K

#define NKEYS(t) (sizeof(t) / sizeof((t)[0]))
#define SEG(t, names, base, fl)                                                \
	((struct idbm_seg){ t, names, NKEYS(t), base, fl })

const char *idbm_key_prefix(const struct idbm_key *k)
{
	return key_prefixes[k->pfx];
}

const char *idbm_key_values(const struct idbm_key *k)
{
	return opt_values[k->opts];
}

size_t idbm_kind_segs(enum idbm_kind kind, const void *rec,
		      struct idbm_seg *segs)
{
	const struct idbm_disc *disc = rec;

	switch (kind) {
	case IDBM_KIND_NODE:
		segs[0] = SEG(node_head, node_head_names, 0, 0);
		segs[1] =
			SEG(iface_keys, iface_names,
			    offsetof(struct idbm_node, iface), IDBM_SEG_IFACE);
		segs[2] = SEG(node_tail, node_tail_names, 0, 0);
		return 3;
	case IDBM_KIND_IFACE:
		segs[0] = SEG(iface_keys, iface_names, 0, 0);
		return 1;
	case IDBM_KIND_DISC:
		if (disc->type == IDBM_DISC_ISNS)
			segs[0] = SEG(disc_isns, disc_isns_names, 0, 0);
		else
			segs[0] = SEG(disc_st, disc_st_names, 0, 0);
		return 1;
	}
	return 0;
}
