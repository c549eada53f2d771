"""The attack run of issue 17 against a sanitized jixiao serve, one probe for each failure it found:

  fields     a unit marking its own table 涉密 or 重点, or setting its status (API and form): 403 naming
             the field, nothing stored
  oracle     another unit choosing a classified table's name learns nothing (no 409, no id)
  foreign    POST /projects/{id}/edit (and every route) answers another unit's table exactly as a
             missing id, byte for byte
  throttle   40 concurrent wrong passwords with --threads 8: at most 5 reach the hash; the count survives
             a restart
  lock-out   a stranger's 5 failures do not keep the owner out from another address
  passwords  jixiao user refuses 12345678, aaaaaaaa, eight spaces and the account's own name
  cookies    --secure-cookies marks the session and login cookies Secure, HttpOnly and SameSite kept;
             without it no Secure
The server's stderr must hold no sanitizer report. Runs on SQLite and (suite pg) on PostgreSQL.
"""
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402
from serverlib import JIXIAO, SEED, Server, Tap, check, eq  # noqa: E402

PASSWORD = "attack-suite-pw-1"
UNIT_A = "博湖县卫生健康委员会"  # owns project 1, classified below
UNIT_B = "博湖县民政局"  # owns project 3
MISSING = 999999

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-attack-")
db = stores.location(tmp, "attack")
srv = Server(db, os.path.join(tmp, "serve.err"), threads=8)
S = {}
CASES = []  # (name, fn), run in order after setup


def case(name, fn):
    CASES.append((name, fn))


def table(pid):
    return json.loads(srv.cli("export", str(pid)).stdout)["projects"][0]


def setup():
    check(JIXIAO and os.access(JIXIAO, os.X_OK), "set JIXIAO to the jixiao binary")
    srv.cli("import", SEED)
    for name, role, unit in (("unit_a", "unit", UNIT_A), ("unit_b", "unit", UNIT_B), ("fin", "finance", None),
                             ("victim", "unit", UNIT_B), ("owner", "unit", UNIT_B)):
        srv.cli("user", "add", name, "--role", role, *(["--unit", unit] if unit else []),
                stdin=(PASSWORD + "\n").encode())
    srv.cli("mark", "1", "--classified")
    srv.start()
    for name in ("unit_a", "unit_b", "fin"):
        S[name] = srv.login(name, PASSWORD)


# ---------------------------------------------------------------- 1. fields

def fields():
    mine = table(3)
    for field, value, word in (("classified", True, "涉密"), ("key", True, "重点"), ("status", "approved", "状态")):
        new = dict(mine, name="博湖县2021年新项目（%s）" % field)
        new.pop("id", None)
        new[field] = value
        r = srv.call("POST", "/api/projects", S["unit_b"], data=new)
        eq(r.status, 403, "POST with %s" % field)
        check(field in r.json()["error"] and word in r.json()["error"], r)
        r = srv.call("PUT", "/api/projects/3", S["unit_b"], data=dict(mine, **{field: value}))
        eq(r.status, 403, "PUT with %s" % field)
        check(field in r.json()["error"], r)
    after = table(3)
    check(not after["key"] and not after["classified"] and after["status"] == mine["status"], after)
    eq(srv.call("PUT", "/api/projects/3", S["unit_b"], data=mine).status, 200, "the table as read, sent back")


case("fields: a unit setting classified, key or status is refused 403 naming the field", fields)


def form_fields():
    r = srv.call("POST", "/projects/new", S["unit_b"], form=[
        ("kind", "project"), ("year", "2021"), ("name", "博湖县2021年表单项目"), ("unit", UNIT_B), ("total", "1"),
        ("goal", "目标"), ("classified", "1")])
    eq(r.status, 403, "the form with classified")
    check("涉密项目（classified）" in r.text, r)
    r = srv.call("GET", "/api/projects?year=2021", S["unit_b"])
    check("博湖县2021年表单项目" not in r.text, "stored anyway")


case("fields: the same through the web form", form_fields)


# ---------------------------------------------------------------- 2. oracle

def oracle():
    secret = table(1)  # unit A's, classified
    new = dict(table(3), name=secret["name"])
    new.pop("id", None)
    r = srv.call("POST", "/api/projects", S["unit_b"], data=new)
    eq(r.status, 201, "another unit's table of the classified table's name")
    check('"id": 1,' not in r.text and "编号 1" not in r.text, r)
    pid = r.json()["id"]
    r = srv.call("PUT", "/api/projects/3", S["unit_b"], data=dict(table(3), name=secret["name"]))
    eq(r.status, 409, "renaming onto the unit's own new table")
    check("编号 %d" % pid in r.json()["error"], "the own table is named", r)
    check("编号 1）" not in r.json()["error"], r)
    r = srv.call("POST", "/api/projects", S["unit_b"], data=new)
    eq(r.status, 409, "the same name twice in one unit")
    check("编号 %d" % pid in r.json()["error"], r)


case("oracle: a classified table's name is no conflict for another unit, and no id leaks", oracle)


def oracle_form():
    f = [("kind", "project"), ("year", "2021"), ("name", table(1)["name"]), ("unit", UNIT_B), ("total", "1"),
         ("goal", "目标")]
    r = srv.call("POST", "/projects/new", S["unit_b"], form=f)
    check(r.status in (303, 409), r)
    check("编号 1" not in r.text, "the id of another unit's table", r)


case("oracle: the same through the web form", oracle_form)


# ---------------------------------------------------------------- 3. foreign vs missing

def foreign():
    form = [("kind", "project"), ("year", "2021"), ("name", "x"), ("unit", UNIT_B), ("total", "1"), ("goal", "g")]
    probes = [("POST /projects/{}/edit", lambda i: srv.call("POST", "/projects/%d/edit" % i, S["unit_b"], form=form)),
              ("GET /projects/{}/edit", lambda i: srv.call("GET", "/projects/%d/edit" % i, S["unit_b"])),
              ("GET /projects/{}", lambda i: srv.call("GET", "/projects/%d" % i, S["unit_b"])),
              ("POST /projects/{}/submit", lambda i: srv.call("POST", "/projects/%d/submit" % i, S["unit_b"], form=[])),
              ("POST /projects/{}/actuals", lambda i: srv.call("POST", "/projects/%d/actuals" % i, S["unit_b"],
                                                             form=[("indicator", "x"), ("actual", "1")])),
              ("GET /api/projects/{}", lambda i: srv.call("GET", "/api/projects/%d" % i, S["unit_b"])),
              ("PUT /api/projects/{}", lambda i: srv.call("PUT", "/api/projects/%d" % i, S["unit_b"],
                                                         data=dict(table(3), classified=False))),
              ("GET /api/projects/{}/history", lambda i: srv.call("GET", "/api/projects/%d/history" % i, S["unit_b"])),
              ("GET /api/projects/{}/findings", lambda i: srv.call("GET", "/api/projects/%d/findings" % i, S["unit_b"])),
              ("POST /api/projects/{}/submit", lambda i: srv.call("POST", "/api/projects/%d/submit" % i, S["unit_b"]))]
    for what, probe in probes:
        for foreign_id in (1, 2):  # classified and plain tables of other units
            a, b = probe(foreign_id), probe(MISSING)
            eq(a.status, b.status, "%s: status" % what.format(foreign_id))
            eq(a.body, b.body, "%s: body" % what.format(foreign_id))
            check(a.status in (404, 403), what, a)


case("foreign: every route answers another unit's table exactly as a missing id", foreign)


# ---------------------------------------------------------------- 4, 5. throttling

def concurrent():
    results = []
    lock = threading.Lock()

    def attempt():
        r = srv.call("POST", "/api/login", data={"user": "victim", "password": "wrong-%d" % time.time_ns()})
        with lock:
            results.append(r.status)
    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked = results.count(401)
    check(checked <= 5, "%d of 40 were checked against the hash" % checked, results)
    eq(checked + results.count(429), 40, "401 or 429 only: %r" % results)
    r = srv.call("POST", "/api/login", data={"user": "victim", "password": PASSWORD})
    eq(r.status, 429, "the right password from the same address")
    check(re.search(r"请 \d+ (分钟|秒)后再试", r.json()["error"]), "the wait in the message", r)
    check(r.header("Retry-After") and int(r.header("Retry-After")) > 60, r.header("Retry-After"))


case("throttle: 40 concurrent wrong passwords, --threads 8: at most 5 checked against the hash", concurrent)


def restart():
    srv.stop()
    srv.start()
    S.update({name: srv.login(name, PASSWORD) for name in ("unit_a", "unit_b", "fin")})
    eq(srv.call("POST", "/api/login", data={"user": "victim", "password": PASSWORD}).status, 429,
       "the lock-out after a restart")


case("throttle: a restart keeps the count (it is in the store)", restart)


def lockout():
    for i in range(5):
        eq(srv.call("POST", "/api/login", data={"user": "owner", "password": "guess-%d" % i}).status, 401)
    deadline = time.time() + 10
    while True:  # the owner, from another address: at most a short delay
        r = srv.call("POST", "/api/login", data={"user": "owner", "password": PASSWORD}, source="127.0.0.2")
        if r.status != 429 or time.time() > deadline:
            break
        wait = int(r.header("Retry-After"))
        check(wait <= 2, "a short delay, not a lock-out:", r.header("Retry-After"), r)
        time.sleep(wait)
    eq(r.status, 200, "the owner logs in from another address")
    eq(srv.call("POST", "/api/login", data={"user": "owner", "password": PASSWORD}).status, 429,
       "the stranger's address stays locked")


case("lock-out: a stranger's 5 failures do not lock the owner out from another address", lockout)


# ---------------------------------------------------------------- 6. passwords

def passwords():
    for name, pw in (("weak1", "12345678"), ("weak2", "aaaaaaaa"), ("weak3", "        "), ("weakname", "WeakName-01"),
                     ("weak5", "password"), ("weak6", "qwertyui")):
        r = srv.cli("user", "add", name, "--role", "finance", stdin=(pw + "\n").encode(), ok=False)
        eq(r.returncode, 2, "jixiao user add with %r" % pw)
        check("密码" in r.stderr.decode(), r.stderr)
    r = srv.cli("user", "passwd", "fin", stdin=b"88888888\n", ok=False)
    eq(r.returncode, 2, "passwd 88888888")


case("passwords: 12345678, aaaaaaaa, eight spaces, the account's name are refused", passwords)


# ---------------------------------------------------------------- 7. cookies

def cookie_attrs(header):
    return [a.strip().lower() for a in header.split(";")[1:]]


def cookies():
    for secure in (False, True):
        if secure:
            srv.stop()
            srv.args = ["--secure-cookies"]
            srv.start()
        for what, r in (("login", srv.call("POST", "/api/login", data={"user": "fin", "password": PASSWORD})),
                        ("login form", srv.call("GET", "/login"))):
            c = r.header("Set-Cookie")
            check(c, what, "no cookie", r)
            attrs = cookie_attrs(c)
            check("httponly" in attrs and "samesite=strict" in attrs, what, c)
            eq("secure" in attrs, secure, "%s: Secure in %r" % (what, c))
        s = srv.login("fin", PASSWORD)
        r = srv.call("POST", "/api/logout", s)
        eq("secure" in cookie_attrs(r.header("Set-Cookie")), secure, "the logout's cookie")


case("cookies: Secure with --secure-cookies and not without; HttpOnly and SameSite=Strict both ways", cookies)


def behind_proxy():
    srv.stop()
    srv.args = ["--secure-cookies", "--behind-proxy"]
    srv.start()
    stranger, owner = {"X-Real-IP": "203.0.113.7"}, {"X-Real-IP": "203.0.113.8"}
    for i in range(5):
        eq(srv.call("POST", "/api/login", data={"user": "unit_a", "password": "guess-%d" % i}, headers=stranger).status,
           401)
    eq(srv.call("POST", "/api/login", data={"user": "unit_a", "password": PASSWORD}, headers=stranger).status, 429,
       "the stranger's client, behind the proxy")
    time.sleep(1.1)  # the account's soft delay after five failures
    eq(srv.call("POST", "/api/login", data={"user": "unit_a", "password": PASSWORD}, headers=owner).status, 200,
       "another client through the same proxy")
    check("203.0.113.7 POST /api/login 429" in srv.log(), "the client's address in the log")


case("behind a proxy (--behind-proxy), clients are told apart by X-Real-IP", behind_proxy)


def clean_stop():
    eq(srv.stop(), 0, "exit status after SIGTERM")
    log = srv.log()
    for bad in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
        check(bad not in log, "sanitizer report in the server's log:", log[-3000:])


def main():
    try:
        setup()
    except Exception as e:  # noqa: BLE001
        print("Bail out! setup failed: %s" % e)
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    try:
        for name, fn in CASES:
            tap.case(name, fn)
        tap.case("the server stops cleanly, with no sanitizer report", clean_stop)
    finally:
        if srv.proc and srv.proc.poll() is None:
            srv.proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    tap.finish()


if __name__ == "__main__":
    sys.exit(main())
