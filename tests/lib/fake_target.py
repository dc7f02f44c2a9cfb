#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# fake_target.py - a deliberately misbehaving iSCSI target on loopback, for
# the failure paths a real target (tgtd) will not produce on demand.
# It accepts a login without authentication (RFC 7143 §6.3, §11.12-11.13):
# security stage answered with AuthMethod=None, operational keys echoed
# back, TargetPortalGroupTag=1 in the first response, TSIH 1 on the final
# one. Then, by --mode:
#   close-after-login  close the TCP connection right after the final
#                      login response (before any Text/SendTargets)
#   close-on-text      close when the first Text Request arrives
#   silent             accept and never answer anything
#   sendtargets        answer SendTargets with the key=value lines of
#                      --st-file (one Text Response, F bit set)
# Every connection is handled the same way, one at a time. Only loopback
# addresses are accepted for --addr.
import argparse
import socket
import struct

BHS_LEN = 48
OP_LOGIN_REQ = 0x03
OP_TEXT_REQ = 0x04
OP_LOGIN_RSP = 0x23
OP_TEXT_RSP = 0x24
DECLARATIVE_FROM_INITIATOR = {"InitiatorName", "InitiatorAlias",
                              "SessionType", "TargetName"}


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


def answer_keys(csg, keys, first):
    out = []
    if first:
        out.append(("TargetPortalGroupTag", "1"))
    for k, v in keys:
        if k in DECLARATIVE_FROM_INITIATOR:
            continue
        if csg == 0 and k == "AuthMethod":
            out.append((k, "None"))
        elif k == "MaxRecvDataSegmentLength":
            out.append((k, "8192"))
        elif k in ("HeaderDigest", "DataDigest"):
            out.append((k, v.split(",")[0]))
        elif csg == 1:
            out.append((k, v))
        else:
            out.append((k, "NotUnderstood"))
    return b"".join(("%s=%s" % kv).encode() + b"\0" for kv in out)


def login_response(req, data, statsn):
    flags = req[1]
    transit = flags & 0x80
    csg = (flags >> 2) & 3
    nsg = flags & 3
    rflags = (csg << 2) | (nsg if transit else 0) | transit
    final = transit and nsg == 3
    cmdsn = struct.unpack_from(">I", req, 24)[0]
    rsp = bytearray(BHS_LEN)
    rsp[0] = OP_LOGIN_RSP
    rsp[1] = rflags
    rsp[5:8] = len(data).to_bytes(3, "big")
    rsp[8:14] = req[8:14]                   # ISID
    struct.pack_into(">H", rsp, 14, 1 if final else 0)  # TSIH
    rsp[16:20] = req[16:20]                 # ITT
    struct.pack_into(">III", rsp, 24, statsn, cmdsn, cmdsn + 1)
    pad = (-len(data)) % 4
    return bytes(rsp) + data + b"\0" * pad, final


def text_response(req, data, statsn):
    """Final Text Response (RFC 7143 §11.11): F bit, TTT 0xffffffff."""
    cmdsn = struct.unpack_from(">I", req, 24)[0]
    rsp = bytearray(BHS_LEN)
    rsp[0] = OP_TEXT_RSP
    rsp[1] = 0x80
    rsp[5:8] = len(data).to_bytes(3, "big")
    rsp[16:20] = req[16:20]
    struct.pack_into(">IIII", rsp, 20, 0xFFFFFFFF, statsn, cmdsn + 1,
                     cmdsn + 2)
    return bytes(rsp) + data + b"\0" * ((-len(data)) % 4)


def serve(conn, mode, st_data):
    if mode == "silent":
        while conn.recv(4096):
            pass
        return
    statsn = 0
    first = True
    while True:
        bhs, data = recv_pdu(conn)
        if bhs is None:
            return
        op = bhs[0] & 0x3F
        if op == OP_TEXT_REQ and mode == "close-on-text":
            return
        if op == OP_TEXT_REQ and mode == "sendtargets":
            conn.sendall(text_response(bhs, st_data, statsn))
            statsn += 1
            continue
        if op != OP_LOGIN_REQ:
            return
        csg = (bhs[1] >> 2) & 3
        pdu, final = login_response(bhs, answer_keys(csg, parse_keys(data),
                                                     first), statsn)
        first = False
        statsn += 1
        conn.sendall(pdu)
        if final and mode == "close-after-login":
            return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--mode", default="close-after-login",
                    choices=["close-after-login", "close-on-text", "silent",
                             "sendtargets"])
    ap.add_argument("--st-file", help="SendTargets answer, key=value lines")
    ap.add_argument("--ready", help="file created once listening")
    args = ap.parse_args()
    st_data = b""
    if args.st_file:
        with open(args.st_file, "rb") as f:
            st_data = b"".join(line.strip() + b"\0" for line in f
                               if line.strip())
    if not (args.addr.startswith("127.") or args.addr == "::1"):
        raise SystemExit("fake_target: loopback addresses only")
    fam = socket.AF_INET6 if ":" in args.addr else socket.AF_INET
    srv = socket.socket(fam, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((args.addr, args.port))
    srv.listen(8)
    if args.ready:
        open(args.ready, "w").close()
    while True:
        conn, _ = srv.accept()
        try:
            serve(conn, args.mode, st_data)
        except OSError:
            pass
        finally:
            conn.close()


if __name__ == "__main__":
    main()
