#!/usr/bin/env python3
"""Connections per address (issue 18, item 3): with the default limit of 256, the 257th connection from
one address is answered 503 with Retry-After and plain words (a page, or JSON under /api/), where
before it was closed without a word; another address is served meanwhile, and once the connections
close the address is served again. --max-per-address sets the limit."""
import os
import shutil
import tempfile
import time

from serverlib import SEED, Server, Tap, check, eq, raw_body, raw_header, raw_status

LIMIT = 256

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-peraddr-")
db = os.path.join(tmp, "peraddr.db")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
state = {"socks": []}


def ask(path, source):
    return srv.exchange(b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path.encode(), source=source)


def setup():
    srv.cli("import", SEED)
    srv.start()


def over_the_limit():
    for _ in range(LIMIT):
        state["socks"].append(srv.connect("127.0.0.1"))
    time.sleep(0.5)  # each is noted as it is accepted
    out = ask("/", "127.0.0.1")
    eq(raw_status(out), 503, "the %dth connection from one address: %r" % (LIMIT + 1, out[:120]))
    check(raw_header(out, "Retry-After"), "no Retry-After")
    check("连接过多" in raw_body(out).decode(), raw_body(out).decode()[:300])
    out = ask("/api/projects", "127.0.0.1")
    eq(raw_status(out), 503, "the API")
    check(b'"error"' in raw_body(out) and raw_header(out, "Retry-After"), out[:400])
    eq(raw_status(ask("/", "127.0.0.2")), 200, "another address meanwhile")


def released():
    for s in state["socks"]:
        s.close()
    state["socks"] = []
    for _ in range(50):
        if raw_status(ask("/", "127.0.0.1")) == 200:
            return
        time.sleep(0.1)
    raise AssertionError("the address is not served after its connections closed")


def option():
    eq(srv.stop(), 0, "the server's exit status")
    srv.args = ["--max-per-address", "3"]
    srv.start()
    for _ in range(3):
        state["socks"].append(srv.connect("127.0.0.3"))
    time.sleep(0.3)
    eq(raw_status(ask("/", "127.0.0.3")), 503, "the 4th of --max-per-address 3")
    eq(raw_status(ask("/", "127.0.0.4")), 200, "another address")
    r = srv.cli("serve", "--max-per-address", "x", ok=False)
    eq(r.returncode, 2, "a wrong value")
    check("--max-per-address" in r.stderr.decode(), r.stderr.decode())


def stopped():
    for s in state["socks"]:
        s.close()
    srv.stop_cleanly()


try:
    tap.case("setup: the seed, the server", setup)
    tap.case("the %dth connection from one address: 503 with Retry-After and words; others served" % (LIMIT + 1),
             over_the_limit)
    tap.case("once its connections close, the address is served again", released)
    tap.case("--max-per-address sets the limit; a wrong value is a usage error", option)
    tap.case("the server stops cleanly, no sanitizer report", stopped)
finally:
    if srv.proc and srv.proc.poll() is None:
        srv.proc.kill()
    for s in state["socks"]:
        s.close()
    shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
