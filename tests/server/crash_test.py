#!/usr/bin/env python3
"""Crashes keep what was acknowledged (issue 18). The process is killed with SIGKILL — no handler, no
clean shutdown — at times spread over the work, and the store is then opened afresh:

  - during an import of many tables: the store verifies and holds exactly the tables before, or the
    tables before and every table of the import (all-or-nothing), never a part;
  - during a burst of saves through the API: the store verifies, and every table holds the goal of its
    last save answered 200, or of the one save still unanswered when the server died (it may have
    committed before the answer went out) — never an older one; the history holds every answered save.

SQLite runs with synchronous = FULL, PostgreSQL as its server is configured (the test server runs with
fsync off, so a kill of jixiao, not of the machine, is what is tested there)."""
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

from serverlib import JIXIAO, SEED, Server, Tap, check, eq

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

PASSWORD = "crash-test-pass-1"
ROUNDS = 6
TABLES = 1500

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jixiao-crash-")
rng = random.Random(18)


def jx(db, *args, ok=True):
    r = subprocess.run([JIXIAO, "--db", db, "--user", "setup"] + list(args), capture_output=True, timeout=300)
    if ok and r.returncode != 0:
        raise AssertionError("jixiao %s: exit %d\n%s" % (" ".join(args), r.returncode, r.stderr.decode(errors="replace")))
    return r


def names(db):
    return sorted(p["name"] for p in json.loads(jx(db, "export").stdout)["projects"])


def big_input():
    """TABLES tables: the seed's five, renamed, again and again (a text of a few MB)."""
    seed = open(SEED, encoding="utf-8").read()
    out = []
    for i in range(TABLES // 5):
        out.append(seed.replace("博湖县2021年", "博湖县2021年第%04d批" % i))
    path = os.path.join(tmp, "big.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return path


def import_killed():
    big = big_input()
    timing = []
    db = stores.location(tmp, "import")
    jx(db, "import", SEED)
    before = names(db)
    # how long a whole import takes here, to spread the kills over it
    probe = stores.location(tmp, "probe")
    jx(probe, "import", SEED)
    t = time.time()
    jx(probe, "import", big)
    full = time.time() - t
    outcomes = {"before": 0, "after": 0}
    for i in range(ROUNDS):
        if names(db) != before:  # an import that finished: start again from the seed alone
            db = stores.location(tmp, "import%d" % i)
            jx(db, "import", SEED)
        p = subprocess.Popen([JIXIAO, "--db", db, "import", big], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        at = full * (0.1 + 0.85 * i / (ROUNDS - 1)) * rng.uniform(0.9, 1.1)
        time.sleep(at)
        p.send_signal(signal.SIGKILL)
        p.wait()
        timing.append(round(at, 2))
        r = jx(db, "verify", ok=False)
        eq(r.returncode, 0, "verify after a kill at %.2f s: %s" % (at, r.stdout.decode(errors="replace")[-1000:]))
        got = names(db)
        if got == before:
            outcomes["before"] += 1
        else:
            eq(len(got), len(before) + TABLES, "a part of the import is in the store (kill at %.2f s)" % at)
            outcomes["after"] += 1
    print("# import of %d tables (%.2f s whole) killed at %s s: %s" % (TABLES, full, timing, outcomes))
    check(outcomes["before"] > 0, "no kill landed during the import: the test proves nothing", outcomes)


def saves_killed():
    db = stores.location(tmp, "saves")
    srv = Server(db, os.path.join(tmp, "server.err"), threads=4)
    srv.cli("import", SEED)
    units = {i + 1: p["unit"] for i, p in enumerate(json.loads(srv.cli("export", "--format", "json").stdout)["projects"])}
    for pid, unit in units.items():  # each table saved by an account of its own unit
        srv.cli("user", "add", "unit%d" % pid, "--role", "unit", "--unit", unit, stdin=(PASSWORD + "\n").encode())
    docs = {}
    srv.start()
    for round_ in range(ROUNDS):
        sessions = {pid: srv.login("unit%d" % pid, PASSWORD) for pid in units}
        if not docs:
            for pid in units:
                docs[pid] = srv.call("GET", "/api/projects/%d" % pid, sessions[pid]).json()
        acked = {}     # project → the goal of its last save answered 200
        inflight = {}  # project → the goal of a save not answered (yet)
        answered = []
        stop = threading.Event()

        def writer(pid):
            n = 0
            doc = json.loads(json.dumps(docs[pid]))
            while not stop.is_set():
                n += 1
                goal = "第%d轮第%d次保存：完成年度目标。" % (round_, n)
                doc["goal"] = goal
                inflight[pid] = goal
                try:
                    r = srv.call("PUT", "/api/projects/%d" % pid, sessions[pid], data=doc, timeout=10)
                except OSError:
                    return  # the server died under this request: the goal stays in flight
                if r.status == 200:
                    acked[pid] = goal
                    answered.append((pid, goal))
                    inflight.pop(pid, None)
                elif r.status != 503:
                    raise AssertionError("save answered %r" % r)

        threads = [threading.Thread(target=writer, args=(pid,), daemon=True) for pid in units]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.5, 2.0))
        srv.proc.send_signal(signal.SIGKILL)
        srv.proc.wait()
        stop.set()
        for t in threads:
            t.join(timeout=30)
        check(answered, "no save was answered before the kill: the test proves nothing")
        r = jx(db, "verify", ok=False)
        eq(r.returncode, 0, "verify after the kill: %s" % r.stdout.decode(errors="replace")[-1000:])
        for pid, goal in acked.items():
            stored = json.loads(jx(db, "export", str(pid)).stdout)["projects"][0]["goal"]
            check(stored in (goal, inflight.get(pid)),
                  "project %d holds “%s”, its last acknowledged save was “%s”" % (pid, stored, goal))
        history = {pid: jx(db, "history", "--format", "json", str(pid)).stdout.decode() for pid in units}
        for pid, goal in answered:
            check(goal in history[pid], "the history lacks the acknowledged save “%s” of project %d" % (goal, pid))
        print("# round %d: %d saves acknowledged before the kill, all kept" % (round_, len(answered)))
        srv.start()
    srv.stop()


def main():
    tap.case("kill -9 during an import: the store is before or after, whole, and verifies", import_killed)
    tap.case("kill -9 during API saves: every acknowledged save is in the store and its history", saves_killed)
    tap.finish()


if __name__ == "__main__":
    sys.exit(main())
