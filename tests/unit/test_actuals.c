/*
 * test_actuals.c — actual values (actuals.h): their grammar and canonical form, finding an indicator by
 * name or name(unit), the latest of each indicator, and the all-or-nothing import of CSV and JSON into
 * a store holding the seed (data/samples/bohu-2021.txt), with every error naming its row.
 *
 * The seed's projects: 1 疫情防控 (日消杀次数 ≥2 次, 政府采购率 =100.0%, the qualitative 保障人民群众生命
 * 安全和健康), 2 教育 (建档立卡学生入学率 without a target), 5 自然灾害 (培训次数 ≥10 次, and 高性能移动工作站
 * twice: =1 个 and =3 万元).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "jixiao/actuals.h"
#include "jixiao/buf.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

#define EPIDEMIC "博湖县2021年疫情防控项目"
#define DISASTER "博湖县2021年自然灾害综合风险普查项目"
#define QUALITATIVE "保障人民群众生命安全和健康"
#define NOW "2021-07-15T03:00:00Z"

/* ---- the grammar ---- */

static void number(const char *s, const char *want, const char *want_unit)
{
	struct jx_actual_value v;
	char unit[64], text[JX_ACTUAL_MAX];

	if (jx_actual_parse(s, strlen(s), &v, unit, sizeof(unit)))
		fail_msg("refused: %s", s);
	assert_int_equal(v.level, JX_LEVEL_NONE);
	assert_false(v.has_percent);
	assert_string_equal(jx_actual_format(&v, text), want);
	assert_string_equal(unit, want_unit);
}

static void level(const char *s, enum jx_level want, const char *percent, const char *canonical)
{
	struct jx_actual_value v;
	char unit[64], text[JX_ACTUAL_MAX], num[JX_DEC_STRMAX];

	if (jx_actual_parse(s, strlen(s), &v, unit, sizeof(unit)))
		fail_msg("refused: %s", s);
	assert_int_equal(v.level, want);
	assert_int_equal(v.has_percent, percent != NULL);
	if (percent)
		assert_string_equal(jx_dec_format(v.value, num), percent);
	assert_string_equal(unit, "");
	assert_string_equal(jx_actual_format(&v, text), canonical);
}

static void test_parse_numbers(void **state)
{
	(void)state;
	number("98.5", "98.5", "");
	number("98.5%", "98.5", "%");
	number("100.0", "100.0", ""); /* the scale as written */
	number("-3.5", "-3.5", "");
	number("0", "0", "");
	number("1,200人次", "1200", "人次");
	number("700,000", "700000", "");
	number("１２３４", "1234", "");       /* full-width digits */
	number("１，２００人", "1200", "人"); /* a full-width separator */
	number("９８．５％", "98.5", "%");
	number(" 12 万元 ", "12", "万元");     /* white space anywhere */
	number("2.8万元", "2.8", "万元");
	number("3次", "3", "次");
}

static void test_parse_levels(void **state)
{
	(void)state;
	level("达成", JX_LEVEL_MET, NULL, "达成");
	level("部分达成", JX_LEVEL_PARTLY, NULL, "部分达成");
	level("未达成", JX_LEVEL_MISSED, NULL, "未达成");
	level("部分达成 75%", JX_LEVEL_PARTLY, "75", "部分达成 75%");
	level("部分达成75%", JX_LEVEL_PARTLY, "75", "部分达成 75%");
	level("部分达成 75", JX_LEVEL_PARTLY, "75", "部分达成 75%"); /* the % may be left out */
	level("未达成 30.5%", JX_LEVEL_MISSED, "30.5", "未达成 30.5%");
	level("达成 ９０％", JX_LEVEL_MET, "90", "达成 90%");
	level(" 达成 ", JX_LEVEL_MET, NULL, "达成");
	assert_string_equal(jx_level_name(JX_LEVEL_PARTLY), "部分达成");
	assert_string_equal(jx_level_name(JX_LEVEL_NONE), "");
}

static void test_parse_garbage(void **state)
{
	static const char *const bad[] = {
		"", "   ", "abc", "达", "达成了", "达成 abc", "部分达成 75%%", "未达成 %", "12元5", "1.2.3", "%", "万元",
		"1234567890123456", /* 16 significant digits: more than a target may hold */
		"大约12",
	};
	struct jx_actual_value v;
	char unit[64];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(bad); i++)
		if (jx_actual_parse(bad[i], strlen(bad[i]), &v, unit, sizeof(unit)) == 0)
			fail_msg("accepted: \"%s\"", bad[i]);
	/* a unit that does not fit the caller's room is refused, not cut */
	assert_int_equal(jx_actual_parse("12人次", strlen("12人次"), &v, unit, 4), -1);
}

/* The parser reads s[0..n) and not a byte more: the fuzzer found "1" read past its end. */
static void test_parse_unterminated(void **state)
{
	static const char *const inputs[] = { "1", "12.5", "-3", "达成", "95%" };
	struct jx_actual_value v;
	char unit[64];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(inputs); i++) {
		size_t n = strlen(inputs[i]);
		char *exact = malloc(n); /* no terminating NUL: AddressSanitizer catches a read beyond */

		assert_non_null(exact);
		memcpy(exact, inputs[i], n);
		assert_int_equal(jx_actual_parse(exact, n, &v, unit, sizeof(unit)), 0);
		free(exact);
	}
	/* a prefix of a longer string is parsed as itself */
	assert_int_equal(jx_actual_parse("12x", 2, &v, unit, sizeof(unit)), 0);
	assert_int_equal(jx_dec_cmp(v.value, (struct jx_dec){ 12, 0 }), 0);
}

static void test_format(void **state)
{
	struct jx_actual_value v = { JX_LEVEL_NONE, false, { 985, 1 } }, back;
	char text[JX_ACTUAL_MAX], unit[64];

	(void)state;
	assert_string_equal(jx_actual_format(&v, text), "98.5");
	v = (struct jx_actual_value){ JX_LEVEL_NONE, false, { -1000, 1 } };
	assert_string_equal(jx_actual_format(&v, text), "-100.0");
	v = (struct jx_actual_value){ JX_LEVEL_MET, false, { 0, 0 } };
	assert_string_equal(jx_actual_format(&v, text), "达成");
	v = (struct jx_actual_value){ JX_LEVEL_PARTLY, true, { 75, 0 } };
	assert_string_equal(jx_actual_format(&v, text), "部分达成 75%");
	v = (struct jx_actual_value){ JX_LEVEL_MISSED, true, { 0, 0 } };
	assert_string_equal(jx_actual_format(&v, text), "未达成 0%");
	/* the canonical form reads back to the same value */
	v = (struct jx_actual_value){ JX_LEVEL_PARTLY, true, { 6667, 2 } };
	jx_actual_format(&v, text);
	assert_int_equal(jx_actual_parse(text, strlen(text), &back, unit, sizeof(unit)), 0);
	assert_int_equal(back.level, JX_LEVEL_PARTLY);
	assert_true(back.has_percent);
	assert_int_equal(jx_dec_cmp(back.value, v.value), 0);
}

/* ---- finding indicators ---- */

static void test_indicator_find(void **state)
{
	struct jx_project *p[5];
	struct jx_err err = { 0 };
	size_t len, i = 99;
	char *seed = read_file(src_path("data/samples/bohu-2021.txt"), &len);
	const struct jx_project *d;

	(void)state;
	assert_int_equal(read_projects(seed, len, p, 5, &err), 5);
	d = p[4];
	assert_string_equal(d->name, DISASTER);

	assert_int_equal(jx_indicator_find(d, "培训次数", &i, &err), 0);
	assert_int_equal(i, 0);
	assert_int_equal(jx_indicator_find(d, "培训次数(次)", &i, &err), 0);
	assert_int_equal(i, 0);
	assert_int_equal(jx_indicator_find(d, "高性能移动工作站(个)", &i, &err), 0);
	assert_int_equal(i, 1);
	assert_int_equal(jx_indicator_find(d, "高性能移动工作站（万元）", &i, &err), 0);
	assert_int_equal(i, 7);
	assert_int_equal(jx_indicator_find(d, "高性能移动工作站 (万元)", &i, &err), 0);
	assert_int_equal(i, 7);

	/* two of that name: which is meant must be said, and the message tells how */
	assert_int_equal(jx_indicator_find(d, "高性能移动工作站", &i, &err), -1);
	assert_int_equal(err.code, JX_EAMBIGUOUS);
	assert_non_null(strstr(err.msg, "2 条名为“高性能移动工作站”的指标"));
	assert_non_null(strstr(err.msg, "单位：个、万元"));
	assert_non_null(strstr(err.msg, "如“高性能移动工作站(个)”"));

	jx_err_clear(&err);
	assert_int_equal(jx_indicator_find(d, "培训次数(个)", &i, &err), -1); /* the unit does not fit */
	assert_int_equal(err.code, JX_ENOTFOUND);
	jx_err_clear(&err);
	assert_int_equal(jx_indicator_find(d, "不存在的指标", &i, &err), -1);
	assert_int_equal(err.code, JX_ENOTFOUND);
	assert_non_null(strstr(err.msg, DISASTER));
	assert_non_null(strstr(err.msg, "不存在的指标"));
	jx_err_clear(&err);
	assert_int_equal(jx_indicator_find(d, "培训", &i, &err), -1); /* names match whole */
	assert_int_equal(err.code, JX_ENOTFOUND);

	free_projects(p, 5);
	free(seed);
}

/* ---- the latest of each ---- */

static struct jx_actual row(const char *ind, const char *unit, const char *value, const char *as_of)
{
	return (struct jx_actual){ 7, ind, unit, value, as_of, NULL, "2021-07-01T00:00:00Z", "张三" };
}

static void test_latest(void **state)
{
	const struct jx_actual rows[] = {
		row("甲", "个", "1", "2021-03-31"),
		row("甲", "万元", "2.8", "2021-03-31"),
		row("乙", "", "5", "2021-06-30"),
		row("乙", "", "6", "2021-06-30"), /* the same day, recorded later: counts */
		row("甲", "个", "2", "2021-06-30"),
		row("甲", "个", "3", "2021-05-31"), /* recorded later, but of an earlier day */
		row("丙", NULL, "达成", "2021-01-01"),
	};
	struct jx_actuals a;
	const struct jx_actual *x;

	(void)state;
	jx_actuals_latest(rows, LEN(rows), NULL, &a);
	assert_int_equal(a.n, 4);
	/* sorted by indicator, then unit (bytes: 万 E4 B8 87 before 个 E4 B8 AA) */
	assert_string_equal(a.a[0].indicator, "丙");
	assert_string_equal(a.a[1].indicator, "乙");
	assert_string_equal(a.a[2].indicator, "甲");
	assert_string_equal(a.a[2].unit, "万元");
	assert_string_equal(a.a[3].unit, "个");
	assert_int_equal(a.a[0].project_id, 7);
	x = jx_actuals_get(&a, "甲", "个");
	assert_non_null(x);
	assert_string_equal(x->value, "2");
	assert_string_equal(x->as_of, "2021-06-30");
	assert_string_equal(jx_actuals_get(&a, "甲", "万元")->value, "2.8");
	assert_string_equal(jx_actuals_get(&a, "乙", NULL)->value, "6");
	assert_string_equal(jx_actuals_get(&a, "乙", "")->value, "6");
	assert_string_equal(jx_actuals_get(&a, "丙", NULL)->value, "达成");
	assert_null(jx_actuals_get(&a, "甲", NULL));
	assert_null(jx_actuals_get(&a, "丁", NULL));
	jx_actuals_free(&a);

	/* up to May 31: 甲(个) is 3 (the 6-30 one left out), 乙 has none yet */
	jx_actuals_latest(rows, LEN(rows), "2021-05-31", &a);
	assert_int_equal(a.n, 3);
	assert_string_equal(jx_actuals_get(&a, "甲", "个")->value, "3");
	assert_null(jx_actuals_get(&a, "乙", NULL));
	jx_actuals_free(&a);

	/* up to March 31, the day included */
	jx_actuals_latest(rows, LEN(rows), "2021-03-31", &a);
	assert_string_equal(jx_actuals_get(&a, "甲", "个")->value, "1");
	jx_actuals_free(&a);

	jx_actuals_latest(rows, 0, NULL, &a);
	assert_int_equal(a.n, 0);
	assert_null(jx_actuals_get(&a, "甲", "个"));
	jx_actuals_free(&a);
}

/* ---- importing ---- */

struct fixture {
	char path[256];
	struct jx_store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_import_opts o = { .user = "张三" };
	struct jx_err err = { 0 };
	struct jx_import *im;
	struct jx_input in;
	size_t len;
	char *seed;

	setenv("JIXIAO_NOW", NOW, 1);
	test_store_location(f->path, sizeof(f->path), "actuals");
	assert_int_equal(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), 0);
	seed = read_file(src_path("data/samples/bohu-2021.txt"), &len);
	im = jx_import_begin(f->st, &o, &err);
	assert_non_null(im);
	jx_input_from_mem(&in, seed, len, "seed");
	if (jx_import_input(im, &in, &err))
		fail_msg("import: %s", err.msg);
	jx_input_close(&in);
	assert_int_equal(jx_import_commit(im, NULL, &err), 0);
	free(seed);
	for (int64_t id = 1; id <= 5; id++) /* actuals are taken for approved tables */
		assert_int_equal(jx_store_set_status(f->st, id, JX_APPROVED, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	test_store_remove(f->path);
	free(f);
	unsetenv("JIXIAO_NOW");
	return 0;
}

static int import(struct fixture *f, const char *name, const char *text, struct jx_actuals_stats *stats,
		  struct jx_err *err)
{
	struct jx_input in;
	int rc;

	jx_input_from_mem(&in, text, strlen(text), name);
	rc = jx_actuals_import(f->st, &in, NULL, 0, "李四", stats, err);
	jx_input_close(&in);
	return rc;
}

static int count_one(void *ctx, const struct jx_actual *a, struct jx_err *err)
{
	(void)a;
	(void)err;
	++*(size_t *)ctx;
	return 0;
}

/* Every actual row the store holds, of all five projects. */
static size_t stored(struct fixture *f)
{
	struct jx_err err = { 0 };
	size_t n = 0;
	int64_t id;

	for (id = 1; id <= 5; id++)
		assert_int_equal(jx_store_actuals(f->st, id, count_one, &n, &err), 0);
	return n;
}

static void load(struct fixture *f, int64_t id, struct jx_actuals *a)
{
	struct jx_err err = { 0 };

	if (jx_actuals_load(f->st, id, NULL, a, &err))
		fail_msg("load: %s", err.msg);
}

static void test_import_csv(void **state)
{
	static const char csv[] = "project,indicator,actual,as_of\n" EPIDEMIC ",日消杀次数,3,2021-06-30\n" EPIDEMIC
				  ",政府采购率,98.5%,2021-06-30\n" EPIDEMIC "," QUALITATIVE ",部分达成 75%,2021-06-30\n" EPIDEMIC
				  ",全年执行数,\"1,500\",2021-06-30\n" DISASTER ",高性能移动工作站(个),1,2021-06-30\n" DISASTER
				  ",高性能移动工作站（万元）,2.8万元,2021-06-30\n" DISASTER ",培训次数,１２次\n";
	struct fixture *f = *state;
	struct jx_actuals_stats stats;
	struct jx_err err = { 0 };
	struct jx_actuals a;
	const struct jx_actual *x;

	if (import(f, "a.csv", csv, &stats, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(stats.rows, 7);
	assert_int_equal(stats.projects, 2);
	assert_int_equal(stored(f), 7);

	load(f, 1, &a);
	assert_int_equal(a.n, 4);
	x = jx_actuals_get(&a, "日消杀次数", "次");
	assert_string_equal(x->value, "3");
	assert_string_equal(x->as_of, "2021-06-30");
	assert_string_equal(x->user, "李四");
	assert_string_equal(x->at, NOW);
	assert_null(x->reason);
	assert_string_equal(jx_actuals_get(&a, "政府采购率", "%")->value, "98.5");
	assert_string_equal(jx_actuals_get(&a, QUALITATIVE, NULL)->value, "部分达成 75%");
	x = jx_actuals_get(&a, JX_SPENT, "万元");
	assert_non_null(x);
	assert_string_equal(x->value, "1500");
	jx_actuals_free(&a);

	load(f, 5, &a);
	assert_string_equal(jx_actuals_get(&a, "高性能移动工作站", "个")->value, "1");
	assert_string_equal(jx_actuals_get(&a, "高性能移动工作站", "万元")->value, "2.8");
	x = jx_actuals_get(&a, "培训次数", "次");
	assert_string_equal(x->value, "12");
	assert_string_equal(x->as_of, "2021-07-15"); /* no date: the day of the import */
	jx_actuals_free(&a);
}

/* An indicator the table gives no target takes whatever happened, a number or a level: it carries no
 * points, and the message "是定性指标" was wrong for it. */
static void test_import_indicator_without_target(void **state)
{
	static const char csv[] = "project,indicator,actual\n2,建档立卡学生入学率,98.5%\n";
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_actuals a;

	if (import(f, "n.csv", csv, NULL, &err))
		fail_msg("%s", err.msg);
	load(f, 2, &a);
	assert_string_equal(jx_actuals_get(&a, "建档立卡学生入学率", "%")->value, "98.5");
	jx_actuals_free(&a);
}

static void test_import_csv_chinese_header_bom_quotes(void **state)
{
	/* a BOM, CRLF, Chinese column names in another order, a reason quoted over two lines with commas */
	static const char csv[] = "\xEF\xBB\xBF实际值,项目名称,截至日期,指标,偏差原因\r\n"
				  "1," EPIDEMIC ",2021-03-31,日消杀次数,\"受疫情影响，消杀暂停, 详见\r\n附件\"\r\n"
				  "\r\n" /* a blank line */
				  "\"2\",\"" EPIDEMIC "\",2021-06-30,\"日消杀次数\",\r\n";
	struct fixture *f = *state;
	struct jx_actuals_stats stats;
	struct jx_err err = { 0 };
	struct jx_actuals a;

	if (import(f, "b.csv", csv, &stats, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(stats.rows, 2);
	assert_int_equal(stats.projects, 1);
	load(f, 1, &a);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.a[0].value, "2"); /* the later day counts */
	assert_null(a.a[0].reason);
	jx_actuals_free(&a);

	/* up to March 31 the first counts, with its reason: the line break as a plain LF */
	assert_int_equal(jx_actuals_load(f->st, 1, "2021-03-31", &a, &err), 0);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.a[0].value, "1");
	assert_non_null(a.a[0].reason);
	assert_string_equal(a.a[0].reason, "受疫情影响，消杀暂停, 详见\n附件");
	jx_actuals_free(&a);

	/* other spellings of the columns, reason and date left out */
	assert_int_equal(import(f, "c.csv", "项目,指标名称,实际完成值\n" DISASTER ",培训次数,8\n", &stats, &err), 0);
	assert_int_equal(stats.rows, 1);
	assert_int_equal(import(f, "d.csv", "indicator,project,actual,reason,as_of\n培训次数," DISASTER ",9,,2021-06-30\n", &stats, &err),
			 0);
	assert_int_equal(stored(f), 4);
}

static void test_import_json(void **state)
{
	static const char json[] =
		"{\"actuals\": [{\"project\": \"" EPIDEMIC "\", \"indicator\": \"日消杀次数\", \"actual\": \"2\", \"as_of\": \"2021-06-30\"},\n"
		" {\"project\": 5, \"indicator\": \"全年执行数\", \"actual\": \"30.5万元\", \"as_of\": \"2021-06-30\", \"reason\": null},\n"
		" {\"project\": \"" DISASTER "\", \"indicator\": \"高性能移动工作站(个)\", \"actual\": \"0\", \"as_of\": \"2021-06-30\","
		" \"reason\": \"设备尚未到货\"}]}";
	struct fixture *f = *state;
	struct jx_actuals_stats stats;
	struct jx_err err = { 0 };
	struct jx_actuals a;

	if (import(f, "a.json", json, &stats, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(stats.rows, 3);
	assert_int_equal(stats.projects, 2);
	load(f, 5, &a);
	assert_int_equal(a.n, 2);
	assert_string_equal(jx_actuals_get(&a, JX_SPENT, "万元")->value, "30.5");
	assert_string_equal(jx_actuals_get(&a, "高性能移动工作站", "个")->reason, "设备尚未到货");
	jx_actuals_free(&a);

	/* errors name the item */
	assert_int_equal(import(f, "b.json",
				"{\"actuals\": [{\"project\": 1, \"indicator\": \"日消杀次数\", \"actual\": \"2\"},"
				" {\"project\": 1, \"indicator\": \"日消杀次数\", \"actual\": \"2\", \"when\": \"2021-06-30\"}]}",
				&stats, &err),
			 -1);
	assert_non_null(strstr(err.msg, "b.json: 第 2 项: "));
	assert_non_null(strstr(err.msg, "when"));
	assert_int_equal(stats.rows, 0);
	assert_int_equal(import(f, "c.json", "{\"actuals\": [{\"project\": 1, \"indicator\": \"日消杀次数\", \"actual\": 2}]}", &stats, &err),
			 -1);
	assert_non_null(strstr(err.msg, "c.json: 第 1 项: "));
	assert_int_equal(import(f, "d.json", "{\"rows\": []}", &stats, &err), -1);
	assert_non_null(strstr(err.msg, "d.json"));
	assert_int_equal(stored(f), 3);
}

/* Imports a CSV whose row at line `line` is bad: checks that the message starts with "e.csv:line:" and
 * holds what, and that nothing was stored. */
static void refused(struct fixture *f, const char *csv, int line, const char *what)
{
	struct jx_actuals_stats stats = { 9, 9, 9, 9 };
	struct jx_err err = { 0 };
	char where[32];
	size_t before = stored(f);

	if (import(f, "e.csv", csv, &stats, &err) == 0)
		fail_msg("accepted:\n%s", csv);
	snprintf(where, sizeof(where), "e.csv:%d: ", line);
	if (strncmp(err.msg, where, strlen(where)) != 0 || !strstr(err.msg, what))
		fail_msg("got \"%s\", want \"%s…%s…\"", err.msg, where, what);
	assert_int_equal(stats.rows, 0);
	assert_int_equal(stored(f), before);
}

#define HEAD "project,indicator,actual,as_of\n"
#define GOOD EPIDEMIC ",日消杀次数,3,2021-06-30\n"

static void test_import_errors_name_the_row(void **state)
{
	struct fixture *f = *state;

	refused(f, HEAD GOOD "不存在的项目,日消杀次数,3,2021-06-30\n", 3, "不存在的项目");
	refused(f, HEAD GOOD EPIDEMIC ",不存在的指标,3,2021-06-30\n", 3, "没有名为“不存在的指标”的指标");
	refused(f, HEAD GOOD DISASTER ",高性能移动工作站,1,2021-06-30\n", 3, "单位：个、万元");
	refused(f, HEAD GOOD EPIDEMIC "," QUALITATIVE ",95,2021-06-30\n", 3, "是定性指标");
	refused(f, HEAD GOOD EPIDEMIC "," QUALITATIVE ",95%,2021-06-30\n", 3, "是定性指标");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,达成,2021-06-30\n", 3, "是定量指标");
	refused(f, HEAD GOOD EPIDEMIC "," QUALITATIVE ",部分达成 85%,2021-06-30\n", 3, "部分达成的百分比应在 60%–80% 之间");
	refused(f, HEAD GOOD EPIDEMIC "," QUALITATIVE ",达成 79.99%,2021-06-30\n", 3, "达成的百分比应在 80%–100% 之间");
	refused(f, HEAD GOOD EPIDEMIC "," QUALITATIVE ",未达成 61%,2021-06-30\n", 3, "未达成的百分比应在 0%–60% 之间");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3人,2021-06-30\n", 3, "单位是“次”");
	refused(f, HEAD GOOD EPIDEMIC ",政府采购率,98.5万元,2021-06-30\n", 3, "单位是“%”");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,abc,2021-06-30\n", 3, "应为数字");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2021-13-01\n", 3, "2021-06-30 这样的年-月-日");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2021-02-29\n", 3, "年-月-日");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2021/06/30\n", 3, "年-月-日");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,21-06-30\n", 3, "年-月-日");
	/* regression: sscanf's %d took a sign or a leading space, so these were stored as dates and then
	 * compared as text against well-formed ones (actuals.c valid_date now wants digits) */
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2021- 6-30\n", 3, "年-月-日");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2021-06-+3\n", 3, "年-月-日");
	/* evaluation hygiene: dates within the table's year, no negative counts */
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2030-06-30\n", 3, "截至日期 2030-06-30 不在项目的年度（2021年）之内");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2020-12-31\n", 3, "不在项目的年度（2021年）之内");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,-5,2021-06-30\n", 3, "指标“日消杀次数”以“次”计数，实际值不能是负数");
	refused(f, HEAD GOOD EPIDEMIC ",全年执行数,-5,2021-06-30\n", 3, "全年执行数应为以万元计的非负数字");
	refused(f, HEAD GOOD EPIDEMIC ",全年执行数,5000元,2021-06-30\n", 3, "全年执行数应为以万元计的非负数字");
	refused(f, HEAD GOOD EPIDEMIC ",全年执行数,达成,2021-06-30\n", 3, "全年执行数应为以万元计的非负数字");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,,2021-06-30\n", 3, "不能为空");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,3,2021-06-30,原因,多余\n", 3, "与列名不符");
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数\n", 3, "与列名不符");
	/* regression: more fields than the header has columns were ignored, so an unquoted "1,500" under
	 * project,indicator,actual was stored as 1 (actuals.c now compares with the header) */
	refused(f, "project,indicator,actual\n" EPIDEMIC ",全年执行数,1,500\n", 2, "这一行有 4 个字段，与列名不符");
	/* the header */
	refused(f, "project,indicator,value\n" GOOD, 1, "未知的列“value”");
	refused(f, "project,actual\n" GOOD, 1, "缺少列“indicator”");
	refused(f, "project,indicator,actual,项目\n" GOOD, 1, "出现了两次");
	/* lines count the physical lines: a quoted field over two lines moves the next row down, and so
	 * do blank lines (regression: libcsv reports no row for an empty line, so the count stopped at
	 * them and the error named line 4; actuals.c now has every line reported) */
	refused(f, "project,indicator,actual,as_of,reason\n" EPIDEMIC ",日消杀次数,1,2021-06-30,\"一\n二\"\n\n" EPIDEMIC
		   ",日消杀次数,x,2021-06-30,\n",
		5, "应为数字");
	refused(f, "\n\n" HEAD "\n  \n" GOOD "\r\n" EPIDEMIC ",日消杀次数,x,2021-06-30\n", 8, "应为数字");
	/* a quote left open names the row it opens in (regression: the message named no line) */
	refused(f, HEAD GOOD EPIDEMIC ",日消杀次数,\"3,2021-06-30\n\n", 3, "引号没有闭合");
	assert_int_equal(stored(f), 0);
}

/* Actuals are taken for approved tables only: a table sent back to draft (an adjustment) takes none
 * until approved again. */
static void test_import_approved_only(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	assert_int_equal(jx_store_set_status(f->st, 1, JX_DRAFT, &err), 0);
	refused(f, HEAD GOOD, 2, "是草稿状态：实际完成值只能录入已批准的绩效目标表");
	assert_int_equal(jx_store_set_status(f->st, 1, JX_SUBMITTED, &err), 0);
	refused(f, HEAD GOOD, 2, "是已提交状态");
	assert_int_equal(jx_store_set_status(f->st, 1, JX_APPROVED, &err), 0);
	assert_int_equal(import(f, "g.csv", HEAD GOOD, NULL, &err), 0);
}

/* An actual without a date: the day of the import within the table's year, the year's last day after
 * it; the stats say how many of each. */
static void test_import_undated(void **state)
{
	struct fixture *f = *state;
	struct jx_actuals_stats stats;
	struct jx_actuals a;
	struct jx_err err = { 0 };

	assert_int_equal(import(f, "u.csv", "project,indicator,actual\n" EPIDEMIC ",日消杀次数,3\n", &stats, &err), 0);
	assert_int_equal(stats.dated_today, 1);
	assert_int_equal(stats.dated_year_end, 0);
	load(f, 1, &a);
	assert_string_equal(jx_actuals_get(&a, "日消杀次数", "次")->as_of, "2021-07-15");
	jx_actuals_free(&a);
	setenv("JIXIAO_NOW", "2022-02-01T03:00:00Z", 1);
	assert_int_equal(import(f, "v.csv", "project,indicator,actual\n" EPIDEMIC ",日消杀次数,4\n" EPIDEMIC ",政府采购率,99%\n",
			        &stats, &err), 0);
	setenv("JIXIAO_NOW", NOW, 1);
	assert_int_equal(stats.dated_today, 0);
	assert_int_equal(stats.dated_year_end, 2);
	load(f, 1, &a);
	assert_string_equal(jx_actuals_get(&a, "日消杀次数", "次")->as_of, "2021-12-31");
	assert_string_equal(jx_actuals_get(&a, "日消杀次数", "次")->value, "4");
	jx_actuals_free(&a);
	setenv("JIXIAO_NOW", "2020-12-01T03:00:00Z", 1);
	refused(f, "project,indicator,actual\n" EPIDEMIC ",日消杀次数,5\n", 2, "项目的年度（2021年）还没有开始：请写明截至日期");
	setenv("JIXIAO_NOW", NOW, 1);
}

static void test_import_all_or_nothing(void **state)
{
	static const char good[] = HEAD GOOD EPIDEMIC ",政府采购率,99%,2021-06-30\n";
	struct fixture *f = *state;
	struct jx_actuals_stats stats;
	struct jx_err err = { 0 };
	struct jx_buf b = JX_BUF_INIT;
	int i;

	assert_int_equal(import(f, "a.csv", good, &stats, &err), 0);
	assert_int_equal(stored(f), 2);
	/* a hundred good rows for three projects and a bad last one: none of them is stored */
	jx_buf_add(&b, HEAD, strlen(HEAD), NULL);
	for (i = 0; i < 100; i++)
		jx_buf_addf(&b, NULL, "%s,%s,%d,2021-07-%02d\n", i % 3 == 0 ? EPIDEMIC : i % 3 == 1 ? DISASTER : "2", i % 3 == 1 ? "培训次数" : i % 3 == 2 ? "全年执行数" : "日消杀次数", i, 1 + i % 28);
	jx_buf_addf(&b, NULL, "%s,%s,%s,2021-07-31\n", DISASTER, "高性能移动工作站", "1");
	refused(f, b.ptr, 102, "请写明单位");
	assert_int_equal(stored(f), 2);
	/* the same without the bad row: all 100 */
	b.len -= strlen(DISASTER ",高性能移动工作站,1,2021-07-31\n");
	b.ptr[b.len] = '\0';
	assert_int_equal(import(f, "a.csv", b.ptr, &stats, &err), 0);
	assert_int_equal(stats.rows, 100);
	assert_int_equal(stats.projects, 3);
	assert_int_equal(stored(f), 102);
	jx_buf_release(&b);
}

static void test_import_by_year(void **state)
{
	struct fixture *f = *state;
	struct jx_actuals_stats stats;
	struct jx_err err = { 0 };
	struct jx_input in;
	int rc;

	jx_input_from_mem(&in, HEAD GOOD, strlen(HEAD GOOD), "a.csv");
	rc = jx_actuals_import(f->st, &in, NULL, 2022, "李四", &stats, &err);
	jx_input_close(&in);
	assert_int_equal(rc, -1); /* no such project in 2022 */
	assert_non_null(strstr(err.msg, "a.csv:2: "));
	jx_input_from_mem(&in, HEAD GOOD, strlen(HEAD GOOD), "a.csv");
	rc = jx_actuals_import(f->st, &in, NULL, 2021, "李四", &stats, &err);
	jx_input_close(&in);
	assert_int_equal(rc, 0);
	assert_int_equal(stored(f), 1);
}

/* ---- the walk: what score and monitor read ---- */

struct walked {
	struct fixture *f;
	const char *until;
	size_t projects, latest;
};

/* Checks that the latest actuals the walk gives p are those of loading p alone (every column the
 * evaluation reads), and that the walk leaves out when and by whom they were recorded. */
static int same_as_alone(void *ctx, struct jx_project *p, const struct jx_actual *rows, size_t n, struct jx_err *err)
{
	struct walked *w = ctx;
	struct jx_actuals walk, alone = { NULL, 0, NULL, 0 };
	size_t i;

	(void)err;
	for (i = 0; i < n; i++) {
		assert_null(rows[i].at);
		assert_null(rows[i].user);
	}
	jx_actuals_latest(rows, n, w->until, &walk);
	if (jx_actuals_load(w->f->st, p->id, w->until, &alone, err))
		fail_msg("load: %s", err->msg);
	assert_int_equal(walk.n, alone.n);
	for (i = 0; i < walk.n; i++) {
		const struct jx_actual *a = &walk.a[i], *b = &alone.a[i];

		assert_int_equal(a->project_id, p->id);
		assert_int_equal(b->project_id, p->id);
		assert_string_equal(a->indicator, b->indicator);
		assert_string_equal(a->unit, b->unit);
		assert_string_equal(a->value, b->value);
		assert_string_equal(a->as_of, b->as_of);
		assert_true(a->reason == b->reason || (a->reason && b->reason && strcmp(a->reason, b->reason) == 0));
	}
	w->projects++;
	w->latest += walk.n;
	jx_actuals_free(&walk);
	jx_actuals_free(&alone);
	return 0;
}

/* Walks every project for the whole year and up to mid-year; returns the latest actuals seen. */
static size_t walk_matches(struct fixture *f)
{
	static const char *const days[] = { NULL, "2021-06-30" };
	struct jx_filter all = { 0 };
	struct jx_err err = { 0 };
	size_t i, whole = 0;

	for (i = 0; i < LEN(days); i++) {
		struct walked w = { f, days[i], 0, 0 };

		if (jx_store_each_actuals(f->st, &all, same_as_alone, &w, &err))
			fail_msg("walk: %s", err.msg);
		assert_int_equal(w.projects, 5);
		if (!days[i])
			whole = w.latest;
	}
	return whole;
}

/* The walk reads the actuals from the store's index alone (schema 14, PostgreSQL's 6): after each
 * kind of write — an import, a later one with rows of the same day and earlier days, a table replaced
 * with changed indicators — every project's latest actuals from the walk are those of reading the
 * project's rows one by one. */
static void test_walk_gives_the_latest_after_each_write(void **state)
{
	static const char first[] = "project,indicator,actual,as_of,reason\n" EPIDEMIC ",日消杀次数,3,2021-06-30,\n" EPIDEMIC
				    ",日消杀次数,4,2021-09-30,延期\n" EPIDEMIC ",政府采购率,98.5%,2021-03-31,\n" DISASTER
				    ",培训次数,5,2021-06-30,年中\n" DISASTER ",全年执行数,10,2021-12-31,\n";
	static const char later[] = "project,indicator,actual,as_of,reason\n" EPIDEMIC ",日消杀次数,5,2021-06-30,同日再录\n" EPIDEMIC
				    ",政府采购率,99%,2021-01-31,\n" DISASTER ",培训次数,6,2021-06-30,\n" EPIDEMIC
				    "," QUALITATIVE ",达成,2021-12-31,\n";
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_project *p;

	assert_int_equal(walk_matches(f), 0);
	assert_int_equal(import(f, "a.csv", first, NULL, &err), 0);
	assert_int_equal(walk_matches(f), 4);
	assert_int_equal(import(f, "b.csv", later, NULL, &err), 0);
	assert_int_equal(walk_matches(f), 5);
	/* the epidemic table replaced, its first indicator renamed: its actuals stay, as rows do */
	assert_int_equal(jx_store_get(f->st, 1, &p, &err), 0);
	free(p->ind[0].name);
	p->ind[0].name = strdup("日消杀次数（调整）");
	assert_int_equal(jx_store_put(f->st, p, &err), 0);
	jx_project_free(p);
	assert_int_equal(walk_matches(f), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_parse_levels),
		cmocka_unit_test(test_parse_garbage),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_indicator_find),
		cmocka_unit_test(test_latest),
		cmocka_unit_test_setup_teardown(test_import_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_indicator_without_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_csv_chinese_header_bom_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_json, setup, teardown),
		cmocka_unit_test(test_parse_unterminated),
		cmocka_unit_test_setup_teardown(test_import_errors_name_the_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_approved_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_undated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_by_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_gives_the_latest_after_each_write, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
