/*
 * test_publish.c — publications: which tables are published (approved, as last approved, never
 * classified), the statement's figures, key projects, saved versions that render to the same bytes,
 * comparing versions, and the marks with their history.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/json_io.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/workflow.h"

enum { EPIDEMIC = 1, EDUCATION = 2, RELIEF = 3, PENSION = 4, DISASTER = 5 };

struct fixture {
	char path[256];
	struct jx_store *st;
	struct jx_review *review;
	char *seed;
};

static void import_text(struct fixture *f, const char *text)
{
	struct jx_import_opts o = { .user = "张三" };
	struct jx_err err = { 0 };
	struct jx_import *im = jx_import_begin(f->st, &o, &err);
	struct jx_input in;

	assert_non_null(im);
	jx_input_from_mem(&in, text, strlen(text), "seed");
	if (jx_import_input(im, &in, &err))
		fail_msg("import: %s", err.msg);
	jx_input_close(&in);
	assert_int_equal(jx_import_commit(im, NULL, &err), 0);
}

static void approve(struct fixture *f, int64_t id)
{
	struct jx_err err = { 0 };

	if (jx_workflow_submit(f->st, id, "张三", &err) || jx_workflow_approve(f->st, f->review, id, "李四", NULL, &err))
		fail_msg("approve %lld: %s", (long long)id, err.msg);
}

static void mark(struct fixture *f, int64_t id, int key, int classified)
{
	struct jx_err err = { 0 };

	if (jx_mark(f->st, id, key, classified, "财政局", &err))
		fail_msg("mark %lld: %s", (long long)id, err.msg);
}

/* The seed with the four tables that pass review approved, the pension one classified. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };

	setenv("JIXIAO_NOW", "2026-11-29T03:00:00Z", 1);
	test_store_location(f->path, sizeof(f->path), "publish");
	assert_int_equal(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), 0);
	assert_int_equal(jx_review_load(&f->review, NULL, &err), 0);
	f->seed = read_file(src_path("data/samples/bohu-2021.txt"), NULL);
	import_text(f, f->seed);
	approve(f, EPIDEMIC);
	approve(f, RELIEF);
	approve(f, PENSION);
	approve(f, DISASTER);
	assert_int_equal(jx_workflow_submit(f->st, EDUCATION, "张三", &err), 0);
	mark(f, PENSION, -1, 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	jx_review_free(f->review);
	free(f->seed);
	test_store_remove(f->path);
	free(f);
	unsetenv("JIXIAO_NOW");
	return 0;
}

static struct jx_publication *build(struct fixture *f, bool key_only)
{
	struct jx_publication *pub = NULL;
	struct jx_err err = { 0 };

	if (jx_publication_build(f->st, 2021, key_only, &pub, &err) || jx_publication_hold(pub, &err))
		fail_msg("build: %s", err.msg);
	return pub;
}

/* pub rendered with the named renderer, as a malloc'd string (its length in *len, if not NULL). */
static char *render_len(const struct jx_publication *pub, const char *format, size_t *len)
{
	struct jx_render_opts o = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };

	if (jx_publication_render(pub, jx_renderer_get(format), &o, &out, NULL, NULL, &err))
		fail_msg("render: %s", err.msg);
	return jx_buf_detach(&out, len);
}

static char *render(const struct jx_publication *pub, const char *format)
{
	return render_len(pub, format, NULL);
}

static void test_publishes_approved_tables_not_classified(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false);
	char money[JX_DEC_STRMAX], *text;
	size_t i;

	assert_int_equal(pub->n, 3);
	assert_string_equal(pub->p[0]->name, "博湖县2021年疫情防控项目");
	assert_string_equal(pub->p[1]->name, "博湖县2021年困难群众救助及慰问项目");
	assert_string_equal(pub->p[2]->name, "博湖县2021年自然灾害综合风险普查项目");
	assert_int_equal(pub->s.projects, 3);
	assert_int_equal(pub->s.units, 3);
	assert_int_equal(pub->s.departments, 0);
	assert_string_equal(jx_money_format(pub->s.money, money), "3202.93");
	assert_int_equal(pub->s.n_attached, 3);
	assert_int_equal(pub->s.n_key, 0);
	assert_int_equal(pub->s.version, 0);
	for (i = 0; i < pub->n; i++)
		assert_int_equal(pub->p[i]->status, JX_APPROVED);
	text = render(pub, "text");
	assert_null(strstr(text, "养老"));
	assert_null(strstr(text, "社会保险中心"));
	assert_null(strstr(text, "建档立卡"));
	assert_non_null(strstr(text, "3个预算单位编制了3个项目的绩效目标，涉及资金3202.93万元"));
	assert_non_null(strstr(text, "除涉密信息外"));
	free(text);
	jx_publication_free(pub);
}

static void test_key_projects(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub;
	char money[JX_DEC_STRMAX], *text;

	mark(f, DISASTER, 1, -1);
	mark(f, EPIDEMIC, 1, -1);
	pub = build(f, true);
	assert_int_equal(pub->n, 2); /* attached: the key projects, in store order */
	assert_string_equal(pub->p[0]->name, "博湖县2021年疫情防控项目");
	assert_string_equal(pub->p[1]->name, "博湖县2021年自然灾害综合风险普查项目");
	assert_int_equal(pub->s.projects, 3); /* the figures still cover all */
	assert_string_equal(jx_money_format(pub->s.money, money), "3202.93");
	assert_int_equal(pub->s.n_key, 2);
	text = render(pub, "text");
	assert_non_null(strstr(text, "其中重点项目2个：博湖县2021年疫情防控项目、博湖县2021年自然灾害综合风险普查项目。"));
	assert_non_null(strstr(text, "现将重点项目的绩效目标表随同部门预算公开如下"));
	assert_null(strstr(text, "困难群众救助及慰问项目\t")); /* not attached, so no table of it */
	free(text);
	jx_publication_free(pub);
}

/* A classified key project is neither attached nor listed among the key projects; with no other key
 * project, a key-only publication has nothing to attach and is refused rather than saved empty. */
static void test_classified_key_project_hidden(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = NULL;
	struct jx_err err = { 0 };
	char *text;

	mark(f, PENSION, 1, -1);
	assert_int_equal(jx_publication_build(f->st, 2021, true, &pub, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_non_null(strstr(err.msg, "2021年度没有可以公开的重点项目绩效目标表"));
	assert_null(pub);
	pub = build(f, false);
	assert_int_equal(pub->s.n_key, 0);
	text = render(pub, "json");
	assert_null(strstr(text, "养老"));
	free(text);
	jx_publication_free(pub);
}

static void test_adjustment_under_review_publishes_approved(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub;
	struct jx_err err = { 0 };
	struct jx_project *p;
	char *adjusted = jx_strdup(f->seed), *at;

	/* the relief table's satisfaction target: ≥95.0% → ≥96.0% */
	at = strstr(strstr(adjusted, "救助对象对社会救助实施的满意度"), "≥95.0%");
	assert_non_null(at);
	memcpy(at, "≥96", strlen("≥96"));
	import_text(f, adjusted);
	assert_int_equal(jx_store_get(f->st, RELIEF, &p, &err), 0);
	assert_int_equal(p->status, JX_DRAFT);
	jx_project_free(p);

	pub = build(f, false);
	assert_int_equal(pub->n, 3);
	assert_string_equal(pub->p[1]->name, "博湖县2021年困难群众救助及慰问项目");
	assert_string_equal(pub->p[1]->ind[pub->p[1]->n_ind - 1].target, "≥95.0%");
	jx_publication_free(pub);

	approve(f, RELIEF);
	pub = build(f, false);
	assert_string_equal(pub->p[1]->ind[pub->p[1]->n_ind - 1].target, "≥96.0%");
	jx_publication_free(pub);
	free(adjusted);
}

static void test_save_load_render_same_bytes(void **state)
{
	struct fixture *f = *state;
	static const char *const formats[] = { "json", "text", "html", "csv", "xlsx" };
	struct jx_publication *pub = build(f, false), *again = build(f, false), *loaded = NULL;
	struct jx_err err = { 0 };
	char *before[5], *after;
	size_t i, len[5], n;

	for (i = 0; i < 5; i++)
		before[i] = render_len(pub, formats[i], &len[i]);
	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	assert_int_equal(pub->s.version, 1);
	assert_int_equal(strlen(pub->s.hash), 64);
	assert_string_equal(pub->s.at, "2026-11-29T03:00:00Z");
	assert_string_equal(pub->s.by, "财政局");
	setenv("JIXIAO_NOW", "2026-12-01T08:00:00Z", 1);
	assert_int_equal(jx_publication_save(f->st, again, "王五", &err), 0);
	/* the same content, the same hash: no new version, the first stands with its time and account */
	assert_true(again->unchanged);
	assert_false(pub->unchanged);
	assert_int_equal(again->s.version, 1);
	assert_string_equal(again->s.hash, pub->s.hash);
	assert_string_equal(again->s.at, "2026-11-29T03:00:00Z");
	assert_string_equal(again->s.by, "财政局");

	assert_int_equal(jx_publication_load(f->st, 1, &loaded, &err), 0);
	assert_int_equal(loaded->s.version, 1);
	assert_string_equal(loaded->s.hash, pub->s.hash);
	assert_string_equal(loaded->s.by, "财政局");
	assert_int_equal(loaded->n, 3);
	assert_int_equal(loaded->s.money, pub->s.money);
	for (i = 0; i < 5; i++) {
		after = render_len(loaded, formats[i], &n);
		assert_int_equal(n, len[i]);
		assert_memory_equal(before[i], after, n);
		free(after);
		free(before[i]);
	}
	jx_publication_free(loaded);

	/* a table changed after the version was saved does not change the version */
	mark(f, RELIEF, -1, 1);
	assert_int_equal(jx_publication_load(f->st, 1, &loaded, &err), 0);
	assert_int_equal(loaded->n, 3);
	jx_publication_free(loaded);
	jx_publication_free(pub);
	jx_publication_free(again);
}

static int count_one(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	(void)err;
	assert_null(p->content); /* the list comes without content */
	(*(int *)ctx)++;
	return 0;
}

static void test_list_and_missing_version(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false), *none = NULL;
	struct jx_err err = { 0 };
	int n = 0;

	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	assert_int_equal(jx_store_publications(f->st, 2021, count_one, &n, &err), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(jx_store_publications(f->st, 2022, count_one, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(jx_publication_load(f->st, 2, &none, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_null(none);
	jx_publication_free(pub);
}

static void test_nothing_to_publish(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = NULL;
	struct jx_err err = { 0 };

	assert_int_equal(jx_publication_build(f->st, 2022, false, &pub, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_non_null(strstr(err.msg, "2022年度没有可以公开的绩效目标表"));
	assert_null(pub);
}

static const json_t *statement_change(const json_t *d, const char *field)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(d, "statement"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "field")), field) == 0)
			return c;
	return NULL;
}

static void test_diff(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *a = build(f, false), *b;
	const json_t *c, *changed;
	char *adjusted = jx_strdup(f->seed), *at;
	json_t *d;

	mark(f, DISASTER, -1, 1); /* withdrawn */
	mark(f, PENSION, 1, 0);   /* added, as a key project */
	at = strstr(strstr(adjusted, "救助对象对社会救助实施的满意度"), "≥95.0%");
	memcpy(at, "≥96", strlen("≥96"));
	import_text(f, adjusted);
	approve(f, RELIEF);
	b = build(f, false);

	d = jx_publication_diff(a, b);
	assert_int_equal(json_array_size(json_object_get(d, "added")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(d, "added"), 0)),
			    "博湖县2021年城乡居民养老保险项目");
	assert_int_equal(json_array_size(json_object_get(d, "withdrawn")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(d, "withdrawn"), 0)),
			    "博湖县2021年自然灾害综合风险普查项目");
	changed = json_object_get(d, "changed");
	assert_int_equal(json_array_size(changed), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(changed, 0), "name")),
			    "博湖县2021年困难群众救助及慰问项目");
	c = json_array_get(json_object_get(json_array_get(changed, 0), "changes"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "field")), "target");
	assert_string_equal(json_string_value(json_object_get(c, "before")), "≥95.0%");
	assert_string_equal(json_string_value(json_object_get(c, "after")), "≥96.0%");
	c = statement_change(d, "money"); /* 3202.93 - 59.95 + 467.00 */
	assert_non_null(c);
	assert_string_equal(json_string_value(json_object_get(c, "before")), "3202.93");
	assert_string_equal(json_string_value(json_object_get(c, "after")), "3609.98");
	c = statement_change(d, "key_projects");
	assert_string_equal(json_string_value(json_object_get(c, "before")), "（无）");
	assert_string_equal(json_string_value(json_object_get(c, "after")), "博湖县2021年城乡居民养老保险项目");
	assert_null(statement_change(d, "projects")); /* one withdrawn, one added */
	json_decref(d);

	d = jx_publication_diff(b, b);
	assert_int_equal(json_array_size(json_object_get(d, "added")) + json_array_size(json_object_get(d, "withdrawn")) +
				 json_array_size(json_object_get(d, "changed")) + json_array_size(json_object_get(d, "statement")),
			 0);
	json_decref(d);
	jx_publication_free(a);
	jx_publication_free(b);
	free(adjusted);
}

/* Changes a saved version's content behind the store's back. */
static void tamper(struct fixture *f, const char *sql)
{
	test_store_sql(f->path, sql);
}

static void test_altered_version_refused(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false), *loaded = NULL;
	struct jx_err err = { 0 };

	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	tamper(f, "UPDATE publication SET head = replace(head, '3202.93', '9999.99')");
	/* the record reads; its tables, read through, do not match its digest */
	assert_int_equal(jx_publication_load(f->st, 1, &loaded, &err), 0);
	assert_int_equal(jx_publication_tables(loaded, NULL, NULL, &err), -1);
	assert_int_equal(err.code, JX_ESTORE);
	assert_non_null(strstr(err.msg, "第 1 版公开的内容与保存时的摘要不符"));
	jx_publication_free(loaded);
	jx_publication_free(pub);
}

/* A table of a version altered in its own row: rendering it fails once the digest is known, and
 * what was rendered before is not output (the caller drops it). */
static void test_altered_table_refused_as_read(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false), *loaded = NULL;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };

	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	tamper(f, "UPDATE publication_part SET body = replace(body, '≥95.0%', '≥9.0%') WHERE version = 1 AND seq = 1");
	assert_int_equal(jx_publication_load(f->st, 1, &loaded, &err), 0);
	assert_int_equal(jx_publication_render(loaded, jx_renderer_get("text"), NULL, &out, NULL, NULL, &err), -1);
	assert_int_equal(err.code, JX_ESTORE);
	assert_non_null(strstr(err.msg, "第 1 版公开的内容与保存时的摘要不符"));
	jx_buf_release(&out);
	jx_publication_free(loaded);
	jx_publication_free(pub);
}

/* The second pass must find the tables the first counted: a publication rendered outside the
 * snapshot it was built in, after a table was classified meanwhile, is refused, not published with
 * figures that do not hold. */
static void test_store_changed_between_passes(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = NULL;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };

	assert_int_equal(jx_publication_build(f->st, 2021, false, &pub, &err), 0);
	mark(f, RELIEF, -1, 1);
	assert_int_equal(jx_publication_render(pub, jx_renderer_get("json"), NULL, &out, NULL, NULL, &err), -1);
	assert_int_equal(err.code, JX_ECONFLICT);
	assert_non_null(strstr(err.msg, "2021年度的绩效目标表在公开的过程中有了变动"));
	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), -1); /* nothing saved */
	assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM publication", NULL), 0);
	jx_buf_release(&out);
	jx_publication_free(pub);
}

static void test_version_with_a_table_classified_since_is_not_output(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false), *loaded = NULL;
	struct jx_err err = { 0 };

	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	assert_int_equal(jx_publication_load(f->st, 1, &loaded, &err), 0);
	assert_int_equal(jx_publication_still_public(f->st, loaded, &err), 0);
	mark(f, PENSION, 0, 1); /* already classified: nothing changes for version 1 */
	assert_int_equal(jx_publication_still_public(f->st, loaded, &err), 0);
	mark(f, RELIEF, -1, 1);
	assert_int_equal(jx_publication_still_public(f->st, loaded, &err), -1);
	assert_int_equal(err.code, JX_ECONFLICT);
	assert_non_null(strstr(err.msg, "第 1 版中的“博湖县2021年困难群众救助及慰问项目”现已标记为涉密"));
	jx_publication_free(loaded);
	jx_publication_free(pub);
}

struct at {
	int version;
	char *body;
	int calls;
};

static int take_at(void *ctx, const struct jx_published_table *t, struct jx_err *err)
{
	struct at *a = ctx;

	(void)err;
	a->version = t->version;
	a->body = t->body ? strdup(t->body) : NULL;
	a->calls++;
	return 0;
}

/* jx_store_published_at as the web system asks it: the version current (or a given one), the body
 * only when asked for; nothing for a table never published, a version that does not hold it, or a
 * project classified now. */
static struct at published_at(struct fixture *f, int64_t id, int version, bool body, int want)
{
	struct at a = { 0 };
	struct jx_err err = { 0 };
	int rc = jx_store_published_at(f->st, id, version, body, take_at, &a, &err);

	if (want == JX_OK && rc)
		fail_msg("published_at %lld v%d: %s", (long long)id, version, err.msg);
	if (want != JX_OK) {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, want);
		assert_int_equal(a.calls, 0);
	}
	return a;
}

static bool withdrawn(struct fixture *f, int version)
{
	struct jx_err err = { 0 };
	bool out = true;

	if (jx_store_withdrawn(f->st, version, &out, &err))
		fail_msg("withdrawn %d: %s", version, err.msg);
	return out;
}

static int take_body(void *ctx, const struct jx_published_table *t, struct jx_err *err)
{
	(void)err;
	*(char **)ctx = strdup(t->body);
	return 0;
}

static void test_published_at_and_withdrawn(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false), *again;
	struct jx_err err = { 0 };
	struct at a;
	char *latest = NULL;

	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	a = published_at(f, RELIEF, 0, false, JX_OK);
	assert_int_equal(a.version, 1);
	assert_null(a.body); /* not asked for */
	a = published_at(f, RELIEF, 1, true, JX_OK);
	assert_int_equal(a.version, 1);
	assert_int_equal(jx_store_published(f->st, RELIEF, 0, take_body, &latest, &err), 0);
	assert_non_null(a.body);
	assert_string_equal(a.body, latest); /* the body jx_store_published gives */
	free(a.body);
	free(latest);
	published_at(f, RELIEF, 2, false, JX_ENOTFOUND);    /* no such version */
	published_at(f, EDUCATION, 0, false, JX_ENOTFOUND); /* never published */
	published_at(f, PENSION, 0, false, JX_ENOTFOUND);   /* classified */
	assert_false(withdrawn(f, 1));
	assert_false(withdrawn(f, 7));

	mark(f, RELIEF, -1, 1); /* classified after publication: gone from every version, which is withdrawn */
	published_at(f, RELIEF, 0, true, JX_ENOTFOUND);
	published_at(f, RELIEF, 1, true, JX_ENOTFOUND);
	assert_true(withdrawn(f, 1));
	mark(f, RELIEF, -1, 0);
	assert_false(withdrawn(f, 1));

	mark(f, EPIDEMIC, 1, -1); /* a key project now: the content changes, so publishing makes a version */
	again = build(f, false);  /* published again: the latest moves on, the first stays where it was */
	assert_int_equal(jx_publication_save(f->st, again, "财政局", &err), 0);
	assert_int_equal(published_at(f, RELIEF, 0, false, JX_OK).version, 2);
	assert_int_equal(published_at(f, RELIEF, 1, false, JX_OK).version, 1);
	mark(f, DISASTER, -1, 1);
	assert_true(withdrawn(f, 1));
	assert_true(withdrawn(f, 2));
	assert_int_equal(published_at(f, RELIEF, 0, false, JX_OK).version, 2);
	jx_publication_free(again);
	jx_publication_free(pub);
}

/* What published_at and withdrawn answer is never older than the last commit, whoever made it: asked
 * again and again (an SQLite store then answers from memory), then another connection — another
 * server — classifies, publishes: the very next question sees it. */
static void test_published_at_sees_other_connections(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false), *again = NULL;
	struct jx_store *other;
	struct jx_err err = { 0 };
	int i;

	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	assert_int_equal(jx_store_open(&other, f->path, 0, &err), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(published_at(f, RELIEF, 0, false, JX_OK).version, 1);
		published_at(f, EDUCATION, 0, false, JX_ENOTFOUND);
		assert_false(withdrawn(f, 1));
	}
	assert_int_equal(jx_mark(other, RELIEF, -1, 1, "财政局", &err), 0);
	published_at(f, RELIEF, 0, false, JX_ENOTFOUND);
	assert_true(withdrawn(f, 1));
	assert_int_equal(jx_mark(other, RELIEF, -1, 0, "财政局", &err), 0);
	assert_int_equal(published_at(f, RELIEF, 0, false, JX_OK).version, 1);
	assert_false(withdrawn(f, 1));
	assert_int_equal(jx_mark(other, EPIDEMIC, 1, -1, "财政局", &err), 0); /* new content: a new version */
	assert_int_equal(jx_store_begin_read(other, &err), 0);
	assert_int_equal(jx_publication_build(other, 2021, false, &again, &err), 0);
	jx_store_end(other, -1, NULL);
	assert_int_equal(jx_publication_save(other, again, "财政局", &err), 0);
	assert_int_equal(published_at(f, RELIEF, 0, false, JX_OK).version, 2);
	assert_int_equal(published_at(f, RELIEF, 1, false, JX_OK).version, 1);
	jx_publication_free(again);
	jx_publication_free(pub);
	jx_store_close(other);
}

static void test_diff_of_scopes(void **state)
{
	struct fixture *f = *state;
	struct jx_publication *all, *key;
	const json_t *c;
	json_t *d;

	mark(f, EPIDEMIC, 1, -1);
	all = build(f, false);
	key = build(f, true);
	d = jx_publication_diff(all, key);
	c = statement_change(d, "scope");
	assert_non_null(c);
	assert_string_equal(json_string_value(json_object_get(c, "before")), "全部");
	assert_string_equal(json_string_value(json_object_get(c, "after")), "重点项目");
	assert_int_equal(json_array_size(json_object_get(d, "withdrawn")), 2); /* no longer attached */
	json_decref(d);
	jx_publication_free(all);
	jx_publication_free(key);
}

static int last_event(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	char **detail = ctx;

	(void)err;
	free(*detail);
	*detail = jx_strdup(e->detail);
	return 0;
}

static int count_event(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	(void)e;
	(void)err;
	(*(int *)ctx)++;
	return 0;
}

static void test_mark_goes_into_history(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	char *detail = NULL;
	int n = 0, m = 0;

	mark(f, EPIDEMIC, 1, -1);
	assert_int_equal(jx_store_history(f->st, EPIDEMIC, last_event, &detail, &err), 0);
	assert_string_equal(detail, "{\"changes\": [{\"after\": \"是\", \"before\": \"否\", \"field\": \"key\"}]}");
	free(detail);
	assert_int_equal(jx_store_history(f->st, EPIDEMIC, count_event, &n, &err), 0);
	mark(f, EPIDEMIC, 1, -1); /* nothing changes: no entry */
	mark(f, EPIDEMIC, -1, -1);
	assert_int_equal(jx_store_history(f->st, EPIDEMIC, count_event, &m, &err), 0);
	assert_int_equal(m, n);
	assert_int_equal(jx_mark(f->st, 99, 1, -1, "财政局", &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
}

/* Appends v as compact JSON text and releases it. */
static void dump_into(struct jx_buf *b, json_t *v)
{
	char *text = json_dumps(v, JX_JSON_DUMP | JSON_COMPACT);

	jx_buf_adds(b, text, NULL);
	free(text);
	json_decref(v);
}

/* pub's content as the first jixiao wrote it: one line, the tables separated by a comma alone, in SQL
 * quotes; its SHA-256 into hash. */
static char *content_of_old(const struct jx_publication *pub, char *hash)
{
	struct jx_buf b = JX_BUF_INIT, q = JX_BUF_INIT;
	unsigned char digest[crypto_hash_sha256_BYTES];
	size_t i;

	jx_buf_adds(&b, "{\"statement\":", NULL);
	dump_into(&b, jx_statement_to_json(&pub->s));
	jx_buf_adds(&b, ",\"projects\":[", NULL);
	for (i = 0; i < pub->n; i++) {
		jx_buf_adds(&b, i ? "," : "", NULL);
		dump_into(&b, jx_project_to_json(pub->p[i]));
	}
	jx_buf_adds(&b, "]}", NULL);
	crypto_hash_sha256(digest, (const unsigned char *)b.ptr, b.len);
	sodium_bin2hex(hash, 65, digest, sizeof(digest));
	jx_buf_adds(&q, "'", NULL);
	for (i = 0; i < b.len; i++)
		jx_buf_adds(&q, b.ptr[i] == '\'' ? "''" : (char[2]){ b.ptr[i], 0 }, NULL);
	jx_buf_adds(&q, "'", NULL);
	jx_buf_release(&b);
	return jx_buf_detach(&q, NULL);
}

/* A store of schema 14 (PostgreSQL's 6) kept each version's content whole. Opened by this program,
 * every version is cut into its rows — one written a table a line (as since the tables were served
 * one at a time) and one written on a single line (as the first versions were) — and each reads back
 * to the same bytes in every format, its digest holding over the rows put together again. */
static void test_versions_saved_whole_are_cut(void **state)
{
	static const char *const formats[] = { "json", "text", "html", "csv", "xlsx" };
	struct fixture *f = *state;
	struct jx_publication *pub = build(f, false), *loaded = NULL;
	struct jx_err err = { 0 };
	char *before[5], *after, *old, hash[65], sql[512];
	size_t i, len[5], n;
	struct jx_buf insert = JX_BUF_INIT;

	assert_int_equal(jx_publication_save(f->st, pub, "财政局", &err), 0);
	assert_int_equal(jx_publication_load(f->st, 1, &loaded, &err), 0);
	for (i = 0; i < 5; i++)
		before[i] = render_len(loaded, formats[i], &len[i]);
	jx_publication_free(loaded);
	old = content_of_old(pub, hash);
	jx_store_close(f->st);
	f->st = NULL;
	/* the version as schema 14 kept it: its content whole, in one column */
	test_store_sql(f->path, test_on_pg()
		? "UPDATE publication SET head = head || (SELECT string_agg(body, sep ORDER BY seq) FROM publication_part x"
		  " WHERE x.version = publication.version) || tail"
		: "UPDATE publication SET head = head || (SELECT group_concat(body, sep) FROM (SELECT body FROM"
		  " publication_part x WHERE x.version = publication.version ORDER BY seq)) || tail");
	test_store_sql(f->path, "DROP TABLE publication_part");
	test_store_sql(f->path, "ALTER TABLE publication DROP COLUMN sep");
	test_store_sql(f->path, "ALTER TABLE publication DROP COLUMN tail");
	test_store_sql(f->path, "ALTER TABLE publication RENAME COLUMN head TO content");
	jx_buf_addf(&insert, NULL, "INSERT INTO publication (version, year, at, \"user\", key_only, hash, tables, money, content)"
		    " VALUES (2, 2021, '2026-11-29T02:00:00Z', '财政局', %s, '%s', %zu, %lld, %s)",
		    test_on_pg() ? "false" : "0", hash, pub->n, (long long)pub->s.money, old);
	test_store_sql(f->path, insert.ptr);
	test_store_sql(f->path, "DROP INDEX unit_parent"); /* what the 主管部门 level (16, PostgreSQL 8) made */
	test_store_sql(f->path, test_on_pg() ? "UPDATE jixiao_schema SET version = 6" : "PRAGMA user_version = 14");
	if (jx_store_open(&f->st, f->path, 0, &err))
		fail_msg("open: %s", err.msg);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM publication_part WHERE version = 2 AND body LIKE '{%%}'");
	assert_int_equal(test_store_count(f->path, sql, NULL), 3);
	assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM publication WHERE version = 2 AND sep = ','"
						   " AND tail = ']}'", NULL), 1);
	assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM publication_part WHERE version = 1", NULL), 3);
	for (i = 0; i < 5; i++) {
		assert_int_equal(jx_publication_load(f->st, 1, &loaded, &err), 0);
		after = render_len(loaded, formats[i], &n);
		assert_int_equal(n, len[i]);
		assert_memory_equal(before[i], after, n);
		free(after);
		jx_publication_free(loaded);
		/* the first form: the same statement and tables, so the same output */
		assert_int_equal(jx_publication_load(f->st, 2, &loaded, &err), 0);
		assert_string_equal(loaded->s.hash, hash);
		after = render_len(loaded, formats[i], &n);
		assert_int_equal(n, len[i]);
		assert_memory_equal(before[i], after, n);
		free(after);
		jx_publication_free(loaded);
		free(before[i]);
	}
	jx_buf_release(&insert);
	free(old);
	jx_publication_free(pub);
}

static int no_part(void *ctx, size_t seq, const char *body, size_t len, struct jx_err *err)
{
	(void)ctx, (void)seq, (void)body, (void)len;
	return jx_err_set(err, JX_ESTORE, "a part of no content");
}

/* A content that no jixiao wrote (a table missing its end, separators unlike) is kept whole, as head:
 * read back, it is what it was, and its digest decides whether it was altered. */
static void test_content_that_does_not_cut_is_all_head(void **state)
{
	static const char *const odd[] = {
		"{\"statement\":{},\"projects\":[{\"a\":1},\n{\"a\":2},{\"a\":3}]}",
		"{\"statement\":{},\"projects\":[{\"a\":1}",
		"not JSON at all",
		"",
	};
	struct jx_content_cut cut;
	struct jx_err err = { 0 };
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		len = strlen(odd[i]);
		assert_int_equal(jx_publication_cut(odd[i], len, &cut, no_part, NULL, &err), 0);
		assert_int_equal(cut.head_len, len);
		assert_int_equal(cut.tail_at, len);
		assert_int_equal(cut.sep_len, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_publishes_approved_tables_not_classified, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_projects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_classified_key_project_hidden, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adjustment_under_review_publishes_approved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_load_render_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_and_missing_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_to_publish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_goes_into_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_altered_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_altered_table_refused_as_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_changed_between_passes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions_saved_whole_are_cut, setup, teardown),
		cmocka_unit_test(test_content_that_does_not_cut_is_all_head),
		cmocka_unit_test_setup_teardown(test_version_with_a_table_classified_since_is_not_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_of_scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_published_at_and_withdrawn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_published_at_sees_other_connections, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
