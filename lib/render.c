/*
 * render.c — the registry of renderers and the driver callers use (see render.h), and what the
 * renderers of the official layout share (render_impl.h).
 */
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/render.h"
#include "jixiao/table.h"
#include "render_impl.h"

#define TITLE_LINE 30 /* characters of a title that fit its line on an A4 page (16 points over 511) */

static const struct jx_renderer *const renderers[] = { &jx_render_json, &jx_render_text, &jx_render_term,
						    &jx_render_html, &jx_render_csv, &jx_render_xlsx,
						    &jx_render_pdf };

const struct jx_renderer *jx_renderer_get(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(renderers[i]->name, name) == 0)
			return renderers[i];
	return NULL;
}

void jx_render_begin(struct jx_render *rd, const struct jx_renderer *r, const struct jx_render_opts *o,
		     struct jx_buf *out)
{
	rd->r = r;
	rd->o = o ? *o : (struct jx_render_opts){ 0 };
	rd->count = 0;
	rd->state = r->begin ? r->begin(out, &rd->o) : NULL;
}

int jx_render_statement(struct jx_render *rd, struct jx_buf *out, const struct jx_statement *s, struct jx_err *err)
{
	return rd->r->statement ? rd->r->statement(rd->state, out, s, &rd->o, err) : 0;
}

int jx_render_project(struct jx_render *rd, struct jx_buf *out, const struct jx_project *p, struct jx_err *err)
{
	return rd->r->project(rd->state, out, p, rd->count++, &rd->o, err);
}

static int unsupported(const struct jx_render *rd, const char *what, struct jx_err *err)
{
	return jx_err_set(err, JX_EUSAGE, "%s 格式不能输出%s", rd->r->name, what);
}

int jx_render_score(struct jx_render *rd, struct jx_buf *out, const struct jx_score *sc, struct jx_err *err)
{
	if (!rd->r->score)
		return unsupported(rd, "绩效自评表", err);
	return rd->r->score(rd->state, out, sc, rd->count++, &rd->o, err);
}

int jx_render_summary(struct jx_render *rd, struct jx_buf *out, const struct jx_score_summary *sum, struct jx_err *err)
{
	if (!rd->r->summary)
		return unsupported(rd, "自评汇总", err);
	return rd->r->summary(rd->state, out, sum, &rd->o, err);
}

int jx_render_monitor(struct jx_render *rd, struct jx_buf *out, const struct jx_monitor *m, struct jx_err *err)
{
	if (!rd->r->monitor)
		return unsupported(rd, "监控结果", err);
	return rd->r->monitor(rd->state, out, m, rd->count++, &rd->o, err);
}

int jx_render_end(struct jx_render *rd, struct jx_buf *out, bool failed, struct jx_err *err)
{
	int rc = rd->r->end ? rd->r->end(rd->state, out, rd->count, failed, &rd->o, err) : 0;

	rd->state = NULL;
	return rc;
}

/* ---- the official layout's parts (render_impl.h) ---- */

size_t jx_render_funds(const struct jx_project *p, struct jx_funds_row rows[JX_FUNDS_ROWS])
{
	const struct jx_funds_row all[JX_FUNDS_ROWS] = { { "年度资金总额", p->total },
							 { "其中：财政拨款", p->fiscal },
							 { "其他资金", p->other },
							 { "上年结转资金", p->carryover },
							 { "实施期资金总额", p->period_total } };
	size_t i, n = 0;

	for (i = 0; i < JX_FUNDS_ROWS; i++)
		if (all[i].amount != JX_MONEY_NONE)
			rows[n++] = all[i];
	return n;
}

/* True if p's own title can stand as its heading: read as a title of its kind, on one line. */
static bool own_title(const struct jx_project *p)
{
	const char *t = p->f[JX_PF_TITLE], *s;
	size_t chars = 0;
	int year;

	if (!t)
		return false;
	for (s = t; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	return chars <= TITLE_LINE && jx_table_title(t, strlen(t), &year) == (p->kind == JX_KIND_DEPARTMENT ? 2 : 1);
}

const char *jx_render_title(const struct jx_project *p)
{
	if (own_title(p))
		return p->f[JX_PF_TITLE];
	return p->kind == JX_KIND_DEPARTMENT ? "部门整体支出绩效目标表" : "部门预算项目支出绩效目标表";
}

size_t jx_render_fields(const struct jx_project *p, enum jx_pfield fields[JX_PF_COUNT])
{
	size_t n = 0;
	int f;

	for (f = 0; f < JX_PF_COUNT; f++)
		if (p->f[f] && f != JX_PF_LONG_GOAL && f != JX_PF_FUNDS_NOTE && !(f == JX_PF_TITLE && own_title(p)))
			fields[n++] = (enum jx_pfield)f;
	return n;
}

/* An amount, unit, then the parts given in parentheses (see jx_render_funds_line). */
static void amount_line(struct jx_buf *out, jx_money total, const char *unit, const jx_money *parts,
			const char *const *labels, size_t n)
{
	char s[JX_DEC_STRMAX];
	size_t i, shown = 0;

	if (total != JX_MONEY_NONE)
		jx_buf_addf(out, NULL, "%s%s", jx_money_format(total, s), unit);
	for (i = 0; i < n; i++)
		if (parts[i] != JX_MONEY_NONE)
			jx_buf_addf(out, NULL, "%s%s %s", shown++ ? "，" : "（", labels[i], jx_money_format(parts[i], s));
	if (shown)
		jx_buf_adds(out, "）", NULL);
}

void jx_render_funds_line(struct jx_buf *out, const struct jx_project *p, const char *unit)
{
	static const char *const labels[] = { "财政拨款", "其他资金", "上年结转资金", "实施期资金总额" };
	const jx_money parts[] = { p->fiscal, p->other, p->carryover, p->period_total };

	amount_line(out, p->total, unit, parts, labels, 4);
}

void jx_render_task_line(struct jx_buf *out, const struct jx_task *t, const char *unit)
{
	static const char *const labels[] = { "财政拨款", "其他资金" };
	const jx_money parts[] = { t->fiscal, t->other };

	jx_buf_addf(out, NULL, "%s ", t->name);
	amount_line(out, t->total, unit, parts, labels, 2);
}
