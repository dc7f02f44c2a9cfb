/* SPDX-License-Identifier: MIT */
/* iscsiadm_isnstree.c - the iSNS section of "iscsiadm -m discovery -P 1":
 * the node records found through each iSNS server, as open-iscsi 2.1.8
 * prints them.  Apart from iscsiadm_isns.c (the query) so that
 * iscsiadm_discoverydb.c, which prints the whole tree, and the query,
 * which saves through iscsiadm_discoverydb.c, never call each other. */
#include "applets/iscsiadm.h"
#include "core/idbm.h"
#include "core/idbm_db.h"
#include "core/num.h"
#include "core/portal.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* -m discovery -P 1, iSNS section: each discoverydb record (isns/IP,PORT,
 * directory order) with the nodes it found, then the nodes of plain
 * -m discovery runs (flat links, no record) without a heading. */
struct adm_isns_tree {
	const char *addr;	/* NULL: nodes of servers without a record */
	int port;
	int n;
	struct adm_print_prev prev;
};

static int adm_isns_tree_node(const struct idbm_loc *loc, void *arg)
{
	struct adm_isns_tree *t = arg;
	struct idbm_node *n = malloc(sizeof(*n));
	char dir[PATH_MAX];
	struct stat st;
	struct portal p;

	if (!n || adm_node_load(loc, n) || n->disc_type != IDBM_DISC_ISNS)
		goto out;
	if (t->addr ? (strcmp(n->disc_address, t->addr) ||
		       n->disc_port != t->port) :
		      ((size_t)snprintf(dir, sizeof(dir), "%s/isns/%s,%d",
					idbm_root(), n->disc_address,
					n->disc_port) >= sizeof(dir) ||
		       !stat(dir, &st)))
		goto out;
	snprintf(p.addr, sizeof(p.addr), "%s", loc->address);
	p.port = loc->port;
	p.tpgt = loc->tpgt;
	adm_disc_print_tree(&t->prev, loc->target, &p, n->iface.name);
	t->n++;
out:
	free(n);
	return 0;
}

int adm_isns_tree(void)
{
	struct adm_isns_tree t = { .addr = NULL };
	char dir[PATH_MAX], *comma, *end;
	struct dirent *e;
	DIR *dh;
	long port;
	int found = 0;

	snprintf(dir, sizeof(dir), "%s/isns", idbm_root());
	dh = opendir(dir);
	while (dh && (e = readdir(dh))) {
		comma = strrchr(e->d_name, ',');
		if (e->d_name[0] == '.' || !comma || strchr(e->d_name, ',') !=
							    comma)
			continue;	/* a flat link has four commas */
		port = num_strtol(comma + 1, &end, NULL);
		if (end == comma + 1 || *end)
			continue;
		printf("DiscoveryAddress: %s\n", e->d_name);
		*comma = '\0';
		t.addr = e->d_name;
		t.port = (int)port;
		t.prev.have = 0;
		idbm_node_foreach(idbm_root(), adm_isns_tree_node, &t);
		found++;
	}
	if (dh)
		closedir(dh);
	t.addr = NULL;
	t.prev.have = 0;
	idbm_node_foreach(idbm_root(), adm_isns_tree_node, &t);
	return found + t.n;
}
