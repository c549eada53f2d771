#!/bin/sh
# Bad input gets a clear message naming where it is wrong, exit status 2, and changes nothing.
. "$(dirname "$0")/lib.sh"

jixiao import "$SEED" >/dev/null && jixiao export >before.json || exit 1

# bad FILE FRAGMENT: importing FILE fails with status 2, says FRAGMENT, and leaves the database as it was.
bad() {
	jixiao import "$@" >out 2>err
	rc=$?
	shift $(($# - 1))
	[ $rc -eq 2 ] || { echo "exit status $rc"; return 1; }
	grep -qF -- "$1" err || { cat err; return 1; }
	grep -qF "导入已取消" err || return 1
	jixiao export >after.json && same before.json after.json
}

# table [LINES…]: a well-formed table whose header or rows the caller overrides.
table() {
	printf '部门预算项目支出绩效目标表\n(2022年度)\n项目名称\t%s\n预算单位\t某局\n' "${NAME:-测试项目}"
	printf '项目资金(万元)\t年度资金总额: %s\n\t其中: 财政拨款 10.00\n\t其他资金 0.00\n' "${TOTAL:-10.00}"
	printf '总体目标\t年度目标\n\t完成培训。\n\t一级指标\t二级指标\t三级指标\t指标值\n'
	printf '%s\n' "${ROWS:-绩效指标	产出指标	数量指标	培训次数(次)	≥10}"
}

: >empty.txt
expect_ok "an empty file" 'bad empty.txt "empty.txt: 文件为空"'
printf 'abc\000def\n' >nul.txt
expect_ok "binary data with a NUL byte" 'bad nul.txt "nul.txt:1: 含有 NUL 字节"'
printf '\377\376a\000b\000' >utf16.txt
expect_ok "UTF-16" 'bad utf16.txt "不支持 UTF-16"'
printf '\377\377\377\200\n' >garbage.txt
expect_ok "bytes that are neither UTF-8 nor GB18030" 'bad garbage.txt "既不是 UTF-8 也不是 GB18030"'
{ printf 'ok line\n'; head -c 70000 /dev/zero | tr '\0' 'a'; printf '\n\343\377\n'; } >late.txt
expect_ok "an undecodable byte after ASCII names its line" 'bad late.txt "late.txt:3: 无法识别的编码"'
expect_ok "a file with no table" 'bad "$EXPECT/seed-list.txt" "没有找到绩效目标表"'
table | sed "/^项目名称/d" >noname.txt
expect_ok "a table without a project name" 'bad noname.txt "noname.txt:1: 此处开始的绩效目标表缺少项目名称"'
table | sed "/年度)/d" >noyear.txt
expect_ok "a table without a year" 'bad noyear.txt "缺少年度"'
TOTAL=abc table >funds.txt
expect_ok "funds that are not an amount" 'bad funds.txt "funds.txt:5: 第2格: “年度资金总额”后应为金额"'
TOTAL=1.005 table >cents.txt
expect_ok "funds with more than two decimal places" 'bad cents.txt "最多两位小数"'
ROWS="		数量指标	培训次数	≥10	多余	又一格" table >cells.txt
expect_ok "a row with more cells than a name and a target" 'bad cells.txt "cells.txt:11: 第6格: 一行应只有指标名称和指标值，多出“多余”"'
ROWS="	培训次数	≥10" table >nolevel.txt
expect_ok "an indicator before any level label" 'bad nolevel.txt "nolevel.txt:11: 第2格: 指标“培训次数”之前没有一级指标"'
ROWS="	产出指标	培训次数	≥10" table >nol2.txt
expect_ok "an indicator without a level-2 label where one is needed" 'bad nol2.txt "之前没有二级指标"'
ROWS="	产出指标	数量指标	人数	≥1234567890123456" table >digits.txt
expect_ok "a target too precise to hold exactly" 'bad digits.txt "digits.txt:11: 第5格: 指标“人数”的指标值“≥1234567890123456”数字太长"'
table | sed "s/^预算单位.*/某某\t某某/" >header.txt
expect_ok "a header row that is not one" 'bad header.txt "header.txt:4: 第1格: 无法识别的表头“某某”"'
printf '部门整体支出绩效目标表\n(2021年度)\n' >dept.txt
expect_ok "a department-wide table without its department" 'bad dept.txt "dept.txt:1: 此处开始的部门整体支出绩效目标表缺少部门名称"'
printf '部门整体支出绩效目标表\n(2021年度)\n部门名称\t某局\n部门预算\t年度资金总额: 10\n年度主要任务\t任务名称\t总额\n\t办公\t十万\n' >tasks.txt
expect_ok "a 年度主要任务 with no amount after it names the cell" 'bad tasks.txt "tasks.txt:6: 第3格: 年度主要任务“办公”之后应为金额"'
head -c 41943040 /dev/zero | tr '\0' 'a' >long.txt
expect_ok "a 40 MB line" 'bad long.txt "long.txt:1: 行太长"'
expect_ok "a missing file" 'bad nosuch.txt "nosuch.txt: 无法打开"'
mkdir adir
expect_ok "a directory" 'bad adir "adir: 是目录"'
NAME=新项目 table >good.txt
expect_ok "a good file before a bad one is not stored either" 'bad good.txt funds.txt "funds.txt:5:"'
printf '{"projects": [{"year": 2021,\n' >trunc.json
expect_ok "truncated JSON" 'bad trunc.json "trunc.json:2: JSON 格式错误"'
printf '{"projects": [\n{"year": 2021, "name": "x", "funds": {"total": "1.00"}, "indicatros": []}]}\n' >field.json
expect_ok "a misspelt JSON field" 'bad field.json "field.json:2: 第 1 个项目: 项目“x”: 未知字段“indicatros”"'
printf '{"projects": [{"year": 2021, "name": "x", "funds": {"total": 1.5}}]}\n' >real.json
expect_ok "money as a JSON real" 'bad real.json "funds.total 应为以万元计的金额字符串"'
printf '{"projects": [{"year": 2021, "name": "x", "funds": {"total": "1.00"}, "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "a", "op": "<=", "target": "≥3"}]}]}\n' >op.json
expect_ok "an op that contradicts the target" 'bad op.json "indicators[0].op “<=”与指标值“≥3”不符"'
printf '{"projects": [{"year": 2021, "name": "x", "funds": {"total": "1.00"}, "indicators": [{"level1": "产出", "level2": "数量指标", "name": "a"}]}]}\n' >label.json
expect_ok "an unknown level-1 label" 'bad label.json "indicators[0].level1“产出”不是一级指标"'
printf '{"items": []}\n' >noprojects.json
expect_ok "JSON with something other than a projects array" 'bad noprojects.json "顶层只应有一个 \"projects\" 数组，而此处为 \"items\""'
cp "$SEED" notadb
expect_ok "a file that is not a database is refused and left alone" '
	! jixiao --db notadb list 2>err && grep -qF "notadb: 无法打开数据库" err && cmp notadb "$SEED"'
expect_fail 2 "bad input exits with status 2" 'jixiao import empty.txt'
finish
