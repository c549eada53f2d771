#!/bin/sh
# copy: a whole store — tables with their ids, history, publications, actuals, accounts — into another,
# SQLite and PostgreSQL either way; the copy checks itself (every table row by row, and the export);
# a destination that holds data is refused unless --force, which replaces it; a copy that fails leaves
# the destination as it was, and makes no new one. On SQLite alone the copies are file to file; on
# PostgreSQL the round trip is SQLite → PostgreSQL → PostgreSQL → SQLite.
. "$(dirname "$0")/lib.sh"

# the bundled actuals of the relief project (3), which make_store approves: actuals are taken for
# approved tables only
grep -e "^project," -e "^博湖县2021年困难群众救助及慰问项目," "$JIXIAO_SRC/data/samples/bohu-2021-actuals.csv" >relief-actuals.csv

# A store that holds one of everything: tables in every state, a publication, actuals, an account, the
# indicator library's entries taken from the approved tables.
make_store() {
	jixiao --db "$1" import "$SEED" >/dev/null && jixiao --db "$1" submit 1 2 3 >/dev/null &&
		jixiao --db "$1" approve 1 3 >/dev/null && jixiao --db "$1" return --reason 缺少成本指标 2 >/dev/null &&
		jixiao --db "$1" mark 1 --key >/dev/null &&
		jixiao --db "$1" publish --year 2021 --format json -o pub.json >/dev/null &&
		jixiao --db "$1" actuals import relief-actuals.csv >/dev/null &&
		jixiao --db "$1" library import --from-tables >/dev/null &&
		printf 'Passw0rd-long-enough!\n' | jixiao --db "$1" user add 财政局 --role finance >/dev/null 2>&1 &&
		printf 'Other-passw0rd-long!\n' | jixiao --db "$1" user add 教育局 --role unit --unit 博湖县教育和科学技术局 >/dev/null 2>&1 &&
		jixiao --db "$1" user disable 教育局 >/dev/null
}

# Everything a store holds, as the commands print it.
snapshot() {
	jixiao --db "$1" export &&
		for id in 1 2 3 4 5; do jixiao --db "$1" history "$id" --format json && jixiao --db "$1" actuals list "$id"; done &&
		jixiao --db "$1" publications && jixiao --db "$1" publish --version 1 --format text &&
		jixiao --db "$1" user list --format json && jixiao --db "$1" library export
}

make_store src.db || { echo "Bail out! the store to copy could not be made"; exit 1; }
snapshot src.db >src.want 2>&1
sqlite3 src.db "SELECT hash FROM account ORDER BY name" >hashes.want
sed "s/(2021年度)/(2030年度)/" "$SEED" >later.txt

if on_pg; then
	A=$(store a) B=$(store b)
	expect_ok "SQLite into a new PostgreSQL database, checked" '
		jixiao copy --from src.db --to "$A" >out && cat out && grep -qF "核对一致" out &&
		snapshot "$A" >a.got 2>&1 && same src.want a.got'
	expect_ok "PostgreSQL into PostgreSQL" '
		jixiao copy --from "$A" --to "$B" >out && grep -qF "核对一致" out && snapshot "$B" >b.got 2>&1 && same src.want b.got'
	expect_ok "and back into a new SQLite file: the same store, password hashes and all" '
		jixiao copy --from "$B" --to back.db >out && snapshot back.db >back.got 2>&1 && same src.want back.got &&
		sqlite3 back.db "SELECT hash FROM account ORDER BY name" >hashes.got && same hashes.want hashes.got'
	expect_ok "every row of every table is as it was (sessions aside)" '
		for t in project indicator history actual publication publication_part published account library library_use unit; do
			sqlite3 src.db "SELECT * FROM $t ORDER BY 1, 2" >src.$t && sqlite3 back.db "SELECT * FROM $t ORDER BY 1, 2" >back.$t &&
			same src.$t back.$t || exit 1; done'
	expect_ok "the copy on PostgreSQL goes on numbering history and actuals after the copied rows" '
		jixiao --db "$A" submit 4 >/dev/null && jixiao --db "$A" history 4 --format json >h.json &&
		store_sql a "SELECT count(*) = count(DISTINCT id) FROM history" | grep -qx t'
	expect_ok "logins do not travel: sessions are not copied" '
		store_sql a "INSERT INTO session VALUES ('"'"'t'"'"', '"'"'财政局'"'"', '"'"'c'"'"', '"'"'2999-01-01'"'"')" &&
		rm -f s2.db && jixiao copy --from "$A" --to s2.db >/dev/null && [ "$(sqlite3 s2.db "SELECT count(*) FROM session")" = 0 ]'
	expect_fail 2 "a PostgreSQL database that holds data is refused" '
		jixiao copy --from src.db --to "$B" 2>err; rc=$?; cat err; grep -qF "目标数据库不是空的" err && grep -qF -- "--force" err || exit 9; exit $rc'
	expect_ok "with --force it is replaced whole" '
		jixiao --db "$B" import later.txt >/dev/null && jixiao copy --from back.db --to "$B" --force >/dev/null &&
		snapshot "$B" >b.got 2>&1 && same src.want b.got'
	cp src.db orphan.db
	sqlite3 orphan.db "INSERT INTO history (project_id, at, user, action, detail) VALUES (99, 'x', 'y', 'z', '{}')"
	expect_fail 2 "a copy that fails into a new PostgreSQL database leaves no database" '
		jixiao copy --from orphan.db --to "$(store c)" 2>err; rc=$?; cat err;
		grep -qF "复制已取消，没有新建数据库" err && ! store_exists c || exit 9; exit $rc'
	expect_fail 2 "nor changes one it was to replace" '
		store_dump b >b.before; jixiao copy --from orphan.db --to "$B" --force 2>err; rc=$?; cat err;
		grep -qF "目标数据库没有任何改动" err && store_dump b >b.after && same b.before b.after || exit 9; exit $rc'
	expect_fail 2 "one database as both ends is refused" '
		jixiao copy --from "$A" --to "$A" --force 2>err; rc=$?; cat err; grep -qF "是同一个" err && snapshot "$A" >/dev/null || exit 9; exit $rc'
	finish
fi

expect_ok "a store into a new file, checked" '
	jixiao copy --from src.db --to copy.db >out && cat out && grep -qF "核对一致" out && grep -qF "项目 5、" out &&
	snapshot copy.db >copy.got 2>&1 && same src.want copy.got'
expect_ok "every row of every table is as it was" '
	for t in project indicator history actual publication publication_part published account library library_use unit; do
		sqlite3 src.db "SELECT * FROM $t ORDER BY 1, 2" >src.$t && sqlite3 copy.db "SELECT * FROM $t ORDER BY 1, 2" >copy.$t &&
		same src.$t copy.$t || exit 1; done'
expect_fail 2 "a destination that holds data is refused, and left as it was" '
	sqlite3 copy.db .dump >before.sql; jixiao copy --from src.db --to copy.db 2>err; rc=$?; cat err;
	grep -qF "目标数据库不是空的" err && sqlite3 copy.db .dump >after.sql && same before.sql after.sql || exit 9; exit $rc'
expect_ok "with --force it is replaced whole, and what it held is gone" '
	jixiao --db copy.db import later.txt >/dev/null && jixiao copy --from src.db --to copy.db --force >/dev/null &&
	snapshot copy.db >copy.got 2>&1 && same src.want copy.got'
expect_fail 2 "one file as both ends is refused, even by another path" '
	jixiao copy --from src.db --to ./src.db --force 2>err; rc=$?; cat err;
	grep -qF "是同一个" err && snapshot src.db >again 2>&1 && same src.want again || exit 9; exit $rc'
cp src.db orphan.db
sqlite3 orphan.db "INSERT INTO history (project_id, at, user, action, detail) VALUES (99, 'x', 'y', 'z', '{}')"
expect_fail 2 "a copy that fails makes no new file" '
	jixiao copy --from orphan.db --to new.db 2>err; rc=$?; cat err;
	grep -qF "复制已取消，没有新建数据库" err && ! [ -e new.db ] || exit 9; exit $rc'
expect_fail 2 "a missing source is named, and nothing is made" '
	jixiao copy --from nothing.db --to new.db 2>err; rc=$?; cat err; ! [ -e new.db ] || exit 9; exit $rc'
expect_fail 2 "both ends are needed" 'jixiao copy --from src.db'
finish
