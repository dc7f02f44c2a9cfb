#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# pdu_tap.py - a loopback TCP relay that logs the iSCSI PDUs crossing it:
# one line per PDU with direction, opcode name, flags, login stages and,
# for Login and Text PDUs, the key=value pairs of the data segment
# (RFC 7143 §11.2 BHS, §11.10-11.13 Text/Login, §6 text keys). Used to
# record which keys an initiator sends, without packet capture.
# CHAP_R/CHAP_C values are kept (test secrets only); nothing is altered.
# Usage: pdu_tap.py --listen PORT --to PORT [--log FILE] [--ready FILE]
import argparse
import socket
import threading

BHS_LEN = 48
OPS = {0x00: "NOP-Out", 0x01: "SCSI-Cmd", 0x02: "TMF", 0x03: "Login",
       0x04: "Text", 0x05: "Data-Out", 0x06: "Logout", 0x10: "SNACK",
       0x20: "NOP-In", 0x21: "SCSI-Rsp", 0x22: "TMF-Rsp",
       0x23: "Login-Rsp", 0x24: "Text-Rsp", 0x25: "Data-In",
       0x26: "Logout-Rsp", 0x31: "R2T", 0x32: "Async", 0x3F: "Reject"}
lock = threading.Lock()


def describe(bhs, data):
    op = bhs[0] & 0x3F
    name = OPS.get(op, "op-0x%02x" % op)
    flags = bhs[1]
    text = "%s flags=0x%02x" % (name, flags)
    if op in (0x03, 0x23):
        text += " T=%d C=%d CSG=%d NSG=%d" % (flags >> 7, (flags >> 6) & 1,
                                              (flags >> 2) & 3, flags & 3)
    if op == 0x23:
        text += " status=%02x%02x" % (bhs[36], bhs[37])
    if op in (0x03, 0x04, 0x23, 0x24):
        text += " dlen=%d" % len(data)
        if op in (0x04, 0x24):
            text += " ttt=%08x" % int.from_bytes(bhs[20:24], "big")
        keys = [k.decode(errors="replace") for k in data.split(b"\0") if k]
        text += "\n\t" + "\n\t".join(keys) if keys else ""
    return text


class Parser:
    """Incremental PDU splitter for one direction (no digests: login and
    discovery never negotiate them in these tests)."""

    def __init__(self, tag, log):
        self.buf = bytearray()
        self.tag = tag
        self.log = log

    def feed(self, chunk):
        self.buf += chunk
        while len(self.buf) >= BHS_LEN:
            ahs = self.buf[4] * 4
            dlen = int.from_bytes(self.buf[5:8], "big")
            total = BHS_LEN + ahs + ((dlen + 3) & ~3)
            if len(self.buf) < total:
                return
            bhs = bytes(self.buf[:BHS_LEN])
            data = bytes(self.buf[BHS_LEN + ahs: BHS_LEN + ahs + dlen])
            del self.buf[:total]
            with lock:
                self.log.write("%s %s\n" % (self.tag, describe(bhs, data)))


def pump(src, dst, parser):
    try:
        while True:
            chunk = src.recv(65536)
            if not chunk:
                break
            parser.feed(chunk)
            dst.sendall(chunk)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def relay(client, to_port, log):
    try:
        server = socket.create_connection(("127.0.0.1", to_port))
    except OSError as e:
        with lock:
            log.write("-- upstream connect failed: %s\n" % e)
        client.close()
        return
    with lock:
        log.write("-- connection\n")
    threads = [threading.Thread(target=pump, daemon=True,
                                args=(client, server, Parser("I->T", log))),
               threading.Thread(target=pump, daemon=True,
                                args=(server, client, Parser("T->I", log)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    client.close()
    server.close()
    with lock:
        log.write("-- closed\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", type=int, required=True)
    ap.add_argument("--to", type=int, required=True)
    ap.add_argument("--log", default="/dev/stdout")
    ap.add_argument("--ready")
    args = ap.parse_args()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.listen))
    srv.listen(8)
    if args.ready:
        open(args.ready, "w").close()
    log = open(args.log, "a", buffering=1)
    while True:
        client, _ = srv.accept()
        threading.Thread(target=relay, args=(client, args.to, log),
                         daemon=True).start()


if __name__ == "__main__":
    main()
