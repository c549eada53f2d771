/*
 * render_html.c — a publication or export as one self-contained HTML page: the statement, then each
 * table in the official layout, its level cells merged over their rows (rowspan) as the published
 * documents show them, with the optional parts it has (render_impl.h: header fields, funds given,
 * 年度主要任务, the 实施期目标, and its indicator columns after 指标值, their widths set on the table's
 * own columns). Inline CSS, nothing fetched; print-ready on A4 (a page per table) and readable on a
 * phone. Every value is escaped. The web system serves this same page, and the HTML reader reads it
 * back to the same tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/score.h"
#include "render_impl.h"

static const char style[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
	"margin:0 auto;max-width:960px;padding:16px;line-height:1.6;color:#111}"
	"h1{font-size:1.5em;text-align:center}h2{font-size:1.25em;text-align:center;margin:1.5em 0 0}"
	"p.year{text-align:center;margin:0 0 .5em}"
	"table{width:100%;border-collapse:collapse;table-layout:fixed;word-break:break-all}"
	"th,td{border:1px solid #333;padding:4px 6px;vertical-align:middle;text-align:left}"
	"th{font-weight:normal;background:#f4f4f4;text-align:center}"
	"col.c0{width:12%}col.c1{width:14%}col.c2{width:18%}col.c3{width:36%}col.c4{width:20%}"
	"table.score col.s0{width:9%}table.score col.s1{width:11%}table.score col.s2{width:20%}"
	"table.score col.s3,table.score col.s4{width:11%}table.score col.s5,table.score col.s6{width:7%}"
	"table.score col.s7{width:24%}td.ask{color:#a00}tr.total td,tr.total th{font-weight:bold}"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}td.goal{white-space:pre-line}"
	"section.table{margin-top:2em}"
	"@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0}"
	"section.table{page-break-before:always;margin-top:0}tr{page-break-inside:avoid}}"
	"@media (max-width:600px){body{padding:8px;font-size:14px}th,td{padding:3px;font-size:13px}}";

struct state {
	bool body; /* <body> has been opened */
};

/* Appends s[0..n) with &, <, >, " and ' escaped. */
static void esc_n(struct jx_buf *out, const char *s, size_t n)
{
	const char *end = s + n;

	for (; s < end; s++) {
		switch (*s) {
		case '&': jx_buf_adds(out, "&amp;", NULL); break;
		case '<': jx_buf_adds(out, "&lt;", NULL); break;
		case '>': jx_buf_adds(out, "&gt;", NULL); break;
		case '"': jx_buf_adds(out, "&quot;", NULL); break;
		case '\'': jx_buf_adds(out, "&#39;", NULL); break;
		default: jx_buf_addc(out, *s, NULL);
		}
	}
}

static void esc(struct jx_buf *out, const char *s)
{
	esc_n(out, s, strlen(s));
}

void jx_html_escape(struct jx_buf *out, const char *s)
{
	esc(out, s ? s : "");
}

static void *html_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	(void)o;
	jx_buf_adds(out,
		    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		    NULL);
	return jx_calloc(1, sizeof(struct state));
}

/* Closes the head (with a title) and opens the body, once. */
static void open_body(struct state *st, struct jx_buf *out, const char *title)
{
	if (st->body)
		return;
	jx_buf_adds(out, "<title>", NULL);
	esc(out, title);
	jx_buf_addf(out, NULL, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", style);
	st->body = true;
}

static int html_statement(void *state, struct jx_buf *out, const struct jx_statement *s, const struct jx_render_opts *o,
			  struct jx_err *err)
{
	struct jx_buf title = JX_BUF_INIT, body = JX_BUF_INIT;
	const char *line;

	(void)o;
	(void)err;
	jx_statement_write(s, &title, &body);
	open_body(state, out, title.ptr);
	jx_buf_adds(out, "<section class=\"statement\">\n<h1>", NULL);
	esc(out, title.ptr);
	jx_buf_adds(out, "</h1>\n", NULL);
	for (line = body.ptr; *line;) {
		size_t n = strcspn(line, "\n");

		jx_buf_adds(out, "<p>", NULL);
		esc_n(out, line, n);
		jx_buf_adds(out, "</p>\n", NULL);
		line += n + (line[n] == '\n');
	}
	jx_buf_adds(out, "</section>\n", NULL);
	jx_buf_release(&title);
	jx_buf_release(&body);
	return 0;
}

static void cell(struct jx_buf *out, const char *tag, const char *attrs, const char *text)
{
	jx_buf_addf(out, NULL, "<%s%s>", tag, attrs);
	esc(out, text);
	jx_buf_addf(out, NULL, "</%s>", tag);
}

/* The columns of a table: its five (labels, 一级指标, 二级指标, 三级指标, 指标值), then the optional
 * indicator columns it has. */
struct layout {
	enum jx_ifield col[JX_IF_COUNT]; /* the optional columns, in order */
	size_t n_col;
	size_t wide;                     /* colspan of a value across the columns after the labels */
};

/* Relative widths of the columns of a table with optional ones: the five, then each optional column. */
static const unsigned base_weight[5] = { 10, 10, 12, 20, 12 };
static const unsigned column_weight[JX_IF_COUNT] = {
	[JX_IF_DIRECTION] = 6, [JX_IF_WEIGHT] = 5,     [JX_IF_EXPLANATION] = 16, [JX_IF_SCORING] = 16,
	[JX_IF_BASIS] = 8,     [JX_IF_VALUE_TYPE] = 6, [JX_IF_NOTE] = 10,        [JX_IF_LONG_TARGET] = 10,
	[JX_IF_PREVIOUS] = 10,
};

static void col_width(struct jx_buf *out, unsigned weight, unsigned sum)
{
	unsigned permille = weight * 1000 / sum;

	jx_buf_addf(out, NULL, "<col style=\"width:%u.%u%%\">", permille / 10, permille % 10);
}

/* The columns' widths: the stylesheet's for the five, shares of the page with optional columns. */
static void colgroup(struct jx_buf *out, const struct layout *l)
{
	unsigned sum = 0;
	size_t i;

	if (!l->n_col) {
		jx_buf_adds(out, "<colgroup><col class=\"c0\"><col class=\"c1\"><col class=\"c2\"><col class=\"c3\">"
				 "<col class=\"c4\"></colgroup>\n",
			    NULL);
		return;
	}
	for (i = 0; i < 5; i++)
		sum += base_weight[i];
	for (i = 0; i < l->n_col; i++)
		sum += column_weight[l->col[i]];
	jx_buf_adds(out, "<colgroup>", NULL);
	for (i = 0; i < 5; i++)
		col_width(out, base_weight[i], sum);
	for (i = 0; i < l->n_col; i++)
		col_width(out, column_weight[l->col[i]], sum);
	jx_buf_adds(out, "</colgroup>\n", NULL);
}

/* Attributes of a cell spanning cols columns (none for one), with class cls if not NULL. */
static const char *span_attrs(char *buf, size_t size, size_t cols, const char *cls)
{
	int n = cols > 1 ? snprintf(buf, size, " colspan=\"%zu\"", cols) : (buf[0] = '\0', 0);

	if (cls)
		snprintf(buf + n, size - (size_t)n, " class=\"%s\"", cls);
	return buf;
}

/* A label and its value across the other columns, of class cls if not NULL. */
static void pair_row(struct jx_buf *out, const struct layout *l, const char *label, const char *value, const char *cls)
{
	char attrs[48];

	jx_buf_adds(out, "<tr><th>", NULL);
	esc(out, label);
	jx_buf_adds(out, "</th>", NULL);
	cell(out, "td", span_attrs(attrs, sizeof(attrs), l->wide, cls), value);
	jx_buf_adds(out, "</tr>\n", NULL);
}

/* The funds under their label merged down their rows: what each amount is, then the amount (the
 * total's followed by the funds' note). */
static void funds_rows(struct jx_buf *out, const struct layout *l, const struct jx_project *p)
{
	struct jx_funds_row rows[JX_FUNDS_ROWS];
	size_t n = jx_render_funds(p, rows), i;
	char amount[JX_DEC_STRMAX], attrs[48];

	span_attrs(attrs, sizeof(attrs), l->wide - 2, "num");
	for (i = 0; i < n; i++) {
		jx_buf_adds(out, "<tr>", NULL);
		if (i == 0)
			jx_buf_addf(out, NULL, "<th rowspan=\"%zu\">%s</th>", n,
				    p->kind == JX_KIND_DEPARTMENT ? "部门预算<br>（万元）" : "项目资金<br>（万元）");
		cell(out, "td", " colspan=\"2\"", rows[i].label);
		jx_buf_addf(out, NULL, "<td%s>", attrs);
		esc(out, jx_money_format(rows[i].amount, amount));
		if (i == 0 && p->f[JX_PF_FUNDS_NOTE])
			esc(out, p->f[JX_PF_FUNDS_NOTE]);
		jx_buf_adds(out, "</td></tr>\n", NULL);
	}
}

/* 年度主要任务: a row each, the task and its funds, under their column names. */
static void task_rows(struct jx_buf *out, const struct layout *l, const struct jx_project *p)
{
	char s[JX_DEC_STRMAX], last[48];
	size_t i;

	if (!p->n_tasks)
		return;
	jx_buf_addf(out, NULL, "<tr><th rowspan=\"%zu\">年度主要任务</th><th>任务名称</th><th>总额</th><th>财政拨款</th>",
		    p->n_tasks + 1);
	cell(out, "th", span_attrs(last, sizeof(last), l->wide - 3, NULL), "其他资金");
	jx_buf_adds(out, "</tr>\n", NULL);
	span_attrs(last, sizeof(last), l->wide - 3, "num");
	for (i = 0; i < p->n_tasks; i++) {
		const struct jx_task *t = &p->tasks[i];

		jx_buf_adds(out, "<tr>", NULL);
		cell(out, "td", "", t->name);
		cell(out, "td", " class=\"num\"", jx_money_format(t->total, s));
		cell(out, "td", " class=\"num\"", jx_money_format(t->fiscal, s));
		cell(out, "td", last, jx_money_format(t->other, s));
		jx_buf_adds(out, "</tr>\n", NULL);
	}
}

/* The 实施期目标 beside its label, if the table has one; then 总体目标 over 年度目标 and the year's goal. */
static void goal_rows(struct jx_buf *out, const struct layout *l, const struct jx_project *p)
{
	const char *long_goal = p->f[JX_PF_LONG_GOAL];
	char attrs[48];

	span_attrs(attrs, sizeof(attrs), l->wide, "goal");
	if (long_goal)
		pair_row(out, l, jx_project_field(JX_PF_LONG_GOAL)->label, long_goal, "goal");
	jx_buf_addf(out, NULL, "<tr><th rowspan=\"2\">总体目标</th><th colspan=\"%zu\">年度目标</th></tr>\n<tr>", l->wide);
	cell(out, "td", attrs, p->goal);
	jx_buf_adds(out, "</tr>\n", NULL);
}

static void header_block(struct jx_buf *out, const struct layout *l, const struct jx_project *p)
{
	enum jx_pfield fields[JX_PF_COUNT];
	size_t n = jx_render_fields(p, fields), i;

	if (p->kind == JX_KIND_DEPARTMENT) {
		pair_row(out, l, "部门名称", p->name, NULL);
	} else {
		pair_row(out, l, "项目名称", p->name, NULL);
		pair_row(out, l, "预算单位", p->unit, NULL);
	}
	for (i = 0; i < n; i++)
		pair_row(out, l, jx_project_field(fields[i])->label, p->f[fields[i]], NULL);
	funds_rows(out, l, p);
	task_rows(out, l, p);
	goal_rows(out, l, p);
}

/* A level cell merged over the rows of its group (if more than one). */
static void merged(struct jx_buf *out, size_t rows, const char *label)
{
	if (rows > 1)
		jx_buf_addf(out, NULL, "<td rowspan=\"%zu\">", rows);
	else
		jx_buf_adds(out, "<td>", NULL);
	esc(out, label);
	jx_buf_adds(out, "</td>", NULL);
}

static void indicator_row(struct jx_buf *out, const struct layout *l, const struct jx_project *p, size_t i)
{
	const struct jx_indicator *ind = &p->ind[i];
	int group = jx_project_group_start(p, i);
	size_t c;

	jx_buf_adds(out, "<tr>", NULL);
	if (group == 1)
		merged(out, jx_project_group_span(p, i, 1), ind->level1);
	if (group)
		merged(out, jx_project_group_span(p, i, 2), ind->level2);
	jx_buf_adds(out, "<td>", NULL);
	esc(out, ind->name);
	if (ind->unit) {
		jx_buf_adds(out, "（", NULL);
		esc(out, ind->unit);
		jx_buf_adds(out, "）", NULL);
	}
	jx_buf_adds(out, "</td>", NULL);
	cell(out, "td", "", ind->target ? ind->target : "");
	for (c = 0; c < l->n_col; c++)
		cell(out, "td", "", ind->f[l->col[c]] ? ind->f[l->col[c]] : "");
	jx_buf_adds(out, "</tr>\n", NULL);
}

static void indicators(struct jx_buf *out, const struct layout *l, const struct jx_project *p)
{
	size_t i;

	jx_buf_addf(out, NULL,
		    "<tr><th rowspan=\"%zu\">绩效指标</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>",
		    p->n_ind + 1);
	for (i = 0; i < l->n_col; i++)
		cell(out, "th", "", jx_indicator_field(l->col[i])->label);
	jx_buf_adds(out, "</tr>\n", NULL);
	for (i = 0; i < p->n_ind; i++)
		indicator_row(out, l, p, i);
}

static int html_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	struct layout l;

	(void)index;
	(void)o;
	(void)err;
	l.n_col = jx_project_columns(p, l.col);
	l.wide = 4 + l.n_col;
	open_body(state, out, "绩效目标表");
	jx_buf_adds(out, "<section class=\"table\">\n<h2>", NULL);
	esc(out, jx_render_title(p));
	jx_buf_addf(out, NULL, "</h2>\n<p class=\"year\">（%d年度）</p>\n<table>\n", p->year);
	colgroup(out, &l);
	header_block(out, &l, p);
	indicators(out, &l, p);
	jx_buf_adds(out, "</table>\n", NULL);
	if (p->n_ind == 0) /* under the table, as prose, which ends it for a reader: no row to take for an indicator */
		jx_buf_adds(out, "<p>（没有绩效指标）</p>\n", NULL);
	jx_buf_adds(out, "</section>\n", NULL);
	return 0;
}

static int html_end(void *state, struct jx_buf *out, size_t count, bool failed, const struct jx_render_opts *o,
		    struct jx_err *err)
{
	(void)o;
	(void)err;
	if (!failed) {
		open_body(state, out, "绩效目标表");
		if (count == 0)
			jx_buf_adds(out, "<p>（没有绩效目标表）</p>\n", NULL);
		jx_buf_adds(out, "</main>\n</body>\n</html>\n", NULL);
	}
	free(state);
	return 0;
}

/* ---- the self-evaluation table (绩效自评表) and the summaries ---- */

static void dec_cell(struct jx_buf *out, const char *attrs, struct jx_dec d)
{
	char s[JX_DEC_STRMAX];

	cell(out, "td", attrs, jx_dec_format(d, s));
}

static void score_header(struct jx_buf *out, const struct jx_score *sc)
{
	const struct jx_project *p = sc->p;
	char total[JX_DEC_STRMAX], rate[JX_DEC_STRMAX + 1];

	jx_buf_adds(out, "<tr><th>项目名称</th>", NULL);
	cell(out, "td", " colspan=\"7\"", p->name);
	jx_buf_adds(out, "</tr>\n<tr><th>预算单位</th>", NULL);
	cell(out, "td", " colspan=\"7\"", p->unit);
	jx_buf_adds(out, "</tr>\n<tr><th rowspan=\"2\">预算执行</th><th colspan=\"2\">年度资金总额（万元）</th>"
			 "<th colspan=\"2\">全年执行数（万元）</th><th>执行率</th><th>分值</th><th>得分</th></tr>\n<tr>",
		    NULL);
	cell(out, "td", " colspan=\"2\" class=\"num\"", jx_money_format(p->total, total));
	cell(out, "td", " colspan=\"2\" class=\"num\"", sc->spent ? sc->spent->value : "（未填报）");
	if (sc->spent && p->total)
		snprintf(rate, sizeof(rate), "%s%%", jx_dec_format(sc->rate, total));
	cell(out, "td", " class=\"num\"", sc->spent && p->total ? rate : "—");
	dec_cell(out, " class=\"num\"", sc->points[JX_GROUP_BUDGET]);
	dec_cell(out, " class=\"num\"", sc->score[JX_GROUP_BUDGET]);
	jx_buf_adds(out, "</tr>\n<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th>"
			 "<th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>\n",
		    NULL);
}

static void score_row(struct jx_buf *out, const struct jx_score *sc, size_t i)
{
	const struct jx_scored *l = &sc->ind[i];
	const struct jx_indicator *ind = &sc->p->ind[l->index];
	int group = jx_project_group_start(sc->p, l->index);

	jx_buf_adds(out, "<tr>", NULL);
	if (group == 1)
		merged(out, jx_project_group_span(sc->p, l->index, 1), ind->level1);
	if (group)
		merged(out, jx_project_group_span(sc->p, l->index, 2), ind->level2);
	jx_buf_adds(out, "<td>", NULL);
	esc(out, ind->name);
	if (ind->unit) {
		jx_buf_addc(out, '(', NULL);
		esc(out, ind->unit);
		jx_buf_addc(out, ')', NULL);
	}
	jx_buf_adds(out, "</td>", NULL);
	cell(out, "td", "", ind->target ? ind->target : "（无）");
	cell(out, "td", "", l->actual ? l->actual->value : "—");
	if (l->group > 0) {
		dec_cell(out, " class=\"num\"", l->points);
		if (sc->evaluated)
			dec_cell(out, " class=\"num\"", l->score);
		else
			jx_buf_adds(out, "<td class=\"num\">—</td>", NULL);
	} else {
		jx_buf_adds(out, "<td class=\"num\">—</td><td class=\"num\">—</td>", NULL);
	}
	{
		struct jx_buf reason = JX_BUF_INIT;

		cell(out, "td", !(l->actual && l->actual->reason) && l->ask_reason ? " class=\"ask\"" : "",
		     jx_scored_reason(l, &reason));
		jx_buf_release(&reason);
	}
	jx_buf_adds(out, "</tr>\n", NULL);
}

static int html_score(void *state, struct jx_buf *out, const struct jx_score *sc, size_t index,
		      const struct jx_render_opts *o, struct jx_err *err)
{
	char total[JX_DEC_STRMAX];
	size_t i;

	(void)index;
	(void)o;
	(void)err;
	open_body(state, out, "绩效自评表");
	jx_buf_addf(out, NULL,
		    "<section class=\"table\">\n<h2>项目支出绩效自评表</h2>\n<p class=\"year\">（%d年度）</p>\n"
		    "<table class=\"score\">\n<colgroup>",
		    sc->p->year);
	for (i = 0; i < 8; i++)
		jx_buf_addf(out, NULL, "<col class=\"s%zu\">", i);
	jx_buf_adds(out, "</colgroup>\n", NULL);
	score_header(out, sc);
	for (i = 0; i < sc->n; i++)
		score_row(out, sc, i);
	if (sc->n == 0)
		jx_buf_adds(out, "<tr><td colspan=\"8\">（没有绩效指标）</td></tr>\n", NULL);
	jx_buf_adds(out, "<tr class=\"total\"><th colspan=\"5\">总分</th><td class=\"num\">100</td>", NULL);
	cell(out, "td", " class=\"num\"", sc->evaluated ? jx_dec_format(sc->total, total) : "—");
	jx_buf_adds(out, "<td>评级：", NULL);
	esc(out, sc->evaluated ? sc->grade : JX_UNEVALUATED "（没有录入实际完成值）");
	jx_buf_adds(out, "</td></tr>\n</table>\n", NULL);
	if (*sc->weight_note) {
		jx_buf_adds(out, "<p class=\"ask\">", NULL);
		esc(out, sc->weight_note);
		jx_buf_adds(out, "。</p>\n", NULL);
	}
	if (sc->capped) {
		jx_buf_adds(out, "<p class=\"ask\">", NULL);
		esc(out, sc->cap_note);
		jx_buf_adds(out, "。</p>\n", NULL);
	}
	if (sc->before_year_end)
		jx_buf_addf(out, NULL, "<p class=\"ask\">%zu 项实际完成值截至 %d 年年末以前（最早截至 %s），本自评不是全年结果。</p>\n",
			    sc->before_year_end, sc->p->year, sc->earliest);
	if (sc->missing_reasons)
		jx_buf_addf(out, NULL, "<p class=\"ask\">%zu 条指标得分%s，应说明偏差原因。</p>\n",
			    sc->missing_reasons, sc->asked);
	jx_buf_adds(out, "</section>\n", NULL);
	return 0;
}

static void summary_table(struct jx_buf *out, const struct jx_score_summary *sum, const struct jx_score_group *g,
			  size_t n, bool unit)
{
	char s[JX_DEC_STRMAX];
	size_t i, k;

	jx_buf_addf(out, NULL, "<table>\n<tr><th>年度</th>%s<th>项目数</th><th>" JX_UNEVALUATED "</th><th>平均分</th>",
		    unit ? "<th>预算单位</th>" : "");
	for (k = 0; k < sum->n_grades; k++)
		cell(out, "th", "", sum->grade[k]);
	for (k = 0; k < sum->n_grades; k++) {
		jx_buf_adds(out, "<th>", NULL);
		esc(out, sum->grade[k]);
		jx_buf_adds(out, "（万元）</th>", NULL);
	}
	jx_buf_adds(out, "</tr>\n", NULL);
	for (i = 0; i < n; i++) {
		jx_buf_addf(out, NULL, "<tr><td>%d</td>", g[i].year);
		if (unit)
			cell(out, "td", "", g[i].key);
		jx_buf_addf(out, NULL, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>", g[i].n + g[i].unevaluated,
			    g[i].unevaluated);
		if (g[i].n)
			dec_cell(out, " class=\"num\"", g[i].average);
		else
			jx_buf_adds(out, "<td class=\"num\">—</td>", NULL);
		for (k = 0; k < sum->n_grades; k++)
			jx_buf_addf(out, NULL, "<td class=\"num\">%zu</td>", g[i].count[k]);
		for (k = 0; k < sum->n_grades; k++)
			cell(out, "td", " class=\"num\"", jx_money_format(g[i].money[k], s));
		jx_buf_adds(out, "</tr>\n", NULL);
	}
	jx_buf_adds(out, "</table>\n", NULL);
}

static int html_summary(void *state, struct jx_buf *out, const struct jx_score_summary *sum,
			const struct jx_render_opts *o, struct jx_err *err)
{
	(void)o;
	(void)err;
	open_body(state, out, "绩效自评汇总");
	jx_buf_adds(out, "<section class=\"table\">\n<h2>绩效自评汇总（按预算单位）</h2>\n", NULL);
	summary_table(out, sum, sum->units, sum->n_units, true);
	jx_buf_adds(out, "<h2>绩效自评汇总（按年度）</h2>\n", NULL);
	summary_table(out, sum, sum->years, sum->n_years, false);
	jx_buf_adds(out, "</section>\n", NULL);
	return 0;
}

const struct jx_renderer jx_render_html = { .name = "html",
					    .begin = html_begin,
					    .statement = html_statement,
					    .project = html_project,
					    .end = html_end,
					    .score = html_score,
					    .summary = html_summary };
