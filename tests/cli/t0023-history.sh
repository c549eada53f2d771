#!/bin/sh
# Targets against history (历史标准): a table of 2022 is checked against what the same project reached
# in 2021 — the same unit's table whose name is this one's with 2021 for 2022 — indicator by indicator
# (same name and unit), with the latest actual recorded for each.
. "$(dirname "$0")/lib.sh"

ACTUALS="$JIXIAO_SRC/data/samples/bohu-2021-actuals.csv"
export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
jixiao import "$SEED" >/dev/null || exit 1
for p in 1 2 3 4 5; do jixiao submit $p >/dev/null || exit 1; done
jixiao approve 1 3 4 5 >/dev/null || exit 1
jixiao actuals import "$ACTUALS" >/dev/null || exit 1
# next year's tables: the same, with 2022 for 2021 (targets unchanged)
jixiao export >e.json && sed 's/2021/2022/g' e.json >e2022.json && jixiao import e2022.json >/dev/null || exit 1

expect_ok "a ≥ target under last year's actual is named with the actual and the table it comes from" '
	jixiao check 博湖县2022年困难群众救助及慰问项目 >out &&
	grep -qF "警告  target-below-history      指标“特困供养人数”的指标值 ≥88人 低于上年实际完成值 90人（2021年度“博湖县2021年困难群众救助及慰问项目”）" out'
expect_ok "the latest actual counts (90 at the year end, not 86 in June), percentages alike" '
	jixiao check 博湖县2022年困难群众救助及慰问项目 >out && test "$(grep -c target-below-history out)" -eq 5 &&
	grep -qF "指标“困境儿童认定准确率”的指标值 ≥95.0% 低于上年实际完成值 100%" out && ! grep -qF "86人" out'
expect_ok "the deductions show in the grade: 适当性 loses 5 a finding" '
	jixiao check 博湖县2022年困难群众救助及慰问项目 | grep -qF "评级  中，75 分（完整性 25、相关性 25、适当性 0、可行性 25）"'
expect_ok "a target above last year's actual, or without one, is not a finding" '
	jixiao check 博湖县2022年城乡居民养老保险项目 博湖县2022年疫情防控项目 >out && ! grep -q target-below-history out'
expect_ok "the 2021 tables themselves have no history and no finding of it" '
	jixiao check --year 2021 >out; ! grep -q target-below-history out'
# 2020: a table of the relief project's name, but of another unit, that reached more than 2021's targets
python3 - <<'PY' || exit 1
import json
d = json.load(open("e.json"))
p = [x for x in d["projects"] if x["name"] == "博湖县2021年困难群众救助及慰问项目"][0]
p["name"], p["year"], p["unit"] = "博湖县2020年困难群众救助及慰问项目", 2020, "博湖县财政局"
json.dump({"projects": [p]}, open("y2020.json", "w"), ensure_ascii=False)
PY
printf 'project,indicator,actual,as_of\n博湖县2020年困难群众救助及慰问项目,特困供养人数,200,2020-12-31\n' >a2020.csv
expect_ok "a table of another unit is not the same project though its name is" '
	jixiao import y2020.json >/dev/null && jixiao submit 博湖县2020年困难群众救助及慰问项目 >/dev/null &&
	jixiao approve 博湖县2020年困难群众救助及慰问项目 >/dev/null && jixiao actuals import --year 2020 a2020.csv >/dev/null &&
	jixiao check 博湖县2021年困难群众救助及慰问项目 >out && ! grep -q target-below-history out'
# the same unit's 2022 table with a training-fee indicator above the spending standard (550 元/人天)
python3 - <<'PY' || exit 1
import json
d = json.load(open("e2022.json"))
p = [x for x in d["projects"] if x["name"] == "博湖县2022年困难群众救助及慰问项目"][0]
p["indicators"].append({"level1": "产出指标", "level2": "成本指标", "name": "培训费综合定额", "unit": "元/人天",
                        "op": "<=", "value": 800, "target": "≤800"})
json.dump({"projects": [p]}, open("fee2022.json", "w"), ensure_ascii=False)
PY
expect_ok "one table, two standards: under last year's actuals and over the spending standard, each named" '
	jixiao import fee2022.json >/dev/null && jixiao check 博湖县2022年困难群众救助及慰问项目 >out &&
	grep -qF "target-below-history      指标“特困供养人数”的指标值 ≥88人 低于上年实际完成值 90人" out &&
	grep -qF "cost-over-standard        成本指标“培训费综合定额”的指标值 ≤800 元/人天 高于支出标准 550 元/人天" out'
cat >off.json <<'JSON'
{"rules": {"target-below-history": "off"}}
JSON
expect_ok "the rule can be turned off like any other" '
	jixiao check --rules off.json 博湖县2022年困难群众救助及慰问项目 >out && ! grep -q target-below-history out'
finish
