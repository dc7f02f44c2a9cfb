/* SPDX-License-Identifier: MIT */
/* fmt.h - a printf engine for integer, character and string conversions,
 * the only ones iscsibox prints.  The static (musl) build routes the
 * printf family through it (core/fmt_stdio.c): musl's vfprintf always
 * links its floating-point formatter (fmt_fp, frexpl) and wide-character
 * conversions, ~10 KB that no message here uses.
 *
 * Supported, as C11 and musl define them: flags "-+ #0", width and
 * precision (digits or '*'), lengths hh h l ll j z t, conversions
 * d i u o x X c s p n m %.  %p prints like musl ("0" for NULL, else
 * "0x" and lowercase hex); %s of NULL prints "(null)"; %m is
 * errtext(errno).  Anything else (floating point, wide characters,
 * positional arguments "%1$d") stops the output and returns -1 with errno
 * EINVAL, as musl does for an invalid conversion. */
#ifndef ISCSIBOX_FMT_H
#define ISCSIBOX_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the formatted text piece by piece; returns 0, or -1 to stop
 * (fmt_vformat then returns -1 with errno left as out set it). */
typedef int (*fmt_out_fn)(void *ctx, const char *s, size_t n);

/* Format fmt with ap through out.  Returns the number of characters
 * produced, or -1 (EINVAL: unsupported conversion; EOVERFLOW: more than
 * INT_MAX characters; or out's error). */
int fmt_vformat(fmt_out_fn out, void *ctx, const char *fmt, va_list ap);

#endif
