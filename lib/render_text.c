/*
 * render_text.c — the document form: target tables as tab-separated text in the layout of the
 * published documents, which doc_import.c reads back to the same data.
 *
 * Level labels are written once per group, as merged cells come out of a document; the unit is
 * written in parentheses after the name, as the official form does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"
#include "jixiao/monitor.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/score.h"
#include "jixiao/text.h"
#include "render_impl.h"

/* Lines of text under a label ("总体目标\t年度目标\n\t…"). */
static void lines(struct jx_buf *out, const char *label, const char *text)
{
	jx_buf_adds(out, label, NULL);
	jx_buf_addc(out, '\n', NULL);
	while (*text) {
		size_t n = strcspn(text, "\n");

		jx_buf_addc(out, '\t', NULL);
		jx_buf_add(out, text, n, NULL);
		jx_buf_addc(out, '\n', NULL);
		text += n + (text[n] == '\n');
	}
}

static void amount(struct jx_buf *out, const char *label, jx_money m)
{
	char s[JX_DEC_STRMAX];

	if (m != JX_MONEY_NONE)
		jx_buf_addf(out, NULL, "\t%s %s\n", label, jx_money_format(m, s));
}

static void funds(struct jx_buf *out, const struct jx_project *p)
{
	char total[JX_DEC_STRMAX];

	jx_buf_addf(out, NULL, "%s\t年度资金总额: %s%s\n", p->kind == JX_KIND_DEPARTMENT ? "部门预算(万元)" : "项目资金(万元)",
		    jx_money_format(p->total, total), p->f[JX_PF_FUNDS_NOTE] ? p->f[JX_PF_FUNDS_NOTE] : "");
	amount(out, "其中: 财政拨款", p->fiscal);
	amount(out, "其他资金", p->other);
	amount(out, "上年结转资金", p->carryover);
	amount(out, "实施期资金总额", p->period_total);
}

/* 年度主要任务: a row each, the task and its funds. */
static void tasks(struct jx_buf *out, const struct jx_project *p)
{
	char s[3][JX_DEC_STRMAX];
	size_t i;

	if (!p->n_tasks)
		return;
	jx_buf_adds(out, "年度主要任务\t任务名称\t总额\t财政拨款\t其他资金\n", NULL);
	for (i = 0; i < p->n_tasks; i++) {
		const struct jx_task *t = &p->tasks[i];

		jx_buf_addf(out, NULL, "\t%s\t%s\t%s\t%s\n", t->name, jx_money_format(t->total, s[0]),
			    jx_money_format(t->fiscal, s[1]), jx_money_format(t->other, s[2]));
	}
}

static void header(struct jx_buf *out, const struct jx_project *p)
{
	enum jx_pfield fields[JX_PF_COUNT];
	size_t i, n = jx_render_fields(p, fields);

	jx_buf_addf(out, NULL, "%s\n(%d年度)\n", jx_render_title(p), p->year);
	if (p->kind == JX_KIND_DEPARTMENT)
		jx_buf_addf(out, NULL, "部门名称\t%s\n", p->name);
	else
		jx_buf_addf(out, NULL, "项目名称\t%s\n预算单位\t%s\n", p->name, p->unit);
	for (i = 0; i < n; i++)
		jx_buf_addf(out, NULL, "%s\t%s\n", jx_project_field(fields[i])->label, p->f[fields[i]]);
	funds(out, p);
	tasks(out, p);
	if (p->f[JX_PF_LONG_GOAL])
		lines(out, jx_project_field(JX_PF_LONG_GOAL)->label, p->f[JX_PF_LONG_GOAL]);
	lines(out, "总体目标\t年度目标", p->goal);
}

/* A cell after a tab (the model keeps no line break in an indicator's cells). */
static void cell(struct jx_buf *out, const char *s)
{
	jx_buf_addc(out, '\t', NULL);
	if (s)
		jx_buf_adds(out, s, NULL);
}

static int text_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	enum jx_ifield cols[JX_IF_COUNT];
	size_t i, f, n = jx_project_columns(p, cols);
	const struct jx_framework *fw = jx_framework_get(p->framework);

	(void)state;
	(void)o;
	(void)err;
	if (index)
		jx_buf_addc(out, '\n', NULL);
	header(out, p);
	jx_buf_adds(out, "\t一级指标\t二级指标\t三级指标\t指标值(包含数字及文字描述)", NULL);
	for (f = 0; f < n; f++)
		cell(out, jx_indicator_field(cols[f])->label);
	jx_buf_addc(out, '\n', NULL);
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];
		int group = jx_project_group_start(p, i);
		/* A level-2 label that cannot stand under its level-1 label (kept as written, for review to
		 * flag) gets its level-1 label on its row again: a reader takes one standing alone under
		 * another level-1 block for the start of a block whose level-1 cell was lost. */
		bool l1 = group == 1 || (group == 2 && fw && !jx_framework_pair(fw, ind->level1, ind->level2));

		jx_buf_addf(out, NULL, "%s\t%s\t%s\t%s", i ? "" : "绩效指标", l1 ? ind->level1 : "",
			    group ? ind->level2 : "", ind->name);
		if (ind->unit)
			jx_buf_addf(out, NULL, "(%s)", ind->unit);
		cell(out, ind->target);
		for (f = 0; f < n; f++)
			cell(out, ind->f[cols[f]]);
		jx_buf_addc(out, '\n', NULL);
	}
	return 0;
}

/* A publication's statement as prose before the tables (the document reader skips prose). */
static int text_statement(void *state, struct jx_buf *out, const struct jx_statement *s, const struct jx_render_opts *o,
			  struct jx_err *err)
{
	struct jx_buf body = JX_BUF_INIT;

	(void)state;
	(void)o;
	(void)err;
	jx_statement_write(s, out, &body);
	jx_buf_addf(out, NULL, "\n\n%s\n\n", body.ptr);
	jx_buf_release(&body);
	return 0;
}

/* ---- reports: aligned plain text for people ---- */

/* Rows of cells laid out in columns as wide as their widest cell (by display width). */
struct grid {
	char **cell; /* rows × cols, row by row */
	size_t cols, rows, cap;
};

static void grid_row(struct grid *g, const char *const *cells)
{
	size_t i;

	jx_grow(&g->cell, sizeof(*g->cell), (g->rows + 1) * g->cols, &g->cap);
	for (i = 0; i < g->cols; i++)
		g->cell[g->rows * g->cols + i] = jx_strdup(cells[i] ? cells[i] : "");
	g->rows++;
}

/* Writes the grid (two spaces between columns, no trailing space) and empties it. */
static void grid_write(struct grid *g, struct jx_buf *out)
{
	size_t *w = jx_calloc(g->cols, sizeof(*w)), r, c;

	for (r = 0; r < g->rows; r++)
		for (c = 0; c < g->cols; c++) {
			const char *s = g->cell[r * g->cols + c];
			size_t n = jx_text_width(s, strlen(s));

			w[c] = n > w[c] ? n : w[c];
		}
	for (r = 0; r < g->rows; r++) {
		size_t last = g->cols;

		while (last > 0 && !*g->cell[r * g->cols + last - 1])
			last--;
		for (c = 0; c < last; c++) {
			const char *s = g->cell[r * g->cols + c];

			jx_text_pad(out, s, strlen(s), c + 1 < last ? w[c] + 2 : 0);
		}
		jx_buf_addc(out, '\n', NULL);
	}
	for (r = 0; r < g->rows * g->cols; r++)
		free(g->cell[r]);
	free(g->cell);
	free(w);
	*g = (struct grid){ NULL, g->cols, 0, 0 };
}

static char *dec_text(struct jx_dec d, char *out)
{
	return jx_dec_format(d, out);
}

/* The indicator's name with its unit, as the tables write it. */
static void full_name(const struct jx_indicator *ind, char *out, size_t size)
{
	snprintf(out, size, ind->unit ? "%s(%s)" : "%s", ind->name, ind->unit);
}

static int text_score(void *state, struct jx_buf *out, const struct jx_score *sc, size_t index,
		      const struct jx_render_opts *o, struct jx_err *err)
{
	struct jx_buf reason = JX_BUF_INIT;
	static const char *const head[] = { "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
					     "偏差原因分析及改进措施" };
	const struct jx_project *p = sc->p;
	struct grid g = { NULL, 8, 0, 0 };
	char total[JX_DEC_STRMAX], a[JX_DEC_STRMAX], b[JX_DEC_STRMAX], name[1024];
	size_t i;
	int k;

	(void)state;
	(void)o;
	(void)err;
	jx_buf_addf(out, NULL, "%s%s（编号 %lld，%d年度）绩效自评\n预算单位：%s  年度资金总额：%s 万元  全年执行数：%s",
		    index ? "\n" : "", p->name, (long long)p->id, p->year, p->unit, jx_money_format(p->total, total),
		    sc->spent ? sc->spent->value : "（未填报）");
	if (sc->spent && p->total)
		jx_buf_addf(out, NULL, " 万元  执行率：%s%%", dec_text(sc->rate, a));
	else if (sc->spent)
		jx_buf_adds(out, " 万元", NULL);
	if (!sc->evaluated) {
		jx_buf_adds(out, "\n总分：—  评级：" JX_UNEVALUATED "（没有录入实际完成值）", NULL);
		for (k = 0; k < JX_N_GROUPS; k++)
			jx_buf_addf(out, NULL, " %s —/%s", jx_group_label(k), dec_text(sc->points[k], b));
	} else {
		jx_buf_addf(out, NULL, "\n总分：%s  评级：%s ", dec_text(sc->total, a), sc->grade);
		for (k = 0; k < JX_N_GROUPS; k++)
			jx_buf_addf(out, NULL, " %s %s/%s", jx_group_label(k), dec_text(sc->score[k], a),
				    dec_text(sc->points[k], b));
	}
	jx_buf_adds(out, "\n", NULL);
	grid_row(&g, head);
	for (i = 0; i < sc->n; i++) {
		const struct jx_scored *l = &sc->ind[i];
		const struct jx_indicator *ind = &p->ind[l->index];
		const char *row[8];

		full_name(ind, name, sizeof(name));
		row[0] = ind->level1;
		row[1] = ind->level2;
		row[2] = name;
		row[3] = ind->target ? ind->target : "（无）";
		row[4] = l->actual ? l->actual->value : "—";
		row[5] = l->group > 0 ? dec_text(l->points, a) : "—";
		row[6] = l->group > 0 && sc->evaluated ? dec_text(l->score, b) : "—";
		row[7] = jx_scored_reason(l, &reason);
		grid_row(&g, row);
	}
	grid_write(&g, out);
	jx_buf_release(&reason);
	if (*sc->weight_note)
		jx_buf_addf(out, NULL, "注意：%s\n", sc->weight_note);
	if (sc->capped)
		jx_buf_addf(out, NULL, "注意：%s\n", sc->cap_note);
	if (sc->before_year_end)
		jx_buf_addf(out, NULL, "注意：%zu 项实际完成值截至 %d 年年末以前（最早截至 %s），本自评不是全年结果\n",
			    sc->before_year_end, p->year, sc->earliest);
	if (sc->missing_reasons)
		jx_buf_addf(out, NULL, "警告：%zu 条指标得分%s，应说明偏差原因\n", sc->missing_reasons, sc->asked);
	return 0;
}

/* A table of summary groups: 年度, (预算单位,) 项目数, 未评价, 平均分 (of those evaluated), then the
 * count and the money of each grade. */
static void summary_rows(struct jx_buf *out, const struct jx_score_summary *sum, const struct jx_score_group *groups,
			 size_t n, bool unit)
{
	const size_t u = unit, grades = sum->n_grades, first = 4 + u;
	struct grid g = { NULL, first + 2 * grades, 0, 0 };
	char cells[5 + 2 * JX_MAX_GRADES][JX_DEC_STRMAX + JX_GRADE_MAX + 16];
	const char *row[5 + 2 * JX_MAX_GRADES];
	size_t i, k;

	for (k = 0; k < g.cols; k++)
		row[k] = cells[k];
	snprintf(cells[0], sizeof(cells[0]), "年度");
	snprintf(cells[1], sizeof(cells[1]), "预算单位");
	snprintf(cells[1 + u], sizeof(cells[0]), "项目数");
	snprintf(cells[2 + u], sizeof(cells[0]), JX_UNEVALUATED);
	snprintf(cells[3 + u], sizeof(cells[0]), "平均分");
	for (k = 0; k < grades; k++) {
		snprintf(cells[first + k], sizeof(cells[0]), "%s", sum->grade[k]);
		snprintf(cells[first + grades + k], sizeof(cells[0]), "%s（万元）", sum->grade[k]);
	}
	grid_row(&g, row);
	for (i = 0; i < n; i++) {
		const struct jx_score_group *e = &groups[i];

		snprintf(cells[0], sizeof(cells[0]), "%d", e->year);
		if (unit)
			row[1] = e->key;
		snprintf(cells[1 + u], sizeof(cells[0]), "%zu", e->n + e->unevaluated);
		snprintf(cells[2 + u], sizeof(cells[0]), "%zu", e->unevaluated);
		if (e->n)
			jx_dec_format(e->average, cells[3 + u]);
		else
			snprintf(cells[3 + u], sizeof(cells[0]), "—");
		for (k = 0; k < grades; k++) {
			snprintf(cells[first + k], sizeof(cells[0]), "%zu", e->count[k]);
			jx_money_format(e->money[k], cells[first + grades + k]);
		}
		grid_row(&g, row);
	}
	grid_write(&g, out);
}

static int text_summary(void *state, struct jx_buf *out, const struct jx_score_summary *sum,
			const struct jx_render_opts *o, struct jx_err *err)
{
	(void)state;
	(void)o;
	(void)err;
	jx_buf_adds(out, "\n绩效自评汇总（按预算单位）\n", NULL);
	summary_rows(out, sum, sum->units, sum->n_units, true);
	jx_buf_adds(out, "\n绩效自评汇总（按年度）\n", NULL);
	summary_rows(out, sum, sum->years, sum->n_years, false);
	return 0;
}

static int text_monitor(void *state, struct jx_buf *out, const struct jx_monitor *m, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	static const char *const head[] = { "三级指标", "年度指标值", "实际值", "截至", "应达到", "进度", "灯" };
	const struct jx_project *p = m->p;
	struct grid g = { NULL, 7, 0, 0 };
	char total[JX_DEC_STRMAX], a[JX_DEC_STRMAX], b[JX_DEC_STRMAX], name[1024];
	size_t i;
	int k;

	(void)state;
	(void)o;
	(void)err;
	jx_buf_addf(out, NULL, "%s%s（编号 %lld，%d年度）运行监控，截至 %s（时间进度 %d/12）\n预算执行：年度资金总额 %s 万元，全年执行数 %s",
		    index ? "\n" : "", p->name, (long long)p->id, p->year, m->as_of, m->month,
		    jx_money_format(p->total, total), m->spent ? m->spent->value : "（未填报）");
	if (m->has_rate)
		jx_buf_addf(out, NULL, " 万元，执行进度 %s%%", dec_text(m->rate, a));
	jx_buf_addf(out, NULL, "  %s\n", jx_light_label(m->budget));
	grid_row(&g, head);
	for (i = 0; i < m->n; i++) {
		const struct jx_watched *w = &m->ind[i];
		const struct jx_indicator *ind = &p->ind[w->index];
		const char *row[7];

		full_name(ind, name, sizeof(name));
		row[0] = name;
		row[1] = ind->target ? ind->target : "（无）";
		row[2] = w->actual ? w->actual->value : "—";
		row[3] = w->actual ? w->actual->as_of : "";
		row[4] = w->has_standard ? dec_text(w->standard, a) : "";
		if (w->has_progress || w->has_deviation)
			snprintf(b, sizeof(b), "%s%s%%", w->has_deviation ? "偏差 " : "",
				 jx_dec_format(w->has_deviation ? w->deviation : w->progress, total));
		row[5] = w->has_progress || w->has_deviation ? b : "";
		row[6] = jx_light_label(w->light);
		grid_row(&g, row);
	}
	grid_write(&g, out);
	jx_buf_adds(out, "指标灯数：", NULL);
	for (k = JX_N_LIGHTS - 1; k >= 0; k--)
		jx_buf_addf(out, NULL, "%s %zu%s", jx_light_label(k), m->lights[k], k ? "  " : "\n");
	return 0;
}

const struct jx_renderer jx_render_text = { .name = "text",
					    .statement = text_statement,
					    .project = text_project,
					    .score = text_score,
					    .summary = text_summary,
					    .monitor = text_monitor };
