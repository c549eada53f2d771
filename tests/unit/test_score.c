/*
 * test_score.c — self-evaluation on 100 points (score.h), with every figure computed by hand: each
 * branch of the indicator formula, the equal split of a group's points, budget execution, the single
 * rounding of the total, the grades at their boundaries, when a deviation reason is asked for, the 2021
 * framework's cost indicators, per-year settings and the summaries by unit and by year.
 *
 * Tables are built in the JSON form (year 2021, framework 2015, funds 100.00 unless a case says
 * otherwise) and actuals are given as rows, grouped by jx_actuals_latest() as the store's would be.
 * With the default weights a lone output indicator carries w = 50 points, which keeps the arithmetic
 * easy to check: the expected figures are written next to each case.
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
#include "jixiao/evaluation.h"
#include "jixiao/score.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

#define IND(l1, l2, name, target) \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": \"" target "\"}"
#define WIND(l1, l2, name, target, weight) \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": \"" target "\", \"weight\": \"" weight "\"}"
#define IND_NO_TARGET(l1, l2, name) \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": null}"
#define OUT(name, target) IND("产出指标", "数量指标", name, target)
#define EFF(name, target) IND("效益指标", "社会效益指标", name, target)
#define SAT(name, target) IND("满意度指标", "服务对象满意度指标", name, target)

#define assert_dec(d, want)                                        \
	do {                                                       \
		char b_[JX_DEC_STRMAX];                            \
		assert_string_equal(jx_dec_format((d), b_), want); \
	} while (0)

/* An actual as the store would give it (date and reason optional). */
struct row {
	const char *ind, *unit, *value, *as_of, *reason;
};

struct table {
	int year;              /* 0: 2021 */
	const char *framework; /* NULL: 2015 */
	const char *total;     /* NULL: 100.00 */
	const char *unit;      /* NULL: 测试局 */
	const char *name;      /* NULL: 测试项目 */
	const char *inds;
};

static struct jx_eval *ev; /* the built-in settings */

static int group_setup(void **state)
{
	struct jx_err err = { 0 };

	(void)state;
	if (jx_eval_load(&ev, NULL, &err))
		fail_msg("%s", err.msg);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	jx_eval_free(ev);
	return 0;
}

static struct jx_project *build(const struct table *t)
{
	struct jx_buf b = JX_BUF_INIT;
	struct jx_project *p[2];
	struct jx_err err = { 0 };
	const char *total = t->total ? t->total : "100.00";
	int n;

	jx_buf_addf(&b, NULL,
		    "{\"projects\": [{\"year\": %d, \"name\": \"%s\", \"unit\": \"%s\", "
		    "\"funds\": {\"total\": \"%s\", \"fiscal\": \"%s\", \"other\": \"0.00\"}, \"goal\": \"完成年度任务。\", "
		    "\"framework\": \"%s\", \"indicators\": [%s]}]}",
		    t->year ? t->year : 2021, t->name ? t->name : "测试项目", t->unit ? t->unit : "测试局", total, total,
		    t->framework ? t->framework : "2015", t->inds);
	n = read_projects(b.ptr, b.len, p, 2, &err);
	if (n != 1)
		fail_msg("expected one project, got %d: %s\n%s", n, err.msg, b.ptr);
	jx_buf_release(&b);
	return p[0];
}

static void latest(const struct row *rows, size_t n, struct jx_actuals *out)
{
	struct jx_actual a[16];
	size_t i;

	assert_true(n <= LEN(a));
	for (i = 0; i < n; i++)
		a[i] = (struct jx_actual){ 1,
					   rows[i].ind,
					   rows[i].unit,
					   rows[i].value,
					   rows[i].as_of ? rows[i].as_of : "2021-12-31",
					   rows[i].reason,
					   "2022-01-10T02:00:00Z",
					   "张三" };
	jx_actuals_latest(a, n, NULL, out);
}

/* A table scored with its actuals: everything to free at the end. */
struct scored {
	struct jx_project *p;
	struct jx_actuals a;
	struct jx_score sc;
};

static void score(struct scored *s, const struct table *t, const struct row *rows, size_t n)
{
	s->p = build(t);
	latest(rows, n, &s->a);
	jx_score_project(jx_eval_for_year(ev, s->p->year), s->p, &s->a, &s->sc);
}

static void release(struct scored *s)
{
	jx_score_free(&s->sc);
	jx_actuals_free(&s->a);
	jx_project_free(s->p);
}

/* Scores a table of one output indicator 指标 (unit) (w = 50) with target and actual (NULL: none):
 * checks its points, its score want, and that the total is the same (no other group has points). Returns
 * whether a deviation reason is asked for. */
static bool one(const char *target, const char *unit, const char *actual, const char *want)
{
	char inds[256];
	struct table t = { .inds = inds };
	struct row r = { "指标", unit, actual, NULL, NULL };
	struct scored s;
	char got[JX_DEC_STRMAX];
	bool ask;

	if (*unit)
		snprintf(inds, sizeof(inds), OUT("指标 (%s)", "%s"), unit, target);
	else
		snprintf(inds, sizeof(inds), OUT("指标", "%s"), target);
	score(&s, &t, &r, actual ? 1 : 0);
	assert_int_equal(s.sc.n, 1);
	assert_int_equal(s.sc.ind[0].group, JX_GROUP_OUTPUT);
	assert_dec(s.sc.ind[0].points, "50.00");
	if (actual)
		assert_non_null(s.sc.ind[0].actual);
	jx_dec_format(s.sc.ind[0].score, got);
	if (strcmp(got, want) != 0)
		fail_msg("%s, actual %s: scored %s, want %s", target, actual ? actual : "(none)", got, want);
	assert_dec(s.sc.total, want);
	ask = s.sc.ind[0].ask_reason;
	release(&s);
	return ask;
}

/* ---- the indicator formula ---- */

static void test_ge_met(void **state)
{
	(void)state;
	one("≥80", "人", "80", "50.00");
	one("≥80", "人", "95", "50.00");
	one("≥80%", "%", "80.0", "50.00");
	/* > scores like ≥: w if a ≥ t (the issue: "`≥` or `>`: w if a ≥ t") */
	one(">80", "人", "80", "50.00");
	one(">80", "人", "81", "50.00");
}

static void test_ge_partial(void **state)
{
	(void)state;
	one("≥80", "人", "60", "37.50");     /* 50 × 60/80 */
	one("≥3", "人", "2", "33.33");       /* 50 × 2/3 = 33.333… */
	one("≥80", "人", "79.912", "49.95"); /* 50 × 79.912/80 = 49.945 exactly: half-up, not to even */
	one(">80", "人", "40", "25.00");     /* 50 × 40/80 */
}

static void test_ge_nonpositive_actual(void **state)
{
	(void)state;
	one("≥80", "人", "0", "0.00");
	one("≥80", "人", "-5", "0.00");
	one(">80", "人", "-0.01", "0.00");
}

static void test_le(void **state)
{
	(void)state;
	one("≤10", "天", "10", "50.00");    /* met */
	one("≤10", "天", "3", "50.00");
	one("≤10", "天", "12", "40.00");    /* 50 × (1 − 2/10) */
	one("≤10", "天", "15", "25.00");    /* 50 × (1 − 5/10) */
	one("≤10", "天", "19.9", "0.50");   /* 50 × (1 − 9.9/10) */
	one("≤10", "天", "20", "0.00");     /* a = 2t */
	one("≤10", "天", "25", "0.00");     /* over 2t */
	one("<10", "天", "10", "50.00");    /* < scores like ≤: w if a ≤ t */
	one("<10", "天", "12", "40.00");
	one("≤3", "天", "4", "33.33");      /* 50 × (1 − 1/3) = 33.333… */
}

static void test_equal(void **state)
{
	(void)state;
	/* t = 100: met within 0.1% of 100 = 0.1 */
	one("=100", "个", "100", "50.00");
	one("=100", "个", "100.1", "50.00");
	one("=100", "个", "99.9", "50.00");
	one("=100", "个", "100.11", "49.95"); /* 50 × (1 − 0.11/100) = 49.945: half-up */
	one("=100", "个", "90", "45.00");     /* 50 × (1 − 10/100) */
	one("=100", "个", "110", "45.00");
	one("=100", "个", "150", "25.00");
	/* far off: 1 − |a − t|/|t| ≤ 0 */
	one("=100", "个", "200", "0.00");
	one("=100", "个", "250", "0.00");
	one("=100", "个", "0", "0.00");
	/* |t| < 1: the tolerance is 0.1% of 1 = 0.001 */
	one("=0.5", "吨", "0.501", "50.00");
	one("=0.5", "吨", "0.499", "50.00");
	one("=0.5", "吨", "0.502", "49.80"); /* 50 × (1 − 0.002/0.5) */
}

static void test_target_zero(void **state)
{
	(void)state;
	/* on the target's side of 0: w, else 0; strictly for > and < */
	one("≥0", "起", "0", "50.00");
	one("≥0", "起", "5", "50.00");
	one("≥0", "起", "-1", "0.00");
	one(">0", "起", "0", "0.00");
	one(">0", "起", "0.01", "50.00");
	one(">0", "起", "-1", "0.00");
	one("≤0", "起", "0", "50.00");
	one("≤0", "起", "-3", "50.00");
	one("≤0", "起", "1", "0.00");
	one("<0", "起", "0", "0.00");
	one("<0", "起", "-1", "50.00");
	one("<0", "起", "1", "0.00");
	/* =: within 0.1% of max(|0|, 1) = 0.001, else 0 */
	one("=0", "起", "0", "50.00");
	one("=0", "起", "0.001", "50.00");
	one("=0", "起", "-0.001", "50.00");
	one("=0", "起", "0.002", "0.00");
	one("=0", "起", "5", "0.00");
}

static void test_negative_target(void **state)
{
	(void)state;
	/* w if met, else w × max(0, 1 − |a − t|/|t|) */
	one("≥-5", "", "-4", "50.00");
	one("≥-5", "", "-5", "50.00");
	one("≥-5", "", "-6", "40.00");   /* 50 × (1 − 1/5) */
	one("≥-5", "", "-10", "0.00");   /* 1 − 5/5 = 0 */
	one("≥-5", "", "-12", "0.00");
	one("≤-5", "", "-6", "50.00");
	one("≤-5", "", "-4", "40.00");   /* 50 × (1 − 1/5) */
	one("≤-5", "", "0", "0.00");
	one("=-5", "", "-5.5", "45.00"); /* 50 × (1 − 0.5/5) */
	one("=-5", "", "-5.005", "50.00"); /* within 0.1% of 5 = 0.005 */
}

static void test_qualitative(void **state)
{
	(void)state;
	one("显著提高", "", "达成", "50.00");
	one("显著提高", "", "部分达成", "35.00"); /* 70% of 50 */
	one("显著提高", "", "未达成", "15.00");   /* 30% of 50 */
	one("显著提高", "", "达成 85%", "42.50");
	one("显著提高", "", "部分达成 75%", "37.50");
	one("显著提高", "", "未达成 10%", "5.00");
	one("显著提高", "", "未达成 0%", "0.00");
	one("显著提高", "", "部分达成 66.67%", "33.34"); /* 50 × 0.6667 = 33.335: half-up */
	/* rows the import would refuse score nothing: a number for a qualitative indicator, a level for a
	 * quantitative one */
	one("显著提高", "", "100", "0.00");
	one("≥80", "人", "达成", "0.00");
}

/* An indicator without an actual in a project that has others earns nothing and asks a reason; alone
 * (nothing recorded at all) the project is not evaluated and asks none. */
static void test_no_actual(void **state)
{
	struct table t = { .inds = OUT("人数 (人)", "≥80") ", " OUT("次数 (次)", "≥10") };
	struct row r = { "次数", "次", "10", NULL, NULL };
	struct scored s;

	(void)state;
	score(&s, &t, &r, 1);
	assert_true(s.sc.evaluated);
	assert_null(s.sc.ind[0].actual);
	assert_dec(s.sc.ind[0].score, "0.00");
	assert_true(s.sc.ind[0].ask_reason);
	assert_int_equal(s.sc.missing_reasons, 1);
	release(&s);
	assert_false(one("≥80", "人", NULL, "0.00"));
	assert_false(one("显著提高", "", NULL, "0.00"));
}

/* ---- groups and points ---- */

static void test_indicator_without_target_has_no_points(void **state)
{
	struct table t = { .inds = IND_NO_TARGET("产出指标", "数量指标", "入学率 (%)") ", " OUT("人数 (人)", "≥80") };
	struct row r[] = { { "入学率", "%", "90", NULL, NULL }, { "人数", "人", "60", NULL, NULL } };
	struct scored s;

	(void)state;
	score(&s, &t, r, LEN(r));
	assert_int_equal(s.sc.ind[0].group, -1); /* renderers show — for its points and score */
	assert_int_equal(s.sc.ind[0].points.coef, 0);
	assert_int_equal(s.sc.ind[0].score.coef, 0);
	assert_false(s.sc.ind[0].ask_reason);
	/* the other takes the group's 50 points alone: 50 × 60/80 */
	assert_dec(s.sc.ind[1].points, "50.00");
	assert_dec(s.sc.ind[1].score, "37.50");
	assert_dec(s.sc.points[JX_GROUP_OUTPUT], "50");
	assert_dec(s.sc.total, "37.50");
	release(&s);
}

static void test_group_without_targets_scores_nothing(void **state)
{
	/* effect has an indicator without a target, satisfaction none: both score 0 and their 40 points
	 * are lost, so the best this table can do is 10 + 50 = 60 */
	struct table t = { .inds = OUT("人数 (人)", "≥80") ", " IND_NO_TARGET("效益指标", "社会效益指标", "入学率 (%)") };
	struct row r[] = { { "人数", "人", "80", NULL, NULL }, { "入学率", "%", "99", NULL, NULL }, { JX_SPENT, "万元", "100", NULL, NULL } };
	struct scored s;

	(void)state;
	score(&s, &t, r, LEN(r));
	assert_dec(s.sc.points[JX_GROUP_BUDGET], "10");
	assert_dec(s.sc.points[JX_GROUP_OUTPUT], "50");
	assert_int_equal(s.sc.points[JX_GROUP_EFFECT].coef, 0);
	assert_int_equal(s.sc.points[JX_GROUP_SATISFACTION].coef, 0);
	assert_dec(s.sc.score[JX_GROUP_BUDGET], "10.00");
	assert_dec(s.sc.score[JX_GROUP_OUTPUT], "50.00");
	assert_dec(s.sc.score[JX_GROUP_EFFECT], "0.00");
	assert_dec(s.sc.score[JX_GROUP_SATISFACTION], "0.00");
	assert_dec(s.sc.total, "60.00");
	assert_string_equal(s.sc.grade, "中");
	release(&s);
}

static void test_equal_split_is_exact(void **state)
{
	/* three output indicators: 50/3 points each, shown 16.67; all met, the group has exactly 50.00
	 * (the shown shares add up to 50.01) */
	struct table t = { .inds = OUT("甲 (人)", "≥10") ", " OUT("乙 (人)", "≥10") ", " OUT("丙 (人)", "≥10") };
	struct row r[] = { { "甲", "人", "10", NULL, NULL }, { "乙", "人", "12", NULL, NULL }, { "丙", "人", "10", NULL, NULL } };
	struct table q = { .inds = OUT("甲", "及时") ", " OUT("乙", "及时") ", " OUT("丙", "及时") };
	struct row qr[] = { { "甲", "", "达成 80%", NULL, NULL }, { "乙", "", "达成 80%", NULL, NULL }, { "丙", "", "达成 80%", NULL, NULL } };
	struct scored s;
	size_t i;

	(void)state;
	score(&s, &t, r, LEN(r));
	for (i = 0; i < 3; i++) {
		assert_dec(s.sc.ind[i].points, "16.67");
		assert_dec(s.sc.ind[i].score, "16.67");
	}
	assert_dec(s.sc.score[JX_GROUP_OUTPUT], "50.00");
	assert_dec(s.sc.total, "50.00");
	release(&s);

	/* each earns 80% of 50/3 = 40/3 = 13.333…, shown 13.33 (adding up to 39.99); the total is 40.00 */
	score(&s, &q, qr, LEN(qr));
	for (i = 0; i < 3; i++)
		assert_dec(s.sc.ind[i].score, "13.33");
	assert_dec(s.sc.score[JX_GROUP_OUTPUT], "40.00");
	assert_dec(s.sc.total, "40.00");
	release(&s);
}

static void test_groups_split_separately(void **state)
{
	/* output 50 over 2 (25 each), effect 30 over 3 (10 each), satisfaction 10 over 1 */
	struct table t = { .inds = OUT("甲 (人)", "≥10") ", " OUT("乙 (人)", "≥10") ", "
				   EFF("丙 (%)", "≥90%") ", " EFF("丁 (%)", "≥90%") ", " EFF("戊", "明显") ", "
				   SAT("满意度 (%)", "≥90%") };
	struct row r[] = {
		{ "甲", "人", "5", NULL, NULL },    /* 25 × 5/10 = 12.5 */
		{ "乙", "人", "10", NULL, NULL },   /* 25 */
		{ "丙", "%", "81", NULL, NULL },    /* 10 × 81/90 = 9 */
		{ "丁", "%", "90", NULL, NULL },    /* 10 */
		{ "戊", "", "部分达成", NULL, NULL }, /* 7 */
		{ "满意度", "%", "72", NULL, NULL }, /* 10 × 72/90 = 8 */
		{ JX_SPENT, "万元", "80", NULL, NULL }, /* 10 × 80/100 = 8 */
	};
	struct scored s;

	(void)state;
	score(&s, &t, r, LEN(r));
	assert_dec(s.sc.ind[0].points, "25.00");
	assert_dec(s.sc.ind[2].points, "10.00");
	assert_dec(s.sc.ind[5].points, "10.00");
	assert_dec(s.sc.score[JX_GROUP_BUDGET], "8.00");
	assert_dec(s.sc.score[JX_GROUP_OUTPUT], "37.50");
	assert_dec(s.sc.score[JX_GROUP_EFFECT], "26.00");
	assert_dec(s.sc.score[JX_GROUP_SATISFACTION], "8.00");
	assert_dec(s.sc.total, "79.50"); /* 8 + 37.5 + 26 + 8 */
	assert_string_equal(s.sc.grade, "中");
	release(&s);
}

/* ---- budget execution ---- */

/* Scores a table of money total with spent recorded (NULL: none); checks the budget's score and rate. */
static void budget(const char *total, const char *spent, const char *want, const char *rate)
{
	struct table t = { .total = total, .inds = OUT("人数 (人)", "≥80") };
	struct row r = { JX_SPENT, "万元", spent, NULL, NULL };
	struct scored s;

	score(&s, &t, &r, spent ? 1 : 0);
	assert_dec(s.sc.points[JX_GROUP_BUDGET], "10");
	assert_dec(s.sc.score[JX_GROUP_BUDGET], want);
	assert_dec(s.sc.total, want);
	if (spent)
		assert_non_null(s.sc.spent);
	else
		assert_null(s.sc.spent);
	if (rate)
		assert_dec(s.sc.rate, rate);
	release(&s);
}

static void test_budget_execution(void **state)
{
	(void)state;
	budget("100.00", "95.3", "9.53", "95.30");    /* 95.3/100 × 10 */
	budget("100.00", "100", "10.00", "100.00");
	budget("100.00", "120", "10.00", "120.00");   /* overspent: capped at 1 */
	budget("32.09", "30", "9.35", "93.49");       /* 30/32.09 × 10 = 9.3487…; rate 93.487…% */
	budget("100.00", "0", "0.00", "0.00");
	budget("100.00", NULL, "0.00", NULL);         /* nothing spent recorded */
	budget("0.00", "1", "10.00", NULL);           /* no money, spending recorded: all its points */
}

/* ---- rounding and grades ---- */

static void test_total_rounded_once_at_the_end(void **state)
{
	/* budget 99.95/100 × 10 = 9.995, satisfaction 10 × 79.96/80 = 9.995: each shown as 10.00, but the
	 * total is 19.99 exactly, not 20.00 */
	struct table t = { .inds = SAT("满意度 (%)", "≥80%") };
	struct row r[] = { { "满意度", "%", "79.96", NULL, NULL }, { JX_SPENT, "万元", "99.95", NULL, NULL } };
	/* 9.995 + 50 + 30 × 60/90 + 10 = 89.995 exactly: rounds half-up to 90.00, which is 优 */
	struct table u = { .inds = OUT("人数 (人)", "≥100") ", " EFF("覆盖率 (%)", "≥90%") ", " SAT("满意度 (%)", "≥100%") };
	struct row v[] = { { "人数", "人", "100", NULL, NULL },
			   { "覆盖率", "%", "60", NULL, NULL },
			   { "满意度", "%", "100", NULL, NULL },
			   { JX_SPENT, "万元", "99.95", NULL, NULL } };
	struct scored s;

	(void)state;
	score(&s, &t, r, LEN(r));
	assert_dec(s.sc.score[JX_GROUP_BUDGET], "10.00");
	assert_dec(s.sc.score[JX_GROUP_SATISFACTION], "10.00");
	assert_dec(s.sc.ind[0].score, "10.00");
	assert_dec(s.sc.total, "19.99");
	release(&s);

	score(&s, &u, v, LEN(v));
	assert_dec(s.sc.score[JX_GROUP_BUDGET], "10.00");
	assert_dec(s.sc.score[JX_GROUP_EFFECT], "20.00");
	assert_dec(s.sc.total, "90.00");
	assert_string_equal(s.sc.grade, "优");
	release(&s);
}

/* A table with one indicator ≥100 in each of output (50), effect (30) and satisfaction (10), its
 * actuals o, e, sat (NULL: none) and spent: checks the total and grade. */
static void graded(const char *o, const char *e, const char *sat, const char *spent, const char *total, const char *grade)
{
	struct table t = { .inds = OUT("人数 (人)", "≥100") ", " EFF("覆盖率 (%)", "≥100%") ", " SAT("满意度 (%)", "≥100%") };
	struct row all[] = { { "人数", "人", o, NULL, NULL },
			     { "覆盖率", "%", e, NULL, NULL },
			     { "满意度", "%", sat, NULL, NULL },
			     { JX_SPENT, "万元", spent, NULL, NULL } };
	struct row r[4];
	struct scored s;
	size_t i, n = 0;

	for (i = 0; i < LEN(all); i++)
		if (all[i].value)
			r[n++] = all[i];
	score(&s, &t, r, n);
	assert_dec(s.sc.total, total);
	assert_string_equal(s.sc.grade, grade);
	release(&s);
}

static void test_grades_at_boundaries(void **state)
{
	(void)state;
	graded("100", "100", "100", "100", "100.00", "优");
	graded("100", "100", "100", NULL, "90.00", "优");   /* 50 + 30 + 10 */
	graded("100", "100", "99.9", NULL, "89.99", "良");  /* 50 + 30 + 9.99 */
	graded("100", "100", NULL, NULL, "80.00", "良");    /* 50 + 30 */
	graded("99.98", "100", NULL, NULL, "79.99", "中");  /* 49.99 + 30 */
	graded("100", NULL, NULL, "100", "60.00", "中");    /* 50 + 10 */
	graded("99.98", NULL, NULL, "100", "59.99", "差");  /* 49.99 + 10 */
	graded("0", NULL, NULL, NULL, "0.00", "差");        /* an actual of 0 counts: evaluated, 0 points */
}

/* No actual at all: not evaluated (未评价) — no score, no grade — rather than 0 points and 差. */
static void test_nothing_recorded_is_unevaluated(void **state)
{
	struct table t = { .inds = OUT("人数 (人)", "≥100") };
	struct row other = { "别的指标", "人", "5", NULL, NULL }; /* an actual of no indicator in the table */
	struct scored s;

	(void)state;
	score(&s, &t, NULL, 0);
	assert_false(s.sc.evaluated);
	assert_null(s.sc.grade);
	assert_int_equal(s.sc.before_year_end, 0);
	release(&s);
	score(&s, &t, &other, 1);
	assert_false(s.sc.evaluated);
	assert_null(s.sc.grade);
	release(&s);
}

/* Actuals dated before the year's last day make a score that is not the year's: counted, the
 * earliest day kept; those of the last day (or later) are the year's. */
static void test_before_year_end_flagged(void **state)
{
	struct table t = { .inds = OUT("人数 (人)", "≥100") ", " EFF("覆盖率 (%)", "≥100%") };
	struct row mid[] = { { "人数", "人", "60", "2021-06-30", NULL },
			     { "覆盖率", "%", "100", "2021-09-30", NULL },
			     { JX_SPENT, "万元", "10", "2021-12-31", NULL } };
	struct row end[] = { { "人数", "人", "100", "2021-12-31", NULL }, { JX_SPENT, "万元", "10", "2022-01-15", NULL } };
	struct scored s;

	(void)state;
	score(&s, &t, mid, LEN(mid));
	assert_true(s.sc.evaluated);
	assert_int_equal(s.sc.before_year_end, 2);
	assert_string_equal(s.sc.earliest, "2021-06-30");
	release(&s);
	score(&s, &t, end, LEN(end));
	assert_true(s.sc.evaluated);
	assert_int_equal(s.sc.before_year_end, 0);
	assert_null(s.sc.earliest);
	release(&s);
}

/* ---- deviation reasons ---- */

static void test_deviation_reason_asked(void **state)
{
	(void)state;
	/* under 80% of the points: 40 of 50 */
	assert_true(one("≥100", "人", "79.99", "40.00"));  /* 39.995, shown 40.00, still under 40 */
	assert_false(one("≥100", "人", "80", "40.00"));
	assert_true(one("显著提高", "", "部分达成", "35.00"));
	assert_true(one("显著提高", "", "未达成", "15.00"));
	assert_false(one("显著提高", "", "达成 80%", "40.00"));
	/* 30% or more over the target (≥ > =) */
	assert_false(one("≥100", "人", "129.99", "50.00"));
	assert_true(one("≥100", "人", "130", "50.00"));
	assert_true(one(">100", "人", "200", "50.00"));
	assert_true(one("=100", "个", "130", "35.00"));   /* 50 × (1 − 0.3), under 40 as well */
	assert_false(one("=100", "个", "120", "40.00"));  /* 20% over, exactly 80% of the points */
	/* 30% or more under the target (≤ <) */
	assert_false(one("≤100", "天", "70.01", "50.00"));
	assert_true(one("≤100", "天", "70", "50.00"));
	assert_true(one("<100", "天", "10", "50.00"));
	assert_false(one("≤100", "天", "120", "40.00"));  /* 50 × 0.8 */
	assert_true(one("≤100", "天", "120.01", "40.00")); /* 50 × 0.7999 = 39.995: shown 40.00, under 40 */
}

static void test_missing_reasons_counted(void **state)
{
	struct table t = { .inds = OUT("甲 (人)", "≥100") ", " OUT("乙 (人)", "≥100") ", " OUT("丙 (人)", "≥100") ", "
				   OUT("丁 (人)", "≥100") ", " IND_NO_TARGET("产出指标", "质量指标", "戊 (%)") };
	struct row r[] = {
		{ "甲", "人", "50", "2021-12-31", "受疫情影响，部分培训推迟" }, /* asked, given */
		{ "乙", "人", "50", "2021-12-31", NULL },                       /* asked, missing */
		{ "丙", "人", "100", "2021-12-31", NULL },                      /* met: not asked */
		/* 丁: no actual — earns 0, asked, missing; 戊: no target, not asked */
	};
	struct scored s;

	(void)state;
	score(&s, &t, r, LEN(r));
	assert_true(s.sc.ind[0].ask_reason);
	assert_true(s.sc.ind[1].ask_reason);
	assert_false(s.sc.ind[2].ask_reason);
	assert_true(s.sc.ind[3].ask_reason);
	assert_false(s.sc.ind[4].ask_reason);
	assert_int_equal(s.sc.missing_reasons, 2);
	release(&s);
}

/* ---- frameworks and settings ---- */

static void test_framework_2021_costs_count_in_output(void **state)
{
	/* level-1 成本指标 joins 产出指标: 50 over 2 = 25 each */
	struct table t = { .framework = "2021",
			   .inds = IND("成本指标", "经济成本指标", "培训费 (万元)", "=10") ", "
				   IND("产出指标", "数量指标", "培训次数 (次)", "≥10") ", " EFF("知晓率 (%)", "≥90%") ", "
				   SAT("满意度 (%)", "≥95%") };
	struct row r[] = { { "培训费", "万元", "10", NULL, NULL },
			   { "培训次数", "次", "5", NULL, NULL }, /* 25 × 5/10 */
			   { "知晓率", "%", "90", NULL, NULL },
			   { "满意度", "%", "95", NULL, NULL } };
	struct scored s;

	(void)state;
	assert_int_equal(jx_group_of("2021", "成本指标"), JX_GROUP_OUTPUT);
	assert_int_equal(jx_group_of("2021", "产出指标"), JX_GROUP_OUTPUT);
	assert_int_equal(jx_group_of("2015", "产出指标"), JX_GROUP_OUTPUT);
	assert_int_equal(jx_group_of("2015", "效益指标"), JX_GROUP_EFFECT);
	assert_int_equal(jx_group_of("2015", "满意度指标"), JX_GROUP_SATISFACTION);
	assert_int_equal(jx_group_of("2015", "其他指标"), -1);
	score(&s, &t, r, LEN(r));
	assert_int_equal(s.sc.ind[0].group, JX_GROUP_OUTPUT);
	assert_dec(s.sc.ind[0].points, "25.00");
	assert_dec(s.sc.ind[0].score, "25.00");
	assert_dec(s.sc.ind[1].score, "12.50");
	assert_dec(s.sc.score[JX_GROUP_OUTPUT], "37.50");
	assert_dec(s.sc.total, "77.50"); /* 0 + 37.5 + 30 + 10 */
	assert_string_equal(s.sc.grade, "中");
	release(&s);
}

/* Writes text to a new file in /tmp; its path in path. */
static void write_conf(const char *text, char *path, size_t cap)
{
	size_t n = strlen(text);
	int fd;

	snprintf(path, cap, "/tmp/jixiao-test-score-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

static void test_per_year_settings(void **state)
{
	/* 2022 gives budget execution 20 points and output 40 (merged member by member: effect and
	 * satisfaction keep 30 and 10), and 达成 counts for 90% */
	static const char conf[] = "{\"years\": {\"2022\": {\"score\": {\"weights\": {\"budget\": \"20\", \"output\": \"40\"}, "
				   "\"qualitative\": {\"达成\": {\"percent\": \"90\"}}}}}}";
	struct table t = { .year = 2022, .inds = OUT("人数 (人)", "≥80") ", " EFF("成效", "明显") };
	struct table t21 = { .inds = OUT("人数 (人)", "≥80") ", " EFF("成效", "明显") };
	struct row r[] = { { "人数", "人", "60", NULL, NULL }, { "成效", "", "达成", NULL, NULL }, { JX_SPENT, "万元", "50", NULL, NULL } };
	struct jx_eval *own = NULL;
	struct jx_err err = { 0 };
	const struct jx_eval_settings *s21, *s22;
	struct jx_project *p;
	struct jx_actuals a;
	struct jx_score sc;
	char path[64];
	int rc;

	(void)state;
	write_conf(conf, path, sizeof(path));
	rc = jx_eval_load(&own, path, &err);
	unlink(path);
	if (rc)
		fail_msg("%s", err.msg);
	s21 = jx_eval_for_year(own, 2021);
	s22 = jx_eval_for_year(own, 2022);
	assert_dec(s21->weight[JX_GROUP_BUDGET], "10");
	assert_dec(s22->weight[JX_GROUP_BUDGET], "20");
	assert_dec(s22->weight[JX_GROUP_OUTPUT], "40");
	assert_dec(s22->weight[JX_GROUP_EFFECT], "30");
	assert_dec(s22->level_percent[JX_LEVEL_MET], "90");
	assert_dec(s22->band_low[JX_LEVEL_MET], "80"); /* the band is kept from the base */

	/* 2022: budget 20 × 50/100 = 10, output 40 × 60/80 = 30, effect 30 × 90% = 27: 67.00 */
	p = build(&t);
	latest(r, LEN(r), &a);
	jx_score_project(s22, p, &a, &sc);
	assert_dec(sc.score[JX_GROUP_BUDGET], "10.00");
	assert_dec(sc.ind[0].points, "40.00");
	assert_dec(sc.score[JX_GROUP_OUTPUT], "30.00");
	assert_dec(sc.score[JX_GROUP_EFFECT], "27.00");
	assert_dec(sc.total, "67.00");
	jx_score_free(&sc);
	jx_project_free(p);

	/* 2021 as built in: 10 × 0.5 + 50 × 0.75 + 30 = 72.50 */
	p = build(&t21);
	jx_score_project(s21, p, &a, &sc);
	assert_dec(sc.total, "72.50");
	jx_score_free(&sc);
	jx_project_free(p);
	jx_actuals_free(&a);
	jx_eval_free(own);
}

static void test_bad_settings_refused(void **state)
{
	static const char *const bad[] = {
		"{\"score\": {\"weights\": {\"budget\": \"20\"}}}",                    /* 110 points */
		"{\"years\": {\"2022\": {\"score\": {\"weights\": {\"output\": \"45\"}}}}}", /* 95 in 2022 */
		"{\"score\": {\"weights\": {\"budget\": 10}}}",                        /* not a string */
		"{\"score\": {\"weigths\": {}}}",                                      /* misspelt */
		"{\"score\": {\"grades\": [[\"优\", \"90\"], [\"良\", \"95\"], [\"差\", \"0\"]]}}",
	};
	struct jx_eval *own = NULL;
	struct jx_err err = { 0 };
	char path[64];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < LEN(bad); i++) {
		write_conf(bad[i], path, sizeof(path));
		rc = jx_eval_load(&own, path, &err);
		unlink(path);
		if (rc == 0)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(strstr(err.msg, path));
	}
}

/* ---- 分值 and evaluation profiles ---- */

/* Scores t with rows under profile (NULL: national) into s; the caller releases s and frees *own. */
static void profiled(struct scored *s, struct jx_eval **own, const char *profile, const struct table *t,
		     const struct row *rows, size_t n)
{
	struct jx_err err = { 0 };

	if (jx_eval_load_profile(own, NULL, profile, &err))
		fail_msg("%s", err.msg);
	s->p = build(t);
	latest(rows, n, &s->a);
	jx_score_project(jx_eval_for_year(*own, s->p->year), s->p, &s->a, &s->sc);
}

/* 分值 that add up to the group's points are each indicator's own; otherwise the equal split, said. */
static void test_own_points(void **state)
{
	struct table given = { .inds = WIND("产出指标", "数量指标", "人数 (人)", "≥100", "30") ", "
				       WIND("产出指标", "数量指标", "次数 (次)", "≥10", "20") };
	struct table wrong = { .inds = WIND("产出指标", "数量指标", "人数 (人)", "≥100", "30") ", "
				       WIND("产出指标", "数量指标", "次数 (次)", "≥10", "10") };
	struct row r[] = { { "人数", "人", "50", NULL, NULL }, { "次数", "次", "10", NULL, NULL } };
	struct scored s;

	(void)state;
	score(&s, &given, r, LEN(r));
	assert_dec(s.sc.ind[0].points, "30.00");
	assert_dec(s.sc.ind[0].score, "15.00"); /* 30 × 50/100 */
	assert_dec(s.sc.ind[1].points, "20.00");
	assert_dec(s.sc.ind[1].score, "20.00");
	assert_dec(s.sc.score[JX_GROUP_OUTPUT], "35.00");
	assert_string_equal(s.sc.weight_note, "");
	release(&s);
	score(&s, &wrong, r, LEN(r));
	assert_dec(s.sc.ind[0].points, "25.00"); /* 30 + 10 is not 50: equal split */
	assert_dec(s.sc.score[JX_GROUP_OUTPUT], "37.50");
	assert_string_equal(s.sc.weight_note, "产出指标的分值合计 40，不等于 50 分，按平均分配计分");
	release(&s);
}

/* national is the built-in settings: the same score as without a profile, rule for rule. */
static void test_national_profile_is_today(void **state)
{
	struct table t = { .inds = OUT("人数 (人)", "≥100") ", " OUT("金额 (万元)", "=50") };
	struct row r[] = { { "人数", "人", "200", NULL, NULL }, { "金额", "万元", "45", NULL, NULL } };
	struct jx_eval *own = NULL;
	struct scored a, b;

	(void)state;
	score(&a, &t, r, LEN(r));
	profiled(&b, &own, "national", &t, r, LEN(r));
	assert_string_equal(b.sc.profile, "national");
	assert_dec(b.sc.total, "47.50"); /* 25 + 25 × (1 − 5/50) = 47.5; no budget */
	assert_int_equal(jx_dec_cmp(a.sc.total, b.sc.total), 0);
	assert_string_equal(a.sc.ind[0].note, "");
	assert_string_equal(b.sc.ind[0].note, "");
	release(&a);
	release(&b);
	jx_eval_free(own);
}

/* strict: = off its tolerance earns nothing; beating a target by 30% takes 20% of its points; a reason
 * asked and not given takes 10%; under 60% execution the total is at most 79.99; five grades. */
static void test_strict_profile_rules(void **state)
{
	struct table t = { .inds = OUT("人数 (人)", "≥100") ", " OUT("金额 (万元)", "=50") ", " EFF("率 (%)", "≥80%") ", "
				   SAT("满意度 (%)", "≥90%") };
	struct row r[] = { { "人数", "人", "130", NULL, NULL },	/* beats by 30%: 25 − 20% = 20, reason asked too */
			   { "金额", "万元", "45", NULL, "价格下降" }, /* = off: 0 (a reason given) */
			   { "率", "%", "80", NULL, NULL },
			   { "满意度", "%", "95", NULL, NULL },
			   { JX_SPENT, "万元", "50", NULL, NULL } };	/* 50%: under 60% */
	struct jx_eval *own = NULL;
	struct scored s;

	(void)state;
	profiled(&s, &own, "strict", &t, r, LEN(r));
	assert_string_equal(s.sc.profile, "strict");
	/* 人数: 25 earned, then 20% (over) + 10% (no reason) of 25 = 7.50 off */
	assert_dec(s.sc.ind[0].score, "17.50");
	assert_dec(s.sc.ind[0].deducted, "7.50");
	assert_string_equal(s.sc.ind[0].note, "这一行因超出目标 30% 以上、未说明偏差原因扣 7.50 分");
	assert_dec(s.sc.ind[1].score, "0.00");
	assert_string_equal(s.sc.ind[1].note, "");
	/* budget 10 × 50% = 5, output 17.5 + 0, effect 30, satisfaction 10: 62.50, under the cap */
	assert_dec(s.sc.total, "62.50");
	assert_false(s.sc.capped);
	assert_string_equal(s.sc.grade, "及格");
	release(&s);
	jx_eval_free(own);
}

static void test_strict_cap(void **state)
{
	struct table t = { .inds = OUT("人数 (人)", "≥100") ", " EFF("率 (%)", "≥80%") ", " SAT("满意度 (%)", "≥90%") };
	struct row r[] = { { "人数", "人", "100", NULL, NULL }, { "率", "%", "80", NULL, NULL },
			   { "满意度", "%", "95", NULL, NULL }, { JX_SPENT, "万元", "40", NULL, NULL } };
	struct jx_eval *own = NULL;
	struct scored s;

	(void)state;
	/* 4 + 50 + 30 + 10 = 94.00, execution 40% under 60%: held to 79.99 */
	profiled(&s, &own, "strict", &t, r, LEN(r));
	assert_true(s.sc.capped);
	assert_dec(s.sc.total, "79.99");
	assert_string_equal(s.sc.grade, "中");
	assert_string_equal(s.sc.cap_note, "预算执行率 40.00% 低于 60%，总分按规则封顶为 79.99 分（原为 94.00 分）");
	release(&s);
	jx_eval_free(own);
	/* national: no cap */
	score(&s, &t, r, LEN(r));
	assert_false(s.sc.capped);
	assert_dec(s.sc.total, "94.00");
	release(&s);
}

/* three-grades: = met within 1%, reasons asked under 60% of the points, three grades. */
static void test_three_grades_profile(void **state)
{
	struct table t = { .inds = OUT("金额 (万元)", "=100") ", " OUT("人数 (人)", "≥100") };
	struct row r[] = { { "金额", "万元", "99.5", NULL, NULL }, { "人数", "人", "70", NULL, NULL } };
	struct jx_eval *own = NULL;
	struct scored s;

	(void)state;
	profiled(&s, &own, "three-grades", &t, r, LEN(r));
	assert_dec(s.sc.ind[0].score, "25.00"); /* within 1% of 100 */
	assert_false(s.sc.ind[1].ask_reason);   /* 17.5 of 25 is 70%: over 60% */
	assert_string_equal(s.sc.grade, "不合格"); /* 42.50 */
	assert_string_equal(s.sc.asked, "不足分值的 60% 或超出目标 50% 以上");
	release(&s);
	jx_eval_free(own);
}

/* A year may name its profile; --profile overrides every year's; an unknown one is refused by name. */
static void test_profile_per_year_and_unknown(void **state)
{
	static const char conf[] = "{\"years\": {\"2022\": {\"profile\": \"three-grades\"}}}";
	struct jx_eval *own = NULL;
	struct jx_err err = { 0 };
	char path[64];
	int rc;

	(void)state;
	write_conf(conf, path, sizeof(path));
	rc = jx_eval_load(&own, path, &err);
	if (rc)
		fail_msg("%s", err.msg);
	assert_string_equal(jx_eval_for_year(own, 2021)->profile, "national");
	assert_string_equal(jx_eval_for_year(own, 2022)->profile, "three-grades");
	assert_int_equal(jx_eval_for_year(own, 2022)->n_grades, 3);
	jx_eval_free(own);
	own = NULL;
	rc = jx_eval_load_profile(&own, path, "strict", &err);
	if (rc)
		fail_msg("%s", err.msg);
	assert_string_equal(jx_eval_for_year(own, 2022)->profile, "strict");
	assert_int_equal(jx_eval_for_year(own, 2022)->n_grades, 5);
	jx_eval_free(own);
	own = NULL;
	assert_int_not_equal(jx_eval_load_profile(&own, NULL, "没有", &err), 0);
	assert_non_null(strstr(err.msg, "没有名为“没有”的评价方案（有：national、strict、three-grades）"));
	unlink(path);
}

/* ---- summaries ---- */

static void test_summary(void **state)
{
	static const struct {
		int year;
		const char *unit, *total, *score, *grade;
	} in[] = {
		{ 2022, "甲局", "10.00", "90.00", "优" }, /* added first: the groups are sorted by year */
		{ 2021, "甲局", "100.00", "95.00", "优" },
		{ 2021, "乙局", "20.00", "59.99", "差" },
		{ 2021, "甲局", "50.50", "85.01", "良" },
		{ 2021, "甲局", "30.00", "0.00", NULL },  /* not evaluated: in no count, money or average */
		{ 2021, "丙局", "40.00", "0.00", NULL },  /* a unit with none evaluated: no average */
	};
	const struct jx_eval_settings *s = jx_eval_for_year(ev, 2021);
	struct jx_score_summary sum = { 0 };
	struct jx_project *p[LEN(in)];
	struct jx_score sc[LEN(in)];
	const struct jx_score_group *u;
	char money[JX_DEC_STRMAX];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(in); i++) {
		struct table t = { .year = in[i].year, .unit = in[i].unit, .total = in[i].total, .inds = OUT("人数 (人)", "≥80") };

		p[i] = build(&t);
		memset(&sc[i], 0, sizeof(sc[i]));
		sc[i].p = p[i];
		assert_int_equal(jx_dec_parse(in[i].score, strlen(in[i].score), &sc[i].total), 0);
		sc[i].grade = in[i].grade;
		sc[i].evaluated = in[i].grade != NULL;
		jx_score_summary_add(&sum, s, &sc[i]);
	}
	jx_score_summary_finish(&sum);
	assert_int_equal(sum.n_grades, 4);
	assert_string_equal(sum.grade[0], "优");
	assert_string_equal(sum.grade[3], "差");

	/* by unit: (2021, 丙局), (2021, 乙局), (2021, 甲局), (2022, 甲局) — 丙 U+4E19 and 乙 U+4E59 sort
	 * before 甲 U+7532 */
	assert_int_equal(sum.n_units, 4);
	assert_string_equal(sum.units[0].key, "丙局");
	assert_int_equal(sum.units[0].n, 0);
	assert_int_equal(sum.units[0].unevaluated, 1);
	assert_int_equal(sum.units[0].count[3], 0);
	assert_dec(sum.units[0].average, "0"); /* none: the renderers show — */
	u = sum.units + 1;
	assert_string_equal(u[0].key, "乙局");
	assert_int_equal(u[0].year, 2021);
	assert_int_equal(u[0].n, 1);
	assert_int_equal(u[0].count[3], 1);
	assert_string_equal(jx_money_format(u[0].money[3], money), "20.00");
	assert_dec(u[0].average, "59.99");
	assert_string_equal(u[1].key, "甲局");
	assert_int_equal(u[1].year, 2021);
	assert_int_equal(u[1].n, 2);
	assert_int_equal(u[1].unevaluated, 1);
	assert_int_equal(u[1].count[0], 1);
	assert_int_equal(u[1].count[1], 1);
	assert_int_equal(u[1].count[2], 0);
	assert_string_equal(jx_money_format(u[1].money[0], money), "100.00");
	assert_string_equal(jx_money_format(u[1].money[1], money), "50.50");
	assert_dec(u[1].sum, "180.01");
	assert_dec(u[1].average, "90.01"); /* 180.01 / 2 = 90.005: half-up */
	assert_string_equal(u[2].key, "甲局");
	assert_int_equal(u[2].year, 2022);
	assert_dec(u[2].average, "90.00");

	/* by year: 2021 has 95 + 59.99 + 85.01 = 240 over 3 = 80.00 */
	assert_int_equal(sum.n_years, 2);
	assert_string_equal(sum.years[0].key, "2021");
	assert_int_equal(sum.years[0].n, 3);
	assert_int_equal(sum.years[0].unevaluated, 2);
	assert_int_equal(sum.years[0].count[0], 1);
	assert_int_equal(sum.years[0].count[1], 1);
	assert_int_equal(sum.years[0].count[2], 0);
	assert_int_equal(sum.years[0].count[3], 1);
	assert_string_equal(jx_money_format(sum.years[0].money[0], money), "100.00");
	assert_string_equal(jx_money_format(sum.years[0].money[1], money), "50.50");
	assert_string_equal(jx_money_format(sum.years[0].money[3], money), "20.00");
	assert_dec(sum.years[0].average, "80.00");
	assert_string_equal(sum.years[1].key, "2022");
	assert_int_equal(sum.years[1].count[0], 1);
	assert_string_equal(jx_money_format(sum.years[1].money[0], money), "10.00");
	assert_dec(sum.years[1].average, "90.00");

	jx_score_summary_free(&sum);
	for (i = 0; i < LEN(in); i++)
		jx_project_free(p[i]);
}

static void test_summary_of_scored_projects(void **state)
{
	/* two projects of one unit scored for real: 37.50 (差) and 50 × 79.95/80 = 49.96875 → 49.97 (差);
	 * the average is taken over the rounded totals: (37.50 + 49.97) / 2 = 43.735 → 43.74 */
	struct table t = { .inds = OUT("人数 (人)", "≥80") };
	struct row r1 = { "人数", "人", "60", NULL, NULL }, r2 = { "人数", "人", "79.95", NULL, NULL };
	struct jx_score_summary sum = { 0 };
	struct scored a, b;
	char money[JX_DEC_STRMAX];

	(void)state;
	score(&a, &t, &r1, 1);
	score(&b, &t, &r2, 1);
	assert_dec(a.sc.total, "37.50");
	assert_dec(b.sc.total, "49.97");
	jx_score_summary_add(&sum, jx_eval_for_year(ev, 2021), &a.sc);
	jx_score_summary_add(&sum, jx_eval_for_year(ev, 2021), &b.sc);
	jx_score_summary_finish(&sum);
	assert_int_equal(sum.n_units, 1);
	assert_int_equal(sum.units[0].count[3], 2);
	assert_string_equal(jx_money_format(sum.units[0].money[3], money), "200.00");
	assert_dec(sum.units[0].average, "43.74");
	jx_score_summary_free(&sum);
	release(&a);
	release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ge_met),
		cmocka_unit_test(test_ge_partial),
		cmocka_unit_test(test_ge_nonpositive_actual),
		cmocka_unit_test(test_le),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_target_zero),
		cmocka_unit_test(test_negative_target),
		cmocka_unit_test(test_qualitative),
		cmocka_unit_test(test_no_actual),
		cmocka_unit_test(test_indicator_without_target_has_no_points),
		cmocka_unit_test(test_group_without_targets_scores_nothing),
		cmocka_unit_test(test_equal_split_is_exact),
		cmocka_unit_test(test_groups_split_separately),
		cmocka_unit_test(test_budget_execution),
		cmocka_unit_test(test_total_rounded_once_at_the_end),
		cmocka_unit_test(test_grades_at_boundaries),
		cmocka_unit_test(test_nothing_recorded_is_unevaluated),
		cmocka_unit_test(test_own_points),
		cmocka_unit_test(test_national_profile_is_today),
		cmocka_unit_test(test_strict_profile_rules),
		cmocka_unit_test(test_strict_cap),
		cmocka_unit_test(test_three_grades_profile),
		cmocka_unit_test(test_profile_per_year_and_unknown),
		cmocka_unit_test(test_before_year_end_flagged),
		cmocka_unit_test(test_deviation_reason_asked),
		cmocka_unit_test(test_missing_reasons_counted),
		cmocka_unit_test(test_framework_2021_costs_count_in_output),
		cmocka_unit_test(test_per_year_settings),
		cmocka_unit_test(test_bad_settings_refused),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_summary_of_scored_projects),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
