/*
 * test_store.c — the store over a real SQLite file, and over a real PostgreSQL database when
 * $JIXIAO_TEST_PG names a server (scripts/with-pg): exact round trips, the replace policy, transactions,
 * references, listing, and what it does with a database it did not expect.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "jixiao/store.h"

struct fixture {
	char path[256];           /* a fresh database file */
	struct jx_store *st;
	struct jx_project *seed[5]; /* the seed's tables */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };
	size_t len;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);

	test_store_location(f->path, sizeof(f->path), "store");
	assert_int_equal(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), 0);
	assert_int_equal(read_projects(text, len, f->seed, 5, &err), 5);
	free(text);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	free_projects(f->seed, 5);
	test_store_remove(f->path);
	free(f);
	return 0;
}

static void put(struct jx_store *st, struct jx_project *p)
{
	struct jx_err err = { 0 };

	if (jx_store_put(st, p, &err))
		fail_msg("put: %s", err.msg);
}

static struct jx_project *get(struct jx_store *st, int64_t id)
{
	struct jx_err err = { 0 };
	struct jx_project *p;

	if (jx_store_get(st, id, &p, &err))
		fail_msg("get %lld: %s", (long long)id, err.msg);
	return p;
}

/* Runs one SQL statement on the database behind the store's back. */
static void raw_sql(const char *path, const char *sql)
{
	test_store_sql(path, sql);
}

static void test_round_trip_is_exact(void **state)
{
	struct fixture *f = *state;
	size_t i, k;

	for (i = 0; i < 5; i++) {
		struct jx_project *back;

		put(f->st, f->seed[i]);
		assert_int_equal(f->seed[i]->id, (int64_t)i + 1);
		back = get(f->st, f->seed[i]->id);
		assert_true(jx_project_same_table(f->seed[i], back));
		assert_string_equal(back->framework, "2015");
		for (k = 0; k < back->n_ind; k++) {
			assert_int_equal(back->ind[k].op, f->seed[i]->ind[k].op);
			assert_int_equal(back->ind[k].value.coef, f->seed[i]->ind[k].value.coef);
			assert_int_equal(back->ind[k].value.scale, f->seed[i]->ind[k].value.scale);
		}
		jx_project_free(back);
	}
}

static void test_put_over_keeps_id(void **state)
{
	struct fixture *f = *state;
	struct jx_project *p = f->seed[0], *back;
	struct jx_err err = { 0 };
	int64_t id;

	put(f->st, p);
	free(p->ind[0].target);
	p->ind[0].target = strdup("≥3");
	p->n_ind = 2;
	put(f->st, p);
	assert_int_equal(p->id, 1);
	back = get(f->st, 1);
	assert_string_equal(back->ind[0].target, "≥3");
	assert_int_equal(back->n_ind, 2);
	jx_project_free(back);
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, p->unit, p->name, &id, &err), 0);
	assert_int_equal(id, 1);
	assert_int_equal(jx_store_find(f->st, 2022, JX_KIND_PROJECT, p->unit, p->name, &id, &err), 0);
	assert_int_equal(id, 0);
	p->id = 0; /* a second project of the same year and name */
	assert_int_equal(jx_store_put(f->st, p, &err), -1);
	assert_int_equal(err.code, JX_ECONFLICT);
	assert_int_equal(p->id, 0);
	/* names are unique within a unit's year: another unit's table of that name is no conflict (and
	 * so reveals nothing) */
	free(p->unit);
	p->unit = strdup("博湖县另一单位");
	assert_int_equal(jx_store_put(f->st, p, &err), 0);
	assert_int_equal(p->id, 2);
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, p->unit, p->name, &id, &err), 0);
	assert_int_equal(id, 2);
	p->n_ind = 15;
}

static void test_nested_transactions(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	int64_t id;

	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[0]);
	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[1]);
	assert_int_equal(jx_store_end(f->st, -1, NULL), -1); /* the inner one only */
	put(f->st, f->seed[2]);
	assert_int_equal(jx_store_end(f->st, 0, &err), 0);
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, f->seed[0]->unit, f->seed[0]->name, &id, &err), 0);
	assert_true(id > 0);
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, f->seed[1]->unit, f->seed[1]->name, &id, &err), 0);
	assert_int_equal(id, 0);
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, f->seed[2]->unit, f->seed[2]->name, &id, &err), 0);
	assert_true(id > 0);
}

static void test_rollback_discards(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	int64_t id;

	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[0]);
	put(f->st, f->seed[1]);
	assert_int_equal(jx_store_end(f->st, -1, NULL), -1);
	assert_int_equal(jx_store_resolve(f->st, "1", 0, &id, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[2]);
	assert_int_equal(jx_store_end(f->st, 0, &err), 0);
	assert_int_equal(jx_store_resolve(f->st, "博湖县2021年困难群众救助及慰问项目", 0, &id, &err), 0);
}

static void test_resolve(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	int64_t id;

	put(f->st, f->seed[0]);
	put(f->st, f->seed[1]);
	f->seed[0]->id = 0;
	f->seed[0]->year = 2022;
	put(f->st, f->seed[0]);
	assert_int_equal(jx_store_resolve(f->st, "2", 0, &id, &err), 0);
	assert_int_equal(id, 2);
	assert_int_equal(jx_store_resolve(f->st, "博湖县2021年疫情防控项目", 0, &id, &err), -1);
	assert_int_equal(err.code, JX_EAMBIGUOUS);
	assert_non_null(strstr(err.msg, "编号 1, 3"));
	assert_int_equal(jx_store_resolve(f->st, "博湖县2021年疫情防控项目", 2022, &id, &err), 0);
	assert_int_equal(id, 3);
	assert_int_equal(jx_store_resolve(f->st, "无此项目", 0, &id, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
}

struct seen {
	char names[8][128];
	size_t n;
	size_t indicators;
};

static int note(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct seen *seen = ctx;

	(void)err;
	snprintf(seen->names[seen->n++], 128, "%d %s", s->year, s->name);
	seen->indicators += s->n_ind;
	return 0;
}

static int count_whole(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct seen *seen = ctx;

	(void)err;
	seen->n++;
	seen->indicators += p->n_ind;
	return seen->n == 2 ? 7 : 0; /* stop after two */
}

static void test_list_and_each(void **state)
{
	struct fixture *f = *state;
	struct jx_filter only2022 = { .year = 2022 };
	struct seen seen = { .n = 0 };
	struct jx_err err = { 0 };
	size_t i;

	f->seed[4]->year = 2022;
	for (i = 5; i-- > 0;)
		put(f->st, f->seed[i]);
	assert_int_equal(jx_store_list(f->st, NULL, note, &seen, &err), 0);
	assert_int_equal(seen.n, 5);
	assert_int_equal(seen.indicators, 70);
	assert_string_equal(seen.names[0], "2021 博湖县2021年城乡居民养老保险项目"); /* by year, then id */
	assert_string_equal(seen.names[4], "2022 博湖县2021年自然灾害综合风险普查项目");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(jx_store_list(f->st, &only2022, note, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(jx_store_each(f->st, NULL, count_whole, &seen, &err), 7);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.indicators, 15 + 11); /* the pension and relief tables: by year, then id */
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(jx_store_each(f->st, &only2022, count_whole, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.indicators, 14);
}

/* The web system's filters: one unit's tables (its list), and one status (the review queue). */
static void test_list_by_unit_and_status(void **state)
{
	struct fixture *f = *state;
	struct jx_filter by_unit = { .unit = "博湖县民政局" }, none = { .unit = "没有这个单位" };
	struct jx_filter submitted = { .by_status = true, .status = JX_SUBMITTED };
	struct jx_filter both = { .unit = "博湖县民政局", .by_status = true, .status = JX_SUBMITTED };
	struct seen seen = { .n = 0 };
	struct jx_err err = { 0 };
	size_t i;

	for (i = 0; i < 5; i++)
		put(f->st, f->seed[i]);
	assert_int_equal(jx_store_list(f->st, &by_unit, note, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.names[0], "2021 博湖县2021年困难群众救助及慰问项目");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(jx_store_list(f->st, &none, note, &seen, &err), 0);
	assert_int_equal(seen.n, 0);
	assert_int_equal(jx_store_list(f->st, &submitted, note, &seen, &err), 0);
	assert_int_equal(seen.n, 0); /* all are drafts */
	assert_int_equal(jx_store_set_status(f->st, f->seed[2]->id, JX_SUBMITTED, &err), 0);
	assert_int_equal(jx_store_set_status(f->st, f->seed[0]->id, JX_SUBMITTED, &err), 0);
	assert_int_equal(jx_store_list(f->st, &submitted, note, &seen, &err), 0);
	assert_int_equal(seen.n, 2);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(jx_store_list(f->st, &both, note, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	memset(&seen, 0, sizeof(seen));
	/* jx_store_each honours the same filter */
	assert_int_equal(jx_store_each(f->st, &by_unit, count_whole, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
}

static void test_schema_and_pragmas(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_store *again;
	sqlite3_stmt *q;
	sqlite3 *db;

	if (test_on_pg()) { /* PostgreSQL's schema has its own numbering, kept in a table */
		assert_int_equal(test_store_count(f->path, "SELECT version FROM jixiao_schema", NULL), 9);
		assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM jixiao_schema", NULL), 1);
		assert_int_equal(jx_store_open(&again, f->path, 0, &err), 0); /* reopening migrates nothing */
		jx_store_close(again);
		assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM jixiao_schema", NULL), 1);
		raw_sql(f->path, "UPDATE jixiao_schema SET version = 5000");
		assert_int_equal(jx_store_open(&again, f->path, 0, &err), -1);
		assert_int_equal(err.code, JX_ESTORE);
		assert_non_null(strstr(err.msg, "数据库版本 5000 比本程序支持的版本 9 新"));
		return;
	}
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
	sqlite3_finalize(q);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 17);
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_int_equal(jx_store_open(&again, f->path, 0, &err), 0); /* reopening migrates nothing */
	jx_store_close(again);
	raw_sql(f->path, "PRAGMA user_version = 5000");
	assert_int_equal(jx_store_open(&again, f->path, 0, &err), -1);
	assert_int_equal(err.code, JX_ESTORE);
	assert_non_null(strstr(err.msg, "数据库版本 5000 比本程序支持的版本 17 新"));
}

/* A database of the first schema (projects and indicators only) is migrated, its data kept. */
static void test_migrates_version_1(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_project *p;
	struct jx_store *st;
	char path[300];

	snprintf(path, sizeof(path), "%s-v1", f->path);
	remove_db(path);
	raw_sql(path, "CREATE TABLE project (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, year INTEGER NOT NULL,"
		      " name TEXT NOT NULL, unit TEXT NOT NULL, goal TEXT NOT NULL, total INTEGER NOT NULL, fiscal INTEGER NOT NULL,"
		      " other INTEGER NOT NULL, key INTEGER NOT NULL DEFAULT 0, classified INTEGER NOT NULL DEFAULT 0,"
		      " status TEXT NOT NULL, framework TEXT NOT NULL, UNIQUE (year, kind, name));"
		      "CREATE INDEX project_name ON project (name);"
		      "CREATE TABLE indicator (project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,"
		      " seq INTEGER NOT NULL, level1 TEXT NOT NULL, level2 TEXT NOT NULL, name TEXT NOT NULL, unit TEXT, op TEXT,"
		      " value TEXT, target TEXT, PRIMARY KEY (project_id, seq)) WITHOUT ROWID;"
		      "INSERT INTO project VALUES (1, 'project', 2021, '旧项目', '某局', '', 100, 100, 0, 0, 0, 'approved', '2015');"
		      "INSERT INTO indicator VALUES (1, 0, '产出指标', '数量指标', '次数', '次', '>=', '2', '≥2');"
		      "PRAGMA user_version = 1;");
	assert_int_equal(jx_store_open(&st, path, 0, &err), 0);
	assert_int_equal(jx_store_get(st, 1, &p, &err), 0);
	assert_string_equal(p->name, "旧项目");
	assert_int_equal(p->status, JX_APPROVED);
	assert_int_equal(p->n_ind, 1);
	assert_int_equal(p->total, HUNDREDTHS(100)); /* 1.00 万元, kept in 分 since schema 7 */
	assert_int_equal(p->fiscal, HUNDREDTHS(100));
	assert_int_equal(p->other, 0);
	assert_int_equal(p->carryover, JX_MONEY_NONE);
	free(p->unit); /* schema 8: another unit may have a table of the same year and name */
	p->unit = strdup("另一局");
	p->id = 0;
	assert_int_equal(jx_store_put(st, p, &err), 0);
	assert_int_equal(p->id, 2);
	p->id = 0;
	assert_int_equal(jx_store_put(st, p, &err), -1); /* but not twice in the same unit */
	assert_int_equal(err.code, JX_ECONFLICT);
	jx_project_free(p);
	assert_int_equal(jx_store_set_status(st, 1, JX_DRAFT, &err), 0); /* and the new table is there */
	assert_int_equal(jx_store_log(st, &(struct jx_event){ 1, "2026-11-29T03:00:00Z", "测试", "change", "{}" }, &err), 0);
	jx_store_close(st);
	remove_db(path);
}

static void test_damaged_rows_are_reported(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_project *p;

	put(f->st, f->seed[0]);
	raw_sql(f->path, "UPDATE indicator SET value = 'abc' WHERE project_id = 1 AND seq = 0");
	assert_int_equal(jx_store_get(f->st, 1, &p, &err), -1);
	assert_int_equal(err.code, JX_ESTORE);
	assert_non_null(strstr(err.msg, "项目 1 的指标已损坏"));
}

static void test_not_a_database(void **state)
{
	struct jx_err err = { 0 };
	struct jx_store *st;
	FILE *fp = fopen("/tmp/jx-not-a-db.txt", "w");

	(void)state;
	fputs("部门预算项目支出绩效目标表\n", fp);
	fclose(fp);
	assert_int_equal(jx_store_open(&st, "/tmp/jx-not-a-db.txt", JX_STORE_CREATE, &err), -1);
	assert_non_null(strstr(err.msg, "无法打开数据库"));
	unlink("/tmp/jx-not-a-db.txt");
	assert_int_equal(jx_store_open(&st, "/nonexistent-dir/x.db", JX_STORE_CREATE, &err), -1);
	assert_int_equal(err.code, JX_ESTORE);
	assert_int_equal(jx_store_open(&st, "/tmp/jx-no-such.db", 0, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_non_null(strstr(err.msg, "数据库不存在"));
	assert_int_equal(access("/tmp/jx-no-such.db", F_OK), -1); /* and was not created */
	/* a PostgreSQL server that is not there: a clear failure, and no file of that name */
	assert_int_equal(jx_store_open(&st, "postgresql://jixiao@%2Fnonexistent-dir/jixiao", JX_STORE_CREATE, &err), -1);
	assert_int_equal(err.code, JX_EIO);
	assert_non_null(strstr(err.msg, "jixiao: 无法连接数据库服务器"));
	assert_int_equal(jx_store_open(&st, "host=/nonexistent-dir dbname=jixiao", 0, &err), -1);
	assert_int_equal(err.code, JX_EIO);
	assert_int_equal(access("host=/nonexistent-dir dbname=jixiao", F_OK), -1);
	assert_int_equal(jx_store_open(&st, "postgresql://x/y?no_such_option=1", 0, &err), -1);
	assert_int_equal(err.code, JX_EUSAGE);
	assert_false(jx_store_exists("postgresql://jixiao@%2Fnonexistent-dir/jixiao"));
}

/* On PostgreSQL: a database that is not there is made by a command that creates the store, and only by
 * one; the same store is reached through a key=value connection string. */
static void test_pg_locations(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_store *st;
	char loc[300], kv[400];

	test_store_location(loc, sizeof(loc), "made");
	assert_false(jx_store_exists(loc));
	assert_int_equal(jx_store_open(&st, loc, 0, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_non_null(strstr(err.msg, "数据库不存在"));
	assert_false(jx_store_exists(loc));
	assert_int_equal(jx_store_open(&st, loc, JX_STORE_CREATE, &err), 0);
	put(st, f->seed[0]);
	jx_store_close(st);
	assert_true(jx_store_exists(loc));
	snprintf(kv, sizeof(kv), "host=%s user=postgres dbname='%s'", getenv("JIXIAO_TEST_PG_DIR"), strrchr(loc, '/') + 1);
	assert_int_equal(jx_store_open(&st, kv, 0, &err), 0);
	jx_project_free(get(st, 1));
	jx_store_close(st);
	assert_int_equal(test_store_count(loc, "SELECT count(*) FROM pg_database WHERE datname = current_database()"
					       " AND shobj_description(oid, 'pg_database') LIKE 'made by jixiao%'", NULL), 1);
	/* a store a command made and then removed (a failed first import): no database left behind */
	jx_store_remove(loc);
	assert_false(jx_store_exists(loc));
	assert_int_equal(jx_store_open(&st, loc, 0, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_non_null(strstr(err.msg, "数据库不存在"));
	/* one made by someone else (here: the test, empty) loses jixiao's tables and stays */
	test_store_make_database(loc);
	assert_int_equal(jx_store_open(&st, loc, JX_STORE_CREATE, &err), 0);
	jx_store_close(st);
	jx_store_remove(loc);
	assert_false(jx_store_exists(loc));
	assert_int_equal(jx_store_open(&st, loc, 0, &err), -1);
	assert_non_null(strstr(err.msg, "还没有 jixiao 的数据"));
	test_store_remove(loc);
}

/* On PostgreSQL: a connection the server ended (a restart, a network that dropped it) fails the
 * request that finds it so, clearly, and the next one connects again. */
static void test_pg_reconnects(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_project *p;

	put(f->st, f->seed[0]);
	raw_sql(f->path, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			 " WHERE datname = current_database() AND pid <> pg_backend_pid()");
	/* the connection the server ended is seen either before the next request, which then goes to a new
	 * one, or by that request, which fails saying so (the server's farewell may not have arrived yet);
	 * the request after it goes through either way */
	if (jx_store_get(f->st, 1, &p, &err) == 0) {
		jx_project_free(p);
	} else {
		assert_int_equal(err.code, JX_EIO);
		assert_non_null(strstr(err.msg, "与数据库服务器的连接失败"));
	}
	assert_int_equal(jx_store_get(f->st, 1, &p, &err), 0);
	jx_project_free(p);
	f->seed[1]->id = 0;
	put(f->st, f->seed[1]); /* writes too, with the write lock's wait set again */
	assert_int_equal(f->seed[1]->id, 2);
}

/* On PostgreSQL: a COMMIT that fails (here a deferred constraint, checked at commit) leaves nothing of
 * the transaction, says why, and the store is usable at once. */
static void test_pg_failed_commit(void **state)
{
	struct fixture *f = *state;
	struct jx_account_row a = { "甲", "admin", NULL, "h", false, "2026-01-01T00:00:00Z", NULL };
	struct jx_account_row b = { "乙", "admin", NULL, "h", false, "2026-01-01T00:00:00Z", NULL };
	struct jx_err err = { 0 };
	int64_t id;

	raw_sql(f->path, "ALTER TABLE account ADD CONSTRAINT one_a_second UNIQUE (created) DEFERRABLE INITIALLY DEFERRED");
	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[0]);
	assert_int_equal(jx_store_account_put(f->st, &a, &err), 0);
	assert_int_equal(jx_store_account_put(f->st, &b, &err), 0); /* accepted until the commit */
	assert_int_equal(jx_store_end(f->st, 0, &err), -1);
	assert_int_equal(err.code, JX_ESTORE);
	assert_null(strstr(err.msg, "COMMIT"));
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, f->seed[0]->unit, f->seed[0]->name, &id, &err), 0);
	assert_int_equal(id, 0);
	assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM account", NULL), 0);
	f->seed[0]->id = 0;
	put(f->st, f->seed[0]);
	assert_int_equal(f->seed[0]->id, 1);
}

struct opener {
	const char *location;
	int rc;
	struct jx_err err;
};

static void *open_one(void *arg)
{
	struct opener *o = arg;
	struct jx_store *st;

	o->rc = jx_store_open(&st, o->location, JX_STORE_CREATE, &o->err);
	if (o->rc == 0)
		jx_store_close(st);
	return NULL;
}

/* Several processes (here threads, each with its own connection) opening a new store at once: one makes
 * the schema, the others find it made. */
static void test_opened_at_once(void **state)
{
	struct opener o[4];
	pthread_t t[4];
	char loc[300];
	int i;

	(void)state;
	test_store_location(loc, sizeof(loc), "race");
	for (i = 0; i < 4; i++) {
		memset(&o[i], 0, sizeof(o[i]));
		o[i].location = loc;
		assert_int_equal(pthread_create(&t[i], NULL, open_one, &o[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		if (o[i].rc)
			fail_msg("open %d: %s", i, o[i].err.msg);
	}
	test_store_remove(loc);
}

/* A second writer waits for the first, a bounded time: JX_EBUSY, nothing written; readers are not held
 * up. */
static void test_writers_queue(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_store *other;
	struct jx_project *p;

	assert_int_equal(jx_store_open(&other, f->path, 0, &err), 0);
	put(f->st, f->seed[0]);
	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[1]);
	assert_int_equal(jx_store_begin(other, &err), -1);
	assert_int_equal(err.code, JX_EBUSY);
	assert_non_null(strstr(err.msg, "数据库正忙"));
	assert_int_equal(jx_store_begin_read(other, &err), 0); /* a reader sees what was committed */
	assert_int_equal(jx_store_get(other, 1, &p, &err), 0);
	jx_project_free(p);
	assert_int_equal(jx_store_get(other, 2, &p, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_int_equal(jx_store_end(other, 0, &err), 0);
	assert_int_equal(jx_store_end(f->st, 0, &err), 0);
	assert_int_equal(jx_store_begin(other, &err), 0);
	assert_int_equal(jx_store_end(other, 0, &err), 0);
	jx_store_close(other);
}

/* A put that conflicts inside a transaction undoes itself alone; the transaction goes on. */
static void test_conflict_inside_a_transaction(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	int64_t id;

	put(f->st, f->seed[0]);
	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[1]);
	f->seed[0]->id = 0;
	assert_int_equal(jx_store_put(f->st, f->seed[0], &err), -1);
	assert_int_equal(err.code, JX_ECONFLICT);
	put(f->st, f->seed[2]);
	assert_int_equal(jx_store_end(f->st, 0, &err), 0);
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, f->seed[2]->unit, f->seed[2]->name, &id, &err), 0);
	assert_int_equal(id, 3); /* numbered as if the conflicting put had not been */
}

/* A write that fails inside a transaction without a savepoint of its own: SQLite goes on with the
 * transaction; PostgreSQL has aborted it, and jx_store_end undoes it whole and says so. Either way the
 * store is usable at once. */
static void test_failed_write_inside_a_transaction(void **state)
{
	struct fixture *f = *state;
	struct jx_session_row r = { "t0ken", "nobody", "csrf", "2030-01-01T00:00:00Z", "", "", "" };
	struct jx_err err = { 0 };
	int64_t id;

	assert_int_equal(jx_store_begin(f->st, &err), 0);
	put(f->st, f->seed[0]);
	assert_int_equal(jx_store_session_put(f->st, &r, &err), -1); /* no such account */
	assert_int_equal(err.code, JX_ESTORE);
	assert_non_null(strstr(err.msg, "数据库错误")); /* in words, without the statement */
	assert_null(strstr(err.msg, "INSERT"));
	assert_null(strstr(err.msg, "$1"));
	if (test_on_pg()) {
		assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, f->seed[0]->unit, f->seed[0]->name, &id, &err), -1);
		assert_non_null(strstr(err.msg, "数据库已撤销进行中的事务"));
		assert_int_equal(jx_store_end(f->st, 0, &err), -1);
		assert_non_null(strstr(err.msg, "数据库已撤销进行中的事务"));
		assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, f->seed[0]->unit, f->seed[0]->name, &id, &err), 0);
		assert_int_equal(id, 0);
	} else {
		assert_int_equal(jx_store_end(f->st, 0, &err), 0);
	}
	f->seed[1]->id = 0;
	put(f->st, f->seed[1]);
}

/* (Tests of one backend alone are left out of the other's run rather than skipped: cmocka reports a
 * skip as "not ok … # SKIP", which meson counts as a failure.) */
int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_is_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_over_keeps_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_discards, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_and_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_by_unit_and_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_and_pragmas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_rows_are_reported, setup, teardown),
		cmocka_unit_test(test_not_a_database),
		cmocka_unit_test(test_opened_at_once),
		cmocka_unit_test_setup_teardown(test_writers_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_inside_a_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_inside_a_transaction, setup, teardown),
		/* one backend's own: SQLite's first schema migrated (PostgreSQL's began at SQLite's seventh);
		 * PostgreSQL's databases made and reached by key=value strings */
		cmocka_unit_test_setup_teardown(test_migrates_version_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_locations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_reconnects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_failed_commit, setup, teardown),
	};
	size_t n = sizeof(tests) / sizeof(tests[0]), pg_own = 3, i;

	if (test_on_pg()) { /* PostgreSQL's own in place of SQLite's one */
		for (i = 0; i < pg_own; i++)
			tests[n - pg_own - 1 + i] = tests[n - pg_own + i];
		return _cmocka_run_group_tests("tests", tests, n - 1, NULL, NULL);
	}
	return _cmocka_run_group_tests("tests", tests, n - pg_own, NULL, NULL);
}
