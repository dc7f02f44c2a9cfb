#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""delay_relay.py - a TCP relay on loopback that holds every byte for a
fixed time in each direction: a target "a few milliseconds away" for
benchmarks (the guest's connections reach it through qemu's guestfwd).

usage: delay_relay.py LISTEN_PORT TARGET_PORT DELAY_MS
Listens on 127.0.0.1:LISTEN_PORT, connects each client to
127.0.0.1:TARGET_PORT; both ends are loopback by construction.  Prints
"ready" on stdout once it listens.  Order is kept: bytes leave in the
order they came, each DELAY_MS after it arrived."""
import asyncio
import socket
import sys


async def pump(reader, writer, delay):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((loop.time() + delay, data))
            if not data:
                break
        await sender
    except (ConnectionError, OSError):
        sender.cancel()


async def client(creader, cwriter, port, delay):
    try:
        treader, twriter = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        cwriter.close()
        return
    for w in (cwriter, twriter):
        w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP,
                                               socket.TCP_NODELAY, 1)
    await asyncio.gather(pump(creader, twriter, delay),
                         pump(treader, cwriter, delay),
                         return_exceptions=True)
    cwriter.close()
    twriter.close()


async def main():
    lport, tport, delay = int(sys.argv[1]), int(sys.argv[2]), \
        float(sys.argv[3]) / 1000.0
    server = await asyncio.start_server(
        lambda r, w: client(r, w, tport, delay), "127.0.0.1", lport)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    asyncio.run(main())
