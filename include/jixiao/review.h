/*
 * review.h — the rule catalogue (审核规则) and checking a target table against it.
 *
 * Every rule has a stable id, and a severity taken from the review configuration: error (blocks
 * approval: 不予安排), warning, info, or off. The configuration is data — data/review/rules.json,
 * compiled in, optionally overridden by a file of the same form — with entries per budget year, so
 * that severities and tolerances change without touching code.
 *
 * Findings explain themselves in Chinese with the indicator and the numbers involved.
 *
 * Graded review (财预〔2015〕88号 第25条): each checked table gets 25 points in each of four
 * dimensions (完整性, 相关性, 适当性, 可行性); each finding takes its deduction from the dimension its
 * rule belongs to, down to 0, and the sum is graded 优/良/中/差 by cut-offs — the scheme is part of the
 * configuration ("grading"). A table graded 差 gets the finding grade-poor, an error by default, so
 * that it blocks approval as errors do (不得列入预算).
 */
#ifndef JIXIAO_REVIEW_H
#define JIXIAO_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

struct jx_err;
struct jx_project;
struct jx_review;

enum jx_severity { JX_SEV_OFF, JX_SEV_INFO, JX_SEV_WARNING, JX_SEV_ERROR };

struct jx_finding {
	const char *rule;          /* the rule's id, e.g. "cost-sum" */
	enum jx_severity severity;
	char *indicator;           /* the indicator's name (as in the JSON form, without its unit), or NULL */
	char *message;             /* what is wrong, with the numbers */
	int dimension;             /* the dimension it counts against (JX_DIM_…), -1 for none (grade-poor) */
	int deduct;                /* the points it takes from that dimension */
};

enum { JX_DIM_COMPLETE, JX_DIM_RELEVANT, JX_DIM_APPROPRIATE, JX_DIM_FEASIBLE, JX_N_DIM };

/* A table's grade: points out of 100, per dimension out of 25, and its grade's label (优, 良, 中 or 差). */
struct jx_grade {
	int points;
	int dimension[JX_N_DIM];
	const char *label;
};

struct jx_findings {
	struct jx_finding *f; /* in the catalogue's order, then the indicators' */
	size_t n;
	size_t cap;
};

/* Loads the review configuration: the built-in one, with path's entries (if path is not NULL) over
 * it. *out is new; free it with jx_review_free(). Errors name the file and the entry. */
int jx_review_load(struct jx_review **out, const char *path, struct jx_err *err);
void jx_review_free(struct jx_review *r);

/* Checks p, appending its findings to out (which starts empty: JX_FINDINGS_INIT). */
#define JX_FINDINGS_INIT { NULL, 0, 0 }
void jx_review_check(const struct jx_review *r, const struct jx_project *p, struct jx_findings *out);

/* The same, with what earlier years reached (baseline.h; NULL: unknown), for the rules that compare
 * targets with history (target-below-history). */
struct jx_baseline;
void jx_review_check_with(const struct jx_review *r, const struct jx_project *p, const struct jx_baseline *base,
			  struct jx_findings *out);

/* The same, with the indicator library too (library.h; NULL: none), for the rule that looks indicators
 * up in it (indicator-not-in-library, silent without a library). */
struct jx_library;
void jx_review_check_full(const struct jx_review *r, const struct jx_project *p, const struct jx_baseline *base,
			  const struct jx_library *lib, struct jx_findings *out);

/* What the rules that compare a table with others may use, each NULL when unknown (the rules that need
 * it stay silent): earlier years' actuals (baseline.h), the indicator library (library.h), the other
 * tables' targets of the year (peers.h). */
struct jx_peers;
struct jx_review_with {
	const struct jx_baseline *base;
	const struct jx_library *lib;
	const struct jx_peers *peers;
};
void jx_review_check_using(const struct jx_review *r, const struct jx_project *p, const struct jx_review_with *w,
			   struct jx_findings *out);

/* True if a table of year is compared with the other tables' targets (target-below-peers): a caller
 * loads the peers (and the library they are matched through) only then. */
bool jx_review_uses_peers(const struct jx_review *r, int year);

/* True if a table of year is looked up in the library: a caller loads the library only then. */
bool jx_review_uses_library(const struct jx_review *r, int year);

/* True if a table of year is checked against history: a caller loads the baseline only then. */
bool jx_review_uses_history(const struct jx_review *r, int year);

/* The levels of review a table of year goes through (财预〔2015〕88号 第26条; workflow.h): 1, finance
 * alone (the default); 2, the unit's 主管部门 first, then finance — "workflow": {"levels": 2} in the
 * configuration, for every year or under years for one. */
int jx_review_levels(const struct jx_review *r, int year);
/* The years whose levels differ from the configuration's own (*base, which every year not listed
 * has): their count returned, and at most cap of them written into years. */
size_t jx_review_level_years(const struct jx_review *r, int *base, int *years, size_t cap);

/* The grade of a table of year with the findings f (as jx_review_check left them for it). */
void jx_review_grade(const struct jx_review *r, int year, const struct jx_findings *f, struct jx_grade *out);

/* 完整性, 相关性, 适当性, 可行性. */
const char *jx_dimension_label(int dim);

/* True if any finding is an error: approval is refused. */
bool jx_findings_block(const struct jx_findings *f);

/* Empties out, freeing its findings. */
void jx_findings_clear(struct jx_findings *f);

/* The catalogue: how many rules, and the i-th one's id. */
size_t jx_review_rule_count(void);
const char *jx_review_rule_id(size_t i);

/* "error" (the JSON form) and 错误 (for people). */
const char *jx_severity_name(enum jx_severity s);
const char *jx_severity_label(enum jx_severity s);

#endif
