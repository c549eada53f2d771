"""Two jixiao serve on one PostgreSQL store behind nginx as a round-robin load balancer behave as one
system: a session made through one works on the other, a publication made through one is served by
the other (whatever each had cached), and two editors saving the same table from the same reading
cannot overwrite each other: one saves, the other is told to reload (409), on the API and in the edit
form. PostgreSQL only: an SQLite file is one machine's."""
import html.parser
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import stores  # noqa: E402
from serverlib import JIXIAO, SEED, Nginx, Resp, Server, Tap, check, eq  # noqa: E402
import http.client  # noqa: E402

PASSWORD = "correct-horse-1"
UNIT = "博湖县教育和科学技术局"  # project 2, a draft

tap = Tap()
if not stores.on_pg():
    tap.skip_all("several servers share a PostgreSQL store (run under scripts/with-pg)")
if not shutil.which("nginx"):
    tap.skip_all("nginx is not installed (scripts/install-deps installs it)")

tmp = tempfile.mkdtemp(prefix="jx-two.")
db = stores.location(tmp, "two")


def request(port, method, path, sess=None, data=None, form=None, headers=None):
    """One request on a connection of its own: data as JSON, form url-encoded (with the session's csrf
    field); sess is (token, csrf)."""
    h = dict(headers or {})
    body = None
    if sess:
        h["Cookie"] = "jx_session=" + sess[0]
    if data is not None:
        body = json.dumps(data, ensure_ascii=False).encode()
        h["Content-Type"] = "application/json"
        if sess:
            h["X-CSRF-Token"] = sess[1]
    if form is not None:
        pairs = list(form.items()) if isinstance(form, dict) else list(form)
        if sess and not any(k == "csrf" for k, _ in pairs):
            pairs.append(("csrf", sess[1]))
        body = urllib.parse.urlencode(pairs).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    elif sess and method not in ("GET", "HEAD") and data is None:
        h["X-CSRF-Token"] = sess[1]
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        return Resp(r.status, r.getheaders(), r.read())
    finally:
        c.close()


def login(port, name):
    r = request(port, "POST", "/api/login", data={"user": name, "password": PASSWORD})
    eq(r.status, 200, "login %s: %r" % (name, r))
    m = re.match(r"jx_session=([0-9a-f]+);", r.header("Set-Cookie") or "")
    check(m, "no session cookie")
    return (m.group(1), r.json()["csrf"])


class FormFields(html.parser.HTMLParser):
    """The fields of the form id="edit-form", in order, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self.inside = False
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == "edit-form"
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("checkbox", "submit", "button"):
            self.fields.append([a["name"], a.get("value") or ""])
        elif tag == "textarea" and a.get("name"):
            self.fields.append([a["name"], ""])
            self.textarea = self.fields[-1]
        elif tag == "select" and a.get("name"):
            self.fields.append([a["name"], None])
            self.select = self.fields[-1]
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in a:
                self.select[1] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def edit_form(port, sess, pid):
    r = request(port, "GET", "/projects/%d/edit" % pid, sess)
    eq(r.status, 200, "the edit page")
    p = FormFields()
    p.feed(r.text)
    return [(k, v if v is not None else "") for k, v in p.fields]


def goal_of(port, sess, pid):
    r = request(port, "GET", "/api/projects/%d" % pid, sess)
    eq(r.status, 200, "GET /api/projects/%d: %r" % (pid, r))
    return r.json()["goal"], r.header("ETag")


# ---------------------------------------------------------------- set-up

a = Server(db, os.path.join(tmp, "a.err"), threads=2)
b = Server(db, os.path.join(tmp, "b.err"), threads=2)
lb = Nginx(os.path.join(tmp, "nginx"), [])
S = {}


def setup():
    check(JIXIAO and os.access(JIXIAO, os.X_OK), "set JIXIAO to the jixiao binary")
    a.cli("import", SEED)
    for name, role, unit in (("unit", "unit", UNIT), ("fin", "finance", None)):
        a.cli("user", "add", name, "--role", role, *(["--unit", unit] if unit else []), stdin=(PASSWORD + "\n").encode())
    a.cli("submit", "1")
    a.cli("approve", "1")
    a.cli("publish", "--year", "2021", "--format", "json", "-o", os.path.join(tmp, "v1.json"))
    a.start()
    b.start()
    lb.backends = [a.port, b.port]
    lb.start()


tap.case("two jixiao serve on one PostgreSQL database, nginx in front", setup)
if tap.failed:
    tap.finish()


def alternates():
    seen = [request(lb.port, "GET", "/").header("X-Upstream") for _ in range(4)]
    eq(len(set(seen)), 2, "the servers that answered: %r" % seen)


tap.case("nginx sends requests to each server in turn", alternates)


def session_holds():
    S["unit"] = login(lb.port, "unit")
    S["fin"] = login(lb.port, "fin")
    seen = set()
    for _ in range(4):
        r = request(lb.port, "GET", "/api/projects", S["unit"])
        eq(r.status, 200, "GET /api/projects")
        names = [p["name"] for p in r.json()["projects"]]
        check(names and all("status" in p for p in r.json()["projects"]), "not signed in: %r" % r)
        seen.add(r.header("X-Upstream"))
    eq(len(seen), 2, "answered by")
    for srv in (a, b):  # and straight to each
        r = request(srv.port, "GET", "/api/projects/2", S["fin"])
        eq(r.status, 200, "finance reads an unpublished table on each server")


tap.case("a session made through one server holds on the other", session_holds)


def publication_on_other():
    before = request(b.port, "GET", "/public/projects/1")  # b renders and keeps version 1
    eq(before.status, 200, "the public page on b")
    doc = json.loads(a.cli("export", "1").stdout)  # the target adjusted (绩效目标调整) and approved again
    doc["projects"][0]["goal"] = "第二次公开的年度目标"
    with open(os.path.join(tmp, "adjusted.json"), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    a.cli("import", os.path.join(tmp, "adjusted.json"))
    a.cli("submit", "1")
    eq(request(a.port, "POST", "/api/projects/1/approve", S["fin"]).status, 200, "approve on a")
    r = request(a.port, "POST", "/publish", S["fin"], form={"year": "2021"})
    check(r.status == 200 and "已公开 2021 年度第 2 版" in r.text, "publish on a: %r" % r)
    after = request(b.port, "GET", "/public/projects/1")
    eq(after.status, 200, "the public page on b")
    check("第二次公开的年度目标" in after.text, "b serves what it had kept, not version 2")
    pub = request(b.port, "GET", "/api/projects/1")
    eq(pub.json()["goal"], "第二次公开的年度目标", "the public JSON on b")
    lst = request(b.port, "GET", "/api/projects?year=2021").json()["projects"]
    eq([p["version"] for p in lst if p["id"] == 1], [2], "b's public listing")


tap.case("a publication made through one server is served by the other, its cached page not", publication_on_other)


def concurrent_saves():
    goal, etag = goal_of(lb.port, S["unit"], 2)
    check(etag and re.fullmatch(r'"\d+"', etag), "an ETag: %r" % etag)
    base = request(lb.port, "GET", "/api/projects/2", S["unit"]).json()
    results = {}
    barrier = threading.Barrier(2)

    def save(who, port):
        doc = dict(base, goal="%s的修改" % who)
        barrier.wait()
        results[who] = request(port, "PUT", "/api/projects/2", S["unit"], data=doc, headers={"If-Match": etag})

    threads = [threading.Thread(target=save, args=(w, p)) for w, p in (("甲", a.port), ("乙", b.port))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status for r in results.values())
    eq(statuses, [200, 409], "the two saves: %r" % results)
    winner = [w for w, r in results.items() if r.status == 200][0]
    loser = [r for r in results.values() if r.status == 409][0]
    check("重新载入" in loser.json()["error"], "the conflict says to reload: %r" % loser)
    now, etag2 = goal_of(lb.port, S["unit"], 2)
    eq(now, "%s的修改" % winner, "the store holds the winner's table")
    check(etag2 != etag and etag2 == results[winner].header("ETag"), "the winner's answer gives the new ETag")


tap.case("two saves of one table from one reading at once: one saved, the other 409", concurrent_saves)


def stale_and_unconditional():
    goal, etag = goal_of(a.port, S["unit"], 2)
    doc = request(a.port, "GET", "/api/projects/2", S["unit"]).json()
    eq(request(a.port, "PUT", "/api/projects/2", S["unit"], data=dict(doc, goal="先保存的"),
               headers={"If-Match": etag}).status, 200, "a save that names the revision read")
    r = request(b.port, "PUT", "/api/projects/2", S["unit"], data=dict(doc, goal="后保存的"), headers={"If-Match": etag})
    eq(r.status, 409, "a save from the same reading, later")
    eq(goal_of(b.port, S["unit"], 2)[0], "先保存的", "nothing of the stale save was stored")
    r = request(b.port, "PUT", "/api/projects/2", S["unit"], data=dict(doc, goal="不带修订号的"))
    eq(r.status, 200, "a save without If-Match (last writer wins, as before)")
    eq(goal_of(a.port, S["unit"], 2)[0], "不带修订号的", "it was stored")
    r = request(a.port, "PUT", "/api/projects/2", S["unit"], data=dict(doc, goal="x"), headers={"If-Match": "abc"})
    eq(r.status, 400, "an If-Match that is no revision")


tap.case("a stale If-Match is 409 and stores nothing; without If-Match the last writer wins", stale_and_unconditional)


def stale_form():
    mine = edit_form(a.port, S["unit"], 2)
    check(any(k == "revision" for k, _ in mine), "the form carries the revision")
    theirs = edit_form(b.port, S["unit"], 2)
    theirs = [(k, "别人先保存的目标" if k == "goal" else v) for k, v in theirs]
    r = request(b.port, "POST", "/projects/2/edit", S["unit"], form=theirs)
    eq(r.status, 303, "the other's save: %r" % r)
    mine = [(k, "我输入的年度目标" if k == "goal" else v) for k, v in mine]
    r = request(a.port, "POST", "/projects/2/edit", S["unit"], form=mine)
    eq(r.status, 409, "the stale save: %r" % r)
    check("重新载入" in r.text and "我输入的年度目标" in r.text, "the message, and what was typed kept in the form")
    eq(goal_of(a.port, S["unit"], 2)[0], "别人先保存的目标", "the store keeps the other's save")


tap.case("the edit form: a save from a stale page is 409, says to reload and keeps the input", stale_form)


def clean_stop():
    lb.stop()
    for name, srv in (("a", a), ("b", b)):
        eq(srv.stop(), 0, "server %s's exit status" % name)
        log = srv.log()
        check("Sanitizer" not in log and "runtime error" not in log, "server %s's log: %s" % (name, log[-3000:]))


tap.case("both servers stop cleanly, no sanitizer report", clean_stop)
lb.stop()
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
