/*
 * peers.h — how the other tables of a year set the same indicator (同类指标的目标), beside a table's own
 * target: for review (target-below-peers), check --context, the form and the JSON API.
 *
 * The match is explicit, never a guess: two indicators are the same when their name and unit are those
 * of one entry of the indicator library (library.h). Targets are compared within one direction only:
 * ≥ and > together, ≤ and < together, = apart. The other tables are the year's project tables past
 * their draft (submitted, returned or approved) and not classified (jx_store_targets), the table itself
 * left out — as stored, so a table being edited is compared with everyone else's stored targets.
 */
#ifndef JIXIAO_PEERS_H
#define JIXIAO_PEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/dec.h"

struct jx_err;
struct jx_indicator;
struct jx_library;
struct jx_project;
struct jx_store;

/* The other tables' targets for one indicator: how many, their median (of an even count, the mean of
 * the middle two, exact), the lowest and the highest. */
struct jx_peer_stat {
	size_t count;
	struct jx_dec median, min, max;
};

/* The targets of year's tables for the library's indicators, read once from st (a walk over the year's
 * targets; memory grows with the targets that match an entry, about 40 bytes each). *out is new; free
 * it with jx_peers_free(). */
struct jx_peers;
int jx_peers_load(struct jx_store *st, int year, const struct jx_library *lib, struct jx_peers **out,
		  struct jx_err *err);
void jx_peers_free(struct jx_peers *peers);

/* The year the peers are of. */
int jx_peers_year(const struct jx_peers *peers);

/* How the tables other than p (by its id; 0: a table not stored yet, none left out) set p's indicator
 * ind: false when ind has no quantitative target, is not in the library, or no other table sets it in
 * the same direction. */
bool jx_peers_of(const struct jx_peers *peers, const struct jx_project *p, const struct jx_indicator *ind,
		 struct jx_peer_stat *out);

/* What stands beside one target (issue: history and peers beside each target): last year's actual of the
 * same project, the mean of the years before (baseline.h), and the other tables' targets. */
struct jx_baseline;
struct jx_buf;
struct jx_target_context {
	bool has_last;
	int last_year;
	struct jx_dec last;
	int mean_years; /* 0: no mean */
	bool mean_exact;
	struct jx_dec mean;
	bool has_peers;
	struct jx_peer_stat peers;
};

/* The context of p's indicator i from base and peers (either NULL: not known). True if any is known. */
bool jx_target_context(const struct jx_project *p, size_t i, const struct jx_baseline *base,
		       const struct jx_peers *peers, struct jx_target_context *out);

/* For people: "上年实际 480人；近3年均值 约466.67人；同类 12 张表：中位数 500人（200人–900人）". */
void jx_target_context_text(const struct jx_target_context *c, const char *unit, struct jx_buf *out);

/* As JSON members (without braces): "last_year": {"year": 2020, "value": "480"} or null, "mean":
 * {"years": 3, "value": "466.67", "exact": false} or null, "peers": {"count": 12, "median": "500",
 * "min": "200", "max": "900"} or null — values as exact decimal strings. */
void jx_target_context_json(const struct jx_target_context *c, struct jx_buf *out);

#endif
