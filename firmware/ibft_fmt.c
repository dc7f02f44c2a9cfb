/* SPDX-License-Identifier: MIT */
/* ibft_fmt.c - iBFT fields as text, exactly as the kernel's iscsi_ibft
 * module prints them in /sys/firmware/ibft, so a table read raw gives
 * the same records as one read through sysfs. */
#include "firmware/ibft.h"

#include <stdio.h>
#include <string.h>

static const uint8_t v4_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				       0xff, 0xff };

/* The kernel hides an address that is all zero or ::ffff:0.0.0.0. */
int ibft_addr_set(const uint8_t ip[16])
{
	static const uint8_t zero[16];

	if (!memcmp(ip, zero, 16))
		return 0;
	return memcmp(ip, v4_prefix, 12) || memcmp(ip + 12, zero, 4);
}

/* IPv4-mapped addresses as "%pI4", everything else as "%pI6": eight
 * groups of four lower-case hex digits, never compressed. */
void ibft_fmt_addr(const uint8_t ip[16], char out[IBFT_ADDR_MAX])
{
	int i, n = 0;

	if (!memcmp(ip, v4_prefix, 12)) {
		snprintf(out, IBFT_ADDR_MAX, "%u.%u.%u.%u", ip[12], ip[13],
			 ip[14], ip[15]);
		return;
	}
	for (i = 0; i < 16; i += 2)
		n += snprintf(out + n, (size_t)(IBFT_ADDR_MAX - n), "%s%02x%02x",
			      i ? ":" : "", ip[i], ip[i + 1]);
}

/* The kernel computes ~((1 << (32 - prefix)) - 1) in an int; x86 masks
 * the shift count to 5 bits, so a prefix above 32 (an IPv6 NIC) shows
 * as 255.255.255.255.  Reproduced, not "fixed": it is what sysfs says. */
void ibft_fmt_mask(unsigned prefix, char out[16])
{
	uint32_t m = ~((UINT32_C(1) << ((32u - prefix) & 31u)) - 1u);

	snprintf(out, 16, "%u.%u.%u.%u", m >> 24, (m >> 16) & 0xff,
		 (m >> 8) & 0xff, m & 0xff);
}

/* Each of the 8 LUN bytes "%x", without padding: 00 02 00.. -> 02000000 */
void ibft_fmt_lun(const uint8_t lun[8], char out[17])
{
	int i, n = 0;

	for (i = 0; i < 8; i++)
		n += snprintf(out + n, (size_t)(17 - n), "%x", lun[i]);
}

void ibft_fmt_mac(const uint8_t mac[6], char out[18])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5]);
}
