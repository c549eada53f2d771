#!/usr/bin/env python3
"""docx-gen.py — a Word document of generated target tables, for the DOCX import benchmark (bench/run).

  docx-gen.py IN.txt N OUT.docx OUT.txt

Takes the first N tables of IN.txt (bench-gen's document text, as `jixiao export --format text` lays
tables out) and writes them twice: OUT.txt, the same tables as text (the yardstick), and OUT.docx, a
Word document written directly (word/document.xml streamed into the zip, no LibreOffice), laid out as
published documents are: each table's title and year as paragraphs above it, then a Word table, a page
break after it. Cells merge as the published form merges them: in the three label columns (项目资金,
总体目标, 绩效指标, and the level-1 and level-2 labels) an empty cell under a label continues it
(w:vMerge), and each row's last cell spans the columns left (w:gridSpan).
"""
import sys
import zipfile
from xml.sax.saxutils import escape

TITLE = "部门预算项目支出绩效目标表"
LABEL_COLUMNS = 3
HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body>')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 'document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def tables(path, n):
    """The first n tables of a document text: each a list of its lines, title first."""
    table = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == TITLE:
                if table:
                    yield table
                    n -= 1
                    if n == 0:
                        return
                table = [line]
            elif table is not None and line:
                table.append(line)
    if table and n:
        yield table


def para(text):
    return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % escape(text) if text else "<w:p/>"


def cell(text, props):
    return "<w:tc>%s%s</w:tc>" % ("<w:tcPr>%s</w:tcPr>" % props if props else "", para(text))


def merges(rows):
    """For each row, each cell's merge: "restart", "continue" or None."""
    out = [[None] * len(r) for r in rows]
    for c in range(LABEL_COLUMNS):
        anchor = None  # (row, col) of the label an empty cell below continues
        for i, r in enumerate(rows):
            if c >= len(r) - 1:
                anchor = None
            elif r[c]:
                anchor = (i, c)
            elif anchor:
                out[anchor[0]][c] = "restart"
                out[i][c] = "continue"
    return out


def table_xml(lines):
    rows = [line.split("\t") for line in lines]
    width = max(len(r) for r in rows)
    out = ["<w:tbl><w:tblGrid>%s</w:tblGrid>" % ("<w:gridCol/>" * width)]
    for r, m in zip(rows, merges(rows)):
        cells = []
        for c, text in enumerate(r):
            props = '<w:vMerge w:val="%s"/>' % m[c] if m[c] else ""
            if c == len(r) - 1 and width > len(r):
                props += '<w:gridSpan w:val="%d"/>' % (width - len(r) + 1)
            cells.append(cell("" if m[c] == "continue" else text, props))
        out.append("<w:tr>%s</w:tr>" % "".join(cells))
    out.append("</w:tbl>")
    return "".join(out)


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    src, n, docx, txt = argv[1], int(argv[2]), argv[3], argv[4]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z, open(txt, "w", encoding="utf-8") as text:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as doc:
            doc.write(HEAD.encode())
            for t in tables(src, n):
                text.write("\n".join(t) + "\n\n")
                body = para(t[0]) + para(t[1]) + table_xml(t[2:]) + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
                doc.write(body.encode())
            doc.write(b"</w:body></w:document>")


if __name__ == "__main__":
    main(sys.argv)
