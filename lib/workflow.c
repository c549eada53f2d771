/*
 * workflow.c — state transitions with their history entries. See workflow.h.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/history.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/library.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/workflow.h"

/* Moves project p from its state to `to`, logging action with extra (may be NULL; its reference is
 * taken) merged into the entry. */
static int move(struct jx_store *st, struct jx_project *p, enum jx_status to, const char *user, const char *action,
		json_t *extra, struct jx_err *err)
{
	json_t *detail = extra ? extra : json_object();

	json_object_set_new(detail, "from", json_string(jx_status_name(p->status)));
	json_object_set_new(detail, "to", json_string(jx_status_name(to)));
	if (jx_store_set_status(st, p->id, to, err) || jx_history_add(st, p->id, user, action, detail, err))
		return -1;
	p->status = to;
	return 0;
}

/* Runs step on project id in one transaction. */
static int transition(struct jx_store *st, int64_t id, struct jx_err *err,
		      int (*step)(struct jx_store *st, struct jx_project *p, void *arg, struct jx_err *err), void *arg)
{
	struct jx_project *p = NULL;
	int rc;

	if (jx_store_begin(st, err))
		return -1;
	rc = jx_store_get(st, id, &p, err) || step(st, p, arg, err);
	rc = jx_store_end(st, rc, err);
	jx_project_free(p);
	return rc;
}

static int refuse(const struct jx_project *p, const char *what, struct jx_err *err)
{
	return jx_err_set(err, JX_ECONFLICT, "项目“%s”是%s状态，不能%s", p->name, jx_status_label(p->status), what);
}

static int submit_step(struct jx_store *st, struct jx_project *p, void *arg, struct jx_err *err)
{
	if (p->status != JX_DRAFT && p->status != JX_RETURNED)
		return refuse(p, "提交（只有草稿或已退回的项目可以提交）", err);
	return move(st, p, JX_SUBMITTED, arg, "submit", NULL, err);
}

int jx_workflow_submit(struct jx_store *st, int64_t id, const char *user, struct jx_err *err)
{
	return transition(st, id, err, submit_step, (void *)user);
}

struct approval {
	const struct jx_review *review;
	const char *user;
	struct jx_findings *found;
};

/* Whether a table of p's year is reviewed by its 主管部门 before finance. */
static bool two_levels(const struct jx_review *r, const struct jx_project *p)
{
	return r && jx_review_levels(r, p->year) == 2;
}

/* The message refusing approval (or the 主管部门's pass, pass): the project, and each blocking finding
 * by its rule. */
static int blocked(const struct jx_project *p, const struct jx_findings *f, bool pass, struct jx_err *err)
{
	struct jx_buf list = JX_BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < f->n; i++) {
		if (f->f[i].severity != JX_SEV_ERROR)
			continue;
		jx_buf_addf(&list, NULL, "%s%s", n++ ? "；" : "", f->f[i].rule);
		if (f->f[i].indicator)
			jx_buf_addf(&list, NULL, "（%s）", f->f[i].indicator);
	}
	if (pass)
		jx_err_set(err, JX_ECONFLICT, "不予通过：项目“%s”有 %zu 条错误，主管部门审核不能通过：%s", p->name, n, list.ptr);
	else
		jx_err_set(err, JX_ECONFLICT, "不予安排：项目“%s”有 %zu 条错误，不能批准：%s", p->name, n, list.ptr);
	jx_buf_release(&list);
	return -1;
}

/* Reviews p as approval and the 主管部门's pass do: its findings into a->found, a refusal (pass says
 * whose) while an error stands, else its grade into g. */
static int reviewed(struct jx_store *st, struct approval *a, const struct jx_project *p, bool pass, struct jx_grade *g,
		    struct jx_err *err)
{
	if (jx_review_uses_library(a->review, p->year)) { /* a province may make it an error */
		struct jx_library lib;

		if (jx_library_load(st, &lib, err))
			return -1;
		jx_review_check_full(a->review, p, NULL, &lib, a->found);
		jx_library_free(&lib);
	} else {
		jx_review_check(a->review, p, a->found);
	}
	if (jx_findings_block(a->found))
		return blocked(p, a->found, pass, err);
	jx_review_grade(a->review, p->year, a->found, g);
	return 0;
}

static int approve_step(struct jx_store *st, struct jx_project *p, void *arg, struct jx_err *err)
{
	struct approval *a = arg;
	enum jx_status was = p->status;
	struct jx_grade g;
	json_t *extra;

	if (p->status == JX_SUBMITTED && two_levels(a->review, p))
		return jx_err_set(err, JX_ECONFLICT,
				  "项目“%s”尚未经主管部门审核：%d年度的目标表须由主管部门审核通过后，财政才能批准", p->name,
				  p->year);
	if (p->status != JX_SUBMITTED && p->status != JX_DEPT_APPROVED)
		return refuse(p, "批准（只有已提交或主管部门已审核的项目可以批准）", err);
	if (reviewed(st, a, p, false, &g, err))
		return -1;
	extra = json_object();
	/* the review's grade (88号 第25条) as it stood when approved */
	json_object_set_new(extra, "grade", json_pack("{s:s, s:i}", "grade", g.label, "points", g.points));
	p->status = JX_APPROVED;
	json_object_set_new(extra, "table", jx_project_to_json(p));
	p->status = was;
	return move(st, p, JX_APPROVED, a->user, "approve", extra, err);
}

static int pass_step(struct jx_store *st, struct jx_project *p, void *arg, struct jx_err *err)
{
	struct approval *a = arg;
	struct jx_grade g;
	json_t *extra;

	if (!two_levels(a->review, p))
		return jx_err_set(err, JX_ECONFLICT, "%d年度的目标表不经主管部门审核（由财政直接审核），项目“%s”无需主管部门审核通过",
				  p->year, p->name);
	if (p->status != JX_SUBMITTED)
		return refuse(p, "通过主管部门审核（只有已提交、等待主管部门审核的项目可以通过）", err);
	if (reviewed(st, a, p, true, &g, err))
		return -1;
	extra = json_object();
	json_object_set_new(extra, "grade", json_pack("{s:s, s:i}", "grade", g.label, "points", g.points));
	return move(st, p, JX_DEPT_APPROVED, a->user, "pass", extra, err);
}

int jx_workflow_pass(struct jx_store *st, const struct jx_review *r, int64_t id, const char *user,
		     struct jx_findings *found, struct jx_err *err)
{
	struct jx_findings local = JX_FINDINGS_INIT;
	struct approval a = { r, user, found ? found : &local };
	int rc = transition(st, id, err, pass_step, &a);

	jx_findings_clear(&local);
	return rc;
}

int jx_workflow_approve(struct jx_store *st, const struct jx_review *r, int64_t id, const char *user,
			struct jx_findings *found, struct jx_err *err)
{
	struct jx_findings local = JX_FINDINGS_INIT;
	struct approval a = { r, user, found ? found : &local };
	int rc = transition(st, id, err, approve_step, &a);

	jx_findings_clear(&local);
	return rc;
}

struct giving_back {
	const struct jx_review *review;
	const char *user;
	const char *reason;
	enum jx_review_level level;
};

static int return_step(struct jx_store *st, struct jx_project *p, void *arg, struct jx_err *err)
{
	struct giving_back *g = arg;
	enum jx_review_level level = g->level;
	json_t *extra;

	if (level == JX_REVIEW_AWAITING)
		level = p->status == JX_SUBMITTED && two_levels(g->review, p) ? JX_REVIEW_DEPT : JX_REVIEW_FINANCE;
	if (level == JX_REVIEW_DEPT && !two_levels(g->review, p))
		return jx_err_set(err, JX_ECONFLICT, "%d年度的目标表不经主管部门审核（由财政直接审核），主管部门不能退回项目“%s”",
				  p->year, p->name);
	if (level == JX_REVIEW_DEPT && p->status != JX_SUBMITTED)
		return refuse(p, "由主管部门退回（主管部门只能退回已提交、等待其审核的项目）", err);
	if (p->status != JX_SUBMITTED && p->status != JX_DEPT_APPROVED)
		return refuse(p, "退回（只有已提交或主管部门已审核的项目可以退回）", err);
	extra = json_object();
	json_object_set_new(extra, "reason", json_string(g->reason));
	if (level == JX_REVIEW_DEPT)
		json_object_set_new(extra, "level", json_string("department"));
	return move(st, p, JX_RETURNED, g->user, "return", extra, err);
}

int jx_workflow_return(struct jx_store *st, int64_t id, const char *user, const char *reason, struct jx_err *err)
{
	return jx_workflow_return_at(st, NULL, id, user, reason, JX_REVIEW_FINANCE, err);
}

int jx_workflow_return_at(struct jx_store *st, const struct jx_review *r, int64_t id, const char *user,
			  const char *reason, enum jx_review_level level, struct jx_err *err)
{
	struct giving_back g = { r, user, reason, level };
	const char *s = reason;
	size_t n = reason ? strlen(reason) : 0;

	if (reason)
		jx_text_trim(&s, &n);
	if (n == 0)
		return jx_err_set(err, JX_EUSAGE, "退回需要写明理由");
	return transition(st, id, err, return_step, &g);
}

int jx_workflow_approved(struct jx_store *st, int64_t id, struct jx_project **out, char **at, struct jx_err *err)
{
	char *detail = NULL;
	json_t *j, *table;
	int rc = 0;

	*out = NULL;
	*at = NULL;
	if (jx_store_last_event(st, id, "approve", &detail, at, err))
		return -1;
	if (!detail)
		return 0;
	j = json_loads(detail, 0, NULL);
	table = json_object_get(j, "table");
	if (!table || jx_project_from_json(table, out, err))
		rc = jx_err_set(err, JX_ESTORE, "项目 %lld 批准时的版本已损坏", (long long)id);
	else
		(*out)->id = id;
	json_decref(j);
	free(detail);
	if (rc) {
		free(*at);
		*at = NULL;
	}
	return rc;
}
