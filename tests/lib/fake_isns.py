#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# fake_isns.py - an iSNS server (RFC 4171 framing) that does not know any
# source until it registers: the first DevAttrQry is answered with status
# 6 (SOURCE_UNKNOWN), a DevAttrReg and DevDereg with success, any later
# DevAttrQry with one portal group (10.1.2.3:3260, tag 4, target
# iqn.2024-01.fake:t).  Each request's function id goes to --log, one
# "0x%04x" line per request.  Serves connections one at a time on
# --host (a loopback address; 127.0.0.1 by default) until killed.
import argparse
import socket
import struct


def attr(tag, value):
    pad = (-len(value)) % 4
    return struct.pack(">II", tag, len(value) + pad) + value + b"\0" * pad


def answer(func, xid, payload):
    return struct.pack(">HHHHHH", 1, func | 0x8000, len(payload),
                       0x4000 | 0x0800 | 0x0400, xid, 0) + payload


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    srv = socket.socket(family, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((args.host, args.port))
    srv.listen(4)
    registered = False
    while True:
        conn, _ = srv.accept()
        with conn:
            hdr = read_exact(conn, 12)
            if hdr is None:
                continue
            _, func, length, _, xid, _ = struct.unpack(">HHHHHH", hdr)
            if read_exact(conn, length) is None:
                continue
            with open(args.log, "a") as log:
                log.write("0x%04x\n" % func)
            if func == 0x0002 and not registered:
                payload = struct.pack(">I", 6)
            elif func == 0x0002:
                addr = b"\0" * 10 + b"\xff\xff" + bytes([10, 1, 2, 3])
                payload = (struct.pack(">I", 0) +
                           attr(33, struct.pack(">I", 1)) + attr(0, b"") +
                           attr(48, b"iqn.2024-01.fake:t\0") +
                           attr(49, addr) +
                           attr(50, struct.pack(">I", 3260)) +
                           attr(51, struct.pack(">I", 4)))
            else:
                registered = func == 0x0001
                payload = struct.pack(">I", 0)
            conn.sendall(answer(func, xid, payload))


if __name__ == "__main__":
    main()
