#!/bin/sh
# The review workflow from the command line: approval refused for a table with an error (不予安排) and
# granted for a clean one after submit, returns with reasons, adjustments of approved targets sent back
# to review with the approved version kept, and the history of all of it.
. "$(dirname "$0")/lib.sh"

export JIXIAO_NOW=2026-11-29T03:00:00Z
jixiao --user 张三 import "$SEED" >/dev/null || exit 1

expect_ok "submit the education and pension tables" 'jixiao --user 张三 submit 2 博湖县2021年城乡居民养老保险项目 >out &&
	printf "项目 2 已提交审核\n项目 4 已提交审核\n" >want && same want out'
expect_fail 1 "approve is refused for the education table" 'jixiao --user 李四 approve 2'
expect_ok "the refusal names the blocking rule and indicator" '
	! jixiao --user 李四 approve 2 2>err &&
	grep -qF "不予安排：项目“博湖县2021年建档立卡困难家庭教育项目”有 1 条错误，不能批准：value-missing（建档立卡学生入学率）" err &&
	grep -qF "错误  value-missing  指标“建档立卡学生入学率”没有指标值" err'
expect_ok "approve is granted for the pension table" 'jixiao --user 李四 approve 4 | grep -qx "项目 4 已批准"'
expect_ok "list shows the states" '
	jixiao list | awk "NR > 1 { print \$1, \$NF }" >states &&
	printf "1 草稿\n2 已提交\n3 草稿\n4 已批准\n5 草稿\n" >want && same want states'
expect_fail 2 "return needs a reason" 'jixiao return 2'
expect_ok "return with a reason" 'jixiao --user 李四 return 2 --reason "补充建档立卡学生入学率的指标值" | grep -qx "项目 2 已退回"'
expect_fail 1 "an approved project cannot be submitted again" 'jixiao submit 4'
expect_ok "the education history shows who did what" '
	jixiao history 2 >out && cat >want <<"TXT" && same want out
博湖县2021年建档立卡困难家庭教育项目（编号 2，2021年度，已退回）的历史（北京时间）
2026-11-29 11:00:00  张三      新建      15 条指标，年度资金总额 32.09 万元
2026-11-29 11:00:00  张三      提交审核  草稿 → 已提交
2026-11-29 11:00:00  李四      退回      已提交 → 已退回。理由：补充建档立卡学生入学率的指标值
TXT'
sed 's/≥19926/≥20000/; s/=17.00/=18.00/' "$SEED" >adjusted.txt
expect_ok "adjusting the approved pension targets sends it back to draft" '
	JIXIAO_NOW=2026-12-01T08:00:00Z jixiao --user 王五 import adjusted.txt | grep -qF "替换 1，未变 4" &&
	jixiao list | awk "\$1 == 4" | grep -q 草稿'
expect_ok "the pension history shows approval and adjustment, before and after" '
	jixiao history 4 >out && cat >want <<"TXT" && same want out
博湖县2021年城乡居民养老保险项目（编号 4，2021年度，草稿）的历史（北京时间）
2026-11-29 11:00:00  张三      新建      15 条指标，年度资金总额 467.00 万元
2026-11-29 11:00:00  张三      提交审核  草稿 → 已提交
2026-11-29 11:00:00  李四      批准      已提交 → 已批准。审核评级：优（100 分）
2026-12-01 16:00:00  王五      修改      指标“城乡养老参保人数(人)”的指标值：≥19926 → ≥20000
                                        指标“丧葬补助金(万元)”的指标值：=17.00 → =18.00
                                        状态：已批准 → 草稿
TXT'
expect_ok "the approved version stays retrievable" '
	jixiao show --approved 4 | grep -F "城乡养老参保人数" | grep -qF "≥19926" &&
	jixiao show 4 | grep -F "城乡养老参保人数" | grep -qF "≥20000" &&
	jixiao export --approved 4 | grep -qF "\"status\": \"approved\""'
expect_fail 2 "a never approved project has no approved version" 'jixiao show --approved 1'
expect_ok "history as JSON carries the details" '
	jixiao history --format json 4 | python3 -c "
import json, sys
h = json.load(sys.stdin)[\"history\"]
assert [e[\"action\"] for e in h] == [\"create\", \"submit\", \"approve\", \"change\"]
assert h[2][\"detail\"][\"table\"][\"indicators\"][0][\"target\"] == \"≥19926\"
assert h[3][\"user\"] == \"王五\" and h[3][\"at\"] == \"2026-12-01T08:00:00Z\"
"'
expect_ok "--user defaults to JIXIAO_USER" 'JIXIAO_USER=赵六 jixiao submit 1 >/dev/null && jixiao history 1 | grep -q "赵六.*提交审核"'
expect_ok "and else to 命令行, never the OS user (root says nothing to a reader)" '
	(unset JIXIAO_USER; jixiao submit 3 >/dev/null) && jixiao history 3 | grep -q "命令行 *提交审核" &&
	! jixiao history 3 | grep -qw "$(id -un)"'
expect_ok "history times are Beijing time across the day line" '
	JIXIAO_NOW=2026-12-31T16:30:00Z jixiao --user 赵六 return 1 --reason 跨年 >/dev/null &&
	jixiao history 1 | grep -q "^2027-01-01 00:30:00  赵六"'
finish
