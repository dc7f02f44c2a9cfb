#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# fake_iscsid.py - answers iscsiadm's management requests on the abstract
# unix socket "ISCSIADM_ABSTRACT_NAMESPACE", so Debian's iscsiadm 2.1.8 can
# run (discovery, listings) without the real iscsid or the kernel module.
#
# Wire format (iscsiadm <-> iscsid IPC of open-iscsi 2.1.8, x86_64):
#   request  16104 bytes: u32 command, u32 payload_len, union ... (the
#            union embeds the whole node record); payload_len extra bytes
#            may follow.
#   response  2464 bytes: u32 command, i32 err, then a union; for
#            CONFIG_INAME / CONFIG_IALIAS / CONFIG_FILE it is char var[255].
# Commands answered: 8 CONFIG_INAME (name read from --iname-file),
# 9 CONFIG_IALIAS (empty), 10 CONFIG_FILE (--config path), 13 SESSION_INFO
# (logged in / no change). Anything else gets err 16 (unknown request) or
# the value given with --err CMD=ERR. A peer that is not uid 0 gets 13.
# With --proto isbx it speaks iscsibox's own framing instead (core/ipc.h:
# 16-byte big-endian header "ISBX", command, flags, err, payload length)
# and answers every request with an empty reply carrying --err's value for
# its command (default 0): enough for iscsiadm's logins and logouts.
import argparse
import os
import signal
import socket
import struct
import sys

RSP_LEN = 2464
VAR_LEN = 255
MAX_PAYLOAD = 64 * 1024
ERR_ACCESS = 13
ERR_INVALID_MGMT_REQ = 16
CMD_CONFIG_INAME = 8
CMD_CONFIG_IALIAS = 9
CMD_CONFIG_FILE = 10
CMD_SESSION_INFO = 13
ISCSI_CONN_STATE_LOGGED_IN = 3  # printed by iscsiadm as "LOGGED IN"
ISCSI_SESSION_STATE_NO_CHANGE = 0


def read_iname(path):
    with open(path, encoding="ascii", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("InitiatorName="):
                return line.split("=", 1)[1].strip()
    return ""


def recv_exact(conn, want):
    buf = bytearray()
    while len(buf) < want:
        chunk = conn.recv(want - len(buf))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)


def put_var(rsp, text):
    raw = text.encode()[: VAR_LEN - 1]
    rsp[8 : 8 + len(raw)] = raw


def answer(cmd, args, errs):
    rsp = bytearray(RSP_LEN)
    err = errs.get(cmd)
    if err is None:
        err = 0
        if cmd == CMD_CONFIG_INAME:
            put_var(rsp, read_iname(args.iname_file))
        elif cmd == CMD_CONFIG_IALIAS:
            pass
        elif cmd == CMD_CONFIG_FILE:
            put_var(rsp, args.config)
        elif cmd == CMD_SESSION_INFO:
            struct.pack_into("<ii", rsp, 8, ISCSI_SESSION_STATE_NO_CHANGE,
                             ISCSI_CONN_STATE_LOGGED_IN)
        else:
            err = ERR_INVALID_MGMT_REQ
    struct.pack_into("<Ii", rsp, 0, cmd, err)
    return bytes(rsp)


def serve_one(conn, args, errs, log):
    conn.settimeout(2.0)
    cred = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                           struct.calcsize("3i"))
    pid, uid, _gid = struct.unpack("3i", cred)
    req = recv_exact(conn, args.req_len)
    if len(req) < 8:
        log.write("short request (%d bytes) from pid %d\n" % (len(req), pid))
        return
    cmd, payload_len = struct.unpack_from("<II", req, 0)
    if 0 < payload_len <= MAX_PAYLOAD:
        recv_exact(conn, payload_len)
    log.write("req len=%d cmd=%d payload_len=%d pid=%d uid=%d\n"
              % (len(req), cmd, payload_len, pid, uid))
    if uid != 0:
        rsp = bytearray(RSP_LEN)
        struct.pack_into("<Ii", rsp, 0, cmd, ERR_ACCESS)
        rsp = bytes(rsp)
    else:
        rsp = answer(cmd, args, errs)
    conn.sendall(rsp)


ISBX_MAGIC = 0x49534258
ISBX_F_REPLY = 0x0001


def serve_one_isbx(conn, args, errs, log):
    conn.settimeout(2.0)
    hdr = recv_exact(conn, 16)
    if len(hdr) < 16:
        log.write("short request (%d bytes)\n" % len(hdr))
        return
    magic, cmd, flags, _err, plen = struct.unpack(">IHHiI", hdr)
    if magic != ISBX_MAGIC or plen > 80 * 1024:
        log.write("bad header\n")
        return
    recv_exact(conn, plen)
    log.write("isbx cmd=%d flags=%d payload_len=%d\n" % (cmd, flags, plen))
    conn.sendall(struct.pack(">IHHiI", ISBX_MAGIC, cmd, ISBX_F_REPLY,
                             errs.get(cmd, 0), 0))


def parse_errs(text):
    errs = {}
    for item in filter(None, (text or "").split(",")):
        k, v = item.split("=", 1)
        errs[int(k)] = int(v)
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iname-file", required=True)
    ap.add_argument("--config", default="/etc/iscsi/iscsid.conf")
    ap.add_argument("--name", default="ISCSIADM_ABSTRACT_NAMESPACE")
    ap.add_argument("--req-len", type=int, default=16104)
    ap.add_argument("--err", default="", help="CMD=ERR,...")
    ap.add_argument("--log", default=os.devnull)
    ap.add_argument("--ready", help="file created once listening")
    ap.add_argument("--proto", default="open-iscsi",
                    choices=["open-iscsi", "isbx"])
    args = ap.parse_args()
    serve = serve_one_isbx if args.proto == "isbx" else serve_one
    errs = parse_errs(args.err)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind("\0" + args.name)
    srv.listen(16)
    if args.ready:
        open(args.ready, "w").close()
    with open(args.log, "a", buffering=1) as log:
        while True:
            conn, _ = srv.accept()
            try:
                serve(conn, args, errs, log)
            except OSError as e:
                log.write("io error: %s\n" % e)
            finally:
                conn.close()


if __name__ == "__main__":
    main()
