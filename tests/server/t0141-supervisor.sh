#!/bin/sh
# The 主管部门 level of review in the web (issue 23 item 6): the department role's reach, queues,
# pass and return, authorization and CSRF of the new routes. See supervisor_test.py.
exec python3 "$(dirname "$0")/supervisor_test.py"
