#!/usr/bin/env python3
"""Half-open connections (issue 18, item 3): connections that send half a request line and stop.

  - 1,000 of them, from eight addresses, are open while a visitor asks for pages: every page is
    answered 200, quickly;
  - the header deadline (--header-timeout) closes each of them, and a client that sends a byte every
    half second (which an idle timeout never catches) too;
  - past the connection limit (--max-connections) the oldest connection still waiting for its headers
    is closed to make room, so that a visitor is answered even when strangers hold every connection.
"""
import os
import select
import shutil
import tempfile
import time

from serverlib import SEED, Server, Tap, check, eq, raw_status

HALF_OPEN = 1000
DEADLINE = 5  # seconds, --header-timeout
VISITOR_MAX = 2.0  # seconds a visitor's page may take (sanitized build, two cores shared)

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-halfopen-")
db = os.path.join(tmp, "halfopen.db")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2, args=["--header-timeout", str(DEADLINE)])
state = {"socks": []}


def stranger(n):
    return "127.0.1.%d" % (1 + n % 8)


def visit(what):
    """A visitor's page (a fresh connection from 127.0.0.1): its seconds."""
    t = time.time()
    r = srv.call("GET", "/", timeout=30)
    took = time.time() - t
    eq(r.status, 200, what)
    return took


def closed_by(socks, seconds):
    """How many of socks the server has closed (EOF or reset) within seconds."""
    left = set(socks)
    end = time.time() + seconds
    while left and time.time() < end:
        ready, _, _ = select.select(list(left)[:1000], [], [], 0.2)
        for s in ready:
            try:
                if not s.recv(4096):
                    left.discard(s)
            except OSError:
                left.discard(s)
    return len(socks) - len(left)


def setup():
    srv.cli("import", SEED)
    srv.start()
    visit("before")


def many_half_open():
    t = time.time()
    for i in range(HALF_OPEN):
        s = srv.connect(stranger(i), timeout=30)
        s.sendall(b"GET /public/2021 HT")
        state["socks"].append(s)
    state["opened"] = time.time()
    check(state["opened"] - t < DEADLINE - 1, "opening took %.1f s, past the deadline" % (state["opened"] - t))
    took = [visit("visitor %d" % i) for i in range(20)]
    print("# visitor: slowest %.0f ms of %d with %d half-open connections" % (max(took) * 1000, len(took), HALF_OPEN))
    check(max(took) < VISITOR_MAX, "a visitor waited %.2f s" % max(took))


def deadline():
    trickler = srv.connect(stranger(3))
    socks = state["socks"]
    start = time.time()
    n = 0
    while time.time() - start < DEADLINE + 3:
        try:
            trickler.sendall(b"GET / HTTP/1.1\r\nX-Slow: "[n % 24:n % 24 + 1] if n < 24 else b"a")
        except OSError:
            break
        n += 1
        ready, _, _ = select.select([trickler], [], [], 0.5)
        if ready and not trickler.recv(4096):
            break
    took = time.time() - start
    check(took < DEADLINE + 2.5, "a client sending a byte every half second was not closed (%.1f s)" % took)
    check(took > DEADLINE - 1.5, "closed after %.1f s, before the deadline" % took)
    trickler.close()
    closed = closed_by(socks, DEADLINE + 3 - (time.time() - state["opened"]))
    eq(closed, len(socks), "half-open connections closed by the deadline")
    for s in socks:
        s.close()
    visit("after")


def at_the_limit():
    eq(srv.stop(), 0, "the first server's exit status")
    small = Server(db, os.path.join(tmp, "server2.err"), threads=2, args=["--max-connections", "64",
                                                                          "--header-timeout", "120"])
    small.start()
    srv.proc = small.proc  # stopped by the cleanup below if this case fails
    try:
        socks = []
        for i in range(200):
            s = small.connect(stranger(i), timeout=30)
            s.sendall(b"GE")
            socks.append(s)
        t = time.time()
        r = small.call("GET", "/", timeout=30)
        eq(r.status, 200, "a visitor while strangers hold every connection")
        check(time.time() - t < VISITOR_MAX, "the visitor waited %.2f s" % (time.time() - t))
        check(closed_by(socks, 5) >= 200 - 64, "the oldest waiting connections were not closed")
        for s in socks:
            s.close()
    finally:
        eq(small.stop(), 0, "the second server's exit status")
    log = small.log() + srv.log()
    check("ERROR: AddressSanitizer" not in log and "runtime error" not in log, log[-3000:])


try:
    tap.case("setup: the seed, the server with a %d s header deadline" % DEADLINE, setup)
    tap.case("%d half-open connections: a visitor's pages are answered 200 within %.1f s" % (HALF_OPEN, VISITOR_MAX),
             many_half_open)
    tap.case("the header deadline closes every half-open connection and a client trickling bytes", deadline)
    tap.case("past --max-connections the oldest waiting connections make room for a visitor", at_the_limit)
finally:
    if srv.proc and srv.proc.poll() is None:
        srv.proc.kill()
    for s in state["socks"]:
        s.close()
    shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
