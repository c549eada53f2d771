/*
 * baseline.h — what earlier years say about a table's targets (历史标准, 财预〔2021〕101号): for each
 * indicator, the actual the same project reached in each of the JX_BASELINE_YEARS years before (three:
 * last year's actual for target-below-history, the three-year mean beside each target; each year back
 * costs a lookup per unit and year through the cache, and a read per table found).
 *
 * The match is explicit, never a guess: the same project in an earlier year is the table of that year
 * of the same kind and the same 预算单位 whose name is this table's name with its year written as that
 * year (博湖县2020年城乡居民养老保险项目 for 博湖县2021年城乡居民养老保险项目; a name without its year is
 * matched as it is); an indicator is the one of the same name and unit there, and its actual is the
 * latest recorded for it (actuals.h), if it is a number.
 */
#ifndef JIXIAO_BASELINE_H
#define JIXIAO_BASELINE_H

#include <stdbool.h>
#include <stdint.h>

#include "jixiao/dec.h"

struct jx_err;
struct jx_project;
struct jx_store;

#define JX_BASELINE_YEARS 3

/* An indicator's actuals in the years before: [0] last year, [1] the year before, … */
struct jx_baseline_ind {
	bool has[JX_BASELINE_YEARS];
	struct jx_dec value[JX_BASELINE_YEARS];
};

struct jx_baseline {
	int year;                                 /* the table's year */
	char *name[JX_BASELINE_YEARS];            /* the matched table of year - 1 - i, or NULL */
	int64_t id[JX_BASELINE_YEARS];
	struct jx_baseline_ind *ind;              /* one per indicator of the table, in its order */
	size_t n_ind;
};

/* What a run over many tables keeps between them: each year's tables, listed once (one query a year),
 * so that finding the same project costs a hash probe rather than a query per table or per unit (which
 * a check over PostgreSQL feels). Its memory grows with the tables of the years it has met (the last
 * eight), about 100 bytes a table. */
struct jx_baseline_cache;
struct jx_baseline_cache *jx_baseline_cache_new(void);
void jx_baseline_cache_free(struct jx_baseline_cache *c);

/* The baseline of p from st (in a read transaction of the caller's, if it wants one snapshot), through
 * cache (NULL: a query of the store for the table). */
int jx_baseline_load(struct jx_store *st, const struct jx_project *p, struct jx_baseline_cache *cache,
		     struct jx_baseline *out, struct jx_err *err);
void jx_baseline_free(struct jx_baseline *b);

/* The mean of indicator i's actuals over the years b holds (up to JX_BASELINE_YEARS), at two more
 * decimal places than the most precise of them, rounded half away from zero and trailing zeros
 * dropped; *years the years averaged and *exact whether nothing was rounded. False if none is known. */
bool jx_baseline_mean(const struct jx_baseline *b, size_t i, struct jx_dec *mean, int *years, bool *exact);

/* The name of p's table in year: its name with p's year written as year wherever it stands as a year
 * (four digits not within a longer number). A new string. */
char *jx_baseline_name(const char *name, int from, int year);

/* The start of the same project's table of year from p (以去年为底稿): a draft with p's unit, funds, goal,
 * fields and indicators (targets kept, to be revised), named as jx_baseline_name names it, not key
 * (重点 is marked afresh), classified if p is. A new project (id 0) the caller frees. */
struct jx_project *jx_baseline_carry(const struct jx_project *p, int year);

#endif
