#!/bin/sh
# Bad input gets a clear answer: long names, NUL and invalid UTF-8, years and page numbers out of range,
# and a row that cannot be read shown in its place. See bad_input_test.py.
exec python3 "$(dirname "$0")/bad_input_test.py"
