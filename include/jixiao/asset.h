/*
 * asset.h — files compiled into the binary (indicator frameworks now, web assets later).
 *
 * tools/embed.c turns a list of files into a C array of struct jx_asset at build time, so the command
 * needs nothing installed beside it and data stays in data files, not in code.
 */
#ifndef JIXIAO_ASSET_H
#define JIXIAO_ASSET_H

#include <stddef.h>

struct jx_asset {
	const char *name;          /* the file's base name, e.g. "2015.json" */
	const unsigned char *data; /* its bytes, followed by a NUL not counted in len */
	size_t len;                /* its size in bytes */
};

/* data/frameworks/, data/review/, data/evaluation/ and data/vocab/ (each ends with an entry whose name
 * is NULL). */
extern const struct jx_asset jx_assets_frameworks[];
extern const struct jx_asset jx_assets_review[];
extern const struct jx_asset jx_assets_evaluation[];
extern const struct jx_asset jx_assets_vocab[]; /* data/vocab/: the words of target tables */
extern const struct jx_asset jx_assets_library[];   /* data/library/seed.json: the indicator library's seed */
extern const struct jx_asset jx_assets_passwords[]; /* data/passwords/common.txt: passwords refused */

#endif
