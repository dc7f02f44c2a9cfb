/* SPDX-License-Identifier: MIT */
/* idbm_db.h - the on-disk layout of open-iscsi's database (Debian: root
 * /etc/iscsi) and record file I/O:
 *   nodes/<target>/<ip>,<port>,<tpgt>/<iface>   node record per iface
 *   nodes/<target>/<ip>,<port>                  legacy record, tpgt -1
 *   send_targets/<ip>,<port>/st_config          SendTargets record
 *   isns/<ip>,<port>/isns_config                iSNS record
 *   send_targets|isns/<ip>,<port>/<target>,<ip>,<port>,<tpgt>,<iface>
 *   static/<target>,<ip>,<port>,<tpgt>,<iface>  \ absolute symlinks to the
 *   fw/<target>,<ip>,<port>,<tpgt>,<iface>      / node's portal directory
 *   ifaces/<name>                               iface record
 * IPv6 addresses appear raw (no brackets).  Directories are made 0700,
 * files 0600, and files are replaced atomically (fsutil.h).
 *
 * Path builders return 0, -EINVAL when a name would escape its directory
 * (empty, ".", "..", contains '/'), or -ENAMETOOLONG.  Record functions
 * return 0 or ISCSI_ERR_* with a message in msg (see idbm.h). */
#ifndef ISCSIBOX_IDBM_DB_H
#define ISCSIBOX_IDBM_DB_H

#include <limits.h>
#include <stddef.h>

#include "core/idbm.h"

#define IDBM_ROOT_DEFAULT "/etc/iscsi"
#define IDBM_RECORD_MAX (64 * 1024)	/* larger record files are corrupt */
#define IDBM_ROOT_ENV "ISCSI_DB_ROOT"

/* The database root the tools use: $ISCSI_DB_ROOT when it is set to an
 * absolute path (e.g. /var/lib/iscsi, the layout of distributions other
 * than Debian, or a test directory), else IDBM_ROOT_DEFAULT.  iscsid.conf
 * and initiatorname.iscsi stay in /etc/iscsi either way. */
const char *idbm_root(void);

int idbm_path_portal_dir(char *out, size_t outsz, const char *root,
			 const char *target, const char *addr, int port,
			 int tpgt);
/* The node file: <portal dir>/<iface>, or the legacy file when tpgt < 0. */
int idbm_path_node(char *out, size_t outsz, const char *root,
		   const struct idbm_node *node);
int idbm_path_iface(char *out, size_t outsz, const char *root,
		    const char *name);
/* st_config or isns_config of a discovery record. */
int idbm_path_disc(char *out, size_t outsz, const char *root,
		   const struct idbm_disc *disc);
/* Where the node's discovery link lives (static/, fw/, send_targets/..,
 * isns/SERVER,PORT/.. or, without that directory, isns/..); -ENOENT for
 * discovery types that have none. */
int idbm_path_disc_link(char *out, size_t outsz, const char *root,
			const struct idbm_node *node);

/* Read a record file onto built-in defaults. */
int idbm_node_read(const char *path, struct idbm_node *node, char *msg,
		   size_t msgsz);
int idbm_iface_read(const char *path, struct idbm_iface *iface, char *msg,
		    size_t msgsz);
int idbm_disc_read(const char *path, enum idbm_disc_type type,
		   struct idbm_disc *disc, char *msg, size_t msgsz);

/* Write a record (and for nodes with a tpgt, the discovery link). */
int idbm_node_write(const char *root, const struct idbm_node *node,
		    char *msg, size_t msgsz);
/* idbm_node_write of a record found again by discovery: when the record
 * on disk is linked from another discovery record (the same portal
 * reached through another address), that link goes, as open-iscsi moves
 * it to the discovery record that found it last. */
int idbm_node_write_relink(const char *root, const struct idbm_node *node,
			   char *msg, size_t msgsz);
/* Replace an existing node record file (an update): no directory and no
 * discovery link is made. */
int idbm_node_rewrite(const char *root, const struct idbm_node *node,
		      char *msg, size_t msgsz);
int idbm_iface_write(const char *root, const struct idbm_iface *iface,
		     char *msg, size_t msgsz);
int idbm_disc_write(const char *root, const struct idbm_disc *disc,
		    char *msg, size_t msgsz);

/* Remove a node file, its discovery link, and directories left empty. */
int idbm_node_delete(const char *root, const struct idbm_node *node,
		     char *msg, size_t msgsz);

struct idbm_loc;
/* The record at loc without a full parse: built-in defaults, the
 * identity its path gives, and the keys that say which discovery made it
 * (node.discovery_address/port/type), a legacy file's too: it has no
 * discovery link, but -m discovery -P 1 lists it under its server. */
int idbm_node_peek(const struct idbm_loc *loc, struct idbm_node *n,
		   char *msg, size_t msgsz);
/* idbm_node_delete of the record at loc, read as idbm_node_peek does:
 * the read cannot be skipped, as the link that goes is the one in the
 * place the record's discovery keys name (open-iscsi keeps a link found
 * elsewhere), and no name on disk says which. */
int idbm_node_delete_loc(const char *root, const struct idbm_loc *loc,
			 char *msg, size_t msgsz);

/* A node record's place, decoded from its path. */
struct idbm_loc {
	char target[IDBM_TARGET_MAX];
	char address[IDBM_ADDR_MAX];
	int port;
	int tpgt;			/* -1 for a legacy file */
	char iface[IDBM_IFACE_NAME_MAX];	/* "" for a legacy file */
	char path[PATH_MAX];
};

/* Call cb for every node record under root/nodes in open-iscsi's order
 * (alphasort of target, then portal, then iface names).  Entries whose
 * names do not decode are skipped.  A non-zero cb return stops the walk
 * and is returned.  No nodes directory: 0 and no calls. */
int idbm_node_foreach(const char *root,
		      int (*cb)(const struct idbm_loc *loc, void *arg),
		      void *arg);

/* Call cb with the name of every file in root/ifaces, sorted as
 * open-iscsi lists them (alphasort); temp files are skipped.  A non-zero
 * cb return stops the walk and is returned.  No directory: 0. */
int idbm_iface_foreach(const char *root,
		       int (*cb)(const char *name, void *arg), void *arg);

/* What a command selects (-T, -p, -I).  NULL/0 fields select all. */
#define IDBM_SEL_ANY (-2)		/* tpgt: any */
struct idbm_sel {
	const char *target;		/* -T */
	const char *addr;		/* -p address; with port and tpgt */
	int port;
	int tpgt;			/* IDBM_SEL_ANY or the tpgt to match */
	const char *const *ifaces;	/* -I names, n_ifaces of them */
	int n_ifaces;
	/* The iface a legacy file (which names none) is matched as; NULL:
	 * legacy files pass -I and the caller checks the record's own. */
	const char *legacy_iface;
	int sweep;	/* remove stale temp files met (lock held) */
	int dir_order;	/* the order the file system gives (open-iscsi's
			 * for logins), not alphasort */
};

/* Does sel select a record (or a session) with these fields?  iface NULL
 * stands for a legacy record, which names none. */
int idbm_sel_match(const struct idbm_sel *sel, const char *target,
		   const char *addr, int port, int tpgt, const char *iface);

/* idbm_node_foreach over the records sel selects (NULL: all).  With a
 * target only nodes/<target> is read, not the whole tree. */
int idbm_node_select(const char *root, const struct idbm_sel *sel,
		     int (*cb)(const struct idbm_loc *loc, void *arg),
		     void *arg);

/* Read the node record at loc onto built-in defaults; its identity
 * (target, portal, tpgt, iface) is the one its path gives, as open-iscsi
 * looks records up. */
int idbm_node_load(const struct idbm_loc *loc, struct idbm_node *node,
		   char *msg, size_t msgsz);

/* Discovery records and their links (idbm_disc.c), in directory order
 * as open-iscsi reads them.  The walks return the sum of cb's returns. */
/* "<target>,<ip>,<port>,<tpgt>,<iface>" -> loc (no path): 0 or -EINVAL. */
int idbm_link_decode(const char *name, struct idbm_loc *loc);
/* Each record of type under root: d has built-in defaults, the address
 * and port its directory name gives; dir is that directory. */
int idbm_disc_foreach(const char *root, enum idbm_disc_type type,
		      int (*cb)(const struct idbm_disc *d, const char *dir,
				void *arg),
		      void *arg);
/* Each link in a discovery record's directory, decoded; name is the
 * link's file name. */
int idbm_disc_links(const char *dir,
		    int (*cb)(const struct idbm_loc *loc, const char *name,
			      void *arg),
		    void *arg);
/* The directory of a discovery record (where its links are). */
int idbm_disc_dir(char *out, size_t outsz, const char *root,
		  const struct idbm_disc *disc);
/* Delete the node record at `at` (target, portal, tpgt, iface; path
 * ignored) as idbm_node_delete does.  ISCSI_ERR_IDBM when there is none. */
int idbm_node_delete_at(const char *root, const struct idbm_loc *at,
			char *msg, size_t msgsz);

/* -o update of many records by line edits (idbm_edit.c).  new -> caller
 * owns, idbm_edit_delete(NULL) is a no-op.  idbm_edit_add: 0, or -EAGAIN
 * when key `name` cannot be set by replacing its line (see idbm_rec_line:
 * then update whole records), -ENOMEM; name and value are lent for the
 * edit's life.  idbm_edit_file: 0 (*changed says whether the file was
 * replaced: a record whose text stays is not written), -EAGAIN when this
 * record has a key's line missing or repeated (update it whole), or the
 * read/write -errno. */
struct idbm_edit;
struct idbm_edit *idbm_edit_new(enum idbm_kind kind);
void idbm_edit_delete(struct idbm_edit *e);
int idbm_edit_add(struct idbm_edit *e, const char *name, const char *value);
int idbm_edit_file(struct idbm_edit *e, const char *path, int *changed);

/* open-iscsi's DB lock: <dir>/lock (0666) hard-linked to <dir>/lock.write,
 * retried every 10 ms up to `tries` times (open-iscsi: 3000 = 30 s).
 * Nested acquire/release pairs on the same object are counted. */
#define IDBM_LOCK_DIR "/run/lock/iscsi"
#define IDBM_LOCK_TRIES 3000

struct idbm_lock {
	char dir[PATH_MAX - 16];
	int depth;
};

int idbm_lock_acquire(struct idbm_lock *lk, const char *dir, int tries,
		      char *msg, size_t msgsz);
void idbm_lock_release(struct idbm_lock *lk);

#endif
