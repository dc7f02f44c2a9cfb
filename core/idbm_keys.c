/* SPDX-License-Identifier: MIT */
/* idbm_keys.c - the key tables of node, iface and discovery records in
 * open-iscsi 2.1.8's print order: a pure table (the built-in defaults are
 * in idbm_node.c). */
#include "core/idbm_keys.h"

#include <stddef.h>

static const char *const opt_startup[] = { "manual", "automatic", "onboot",
					   NULL };
static const char *const opt_disc_startup[] = { "manual", "automatic", NULL };
static const char *const opt_bool[] = { "No", "Yes", NULL };
static const char *const opt_auth[] = { "None", "CHAP", NULL };
static const char *const opt_scan[] = { "manual", "auto", NULL };
static const char *const opt_digest[] = { "None", "CRC32C", "CRC32C,None",
					  "None,CRC32C", NULL };
/* indexed by enum idbm_disc_type */
static const char *const opt_node_disc[] = { "send_targets", "isns",
	"offload_send_targets", "slp", "static", "fw", NULL };
static const char *const opt_disc_type[] = { "sendtargets", "isns",
	"offload_send_targets", "slp", "static", "fw", NULL };

#define FSZ(T, f) sizeof(((T *)0)->f)
#define K(T, n, t, fl, f, o) { n, t, fl, offsetof(T, f), FSZ(T, f), o }

/* ---- iface ---- */
#define I_S(n, f, fl) K(struct idbm_iface, "iface." n, IDBM_T_STR, fl, f, NULL)
#define I_N(n, t, f, fl) K(struct idbm_iface, "iface." n, t, fl, f, NULL)

static const struct idbm_key iface_keys[] = {
	I_S("iscsi_ifacename", name, IDBM_K_NAME),
	I_S("net_ifacename", netdev, 0),
	I_S("ipaddress", ipaddress, 0),
	I_N("prefix_len", IDBM_T_U8, prefix_len, 0),
	I_S("hwaddress", hwaddress, 0),
	I_S("transport_name", transport_name, IDBM_K_NODE_RW),
	I_S("initiatorname", initiatorname, 0),
	I_S("state", state, 0),
	I_N("vlan_id", IDBM_T_U16, vlan_id, 0),
	I_N("vlan_priority", IDBM_T_U8, vlan_priority, 0),
	I_S("vlan_state", vlan_state, 0),
	I_N("iface_num", IDBM_T_INT, iface_num, 0),
	I_N("mtu", IDBM_T_U16, mtu, 0),
	I_N("port", IDBM_T_U16, port, 0),
	I_S("bootproto", bootproto, IDBM_K_V4),
	I_S("subnet_mask", subnet_mask, IDBM_K_V4),
	I_S("gateway", gateway, IDBM_K_V4),
	I_S("dhcp_alt_client_id_state", dhcp_alt_client_id_state, IDBM_K_V4),
	I_S("dhcp_alt_client_id", dhcp_alt_client_id, IDBM_K_V4),
	I_S("dhcp_dns", dhcp_dns, IDBM_K_V4),
	I_S("dhcp_learn_iqn", dhcp_learn_iqn, IDBM_K_V4),
	I_S("dhcp_req_vendor_id_state", dhcp_req_vendor_id_state, IDBM_K_V4),
	I_S("dhcp_vendor_id_state", dhcp_vendor_id_state, IDBM_K_V4),
	I_S("dhcp_vendor_id", dhcp_vendor_id, IDBM_K_V4),
	I_S("dhcp_slp_da", dhcp_slp_da, IDBM_K_V4),
	I_S("fragmentation", fragmentation, IDBM_K_V4),
	I_S("gratuitous_arp", gratuitous_arp, IDBM_K_V4),
	I_S("incoming_forwarding", incoming_forwarding, IDBM_K_V4),
	I_S("tos_state", tos_state, IDBM_K_V4),
	I_N("tos", IDBM_T_U8, tos, IDBM_K_V4),
	I_N("ttl", IDBM_T_U8, ttl, IDBM_K_V4),
	I_S("ipv6_autocfg", ipv6_autocfg, IDBM_K_V6),
	I_S("linklocal_autocfg", linklocal_autocfg, IDBM_K_V6),
	I_S("router_autocfg", router_autocfg, IDBM_K_V6),
	I_S("ipv6_linklocal", ipv6_linklocal, IDBM_K_V6),
	I_S("ipv6_router", ipv6_router, IDBM_K_V6),
	I_N("dup_addr_detect_cnt", IDBM_T_U8, dup_addr_detect_cnt, IDBM_K_V6),
	I_N("flow_label", IDBM_T_U32, flow_label, IDBM_K_V6),
	I_S("gratuitous_neighbor_adv", gratuitous_neighbor_adv, IDBM_K_V6),
	I_N("hop_limit", IDBM_T_U8, hop_limit, IDBM_K_V6),
	I_S("mld", mld, IDBM_K_V6),
	I_N("nd_reachable_tmo", IDBM_T_U32, nd_reachable_tmo, IDBM_K_V6),
	I_N("nd_rexmit_time", IDBM_T_U32, nd_rexmit_time, IDBM_K_V6),
	I_N("nd_stale_tmo", IDBM_T_U32, nd_stale_tmo, IDBM_K_V6),
	I_N("router_adv_link_mtu", IDBM_T_U32, router_adv_link_mtu, IDBM_K_V6),
	I_N("traffic_class", IDBM_T_U8, traffic_class, IDBM_K_V6),
	I_S("delayed_ack", delayed_ack, 0),
	I_S("tcp_nagle", tcp_nagle, 0),
	I_S("tcp_wsf_state", tcp_wsf_state, 0),
	I_N("tcp_wsf", IDBM_T_U8, tcp_wsf, 0),
	I_N("tcp_timer_scale", IDBM_T_U8, tcp_timer_scale, 0),
	I_S("tcp_timestamp", tcp_timestamp, 0),
	I_S("redirect", redirect, 0),
	I_N("def_task_mgmt_timeout", IDBM_T_U16, def_task_mgmt_timeout, 0),
	I_S("header_digest", header_digest, 0),
	I_S("data_digest", data_digest, 0),
	I_S("immediate_data", immediate_data, 0),
	I_S("initial_r2t", initial_r2t, 0),
	I_S("data_seq_inorder", data_seq_inorder, 0),
	I_S("data_pdu_inorder", data_pdu_inorder, 0),
	I_N("erl", IDBM_T_U8, erl, 0),
	I_N("max_receive_data_len", IDBM_T_U32, max_receive_data_len, 0),
	I_N("first_burst_len", IDBM_T_U32, first_burst_len, 0),
	I_N("max_outstanding_r2t", IDBM_T_U16, max_outstanding_r2t, 0),
	I_N("max_burst_len", IDBM_T_U32, max_burst_len, 0),
	I_S("chap_auth", chap_auth, 0),
	I_S("bidi_chap", bidi_chap, 0),
	I_S("strict_login_compliance", strict_login_compliance, 0),
	I_S("discovery_auth", discovery_auth, 0),
	I_S("discovery_logout", discovery_logout, 0),
};

/* ---- node ---- */
#define N_S(n, f, fl) K(struct idbm_node, "node." n, IDBM_T_STR, fl, f, NULL)
#define N_I(n, f, fl) K(struct idbm_node, "node." n, IDBM_T_INT, fl, f, NULL)
#define N_E(n, f, o, fl) K(struct idbm_node, "node." n, IDBM_T_ENUM, fl, f, o)
#define NS_I(n, f) N_I("session." n, session.f, 0)
#define NS_E(n, f, o) N_E("session." n, session.f, o, 0)
#define NC_I(n, f) N_I("conn[0]." n, conn.f, 0)
#define NC_E(n, f, o) N_E("conn[0]." n, conn.f, o, 0)
#define NA_S(n, f, fl) N_S("session.auth." n, session.auth.f, fl)

static const struct idbm_key node_head[] = {
	N_S("name", name, IDBM_K_LOOKUP),
	N_I("tpgt", tpgt, IDBM_K_LOOKUP),
	N_E("startup", startup, opt_startup, 0),
	N_E("leading_login", leading_login, opt_bool, 0),
};

static const struct idbm_key node_tail[] = {
	N_S("discovery_address", disc_address, IDBM_K_LOOKUP),
	N_I("discovery_port", disc_port, IDBM_K_LOOKUP),
	N_E("discovery_type", disc_type, opt_node_disc, IDBM_K_LOOKUP),
	NS_I("initial_cmdsn", initial_cmdsn),
	NS_I("initial_login_retry_max", initial_login_retry_max),
	NS_I("xmit_thread_priority", xmit_thread_priority),
	NS_I("cmds_max", cmds_max),
	NS_I("queue_depth", queue_depth),
	NS_I("nr_sessions", nr_sessions),
	NS_E("auth.authmethod", auth.authmethod, opt_auth),
	NA_S("username", username, 0),
	NA_S("password", password, IDBM_K_MASK),
	N_I("session.auth.password_length", session.auth.password_length,
	    IDBM_K_HIDE),
	NA_S("username_in", username_in, 0),
	NA_S("password_in", password_in, IDBM_K_MASK),
	N_I("session.auth.password_in_length",
	    session.auth.password_in_length, IDBM_K_HIDE),
	K(struct idbm_node, "node.session.auth.chap_algs", IDBM_T_ALGS, 0,
	  session.auth.chap_algs, NULL),
	NS_I("timeo.replacement_timeout", replacement_timeout),
	NS_I("err_timeo.abort_timeout", abort_timeout),
	NS_I("err_timeo.lu_reset_timeout", lu_reset_timeout),
	NS_I("err_timeo.tgt_reset_timeout", tgt_reset_timeout),
	NS_I("err_timeo.host_reset_timeout", host_reset_timeout),
	NS_E("iscsi.FastAbort", fast_abort, opt_bool),
	NS_E("iscsi.InitialR2T", initial_r2t, opt_bool),
	NS_E("iscsi.ImmediateData", immediate_data, opt_bool),
	NS_I("iscsi.FirstBurstLength", first_burst),
	NS_I("iscsi.MaxBurstLength", max_burst),
	NS_I("iscsi.DefaultTime2Retain", time2retain),
	NS_I("iscsi.DefaultTime2Wait", time2wait),
	NS_I("iscsi.MaxConnections", max_connections),
	NS_I("iscsi.MaxOutstandingR2T", max_r2t),
	NS_I("iscsi.ERL", erl),
	NS_E("scan", scan, opt_scan),
	NS_I("reopen_max", reopen_max),
	N_S("conn[0].address", conn.address, IDBM_K_LOOKUP),
	N_I("conn[0].port", conn.port, IDBM_K_LOOKUP),
	NC_E("startup", startup, opt_startup),
	NC_I("tcp.window_size", window_size),
	NC_I("tcp.type_of_service", tos),
	NC_I("timeo.logout_timeout", logout_timeout),
	NC_I("timeo.login_timeout", login_timeout),
	NC_I("timeo.auth_timeout", auth_timeout),
	NC_I("timeo.noop_out_interval", noop_out_interval),
	NC_I("timeo.noop_out_timeout", noop_out_timeout),
	NC_I("iscsi.MaxXmitDataSegmentLength", max_xmit_dsl),
	NC_I("iscsi.MaxRecvDataSegmentLength", max_recv_dsl),
	NC_E("iscsi.HeaderDigest", header_digest, opt_digest),
	NC_E("iscsi.DataDigest", data_digest, opt_digest),
	NC_E("iscsi.IFMarker", ifmarker, opt_bool),
	NC_E("iscsi.OFMarker", ofmarker, opt_bool),
};

/* ---- discovery ---- */
#define D(n, t, f, fl, o) K(struct idbm_disc, "discovery." n, t, fl, f, o)
#define DS(n, t, f, fl, o) D("sendtargets." n, t, f, fl, o)

static const struct idbm_key disc_st[] = {
	D("startup", IDBM_T_ENUM, startup, 0, opt_disc_startup),
	D("type", IDBM_T_ENUM, type, IDBM_K_LOOKUP, opt_disc_type),
	DS("address", IDBM_T_STR, address, IDBM_K_LOOKUP, NULL),
	DS("port", IDBM_T_INT, port, IDBM_K_LOOKUP, NULL),
	DS("auth.authmethod", IDBM_T_ENUM, auth.authmethod, 0, opt_auth),
	DS("auth.username", IDBM_T_STR, auth.username, 0, NULL),
	DS("auth.password", IDBM_T_STR, auth.password, IDBM_K_MASK, NULL),
	DS("auth.password_length", IDBM_T_INT, auth.password_length,
	   IDBM_K_HIDE, NULL),
	DS("auth.username_in", IDBM_T_STR, auth.username_in, 0, NULL),
	DS("auth.password_in", IDBM_T_STR, auth.password_in, IDBM_K_MASK,
	   NULL),
	DS("auth.password_in_length", IDBM_T_INT, auth.password_in_length,
	   IDBM_K_HIDE, NULL),
	K(struct idbm_disc, "node.session.auth.chap_algs", IDBM_T_ALGS, 0,
	  auth.chap_algs, NULL),
	DS("timeo.login_timeout", IDBM_T_INT, login_timeout, 0, NULL),
	DS("use_discoveryd", IDBM_T_ENUM, use_discoveryd, 0, opt_bool),
	DS("discoveryd_poll_inval", IDBM_T_INT, poll_inval, 0, NULL),
	DS("reopen_max", IDBM_T_INT, reopen_max, 0, NULL),
	DS("timeo.auth_timeout", IDBM_T_INT, auth_timeout, 0, NULL),
	DS("timeo.active_timeout", IDBM_T_INT, active_timeout, 0, NULL),
	DS("iscsi.MaxRecvDataSegmentLength", IDBM_T_INT, max_recv_dsl, 0,
	   NULL),
};

/* iSNS records reuse the sendtargets address/port key names. */
static const struct idbm_key disc_isns[] = {
	D("startup", IDBM_T_ENUM, startup, 0, opt_disc_startup),
	D("type", IDBM_T_ENUM, type, IDBM_K_LOOKUP, opt_disc_type),
	DS("address", IDBM_T_STR, address, IDBM_K_LOOKUP, NULL),
	DS("port", IDBM_T_INT, port, IDBM_K_LOOKUP, NULL),
	D("isns.use_discoveryd", IDBM_T_ENUM, use_discoveryd, 0, opt_bool),
	D("isns.discoveryd_poll_inval", IDBM_T_INT, poll_inval, 0, NULL),
};

#define NKEYS(t) (sizeof(t) / sizeof((t)[0]))

size_t idbm_kind_segs(enum idbm_kind kind, const void *rec,
		      struct idbm_seg *segs)
{
	const struct idbm_disc *disc = rec;

	switch (kind) {
	case IDBM_KIND_NODE:
		segs[0] = (struct idbm_seg){ node_head, NKEYS(node_head), 0, 0 };
		segs[1] = (struct idbm_seg){ iface_keys, NKEYS(iface_keys),
			offsetof(struct idbm_node, iface), IDBM_SEG_IFACE };
		segs[2] = (struct idbm_seg){ node_tail, NKEYS(node_tail), 0, 0 };
		return 3;
	case IDBM_KIND_IFACE:
		segs[0] = (struct idbm_seg){ iface_keys, NKEYS(iface_keys), 0,
					     0 };
		return 1;
	case IDBM_KIND_DISC:
		if (disc->type == IDBM_DISC_ISNS)
			segs[0] = (struct idbm_seg){ disc_isns,
						     NKEYS(disc_isns), 0, 0 };
		else
			segs[0] = (struct idbm_seg){ disc_st, NKEYS(disc_st),
						     0, 0 };
		return 1;
	}
	return 0;
}
