#!/usr/bin/env python3
"""make-fixtures.py — regenerates the PDF fixtures in this directory with LibreOffice.

  python3 tests/data/pdf/make-fixtures.py   (needs soffice: Debian's libreoffice-writer-nogui; and pdftoppm)

Each document is written as a flat ODT text document (.fodt, plain XML) by hand and converted by
`soffice --headless --convert-to pdf`, so that the fixtures are PDFs made by other software, with
LibreOffice's own fonts, borders, line breaking and text layer. The tables come from
tests/cli/expect/seed.json, the seed's five tables as jixiao exports them; the prose before them is
the seed document's own (data/samples/bohu-2021.txt).

  seed.pdf    the seed's prose, then its five tables, each drawn as a bordered grid on A4 in
              Noto Serif CJK SC (Latin in DejaVu Serif), page numbers "- N -" in the footer. Merged
              cells as the documents merge them: 绩效指标 and the level-1 and level-2 labels spanning
              the rows of their groups, 项目资金（万元） and 总体目标 spanning their rows, the name,
              unit and goal spanning the columns. The name and target columns are narrow enough that
              long indicator names, level-2 labels and the funds label wrap inside their cells, and
              the goals over many lines. The tables vary as published ones do: the funds amount in
              its own cell or written after its label ("年度资金总额: 32.09"), the year in full- or
              half-width parentheses, one table with its title and year in rows of the grid itself,
              one with the unit after the name as " (人)". The first table starts under the prose
              and continues on the next page (rows are kept whole, as Word keeps them by default).
  scan.pdf    the first page of seed.pdf as a picture (pdftoppm, 72 dpi), alone on a page: a scan,
              with no text layer.
  locked.pdf  a page of text exported with an open password ("jixiao").
  bad-cell.pdf  the seed's prose, then on page 2 its second table with its total written in 元
              ("年度资金总额: -32.09" on the table's fifth line, in its second column).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
SEED_JSON = os.path.join(ROOT, "tests", "cli", "expect", "seed.json")
SEED_TEXT = os.path.join(ROOT, "data", "samples", "bohu-2021.txt")

NS = """xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text\""""

COLUMNS = ("2.0cm", "2.2cm", "2.6cm", "6.0cm", "4.2cm")  # label, level 1, level 2, name, target: 17 cm

STYLES = """
 <office:font-face-decls>
  <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="10.5pt" fo:language="zh" fo:country="CN"
     style:font-name-asian="Noto Serif CJK SC" style:font-size-asian="10.5pt" style:language-asian="zh"
     style:country-asian="CN"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
     fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:footer-style><style:header-footer-properties fo:min-height="0.8cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Tbl" style:family="table">
   <style:table-properties style:width="17cm" table:align="margins" fo:margin-top="0.2cm"/>
  </style:style>
  %(columns)s
  <style:style style:name="Row" style:family="table-row">
   <style:table-row-properties fo:keep-together="always"/>
  </style:style>
  <style:style style:name="Cell" style:family="table-cell">
   <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm" style:vertical-align="middle"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:break-before="page" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold" style:font-size-asian="16pt"
     style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="TitleHere" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="0.6cm" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold" style:font-size-asian="16pt"
     style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Center" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
  </style:style>
  <style:style style:name="Left" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start"/>
  </style:style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-indent="0.74cm" fo:margin-bottom="0.15cm"/>
  </style:style>
  <style:style style:name="Break" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:footer><text:p text:style-name="Center">- <text:page-number text:select-page="current"/> -</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
"""


def document(body):
    columns = "\n  ".join(
        '<style:style style:name="Tbl.%s" style:family="table-column">'
        '<style:table-column-properties style:column-width="%s"/></style:style>' % (chr(65 + i), w)
        for i, w in enumerate(COLUMNS))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s>%s'
            "<office:body><office:text>%s</office:text></office:body></office:document>\n"
            % (NS, STYLES % {"columns": columns}, body))


def para(text, style="Left"):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, escape(text))


class Grid:
    """A table of five columns; cells may span rows and columns, as in the documents."""

    def __init__(self):
        self.rows = []  # each a list of (column, text, rows, cols)

    def row(self, *cells):
        """cells: (column, text) or (column, text, rows, cols)."""
        self.rows.append([c if len(c) == 4 else (c[0], c[1], 1, 1) for c in cells])

    def xml(self):
        covered = set()
        for r, cells in enumerate(self.rows):
            for c, _, rows, cols in cells:
                covered |= {(r + i, c + j) for i in range(rows) for j in range(cols) if i or j}
        out = ['<table:table table:style-name="Tbl">']
        out += ['<table:table-column table:style-name="Tbl.%s"/>' % chr(65 + i) for i in range(len(COLUMNS))]
        for r, cells in enumerate(self.rows):
            at = {c: (text, rows, cols) for c, text, rows, cols in cells}
            out.append('<table:table-row table:style-name="Row">')
            for c in range(len(COLUMNS)):
                if (r, c) in covered:
                    out.append("<table:covered-table-cell/>")
                    continue
                text, rows, cols = at.get(c, ("", 1, 1))
                span = ' table:number-rows-spanned="%d" table:number-columns-spanned="%d"' % (rows, cols)
                lines = "".join(para(t) for t in text.split("\n")) if text else "<text:p/>"
                out.append('<table:table-cell table:style-name="Cell" office:value-type="string"%s>%s'
                           "</table:table-cell>" % (span, lines))
            out.append("</table:table-row>")
        out.append("</table:table>")
        return "".join(out)


def name_with_unit(ind, spaced):
    if not ind.get("unit"):
        return ind["name"]
    return "%s%s(%s)" % (ind["name"], " " if spaced else "", ind["unit"])


def funds_rows(g, p, inline):
    total, fiscal, other = p["funds"]["total"], p["funds"]["fiscal"], p["funds"]["other"]
    if inline:  # as the seed's text: the amount after its label, in one cell
        g.row((0, "项目资金\n(万元)", 3, 1), (1, "年度资金总额: %s" % total, 1, 4))
        g.row((1, "其中: 财政拨款 %s" % fiscal, 1, 4))
        g.row((1, "其他资金 %s" % other, 1, 4))
    else:
        g.row((0, "项目资金（万元）", 3, 1), (1, "年度资金总额", 1, 2), (3, total, 1, 2))
        g.row((1, "其中：财政拨款", 1, 2), (3, fiscal, 1, 2))
        g.row((1, "其他资金", 1, 2), (3, other, 1, 2))


def indicator_rows(g, p, spaced):
    inds = p["indicators"]
    g.row((0, "绩效指标", len(inds) + 1, 1), (1, "一级指标"), (2, "二级指标"), (3, "三级指标"), (4, "指标值"))
    for i, ind in enumerate(inds):
        cells = []
        if i == 0 or inds[i - 1]["level1"] != ind["level1"]:
            n = sum(1 for _ in takewhile(inds[i:], lambda x: x["level1"] == ind["level1"]))
            cells.append((1, ind["level1"], n, 1))
        if i == 0 or (inds[i - 1]["level1"], inds[i - 1]["level2"]) != (ind["level1"], ind["level2"]):
            n = sum(1 for _ in takewhile(inds[i:], lambda x: (x["level1"], x["level2"]) == (ind["level1"], ind["level2"])))
            cells.append((2, ind["level2"], n, 1))
        cells.append((3, name_with_unit(ind, spaced), 1, 1))
        cells.append((4, ind.get("target") or "", 1, 1))
        g.row(*cells)


def takewhile(seq, pred):
    for x in seq:
        if not pred(x):
            return
        yield x


def table(p, i):
    """The i-th table, laid out as one of the documents' variants."""
    g = Grid()
    inside = i == 3  # title and year in rows of the grid
    year = "（%d年度）" % p["year"] if i == 2 else "(%d年度)" % p["year"]
    head = ""
    if inside:
        g.row((0, "部门预算项目支出绩效目标表", 1, 5))
        g.row((0, year, 1, 5))
        head = para("", "Break")
    else:
        head = para("部门预算项目支出绩效目标表", "TitleHere" if i == 0 else "Title") + para(year, "Center")
    g.row((0, "项目名称"), (1, p["name"], 1, 4))
    g.row((0, "预算单位"), (1, p["unit"], 1, 4))
    funds_rows(g, p, inline=i in (1, 4))
    g.row((0, "总体目标", 2, 1), (1, "年度目标", 1, 4))
    g.row((1, p["goal"], 1, 4))
    indicator_rows(g, p, spaced=i == 2)
    return head + g.xml()


def prose():
    """The seed document's text before its first table, a paragraph a line."""
    out = []
    for line in open(SEED_TEXT, encoding="utf-8"):
        line = line.strip()
        if line == "部门预算项目支出绩效目标表":
            break
        if line:
            out.append(para(line, "Body"))
    return "".join(out)


def convert(fodt, outdir, work, name, export="pdf"):
    src = os.path.join(work, name + ".fodt")
    with open(src, "w", encoding="utf-8") as f:
        f.write(fodt)
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + os.path.join(work, "lo"),
                    "--convert-to", export, "--outdir", work, src], check=True, stdout=subprocess.DEVNULL)
    shutil.move(os.path.join(work, name + ".pdf"), os.path.join(outdir, name + ".pdf"))


def picture_page(png):
    """A page holding nothing but the picture png, as wide as the text."""
    import base64
    data = base64.b64encode(open(png, "rb").read()).decode()
    frame = ('<text:p text:style-name="Left"><draw:frame draw:name="scan" text:anchor-type="as-char" svg:width="17cm"'
             ' svg:height="24cm"><draw:image><office:binary-data>%s</office:binary-data></draw:image>'
             "</draw:frame></text:p>" % data)
    return document(frame).replace("- <text:page-number text:select-page=\"current\"/> -", "")


def main():
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        sys.exit("make-fixtures.py: needs soffice (libreoffice-writer-nogui) and pdftoppm (poppler-utils)")
    projects = json.load(open(SEED_JSON, encoding="utf-8"))["projects"]
    work = tempfile.mkdtemp()
    try:
        body = prose() + "".join(table(p, i) for i, p in enumerate(projects))
        convert(document(body), HERE, work, "seed")
        subprocess.run(["pdftoppm", "-r", "72", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
                        os.path.join(HERE, "seed.pdf"), os.path.join(work, "page")], check=True)
        convert(picture_page(os.path.join(work, "page.png")), HERE, work, "scan")
        secret = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                  '"DocumentOpenPassword":{"type":"string","value":"jixiao"}}')
        convert(document(para("部门预算项目支出绩效目标表", "Center") + prose()), HERE, work, "locked", secret)
        bad = dict(projects[1], funds=dict(projects[1]["funds"], total="-32.09"))
        convert(document(prose() + table(bad, 1)), HERE, work, "bad-cell")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
