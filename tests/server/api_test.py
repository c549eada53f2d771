#!/usr/bin/env python3
"""The web system from the outside: jixiao serve (the sanitized build, $JIXIAO) on a fresh database with
the Bohu sample, spoken to over HTTP with the standard library only. Reports TAP.

Groups, in the order they run (later groups rely on the states earlier ones leave):
  start      the server starts, prints its address, answers /
  login      the cookie (HttpOnly, SameSite=Strict) and the CSRF token; bad logins
  read       listings per caller; one project as the canonical JSON of jixiao export; findings
  anonymous  unpublished and classified tables are exactly like missing ones, on every path
  unit       another unit's tables are exactly like missing ones; review and publishing are not its
  admin, finance   what each role may not do (each denial a case of its own)
  csrf       every change made with a session needs the session's token (API header, form field)
  workflow   edit, submit, return, approve; 409 while not draft/returned and while an error stands;
             the history names the account of every change
  fields     the edit form shows a table's optional fields (主管部门, 分值 …) and keeps those it does not
             show: a save through the form, as a browser submits it, changes only what was changed
  escaping   a project named <script>… shown escaped on every page, public ones included
  bad        413 past each route's limit (Content-Length and chunked), 400 for malformed JSON and forms, 404 for unknown paths
             and for every way out of the compiled assets
  throttle   429 with Retry-After after 5 failures per account and 20 per address
  hostile    huge headers, garbage, partial requests, deep nesting: the server still answers /
  log, stop  a log line per request; SIGTERM and SIGINT stop it cleanly; no sanitizer report
"""
import html.parser
import http.client
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above
import serverlib  # noqa: E402 - beside this file

JIXIAO = os.environ.get("JIXIAO")
SRC = os.environ.get("JIXIAO_SRC") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(SRC, "data", "samples", "bohu-2021.txt")
BODY_MAX = 4 << 20  # more than any route takes
TABLE_MAX = 1 << 20  # SRV_BODY_TABLE: a table from a signed-in account
ANON_MAX = 4 << 10  # SRV_BODY_ANONYMOUS: signing in
PASSWORD = "correct-horse-1"
MISSING = 999999  # an id no project has

UNIT_A = "博湖县卫生健康委员会"  # project 1
UNIT_B = "博湖县民政局"  # project 3
DEPT = "博湖县某主管部门"  # the 主管部门 of none of the sample's units

os.environ.setdefault("ASAN_OPTIONS", "detect_leaks=1")
os.environ.setdefault("LSAN_OPTIONS", "suppressions=%s:print_suppressions=0" % os.path.join(SRC, "tests", "lsan.supp"))
os.environ.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
os.environ.pop("JIXIAO_DB", None)

# ---------------------------------------------------------------- TAP

count = 0
failed = 0


def case(name, fn):
    """Runs one test case: passes unless fn raises. Diagnostics go after a failure as # lines."""
    global count, failed
    count += 1
    try:
        fn()
        print("ok %d - %s" % (count, name), flush=True)
    except Exception as e:  # noqa: BLE001 - a test case reports whatever went wrong
        failed += 1
        print("not ok %d - %s" % (count, name), flush=True)
        if isinstance(e, AssertionError):
            msg = str(e) or traceback.format_exc()
        else:
            msg = traceback.format_exc()
        for line in msg.rstrip().splitlines():
            print("# " + line[:2000], flush=True)


def check(cond, *what):
    if not cond:
        raise AssertionError(" ".join(str(w) for w in what) or "condition failed")


def eq(got, want, what=""):
    if got != want:
        raise AssertionError("%sgot %r, expected %r" % (what + ": " if what else "", got, want))


# ---------------------------------------------------------------- the server

tmp = tempfile.mkdtemp(prefix="jixiao-api-")
DB = stores.location(tmp, "jixiao")
server = None
port = None
errlog_path = os.path.join(tmp, "server.err")


def cli(*args, stdin=None, user="setup"):
    r = subprocess.run([JIXIAO, "--db", DB, "--user", user] + list(args), input=stdin, capture_output=True, timeout=120)
    if r.returncode != 0:
        raise AssertionError("jixiao %s: exit %d\n%s%s" % (" ".join(args), r.returncode, r.stdout.decode(errors="replace"),
                                                          r.stderr.decode(errors="replace")))
    return r.stdout.decode()


def start(err_path):
    """Starts jixiao serve on a free port, its stderr into err_path; returns (process, port, the line it printed)."""
    errf = open(err_path, "wb")
    p = subprocess.Popen([JIXIAO, "--db", DB, "serve", "--listen", "127.0.0.1:0", "--threads", "4"],
                         stdout=subprocess.PIPE, stderr=errf)
    errf.close()
    line = b""
    deadline = time.time() + 30
    while not line.endswith(b"\n") and time.time() < deadline:
        ready, _, _ = select.select([p.stdout], [], [], 1)
        if ready:
            c = p.stdout.read1(4096) if hasattr(p.stdout, "read1") else os.read(p.stdout.fileno(), 4096)
            if not c:
                break
            line += c
    m = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        p.kill()
        raise AssertionError("no address printed: %r; stderr: %s" % (line, open(err_path, "rb").read()[-2000:]))
    return p, int(m.group(1)), line.decode()


def stop(p, sig):
    p.send_signal(sig)
    try:
        return p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None


def errlog(path=None):
    with open(path or errlog_path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


# ---------------------------------------------------------------- HTTP

class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "HTTP %d %s" % (self.status, self.body[:600].decode("utf-8", errors="replace"))


class Session:
    def __init__(self, name, token, csrf, info):
        self.name = name
        self.token = token
        self.csrf = csrf
        self.info = info


AUTO = object()
sent = {}  # (method, path) → how many requests call() made there and had answered: each must be logged


def call(method, path, sess=None, data=None, body=None, form=None, token=AUTO, ctype=None, headers=None, timeout=30):
    """One request on a connection of its own. data: sent as JSON; form: a dict or list of pairs sent
    url-encoded (its csrf field added unless token is None); token: the X-CSRF-Token (AUTO: the
    session's, for a change made with a session; None: none)."""
    h = {}
    if sess:
        h["Cookie"] = "jx_session=" + sess.token
    if data is not None:
        body = json.dumps(data, ensure_ascii=False).encode()
        h["Content-Type"] = "application/json"
    if form is not None:
        pairs = list(form.items()) if isinstance(form, dict) else list(form)
        if sess and token is AUTO:
            pairs.append(("csrf", sess.csrf))
        elif token not in (AUTO, None):
            pairs.append(("csrf", token))
        body = urllib.parse.urlencode(pairs).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    elif token is AUTO:
        if sess and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = sess.csrf
    elif token is not None:
        h["X-CSRF-Token"] = token
    if ctype:
        h["Content-Type"] = ctype
    if headers:
        h.update(headers)
    if isinstance(body, str):
        body = body.encode()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        resp = Resp(r.status, r.getheaders(), r.read())
        if re.fullmatch(r"[A-Za-z0-9/_.-]+", path):
            sent[(method, path)] = sent.get((method, path), 0) + 1
        return resp
    finally:
        c.close()


def get(path, sess=None):
    return call("GET", path, sess)


def raw(data, timeout=10, shut=True):
    """Sends bytes as they are and returns all bytes answered until the server closes (or timeout)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    out = b""
    try:
        try:
            s.sendall(data)
            if shut:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                c = s.recv(65536)
            except socket.timeout:
                break
            except OSError:
                break
            if not c:
                break
            out += c
    finally:
        s.close()
    return out


def stream(head, chunks, timeout=30):
    """Sends head, then each of chunks, keeping the answer the server gives early (serverlib.exchange)."""
    return serverlib.exchange(port, head, chunks, timeout=timeout)


def sent_whole(method, path, sess, body, ctype="application/json"):
    """Sends a request with its whole body through stream(), for an answer the server may give before
    reading the body (413): http.client, sending first, would meet the closed connection instead."""
    head = b"%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: %s\r\nContent-Length: %d\r\n" % (
        method.encode(), path.encode(), ctype.encode(), len(body))
    if sess:
        head += b"Cookie: jx_session=" + sess.token.encode() + b"\r\nX-CSRF-Token: " + sess.csrf.encode() + b"\r\n"
    return stream(head + b"\r\n", [body[i:i + 65536] for i in range(0, len(body), 65536)])


def raw_status(out):
    m = re.match(rb"HTTP/1\.[01] (\d{3})", out)
    return int(m.group(1)) if m else None


def raw_body(out):
    i = out.find(b"\r\n\r\n")
    return out[i + 4:] if i >= 0 else b""


def alive():
    r = get("/")
    eq(r.status, 200, "GET /")
    check("预算绩效目标" in r.text, "GET / is not the home page:", r)


def login(name, password=PASSWORD):
    r = call("POST", "/api/login", data={"user": name, "password": password})
    if r.status != 200:
        raise AssertionError("login %s: %r" % (name, r))
    cookie = r.header("Set-Cookie") or ""
    m = re.match(r"jx_session=([0-9a-f]+);", cookie)
    check(m, "no session cookie:", cookie)
    return Session(name, m.group(1), r.json()["csrf"], r)


def same_as_missing(make, what, status=404):
    """make(id) → Resp; the answer about project what must be exactly the answer about a missing id:
    the same status (404 unless said), the same body byte for byte, the same type."""
    def run():
        a = make(what)
        b = make(MISSING)
        eq(b.status, status, "the missing id")
        eq(a.status, b.status, "status for project %s" % what)
        eq(a.body, b.body, "body")
        eq(a.header("Content-Type"), b.header("Content-Type"), "Content-Type")
    return run


# the failed logins from 127.0.0.1 so far (the per-address throttle counts them all)
addr_fails = 0


def failed_login(name, password="wrong-password"):
    global addr_fails
    r = call("POST", "/api/login", data={"user": name, "password": password})
    if r.status == 401:
        addr_fails += 1
    return r


# ---------------------------------------------------------------- the cases

S = {}  # sessions by account
IDS = {}  # projects created here


def project_json(pid):
    """The canonical JSON of a project, as jixiao export has it."""
    return json.loads(cli("export", str(pid)))["projects"][0]


def setup():
    check(JIXIAO and os.access(JIXIAO, os.X_OK), "set JIXIAO to the jixiao binary")
    cli("import", SEED)
    cli("unit", "add", DEPT)  # a 主管部门 that no unit of the sample names as theirs
    for name, role, unit in (("unit_a", "unit", UNIT_A), ("unit_b", "unit", UNIT_B), ("fin", "finance", None),
                             ("adm", "admin", None), ("victim", "unit", UNIT_A), ("late", "finance", None),
                             ("dept", "department", DEPT)):
        cli("user", "add", name, "--role", role, *(["--unit", unit] if unit else []), stdin=(PASSWORD + "\n").encode())
    # 4 and 5 approved and published; then 4 marked classified (published before, classified now)
    for pid in ("4", "5"):
        cli("submit", pid)
        cli("approve", pid)
    cli("publish", "--year", "2021", "--format", "html", "-o", os.path.join(tmp, "pub.html"))
    cli("mark", "4", "--classified")


def group_start():
    global server, port

    def started():
        global server, port
        server, port, line = start(errlog_path)
        check("jixiao 已启动：http://127.0.0.1:%d/" % port in line, line)
    case("serve starts on a free port and prints its address", started)
    case("GET / answers the public home page", alive)


def group_login():
    def ok():
        s = login("unit_a")
        r = s.info
        cookie = r.header("Set-Cookie")
        parts = [p.strip() for p in cookie.split(";")]
        check("HttpOnly" in parts, "cookie not HttpOnly:", cookie)
        check("SameSite=Strict" in parts, "cookie not SameSite=Strict:", cookie)
        check("Path=/" in parts, "cookie path:", cookie)
        j = r.json()
        check(re.fullmatch(r"[0-9a-f]{64}", j["csrf"]), "csrf:", j)
        check(j["csrf"] != s.token, "the CSRF token is the session token")
        eq((j["user"], j["role"], j["unit"]), ("unit_a", "unit", UNIT_A))
        S["unit_a"] = s
    case("POST /api/login sets an HttpOnly SameSite=Strict cookie and answers {csrf}", ok)

    def others():
        for n in ("unit_b", "fin", "adm"):
            S[n] = login(n)
        eq(S["fin"].info.json()["role"], "finance")
        eq(S["adm"].info.json()["role"], "admin")
    case("finance, admin and a second unit log in", others)

    def wrong():
        r = failed_login("fin")
        eq(r.status, 401)
        check("error" in r.json(), r)
        check(not r.header("Set-Cookie"), "a failed login set a cookie")
    case("a wrong password is 401 and sets no cookie", wrong)

    def unknown():
        r = failed_login("no-such-account")
        eq(r.status, 401)
        eq(r.json(), call("POST", "/api/login", data={"user": "fin", "password": "x"}).json(), "the same answer as a wrong password")
        global addr_fails
        addr_fails += 1  # the comparison above failed once more
    case("an unknown account is answered like a wrong password", unknown)

    def malformed():
        r = call("POST", "/api/login", body=b'{"user": "fin", "password": ', ctype="application/json")
        eq(r.status, 400)
        check("JSON" in r.json()["error"], r)
    case("a login body that is not JSON is 400 with a message", malformed)

    def text_plain():
        body = json.dumps({"user": "fin", "password": PASSWORD})
        for ctype in ("text/plain", "application/x-www-form-urlencoded", None):
            r = call("POST", "/api/login", body=body, ctype=ctype)
            eq(r.status, 415, ctype)
            check(not r.header("Set-Cookie"), "a cookie for", ctype)
            check("application/json" in r.json()["error"], r)
        r = call("POST", "/api/login", body=body, ctype="Application/JSON; charset=utf-8")
        eq(r.status, 200, "with parameters")
    case("a login sent as text/plain (a form of another site can) is 415 and logs no one in", text_plain)

    def fields():
        r = call("POST", "/api/login", data={"user": "fin"})
        eq(r.status, 400)
        check("password" in r.json()["error"], r)
        r = call("POST", "/api/login", data={"user": 1, "password": 2})
        eq(r.status, 400)
    case("a login without string user and password is 400", fields)

    def method():
        eq(get("/api/login").status, 405)
    case("GET /api/login is 405", method)

    def logout():
        s = login("unit_a")
        eq(get("/api/projects/1", s).status, 200, "before logout")
        r = call("POST", "/api/logout", s)
        eq(r.status, 200, "logout")
        check(re.match(r"jx_session=;.*Max-Age=0", r.header("Set-Cookie") or ""), "cookie not cleared:", r.header("Set-Cookie"))
        r = get("/api/projects/1", s)
        eq(r.status, 404, "the old cookie after logout (project 1 is not published)")
        eq(get("/api/projects/1", S["unit_a"]).status, 200, "another session of the account lives on")
    case("POST /api/logout ends the session: its cookie is anonymous afterwards", logout)


def group_read():
    def anon_list():
        r = get("/api/projects")
        eq(r.status, 200)
        ps = r.json()["projects"]
        eq(sorted(p["id"] for p in ps), [5], "anonymous listing")
        check(all("name" in p and p["name"] for p in ps), ps)
    case("anonymous GET /api/projects lists only published, non-classified tables", anon_list)

    def unit_list():
        ps = get("/api/projects", S["unit_a"]).json()["projects"]
        eq([p["id"] for p in ps], [1])
        eq({p["unit"] for p in ps}, {UNIT_A})
        ps = get("/api/projects", S["unit_b"]).json()["projects"]
        eq([p["id"] for p in ps], [3])
    case("a unit's GET /api/projects lists only its own unit's", unit_list)

    def fin_list():
        ps = get("/api/projects", S["fin"]).json()["projects"]
        eq(sorted(p["id"] for p in ps), [1, 2, 3, 4, 5])
        check(all(isinstance(p["id"], int) and p["name"] for p in ps), ps)
        ps = get("/api/projects", S["adm"]).json()["projects"]
        eq(len(ps), 5, "admin")
    case("finance and admin list every table, each with id and name", fin_list)

    def canonical():
        r = get("/api/projects/1", S["unit_a"])
        eq(r.status, 200)
        eq(r.header("Content-Type"), "application/json; charset=utf-8")
        out = cli("export", "1")
        eq(r.json(), json.loads(out)["projects"][0])
        eq(r.body.rstrip(b"\n"), out.splitlines()[1].encode(), "byte for byte")
        r = get("/api/projects/4", S["fin"])
        eq(r.json(), project_json(4), "finance reads a classified table")
    case("GET /api/projects/{id} is the canonical JSON of jixiao export", canonical)

    def public_one():
        r = get("/api/projects/5")
        eq(r.status, 200)
        want = project_json(5)
        del want["status"]
        eq(r.json(), want)
    case("anonymous GET /api/projects/{id} of a published table: as published, without its status", public_one)

    def public_page():
        r = get("/public/projects/5")
        eq(r.status, 200)
        check("博湖县2021年自然灾害综合风险普查项目" in r.text, r)
    case("anonymous GET /public/projects/{id} of a published table", public_page)

    def findings():
        r = get("/api/projects/1/findings", S["unit_a"])
        eq(r.status, 200)
        j = r.json()
        eq([f["rule"] for f in j["findings"] if f["rule"] != "indicator-not-in-library"], ["cost-missing"])
        # the seed's tables' indicators are none of them in the library: an info for each, by name
        eq([f["indicator"] for f in j["findings"] if f["rule"] == "indicator-not-in-library"],
           [i["name"] for i in project_json(1)["indicators"]])
        eq(j["blocks"], False)
    case("GET /api/projects/{id}/findings: the review's findings", findings)

    def graded():
        g = get("/api/projects/1/findings", S["unit_a"]).json()["grade"]
        eq((g["grade"], g["points"]), ("优", 95))
        eq(g["dimensions"], {"完整性": 20, "相关性": 25, "适当性": 25, "可行性": 25})
        page = get("/projects/1", S["unit_a"]).text
        check("审核评级：<strong>优</strong>，95 分（完整性 20、相关性 25、适当性 25、可行性 25）" in page, "the page shows it")
    case("the review's grade (88号 第25条) in the findings' JSON and on the table's page", graded)

    def history():
        r = get("/api/projects/4/history", S["fin"])
        eq(r.status, 200)
        h = r.json()["history"]
        eq([(e["user"], e["action"]) for e in h],
           [(h[0]["user"], "create"), ("setup", "submit"), ("setup", "approve"), ("setup", "change")])
    case("GET /api/projects/{id}/history lists each change with its user", history)


def group_actuals():
    """Recording actuals on a table's page: the same import as jixiao actuals import, by who may."""
    b = S["unit_b"]
    ind = project_json(3)["indicators"][0]
    ref = ind["name"] + ("(%s)" % ind["unit"] if ind.get("unit") else "")

    def draft_refused():
        eq(project_json(3)["status"], "draft")
        r = call("POST", "/projects/3/actuals", b, form={"indicator": "全年执行数", "actual": "100", "as_of": "2021-12-31"})
        eq(r.status, 409, repr(r))
        check("只能录入已批准的绩效目标表" in r.text, "the page says why")
        check("全年执行数" not in cli("actuals", "list", "3"), "nothing stored")
    case("actuals: a table not yet approved takes none (409, saying why)", draft_refused)
    cli("submit", "3")
    cli("approve", "3")

    def record():
        r = call("POST", "/projects/3/actuals", b, form={"indicator": "全年执行数", "actual": "100", "as_of": "2021-12-31"})
        eq(r.status, 303, repr(r))
        r = call("POST", "/projects/3/actuals", b, form={"indicator": ref, "actual": "达成" if ind.get("op") is None else "1",
                                                         "as_of": "2021-12-31"})
        eq(r.status, 303, repr(r))
        page = get("/projects/3", b).text
        check('id="score"' in page, "the page shows the self-evaluation score once actuals exist")
        listed = cli("actuals", "list", "3")
        check("全年执行数" in listed and "unit_b" in listed, "stored by the account: " + listed)
    case("unit: records actuals of its own table on its page; the page then shows the score", record)

    def bad():
        r = call("POST", "/projects/3/actuals", b, form={"indicator": "全年执行数", "actual": "达成", "as_of": "2021-12-31"})
        eq(r.status, 400, repr(r))
        check('id="error"' in r.text, "the reason is shown on the page")
        r = call("POST", "/projects/3/actuals", b, form={"indicator": "没有这个指标", "actual": "1", "as_of": "2021-12-31"})
        eq(r.status, 400, repr(r))
        r = call("POST", "/projects/3/actuals", b, form={"indicator": "全年执行数", "actual": "1", "as_of": "2021-13-45"})
        eq(r.status, 400, repr(r))
    case("actuals: a word for money, an unknown indicator, a bad date: 400 with the reason", bad)

    def denied():
        form = {"indicator": "全年执行数", "actual": "5", "as_of": "2021-06-30"}
        r = call("POST", "/projects/3/actuals", S["unit_a"], form=form)
        eq(r.status, 404, "another unit's table does not exist for it")
        eq(call("POST", "/projects/3/actuals", S["adm"], form=form).status, 403, "admin")
        eq(call("POST", "/projects/3/actuals", None, form=form, token=None).status, 401, "anonymous")
        eq(call("POST", "/projects/3/actuals", b, form=form, token="0" * 64).status, 403, "a wrong CSRF token")
        eq(call("POST", "/projects/3/actuals", S["fin"], form=form).status, 303, "finance may")
    case("actuals: another unit 404, admin 403, anonymous 401, no CSRF 403; finance records", denied)


def group_cache():
    """Each pool thread keeps the public forms of the tables it served: they must never outlive a change."""
    def warm(pid):
        for _ in range(12):  # enough for every one of the 4 threads to have served (and kept) both forms
            eq(get("/public/projects/%s" % pid).status, 200)
            eq(get("/api/projects/%s" % pid).status, 200)

    def classified_later():
        warm(5)
        cli("mark", "5", "--classified")
        for _ in range(12):
            eq(get("/public/projects/5").status, 404, "the page of a table classified since it was kept")
            eq(get("/api/projects/5").status, 404, "its JSON")
        cli("mark", "5", "--no-classified")
        warm(5)
    case("a table kept by the threads and then marked classified answers 404 at once", classified_later)

    def republished():
        warm(5)
        doc = project_json(5)
        old = doc["indicators"][0]["target"]
        doc["indicators"][0]["target"] = "≥123456"
        doc["indicators"][0].pop("op", None)  # the target as written is what counts
        doc["indicators"][0].pop("value", None)
        path = os.path.join(tmp, "adjusted.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"projects": [doc]}, f, ensure_ascii=False)
        cli("import", path)
        cli("submit", "5")
        cli("approve", "5")
        cli("publish", "--year", "2021", "--format", "json", "-o", os.path.join(tmp, "v-next.json"))
        for _ in range(12):
            r = get("/public/projects/5")
            check("≥123456" in r.text and old not in r.text.split("≥123456")[0][-200:], "the adjusted target shown")
            eq(get("/api/projects/5").json()["indicators"][0]["target"], "≥123456", "and in the JSON")
    case("a table published again with an adjusted target is served as republished, not as kept", republished)


def group_anonymous():
    paths = (("GET /api/projects/{id}", "/api/projects/%s"), ("GET /api/projects/{id}/findings", "/api/projects/%s/findings"),
             ("GET /api/projects/{id}/history", "/api/projects/%s/history"), ("GET /public/projects/{id}", "/public/projects/%s"))
    for what, pid in (("an unpublished", 1), ("a classified (published before)", 4)):
        for name, path in paths:
            case("anonymous %s of %s table: 404 exactly like a missing id" % (name, what),
                 same_as_missing(lambda i, path=path: get(path % i), pid))

    def listing():
        ids = [p["id"] for p in get("/api/projects").json()["projects"]]
        check(1 not in ids and 4 not in ids, ids)
    case("anonymous GET /api/projects leaves out the unpublished and the classified", listing)

    def public_year():
        r = get("/public/2021")
        check("博湖县2021年城乡居民养老保险项目" not in r.text, "the classified table on /public/2021")
        check("博湖县2021年城乡居民养老保险项目" not in get("/").text, "the classified table on /")
    case("the classified table is on no public page", public_year)

    def create():
        r = call("POST", "/api/projects", data=project_json(3))
        eq(r.status, 401)
    case("anonymous POST /api/projects: 401", create)

    case("anonymous PUT of an unpublished table: 404 exactly like a missing id",
         same_as_missing(lambda i: call("PUT", "/api/projects/%s" % i, data=project_json(1)), 1))
    case("anonymous submit of an unpublished table: 404 exactly like a missing id",
         same_as_missing(lambda i: call("POST", "/api/projects/%s/submit" % i), 1))

    def put_published():
        eq(call("PUT", "/api/projects/5", data=project_json(5)).status, 401)
        eq(get("/api/projects/5", S["fin"]).json(), project_json(5))
    case("anonymous PUT of a published table: 401", put_published)

    def steps_published():
        for step in ("submit", "approve", "return"):
            eq(call("POST", "/api/projects/5/%s" % step, data={"reason": "x"}).status, 401, step)
    case("anonymous submit, approve, return of a published table: 401", steps_published)

    def inside_published():
        for path in ("/api/projects/5/findings", "/api/projects/5/history"):
            r = get(path)
            eq(r.status, 401, path)
            check(b"findings\"" not in r.body and b"history\"" not in r.body, r)
    case("anonymous findings and history of a published table: 401, nothing inside", inside_published)

    def pages():
        r = get("/projects/1")
        eq(r.status, 303)
        eq(r.header("Location"), "/login")
        eq(get("/projects").status, 303)
    case("anonymous pages inside the system redirect to the login", pages)


def group_unit():
    a = S["unit_a"]
    for name, path in (("GET /api/projects/{id}", "/api/projects/%s"), ("GET …/findings", "/api/projects/%s/findings"),
                       ("GET …/history", "/api/projects/%s/history"), ("the page /projects/{id}", "/projects/%s"),
                       ("the page /projects/{id}/edit", "/projects/%s/edit")):
        case("unit: %s of another unit's table is 404 exactly like a missing id" % name,
             same_as_missing(lambda i, path=path: get(path % i, a), 3))

    def own_table(pid):
        p = project_json(pid)
        p["unit"] = UNIT_A
        return p
    case("unit: PUT another unit's table is 404 exactly like a missing id",
         same_as_missing(lambda i: call("PUT", "/api/projects/%s" % i, a, data=own_table(3)), 3))
    case("unit: PUT another unit's table, as that unit's, is 403 exactly like a missing id",
         same_as_missing(lambda i: call("PUT", "/api/projects/%s" % i, a, data=project_json(3)), 3, 403))
    for step in ("submit", "approve", "return"):
        case("unit: %s of another unit's table is 404 exactly like a missing id" % step,
             same_as_missing(lambda i, step=step: call("POST", "/api/projects/%s/%s" % (i, step), a,
                                                       data={"reason": "r"}), 3))
    case("unit: the page form submitting another unit's table is 404 exactly like a missing id",
         same_as_missing(lambda i: call("POST", "/projects/%s/submit" % i, a, form={}), 3))

    def unchanged():
        eq(project_json(3)["status"], "draft")
        eq([e["action"] for e in get("/api/projects/3/history", S["fin"]).json()["history"]], ["create"])
    case("unit: nothing of another unit's table changed", unchanged)

    def create_other():
        p = project_json(3)
        p["name"] = "另一单位的新项目"
        r = call("POST", "/api/projects", a, data=p)
        eq(r.status, 403)
        check(UNIT_A in r.json()["error"], r)
    case("unit: creating a table for another unit is 403", create_other)

    def move_own():
        p = project_json(1)
        p["unit"] = UNIT_B
        r = call("PUT", "/api/projects/1", a, data=p)
        eq(r.status, 403)
        eq(project_json(1)["unit"], UNIT_A)
    case("unit: moving its own table to another unit is 403", move_own)

    def approve_own():
        r = call("POST", "/api/projects/1/approve", a)
        eq(r.status, 403)
        check("error" in r.json(), r)
    case("unit: approving its own table is 403", approve_own)

    def return_own():
        eq(call("POST", "/api/projects/1/return", a, data={"reason": "自己退回"}).status, 403)
    case("unit: returning its own table is 403", return_own)

    def publish():
        r = call("POST", "/publish", a, form={"year": "2021"})
        eq(r.status, 403)
        eq(get("/publish", a).status, 403, "the publish page")
        eq(len(cli("publications").splitlines()), 2, "one publication still")
    case("unit: publishing is 403", publish)

    def review():
        eq(get("/review", a).status, 403)
    case("unit: the review queue is 403", review)


def group_department():
    """A 主管部门's account (role department) sees only the tables of the units it oversees: here none."""
    d = login("dept")
    for name, path in (("GET /api/projects/{id}", "/api/projects/%s"), ("GET …/findings", "/api/projects/%s/findings"),
                       ("GET …/history", "/api/projects/%s/history"), ("GET …/context", "/api/projects/%s/context"),
                       ("the page /projects/{id}", "/projects/%s"), ("the page /projects/{id}/edit", "/projects/%s/edit")):
        case("department: %s of a unit's table it does not oversee is 404 exactly like a missing id" % name,
             same_as_missing(lambda i, path=path: get(path % i, d), 3))
    for step in ("submit", "pass", "approve", "return"):
        case("department: %s of a table it does not oversee is 404 exactly like a missing id" % step,
             same_as_missing(lambda i, step=step: call("POST", "/api/projects/%s/%s" % (i, step), d,
                                                       data={"reason": "r"}), 3))
        case("department: the page form %s of a table it does not oversee is 404 exactly like a missing id" % step,
             same_as_missing(lambda i, step=step: call("POST", "/projects/%s/%s" % (i, step), d,
                                                       form={"reason": "r"}), 3))

    def listing():
        eq(get("/api/projects", d).json()["projects"], [])
        eq(project_json(3)["status"], "draft")
    case("department: its list holds none of them, and nothing changed", listing)


def group_oplog():
    """The bureau's log (操作日志, issue 22 item 6): every table's history, newest first, in Beijing
    time, with each change before → after; finance's and admin's only."""
    f, d, a = S["fin"], S["adm"], S["unit_a"]
    stamp = re.compile(r'<td class="hist-at">(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)</td>')

    def finance():
        r = get("/log", f)
        eq(r.status, 200)
        check("操作日志" in r.text and 'id="history"' in r.text, "the log page")
        times = stamp.findall(r.text)
        check(len(times) >= 2, "entries shown", len(times))
        check(times == sorted(times, reverse=True), "newest first", times[:5])
        check("新建" in r.text and "/projects/1\"" in r.text, "entries link their project")
    case("log: finance reads every table's history, newest first, in Beijing time", finance)

    def admin():
        eq(get("/log", d).status, 200)
    case("log: admin reads it too", admin)

    def unit():
        eq(get("/log", a).status, 403)
    case("log: a unit account is 403", unit)

    def anonymous():
        eq(get("/log").status, 303)
    case("log: anonymous callers are sent to log in", anonymous)

    def filters():
        r = get("/log?action=create", f)
        eq(r.status, 200)
        check('class="hist-action">新建<' in r.text and 'class="hist-action">提交审核<' not in r.text, "only creations")
        eq(get("/log?action=drop", f).status, 400)
        eq(get("/log?before=x", f).status, 400)
        r = get("/log?unit=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E5%8D%95%E4%BD%8D", f)  # 没有这个单位
        eq(r.status, 200)
        check("没有符合条件的记录" in r.text, "an unknown unit shows none")
    case("log: filters by action and unit; bad parameters are 400", filters)


def group_admin():
    d = S["adm"]

    def approve():
        eq(call("POST", "/api/projects/1/approve", d).status, 403)
    case("admin: approve is 403", approve)

    def ret():
        eq(call("POST", "/api/projects/1/return", d, data={"reason": "r"}).status, 403)
    case("admin: return is 403", ret)

    def publish():
        eq(call("POST", "/publish", d, form={"year": "2021"}).status, 403)
    case("admin: publishing is 403", publish)

    def submit():
        eq(call("POST", "/api/projects/1/submit", d).status, 403)
    case("admin: submit is 403", submit)

    def put():
        eq(call("PUT", "/api/projects/1", d, data=project_json(1)).status, 403)
    case("admin: PUT is 403", put)

    def create():
        p = project_json(1)
        p["name"] = "管理员的新项目"
        eq(call("POST", "/api/projects", d, data=p).status, 403)
    case("admin: create is 403", create)

    def fin_create():
        p = project_json(1)
        p["name"] = "财政的新项目"
        eq(call("POST", "/api/projects", S["fin"], data=p).status, 403)
    case("finance: create is 403", fin_create)

    def fin_put():
        eq(call("PUT", "/api/projects/1", S["fin"], data=project_json(1)).status, 403)
    case("finance: PUT is 403", fin_put)

    def fin_submit():
        eq(call("POST", "/api/projects/1/submit", S["fin"]).status, 403)
    case("finance: submit is 403", fin_submit)

    def untouched():
        eq([e["action"] for e in get("/api/projects/1/history", S["fin"]).json()["history"]], ["create"])
        eq(get("/api/projects/1", S["fin"]).json(), project_json(1))
    case("none of the denials changed anything", untouched)


def group_csrf():
    a = S["unit_a"]
    edited = project_json(1)
    edited["goal"] = "CSRF 不应写入"

    def no_header():
        r = call("PUT", "/api/projects/1", a, data=edited, token=None)
        eq(r.status, 403)
        check("CSRF" in r.json()["error"], r)
    case("csrf: PUT with the cookie and no X-CSRF-Token is 403", no_header)

    def wrong():
        eq(call("PUT", "/api/projects/1", a, data=edited, token="0" * 64).status, 403)
        eq(call("PUT", "/api/projects/1", a, data=edited, token="short").status, 403)
    case("csrf: PUT with a wrong X-CSRF-Token is 403", wrong)

    def other_session():
        eq(call("PUT", "/api/projects/1", a, data=edited, token=S["unit_b"].csrf).status, 403)
    case("csrf: another session's token is 403", other_session)

    def create():
        p = project_json(1)
        p["name"] = "CSRF 新项目"
        eq(call("POST", "/api/projects", a, data=p, token=None).status, 403)
    case("csrf: POST /api/projects without the token is 403", create)

    def submit():
        eq(call("POST", "/api/projects/1/submit", a, token=None).status, 403)
    case("csrf: submit without the token is 403", submit)

    def approve():
        eq(call("POST", "/api/projects/1/approve", S["fin"], token=None).status, 403)
    case("csrf: approve without the token is 403", approve)

    def ret():
        eq(call("POST", "/api/projects/1/return", S["fin"], data={"reason": "r"}, token=None).status, 403)
    case("csrf: return without the token is 403", ret)

    def logout():
        eq(call("POST", "/api/logout", a, token=None).status, 403)
        eq(get("/api/projects/1", a).status, 200, "the session lives on")
    case("csrf: logout without the token is 403", logout)

    def check_api():
        eq(call("POST", "/api/check", a, data=project_json(1), token=None).status, 403)
    case("csrf: POST /api/check without the token is 403", check_api)

    def form_missing():
        r = call("POST", "/projects/1/submit", a, form={}, token=None)
        eq(r.status, 403)
        check("CSRF" in r.text, r)
    case("csrf: a page form without the field csrf is 403", form_missing)

    def form_wrong():
        eq(call("POST", "/projects/1/submit", a, form={}, token="f" * 64).status, 403)
        eq(call("POST", "/projects/1/edit", a, form={"year": "2021", "name": "x"}, token="f" * 64).status, 403)
        eq(call("POST", "/publish", S["fin"], form={"year": "2021"}, token="f" * 64).status, 403)
    case("csrf: page forms with a wrong field csrf are 403", form_wrong)

    def form_logout():
        eq(call("POST", "/logout", a, form={}, token=None).status, 403)
    case("csrf: the page logout without the field is 403", form_logout)

    def login_form():
        r = call("POST", "/login", form={"user": "unit_a", "password": PASSWORD, "csrf": "a" * 64})
        eq(r.status, 403)
        check(not any(c.startswith("jx_session=") and not c.startswith("jx_session=;") for c in r.headers_all("Set-Cookie")), r.headers)
    case("csrf: the login form without its cookie's token is 403", login_form)

    def unchanged():
        eq(project_json(1)["status"], "draft")
        eq(project_json(1)["goal"] != "CSRF 不应写入", True)
        eq([e["action"] for e in get("/api/projects/1/history", S["fin"]).json()["history"]], ["create"])
    case("csrf: no refused request changed anything", unchanged)


def group_workflow():
    a, f = S["unit_a"], S["fin"]

    def put_draft():
        p = project_json(1)
        p["goal"] = "修改后的年度目标（草稿）"
        r = call("PUT", "/api/projects/1", a, data=p)
        eq(r.status, 200, "PUT")
        eq(r.json()["status"], "draft")
        eq(project_json(1)["goal"], "修改后的年度目标（草稿）")
    case("unit: PUT replaces its own draft", put_draft)

    def findings_of_body():
        p = project_json(1)
        r = call("POST", "/api/check", a, data=p)
        eq(r.status, 200)
        eq([x["rule"] for x in r.json()["findings"] if x["rule"] != "indicator-not-in-library"], ["cost-missing"])
    case("POST /api/check reviews a table not saved", findings_of_body)

    def submit():
        r = call("POST", "/api/projects/1/submit", a)
        eq(r.status, 200)
        eq(r.json()["status"], "submitted")
    case("unit: submits its own table", submit)

    def put_submitted():
        p = project_json(1)
        p["goal"] = "已提交后修改"
        r = call("PUT", "/api/projects/1", a, data=p)
        eq(r.status, 409)
        check("error" in r.json(), r)
        check(project_json(1)["goal"] != "已提交后修改", "changed anyway")
    case("unit: PUT of its own submitted table is 409", put_submitted)

    def edit_page_submitted():
        eq(get("/projects/1/edit", a).status, 409)
        eq(call("POST", "/projects/1/edit", a, form={"year": "2021", "name": "x", "unit": UNIT_A}).status, 409)
    case("unit: the edit page of its own submitted table is 409", edit_page_submitted)

    def admin_state():
        eq(call("POST", "/api/projects/1/approve", S["adm"]).status, 403)
        eq(call("POST", "/api/projects/1/return", S["adm"], data={"reason": "r"}).status, 403)
        eq(call("POST", "/api/projects/1/approve", a).status, 403)
        eq(project_json(1)["status"], "submitted")
    case("a submitted table: approve and return by admin and by the unit are 403", admin_state)

    def return_no_reason():
        r = call("POST", "/api/projects/1/return", f)
        eq(r.status, 400, "no body")
        check(r.json()["error"], r)
        for data in ({"reason": ""}, {"why": "x"}, {"reason": 1}):
            r = call("POST", "/api/projects/1/return", f, data=data)
            eq(r.status, 400, data)
            check("reason" in r.json()["error"], r)
        eq(project_json(1)["status"], "submitted")
    case("finance: return without a reason is 400", return_no_reason)

    def ret():
        r = call("POST", "/api/projects/1/return", f, data={"reason": "请补充成本指标"})
        eq(r.status, 200)
        eq(r.json()["status"], "returned")
    case("finance: returns a submitted table with a reason", ret)

    def put_returned():
        p = project_json(1)
        p["goal"] = "退回后修改"
        r = call("PUT", "/api/projects/1", a, data=p)
        eq(r.status, 200)
        eq(project_json(1)["goal"], "退回后修改")
    case("unit: PUT of its own returned table is allowed", put_returned)

    def form_submit():
        r = call("POST", "/projects/1/submit", a, form={})
        eq(r.status, 303)
        eq(r.header("Location"), "/projects/1?done=submit")
        eq(project_json(1)["status"], "submitted")
    case("unit: submits through the page form with the field csrf", form_submit)

    def approve():
        r = call("POST", "/api/projects/1/approve", f)
        eq(r.status, 200)
        eq(r.json()["status"], "approved")
    case("finance: approves a table without errors", approve)

    def put_approved():
        p = project_json(1)
        p["goal"] = "批准后修改"
        eq(call("PUT", "/api/projects/1", a, data=p).status, 409)
    case("unit: PUT of its own approved table is 409", put_approved)

    def submit_approved():
        eq(call("POST", "/api/projects/1/submit", a).status, 409)
    case("unit: submitting an approved table again is 409", submit_approved)

    def history():
        h = get("/api/projects/1/history", a).json()["history"]
        eq([(e["action"], e["user"]) for e in h][1:],
           [("change", "unit_a"), ("submit", "unit_a"), ("return", "fin"), ("change", "unit_a"), ("submit", "unit_a"),
            ("approve", "fin")])
        eq(h[1]["detail"]["changes"][0]["field"], "goal")
        eq(h[3]["detail"].get("reason"), "请补充成本指标")
    case("history: every change of project 1 with the account's name", history)

    def create():
        p = project_json(1)
        p["name"] = "博湖县2021年资金不平衡的项目"
        p["funds"] = {"total": "100.00", "fiscal": "50.00", "other": "0.00"}
        del p["status"]
        r = call("POST", "/api/projects", a, data=p)
        eq(r.status, 201)
        j = r.json()
        IDS["unbalanced"] = j["id"]
        eq(r.header("Location"), "/api/projects/%d" % j["id"])
        eq(j["status"], "draft")
        check("funds-sum" in [x["rule"] for x in j["findings"]], j)
        eq(get("/api/projects/%d" % j["id"], a).json()["name"], p["name"])
    case("unit: POST /api/projects creates a table: 201 with its id, Location and findings", create)

    def create_form():
        r = call("POST", "/projects/new", a, form=[("year", "2021"), ("name", "表单新建的项目"), ("unit", UNIT_A),
                                                   ("total", "10"), ("fiscal", "10"), ("other", "0"), ("goal", "目标"),
                                                   ("level", "产出指标|数量指标"), ("ind_name", "人数"),
                                                   ("ind_unit", "人"), ("ind_target", "≥10")])
        eq(r.status, 303, "form")
        m = re.match(r"/projects/(\d+)\?done=saved", r.header("Location") or "")
        check(m, r.headers)
        p = get("/api/projects/%s" % m.group(1), a).json()
        eq((p["name"], p["unit"], len(p["indicators"])), ("表单新建的项目", UNIT_A, 1))
        h = get("/api/projects/%s/history" % m.group(1), a).json()["history"]
        eq([(e["action"], e["user"]) for e in h], [("create", "unit_a")])
    case("unit: creates a table through the page form", create_form)

    def create_dup():
        p = project_json(IDS["unbalanced"])
        eq(call("POST", "/api/projects", a, data=p).status, 409)
    case("creating a second table of the same name and year is 409", create_dup)

    def blocked():
        i = IDS["unbalanced"]
        eq(call("POST", "/api/projects/%d/submit" % i, a).status, 200, "submit")
        r = call("POST", "/api/projects/%d/approve" % i, f)
        eq(r.status, 409)
        j = r.json()
        check("funds-sum" in [x["rule"] for x in j.get("findings", [])], j)
        eq(project_json(i)["status"], "submitted")
        r = get("/api/projects/%d/findings" % i, f)
        eq(r.json()["blocks"], True)
    case("finance: approve is 409 while an error finding (funds-sum) stands", blocked)

    def created_history():
        h = get("/api/projects/%d/history" % IDS["unbalanced"], f).json()["history"]
        eq([(e["action"], e["user"]) for e in h], [("create", "unit_a"), ("submit", "unit_a")])
    case("history: the API's create and submit with the account's name", created_history)

    def unit_b_own():
        b = S["unit_b"]
        p = project_json(3)
        p["goal"] = "民政局修改"
        eq(call("PUT", "/api/projects/3", b, data=p).status, 200)
        eq(get("/api/projects/%d" % IDS["unbalanced"], b).status, 404, "unit_b reading unit_a's new table")
        eq([(e["action"], e["user"]) for e in get("/api/projects/3/history", b).json()["history"]][1:], [("change", "unit_b")])
    case("the other unit changes its own table, and cannot see the first unit's new one", unit_b_own)


XSS = "<script>alert(1)</script>\"'&"
XSS_ESC = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
XSS_REASON = "<img src=x onerror=alert(2)>"


class FormFields(html.parser.HTMLParser):
    """The fields a browser submits from the page's form#edit-form, in order: inputs (hidden ones too),
    textareas, and each select's chosen option (else its first)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.inside, self.text, self.select = [], False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == "edit-form"
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type", "text") in ("text", "hidden"):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self.text = (a["name"], [])
        elif tag == "select":
            self.select = [a["name"], None, None]
        elif tag == "option" and self.select:
            self.select[2] = self.select[2] if self.select[2] is not None else a.get("value", "")
            if "selected" in a:
                self.select[1] = a.get("value", "")

    def handle_data(self, data):
        if self.text:
            self.text[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.text:
            self.fields.append((self.text[0], "".join(self.text[1])))
            self.text = None
        elif tag == "select" and self.select:
            self.fields.append((self.select[0], self.select[1] if self.select[1] is not None else self.select[2]))
            self.select = None


def form_fields(path, sess):
    r = get(path, sess)
    eq(r.status, 200, path)
    p = FormFields()
    p.feed(r.text)
    check(p.fields, "no form fields on " + path)
    return p.fields


def changed(fields, name, value, nth=0):
    """fields with the nth field called name set to value."""
    out, seen = [], 0
    for k, v in fields:
        if k == name:
            v, seen = (value if seen == nth else v), seen + 1
        out.append((k, v))
    check(seen > nth, "no field %s #%d" % (name, nth))
    return out


def group_fields():
    a = S["unit_a"]
    rich = {"year": 2021, "name": "博湖县2021年字段齐全的项目", "unit": UNIT_A, "title": "绩效目标申报表(基础设施建设类)",
            "department": "博湖县卫生健康委员会", "implementer": "博湖县疾病预防控制中心", "category": "基础设施建设类",
            "attribute": "延续性项目", "office": "社保科", "period": "2021年1月-2022年12月", "manager": "彭兵",
            "phone": "0996-1234567", "long_goal": "建成疾控实验室。\n提升检测能力。",
            "funds": {"total": "854.00", "fiscal": "800.00", "other": "54.00", "carryover": "12.50",
                      "period_total": "1708.00", "note": "(其中设备购置400万元)"},
            "goal": "完成实验室主体工程。",
            "tasks": [{"name": "实验室建设", "total": "800.00", "fiscal": "700.00"}, {"name": "设备购置", "total": "54.00"}],
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "检测设备", "unit": "台", "target": "≥20台",
                 "direction": "正向", "weight": "10", "explanation": "当年购置的检测设备", "scoring": "每少1台扣1分",
                 "basis": "计划标准", "value_type": "定量", "note": "按验收计", "long_target": "≥50台", "previous": "18台"},
                {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "unit": "%", "target": "≥95%",
                 "weight": "10"}]}

    def create():
        r = call("POST", "/api/projects", a, data=rich)
        eq(r.status, 201, r)
        IDS["rich"] = r.json()["id"]
        got = project_json(IDS["rich"])
        for k, v in rich.items():
            eq(got.get(k) if k != "indicators" else [{f: i.get(f) for f in w} for i, w in zip(got[k], v)], v, k)
    case("fields: a table with every optional field is created through the API and kept", create)

    def shown():
        fields = dict(form_fields("/projects/%d/edit" % IDS["rich"], a))
        for k in ("department", "implementer", "period", "manager", "phone", "title", "carryover", "period_total"):
            check(fields.get(k), k, fields)
        eq((fields["funds_note"], fields["long_goal"]), ("(其中设备购置400万元)", "建成疾控实验室。\n提升检测能力。"))
        page = get("/projects/%d/edit" % IDS["rich"], a).text
        for label in ("主管部门", "项目负责人", "联系电话", "上年结转资金", "实施期目标", "<th>分值</th>", "<th>指标解释</th>",
                      "<th>取值依据</th>", 'name="ind_weight" aria-label="分值" class="short" value="10"'):
            check(label in page, label)
    case("fields: the edit page shows the header fields, funds, the 实施期 goal, 分值, 指标解释 and 取值依据", shown)

    def viewed():
        page = get("/projects/%d" % IDS["rich"], a).text
        for text in ("<th>实施单位</th><td colspan=\"3\">博湖县疾病预防控制中心</td>", "<th>上年结转资金</th>", "实验室建设",
                     "<th>实施期目标</th>", "<th>指标值</th><th>指标方向</th><th>分值</th>", "<td>每少1台扣1分</td>"):
            check(text in page, text)
    case("fields: the table's page shows them too", viewed)

    def save(fields):
        r = call("POST", "/projects/%d/edit" % IDS["rich"], a, form=fields)
        eq(r.status, 303, r)
        return project_json(IDS["rich"])

    def keeps():
        before = project_json(IDS["rich"])
        after = save(changed(form_fields("/projects/%d/edit" % IDS["rich"], a), "goal", "完成实验室主体工程和设备安装。"))
        eq(after["goal"], "完成实验室主体工程和设备安装。")
        eq({k: v for k, v in after.items() if k != "goal"}, {k: v for k, v in before.items() if k != "goal"})
    case("fields: the goal changed through the form, every other field and column is kept", keeps)

    def edits():
        fields = form_fields("/projects/%d/edit" % IDS["rich"], a)
        fields = changed(changed(changed(fields, "department", "博湖县财政局"), "ind_weight", "15", 1), "fiscal", "")
        fields = changed(changed(fields, "ind_explanation", "抽样调查", 1), "ind_basis", "", 0)
        before, after = project_json(IDS["rich"]), save(fields)
        eq(after["department"], "博湖县财政局")
        eq(after["funds"], {k: v for k, v in before["funds"].items() if k != "fiscal"}, "a part left empty is not given")
        eq((after["indicators"][1]["weight"], after["indicators"][1]["explanation"]), ("15", "抽样调查"))
        check("basis" not in after["indicators"][0], after["indicators"][0])
        before["indicators"][0].pop("basis")
        eq(after["indicators"][0], before["indicators"][0])
        eq(after["tasks"], before["tasks"])
        eq(after["long_goal"], before["long_goal"])
    case("fields: 主管部门, 分值, 指标解释, 取值依据 and 财政拨款 edited through the form; the rest kept", edits)

    def new_row():
        fields = form_fields("/projects/%d/edit" % IDS["rich"], a)
        n = sum(1 for k, _ in fields if k == "ind_name")
        check(n >= 3, "empty rows offered")
        fields = changed(changed(changed(fields, "level", "产出指标|质量指标", 2), "ind_name", "验收合格率", 2),
                         "ind_target", "=100%", 2)
        after = save(changed(fields, "ind_weight", "5", 2))
        eq([i["name"] for i in after["indicators"]], ["检测设备", "群众满意度", "验收合格率"])
        eq(after["indicators"][2].get("weight"), "5")
        check("previous" not in after["indicators"][2] and after["indicators"][0]["previous"] == "18台", after)
    case("fields: a row added in the form's empty rows takes its own columns, the rows above keep theirs", new_row)


def group_escaping():
    a, f = S["unit_a"], S["fin"]

    def create():
        p = project_json(3)
        p["unit"] = UNIT_A
        p["name"] = XSS
        p["goal"] = XSS
        p["indicators"][0]["name"] = XSS
        del p["status"]
        r = call("POST", "/api/projects", a, data=p)
        eq(r.status, 201)
        IDS["xss"] = r.json()["id"]
        eq(get("/api/projects/%d" % IDS["xss"], a).json()["name"], XSS, "stored as given")
    case("escaping: create a project named %s through the API" % XSS, create)

    def shown(path, sess, min_count=1):
        r = get(path, sess)
        eq(r.status, 200, path)
        check("<script>alert" not in r.text, "unescaped on", path)
        check("<img src=x" not in r.text, "unescaped reason on", path)
        check(r.text.count(XSS_ESC) >= min_count, "not shown escaped on", path, r.text.count(XSS_ESC))
        return r

    case("escaping: the list page /projects shows it escaped", lambda: shown("/projects", a))
    case("escaping: the project page shows name, goal and indicator escaped", lambda: shown("/projects/%d" % IDS["xss"], a, 4))
    case("escaping: the edit page shows it escaped in its fields", lambda: shown("/projects/%d/edit" % IDS["xss"], a, 3))

    def review():
        eq(call("POST", "/api/projects/%d/submit" % IDS["xss"], a).status, 200)
        shown("/review", f)
    case("escaping: the review queue shows it escaped", review)

    def reason():
        eq(call("POST", "/api/projects/%d/return" % IDS["xss"], f, data={"reason": XSS_REASON}).status, 200)
        r = shown("/projects/%d" % IDS["xss"], a, 4)
        check("&lt;img src=x onerror=alert(2)&gt;" in r.text, "the reason escaped")
    case("escaping: a return reason shows escaped in the history", reason)

    def edit_error():
        r = call("POST", "/projects/%d/edit" % IDS["xss"], a,
                 form={"year": "2021", "name": XSS, "unit": XSS, "total": "1", "fiscal": "1", "other": "0", "goal": XSS})
        eq(r.status, 403, "a table of another unit")
        check("<script>alert" not in r.text, "unescaped echo")
        check(XSS_ESC in r.text, "echo not escaped")
    case("escaping: a refused edit form echoes the values escaped", edit_error)

    def login_echo():
        r = call("POST", "/login", form={"user": XSS, "password": "x", "csrf": "b" * 64})
        check("<script>alert" not in r.text, "unescaped")
        check(XSS_ESC in r.text, "not escaped")
    case("escaping: the login form echoes the user name escaped", login_echo)

    def public():
        i = IDS["xss"]
        eq(call("POST", "/api/projects/%d/submit" % i, a).status, 200)
        eq(call("POST", "/api/projects/%d/approve" % i, f).status, 200)
        r = call("POST", "/publish", f, form={"year": "2021"})
        eq(r.status, 200, "publish")
        check("已公开 2021 年度第 2 版" in r.text, r)
        for path in ("/", "/public/projects/%d" % i, "/public/2021"):
            r = get(path)
            eq(r.status, 200, path)
            check("<script>alert" not in r.text, "unescaped on", path)
            check(XSS_ESC in r.text, "not escaped on", path)
    case("escaping: finance publishes; the public pages show it escaped", public)

    def publications():
        rows = [line.split() for line in cli("publications").splitlines()[1:]]
        eq([(r[0], r[4]) for r in rows], [("1", "setup"), ("2", "fin")])
    case("history: the publication is recorded with the finance account's name", publications)

    def still_hidden():
        ids = sorted(p["id"] for p in get("/api/projects").json()["projects"])
        eq(ids, sorted([1, 5, IDS["xss"]]))
        for path in ("/api/projects/4", "/public/projects/4", "/api/projects/2"):
            eq(get(path).status, 404, path)
    case("after publishing again: the classified and unapproved tables stay hidden", still_hidden)


def group_bad():
    a = S["unit_a"]

    def big_length():
        out = raw(b"POST /api/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: %d\r\n\r\n" % (BODY_MAX + 1), shut=False, timeout=10)
        eq(raw_status(out), 413, out[:200])
        check(b'"error"' in raw_body(out), out[:400])
    case("a body over 4 MiB announced by Content-Length is 413 before it is sent", big_length)

    def big_length_sent():
        out = stream(b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                     b"Content-Length: %d\r\n\r\n" % (BODY_MAX + 1), [b" " * 65536] * 64 + [b" "])
        eq(raw_status(out), 413, out[:200])
    case("a body over 4 MiB sent with its Content-Length is 413", big_length_sent)

    def big_chunked():
        head = (b"PUT /api/projects/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                b"Transfer-Encoding: chunked\r\nCookie: jx_session=" + a.token.encode() +
                b"\r\nX-CSRF-Token: " + a.csrf.encode() + b"\r\n\r\n")
        chunk = b"%x\r\n" % 65536 + b" " * 65536 + b"\r\n"
        out = stream(head, [chunk] * 65 + [b"0\r\n\r\n"])
        eq(raw_status(out), 413, out[:300])
        check(b'"error"' in raw_body(out), out[:400])
        eq(get("/api/projects/1", a).json(), project_json(1), "the table")
    case("a chunked body over 4 MiB is 413", big_chunked)

    def at_limit():
        body = b" " * (ANON_MAX - 2) + b"{}"
        r = call("POST", "/api/login", body=body, ctype="application/json")
        eq(r.status, 400, "exactly 4 KiB is read")
        check("user" in r.json()["error"], r)
        eq(raw_status(sent_whole("POST", "/api/login", None, body + b" ")), 413, "4 KiB and one byte")
        body = b" " * (TABLE_MAX - 2) + b"{}"
        r = call("POST", "/api/check", S["unit_a"], body=body, ctype="application/json")
        eq(r.status, 400, "a table of exactly 1 MiB is read")
        eq(raw_status(sent_whole("POST", "/api/check", S["unit_a"], body + b" ")), 413, "a table of 1 MiB and one byte")
    case("signing in reads a body of exactly 4 KiB, a signed-in table one of 1 MiB (400 for their content, not 413)",
         at_limit)

    def bad_json():
        for body in (b'{"year": 2021,', b"not json", b"\xff\xfe{}", b'{"a": 1, "a": 2}', b""):
            r = call("POST", "/api/projects", a, body=body, ctype="application/json")
            eq(r.status, 400, body)
            check(r.json()["error"], r)
    case("malformed JSON is 400 with a message", bad_json)

    def wrong_shape():
        for data in ([1, 2], "text", {"projects": []}, {"projects": [{}, {}]}, {"year": "二〇二一"}, {"name": 1}):
            r = call("POST", "/api/projects", a, data=data)
            eq(r.status, 400, data)
            check(r.json()["error"], r)
        r = call("PUT", "/api/projects/1", a, data={"unknown": True})
        eq(r.status, 400, "PUT")
    case("JSON of the wrong shape is 400 with a message", wrong_shape)

    def bad_form():
        r = call("POST", "/projects/new", a, body="year=2021&csrf=" + a.csrf, ctype="text/plain", token=None)
        eq(r.status, 400)
        check("application/x-www-form-urlencoded" in r.text, r)
        r = call("POST", "/projects/new", a, form={"year": "二〇二一", "name": "x", "unit": UNIT_A})
        eq(r.status, 400)
        check('id="error"' in r.text, r)
        r = call("POST", "/projects/new", a, form=[("year", "2021"), ("name", "缺少层级"), ("unit", UNIT_A), ("ind_name", "x")])
        eq(r.status, 400)
    case("malformed form data is 400 with a message", bad_form)

    def unknown():
        for path in ("/nope", "/api/nope", "/api/projects/1/nope", "/api/projects/abc", "/api/projects/0",
                     "/api/projects/01", "/static/nope.js", "/projects/abc", "/public/projects/abc", "/public/1800",
                     "/api/", "/static/"):
            r = get(path, a)
            eq(r.status, 404, path)
        check("error" in get("/api/nope").json(), "the API's 404 is JSON")
    case("unknown paths are 404", unknown)

    def methods():
        eq(call("DELETE", "/api/projects", a).status, 405)  # DELETE takes one table (a draft), not the list
        eq(call("DELETE", "/api/projects/1/history", a).status, 405)
        eq(call("POST", "/static/app.css").status, 405)
        eq(call("PUT", "/api/projects", a, data={}).status, 405)
    case("methods a path does not take are 405", methods)

    def asset():
        r = get("/static/app.css")
        eq(r.status, 200)
        eq(r.header("Content-Type"), "text/css; charset=utf-8")
    case("a compiled asset is served", asset)

    secrets = (b"root:", b"project(", b"#include", b"SQLite format", b"[Unit]", b"import ")
    for target in ("/static/../meson.build", "/static/../../../../../../etc/passwd", "/static/%2e%2e/meson.build",
                   "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
                   "/static/%2fetc%2fpasswd", "/static//etc/passwd", "/static/%252e%252e%252fmeson.build",
                   "/static/%252e%252e/%252e%252e/etc/passwd", "/static/..%5c..%5cmeson.build",
                   "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/static/app.css/../../meson.build",
                   "/static/app.css%00../../meson.build", "/static/....//....//etc/passwd", "/../../../../etc/passwd",
                   "/%2e%2e/%2e%2e/etc/passwd", "/public/../../etc/passwd", "/static/web/app.css",
                   "/static/../src/server/route.c", "/static/../" + os.path.join(tmp, "jixiao.db").lstrip("/"),
                   "/static/" + os.path.join(SRC, "meson.build").lstrip("/")):
        def trav(target=target):
            out = raw(b"GET " + target.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            st = raw_status(out)
            check(st in (400, 404), "status %r for %s" % (st, target), out[:300])
            body = raw_body(out)
            for s in secrets:
                check(s not in body, "file contents for", target, body[:300])
        case("no way out of the assets: %s is 404, no file contents" % target, trav)


def group_throttle():
    def account():
        for i in range(5):
            eq(failed_login("victim").status, 401, "failure %d" % (i + 1))
        r = call("POST", "/api/login", data={"user": "victim", "password": PASSWORD})
        eq(r.status, 429, "the right password after 5 failures")
        ra = r.header("Retry-After")
        check(ra and ra.isdigit() and 0 < int(ra) <= 900, "Retry-After:", ra)
        check("error" in r.json(), r)
        check(not r.header("Set-Cookie"), "a throttled login set a cookie")
    case("throttle: after 5 failures an account's login is 429 with Retry-After", account)

    def page_too():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/login")
        r = c.getresponse()
        r.read()
        cookie = re.match(r"(jx_login=[0-9a-f]+);", r.getheader("Set-Cookie")).group(1)
        tok = cookie.split("=")[1]
        c.request("POST", "/login", body=urllib.parse.urlencode({"user": "victim", "password": PASSWORD, "csrf": tok}),
                  headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse()
        body = r.read().decode()
        c.close()
        eq(r.status, 429)
        check(r.getheader("Retry-After"), "no Retry-After")
        check("登录失败次数过多" in body, body[:300])
    case("throttle: the login page is throttled the same", page_too)

    def others_fine():
        s = login("fin")
        eq(get("/api/projects/1", s).status, 200)
        eq(get("/api/projects/1", S["unit_a"]).status, 200, "a session from before")
    case("throttle: another account still logs in, sessions keep working", others_fine)

    def address():
        # all of these come from 127.0.0.1: fail there up to 19 with names never throttled, then one more
        check(addr_fails < 19, "already %d failures" % addr_fails)
        names = ["stranger-%d" % i for i in range(19 - addr_fails)]
        results = []
        threads = [threading.Thread(target=lambda n=n: results.append(failed_login(n).status)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        eq(sorted(set(results)), [401], "failures up to 19")
        eq(addr_fails, 19)
        s = login("late")  # 19 failures: still allowed
        eq(s.info.status, 200)
        eq(failed_login("stranger-last").status, 401, "the 20th failure")
        for name, pw in (("adm", PASSWORD), ("never-tried", "x")):
            r = call("POST", "/api/login", data={"user": name, "password": pw})
            eq(r.status, 429, "after 20 failures from the address: " + name)
            ra = r.header("Retry-After")
            check(ra and ra.isdigit() and int(ra) > 0, "Retry-After:", ra)
        eq(get("/api/projects/1", s).status, 200, "a session from before")
    case("throttle: after 20 failures from one address every login from it is 429 with Retry-After", address)


def group_hostile():
    def after(name, fn):
        def run():
            fn()
            alive()
        case("hostile: %s; the server still answers /" % name, run)

    def huge_header():
        out = raw(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n", timeout=10)
        st = raw_status(out)
        check(st in (None, 400, 413, 431), "status", st)
    after("a 1 MiB header", huge_header)

    def many_headers():
        out = raw(b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(20000)) + b"\r\n")
        check(raw_status(out) in (None, 400, 413, 431), out[:100])
    after("20000 headers", many_headers)

    def long_url():
        out = raw(b"GET /" + b"a" * 200000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        check(raw_status(out) in (None, 400, 404, 414, 431), out[:100])
    after("a 200 KB URL", long_url)

    def cookie_flood():
        out = raw(b"GET /api/projects HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: " +
                  b"; ".join(b"jx_session=%064x" % i for i in range(500)) + b"\r\n\r\n")
        check(raw_status(out) in (None, 200, 400, 413, 431), out[:100])
    after("a cookie header of 500 sessions", cookie_flood)

    def garbage():
        rnd = random.Random(7)
        for _ in range(20):
            raw(bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 8192))), timeout=3)
        raw(b"\x00" * 4096, timeout=3)
        raw(b"GET / HTTP/1.1\r\nHost: \x00\xff\r\n\r\n", timeout=3)
        raw(b"G\x00ET /\x00 HTTP/1.1\r\n\r\n", timeout=3)
        raw(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", timeout=3)
        raw(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 500, timeout=3)  # a TLS hello
    after("random bytes, NULs, an HTTP/2 preface, a TLS hello", garbage)

    def bad_framing():
        for req in (b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
                    b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}",
                    b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n{}",
                    b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}",
                    b"POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                    b"POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n",
                    b"POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n1\r\n{\r\n0\r\n\r\n",
                    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", b"GET / FOO/1.1\r\n\r\n", b"BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET\r\n\r\n", b"GET / HTTP/1.1\n\n", b"GET / HTTP/1.0\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: x\r\n" + b" folded\r\n" * 100 + b"\r\n"):
            raw(req, timeout=3)
    after("malformed lengths, chunks, versions and methods", bad_framing)

    def partial():
        socks = []
        for i in range(120):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall([b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", b"POST /api/login HTTP/1.1\r\nContent-Length: 1000\r\n\r\n{",
                       b"GE", b"PUT /api/projects/1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"][i % 4])
            socks.append(s)
        alive()  # while they hang
        for s in socks[:60]:
            s.close()  # closed early
        for s in socks[60:]:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            s.close()  # reset
    after("120 partial requests held open, then closed or reset", partial)

    def pipelined():
        out = raw(b"".join(b"GET /api/projects/%d HTTP/1.1\r\nHost: x\r\n\r\n" % (i % 7) for i in range(200)) +
                  b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout=15)
        check(out.count(b"HTTP/1.1 ") >= 2, out[:200])
    after("200 pipelined requests", pipelined)

    def deep_json():
        a = S["unit_a"]
        half = TABLE_MAX // 2 - 64
        for body in (b"[" * 200000, b'{"a":' * 100000 + b"1" + b"}" * 100000, b"[" * half + b"]" * half):
            eq(raw_status(sent_whole("POST", "/api/login", None, body)), 413, "login")
            out = sent_whole("POST", "/api/check", a, b'{"projects": [' + body + b"]}")
            check(raw_status(out) in (400, 413), "check", out[:300])
        r = call("POST", "/api/login", body=b"[" * 4000, ctype="application/json")
        eq(r.status, 400, "login, 4000 deep")
        deep = '{"year": 2021, "x": ' + '{"x": ' * 3000 + "{}" + "}" * 3001
        r = call("PUT", "/api/projects/1", a, body=deep, ctype="application/json")
        eq(r.status, 400, "PUT")
    after("JSON nested 200000 deep, and 1 MiB of brackets", deep_json)

    def many_fields():
        a = S["unit_a"]
        form = [("csrf", a.csrf), ("year", "2021"), ("name", "x"), ("unit", UNIT_A)] + [("ind_name", "x")] * 50000
        t = time.time()
        r = call("POST", "/projects/new", a, body=urllib.parse.urlencode(form), ctype="application/x-www-form-urlencoded",
                 token=None)
        eq(r.status, 400, "50000 indicator rows without levels")
        check(time.time() - t < 15, "took %.1f s" % (time.time() - t))
        r = call("POST", "/projects/new", a, body=b"a=&" * 150000 + b"csrf=" + a.csrf.encode(),
                 ctype="application/x-www-form-urlencoded", token=None)
        eq(r.status, 400, "150000 fields")
        r = call("POST", "/projects/new", a, body=b"%" * 100000 + b"&csrf=" + a.csrf.encode() + b"&&&==&%zz=%%",
                 ctype="application/x-www-form-urlencoded", token=None)
        check(r.status in (400, 403), r)
    after("forms of 50000 and 150000 fields, one of broken escapes: answered at once", many_fields)

    def endless_chunks():
        head = b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        chunk = b"%x\r\n" % 65536 + b"[" * 65536 + b"\r\n"
        t = time.time()
        out = stream(head, [chunk] * (32 * 16))  # 32 MiB, never ended
        check(time.time() - t < 20, "took %.1f s" % (time.time() - t))
        check(raw_status(out) in (None, 413), out[:200])
    after("a chunked body that does not end: the connection is dropped", endless_chunks)

    def bad_utf8():
        a = S["unit_a"]
        p = project_json(1)
        body = json.dumps(p, ensure_ascii=False).encode().replace("博湖县".encode(), b"\xff\xfe\xc0\xaf", 1)
        eq(call("POST", "/api/projects", a, body=body, ctype="application/json").status, 400)
        eq(get("/api/projects/%E4%B8").status, 404)
        eq(get("/projects/%ff%fe%00", a).status, 404)
    after("invalid UTF-8 in JSON and in paths", bad_utf8)

    def many_logins_parallel():
        results = []
        threads = [threading.Thread(target=lambda: results.append(get("/api/projects").status)) for _ in range(64)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        eq(set(results), {200})
    after("64 requests at once", many_logins_parallel)


def group_log_and_stop():
    def log_lines():
        before = errlog().count("GET /no-such-page-for-the-log 404")
        for _ in range(3):
            eq(get("/no-such-page-for-the-log").status, 404)
        call("GET", "/api/projects/1", S["unit_a"])
        deadline = time.time() + 5
        while time.time() < deadline and errlog().count("GET /no-such-page-for-the-log 404") < before + 3:
            time.sleep(0.1)
        eq(errlog().count("GET /no-such-page-for-the-log 404"), before + 3, "log lines")
        check(re.search(r"^\S+Z 127\.0\.0\.1 GET /api/projects/1 200 \d+ [\d.]+ms unit_a$", errlog(), re.M), "a line naming the account")
        check(re.search(r"^\S+Z 127\.0\.0\.1 POST /api/login 429 \d+ [\d.]+ms -$", errlog(), re.M), "the throttled login")
    case("log: a line per request on stderr: time, address, method, path, status, size, duration, account", log_lines)

    def term():
        rc = stop(server, signal.SIGTERM)
        eq(rc, 0, "exit status after SIGTERM")
        log = errlog()
        check("收到 SIGTERM" in log and "已停止" in log, log[-500:])
    case("SIGTERM stops the server cleanly: exit 0, 已停止", term)

    def every_request_logged():
        lines = errlog().splitlines()
        logged = {}
        for line in lines:
            m = re.match(r"\S+Z 127\.0\.0\.1 (\S+) (\S+) \d{3} \d+ [\d.]+ms \S+( \(中断\))?$", line)
            if m:
                logged[(m.group(1), m.group(2))] = logged.get((m.group(1), m.group(2)), 0) + 1
        missing = {k: (n, logged.get(k, 0)) for k, n in sent.items() if logged.get(k, 0) < n}
        check(not missing, "requests made, lines logged:", missing)
        check(sum(sent.values()) > 300, "only %d requests counted" % sum(sent.values()))
    case("log: every request made is in the log, once it has stopped", every_request_logged)


    def clean():
        log = errlog()
        for bad in ("AddressSanitizer", "LeakSanitizer", "runtime error", "ERROR:"):
            check(bad not in log, bad, "in the server's stderr:\n" + log[log.find(bad) - 200:][:4000])
    case("the server's stderr has no sanitizer report", clean)

    def intr():
        global port
        path = os.path.join(tmp, "server2.err")
        p, port, _ = start(path)
        eq(get("/api/projects/1", S["unit_a"]).status, 200, "sessions live in the store")
        alive()
        rc = stop(p, signal.SIGINT)
        eq(rc, 0, "exit status after SIGINT")
        log = errlog(path)
        check("收到 SIGINT" in log and "已停止" in log, log[-500:])
        for bad in ("AddressSanitizer", "LeakSanitizer", "runtime error"):
            check(bad not in log, bad, log[-4000:])
    case("SIGINT stops a second server cleanly: exit 0, 已停止, no sanitizer report", intr)


def main():
    global failed, count
    try:
        setup()
    except Exception:  # noqa: BLE001
        print("Bail out! setup failed")
        traceback.print_exc(file=sys.stdout)
        return 1
    try:
        group_start()
        if server is None:
            print("Bail out! the server did not start")
            return 1
        for g in (group_login, group_read, group_anonymous, group_unit, group_department, group_admin, group_csrf,
                  group_workflow, group_oplog,
                  group_fields, group_escaping, group_bad, group_throttle, group_hostile, group_actuals, group_cache,
                  group_log_and_stop):
            g()
    finally:
        if server is not None and server.poll() is None:
            server.kill()
            server.wait()
        if os.environ.get("JIXIAO_KEEP_TMP"):
            print("# kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % count)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
