/* SPDX-License-Identifier: MIT */
/* test_idbm_format.c - node/iface/discovery records against files and
 * dumps produced by Debian's iscsiadm 2.1.8 (data/make-fixtures.sh):
 * default record, parse -> write byte identity, masking, key groups,
 * set-by-name messages and open-iscsi's number conversions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/fsutil.h"
#include "core/idbm.h"
#include "tap.h"

static char *load(const char *name, size_t *len)
{
	char path[256];
	char *text = NULL;

	snprintf(path, sizeof(path), "data/%s", name);
	if (fs_read_file(path, 1 << 20, &text, len)) {
		CHECK(!"fixture missing");
		return NULL;
	}
	return text;
}

/* format rec (flags) and compare with a fixture byte for byte */
static void check_fmt(enum idbm_kind kind, const void *rec, unsigned flags,
		      const char *fixture)
{
	size_t want_len = 0, got_len = 0;
	char *want = load(fixture, &want_len);
	char *got = idbm_rec_format(kind, rec, flags, &got_len);

	if (want && got)
		CHECK_MEM(got, got_len, want, want_len);
	if (want && got && (got_len != want_len ||
			    memcmp(got, want, got_len)))
		printf("# %s differs:\n%s", fixture, got);
	free(want);
	free(got);
}

static int parse_fixture(enum idbm_kind kind, void *rec, const char *name)
{
	char msg[512] = "";
	size_t len = 0;
	char *text = load(name, &len);
	int rc = text ? idbm_rec_parse(kind, rec, text, len, name, 0, msg,
				       sizeof(msg)) : -1;

	CHECK_STR(msg, "");
	free(text);
	return rc;
}

static void test_default_node(void)
{
	struct idbm_node n;

	idbm_node_init(&n);
	strcpy(n.name, "iqn.2024-01.test.local:disk1");
	n.tpgt = 1;
	strcpy(n.conn.address, "127.0.0.1");
	check_fmt(IDBM_KIND_NODE, &n, IDBM_FMT_DUMP, "node-default.dump");
	check_fmt(IDBM_KIND_NODE, &n, 0, "node-default.rec");
}

static void test_roundtrip(void)
{
	static const char *const nodes[] = { "node-default.rec",
		"node-chap.rec", "node-legacy.rec", "node-ipv6.rec" };
	struct idbm_node n;
	struct idbm_iface i;
	struct idbm_disc d;

	for (size_t k = 0; k < sizeof(nodes) / sizeof(nodes[0]); k++) {
		idbm_node_init(&n);
		CHECK_INT(parse_fixture(IDBM_KIND_NODE, &n, nodes[k]), 0);
		check_fmt(IDBM_KIND_NODE, &n, 0, nodes[k]);
	}
	idbm_node_init(&n);
	parse_fixture(IDBM_KIND_NODE, &n, "node-chap.rec");
	check_fmt(IDBM_KIND_NODE, &n, IDBM_FMT_DUMP, "node-chap.dump");
	check_fmt(IDBM_KIND_NODE, &n, IDBM_FMT_DUMP | IDBM_FMT_SECRETS,
		  "node-chap-S.dump");
	CHECK_INT(n.session.auth.authmethod, IDBM_AUTH_CHAP);
	CHECK_INT(n.session.auth.chap_algs[0], 8);
	CHECK_INT(n.session.auth.chap_algs[3], 5);
	CHECK_INT(n.conn.header_digest, IDBM_DIGEST_CRC32C_NONE);
	CHECK_INT(n.startup, IDBM_STARTUP_AUTOMATIC);

	idbm_node_init(&n);
	parse_fixture(IDBM_KIND_NODE, &n, "node-legacy.rec");
	CHECK_INT(n.tpgt, -1);
	check_fmt(IDBM_KIND_NODE, &n, IDBM_FMT_DUMP, "node-legacy.dump");

	idbm_iface_init(&i, "default");
	parse_fixture(IDBM_KIND_IFACE, &i, "iface-t0.rec");
	check_fmt(IDBM_KIND_IFACE, &i, 0, "iface-t0.rec");
	check_fmt(IDBM_KIND_IFACE, &i, IDBM_FMT_DUMP, "iface-t0.dump");
	CHECK_INT(i.vlan_id, 4464);	/* Debian stored 70000 in 16 bits */
	CHECK_INT(i.mtu, 9000);

	/* open-iscsi 2.1.8 cannot read back its own IPv6 iface files; we do */
	idbm_iface_init(&i, "default");
	CHECK_INT(parse_fixture(IDBM_KIND_IFACE, &i, "iface-t6.rec"), 0);
	check_fmt(IDBM_KIND_IFACE, &i, 0, "iface-t6.rec");
	CHECK_STR(i.ipv6_autocfg, "nd");
	CHECK_INT(i.hop_limit, 64);

	idbm_disc_init(&d, IDBM_DISC_SENDTARGETS);
	parse_fixture(IDBM_KIND_DISC, &d, "st_config.rec");
	check_fmt(IDBM_KIND_DISC, &d, 0, "st_config.rec");
	check_fmt(IDBM_KIND_DISC, &d, IDBM_FMT_DUMP, "st_config.dump");
	CHECK_STR(d.auth.password, "pw");

	idbm_disc_init(&d, IDBM_DISC_ISNS);
	parse_fixture(IDBM_KIND_DISC, &d, "isns_config.rec");
	check_fmt(IDBM_KIND_DISC, &d, 0, "isns_config.rec");
	check_fmt(IDBM_KIND_DISC, &d, IDBM_FMT_DUMP, "isns_config.dump");
}

/* Replay data/set-errors.txt: "$ -n K -v V", Debian's stderr, "[rc=N]".
 * The "Could not execute operation on all records" line is the front
 * end's; every other line must come from idbm_rec_set verbatim. */
static void test_set_messages(void)
{
	size_t len = 0;
	char *text = load("set-errors.txt", &len);
	char *save = NULL, *line;
	char key[128] = "", val[128] = "", want[1024] = "";
	int cases = 0;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct idbm_node n;
		char msg[1024] = "";
		int rc, want_rc;

		if (sscanf(line, "$ -n %127s -v %127s", key, val) == 2) {
			want[0] = '\0';
			continue;
		}
		if (sscanf(line, "[rc=%d]", &want_rc) != 1) {
			const char *m = line;

			if (!strncmp(m, "iscsiadm: ", 10))
				m += 10;
			if (strstr(m, "Could not execute operation"))
				continue;
			if (want[0])
				strcat(want, "\n");
			strncat(want, m, sizeof(want) - strlen(want) - 1);
			continue;
		}
		idbm_node_init(&n);
		rc = idbm_rec_set(IDBM_KIND_NODE, &n, key, val, IDBM_SET_USER,
				  msg, sizeof(msg));
		CHECK_INT(rc, want_rc);
		CHECK_STR(msg, want);
		cases++;
	}
	CHECK(cases >= 9);
	free(text);
}

static void test_set_values(void)
{
	struct idbm_node n;
	struct idbm_iface i;
	char msg[512] = "", out[64];

	idbm_node_init(&n);
	/* open-iscsi converts with strtoul and stores an int */
	CHECK_INT(idbm_rec_set(IDBM_KIND_NODE, &n, "node.session.cmds_max",
			       "12abc", IDBM_SET_USER, msg, sizeof(msg)), 0);
	CHECK_INT(n.session.cmds_max, 12);
	idbm_rec_set(IDBM_KIND_NODE, &n, "node.session.cmds_max", "abc", 0,
		     NULL, 0);
	CHECK_INT(n.session.cmds_max, 0);
	idbm_rec_set(IDBM_KIND_NODE, &n, "node.session.cmds_max",
		     "99999999999", 0, NULL, 0);
	CHECK_INT(n.session.cmds_max, 1215752191);
	idbm_rec_set(IDBM_KIND_NODE, &n, "node.session.cmds_max", "-5", 0,
		     NULL, 0);
	CHECK_INT(n.session.cmds_max, -5);
	CHECK_INT(idbm_rec_set(IDBM_KIND_NODE, &n, "node.session.cmds_max",
			       "12abc", IDBM_SET_STRICT, msg, sizeof(msg)),
		  ISCSI_ERR_INVAL);
	CHECK_INT(n.session.cmds_max, -5);
	CHECK(strstr(msg, "12abc") != NULL);

	/* chap_algs: blanks dropped, unknown tokens warned about */
	msg[0] = '\0';
	CHECK_INT(idbm_rec_set(IDBM_KIND_NODE, &n,
			       "node.session.auth.chap_algs", "SHA256 , MD5",
			       IDBM_SET_USER, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "");
	idbm_rec_get(IDBM_KIND_NODE, &n, "node.session.auth.chap_algs", out,
		     sizeof(out));
	CHECK_STR(out, "SHA256,MD5");
	CHECK_INT(idbm_rec_set(IDBM_KIND_NODE, &n,
			       "node.session.auth.chap_algs", "FOO", 0, msg,
			       sizeof(msg)), 0);
	idbm_rec_get(IDBM_KIND_NODE, &n, "node.session.auth.chap_algs", out,
		     sizeof(out));
	CHECK_STR(out, "");

	/* a secret sets its hidden length; hidden keys never print */
	idbm_rec_set(IDBM_KIND_NODE, &n, "node.session.auth.password",
		     "secret123", IDBM_SET_USER, NULL, 0);
	CHECK_INT(n.session.auth.password_length, 9);
	{
		char *dump = idbm_rec_format(IDBM_KIND_NODE, &n, 0, NULL);

		CHECK(dump && !strstr(dump, "password_length"));
		CHECK(dump && strstr(dump, "auth.password = secret123\n"));
		free(dump);
	}
	/* transport_name is the one iface key a node update may change */
	CHECK_INT(idbm_rec_set(IDBM_KIND_NODE, &n, "iface.transport_name",
			       "iser", IDBM_SET_USER, NULL, 0), 0);
	CHECK_STR(n.iface.transport_name, "iser");
	CHECK_INT(idbm_rec_get(IDBM_KIND_NODE, &n, "node.bogus", out,
			       sizeof(out)), -ENOENT);
	CHECK_INT(idbm_rec_get(IDBM_KIND_NODE, &n, "node.tpgt", out,
			       sizeof(out)), 0);
	CHECK_STR(out, "-1");

	/* iface mode: the key group follows the address */
	idbm_iface_init(&i, "t6");
	CHECK_INT(idbm_rec_set(IDBM_KIND_IFACE, &i, "iface.ipaddress",
			       "fe80::1", IDBM_SET_USER, NULL, 0), 0);
	msg[0] = '\0';
	CHECK_INT(idbm_rec_set(IDBM_KIND_IFACE, &i, "iface.bootproto", "dhcp",
			       IDBM_SET_USER, msg, sizeof(msg)),
		  ISCSI_ERR_INVAL);
	CHECK_STR(msg, "Cannot modify iface.bootproto. Invalid param name.");
	msg[0] = '\0';
	CHECK_INT(idbm_rec_set(IDBM_KIND_IFACE, &i, "iface.iscsi_ifacename",
			       "zz", IDBM_SET_USER, msg, sizeof(msg)),
		  ISCSI_ERR_INVAL);
	CHECK_STR(msg, "Can not update iface.iscsi_ifacename. Delete it, and "
		       "then create a new one.");
	idbm_rec_set(IDBM_KIND_IFACE, &i, "iface.prefix_len", "300", 0, NULL,
		     0);
	CHECK_INT(i.prefix_len, 44);
	{
		char *dump = idbm_rec_format(IDBM_KIND_IFACE, &i,
					     IDBM_FMT_DUMP, NULL);

		CHECK(dump && strstr(dump, "iface.ipv6_autocfg = <empty>\n"));
		CHECK(dump && strstr(dump, "iface.traffic_class = 0\n"));
		CHECK(dump && !strstr(dump, "iface.bootproto"));
		CHECK(dump && !strstr(dump, "iface.ttl"));
		free(dump);
	}
}

int main(void)
{
	test_default_node();
	test_roundtrip();
	test_set_messages();
	test_set_values();
	return tap_done();
}
