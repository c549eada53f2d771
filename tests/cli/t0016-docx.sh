#!/bin/sh
# Word in: the seed's five tables in a document made by LibreOffice (merged cells, the seed's prose
# before them) import to the same JSON as the seed's text, from a file and from a pipe; tracked changes,
# fields, page breaks and a layout table read as Word shows them; a .docx is told from an .xlsx by
# what the zip holds, not by its name; bad and hostile documents are refused with the table, row and
# column (or the paragraph) named, and leave the database exactly as it was.
. "$(dirname "$0")/lib.sh"

DATA="$JIXIAO_SRC/tests/data/docx"
TOOL="python3 $JIXIAO_SRC/tests/cli/xlsx_tool.py"
jixiao --db "$(store seed)" import "$SEED" >/dev/null && jixiao --db "$(store seed)" export >seed.json || exit 1

expect_ok "the seed as a Word document, made by LibreOffice, imports to the seed's JSON" "
	jixiao --db $(store docx) import '$DATA/seed.docx' >out &&
	grep -qx '已导入 5 个项目，70 条指标（新增 5，替换 0，未变 0）' out &&
	jixiao --db $(store docx) export >docx.json && same seed.json docx.json"
expect_ok "a document read from a pipe and from redirected standard input" "
	cat '$DATA/seed.docx' | imports_as seed.json - && imports_as seed.json - <'$DATA/seed.docx'"
expect_ok "re-importing the seed from the document over its text changes nothing" "
	jixiao --db $(store seed) import '$DATA/seed.docx' | grep -qx '已导入 5 个项目，70 条指标（新增 0，替换 0，未变 5）'"
jixiao --db "$(store seed)" export 3 4 >relief-pension.json && jixiao --db "$(store seed)" export 5 >census.json || exit 1
expect_ok "deleted words, field codes and a page break are read as Word shows them" "
	imports_as relief-pension.json '$DATA/revisions.docx'"
expect_ok "a table framed by a layout table, its title in the frame, reads as if unframed" "
	imports_as census.json '$DATA/nested.docx'"

# The dispatch: by content, whatever the name; workbooks and documents side by side.
cp "$DATA/seed.docx" disguised.xlsx && cp "$JIXIAO_SRC/tests/data/xlsx/seed-flat.xlsx" disguised.docx || exit 1
expect_ok "a document named .xlsx is read as a document, a workbook named .docx as a workbook" "
	imports_as seed.json disguised.xlsx && imports_as seed.json disguised.docx"
expect_fail 2 "a document and a workbook of the same tables in one import: both read, the repeat named" "
	jixiao --db $(store both) import '$DATA/seed.docx' disguised.docx 2>err; rc=\$?; cat err
	grep -qF '在本次导入中出现了两次：$DATA/seed.docx:' err && exit \$rc"

# Bad documents: exit 2, the place named, the database as it was (refused, in lib.sh).
store_dump seed >before.sql || exit 1
expect_ok "a negative amount names its table, row and column" "
	refused '$DATA/bad-cell.docx' 'bad-cell.docx: 表1 第3行 第4列: “年度资金总额”后应为金额（不为负'"
expect_ok "a stray paragraph under a title names the paragraph" "
	refused '$DATA/bad-para.docx' 'bad-para.docx: 第3段: 无法识别的表头“备注说明”'"
expect_ok "a zip holding neither a document nor a workbook" "
	refused '$DATA/neither.docx' 'neither.docx: 不是 Excel 工作簿或 Word 文档'"
expect_ok "a truncated document" "refused '$DATA/truncated.docx' 'truncated.docx: 不是完整的 XLSX 或 DOCX 文件'"
expect_ok "a cell spanning four billion columns" "
	refused '$DATA/gridspan.docx' 'gridspan.docx: 表1 第4行 第2列: 合并的列数（gridSpan）“4294967296”超出上限'"
expect_ok "tables nested 100,000 deep stop at the ninth" "refused '$DATA/deep-tables.docx' 'deep-tables.docx: 表8 第1行 第1列: 表格嵌套超过 8 层'"
MEASURE="/usr/bin/time -f %M -o rss" # peak RSS in KiB, sanitizers' shadow memory included
expect_ok "elements nested 100,000 deep stop at the XML parser's memory cap, memory flat" "
	refused '$DATA/deep.docx' 'deep.docx: word/document.xml 第1行: XML 的单个标记过长或嵌套过深' &&
	test \$(tail -n 1 rss) -lt 300000"
MEASURE=
printf '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:p>' >bad.xml
$TOOL put "$DATA/seed.docx" badxml.docx word/document.xml bad.xml
expect_ok "bad XML names the member, line and column" "refused badxml.docx 'badxml.docx: word/document.xml 第1行第'"
printf '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="x"><w:body/></w:document>' >doctype.xml
$TOOL put "$DATA/seed.docx" doctype.docx word/document.xml doctype.xml
expect_ok "a DOCTYPE is refused" "refused doctype.docx 'doctype.docx: word/document.xml: 不接受 DOCTYPE 声明'"
printf '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>情况说明</w:t></w:r></w:p></w:body></w:document>' >prose.xml
$TOOL put "$DATA/seed.docx" prose.docx word/document.xml prose.xml
expect_ok "a document without a target table says what it looked for" "refused prose.docx 'prose.docx: 没有找到绩效目标表'"
printf '\320\317\021\340\241\261\032\341 an old document' >old.doc
expect_ok "an old .doc is told to be saved as .docx" "refused old.doc '这是旧版 Excel 或 Word 文件（.xls、.doc）'"
expect_ok "a good input and a bad document in one import store nothing" "none_stored '$DATA/bad-cell.docx' '表1 第3行'"
finish
