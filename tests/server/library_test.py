#!/usr/bin/env python3
"""GET /api/library, the edit form's picker (从指标库选择): who may ask, what comes back.

  - without a session 401 (the library is the bureau's working material, not a public page), whatever
    the query; a POST is 405;
  - signed in, any role: {"entries": [...]} in the library's file form, every word matched, best first,
    at most limit; type and sector narrow it; bad parameters are 400 with words;
  - ?project=ID: suggestions for a table the caller may read, each with why, and how the table's type
    and sector were told (inferred ones marked so); another unit's table answers 404 like a missing one;
  - the edit form carries the picker's control, and the server stops cleanly.
"""
import os
import sys
import tempfile
import urllib.parse

from serverlib import SEED, Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "library-test-1"
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-library-")
db = stores.location(tmp, "library")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}


def q(**params):
    return "/api/library?" + urllib.parse.urlencode(params)


def setup():
    srv.cli("import", SEED)
    srv.cli("user", "add", "minzheng", "--role", "unit", "--unit", "博湖县民政局", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "weijian", "--role", "unit", "--unit", "博湖县卫生健康委员会", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "caizheng", "--role", "finance", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "admin", "--role", "admin", stdin=(PASSWORD + "\n").encode())
    srv.start()
    for name in ("minzheng", "weijian", "caizheng", "admin"):
        S[name] = srv.login(name, PASSWORD)


def anonymous():
    for path in ("/api/library", q(q="培训"), q(project="3"), q(limit="abc")):
        r = srv.call("GET", path)
        eq(r.status, 401, path)
        check("请先登录" in r.json()["error"], r)
    eq(srv.call("POST", "/api/library", S["caizheng"], data={}).status, 405)


def search():
    for who in ("minzheng", "caizheng", "admin"):
        r = srv.call("GET", q(q="培训 满意度"), S[who])
        eq(r.status, 200, who)
        e = r.json()["entries"]
        check(e and e[0]["name"] == "学员满意度", e[:2])
    e = srv.call("GET", q(q="率", limit="3"), S["minzheng"]).json()["entries"]
    eq(len(e), 3)
    check(all({"id", "name", "level1", "level2", "origin", "uses"} <= set(x) for x in e), e)
    e = srv.call("GET", q(type="会议"), S["minzheng"]).json()["entries"]
    check(len(e) >= 4 and all(x["type"] == "会议" for x in e), e)
    e = srv.call("GET", q(sector="208"), S["minzheng"]).json()["entries"]
    check(e and all(x["sector"]["class"]["code"] == "208" for x in e), e)
    eq(srv.call("GET", q(q="火星探测"), S["minzheng"]).json()["entries"], [])


def bad_params():
    for params in ({"limit": "0"}, {"limit": "201"}, {"limit": "x"}, {"q": "词" * 200}, {"type": "类" * 30}):
        r = srv.call("GET", q(**params), S["minzheng"])
        eq(r.status, 400, params)
        check(r.json()["error"], r)
    eq(srv.call("GET", "/api/library?q=%ff%fe", S["minzheng"]).status, 400)
    eq(srv.call("GET", q(project="abc"), S["minzheng"]).status, 404)


def suggestions():
    r = srv.call("GET", q(project="3"), S["minzheng"])
    eq(r.status, 200)
    j = r.json()
    check(j["type"].startswith("补助（由项目名称中的") and "推断，未经确认" in j["type"], j["type"])
    check(j["entries"] and all(x["why"] for x in j["entries"]), j["entries"][:2])
    have = {i["name"] for i in srv.call("GET", "/api/projects/3", S["minzheng"]).json()["indicators"]}
    check(not any(x["name"] in have for x in j["entries"]), "a suggestion the table has")
    eq(srv.call("GET", q(project="3"), S["caizheng"]).status, 200, "finance reads every table")


def others_table():
    mine, missing = srv.call("GET", q(project="3"), S["weijian"]), srv.call("GET", q(project="999"), S["weijian"])
    eq(mine.status, 404, "another unit's table")
    eq(missing.status, 404)
    eq(mine.body, missing.body, "answered exactly as a missing one")


def form_control():
    r = srv.call("GET", "/projects/3/edit", S["minzheng"])
    eq(r.status, 200)
    check('id="library-picker"' in r.text and "从指标库选择" in r.text and 'id="lib-q"' in r.text, r.text[-3000:])


run_cases(tap, srv, tmp, [
    ("setup: the seed, two units, finance and admin accounts, the server", setup),
    ("without a session: 401 whatever the query; POST is 405", anonymous),
    ("signed in, any role: entries matching every word, best first, limit, type, sector", search),
    ("bad parameters are 400 with words", bad_params),
    ("?project=: suggestions not in the table, each with why, the inferred type marked so", suggestions),
    ("?project= of another unit's table is 404, byte for byte as a missing one", others_table),
    ("the edit form carries the picker", form_control),
])
