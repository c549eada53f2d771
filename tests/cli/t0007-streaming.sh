#!/bin/sh
# Imports stream: a gigabyte of input is read to its end in bounded memory, and many tables import in
# one all-or-nothing transaction.
. "$(dirname "$0")/lib.sh"

peak_kb() { # COMMAND…: runs it and prints its peak resident memory in KB
	/usr/bin/time -f "%M" -o rss "$@" >/dev/null 2>err
	tail -n 1 rss
}

# seeds N: the seed's five tables N times over, each copy with its own project names.
seeds() {
	awk -v n="$1" '{ lines[NR] = $0 } END {
		for (i = 1; i <= n; i++) for (j = 1; j <= NR; j++) {
			l = lines[j]; if (l ~ /^项目名称\t/) sub(/\t/, "\t项目" i "-", l); print l } }' "$SEED"
}

expect_ok "a gigabyte of prose is read to its end in bounded memory" '
	kb=$(yes "这是一行与绩效目标表无关的说明文字，用来测试导入会不会把整个文件读进内存。" |
		head -n 9600000 | ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=16 peak_kb "$JIXIAO" --db "$(store big)" import -) ;
	grep -qF "<stdin>: 没有找到绩效目标表" err && echo "peak $kb KB" && test "$kb" -lt 100000'
expect_ok "2,000 tables import in one transaction" '
	seeds 400 >many.txt && jixiao import many.txt >out &&
	grep -qF "已导入 2000 个项目，28000 条指标（新增 2000，替换 0，未变 0）" out'
expect_ok "a bad table at the end of 2,000 leaves none of them stored" '
	{ seeds 400 | sed "s/项目名称\t项目1-/项目名称\t项目X-/"; printf "部门预算项目支出绩效目标表\n(2022年度)\n项目名称\n"; } >badend.txt &&
	! jixiao import badend.txt 2>err && grep -qF "badend.txt:" err &&
	test "$(jixiao list | grep -c 项目X-)" -eq 0 && test "$(jixiao list | wc -l)" -eq 2001'
finish
