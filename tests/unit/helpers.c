/*
 * helpers.c — see helpers.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "helpers.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"

const char *src_path(const char *rel)
{
	static char path[4096];
	const char *src = getenv("JIXIAO_SRC");

	snprintf(path, sizeof(path), "%s/%s", src ? src : ".", rel);
	return path;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

struct keep {
	struct jx_project **out;
	size_t cap;
	size_t n;
};

static int keep_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct keep *k = ctx;
	(void)err;
	if (k->n < k->cap)
		k->out[k->n] = jx_project_take(p); /* the reader frees p after this call */
	k->n++;
	return 0;
}

int read_projects(const char *text, size_t len, struct jx_project **out, size_t cap, struct jx_err *err)
{
	struct keep k = { out, cap, 0 };
	const struct jx_reader *r;
	struct jx_input in;
	int rc;

	jx_input_from_mem(&in, text, len, "test");
	r = jx_reader_detect(&in, err);
	rc = r ? r->read(&in, keep_one, &k, err) : -1;
	jx_input_close(&in);
	if (rc) {
		free_projects(out, k.n < cap ? k.n : cap);
		return -1;
	}
	return (int)k.n;
}

char *zip_of(const char *const *parts, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za;
	char *buf;

	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (; parts[0]; parts += 2) {
		zip_source_t *s = zip_source_buffer(za, parts[1], strlen(parts[1]), 0);

		assert_true(zip_file_add(za, parts[0], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_seek(src, 0, SEEK_END);
	*len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	buf = malloc(*len);
	assert_int_equal(zip_source_read(src, buf, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	return buf;
}

int read_zip(const char *const *parts, struct jx_project **out, size_t cap, struct jx_err *err)
{
	size_t len;
	char *zip = zip_of(parts, &len);
	int n = read_projects(zip, len, out, cap, err);

	free(zip);
	return n;
}

void remove_db(const char *path)
{
	char side[4096];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

bool test_on_pg(void)
{
	const char *pg = getenv("JIXIAO_TEST_PG");

	return pg && *pg;
}

/* The database's name in a location of test_store_location's. */
static const char *pg_name(const char *location)
{
	return strrchr(location, '/') + 1;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static PGconn *pg_connect(const char *database)
{
	char uri[1024];
	PGconn *c;

	snprintf(uri, sizeof(uri), "%s/%s", getenv("JIXIAO_TEST_PG"), database);
	c = PQconnectdb(uri);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("connecting to %s: %s", uri, PQerrorMessage(c));
	PQsetNoticeProcessor(c, quiet, NULL);
	return c;
}

static void pg_run(PGconn *c, const char *sql, const char *param)
{
	PGresult *r = PQexecParams(c, sql, param ? 1 : 0, NULL, &param, NULL, NULL, 0);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
}

static void pg_drop(const char *name)
{
	PGconn *c = pg_connect("postgres");
	char *ident = PQescapeIdentifier(c, name, strlen(name));
	char sql[256];

	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", ident);
	PQfreemem(ident);
	pg_run(c, sql, NULL);
	PQfinish(c);
}

void test_store_make_database(const char *location)
{
	PGconn *c = pg_connect("postgres");
	char *ident = PQescapeIdentifier(c, pg_name(location), strlen(pg_name(location)));
	char sql[256];

	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", ident);
	PQfreemem(ident);
	pg_run(c, sql, NULL);
	PQfinish(c);
}

void test_store_location(char *out, size_t size, const char *name)
{
	if (test_on_pg()) {
		snprintf(out, size, "%s/jxu_%s_%d", getenv("JIXIAO_TEST_PG"), name, (int)getpid());
		pg_drop(pg_name(out));
	} else {
		snprintf(out, size, "/tmp/jx-%s-%d.db", name, (int)getpid());
		remove_db(out);
	}
}

void test_store_remove(const char *location)
{
	if (test_on_pg())
		pg_drop(pg_name(location));
	else
		remove_db(location);
}

void test_store_sql(const char *location, const char *sql)
{
	sqlite3 *db;

	if (test_on_pg()) {
		PGconn *c = pg_connect(pg_name(location));

		pg_run(c, sql, NULL);
		PQfinish(c);
		return;
	}
	assert_int_equal(sqlite3_open(location, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

long test_store_count(const char *location, const char *sql, const char *param)
{
	sqlite3_stmt *q;
	sqlite3 *db;
	long n;

	if (test_on_pg()) {
		PGconn *c = pg_connect(pg_name(location));
		PGresult *r = PQexecParams(c, sql, param ? 1 : 0, NULL, &param, NULL, NULL, 0);

		if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
			fail_msg("%s: %s", sql, PQerrorMessage(c));
		n = strtol(PQgetvalue(r, 0, 0), NULL, 10);
		PQclear(r);
		PQfinish(c);
		return n;
	}
	assert_int_equal(sqlite3_open_v2(location, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	if (param)
		sqlite3_bind_text(q, 1, param, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return n;
}

void free_projects(struct jx_project **p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		jx_project_free(p[i]);
}
