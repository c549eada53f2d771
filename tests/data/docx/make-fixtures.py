#!/usr/bin/env python3
"""make-fixtures.py — regenerates the DOCX fixtures in this directory.

  python3 tests/data/docx/make-fixtures.py      (needs soffice: Debian's libreoffice-writer-nogui)

The documents that stand for what units publish are written as flat ODF text documents (.fodt, plain
XML) by hand and converted by `soffice --headless --convert-to docx`, so that they are Word documents
made by other software: LibreOffice's own w:gridSpan and w:vMerge for merged cells, its tracked changes,
fields and page breaks (tests/data/soffice.py runs it). The tables come from tests/cli/expect/seed.json,
the seed's five tables as jixiao exports them. The fixtures in the repository were made with
LibreOffice 7.4.7.2 40(Build:2) (Debian 12); the script prints the version it runs.

  seed.docx       the seed's prose (data/samples/bohu-2021.txt up to its first table), then its five
                  tables, each on a page of its own: merged cells as the published form merges them —
                  项目资金 and 总体目标 down their rows, 绩效指标 and each level-1 and level-2 label down
                  their groups, names and amounts across — the first table's title and year as merged
                  rows inside it, the second's in one paragraph broken by a line break, the others'
                  in paragraphs above their tables;
  revisions.docx  two of the tables (救助及慰问, 养老保险) with a page break between them; the first
                  table's title is a TITLE field (its code must not be read), its project name holds a
                  deleted word and its goal an inserted one (tracked changes); the second's budget unit
                  is a field (USERNAME, fixed) whose result is the unit;
  nested.docx     the 风险普查 table framed by a one-cell layout table, its title and year in the same
                  cell above it (a table inside a table);
  bad-cell.docx   the 疫情防控 table with its 年度资金总额 in 元 (3033000元), refused at 表1 第3行.

The hostile ones are written directly (zipfile), with a minimal package around word/document.xml:

  bad-para.docx   a prose paragraph that is no header between a title and its table (第3段);
  neither.docx    a zip holding neither word/document.xml nor xl/workbook.xml;
  truncated.docx  seed.docx cut short;
  deep.docx       100,000 content controls nested in one another (w:sdt/w:sdtContent);
  deep-tables.docx  tables nested in cells 100,000 deep;
  gridspan.docx   a cell spanning 4,294,967,296 columns.
"""
import html
import itertools
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True
from soffice import convert, covered_cells, flat_document, table_xml  # noqa: E402 (tests/data/soffice.py)
ROOT = os.path.join(HERE, "..", "..", "..")
SEED_JSON = os.path.join(ROOT, "tests", "cli", "expect", "seed.json")
SEED_TEXT = os.path.join(ROOT, "data", "samples", "bohu-2021.txt")
TITLE = "部门预算项目支出绩效目标表"
COLS = 6


def text(s):
    """s as ODF paragraph content: escaped, runs of spaces kept (<text:s/>)."""
    return re.sub(r" {2,}", lambda m: ' <text:s text:c="%d"/>' % (len(m.group()) - 1), html.escape(s, quote=False))


class Table:
    """A grid of cells with merged ranges, written as an ODF table; cells hold ODF paragraph markup."""

    def __init__(self):
        self.cells = {}  # (row, col) -> (markup, rows, cols)

    def put(self, r, c, value, rows=1, cols=1, markup=None):
        self.cells[(r, c)] = (markup if markup is not None else text(value), rows, cols)

    def xml(self):
        covered = covered_cells({k: (rows, cols) for k, (_, rows, cols) in self.cells.items()})
        last = max(r for r, _ in list(self.cells) + list(covered))
        return table_xml(last + 1, COLS, lambda r, c: self.cell_xml(r, c, covered))

    def cell_xml(self, r, c, covered):
        if (r, c) in covered:
            return "<table:covered-table-cell/>"
        if (r, c) not in self.cells:
            return "<table:table-cell><text:p/></table:table-cell>"
        markup, rows, cols = self.cells[(r, c)]
        span = ""
        if rows > 1 or cols > 1:
            span = ' table:number-rows-spanned="%d" table:number-columns-spanned="%d"' % (rows, cols)
        return '<table:table-cell%s><text:p>%s</text:p></table:table-cell>' % (span, markup)


def groups(inds, key):
    """(first index, count) of each run of indicators sharing key(ind)."""
    i = 0
    for _, run in itertools.groupby(inds, key):
        n = len(list(run))
        yield i, n
        i += n


def target_table(p, title_rows=False, markup=None):
    """Project p laid out as the published form lays it out; markup: field -> ODF markup to use."""
    markup = markup or {}
    t, r = Table(), 0
    if title_rows:
        t.put(0, 0, TITLE, cols=COLS)
        t.put(1, 0, "(%d年度)" % p["year"], cols=COLS)
        r = 2
    t.put(r, 0, "项目名称")
    t.put(r, 1, p["name"], cols=5, markup=markup.get("name"))
    t.put(r + 1, 0, "预算单位")
    t.put(r + 1, 1, p["unit"], cols=5, markup=markup.get("unit"))
    t.put(r + 2, 0, "项目资金（万元）", rows=3)
    for i, (label, key) in enumerate((("年度资金总额", "total"), ("其中：财政拨款", "fiscal"), ("其他资金", "other"))):
        t.put(r + 2 + i, 1, label, cols=2)
        t.put(r + 2 + i, 3, markup.get(key, p["funds"][key]), cols=3)
    t.put(r + 5, 0, "总体目标", rows=2)
    t.put(r + 5, 1, "年度目标", cols=5)
    t.put(r + 6, 1, p["goal"], cols=5, markup=markup.get("goal"))
    top, inds = r + 7, p["indicators"]
    t.put(top, 0, "绩效指标", rows=len(inds) + 1)
    for j, head in enumerate(("一级指标", "二级指标", "三级指标")):
        t.put(top, 1 + j, head)
    t.put(top, 4, "指标值（包含数字及文字描述）", cols=2)
    for first, n in groups(inds, lambda d: d["level1"]):
        t.put(top + 1 + first, 1, inds[first]["level1"], rows=n)
    for first, n in groups(inds, lambda d: (d["level1"], d["level2"])):
        t.put(top + 1 + first, 2, inds[first]["level2"], rows=n)
    for i, d in enumerate(inds):
        t.put(top + 1 + i, 3, d["name"] + ("（%s）" % d["unit"] if d["unit"] else ""))
        if d["target"]:
            t.put(top + 1 + i, 4, d["target"], cols=2)
    return t.xml()


def para(content, style=None):
    return '<text:p%s>%s</text:p>' % (' text:style-name="%s"' % style if style else "", content)


def title_paras(p, style="PB"):
    return para(text(TITLE), style) + para(text("(%d年度)" % p["year"]))


def seed_prose():
    lines = []
    with open(SEED_TEXT, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line == TITLE:
                break
            if line:
                lines.append(para(text(line)))
    return lines


CHANGES = """<text:tracked-changes text:track-changes="false">
<text:changed-region text:id="del1"><text:deletion><office:change-info><dc:creator>审核人</dc:creator><dc:date>2021-03-01T10:00:00</dc:date></office:change-info><text:p>临时</text:p></text:deletion></text:changed-region>
<text:changed-region text:id="ins1"><text:insertion><office:change-info><dc:creator>审核人</dc:creator><dc:date>2021-03-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
</text:tracked-changes>"""


def documents(projects):
    one, two, relief, pension, census = projects
    body = seed_prose()
    body.append(target_table(one, title_rows=True))
    body.append(para(text(TITLE) + "<text:line-break/>" + text("(%d年度)" % two["year"]), "PB"))
    body.append(target_table(two))
    for p in (relief, pension, census):
        body.append(title_paras(p))
        body.append(target_table(p))
    yield "seed", "\n".join(body)

    name, goal = relief["name"], relief["goal"]
    at, cut = name.index("困难"), goal.index("提高")
    revised = {
        "name": text(name[:at]) + '<text:change text:change-id="del1"/>' + text(name[at:]),
        "goal": text(goal[:cut]) + '<text:change-start text:change-id="ins1"/>' + text(goal[cut:cut + 4]) +
                '<text:change-end text:change-id="ins1"/>' + text(goal[cut + 4:]),
    }
    unit = {"unit": '<text:author-name text:fixed="true">%s</text:author-name>' % text(pension["unit"])}
    yield "revisions", "\n".join([
        CHANGES, para(text("附件：重点项目绩效目标表")),
        para("<text:title>%s</text:title>" % text(TITLE)), para(text("(2021年度)")),
        target_table(relief, markup=revised),
        title_paras(pension), target_table(pension, markup=unit)])

    frame = ('<table:table><table:table-column/><table:table-row><table:table-cell>%s%s%s</table:table-cell>'
             '</table:table-row></table:table>') % (para(text(TITLE)), para(text("(2021年度)")), target_table(census))
    yield "nested", "\n".join([para(text("附件5")), frame, para(text("（表格结束）"))])

    yield "bad-cell", "\n".join([title_paras(one, None), target_table(one, markup={"total": "-3033.00"})])


def fodt(body):
    return flat_document("text", """<office:meta><dc:title>%s</dc:title></office:meta>
<office:automatic-styles>
 <style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
</office:automatic-styles>""" % TITLE, body)


# ---- the hostile ones, written directly ----

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def docx(name, parts):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        for member, data in parts.items():
            z.writestr(member, data)
    print("wrote", os.path.join(HERE, name))


def document(body):
    return '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)


def p(s):
    return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % html.escape(s, quote=False)


def row(*cells):
    return "<w:tr>%s</w:tr>" % "".join("<w:tc>%s</w:tc>" % p(c) for c in cells)


def hostile():
    header = row("项目名称", "测试项目") + row("预算单位", "测试单位") + row("年度资金总额", "10.00")
    docx("bad-para.docx", {"word/document.xml": document(
        p(TITLE) + p("(2021年度)") + p("备注说明") + "<w:tbl>%s</w:tbl>" % header)})
    docx("neither.docx", {"docProps/app.xml": "<Properties/>", "content.xml": "<office:document/>"})
    with open(os.path.join(HERE, "seed.docx"), "rb") as f:
        data = f.read()
    with open(os.path.join(HERE, "truncated.docx"), "wb") as f:
        f.write(data[:len(data) // 2])
    print("wrote", os.path.join(HERE, "truncated.docx"))
    n = 100000
    docx("deep.docx", {"word/document.xml": document(
        "<w:sdt><w:sdtContent>" * n + p("深处") + "</w:sdtContent></w:sdt>" * n)})
    docx("deep-tables.docx", {"word/document.xml": document(
        "<w:tbl><w:tr><w:tc>" * n + p("深处") + "</w:tc></w:tr></w:tbl>" * n)})
    docx("gridspan.docx", {"word/document.xml": document(
        p(TITLE) + "<w:tbl>%s<w:tr><w:tc>%s</w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"4294967296\"/></w:tcPr>%s</w:tc>"
        "</w:tr></w:tbl>" % (header, p("其他资金"), p("0.00")))})


def main():
    projects = json.load(open(SEED_JSON, encoding="utf-8"))["projects"]
    convert(((name, fodt(body)) for name, body in documents(projects)), ".fodt", "docx", HERE,
            "libreoffice-writer-nogui")
    hostile()


if __name__ == "__main__":
    main()
