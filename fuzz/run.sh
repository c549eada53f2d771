#!/bin/sh
# Runs a libFuzzer harness a fixed number of times from its seed corpus and reports one TAP line.
# usage: run.sh HARNESS RUNS SEED…   (SEED: files or directories of inputs to start from)
set -u
harness=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
for s in "$@"; do
	if [ -d "$s" ]; then cp "$s"/* "$work/corpus/" 2>/dev/null; else cp "$s" "$work/corpus/"; fi
done
name=$(basename "$harness")
echo "1..1"
artifacts=$(dirname "$harness")/artifacts # kept for a failed run, beside the harness
mkdir -p "$artifacts"
if (cd "$work" && ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" "$harness" -runs="$runs" -seed=1 \
	-max_len=16384 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$name-" corpus) >"$work/log" 2>&1; then
	echo "ok 1 - $name: $runs runs without a crash, leak or broken round trip"
	grep -E "stat::number_of_executed_units|cov:" "$work/log" | tail -2 | sed 's/^/# /'
else
	echo "not ok 1 - $name (the input that broke it is in $artifacts)"
	tail -60 "$work/log" | sed 's/^/# /'
	exit 1
fi
