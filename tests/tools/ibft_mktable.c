/* SPDX-License-Identifier: MIT */
/* ibft_mktable.c - write an iBFT table for qemu's -acpitable (the VM
 * tests and the firmware boot benchmark):
 *   ibft_mktable OUT ini=IQN mac=AA:BB:.. ip=A.B.C.D prefix=N gw=A.B.C.D
 *                bdf=BUS:DEV.FN [origin=N] [vlan=N] [sig=iBFT]
 *                tgt=FLAGS,IP,PORT,LUN,NAME[,USER,SECRET[,RUSER,RSECRET]]
 *                [tgt=...]
 * One initiator, one NIC (index 0, flags 3), one or two targets
 * (indexes 0 and 1, both on NIC 0); IPv4 only. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/ibft_build.h"

static void ip4(uint8_t *p, const char *s)
{
	uint8_t a[4];

	if (inet_pton(AF_INET, s, a) != 1) {
		fprintf(stderr, "ibft_mktable: bad address %s\n", s);
		exit(2);
	}
	tb_ip4(p, a[0], a[1], a[2], a[3]);
}

static void target(struct tb *t, unsigned off, int index, char *spec)
{
	char *f[9] = { 0 };
	uint8_t lun[8] = { 0 };
	int n = 0;

	for (char *s = strtok(spec, ","); s && n < 9; s = strtok(NULL, ","))
		f[n++] = s;
	if (n < 5) {
		fprintf(stderr, "ibft_mktable: tgt needs 5 fields\n");
		exit(2);
	}
	lun[1] = (uint8_t)atoi(f[3]);	/* single-level LUN, SAM-2 */
	tb_target(t, off, index, atoi(f[0]), (unsigned)atoi(f[2]), lun, 0,
		  f[4], f[5] ? f[5] : "", f[6] ? f[6] : "", f[7] ? f[7] : "",
		  f[8] ? f[8] : "");
	ip4(t->b + off + 6, f[1]);
}

int main(int argc, char **argv)
{
	static struct tb t;
	unsigned bus = 0, dev = 0, fn = 0, mac[6] = { 0 }, len;
	uint8_t m[6];
	int i, n_tgt = 0, prefix = 24, origin = 1, vlan = 0;
	const char *ip = "0.0.0.0", *gw = NULL, *ini = "", *sig = "iBFT";
	char *tgts[2] = { 0 };
	FILE *f;

	if (argc < 3)
		return 2;
	for (i = 2; i < argc; i++) {
		char *v = strchr(argv[i], '=');

		if (!v)
			return 2;
		*v++ = '\0';
		if (!strcmp(argv[i], "ini"))
			ini = v;
		else if (!strcmp(argv[i], "mac"))
			sscanf(v, "%x:%x:%x:%x:%x:%x", &mac[0], &mac[1],
			       &mac[2], &mac[3], &mac[4], &mac[5]);
		else if (!strcmp(argv[i], "ip"))
			ip = v;
		else if (!strcmp(argv[i], "gw"))
			gw = v;
		else if (!strcmp(argv[i], "prefix"))
			prefix = atoi(v);
		else if (!strcmp(argv[i], "origin"))
			origin = atoi(v);
		else if (!strcmp(argv[i], "vlan"))
			vlan = atoi(v);
		else if (!strcmp(argv[i], "sig"))
			sig = v;
		else if (!strcmp(argv[i], "bdf"))
			sscanf(v, "%x:%x.%x", &bus, &dev, &fn);
		else if (!strcmp(argv[i], "tgt") && n_tgt < 2)
			tgts[n_tgt++] = v;
		else
			return 2;
	}
	for (i = 0; i < 6; i++)
		m[i] = (uint8_t)mac[i];
	tb_layout3(&t, ini);
	memcpy(t.b, sig, 4);
	tb_nic(&t, 0xa0, 0, 3, prefix, origin, (unsigned)vlan, m,
	       bus << 8 | dev << 3 | fn);
	ip4(t.b + 0xa0 + 6, ip);
	if (gw)
		ip4(t.b + 0xa0 + 24, gw);
	for (i = 0; i < n_tgt; i++) {
		if (i)
			tb_slot(&t, 4, 0x1c0);
		target(&t, i ? 0x1c0 : 0x110, i, tgts[i]);
	}
	len = tb_finish(&t);
	f = fopen(argv[1], "wb");
	if (!f || fwrite(t.b, 1, len, f) != len || fclose(f))
		return 1;
	return 0;
}
