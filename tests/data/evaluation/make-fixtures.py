#!/usr/bin/env python3
"""make-fixtures.py BUILD_DIR — regenerates the evaluation fixtures in this directory.

  python3 tests/data/evaluation/make-fixtures.py build

tables.txt is bench-gen's 24 tables (years 2019–2021, every kind of target it writes); actuals.csv
records actuals for them (jixiao actuals import) that reach every branch of the score and of the
lights: one to three rows an indicator, dated through the year with ties on a day (the later recorded
counts), values on, around and far from the targets (0, thresholds ± a little, twice the target),
qualitative levels with and without a percentage, reasons (some with quotes, a backslash or a line
break) on some rows, money spent from 30% to 120% of the funds, and tables with no actual at all.
tests/cli/t0026-evaluate-outputs.sh compares every report over them with tests/cli/expect/eval-*.
"""
import csv
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = 24
FACTORS = [Decimal(f) for f in ("1", "0.85", "1.3", "0.5", "1.05", "0.7", "0", "2", "0.999", "1.001", "0.6",
                                "0.8", "1.2", "0.59", "0.61", "1.1", "0.9", "2.5", "1.31", "0.79")]
LEVELS = ["达成", "部分达成", "未达成", "部分达成 75%", "达成 90%", "未达成 10%", "部分达成 60%", "达成 100%"]
SPENT = [Decimal(f) for f in ("0.9", "0.3", "0.55", "1.2", "0.75", "1", "0.6", "0.05")]
DAYS = ["03-31", "06-30", "06-30", "09-30", "12-31"]
REASONS = ["受疫情影响延期", "年中调整，\"计划\"变更", "数据口径\\调整", "第一行\n第二行", "按实际需求执行"]


def actuals(rows, out):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["project", "indicator", "actual", "as_of", "reason"])
    seen, k = {}, 0
    for i, r in enumerate(rows):
        year, project, total, indicator, unit, op, value, target = r[0], r[1], r[3], r[8], r[9], r[10], r[11], r[12]
        n = seen.setdefault(project, len(seen))
        if n % 11 == 5:  # no actual at all: 未评价
            continue
        if n not in (2, 13) and i == min(j for j, x in enumerate(rows) if x[1] == project):
            spent = (Decimal(total) * SPENT[n % len(SPENT)]).quantize(Decimal("0.01"))
            w.writerow([project, "全年执行数", str(spent), f"{year}-{DAYS[n % len(DAYS)]}", ""])
        if not target or (n % 7 == 3 and i % 2):
            continue
        name = f"{indicator}({unit})" if unit else indicator
        for j in range(1 + i % 3):
            k += 1
            day = f"{year}-{DAYS[(i + 2 * j) % len(DAYS)]}"
            reason = REASONS[k % len(REASONS)] if k % 4 == 0 else ""
            if op:
                v = Decimal(value) * FACTORS[(i * 3 + j) % len(FACTORS)]
                actual = format(v.normalize(), "f") if v else "0"
            else:
                actual = LEVELS[(i + j) % len(LEVELS)]
            w.writerow([project, name, actual, day, reason])


def main(build):
    with tempfile.TemporaryDirectory() as tmp:
        txt, csvf = os.path.join(tmp, "g.txt"), os.path.join(tmp, "g.csv")
        subprocess.run([os.path.join(build, "bench", "bench-gen"), str(TABLES), txt, csvf, os.path.join(tmp, "g.xlsx")],
                       check=True)
        with open(txt, encoding="utf-8") as f, open(os.path.join(HERE, "tables.txt"), "w", encoding="utf-8") as o:
            o.write(f.read())
        with open(csvf, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))[1:]
    with open(os.path.join(HERE, "actuals.csv"), "w", newline="", encoding="utf-8") as out:
        actuals(rows, out)


if __name__ == "__main__":
    main(*sys.argv[1:])
