/* SPDX-License-Identifier: MIT */
/* iscsiadm_sesstree.c - the session tree of "iscsiadm -m session -P 1..3"
 * and "-m host -P 2..4", worded and indented as open-iscsi 2.1.8 prints
 * it; the values are the ones the target and initiator negotiated
 * (RFC 7143 §13) as the kernel reports them in sysfs. */
#include "applets/iscsiadm_session.h"
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *adm_transport_name(const struct sysfs_host *h, int has_host)
{
	if (!has_host || !h->proc_name[0])
		return "<empty>";
	if (strncmp(h->proc_name, "iscsi_", 6) == 0)
		return h->proc_name + 6;
	return h->proc_name;
}

int adm_sess_load(const char *root, uint32_t sid, int query,
		  struct adm_sess *a)
{
	memset(a, 0, sizeof(*a));
	if (sysfs_session_read(root, sid, &a->s) < 0)
		return -ENOENT;
	if (!a->s.has_conn)
		return -ENOTCONN;
	a->has_host = a->s.has_host &&
		      sysfs_host_read(root, a->s.host_no, &a->host) == 0;
	if (query)
		adm_iscsid_session_state(sid, &a->st);
	return 0;
}

void adm_print_versions(const char *root)
{
	char v[64];

	if (sysfs_transport_version(root, v, sizeof(v)) == 0)
		printf("iSCSI Transport Class version %s\n", v);
	printf("version %s\n", ISCSIBOX_COMPAT_VERSION);
}

static void tp(int d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One line at depth d: tabs, then the text. */
static void tp(int d, const char *fmt, ...)
{
	va_list ap;

	while (d-- > 0)
		putchar('\t');
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* An address as open-iscsi shows it: IPv6 (no '.') in brackets. */
static const char *tp_addr(const char *a, char *buf, size_t n)
{
	if (strchr(a, '.'))
		return a;
	snprintf(buf, n, "[%s]", a);
	return buf;
}

static const char *tp_or(const char *s, const char *dflt)
{
	return s[0] ? s : dflt;
}

static void tp_banner(int d, const char *title, int stars)
{
	char line[32];

	memset(line, '*', (size_t)stars);
	line[stars] = '\0';
	tp(d, "%s", line);
	tp(d, "%s", title);
	tp(d, "%s", line);
}

static void tp_iface(const struct adm_sess *a, int d)
{
	const struct sysfs_host *h = &a->host;
	const char *ip = a->has_host ? tp_or(h->ipaddress, "default")
				     : "default";
	const char *tr = adm_transport_name(h, a->has_host);
	char name[SYSFS_SHORT_MAX * 2 + 32], buf[SYSFS_ADDR_MAX + 2];

	/* A host with its own hardware address names the iface after it,
	 * as offload ifaces are named: transport.hwaddress.ipvN.num. */
	if (a->has_host && h->hwaddress[0])
		snprintf(name, sizeof(name), "%s.%s.%s.0", tr, h->hwaddress,
			 strchr(h->ipaddress, ':') ? "ipv6" : "ipv4");
	else
		snprintf(name, sizeof(name), "%s",
			 tp_or(a->s.ifacename, "default"));
	tp_banner(d, "Interface:", 10);
	tp(d, "Iface Name: %s", name);
	tp(d, "Iface Transport: %s", tr);
	tp(d, "Iface Initiatorname: %s", tp_or(a->s.initiatorname, "<empty>"));
	tp(d, "Iface IPaddress: %s", tp_addr(ip, buf, sizeof(buf)));
	tp(d, "Iface HWaddress: %s",
	   a->has_host ? tp_or(h->hwaddress, "default") : "default");
	tp(d, "Iface Netdev: %s",
	   a->has_host ? tp_or(h->netdev, "default") : "default");
	tp(d, "SID: %u", a->s.sid);
	tp(d, "iSCSI Connection State: %s", a->st.conn);
	tp(d, "iSCSI Session State: %s", tp_or(a->s.state, "Unknown"));
	tp(d, "Internal iscsid Session State: %s", a->st.internal);
}

static void tp_tmo(int d, const char *label, int v)
{
	if (v < 0)
		tp(d, "%s: <empty>", label);
	else
		tp(d, "%s: %d", label, v);
}

static void tp_timeouts_chap(const struct adm_sess *a, unsigned fl, int d)
{
	const struct sysfs_session *s = &a->s;
	int clear = (fl & ADM_SP_SECRETS) != 0;

	if (fl & ADM_SP_TIMEOUTS) {
		tp_banner(d, "Timeouts:", 9);
		tp(d, "Recovery Timeout: %d", s->recovery_tmo);
		tp_tmo(d, "Target Reset Timeout", s->tgt_reset_tmo);
		tp_tmo(d, "LUN Reset Timeout", s->lu_reset_tmo);
		tp_tmo(d, "Abort Timeout", s->abort_tmo);
	}
	if (!(fl & ADM_SP_CHAP))
		return;
	tp_banner(d, "CHAP:", 5);
	tp(d, "username: %s", tp_or(s->username, "<empty>"));
	tp(d, "password: %s",
	   clear ? tp_or(s->password, "<empty>") : "********");
	tp(d, "username_in: %s", tp_or(s->username_in, "<empty>"));
	/* open-iscsi labels the clear-text incoming secret "password". */
	tp(d, "%s: %s", clear ? "password" : "password_in",
	   clear ? tp_or(s->password_in, "<empty>") : "********");
}

static void tp_num(int d, const char *label, int v)
{
	if (v >= 0)
		tp(d, "%s: %d", label, v);
}

static void tp_flag(int d, const char *label, int v, const char *yes,
		    const char *no)
{
	if (v >= 0)
		tp(d, "%s: %s", label, v ? yes : no);
}

static void tp_params(const struct adm_sess *a, int d)
{
	const struct sysfs_session *s = &a->s;

	tp_banner(d, "Negotiated iSCSI params:", 24);
	tp_flag(d, "HeaderDigest", s->conn.header_digest, "CRC32C", "None");
	tp_flag(d, "DataDigest", s->conn.data_digest, "CRC32C", "None");
	tp_num(d, "MaxRecvDataSegmentLength", s->conn.max_recv_dlength);
	tp_num(d, "MaxXmitDataSegmentLength", s->conn.max_xmit_dlength);
	tp_num(d, "FirstBurstLength", s->first_burst_len);
	tp_num(d, "MaxBurstLength", s->max_burst_len);
	tp_flag(d, "ImmediateData", s->immediate_data, "Yes", "No");
	tp_flag(d, "InitialR2T", s->initial_r2t, "Yes", "No");
	tp_num(d, "MaxOutstandingR2T", s->max_outstanding_r2t);
}

static void tp_disks(const char *root, const struct adm_sess *a,
		     unsigned fl, int d)
{
	struct sysfs_lun *luns = NULL;
	size_t n = 0, i;
	int target;

	tp_banner(d, "Attached SCSI devices:", 24);
	if (!a->s.has_host)
		return;
	if (fl & ADM_SP_HOSTLINE)
		tp(d, "Host Number: %u\tState: %s", a->s.host_no,
		   a->has_host ? tp_or(a->host.state, "Unknown") : "Unknown");
	if (sysfs_session_luns(root, &a->s, &luns, &n, &target) < 0)
		return;
	for (i = 0; i < n; i++) {
		tp(d, "scsi%u Channel %02u Id %u Lun: %u", luns[i].host,
		   luns[i].channel, luns[i].id, luns[i].lun);
		if (luns[i].disk[0])
			tp(d + 1, "Attached scsi disk %s\t\tState: %s",
			   luns[i].disk, tp_or(luns[i].state, "Unknown"));
	}
	free(luns);
}

static void tp_portals(const struct adm_sess *a, int d)
{
	const struct sysfs_conn *c = &a->s.conn;
	char b[SYSFS_ADDR_MAX + 2];

	tp(d, "Current Portal: %s:%d,%d", tp_addr(c->address, b, sizeof(b)),
	   c->port, a->s.tpgt);
	tp(d, "Persistent Portal: %s:%d,%d",
	   tp_addr(c->persistent_address, b, sizeof(b)), c->persistent_port,
	   a->s.tpgt);
}

void adm_sess_tree(const char *root, const struct adm_sess *v, size_t n,
		   unsigned flags, int indent)
{
	const struct adm_sess *prev = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct adm_sess *a = &v[i];
		int new_target = !prev ||
				 strcmp(prev->s.targetname, a->s.targetname);

		if (new_target)
			tp(indent, "Target: %s (%s)", a->s.targetname,
			   a->s.creator == -1 ? "flash" : "non-flash");
		if (new_target ||
		    strcmp(prev->s.conn.address, a->s.conn.address) ||
		    prev->s.conn.port != a->s.conn.port)
			tp_portals(a, indent + 1);
		else
			putchar('\n');
		prev = a;
		if (flags & ADM_SP_IFACE)
			tp_iface(a, indent + 2);
		tp_timeouts_chap(a, flags, indent + 2);
		if (flags & ADM_SP_PARAMS)
			tp_params(a, indent + 2);
		if (flags & ADM_SP_DISKS)
			tp_disks(root, a, flags, indent + 2);
	}
}
