/* SPDX-License-Identifier: MIT */
/* test_config.c - iscsid.conf overlay with Debian's shipped file and
 * initiatorname.iscsi parsing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/errors.h"
#include "core/fsutil.h"
#include "tap.h"

#define CONF "data/iscsid.conf.debian"

/* Debian's iscsid.conf over the built-in defaults differs from them in
 * exactly two keys (open-iscsi facts: a record made while iscsid runs has
 * login_timeout 15 and initial_login_retry_max 8). */
static void test_node_overlay(void)
{
	struct idbm_node n;
	char msg[512] = "";
	char *want = NULL, *got, *p;
	size_t wlen = 0, glen = 0;

	idbm_node_init(&n);
	strcpy(n.name, "iqn.2024-01.test.local:disk1");
	n.tpgt = 1;
	strcpy(n.conn.address, "127.0.0.1");
	CHECK_INT(config_apply_file(IDBM_KIND_NODE, &n, CONF, msg,
				    sizeof(msg)), 0);
	CHECK_STR(msg, "");
	CHECK_INT(n.conn.login_timeout, 15);
	CHECK_INT(n.session.initial_login_retry_max, 8);

	if (fs_read_file("data/node-default.dump", 1 << 16, &want, &wlen)) {
		CHECK(!"fixture");
		return;
	}
	p = strstr(want, "login_timeout = 30\n");
	CHECK(p != NULL);
	if (p)
		memcpy(p, "login_timeout = 15\n", 19);
	p = strstr(want, "initial_login_retry_max = 4\n");
	CHECK(p != NULL);
	if (p)
		p[strlen("initial_login_retry_max = ")] = '8';
	got = idbm_rec_format(IDBM_KIND_NODE, &n, IDBM_FMT_DUMP, &glen);
	CHECK(got != NULL);
	if (got)
		CHECK_MEM(got, glen, want, wlen);
	free(got);
	free(want);
}

static void test_disc_overlay(void)
{
	struct idbm_disc d;
	char msg[256] = "";
	const char *conf = "discovery.sendtargets.iscsi.MaxRecvDataSegmentLength"
			   " = 65536\n# discovery.sendtargets.reopen_max = 9\n"
			   "discovery.sendtargets.auth.authmethod = CHAP\n"
			   "iscsid.startup = /bin/true\n"
			   "node.session.cmds_max = 7\n";

	idbm_disc_init(&d, IDBM_DISC_SENDTARGETS);
	CHECK_INT(config_apply(IDBM_KIND_DISC, &d, conf, strlen(conf), "c",
			       msg, sizeof(msg)), 0);
	CHECK_STR(msg, "");
	CHECK_INT(d.max_recv_dsl, 65536);
	CHECK_INT(d.reopen_max, 5);
	CHECK_INT(d.auth.authmethod, IDBM_AUTH_CHAP);

	idbm_disc_init(&d, IDBM_DISC_SENDTARGETS);
	CHECK_INT(config_apply_file(IDBM_KIND_DISC, &d, CONF, msg,
				    sizeof(msg)), 0);
	CHECK_INT(d.max_recv_dsl, 32768);
	CHECK_INT(config_apply_file(IDBM_KIND_DISC, &d, "data/nonexistent",
				    msg, sizeof(msg)), ISCSI_ERR_IDBM);
	CHECK(strstr(msg, "data/nonexistent") != NULL);
}

static void test_get_string(void)
{
	char *text = NULL, out[128];
	size_t len = 0;

	if (fs_read_file(CONF, 1 << 20, &text, &len)) {
		CHECK(!"fixture");
		return;
	}
	CHECK_INT(config_get_string(text, len, "iscsid.startup", out,
				    sizeof(out)), 0);
	CHECK_STR(out, "/bin/systemctl start iscsid.socket");
	/* only commented out in Debian's file */
	CHECK_INT(config_get_string(text, len, "iscsid.safe_logout", out,
				    sizeof(out)), -ENOENT);
	CHECK_INT(config_get_string(text, len, "iscsid.startup", out, 8),
		  -ENOSPC);
	free(text);
}

static void test_initiatorname(void)
{
	struct config_initiator ini;
	char msg[256] = "";

	CHECK_INT(config_initiator_read("data/initiatorname-debian.iscsi",
					&ini, msg, sizeof(msg)), 0);
	CHECK_STR(ini.name, "iqn.1993-08.org.debian:01:f55b63123d");
	CHECK_STR(ini.alias, "");

	CHECK_INT(config_initiator_read("data/initiatorname-alias.iscsi",
					&ini, msg, sizeof(msg)), 0);
	CHECK_STR(ini.name, "iqn.2024-01.test.local:init0");
	CHECK_STR(ini.alias, "box one");
	CHECK_STR(msg, "");

	CHECK_INT(config_initiator_read("data/initiatorname-missing.iscsi",
					&ini, msg, sizeof(msg)),
		  ISCSI_ERR_IDBM);
	CHECK(strstr(msg, "InitiatorName= is required") != NULL);
	CHECK(strstr(msg, "initiatorname-missing.iscsi") != NULL);
	CHECK_STR(ini.name, "");

	msg[0] = '\0';
	CHECK_INT(config_initiator_read("data/no-such-file", &ini, msg,
					sizeof(msg)), ISCSI_ERR_IDBM);
	CHECK(strstr(msg, "data/no-such-file") != NULL);

	CHECK_INT(config_initiator_parse("InitiatorName=\n", 15, "x", &ini,
					 NULL, 0), ISCSI_ERR_IDBM);
}

/* discovery result -> node record: conf applied, identity and origin set,
 * and the file lands where Debian's iscsiadm puts it */
static void test_node_new(void)
{
	struct idbm_node n;
	struct idbm_disc d;
	struct idbm_iface i;
	char msg[256] = "";

	idbm_disc_init(&d, IDBM_DISC_SENDTARGETS);
	strcpy(d.address, "127.0.0.1");
	idbm_iface_init(&i, "t0");
	CHECK_INT(idbm_node_new(&n, CONF, "iqn.2024-01.test.local:disk1",
				"127.0.0.1", 3260, 1, &i, &d, msg,
				sizeof(msg)), 0);
	CHECK_INT(n.conn.login_timeout, 15);
	CHECK_INT(n.disc_type, IDBM_DISC_SENDTARGETS);
	CHECK_INT(n.disc_port, 3260);
	CHECK_STR(n.iface.name, "t0");
	CHECK_STR(n.conn.address, "127.0.0.1");
	CHECK_INT(idbm_node_new(&n, NULL, "iqn.x", "::1", 3261, -1, NULL,
				NULL, msg, sizeof(msg)), 0);
	CHECK_INT(n.conn.login_timeout, 30);
	CHECK_INT(n.disc_type, IDBM_DISC_STATIC);
	CHECK_STR(n.iface.name, "default");
	CHECK_INT(idbm_node_new(&n, "data/none", "iqn.x", "::1", 3261, -1,
				NULL, NULL, msg, sizeof(msg)), ISCSI_ERR_IDBM);
}

int main(void)
{
	test_node_new();
	test_node_overlay();
	test_disc_overlay();
	test_get_string();
	test_initiatorname();
	return tap_done();
}
