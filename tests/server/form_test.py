#!/usr/bin/env python3
"""The edit form as people fill it in (issue: a form that fits the work):

  - amounts as people write them: 1,200.00 (thousands separators), 120.5万元, 1205000元 (converted to
    万元 exactly), spaces around; each saved as the 万元 it means;
  - an amount that is none of these is refused naming the field in plain Chinese with what was typed,
    the form shown again with what was typed, nothing saved;
  - a form shown again after a failed save offers its three spare rows once, not three more each time;
  - the findings are announced to screen readers (aria-live), each cell of an indicator row is labelled
    (a card per indicator on a narrow screen), and the target's placeholder reads as an example;
  - the level choices are those of the framework the table's year requires (2015 through 2021, 2021
    from 2022); a row that uses another framework's labels keeps them, shown as another framework's;
  - 删除草稿: a draft that never went to review can be deleted from its page (asking first) and through
    DELETE /api/projects/{id} (204); one that went to review cannot (409, saying why); another unit's
    table answers as a missing one, byte for byte; without the CSRF token nothing is deleted.
"""
import http.client
import os
import re
import sys
import tempfile

from serverlib import SEED, Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "form-test-1"
UNIT = "博湖县民政局"
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-form-")
db = stores.location(tmp, "form")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}


def setup():
    srv.cli("import", SEED)
    srv.cli("user", "add", "minzheng", "--role", "unit", "--unit", UNIT, stdin=(PASSWORD + "\n").encode())
    srv.start()
    S["a"] = srv.login("minzheng", PASSWORD)


def base(name, **money):
    pairs = [("year", "2021"), ("name", name), ("unit", UNIT), ("goal", "目标")]
    pairs += [(k, v) for k, v in money.items()]
    pairs += [("level", "产出指标|数量指标"), ("ind_name", "人数"), ("ind_unit", "人"), ("ind_target", "≥10"),
              ("level", "产出指标|质量指标"), ("ind_name", "合格率"), ("ind_unit", "%"), ("ind_target", "=100%")]
    pairs += [("level", ""), ("ind_name", ""), ("ind_unit", ""), ("ind_target", "")] * 3  # the spare rows
    return pairs


def saved_funds(r):
    eq(r.status, 303, r)
    m = re.match(r"/projects/(\d+)\?done=saved", r.header("Location") or "")
    check(m, r.headers)
    return srv.call("GET", "/api/projects/%s" % m.group(1), S["a"]).json()["funds"]


def amounts():
    f = saved_funds(srv.call("POST", "/projects/new", S["a"],
                             form=base("千分位的项目", total=" 1,200.00 ", fiscal="1,000", other="200万元")))
    eq((f["total"], f["fiscal"], f["other"]), ("1200.00", "1000.00", "200.00"))
    f = saved_funds(srv.call("POST", "/projects/new", S["a"],
                             form=base("以元计的项目", total="1205000元", fiscal="1,205,000元", other="0元")))
    eq((f["total"], f["fiscal"], f["other"]), ("120.50", "120.50", "0.00"))
    f = saved_funds(srv.call("POST", "/projects/new", S["a"], form=base("分的项目", total="1,234,567.89元")))
    eq(f["total"], "123.456789")


def refused():
    before = srv.call("GET", "/api/projects?limit=200", S["a"]).json()["projects"]
    for typed, name in (("1,20.00", "total"), ("12,3456", "total"), ("一百", "fiscal"), ("-5", "other"),
                        ("1.234元5", "total"), ("0.0000001", "total")):
        r = srv.call("POST", "/projects/new", S["a"], form=base("错误金额的项目", **{name: typed}))
        check(400 <= r.status < 500, typed, r)
        label = {"total": "年度资金总额", "fiscal": "财政拨款", "other": "其他资金"}[name]
        check("%s应为以万元计的金额" % label in r.text and "“%s”" % typed in r.text, typed, r.text[:2000])
        check('value="%s"' % typed in r.text, "what was typed is shown again", typed)
    after = srv.call("GET", "/api/projects?limit=200", S["a"]).json()["projects"]
    eq(len(after), len(before), "nothing saved")


def spare_rows():
    form = base("空行的项目", total="10")
    form[0] = ("year", "二〇二一")  # a failed save
    r = srv.call("POST", "/projects/new", S["a"], form=form)
    check(400 <= r.status < 500, r)
    eq(r.text.count('<tr class="ind">'), 2 + 3, "two rows of the table and three spare ones")
    form2 = [(k, v) for k, v in form]
    r2 = srv.call("POST", "/projects/new", S["a"], form=form2 + [("level", ""), ("ind_name", ""), ("ind_unit", ""),
                                                               ("ind_target", "")] * 3)
    eq(r2.text.count('<tr class="ind">'), 2 + 3, "the spare rows sent back are not kept")


def accessible():
    r = srv.call("GET", "/projects/new", S["a"])
    eq(r.status, 200)
    check('aria-live="polite"' in r.text, "findings announced")
    check('data-label="三级指标"' in r.text and 'aria-label="指标值"' in r.text, "labelled cells")
    check('placeholder="如 ≥95"' in r.text, "an example, not a value")


def frameworks():
    # a new table: the latest framework's labels (2021: 成本指标 is a level 1)
    t = srv.call("GET", "/projects/new", S["a"]).text
    check('<optgroup label="2021 指标体系">' in t and "2015 指标体系" not in t and "成本指标 › 经济成本指标" in t, t[-4000:])
    # the seed's 2021 table: the 2015 framework, which 2021 tables use, alone
    t = srv.call("GET", "/projects/3/edit", S["a"]).text
    check('<optgroup label="2015 指标体系">' in t and "2021 指标体系" not in t and "其他指标体系" not in t, t[-4000:])
    # a 2022 table written with 2015 labels keeps them, shown as another framework's
    form = base("2022年沿用旧体系的项目", total="10")
    form[0] = ("year", "2022")
    form[form.index(("level", "产出指标|数量指标"))] = ("level", "产出指标|成本指标")  # 2015's alone
    r = srv.call("POST", "/projects/new", S["a"], form=form)
    eq(r.status, 303, r)
    t = srv.call("GET", r.header("Location").split("?")[0] + "/edit", S["a"]).text
    check('<optgroup label="2021 指标体系">' in t and "其他指标体系（不适用于本年度）" in t, t[-4000:])
    check('value="产出指标|成本指标" selected' in t, "the row keeps its labels")


def new_draft(name):
    r = srv.call("POST", "/projects/new", S["a"], form=base(name, total="10"))
    eq(r.status, 303, r)
    return int(re.match(r"/projects/(\d+)", r.header("Location")).group(1))


def delete():
    pid = new_draft("要删除的草稿")
    page = srv.call("GET", "/projects/%d" % pid, S["a"]).text
    check('action="/projects/%d/delete"' % pid in page and "data-confirm=" in page and "删除草稿" in page, page[-3000:])
    # without the CSRF token: refused, nothing deleted
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    c.request("POST", "/projects/%d/delete" % pid, body=b"", headers={"Cookie": "jx_session=" + S["a"][0],
                                                                     "Content-Type": "application/x-www-form-urlencoded"})
    eq(c.getresponse().status, 403)
    c.close()
    eq(srv.call("GET", "/api/projects/%d" % pid, S["a"]).status, 200, "still there")
    r = srv.call("POST", "/projects/%d/delete" % pid, S["a"], form=[])
    eq(r.status, 303, r)
    eq(r.header("Location"), "/projects?done=deleted")
    check("已删除草稿" in srv.call("GET", "/projects?done=deleted", S["a"]).text)
    eq(srv.call("GET", "/api/projects/%d" % pid, S["a"]).status, 404)
    # the API
    pid = new_draft("用接口删除的草稿")
    eq(srv.call("DELETE", "/api/projects/%d" % pid, S["a"]).status, 204)
    eq(srv.call("GET", "/api/projects/%d" % pid, S["a"]).status, 404)
    pid = new_draft("提交过的草稿")
    eq(srv.call("POST", "/api/projects/%d/submit" % pid, S["a"], data={}).status, 200)
    r = srv.call("DELETE", "/api/projects/%d" % pid, S["a"])
    eq(r.status, 409, r)
    check("只有草稿可以删除" in r.json()["error"], r)
    check('action="/projects/%d/delete"' % pid not in srv.call("GET", "/projects/%d" % pid, S["a"]).text)
    # another unit's table (the seed's 1 is 卫健委's) answers as a missing one
    other, missing = srv.call("DELETE", "/api/projects/1", S["a"]), srv.call("DELETE", "/api/projects/99999", S["a"])
    eq(other.status, 404)
    eq(other.body, missing.body)
    eq(srv.call("DELETE", "/api/projects/1").status, 404, "without a session")


run_cases(tap, srv, tmp, [
    ("setup: the seed, a unit account, the server", setup),
    ("amounts as people write them are saved as the 万元 they mean", amounts),
    ("other amounts are refused naming the field and what was typed; nothing saved", refused),
    ("a form shown again offers its spare rows once", spare_rows),
    ("findings announced, cells labelled, the placeholder an example", accessible),
    ("the level choices are the year's framework; another's kept and shown as such", frameworks),
    ("删除草稿: from the page and the API; not after review; not another unit's; not without CSRF", delete),
])
