/*
 * import.h — importing files into the store, all or nothing.
 */
#ifndef JIXIAO_IMPORT_H
#define JIXIAO_IMPORT_H

#include <stddef.h>
#include <stdint.h>

struct jx_err;
struct jx_store;

struct jx_import_stats {
	size_t projects;   /* tables read */
	size_t indicators; /* indicators in them */
	size_t added;      /* projects new to the store */
	size_t replaced;   /* existing projects whose table or flags changed */
	size_t unchanged;  /* existing projects imported again as they were */
};

struct jx_import_opts {
	/* Called now and then while importing (may be NULL): the file, bytes read of it and its size
	 * (0 if unknown), and the totals so far. */
	void (*progress)(void *ctx, const char *file, uint64_t done, uint64_t size, const struct jx_import_stats *s);
	void *ctx;
};

/* Imports the files (each document text or JSON, recognised by content; "-" is standard input) in one
 * transaction: on any error nothing of any of them is stored. stats (may be NULL) receives the totals. */
int jx_import(struct jx_store *st, const char *const *paths, size_t n, const struct jx_import_opts *o,
	      struct jx_import_stats *stats, struct jx_err *err);

#endif
