#!/usr/bin/env python3
"""publication.py — reads a published file in any of jixiao's formats for the command tests.

  publication.py text FORMAT FILE           print the file's visible text (markup and layout removed)
  publication.py spans FORMAT FILE          print the merged level cells, one per line: "ROWS TEXT"
  publication.py expected-spans json FILE   the same as the documents merge them, from an export
  publication.py contains FORMAT FILE JSON  check that the file holds the tables of JSON (an export of the
                                            projects that must appear) and nothing of --absent JSON2
Only the standard library and poppler's pdftotext are used; XLSX is read from its XML parts, ODS (the
form LibreOffice converts the workbook to) from its content.xml.
"""
import csv
import html.parser
import io
import json
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET


class HTMLText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self.skip = 0
        self.cells = []  # (tag, attrs, text) of every th/td
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.skip += 1
        if tag in ("td", "th"):
            self.cell = [tag, dict(attrs), ""]
        self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1
        if tag in ("td", "th") and self.cell:
            self.cells.append(tuple(self.cell))
            self.cell = None

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)
            if self.cell is not None:
                self.cell[2] += data


def xlsx_strings(path):
    """The text of every cell of every sheet (shared and inline strings)."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/sheet") or name == "xl/workbook.xml":
                root = ET.fromstring(z.read(name))
                for el in root.iter():
                    if el.tag.endswith("}t") and el.text:
                        out.append(el.text)
                    if el.tag.endswith("}sheet"):
                        out.append(el.get("name", ""))
                    if el.tag.endswith("}v") and el.text:
                        out.append(el.text)
    return "\n".join(out)


ODS_T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODS_X = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def ods_cells(path):
    """(sheet, cell text, rows spanned, columns spanned) of every cell LibreOffice wrote."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.xml"))
    out = []
    for sheet in root.iter("{%s}table" % ODS_T):
        for cell in sheet.iter("{%s}table-cell" % ODS_T):
            text = "".join("".join(p.itertext()) for p in cell.iter("{%s}p" % ODS_X))
            rows = int(cell.get("{%s}number-rows-spanned" % ODS_T, "1"))
            cols = int(cell.get("{%s}number-columns-spanned" % ODS_T, "1"))
            out.append((sheet.get("{%s}name" % ODS_T), text, rows, cols))
    return out


def text_of(fmt, path):
    if fmt == "html":
        p = HTMLText()
        p.feed(open(path, encoding="utf-8").read())
        return "".join(p.parts)
    if fmt == "pdf":
        return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], check=True, capture_output=True).stdout.decode()
    if fmt == "xlsx":
        return xlsx_strings(path)
    if fmt == "ods":
        return "\n".join(c[1] for c in ods_cells(path)) + "\n".join(sorted({c[0] for c in ods_cells(path)}))
    return open(path, encoding="utf-8-sig").read()


def spans(fmt, path):
    """The level cells that span rows, as (rows, text)."""
    if fmt == "html":
        p = HTMLText()
        p.feed(open(path, encoding="utf-8").read())
        return [(int(a.get("rowspan", "1")), t) for _, a, t in p.cells if int(a.get("rowspan", "1")) > 1]
    if fmt == "ods":
        return [(r, t) for _, t, r, _ in ods_cells(path) if r > 1]
    raise SystemExit("spans: unsupported format " + fmt)


def squash(s):
    return re.sub(r"\s+", "", s)


def expected_spans(projects):
    """The runs of equal level-1 and level-2 cells of each table, as the documents merge them."""
    out = []
    for p in projects:
        inds = p.get("indicators", [])
        for key in ("level1", "level2"):
            i = 0
            while i < len(inds):
                j = i
                while j < len(inds) and inds[j].get(key) == inds[i].get(key) and \
                        (key == "level1" or inds[j].get("level1") == inds[i].get("level1")):
                    j += 1
                if j - i > 1:
                    out.append((j - i, inds[i].get(key)))
                i = j
    return out


def distinctive(absent, present):
    """Strings of the absent projects that nothing present contains: names, units, goals, indicators."""
    seen = squash(json.dumps(present, ensure_ascii=False))
    out = []
    for p in absent:
        for s in [p["name"], p.get("unit", ""), p.get("goal", "")[:24]] + [i["name"] for i in p.get("indicators", [])]:
            s = squash(s)
            if len(s) >= 4 and s not in seen:
                out.append(s)
    return out


def load_projects(path):
    data = json.load(open(path, encoding="utf-8"))
    return data["projects"] if isinstance(data, dict) else data


def main():
    cmd, fmt, path = sys.argv[1:4]
    if cmd == "text":
        sys.stdout.write(text_of(fmt, path))
    elif cmd == "spans":  # the level cells only, sorted
        header = ("项目资金", "总体目标", "绩效指标")
        for rows, t in sorted(spans(fmt, path)):
            if not squash(t).startswith(header):
                print(rows, squash(t))
    elif cmd == "expected-spans":
        for rows, t in sorted(expected_spans(load_projects(path))):
            print(rows, squash(t))
    elif cmd == "contains":
        present = load_projects(sys.argv[4])
        absent = load_projects(sys.argv[5]) if len(sys.argv) > 5 else []
        text = squash(text_of(fmt, path))
        bad = 0
        for p in present:
            for s in [p["name"], p["unit"], p["funds"]["total"]] + [i["name"] for i in p["indicators"]]:
                if squash(s) not in text:
                    print("missing:", s)
                    bad = 1
        for s in distinctive(absent, present):
            if s in text:
                print("must not appear:", s)
                bad = 1
        sys.exit(bad)
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
