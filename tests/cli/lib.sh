# lib.sh — sourced by the command tests (after git's t/test-lib.sh). Each test runs the real jixiao
# (from $JIXIAO, built with sanitizers) in a fresh temporary directory and reports TAP.
#
#   expect_ok "what" 'commands'      the commands succeed
#   expect_fail N "what" 'commands'  the last command exits with status N
#   same EXPECTED ACTUAL            compare files, showing a diff when they differ
#   imports_as EXPECTED FILE        FILE ("-": standard input) imports into a fresh store whose JSON
#                                   export is the file EXPECTED
#   refused FILE MESSAGE-PART       importing FILE into seed.db fails (exit 2) with a message holding
#                                   MESSAGE-PART, and seed.db still dumps as before.sql; $MEASURE, if
#                                   set, is a command to run jixiao under
#   none_stored FILE PLACE          importing the seed and FILE in one import fails (exit 2) naming
#                                   PLACE, and stores nothing of either
#   same_tables A.json B.json       two exports hold the same tables, status, key and classified aside
#   finish                          print the plan and exit with the result

set -u
: "${JIXIAO:?set JIXIAO to the jixiao binary}"
: "${JIXIAO_SRC:?set JIXIAO_SRC to the source tree}"
SEED="$JIXIAO_SRC/data/samples/bohu-2021.txt"
EXPECT="$JIXIAO_SRC/tests/cli/expect"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$JIXIAO_SRC/tests/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
unset JIXIAO_DB

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
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
	"$JIXIAO" --db "$db.db" import "$2" >/dev/null && "$JIXIAO" --db "$db.db" export >"$db.json" && same "$1" "$db.json"
}

MEASURE=
refused() {
	$MEASURE "$JIXIAO" --db seed.db import "$1" >/dev/null 2>err
	rc=$?
	cat err
	[ "$rc" -eq 2 ] && grep -qF -- "$2" err && grep -qF "导入已取消，数据库没有任何改动" err &&
		sqlite3 seed.db .dump >after.sql && same before.sql after.sql
}

none_stored() {
	"$JIXIAO" --db none.db import "$SEED" "$1" 2>err
	rc=$?
	cat err
	[ "$rc" -eq 2 ] && grep -qF -- "$2" err && [ "$("$JIXIAO" --db none.db list 2>/dev/null | wc -l)" -le 1 ]
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
