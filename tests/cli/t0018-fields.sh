#!/bin/sh
# The fields real tables carry (主管部门, 实施期, 上年结转, the 实施期 goal, 年度主要任务, indicator columns
# such as 分值 and 指标解释): kept by the JSON form, written by the text form and by every publication,
# and read back from jixiao's own text, web page, workbook and PDF to the same tables; amounts in 元
# kept to the 分.
. "$(dirname "$0")/lib.sh"

DATA="$JIXIAO_SRC/tests/data/fields"
jixiao --db "$(store rich)" import "$DATA/rich.json" >/dev/null && jixiao --db "$(store rich)" export >rich.json || exit 1

expect_ok "the JSON form keeps every optional field and column" '
	python3 - rich.json "$DATA/rich.json" <<PY
import json, sys
got = {p["name"]: p for p in json.load(open(sys.argv[1]))["projects"]}
for want in json.load(open(sys.argv[2]))["projects"]:
    g = got[want["name"]]
    for k, v in want.items():
        if k == "indicators":
            for a, b in zip(v, g["indicators"]):
                for f, x in a.items():
                    assert b.get(f) == x, (want["name"], a["name"], f, b.get(f), x)
        elif k == "funds":
            for f, x in v.items():
                assert g["funds"].get(f) == x, (f, g["funds"].get(f), x)
        else:
            assert g.get(k) == v, (k, g.get(k), v)
PY'
expect_ok "the text form carries them and reads back to the same tables" '
	jixiao --db "$(store rich)" export --format text >rich.txt &&
	jixiao --db "$(store back)" import rich.txt >/dev/null && jixiao --db "$(store back)" export >back.json && same rich.json back.json'
# publish → html | xlsx | pdf → import, as t0011, t0012, t0015 and t0017 do for the seed: a title the
# readers take is the heading (another one a 表名 row), funds a table does not give have no row, and the
# indicator columns any indicator has are columns after 指标值 (on landscape pages in the PDF).
export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
store_copy rich pub
jixiao --db "$(store pub)" submit 1 2 3 >/dev/null && jixiao --db "$(store pub)" approve 1 2 3 >/dev/null &&
	jixiao --db "$(store pub)" export >published.json || exit 1
by_name() { # by_name A.json B.json: the same tables in any order, status and flags aside
	python3 - "$1" "$2" <<'PY'
import json, sys
strip = lambda f: sorted(({k: v for k, v in p.items() if k not in ("status", "key", "classified")}
                          for p in json.load(open(f))["projects"]), key=lambda p: p["name"])
a, b = strip(sys.argv[1]), strip(sys.argv[2])
for x, y in zip(a, b):
    assert x == y, [(k, x.get(k), y.get(k)) for k in set(x) | set(y) if x.get(k) != y.get(k)]
assert len(a) == len(b), (len(a), len(b))
PY
}
for f in text html xlsx pdf; do
	expect_ok "published as $f, the tables read back with every field" "
		jixiao --db $(store pub) publish --year 2023 --format $f -o pub.$f 2>/dev/null &&
		jixiao --db $(store back-$f) import pub.$f >/dev/null && jixiao --db $(store back-$f) export >back-$f.json &&
		by_name published.json back-$f.json"
done
expect_ok "the page shows the table's own title, a 表名 row for one the readers would not take, and 分值" '
	grep -qF "<h2>绩效目标申报表(基础设施建设类)</h2>" pub.html &&
	grep -qF "<tr><th>表名</th><td colspan=\"6\">农村公路养护专项资金明细</td></tr>" pub.html &&
	grep -qF "<th>指标值</th><th>分值</th><th>指标解释</th></tr>" pub.html &&
	sed -n "/农村公路养护专项资金明细/,/<\/table>/p" pub.html >road.html && grep -qF "年度资金总额" road.html &&
	! grep -q "财政拨款\|其他资金" road.html'
expect_ok "the workbook's flat sheet alone reads back every field but the goals and the tasks it has no room for" '
	python3 "$JIXIAO_SRC/tests/cli/xlsx_tool.py" only pub.xlsx flat.xlsx 指标清单 &&
	jixiao --db "$(store flat)" import flat.xlsx >/dev/null && jixiao --db "$(store flat)" export >flat.json &&
	python3 - published.json flat.json <<PY
import json, sys
drop = ("status", "key", "classified", "goal", "long_goal", "tasks")
strip = lambda f: sorted(({k: v for k, v in p.items() if k not in drop} for p in json.load(open(f))["projects"]),
                         key=lambda p: p["name"])
assert strip(sys.argv[1]) == strip(sys.argv[2])
PY'
expect_ok "the PDF puts the tables with indicator columns on landscape pages, the others portrait" '
	pdfinfo -l 99 pub.pdf | sed -n "s/^Page *[0-9]* size: *\([0-9.]*\) x.*/\1/p" | tr "\n" " " >widths &&
	printf "595.28 841.89 841.89 841.89 595.28 " | diff - widths'
expect_ok "show lays the fields out for a reader: header fields, funds, tasks, goals, columns under each indicator" '
	jixiao --db "$(store pub)" show 1 2 >show && grep -qx "主管部门    博湖县农业农村局" show &&
	grep -qx "实施期目标  建成高标准农田5万亩。" show && grep -qx "            改善灌溉条件。" show &&
	grep -qF "上年结转" show && grep -qF "分值：10　取值依据：行业标准" show &&
	grep -qx "主要任务    困难群众救助 800.00 万元（财政拨款 700.00，其他资金 100.00）" show'
expect_ok "the CSV has every column, the old ones in their places, and the fields in theirs" '
	jixiao --db "$(store pub)" publish --version 1 --format csv -o pub.csv && python3 - <<PY
import csv
rows = list(csv.DictReader(open("pub.csv", encoding="utf-8-sig", newline="")))
head = list(rows[0])
assert head[12:14] == ["指标值", "指标方向"] and head[-1] == "年度主要任务（万元）", head
r = [r for r in rows if r["三级指标"] == "新建高标准农田面积"][0]
assert (r["分值"], r["主管部门"], r["上年结转资金（万元）"], r["财政拨款（万元）"]) == ("10", "博湖县农业农村局", "12.50", "800.00"), r
r = [r for r in rows if r["三级指标"] == "养护里程"][0]
assert (r["财政拨款（万元）"], r["其他资金（万元）"], r["表名"]) == ("", "", "农村公路养护专项资金明细"), r
PY'
python3 - <<'PY' >long.json
import json
groups = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
inds = [dict(level1=groups[i // 10][0], level2=groups[i // 10][1], name="第%d项指标的名称长得要换行才能写下" % i, unit="人",
             target="≥%d人" % (i * 37 + 5), weight=str(i % 7 + 1), explanation="第%d条指标解释，说明其含义和计算方法。" % i,
             basis="计划标准", **({"scoring": "完成得满分，未完成按比例扣分"} if i % 3 else {})) for i in range(40)]
print(json.dumps({"projects": [{"year": 2024, "name": "长表项目", "unit": "测试局", "funds": {"total": "100.00", "fiscal": "60.00"},
                                "goal": "第一段目标。\n第二段目标，内容更长一些，用来测试段落。", "indicators": inds}]}, ensure_ascii=False))
PY
jixiao --db "$(store long)" import long.json >/dev/null && jixiao --db "$(store long)" submit 1 >/dev/null &&
	jixiao --db "$(store long)" approve 1 >/dev/null && jixiao --db "$(store long)" export >long-published.json || exit 1
expect_ok "40 indicators with columns over several landscape pages read back, in the PDF and the workbook" '
	jixiao --db "$(store long)" publish --year 2024 --format pdf -o long.pdf 2>/dev/null &&
	test "$(pdfinfo long.pdf | sed -n "s/^Pages: *//p")" -ge 3 &&
	jixiao --db "$(store long-pdf)" import long.pdf >/dev/null && jixiao --db "$(store long-pdf)" export >long-pdf.json &&
	by_name long-published.json long-pdf.json &&
	jixiao --db "$(store long)" publish --year 2024 --format xlsx -o long.xlsx 2>/dev/null &&
	jixiao --db "$(store long-xlsx)" import long.xlsx >/dev/null && jixiao --db "$(store long-xlsx)" export >long-xlsx.json &&
	by_name long-published.json long-xlsx.json'
printf '{"projects": [{"year": 2025, "name": "空表项目", "unit": "测试局", "funds": {"total": "12.00"}, "goal": "目标。", "category": "新增项目", "indicators": []}]}\n' >empty.json
jixiao --db "$(store empty)" import empty.json >/dev/null && jixiao --db "$(store empty)" export >empty-published.json &&
	store_sql empty "UPDATE project SET status = 'approved'" || exit 1 # review would not approve a table without indicators
for f in html xlsx pdf; do
	expect_ok "a table without indicators reads back from the $f" "
		jixiao --db $(store empty) publish --year 2025 --format $f -o empty.$f 2>/dev/null &&
		jixiao --db $(store empty-$f) import empty.$f >/dev/null && jixiao --db $(store empty-$f) export >empty-$f.json &&
		by_name empty-published.json empty-$f.json"
done
unset JIXIAO_NOW JIXIAO_USER

expect_ok "a table without a 财政拨款 split exports no fiscal or other key" '
	printf "{\"projects\": [{\"year\": 2022, \"name\": \"甲\", \"funds\": {\"total\": \"250\"}}]}\n" >total.json &&
	jixiao --db "$(store total)" import total.json >/dev/null && jixiao --db "$(store total)" export | grep -qF "\"funds\": {\"total\": \"250.00\"}"'
expect_ok "an amount in 元 is kept to the 分 and shown in 万元" '
	printf "部门预算项目支出绩效目标表\n(2023年度)\n金额单位：元\n项目名称\t乙\n项目资金\t年度资金总额: 387,664.62\n" >yuan.txt &&
	jixiao --db "$(store yuan)" import yuan.txt >/dev/null &&
	jixiao --db "$(store yuan)" export | grep -qF "\"total\": \"38.766462\""'
finish
