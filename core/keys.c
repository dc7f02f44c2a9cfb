/* SPDX-License-Identifier: MIT */
/* keys.c - ordered key=value lists of iSCSI text segments (RFC 7143 §6.1):
 * strict validation of received segments, serialization of ours, and the
 * accumulator for texts continued over several PDUs (C bit, §11.10.2,
 * §11.12.2). */
#include "core/keys.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct keys_pair {
	char *key;		/* one allocation: "key\0value\0" */
	char *value;		/* points into key's block */
};

struct keys {
	struct keys_pair *v;
	size_t n, cap;
};

/* Names whose values may exceed 255 bytes in practice (iSCSI names are
 * up to 223 bytes, addresses and aliases vary); refused past
 * KEYS_TARGETS_VALUE_MAX. */
static const char *const keys_long_names[] = {
	"TargetName", "TargetAddress", "TargetAlias", "InitiatorName",
	"InitiatorAlias",
};

struct keys *keys_new(void)
{
	return calloc(1, sizeof(struct keys));
}

void keys_delete(struct keys *keys)
{
	size_t i;

	if (!keys)
		return;
	for (i = 0; i < keys->n; i++)
		free(keys->v[i].key);
	free(keys->v);
	free(keys);
}

/* RFC 7143 §6.1: key names use a-z, A-Z, 0-9, '.', '-', '+', '@', '_'. */
static int keys_key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
	       c == '@' || c == '_';
}

static size_t keys_value_max(const char *key, size_t klen, const char *value,
			     size_t vlen)
{
	size_t i;

	/* binary-value: 0x hex or 0b base64 (RFC 7143 §6.1) */
	if (vlen >= 2 && value[0] == '0' &&
	    (value[1] == 'x' || value[1] == 'X' || value[1] == 'b' ||
	     value[1] == 'B'))
		return KEYS_BINARY_MAX;
	for (i = 0; i < sizeof(keys_long_names) / sizeof(keys_long_names[0]);
	     i++)
		if (strlen(keys_long_names[i]) == klen &&
		    memcmp(keys_long_names[i], key, klen) == 0)
			return KEYS_TARGETS_VALUE_MAX;
	return KEYS_VALUE_MAX;
}

/* Check one "key=value" of len bytes (no NUL inside). */
static int keys_check(const char *pair, size_t len, const char **why)
{
	const char *eq = memchr(pair, '=', len);
	size_t klen, i;

	if (!len)
		*why = "empty key=value pair";
	else if (!eq)
		*why = "key without '='";
	else if (eq == pair)
		*why = "empty key";
	else if ((size_t)(eq - pair) > KEYS_KEY_MAX)
		*why = "key too long";
	else
		*why = NULL;
	if (*why)
		return -EINVAL;
	klen = (size_t)(eq - pair);
	for (i = 0; i < klen; i++) {
		if (!keys_key_char((unsigned char)pair[i])) {
			*why = "invalid character in key";
			return -EINVAL;
		}
	}
	if (len - klen - 1 > keys_value_max(pair, klen, eq + 1,
					     len - klen - 1)) {
		*why = "value too long";
		return -EINVAL;
	}
	return 0;
}

static int keys_append(struct keys *keys, const char *key, size_t klen,
		       const char *value, size_t vlen)
{
	struct keys_pair *v;
	char *block;

	if (keys->n == keys->cap) {
		size_t cap = keys->cap ? keys->cap * 2 : 16;

		v = realloc(keys->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		keys->v = v;
		keys->cap = cap;
	}
	block = malloc(klen + vlen + 2);
	if (!block)
		return -ENOMEM;
	memcpy(block, key, klen);
	block[klen] = '\0';
	memcpy(block + klen + 1, value, vlen);
	block[klen + 1 + vlen] = '\0';
	keys->v[keys->n].key = block;
	keys->v[keys->n].value = block + klen + 1;
	keys->n++;
	return 0;
}

/* Drop pairs appended after a failure so the list is as before. */
static void keys_truncate(struct keys *keys, size_t n)
{
	while (keys->n > n)
		free(keys->v[--keys->n].key);
}

int keys_load(struct keys *keys, const uint8_t *data, size_t len,
	      const char **why)
{
	const char *p = (const char *)data, *end, *nul, *eq;
	const char *reason = NULL;
	size_t start = keys->n;
	int rc = 0;

	if (!len)
		goto out;	/* an empty segment (data may be NULL) */
	end = p + len;

	if (data[len - 1] != '\0') {
		reason = "text segment not NUL-terminated";
		rc = -EINVAL;
		goto out;
	}
	for (; p < end; p = nul + 1) {
		nul = memchr(p, '\0', (size_t)(end - p));
		rc = keys_check(p, (size_t)(nul - p), &reason);
		if (rc)
			goto out;
	}
	for (p = (const char *)data; p < end; p = nul + 1) {
		nul = memchr(p, '\0', (size_t)(end - p));
		eq = memchr(p, '=', (size_t)(nul - p));
		rc = keys_append(keys, p, (size_t)(eq - p), eq + 1,
				 (size_t)(nul - eq - 1));
		if (rc) {
			reason = "out of memory";
			keys_truncate(keys, start);
			goto out;
		}
	}
out:
	if (why)
		*why = reason;
	return rc;
}

int keys_save(const struct keys *keys, uint8_t **data, size_t *len)
{
	size_t total = 0, off = 0, i, n;
	uint8_t *buf;

	*data = NULL;
	*len = 0;
	for (i = 0; i < keys->n; i++)
		total += strlen(keys->v[i].key) + strlen(keys->v[i].value) + 2;
	if (!total)
		return 0;
	buf = malloc(total);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < keys->n; i++) {
		n = strlen(keys->v[i].key);
		memcpy(buf + off, keys->v[i].key, n);
		buf[off + n] = '=';
		off += n + 1;
		n = strlen(keys->v[i].value) + 1;
		memcpy(buf + off, keys->v[i].value, n);
		off += n;
	}
	*data = buf;
	*len = total;
	return 0;
}

int keys_add(struct keys *keys, const char *key, const char *value)
{
	size_t klen = strlen(key), vlen = strlen(value), i;

	if (!klen || klen > KEYS_KEY_MAX ||
	    vlen > keys_value_max(key, klen, value, vlen))
		return -EINVAL;
	for (i = 0; i < klen; i++)
		if (!keys_key_char((unsigned char)key[i]))
			return -EINVAL;
	if (keys_find(keys, key))
		return -EEXIST;
	return keys_append(keys, key, klen, value, vlen);
}

int keys_addf(struct keys *keys, const char *key, const char *fmt, ...)
{
	char *value = NULL;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&value, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -ENOMEM;
	rc = keys_add(keys, key, value);
	explicit_bzero(value, strlen(value));
	free(value);
	return rc;
}

const char *keys_find(const struct keys *keys, const char *key)
{
	size_t i;

	for (i = 0; i < keys->n; i++)
		if (strcmp(keys->v[i].key, key) == 0)
			return keys->v[i].value;
	return NULL;
}

size_t keys_count_of(const struct keys *keys, const char *key)
{
	size_t i, n = 0;

	for (i = 0; i < keys->n; i++)
		n += strcmp(keys->v[i].key, key) == 0;
	return n;
}

size_t keys_count(const struct keys *keys)
{
	return keys->n;
}

const char *keys_key(const struct keys *keys, size_t i)
{
	return i < keys->n ? keys->v[i].key : NULL;
}

const char *keys_value(const struct keys *keys, size_t i)
{
	return i < keys->n ? keys->v[i].value : NULL;
}

void keys_remove(struct keys *keys, const char *key)
{
	size_t i, j = 0;

	for (i = 0; i < keys->n; i++) {
		if (strcmp(keys->v[i].key, key) == 0)
			free(keys->v[i].key);
		else
			keys->v[j++] = keys->v[i];
	}
	keys->n = j;
}

/* Values become empty strings; the list stays usable. */
void keys_wipe(struct keys *keys)
{
	size_t i;

	if (!keys)
		return;
	for (i = 0; i < keys->n; i++)
		explicit_bzero(keys->v[i].value, strlen(keys->v[i].value));
}

void text_acc_init(struct text_acc *acc, size_t max)
{
	acc->buf = NULL;
	acc->len = 0;
	acc->cap = 0;
	acc->max = max;
}

int text_acc_add(struct text_acc *acc, const uint8_t *data, size_t len)
{
	uint8_t *buf;

	if (len > acc->max - acc->len)
		return -EMSGSIZE;
	if (!len)
		return 0;
	if (acc->len + len > acc->cap) {
		size_t cap = acc->cap ? acc->cap : 4096;

		while (cap < acc->len + len)
			cap *= 2;
		if (cap > acc->max)
			cap = acc->max;
		buf = realloc(acc->buf, cap);
		if (!buf)
			return -ENOMEM;
		acc->buf = buf;
		acc->cap = cap;
	}
	memcpy(acc->buf + acc->len, data, len);
	acc->len += len;
	return 0;
}

void text_acc_free(struct text_acc *acc)
{
	free(acc->buf);
	text_acc_init(acc, acc->max);
}
