#!/bin/sh
# HTML in: the seed's five tables as web pages — as LibreOffice writes one, in GBK, on a noisy site
# page inside a layout table, with absurd spans — import to the same JSON as the seed's text; jixiao's
# own published page imports back to the tables it was made from; bad and hostile pages are refused
# with the place named (表N 第R行 第C列, or the line of the source), and leave the database as it was.
. "$(dirname "$0")/lib.sh"

DATA="$JIXIAO_SRC/tests/data/html"
jixiao --db "$(store seed)" import "$SEED" >/dev/null && jixiao --db "$(store seed)" export >seed.json || exit 1

for page in seed seed-gbk noisy hostile-spans; do
	expect_ok "$page.html imports to the seed's JSON" "
		jixiao --db $(store page-$page) import '$DATA/$page.html' >out &&
		grep -qx '已导入 5 个项目，70 条指标（新增 5，替换 0，未变 0）' out &&
		jixiao --db $(store page-$page) export >page-$page.json && same seed.json page-$page.json"
done
expect_ok "seed.html is a page as LibreOffice writes it, seed-gbk.html the same page in GBK" "
	grep -q 'name=\"generator\" content=\"LibreOffice' '$DATA/seed.html' &&
	grep -q 'charset=gbk' '$DATA/seed-gbk.html' && ! iconv -f UTF-8 -t UTF-8 '$DATA/seed-gbk.html' >/dev/null 2>&1"
expect_ok "a page read from a pipe, and with a BOM" "
	cat '$DATA/seed.html' | jixiao --db $(store pipe) import - >/dev/null &&
	jixiao --db $(store pipe) export >pipe.json && same seed.json pipe.json &&
	{ printf '\357\273\277'; cat '$DATA/noisy.html'; } >bom.html && jixiao --db $(store bom) import bom.html >/dev/null &&
	jixiao --db $(store bom) export >bom.json && same seed.json bom.json"
expect_ok "GBK without a declared charset is detected, as text is" "
	sed 's/charset=gbk//' '$DATA/seed-gbk.html' >undeclared.html &&
	jixiao --db $(store undeclared) import undeclared.html >/dev/null &&
	jixiao --db $(store undeclared) export >undeclared.json && same seed.json undeclared.json"
expect_ok "re-importing the seed from a page over its text changes nothing" "
	jixiao --db $(store seed) import '$DATA/noisy.html' | grep -qx '已导入 5 个项目，70 条指标（新增 0，替换 0，未变 5）'"
expect_ok "text that merely begins with '<' is still read as text" "
	{ printf '<附件1>\n'; cat '$SEED'; } >angle.txt &&
	jixiao --db $(store angle) import angle.txt | grep -qx '已导入 5 个项目，70 条指标（新增 5，替换 0，未变 0）'"

# publish → html → import: as in t0011 and t0012, four tables approved, one of them key; the page
# carries every table as approved, and nothing of status or flags (like the document form). A goal of
# two lines, with a run of spaces, keeps both: the page keeps them with CSS white-space: pre-line.
export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
store_copy seed pub
for p in 1 2 3 4 5; do jixiao --db "$(store pub)" submit $p >/dev/null || exit 1; done
for p in 1 3 4 5; do jixiao --db "$(store pub)" approve $p >/dev/null || exit 1; done
jixiao --db "$(store pub)" mark 1 --key >/dev/null && jixiao --db "$(store pub)" export 1 3 4 5 >published.json || exit 1
same_tables() { # same_tables A.json B.json: the same tables, status and flags aside
	python3 -c "
import json, sys
strip = lambda f: [{k: v for k, v in p.items() if k not in ('status', 'key', 'classified')}
                   for p in json.load(open(f))['projects']]
a, b = strip(sys.argv[1]), strip(sys.argv[2])
assert a == b, (a, b)
" "$1" "$2"
}
expect_ok "publish as HTML, import the page: the published tables, exactly" '
	jixiao --db "$(store pub)" publish --year 2021 --format html -o pub.html 2>/dev/null &&
	jixiao --db "$(store back)" import pub.html | grep -qx "已导入 4 个项目，55 条指标（新增 4，替换 0，未变 0）" &&
	jixiao --db "$(store back)" export >back.json && same_tables back.json published.json'
expect_ok "and over the store it came from, it changes nothing (status and flags kept)" '
	jixiao --db "$(store pub)" import pub.html | grep -qx "已导入 4 个项目，55 条指标（新增 0，替换 0，未变 4）" &&
	jixiao --db "$(store pub)" export 1 3 4 5 >again.json && same published.json again.json'
cat >goal.txt <<'EOF'
部门预算项目支出绩效目标表
(2022年度)
项目名称	两行目标项目
预算单位	测试局
项目资金(万元)	年度资金总额: 10.00
	其中: 财政拨款 10.00
	其他资金 0.00
总体目标	年度目标
	第一行：完成  任务。
	第二行：A & B <c>。
	一级指标	二级指标	三级指标	指标值
	产出指标	数量指标	人数（人）	≥10
	效益指标	社会效益指标	惠及群众	明显
	满意度指标	服务对象满意度指标	满意度（%）	≥95%
EOF
expect_ok "a goal of two lines, a run of spaces and markup characters reads back as written" '
	jixiao --db "$(store goal)" import goal.txt >/dev/null && jixiao --db "$(store goal)" submit 1 >/dev/null &&
	jixiao --db "$(store goal)" approve 1 >/dev/null && jixiao --db "$(store goal)" export >goal.json &&
	jixiao --db "$(store goal)" publish --year 2022 --format html -o goal.html 2>/dev/null &&
	jixiao --db "$(store goal-back)" import goal.html >/dev/null && jixiao --db "$(store goal-back)" export >goal-back.json &&
	same_tables goal.json goal-back.json && grep -qF "第一行：完成  任务。\\n第二行：A & B <c>。" goal-back.json'
unset JIXIAO_NOW JIXIAO_USER

# Bad pages: exit 2, the place named, the database as it was (its dump compared).
store_dump seed >before.sql || exit 1
cat >bad.html <<'EOF'
<!DOCTYPE html><html><body>
<h2>部门预算项目支出绩效目标表</h2>
<p>(2021年度)</p>
<table border="1">
<tr><td>项目名称</td><td colspan="4">测试项目</td></tr>
<tr><td>预算单位</td><td colspan="4">测试局</td></tr>
<tr><td rowspan="3">项目资金（万元）</td><td colspan="2">年度资金总额</td><td colspan="2">10.00</td></tr>
<tr><td colspan="2">其中：财政拨款</td><td colspan="2">10.00</td></tr>
<tr><td colspan="2">其他资金</td><td colspan="2">0.00</td></tr>
<tr><td rowspan="2">总体目标</td><td colspan="4">年度目标</td></tr>
<tr><td colspan="4">完成任务。</td></tr>
<tr><td rowspan="3">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>人数（人）</td><td>≥10</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>满意度（%）</td><td>≥95%</td><td>多余</td></tr>
</table></body></html>
EOF
expect_ok "a cell too many names the table, row and grid column (under a rowspan)" \
	"refused bad.html 'bad.html: 表1 第10行 第6列: 一行应只有指标名称和指标值，多出“多余”'"
sed 's|<p>(2021年度)</p>|<p>(2021年度)</p>\n<p>附注：本表为示例</p>|' bad.html >bad-text.html
expect_ok "a line of text inside a table names the line of the source" \
	"refused bad-text.html 'bad-text.html: 第4行: 无法识别的表头“附注：本表为示例”'"
sed '/项目名称/d' bad.html >no-name.html
expect_ok "a table without a name names the line its title is on" \
	"refused no-name.html 'no-name.html: 第2行: 此处开始的绩效目标表缺少项目名称'"
printf '<html><body><p>本页没有表格。</p></body></html>\n' >empty.html
expect_ok "a page without target tables" "refused empty.html 'empty.html: 网页中没有找到绩效目标表'"
expect_ok "a row of 10,000 cells is refused at the 65th" \
	"refused '$DATA/hostile-columns.html' 'hostile-columns.html: 表1 第24行 第65列: 一行的单元格超过 64 个'"
expect_ok "20,000 nested <div>s are refused before the parser sees them" \
	"refused '$DATA/hostile-deep.html' 'hostile-deep.html: 第8行: 网页中的元素嵌套超过 256 层'"
python3 -c "print('<html><body>' + '<table><tr><td>' * 20000)" >tables.html
python3 -c "print('<html><body>' + ''.join('<p><b class=b%d>x</p>' % i for i in range(20000)))" >bomb.html
MEASURE="timeout 20" # gumbo alone takes a minute over the tables, and runs out of memory over the other
expect_ok "20,000 nested tables, and formatting reopened 20,000 deep, are refused at once" "
	refused tables.html 'tables.html: 第1行: 网页中的元素嵌套超过 256 层' &&
	refused bomb.html 'bomb.html: 第1行: 网页中的元素嵌套超过 256 层'"
MEASURE=
printf '<html><head><meta charset="gbk"></head><body>\n<p>\262\277\303\305</p>\n<p>\377\376</p>\n' >bad-gbk.html
expect_ok "bytes invalid in the declared GBK name the line" \
	"refused bad-gbk.html 'bad-gbk.html: 第3行: 不是有效的 GB18030 文本（网页声明的编码为 gbk）'"
sed 's/charset=gbk/charset=UTF-8/' "$DATA/seed-gbk.html" >lying.html
line=$(LC_ALL=C grep -n -m 1 "$(printf '[\200-\377]')" lying.html | cut -d: -f1)
expect_ok "GBK declared as UTF-8 is refused naming the line of the first bad byte" \
	"refused lying.html 'lying.html: 第${line}行: 不是有效的 UTF-8 文本（网页声明的编码为 utf-8）'"
printf '<html><body>\n<p>a\000b</p>\n' >nul.html
expect_ok "a NUL byte" "refused nul.html 'nul.html: 第2行: 含有 NUL 字节'"
printf '<html><body>' >big.html && truncate -s 65M big.html
expect_ok "a page over 64 MiB, as a file and from a pipe" "
	refused big.html 'big.html: 网页超过 64 MiB' && refused - 'stdin>: 网页超过 64 MiB' <big.html"
expect_fail 2 "a good page and a bad one in one import store nothing" "
	jixiao --db $(store none) import '$DATA/seed.html' bad.html 2>err; rc=\$?; grep -qF '表1 第10行' err &&
	test \$(jixiao --db $(store none) list | wc -l) -le 1 && exit \$rc"
finish
