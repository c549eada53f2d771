#!/bin/sh
# Real tables as published, in the other formats: six real tables of tests/data/real laid out as their
# pages lay them out, merged cells included (tests/data/real-layouts: header fields in pairs, 长期 and
# 实施期 goals beside the year's, 绩效标准 and 绩效指标描述 columns, paired 长期/年度 indicator columns,
# two projects in one table …), each as a Word document, a web page and a PDF made by LibreOffice.
# Each imports, with nothing on stderr, as a careful reader reads its text (its .expect.json, compared
# as t0019 compares, by real_corpus.py's differences) and to the same JSON as the import of its text.
. "$(dirname "$0")/lib.sh"

DATA="$JIXIAO_SRC/tests/data/real-layouts"
REAL="$JIXIAO_SRC/tests/data/real"

read_by_hand() { # read_by_hand STEM EXPORT.json: the export holds what tests/data/real/STEM.expect.json reads
	python3 - "$1" "$2" <<'PY'
import json, os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.environ["JIXIAO_SRC"], "tests", "cli"))
from real_corpus import differences, reading
with open(sys.argv[2], encoding="utf-8") as f:
    diff = differences(reading(sys.argv[1]), json.load(f)["projects"])
print("\n".join(diff))
sys.exit(1 if diff else 0)
PY
}

made_by_libreoffice() { # made_by_libreoffice STEM: its three documents are LibreOffice's, with merged cells
	python3 - "$DATA/$1.docx" <<'PY' &&
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    body = z.read("word/document.xml").decode()
    assert "LibreOffice" in z.read("docProps/app.xml").decode(), "not written by LibreOffice"
    assert "w:vMerge" in body and "w:gridSpan" in body, "no merged cells"
PY
	grep -q 'name="generator" content="LibreOffice' "$DATA/$1.html" &&
		grep -q 'rowspan="' "$DATA/$1.html" && grep -q 'colspan="' "$DATA/$1.html" &&
		pdfinfo "$DATA/$1.pdf" | grep -q '^Producer: *LibreOffice'
}

stems=$(cd "$DATA" && ls ./*.docx | sed 's|^\./||; s|\.docx$||')
expect_ok "six tables or more, each a real table's, as .docx, .html and .pdf" '
	test $(echo "$stems" | wc -l) -ge 6 &&
	for stem in $stems; do
		test -f "$REAL/$stem.expect.json" && test -f "$DATA/$stem.html" && test -f "$DATA/$stem.pdf" || exit 1
	done'
for stem in $stems; do
	expect_ok "$stem: made by LibreOffice, merged cells as w:vMerge and w:gridSpan, rowspan and colspan" \
		"made_by_libreoffice $stem"
done
for stem in $stems; do
	jixiao --db "$(store "$stem.txt")" import "$REAL/$stem.txt" >/dev/null && jixiao --db "$(store "$stem.txt")" export >"$stem.txt.json" ||
		exit 1
	expect_ok "$stem.txt imports as read by hand" "read_by_hand $stem $stem.txt.json"
	for ext in docx html pdf; do
		expect_ok "$stem.$ext imports as read by hand, and to the same JSON as its text" "
			jixiao --db $(store $stem.$ext) import '$DATA/$stem.$ext' >/dev/null 2>err && cat err && test ! -s err &&
			jixiao --db $(store $stem.$ext) export >$stem.$ext.json && read_by_hand $stem $stem.$ext.json &&
			same $stem.txt.json $stem.$ext.json"
	done
done
finish
