#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# iscsi_pdu.py - the iSCSI framing the test targets share (RFC 7143 §11):
# opcodes, reading one whole PDU from a socket (header, AHS, padded data
# segment, refusing segments over 1 MiB), building one, and the
# NUL-separated key=value text of login and text segments.

BHS_LEN = 48
OP_NOP_OUT, OP_LOGIN_REQ, OP_TEXT_REQ, OP_LOGOUT_REQ = 0x00, 0x03, 0x04, 0x06
OP_NOP_IN, OP_LOGIN_RSP, OP_TEXT_RSP = 0x20, 0x23, 0x24
OP_LOGOUT_RSP, OP_ASYNC, OP_REJECT = 0x26, 0x32, 0x3F


def recv_exact(conn, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def recv_pdu(conn):
    bhs = recv_exact(conn, BHS_LEN)
    if bhs is None:
        return None, None
    ahs_len = bhs[4] * 4
    dlen = int.from_bytes(bhs[5:8], "big")
    if dlen > 1 << 20:
        return None, None
    rest = recv_exact(conn, ahs_len + ((dlen + 3) & ~3))
    if rest is None:
        return None, None
    return bhs, rest[ahs_len : ahs_len + dlen]


def parse_keys(data):
    keys = []
    for item in data.split(b"\0"):
        if b"=" in item:
            k, v = item.split(b"=", 1)
            keys.append((k.decode(errors="replace"), v.decode(errors="replace")))
    return keys


def enc_keys(pairs):
    return b"".join(("%s=%s" % kv).encode() + b"\0" for kv in pairs)


def pdu(op, flags, data=b"", itt=b"\0\0\0\0", fields=b"", isid=b"",
        ahs=b""):
    h = bytearray(BHS_LEN)
    h[0] = op
    h[1] = flags
    h[4] = len(ahs) // 4
    h[5:8] = len(data).to_bytes(3, "big")
    if isid:
        h[8:14] = isid
    h[16:20] = itt
    h[20 : 20 + len(fields)] = fields
    return bytes(h) + ahs + data + b"\0" * ((-len(data)) % 4)
