/*
 * helpers.h — shared by the unit tests: reading fixtures and projects from text.
 */
#ifndef JIXIAO_TEST_HELPERS_H
#define JIXIAO_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao/err.h"
#include "jixiao/model.h"

/* An amount given in hundredths of 万元 (3033.00 万元 is HUNDREDTHS(303300)) as jx_money, which counts 分. */
#define HUNDREDTHS(x) ((jx_money)(x) * 10000)

/* Path of a file in the source tree (from $JIXIAO_SRC), in a static buffer. */
const char *src_path(const char *rel);

/* Reads a whole file into a malloc'd NUL-terminated buffer (aborts the test on failure). */
char *read_file(const char *path, size_t *len);

/* Reads projects from text with the reader chosen by content. Returns how many were read (and keeps
 * up to cap of them in out, owned by the caller), or -1 with err set. */
int read_projects(const char *text, size_t len, struct jx_project **out, size_t cap, struct jx_err *err);

/* The zip of the NULL-terminated name, content pairs in parts, in a malloc'd buffer the caller frees
 * (an .xlsx workbook or a .docx document made of the parts given). */
char *zip_of(const char *const *parts, size_t *len);

/* Reads projects, as read_projects() does, from the zip of parts. */
int read_zip(const char *const *parts, struct jx_project **out, size_t cap, struct jx_err *err);

/* Removes an SQLite database file and its -wal and -shm files, if they exist. */
void remove_db(const char *path);

/* The stores of the tests: each runs on SQLite, and again on PostgreSQL when $JIXIAO_TEST_PG names a
 * server (scripts/with-pg; a connection URI without a database, to which "/NAME" is added). */
bool test_on_pg(void);

/* The location of a fresh store for this test (name and pid tell it apart) in out: an SQLite file in
 * /tmp, or a database on the PostgreSQL server; anything left there by an earlier run is removed, and
 * jx_store_open(…, JX_STORE_CREATE, …) makes it anew. */
void test_store_location(char *out, size_t size, const char *name);

/* On PostgreSQL: makes the database of location, empty, as an administrator would (createdb). */
void test_store_make_database(const char *location);

/* Removes the store at location (the file, or the database). */
void test_store_remove(const char *location);

/* Runs sql (statements that return no rows) on the store at location behind its back, as a damaged
 * or hand-edited database would be. */
void test_store_sql(const char *location, const char *sql);

/* The one number a query returns, with param (if not NULL) as $1. */
long test_store_count(const char *location, const char *sql, const char *param);

/* Frees n projects. */
void free_projects(struct jx_project **p, size_t n);

#endif
