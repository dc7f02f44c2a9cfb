/* SPDX-License-Identifier: MIT */
/* ipc.c - encode/decode of iscsibox's iscsiadm <-> iscsid messages
 * (ipc.h). */
#include "core/ipc.h"

#include "core/be.h"
#include "core/strlist.h"

#include <errno.h>
#include <string.h>

/* Append one item; *off advances.  -ENOSPC when it does not fit. */
static int ipc_item(uint8_t *buf, size_t cap, size_t *off, uint16_t tag,
		    const void *val, size_t len)
{
	if (len > 0xffff || *off + 4 + len > cap ||
	    *off + 4 + len > IPC_MSG_MAX)
		return -ENOSPC;
	be_put16(buf + *off, tag);
	be_put16(buf + *off + 2, (uint16_t)len);
	if (len)
		memcpy(buf + *off + 4, val, len);
	*off += 4 + len;
	return 0;
}

static int ipc_item32(uint8_t *buf, size_t cap, size_t *off, uint16_t tag,
		      uint32_t v)
{
	uint8_t b[4];

	be_put32(b, v);
	return ipc_item(buf, cap, off, tag, b, sizeof(b));
}

static void ipc_put64(uint8_t *p, uint64_t v)
{
	be_put32(p, (uint32_t)(v >> 32));
	be_put32(p + 4, (uint32_t)v);
}

static uint64_t ipc_get64(const uint8_t *p)
{
	return (uint64_t)be_get32(p) << 32 | be_get32(p + 4);
}

#define IPC_CUSTOM_LEN (IPC_CUSTOM_DESC + 8)

/* The counters and custom entries: two items. */
static int ipc_items_stats(uint8_t *buf, size_t cap, size_t *off,
			   const struct ipc_msg *m)
{
	uint8_t b[IPC_CUSTOM_MAX * IPC_CUSTOM_LEN];
	uint32_t i, n = m->n_custom;
	int rc;

	if (n > IPC_CUSTOM_MAX)
		return -EINVAL;
	for (i = 0; i < IPC_STATS_N; i++)
		ipc_put64(b + i * 8, m->stats[i]);
	rc = ipc_item(buf, cap, off, IPC_T_STATS, b, IPC_STATS_N * 8);
	if (rc || !n)
		return rc;
	memset(b, 0, sizeof(b));
	for (i = 0; i < n; i++) {
		uint8_t *e = b + i * IPC_CUSTOM_LEN;

		memcpy(e, m->custom[i].desc,
		       strnlen(m->custom[i].desc, IPC_CUSTOM_DESC - 1));
		ipc_put64(e + IPC_CUSTOM_DESC, m->custom[i].value);
	}
	return ipc_item(buf, cap, off, IPC_T_STATS_CUSTOM, b,
			n * IPC_CUSTOM_LEN);
}

int ipc_encode(const struct ipc_msg *m, uint8_t *buf, size_t cap)
{
	size_t off = IPC_HDR_LEN;
	int rc = 0;

	if (cap < IPC_HDR_LEN)
		return -ENOSPC;
	if ((m->has & IPC_HAS_RECORD) && memchr(m->record, 0, m->record_len))
		return -EINVAL;
	if (m->has & IPC_HAS_SID)
		rc = ipc_item32(buf, cap, &off, IPC_T_SID, m->sid);
	if (!rc && (m->has & IPC_HAS_RECORD))
		rc = ipc_item(buf, cap, &off, IPC_T_RECORD, m->record,
			      m->record_len);
	if (!rc && (m->has & IPC_HAS_TEXT))
		rc = ipc_item(buf, cap, &off, IPC_T_TEXT, m->text,
			      strnlen(m->text, sizeof(m->text) - 1));
	if (!rc && (m->has & IPC_HAS_STATE)) {
		rc = ipc_item32(buf, cap, &off, IPC_T_CONN_STATE,
				m->conn_state);
		if (!rc)
			rc = ipc_item32(buf, cap, &off, IPC_T_SESS_STATE,
					m->sess_state);
	}
	if (!rc && (m->has & IPC_HAS_PRIORITY))
		rc = ipc_item32(buf, cap, &off, IPC_T_PRIORITY, m->priority);
	if (!rc && (m->has & IPC_HAS_STATS))
		rc = ipc_items_stats(buf, cap, &off, m);
	if (rc)
		return rc;
	be_put32(buf, IPC_MAGIC);
	be_put16(buf + 4, m->cmd);
	be_put16(buf + 6, m->flags);
	be_put32(buf + 8, (uint32_t)m->err);
	be_put32(buf + 12, (uint32_t)(off - IPC_HDR_LEN));
	return (int)off;
}

long ipc_frame_len(const uint8_t *buf, size_t len)
{
	uint32_t plen;

	if (len < IPC_HDR_LEN)
		return 0;
	plen = be_get32(buf + 12);
	if (be_get32(buf) != IPC_MAGIC || plen > IPC_PAYLOAD_MAX)
		return -EBADMSG;
	return (long)(IPC_HDR_LEN + plen);
}

static void ipc_take_stats(struct ipc_msg *m, const uint8_t *v)
{
	unsigned i;

	for (i = 0; i < IPC_STATS_N; i++)
		m->stats[i] = ipc_get64(v + i * 8);
	m->has |= IPC_HAS_STATS;
}

/* Entries whose description fills all 64 bytes are cut at 63. */
static void ipc_take_custom(struct ipc_msg *m, const uint8_t *v,
			    uint16_t len)
{
	uint32_t i;

	m->n_custom = len / IPC_CUSTOM_LEN;
	for (i = 0; i < m->n_custom; i++) {
		const uint8_t *e = v + i * IPC_CUSTOM_LEN;

		memcpy(m->custom[i].desc, e, IPC_CUSTOM_DESC);
		m->custom[i].desc[IPC_CUSTOM_DESC - 1] = '\0';
		m->custom[i].value = ipc_get64(e + IPC_CUSTOM_DESC);
	}
}

/* One item's value into m; seen guards against repeated tags. */
static int ipc_take(struct ipc_msg *m, uint16_t tag, const uint8_t *v,
		    uint16_t len, unsigned *seen)
{
	unsigned bit = tag < 32 ? 1u << tag : 0;

	if (bit & *seen)
		return -EBADMSG;
	*seen |= bit;
	switch (tag) {
	case IPC_T_SID:
	case IPC_T_CONN_STATE:
	case IPC_T_SESS_STATE:
	case IPC_T_PRIORITY:
		if (len != 4)
			return -EBADMSG;
		break;
	case IPC_T_STATS:
		if (len != IPC_STATS_N * 8)
			return -EBADMSG;
		break;
	case IPC_T_STATS_CUSTOM:
		if (len % IPC_CUSTOM_LEN || len / IPC_CUSTOM_LEN > IPC_CUSTOM_MAX)
			return -EBADMSG;
		break;
	case IPC_T_RECORD:
	case IPC_T_TEXT:
		if (memchr(v, 0, len) ||
		    (tag == IPC_T_TEXT && len >= IPC_TEXT_MAX))
			return -EBADMSG;
		break;
	default:
		return 0;	/* a newer peer's item */
	}
	switch (tag) {
	case IPC_T_SID:
		m->sid = be_get32(v);
		m->has |= IPC_HAS_SID;
		break;
	case IPC_T_CONN_STATE:
		m->conn_state = be_get32(v);
		break;
	case IPC_T_SESS_STATE:
		m->sess_state = be_get32(v);
		m->has |= IPC_HAS_STATE;
		break;
	case IPC_T_PRIORITY:
		m->priority = be_get32(v);
		m->has |= IPC_HAS_PRIORITY;
		break;
	case IPC_T_RECORD:
		m->record = (const char *)v;
		m->record_len = len;
		m->has |= IPC_HAS_RECORD;
		break;
	case IPC_T_TEXT:
		memcpy(m->text, v, len);
		m->text[len] = '\0';
		m->has |= IPC_HAS_TEXT;
		break;
	case IPC_T_STATS:
		ipc_take_stats(m, v);
		break;
	case IPC_T_STATS_CUSTOM:
		ipc_take_custom(m, v, len);
		break;
	}
	return 0;
}

int ipc_decode(const uint8_t *buf, size_t len, struct ipc_msg *m)
{
	long flen = ipc_frame_len(buf, len);
	unsigned seen = 0;
	size_t off = IPC_HDR_LEN;

	memset(m, 0, sizeof(*m));
	if (flen <= 0 || (size_t)flen != len)
		return -EBADMSG;
	m->cmd = be_get16(buf + 4);
	m->flags = be_get16(buf + 6);
	m->err = (int32_t)be_get32(buf + 8);
	while (off < len) {
		uint16_t tag, ilen;

		if (len - off < 4)
			return -EBADMSG;
		tag = be_get16(buf + off);
		ilen = be_get16(buf + off + 2);
		if (ilen > len - off - 4)
			return -EBADMSG;
		if (ipc_take(m, tag, buf + off + 4, ilen, &seen) < 0)
			return -EBADMSG;
		off += 4 + (size_t)ilen;
	}
	if ((m->has & IPC_HAS_STATE) && !(seen & (1u << IPC_T_CONN_STATE)))
		return -EBADMSG;
	if (m->n_custom && !(m->has & IPC_HAS_STATS))
		return -EBADMSG;
	return 0;
}

const char *ipc_conn_state_str(uint32_t state)
{
	return strlist_at("FREE\0TRANSPORT WAIT\0IN LOGIN\0LOGGED IN\0"
			  "IN LOGOUT\0LOGOUT REQUESTED\0CLEANUP WAIT\0",
			  7, state > 7 ? -1 : (int)state, "Unknown");
}

const char *ipc_sess_state_str(uint32_t state)
{
	return strlist_at("NO CHANGE\0CLEANUP\0REOPEN\0REDIRECT\0", 4,
			  state > 4 ? -1 : (int)state, "Unknown");
}

const char *ipc_stats_name(unsigned i)
{
	/* IPC_STATS_N of them */
	static const char names[] =
		"txdata_octets\0rxdata_octets\0noptx_pdus\0"
		"scsicmd_pdus\0tmfcmd_pdus\0login_pdus\0text_pdus\0"
		"dataout_pdus\0logout_pdus\0snack_pdus\0noprx_pdus\0"
		"scsirsp_pdus\0tmfrsp_pdus\0textrsp_pdus\0datain_pdus\0"
		"logoutrsp_pdus\0r2t_pdus\0async_pdus\0rjt_pdus\0"
		"digest_err\0timeout_err\0";

	return i < IPC_STATS_N ? strlist_nth(names, i) : NULL;
}
