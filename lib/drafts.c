/*
 * drafts.c — deleting a draft that never went to review. See drafts.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/drafts.h"
#include "jixiao/err.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

static int seen(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	(void)err;
	if (strcmp(e->action, "submit") == 0)
		*(bool *)ctx = true;
	return 0;
}

bool jx_draft_deletable(struct jx_store *st, const struct jx_project *p)
{
	bool submitted = false;

	return p->status == JX_DRAFT && p->id && jx_store_history(st, p->id, seen, &submitted, NULL) == 0 && !submitted;
}

static int delete_in(struct jx_store *st, const struct jx_account *who, int64_t id, char *name, size_t cap,
		     struct jx_err *err)
{
	struct jx_project *p = NULL;
	bool submitted = false;
	int rc;

	if (jx_store_get(st, id, &p, err)) /* for an account, missing reads as unseen: no oracle */
		return who && err && err->code == JX_ENOTFOUND ? jx_err_set(err, JX_ENOTFOUND, "没有这个项目") : -1;
	if (who && jx_access(who, JX_ACT_READ, p, false, NULL)) {
		jx_project_free(p);
		return jx_err_set(err, JX_ENOTFOUND, "没有这个项目");
	}
	snprintf(name, cap, "%s", p->name);
	if (p->status != JX_DRAFT) {
		rc = jx_err_set(err, JX_ECONFLICT, "只有草稿可以删除：项目“%s”的状态为“%s”", p->name, jx_status_label(p->status));
	} else if (who && jx_access(who, JX_ACT_EDIT, p, false, err)) {
		rc = -1;
	} else if ((rc = jx_store_history(st, id, seen, &submitted, err)) == 0 && submitted) {
		rc = jx_err_set(err, JX_ECONFLICT, "项目“%s”曾经提交审核，不能删除（它和它的历史须留作记录）；可以修改后重新提交",
				p->name);
	} else if (rc == 0) {
		rc = jx_store_delete_project(st, id, err);
	}
	jx_project_free(p);
	return rc;
}

int jx_draft_delete(struct jx_store *st, const struct jx_account *who, int64_t id, char *name, size_t cap,
		    struct jx_err *err)
{
	if (cap)
		name[0] = '\0';
	if (jx_store_begin(st, err))
		return -1;
	return jx_store_end(st, delete_in(st, who, id, name, cap, err), err);
}
