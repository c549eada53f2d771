#!/usr/bin/env python3
"""The 主管部门 level of review in the web (issue 23 item 6), in a year whose rules say two levels:

  - a department account (主管部门) sees the tables of the units whose 主管部门 it is, and no other:
    every route answers about another table exactly as about a missing one (status and body, byte for
    byte), the pages and the steps alike;
  - its /review lists what awaits it; finance's lists only what the 主管部门 passed;
  - finance may not approve before the pass (409, said why); the 主管部门 passes (API and form) or
    returns with a reason, and finance approves or returns at its level;
  - pass is the 主管部门's alone (403 for a unit and finance, 401/404 without a session), never
    writing, approval, actuals, publishing, the log or the registry;
  - every POST needs the session's CSRF token (403, nothing changed);
  - the history says who reviewed at each level (主管部门审核通过, 主管部门退回).
"""
import json
import os
import sys
import tempfile
import urllib.parse

from serverlib import SEED, Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "shenhe-test-1"
DEPT = "博湖县人力资源和社会保障局"
PENSION = "博湖县社会保险中心"  # project 4, overseen
CIVIL = "博湖县民政局"  # project 3, overseen
HEALTH = "博湖县卫生健康委员会"  # project 1, not overseen
EDUCATION = 2  # 博湖县教育和科学技术局, not overseen; submitted
MISSING = 999999
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-supervisor-")
db = stores.location(tmp, "supervisor")
rules = os.path.join(tmp, "two.json")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}


def setup():
    with open(rules, "w") as f:
        json.dump({"years": {"2021": {"workflow": {"levels": 2}}}}, f)
    os.environ["JIXIAO_RULES"] = rules  # the server's and the command's
    srv.cli("unit", "add", DEPT)
    for unit in (PENSION, CIVIL):
        srv.cli("unit", "add", unit, "--parent", DEPT)
    srv.cli("import", SEED)
    for name, role, unit in (("renshe", "department", DEPT), ("shebao", "unit", PENSION), ("weijian", "unit", HEALTH),
                             ("caizheng", "finance", None), ("admin", "admin", None)):
        srv.cli("user", "add", name, "--role", role, *(["--unit", unit] if unit else []), stdin=(PASSWORD + "\n").encode())
    for pid in ("4", "3", "2"):
        srv.cli("submit", pid)
    srv.start()
    for name in ("renshe", "shebao", "weijian", "caizheng", "admin"):
        S[name] = srv.login(name, PASSWORD)


def status_of(pid):
    return json.loads(srv.cli("export", str(pid)).stdout)["projects"][0]["status"]


def queue_ids(who):
    r = srv.call("GET", "/review", S[who])
    eq(r.status, 200, "%s /review" % who)
    return sorted(int(i) for i in __import__("re").findall(r'href="/projects/(\d+)"', r.text))


def login_answer():
    r = srv.call("POST", "/api/login", data={"user": "renshe", "password": PASSWORD})
    eq(r.status, 200)
    eq((r.json()["role"], r.json()["unit"]), ("department", DEPT))


def queues():
    eq(queue_ids("renshe"), [3, 4], "the 主管部门's queue: its units' submitted tables, not another's")
    eq(queue_ids("caizheng"), [], "finance's: nothing the 主管部门 has not passed")
    r = srv.call("GET", "/review", S["caizheng"])
    check("主管部门已审核" in r.text, "finance's queue says what it holds")


def listing():
    ids = sorted(p["id"] for p in srv.call("GET", "/api/projects", S["renshe"]).json()["projects"])
    eq(ids, [3, 4], "GET /api/projects: its units' tables only")
    r = srv.call("GET", "/api/projects?unit=" + urllib.parse.quote(HEALTH), S["renshe"])
    eq(r.json()["projects"], [], "another unit named")
    r = srv.call("GET", "/projects", S["renshe"])
    check("所属单位的绩效目标表" in r.text and "博湖县2021年疫情防控" not in r.text, "the page")


def same_as_missing(make, what, status=404, route=""):
    a, b = make(what), make(MISSING)
    eq(b.status, status, "the missing id " + route)
    eq(a.status, b.status, "status for project %s" % what)
    eq(a.body, b.body, "body")
    eq(a.header("Content-Type"), b.header("Content-Type"), "Content-Type")


def unseen():
    d = S["renshe"]
    for path in ("/api/projects/%s", "/api/projects/%s/findings", "/api/projects/%s/history", "/api/projects/%s/context",
                 "/projects/%s", "/projects/%s/edit", "/api/library?project=%s"):
        same_as_missing(lambda i, path=path: srv.call("GET", path % i, d), EDUCATION, route=path)
    for step in ("pass", "approve", "return", "submit"):
        same_as_missing(lambda i, step=step: srv.call("POST", "/api/projects/%s/%s" % (i, step), d, data={"reason": "r"}),
                        EDUCATION, route=step)
        same_as_missing(lambda i, step=step: srv.call("POST", "/projects/%s/%s" % (i, step), d, form=[("reason", "r")]),
                        EDUCATION, route="form " + step)
    body = json.loads(srv.cli("export", "1").stdout)["projects"][0]
    # a PUT is refused as writing (403) before any table is looked at: the same for every id
    same_as_missing(lambda i: srv.call("PUT", "/api/projects/%s" % i, d, data=body), 1, 403, "PUT")
    eq(status_of(EDUCATION), "submitted", "nothing changed")


def not_its_to_do():
    d = S["renshe"]
    eq(srv.call("GET", "/projects/4", d).status, 200, "its unit's table")
    body = srv.call("GET", "/api/projects/4", d).json()
    for method, path, kw in (("PUT", "/api/projects/4", {"data": body}), ("POST", "/api/projects/4/approve", {}),
                             ("POST", "/api/projects/4/submit", {}), ("POST", "/api/projects", {"data": body}),
                             ("POST", "/projects/4/actuals", {"form": [("indicator", "x")]}),
                             ("GET", "/projects/4/edit", {}), ("GET", "/publish", {}), ("GET", "/log", {}),
                             ("GET", "/units", {}), ("GET", "/admin", {})):
        eq(srv.call(method, path, d, **kw).status, 403, "%s %s" % (method, path))
    eq(status_of(4), "submitted", "nothing changed")


def pass_is_the_departments():
    for who in ("shebao", "caizheng"):
        r = srv.call("POST", "/api/projects/4/pass", S[who])
        eq(r.status, 403, who)
        check("不能进行这项操作" in r.json()["error"], r)
    eq(srv.call("POST", "/api/projects/4/pass").status, 404, "anonymous, of an unpublished table")
    same_as_missing(lambda i: srv.call("POST", "/api/projects/%s/pass" % i), 4)
    eq(srv.call("GET", "/api/projects/4/pass", S["renshe"]).status, 405, "GET")
    eq(status_of(4), "submitted", "nothing changed")


def finance_waits():
    r = srv.call("POST", "/api/projects/4/approve", S["caizheng"])
    eq(r.status, 409)
    check("尚未经主管部门审核" in r.json()["error"], r)
    page = srv.call("GET", "/projects/4", S["caizheng"]).text
    check('id="awaiting-dept"' in page and 'id="approve"' not in page, "no approve button, the wait said")
    eq(status_of(4), "submitted")


def csrf():
    d = S["renshe"]
    r = srv.call("POST", "/api/projects/4/pass", (d[0], "0" * 64))
    eq(r.status, 403, "a wrong header")
    r = srv.call("POST", "/projects/4/pass", (d[0], "0" * 64), form=[])
    eq(r.status, 403, "a form with a wrong field")
    r = srv.call("POST", "/projects/3/return", (d[0], "0" * 64), form=[("reason", "x")])
    eq(r.status, 403, "a return with a wrong field")
    eq((status_of(4), status_of(3)), ("submitted", "submitted"), "nothing changed")


def passes():
    page = srv.call("GET", "/projects/4", S["renshe"]).text
    check('id="pass"' in page and 'id="return"' in page and 'id="approve"' not in page, "its buttons")
    r = srv.call("POST", "/projects/4/pass", S["renshe"], form=[])
    eq(r.status, 303)
    eq(r.header("Location"), "/projects/4?done=pass")
    eq(status_of(4), "dept_approved")
    eq(queue_ids("renshe"), [3], "gone from the 主管部门's queue")
    eq(queue_ids("caizheng"), [4], "in finance's")
    r = srv.call("POST", "/api/projects/4/pass", S["renshe"])
    eq(r.status, 409, "not twice")


def returns():
    r = srv.call("POST", "/api/projects/3/return", S["renshe"], data={})
    eq(r.status, 400, "a reason is needed")
    r = srv.call("POST", "/projects/3/return", S["renshe"], form=[("reason", "请补充资金测算")])
    eq(r.status, 303)
    eq(status_of(3), "returned")
    last = srv.call("GET", "/api/projects/3/history", S["renshe"]).json()["history"][-1]
    eq((last["action"], last["user"], last["detail"]["level"], last["detail"]["reason"]),
       ("return", "renshe", "department", "请补充资金测算"))
    check("主管部门退回" in srv.call("GET", "/projects/3", S["caizheng"]).text, "labelled on the page")


def approves():
    r = srv.call("POST", "/api/projects/4/approve", S["caizheng"])
    eq(r.status, 200, r.text)
    eq(r.json()["status"], "approved")
    h = srv.call("GET", "/api/projects/4/history", S["caizheng"]).json()["history"]
    eq([(e["action"], e["user"]) for e in h[1:]], [("submit", "setup"), ("pass", "renshe"), ("approve", "caizheng")])
    page = srv.call("GET", "/projects/4", S["renshe"]).text
    check("主管部门审核通过" in page and "renshe" in page and "caizheng" in page, "who reviewed at each level")


def finance_returns():
    srv.cli("submit", "3")
    eq(srv.call("POST", "/api/projects/3/pass", S["renshe"]).status, 200)
    r = srv.call("POST", "/api/projects/3/return", S["caizheng"], data={"reason": "绩效目标不够明确"})
    eq(r.status, 200, r.text)
    last = srv.call("GET", "/api/projects/3/history", S["caizheng"]).json()["history"][-1]
    eq((last["action"], last["user"], "level" in last["detail"]), ("return", "caizheng", False))


def admin_adds_one():
    r = srv.call("POST", "/admin", S["admin"], form=[("op", "add"), ("name", "minzheng_zg"), ("role", "department"),
                                                     ("unit", "没有登记的局"), ("password", PASSWORD)])
    eq(r.status, 400, "an unregistered 主管部门")
    check("不在单位库中" in r.text, "said why")
    r = srv.call("POST", "/admin", S["admin"], form=[("op", "add"), ("name", "minzheng_zg"), ("role", "department"),
                                                     ("unit", CIVIL), ("password", PASSWORD)])
    eq(r.status, 200, r.text[:300])
    a = {x["name"]: x for x in json.loads(srv.cli("user", "list", "--format", "json").stdout)["accounts"]}
    eq((a["minzheng_zg"]["role"], a["minzheng_zg"]["unit"]), ("department", CIVIL))
    s = srv.login("minzheng_zg", PASSWORD)
    ids = sorted(p["id"] for p in srv.call("GET", "/api/projects", s).json()["projects"])
    eq(ids, [3], "a 主管部门 no unit names as its own: its own unit's tables")


run_cases(tap, srv, tmp, [
    ("setup: units under a 主管部门, its account, a year of two levels, the server", setup),
    ("signing in says the role and the 主管部门", login_answer),
    ("/review: the 主管部门's lists its units' submitted tables, finance's nothing yet", queues),
    ("its listings hold its units' tables only", listing),
    ("another unit's table is exactly like a missing one on every route", unseen),
    ("writing, approval, actuals, publishing, the log, the registry: 403", not_its_to_do),
    ("pass is the 主管部门's: 403 for a unit and finance, like missing without a session", pass_is_the_departments),
    ("finance may not approve before the 主管部门 passed (409, said why)", finance_waits),
    ("a POST without the session's CSRF token is 403 and changes nothing", csrf),
    ("the 主管部门 passes (the form): the table moves from its queue to finance's", passes),
    ("the 主管部门 returns with a reason, named so in the history", returns),
    ("finance approves what was passed; the history names who reviewed at each level", approves),
    ("finance returns what the 主管部门 passed, at its own level", finance_returns),
    ("the admin adds a department account for a registered 主管部门 only", admin_adds_one),
])
