/*
 * render_impl.h — what the renderers of the official layout share (render.c), inside libjixiao: which
 * of a table's optional parts they show, in which order and under which labels, so that the text, HTML,
 * PDF, XLSX, CSV and terminal forms agree with each other and with the words the readers know
 * (data/vocab/table.json). A table without optional parts shows none of them, and renders as before
 * they existed.
 */
#ifndef JIXIAO_RENDER_IMPL_H
#define JIXIAO_RENDER_IMPL_H

#include <stddef.h>

#include "jixiao/dec.h"
#include "jixiao/model.h"

#define JX_FUNDS_ROWS 5 /* rows of funds a table may show */

/* A row of a table's funds. */
struct jx_funds_row {
	const char *label; /* 年度资金总额, 其中：财政拨款, 其他资金, 上年结转资金, 实施期资金总额 */
	jx_money amount;   /* never JX_MONEY_NONE */
};

/* The funds rows p gives, in the official order: 年度资金总额, then 其中：财政拨款, 其他资金, 上年结转资金
 * and 实施期资金总额 where the table gives them (an amount it does not give has no row, and reads back
 * as absent). Returns how many. The funds' note (JX_PF_FUNDS_NOTE) goes after the total's amount, in
 * its cell: that is where the readers take it from. */
size_t jx_render_funds(const struct jx_project *p, struct jx_funds_row rows[JX_FUNDS_ROWS]);

/* The title p is shown under: its own (JX_PF_TITLE) where the readers take it for a title of its kind
 * and it fits a line, else the standard one (部门预算项目支出绩效目标表, 部门整体支出绩效目标表). */
const char *jx_render_title(const struct jx_project *p);

/* The header fields p shows as label/value rows (jx_project_field()'s labels) after 项目名称 and
 * 预算单位, in the order of enum jx_pfield: those it has, 表名 only where the title shown is not its own;
 * the 实施期 goal and the funds' note have places of their own. Returns how many, into fields. */
size_t jx_render_fields(const struct jx_project *p, enum jx_pfield fields[JX_PF_COUNT]);

/* Appends an amount and what it comprises, in a line for people: "3033.00 万元（财政拨款 3033.00，其他资金
 * 0.00）" — unit after the amount ("" for none), then the parts given, labelled, in parentheses (none,
 * and no parentheses, when the table gives none); an amount not given is left out. For the funds of p
 * (财政拨款, 其他资金, 上年结转资金, 实施期资金总额) and of a task (财政拨款, 其他资金). */
struct jx_buf;
void jx_render_funds_line(struct jx_buf *out, const struct jx_project *p, const char *unit);
void jx_render_task_line(struct jx_buf *out, const struct jx_task *t, const char *unit);

#endif
