#!/bin/sh
# The registry of budget units (单位库): jixiao unit add|import|list|rename; import registers the units
# its tables name and says so on a line of its own; user add registers a unit account's unit.
. "$(dirname "$0")/lib.sh"

export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
units_json() { jixiao unit list --format json; }
names() { units_json | python3 -c 'import json,sys; print("\n".join(u["name"] for u in json.load(sys.stdin)["units"]))'; }

expect_ok "import registers the units its tables name, on a line after the summary tools read" '
	jixiao import "$SEED" >out && sed -n 1p out | grep -qE "^已导入 5 个项目，70 条指标" &&
	sed -n 2p out | grep -qxF "新登记预算单位 5 个：博湖县卫生健康委员会、博湖县应急管理局、博湖县教育和科学技术局、博湖县民政局、博湖县社会保险中心" &&
	names | grep -cx "博湖县.*" | grep -qx 5'
expect_ok "importing again registers nothing, and says nothing of it" '
	jixiao import "$SEED" >out && [ "$(wc -l <out)" -eq 1 ]'
expect_ok "unit add with a code and a parent" '
	jixiao unit add 博湖县财政局 --code 101 >out && grep -qxF "已登记预算单位“博湖县财政局”，代码 101" out &&
	jixiao unit add 博湖县国库支付中心 --code 10101 --parent 博湖县财政局 >/dev/null &&
	units_json | python3 -c "
import json,sys
u = {x[\"name\"]: x for x in json.load(sys.stdin)[\"units\"]}
assert u[\"博湖县国库支付中心\"][\"code\"] == \"10101\" and u[\"博湖县国库支付中心\"][\"parent\"] == \"博湖县财政局\", u
assert u[\"博湖县民政局\"][\"code\"] is None and u[\"博湖县民政局\"][\"parent\"] is None, u
assert u[\"博湖县财政局\"][\"created\"] == \"2026-11-29T03:00:00Z\", u"'
expect_fail 2 "a name registered twice" 'jixiao unit add 博湖县财政局 2>err; rc=$?; grep -qF "单位库中已有预算单位“博湖县财政局”" err; exit $rc'
expect_fail 2 "a code another unit has, named" 'jixiao unit add 博湖县审计局 --code 101 2>err; rc=$?; grep -qF "单位代码 101 已属于“博湖县财政局”" err || exit 9; exit $rc'
expect_fail 2 "a parent the registry lacks" 'jixiao unit add 某所 --parent 没有的局 2>err; rc=$?; grep -qF "主管部门“没有的局”不在单位库中" err || exit 9; exit $rc'
expect_fail 2 "a name with white space at an end, a code of other characters" '
	jixiao unit add " 博湖县审计局" 2>err && exit 9; grep -qF "首尾不应有空白" err || exit 9;
	jixiao unit add 博湖县审计局 --code "1 01" 2>err; rc=$?; grep -qF "单位代码应为" err || exit 9; exit $rc'

printf 'name,code,parent\n博湖县审计局,102,\n"博湖县审计局,综合股",10201,博湖县审计局\n\n博湖县乡镇甲,,博湖县财政局\n' >good.csv
expect_ok "unit import: columns in any order, quotes, a parent later in the file or registered, blank lines" '
	jixiao unit import good.csv >out && grep -qxF "已登记预算单位 3 个（已在单位库中 0 个）" out &&
	names | grep -qxF "博湖县审计局,综合股"'
expect_ok "importing the same file again changes nothing" '
	jixiao unit import good.csv | grep -qxF "已登记预算单位 0 个（已在单位库中 3 个）"'
printf '\357\273\277代码,名称,主管部门\n201,博湖县新甲,\n202,博湖县新乙,博湖县新甲\n' >bom.csv
expect_ok "Chinese column names and a BOM" 'jixiao unit import bom.csv | grep -qxF "已登记预算单位 2 个（已在单位库中 0 个）"'
store_dump jixiao >before.sql
for case in \
	"bad1|code,name,parent\n301,博湖县丙局,\n302,,博湖县丙局\n|bad1.csv:3: 第2列（name）: 预算单位名称不能为空" \
	"bad2|code,name,parent\n301,博湖县丙局,\n301,博湖县丁局,\n|bad2.csv:3: 单位代码 301 在第 2 行已经出现" \
	"bad3|code,name,parent\n301,博湖县丙局,没有的局\n|bad3.csv:2: 主管部门“没有的局”既不在单位库中，也不在本文件中" \
	"bad4|code,name,parent\n101,博湖县戊局,\n|bad4.csv:2: 单位代码 101 已属于单位库中的“博湖县财政局”" \
	"bad5|编号,name\n1,博湖县丙局\n|bad5.csv:1: 第1列: 列名应为 code、name 或 parent" \
	"bad6|code,name,parent\n301,\"博湖县丙局,\n|bad6.csv:2: 第2列: 引号没有结束" \
	"bad7|code,name,parent\n301,博湖县丙局,,多余\n|bad7.csv:2: 第4列: 多出的单元格“多余”" \
	"bad8|code,name,parent\n,博湖县财政局,博湖县民政局\n|bad8.csv:2: 单位库中已有预算单位“博湖县财政局”，其代码或主管部门与本行不同"; do
	file=${case%%|*}; rest=${case#*|}; body=${rest%%|*}; want=${rest#*|}
	printf "$body" >"$file.csv"
	expect_fail 2 "unit import refuses $file whole, naming line and column: $want" '
		jixiao unit import '"$file"'.csv 2>err; rc=$?; cat err; grep -qF "'"$want"'" err && grep -qF "登记已取消，单位库没有任何改动" err &&
		store_dump jixiao >after.sql && same before.sql after.sql || exit 9; exit $rc'
done

printf 'secret123\n' | jixiao user add minzheng --role unit --unit 博湖县民政局 >/dev/null || exit 1
expect_ok "rename reaches the tables, the accounts, parents, and each table's history" '
	jixiao unit add 博湖县民政局救助站 --parent 博湖县民政局 >/dev/null &&
	jixiao unit rename 博湖县民政局 博湖县民政局（更名） >out && cat out &&
	grep -qxF "已将预算单位“博湖县民政局”改名为“博湖县民政局（更名）”：1 张目标表、1 个账户随之修改" out &&
	jixiao list | grep -qF "博湖县民政局（更名）" && ! jixiao list | grep -qF "博湖县民政局 " &&
	jixiao user list --format json | grep -qF "\"unit\": \"博湖县民政局（更名）\"" &&
	units_json | grep -qF "\"name\": \"博湖县民政局救助站\", \"parent\": \"博湖县民政局（更名）\"" &&
	jixiao history 3 | tail -1 | grep -qF "财政局    修改      预算单位：博湖县民政局 → 博湖县民政局（更名）"'
expect_fail 2 "rename to a registered name is refused, nothing changed" '
	jixiao unit rename 博湖县审计局 博湖县财政局 2>err; rc=$?; grep -qF "单位库中已有预算单位“博湖县财政局”" err &&
	names | grep -qxF 博湖县审计局 || exit 9; exit $rc'
expect_fail 2 "rename of a unit the registry lacks" 'jixiao unit rename 没有的局 另一个局 2>err; rc=$?; grep -qF "单位库中没有预算单位“没有的局”" err || exit 9; exit $rc'
expect_ok "user add registers the unit account's unit it names, and says so" '
	printf "secret123\n" | jixiao user add tongji --role unit --unit 博湖县统计局 >out &&
	grep -qxF "新登记预算单位 1 个：博湖县统计局" out && names | grep -qxF 博湖县统计局 &&
	printf "secret123\n" | jixiao user add tongji2 --role unit --unit 博湖县统计局 >out && [ "$(wc -l <out)" -eq 1 ]'
expect_fail 2 "a refused account registers nothing" '
	printf "short\n" | jixiao user add shuiwu --role unit --unit 博湖县税务局 2>err; rc=$?; ! names | grep -qxF 博湖县税务局 || exit 9; exit $rc'
expect_ok "list as text, and usage errors" '
	jixiao unit list | head -1 | grep -qxF "预算单位	代码	主管部门" && jixiao unit list | grep -qxF "博湖县财政局	101	—" &&
	! jixiao unit frob 2>/dev/null && ! jixiao unit list --code 1 2>/dev/null && ! jixiao unit add 2>/dev/null'
finish
