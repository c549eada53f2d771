/*
 * test_store_page.c — a listing a page at a time (jx_store_page), over SQLite and, with $JIXIAO_TEST_PG,
 * PostgreSQL: every filter and every order both ways against a model of the rows kept here, a walk by
 * cursors and one by page numbers visiting each row exactly once where many rows tie on the sort value,
 * the count, the cursor tokens (any change refused), the submission time kept from the history, and a
 * store of the schema before it brought up to date.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "helpers.h"
#include "jixiao/store.h"

#define ROWS 64

/* What the store should hold of each project: the model the pages are checked against. */
struct row {
	int64_t id;
	int year;
	char name[64];
	char unit[64];
	jx_money total;
	enum jx_kind kind;
	bool key, classified;
	enum jx_status status;
	char submitted[32];
	int version; /* the latest publication holding it, 0 if none */
	size_t n_ind;
};

struct fixture {
	char path[256];
	struct jx_store *st;
	struct row rows[ROWS];
};

static const char *const units[] = { "博湖县民政局", "博湖县教育局", "Bohu County Office", "博湖县卫生健康委员会" };
/* names with LIKE's own characters, letters of both cases, and repeats (each row adds its number) */
static const char *const names[] = { "项目", "救助100%项目", "a_b项目", "back\\slash项目", "Alpha项目", "alpha项目" };

static void must(int rc, const struct jx_err *err)
{
	if (rc)
		fail_msg("%s", err->msg);
}

static void log_submit(struct jx_store *st, int64_t id, const char *at)
{
	struct jx_err err = { 0 };
	struct jx_event e = { id, at, "测试", "submit", "{}" };

	must(jx_store_log(st, &e, &err), &err);
}

/* Publishes the rows picked in a publication of its own, setting their version. */
static void publish(struct fixture *f, bool (*pick)(const struct row *))
{
	struct jx_published pub = { 0, 2021, "2026-01-01T00:00:00Z", "测试", false, "00", 0, 0, "{}", "", "" };
	struct jx_err err = { 0 };
	size_t i;

	must(jx_store_add_publication(f->st, &pub, &err), &err);
	for (i = 0; i < ROWS; i++)
		if (pick(&f->rows[i])) {
			must(jx_store_published_put(f->st, f->rows[i].id, pub.version, "{}", 2, &err), &err);
			f->rows[i].version = pub.version;
		}
}

static bool every_third(const struct row *r)
{
	return r->id % 3 == 0;
}

static bool every_fifth(const struct row *r)
{
	return r->id % 5 == 0;
}

/* ROWS projects from the seed's first table, their fields spread over few values so that many tie. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_project *seed[1];
	struct jx_err err = { 0 };
	size_t len, i;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);

	test_store_location(f->path, sizeof(f->path), "page");
	must(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), &err);
	assert_int_equal(read_projects(text, len, seed, 1, &err), 5);
	free(text);
	for (i = 0; i < ROWS; i++) {
		struct row *r = &f->rows[i];
		struct jx_project *p = seed[0];

		r->year = 2020 + (int)(i % 3);
		snprintf(r->name, sizeof(r->name), "%s%zu", names[i % 6], i % 11);
		snprintf(r->unit, sizeof(r->unit), "%s", units[i % 4]);
		r->total = HUNDREDTHS(100 * (int64_t)(i % 5));
		r->kind = i % 7 == 0 ? JX_KIND_DEPARTMENT : JX_KIND_PROJECT;
		r->key = i % 4 == 1;
		r->classified = i % 9 == 4;
		free(p->name);
		free(p->unit);
		p->name = strdup(r->name);
		p->unit = strdup(r->unit);
		p->year = r->year;
		p->total = r->total;
		p->kind = r->kind;
		p->key = r->key;
		p->classified = r->classified;
		p->id = 0;
		if (jx_store_put(f->st, p, &err)) { /* a name twice in a unit's year: make it another */
			free(p->name);
			snprintf(r->name, sizeof(r->name), "%s%zu", names[i % 6], i);
			p->name = strdup(r->name);
			must(jx_store_put(f->st, p, &err), &err);
		}
		r->id = p->id;
		r->n_ind = p->n_ind;
		r->status = (enum jx_status)(i % 4);
		if (r->status != JX_DRAFT) { /* submitted at one of a few times */
			snprintf(r->submitted, sizeof(r->submitted), "2026-0%zu-1%zuT08:00:00Z", 1 + i % 3, i % 2);
			log_submit(f->st, r->id, r->submitted);
		}
		must(jx_store_set_status(f->st, r->id, r->status, &err), &err);
	}
	free_projects(seed, 1);
	publish(f, every_third);
	publish(f, every_fifth); /* a later version for some of them */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	test_store_remove(f->path);
	free(f);
	return 0;
}

/* ---- the model ---- */

static bool contains_folded(const char *s, const char *q)
{
	size_t n = strlen(q);

	for (; *s; s++)
		if (strncasecmp(s, q, n) == 0) /* ASCII letters in either case; other bytes as they are */
			return true;
	return !*q;
}

static bool selected(const struct jx_page *q, const struct row *r)
{
	const struct jx_filter *f = &q->f;

	return (!f->year || r->year == f->year) && (!f->unit || strcmp(r->unit, f->unit) == 0) &&
	       (!f->by_status || r->status == f->status) && (!q->by_kind || r->kind == q->kind) &&
	       (!q->by_key || r->key == q->key) && (!f->classified_only || r->classified) &&
	       (!(f->hide_classified || q->published) || !r->classified) && (!q->published || r->version) &&
	       (!q->search || contains_folded(r->name, q->search));
}

static const struct jx_page *order_of; /* for qsort */

static int compare(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	int c = 0;

	switch (order_of->sort) {
	case JX_SORT_YEAR: c = (x->year > y->year) - (x->year < y->year); break;
	case JX_SORT_ID: break;
	case JX_SORT_NAME: c = strcmp(x->name, y->name); break;
	case JX_SORT_UNIT: c = strcmp(x->unit, y->unit); break;
	case JX_SORT_TOTAL: c = (x->total > y->total) - (x->total < y->total); break;
	case JX_SORT_SUBMITTED: c = strcmp(x->submitted, y->submitted); break;
	}
	if (!c)
		c = (x->id > y->id) - (x->id < y->id);
	return order_of->desc ? -c : c;
}

/* The ids q selects, in its order, into ids; returns how many. */
static size_t expected(const struct fixture *f, const struct jx_page *q, int64_t *ids)
{
	const struct row *sorted[ROWS];
	size_t i, n = 0;

	for (i = 0; i < ROWS; i++)
		if (selected(q, &f->rows[i]))
			sorted[n++] = &f->rows[i];
	order_of = q;
	qsort(sorted, n, sizeof(sorted[0]), compare);
	for (i = 0; i < n; i++)
		ids[i] = sorted[i]->id;
	return n;
}

static const struct row *row_of(const struct fixture *f, int64_t id)
{
	size_t i;

	for (i = 0; i < ROWS; i++)
		if (f->rows[i].id == id)
			return &f->rows[i];
	fail_msg("a row of id %lld that the store does not hold", (long long)id);
	return NULL;
}

/* ---- walking ---- */

struct walk {
	const struct fixture *f;
	int64_t ids[ROWS + 8];
	size_t n;
};

/* Notes a row, checking that its summary is the model's. */
static int note(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct walk *w = ctx;
	const struct row *r = row_of(w->f, s->id);

	(void)err;
	assert_true(w->n < ROWS + 8);
	w->ids[w->n++] = s->id;
	assert_int_equal(s->year, r->year);
	assert_string_equal(s->name, r->name);
	assert_string_equal(s->unit, r->unit);
	assert_int_equal(s->total, r->total);
	assert_int_equal(s->kind, r->kind);
	assert_int_equal(s->key, r->key);
	assert_int_equal(s->classified, r->classified);
	assert_int_equal(s->status, r->status);
	assert_string_equal(s->submitted, r->submitted);
	assert_int_equal(s->n_ind, r->n_ind);
	return 0;
}

/* Walks q's listing by cursors, limit rows a page; each page but the last full, the count on each. */
static void walk_cursors(struct fixture *f, struct jx_page q, size_t limit, struct walk *w, size_t want)
{
	struct jx_cursor at = { 0 };
	struct jx_page_out out;
	struct jx_err err = { 0 };
	size_t pages = 0;

	q.limit = limit;
	q.count = true;
	w->n = 0;
	do {
		size_t before = w->n;

		q.after = pages ? &at : NULL;
		must(jx_store_page(f->st, &q, note, w, &out, &err), &err);
		assert_int_equal(out.rows, w->n - before);
		assert_int_equal(out.total, want);
		jx_cursor_clear(&at);
		if (out.more) {
			char *token = jx_cursor_format(&out.next);

			assert_int_equal(out.rows, limit);
			assert_int_equal(out.next.id, w->ids[w->n - 1]); /* the page's last row */
			must(jx_cursor_parse(token, q.sort, q.desc, &at, &err), &err); /* as a client sends it back */
			free(token);
			jx_cursor_clear(&out.next);
		}
		assert_null(out.next.text);
		assert_true(++pages <= ROWS + 1);
	} while (out.more);
}

/* Walks by page numbers (offsets). */
static void walk_offsets(struct fixture *f, struct jx_page q, size_t limit, struct walk *w)
{
	struct jx_page_out out;
	struct jx_err err = { 0 };

	q.limit = limit;
	w->n = 0;
	do {
		q.offset = w->n;
		must(jx_store_page(f->st, &q, note, w, &out, &err), &err);
		assert_true(!out.more || out.next.id == w->ids[w->n - 1]);
		jx_cursor_clear(&out.next);
	} while (out.more);
}

static void same_ids(const int64_t *got, size_t n_got, const int64_t *want, size_t n_want, const char *what)
{
	size_t i;

	if (n_got != n_want)
		fail_msg("%s: %zu rows, expected %zu", what, n_got, n_want);
	for (i = 0; i < n_got; i++)
		if (got[i] != want[i])
			fail_msg("%s: row %zu is %lld, expected %lld", what, i, (long long)got[i], (long long)want[i]);
}

/* The filters tried with every order. */
static struct jx_page filter_case(size_t c)
{
	struct jx_page q = { 0 };

	switch (c) {
	case 0: break;
	case 1: q.f.year = 2021; break;
	case 2: q.f.unit = "博湖县民政局"; q.f.by_status = true; q.f.status = JX_SUBMITTED; break;
	case 3: q.by_kind = true; q.kind = JX_KIND_DEPARTMENT; break;
	case 4: q.by_key = true; q.key = true; q.f.hide_classified = true; break;
	case 5: q.by_key = true; q.key = false; q.f.classified_only = true; break;
	case 6: q.search = "alpha"; break;            /* Alpha and alpha: ASCII in either case */
	case 7: q.search = "%"; break;                /* only the names that hold a % */
	case 8: q.search = "_"; break;
	case 9: q.search = "\\"; q.f.year = 2022; break;
	case 10: q.search = "救助"; q.f.by_status = true; q.f.status = JX_APPROVED; break;
	case 11: q.published = true; break;
	case 12: q.search = "没有这样的名字"; break;
	}
	return q;
}
#define FILTER_CASES 13

/* Every filter, every order both ways: the cursor walk (pages of 5, so that ties straddle pages) and
 * the page-number walk both give exactly the model's rows in the model's order, each once. */
static void test_every_order_and_filter(void **state)
{
	struct fixture *f = *state;
	struct walk w = { f, { 0 }, 0 };
	int64_t want[ROWS];
	char what[96];
	size_t c, n;
	int s, d;

	for (c = 0; c < FILTER_CASES; c++)
		for (s = 0; s < JX_SORT_COUNT; s++)
			for (d = 0; d < 2; d++) {
				struct jx_page q = filter_case(c);

				q.sort = (enum jx_sort)s;
				q.desc = d;
				n = expected(f, &q, want);
				snprintf(what, sizeof(what), "filter %zu, sort %s%s", c, d ? "-" : "", jx_sort_name(q.sort));
				walk_cursors(f, q, 5, &w, n);
				same_ids(w.ids, w.n, want, n, what);
				walk_offsets(f, q, 5, &w);
				same_ids(w.ids, w.n, want, n, what);
			}
	/* the filters select something, and not everything: the checks above had rows to order */
	n = expected(f, &(struct jx_page){ .search = "alpha" }, want);
	assert_true(n > 0 && n < ROWS);
	n = expected(f, &(struct jx_page){ .published = true }, want);
	assert_true(n > 0 && n < ROWS);
}

static int note_version(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	const struct fixture *f = ctx;

	(void)err;
	assert_int_equal(s->version, row_of(f, s->id)->version);
	assert_false(s->classified);
	return 0;
}

/* The public's list: each table with the latest publication that holds it. */
static void test_published_versions(void **state)
{
	struct fixture *f = *state;
	struct jx_page q = { .published = true, .limit = JX_PAGE_MAX, .count = true };
	struct jx_page_out out;
	struct jx_err err = { 0 };

	must(jx_store_page(f->st, &q, note_version, f, &out, &err), &err);
	assert_true(out.rows > 0);
	assert_int_equal(out.rows, out.total);
	assert_int_equal(row_of(f, 15)->version, 2); /* every third and every fifth: the second */
	assert_int_equal(row_of(f, 3)->version, 1);
}

static int stop_at_third(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	size_t *n = ctx;

	(void)s;
	(void)err;
	return ++*n == 3 ? 42 : 0;
}

/* A page's limits, a callback that stops, a cursor of another order. */
static void test_page_limits(void **state)
{
	struct fixture *f = *state;
	struct jx_page q = { .limit = 0 };
	struct jx_cursor c = { JX_SORT_NAME, false, 5, 0, NULL };
	struct jx_page_out out;
	struct jx_err err = { 0 };
	size_t n = 0;

	assert_int_equal(jx_store_page(f->st, &q, stop_at_third, &n, &out, &err), -1);
	assert_int_equal(err.code, JX_EUSAGE);
	q.limit = JX_PAGE_MAX + 1;
	assert_int_equal(jx_store_page(f->st, &q, stop_at_third, &n, &out, &err), -1);
	q.limit = 10;
	q.after = &c;
	assert_int_equal(jx_store_page(f->st, &q, stop_at_third, &n, &out, &err), -1);
	assert_int_equal(err.code, JX_EUSAGE);
	q.after = NULL;
	assert_int_equal(jx_store_page(f->st, &q, stop_at_third, &n, &out, &err), 42);
	assert_int_equal(n, 3);
	assert_null(out.next.text);
	/* the store is usable afterwards: the page's read transaction was ended */
	n = 0;
	q.limit = JX_PAGE_MAX;
	q.count = true;
	assert_int_equal(jx_store_page(f->st, &q, stop_at_third, &n, &out, &err), 42);
	assert_int_equal(jx_store_begin(f->st, &err), 0);
	assert_int_equal(jx_store_end(f->st, 0, &err), 0);
}

/* Rows written between two pages move no page: the walk goes on after the row it ended at. */
static void test_cursor_holds_through_writes(void **state)
{
	struct fixture *f = *state;
	struct jx_page q = { .sort = JX_SORT_TOTAL, .limit = 10 };
	struct jx_page_out out;
	struct jx_err err = { 0 };
	struct walk w = { f, { 0 }, 0 };
	struct jx_project *p;
	int64_t want[ROWS];
	size_t n = expected(f, &q, want);

	struct jx_cursor at;

	must(jx_store_page(f->st, &q, note, &w, &out, &err), &err);
	assert_true(out.more);
	at = out.next;
	must(jx_store_get(f->st, w.ids[0], &p, &err), &err); /* a new row before the cursor */
	p->id = 0;
	p->total = -HUNDREDTHS(1);
	free(p->name);
	p->name = strdup("后来的项目");
	must(jx_store_put(f->st, p, &err), &err);
	jx_project_free(p);
	q.after = &at;
	must(jx_store_page(f->st, &q, note, &w, &out, &err), &err);
	same_ids(w.ids, w.n, want, 20, "two pages around a write");
	jx_cursor_clear(&at);
	jx_cursor_clear(&out.next);
	assert_true(n > 20);
}

/* A token read back is the cursor; any change to it — a character, a cut, another order — is refused. */
static void test_cursor_tokens(void **state)
{
	struct jx_cursor c = { JX_SORT_NAME, true, 1234, 0, strdup("救助100%项目~1") }, back;
	struct jx_cursor y = { JX_SORT_YEAR, false, 7, 2021, NULL };
	struct jx_err err = { 0 };
	char *token = jx_cursor_format(&c), *bad;
	size_t i, n = strlen(token);

	(void)state;
	must(jx_cursor_parse(token, JX_SORT_NAME, true, &back, &err), &err);
	assert_int_equal(back.id, 1234);
	assert_string_equal(back.text, c.text);
	jx_cursor_clear(&back);
	for (i = 0; i < n; i++) { /* every character changed in turn */
		bad = strdup(token);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		assert_int_equal(jx_cursor_parse(bad, JX_SORT_NAME, true, &back, &err), -1);
		assert_int_equal(err.code, JX_EINPUT);
		assert_null(back.text);
		bad[i] = '\0'; /* and cut short there */
		assert_int_equal(jx_cursor_parse(bad, JX_SORT_NAME, true, &back, &err), -1);
		free(bad);
	}
	assert_int_equal(jx_cursor_parse(token, JX_SORT_NAME, false, &back, &err), -1); /* the other direction */
	assert_int_equal(jx_cursor_parse(token, JX_SORT_UNIT, true, &back, &err), -1);  /* another order */
	assert_non_null(strstr(err.msg, "cursor 无效"));
	for (i = 0; i < 4; i++) {
		const char *junk[] = { "", "!!!!", "' OR 1=1 --", "eWVhcn5hfjd-MjAyMQ" /* "year~a~7~2021" unchecked */ };

		assert_int_equal(jx_cursor_parse(junk[i], JX_SORT_YEAR, false, &back, &err), -1);
	}
	free(token);
	token = jx_cursor_format(&y);
	must(jx_cursor_parse(token, JX_SORT_YEAR, false, &back, &err), &err);
	assert_int_equal(back.num, 2021);
	assert_int_equal(back.id, 7);
	assert_null(back.text);
	free(token);
	jx_cursor_clear(&c);
}

static void test_sort_names(void **state)
{
	enum jx_sort s;
	int i;

	(void)state;
	for (i = 0; i < JX_SORT_COUNT; i++) {
		assert_int_equal(jx_sort_from_name(jx_sort_name((enum jx_sort)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(jx_sort_from_name("Name", &s), -1);
	assert_int_equal(jx_sort_from_name("", &s), -1);
	assert_int_equal(jx_sort_from_name(NULL, &s), -1);
}

struct first {
	char submitted[32];
};

static int note_first(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct first *first = ctx;

	(void)err;
	snprintf(first->submitted, sizeof(first->submitted), "%s", s->submitted);
	return 0;
}

static void submitted_of(struct jx_store *st, int64_t id, char *out)
{
	struct jx_page q = { .sort = JX_SORT_ID, .desc = true, .limit = 1 };
	struct jx_cursor after = { JX_SORT_ID, true, id + 1, 0, NULL };
	struct jx_page_out o;
	struct jx_err err = { 0 };
	struct first first = { "?" };

	q.after = &after;
	must(jx_store_page(st, &q, note_first, &first, &o, &err), &err);
	strcpy(out, first.submitted);
}

/* The submission time is the latest submit of the history; a store of the schema before it takes it
 * from the history when opened. */
static void test_submitted_from_history(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_store *again;
	char got[32];

	submitted_of(f->st, 2, got);
	assert_string_equal(got, f->rows[1].submitted);
	log_submit(f->st, 2, "2027-03-04T05:06:07Z"); /* returned and submitted again */
	submitted_of(f->st, 2, got);
	assert_string_equal(got, "2027-03-04T05:06:07Z");
	submitted_of(f->st, 1, got);
	assert_string_equal(got, ""); /* never submitted */
	jx_store_close(f->st);
	f->st = NULL;
	test_store_sql(f->path, "DROP INDEX project_queue"); /* as schema 10 (PostgreSQL's 3) left it */
	test_store_sql(f->path, "DROP INDEX project_total");
	if (test_on_pg()) {
		test_store_sql(f->path, "DROP INDEX project_name_id");
		test_store_sql(f->path, "CREATE INDEX project_name ON project (name)");
	} else {
		test_store_sql(f->path, "DROP INDEX project_list");
		test_store_sql(f->path, "CREATE INDEX project_year ON project (year, id)");
	}
	test_store_sql(f->path, "ALTER TABLE project DROP COLUMN submitted_at");
	test_store_sql(f->path, "DROP TABLE publication_part"); /* and what the migrations after it made */
	test_store_sql(f->path, "ALTER TABLE publication DROP COLUMN sep");
	test_store_sql(f->path, "ALTER TABLE publication DROP COLUMN tail");
	test_store_sql(f->path, "ALTER TABLE publication RENAME COLUMN head TO content");
	test_store_sql(f->path, "DROP TABLE library_use");
	test_store_sql(f->path, "DROP TABLE unit");
	test_store_sql(f->path, "ALTER TABLE account DROP COLUMN last_login");
	test_store_sql(f->path, "DROP TABLE library");
	if (!test_on_pg())
		test_store_sql(f->path, "DROP INDEX published_current");
	test_store_sql(f->path, test_on_pg() ? "UPDATE jixiao_schema SET version = 3" : "PRAGMA user_version = 10");
	must(jx_store_open(&again, f->path, 0, &err), &err);
	f->st = again;
	submitted_of(f->st, 2, got);
	assert_string_equal(got, "2027-03-04T05:06:07Z");
	submitted_of(f->st, 3, got);
	assert_string_equal(got, f->rows[2].submitted);
	submitted_of(f->st, 1, got);
	assert_string_equal(got, "");
	assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM project WHERE submitted_at <> ''", NULL),
			 ROWS - ROWS / 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_order_and_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_published_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cursor_holds_through_writes, setup, teardown),
		cmocka_unit_test(test_cursor_tokens),
		cmocka_unit_test(test_sort_names),
		cmocka_unit_test_setup_teardown(test_submitted_from_history, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
