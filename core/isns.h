/* SPDX-License-Identifier: MIT */
/* isns.h - the iSNS protocol (RFC 4171) as an iSCSI initiator uses it for
 * discovery: build the three requests open-iscsi sends (DevAttrQry for all
 * visible targets, and the DevAttrReg/DevDereg of the initiator used only
 * when the server answers SOURCE_UNKNOWN), gather a response that may span
 * several PDUs, and take the portal groups out of a DevAttrQryRsp.
 * Pure: no I/O, every length from the wire bounded.
 *
 * Contracts:
 *  - isns_build_*() write one whole PDU (header + payload) into buf and
 *    return its length, or -ENOSPC / -EINVAL (name too long).
 *  - struct isns_rx gathers the PDUs of one response (RFC 4171 §5.3: same
 *    transaction id, sequence ids from 0, LAST_PDU ends it); the payload
 *    it owns is freed by isns_rx_reset().
 *  - isns_parse_query_rsp() fills a list the caller frees with
 *    isns_pg_list_free(); portal groups without name, address, port or
 *    tag are left out, as open-iscsi leaves them out. */
#ifndef ISCSIBOX_ISNS_H
#define ISCSIBOX_ISNS_H

#include <stddef.h>
#include <stdint.h>

#define ISNS_DEFAULT_PORT 3205
#define ISNS_HDR_LEN 12
#define ISNS_PAYLOAD_MAX 65532	/* PDU Length is 16 bits, 4-aligned */
#define ISNS_RSP_MAX (1u << 20)	/* bound on a gathered response */
#define ISNS_NAME_MAX 224	/* iSCSI name, RFC 7143 §4.2.7.1, + NUL */
#define ISNS_ADDR_STR 46	/* INET6_ADDRSTRLEN */

/* Function IDs, RFC 4171 §6.1 (responses have 0x8000 added). */
enum isns_func {
	ISNS_DEV_ATTR_REG = 0x0001,
	ISNS_DEV_ATTR_QRY = 0x0002,
	ISNS_DEV_DEREG = 0x0004,
	ISNS_RSP = 0x8000,
};

/* Header flags, RFC 4171 §5.1.4. */
#define ISNS_F_CLIENT 0x8000
#define ISNS_F_SERVER 0x4000
#define ISNS_F_AUTH 0x2000
#define ISNS_F_LAST 0x0800
#define ISNS_F_FIRST 0x0400

/* Status codes, RFC 4171 §6.4 (the ones acted upon). */
#define ISNS_SUCCESS 0
#define ISNS_MSG_FORMAT_ERROR 2
#define ISNS_SOURCE_UNKNOWN 6
#define ISNS_INTERNAL_ERROR 11

struct isns_hdr {
	uint16_t version, func, len, flags, xid, seq;
};

struct isns_pg {
	char name[ISNS_NAME_MAX];	/* PG iSCSI Name (tag 48) */
	char addr[ISNS_ADDR_STR];	/* PG Portal IP Address (49), printed */
	uint32_t port;			/* PG Portal TCP/UDP Port (50) */
	uint32_t tag;			/* PG Tag (51) */
};

struct isns_pg_list {
	struct isns_pg *pg;
	size_t n, cap;
};

/* Request PDUs; source (and the registered name) is the initiator. */
long isns_build_query(uint8_t *buf, size_t n, uint16_t xid,
		      const char *source);
long isns_build_reg(uint8_t *buf, size_t n, uint16_t xid, const char *iname);
long isns_build_dereg(uint8_t *buf, size_t n, uint16_t xid,
		      const char *iname);

/* Decode a 12-byte header; -EPROTO for a version other than 1 or a
 * length that is not a multiple of 4. */
int isns_hdr_decode(const uint8_t *p, struct isns_hdr *h);

struct isns_rx {
	uint8_t hdr[ISNS_HDR_LEN];
	size_t hdr_pos;		/* bytes of hdr received */
	struct isns_hdr cur;	/* header of the PDU being received */
	size_t body_left;	/* payload bytes of cur still to come */
	uint16_t xid, next_seq;
	uint16_t func;
	int started, done;
	uint8_t *payload;	/* concatenated payloads (owned) */
	size_t len;
};

void isns_rx_init(struct isns_rx *rx, uint16_t xid);
void isns_rx_reset(struct isns_rx *rx);
/* Feed received bytes; returns bytes used (stops after the last PDU;
 * rx->done is then set), or -EPROTO (wrong xid/sequence, not a response,
 * bad header) / -EMSGSIZE (over ISNS_RSP_MAX) / -ENOMEM. */
long isns_rx_feed(struct isns_rx *rx, const uint8_t *p, size_t n);

/* The status word that starts every response payload; -EPROTO if short. */
int isns_rsp_status(const uint8_t *payload, size_t len, uint32_t *status);
/* Portal groups of a DevAttrQryRsp payload (status included), in the
 * server's order.  -EPROTO for a malformed attribute list, -ENOMEM. */
int isns_parse_query_rsp(const uint8_t *payload, size_t len,
			 struct isns_pg_list *out);
void isns_pg_list_free(struct isns_pg_list *l);

/* libisns's wording of a status code ("Source unknown", ...). */
const char *isns_status_str(uint32_t status);

#endif
