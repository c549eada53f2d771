"""The database server goes away under a running jixiao serve and comes back: while it is away every
request is answered 503 with plain Chinese words (no connection text, no path) and writes nothing, the
session cookie is kept; once it is back the next requests work, on the same session, without jixiao
being restarted — also after a restart of the database while jixiao sat idle. PostgreSQL only; it
stops the run's own server (scripts/with-pg), so it runs alone (meson: is_parallel false)."""
import http.client
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import stores  # noqa: E402
from serverlib import JIXIAO, SEED, Resp, Server, Tap, check, eq  # noqa: E402

PASSWORD = "correct-horse-1"
PGBIN = os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin")
PGDIR = os.environ.get("JIXIAO_TEST_PG_DIR")

tap = Tap()
if not stores.on_pg() or not PGDIR:
    tap.skip_all("the database server's restart is PostgreSQL's (run under scripts/with-pg)")

tmp = tempfile.mkdtemp(prefix="jx-restart.")
srv = Server(stores.location(tmp, "restart"), os.path.join(tmp, "serve.err"), threads=2)
S = {}


def as_server(args):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    r = subprocess.run(args, capture_output=True, timeout=120)
    if r.returncode != 0:
        raise AssertionError("%s: %s%s" % (" ".join(args), r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")))


def pg_stop():
    as_server([os.path.join(PGBIN, "pg_ctl"), "-D", os.path.join(PGDIR, "data"), "-m", "fast", "-w", "stop"])


def pg_start():
    """Starts the server again with the options it was started with (postmaster.opts)."""
    with open(os.path.join(PGDIR, "data", "postmaster.opts")) as f:
        args = shlex.split(f.read())
    opts = [a for a in args[1:]]
    i = opts.index("-D")
    del opts[i:i + 2]
    as_server([os.path.join(PGBIN, "pg_ctl"), "-D", os.path.join(PGDIR, "data"), "-l", os.path.join(PGDIR, "server.log"),
               "-w", "-t", "60", "-o", " ".join(shlex.quote(o) for o in opts), "start"])


def request(method, path, sess=None, data=None):
    h = {}
    body = None
    if sess:
        h["Cookie"] = "jx_session=" + sess[0]
        if method != "GET":
            h["X-CSRF-Token"] = sess[1]
    if data is not None:
        body = json.dumps(data, ensure_ascii=False).encode()
        h["Content-Type"] = "application/json"
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        return Resp(r.status, r.getheaders(), r.read())
    finally:
        c.close()


def setup():
    check(JIXIAO and os.access(JIXIAO, os.X_OK), "set JIXIAO to the jixiao binary")
    srv.cli("import", SEED)
    srv.cli("user", "add", "unit", "--role", "unit", "--unit", "博湖县教育和科学技术局", stdin=(PASSWORD + "\n").encode())
    srv.start()
    r = request("POST", "/api/login", data={"user": "unit", "password": PASSWORD})
    eq(r.status, 200, "login")
    S["sess"] = (re.match(r"jx_session=([0-9a-f]+);", r.header("Set-Cookie")).group(1), r.json()["csrf"])
    for _ in range(6):  # every pool thread has its connection
        eq(request("GET", "/api/projects/2", S["sess"]).status, 200, "before")
    S["doc"] = request("GET", "/api/projects/2", S["sess"]).json()


tap.case("jixiao serve on PostgreSQL, signed in", setup)
if tap.failed:
    tap.finish()


def outage():
    pg_stop()
    try:
        for _ in range(4):
            r = request("GET", "/api/projects/2", S["sess"])
            eq(r.status, 503, "GET during the outage: %r" % r)
            msg = r.json()["error"]
            eq(msg, "服务器暂时无法读写数据，本次操作未执行，请稍后再试", "the message")
            check(r.header("Retry-After"), "Retry-After")
            check(not (r.header("Set-Cookie") or ""), "the session cookie is kept: %r" % r.header("Set-Cookie"))
        r = request("PUT", "/api/projects/2", S["sess"], data=dict(S["doc"], goal="断线时保存的"))
        eq(r.status, 503, "a save during the outage")
        r = request("GET", "/projects/2", S["sess"])
        eq(r.status, 503, "a page during the outage")
        check("服务器暂时无法读写数据" in r.text, "the page says so")
        for word in ("PostgreSQL", "connection", "socket", "server closed", PGDIR, "restart"):
            check(word not in r.text, "the page holds %r" % word)
        r = request("GET", "/public/projects/2")
        eq(r.status, 503, "a public page during the outage")
    finally:
        pg_start()


tap.case("while the database is away: 503 with plain words, the cookie kept", outage)


def back():
    for _ in range(6):
        r = request("GET", "/api/projects/2", S["sess"])
        eq(r.status, 200, "GET after the database came back: %r" % r)
        eq(r.json()["goal"], S["doc"]["goal"], "nothing of the save during the outage")
    r = request("PUT", "/api/projects/2", S["sess"], data=dict(S["doc"], goal="恢复后保存的"))
    eq(r.status, 200, "a save after it came back: %r" % r)


tap.case("once it is back, the next requests work on the same session", back)


def idle_restart():
    as_server([os.path.join(PGBIN, "pg_ctl"), "-D", os.path.join(PGDIR, "data"), "-l", os.path.join(PGDIR, "server.log"),
               "-m", "fast", "-w", "restart"])
    for _ in range(6):
        r = request("GET", "/api/projects/2", S["sess"])
        eq(r.status, 200, "every request after a restart while jixiao was idle: %r" % r)
    eq(r.json()["goal"], "恢复后保存的", "the save made before")


tap.case("a restart while jixiao sits idle fails no request", idle_restart)


def clean_stop():
    eq(srv.stop(), 0, "exit status")
    log = srv.log()
    check("Sanitizer" not in log and "runtime error" not in log, log[-3000:])


tap.case("jixiao serve stops cleanly, no sanitizer report", clean_stop)
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
