/*
 * test_review.c — the review rules: every rule fires on a table that breaks it and keeps silent on a
 * near-identical clean one, the edge cases the rule definitions imply, the seed's findings, the review
 * configuration (overrides, per-year entries, tolerances, bad files) and the findings' helpers.
 *
 * Tables are built in the JSON form: a project of year 2021 with funds 10.00 = 10.00 + 0.00, a goal
 * without numbers and the indicators a case gives.
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
#include "jixiao/buf.h"
#include "jixiao/baseline.h"
#include "jixiao/library.h"
#include "jixiao/review.h"

#define N_RULES 22
#define MAXP 8
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- building tables ---- */

#define IND(l1, l2, name, target) \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": \"" target "\"}"
#define IND_NO_TARGET(l1, l2, name) \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": null}"
#define FUNDS(total, fiscal, other) \
	"{\"total\": \"" total "\", \"fiscal\": \"" fiscal "\", \"other\": \"" other "\"}"

#define QTY IND("产出指标", "数量指标", "培训次数 (次)", "≥10")
#define COST(name, target) IND("产出指标", "成本指标", name, target)          /* 2015: level 2 */
#define COST_2021(name, target) IND("成本指标", "经济成本指标", name, target) /* 2021: level 1 */
#define FEE COST("培训费 (万元)", "=10")
#define EFFECT_T(target) IND("效益指标", "社会效益指标", "知晓率 (%)", target)
#define EFFECT EFFECT_T("≥90%")
#define SAT IND("满意度指标", "服务对象满意度指标", "满意度 (%)", "≥95%")
#define CLEAN QTY ", " FEE ", " EFFECT ", " SAT
/* the same with their 分值 */
#define WIND(l1, l2, name, target, w)                                                                       \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": \"" target \
	"\", \"weight\": \"" w "\"}"
#define WQTY(w) WIND("产出指标", "数量指标", "培训次数 (次)", "≥10", w)
#define WFEE(w) WIND("产出指标", "成本指标", "培训费 (万元)", "=10", w)
#define WEFFECT(w) WIND("效益指标", "社会效益指标", "知晓率 (%)", "≥90%", w)
#define WSAT(w) WIND("满意度指标", "服务对象满意度指标", "满意度 (%)", "≥95%", w)
#define WITH_COSTS(costs) QTY ", " costs ", " EFFECT ", " SAT
#define WITH_COSTS_2021(costs) costs ", " QTY ", " EFFECT ", " SAT

/* The five money-valued costs of the seed's education table: 31.47 万元 in all. */
#define EDU_COSTS                                                                                       \
	COST("学前教育国寿保险费 (万元/年)", "=1.44") ", " COST("义务至高中教育国寿保险费 (万元/年)", "=5.19") \
	", " COST("高中免住宿费 (万元/年)", "=2.56") ", " COST("疆内大学生资助资金 (万元/年)", "=19")        \
	", " COST("义务至高中教育春秋校服费 (万元/年)", "=3.28")

#define DEFAULT_FUNDS FUNDS("10.00", "10.00", "0.00")
#define DEFAULT_GOAL "完成年度培训任务。"

struct table {
	int year;          /* 0: 2021 */
	const char *funds; /* NULL: DEFAULT_FUNDS */
	const char *goal;  /* NULL: DEFAULT_GOAL */
	const char *inds;  /* the indicators: JSON objects joined by commas */
};

/* Reads the table t as the JSON form {"projects": [ … ]}; it must hold one project. */
static struct jx_project *build(const struct table *t)
{
	struct jx_buf b = JX_BUF_INIT;
	struct jx_project *p[2];
	struct jx_err err = { 0 };
	int n;

	jx_buf_addf(&b, NULL,
		    "{\"projects\": [{\"year\": %d, \"name\": \"测试项目\", \"unit\": \"测试局\", \"funds\": %s, "
		    "\"goal\": \"%s\", \"indicators\": [%s]}]}",
		    t->year ? t->year : 2021, t->funds ? t->funds : DEFAULT_FUNDS, t->goal ? t->goal : DEFAULT_GOAL,
		    t->inds);
	n = read_projects(b.ptr, b.len, p, 2, &err);
	if (n != 1)
		fail_msg("expected one project, got %d: %s\n%s", n, err.msg, b.ptr);
	jx_buf_release(&b);
	return p[0];
}

/* Checks the table t with r, appending to out. */
static void review(const struct jx_review *r, const struct table *t, struct jx_findings *out)
{
	struct jx_project *p = build(t);

	jx_review_check(r, p, out);
	jx_project_free(p);
}

static struct jx_review *builtin(void)
{
	struct jx_review *r = NULL;
	struct jx_err err = { 0 };

	if (jx_review_load(&r, NULL, &err))
		fail_msg("built-in configuration: %s", err.msg);
	assert_non_null(r);
	return r;
}

/* ---- looking at findings ---- */

/* How many findings rule has; the first of them in *first (NULL if none). */
static size_t count_rule(const struct jx_findings *f, const char *rule, const struct jx_finding **first)
{
	size_t i, n = 0;

	if (first)
		*first = NULL;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].rule, rule) == 0) {
			if (first && n == 0)
				*first = &f->f[i];
			n++;
		}
	return n;
}

/* The findings as text, for failure messages (a static buffer). */
static const char *describe(const struct jx_findings *f)
{
	static char buf[4096];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < f->n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "[%s %s %s] %s\n", f->f[i].rule,
					jx_severity_name(f->f[i].severity), f->f[i].indicator ? f->f[i].indicator : "-",
					f->f[i].message);
	return buf;
}

static void assert_contains(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("“%s” does not contain “%s”", text, want);
}

/* Checks r on t and asserts how many findings rule has. */
static void expect_rule(const struct jx_review *r, const struct table *t, const char *rule, size_t want)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	size_t n;

	review(r, t, &f);
	n = count_rule(&f, rule, NULL);
	if (n != want)
		fail_msg("%s: %zu findings, expected %zu, in table [%s]:\n%s", rule, n, want, t->inds, describe(&f));
	jx_findings_clear(&f);
}

/* The severities of data/review/rules.json, in the catalogue's order. */
static const struct {
	const char *rule;
	enum jx_severity severity;
} builtin_severities[N_RULES] = {
	{ "goal-missing", JX_SEV_ERROR },     { "funds-sum", JX_SEV_ERROR },
	{ "indicators-missing", JX_SEV_ERROR }, { "value-missing", JX_SEV_ERROR },
	{ "level-mismatch", JX_SEV_ERROR },   { "percent-range", JX_SEV_ERROR },
	{ "output-missing", JX_SEV_WARNING }, { "effect-missing", JX_SEV_WARNING },
	{ "satisfaction-missing", JX_SEV_WARNING }, { "quantity-missing", JX_SEV_WARNING },
	{ "cost-missing", JX_SEV_WARNING },   { "cost-sum", JX_SEV_WARNING },
	{ "cost-over-standard", JX_SEV_WARNING }, { "target-below-history", JX_SEV_WARNING },
	{ "target-below-peers", JX_SEV_WARNING },
	{ "basis-missing", JX_SEV_OFF },     { "weight-sum", JX_SEV_WARNING },
	{ "duplicate-indicator", JX_SEV_WARNING }, { "vague-value", JX_SEV_WARNING },
	{ "goal-number", JX_SEV_INFO },       { "indicator-not-in-library", JX_SEV_INFO },
	{ "grade-poor", JX_SEV_ERROR },
};

static enum jx_severity builtin_severity(const char *rule)
{
	size_t i;

	for (i = 0; i < N_RULES; i++)
		if (strcmp(builtin_severities[i].rule, rule) == 0)
			return builtin_severities[i].severity;
	fail_msg("no rule %s", rule);
	return JX_SEV_OFF;
}

/* ---- each rule: fires on one table, silent on a near-identical clean one ---- */

struct rule_case {
	const char *rule;
	struct table fire;     /* breaks the rule */
	struct table silent;   /* near-identical, and clean: no rule fires */
	size_t count;          /* findings of the rule on fire */
	const char *indicator; /* the first finding's indicator, or NULL */
	const char *msg[5];    /* what its message holds */
};

static struct rule_case rule_cases[N_RULES] = {
	{ "goal-missing", { .goal = "", .inds = CLEAN }, { .inds = CLEAN }, 1, NULL, { "年度目标为空" } },
	{ "funds-sum",
	  { .funds = FUNDS("10.00", "8.00", "1.50"), .inds = CLEAN },
	  { .funds = FUNDS("10.00", "8.50", "1.50"), .inds = CLEAN },
	  1,
	  NULL,
	  { "年度资金总额 10.00 万元", "财政拨款 8.00 万元", "其他资金 1.50 万元", "之和 9.50 万元" } },
	{ "indicators-missing", { .inds = "" }, { .inds = CLEAN }, 1, NULL, { "没有绩效指标" } },
	{ "value-missing",
	  { .inds = QTY ", " FEE ", " EFFECT ", " IND_NO_TARGET("满意度指标", "服务对象满意度指标", "满意度 (%)") },
	  { .inds = CLEAN },
	  1,
	  "满意度",
	  { "指标“满意度”", "没有指标值" } },
	{ "level-mismatch",
	  { .inds = CLEAN ", " IND("效益指标", "数量指标", "受益人数 (人)", "≥5") },
	  { .inds = CLEAN ", " IND("产出指标", "数量指标", "受益人数 (人)", "≥5") },
	  1,
	  "受益人数",
	  { "二级指标“数量指标”不属于一级指标“效益指标”", "2015", "属于“产出指标”" } },
	{ "percent-range",
	  { .inds = QTY ", " FEE ", " EFFECT_T("=120%") ", " SAT },
	  { .inds = QTY ", " FEE ", " EFFECT_T("=100%") ", " SAT },
	  1,
	  "知晓率",
	  { "指标“知晓率”", "120%", "0–100%" } },
	{ "output-missing", { .inds = EFFECT ", " SAT }, { .inds = CLEAN }, 1, NULL, { "没有产出指标" } },
	{ "effect-missing", { .inds = QTY ", " FEE ", " SAT }, { .inds = CLEAN }, 1, NULL, { "没有效益指标" } },
	{ "satisfaction-missing", { .inds = QTY ", " FEE ", " EFFECT }, { .inds = CLEAN }, 1, NULL, { "没有满意度指标" } },
	{ "quantity-missing",
	  { .inds = IND("产出指标", "数量指标", "培训完成情况", "全部完成") ", " FEE ", " EFFECT ", " SAT },
	  { .inds = CLEAN },
	  1,
	  NULL,
	  { "没有量化的数量指标" } },
	{ "cost-missing",
	  { .inds = WITH_COSTS(COST("培训成本节约率 (%)", "≥1%")) },
	  { .inds = CLEAN },
	  1,
	  NULL,
	  { "没有以金额计的成本指标" } },
	{ "cost-sum",
	  { .funds = FUNDS("32.09", "32.09", "0.00"), .inds = WITH_COSTS(EDU_COSTS) },
	  { .funds = FUNDS("31.47", "31.47", "0.00"), .inds = WITH_COSTS(EDU_COSTS) },
	  1,
	  NULL,
	  { "5 项", "合计 31.47 万元", "年度资金总额 32.09 万元", "相差 0.62 万元" } },
	{ "cost-over-standard",
	  { .inds = WITH_COSTS(FEE ", " COST("培训综合定额 (元/人·天)", "≤600")) },
	  { .inds = WITH_COSTS(FEE ", " COST("培训综合定额 (元/人·天)", "≤550")) },
	  1,
	  "培训综合定额",
	  { "成本指标“培训综合定额”", "≤600 元/人·天", "高于支出标准 550 元/人天", "一类培训", "财行〔2016〕540号" } },
	/* without a baseline (jx_review_check) it cannot fire: test_history below */
	{ "target-below-history", { .inds = CLEAN }, { .inds = CLEAN }, 0, NULL, { NULL } },
	/* without the other tables' targets (jx_review_check) it cannot fire: test_library's test_peers and
	 * t0040-peers */
	{ "target-below-peers", { .inds = CLEAN }, { .inds = CLEAN }, 0, NULL, { NULL } },
	/* off by default: test_basis below turns it on */
	{ "basis-missing", { .inds = CLEAN }, { .inds = CLEAN }, 0, NULL, { NULL } },
	/* 分值 of output (50 points: 培训次数 and 培训费) that add up to 40, then to 50 */
	{ "weight-sum",
	  { .inds = WQTY("30") ", " WFEE("10") ", " WEFFECT("30") ", " WSAT("10") },
	  { .inds = WQTY("30") ", " WFEE("20") ", " WEFFECT("30") ", " WSAT("10") },
	  1,
	  NULL,
	  { "产出指标的分值合计 40", "应为 50 分" } },
	{ "duplicate-indicator",
	  { .inds = QTY ", " IND("产出指标", "数量指标", "高性能移动工作站 (个)", "=1") ", " IND(
		    "产出指标", "数量指标", "高性能移动工作站 (个)", "=2") ", " FEE ", " EFFECT ", " SAT },
	  { .inds = QTY ", " IND("产出指标", "数量指标", "高性能移动工作站 (个)", "=1") ", " COST(
		    "高性能移动工作站 (万元)", "=10") ", " EFFECT ", " SAT },
	  1,
	  "高性能移动工作站",
	  { "指标“高性能移动工作站”", "产出指标", "数量指标", "两次" } },
	{ "vague-value",
	  { .inds = QTY ", " FEE ", " EFFECT_T("显著提高") ", " SAT },
	  { .inds = CLEAN },
	  1,
	  "知晓率",
	  { "指标“知晓率”", "以“%”计量", "“显著提高”" } },
	{ "goal-number",
	  { .goal = "参保人数19926人。", .inds = CLEAN },
	  { .goal = "参保人数19926人。", .inds = CLEAN ", " IND("产出指标", "数量指标", "参保人数 (人)", "≥19926") },
	  1,
	  NULL,
	  { "“19926人”", "以 19926 为指标值" } },
	/* without a library (jx_review_check) it cannot fire: test_library_rule below */
	{ "indicator-not-in-library", { .inds = CLEAN }, { .inds = CLEAN }, 0, NULL, { NULL } },
	/* 完整性 25 − (goal-missing 15 + quantity-missing 5 + cost-missing 5) = 0, 适当性 25 − funds-sum 15,
	 * 可行性 25 − vague-value 5, 相关性 25: 55 points, under 中's 60 */
	{ "grade-poor",
	  { .goal = "",
	    .funds = FUNDS("10.00", "8.00", "1.50"),
	    .inds = IND("产出指标", "数量指标", "培训完成情况", "全部完成") ", " EFFECT_T("显著提高") ", " SAT },
	  { .inds = CLEAN },
	  1,
	  NULL,
	  { "审核评级为差", "55 分", "完整性 0、相关性 25、适当性 10、可行性 20", "不得列入预算" } },
};

static void test_rule_fires(void **state)
{
	const struct rule_case *c = *state;
	struct jx_review *r = builtin();
	struct jx_findings f = JX_FINDINGS_INIT;
	const struct jx_finding *first = NULL;
	size_t i;

	review(r, &c->fire, &f);
	if (count_rule(&f, c->rule, &first) != c->count)
		fail_msg("%s: expected %zu findings, got:\n%s", c->rule, c->count, describe(&f));
	if (c->count == 0) { /* a rule that needs more than the table (test_history) */
		jx_findings_clear(&f);
		jx_review_free(r);
		return;
	}
	assert_int_equal(first->severity, builtin_severity(c->rule));
	if (c->indicator) {
		assert_non_null(first->indicator);
		assert_string_equal(first->indicator, c->indicator);
	} else {
		assert_null(first->indicator);
	}
	for (i = 0; i < LEN(c->msg) && c->msg[i]; i++)
		assert_contains(first->message, c->msg[i]);
	jx_findings_clear(&f);
	jx_review_free(r);
}

static void test_rule_silent(void **state)
{
	const struct rule_case *c = *state;
	struct jx_review *r = builtin();
	struct jx_findings f = JX_FINDINGS_INIT;

	review(r, &c->silent, &f);
	if (f.n != 0)
		fail_msg("%s: the near-identical table should be clean, got:\n%s", c->rule, describe(&f));
	jx_findings_clear(&f);
	jx_review_free(r);
}

/* ---- the rules' edge cases ---- */

static void test_catalogue_ids_in_order(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(jx_review_rule_count(), N_RULES);
	for (i = 0; i < N_RULES; i++) {
		assert_int_equal(strcmp(rule_cases[i].rule, builtin_severities[i].rule), 0);
		assert_string_equal(jx_review_rule_id(i), builtin_severities[i].rule);
	}
	assert_null(jx_review_rule_id(N_RULES));
}

static void test_funds_sum_tolerance_is_zero(void **state)
{
	static const struct {
		const char *funds;
		size_t want;
	} cases[] = {
		{ FUNDS("10.00", "9.99", "0.00"), 1 },
		{ FUNDS("10.00", "10.00", "0.01"), 1 },
		{ FUNDS("10.00", "9.99", "0.01"), 0 },
		{ FUNDS("0.00", "0.00", "0.00"), 0 },
	};
	struct jx_review *r = builtin();
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { .funds = cases[i].funds, .inds = CLEAN };

		expect_rule(r, &t, "funds-sum", cases[i].want);
	}
	jx_review_free(r);
}

/* cost-missing and cost-sum count the same indicators: level-2 成本指标 (2015) or level-1 成本指标
 * (2021) with = or ≤ in 元, 万元, 亿元 or 万元/年 — not ≥, not a rate. Funds are 10.00 万元. */
static void test_cost_rules_count_money_amounts_only(void **state)
{
	static const struct {
		const char *inds;
		size_t missing, sum;
		const char *msg; /* in the cost-sum finding */
	} cases[] = {
		{ WITH_COSTS(FEE), 0, 0, NULL },
		{ WITH_COSTS(COST("培训费 (元)", "=100000")), 0, 0, NULL },
		{ WITH_COSTS(COST("培训费 (元)", "=99800")), 0, 1, "合计 9.98 万元" },
		{ WITH_COSTS(COST("培训费 (亿元)", "=0.001")), 0, 0, NULL },
		{ WITH_COSTS(COST("培训费 (亿元)", "=0.0012")), 0, 1, "合计 12.00 万元" },
		{ WITH_COSTS(COST("培训费 (万元/年)", "=10")), 0, 0, NULL },
		{ WITH_COSTS(COST("培训费 (万元/年)", "=12")), 0, 1, "相差 2.00 万元" },
		{ WITH_COSTS(COST("培训费 (万元)", "≤10")), 0, 0, NULL },
		{ WITH_COSTS(COST("培训费 (万元)", "≤12")), 0, 1, "合计 12.00 万元" },
		{ WITH_COSTS(COST("资料费 (元)", "=20000") ", " COST("培训费 (万元)", "=8")), 0, 0, NULL },
		{ WITH_COSTS(COST("培训费 (万元)", "≥10")), 1, 0, NULL },
		{ WITH_COSTS(FEE ", " COST("资料费 (万元)", "≥2")), 0, 0, NULL },
		{ WITH_COSTS(COST("人均补助 (元/人/月)", "=175")), 1, 0, NULL },
		{ WITH_COSTS(FEE ", " COST("人均补助 (元/人/月)", "=175")), 0, 0, NULL },
		{ WITH_COSTS(COST("单位成本节约率 (%)", "≥1%")), 1, 0, NULL },
		{ QTY ", " IND("产出指标", "质量指标", "资金到位 (万元)", "=10") ", " EFFECT ", " SAT, 1, 0, NULL },
		{ WITH_COSTS_2021(COST_2021("培训费 (万元)", "=10")), 0, 0, NULL },
		{ WITH_COSTS_2021(COST_2021("培训费 (万元)", "=12")), 0, 1, "合计 12.00 万元" },
		{ WITH_COSTS_2021(COST_2021("培训费 (元)", "=100000")), 0, 0, NULL },
		{ WITH_COSTS_2021(COST_2021("单位成本节约率 (%)", "≥1%")), 1, 0, NULL },
	};
	struct jx_review *r = builtin();
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { .inds = cases[i].inds };
		struct jx_findings f = JX_FINDINGS_INIT;
		const struct jx_finding *sum = NULL;

		review(r, &t, &f);
		if (count_rule(&f, "cost-missing", NULL) != cases[i].missing ||
		    count_rule(&f, "cost-sum", &sum) != cases[i].sum)
			fail_msg("case %zu [%s]:\n%s", i, t.inds, describe(&f));
		if (cases[i].msg)
			assert_contains(sum->message, cases[i].msg);
		jx_findings_clear(&f);
	}
	jx_review_free(r);
}

static void test_cost_level1_in_2021_framework(void **state)
{
	struct table t = { .inds = WITH_COSTS_2021(COST_2021("培训费 (万元)", "=10")) };
	struct jx_project *p = build(&t);

	(void)state;
	assert_string_equal(p->framework, "2021");
	assert_string_equal(p->ind[0].level1, "成本指标");
	jx_project_free(p);
}

/* The tolerance is 0.01 万元: a difference of exactly 0.01 is silent, 0.02 fires. */
static void test_cost_sum_tolerance(void **state)
{
	static const struct {
		const char *inds;
		size_t want;
	} cases[] = {
		{ WITH_COSTS(COST("培训费 (万元)", "=9.99")), 0 },  { WITH_COSTS(COST("培训费 (万元)", "=10.01")), 0 },
		{ WITH_COSTS(COST("培训费 (万元)", "=9.98")), 1 },  { WITH_COSTS(COST("培训费 (万元)", "=10.02")), 1 },
		{ WITH_COSTS(COST("培训费 (元)", "=99900")), 0 },   { WITH_COSTS(COST("培训费 (元)", "=99899")), 1 },
	};
	struct jx_review *r = builtin();
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { .inds = cases[i].inds };

		expect_rule(r, &t, "cost-sum", cases[i].want);
	}
	jx_review_free(r);
}

static void test_percent_range_bounds(void **state)
{
	static const struct {
		const char *inds;
		size_t want;
		const char *msg;
	} cases[] = {
		{ QTY ", " FEE ", " EFFECT_T("=120%") ", " SAT, 1, "120%" },
		{ QTY ", " FEE ", " EFFECT_T("=-5%") ", " SAT, 1, "-5%" },
		{ QTY ", " FEE ", " EFFECT_T("=100.5%") ", " SAT, 1, "100.5%" },
		{ QTY ", " FEE ", " EFFECT_T("=0%") ", " SAT, 0, NULL },
		{ QTY ", " FEE ", " EFFECT_T("=100%") ", " SAT, 0, NULL },
		{ QTY ", " FEE ", " EFFECT_T("≥100.0%") ", " SAT, 0, NULL },
		{ QTY ", " FEE ", " IND("效益指标", "社会效益指标", "受益人数 (人)", "=120") ", " SAT, 0, NULL },
	};
	struct jx_review *r = builtin();
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { .inds = cases[i].inds };
		struct jx_findings f = JX_FINDINGS_INIT;
		const struct jx_finding *first = NULL;

		review(r, &t, &f);
		if (count_rule(&f, "percent-range", &first) != cases[i].want)
			fail_msg("case %zu [%s]:\n%s", i, t.inds, describe(&f));
		if (cases[i].msg)
			assert_contains(first->message, cases[i].msg);
		jx_findings_clear(&f);
	}
	jx_review_free(r);
}

/* Two indicators under 效益指标/数量指标 and one under 产出指标/社会效益指标: two pairs, two findings. */
static void test_level_mismatch_once_per_pair(void **state)
{
	struct table t = { .inds = CLEAN ", " IND("效益指标", "数量指标", "受益人数 (人)", "≥5") ", " IND(
				    "效益指标", "数量指标", "受益户数 (户)", "≥2") ", " IND("产出指标", "社会效益指标",
											  "社会影响", "明显") };
	struct jx_review *r = builtin();
	struct jx_findings f = JX_FINDINGS_INIT;
	const struct jx_finding *first = NULL;

	(void)state;
	review(r, &t, &f);
	if (count_rule(&f, "level-mismatch", &first) != 2)
		fail_msg("expected two level-mismatch findings:\n%s", describe(&f));
	assert_string_equal(first->indicator, "受益人数");
	assert_string_equal(first[1].rule, "level-mismatch");
	assert_string_equal(first[1].indicator, "社会影响");
	assert_contains(first[1].message, "二级指标“社会效益指标”不属于一级指标“产出指标”");
	assert_contains(first[1].message, "属于“效益指标”");
	jx_findings_clear(&f);
	jx_review_free(r);
}

static void test_duplicate_needs_same_name_unit_and_level2(void **state)
{
	static const struct {
		const char *inds;
		size_t want;
	} cases[] = {
		{ WITH_COSTS(FEE) ", " IND("产出指标", "数量指标", "培训次数 (次)", "≥12"), 1 },
		{ WITH_COSTS(FEE) ", " IND("产出指标", "数量指标", "培训次数 (次)", "≥12") ", " QTY, 2 },
		{ WITH_COSTS(FEE) ", " IND("产出指标", "数量指标", "培训次数 (场)", "≥10"), 0 },
		{ WITH_COSTS(FEE) ", " IND("产出指标", "质量指标", "培训次数 (次)", "≥10"), 0 },
		{ WITH_COSTS(FEE) ", " IND("产出指标", "数量指标", "培训次数", "按计划"), 0 },
		{ WITH_COSTS(IND("产出指标", "数量指标", "高性能移动工作站 (个)", "=1") ", " IND(
			  "产出指标", "数量指标", "高性能移动工作站 (万元)", "=3") ", " FEE),
		  0 },
		{ WITH_COSTS(IND("产出指标", "数量指标", "工作站情况", "完成") ", " IND("产出指标", "数量指标",
											     "工作站情况", "完成") ", " FEE),
		  1 },
	};
	struct jx_review *r = builtin();
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { .inds = cases[i].inds };

		expect_rule(r, &t, "duplicate-indicator", cases[i].want);
	}
	jx_review_free(r);
}

static void test_vague_value_needs_unit_and_qualitative_target(void **state)
{
	static const struct {
		const char *extra;
		size_t want;
	} cases[] = {
		{ IND("效益指标", "社会效益指标", "社会知晓度 (%)", "显著提高"), 1 },
		{ IND("效益指标", "社会效益指标", "受益人数 (人)", "明显增加"), 1 },
		{ IND("效益指标", "社会效益指标", "社会知晓情况", "显著提高"), 0 },
		{ IND_NO_TARGET("效益指标", "社会效益指标", "社会知晓度 (%)"), 0 },
		{ IND("效益指标", "社会效益指标", "社会知晓度 (%)", "≥90%"), 0 },
	};
	struct jx_review *r = builtin();
	struct jx_buf inds = JX_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { 0 };

		jx_buf_reset(&inds);
		jx_buf_addf(&inds, NULL, "%s, %s", CLEAN, cases[i].extra);
		t.inds = inds.ptr;
		expect_rule(r, &t, "vague-value", cases[i].want);
	}
	jx_buf_release(&inds);
	jx_review_free(r);
}

static void test_goal_number_needs_an_indicator_carrying_it(void **state)
{
	static const struct {
		const char *goal, *inds;
		size_t want;
	} cases[] = {
		{ "参保人数19926人。", CLEAN, 1 },
		{ "参保人数19926人。", CLEAN ", " IND("产出指标", "数量指标", "参保人数 (人)", "≥19926"), 0 },
		{ "参保人数19926人，缴费人数15426人。", CLEAN ", " IND("产出指标", "数量指标", "参保人数 (人)", "≥19926"), 1 },
		{ "参保完成率95%以上。", CLEAN, 0 }, /* 满意度 ≥95% carries 95 */
		{ "参保完成率96%以上。", CLEAN, 1 },
		{ "2021年完成培训。", CLEAN, 0 }, /* 年 does not mark a planned quantity */
		{ "完成培训10次。", CLEAN, 0 },   /* 培训次数 ≥10 */
	};
	struct jx_review *r = builtin();
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { .goal = cases[i].goal, .inds = cases[i].inds };

		expect_rule(r, &t, "goal-number", cases[i].want);
	}
	jx_review_free(r);
}

/* Findings come in the catalogue's order, then the indicators'. */
static void test_findings_in_catalogue_then_indicator_order(void **state)
{
	struct table t = {
		.goal = "",
		.inds = QTY ", " FEE ", " IND_NO_TARGET("效益指标", "社会效益指标", "甲率 (%)") ", " EFFECT_T("=120%")
			", " IND_NO_TARGET("满意度指标", "服务对象满意度指标", "乙满意度 (%)")
			", " IND("满意度指标", "服务对象满意度指标", "丙满意度 (%)", "很高"),
	};
	static const struct {
		const char *rule, *indicator;
	} want[] = {
		{ "goal-missing", NULL },       { "value-missing", "甲率" }, { "value-missing", "乙满意度" },
		{ "percent-range", "知晓率" }, { "vague-value", "丙满意度" }, { "grade-poor", NULL },
	};
	struct jx_review *r = builtin();
	struct jx_findings f = JX_FINDINGS_INIT;
	size_t i;

	(void)state;
	review(r, &t, &f);
	if (f.n != LEN(want))
		fail_msg("expected %zu findings:\n%s", LEN(want), describe(&f));
	for (i = 0; i < LEN(want); i++) {
		assert_string_equal(f.f[i].rule, want[i].rule);
		if (want[i].indicator)
			assert_string_equal(f.f[i].indicator, want[i].indicator);
		else
			assert_null(f.f[i].indicator);
	}
	jx_findings_clear(&f);
	jx_review_free(r);
}

/* ---- the seed ---- */

static void test_seed_findings(void **state)
{
	static const struct {
		size_t project;
		const char *rule, *indicator;
		const char *msg[3];
	} want[] = {
		{ 0, "cost-missing", NULL, { "没有以金额计的成本指标" } },
		{ 1, "value-missing", "建档立卡学生入学率", { "建档立卡学生入学率" } },
		{ 1, "cost-sum", NULL, { "合计 31.47 万元", "32.09 万元", "相差 0.62 万元" } },
		{ 4, "cost-sum", NULL, { "合计 47.13 万元", "59.95 万元", "相差 12.82 万元" } },
	};
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	struct jx_review *r = builtin();
	size_t len, i, k, w = 0;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);

	(void)state;
	assert_int_equal(read_projects(text, len, p, MAXP, &err), 5);
	for (i = 0; i < 5; i++) {
		struct jx_findings f = JX_FINDINGS_INIT;

		jx_review_check(r, p[i], &f);
		for (k = 0; k < f.n; k++) {
			if (f.f[k].severity < JX_SEV_WARNING)
				continue;
			if (w == LEN(want) || want[w].project != i || strcmp(f.f[k].rule, want[w].rule) != 0)
				fail_msg("project %zu: unexpected finding:\n%s", i, describe(&f));
			if (want[w].indicator)
				assert_string_equal(f.f[k].indicator, want[w].indicator);
			else
				assert_null(f.f[k].indicator);
			for (size_t m = 0; m < LEN(want[w].msg) && want[w].msg[m]; m++)
				assert_contains(f.f[k].message, want[w].msg[m]);
			w++;
		}
		if (w < LEN(want) && want[w].project == i)
			fail_msg("project %zu: missing %s:\n%s", i, want[w].rule, describe(&f));
		jx_findings_clear(&f);
	}
	assert_int_equal(w, LEN(want));
	free_projects(p, 5);
	free(text);
	jx_review_free(r);
}

/* ---- the configuration ---- */

/* Writes text to a new file in /tmp; its path in path. */
static void write_conf(const char *text, char *path, size_t cap)
{
	size_t n = strlen(text);
	int fd;

	snprintf(path, cap, "/tmp/jixiao-test-review-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

/* Loads a configuration file holding text (which must load). */
static struct jx_review *load_text(const char *text)
{
	struct jx_review *r = NULL;
	struct jx_err err = { 0 };
	char path[64];

	int rc;

	write_conf(text, path, sizeof(path));
	rc = jx_review_load(&r, path, &err);
	unlink(path);
	if (rc)
		fail_msg("%s: %s", text, err.msg);
	assert_non_null(r);
	return r;
}

/* The severity of rule's only finding on t with r; JX_SEV_OFF if it has none. */
static enum jx_severity severity_on(const struct jx_review *r, const struct table *t, const char *rule, bool *block)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	const struct jx_finding *first = NULL;
	enum jx_severity s = JX_SEV_OFF;

	review(r, t, &f);
	if (count_rule(&f, rule, &first) > 1)
		fail_msg("%s fires more than once:\n%s", rule, describe(&f));
	if (first)
		s = first->severity;
	if (block)
		*block = jx_findings_block(&f);
	jx_findings_clear(&f);
	return s;
}

static const struct table cost_sum_table = { .funds = FUNDS("32.09", "32.09", "0.00"), .inds = WITH_COSTS(EDU_COSTS) };

static void test_builtin_loads_with_null_path(void **state)
{
	struct jx_review *r = NULL;
	struct jx_err err = { 0 };
	bool block;

	(void)state;
	assert_int_equal(jx_review_load(&r, NULL, &err), 0);
	assert_non_null(r);
	assert_int_equal(err.code, JX_OK);
	assert_int_equal(severity_on(r, &cost_sum_table, "cost-sum", &block), JX_SEV_WARNING);
	assert_false(block);
	jx_review_free(r);
	jx_review_free(NULL);
}

static void test_file_overrides_severity(void **state)
{
	struct jx_review *r = load_text("{\"rules\": {\"cost-sum\": \"error\"}}");
	struct table goal = { .goal = "参保人数19926人。", .inds = CLEAN };
	bool block;

	(void)state;
	assert_int_equal(severity_on(r, &cost_sum_table, "cost-sum", &block), JX_SEV_ERROR);
	assert_true(block);
	assert_int_equal(severity_on(r, &goal, "goal-number", &block), JX_SEV_INFO); /* the others stay */
	assert_false(block);
	jx_review_free(r);
}

static void test_off_disables_rule(void **state)
{
	struct jx_review *r = load_text("{\"rules\": {\"cost-sum\": \"off\", \"goal-missing\": \"off\"}}");
	struct table t = { .goal = "", .funds = FUNDS("32.09", "32.09", "0.00"), .inds = WITH_COSTS(EDU_COSTS) ", " IND(
										   "效益指标", "社会效益指标", "受益面 (%)", "=120%") };
	struct jx_findings f = JX_FINDINGS_INIT;

	(void)state;
	review(r, &t, &f);
	assert_int_equal(count_rule(&f, "cost-sum", NULL), 0);
	assert_int_equal(count_rule(&f, "goal-missing", NULL), 0);
	assert_int_equal(count_rule(&f, "percent-range", NULL), 1);
	jx_findings_clear(&f);
	jx_review_free(r);
}

static void test_year_entry_applies_to_its_year_only(void **state)
{
	static const struct {
		int year;
		enum jx_severity want;
	} cases[] = { { 2021, JX_SEV_WARNING }, { 2022, JX_SEV_ERROR }, { 2023, JX_SEV_WARNING } };
	struct jx_review *r = load_text("{\"years\": {\"2022\": {\"rules\": {\"cost-missing\": \"error\"}}}}");
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct table t = { .year = cases[i].year, .inds = WITH_COSTS(COST("单位成本节约率 (%)", "≥1%")) };
		struct table other = cost_sum_table;
		bool block;

		assert_int_equal(severity_on(r, &t, "cost-missing", &block), cases[i].want);
		assert_int_equal(block, cases[i].want == JX_SEV_ERROR);
		other.year = cases[i].year; /* the year's other rules keep the base severities */
		assert_int_equal(severity_on(r, &other, "cost-sum", NULL), JX_SEV_WARNING);
	}
	jx_review_free(r);
}

static void test_tolerance_override(void **state)
{
	static const struct {
		const char *conf;
		int year;
		enum jx_severity want; /* of cost-sum on the 0.62 difference */
	} cases[] = {
		{ "{\"tolerances\": {\"cost-sum\": \"1.00\"}}", 2021, JX_SEV_OFF },
		{ "{\"tolerances\": {\"cost-sum\": \"0.62\"}}", 2021, JX_SEV_OFF },
		{ "{\"tolerances\": {\"cost-sum\": \"0.61\"}}", 2021, JX_SEV_WARNING },
		{ "{\"years\": {\"2022\": {\"tolerances\": {\"cost-sum\": \"1.00\"}}}}", 2022, JX_SEV_OFF },
		{ "{\"years\": {\"2022\": {\"tolerances\": {\"cost-sum\": \"1.00\"}}}}", 2021, JX_SEV_WARNING },
		{ "{\"tolerances\": {\"funds-sum\": \"1.00\"}}", 2021, JX_SEV_WARNING },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct jx_review *r = load_text(cases[i].conf);
		struct table t = { .year = cases[i].year, .funds = cost_sum_table.funds, .inds = cost_sum_table.inds };

		if (severity_on(r, &t, "cost-sum", NULL) != cases[i].want)
			fail_msg("case %zu: %s", i, cases[i].conf);
		jx_review_free(r);
	}
}

static void test_funds_tolerance_override(void **state)
{
	struct jx_review *r = load_text("{\"tolerances\": {\"funds-sum\": \"0.50\"}}");
	struct table near = { .funds = FUNDS("10.00", "9.50", "0.00"), .inds = CLEAN };
	struct table far = { .funds = FUNDS("10.00", "9.49", "0.00"), .inds = CLEAN };

	(void)state;
	expect_rule(r, &near, "funds-sum", 0);
	expect_rule(r, &far, "funds-sum", 1);
	jx_review_free(r);
}

static void test_good_files_load(void **state)
{
	static const char *const good[] = {
		"{}",
		"{\"comment\": \"说明\"}",
		"{\"years\": {}}",
		"{\"years\": {\"2022\": {\"comment\": \"x\"}}}",
		"{\"rules\": {\"goal-number\": \"off\"}, \"tolerances\": {\"cost-sum\": \"0\"}}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(good); i++)
		jx_review_free(load_text(good[i]));
}

/* Loads a file holding text, which must fail with JX_EINPUT and a message naming the file and want. */
static void expect_bad(const char *text, const char *want)
{
	struct jx_review *r = NULL;
	struct jx_err err = { 0 };
	char path[64];

	int rc;

	write_conf(text, path, sizeof(path));
	rc = jx_review_load(&r, path, &err);
	unlink(path);
	if (rc == 0)
		jx_review_free(r);
	if (rc != -1 || err.code != JX_EINPUT || !strstr(err.msg, path) || !strstr(err.msg, want))
		fail_msg("%s: got %d “%s”, expected “%s”", text, err.code, err.msg, want);
	assert_null(r); /* untouched */
}

static void test_bad_files_fail_naming_file_and_problem(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "{\"rules\": {\"no-such-rule\": \"error\"}}", "未知的规则“no-such-rule”" },
		{ "{\"rules\": {\"cost-sum\": \"fatal\"}}", "规则“cost-sum”的级别应为 error、warning、info 或 off" },
		{ "{\"rules\": {\"cost-sum\": 3}}", "规则“cost-sum”的级别应为" },
		{ "{\"rules\": {\"cost-sum\": \"Error\"}}", "规则“cost-sum”的级别应为" },
		{ "{\"tolerances\": {\"cost-sum\": \"-0.01\"}}", "容差“cost-sum”应为以万元计的非负数字字符串" },
		{ "{\"tolerances\": {\"cost-sum\": 0.01}}", "容差“cost-sum”应为以万元计的非负数字字符串" },
		{ "{\"tolerances\": {\"cost-sum\": \"一分\"}}", "容差“cost-sum”应为" },
		{ "{\"tolerances\": {\"goal-sum\": \"0.01\"}}", "未知的容差“goal-sum”" },
		{ "{\"years\": {\"next\": {}}}", "“next”不是四位数的年份" },
		{ "{\"years\": {\"1900\": {}}}", "“1900”不是四位数的年份" },
		{ "{\"years\": {\"2022x\": {}}}", "“2022x”不是四位数的年份" },
		{ "{\"years\": {\" 2022\": {}}}", "“ 2022”不是四位数的年份" },
		{ "{\"years\": {\"+2022\": {}}}", "“+2022”不是四位数的年份" },
		{ "{\"years\": {\"2022\": []}}", "years.2022: 应为对象" },
		{ "{\"years\": {\"2022\": {\"rules\": {\"cost-sum\": \"fatal\"}}}}", "years.2022: 规则“cost-sum”的级别" },
		{ "{\"years\": {\"2022\": {\"years\": {}}}}", "years.2022: 未知的字段“years”" },
		{ "{\"rules\": {\"cost-sum\": ", "不是有效的 JSON" },
		{ "{\"rules\": {\"cost-sum\": \"error\", \"cost-sum\": \"off\"}}", "不是有效的 JSON" },
		{ "[]", "顶层应为 JSON 对象" },
		{ "{\"rule\": {}}", "未知的字段“rule”" },
		{ "{\"grading\": {\"deduct\": {\"warning\": -1}}}", "grading.deduct.warning 应为 0 到 100 的整数分数" },
		{ "{\"grading\": {\"deduct\": {\"warning\": \"5\"}}}", "grading.deduct.warning 应为 0 到 100" },
		{ "{\"grading\": {\"deduct\": {\"fatal\": 5}}}", "“fatal”既不是级别" },
		{ "{\"grading\": {\"grades\": {\"良\": 95}}}", "分数线应从优到中递减" },
		{ "{\"grading\": {\"grades\": {\"差\": 10}}}", "“差”应为优、良或中" },
		{ "{\"grading\": {\"dimensions\": {\"效率\": []}}}", "未知的方面“效率”" },
		{ "{\"grading\": {\"dimensions\": {\"可行性\": [\"grade-poor\"]}}}", "可行性 的第 1 项不是可扣分的规则编号" },
		{ "{\"grading\": {\"points\": {}}}", "grading 中未知的字段“points”" },
		{ "{\"standards\": {\"entries\": {}}}", "standards.entries 应为数组" },
		{ "{\"standards\": {\"list\": []}}", "standards 中未知的字段“list”" },
		{ "{\"standards\": {\"entries\": [{\"name\": \"x\", \"keywords\": [\"培训\"], \"units\": [\"元/人天\"], \"max\": \"1\"}]}}",
		  "第 1 项应有 name 和 source" },
		{ "{\"standards\": {\"entries\": [{\"name\": \"x\", \"source\": \"y\", \"keywords\": [], \"units\": [\"元/人天\"], \"max\": \"1\"}]}}",
		  "第 1 项的 keywords 和 units 应为非空字符串的数组" },
		{ "{\"standards\": {\"entries\": [{\"name\": \"x\", \"source\": \"y\", \"keywords\": [\"a\"], \"units\": [\"元/人天\"], \"max\": 550}]}}",
		  "第 1 项的 max 应为非负数字字符串" },
		{ "{\"standards\": {\"entries\": [{\"name\": \"x\", \"source\": \"y\", \"keywords\": [\"a\"], \"units\": [\"元\"], \"max\": \"1\", \"min\": \"0\"}]}}",
		  "第 1 项有未知的字段“min”" },
		{ "{\"years\": {\"2022\": {\"grading\": {\"dimensions\": {}}}}}", "years.2022: grading 中未知的字段“dimensions”" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++)
		expect_bad(cases[i].text, cases[i].want);
}

/* An entry of the wrong type is refused: {"tolerances": "x"} once loaded, replacing the built-in
 * tolerances with 0 (cost-sum then fired on a 0.01 difference); "years": [] and a year's "rules": "x" or
 * "tolerances": "x" loaded too. */
static void test_entries_of_wrong_type_fail(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "{\"tolerances\": \"x\"}", "tolerances" },
		{ "{\"tolerances\": []}", "tolerances" },
		{ "{\"years\": []}", "years" },
		{ "{\"years\": {\"2022\": {\"rules\": \"x\"}}}", "rules" },
		{ "{\"years\": {\"2022\": {\"tolerances\": \"x\"}}}", "tolerances" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++)
		expect_bad(cases[i].text, cases[i].want);
}

/* A file that is JSON but not an object is reported without a line (it once said "path:-1: …"). */
static void test_non_object_file_reports_no_line_minus_one(void **state)
{
	struct jx_review *r = NULL;
	struct jx_err err = { 0 };
	char path[64];
	int rc;

	(void)state;
	write_conf("[]", path, sizeof(path));
	rc = jx_review_load(&r, path, &err);
	unlink(path);
	assert_int_equal(rc, -1);
	assert_contains(err.msg, path);
	if (strstr(err.msg, ":-1:"))
		fail_msg("bogus line number in “%s”", err.msg);
}

static void test_missing_file_fails(void **state)
{
	struct jx_review *r = NULL;
	struct jx_err err = { 0 };
	char path[64];

	(void)state;
	write_conf("{}", path, sizeof(path));
	unlink(path);
	assert_int_equal(jx_review_load(&r, path, &err), -1);
	assert_int_not_equal(err.code, JX_OK);
	assert_contains(err.msg, path);
	assert_null(r);
}

/* ---- findings ---- */

static void test_block_only_with_an_error(void **state)
{
	static struct jx_finding fs[] = {
		{ "goal-number", JX_SEV_INFO, NULL, NULL, 0, 0 },
		{ "cost-sum", JX_SEV_WARNING, NULL, NULL, 0, 0 },
		{ "cost-sum", JX_SEV_OFF, NULL, NULL, 0, 0 },
		{ "goal-missing", JX_SEV_ERROR, NULL, NULL, 0, 0 },
	};
	struct jx_findings empty = JX_FINDINGS_INIT, some = { fs, 3, 3 }, all = { fs, 4, 4 }, error = { fs + 3, 1, 1 };

	(void)state;
	assert_false(jx_findings_block(&empty));
	assert_false(jx_findings_block(&some));
	assert_true(jx_findings_block(&all));
	assert_true(jx_findings_block(&error));
}

/* The grade arithmetic: 25 a dimension, each finding's deduction from its own, never below 0; the
 * cut-offs and deductions as configured, per year. */
static void test_grade_arithmetic(void **state)
{
	static const struct table clean = { .inds = CLEAN };
	/* value-missing (error, 完整性 15) and vague-value (warning, 可行性 5) */
	static const struct table two = { .inds = QTY ", " FEE ", " EFFECT_T("显著提高") ", " IND_NO_TARGET(
						  "满意度指标", "服务对象满意度指标", "满意度 (%)") };
	/* vague-value six times: 可行性 loses 30, but only its 25 */
	static const struct table six = {
		.inds = IND("产出指标", "数量指标", "培训次数 (次)", "很多") ", " IND("产出指标", "数量指标", "培训人数 (人)",
										    "很多") ", " IND("产出指标", "质量指标",
												     "合格率 (%)", "较高") ", " FEE
			", " EFFECT_T("显著提高") ", " IND("效益指标", "社会效益指标", "覆盖率 (%)", "较高") ", " IND(
				"满意度指标", "服务对象满意度指标", "满意度 (%)", "很满意")
	};
	static const struct {
		const char *conf; /* NULL: the built-in */
		const struct table *t;
		int year;
		int points, dims[JX_N_DIM];
		const char *label;
	} cases[] = {
		{ NULL, &clean, 2021, 100, { 25, 25, 25, 25 }, "优" },
		{ NULL, &two, 2021, 80, { 10, 25, 25, 20 }, "良" },
		{ "{\"grading\": {\"grades\": {\"良\": 81}}}", &two, 2021, 80, { 10, 25, 25, 20 }, "中" },
		{ "{\"grading\": {\"deduct\": {\"error\": 30}}}", &two, 2021, 70, { 0, 25, 25, 20 }, "中" },
		{ "{\"grading\": {\"deduct\": {\"vague-value\": 1}}}", &two, 2021, 84, { 10, 25, 25, 24 }, "良" },
		{ "{\"years\": {\"2022\": {\"grading\": {\"deduct\": {\"warning\": 0}}}}}", &two, 2022, 85,
		  { 10, 25, 25, 25 }, "良" },
		{ "{\"years\": {\"2022\": {\"grading\": {\"deduct\": {\"warning\": 0}}}}}", &two, 2021, 80,
		  { 10, 25, 25, 20 }, "良" },
		{ NULL, &six, 2021, 70, { 20, 25, 25, 0 }, "中" },
	};
	size_t i;
	int d;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct jx_review *r = cases[i].conf ? load_text(cases[i].conf) : builtin();
		struct table t = *cases[i].t;
		struct jx_findings f = JX_FINDINGS_INIT;
		struct jx_grade g;

		t.year = cases[i].year;
		review(r, &t, &f);
		jx_review_grade(r, t.year, &f, &g);
		if (g.points != cases[i].points || strcmp(g.label, cases[i].label) != 0)
			fail_msg("case %zu: %d 分 %s, expected %d %s:\n%s", i, g.points, g.label, cases[i].points,
				 cases[i].label, describe(&f));
		for (d = 0; d < JX_N_DIM; d++)
			if (g.dimension[d] != cases[i].dims[d])
				fail_msg("case %zu: %s %d, expected %d", i, jx_dimension_label(d), g.dimension[d],
					 cases[i].dims[d]);
		jx_findings_clear(&f);
		jx_review_free(r);
	}
}

/* The standards are data: a unit written any way people write it, the first standard that applies
 * decides, a year or a file sets its own, and an indicator that is no cost, or no = or ≤, is left alone. */
static void test_standards(void **state)
{
	static const struct {
		const char *conf; /* NULL: the built-in */
		int year;
		const char *ind;
		size_t want;
	} cases[] = {
		{ NULL, 2021, COST("会议费 (元/人·天)", "=800"), 1 },
		{ NULL, 2021, COST("会议费 (元/人/天)", "=760"), 0 },
		{ NULL, 2021, COST("会议费 (元／人天)", "≤761"), 1 },
		{ NULL, 2021, COST("会议费 (元/人)", "=900"), 0 },        /* another unit */
		{ NULL, 2021, COST("差旅费 (元/人天)", "=900"), 0 },      /* no keyword */
		{ NULL, 2021, COST("培训费 (元/人天)", "≥900"), 0 },      /* ≥: no ceiling set */
		{ NULL, 2021, IND("产出指标", "数量指标", "培训天数 (元/人天)", "=900"), 0 }, /* no cost */
		{ "{\"years\": {\"2022\": {\"standards\": {\"entries\": [{\"name\": \"省培训费标准\", \"keywords\": [\"培训\"], "
		  "\"units\": [\"元/人天\"], \"max\": \"380\", \"source\": \"某省文件\"}]}}}}",
		  2022, COST("培训费 (元/人天)", "=400"), 1 },
		{ "{\"years\": {\"2022\": {\"standards\": {\"entries\": [{\"name\": \"省培训费标准\", \"keywords\": [\"培训\"], "
		  "\"units\": [\"元/人天\"], \"max\": \"380\", \"source\": \"某省文件\"}]}}}}",
		  2021, COST("培训费 (元/人天)", "=400"), 0 },
		{ "{\"standards\": {\"entries\": []}}", 2021, COST("培训费 (元/人天)", "=4000"), 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct jx_review *r = cases[i].conf ? load_text(cases[i].conf) : builtin();
		struct jx_findings f = JX_FINDINGS_INIT;
		char inds[1024];
		struct table t = { .year = cases[i].year, .inds = inds };
		const struct jx_finding *first = NULL;

		snprintf(inds, sizeof(inds), "%s, %s", CLEAN, cases[i].ind);
		review(r, &t, &f);
		if (count_rule(&f, "cost-over-standard", &first) != cases[i].want)
			fail_msg("case %zu: expected %zu:\n%s", i, cases[i].want, describe(&f));
		if (first && cases[i].conf)
			assert_contains(first->message, "380 元/人天（省培训费标准，依据：某省文件）");
		jx_findings_clear(&f);
		jx_review_free(r);
	}
}

/* The name of the same project in another year, and the rule against last year's actuals. */
static void test_history(void **state)
{
	static const struct {
		const char *name, *want;
	} names[] = {
		{ "博湖县2021年城乡居民养老保险项目", "博湖县2020年城乡居民养老保险项目" },
		{ "2021年度2021工程", "2020年度2020工程" },
		{ "编号120211号2021年", "编号120211号2020年" }, /* within a longer number: left alone */
		{ "城乡居民养老保险项目", "城乡居民养老保险项目" },
	};
	/* 培训次数 ≥10 against 12 last year: below; 知晓率 ≥90% against 85: fine; 满意度 ≥95% with no actual */
	struct table t = { .inds = CLEAN ", " IND("产出指标", "时效指标", "完成时限 (天)", "≤30") };
	struct jx_baseline_ind ind[6] = { { { true }, { { 12, 0 } } },
					  { { false }, { { 0, 0 } } },
					  { { true }, { { 85, 0 } } },
					  { { false }, { { 0, 0 } } },
					  { { true }, { { 20, 0 } } } };
	struct jx_baseline b = { 2021, { "上年的表" }, { 7 }, ind, 5 };
	struct jx_review *r = builtin();
	struct jx_findings f = JX_FINDINGS_INIT;
	const struct jx_finding *first = NULL;
	struct jx_project *p = build(&t);
	size_t i;

	(void)state;
	for (i = 0; i < LEN(names); i++) {
		char *got = jx_baseline_name(names[i].name, 2021, 2020);

		assert_string_equal(got, names[i].want);
		free(got);
	}
	assert_true(jx_review_uses_history(r, 2021));
	jx_review_check_with(r, p, &b, &f);
	assert_int_equal(count_rule(&f, "target-below-history", &first), 2);
	assert_string_equal(first->indicator, "培训次数");
	assert_contains(first->message, "指标值 ≥10次 低于上年实际完成值 12次（2020年度“上年的表”）");
	assert_contains(f.f[f.n - 1].message, "指标“完成时限”的指标值 ≤30天 高于上年实际完成值 20天");
	jx_findings_clear(&f);
	jx_project_free(p);
	jx_review_free(r);
}

/* indicator-not-in-library: an indicator no entry has the name and unit of (its labels aside), an info
 * that takes no points by default; silent without a library, and off when the year's rules say so. */
static void test_library_rule(void **state)
{
	static const char lib_text[] =
		"{\"entries\": [{\"name\": \"培训次数\", \"unit\": \"次\", \"level1\": \"产出指标\", \"level2\": \"质量指标\"},"
		" {\"name\": \"知晓率\", \"unit\": \"%\", \"level1\": \"效益指标\", \"level2\": \"社会效益指标\"},"
		" {\"name\": \"满意度\", \"unit\": \"人\", \"level1\": \"满意度指标\", \"level2\": \"服务对象满意度指标\"}]}";
	struct jx_review *r = builtin(), *off = load_text("{\"years\": {\"2021\": {\"rules\": {\"indicator-not-in-library\": \"off\"}}}}");
	struct jx_library lib = JX_LIBRARY_INIT;
	struct jx_findings f = JX_FINDINGS_INIT, without = JX_FINDINGS_INIT;
	struct jx_project *p = build(&(struct table){ .inds = CLEAN });
	const struct jx_finding *first = NULL;
	struct jx_grade g, g_without;
	struct jx_err err = { 0 };

	(void)state;
	assert_int_equal(jx_library_read(&lib, lib_text, strlen(lib_text), "lib.json", false, &err), 0);
	assert_true(jx_review_uses_library(r, 2021));
	jx_review_check_full(r, p, NULL, &lib, &f);
	/* 培训次数 (次) and 知晓率 (%) are in it, labels aside; 培训费 is not, nor 满意度 in % (the library's is in 人) */
	assert_int_equal(count_rule(&f, "indicator-not-in-library", &first), 2);
	assert_string_equal(first->indicator, "培训费");
	assert_int_equal(first->severity, JX_SEV_INFO);
	assert_contains(first->message, "指标“培训费”（万元）不在指标库中");
	assert_string_equal(f.f[f.n - 1].indicator, "满意度");
	jx_review_check(r, p, &without);
	assert_int_equal(count_rule(&without, "indicator-not-in-library", NULL), 0);
	jx_review_grade(r, 2021, &f, &g);
	jx_review_grade(r, 2021, &without, &g_without);
	assert_int_equal(g.points, g_without.points); /* news for the library, not a fault of the table */
	jx_findings_clear(&f);
	assert_false(jx_review_uses_library(off, 2021));
	jx_review_check_full(off, p, NULL, &lib, &f);
	assert_int_equal(count_rule(&f, "indicator-not-in-library", NULL), 0);
	jx_findings_clear(&f);
	jx_findings_clear(&without);
	jx_library_free(&lib);
	jx_project_free(p);
	jx_review_free(r);
	jx_review_free(off);
}

/* basis-missing, for a year whose rules ask: a quantitative target whose row names no standard. */
static void test_basis(void **state)
{
	struct jx_review *r = load_text("{\"years\": {\"2022\": {\"rules\": {\"basis-missing\": \"warning\"}}}}");
	struct table t = { .year = 2022,
			   .inds = "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"培训次数 (次)\", "
				   "\"target\": \"≥10\", \"basis\": \"计划标准\"}, " FEE ", " EFFECT_T("显著提高") ", " SAT };
	struct jx_findings f = JX_FINDINGS_INIT;
	const struct jx_finding *first = NULL;

	(void)state;
	review(r, &t, &f);
	/* 培训次数 names its basis; 培训费 and 满意度 do not; 知晓率's target is not a number */
	assert_int_equal(count_rule(&f, "basis-missing", &first), 2);
	assert_string_equal(first->indicator, "培训费");
	assert_contains(first->message, "没有写明指标值的依据（计划标准、行业标准、历史标准、预算支出标准或其他标准）");
	jx_findings_clear(&f);
	t.year = 2021;
	review(r, &t, &f);
	assert_int_equal(count_rule(&f, "basis-missing", NULL), 0);
	jx_findings_clear(&f);
	jx_review_free(r);
}

/* A table graded 差 cannot be approved although none of its findings but grade-poor is an error; with
 * grade-poor a warning it can. */
static void test_poor_grade_blocks(void **state)
{
	/* eight warnings: the 完整性 ones (output, quantity, cost) take its 15; vague-value four times
	 * takes 可行性's 20 — 65 points, 中; with warnings at 8: 完整性 1, 可行性 0: 51, 差 */
	static const struct table t = { .inds = IND("效益指标", "社会效益指标", "覆盖率 (%)", "较高") ", " EFFECT_T(
						"显著提高") ", " IND("效益指标", "社会效益指标", "普及率 (%)", "较高") ", " IND(
						"满意度指标", "服务对象满意度指标", "满意度 (%)", "很满意") };
	static const char *const confs[] = {
		"{\"grading\": {\"deduct\": {\"warning\": 8}}}",
		"{\"grading\": {\"deduct\": {\"warning\": 8}}, \"rules\": {\"grade-poor\": \"warning\"}}",
		"{}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(confs); i++) {
		struct jx_review *r = load_text(confs[i]);
		struct jx_findings f = JX_FINDINGS_INIT;
		const struct jx_finding *poor = NULL;
		struct jx_grade g;
		size_t k;

		review(r, &t, &f);
		for (k = 0; k < f.n; k++)
			if (strcmp(f.f[k].rule, "grade-poor") != 0 && f.f[k].severity == JX_SEV_ERROR)
				fail_msg("conf %zu: an error besides grade-poor:\n%s", i, describe(&f));
		jx_review_grade(r, 2021, &f, &g);
		count_rule(&f, "grade-poor", &poor);
		if (i < 2) {
			assert_string_equal(g.label, "差");
			assert_non_null(poor);
			assert_int_equal(poor->deduct, 0);
			assert_contains(poor->message, "51 分");
			assert_int_equal(jx_findings_block(&f), i == 0);
		} else {
			assert_string_equal(g.label, "中");
			assert_null(poor);
			assert_false(jx_findings_block(&f));
		}
		jx_findings_clear(&f);
		jx_review_free(r);
	}
}

static void test_block_from_checks(void **state)
{
	static const struct {
		struct table t;
		bool block;
	} cases[] = {
		{ { .inds = CLEAN }, false },
		{ { .goal = "参保人数19926人。", .inds = CLEAN }, false },         /* info */
		{ { .inds = WITH_COSTS(COST("节约率 (%)", "≥1%")) }, false },      /* warning */
		{ { .goal = "", .inds = CLEAN }, true },                           /* error */
		{ { .funds = FUNDS("10.00", "9.00", "0.00"), .inds = CLEAN }, true }, /* error */
	};
	struct jx_review *r = builtin();
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct jx_findings f = JX_FINDINGS_INIT;

		review(r, &cases[i].t, &f);
		if (jx_findings_block(&f) != cases[i].block)
			fail_msg("case %zu:\n%s", i, describe(&f));
		jx_findings_clear(&f);
	}
	jx_review_free(r);
}

/* Checks append; clear frees everything (leaks would fail under AddressSanitizer) and leaves out
 * empty and reusable. */
static void test_check_appends_and_clear_empties(void **state)
{
	struct table none = { .goal = "", .inds = "" }, cost = cost_sum_table;
	struct jx_review *r = builtin();
	struct jx_findings f = JX_FINDINGS_INIT;
	size_t n;

	(void)state;
	review(r, &none, &f);
	n = f.n;
	assert_true(n >= 7); /* goal, indicators, output, effect, satisfaction, quantity, cost */
	review(r, &cost, &f);
	assert_int_equal(f.n, n + 1);
	assert_string_equal(f.f[n].rule, "cost-sum");
	jx_findings_clear(&f);
	assert_null(f.f);
	assert_int_equal(f.n, 0);
	assert_int_equal(f.cap, 0);
	jx_findings_clear(&f);
	review(r, &cost, &f);
	assert_int_equal(f.n, 1);
	jx_findings_clear(&f);
	jx_review_free(r);
}

static void test_severity_names_and_labels(void **state)
{
	static const struct {
		enum jx_severity s;
		const char *name, *label;
	} cases[] = {
		{ JX_SEV_OFF, "off", "关闭" },
		{ JX_SEV_INFO, "info", "提示" },
		{ JX_SEV_WARNING, "warning", "警告" },
		{ JX_SEV_ERROR, "error", "错误" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		assert_string_equal(jx_severity_name(cases[i].s), cases[i].name);
		assert_string_equal(jx_severity_label(cases[i].s), cases[i].label);
	}
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_catalogue_ids_in_order),
		cmocka_unit_test(test_funds_sum_tolerance_is_zero),
		cmocka_unit_test(test_cost_rules_count_money_amounts_only),
		cmocka_unit_test(test_cost_level1_in_2021_framework),
		cmocka_unit_test(test_cost_sum_tolerance),
		cmocka_unit_test(test_percent_range_bounds),
		cmocka_unit_test(test_level_mismatch_once_per_pair),
		cmocka_unit_test(test_duplicate_needs_same_name_unit_and_level2),
		cmocka_unit_test(test_vague_value_needs_unit_and_qualitative_target),
		cmocka_unit_test(test_goal_number_needs_an_indicator_carrying_it),
		cmocka_unit_test(test_findings_in_catalogue_then_indicator_order),
		cmocka_unit_test(test_seed_findings),
		cmocka_unit_test(test_builtin_loads_with_null_path),
		cmocka_unit_test(test_file_overrides_severity),
		cmocka_unit_test(test_off_disables_rule),
		cmocka_unit_test(test_year_entry_applies_to_its_year_only),
		cmocka_unit_test(test_tolerance_override),
		cmocka_unit_test(test_funds_tolerance_override),
		cmocka_unit_test(test_good_files_load),
		cmocka_unit_test(test_bad_files_fail_naming_file_and_problem),
		cmocka_unit_test(test_entries_of_wrong_type_fail),
		cmocka_unit_test(test_non_object_file_reports_no_line_minus_one),
		cmocka_unit_test(test_missing_file_fails),
		cmocka_unit_test(test_block_only_with_an_error),
		cmocka_unit_test(test_block_from_checks),
		cmocka_unit_test(test_grade_arithmetic),
		cmocka_unit_test(test_standards),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_library_rule),
		cmocka_unit_test(test_basis),
		cmocka_unit_test(test_poor_grade_blocks),
		cmocka_unit_test(test_check_appends_and_clear_empties),
		cmocka_unit_test(test_severity_names_and_labels),
	};
	static char names[2 * N_RULES][64];
	struct CMUnitTest tests[2 * N_RULES + LEN(fixed)];
	size_t i;

	/* One test per rule that makes it fire, and one that keeps it silent: test_<rule>_fires, _silent. */
	for (i = 0; i < N_RULES; i++) {
		snprintf(names[2 * i], sizeof(names[0]), "test_%s_fires", rule_cases[i].rule);
		snprintf(names[2 * i + 1], sizeof(names[0]), "test_%s_silent_on_near_identical_table", rule_cases[i].rule);
		tests[2 * i] = (struct CMUnitTest){ names[2 * i], test_rule_fires, NULL, NULL, &rule_cases[i] };
		tests[2 * i + 1] = (struct CMUnitTest){ names[2 * i + 1], test_rule_silent, NULL, NULL, &rule_cases[i] };
	}
	memcpy(tests + 2 * N_RULES, fixed, sizeof(fixed));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
