/* SPDX-License-Identifier: MIT */
/* strlist.h - constant string tables packed into one literal, "a\0b\0c\0":
 * each item ends with a NUL.  A table of N items costs its text and no
 * pointers (8 bytes an item saved), for names looked up by index. */
#ifndef ISCSIBOX_STRLIST_H
#define ISCSIBOX_STRLIST_H

/* The item after s. */
const char *strlist_next(const char *s);

/* Item n (from 0) of list; n must be below the number of items. */
const char *strlist_nth(const char *list, unsigned n);

/* Item i of a list of count items, or none when i is out of range. */
const char *strlist_at(const char *list, unsigned count, int i,
		       const char *none);

#endif
