/*
 * workflow.h — the review workflow: draft → submitted → approved, or returned (with a reason) and
 * back to editing.
 *
 *   submit   draft or returned → submitted
 *   approve  submitted → approved, refused while the review finds an error (不予安排)
 *   return   submitted → returned, with a reason
 *
 * Review runs at one level (finance) or, in the years the review configuration says so
 * (jx_review_levels: 财预〔2015〕88号 第26条), at two: the unit's 主管部门 first, then finance.
 *
 *   submit   draft or returned → submitted (awaiting the 主管部门)
 *   pass     submitted → dept_approved (主管部门已审核), by the 主管部门, refused while the review finds
 *            an error (不予通过)
 *   approve  dept_approved → approved, by finance; a table the 主管部门 has not passed is refused
 *   return   by the 主管部门: submitted → returned; by finance: submitted or dept_approved → returned
 *
 * The history names who took each step, and a return at the 主管部门's level says so ("level":
 * "department" in its detail: 主管部门退回). A table passed by the 主管部门 may be approved whatever the
 * year's levels are now; one submitted in a year of one level needs no pass.
 *
 * A change to an approved table (绩效目标调整, by import or edit) sends it back to draft, to be reviewed
 * again; the table as approved stays in the history and can be loaded with jx_workflow_approved().
 * Every transition is one transaction and leaves an entry in the history.
 */
#ifndef JIXIAO_WORKFLOW_H
#define JIXIAO_WORKFLOW_H

#include <stdint.h>

struct jx_err;
struct jx_findings;
struct jx_project;
struct jx_review;
struct jx_store;

/* Each fails with JX_ECONFLICT, saying why, when the project's state does not allow it. */
int jx_workflow_submit(struct jx_store *st, int64_t id, const char *user, struct jx_err *err);

/* found (may be NULL) receives the review's findings; when they hold an error the approval is refused
 * (JX_ECONFLICT) with a message listing the blocking rules. */
int jx_workflow_approve(struct jx_store *st, const struct jx_review *r, int64_t id, const char *user,
			struct jx_findings *found, struct jx_err *err);

/* Finance's return. reason must not be empty. */
int jx_workflow_return(struct jx_store *st, int64_t id, const char *user, const char *reason, struct jx_err *err);

/* The level a step of review is taken at. */
enum jx_review_level {
	JX_REVIEW_FINANCE,
	JX_REVIEW_DEPT,     /* the unit's 主管部门 */
	JX_REVIEW_AWAITING, /* the one the table awaits: the 主管部门 for a table submitted in a year of two
			    * levels, else finance (the command line's operator, who holds every level) */
};

/* A return at level (r: the review configuration, for the year's levels). The 主管部门 returns only what
 * awaits it (JX_ECONFLICT otherwise, saying why). */
int jx_workflow_return_at(struct jx_store *st, const struct jx_review *r, int64_t id, const char *user,
			  const char *reason, enum jx_review_level level, struct jx_err *err);

/* The 主管部门's pass: a table submitted in a year of two levels goes on to finance. found (may be NULL)
 * receives the review's findings; an error among them refuses it (JX_ECONFLICT, 不予通过), as approval. */
int jx_workflow_pass(struct jx_store *st, const struct jx_review *r, int64_t id, const char *user,
		     struct jx_findings *found, struct jx_err *err);

/* Loads the table as last approved into *out (a new project the caller frees), with when in *at
 * (malloc'd); both NULL if the project was never approved. */
int jx_workflow_approved(struct jx_store *st, int64_t id, struct jx_project **out, char **at, struct jx_err *err);

#endif
