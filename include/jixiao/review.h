/*
 * review.h — the rule catalogue (审核规则) and checking a target table against it.
 *
 * Every rule has a stable id, and a severity taken from the review configuration: error (blocks
 * approval: 不予安排), warning, info, or off. The configuration is data — data/review/rules.json,
 * compiled in, optionally overridden by a file of the same form — with entries per budget year, so
 * that severities and tolerances change without touching code.
 *
 * Findings explain themselves in Chinese with the indicator and the numbers involved.
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
