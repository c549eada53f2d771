#!/usr/bin/env python3
"""Published pages as immutable bytes (issue 16, item 1): what the public reads is rendered once and kept
in the server's page cache, and answered with its digest as the ETag, 304, gzip and Cache-Control.

Three servers on one store (on PostgreSQL, or one SQLite file): a and b keep pages (the default), plain
keeps none (--page-cache 0), so that each of its answers is the uncached one; small keeps 6 KiB:
about three tables' pages, each kept as gzip only, and not the year's.

  bytes        the first answer (rendered), the same asked again (kept) and plain's are the same bytes, and
               the year's page is jixiao publish --version N --format html, its JSON jixiao export's
  etag         a strong ETag, the SHA-256 of the bytes (of the gzip body's, "-gzip"), the same on every
               server and every request; 304 for an If-None-Match naming it (W/, lists, *), from any
               server; the gzip body decodes to the same bytes; HEAD; Cache-Control: no-cache at the
               stable addresses, immutable at the versioned ones
  withdrawn    a table marked classified is gone from every address of it on the very next request, on
               both servers that kept it, exactly as a missing one; so is every publication holding it;
               marked public again, it is back, with the same ETag
  republished  a new publication moves the stable addresses on the very next request, on both servers;
               the versioned ones keep what they were; an unchanged table keeps its ETag (the same bytes)
  bounded      a small cache lets the least recently used go, and a page larger than half of it is never
               kept, each answer the same bytes all the same
"""
import gzip
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile

from serverlib import JIXIAO, SEED, Server, Tap, check, eq

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-pages-")
db = stores.location(tmp, "pages")
a = Server(db, os.path.join(tmp, "a.err"), threads=2)
b = Server(db, os.path.join(tmp, "b.err"), threads=3)
plain = Server(db, os.path.join(tmp, "plain.err"), threads=2, args=["--page-cache", "0"])
small = Server(db, os.path.join(tmp, "small.err"), threads=1, args=["--page-cache", "6K"])
SERVERS = (a, b, plain, small)
MISSING = 999999
RELIEF, DISASTER, EPIDEMIC = 3, 5, 1  # published; 2 never approved, 4 never published

# every address of what the first publication shows: the stable ones, then the versioned ones
TABLES = ["/public/projects/%d" % i for i in (EPIDEMIC, RELIEF, DISASTER)] + ["/api/projects/%d" % RELIEF]
VERSIONED = ["/public/versions/1/projects/%d" % RELIEF, "/api/versions/1/projects/%d" % RELIEF]
YEARS = ["/public/2021", "/public/versions/1"]
ALL = TABLES + VERSIONED + YEARS
KEPT = {}  # path → (ETag, body) as first served


def get(srv, path, headers=None, method="GET"):
    return srv.call(method, path, headers=headers)


def publish(version):
    """Publishes 2021 from the command line: the file it writes, and that it saved version."""
    out = os.path.join(tmp, "v%d.html" % version)
    r = a.cli("publish", "--year", "2021", "--format", "html", "-o", out)
    check(("第 %d 版" % version) in r.stderr.decode() + r.stdout.decode(), r.stderr)
    with open(out, "rb") as f:
        return f.read()


def rendered(version):
    """jixiao publish --version N --format html, into a file of its own."""
    out = os.path.join(tmp, "again-%d.html" % version)
    a.cli("publish", "--version", str(version), "--format", "html", "-o", out)
    with open(out, "rb") as f:
        return f.read()


def exported(pid):
    """The canonical JSON of project pid, without its status (the public's form)."""
    doc = json.loads(a.cli("export", str(pid)).stdout)["projects"][0]
    del doc["status"]
    return doc


def setup():
    check(JIXIAO and os.access(JIXIAO, os.X_OK), "set JIXIAO to the jixiao binary")
    a.cli("import", SEED)
    for pid in (EPIDEMIC, RELIEF, DISASTER):
        a.cli("submit", str(pid))
        a.cli("approve", str(pid))
    KEPT["v1"] = publish(1)
    for srv in SERVERS:
        srv.start()


tap.case("four servers on one store: two keep pages, one keeps none, one 6 KiB", setup)
if tap.failed:
    tap.finish()


# ---------------------------------------------------------------- bytes


def same_bytes():
    for path in ALL:
        first = get(a, path)
        eq(first.status, 200, path)
        # the versioned address of the version the stable one stands for is the same page, kept already
        eq(first.header("X-Cache"), "hit" if path in VERSIONED or path == YEARS[1] else "miss",
           "%s first asked" % path)
        again = get(a, path)
        eq(again.header("X-Cache"), "hit", "%s asked again" % path)
        fresh = get(plain, path)
        eq(fresh.header("X-Cache"), "miss", "%s from the server that keeps nothing" % path)
        eq(get(plain, path).header("X-Cache"), "miss", "%s from it again" % path)
        check(again.body == first.body, "%s: the kept bytes are not the rendered ones" % path)
        check(fresh.body == first.body, "%s: the uncached bytes differ" % path)
        eq(again.header("Content-Type"), first.header("Content-Type"), path)
        KEPT[path] = (first.header("ETag"), first.body)
    for path in YEARS:
        check(KEPT[path][1] == KEPT["v1"], "%s is not what jixiao publish wrote" % path)
    check(KEPT["/public/2021"][1] == rendered(1), "/public/2021 is not jixiao publish --version 1")
    for path in ("/api/projects/%d" % RELIEF, "/api/versions/1/projects/%d" % RELIEF):
        eq(json.loads(KEPT[path][1]), exported(RELIEF), path)
        eq(get(a, path).header("Content-Type"), "application/json; charset=utf-8", path)
    check(KEPT["/public/projects/%d" % RELIEF][1] == KEPT[VERSIONED[0]][1], "the stable and versioned page differ")
    check("博湖县2021年困难群众救助及慰问项目" in KEPT["/public/projects/%d" % RELIEF][1].decode(), "the table's page")


tap.case("the first answer, the kept one and one never kept are the same bytes; the year's is jixiao publish's",
         same_bytes)


# ---------------------------------------------------------------- ETag, 304, gzip


def etags():
    for path in ALL:
        tag, body = KEPT[path]
        eq(tag, '"%s"' % hashlib.sha256(body).hexdigest(), "%s: the ETag is the SHA-256 of the bytes" % path)
        for srv in (a, b, plain):
            eq(get(srv, path).header("ETag"), tag, "%s on another server" % path)
    check(len({KEPT[p][0] for p in TABLES}) == len(TABLES), "two tables share an ETag")


tap.case("the ETag is the digest of the bytes, the same on every server", etags)


def not_modified():
    for path in ALL:
        tag, body = KEPT[path]
        digest = tag.strip('"')
        for srv in (a, b, plain):
            for inm in (tag, "W/" + tag, '"0000", %s' % tag, "*", '"%s-gzip"' % digest):
                r = get(srv, path, {"If-None-Match": inm})
                eq(r.status, 304, "%s If-None-Match: %s" % (path, inm))
                eq(r.body, b"", "a 304 has no body")
                check(r.header("Cache-Control") and r.header("Vary"), "a 304 keeps Cache-Control and Vary: %r" % r.headers)
            r = get(srv, path, {"If-None-Match": '"%s"' % ("0" * 64)})
            eq((r.status, r.body), (200, body), "%s: an If-None-Match naming other bytes" % path)
        r = get(a, path, {"If-None-Match": '"%s-gzip"' % digest})
        eq(r.header("ETag"), '"%s-gzip"' % digest, "the 304 names the tag asked about")


tap.case("304 for an If-None-Match naming the bytes (W/, a list, *, the gzip tag), from every server", not_modified)


def gzipped():
    for path in ALL:
        tag, body = KEPT[path]
        for srv in (a, plain):
            r = get(srv, path, {"Accept-Encoding": "gzip, deflate, br"})
            eq(r.header("Content-Encoding"), "gzip", path)
            check(gzip.decompress(r.body) == body, "%s: the gzip body does not decode to the bytes" % path)
            eq(r.header("ETag"), '"%s-gzip"' % tag.strip('"'), path)
            check("Accept-Encoding" in (r.header("Vary") or ""), "Vary: %r" % r.header("Vary"))
            plainly = get(srv, path, {"Accept-Encoding": "gzip;q=0, identity"})
            eq((plainly.header("Content-Encoding"), plainly.body), (None, body), "%s: gzip refused" % path)
        eq(get(a, path, {"Accept-Encoding": "gzip"}).body, get(b, path, {"Accept-Encoding": "gzip"}).body,
           "%s: the gzip bytes differ between servers" % path)
    head = get(a, TABLES[0], method="HEAD")
    eq((head.status, head.body, head.header("ETag")), (200, b"", KEPT[TABLES[0]][0]), "HEAD")
    eq(head.header("Content-Length"), str(len(KEPT[TABLES[0]][1])), "HEAD's Content-Length")


tap.case("gzip when accepted: decodes to the same bytes, its own ETag, Vary: Accept-Encoding; HEAD", gzipped)


def cache_control():
    for path in TABLES + ["/public/2021"]:
        eq(get(a, path).header("Cache-Control"), "no-cache", path)
    for path in VERSIONED + ["/public/versions/1"]:
        cc = get(a, path).header("Cache-Control") or ""
        check("immutable" in cc and re.search(r"max-age=\d{7,}", cc), "%s: %r" % (path, cc))
    vary = get(a, "/api/projects/%d" % RELIEF).header("Vary") or ""
    check("Cookie" in vary, "the JSON's stable address answers a session otherwise: Vary %r" % vary)
    stale = get(a, VERSIONED[0], {"Cookie": "jx_session=" + "0" * 64})  # an expired session's cookie
    eq((stale.status, stale.body), (200, KEPT[VERSIONED[0]][1]), "the page with a stale session cookie")
    check((stale.header("Set-Cookie") or "").startswith("jx_session=;"), "the stale cookie is cleared")
    eq(stale.header("Cache-Control"), "private, no-cache", "an answer clearing a cookie is for its client alone")


tap.case("Cache-Control: no-cache at the stable addresses, immutable at the versioned ones, private with a "
         "cookie cleared", cache_control)


# ---------------------------------------------------------------- withdrawal


def missing_like(srv, path, missing_path):
    """The answer at path is exactly the answer about a missing table."""
    got, want = get(srv, path), get(srv, missing_path)
    eq(want.status, 404, missing_path)
    eq((got.status, got.body, got.header("Content-Type")), (want.status, want.body, want.header("Content-Type")), path)


def withdrawn():
    for srv in (a, b):  # both keep every address of it
        for path in ALL:
            eq(get(srv, path).status, 200, path)
    a.cli("mark", str(RELIEF), "--classified")
    for srv in (a, b, plain):
        for path in [p for p in TABLES + VERSIONED if p.endswith("/%d" % RELIEF)]:
            missing_like(srv, path, path.replace("/%d" % RELIEF, "/%d" % MISSING))
            r = get(srv, path, {"If-None-Match": KEPT[path][0]})
            eq(r.status, 404, "%s: a revalidation of a withdrawn table" % path)
        for path in YEARS:
            r = get(srv, path)
            eq(r.status, 404, path)
            check("已撤回" in r.text and "困难群众救助" not in r.text, r)
        for path in ("/public/projects/%d" % EPIDEMIC, "/public/projects/%d" % DISASTER):
            eq(get(srv, path).body, KEPT[path][1], "another table of the publication is still shown")
    a.cli("mark", str(RELIEF), "--no-classified")
    for srv in (a, b):
        for path in ALL:
            r = get(srv, path)
            eq((r.status, r.header("ETag")), (200, KEPT[path][0]), "%s public again" % path)
            eq(r.body, KEPT[path][1], path)


tap.case("a table classified after publication is gone from every address on the very next request, "
         "on every server, exactly like a missing one; public again, it is back", withdrawn)


# ---------------------------------------------------------------- republication


def republished():
    for srv in (a, b):
        for path in ALL:
            eq(get(srv, path).header("ETag"), KEPT[path][0], path)  # kept by both before the change
    doc = json.loads(a.cli("export", str(RELIEF)).stdout)
    doc["projects"][0]["goal"] = "第二版公开的年度目标"
    path = os.path.join(tmp, "adjusted.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    a.cli("import", path)
    a.cli("submit", str(RELIEF))
    a.cli("approve", str(RELIEF))
    v2 = publish(2)
    page, api = "/public/projects/%d" % RELIEF, "/api/projects/%d" % RELIEF
    for srv in (a, b):
        r = get(srv, page, {"If-None-Match": KEPT[page][0]})
        eq(r.status, 200, "the stable address of the changed table after the new publication")
        check("第二版公开的年度目标" in r.text, "not the new version")
        eq(r.body, get(plain, page).body, "the new page as rendered afresh")
        eq(json.loads(get(srv, api).body)["goal"], "第二版公开的年度目标", "its JSON")
        r = get(srv, "/public/2021", {"If-None-Match": KEPT["/public/2021"][0]})
        eq((r.status, r.body), (200, v2), "the year's page is the second version")
        for path in VERSIONED + ["/public/versions/1"]:
            r = get(srv, path)
            eq((r.status, r.header("ETag"), r.body), (200,) + KEPT[path], "%s keeps what it was" % path)
        unchanged = "/public/projects/%d" % DISASTER
        r = get(srv, unchanged, {"If-None-Match": KEPT[unchanged][0]})
        eq(r.status, 304, "an unchanged table keeps its ETag in the new version")
    r = get(a, "/public/versions/2")
    eq((r.status, r.body), (200, v2), "the second version at its own address")
    eq(get(a, "/public/versions/3").status, 404, "a version not made")


tap.case("a new publication moves the stable addresses on the very next request, on every server; the "
         "versioned ones stay; an unchanged table keeps its ETag", republished)


# ---------------------------------------------------------------- bounded


def bounded():
    paths = ["/public/projects/%d" % i for i in (EPIDEMIC, RELIEF, DISASTER)] + \
            ["/api/projects/%d" % i for i in (EPIDEMIC, RELIEF, DISASTER)]
    for path in paths:
        eq(get(small, path).header("X-Cache"), "miss", path)
    eq(get(small, paths[-1]).header("X-Cache"), "hit", "the latest is kept")
    first = get(small, paths[0])
    eq(first.header("X-Cache"), "miss", "the least recently used was let go")
    eq(first.body, get(plain, paths[0]).body, "and rendered again to the same bytes")
    for _ in range(2):  # larger than half of 6 KiB, even as gzip: never kept
        r = get(small, "/public/2021")
        eq((r.header("X-Cache"), r.body), ("miss", get(plain, "/public/2021").body), "the year's page")
    r = small.cli("serve", "--page-cache", "1T", ok=False)
    eq(r.returncode, 2, "a size past 64G")
    check("--page-cache" in r.stderr.decode(), r.stderr)


tap.case("a small cache lets the least recently used go and keeps nothing larger than half of it", bounded)


def clean_stop():
    for srv in SERVERS:
        srv.stop_cleanly()


tap.case("the servers stop cleanly, no sanitizer report", clean_stop)
for srv in SERVERS:
    if srv.proc and srv.proc.poll() is None:
        srv.stop()
shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
