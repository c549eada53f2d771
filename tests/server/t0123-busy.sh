#!/bin/sh
# A store held by a long write is busy, not an error: 503 with Retry-After and plain words on the web,
# exit status 3 on the command line. See busy_test.py.
exec python3 "$(dirname "$0")/busy_test.py"
