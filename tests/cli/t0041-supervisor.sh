#!/bin/sh
# The 主管部门 level of review from the command line (issue 23 item 6): a year whose rules say two
# levels has each submitted table passed by the unit's 主管部门 before finance may approve it; either
# level returns with a reason, and the history names who reviewed at each; a year of one level works
# as before. Accounts of role department name a registered 主管部门.
. "$(dirname "$0")/lib.sh"

export JIXIAO_NOW=2026-11-29T03:00:00Z
cat >two.json <<"JSON"
{"years": {"2021": {"workflow": {"levels": 2}}}}
JSON
jixiao unit add 博湖县人力资源和社会保障局 >/dev/null &&
	jixiao unit add 博湖县社会保险中心 --parent 博湖县人力资源和社会保障局 >/dev/null &&
	jixiao --user 张三 import "$SEED" >/dev/null || exit 1

expect_ok "a department account names its registered 主管部门" '
	printf "secret123\n" | jixiao user add renshe --role department --unit 博湖县人力资源和社会保障局 >out &&
	grep -qxF "已添加主管部门账户“renshe”，主管部门：博湖县人力资源和社会保障局" out &&
	jixiao user list --format json | grep -qF "{\"name\": \"renshe\", \"role\": \"department\", \"unit\": \"博湖县人力资源和社会保障局\"" &&
	jixiao user list | grep -qE "^renshe +主管部门 +博湖县人力资源和社会保障局 +启用$"'
expect_fail 2 "a department account needs its 主管部门" '
	printf "secret123\n" | jixiao user add bumen --role department 2>err; rc=$?
	grep -qF "主管部门账户需要用 --unit 指定它审核的主管部门" err || exit 9; exit $rc'
expect_fail 2 "and one the registry has: it is not registered for it" '
	printf "secret123\n" | jixiao user add bumen --role department --unit 没有登记的局 2>err; rc=$?
	grep -qF "预算单位“没有登记的局”不在单位库中" err && ! jixiao unit list | grep -qF 没有登记的局 &&
	! jixiao user list | grep -qF bumen || exit 9; exit $rc'

export JIXIAO_RULES="$PWD/two.json"
expect_ok "submitted in a year of two levels" 'jixiao --user 张三 submit 2 4 3 >/dev/null'
expect_fail 1 "finance may not approve what the 主管部门 has not passed" '
	jixiao --user 李四 approve 4 2>err; rc=$?
	grep -qF "项目“博湖县2021年城乡居民养老保险项目”尚未经主管部门审核：2021年度的目标表须由主管部门审核通过后，财政才能批准" err || exit 9
	exit $rc'
expect_fail 1 "the 主管部门 does not pass a table with an error (不予通过)" '
	jixiao --user 王主任 pass 2 2>err; rc=$?
	grep -qF "不予通过：项目“博湖县2021年建档立卡困难家庭教育项目”有 1 条错误，主管部门审核不能通过：value-missing（建档立卡学生入学率）" err &&
	grep -qF "错误  value-missing" err || exit 9; exit $rc'
expect_ok "the 主管部门 passes a clean one on to finance" '
	jixiao --user 王主任 pass 4 >out && grep -qx "项目 4 已通过主管部门审核" out &&
	jixiao list | awk "\$1 == 4 { print \$NF }" | grep -qx 主管部门已审核'
expect_fail 1 "a table passed already is not passed again" 'jixiao pass 4'
expect_ok "finance approves what the 主管部门 passed" 'jixiao --user 李四 approve 4 | grep -qx "项目 4 已批准"'
expect_ok "the history names who reviewed at each level" '
	jixiao history 4 >out && cat >want <<"TXT" && same want out
博湖县2021年城乡居民养老保险项目（编号 4，2021年度，已批准）的历史（北京时间）
2026-11-29 11:00:00  张三      新建      15 条指标，年度资金总额 467.00 万元
2026-11-29 11:00:00  张三      提交审核  草稿 → 已提交
2026-11-29 11:00:00  王主任    主管部门审核通过  已提交 → 主管部门已审核。审核评级：优（100 分）
2026-11-29 11:00:00  李四      批准      主管部门已审核 → 已批准。审核评级：优（100 分）
TXT'
expect_ok "return, awaiting the 主管部门, is the 主管部门's" '
	jixiao --user 王主任 return 2 --reason 请补充入学率 | grep -qx "项目 2 已退回" &&
	jixiao history 2 | tail -1 | grep -qF "王主任    主管部门退回  已提交 → 已退回。理由：请补充入学率" &&
	jixiao history --format json 2 | grep -qF "\"level\": \"department\""'
expect_ok "finance returns what the 主管部门 passed, at its own level" '
	jixiao --user 王主任 pass 3 >/dev/null && jixiao --user 李四 return 3 --reason 资金测算不清 >/dev/null &&
	jixiao history 3 | tail -1 | grep -qF "李四      退回      主管部门已审核 → 已退回。理由：资金测算不清" &&
	! jixiao history --format json 3 | grep -qF "\"level\""'

unset JIXIAO_RULES
expect_ok "a year of one level: approve straight after submit, as before" '
	jixiao submit 3 >/dev/null && jixiao approve 3 | grep -qx "项目 3 已批准"'
expect_fail 1 "and no 主管部门 pass in it" '
	jixiao submit 2 >/dev/null; jixiao pass 2 2>err; rc=$?
	grep -qF "2021年度的目标表不经主管部门审核（由财政直接审核）" err || exit 9; exit $rc'
expect_ok "a table the 主管部门 passed stays approvable after the year goes back to one level" '
	jixiao --rules two.json submit 1 >/dev/null && jixiao --rules two.json pass 1 >/dev/null &&
	jixiao approve 1 | grep -qx "项目 1 已批准"'
expect_fail 2 "a rules file with levels other than 1 or 2 is refused, naming the field" '
	printf "{\"years\": {\"2021\": {\"workflow\": {\"levels\": 3}}}}" >three.json
	jixiao --rules three.json pass 2 2>err; rc=$?
	grep -qF "three.json: years.2021: workflow.levels 应为 1（财政审核）或 2（先经主管部门审核，再由财政审核）" err || exit 9; exit $rc'
expect_ok "pass explains itself" 'jixiao pass --help | grep -qF "主管部门审核通过" && jixiao --help | grep -qE "^  pass +主管部门审核通过"'
finish
