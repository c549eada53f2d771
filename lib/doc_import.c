/*
 * doc_import.c — reads target tables from the text of published documents.
 *
 * The text is what extraction from a published Word or PDF file gives: prose, then for each table a
 * title line (部门预算项目支出绩效目标表), a year line ("(2021年度)"), and tab-separated rows in which
 * merged cells come out empty and cells are often shifted left or right. So every cell is classified by
 * what it is — a level-1 or level-2 label, a header word, or text — never by its column, and the level
 * context is carried down the rows:
 *
 *   header block   项目名称 / 预算单位 rows, the funds rows (年度资金总额, 财政拨款, 其他资金, found by
 *                  keyword wherever they stand), 年度目标 and the goal lines after it;
 *   indicators     from the 一级指标/二级指标 header row on. In each row the label cells set the context;
 *                  the other cells are the indicator's name and then its target. A row with a name and
 *                  no target is an indicator without a target. A row holding only a target written with
 *                  an operator (≥…) completes the indicator above it if that one has none.
 *
 * The indicator rows of a table are buffered (a table is small and capped) and resolved once per
 * framework, because one label means different things in different frameworks: 成本指标 is a level-2
 * label under 产出指标 in the 2015 framework and a level-1 label in the 2021 one. The framework whose
 * level pairs the table fits best is kept.
 *
 * A table ends at the next title, at the end of the input, or at a non-blank line without a tab (prose
 * after the table). Lines outside tables are prose and are skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/text.h"
#include "jixiao/value.h"

#define MAX_ROWS (2 * JX_MAX_INDICATORS) /* indicator rows buffered for one table */
#define MAX_GOAL (256 * 1024)            /* bytes of goal text in one table */
#define MAX_KEYED 256                    /* longer cells are text, never a label, header word or amount */

enum state { OUTSIDE, HEADER, GOAL, INDICATORS };

struct cell {
	unsigned col; /* 1-based column (tab-separated field) */
	size_t raw;   /* offset of the trimmed text in the arena */
	size_t len;   /* its length */
	size_t key;   /* offset of its matching key (NUL-terminated) in the arena; "" past MAX_KEYED */
};

struct row {
	unsigned line;  /* line number in the input */
	size_t first;   /* index of its first cell */
	size_t n;       /* number of non-empty cells */
};

struct doc {
	struct jx_lines lines;
	const char *file;        /* input name, for messages */
	jx_sink_fn sink;
	void *ctx;
	enum state state;
	/* the table being read */
	struct jx_project *p;
	bool have_total;
	struct jx_buf goal;      /* goal lines, '\n'-separated */
	struct jx_buf arena;     /* text of the buffered cells */
	struct cell *cells;
	size_t n_cells, cap_cells;
	struct row *rows;
	size_t n_rows, cap_rows;
	/* the line being read */
	unsigned line;
	struct cell *lc;         /* its non-empty cells (offsets into arena) */
	size_t n_lc, cap_lc;
	struct jx_buf key;       /* scratch for keys */
	unsigned tables;         /* tables started */
};

static int fail(struct doc *d, unsigned col, struct jx_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct doc *d, unsigned col, struct jx_err *err, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (col)
		return jx_err_set(err, JX_EINPUT, "%s:%u: 第%u格: %s", d->file, d->line, col, msg);
	return jx_err_set(err, JX_EINPUT, "%s:%u: %s", d->file, d->line, msg);
}

static const char *raw(const struct doc *d, const struct cell *c)
{
	return d->arena.ptr + c->raw;
}

static const char *key(const struct doc *d, const struct cell *c)
{
	return d->arena.ptr + c->key;
}

/* Splits the line into its non-empty cells, stored (text and key) at the end of the arena. */
static int split_cells(struct doc *d, const char *line, size_t len, struct jx_err *err)
{
	const char *p = line, *end = line + len;
	unsigned col = 0;

	d->n_lc = 0;
	while (p <= end) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *s = p;
		size_t n = (size_t)((tab ? tab : end) - p);
		struct cell *c;

		col++;
		p += n + 1;
		jx_text_trim(&s, &n);
		if (n == 0)
			continue;
		jx_grow(&d->lc, sizeof(*d->lc), d->n_lc + 1, &d->cap_lc);
		c = &d->lc[d->n_lc++];
		c->col = col;
		c->raw = d->arena.len;
		c->len = n;
		if (jx_buf_add(&d->arena, s, n, err) || jx_buf_addc(&d->arena, '\0', err))
			return fail(d, col, err, "表格内容过大");
		c->key = d->arena.len;
		if (n <= MAX_KEYED)
			jx_text_key(&d->arena, s, n);
		if (jx_buf_addc(&d->arena, '\0', err))
			return fail(d, col, err, "表格内容过大");
	}
	return 0;
}

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

/* Classifies a line's key as a table title: 1 for a project table, 2 for a department-wide one, 0 for
 * neither. A year written before the title ("2021年部门预算…") is stored in *year. */
static int title_kind(const char *k, size_t n, int *year)
{
	const char *const *lists[] = { project_titles, department_titles };
	size_t counts[] = { 3, 2 }, i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; j < counts[i]; j++) {
			size_t t = strlen(lists[i][j]);

			if (n < t || memcmp(k + n - t, lists[i][j], t) != 0)
				continue;
			if (n == t || year_form(k, n - t, year))
				return (int)i + 1;
		}
	return 0;
}

static void table_reset(struct doc *d)
{
	jx_project_free(d->p);
	d->p = NULL;
	d->have_total = false;
	jx_buf_reset(&d->goal);
	jx_buf_reset(&d->arena);
	d->n_cells = 0;
	d->n_rows = 0;
}

static void table_start(struct doc *d, int year)
{
	table_reset(d);
	d->p = jx_project_new();
	d->p->year = year;
	d->p->line = d->line;
	d->state = HEADER;
	d->tables++;
}

/* True if one of the line's cells is exactly label. */
static bool has_cell(const struct doc *d, const char *label)
{
	size_t i;

	for (i = 0; i < d->n_lc; i++)
		if (strcmp(key(d, &d->lc[i]), label) == 0)
			return true;
	return false;
}

static int starts_with_op(const char *k)
{
	static const char *const ops[] = { "≥", "≤", "≧", "≦", ">", "<", "=" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strncmp(k, ops[i], strlen(ops[i])) == 0)
			return 1;
	return 0;
}

/* ---- the header block ---- */

/* Reads the amount after a funds keyword in the row key k. */
static int funds_amount(struct doc *d, const char *k, const char *word, jx_money *out, bool *found,
			struct jx_err *err)
{
	const char *at = strstr(k, word);
	char digits[64];
	size_t len;

	if (!at)
		return 0;
	at += strlen(word);
	while (*at == ':')
		at++;
	len = jx_number_scan(at, strlen(at), digits, sizeof(digits));
	if (len == 0 || jx_money_parse(digits, strlen(digits), out))
		return fail(d, 0, err, "“%s”后应为金额（万元，最多两位小数），如 3033.00", word);
	*found = true;
	return 0;
}

/* A row naming 年度资金总额, 财政拨款 or 其他资金, in whatever cells the amounts stand. */
static int funds_row(struct doc *d, bool *matched, struct jx_err *err)
{
	struct jx_buf k = JX_BUF_INIT;
	bool found = false, total = false;
	size_t i;
	int rc;

	for (i = 0; i < d->n_lc; i++)
		jx_buf_adds(&k, key(d, &d->lc[i]), NULL);
	*matched = strstr(k.ptr, "资金总额") || strstr(k.ptr, "财政拨款") || strstr(k.ptr, "其他资金");
	if (!*matched) {
		jx_buf_release(&k);
		return 0;
	}
	rc = strstr(k.ptr, "(元)") ? fail(d, 0, err, "项目资金应以万元为单位") : 0;
	if (!rc)
		rc = funds_amount(d, k.ptr, strstr(k.ptr, "年度资金总额") ? "年度资金总额" : "资金总额",
				  &d->p->total, &total, err);
	if (!rc)
		rc = funds_amount(d, k.ptr, "财政拨款", &d->p->fiscal, &found, err);
	if (!rc)
		rc = funds_amount(d, k.ptr, "其他资金", &d->p->other, &found, err);
	d->have_total |= total;
	jx_buf_release(&k);
	return rc;
}

static int add_goal(struct doc *d, const char *s, size_t n, struct jx_err *err)
{
	jx_text_trim(&s, &n);
	if (n == 0)
		return 0;
	if ((d->goal.len && jx_buf_addc(&d->goal, '\n', err)) || jx_buf_add(&d->goal, s, n, err))
		return fail(d, 0, err, "年度目标过长（超过 %d 字节）", MAX_GOAL);
	return 0;
}

/* The line's cells from the from-th on, each a line of goal text. */
static int goal_cells(struct doc *d, size_t from, struct jx_err *err)
{
	size_t i;

	for (i = from; i < d->n_lc; i++)
		if (add_goal(d, raw(d, &d->lc[i]), d->lc[i].len, err))
			return -1;
	return 0;
}

/* Sets a header field from the cell after its label; an empty cell leaves it empty (a missing project
 * name is reported when the table ends). */
static int set_field(struct doc *d, char **field)
{
	free(*field);
	*field = d->n_lc < 2 ? jx_strdup("") : jx_strndup(raw(d, &d->lc[1]), d->lc[1].len);
	return 0;
}

static int buffer_row(struct doc *d, struct jx_err *err);

/* True if the line starts the indicator part: the 一级指标/二级指标/三级指标 header row. */
static bool indicator_header(const struct doc *d)
{
	return (has_cell(d, "一级指标") + has_cell(d, "二级指标") + has_cell(d, "三级指标")) >= 2;
}

/* True if one of the line's cells is a level label or 绩效指标: an indicator row. */
static bool indicator_row(const struct doc *d)
{
	const char *label;
	size_t i;

	for (i = 0; i < d->n_lc; i++)
		if (jx_framework_label(jx_framework_at(0), key(d, &d->lc[i]), &label) ||
		    strcmp(key(d, &d->lc[i]), "绩效指标") == 0)
			return true;
	return false;
}

/* A row of goal text, until the indicators start. A single cell is always goal text, whatever words
 * it holds (a goal may well speak of 财政拨款 or 产出指标). */
static int goal_row(struct doc *d, struct jx_err *err)
{
	if (d->n_lc > 1 && indicator_header(d)) {
		d->state = INDICATORS;
		return 0;
	}
	if (d->n_lc > 1 && indicator_row(d)) {
		d->state = INDICATORS;
		return buffer_row(d, err);
	}
	return goal_cells(d, 0, err);
}

static int header_row(struct doc *d, struct jx_err *err)
{
	const char *first = key(d, &d->lc[0]);
	bool funds;
	size_t i;

	if (d->state == GOAL)
		return goal_row(d, err);
	if (strcmp(first, "项目名称") == 0)
		return set_field(d, &d->p->name);
	if (strcmp(first, "预算单位") == 0 || strcmp(first, "单位名称") == 0 || strcmp(first, "实施单位") == 0)
		return set_field(d, &d->p->unit);
	if (funds_row(d, &funds, err))
		return -1;
	if (funds)
		return 0;
	for (i = 0; i < d->n_lc; i++)
		if (strcmp(key(d, &d->lc[i]), "年度目标") == 0) {
			d->state = GOAL;
			return goal_cells(d, i + 1, err);
		}
	if (strcmp(first, "总体目标") == 0) {
		d->state = GOAL;
		return goal_cells(d, 1, err);
	}
	if (indicator_header(d)) {
		d->state = INDICATORS;
		return 0;
	}
	if (indicator_row(d)) {
		d->state = INDICATORS;
		return buffer_row(d, err);
	}
	return fail(d, d->lc[0].col, err,
		    "无法识别的表头行“%s”，应为 项目名称、预算单位、项目资金、年度目标 或 指标表头", raw(d, &d->lc[0]));
}

/* ---- the indicator rows ---- */

static int buffer_row(struct doc *d, struct jx_err *err)
{
	struct row *r;

	if (indicator_header(d))
		return 0; /* a repeated header row */
	if (d->n_rows >= MAX_ROWS)
		return fail(d, 0, err, "一张表的指标行超过 %d 行", MAX_ROWS);
	jx_grow(&d->rows, sizeof(*d->rows), d->n_rows + 1, &d->cap_rows);
	jx_grow(&d->cells, sizeof(*d->cells), d->n_cells + d->n_lc, &d->cap_cells);
	r = &d->rows[d->n_rows++];
	r->line = d->line;
	r->first = d->n_cells;
	r->n = d->n_lc;
	memcpy(d->cells + d->n_cells, d->lc, d->n_lc * sizeof(*d->lc));
	d->n_cells += d->n_lc;
	return 0;
}

struct context {
	const char *l1;           /* current level-1 label */
	const char *l2;           /* current level-2 label */
	const struct cell *name;  /* raw name of the last indicator, to complete it with a lone target */
};

static int add_indicator(struct doc *d, struct jx_project *p, struct context *cx, const struct jx_framework *fw,
			 const struct cell *name, const struct cell *target, struct jx_err *err)
{
	struct jx_indicator *ind;
	const char *l2 = cx->l2;

	if (!cx->l1)
		return fail(d, name->col, err, "指标“%s”之前没有一级指标（产出指标、效益指标、满意度指标…）", raw(d, name));
	if (!l2 && !(l2 = jx_framework_only_child(fw, cx->l1)))
		return fail(d, name->col, err, "指标“%s”之前没有二级指标（%s 之下）", raw(d, name), cx->l1);
	ind = jx_project_add(p, err);
	if (!ind || jx_indicator_fill(ind, cx->l1, l2, raw(d, name), name->len, NULL, target ? raw(d, target) : NULL,
				      target ? target->len : 0, err))
		return fail(d, name->col, err, "%s", err ? err->msg : "");
	ind->line = d->line;
	cx->name = name;
	return 0;
}

/* Gives the last indicator the target it lacked, found alone on the next row. */
static int complete_last(struct doc *d, struct jx_project *p, struct context *cx, const struct cell *target,
			 struct jx_err *err)
{
	struct jx_indicator *last = &p->ind[p->n_ind - 1];
	char *l1 = last->level1, *l2 = last->level2;
	unsigned line = last->line;
	int rc;

	last->level1 = last->level2 = NULL;
	free(last->name);
	free(last->unit);
	rc = jx_indicator_fill(last, l1, l2, raw(d, cx->name), cx->name->len, NULL, raw(d, target), target->len, err);
	free(l1);
	free(l2);
	last->line = line;
	return rc ? fail(d, target->col, err, "%s", err ? err->msg : "") : 0;
}

static int resolve_row(struct doc *d, const struct row *r, const struct jx_framework *fw, struct jx_project *p,
		       struct context *cx, struct jx_err *err)
{
	const struct cell *text[2];
	size_t i, k = 0;

	d->line = r->line;
	for (i = 0; i < r->n; i++) {
		const struct cell *c = &d->cells[r->first + i];
		const char *label;

		switch (jx_framework_label(fw, key(d, c), &label)) {
		case JX_LABEL_L1:
			cx->l1 = label;
			cx->l2 = NULL;
			break;
		case JX_LABEL_L2:
			cx->l2 = label;
			if (!cx->l1)
				cx->l1 = jx_framework_parent(fw, label);
			break;
		default:
			if (strcmp(key(d, c), "绩效指标") == 0)
				break;
			if (k == 2)
				return fail(d, c->col, err, "一行应只有指标名称和指标值，多出“%s”", raw(d, c));
			text[k++] = c;
		}
	}
	if (k == 1 && p->n_ind > 0 && !p->ind[p->n_ind - 1].target && starts_with_op(key(d, text[0])))
		return complete_last(d, p, cx, text[0], err);
	if (k == 0)
		return 0;
	return add_indicator(d, p, cx, fw, text[0], k == 2 ? text[1] : NULL, err);
}

/* Builds p's indicators from the buffered rows as framework fw reads them; *score counts the
 * indicators whose level pair fw has. */
static int resolve(struct doc *d, const struct jx_framework *fw, struct jx_project *p, size_t *score,
		   struct jx_err *err)
{
	struct context cx = { NULL, NULL, NULL };
	size_t i;

	for (i = 0; i < d->n_rows; i++)
		if (resolve_row(d, &d->rows[i], fw, p, &cx, err))
			return -1;
	d->line = d->p->line;
	if (jx_project_check_levels(p, fw, err))
		return fail(d, 0, err, "%s", err ? err->msg : "");
	*score = 0;
	for (i = 0; i < p->n_ind; i++)
		*score += jx_framework_pair(fw, p->ind[i].level1, p->ind[i].level2);
	snprintf(p->framework, sizeof(p->framework), "%s", jx_framework_id(fw));
	return 0;
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

/* Resolves the rows as framework i reads them into cand[i]; false (errs[i] set) if they cannot be. */
static bool try_framework(struct doc *d, size_t i, struct jx_project **cand, size_t *score, struct jx_err *errs)
{
	cand[i] = jx_project_new();
	if (!resolve(d, jx_framework_at(i), cand[i], &score[i], &errs[i]))
		return true;
	jx_project_free(cand[i]);
	cand[i] = NULL;
	score[i] = 0;
	return false;
}

static int resolve_best(struct doc *d, struct jx_err *err)
{
	size_t n = jx_framework_count(), i, best;
	size_t *score = jx_calloc(n, sizeof(*score));
	struct jx_project **cand = jx_calloc(n, sizeof(*cand));
	struct jx_err *errs = jx_calloc(n, sizeof(*errs));
	int rc = 0;

	/* The year's own framework first: if every indicator fits it, no other can win. */
	best = jx_framework_choose(score, d->p->year);
	if (!try_framework(d, best, cand, score, errs) || score[best] < cand[best]->n_ind)
		for (i = 0; i < n; i++)
			if (i != best)
				try_framework(d, i, cand, score, errs);
	best = jx_framework_choose(score, d->p->year);
	for (i = 0; !cand[best] && i < n; i++)
		if (cand[i])
			best = i;
	if (cand[best])
		take_indicators(d->p, cand[best]);
	else
		rc = err ? (*err = errs[best], -1) : -1;
	for (i = 0; i < n; i++)
		jx_project_free(cand[i]);
	free(cand);
	free(errs);
	free(score);
	return rc;
}

static int table_finish(struct doc *d, struct jx_err *err)
{
	unsigned line = d->line;
	int rc;

	if (!d->p)
		return 0;
	d->line = d->p->line;
	if (!d->p->name[0])
		rc = fail(d, 0, err, "此处开始的绩效目标表缺少项目名称（“项目名称”一行）");
	else if (!d->p->year)
		rc = fail(d, 0, err, "项目“%s”缺少年度（标题下应有一行如“(2021年度)”）", d->p->name);
	else if (!d->have_total)
		rc = fail(d, 0, err, "项目“%s”缺少年度资金总额（如“年度资金总额: 3033.00”）", d->p->name);
	else
		rc = resolve_best(d, err);
	if (!rc) {
		free(d->p->goal);
		d->p->goal = jx_strndup(d->goal.ptr, d->goal.len);
		d->line = d->p->line;
		rc = jx_project_finish(d->p, err) ? fail(d, 0, err, "%s", err ? err->msg : "") : 0;
	}
	if (!rc)
		rc = d->sink(d->ctx, d->p, err);
	d->line = line;
	table_reset(d);
	d->state = OUTSIDE;
	return rc;
}

/* ---- the line loop ---- */

/* A cheap test every title passes: short, and ending in 表 once white space is trimmed. */
static bool maybe_title(const char *line, size_t len)
{
	jx_text_trim(&line, &len);
	return len <= 256 && len >= 3 && memcmp(line + len - 3, "表", 3) == 0;
}

static int title_line(struct doc *d, const char *line, size_t len, bool *is_title, struct jx_err *err)
{
	int year = 0, kind;

	*is_title = false;
	if (!maybe_title(line, len)) /* most lines: spare them the key */
		return 0;
	if (d->state == GOAL && memchr(line, '\t', len))
		return 0; /* a cell of goal text that happens to read as a title */
	jx_buf_reset(&d->key);
	jx_text_key(&d->key, line, len);
	kind = title_kind(d->key.ptr, d->key.len, &year);
	if (!kind)
		return 0;
	*is_title = true;
	if (table_finish(d, err))
		return -1;
	if (kind == 2)
		return fail(d, 0, err, "部门整体支出绩效目标表暂不支持导入");
	table_start(d, year);
	return 0;
}

/* True for a page number left in the text by extraction ("- 3 -", "第3页", "3/12"), which may
 * interrupt a table. */
static bool page_marker(const char *k)
{
	static const char *const marks[] = { "-", "—", "第", "页", "共", "/" };
	bool digit = false;
	size_t i, len;

	while (*k) {
		if (*k >= '0' && *k <= '9') {
			digit = true;
			k++;
			continue;
		}
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			len = strlen(marks[i]);
			if (strncmp(k, marks[i], len) == 0)
				break;
		}
		if (i == sizeof(marks) / sizeof(marks[0]))
			return false;
		k += len;
	}
	return digit;
}

static int plain_line(struct doc *d, const char *line, size_t len, struct jx_err *err)
{
	int year;

	jx_buf_reset(&d->key);
	jx_text_key(&d->key, line, len);
	if (d->key.len == 0)
		return 0;
	switch (d->state) {
	case HEADER:
		if (year_form(d->key.ptr, d->key.len, &year)) {
			d->p->year = year;
			return 0;
		}
		return fail(d, 0, err, "无法识别的行“%s”，表格的行应以制表符分隔", line);
	case GOAL:
		return add_goal(d, line, len, err);
	case INDICATORS:
		return page_marker(d->key.ptr) ? 0 : table_finish(d, err);
	default:
		return 0;
	}
}

static int doc_line(struct doc *d, char *line, size_t len, struct jx_err *err)
{
	bool title;

	if (title_line(d, line, len, &title, err))
		return -1;
	if (title)
		return 0;
	if (d->state == OUTSIDE)
		return 0;
	if (!memchr(line, '\t', len))
		return plain_line(d, line, len, err);
	if (split_cells(d, line, len, err))
		return -1;
	if (d->n_lc == 0)
		return 0;
	return d->state == INDICATORS ? buffer_row(d, err) : header_row(d, err);
}

static int doc_read(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct doc d;
	char *line;
	size_t len;
	int rc;

	memset(&d, 0, sizeof(d));
	d.file = in->name;
	d.sink = sink;
	d.ctx = ctx;
	jx_buf_init(&d.goal, MAX_GOAL);
	jx_buf_init(&d.arena, 64 * 1024 * 1024);
	jx_buf_init(&d.key, SIZE_MAX);
	rc = jx_lines_init(&d.lines, in, err);
	while (!rc && (rc = jx_lines_next(&d.lines, &line, &len, err)) == 1) {
		d.line = (unsigned)d.lines.lineno;
		rc = doc_line(&d, line, len, err);
	}
	if (rc == 0)
		rc = table_finish(&d, err);
	if (rc == 0 && d.tables == 0 && d.lines.lineno == 0)
		rc = jx_err_set(err, JX_EINPUT, "%s: 文件为空", in->name);
	else if (rc == 0 && d.tables == 0)
		rc = jx_err_set(err, JX_EINPUT, "%s: 没有找到绩效目标表（应有一行标题“部门预算项目支出绩效目标表”）",
				in->name);
	table_reset(&d);
	jx_lines_free(&d.lines);
	jx_buf_release(&d.goal);
	jx_buf_release(&d.arena);
	jx_buf_release(&d.key);
	free(d.cells);
	free(d.rows);
	free(d.lc);
	return rc < 0 ? -1 : 0;
}

static bool doc_sniff(const char *head, size_t n)
{
	(void)head;
	(void)n;
	return true; /* the fallback: anything that is not another format is read as document text */
}

const struct jx_reader jx_reader_doc = { "text", doc_sniff, doc_read };
