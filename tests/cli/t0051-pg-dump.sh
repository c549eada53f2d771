#!/bin/sh
# A PostgreSQL store backs up with pg_dump and comes back with pg_restore into a new database: it
# verifies, and holds every table, history entry, publication, actual and account it held. (SQLite's
# backup and restore are t0022's.)
. "$(dirname "$0")/lib.sh"
on_pg || { echo "1..0 # SKIP pg_dump and pg_restore back up PostgreSQL stores (run under scripts/with-pg)"; exit 0; }

LIVE=$(store live) BACK=$(store back)
# actuals of the epidemic project (1), the one approved below: actuals are taken for approved tables only
printf 'project,indicator,actual,as_of\n博湖县2021年疫情防控项目,全年执行数,120.5,2021-06-30\n博湖县2021年疫情防控项目,全年执行数,300,2021-12-31\n' >epidemic-actuals.csv
jixiao --db "$LIVE" import "$SEED" >/dev/null && jixiao --db "$LIVE" submit 1 2 >/dev/null &&
	jixiao --db "$LIVE" approve 1 >/dev/null && jixiao --db "$LIVE" return --reason 缺少成本指标 2 >/dev/null &&
	jixiao --db "$LIVE" publish --year 2021 --format json -o pub.json >/dev/null &&
	jixiao --db "$LIVE" actuals import epidemic-actuals.csv >/dev/null &&
	printf 'Passw0rd-long-enough!\n' | jixiao --db "$LIVE" user add 财政局 --role finance >/dev/null 2>&1 ||
	{ echo "Bail out! the store to back up could not be made"; exit 1; }

snapshot() {
	jixiao --db "$1" export &&
		for id in 1 2 3 4 5; do jixiao --db "$1" history "$id" --format json && jixiao --db "$1" actuals list "$id"; done &&
		jixiao --db "$1" publications && jixiao --db "$1" user list
}
snapshot "$LIVE" >live.want 2>&1

expect_ok "pg_dump -Fc takes the store" 'pg_dump -Fc -f live.dump "$LIVE" && [ -s live.dump ]'
expect_ok "pg_restore into a new database gives a store that verifies" '
	$PSQL "$JIXIAO_TEST_PG/postgres" -c "CREATE DATABASE \"${PG_PREFIX}back\" TEMPLATE template0 ENCODING '"'"'UTF8'"'"'";
	pg_restore --no-owner -d "$BACK" live.dump && jixiao --db "$BACK" verify'
expect_ok "and holds what the store held: tables, history, actuals, publications, accounts" '
	snapshot "$BACK" >back.got 2>&1 && same live.want back.got'
expect_ok "the restored store takes new writes, numbered after the restored rows" '
	jixiao --db "$BACK" submit 3 >/dev/null && jixiao --db "$BACK" history 3 --format json >h.json &&
	jixiao --db "$BACK" actuals import epidemic-actuals.csv >/dev/null && jixiao --db "$BACK" verify'
expect_ok "a plain SQL dump restores with psql as well" '
	pg_dump -f live.sql "$LIVE" && $PSQL "$JIXIAO_TEST_PG/postgres" -c "CREATE DATABASE \"${PG_PREFIX}plain\" TEMPLATE template0 ENCODING '"'"'UTF8'"'"'" &&
	$PSQL -o /dev/null "$(store plain)" -f live.sql && snapshot "$(store plain)" >plain.got 2>&1 && same live.want plain.got'
finish
