/* SPDX-License-Identifier: MIT */
/* test_ifbind.c - which netdev an iface record binds a connection to
 * (core/ifbind.c over a fake sysfs tree with the kernel's class/net
 * layout), the messages open-iscsi 2.1.8 gives when it cannot, and the
 * bind itself in the one connect (SO_BINDTODEVICE to a missing netdev
 * fails before any packet leaves). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/ifbind.h"
#include "core/log.h"
#include "transport/sysfs.h"
#include "transport/tcp.h"
#include "tap.h"

static char root[64];
static char errfile[80];

static void put(const char *dir, const char *attr, const char *val)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, attr);
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (f) {
		fprintf(f, "%s\n", val);
		fclose(f);
	}
}

/* A NIC the way the kernel shows it: class/net/NAME -> its device. */
static void nic(const char *name, const char *mac, const char *ifindex,
		const char *type)
{
	char p[PATH_MAX], t[PATH_MAX];

	snprintf(p, sizeof(p), "%s/devices/virtual/net/%s", root, name);
	CHECK(fs_mkdirs(p, 0755) == 0);
	put(p, "address", mac);
	put(p, "ifindex", ifindex);
	put(p, "type", type);
	snprintf(p, sizeof(p), "%s/class/net", root);
	CHECK(fs_mkdirs(p, 0755) == 0);
	snprintf(p, sizeof(p), "%s/class/net/%s", root, name);
	snprintf(t, sizeof(t), "../../devices/virtual/net/%s", name);
	CHECK(symlink(t, p) == 0);
}

/* Resolve b; *msg gets what was logged (the last line, "" if none). */
static int resolve(const char *hw, const char *dev, const char *ip,
		   char *out, char *msg, size_t msgn)
{
	struct ifbind b = { hw, dev, ip };
	int saved = dup(2), fd, rc;
	FILE *f;

	fflush(stderr);
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	strcpy(out, "junk");
	rc = ifbind_netdev(&b, root, out, IFBIND_NAME_MAX);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	msg[0] = '\0';
	f = fopen(errfile, "r");
	if (f) {
		while (fgets(msg, (int)msgn, f))
			;
		fclose(f);
	}
	msg[strcspn(msg, "\n")] = '\0';
	return rc;
}

static void test_resolve(void)
{
	char out[IFBIND_NAME_MAX], msg[256];

	/* a VLAN and a bond carry their NIC's MAC; the NIC is the oldest */
	nic("eth0.100", "52:54:00:12:34:56", "7", "1");
	nic("eth0", "52:54:00:12:34:56", "2", "1");
	nic("bond0", "52:54:00:ab:cd:ef", "9", "1");
	nic("eth1", "52:54:00:ab:cd:ef", "3", "1");
	/* not Ethernet (ARPHRD_LOOPBACK, ARPHRD_IPGRE): never matched */
	nic("lo", "00:00:00:00:00:00", "1", "772");
	nic("gre1", "52:54:00:77:77:77", "4", "778");

	/* unbound: any NIC */
	CHECK_INT(resolve(NULL, NULL, NULL, out, msg, sizeof(msg)), 0);
	CHECK_STR(out, "");
	CHECK_INT(resolve("default", "default", "default", out, msg,
			  sizeof(msg)), 0);
	CHECK_STR(out, "");
	CHECK_STR(msg, "");
	CHECK_INT(resolve("", "", "", out, msg, sizeof(msg)), 0);
	CHECK_STR(out, "");

	/* by name: taken as written, checked only by the bind */
	CHECK_INT(resolve(NULL, "eth1", NULL, out, msg, sizeof(msg)), 0);
	CHECK_STR(out, "eth1");
	CHECK_INT(resolve("default", "nosuch0", NULL, out, msg, sizeof(msg)),
		  0);
	CHECK_STR(out, "nosuch0");

	/* by MAC, any case; the MAC wins over the name */
	CHECK_INT(resolve("52:54:00:AB:CD:EF", NULL, NULL, out, msg,
			  sizeof(msg)), 0);
	CHECK_STR(out, "eth1");
	CHECK_INT(resolve("52:54:00:12:34:56", "eth1", NULL, out, msg,
			  sizeof(msg)), 0);
	CHECK_STR(out, "eth0");
	CHECK_INT(resolve("52:54:00:12:34:56", "nosuch0", "10.0.0.1", out,
			  msg, sizeof(msg)), 0);
	CHECK_STR(out, "eth0");

	/* only Ethernet devices are matched, as open-iscsi's lookup */
	CHECK_INT(resolve("00:00:00:00:00:00", NULL, NULL, out, msg,
			  sizeof(msg)), -ENODEV);
	CHECK_INT(resolve("52:54:00:77:77:77", NULL, NULL, out, msg,
			  sizeof(msg)), -ENODEV);

	/* no NIC has the MAC: refused, even beside a good name */
	CHECK_INT(resolve("52:54:00:00:00:99", "eth0", NULL, out, msg,
			  sizeof(msg)), -ENODEV);
	CHECK_STR(out, "");
	CHECK_STR(msg, "test_ifbind: Cannot match 52:54:00:00:00:99 to "
		       "net/scsi interface.");

	/* an address beside a name is ignored; alone it is refused */
	CHECK_INT(resolve(NULL, "eth1", "10.0.0.1", out, msg, sizeof(msg)),
		  0);
	CHECK_STR(out, "eth1");
	CHECK_INT(resolve(NULL, "default", "10.0.0.1", out, msg, sizeof(msg)),
		  -ENODEV);
	CHECK_STR(out, "");
	CHECK_STR(msg, "test_ifbind: Cannot bind 10.0.0.1 to net/scsi "
		       "interface. This is not supported with software iSCSI "
		       "(iscsi_tcp).");
}

static void test_no_class_net(void)
{
	char out[IFBIND_NAME_MAX];

	/* a root without class/net: no MAC can match */
	CHECK_INT(sysfs_netdev_by_mac("/nonexistent-sysfs", "52:54:00:12:34:56",
				      out, sizeof(out)), -ENODEV);
	/* a netdev name longer than the caller's buffer is never returned */
	nic("a-very-long-nic", "02:00:00:00:00:01", "20", "1");
	CHECK_INT(sysfs_netdev_by_mac(root, "02:00:00:00:00:01", out, 8),
		  -ENODEV);
}

/* The bind happens in the connect, before anything is sent: a missing
 * netdev fails at once (ENODEV; EPERM where binding needs privilege). */
static void test_connect_bind(void)
{
	struct sockaddr_in sa;
	char msg[256] = "";
	int saved = dup(2), fd, rc;
	FILE *f;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(9);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fflush(stderr);
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	rc = tcp_connect_start((struct sockaddr *)&sa, sizeof(sa), 0,
			       "nosuch0");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	CHECK(rc == -ENODEV || rc == -EPERM);
	f = fopen(errfile, "r");
	if (f) {
		if (!fgets(msg, sizeof(msg), f))
			msg[0] = '\0';
		fclose(f);
	}
	CHECK_STR(msg, "test_ifbind: Could not bind connection 0 to nosuch0\n");
	if (geteuid() == 0)
		CHECK_INT(rc, -ENODEV);
}

int main(void)
{
	char cmd[128];

	log_init("test_ifbind");
	snprintf(root, sizeof(root), "/tmp/ifbind-test.XXXXXX");
	if (!mkdtemp(root))
		return 99;
	snprintf(errfile, sizeof(errfile), "%s/stderr", root);
	test_resolve();
	test_no_class_net();
	test_connect_bind();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	return tap_done();
}
