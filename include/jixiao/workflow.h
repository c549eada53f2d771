/*
 * workflow.h — the review workflow: draft → submitted → approved, or returned (with a reason) and
 * back to editing.
 *
 *   submit   draft or returned → submitted
 *   approve  submitted → approved, refused while the review finds an error (不予安排)
 *   return   submitted → returned, with a reason
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

/* reason must not be empty. */
int jx_workflow_return(struct jx_store *st, int64_t id, const char *user, const char *reason, struct jx_err *err);

/* Loads the table as last approved into *out (a new project the caller frees), with when in *at
 * (malloc'd); both NULL if the project was never approved. */
int jx_workflow_approved(struct jx_store *st, int64_t id, struct jx_project **out, char **at, struct jx_err *err);

#endif
