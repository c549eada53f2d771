/*
 * render_text.c — the document form: target tables as tab-separated text in the layout of the
 * published documents, which doc_import.c reads back to the same data.
 *
 * Level labels are written once per group, as merged cells come out of a document; the unit is
 * written in parentheses after the name, as the official form does.
 */
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"

static void header(struct jx_buf *out, const struct jx_project *p)
{
	char total[JX_DEC_STRMAX], fiscal[JX_DEC_STRMAX], other[JX_DEC_STRMAX];
	const char *line = p->goal;

	if (p->kind == JX_KIND_DEPARTMENT)
		jx_buf_addf(out, NULL, "部门整体支出绩效目标表\n(%d年度)\n部门名称\t%s\n部门预算(万元)", p->year, p->name);
	else
		jx_buf_addf(out, NULL, "部门预算项目支出绩效目标表\n(%d年度)\n项目名称\t%s\n预算单位\t%s\n项目资金(万元)",
			    p->year, p->name, p->unit);
	jx_buf_addf(out, NULL, "\t年度资金总额: %s\n\t其中: 财政拨款 %s\n\t其他资金 %s\n总体目标\t年度目标\n",
		    jx_money_format(p->total, total), jx_money_format(p->fiscal, fiscal), jx_money_format(p->other, other));
	while (*line) {
		size_t n = strcspn(line, "\n");

		jx_buf_addc(out, '\t', NULL);
		jx_buf_add(out, line, n, NULL);
		jx_buf_addc(out, '\n', NULL);
		line += n + (line[n] == '\n');
	}
	jx_buf_adds(out, "\t一级指标\t二级指标\t三级指标\t指标值(包含数字及文字描述)\n", NULL);
}

static int text_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	size_t i;

	(void)state;
	(void)o;
	(void)err;
	if (index)
		jx_buf_addc(out, '\n', NULL);
	header(out, p);
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];
		int group = jx_project_group_start(p, i);

		jx_buf_addf(out, NULL, "%s\t%s\t%s\t%s", i ? "" : "绩效指标", group == 1 ? ind->level1 : "",
			    group ? ind->level2 : "", ind->name);
		if (ind->unit)
			jx_buf_addf(out, NULL, "(%s)", ind->unit);
		jx_buf_addf(out, NULL, "\t%s\n", ind->target ? ind->target : "");
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

const struct jx_renderer jx_render_text = { "text", NULL, text_statement, text_project, NULL };
