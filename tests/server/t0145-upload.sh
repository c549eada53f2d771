#!/bin/sh
# 导入申报表 in the web (issue 22 item 7): /upload previews a unit's filled 申报表 through the import
# undone, /upload/confirm imports it — who may, CSRF, the sheet and cell of a refused file, another
# unit's table named, the limits. See upload_test.py.
exec python3 "$(dirname "$0")/upload_test.py"
