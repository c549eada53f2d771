#!/usr/bin/env python3
"""bench/actuals.py GEN.csv OUT.csv — actuals for every generated table (make bench).

Reads the indicator rows bench-gen wrote and writes an actuals CSV (jixiao actuals import): for each
project its money spent (全年执行数, 90% of its funds), and for each indicator with a target an actual
near it (a number for a quantitative target, 达成 / 部分达成 / 未达成 for a qualitative one), varied
deterministically so that scores and lights spread over every branch.
"""
import csv
import sys
from decimal import Decimal

FACTORS = [Decimal(f) for f in ("1", "0.85", "1.3", "0.5", "1.05", "0.7", "0")]
LEVELS = ["达成", "部分达成", "未达成", "部分达成 75%"]


def main(src, dst):
    seen = set()
    with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as out:
        rows = csv.reader(f)
        w = csv.writer(out, lineterminator="\n")
        next(rows)
        w.writerow(["project", "indicator", "actual", "as_of"])
        for i, r in enumerate(rows):
            year, project, total, indicator, unit, op, value, target = r[0], r[1], r[3], r[8], r[9], r[10], r[11], r[12]
            as_of = f"{year}-06-30"  # within the table's year, as jixiao requires
            if project not in seen:
                seen.add(project)
                w.writerow([project, "全年执行数", str((Decimal(total) * Decimal("0.9")).quantize(Decimal("0.01"))), as_of])
            if not target:
                continue
            name = f"{indicator}({unit})" if unit else indicator
            if op:
                actual = Decimal(value) * FACTORS[i % len(FACTORS)]
                w.writerow([project, name, format(actual.normalize(), "f") if actual else "0", as_of])
            else:
                w.writerow([project, name, LEVELS[i % len(LEVELS)], as_of])


if __name__ == "__main__":
    main(*sys.argv[1:])
