/*
 * access.c — the rules of who may do what, all of them. See access.h.
 */
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/account.h"
#include "jixiao/err.h"
#include "jixiao/model.h"

static int missing(struct jx_err *err)
{
	return jx_err_set(err, JX_ENOTFOUND, "没有这个项目");
}

static int forbidden(const struct jx_account *who, struct jx_err *err)
{
	return jx_err_set(err, JX_EFORBIDDEN, "%s账户不能进行这项操作", jx_role_label(who->role));
}

static int anonymous(enum jx_act act, const struct jx_project *p, bool published, struct jx_err *err)
{
	if (act == JX_ACT_READ)
		return p && published && !p->classified ? 0 : missing(err);
	if (p && act != JX_ACT_CREATE && !(published && !p->classified))
		return missing(err); /* what cannot be seen cannot be asked about either */
	return jx_err_set(err, JX_EAUTH, "请先登录");
}

static int unit(const struct jx_account *who, enum jx_act act, const struct jx_project *p, struct jx_err *err)
{
	if (p && strcmp(p->unit, who->unit) != 0)
		return act == JX_ACT_CREATE ? jx_err_set(err, JX_EFORBIDDEN, "单位账户只能为本单位（%s）编制绩效目标表", who->unit)
					    : missing(err);
	switch (act) {
	case JX_ACT_READ:
	case JX_ACT_INSIDE:
	case JX_ACT_CREATE:
	case JX_ACT_SUBMIT:
	case JX_ACT_ACTUALS:
		return 0;
	case JX_ACT_EDIT:
		if (!p)
			return missing(err);
		if (p->status != JX_DRAFT && p->status != JX_RETURNED)
			return jx_err_set(err, JX_ECONFLICT, "项目“%s”%s，只有草稿或已退回的表可以修改", p->name,
					  jx_status_label(p->status));
		return 0;
	default:
		return forbidden(who, err);
	}
}

/* Whether a department account oversees unit: its own, or one whose 主管部门 it is. */
static bool oversees(const struct jx_account *who, const char *unit)
{
	size_t i;

	if (strcmp(unit, who->unit) == 0)
		return true;
	for (i = 0; i < who->n_oversees; i++)
		if (strcmp(unit, who->oversees[i]) == 0)
			return true;
	return false;
}

static int department(const struct jx_account *who, enum jx_act act, const struct jx_project *p, struct jx_err *err)
{
	if (act == JX_ACT_CREATE)
		return forbidden(who, err);
	if (p && !oversees(who, p->unit))
		return missing(err);
	switch (act) {
	case JX_ACT_READ:
	case JX_ACT_INSIDE:
	case JX_ACT_PASS:
	case JX_ACT_RETURN:
	case JX_ACT_REVIEW:
		return 0;
	default:
		return forbidden(who, err);
	}
}

int jx_access(const struct jx_account *who, enum jx_act act, const struct jx_project *p, bool published,
	      struct jx_err *err)
{
	if (!who)
		return anonymous(act, p, published, err);
	if (who->disabled)
		return jx_err_set(err, JX_EAUTH, "账户已停用");
	if (who->role == JX_ROLE_UNIT)
		return unit(who, act, p, err);
	if (who->role == JX_ROLE_DEPARTMENT)
		return department(who, act, p, err);
	if (act == JX_ACT_READ || act == JX_ACT_INSIDE)
		return 0;
	if (who->role == JX_ROLE_FINANCE && (act == JX_ACT_APPROVE || act == JX_ACT_RETURN || act == JX_ACT_PUBLISH ||
					     act == JX_ACT_REVIEW || act == JX_ACT_ACTUALS || act == JX_ACT_LIBRARY))
		return 0;
	if (who->role == JX_ROLE_ADMIN && (act == JX_ACT_ACCOUNTS || act == JX_ACT_UNITS))
		return 0;
	if (act == JX_ACT_LOG || act == JX_ACT_UNIT_LIST) /* finance and admin alike: who did what to any table */
		return 0;
	return forbidden(who, err);
}

bool jx_may_set(const struct jx_account *who, enum jx_field field)
{
	/* rows: content, key, classified, status; columns: admin, finance, unit, department (enum jx_role),
	 * operator */
	static const bool may[4][JX_ROLE_COUNT + 1] = {
		[JX_FIELD_CONTENT] = { false, false, true, false, true },
		[JX_FIELD_KEY] = { false, true, false, false, true },
		[JX_FIELD_CLASSIFIED] = { false, true, false, false, true },
		[JX_FIELD_STATUS] = { false, false, false, false, false },
	};

	return may[field][who ? (int)who->role : JX_ROLE_COUNT];
}

static int field_refused(const struct jx_account *who, enum jx_field field, struct jx_err *err)
{
	static const char *const label[] = { "内容", "重点项目（key）", "涉密项目（classified）", "状态（status）" };

	if (field == JX_FIELD_STATUS)
		return jx_err_set(err, JX_EFORBIDDEN, "不能直接设置%s：只能通过提交、批准或退回改变", label[field]);
	if (field == JX_FIELD_CONTENT)
		return jx_err_set(err, JX_EFORBIDDEN, "%s账户不能编制或修改绩效目标表", jx_role_label(who->role));
	return jx_err_set(err, JX_EFORBIDDEN, "%s账户不能设置%s：这一标记由财政部门设置", jx_role_label(who->role),
			  label[field]);
}

int jx_access_fields(const struct jx_account *who, const struct jx_project *old, const struct jx_project *p,
		     struct jx_err *err)
{
	bool key = old ? old->key : false, classified = old ? old->classified : false;
	enum jx_status status = old ? old->status : JX_DRAFT;

	if (!who)
		return 0; /* the operator: the importer's own rule applies (a stated status is not taken) */
	if (!jx_may_set(who, JX_FIELD_CONTENT))
		return field_refused(who, JX_FIELD_CONTENT, err);
	if ((p->given & JX_GIVEN_KEY) && p->key != key && !jx_may_set(who, JX_FIELD_KEY))
		return field_refused(who, JX_FIELD_KEY, err);
	if ((p->given & JX_GIVEN_CLASSIFIED) && p->classified != classified && !jx_may_set(who, JX_FIELD_CLASSIFIED))
		return field_refused(who, JX_FIELD_CLASSIFIED, err);
	if ((p->given & JX_GIVEN_STATUS) && p->status != status && !jx_may_set(who, JX_FIELD_STATUS))
		return field_refused(who, JX_FIELD_STATUS, err);
	return 0;
}
