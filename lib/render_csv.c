/*
 * render_csv.c — a row per indicator with its project's fields repeated (RFC 4180), UTF-8 with a BOM so
 * that Excel opens it right. A table without indicators still gets one row. The optional fields and
 * columns follow the columns of old, which keep their places.
 *
 * A field beginning with = + - @, tab or CR is prefixed with ' so that a spreadsheet opening a published file
 * takes it for text, not a formula (a target such as "=100.0%", or something worse). The JSON form
 * carries the values untouched.
 */
#include <stdio.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/model.h"
#include "jixiao/render.h"
#include "render_impl.h"

/* The columns: the project's, the indicator's, then the optional ones (render_impl.h) — the indicator's
 * columns, the project's header fields, 上年结转资金, 实施期资金总额 and 年度主要任务 — always all of them, so
 * that every file has the same columns whatever its tables hold. */
static const char header[] = "年度,类型,项目名称,预算单位,年度资金总额（万元）,财政拨款（万元）,其他资金（万元）,年度目标,"
			     "一级指标,二级指标,三级指标,计量单位,指标值";

static void *csv_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	int f;

	(void)o;
	jx_buf_adds(out, "\xEF\xBB\xBF", NULL);
	jx_buf_adds(out, header, NULL);
	for (f = 0; f < JX_IF_COUNT; f++)
		jx_buf_addf(out, NULL, ",%s", jx_indicator_field((enum jx_ifield)f)->label);
	for (f = 0; f < JX_PF_COUNT; f++)
		jx_buf_addf(out, NULL, ",%s", jx_project_field((enum jx_pfield)f)->label);
	jx_buf_adds(out, ",上年结转资金（万元）,实施期资金总额（万元）,年度主要任务（万元）\r\n", NULL);
	return NULL;
}

/* Appends one field, quoted when it must be, then a comma (NULL: an empty field). */
static void field(struct jx_buf *out, const char *s)
{
	bool quote = s && strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		jx_buf_addc(out, '"', NULL);
	if (s && s[0] && strchr("=+-@\t\r", s[0]))
		jx_buf_addc(out, '\'', NULL);
	for (; s && *s; s++) {
		if (*s == '"')
			jx_buf_addc(out, '"', NULL);
		jx_buf_addc(out, *s, NULL);
	}
	if (quote)
		jx_buf_addc(out, '"', NULL);
	jx_buf_addc(out, ',', NULL);
}

/* Ends a row: its last comma becomes the line's end. */
static void end_row(struct jx_buf *out)
{
	jx_buf_setlen(out, out->len - 1);
	jx_buf_adds(out, "\r\n", NULL);
}

static void money(struct jx_buf *out, jx_money m)
{
	char s[JX_DEC_STRMAX];

	field(out, jx_money_format(m, s));
}

/* The project's fields that every one of its rows repeats. */
static void project_fields(struct jx_buf *out, const struct jx_project *p)
{
	char year[16];

	snprintf(year, sizeof(year), "%d", p->year);
	field(out, year);
	field(out, p->kind == JX_KIND_DEPARTMENT ? "部门整体" : "项目");
	field(out, p->name);
	field(out, p->unit);
	money(out, p->total);
	money(out, p->fiscal);
	money(out, p->other);
	field(out, p->goal);
}

/* The project's optional fields, after the indicator's: header fields, amounts, 年度主要任务 a line each. */
static void project_optional(struct jx_buf *out, const struct jx_project *p)
{
	struct jx_buf tasks = JX_BUF_INIT;
	size_t i;
	int f;

	for (f = 0; f < JX_PF_COUNT; f++)
		field(out, p->f[f]);
	money(out, p->carryover);
	money(out, p->period_total);
	for (i = 0; i < p->n_tasks; i++) {
		if (i)
			jx_buf_addc(&tasks, '\n', NULL);
		jx_render_task_line(&tasks, &p->tasks[i], "");
	}
	field(out, tasks.len ? tasks.ptr : "");
	jx_buf_release(&tasks);
}

static int csv_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
		       const struct jx_render_opts *o, struct jx_err *err)
{
	static const struct jx_indicator none = { 0 };
	size_t i, rows = p->n_ind ? p->n_ind : 1;
	int f;

	(void)state;
	(void)index;
	(void)o;
	(void)err;
	for (i = 0; i < rows; i++) { /* a table without indicators still gets a row */
		const struct jx_indicator *ind = p->n_ind ? &p->ind[i] : &none;

		project_fields(out, p);
		field(out, ind->level1);
		field(out, ind->level2);
		field(out, ind->name);
		field(out, ind->unit);
		field(out, ind->target);
		for (f = 0; f < JX_IF_COUNT; f++)
			field(out, ind->f[f]);
		project_optional(out, p);
		end_row(out);
	}
	return 0;
}

const struct jx_renderer jx_render_csv = { .name = "csv", .begin = csv_begin, .project = csv_project };
