/*
 * review.c — the rule catalogue and its configuration (see review.h).
 *
 * A rule is a function that looks at one project and adds findings through add(); its severity and
 * tolerance come from the configuration for the project's year. The configuration is the built-in
 * data/review/rules.json with an optional file merged over it (jansson's recursive update), then
 * resolved into one table of severities and tolerances for the base and for each year listed.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/asset.h"
#include "jixiao/baseline.h"
#include "jixiao/buf.h"
#include "jixiao/config.h"
#include "jixiao/dec.h"
#include "jixiao/err.h"
#include "jixiao/evaluation.h"
#include "jixiao/framework.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/peers.h"
#include "jixiao/review.h"
#include "jixiao/text.h"
#include "jixiao/value.h"

struct ctx;

struct rule {
	const char *id;
	void (*check)(struct ctx *c);
};

enum tolerance { TOL_FUNDS, TOL_COST, N_TOL };

static const char *const tolerance_ids[N_TOL] = { "funds-sum", "cost-sum" };

/* The points of a dimension, and the grades from the best down (差 takes what the cut-offs leave). */
#define DIM_POINTS 25
enum { N_GRADES = 4 };
static const char *const grade_labels[N_GRADES] = { "优", "良", "中", "差" };
static const char *const dimension_labels[JX_N_DIM] = { "完整性", "相关性", "适当性", "可行性" };

/* A spending standard (支出标准): the most a cost indicator in one of its units may target. */
struct standard {
	char *name, *source, *unit; /* unit: the first as written, for messages */
	char **keywords, **units;   /* units as unit_key() makes them */
	size_t n_keywords, n_units;
	struct jx_dec max;
};

struct standards {
	struct standard *e;
	size_t n;
};

struct settings {
	int year;                      /* 0 for the base */
	struct standards *std;         /* the base's, or the year's own (own_std) */
	bool own_std;
	enum jx_severity *severity;    /* per rule */
	struct jx_dec tolerance[N_TOL]; /* in 万元 */
	int *dimension;                /* per rule: the dimension it counts against, -1 none (the base's) */
	int *deduct;                   /* per rule: its own deduction, -1 for its severity's */
	int deduct_severity[4];        /* per severity */
	int cutoff[N_GRADES - 1];      /* the least points of 优, 良 and 中 */
	int peer_min;                  /* target-below-peers: the fewest other targets to compare with */
	int peer_percent;              /* and how far from their median, in percent, is far easier */
	int levels;                    /* of review: 1 finance alone, 2 the 主管部门 first (workflow.h) */
};

struct jx_review {
	struct settings base;
	struct settings *years;
	size_t n_years;
	size_t i_library; /* the index of indicator-not-in-library, asked for every table checked */
};

struct ctx {
	const struct jx_project *p;
	const struct settings *s;
	struct jx_findings *out;
	size_t rule;        /* the rule running: its index */
	const char *rule_id; /* and its id */
	size_t first;       /* the project's first finding in out */
	const struct jx_baseline *base; /* earlier years' actuals, or NULL */
	const struct jx_library *lib;   /* the indicator library, or NULL */
	const struct jx_peers *peers;   /* the other tables' targets of the year, or NULL */
};

/* ---- helpers for rules ---- */

static void add(struct ctx *c, const struct jx_indicator *ind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add(struct ctx *c, const struct jx_indicator *ind, const char *fmt, ...)
{
	struct jx_finding *f;
	struct jx_buf msg = JX_BUF_INIT;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	jx_buf_grow(&msg, (size_t)n, NULL);
	va_start(ap, fmt);
	vsnprintf(msg.ptr, (size_t)n + 1, fmt, ap);
	va_end(ap);
	jx_buf_setlen(&msg, (size_t)n);
	jx_grow(&c->out->f, sizeof(*c->out->f), c->out->n + 1, &c->out->cap);
	f = &c->out->f[c->out->n++];
	f->rule = c->rule_id;
	f->severity = c->s->severity[c->rule];
	f->indicator = ind ? jx_strdup(ind->name) : NULL;
	f->message = jx_buf_detach(&msg, NULL);
	f->dimension = c->s->dimension[c->rule];
	f->deduct = f->dimension < 0 ? 0
		    : c->s->deduct[c->rule] >= 0 ? c->s->deduct[c->rule] : c->s->deduct_severity[f->severity];
}

static void grade(const struct settings *s, const struct jx_finding *f, size_t n, struct jx_grade *out)
{
	size_t i;
	int d, g;

	for (d = 0; d < JX_N_DIM; d++)
		out->dimension[d] = DIM_POINTS;
	for (i = 0; i < n; i++)
		if (f[i].dimension >= 0 && f[i].dimension < JX_N_DIM) {
			d = f[i].dimension;
			out->dimension[d] = f[i].deduct >= out->dimension[d] ? 0 : out->dimension[d] - f[i].deduct;
		}
	for (out->points = 0, d = 0; d < JX_N_DIM; d++)
		out->points += out->dimension[d];
	for (g = 0; g < N_GRADES - 1 && out->points < s->cutoff[g]; g++)
		;
	out->label = grade_labels[g];
}

/* A decimal in 万元 as people write amounts: at least two places, no needless zeros past them. */
static char *amount(struct jx_dec d, char *buf)
{
	while (d.scale > 2 && d.coef % 10 == 0) {
		d.coef /= 10;
		d.scale--;
	}
	for (; d.scale < 2; d.scale++)
		d.coef *= 10;
	return jx_dec_format(d, buf);
}

static bool has_level1(const struct jx_project *p, const char *l1)
{
	size_t i;

	for (i = 0; i < p->n_ind; i++)
		if (strcmp(p->ind[i].level1, l1) == 0)
			return true;
	return false;
}

static bool is_cost(const struct jx_indicator *ind)
{
	return strcmp(ind->level2, "成本指标") == 0 || strcmp(ind->level1, "成本指标") == 0;
}

/* The value in 万元 of a money-valued cost indicator: a cost indicator with a target of = or ≤ in 元,
 * 万元 or 亿元, optionally per year; a rate such as 元/人/月 is not one. Returns false for others. */
static bool cost_amount(const struct jx_indicator *ind, struct jx_dec *wan)
{
	static const struct {
		const char *unit;
		int shift; /* to 万元 */
	} units[] = { { "元", -4 }, { "万元", 0 }, { "亿元", 4 } };
	size_t i, len;

	if (!is_cost(ind) || !ind->unit || (ind->op != JX_OP_EQ && ind->op != JX_OP_LE))
		return false;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		len = strlen(units[i].unit);
		if (strncmp(ind->unit, units[i].unit, len) == 0 &&
		    (ind->unit[len] == '\0' || strcmp(ind->unit + len, "/年") == 0))
			return jx_dec_shift(ind->value, units[i].shift, wan) == 0;
	}
	return false;
}

/* ---- the rules ---- */

static void goal_missing(struct ctx *c)
{
	if (!c->p->goal[0])
		add(c, NULL, "年度目标为空：应写明项目当年要达到的目标");
}

static void funds_sum(struct ctx *c)
{
	struct jx_dec sum, diff;
	char t[JX_DEC_STRMAX], f[JX_DEC_STRMAX], o[JX_DEC_STRMAX], s[JX_DEC_STRMAX];

	if (c->p->fiscal == JX_MONEY_NONE || c->p->other == JX_MONEY_NONE) /* the total alone, or no 其他资金 */
		return;
	if (jx_dec_add(jx_money_dec(c->p->fiscal), jx_money_dec(c->p->other), &sum) ||
	    jx_dec_sub(jx_money_dec(c->p->total), sum, &diff))
		return;
	if (jx_dec_cmp(jx_dec_abs(diff), c->s->tolerance[TOL_FUNDS]) > 0)
		add(c, NULL, "年度资金总额 %s 万元不等于财政拨款 %s 万元与其他资金 %s 万元之和 %s 万元",
		    amount(jx_money_dec(c->p->total), t), amount(jx_money_dec(c->p->fiscal), f),
		    amount(jx_money_dec(c->p->other), o), amount(sum, s));
}

static void indicators_missing(struct ctx *c)
{
	if (c->p->n_ind == 0)
		add(c, NULL, "没有绩效指标：无具体绩效指标的项目不予安排");
}

static void value_missing(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->p->n_ind; i++)
		if (!c->p->ind[i].target)
			add(c, &c->p->ind[i], "指标“%s”没有指标值", c->p->ind[i].name);
}

static void level_mismatch(struct ctx *c)
{
	const struct jx_framework *fw = jx_framework_get(c->p->framework);
	size_t i, k;

	for (i = 0; fw && i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];
		const char *parent;

		if (jx_framework_pair(fw, ind->level1, ind->level2))
			continue;
		for (k = 0; k < i; k++) /* once per pair */
			if (strcmp(c->p->ind[k].level1, ind->level1) == 0 && strcmp(c->p->ind[k].level2, ind->level2) == 0)
				break;
		if (k < i)
			continue;
		parent = jx_framework_parent(fw, ind->level2);
		add(c, ind, "二级指标“%s”不属于一级指标“%s”（按 %s 指标体系，它属于“%s”）", ind->level2, ind->level1,
		    c->p->framework, parent ? parent : "其他一级指标");
	}
}

static void percent_range(struct ctx *c)
{
	static const struct jx_dec zero = { 0, 0 }, hundred = { 100, 0 };
	char v[JX_DEC_STRMAX];
	size_t i;

	for (i = 0; i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];

		if (ind->op != JX_OP_NONE && ind->unit && strcmp(ind->unit, "%") == 0 &&
		    (jx_dec_cmp(ind->value, zero) < 0 || jx_dec_cmp(ind->value, hundred) > 0))
			add(c, ind, "指标“%s”的指标值 %s%% 不在 0–100%% 之间", ind->name, jx_dec_format(ind->value, v));
	}
}

static void output_missing(struct ctx *c)
{
	if (!has_level1(c->p, "产出指标"))
		add(c, NULL, "没有产出指标");
}

static void effect_missing(struct ctx *c)
{
	if (!has_level1(c->p, "效益指标"))
		add(c, NULL, "没有效益指标");
}

static void satisfaction_missing(struct ctx *c)
{
	if (!has_level1(c->p, "满意度指标"))
		add(c, NULL, "没有满意度指标");
}

static void quantity_missing(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->p->n_ind; i++)
		if (strcmp(c->p->ind[i].level2, "数量指标") == 0 && c->p->ind[i].op != JX_OP_NONE)
			return;
	add(c, NULL, "没有量化的数量指标（数量指标应有数值目标，如“≥100人”）");
}

static void cost_missing(struct ctx *c)
{
	struct jx_dec v;
	size_t i;

	for (i = 0; i < c->p->n_ind; i++)
		if (cost_amount(&c->p->ind[i], &v))
			return;
	add(c, NULL, "没有以金额计的成本指标（元、万元或亿元），即没有明细支出测算");
}

static void cost_sum(struct ctx *c)
{
	struct jx_dec sum = { 0, 0 }, v, diff;
	char s[JX_DEC_STRMAX], t[JX_DEC_STRMAX], d[JX_DEC_STRMAX];
	size_t i, n = 0;

	for (i = 0; i < c->p->n_ind; i++)
		if (cost_amount(&c->p->ind[i], &v)) {
			if (jx_dec_add(sum, v, &sum))
				return;
			n++;
		}
	if (n == 0 || jx_dec_sub(sum, jx_money_dec(c->p->total), &diff))
		return;
	if (jx_dec_cmp(jx_dec_abs(diff), c->s->tolerance[TOL_COST]) > 0)
		add(c, NULL, "%zu 项以金额计的成本指标合计 %s 万元，与年度资金总额 %s 万元相差 %s 万元", n, amount(sum, s),
		    amount(jx_money_dec(c->p->total), t), amount(jx_dec_abs(diff), d));
}

/* A unit as compared with the standards': without the separators people put between its parts
 * (元/人天, 元/人·天, 元/(人·天), 元／人／天 are one), at most cap - 1 bytes. */
static void unit_key(const char *u, char *out, size_t cap)
{
	static const char *const drop[] = { "/", "·", "(", ")", "（", "）", "／", "・", " " };
	size_t n = 0, i, len;

	while (*u && n + 1 < cap) {
		for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
			len = strlen(drop[i]);
			if (strncmp(u, drop[i], len) == 0)
				break;
		}
		if (i < sizeof(drop) / sizeof(drop[0])) {
			u += len;
			continue;
		}
		out[n++] = *u++;
	}
	out[n] = '\0';
}

static void cost_over_standard(struct ctx *c)
{
	char key[128], v[JX_DEC_STRMAX], m[JX_DEC_STRMAX];
	size_t i, k, j;

	for (i = 0; i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];

		if (!is_cost(ind) || !ind->unit || (ind->op != JX_OP_EQ && ind->op != JX_OP_LE))
			continue;
		unit_key(ind->unit, key, sizeof(key));
		for (k = 0; k < c->s->std->n; k++) {
			const struct standard *e = &c->s->std->e[k];

			for (j = 0; j < e->n_units && strcmp(e->units[j], key) != 0; j++)
				;
			if (j == e->n_units)
				continue;
			for (j = 0; j < e->n_keywords && !strstr(ind->name, e->keywords[j]); j++)
				;
			if (j == e->n_keywords)
				continue;
			if (jx_dec_cmp(ind->value, e->max) > 0)
				add(c, ind, "成本指标“%s”的指标值 %s%s %s 高于支出标准 %s %s（%s，依据：%s）", ind->name,
				    jx_op_symbol(ind->op), jx_dec_format(ind->value, v), ind->unit, jx_dec_format(e->max, m),
				    e->unit, e->name, e->source);
			break; /* the first standard that applies decides */
		}
	}
}

/* 历史标准: a ≥ (or >) target below what the same project reached last year, a ≤ (or <) one above it —
 * a target set to be easy. Needs the baseline (check loads it from the store). */
static void target_below_history(struct ctx *c)
{
	char t[JX_DEC_STRMAX], a[JX_DEC_STRMAX];
	size_t i;

	for (i = 0; c->base && i < c->p->n_ind && i < c->base->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];
		const struct jx_baseline_ind *b = &c->base->ind[i];
		int cmp;

		if (!b->has[0] || ind->op == JX_OP_NONE || ind->op == JX_OP_EQ)
			continue;
		cmp = jx_dec_cmp(ind->value, b->value[0]);
		if ((ind->op == JX_OP_GE || ind->op == JX_OP_GT) && cmp < 0)
			add(c, ind, "指标“%s”的指标值 %s%s%s 低于上年实际完成值 %s%s（%d年度“%s”）：目标不应低于已达到的水平",
			    ind->name, jx_op_symbol(ind->op), jx_dec_format(ind->value, t), ind->unit ? ind->unit : "",
			    jx_dec_format(b->value[0], a), ind->unit ? ind->unit : "", c->p->year - 1, c->base->name[0]);
		else if ((ind->op == JX_OP_LE || ind->op == JX_OP_LT) && cmp > 0)
			add(c, ind, "指标“%s”的指标值 %s%s%s 高于上年实际完成值 %s%s（%d年度“%s”）：目标不应宽于已达到的水平",
			    ind->name, jx_op_symbol(ind->op), jx_dec_format(ind->value, t), ind->unit ? ind->unit : "",
			    jx_dec_format(b->value[0], a), ind->unit ? ind->unit : "", c->p->year - 1, c->base->name[0]);
	}
}

/* A target far easier than most other tables set for the same indicator (peers.h): a ≥ (or >) target
 * below peer_percent of their median, a ≤ (or <) one above the median divided by it — with at least
 * peer_min others to compare with. Below the median's half, a target is below at least half of them. */
static void target_below_peers(struct ctx *c)
{
	char t[JX_DEC_STRMAX], m[JX_DEC_STRMAX], lo[JX_DEC_STRMAX], hi[JX_DEC_STRMAX], far[64];
	const char *u;
	size_t i;

	for (i = 0; c->peers && i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];
		struct jx_peer_stat st;
		struct jx_dec scaled_value, scaled_median;
		bool easy;

		if (ind->op == JX_OP_EQ || !jx_peers_of(c->peers, c->p, ind, &st) || st.count < (size_t)c->s->peer_min)
			continue;
		/* value < median × percent / 100, or value > median × 100 / percent, without dividing */
		if (ind->op == JX_OP_GE || ind->op == JX_OP_GT) {
			if (jx_dec_mul_int(ind->value, 100, &scaled_value) ||
			    jx_dec_mul_int(st.median, c->s->peer_percent, &scaled_median))
				continue;
			easy = jx_dec_cmp(scaled_value, scaled_median) < 0;
		} else {
			if (jx_dec_mul_int(ind->value, c->s->peer_percent, &scaled_value) ||
			    jx_dec_mul_int(st.median, 100, &scaled_median))
				continue;
			easy = jx_dec_cmp(scaled_value, scaled_median) > 0;
		}
		if (!easy)
			continue;
		u = ind->unit ? ind->unit : "";
		if (ind->op == JX_OP_GE || ind->op == JX_OP_GT) {
			snprintf(far, sizeof(far), "不到中位数的 %d%%", c->s->peer_percent);
		} else {
			struct jx_dec hundred = { 10000, 0 }, x;

			if (jx_dec_div(hundred, c->s->peer_percent, 2, &x, NULL))
				continue;
			snprintf(far, sizeof(far), "超过中位数的 %s%%", jx_dec_format(jx_dec_trim(x, 0), t));
		}
		add(c, ind, "指标“%s”的指标值 %s%s%s 远%s同类指标的目标：本年度其他 %zu 张表的目标中位数为 %s%s（%s%s–%s%s），%s",
		    ind->name, jx_op_symbol(ind->op), jx_dec_format(ind->value, t), u,
		    ind->op == JX_OP_GE || ind->op == JX_OP_GT ? "低于" : "宽于", st.count, jx_dec_format(st.median, m), u,
		    jx_dec_format(st.min, lo), u, jx_dec_format(st.max, hi), u, far);
	}
}

/* 财预〔2021〕101号: each target rests on a standard (计划标准, 行业标准, 历史标准, 预算支出标准, 其他标准).
 * A quantitative indicator whose row names none — off by default, for the years whose rules ask. */
static void basis_missing(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];
		const char *b = ind->f[JX_IF_BASIS];

		if (ind->op != JX_OP_NONE && !(b && *b))
			add(c, ind, "指标“%s”没有写明指标值的依据（计划标准、行业标准、历史标准、预算支出标准或其他标准）", ind->name);
	}
}

/* The national evaluation settings (evaluation.h), read once for the group points 分值 must add up to. */
static struct jx_eval *national;
static pthread_once_t national_once = PTHREAD_ONCE_INIT;

static void national_load(void)
{
	if (jx_eval_load(&national, NULL, NULL))
		national = NULL; /* the built-in settings always load; if not, the rule stays silent */
}

/* 分值 given: every indicator of a group with a target has one, and they add up to the group's points
 * (those self-evaluation splits, evaluation.json); a table that gives none is not concerned. */
static void weight_sum(struct ctx *c)
{
	struct jx_dec sum[JX_N_GROUPS] = { { 0, 0 } }, one;
	size_t lines[JX_N_GROUPS] = { 0 }, given[JX_N_GROUPS] = { 0 }, i, all = 0;
	const struct jx_eval_settings *s;
	char a[JX_DEC_STRMAX], b[JX_DEC_STRMAX];
	int g;

	for (i = 0; i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];
		const char *w = ind->f[JX_IF_WEIGHT];

		if (!ind->target || (g = jx_group_of(c->p->framework, ind->level1)) <= 0)
			continue;
		lines[g]++;
		if (w && !jx_dec_parse(w, strlen(w), &one) && !jx_dec_add(sum[g], one, &sum[g])) {
			given[g]++;
			all++;
		}
	}
	pthread_once(&national_once, national_load);
	if (!all || !national)
		return;
	s = jx_eval_for_year(national, c->p->year);
	for (g = 1; g < JX_N_GROUPS; g++) {
		if (!lines[g])
			continue;
		if (given[g] < lines[g])
			add(c, NULL, "%s指标有 %zu 条未填分值（填了分值的表应每条都填，合计 %s 分）", jx_group_label(g),
			    lines[g] - given[g], jx_dec_format(s->weight[g], b));
		else if (jx_dec_cmp(sum[g], s->weight[g]) != 0)
			add(c, NULL, "%s指标的分值合计 %s，应为 %s 分", jx_group_label(g), jx_dec_format(sum[g], a),
			    jx_dec_format(s->weight[g], b));
	}
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void duplicate_indicator(struct ctx *c)
{
	size_t i, k;

	for (i = 0; i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];

		for (k = 0; k < i; k++) {
			const struct jx_indicator *o = &c->p->ind[k];

			if (strcmp(o->name, ind->name) == 0 && same_str(o->unit, ind->unit) &&
			    strcmp(o->level1, ind->level1) == 0 && strcmp(o->level2, ind->level2) == 0) {
				add(c, ind, "指标“%s”在%s的%s下出现了两次", ind->name, ind->level1, ind->level2);
				break;
			}
		}
	}
}

static void vague_value(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];

		if (ind->unit && ind->target && ind->op == JX_OP_NONE)
			add(c, ind, "指标“%s”以“%s”计量，指标值却是“%s”：应为具体数值", ind->name, ind->unit, ind->target);
	}
}

/* Units that mark a number in the goal as a planned quantity. */
static size_t goal_unit(const char *s)
{
	static const char *const units[] = { "人次", "万元", "公里", "小时", "人", "户", "次", "个", "元", "%",
					      "天", "所", "家", "项", "台", "套", "场", "亩", "吨", "辆" };
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strncmp(s, units[i], strlen(units[i])) == 0)
			return strlen(units[i]);
	return 0;
}

static bool carried(const struct jx_project *p, struct jx_dec v)
{
	size_t i;

	for (i = 0; i < p->n_ind; i++)
		if (p->ind[i].op != JX_OP_NONE && jx_dec_cmp(p->ind[i].value, v) == 0)
			return true;
	return false;
}

/* True if s holds a full-width digit (０–９: EF BC 90–99), which only NFKC makes readable. */
static bool wide_digit(const char *s)
{
	for (s = strstr(s, "\xef\xbc"); s; s = strstr(s + 2, "\xef\xbc"))
		if ((unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
			return true;
	return false;
}

/* A planned quantity in the goal ("参保人数19926人") that no indicator carries as its target. */
static void goal_number(struct ctx *c)
{
	struct jx_buf goal = JX_BUF_INIT;
	char digits[64];
	size_t i = 0;

	if (wide_digit(c->p->goal))
		jx_text_nfkc(&goal, c->p->goal, strlen(c->p->goal));
	else
		jx_buf_adds(&goal, c->p->goal, NULL);
	while (i < goal.len) {
		const char *s = goal.ptr + i;
		size_t len = 0, ulen;
		struct jx_dec v;

		if (*s >= '0' && *s <= '9' && (i == 0 || !((s[-1] >= '0' && s[-1] <= '9') || s[-1] == '.' || s[-1] == ',')))
			len = jx_number_scan(s, goal.len - i, digits, sizeof(digits));
		if (len == 0) {
			i++;
			continue;
		}
		ulen = goal_unit(s + len);
		if (ulen && !jx_dec_parse(digits, strlen(digits), &v) && !carried(c->p, v))
			add(c, NULL, "年度目标提到“%.*s”，但没有指标以 %s 为指标值", (int)(len + ulen), s, digits);
		i += len;
	}
	jx_buf_release(&goal);
}

/* Last in the catalogue: a table graded 差 by the findings before (88号 第25条: 不得列入预算). */
static void grade_poor(struct ctx *c)
{
	struct jx_grade g;

	grade(c->s, c->out->f + c->first, c->out->n - c->first, &g);
	if (g.label == grade_labels[N_GRADES - 1])
		add(c, NULL, "审核评级为差（%d 分，不到%s的 %d 分：完整性 %d、相关性 %d、适当性 %d、可行性 %d）：不得列入预算",
		    g.points, grade_labels[N_GRADES - 2], c->s->cutoff[N_GRADES - 2], g.dimension[0], g.dimension[1],
		    g.dimension[2], g.dimension[3]);
}

/* An indicator the library has no entry of its name and unit for (中发〔2018〕34号 asks for shared
 * indicator systems): for finance to consider taking it in, or the unit to use the library's. Needs the
 * library (check loads it once a run); a hash lookup per indicator. */
static void indicator_not_in_library(struct ctx *c)
{
	size_t i;

	for (i = 0; c->lib && i < c->p->n_ind; i++) {
		const struct jx_indicator *ind = &c->p->ind[i];

		if (!jx_library_has(c->lib, ind->name, ind->unit))
			add(c, ind, "指标“%s”%s%s%s不在指标库中（没有同名、同计量单位的条目）", ind->name, ind->unit ? "（" : "",
			    ind->unit ? ind->unit : "", ind->unit ? "）" : "");
	}
}

static const struct rule rules[] = {
	{ "goal-missing", goal_missing },
	{ "funds-sum", funds_sum },
	{ "indicators-missing", indicators_missing },
	{ "value-missing", value_missing },
	{ "level-mismatch", level_mismatch },
	{ "percent-range", percent_range },
	{ "output-missing", output_missing },
	{ "effect-missing", effect_missing },
	{ "satisfaction-missing", satisfaction_missing },
	{ "quantity-missing", quantity_missing },
	{ "cost-missing", cost_missing },
	{ "cost-sum", cost_sum },
	{ "cost-over-standard", cost_over_standard },
	{ "target-below-history", target_below_history },
	{ "target-below-peers", target_below_peers },
	{ "basis-missing", basis_missing },
	{ "weight-sum", weight_sum },
	{ "duplicate-indicator", duplicate_indicator },
	{ "vague-value", vague_value },
	{ "goal-number", goal_number },
	{ "indicator-not-in-library", indicator_not_in_library },
	{ "grade-poor", grade_poor },
};

static const size_t n_rules = sizeof(rules) / sizeof(rules[0]);

size_t jx_review_rule_count(void)
{
	return n_rules;
}

const char *jx_review_rule_id(size_t i)
{
	return i < n_rules ? rules[i].id : NULL;
}

/* ---- checking ---- */

static const struct settings *settings_for(const struct jx_review *r, int year)
{
	size_t i;

	for (i = 0; i < r->n_years; i++)
		if (r->years[i].year == year)
			return &r->years[i];
	return &r->base;
}

void jx_review_check(const struct jx_review *r, const struct jx_project *p, struct jx_findings *out)
{
	jx_review_check_with(r, p, NULL, out);
}

static size_t rule_index(const char *id);

bool jx_review_uses_history(const struct jx_review *r, int year)
{
	return settings_for(r, year)->severity[rule_index("target-below-history")] != JX_SEV_OFF;
}

bool jx_review_uses_library(const struct jx_review *r, int year)
{
	return settings_for(r, year)->severity[r->i_library] != JX_SEV_OFF;
}

bool jx_review_uses_peers(const struct jx_review *r, int year)
{
	return settings_for(r, year)->severity[rule_index("target-below-peers")] != JX_SEV_OFF;
}

void jx_review_check_with(const struct jx_review *r, const struct jx_project *p, const struct jx_baseline *base,
			  struct jx_findings *out)
{
	jx_review_check_full(r, p, base, NULL, out);
}

void jx_review_check_full(const struct jx_review *r, const struct jx_project *p, const struct jx_baseline *base,
			  const struct jx_library *lib, struct jx_findings *out)
{
	struct jx_review_with w = { base, lib, NULL };

	jx_review_check_using(r, p, &w, out);
}

void jx_review_check_using(const struct jx_review *r, const struct jx_project *p, const struct jx_review_with *w,
			   struct jx_findings *out)
{
	struct ctx c = { p, settings_for(r, p->year), out, 0, NULL, out->n, w->base, w->lib, w->peers };

	for (c.rule = 0; c.rule < n_rules; c.rule++) {
		c.rule_id = rules[c.rule].id;
		if (c.s->severity[c.rule] != JX_SEV_OFF)
			rules[c.rule].check(&c);
	}
}

int jx_review_levels(const struct jx_review *r, int year)
{
	return settings_for(r, year)->levels;
}

size_t jx_review_level_years(const struct jx_review *r, int *base, int *years, size_t cap)
{
	size_t i, n = 0;

	*base = r->base.levels;
	for (i = 0; i < r->n_years; i++)
		if (r->years[i].levels != r->base.levels && n++ < cap)
			years[n - 1] = r->years[i].year;
	return n;
}

void jx_review_grade(const struct jx_review *r, int year, const struct jx_findings *f, struct jx_grade *out)
{
	grade(settings_for(r, year), f->f, f->n, out);
}

const char *jx_dimension_label(int dim)
{
	return dim >= 0 && dim < JX_N_DIM ? dimension_labels[dim] : "";
}

bool jx_findings_block(const struct jx_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->f[i].severity == JX_SEV_ERROR)
			return true;
	return false;
}

void jx_findings_clear(struct jx_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->f[i].indicator);
		free(f->f[i].message);
	}
	free(f->f);
	f->f = NULL;
	f->n = f->cap = 0;
}

static const char *const severity_names[] = { "off", "info", "warning", "error" };
static const char *const severity_labels[] = { "关闭", "提示", "警告", "错误" };

const char *jx_severity_name(enum jx_severity s)
{
	return severity_names[s];
}

const char *jx_severity_label(enum jx_severity s)
{
	return severity_labels[s];
}

/* ---- the configuration ---- */

/* Points: a whole number from 0 to 100. */
static bool points_of(json_t *v, int *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100)
		return false;
	*out = (int)json_integer_value(v);
	return true;
}

static size_t rule_index(const char *id)
{
	size_t i;

	for (i = 0; i < n_rules && strcmp(rules[i].id, id) != 0; i++)
		;
	return i;
}

/* The grading entry: dimensions (the base only), deduct (per severity or rule) and grades (cut-offs). */
static int apply_grading(struct settings *s, json_t *g, const char *file, const char *where, struct jx_err *err)
{
	json_t *v, *list, *item;
	const char *k;
	size_t i, idx;
	int d, sev, prev = 101;

	json_object_foreach(g, k, v) {
		if (strcmp(k, "comment") != 0 && strcmp(k, "deduct") != 0 && strcmp(k, "grades") != 0 &&
		    !(s->year == 0 && strcmp(k, "dimensions") == 0))
			return jx_err_set(err, JX_EINPUT, "%s: %sgrading 中未知的字段“%s”（应为 %sdeduct、grades）", file, where, k,
					  s->year == 0 ? "dimensions、" : "");
		if (strcmp(k, "comment") != 0 && !json_is_object(v))
			return jx_err_set(err, JX_EINPUT, "%s: %sgrading.%s 应为 JSON 对象", file, where, k);
	}
	json_object_foreach(json_object_get(g, "dimensions"), k, list) {
		for (d = 0; d < JX_N_DIM && strcmp(dimension_labels[d], k) != 0; d++)
			;
		if (d == JX_N_DIM)
			return jx_err_set(err, JX_EINPUT, "%s: grading.dimensions 中未知的方面“%s”（应为完整性、相关性、适当性或可行性）",
					  file, k);
		if (!json_is_array(list))
			return jx_err_set(err, JX_EINPUT, "%s: grading.dimensions.%s 应为规则编号的数组", file, k);
		json_array_foreach(list, i, item) {
			if (!json_is_string(item) || (idx = rule_index(json_string_value(item))) == n_rules ||
			    strcmp(rules[idx].id, "grade-poor") == 0)
				return jx_err_set(err, JX_EINPUT, "%s: grading.dimensions.%s 的第 %zu 项不是可扣分的规则编号", file, k,
						  i + 1);
			s->dimension[idx] = d;
		}
	}
	json_object_foreach(json_object_get(g, "deduct"), k, v) {
		for (sev = 1; sev < 4 && strcmp(severity_names[sev], k) != 0; sev++)
			;
		idx = sev < 4 ? n_rules : rule_index(k);
		if (sev == 4 && idx == n_rules)
			return jx_err_set(err, JX_EINPUT, "%s: %sgrading.deduct 中的“%s”既不是级别（error、warning、info）也不是规则编号",
					  file, where, k);
		if (!points_of(v, sev < 4 ? &s->deduct_severity[sev] : &s->deduct[idx]))
			return jx_err_set(err, JX_EINPUT, "%s: %sgrading.deduct.%s 应为 0 到 100 的整数分数", file, where, k);
	}
	json_object_foreach(json_object_get(g, "grades"), k, v) {
		for (d = 0; d < N_GRADES - 1 && strcmp(grade_labels[d], k) != 0; d++)
			;
		if (d == N_GRADES - 1)
			return jx_err_set(err, JX_EINPUT, "%s: %sgrading.grades 中的“%s”应为优、良或中（差是其余的）", file, where, k);
		if (!points_of(v, &s->cutoff[d]))
			return jx_err_set(err, JX_EINPUT, "%s: %sgrading.grades.%s 应为 0 到 100 的整数分数", file, where, k);
	}
	for (d = 0; d < N_GRADES - 1; prev = s->cutoff[d++])
		if (s->cutoff[d] >= prev)
			return jx_err_set(err, JX_EINPUT, "%s: %sgrading.grades 的分数线应从优到中递减", file, where);
	return 0;
}

static void standards_free(struct standards *t)
{
	size_t i, j;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		struct standard *e = &t->e[i];

		for (j = 0; j < e->n_keywords; j++)
			free(e->keywords[j]);
		for (j = 0; j < e->n_units; j++)
			free(e->units[j]);
		free(e->keywords);
		free(e->units);
		free(e->name);
		free(e->source);
		free(e->unit);
	}
	free(t->e);
	free(t);
}

/* A non-empty array of non-empty strings (of at most 64 bytes) into *out. */
static bool strings_of(json_t *a, char ***out, size_t *n, bool as_unit)
{
	json_t *v;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 64)
		return false;
	json_array_foreach(a, i, v)
		if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 64)
			return false;
	*out = jx_calloc(json_array_size(a), sizeof(**out));
	json_array_foreach(a, i, v) {
		char key[128];

		if (as_unit)
			unit_key(json_string_value(v), key, sizeof(key));
		(*out)[(*n)++] = jx_strdup(as_unit ? key : json_string_value(v));
	}
	return true;
}

/* The standards entry: {"comment", "entries": [{"name", "keywords", "units", "max", "source"}]}. */
static int apply_standards(struct settings *s, json_t *st, const char *file, const char *where, struct jx_err *err)
{
	json_t *entries = json_object_get(st, "entries"), *e, *v;
	struct standards *t;
	const char *k;
	size_t i;

	json_object_foreach(st, k, v)
		if (strcmp(k, "comment") != 0 && strcmp(k, "entries") != 0)
			return jx_err_set(err, JX_EINPUT, "%s: %sstandards 中未知的字段“%s”（应为 entries）", file, where, k);
	if (!json_is_array(entries))
		return jx_err_set(err, JX_EINPUT, "%s: %sstandards.entries 应为数组", file, where);
	t = jx_calloc(1, sizeof(*t));
	t->e = jx_calloc(json_array_size(entries) + 1, sizeof(*t->e));
	json_array_foreach(entries, i, e) {
		struct standard *d = &t->e[t->n++];
		const char *name = json_string_value(json_object_get(e, "name"));
		const char *source = json_string_value(json_object_get(e, "source"));
		const char *max = json_string_value(json_object_get(e, "max"));
		const char *bad = NULL;

		json_object_foreach(e, k, v)
			if (strcmp(k, "name") != 0 && strcmp(k, "keywords") != 0 && strcmp(k, "units") != 0 &&
			    strcmp(k, "max") != 0 && strcmp(k, "source") != 0 && !bad)
				bad = k;
		if (bad) {
			jx_err_set(err, JX_EINPUT, "%s: %sstandards.entries 第 %zu 项有未知的字段“%s”（应为 name、keywords、units、max、source）",
				   file, where, i + 1, bad);
		} else if (!name || !*name || !source || !*source) {
			jx_err_set(err, JX_EINPUT, "%s: %sstandards.entries 第 %zu 项应有 name 和 source（标准的名称和依据）", file,
				   where, i + 1);
		} else if (!strings_of(json_object_get(e, "keywords"), &d->keywords, &d->n_keywords, false) ||
			   !strings_of(json_object_get(e, "units"), &d->units, &d->n_units, true)) {
			jx_err_set(err, JX_EINPUT, "%s: %sstandards.entries 第 %zu 项的 keywords 和 units 应为非空字符串的数组", file,
				   where, i + 1);
		} else if (!max || jx_dec_parse(max, strlen(max), &d->max) || d->max.coef < 0) {
			jx_err_set(err, JX_EINPUT, "%s: %sstandards.entries 第 %zu 项的 max 应为非负数字字符串，如 \"550\"", file,
				   where, i + 1);
		} else {
			d->name = jx_strdup(name);
			d->source = jx_strdup(source);
			d->unit = jx_strdup(json_string_value(json_array_get(json_object_get(e, "units"), 0)));
			continue;
		}
		standards_free(t);
		return -1;
	}
	if (s->own_std)
		standards_free(s->std);
	s->std = t;
	s->own_std = true;
	return 0;
}

/* An integer setting of a section of the rules file: its key, its bounds, where it goes in the settings,
 * and what it should be, said when it is not. */
struct int_setting {
	const char *key;
	json_int_t min, max;
	size_t offset; /* of the int in struct settings */
	const char *expected;
};

static const struct int_setting peer_settings[] = {
	{ "min_count", 1, 1000000, offsetof(struct settings, peer_min), "整数（min_count 1 至 1000000，percent 1 至 99）" },
	{ "percent", 1, 99, offsetof(struct settings, peer_percent), "整数（min_count 1 至 1000000，percent 1 至 99）" },
};

static const struct int_setting workflow_settings[] = {
	{ "levels", 1, 2, offsetof(struct settings, levels), " 1（财政审核）或 2（先经主管部门审核，再由财政审核）" },
};

/* Reads section (peers: target-below-peers's thresholds; workflow: finance alone, or the unit's 主管部门
 * first, 财预〔2015〕88号 第26条) into s, each key one of the n settings; a comment is allowed. */
static int apply_ints(struct settings *s, json_t *o, const char *section, const struct int_setting *set, size_t n,
		      const char *file, const char *where, struct jx_err *err)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(o, k, v) {
		json_int_t x = json_integer_value(v);

		if (strcmp(k, "comment") == 0)
			continue;
		for (i = 0; i < n && strcmp(k, set[i].key) != 0; i++)
			;
		if (i == n) {
			char keys[128] = "";

			for (i = 0; i < n; i++)
				snprintf(keys + strlen(keys), sizeof(keys) - strlen(keys), "%s%s", i ? (i + 1 == n ? " 或 " : "、") : "",
					 set[i].key);
			return jx_err_set(err, JX_EINPUT, "%s: %s%s 中未知的字段“%s”（应为 %s）", file, where, section, k, keys);
		}
		if (!json_is_integer(v) || x < set[i].min || x > set[i].max)
			return jx_err_set(err, JX_EINPUT, "%s: %s%s.%s 应为%s", file, where, section, k, set[i].expected);
		*(int *)((char *)s + set[i].offset) = (int)x;
	}
	return 0;
}

static int apply(struct settings *s, json_t *entry, const char *file, const char *where, struct jx_err *err)
{
	static const char *const keys[] = { "rules", "tolerances", "grading", "standards", "peers", "workflow" };
	json_t *rules_obj = json_object_get(entry, "rules"), *tol = json_object_get(entry, "tolerances"), *v;
	const char *k;
	size_t i;

	json_object_foreach(entry, k, v) {
		bool known = strcmp(k, "comment") == 0 || (s->year == 0 && strcmp(k, "years") == 0);

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			known = known || strcmp(k, keys[i]) == 0;
		if (!known)
			return jx_err_set(err, JX_EINPUT,
					  "%s: %s未知的字段“%s”（应为 rules、tolerances、grading、standards、peers、workflow%s）", file,
					  where, k, s->year == 0 ? "、years" : "");
		if (strcmp(k, "comment") != 0 && !json_is_object(v))
			return jx_err_set(err, JX_EINPUT, "%s: %s%s 应为 JSON 对象", file, where, k);
	}
	json_object_foreach(rules_obj, k, v) {
		int sev = -1, j;

		for (i = 0; i < n_rules && strcmp(rules[i].id, k) != 0; i++)
			;
		for (j = 0; json_is_string(v) && j < 4; j++)
			if (strcmp(json_string_value(v), severity_names[j]) == 0)
				sev = j;
		if (i == n_rules)
			return jx_err_set(err, JX_EINPUT, "%s: %s未知的规则“%s”", file, where, k);
		if (sev < 0)
			return jx_err_set(err, JX_EINPUT, "%s: %s规则“%s”的级别应为 error、warning、info 或 off", file, where, k);
		s->severity[i] = (enum jx_severity)sev;
	}
	if (json_object_get(entry, "grading") && apply_grading(s, json_object_get(entry, "grading"), file, where, err))
		return -1;
	if (json_object_get(entry, "standards") && apply_standards(s, json_object_get(entry, "standards"), file, where, err))
		return -1;
	if (json_object_get(entry, "peers") &&
	    apply_ints(s, json_object_get(entry, "peers"), "peers", peer_settings,
		       sizeof(peer_settings) / sizeof(peer_settings[0]), file, where, err))
		return -1;
	if (json_object_get(entry, "workflow") &&
	    apply_ints(s, json_object_get(entry, "workflow"), "workflow", workflow_settings,
		       sizeof(workflow_settings) / sizeof(workflow_settings[0]), file, where, err))
		return -1;
	json_object_foreach(tol, k, v) {
		const char *text = json_string_value(v);

		for (i = 0; i < N_TOL && strcmp(tolerance_ids[i], k) != 0; i++)
			;
		if (i == N_TOL)
			return jx_err_set(err, JX_EINPUT, "%s: %s未知的容差“%s”（应为 funds-sum 或 cost-sum）", file, where, k);
		if (!text || jx_dec_parse(text, strlen(text), &s->tolerance[i]) || s->tolerance[i].coef < 0)
			return jx_err_set(err, JX_EINPUT, "%s: %s容差“%s”应为以万元计的非负数字字符串，如 \"0.01\"", file, where, k);
	}
	return 0;
}

static void settings_copy(struct settings *dst, const struct settings *src, int year)
{
	dst->year = year;
	dst->severity = jx_malloc(n_rules * sizeof(*dst->severity));
	memcpy(dst->severity, src->severity, n_rules * sizeof(*dst->severity));
	memcpy(dst->tolerance, src->tolerance, sizeof(dst->tolerance));
	dst->std = src->std;
	dst->own_std = false;
	dst->dimension = jx_malloc(n_rules * sizeof(*dst->dimension));
	memcpy(dst->dimension, src->dimension, n_rules * sizeof(*dst->dimension));
	dst->deduct = jx_malloc(n_rules * sizeof(*dst->deduct));
	memcpy(dst->deduct, src->deduct, n_rules * sizeof(*dst->deduct));
	memcpy(dst->deduct_severity, src->deduct_severity, sizeof(dst->deduct_severity));
	memcpy(dst->cutoff, src->cutoff, sizeof(dst->cutoff));
	dst->peer_min = src->peer_min;
	dst->peer_percent = src->peer_percent;
	dst->levels = src->levels;
}

/* Resolves the merged configuration into r. */
static int resolve(struct jx_review *r, json_t *conf, const char *file, struct jx_err *err)
{
	json_t *years = json_object_get(conf, "years"), *entry;
	const char *k;
	size_t i;

	r->base.severity = jx_calloc(n_rules, sizeof(*r->base.severity));
	r->base.dimension = jx_malloc(n_rules * sizeof(*r->base.dimension));
	r->base.deduct = jx_malloc(n_rules * sizeof(*r->base.deduct));
	for (i = 0; i < n_rules; i++)
		r->base.dimension[i] = r->base.deduct[i] = -1;
	r->base.peer_min = 5;
	r->base.peer_percent = 50;
	r->base.levels = 1;
	if (apply(&r->base, conf, file, "", err))
		return -1;
	if (!r->base.std)
		return jx_err_set(err, JX_EINPUT, "%s: 没有支出标准（standards）", file);
	for (i = 0; i < n_rules; i++) {
		if (!json_object_get(json_object_get(conf, "rules"), rules[i].id))
			return jx_err_set(err, JX_EINPUT, "%s: 没有规则“%s”的级别", file, rules[i].id);
		if (r->base.dimension[i] < 0 && strcmp(rules[i].id, "grade-poor") != 0)
			return jx_err_set(err, JX_EINPUT, "%s: grading.dimensions 中没有规则“%s”（它应属于一个方面）", file,
					  rules[i].id);
	}
	r->years = jx_calloc(json_object_size(years), sizeof(*r->years));
	json_object_foreach(years, k, entry) {
		struct settings *s = &r->years[r->n_years++];
		char where[64];
		int year = strlen(k) == 4 && strspn(k, "0123456789") == 4 ? atoi(k) : 0;

		settings_copy(s, &r->base, year);
		snprintf(where, sizeof(where), "years.%.16s: ", k);
		if (year < 1949)
			return jx_err_set(err, JX_EINPUT, "%s: years 中的“%s”不是四位数的年份", file, k);
		if (!json_is_object(entry) || apply(s, entry, file, where, err))
			return err && err->code ? -1 : jx_err_set(err, JX_EINPUT, "%s: %s应为对象", file, where);
	}
	return 0;
}

int jx_review_load(struct jx_review **out, const char *path, struct jx_err *err)
{
	const struct jx_asset *a = &jx_assets_review[0];
	struct jx_review *r = jx_calloc(1, sizeof(*r));
	json_t *conf = NULL;
	int rc;

	r->i_library = rule_index("indicator-not-in-library");
	rc = jx_config_load(a, path, "审核规则配置", &conf, err) || resolve(r, conf, path ? path : a->name, err);

	json_decref(conf);
	if (rc) {
		jx_review_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

void jx_review_free(struct jx_review *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_years; i++) {
		if (r->years[i].own_std)
			standards_free(r->years[i].std);
		free(r->years[i].severity);
		free(r->years[i].dimension);
		free(r->years[i].deduct);
	}
	free(r->base.dimension);
	free(r->base.deduct);
	if (r->base.own_std)
		standards_free(r->base.std);
	free(r->years);
	free(r->base.severity);
	free(r);
}
