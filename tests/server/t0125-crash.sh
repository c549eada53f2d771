#!/bin/sh
# kill -9 during an import and during API saves: the store is before or after, and every acknowledged
# save is kept. See crash_test.py.
exec python3 "$(dirname "$0")/crash_test.py"
