/* SPDX-License-Identifier: MIT */
/* tap.h - the few assertion macros every unit test uses.
 * Each failed check prints file:line and the expression; tap_done()
 * prints "N passed, N failed" and returns the exit status for main(). */
#ifndef ISCSIBOX_TAP_H
#define ISCSIBOX_TAP_H

#include <stddef.h>
#include <stdint.h>

void tap_check(int ok, const char *file, int line, const char *expr);
void tap_check_int(long long got, long long want, const char *file, int line,
		   const char *expr);
void tap_check_str(const char *got, const char *want, const char *file,
		   int line, const char *expr);
void tap_check_mem(const void *got, size_t got_len, const void *want,
		   size_t want_len, const char *file, int line,
		   const char *expr);
int tap_done(void);
/* Decode a hex string ("00ab..", spaces allowed) into buf; returns length. */
size_t tap_unhex(const char *hex, uint8_t *buf, size_t max);

#define CHECK(e) tap_check(!!(e), __FILE__, __LINE__, #e)
#define CHECK_INT(got, want) \
	tap_check_int((long long)(got), (long long)(want), __FILE__, __LINE__, #got)
#define CHECK_STR(got, want) tap_check_str(got, want, __FILE__, __LINE__, #got)
#define CHECK_MEM(got, glen, want, wlen) \
	tap_check_mem(got, glen, want, wlen, __FILE__, __LINE__, #got)

#endif
