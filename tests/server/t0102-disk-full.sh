#!/bin/sh
# A full disk under jixiao serve: no acknowledged save lost, nothing left locked. See diskfull_test.py.
exec python3 "$(dirname "$0")/diskfull_test.py"
