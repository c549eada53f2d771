/*
 * render_term.c — a target table as a reader sees it in a terminal: the header block (the header fields
 * the table has, its funds and 年度主要任务 a line each, its goals), then the indicator tree in aligned
 * columns, level labels shown once per group as merged cells would be, an indicator's optional columns
 * on lines under its name (they do not fit beside it). Columns are measured in display width (a CJK
 * character takes two columns) and long text wraps inside its column.
 */
#include <stddef.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/model.h"
#include "jixiao/render.h"
#include "jixiao/text.h"
#include "render_impl.h"

#define GAP 2          /* spaces between columns */
#define LABEL_WIDTH 10 /* the header block's label column */

/* True for punctuation Chinese typography never starts a line with. */
static bool closing(const char *s, size_t n)
{
	static const char *const marks[] = { "。", "，", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》", "”" };
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (n >= 3 && memcmp(s, marks[i], 3) == 0)
			return true;
	return false;
}

/* Length in bytes of the longest prefix of s[0..n) that fits in width columns (at least one
 * character, so that wrapping always advances), stepping back a character rather than leave a line to
 * start with closing punctuation. */
static size_t fit(const char *s, size_t n, size_t width)
{
	size_t i = 0, w = 0, last = 0;

	while (i < n) {
		int32_t cp;
		size_t len = jx_utf8_decode(s + i, n - i, &cp), cw = jx_text_width(s + i, len);

		if (w + cw > width && i > 0)
			break;
		w += cw;
		last = i;
		i += len;
	}
	if (i < n && last > 0 && closing(s + i, n - i))
		return last;
	return i;
}

struct column {
	const char *text; /* what is left to print */
	size_t left;      /* its length in bytes */
	size_t width;     /* the column's width */
};

/* Prints cells side by side, wrapping each within its width, until all are printed. */
static void row(struct jx_buf *out, struct column *c, size_t n)
{
	bool more = true;
	size_t i;

	while (more) {
		size_t len = out->len;

		more = false;
		for (i = 0; i < n; i++) {
			size_t take = fit(c[i].text, c[i].left, c[i].width);

			jx_text_pad(out, c[i].text, take, i + 1 < n ? c[i].width + GAP : 0);
			c[i].text += take;
			c[i].left -= take;
			more |= c[i].left > 0;
		}
		while (out->len > len && out->ptr[out->len - 1] == ' ')
			jx_buf_setlen(out, out->len - 1);
		jx_buf_addc(out, '\n', NULL);
	}
}

static void field(struct jx_buf *out, const char *label, const char *text, size_t width)
{
	struct column c[2] = { { label, strlen(label), LABEL_WIDTH }, { text, strlen(text), width - LABEL_WIDTH - GAP } };

	row(out, c, 2);
}

/* Lines of text beside a label on the first: "（无）" for none. */
static void lines(struct jx_buf *out, const char *label, const char *text, size_t width)
{
	struct jx_buf line = JX_BUF_INIT;
	const char *s = text;

	if (!*s)
		field(out, label, "（无）", width);
	while (*s) {
		size_t n = strcspn(s, "\n");

		jx_buf_reset(&line);
		jx_buf_add(&line, s, n, NULL);
		field(out, s == text ? label : "", line.ptr, width);
		s += n + (s[n] == '\n');
	}
	jx_buf_release(&line);
}

/* The header fields the table has, each on a line of its own (the title too: the name heads the table
 * here). */
static void fields(struct jx_buf *out, const struct jx_project *p, size_t width)
{
	int f;

	for (f = 0; f < JX_PF_COUNT; f++)
		if (p->f[f] && f != JX_PF_LONG_GOAL && f != JX_PF_FUNDS_NOTE)
			field(out, jx_project_field((enum jx_pfield)f)->label, p->f[f], width);
}

/* The funds as a line (the parts the table gives, its note after), and 年度主要任务 a line each. */
static void funds(struct jx_buf *out, const struct jx_project *p, size_t width)
{
	struct jx_buf line = JX_BUF_INIT;
	size_t i;

	jx_buf_adds(&line, "年度资金总额 ", NULL);
	jx_render_funds_line(&line, p, " 万元");
	if (p->f[JX_PF_FUNDS_NOTE])
		jx_buf_adds(&line, p->f[JX_PF_FUNDS_NOTE], NULL);
	field(out, p->kind == JX_KIND_DEPARTMENT ? "部门预算" : "项目资金", line.ptr, width);
	for (i = 0; i < p->n_tasks; i++) {
		jx_buf_reset(&line);
		jx_render_task_line(&line, &p->tasks[i], " 万元");
		field(out, i ? "" : "主要任务", line.ptr, width);
	}
	jx_buf_release(&line);
}

static void header(struct jx_buf *out, const struct jx_project *p, size_t width)
{
	struct jx_buf line = JX_BUF_INIT;

	jx_buf_addf(out, NULL, "%s%s\n", p->name, p->kind == JX_KIND_DEPARTMENT ? "（部门整体支出绩效目标）" : "");
	jx_buf_addf(&line, NULL, "%d　编号 %lld　%s　指标体系 %s%s%s", p->year, (long long)p->id,
		    jx_status_label(p->status), p->framework, p->key ? "　重点项目" : "", p->classified ? "　涉密" : "");
	field(out, "年度", line.ptr, width);
	jx_buf_release(&line);
	if (p->kind == JX_KIND_PROJECT)
		field(out, "预算单位", p->unit, width);
	fields(out, p, width);
	funds(out, p, width);
	if (p->f[JX_PF_LONG_GOAL])
		lines(out, jx_project_field(JX_PF_LONG_GOAL)->label, p->f[JX_PF_LONG_GOAL], width);
	lines(out, "年度目标", p->goal, width);
}

static size_t widest(const struct jx_project *p, size_t offset, size_t min)
{
	size_t i, w = min;

	for (i = 0; i < p->n_ind; i++) {
		const char *s = *(const char *const *)((const char *)&p->ind[i] + offset);
		size_t sw = s ? jx_text_width(s, strlen(s)) : 0;

		w = sw > w ? sw : w;
	}
	return w;
}

/* The optional columns of an indicator that has any, on lines under its name and target: "分值：10　
 * 指标解释：…", indent columns in, width wide. */
static void columns(struct jx_buf *out, const struct jx_indicator *ind, size_t indent, size_t width)
{
	struct jx_buf text = JX_BUF_INIT;
	struct column c[2];
	int f;

	for (f = 0; f < JX_IF_COUNT; f++)
		if (ind->f[f])
			jx_buf_addf(&text, NULL, "%s%s：%s", text.len ? "　" : "", jx_indicator_field((enum jx_ifield)f)->label,
				    ind->f[f]);
	if (text.len) {
		c[0] = (struct column){ "", 0, indent };
		c[1] = (struct column){ text.ptr, text.len, width };
		row(out, c, 2);
	}
	jx_buf_release(&text);
}

static void indicators(struct jx_buf *out, const struct jx_project *p, size_t width)
{
	struct jx_buf name = JX_BUF_INIT;
	size_t w1 = widest(p, offsetof(struct jx_indicator, level1), 8);
	size_t w2 = widest(p, offsetof(struct jx_indicator, level2), 8);
	size_t w4 = widest(p, offsetof(struct jx_indicator, target), 6), w3, i;
	struct column c[4];

	w4 = w4 > 16 ? 16 : w4;
	w3 = width > w1 + w2 + w4 + 3 * GAP + 12 ? width - w1 - w2 - w4 - 3 * GAP : 12;
	c[0] = (struct column){ "一级指标", strlen("一级指标"), w1 };
	c[1] = (struct column){ "二级指标", strlen("二级指标"), w2 };
	c[2] = (struct column){ "三级指标", strlen("三级指标"), w3 };
	c[3] = (struct column){ "指标值", strlen("指标值"), w4 };
	jx_buf_addc(out, '\n', NULL);
	row(out, c, 4);
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];
		int group = jx_project_group_start(p, i);
		const char *target = ind->target ? ind->target : "（未填）";

		jx_buf_reset(&name);
		jx_buf_adds(&name, ind->name, NULL);
		if (ind->unit)
			jx_buf_addf(&name, NULL, " (%s)", ind->unit);
		c[0] = (struct column){ ind->level1, group == 1 ? strlen(ind->level1) : 0, w1 };
		c[1] = (struct column){ ind->level2, group ? strlen(ind->level2) : 0, w2 };
		c[2] = (struct column){ name.ptr, name.len, w3 };
		c[3] = (struct column){ target, strlen(target), w4 };
		row(out, c, 4);
		columns(out, ind, w1 + GAP + w2, w3 + GAP + w4);
	}
	if (!p->n_ind)
		jx_buf_adds(out, "（没有绩效指标）\n", NULL);
	jx_buf_release(&name);
}

static int term_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	size_t width = o->width >= 40 ? (size_t)o->width : 80;

	(void)state;
	(void)err;
	if (index)
		jx_buf_addc(out, '\n', NULL);
	header(out, p, width);
	indicators(out, p, width);
	return 0;
}

const struct jx_renderer jx_render_term = { .name = "term", .project = term_project };
