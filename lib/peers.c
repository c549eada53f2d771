/*
 * peers.c — the other tables' targets for the same indicator (see peers.h).
 *
 * Loading keeps, for each (library entry, direction), the targets sorted, and every kept target with
 * its table's id and its position in its group's sorted targets, in table order. A table's own targets
 * are left out by position: found by binary search on its id, and the k-th of the rest is the k-th of
 * all moved past the removed ones at or before it — no copy and no search of the group per lookup,
 * whatever the group's size.
 */
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/baseline.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/peers.h"
#include "jixiao/store.h"
#include "jixiao/value.h"

struct group {
	size_t key;         /* entry index × 4 + direction */
	struct jx_dec *v;   /* the targets, sorted once loaded */
	size_t *row;        /* while loading: the row of each target (rows[]), sorted with it */
	size_t n, cap, cap_row;
};

struct own {
	int64_t project;
	size_t group;
	size_t pos;         /* its target's position in the group's sorted targets */
};

struct jx_peers {
	int year;
	const struct jx_library *lib;
	struct group *g;
	size_t n_g, cap_g;
	size_t *slots; /* key hash → group index + 1 (0 empty) */
	size_t cap_slots;
	struct own *rows; /* by table id */
	size_t n_rows, cap_rows;
};

/* 1: ≥ and >, 2: ≤ and <, 3: =; 0: no target to compare. */
static int direction(enum jx_op op)
{
	switch (op) {
	case JX_OP_GE:
	case JX_OP_GT:
		return 1;
	case JX_OP_LE:
	case JX_OP_LT:
		return 2;
	case JX_OP_EQ:
		return 3;
	default:
		return 0;
	}
}

static size_t slot_of(size_t key, size_t cap)
{
	return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15u) >> 17) & (cap - 1);
}

static void rehash(struct jx_peers *p)
{
	size_t i, k, cap = p->cap_slots ? p->cap_slots * 2 : 256;

	free(p->slots);
	p->slots = jx_calloc(cap, sizeof(size_t));
	p->cap_slots = cap;
	for (i = 0; i < p->n_g; i++) {
		for (k = slot_of(p->g[i].key, cap); p->slots[k]; k = (k + 1) & (cap - 1))
			;
		p->slots[k] = i + 1;
	}
}

/* The group of key, or SIZE_MAX. */
static size_t group_find(const struct jx_peers *p, size_t key)
{
	size_t k;

	if (p->cap_slots)
		for (k = slot_of(key, p->cap_slots); p->slots[k]; k = (k + 1) & (p->cap_slots - 1))
			if (p->g[p->slots[k] - 1].key == key)
				return p->slots[k] - 1;
	return SIZE_MAX;
}

/* The group of key, made if missing. */
static size_t group_of(struct jx_peers *p, size_t key)
{
	size_t k = group_find(p, key);

	if (k != SIZE_MAX)
		return k;
	jx_grow(&p->g, sizeof(*p->g), p->n_g + 1, &p->cap_g);
	memset(&p->g[p->n_g], 0, sizeof(*p->g));
	p->g[p->n_g++].key = key;
	if (2 * p->n_g > p->cap_slots) {
		rehash(p);
	} else {
		for (k = slot_of(key, p->cap_slots); p->slots[k]; k = (k + 1) & (p->cap_slots - 1))
			;
		p->slots[k] = p->n_g;
	}
	return p->n_g - 1;
}

/* The key of an indicator of this name, unit and op, or SIZE_MAX when it has none. */
static size_t key_of(const struct jx_library *lib, const char *name, const char *unit, enum jx_op op)
{
	const struct jx_lib_entry *e;
	int dir = direction(op);

	if (!dir || !(e = jx_library_find(lib, name, unit && *unit ? unit : NULL)))
		return SIZE_MAX;
	return (size_t)(e - lib->e) * 4 + (size_t)dir;
}

static int take(void *ctx, const struct jx_target_row *t, struct jx_err *err)
{
	struct jx_peers *p = ctx;
	struct jx_dec v;
	enum jx_op op;
	size_t key, g;

	(void)err;
	if (jx_op_from_json(t->op, &op) || !t->value || jx_dec_parse(t->value, strlen(t->value), &v))
		return 0; /* a damaged row is verify's to report */
	if ((key = key_of(p->lib, t->name, t->unit, op)) == SIZE_MAX)
		return 0;
	g = group_of(p, key);
	jx_grow(&p->g[g].v, sizeof(struct jx_dec), p->g[g].n + 1, &p->g[g].cap);
	jx_grow(&p->g[g].row, sizeof(size_t), p->g[g].n + 1, &p->g[g].cap_row);
	p->g[g].row[p->g[g].n] = p->n_rows;
	p->g[g].v[p->g[g].n++] = v;
	jx_grow(&p->rows, sizeof(*p->rows), p->n_rows + 1, &p->cap_rows);
	p->rows[p->n_rows].project = t->project_id;
	p->rows[p->n_rows++].group = g;
	return 0;
}

/* Sorts g's targets, and records in each target's row its position among them. */
struct pair {
	struct jx_dec v;
	size_t row;
};

static int pair_order(const void *a, const void *b)
{
	return jx_dec_cmp(((const struct pair *)a)->v, ((const struct pair *)b)->v);
}

static void sort_group(struct jx_peers *p, struct group *g)
{
	struct pair *t = jx_calloc(g->n + 1, sizeof(*t));
	size_t i;

	for (i = 0; i < g->n; i++) {
		t[i].v = g->v[i];
		t[i].row = g->row[i];
	}
	qsort(t, g->n, sizeof(*t), pair_order);
	for (i = 0; i < g->n; i++) {
		g->v[i] = t[i].v;
		p->rows[t[i].row].pos = i;
	}
	free(t);
	free(g->row);
	g->row = NULL;
}

static int row_order(const void *a, const void *b)
{
	const struct own *x = a, *y = b;

	return (x->project > y->project) - (x->project < y->project);
}

int jx_peers_load(struct jx_store *st, int year, const struct jx_library *lib, struct jx_peers **out,
		  struct jx_err *err)
{
	struct jx_peers *p = jx_calloc(1, sizeof(*p));
	size_t i;

	p->year = year;
	p->lib = lib;
	if (jx_store_targets(st, year, take, p, err)) {
		jx_peers_free(p);
		return -1;
	}
	for (i = 0; i < p->n_g; i++)
		sort_group(p, &p->g[i]);
	for (i = 1; i < p->n_rows && p->rows[i - 1].project <= p->rows[i].project; i++)
		;
	if (i < p->n_rows) /* the store walks by table; a backend that did not is sorted here */
		qsort(p->rows, p->n_rows, sizeof(*p->rows), row_order);
	*out = p;
	return 0;
}

void jx_peers_free(struct jx_peers *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n_g; i++) {
		free(p->g[i].v);
		free(p->g[i].row);
	}
	free(p->g);
	free(p->slots);
	free(p->rows);
	free(p);
}

int jx_peers_year(const struct jx_peers *p)
{
	return p->year;
}

/* The k-th (from 0) of g's targets once the removed ones (their positions in g, ascending) are left out. */
static struct jx_dec kth(const struct group *g, const size_t *removed, size_t n_removed, size_t k)
{
	size_t j, at = k;

	for (j = 0; j < n_removed && removed[j] <= at; j++)
		at++;
	return g->v[at];
}

static int size_order(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

bool jx_peers_of(const struct jx_peers *peers, const struct jx_project *p, const struct jx_indicator *ind,
		 struct jx_peer_stat *out)
{
	size_t key, gi, lo = 0, hi, i, n_removed = 0, stack[8], *removed = stack, cap = 8;
	const struct group *g;
	struct jx_dec a, b, sum;
	bool ok = true;

	memset(out, 0, sizeof(*out));
	if (!ind->name || (key = key_of(peers->lib, ind->name, ind->unit, ind->op)) == SIZE_MAX ||
	    (gi = group_find(peers, key)) == SIZE_MAX)
		return false;
	g = &peers->g[gi];
	/* p's own stored targets of the group: their positions among the sorted targets */
	for (hi = peers->n_rows; p->id && lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (peers->rows[mid].project < p->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; p->id && i < peers->n_rows && peers->rows[i].project == p->id; i++) {
		if (peers->rows[i].group != gi)
			continue;
		if (n_removed == cap) {
			size_t *more = jx_calloc(cap * 2, sizeof(size_t));

			memcpy(more, removed, n_removed * sizeof(size_t));
			if (removed != stack)
				free(removed);
			removed = more;
			cap *= 2;
		}
		removed[n_removed++] = peers->rows[i].pos;
	}
	qsort(removed, n_removed, sizeof(size_t), size_order);
	if (g->n <= n_removed) {
		ok = false;
		goto out;
	}
	out->count = g->n - n_removed;
	out->min = kth(g, removed, n_removed, 0);
	out->max = kth(g, removed, n_removed, out->count - 1);
	if (out->count % 2) {
		out->median = kth(g, removed, n_removed, out->count / 2);
	} else {
		a = kth(g, removed, n_removed, out->count / 2 - 1);
		b = kth(g, removed, n_removed, out->count / 2);
		if (jx_dec_add(a, b, &sum) || jx_dec_div(sum, 2, sum.scale + 1, &out->median, NULL))
			out->median = a; /* not reached with targets of at most 15 digits */
		else
			out->median = jx_dec_trim(out->median, sum.scale);
	}
out:
	if (removed != stack)
		free(removed);
	return ok;
}

bool jx_target_context(const struct jx_project *p, size_t i, const struct jx_baseline *base,
		       const struct jx_peers *peers, struct jx_target_context *out)
{
	memset(out, 0, sizeof(*out));
	if (i >= p->n_ind)
		return false;
	if (base && i < base->n_ind && base->ind[i].has[0]) {
		out->has_last = true;
		out->last_year = p->year - 1;
		out->last = base->ind[i].value[0];
	}
	if (base && !jx_baseline_mean(base, i, &out->mean, &out->mean_years, &out->mean_exact))
		out->mean_years = 0;
	if (peers)
		out->has_peers = jx_peers_of(peers, p, &p->ind[i], &out->peers);
	return out->has_last || out->mean_years || out->has_peers;
}

void jx_target_context_text(const struct jx_target_context *c, const char *unit, struct jx_buf *out)
{
	char a[JX_DEC_STRMAX], b[JX_DEC_STRMAX], m[JX_DEC_STRMAX];
	const char *u = unit ? unit : "";
	bool first = true;

	if (c->has_last) {
		jx_buf_addf(out, NULL, "%d年实际 %s%s", c->last_year, jx_dec_format(c->last, a), u);
		first = false;
	}
	if (c->mean_years) {
		jx_buf_addf(out, NULL, "%s近%d年均值 %s%s%s", first ? "" : "；", c->mean_years, c->mean_exact ? "" : "约",
			    jx_dec_format(c->mean, a), u);
		first = false;
	}
	if (c->has_peers)
		jx_buf_addf(out, NULL, "%s同类 %zu 张表：中位数 %s%s（%s%s–%s%s）", first ? "" : "；", c->peers.count,
			    jx_dec_format(c->peers.median, m), u, jx_dec_format(c->peers.min, a), u,
			    jx_dec_format(c->peers.max, b), u);
}

void jx_target_context_json(const struct jx_target_context *c, struct jx_buf *out)
{
	char a[JX_DEC_STRMAX], b[JX_DEC_STRMAX], m[JX_DEC_STRMAX];

	if (c->has_last)
		jx_buf_addf(out, NULL, "\"last_year\": {\"year\": %d, \"value\": \"%s\"}", c->last_year,
			    jx_dec_format(c->last, a));
	else
		jx_buf_adds(out, "\"last_year\": null", NULL);
	if (c->mean_years)
		jx_buf_addf(out, NULL, ", \"mean\": {\"years\": %d, \"value\": \"%s\", \"exact\": %s}", c->mean_years,
			    jx_dec_format(c->mean, a), c->mean_exact ? "true" : "false");
	else
		jx_buf_adds(out, ", \"mean\": null", NULL);
	if (c->has_peers)
		jx_buf_addf(out, NULL,
			    ", \"peers\": {\"count\": %zu, \"median\": \"%s\", \"min\": \"%s\", \"max\": \"%s\"}",
			    c->peers.count, jx_dec_format(c->peers.median, m), jx_dec_format(c->peers.min, a),
			    jx_dec_format(c->peers.max, b));
	else
		jx_buf_adds(out, ", \"peers\": null", NULL);
}
