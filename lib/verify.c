/*
 * verify.c — checking a whole store (see verify.h).
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/store.h"
#include "jixiao/verify.h"

struct walk {
	struct jx_store *st;
	int (*fn)(void *ctx, const char *problem, struct jx_err *err);
	void *ctx;
	struct jx_verify_stats *stats;
	int64_t *ids; /* every project's id, listed first: the checks then read one project at a time */
	size_t n_ids, cap_ids;
	int *versions; /* every publication's version */
	size_t n_versions, cap_versions;
};

static int problem(struct walk *w, struct jx_err *err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int problem(struct walk *w, struct jx_err *err, const char *fmt, ...)
{
	char text[1536];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	w->stats->problems++;
	return w->fn(w->ctx, text, err);
}

static int store_problem(void *ctx, const char *text, struct jx_err *err)
{
	return problem(ctx, err, "%s", text);
}

static int note_id(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct walk *w = ctx;

	(void)err;
	jx_grow(&w->ids, sizeof(*w->ids), w->n_ids + 1, &w->cap_ids);
	w->ids[w->n_ids++] = s->id;
	return 0;
}

static int note_version(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct walk *w = ctx;

	(void)err;
	jx_grow(&w->versions, sizeof(*w->versions), w->n_versions + 1, &w->cap_versions);
	w->versions[w->n_versions++] = p->version;
	return 0;
}

/* p's canonical JSON, a new string. */
static char *canonical(const struct jx_project *p)
{
	json_t *o = jx_project_to_json(p);
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return text;
}

/* Reads project id back, and checks that its canonical JSON reads to the same project again. */
static int check_project(struct walk *w, int64_t id, struct jx_err *err)
{
	struct jx_project *p = NULL, *back = NULL;
	struct jx_err why = { 0 };
	char *a, *b = NULL;
	json_t *o;
	int rc = 0;

	if (jx_store_get(w->st, id, &p, &why))
		return problem(w, err, "项目 %lld 无法读取: %s", (long long)id, why.msg);
	w->stats->projects++;
	a = canonical(p);
	o = a ? json_loads(a, 0, NULL) : NULL;
	if (!o || jx_project_from_json(o, &back, &why))
		rc = problem(w, err, "项目 %lld（%s）无法按其 JSON 读回: %s", (long long)id, p->name,
			     why.msg[0] ? why.msg : "JSON 无效");
	else if (strcmp(a, b = canonical(back)) != 0)
		rc = problem(w, err, "项目 %lld（%s）读回后与保存的不同", (long long)id, p->name);
	json_decref(o);
	free(a);
	free(b);
	jx_project_free(p);
	jx_project_free(back);
	return rc;
}

static int check_publication(struct walk *w, int version, struct jx_err *err)
{
	struct jx_publication *pub = NULL;
	struct jx_err why = { 0 };

	w->stats->publications++;
	if (jx_publication_load(w->st, version, &pub, &why) || jx_publication_tables(pub, NULL, NULL, &why)) {
		jx_publication_free(pub);
		return problem(w, err, "第 %d 版公开无法读回: %s", version, why.msg);
	}
	jx_publication_free(pub);
	return 0;
}

int jx_verify(struct jx_store *st, int (*fn)(void *ctx, const char *problem, struct jx_err *err), void *ctx,
	      struct jx_verify_stats *stats, struct jx_err *err)
{
	struct walk w = { st, fn, ctx, stats, NULL, 0, 0, NULL, 0, 0 };
	size_t i;
	int rc;

	memset(stats, 0, sizeof(*stats));
	rc = jx_store_begin_read(st, err);
	if (rc)
		return -1;
	rc = jx_store_check(st, store_problem, &w, err) || jx_store_list(st, NULL, note_id, &w, err) ||
	     jx_store_publications(st, 0, note_version, &w, err);
	for (i = 0; !rc && i < w.n_ids; i++)
		rc = check_project(&w, w.ids[i], err);
	for (i = 0; !rc && i < w.n_versions; i++)
		rc = check_publication(&w, w.versions[i], err);
	jx_store_end(st, -1, NULL); /* nothing was written: the snapshot is let go */
	free(w.ids);
	free(w.versions);
	return rc ? -1 : 0;
}
