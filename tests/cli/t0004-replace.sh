#!/bin/sh
# A project is identified by year and name: importing its table again replaces it, keeps its id, and
# keeps what the document form does not carry (flags; status while the table is unchanged).
. "$(dirname "$0")/lib.sh"

jixiao import "$SEED" >/dev/null || exit 1
sed 's/≥700000/≥800000/' "$SEED" >changed.txt

expect_ok "the same document again changes nothing" '
	jixiao import "$SEED" >out && grep -qF "（新增 0，替换 0，未变 5）" out'
expect_ok "a changed target replaces that one project" '
	jixiao import changed.txt >out && grep -qF "（新增 0，替换 1，未变 4）" out &&
	jixiao export 1 | grep -qF "\"value\": 800000, \"target\": \"≥800000\""'
expect_ok "ids are kept on replace" '
	jixiao list | awk "NR == 2 { print \$1, \$3 }" >first && echo "1 博湖县2021年疫情防控项目" >want && same want first'
expect_ok "the project count stays five" 'test "$(jixiao list | wc -l)" -eq 6'
jixiao export | sed 's/"key": false, "classified": false, "status": "draft"/"key": true, "classified": false, "status": "approved"/' >approved.json
expect_ok "JSON sets flags but not the status" '
	jixiao import approved.json >/dev/null && test "$(jixiao list | grep -c "草稿 重点")" -eq 5'
jixiao submit 1 2 3 4 5 >/dev/null && jixiao approve 1 3 4 5 >/dev/null 2>&1
jixiao return 2 --reason 理由 >/dev/null && jixiao submit 2 >/dev/null
expect_ok "the workflow approves" 'test "$(jixiao list | grep -c "已批准 重点")" -eq 4'
expect_ok "an unchanged table keeps its status and flags" '
	jixiao import changed.txt >out && grep -qF "未变 5" out && test "$(jixiao list | grep -c "已批准 重点")" -eq 4 &&
	jixiao list | awk "NR == 3" | grep -qF "已提交 重点"'
expect_ok "a changed table returns to draft and keeps its flags" '
	jixiao import "$SEED" >out && grep -qF "替换 1" out &&
	jixiao list | awk "NR == 2" | grep -qF "草稿 重点" && test "$(jixiao list | grep -c "已批准 重点")" -eq 3'
expect_ok "the same name in another year is another project" '
	sed "s/(2021年度)/(2022年度)/; s/（2021年度）/（2022年度）/" "$SEED" >next.txt &&
	jixiao import next.txt >out && grep -qF "新增 5" out && test "$(jixiao list | wc -l)" -eq 11'
expect_fail 2 "a name in two years is ambiguous" 'jixiao show 博湖县2021年疫情防控项目'
expect_ok "the ambiguity is explained with the ids" '
	! jixiao show 博湖县2021年疫情防控项目 2>err && grep -qF "有 2 个项目名为“博湖县2021年疫情防控项目”（编号 1, 6）" err'
expect_ok "--year picks one" 'jixiao show --year 2022 博湖县2021年疫情防控项目 | grep -qF "2022　编号 6"'
expect_ok "a project twice in one import is refused, naming both places" '
	cat "$SEED" changed.txt >twice.txt && ! jixiao --db "$(store t)" import twice.txt 2>err &&
	grep -qF "项目“博湖县2021年疫情防控项目”（2021年度）在本次导入中出现了两次：twice.txt:31 和 twice.txt:194" err &&
	! jixiao --db "$(store t)" list 2>/dev/null | grep -q 博湖县'
finish
