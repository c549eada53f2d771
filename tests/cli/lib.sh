# lib.sh — sourced by the command tests (after git's t/test-lib.sh). Each test runs the real jixiao
# (from $JIXIAO, built with sanitizers) in a fresh temporary directory and reports TAP.
#
#   expect_ok "what" 'commands'      the commands succeed
#   expect_fail N "what" 'commands'  the last command exits with status N
#   same EXPECTED ACTUAL            compare files, showing a diff when they differ
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
