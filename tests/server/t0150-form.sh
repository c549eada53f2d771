#!/bin/sh
# The edit form as people fill it in: amounts as written, spare rows once, labelled cells. See
# form_test.py.
exec python3 "$(dirname "$0")/form_test.py"
