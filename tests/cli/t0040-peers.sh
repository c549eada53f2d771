#!/bin/sh
# History and peers beside each target: last year's actual and the mean of up to three years of the
# same project, and how the other tables of the year set the same library entry (培训人次, ≥) — count,
# median (an even count's the mean of the middle two), range — with the table itself left out, drafts
# and classified tables not counted; and target-below-peers, its threshold from the rules file.
. "$(dirname "$0")/lib.sh"

export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
python3 - <<'PY' || exit 1
import json
def table(year, unit, name, target):
    return {"year": year, "name": name, "unit": unit, "funds": {"total": "10.00", "fiscal": "10.00", "other": "0.00"},
            "goal": "完成全年培训任务。", "kind": "project", "framework": "2021",
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "unit": "人次", "op": ">=",
                 "value": target, "target": "≥%d" % target},
                {"level1": "产出指标", "level2": "质量指标", "name": "培训考核合格率", "unit": "%", "op": ">=",
                 "value": 90, "target": "≥90%"},
                {"level1": "成本指标", "level2": "经济成本指标", "name": "项目总成本", "unit": "万元", "op": "<=",
                 "value": 10, "target": "≤10万元"},
                {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学员满意度", "unit": "%", "op": ">=",
                 "value": 90, "target": "≥90%"}]}
peers = [table(2021, "第%d局" % i, "2021年第%d局干部培训项目" % i, t) for i, t in enumerate([100, 200, 300, 400, 500, 600], 1)]
own = [table(y, "人社局", "%d年人社局技能培训项目" % y, t) for y, t in [(2018, 400), (2019, 420), (2020, 450), (2021, 10)]]
json.dump({"projects": peers + own}, open("tables.json", "w"), ensure_ascii=False)
draft = table(2021, "第9局", "2021年第9局干部培训项目", 100000)
secret = table(2021, "第10局", "2021年第10局干部培训项目", 200000)
json.dump({"projects": [draft, secret]}, open("more.json", "w"), ensure_ascii=False)
with open("actuals.csv", "w") as f:
    f.write("project,indicator,actual,as_of,reason\n")
    for y, a in [(2018, "400"), (2019, "460"), (2020, "480")]:
        f.write("%d年人社局技能培训项目,培训人次,%s,%d-12-31,\n" % (y, a, y))
PY
jixiao import tables.json >/dev/null && jixiao import more.json >/dev/null || exit 1
for p in 1 2 3 4 5 6 7 8 9 10 12; do jixiao submit $p >/dev/null || exit 1; done
jixiao approve 7 8 9 >/dev/null && jixiao mark 12 --classified >/dev/null || exit 1
jixiao actuals import actuals.csv >/dev/null || exit 1
OWN=2021年人社局技能培训项目

expect_ok "a ≥ target far below the other tables' median is named with their count, median and range" '
	jixiao check $OWN >out; grep -qF "警告  target-below-peers        指标“培训人次”的指标值 ≥10人次 远低于同类指标的目标：本年度其他 6 张表的目标中位数为 350人次（100人次–600人次），不到中位数的 50%" out'
expect_ok "the table itself, drafts and classified tables are not its peers" '
	jixiao check $OWN >out; ! grep -q "100000\|200000" out && grep -qF "其他 6 张表" out'
expect_ok "a target near the others is not flagged, and each peer is compared without itself" '
	jixiao check 2021年第4局干部培训项目 >out; ! grep -q target-below-peers out &&
	jixiao check --context 2021年第4局干部培训项目 >out && grep -qF "参照  培训人次（人次） ≥400：同类 6 张表：中位数 250人次（10人次–600人次）" out'
expect_ok "--context puts last year's actual and the three-year mean beside the target" '
	jixiao check --context $OWN >out &&
	grep -qF "参照  培训人次（人次） ≥10：2020年实际 480人次；近3年均值 约446.67人次；同类 6 张表：中位数 350人次（100人次–600人次）" out'
expect_ok "the same in JSON, inside the grade of each table, values as exact decimal strings" '
	jixiao check --context --format json $OWN | python3 -c "
import json, sys
g = json.load(sys.stdin)[\"grades\"][0]
c = [x for x in g[\"context\"] if x[\"indicator\"] == \"培训人次\"][0]
assert c[\"unit\"] == \"人次\" and c[\"target\"] == \"≥10\", c
assert c[\"last_year\"] == {\"year\": 2020, \"value\": \"480\"}, c
assert c[\"mean\"] == {\"years\": 3, \"value\": \"446.67\", \"exact\": False}, c
assert c[\"peers\"] == {\"count\": 6, \"median\": \"350\", \"min\": \"100\", \"max\": \"600\"}, c
"'
expect_ok "without --context the JSON grades keep their shape" '
	jixiao check --format json $OWN | python3 -c "
import json, sys
g = json.load(sys.stdin)[\"grades\"][0]
assert set(g) == {\"project\", \"id\", \"grade\", \"points\", \"dimensions\", \"deductions\"}, g
"'
cat >rules.json <<'JSON'
{"peers": {"min_count": 7}}
JSON
expect_ok "with fewer peers than min_count the rule stays silent" '
	jixiao check --rules rules.json $OWN >out; ! grep -q target-below-peers out'
cat >rules.json <<'JSON'
{"peers": {"percent": 2}}
JSON
expect_ok "percent sets how far below the median is far: 10 is not below 2% of 350" '
	jixiao check --rules rules.json $OWN >out; ! grep -q target-below-peers out'
cat >rules.json <<'JSON'
{"peers": {"percent": 3}}
JSON
expect_ok "and is below 3% of it" '
	jixiao check --rules rules.json $OWN >out; grep -qF "不到中位数的 3%" out'
cat >rules.json <<'JSON'
{"peers": {"percent": 150}}
JSON
expect_fail 2 "a percent out of range is refused" 'jixiao check --rules rules.json $OWN'
expect_ok "naming the field and what it should be" '
	jixiao check --rules rules.json $OWN 2>err; grep -qF "peers.percent 应为整数" err'
finish
