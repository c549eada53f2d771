#!/bin/sh
# backup, restore, verify: a copy taken while the store is written holds it before or after each
# transaction, restores whole (tables, history, publications, actuals, accounts) and verifies; restore
# refuses what is not an intact jixiao store of a version it knows, and changes nothing then; verify
# names each problem it finds.
. "$(dirname "$0")/lib.sh"

if on_pg; then # PostgreSQL's own tools back it up; jixiao says so, and verify checks it
	jixiao --db "$(store live)" import "$SEED" >/dev/null || exit 1
	expect_fail 2 "backup of a PostgreSQL store points to pg_dump" 'jixiao --db "$(store live)" backup --to copy.db'
	expect_ok "the message says pg_dump" '! jixiao --db "$(store live)" backup --to copy.db 2>err && grep -qF "请用 pg_dump" err && test ! -e copy.db'
	expect_ok "restore into a PostgreSQL store points to pg_restore, changing nothing" '
		jixiao --db "$(store live)" export >before.json && printf x >some.db &&
		! jixiao --db "$(store live)" restore --from some.db --force 2>err && grep -qF "请用 pg_restore" err &&
		jixiao --db "$(store live)" export >after.json && same before.json after.json'
	expect_ok "verify finds an intact store intact" 'jixiao --db "$(store live)" verify >out'
	expect_ok "verify names a row that refers to nothing" '
		store_sql live "ALTER TABLE indicator DISABLE TRIGGER ALL; UPDATE indicator SET project_id = 99 WHERE project_id = 5; ALTER TABLE indicator ENABLE TRIGGER ALL" &&
		! jixiao --db "$(store live)" verify >out 2>&1; cat out; grep -qF "表 indicator 中有 14 行引用了表 project 中不存在的行" out'
	finish
fi

jixiao --db live.db import "$SEED" >/dev/null && jixiao --db live.db submit 1 2 >/dev/null &&
	jixiao --db live.db approve 1 >/dev/null && jixiao --db live.db return --reason 缺少成本指标 2 >/dev/null &&
	jixiao --db live.db publish --year 2021 --format json -o pub.json >/dev/null &&
	printf 'Passw0rd-long-enough!\nPassw0rd-long-enough!\n' | jixiao --db live.db user add 财政局 --role finance >/dev/null 2>&1
jixiao --db live.db user list >users.want 2>&1

# Everything a store holds, as the commands print it: what a restore must give back.
snapshot() {
	jixiao --db "$1" export &&
		for id in 1 2 3 4 5; do jixiao --db "$1" history "$id" --format json; done &&
		jixiao --db "$1" publications && jixiao --db "$1" user list
}
snapshot live.db >live.want 2>&1 || { echo "Bail out! the store to back up could not be made"; exit 1; }

expect_ok "a backup of a store is one file that verifies" '
	jixiao --db live.db backup --to copy.db && [ -s copy.db ] && ! [ -e copy.db-wal ] &&
	jixiao --db copy.db verify'
expect_fail 2 "backup will not overwrite a file unless told to" '
	jixiao --db live.db backup --to copy.db'
expect_ok "with --force it does" '
	jixiao --db live.db backup --to copy.db --force'
expect_ok "restoring it into a new store gives back every table, history, publication and account" '
	jixiao --db back.db restore --from copy.db && snapshot back.db >back.got 2>&1 && same live.want back.got'
expect_fail 2 "restore will not replace a store that holds tables unless told to" '
	jixiao --db back.db restore --from copy.db'
expect_ok "with --force it replaces it whole, and what was added since is gone" '
	sed "s/(2021年度)/(2030年度)/" "$SEED" >later.txt && jixiao --db back.db import later.txt >/dev/null &&
	jixiao --db back.db restore --from copy.db --force && snapshot back.db >back.got 2>&1 && same live.want back.got'

# Refusals: nothing made, nothing changed.
sqlite3 back.db .dump >back.before
printf 'not a database at all\n' >garbage.db
sqlite3 other.db 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
cp copy.db newer.db && sqlite3 newer.db 'PRAGMA user_version = 999'
for case in "garbage.db:不是完好的 jixiao 备份" "other.db:不是 jixiao 的备份" "newer.db:比本程序支持的版本"; do
	file=${case%%:*} why=${case#*:}
	expect_fail 2 "restore refuses $file (“$why”) and makes no new store" '
		jixiao --db fresh.db restore --from '"$file"' 2>err; rc=$?; cat err;
		grep -qF "'"$why"'" err && ! [ -e fresh.db ] || exit 9; exit $rc'
	expect_fail 2 "nor changes a store it was asked to replace with $file" '
		jixiao --db back.db restore --from '"$file"' --force 2>err; rc=$?; cat err;
		sqlite3 back.db .dump >back.after; same back.before back.after || exit 9; exit $rc'
done

# A backup taken while a long import writes holds the store before the import or after it, whole.
python3 - "$SEED" >many.txt <<'PY'
import sys
seed = open(sys.argv[1], encoding="utf-8").read()
for year in range(2100, 2300):
    sys.stdout.write(seed.replace("(2021年度)", "(%d年度)" % year).replace("2021年", "%d年" % year))
PY
expect_ok "a backup during an import holds the store before it or after it, and verifies" '
	cp live.db busy.db && jixiao --db busy.db import many.txt >import.out 2>&1 &
	pid=$!; sleep 0.3; jixiao --db busy.db backup --to during.db; b=$?; wait $pid; i=$?;
	[ $b -eq 0 ] && [ $i -eq 0 ] || exit 9;
	n=$(sqlite3 during.db "SELECT count(*) FROM project"); m=$(sqlite3 busy.db "SELECT count(*) FROM project");
	echo "backup holds $n projects, the store $m";
	{ [ "$n" -eq 5 ] || [ "$n" -eq "$m" ]; } && jixiao --db during.db verify'

# verify names what is wrong, one problem per line, and exits 1.
cp copy.db broken.db
sqlite3 broken.db "PRAGMA foreign_keys = OFF; INSERT INTO indicator (project_id, seq, level1, level2, name)
	VALUES (99, 0, '产出指标', '数量指标', '孤儿指标');
	UPDATE publication SET head = replace(head, '3033', '3034') WHERE version = 1;
	UPDATE project SET extra = '{not json' WHERE id = 3;"
expect_fail 1 "verify names a row that refers to nothing, an altered publication and an unreadable project" '
	jixiao --db broken.db verify >out; rc=$?; cat out;
	grep -q "^问题: 表 indicator 的第 .* 行引用了表 project 中不存在的行" out &&
	grep -q "^问题: 第 1 版公开无法读回" out && grep -q "^问题: 项目 3 无法读取" out &&
	grep -q "^发现 3 个问题" out || exit 9; exit $rc'

finish
