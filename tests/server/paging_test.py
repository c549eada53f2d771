#!/usr/bin/env python3
"""Every list pages, sorts and filters (issue 22, item 3), against a running jixiao serve on a store of
a few hundred tables made here — three budget units, three years, amounts, names and submission times
that tie, key and classified tables, department-wide ones — on SQLite, or on PostgreSQL with
$JIXIAO_TEST_PG:

  - GET /api/projects?limit=N&cursor=C answers exactly {"projects": […], "next": C or null}: walking
    the cursors in each order, both ways, visits every table the caller may see exactly once, in that
    order; the default page is 100 tables, limit at most 1000;
  - bad limit, cursor (garbage, altered, another order's), sort and filters are 400 naming the
    parameter; a search is text, never SQL, and LIKE's own characters are found as written;
  - a unit account sees only its own unit's tables through every filter and order, pages included;
    the public sees the published tables, not classified, paged alike, in no order that tells what is
    not published;
  - /projects and /review: numbered pages whose links keep the filters and the order, the count, the
    filter form filled in, headings that sort; the queue's submission time and waiting days in Beijing
    time, the longest waiting first.
"""
import base64
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.parse
from decimal import Decimal

from serverlib import SEED, Server, Tap, check, eq

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "paging-test-1"
UNITS = ["博湖县卫生健康委员会", "博湖县民政局", "BohuTestBureau"]
NAMES = ["项目", "救助100%项目", "a_b项目", "Alpha项目", "alpha项目", "引号'项目"]
NOW = "2026-11-29T03:00:00Z"  # the server's clock: Beijing 11:00 on 29 November
BATCHES = ["2026-11-20T17:30:00Z", "2026-11-26T01:00:00Z", "2026-11-28T15:59:00Z"]  # submission times
N = 240
SEED_IDS = {1, 2, 3, 4, 5}  # the sample's tables, imported first

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-paging-")
db = stores.location(tmp, "paging")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2)
S = {}
T = {}  # id → what the table was made as: name, unit, year, total, key, classified, kind, submitted, published


def made_tables():
    """N tables from the seed's first, spread over few values so that many tie on every sort, and a
    department-wide table (named by its unit) for each unit and year."""
    seed = json.loads(srv.cli("export", "--format", "json", "1").stdout.decode())["projects"][0]
    out = []
    for i in range(N + 9):
        p = json.loads(json.dumps(seed))
        unit = UNITS[i % 3 if i >= N else i // 2 % 3]
        department = i >= N
        year = 2020 + ((i - N) // 3 if department else i // 6 % 3)
        p.update(name=unit if department else "%s%d" % (NAMES[i % 6], i), unit=unit, year=year, key=i % 5 == 1,
                 classified=i % 11 == 3, kind="department" if department else "project")
        total = "%d.00" % (100 * (i % 4) + 10)
        p["funds"] = {"total": total, "fiscal": total, "other": "0.00"}
        out.append(p)
    return out


def setup():
    srv.cli("import", SEED)
    tables = made_tables()
    path = os.path.join(tmp, "many.json")
    with open(path, "w") as f:
        json.dump({"projects": tables}, f, ensure_ascii=False)
    srv.cli("import", path)
    listed = {}
    for line in srv.cli("list").stdout.decode().splitlines()[1:]:
        cells = line.split()
        listed[(int(cells[1]), cells[2], cells[3])] = int(cells[0])
    for p in tables:
        i = listed[(p["year"], p["name"], p["unit"])]
        T[i] = {"id": i, "name": p["name"], "unit": p["unit"], "year": p["year"], "total": Decimal(p["funds"]["total"]),
                "key": p["key"], "classified": p["classified"], "kind": p["kind"], "submitted": None,
                "published": False}
    eq(len(T), N + 9, "the tables made")
    # submitted in batches (the clock fixed), the first batch approved and 2021's published
    for b, at in enumerate(BATCHES):
        batch = sorted(i for i in T if i % 4 == b)
        os.environ["JIXIAO_NOW"] = at
        srv.cli("submit", *[str(i) for i in batch])
        del os.environ["JIXIAO_NOW"]
        for i in batch:
            T[i]["submitted"] = at
    first = sorted(i for i in T if i % 4 == 0)
    srv.cli("approve", *[str(i) for i in first], user="caizheng")
    srv.cli("publish", "--year", "2021", "--format", "json", "-o", os.path.join(tmp, "pub.json"))
    for i in first:
        T[i]["published"] = T[i]["year"] == 2021 and not T[i]["classified"]
    for name, role, unit in (("fin", "finance", None), ("adm", "admin", None), ("unit_a", "unit", UNITS[0]),
                             ("unit_b", "unit", UNITS[1])):
        srv.cli("user", "add", name, "--role", role, *(["--unit", unit] if unit else []),
                stdin=(PASSWORD + "\n").encode())
    os.environ["JIXIAO_NOW"] = NOW  # the server's clock, for the waiting days
    srv.start()
    for name in ("fin", "adm", "unit_a", "unit_b"):
        S[name] = srv.login(name, PASSWORD)


def get(path, who=None):
    return srv.call("GET", path, S[who] if who else None)


def walk(query, who=None, limit=7):
    """Every page of /api/projects?query by its cursors; returns the rows, checking each answer's shape."""
    rows, cursor, pages = [], None, 0
    while True:
        q = "%s&limit=%d" % (query, limit) + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")
        r = get("/api/projects?" + q.lstrip("&"), who)
        eq(r.status, 200, "GET /api/projects?" + q)
        doc = r.json()
        eq(sorted(doc), ["next", "projects"], "the answer's keys")
        check(len(doc["projects"]) <= limit, "a page of %d rows, limit %d" % (len(doc["projects"]), limit))
        rows += doc["projects"]
        cursor = doc["next"]
        pages += 1
        check(pages < 1000, "the cursors do not end")
        if cursor is None:
            return rows
        eq(len(doc["projects"]), limit, "a page followed by another is full")


def ids(rows):
    return set(r["id"] for r in rows)


def made(rows):
    """The ids of the rows that are tables made here (the sample's aside)."""
    return ids(rows) - SEED_IDS


def visible(who, **want):
    """The ids of the made tables who may see, matching want."""
    out = set()
    for i, t in T.items():
        if who == "unit_a" and t["unit"] != UNITS[0]:
            continue
        if who is None and not t["published"]:
            continue
        if all((t[k] == v) for k, v in want.items()):
            out.add(i)
    return out


def key_of(sort, row):
    if sort == "year":
        return row["year"]
    if sort == "name":
        return row["name"].encode()
    if sort == "unit":
        return row["unit"].encode()
    if sort == "total":
        return Decimal(row["total"])
    if sort == "submitted":
        return T[row["id"]]["submitted"] or "" if row["id"] in T else ""
    return 0


def ordered(rows, sort, desc, what):
    keys = [(key_of(sort, r), r["id"]) for r in rows]
    eq(keys, sorted(keys, reverse=desc), "%s: the rows in the order sort=%s%s" % (what, "-" if desc else "", sort))


def cursor_walks():
    everything = set(T) | SEED_IDS
    for sort in ("year", "id", "name", "unit", "total", "submitted"):
        for desc in (False, True):
            rows = walk("sort=%s%s" % ("-" if desc else "", sort), "fin", 7)
            eq(len(rows), len(ids(rows)), "sort=%s: a table twice" % sort)
            eq(ids(rows), everything, "sort=%s: every table" % sort)
            ordered(rows, sort, desc, "finance")
    eq(ids(walk("sort=-name", "adm", 250)), everything, "admin")


def default_page():
    r = get("/api/projects", "fin").json()
    eq(len(r["projects"]), 100, "the default page")
    check(isinstance(r["next"], str) and r["next"], r["next"])
    first = r["projects"]
    ordered(first, "year", False, "the default order")
    r = get("/api/projects?limit=1000", "fin").json()
    eq(r["next"], None, "one page of 1000 holds all %d" % len(r["projects"]))
    eq(len(r["projects"]), len(T) + len(SEED_IDS))
    eq(r["projects"][:100], first, "the first 100 of 1000 are the first page")
    p = r["projects"][0]
    eq(sorted(p), ["classified", "id", "key", "kind", "name", "status", "total", "unit", "year"], "a row's fields")


def filters_in_sql():
    cases = [("year=2021", dict(year=2021)), ("kind=department", dict(kind="department")),
             ("key=1", dict(key=True)), ("key=0&classified=0", dict(key=False, classified=False)),
             ("classified=1", dict(classified=True)), ("unit=" + urllib.parse.quote(UNITS[2]), dict(unit=UNITS[2])),
             ("status=approved", {}), ("year=2022&unit=" + urllib.parse.quote(UNITS[1]) + "&kind=project",
                                       dict(year=2022, unit=UNITS[1], kind="project"))]
    for query, want in cases:
        rows = walk(query + "&sort=-total", "fin", 9)
        expect = set(i for i in T if i % 4 == 0) if query == "status=approved" else visible("fin", **want)
        check(expect, query, "selects something")
        eq(made(rows), expect, query)
        ordered(rows, "total", True, query)


def search_is_text():
    def found(q):
        return made(walk("q=" + urllib.parse.quote(q), "fin", 50))

    def named(test):
        return set(i for i in T if test(T[i]["name"]))
    eq(found("%"), named(lambda n: "%" in n), "q=%")
    eq(found("_"), named(lambda n: "_" in n), "q=_")
    eq(found("alpha"), named(lambda n: "alpha" in n.lower()), "q=alpha: either case")
    eq(found("'"), named(lambda n: "'" in n), "q=' (a quote)")
    eq(found("' OR 1=1 --"), set(), "an injection finds nothing")
    eq(found("  救助100%  "), named(lambda n: "救助100%" in n), "trimmed")
    check(named(lambda n: "%" in n) != named(lambda n: True), "% is not everything")


def bad_parameters():
    good = get("/api/projects?limit=2&sort=name", "fin").json()["next"]
    altered = good[:-3] + ("A" if good[-3] != "A" else "B") + good[-2:]
    raw = base64.urlsafe_b64encode(b"name~a~5~x").decode().rstrip("=")
    cases = [("limit=0", "limit"), ("limit=1001", "limit"), ("limit=abc", "limit"), ("limit=-5", "limit"),
             ("limit=1e3", "limit"), ("limit=99999999999999999999", "limit"),
             ("cursor=garbage", "cursor"), ("cursor=" + altered + "&sort=name", "cursor"),
             ("cursor=" + good, "cursor"),  # of sort=name, given without it
             ("cursor=" + good + "&sort=-name", "cursor"), ("cursor=" + raw + "&sort=name", "cursor"),
             ("cursor=%27%3B%20DROP%20TABLE%20project%3B--", "cursor"),
             ("sort=bogus", "sort"), ("sort=--name", "sort"), ("status=bogus", "status"), ("kind=x", "kind"),
             ("key=2", "key"), ("classified=maybe", "classified"), ("year=abc", "year"), ("year=99999", "year"),
             ("q=" + urllib.parse.quote("名" * 201), "q"), ("q=%FF%FE", "q")]
    for query, param in cases:
        for who in ("fin", None):
            r = get("/api/projects?" + query, who)
            eq(r.status, 400, query)
            msg = r.json()["error"]
            check(param in msg, "%s: the message names %s: %s" % (query, param, msg))
    eq(get("/api/projects?cursor=" + good + "&sort=name&limit=2", "fin").status, 200, "the good cursor")
    eq(get("/api/projects?" + "&".join(("year=", "limit=", "cursor=", "q=", "sort=")), "fin").status, 200,
       "empty parameters are absent ones")
    eq(len(walk("", "fin", 1000)), len(T) + len(SEED_IDS), "the store holds every table still")


def unit_sees_its_own():
    own = visible("unit_a")
    for query in ("", "unit=" + urllib.parse.quote(UNITS[1]), "classified=1", "key=1", "sort=-total",
                  "q=alpha", "year=2021&sort=unit", "status=submitted&sort=-submitted", "kind=department"):
        rows = walk(query, "unit_a", 11)
        check(all(r["unit"] == UNITS[0] for r in rows), query, [r["unit"] for r in rows if r["unit"] != UNITS[0]])
        check(made(rows) <= own, query)
    eq(walk("unit=" + urllib.parse.quote(UNITS[1]), "unit_a"), [], "another unit named: nothing")
    eq(made(walk("", "unit_a", 13)), own, "all of its own")
    eq(get("/review", "unit_a").status, 403, "no queue")
    for path in ("/projects?unit=" + urllib.parse.quote(UNITS[1]), "/projects?classified=1&page=1",
                 "/projects?sort=unit&page=2", "/projects?q=alpha&sort=-name"):
        r = get(path, "unit_a")
        eq(r.status, 200, path)
        for other in UNITS[1:]:
            check(other not in r.text, path, "shows", other)


def public_list():
    rows = walk("", None, 5)
    eq(made(rows), visible(None), "the published tables")
    check(len(visible(None)) > 5, "several pages of them")
    eq(sorted(rows[0]), ["id", "name", "unit", "version", "year"], "the public's fields")
    check(all(r["version"] == 1 for r in rows), "the version")
    for sort in ("name", "-unit", "-id"):
        ordered(walk("sort=" + sort, None, 4), sort.lstrip("-"), sort[0] == "-", "public sort=" + sort)
    for sort in ("total", "-submitted"):
        r = get("/api/projects?sort=" + sort)
        eq(r.status, 400, "public sort=" + sort)
        check("sort" in r.json()["error"], r.json())
    eq(ids(walk("status=draft", None, 50)), ids(rows), "the state now is not the public's to filter by")
    eq(walk("classified=1", None), [], "classified=1 finds nothing public")
    eq(made(walk("key=1&q=alpha", None, 3)), visible(None, key=True) & set(i for i in T if "alpha" in T[i]["name"].lower()),
       "the public's filters")


def links(html):
    return [urllib.parse.unquote(h.replace("&amp;", "&")) for h in re.findall(r'href="([^"]*)"', html)]


def html_pages():
    q = "/projects?year=2021&key=0&sort=-total"
    r = get(q, "fin")
    eq(r.status, 200)
    want = visible("fin", year=2021, key=False)
    m = re.search(r"共 (\d+) 张，第 1/(\d+) 页", r.text)
    check(m, "the count:", r.text[-1500:])
    eq(int(m.group(1)), len(want) + 5, "the count: the seed's five tables of 2021 (none key) too")
    nxt = [h for h in links(r.text) if "page=2" in h]
    check(nxt, "a link to page 2")
    for h in nxt:
        check("year=2021" in h and "key=0" in h and "sort=-total" in h, "page 2 keeps filters and sort:", h)
    check('value="2021"' in r.text and '<option value="0" selected>' in r.text, "the form keeps the filters")
    check('name="sort" value="-total"' in r.text, "the form keeps the order")
    check('aria-sort="descending"' in r.text, "the sorted heading")
    check(any("sort=total" in h and "year=2021" in h for h in links(r.text)), "the heading turns the order round")
    seen, totals, page = [], [], 1
    while True:
        r = get("/projects?year=2021&key=0&sort=-total&page=%d" % page, "fin")
        eq(r.status, 200)
        shown = [int(i) for i in re.findall(r'<tr data-id="(\d+)"', r.text)]
        check(len(shown) == 50 or not re.search(r'rel="next"', r.text), "page %d is full" % page)
        seen += shown
        totals += [Decimal(t) for t in re.findall(r'<td class="num">([0-9.]+)</td>', r.text)]
        if not re.search(r'rel="next"', r.text):
            break
        page += 1
        check(page < 100, "pages do not end")
    eq(totals, sorted(totals, reverse=True), "by money, descending, page after page")
    eq(len(seen), len(set(seen)), "a table on two pages")
    eq(set(seen), want | SEED_IDS, "every table once")
    check(page > 1, "several pages")
    r = get("/projects?year=2021&page=99", "fin")
    eq(r.status, 200)
    check("第 99 页没有目标表" in r.text and 'rel="prev"' in r.text, r.text[-800:])


def review_queue():
    r = get("/review", "fin")
    eq(r.status, 200)
    check("<th>等待天数</th>" in r.text and "提交时间" in r.text, "the queue's columns")
    rows = re.findall(r'<tr data-id="(\d+)">.*?<time datetime="([^"]+)">([^<]+)</time></td><td class="num waiting">(\d+)</td>',
                      r.text)
    check(rows, r.text[:2000])
    waiting = [i for i in T if T[i]["submitted"] and i % 4 != 0]  # not approved since
    m = re.search(r"共 (\d+) 张", r.text)
    eq(int(m.group(1)), len(waiting), "the count")
    beijing = {"2026-11-26T01:00:00Z": ("2026-11-26 09:00", 3), "2026-11-28T15:59:00Z": ("2026-11-28 23:59", 1)}
    for _, at, shown, days in rows:
        eq((shown, int(days)), beijing[at], "submitted at %s" % at)
    eq(rows[0][1], "2026-11-26T01:00:00Z", "the longest waiting first")
    r = get("/review?sort=-submitted&unit=" + urllib.parse.quote(UNITS[2]) + "&q=alpha", "fin")
    eq(r.status, 200)
    got = [int(i) for i in re.findall(r'<tr data-id="(\d+)">', r.text)]
    want = sorted((i for i in waiting if T[i]["unit"] == UNITS[2] and "alpha" in T[i]["name"].lower()),
                  key=lambda i: (T[i]["submitted"], i), reverse=True)
    eq(got, want, "filtered and sorted the other way")
    check(got, "the filter found some")
    r = get("/review?status=approved&sort=id", "fin")  # the queue's status is not the query's to change
    shown = [int(i) for i in re.findall(r'<tr data-id="(\d+)">', r.text)]
    eq(shown, sorted(waiting)[:len(shown)], "the queue holds only what waits")
    eq(len(shown), 50, "a full page")


def main():
    try:
        setup()
    except Exception:  # noqa: BLE001
        import traceback
        print("Bail out! setup failed")
        traceback.print_exc(file=sys.stdout)
        srv.proc and srv.proc.kill()
        return 1
    try:
        tap.case("GET /api/projects: the default page of 100, limit 1000, today's fields", default_page)
        tap.case("a cursor walk in every order, both ways, visits every table once, in order", cursor_walks)
        tap.case("filters: year, kind, key, classified, unit, status — in SQL, each page in order", filters_in_sql)
        tap.case("a name search is text: %, _, quotes found as written, letters in either case", search_is_text)
        tap.case("bad limit, cursor, sort and filters are 400 naming the parameter", bad_parameters)
        tap.case("a unit account sees only its own tables through every filter, order and page", unit_sees_its_own)
        tap.case("the public: the published tables, paged alike, no order that tells the unpublished", public_list)
        tap.case("/projects: numbered pages keep filters and order; every table once", html_pages)
        tap.case("/review: submission time and waiting days (Beijing), the longest waiting first", review_queue)
        tap.case("the server stops cleanly, without a sanitizer report", srv.stop_cleanly)
    finally:
        if srv.proc and srv.proc.poll() is None:
            srv.proc.kill()
        if os.environ.get("JIXIAO_KEEP_TMP"):
            print("# kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    tap.finish()


if __name__ == "__main__":
    sys.exit(main())
