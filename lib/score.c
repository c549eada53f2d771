/*
 * score.c — self-evaluation on 100 points, computed exactly in rational numbers (exact.h: 64-bit
 * integers while they fit, GMP where they do not). See score.h.
 *
 * Every input is an exact decimal (targets, actuals, money, settings), so every share and ratio is a
 * rational number; only the displayed figures are rounded, half-up to two places, and the total is
 * rounded once, at the end, from the exact sum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/model.h"
#include "jixiao/score.h"
#include "jixiao/value.h"
#include "exact.h"

/* Temporaries for one project's scoring, and the settings' shares as fractions, made once. */
struct calc {
	struct jx_q w, t, a, x, y, pct, hundred;
	struct jx_q tolerance; /* equal_tolerance ÷ 100 */
	struct jx_q below;     /* deviation_below ÷ 100 */
	struct jx_q above;     /* deviation_above ÷ 100 */
	bool full_asks;  /* even full points ask for a reason (deviation_below over 100%) */
	bool all_or_nothing; /* an = target off its tolerance earns nothing */
	char tmp[JX_DEC_STRMAX];
};

static void share(struct jx_q *q, struct jx_dec percent, const struct jx_q *hundred)
{
	jx_q_set_dec(q, percent);
	jx_q_div(q, q, hundred);
}

static void calc_init(struct calc *c, const struct jx_eval_settings *s)
{
	static const struct jx_q zero = JX_Q_INIT;

	c->w = c->t = c->a = c->x = c->y = c->pct = c->hundred = c->tolerance = c->below = c->above = zero;
	jx_q_set_frac(&c->hundred, 100, 1);
	share(&c->tolerance, s->equal_tolerance, &c->hundred);
	share(&c->below, s->deviation_below, &c->hundred);
	share(&c->above, s->deviation_above, &c->hundred);
	c->full_asks = jx_q_cmp_int(&c->below, 1) > 0;
	c->all_or_nothing = s->equal_all_or_nothing;
}

static void calc_clear(struct calc *c)
{
	struct jx_q *all[] = { &c->w, &c->t, &c->a, &c->x, &c->y, &c->pct, &c->hundred, &c->tolerance, &c->below, &c->above };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		jx_q_clear(all[i]);
}

/* out = w · max(0, 1 − |a − t| / |t|), for t ≠ 0. */
static void deviation_share(struct calc *c, struct jx_q *out)
{
	jx_q_sub(&c->x, &c->a, &c->t);
	jx_q_abs(&c->x, &c->x);
	jx_q_abs(&c->y, &c->t);
	jx_q_div(&c->x, &c->x, &c->y);
	jx_q_set_frac(&c->y, 1, 1);
	jx_q_sub(&c->x, &c->y, &c->x);
	if (jx_q_sgn(&c->x) < 0)
		jx_q_set_frac(&c->x, 0, 1);
	jx_q_mul(out, &c->w, &c->x);
}

/* out = what a quantitative indicator earns: w, t and a are set. */
static void quantitative(struct calc *c, enum jx_op op, struct jx_q *out)
{
	int t_sign = jx_q_sgn(&c->t), cmp = jx_q_cmp(&c->a, &c->t);

	if (op == JX_OP_EQ) {
		jx_q_abs(&c->y, &c->t); /* tolerance: equal_tolerance% of max(|t|, 1) */
		if (jx_q_cmp_int(&c->y, 1) < 0)
			jx_q_set_frac(&c->y, 1, 1);
		jx_q_mul(&c->y, &c->y, &c->tolerance);
		jx_q_sub(&c->x, &c->a, &c->t);
		jx_q_abs(&c->x, &c->x);
		if (jx_q_cmp(&c->x, &c->y) <= 0)
			jx_q_set(out, &c->w);
		else if (t_sign == 0 || c->all_or_nothing)
			jx_q_set_frac(out, 0, 1);
		else
			deviation_share(c, out);
		return;
	}
	if (t_sign == 0) { /* on the target's side of 0 */
		int a_sign = jx_q_sgn(&c->a);
		bool met = op == JX_OP_GE ? a_sign >= 0 : op == JX_OP_GT ? a_sign > 0 : op == JX_OP_LE ? a_sign <= 0 : a_sign < 0;

		if (met)
			jx_q_set(out, &c->w);
		else
			jx_q_set_frac(out, 0, 1);
		return;
	}
	if (op == JX_OP_GE || op == JX_OP_GT) {
		if (cmp >= 0)
			jx_q_set(out, &c->w);
		else if (t_sign < 0)
			deviation_share(c, out);
		else if (jx_q_sgn(&c->a) <= 0)
			jx_q_set_frac(out, 0, 1);
		else {
			jx_q_div(&c->x, &c->a, &c->t);
			jx_q_mul(out, &c->w, &c->x);
		}
		return;
	}
	/* ≤ or <: over the target, w·(1 − (a − t)/|t|), which is 0 from a = 2t on */
	if (cmp <= 0)
		jx_q_set(out, &c->w);
	else
		deviation_share(c, out);
}

/* True if a exceeds t by above% or more in the direction op favours (t > 0). */
static bool far_beyond(struct calc *c, enum jx_op op)
{
	if (jx_q_sgn(&c->t) <= 0 || op == JX_OP_NONE)
		return false;
	jx_q_mul(&c->x, &c->t, &c->above);
	if (op == JX_OP_LE || op == JX_OP_LT) {
		jx_q_sub(&c->y, &c->t, &c->x);
		return jx_q_cmp(&c->a, &c->y) <= 0;
	}
	jx_q_add(&c->y, &c->t, &c->x);
	return jx_q_cmp(&c->a, &c->y) >= 0;
}

/* True if a quantitative actual plainly meets a target other than 0 (exactly on it, or on its right
 * side), so that it earns its points with no arithmetic; *exact tells whether it is on it. */
static bool plainly_met(enum jx_op op, struct jx_dec t, struct jx_dec a, bool *exact)
{
	int cmp = jx_dec_cmp(a, t);

	*exact = cmp == 0;
	if (t.coef == 0)
		return false;
	return op == JX_OP_EQ ? cmp == 0 : op == JX_OP_GE || op == JX_OP_GT ? cmp >= 0 : cmp <= 0;
}

/* Scores one indicator with points c->w: returns true if it earns them all, else puts what it earns in
 * earned. Sets line->ask_reason. Plain cases are decided on the decimals; rationals only where needed. */
static bool indicator(struct calc *c, const struct jx_eval_settings *s, const struct jx_indicator *ind,
		      struct jx_scored *line, struct jx_q *earned, bool *beyond_out)
{
	struct jx_actual_value v;
	char unit[JX_UNIT_MAX];
	bool beyond = false, full = false, exact;

	*beyond_out = false;

	jx_q_set_frac(earned, 0, 1);
	if (line->actual && !jx_actual_parse(line->actual->value, strlen(line->actual->value), &v, unit, sizeof(unit))) {
		if (v.level != JX_LEVEL_NONE && ind->op == JX_OP_NONE) {
			struct jx_dec pct = v.has_percent ? v.value : s->level_percent[v.level];

			full = jx_dec_cmp(pct, (struct jx_dec){ 100, 0 }) == 0;
			if (!full) {
				jx_q_set_dec(&c->pct, pct);
				jx_q_mul(earned, &c->w, &c->pct);
				jx_q_div(earned, earned, &c->hundred);
			}
		} else if (v.level == JX_LEVEL_NONE && ind->op != JX_OP_NONE) {
			full = plainly_met(ind->op, ind->value, v.value, &exact);
			if (!full || !exact) {
				jx_q_set_dec(&c->t, ind->value);
				jx_q_set_dec(&c->a, v.value);
				if (!full)
					quantitative(c, ind->op, earned);
				beyond = far_beyond(c, ind->op);
			}
		}
	}
	*beyond_out = beyond;
	if (full) {
		line->ask_reason = beyond || c->full_asks;
		return true;
	}
	jx_q_mul(&c->x, &c->w, &c->below); /* under below% of its points */
	line->ask_reason = beyond || jx_q_cmp(earned, &c->x) < 0;
	return false;
}

/* The profile's deductions from a line that earned earned of its points c->w: a share where it beat
 * its target far (beyond), a share where a reason is asked and none given. Returns true if any was
 * taken (earned then holds what is left, never below 0; the line says what and how much). */
static bool deductions(struct calc *c, const struct jx_eval_settings *s, struct jx_scored *line, bool beyond,
		       struct jx_q *earned)
{
	bool over = beyond && s->over_deduct.coef > 0;
	bool missing = line->ask_reason && !(line->actual && line->actual->reason) && s->missing_reason_deduct.coef > 0;
	char a[JX_DEC_STRMAX], b[JX_DEC_STRMAX];

	if (!over && !missing)
		return false;
	jx_q_set_frac(&c->y, 0, 1);
	if (over) {
		jx_q_set_dec(&c->pct, s->over_deduct);
		jx_q_add(&c->y, &c->y, &c->pct);
	}
	if (missing) {
		jx_q_set_dec(&c->pct, s->missing_reason_deduct);
		jx_q_add(&c->y, &c->y, &c->pct);
	}
	jx_q_div(&c->y, &c->y, &c->hundred);
	jx_q_mul(&c->y, &c->y, &c->w); /* the points to take off */
	if (jx_q_cmp(&c->y, earned) > 0)
		jx_q_set(&c->y, earned);
	if (jx_q_sgn(&c->y) == 0) /* nothing left to take */
		return false;
	jx_q_sub(earned, earned, &c->y);
	line->deducted = jx_q_round2(&c->y);
	snprintf(line->note, sizeof(line->note), "这一行因%s%s%s扣 %s 分", over ? "超出目标 " : "",
		 over ? jx_dec_format(s->deviation_above, b) : "", over ? (missing ? "% 以上、未说明偏差原因" : "% 以上")
								       : "未说明偏差原因",
		 jx_dec_format(line->deducted, a));
	return true;
}

/* The points of each indicator of group g from their 分值 (JX_IF_WEIGHT) into w (a line each), if every
 * one of the group's lines with a target has them and they add up to the group's points; else false,
 * noting in sc why points that were given are not used. */
static bool own_points(const struct jx_eval_settings *s, const struct jx_project *p, struct jx_score *sc, int g,
		       struct jx_dec *w)
{
	struct jx_dec sum = { 0, 0 }, one;
	size_t i, given = 0, lines = 0;
	char a[JX_DEC_STRMAX], b[JX_DEC_STRMAX];
	const char *text;

	for (i = 0; i < p->n_ind; i++) {
		if (sc->ind[i].group != g)
			continue;
		lines++;
		text = p->ind[i].f[JX_IF_WEIGHT];
		if (!text || jx_dec_parse(text, strlen(text), &one) || one.coef < 0)
			continue;
		given++;
		w[i] = one;
		if (jx_dec_add(sum, one, &sum))
			return false;
	}
	if (!given)
		return false;
	if (given == lines && jx_dec_cmp(sum, s->weight[g]) == 0)
		return true;
	snprintf(sc->weight_note + strlen(sc->weight_note), sizeof(sc->weight_note) - strlen(sc->weight_note),
		 "%s%s指标%s，按平均分配计分", *sc->weight_note ? "；" : "", jx_group_label(g),
		 given < lines ? "有的未填分值" : "");
	if (given == lines)
		snprintf(sc->weight_note + strlen(sc->weight_note) - strlen("，按平均分配计分"),
			 sizeof(sc->weight_note) - strlen(sc->weight_note) + strlen("，按平均分配计分"),
			 "的分值合计 %s，不等于 %s 分，按平均分配计分", jx_dec_format(sum, a), jx_dec_format(s->weight[g], b));
	return false;
}

/* ---- a project ---- */

static const struct jx_actual *actual_for(const struct jx_actuals *a, const struct jx_indicator *ind)
{
	return a ? jx_actuals_get(a, ind->name, ind->unit) : NULL;
}

/* Budget execution: min(spent ÷ total, 1) × points into earned; the rate into sc. */
static void budget(struct calc *c, const struct jx_eval_settings *s, struct jx_score *sc, struct jx_q *earned)
{
	struct jx_actual_value v;
	char unit[JX_UNIT_MAX];

	jx_q_set_frac(earned, 0, 1);
	if (!sc->spent || jx_actual_parse(sc->spent->value, strlen(sc->spent->value), &v, unit, sizeof(unit)) ||
	    v.level != JX_LEVEL_NONE)
		return;
	jx_q_set_dec(&c->w, s->weight[JX_GROUP_BUDGET]);
	if (sc->p->total == 0) {
		jx_q_set(earned, &c->w);
		return;
	}
	jx_q_set_dec(&c->a, v.value);
	jx_q_set_dec(&c->t, jx_money_dec(sc->p->total));
	jx_q_div(&c->x, &c->a, &c->t);
	jx_q_mul(&c->y, &c->x, &c->hundred);
	sc->rate = jx_q_round2(&c->y);
	if (jx_q_cmp_int(&c->x, 1) > 0)
		jx_q_set_frac(&c->x, 1, 1);
	jx_q_mul(earned, &c->x, &c->w);
}

/* Notes an actual that counts: the score is evaluated, and whether it stands for a day before the
 * project year's last (year_end). */
static void dated(struct jx_score *sc, const struct jx_actual *a, const char *year_end)
{
	if (!a)
		return;
	sc->evaluated = true;
	if (a->as_of && strcmp(a->as_of, year_end) < 0) {
		sc->before_year_end++;
		if (!sc->earliest || strcmp(a->as_of, sc->earliest) < 0)
			sc->earliest = a->as_of;
	}
}

void jx_score_project(const struct jx_eval_settings *s, const struct jx_project *p, const struct jx_actuals *a,
		      struct jx_score *out)
{
	struct calc c;
	struct jx_q earned = JX_Q_INIT, group[JX_N_GROUPS], w[JX_N_GROUPS], total = JX_Q_INIT;
	size_t counts[JX_N_GROUPS] = { 0 }, full[JX_N_GROUPS] = { 0 }, i;
	struct jx_dec points[JX_N_GROUPS], *own;
	bool by_own[JX_N_GROUPS] = { false }, beyond;
	char a1[JX_DEC_STRMAX], a2[JX_DEC_STRMAX], a3[JX_DEC_STRMAX], year_end[16];
	int g;

	memset(out, 0, sizeof(*out));
	out->p = p;
	out->profile = s->profile[0] ? s->profile : "national";
	snprintf(out->asked, sizeof(out->asked), "不足分值的 %s%% 或超出目标 %s%% 以上", jx_dec_format(s->deviation_below, a1),
		 jx_dec_format(s->deviation_above, a2));
	out->spent = a ? jx_actuals_get(a, JX_SPENT, "万元") : NULL;
	out->ind = jx_calloc(p->n_ind + 1, sizeof(*out->ind));
	out->n = p->n_ind;
	own = jx_calloc(p->n_ind + 1, sizeof(*own));
	calc_init(&c, s);
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];

		out->ind[i].index = i;
		out->ind[i].actual = actual_for(a, ind);
		out->ind[i].group = ind->target ? jx_group_of(p->framework, ind->level1) : -1;
		if (out->ind[i].group > 0)
			counts[out->ind[i].group]++;
	}
	snprintf(year_end, sizeof(year_end), "%04d-12-31", p->year);
	dated(out, out->spent, year_end);
	for (i = 0; i < p->n_ind; i++)
		dated(out, out->ind[i].actual, year_end);
	for (g = 0; g < JX_N_GROUPS; g++) { /* each group's points, split over its indicators */
		group[g] = w[g] = (struct jx_q)JX_Q_INIT;
		jx_q_set_dec(&w[g], s->weight[g]);
		if (g > 0 && counts[g]) {
			by_own[g] = own_points(s, p, out, g, own);
			jx_q_set_frac(&c.x, (int64_t)counts[g], 1);
			jx_q_div(&w[g], &w[g], &c.x);
		}
		points[g] = jx_q_round2(&w[g]);
	}
	budget(&c, s, out, &group[JX_GROUP_BUDGET]);
	out->points[JX_GROUP_BUDGET] = s->weight[JX_GROUP_BUDGET];
	for (i = 0; i < p->n_ind; i++) {
		struct jx_scored *line = &out->ind[i];
		bool whole;

		if (line->group <= 0)
			continue;
		if (by_own[line->group]) {
			jx_q_set_dec(&c.w, own[i]);
			line->points = jx_q_round2(&c.w);
		} else {
			jx_q_set(&c.w, &w[line->group]);
			line->points = points[line->group];
		}
		whole = indicator(&c, s, &p->ind[i], line, &earned, &beyond);
		if (whole) /* what a deduction takes from */
			jx_q_set(&earned, &c.w);
		if (out->evaluated && deductions(&c, s, line, beyond, &earned))
			whole = false;
		if (whole && !by_own[line->group]) {
			full[line->group]++; /* counted, multiplied once at the end */
			line->score = points[line->group];
		} else {
			line->score = jx_q_round2(&earned);
			jx_q_add(&group[line->group], &group[line->group], &earned);
		}
		out->missing_reasons += line->ask_reason && !(line->actual && line->actual->reason);
	}
	for (g = 0; g < JX_N_GROUPS; g++) {
		if (g > 0) {
			jx_q_set_frac(&c.x, (int64_t)full[g], 1);
			jx_q_mul(&c.x, &c.x, &w[g]);
			jx_q_add(&group[g], &group[g], &c.x);
			out->points[g] = counts[g] ? s->weight[g] : (struct jx_dec){ 0, 0 };
		}
		out->score[g] = jx_q_round2(&group[g]);
		jx_q_add(&total, &total, &group[g]);
		jx_q_clear(&group[g]);
		jx_q_clear(&w[g]);
	}
	out->total = jx_q_round2(&total);
	if (out->evaluated && s->cap_below.coef > 0 && out->spent && p->total && jx_dec_cmp(out->rate, s->cap_below) < 0 &&
	    jx_dec_cmp(out->total, s->cap_total) > 0) {
		out->capped = true;
		snprintf(out->cap_note, sizeof(out->cap_note), "预算执行率 %s%% 低于 %s%%，总分按规则封顶为 %s 分（原为 %s 分）",
			 jx_dec_format(out->rate, a1), jx_dec_format(s->cap_below, a2), jx_dec_format(s->cap_total, a3),
			 jx_dec_format(out->total, c.tmp));
		out->total = s->cap_total;
	}
	if (!out->evaluated) { /* nothing to explain a deviation of */
		for (i = 0; i < p->n_ind; i++)
			out->ind[i].ask_reason = false;
		out->missing_reasons = 0;
	} else {
		for (i = 0; i < s->n_grades && jx_dec_cmp(out->total, s->grade_from[i]) < 0; i++)
			;
		out->grade = s->grade[i < s->n_grades ? i : s->n_grades - 1];
	}
	free(own);
	jx_q_clear(&earned);
	jx_q_clear(&total);
	calc_clear(&c);
}

const char *jx_scored_reason(const struct jx_scored *l, struct jx_buf *out)
{
	const char *reason = l->actual && l->actual->reason ? l->actual->reason : l->ask_reason ? "（应说明）" : "";

	jx_buf_reset(out);
	jx_buf_adds(out, reason, NULL);
	if (*l->note) {
		jx_buf_adds(out, *reason ? "；" : "", NULL);
		jx_buf_adds(out, l->note, NULL);
	}
	return out->ptr;
}

void jx_score_free(struct jx_score *sc)
{
	free(sc->ind);
	sc->ind = NULL;
	sc->n = 0;
}

/* ---- summaries ---- */

static struct jx_score_group *group_for(struct jx_score_group **arr, size_t *n, size_t *cap, const char *key, int year)
{
	size_t i;

	for (i = *n; i-- > 0;) /* scores come grouped by year: the match is usually near the end */
		if ((*arr)[i].year == year && strcmp((*arr)[i].key, key) == 0)
			return &(*arr)[i];
	jx_grow(arr, sizeof(**arr), *n + 1, cap);
	memset(&(*arr)[*n], 0, sizeof(**arr));
	(*arr)[*n].key = jx_strdup(key);
	(*arr)[*n].year = year;
	(*arr)[*n].sum = (struct jx_dec){ 0, 2 };
	return &(*arr)[(*n)++];
}

static void tally(struct jx_score_group *g, size_t grade, const struct jx_score *sc)
{
	if (!sc->evaluated) {
		g->unevaluated++;
		return;
	}
	g->count[grade]++;
	jx_money_add(g->money[grade], sc->p->total, &g->money[grade]);
	g->n++;
	jx_dec_add(g->sum, sc->total, &g->sum);
}

void jx_score_summary_add(struct jx_score_summary *sum, const struct jx_eval_settings *s, const struct jx_score *sc)
{
	char year[16];
	size_t i;

	if (sum->n_grades == 0) {
		sum->n_grades = s->n_grades;
		memcpy(sum->grade, s->grade, sizeof(sum->grade));
	}
	for (i = 0; sc->grade && i < sum->n_grades - 1 && strcmp(sum->grade[i], sc->grade) != 0; i++)
		;
	snprintf(year, sizeof(year), "%d", sc->p->year);
	tally(group_for(&sum->units, &sum->n_units, &sum->cap_units, sc->p->unit, sc->p->year), i, sc);
	tally(group_for(&sum->years, &sum->n_years, &sum->cap_years, year, sc->p->year), i, sc);
}

static int by_year_key(const void *a, const void *b)
{
	const struct jx_score_group *x = a, *y = b;

	return x->year != y->year ? (x->year > y->year) - (x->year < y->year) : strcmp(x->key, y->key);
}

static void averages(struct jx_score_group *g, size_t n)
{
	struct jx_q q = JX_Q_INIT, count = JX_Q_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!g[i].n)
			continue;
		jx_q_set_dec(&q, g[i].sum);
		jx_q_set_frac(&count, (int64_t)g[i].n, 1);
		jx_q_div(&q, &q, &count);
		g[i].average = jx_q_round2(&q);
	}
	jx_q_clear(&q);
	jx_q_clear(&count);
}

void jx_score_summary_finish(struct jx_score_summary *sum)
{
	qsort(sum->units, sum->n_units, sizeof(*sum->units), by_year_key);
	qsort(sum->years, sum->n_years, sizeof(*sum->years), by_year_key);
	averages(sum->units, sum->n_units);
	averages(sum->years, sum->n_years);
}

void jx_score_summary_free(struct jx_score_summary *sum)
{
	size_t i;

	for (i = 0; i < sum->n_units; i++)
		free(sum->units[i].key);
	for (i = 0; i < sum->n_years; i++)
		free(sum->years[i].key);
	free(sum->units);
	free(sum->years);
	memset(sum, 0, sizeof(*sum));
}
