#!/bin/sh
# Two jixiao serve on one PostgreSQL store behind nginx (round robin): sessions, publications and
# concurrent saves behave as on one server. See two_servers_test.py.
exec python3 "$(dirname "$0")/two_servers_test.py"
