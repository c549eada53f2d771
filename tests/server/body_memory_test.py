#!/usr/bin/env python3
"""Bodies in flight (issue 18, item 3): 150 connections without a session each send a 4 MiB body, to
/api/login and /api/projects, announced by Content-Length or in chunks, all at once. Before, the
server held every one in memory (600 MiB here, over 1 GiB with 300); now a stranger's body is read
only to sign in, and only 4 KiB of it, so the server's peak resident memory grows by less than
GROWTH_MAX while they are in flight; each announced by its length is answered 413 from its headers, each
sent in chunks 413 or, past 64 KiB more, cut off.

The body budget: with --body-budget 1M, a signed-in body that would pass it is answered 503 with
Retry-After from its headers, while the one that holds the budget completes; once it is done, the
budget is free again."""
import os
import shutil
import tempfile
import threading

from serverlib import SEED, Server, Tap, check, eq, raw_body, raw_header, raw_status

PASSWORD = "body-memory-1"
BIG = 4 << 20
CONNECTIONS = 150
GROWTH_MAX = 64 << 10  # KiB

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-bodies-")
srv = Server(os.path.join(tmp, "bodies.db"), os.path.join(tmp, "server.err"), threads=2, args=["--body-budget", "1M"])
state = {}


def setup():
    srv.cli("import", SEED)
    srv.cli("user", "add", "jiaoyu", "--role", "unit", "--unit", "博湖县教育局", stdin=(PASSWORD + "\n").encode())
    srv.start()
    state["sess"] = srv.login("jiaoyu", PASSWORD)
    for _ in range(20):
        eq(srv.call("GET", "/").status, 200)


def head(i):
    path = "/api/projects" if i % 3 == 1 else "/api/login"
    h = b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" % path.encode()
    return h + (b"Transfer-Encoding: chunked\r\n\r\n" if i % 3 == 2 else b"Content-Length: %d\r\n\r\n" % BIG)


def body(i):
    piece = b"[" * 65536
    if i % 3 == 2:
        return [b"%x\r\n" % len(piece) + piece + b"\r\n"] * (BIG // len(piece)) + [b"0\r\n\r\n"]
    return [piece] * (BIG // len(piece))


def strangers():
    rss, _ = srv.memory_kib()
    peak = [rss]
    done = threading.Event()

    def sample():  # VmHWM may hold a peak from the start; the resident size is sampled meanwhile
        while not done.wait(0.01):
            peak[0] = max(peak[0], srv.memory_kib()[0])
    sampler = threading.Thread(target=sample)
    sampler.start()
    answers = [None] * CONNECTIONS
    start = threading.Barrier(CONNECTIONS)

    def one(i):
        start.wait()
        answers[i] = srv.exchange(head(i), body(i), timeout=120)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    sampler.join()
    peak = peak[0]
    check(peak - rss < GROWTH_MAX, "the server grew by %d MiB with %d bodies of 4 MiB in flight (at most %d MiB)"
          % ((peak - rss) >> 10, CONNECTIONS, GROWTH_MAX >> 10))
    statuses = sorted(set(raw_status(a) for a in answers), key=str)
    check(set(statuses) <= {413, None}, "answers:", statuses)
    # announced by Content-Length: 413 from the headers; in chunks: 413, or cut off past 64 KiB more
    check(all(raw_status(a) == 413 for i, a in enumerate(answers) if i % 3 != 2), "a body with its length not 413")
    check(all(b"4 KiB" in raw_body(a) for i, a in enumerate(answers) if raw_status(a) == 413 and i % 3 != 1),
          "a sign-in's 413 names the 4 KiB limit")
    print("# the server grew by %d KiB" % (peak - rss))
    eq(srv.call("GET", "/").status, 200, "a visitor afterwards")


def stranger_small_body():
    r = srv.exchange(b"POST /api/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 900000\r\n\r\n", [b" " * 65536])
    eq(raw_status(r), 401, "a stranger's table is answered from the headers")
    r = srv.exchange(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n", [b"0123456789"])
    eq(raw_status(r), 413, "GET takes no body")


def budget():
    s = state["sess"]
    cookie = b"Cookie: jx_session=" + s[0].encode() + b"\r\nX-CSRF-Token: " + s[1].encode() + b"\r\n"
    size = 700 << 10
    h = (b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n" + cookie +
         b"Content-Length: %d\r\n\r\n" % size)
    first = srv.connect(timeout=30)
    first.sendall(h + b" " * (size // 2))
    out = srv.exchange(h, [b" " * size])
    eq(raw_status(out), 503, "a body past the budget: %r" % out[:200])
    check(raw_header(out, "Retry-After"), "no Retry-After")
    check("请稍后再试" in raw_body(out).decode(), raw_body(out).decode())
    first.sendall(b" " * (size - size // 2 - 2) + b"{}")
    got = b""
    while True:
        c = first.recv(65536)
        if not c:
            break
        got += c
    first.close()
    eq(raw_status(got), 400, "the body that held the budget is read whole (400 for its content)")
    out = srv.exchange(h, [b" " * (size - 2) + b"{}"])
    eq(raw_status(out), 400, "the budget is free again")


def stopped():
    srv.stop_cleanly()


try:
    tap.case("setup: the seed, a unit account, the server with a 1 MiB body budget", setup)
    tap.case("%d strangers' bodies of 4 MiB at once: the server grows by less than %d MiB, every one 413"
             % (CONNECTIONS, GROWTH_MAX >> 10), strangers)
    tap.case("a stranger's table is 401 from its headers; GET with a body is 413", stranger_small_body)
    tap.case("the body budget: past it 503 with Retry-After; the body holding it completes; then free", budget)
    tap.case("the server stops cleanly, no sanitizer report", stopped)
finally:
    if srv.proc and srv.proc.poll() is None:
        srv.proc.kill()
    shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
