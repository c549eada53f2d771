/*
 * test_model.c — building and checking target tables: indicators, projects, frameworks, names of states.
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
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define OR(x, def) ((x) ? (x) : (def))

static void set_str(char **field, const char *s)
{
	free(*field);
	*field = s ? jx_strdup(s) : NULL;
}

/* Fills a new indicator of p; fails the test if the library refuses. */
static struct jx_indicator *add(struct jx_project *p, const char *l1, const char *l2, const char *name,
				const char *unit, const char *target)
{
	struct jx_err err;
	struct jx_indicator *ind = jx_project_add(p, &err);

	assert_non_null(ind);
	if (jx_indicator_fill(ind, l1, l2, name, strlen(name), unit, target, target ? strlen(target) : 0, &err))
		fail_msg("jx_indicator_fill(%s, %s): %s", name, target ? target : "NULL", err.msg);
	return ind;
}

/* A small valid project of 2021 with one indicator. */
static struct jx_project *sample_project(void)
{
	struct jx_project *p = jx_project_new();

	p->year = 2021;
	set_str(&p->name, "疫情防控项目");
	set_str(&p->unit, "卫生健康委员会");
	set_str(&p->goal, "守好三道门\n落实一测四查");
	p->total = p->fiscal = 303300;
	add(p, "产出指标", "数量指标", "日消杀次数 (次)", NULL, "≥2");
	return p;
}

/* ---- jx_name_split_unit ---- */

static void test_name_split_unit_splits_plausible_trailing_unit(void **state)
{
	static const struct {
		const char *raw;
		const char *name, *unit; /* name NULL: not split */
	} cases[] = {
		{ "日消杀次数 (次)", "日消杀次数", "次" },
		{ "政府采购率（%）", "政府采购率", "%" },
		{ "政府采购率（％）", "政府采购率", "%" },
		{ "学前教育国寿保险费(万元/年)", "学前教育国寿保险费", "万元/年" },
		{ "资金（ 万元 / 年 ）", "资金", "万元/年" },
		{ "人均基础养老金待遇 (元/人/月)", "人均基础养老金待遇", "元/人/月" },
		{ "指标(一)(次)", "指标(一)", "次" },
		{ "名称", NULL, NULL },
		{ "名称(1)", NULL, NULL },
		{ "名称(次", NULL, NULL },
		{ "名称次)", NULL, NULL },
		{ "名称()", NULL, NULL },
		{ "名称(a,b)", NULL, NULL },
		{ "名称（十一个字十一个字十一个）", NULL, NULL },
		{ "(次)", NULL, NULL },   /* nothing before it */
		{ "  （次）", NULL, NULL },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		struct jx_buf unit = JX_BUF_INIT;
		int split;

		jx_buf_adds(&unit, "前:", NULL); /* appended to, not replaced */
		len = strlen(cases[i].raw);
		split = jx_name_split_unit(cases[i].raw, &len, &unit);
		if (split != (cases[i].name != NULL))
			fail_msg("\"%s\": split %d", cases[i].raw, split);
		if (!split && (len != strlen(cases[i].raw) || strcmp(unit.ptr, "前:") != 0))
			fail_msg("\"%s\": changed without a split", cases[i].raw);
		if (split && (len != strlen(cases[i].name) || memcmp(cases[i].raw, cases[i].name, len) != 0 ||
			      strncmp(unit.ptr, "前:", 4) != 0 || strcmp(unit.ptr + 4, cases[i].unit) != 0))
			fail_msg("\"%s\": name \"%.*s\" unit \"%s\"", cases[i].raw, (int)len, cases[i].raw, unit.ptr);
		jx_buf_release(&unit);
	}
}

/* With white space before the name, *len counts from the name's real start: it was once computed from
 * the trimmed start, cutting 数 of " 日消杀次数(次)" in half. */
static void test_name_split_unit_keeps_leading_space_intact(void **state)
{
	const char *raw = " 日消杀次数(次)";
	struct jx_buf unit = JX_BUF_INIT;
	size_t len = strlen(raw);

	(void)state;
	assert_int_equal(jx_name_split_unit(raw, &len, &unit), 1);
	assert_string_equal(unit.ptr, "次");
	jx_buf_release(&unit);
	assert_int_equal(len, strlen(" 日消杀次数"));
}

/* ---- jx_indicator_fill ---- */

struct fill_case {
	const char *name, *unit, *target;        /* as a reader found them */
	const char *want_name, *want_unit, *want_target;
	enum jx_op op;
	int64_t coef;
	int scale;
};

/* Fills an indicator as c says and checks it; frees it before failing, so a failure leaks nothing. */
static void check_fill(const struct fill_case *c)
{
	struct jx_project *p = jx_project_new();
	struct jx_indicator *ind = add(p, "产出指标", "数量指标", c->name, c->unit, c->target);
	char why[512] = "";

	if (strcmp(ind->level1, "产出指标") || strcmp(ind->level2, "数量指标") || strcmp(ind->name, c->want_name) ||
	    (c->want_unit ? !ind->unit || strcmp(ind->unit, c->want_unit) : ind->unit != NULL) ||
	    (c->want_target ? !ind->target || strcmp(ind->target, c->want_target) : ind->target != NULL) ||
	    ind->op != c->op || ind->value.coef != c->coef || ind->value.scale != c->scale)
		snprintf(why, sizeof(why), "%s / %s: name \"%s\" unit %s target %s op %d coef %lld scale %d", c->name,
			 OR(c->target, "NULL"), ind->name, OR(ind->unit, "NULL"), OR(ind->target, "NULL"),
			 (int)ind->op, (long long)ind->value.coef, ind->value.scale);
	jx_project_free(p);
	if (why[0])
		fail_msg("%s", why);
}

static void check_fills(const struct fill_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_fill(&c[i]);
}

static void test_indicator_fill_splits_name_and_parses_target(void **state)
{
	static const struct fill_case cases[] = {
		{ "日消杀次数 (次)", NULL, "≥2", "日消杀次数", "次", "≥2", JX_OP_GE, 2, 0 },
		{ "  政府采购率 (%) ", NULL, " =100.0% ", "政府采购率", "%", "=100.0%", JX_OP_EQ, 1000, 1 },
		{ "核酸检测结果报告时限（小时）", NULL, "=24", "核酸检测结果报告时限", "小时", "=24", JX_OP_EQ, 24, 0 },
		{ "人民群众满意度（％）", NULL, "≥95.0%", "人民群众满意度", "%", "≥95.0%", JX_OP_GE, 950, 1 },
	};

	(void)state;
	check_fills(cases, N_OF(cases));
}

static void test_indicator_fill_given_unit_keeps_name(void **state)
{
	static const struct fill_case cases[] = {
		{ "政府采购率(%)", "％", "=100%", "政府采购率(%)", "%", "=100%", JX_OP_EQ, 100, 0 },
		{ "救助资金", " 万元 ", "=76.38", "救助资金", "万元", "=76.38", JX_OP_EQ, 7638, 2 },
		{ "救助资金", "", "=76.38万元", "救助资金", "万元", "=76.38万元", JX_OP_EQ, 7638, 2 },
	};

	(void)state;
	check_fills(cases, N_OF(cases));
}

static void test_indicator_fill_unit_from_target(void **state)
{
	static const struct fill_case cases[] = {
		{ "年核酸检测人次数", NULL, "≥700,000人次", "年核酸检测人次数", "人次", "≥700,000人次", JX_OP_GE, 700000, 0 },
		{ "完成时间", NULL, "3天以内", "完成时间", "天", "3天以内", JX_OP_LE, 3, 0 },
		{ "培训次数", NULL, "≥10", "培训次数", NULL, "≥10", JX_OP_GE, 10, 0 },
	};

	(void)state;
	check_fills(cases, N_OF(cases));
}

static void test_indicator_fill_missing_or_qualitative_target(void **state)
{
	static const struct fill_case cases[] = {
		{ "健全应急物资保障体系", NULL, NULL, "健全应急物资保障体系", NULL, NULL, JX_OP_NONE, 0, 0 },
		{ "健全应急物资保障体系", NULL, "", "健全应急物资保障体系", NULL, NULL, JX_OP_NONE, 0, 0 },
		{ "健全应急物资保障体系", NULL, " \u3000 ", "健全应急物资保障体系", NULL, NULL, JX_OP_NONE, 0, 0 },
		{ "保障人民群众生命安全和健康", NULL, "全力保障", "保障人民群众生命安全和健康", NULL, "全力保障",
		  JX_OP_NONE, 0, 0 },
	};

	(void)state;
	check_fills(cases, N_OF(cases));
}

static void test_indicator_fill_units_that_fit(void **state)
{
	static const struct fill_case cases[] = {
		{ "保险费(万元/年)", NULL, "=1.44万元", "保险费", "万元/年", "=1.44万元", JX_OP_EQ, 144, 2 },
		{ "补助(万元)", NULL, "≤10万元/年", "补助", "万元", "≤10万元/年", JX_OP_LE, 10, 0 },
		{ "覆盖率（%）", NULL, "≥95％", "覆盖率", "%", "≥95％", JX_OP_GE, 95, 0 },
	};

	(void)state;
	check_fills(cases, N_OF(cases));
}

static void test_indicator_fill_units_that_differ_are_qualitative(void **state)
{
	static const struct fill_case cases[] = {
		{ "完成率（%）", NULL, "3天", "完成率", "%", "3天", JX_OP_NONE, 0, 0 },
		{ "人数(人)", NULL, "≥5户", "人数", "人", "≥5户", JX_OP_NONE, 0, 0 },
	};

	(void)state;
	check_fills(cases, N_OF(cases));
}

/* A written unit fits the name's unit only if equal or per something (万元, 万元/年): 月 once "fit"
 * 月底前完成, making "12月底前完成" the quantitative 12. */
static void test_indicator_fill_deadline_text_is_qualitative(void **state)
{
	static const struct fill_case cases[] = {
		{ "完成时间(月)", NULL, "12月底前完成", "完成时间", "月", "12月底前完成", JX_OP_NONE, 0, 0 },
	};

	(void)state;
	check_fills(cases, N_OF(cases));
}

static void test_indicator_fill_too_precise_fails(void **state)
{
	struct jx_project *p = jx_project_new();
	struct jx_indicator *ind = jx_project_add(p, NULL);
	struct jx_err err;
	const char *target = "≥1234567890123456";

	(void)state;
	jx_err_clear(&err);
	assert_int_equal(jx_indicator_fill(ind, "产出指标", "数量指标", "检测人次 (人次)", strlen("检测人次 (人次)"),
					   NULL, target, strlen(target), &err),
			 -1);
	assert_int_equal(err.code, JX_EINPUT);
	assert_non_null(strstr(err.msg, "检测人次"));
	assert_non_null(strstr(err.msg, "1234567890123456"));
	assert_non_null(strstr(err.msg, "15"));
	assert_null(ind->name); /* nothing was filled */
	jx_project_free(p);
}

/* ---- projects ---- */

static void test_project_new_is_empty_draft(void **state)
{
	struct jx_project *p = jx_project_new();

	(void)state;
	assert_string_equal(p->name, "");
	assert_string_equal(p->unit, "");
	assert_string_equal(p->goal, "");
	assert_int_equal(p->status, JX_DRAFT);
	assert_int_equal(p->kind, JX_KIND_PROJECT);
	assert_int_equal(p->n_ind, 0);
	assert_int_equal(p->id, 0);
	assert_string_equal(p->framework, "");
	jx_project_free(p);
	jx_project_free(NULL);
}

static void test_project_add_refuses_past_limit(void **state)
{
	struct jx_project *p = jx_project_new();
	struct jx_err err;
	size_t i;

	(void)state;
	jx_err_clear(&err);
	for (i = 0; i < JX_MAX_INDICATORS; i++) {
		struct jx_indicator *ind = jx_project_add(p, &err);

		assert_non_null(ind);
		assert_null(ind->name);
		assert_int_equal(ind->op, JX_OP_NONE);
	}
	assert_int_equal(err.code, JX_OK);
	assert_null(jx_project_add(p, &err));
	assert_int_equal(err.code, JX_ETOOBIG);
	assert_non_null(strstr(err.msg, "5000"));
	assert_int_equal(p->n_ind, JX_MAX_INDICATORS);
	jx_project_free(p);
}

/* A project as a reader might build it: sample_project() plus one indicator, with any field replaced. */
struct spec {
	const char *name, *unit, *goal; /* NULL: sample_project()'s */
	int year;                       /* 0: 2021 */
	const char *framework;          /* preset id, or NULL */
	const char *l1, *l2, *ind, *ind_unit, *target;
	const char *want, *want2;       /* fragments of the error, or NULL for success */
	const char *want_fw;            /* the framework chosen, on success */
};

static struct jx_project *build(const struct spec *s)
{
	struct jx_project *p = sample_project();

	if (s->name)
		set_str(&p->name, s->name);
	if (s->unit)
		set_str(&p->unit, s->unit);
	if (s->goal)
		set_str(&p->goal, s->goal);
	p->year = OR(s->year, 2021);
	snprintf(p->framework, sizeof(p->framework), "%s", OR(s->framework, ""));
	add(p, OR(s->l1, "产出指标"), OR(s->l2, "质量指标"), OR(s->ind, "合格率 (%)"), s->ind_unit,
	    OR(s->target, "≥95%"));
	return p;
}

static void check_finish(const struct spec *s)
{
	struct jx_project *p = build(s);
	struct jx_err err;
	int rc;

	jx_err_clear(&err);
	rc = jx_project_finish(p, &err);
	if (!s->want && (rc != 0 || strcmp(p->framework, s->want_fw) != 0))
		fail_msg("finish: rc %d framework %s (%s), want %s", rc, p->framework, err.msg, s->want_fw);
	if (s->want && (rc != -1 || err.code != JX_EINPUT || !strstr(err.msg, s->want) ||
			(s->want2 && !strstr(err.msg, s->want2))))
		fail_msg("finish: rc %d code %d \"%s\", want \"%s\" and \"%s\"", rc, err.code, err.msg, s->want,
			 OR(s->want2, ""));
	jx_project_free(p);
}

static void test_project_finish_chooses_framework(void **state)
{
	static const struct spec cases[] = {
		{ .l2 = "成本指标", .want_fw = "2015" },                          /* 成本指标 as level 2: 2015 */
		{ .l1 = "成本指标", .l2 = "经济成本指标", .want_fw = "2021" },   /* only 2021 has it */
		{ .want_fw = "2015" },                                            /* a tie in 2021 */
		{ .year = 2022, .want_fw = "2021" },                              /* a tie from 2022 */
		{ .year = 2023, .l1 = "效益指标", .l2 = "可持续影响指标", .want_fw = "2015" },
		{ .framework = "2021", .want_fw = "2021" },                      /* a preset is kept */
		{ .goal = "第一\n第二", .ind = "参保人数", .ind_unit = "人", .target = "≥19926", .want_fw = "2015" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		check_finish(&cases[i]);
}

static void test_project_finish_rejects_bad_fields(void **state)
{
	static const struct spec cases[] = {
		{ .name = "", .want = "缺少项目名称" },
		{ .year = 1948, .want = "1949–9999", .want2 = "年份" },
		{ .year = 10000, .want = "1949–9999", .want2 = "疫情防控项目" },
		{ .name = "疫情\t防控", .want = "项目名称", .want2 = "控制字符" },
		{ .unit = "卫生\n健康委员会", .want = "预算单位", .want2 = "控制字符" },
		{ .goal = "守好\t三道门", .want = "年度目标", .want2 = "项目“疫情防控项目”" },
		{ .framework = "2099", .want = "未知的指标体系“2099”" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		check_finish(&cases[i]);
}

static void test_project_finish_rejects_bad_indicators(void **state)
{
	static const struct spec cases[] = {
		{ .l1 = "产出", .want = "未知的一级指标“产出”", .want2 = "第 2 条指标" },
		{ .l1 = "数量指标", .want = "未知的一级指标“数量指标”" },
		{ .l1 = "效益指标", .l2 = "生态环境效益指标", .want = "未知的二级指标“生态环境效益指标”" },
		{ .ind = " \u3000 ", .want = "指标名称为空" },
		{ .ind = "合格\t率", .want = "指标名称", .want2 = "控制字符" },
		{ .ind_unit = "1次", .want = "计量单位“1次”" },
		{ .ind = "数量指标", .want = "指标名称“数量指标”是绩效目标表的表头用语" },
		{ .target = "产出指标", .want = "指标值“产出指标”是绩效目标表的表头用语" },
		{ .ind = "绩效指标", .want = "指标名称“绩效指标”是绩效目标表的表头用语" },
		{ .target = "三级指标", .want = "指标值“三级指标”是绩效目标表的表头用语" },
		{ .ind = "≥5", .want = "像一个指标值" },
		{ .target = "≥95\t%", .want = "指标值", .want2 = "控制字符" },
		{ .framework = "2021", .l2 = "成本指标", .want = "二级指标“成本指标”在指标体系 2021 中是一级指标" },
		{ .framework = "2015", .l1 = "成本指标", .l2 = "经济成本指标",
		  .want = "一级指标“成本指标”在指标体系 2015 中是二级指标" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		check_finish(&cases[i]);
}

static void test_project_check_levels_per_framework(void **state)
{
	static const struct {
		const char *l1, *l2;
		int rc2015, rc2021;
	} cases[] = {
		{ "产出指标", "数量指标", 0, 0 },
		{ "产出指标", "成本指标", 0, -1 },
		{ "成本指标", "经济成本指标", -1, 0 },
		{ "效益指标", "可持续影响指标", 0, 0 },
	};
	const struct jx_framework *fw15 = jx_framework_get("2015"), *fw21 = jx_framework_get("2021");
	struct jx_err err;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		struct jx_project *p = jx_project_new();

		add(p, cases[i].l1, cases[i].l2, "指标", NULL, NULL);
		jx_err_clear(&err);
		assert_int_equal(jx_project_check_levels(p, fw15, &err), cases[i].rc2015);
		assert_int_equal(jx_project_check_levels(p, fw21, &err), cases[i].rc2021);
		assert_int_equal(err.code, cases[i].rc2015 || cases[i].rc2021 ? JX_EINPUT : JX_OK);
		if (err.code)
			assert_non_null(strstr(err.msg, "成本指标"));
		jx_project_free(p);
	}
}

/* ---- jx_project_same_table ---- */

/* Changes one thing the table consists of (what < 15), or one thing it does not (what >= 15). */
static void change(struct jx_project *p, int what)
{
	struct jx_indicator *ind = &p->ind[0];

	switch (what) {
	case 0: p->year++; break;
	case 1: p->kind = JX_KIND_DEPARTMENT; break;
	case 2: set_str(&p->name, "别的项目"); break;
	case 3: set_str(&p->unit, "别的单位"); break;
	case 4: set_str(&p->goal, "守好三道门"); break;
	case 5: p->total++; break;
	case 6: p->fiscal--; break;
	case 7: p->other = 1; break;
	case 8: add(p, "产出指标", "质量指标", "合格率 (%)", NULL, "≥95%"); break;
	case 9: set_str(&ind->level1, "效益指标"); break;
	case 10: set_str(&ind->level2, "质量指标"); break;
	case 11: set_str(&ind->name, "日消杀次"); break;
	case 12: set_str(&ind->unit, NULL); break;
	case 13: set_str(&ind->target, NULL); break;
	case 14: set_str(&ind->target, "≥2.0"); break;
	case 15: p->id = 42; break;
	case 16: p->status = JX_APPROVED; break;
	case 17: p->key = p->classified = true; break;
	case 18: p->line = 7; break;
	default: p->given = JX_GIVEN_KEY; break;
	}
}

static void test_project_same_table_compares_table_fields_only(void **state)
{
	struct jx_project *a = sample_project();
	int what;

	(void)state;
	assert_true(jx_project_same_table(a, a));
	for (what = 0; what < 20; what++) {
		struct jx_project *b = sample_project();

		assert_true(jx_project_same_table(a, b));
		change(b, what);
		if (jx_project_same_table(a, b) != (what >= 15) || jx_project_same_table(b, a) != (what >= 15))
			fail_msg("change %d: same_table is %d", what, what < 15);
		jx_project_free(b);
	}
	jx_project_free(a);
}

/* ---- names ---- */

static void test_status_names_and_labels_round_trip(void **state)
{
	static const struct {
		enum jx_status s;
		const char *name, *label;
	} cases[] = {
		{ JX_DRAFT, "draft", "草稿" },
		{ JX_SUBMITTED, "submitted", "已提交" },
		{ JX_APPROVED, "approved", "已批准" },
		{ JX_RETURNED, "returned", "已退回" },
	};
	static const char *const bad[] = { "", "Draft", "草稿", "draft ", "rejected" };
	enum jx_status s;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		assert_string_equal(jx_status_name(cases[i].s), cases[i].name);
		assert_string_equal(jx_status_label(cases[i].s), cases[i].label);
		s = JX_RETURNED - cases[i].s;
		assert_int_equal(jx_status_from_name(cases[i].name, &s), 0);
		assert_int_equal(s, cases[i].s);
	}
	s = JX_SUBMITTED;
	for (i = 0; i < N_OF(bad); i++)
		assert_int_equal(jx_status_from_name(bad[i], &s), -1);
	assert_int_equal(s, JX_SUBMITTED);
}

static void test_kind_names_round_trip(void **state)
{
	enum jx_kind k = JX_KIND_DEPARTMENT;

	(void)state;
	assert_string_equal(jx_kind_name(JX_KIND_PROJECT), "project");
	assert_string_equal(jx_kind_name(JX_KIND_DEPARTMENT), "department");
	assert_int_equal(jx_kind_from_name("project", &k), 0);
	assert_int_equal(k, JX_KIND_PROJECT);
	assert_int_equal(jx_kind_from_name("department", &k), 0);
	assert_int_equal(k, JX_KIND_DEPARTMENT);
	assert_int_equal(jx_kind_from_name("dept", &k), -1);
	assert_int_equal(jx_kind_from_name("", &k), -1);
	assert_int_equal(k, JX_KIND_DEPARTMENT);
}

/* ---- the seed sample, through a reader ---- */

static void test_sample_projects_are_finished_tables(void **state)
{
	struct jx_project *p[8];
	struct jx_err err;
	size_t len, i;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);
	int n = read_projects(text, len, p, 8, &err);
	const struct jx_indicator *ind;

	(void)state;
	free(text);
	if (n != 5)
		fail_msg("read %d projects: %s", n, n < 0 ? err.msg : "");
	assert_string_equal(p[0]->name, "博湖县2021年疫情防控项目");
	assert_string_equal(p[0]->unit, "博湖县卫生健康委员会");
	assert_int_equal(p[0]->year, 2021);
	assert_int_equal(p[0]->total, HUNDREDTHS(303300));
	assert_int_equal(p[0]->fiscal, HUNDREDTHS(303300));
	assert_int_equal(p[0]->other, HUNDREDTHS(0));
	assert_int_equal(p[0]->n_ind, 15);
	ind = &p[0]->ind[0];
	assert_string_equal(ind->name, "日消杀次数");
	assert_string_equal(ind->unit, "次");
	assert_int_equal(ind->op, JX_OP_GE);
	assert_int_equal(ind->value.coef, 2);
	for (i = 0; i < 5; i++) {
		assert_string_equal(p[i]->framework, "2015"); /* 成本指标 stands under 产出指标 */
		assert_int_equal(jx_project_check_levels(p[i], jx_framework_get("2015"), NULL), 0);
		assert_true(jx_project_same_table(p[i], p[i]));
		assert_false(jx_project_same_table(p[i], p[(i + 1) % 5]));
	}
	free_projects(p, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_split_unit_splits_plausible_trailing_unit),
		cmocka_unit_test(test_name_split_unit_keeps_leading_space_intact),
		cmocka_unit_test(test_indicator_fill_splits_name_and_parses_target),
		cmocka_unit_test(test_indicator_fill_given_unit_keeps_name),
		cmocka_unit_test(test_indicator_fill_unit_from_target),
		cmocka_unit_test(test_indicator_fill_missing_or_qualitative_target),
		cmocka_unit_test(test_indicator_fill_units_that_fit),
		cmocka_unit_test(test_indicator_fill_units_that_differ_are_qualitative),
		cmocka_unit_test(test_indicator_fill_deadline_text_is_qualitative),
		cmocka_unit_test(test_indicator_fill_too_precise_fails),
		cmocka_unit_test(test_project_new_is_empty_draft),
		cmocka_unit_test(test_project_add_refuses_past_limit),
		cmocka_unit_test(test_project_finish_chooses_framework),
		cmocka_unit_test(test_project_finish_rejects_bad_fields),
		cmocka_unit_test(test_project_finish_rejects_bad_indicators),
		cmocka_unit_test(test_project_check_levels_per_framework),
		cmocka_unit_test(test_project_same_table_compares_table_fields_only),
		cmocka_unit_test(test_status_names_and_labels_round_trip),
		cmocka_unit_test(test_kind_names_round_trip),
		cmocka_unit_test(test_sample_projects_are_finished_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
