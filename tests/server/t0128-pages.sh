#!/bin/sh
# Published pages as immutable bytes: the same bytes kept or not, the digest as ETag on every server, 304,
# gzip, Cache-Control, and a withdrawal or a new publication on the very next request. See pages_test.py.
exec python3 "$(dirname "$0")/pages_test.py"
