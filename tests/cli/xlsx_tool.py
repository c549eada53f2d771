#!/usr/bin/env python3
"""xlsx_tool.py — makes bad workbooks from a good one for the command tests (standard library only);
Word documents are zips too, and drop and put serve them as well.

  xlsx_tool.py drop IN OUT MEMBER             OUT is IN without MEMBER
  xlsx_tool.py put IN OUT MEMBER FILE         OUT is IN with MEMBER's content replaced by FILE's
  xlsx_tool.py bomb IN OUT MEMBER MIB [LIE]   MEMBER becomes valid XML inflating to MIB MiB (white
                                              space inside <sheetData>); with LIE its headers claim
                                              it is 100 bytes
  xlsx_tool.py huge-sheet OUT                 a workbook whose one sheet claims XFD1048576 and has a
                                              cell there, and a million empty rows
  xlsx_tool.py only IN OUT SHEET              OUT is IN with every sheet but SHEET hidden and renamed
                                              (_ before its name), so that a reader sees SHEET alone
"""
import re
import struct
import sys
import zipfile
import zlib

HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def copy(src, dst, skip=(), replace=None):
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            if info.filename in skip:
                continue
            data = replace.get(info.filename, zi.read(info)) if replace else zi.read(info)
            zo.writestr(info.filename, data)


def bomb(src, dst, member, mib, lie):
    """Writes member by hand as a deflated stream, so that its size need never be held in memory."""
    copy(src, dst, skip=(member,))
    comp = zlib.compressobj(1, zlib.DEFLATED, -15)
    spaces = b" " * (1 << 20)
    body, crc, size = [comp.compress(HEAD)], zlib.crc32(HEAD), len(HEAD)
    for _ in range(mib):
        body.append(comp.compress(spaces))
        crc = zlib.crc32(spaces, crc)
        size += len(spaces)
    body.append(comp.compress(TAIL))
    crc, size = zlib.crc32(TAIL, crc), size + len(TAIL)
    body.append(comp.flush())
    data = b"".join(body)
    claimed = 100 if lie else size
    with open(dst, "rb") as f:
        old = f.read()
    eocd = old.rfind(b"PK\x05\x06")
    n, cd_size, cd_off = struct.unpack("<HII", old[eocd + 10:eocd + 20])
    name = member.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), claimed, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), claimed,
                          len(name), 0, 0, 0, 0, 0, cd_off) + name
    out = old[:cd_off] + local + data + old[cd_off:cd_off + cd_size] + central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n + 1, n + 1, cd_size + len(central),
                       cd_off + len(local) + len(data), 0)
    with open(dst, "wb") as f:
        f.write(out)


def huge_sheet(dst):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rows = "".join('<row r="%d"/>' % r for r in range(2, 1048576))
    sheet = ('<worksheet %s><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
             '%s<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>' % (ns, rows))
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", '<workbook %s %s><sheets><sheet name="大表" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, rel))
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def only(src, dst, sheet):
    with zipfile.ZipFile(src) as zi:
        book = zi.read("xl/workbook.xml").decode()
    book = re.sub(r'<sheet name="(?!%s")([^"]*)"' % re.escape(sheet), r'<sheet state="hidden" name="_\1"', book)
    copy(src, dst, replace={"xl/workbook.xml": book.encode()})


def main(argv):
    cmd = argv[1]
    if cmd == "drop":
        copy(argv[2], argv[3], skip=(argv[4],))
    elif cmd == "put":
        copy(argv[2], argv[3], replace={argv[4]: open(argv[5], "rb").read()})
    elif cmd == "bomb":
        bomb(argv[2], argv[3], argv[4], int(argv[5]), len(argv) > 6)
    elif cmd == "huge-sheet":
        huge_sheet(argv[2])
    elif cmd == "only":
        only(argv[2], argv[3], argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
