/* SPDX-License-Identifier: MIT */
/* cmdline.c - parse the kernel command line's iSCSI boot words
 * (cmdline.h): the RFC 4173 root path as dracut and initramfs-tools
 * write it, and their rd.iscsi.* / iscsi_* settings. */
#include "firmware/cmdline.h"

#include "core/num.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CL_WORD_MAX 1024

/* One parsed word, kept only while the line is walked. */
struct cl_state {
	struct cmdline_iscsi *out;
	struct cmdline_tgt extra;	/* *_target_* words */
	int extra_ip, extra_name;
	char user[CMDLINE_AUTH_MAX], pass[CMDLINE_AUTH_MAX];
	char user_in[CMDLINE_AUTH_MAX], pass_in[CMDLINE_AUTH_MAX];
	int bad;
};

/* Remember the first problem as "why: word" (the word cut if long). */
static int cl_fail(struct cl_state *st, const char *why, const char *word)
{
	if (!st->bad)
		snprintf(st->out->why, sizeof(st->out->why), "%s: %.100s", why,
			 word);
	st->bad = 1;
	return -EINVAL;
}

/* Copy at most len bytes of s into out (size sz); -1 if it does not fit. */
static int cl_copy(char *out, size_t sz, const char *s, size_t len)
{
	if (len >= sz)
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

static int cl_set(char *out, size_t sz, const char *v)
{
	return cl_copy(out, sz, v, strlen(v));
}

/* Next word of [*p, end) into w (kernel rules: blanks split, double
 * quotes group and are dropped).  0 at the end, -1 for a word too long
 * (skipped), 1 otherwise. */
static int cl_word(const char **p, const char *end, char *w, size_t wsz)
{
	const char *s = *p;
	size_t n = 0;
	int quoted = 0, over = 0;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || !*s))
		s++;
	if (s == end)
		return 0;
	for (; s < end && *s && (quoted || (*s != ' ' && *s != '\t' &&
					    *s != '\n')); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (n + 1 < wsz)
			w[n++] = *s;
		else
			over = 1;
	}
	w[n] = '\0';
	*p = s;
	return over ? -1 : 1;
}

static int cl_has_name_prefix(const char *s)
{
	return strncmp(s, "iqn.", 4) == 0 || strncmp(s, "eui.", 4) == 0 ||
	       strncmp(s, "naa.", 4) == 0;
}

/* SPEC's fields after the credentials: split on ':' outside brackets. */
#define CL_FIELDS 8
static int cl_split(char *s, char **f)
{
	int n = 0, br = 0;

	f[n++] = s;
	for (; *s; s++) {
		if (*s == '[')
			br = 1;
		else if (*s == ']')
			br = 0;
		else if (*s == ':' && !br) {
			if (n == CL_FIELDS)
				return -1;
			*s = '\0';
			f[n++] = s + 1;
		}
	}
	return br ? -1 : n;
}

static int cl_colons(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == ':';
	return n;
}

static int cl_auth(struct cl_state *st, struct cmdline_tgt *t, char *auth,
		   const char *word)
{
	char *f[5];
	int n = 0;

	f[n++] = auth;
	for (char *s = auth; *s; s++)
		if (*s == ':') {
			if (n == 5)
				return cl_fail(st, "too many credential fields",
					       word);
			*s = '\0';
			f[n++] = s + 1;
		}
	if (n != 2 && n != 4)
		return cl_fail(st, "credentials must be USER:PASS[:INUSER:"
				   "INPASS]", word);
	if (cl_set(t->user, sizeof(t->user), f[0]) ||
	    cl_set(t->pass, sizeof(t->pass), f[1]) ||
	    (n == 4 && (cl_set(t->user_in, sizeof(t->user_in), f[2]) ||
			cl_set(t->pass_in, sizeof(t->pass_in), f[3]))))
		return cl_fail(st, "credential too long", word);
	return 0;
}

/* SPEC (after "iscsi:") into a new target. */
static int cl_spec(struct cl_state *st, const char *spec, const char *word)
{
	struct cmdline_iscsi *o = st->out;
	struct cmdline_tgt t;
	char buf[CL_WORD_MAX], *v = buf, *at, *name = NULL, *f[CL_FIELDS];
	uint32_t u;
	int n, i;

	memset(&t, 0, sizeof(t));
	t.tpgt = -1;
	if (cl_set(buf, sizeof(buf), spec))
		return cl_fail(st, "root path too long", word);
	/* Credentials end at the first '@' only when the four ':' of the
	 * path follow it, and may be empty, so a target name may hold an
	 * '@' (dracut's parse_iscsi_root, same rule). */
	at = strchr(v, '@');
	if (at && cl_colons(at + 1) >= 4) {
		*at = '\0';
		if (*v && cl_auth(st, &t, v, word))
			return -EINVAL;
		v = at + 1;
	}
	/* A name with a known prefix may hold colons: cut it off first. */
	for (char *s = v; (s = strchr(s, ':')); s++)
		if (cl_has_name_prefix(s + 1)) {
			*s = '\0';
			name = s + 1;
			break;
		}
	n = cl_split(v, f);
	if (n < 0)
		return cl_fail(st, "malformed root path", word);
	if (!name)
		name = f[--n];
	/* SERVER:PROTO:PORT:LUN or SERVER:PROTO:PORT:IFACE:NETDEV:LUN */
	if (n != 4 && n != 6)
		return cl_fail(st, "root path needs SERVER:PROTO:PORT:LUN:TARGET",
			       word);
	if (!*name || cl_set(t.name, sizeof(t.name), name))
		return cl_fail(st, "bad target name", word);
	if (f[0][0] == '[') {
		size_t l = strlen(f[0]);

		if (l < 3 || f[0][l - 1] != ']')
			return cl_fail(st, "bad IPv6 address", word);
		if (cl_copy(t.address, sizeof(t.address), f[0] + 1, l - 2))
			return cl_fail(st, "address too long", word);
	} else if (cl_set(t.address, sizeof(t.address), f[0])) {
		return cl_fail(st, "address too long", word);
	}
	if (!t.address[0])
		return cl_fail(st, "no target address", word);
	if (f[1][0] && strcmp(f[1], "6") != 0)
		return cl_fail(st, "protocol is not TCP (6)", word);
	t.port = 3260;
	if (f[2][0]) {
		if (num_parse_u32(f[2], 1, 65535, &u) < 0)
			return cl_fail(st, "bad port", word);
		t.port = (int)u;
	}
	i = 3;
	if (n == 6) {
		if (cl_set(t.iface, sizeof(t.iface), f[3]) ||
		    cl_set(t.netdev, sizeof(t.netdev), f[4]))
			return cl_fail(st, "interface name too long", word);
		i = 5;
	}
	if (f[i][0]) {
		if (num_parse_u32(f[i], 0, UINT32_MAX, &u) < 0)
			return cl_fail(st, "bad LUN", word);
		t.lun = u;
	}
	for (i = 0; i < o->n_tgts; i++)
		if (strcmp(o->tgt[i].name, t.name) == 0 &&
		    strcmp(o->tgt[i].address, t.address) == 0 &&
		    o->tgt[i].port == t.port)
			return 0;	/* netroot= and root= naming one */
	if (o->n_tgts == CMDLINE_MAX_TGTS)
		return cl_fail(st, "too many targets", word);
	o->tgt[o->n_tgts++] = t;
	return 0;
}

/* name=value settings that take a string; NULL if w is none of them. */
static char *cl_str_slot(struct cl_state *st, const char *k, size_t *sz)
{
	static const struct {
		const char *key;
		size_t off;	/* into cl_state, or SIZE_MAX: initiator */
	} keys[] = {
		{ "rd.iscsi.username", offsetof(struct cl_state, user) },
		{ "iscsi_username", offsetof(struct cl_state, user) },
		{ "rd.iscsi.password", offsetof(struct cl_state, pass) },
		{ "iscsi_password", offsetof(struct cl_state, pass) },
		{ "rd.iscsi.in.username", offsetof(struct cl_state, user_in) },
		{ "iscsi_in_username", offsetof(struct cl_state, user_in) },
		{ "rd.iscsi.in.password", offsetof(struct cl_state, pass_in) },
		{ "iscsi_in_password", offsetof(struct cl_state, pass_in) },
	};
	size_t i;

	if (!strcmp(k, "rd.iscsi.initiator") || !strcmp(k, "iscsi_initiator")) {
		*sz = sizeof(st->out->initiator);
		return st->out->initiator;
	}
	if (!strcmp(k, "rd.iscsi.target.name") ||
	    !strcmp(k, "iscsi_target_name")) {
		st->extra_name = 1;
		*sz = sizeof(st->extra.name);
		return st->extra.name;
	}
	if (!strcmp(k, "rd.iscsi.target.ip") || !strcmp(k, "iscsi_target_ip")) {
		st->extra_ip = 1;
		*sz = sizeof(st->extra.address);
		return st->extra.address;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(k, keys[i].key)) {
			*sz = CMDLINE_AUTH_MAX;
			return (char *)st + keys[i].off;
		}
	return NULL;
}

static int cl_setting(struct cl_state *st, char *w)
{
	struct cmdline_iscsi *o = st->out;
	char *eq = strchr(w, '='), *slot;
	const char *v;
	size_t sz;
	uint32_t u;

	if (!strcmp(w, "iscsi_auto") || !strcmp(w, "iscsi_firmware") ||
	    !strcmp(w, "rd.iscsi.firmware") || !strcmp(w, "rd.iscsi.ibft")) {
		o->firmware = 1;
		return 0;
	}
	if (!eq)
		return 0;
	*eq = '\0';
	v = eq + 1;
	if (!strcmp(w, "netroot") || !strcmp(w, "root")) {
		*eq = '=';
		return strncmp(v, "iscsi:", 6) ? 0 : cl_spec(st, v + 6, w);
	}
	if (!strcmp(w, "rd.iscsi.firmware") || !strcmp(w, "rd.iscsi.ibft")) {
		/* rd.iscsi.firmware=0 switches it off again (dracut's
		 * getargbool) */
		o->firmware = !(strcmp(v, "0") == 0 || strcmp(v, "no") == 0 ||
				strcmp(v, "off") == 0);
		return 0;
	}
	if (!strcmp(w, "rd.iscsi.target.port") ||
	    !strcmp(w, "iscsi_target_port") ||
	    !strcmp(w, "rd.iscsi.target.group") ||
	    !strcmp(w, "iscsi_target_group") ||
	    !strcmp(w, "rd.iscsi.login_retry_max")) {
		/* (compared, not strstr(): that would link musl's two-way
		 * search into iscsistart for five fixed names) */
		int is_port = !strcmp(w + strlen(w) - 4, "port");
		int is_retry = !strcmp(w, "rd.iscsi.login_retry_max");

		*eq = '=';
		if (num_parse_u32(v, is_port ? 1 : 0, 65535, &u) < 0)
			return cl_fail(st, "bad number", w);
		if (is_retry)
			o->login_retry_max = (int)u;
		else if (is_port)
			st->extra.port = (int)u;
		else
			st->extra.tpgt = (int)u;
		return 0;
	}
	if (!strcmp(w, "rd.iscsi.param")) {
		*eq = '=';
		if (!strchr(v, '=') || v[0] == '=')
			return cl_fail(st, "rd.iscsi.param needs NAME=VALUE", w);
		if (o->n_params == CMDLINE_MAX_PARAMS)
			return cl_fail(st, "too many rd.iscsi.param", w);
		if (cl_set(o->param[o->n_params], CMDLINE_PARAM_MAX, v))
			return cl_fail(st, "rd.iscsi.param too long", w);
		o->n_params++;
		return 0;
	}
	slot = cl_str_slot(st, w, &sz);
	*eq = '=';
	if (slot && cl_set(slot, sz, v))
		return cl_fail(st, "value too long", w);
	return 0;
}

/* Credentials from settings fill what each target's SPEC left empty. */
static void cl_fill_auth(struct cl_state *st, struct cmdline_tgt *t)
{
	if (!t->user[0] && !t->pass[0]) {
		memcpy(t->user, st->user, sizeof(t->user));
		memcpy(t->pass, st->pass, sizeof(t->pass));
	}
	if (!t->user_in[0] && !t->pass_in[0]) {
		memcpy(t->user_in, st->user_in, sizeof(t->user_in));
		memcpy(t->pass_in, st->pass_in, sizeof(t->pass_in));
	}
}

int cmdline_parse(const char *buf, size_t len, struct cmdline_iscsi *out)
{
	struct cl_state st;
	const char *p = buf, *end = buf + len;
	char w[CL_WORD_MAX];
	int r, i, bad;

	memset(out, 0, sizeof(*out));
	memset(&st, 0, sizeof(st));
	out->login_retry_max = -1;
	st.out = out;
	st.extra.port = 3260;
	st.extra.tpgt = -1;
	while ((r = cl_word(&p, end, w, sizeof(w))) != 0) {
		if (r < 0) {
			if (!strncmp(w, "netroot=", 8) || !strncmp(w, "root=", 5) ||
			    !strncmp(w, "rd.iscsi", 8) || !strncmp(w, "iscsi_", 6))
				cl_fail(&st, "word too long", w);
			continue;
		}
		cl_setting(&st, w);
	}
	if (st.extra_name && st.extra_ip && st.extra.name[0] &&
	    st.extra.address[0]) {
		if (out->n_tgts < CMDLINE_MAX_TGTS)
			out->tgt[out->n_tgts++] = st.extra;
		else
			cl_fail(&st, "too many targets", st.extra.name);
	}
	for (i = 0; i < out->n_tgts; i++) {
		if (out->tgt[i].tpgt < 0)
			out->tgt[i].tpgt = st.extra.tpgt;
		cl_fill_auth(&st, &out->tgt[i]);
	}
	bad = st.bad;
	explicit_bzero(&st, sizeof(st));	/* secrets */
	explicit_bzero(w, sizeof(w));
	return bad ? -EINVAL : out->n_tgts;
}
