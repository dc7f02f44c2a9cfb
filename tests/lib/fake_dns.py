#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fake_dns.py - a DNS server on a loopback address for the resolver test:
answers A/AAAA questions from a fixed table, with the faults a resolver
must live with.

usage: fake_dns.py ADDR LOG [--servfail] [--ready FILE]
Listens on UDP ADDR:53 (a loopback address of the test's own network
namespace).  Every question is appended to LOG as "NAME TYPE".
--servfail: answer every question with SERVFAIL (a broken first server).
Names of the table (see ZONE): an A and/or AAAA set, a CNAME, NXDOMAIN
for anything else; "drop.test" is never answered; "spoof.test" is first
answered with a wrong id and a truncated packet, then properly."""
import socket
import struct
import sys

ZONE = {
    "target.test": {1: ["127.0.0.7"]},
    "v6only.test": {28: ["::1"]},
    "both.test": {1: ["127.0.0.8"], 28: ["::1"]},
    "short.lab.test": {1: ["127.0.0.10"]},
    "spoof.test": {1: ["127.0.0.11"]},
    "noaddr.test": {},
}
CNAME = {"alias.test": "target.test"}


def name_bytes(name):
    return b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"


def parse_question(pkt):
    pos, labels = 12, []
    while pkt[pos]:
        n = pkt[pos]
        labels.append(pkt[pos + 1:pos + 1 + n].decode())
        pos += 1 + n
    qtype = struct.unpack("!H", pkt[pos + 1:pos + 3])[0]
    return ".".join(labels).lower(), qtype, pkt[12:pos + 5]


def rr(name_ptr, rtype, rdata):
    return name_ptr + struct.pack("!HHIH", rtype, 1, 60, len(rdata)) + rdata


def answer(pkt, servfail):
    qid = pkt[:2]
    name, qtype, question = parse_question(pkt)
    flags, answers = 0x8180, []
    if servfail:
        flags = 0x8182
    elif name in CNAME:
        target = CNAME[name]
        answers.append(rr(b"\xc0\x0c", 5, name_bytes(target)))
        for a in ZONE[target].get(qtype, []):
            fam = socket.AF_INET if qtype == 1 else socket.AF_INET6
            answers.append(rr(name_bytes(target), qtype,
                              socket.inet_pton(fam, a)))
    elif name in ZONE:
        for a in ZONE[name].get(qtype, []):
            fam = socket.AF_INET if qtype == 1 else socket.AF_INET6
            answers.append(rr(b"\xc0\x0c", qtype, socket.inet_pton(fam, a)))
    else:
        flags = 0x8183
    return (qid + struct.pack("!HHHHH", flags, 1, len(answers), 0, 0) +
            question + b"".join(answers))


def main():
    addr, log = sys.argv[1], sys.argv[2]
    servfail = "--servfail" in sys.argv
    ready = sys.argv[sys.argv.index("--ready") + 1] \
        if "--ready" in sys.argv else None
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((addr, 53))
    if ready:
        open(ready, "w").close()
    while True:
        pkt, peer = s.recvfrom(512)
        try:
            name, qtype, _ = parse_question(pkt)
        except (IndexError, UnicodeDecodeError, struct.error):
            continue
        with open(log, "a") as f:
            f.write("%s %d\n" % (name, qtype))
        if name == "drop.test" and not servfail:
            continue
        reply = answer(pkt, servfail)
        if name == "spoof.test" and not servfail:
            wrong = bytes([pkt[0] ^ 0xff, pkt[1]]) + reply[2:]
            s.sendto(wrong, peer)
            s.sendto(reply[:len(reply) - 3], peer)
        s.sendto(reply, peer)


if __name__ == "__main__":
    main()
