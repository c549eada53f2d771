/*
 * xlsx_flat.c — the flat layout: a header row naming the columns, then a row per indicator with its
 * project's fields beside it (see xlsx_impl.h).
 *
 * Columns are found by their names, in any order, in Chinese or as the JSON form calls the fields
 * (header_fields below); a note in parentheses after a name is allowed ("年度资金总额（万元）"), and
 * for an amount it must say 万元. An unknown column name is an error, as an unknown JSON field is.
 *
 * Beside the columns of header_fields below, the optional fields have columns named by their labels
 * or JSON keys (model.h: 主管部门 … 联系电话, 分值, 指标解释 …; an indicator's also as "indicators.weight"),
 * as jixiao's own flat sheet writes them; 上年结转资金 and 实施期资金总额 are amounts like the others.
 *
 * Rows of one project follow each other: a row with a new 项目名称 (or 年度) begins a project; a row
 * without one continues the project above, as a column merged down its rows reads. A project's fields
 * (预算单位, the funds, 年度目标, 类型, its optional fields) are taken from the first row that gives each,
 * and any later row that gives one again must agree. So are the level labels carried down, as merged
 * level cells read: a row's 一级指标 holds until the next, and a new 一级指标 clears the 二级指标. A row
 * without 三级指标 holds no indicator (a project without indicators has one such row); it may not then
 * have a target, or any other column of an indicator. Each project is checked and its framework chosen
 * as for JSON (jx_project_finish()).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/dec.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"
#include "jixiao/text.h"
#include "jixiao/value.h"
#include "xlsx_impl.h"

enum field {
	F_YEAR, F_KIND, F_NAME, F_UNIT, F_TOTAL, F_FISCAL, F_OTHER, F_CARRYOVER, F_PERIOD_TOTAL, F_GOAL, /* the project's */
	F_LEVEL1, F_LEVEL2, F_INDICATOR, F_MEASURE, F_TARGET,                                     /* the indicator's */
	F_PROJECT_FIELD,                                   /* + jx_pfield: the project's optional fields */
	F_INDICATOR_FIELD = F_PROJECT_FIELD + JX_PF_COUNT, /* + jx_ifield: the indicator's optional columns */
	F_IGNORED = F_INDICATOR_FIELD + JX_IF_COUNT,
	F_COUNT
};

/* The names each column may have beside an optional field's label and JSON key (jx_project_field(),
 * jx_indicator_field(); an indicator's also after "indicators."); matched on their key (NFKC, no
 * spaces), English without case. */
static const struct {
	enum field field;
	const char *names[4];
} header_fields[] = {
	{ F_YEAR, { "年度", "year" } },
	{ F_KIND, { "类型", "kind" } },
	{ F_NAME, { "项目名称", "name" } },
	{ F_UNIT, { "预算单位", "单位名称", "unit" } },
	{ F_TOTAL, { "年度资金总额", "资金总额", "total", "funds.total" } },
	{ F_FISCAL, { "财政拨款", "fiscal", "funds.fiscal" } },
	{ F_OTHER, { "其他资金", "other", "funds.other" } },
	{ F_CARRYOVER, { "上年结转资金", "上年结转", "carryover", "funds.carryover" } },
	{ F_PERIOD_TOTAL, { "实施期资金总额", "period_total", "funds.period_total" } },
	{ F_GOAL, { "年度目标", "goal" } },
	{ F_LEVEL1, { "一级指标", "level1", "indicators.level1" } },
	{ F_LEVEL2, { "二级指标", "level2", "indicators.level2" } },
	{ F_INDICATOR, { "三级指标", "指标名称", "indicator", "indicators.name" } },
	{ F_MEASURE, { "计量单位", "indicators.unit" } },
	{ F_TARGET, { "指标值", "target", "indicators.target" } },
	{ F_PROJECT_FIELD + JX_PF_FUNDS_NOTE, { "funds.note" } },
	{ F_IGNORED, { "序号" } },
};

static const char *const field_names[F_PROJECT_FIELD] = { "年度", "类型", "项目名称", "预算单位", "年度资金总额",
							  "财政拨款", "其他资金", "上年结转资金", "实施期资金总额",
							  "年度目标", "一级指标", "二级指标", "三级指标", "计量单位",
							  "指标值" };

/* What people call a column. */
static const char *field_name(enum field f)
{
	if (f < F_PROJECT_FIELD)
		return field_names[f];
	if (f < F_INDICATOR_FIELD)
		return jx_project_field((enum jx_pfield)(f - F_PROJECT_FIELD))->label;
	return f < F_IGNORED ? jx_indicator_field((enum jx_ifield)(f - F_INDICATOR_FIELD))->label : "";
}

/* Columns a header must have. */
static const enum field required[] = { F_NAME, F_YEAR, F_TOTAL, F_LEVEL1, F_LEVEL2, F_INDICATOR, F_TARGET };

struct column {
	unsigned col;
	enum field field;
};

struct xlsx_flat {
	jx_sink_fn sink;
	void *sink_ctx;
	jx_locate_fn locate;
	void *locate_ctx;
	unsigned count;                        /* projects handed to the sink */
	struct column cols[JX_TABLE_MAX_CELLS]; /* the header's columns, in order */
	size_t n_cols;                          /* 0: no header read */
	unsigned header_row;                    /* where the header is */
	/* the project being read */
	struct jx_project *p;
	bool given[F_COUNT];                    /* project fields given so far */
	const char *l1, *l2;                    /* level labels carried down */
	int year;                               /* the last project's year, carried down */
	unsigned row;                           /* the row being read */
};

static int fail(struct xlsx_flat *f, unsigned col, struct jx_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct xlsx_flat *f, unsigned col, struct jx_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = jx_locate_vfail(f->locate, f->locate_ctx, f->row, col, err, fmt, ap);
	va_end(ap);
	return rc;
}

struct xlsx_flat *xlsx_flat_new(jx_sink_fn sink, void *sink_ctx, jx_locate_fn locate, void *locate_ctx)
{
	struct xlsx_flat *f = jx_calloc(1, sizeof(*f));

	f->sink = sink;
	f->sink_ctx = sink_ctx;
	f->locate = locate;
	f->locate_ctx = locate_ctx;
	return f;
}

void xlsx_flat_free(struct xlsx_flat *f)
{
	if (!f)
		return;
	jx_project_free(f->p);
	free(f);
}

unsigned xlsx_flat_count(const struct xlsx_flat *f)
{
	return f->count;
}

/* ---- the header ---- */

/* The optional field key names by its label or JSON key, F_COUNT if none. */
static enum field optional_field(const char *key)
{
	const char *dotted = strncmp(key, "indicators.", 11) == 0 ? key + 11 : NULL;
	int f;

	for (f = 0; f < JX_PF_COUNT; f++)
		if (strcmp(key, jx_project_field((enum jx_pfield)f)->label) == 0 ||
		    strcmp(key, jx_project_field((enum jx_pfield)f)->key) == 0)
			return (enum field)(F_PROJECT_FIELD + f);
	for (f = 0; f < JX_IF_COUNT; f++)
		if (strcmp(key, jx_indicator_field((enum jx_ifield)f)->label) == 0 ||
		    (dotted && strcmp(dotted, jx_indicator_field((enum jx_ifield)f)->key) == 0))
			return (enum field)(F_INDICATOR_FIELD + f);
	return F_COUNT;
}

/* The field a header cell names, F_COUNT if none; *note receives a parenthesised note after it. */
static enum field header_field(const struct jx_cell *c, struct jx_buf *note)
{
	struct jx_buf key = JX_BUF_INIT;
	enum field field = F_COUNT;
	char *open;
	size_t i, j;

	jx_text_key(&key, c->text, c->len);
	for (i = 0; i < key.len; i++)
		if (key.ptr[i] >= 'A' && key.ptr[i] <= 'Z')
			key.ptr[i] = (char)(key.ptr[i] - 'A' + 'a');
	open = key.len > 2 && key.ptr[key.len - 1] == ')' ? strrchr(key.ptr, '(') : NULL;
	jx_buf_reset(note);
	if (open) {
		jx_buf_add(note, open + 1, (size_t)(key.ptr + key.len - 1 - open - 1), NULL);
		jx_buf_setlen(&key, (size_t)(open - key.ptr));
	}
	for (i = 0; i < sizeof(header_fields) / sizeof(header_fields[0]) && field == F_COUNT; i++)
		for (j = 0; j < 4 && header_fields[i].names[j] && field == F_COUNT; j++)
			if (strcmp(key.ptr, header_fields[i].names[j]) == 0)
				field = header_fields[i].field;
	if (field == F_COUNT)
		field = optional_field(key.ptr);
	jx_buf_release(&key);
	return field;
}

static bool is_money(enum field field)
{
	return field >= F_TOTAL && field <= F_PERIOD_TOTAL;
}

/* True for a field of the project that any of its rows may give (its name and year begin it). */
static bool is_project(enum field field)
{
	return field == F_KIND || (field >= F_UNIT && field < F_LEVEL1) ||
	       (field >= F_PROJECT_FIELD && field < F_INDICATOR_FIELD);
}

/* True for a field that only an indicator's row may give. */
static bool is_indicator(enum field field)
{
	return field == F_MEASURE || field == F_TARGET || (field >= F_INDICATOR_FIELD && field < F_IGNORED);
}

/* Checks a header row's columns: every one known, none twice, the required ones there. */
static int check_header(struct xlsx_flat *f, const struct jx_cell *cells, size_t n, const enum field *fields,
			struct jx_err *err)
{
	bool seen[F_COUNT] = { false };
	size_t i;

	for (i = 0; i < n; i++) {
		if (fields[i] == F_COUNT)
			return fail(f, cells[i].col, err, "无法识别的列名“%.*s”，应为 项目名称、预算单位、年度、年度资金总额、"
				    "财政拨款、其他资金、年度目标、一级指标、二级指标、三级指标、计量单位、指标值、分值 等（见 README）",
				    (int)cells[i].len, cells[i].text);
		if (fields[i] != F_IGNORED && seen[fields[i]])
			return fail(f, cells[i].col, err, "列“%s”出现了两次", field_name(fields[i]));
		seen[fields[i]] = true;
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!seen[required[i]])
			return fail(f, 0, err, "表头缺少列“%s”", field_name(required[i]));
	return 0;
}

/* Checks that the amount columns' notes say 万元. */
static int check_notes(struct xlsx_flat *f, const struct jx_cell *cells, size_t n, const enum field *fields,
		       struct jx_err *err)
{
	struct jx_buf note = JX_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		if (is_money(fields[i]) && header_field(&cells[i], &note) && note.len && strcmp(note.ptr, "万元") != 0)
			rc = fail(f, cells[i].col, err, "金额应以万元为单位，而此列为“%.*s”", (int)cells[i].len, cells[i].text);
	jx_buf_release(&note);
	return rc;
}

int xlsx_flat_header(struct xlsx_flat *f, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err)
{
	enum field fields[JX_TABLE_MAX_CELLS + 1];
	struct jx_buf note = JX_BUF_INIT;
	bool name = false, indicator = false;
	size_t i;

	f->row = row;
	for (i = 0; i < n; i++) {
		fields[i] = header_field(&cells[i], &note);
		name |= fields[i] == F_NAME;
		indicator |= fields[i] == F_INDICATOR;
	}
	jx_buf_release(&note);
	if (!name || !indicator)
		return 0;
	if (n > JX_TABLE_MAX_CELLS)
		return fail(f, cells[JX_TABLE_MAX_CELLS].col, err, "表头超过 %d 列", JX_TABLE_MAX_CELLS);
	if (check_header(f, cells, n, fields, err) || check_notes(f, cells, n, fields, err))
		return -1;
	for (i = 0; i < n; i++)
		f->cols[i] = (struct column){ cells[i].col, fields[i] };
	f->n_cols = n;
	f->header_row = row;
	return 1;
}

/* ---- values ---- */

/* Puts the key of a cell (NFKC without white space) into key. */
static void cell_key(struct jx_buf *key, const struct jx_cell *c)
{
	jx_buf_reset(key);
	jx_text_key(key, c->text, c->len);
}

static int read_year(struct xlsx_flat *f, const struct jx_cell *c, int *year, struct jx_err *err)
{
	struct jx_buf key = JX_BUF_INIT;
	const char *k;
	int y = 0, i;

	cell_key(&key, c);
	k = key.ptr;
	for (i = 0; i < 4 && k[i] >= '0' && k[i] <= '9'; i++)
		y = y * 10 + (k[i] - '0');
	if (i == 4 && (strcmp(k + 4, "") == 0 || strcmp(k + 4, "年") == 0 || strcmp(k + 4, "年度") == 0) && y >= 1949)
		*year = y;
	else
		y = 0;
	jx_buf_release(&key);
	if (!y)
		return fail(f, c->col, err, "年度应为 1949–9999 之间的年份，如 2021，而此处为“%.*s”", (int)c->len, c->text);
	return 0;
}

static int read_money(struct xlsx_flat *f, const struct jx_cell *c, enum field field, jx_money *out, struct jx_err *err)
{
	struct jx_buf key = JX_BUF_INIT;
	char digits[64];
	size_t len;
	int rc = -1;

	cell_key(&key, c);
	len = jx_number_scan(key.ptr, key.len, digits, sizeof(digits));
	if (len && digits[0] != '-' && (len == key.len || strcmp(key.ptr + len, "万元") == 0))
		rc = jx_money_parse(digits, strlen(digits), out);
	jx_buf_release(&key);
	if (rc)
		return fail(f, c->col, err, "%s应为以万元计、不为负、最多两位小数的金额，如 3033.00，而此处为“%.*s”",
			    field_name(field), (int)c->len, c->text);
	return 0;
}

static int read_kind(struct xlsx_flat *f, const struct jx_cell *c, enum jx_kind *kind, struct jx_err *err)
{
	struct jx_buf key = JX_BUF_INIT;
	int rc = 0;

	cell_key(&key, c);
	if (strcmp(key.ptr, "项目") == 0 || strcmp(key.ptr, "project") == 0)
		*kind = JX_KIND_PROJECT;
	else if (strcmp(key.ptr, "部门整体") == 0 || strcmp(key.ptr, "department") == 0)
		*kind = JX_KIND_DEPARTMENT;
	else
		rc = fail(f, c->col, err, "类型应为“项目”或“部门整体”，而此处为“%.*s”", (int)c->len, c->text);
	jx_buf_release(&key);
	return rc;
}

/* The framework in force for year, for labels a row leaves implied. */
static const struct jx_framework *year_framework(int year)
{
	size_t score[16] = { 0 }; /* more than there are frameworks */

	return jx_framework_at(jx_framework_choose(score, year));
}

/* ---- projects ---- */

static int finish_project(struct xlsx_flat *f, struct jx_err *err)
{
	struct jx_project *p = f->p;
	int rc;

	if (!p)
		return 0;
	f->row = p->line;
	if (!f->given[F_TOTAL])
		rc = fail(f, 0, err, "项目“%s”缺少年度资金总额", p->name);
	else if (jx_project_finish(p, err))
		rc = fail(f, 0, err, "%s", err ? err->msg : "");
	else
		rc = f->sink(f->sink_ctx, p, err);
	f->count += rc == 0;
	jx_project_free(p);
	f->p = NULL;
	return rc;
}

static void start_project(struct xlsx_flat *f, const struct jx_cell *name, int year)
{
	f->p = jx_project_new();
	free(f->p->name);
	f->p->name = jx_strndup(name->text, name->len);
	f->p->year = f->year = year;
	f->p->line = f->row;
	memset(f->given, 0, sizeof(f->given));
	f->l1 = f->l2 = NULL;
}

/* Begins a project on a row with a new name or year, or goes on with the one above. */
static int project_of(struct xlsx_flat *f, const struct jx_cell *const *v, const struct jx_cell *first,
		      struct jx_err *err)
{
	int year = f->p ? f->p->year : f->year;
	const struct jx_cell *name = v[F_NAME];

	if (v[F_YEAR] && read_year(f, v[F_YEAR], &year, err))
		return -1;
	if (!name && !f->p)
		return fail(f, first->col, err, "此行之前没有项目：应给出项目名称");
	if (!name && year != f->p->year)
		return fail(f, v[F_YEAR]->col, err, "年度与本项目（%d年度）不同，却没有项目名称", f->p->year);
	if (!name || (f->p && year == f->p->year && strlen(f->p->name) == name->len &&
		      memcmp(f->p->name, name->text, name->len) == 0))
		return 0;
	if (finish_project(f, err))
		return -1;
	if (!year)
		return fail(f, name->col, err, "项目“%.*s”缺少年度", (int)name->len, name->text);
	start_project(f, name, year);
	return 0;
}

static int differs(struct xlsx_flat *f, enum field field, const struct jx_cell *c, struct jx_err *err)
{
	return fail(f, c->col, err, "与本项目前面给出的%s不同（此处为“%.*s”）", field_name(field), (int)c->len, c->text);
}

/* Reads cell c as field of the project: the first time it is given it is set, later it must agree. */
static int project_field(struct xlsx_flat *f, enum field field, const struct jx_cell *c, struct jx_err *err)
{
	struct jx_project *p = f->p;
	bool given = f->given[field];
	enum jx_kind kind = JX_KIND_PROJECT;
	jx_money m = 0;
	char **text;

	if (field == F_KIND) {
		if (read_kind(f, c, &kind, err) || (given && kind != p->kind && differs(f, field, c, err)))
			return -1;
		p->kind = kind;
	} else if (is_money(field)) {
		jx_money *slot = field == F_TOTAL	  ? &p->total
				 : field == F_FISCAL	  ? &p->fiscal
				 : field == F_OTHER	  ? &p->other
				 : field == F_CARRYOVER ? &p->carryover
							  : &p->period_total;

		if (read_money(f, c, field, &m, err) || (given && m != *slot && differs(f, field, c, err)))
			return -1;
		*slot = m;
	} else {
		text = field == F_UNIT ? &p->unit : field == F_GOAL ? &p->goal : &p->f[field - F_PROJECT_FIELD];
		if (given && (strlen(*text) != c->len || memcmp(*text, c->text, c->len) != 0))
			return differs(f, field, c, err);
		free(*text);
		*text = jx_strndup(c->text, c->len);
	}
	f->given[field] = true;
	return 0;
}

/* ---- indicators ---- */

static int set_label(struct xlsx_flat *f, const struct jx_cell *c, enum jx_label level, struct jx_err *err)
{
	struct jx_buf key = JX_BUF_INIT;
	const char *label;

	cell_key(&key, c);
	label = jx_framework_canonical(key.ptr, level);
	jx_buf_release(&key);
	if (!label)
		return fail(f, c->col, err, "“%.*s”不是%s", (int)c->len, c->text,
			    level == JX_LABEL_L1 ? "一级指标（产出指标、效益指标、满意度指标…）" : "二级指标（数量指标、质量指标…）");
	if (level == JX_LABEL_L1) {
		f->l1 = label;
		f->l2 = NULL;
	} else {
		f->l2 = label;
		f->l1 = f->l1 ? f->l1 : jx_framework_parent(year_framework(f->p->year), label);
	}
	return 0;
}

/* The indicator's optional columns that the row gives. */
static void optional_columns(struct jx_indicator *ind, const struct jx_cell *const *v)
{
	int k;

	for (k = 0; k < JX_IF_COUNT; k++)
		if (v[F_INDICATOR_FIELD + k])
			ind->f[k] = jx_strndup(v[F_INDICATOR_FIELD + k]->text, v[F_INDICATOR_FIELD + k]->len);
}

static int add_indicator(struct xlsx_flat *f, const struct jx_cell *const *v, struct jx_err *err)
{
	const struct jx_cell *name = v[F_INDICATOR], *measure = v[F_MEASURE], *target = v[F_TARGET];
	struct jx_indicator ind = { 0 }, *slot;
	const char *l2 = f->l2;
	char *unit;
	int rc;

	if (!f->l1)
		return fail(f, name->col, err, "指标“%.*s”没有一级指标", (int)name->len, name->text);
	if (!l2 && !(l2 = jx_framework_only_child(year_framework(f->p->year), f->l1)))
		return fail(f, name->col, err, "指标“%.*s”没有二级指标", (int)name->len, name->text);
	unit = measure ? jx_strndup(measure->text, measure->len) : NULL;
	rc = jx_indicator_fill(&ind, f->l1, l2, name->text, name->len, unit, target ? target->text : NULL,
			       target ? target->len : 0, err);
	free(unit);
	if (rc)
		return fail(f, target ? target->col : name->col, err, "%s", err ? err->msg : "");
	optional_columns(&ind, v);
	slot = jx_project_add(f->p, err);
	if (!slot) {
		jx_indicator_clear(&ind);
		return fail(f, name->col, err, "%s", err ? err->msg : "");
	}
	*slot = ind;
	return 0;
}

/* The field of a row without 三级指标 that only an indicator may have (its target first), or -1. */
static int stray(const struct jx_cell *const *v)
{
	int k;

	if (v[F_TARGET])
		return F_TARGET;
	for (k = 0; k < F_COUNT; k++)
		if (v[k] && is_indicator((enum field)k))
			return k;
	return -1;
}

static int indicator_of(struct xlsx_flat *f, const struct jx_cell *const *v, struct jx_err *err)
{
	int k;

	if ((v[F_LEVEL1] && set_label(f, v[F_LEVEL1], JX_LABEL_L1, err)) ||
	    (v[F_LEVEL2] && set_label(f, v[F_LEVEL2], JX_LABEL_L2, err)))
		return -1;
	if (v[F_INDICATOR])
		return add_indicator(f, v, err);
	if ((k = stray(v)) >= 0)
		return fail(f, v[k]->col, err, "有%s而没有三级指标（指标名称）", field_name((enum field)k));
	return 0;
}

/* ---- rows ---- */

/* Finds the cell of each field in the row (NULL where it has none). */
static int map_row(struct xlsx_flat *f, const struct jx_cell *cells, size_t n, const struct jx_cell **v,
		   struct jx_err *err)
{
	size_t i, j = 0;

	memset(v, 0, F_COUNT * sizeof(*v));
	if (n > JX_TABLE_MAX_CELLS)
		return fail(f, cells[JX_TABLE_MAX_CELLS].col, err, "一行的单元格超过 %d 个", JX_TABLE_MAX_CELLS);
	for (i = 0; i < n; i++) {
		while (j < f->n_cols && f->cols[j].col < cells[i].col)
			j++;
		if (j == f->n_cols || f->cols[j].col != cells[i].col)
			return fail(f, cells[i].col, err, "此列没有列名（表头在第 %u 行）", f->header_row);
		v[f->cols[j].field] = &cells[i];
	}
	return 0;
}

int xlsx_flat_row(struct xlsx_flat *f, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err)
{
	const struct jx_cell *v[F_COUNT];
	int k;

	f->row = row;
	if (map_row(f, cells, n, v, err) || project_of(f, v, &cells[0], err))
		return -1;
	for (k = 0; k < F_COUNT; k++)
		if (v[k] && is_project((enum field)k) && project_field(f, (enum field)k, v[k], err))
			return -1;
	return indicator_of(f, v, err);
}

int xlsx_flat_finish(struct xlsx_flat *f, struct jx_err *err)
{
	int rc = finish_project(f, err);

	f->n_cols = 0;
	f->year = 0;
	return rc;
}
