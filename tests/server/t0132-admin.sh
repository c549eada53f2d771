#!/bin/sh
# Accounts and units in the web (issue 22 item 1): /admin, /units, /password — who may, CSRF, the
# password rule, last login, and tables of registered units only. See admin_test.py.
exec python3 "$(dirname "$0")/admin_test.py"
