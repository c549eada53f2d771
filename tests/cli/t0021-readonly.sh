#!/bin/sh
# A store that may only be read: a file without write permission (in a directory without it too), and
# a file on a read-only filesystem. Reading commands work and print what they print on a writable copy;
# writing commands say the store is read-only, exit 2, and change nothing.
# As root (as CI runs) the unwritable file is read by the user nobody, and the read-only filesystem is
# a tmpfs remounted read-only; without root the file's own permissions do, and the mount is skipped.
. "$(dirname "$0")/lib.sh"
sqlite_only "read-only files and mounts are SQLite's; a PostgreSQL store is as writable as its role"

jixiao --db seed.db import "$SEED" >/dev/null && jixiao --db seed.db submit 1 2 >/dev/null &&
	jixiao --db seed.db approve 1 >/dev/null || exit 1
jixiao --db seed.db list >list.want && jixiao --db seed.db export >export.want &&
	jixiao --db seed.db show 1 >show.want && jixiao --db seed.db history 1 >history.want || exit 1
jixiao --db seed.db check >check.want 2>&1
check_rc=$?

# The copy to read, and how to run jixiao as someone who may not write it.
mkdir -p ro && cp seed.db ro/seed.db && chmod 444 ro/seed.db && chmod 555 ro
if [ "$(id -u)" -eq 0 ]; then
	# nobody must reach the binary, its libraries' suppressions and the store
	cp "$JIXIAO" ./jixiao-copy && cp "$JIXIAO_SRC/tests/lsan.supp" lsan.supp && chmod 755 . ./jixiao-copy &&
		chmod 644 lsan.supp
	as_reader() {
		LSAN_OPTIONS="suppressions=$TMP/lsan.supp:print_suppressions=0" \
			setpriv --reuid=65534 --regid=65534 --clear-groups "$TMP/jixiao-copy" "$@"
	}
else
	as_reader() {
		"$JIXIAO" "$@"
	}
fi

reads_as_writable() {
	as_reader --db "$1" list >list.got && same list.want list.got &&
		as_reader --db "$1" export >export.got && same export.want export.got &&
		as_reader --db "$1" show 1 >show.got && same show.want show.got &&
		as_reader --db "$1" history 1 >history.got && same history.want history.got &&
		{ as_reader --db "$1" check >check.got 2>&1; [ $? -eq "$check_rc" ]; } && same check.want check.got
}

sum_before=$(sha256sum ro/seed.db | cut -d' ' -f1)
expect_ok "list, export, show, history and check read a store nobody may write, as they read a writable one" '
	reads_as_writable ro/seed.db'
expect_ok "no -wal or -shm file was left beside it" '
	! ls ro/seed.db-wal ro/seed.db-shm 2>/dev/null | grep .'
expect_fail 2 "an import into it says the store is read-only" '
	as_reader --db ro/seed.db import "$SEED" 2>err; rc=$?; cat err;
	grep -qF "数据库只读（文件或所在目录不可写），无法写入" err || exit 9; exit $rc'
expect_fail 2 "so does returning a table" '
	as_reader --db ro/seed.db return --reason 退回 2 2>err; rc=$?; cat err; grep -qF "数据库只读" err || exit 9; exit $rc'
expect_ok "and the file is as it was" '
	[ "$(sha256sum ro/seed.db | cut -d" " -f1)" = "$sum_before" ]'

# A file without write permission in a directory with it: SQLite keeps its -shm file there.
mkdir -p rw && cp seed.db rw/seed.db && chmod 444 rw/seed.db && chmod 777 rw
expect_ok "an unwritable file in a writable directory is read the same" '
	reads_as_writable rw/seed.db'

# A read-only filesystem.
if [ "$(id -u)" -ne 0 ]; then
	echo "ok $((test_count + 1)) # SKIP a read-only mount needs root"
	test_count=$((test_count + 1))
elif mkdir -p medium && mount -t tmpfs -o size=8m tmpfs medium 2>/dev/null; then
	cp seed.db medium/seed.db && mount -o remount,ro medium
	expect_ok "a store on a read-only filesystem reads as a writable one" '
		reads_as_writable medium/seed.db'
	expect_fail 2 "and refuses an import, saying why" '
		"$JIXIAO" --db medium/seed.db import "$SEED" 2>err; rc=$?; cat err; grep -qF "数据库只读" err || exit 9; exit $rc'
	umount -l medium
else
	echo "ok $((test_count + 1)) # SKIP cannot mount a tmpfs here"
	test_count=$((test_count + 1))
fi

chmod 755 ro rw 2>/dev/null
finish
