/* SPDX-License-Identifier: MIT */
/* negotiate_int.h - rules shared by negotiate.c (settings, offers,
 * results) and negotiate_rsp.c (answers and target offers); not a public
 * interface. */
#ifndef ISCSIBOX_NEGOTIATE_INT_H
#define ISCSIBOX_NEGOTIATE_INT_H

#include "core/negotiate.h"

#include <stddef.h>

/* Format into st->why, point *why (may be NULL) at it, return -EPROTO. */
int neg_fail(struct neg_state *st, const char **why, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int neg_is_string(enum neg_kind kind);
/* 1 for Minimum and AND, 0 for Maximum and OR. */
int neg_takes_min(enum neg_kind kind);
/* 1 if the comma-separated list holds item (len bytes). */
int neg_list_has(const char *list, const char *item, size_t len);
/* "Yes"/"No" or a number in the key's range; -EINVAL/-ERANGE. */
int neg_parse_num(enum neg_key key, const char *s, uint32_t *out);
/* Our value (or result) of key as wire text. */
void neg_format(const struct neg_state *st, enum neg_key key, char *buf,
		size_t len);
uint32_t neg_current(const struct neg_state *st, enum neg_key key);
int neg_first_burst_irrelevant(const struct neg_state *st);

#endif
