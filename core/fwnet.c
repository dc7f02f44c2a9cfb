/* SPDX-License-Identifier: MIT */
/* fwnet.c - the network plan of a firmware target (fwnet.h). */
#include "core/fwnet.h"
#include "core/num.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

/* Same network: the first prefix bits of a and b agree. */
static int same_net(const uint8_t *a, const uint8_t *b, unsigned prefix)
{
	unsigned i;

	for (i = 0; i < prefix; i++)
		if ((a[i / 8] ^ b[i / 8]) & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

static unsigned mask_prefix(const uint8_t m[4])
{
	unsigned n = 0;

	while (n < 32 && (m[n / 8] & (0x80 >> (n % 8))))
		n++;
	return n;
}

int fwnet_plan(const struct fw_entry *e, struct fwnet_plan *p,
	       const char **why)
{
	const struct ibft_nic *nic = e->nic;
	uint8_t mask[4];
	uint32_t v;
	int i;

	memset(p, 0, sizeof(*p));
	if (nic->vlan[0] && num_parse_u32(nic->vlan, 0, 4095, &v) == 0)
		p->vlan = v;
	p->family = strchr(nic->ip, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(p->family, nic->ip, p->addr) != 1) {
		*why = "Invalid or missing ipaddr in fw entry";
		return -EINVAL;
	}
	if (inet_pton(p->family, e->tgt->ip, p->dst) != 1) {
		*why = "Invalid or missing target ipaddr in fw entry";
		return -EINVAL;
	}
	if (p->family == AF_INET) {
		if (inet_pton(AF_INET, nic->mask, mask) != 1) {
			*why = "Invalid or missing netmask in fw entry";
			return -EINVAL;
		}
		p->prefix = mask_prefix(mask);
		for (i = 0; i < 4; i++)
			p->brd[i] = (uint8_t)(p->addr[i] | ~mask[i]);
	} else {
		if (nic->prefix <= 0 || nic->prefix > 128) {
			*why = "Invalid or missing netmask in fw entry";
			return -EINVAL;
		}
		p->prefix = (unsigned)nic->prefix;
	}
	if (same_net(p->addr, p->dst, p->prefix))
		return 0;
	if (inet_pton(p->family, nic->gateway, p->gw) != 1) {
		*why = "Invalid or missing gateway";
		return -EINVAL;
	}
	p->via_gw = 1;
	return 0;
}
