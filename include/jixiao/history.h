/*
 * history.h — what the history records: every change of a project's state or content, with who, when
 * and what changed, before and after. Nothing changes without a trace.
 *
 * An entry's detail is a JSON object (kept as text by the store):
 *   create   {"indicators": N, "total": "3033.00"}
 *   change   {"changes": [{"field": F, "indicator": NAME or absent, "before": TEXT or null,
 *                         "after": TEXT or null}, …]}
 *   submit, approve, return
 *            {"from": STATUS, "to": STATUS}, with "reason" for return and, for approve, "table": the
 *            table as approved (its canonical JSON), so that the approved version stays retrievable.
 * Fields: name, unit, goal, funds.total, funds.fiscal, funds.other, key, classified, status, framework,
 * target (of an indicator), indicator (added: before null; removed: after null), order.
 */
#ifndef JIXIAO_HISTORY_H
#define JIXIAO_HISTORY_H

#include <jansson.h>
#include <stdint.h>

struct jx_err;
struct jx_project;
struct jx_store;

/* Appends an entry for project id, made now by user. Takes detail's reference. */
int jx_history_add(struct jx_store *st, int64_t id, const char *user, const char *action, json_t *detail,
		   struct jx_err *err);

/* The same with the detail already written as JSON text. */
int jx_history_add_text(struct jx_store *st, int64_t id, const char *user, const char *action, const char *detail,
			struct jx_err *err);

/* The changes from before to after (see above) as a new JSON array, empty if there are none. */
json_t *jx_history_changes(const struct jx_project *before, const struct jx_project *after);

/* What an action is called, for people: create → 新建 … return → 退回, pass → 主管部门审核通过. */
const char *jx_history_action_label(const char *action);

/* What a field is called, for people: funds.total → 年度资金总额. */
const char *jx_history_field_label(const char *field);

/* What an entry did, for people: the action's label, or for a change of nothing but 重点 or 涉密
 * what it marked (标记重点, 取消重点, 标记涉密, 取消涉密), or for a return at the 主管部门's level
 * 主管部门退回. detail is the entry's JSON text (may be NULL). */
const char *jx_history_event_label(const char *action, const char *detail);

/* Appends to out, in Chinese, what an entry of this action and detail (JSON text) changed: each change
 * before → after, separated by sep; texts longer than clip columns are shortened with … (0: never). */
struct jx_buf;
void jx_history_describe(struct jx_buf *out, const char *action, const char *detail, const char *sep, size_t clip);

#endif
