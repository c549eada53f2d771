/*
 * render_csv.c — a row per indicator with its project's fields repeated (RFC 4180), UTF-8 with a BOM so
 * that Excel opens it right. A table without indicators still gets one row.
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

static const char header[] = "年度,类型,项目名称,预算单位,年度资金总额（万元）,财政拨款（万元）,其他资金（万元）,年度目标,"
			     "一级指标,二级指标,三级指标,计量单位,指标值\r\n";

static void *csv_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	(void)o;
	jx_buf_adds(out, "\xEF\xBB\xBF", NULL);
	jx_buf_adds(out, header, NULL);
	return NULL;
}

/* Appends one field, quoted when it must be, then sep. */
static void field(struct jx_buf *out, const char *s, char sep)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		jx_buf_addc(out, '"', NULL);
	if (s[0] && strchr("=+-@\t\r", s[0]))
		jx_buf_addc(out, '\'', NULL);
	for (; *s; s++) {
		if (*s == '"')
			jx_buf_addc(out, '"', NULL);
		jx_buf_addc(out, *s, NULL);
	}
	if (quote)
		jx_buf_addc(out, '"', NULL);
	jx_buf_addc(out, sep, NULL);
}

/* The project's fields that every one of its rows repeats. */
static void project_fields(struct jx_buf *out, const struct jx_project *p)
{
	char year[16], total[JX_DEC_STRMAX], fiscal[JX_DEC_STRMAX], other[JX_DEC_STRMAX];

	snprintf(year, sizeof(year), "%d", p->year);
	field(out, year, ',');
	field(out, p->kind == JX_KIND_DEPARTMENT ? "部门整体" : "项目", ',');
	field(out, p->name, ',');
	field(out, p->unit, ',');
	field(out, jx_money_format(p->total, total), ',');
	field(out, jx_money_format(p->fiscal, fiscal), ',');
	field(out, jx_money_format(p->other, other), ',');
	field(out, p->goal, ',');
}

static int csv_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
		       const struct jx_render_opts *o, struct jx_err *err)
{
	size_t i;

	(void)state;
	(void)index;
	(void)o;
	(void)err;
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];

		project_fields(out, p);
		field(out, ind->level1, ',');
		field(out, ind->level2, ',');
		field(out, ind->name, ',');
		field(out, ind->unit ? ind->unit : "", ',');
		field(out, ind->target ? ind->target : "", '\r');
		jx_buf_addc(out, '\n', NULL);
	}
	if (p->n_ind == 0) {
		project_fields(out, p);
		jx_buf_adds(out, ",,,,\r\n", NULL);
	}
	return 0;
}

const struct jx_renderer jx_render_csv = { .name = "csv", .begin = csv_begin, .project = csv_project };
