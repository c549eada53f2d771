/*
 * table_ind.c — the indicator rows of a table (see table_impl.h).
 *
 * The header row names the columns: 一级指标 and 二级指标 (the levels), then the indicator's own
 * (三级指标, 指标值, and whichever of 指标性质, 计量单位, 分值, 指标方向, 指标解释, 评分标准, 取值依据,
 * 指标值类型, 备注, the 实施期's target the table has); a second header row under 指标值 may split it
 * into last year's value and this year's target. Without a header row the columns are 三级指标 and
 * 指标值.
 *
 * In each row the cells are, in order: at most one level-1 label, at most one level-2 label, then the
 * indicator's own cells (in a grid, the year's level-2 label may follow in the header's 二级指标
 * column, after a 实施期 group's: 二级指标(长期) | 三级指标(长期) | 指标值(长期) | 二级指标(年度) | …). A label-like cell out of that order is text (an indicator may well be called
 * 服务对象满意度). The labels set the context carried down the rows; a level-1 label printed in the
 * middle of its merged block repeats the level-1 label in force and keeps the level-2 one; a level-1
 * label written again as the level-2 one (满意度指标 | 满意度指标) is its only level-2 label.
 *
 * The indicator's cells go to the columns: by where they stand when the reader's columns are the
 * table's; else by their order when there are as many as columns; else the first is the name and the
 * rest go in order to the first column each fits (an operator to 指标性质, a number to 分值, a word of
 * 取值依据 to that column …; 指标值 and free text take anything, the previous year's value and the
 * 实施期's target only when the row has a cell for every column). A row whose cells cannot be placed
 * so, or whose short row leaves a 评分标准-like text as the name or the target, is refused. A target
 * split over 指标性质 | 指标值 | 计量单位 is read as one ("≥95%").
 *
 * The rows are buffered and resolved once per framework, because one label means different things in
 * different frameworks: 成本指标 is a level-2 label under 产出指标 in the 2015 framework and a level-1
 * label in the 2021 one. The year's own framework is tried first and kept if every indicator fits it;
 * otherwise the framework the table fits best wins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"
#include "jixiao/table.h"
#include "jixiao/text.h"
#include "jixiao/value.h"
#include "jixiao/vocab.h"
#include "table_impl.h"

#define fail jx_table_fail
#define raw(t, c) jx_table_raw(t, c)
#define key(t, c) jx_table_key(t, c)

#define MAX_ROWS (2 * JX_MAX_INDICATORS) /* indicator rows buffered for one table */

/* ---- the header row ---- */

/* The column word the cell is (JX_VC_*), or -1; *long_group as jx_table_column_key() says. */
static int column_of(const struct jx_tables *t, const struct cell *c, bool *long_group)
{
	(void)t;
	*long_group = c->long_group;
	return c->column;
}

/* What a column of the 实施期's group beside the year's is kept as: its target as the 实施期 target;
 * its levels and names, the year's own again, not at all (-1). */
static int long_role(int role)
{
	return role == JX_VC_TARGET ? JX_VC_FIELD + JX_IF_LONG_TARGET : -1;
}

bool jx_table_header_row(struct jx_tables *t)
{
	int seen[JX_VC_FIELD] = { 0 }, role;
	bool lg;
	size_t i;

	for (i = 0; i < t->n_lc; i++)
		if ((role = column_of(t, &t->lc[i], &lg)) >= 0 && role < JX_VC_FIELD)
			seen[role] = 1;
	if (seen[JX_VC_LEVEL1] + seen[JX_VC_LEVEL2] + seen[JX_VC_NAME] < 2 && !(seen[JX_VC_NAME] && seen[JX_VC_TARGET]))
		return false;
	if (t->n_cols)
		return true; /* a repeated header row (a page break) */
	for (i = 0; i < t->n_lc && t->n_cols < MAX_COLUMNS; i++) {
		role = column_of(t, &t->lc[i], &lg);
		if (lg)
			role = long_role(role);
		if (role >= 0 && role != JX_VC_GROUP)
			t->cols[t->n_cols++] = (struct column){ role, t->lc[i].col };
	}
	if (!seen[JX_VC_TARGET] && !seen[JX_VC_OP] && t->n_cols < MAX_COLUMNS) /* a header that leaves out 指标值 */
		t->cols[t->n_cols++] = (struct column){ JX_VC_TARGET, t->lc[t->n_lc - 1].col + 1 };
	return true;
}

/* A second header row under 指标值: "2021年实际实现值 | 预期2022年实现值". Splits the target column. */
static bool sub_header(struct jx_tables *t)
{
	size_t i, at;

	for (at = 0; at < t->n_cols && t->cols[at].role != JX_VC_TARGET; at++)
		;
	if (at == t->n_cols || t->n_lc != 2 || t->n_cols + 1 > MAX_COLUMNS)
		return false;
	for (i = 0; i < 2; i++)
		if (!strstr(key(t, &t->lc[i]), "值") || !(strstr(key(t, &t->lc[i]), "实际") || strstr(key(t, &t->lc[i]), "预期")))
			return false;
	memmove(&t->cols[at + 1], &t->cols[at], (t->n_cols - at) * sizeof(t->cols[0]));
	t->n_cols++;
	for (i = 0; i < 2; i++)
		t->cols[at + i] = (struct column){ strstr(key(t, &t->lc[i]), "实际") ? JX_VC_FIELD + JX_IF_PREVIOUS
										  : JX_VC_TARGET,
						   t->lc[i].col };
	return true;
}

bool jx_table_indicator_row(const struct jx_tables *t)
{
	size_t i;
	int level;

	for (i = 0; i < t->n_lc; i++) {
		struct jx_vword w = jx_table_word(t, &t->lc[i], &level);

		if (level || (w.kind == JX_V_COLUMN && w.role == JX_VC_GROUP))
			return true;
	}
	return false;
}

int jx_table_buffer_row(struct jx_tables *t, struct jx_err *err)
{
	struct row *r;
	bool had_cols = t->n_cols > 0;

	t->content = true;
	if (jx_table_header_row(t))
		return 0;
	if (had_cols && t->n_rows == 0 && sub_header(t))
		return 0;
	if (t->n_rows >= MAX_ROWS)
		return fail(t, 0, err, "一张表的指标行超过 %d 行", MAX_ROWS);
	jx_grow(&t->rows, sizeof(*t->rows), t->n_rows + 1, &t->cap_rows);
	jx_grow(&t->cells, sizeof(*t->cells), t->n_cells + t->n_lc, &t->cap_cells);
	r = &t->rows[t->n_rows++];
	r->line = t->line;
	r->first = t->n_cells;
	r->n = t->n_lc;
	memcpy(t->cells + t->n_cells, t->lc, t->n_lc * sizeof(*t->lc));
	t->n_cells += t->n_lc;
	return 0;
}

/* ---- placing a row's cells in the columns ---- */

/* The indicator's own columns: the header's, but the level ones; 三级指标 | 指标值 without a header. */
static size_t own_columns(const struct jx_tables *t, struct column *out)
{
	size_t i, n = 0;

	for (i = 0; i < t->n_cols; i++)
		if (t->cols[i].role != JX_VC_LEVEL1 && t->cols[i].role != JX_VC_LEVEL2)
			out[n++] = t->cols[i];
	if (n == 0) {
		out[n++] = (struct column){ JX_VC_NAME, 0 };
		out[n++] = (struct column){ JX_VC_TARGET, 0 };
	}
	return n;
}

static bool is_op(const char *k)
{
	static const char *const ops[] = { "≥", "≤", "=", ">", "<", ">=", "<=", "≧", "≦", "大于等于", "小于等于", "等于",
					   "大于", "小于", "不低于", "不高于", "不少于", "不超过", "不大于", "不小于" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(k, ops[i]) == 0)
			return true;
	return false;
}

static bool is_number(const char *k)
{
	struct jx_dec d;
	char digits[64];
	size_t n = jx_number_scan(k, strlen(k), digits, sizeof(digits));

	return n && n == strlen(k) && jx_dec_parse(digits, strlen(digits), &d) == 0;
}

/* Whether a cell fits a column by what it holds. */
static bool fits(const struct jx_tables *t, const struct cell *c, int role, bool full)
{
	const char *k = key(t, c);

	switch (role) {
	case JX_VC_OP:
		return is_op(k);
	case JX_VC_UNIT:
		return *k && jx_unit_plausible(k, strlen(k)) && !is_op(k);
	case JX_VC_FIELD + JX_IF_WEIGHT:
		return is_number(k);
	case JX_VC_FIELD + JX_IF_DIRECTION:
	case JX_VC_FIELD + JX_IF_BASIS:
	case JX_VC_FIELD + JX_IF_VALUE_TYPE:
		return jx_vocab_value((enum jx_vcolumn)role, k);
	case JX_VC_FIELD + JX_IF_PREVIOUS:
	case JX_VC_FIELD + JX_IF_LONG_TARGET:
		return full;
	default:
		return true;
	}
}

/* Text like a 评(扣)分标准: "未达指标值酌情扣分". */
static bool scoring_like(const char *k)
{
	return strstr(k, "扣分") || strstr(k, "得分") || strstr(k, "酌情") || strstr(k, "不得分");
}

/* Places text cells tc[0..m) in the columns: place[j] is the cell of column j, or NULL. */
static int place(struct jx_tables *t, const struct cell *const *tc, size_t m, const struct column *cols, size_t c,
		 const struct cell **place, struct jx_err *err)
{
	size_t i, j = 0;
	bool scoring = false;

	for (i = 0; i < c; i++) {
		place[i] = NULL;
		scoring |= cols[i].role == JX_VC_FIELD + JX_IF_SCORING;
	}
	if (m > c)
		return fail(t, tc[c]->col, err, "一行应只有%s，多出“%s”", c == 2 ? "指标名称和指标值" : "表头所列的各栏",
			    raw(t, tc[c]));
	if (m == c) {
		for (i = 0; i < m; i++)
			place[i] = tc[i];
		return 0;
	}
	for (i = 0; i < m; i++) {
		while (j < c && !(i == 0 ? cols[j].role == JX_VC_NAME : fits(t, tc[i], cols[j].role, false)))
			j++;
		if (j == c)
			return fail(t, tc[i]->col, err, "无法确定“%s”属于表头的哪一栏", raw(t, tc[i]));
		place[j++] = tc[i];
	}
	for (i = 0; scoring && i < c; i++)
		if (place[i] && (cols[i].role == JX_VC_NAME || cols[i].role == JX_VC_TARGET) && scoring_like(key(t, place[i])))
			return fail(t, place[i]->col, err, "“%s”像评(扣)分标准，而此行缺少指标名称或指标值：无法确定各格属于哪一栏",
				    raw(t, place[i]));
	return 0;
}

/* Places the cells by where they stand, for readers whose columns are the table's: each in the last
 * column that starts at or before it. Falls back to place() when a cell stands left of them all. */
static int place_grid(struct jx_tables *t, const struct cell *const *tc, size_t m, const struct column *cols,
		      size_t c, const struct cell **placed, struct jx_err *err)
{
	size_t i, j;

	for (j = 0; j < c; j++)
		placed[j] = NULL;
	for (i = 0; i < m; i++) {
		for (j = c; j > 0 && cols[j - 1].col > tc[i]->col; j--)
			;
		if (j == 0 || placed[j - 1])
			return place(t, tc, m, cols, c, placed, err);
		placed[j - 1] = tc[i];
	}
	return 0;
}

/* The column the header gave a level (JX_VC_LEVEL1, JX_VC_LEVEL2), 0 if none. */
static unsigned level_col(const struct jx_tables *t, int role)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		if (t->cols[i].role == role)
			return t->cols[i].col;
	return 0;
}

/* True if the row stands in the header's columns: each label in its level's column, the text right of
 * them. Such a row's cells are placed by where they stand even in text (a table jixiao wrote itself);
 * rows shifted left or right, as text extracted from documents has them, are placed by order. */
static bool aligned(const struct jx_tables *t, const struct row *r, size_t labels)
{
	unsigned l1 = level_col(t, JX_VC_LEVEL1), l2 = level_col(t, JX_VC_LEVEL2);
	size_t i;

	if (!l1 || !l2)
		return false;
	for (i = 0; i < r->n; i++) {
		const struct cell *c = &t->cells[r->first + i];
		int level = c->level;

		if (i < labels && level && c->col != (level == JX_LABEL_L1 ? l1 : l2))
			return false;
		if (i >= labels && c->col <= l2)
			return false;
	}
	return true;
}

/* ---- resolving the rows ---- */

struct context {
	const char *l1;              /* current level-1 label */
	const char *l2;              /* current level-2 label */
	const struct cell *name;     /* name cell of the last indicator, to complete it with a lone target */
};

/* jx_table_title of cell c, from the key the cell keeps (jx_table_add_cell made it as jx_table_title
 * would): a name's key is made once, not again for each indicator. */
static int title_of(const struct jx_tables *t, const struct cell *c, int *year)
{
	bool exact;

	if (c->len > MAX_KEYED) /* kept without a key */
		return jx_table_title(raw(t, c), c->len, year);
	return jx_vocab_title(key(t, c), year, &exact);
}

/* The target as one text: "≥" | "95" | "%" read as "≥95%". */
static void target_text(const struct jx_tables *t, const struct cell *op, const struct cell *value,
			const struct cell *unit, struct jx_buf *out)
{
	if (op && value && !jx_target_stated(raw(t, value), value->len))
		jx_buf_add(out, raw(t, op), op->len, NULL);
	if (value)
		jx_table_unwrap(out, raw(t, value), value->len);
	if (unit && value && is_number(key(t, value)))
		jx_buf_add(out, raw(t, unit), unit->len, NULL);
}

static int add_indicator(struct jx_tables *t, struct jx_project *p, struct context *cx, const struct jx_framework *fw,
			 const struct column *cols, const struct cell *const *placed, size_t c, struct jx_err *err)
{
	const struct cell *name = NULL, *value = NULL, *op = NULL, *unit = NULL;
	struct jx_indicator ind = { 0 }, *slot;
	struct jx_buf target = JX_BUF_INIT, u = JX_BUF_INIT, nm = JX_BUF_INIT;
	const char *l2 = cx->l2;
	size_t j;
	int rc;

	for (j = 0; j < c; j++) {
		if (!placed[j])
			continue;
		if (cols[j].role == JX_VC_NAME)
			name = placed[j];
		else if (cols[j].role == JX_VC_TARGET)
			value = placed[j];
		else if (cols[j].role == JX_VC_OP)
			op = placed[j];
		else if (cols[j].role == JX_VC_UNIT)
			unit = placed[j];
	}
	if (!name)
		return fail(t, placed[0] ? placed[0]->col : 0, err, "此行缺少指标名称（三级指标）");
	{ /* a table's own words (预算单位, 年度资金总额, 附件…) are no indicator: rows read out of place */
		struct jx_vword w;
		const char *k = key(t, name);
		size_t n = jx_vocab_prefix(k, &w);

		/* only the words no indicator is called: a table's name and unit, and what ends a table (项目金额
		 * and 资金到位率, words of the funds, are real indicators too) */
		int year;

		if ((n && ((n == strlen(k) && w.kind == JX_V_FIELD && (w.role == JX_VF_NAME || w.role == JX_VF_UNIT)) ||
			   w.kind == JX_V_END)) ||
		    title_of(t, name, &year)) /* a table's title: the next table's */
			return fail(t, name->col, err,
				    "“%s”是表头或表名的文字，不是指标名称：像是表头的行被读进了指标，无法可靠地读取",
				    raw(t, name));
	}
	if (!cx->l1)
		return fail(t, name->col, err, "指标“%s”之前没有一级指标（产出指标、效益指标、满意度指标…）", raw(t, name));
	if (!l2 && !(l2 = jx_framework_only_child(fw, cx->l1)))
		return fail(t, name->col, err, "指标“%s”之前没有二级指标（%s 之下）", raw(t, name), cx->l1);
	target_text(t, op, value, unit, &target);
	if (unit)
		jx_text_key(&u, raw(t, unit), unit->len);
	jx_table_unwrap(&nm, raw(t, name), name->len);
	rc = jx_indicator_fill(&ind, cx->l1, l2, nm.ptr, nm.len, unit ? u.ptr : NULL, target.len ? target.ptr : NULL,
			       target.len, err);
	jx_buf_release(&target);
	jx_buf_release(&u);
	jx_buf_release(&nm);
	if (rc)
		return fail(t, value ? value->col : name->col, err, "%s", err ? err->msg : "");
	for (j = 0; j < c; j++)
		if (placed[j] && cols[j].role >= JX_VC_FIELD && cols[j].role < JX_VC_GROUP) {
			struct jx_buf v = JX_BUF_INIT;
			int f = cols[j].role - JX_VC_FIELD;

			if (jx_indicator_field((enum jx_ifield)f)->multiline)
				jx_buf_add(&v, raw(t, placed[j]), placed[j]->len, NULL);
			else
				jx_table_unwrap(&v, raw(t, placed[j]), placed[j]->len);
			ind.f[f] = jx_buf_detach(&v, NULL);
		}
	slot = jx_project_add(p, err);
	if (!slot) {
		jx_indicator_clear(&ind);
		return fail(t, name->col, err, "%s", err ? err->msg : "");
	}
	*slot = ind;
	cx->name = name;
	return 0;
}

/* Gives the last indicator the target it lacked, found alone on the next row. */
static int complete_last(struct jx_tables *t, struct jx_project *p, struct context *cx, const struct cell *target,
			 struct jx_err *err)
{
	struct jx_indicator *last = &p->ind[p->n_ind - 1], ind = { 0 };
	size_t i;

	if (jx_indicator_fill(&ind, last->level1, last->level2, raw(t, cx->name), cx->name->len, NULL, raw(t, target),
			      target->len, err))
		return fail(t, target->col, err, "%s", err ? err->msg : "");
	for (i = 0; i < JX_IF_COUNT; i++) {
		ind.f[i] = last->f[i];
		last->f[i] = NULL;
	}
	jx_indicator_clear(last);
	*last = ind;
	return 0;
}

/* Reads a label cell into the context: level 1 or 2, in order, before any text. Returns false if the
 * cell is text. */
static bool take_label(const struct jx_tables *t, const struct cell *c, const struct jx_framework *fw,
		       struct context *cx, enum jx_label *deepest)
{
	char buf[MAX_KEYED + 1];
	const char *label, *k = key(t, c);
	enum jx_label kind;
	bool row_l1;

	if (!jx_framework_is_label(k)) /* 产出指标(50分), 数量指标(必填) */
		k = jx_table_label_core(k, buf, sizeof(buf));
	kind = jx_framework_label(fw, k, &label);
	if (kind == JX_LABEL_L1 && *deepest == JX_LABEL_L1 && cx->l1 && strcmp(label, cx->l1) == 0 &&
	    jx_framework_only_child(fw, label)) { /* 满意度指标 | 满意度指标 */
		cx->l2 = jx_framework_only_child(fw, label);
		*deepest = JX_LABEL_L2;
		return true;
	}
	if (kind == JX_LABEL_NONE || kind <= *deepest)
		return false;
	row_l1 = *deepest == JX_LABEL_L1;
	*deepest = kind;
	if (kind == JX_LABEL_L1) {
		if (!cx->l1 || strcmp(cx->l1, label) != 0)
			cx->l2 = NULL; /* the same level-1 label again, mid-block, keeps the level-2 one */
		cx->l1 = label;
	} else {
		/* a level-2 label that cannot stand under the level-1 label carried down from the rows
		 * above begins a block whose level-1 cell the table lost: it is its own parent's; one
		 * written beside its level-1 label on its row is kept as written, for review to flag */
		cx->l2 = label;
		if (!row_l1 && (!cx->l1 || !jx_framework_pair(fw, cx->l1, label)) && jx_framework_parent(fw, label))
			cx->l1 = jx_framework_parent(fw, label);
	}
	return true;
}

/* In a grid, a level-2 label standing in the header's 二级指标 column after the row's level-2 label was
 * taken: the year's own, where a 实施期 group's columns come first (二级指标(长期) | 三级指标(长期) |
 * 指标值(长期) | 二级指标(年度) | …). It is the row's level-2 label, not text. */
static bool year_label(const struct jx_tables *t, const struct cell *c, const struct jx_framework *fw,
		       struct context *cx, enum jx_label deepest)
{
	char buf[MAX_KEYED + 1];
	const char *label, *k = key(t, c);

	if (!t->grid || deepest != JX_LABEL_L2 || c->col != level_col(t, JX_VC_LEVEL2))
		return false;
	if (!jx_framework_is_label(k))
		k = jx_table_label_core(k, buf, sizeof(buf));
	if (jx_framework_label(fw, k, &label) != JX_LABEL_L2)
		return false;
	cx->l2 = label;
	return true;
}

/* In a row of more text than the columns hold, the first of its leading cells — those in a level
 * label's place — that reads like a level label no framework knows ("资金管理指标", or "社会效益" after a
 * level-1 label) standing in the header's level columns: the row's overflow is its doing, and the error
 * names it rather than the cell pushed out of the row. k if none. */
static size_t unknown_label(const struct jx_tables *t, const struct cell *const *text, size_t k, size_t c,
			    enum jx_label deepest)
{
	size_t i, places = deepest == JX_LABEL_NONE ? 2 : deepest == JX_LABEL_L1 ? 1 : 0; /* labels the row lacks */
	unsigned l2 = level_col(t, JX_VC_LEVEL2);

	for (i = 0; i + c < k && i < places; i++) {
		const char *s = key(t, text[i]);
		size_t n = strlen(s);

		if (l2 && text[i]->col <= l2 && n >= 6 && n <= 36 && text[i]->column < 0 &&
		    !jx_target_stated(raw(t, text[i]), text[i]->len))
			return i;
	}
	return k;
}

static int resolve_row(struct jx_tables *t, const struct row *r, const struct jx_framework *fw, struct jx_project *p,
		       struct context *cx, struct jx_err *err)
{
	const struct cell *text[JX_TABLE_MAX_CELLS], *placed[MAX_COLUMNS];
	struct column cols[MAX_COLUMNS];
	enum jx_label deepest = JX_LABEL_NONE;
	size_t i, k = 0, c = own_columns(t, cols);
	int level;

	t->line = r->line;
	for (i = 0; i < r->n; i++) {
		const struct cell *cell = &t->cells[r->first + i];
		struct jx_vword w;

		if (k == 0 && (take_label(t, cell, fw, cx, &deepest) || year_label(t, cell, fw, cx, deepest)))
			continue;
		w = jx_table_word(t, cell, &level);
		if (k == 0 && deepest == JX_LABEL_NONE && w.kind == JX_V_COLUMN && w.role == JX_VC_GROUP)
			continue; /* 绩效指标 */
		text[k++] = cell;
	}
	if (k == 1 && deepest == JX_LABEL_NONE && p->n_ind > 0 && !p->ind[p->n_ind - 1].target &&
	    jx_target_stated(raw(t, text[0]), text[0]->len))
		return complete_last(t, p, cx, text[0], err);
	if (k == 0)
		return 0;
	if (k > c && (i = unknown_label(t, text, k, c, deepest)) < k)
		return fail(t, text[i]->col, err, "无法识别的指标类别“%s”（不是指标体系中的一级或二级指标）", raw(t, text[i]));
	if (t->n_cols && (t->grid || aligned(t, r, r->n - k)) ? place_grid(t, text, k, cols, c, placed, err)
								: place(t, text, k, cols, c, placed, err))
		return -1;
	return add_indicator(t, p, cx, fw, cols, placed, c, err);
}

/* Builds p's indicators from the buffered rows as framework fw reads them; *score counts the
 * indicators whose level pair fw has. */
static int resolve(struct jx_tables *t, const struct jx_framework *fw, struct jx_project *p, size_t *score,
		   struct jx_err *err)
{
	struct context cx = { NULL, NULL, NULL };
	size_t i;

	for (i = 0; i < t->n_rows; i++)
		if (resolve_row(t, &t->rows[i], fw, p, &cx, err))
			return -1;
	t->line = t->p->line;
	if (jx_project_check_levels(p, fw, err))
		return fail(t, 0, err, "%s", err ? err->msg : "");
	*score = jx_project_fit(p, fw);
	snprintf(p->framework, sizeof(p->framework), "%s", jx_framework_id(fw));
	return 0;
}

/* Resolves the rows as framework i reads them into cand[i]; false (errs[i] set) if they cannot be. */
static bool try_framework(struct jx_tables *t, size_t i, struct jx_project **cand, size_t *score, struct jx_err *errs)
{
	cand[i] = jx_project_new();
	if (!resolve(t, jx_framework_at(i), cand[i], &score[i], &errs[i]))
		return true;
	jx_project_free(cand[i]);
	cand[i] = NULL;
	score[i] = 0;
	return false;
}

/* Moves the indicators of src into dst (both of the same table). */
static void take_indicators(struct jx_project *dst, struct jx_project *src)
{
	dst->ind = src->ind;
	dst->n_ind = src->n_ind;
	dst->cap_ind = src->cap_ind;
	memcpy(dst->framework, src->framework, sizeof(dst->framework));
	src->ind = NULL;
	src->n_ind = src->cap_ind = 0;
}

int jx_table_resolve(struct jx_tables *t, struct jx_err *err)
{
	size_t n = jx_framework_count(), i, best;
	size_t *score = jx_calloc(n, sizeof(*score));
	struct jx_project **cand = jx_calloc(n, sizeof(*cand));
	struct jx_err *errs;
	int rc = 0;

	if (!t->errs)
		t->errs = jx_calloc(n, sizeof(*t->errs));
	errs = t->errs;
	for (i = 0; i < n; i++) {
		errs[i].code = JX_OK;
		errs[i].msg[0] = '\0';
	}

	/* The year's own framework first: if every indicator fits it, no other can win. */
	best = jx_framework_choose(score, t->p->year);
	if (!try_framework(t, best, cand, score, errs) || score[best] < cand[best]->n_ind)
		for (i = 0; i < n; i++)
			if (i != best)
				try_framework(t, i, cand, score, errs);
	best = jx_framework_choose(score, t->p->year);
	for (i = 0; !cand[best] && i < n; i++)
		if (cand[i])
			best = i;
	if (cand[best])
		take_indicators(t->p, cand[best]);
	else
		rc = err ? (*err = errs[best], -1) : -1;
	for (i = 0; i < n; i++)
		jx_project_free(cand[i]);
	free(cand);
	free(score);
	return rc;
}
