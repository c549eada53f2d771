#!/bin/sh
# PDF in: jixiao's own published PDF imports back to the tables it was made from; the seed's five
# tables in a PDF made by LibreOffice (bordered grids, merged cells, names wrapped in their cells, a
# table continued on the next page) import to the same JSON as the seed's text; a self-evaluation PDF
# holds no target tables; a scan, a locked, a cut-short, a damaged and an oversized PDF are refused
# saying why, and a bad cell is named by page, line and column, each leaving the database as it was.
. "$(dirname "$0")/lib.sh"

DATA="$JIXIAO_SRC/tests/data/pdf"
jixiao --db "$(store seed)" import "$SEED" >/dev/null && jixiao --db "$(store seed)" export >seed.json || exit 1

# publish → pdf → import: as t0012 does for XLSX, four tables approved, one of them key.
export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
store_copy seed pub
for p in 1 2 3 4 5; do jixiao --db "$(store pub)" submit $p >/dev/null || exit 1; done
for p in 1 3 4 5; do jixiao --db "$(store pub)" approve $p >/dev/null || exit 1; done
jixiao --db "$(store pub)" mark 1 --key >/dev/null && jixiao --db "$(store pub)" export 1 3 4 5 >published.json || exit 1
jixiao --db "$(store pub)" publish --year 2021 --format pdf -o pub.pdf 2>/dev/null || exit 1

expect_ok "publish as PDF, import the PDF: the published tables, exactly, and nothing on stderr" '
	jixiao --db "$(store back)" import pub.pdf >out 2>err && test ! -s err &&
	grep -qx "已导入 4 个项目，55 条指标（新增 4，替换 0，未变 0）" out &&
	jixiao --db "$(store back)" export >back.json && same_tables back.json published.json'
expect_ok "and over the store it came from, it changes nothing (status and flags kept)" '
	jixiao --db "$(store pub)" import pub.pdf | grep -qx "已导入 4 个项目，55 条指标（新增 0，替换 0，未变 4）" &&
	jixiao --db "$(store pub)" export 1 3 4 5 >again.json && same published.json again.json'

jixiao --db "$(store seed)" export --format text 3 | sed 's/受助人员。 2\. 抓好/受助人员。\n\t2. 抓好/' >two.txt &&
	jixiao --db "$(store two)" import two.txt >/dev/null && jixiao --db "$(store two)" submit 1 >/dev/null &&
	jixiao --db "$(store two)" approve 1 >/dev/null && jixiao --db "$(store two)" export >two.json || exit 1
expect_ok "a goal of two paragraphs reads back as two lines" '
	grep -qF "受助人员。\\n2. 抓好" two.json &&
	jixiao --db "$(store two)" publish --year 2021 --format pdf -o two.pdf 2>/dev/null &&
	jixiao --db "$(store two-back)" import two.pdf >/dev/null && jixiao --db "$(store two-back)" export >two-back.json &&
	same_tables two-back.json two.json'

expect_ok "the seed made into a PDF by LibreOffice imports to the seed's JSON" "
	jixiao --db $(store lo) import '$DATA/seed.pdf' >out 2>err && test ! -s err &&
	grep -qx '已导入 5 个项目，70 条指标（新增 5，替换 0，未变 0）' out &&
	jixiao --db $(store lo) export >lo.json && same seed.json lo.json"
expect_ok "a PDF read from a pipe" "
	cat '$DATA/seed.pdf' | jixiao --db $(store pipe) import - >/dev/null &&
	jixiao --db $(store pipe) export >pipe.json && same seed.json pipe.json"
expect_ok "re-importing the seed from the PDF over its text changes nothing" "
	jixiao --db $(store seed) import '$DATA/seed.pdf' | grep -qx '已导入 5 个项目，70 条指标（新增 0，替换 0，未变 5）'"

# Refused: exit 2, the reason and the file named, the database as it was (its dump compared).
store_dump seed >before.sql || exit 1
refused() { # refused FILE MESSAGE-PART: the import fails naming it, and the store is unchanged
	jixiao --db "$(store seed)" import "$1" >/dev/null 2>err
	rc=$?
	cat err
	[ "$rc" -eq 2 ] && grep -qF -- "$2" err && grep -qF "导入已取消，数据库没有任何改动" err &&
		store_dump seed >after.sql && same before.sql after.sql
}
jixiao --db "$(store pub)" score --all --format pdf -o score.pdf || exit 1
expect_ok "a self-evaluation PDF (项目支出绩效自评表) holds no target table" \
	"refused score.pdf 'score.pdf: 没有找到绩效目标表'"
expect_ok "a scan: no text layer" "refused '$DATA/scan.pdf' \
	'scan.pdf: 这是扫描件（没有文字层），无法读取表格：请先用文字识别（OCR）软件另存为带文字的 PDF，或导入原始的 Word/Excel 文件'"
expect_ok "a PDF with an open password" "refused '$DATA/locked.pdf' 'locked.pdf: PDF 文件设有打开密码'"
head -c 150000 "$DATA/seed.pdf" >truncated.pdf
expect_ok "a PDF cut short" "refused truncated.pdf 'truncated.pdf: PDF 文件不完整（缺少结尾标记 %%EOF）'"
printf '%%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 9 0 R >>\n%%%%EOF\n' >damaged.pdf
expect_ok "a damaged PDF" "refused damaged.pdf 'damaged.pdf: PDF 文件已损坏，无法打开'"
expect_ok "a bad cell is named by page, line and column" "refused '$DATA/bad-cell.pdf' \
	'bad-cell.pdf: 第2页 第5行 第2列: “年度资金总额”后应为金额（不为负'"
{ printf '%%PDF-1.7\n' && head -c 67108864 /dev/zero; } >big.pdf
expect_ok "a PDF over 64 MiB" "refused big.pdf 'big.pdf: PDF 文件超过 64 MiB'"
expect_fail 2 "a good PDF and a bad one in one import store nothing" "
	jixiao --db $(store none) import '$DATA/seed.pdf' '$DATA/scan.pdf' 2>err; rc=\$?; grep -qF scan.pdf err &&
	test \$(jixiao --db $(store none) list | wc -l) -le 1 && exit \$rc"
finish
