/*
 * table.c — building target tables from lines of cells (see table.h, and table_impl.h for the parts).
 *
 * A table is read in three parts, each cell classified by what it is, through the vocabulary
 * (vocab.h: data/vocab/table.json) and the frameworks' level labels:
 *
 *   header block   label/value pairs (项目名称, 预算单位, 主管部门, 实施期 …: a label's value is the cell
 *                  after it, whatever it says), the funds (年度资金总额, 财政拨款, 其他资金, 上年结转 …,
 *                  each with its amount in the same cell or the next, in the unit the table states),
 *                  the goals (年度目标, 中期目标 …, their text after them or on the lines that follow), and
 *                  a year row such as "(2021年度)" where the title gave none;
 *   indicators     from the header row naming the columns (一级指标 | 二级指标 | 三级指标 | 指标值 …) or the
 *                  first row holding a level label on (table_ind.c).
 *
 * Titles are the vocabulary's, after a place or project or none; a title with something before it may
 * be a page's headline rather than a table's own title: rows that hold no word of a table are then
 * passed over until the header begins, and a headline followed by the table's own title is dropped.
 * A 自评表's title ends the table before it and starts none. Lines of text without cells inside a
 * table go to table_words.c, which recovers their cells by the vocabulary.
 *
 * Funds are resolved when the table ends: 资金总额 beside 当年资金总额 is the period's total, not the
 * year's (the later keyword no longer wins), and likewise 财政拨款 beside 当年财政拨款.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
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

/* ---- messages and cells ---- */

int jx_locate_vfail(jx_locate_fn locate, void *ctx, unsigned row, unsigned col, struct jx_err *err, const char *fmt,
		    va_list ap)
{
	char where[512], msg[768];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	locate(ctx, row, col, where, sizeof(where));
	return jx_err_set(err, err && err->code == JX_ETOOBIG ? JX_ETOOBIG : JX_EINPUT, "%s: %s", where, msg);
}

int jx_table_fail(struct jx_tables *t, unsigned col, struct jx_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = jx_locate_vfail(t->locate, t->locate_ctx, t->line, col, err, fmt, ap);
	va_end(ap);
	return rc;
}

#define fail jx_table_fail
#define raw(t, c) jx_table_raw(t, c)
#define key(t, c) jx_table_key(t, c)

const char *jx_table_raw(const struct jx_tables *t, const struct cell *c)
{
	return t->arena.ptr + c->raw;
}

const char *jx_table_key(const struct jx_tables *t, const struct cell *c)
{
	return t->arena.ptr + c->key;
}

static int column_key(const char *k, struct jx_vword w, bool *long_group);

int jx_table_add_cell(struct jx_tables *t, const char *text, size_t len, unsigned col, struct jx_err *err)
{
	struct cell *c;

	if (t->n_lc >= JX_TABLE_MAX_CELLS)
		return fail(t, col, err, "一行的单元格超过 %d 个", JX_TABLE_MAX_CELLS);
	jx_grow(&t->lc, sizeof(*t->lc), t->n_lc + 1, &t->cap_lc);
	c = &t->lc[t->n_lc++];
	c->col = col;
	c->raw = t->arena.len;
	c->len = len;
	if (jx_buf_add(&t->arena, text, len, err) || jx_buf_addc(&t->arena, '\0', err))
		return fail(t, col, err, "表格内容超过 %d 字节", JX_TABLE_MAX_TEXT);
	c->key = t->arena.len;
	if (len <= MAX_KEYED)
		jx_vocab_key(&t->arena, text, len); /* text, not the arena, which may move as it grows */
	if (jx_buf_addc(&t->arena, '\0', err))
		return fail(t, col, err, "表格内容超过 %d 字节", JX_TABLE_MAX_TEXT);
	c->word = jx_vocab_word(t->arena.ptr + c->key);
	c->level = jx_table_level_key(t->arena.ptr + c->key);
	c->column = column_key(t->arena.ptr + c->key, c->word, &c->long_group);
	return 0;
}

void jx_table_unwrap(struct jx_buf *out, const char *s, size_t n)
{
	const char *end = s + n, *nl;

	while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		const char *a = nl, *b = nl + 1;

		while (a > s && (a[-1] == ' ' || a[-1] == '\r'))
			a--;
		while (b < end && *b == ' ')
			b++;
		jx_buf_add(out, s, (size_t)(a - s), NULL);
		if (a > s && b < end && ((unsigned char)a[-1] < 0x80 || (unsigned char)*b < 0x80))
			jx_buf_addc(out, ' ', NULL);
		s = b;
	}
	jx_buf_add(out, s, (size_t)(end - s), NULL);
}

const char *jx_table_label_core(const char *k, char *buf, size_t size)
{
	const char *open = strrchr(k, '(');
	size_t n = strlen(k);

	if (!open || open == k || n >= size || !(k[n - 1] == ')' || (n >= 3 && strcmp(k + n - 3, "分") == 0)))
		return k;
	memcpy(buf, k, (size_t)(open - k));
	buf[open - k] = '\0';
	return buf;
}

/* jx_table_column_key, given w, the word k is. */
static int column_key(const char *k, struct jx_vword w, bool *long_group)
{
	char buf[MAX_KEYED + 1];
	const char *core = k;

	*long_group = false;
	if (w.kind != JX_V_COLUMN) {
		core = jx_table_label_core(k, buf, sizeof(buf));
		w = core != k ? jx_vocab_word(core) : w;
		if (w.kind != JX_V_COLUMN)
			return -1;
		*long_group = strstr(k + strlen(core), "长期") || strstr(k + strlen(core), "中期") ||
			      strstr(k + strlen(core), "实施期");
	}
	return w.role;
}

int jx_table_column_key(const char *k, bool *long_group)
{
	return column_key(k, jx_vocab_word(k), long_group);
}

int jx_table_level_key(const char *k)
{
	char buf[MAX_KEYED + 1];
	const char *label;

	const char *core;
	int level;

	if (!*k)
		return JX_LABEL_NONE;
	if ((level = jx_framework_label(jx_framework_at(0), k, &label)) != JX_LABEL_NONE)
		return level;
	core = jx_table_label_core(k, buf, sizeof(buf));
	return core == k ? JX_LABEL_NONE : jx_framework_label(jx_framework_at(0), core, &label);
}

struct jx_vword jx_table_word(const struct jx_tables *t, const struct cell *c, int *level)
{
	(void)t;
	*level = c->word.kind == JX_V_NONE ? c->level : JX_LABEL_NONE;
	return c->word;
}

/* ---- titles ---- */

int jx_table_title(const char *text, size_t len, int *year)
{
	struct jx_buf k = JX_BUF_INIT;
	bool exact;
	int kind;

	if (len > 512)
		return 0;
	jx_vocab_key(&k, text, len);
	kind = jx_vocab_title(k.ptr, year, &exact);
	jx_buf_release(&k);
	return kind;
}

/* ---- the table's life ---- */

struct jx_tables *jx_tables_new(jx_sink_fn sink, void *sink_ctx, jx_locate_fn locate, void *locate_ctx)
{
	struct jx_tables *t = jx_calloc(1, sizeof(*t));

	t->sink = sink;
	t->sink_ctx = sink_ctx;
	t->locate = locate;
	t->locate_ctx = locate_ctx;
	jx_buf_init(&t->goal, JX_GOAL_MAX);
	jx_buf_init(&t->long_goal, JX_GOAL_MAX);
	jx_buf_init(&t->arena, JX_TABLE_MAX_TEXT);
	t->lone = -1;
	return t;
}

static void table_reset(struct jx_tables *t)
{
	jx_project_free(t->p);
	t->p = NULL;
	t->header_seen = t->content = false;
	t->amount_unit = t->funds_unit = 0;
	t->funds_given = 0;
	jx_buf_reset(&t->goal);
	jx_buf_reset(&t->long_goal);
	t->n_goal_cols = t->goal_next = 0;
	t->goal_col = 0;
	t->cells_mode = t->words_table = t->note_next = t->in_tasks = false;
	memset(t->task_cols, 0, sizeof(t->task_cols));
	t->passed_col = 0;
	t->lone = -1;
	t->n_cols = 0;
	jx_buf_reset(&t->arena);
	t->n_cells = t->n_rows = t->n_lc = t->n_pc = 0;
	t->state = JX_TABLE_OUTSIDE;
}

void jx_tables_free(struct jx_tables *t)
{
	if (!t)
		return;
	table_reset(t);
	jx_buf_release(&t->goal);
	jx_buf_release(&t->long_goal);
	jx_buf_release(&t->arena);
	free(t->cells);
	free(t->rows);
	free(t->errs);
	free(t->lc);
	free(t->pc);
	free(t);
}

enum jx_table_state jx_tables_state(const struct jx_tables *t)
{
	return t->state;
}

unsigned jx_tables_count(const struct jx_tables *t)
{
	return t->tables;
}

void jx_tables_grid(struct jx_tables *t, bool grid)
{
	t->grid = grid;
}

int jx_tables_start(struct jx_tables *t, unsigned row, int title, int year, struct jx_err *err)
{
	if (t->p && !t->content) { /* a page's headline, no table under it: the table's own title follows */
		year = year ? year : t->p->year;
		table_reset(t);
	} else if (jx_tables_finish(t, err)) {
		return -1;
	}
	if (title == 3)
		return 0; /* a 自评表: not read */
	t->line = row;
	t->tables++;
	t->p = jx_project_new();
	t->p->kind = title == 2 ? JX_KIND_DEPARTMENT : JX_KIND_PROJECT;
	t->p->year = year;
	t->p->line = row;
	t->state = JX_TABLE_HEADER;
	return 0;
}

/* ---- the header block ---- */

/* Sets *year from a key such as "(2021年度)", "2021年度", "2021年" or "2021年度)"; returns 1 if it is one. */
static int year_form(const char *k, int *year)
{
	size_t n = strlen(k);
	int i;

	if (n >= 1 && k[0] == '(')
		k++, n--;
	if (n >= 1 && k[n - 1] == ')')
		n--;
	if (n < 7 || !((n == 7 && memcmp(k + 4, "年", 3) == 0) || (n == 10 && memcmp(k + 4, "年度", 6) == 0)))
		return 0;
	for (i = 0; i < 4; i++)
		if (k[i] < '0' || k[i] > '9' || (i == 0 && k[i] == '0'))
			return 0;
	*year = (k[0] - '0') * 1000 + (k[1] - '0') * 100 + (k[2] - '0') * 10 + (k[3] - '0');
	return 1;
}

static void set_field(char **field, const char *value, size_t n)
{
	struct jx_buf b = JX_BUF_INIT;
	const char *s = value;

	jx_text_trim(&s, &n);
	jx_table_unwrap(&b, s, n);
	free(*field);
	*field = b.len ? jx_buf_detach(&b, NULL) : NULL;
	jx_buf_release(&b);
}

/* 项目负责人及电话: "郭铁梅18932106863" is a name and a phone. */
static void set_manager_phone(struct jx_project *p, const char *v, size_t n)
{
	size_t i = n;

	while (i > 0 && ((v[i - 1] >= '0' && v[i - 1] <= '9') || v[i - 1] == '-'))
		i--;
	set_field(&p->f[JX_PF_MANAGER], v, n - i >= 7 ? i : n);
	if (n - i >= 7)
		set_field(&p->f[JX_PF_PHONE], v + i, n - i);
}

/* A field of boxes to tick ("持续性项目■ 新增性项目口") keeps the options ticked, if any is. */
static void ticked(char **field)
{
	static const char *const on[] = { "■", "☑", "√", "✓", "☒" }, *const off[] = { "□", "口", "☐" };
	struct jx_buf out = JX_BUF_INIT;
	const char *s = *field, *end;
	size_t i, n;
	bool hit;

	if (!s)
		return;
	for (; *s; s = end + (*end != '\0')) {
		for (end = s; *end && *end != ' '; end++)
			;
		n = (size_t)(end - s);
		for (i = 0, hit = false; i < sizeof(on) / sizeof(on[0]); i++) {
			size_t l = strlen(on[i]);

			if (n > l && (memcmp(s, on[i], l) == 0 || memcmp(end - l, on[i], l) == 0)) {
				if (out.len)
					jx_buf_addc(&out, ' ', NULL);
				jx_buf_add(&out, memcmp(s, on[i], l) == 0 ? s + l : s, n - l, NULL);
				hit = true;
			}
		}
		(void)hit;
		(void)off;
	}
	if (out.len) {
		free(*field);
		*field = jx_buf_detach(&out, NULL);
	}
	jx_buf_release(&out);
}

/* Reads a header field's value. */
static void header_field(struct jx_tables *t, int role, const char *v, size_t n)
{
	struct jx_project *p = t->p;
	bool department = p->kind == JX_KIND_DEPARTMENT;

	if (role == JX_VF_NAME || (role == JX_VF_DEPARTMENT_NAME && department)) {
		set_field(&p->name, v, n);
		if (!p->name) {
			p->name = jx_strdup("");
		} else if (role == JX_VF_DEPARTMENT_NAME) {
			free(p->unit);
			p->unit = jx_strdup(p->name);
		}
	} else if (role == JX_VF_UNIT || role == JX_VF_DEPARTMENT_NAME) {
		set_field(&p->unit, v, n);
		if (!p->unit)
			p->unit = jx_strdup("");
		else if (department && !p->name[0]) {
			free(p->name);
			p->name = jx_strdup(p->unit);
		}
	} else if (role == JX_VF_MANAGER_PHONE) {
		set_manager_phone(p, v, n);
	} else if (role >= JX_VF_OPTIONAL) {
		set_field(&p->f[role - JX_VF_OPTIONAL], v, n);
		if (role == JX_VF_OPTIONAL + JX_PF_ATTRIBUTE || role == JX_VF_OPTIONAL + JX_PF_CATEGORY)
			ticked(&p->f[role - JX_VF_OPTIONAL]);
	}
}

size_t jx_table_raw_prefix(const char *raw, size_t len, size_t keylen)
{
	struct jx_buf k = JX_BUF_INIT;
	size_t i;

	for (i = 1; i <= len; i++) {
		if (i < len && (raw[i] & 0xC0) == 0x80)
			continue;
		jx_buf_reset(&k);
		jx_vocab_key(&k, raw, i);
		if (k.len >= keylen)
			break;
	}
	jx_buf_release(&k);
	return i <= len ? i : len;
}

/* ---- funds ---- */

/* The funds word at key k, if one starts there (the longest): its length, 0 if none. */
static size_t funds_word_at(const char *k, struct jx_vword *w)
{
	size_t n = jx_vocab_prefix(k, w);

	return n && (w->kind == JX_V_FUNDS || w->kind == JX_V_FUNDS_LABEL || w->kind == JX_V_UNIT) ? n : 0;
}

/* Skips what may stand between a funds word and its amount: ":" and a unit in parentheses, which sets
 * *unit. */
static const char *skip_to_amount(const char *s, int *unit)
{
	static const struct {
		const char *text;
		int unit;
	} skips[] = { { ":", 0 }, { "(万元)", 10000 }, { "(元)", 1 }, { "(单位:万元)", 10000 }, { "(单位:元)", 1 },
		      { "金额(万元)", 10000 } };
	size_t i;

	for (i = 0; i < sizeof(skips) / sizeof(skips[0]);) {
		size_t l = strlen(skips[i].text);

		if (strncmp(s, skips[i].text, l) == 0) {
			s += l;
			if (skips[i].unit)
				*unit = skips[i].unit;
			i = 0;
		} else {
			i++;
		}
	}
	return s;
}

/* Reads an amount at key s ("3,033.00", "3033万元", "250万", "387664.62元") in the unit given
 * (1 元, 10000 万元) unless the amount says its own: *out in 分. Returns the bytes read, 0 if none. */
static size_t read_amount(const char *s, int unit, jx_money *out)
{
	char digits[64];
	struct jx_dec d;
	size_t len = jx_number_scan(s, strlen(s), digits, sizeof(digits));

	if (len == 0 || digits[0] == '-' || jx_dec_parse(digits, strlen(digits), &d))
		return 0;
	if (strncmp(s + len, "万元", 6) == 0)
		len += 6, unit = 10000;
	else if (strncmp(s + len, "万", 3) == 0)
		len += 3, unit = 10000;
	else if (strncmp(s + len, "元", 3) == 0)
		len += 3, unit = 1;
	if (unit == 1 ? jx_money_from_yuan(d, out) : jx_money_from_dec(d, out))
		return 0;
	return len;
}

/* The unit a bare amount is in: the funds block's label says, else the table's unit line, else 万元. */
static int bare_unit(const struct jx_tables *t)
{
	return t->funds_unit ? t->funds_unit : t->amount_unit ? t->amount_unit : 10000;
}

static void set_funds(struct jx_tables *t, int role, jx_money m)
{
	t->funds[role] = m;
	t->funds_given |= 1u << role;
}

/* The label of the table's vocabulary in a note written after an amount without brackets (a header
 * label, a funds label, a goal's or a column's, a word that ends a table such as 附件): its length,
 * with *at pointing at it; 0 if none. Such a note is cells run together, not a note. */
static size_t note_label(const char *k, const char **at)
{
	struct jx_vword w;
	size_t n;
	unsigned char b;

	if (*k == '(' || *k == '[' || strncmp(k, "【", strlen("【")) == 0)
		return 0;
	for (; *k; k += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4) {
		b = (unsigned char)*k;
		n = jx_vocab_prefix(k, &w);
		if (n && w.kind != JX_V_NONE && w.kind != JX_V_UNIT && w.kind != JX_V_IGNORE) {
			*at = k;
			return n;
		}
	}
	return 0;
}

/* Keeps the funds' note. Every form writes it after the total's amount, so a note that begins with a
 * number would run into that amount (109.98 09.98 reads back as 109.9809…): refused, not misread. */
static int set_note(struct jx_tables *t, unsigned col, const char *text, size_t n, struct jx_err *err)
{
	const char *s = text;
	size_t len = n;

	struct jx_buf k = JX_BUF_INIT;
	bool number;

	jx_text_trim(&s, &len);
	jx_text_key(&k, s, len); /* ０, ﹒ and their like are digits and points too */
	number = (k.ptr[0] >= '0' && k.ptr[0] <= '9') || k.ptr[0] == '.';
	jx_buf_release(&k);
	if (number)
		return fail(t, col, err, "资金说明“%.*s”以数字开头：写在金额后会与金额连成一个数，无法可靠地读取（说明请写在括号里）",
			    (int)len, s);
	set_field(&t->p->f[JX_PF_FUNDS_NOTE], text, n);
	return 0;
}

/* Reads the funds of cell i: words and their amounts, in the cell or (an amount alone) the next.
 * Text after an amount goes to the funds' note. Sets *used to the cells read. */
static int funds_cell(struct jx_tables *t, size_t i, size_t *used, struct jx_err *err)
{
	const struct cell *c = &t->lc[i];
	const char *k = key(t, c), *s;
	struct jx_vword w;
	size_t n, len;
	jx_money m;

	*used = 1;
	while (*k && (n = funds_word_at(k, &w)) != 0) {
		int unit = w.kind == JX_V_UNIT ? w.role : 0;

		s = skip_to_amount(k + n, &unit);
		if (w.kind == JX_V_FUNDS_LABEL && strstr(k, "用途"))
			t->note_next = true;
		if (w.kind == JX_V_UNIT || w.kind == JX_V_FUNDS_LABEL) {
			if (unit)
				t->funds_unit = unit;
			k = s;
			continue;
		}
		if (!*s && i + *used < t->n_lc && !funds_word_at(key(t, &t->lc[i + *used]), &(struct jx_vword){ 0, 0 })) {
			c = &t->lc[i + *used];
			s = key(t, c);
			++*used;
		}
		if (!*s) /* a word with no amount: the table leaves it empty */
			return 0;
		len = read_amount(s, unit ? unit : bare_unit(t), &m);
		if (len == 0)
			return fail(t, c->col, err, "“%.*s”后应为金额（不为负，万元最多六位小数、元最多两位），如 3033.00",
				    (int)n, k);
		set_funds(t, w.role, m);
		k = s + len;
		if ((*k >= '0' && *k <= '9') || *k == '.') { /* "1.0009.98", "109.98 09.98": where does it end? */
			size_t at = jx_table_raw_prefix(raw(t, c), c->len, (size_t)(k - key(t, c))), b = at;
			const char *r = raw(t, c);

			while (b > 0 && (r[b - 1] == ' ' || r[b - 1] == '\t' || r[b - 1] == '\n' || r[b - 1] == '\r' ||
					 (b >= 3 && (unsigned char)r[b - 3] == 0xe3 && (unsigned char)r[b - 2] == 0x80 &&
					  (unsigned char)r[b - 1] == 0x80)))
				b -= r[b - 1] == (char)0x80 ? 3 : 1;
			/* a number on a number with no unit between: a unit (854万854万) ends an amount plainly */
			if (b > 0 && ((r[b - 1] >= '0' && r[b - 1] <= '9') || r[b - 1] == '.')) {
				at += strspn(r + at, " \t\r\n"); /* the number after, as written */
				return fail(t, c->col, err, "金额“%.*s”后紧跟着数字“%.*s”：像是两个数连在一起，无法可靠地读取",
					    (int)len, s, (int)strcspn(r + at, " \n"), r + at);
			}
		}
		if (*k && !funds_word_at(k, &w)) { /* words after the amount: "(高标准农田建设400万元,…)" */
			size_t at = jx_table_raw_prefix(raw(t, c), c->len, (size_t)(k - key(t, c)));
			const char *lab = NULL;
			size_t label = note_label(k, &lab);

			if (label)
				return fail(t, c->col, err,
					    "金额后的说明“%s”含有表格的文字“%.*s”：像是几格内容并进了一格，无法可靠地读取（说明请写在括号里）",
					    raw(t, c) + at, (int)label, lab);
			return t->p->f[JX_PF_FUNDS_NOTE] ? 0 : set_note(t, c->col, raw(t, c) + at, c->len - at, err);
		}
	}
	if (*k)
		return fail(t, c->col, err, "无法识别的资金“%s”", raw(t, c));
	return 0;
}

/* Resolves the amounts read into the project's funds. */
static void resolve_funds(struct jx_tables *t)
{
	struct jx_project *p = t->p;
	unsigned g = t->funds_given;
#define GIVEN(r) ((g >> (r)) & 1u)

	if (GIVEN(JX_VM_TOTAL))
		p->total = t->funds[JX_VM_TOTAL];
	else if (GIVEN(JX_VM_EITHER_TOTAL))
		p->total = t->funds[JX_VM_EITHER_TOTAL];
	if (GIVEN(JX_VM_PERIOD_TOTAL))
		p->period_total = t->funds[JX_VM_PERIOD_TOTAL];
	else if (GIVEN(JX_VM_TOTAL) && GIVEN(JX_VM_EITHER_TOTAL))
		p->period_total = t->funds[JX_VM_EITHER_TOTAL];
	p->fiscal = GIVEN(JX_VM_FISCAL) ? t->funds[JX_VM_FISCAL]
		    : GIVEN(JX_VM_EITHER_FISCAL) ? t->funds[JX_VM_EITHER_FISCAL]
						   : JX_MONEY_NONE;
	p->other = GIVEN(JX_VM_OTHER) ? t->funds[JX_VM_OTHER]
		   : GIVEN(JX_VM_EITHER_OTHER) ? t->funds[JX_VM_EITHER_OTHER]
					       : JX_MONEY_NONE;
	if (GIVEN(JX_VM_CARRYOVER))
		p->carryover = t->funds[JX_VM_CARRYOVER];
#undef GIVEN
	if (!p->unit[0] && (p->f[JX_PF_IMPLEMENTER] || p->f[JX_PF_DEPARTMENT])) {
		/* a table that names no 预算单位: its 实施单位, else its 主管部门, spends the funds */
		free(p->unit);
		p->unit = jx_strdup(p->f[JX_PF_IMPLEMENTER] ? p->f[JX_PF_IMPLEMENTER] : p->f[JX_PF_DEPARTMENT]);
	}
}

/* ---- goals ---- */

static int add_line(struct jx_tables *t, struct jx_buf *goal, const char *s, size_t n, struct jx_err *err)
{
	jx_text_trim(&s, &n);
	if (n == 0)
		return 0;
	if ((goal->len && jx_buf_addc(goal, '\n', err)) || jx_buf_add(goal, s, n, err))
		return fail(t, 0, err, "年度目标过长（超过 %d 字节）", JX_GOAL_MAX);
	return 0;
}

/* Text for goal column i (JX_VG_YEAR or JX_VG_LONG; a self-evaluation's column is dropped). */
static int goal_text(struct jx_tables *t, size_t col, const struct cell *c, struct jx_err *err)
{
	int kind = col < t->n_goal_cols ? t->goal_cols[col] : JX_VG_YEAR;

	if (kind == JX_VG_ACTUAL)
		return 0;
	return add_line(t, kind == JX_VG_LONG ? &t->long_goal : &t->goal, raw(t, c), c->len, err);
}

/* The number of goal columns that take text (a self-evaluation's does not). */
static size_t text_columns(const struct jx_tables *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n_goal_cols; i++)
		n += t->goal_cols[i] != JX_VG_ACTUAL;
	return n;
}

/* The first goal column that takes text (0 if none is named). */
static size_t first_text_column(const struct jx_tables *t)
{
	size_t i;

	for (i = 0; i < t->n_goal_cols; i++)
		if (t->goal_cols[i] != JX_VG_ACTUAL)
			return i;
	return 0;
}

/* Reads goal labels from cell i on: the columns they name (总体目标 names none), then the text that
 * follows them in the row, a column each. */
static int goal_labels(struct jx_tables *t, size_t i, struct jx_err *err)
{
	struct jx_vword w;
	size_t col;
	int level;

	t->n_goal_cols = t->goal_next = 0;
	if (!t->goal_col || t->lc[i].col < t->goal_col) /* a label in the goal's column keeps the labels' */
		t->goal_col = t->lc[i].col;
	for (; i < t->n_lc && (w = jx_table_word(t, &t->lc[i], &level)).kind == JX_V_GOAL; i++)
		if (w.role != JX_VG_GROUP && t->n_goal_cols < sizeof(t->goal_cols) / sizeof(t->goal_cols[0]))
			t->goal_cols[t->n_goal_cols++] = w.role;
	t->state = JX_TABLE_GOAL;
	t->content = true;
	for (col = 0; i < t->n_lc; i++, col++)
		if (goal_text(t, text_columns(t) <= 1 ? first_text_column(t) : col, &t->lc[i], err))
			return -1;
	t->goal_next = col;
	return 0;
}

static int header_row(struct jx_tables *t, struct jx_err *err);

/* The goal a line of text goes to now (JX_VG_YEAR, JX_VG_LONG): the first goal column that takes text. */
static int current_goal(const struct jx_tables *t)
{
	return t->n_goal_cols ? t->goal_cols[first_text_column(t)] : JX_VG_YEAR;
}

/* True if the row is a line of the goal whatever its words: a cell of its own standing right of the
 * goal's labels, as a goal's lines stand under 年度目标 (and as the document form writes them, a line a
 * row). A level label, 三级指标 or 财政拨款 there is goal text, as it is among other text of the goal;
 * so is the label of the goal being read (or 总体目标), but not another goal's label, which begins that
 * goal (中期目标's text, then 年度目标 under it). A table printed a cell per line has no columns to tell
 * by, and one with two goals side by side no goal to give the line to. */
static bool goal_line(const struct jx_tables *t, const struct jx_vword *w)
{
	if (t->n_lc != 1 || t->cells_mode || !t->goal_col || t->lc[0].col <= t->goal_col || text_columns(t) > 1)
		return false;
	return w->kind != JX_V_GOAL || w->role == JX_VG_GROUP || w->role == current_goal(t);
}

/* A row of goal text, until the indicators start: one cell per goal column. Where the label row named
 * a year's and a 实施期 goal and a row brings one text, only a table printed a cell per line says which
 * (the next in turn); elsewhere that is ambiguous, and refused. */
static int goal_row(struct jx_tables *t, struct jx_err *err)
{
	struct jx_vword w;
	size_t i;
	int level;

	w = jx_table_word(t, &t->lc[0], &level);
	if (goal_line(t, &w))
		return goal_text(t, first_text_column(t), &t->lc[0], err);
	/* A single cell is goal text, whatever words it holds (a goal may well speak of 产出指标), but in a
	 * table printed a cell per line, where a label is a row of its own. */
	if ((t->n_lc > 1 || t->cells_mode) && (jx_table_header_row(t) || jx_table_indicator_row(t))) {
		t->state = JX_TABLE_INDICATORS;
		return jx_table_buffer_row(t, err);
	}
	/* another goal's label alone right of the labels' column begins that goal (goal_line) */
	if (w.kind == JX_V_GOAL && (t->n_lc > 1 || t->cells_mode || t->goal_col))
		return goal_labels(t, 0, err);
	if ((t->n_lc > 1 || t->cells_mode) && (w.kind == JX_V_FIELD || w.kind == JX_V_FUNDS)) {
		/* the header goes on after the goal */
		t->state = JX_TABLE_HEADER;
		return header_row(t, err);
	}
	if (t->n_lc == t->n_goal_cols || text_columns(t) <= 1) {
		for (i = 0; i < t->n_lc; i++) {
			struct jx_vword c = i ? jx_table_word(t, &t->lc[i], &level) : w;

			/* another goal's label among the text of a row: a label row gone wrong or cells run together;
			 * taken as text it would begin that goal when the table is written out and read again */
			if (c.kind == JX_V_GOAL && c.role != JX_VG_GROUP && c.role != current_goal(t))
				return fail(t, t->lc[i].col, err, "目标文字中出现了另一栏目标的名称“%.*s”（与其他文字同在一行），"
					    "无法确定它是新的目标栏还是目标的内容", (int)t->lc[i].len, raw(t, &t->lc[i]));
			if (goal_text(t, t->n_lc == t->n_goal_cols ? i : first_text_column(t), &t->lc[i], err))
				return -1;
		}
		return 0;
	}
	if (t->cells_mode && t->n_lc == 1)
		return goal_text(t, t->goal_next++, &t->lc[0], err);
	return fail(t, t->lc[0].col, err, "此行只有 %zu 段目标文字，而表头有 %zu 个目标栏（如中期目标、年度目标），无法确定各属哪一栏",
		    t->n_lc, t->n_goal_cols);
}

/* ---- header rows ---- */

/* True for a table's number above it: "表11", "附表3", "附件2". */
static bool numbering(const char *k)
{
	if (strncmp(k, "附表", 6) == 0 || strncmp(k, "附件", 6) == 0)
		k += 6;
	else if (strncmp(k, "表", 3) == 0)
		k += 3;
	else
		return false;
	while (*k >= '0' && *k <= '9')
		k++;
	return *k == '\0' || strcmp(k, ":") == 0;
}

/* True if the row begins with a line to pass over around a table (填报单位, 发布时间 …), or is a table's
 * number alone. */
static bool ignored_row(const struct jx_tables *t)
{
	struct jx_vword w;

	if (t->n_lc == 1 && numbering(key(t, &t->lc[0])))
		return true;
	return jx_vocab_prefix(key(t, &t->lc[0]), &w) && w.kind == JX_V_IGNORE;
}

/* The label and value of a header cell that holds both ("项目名称:甲", "项目名称农村…"): the field's
 * word, and in *value the text after it. */
static bool field_with_value(const struct jx_tables *t, const struct cell *c, struct jx_vword *w, size_t *at)
{
	size_t n = jx_vocab_prefix(key(t, c), w);

	if (!n || w->kind != JX_V_FIELD || !key(t, c)[n])
		return false;
	*at = jx_table_raw_prefix(raw(t, c), c->len, n);
	while (*at < c->len && (raw(t, c)[*at] == ':' || raw(t, c)[*at] == ' ' ||
				(c->len - *at >= 3 && memcmp(raw(t, c) + *at, "：", 3) == 0)))
		*at += raw(t, c)[*at] == ':' || raw(t, c)[*at] == ' ' ? 1 : 3;
	return true;
}

/* True if the row is the header of a list of indicators, a row each with its project's name beside it
 * (项目名称 | … | 三级指标 | 指标值): a sheet's flat layout, which text taken from a page cannot read, its
 * merged project cells lost. */
static bool flat_header(const struct jx_tables *t)
{
	bool name = false, indicator = false;
	size_t i;
	int level;

	for (i = 0; i < t->n_lc; i++) {
		struct jx_vword w = jx_table_word(t, &t->lc[i], &level);

		name |= w.kind == JX_V_FIELD && w.role == JX_VF_NAME;
		indicator |= t->lc[i].column == JX_VC_NAME;
	}
	return name && indicator;
}

/* Records the columns the tasks' amounts are headed in, from cell i of 年度主要任务's row on: 总额, then
 * 财政拨款 and 其他资金 as the funds name them. */
static void task_header(struct jx_tables *t, size_t i)
{
	struct jx_vword w;
	int slot;

	for (; i < t->n_lc; i++) {
		const char *k = key(t, &t->lc[i]);

		if (strstr(k, "总额"))
			slot = 0;
		else if (!funds_word_at(k, &w))
			continue;
		else if (w.role == JX_VM_FISCAL || w.role == JX_VM_EITHER_FISCAL)
			slot = 1;
		else if (w.role == JX_VM_OTHER || w.role == JX_VM_EITHER_OTHER)
			slot = 2;
		else
			continue;
		if (!t->task_cols[slot])
			t->task_cols[slot] = t->lc[i].col;
	}
}

/* A row of header cells: label/value pairs, funds and goals, in any order. */
static int pairs_row(struct jx_tables *t, struct jx_err *err)
{
	size_t i = 0, used, at;
	struct jx_vword w, next;
	int level;

	if (t->lone >= 0 && t->n_lc == 1 && (w = jx_table_word(t, &t->lc[0], &level)).kind == JX_V_NONE && !level &&
	    !jx_vocab_prefix(key(t, &t->lc[0]), &next)) {
		/* the value of the label alone on the line before: the table is printed a cell per line */
		header_field(t, t->lone, raw(t, &t->lc[0]), t->lc[0].len);
		t->lone = -1;
		t->cells_mode = true;
		return 0;
	}
	t->lone = t->n_lc == 1 && (w = jx_table_word(t, &t->lc[0], &level)).kind == JX_V_FIELD ? w.role : -1;
	while (i < t->n_lc) {
		const struct cell *c = &t->lc[i];

		w = jx_table_word(t, c, &level);
		if (w.kind == JX_V_FIELD) {
			bool given = i + 1 < t->n_lc &&
				     (next = jx_table_word(t, &t->lc[i + 1], &level)).kind != JX_V_FIELD && !level;

			if (w.role == JX_VF_TASKS) { /* the rest of the row names the tasks' columns */
				t->in_tasks = t->header_seen = t->content = true;
				task_header(t, i + 1);
				return 0;
			}
			header_field(t, w.role, given ? raw(t, &t->lc[i + 1]) : "", given ? t->lc[i + 1].len : 0);
			i += 1 + given;
		} else if (w.kind == JX_V_GOAL) {
			return goal_labels(t, i, err);
		} else if (field_with_value(t, c, &w, &at)) {
			header_field(t, w.role, raw(t, c) + at, c->len - at);
			i++;
		} else if (funds_word_at(key(t, c), &w)) {
			if (funds_cell(t, i, &used, err))
				return -1;
			i += used;
		} else {
			return fail(t, c->col, err, "无法识别的表头“%s”，应为 %s、项目资金、年度目标 或 指标表头", raw(t, c),
				    t->p->kind == JX_KIND_DEPARTMENT ? "部门名称" : "项目名称、预算单位");
		}
		t->header_seen = t->content = true;
	}
	return 0;
}

/* True if the row holds a word of a table's header: it is no noise. */
static bool header_words(const struct jx_tables *t)
{
	struct jx_vword w;
	size_t i;
	int level;

	for (i = 0; i < t->n_lc; i++) {
		struct jx_vword x = jx_table_word(t, &t->lc[i], &level);

		if (level || (x.kind != JX_V_NONE && x.kind != JX_V_END && x.kind != JX_V_IGNORE) ||
		    (jx_vocab_prefix(key(t, &t->lc[i]), &w) && w.kind != JX_V_END && w.kind != JX_V_IGNORE))
			return true;
	}
	return false;
}

/* The amount slot (0 总额, 1 财政拨款, 2 其他资金) whose heading stands in column col, or -1. */
static int task_slot(const struct jx_tables *t, unsigned col)
{
	int slot;

	for (slot = 0; slot < 3; slot++)
		if (t->task_cols[slot] == col)
			return slot;
	return -1;
}

/* True if cell i of a task row (not its first, the task) is an amount and nothing else, into *m. */
static bool task_amount(const struct jx_tables *t, size_t i, jx_money *m)
{
	const char *k = key(t, &t->lc[i]);
	size_t n = read_amount(k, bare_unit(t), m);

	return i > 0 && n && !k[n];
}

/* True if every amount of the task row stands under its heading: the amounts then go by column (an
 * amount left empty is not given), else in order. */
static bool task_aligned(const struct jx_tables *t)
{
	jx_money m;
	size_t i;

	for (i = 1; i < t->n_lc; i++)
		if (task_amount(t, i, &m) && (!t->lc[i].col || task_slot(t, t->lc[i].col) < 0))
			return false;
	return true;
}

/* A row of 年度主要任务: the task, then its amounts (总额, 财政拨款, 其他资金), a 合计 row passed over. */
static int task_row(struct jx_tables *t, struct jx_err *err)
{
	jx_money *slot[3];
	struct jx_task *task;
	bool by_col = task_aligned(t);
	size_t i, k = 0;
	jx_money m;

	if (strncmp(key(t, &t->lc[0]), "合计", 6) == 0 || strstr(key(t, &t->lc[0]), "合计"))
		return 0;
	if (!(task = jx_project_add_task(t->p, err)))
		return fail(t, t->lc[0].col, err, "%s", err ? err->msg : "");
	slot[0] = &task->total, slot[1] = &task->fiscal, slot[2] = &task->other;
	for (i = 0; i < t->n_lc; i++) {
		if (task_amount(t, i, &m) && k < 3) {
			*slot[by_col ? task_slot(t, t->lc[i].col) : (int)k] = m;
			k++;
		} else if (!task->name) {
			set_field(&task->name, raw(t, &t->lc[i]), t->lc[i].len);
		} else {
			return fail(t, t->lc[i].col, err, "年度主要任务“%s”之后应为金额（总额、财政拨款、其他资金），而此处为“%s”",
				    task->name, raw(t, &t->lc[i]));
		}
	}
	return 0;
}

static int header_row(struct jx_tables *t, struct jx_err *err)
{
	struct jx_vword w;
	unsigned passed = t->passed_col;
	int year, level;

	t->passed_col = 0;
	if (t->state == JX_TABLE_GOAL)
		return goal_row(t, err);
	w = jx_table_word(t, &t->lc[0], &level);
	if (t->in_tasks && (w.kind != JX_V_NONE || level || jx_table_header_row(t) || jx_table_indicator_row(t)))
		t->in_tasks = false;
	if (t->in_tasks)
		return task_row(t, err);
	if (t->n_lc == 1 && year_form(key(t, &t->lc[0]), &year)) {
		t->p->year = year;
		return 0;
	}
	if (t->n_lc == 1 && w.kind == JX_V_UNIT) {
		t->amount_unit = w.role;
		return 0;
	}
	if (t->n_lc == 2 && w.kind == JX_V_NONE && !level && jx_table_word(t, &t->lc[1], &level).kind == JX_V_UNIT &&
	    !t->p->unit[0]) { /* "207101天津市河北区人民法院 | 单位:万元": the unit, and what its amounts are in */
		t->amount_unit = jx_table_word(t, &t->lc[1], &level).role;
		header_field(t, JX_VF_UNIT, raw(t, &t->lc[0]), t->lc[0].len);
		return 0;
	}
	if (t->note_next && t->n_lc == 1 && w.kind == JX_V_NONE && !level && !t->p->f[JX_PF_FUNDS_NOTE]) {
		t->note_next = false; /* what the funds are used for, under 预算规模及资金用途 */
		return set_note(t, t->lc[0].col, raw(t, &t->lc[0]), t->lc[0].len, err);
	}
	t->note_next = t->note_next && t->n_lc > 1 && funds_word_at(key(t, &t->lc[0]), &(struct jx_vword){ 0, 0 });
	if (ignored_row(t)) {
		t->passed_col = t->grid ? t->lc[0].col : 0;
		return 0;
	}
	if (passed && t->lc[0].col > passed && !header_words(t)) {
		/* a row under a label passed over, merged down beside it: 项目实施进度计划 | 项目实施内容 |
		 * 开始时间 | 完成时间, then the plan's own row, which holds no word of a table */
		t->passed_col = passed;
		return 0;
	}
	if (!t->grid && flat_header(t))
		return fail(t, t->lc[0].col, err, "这是一行一条指标、项目名称在每行前面的清单式表格；取自网页或 PDF 的文字丢失了合并的"
						   "单元格，无法还原各行属于哪个项目：请导入原表格（Excel 工作簿、网页或 Word 文档）");
	if (jx_table_header_row(t) || jx_table_indicator_row(t)) {
		t->state = JX_TABLE_INDICATORS;
		return jx_table_buffer_row(t, err);
	}
	if (!t->header_seen && t->p->f[JX_PF_TITLE] && !header_words(t))
		return 0; /* noise between a headline and the table */
	return pairs_row(t, err);
}

/* True if the row read among the indicators begins the next table, its title not printed again (a page
 * of several projects' tables): it names a project, or states the unit of amounts beside a name. */
static bool next_table(const struct jx_tables *t)
{
	struct jx_vword w;
	size_t i;
	int level;

	for (i = 0; i < t->n_lc; i++) {
		w = jx_table_word(t, &t->lc[i], &level);
		if ((w.kind == JX_V_FIELD && (w.role == JX_VF_NAME || w.role == JX_VF_DEPARTMENT_NAME)) ||
		    (w.kind == JX_V_UNIT && t->n_lc == 2 && i == 1))
			return true;
	}
	return false;
}

/* Ends the table and begins the next under the same title, year and kind. */
static int restart(struct jx_tables *t, struct jx_err *err)
{
	char *title = t->p->f[JX_PF_TITLE] ? jx_strdup(t->p->f[JX_PF_TITLE]) : NULL;
	int year = t->p->year, kind = t->p->kind == JX_KIND_DEPARTMENT ? 2 : 1, rc;
	unsigned line = t->line, title_col = t->title_col;
	enum jx_line_kind lk = t->kind;
	struct cell *row = jx_malloc((t->n_lc + 1) * sizeof(*row));
	size_t n = t->n_lc, i;
	struct jx_buf text = JX_BUF_INIT;

	for (i = 0; i < n; i++) { /* the row's cells live in the arena, which the end of the table clears */
		row[i] = t->lc[i];
		row[i].raw = text.len;
		jx_buf_add(&text, raw(t, &t->lc[i]), t->lc[i].len + 1, NULL);
	}
	rc = jx_tables_finish(t, err) || jx_tables_start(t, line, kind, year, err);
	if (!rc) {
		t->p->f[JX_PF_TITLE] = title, title = NULL;
		t->title_col = title_col;
		t->header_seen = t->content = true;
		t->kind = lk;
		t->line = line;
		t->n_lc = 0;
		for (i = 0; i < n && !rc; i++)
			rc = jx_table_add_cell(t, text.ptr + row[i].raw, row[i].len, row[i].col, err);
	}
	free(title);
	free(row);
	jx_buf_release(&text);
	return rc;
}

int jx_table_take_row(struct jx_tables *t, struct jx_err *err)
{
	int rc;

	if (t->state == JX_TABLE_OUTSIDE || t->n_lc == 0)
		return 0;
	if (t->state == JX_TABLE_INDICATORS && next_table(t) && restart(t, err))
		return -1;
	if (t->state == JX_TABLE_INDICATORS)
		return jx_table_buffer_row(t, err);
	rc = header_row(t, err);
	if (t->state == JX_TABLE_INDICATORS && t->n_rows + (t->n_cols > 0) <= 1)
		t->words_table = t->kind == JX_LINE_WORDS;
	return rc;
}

/* ---- the table's end ---- */

int jx_tables_finish(struct jx_tables *t, struct jx_err *err)
{
	int rc;

	if (!t->p)
		return 0;
	if (jx_table_words_flush(t, err)) {
		table_reset(t);
		return -1;
	}
	resolve_funds(t);
	t->line = t->p->line;
	if (!t->p->name[0])
		rc = fail(t, 0, err, t->p->kind == JX_KIND_DEPARTMENT ? "此处开始的部门整体支出绩效目标表缺少部门名称（“部门名称”一行）"
									    : "此处开始的绩效目标表缺少项目名称（“项目名称”一行）");
	else if (!t->p->year)
		rc = fail(t, 0, err, "项目“%s”缺少年度（标题下应有一行如“(2021年度)”）", t->p->name);
	else if (!(t->funds_given & (1u << JX_VM_TOTAL | 1u << JX_VM_EITHER_TOTAL)))
		rc = fail(t, 0, err, "项目“%s”缺少年度资金总额（如“年度资金总额: 3033.00”）", t->p->name);
	else
		rc = jx_table_resolve(t, err);
	if (!rc) {
		free(t->p->goal);
		t->p->goal = jx_strndup(t->goal.ptr, t->goal.len);
		if (t->long_goal.len)
			t->p->f[JX_PF_LONG_GOAL] = jx_strndup(t->long_goal.ptr, t->long_goal.len);
		t->line = t->p->line;
		rc = jx_project_finish(t->p, err) ? fail(t, 0, err, "%s", err ? err->msg : "") : 0;
	}
	if (!rc)
		rc = t->sink(t->sink_ctx, t->p, err);
	table_reset(t);
	return rc;
}

int jx_tables_row(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err)
{
	size_t i;

	if (t->state == JX_TABLE_OUTSIDE || n == 0)
		return 0;
	t->line = row;
	t->n_lc = 0;
	if (n > JX_TABLE_MAX_CELLS)
		return fail(t, cells[JX_TABLE_MAX_CELLS].col, err, "一行的单元格超过 %d 个", JX_TABLE_MAX_CELLS);
	for (i = 0; i < n; i++)
		if (jx_table_add_cell(t, cells[i].text, cells[i].len, cells[i].col, err))
			return -1;
	return jx_table_take_row(t, err);
}

/* ---- lines of a document ---- */

/* A cheap test every title passes: short, holding 表, and no bar — a bar is a cell's edge in text
 * (doc_import.c), so a "title" holding one is cells run together, and the text form could not give
 * it back. */
static bool maybe_title(const char *s, size_t len)
{
	return len <= 512 && len >= 3 && memmem(s, len, "表", 3) != NULL && !memchr(s, '|', len);
}

/* Whether text[0..len) is a title: its kind, year, and whether it is the title word alone. */
static int title_of(const char *text, size_t len, int *year, bool *exact)
{
	struct jx_buf k = JX_BUF_INIT;
	int kind;

	*exact = false;
	if (!maybe_title(text, len))
		return 0;
	jx_vocab_key(&k, text, len);
	kind = jx_vocab_title(k.ptr, year, exact);
	jx_buf_release(&k);
	return kind;
}

/* The cell of the line that is a table's title, if one is (see jx_tables_line). */
static const struct jx_cell *title_cell(const struct jx_tables *t, const struct jx_cell *cells, size_t n, int *title,
					int *year, bool *exact)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (t->state != JX_TABLE_OUTSIDE &&
		    (n > 1 || (t->state == JX_TABLE_GOAL && cells[i].col > t->title_col)))
			return NULL;
		if ((*title = title_of(cells[i].text, cells[i].len, year, exact)) != 0)
			return &cells[i];
	}
	return NULL;
}

/* True for a page number left in the text by extraction ("- 3 -", "第3页", "3/12"; a bare number
 * only if bare is true: in a table whose rows are lines of words, a number alone is a cell). */
static bool page_marker(const char *s, size_t len, bool bare)
{
	static const char *const marks[] = { "-", "—", "第", "页", "共", "/", " ", "\t" };
	const char *end = s + len;
	bool digit = false, mark = bare;
	size_t i, ml = 0;

	while (s < end) {
		if (*s >= '0' && *s <= '9') {
			digit = true;
			s++;
			continue;
		}
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			ml = strlen(marks[i]);
			if ((size_t)(end - s) >= ml && memcmp(s, marks[i], ml) == 0)
				break;
		}
		if (i == sizeof(marks) / sizeof(marks[0]))
			return false;
		s += ml;
		mark |= i < 6;
	}
	return digit && mark;
}

/* True if the cell is a level label or 绩效指标, which may stand alone in a table's first column. */
static bool label_cell(const struct jx_cell *c)
{
	struct jx_buf k = JX_BUF_INIT;
	struct jx_vword w;
	bool label;

	jx_vocab_key(&k, c->text, c->len);
	w = jx_vocab_word(k.ptr);
	label = jx_framework_is_label(k.ptr) || (w.kind == JX_V_COLUMN && w.role == JX_VC_GROUP);
	jx_buf_release(&k);
	return label;
}

/* True if a line of words ends the table: a note, an attachment, a signature block below it. */
static bool ends_table(const struct jx_cell *c)
{
	struct jx_buf k = JX_BUF_INIT;
	struct jx_vword w;
	bool end;

	jx_vocab_key(&k, c->text, c->len < MAX_KEYED ? c->len : MAX_KEYED);
	end = jx_vocab_prefix(k.ptr, &w) && w.kind == JX_V_END;
	jx_buf_release(&k);
	return end;
}

/* The span of a line of words, from its first word to its last. */
static struct jx_cell line_of(const struct jx_cell *cells, size_t n)
{
	return (struct jx_cell){ cells[0].text, (size_t)(cells[n - 1].text + cells[n - 1].len - cells[0].text), 1 };
}

/* True if the cell is the standard title of its kind, which every renderer writes: it is not kept. */
static bool standard_title(const struct jx_cell *c, int kind)
{
	struct jx_buf k = JX_BUF_INIT;
	bool standard;

	jx_vocab_key(&k, c->text, c->len);
	standard = strcmp(k.ptr, kind == 2 ? "部门整体支出绩效目标表" : "部门预算项目支出绩效目标表") == 0;
	jx_buf_release(&k);
	return standard;
}

static int start_at(struct jx_tables *t, unsigned row, const struct jx_cell *c, int title, int year, bool exact,
		    struct jx_err *err)
{
	if (jx_tables_start(t, row, title, year, err))
		return -1;
	if (t->p) {
		t->title_col = c->col;
		if (!standard_title(c, title))
			set_field(&t->p->f[JX_PF_TITLE], c->text, c->len);
		if (exact) /* the table's own title: its rows are all read */
			t->header_seen = true;
	}
	return 0;
}

int jx_tables_line(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, enum jx_line_kind kind,
		   struct jx_err *err)
{
	const struct jx_cell *c;
	struct jx_cell whole;
	int title = 0, year = 0;
	bool exact;

	if (kind == JX_LINE_WORDS && n > 0) {
		whole = line_of(cells, n);
		if ((title = title_of(whole.text, whole.len, &year, &exact)) != 0)
			return start_at(t, row, &whole, title, year, exact, err);
	} else if ((c = title_cell(t, cells, n, &title, &year, &exact)) != NULL) {
		return start_at(t, row, c, title, year, exact, err);
	}
	if (t->state == JX_TABLE_OUTSIDE || n == 0)
		return 0;
	if (kind != JX_LINE_ROW && t->state == JX_TABLE_INDICATORS) {
		whole = line_of(cells, n);
		if (page_marker(whole.text, whole.len, !t->words_table))
			return 0;
		if (kind == JX_LINE_TEXT || !t->words_table || ends_table(&whole))
			return jx_tables_finish(t, err);
	}
	t->kind = kind;
	if (kind == JX_LINE_ROW && t->state == JX_TABLE_INDICATORS &&
	    ((n == 1 && cells[0].col <= t->title_col && !label_cell(&cells[0])) || ends_table(&cells[0])))
		return jx_tables_finish(t, err); /* a note or a signature block below the table */
	if (kind == JX_LINE_WORDS)
		return jx_table_words(t, row, cells, n, kind, err);
	return jx_tables_row(t, row, cells, n, err);
}
