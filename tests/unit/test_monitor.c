/*
 * test_monitor.c — monitoring lights (monitor.h), with every figure computed by hand: budget execution
 * against the share of the year gone (f = month ÷ 12), ≥ targets prorated or not at the 60/80/120%
 * boundaries exactly, = targets prorated and held to t, ≤ and <, qualitative levels, grey for no actual
 * or no target, actuals dated after the day left out, the tally of lights, and thresholds from a file.
 *
 * Tables are built in the JSON form (year 2021, funds 100.00 unless a case says otherwise).
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
#include "jixiao/monitor.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

#define IND(l1, l2, name, target) \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": \"" target "\"}"
#define IND_NO_TARGET(l1, l2, name) \
	"{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": null}"
#define OUT(name, target) IND("产出指标", "数量指标", name, target)

#define assert_dec(d, want)                                        \
	do {                                                       \
		char b_[JX_DEC_STRMAX];                            \
		assert_string_equal(jx_dec_format((d), b_), want); \
	} while (0)

struct row {
	const char *ind, *unit, *value, *as_of;
};

static struct jx_eval *ev;              /* the built-in settings */
static const struct jx_eval_settings *S; /* for 2021 */

static int group_setup(void **state)
{
	struct jx_err err = { 0 };

	(void)state;
	if (jx_eval_load(&ev, NULL, &err))
		fail_msg("%s", err.msg);
	S = jx_eval_for_year(ev, 2021);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	jx_eval_free(ev);
	return 0;
}

static struct jx_project *build(const char *total, const char *inds)
{
	struct jx_buf b = JX_BUF_INIT;
	struct jx_project *p[2];
	struct jx_err err = { 0 };
	int n;

	jx_buf_addf(&b, NULL,
		    "{\"projects\": [{\"year\": 2021, \"name\": \"测试项目\", \"unit\": \"测试局\", "
		    "\"funds\": {\"total\": \"%s\", \"fiscal\": \"%s\", \"other\": \"0.00\"}, \"goal\": \"完成年度任务。\", "
		    "\"indicators\": [%s]}]}",
		    total, total, inds);
	n = read_projects(b.ptr, b.len, p, 2, &err);
	if (n != 1)
		fail_msg("expected one project, got %d: %s\n%s", n, err.msg, b.ptr);
	jx_buf_release(&b);
	return p[0];
}

/* The rows' latest actuals up to until (NULL: all). */
static void latest(const struct row *rows, size_t n, const char *until, struct jx_actuals *out)
{
	struct jx_actual a[16];
	size_t i;

	assert_true(n <= LEN(a));
	for (i = 0; i < n; i++)
		a[i] = (struct jx_actual){ 1,
					   rows[i].ind,
					   rows[i].unit,
					   rows[i].value,
					   rows[i].as_of ? rows[i].as_of : "2021-01-01",
					   NULL,
					   "2021-06-01T02:00:00Z",
					   "张三" };
	jx_actuals_latest(a, n, until, out);
}

struct watched {
	struct jx_project *p;
	struct jx_actuals a;
	struct jx_monitor m;
};

static void watch(struct watched *w, const struct jx_eval_settings *s, const char *total, const char *inds,
		  const struct row *rows, size_t n, const char *as_of)
{
	w->p = build(total, inds);
	latest(rows, n, as_of, &w->a);
	jx_monitor_project(s, w->p, &w->a, as_of, &w->m);
}

static void release(struct watched *w)
{
	jx_monitor_free(&w->m);
	jx_actuals_free(&w->a);
	jx_project_free(w->p);
}

/* The light of a lone indicator 指标 (unit) with target and actual (NULL: none) as of the day, under s;
 * its standard (NULL: not checked; "": none expected) and its progress, or for an = target held to t its
 * deviation (NULL: not checked). */
static void light_s(const struct jx_eval_settings *s, const char *target, const char *unit, const char *actual,
		    const char *as_of, enum jx_light want, const char *standard, const char *progress)
{
	char inds[256], got[JX_DEC_STRMAX];
	struct row r = { "指标", unit, actual, "2021-01-01" };
	struct watched w;

	if (*unit)
		snprintf(inds, sizeof(inds), OUT("指标 (%s)", "%s"), unit, target);
	else
		snprintf(inds, sizeof(inds), OUT("指标", "%s"), target);
	watch(&w, s, "100.00", inds, &r, actual ? 1 : 0, as_of);
	assert_int_equal(w.m.n, 1);
	if (w.m.ind[0].light != want)
		fail_msg("%s (%s), actual %s as of %s: %s, want %s (progress %s)", target, unit, actual ? actual : "(none)",
			 as_of, jx_light_name(w.m.ind[0].light), jx_light_name(want), jx_dec_format(w.m.ind[0].progress, got));
	assert_int_equal(w.m.lights[want], 1);
	if (standard && *standard) {
		assert_true(w.m.ind[0].has_standard);
		assert_dec(w.m.ind[0].standard, standard);
	} else if (standard) {
		assert_false(w.m.ind[0].has_standard);
	}
	if (progress) { /* the progress, or for an = target held to t its deviation */
		const struct jx_watched *i = &w.m.ind[0];

		assert_true(i->has_progress != i->has_deviation);
		assert_dec(i->has_deviation ? i->deviation : i->progress, progress);
	}
	release(&w);
}

static void light(const char *target, const char *unit, const char *actual, const char *as_of, enum jx_light want,
		  const char *standard, const char *progress)
{
	light_s(S, target, unit, actual, as_of, want, standard, progress);
}

/* ---- budget ---- */

/* The budget's light for spent (NULL: none) of total as of the day; its rate (NULL: none). */
static void budget_s(const struct jx_eval_settings *s, const char *total, const char *spent, const char *as_of,
		     enum jx_light want, const char *rate)
{
	struct row r = { JX_SPENT, "万元", spent, "2021-01-01" };
	struct watched w;

	watch(&w, s, total, OUT("人数 (人)", "≥10"), &r, spent ? 1 : 0, as_of);
	assert_int_equal(w.m.budget, want);
	if (rate) {
		assert_true(w.m.has_rate);
		assert_dec(w.m.rate, rate);
	} else {
		assert_false(w.m.has_rate);
	}
	release(&w);
}

static void budget(const char *total, const char *spent, const char *as_of, enum jx_light want, const char *rate)
{
	budget_s(S, total, spent, as_of, want, rate);
}

static void test_budget_lights(void **state)
{
	(void)state;
	/* June: f = 6/12 = 1/2, the rate is spent/total ÷ 1/2 */
	budget("100.00", "29.99", "2021-06-30", JX_LIGHT_RED, "59.98");
	budget("100.00", "30", "2021-06-30", JX_LIGHT_YELLOW, "60.00");
	budget("100.00", "39.99", "2021-06-30", JX_LIGHT_YELLOW, "79.98");
	budget("100.00", "40", "2021-06-30", JX_LIGHT_GREEN, "80.00");
	budget("100.00", "100", "2021-06-30", JX_LIGHT_GREEN, "200.00");
	/* January: f = 1/12 */
	budget("120.00", "10", "2021-01-15", JX_LIGHT_GREEN, "100.00");
	budget("120.00", "5", "2021-01-15", JX_LIGHT_RED, "50.00");
	/* March: f = 1/4: (5/32.09) × 4 = 62.3247…% */
	budget("32.09", "5", "2021-03-31", JX_LIGHT_YELLOW, "62.32");
	/* December: f = 1 */
	budget("100.00", "59.99", "2021-12-31", JX_LIGHT_RED, "59.99");
	budget("100.00", "60", "2021-12-31", JX_LIGHT_YELLOW, "60.00");
	/* grey: nothing spent recorded yet, or no money */
	budget("100.00", NULL, "2021-06-30", JX_LIGHT_GREY, NULL);
	budget("0.00", "5", "2021-06-30", JX_LIGHT_GREY, NULL);
}

/* ---- ≥ and > ---- */

static void test_at_least_prorated(void **state)
{
	(void)state;
	assert_true(jx_eval_prorated(S, "人次"));
	assert_true(jx_eval_prorated(S, "万元"));
	assert_false(jx_eval_prorated(S, "%"));
	assert_false(jx_eval_prorated(S, "小时"));
	assert_false(jx_eval_prorated(S, "万元/年"));
	assert_false(jx_eval_prorated(S, NULL));
	/* ≥1000 人次 in June: the standard is 1000 × 1/2 = 500 */
	light("≥1000", "人次", "299", "2021-06-30", JX_LIGHT_RED, "500.00", "59.80");
	light("≥1000", "人次", "300", "2021-06-30", JX_LIGHT_YELLOW, "500.00", "60.00");
	light("≥1000", "人次", "399", "2021-06-30", JX_LIGHT_YELLOW, "500.00", "79.80");
	light("≥1000", "人次", "400", "2021-06-30", JX_LIGHT_GREEN, "500.00", "80.00");
	light("≥1000", "人次", "599", "2021-06-30", JX_LIGHT_GREEN, "500.00", "119.80");
	light("≥1000", "人次", "600", "2021-06-30", JX_LIGHT_BLUE, "500.00", "120.00");
	light(">1000", "人次", "300", "2021-06-30", JX_LIGHT_YELLOW, "500.00", "60.00");
	/* July: 1000 × 7/12 = 583.33…; the comparison is exact: 350 is 60% (yellow), 349.999 is
	 * 59.9998…% (red, though shown 60.00; against the rounded 583.33 it would be 60.0002%) */
	light("≥1000", "人次", "350", "2021-07-31", JX_LIGHT_YELLOW, "583.33", "60.00");
	light("≥1000", "人次", "349.999", "2021-07-31", JX_LIGHT_RED, "583.33", "60.00");
	/* December: the standard is the target */
	light("≥1000", "人次", "999", "2021-12-31", JX_LIGHT_GREEN, "1000.00", "99.90");
	/* a standard of 0: met or not */
	light("≥0", "人", "0", "2021-06-30", JX_LIGHT_GREEN, NULL, NULL);
	light(">0", "人", "0", "2021-06-30", JX_LIGHT_RED, NULL, NULL);
	light(">0", "人", "1", "2021-06-30", JX_LIGHT_GREEN, NULL, NULL);
}

static void test_at_least_not_prorated(void **state)
{
	(void)state;
	/* ≥90% is held to 90 whatever the month */
	light("≥90%", "%", "53.99", "2021-06-30", JX_LIGHT_RED, "90", "59.99");
	light("≥90%", "%", "54", "2021-06-30", JX_LIGHT_YELLOW, "90", "60.00");
	light("≥90%", "%", "71.99", "2021-06-30", JX_LIGHT_YELLOW, "90", "79.99");
	light("≥90%", "%", "72", "2021-06-30", JX_LIGHT_GREEN, "90", "80.00");
	light("≥90%", "%", "107.99", "2021-06-30", JX_LIGHT_GREEN, "90", "119.99");
	light("≥90%", "%", "108", "2021-06-30", JX_LIGHT_BLUE, "90", "120.00");
	light("≥90.0%", "%", "90", "2021-01-31", JX_LIGHT_GREEN, "90.0", "100.00"); /* the target's own form */
	/* rates with a / and time units: not prorated either */
	light("≥175", "元/人/月", "140", "2021-03-31", JX_LIGHT_GREEN, "175", "80.00");
	light("≥10", "小时", "5", "2021-06-30", JX_LIGHT_RED, "10", "50.00");
}

/* ---- = ---- */

static void test_equal_prorated(void **state)
{
	(void)state;
	/* =1200 人次 in March: the standard is 1200 × 1/4 = 300, judged like ≥ */
	light("=1200", "人次", "179", "2021-03-31", JX_LIGHT_RED, "300.00", "59.67");
	light("=1200", "人次", "180", "2021-03-31", JX_LIGHT_YELLOW, "300.00", "60.00");
	light("=1200", "人次", "239", "2021-03-31", JX_LIGHT_YELLOW, "300.00", "79.67");
	light("=1200", "人次", "240", "2021-03-31", JX_LIGHT_GREEN, "300.00", "80.00");
	light("=1200", "人次", "359", "2021-03-31", JX_LIGHT_GREEN, "300.00", "119.67");
	light("=1200", "人次", "360", "2021-03-31", JX_LIGHT_BLUE, "300.00", "120.00");
	/* money: =26 万元 in June, standard 13 */
	light("=26", "万元", "13", "2021-06-30", JX_LIGHT_GREEN, "13.00", "100.00");
}

static void test_equal_held_to_target(void **state)
{
	(void)state;
	/* =24 小时: the deviation |a − 24| ÷ 24 within 10% green (2.4), within 20% yellow (4.8), else red */
	light("=24", "小时", "24", "2021-06-30", JX_LIGHT_GREEN, "24", "0.00");
	light("=24", "小时", "26.4", "2021-06-30", JX_LIGHT_GREEN, "24", "10.00");
	light("=24", "小时", "21.6", "2021-06-30", JX_LIGHT_GREEN, "24", "10.00");
	light("=24", "小时", "26.41", "2021-06-30", JX_LIGHT_YELLOW, "24", "10.04");
	light("=24", "小时", "21.59", "2021-06-30", JX_LIGHT_YELLOW, "24", "10.04");
	light("=24", "小时", "28.8", "2021-06-30", JX_LIGHT_YELLOW, "24", "20.00");
	light("=24", "小时", "19.2", "2021-06-30", JX_LIGHT_YELLOW, "24", "20.00");
	light("=24", "小时", "28.81", "2021-06-30", JX_LIGHT_RED, "24", "20.04");
	light("=24", "小时", "19.19", "2021-06-30", JX_LIGHT_RED, "24", "20.04");
	light("=100.0%", "%", "95", "2021-06-30", JX_LIGHT_GREEN, "100.0", "5.00");
	/* t = 0: green only at 0 */
	light("=0", "小时", "0", "2021-06-30", JX_LIGHT_GREEN, NULL, NULL);
	light("=0", "小时", "0.1", "2021-06-30", JX_LIGHT_RED, NULL, NULL);
}

/* ---- ≤ and < ---- */

static void test_at_most(void **state)
{
	(void)state;
	light("≤5", "天", "5", "2021-06-30", JX_LIGHT_GREEN, NULL, NULL);
	light("≤5", "天", "0", "2021-06-30", JX_LIGHT_GREEN, NULL, NULL);
	light("≤5", "天", "5.01", "2021-06-30", JX_LIGHT_RED, NULL, NULL);
	light("<5", "天", "5", "2021-06-30", JX_LIGHT_RED, NULL, NULL); /* equality does not meet < */
	light("<5", "天", "4.99", "2021-06-30", JX_LIGHT_GREEN, NULL, NULL);
	/* ≤ is never prorated, even in a summing unit: ≤100 万元 is 100 all year */
	light("≤100", "万元", "60", "2021-06-30", JX_LIGHT_GREEN, "100", NULL);
	light("≤100", "万元", "100.01", "2021-06-30", JX_LIGHT_RED, "100", NULL);
}

/* ---- qualitative, grey ---- */

static void test_qualitative(void **state)
{
	(void)state;
	light("显著提高", "", "达成", "2021-06-30", JX_LIGHT_GREEN, "", NULL);
	light("显著提高", "", "达成 90%", "2021-06-30", JX_LIGHT_GREEN, "", NULL);
	light("显著提高", "", "部分达成", "2021-06-30", JX_LIGHT_YELLOW, "", NULL);
	light("显著提高", "", "部分达成 75%", "2021-06-30", JX_LIGHT_YELLOW, "", NULL);
	light("显著提高", "", "未达成", "2021-06-30", JX_LIGHT_RED, "", NULL);
	/* a number the import would refuse for a qualitative indicator: no light */
	light("显著提高", "", "80", "2021-06-30", JX_LIGHT_GREY, "", NULL);
}

static void test_grey(void **state)
{
	struct row r[] = { { "入学率", "%", "99", "2021-03-01" } };
	struct watched w;

	(void)state;
	/* no actual yet */
	light("≥1000", "人次", NULL, "2021-06-30", JX_LIGHT_GREY, "", NULL);
	light("显著提高", "", NULL, "2021-06-30", JX_LIGHT_GREY, "", NULL);
	/* no target, even with an actual */
	watch(&w, S, "100.00", IND_NO_TARGET("效益指标", "社会效益指标", "入学率 (%)"), r, LEN(r), "2021-06-30");
	assert_non_null(w.m.ind[0].actual);
	assert_int_equal(w.m.ind[0].light, JX_LIGHT_GREY);
	assert_false(w.m.ind[0].has_standard);
	release(&w);
}

/* ---- the day ---- */

static void test_actuals_after_the_day_left_out(void **state)
{
	static const char inds[] = OUT("核酸检测人次 (人次)", "≥1000");
	struct row r[] = {
		{ "核酸检测人次", "人次", "900", "2021-07-31" }, /* after the day: left out */
		{ "核酸检测人次", "人次", "300", "2021-05-31" },
		{ "核酸检测人次", "人次", "100", "2021-04-30" }, /* older */
		{ JX_SPENT, "万元", "90", "2021-07-01" },        /* after the day */
		{ JX_SPENT, "万元", "40", "2021-06-30" },        /* on the day: counts */
	};
	struct watched w;

	(void)state;
	/* as of June 30: 300 of a standard 500 = 60% yellow; 40 of 100 ÷ 1/2 = 80% green */
	watch(&w, S, "100.00", inds, r, LEN(r), "2021-06-30");
	assert_string_equal(w.m.ind[0].actual->value, "300");
	assert_string_equal(w.m.ind[0].actual->as_of, "2021-05-31");
	assert_int_equal(w.m.ind[0].light, JX_LIGHT_YELLOW);
	assert_string_equal(w.m.spent->value, "40");
	assert_int_equal(w.m.budget, JX_LIGHT_GREEN);
	assert_dec(w.m.rate, "80.00");
	release(&w);

	/* as of July 31 (f = 7/12): 900 ÷ 583.33… = 154.29% blue; 90 ÷ 7/12 = 154.29% green */
	watch(&w, S, "100.00", inds, r, LEN(r), "2021-07-31");
	assert_string_equal(w.m.ind[0].actual->value, "900");
	assert_int_equal(w.m.ind[0].light, JX_LIGHT_BLUE);
	assert_dec(w.m.ind[0].progress, "154.29");
	assert_int_equal(w.m.budget, JX_LIGHT_GREEN);
	assert_dec(w.m.rate, "154.29");
	assert_int_equal(w.m.month, 7);
	release(&w);

	/* as of April 30 (f = 1/3): 100 ÷ 333.33… = 30% red; nothing spent yet: grey */
	watch(&w, S, "100.00", inds, r, LEN(r), "2021-04-30");
	assert_string_equal(w.m.ind[0].actual->value, "100");
	assert_int_equal(w.m.ind[0].light, JX_LIGHT_RED);
	assert_dec(w.m.ind[0].progress, "30.00");
	assert_null(w.m.spent);
	assert_int_equal(w.m.budget, JX_LIGHT_GREY);
	release(&w);
}

static void test_lights_tally(void **state)
{
	static const char inds[] = OUT("甲 (人次)", "≥1000") ", " OUT("乙 (人次)", "≥1000") ", " OUT("丙 (%)", "≥90%") ", "
		OUT("丁 (小时)", "=24") ", " OUT("戊 (天)", "≤5") ", " OUT("己", "按期完成") ", " OUT("庚 (人)", "≥10") ", "
		IND_NO_TARGET("效益指标", "社会效益指标", "辛 (%)");
	struct row r[] = {
		{ "甲", "人次", "600", NULL },   /* 120% of 500: blue */
		{ "乙", "人次", "250", NULL },   /* 50%: red */
		{ "丙", "%", "80", NULL },       /* 88.89%: green */
		{ "丁", "小时", "28", NULL },    /* 16.67% off: yellow */
		{ "戊", "天", "6", NULL },       /* over: red */
		{ "己", "", "部分达成", NULL },   /* yellow */
		/* 庚: no actual, grey; 辛: no target, grey */
		{ "辛", "%", "50", NULL },
	};
	struct watched w;

	(void)state;
	watch(&w, S, "100.00", inds, r, LEN(r), "2021-06-30");
	assert_int_equal(w.m.n, 8);
	assert_int_equal(w.m.ind[0].light, JX_LIGHT_BLUE);
	assert_int_equal(w.m.ind[1].light, JX_LIGHT_RED);
	assert_int_equal(w.m.ind[2].light, JX_LIGHT_GREEN);
	assert_dec(w.m.ind[2].progress, "88.89");
	assert_int_equal(w.m.ind[3].light, JX_LIGHT_YELLOW);
	assert_false(w.m.ind[3].has_progress);
	assert_true(w.m.ind[3].has_deviation);
	assert_dec(w.m.ind[3].deviation, "16.67");
	assert_int_equal(w.m.ind[4].light, JX_LIGHT_RED);
	assert_int_equal(w.m.ind[5].light, JX_LIGHT_YELLOW);
	assert_int_equal(w.m.ind[6].light, JX_LIGHT_GREY);
	assert_int_equal(w.m.ind[7].light, JX_LIGHT_GREY);
	assert_int_equal(w.m.lights[JX_LIGHT_GREY], 2);
	assert_int_equal(w.m.lights[JX_LIGHT_RED], 2);
	assert_int_equal(w.m.lights[JX_LIGHT_YELLOW], 2);
	assert_int_equal(w.m.lights[JX_LIGHT_GREEN], 1);
	assert_int_equal(w.m.lights[JX_LIGHT_BLUE], 1);
	assert_int_equal(w.m.budget, JX_LIGHT_GREY);
	assert_int_equal(w.m.month, 6);
	release(&w);
	assert_string_equal(jx_light_name(JX_LIGHT_BLUE), "blue");
	assert_string_equal(jx_light_label(JX_LIGHT_YELLOW), "黄");
}

/* ---- thresholds from a file ---- */

static void test_thresholds_from_a_file(void **state)
{
	static const char conf[] =
		"{\"monitor\": {\"budget\": {\"red\": \"40\", \"yellow\": \"60\"}, "
		"\"progress\": {\"red\": \"50\", \"yellow\": \"70\", \"blue\": \"150\"}, "
		"\"equal\": {\"green\": \"5\", \"yellow\": \"10\"}, \"prorated_units\": [\"人次\"]}}";
	const struct jx_eval_settings *s;
	struct jx_eval *own = NULL;
	struct jx_err err = { 0 };
	char path[64];
	size_t n = strlen(conf);
	int fd, rc;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/jixiao-test-monitor-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, conf, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
	rc = jx_eval_load(&own, path, &err);
	unlink(path);
	if (rc)
		fail_msg("%s", err.msg);
	s = jx_eval_for_year(own, 2021);

	/* budget in June: 20 of 100 ÷ 1/2 = 40% is now yellow, 30 → 60% green; 19.99 → 39.98% red */
	budget_s(s, "100.00", "19.99", "2021-06-30", JX_LIGHT_RED, "39.98");
	budget_s(s, "100.00", "20", "2021-06-30", JX_LIGHT_YELLOW, "40.00");
	budget_s(s, "100.00", "30", "2021-06-30", JX_LIGHT_GREEN, "60.00");
	/* progress against 500: 249 → 49.8% red, 250 → 50% yellow, 350 → 70% green, 700 → 140% green,
	 * 750 → 150% blue */
	light_s(s, "≥1000", "人次", "249", "2021-06-30", JX_LIGHT_RED, "500.00", "49.80");
	light_s(s, "≥1000", "人次", "250", "2021-06-30", JX_LIGHT_YELLOW, "500.00", "50.00");
	light_s(s, "≥1000", "人次", "350", "2021-06-30", JX_LIGHT_GREEN, "500.00", "70.00");
	light_s(s, "≥1000", "人次", "700", "2021-06-30", JX_LIGHT_GREEN, "500.00", "140.00");
	light_s(s, "≥1000", "人次", "750", "2021-06-30", JX_LIGHT_BLUE, "500.00", "150.00");
	/* = held to t: 25.2 is 5% off (green), 26 is 8.33% (yellow), 26.41 is 10.04% (red) */
	light_s(s, "=24", "小时", "25.2", "2021-06-30", JX_LIGHT_GREEN, "24", "5.00");
	light_s(s, "=24", "小时", "26", "2021-06-30", JX_LIGHT_YELLOW, "24", "8.33");
	light_s(s, "=24", "小时", "26.41", "2021-06-30", JX_LIGHT_RED, "24", "10.04");
	/* 人 is no longer prorated: ≥100 人 is held to 100 in June, 60 is 60% yellow */
	assert_false(jx_eval_prorated(s, "人"));
	light_s(s, "≥100", "人", "60", "2021-06-30", JX_LIGHT_YELLOW, "100", "60.00");
	light("≥100", "人", "60", "2021-06-30", JX_LIGHT_BLUE, "50.00", "120.00"); /* built in: 100 × 1/2 */
	jx_eval_free(own);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budget_lights),
		cmocka_unit_test(test_at_least_prorated),
		cmocka_unit_test(test_at_least_not_prorated),
		cmocka_unit_test(test_equal_prorated),
		cmocka_unit_test(test_equal_held_to_target),
		cmocka_unit_test(test_at_most),
		cmocka_unit_test(test_qualitative),
		cmocka_unit_test(test_grey),
		cmocka_unit_test(test_actuals_after_the_day_left_out),
		cmocka_unit_test(test_lights_tally),
		cmocka_unit_test(test_thresholds_from_a_file),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
