#!/bin/sh
# The indicator library (指标库): the seed without a store, searching, finance's curation (add) all or
# nothing, 纳入 from approved tables and from other places' published tables (merged, counted), export
# that add reads back to the same library, suggestions that say what they inferred, and a new year's
# table started from last year's.
. "$(dirname "$0")/lib.sh"

export JIXIAO_DB="$(store jixiao)"

expect_ok "the seed lists without a store, and no store is made" '
	jixiao library list >out && tail -1 out | grep -qE "^共 [4-8][0-9] 条$" && ! store_exists jixiao'
expect_ok "--type keeps one project type" '
	jixiao library list --type 会议 >out && test "$(grep -c "^seed-" out)" -ge 4 &&
	! awk "NR > 1 && /^seed-/ && \$5 != \"会议\"" out | grep -q .'
expect_ok "--sector takes a code's start or words of its name; JSON has the file form" '
	jixiao library list --sector 208 --format json >out && python3 -c "
import json
e = json.load(open(\"out\"))[\"entries\"]
assert len(e) >= 3 and all(x[\"sector\"][\"class\"][\"code\"] == \"208\" for x in e), e
assert all({\"id\", \"name\", \"level1\", \"level2\", \"origin\", \"uses\"} <= set(x) for x in e)
" && jixiao library list --sector 特困 | grep -q seed-mz01'
expect_ok "search puts what holds every word in its name first" '
	jixiao library search 培训 满意度 >out && sed -n 2p out | grep -q "学员满意度"'
expect_ok "a search that finds nothing says so" '
	jixiao library search 火星探测 >out && grep -qx "指标库中没有找到相符的条目" out'
expect_ok "show gives the whole entry: explanation, computation, basis with its source" '
	jixiao library show seed-px07 >out && grep -qF "指标解释：每人每天的培训费用" out &&
	grep -qF "计算方法：培训总费用÷参训人数÷培训天数" out && grep -qF "取值依据：预算支出标准（财行〔2016〕540号" out &&
	jixiao library show --format json seed-px07 | python3 -c "import json, sys; assert json.load(sys.stdin)[\"op\"] == \"≤\""'
expect_fail 2 "show of an unknown id" 'jixiao library show nosuch'

cat >curate.json <<'JSON'
{"entries": [
 {"id": "seed-px07", "name": "培训费综合定额", "unit": "元/人天", "level1": "成本指标", "level2": "经济成本指标",
  "op": "≤", "explanation": "本省口径：每人每天的培训费用。", "basis": "预算支出标准", "basis_source": "本省培训费管理办法"},
 {"name": "法律援助案件数", "unit": "件", "level1": "产出指标", "level2": "数量指标", "op": "≥", "type": "补助",
  "sector": {"class": {"code": "204", "name": "公共安全支出"}}, "keywords": ["法律援助"]}
]}
JSON
expect_ok "add: finance's file changes an entry by id and adds a new one" '
	jixiao library add curate.json >out && grep -qx "指标库：新增 1 条，修改 1 条" out &&
	jixiao library show seed-px07 | grep -qF "来源：财政部门整理（curated）" &&
	jixiao library search 法律援助 | grep -q "法律援助案件数"'
expect_ok "the same file again changes nothing" '
	jixiao library add curate.json | grep -qx "指标库：新增 0 条，修改 0 条，2 条与库中相同"'
jixiao library export >before.json
cat >bad.json <<'JSON'
{"entries": [
 {"name": "好的一条", "level1": "产出指标", "level2": "数量指标"},
 {"name": "坏的一条", "level1": "产出指标", "level2": "数量指标", "basis": "领导要求"}
]}
JSON
expect_fail 2 "a bad file is refused" 'jixiao library add bad.json'
expect_ok "naming the file, the entry and the field, and nothing of it is kept" '
	! jixiao library add bad.json 2>err && grep -qF "bad.json: 第 2 项（“坏的一条”）: basis 应为" err &&
	grep -qF "指标库没有任何改动" err && jixiao library export >after.json && same before.json after.json'
cat >twin.json <<'JSON'
{"entries": [{"id": "my-own", "name": "培训人次", "unit": "人次", "level1": "产出指标", "level2": "数量指标"}]}
JSON
expect_ok "an entry that repeats another under a new id is refused, naming the other" '
	! jixiao library add twin.json 2>err && grep -qF "与指标库的条目“seed-px01”重复" err &&
	jixiao library export >after.json && same before.json after.json'

jixiao import "$SEED" >/dev/null || exit 1
expect_ok "import --from-tables takes approved tables only" '
	jixiao library import --from-tables >out && grep -qx "读了 0 张表。指标库：新增 0 条，修改 0 条" out'
jixiao submit 3 4 >/dev/null && jixiao approve 3 4 >/dev/null
expect_ok "纳入: the approved tables' indicators become entries marked with their tables" '
	jixiao library import --from-tables --year 2021 >out && # 11 and 15 indicators, none alike
	grep -qx "读了 2 张表。指标库：新增 26 条，修改 0 条" out &&
	jixiao library search 特困供养人数 >out && id=$(awk "NR == 2 { print \$1 }" out) &&
	jixiao library show "$id" >entry && grep -qF "来源：已批准的表（approved）" entry &&
	grep -qF "来自已批准的表（编号）：3" entry && grep -qF "采用：1 张表"  entry'
expect_ok "taking them in again counts each table once" '
	jixiao library import --from-tables | grep -qx "读了 2 张表。指标库：新增 0 条，修改 0 条"'
cat >other.json <<'JSON'
{"projects": [{"year": 2021, "name": "和静县2021年困难群众救助项目", "unit": "和静县民政局", "funds": {"total": "50.00"},
 "goal": "保障困难群众基本生活。", "indicators": [
  {"level1": "产出指标", "level2": "数量指标", "name": "特困供养人数 (人)", "target": "≥120"},
  {"level1": "产出指标", "level2": "数量指标", "name": "低保户数 (户)", "target": "≥300"}]}]}
JSON
expect_ok "a published table of another place: its indicators merged with ours and counted, its source named" '
	jixiao library import other.json >out && grep -qx "读了 1 张表。指标库：新增 1 条，修改 1 条" out &&
	jixiao library show "$(jixiao library search 特困供养人数 | awk "NR == 2 { print \$1 }")" >entry &&
	grep -qF "来自导入的表：other.json：和静县民政局《和静县2021年困难群众救助项目》" entry && grep -qF "采用：2 张表" entry &&
	test "$(jixiao list | grep -c 和静县)" -eq 0'
expect_ok "the library's tables then carry no library findings for them" '
	jixiao check 3 >out && ! grep -q indicator-not-in-library out'

expect_ok "export round-trips through add into an empty store" '
	jixiao library export -o all.json && jixiao --db "$(store other)" library add all.json >/dev/null &&
	jixiao --db "$(store other)" library export >again.json && same all.json again.json'
expect_fail 2 "export has no text form" 'jixiao library export --format text'
expect_fail 2 "library without a verb" 'jixiao library'
expect_fail 2 "an unknown verb" 'jixiao library frobnicate'
expect_fail 2 "import needs --from-tables or files" 'jixiao library import'
expect_fail 2 "--year goes with --from-tables" 'jixiao library import --year 2021 other.json'
expect_fail 2 "an option a verb does not take" 'jixiao library show --type 培训 seed-px01'

expect_ok "suggest: the table's type and sector inferred, and said to be" '
	jixiao suggest 5 >out &&
	grep -qx "项目类型：调查（由项目名称中的“普查”推断，未经确认）" out &&
	grep -qF "支出功能分类：224 灾害防治及应急管理支出（由项目名称中的“灾害”推断，未经确认）" out &&
	sed -n 5p out | grep -q "风险普查任务完成率"'
expect_ok "no suggestion is one the table has; each says why" '
	jixiao suggest --limit 0 --format json 3 >out && jixiao export 3 >t.json && python3 -c "
import json
s = json.load(open(\"out\"))
have = {(i[\"name\"], i.get(\"unit\")) for i in json.load(open(\"t.json\"))[\"projects\"][0][\"indicators\"]}
assert s[\"type\"][\"how\"] == \"inferred\" and s[\"type\"][\"value\"] == \"补助\", s[\"type\"]
assert s[\"suggestions\"] and all((x[\"entry\"][\"name\"], x[\"entry\"].get(\"unit\")) not in have for x in s[\"suggestions\"])
assert all(x[\"why\"] for x in s[\"suggestions\"])
assert all(x[\"entry\"].get(\"type\") in (None, \"补助\") for x in s[\"suggestions\"])
"'
expect_ok "a type told is taken as told" '
	jixiao suggest --type 培训 3 | grep -qx "项目类型：培训（由命令指定）"'
expect_fail 2 "suggest of an unknown project" 'jixiao suggest 博湖县不存在的项目'

expect_ok "new --from: next year's table starts as a copy, a draft, the year in its name moved on" '
	jixiao new --from 3 >out &&
	grep -qF "已以“博湖县2021年困难群众救助及慰问项目”（编号 3，2021年度）为底稿建立“博湖县2022年困难群众救助及慰问项目”" out &&
	jixiao list --year 2022 | grep -q "博湖县2022年困难群众救助及慰问项目.*草稿" &&
	jixiao export 3 | python3 -c "import json, sys; print(len(json.load(sys.stdin)[\"projects\"][0][\"indicators\"]))" >a &&
	jixiao export --year 2022 | python3 -c "import json, sys; print(len(json.load(sys.stdin)[\"projects\"][0][\"indicators\"]))" >b &&
	same a b'
expect_fail 2 "not twice" 'jixiao new --from 3'
expect_fail 2 "not into its own year" 'jixiao new --from 3 --year 2021'
finish
