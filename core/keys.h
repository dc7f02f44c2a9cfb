/* SPDX-License-Identifier: MIT */
/* keys.h - iSCSI text segments: ordered key=value lists (RFC 7143 §6).
 * A segment is a sequence of "key=value\0"; keys_load() validates every
 * byte that came from the wire; keys_save() builds one.  Text that spans
 * several PDUs (C bit, RFC 7143 §11.10.2/§11.12.2) is gathered with
 * text_acc before it is parsed.
 *
 * Ownership: keys_new() -> caller frees with keys_delete() (NULL ok);
 * strings returned by getters live until the keys object changes/dies. */
#ifndef ISCSIBOX_KEYS_H
#define ISCSIBOX_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define KEYS_KEY_MAX 63		/* RFC 7143 §6.1: key names up to 63 bytes */
#define KEYS_VALUE_MAX 255	/* text values up to 255 bytes ... */
#define KEYS_BINARY_MAX 8192	/* ... binary (0x/0b) values longer (CHAP) */
#define KEYS_TARGETS_VALUE_MAX 1024 /* TargetName/Address etc. lenience */

struct keys;

struct keys *keys_new(void);
void keys_delete(struct keys *keys);

/* Parse and append a whole text segment.  Rejects: a segment not ending
 * in NUL, a pair without '=', an empty key, a key over KEYS_KEY_MAX or
 * with bytes outside RFC 7143 §6.1's key alphabet, a value over its limit
 * (text 255, binary 0x/0b values KEYS_BINARY_MAX), a NUL-only pair.
 * A zero-length segment is valid (no keys).  Repeated keys are NOT an
 * error here: SendTargets responses repeat TargetName/TargetAddress
 * (RFC 7143 §11.11, Appendix C); negotiation enforces the once-only rule
 * of §6.1 with keys_count_of().  On error returns -EINVAL and,
 * if why != NULL, a static one-line reason; nothing is appended. */
int keys_load(struct keys *keys, const uint8_t *data, size_t len,
	      const char **why);
/* Serialize all pairs into one malloc'd buffer; *len excludes padding.
 * An empty list gives *data = NULL, *len = 0. */
int keys_save(const struct keys *keys, uint8_t **data, size_t *len);

/* Append key=value; -EEXIST if the key is present, -EINVAL if either
 * string breaks the limits above, -ENOMEM. */
int keys_add(struct keys *keys, const char *key, const char *value);
/* printf-style value. */
int keys_addf(struct keys *keys, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Value of the first pair with this key, or NULL. */
const char *keys_find(const struct keys *keys, const char *key);
/* Number of times key occurs (RFC 7143 §6.1: a key may appear once). */
size_t keys_count_of(const struct keys *keys, const char *key);
size_t keys_count(const struct keys *keys);
const char *keys_key(const struct keys *keys, size_t i);
const char *keys_value(const struct keys *keys, size_t i);
/* Remove every pair with this key. */
void keys_remove(struct keys *keys, const char *key);
/* Overwrite values with zeros before freeing (for CHAP secrets). */
void keys_wipe(struct keys *keys);

/* Gathering a text that spans PDUs. */
struct text_acc {
	uint8_t *buf;
	size_t len;
	size_t cap;		/* allocated, grows by doubling */
	size_t max;		/* refuse to grow past this */
};
void text_acc_init(struct text_acc *acc, size_t max);
/* Append one PDU's data segment; -EMSGSIZE past max, -ENOMEM. */
int text_acc_add(struct text_acc *acc, const uint8_t *data, size_t len);
void text_acc_free(struct text_acc *acc);

#endif
