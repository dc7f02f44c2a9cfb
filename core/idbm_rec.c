/* SPDX-License-Identifier: MIT */
/* idbm_rec.c - set, get and print record keys by name through the key
 * tables of idbm_keys.c, with open-iscsi 2.1.8's value conversions,
 * messages, masking and record text layout. */
#include "core/idbm_keys.h"
#include "core/idbm_util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/num.h"
#include "core/strlist.h"

int idbm_addr_is_ipv6(const char *addr)
{
	return strchr(addr, ':') != NULL;
}

static const struct {
	const char *name;
	int num;
} chap_alg_names[] = {
	{ "MD5", 5 }, { "SHA1", 6 }, { "SHA256", 7 }, { "SHA3-256", 8 },
};
#define NALGS (sizeof(chap_alg_names) / sizeof(chap_alg_names[0]))

static const char *chap_alg_name(int num)
{
	for (size_t i = 0; i < NALGS; i++)
		if (chap_alg_names[i].num == num)
			return chap_alg_names[i].name;
	return NULL;
}

/* Comma list -> CHAP_A numbers; unknown tokens are dropped with open-iscsi's
 * warning, blanks around tokens ignored, extra entries beyond the maximum
 * dropped. */
static void idbm_algs_parse(int *algs, const char *key, const char *value,
			    char *msg, size_t msgsz)
{
	size_t n = 0;
	const char *p = value;

	memset(algs, 0, sizeof(int) * IDBM_CHAP_ALGS_MAX);
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *tok = p;
		size_t i;

		p = end ? end + 1 : p + len;
		while (len && (*tok == ' ' || *tok == '\t'))
			tok++, len--;
		while (len && (tok[len - 1] == ' ' || tok[len - 1] == '\t'))
			len--;
		if (!len)
			continue;
		for (i = 0; i < NALGS; i++)
			if (strlen(chap_alg_names[i].name) == len &&
			    !memcmp(chap_alg_names[i].name, tok, len))
				break;
		if (i == NALGS) {
			idbm_msg_add(msg, msgsz,
				     "Ignoring unknown value '%.*s' for '%s'",
				     (int)len, tok, key);
			continue;
		}
		if (n < IDBM_CHAP_ALGS_MAX)
			algs[n++] = chap_alg_names[i].num;
	}
}

/* strtoul(value, NULL, 10) as open-iscsi uses it: leading blanks, a sign,
 * digits up to the first other byte; saturates at 2^64-1. */
static uint64_t idbm_lenient_num(const char *s)
{
	uint64_t v = 0;
	int neg = 0, sat = 0;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			sat = 1;
		else
			v = v * 10 + d;
	}
	if (sat)
		return UINT64_MAX;
	return neg ? (uint64_t)0 - v : v;
}

static int idbm_strict_num(const struct idbm_key *k, const char *s,
			   uint64_t *out)
{
	long long min = k->type == IDBM_T_INT ? INT32_MIN : 0;
	long long max = k->type == IDBM_T_U8    ? UINT8_MAX
			: k->type == IDBM_T_U16 ? UINT16_MAX
			: k->type == IDBM_T_U32 ? UINT32_MAX
						: INT32_MAX;
	char *end;
	long long v;
	int erange;

	if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -EINVAL;
	v = num_strtol(s, &end, &erange);
	if (*end || erange || v < min || v > max)
		return -EINVAL;
	*out = (uint64_t)v;
	return 0;
}

/* Whether key k, whose name after its prefix is sfx, is called name. */
static int idbm_key_is(const struct idbm_key *k, const char *sfx,
		       const char *name)
{
	const char *pfx = idbm_key_prefix(k);
	size_t n = strlen(pfx);

	return !strncmp(name, pfx, n) && !strcmp(name + n, sfx);
}

/* Store value in key k (called name) at p. */
static int idbm_store(const struct idbm_key *k, const char *name, char *p,
		      const char *value, unsigned flags, char *msg,
		      size_t msgsz)
{
	const char *o;
	uint64_t v;

	switch (k->type) {
	case IDBM_T_STR:
		idbm_str_set(p, k->size, value);
		return 0;
	case IDBM_T_ALGS:
		idbm_algs_parse((int *)(void *)p, name, value, msg, msgsz);
		return 0;
	case IDBM_T_ENUM:
		o = idbm_key_values(k);
		for (int i = 0; *o; i++, o = strlist_next(o)) {
			if (!strcmp(value, o)) {
				*(int *)(void *)p = i;
				return 0;
			}
		}
		idbm_msg_add(msg, msgsz, "unknown value format '%s' for "
			     "parameter name '%s'", value, name);
		return ISCSI_ERR_INVAL;
	default:
		break;
	}
	if (flags & IDBM_SET_STRICT) {
		if (idbm_strict_num(k, value, &v)) {
			idbm_msg_add(msg, msgsz, "Invalid value '%s' for '%s'",
				     value, name);
			return ISCSI_ERR_INVAL;
		}
	} else {
		v = idbm_lenient_num(value);
	}
	if (k->type == IDBM_T_U8)
		*(uint8_t *)p = (uint8_t)v;
	else if (k->type == IDBM_T_U16)
		*(uint16_t *)(void *)p = (uint16_t)v;
	else if (k->type == IDBM_T_U32)
		*(uint32_t *)(void *)p = (uint32_t)v;
	else
		*(int *)(void *)p = (int)(int32_t)(uint32_t)v;
	return 0;
}

/* Find key `name`; with `group` set, an iface key of the group not selected
 * by the record's address does not exist (as in open-iscsi). */
static const struct idbm_key *idbm_find(enum idbm_kind kind, const void *rec,
					const char *name, int group,
					size_t *base, unsigned *segflags)
{
	struct idbm_seg segs[3];
	size_t n = idbm_kind_segs(kind, rec, segs);

	for (size_t s = 0; s < n; s++) {
		const struct idbm_iface *ifc =
			(const void *)((const char *)rec + segs[s].base);

		const char *sfx = segs[s].names;

		for (size_t i = 0; i < segs[s].nkeys;
		     i++, sfx = strlist_next(sfx)) {
			const struct idbm_key *k = &segs[s].keys[i];
			int v6;

			if (!idbm_key_is(k, sfx, name))
				continue;
			v6 = (k->flags & (IDBM_K_V4 | IDBM_K_V6)) ?
				idbm_addr_is_ipv6(ifc->ipaddress) : -1;
			if (group && v6 >= 0 &&
			    !(k->flags & (v6 ? IDBM_K_V6 : IDBM_K_V4)))
				return NULL;
			*base = segs[s].base;
			*segflags = segs[s].flags;
			return k;
		}
	}
	return NULL;
}

/* An iface key inside a node record that a node update may not change. */
static int idbm_iface_only(const struct idbm_key *k, unsigned segflags)
{
	return (segflags & IDBM_SEG_IFACE) && !(k->flags & IDBM_K_NODE_RW);
}

int idbm_node_iface_only(const struct idbm_node *rec, const char *name)
{
	const struct idbm_key *k;
	unsigned segflags;
	size_t base;

	k = idbm_find(IDBM_KIND_NODE, rec, name, 1, &base, &segflags);
	return k && idbm_iface_only(k, segflags);
}

int idbm_rec_set(enum idbm_kind kind, void *rec, const char *name,
		 const char *value, unsigned flags, char *msg, size_t msgsz)
{
	int user = flags & IDBM_SET_USER;
	const struct idbm_key *k;
	unsigned segflags;
	size_t base;
	char *p;
	int rc;

	k = idbm_find(kind, rec, name, user, &base, &segflags);
	if (!k) {
		if (flags & IDBM_SET_CONFIG)
			return 0;
		idbm_msg_add(msg, msgsz,
			     "Cannot modify %s. Invalid param name.", name);
		return ISCSI_ERR_INVAL;
	}
	if (user && idbm_iface_only(k, segflags)) {
		idbm_msg_add(msg, msgsz, "Cannot modify %s. Use iface mode to "
			     "update this value.", name);
		return ISCSI_ERR_INVAL;
	}
	if (user && (k->flags & IDBM_K_NAME)) {
		idbm_msg_add(msg, msgsz, "Can not update %s. Delete it, and "
			     "then create a new one.", name);
		return ISCSI_ERR_INVAL;
	}
	if (user && (k->flags & IDBM_K_LOOKUP)) {
		idbm_msg_add(msg, msgsz, "Cannot modify %s. It is used to look "
			     "up the record and cannot be changed.", name);
		return ISCSI_ERR_INVAL;
	}
	p = (char *)rec + base + k->off;
	rc = idbm_store(k, name, p, value, flags, msg, msgsz);
	if (rc) {
		if (k->type == IDBM_T_ENUM)
			idbm_msg_add(msg, msgsz, "Unknown parameter %s.", name);
		return rc;
	}
	/* a secret's hidden length key follows it in the table */
	if ((k->flags & IDBM_K_MASK) && (k[1].flags & IDBM_K_HIDE))
		*(int *)(void *)((char *)rec + base + k[1].off) =
			(int)strlen(p);
	return 0;
}

static int idbm_fmt_val(const struct idbm_key *k, const char *p, char *out,
			size_t outsz)
{
	size_t used = 0;
	int n = 0;

	switch (k->type) {
	case IDBM_T_STR:
		n = snprintf(out, outsz, "%s", p);
		break;
	case IDBM_T_INT:
		n = snprintf(out, outsz, "%d", *(const int *)(const void *)p);
		break;
	case IDBM_T_U8:
		n = snprintf(out, outsz, "%u", *(const uint8_t *)p);
		break;
	case IDBM_T_U16:
		n = snprintf(out, outsz, "%u",
			     *(const uint16_t *)(const void *)p);
		break;
	case IDBM_T_U32:
		n = snprintf(out, outsz, "%u",
			     *(const uint32_t *)(const void *)p);
		break;
	case IDBM_T_ENUM: {
		int v = *(const int *)(const void *)p;
		const char *o = idbm_key_values(k);

		for (; v > 0 && *o; v--)
			o = strlist_next(o);
		n = snprintf(out, outsz, "%s", v ? "" : o);
		break;
	}
	case IDBM_T_ALGS: {
		const int *algs = (const int *)(const void *)p;

		if (outsz)
			out[0] = '\0';
		for (int i = 0; i < IDBM_CHAP_ALGS_MAX && algs[i]; i++) {
			const char *nm = chap_alg_name(algs[i]);

			if (!nm)
				continue;
			n = snprintf(out + used, outsz > used ? outsz - used : 0,
				     "%s%s", used ? "," : "", nm);
			if (n < 0)
				return -ENOSPC;
			used += (size_t)n;
		}
		n = (int)used;
		break;
	}
	}
	return n < 0 || (size_t)n >= outsz ? -ENOSPC : 0;
}

int idbm_rec_get(enum idbm_kind kind, const void *rec, const char *name,
		 char *out, size_t outsz)
{
	const struct idbm_key *k;
	unsigned segflags;
	size_t base;

	k = idbm_find(kind, rec, name, 0, &base, &segflags);
	if (!k)
		return -ENOENT;
	return idbm_fmt_val(k, (const char *)rec + base + k->off, out, outsz);
}

int idbm_rec_line(enum idbm_kind kind, void *rec, const char *name,
		  const char *value, char *line, size_t linesz)
{
	const struct idbm_key *k;
	char msg[256] = "";
	unsigned segflags;
	size_t base;
	int n;

	k = idbm_find(kind, rec, name, 1, &base, &segflags);
	/* iface keys depend on the record's address; hidden keys and empty
	 * values have no line; warnings are said per record */
	if (!k || (segflags & IDBM_SEG_IFACE) || (k->flags & IDBM_K_HIDE) ||
	    idbm_rec_set(kind, rec, name, value, IDBM_SET_USER, msg,
			 sizeof(msg)) || msg[0])
		return -EAGAIN;
	n = snprintf(line, linesz, "%s = ", name);
	if (n < 0 || (size_t)n >= linesz ||
	    idbm_fmt_val(k, (const char *)rec + base + k->off, line + n,
			 linesz - (size_t)n) || !line[n])
		return -EAGAIN;
	return 0;
}

struct idbm_buf {
	char *data;
	size_t len, cap;
	int oom;
};

static void idbm_buf_add(struct idbm_buf *b, const char *a, const char *c,
			 const char *d)
{
	size_t la = strlen(a), lc = strlen(c), ld = strlen(d);
	size_t need = b->len + la + lc + ld + 1;

	if (b->oom)
		return;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		char *n;

		while (cap < need)
			cap *= 2;
		n = realloc(b->data, cap);
		if (!n) {
			b->oom = 1;
			return;
		}
		b->data = n;
		b->cap = cap;
	}
	memcpy(b->data + b->len, a, la);
	memcpy(b->data + b->len + la, c, lc);
	memcpy(b->data + b->len + la + lc, d, ld);
	b->len += la + lc + ld;
	b->data[b->len] = '\0';
}

/* In a node record FILE (not in dumps, not in iface files) open-iscsi
 * 2.1.8 writes these iface keys first, in this order; the other iface
 * keys keep the table order.  (Names after "iface.") */
static const char *const idbm_node_iface_first[] = {
	"hwaddress", "ipaddress", "iscsi_ifacename",
	"net_ifacename", "gateway", "subnet_mask",
};
#define IDBM_N_FIRST \
	(sizeof(idbm_node_iface_first) / sizeof(idbm_node_iface_first[0]))

static int idbm_is_first(const char *name)
{
	for (size_t i = 0; i < IDBM_N_FIRST; i++)
		if (!strcmp(name, idbm_node_iface_first[i]))
			return 1;
	return 0;
}

static void idbm_format_key(struct idbm_buf *b, const struct idbm_key *k,
			    const char *sfx, const char *base, unsigned flags,
			    int early)
{
	char val[IDBM_LINE_MAX];
	const char *shown = val;

	if (k->flags & IDBM_K_HIDE)
		return;
	if (!early && (k->flags & (IDBM_K_V4 | IDBM_K_V6))) {
		const struct idbm_iface *ifc = (const void *)base;
		int v6 = idbm_addr_is_ipv6(ifc->ipaddress);

		if (!(k->flags & (v6 ? IDBM_K_V6 : IDBM_K_V4)))
			return;
	}
	if (idbm_fmt_val(k, base + k->off, val, sizeof(val)))
		val[0] = '\0';
	if (!val[0] && !(flags & IDBM_FMT_DUMP))
		return;
	if (!val[0])
		shown = "<empty>";
	else if ((k->flags & IDBM_K_MASK) && (flags & IDBM_FMT_DUMP) &&
		 !(flags & IDBM_FMT_SECRETS))
		shown = "********";
	idbm_buf_add(b, idbm_key_prefix(k), sfx, " = ");
	idbm_buf_add(b, shown, "\n", "");
}

static void idbm_format_seg(struct idbm_buf *b, const struct idbm_seg *seg,
			    const void *rec, unsigned flags)
{
	const char *base = (const char *)rec + seg->base;
	int reorder = (seg->flags & IDBM_SEG_IFACE) && !(flags & IDBM_FMT_DUMP);

	const char *sfx;
	size_t i;

	for (size_t f = 0; reorder && f < IDBM_N_FIRST; f++)
		for (i = 0, sfx = seg->names; i < seg->nkeys;
		     i++, sfx = strlist_next(sfx))
			if (!strcmp(sfx, idbm_node_iface_first[f]))
				idbm_format_key(b, &seg->keys[i], sfx, base,
						flags, 1);
	for (i = 0, sfx = seg->names; i < seg->nkeys;
	     i++, sfx = strlist_next(sfx))
		if (!reorder || !idbm_is_first(sfx))
			idbm_format_key(b, &seg->keys[i], sfx, base, flags,
					0);
}

char *idbm_rec_format(enum idbm_kind kind, const void *rec, unsigned flags,
		      size_t *len)
{
	struct idbm_buf b = { 0 };
	struct idbm_seg segs[3];
	size_t n = idbm_kind_segs(kind, rec, segs);

	idbm_buf_add(&b, "# BEGIN RECORD ", ISCSIBOX_COMPAT_VERSION, "\n");
	for (size_t s = 0; s < n; s++)
		idbm_format_seg(&b, &segs[s], rec, flags);
	idbm_buf_add(&b, "# END RECORD\n", "", "");
	if (b.oom) {
		free(b.data);
		return NULL;
	}
	if (len)
		*len = b.len;
	return b.data;
}
