#!/bin/sh
# A few thousand tables imported into a store without projects — where SQLite makes the project
# table's indexes once, at the commit, instead of entry by entry — store what the same tables store
# imported into a store that holds a table already (the indexes kept up entry by entry): the same rows,
# ids, history, export, and on SQLite the same schema, whole and sound. The export reads back as it was
# read. A bad last table leaves the empty store as it was, its indexes too.
. "$(dirname "$0")/lib.sh"

export JIXIAO_NOW=2026-12-06T08:00:00Z

# tables FIRST LAST: generated tables FIRST…LAST in document text, of several units and two years, their
# names and amounts in an order other than the order read, so that each index's order is its own.
tables() {
	awk -v first="$1" -v last="$2" '
	BEGIN {
		for (i = first; i <= last; i++) {
			k = (i * 7919) % 10007
			printf "部门预算项目支出绩效目标表\n(%d年度)\n项目名称\t批量项目%05d\n预算单位\t单位%02d\n", 2020 + i % 2, k, (i * 13) % 37
			printf "项目资金(万元)\t年度资金总额: %d.%02d\n\t其中: 财政拨款 %d.%02d\n\t其他资金 0.00\n", k % 977, i % 100, k % 977, i % 100
			printf "总体目标\t年度目标\n\t围绕年度任务，提升基本公共服务水平，持续改善城乡居民生产生活条件（第%d批）。\n", i
			printf "\t一级指标\t二级指标\t三级指标\t指标值\n绩效指标\t产出指标\t数量指标\t培训次数(次)\t≥%d\n", k % 50
			printf "\t\t质量指标\t合格率(%%)\t=100%%\n\t\t成本指标\t培训费(万元)\t≤%d.%02d\n", k % 977, i % 100
			printf "\t效益指标\t社会效益指标\t群众知晓率(%%)\t≥%d%%\n", 60 + k % 40
			printf "\t满意度指标\t服务对象满意度指标\t满意度(%%)\t≥90%%\n\n"
		}
	}'
}

tables 1 3000 >all.txt
tables 1 1 >first.txt
tables 2 3000 >rest.txt
{ tables 3001 3400; printf '部门预算项目支出绩效目标表\n(2021年度)\n项目名称\t坏表\n项目资金(万元)\t年度资金总额: abc\n'; } >bad.txt

expect_ok "3,000 tables into a store without projects" '
	jixiao --db "$(store bulk)" import all.txt >out &&
	grep -qF "已导入 3000 个项目，15000 条指标（新增 3000，替换 0，未变 0）" out'
expect_ok "the same tables into a store that holds the first already" '
	jixiao --db "$(store kept)" import first.txt >/dev/null && jixiao --db "$(store kept)" import rest.txt >out &&
	grep -qF "已导入 2999 个项目，14995 条指标（新增 2999，替换 0，未变 0）" out'
expect_ok "the same ids, names and states" '
	jixiao --db "$(store bulk)" list >a && jixiao --db "$(store kept)" list >b && same b a && test "$(grep -c 批量项目 a)" -eq 3000'
expect_ok "the same export" '
	jixiao --db "$(store bulk)" export >a.json && jixiao --db "$(store kept)" export >b.json && same b.json a.json'
expect_ok "the same history" '
	store_sql bulk "SELECT id, project_id, at, user, action, detail FROM history ORDER BY id" >a.h &&
	store_sql kept "SELECT id, project_id, at, user, action, detail FROM history ORDER BY id" >b.h &&
	same b.h a.h && test "$(wc -l <a.h)" -eq 3000'
expect_ok "the text export reads back into a fresh store as it was read" '
	jixiao --db "$(store bulk)" export --format text >a.txt && jixiao --db "$(store again)" import a.txt >/dev/null &&
	jixiao --db "$(store again)" export >again.json && same a.json again.json &&
	jixiao --db "$(store again)" export --format text >again.txt && same a.txt again.txt'
expect_ok "the store is sound and its tables read back" 'jixiao --db "$(store bulk)" verify >/dev/null'
expect_ok "an index serves what it served" '
	jixiao --db "$(store bulk)" list --year 2021 >y && test "$(grep -c 批量项目 y)" -eq 1500 &&
	jixiao --db "$(store bulk)" show 批量项目07919 | grep -qF 批量项目07919'

# The rest is SQLite's: the schema and the file itself.
on_pg && finish
schema() {
	sqlite3 "$1.db" "SELECT type, name, tbl_name, sql FROM sqlite_master" | sort
}
printf 'secret-pw-1\n' | jixiao --db empty.db user add admin --role admin >/dev/null 2>&1 || exit 1
schema empty >empty.before
expect_ok "the schema of a store made without an import: the indexes made again from their own text" '
	schema bulk >a.s && same empty.before a.s && schema kept >b.s && same empty.before b.s &&
	grep -q "^index|project_list|project|" a.s'
expect_ok "the same rows in every table" '
	for t in project indicator history; do
		sqlite3 bulk.db "SELECT * FROM $t ORDER BY 1, 2" >a.$t && sqlite3 kept.db "SELECT * FROM $t ORDER BY 1, 2" >b.$t &&
		same b.$t a.$t || exit 1
	done'
expect_ok "the file is whole" 'test "$(sqlite3 bulk.db "PRAGMA integrity_check")" = ok'
expect_ok "lookups by name use the index made again" '
	sqlite3 bulk.db "EXPLAIN QUERY PLAN SELECT id FROM project WHERE name = '\''x'\''" | grep -q "USING COVERING INDEX project_name\|USING INDEX project_name"'
sqlite3 empty.db .dump >empty.dump
expect_fail 2 "a bad last table fails an import into a store without projects" 'jixiao --db empty.db import bad.txt'
expect_ok "and leaves it as it was, its indexes in place" '
	schema empty >empty.after && same empty.before empty.after && sqlite3 empty.db .dump >after.dump &&
	same empty.dump after.dump && test "$(sqlite3 empty.db "SELECT count(*) FROM project")" -eq 0'
expect_ok "the next import into it makes them again" '
	jixiao --db empty.db import first.txt >/dev/null && schema empty >empty.after && same empty.before empty.after'
finish
