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

static void str(struct jx_buf *out, const char *s)
{
	if (s)
		jx_json_string(out, s);
	else
		jx_buf_adds(out, "null", NULL);
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

/* "key": "text" with the separator before it. */
/* , "key": — keys are ours, plain ASCII. */
static void key_of(struct jx_buf *out, const char *key)
{
	jx_buf_adds(out, ", \"", NULL);
	jx_buf_adds(out, key, NULL);
	jx_buf_adds(out, "\": ", NULL);
}

static void field_str(struct jx_buf *out, const char *key, const char *s)
{
	key_of(out, key);
	str(out, s);
}

static void field_dec(struct jx_buf *out, const char *key, const struct jx_dec *d)
{
	key_of(out, key);
	if (d)
		dec(out, *d);
	else
		jx_buf_adds(out, "null", NULL);
}

/* The project's fields every report starts with. */
static void head(struct jx_buf *out, size_t index, const struct jx_project *p)
{
	jx_buf_adds(out, index ? ",\n{\"project\": " : "\"projects\": [\n{\"project\": ", NULL);
	str(out, p->name);
	jx_buf_addf(out, NULL, ", \"id\": %lld, \"year\": %d", (long long)p->id, p->year);
	field_str(out, "unit", p->unit);
	jx_buf_adds(out, ", \"total\": ", NULL);
	money(out, p->total);
}

/* The indicator's own fields and its actual. */
static void indicator_fields(struct jx_buf *out, const struct jx_indicator *ind, const struct jx_actual *a)
{
	jx_buf_adds(out, "{\"name\": ", NULL);
	str(out, ind->name);
	field_str(out, "unit", ind->unit);
	field_str(out, "level1", ind->level1);
	field_str(out, "level2", ind->level2);
	field_str(out, "target", ind->target);
	field_str(out, "actual", a ? a->value : NULL);
	field_str(out, "as_of", a ? a->as_of : NULL);
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
	field_dec(out, "score", sc->evaluated ? &sc->total : NULL);
	field_str(out, "grade", sc->grade);
	jx_buf_adds(out, sc->evaluated ? ", \"evaluated\": true" : ", \"evaluated\": false", NULL);
	field_str(out, "profile", sc->profile);
	field_str(out, "cap", sc->capped ? sc->cap_note : NULL);
	field_str(out, "weight_note", *sc->weight_note ? sc->weight_note : NULL);
	jx_buf_addf(out, NULL, ", \"before_year_end\": %zu", sc->before_year_end);
	field_str(out, "earliest_as_of", sc->earliest);
	field_dec(out, "budget", sc->evaluated ? &sc->score[JX_GROUP_BUDGET] : NULL);
	field_str(out, "spent", sc->spent ? sc->spent->value : NULL);
	field_dec(out, "rate", sc->spent && sc->p->total ? &sc->rate : NULL);
	jx_buf_adds(out, ", \"groups\": {", NULL);
	for (g = JX_GROUP_OUTPUT; g < JX_N_GROUPS; g++) {
		jx_buf_addf(out, NULL, "%s\"%s\": {\"points\": ", g > JX_GROUP_OUTPUT ? ", " : "", jx_group_name(g));
		dec(out, sc->points[g]);
		jx_buf_adds(out, ", \"score\": ", NULL);
		if (sc->evaluated)
			dec(out, sc->score[g]);
		else
			jx_buf_adds(out, "null", NULL);
		jx_buf_addc(out, '}', NULL);
	}
	jx_buf_adds(out, "}, \"indicators\": [", NULL);
	for (i = 0; i < sc->n; i++) {
		const struct jx_scored *l = &sc->ind[i];

		jx_buf_adds(out, i ? ", " : "", NULL);
		indicator_fields(out, &sc->p->ind[l->index], l->actual);
		field_str(out, "group", l->group >= 0 ? jx_group_name(l->group) : NULL);
		field_dec(out, "points", l->group > 0 ? &l->points : NULL);
		field_dec(out, "score", l->group > 0 && sc->evaluated ? &l->score : NULL);
		field_str(out, "reason", l->actual ? l->actual->reason : NULL);
		if (*l->note) {
			field_dec(out, "deducted", &l->deducted);
			field_str(out, "note", l->note);
		}
		jx_buf_adds(out, l->ask_reason ? ", \"ask_reason\": true}" : ", \"ask_reason\": false}", NULL);
	}
	jx_buf_addf(out, NULL, "], \"missing_reasons\": %zu}", sc->missing_reasons);
	return 0;
}

/* One group of the summary: its figures by grade. */
static void summary_group(struct jx_buf *out, const struct jx_score_summary *sum, const struct jx_score_group *g,
			  bool unit)
{
	size_t i;

	jx_buf_addf(out, NULL, "{\"year\": %d", g->year);
	if (unit)
		field_str(out, "unit", g->key);
	jx_buf_addf(out, NULL, ", \"projects\": %zu, \"unevaluated\": %zu", g->n + g->unevaluated, g->unevaluated);
	field_dec(out, "average", g->n ? &g->average : NULL);
	jx_buf_adds(out, ", \"count\": {", NULL);
	for (i = 0; i < sum->n_grades; i++) {
		jx_buf_adds(out, i ? ", " : "", NULL);
		str(out, sum->grade[i]);
		jx_buf_addf(out, NULL, ": %zu", g->count[i]);
	}
	jx_buf_adds(out, "}, \"money\": {", NULL);
	for (i = 0; i < sum->n_grades; i++) {
		jx_buf_adds(out, i ? ", " : "", NULL);
		str(out, sum->grade[i]);
		jx_buf_adds(out, ": ", NULL);
		money(out, g->money[i]);
	}
	jx_buf_adds(out, "}}", NULL);
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
	jx_buf_adds(out, "],\n\"units\": [", NULL);
	for (i = 0; i < sum->n_units; i++) {
		jx_buf_adds(out, i ? ",\n" : "\n", NULL);
		summary_group(out, sum, &sum->units[i], true);
	}
	jx_buf_adds(out, "],\n\"years\": [", NULL);
	for (i = 0; i < sum->n_years; i++) {
		jx_buf_adds(out, i ? ",\n" : "\n", NULL);
		summary_group(out, sum, &sum->years[i], false);
	}
	jx_buf_adds(out, "]}\n", NULL);
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
	field_str(out, "as_of", m->as_of);
	jx_buf_adds(out, ", \"budget\": {\"spent\": ", NULL);
	str(out, m->spent ? m->spent->value : NULL);
	field_dec(out, "rate", m->has_rate ? &m->rate : NULL);
	field_str(out, "light", jx_light_name(m->budget));
	jx_buf_adds(out, "}, \"indicators\": [", NULL);
	for (i = 0; i < m->n; i++) {
		const struct jx_watched *w = &m->ind[i];

		jx_buf_adds(out, i ? ", " : "", NULL);
		indicator_fields(out, &m->p->ind[w->index], w->actual);
		field_dec(out, "standard", w->has_standard ? &w->standard : NULL);
		field_dec(out, "progress", w->has_progress ? &w->progress : NULL);
		field_dec(out, "deviation", w->has_deviation ? &w->deviation : NULL);
		jx_buf_adds(out, w->prorated ? ", \"prorated\": true" : ", \"prorated\": false", NULL);
		field_str(out, "light", jx_light_name(w->light));
		jx_buf_addc(out, '}', NULL);
	}
	jx_buf_adds(out, "]}", NULL);
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
