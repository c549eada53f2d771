/*
 * monitor.c — traffic lights for budget execution and target progress as of a day, computed exactly
 * in rational numbers (exact.h). See monitor.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/model.h"
#include "jixiao/monitor.h"
#include "jixiao/value.h"
#include "exact.h"

static const char *const light_names[JX_N_LIGHTS] = { "grey", "red", "yellow", "green", "blue" };
static const char *const light_labels[JX_N_LIGHTS] = { "灰", "红", "黄", "绿", "蓝" };

const char *jx_light_name(enum jx_light l)
{
	return light_names[l];
}

const char *jx_light_label(enum jx_light l)
{
	return light_labels[l];
}

/* The light of a ratio (in %) to a standard: red, yellow, green, blue by the progress thresholds. */
static enum jx_light progress_light(const struct jx_eval_settings *s, const struct jx_q *pct)
{
	if (jx_q_cmp_dec(pct, s->progress_red) < 0)
		return JX_LIGHT_RED;
	if (jx_q_cmp_dec(pct, s->progress_yellow) < 0)
		return JX_LIGHT_YELLOW;
	return jx_q_cmp_dec(pct, s->progress_blue) < 0 ? JX_LIGHT_GREEN : JX_LIGHT_BLUE;
}

static bool meets(enum jx_op op, int cmp)
{
	switch (op) {
	case JX_OP_GE:
		return cmp >= 0;
	case JX_OP_GT:
		return cmp > 0;
	case JX_OP_LE:
		return cmp <= 0;
	case JX_OP_LT:
		return cmp < 0;
	default:
		return cmp == 0;
	}
}

/* The light of a quantitative indicator with actual a and target t, f the share of the year. */
static void quantitative(const struct jx_eval_settings *s, const struct jx_indicator *ind, const struct jx_q *f,
			 const struct jx_q *a, struct jx_watched *w)
{
	struct jx_q t = JX_Q_INIT, std = JX_Q_INIT, pct = JX_Q_INIT;
	bool ahead = ind->op == JX_OP_GE || ind->op == JX_OP_GT;

	jx_q_set_dec(&t, ind->value);
	w->prorated = (ahead || ind->op == JX_OP_EQ) && jx_eval_prorated(s, ind->unit);
	if (w->prorated)
		jx_q_mul(&std, &t, f);
	else
		jx_q_set(&std, &t);
	w->has_standard = true;
	w->standard = w->prorated ? jx_q_round2(&std) : ind->value;
	if (ahead || (ind->op == JX_OP_EQ && w->prorated)) {
		if (jx_q_sgn(&std) <= 0) { /* a standard of 0 or below: met or not */
			w->light = meets(ind->op == JX_OP_EQ ? JX_OP_GE : ind->op, jx_q_cmp(a, &std)) ? JX_LIGHT_GREEN : JX_LIGHT_RED;
			w->has_standard = jx_q_sgn(&std) != 0 && w->has_standard;
		} else {
			jx_q_div(&pct, a, &std);
			jx_q_set_frac(&t, 100, 1);
			jx_q_mul(&pct, &pct, &t);
			w->has_progress = true;
			w->progress = jx_q_round2(&pct);
			w->light = progress_light(s, &pct);
		}
	} else if (ind->op == JX_OP_EQ) { /* held to t: how far off, in % of |t| */
		if (jx_q_sgn(&t) == 0) {
			w->light = jx_q_sgn(a) == 0 ? JX_LIGHT_GREEN : JX_LIGHT_RED;
		} else {
			jx_q_sub(&pct, a, &t);
			jx_q_abs(&pct, &pct);
			jx_q_abs(&std, &t);
			jx_q_div(&pct, &pct, &std);
			jx_q_set_frac(&std, 100, 1);
			jx_q_mul(&pct, &pct, &std);
			w->has_deviation = true;
			w->deviation = jx_q_round2(&pct);
			w->light = jx_q_cmp_dec(&pct, s->equal_green) <= 0    ? JX_LIGHT_GREEN
				   : jx_q_cmp_dec(&pct, s->equal_yellow) <= 0 ? JX_LIGHT_YELLOW
									: JX_LIGHT_RED;
		}
	} else { /* ≤ or <: met or not */
		w->light = meets(ind->op, jx_q_cmp(a, &t)) ? JX_LIGHT_GREEN : JX_LIGHT_RED;
	}
	jx_q_clear(&t);
	jx_q_clear(&std);
	jx_q_clear(&pct);
}

static void indicator(const struct jx_eval_settings *s, const struct jx_indicator *ind, const struct jx_q *f,
		      struct jx_watched *w)
{
	static const enum jx_light by_level[JX_N_LEVELS] = { JX_LIGHT_GREY, JX_LIGHT_GREEN, JX_LIGHT_YELLOW, JX_LIGHT_RED };
	struct jx_actual_value v;
	char unit[JX_UNIT_MAX];
	struct jx_q a = JX_Q_INIT;

	w->light = JX_LIGHT_GREY;
	if (!ind->target || !w->actual ||
	    jx_actual_parse(w->actual->value, strlen(w->actual->value), &v, unit, sizeof(unit)))
		return;
	if (ind->op == JX_OP_NONE) {
		w->light = by_level[v.level];
		return;
	}
	if (v.level != JX_LEVEL_NONE)
		return;
	jx_q_set_dec(&a, v.value);
	quantitative(s, ind, f, &a, w);
	jx_q_clear(&a);
}

/* Budget execution: (spent ÷ total) ÷ f. */
static void budget(const struct jx_eval_settings *s, struct jx_monitor *m, const struct jx_q *f)
{
	struct jx_actual_value v;
	char unit[JX_UNIT_MAX];
	struct jx_q q = JX_Q_INIT, t = JX_Q_INIT;

	m->budget = JX_LIGHT_GREY;
	if (!m->spent || m->p->total == 0 ||
	    jx_actual_parse(m->spent->value, strlen(m->spent->value), &v, unit, sizeof(unit)) || v.level != JX_LEVEL_NONE)
		return;
	jx_q_set_dec(&q, v.value);
	jx_q_set_dec(&t, jx_money_dec(m->p->total));
	jx_q_div(&q, &q, &t);
	jx_q_div(&q, &q, f);
	jx_q_set_frac(&t, 100, 1);
	jx_q_mul(&q, &q, &t);
	m->has_rate = true;
	m->rate = jx_q_round2(&q);
	m->budget = jx_q_cmp_dec(&q, s->budget_red) < 0 ? JX_LIGHT_RED : jx_q_cmp_dec(&q, s->budget_yellow) < 0 ? JX_LIGHT_YELLOW : JX_LIGHT_GREEN;
	jx_q_clear(&q);
	jx_q_clear(&t);
}

void jx_monitor_project(const struct jx_eval_settings *s, const struct jx_project *p, const struct jx_actuals *a,
			const char *as_of, struct jx_monitor *out)
{
	struct jx_q f = JX_Q_INIT;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->p = p;
	snprintf(out->as_of, sizeof(out->as_of), "%s", as_of ? as_of : "");
	out->month = as_of && strlen(as_of) >= 7 ? atoi(as_of + 5) : 12;
	if (out->month < 1 || out->month > 12)
		out->month = 12;
	out->spent = a ? jx_actuals_get(a, JX_SPENT, "万元") : NULL;
	out->ind = jx_calloc(p->n_ind + 1, sizeof(*out->ind));
	out->n = p->n_ind;
	jx_q_set_frac(&f, out->month, 12);
	budget(s, out, &f);
	for (i = 0; i < p->n_ind; i++) {
		struct jx_watched *w = &out->ind[i];

		w->index = i;
		w->actual = a ? jx_actuals_get(a, p->ind[i].name, p->ind[i].unit) : NULL;
		indicator(s, &p->ind[i], &f, w);
		out->lights[w->light]++;
	}
	jx_q_clear(&f);
}

void jx_monitor_free(struct jx_monitor *m)
{
	free(m->ind);
	m->ind = NULL;
	m->n = 0;
}
