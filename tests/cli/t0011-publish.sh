#!/bin/sh
# Disclosure: from the seed, with the four tables that pass review approved and the pension table
# marked classified, every format holds exactly the other three approved tables, the statement's money
# is their sum, nothing of the classified or the unapproved table appears anywhere; versions are frozen,
# listed, re-rendered byte for byte and compared.
. "$(dirname "$0")/lib.sh"

P="python3 $JIXIAO_SRC/tests/cli/publication.py"
export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
jixiao import "$SEED" >/dev/null || exit 1
for p in 1 2 3 4 5; do jixiao submit $p >/dev/null || exit 1; done
for p in 1 3 4 5; do jixiao approve $p >/dev/null || exit 1; done
jixiao export 1 3 5 >present.json && jixiao export 2 4 >absent.json || exit 1

expect_ok "mark the pension table classified and the epidemic one key" '
	jixiao mark 博湖县2021年城乡居民养老保险项目 --classified >out && jixiao mark 1 --key >>out &&
	printf "项目 4 已标记\n项目 1 已标记\n" >want && same want out'
expect_ok "marks go into the history" '
	jixiao history 4 | grep -qF "标记涉密  涉密：否 → 是" && jixiao history 1 | grep -qF "标记重点  重点项目：否 → 是"'
expect_fail 2 "mark needs a flag" 'jixiao mark 4'
expect_fail 2 "mark needs a project" 'jixiao mark --key'
expect_fail 2 "mark of an unknown project" 'jixiao mark 99 --key'

expect_ok "publish the year as HTML: version 1" '
	jixiao publish --year 2021 --format html -o pub.html 2>err &&
	grep -qF "已公开第 1 版：2021年度，3 张绩效目标表，资金合计 3202.93 万元" err'
for f in pdf xlsx csv json text; do
	expect_ok "render version 1 as $f" "jixiao publish --version 1 --format $f -o pub.$f"
done

# every format byte for byte as jixiao wrote it before publications streamed (expect/seed-publish.*,
# written by that build): a version's output does not depend on how it is built, kept or read back
for f in html pdf xlsx csv json text; do
	expect_ok "$f is the same bytes as before publications streamed" "cmp \"\$EXPECT/seed-publish.$f\" pub.$f"
done
for f in html pdf xlsx csv json text; do
	expect_ok "$f holds the three tables and nothing of the classified or unapproved ones" \
		"$P contains $f pub.$f present.json absent.json"
done
expect_ok "the statement's figures, in the seed's words, in every format" '
	for f in html pdf xlsx text; do
		$P text $f pub.$f | tr -d " \n" >t.$f &&
		grep -qF "0个部门设置了部门整体支出绩效目标，3个预算单位编制了3个项目的绩效目标，涉及资金3202.93万元" t.$f &&
		grep -qF "其中重点项目1个：博湖县2021年疫情防控项目" t.$f &&
		grep -qF "除涉密信息外" t.$f || { echo "in $f"; exit 1; }
	done'
expect_ok "the money is the sum of the published tables (3033.00 + 109.98 + 59.95)" '
	python3 -c "
import json
from decimal import Decimal
d = json.load(open(\"pub.json\"))
tot = sum(Decimal(p[\"funds\"][\"total\"]) for p in d[\"projects\"])
assert d[\"statement\"][\"money\"] == str(tot) == \"3202.93\", d[\"statement\"]
assert [p[\"name\"][3:] for p in d[\"projects\"]] == [\"2021年疫情防控项目\", \"2021年困难群众救助及慰问项目\", \"2021年自然灾害综合风险普查项目\"]
assert d[\"statement\"][\"key_projects\"] == [\"博湖县2021年疫情防控项目\"]
assert (d[\"statement\"][\"units\"], d[\"statement\"][\"projects\"], d[\"statement\"][\"departments\"]) == (3, 3, 0)
"'

# HTML: self-contained, printable, readable on a phone, with the levels merged as in the documents.
expect_ok "HTML fetches nothing" '! grep -Eiq "<link|<script|<img|src=|url\(|@import|https?:" pub.html'
expect_ok "HTML prints on A4 a table per page and fits a phone" '
	grep -qF "@page{size:A4" pub.html && grep -qF "page-break-before:always" pub.html &&
	grep -qF "name=\"viewport\" content=\"width=device-width" pub.html && grep -qF "@media (max-width:" pub.html'
expect_ok "HTML merges the level cells over their rows as the documents do" '
	$P spans html pub.html >got && $P expected-spans json present.json >want && same want got &&
	grep -qx "10 产出指标" got'

# CSV: a row per indicator, the project repeated, BOM, RFC 4180.
expect_ok "CSV: UTF-8 with a BOM, a header and a row per indicator (15 + 11 + 14)" '
	head -c 3 pub.csv | od -An -tx1 | grep -q "ef bb bf" && python3 -c "
import csv
rows = list(csv.reader(open(\"pub.csv\", encoding=\"utf-8-sig\", newline=\"\")))
head, body = rows[0], rows[1:]
assert head[:5] == [\"年度\", \"类型\", \"项目名称\", \"预算单位\", \"年度资金总额（万元）\"], head
assert len(body) == 40 and all(len(r) == len(head) for r in body), len(body)
names = [r[2] for r in body]
assert names.count(\"博湖县2021年疫情防控项目\") == 15 and names.count(\"博湖县2021年困难群众救助及慰问项目\") == 11
assert all(r[4] == \"3033.00\" for r in body if r[2] == \"博湖县2021年疫情防控项目\")
"'
expect_ok "CSV keeps a spreadsheet from reading =100.0% as a formula" '
	grep -q ",'"'"'=100.0%" pub.csv && ! grep -q ",=100" pub.csv'

# PDF: Chinese text with an embedded CJK font, A4, extractable.
expect_ok "PDF: A4 pages, every font embedded" '
	pdfinfo pub.pdf >info && grep -q "^Page size: .*(A4)" info && test "$(sed -n "s/^Pages: *//p" info)" -eq 4 &&
	pdffonts pub.pdf >fonts && test "$(wc -l <fonts)" -gt 2 && awk "NR > 2 && \$(NF - 4) != \"yes\" { exit 1 }" fonts'
expect_ok "PDF pages carry ink where the Chinese is (the statement page rasterised)" '
	pdftoppm -r 40 -gray -f 1 -l 1 pub.pdf pg && python3 -c "
import glob
data = open(glob.glob(\"pg*.pgm\")[0], \"rb\").read()
dark = sum(1 for b in data[-400000:] if b < 128)
assert dark > 2000, dark
"'
expect_ok "PDF text extracts, with every table's header block" '
	pdftotext -enc UTF-8 pub.pdf - | tr -d " \n" >pdf.txt &&
	test "$(grep -o 部门预算项目支出绩效目标表 pdf.txt | wc -l)" -ge 3 &&
	grep -qF "年度资金总额" pdf.txt && grep -qF "其中：财政拨款" pdf.txt && grep -qF "≥700000" pdf.txt'

# XLSX: LibreOffice opens it, with the level cells merged in each table's sheet.
expect_ok "LibreOffice opens the workbook and keeps its merged cells" '
	soffice --headless "-env:UserInstallation=file://$TMP/lo" --convert-to ods --outdir "$TMP" pub.xlsx >/dev/null 2>&1 &&
	$P spans ods pub.ods >got && $P expected-spans json present.json >want && same want got'
expect_ok "the workbook has a summary sheet, a sheet per table and a flat sheet of 40 indicators" '
	python3 -c "
import sys; sys.path.insert(0, \"$JIXIAO_SRC/tests/cli\")
import publication as p
cells = p.ods_cells(\"pub.ods\")
sheets = []
for c in cells:
    if c[0] not in sheets: sheets.append(c[0])
assert len(sheets) == 5, sheets
assert sheets[:2] == [\"公开说明\", \"指标清单\"], sheets
flat = [c for c in cells if c[0] == \"指标清单\"]
assert sum(1 for c in flat if c[1] == \"博湖县2021年困难群众救助及慰问项目\") == 11, len(flat)
"'

# Versions: frozen, listed, byte-identical, compared.
expect_ok "every format renders a version to the same bytes again" '
	for f in html pdf xlsx csv json text; do
		jixiao publish --version 1 --format $f -o again.$f && cmp pub.$f again.$f || exit 1
	done'
expect_ok "the same data published again gives the same bytes and makes no new version" '
	JIXIAO_NOW=2026-11-30T09:00:00Z jixiao publish --year 2021 --format pdf -o v2.pdf 2>err && cmp pub.pdf v2.pdf &&
	grep -qF "内容与第 1 版相同，没有保存新版本" err &&
	JIXIAO_NOW=2026-11-30T09:00:00Z jixiao publish --version 1 --format xlsx -o v2.xlsx && cmp pub.xlsx v2.xlsx &&
	test "$(jixiao publications | wc -l)" -eq 2'
expect_ok "publications lists the versions with time (Beijing), account, tables and money" '
	jixiao publications >list && sed -n 2p list | grep -q "^ *1  2021  2026-11-29 11:00:00  财政局 .* 3 .* 3202.93  全部"'
expect_ok "the text form re-imports: the published tables are the approved ones" '
	jixiao --db "$(store re)" import pub.text >/dev/null && jixiao --db "$(store re)" export >re.json && python3 -c "
import json
a = json.load(open(\"re.json\"))[\"projects\"]; b = json.load(open(\"present.json\"))[\"projects\"]
strip = lambda ps: [{k: v for k, v in p.items() if k in (\"name\", \"unit\", \"funds\", \"goal\", \"indicators\")} for p in ps]
assert strip(a) == strip(b)
"'

expect_ok "the JSON form re-imports too, its statement set aside" '
	jixiao --db "$(store rj)" import pub.json >/dev/null && jixiao --db "$(store rj)" export >rj.json && python3 -c "
import json
a = json.load(open(\"rj.json\"))[\"projects\"]; b = json.load(open(\"present.json\"))[\"projects\"]
strip = lambda ps: [{k: v for k, v in p.items() if k in (\"name\", \"unit\", \"funds\", \"goal\", \"indicators\")} for p in ps]
assert strip(a) == strip(b)
assert [p[\"key\"] for p in a] == [True, False, False] and all(p[\"status\"] == \"draft\" for p in a)
"'

# A withdrawal, an adjustment and an addition, then the diff.
jixiao mark 5 --classified >/dev/null
jixiao export --format text 3 | sed "s/≥95.0%/≥96.0%/" >adjusted.txt
jixiao import adjusted.txt >/dev/null && jixiao submit 3 >/dev/null
expect_ok "an adjusted table stays published as approved until approved again" '
	jixiao publish --year 2021 --format json -o v3.json 2>/dev/null &&
	python3 -c "
import json
d = json.load(open(\"v3.json\"))
assert [p[\"name\"][3:] for p in d[\"projects\"]] == [\"2021年疫情防控项目\", \"2021年困难群众救助及慰问项目\"]
assert d[\"statement\"][\"money\"] == \"3142.98\"
"'
jixiao approve 3 >/dev/null
jixiao mark 1 --no-key >/dev/null
# issue 17: the withdrawn table is classified now, and a diff (which may itself be published) names it
# nowhere; the statement's figures, as published, still change
expect_ok "diff names no table classified now, only the statement's figures" '
	jixiao publish --diff 1 2 >out && ! grep -q "自然灾害综合风险普查" out &&
	grep -qF "说明  项目表：3 → 2" out && grep -qF "说明  资金（万元）：3202.93 → 3142.98" out &&
	jixiao publish --diff 2 1 --format json | python3 -c "
import json, sys
text = sys.stdin.read()
assert \"自然灾害综合风险普查\" not in text, text
assert json.loads(text)[\"added\"] == []
"'
expect_ok "diff names the adjusted target" '
	JIXIAO_NOW=2026-12-01T00:00:00Z jixiao publish --year 2021 --format text -o v4.txt 2>/dev/null &&
	jixiao publish --diff 2 3 >out && grep -qF "调整  博湖县2021年困难群众救助及慰问项目" out && grep -qF "≥95.0% → ≥96.0%" out'
expect_ok "diff as JSON: added, withdrawn, changed" '
	jixiao publish --diff 3 1 --format json >out && python3 -c "
import json
d = json.load(open(\"out\"))
assert d[\"added\"] == [] and d[\"withdrawn\"] == [], d  # the table added in 1 is classified now
assert [c[\"name\"] for c in d[\"changed\"]] == [\"博湖县2021年疫情防控项目\", \"博湖县2021年困难群众救助及慰问项目\"], d
assert {\"field\": \"key_projects\", \"before\": \"（无）\", \"after\": \"博湖县2021年疫情防控项目\"} in d[\"statement\"], d
"'
expect_ok "diff names the key projects taken off" 'jixiao publish --diff 2 3 | grep -qF "说明  重点项目：博湖县2021年疫情防控项目 → （无）"'
expect_ok "a version compares equal to itself" 'jixiao publish --diff 3 3 | grep -qF "两个版本公开的绩效目标表相同"'
expect_ok "--key-only attaches the key tables only; the figures cover all" '
	jixiao mark 3 --key >/dev/null && jixiao publish --year 2021 --key-only --format json -o k.json 2>/dev/null &&
	python3 -c "
import json
d = json.load(open(\"k.json\"))
assert [p[\"name\"] for p in d[\"projects\"]] == [\"博湖县2021年困难群众救助及慰问项目\"]
assert d[\"statement\"][\"projects\"] == 2 and d[\"statement\"][\"money\"] == \"3142.98\"
"'

expect_ok "a table imported as approved in JSON is not published: only the workflow approves" '
	printf "%s\n" "{\"projects\": [{\"year\": 2021, \"name\": \"未审核项目\", \"unit\": \"某单位\", \"funds\": {\"total\": \"10.00\"}, \"key\": true, \"status\": \"approved\", \"indicators\": []}]}" >unreviewed.json &&
	jixiao import unreviewed.json >/dev/null && jixiao publish --year 2021 --format text -o u.txt 2>/dev/null &&
	! grep -q 未审核项目 u.txt'
expect_fail 2 "an unknown version" 'jixiao publish --version 99 --format html'
expect_fail 2 "a year with nothing to publish saves no version" 'jixiao publish --year 2030 --format html'
expect_ok "and says why" '! jixiao publish --year 2030 --format html 2>err; grep -qF "2030年度没有可以公开的绩效目标表" err &&
	test "$(jixiao publications | wc -l)" -eq 6'
expect_fail 2 "an unknown format" 'jixiao publish --year 2021 --format docx'
expect_fail 2 "no year and no version" 'jixiao publish --format html'
expect_fail 2 "--diff needs two versions" 'jixiao publish --diff 1'
expect_fail 2 "a failed write saves no version" 'jixiao publish --year 2021 --format html -o /nonexistent/dir/x.html'
expect_ok "and leaves the list as it was" 'test "$(jixiao publications | wc -l)" -eq 6'
expect_fail 2 "--key-only with no key project saves nothing" 'jixiao mark 3 --no-key >/dev/null && jixiao publish --year 2021 --key-only --format text'
expect_ok "and the list stays" 'test "$(jixiao publications | wc -l)" -eq 6 && jixiao mark 3 --key >/dev/null'
for bad in "--version 1x" "--version 4294967297" "--version 0" "--diff 1x 2" "--diff 1 2y" "--diff 1 2 3" "--diff 1 2 --year 2021" \
	"--version 1 --key-only --format text" "--year 2021 --version 1 --format text"; do
	expect_fail 2 "publish $bad is refused" "jixiao publish $bad"
done
expect_ok "a version holding a table marked classified since is not output again" '
	! jixiao publish --version 1 --format html -o old.html 2>err &&
	grep -qF "第 1 版中的“博湖县2021年自然灾害综合风险普查项目”现已标记为涉密" err && test ! -e old.html'
expect_ok "an altered version is refused" '
	store_sql jixiao "UPDATE publication SET head = replace(head, '\''3142.98'\'', '\''9999.99'\'') WHERE version = 3" &&
	! jixiao publish --version 3 --format text 2>err && grep -qF "第 3 版公开的内容与保存时的摘要不符" err'
expect_ok "-o to a device writes to it and leaves it a device" '
	jixiao publish --version 4 --format text -o /dev/null && test -c /dev/null'
expect_ok "-o through a symbolic link replaces the file it names and keeps the link" '
	echo old >real.txt && ln -s real.txt link.txt && jixiao publish --version 4 --format text -o link.txt &&
	test -L link.txt && grep -q 公开说明 real.txt'
expect_ok "a publication whose tables cannot be kept for the save (no temporary file) is cancelled whole" '
	jixiao publications >before && jixiao mark 3 --no-key >/dev/null &&
	! TMPDIR=/nonexistent-dir jixiao publish --year 2021 --format json -o tmp.json 2>err &&
	grep -qF "无法在 /nonexistent-dir 创建临时文件" err && grep -qF "公开已取消，没有保存新版本" err &&
	test ! -e tmp.json && jixiao publications >after && same before after &&
	jixiao publish --year 2021 --format json -o tmp.json 2>err && grep -qF "已公开第" err && test -s tmp.json'
finish
