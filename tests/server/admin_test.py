#!/usr/bin/env python3
"""Accounts and units in the web (issue 22 item 1):

  - /admin (accounts) is the admin's, /units finance reads and the admin adds to, /password is every
    signed-in account's: without a session a GET goes to /login and a POST is 401; another role 403;
  - every POST needs the session's CSRF token (403, nothing changed);
  - the admin adds a unit account only for a registered unit, with a password the rule allows; the new
    account signs in and its last login shows; disable, enable, reset password, change unit;
  - 修改密码: the old password is asked, the rule applies, the other sessions of the account end;
  - a table (the API, the edit form) naming a unit the registry lacks is refused, the field named (422).
"""
import os
import re
import sqlite3
import sys
import tempfile

from serverlib import SEED, Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "guanli-test-1"
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-admin-")
db = stores.location(tmp, "admin")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}
HEALTH = "博湖县卫生健康委员会"


def setup():
    srv.cli("import", SEED)
    srv.cli("user", "add", "admin", "--role", "admin", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "caizheng", "--role", "finance", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "weijian", "--role", "unit", "--unit", HEALTH, stdin=(PASSWORD + "\n").encode())
    srv.start()
    for name in ("admin", "caizheng", "weijian"):
        S[name] = srv.login(name, PASSWORD)


def accounts():
    return {a["name"]: a for a in __import__("json").loads(srv.cli("user", "list", "--format", "json").stdout)["accounts"]}


def units():
    return [u["name"] for u in __import__("json").loads(srv.cli("unit", "list", "--format", "json").stdout)["units"]]


def sql(statement):
    if stores.on_pg():
        stores.psql(stores.PREFIX + "admin", statement)
    else:
        with sqlite3.connect(db) as c:
            c.execute(statement)


def signed_in(sess):
    """Whether sess is a live session: /projects answers it (without one, a redirect to /login)."""
    return srv.call("GET", "/projects", sess).status == 200


def anonymous():
    for path in ("/admin", "/units", "/password"):
        r = srv.call("GET", path)
        eq(r.status, 303, path)
        eq(r.header("Location"), "/login", path)
        r = srv.call("POST", path, form=[("op", "add"), ("name", "x")])
        eq(r.status, 401, "POST " + path)


def roles():
    for who, path, want in (("caizheng", "/admin", 403), ("weijian", "/admin", 403), ("weijian", "/units", 403),
                            ("caizheng", "/units", 200), ("admin", "/units", 200), ("admin", "/admin", 200),
                            ("weijian", "/password", 200), ("caizheng", "/password", 200)):
        eq(srv.call("GET", path, S[who]).status, want, "%s GET %s" % (who, path))
    r = srv.call("GET", "/units", S["caizheng"])
    check(HEALTH in r.text and 'id="add-unit"' not in r.text, "finance reads the registry, without the form")
    r = srv.call("POST", "/units", S["caizheng"], form=[("name", "财政想加的单位")])
    eq(r.status, 403)
    r = srv.call("POST", "/admin", S["caizheng"], form=[("op", "add"), ("name", "x1"), ("role", "admin"),
                                                        ("password", "good-pass-1")])
    eq(r.status, 403)
    check("财政想加的单位" not in units() and "x1" not in accounts(), "nothing changed")
    nav = srv.call("GET", "/projects", S["admin"]).text
    check('href="/admin"' in nav and 'href="/units"' in nav and 'href="/password"' in nav, "the admin's navigation")
    check('href="/admin"' not in srv.call("GET", "/projects", S["weijian"]).text, "a unit has no 账户管理")


def csrf():
    for path, form in (("/admin", [("op", "add"), ("name", "nocsrf"), ("role", "admin"), ("password", "good-pass-1")]),
                       ("/units", [("name", "无令牌局")]),
                       ("/password", [("old", PASSWORD), ("password", "another-pass-9"), ("again", "another-pass-9")])):
        who = "weijian" if path == "/password" else "admin"
        bad = (S[who][0], "0" * 64)
        r = srv.call("POST", path, bad, form=form)
        eq(r.status, 403, path)
        check("CSRF" in r.text, r.text[-500:])
    check("nocsrf" not in accounts() and "无令牌局" not in units(), "nothing changed")
    srv.login("weijian", PASSWORD)  # the password is as it was


def add_unit_account():
    form = [("op", "add"), ("name", "tongji"), ("role", "unit"), ("unit", "博湖县统计局"), ("password", "shuju-pass-77")]
    r = srv.call("POST", "/admin", S["admin"], form=form)
    eq(r.status, 400, "a unit the registry lacks")
    check("不在单位库中" in r.text, r.text[-800:])
    check("tongji" not in accounts(), "no account made")
    r = srv.call("POST", "/units", S["admin"], form=[("name", "博湖县统计局"), ("code", "042"), ("parent", "")])
    eq(r.status, 200, r.text[-600:])
    check("已登记预算单位“博湖县统计局”" in r.text and "042" in r.text, r.text[-800:])
    eq(srv.call("POST", "/units", S["admin"], form=[("name", "博湖县统计局")]).status, 409, "registered twice")
    r = srv.call("POST", "/units", S["admin"], form=[("name", "某所"), ("parent", "没有的局")])
    eq(r.status, 400, "an unregistered 主管部门")
    r = srv.call("POST", "/admin", S["admin"], form=form[:4] + [("password", "12345678")])
    eq(r.status, 400, "a common password")
    check("太常见" in r.text, r.text[-800:])
    r = srv.call("POST", "/admin", S["admin"], form=form[:4] + [("password", "tongji-1234")])
    eq(r.status, 400, "a password holding the name")
    r = srv.call("POST", "/admin", S["admin"], form=form)
    eq(r.status, 200, re.sub(r"(?s).*<p class=\"error\" id=\"error\">(.*?)</p>.*", r"\1", r.text))
    check("已添加账户“tongji”" in r.text, r.text[-800:])
    eq(accounts()["tongji"]["unit"], "博湖县统计局")
    row = re.search(r"<tr><td class=\"account\">tongji</td>.*?</tr>", r.text).group(0)
    check("从未登录" in row, row)
    S["tongji"] = srv.login("tongji", "shuju-pass-77")
    row = re.search(r"<tr><td class=\"account\">tongji</td>.*?</tr>", srv.call("GET", "/admin", S["admin"]).text).group(0)
    check(re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row) and "从未登录" not in row, row)
    check(accounts()["tongji"]["last_login"], "the last login is kept")


def disable_enable():
    r = srv.call("POST", "/admin", S["admin"], form=[("op", "disable"), ("name", "tongji")])
    eq(r.status, 200)
    check(not signed_in(S["tongji"]), "its session stops at once")
    eq(srv.call("POST", "/api/login", data={"user": "tongji", "password": "shuju-pass-77"}).status, 401)
    eq(srv.call("POST", "/admin", S["admin"], form=[("op", "enable"), ("name", "tongji")]).status, 200)
    S["tongji"] = srv.login("tongji", "shuju-pass-77")
    eq(srv.call("POST", "/admin", S["admin"], form=[("op", "disable"), ("name", "admin")]).status, 409,
       "the admin's own account")
    eq(srv.call("POST", "/admin", S["admin"], form=[("op", "disable"), ("name", "nobody")]).status, 404)


def reset_password():
    eq(srv.call("POST", "/admin", S["admin"], form=[("op", "password"), ("name", "tongji"), ("password", "aaaaaaaa")]).status,
       400, "the rule applies")
    r = srv.call("POST", "/admin", S["admin"], form=[("op", "password"), ("name", "tongji"), ("password", "fresh-pass-42")])
    eq(r.status, 200)
    check(not signed_in(S["tongji"]), "its sessions end")
    eq(srv.call("POST", "/api/login", data={"user": "tongji", "password": "shuju-pass-77"}).status, 401)
    S["tongji"] = srv.login("tongji", "fresh-pass-42")


def change_unit():
    r = srv.call("POST", "/admin", S["admin"], form=[("op", "unit"), ("name", "tongji"), ("unit", "博湖县不存在局")])
    eq(r.status, 400)
    eq(accounts()["tongji"]["unit"], "博湖县统计局")
    eq(srv.call("POST", "/admin", S["admin"], form=[("op", "unit"), ("name", "caizheng"), ("unit", HEALTH)]).status, 400,
       "a finance account has no unit")
    r = srv.call("POST", "/admin", S["admin"], form=[("op", "unit"), ("name", "tongji"), ("unit", HEALTH)])
    eq(r.status, 200)
    eq(accounts()["tongji"]["unit"], HEALTH)
    ids = [p["id"] for p in srv.call("GET", "/api/projects", S["tongji"]).json()["projects"]]
    eq(ids, [1], "it now sees the health commission's table")


def own_password():
    second = srv.login("weijian", PASSWORD)
    for form, want, words in (([("old", "wrong-old-1"), ("password", "weijian-new-1"), ("again", "weijian-new-1")], 400, "原密码不正确"),
                              ([("old", PASSWORD), ("password", "shenme-new-1"), ("again", "shenme-new-2")], 400, "不一致"),
                              ([("old", PASSWORD), ("password", "password"), ("again", "password")], 400, "太常见")):
        r = srv.call("POST", "/password", S["weijian"], form=form)
        eq(r.status, want, form)
        check(words in r.text, r.text[-800:])
    r = srv.call("POST", "/password", S["weijian"], form=[("old", PASSWORD), ("password", "shenme-new-1"),
                                                          ("again", "shenme-new-1")])
    eq(r.status, 200)
    check("密码已修改" in r.text, r.text[-800:])
    m = re.match(r"jx_session=([0-9a-f]+);", r.header("Set-Cookie") or "")
    check(m, "a new session cookie", r.header("Set-Cookie"))
    check(not signed_in(second), "another session of the account ends")
    check(not signed_in(S["weijian"]), "and the old token of this one")
    eq(srv.call("GET", "/projects", (m.group(1), "")).status, 200, "this browser goes on under the new one")
    S["weijian"] = srv.login("weijian", "shenme-new-1")


def unregistered_table():
    table = srv.call("GET", "/api/projects/1", S["weijian"]).json()
    table["name"] = "博湖县2021年新建测试项目"
    sql("DELETE FROM unit WHERE name = '%s'" % HEALTH)  # behind the server's back: the registry lacks it now
    r = srv.call("POST", "/api/projects", S["weijian"], data=table)
    eq(r.status, 422)
    eq(r.json()["field"], "unit")
    check("不在单位库中" in r.json()["error"], r)
    r = srv.call("PUT", "/api/projects/1", S["weijian"], data=srv.call("GET", "/api/projects/1", S["weijian"]).json())
    eq(r.status, 422, "a replacement too")
    names = [p["name"] for p in srv.call("GET", "/api/projects", S["weijian"]).json()["projects"]]
    check("博湖县2021年新建测试项目" not in names, names)
    srv.cli("unit", "add", HEALTH)
    eq(srv.call("POST", "/api/projects", S["weijian"], data=table).status, 201, "registered again, taken")


run_cases(tap, srv, tmp, [
    ("setup: the seed, admin, finance and a unit account, the server", setup),
    ("without a session: GET goes to /login, POST is 401, on /admin, /units and /password", anonymous),
    ("each role: /admin the admin's, /units finance reads, /password everyone's", roles),
    ("a POST without the session's CSRF token is 403 and changes nothing", csrf),
    ("the admin registers a unit and adds its account, which signs in; its last login shows", add_unit_account),
    ("disabling ends the sessions and refuses logins; enabling; not one's own account", disable_enable),
    ("resetting a password: the rule applies, the sessions end, the new one works", reset_password),
    ("changing a unit account's unit: registered units only", change_unit),
    ("修改密码: old password asked, rule and repetition checked, other sessions end", own_password),
    ("a table of a unit the registry lacks is refused (422, field unit) by the API", unregistered_table),
])
