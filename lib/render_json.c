/*
 * render_json.c — the canonical JSON form, one project per line inside {"projects": [ … ]}, so that
 * it streams and diffs well and still parses as one JSON document.
 *
 * Reports take the same shape: a self-evaluation or a monitoring per line inside "projects", then,
 * for scores, a "summary". Their figures are exact decimals written as JSON numbers with their two
 * places ("score": 93.40), not doubles.
 */
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/monitor.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/score.h"

/* Whether the "projects" array was closed (by a summary) before the end. */
struct state {
	bool closed;  /* by the summary */
	size_t items; /* reports written */
};

static void *json_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	(void)o;
	jx_buf_addc(out, '{', NULL);
	return jx_calloc(1, sizeof(struct state));
}

/* A publication: {"statement": {…},\n"projects": [ … ]}. */
static int json_statement(void *state, struct jx_buf *out, const struct jx_statement *s, const struct jx_render_opts *o,
			  struct jx_err *err)
{
	json_t *j = jx_statement_to_json(s);
	char *text = json_dumps(j, JX_JSON_DUMP);

	(void)state;
	(void)o;
	(void)err;
	jx_buf_addf(out, NULL, "\"statement\": %s,\n", text);
	free(text);
	json_decref(j);
	return 0;
}

static int json_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	json_t *j = jx_project_to_json(p);
	char *s = json_dumps(j, JX_JSON_DUMP);

	(void)state;
	(void)o;
	(void)err;
	jx_buf_adds(out, index ? ",\n" : "\"projects\": [\n", NULL);
	jx_buf_adds(out, s, NULL);
	free(s);
	json_decref(j);
	return 0;
}

/* An abandoned output gets no closing brackets, so that it never reads as a complete document. */
static int json_end(void *state, struct jx_buf *out, size_t count, bool failed, const struct jx_render_opts *o,
		    struct jx_err *err)
{
	struct state *st = state;

	(void)o;
	(void)err;
	if (!failed)
		jx_buf_adds(out, st->closed ? "}\n" : count ? "\n]}\n" : "\"projects\": []}\n", NULL);
	free(st);
	return 0;
}

/* ---- reports ---- */

/* Appends the string literal s, its length known when compiled. */
#define LIT(out, s) jx_buf_add(out, s, sizeof(s) - 1, NULL)

static void str(struct jx_buf *out, const char *s)
{
	if (s)
		jx_json_string(out, s);
	else
		LIT(out, "null");
}

/* An integer in decimal, without printf's cost (it is written for every line). */
static void num(struct jx_buf *out, long long v)
{
	char s[24], *p = s + sizeof(s);
	unsigned long long m = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + m % 10);
	while (m /= 10);
	if (v < 0)
		*--p = '-';
	jx_buf_add(out, p, (size_t)(s + sizeof(s) - p), NULL);
}

static void dec(struct jx_buf *out, struct jx_dec d)
{
	char s[JX_DEC_STRMAX];

	jx_buf_adds(out, jx_dec_format(d, s), NULL);
}

static void money(struct jx_buf *out, jx_money m)
{
	char s[JX_DEC_STRMAX];

	jx_buf_addc(out, '"', NULL);
	jx_buf_adds(out, jx_money_format(m, s), NULL);
	jx_buf_addc(out, '"', NULL);
}

/* , "key": — keys are ours, plain ASCII, string literals: each field's prefix is one literal. */
#define KEY(k) ", \"" k "\": "
#define FIELD_STR(out, k, s) field_str(out, KEY(k), sizeof(KEY(k)) - 1, s)
#define FIELD_DEC(out, k, d) field_dec(out, KEY(k), sizeof(KEY(k)) - 1, d)

static void field_str(struct jx_buf *out, const char *key, size_t n, const char *s)
{
	jx_buf_add(out, key, n, NULL);
	str(out, s);
}

static void field_dec(struct jx_buf *out, const char *key, size_t n, const struct jx_dec *d)
{
	jx_buf_add(out, key, n, NULL);
	if (d)
		dec(out, *d);
	else
		LIT(out, "null");
}

/* The project's fields every report starts with. */
static void head(struct jx_buf *out, size_t index, const struct jx_project *p)
{
	jx_buf_adds(out, index ? ",\n{\"project\": " : "\"projects\": [\n{\"project\": ", NULL);
	str(out, p->name);
	LIT(out, ", \"id\": ");
	num(out, p->id);
	LIT(out, ", \"year\": ");
	num(out, p->year);
	FIELD_STR(out, "unit", p->unit);
	LIT(out, ", \"total\": ");
	money(out, p->total);
}

/* The indicator's own fields and its actual. */
static void indicator_fields(struct jx_buf *out, const struct jx_indicator *ind, const struct jx_actual *a)
{
	LIT(out, "{\"name\": ");
	str(out, ind->name);
	FIELD_STR(out, "unit", ind->unit);
	FIELD_STR(out, "level1", ind->level1);
	FIELD_STR(out, "level2", ind->level2);
	FIELD_STR(out, "target", ind->target);
	FIELD_STR(out, "actual", a ? a->value : NULL);
	FIELD_STR(out, "as_of", a ? a->as_of : NULL);
}

static int json_score(void *state, struct jx_buf *out, const struct jx_score *sc, size_t index,
		      const struct jx_render_opts *o, struct jx_err *err)
{
	size_t i;
	int g;

	(void)o;
	(void)err;
	((struct state *)state)->items++;
	head(out, index, sc->p);
	FIELD_DEC(out, "score", sc->evaluated ? &sc->total : NULL);
	FIELD_STR(out, "grade", sc->grade);
	jx_buf_adds(out, sc->evaluated ? ", \"evaluated\": true" : ", \"evaluated\": false", NULL);
	FIELD_STR(out, "profile", sc->profile);
	FIELD_STR(out, "cap", sc->capped ? sc->cap_note : NULL);
	FIELD_STR(out, "weight_note", *sc->weight_note ? sc->weight_note : NULL);
	LIT(out, ", \"before_year_end\": ");
	num(out, (long long)sc->before_year_end);
	FIELD_STR(out, "earliest_as_of", sc->earliest);
	FIELD_DEC(out, "budget", sc->evaluated ? &sc->score[JX_GROUP_BUDGET] : NULL);
	FIELD_STR(out, "spent", sc->spent ? sc->spent->value : NULL);
	FIELD_DEC(out, "rate", sc->spent && sc->p->total ? &sc->rate : NULL);
	LIT(out, ", \"groups\": {");
	for (g = JX_GROUP_OUTPUT; g < JX_N_GROUPS; g++) {
		jx_buf_adds(out, g > JX_GROUP_OUTPUT ? ", \"" : "\"", NULL);
		jx_buf_adds(out, jx_group_name(g), NULL);
		LIT(out, "\": {\"points\": ");
		dec(out, sc->points[g]);
		LIT(out, ", \"score\": ");
		if (sc->evaluated)
			dec(out, sc->score[g]);
		else
			LIT(out, "null");
		jx_buf_addc(out, '}', NULL);
	}
	LIT(out, "}, \"indicators\": [");
	for (i = 0; i < sc->n; i++) {
		const struct jx_scored *l = &sc->ind[i];

		jx_buf_adds(out, i ? ", " : "", NULL);
		indicator_fields(out, &sc->p->ind[l->index], l->actual);
		FIELD_STR(out, "group", l->group >= 0 ? jx_group_name(l->group) : NULL);
		FIELD_DEC(out, "points", l->group > 0 ? &l->points : NULL);
		FIELD_DEC(out, "score", l->group > 0 && sc->evaluated ? &l->score : NULL);
		FIELD_STR(out, "reason", l->actual ? l->actual->reason : NULL);
		if (*l->note) {
			FIELD_DEC(out, "deducted", &l->deducted);
			FIELD_STR(out, "note", l->note);
		}
		jx_buf_adds(out, l->ask_reason ? ", \"ask_reason\": true}" : ", \"ask_reason\": false}", NULL);
	}
	LIT(out, "], \"missing_reasons\": ");
	num(out, (long long)sc->missing_reasons);
	jx_buf_addc(out, '}', NULL);
	return 0;
}

/* One group of the summary: its figures by grade. */
static void summary_group(struct jx_buf *out, const struct jx_score_summary *sum, const struct jx_score_group *g,
			  bool unit)
{
	size_t i;

	jx_buf_addf(out, NULL, "{\"year\": %d", g->year);
	if (unit)
		FIELD_STR(out, "unit", g->key);
	jx_buf_addf(out, NULL, ", \"projects\": %zu, \"unevaluated\": %zu", g->n + g->unevaluated, g->unevaluated);
	FIELD_DEC(out, "average", g->n ? &g->average : NULL);
	LIT(out, ", \"count\": {");
	for (i = 0; i < sum->n_grades; i++) {
		jx_buf_adds(out, i ? ", " : "", NULL);
		str(out, sum->grade[i]);
		jx_buf_addf(out, NULL, ": %zu", g->count[i]);
	}
	LIT(out, "}, \"money\": {");
	for (i = 0; i < sum->n_grades; i++) {
		jx_buf_adds(out, i ? ", " : "", NULL);
		str(out, sum->grade[i]);
		LIT(out, ": ");
		money(out, g->money[i]);
	}
	LIT(out, "}}");
}

static int json_summary(void *state, struct jx_buf *out, const struct jx_score_summary *sum,
			const struct jx_render_opts *o, struct jx_err *err)
{
	struct state *st = state;
	size_t i;

	(void)o;
	(void)err;
	jx_buf_adds(out, st->items ? "\n],\n\"summary\": {\"grades\": [" : "\"projects\": [],\n\"summary\": {\"grades\": [", NULL);
	for (i = 0; i < sum->n_grades; i++) {
		jx_buf_adds(out, i ? ", " : "", NULL);
		str(out, sum->grade[i]);
	}
	LIT(out, "],\n\"units\": [");
	for (i = 0; i < sum->n_units; i++) {
		jx_buf_adds(out, i ? ",\n" : "\n", NULL);
		summary_group(out, sum, &sum->units[i], true);
	}
	LIT(out, "],\n\"years\": [");
	for (i = 0; i < sum->n_years; i++) {
		jx_buf_adds(out, i ? ",\n" : "\n", NULL);
		summary_group(out, sum, &sum->years[i], false);
	}
	LIT(out, "]}\n");
	st->closed = true;
	return 0;
}

static int json_monitor(void *state, struct jx_buf *out, const struct jx_monitor *m, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	size_t i;

	(void)o;
	(void)err;
	((struct state *)state)->items++;
	head(out, index, m->p);
	FIELD_STR(out, "as_of", m->as_of);
	LIT(out, ", \"budget\": {\"spent\": ");
	str(out, m->spent ? m->spent->value : NULL);
	FIELD_DEC(out, "rate", m->has_rate ? &m->rate : NULL);
	FIELD_STR(out, "light", jx_light_name(m->budget));
	LIT(out, "}, \"indicators\": [");
	for (i = 0; i < m->n; i++) {
		const struct jx_watched *w = &m->ind[i];

		jx_buf_adds(out, i ? ", " : "", NULL);
		indicator_fields(out, &m->p->ind[w->index], w->actual);
		FIELD_DEC(out, "standard", w->has_standard ? &w->standard : NULL);
		FIELD_DEC(out, "progress", w->has_progress ? &w->progress : NULL);
		FIELD_DEC(out, "deviation", w->has_deviation ? &w->deviation : NULL);
		jx_buf_adds(out, w->prorated ? ", \"prorated\": true" : ", \"prorated\": false", NULL);
		FIELD_STR(out, "light", jx_light_name(w->light));
		jx_buf_addc(out, '}', NULL);
	}
	LIT(out, "]}");
	return 0;
}

const struct jx_renderer jx_render_json = { .name = "json",
					    .begin = json_begin,
					    .statement = json_statement,
					    .project = json_project,
					    .end = json_end,
					    .score = json_score,
					    .summary = json_summary,
					    .monitor = json_monitor };
