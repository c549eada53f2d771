#!/usr/bin/env python3
"""A full disk under jixiao serve: the store on a small tmpfs that a filler file fills up mid-work.

While the disk is full, a unit keeps saving its table: every answer is 200 (and then the save is in the
store) or 507 with plain words (no path, no SQL); reading goes on. Once space comes back, the next saves
answer 200 at once and other writers get through: nothing is left holding the write lock. When the
server stops, the table holds exactly the last save that was answered 200, and the history holds every
acknowledged save and none of the refused ones.

Needs root (to mount the tmpfs), as CI runs; skipped otherwise.
"""
import errno
import os
import shutil
import subprocess
import tempfile

from serverlib import SEED, Server, Tap, check, eq

PASSWORD = "disk-full-test-1"
SIZE = "4m"
tap = Tap()

if os.environ.get("JIXIAO_TEST_PG"):
    tap.skip_all("a full disk under an SQLite file; PostgreSQL's full disk is its server's (53100 maps to JX_EFULL)")
if os.geteuid() != 0:
    tap.skip_all("mounting a tmpfs needs root")
tmp = tempfile.mkdtemp(prefix="jixiao-diskfull-")
small = os.path.join(tmp, "small")
os.mkdir(small)
if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", small], capture_output=True).returncode != 0:
    shutil.rmtree(tmp)
    tap.skip_all("cannot mount a tmpfs here")

filler = os.path.join(small, "filler")
srv = Server(os.path.join(small, "jixiao.db"), os.path.join(tmp, "server.err"))
state = {"acked": [], "refused": [], "sess": None, "doc": None}


def fill_disk():
    """Writes filler until the filesystem is full, to its last block."""
    with open(filler, "wb", buffering=0) as f:
        for size in (1 << 16, 4096, 512, 1):
            while True:
                try:
                    f.write(b"\0" * size)
                except OSError as e:
                    if e.errno != errno.ENOSPC:
                        raise
                    break


def goal(tag, n):
    # large enough that a save needs fresh pages of the write-ahead log, unique to tell saves apart
    return "%s 第%d次保存：" % (tag, n) + ("全县疫情防控物资保障到位，核酸检测能力持续提升。" * 900)


def save(tag, n):
    doc = dict(state["doc"])
    doc["goal"] = goal(tag, n)
    r = srv.call("PUT", "/api/projects/1", state["sess"], data=doc, timeout=60)
    return r, doc["goal"]


def plain(r):
    body = r.text
    for leak in (small, tmp, "sqlite", "SQLITE", "database", ".db", "disk I/O"):
        check(leak not in body, "the answer gives away %r: %s" % (leak, body[:300]))


def setup():
    srv.cli("import", SEED)
    srv.cli("user", "add", "weijian", "--role", "unit", "--unit", "博湖县卫生健康委员会", stdin=(PASSWORD + "\n").encode())
    srv.cli("user", "add", "minzheng", "--role", "unit", "--unit", "博湖县民政局", stdin=(PASSWORD + "\n").encode())
    srv.start()
    state["sess"] = srv.login("weijian", PASSWORD)
    r = srv.call("GET", "/api/projects/1", state["sess"])
    eq(r.status, 200, "the table")
    state["doc"] = r.json()


def while_full():
    fill_disk()
    for n in range(1, 31):
        r, text = save("满盘", n)
        check(r.status in (200, 507), "save %d answered %r" % (n, r))
        plain(r)
        (state["acked"] if r.status == 200 else state["refused"]).append(text)
    check(state["refused"], "the disk never refused a save: the test did not fill it")
    r = srv.call("GET", "/api/projects/1", state["sess"])
    eq(r.status, 200, "reading while the disk is full")


def refused_words():
    r, text = save("满盘", 99)
    eq(r.status, 507, "one more save on the full disk")
    check("存储空间已满" in r.json()["error"], r.json())
    state["refused"].append(text)


def space_back():
    os.unlink(filler)
    for n in range(1, 11):
        r, text = save("恢复", n)
        eq(r.status, 200, "save %d once space is back" % n)
        state["acked"].append(text)
    other = srv.login("minzheng", PASSWORD)
    r = srv.call("POST", "/api/projects/3/submit", other)
    eq(r.status, 200, "another unit submits its table")


def kept():
    eq(srv.stop(), 0, "the server's exit status")
    shown = srv.cli("export", "1").stdout.decode()
    check(goal("恢复", 10) in shown, "the last acknowledged save is not the stored table")
    hist = srv.cli("history", "--format", "json", "1").stdout.decode()
    for text in state["acked"]:
        check(text[:40] in hist, "an acknowledged save is missing from the history: %s" % text[:40])
    for text in state["refused"]:
        check(text[:40] not in hist, "a refused save is in the history: %s" % text[:40])
    check(srv.cli("show", "3").stdout.decode().find("已提交") >= 0, "the other unit's submission was not kept")


def logged():
    log = srv.log()
    check("jixiao serve: PUT /api/projects/1" in log and "磁盘已满" in log, "the log does not say why:\n" + log[-1500:])


try:
    tap.case("setup: the seed on a %s tmpfs, two unit accounts, the server" % SIZE, setup)
    tap.case("disk full: every save answers 200 or 507 in plain words; reading goes on", while_full)
    tap.case("disk full: 507 says the storage is full", refused_words)
    tap.case("space back: the next 10 saves answer 200 at once; another writer gets through", space_back)
    tap.case("stopped: the table is the last acknowledged save; the history holds every acknowledged save "
             "and no refused one", kept)
    tap.case("the log names the failure for the operator", logged)
finally:
    if srv.proc and srv.proc.poll() is None:
        srv.proc.kill()
    subprocess.run(["umount", "-l", small])
    shutil.rmtree(tmp, ignore_errors=True)
tap.finish()
