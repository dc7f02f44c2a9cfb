/* SPDX-License-Identifier: MIT */
/* iscsiadm.h - what the iscsiadm option parser hands to each mode. */
#ifndef ISCSIBOX_ISCSIADM_H
#define ISCSIBOX_ISCSIADM_H

#include "core/idbm.h"
#include "core/portal.h"

#include <stddef.h>

enum adm_mode {
	ADM_MODE_NONE = -1,
	ADM_MODE_DISCOVERY,
	ADM_MODE_DISCOVERYDB,
	ADM_MODE_NODE,
	ADM_MODE_SESSION,
	ADM_MODE_IFACE,
	ADM_MODE_FW,
	ADM_MODE_HOST,
};

/* -o operations: a bit mask, several -o combine (open-iscsi). */
#define ADM_OP_NEW 0x01
#define ADM_OP_DELETE 0x02
#define ADM_OP_UPDATE 0x04
#define ADM_OP_SHOW 0x08
#define ADM_OP_NONPERSISTENT 0x10
#define ADM_OP_APPLY 0x20
#define ADM_OP_APPLY_ALL 0x40
#define ADM_OP_LOGIN 0x80
#define ADM_OP_LOGOUT 0x100

enum adm_disc_type {
	ADM_DISC_NONE = -1,
	ADM_DISC_ST,
	ADM_DISC_ISNS,
	ADM_DISC_SLP,
	ADM_DISC_FW,
};

#define ADM_MAX_IFACES 64
#define ADM_MAX_PARAMS 64

struct adm_param {
	const char *name;
	const char *value;
};

struct adm_opts {
	enum adm_mode mode;
	int op;				/* ADM_OP_* mask, 0 = none given */
	enum adm_disc_type type;
	int type_given;
	const char *portal;		/* -p */
	const char *target;		/* -T */
	const char *ifaces[ADM_MAX_IFACES];	/* -I, in order */
	int n_ifaces;
	struct adm_param params[ADM_MAX_PARAMS];	/* -n/-v pairs */
	int n_params;
	int print_level;		/* -P, -1 if not given */
	int debug;
	int show_secrets;		/* -S */
	int login;			/* -l */
	int logout;			/* -u */
	int discover;			/* -D */
	int rescan;			/* -R */
	int stats;			/* -s */
	int no_wait;			/* -W */
	const char *login_all;		/* -L */
	const char *logout_all;		/* -U */
	const char *all_mode;		/* the last -L or -U value */
	const char *sid;		/* -r */
	const char *host;		/* -H */
	const char *submode;		/* -C */
	const char *kill;		/* -k */
	const char *ip;			/* -a */
	const char *packetsize;		/* -b */
	const char *count;		/* -c */
	const char *interval;		/* -i */
	const char *index;		/* -x */
	const char *portal_type;	/* -A */
};

/* iscsiadm_args.c: fill o from the command line (o is reset first).
 * -1 when a mode (or -k) is to run, *mode_given saying whether -m was
 * given; otherwise the exit code, its messages printed (errors, -V,
 * -h).  Acts on nothing else: safe to run on any argv. */
int adm_parse(int argc, char **argv, struct adm_opts *o, int *mode_given);

/* Modes; each returns the exit code and prints its own messages. */
int adm_discovery(const struct adm_opts *o);
struct idbm_disc;
/* -m discovery -t isns / -m discoverydb -t isns -D (iscsiadm_isns.c): d
 * names the iSNS server (type isns). */
int adm_isns(const struct adm_opts *o, const struct idbm_disc *d);
/* The iSNS section of "-m discovery -P 1"; returns how many entries. */
int adm_isns_tree(void);
/* -m fw and -m discovery -t fw (iscsiadm_fw.c). */
int adm_fw(const struct adm_opts *o);
/* iscsiadm_login.c: -m node -l/-L (with -T/-p/-I, -W) through iscsid;
 * -k N. */
int adm_login(const struct adm_opts *o);
/* iscsiadm_logout.c: -m node -u/-U (with -T/-p/-I) and -m session
 * [-r SID] -u, through iscsid. */
int adm_logout(const struct adm_opts *o);
struct st_list;
/* -m discovery ... -l: log in to the node records just discovered, l[k]
 * for iface ifs->v[k], or with ifs NULL l[0] for any iface. */
struct adm_disc_ifaces;
int adm_login_discovered(const struct adm_opts *o, const struct st_list *l,
			 const struct adm_disc_ifaces *ifs);
int adm_kill(const struct adm_opts *o);
struct idbm_node;
/* Log in to records that need not be on disk (-m fw -l); multiple: as
 * -m session -r SID --login (a further session to the same portal). */
int adm_login_records(const struct adm_opts *o, struct idbm_node *nodes,
		      int n, int multiple);
/* iscsiadm_node.c: -m node list/show/new/update/delete. */
int adm_node(const struct adm_opts *o);
/* -m node -I: warn when several are given, read the first; prints why it
 * cannot and returns ISCSI_ERR_NOMEM (open-iscsi's code) then. */
int adm_node_iface_check(const struct adm_opts *o);
/* iscsiadm_iface.c: -m iface list/show/new/update/delete. */
int adm_iface(const struct adm_opts *o);
/* iscsiadm_offload.c: what needs an offload host: -m host -C chap|
 * flashnode|stats, -m iface -o apply|applyall. */
int adm_host_submode(const struct adm_opts *o);
int adm_iface_apply(const struct adm_opts *o);
/* iscsiadm_ping.c: -m iface -I X -C ping -a IP [-b -c -i]. */
int adm_iface_ping(const struct adm_opts *o);
/* iscsiadm_discoverydb.c: -m discovery/discoverydb without a discovery
 * run (list, -P 1, discoverydb records), and saving what a run found. */
int adm_discoverydb(const struct adm_opts *o);
struct idbm_disc;
struct st_list;
/* -m discoverydb -t st|isns -p P [-o ...]: the record operation; d gets
 * the record (read, new or updated) for a following -D run. */
int adm_discdb_record(const struct adm_opts *o, struct idbm_disc *d);
/* Built-in defaults and iscsid.conf under d's type, address and port. */
int adm_disc_defaults(struct idbm_disc *d, char *msg, size_t msgsz);
/* iscsiadm_discif.c: the ifaces a discovery binds its records to (each
 * -I; without -I the stored ones, else default).  Unreadable -I are
 * dropped with open-iscsi's message; n may end up 0.  0 or
 * ISCSI_ERR_NOMEM; free with adm_disc_ifaces_free(). */
struct idbm_iface;
struct adm_disc_ifaces {
	struct idbm_iface *v;
	int n, cap;
};
int adm_disc_ifaces(const struct adm_opts *o, struct adm_disc_ifaces *out);
void adm_disc_ifaces_free(struct adm_disc_ifaces *s);
/* After a discovery run: create/update the node records found and delete
 * stale ones (same server, not in the answer its iface got), per -o
 * (none: all three); lists[k] is what iface ifs->v[k] was answered. */
int adm_disc_save(const struct adm_opts *o, const struct idbm_disc *d,
		  const struct st_list *lists,
		  const struct adm_disc_ifaces *ifs);
struct portal;
struct idbm_iface;
struct idbm_node;
/* A discovery's -P 1 tree, as open-iscsi prints it: "Target:" when the
 * name changes, "Portal:" when the target or the address and port change
 * (not the tpgt), "Iface Name:" for every record; prev starts zeroed. */
struct adm_print_prev {
	int have;
	char target[IDBM_TARGET_MAX];
	struct portal portal;
};
void adm_disc_print_tree(struct adm_print_prev *prev, const char *target,
			 const struct portal *q, const char *iface);
/* One node record found by discovery d: created, or rewritten when op
 * has ADM_OP_UPDATE (else a known record is left alone).  base: the
 * defaults with iscsid.conf applied, made once for many records (NULL:
 * read iscsid.conf for this one). */
int adm_disc_save_node(const struct idbm_disc *d, const char *target,
		       const struct portal *p, const struct idbm_iface *ifc,
		       int op, const struct idbm_node *base);

/* Helpers shared by the database modes (iscsiadm_node.c). */
struct idbm_iface;
struct idbm_node;
struct idbm_loc;
struct portal;
/* mkdir -p <db root>/sub (0700), as upstream does before using it. */
void adm_db_mkdir(const char *sub);
/* /etc/iscsi/iscsid.conf when readable, else NULL. */
const char *adm_conf_path(void);
/* Call cb for the stored ifaces (sorted by name, as upstream lists
 * them), then the built-ins default and iser; a non-zero cb return stops
 * the walk and is returned. */
struct idbm_iface;
int adm_iface_foreach(int (*cb)(const struct idbm_iface *, void *),
		      void *arg);
/* The built-in default/iser or the stored iface: 0, -ENOENT, -EIO. */
int adm_iface_get(const char *name, struct idbm_iface *iface);
/* Read the node record at loc (identity taken from its path); prints
 * why on failure and returns the ISCSI_ERR_*. */
int adm_node_load(const struct idbm_loc *loc, struct idbm_node *n);
/* One -P 1 tree entry; "Target:" only when it differs from prev. */
void adm_node_print_tree(const char *target, const char *prev_target,
			 const struct portal *p, const char *iface);

#endif
