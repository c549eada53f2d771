/*
 * test_import.c — the import: all or nothing across inputs, what importing over a stored project keeps,
 * the same project twice in one import, and many tables at once (PostgreSQL's bulk writing).
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

#include "helpers.h"
#include "jixiao/account.h"
#include "jixiao/buf.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/store.h"
#include "jixiao/unit.h"
#include "jixiao/workflow.h"

struct fixture {
	char path[256];
	struct jx_store *st;
	char *seed;     /* the seed's text */
	size_t seed_len;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };

	test_store_location(f->path, sizeof(f->path), "import");
	assert_int_equal(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), 0);
	f->seed = read_file(src_path("data/samples/bohu-2021.txt"), &f->seed_len);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	free(f->seed);
	test_store_remove(f->path);
	free(f);
	return 0;
}

/* Imports the texts (name, text pairs) as one import; returns its result, stats and error. */
static int import_as(struct fixture *f, const struct jx_import_opts *o, const char *const *texts, size_t n,
		     struct jx_import_stats *s, struct jx_err *err)
{
	struct jx_import *im = jx_import_begin(f->st, o, err);
	size_t i;

	assert_non_null(im);
	for (i = 0; i < n; i += 2) {
		struct jx_input in;
		int rc;

		jx_input_from_mem(&in, texts[i + 1], strlen(texts[i + 1]), texts[i]);
		rc = jx_import_input(im, &in, err);
		jx_input_close(&in);
		if (rc) {
			jx_import_abort(im);
			return -1;
		}
	}
	return jx_import_commit(im, s, err);
}

static int import(struct fixture *f, const char *const *texts, size_t n, struct jx_import_stats *s,
		  struct jx_err *err)
{
	return import_as(f, NULL, texts, n, s, err);
}

static struct jx_project *stored(struct fixture *f, const char *name)
{
	struct jx_err err = { 0 };
	struct jx_project *p;
	int64_t id;

	assert_int_equal(jx_store_resolve(f->st, name, 2021, &id, &err), 0);
	assert_true(id > 0);
	assert_int_equal(jx_store_get(f->st, id, &p, &err), 0);
	return p;
}

/* The seed with one target changed. */
static char *changed_seed(const struct fixture *f)
{
	char *s = strdup(f->seed), *at = strstr(s, "≥700000");

	assert_non_null(at);
	memcpy(at + strlen("≥"), "8", 1);
	return s;
}

static const char *const epidemic = "博湖县2021年疫情防控项目";

static void test_counts(void **state)
{
	struct fixture *f = *state;
	const char *const texts[] = { "seed", f->seed };
	struct jx_import_stats s;
	struct jx_err err = { 0 };

	assert_int_equal(import(f, texts, 2, &s, &err), 0);
	assert_int_equal(s.projects, 5);
	assert_int_equal(s.indicators, 70);
	assert_int_equal(s.added, 5);
	assert_int_equal(import(f, texts, 2, &s, &err), 0);
	assert_int_equal(s.unchanged, 5);
	assert_int_equal(s.added + s.replaced, 0);
}

static void test_unstated_fields_are_kept(void **state)
{
	struct fixture *f = *state;
	char *changed = changed_seed(f);
	const char *const seed[] = { "seed", f->seed }, *const json_flags[] = { "flags.json",
		"{\"projects\": [{\"year\": 2021, \"name\": \"博湖县2021年疫情防控项目\", \"unit\": \"博湖县卫生健康委员会\","
		" \"funds\": {\"total\": \"1\"},"
		" \"key\": true, \"classified\": true, \"status\": \"approved\"}]}" };
	const char *const changed_text[] = { "changed", changed };
	struct jx_import_stats s;
	struct jx_err err = { 0 };
	struct jx_project *p;

	assert_int_equal(import(f, seed, 2, &s, &err), 0);
	assert_int_equal(import(f, json_flags, 2, &s, &err), 0);
	assert_int_equal(s.replaced, 1);
	assert_int_equal(import(f, seed, 2, &s, &err), 0); /* the document form: no flags, no status */
	p = stored(f, epidemic);
	assert_true(p->key);
	assert_true(p->classified);
	assert_int_equal(p->status, JX_DRAFT); /* its table changed (back from the JSON one): to review again */
	jx_project_free(p);
	assert_int_equal(import(f, json_flags, 2, &s, &err), 0);
	assert_int_equal(import(f, changed_text, 2, &s, &err), 0);
	p = stored(f, epidemic);
	assert_int_equal(p->status, JX_DRAFT);
	assert_true(p->key);
	jx_project_free(p);
	free(changed);
}

static void test_unchanged_table_keeps_status_and_framework(void **state)
{
	struct fixture *f = *state;
	const char *const seed[] = { "seed", f->seed };
	const char *const approved[] = { "approved.json",
		"{\"projects\": [{\"year\": 2021, \"name\": \"甲\", \"funds\": {\"total\": \"1\"}, \"status\": \"approved\","
		" \"framework\": \"2021\", \"indicators\": [{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"次数\","
		" \"target\": \"≥1\"}]}]}" };
	const char *const as_text[] = { "甲.txt", "部门预算项目支出绩效目标表\n(2021年度)\n项目名称\t甲\n项目资金\t年度资金总额: 1.00\n"
					      "\t一级指标\t二级指标\t三级指标\t指标值\n绩效指标\t产出指标\t数量指标\t次数\t≥1\n" };
	struct jx_import_stats s;
	struct jx_err err = { 0 };
	struct jx_project *p;

	assert_int_equal(import(f, seed, 2, &s, &err), 0);
	assert_int_equal(import(f, approved, 2, &s, &err), 0);
	p = stored(f, "甲");
	assert_int_equal(p->status, JX_DRAFT); /* a stated status is not taken: only the workflow approves */
	assert_int_equal(jx_workflow_submit(f->st, p->id, "张三", &err), 0);
	jx_project_free(p);
	assert_int_equal(import(f, as_text, 2, &s, &err), 0); /* text would choose 2015 for 2021 by itself */
	assert_int_equal(s.unchanged, 1);
	p = stored(f, "甲");
	assert_int_equal(p->status, JX_SUBMITTED);
	assert_string_equal(p->framework, "2021");
	jx_project_free(p);
}

static void test_same_project_twice_is_refused(void **state)
{
	struct fixture *f = *state;
	char *changed = changed_seed(f);
	const char *const texts[] = { "first.txt", f->seed, "second.txt", changed };
	struct jx_err err = { 0 };
	int64_t id;

	assert_int_equal(import(f, texts, 4, NULL, &err), -1);
	assert_int_equal(err.code, JX_ECONFLICT);
	assert_non_null(strstr(err.msg, "项目“博湖县2021年疫情防控项目”（2021年度）在本次导入中出现了两次：first.txt:31 和 "
					"second.txt:31"));
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, "博湖县卫生健康委员会", epidemic, &id, &err), 0);
	assert_int_equal(id, 0); /* nothing of the first input either */
	free(changed);
}

/* What the saved hook heard: each table's name, id and what saving it did, in order. */
struct heard {
	char names[8][128];
	int64_t ids[8];
	enum jx_saved how[8];
	size_t n;
};

static void hear(void *ctx, const struct jx_project *p, enum jx_saved how)
{
	struct heard *h = ctx;

	assert_true(h->n < 8);
	snprintf(h->names[h->n], sizeof(h->names[h->n]), "%s", p->name);
	h->ids[h->n] = p->id;
	h->how[h->n++] = how;
}

static void test_saved_hook_hears_each_table_and_what_it_did(void **state)
{
	struct fixture *f = *state;
	char *changed = changed_seed(f);
	const char *const seed[] = { "seed", f->seed }, *const again[] = { "changed", changed };
	struct heard h = { 0 };
	struct jx_import_opts o = { .saved = hear, .saved_ctx = &h };
	struct jx_err err = { 0 };
	struct jx_project *p;
	size_t i, n_changed = 0;

	assert_int_equal(import_as(f, &o, seed, 2, NULL, &err), 0);
	assert_int_equal(h.n, 5);
	for (i = 0; i < h.n; i++)
		assert_int_equal(h.how[i], JX_SAVED_NEW);
	p = stored(f, h.names[0]); /* the id heard is the stored project's */
	assert_int_equal(p->id, h.ids[0]);
	jx_project_free(p);
	memset(&h, 0, sizeof(h));
	assert_int_equal(import_as(f, &o, again, 2, NULL, &err), 0);
	assert_int_equal(h.n, 5);
	for (i = 0; i < h.n; i++) {
		n_changed += h.how[i] == JX_SAVED_CHANGED;
		assert_int_equal(h.how[i], strcmp(h.names[i], epidemic) == 0 ? JX_SAVED_CHANGED : JX_SAVED_UNCHANGED);
	}
	assert_int_equal(n_changed, 1);
	free(changed);
}

static void test_bad_second_input_stores_nothing(void **state)
{
	struct fixture *f = *state;
	const char *const texts[] = { "seed", f->seed, "bad.json", "{\"projects\": [{\"year\": \"x\"}]}" };
	struct jx_err err = { 0 };
	int64_t id;

	assert_int_equal(import(f, texts, 4, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "bad.json:1: 第 1 个项目"));
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, "博湖县卫生健康委员会", epidemic, &id, &err), 0);
	assert_int_equal(id, 0);
}

/* An import made by an account is held to its rights as the web system's edits are (access.h): a
 * unit's JSON marking its table 涉密 is refused naming the field, and nothing is stored. */
static void test_import_by_a_unit_account_keeps_its_rights(void **state)
{
	struct fixture *f = *state;
	static const struct jx_account unit = { .name = "weijian", .role = JX_ROLE_UNIT, .unit = "博湖县卫生健康委员会" };
	static const struct jx_account other = { .name = "jiaoyu", .role = JX_ROLE_UNIT, .unit = "博湖县教育局" };
	const struct jx_import_opts as_unit = { .user = "weijian", .who = &unit }, as_other = { .user = "jiaoyu", .who = &other };
	const char *const classified[] = { "c.json",
		"{\"projects\": [{\"year\": 2021, \"name\": \"博湖县2021年疫情防控项目\", \"unit\": \"博湖县卫生健康委员会\","
		" \"funds\": {\"total\": \"1\"}, \"classified\": true}]}" };
	const char *const plain[] = { "p.json",
		"{\"projects\": [{\"year\": 2021, \"name\": \"博湖县2021年疫情防控项目\", \"unit\": \"博湖县卫生健康委员会\","
		" \"funds\": {\"total\": \"1\"}, \"classified\": false}]}" };
	struct jx_err err = { 0 };
	int64_t id;

	assert_int_equal(import_as(f, &as_unit, classified, 2, NULL, &err), -1);
	assert_int_equal(err.code, JX_EFORBIDDEN);
	assert_non_null(strstr(err.msg, "单位账户不能设置涉密项目（classified）"));
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, "博湖县卫生健康委员会", "博湖县2021年疫情防控项目", &id, &err), 0);
	assert_int_equal(id, 0);
	memset(&err, 0, sizeof(err));
	assert_int_equal(import_as(f, &as_other, plain, 2, NULL, &err), -1); /* another unit's table */
	assert_int_equal(err.code, JX_EFORBIDDEN);
	assert_int_equal(import_as(f, &as_unit, plain, 2, NULL, &err), 0);
	assert_int_equal(import(f, classified, 2, NULL, &err), 0); /* the operator may */
}

/* ---- many tables at once: on PostgreSQL an import writes new tables through COPY, in batches of
 * about a megabyte handed to a thread of their own (store_pg.c); what it stores must be what saving
 * them one by one stores, and what SQLite stores ---- */

#define BULK_TABLES 1200 /* about 1.3 MB of rows: more than one batch */

/* Appends generated table number num to b: a year (2020 or 2021) and unit by its number, its target
 * moved by shift, its funds total (NULL: a well-formed one). */
static void add_table(struct jx_buf *b, int num, int shift, const char *total)
{
	char amount[32];

	snprintf(amount, sizeof(amount), "%d.00", 100 + num);
	jx_buf_addf(b, NULL,
		    "部门预算项目支出绩效目标表\n(%d年度)\n项目名称\t批量项目%05d\n预算单位\t单位%02d\n"
		    "项目资金(万元)\t年度资金总额: %s\n\t其中: 财政拨款 %s\n\t其他资金 0.00\n总体目标\t年度目标\n"
		    "\t围绕年度任务，提升基本公共服务水平，持续改善城乡居民生产生活条件，健全长效管护机制，"
		    "加强项目实施过程监督管理，切实提高资金使用效益，推动各项惠民政策落地见效。\n"
		    "\t一级指标\t二级指标\t三级指标\t指标值\n"
		    "绩效指标\t产出指标\t数量指标\t培训次数(次)\t≥%d\n"
		    "\t\t质量指标\t合格率(%%)\t=100%%\n"
		    "\t效益指标\t社会效益指标\t服务覆盖面\t有效提升\n"
		    "\t满意度指标\t服务对象满意度指标\t满意度(%%)\t≥90%%\n\n",
		    2020 + num % 2, num, num % 7, total ? total : amount, amount, num + shift);
}

/* Tables first… first + n - 1, as text the caller frees. */
static char *tables(int first, int n)
{
	struct jx_buf b = JX_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		add_table(&b, first + i, 0, NULL);
	return jx_buf_detach(&b, NULL);
}

/* The tables an import over tables(1, BULK_TABLES) brings: each stored one again (every third with
 * its target moved), each followed by a new one. */
static char *mixed(void)
{
	struct jx_buf b = JX_BUF_INIT;
	int i;

	for (i = 1; i <= BULK_TABLES; i++) {
		add_table(&b, i, i % 3 == 0, NULL);
		add_table(&b, BULK_TABLES + i, 0, NULL);
	}
	return jx_buf_detach(&b, NULL);
}

static void assert_same_tally(struct jx_store *a, struct jx_store *b)
{
	struct jx_copy_stats ta, tb;
	struct jx_err err = { 0 };
	size_t i;

	assert_int_equal(jx_store_tally(a, &ta, &err), 0);
	assert_int_equal(jx_store_tally(b, &tb, &err), 0);
	for (i = 0; i < JX_COPY_TABLES; i++) {
		assert_string_equal(ta.t[i].name, tb.t[i].name);
		assert_int_equal(ta.t[i].rows, tb.t[i].rows);
		if (memcmp(ta.t[i].digest, tb.t[i].digest, sizeof(ta.t[i].digest)) != 0)
			fail_msg("table %s differs", ta.t[i].name);
	}
}

/* Imports text into st as one import; its stats into s. */
static int import_into(struct jx_store *st, const char *text, struct jx_import_stats *s, struct jx_err *err)
{
	struct jx_import *im = jx_import_begin(st, NULL, err);
	struct jx_input in;
	int rc;

	assert_non_null(im);
	jx_input_from_mem(&in, text, strlen(text), "bulk.txt");
	rc = jx_import_input(im, &in, err);
	jx_input_close(&in);
	if (rc) {
		jx_import_abort(im);
		return -1;
	}
	return jx_import_commit(im, s, err);
}

/* Saves the tables of text into st one by one (jx_save, not in bulk), in one transaction, counting
 * into s as an import counts. */
static void save_one_by_one(struct jx_store *st, const char *text, struct jx_import_stats *s)
{
	struct jx_project **p = calloc(3 * BULK_TABLES, sizeof(*p));
	struct jx_err err = { 0 };
	int n = read_projects(text, strlen(text), p, 3 * BULK_TABLES, &err), i;

	assert_true(n > 0 && n <= 3 * BULK_TABLES);
	memset(s, 0, sizeof(*s));
	assert_int_equal(jx_store_begin(st, &err), 0);
	for (i = 0; i < n; i++) {
		enum jx_saved saved;

		assert_int_equal(jx_save(st, p[i], NULL, NULL, &saved, &err), 0);
		s->projects++;
		s->indicators += p[i]->n_ind;
		s->added += saved == JX_SAVED_NEW;
		s->replaced += saved == JX_SAVED_CHANGED;
		s->unchanged += saved == JX_SAVED_UNCHANGED;
	}
	/* as the operator's import does when it commits (unit.h) */
	assert_int_equal(jx_unit_register_missing(st, NULL, NULL, &s->units, &err), 0);
	assert_int_equal(jx_store_end(st, 0, &err), 0);
	free_projects(p, (size_t)n);
	free(p);
}

static void assert_same_stats(const struct jx_import_stats *a, const struct jx_import_stats *b)
{
	assert_int_equal(a->projects, b->projects);
	assert_int_equal(a->indicators, b->indicators);
	assert_int_equal(a->added, b->added);
	assert_int_equal(a->replaced, b->replaced);
	assert_int_equal(a->unchanged, b->unchanged);
	assert_int_equal(a->units, b->units);
}

/* New tables, then stored ones again mixed with new ones, store the same rows — ids, revisions, every
 * indicator, every history entry with its id, time and actor — imported into this test's store, into
 * an SQLite file, and saved one by one into another store of this test's kind. */
static void test_many_tables_store_what_one_by_one_stores(void **state)
{
	struct fixture *f = *state;
	char file[256], one[256];
	struct jx_store *sq, *st1;
	struct jx_import_stats s, s_sq, s1;
	struct jx_err err = { 0 };
	char *first = tables(1, BULK_TABLES), *then = mixed();

	setenv("JIXIAO_NOW", "2026-12-06T08:00:00Z", 1);
	snprintf(file, sizeof(file), "/tmp/jx-import-bulk-%d.db", (int)getpid());
	remove_db(file);
	test_store_location(one, sizeof(one), "import_one");
	assert_int_equal(jx_store_open(&sq, file, JX_STORE_CREATE, &err), 0);
	assert_int_equal(jx_store_open(&st1, one, JX_STORE_CREATE, &err), 0);

	assert_int_equal(import_into(f->st, first, &s, &err), 0);
	assert_int_equal(import_into(sq, first, &s_sq, &err), 0);
	save_one_by_one(st1, first, &s1);
	assert_int_equal(s.added, BULK_TABLES);
	assert_same_stats(&s, &s_sq);
	assert_same_stats(&s, &s1);
	assert_same_tally(f->st, sq);
	assert_same_tally(f->st, st1);

	setenv("JIXIAO_NOW", "2026-12-07T08:00:00Z", 1);
	assert_int_equal(import_into(f->st, then, &s, &err), 0);
	assert_int_equal(import_into(sq, then, &s_sq, &err), 0);
	save_one_by_one(st1, then, &s1);
	assert_int_equal(s.added, BULK_TABLES);
	assert_int_equal(s.replaced, BULK_TABLES / 3);
	assert_int_equal(s.unchanged, BULK_TABLES - BULK_TABLES / 3);
	assert_same_stats(&s, &s_sq);
	assert_same_stats(&s, &s1);
	assert_same_tally(f->st, sq);
	assert_same_tally(f->st, st1);

	unsetenv("JIXIAO_NOW");
	jx_store_close(sq);
	jx_store_close(st1);
	remove_db(file);
	test_store_remove(one);
	free(first);
	free(then);
}

/* An import of many tables whose last one is bad — a total that is no amount (the reader fails), or
 * the first table again (the writer fails) — leaves the store as it was, though batches of the tables
 * before were written already; the next import numbers its tables as if it had never run. */
static void test_many_tables_bad_last_one_leaves_store_as_it_was(void **state)
{
	struct fixture *f = *state;
	const char *const seed[] = { "seed", f->seed };
	struct jx_copy_stats before, after;
	struct jx_buf bad_total = JX_BUF_INIT, again = JX_BUF_INIT;
	struct jx_err err = { 0 };
	char *good = tables(1, BULK_TABLES);
	int64_t id;
	size_t i;

	assert_int_equal(import(f, seed, 2, NULL, &err), 0);
	assert_int_equal(jx_store_tally(f->st, &before, &err), 0);
	jx_buf_adds(&bad_total, good, NULL);
	add_table(&bad_total, BULK_TABLES + 1, 0, "abc");
	jx_buf_adds(&again, good, NULL);
	add_table(&again, 1, 0, NULL);

	assert_int_equal(import_into(f->st, bad_total.ptr, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "“年度资金总额”后应为金额"));
	assert_int_equal(jx_store_tally(f->st, &after, &err), 0);
	assert_memory_equal(&before, &after, sizeof(before));

	memset(&err, 0, sizeof(err));
	assert_int_equal(import_into(f->st, again.ptr, NULL, &err), -1);
	assert_int_equal(err.code, JX_ECONFLICT);
	assert_non_null(strstr(err.msg, "在本次导入中出现了两次"));
	assert_int_equal(jx_store_tally(f->st, &after, &err), 0);
	assert_memory_equal(&before, &after, sizeof(before));

	assert_int_equal(import_into(f->st, good, NULL, &err), 0);
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, "单位01", "批量项目00001", &id, &err), 0);
	assert_int_equal(id, 6); /* after the seed's five */
	assert_int_equal(jx_store_tally(f->st, &after, &err), 0);
	for (i = 0; i < JX_COPY_TABLES; i++)
		if (strcmp(after.t[i].name, "project") == 0 || strcmp(after.t[i].name, "history") == 0)
			assert_int_equal(after.t[i].rows, before.t[i].rows + BULK_TABLES);
	jx_buf_release(&bad_total);
	jx_buf_release(&again);
	free(good);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unstated_fields_are_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_table_keeps_status_and_framework, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_project_twice_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_second_input_stores_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_saved_hook_hears_each_table_and_what_it_did, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_by_a_unit_account_keeps_its_rights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_tables_store_what_one_by_one_stores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_tables_bad_last_one_leaves_store_as_it_was, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
