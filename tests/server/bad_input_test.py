#!/usr/bin/env python3
"""Bad input gets a clear answer (issue 18, item 7), on every way in:

  - a project name of 10,000 characters (or an indicator name) is refused, naming the field and its
    limit (model.h: 600 bytes, about 200 Chinese characters), by the API, the web form and the import;
    a name cut in the middle of a character in the message still makes a valid JSON answer;
  - a form field holding NUL (%00) or bytes that are not UTF-8 is refused, naming the field (before, the
    value was cut at the NUL, or the field dropped);
  - years (/publish, ?year=) outside 1949–9999, not a number or missing, and page numbers that are not
    one, are 400 with words (before, /publish took 0, abc or nothing);
  - a stored row that cannot be read is shown as unreadable in its place by `jixiao list` and the web
    list, and the other rows are listed (before, it broke every listing that held it).
"""
import http.client
import json
import os
import sqlite3
import sys
import tempfile
import urllib.parse

from serverlib import SEED, Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "bad-input-1"
UNIT = "博湖县卫生健康委员会"
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-badinput-")
db = stores.location(tmp, "badinput")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}


def post_form(path, sess, fields):
    """Posts fields (a list of pairs, or the body as bytes) as a form, with the session's CSRF token."""
    body = fields if isinstance(fields, bytes) else urllib.parse.urlencode(fields).encode()
    body = b"csrf=" + sess[1].encode() + b"&" + body
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    try:
        c.request("POST", path, body=body, headers={"Cookie": "jx_session=" + sess[0],
                                                   "Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse()
        return r.status, r.read().decode("utf-8", errors="replace")
    finally:
        c.close()


def new_form(name="表单新建的项目", ind_name="人数"):
    return [("year", "2021"), ("name", name), ("unit", UNIT), ("total", "10"), ("fiscal", "10"), ("other", "0"),
            ("goal", "目标"), ("level", "产出指标|数量指标"), ("ind_name", ind_name), ("ind_unit", "人"),
            ("ind_target", "≥10")]


def count():
    return len(srv.cli("list").stdout.decode().strip().splitlines())


def setup():
    srv.cli("import", SEED)
    srv.cli("user", "add", "weijian", "--role", "unit", "--unit", UNIT, stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "caizheng", "--role", "finance", stdin=(PASSWORD + "\n").encode())
    srv.start()
    S["unit"] = srv.login("weijian", PASSWORD)
    S["fin"] = srv.login("caizheng", PASSWORD)
    S["doc"] = srv.call("GET", "/api/projects/1", S["unit"]).json()
    S["rows"] = count()


def long_name_api():
    for name in ("名" * 10000, "x" * 10000, "a名" * 5000):
        doc = dict(S["doc"], name=name)
        for method, path in (("POST", "/api/projects"), ("PUT", "/api/projects/1")):
            r = srv.call(method, path, S["unit"], data=doc)
            eq(r.status, 400, "%s %s with a name of %d characters" % (method, path, len(name)))
            msg = r.json()["error"]
            check("项目名称过长" in msg and "600" in msg, msg[:300])
    doc = json.loads(json.dumps(S["doc"]))
    doc["indicators"][0]["name"] = "指" * 10000
    r = srv.call("PUT", "/api/projects/1", S["unit"], data=doc)
    eq(r.status, 400, "an indicator name of 10,000 characters")
    check("指标名称过长" in r.json()["error"], r.json())
    eq(count(), S["rows"], "rows")
    eq(srv.call("GET", "/api/projects/1", S["unit"]).json(), S["doc"], "the table")


def long_name_form():
    status, body = post_form("/projects/new", S["unit"], new_form(name="名" * 10000))
    eq(status, 400, "the form with a name of 10,000 characters")
    check("项目名称过长" in body, body[:500])
    status, body = post_form("/projects/new", S["unit"], new_form(ind_name="指" * 10000))
    eq(status, 400, "the form with an indicator name of 10,000 characters")
    check("指标名称过长" in body, body[:500])
    eq(count(), S["rows"], "rows")


def long_name_import():
    doc = {"projects": [dict(S["doc"], name="名" * 10000)]}
    path = os.path.join(tmp, "long.json")
    with open(path, "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    r = srv.cli("import", path, ok=False)
    eq(r.returncode, 2, "exit status")
    check("项目名称过长" in r.stderr.decode(), r.stderr.decode()[:300])
    with open(SEED, encoding="utf-8") as f:
        text = f.read()
    path = os.path.join(tmp, "long.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("项目名称\t博湖县2021年疫情防控项目", "项目名称\t博湖县2021年疫情防控项目" + "名" * 10000, 1))
    r = srv.cli("import", path, ok=False)
    eq(r.returncode, 2, "exit status, text: %s" % r.stderr.decode()[:300])
    check("过长" in r.stderr.decode(), r.stderr.decode()[:300])
    eq(count(), S["rows"], "rows")


def nul_and_utf8():
    for raw, what in ((b"%00", "NUL"), (b"%FF%FE", "UTF-8")):
        body = urllib.parse.urlencode(new_form()).encode().replace(b"name=%E8%A1%A8", b"name=%E8%A1%A8" + raw, 1)
        status, page = post_form("/projects/new", S["unit"], body)
        eq(status, 400, "a name with %s" % what)
        check("表单字段“name”" in page and what in page, page[:600])
    status, page = post_form("/projects/1/return", S["fin"], [("reason", "请补充\x00后半句")])
    eq(status, 400, "a return's reason with NUL")
    check("表单字段“reason”" in page, page[:600])
    eq(count(), S["rows"], "rows")


def years():
    for year in ("0", "abc", "", "20211", "-2021", "2021%00"):
        status, page = post_form("/publish", S["fin"], [("year", year)])
        eq(status, 400, "/publish with year %r" % year)
        check("年度应为" in page, page[:600])
    status, page = post_form("/publish", S["fin"], [])
    eq(status, 400, "/publish without a year")
    for path in ("/api/projects?year=abc", "/api/projects?year=0", "/api/projects?year=99999"):
        r = srv.call("GET", path, S["fin"])
        eq(r.status, 400, path)
        check("year" in r.json()["error"], r.json())
    eq(srv.call("GET", "/api/projects?year=2021", S["fin"]).status, 200)
    for path in ("/projects?page=-1", "/projects?page=abc", "/projects?year=x", "/projects?status=bogus", "/?year=abc"):
        eq(srv.call("GET", path, S["fin"]).status, 400, path)
    eq(srv.call("GET", "/projects?page=1&year=2021", S["fin"]).status, 200)


def unreadable():
    if stores.on_pg():
        # PostgreSQL keeps its text UTF-8 and its values in their checks: a row it returns always reads
        return
    con = sqlite3.connect(db)
    con.execute("UPDATE project SET name = CAST(X'E58D9AFFFE' AS TEXT) WHERE id = 2")
    con.commit()
    con.close()
    r = srv.cli("list", ok=False)
    out, err = r.stdout.decode(), r.stderr.decode()
    eq(r.returncode, 0, err)
    check("无法读取" in out and "博湖县2021年疫情防控项目" in out and "博湖县2021年困难群众救助及慰问项目" in out, out)
    eq(len(out.strip().splitlines()), S["rows"], "every row in its place")
    check("1 个项目无法读取" in err, err)
    r = srv.call("GET", "/projects", S["fin"])
    eq(r.status, 200, "the web list")
    check("无法读取" in r.text and "博湖县2021年疫情防控项目" in r.text, r.text[:2000])


run_cases(tap, srv, tmp, [
    ("setup: the seed, a unit and a finance account, the server", setup),
    ("API: a project or indicator name of 10,000 characters is 400 naming the field and its limit", long_name_api),
    ("web form: a name of 10,000 characters is 400 naming the field", long_name_form),
    ("import: a name of 10,000 characters (JSON, text) is refused, exit status 2", long_name_import),
    ("form fields with NUL or bytes that are not UTF-8 are 400 naming the field", nul_and_utf8),
    ("years and page numbers out of range, not numbers or missing are 400", years),
    ("a row that cannot be read is shown as unreadable in its place (list, web list)", unreadable),
])
