#!/bin/sh
# Half-open connections do not keep visitors out: a header deadline closes them, and past the
# connection limit the oldest waiting one makes room. See half_open_test.py.
exec python3 "$(dirname "$0")/half_open_test.py"
