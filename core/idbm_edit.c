/* SPDX-License-Identifier: MIT */
/* idbm_edit.c - "-o update" of many records by editing only the lines of
 * the keys given (idbm_db.h): each record file is read into one reused
 * buffer, its "key = value" lines replaced in one reused output buffer,
 * and written (fs_write_atomic) only when its text changes.  Records the
 * edit cannot serve (a key's line missing or repeated) are left to the
 * caller's full parse-and-format path, which gives the same bytes. */
#include "core/idbm_db.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"

#define FILE_MODE 0600

struct idbm_edit_key {
	const char *name;
	size_t nlen;
	char line[IDBM_LINE_MAX];
	size_t llen;
};

struct idbm_edit {
	enum idbm_kind kind;
	void *scratch;		/* a record of kind, to validate values */
	struct idbm_edit_key *keys;
	size_t n, cap;
	char *in, *out;
	size_t incap, outcap;
};

struct idbm_edit *idbm_edit_new(enum idbm_kind kind)
{
	struct idbm_edit *e = calloc(1, sizeof(*e));
	size_t sz = kind == IDBM_KIND_NODE ? sizeof(struct idbm_node) :
		    kind == IDBM_KIND_IFACE ? sizeof(struct idbm_iface) :
					      sizeof(struct idbm_disc);

	if (!e)
		return NULL;
	e->kind = kind;
	e->scratch = malloc(sz);
	if (!e->scratch) {
		free(e);
		return NULL;
	}
	if (kind == IDBM_KIND_NODE)
		idbm_node_init(e->scratch);
	else if (kind == IDBM_KIND_IFACE)
		idbm_iface_init(e->scratch, NULL);
	else
		idbm_disc_init(e->scratch, IDBM_DISC_SENDTARGETS);
	return e;
}

void idbm_edit_delete(struct idbm_edit *e)
{
	if (!e)
		return;
	free(e->scratch);
	free(e->keys);
	free(e->in);
	free(e->out);
	free(e);
}

int idbm_edit_add(struct idbm_edit *e, const char *name, const char *value)
{
	struct idbm_edit_key *k = NULL;

	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->keys[i].name, name))
			k = &e->keys[i];	/* the last -v wins */
	if (!k) {
		if (e->n == e->cap) {
			size_t cap = e->cap ? e->cap * 2 : 4;
			struct idbm_edit_key *v;

			v = realloc(e->keys, cap * sizeof(*v));
			if (!v)
				return -ENOMEM;
			e->keys = v;
			e->cap = cap;
		}
		k = &e->keys[e->n++];
	}
	k->name = name;
	k->nlen = strlen(name);
	if (idbm_rec_line(e->kind, e->scratch, name, value, k->line,
			  sizeof(k->line)))
		return -EAGAIN;
	k->llen = strlen(k->line);
	return 0;
}

/* The one line of text that sets key k, or NULL when it is missing or
 * repeated; *end is where that line's '\n' is (or the text ends). */
static const char *idbm_edit_find(const char *text, size_t len,
				  const struct idbm_edit_key *k,
				  const char **end)
{
	const char *p = text, *lim = text + len, *hit = NULL;

	while (p < lim) {
		const char *nl = memchr(p, '\n', (size_t)(lim - p));
		const char *eol = nl ? nl : lim;

		if ((size_t)(eol - p) >= k->nlen + 3 &&
		    !memcmp(p, k->name, k->nlen) &&
		    !memcmp(p + k->nlen, " = ", 3)) {
			if (hit)
				return NULL;
			hit = p;
			*end = eol;
		}
		p = eol + 1;
	}
	return hit;
}

static int idbm_edit_room(struct idbm_edit *e, size_t need)
{
	char *b;

	if (need <= e->outcap)
		return 0;
	b = realloc(e->out, need);
	if (!b)
		return -ENOMEM;
	e->out = b;
	e->outcap = need;
	return 0;
}

int idbm_edit_file(struct idbm_edit *e, const char *path, int *changed)
{
	const char *src, *start, *end;
	size_t len, olen = 0, need;
	int rc;

	*changed = 0;
	rc = fs_read_into(path, IDBM_RECORD_MAX, &e->in, &e->incap, &len);
	if (rc)
		return rc;
	need = len + 1;
	for (size_t i = 0; i < e->n; i++)
		need += e->keys[i].llen;
	rc = idbm_edit_room(e, need);
	if (rc)
		return rc;
	memcpy(e->out, e->in, len);
	olen = len;
	/* one key after the other, each on the text the last one left */
	for (size_t i = 0; i < e->n; i++) {
		const struct idbm_edit_key *k = &e->keys[i];
		size_t pre, post;

		src = e->out;
		start = idbm_edit_find(src, olen, k, &end);
		if (!start)
			return -EAGAIN;
		pre = (size_t)(start - src);
		post = olen - (size_t)(end - src);
		memmove(e->out + pre + k->llen, end, post);
		memcpy(e->out + pre, k->line, k->llen);
		olen = pre + k->llen + post;
	}
	if (olen == len && !memcmp(e->out, e->in, len))
		return 0;	/* nothing to write */
	rc = fs_write_atomic(path, e->out, olen, FILE_MODE);
	if (!rc)
		*changed = 1;
	return rc;
}
