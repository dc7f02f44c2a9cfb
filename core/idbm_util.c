/* SPDX-License-Identifier: MIT */
/* idbm_util.c - the two string helpers every node database file uses:
 * bounded copies into record fields and the message buffer of idbm.h. */
#include "core/idbm_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void idbm_msg_add(char *msg, size_t msgsz, const char *fmt, ...)
{
	size_t used;
	va_list ap;

	if (!msg || !msgsz)
		return;
	used = strnlen(msg, msgsz);
	if (used && used + 1 < msgsz)
		msg[used++] = '\n';
	if (used + 1 >= msgsz)
		return;
	va_start(ap, fmt);
	vsnprintf(msg + used, msgsz - used, fmt, ap);
	va_end(ap);
}

void idbm_str_set(char *dst, size_t sz, const char *src)
{
	size_t n = 0;

	while (n + 1 < sz && src[n])
		n++;

	memcpy(dst, src, n);
	dst[n] = '\0';
}
