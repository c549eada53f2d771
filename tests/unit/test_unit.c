/*
 * test_unit.c — the registry of budget units (单位库) over a real store, on SQLite and PostgreSQL:
 * adding with codes and parents, the CSV import all or nothing, renaming everywhere in one step,
 * registering what tables name, an account's unit held to the registry, and the upgrade of a store made
 * before the registry, which registers every unit its projects and accounts name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "jixiao/account.h"
#include "jixiao/history.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/store.h"
#include "jixiao/unit.h"

struct fixture {
	char path[256];
	struct jx_store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };

	setenv("JIXIAO_NOW", "2026-11-29T03:00:00Z", 1);
	test_store_location(f->path, sizeof(f->path), "unit");
	assert_int_equal(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f->st)
		jx_store_close(f->st);
	test_store_remove(f->path);
	free(f);
	unsetenv("JIXIAO_NOW");
	return 0;
}

static void must(int rc, const struct jx_err *err)
{
	if (rc)
		fail_msg("%s", err->msg);
}

static void refused(int rc, const struct jx_err *err, enum jx_code code, const char *words)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, words))
		fail_msg("message \"%s\" lacks \"%s\"", err->msg, words);
}

/* The registry as lines "name|code|parent", in the store's order (by name). */
static int line(void *ctx, const struct jx_unit_row *u, struct jx_err *err)
{
	(void)err;
	jx_buf_addf(ctx, NULL, "%s|%s|%s\n", u->name, u->code ? u->code : "", u->parent ? u->parent : "");
	return 0;
}

static char *registry(struct jx_store *st)
{
	struct jx_buf b = JX_BUF_INIT;
	struct jx_err err = { 0 };

	must(jx_unit_each(st, line, &b, &err), &err);
	jx_buf_addc(&b, '\0', NULL);
	return jx_buf_detach(&b, NULL);
}

static void assert_registry(struct jx_store *st, const char *want)
{
	char *got = registry(st);

	assert_string_equal(got, want);
	free(got);
}

static void test_add(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	must(jx_unit_add(f->st, "乙局", "102", NULL, &err), &err);
	must(jx_unit_add(f->st, "乙局下属所", "", "乙局", &err), &err);
	refused(jx_unit_add(f->st, "乙局", NULL, NULL, &err), &err, JX_ECONFLICT, "单位库中已有预算单位“乙局”");
	refused(jx_unit_add(f->st, "丙局", "102", NULL, &err), &err, JX_ECONFLICT, "单位代码 102 已属于“乙局”");
	refused(jx_unit_add(f->st, "丙局", NULL, "丁局", &err), &err, JX_EINPUT, "主管部门“丁局”不在单位库中");
	refused(jx_unit_add(f->st, "丙局", NULL, "丙局", &err), &err, JX_EINPUT, "不能是自己的主管部门");
	refused(jx_unit_add(f->st, "", NULL, NULL, &err), &err, JX_EINPUT, "不能为空");
	refused(jx_unit_add(f->st, "丙局 ", NULL, NULL, &err), &err, JX_EINPUT, "首尾不应有空白");
	refused(jx_unit_add(f->st, "丙\x01局", NULL, NULL, &err), &err, JX_EINPUT, "控制字符");
	refused(jx_unit_add(f->st, "丙局", "1 2", NULL, &err), &err, JX_EINPUT, "单位代码应为");
	assert_registry(f->st, "乙局|102|\n乙局下属所||乙局\n");
	must(jx_unit_require(f->st, "乙局", &err), &err);
	refused(jx_unit_require(f->st, "乙局x", &err), &err, JX_EINPUT, "预算单位“乙局x”不在单位库中");
}

static int import_text(struct jx_store *st, const char *csv, size_t *added, size_t *same, struct jx_err *err)
{
	return jx_unit_import(st, "u.csv", csv, strlen(csv), added, same, err);
}

static void test_import_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	size_t added = 99, same = 99;

	must(jx_unit_add(f->st, "甲局", "101", NULL, &err), &err);
	/* a parent later in the file, quoted cells, CRLF, a blank row, the registered unit as it is */
	must(import_text(f->st, "parent,name,code\r\n甲局,\"甲局,一所\",10101\r\n\r\n\"乙局\",乙局一所,\r\n,乙局,\r\n,甲局,101\r\n",
			 &added, &same, &err),
	     &err);
	assert_int_equal(added, 3);
	assert_int_equal(same, 1);
	assert_registry(f->st, "乙局||\n乙局一所||乙局\n甲局|101|\n甲局,一所|10101|甲局\n");
	refused(import_text(f->st, "code,name,parent\n201,丙局,\n202,丁局,戊局\n", NULL, NULL, &err), &err, JX_EINPUT,
		"u.csv:3: 主管部门“戊局”既不在单位库中，也不在本文件中");
	refused(import_text(f->st, "code,name,parent\n201,丙局,\n201,丁局,\n", NULL, NULL, &err), &err, JX_EINPUT,
		"u.csv:3: 单位代码 201 在第 2 行已经出现");
	refused(import_text(f->st, "code,name,parent\n201,丙局,\n10101,丁局,\n", NULL, NULL, &err), &err, JX_EINPUT,
		"u.csv:3: 单位代码 10101 已属于单位库中的“甲局,一所”");
	refused(import_text(f->st, "code,name,parent\n201,丙局,\n202,甲局,\n", NULL, NULL, &err), &err, JX_EINPUT,
		"u.csv:3: 单位库中已有预算单位“甲局”，其代码或主管部门与本行不同");
	refused(import_text(f->st, "code,name\n201,\"丙\"局\n", NULL, NULL, &err), &err, JX_EINPUT,
		"u.csv:2: 第2列: 引号后应紧接逗号或行尾");
	refused(import_text(f->st, "name\n丙局\n\xff\n", NULL, NULL, &err), &err, JX_EINPUT, "u.csv: 应为 UTF-8");
	refused(import_text(f->st, "", NULL, NULL, &err), &err, JX_EINPUT, "文件为空");
	refused(import_text(f->st, "code,parent\n1,甲局\n", NULL, NULL, &err), &err, JX_EINPUT, "至少要有 name 列");
	assert_registry(f->st, "乙局||\n乙局一所||乙局\n甲局|101|\n甲局,一所|10101|甲局\n"); /* none of them stored */
}

static const char TABLE[] = "部门预算项目支出绩效目标表\n"
			    "（2021年度）\n"
			    "项目名称\t%s\n"
			    "预算单位\t%s\n"
			    "项目资金（万元）\t年度资金总额\t10\n"
			    "\t财政拨款\t10\n"
			    "\t其他资金\t0\n"
			    "年度绩效目标\t完成任务。\n"
			    "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
			    "\t产出指标\t数量指标\t完成数量（个）\t≥1\n";

/* Imports a table of unit named name as the operator does; the units registered into names. */
struct seen {
	char names[512];
};

static void note_unit(void *ctx, const char *name)
{
	struct seen *s = ctx;

	strncat(s->names, name, sizeof(s->names) - strlen(s->names) - 2);
	strcat(s->names, ";");
}

static int import_tables(struct jx_store *st, const char *name, const char *unit, bool twice, struct seen *s,
			 struct jx_import_stats *stats, struct jx_err *err)
{
	struct jx_import_opts o = { .user = "测试", .new_unit = note_unit, .unit_ctx = s };
	struct jx_import *im = jx_import_begin(st, &o, err);
	char text[4096];
	struct jx_input in;
	size_t n;
	int rc;

	if (!im)
		return -1;
	n = (size_t)snprintf(text, sizeof(text), TABLE, name, unit);
	if (twice) /* the same project twice in one import: an error */
		snprintf(text + n, sizeof(text) - n, TABLE, name, unit);
	jx_input_from_mem(&in, text, strlen(text), "t.txt");
	rc = jx_import_input(im, &in, err);
	jx_input_close(&in);
	if (rc) {
		jx_import_abort(im);
		return -1;
	}
	return jx_import_commit(im, stats, err);
}

static int import_table(struct jx_store *st, const char *name, const char *unit, struct seen *s,
			struct jx_import_stats *stats, struct jx_err *err)
{
	return import_tables(st, name, unit, false, s, stats, err);
}

static void test_import_registers(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_import_stats s;
	struct seen seen = { "" };

	must(jx_unit_add(f->st, "甲局", NULL, NULL, &err), &err);
	must(import_table(f->st, "甲局项目", "甲局", &seen, &s, &err), &err);
	assert_int_equal(s.units, 0);
	assert_string_equal(seen.names, "");
	must(import_table(f->st, "外地项目", "外地某局", &seen, &s, &err), &err);
	assert_int_equal(s.units, 1);
	assert_string_equal(seen.names, "外地某局;");
	assert_registry(f->st, "外地某局||\n甲局||\n");
	seen.names[0] = '\0';
	refused(import_tables(f->st, "又一个项目", "又一局", true, &seen, &s, &err), &err, JX_ECONFLICT, "t.txt");
	assert_registry(f->st, "外地某局||\n甲局||\n"); /* a failed import registers nothing */
}

static void test_rename_everywhere(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_import_stats s;
	struct seen seen = { "" };
	struct jx_account a;
	struct jx_project *p;
	size_t projects = 9, accounts = 9;
	char *detail = NULL, *at = NULL;
	int64_t revision;

	must(import_table(f->st, "甲局项目", "甲局", &seen, &s, &err), &err);
	must(jx_unit_add(f->st, "甲局一所", "1", "甲局", &err), &err);
	must(jx_account_add(f->st, "jia", JX_ROLE_UNIT, "甲局", "secret123", &err), &err);
	must(jx_store_get(f->st, 1, &p, &err), &err);
	revision = p->revision;
	jx_project_free(p);
	refused(jx_unit_rename(f->st, "甲局", "甲局一所", "测试", NULL, NULL, &err), &err, JX_ECONFLICT, "已有预算单位“甲局一所”");
	refused(jx_unit_rename(f->st, "无此局", "新局", "测试", NULL, NULL, &err), &err, JX_ENOTFOUND, "没有预算单位“无此局”");
	refused(jx_unit_rename(f->st, "甲局", "甲局", "测试", NULL, NULL, &err), &err, JX_EINPUT, "相同");
	must(jx_unit_rename(f->st, "甲局", "甲市局", "测试", &projects, &accounts, &err), &err);
	assert_int_equal(projects, 1);
	assert_int_equal(accounts, 1);
	assert_registry(f->st, "甲局一所|1|甲市局\n甲市局||\n"); /* by the bytes of UTF-8: 局 before 市 */
	must(jx_store_get(f->st, 1, &p, &err), &err);
	assert_string_equal(p->unit, "甲市局");
	assert_true(p->revision > revision); /* an editor's older reading no longer saves over it */
	jx_project_free(p);
	must(jx_account_get(f->st, "jia", &a, &err), &err);
	assert_string_equal(a.unit, "甲市局");
	must(jx_store_last_event(f->st, 1, "change", &detail, &at, &err), &err);
	assert_non_null(strstr(detail, "\"before\":\"甲局\"") ? detail : strstr(detail, "\"before\": \"甲局\""));
	assert_non_null(strstr(detail, "甲市局"));
	free(detail);
	free(at);
}

static void test_account_units(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_account a;

	must(jx_unit_add(f->st, "甲局", NULL, NULL, &err), &err);
	must(jx_unit_add(f->st, "乙局", NULL, NULL, &err), &err);
	must(jx_account_add(f->st, "jia", JX_ROLE_UNIT, "甲局", "secret123", &err), &err);
	must(jx_account_add(f->st, "cai", JX_ROLE_FINANCE, NULL, "secret123", &err), &err);
	refused(jx_account_set_unit(f->st, "jia", "丙局", &err), &err, JX_EINPUT, "不在单位库中");
	refused(jx_account_set_unit(f->st, "cai", "乙局", &err), &err, JX_EUSAGE, "不是单位账户");
	refused(jx_account_set_unit(f->st, "nobody", "乙局", &err), &err, JX_ENOTFOUND, "");
	must(jx_account_set_unit(f->st, "jia", "乙局", &err), &err);
	must(jx_account_get(f->st, "jia", &a, &err), &err);
	assert_string_equal(a.unit, "乙局");
	assert_string_equal(a.last_login, "");
	must(jx_account_seen(f->st, "jia", &err), &err);
	must(jx_account_get(f->st, "jia", &a, &err), &err);
	assert_string_equal(a.last_login, "2026-11-29T03:00:00Z");
	must(jx_account_passwd(f->st, "jia", "another-secret", &err), &err); /* a put keeps the last login */
	must(jx_account_get(f->st, "jia", &a, &err), &err);
	assert_string_equal(a.last_login, "2026-11-29T03:00:00Z");
	refused(jx_account_change_password(f->st, "jia", "wrong-old-1", "third-secret", &err), &err, JX_EINPUT, "原密码不正确");
	refused(jx_account_change_password(f->st, "jia", "another-secret", "another-secret", &err), &err, JX_EINPUT, "相同");
	refused(jx_account_change_password(f->st, "jia", "another-secret", "12345678", &err), &err, JX_EINPUT, "太常见");
	must(jx_account_change_password(f->st, "jia", "another-secret", "third-secret", &err), &err);
	must(jx_account_verify(f->st, "jia", "third-secret", &a, &err), &err);
}

/* A store of the schema before the registry (SQLite 13, PostgreSQL 5) registers every unit its projects
 * and accounts name when opened, once each, and has no last login yet. */
static void test_upgrade_registers(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_import_stats s;
	struct seen seen = { "" };

	must(import_table(f->st, "甲局项目", "甲局", &seen, &s, &err), &err);
	must(import_table(f->st, "乙局项目", "乙局", &seen, &s, &err), &err);
	must(jx_account_add(f->st, "bing", JX_ROLE_UNIT, "丙局", "secret123", &err), &err);
	must(jx_account_add(f->st, "jia", JX_ROLE_UNIT, "甲局", "secret123", &err), &err);
	must(jx_account_seen(f->st, "jia", &err), &err);
	jx_store_close(f->st);
	f->st = NULL;
	test_store_sql(f->path, "DROP TABLE unit");
	test_store_sql(f->path, "ALTER TABLE account DROP COLUMN last_login");
	test_store_sql(f->path, "DROP TABLE publication_part"); /* and what the migration after it made */
	test_store_sql(f->path, "ALTER TABLE publication DROP COLUMN sep");
	test_store_sql(f->path, "ALTER TABLE publication DROP COLUMN tail");
	test_store_sql(f->path, "ALTER TABLE publication RENAME COLUMN head TO content");
	test_store_sql(f->path, test_on_pg() ? "UPDATE jixiao_schema SET version = 5" : "PRAGMA user_version = 13");
	must(jx_store_open(&f->st, f->path, 0, &err), &err);
	assert_registry(f->st, "丙局||\n乙局||\n甲局||\n");
	assert_int_equal(test_store_count(f->path, "SELECT count(*) FROM account WHERE last_login IS NULL", NULL), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_registers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_everywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_registers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
