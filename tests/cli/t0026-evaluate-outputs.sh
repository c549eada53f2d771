#!/bin/sh
# Every report of the score and the lights, byte for byte: the seed with its bundled actuals and 24
# generated tables with actuals that reach every branch (tests/data/evaluation, make-fixtures.py), in
# each format and evaluation profile, the whole year and named projects, against the outputs recorded
# in tests/cli/expect/eval-* (whole files for the national reports, a SHA-256 for the others). The
# arithmetic and the writing may be made faster; what they write may not change.
#
# EVAL_EXPECT_WRITE=DIR writes the outputs and their SHA-256 list into DIR instead of comparing: how
# the expected files were made (by jixiao before the evaluation was made faster).
. "$(dirname "$0")/lib.sh"

DATA="$JIXIAO_SRC/tests/data/evaluation"
export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
jixiao import "$SEED" "$DATA/tables.txt" >/dev/null || exit 1
store_sql jixiao "UPDATE project SET status = 'approved'" >/dev/null || exit 1
jixiao actuals import "$JIXIAO_SRC/data/samples/bohu-2021-actuals.csv" "$DATA/actuals.csv" >/dev/null || exit 1
store_sql jixiao "UPDATE project SET status = 'draft' WHERE id IN (9, 20)" >/dev/null || exit 1

# name, then the command's arguments: whole files for these, SHA-256 for the rest
WHOLE="score-national.json score-national.txt monitor-0630.json monitor-0630.txt"
reports() {
	cat <<'LIST'
score-national.json score --format json
score-national.txt score
score-national.html score --format html
score-strict.json score --profile strict --format json
score-strict.txt score --profile strict
score-three-grades.json score --profile three-grades --format json
score-three-grades.txt score --profile three-grades
score-custom.json --evaluation @DATA@/custom.json score --format json
score-custom.txt --evaluation @DATA@/custom.json score
score-custom.html --evaluation @DATA@/custom.json score --format html
score-all.json score --all --format json
score-2020.json score --year 2020 --format json
score-named.json score --format json 3 9 12 25
score-named-strict.txt score --profile strict 5 12 17
monitor-0630.json monitor --as-of 2021-06-30 --format json
monitor-0630.txt monitor --as-of 2021-06-30
monitor-0315.json monitor --as-of 2021-03-15 --format json
monitor-2020.json monitor --as-of 2020-12-31 --year 2020 --format json
monitor-custom.json --evaluation @DATA@/custom.json monitor --as-of 2021-09-30 --format json
monitor-custom.txt --evaluation @DATA@/custom.json monitor --as-of 2021-09-30
monitor-all.json monitor --all --as-of 2021-12-31 --format json
monitor-named.txt monitor --as-of 2021-06-30 3 9 12 25
LIST
}

run_reports() {
	reports | sed "s|@DATA@|$DATA|g" | while read -r name args; do
		# shellcheck disable=SC2086 # the arguments split on purpose; none holds a space
		jixiao $args >"$1/$name" || { echo "jixiao $args failed"; return 1; }
	done
}

if [ -n "${EVAL_EXPECT_WRITE:-}" ]; then
	mkdir -p "$EVAL_EXPECT_WRITE" && run_reports "$EVAL_EXPECT_WRITE" || exit 1
	(cd "$EVAL_EXPECT_WRITE" && for f in $(reports | cut -d' ' -f1); do
		case " $WHOLE " in *" $f "*) ;; *) sha256sum "$f" ;; esac
	done >eval-outputs.sha256)
	exit 0
fi

mkdir out
expect_ok "every report runs" 'run_reports out'
for f in $WHOLE; do
	expect_ok "$f is as recorded" 'same "$EXPECT/eval-$f" "out/$f"'
done
expect_ok "the other reports are as recorded (SHA-256)" '
	sed "s|  |  out/|" "$EXPECT/eval-outputs.sha256" | sha256sum -c --quiet -'
expect_ok "the records cover every report" '
	test "$(reports | wc -l)" -eq "$(($(wc -l <"$EXPECT/eval-outputs.sha256") + $(echo $WHOLE | wc -w)))"'
finish
