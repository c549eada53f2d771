#!/bin/sh
# Many tables in one import store what the same import stores in an SQLite file — on PostgreSQL they
# stream through COPY in batches, a thread writing one while the next is read: new tables, then the
# stored ones again (every third changed) each followed by a new one; ids, exports, histories and what
# the import says alike. A bad last table, after batches were written, leaves the store as it was.
. "$(dirname "$0")/lib.sh"

export JIXIAO_NOW=2026-12-06T08:00:00Z

# tables FIRST LAST [MIXED]: generated tables FIRST…LAST in document text; with MIXED, each followed by
# table N+MIXED, and every third one's target moved.
tables() {
	awk -v first="$1" -v last="$2" -v mixed="${3:-0}" '
	function table(i, shift) {
		printf "部门预算项目支出绩效目标表\n(%d年度)\n项目名称\t批量项目%05d\n预算单位\t单位%02d\n", 2020 + i % 2, i, i % 7
		printf "项目资金(万元)\t年度资金总额: %d.00\n\t其中: 财政拨款 %d.00\n\t其他资金 0.00\n", 100 + i, 100 + i
		printf "总体目标\t年度目标\n\t围绕年度任务，提升基本公共服务水平，持续改善城乡居民生产生活条件，加强项目实施过程监督管理。\n"
		printf "\t一级指标\t二级指标\t三级指标\t指标值\n绩效指标\t产出指标\t数量指标\t培训次数(次)\t≥%d\n", i + shift
		printf "\t\t质量指标\t合格率(%%)\t=100%%\n\t满意度指标\t服务对象满意度指标\t满意度(%%)\t≥90%%\n\n"
	}
	BEGIN {
		for (i = first; i <= last; i++) {
			table(i, mixed && i % 3 == 0)
			if (mixed)
				table(i + mixed, 0)
		}
	}'
}

tables 1 2000 >first.txt
tables 1001 2000 1000 >then.txt
{ tables 3001 4000; printf '部门预算项目支出绩效目标表\n(2021年度)\n项目名称\t坏表\n项目资金(万元)\t年度资金总额: abc\n'; } >bad.txt

expect_ok "new tables: the import says what it says into SQLite" '
	jixiao import first.txt >out && jixiao --db ref.db import first.txt >ref && same ref out &&
	grep -qF "已导入 2000 个项目，6000 条指标（新增 2000，替换 0，未变 0）" out'
expect_ok "stored tables again, mixed with new ones: the same" '
	jixiao import then.txt >out && jixiao --db ref.db import then.txt >ref && same ref out &&
	grep -qF "已导入 2000 个项目，6000 条指标（新增 1000，替换 333，未变 667）" out'
expect_ok "the same ids, names and states" 'jixiao list >list && jixiao --db ref.db list >ref && same ref list'
expect_ok "the same export" 'jixiao export >export.json && jixiao --db ref.db export >ref.json && same ref.json export.json'
expect_ok "the same history, of a changed table and of a new one" '
	jixiao history 批量项目01002 >h && jixiao --db ref.db history 批量项目01002 >ref && same ref h &&
	grep -q 修改 h && jixiao history 批量项目02999 >h && jixiao --db ref.db history 批量项目02999 >ref && same ref h'
expect_fail 2 "a bad last table fails the import" 'jixiao import bad.txt'
expect_ok "and leaves the store as it was" '
	jixiao export >after.json && same export.json after.json && jixiao list >after && same list after &&
	jixiao history 批量项目01002 | grep -c . >n && test "$(cat n)" -eq "$(jixiao --db ref.db history 批量项目01002 | grep -c .)"'
expect_ok "the next import numbers on as if it had not run" '
	tables 3001 3001 >one.txt && jixiao import one.txt >/dev/null && jixiao --db ref.db import one.txt >/dev/null &&
	jixiao list >list && jixiao --db ref.db list >ref && same ref list'
finish
