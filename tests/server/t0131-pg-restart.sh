#!/bin/sh
# The database server stops and restarts under a running jixiao serve: 503 with plain words meanwhile,
# nothing written, the next requests work. See pg_restart_test.py.
exec python3 "$(dirname "$0")/pg_restart_test.py"
