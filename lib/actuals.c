/*
 * actuals.c — actual values: their grammar, finding their indicators, the latest of each, and the
 * all-or-nothing import from CSV (libcsv) or JSON (jansson). See actuals.h.
 */
#include <csv.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/actuals.h"
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/clock.h"
#include "jixiao/err.h"
#include "jixiao/evaluation.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/value.h"

#define MAX_FIELD (64 * 1024)         /* bytes of one CSV field */
#define MAX_JSON (64 * 1024 * 1024)   /* bytes of a JSON actuals file, read whole */

static const char *const level_names[JX_N_LEVELS] = { "", "达成", "部分达成", "未达成" };

const char *jx_level_name(enum jx_level l)
{
	return level_names[l];
}

/* ---- the grammar ---- */

/* Reads a percentage "75%" or "75" at the start of the key text s[0..n); 0 if there is none. */
static int percent(const char *s, size_t n, struct jx_dec *out)
{
	char digits[JX_DEC_STRMAX];
	size_t used = jx_number_scan(s, n, digits, sizeof(digits));

	if (!used || jx_dec_parse(digits, strlen(digits), out))
		return -1;
	if (used < n && !(n - used == 1 && s[used] == '%'))
		return -1;
	return 0;
}

/* Whether s[0..n) holds only the characters of a canonical decimal (s need not end in NUL). */
static bool canonical_number(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strchr("-.0123456789", s[i]) || s[i] == '\0')
			return false;
	return n > 0;
}

int jx_actual_parse(const char *s, size_t n, struct jx_actual_value *v, char *unit, size_t cap)
{
	struct jx_buf key = JX_BUF_INIT;
	char digits[JX_DEC_STRMAX];
	size_t used, i, rest;
	int rc = -1;

	memset(v, 0, sizeof(*v));
	if (cap)
		unit[0] = '\0';
	/* the canonical form of a number, as stored: no folding needed */
	if (canonical_number(s, n) && n <= JX_DEC_STRMAX && !jx_dec_parse(s, n, &v->value))
		return jx_dec_digits(v->value) > JX_TARGET_MAXDIGITS ? -1 : 0;
	jx_text_key(&key, s, n);
	for (i = JX_N_LEVELS - 1; i > 0; i--) { /* 部分达成 and 未达成 before 达成, which ends them */
		size_t len = strlen(level_names[i]);

		if (key.len >= len && memcmp(key.ptr, level_names[i], len) == 0) {
			const char *p = key.ptr + len;

			rest = key.len - len;
			while (rest && *p == ' ')
				p++, rest--;
			v->level = (enum jx_level)i;
			v->has_percent = rest > 0;
			rc = rest == 0 || percent(p, rest, &v->value) == 0 ? 0 : -1;
			goto done;
		}
	}
	used = jx_number_scan(key.ptr, key.len, digits, sizeof(digits));
	if (!used || jx_dec_parse(digits, strlen(digits), &v->value) || jx_dec_digits(v->value) > JX_TARGET_MAXDIGITS)
		goto done;
	rest = key.len - used;
	if (rest >= cap || (rest && !jx_unit_plausible(key.ptr + used, rest) && strcmp(key.ptr + used, "%") != 0))
		goto done;
	memcpy(unit, key.ptr + used, rest);
	unit[rest] = '\0';
	rc = 0;
done:
	jx_buf_release(&key);
	return rc;
}

char *jx_actual_format(const struct jx_actual_value *v, char *out)
{
	char num[JX_DEC_STRMAX];

	if (v->level == JX_LEVEL_NONE)
		return jx_dec_format(v->value, out);
	if (v->has_percent)
		snprintf(out, JX_ACTUAL_MAX, "%s %s%%", level_names[v->level], jx_dec_format(v->value, num));
	else
		snprintf(out, JX_ACTUAL_MAX, "%s", level_names[v->level]);
	return out;
}

/* ---- indicators and the latest actuals ---- */

int jx_indicator_find(const struct jx_project *p, const char *name, size_t *index, struct jx_err *err)
{
	struct jx_buf unit = JX_BUF_INIT, units = JX_BUF_INIT;
	size_t len = strlen(name), i, hits = 0;
	bool has_unit = jx_name_split_unit(name, &len, &unit);
	int rc = 0;

	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];

		if (strlen(ind->name) != len || memcmp(ind->name, name, len) != 0)
			continue;
		if (has_unit && !(ind->unit && strcmp(ind->unit, unit.ptr) == 0))
			continue;
		jx_buf_addf(&units, NULL, "%s%s", hits ? "、" : "", ind->unit ? ind->unit : "无单位");
		if (hits++ == 0)
			*index = i;
	}
	if (hits == 0)
		rc = jx_err_set(err, JX_ENOTFOUND, "项目“%s”没有名为“%s”的指标", p->name, name);
	else if (hits > 1)
		rc = jx_err_set(err, JX_EAMBIGUOUS, "项目“%s”有 %zu 条名为“%.*s”的指标（单位：%s），请写明单位，如“%.*s(%s)”",
				p->name, hits, (int)len, name, units.ptr, (int)len, name,
				p->ind[*index].unit ? p->ind[*index].unit : "");
	jx_buf_release(&unit);
	jx_buf_release(&units);
	return rc;
}

static struct jx_actual copy_actual(const struct jx_actual *a)
{
	struct jx_actual c = *a;

	c.indicator = jx_strdup(a->indicator);
	c.unit = jx_strdup(a->unit ? a->unit : "");
	c.value = jx_strdup(a->value);
	c.as_of = jx_strdup(a->as_of);
	c.reason = a->reason ? jx_strdup(a->reason) : NULL;
	c.at = jx_strdup(a->at ? a->at : "");
	c.user = jx_strdup(a->user ? a->user : "");
	return c;
}

static void free_actual(struct jx_actual *a)
{
	free((char *)a->indicator);
	free((char *)a->unit);
	free((char *)a->value);
	free((char *)a->as_of);
	free((char *)a->reason);
	free((char *)a->at);
	free((char *)a->user);
}

/* Orders by indicator and unit, then by date, then as recorded (the rows' order, kept in project_id
 * while sorting: see jx_actuals_latest). */
static int by_key_date(const void *x, const void *y)
{
	const struct jx_actual *a = x, *b = y;
	int c = strcmp(a->indicator, b->indicator);

	if (!c)
		c = strcmp(a->unit, b->unit);
	if (!c)
		c = strcmp(a->as_of, b->as_of);
	return c ? c : (a->project_id > b->project_id) - (a->project_id < b->project_id);
}

void jx_actuals_latest(const struct jx_actual *rows, size_t n, const char *until, struct jx_actuals *out)
{
	struct jx_actual *all = jx_calloc(n + 1, sizeof(*all));
	int64_t project = n ? rows[0].project_id : 0;
	size_t i, k = 0, m = 0;

	for (i = 0; i < n; i++) {
		if (until && strcmp(rows[i].as_of, until) > 0)
			continue;
		all[m] = rows[i];
		all[m].unit = rows[i].unit ? rows[i].unit : "";
		all[m++].project_id = (int64_t)i; /* the recording order, for ties of date */
	}
	n = m;
	qsort(all, n, sizeof(*all), by_key_date);
	for (i = 0; i < n; i++) {
		if (i + 1 < n && strcmp(all[i].indicator, all[i + 1].indicator) == 0 && strcmp(all[i].unit, all[i + 1].unit) == 0)
			continue; /* a later one follows */
		all[k] = all[i];
		all[k++].project_id = project;
	}
	*out = (struct jx_actuals){ all, k, NULL, 0 };
}

void jx_actuals_free(struct jx_actuals *a)
{
	size_t i;

	for (i = 0; i < a->n_own; i++)
		free_actual(&a->own[i]);
	free(a->own);
	free(a->a);
	*a = (struct jx_actuals){ NULL, 0, NULL, 0 };
}

const struct jx_actual *jx_actuals_get(const struct jx_actuals *a, const char *name, const char *unit)
{
	struct jx_actual key = { 0, name, unit ? unit : "", NULL, NULL, NULL, NULL, NULL };

	if (!a->a)
		return NULL;
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(a->a[mid].indicator, key.indicator);

		if (!c)
			c = strcmp(a->a[mid].unit, key.unit);
		if (!c)
			return &a->a[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct collected {
	struct jx_actual *a;
	size_t n, cap;
};

static int collect(void *ctx, const struct jx_actual *a, struct jx_err *err)
{
	struct collected *c = ctx;

	(void)err;
	jx_grow(&c->a, sizeof(*c->a), c->n + 1, &c->cap);
	c->a[c->n++] = copy_actual(a);
	return 0;
}

int jx_actuals_load(struct jx_store *st, int64_t id, const char *until, struct jx_actuals *out, struct jx_err *err)
{
	struct collected c = { NULL, 0, 0 };
	size_t i;
	int rc = jx_store_actuals(st, id, collect, &c, err);

	if (!rc) {
		jx_actuals_latest(c.a, c.n, until, out);
		out->own = c.a;
		out->n_own = c.n;
		return 0;
	}
	for (i = 0; i < c.n; i++)
		free_actual(&c.a[i]);
	free(c.a);
	return rc;
}

/* ---- importing ---- */

struct importer {
	struct jx_store *st;
	const struct jx_eval *settings;
	int year;
	const char *user;
	char at[JX_TIME_MAX];
	char today[JX_DATE_MAX];
	struct jx_project *p;   /* the project of the last row, kept for the next */
	char *p_ref;            /* how the last row named it */
	int64_t *ids;           /* the projects rows were stored for */
	size_t n_ids, cap_ids;
	struct jx_actuals_stats stats;
};

/* Units that count things: an actual in one of them cannot be negative. */
static bool count_unit(const char *u)
{
	static const char *const units[] = { "人", "人次", "万人", "万人次", "户", "个", "次", "家", "所", "项", "台",
					      "套", "场", "亩", "万亩", "吨", "万吨", "辆", "天", "万元", "元", "亿元",
					      "公里", "千米", "米", "平方米", "册", "份", "篇", "期", "批", "座", "处",
					      "件", "名", "只", "头", "株", "棵", "间", "张", "本", "部", "条", "小时",
					      "课时", "学时", "所次", "人天", "套次", "个次" };
	size_t i;

	for (i = 0; u && i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(u, units[i]) == 0)
			return true;
	return false;
}

/* Checks a date YYYY-MM-DD: digits only, as dates are compared as text (sscanf's %d alone would take
 * "2021- 6-30" or "2021-06-+3"). */
static bool valid_date(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n = 0, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return false;
	if (y < 1949 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* The day an actual given without one stands for: the day of the import within the project's year, the
 * year's last day after it (a year-end evaluation); counted in the stats, so that the caller says which. */
static const char *default_date(struct importer *im, char *date, struct jx_err *err)
{
	int y = atoi(im->today);

	if (y < im->p->year) {
		jx_err_set(err, JX_EINPUT, "没有截至日期，而项目的年度（%d年）还没有开始：请写明截至日期", im->p->year);
		return NULL;
	}
	if (y == im->p->year) {
		im->stats.dated_today++;
		return memcpy(date, im->today, JX_DATE_MAX);
	}
	im->stats.dated_year_end++;
	snprintf(date, JX_DATE_MAX, "%04d-12-31", im->p->year);
	return date;
}

static int load_project(struct importer *im, const char *ref, struct jx_err *err)
{
	int64_t id;

	if (im->p && strcmp(im->p_ref, ref) == 0)
		return 0;
	jx_project_free(im->p);
	free(im->p_ref);
	im->p = NULL;
	im->p_ref = NULL;
	if (jx_store_resolve(im->st, ref, im->year, &id, err) || jx_store_get(im->st, id, &im->p, err))
		return -1;
	im->p_ref = jx_strdup(ref);
	return 0;
}

/* Checks the value against the indicator (NULL: 全年执行数). */
static int check_value(const struct importer *im, const struct jx_indicator *ind, const struct jx_actual_value *v,
		       const char *unit, struct jx_err *err)
{
	const struct jx_eval_settings *s = jx_eval_for_year(im->settings, im->p->year);
	char lo[JX_DEC_STRMAX], hi[JX_DEC_STRMAX];

	if (!ind) {
		if (v->level != JX_LEVEL_NONE || v->value.coef < 0 || (*unit && strcmp(unit, "万元") != 0))
			return jx_err_set(err, JX_EINPUT, "全年执行数应为以万元计的非负数字");
		return 0;
	}
	if (!ind->target) /* an indicator the table gives no target: whatever happened is recorded */
		return 0;
	if (ind->op == JX_OP_NONE && v->level == JX_LEVEL_NONE)
		return jx_err_set(err, JX_EINPUT, "指标“%s”是定性指标，实际值应为 达成、部分达成 或 未达成（可加百分比，如“部分达成 75%%”）",
				  ind->name);
	if (ind->op != JX_OP_NONE && v->level != JX_LEVEL_NONE)
		return jx_err_set(err, JX_EINPUT, "指标“%s”是定量指标（%s），实际值应为数字", ind->name, ind->target);
	if (v->level == JX_LEVEL_NONE && *unit && !(ind->unit && strcmp(unit, ind->unit) == 0))
		return jx_err_set(err, JX_EINPUT, "指标“%s”的单位是“%s”，实际值却写了“%s”", ind->name,
				  ind->unit ? ind->unit : "（无）", unit);
	if (v->level == JX_LEVEL_NONE && v->value.coef < 0 && count_unit(ind->unit))
		return jx_err_set(err, JX_EINPUT, "指标“%s”以“%s”计数，实际值不能是负数", ind->name, ind->unit);
	if (v->has_percent && (jx_dec_cmp(v->value, s->band_low[v->level]) < 0 || jx_dec_cmp(v->value, s->band_high[v->level]) > 0))
		return jx_err_set(err, JX_EINPUT, "%s的百分比应在 %s%%–%s%% 之间", level_names[v->level],
				  jx_dec_format(s->band_low[v->level], lo), jx_dec_format(s->band_high[v->level], hi));
	return 0;
}

/* Checks one row and stores it. Fields may be NULL when absent. */
static int take_row(struct importer *im, const char *project, const char *indicator, const char *actual,
		    const char *as_of, const char *reason, struct jx_err *err)
{
	struct jx_actual_value v;
	const struct jx_indicator *ind = NULL;
	char unit[JX_UNIT_MAX], text[JX_ACTUAL_MAX], date[JX_DATE_MAX];
	struct jx_actual a;
	size_t i;

	if (!project || !*project || !indicator || !*indicator || !actual || !*actual)
		return jx_err_set(err, JX_EINPUT, "项目、指标和实际值都不能为空");
	if (as_of && *as_of && !valid_date(as_of))
		return jx_err_set(err, JX_EINPUT, "日期“%s”应写作 2021-06-30 这样的年-月-日", as_of);
	if (!jx_utf8_valid(actual, strlen(actual)) || jx_actual_parse(actual, strlen(actual), &v, unit, sizeof(unit)))
		return jx_err_set(err, JX_EINPUT, "实际值“%.64s”应为数字，或 达成、部分达成、未达成", actual);
	if (reason && (jx_text_has_control(reason, true) || !jx_utf8_valid(reason, strlen(reason))))
		return jx_err_set(err, JX_EINPUT, "偏差原因含有控制字符");
	if (load_project(im, project, err))
		return -1;
	if (im->p->status != JX_APPROVED)
		return jx_err_set(err, JX_ECONFLICT, "项目“%s”是%s状态：实际完成值只能录入已批准的绩效目标表", im->p->name,
				  jx_status_label(im->p->status));
	if (!(as_of && *as_of) && !(as_of = default_date(im, date, err)))
		return -1;
	if (atoi(as_of) != im->p->year)
		return jx_err_set(err, JX_EINPUT, "截至日期 %s 不在项目的年度（%d年）之内", as_of, im->p->year);
	if (strcmp(indicator, JX_SPENT) != 0) {
		if (jx_indicator_find(im->p, indicator, &i, err))
			return -1;
		ind = &im->p->ind[i];
	}
	if (check_value(im, ind, &v, unit, err))
		return -1;
	a = (struct jx_actual){ im->p->id,
				ind ? ind->name : JX_SPENT,
				ind && ind->unit ? ind->unit : ind ? "" : "万元",
				jx_actual_format(&v, text),
				as_of,
				reason && *reason ? reason : NULL,
				im->at,
				im->user };
	if (jx_store_add_actual(im->st, &a, err))
		return -1;
	jx_grow(&im->ids, sizeof(*im->ids), im->n_ids + 1, &im->cap_ids);
	im->ids[im->n_ids++] = im->p->id;
	im->stats.rows++;
	return 0;
}

/* -- CSV -- */

enum { COL_PROJECT, COL_INDICATOR, COL_ACTUAL, COL_AS_OF, COL_REASON, N_COLS };

static const char *const col_names[N_COLS][3] = {
	{ "project", "项目", "项目名称" },   { "indicator", "指标", "指标名称" },
	{ "actual", "实际值", "实际完成值" }, { "as_of", "日期", "截至日期" },
	{ "reason", "偏差原因", "偏差原因分析及改进措施" },
};

struct csv_reader {
	struct importer *im;
	const char *name;       /* the input's name, for messages */
	unsigned long line;     /* where the current record started */
	unsigned long next;     /* the line being fed */
	char **fields;          /* the current record's fields */
	size_t n, cap;
	int col[N_COLS];        /* the field each column is in, -1 if absent */
	size_t n_cols;          /* the header's columns: a row may not have more fields */
	bool header_done;
	int failed;             /* an error stopped the reading */
	struct jx_err *err;
};

static void *capped_realloc(void *p, size_t n)
{
	return n > MAX_FIELD + 64 ? NULL : realloc(p, n);
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct csv_reader *r = ctx;

	if (r->failed)
		return;
	jx_grow(&r->fields, sizeof(*r->fields), r->n + 1, &r->cap);
	r->fields[r->n++] = jx_strndup(data ? data : "", len);
}

static int header(struct csv_reader *r)
{
	size_t i;
	int c, k;

	for (c = 0; c < N_COLS; c++)
		r->col[c] = -1;
	for (i = 0; i < r->n; i++) {
		const char *f = r->fields[i];

		for (c = 0; c < N_COLS; c++)
			for (k = 0; k < 3; k++)
				if (strcmp(f, col_names[c][k]) == 0)
					goto found;
		return jx_err_set(r->err, JX_EINPUT, "%s:%lu: 未知的列“%.64s”（应为 project、indicator、actual、as_of、reason）",
				  r->name, r->line, f);
found:
		if (r->col[c] >= 0)
			return jx_err_set(r->err, JX_EINPUT, "%s:%lu: 列“%s”出现了两次", r->name, r->line, f);
		r->col[c] = (int)i;
	}
	r->n_cols = r->n;
	for (c = 0; c < COL_AS_OF; c++)
		if (r->col[c] < 0)
			return jx_err_set(r->err, JX_EINPUT, "%s:%lu: 缺少列“%s”（第一行应为列名：project,indicator,actual[,as_of[,reason]]）",
					  r->name, r->line, col_names[c][0]);
	return 0;
}

static const char *field(const struct csv_reader *r, int c)
{
	return r->col[c] >= 0 && (size_t)r->col[c] < r->n ? r->fields[r->col[c]] : NULL;
}

static void on_row(int term, void *ctx)
{
	struct csv_reader *r = ctx;
	size_t i;

	(void)term;
	if (!r->failed && (r->n == 0 || (r->n == 1 && r->fields[0][0] == '\0'))) {
		/* a blank line (reported, with CSV_REPALL_NL, so that the line count goes on) */
	} else if (!r->failed && !r->header_done) {
		r->failed = header(r);
		r->header_done = true;
	} else if (!r->failed) {
		if (r->n > r->n_cols || (size_t)r->col[COL_ACTUAL] >= r->n)
			r->failed = jx_err_set(r->err, JX_EINPUT, "%s:%lu: 这一行有 %zu 个字段，与列名不符", r->name, r->line, r->n);
		else if (take_row(r->im, field(r, COL_PROJECT), field(r, COL_INDICATOR), field(r, COL_ACTUAL),
				  field(r, COL_AS_OF), field(r, COL_REASON), r->err))
			r->failed = jx_err_prefix(r->err, "%s:%lu", r->name, r->line);
	}
	for (i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
	r->line = r->next + 1;
}

static int read_csv(struct importer *im, struct jx_input *in, struct jx_err *err)
{
	struct csv_reader r = { im, in->name, 1, 0, NULL, 0, 0, { 0 }, 0, false, 0, err };
	struct csv_parser p;
	struct jx_lines lines;
	char *line;
	size_t len;
	int got = 0;

	if (jx_lines_init(&lines, in, err))
		return -1;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL | CSV_REPALL_NL);
	csv_set_realloc_func(&p, capped_realloc);
	while (!r.failed && (got = jx_lines_next(&lines, &line, &len, err)) == 1) {
		r.next = lines.lineno;
		if (!jx_utf8_valid(line, len))
			r.failed = jx_err_set(err, JX_EINPUT, "%s:%lu: 不是有效的 UTF-8", in->name, lines.lineno);
		else if (csv_parse(&p, line, len, on_field, on_row, &r) != len || csv_parse(&p, "\n", 1, on_field, on_row, &r) != 1)
			r.failed = jx_err_set(err, JX_EINPUT, "%s:%lu: CSV 格式错误: %s", in->name, lines.lineno,
					      csv_error(&p) == CSV_ETOOBIG || csv_error(&p) == CSV_ENOMEM ? "字段过长"
												     : csv_strerror(csv_error(&p)));
	}
	if (!r.failed && got == 0 && csv_fini(&p, on_field, on_row, &r))
		r.failed = jx_err_set(err, JX_EINPUT, "%s:%lu: CSV 格式错误: 引号没有闭合", in->name, r.line);
	if (!r.failed && got == 0 && !r.header_done)
		r.failed = jx_err_set(err, JX_EINPUT, "%s: 没有内容（第一行应为列名：project,indicator,actual[,as_of[,reason]]）", in->name);
	for (len = 0; len < r.n; len++)
		free(r.fields[len]);
	free(r.fields);
	csv_free(&p);
	jx_lines_free(&lines);
	return r.failed || got < 0 ? -1 : 0;
}

/* -- JSON -- */

static const char *member(json_t *o, const char *key, char *buf, size_t size)
{
	json_t *v = json_object_get(o, key);

	if (json_is_integer(v)) { /* a project given by its id */
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return json_string_value(v);
}

static int json_row(struct importer *im, json_t *o, struct jx_err *err)
{
	static const char *const keys[] = { "project", "indicator", "actual", "as_of", "reason" };
	char id[32];
	const char *k;
	json_t *v;
	size_t i;

	if (!json_is_object(o))
		return jx_err_set(err, JX_EINPUT, "应为 JSON 对象");
	json_object_foreach(o, k, v) {
		for (i = 0; i < 5 && strcmp(keys[i], k) != 0; i++)
			;
		if (i == 5)
			return jx_err_set(err, JX_EINPUT, "未知的字段“%.64s”（应为 project、indicator、actual、as_of、reason）", k);
		if (!json_is_string(v) && !(i == 0 && json_is_integer(v)) && !(i == 4 && json_is_null(v)))
			return jx_err_set(err, JX_EINPUT, "%s 应为字符串", k);
	}
	return take_row(im, member(o, "project", id, sizeof(id)), json_string_value(json_object_get(o, "indicator")),
			json_string_value(json_object_get(o, "actual")), json_string_value(json_object_get(o, "as_of")),
			json_string_value(json_object_get(o, "reason")), err);
}

static int read_json(struct importer *im, struct jx_input *in, struct jx_err *err)
{
	json_error_t je;
	json_t *doc, *rows, *row;
	size_t i;
	int rc = 0;

	rc = jx_input_read_all(in, MAX_JSON, err);
	if (rc > 0)
		return jx_err_set(err, JX_ETOOBIG, "%s: JSON 实际值文件超过 %d MiB，请改用 CSV 或分成几个文件", in->name,
				  MAX_JSON >> 20);
	if (rc < 0)
		return -1;
	doc = json_loadb(jx_input_ptr(in), jx_input_avail(in), JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return jx_err_set(err, JX_EINPUT, "%s:%d: JSON 格式错误: %s", in->name, je.line, je.text);
	rows = json_object_get(doc, "actuals");
	if (!json_is_object(doc) || json_object_size(doc) != 1 || !json_is_array(rows))
		rc = jx_err_set(err, JX_EINPUT, "%s: JSON 应为 {\"actuals\": [ … ]}", in->name);
	json_array_foreach(rows, i, row) {
		if (rc)
			break;
		if (json_row(im, row, err))
			rc = jx_err_prefix(err, "%s: 第 %zu 项", in->name, i + 1);
	}
	json_decref(doc);
	return rc;
}

static bool is_json(struct jx_input *in)
{
	const char *s = jx_input_ptr(in);
	size_t i = 0, n = jx_input_avail(in);

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i < n && s[i] == '{';
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int jx_actuals_import(struct jx_store *st, struct jx_input *in, const struct jx_eval *settings, int year,
		      const char *user, struct jx_actuals_stats *stats, struct jx_err *err)
{
	struct importer im = { st, settings, year, user ? user : "unknown", "", "", NULL, NULL, NULL, 0, 0, { 0, 0, 0, 0 } };
	struct jx_eval *own = NULL;
	size_t i;
	int rc;

	if (!settings) {
		if (jx_eval_load(&own, NULL, err))
			return -1;
		im.settings = own;
	}
	jx_now(im.at);
	snprintf(im.today, sizeof(im.today), "%.10s", im.at);
	rc = jx_input_fill(in, JX_INPUT_CHUNK, err) || jx_store_begin(st, err);
	if (rc) {
		jx_eval_free(own);
		return -1;
	}
	rc = is_json(in) ? read_json(&im, in, err) : read_csv(&im, in, err);
	rc = jx_store_end(st, rc, err);
	if (im.n_ids)
		qsort(im.ids, im.n_ids, sizeof(*im.ids), by_id);
	for (i = 0; i < im.n_ids; i++)
		im.stats.projects += i == 0 || im.ids[i] != im.ids[i - 1];
	if (stats)
		*stats = rc ? (struct jx_actuals_stats){ 0, 0, 0, 0 } : im.stats;
	jx_project_free(im.p);
	free(im.p_ref);
	free(im.ids);
	jx_eval_free(own);
	return rc ? -1 : 0;
}
