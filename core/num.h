/* SPDX-License-Identifier: MIT */
/* num.h - strict number parsing for the command line, records and the
 * wire.  Every parser requires the whole string to be consumed, rejects
 * empty strings, leading spaces/signs where not allowed, and range errors.
 * Return 0 on success, -EINVAL for bad syntax, -ERANGE out of [min,max];
 * *out is untouched on error. */
#ifndef ISCSIBOX_NUM_H
#define ISCSIBOX_NUM_H

#include <stdint.h>

/* Decimal only, optional leading '-' (e.g. tpgt -1, priority -20). */
int num_parse_long(const char *s, long min, long max, long *out);
/* Decimal only, no sign. */
int num_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* The decimal digits at the start of *s (at least one, no sign), for
 * names such as "session3" or "1:0:0:2": *s is advanced past them and the
 * caller checks what follows.  Same returns as above; *s is untouched on
 * error. */
int num_scan_u32(const char **s, uint32_t *out);
/* Decimal only, no sign, up to 64 bits. */
int num_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* strtol(s, end, 10) for the callers that keep its leniency (open-iscsi's
 * own parsing, or text the kernel wrote): optional white space and sign,
 * then digits.  *end (if not NULL) points after the last digit, or to s
 * if there is none (value 0); out of range gives LONG_MIN/LONG_MAX and
 * *erange = 1 (if not NULL).  Never touches errno.  atoi(s) is
 * (int)num_strtol(s, NULL, NULL) for values in int range. */
long num_strtol(const char *s, char **end, int *erange);
/* RFC 7143 §6.1 numerical value: decimal, or hex "0x"/"0X" (the
 * base64 "0b" form is accepted by the RFC only for large numbers and is
 * refused here), no sign. */
int num_parse_iscsi(const char *s, uint64_t min, uint64_t max, uint64_t *out);

#endif
