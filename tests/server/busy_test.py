#!/usr/bin/env python3
"""Busy is not an error (issue 18, item 4). While another writer holds the store's write lock (an
SQLite transaction begun IMMEDIATE, or on PostgreSQL the advisory lock jixiao's writers take, as a long
import holds them), a write waits the bounded time (5 s) and then:

  - the API answers 503 with Retry-After and plain Chinese words: no path, no SQL, no library message
    (before: 500 with the database's path and "database is locked");
  - a page answers 503 the same way;
  - `jixiao return` and `jixiao actuals import` say the store is busy and exit with status 3;
  - the server's log has what happened, for the operator.

Once the lock is let go, the same write succeeds at once and is in the store."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

from serverlib import SEED, Server, Tap, check, eq

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "busy-test-1"
WAIT = 5  # seconds: the store's bounded wait for the write lock
LEAKS = ("sqlite", "SQLite", "database", "locked", ".db", "lock_timeout", "advisory", "SELECT", "ERROR:")

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-busy-")
db = stores.location(tmp, "busy")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
state = {}


class Holder:
    """Holds the store's write lock from another connection, as a long import does."""

    def __init__(self):
        self.con = self.proc = None

    def take(self):
        if stores.on_pg():
            self.proc = subprocess.Popen(["psql", "-X", "-q", db, "-c",
                                          "BEGIN; SELECT pg_advisory_xact_lock(27256, 1); SELECT pg_sleep(600); COMMIT"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                if stores.psql(db.rsplit("/", 1)[1], "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                               "AND classid = 27256 AND objid = 1 AND granted") == "1":
                    return
                time.sleep(0.1)
            raise AssertionError("the lock was not taken")
        self.con = sqlite3.connect(db, isolation_level=None, timeout=30)
        self.con.execute("BEGIN IMMEDIATE")

    def release(self):
        if self.proc:
            stores.psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE query LIKE '%%pg_sleep(600)%%' AND pid <> pg_backend_pid() AND datname = '%s'"
                        % db.rsplit("/", 1)[1])
            self.proc.wait(timeout=30)
            self.proc = None
        if self.con:
            self.con.rollback()
            self.con.close()
            self.con = None


holder = Holder()


def plain(body, what):
    for leak in LEAKS + (tmp,):
        check(leak not in body, "%s gives away %r: %s" % (what, leak, body[:400]))


def timed(fn):
    t = time.time()
    r = fn()
    return r, time.time() - t


def setup():
    srv.cli("import", SEED)
    srv.cli("user", "add", "weijian", "--role", "unit", "--unit", "博湖县卫生健康委员会", stdin=(PASSWORD + "\n").encode())
    srv.cli("submit", "2", "3")
    srv.cli("approve", "3")
    srv.start()
    state["sess"] = srv.login("weijian", PASSWORD)
    r = srv.call("GET", "/api/projects/1", state["sess"])
    eq(r.status, 200)
    state["doc"] = r.json()
    with open(os.path.join(tmp, "actuals.csv"), "w") as f:
        f.write("project,indicator,actual,as_of\n3,特困供养人数,91,2021-12-31\n")
    holder.take()


def api_busy():
    doc = dict(state["doc"], goal="忙时保存的目标")
    r, took = timed(lambda: srv.call("PUT", "/api/projects/1", state["sess"], data=doc, timeout=60))
    eq(r.status, 503, "a save while the store is held: %r" % r)
    check(r.header("Retry-After") and r.header("Retry-After").isdigit(), "Retry-After:", r.header("Retry-After"))
    check("正忙" in r.json()["error"] and "/" not in r.json()["error"], r.json())
    plain(r.text, "the API's 503")
    check(WAIT - 1 <= took < WAIT + 5, "answered after %.1f s, not after the bounded wait" % took)


def page_busy():
    sess = state["sess"]
    page = srv.call("GET", "/projects/1", sess)
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    check(m, "no CSRF field on the page")
    form = urllib.parse.urlencode({"csrf": m.group(1)}).encode()
    c = __import__("http.client").client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    c.request("POST", "/projects/1/submit", body=form,
              headers={"Cookie": "jx_session=" + sess[0], "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    body = r.read().decode()
    c.close()
    eq(r.status, 503, "a step from the page while the store is held")
    check(r.getheader("Retry-After"), "no Retry-After")
    check("正忙" in body, body[:400])
    plain(body, "the page's 503")


def cli_busy():
    for args in (["--user", "fin", "return", "--reason", "请补充", "2"], ["actuals", "import", os.path.join(tmp, "actuals.csv")]):
        r = subprocess.run([os.environ["JIXIAO"], "--db", db] + args, capture_output=True, timeout=60)
        err = r.stderr.decode()
        eq(r.returncode, 3, "jixiao %s: exit status (%s)" % (args[2] if args[0] == "--user" else args[0], err))
        check("数据库正忙" in err, err)


def released():
    holder.release()
    doc = dict(state["doc"], goal="锁释放后保存的目标")
    r, took = timed(lambda: srv.call("PUT", "/api/projects/1", state["sess"], data=doc))
    eq(r.status, 200, "the same save once the lock is let go")
    check(took < 2, "took %.1f s" % took)
    check("锁释放后保存的目标" in srv.cli("export", "1").stdout.decode(), "the save is not in the store")
    r = srv.cli("--user", "fin", "return", "--reason", "请补充", "2", ok=False)
    eq(r.returncode, 0, r.stderr.decode())


def logged():
    eq(srv.stop(), 0, "the server's exit status")
    log = srv.log()
    check(re.search(r"jixiao serve: PUT /api/projects/1: .*正忙", log), "the log does not say why:\n" + log[-1500:])
    check("ERROR: AddressSanitizer" not in log and "runtime error" not in log, log[-3000:])


try:
    tap.case("setup: the seed, a unit account, the server; another writer holds the store", setup)
    tap.case("API: a save waits %d s, then 503 with Retry-After and plain words" % WAIT, api_busy)
    tap.case("page: a step answers 503 with Retry-After and plain words", page_busy)
    tap.case("command: return and actuals import say the store is busy, exit status 3", cli_busy)
    tap.case("the lock let go: the same save answers 200 at once and is in the store", released)
    tap.case("the log says what happened; the server stops cleanly", logged)
finally:
    holder.release()
    if srv.proc and srv.proc.poll() is None:
        srv.proc.kill()
    shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
