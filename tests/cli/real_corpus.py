#!/usr/bin/env python3
"""Real published target tables (tests/data/real): each page, kept as found, imports exactly as a
careful reader of it reads it (NNN-*.expect.json), or is refused with the reason written beside it
(NNN-*.refuse.txt: the file's first line is a fragment jixiao's message must contain). Reports TAP,
one case per page, and a last case requiring at least MIN_EXACT tables read exactly.

Comparison with jixiao's export (the canonical JSON), for every key the expect file gives:
  header fields and goals   equal as strings;
  funds                     equal as amounts, converted from the unit the table states (元 or 万元);
  indicators                the same number, in order; canonical level labels, name and target equal;
                            unit equal where the expect file states one; every optional column it
                            states (direction, weight, explanation, …) equal.

The comparison is importable (tests/cli/t0020-real-layouts.sh reads the same tables from Word, HTML and
PDF): reading(stem) is what a careful reader reads in tests/data/real/<stem>.txt, and
differences(reading(stem), projects) what jixiao's exported projects get wrong of it, a line each.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stores  # noqa: E402 - beside the tests, found through the path set above

JIXIAO = os.environ.get("JIXIAO")  # needed to run the corpus, not to import the comparison
SRC = os.environ.get("JIXIAO_SRC", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
REAL = os.path.join(SRC, "tests", "data", "real")
MIN_EXACT = 18
HEADER = ("kind", "year", "name", "unit", "department", "implementer", "category", "attribute", "office",
          "period", "manager", "phone", "goal", "long_goal")
COLUMNS = ("direction", "weight", "explanation", "scoring", "basis", "value_type", "note", "long_target",
           "previous")
AS_WRITTEN = ("level1_as_written", "level2_as_written")  # what the reader read the labels from; not kept

count = failed = exact = 0


def report(ok, what, diag=""):
    global count, failed
    count += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", count, what), flush=True)
    if not ok:
        failed += 1
        for line in diag.rstrip().splitlines()[:40]:
            print("# " + line, flush=True)


def wan(amount, unit):
    """An amount as written, in 万元."""
    d = Decimal(str(amount).replace(",", ""))
    return d / 10000 if unit == "元" else d


def reading(stem):
    """The projects a careful reader reads in the real table stem (its .expect.json)."""
    with open(os.path.join(REAL, stem + ".expect.json"), encoding="utf-8") as f:
        return json.load(f)["projects"]


def differences(want, got):
    """What differs between the careful reading (want) and jixiao's (got), one line each."""
    out = []
    if len(want) != len(got):
        out.append("%d tables read, %d expected" % (len(got), len(want)))
    for w, g in zip(want, got):
        tag = w.get("name") or "?"
        for k in HEADER:
            if k in w and (w[k] or "") != (g.get(k) or ""):
                out.append("%s: %s is %r, expected %r" % (tag, k, g.get(k), w[k]))
        wf, gf = w.get("funds", {}), g.get("funds", {})
        for k in ("total", "fiscal", "other", "carryover", "period_total"):
            if k in wf and wf[k] is not None:
                if k not in gf or wan(wf[k], wf.get("unit")) != Decimal(gf[k]):
                    out.append("%s: funds.%s is %r, expected %s %s" % (tag, k, gf.get(k), wf[k], wf.get("unit")))
        if "note" in wf and wf["note"] != gf.get("note"):
            out.append("%s: funds.note is %r, expected %r" % (tag, gf.get("note"), wf["note"]))
        wi, gi = w.get("indicators", []), g.get("indicators", [])
        if len(wi) != len(gi):
            out.append("%s: %d indicators read, %d expected" % (tag, len(gi), len(wi)))
        for n, (a, b) in enumerate(zip(wi, gi), 1):
            keys = ["level1", "level2", "name", "target"] + [k for k in ("unit",) + COLUMNS if k in a]
            for k in keys:
                if a.get(k) != b.get(k):
                    out.append("%s #%d %s: %s is %r, expected %r" % (tag, n, a.get("name"), k, b.get(k), a.get(k)))
    return out


def run(page, db):
    r = subprocess.run([JIXIAO, "--db", db, "import", page], capture_output=True, timeout=120)
    return r.returncode, r.stderr.decode("utf-8", "replace")


def export(db):
    r = subprocess.run([JIXIAO, "--db", db, "export"], capture_output=True, timeout=120, check=True)
    return json.loads(r.stdout.decode())["projects"]


def main():
    global exact
    if not JIXIAO:
        sys.exit("real_corpus.py: set JIXIAO to the jixiao binary")
    tmp = tempfile.mkdtemp(prefix="jixiao-real-")
    pages = sorted(p for p in glob.glob(os.path.join(REAL, "[0-9][0-9][0-9]-*.txt")) if not p.endswith(".refuse.txt"))
    for page in pages:
        stem = page[:-4]
        name = os.path.basename(stem)
        db = stores.location(tmp, name)
        rc, err = run(page, db)
        if os.path.exists(stem + ".expect.json"):
            want = reading(name)
            if rc != 0:
                report(False, "%s imports as read by hand" % name, err)
                continue
            diff = differences(want, export(db))
            report(not diff, "%s imports as read by hand" % name, "\n".join(diff))
            exact += not diff
        else:
            with open(stem + ".refuse.txt", encoding="utf-8") as f:
                reason = f.readline().strip()
            left = stores.holds_store(tmp, name)
            ok = rc == 2 and reason in err and not left
            report(ok, "%s is refused: %s" % (name, reason),
                   "exit %d%s\n%s" % (rc, ", and the database was left behind" if left else "", err))
    report(exact >= MIN_EXACT, "at least %d real tables read exactly (%d of %d pages)" % (MIN_EXACT, exact, len(pages)))
    print("1..%d" % count)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
