/*
 * test_import.c — the import: all or nothing across inputs, what importing over a stored project keeps,
 * and the same project twice in one import.
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
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/store.h"
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
	static const struct jx_account unit = { "weijian", JX_ROLE_UNIT, "博湖县卫生健康委员会", false };
	static const struct jx_account other = { "jiaoyu", JX_ROLE_UNIT, "博湖县教育局", false };
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unstated_fields_are_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_table_keeps_status_and_framework, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_project_twice_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_second_input_stores_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_by_a_unit_account_keeps_its_rights, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
