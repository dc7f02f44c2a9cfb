/* SPDX-License-Identifier: MIT */
/* pdu.h - iSCSI PDU codec (RFC 7143 §11): the 48-byte BHS as typed
 * views, building the initiator PDUs met during login, text, logout and
 * NOP, and bounded incremental receive.  No I/O here: callers write the
 * iovecs from pdu_iov() and feed received bytes to pdu_rx_feed().
 *
 * Ownership: pdu_new()/pdu_parse()/pdu_rx_feed() give the caller a PDU
 * it frees with pdu_delete(); pdu_delete(NULL) is a no-op. */
#ifndef ISCSIBOX_PDU_H
#define ISCSIBOX_PDU_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define ISCSI_BHS_LEN 48
#define ISCSI_DLEN_MAX 0xffffff		/* 24-bit DataSegmentLength */
#define ISCSI_RSVD_TAG 0xffffffffu

/* Opcodes (byte 0, low 6 bits) RFC 7143 §11.2.1.2 */
enum iscsi_opcode {
	ISCSI_OP_NOOP_OUT = 0x00,
	ISCSI_OP_SCSI_CMD = 0x01,
	ISCSI_OP_TMF = 0x02,
	ISCSI_OP_LOGIN = 0x03,
	ISCSI_OP_TEXT = 0x04,
	ISCSI_OP_DATA_OUT = 0x05,
	ISCSI_OP_LOGOUT = 0x06,
	ISCSI_OP_SNACK = 0x10,
	ISCSI_OP_NOOP_IN = 0x20,
	ISCSI_OP_SCSI_RSP = 0x21,
	ISCSI_OP_TMF_RSP = 0x22,
	ISCSI_OP_LOGIN_RSP = 0x23,
	ISCSI_OP_TEXT_RSP = 0x24,
	ISCSI_OP_DATA_IN = 0x25,
	ISCSI_OP_LOGOUT_RSP = 0x26,
	ISCSI_OP_R2T = 0x31,
	ISCSI_OP_ASYNC = 0x32,
	ISCSI_OP_REJECT = 0x3f,
};
#define ISCSI_OP_IMMEDIATE 0x40
#define ISCSI_OPCODE_MASK 0x3f

/* Byte 1 flags */
#define ISCSI_FLAG_FINAL 0x80		/* F (text, logout, nop) */
#define ISCSI_FLAG_LOGIN_TRANSIT 0x80	/* T */
#define ISCSI_FLAG_CONTINUE 0x40	/* C (login, text) */
#define ISCSI_LOGIN_CSG_MASK 0x0c
#define ISCSI_LOGIN_CSG_SHIFT 2
#define ISCSI_LOGIN_NSG_MASK 0x03

/* Login stages RFC 7143 §11.12.3 */
enum iscsi_stage {
	ISCSI_SECURITY_NEGOTIATION_STAGE = 0,
	ISCSI_OP_PARMS_NEGOTIATION_STAGE = 1,
	ISCSI_FULL_FEATURE_PHASE = 3,
};

/* Login status classes RFC 7143 §11.13.5 */
#define ISCSI_STATUS_CLS_SUCCESS 0x00
#define ISCSI_STATUS_CLS_REDIRECT 0x01
#define ISCSI_STATUS_CLS_INITIATOR_ERR 0x02
#define ISCSI_STATUS_CLS_TARGET_ERR 0x03

/* Generic BHS. Multi-byte fields are big-endian on the wire; use the
 * pdu_get/put helpers, never read them directly. */
struct iscsi_bhs {
	uint8_t opcode;
	uint8_t flags;
	uint8_t rsvd2[2];
	uint8_t ahslen;		/* TotalAHSLength in 4-byte words */
	uint8_t dlen[3];	/* DataSegmentLength */
	uint8_t lun[8];
	uint8_t itt[4];
	uint8_t opspec[28];
};

/* Login Request RFC 7143 §11.12 */
struct iscsi_login_req {
	uint8_t opcode;
	uint8_t flags;
	uint8_t max_version;
	uint8_t min_version;
	uint8_t ahslen;
	uint8_t dlen[3];
	uint8_t isid[6];
	uint8_t tsih[2];
	uint8_t itt[4];
	uint8_t cid[2];
	uint8_t rsvd22[2];
	uint8_t cmdsn[4];
	uint8_t exp_statsn[4];
	uint8_t rsvd32[16];
};

/* Login Response RFC 7143 §11.13 */
struct iscsi_login_rsp {
	uint8_t opcode;
	uint8_t flags;
	uint8_t max_version;
	uint8_t active_version;
	uint8_t ahslen;
	uint8_t dlen[3];
	uint8_t isid[6];
	uint8_t tsih[2];
	uint8_t itt[4];
	uint8_t rsvd20[4];
	uint8_t statsn[4];
	uint8_t exp_cmdsn[4];
	uint8_t max_cmdsn[4];
	uint8_t status_class;
	uint8_t status_detail;
	uint8_t rsvd38[10];
};

/* Text Request/Response RFC 7143 §11.10, §11.11 */
struct iscsi_text_hdr {
	uint8_t opcode;
	uint8_t flags;
	uint8_t rsvd2[2];
	uint8_t ahslen;
	uint8_t dlen[3];
	uint8_t lun[8];
	uint8_t itt[4];
	uint8_t ttt[4];
	uint8_t sn[4];		/* req: CmdSN; rsp: StatSN */
	uint8_t exp_sn[4];	/* req: ExpStatSN; rsp: ExpCmdSN */
	uint8_t max_cmdsn[4];	/* rsp only */
	uint8_t rsvd36[12];
};

/* Logout Request/Response RFC 7143 §11.14, §11.15 */
struct iscsi_logout_hdr {
	uint8_t opcode;
	uint8_t flags;		/* req: F | reason code; */
	uint8_t response;	/* rsp only */
	uint8_t rsvd3;
	uint8_t ahslen;
	uint8_t dlen[3];
	uint8_t rsvd8[8];
	uint8_t itt[4];
	uint8_t cid[2];		/* req only */
	uint8_t rsvd22[2];
	uint8_t sn[4];		/* req: CmdSN; rsp: StatSN */
	uint8_t exp_sn[4];	/* req: ExpStatSN; rsp: ExpCmdSN */
	uint8_t max_cmdsn[4];	/* rsp only */
	uint8_t rsvd36[4];
	uint8_t time2wait[2];	/* rsp only */
	uint8_t time2retain[2];	/* rsp only */
	uint8_t rsvd44[4];
};

/* NOP-Out / NOP-In RFC 7143 §11.18, §11.19 */
struct iscsi_nop_hdr {
	uint8_t opcode;
	uint8_t flags;
	uint8_t rsvd2[2];
	uint8_t ahslen;
	uint8_t dlen[3];
	uint8_t lun[8];
	uint8_t itt[4];
	uint8_t ttt[4];
	uint8_t sn[4];
	uint8_t exp_sn[4];
	uint8_t max_cmdsn[4];
	uint8_t rsvd36[12];
};

/* Reject RFC 7143 §11.17 (data = the rejected BHS) */
struct iscsi_reject_hdr {
	uint8_t opcode;
	uint8_t flags;
	uint8_t reason;
	uint8_t rsvd3;
	uint8_t ahslen;
	uint8_t dlen[3];
	uint8_t rsvd8[8];
	uint8_t ffffffff[4];
	uint8_t rsvd20[4];
	uint8_t statsn[4];
	uint8_t exp_cmdsn[4];
	uint8_t max_cmdsn[4];
	uint8_t datasn[4];
	uint8_t rsvd40[8];
};

/* Asynchronous Message RFC 7143 §11.9 */
struct iscsi_async_hdr {
	uint8_t opcode;
	uint8_t flags;
	uint8_t rsvd2[2];
	uint8_t ahslen;
	uint8_t dlen[3];
	uint8_t lun[8];
	uint8_t ffffffff[4];
	uint8_t rsvd20[4];
	uint8_t statsn[4];
	uint8_t exp_cmdsn[4];
	uint8_t max_cmdsn[4];
	uint8_t async_event;
	uint8_t async_vcode;
	uint8_t param1[2];
	uint8_t param2[2];
	uint8_t param3[2];
	uint8_t rsvd44[4];
};

struct pdu {
	uint8_t bhs[ISCSI_BHS_LEN];
	uint8_t *ahs;		/* owned, ahs_len bytes (multiple of 4) */
	size_t ahs_len;
	uint8_t *data;		/* owned, data_len bytes (without padding) */
	size_t data_len;
};

/* Big-endian field helpers. */
uint16_t pdu_get16(const uint8_t *p);
uint32_t pdu_get24(const uint8_t *p);
uint32_t pdu_get32(const uint8_t *p);
void pdu_put16(uint8_t *p, uint16_t v);
void pdu_put24(uint8_t *p, uint32_t v);
void pdu_put32(uint8_t *p, uint32_t v);

/* New PDU with a zeroed BHS whose byte 0 is opcode (include
 * ISCSI_OP_IMMEDIATE if wanted). NULL on allocation failure. */
struct pdu *pdu_new(uint8_t opcode);
void pdu_delete(struct pdu *pdu);
uint8_t pdu_opcode(const struct pdu *pdu);	/* without the I bit */
uint32_t pdu_itt(const struct pdu *pdu);
/* Replace the data segment with a copy of data (len may be 0); updates
 * DataSegmentLength. Returns 0, -ENOMEM, or -EMSGSIZE (> 2^24-1). */
int pdu_set_data(struct pdu *pdu, const void *data, size_t len);
/* Take ownership of a malloc'd buffer instead of copying. */
int pdu_take_data(struct pdu *pdu, uint8_t *data, size_t len);

/* Fill iov[0..] with BHS, AHS, data and zero padding; returns the iov
 * count (at most 4) and stores the total byte count in *total. */
int pdu_iov(const struct pdu *pdu, struct iovec iov[4], size_t *total);
/* Serialize into one malloc'd buffer (for netlink SEND_PDU). */
int pdu_serialize(const struct pdu *pdu, uint8_t **buf, size_t *len);

/* Parse one complete PDU from buf (e.g. a netlink RECV_PDU payload).
 * Rejects len < 48, AHS/data lengths beyond len or beyond max_dlen.
 * Returns 0 and *out, or -EPROTO / -EMSGSIZE / -ENOMEM. */
int pdu_parse(const uint8_t *buf, size_t len, size_t max_dlen,
	      struct pdu **out);

/* Incremental receive from a byte stream (TCP, no digests: RFC 7143
 * §13.1: none are negotiated during login/discovery). */
struct pdu_rx {
	uint8_t bhs[ISCSI_BHS_LEN];
	size_t hdr_pos;		/* bytes of BHS received */
	uint8_t *buf;		/* AHS + data + padding once BHS is complete */
	size_t need;		/* bytes of buf expected */
	size_t pos;		/* bytes of buf received */
	size_t max_dlen;	/* largest DataSegmentLength accepted */
	size_t max_ahs;		/* largest TotalAHSLength (bytes) accepted:
				 * PDU_AHS_MAX after init */
};
#define PDU_AHS_MAX (255u * 4u)
void pdu_rx_init(struct pdu_rx *rx, size_t max_dlen);
void pdu_rx_reset(struct pdu_rx *rx);	/* frees a partial PDU */
/* Consume up to len bytes. Returns the number of bytes consumed (>= 0)
 * and sets *out when a whole PDU is complete (stop feeding then and call
 * again with the rest); -EMSGSIZE if the BHS announces a data segment
 * over max_dlen, -EPROTO for an AHS over max_ahs (both checked as soon
 * as the BHS is in, before any allocation), -ENOMEM. */
long pdu_rx_feed(struct pdu_rx *rx, const uint8_t *buf, size_t len,
		 struct pdu **out);

/* Initiator PDU builders (all set the I bit where RFC 7143 says so). */
struct pdu *pdu_login_req(const uint8_t isid[6], uint16_t tsih, uint32_t itt,
			  uint16_t cid, uint32_t cmdsn, uint32_t exp_statsn,
			  int csg, int nsg, int transit);
struct pdu *pdu_text_req(uint32_t itt, uint32_t ttt, uint32_t cmdsn,
			 uint32_t exp_statsn, int final);
struct pdu *pdu_logout_req(int reason, uint32_t itt, uint16_t cid,
			   uint32_t cmdsn, uint32_t exp_statsn);
struct pdu *pdu_nop_out(uint32_t itt, uint32_t ttt, uint32_t cmdsn,
			uint32_t exp_statsn);

/* Human name of an opcode for logs ("login response", ...). */
const char *pdu_opcode_name(uint8_t opcode);

#endif
