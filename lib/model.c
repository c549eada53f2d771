/*
 * model.c — building and checking target tables. See model.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"
#include "jixiao/text.h"

static const struct jx_field_def project_fields[JX_PF_COUNT] = {
	[JX_PF_TITLE] = { "title", "表名", false },
	[JX_PF_DEPARTMENT] = { "department", "主管部门", false },
	[JX_PF_IMPLEMENTER] = { "implementer", "实施单位", false },
	[JX_PF_CATEGORY] = { "category", "项目类别", false },
	[JX_PF_ATTRIBUTE] = { "attribute", "项目属性", false },
	[JX_PF_OFFICE] = { "office", "归口科室", false },
	[JX_PF_PERIOD] = { "period", "实施期", false },
	[JX_PF_MANAGER] = { "manager", "项目负责人", false },
	[JX_PF_PHONE] = { "phone", "联系电话", false },
	[JX_PF_LONG_GOAL] = { "long_goal", "实施期目标", true },
	[JX_PF_FUNDS_NOTE] = { "funds_note", "资金说明", false },
};

static const struct jx_field_def indicator_fields[JX_IF_COUNT] = {
	[JX_IF_DIRECTION] = { "direction", "指标方向", false },
	[JX_IF_WEIGHT] = { "weight", "分值", false },
	[JX_IF_EXPLANATION] = { "explanation", "指标解释", false },
	[JX_IF_SCORING] = { "scoring", "评分标准", false },
	[JX_IF_BASIS] = { "basis", "取值依据", false },
	[JX_IF_VALUE_TYPE] = { "value_type", "指标值类型", false },
	[JX_IF_NOTE] = { "note", "备注", false },
	[JX_IF_LONG_TARGET] = { "long_target", "实施期指标值", false },
	[JX_IF_PREVIOUS] = { "previous", "上年实际值", false },
};

const struct jx_field_def *jx_project_field(enum jx_pfield f)
{
	return &project_fields[f];
}

const struct jx_field_def *jx_indicator_field(enum jx_ifield f)
{
	return &indicator_fields[f];
}

size_t jx_project_columns(const struct jx_project *p, enum jx_ifield cols[JX_IF_COUNT])
{
	size_t i, n = 0;
	int f;

	for (f = 0; f < JX_IF_COUNT; f++) {
		for (i = 0; i < p->n_ind && !p->ind[i].f[f]; i++)
			;
		if (i < p->n_ind)
			cols[n++] = (enum jx_ifield)f;
	}
	return n;
}

struct jx_project *jx_project_new(void)
{
	struct jx_project *p = jx_calloc(1, sizeof(*p));

	p->name = jx_strdup("");
	p->unit = jx_strdup("");
	p->goal = jx_strdup("");
	p->fiscal = p->other = p->carryover = p->period_total = JX_MONEY_NONE;
	return p;
}

static void free_fields(char **f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(f[i]);
}

void jx_indicator_clear(struct jx_indicator *ind)
{
	free(ind->level1);
	free(ind->level2);
	free(ind->name);
	free(ind->unit);
	free(ind->target);
	free_fields(ind->f, JX_IF_COUNT);
	memset(ind, 0, sizeof(*ind));
}

void jx_project_free(struct jx_project *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n_ind; i++)
		jx_indicator_clear(&p->ind[i]);
	for (i = 0; i < p->n_tasks; i++)
		free(p->tasks[i].name);
	free(p->tasks);
	free(p->ind);
	free(p->name);
	free(p->unit);
	free(p->goal);
	free_fields(p->f, JX_PF_COUNT);
	free(p);
}

static char *dup_or_null(const char *s)
{
	return s ? jx_strdup(s) : NULL;
}

static void copy_fields(char **dst, char *const *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = dup_or_null(src[i]);
}

struct jx_project *jx_project_copy(const struct jx_project *p)
{
	struct jx_project *c = jx_malloc(sizeof(*c));
	size_t i;

	*c = *p;
	c->name = jx_strdup(p->name);
	c->unit = jx_strdup(p->unit);
	c->goal = jx_strdup(p->goal);
	copy_fields(c->f, p->f, JX_PF_COUNT);
	c->tasks = jx_calloc(p->n_tasks + 1, sizeof(*c->tasks));
	for (i = 0; i < p->n_tasks; i++) {
		c->tasks[i] = p->tasks[i];
		c->tasks[i].name = jx_strdup(p->tasks[i].name);
	}
	c->ind = jx_calloc(p->n_ind + 1, sizeof(*c->ind));
	c->cap_ind = p->n_ind + 1;
	for (i = 0; i < p->n_ind; i++) {
		c->ind[i] = p->ind[i];
		c->ind[i].level1 = jx_strdup(p->ind[i].level1);
		c->ind[i].level2 = jx_strdup(p->ind[i].level2);
		c->ind[i].name = jx_strdup(p->ind[i].name);
		c->ind[i].unit = dup_or_null(p->ind[i].unit);
		c->ind[i].target = dup_or_null(p->ind[i].target);
		copy_fields(c->ind[i].f, p->ind[i].f, JX_IF_COUNT);
	}
	return c;
}

struct jx_project *jx_project_take(struct jx_project *p)
{
	struct jx_project *c = jx_malloc(sizeof(*c)), *empty = jx_project_new();

	*c = *p;
	*p = *empty;
	free(empty);
	return c;
}

struct jx_task *jx_project_add_task(struct jx_project *p, struct jx_err *err)
{
	struct jx_task *t;

	if (p->n_tasks >= JX_MAX_TASKS) {
		jx_err_set(err, JX_ETOOBIG, "一张表的年度主要任务超过 %d 项", JX_MAX_TASKS);
		return NULL;
	}
	p->tasks = jx_realloc(p->tasks, (p->n_tasks + 1) * sizeof(*p->tasks));
	t = &p->tasks[p->n_tasks++];
	t->name = NULL;
	t->total = t->fiscal = t->other = JX_MONEY_NONE;
	return t;
}

struct jx_indicator *jx_project_add(struct jx_project *p, struct jx_err *err)
{
	struct jx_indicator *ind;

	if (p->n_ind >= JX_MAX_INDICATORS) {
		jx_err_set(err, JX_ETOOBIG, "一张表的指标超过 %d 条", JX_MAX_INDICATORS);
		return NULL;
	}
	jx_grow(&p->ind, sizeof(*p->ind), p->n_ind + 1, &p->cap_ind);
	ind = &p->ind[p->n_ind++];
	memset(ind, 0, sizeof(*ind));
	return ind;
}

static bool is_open_paren(const char *s, size_t n, size_t *len)
{
	if (n >= 1 && s[0] == '(')
		return *len = 1, true;
	if (n >= 3 && memcmp(s, "（", 3) == 0)
		return *len = 3, true;
	return false;
}

int jx_name_split_unit(const char *name, size_t *len, struct jx_buf *unit)
{
	size_t n = *len, close, i, open_len = 0, before;
	struct jx_buf key = JX_BUF_INIT;
	const char *inner, *head = name;
	int ok;

	if (n >= 1 && name[n - 1] == ')')
		close = 1;
	else if (n >= 3 && memcmp(name + n - 3, "）", 3) == 0)
		close = 3;
	else
		return 0;
	for (i = n - close; i-- > 0;)
		if (is_open_paren(name + i, n - i, &open_len))
			break;
	if (i == (size_t)-1)
		return 0;
	inner = name + i + open_len;
	jx_text_key(&key, inner, n - close - i - open_len);
	before = i;
	jx_text_trim(&head, &before); /* head may move past leading space: the name ends at head + before */
	ok = before > 0 && jx_unit_plausible(key.ptr, key.len);
	if (ok) {
		jx_buf_add(unit, key.ptr, key.len, NULL);
		*len = (size_t)(head - name) + before;
	}
	jx_buf_release(&key);
	return ok;
}

/* A unit written after a target's number fits the indicator's unit if they are the same, or one is
 * the other per something (万元 and 万元/年). Otherwise the number belongs to text such as
 * "12月底前完成" (unit 月): the target is qualitative. */
static bool units_fit(const char *unit, const char *written)
{
	size_t a = strlen(unit), b = strlen(written);
	const char *longer = a > b ? unit : written;
	size_t shorter = a < b ? a : b;

	return strncmp(unit, written, shorter) == 0 && (a == b || longer[shorter] == '/');
}

int jx_indicator_fill(struct jx_indicator *ind, const char *level1, const char *level2, const char *rawname,
		      size_t namelen, const char *unit, const char *target, size_t targetlen, struct jx_err *err)
{
	struct jx_buf u = JX_BUF_INIT;
	struct jx_target t = { 0 };
	const char *name = rawname;
	int rc = 0;

	jx_text_trim(&name, &namelen);
	if (unit)
		jx_text_key(&u, unit, strlen(unit));
	else
		jx_name_split_unit(name, &namelen, &u);
	if (target)
		jx_text_trim(&target, &targetlen);
	if (target && targetlen) {
		rc = jx_target_parse(target, targetlen, &t);
		if (rc < 0) {
			jx_err_set(err, JX_EINPUT, "指标“%.*s”的指标值“%.*s”数字太长或小数位太多，无法精确保存（最多 %d 位有效数字）",
				   (int)namelen, name, (int)targetlen, target, JX_TARGET_MAXDIGITS);
			jx_buf_release(&u);
			return -1;
		}
		if (rc == 1 && t.unit[0] && u.len && !units_fit(u.ptr, t.unit))
			t.op = JX_OP_NONE;
		else if (rc == 1 && t.unit[0] && !u.len)
			jx_buf_adds(&u, t.unit, NULL);
	}
	ind->level1 = jx_strdup(level1);
	ind->level2 = jx_strdup(level2);
	ind->name = jx_strndup(name, namelen);
	ind->unit = u.len ? jx_buf_detach(&u, NULL) : NULL;
	ind->target = target && targetlen ? jx_strndup(target, targetlen) : NULL;
	ind->op = t.op;
	ind->value = t.op != JX_OP_NONE ? t.value : (struct jx_dec){ 0, 0 };
	jx_buf_release(&u);
	return 0;
}

/* How many bytes of s a message shows: about 20 characters, cut where a character ends. */
static int shown(const char *s)
{
	bool invalid;
	size_t n = strlen(s);

	return (int)jx_utf8_prefix(s, n < 60 ? n : 60, &invalid);
}

int jx_year_parse(const char *s, const char *what, int *year, struct jx_err *err)
{
	size_t n = s ? strspn(s, "0123456789") : 0;
	int y = n && n <= 4 && !s[n] ? atoi(s) : 0;

	if (y < JX_YEAR_MIN || y > JX_YEAR_MAX)
		return jx_err_set(err, JX_EINPUT, "%s应为 %d–%d 之间的年份，如 2021", what, JX_YEAR_MIN, JX_YEAR_MAX);
	*year = y;
	return 0;
}

static int check_text(const char *what, const char *s, bool multiline, struct jx_err *err)
{
	if (!jx_utf8_valid(s, strlen(s)))
		return jx_err_set(err, JX_EINPUT, "%s不是有效的 UTF-8 文本", what);
	if (jx_text_has_control(s, multiline))
		return jx_err_set(err, JX_EINPUT, "%s含有控制字符（如制表符或换行）或非字符（如 U+FFFE）", what);
	return 0;
}

static int check_label(const char *key, enum jx_label want, const char *what, struct jx_err *err)
{
	const char *label = jx_framework_canonical(key, want);

	if (!label || strcmp(label, key) != 0)
		return jx_err_set(err, JX_EINPUT, "未知的%s“%s”", what, key);
	return 0;
}

int jx_project_check_levels(const struct jx_project *p, const struct jx_framework *fw, struct jx_err *err)
{
	const char *label;
	size_t i;

	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];

		if (jx_framework_label(fw, ind->level1, &label) != JX_LABEL_L1)
			return jx_err_set(err, JX_EINPUT, "指标“%s”的一级指标“%s”在指标体系 %s 中是二级指标", ind->name,
					  ind->level1, jx_framework_id(fw));
		if (jx_framework_label(fw, ind->level2, &label) != JX_LABEL_L2)
			return jx_err_set(err, JX_EINPUT, "指标“%s”的二级指标“%s”在指标体系 %s 中是一级指标", ind->name,
					  ind->level2, jx_framework_id(fw));
	}
	return 0;
}

/* Words of the table form itself, which the document form could not carry as a name or a target:
 * level labels, the indicator header and 绩效指标. */
static bool reserved(const char *text)
{
	static const char *const words[] = { "绩效指标", "一级指标", "二级指标", "三级指标", "指标值" };
	struct jx_buf key = JX_BUF_INIT;
	bool found;
	size_t i;

	if (!strstr(text, "指")) /* every reserved word has it, and NFKC makes it from nothing else */
		return false;
	jx_text_key(&key, text, strlen(text));
	found = jx_framework_is_label(key.ptr);
	for (i = 0; i < sizeof(words) / sizeof(words[0]) && !found; i++)
		found = strcmp(key.ptr, words[i]) == 0;
	jx_buf_release(&key);
	return found;
}

/* Checks the optional text fields f[0..n) that defs describe: no control characters (line breaks only
 * where a field may span lines), not longer than JX_FIELD_MAX (a multi-line one: JX_GOAL_MAX). */
static int check_fields(char *const *f, const struct jx_field_def *defs, size_t n, struct jx_err *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!f[i])
			continue;
		if (strlen(f[i]) > (defs[i].multiline ? JX_GOAL_MAX : JX_FIELD_MAX))
			return jx_err_set(err, JX_EINPUT, "%s过长（最多 %d 字节）", defs[i].label,
					  defs[i].multiline ? JX_GOAL_MAX : JX_FIELD_MAX);
		if (check_text(defs[i].label, f[i], defs[i].multiline, err))
			return -1;
	}
	return 0;
}

/* A weight (分值, 权重) is an exact decimal; kept in its canonical form ("10", "2.5"). */
static int check_weight(struct jx_indicator *ind, struct jx_err *err)
{
	struct jx_buf k = JX_BUF_INIT;
	struct jx_dec d;
	char s[JX_DEC_STRMAX];
	int rc = 0;

	if (!ind->f[JX_IF_WEIGHT])
		return 0;
	jx_text_key(&k, ind->f[JX_IF_WEIGHT], strlen(ind->f[JX_IF_WEIGHT]));
	if (k.len && k.ptr[k.len - 1] == '%')
		k.ptr[--k.len] = '\0';
	if (jx_dec_parse(k.ptr, k.len, &d) || d.coef < 0)
		rc = jx_err_set(err, JX_EINPUT, "指标“%s”的分值“%s”应为不为负的数", ind->name, ind->f[JX_IF_WEIGHT]);
	else {
		free(ind->f[JX_IF_WEIGHT]);
		ind->f[JX_IF_WEIGHT] = jx_strdup(jx_dec_format(d, s));
	}
	jx_buf_release(&k);
	return rc;
}

static int check_indicator(struct jx_indicator *ind, struct jx_err *err)
{
	if (check_label(ind->level1, JX_LABEL_L1, "一级指标", err) ||
	    check_label(ind->level2, JX_LABEL_L2, "二级指标", err))
		return -1;
	if (!ind->name[0])
		return jx_err_set(err, JX_EINPUT, "指标名称为空");
	if (strlen(ind->name) > JX_TITLE_MAX)
		return jx_err_set(err, JX_EINPUT, "指标名称过长（最多 %d 字节，约 %d 个汉字）", JX_TITLE_MAX, JX_TITLE_MAX / 3);
	if (ind->target && strlen(ind->target) > JX_FIELD_MAX)
		return jx_err_set(err, JX_EINPUT, "指标“%.*s”的指标值过长（最多 %d 字节）", shown(ind->name), ind->name,
				  JX_FIELD_MAX);
	if (check_text("指标名称", ind->name, false, err) ||
	    (ind->unit && !jx_unit_plausible(ind->unit, strlen(ind->unit)) &&
	     jx_err_set(err, JX_EINPUT, "计量单位“%s”不像计量单位（应为 1–10 个字，不含数字和标点）", ind->unit)) ||
	    (ind->target && check_text("指标值", ind->target, false, err)))
		return -1;
	if (reserved(ind->name))
		return jx_err_set(err, JX_EINPUT, "指标名称“%s”是绩效目标表的表头用语，不能用作指标名称", ind->name);
	if (ind->target && reserved(ind->target))
		return jx_err_set(err, JX_EINPUT, "指标“%s”的指标值“%s”是绩效目标表的表头用语", ind->name, ind->target);
	if (jx_target_stated(ind->name, strlen(ind->name)))
		return jx_err_set(err, JX_EINPUT, "指标名称“%s”像一个指标值（以比较符开头），是否放错了格？", ind->name);
	return check_fields(ind->f, indicator_fields, JX_IF_COUNT, err) || check_weight(ind, err);
}

/* Funds given are not negative; the total is given. */
static int check_funds(const struct jx_project *p, struct jx_err *err)
{
	const jx_money m[] = { p->fiscal, p->other, p->carryover, p->period_total };
	size_t i;

	if (p->total == JX_MONEY_NONE)
		return jx_err_set(err, JX_EINPUT, "项目“%s”缺少年度资金总额", p->name);
	if (p->total < 0)
		return jx_err_set(err, JX_EINPUT, "项目“%s”的资金不能为负数", p->name);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (m[i] != JX_MONEY_NONE && m[i] < 0)
			return jx_err_set(err, JX_EINPUT, "项目“%s”的资金不能为负数", p->name);
	for (i = 0; i < p->n_tasks; i++)
		if ((p->tasks[i].name && strlen(p->tasks[i].name) > JX_FIELD_MAX &&
		     jx_err_set(err, JX_EINPUT, "过长（最多 %d 字节）", JX_FIELD_MAX)) ||
		    !p->tasks[i].name || !p->tasks[i].name[0] || check_text("年度主要任务", p->tasks[i].name, true, err) ||
		    (p->tasks[i].total != JX_MONEY_NONE && p->tasks[i].total < 0))
			return jx_err_prefix(err, "项目“%s”第 %zu 项年度主要任务", p->name, i + 1);
	return 0;
}

size_t jx_project_fit(const struct jx_project *p, const struct jx_framework *fw)
{
	size_t k, fit = 0;

	for (k = 0; k < p->n_ind; k++)
		fit += jx_framework_pair(fw, p->ind[k].level1, p->ind[k].level2);
	return fit;
}

static void choose_framework(struct jx_project *p)
{
	size_t n = jx_framework_count(), i, *score = jx_calloc(n, sizeof(*score));

	for (i = 0; i < n; i++)
		score[i] = jx_project_fit(p, jx_framework_at(i));
	i = jx_framework_choose(score, p->year);
	snprintf(p->framework, sizeof(p->framework), "%s", jx_framework_id(jx_framework_at(i)));
	free(score);
}

int jx_project_finish(struct jx_project *p, struct jx_err *err)
{
	size_t i;

	if (!p->name[0])
		return jx_err_set(err, JX_EINPUT, "缺少项目名称");
	/* the name first: the other messages show it */
	if (check_text("项目名称", p->name, false, err) || check_text("预算单位", p->unit, false, err))
		return -1;
	if (strlen(p->name) > JX_TITLE_MAX || strlen(p->unit) > JX_TITLE_MAX)
		return jx_err_set(err, JX_EINPUT, "%s过长（最多 %d 字节，约 %d 个汉字）：“%.*s…”",
				  strlen(p->name) > JX_TITLE_MAX ? "项目名称" : "预算单位", JX_TITLE_MAX, JX_TITLE_MAX / 3,
				  shown(strlen(p->name) > JX_TITLE_MAX ? p->name : p->unit),
				  strlen(p->name) > JX_TITLE_MAX ? p->name : p->unit);
	if (p->year < JX_YEAR_MIN || p->year > JX_YEAR_MAX)
		return jx_err_set(err, JX_EINPUT, "项目“%s”的年度不是 %d–%d 之间的年份", p->name, JX_YEAR_MIN, JX_YEAR_MAX);
	if (check_funds(p, err))
		return -1;
	if (p->kind == JX_KIND_DEPARTMENT && !p->unit[0]) {
		free(p->unit);
		p->unit = jx_strdup(p->name);
	}
	if (p->kind == JX_KIND_DEPARTMENT && strcmp(p->unit, p->name) != 0)
		return jx_err_set(err, JX_EINPUT, "部门整体支出绩效目标“%s”以部门命名：预算单位应与部门名称相同，而不是“%s”",
				  p->name, p->unit);
	if (check_text("年度目标", p->goal, true, err) || check_fields(p->f, project_fields, JX_PF_COUNT, err))
		return jx_err_prefix(err, "项目“%s”", p->name);
	if (strlen(p->goal) > JX_GOAL_MAX)
		return jx_err_set(err, JX_EINPUT, "项目“%s”的年度目标过长（最多 %d 字节）", p->name, JX_GOAL_MAX);
	/* every form writes the note after the total's amount: a number there would run into it */
	if (p->f[JX_PF_FUNDS_NOTE]) {
		struct jx_buf k = JX_BUF_INIT;
		bool number;

		jx_text_key(&k, p->f[JX_PF_FUNDS_NOTE], strlen(p->f[JX_PF_FUNDS_NOTE]));
		number = (k.ptr[0] >= '0' && k.ptr[0] <= '9') || k.ptr[0] == '.';
		jx_buf_release(&k);
		if (number)
			return jx_err_set(err, JX_EINPUT,
					  "项目“%s”的资金说明“%s”以数字开头：写在金额后会与金额连成一个数（说明请写在括号里）",
					  p->name, p->f[JX_PF_FUNDS_NOTE]);
	}
	for (i = 0; i < p->n_ind; i++)
		if (check_indicator(&p->ind[i], err))
			return jx_err_prefix(err, "项目“%s”第 %zu 条指标", p->name, i + 1);
	if (!p->framework[0])
		choose_framework(p);
	else if (!jx_framework_get(p->framework))
		return jx_err_set(err, JX_EINPUT, "项目“%s”: 未知的指标体系“%s”", p->name, p->framework);
	if (jx_project_check_levels(p, jx_framework_get(p->framework), err))
		return jx_err_prefix(err, "项目“%s”", p->name);
	return 0;
}

int jx_project_group_start(const struct jx_project *p, size_t i)
{
	if (i == 0 || strcmp(p->ind[i - 1].level1, p->ind[i].level1) != 0)
		return 1;
	return strcmp(p->ind[i - 1].level2, p->ind[i].level2) != 0 ? 2 : 0;
}

size_t jx_project_group_span(const struct jx_project *p, size_t i, int level)
{
	size_t k = i + 1;

	while (k < p->n_ind && strcmp(p->ind[k].level1, p->ind[i].level1) == 0 &&
	       (level == 1 || strcmp(p->ind[k].level2, p->ind[i].level2) == 0))
		k++;
	return k - i;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_fields(char *const *a, char *const *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!same_str(a[i], b[i]))
			return false;
	return true;
}

static bool same_tasks(const struct jx_project *a, const struct jx_project *b)
{
	size_t i;

	if (a->n_tasks != b->n_tasks)
		return false;
	for (i = 0; i < a->n_tasks; i++)
		if (!same_str(a->tasks[i].name, b->tasks[i].name) || a->tasks[i].total != b->tasks[i].total ||
		    a->tasks[i].fiscal != b->tasks[i].fiscal || a->tasks[i].other != b->tasks[i].other)
			return false;
	return true;
}

bool jx_project_same_table(const struct jx_project *a, const struct jx_project *b)
{
	size_t i;

	if (a->year != b->year || a->kind != b->kind || !same_str(a->name, b->name) ||
	    !same_str(a->unit, b->unit) || !same_str(a->goal, b->goal) || a->total != b->total ||
	    a->fiscal != b->fiscal || a->other != b->other || a->carryover != b->carryover ||
	    a->period_total != b->period_total || a->n_ind != b->n_ind || !same_fields(a->f, b->f, JX_PF_COUNT) ||
	    !same_tasks(a, b))
		return false;
	for (i = 0; i < a->n_ind; i++) {
		const struct jx_indicator *x = &a->ind[i], *y = &b->ind[i];

		if (!same_str(x->level1, y->level1) || !same_str(x->level2, y->level2) ||
		    !same_str(x->name, y->name) || !same_str(x->unit, y->unit) || !same_str(x->target, y->target) ||
		    !same_fields(x->f, y->f, JX_IF_COUNT))
			return false;
	}
	return true;
}

static const char *const status_names[JX_STATUS_COUNT] = { "draft", "submitted", "approved", "returned", "dept_approved" };
static const char *const status_labels[JX_STATUS_COUNT] = { "草稿", "已提交", "已批准", "已退回", "主管部门已审核" };
static const char *const kind_names[] = { "project", "department" };

const char *jx_status_name(enum jx_status s)
{
	return status_names[s];
}

const char *jx_status_label(enum jx_status s)
{
	return status_labels[s];
}

static int index_of(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int jx_status_from_name(const char *s, enum jx_status *out)
{
	int i = index_of(status_names, JX_STATUS_COUNT, s);

	if (i < 0)
		return -1;
	*out = (enum jx_status)i;
	return 0;
}

uint64_t jx_project_key_hash(int year, enum jx_kind kind, const char *unit, const char *name)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a, 64 bits */
	const unsigned char *s;

	h = (h ^ (uint64_t)year) * 1099511628211ull;
	h = (h ^ (uint64_t)kind) * 1099511628211ull;
	for (s = (const unsigned char *)name; *s; s++)
		h = (h ^ *s) * 1099511628211ull;
	h = (h ^ 0xffu) * 1099511628211ull; /* between name and unit: no byte of UTF-8 text */
	for (s = (const unsigned char *)unit; *s; s++)
		h = (h ^ *s) * 1099511628211ull;
	return h ? h : 1;
}

const char *jx_kind_name(enum jx_kind k)
{
	return kind_names[k];
}

int jx_kind_from_name(const char *s, enum jx_kind *out)
{
	int i = index_of(kind_names, 2, s);

	if (i < 0)
		return -1;
	*out = (enum jx_kind)i;
	return 0;
}
