#!/bin/sh
# Every list pages, sorts and filters in the store: the API's limit and cursors, bad parameters, what a
# unit and the public may see through every filter, the numbered pages of /projects and /review and
# the queue's waiting days. See paging_test.py.
exec python3 "$(dirname "$0")/paging_test.py"
