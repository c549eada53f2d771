#!/usr/bin/env python3
"""make-fixtures.py — regenerates the XLSX fixtures in this directory with LibreOffice.

  python3 tests/data/xlsx/make-fixtures.py      (needs soffice: Debian's libreoffice-calc-nogui)

Each workbook is written as a flat ODS document (.fods, plain XML) by hand and converted by
`soffice --headless --convert-to xlsx`, so that the fixtures are workbooks made by other software,
with LibreOffice's own shared strings, styles, number formats, merged ranges and cached formula values.
The tables come from tests/cli/expect/seed.json, the seed's five tables as jixiao exports them.

  seed-official.xlsx  the five tables in the official layout, a sheet each, at different column and
                      row offsets (prose above one), merged title, label and level cells; targets
                      typed as an operator in one cell and the number in the next, percentages as
                      0.95 formatted 0.0%, amounts as numbers formatted 0.00, 年度资金总额 a formula
                      (=fiscal+other) with its cached value, a project name in rich text, and stale
                      text left in a covered cell of a merged range (LibreOffice keeps and exports it;
                      Excel does not show it, nor may the reader);
  seed-flat.xlsx      the same tables in the flat layout: a title row, then a header in a shuffled
                      order with Chinese and English names (序号 ignored, 指标值 merged over the
                      operator and number columns), a row per indicator, the project's name, type and
                      year on every row but its funds and goal only on its first, level cells merged
                      down their groups;
  bad-cell.xlsx       two sheets; in Sheet2 the indicator name at D14 is a formula dividing by zero;
  bad-flat.xlsx       the flat layout with the second row of a project stating another 年度资金总额.
"""
import json
import os
import sys
from decimal import Decimal
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True
from soffice import convert, covered_cells, flat_document, table_xml  # noqa: E402 (tests/data/soffice.py)
SEED = os.path.join(HERE, "..", "..", "cli", "expect", "seed.json")
OPS = ("≥", "≤", "=", ">", "<")


class Sheet:
    """A grid of cells with merged ranges, written as an ODS table."""

    def __init__(self, name):
        self.name = name
        self.cells = {}   # (row, col) -> xml of the cell's attributes and content
        self.spans = {}   # (row, col) -> (rows, cols)
        self.hidden = {}  # (row, col) -> text left in a covered cell

    def put(self, r, c, value, style=None, rows=1, cols=1, formula=None, rich=None):
        attrs = []
        if style:
            attrs.append('table:style-name="%s"' % style)
        if rows > 1 or cols > 1:
            attrs.append('table:number-rows-spanned="%d" table:number-columns-spanned="%d"' % (rows, cols))
            self.spans[(r, c)] = (rows, cols)
        if formula:
            attrs.append('table:formula="%s"' % escape(formula))
        if isinstance(value, str):
            attrs.append('office:value-type="string"')
            text = rich if rich else escape(value)
        else:
            kind = "percentage" if style and style.startswith("pct") else "float"
            attrs.append('office:value-type="%s" office:value="%s"' % (kind, value))
            text = str(value)
        self.cells[(r, c)] = (" ".join(attrs), text)

    def xml(self):
        covered = covered_cells(self.spans)
        last_row = max(r for r, _ in list(self.cells) + list(covered))
        last_col = max(c for _, c in list(self.cells) + list(covered))
        return table_xml(last_row + 1, last_col + 1, lambda r, c: self.cell_xml(r, c, covered), self.name)

    def cell_xml(self, r, c, covered):
        if (r, c) in covered:
            stale = self.hidden.get((r, c))
            return ('<table:covered-table-cell office:value-type="string"><text:p>%s</text:p>'
                    '</table:covered-table-cell>' % escape(stale) if stale else "<table:covered-table-cell/>")
        if (r, c) in self.cells:
            return "<table:table-cell %s><text:p>%s</text:p></table:table-cell>" % self.cells[(r, c)]
        return "<table:table-cell/>"


STYLES = """<office:automatic-styles>
 <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
 <number:percentage-style style:name="P0"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
 <number:percentage-style style:name="P1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
 <style:style style:name="fix2" style:family="table-cell" style:data-style-name="N2"/>
 <style:style style:name="pct0" style:family="table-cell" style:data-style-name="P0"/>
 <style:style style:name="pct1" style:family="table-cell" style:data-style-name="P1"/>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>"""


def document(sheets):
    return flat_document("spreadsheet", STYLES, "\n".join(s.xml() for s in sheets))


def split_target(target):
    """A quantitative target as (operator, number, style), else None: "≥95.0%" -> ("≥", 0.95, "pct1")."""
    if not target:
        return None
    op = target[0] if target[0] in OPS else ""
    num = target[len(op):]
    percent = num.endswith("%")
    digits = num[:-1] if percent else num
    try:
        value = Decimal(digits)
    except Exception:
        return None
    places = len(digits.split(".")[1]) if "." in digits else 0
    if percent:
        return op, value / 100, "pct%d" % places
    return op, value, "fix2" if places == 2 else None


def column(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def ref(r, c):
    return "[.%s%d]" % (column(c), r + 1)


def level_groups(inds, key):
    """(first index, count) of each run of indicators sharing key(ind)."""
    groups, i = [], 0
    while i < len(inds):
        j = i
        while j < len(inds) and key(inds[j]) == key(inds[i]):
            j += 1
        groups.append((i, j - i))
        i = j
    return groups


def official(sheet, p, r0, c0, rich=False, stale=None, bad=None):
    """Lays project p out from row r0, column c0 as the official form does. bad: (row, col, formula)."""
    inds = p["indicators"]
    sheet.put(r0, c0, "部门预算项目支出绩效目标表", cols=6)
    sheet.put(r0 + 1, c0, "(%d年度)" % p["year"], cols=6)
    sheet.put(r0 + 2, c0, "项目名称")
    name = p["name"]
    markup = None
    if rich:
        markup = '%s<text:span text:style-name="T1">%s</text:span>%s' % (escape(name[:3]), escape(name[3:8]), escape(name[8:]))
    sheet.put(r0 + 2, c0 + 1, name, cols=5, rich=markup)
    sheet.put(r0 + 3, c0, "预算单位")
    sheet.put(r0 + 3, c0 + 1, p["unit"], cols=5)
    sheet.put(r0 + 4, c0, "项目资金（万元）", rows=3)
    funds = p["funds"]
    for i, (label, key) in enumerate((("年度资金总额", "total"), ("其中：财政拨款", "fiscal"), ("其他资金", "other"))):
        sheet.put(r0 + 4 + i, c0 + 1, label, cols=2)
        formula = None
        if key == "total":
            formula = "of:=%s+%s" % (ref(r0 + 5, c0 + 3), ref(r0 + 6, c0 + 3))
        sheet.put(r0 + 4 + i, c0 + 3, Decimal(funds[key]), style="fix2", cols=3, formula=formula)
    sheet.put(r0 + 7, c0, "总体目标", rows=2)
    sheet.put(r0 + 7, c0 + 1, "年度目标", cols=5)
    sheet.put(r0 + 8, c0 + 1, p["goal"], cols=5)
    top = r0 + 9
    sheet.put(top, c0, "绩效指标", rows=len(inds) + 1)
    for j, head in enumerate(("一级指标", "二级指标", "三级指标")):
        sheet.put(top, c0 + 1 + j, head)
    sheet.put(top, c0 + 4, "指标值（包含数字及文字描述）", cols=2)
    for first, n in level_groups(inds, lambda d: d["level1"]):
        sheet.put(top + 1 + first, c0 + 1, inds[first]["level1"], rows=n)
    for first, n in level_groups(inds, lambda d: (d["level1"], d["level2"])):
        sheet.put(top + 1 + first, c0 + 2, inds[first]["level2"], rows=n)
    for i, d in enumerate(inds):
        r = top + 1 + i
        sheet.put(r, c0 + 3, d["name"] + ("（%s）" % d["unit"] if d["unit"] else ""))
        put_target(sheet, r, c0 + 4, d["target"])
    if stale:
        sheet.hidden[(top + 2, c0 + 1)] = stale
    if bad:
        sheet.put(bad[0], bad[1], 0, formula=bad[2])


def put_target(sheet, r, c, target):
    """The target at columns c (operator) and c + 1 (number), or as text over both."""
    parts = split_target(target)
    if parts:
        op, value, style = parts
        if op:
            sheet.put(r, c, op)
        sheet.put(r, c + 1, value, style=style)
    elif target:
        sheet.put(r, c, target, cols=2)


FLAT_HEAD = ["序号", "year", "name", "类型", "预算单位", "一级指标", "level2", "三级指标", "计量单位", "指标值", None,
             "年度资金总额（万元）", "fiscal", "其他资金", "goal"]


def flat(sheet, projects, wrong_total=False):
    sheet.put(0, 0, "2021年项目支出绩效目标清单", cols=len(FLAT_HEAD))
    for c, head in enumerate(FLAT_HEAD):
        if head:
            sheet.put(1, c, head, cols=2 if head == "指标值" else 1)
    r, seq = 2, 1
    for p in projects:
        inds = p["indicators"]
        for first, n in level_groups(inds, lambda d: d["level1"]):
            sheet.put(r + first, 5, inds[first]["level1"], rows=n)
        for first, n in level_groups(inds, lambda d: (d["level1"], d["level2"])):
            sheet.put(r + first, 6, inds[first]["level2"], rows=n)
        for i, d in enumerate(inds):
            sheet.put(r + i, 0, seq)
            sheet.put(r + i, 1, p["year"])
            sheet.put(r + i, 2, p["name"])
            sheet.put(r + i, 3, "项目")
            sheet.put(r + i, 7, d["name"])
            if d["unit"]:
                sheet.put(r + i, 8, d["unit"])
            put_target(sheet, r + i, 9, d["target"])
            seq += 1
        sheet.put(r, 4, p["unit"])
        for c, key in ((11, "total"), (12, "fiscal"), (13, "other")):
            sheet.put(r, c, Decimal(p["funds"][key]), style="fix2")
        sheet.put(r, 14, p["goal"])
        if wrong_total:
            sheet.put(r + 1, 11, Decimal(p["funds"]["total"]) + 1, style="fix2")
            return
        r += len(inds)


def workbooks(projects):
    names = ["疫情防控", "Sheet2", "救助 慰问", "养老保险", "风险普查"]
    offsets = [(0, 0), (2, 1), (0, 3), (1, 0), (0, 2)]
    sheets = []
    for i, p in enumerate(projects):
        s = Sheet(names[i])
        r0, c0 = offsets[i]
        if r0:
            s.put(0, c0, "附件%d" % (i + 1))
        official(s, p, r0, c0, rich=i == 1, stale="旧的一级指标" if i == 0 else None)
        sheets.append(s)
    yield "seed-official", sheets

    s = Sheet("清单")
    flat(s, projects)
    yield "seed-flat", [s]

    s1, s2 = Sheet("Sheet1"), Sheet("Sheet2")
    official(s1, projects[2], 0, 0)
    official(s2, projects[0], 0, 0, bad=(13, 3, "of:=1/0"))
    yield "bad-cell", [s1, s2]

    s = Sheet("Sheet1")
    flat(s, projects[:1], wrong_total=True)
    yield "bad-flat", [s]


def main():
    projects = json.load(open(SEED, encoding="utf-8"))["projects"]
    convert(((name, document(sheets)) for name, sheets in workbooks(projects)), ".fods", "xlsx", HERE,
            "libreoffice-calc-nogui")


if __name__ == "__main__":
    main()
