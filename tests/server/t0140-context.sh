#!/bin/sh
# What stands beside each target in the web: GET /api/projects/{id}/context, the pages, the live
# target-below-peers finding. See context_test.py.
exec python3 "$(dirname "$0")/context_test.py"
