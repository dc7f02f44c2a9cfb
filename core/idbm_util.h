/* SPDX-License-Identifier: MIT */
/* idbm_util.h - internal string helpers of the node database files. */
#ifndef ISCSIBOX_IDBM_UTIL_H
#define ISCSIBOX_IDBM_UTIL_H

#include <stddef.h>

/* Copy src into dst[sz], truncating, always NUL-terminated. */
void idbm_str_set(char *dst, size_t sz, const char *src);

/* Append one line to a caller's message buffer (see idbm.h). */
void idbm_msg_add(char *msg, size_t msgsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
