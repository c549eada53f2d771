#!/bin/sh
# The fields real tables carry (主管部门, 实施期, 上年结转, the 实施期 goal, 年度主要任务, indicator columns
# such as 分值 and 指标解释): kept by the JSON form, written by the text form, and read back from it to the
# same tables; amounts in 元 kept to the 分.
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
expect_ok "a table without a 财政拨款 split exports no fiscal or other key" '
	printf "{\"projects\": [{\"year\": 2022, \"name\": \"甲\", \"funds\": {\"total\": \"250\"}}]}\n" >total.json &&
	jixiao --db "$(store total)" import total.json >/dev/null && jixiao --db "$(store total)" export | grep -qF "\"funds\": {\"total\": \"250.00\"}"'
expect_ok "an amount in 元 is kept to the 分 and shown in 万元" '
	printf "部门预算项目支出绩效目标表\n(2023年度)\n金额单位：元\n项目名称\t乙\n项目资金\t年度资金总额: 387,664.62\n" >yuan.txt &&
	jixiao --db "$(store yuan)" import yuan.txt >/dev/null &&
	jixiao --db "$(store yuan)" export | grep -qF "\"total\": \"38.766462\""'
finish
