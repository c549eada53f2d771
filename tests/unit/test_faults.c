/*
 * test_faults.c — every transaction ends, whatever the disk does.
 *
 * Through a VFS that fails the Nth write or sync (faultvfs.h), for every N until an operation gets
 * through untouched, and for a full disk, a failed write and a failed sync: an import, a save, an
 * approval, an actuals import and a publication each leave the store exactly as before or exactly as
 * after (compared row by row through a second connection that sees only what was committed), say why
 * with the code callers act on (JX_EFULL for a full disk), and the same handle takes the next
 * operation at once, which is then committed for everyone to see. A writer that finds the store held
 * by another gets JX_EBUSY after the bounded wait, not a lock that never ends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faultvfs.h"
#include "helpers.h"
#include "jixiao/actuals.h"
#include "jixiao/buf.h"
#include "jixiao/evaluation.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/publish.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/workflow.h"

#define MAX_FAULTS 2000 /* an operation that still meets a fault past this many writes is a failure */

static char base_path[64], path[64];

/* Every row of every table, in order, as text: what a second connection sees committed. */
static char *dump(const char *db_path)
{
	struct jx_buf out = JX_BUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *tables, *rows;
	char sql[256];
	int i;

	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, "unix"))
		fail_msg("open %s: %s", db_path, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1,
					    &tables, NULL),
			 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY 1, 2", sqlite3_column_text(tables, 0));
		jx_buf_addf(&out, NULL, "[%s]\n", sqlite3_column_text(tables, 0));
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (i = 0; i < sqlite3_column_count(rows); i++) {
				const unsigned char *v = sqlite3_column_text(rows, i);

				jx_buf_addf(&out, NULL, "%s|", v ? (const char *)v : "NULL");
			}
			jx_buf_addc(&out, '\n', NULL);
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return jx_buf_detach(&out, NULL);
}

static void copy_file(const char *from, const char *to)
{
	size_t len;
	char *bytes = read_file(from, &len);
	FILE *f;

	remove_db(to);
	f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(bytes);
}

static struct jx_store *open_store(const char *p)
{
	struct jx_store *st;
	struct jx_err err = { 0 };

	if (jx_store_open(&st, p, JX_STORE_CREATE, &err))
		fail_msg("open: %s", err.msg);
	return st;
}

/* ---- the operations ---- */

static int op_import(struct jx_store *st, struct jx_err *err)
{
	const char *files[] = { src_path("data/samples/bohu-2021.txt") };

	return jx_import_files(st, files, 1, NULL, NULL, err);
}

/* A save as the web system makes one: the table changed, over its id, in a transaction. */
static int op_save(struct jx_store *st, struct jx_err *err)
{
	struct jx_project *p;
	enum jx_saved saved;
	int rc;

	if (jx_store_get(st, 1, &p, err))
		return -1;
	free(p->goal);
	p->goal = strdup("全年消杀不少于 730 次，核酸检测 70 万人次。");
	if (jx_store_begin(st, err)) {
		jx_project_free(p);
		return -1;
	}
	rc = jx_save_id(st, 1, p, NULL, "tester", &saved, err);
	rc = jx_store_end(st, rc, err);
	jx_project_free(p);
	return rc;
}

static int op_approve(struct jx_store *st, struct jx_err *err)
{
	struct jx_review *rv;
	struct jx_findings found = JX_FINDINGS_INIT;
	int rc;

	if (jx_review_load(&rv, NULL, err))
		return -1;
	rc = jx_workflow_approve(st, rv, 1, "tester", &found, err);
	jx_findings_clear(&found);
	jx_review_free(rv);
	return rc;
}

static int op_actuals(struct jx_store *st, struct jx_err *err)
{
	struct jx_input in;
	int rc;

	if (jx_input_open(&in, src_path("data/samples/bohu-2021-actuals.csv"), err))
		return -1;
	rc = jx_actuals_import(st, &in, NULL, 2021, "tester", NULL, err);
	jx_input_close(&in);
	return rc;
}

static int op_publish(struct jx_store *st, struct jx_err *err)
{
	struct jx_publication *pub = NULL;
	int rc;

	if (jx_store_begin_read(st, err))
		return -1;
	rc = jx_publication_build(st, 2021, false, &pub, err);
	jx_store_end(st, -1, NULL);
	rc = rc || jx_publication_save(st, pub, "tester", err);
	jx_publication_free(pub);
	return rc ? -1 : 0;
}

/* ---- the baselines they start from ---- */

/* An empty store: its schema only. */
static void base_empty(void)
{
	remove_db(base_path);
	jx_store_close(open_store(base_path));
}

/* The seed imported, project 1 submitted and, with approved, approved. */
static void base_seed(bool approved)
{
	struct jx_store *st;
	struct jx_err err = { 0 };

	base_empty();
	st = open_store(base_path);
	if (op_import(st, &err) || jx_workflow_submit(st, 1, "tester", &err) || (approved && op_approve(st, &err)))
		fail_msg("baseline: %s", err.msg);
	for (int64_t id = 3; approved && id <= 5; id++) /* the bundled actuals' tables: approved to take them */
		if (jx_store_set_status(st, id, JX_APPROVED, &err))
			fail_msg("baseline: %s", err.msg);
	jx_store_close(st);
}

/* ---- the sweep ---- */

/* The store after op runs on the baseline untouched. */
static char *after_clean_run(int (*op)(struct jx_store *, struct jx_err *))
{
	struct jx_store *st;
	struct jx_err err = { 0 };
	char *d;

	copy_file(base_path, path);
	st = open_store(path);
	if (op(st, &err))
		fail_msg("clean run: %s", err.msg);
	jx_store_close(st);
	d = dump(path);
	return d;
}

/* Runs op with the n-th write or sync failing with code. Returns false once op got through without
 * meeting the fault (the sweep is over). */
static bool run_with_fault(int (*op)(struct jx_store *, struct jx_err *), unsigned n, int code, const char *before,
			   const char *after)
{
	struct jx_store *st;
	struct jx_err err = { 0 };
	char *d;
	int rc;
	bool hit;

	copy_file(base_path, path);
	st = open_store(path);
	faultvfs_arm(n, code);
	rc = op(st, &err);
	hit = faultvfs_disarm();
	d = dump(path);
	if (strcmp(d, before) != 0 && strcmp(d, after) != 0)
		fail_msg("fault %u (code %d): the store is neither as before nor as after; op said %d: %s", n, code, rc,
			 err.msg);
	if (rc == 0 && strcmp(d, after) != 0)
		fail_msg("fault %u (code %d): success reported but the change is not committed", n, code);
	if (rc != 0 && code == SQLITE_FULL && err.code != JX_EFULL && strcmp(d, before) == 0)
		fail_msg("fault %u: a full disk reported as code %d: %s", n, err.code, err.msg);
	free(d);
	/* the same handle, at once: the operation again (if it did not land) succeeds and is visible */
	if (rc != 0 && op(st, &err))
		fail_msg("fault %u (code %d): the next attempt failed: %s", n, code, err.msg);
	d = dump(path);
	if (strcmp(d, after) != 0)
		fail_msg("fault %u (code %d): after the next attempt the store is not as after", n, code);
	free(d);
	jx_store_close(st);
	return hit;
}

static void sweep(int (*op)(struct jx_store *, struct jx_err *), void (*base)(void), const char *what)
{
	static const int codes[] = { SQLITE_FULL, SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC };
	char *before, *after;
	unsigned n, c, faults = 0;

	base();
	before = dump(base_path);
	after = after_clean_run(op);
	assert_string_not_equal(before, after);
	for (c = 0; c < sizeof(codes) / sizeof(codes[0]); c++) {
		for (n = 1; n <= MAX_FAULTS && run_with_fault(op, n, codes[c], before, after); n++)
			faults++;
		if (n > MAX_FAULTS)
			fail_msg("%s: still meeting faults after %u writes", what, MAX_FAULTS);
	}
	print_message("# %s: %u faults injected, the store before or after each time\n", what, faults);
	assert_true(faults > 0);
	free(before);
	free(after);
}

static void base_seed_submitted(void)
{
	base_seed(false);
}

static void base_seed_approved(void)
{
	base_seed(true);
}

static void test_import(void **state)
{
	(void)state;
	sweep(op_import, base_empty, "import");
}

static void test_save(void **state)
{
	(void)state;
	sweep(op_save, base_seed_submitted, "save");
}

static void test_approve(void **state)
{
	(void)state;
	sweep(op_approve, base_seed_submitted, "approve");
}

static void test_actuals(void **state)
{
	(void)state;
	sweep(op_actuals, base_seed_approved, "actuals import");
}

static void test_publish(void **state)
{
	(void)state;
	sweep(op_publish, base_seed_approved, "publication");
}

/* Another connection holds the write lock: the import waits its bounded time, then says the store is
 * busy, and leaves nothing open behind it; once the lock is gone it goes through. */
static void test_busy(void **state)
{
	struct jx_store *st;
	struct jx_err err = { 0 };
	sqlite3 *other;

	(void)state;
	base_empty();
	copy_file(base_path, path);
	st = open_store(path);
	assert_int_equal(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, "unix"), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(op_import(st, &err), -1);
	assert_int_equal(err.code, JX_EBUSY);
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	if (op_import(st, &err))
		fail_msg("after the lock was released: %s", err.msg);
	jx_store_close(st);
}

/* A transaction ended twice is refused, not taken for the one around it. */
static void test_end_unbalanced(void **state)
{
	struct jx_store *st;
	struct jx_err err = { 0 };

	(void)state;
	base_empty();
	copy_file(base_path, path);
	st = open_store(path);
	assert_int_equal(jx_store_end(st, 0, &err), -1);
	assert_int_equal(err.code, JX_EUSAGE);
	jx_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import),	    cmocka_unit_test(test_save),    cmocka_unit_test(test_approve),
		cmocka_unit_test(test_actuals),	    cmocka_unit_test(test_publish), cmocka_unit_test(test_busy),
		cmocka_unit_test(test_end_unbalanced),
	};
	int rc;

	if (test_on_pg()) { /* the faults are injected through SQLite's file layer */
		puts("1..0 # SKIP SQLite's fault-injecting VFS: the store here is an SQLite file whatever $JIXIAO_TEST_PG says");
		return 0;
	}
	setenv("JIXIAO_NOW", "2021-03-01T08:00:00Z", 1);
	faultvfs_install();
	snprintf(base_path, sizeof(base_path), "/tmp/jx-faults-base-%d.db", (int)getpid());
	snprintf(path, sizeof(path), "/tmp/jx-faults-%d.db", (int)getpid());
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	remove_db(base_path);
	remove_db(path);
	return rc;
}
