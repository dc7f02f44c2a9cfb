/* SPDX-License-Identifier: MIT */
/* vlan.h - find the VLAN netdev with a given parent and VLAN id in the
 * kernel's /proc/net/vlan/config (8021q), for firmware network bring-up:
 * open-iscsi configures an existing VLAN netdev and never creates one.
 * Lines are "NAME | VID | PARENT" after two header lines. */
#ifndef ISCSIBOX_VLAN_H
#define ISCSIBOX_VLAN_H

#include <stddef.h>

/* Look in text (len bytes, untrusted).  0 with the name in out, or
 * -ENOENT. */
int vlan_parse_config(const char *text, size_t len, const char *parent,
		      unsigned vid, char *out, size_t n);
/* The same on path (normally /proc/net/vlan/config); -ENOENT when the
 * file is absent (no 8021q, so no VLAN netdev). */
int vlan_find(const char *path, const char *parent, unsigned vid, char *out,
	      size_t n);

#endif
