/*
 * import.c — the import driver: one transaction around the readers, a store write per table.
 */
#include <string.h>

#include "jixiao/err.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/store.h"

#define PROGRESS_EVERY 256 /* tables between progress calls */

struct run {
	struct jx_store *st;
	const struct jx_import_opts *o;
	struct jx_input *in;
	struct jx_import_stats stats;
};

static int store_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct run *r = ctx;
	enum jx_put outcome;

	if (jx_store_put(r->st, p, &outcome, err))
		return -1;
	r->stats.projects++;
	r->stats.indicators += p->n_ind;
	r->stats.added += outcome == JX_PUT_NEW;
	r->stats.replaced += outcome == JX_PUT_REPLACED;
	r->stats.unchanged += outcome == JX_PUT_UNCHANGED;
	if (r->o && r->o->progress && r->stats.projects % PROGRESS_EVERY == 0)
		r->o->progress(r->o->ctx, r->in->name, r->in->consumed, r->in->size, &r->stats);
	return 0;
}

static int import_file(struct run *r, const char *path, struct jx_err *err)
{
	struct jx_input in;
	const struct jx_reader *reader;
	int rc;

	if (jx_input_open(&in, path, err))
		return -1;
	r->in = &in;
	reader = jx_reader_detect(&in, err);
	rc = reader ? reader->read(&in, store_one, r, err) : -1;
	if (!rc && r->o && r->o->progress)
		r->o->progress(r->o->ctx, in.name, in.consumed, in.size, &r->stats);
	jx_input_close(&in);
	return rc;
}

int jx_import(struct jx_store *st, const char *const *paths, size_t n, const struct jx_import_opts *o,
	      struct jx_import_stats *stats, struct jx_err *err)
{
	struct run r;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.st = st;
	r.o = o;
	if (jx_store_begin(st, err))
		return -1;
	for (i = 0; i < n; i++)
		if (import_file(&r, paths[i], err)) {
			jx_store_rollback(st);
			return -1;
		}
	if (jx_store_commit(st, err)) {
		jx_store_rollback(st);
		return -1;
	}
	if (stats)
		*stats = r.stats;
	return 0;
}
