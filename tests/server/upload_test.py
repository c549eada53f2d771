#!/usr/bin/env python3
"""导入申报表 in the web (issue 22 item 7): /upload and /upload/confirm.

  - without a session GET goes to /login and a POST is 401; an account that may not write tables (finance)
    is refused (403) and has no link to the page; a unit account's navigation links it;
  - the preview of an XLSX holding one of the unit's tables shows it 新建, with the file's name, SHA-256
    and the table's findings (as jixiao check counts them), and leaves the store as it was;
  - confirming saves it (the history names the account), the page links it; a changed workbook shows
    替换 and only the confirmation changes the target; the same file again is 未变, with nothing to confirm;
  - whatever import reads comes in: the table as 公开文件 text;
  - a workbook with a formula error is refused whole (422) naming the sheet and cell, nothing stored — not
    even the unit's own table on the sheet before it;
  - another unit's table is refused (403) naming it, in the preview and in a confirmation made by hand;
  - a POST without the CSRF token is 403; a confirmation whose file does not match its digest is 400;
  - a file over three times the table limit is 413 saying how large a file may be, and a body over the
    upload's limit is 413 before it is read;
  on SQLite and on PostgreSQL (tests/stores.py).
"""
import hashlib
import http.client
import os
import re
import shutil
import sys
import tempfile
import uuid
import zipfile

from serverlib import Resp, SRC, Server, Tap, check, eq, run_cases

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "daoru-test-1"
HEALTH = "博湖县卫生健康委员会"
CIVIL = "博湖县民政局"
EPIDEMIC = "博湖县2021年疫情防控项目"
EDUCATION = "博湖县2021年建档立卡困难家庭教育项目"
XLSX = os.path.join(SRC, "tests", "data", "xlsx")
TABLE_LIMIT = 16 << 10  # --body-max: a file may be three times this

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-upload-")
db = stores.location(tmp, "upload")
srv = Server(db, os.path.join(tmp, "server.err"), threads=2, args=["--body-max", str(TABLE_LIMIT)])
S = {}
F = {}


def path(name):
    return os.path.join(tmp, name)


def keep_sheets(src, dst, names):
    """dst is the workbook src with only the sheets names listed in its workbook (a reader sees no other)."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb'<sheet name="([^"]*)"[^>]*/>',
                              lambda m: m.group(0) if m.group(1).decode() in names else b"", data)
            zo.writestr(info.filename, data)


def replace_in(src, dst, member, old, new):
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if info.filename == member:
                check(old in data, old, "not in", member)
                data = data.replace(old, new)
            zo.writestr(info.filename, data)


def read(name):
    with open(path(name), "rb") as f:
        return f.read()


def post_multipart(route, sess, fields=(), files=(), csrf=True):
    """POST route as multipart/form-data: fields (name, value) and files (name, filename, bytes), with the
    session's CSRF token as a field unless csrf is False."""
    boundary = "----jixiao" + uuid.uuid4().hex
    parts = []
    for name, value in list(fields) + ([("csrf", sess[1])] if sess and csrf else []):
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (boundary, name)).encode()
                     + value.encode() + b"\r\n")
    for name, filename, data in files:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                      'Content-Type: application/octet-stream\r\n\r\n' % (boundary, name, filename)).encode()
                     + data + b"\r\n")
    body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()
    h = {"Content-Type": "multipart/form-data; boundary=" + boundary}
    if sess:
        h["Cookie"] = "jx_session=" + sess[0]
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    try:
        c.request("POST", route, body=body, headers=h)
        r = c.getresponse()
        return Resp(r.status, r.getheaders(), r.read())
    finally:
        c.close()


def upload(who, filename, data=None):
    return post_multipart("/upload", S[who], files=[("file", filename, read(filename) if data is None else data)])


def hidden(page, name):
    m = re.search(r'<input type="hidden" name="%s" value="([^"]*)"' % name, page.text)
    check(m, "no hidden field", name, "in", page.text[:3000])
    return m.group(1)


def confirm(who, page):
    """Sends back what the preview's confirmation form holds."""
    fields = [(k, hidden(page, k)) for k in ("name", "digest", "data")]
    return post_multipart("/upload/confirm", S[who], fields=fields)


def rows(page):
    """The preview's tables: (name, unit, how, errors, warnings) each."""
    out = []
    for tr in re.findall(r'<tr data-how="(\w+)">(.*?)</tr>', page.text, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr[1], re.S)
        review = re.search(r'data-errors="(\d+)" data-warnings="(\d+)"', tr[1])
        out.append((re.sub(r"<[^>]+>", "", cells[0]), cells[1], tr[0], int(review.group(1)), int(review.group(2))))
    return out


def state():
    """Every table in the store as JSON, and the history of the first few ids: what no refusal may change."""
    out = srv.cli("export").stdout
    for i in range(1, 4):
        out += srv.cli("history", str(i), ok=False).stdout
    return out


def stored(name):
    r = srv.cli("export", name, ok=False)
    return r.stdout.decode() if r.returncode == 0 else None


def setup():
    srv.cli("user", "add", "weijian", "--role", "unit", "--unit", HEALTH, stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "minzheng", "--role", "unit", "--unit", CIVIL, stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "caizheng", "--role", "finance", stdin=(PASSWORD + "\n").encode())
    keep_sheets(os.path.join(XLSX, "seed-official.xlsx"), path("疫情防控.xlsx"), ["疫情防控"])
    replace_in(path("疫情防控.xlsx"), path("changed.xlsx"), "xl/worksheets/sheet1.xml", b"<v>700000</v>",
               b"<v>800000</v>")
    shutil.copy(os.path.join(XLSX, "seed-official.xlsx"), path("seed-official.xlsx"))
    shutil.copy(os.path.join(XLSX, "bad-cell.xlsx"), path("bad-cell.xlsx"))
    srv.start()
    for name in ("weijian", "minzheng", "caizheng"):
        S[name] = srv.login(name, PASSWORD)


def anonymous():
    r = srv.call("GET", "/upload")
    eq(r.status, 303, "GET /upload")
    eq(r.header("Location"), "/login")
    before = state()
    for route in ("/upload", "/upload/confirm"):
        r = post_multipart(route, None, files=[("file", "疫情防控.xlsx", read("疫情防控.xlsx"))])
        eq(r.status, 401, "POST " + route)
    eq(state(), before, "the store")


def roles():
    r = srv.call("GET", "/upload", S["weijian"])
    eq(r.status, 200)
    check('href="/upload"' in r.text and "导入申报表" in r.text, "the unit's navigation links the page")
    form = re.search(r'<form[^>]*id="upload-form"[^>]*>.*?</form>', r.text, re.S)
    check(form, r.text[:2000])
    check('enctype="multipart/form-data"' in form.group(0) and 'type="file"' in form.group(0), form.group(0))
    check('name="csrf" value="%s"' % S["weijian"][1] in form.group(0), "the form carries the CSRF token")
    for ext in (".xlsx", ".docx", ".html", ".pdf", ".txt", ".json"):
        check(ext in form.group(0), "the file input accepts", ext)
    r = srv.call("GET", "/upload", S["caizheng"])
    eq(r.status, 403, "finance GET /upload")
    r = upload("caizheng", "疫情防控.xlsx")
    eq(r.status, 403, "finance POST /upload")
    check('href="/upload"' not in srv.call("GET", "/projects", S["caizheng"]).text, "no link for finance")
    eq(srv.call("GET", "/upload/confirm", S["weijian"]).header("Location"), "/upload")


def preview_new():
    before = state()
    data = read("疫情防控.xlsx")
    r = upload("weijian", "疫情防控.xlsx")
    eq(r.status, 200, repr(r))
    check("疫情防控.xlsx" in r.text, "the file's name")
    check(hashlib.sha256(data).hexdigest() in r.text, "the file's SHA-256")
    got = rows(r)
    eq([g[:3] for g in got], [(EPIDEMIC, HEALTH, "new")])
    check("新建 1，替换 0，未变 0" in r.text, r.text[:3000])
    check('id="confirm"' in r.text and "确认导入" in r.text, "a confirmation button")
    F["preview"] = r
    F["preview_counts"] = got[0][3:]
    eq(state(), before, "the store after a preview")
    check(stored(EPIDEMIC) is None, "the table is not stored")


def confirm_saves():
    r = confirm("weijian", F["preview"])
    eq(r.status, 200, repr(r))
    check("已导入 1 个项目，15 条指标（新增 1，替换 0，未变 0）" in r.text, r.text[:3000])
    m = re.search(r'<a href="/projects/(\d+)">%s</a>' % EPIDEMIC, r.text)
    check(m, "a link to the table", r.text[:3000])
    check(stored(EPIDEMIC), "the table is stored")
    hist = srv.cli("history", m.group(1)).stdout.decode()
    check("weijian" in hist, "the history names the account:", hist)
    eq(srv.call("GET", "/projects/" + m.group(1), S["weijian"]).status, 200)
    # the preview's findings are those the review finds in the stored table
    found = __import__("json").loads(srv.cli("check", "--format", "json", m.group(1), ok=False).stdout)["findings"]
    counts = (sum(f["severity"] == "error" for f in found), sum(f["severity"] == "warning" for f in found))
    eq(F["preview_counts"], counts, "errors and warnings in the preview")
    F["id"] = m.group(1)


def replace_and_unchanged():
    before = state()
    r = upload("weijian", "changed.xlsx")
    eq(r.status, 200, repr(r))
    eq([g[:3] for g in rows(r)], [(EPIDEMIC, HEALTH, "changed")])
    check("替换" in r.text and "新建 0，替换 1，未变 0" in r.text, r.text[:3000])
    eq(state(), before, "the store after previewing a replacement")
    check("≥700000" in stored(EPIDEMIC), "the target as it was")
    r = confirm("weijian", r)
    eq(r.status, 200, repr(r))
    check("替换 1" in r.text, r.text[:3000])
    check("≥800000" in stored(EPIDEMIC) and "≥700000" not in stored(EPIDEMIC), "the target replaced")
    r = upload("weijian", "changed.xlsx")
    eq([g[:3] for g in rows(r)], [(EPIDEMIC, HEALTH, "unchanged")])
    check('id="confirm"' not in r.text and 'id="nothing"' in r.text, "nothing to confirm")


def text_form():
    text = srv.cli("export", "--format", "text", F["id"]).stdout
    renamed = text.decode().replace(EPIDEMIC, "博湖县2021年疫情防控项目（二期）").encode()
    before = state()
    r = upload("weijian", "二期.txt", renamed)
    eq(r.status, 200, repr(r))
    eq([g[:3] for g in rows(r)], [("博湖县2021年疫情防控项目（二期）", HEALTH, "new")])
    eq(state(), before, "the store after a preview")
    r = confirm("weijian", r)
    eq(r.status, 200, repr(r))
    check(stored("博湖县2021年疫情防控项目（二期）"), "the text's table is stored")


def bad_cell():
    before = state()
    r = upload("minzheng", "bad-cell.xlsx")
    eq(r.status, 422, repr(r))
    check("bad-cell.xlsx: Sheet2!D14:" in r.text and "公式错误" in r.text, r.text[:3000])
    check("文件未导入" in r.text and 'id="error"' in r.text, "said prominently")
    check('id="upload-form"' in r.text, "the form to try another file")
    eq(state(), before, "the store")
    check(stored("博湖县2021年困难群众救助及慰问项目") is None, "not even the sheet before the error")


def other_unit():
    before = state()
    r = upload("weijian", "seed-official.xlsx")
    eq(r.status, 403, repr(r))
    check(EDUCATION in r.text and "博湖县教育和科学技术局" in r.text, "the table named:", r.text[:3000])
    eq(state(), before, "the store")
    # a confirmation made by hand, without a preview, is held to the same rights
    data = read("seed-official.xlsx")
    import base64
    r = post_multipart("/upload/confirm", S["weijian"], fields=[
        ("name", "seed-official.xlsx"), ("digest", hashlib.sha256(data).hexdigest()),
        ("data", base64.b64encode(data).decode())])
    eq(r.status, 403, repr(r))
    check(EDUCATION in r.text, r.text[:3000])
    eq(state(), before, "the store")
    check(stored(EDUCATION) is None, "another unit's table is not stored")


def csrf():
    before = state()
    r = post_multipart("/upload", S["weijian"], files=[("file", "疫情防控.xlsx", read("疫情防控.xlsx"))], csrf=False)
    eq(r.status, 403, "preview without the token")
    check("CSRF" in r.text, r.text[:2000])
    r = upload("weijian", "changed.xlsx", read("疫情防控.xlsx"))  # back to ≥700000: would change the table
    fields = [(k, hidden(r, k)) for k in ("name", "digest", "data")]
    r = post_multipart("/upload/confirm", S["weijian"], fields=fields, csrf=False)
    eq(r.status, 403, "confirmation without the token")
    r = post_multipart("/upload/confirm", S["weijian"], fields=fields + [("csrf", "0" * 64)], csrf=False)
    eq(r.status, 403, "confirmation with another token")
    eq(state(), before, "the store")
    # the file changed between preview and confirmation: its digest no longer matches
    fields[1] = ("digest", hashlib.sha256(b"something else").hexdigest())
    r = post_multipart("/upload/confirm", S["weijian"], fields=fields)
    eq(r.status, 400, repr(r))
    check("SHA-256" in r.text, r.text[:2000])
    eq(state(), before, "the store")


def too_big():
    before = state()
    limit = 3 * TABLE_LIMIT
    r = upload("weijian", "big.xlsx", read("疫情防控.xlsx") + b"\0" * (limit + 1 - len(read("疫情防控.xlsx"))))
    eq(r.status, 413, repr(r))
    check("至多 48 KiB" in r.text, r.text[:2000])
    r = upload("weijian", "huge.xlsx", b"\0" * (4 * TABLE_LIMIT + (64 << 10) + 1))
    eq(r.status, 413, repr(r))
    check("至多 48 KiB" in r.text, r.text[:2000])
    eq(state(), before, "the store")
    r = upload("weijian", "empty.xlsx", b"")
    eq(r.status, 400, repr(r))


run_cases(tap, srv, tmp, [
    ("setup: unit and finance accounts, the workbooks, the server", setup),
    ("without a session: GET goes to /login, POST is 401, nothing stored", anonymous),
    ("the unit's page and link; finance may not write tables: 403, no link", roles),
    ("the preview of a unit's XLSX: 新建, name, SHA-256, findings; the store unchanged", preview_new),
    ("confirming saves it as the account, linked; the findings are those check finds", confirm_saves),
    ("a changed workbook shows 替换 and changes nothing until confirmed; again it is 未变", replace_and_unchanged),
    ("whatever import reads: the table as 公开文件 text", text_form),
    ("a formula error: 422 naming Sheet2!D14, nothing stored", bad_cell),
    ("another unit's table: 403 naming it, in the preview and a hand-made confirmation", other_unit),
    ("without the CSRF token 403; a file not matching its digest 400; nothing stored", csrf),
    ("a file over three times the table limit, and a body over the upload's limit: 413", too_big),
])
