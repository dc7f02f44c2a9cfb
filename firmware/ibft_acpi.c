/* SPDX-License-Identifier: MIT */
/* ibft_acpi.c - parser for the raw iSCSI Boot Firmware Table (iBFT 1.03:
 * ACPI header, control structure, initiator/NIC/target structures and
 * their string heap) into the record model of ibft.h.
 *
 * Acceptance follows the kernel's iscsi_ibft.c so that a table gives the
 * same records raw as through /sys/firmware/ibft:
 *  - whole table refused: revision other than 1, bad byte checksum, a
 *    control structure that is not id 1 / length 18 / index 0, two
 *    structures that would get the same sysfs directory;
 *  - structure skipped (the rest stays usable): unknown id, a length that
 *    is not exactly the structure size, and - where the kernel would read
 *    past the table - anything that does not fit: the structure itself,
 *    a string outside the table, a string with a NUL or control byte, or
 *    one longer than open-iscsi's field.  Structures may not overlap
 *    each other or the header. */
#include "firmware/ibft.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define IBFT_HDR_LEN 48		/* ACPI header (36) + 12 reserved */
#define IBFT_CTRL_LEN 18
#define IBFT_INI_LEN 74
#define IBFT_NIC_LEN 102
#define IBFT_TGT_LEN 54
#define IBFT_CTRL_SLOTS 5	/* initiator, nic0, tgt0, nic1, tgt1 */

enum { ID_CONTROL = 1, ID_INITIATOR, ID_NIC, ID_TARGET, ID_EXTENSIONS };

struct span {
	const uint8_t *t;	/* the table */
	size_t len;		/* its length (header field, <= buffer) */
};

static unsigned le16(const uint8_t *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}

static void why(struct ibft *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Keep the first problem: it is the one the user should fix first. */
static void why(struct ibft *t, const char *fmt, ...)
{
	va_list ap;

	if (t->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(t->why, sizeof(t->why), fmt, ap);
	va_end(ap);
}

void ibft_init(struct ibft *t)
{
	memset(t, 0, sizeof(*t));
	t->ini.index = t->ini.flags = -1;
}

/* A (length, offset) string of structure field @f.  Length 0 is "no
 * string".  0 or -1 (reason recorded). */
static int get_str(const struct span *s, struct ibft *t, const uint8_t *f,
		   const char *what, char *out, size_t outsz)
{
	unsigned n = le16(f), off = le16(f + 2), i;

	out[0] = '\0';
	if (!n)
		return 0;
	if (!off || (size_t)off + n > s->len) {
		why(t, "iBFT: %s (%u bytes at offset %u) lies outside the "
		    "table of %zu bytes", what, n, off, s->len);
		return -1;
	}
	if (n >= outsz) {
		why(t, "iBFT: %s is %u bytes long, at most %zu allowed", what,
		    n, outsz - 1);
		return -1;
	}
	for (i = 0; i < n; i++) {
		uint8_t c = s->t[off + i];

		if (c < 0x20 || c == 0x7f) {
			why(t, "iBFT: %s has a %s byte at offset %u", what,
			    c ? "control" : "NUL", off + i);
			return -1;
		}
	}
	memcpy(out, s->t + off, n);
	out[n] = '\0';
	return 0;
}

static void get_addr(const uint8_t *ip, char *out)
{
	if (ibft_addr_set(ip))
		ibft_fmt_addr(ip, out);
	else
		out[0] = '\0';
}

static int parse_initiator(const struct span *s, const uint8_t *p,
			   struct ibft *t)
{
	struct ibft_initiator *ini = &t->ini;

	if (ini->present) {
		why(t, "iBFT: two initiator structures");
		return -EBADMSG;
	}
	if (get_str(s, t, p + 70, "initiator name", ini->name,
		    sizeof(ini->name)))
		return 0;
	ini->present = 1;
	ini->index = p[4];
	ini->flags = p[5];
	return 0;
}

static int parse_nic(const struct span *s, const uint8_t *p, struct ibft *t)
{
	struct ibft_nic *n = &t->nics[t->n_nics];
	int i;

	for (i = 0; i < t->n_nics; i++)
		if (t->nics[i].index == p[4]) {
			why(t, "iBFT: two NIC structures with index %u", p[4]);
			return -EBADMSG;
		}
	memset(n, 0, sizeof(*n));
	/* The kernel shows a hostname whenever its offset is set. */
	if (le16(p + 100) &&
	    get_str(s, t, p + 98, "NIC hostname", n->hostname,
		    sizeof(n->hostname)))
		return 0;
	snprintf(n->dir, sizeof(n->dir), "ethernet%u", p[4]);
	n->index = p[4];
	n->flags = p[5];
	get_addr(p + 6, n->ip);
	n->prefix = p[22];
	if (n->prefix)
		ibft_fmt_mask(p[22], n->mask);
	n->origin = p[23];
	get_addr(p + 24, n->gateway);
	get_addr(p + 40, n->dns1);
	get_addr(p + 56, n->dns2);
	get_addr(p + 72, n->dhcp);
	snprintf(n->vlan, sizeof(n->vlan), "%u", le16(p + 88));
	ibft_fmt_mac(p + 90, n->mac);
	n->pci_bdf = (int)le16(p + 96);
	t->n_nics++;
	return 0;
}

static int parse_target(const struct span *s, const uint8_t *p,
			struct ibft *t)
{
	struct ibft_tgt *g = &t->tgts[t->n_tgts];
	int i;

	for (i = 0; i < t->n_tgts; i++)
		if (t->tgts[i].index == p[4]) {
			why(t, "iBFT: two target structures with index %u",
			    p[4]);
			return -EBADMSG;
		}
	memset(g, 0, sizeof(*g));
	if (get_str(s, t, p + 34, "target name", g->name, sizeof(g->name)))
		return 0;
	/* The kernel shows a secret only beside its name. */
	if (le16(p + 38) &&
	    (get_str(s, t, p + 38, "CHAP name", g->chap_name,
		     sizeof(g->chap_name)) ||
	     get_str(s, t, p + 42, "CHAP secret", g->chap_secret,
		     sizeof(g->chap_secret))))
		return 0;
	if (le16(p + 46) &&
	    (get_str(s, t, p + 46, "reverse CHAP name", g->rchap_name,
		     sizeof(g->rchap_name)) ||
	     get_str(s, t, p + 50, "reverse CHAP secret", g->rchap_secret,
		     sizeof(g->rchap_secret))))
		return 0;
	snprintf(g->dir, sizeof(g->dir), "target%u", p[4]);
	g->index = p[4];
	g->flags = p[5];
	ibft_fmt_addr(p + 6, g->ip);
	g->port = (int)le16(p + 22);
	ibft_fmt_lun(p + 24, g->lun);
	g->chap_type = p[32];
	g->nic_assoc = p[33];
	t->n_tgts++;
	return 0;
}

/* One structure the control block points at.  Returns -EBADMSG only
 * when the kernel would drop the whole table. */
static int parse_struct(const struct span *s, unsigned off, size_t used[][2],
			int *n_used, struct ibft *t)
{
	static const char *const names[] = { NULL, NULL, "initiator", "NIC",
					     "target" };
	static const unsigned sizes[] = { 0, 0, IBFT_INI_LEN, IBFT_NIC_LEN,
					  IBFT_TGT_LEN };
	const uint8_t *p = s->t + off;
	unsigned id, len;
	int i;

	if ((size_t)off + 6 > s->len) {
		why(t, "iBFT: structure at offset %u runs past the end of the "
		    "table", off);
		return 0;
	}
	id = p[0];
	len = le16(p + 2);
	if (id == 0 || id == ID_CONTROL || id == ID_EXTENSIONS)
		return 0;	/* not exported by the kernel either */
	if (id > ID_TARGET) {
		why(t, "iBFT: unknown structure type %u at offset %u", id, off);
		return 0;
	}
	if (len != sizes[id]) {
		why(t, "iBFT: %s structure at offset %u has length %u, "
		    "expected %u", names[id], off, len, sizes[id]);
		return 0;
	}
	if ((size_t)off + len > s->len) {
		why(t, "iBFT: %s structure at offset %u runs past the end of "
		    "the table", names[id], off);
		return 0;
	}
	for (i = 0; i < *n_used; i++)
		if (off < used[i][1] && used[i][0] < (size_t)off + len) {
			why(t, "iBFT: %s structure at offset %u overlaps "
			    "another structure", names[id], off);
			return 0;
		}
	if ((id == ID_NIC && t->n_nics == IBFT_MAX_NICS) ||
	    (id == ID_TARGET && t->n_tgts == IBFT_MAX_TGTS))
		return 0;
	used[*n_used][0] = off;
	used[*n_used][1] = (size_t)off + len;
	(*n_used)++;
	if (id == ID_INITIATOR)
		return parse_initiator(s, p, t);
	if (id == ID_NIC)
		return parse_nic(s, p, t);
	return parse_target(s, p, t);
}

static int check_header(const uint8_t *buf, size_t len, struct ibft *t,
			struct span *s)
{
	uint32_t tlen;
	uint8_t sum = 0;
	size_t i;

	if (len < IBFT_HDR_LEN + IBFT_CTRL_LEN) {
		why(t, "iBFT: table truncated (%zu bytes)", len);
		return -EBADMSG;
	}
	if (memcmp(buf, "iBFT", 4) && memcmp(buf, "IBFT", 4) &&
	    memcmp(buf, "BIFT", 4)) {
		why(t, "iBFT: bad signature");
		return -EBADMSG;
	}
	tlen = le32(buf + 4);
	if (tlen < IBFT_HDR_LEN + IBFT_CTRL_LEN || tlen > len) {
		why(t, "iBFT: table length %u does not fit the %zu bytes read",
		    tlen, len);
		return -EBADMSG;
	}
	if (buf[8] != 1) {
		why(t, "iBFT: only revision 1 is supported, while this is %u",
		    buf[8]);
		return -EPROTO;
	}
	for (i = 0; i < tlen; i++)
		sum = (uint8_t)(sum + buf[i]);
	if (sum) {
		why(t, "iBFT: incorrect checksum (0x%x)", sum);
		return -EBADMSG;
	}
	s->t = buf;
	s->len = tlen;
	memcpy(t->signature, buf, 4);
	for (i = 0; i < 6 && buf[10 + i] >= 0x20 && buf[10 + i] < 0x7f; i++)
		t->oem_id[i] = (char)buf[10 + i];
	for (i = 0; i < 8 && buf[16 + i] >= 0x20 && buf[16 + i] < 0x7f; i++)
		t->oem_table_id[i] = (char)buf[16 + i];
	return 0;
}

int ibft_parse(const uint8_t *buf, size_t len, struct ibft *t)
{
	const uint8_t *c = buf + IBFT_HDR_LEN;
	size_t used[IBFT_CTRL_SLOTS + 1][2];
	struct span s;
	int i, n_used = 1, rc;

	ibft_init(t);
	snprintf(t->subsys, sizeof(t->subsys), "ibft");
	rc = check_header(buf, len, t, &s);
	if (rc)
		return rc;
	if (c[0] != ID_CONTROL || le16(c + 2) != IBFT_CTRL_LEN || c[4]) {
		why(t, "iBFT: control structure is invalid (id %u, length %u, "
		    "index %u)", c[0], le16(c + 2), c[4]);
		return -EBADMSG;
	}
	used[0][0] = 0;
	used[0][1] = IBFT_HDR_LEN + IBFT_CTRL_LEN;
	for (i = 0; i < IBFT_CTRL_SLOTS; i++) {
		unsigned off = le16(c + 8 + 2 * i);

		/* The kernel's own bound: below the table length and below
		 * its length minus the header.  Anything else is "unused". */
		if (!off || off >= s.len || off >= s.len - IBFT_HDR_LEN)
			continue;
		rc = parse_struct(&s, off, used, &n_used, t);
		if (rc) {
			t->n_nics = t->n_tgts = 0;
			t->ini.present = 0;
			return rc;
		}
	}
	return 0;
}
