/* SPDX-License-Identifier: MIT */
/* fwboot.c - open-iscsi 2.1.8's view of a boot firmware table (fwboot.h):
 * target/NIC selection as fwparam_sysfs does it, the printed record, and
 * the node record of a firmware target. */
#include "core/fwboot.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* fill_nic_context: any non-zero flags will do (some firmware sets only
 * "boot selected", not "valid"), a MAC is required, and a NIC that has a
 * PCI device must also have a netdev. */
static int nic_usable(const struct ibft_nic *n)
{
	return n->flags > 0 && n->mac[0] && !n->ifname_missing;
}

/* fill_tgt_context: flags, name and address must be there. */
static int tgt_usable(const struct ibft_tgt *g)
{
	return g->flags > 0 && g->name[0] && g->ip[0];
}

int fwboot_targets(const struct ibft *t, struct fw_entry *out, int max,
		   char *msg, size_t msgsz)
{
	size_t ml = msg && msgsz ? strlen(msg) : 0;
	int i, j, n = 0;

	if (!t->ini.present)
		return 0;
	for (i = 0; i < t->n_tgts && n < max; i++) {
		const struct ibft_tgt *g = &t->tgts[i];

		if (!tgt_usable(g) || g->nic_assoc < 0)
			continue;
		for (j = 0; j < t->n_nics; j++)
			if (t->nics[j].index == g->nic_assoc)
				break;
		if (j == t->n_nics) {
			if (msg && ml < msgsz)
				ml += (size_t)snprintf(msg + ml, msgsz - ml,
					"Invalid nic-assoc of %d. Max id %d.\n",
					g->nic_assoc, t->n_nics);
			continue;
		}
		if (!nic_usable(&t->nics[j]))
			continue;
		out[n].ini = &t->ini;
		out[n].nic = &t->nics[j];
		out[n].tgt = g;
		out[n].subsys = t->subsys;
		n++;
	}
	return n;
}

int fwboot_boot_entry(const struct ibft *t, struct fw_entry *e)
{
	int i, nic = -1, tgt = -1;

	if (!t->ini.present)
		return -ENOENT;
	for (i = 0; i < t->n_nics && nic < 0; i++)
		if (t->nics[i].flags > 0 && (t->nics[i].flags & IBFT_FL_BOOT))
			nic = i;
	for (i = 0; i < t->n_tgts && tgt < 0; i++)
		if (t->tgts[i].flags > 0 && (t->tgts[i].flags & IBFT_FL_BOOT))
			tgt = i;
	if (nic < 0 || tgt < 0 || !nic_usable(&t->nics[nic]) ||
	    !tgt_usable(&t->tgts[tgt]))
		return -ENOENT;
	e->ini = &t->ini;
	e->nic = &t->nics[nic];
	e->tgt = &t->tgts[tgt];
	e->subsys = t->subsys;
	return 0;
}

int fwboot_is_dhcp(const struct ibft_nic *nic)
{
	return nic->origin == IBFT_ORIGIN_DHCP ||
	       (nic->dhcp[0] && strcmp(nic->dhcp, "0.0.0.0"));
}

struct out {
	char *buf;
	size_t n, len;
	int full;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (o->full)
		return;
	va_start(ap, fmt);
	r = vsnprintf(o->buf + o->len, o->n - o->len, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r >= o->n - o->len)
		o->full = 1;
	else
		o->len += (size_t)r;
}

/* Only the keys that have a value, in open-iscsi's order: initiator,
 * network, target. */
static void opt(struct out *o, const char *key, const char *val)
{
	if (val[0])
		put(o, "%s = %s\n", key, val);
}

int fwboot_format(const struct fw_entry *e, char *buf, size_t n)
{
	const struct ibft_nic *nic = e->nic;
	const struct ibft_tgt *g = e->tgt;
	struct out o = { buf, n, 0, 0 };

	put(&o, "# BEGIN RECORD " ISCSIBOX_COMPAT_VERSION "\n");
	opt(&o, "iface.initiatorname", e->ini->name);
	opt(&o, "iface.isid", e->ini->isid);
	put(&o, "iface.transport_name = tcp\n");
	opt(&o, "iface.hwaddress", nic->mac);
	put(&o, "iface.bootproto = %s\n",
	    fwboot_is_dhcp(nic) ? "DHCP" : "STATIC");
	opt(&o, "iface.ipaddress", nic->ip);
	if (nic->prefix)
		put(&o, "iface.prefix_len = %d\n", nic->prefix);
	opt(&o, "iface.subnet_mask", nic->mask);
	opt(&o, "iface.gateway", nic->gateway);
	opt(&o, "iface.primary_dns", nic->dns1);
	opt(&o, "iface.secondary_dns", nic->dns2);
	opt(&o, "iface.vlan_id", nic->vlan);
	opt(&o, "iface.net_ifacename", nic->ifname);
	opt(&o, "node.name", g->name);
	opt(&o, "node.conn[0].address", g->ip);
	put(&o, "node.conn[0].port = %d\n", g->port < 0 ? 3260 : g->port);
	opt(&o, "node.session.auth.username", g->chap_name);
	opt(&o, "node.session.auth.password", g->chap_secret);
	opt(&o, "node.session.auth.username_in", g->rchap_name);
	opt(&o, "node.session.auth.password_in", g->rchap_secret);
	opt(&o, "node.boot_lun", g->lun);
	put(&o, "# END RECORD\n");
	return o.full ? -ENOSPC : (int)o.len;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

void fwboot_node(const struct fw_entry *e, struct idbm_node *node)
{
	struct idbm_auth_rec *a = &node->session.auth;
	const struct ibft_tgt *g = e->tgt;

	copy(node->name, sizeof(node->name), g->name);
	copy(node->conn.address, sizeof(node->conn.address), g->ip);
	node->conn.port = g->port < 0 ? 3260 : g->port;
	node->tpgt = 1;
	node->disc_type = IDBM_DISC_FW;
	if (e->ini->name[0])
		copy(node->iface.initiatorname,
		     sizeof(node->iface.initiatorname), e->ini->name);
	if (g->chap_name[0]) {
		copy(a->username, sizeof(a->username), g->chap_name);
		copy(a->password, sizeof(a->password), g->chap_secret);
		a->password_length = (int)strlen(a->password);
	}
	if (g->rchap_name[0]) {
		copy(a->username_in, sizeof(a->username_in), g->rchap_name);
		copy(a->password_in, sizeof(a->password_in), g->rchap_secret);
		a->password_in_length = (int)strlen(a->password_in);
	}
}
