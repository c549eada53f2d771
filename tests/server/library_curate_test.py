#!/usr/bin/env python3
"""/library: the indicator library in the web — searched by every account, curated by finance:

  - without a session a GET goes to the login page and a POST is 401;
  - a unit lists and searches the entries (best first) and sees no curation forms; its POST is 403
    and changes nothing;
  - finance adds an entry from the form's fields, or entries pasted in the file form (all or nothing:
    a bad one refused naming the entry and the field, nothing kept), and takes in (纳入) a year's
    approved tables; each POST needs the session's CSRF token.
"""
import http.client
import json
import os
import sys
import tempfile
import urllib.parse

from serverlib import SEED, Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "curate-test-1"
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-curate-")
db = stores.location(tmp, "curate")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}


def setup():
    srv.cli("import", SEED)
    srv.cli("submit", "3", "4")
    srv.cli("approve", "3", "4")
    srv.cli("user", "add", "minzheng", "--role", "unit", "--unit", "博湖县民政局", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "caizheng", "--role", "finance", stdin=(PASSWORD + "\n").encode())
    srv.start()
    for name in ("minzheng", "caizheng"):
        S[name] = srv.login(name, PASSWORD)


def api(q, who="minzheng"):
    return srv.call("GET", "/api/library?" + urllib.parse.urlencode({"q": q}), S[who]).json()["entries"]


def anonymous():
    r = srv.call("GET", "/library")
    check(r.status in (302, 303) and r.header("Location") == "/login", r)
    eq(srv.call("POST", "/library", form=[("name", "x")]).status, 401)
    eq(srv.call("POST", "/library/take", form=[("year", "2021")]).status, 401)


def unit_reads():
    r = srv.call("GET", "/library?" + urllib.parse.urlencode({"q": "培训 满意度"}), S["minzheng"])
    eq(r.status, 200)
    check('id="library"' in r.text and "学员满意度" in r.text, r.text[-3000:])
    check(r.text.index("学员满意度") < r.text.index("</tbody>"), "listed")
    check('id="library-add"' not in r.text and 'id="library-take"' not in r.text, "no curation for a unit")
    r = srv.call("POST", "/library", S["minzheng"], form=[("name", "法律援助案件数"), ("level1", "产出指标"),
                                                          ("level2", "数量指标")])
    eq(r.status, 403)
    eq(api("法律援助"), [], "nothing added")
    eq(srv.call("POST", "/library/take", S["minzheng"], form=[("year", "2021")]).status, 403)


def finance_adds():
    t = srv.call("GET", "/library", S["caizheng"]).text
    check('id="library-add"' in t and 'id="library-paste"' in t and 'id="library-take"' in t, t[-3000:])
    form = [("name", "法律援助案件数"), ("unit", "件"), ("level1", "产出指标"), ("level2", "数量指标"), ("op", "≥"),
            ("basis", "计划标准"), ("basis_source", "县司法局年度工作计划"), ("type", "补助")]
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    c.request("POST", "/library", body=urllib.parse.urlencode(form).encode(),
              headers={"Cookie": "jx_session=" + S["caizheng"][0], "Content-Type": "application/x-www-form-urlencoded"})
    eq(c.getresponse().status, 403, "no CSRF token")
    c.close()
    eq(api("法律援助"), [], "nothing added without the token")
    r = srv.call("POST", "/library", S["caizheng"], form=form)
    eq(r.status, 200, r)
    check("指标库：新增 1 条，修改 0 条" in r.text, r.text[:3000])
    e = api("法律援助")
    eq(len(e), 1)
    eq((e[0]["name"], e[0]["unit"], e[0]["op"], e[0]["basis"], e[0]["origin"]), ("法律援助案件数", "件", "≥", "计划标准", "curated"))
    r = srv.call("POST", "/library", S["caizheng"], form=form)
    check("新增 0 条，修改 0 条，1 条与库中相同" in r.text, "the same again changes nothing")


def finance_pastes():
    good = {"name": "好的一条", "level1": "产出指标", "level2": "数量指标"}
    bad = {"name": "坏的一条", "level1": "产出指标", "level2": "数量指标", "basis": "领导要求"}
    r = srv.call("POST", "/library", S["caizheng"], form=[("entries", json.dumps({"entries": [good, bad]}, ensure_ascii=False))])
    check(400 <= r.status < 500, r)
    check("第 2 项（“坏的一条”）: basis 应为" in r.text and "指标库没有任何改动" in r.text, r.text[:3000])
    eq(api("好的一条"), [], "all or nothing")
    r = srv.call("POST", "/library", S["caizheng"], form=[("entries", json.dumps({"entries": [good]}, ensure_ascii=False))])
    eq(r.status, 200, r)
    eq(len(api("好的一条")), 1)
    r = srv.call("POST", "/library", S["caizheng"], form=[("entries", "{不是 JSON")])
    check(400 <= r.status < 500, r)


def finance_takes():
    r = srv.call("POST", "/library/take", S["caizheng"], form=[("year", "2021")])
    eq(r.status, 200, r)
    check("已纳入 2021 年度已批准的 2 张表" in r.text, r.text[:3000])
    r = srv.call("POST", "/library/take", S["caizheng"], form=[("year", "二〇二一")])
    check(400 <= r.status < 500 and "年度应为四位数的年份" in r.text, r)
    eq(srv.call("GET", "/library/take", S["caizheng"]).status, 405)


run_cases(tap, srv, tmp, [
    ("setup: the seed with two tables approved, a unit and a finance account, the server", setup),
    ("without a session: GET goes to the login page, POST is 401", anonymous),
    ("a unit searches the library and may not curate it", unit_reads),
    ("finance adds an entry from the form, with the CSRF token only", finance_adds),
    ("finance pastes entries in the file form: all or nothing, a refusal naming entry and field", finance_pastes),
    ("finance takes in a year's approved tables (纳入)", finance_takes),
])
