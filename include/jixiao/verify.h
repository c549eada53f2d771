/*
 * verify.h — checking a whole store: what `jixiao verify` runs after a restore, or any time.
 *
 * The store's own consistency (the engine's integrity check, references between rows, the schema
 * version), then every project read back and written again to the same canonical JSON, then every
 * publication read back against its digest and its figures. Problems are reported one by one, in
 * plain words, so that one unreadable row does not hide the rest.
 */
#ifndef JIXIAO_VERIFY_H
#define JIXIAO_VERIFY_H

#include <stddef.h>

struct jx_err;
struct jx_store;

struct jx_verify_stats {
	size_t projects;     /* projects read back */
	size_t publications; /* publication versions read back */
	size_t problems;     /* problems reported */
};

/* Checks st, calling fn with each problem (a non-zero return stops and is returned). Returns 0 when
 * the walk ended, whatever it found (stats->problems says); -1 if the store could not be read at all. */
int jx_verify(struct jx_store *st, int (*fn)(void *ctx, const char *problem, struct jx_err *err), void *ctx,
	      struct jx_verify_stats *stats, struct jx_err *err);

#endif
