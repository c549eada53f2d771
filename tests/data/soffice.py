"""soffice.py — shared by the fixture scripts (xlsx/make-fixtures.py, docx/make-fixtures.py): flat
OpenDocument files written by hand, converted by LibreOffice, so that the fixtures are Office files
made by other software. LibreOffice only makes fixtures; no test runs it.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape


def flat_document(kind, head, body):
    """A flat OpenDocument of kind "spreadsheet" or "text": head (meta, styles) and body are its XML."""
    return """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.%s">
%s
<office:body><office:%s>
%s
</office:%s></office:body></office:document>
""" % (kind, head, kind, body, kind)


def covered_cells(spans):
    """The cells merged ranges cover, but their first: spans maps (row, col) to (rows, cols)."""
    return {(r + i, c + j) for (r, c), (rows, cols) in spans.items() for i in range(rows) for j in range(cols)
            if i or j}


def table_xml(rows, columns, cell, name=None):
    """An ODF table of rows × columns, cell(r, c) giving the XML of each cell."""
    named = ' table:name="%s"' % escape(name) if name is not None else ""
    out = ['<table:table%s><table:table-column table:number-columns-repeated="%d"/>' % (named, columns)]
    for r in range(rows):
        out.append("<table:table-row>%s</table:table-row>" % "".join(cell(r, c) for c in range(columns)))
    out.append("</table:table>")
    return "\n".join(out)


def convert(documents, ext, fmt, outdir, package):
    """Writes each (name, flat ODF XML) of documents as outdir/name.fmt through name.ext (.fods, .fodt),
    printing the LibreOffice version first. package: the Debian package that brings soffice."""
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("make-fixtures.py: soffice not found (apt-get install %s)" % package)
    print("soffice:", subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip())
    with tempfile.TemporaryDirectory() as tmp:
        for name, xml in documents:
            src = os.path.join(tmp, name + ext)
            with open(src, "w", encoding="utf-8") as f:
                f.write(xml)
            subprocess.run([soffice, "--headless", "-env:UserInstallation=file://%s/profile" % tmp,
                            "--convert-to", fmt, "--outdir", outdir, src],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print("wrote", os.path.join(outdir, name + "." + fmt))
