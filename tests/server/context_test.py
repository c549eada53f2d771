#!/usr/bin/env python3
"""What stands beside each target in the web (history and peers, peers.h):

  - GET /api/projects/{id}/context: for the indicators that have any, last year's actual of the same
    project, the mean of the years before and the other tables' targets for the same library entry
    (count, median, range), values as exact decimal strings; the table itself left out;
  - a unit reads it for its own table only: another unit's id answers byte for byte as a missing one,
    and so does any id without a session; POST 405;
  - the project page and the edit form list it under 指标值参照, and target-below-peers is among the
    live findings; the server stops cleanly (the shared peers freed, no sanitizer report).
"""
import json
import os
import sys
import tempfile

from serverlib import Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "context-test-1"
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-context-")
db = stores.location(tmp, "context")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}
OWN = {}


def table(year, unit, name, target):
    return {"year": year, "name": name, "unit": unit, "funds": {"total": "10.00", "fiscal": "10.00", "other": "0.00"},
            "goal": "完成全年培训任务。", "kind": "project", "framework": "2021",
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "unit": "人次", "op": ">=",
                 "value": target, "target": "≥%d" % target},
                {"level1": "成本指标", "level2": "经济成本指标", "name": "项目总成本", "unit": "万元", "op": "<=",
                 "value": 10, "target": "≤10万元"},
                {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学员满意度", "unit": "%", "op": ">=",
                 "value": 90, "target": "≥90%"}]}


def setup():
    peers = [table(2021, "第%d局" % i, "2021年第%d局干部培训项目" % i, t) for i, t in enumerate([100, 200, 300, 400, 500, 600], 1)]
    own = [table(2020, "人社局", "2020年人社局技能培训项目", 450), table(2021, "人社局", "2021年人社局技能培训项目", 10)]
    path = os.path.join(tmp, "tables.json")
    with open(path, "w") as f:
        json.dump({"projects": peers + own}, f, ensure_ascii=False)
    actuals = os.path.join(tmp, "actuals.csv")
    with open(actuals, "w") as f:
        f.write("project,indicator,actual,as_of,reason\n2020年人社局技能培训项目,培训人次,480,2020-12-31,\n")
    srv.cli("import", path)
    srv.cli("submit", *[str(i) for i in range(1, 9)])
    srv.cli("approve", "7")
    srv.cli("actuals", "import", actuals)
    srv.cli("user", "add", "renshe", "--role", "unit", "--unit", "人社局", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "diyi", "--role", "unit", "--unit", "第1局", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "caizheng", "--role", "finance", stdin=(PASSWORD + "\n").encode())
    srv.start()
    for name in ("renshe", "diyi", "caizheng"):
        S[name] = srv.login(name, PASSWORD)
    OWN["id"] = 8


def api():
    for who in ("renshe", "caizheng"):
        r = srv.call("GET", "/api/projects/8/context", S[who])
        eq(r.status, 200, who)
        j = r.json()
        eq(j["id"], 8)
        eq(j["year"], 2021)
        c = [x for x in j["indicators"] if x["indicator"] == "培训人次"]
        eq(len(c), 1, j)
        c = c[0]
        eq(c["seq"], 0)
        eq(c["unit"], "人次")
        eq(c["target"], "≥10")
        eq(c["last_year"], {"year": 2020, "value": "480"})
        eq(c["mean"], {"years": 1, "value": "480", "exact": True})
        eq(c["peers"], {"count": 6, "median": "350", "min": "100", "max": "600"})
    # 第1局's own table: its 100 left out, 人社局's 10 counted
    c = [x for x in srv.call("GET", "/api/projects/1/context", S["diyi"]).json()["indicators"]
         if x["indicator"] == "培训人次"][0]
    eq(c["peers"], {"count": 6, "median": "350", "min": "10", "max": "600"})
    eq(c["last_year"], None)
    eq(c["mean"], None)


def access():
    mine, missing = srv.call("GET", "/api/projects/8/context", S["diyi"]), srv.call("GET", "/api/projects/999/context", S["diyi"])
    eq(mine.status, 404, "another unit's table")
    eq(missing.status, 404)
    eq(mine.body, missing.body, "answered exactly as a missing one")
    anon, anon_missing = srv.call("GET", "/api/projects/8/context"), srv.call("GET", "/api/projects/999/context")
    eq(anon.status, 404, "without a session, as every project route answers it")
    eq(anon.body, anon_missing.body)
    eq(srv.call("POST", "/api/projects/8/context", S["renshe"], data={}).status, 405)


def pages():
    srv.cli("return", "--reason", "目标偏低", "8")  # returned: the form opens, and it still counts as a peer
    for path in ("/projects/8", "/projects/8/edit"):
        r = srv.call("GET", path, S["renshe"])
        eq(r.status, 200, path)
        check("指标值参照" in r.text and 'id="context"' in r.text, path)
        check("2020年实际 480人次；近1年均值 480人次；同类 6 张表：中位数 350人次（100人次–600人次）" in r.text, path)
        check('data-rule="target-below-peers"' in r.text, path)
    f = srv.call("GET", "/api/projects/8/findings", S["renshe"]).json()["findings"]
    check(any(x["rule"] == "target-below-peers" for x in f), f)


run_cases(tap, srv, tmp, [
    ("setup: six peers and a table far below them, last year's actual, the server", setup),
    ("GET /api/projects/{id}/context: last year, mean, peers without the table itself", api),
    ("another unit's table, or any without a session, is 404 as a missing one; POST 405", access),
    ("the project page and the form show it; target-below-peers among the live findings", pages),
])
