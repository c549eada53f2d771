#!/bin/sh
# jixiao check reviews tables by the rule catalogue: on the seed, exactly the findings a finance officer
# would raise, in text for people and in JSON for tools, with the exit status telling whether approval
# would be refused.
. "$(dirname "$0")/lib.sh"

jixiao import "$SEED" >/dev/null || exit 1

expect_fail 1 "an error finding (the education table's missing target) makes the status 1" 'jixiao check >out'
expect_ok "the findings on the seed read as expected" 'jixiao check >out; same "$EXPECT/seed-check.txt" out'
expect_ok "the JSON form is exactly the expected one" 'jixiao check --format json >out; same "$EXPECT/seed-check.json" out'
expect_ok "the JSON form has the issue's shape" '
	jixiao check --format json >out; python3 -c "
import json, sys
f = json.load(open(\"out\"))[\"findings\"]
assert all(sorted(x) == [\"indicator\", \"message\", \"project\", \"rule\", \"severity\"] for x in f)
lib = [x for x in f if x[\"rule\"] == \"indicator-not-in-library\"]
assert len(lib) == 70 and all(x[\"severity\"] == \"info\" and x[\"indicator\"] for x in lib), lib
f = [x for x in f if x[\"rule\"] != \"indicator-not-in-library\"]
assert [(x[\"project\"][3:], x[\"rule\"], x[\"severity\"]) for x in f] == [
    (\"2021年疫情防控项目\", \"cost-missing\", \"warning\"),
    (\"2021年建档立卡困难家庭教育项目\", \"value-missing\", \"error\"),
    (\"2021年建档立卡困难家庭教育项目\", \"cost-sum\", \"warning\"),
    (\"2021年自然灾害综合风险普查项目\", \"cost-sum\", \"warning\")], f
"'
expect_ok "the cost-sum findings name both sums" '
	jixiao check 2 5 | grep -qF "合计 31.47 万元，与年度资金总额 32.09 万元相差 0.62 万元" &&
	jixiao check 5 | grep -qF "合计 47.13 万元，与年度资金总额 59.95 万元相差 12.82 万元"'
printf '{"rules": {"indicator-not-in-library": "off"}}' >nolib.json
expect_ok "projects without findings say so (the library's rule off: none of the seed's indicators is in it)" '
	jixiao check --rules nolib.json 3 4 >out && grep -c "没有发现问题" out | grep -qx 2'
expect_ok "an indicator outside the library is an info naming it, taking no points" '
	jixiao check 3 >out && grep -qF "提示  indicator-not-in-library  指标“特困供养人数”（人）不在指标库中" out &&
	test "$(grep -c indicator-not-in-library out)" -eq 11 && grep -qF "评级  优，100 分" out'
expect_ok "once the library holds a table's indicators (纳入 from approved tables), the rule is silent on them" '
	jixiao submit 3 >/dev/null && jixiao approve 3 >/dev/null && jixiao library import --from-tables >/dev/null &&
	jixiao check 3 >out && ! grep -q indicator-not-in-library out && grep -qF "没有发现问题" out'
expect_ok "approving runs the rule too, an error where a year's rules make it one" '
	printf "{\"rules\": {\"indicator-not-in-library\": \"error\"}}" >strictlib.json &&
	jixiao submit 4 >/dev/null && ! jixiao --rules strictlib.json approve 4 2>err >/dev/null &&
	grep -qF "indicator-not-in-library（城乡养老参保人数）" err'
expect_ok "a clean selection exits 0" 'jixiao check 3 4 5 >/dev/null'
cat >strict.json <<'JSON'
{"rules": {"cost-sum": "error", "value-missing": "off"}, "years": {"2022": {"rules": {"cost-missing": "off"}}}}
JSON
expect_ok "--rules changes severities: cost-sum an error, value-missing off" '
	! jixiao check --rules strict.json 2 >out && grep -qF "错误  cost-sum" out && ! grep -q value-missing out'
expect_ok "JIXIAO_RULES does the same" 'JIXIAO_RULES=strict.json jixiao check 2 | grep -qF "错误  cost-sum"'
expect_ok "a per-year entry applies only to its year" 'jixiao check --rules strict.json 1 | grep -qF cost-missing'
expect_ok "every table checked has its grade in JSON: 88号's four dimensions, the deductions" '
	jixiao check --format json >out; python3 -c "
import json
g = json.load(open(\"out\"))[\"grades\"]
assert [(x[\"id\"], x[\"grade\"], x[\"points\"]) for x in g] == [(1, \"优\", 95), (2, \"良\", 80), (3, \"优\", 100), (4, \"优\", 100), (5, \"优\", 95)], g
assert all(sum(x[\"dimensions\"].values()) == x[\"points\"] for x in g)
assert list(g[1][\"dimensions\"]) == [\"完整性\", \"相关性\", \"适当性\", \"可行性\"]
assert [(d[\"rule\"], d[\"dimension\"], d[\"points\"]) for d in g[1][\"deductions\"]] == [(\"value-missing\", \"完整性\", 15), (\"cost-sum\", \"适当性\", 5)]
"'
cat >harsh.json <<'JSON'
{"grading": {"grades": {"优": 100, "良": 99, "中": 98}}}
JSON
expect_ok "a table graded 差 by the year's cut-offs gets grade-poor, an error: check exits 1" '
	! jixiao check --rules harsh.json 1 >out && grep -qF "错误  grade-poor" out &&
	grep -qF "审核评级为差（95 分，不到中的 98 分" out && grep -qF "评级  差，95 分" out'
expect_ok "and it cannot be approved" '
	jixiao submit 1 >/dev/null && ! jixiao --rules harsh.json approve 1 2>err >/dev/null && grep -qF grade-poor err &&
	jixiao approve 1 >/dev/null && jixiao history 1 | grep -qF "审核评级：优（95 分）"'
cat >training.json <<'JSON'
{"projects": [{"year": 2021, "name": "博湖县2021年干部培训项目", "unit": "博湖县委组织部",
 "funds": {"total": "10.00", "fiscal": "10.00", "other": "0.00"}, "goal": "完成干部培训。",
 "indicators": [
  {"level1": "产出指标", "level2": "数量指标", "name": "培训人数 (人)", "target": "≥200"},
  {"level1": "产出指标", "level2": "成本指标", "name": "培训费 (万元)", "target": "=10"},
  {"level1": "产出指标", "level2": "成本指标", "name": "培训综合定额 (元/人·天)", "target": "≤600"},
  {"level1": "效益指标", "level2": "社会效益指标", "name": "培训合格率 (%)", "target": "≥95%"},
  {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学员满意度 (%)", "target": "≥90%"}]}]}
JSON
expect_ok "a training rate above the spending standard is named with the standard and its source" '
	jixiao import training.json >/dev/null && jixiao check 博湖县2021年干部培训项目 >out &&
	grep -qF "警告  cost-over-standard" out &&
	grep -qF "“培训综合定额”的指标值 ≤600 元/人·天 高于支出标准 550 元/人天（培训费综合定额（一类培训），依据：财行〔2016〕540号" out'
cat >province.json <<'JSON'
{"standards": {"entries": [{"name": "本省培训费标准", "keywords": ["培训"], "units": ["元/人天"], "max": "650", "source": "本省文件"}]}}
JSON
expect_ok "a province's own standard replaces the built-in one" '
	jixiao check --rules province.json 博湖县2021年干部培训项目 >out && ! grep -q cost-over-standard out'
printf '{"rules": {"cost-sums": "error"}}' >typo.json
expect_fail 2 "a rules file with an unknown rule is refused" 'jixiao check --rules typo.json'
expect_ok "and the rule is named" '! jixiao check --rules typo.json 2>err; grep -qF "typo.json: 未知的规则“cost-sums”" err'
expect_fail 2 "a bad format" 'jixiao check --format xml'
expect_fail 2 "an unknown project" 'jixiao check 博湖县'
finish
