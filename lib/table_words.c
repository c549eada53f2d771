/*
 * table_words.c — cells recovered from text that lost them (see table_impl.h).
 *
 * Text taken from web pages and PDFs often has no cell separators. A line then comes as its words
 * (split at white space), and the vocabulary puts the cells back together:
 *
 *   labels     a run of words that makes a word of the vocabulary or a level label is one cell
 *              ("产 出 指 标"); a word that starts with one is split after it, again and again
 *              ("产出指标数量指标农村…", "项目名称农村…"); a label broken over two lines
 *              ("经济效益" / "指标") is joined when the next line completes it;
 *   values     the words between labels are one cell, spaced as written ("郭铁梅 18932106863");
 *   indicators after the row's labels, the last word is the target and the words before it the name;
 *              a single word holding both is split before the target its end reads as — a quantity
 *              ("覆盖率100%") or a qualitative target of the vocabulary ("…情况稳步提高"); one that
 *              cannot be split is refused, never read as a name without a target.
 *
 * Some tables are printed a cell per line, their rows lost: the header's first label stands alone on
 * its line. Then each line is a cell, and rows are put together again: a label and the values after
 * it; the goal labels, then the goals in turn; the column headers; each indicator's labels, name,
 * target and the cells the columns after it take. The cell after a name is its target, unless it
 * reads like a name itself (ends like 率, 人数 …) without being a quantity: then the table is refused
 * rather than a name taken for a target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"
#include "jixiao/text.h"
#include "jixiao/value.h"
#include "table_impl.h"

#define fail jx_table_fail
#define raw(t, c) jx_table_raw(t, c)
#define key(t, c) jx_table_key(t, c)
#define MAX_JOIN 8 /* words a label may be spread over ("产 出 指 标") */

/* ---- what a piece of text is ---- */

static void keyof(struct jx_buf *k, const char *s, size_t n)
{
	jx_buf_reset(k);
	jx_vocab_key(k, s, n);
}

/* True if key is a label: a word of the vocabulary (not a line to pass over or that ends a table) or
 * a level label. */
static bool is_label(const char *k)
{
	struct jx_vword w = jx_vocab_word(k);

	return (w.kind != JX_V_NONE && w.kind != JX_V_IGNORE && w.kind != JX_V_END) || jx_table_level_key(k);
}

/* The length of the longest label key starts with (0 if none): a level label, or (unless levels
 * only, for an indicator row) a word of the vocabulary. */
static size_t label_prefix(const char *k, bool levels)
{
	struct jx_vword w;
	size_t n = levels ? 0 : jx_vocab_prefix(k, &w), len;

	if (n && (w.kind == JX_V_IGNORE || w.kind == JX_V_END))
		n = 0;
	len = jx_framework_label_prefix(k, n);
	return len ? len : n;
}

/* ---- the row being put together ---- */

static int add(struct jx_tables *t, const char *s, size_t n, unsigned col, struct jx_err *err)
{
	const char *p = s;

	jx_text_trim(&p, &n);
	return n ? jx_table_add_cell(t, p, n, col, err) : 0;
}

/* Splits the word s[0..n) into its leading labels and what follows; appends the cells. Returns the
 * text left after the labels in *rest (raw). */
static int split_labels(struct jx_tables *t, const char *s, size_t n, unsigned col, bool levels, const char **rest,
			size_t *rest_n, struct jx_err *err)
{
	struct jx_buf k = JX_BUF_INIT;
	size_t l, at;
	int rc = 0;

	for (;;) {
		while (n && (*s == ':' || *s == ' '))
			s++, n--;
		if (n >= 3 && memcmp(s, "：", 3) == 0) {
			s += 3, n -= 3;
			continue;
		}
		keyof(&k, s, n);
		if (!k.len || (l = label_prefix(k.ptr, levels)) == 0 || l == k.len)
			break;
		at = jx_table_raw_prefix(s, n, l);
		if ((rc = add(t, s, at, col, err)) != 0)
			break;
		s += at;
		n -= at;
	}
	jx_buf_release(&k);
	*rest = s;
	*rest_n = n;
	return rc;
}

/* The number of words from i on that make one label (0 if none). */
static size_t label_run(const struct jx_cell *w, size_t n, size_t i)
{
	struct jx_buf k = JX_BUF_INIT, part = JX_BUF_INIT;
	size_t j, best = 0;

	for (j = i; j < n && j < i + MAX_JOIN; j++) {
		keyof(&part, w[j].text, w[j].len);
		jx_buf_add(&k, part.ptr, part.len, NULL);
		jx_buf_addc(&k, '\0', NULL);
		k.len--;
		if (is_label(k.ptr))
			best = j - i + 1;
		else if (!jx_vocab_broken(k.ptr))
			break;
	}
	jx_buf_release(&k);
	jx_buf_release(&part);
	return best;
}

/* The raw span of words i..j-1. */
static struct jx_cell span(const struct jx_cell *w, size_t i, size_t j)
{
	return (struct jx_cell){ w[i].text, (size_t)(w[j - 1].text + w[j - 1].len - w[i].text), w[i].col };
}

/* True if word i begins a label, alone or with the words after it. */
static bool starts_label(const struct jx_cell *w, size_t n, size_t i)
{
	struct jx_buf k = JX_BUF_INIT;
	bool yes;

	if (label_run(w, n, i))
		return true;
	keyof(&k, w[i].text, w[i].len);
	yes = label_prefix(k.ptr, false) > 0;
	jx_buf_release(&k);
	return yes;
}

/* Where a header label stands inside the value s[0..n), run together with it ("青山区教育局项目执行单位
 * 化工区学校"): the raw offset of the label, or n if there is none. Labels of four characters or more
 * only, so that a value's own words are not taken for one. */
static size_t inner_field(const char *s, size_t n)
{
	struct jx_buf k = JX_BUF_INIT;
	struct jx_vword w;
	size_t i, l, at = n;

	keyof(&k, s, n);
	for (i = 3; i < k.len && at == n; i++) {
		if ((k.ptr[i] & 0xC0) == 0x80)
			continue;
		if ((l = jx_vocab_prefix(k.ptr + i, &w)) >= 12 && w.kind == JX_V_FIELD)
			at = jx_table_raw_prefix(s, n, i);
	}
	jx_buf_release(&k);
	return at;
}

/* Adds a header value, split where a label runs on inside it. */
static int header_value(struct jx_tables *t, const char *s, size_t n, unsigned col, struct jx_err *err)
{
	size_t at = memchr(s, ' ', n) ? n : inner_field(s, n); /* words run together only */
	const char *rest;
	size_t rest_n;

	if (add(t, s, at, col, err))
		return -1;
	if (at == n)
		return 0;
	if (split_labels(t, s + at, n - at, col, false, &rest, &rest_n, err))
		return -1;
	return header_value(t, rest, rest_n, col, err);
}

/* A header line: labels, and the values between them, each one cell. */
static int header_words(struct jx_tables *t, const struct jx_cell *w, size_t n, struct jx_err *err)
{
	size_t i = 0, j, run;
	const char *rest;
	size_t rest_n;
	struct jx_cell s;

	while (i < n) {
		if ((run = label_run(w, n, i)) != 0) {
			s = span(w, i, i + run);
			if (add(t, s.text, s.len, s.col, err))
				return -1;
			i += run;
			continue;
		}
		if (split_labels(t, w[i].text, w[i].len, w[i].col, false, &rest, &rest_n, err))
			return -1;
		for (j = i + 1; j < n && !starts_label(w, n, j); j++)
			;
		s = span(w, i, j);
		if (rest != w[i].text) /* the word began with labels: the value starts after them */
			s = (struct jx_cell){ rest, (size_t)(s.text + s.len - rest), s.col };
		if (header_value(t, s.text, s.len, s.col, err))
			return -1;
		i = j;
	}
	return 0;
}

/* ---- indicators ---- */

/* Where a single word holding a name and its target splits: the start of the target at its end (a
 * quantity, or a qualitative target of the vocabulary), or 0 if none. */
static size_t target_split(const char *s, size_t n)
{
	struct jx_buf k = JX_BUF_INIT;
	struct jx_target tg;
	size_t i, q;

	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) == 0x80)
			continue;
		if (jx_target_parse(s + i, n - i, &tg) == 1)
			return i;
	}
	keyof(&k, s, n);
	q = jx_vocab_qualitative_suffix(k.ptr);
	if (q && q < k.len) {
		i = jx_table_raw_prefix(s, n, k.len - q);
		jx_buf_release(&k);
		return i;
	}
	jx_buf_release(&k);
	return 0;
}

/* An indicator line: its labels, then the name and the target. */
static int indicator_words(struct jx_tables *t, const struct jx_cell *w, size_t n, struct jx_err *err)
{
	size_t i = 0, run, cut;
	const char *rest = NULL;
	size_t rest_n = 0;
	struct jx_cell s;

	while (i < n && (run = label_run(w, n, i)) != 0) {
		s = span(w, i, i + run);
		if (add(t, s.text, s.len, s.col, err))
			return -1;
		i += run;
	}
	if (i < n) {
		if (split_labels(t, w[i].text, w[i].len, w[i].col, true, &rest, &rest_n, err))
			return -1;
		if (rest_n == 0)
			i++;
	}
	if (i == n)
		return 0;
	if (n - i >= 2) { /* the words before the last are the name, the last the target */
		s = span(w, i, n - 1);
		if (rest != w[i].text && rest_n)
			s = (struct jx_cell){ rest, (size_t)(s.text + s.len - rest), s.col };
		return add(t, s.text, s.len, s.col, err) || add(t, w[n - 1].text, w[n - 1].len, w[n - 1].col, err);
	}
	if (jx_target_stated(rest, rest_n)) /* a target alone, for the indicator above */
		return add(t, rest, rest_n, w[i].col, err);
	cut = target_split(rest, rest_n);
	if (cut == 0)
		return fail(t, w[i].col, err, "“%.*s”无法区分指标名称和指标值（文字连在一起，中间没有分隔）", (int)rest_n, rest);
	return add(t, rest, cut, w[i].col, err) || add(t, rest + cut, rest_n - cut, w[i].col, err);
}

/* ---- a cell per line ---- */

/* What a cell per line is in the row being put together. */
enum piece { P_LABEL, P_GOAL, P_COLUMN, P_LEVEL, P_TEXT };

static enum piece piece_of(const char *k)
{
	struct jx_vword w = jx_vocab_word(k);
	bool lg;
	int role;

	if (w.kind == JX_V_GOAL)
		return P_GOAL;
	if ((role = jx_table_column_key(k, &lg)) >= 0)
		return role == JX_VC_GROUP ? P_LEVEL : P_COLUMN;
	if (w.kind != JX_V_NONE && w.kind != JX_V_END)
		return P_LABEL; /* a line to pass over too: a row of its own */
	return jx_table_level_key(k) ? P_LEVEL : P_TEXT;
}

/* Reads the row put together so far, and starts the next. */
static int flush(struct jx_tables *t, struct jx_err *err)
{
	struct cell *tmp;
	size_t n;
	int rc;

	if (t->n_pc == 0)
		return 0;
	tmp = t->lc, n = t->cap_lc;
	t->lc = t->pc, t->cap_lc = t->cap_pc;
	t->n_lc = t->n_pc;
	t->pc = tmp, t->cap_pc = n;
	t->n_pc = 0;
	t->line = t->pending_line;
	rc = jx_table_take_row(t, err);
	t->n_lc = 0;
	return rc;
}

/* Appends cell c to the row being put together. */
static void pend(struct jx_tables *t, const struct cell *c)
{
	if (t->n_pc == 0)
		t->pending_line = t->line;
	jx_grow(&t->pc, sizeof(*t->pc), t->n_pc + 1, &t->cap_pc);
	t->pc[t->n_pc++] = *c;
}

static bool name_like(const char *k)
{
	static const char *const ends[] = { "率", "数", "量", "度", "数量", "人数", "人次", "次数", "时间", "期限", "成本",
					    "标准", "金额", "资金", "费用", "面积", "长度", "比例", "覆盖率" };
	size_t i, n = strlen(k), l;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (n >= (l = strlen(ends[i])) && strcmp(k + n - l, ends[i]) == 0)
			return true;
	return false;
}

/* Whether the row put together holds a name (its first text cell after the labels), a target. */
static size_t texts(const struct jx_tables *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n_pc; i++)
		n += piece_of(t->arena.ptr + t->pc[i].key) == P_TEXT;
	return n;
}

/* Whether a column's cells can be told by what they hold: a target, an operator, a unit, a number, a
 * word of 取值依据 … — not free text (备注, 指标解释), which a cell a line cannot tell from the next
 * indicator's name. */
static bool told_apart(int role)
{
	return role == JX_VC_NAME || role == JX_VC_TARGET || role == JX_VC_OP || role == JX_VC_UNIT ||
	       role == JX_VC_FIELD + JX_IF_WEIGHT || role == JX_VC_FIELD + JX_IF_DIRECTION ||
	       role == JX_VC_FIELD + JX_IF_BASIS || role == JX_VC_FIELD + JX_IF_VALUE_TYPE;
}

/* The indicator's cells a row put together a cell per line takes: the columns after the level ones
 * whose cells can be told apart (三级指标 | 指标值 without a header). A free-text column's cell would be
 * the next indicator's name: such a table's free text is not read (its cells then read as names,
 * which the check on the cell after a name may refuse). */
static size_t own_count(const struct jx_tables *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n_cols; i++)
		n += told_apart(t->cols[i].role);
	return n ? n : 2;
}

/* A text cell of an indicator: its name, its target, a further column's, or the next one's name. */
static int indicator_text(struct jx_tables *t, const struct cell *c, struct jx_err *err)
{
	size_t have = texts(t);
	struct jx_target tg;
	const char *k = key(t, c);

	if (have == 1 && jx_target_parse(raw(t, c), c->len, &tg) != 1 && name_like(k) &&
	    !jx_vocab_qualitative_suffix(k))
		return fail(t, c->col, err,
			    "“%s”跟在指标“%s”之后，却不像指标值：这张逐格排列的表无法确定它是指标值还是下一个指标（原表的指标值可能为空）",
			    raw(t, c), raw(t, &t->pc[t->n_pc - 1]));
	if (have >= own_count(t) && flush(t, err))
		return -1;
	pend(t, c);
	return 0;
}

/* Whether the new cell c (piece p) begins a row of its own, after the row put together so far: a level
 * label does after the indicator's text, and after a label of its level or a deeper one. */
static bool begins_row(const struct jx_tables *t, const struct cell *c, enum piece p, enum piece last)
{
	if (t->n_pc == 0)
		return false;
	if (p == P_TEXT) /* a value after its label; each goal text a row; a name after the column headers */
		return t->state == JX_TABLE_GOAL || last == P_COLUMN;
	if (p != last)
		return true;
	if (p == P_LEVEL)
		return texts(t) > 0 ||
		       jx_table_level_key(key(t, c)) <= jx_table_level_key(t->arena.ptr + t->pc[t->n_pc - 1].key);
	return p == P_LABEL;
}

/* Joins cell c to the last cell put together if that one is the beginning of a label c completes
 * ("经济效益" / "指标"): c becomes the joined cell, and the last one is dropped. A lone "指标" after a
 * label is dropped (returns -1 then). Returns 1 if joined, 0 if not. */
static int joined(struct jx_tables *t, struct cell *c, enum piece last, struct jx_err *err)
{
	struct jx_buf k = JX_BUF_INIT;
	const struct cell *prev;
	int rc = 0;

	if (t->n_pc == 0)
		return 0;
	prev = &t->pc[t->n_pc - 1];
	if (last != P_TEXT && strcmp(key(t, c), "指标") == 0)
		return -1;
	/* a cell too long to be keyed has an empty key: it completes nothing */
	if (!*key(t, c) || piece_of(key(t, c)) != P_TEXT || !(jx_vocab_broken(key(t, prev)) || last != P_TEXT))
		return 0;
	jx_buf_addf(&k, NULL, "%s%s", key(t, prev), key(t, c));
	if (is_label(k.ptr) || (last == P_TEXT && k.len <= 24 && jx_vocab_broken(k.ptr))) {
		/* "经济效益" / "指标", "主管部门" / "及编码", "服务对象" / "满意度" / "指标" */
		jx_buf_reset(&k);
		jx_buf_addf(&k, NULL, "%s%s", raw(t, prev), raw(t, c));
		t->n_pc--;
		rc = jx_table_add_cell(t, k.ptr, k.len, prev->col, err) ? -2 : 1;
		if (rc == 1)
			*c = t->lc[--t->n_lc];
	}
	jx_buf_release(&k);
	return rc;
}

static enum piece last_piece(const struct jx_tables *t)
{
	return t->n_pc ? piece_of(t->arena.ptr + t->pc[t->n_pc - 1].key) : P_TEXT;
}

/* One cell of a table printed a cell per line. */
static int cell_line(struct jx_tables *t, const char *s, size_t n, unsigned col, struct jx_err *err)
{
	enum piece last = last_piece(t), p;
	struct cell c;
	int j;

	if (add(t, s, n, col, err))
		return -1;
	if (t->n_lc == 0)
		return 0;
	c = t->lc[--t->n_lc];
	if ((j = joined(t, &c, last, err)) == -1)
		return 0; /* "指标" after a label */
	if (j == -2)
		return -1;
	if (j == 1)
		last = last_piece(t);
	p = piece_of(key(t, &c));
	if (p != P_TEXT && p != P_LABEL && last == P_TEXT && t->n_pc && strlen(key(t, &t->pc[t->n_pc - 1])) <= 3 &&
	    jx_vocab_broken(key(t, &t->pc[t->n_pc - 1]))) {
		t->n_pc--; /* "绩" before "一级": a label the table cut short, not text */
		last = last_piece(t);
	}
	if (t->state == JX_TABLE_INDICATORS && p == P_TEXT && last != P_COLUMN)
		return indicator_text(t, &c, err);
	if (begins_row(t, &c, p, last) && flush(t, err))
		return -1;
	pend(t, &c);
	return 0;
}

/* ---- lines ---- */

/* True if the line is a header label alone: the table is printed a cell per line. */
static bool label_alone(const struct jx_cell *w, size_t n)
{
	struct jx_buf k = JX_BUF_INIT;
	struct jx_cell s = span(w, 0, n);
	struct jx_vword v;
	bool alone;

	keyof(&k, s.text, s.len);
	while (k.len && k.ptr[k.len - 1] == ':')
		k.ptr[--k.len] = '\0';
	v = jx_vocab_word(k.ptr);
	alone = v.kind == JX_V_FIELD;
	jx_buf_release(&k);
	return alone;
}

int jx_table_words(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, enum jx_line_kind kind,
		   struct jx_err *err)
{
	struct jx_cell s;

	(void)kind;
	if (n == 0 || t->state == JX_TABLE_OUTSIDE)
		return 0;
	t->line = row;
	t->n_lc = 0;
	if (!t->cells_mode && t->state == JX_TABLE_HEADER && !t->content && label_alone(cells, n))
		t->cells_mode = true;
	if (t->cells_mode) {
		s = span(cells, 0, n);
		return cell_line(t, s.text, s.len, s.col, err);
	}
	if (t->state == JX_TABLE_GOAL && !starts_label(cells, n, 0)) {
		s = span(cells, 0, n); /* a line of the goal, as written */
		return add(t, s.text, s.len, s.col, err) || jx_table_take_row(t, err);
	}
	if ((t->state == JX_TABLE_INDICATORS ? indicator_words(t, cells, n, err) : header_words(t, cells, n, err)))
		return -1;
	return jx_table_take_row(t, err);
}

/* At the table's end: a last cell that only begins a level label, alone after the labels of its row
 * ("效益指标" / "经济效益", the page cut in the middle of "经济效益指标"), is that label cut short, not an
 * indicator; a label with no indicator under it adds nothing, so it is dropped. */
int jx_table_words_flush(struct jx_tables *t, struct jx_err *err)
{
	const char *k;

	if (!t->cells_mode)
		return 0;
	if (t->state == JX_TABLE_INDICATORS && t->n_pc >= 2 && texts(t) == 1 &&
	    piece_of(k = key(t, &t->pc[t->n_pc - 1])) == P_TEXT &&
	    piece_of(key(t, &t->pc[t->n_pc - 2])) == P_LEVEL && jx_vocab_completion(k) &&
	    jx_table_level_key(jx_vocab_completion(k)))
		t->n_pc--;
	return flush(t, err);
}
