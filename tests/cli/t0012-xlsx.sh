#!/bin/sh
# Excel in: the seed's five tables in workbooks made by LibreOffice, in the official and the flat
# layout, import to the same JSON as the seed's text; jixiao's own published workbook imports back to
# the tables it was made from; bad and hostile workbooks are refused with the sheet and cell (or the
# zip member) named, and leave the database exactly as it was.
. "$(dirname "$0")/lib.sh"

DATA="$JIXIAO_SRC/tests/data/xlsx"
TOOL="python3 $JIXIAO_SRC/tests/cli/xlsx_tool.py"
jixiao --db "$(store seed)" import "$SEED" >/dev/null && jixiao --db "$(store seed)" export >seed.json || exit 1

for layout in official flat; do
	expect_ok "the seed in the $layout layout, made by LibreOffice, imports to the seed's JSON" "
		jixiao --db $(store $layout) import '$DATA/seed-$layout.xlsx' >out &&
		grep -qx '已导入 5 个项目，70 条指标（新增 5，替换 0，未变 0）' out &&
		jixiao --db $(store $layout) export >$layout.json && same seed.json $layout.json"
done
expect_ok "a workbook read from a pipe and from redirected standard input" "
	cat '$DATA/seed-official.xlsx' | imports_as seed.json - && imports_as seed.json - <'$DATA/seed-flat.xlsx'"
expect_ok "re-importing the seed from a workbook over its text changes nothing" "
	jixiao --db $(store seed) import '$DATA/seed-official.xlsx' '$DATA/seed-flat.xlsx' 2>err; test \$? -eq 2 &&
	grep -qF '在本次导入中出现了两次' err &&
	jixiao --db $(store seed) import '$DATA/seed-official.xlsx' | grep -qx '已导入 5 个项目，70 条指标（新增 0，替换 0，未变 5）'"

# publish → xlsx → import: as in t0011, four tables approved, one of them key; the workbook carries
# every table as approved, and nothing of status or flags (like the document form).
export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
store_copy seed pub
for p in 1 2 3 4 5; do jixiao --db "$(store pub)" submit $p >/dev/null || exit 1; done
for p in 1 3 4 5; do jixiao --db "$(store pub)" approve $p >/dev/null || exit 1; done
jixiao --db "$(store pub)" mark 1 --key >/dev/null && jixiao --db "$(store pub)" export 1 3 4 5 >published.json || exit 1
expect_ok "publish as XLSX, import the workbook: the published tables, exactly" '
	jixiao --db "$(store pub)" publish --year 2021 --format xlsx -o pub.xlsx 2>/dev/null &&
	jixiao --db "$(store back)" import pub.xlsx | grep -qx "已导入 4 个项目，55 条指标（新增 4，替换 0，未变 0）" &&
	jixiao --db "$(store back)" export >back.json && same_tables back.json published.json'
expect_ok "and over the store it came from, it changes nothing (status and flags kept)" '
	jixiao --db "$(store pub)" import pub.xlsx | grep -qx "已导入 4 个项目，55 条指标（新增 0，替换 0，未变 4）" &&
	jixiao --db "$(store pub)" export 1 3 4 5 >again.json && same published.json again.json'

# Bad workbooks: exit 2, the place named, the database as it was (refused, in lib.sh).
store_dump seed >before.sql || exit 1
expect_ok "a formula error in a table names Sheet2!D14" "refused '$DATA/bad-cell.xlsx' 'bad-cell.xlsx: Sheet2!D14: 单元格是公式错误“#DIV/0!”'"
expect_ok "a project's rows disagreeing on its funds name the cell" "refused '$DATA/bad-flat.xlsx' 'bad-flat.xlsx: Sheet1!L4: 与本项目前面给出的年度资金总额不同'"
head -c 9000 "$DATA/seed-official.xlsx" >truncated.xlsx
expect_ok "a truncated workbook" "refused truncated.xlsx 'truncated.xlsx: 不是完整的 XLSX 或 DOCX 文件'"
$TOOL drop "$DATA/seed-official.xlsx" noworkbook.xlsx xl/workbook.xml
expect_ok "a zip without xl/workbook.xml" "refused noworkbook.xlsx 'noworkbook.xlsx: 不是 Excel 工作簿或 Word 文档'"
$TOOL drop "$DATA/seed-official.xlsx" nosheet.xlsx xl/worksheets/sheet3.xml
expect_ok "a sheet's part missing" "refused nosheet.xlsx 'nosheet.xlsx: 工作簿缺少 xl/worksheets/sheet3.xml'"
printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></row>' >bad.xml
$TOOL put "$DATA/seed-official.xlsx" badxml.xlsx xl/worksheets/sheet2.xml bad.xml
expect_ok "bad XML names the member, line and column" "refused badxml.xlsx 'xl/worksheets/sheet2.xml 第1行第'"
cat >lol.xml <<'LOL'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>
LOL
$TOOL put "$DATA/seed-official.xlsx" lol.xlsx xl/sharedStrings.xml lol.xml
expect_ok "entity declarations (billion laughs) are refused" "refused lol.xlsx 'xl/sharedStrings.xml: 不接受 DOCTYPE 声明'"
$TOOL bomb "$DATA/seed-official.xlsx" bomb.xlsx xl/worksheets/sheet1.xml 1100 lie
MEASURE="/usr/bin/time -f %M -o rss" # peak RSS in KiB, sanitizers' shadow memory included
expect_ok "a zip bomb whose headers claim 100 bytes stops at 1 GiB inflated, memory flat" "
	refused bomb.xlsx 'xl/worksheets/sheet1.xml 解压后超过 1024 MiB' && test \$(tail -n 1 rss) -lt 300000"
$TOOL huge-sheet huge.xlsx
expect_ok "a sheet claiming XFD1048576 and a million rows costs only what it holds" "
	refused huge.xlsx 'huge.xlsx: 没有找到绩效目标表' && test \$(tail -n 1 rss) -lt 300000"
MEASURE=
printf '\320\317\021\340\241\261\032\341 an old workbook' >old.xls
expect_ok "an old .xls is told to be saved as .xlsx" "refused old.xls '这是旧版 Excel 或 Word 文件（.xls、.doc）'"
expect_ok "a good input and a bad workbook in one import store nothing" "none_stored '$DATA/bad-flat.xlsx' 'Sheet1!L4'"
finish
