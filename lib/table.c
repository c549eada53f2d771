/*
 * table.c — building target tables from rows of cells (see table.h).
 *
 * A table is read in three parts, each cell classified by what it is:
 *
 *   header block   label/value pairs (项目名称, 预算单位 …), the funds row(s) (年度资金总额, 财政拨款,
 *                  其他资金, each with its amount in the same cell or the next), 年度目标 and the goal
 *                  text after it, and a year row such as "(2021年度)" where the title gave none;
 *   indicators     from the 一级指标/二级指标 header row (or the first row holding a level label) on.
 *                  In each row the cells are, in order: at most one level-1 label, at most one level-2
 *                  label, then text — the indicator's name, then its target. A label-like cell out of
 *                  that order is text (an indicator may well be called 服务对象满意度). The labels set
 *                  the context carried down the rows. A row with a name and no target is an indicator
 *                  without a target. A row holding nothing but a target with a written operator
 *                  completes the indicator above it, if that one has none.
 *
 * The indicator rows of a table are buffered and resolved once per framework, because one label means
 * different things in different frameworks: 成本指标 is a level-2 label under 产出指标 in the 2015
 * framework and a level-1 label in the 2021 one. The year's own framework is tried first and kept if
 * every indicator fits it; otherwise the framework the table fits best wins.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"
#include "jixiao/table.h"
#include "jixiao/text.h"
#include "jixiao/value.h"

#define MAX_ROWS (2 * JX_MAX_INDICATORS) /* indicator rows buffered for one table */
#define MAX_GOAL JX_GOAL_MAX             /* bytes of goal text in one table */
#define MAX_KEYED 256                    /* longer cells are text, never a label, header word or amount */

struct cell {
	unsigned col; /* column, from 1 */
	size_t raw;   /* offset of the text in the arena (NUL-terminated) */
	size_t len;   /* its length */
	size_t key;   /* offset of its matching key in the arena; "" if it cannot be a label or header word */
};

struct row {
	unsigned line; /* the reader's row number */
	size_t first;  /* index of its first cell in cells */
	size_t n;      /* number of cells */
};

struct jx_tables {
	jx_sink_fn sink;
	void *sink_ctx;
	jx_locate_fn locate;
	void *locate_ctx;
	enum jx_table_state state;
	unsigned tables;         /* tables begun */
	unsigned title_col;      /* column of the current table's title (jx_tables_line) */
	/* the table being read */
	struct jx_project *p;
	bool have_total;
	struct jx_buf goal;      /* goal lines, '\n'-separated */
	struct jx_buf arena;     /* text and keys of the cells of the table */
	struct cell *cells;      /* buffered indicator rows' cells */
	size_t n_cells, cap_cells;
	struct row *rows;        /* buffered indicator rows */
	size_t n_rows, cap_rows;
	/* the row being read */
	unsigned line;
	struct cell *lc;
	size_t n_lc, cap_lc;
};

static int fail(struct jx_tables *t, unsigned col, struct jx_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

int jx_locate_vfail(jx_locate_fn locate, void *ctx, unsigned row, unsigned col, struct jx_err *err, const char *fmt,
		    va_list ap)
{
	char where[512], msg[768];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	locate(ctx, row, col, where, sizeof(where));
	return jx_err_set(err, err && err->code == JX_ETOOBIG ? JX_ETOOBIG : JX_EINPUT, "%s: %s", where, msg);
}

static int fail(struct jx_tables *t, unsigned col, struct jx_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = jx_locate_vfail(t->locate, t->locate_ctx, t->line, col, err, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *raw(const struct jx_tables *t, const struct cell *c)
{
	return t->arena.ptr + c->raw;
}

static const char *key(const struct jx_tables *t, const struct cell *c)
{
	return t->arena.ptr + c->key;
}

/* ---- titles and year rows ---- */

/* Sets *year from a key such as "(2021年度)", "2021年度" or "2021年"; returns 1 if it is one. */
static int year_form(const char *k, size_t n, int *year)
{
	if (n >= 2 && k[0] == '(' && k[n - 1] == ')') {
		k++;
		n -= 2;
	}
	if (n < 7 || k[0] < '1' || k[0] > '9' || k[1] < '0' || k[1] > '9' || k[2] < '0' || k[2] > '9' ||
	    k[3] < '0' || k[3] > '9')
		return 0;
	if (!((n == 7 && memcmp(k + 4, "年", 3) == 0) || (n == 10 && memcmp(k + 4, "年度", 6) == 0)))
		return 0;
	*year = (k[0] - '0') * 1000 + (k[1] - '0') * 100 + (k[2] - '0') * 10 + (k[3] - '0');
	return 1;
}

static const char *const project_titles[] = { "部门预算项目支出绩效目标表", "项目支出绩效目标表",
					      "项目支出绩效目标申报表" };
static const char *const department_titles[] = { "部门整体支出绩效目标表", "部门整体支出绩效目标申报表" };

int jx_table_title(const char *text, size_t len, int *year)
{
	const char *const *lists[] = { project_titles, department_titles };
	const size_t counts[] = { 3, 2 };
	struct jx_buf k = JX_BUF_INIT;
	size_t i, j;
	int kind = 0;

	jx_text_key(&k, text, len);
	for (i = 0; i < 2 && !kind; i++)
		for (j = 0; j < counts[i] && !kind; j++) {
			size_t tl = strlen(lists[i][j]);

			if (k.len >= tl && memcmp(k.ptr + k.len - tl, lists[i][j], tl) == 0 &&
			    (k.len == tl || year_form(k.ptr, k.len - tl, year)))
				kind = (int)i + 1;
		}
	jx_buf_release(&k);
	return kind;
}

/* ---- the table's life ---- */

struct jx_tables *jx_tables_new(jx_sink_fn sink, void *sink_ctx, jx_locate_fn locate, void *locate_ctx)
{
	struct jx_tables *t = jx_calloc(1, sizeof(*t));

	t->sink = sink;
	t->sink_ctx = sink_ctx;
	t->locate = locate;
	t->locate_ctx = locate_ctx;
	jx_buf_init(&t->goal, MAX_GOAL);
	jx_buf_init(&t->arena, JX_TABLE_MAX_TEXT);
	return t;
}

static void table_reset(struct jx_tables *t)
{
	jx_project_free(t->p);
	t->p = NULL;
	t->have_total = false;
	jx_buf_reset(&t->goal);
	jx_buf_reset(&t->arena);
	t->n_cells = 0;
	t->n_rows = 0;
	t->state = JX_TABLE_OUTSIDE;
}

void jx_tables_free(struct jx_tables *t)
{
	if (!t)
		return;
	table_reset(t);
	jx_buf_release(&t->goal);
	jx_buf_release(&t->arena);
	free(t->cells);
	free(t->rows);
	free(t->lc);
	free(t);
}

enum jx_table_state jx_tables_state(const struct jx_tables *t)
{
	return t->state;
}

unsigned jx_tables_count(const struct jx_tables *t)
{
	return t->tables;
}

int jx_tables_start(struct jx_tables *t, unsigned row, int title, int year, struct jx_err *err)
{
	if (jx_tables_finish(t, err))
		return -1;
	t->line = row;
	t->tables++;
	t->p = jx_project_new();
	t->p->kind = title == 2 ? JX_KIND_DEPARTMENT : JX_KIND_PROJECT;
	t->p->year = year;
	t->p->line = row;
	t->state = JX_TABLE_HEADER;
	return 0;
}

/* True if s[0..n) holds 指. Past the header block only cells that do can be labels or header words (every
 * one has 指, and NFKC makes it from nothing else), so only they need a key. */
static bool has_zhi(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "指", 3) == 0)
			return true;
	return false;
}

/* Copies the row's cells into the arena, with the keys they need. */
static int take_cells(struct jx_tables *t, const struct jx_cell *cells, size_t n, struct jx_err *err)
{
	size_t i;

	if (n > JX_TABLE_MAX_CELLS)
		return fail(t, cells[JX_TABLE_MAX_CELLS].col, err, "一行的单元格超过 %d 个", JX_TABLE_MAX_CELLS);
	jx_grow(&t->lc, sizeof(*t->lc), n, &t->cap_lc);
	t->n_lc = n;
	for (i = 0; i < n; i++) {
		struct cell *c = &t->lc[i];

		c->col = cells[i].col;
		c->raw = t->arena.len;
		c->len = cells[i].len;
		if (jx_buf_add(&t->arena, cells[i].text, cells[i].len, err) || jx_buf_addc(&t->arena, '\0', err))
			return fail(t, c->col, err, "表格内容超过 %d 字节", JX_TABLE_MAX_TEXT);
		c->key = t->arena.len;
		if (cells[i].len <= MAX_KEYED && (t->state == JX_TABLE_HEADER || has_zhi(cells[i].text, cells[i].len)))
			jx_text_key(&t->arena, cells[i].text, cells[i].len);
		if (jx_buf_addc(&t->arena, '\0', err))
			return fail(t, c->col, err, "表格内容超过 %d 字节", JX_TABLE_MAX_TEXT);
	}
	return 0;
}

/* True if one of the row's cells is exactly word. */
static bool has_cell(const struct jx_tables *t, const char *word)
{
	size_t i;

	for (i = 0; i < t->n_lc; i++)
		if (strcmp(key(t, &t->lc[i]), word) == 0)
			return true;
	return false;
}

/* The 一级指标/二级指标/三级指标 header row that starts the indicators. */
static bool indicator_header(const struct jx_tables *t)
{
	return (has_cell(t, "一级指标") + has_cell(t, "二级指标") + has_cell(t, "三级指标")) >= 2;
}

/* A row holding a level label or 绩效指标: an indicator row. */
static bool indicator_row(const struct jx_tables *t)
{
	const char *label;
	size_t i;

	for (i = 0; i < t->n_lc; i++)
		if (jx_framework_label(jx_framework_at(0), key(t, &t->lc[i]), &label) ||
		    strcmp(key(t, &t->lc[i]), "绩效指标") == 0)
			return true;
	return false;
}

/* ---- the header block ---- */

static const char *const funds_words[] = { "年度资金总额", "资金总额", "财政拨款", "其他资金" };

/* The first funds keyword in k, its position and which it is (longest first at one position). */
static const char *next_funds_word(const char *k, size_t *which)
{
	const char *best = NULL;
	size_t i;

	for (i = 0; i < 4; i++) {
		const char *at = strstr(k, funds_words[i]);

		if (at && (!best || at < best)) {
			best = at;
			*which = i;
		}
	}
	return best;
}

/* Skips what may stand between a funds keyword and its amount: ":" and "(万元)". */
static const char *skip_to_amount(const char *s)
{
	for (;;) {
		if (*s == ':')
			s++;
		else if (strncmp(s, "(万元)", strlen("(万元)")) == 0)
			s += strlen("(万元)");
		else
			return s;
	}
}

/* Reads an amount in 万元 at s ("3,033.00" or "3033万元") into *out; returns the bytes read, 0 if none. */
static size_t read_amount(const char *s, jx_money *out)
{
	char digits[64];
	size_t len = jx_number_scan(s, strlen(s), digits, sizeof(digits));

	if (len == 0 || digits[0] == '-' || jx_money_parse(digits, strlen(digits), out))
		return 0;
	if (strncmp(s + len, "万元", strlen("万元")) == 0)
		len += strlen("万元");
	return len;
}

/* True if k speaks of 元 other than as 万元. */
static bool yuan_not_wan(const char *k)
{
	const char *at;

	for (at = strstr(k, "元"); at; at = strstr(at + 1, "元"))
		if (at - k < 3 || memcmp(at - 3, "万", 3) != 0)
			return true;
	return false;
}

static jx_money *funds_field(struct jx_project *p, size_t which)
{
	return which <= 1 ? &p->total : which == 2 ? &p->fiscal : &p->other;
}

/* Reads the funds in cell i (and the next cell, if an amount stands there alone). Sets *used to the
 * cells read. */
static int funds_cell(struct jx_tables *t, size_t i, size_t *used, struct jx_err *err)
{
	const char *k = key(t, &t->lc[i]), *at;
	size_t which = 0, len;

	*used = 1;
	if (yuan_not_wan(k))
		return fail(t, t->lc[i].col, err, "项目资金应以万元为单位，而此处为“%s”", raw(t, &t->lc[i]));
	while ((at = next_funds_word(k, &which)) != NULL) {
		const char *s = skip_to_amount(at + strlen(funds_words[which]));

		if (!*s && i + 1 < t->n_lc) { /* the amount stands in the next cell */
			s = key(t, &t->lc[i + 1]);
			*used = 2;
		}
		len = read_amount(s, funds_field(t->p, which));
		if (len == 0 || (*used == 2 && s[len]))
			return fail(t, t->lc[i].col, err, "“%s”后应为金额（万元，不为负，最多两位小数），如 3033.00",
				    funds_words[which]);
		t->have_total |= which <= 1;
		k = *used == 2 ? "" : s + len;
	}
	if (*k)
		return fail(t, t->lc[i].col, err, "无法识别的资金“%s”", raw(t, &t->lc[i]));
	return 0;
}

static bool has_funds_word(const struct jx_tables *t)
{
	size_t i, which = 0;

	for (i = 0; i < t->n_lc; i++)
		if (next_funds_word(key(t, &t->lc[i]), &which))
			return true;
	return false;
}

/* Labels a funds row may hold beside its keywords: 项目资金(万元), 部门预算(万元), 其中 … */
static bool funds_label(const char *k)
{
	static const char *const labels[] = { "项目资金", "部门预算", "预算资金", "年度预算" };
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strncmp(k, labels[i], strlen(labels[i])) == 0)
			return true;
	return strcmp(k, "其中") == 0 || strcmp(k, "其中:") == 0;
}

/* A row of funds: keywords with amounts, and labels such as 项目资金(万元) or 其中. */
static int funds_row(struct jx_tables *t, struct jx_err *err)
{
	size_t i, used, which = 0;

	for (i = 0; i < t->n_lc; i += used) {
		const char *k = key(t, &t->lc[i]);

		used = 1;
		if (next_funds_word(k, &which)) {
			if (funds_cell(t, i, &used, err))
				return -1;
		} else if (!funds_label(k)) {
			return fail(t, t->lc[i].col, err, "无法识别的资金单元格“%s”", raw(t, &t->lc[i]));
		} else if (yuan_not_wan(k)) {
			return fail(t, t->lc[i].col, err, "项目资金应以万元为单位，而此处为“%s”", raw(t, &t->lc[i]));
		}
	}
	return 0;
}

static int add_goal(struct jx_tables *t, const char *s, size_t n, struct jx_err *err)
{
	if ((t->goal.len && jx_buf_addc(&t->goal, '\n', err)) || jx_buf_add(&t->goal, s, n, err))
		return fail(t, 0, err, "年度目标过长（超过 %d 字节）", MAX_GOAL);
	return 0;
}

/* The row's cells from the from-th on, each a line of goal text. */
static int goal_cells(struct jx_tables *t, size_t from, struct jx_err *err)
{
	size_t i;

	for (i = from; i < t->n_lc; i++)
		if (add_goal(t, raw(t, &t->lc[i]), t->lc[i].len, err))
			return -1;
	return 0;
}

static int buffer_row(struct jx_tables *t, struct jx_err *err);

/* A row of goal text, until the indicators start. A single cell is always goal text, whatever words it
 * holds (a goal may well speak of 财政拨款 or 产出指标). */
static int goal_row(struct jx_tables *t, struct jx_err *err)
{
	if (t->n_lc > 1 && indicator_header(t)) {
		t->state = JX_TABLE_INDICATORS;
		return 0;
	}
	if (t->n_lc > 1 && indicator_row(t)) {
		t->state = JX_TABLE_INDICATORS;
		return buffer_row(t, err);
	}
	return goal_cells(t, 0, err);
}

enum field { F_NAME, F_UNIT, F_DEPARTMENT, F_IGNORED, F_TASKS, F_NONE };

/* Header labels, and the project field each sets. Labels of fields jixiao does not keep are read and
 * set aside, so that a template with them still imports. */
static enum field header_field(const char *k)
{
	static const char *const unit[] = { "预算单位", "单位名称", "实施单位" };
	static const char *const department[] = { "部门名称", "部门(单位)名称", "单位(部门)名称" };
	static const char *const ignored[] = { "主管部门", "主管部门及代码", "项目属性", "项目期", "项目负责人", "联系电话" };
	size_t i;

	if (strcmp(k, "项目名称") == 0)
		return F_NAME;
	if (strcmp(k, "年度主要任务") == 0)
		return F_TASKS;
	for (i = 0; i < sizeof(department) / sizeof(department[0]); i++)
		if (strcmp(k, department[i]) == 0)
			return F_DEPARTMENT;
	for (i = 0; i < sizeof(unit) / sizeof(unit[0]); i++)
		if (strcmp(k, unit[i]) == 0)
			return F_UNIT;
	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (strcmp(k, ignored[i]) == 0)
			return F_IGNORED;
	return F_NONE;
}

static void set_text(char **field, const char *value)
{
	free(*field);
	*field = jx_strdup(value);
}

/* A row of label/value pairs: 项目名称 | 甲 | 实施单位 | 乙. An empty value leaves the field empty (a
 * missing name is reported when the table ends). A department-wide table is named by its unit: 部门名称
 * (or 单位名称) sets both. */
static int pairs_row(struct jx_tables *t, struct jx_err *err)
{
	bool department = t->p->kind == JX_KIND_DEPARTMENT;
	size_t i = 0;

	while (i < t->n_lc) {
		enum field f = header_field(key(t, &t->lc[i]));
		bool given = i + 1 < t->n_lc && header_field(key(t, &t->lc[i + 1])) == F_NONE;
		const char *value = given ? raw(t, &t->lc[i + 1]) : "";

		if (f == F_NONE || (f == F_NAME && department) || (f == F_DEPARTMENT && !department))
			return fail(t, t->lc[i].col, err, "无法识别的表头“%s”，应为 %s、项目资金、年度目标 或 指标表头",
				    raw(t, &t->lc[i]), department ? "部门名称" : "项目名称、预算单位");
		if (f == F_TASKS)
			return fail(t, t->lc[i].col, err, "年度主要任务暂不支持导入：请删去这部分（到年度总体目标为止）再导入");
		if (f == F_NAME || ((f == F_DEPARTMENT || f == F_UNIT) && department && (given || !t->p->name[0])))
			set_text(&t->p->name, value);
		if ((f == F_UNIT || f == F_DEPARTMENT) && (given || !t->p->unit[0]))
			set_text(&t->p->unit, value);
		i += 1 + given;
	}
	return 0;
}

static int header_row(struct jx_tables *t, struct jx_err *err)
{
	int year;
	size_t i;

	if (t->state == JX_TABLE_GOAL)
		return goal_row(t, err);
	if (t->n_lc == 1 && year_form(key(t, &t->lc[0]), strlen(key(t, &t->lc[0])), &year)) {
		t->p->year = year;
		return 0;
	}
	if (header_field(key(t, &t->lc[0])) != F_NONE)
		return pairs_row(t, err); /* before funds: a name or unit may speak of 财政拨款 */
	if (has_funds_word(t))
		return funds_row(t, err);
	for (i = 0; i < t->n_lc; i++)
		if (strcmp(key(t, &t->lc[i]), "年度目标") == 0 || strcmp(key(t, &t->lc[i]), "年度总体目标") == 0) {
			t->state = JX_TABLE_GOAL;
			return goal_cells(t, i + 1, err);
		}
	if (strcmp(key(t, &t->lc[0]), "总体目标") == 0) {
		t->state = JX_TABLE_GOAL;
		return goal_cells(t, 1, err);
	}
	if (indicator_header(t)) {
		t->state = JX_TABLE_INDICATORS;
		return 0;
	}
	if (indicator_row(t)) {
		t->state = JX_TABLE_INDICATORS;
		return buffer_row(t, err);
	}
	return pairs_row(t, err);
}

/* ---- the indicator rows ---- */

static int buffer_row(struct jx_tables *t, struct jx_err *err)
{
	struct row *r;

	if (indicator_header(t))
		return 0; /* a repeated header row */
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

struct context {
	const char *l1;          /* current level-1 label */
	const char *l2;          /* current level-2 label */
	const struct cell *name; /* name cell of the last indicator, to complete it with a lone target */
};

static int add_indicator(struct jx_tables *t, struct jx_project *p, struct context *cx, const struct jx_framework *fw,
			 const struct cell *name, const struct cell *target, struct jx_err *err)
{
	struct jx_indicator ind = { 0 }, *slot;
	const char *l2 = cx->l2;

	if (!cx->l1)
		return fail(t, name->col, err, "指标“%s”之前没有一级指标（产出指标、效益指标、满意度指标…）", raw(t, name));
	if (!l2 && !(l2 = jx_framework_only_child(fw, cx->l1)))
		return fail(t, name->col, err, "指标“%s”之前没有二级指标（%s 之下）", raw(t, name), cx->l1);
	if (jx_indicator_fill(&ind, cx->l1, l2, raw(t, name), name->len, NULL, target ? raw(t, target) : NULL,
			      target ? target->len : 0, err))
		return fail(t, target ? target->col : name->col, err, "%s", err ? err->msg : "");
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

	if (jx_indicator_fill(&ind, last->level1, last->level2, raw(t, cx->name), cx->name->len, NULL, raw(t, target),
			      target->len, err))
		return fail(t, target->col, err, "%s", err ? err->msg : "");
	jx_indicator_clear(last);
	*last = ind;
	return 0;
}

/* True if the cell holds only a target with a written operator ("≥10", "不少于2次"). */
static bool lone_target(const struct jx_tables *t, const struct cell *c)
{
	return jx_target_stated(raw(t, c), c->len);
}

static int resolve_row(struct jx_tables *t, const struct row *r, const struct jx_framework *fw, struct jx_project *p,
		       struct context *cx, struct jx_err *err)
{
	const struct cell *text[2];
	enum jx_label level = JX_LABEL_NONE; /* the deepest label this row has set */
	size_t i, k = 0;

	t->line = r->line;
	for (i = 0; i < r->n; i++) {
		const struct cell *c = &t->cells[r->first + i];
		const char *label;
		enum jx_label kind = k ? JX_LABEL_NONE : jx_framework_label(fw, key(t, c), &label);

		if (kind != JX_LABEL_NONE && kind > level) { /* labels in level order, before any text */
			level = kind;
			if (kind == JX_LABEL_L1) {
				cx->l1 = label;
				cx->l2 = NULL;
			} else {
				cx->l2 = label;
				cx->l1 = cx->l1 ? cx->l1 : jx_framework_parent(fw, label);
			}
		} else if (!(k == 0 && level == JX_LABEL_NONE && strcmp(key(t, c), "绩效指标") == 0)) {
			if (k == 2)
				return fail(t, c->col, err, "一行应只有指标名称和指标值，多出“%s”", raw(t, c));
			text[k++] = c;
		}
	}
	if (k == 1 && level == JX_LABEL_NONE && p->n_ind > 0 && !p->ind[p->n_ind - 1].target && lone_target(t, text[0]))
		return complete_last(t, p, cx, text[0], err);
	if (k == 0)
		return 0;
	return add_indicator(t, p, cx, fw, text[0], k == 2 ? text[1] : NULL, err);
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

static int resolve_best(struct jx_tables *t, struct jx_err *err)
{
	size_t n = jx_framework_count(), i, best;
	size_t *score = jx_calloc(n, sizeof(*score));
	struct jx_project **cand = jx_calloc(n, sizeof(*cand));
	struct jx_err *errs = jx_calloc(n, sizeof(*errs));
	int rc = 0;

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
	free(errs);
	free(score);
	return rc;
}

int jx_tables_finish(struct jx_tables *t, struct jx_err *err)
{
	int rc;

	if (!t->p)
		return 0;
	t->line = t->p->line;
	if (!t->p->name[0])
		rc = fail(t, 0, err, t->p->kind == JX_KIND_DEPARTMENT ? "此处开始的部门整体支出绩效目标表缺少部门名称（“部门名称”一行）"
									    : "此处开始的绩效目标表缺少项目名称（“项目名称”一行）");
	else if (!t->p->year)
		rc = fail(t, 0, err, "项目“%s”缺少年度（标题下应有一行如“(2021年度)”）", t->p->name);
	else if (!t->have_total)
		rc = fail(t, 0, err, "项目“%s”缺少年度资金总额（如“年度资金总额: 3033.00”）", t->p->name);
	else
		rc = resolve_best(t, err);
	if (!rc) {
		free(t->p->goal);
		t->p->goal = jx_strndup(t->goal.ptr, t->goal.len);
		t->line = t->p->line;
		rc = jx_project_finish(t->p, err) ? fail(t, 0, err, "%s", err ? err->msg : "") : 0;
	}
	if (!rc)
		rc = t->sink(t->sink_ctx, t->p, err);
	table_reset(t);
	return rc;
}

int jx_tables_row(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err)
{
	if (t->state == JX_TABLE_OUTSIDE || n == 0)
		return 0;
	t->line = row;
	if (take_cells(t, cells, n, err))
		return -1;
	return t->state == JX_TABLE_INDICATORS ? buffer_row(t, err) : header_row(t, err);
}

/* ---- lines of a document ---- */

/* A cheap test every title passes: short, and ending in 表. */
static bool maybe_title(const struct jx_cell *c)
{
	return c->len <= 256 && c->len >= 3 && memcmp(c->text + c->len - 3, "表", 3) == 0;
}

/* The cell of the line that is a table's title, if one is (see jx_tables_line). */
static const struct jx_cell *title_cell(const struct jx_tables *t, const struct jx_cell *cells, size_t n, int *title,
					int *year)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (t->state != JX_TABLE_OUTSIDE &&
		    (n > 1 || (t->state == JX_TABLE_GOAL && cells[i].col > t->title_col)))
			return NULL;
		*year = 0;
		if (maybe_title(&cells[i]) && (*title = jx_table_title(cells[i].text, cells[i].len, year)) != 0)
			return &cells[i];
	}
	return NULL;
}

/* True for a page number left in the text by extraction ("- 3 -", "第3页", "3/12"). */
static bool page_marker(const char *s, size_t len)
{
	static const char *const marks[] = { "-", "—", "第", "页", "共", "/", " ", "\t" };
	const char *end = s + len;
	bool digit = false;
	size_t i, ml = 0;

	while (s < end) {
		if (*s >= '0' && *s <= '9') {
			digit = true;
			s++;
			continue;
		}
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			ml = strlen(marks[i]);
			if ((size_t)(end - s) >= ml && memcmp(s, marks[i], ml) == 0)
				break;
		}
		if (i == sizeof(marks) / sizeof(marks[0]))
			return false;
		s += ml;
	}
	return digit;
}

/* True if the cell is a level label or 绩效指标, which may stand alone in a table's first column. */
static bool label_cell(const struct jx_cell *c)
{
	struct jx_buf key = JX_BUF_INIT;
	bool label;

	jx_text_key(&key, c->text, c->len);
	label = jx_framework_is_label(key.ptr) || strcmp(key.ptr, "绩效指标") == 0;
	jx_buf_release(&key);
	return label;
}

int jx_tables_line(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, enum jx_line_kind kind,
		   struct jx_err *err)
{
	const struct jx_cell *c;
	int title = 0, year = 0;

	if ((c = title_cell(t, cells, n, &title, &year)) != NULL) {
		if (jx_tables_start(t, row, title, year, err))
			return -1;
		t->title_col = c->col;
		return 0;
	}
	if (t->state == JX_TABLE_OUTSIDE || n == 0)
		return 0;
	if (t->state == JX_TABLE_INDICATORS) {
		if (kind == JX_LINE_TEXT)
			return page_marker(cells[0].text, cells[0].len) && n == 1 ? 0 : jx_tables_finish(t, err);
		if (n == 1 && cells[0].col <= t->title_col && !label_cell(&cells[0]))
			return jx_tables_finish(t, err); /* a note below the table */
	}
	return jx_tables_row(t, row, cells, n, err);
}
