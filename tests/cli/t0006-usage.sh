#!/bin/sh
# The command explains itself: help for every command, clear usage errors, and where the database is.
. "$(dirname "$0")/lib.sh"

for c in import list show export check submit approve return history publish publications mark actuals score monitor serve user; do
	expect_ok "$c --help explains $c" "jixiao $c --help | grep -q '^用法: jixiao $c'"
	expect_ok "help $c is the same" "jixiao help $c >a && jixiao $c --help >b && same a b"
done
expect_ok "--help lists the commands" 'jixiao --help >out && for c in import list show export check submit approve return history publish publications mark actuals score monitor serve user; do grep -q "^  $c " out || exit 1; done'
expect_ok "--version" 'jixiao --version | grep -q "^jixiao [0-9]"'
expect_fail 2 "no command" 'jixiao'
expect_fail 2 "--db without its value" 'jixiao --db'
expect_fail 2 "an unknown command" 'jixiao frobnicate'
expect_ok "an unknown command is named" '! jixiao frobnicate 2>err && grep -qF "没有“frobnicate”这个命令" err'
expect_fail 2 "import without files" 'jixiao import'
expect_fail 2 "an unknown option" 'jixiao list --frob'
expect_fail 2 "a bad year" 'jixiao list --year 20x1'
expect_fail 2 "a bad export format" 'jixiao export --format xml'
expect_fail 2 "show without a project" 'jixiao show'
printf '{"projects": []}' | jixiao --db "$(store e)" import - >/dev/null
expect_fail 2 "show of a project that does not exist" 'jixiao --db "$(store e)" show 42'
expect_ok "the missing project is named" '! jixiao --db "$(store e)" show 42 2>err && grep -qF "没有名为或编号为“42”的项目" err'
expect_ok "a missing database is named and not created by reading commands" '
	! jixiao --db "$(store none)" list 2>err && grep -qE "(none.db|${PG_PREFIX}none): 数据库不存在" err && ! store_exists none'
expect_ok "the database defaults to ./jixiao.db" '(unset JIXIAO_DB; jixiao import "$SEED" >/dev/null) && test -f jixiao.db'
expect_ok "JIXIAO_DB chooses the database" 'JIXIAO_DB=$(store env) jixiao import "$SEED" >/dev/null && store_exists env'
expect_ok "--db after the command works too" 'jixiao list --db "$(store env)" | grep -q 博湖县'
expect_ok "an empty database lists nothing, clearly" 'jixiao --db "$(store e)" list | grep -qF "数据库中没有项目"'
if on_pg; then
	expect_ok "a newer schema than the program knows is refused" '
		store_copy e new && store_sql new "UPDATE jixiao_schema SET version = 99" &&
		! jixiao --db "$(store new)" list 2>err && grep -qF "数据库版本 99 比本程序支持的版本" err'
	expect_ok "a database without jixiao'\''s tables is not a store until something is stored in it" '
		store_copy e bare && store_sql bare "DROP TABLE library_use, library, login_attempt, published, session, account, actual, publication, history, indicator, project, jixiao_schema" &&
		! jixiao --db "$(store bare)" list 2>err && grep -qF "数据库中还没有 jixiao 的数据" err &&
		jixiao --db "$(store bare)" import "$SEED" >/dev/null && jixiao --db "$(store bare)" list | grep -q 博湖县'
	expect_ok "a key=value connection string is a PostgreSQL store too" '
		jixiao --db "host=$JIXIAO_TEST_PG_DIR user=postgres dbname=${PG_PREFIX}env" list | grep -q 博湖县'
	expect_ok "a server that cannot be reached is named, and no file is made" '
		! jixiao --db "postgresql://postgres@%2Fnonexistent-dir/x" list 2>err && grep -qF "x: 无法连接数据库服务器" err &&
		! ls | grep -q postgres'
else
	expect_ok "a newer schema than the program knows is refused" '
		cp e.db new.db && sqlite3 new.db "PRAGMA user_version = 99" &&
		! jixiao --db "$(store new)" list 2>err && grep -qF "数据库版本 99 比本程序支持的版本" err'
fi
finish
