/* SPDX-License-Identifier: MIT */
/* test_cmdline.c - firmware/cmdline.c: the iSCSI words of real dracut
 * and initramfs-tools command lines, the RFC 4173 root path's fields and
 * defaults, IPv6 servers, credentials from the path and from settings
 * (and an '@' in a target name), quoting, and the malformed words that
 * must be refused without losing good ones. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "firmware/cmdline.h"
#include "tap.h"

static struct cmdline_iscsi c;

static int parse(const char *s)
{
	return cmdline_parse(s, strlen(s), &c);
}

static void test_initramfs_tools(void)
{
	CHECK_INT(parse("BOOT_IMAGE=/vmlinuz root=iscsi:alice:s3cret:tgt:"
			"m0re@192.0.2.7::3260:1:iqn.2004-01.org.example:"
			"disk:root iscsi_initiator=iqn.1993-08.org.debian:01:"
			"ab12 ip=dhcp ro quiet"), 1);
	CHECK_STR(c.initiator, "iqn.1993-08.org.debian:01:ab12");
	CHECK_STR(c.tgt[0].name, "iqn.2004-01.org.example:disk:root");
	CHECK_STR(c.tgt[0].address, "192.0.2.7");
	CHECK_INT(c.tgt[0].port, 3260);
	CHECK_INT(c.tgt[0].lun, 1);
	CHECK_INT(c.tgt[0].tpgt, -1);
	CHECK_STR(c.tgt[0].user, "alice");
	CHECK_STR(c.tgt[0].pass, "s3cret");
	CHECK_STR(c.tgt[0].user_in, "tgt");
	CHECK_STR(c.tgt[0].pass_in, "m0re");
	CHECK_INT(c.firmware, 0);

	/* the iscsi_* settings alone make a target; group and port too */
	CHECK_INT(parse("iscsi_target_name=iqn.2001-04.com.example:t "
			"iscsi_target_ip=198.51.100.2 iscsi_target_port=3262 "
			"iscsi_target_group=2 iscsi_username=u "
			"iscsi_password=p"), 1);
	CHECK_STR(c.tgt[0].address, "198.51.100.2");
	CHECK_INT(c.tgt[0].port, 3262);
	CHECK_INT(c.tgt[0].tpgt, 2);
	CHECK_STR(c.tgt[0].user, "u");
	CHECK_STR(c.tgt[0].pass, "p");
	CHECK_STR(c.tgt[0].user_in, "");
	/* a name without an address is no target */
	CHECK_INT(parse("iscsi_target_name=iqn.2001-04.com.example:t"), 0);
	CHECK_INT(parse("iscsi_auto"), 0);
	CHECK_INT(c.firmware, 1);
}

static void test_dracut(void)
{
	CHECK_INT(parse("root=/dev/sda rd.neednet=1 ip=dhcp "
			"netroot=iscsi:[2001:db8::5]:6:3261:ibft0:eth1:3:"
			"eui.02004567A425678D "
			"netroot=iscsi:203.0.113.9:::0:naa.60014059f2e2bd42 "
			"rd.iscsi.initiator=iqn.1994-05.com.redhat:f00 "
			"rd.iscsi.username=du rd.iscsi.password=dp "
			"rd.iscsi.in.username=tu rd.iscsi.in.password=tp "
			"rd.iscsi.target.group=4 "
			"rd.iscsi.param=node.session.timeo.replacement_timeout"
			"=5 rd.iscsi.login_retry_max=7"), 2);
	CHECK_STR(c.tgt[0].address, "2001:db8::5");
	CHECK_INT(c.tgt[0].port, 3261);
	CHECK_STR(c.tgt[0].iface, "ibft0");
	CHECK_STR(c.tgt[0].netdev, "eth1");
	CHECK_INT(c.tgt[0].lun, 3);
	CHECK_STR(c.tgt[0].name, "eui.02004567A425678D");
	CHECK_INT(c.tgt[0].tpgt, 4);
	CHECK_STR(c.tgt[0].user, "du");
	CHECK_STR(c.tgt[0].pass_in, "tp");
	CHECK_STR(c.tgt[1].address, "203.0.113.9");
	CHECK_INT(c.tgt[1].port, 3260);
	CHECK_INT(c.tgt[1].lun, 0);
	CHECK_STR(c.tgt[1].name, "naa.60014059f2e2bd42");
	CHECK_INT(c.n_params, 1);
	CHECK_STR(c.param[0], "node.session.timeo.replacement_timeout=5");
	CHECK_INT(c.login_retry_max, 7);
	CHECK_STR(c.initiator, "iqn.1994-05.com.redhat:f00");

	/* root= and netroot= naming the same target: one target; a target
	 * name without a known prefix is the last field */
	CHECK_INT(parse("root=iscsi:192.0.2.1::::mytarget "
			"netroot=iscsi:192.0.2.1::::mytarget"), 1);
	CHECK_STR(c.tgt[0].name, "mytarget");
	/* credentials in the path win over the settings */
	CHECK_INT(parse("rd.iscsi.username=s rd.iscsi.password=t "
			"netroot=iscsi:a:b@192.0.2.1::::iqn.x"), 1);
	CHECK_STR(c.tgt[0].user, "a");
	CHECK_STR(c.tgt[0].pass, "b");
	CHECK_INT(parse("rd.iscsi.firmware=1"), 0);
	CHECK_INT(c.firmware, 1);
	CHECK_INT(parse("rd.iscsi.firmware rd.iscsi.firmware=0"), 0);
	CHECK_INT(c.firmware, 0);
	/* quotes group a word and are dropped; tabs and newlines split */
	CHECK_INT(parse("\"netroot=iscsi:192.0.2.1::::iqn.q\"\t"
			"rd.iscsi.initiator=\"iqn.a:b\"\n"), 1);
	CHECK_STR(c.initiator, "iqn.a:b");
	/* a NUL ends nothing: the length bounds the line */
	CHECK_INT(cmdline_parse("root=iscsi:192.0.2.1::::iqn.q\0 x", 31, &c),
		  1);
	CHECK_INT(parse(""), 0);
	CHECK_INT(parse("root=/dev/sda netroot=nfs:1.2.3.4:/x"), 0);
}

/* IPv6 servers as dracut writes them (bracketed, brackets dropped; a
 * zone kept) and as initramfs-tools' iscsi_target_ip= takes them (bare). */
static void test_ipv6(void)
{
	CHECK_INT(parse("netroot=iscsi:[2001:db8::1]::3260::"
			"iqn.2004-01.org.example:disk"), 1);
	CHECK_STR(c.tgt[0].address, "2001:db8::1");
	CHECK_INT(c.tgt[0].port, 3260);
	CHECK_INT(c.tgt[0].lun, 0);
	CHECK_STR(c.tgt[0].name, "iqn.2004-01.org.example:disk");
	CHECK_INT(parse("root=iscsi:u:p@[fd00:a::7]:6::2:plainname"), 1);
	CHECK_STR(c.tgt[0].address, "fd00:a::7");
	CHECK_INT(c.tgt[0].port, 3260);
	CHECK_INT(c.tgt[0].lun, 2);
	CHECK_STR(c.tgt[0].name, "plainname");
	CHECK_STR(c.tgt[0].user, "u");
	CHECK_STR(c.tgt[0].pass, "p");
	CHECK_INT(parse("netroot=iscsi:[fe80::1%eth0]:::1:iqn.x:y"), 1);
	CHECK_STR(c.tgt[0].address, "fe80::1%eth0");
	CHECK_INT(parse("iscsi_target_name=iqn.2004-01.org.example:d "
			"iscsi_target_ip=2001:db8::9 iscsi_target_port=3261"), 1);
	CHECK_STR(c.tgt[0].address, "2001:db8::9");
	CHECK_INT(c.tgt[0].port, 3261);
	/* unbracketed, the address's colons are fields: refused */
	CHECK_INT(parse("netroot=iscsi:2001:db8::1::3260::iqn.a:b"), -EINVAL);
	CHECK_INT(parse("netroot=iscsi:[]::3260::iqn.a:b"), -EINVAL);
	CHECK_INT(parse("netroot=iscsi:[2001:db8::1]x::3260::iqn.a:b"),
		  -EINVAL);
}

/* An '@' starts credentials only when the path's four ':' follow it, and
 * the credentials may be empty: a target name may hold an '@' (dracut's
 * own example). */
static void test_at_in_name(void)
{
	CHECK_INT(parse("netroot=iscsi:@192.168.1.100::3260::"
			"iqn.2009-01.com.example:testdi@sk"), 1);
	CHECK_STR(c.tgt[0].address, "192.168.1.100");
	CHECK_STR(c.tgt[0].name, "iqn.2009-01.com.example:testdi@sk");
	CHECK_STR(c.tgt[0].user, "");
	CHECK_INT(parse("root=iscsi:192.0.2.1::3260:1:iqn.2009-01.com.e:a@b"),
		  1);
	CHECK_STR(c.tgt[0].name, "iqn.2009-01.com.e:a@b");
	CHECK_INT(c.tgt[0].lun, 1);
	CHECK_INT(parse("root=iscsi:u:p:i:j@[2001:db8::2]::::iqn.e:d@x"), 1);
	CHECK_STR(c.tgt[0].address, "2001:db8::2");
	CHECK_STR(c.tgt[0].name, "iqn.e:d@x");
	CHECK_STR(c.tgt[0].user_in, "i");
	CHECK_STR(c.tgt[0].pass_in, "j");
}

static void test_bad(void)
{
	static const char *const bad[] = {
		"root=iscsi:192.0.2.1:17:3260:0:iqn.x",	/* UDP */
		"root=iscsi:192.0.2.1::70000:0:iqn.x",	/* port */
		"root=iscsi:192.0.2.1::0:0:iqn.x",
		"root=iscsi:192.0.2.1::32a:0:iqn.x",
		"root=iscsi:192.0.2.1::3260:-1:iqn.x",	/* LUN */
		"root=iscsi:192.0.2.1::3260:iqn.x",	/* too few fields */
		"root=iscsi:::3260:0:iqn.x",		/* no server */
		"root=iscsi:[2001:db8::1::3260:0:iqn.x",	/* bracket */
		"root=iscsi:u@192.0.2.1::3260:0:iqn.x",	/* half a pair */
		"root=iscsi:a:b:c@192.0.2.1::3260:0:iqn.x",
		"root=iscsi:a:b:c:d:e@192.0.2.1::3260:0:iqn.x",
		"root=iscsi:192.0.2.1::3260:0:",		/* no name */
		"rd.iscsi.target.port=0",
		"rd.iscsi.param=novalue",
		"rd.iscsi.login_retry_max=x",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(parse(bad[i]), -EINVAL);
		CHECK_INT(c.n_tgts, 0);
		CHECK(c.why[0] != '\0');
	}
	/* a bad word does not cost the good ones */
	CHECK_INT(parse("root=iscsi:192.0.2.1::99999:0:iqn.bad "
			"netroot=iscsi:192.0.2.2::::iqn.good"), -EINVAL);
	CHECK_INT(c.n_tgts, 1);
	CHECK_STR(c.tgt[0].name, "iqn.good");
	CHECK(strstr(c.why, "bad port") != NULL);
}

static void test_bounds(void)
{
	char line[4096], name[300];
	size_t i, n = 0;

	/* more targets than fit */
	for (i = 0; i < CMDLINE_MAX_TGTS + 2; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
				      "netroot=iscsi:192.0.2.%zu::::iqn.t ",
				      i + 1);
	CHECK_INT(cmdline_parse(line, n, &c), -EINVAL);
	CHECK_INT(c.n_tgts, CMDLINE_MAX_TGTS);
	/* a name longer than an iSCSI name may be */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	memcpy(name, "iqn.", 4);
	snprintf(line, sizeof(line), "root=iscsi:192.0.2.1::::%s", name);
	CHECK_INT(parse(line), -EINVAL);
	CHECK_INT(c.n_tgts, 0);
	/* a word longer than the parser's buffer */
	memset(line, 'x', sizeof(line) - 1);
	memcpy(line, "rd.iscsi.initiator=", 19);
	line[sizeof(line) - 1] = '\0';
	CHECK_INT(parse(line), -EINVAL);
	CHECK_STR(c.initiator, "");
}

int main(void)
{
	test_initramfs_tools();
	test_dracut();
	test_ipv6();
	test_at_in_name();
	test_bad();
	test_bounds();
	return tap_done();
}
