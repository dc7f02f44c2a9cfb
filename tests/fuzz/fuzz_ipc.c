/* SPDX-License-Identifier: MIT */
/* fuzz_ipc.c - libFuzzer harness for the iscsiadm <-> iscsid protocol
 * (core/ipc.h), both directions: the input is one received stream.  It
 * is framed with ipc_frame_len() as the sockets do, each frame decoded
 * with ipc_decode(); a request's record then goes through the parser
 * iscsid uses (idbm_rec_parse), and a reply's states and counters
 * through the names iscsiadm prints.  A decoded message must encode
 * again and decode to the same message. */
#include "core/idbm.h"
#include "core/ipc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(const struct ipc_msg *a, const struct ipc_msg *b)
{
	uint32_t i;

	if (a->cmd != b->cmd || a->flags != b->flags || a->err != b->err ||
	    a->has != b->has || a->n_custom != b->n_custom)
		return 0;
	if ((a->has & IPC_HAS_SID) && a->sid != b->sid)
		return 0;
	if ((a->has & IPC_HAS_RECORD) &&
	    (a->record_len != b->record_len ||
	     memcmp(a->record, b->record, a->record_len)))
		return 0;
	if ((a->has & IPC_HAS_TEXT) && strcmp(a->text, b->text))
		return 0;
	if ((a->has & IPC_HAS_STATE) && (a->conn_state != b->conn_state ||
					 a->sess_state != b->sess_state))
		return 0;
	if ((a->has & IPC_HAS_PRIORITY) && a->priority != b->priority)
		return 0;
	if ((a->has & IPC_HAS_STATS) &&
	    memcmp(a->stats, b->stats, sizeof(a->stats)))
		return 0;
	for (i = 0; i < a->n_custom; i++)
		if (strcmp(a->custom[i].desc, b->custom[i].desc) ||
		    a->custom[i].value != b->custom[i].value)
			return 0;
	return 1;
}

static void use(const struct ipc_msg *m)
{
	struct idbm_node *n;
	char msg[512];
	unsigned i;

	if (!(m->flags & IPC_F_REPLY) && (m->has & IPC_HAS_RECORD)) {
		n = malloc(sizeof(*n));
		if (!n)
			return;
		idbm_node_init(n);
		msg[0] = '\0';
		idbm_rec_parse(IDBM_KIND_NODE, n, m->record, m->record_len,
			       "iscsiadm request", 0, msg, sizeof(msg));
		free(n);
		return;
	}
	if (!ipc_conn_state_str(m->conn_state) ||
	    !ipc_sess_state_str(m->sess_state))
		abort();
	for (i = 0; i < IPC_STATS_N; i++)
		if (!ipc_stats_name(i))
			abort();
	if (m->n_custom > IPC_CUSTOM_MAX || strlen(m->text) >= IPC_TEXT_MAX)
		abort();
	for (i = 0; i < m->n_custom; i++)
		if (strlen(m->custom[i].desc) >= IPC_CUSTOM_DESC)
			abort();
}

static void one(const uint8_t *frame, size_t len, uint8_t *buf)
{
	struct ipc_msg m, again;
	int n;

	if (ipc_decode(frame, len, &m))
		return;
	use(&m);
	n = ipc_encode(&m, buf, IPC_MSG_MAX);
	if (n < 0 || ipc_frame_len(buf, (size_t)n) != n ||
	    ipc_decode(buf, (size_t)n, &again) || !same(&m, &again))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(IPC_MSG_MAX);
	size_t off = 0;
	long flen;

	if (!buf)
		return 0;
	while (off < size) {
		flen = ipc_frame_len(data + off, size - off);
		if (flen < 0)
			break;	/* the sockets drop the peer here */
		if (flen == 0 || (size_t)flen > size - off) {
			if (flen && flen < (long)IPC_HDR_LEN)
				abort();
			break;	/* waits for more bytes */
		}
		one(data + off, (size_t)flen, buf);
		off += (size_t)flen;
	}
	free(buf);
	return 0;
}
