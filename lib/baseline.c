/*
 * baseline.c — the actuals of earlier years behind a table's targets (see baseline.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/actuals.h"
#include "jixiao/alloc.h"
#include "jixiao/baseline.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

char *jx_baseline_name(const char *name, int from, int year)
{
	struct jx_buf b = JX_BUF_INIT;
	char want[16], put[16];
	const char *s = name, *hit;

	snprintf(want, sizeof(want), "%04d", from);
	snprintf(put, sizeof(put), "%04d", year);
	while ((hit = strstr(s, want))) {
		bool alone = (hit == name || !digit(hit[-1])) && !digit(hit[4]);

		jx_buf_add(&b, s, (size_t)(hit - s), NULL);
		jx_buf_adds(&b, alone ? put : want, NULL);
		s = hit + 4;
	}
	jx_buf_adds(&b, s, NULL);
	return jx_buf_detach(&b, NULL);
}

/* ---- the cache: the tables of a year ---- */

struct year_table {
	char *unit, *name;
	enum jx_kind kind;
	int64_t id;
};

/* One year's tables, listed once, in an open-addressed hash by unit and name. */
struct year_tables {
	int year;
	struct year_table *t;
	size_t n, cap;
	size_t *slots; /* hash → index + 1 (0 empty) */
	size_t n_slots;
};

#define CACHE_YEARS 8

struct jx_baseline_cache {
	struct year_tables year[CACHE_YEARS];
	size_t n, next; /* years listed; the slot the next new year replaces once all are taken */
};

struct jx_baseline_cache *jx_baseline_cache_new(void)
{
	return jx_calloc(1, sizeof(struct jx_baseline_cache));
}

static void year_free(struct year_tables *y)
{
	size_t k;

	for (k = 0; k < y->n; k++) {
		free(y->t[k].unit);
		free(y->t[k].name);
	}
	free(y->t);
	free(y->slots);
	memset(y, 0, sizeof(*y));
}

void jx_baseline_cache_free(struct jx_baseline_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		year_free(&c->year[i]);
	free(c);
}

static size_t hash(const char *unit, const char *name)
{
	size_t h = 5381;

	while (*unit)
		h = h * 33 + (unsigned char)*unit++;
	h = h * 33 + 0x1f;
	while (*name)
		h = h * 33 + (unsigned char)*name++;
	h ^= h >> 29; /* the low bits index the table: mix the high ones in */
	h *= 0xbf58476d1ce4e5b9u;
	return h ^ (h >> 32);
}

static int take_table(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct year_tables *y = ctx;

	(void)err;
	if (s->unreadable) /* a damaged row is verify's to report, not this lookup's to fail on */
		return 0;
	jx_grow(&y->t, sizeof(*y->t), y->n + 1, &y->cap);
	y->t[y->n].unit = jx_strdup(s->unit);
	y->t[y->n].name = jx_strdup(s->name);
	y->t[y->n].kind = s->kind;
	y->t[y->n++].id = s->id;
	return 0;
}

static void index_year(struct year_tables *y)
{
	size_t i, k;

	for (y->n_slots = 16; y->n_slots < 2 * y->n; y->n_slots *= 2)
		;
	y->slots = jx_calloc(y->n_slots, sizeof(size_t));
	for (i = 0; i < y->n; i++) {
		for (k = hash(y->t[i].unit, y->t[i].name) & (y->n_slots - 1); y->slots[k]; k = (k + 1) & (y->n_slots - 1))
			;
		y->slots[k] = i + 1;
	}
}

/* The id of the table of year, kind, unit and name, through the cache (the year's tables listed on
 * first use, one query a year however many units), or 0. */
static int cached_find(struct jx_store *st, struct jx_baseline_cache *c, int year, enum jx_kind kind,
		       const char *unit, const char *name, int64_t *id, struct jx_err *err)
{
	struct year_tables *y = NULL;
	size_t i, k;

	for (i = 0; i < c->n && !y; i++)
		if (c->year[i].year == year)
			y = &c->year[i];
	if (!y) {
		struct jx_filter f = { 0 };

		if (c->n < CACHE_YEARS) {
			y = &c->year[c->n++];
		} else { /* a run over many years: the slots taken in turn */
			y = &c->year[c->next];
			c->next = (c->next + 1) % CACHE_YEARS;
			year_free(y);
		}
		y->year = year;
		f.year = year;
		f.unreadable_too = true;
		if (jx_store_list(st, &f, take_table, y, err)) {
			year_free(y);
			y->year = 0;
			return -1;
		}
		index_year(y);
	}
	*id = 0;
	for (k = hash(unit, name) & (y->n_slots - 1); y->slots[k]; k = (k + 1) & (y->n_slots - 1)) {
		const struct year_table *t = &y->t[y->slots[k] - 1];

		if (t->kind == kind && strcmp(t->name, name) == 0 && strcmp(t->unit, unit) == 0) {
			*id = t->id;
			break;
		}
	}
	return 0;
}

/* The actuals of the table of year back (years before) into b, if there is one. */
static int load_year(struct jx_store *st, const struct jx_project *p, int back, struct jx_baseline_cache *cache,
		     struct jx_baseline *b, struct jx_err *err)
{
	char *name = jx_baseline_name(p->name, p->year, p->year - back);
	struct jx_project *q = NULL;
	struct jx_actuals a = { 0 };
	int64_t id = 0;
	size_t i;
	int rc;

	rc = cache ? cached_find(st, cache, p->year - back, p->kind, p->unit, name, &id, err)
		   : jx_store_find(st, p->year - back, p->kind, p->unit, name, &id, err);
	if (rc || id == 0)
		goto out;
	if ((rc = jx_store_get(st, id, &q, err)))
		goto out;
	if (strcmp(q->unit, p->unit) != 0)
		goto out; /* another unit's table of that name: not the same project */
	if ((rc = jx_actuals_load(st, id, NULL, &a, err)))
		goto out;
	b->name[back - 1] = name;
	b->id[back - 1] = id;
	name = NULL;
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_actual *x = jx_actuals_get(&a, p->ind[i].name, p->ind[i].unit);
		struct jx_actual_value v;
		char unit[64];

		if (x && jx_actual_parse(x->value, strlen(x->value), &v, unit, sizeof(unit)) == 0 &&
		    v.level == JX_LEVEL_NONE) {
			b->ind[i].has[back - 1] = true;
			b->ind[i].value[back - 1] = v.value;
		}
	}
out:
	jx_actuals_free(&a);
	jx_project_free(q);
	free(name);
	return rc;
}

int jx_baseline_load(struct jx_store *st, const struct jx_project *p, struct jx_baseline_cache *cache,
		     struct jx_baseline *out, struct jx_err *err)
{
	int back;

	memset(out, 0, sizeof(*out));
	out->year = p->year;
	out->n_ind = p->n_ind;
	out->ind = jx_calloc(p->n_ind + 1, sizeof(*out->ind));
	for (back = 1; back <= JX_BASELINE_YEARS; back++)
		if (load_year(st, p, back, cache, out, err)) {
			jx_baseline_free(out);
			return -1;
		}
	return 0;
}

void jx_baseline_free(struct jx_baseline *b)
{
	int i;

	for (i = 0; i < JX_BASELINE_YEARS; i++)
		free(b->name[i]);
	free(b->ind);
	memset(b, 0, sizeof(*b));
}

bool jx_baseline_mean(const struct jx_baseline *b, size_t i, struct jx_dec *mean, int *years, bool *exact)
{
	struct jx_dec sum = { 0, 0 };
	int k, n = 0, scale = 0;

	if (i >= b->n_ind)
		return false;
	for (k = 0; k < JX_BASELINE_YEARS; k++) {
		if (!b->ind[i].has[k])
			continue;
		if (jx_dec_add(sum, b->ind[i].value[k], &sum))
			return false;
		scale = b->ind[i].value[k].scale > scale ? b->ind[i].value[k].scale : scale;
		n++;
	}
	if (!n || jx_dec_div(sum, n, scale + 2 < JX_DEC_MAXDIGITS ? scale + 2 : JX_DEC_MAXDIGITS, mean, exact))
		return false;
	*mean = jx_dec_trim(*mean, scale);
	*years = n;
	return true;
}

struct jx_project *jx_baseline_carry(const struct jx_project *p, int year)
{
	struct jx_project *q = jx_project_copy(p);

	free(q->name);
	q->name = jx_baseline_name(p->name, p->year, year);
	q->year = year;
	q->id = 0;
	q->revision = 0;
	q->status = JX_DRAFT;
	q->key = false;
	q->line = 0;
	return q;
}
