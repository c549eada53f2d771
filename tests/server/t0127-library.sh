#!/bin/sh
# GET /api/library, the edit form's picker: signed in only, searches and suggestions, another unit's
# table as unseen as a missing one. See library_test.py.
exec python3 "$(dirname "$0")/library_test.py"
