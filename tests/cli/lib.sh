# lib.sh — sourced by the command tests (after git's t/test-lib.sh). Each test runs the real jixiao
# (from $JIXIAO, built with sanitizers) in a fresh temporary directory and reports TAP.
#
#   expect_ok "what" 'commands'      the commands succeed
#   expect_fail N "what" 'commands'  the last command exits with status N
#   same EXPECTED ACTUAL            compare files, showing a diff when they differ
#   imports_as EXPECTED FILE        FILE ("-": standard input) imports into a fresh store whose JSON
#                                   export is the file EXPECTED
#   refused FILE MESSAGE-PART       importing FILE into the store seed fails (exit 2) with a message
#                                   holding MESSAGE-PART, and it still dumps (store_dump) as before.sql; $MEASURE, if
#                                   set, is a command to run jixiao under
#   none_stored FILE PLACE          importing the seed and FILE in one import fails (exit 2) naming
#                                   PLACE, stores nothing of either, and leaves no store behind
#   same_tables A.json B.json       two exports hold the same tables, status, key and classified aside
#   finish                          print the plan and exit with the result
#
# Every test runs against SQLite and again against PostgreSQL (scripts/run-tests starts a server of its
# own, scripts/with-pg, and sets $JIXIAO_TEST_PG to it). A test names its stores, and these say where
# each is and look into it, on either backend:
#   store NAME                      the location of the store NAME: NAME.db, or a database of this test
#                                   run's own on the PostgreSQL server (jixiao makes it as it makes a
#                                   file; all are dropped when the test ends). $JIXIAO_DB is store
#                                   jixiao there, so that commands without --db use PostgreSQL too.
#   store_exists NAME               the store NAME exists
#   store_sql NAME SQL              runs SQL on it (sqlite3, or psql), printing rows as "a|b"
#   store_drop NAME                 removes the store NAME, if it exists
#   store_copy FROM TO              makes the store TO a copy of FROM (whole, as cp copies a file)
#   store_dump NAME                 every row of every table, in an order that does not depend on how
#                                   they were written (a database's own numbering of failed writes aside)
#   on_pg                           true when the stores are PostgreSQL's
#   sqlite_only REASON              ends a test that means SQLite alone (TAP skip) on PostgreSQL

set -u
: "${JIXIAO:?set JIXIAO to the jixiao binary}"
: "${JIXIAO_SRC:?set JIXIAO_SRC to the source tree}"
SEED="$JIXIAO_SRC/data/samples/bohu-2021.txt"
EXPECT="$JIXIAO_SRC/tests/cli/expect"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$JIXIAO_SRC/tests/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
unset JIXIAO_DB

on_pg() {
	[ -n "${JIXIAO_TEST_PG:-}" ]
}

# This run's databases: the test's number and the shell's pid, so that runs side by side do not meet.
PG_PREFIX="t$(basename "$0" .sh | sed 's/^t\([0-9]*\).*/\1/')_$$_"
PSQL="psql -X -q -v ON_ERROR_STOP=1 -A -t"

store() {
	if on_pg; then
		echo "$JIXIAO_TEST_PG/$PG_PREFIX$1"
	else
		echo "$1.db"
	fi
}

store_exists() {
	if on_pg; then
		[ "$($PSQL "$JIXIAO_TEST_PG/postgres" -c "SELECT count(*) FROM pg_database WHERE datname = '$PG_PREFIX$1'")" = 1 ]
	else
		test -e "$1.db"
	fi
}

store_drop() {
	if on_pg; then
		$PSQL "$JIXIAO_TEST_PG/postgres" -c "DROP DATABASE IF EXISTS \"$PG_PREFIX$1\" WITH (FORCE)"
	else
		rm -f "$1.db" "$1.db-wal" "$1.db-shm"
	fi
}

store_copy() {
	if on_pg; then
		store_drop "$2" && $PSQL "$JIXIAO_TEST_PG/postgres" -c "CREATE DATABASE \"$PG_PREFIX$2\" TEMPLATE \"$PG_PREFIX$1\""
	else
		cp "$1.db" "$2.db"
	fi
}

store_sql() {
	if on_pg; then
		$PSQL "$(store "$1")" -c "$2"
	else
		sqlite3 "$1.db" "$2"
	fi
}

store_dump() {
	if on_pg; then
		for t in project indicator history publication publication_part published actual account session library library_use unit jixiao_schema; do
			echo "-- $t"
			$PSQL "$(store "$1")" -c "SELECT x::text FROM $t x ORDER BY 1" 2>&1
		done
	else
		sqlite3 "$1.db" .dump
	fi
}

sqlite_only() {
	if on_pg; then
		echo "1..0 # SKIP $1"
		exit 0
	fi
}

# Drops this run's databases (each connection to them ended first).
drop_stores() {
	on_pg || return 0
	$PSQL "$JIXIAO_TEST_PG/postgres" -c "SELECT format('DROP DATABASE %I WITH (FORCE);', datname) FROM pg_database
		WHERE starts_with(datname, '$PG_PREFIX')" 2>/dev/null | $PSQL "$JIXIAO_TEST_PG/postgres" >/dev/null 2>&1
}

if on_pg; then
	JIXIAO_DB=$(store jixiao)
	PGOPTIONS="-c client_min_messages=warning" # psql's "does not exist, skipping" is not the test's output
	export JIXIAO_DB PGOPTIONS
fi

TMP=$(mktemp -d)
trap 'drop_stores; rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
test_count=0
test_failed=0

jixiao() {
	"$JIXIAO" "$@"
}

report() {
	test_count=$((test_count + 1))
	if [ "$1" = ok ]; then
		echo "ok $test_count - $2"
	else
		echo "not ok $test_count - $2"
		test_failed=$((test_failed + 1))
		sed 's/^/# /' "$TMP/.out" 2>/dev/null
	fi
}

expect_ok() {
	if (eval "$2") >"$TMP/.out" 2>&1; then report ok "$1"; else report fail "$1"; fi
}

expect_fail() {
	want=$1
	shift
	(eval "$2") >"$TMP/.out" 2>&1
	got=$?
	if [ "$got" -eq "$want" ]; then
		report ok "$1"
	else
		echo "# exit status $got, expected $want" >>"$TMP/.out"
		report fail "$1"
	fi
}

same() {
	diff -u "$1" "$2"
}

imports_as() {
	db=$(mktemp -u store.XXXXXX)
	"$JIXIAO" --db "$(store "$db")" import "$2" >/dev/null && "$JIXIAO" --db "$(store "$db")" export >"$db.json" &&
		same "$1" "$db.json"
}

MEASURE=
refused() {
	$MEASURE "$JIXIAO" --db "$(store seed)" import "$1" >/dev/null 2>err
	rc=$?
	cat err
	[ "$rc" -eq 2 ] && grep -qF -- "$2" err && grep -qF "导入已取消，数据库没有任何改动" err &&
		store_dump seed >after.sql && same before.sql after.sql
}

none_stored() {
	"$JIXIAO" --db "$(store none)" import "$SEED" "$1" 2>err
	rc=$?
	cat err
	[ "$rc" -eq 2 ] && grep -qF -- "$2" err && [ "$("$JIXIAO" --db "$(store none)" list 2>/dev/null | wc -l)" -le 1 ] &&
		! store_exists none
}

same_tables() {
	python3 - "$1" "$2" <<'PY'
import json, sys
strip = lambda f: [{k: v for k, v in p.items() if k not in ("status", "key", "classified")}
                   for p in json.load(open(f))["projects"]]
a, b = strip(sys.argv[1]), strip(sys.argv[2])
assert a == b, (a, b)
PY
}

finish() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
	exit $?
}
