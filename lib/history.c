/*
 * history.c — history entries and the changes between two versions of a table. See history.h.
 *
 * Indicators are matched by what identifies them in a table — levels, name and unit — so that a
 * changed target reads as a change of that indicator, not as one removed and another added.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/clock.h"
#include "jixiao/err.h"
#include "jixiao/history.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/store.h"
#include "jixiao/text.h"

int jx_history_add_text(struct jx_store *st, int64_t id, const char *user, const char *action, const char *detail,
			struct jx_err *err)
{
	char at[JX_TIME_MAX];
	struct jx_event e = { id, jx_now(at), user ? user : "unknown", action, detail };

	return jx_store_log(st, &e, err);
}

int jx_history_add(struct jx_store *st, int64_t id, const char *user, const char *action, json_t *detail,
		   struct jx_err *err)
{
	char *text = json_dumps(detail, JX_JSON_DUMP | JSON_SORT_KEYS);
	int rc = jx_history_add_text(st, id, user, action, text, err);

	free(text);
	json_decref(detail);
	return rc;
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void change(json_t *changes, const char *field, const char *indicator, const char *before, const char *after)
{
	json_t *c = json_object();

	json_object_set_new(c, "field", json_string(field));
	if (indicator)
		json_object_set_new(c, "indicator", json_string(indicator));
	json_object_set_new(c, "before", text_or_null(before));
	json_object_set_new(c, "after", text_or_null(after));
	json_array_append_new(changes, c);
}

static void change_text(json_t *changes, const char *field, const char *before, const char *after)
{
	if (strcmp(before, after) != 0)
		change(changes, field, NULL, before, after);
}

static void change_money(json_t *changes, const char *field, jx_money before, jx_money after)
{
	char b[JX_DEC_STRMAX], a[JX_DEC_STRMAX];

	if (before != after)
		change(changes, field, NULL, before == JX_MONEY_NONE ? NULL : jx_money_format(before, b),
		       after == JX_MONEY_NONE ? NULL : jx_money_format(after, a));
}

static void change_flag(json_t *changes, const char *field, bool before, bool after)
{
	if (before != after)
		change(changes, field, NULL, before ? "是" : "否", after ? "是" : "否");
}

static bool same(const struct jx_indicator *a, const struct jx_indicator *b)
{
	return strcmp(a->level1, b->level1) == 0 && strcmp(a->level2, b->level2) == 0 && strcmp(a->name, b->name) == 0 &&
	       (a->unit == b->unit || (a->unit && b->unit && strcmp(a->unit, b->unit) == 0));
}

/* The indicator as people name it: its name, and its unit in parentheses. */
static char *label(const struct jx_indicator *ind)
{
	struct jx_buf b = JX_BUF_INIT;

	jx_buf_adds(&b, ind->name, NULL);
	if (ind->unit)
		jx_buf_addf(&b, NULL, "(%s)", ind->unit);
	return jx_buf_detach(&b, NULL);
}

static void indicator_changes(json_t *changes, const struct jx_project *before, const struct jx_project *after)
{
	bool *taken = jx_calloc(after->n_ind + 1, sizeof(*taken)), moved = false;
	size_t i, k;

	for (i = 0; i < before->n_ind; i++) {
		const struct jx_indicator *b = &before->ind[i];
		char *name = label(b);

		for (k = 0; k < after->n_ind && (taken[k] || !same(b, &after->ind[k])); k++)
			;
		if (k == after->n_ind) {
			change(changes, "indicator", name, b->target ? b->target : "", NULL);
		} else {
			taken[k] = true;
			moved |= k != i;
			if (!(b->target == after->ind[k].target ||
			      (b->target && after->ind[k].target && strcmp(b->target, after->ind[k].target) == 0)))
				change(changes, "target", name, b->target, after->ind[k].target);
		}
		free(name);
	}
	for (k = 0; k < after->n_ind; k++)
		if (!taken[k]) {
			char *name = label(&after->ind[k]);

			change(changes, "indicator", name, NULL, after->ind[k].target ? after->ind[k].target : "");
			free(name);
		}
	if (moved && json_array_size(changes) == 0)
		change(changes, "order", NULL, NULL, NULL);
	free(taken);
}

json_t *jx_history_changes(const struct jx_project *before, const struct jx_project *after)
{
	json_t *changes = json_array();

	change_text(changes, "name", before->name, after->name);
	change_text(changes, "unit", before->unit, after->unit);
	change_money(changes, "funds.total", before->total, after->total);
	change_money(changes, "funds.fiscal", before->fiscal, after->fiscal);
	change_money(changes, "funds.other", before->other, after->other);
	change_text(changes, "goal", before->goal, after->goal);
	indicator_changes(changes, before, after);
	change_text(changes, "framework", before->framework, after->framework);
	change_flag(changes, "key", before->key, after->key);
	change_flag(changes, "classified", before->classified, after->classified);
	change_text(changes, "status", jx_status_name(before->status), jx_status_name(after->status));
	return changes;
}

static const char *lookup(const char *const (*table)[2], size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(table[i][0], key) == 0)
			return table[i][1];
	return key;
}

const char *jx_history_action_label(const char *action)
{
	static const char *const labels[][2] = { { "create", "新建" },	 { "change", "修改" },
						 { "submit", "提交审核" }, { "approve", "批准" },
						 { "return", "退回" },	 { "pass", "主管部门审核通过" } };

	return lookup(labels, sizeof(labels) / sizeof(labels[0]), action);
}

const char *jx_history_field_label(const char *field)
{
	static const char *const labels[][2] = {
		{ "name", "项目名称" },	   { "unit", "预算单位" },	     { "goal", "年度目标" },
		{ "funds.total", "年度资金总额" }, { "funds.fiscal", "财政拨款" },    { "funds.other", "其他资金" },
		{ "key", "重点项目" },	   { "classified", "涉密" },	     { "status", "状态" },
		{ "framework", "指标体系" },	   { "target", "指标值" },	     { "indicator", "指标" },
		{ "order", "指标顺序" },
	};

	return lookup(labels, sizeof(labels) / sizeof(labels[0]), field);
}

/* ---- for people ---- */

/* s, shortened to clip columns with … (0: whole). */
static void clipped(struct jx_buf *out, const char *s, size_t clip)
{
	size_t n = strlen(s), cut = 0, w = 0;

	while (cut < n && (!clip || w < clip)) {
		int32_t cp;
		size_t len = jx_utf8_decode(s + cut, n - cut, &cp);

		w += jx_text_width(s + cut, len);
		cut += len;
	}
	jx_buf_add(out, s, cut, NULL);
	if (cut < n)
		jx_buf_adds(out, "…", NULL);
}

static const char *status_label(const char *name)
{
	enum jx_status s;

	return name && !jx_status_from_name(name, &s) ? jx_status_label(s) : (name ? name : "");
}

static void describe_change(struct jx_buf *out, json_t *c, size_t clip)
{
	const char *field = json_string_value(json_object_get(c, "field"));
	const char *ind = json_string_value(json_object_get(c, "indicator"));
	const char *before = json_string_value(json_object_get(c, "before"));
	const char *after = json_string_value(json_object_get(c, "after"));
	bool status;

	if (!field)
		return;
	status = strcmp(field, "status") == 0;
	if (strcmp(field, "indicator") == 0 && !before) {
		jx_buf_addf(out, NULL, "新增指标“%s”：", ind ? ind : "");
		clipped(out, after && *after ? after : "（未填）", clip);
	} else if (strcmp(field, "indicator") == 0) {
		jx_buf_addf(out, NULL, "删除指标“%s”（原为 ", ind ? ind : "");
		clipped(out, *before ? before : "未填", clip);
		jx_buf_adds(out, "）", NULL);
	} else if (strcmp(field, "order") == 0) {
		jx_buf_adds(out, "指标顺序调整", NULL);
	} else {
		if (ind)
			jx_buf_addf(out, NULL, "指标“%s”的", ind);
		jx_buf_addf(out, NULL, "%s：", jx_history_field_label(field));
		clipped(out, status ? status_label(before) : before ? before : "（无）", clip);
		jx_buf_adds(out, " → ", NULL);
		clipped(out, status ? status_label(after) : after ? after : "（无）", clip);
	}
}

void jx_history_describe(struct jx_buf *out, const char *action, const char *detail, const char *sep, size_t clip)
{
	json_t *d = json_loads(detail ? detail : "{}", 0, NULL), *changes, *c, *grade;
	const char *reason;
	size_t i;

	if (!json_is_object(d)) {
		json_decref(d);
		return;
	}
	changes = json_object_get(d, "changes");
	reason = json_string_value(json_object_get(d, "reason"));
	grade = json_object_get(d, "grade");
	if (strcmp(action, "create") == 0) {
		jx_buf_addf(out, NULL, "%lld 条指标，年度资金总额 %s 万元",
			    (long long)json_integer_value(json_object_get(d, "indicators")),
			    json_string_value(json_object_get(d, "total")) ? json_string_value(json_object_get(d, "total")) : "");
	} else if (json_is_array(changes)) {
		json_array_foreach(changes, i, c) {
			if (i)
				jx_buf_adds(out, sep, NULL);
			describe_change(out, c, clip);
		}
	} else {
		jx_buf_addf(out, NULL, "%s → %s", status_label(json_string_value(json_object_get(d, "from"))),
			    status_label(json_string_value(json_object_get(d, "to"))));
		if (reason) {
			jx_buf_adds(out, "。理由：", NULL);
			jx_buf_adds(out, reason, NULL);
		}
		if (json_string_value(json_object_get(grade, "grade")))
			jx_buf_addf(out, NULL, "。审核评级：%s（%lld 分）", json_string_value(json_object_get(grade, "grade")),
				    (long long)json_integer_value(json_object_get(grade, "points")));
	}
	json_decref(d);
}

const char *jx_history_event_label(const char *action, const char *detail)
{
	json_t *d, *changes;
	const char *field, *after, *label = jx_history_action_label(action);

	if (strcmp(action, "return") == 0 && detail) { /* the 主管部门's, at its level (workflow.h) */
		d = json_loads(detail, 0, NULL);
		after = json_string_value(json_object_get(d, "level"));
		if (after && strcmp(after, "department") == 0)
			label = "主管部门退回";
		json_decref(d);
		return label;
	}
	if (strcmp(action, "change") != 0 || !detail)
		return label;
	d = json_loads(detail, 0, NULL);
	changes = json_object_get(d, "changes");
	if (json_array_size(changes) == 1) {
		field = json_string_value(json_object_get(json_array_get(changes, 0), "field"));
		after = json_string_value(json_object_get(json_array_get(changes, 0), "after"));
		if (field && after && strcmp(field, "key") == 0)
			label = strcmp(after, "是") == 0 ? "标记重点" : "取消重点";
		else if (field && after && strcmp(field, "classified") == 0)
			label = strcmp(after, "是") == 0 ? "标记涉密" : "取消涉密";
	}
	json_decref(d);
	return label;
}
