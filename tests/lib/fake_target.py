#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# fake_target.py - a deliberately misbehaving iSCSI target on loopback, for
# the failure paths a real target (tgtd) will not produce on demand.
# One misbehaviour per run (--mode NAME); every connection is served the
# same way, one at a time. Only loopback addresses are accepted.
#
# The well-behaved part it deviates from: a login without authentication
# (RFC 7143 §6.3, §11.12-11.13): security stage answered with
# AuthMethod=None (CHAP with --chap-secret), operational keys echoed back,
# TargetPortalGroupTag=1 in the first response, TSIH 1 on the final one;
# a Text Request SendTargets=All answered with --st-file (default: one
# target on this portal) in one Text Response, or past 8192 bytes in
# pieces asked for one by one; a Logout Response.
#
# `fake_target.py --list` prints every mode with what it does; the table
# below (MODES) is the one place they are defined. The original modes
# close-after-login, close-on-text, silent and sendtargets are kept.
import argparse
import socket
import struct
import sys
import time

from iscsi_pdu import (BHS_LEN, OP_ASYNC, OP_LOGIN_REQ, OP_LOGIN_RSP,
                       OP_LOGOUT_REQ, OP_LOGOUT_RSP, OP_NOP_IN, OP_NOP_OUT,
                       OP_REJECT, OP_TEXT_REQ, OP_TEXT_RSP, enc_keys,
                       parse_keys, pdu, recv_pdu)

DECLARATIVE_FROM_INITIATOR = {"InitiatorName", "InitiatorAlias",
                              "SessionType", "TargetName"}
TARGET = "iqn.2026-01.org.iscsibox:hostile"

# mode -> what it does (printed by --list; the test's table uses these
# names). Grouped: login, CHAP, negotiation, redirects, text/SendTargets,
# NOP/async, slow and truncated streams.
MODES = {
    "close-after-login": "close right after the final login response",
    "close-on-text": "close when the first Text Request arrives",
    "silent": "accept and never answer anything",
    "sendtargets": "answer SendTargets with --st-file (well behaved)",
    "by-name": "the mode is the last ':' part of the TargetName the "
               "initiator asks for (one target process, many cases)",
    # login
    "status-0300": "every login answered with status 0x0300 target error",
    "status-0301": "every login answered 0x0301 service unavailable",
    "status-0302": "every login answered 0x0302 out of resources",
    "status-0201": "login answered 0x0201 authentication failure",
    "status-0202": "login answered 0x0202 authorization failure",
    "status-0203": "login answered 0x0203 target not found",
    "status-0205": "login answered 0x0205 unsupported version",
    "status-0400": "login answered with an undefined status class 4",
    "busy-once": "0x0301 on the first connection, then well behaved",
    "no-transit": "status 0 to every login request, T bit never set",
    "wrong-itt": "login response with another ITT",
    "wrong-isid": "login response with another ISID",
    "wrong-opcode": "a Text Response where a Login Response belongs",
    "continue-bit": "login response with the C bit set",
    "bad-version": "login response with Version-active 1",
    "stage-jump": "answers for CSG 0 while we are in CSG 1",
    "login-reject": "a Reject PDU instead of a login response",
    "login-ahs": "login response with an AHS the initiator never asked for",
    "login-huge-dlen": "login response header declaring a 16 MB segment",
    "login-garbage-keys": "login data without '=' and without NUL",
    "login-huge-value": "a 60000-byte key value in the login response",
    "login-many-keys": "4000 unknown keys in the login response",
    # CHAP (initiator configured with CHAP)
    "chap-method-bogus": "AuthMethod=Kerberos",
    "chap-alg-unoffered": "CHAP_A=99, never offered",
    "chap-no-challenge": "CHAP_A and CHAP_I without CHAP_C",
    "chap-bad-hex": "CHAP_C=0xZZZZ",
    "chap-huge-challenge": "a CHAP_C of 8192 hex digits",
    "chap-skip": "leaves the security stage before CHAP has finished",
    "chap-mutual-wrong": "mutual CHAP with a wrong CHAP_R from the target",
    # negotiation
    "neg-bad-mrdsl": "MaxRecvDataSegmentLength=abc",
    "neg-zero-mrdsl": "MaxRecvDataSegmentLength=0",
    "neg-digest-crc": "HeaderDigest=CRC32C although None was offered",
    "neg-unknown-key": "adds X-com.example.Unknown=1",
    "neg-notunderstood": "answers every key NotUnderstood",
    "neg-erl-2": "ErrorRecoveryLevel=2 where 0 was offered",
    "neg-bad-tpgt": "TargetPortalGroupTag=99999",
    # redirects
    "redirect-unreachable": "redirects (0x0101) to 127.0.0.2:9 (nothing)",
    "redirect-loop": "redirects to itself for ever",
    "redirect-no-address": "redirect status without TargetAddress",
    "redirect-garbage": "redirect to TargetAddress=[::1",
    # text / SendTargets
    "text-never-final": "Text Responses with F=0 and a TTT, for ever",
    "text-huge": "9 MB of SendTargets answer, more than the cap allows",
    "text-wrong-itt": "Text Response with another ITT",
    "text-f-and-c": "Text Response with both F and C set",
    "text-no-ttt": "partial Text Response (F=0) with TTT 0xffffffff",
    "text-garbage": "SendTargets answer that is not key=value text",
    "text-silent": "logs in, never answers the Text Request",
    "text-100k": "a legal SendTargets answer of 100,000 targets (~8 MB)",
    # NOP / async
    "nop-ping": "a NOP-In ping before the Text Response",
    "nop-flood": "2000 NOP-In pings before the Text Response",
    "async-logout": "Async Message 'logout requested' before the answer",
    "async-drop": "Async Message 'connection dropped' before the answer",
    # slow and truncated streams
    "slow-drip": "every response written one byte per 2 ms",
    "stall-mid-header": "20 bytes of the login response, then nothing",
    "truncated-close": "half a login response, then close",
    "close-at-once": "accept and close at once",
    "reset-at-once": "accept and reset (RST) at once",
}


def answer_keys(mode, csg, keys, first):
    out = []
    if first:
        out.append(("TargetPortalGroupTag",
                    "99999" if mode == "neg-bad-tpgt" else "1"))
    for k, v in keys:
        if k in DECLARATIVE_FROM_INITIATOR:
            continue
        if mode == "neg-notunderstood" and csg == 1:
            out.append((k, "NotUnderstood"))
        elif csg == 0 and k == "AuthMethod":
            out.append((k, "None"))
        elif k == "MaxRecvDataSegmentLength":
            out.append((k, {"neg-bad-mrdsl": "abc",
                            "neg-zero-mrdsl": "0"}.get(mode, "8192")))
        elif k == "HeaderDigest" and mode == "neg-digest-crc":
            out.append((k, "CRC32C"))
        elif k == "ErrorRecoveryLevel" and mode == "neg-erl-2":
            out.append((k, "2"))
        elif k in ("HeaderDigest", "DataDigest"):
            out.append((k, v.split(",")[0]))
        elif csg == 1:
            out.append((k, v))
        else:
            out.append((k, "NotUnderstood"))
    if mode == "neg-unknown-key" and csg == 1:
        out.append(("X-com.example.Unknown", "1"))
    return enc_keys(out)



class Conn:
    """One TCP connection: sequence numbers and the misbehaviour."""

    attempts = 0            # connections so far (busy-once)

    def __init__(self, sock, mode, st_data, chap_secret, port):
        self.s, self.mode, self.st = sock, mode, st_data
        self.secret, self.port = chap_secret, port
        self.statsn, self.first = 0, True
        self.chap_step = 0
        Conn.attempts += 1

    def send(self, data):
        if self.mode == "slow-drip":
            for i in range(len(data)):
                self.s.sendall(data[i : i + 1])
                time.sleep(0.002)
        else:
            self.s.sendall(data)

    def login_rsp(self, req, data, cls=0, det=0, flags=None, itt=None,
                  isid=None, op=OP_LOGIN_RSP, ahs=b"", version=0):
        rf = req[1]
        transit, csg, nsg = rf & 0x80, (rf >> 2) & 3, rf & 3
        if flags is None:
            flags = (csg << 2) | (nsg if transit else 0) | transit
        final = bool(flags & 0x80) and (flags & 3) == 3 and cls == 0
        cmdsn = struct.unpack_from(">I", req, 24)[0]
        fields = struct.pack(">IIIIBB", 0, self.statsn, cmdsn, cmdsn + 1,
                             cls, det)
        p = bytearray(pdu(op, flags, data, itt or req[16:20], fields,
                          isid or req[8:14], ahs))
        p[3] = version
        struct.pack_into(">H", p, 14, 1 if final else 0)
        self.statsn += 1
        return bytes(p), final

    def text_rsp(self, req, data, final=True, ttt=0xFFFFFFFF, flags=None,
                 itt=None):
        cmdsn = struct.unpack_from(">I", req, 24)[0]
        fields = struct.pack(">IIII", ttt, self.statsn, cmdsn + 1, cmdsn + 2)
        self.statsn += 1
        if flags is None:
            flags = 0x80 if final else 0x00
        return pdu(OP_TEXT_RSP, flags, data, itt or req[16:20], fields)

    def nop_in(self, ttt):
        fields = struct.pack(">IIII", ttt, self.statsn, 0, 0)
        return pdu(OP_NOP_IN, 0x80, b"", b"\xff\xff\xff\xff", fields)

    def async_msg(self, event):
        h = bytearray(pdu(OP_ASYNC, 0x80, b"", b"\xff\xff\xff\xff"))
        struct.pack_into(">I", h, 24, self.statsn)
        h[36] = event
        struct.pack_into(">HHH", h, 38, 0, 2, 20)
        return bytes(h)

    # --- login -----------------------------------------------------------
    keys_log = None

    def on_login(self, req, data):
        keys = parse_keys(data)
        iname = dict(keys).get("InitiatorName")
        if iname and Conn.keys_log:
            with open(Conn.keys_log, "a") as f:
                f.write("InitiatorName=%s\n" % iname)
        if self.mode == "by-name":
            name = dict(keys).get("TargetName", "")
            mode = name.rsplit(":", 1)[-1]
            self.mode = mode if mode in MODES else "sendtargets"
        m = self.mode
        csg = (req[1] >> 2) & 3
        status = {"status-0300": (3, 0), "status-0301": (3, 1),
                  "status-0302": (3, 2), "status-0201": (2, 1),
                  "status-0202": (2, 2), "status-0203": (2, 3),
                  "status-0205": (2, 5), "status-0400": (4, 0)}
        if m in status:
            return self.send(self.login_rsp(req, b"", *status[m],
                                            flags=0)[0])
        if m == "busy-once" and Conn.attempts == 1:
            return self.send(self.login_rsp(req, b"", 3, 1, flags=0)[0])
        if m.startswith("redirect-"):
            to = {"redirect-unreachable": "127.0.0.2:9,1",
                  "redirect-loop": "127.0.0.1:%d,1" % self.port,
                  "redirect-garbage": "[::1"}.get(m)
            body = enc_keys([("TargetAddress", to)]) if to else b""
            return self.send(self.login_rsp(req, body, 1, 1, flags=0)[0])
        if m == "stall-mid-header":
            self.s.sendall(self.login_rsp(req, b"")[0][:20])
            while self.s.recv(4096):
                pass
            return "close"
        if m == "truncated-close":
            self.s.sendall(self.login_rsp(req, answer_keys(
                m, csg, keys, True))[0][:60])
            return "close"
        if m == "login-huge-dlen":
            h = bytearray(self.login_rsp(req, b"")[0][:BHS_LEN])
            h[5:8] = (0xFFFFFF).to_bytes(3, "big")
            self.s.sendall(bytes(h) + b"K" * 65536)
            while self.s.recv(4096):
                pass
            return "close"
        if m == "login-reject":
            return self.send(pdu(OP_REJECT, 0x80, req, b"\xff\xff\xff\xff",
                                 struct.pack(">IIII", 0, self.statsn, 0, 0)))
        if m == "chap-skip" or (m.startswith("chap-") and csg == 0):
            return self.on_chap(req, keys)
        if m == "no-transit":
            return self.send(self.login_rsp(req, answer_keys(
                m, csg, keys, self.first), flags=csg << 2)[0])
        body = answer_keys(m, csg, keys, self.first)
        kw = {}
        if m == "wrong-itt":
            kw["itt"] = b"\x12\x34\x56\x78"
        elif m == "wrong-isid":
            kw["isid"] = b"\x80\x00\x00\x00\x00\x99"
        elif m == "wrong-opcode":
            kw["op"] = OP_TEXT_RSP
        elif m == "continue-bit":
            kw["flags"] = 0x40 | (csg << 2)
        elif m == "bad-version":
            kw["version"] = 1
        elif m == "stage-jump":
            kw["flags"] = 0x80 | (0 << 2) | 3 if csg == 1 else None
        elif m == "login-ahs":
            kw["ahs"] = b"\x00\x04\x01\x00" + b"\0" * 4
        elif m == "login-garbage-keys":
            body = b"this is not a key" + b"\xff" * 40
        elif m == "login-huge-value":
            body += b"X-Big=" + b"v" * 60000 + b"\0"
        elif m == "login-many-keys":
            body += b"".join(b"X-k%d=v\0" % i for i in range(4000))
        rsp, final = self.login_rsp(req, body, **kw)
        self.first = False
        self.send(rsp)
        if final and m == "close-after-login":
            return "close"
        return None

    def on_chap(self, req, keys):
        m, kd = self.mode, dict(keys)
        if m == "chap-skip":
            # Straight to full feature phase from the security stage.
            body = enc_keys([("AuthMethod", "CHAP")]) if self.first else b""
            rsp, _ = self.login_rsp(req, body, flags=0x80 | 3)
            self.first = False
            return self.send(rsp)
        if self.chap_step == 0:
            self.chap_step = 1
            meth = "Kerberos" if m == "chap-method-bogus" else "CHAP"
            pairs = [("TargetPortalGroupTag", "1"), ("AuthMethod", meth)]
            return self.send(self.login_rsp(req, enc_keys(pairs),
                                            flags=0)[0])
        if self.chap_step == 1:
            self.chap_step = 2
            pairs = [("CHAP_A", "99" if m == "chap-alg-unoffered" else "5"),
                     ("CHAP_I", "7")]
            if m == "chap-bad-hex":
                pairs.append(("CHAP_C", "0xZZZZ"))
            elif m == "chap-huge-challenge":
                pairs.append(("CHAP_C", "0x" + "ab" * 4096))
            elif m != "chap-no-challenge":
                pairs.append(("CHAP_C", "0x" + "5a" * 16))
            return self.send(self.login_rsp(req, enc_keys(pairs),
                                            flags=0)[0])
        # CHAP_N/CHAP_R (and for mutual CHAP our challenge) arrived.
        pairs = []
        if "CHAP_C" in kd:
            pairs = [("CHAP_N", "target"), ("CHAP_R", "0x" + "00" * 16)]
        return self.send(self.login_rsp(req, enc_keys(pairs),
                                        flags=0x80 | (0 << 2) | 1)[0])

    # --- full feature phase ---------------------------------------------
    def on_text(self, req, data):
        m = self.mode
        if m == "close-on-text":
            return "close"
        if m == "text-silent":
            return None
        if m == "nop-ping":
            self.send(self.nop_in(0x10))
        elif m == "nop-flood":
            self.s.sendall(b"".join(self.nop_in(0x1000 + i)
                                    for i in range(2000)))
        elif m == "async-logout":
            self.send(self.async_msg(1))
        elif m == "async-drop":
            self.send(self.async_msg(2))
            return "close"
        if m == "text-never-final":
            return self.send(self.text_rsp(req, b"TargetName=iqn.x\0" * 200,
                                           final=False, ttt=0x42))
        if m == "text-huge":
            # 9 MB in 1 MB pieces: F=0 with a TTT, asked for one by one.
            self.text_sent = getattr(self, "text_sent", 0) + 1
            last = self.text_sent >= 9
            chunk = b"TargetName=iqn.2026-01.org.iscsibox:0000000\0" * \
                ((1 << 20) // 44 + 1)
            return self.send(self.text_rsp(req, chunk[: 1 << 20], final=last,
                                           ttt=0xFFFFFFFF if last else 7))
        if m == "text-wrong-itt":
            return self.send(self.text_rsp(req, self.st, itt=b"\1\2\3\4"))
        if m == "text-f-and-c":
            return self.send(self.text_rsp(req, self.st, flags=0xC0))
        if m == "text-no-ttt":
            return self.send(self.text_rsp(req, self.st, final=False))
        if m == "text-garbage":
            return self.send(self.text_rsp(req, b"\xff\xfegarbage\0=\0"))
        if m == "text-100k":
            return self.send_100k(req)
        return self.send_st(req)

    def send_st(self, req):
        # --st-file past 8192 bytes goes in pieces split at key
        # boundaries, F=0 and a TTT until the last (RFC 7143 §11.10.4).
        if not hasattr(self, "st_chunks"):
            self.st_chunks, cur = [], b""
            for item in self.st.split(b"\0")[:-1]:
                if cur and len(cur) + len(item) + 1 > 8192:
                    self.st_chunks.append(cur)
                    cur = b""
                cur += item + b"\0"
            self.st_chunks.append(cur)
            self.st_next = 0
        piece = self.st_chunks[min(self.st_next, len(self.st_chunks) - 1)]
        self.st_next += 1
        last = self.st_next >= len(self.st_chunks)
        return self.send(self.text_rsp(req, piece, final=last,
                                       ttt=0xFFFFFFFF if last else 11))

    def send_100k(self, req):
        # RFC 7143 §11.11: long answers go in pieces no larger than our
        # MaxRecvDataSegmentLength (32768 for discovery), F=0 and a TTT
        # until the last; the initiator asks for each with an empty
        # Text Request echoing the TTT.
        if not hasattr(self, "big"):
            self.big = b"".join(
                b"TargetName=iqn.2026-01.org.iscsibox:t%06d\0"
                b"TargetAddress=127.0.0.1:%d,1\0" % (i, self.port)
                for i in range(100000))
            self.off = 0
        piece = self.big[self.off : self.off + 32768]
        self.off += len(piece)
        last = self.off >= len(self.big)
        return self.send(self.text_rsp(req, piece, final=last,
                                       ttt=0xFFFFFFFF if last else 9))

    def serve(self):
        if self.mode == "silent":
            while self.s.recv(4096):
                pass
            return
        if self.mode == "close-at-once":
            return
        if self.mode == "reset-at-once":
            self.s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                              struct.pack("ii", 1, 0))
            return
        while True:
            bhs, data = recv_pdu(self.s)
            if bhs is None:
                return
            op = bhs[0] & 0x3F
            if op == OP_LOGIN_REQ:
                act = self.on_login(bhs, data)
            elif op == OP_TEXT_REQ:
                act = self.on_text(bhs, data)
            elif op == OP_LOGOUT_REQ:
                cmdsn = struct.unpack_from(">I", bhs, 24)[0]
                self.send(pdu(OP_LOGOUT_RSP, 0x80, b"", bhs[16:20],
                              struct.pack(">IIII", 0, self.statsn, cmdsn,
                                          cmdsn + 1)))
                act = "close"
            elif op == OP_NOP_OUT:
                act = None
            else:
                act = "close"
            if act == "close":
                return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int)
    ap.add_argument("--mode", default="close-after-login",
                    choices=sorted(MODES))
    ap.add_argument("--st-file", help="SendTargets answer, key=value lines")
    ap.add_argument("--chap-secret", help="(unused: answers are scripted)")
    ap.add_argument("--ready", help="file created once listening")
    ap.add_argument("--keys-log", help="append each login's InitiatorName")
    ap.add_argument("--list", action="store_true", help="print the modes")
    args = ap.parse_args()
    if args.list:
        for k, v in MODES.items():
            print("%-22s %s" % (k, v))
        return
    if args.port is None:
        ap.error("--port is required")
    Conn.keys_log = args.keys_log
    if args.st_file:
        with open(args.st_file, "rb") as f:
            st_data = b"".join(line.strip() + b"\0" for line in f
                               if line.strip())
    else:
        st_data = ("TargetName=%s\0TargetAddress=%s:%d,1\0" %
                   (TARGET, args.addr, args.port)).encode()
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
        sock, _ = srv.accept()
        try:
            Conn(sock, args.mode, st_data, args.chap_secret,
                 args.port).serve()
        except OSError:
            pass
        finally:
            sock.close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
