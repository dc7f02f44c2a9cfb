/* SPDX-License-Identifier: MIT */
/* strlist.c - walk the packed string tables of strlist.h. */
#include "core/strlist.h"

#include <string.h>

const char *strlist_next(const char *s)
{
	return s + strlen(s) + 1;
}

const char *strlist_nth(const char *list, unsigned n)
{
	while (n--)
		list = strlist_next(list);
	return list;
}

const char *strlist_at(const char *list, unsigned count, int i,
		       const char *none)
{
	return i < 0 || (unsigned)i >= count ? none :
		strlist_nth(list, (unsigned)i);
}
