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

/* ---- the cache: a unit's tables of a year ---- */

struct unit_year {
	char *unit;
	int year;
	size_t n, cap;
	struct {
		char *name;
		enum jx_kind kind;
		int64_t id;
	} *t;
	struct unit_year *next; /* in its bucket */
};

#define CACHE_BUCKETS 4096

struct jx_baseline_cache {
	struct unit_year *bucket[CACHE_BUCKETS];
};

struct jx_baseline_cache *jx_baseline_cache_new(void)
{
	return jx_calloc(1, sizeof(struct jx_baseline_cache));
}

void jx_baseline_cache_free(struct jx_baseline_cache *c)
{
	size_t i, k;

	if (!c)
		return;
	for (i = 0; i < CACHE_BUCKETS; i++)
		while (c->bucket[i]) {
			struct unit_year *u = c->bucket[i];

			c->bucket[i] = u->next;
			for (k = 0; k < u->n; k++)
				free(u->t[k].name);
			free(u->t);
			free(u->unit);
			free(u);
		}
	free(c);
}

static size_t hash(const char *s, int year)
{
	size_t h = 5381 + (size_t)year;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % CACHE_BUCKETS;
}

static int take_table(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct unit_year *u = ctx;

	(void)err;
	if (s->unreadable) /* a damaged row is verify's to report, not this lookup's to fail on */
		return 0;
	jx_grow(&u->t, sizeof(*u->t), u->n + 1, &u->cap);
	u->t[u->n].name = jx_strdup(s->name);
	u->t[u->n].kind = s->kind;
	u->t[u->n++].id = s->id;
	return 0;
}

/* The id of the table of year, kind, unit and name, through the cache (the unit's tables of that year
 * listed on first use), or 0. */
static int cached_find(struct jx_store *st, struct jx_baseline_cache *c, int year, enum jx_kind kind,
		       const char *unit, const char *name, int64_t *id, struct jx_err *err)
{
	size_t h = hash(unit, year), i;
	struct unit_year *u;

	for (u = c->bucket[h]; u && !(u->year == year && strcmp(u->unit, unit) == 0); u = u->next)
		;
	if (!u) {
		struct jx_filter f = { 0 };

		u = jx_calloc(1, sizeof(*u));
		u->unit = jx_strdup(unit);
		u->year = year;
		f.year = year;
		f.unit = unit;
		f.unreadable_too = true;
		if (jx_store_list(st, &f, take_table, u, err)) {
			for (i = 0; i < u->n; i++)
				free(u->t[i].name);
			free(u->t);
			free(u->unit);
			free(u);
			return -1;
		}
		u->next = c->bucket[h];
		c->bucket[h] = u;
	}
	*id = 0;
	for (i = 0; i < u->n; i++)
		if (u->t[i].kind == kind && strcmp(u->t[i].name, name) == 0) {
			*id = u->t[i].id;
			break;
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
