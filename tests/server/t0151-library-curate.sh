#!/bin/sh
# /library: the indicator library searched by every account and curated by finance. See
# library_curate_test.py.
exec python3 "$(dirname "$0")/library_curate_test.py"
