/* SPDX-License-Identifier: MIT */
/* iscsistart.h - what the iscsistart applet's parts share: the parsed
 * options, the record builder and the one login path (iscsistart_login.c),
 * the firmware modes -f/-b/-N (iscsistart_fw.c) and --cmdline
 * (iscsistart_cmdline.c).  iscsistart.c parses and dispatches; the modes
 * call only the login path, never back into iscsistart.c. */
#ifndef ISCSIBOX_ISCSISTART_H
#define ISCSIBOX_ISCSISTART_H

#define START_MAX_PARAMS 64

struct start_opts {
	const char *config;
	const char *iname;
	const char *target;
	const char *address;
	long tpgt;
	long port;
	const char *user, *pass, *user_in, *pass_in;
	const char *params[START_MAX_PARAMS];
	int n_params;
	int fw_connect, fw_network, fw_print;
	const char *cmdline;	/* --cmdline[=FILE]: targets from FILE */
};

struct idbm_node;
/* Built-in defaults, the config file, iscsistart's overrides, the
 * options, then -P.  0 or ISCSI_ERR_*. */
int start_build_node(const struct start_opts *o, struct idbm_node *node);
/* Log in to node and leave the session to the kernel; prints open-iscsi's
 * lines.  0 or the exit code (1 for any login failure). */
int start_login(const struct idbm_node *node);
/* start_build_node then start_login: the record of o, logged in to. */
int start_login_opts(const struct start_opts *o);
/* -f, -b, -N. */
int start_fw(const struct start_opts *o);
/* --cmdline: targets from the kernel command line (iscsistart_cmdline.c). */
int start_cmdline(const struct start_opts *o);

#endif
