/*
 * xlsx_sheet.c — a worksheet streamed row by row as the cells people see (see xlsx_impl.h).
 *
 * Cells are placed by their references (A1), never by their position in the XML, so sparse rows and
 * skipped cells read right; rows and cells must come in order, as the format requires. A cell's text
 * is what a spreadsheet shows: a shared or inline string (rich-text runs joined, phonetic guides
 * left out), a number through its style's number format (numfmt.c), a formula's cached value, TRUE or
 * FALSE. A formula error (#DIV/0!) and a formula without a cached value are errors, since what the
 * cell means cannot be known. Only non-empty cells are kept, so a sheet claiming a million rows or a
 * cell at XFD1048576 costs only what its XML holds.
 *
 * Merged ranges come after the cells in the XML, yet they decide which cells are seen: a merged
 * range shows its top-left cell only, while LibreOffice keeps the text of the cells it covers. So a
 * sheet with merged ranges is read twice: first for the ranges (a byte search tells whether there are
 * any), then for the cells, dropping the covered ones. Which cells are covered is kept per column
 * (the last row a range begun above covers, the row in which a range begun there covers it), so the
 * test is constant time and the memory a few arrays of JX_XLSX_MAX_COL.
 *
 * An operator typed in one cell and its number in the next ("≥" | 95%) is read as one target
 * ("≥95%"), since table.c and the flat layout expect a target in one cell.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/numfmt.h"
#include "jixiao/text.h"
#include "jixiao/value.h"
#include "jixiao/xlsx.h"
#include "xlsx_impl.h"

#define MAX_ROW_CELLS (JX_TABLE_MAX_CELLS + 1) /* kept per row: one more than a table allows, to say so */
#define MAX_OPERATOR 24                         /* bytes of a cell holding only an operator (不低于) */

struct merge {
	uint32_t r1, r2;
	uint16_t c1, c2;
};

struct merges {
	struct merge *m;   /* sorted by first row */
	size_t n, cap;
	uint64_t columns;  /* columns spanned, summed over the ranges */
	uint32_t *below;   /* per column: the last row covered by a range begun in an earlier row */
	uint32_t *across;  /* per column: the row in which a range begun in that row covers it */
	size_t next_below, next_across; /* the first ranges not yet applied to each */
};

enum capture { CAPTURE_NONE, CAPTURE_VALUE, CAPTURE_TEXT };

struct sheet {
	struct xlsx_book *b;
	const char *name;        /* the sheet's, for messages */
	xlsx_row_fn fn;
	void *ctx;
	struct merges mg;
	/* the row being read */
	bool in_row;
	unsigned row;            /* its number (the last row's, between rows) */
	unsigned last_col;       /* column of its last cell */
	struct jx_cell cells[MAX_ROW_CELLS];
	size_t at[MAX_ROW_CELLS]; /* offset of each cell's text in text */
	size_t n;
	struct jx_buf text;      /* the row's cell text, each NUL-terminated */
	/* the cell being read */
	bool in_cell, formula, has_value, in_inline;
	unsigned col, style, rph;
	char type;               /* 'n' number, 's' shared, 'i' inline, 'S' formula string, 'b', 'e', 'd' */
	enum capture capture;
	struct jx_buf raw;       /* its <v> or its inline string's text */
	struct jx_buf shown;     /* its text as shown, before trimming */
	struct jx_buf joined;    /* an operator and its number */
};

/* ---- references and locations ---- */

/* Appends sheet's name as a reference writes it: quoted ('表1 甲') unless it is letters, digits, _ and . */
static void sheet_ref(struct jx_buf *out, const char *sheet)
{
	bool quote = sheet[0] >= '0' && sheet[0] <= '9';
	const char *p;

	for (p = sheet; *p && !quote; p++)
		quote = (unsigned char)*p < 0x80 && !(*p >= 'A' && *p <= 'Z') && !(*p >= 'a' && *p <= 'z') &&
			!(*p >= '0' && *p <= '9') && *p != '_' && *p != '.';
	if (!quote) {
		jx_buf_adds(out, sheet, NULL);
		return;
	}
	jx_buf_addc(out, '\'', NULL);
	for (p = sheet; *p; p++) {
		if (*p == '\'')
			jx_buf_addc(out, '\'', NULL); /* doubled inside the quotes */
		jx_buf_addc(out, *p, NULL);
	}
	jx_buf_addc(out, '\'', NULL);
}

void xlsx_locate(const char *file, const char *sheet, unsigned row, unsigned col, char *buf, size_t size)
{
	struct jx_buf ref = JX_BUF_INIT;
	char letters[8];
	int i = 0;

	sheet_ref(&ref, sheet);
	if (col) {
		for (; col; col = (col - 1) / 26)
			letters[i++] = (char)('A' + (col - 1) % 26);
		jx_buf_addc(&ref, '!', NULL);
		while (i > 0)
			jx_buf_addc(&ref, letters[--i], NULL);
		snprintf(buf, size, "%s: %s%u", file, ref.ptr, row);
	} else {
		snprintf(buf, size, "%s: %s 第%u行", file, ref.ptr, row);
	}
	jx_buf_release(&ref);
}

/* Parses a reference such as "D14" into its column and row; 0 if it is not one within the limits. */
static int parse_ref(const char *s, unsigned *col, unsigned *row)
{
	unsigned long c = 0, r = 0;
	const char *p = s;

	for (; *p >= 'A' && *p <= 'Z' && p - s < 3; p++)
		c = c * 26 + (unsigned long)(*p - 'A' + 1);
	if (p == s || c > JX_XLSX_MAX_COL || *p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9' && r <= JX_XLSX_MAX_ROW; p++)
		r = r * 10 + (unsigned long)(*p - '0');
	if (*p || r > JX_XLSX_MAX_ROW)
		return 0;
	*col = (unsigned)c;
	*row = (unsigned)r;
	return 1;
}

/* Stops the parser with a message about cell col of the current row (0: the row); returns -1. */
static int cell_stop(struct ooxml_xml *x, unsigned col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int cell_stop(struct ooxml_xml *x, unsigned col, const char *fmt, ...)
{
	struct sheet *s = x->state;
	char where[512], msg[640];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xlsx_locate(xlsx_book_file(s->b), s->name, s->row, col, where, sizeof(where));
	ooxml_stop(x, "%s: %s", where, msg);
	return -1;
}

/* ---- merged ranges ---- */

static void XMLCALL merge_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ooxml_xml *x = ud;
	struct merges *mg = &((struct sheet *)x->state)->mg;
	const char *ref = ooxml_attr(atts, "ref"), *colon;
	unsigned c1, r1, c2, r2;
	char first[16];

	if (strcmp(ooxml_local(name), "mergeCell") != 0 || !ref || !(colon = strchr(ref, ':')) ||
	    (size_t)(colon - ref) >= sizeof(first))
		return;
	memcpy(first, ref, (size_t)(colon - ref));
	first[colon - ref] = '\0';
	if (!parse_ref(first, &c1, &r1) || !parse_ref(colon + 1, &c2, &r2))
		return; /* not a range Excel could have made: it merges nothing */
	if (c2 < c1 || r2 < r1)
		return;
	mg->columns += c2 - c1 + 1;
	if (mg->n >= JX_XLSX_MAX_MERGES || mg->columns > JX_XLSX_MAX_MERGED_COLUMNS) {
		ooxml_part_stop(x, "合并单元格太多");
		return;
	}
	jx_grow(&mg->m, sizeof(*mg->m), mg->n + 1, &mg->cap);
	mg->m[mg->n++] = (struct merge){ r1, r2, (uint16_t)c1, (uint16_t)c2 };
}

static int by_first_row(const void *a, const void *b)
{
	const struct merge *x = a, *y = b;

	return x->r1 < y->r1 ? -1 : x->r1 > y->r1;
}

/* Reads the sheet's merged ranges, if it has any. */
static int read_merges(struct sheet *s, const char *path, struct jx_err *err)
{
	static const struct ooxml_handlers h = { merge_start, NULL, NULL };
	int found = ooxml_contains(xlsx_book_zip(s->b), path, "mergeCell", err);

	if (found <= 0)
		return found;
	if (ooxml_parse(xlsx_book_zip(s->b), path, true, &h, s, err))
		return -1;
	if (s->mg.n) {
		qsort(s->mg.m, s->mg.n, sizeof(*s->mg.m), by_first_row);
		s->mg.below = jx_calloc(JX_XLSX_MAX_COL + 1, sizeof(*s->mg.below));
		s->mg.across = jx_calloc(JX_XLSX_MAX_COL + 1, sizeof(*s->mg.across));
	}
	return 0;
}

/* Applies the ranges that begin in or above row (rows come in order). */
static void merges_at(struct merges *mg, uint32_t row)
{
	unsigned c;

	for (; mg->next_below < mg->n && mg->m[mg->next_below].r1 < row; mg->next_below++) {
		const struct merge *m = &mg->m[mg->next_below];

		for (c = m->c1; c <= m->c2; c++)
			if (mg->below[c] < m->r2)
				mg->below[c] = m->r2;
	}
	for (; mg->next_across < mg->n && mg->m[mg->next_across].r1 <= row; mg->next_across++) {
		const struct merge *m = &mg->m[mg->next_across];

		for (c = m->c1 + 1u; m->r1 == row && c <= m->c2; c++)
			mg->across[c] = row;
	}
}

/* True if cell (row, col) lies under a merged range without being its top-left cell. */
static bool covered(const struct merges *mg, uint32_t row, unsigned col)
{
	return mg->n && (mg->below[col] >= row || mg->across[col] == row);
}

static void merges_free(struct merges *mg)
{
	free(mg->m);
	free(mg->below);
	free(mg->across);
}

/* ---- cells ---- */

/* Puts the text of the cell just read into s->shown; returns -1 (having stopped) on a bad value. */
static int cell_value(struct ooxml_xml *x, struct sheet *s)
{
	const char *v = s->raw.ptr, *str;
	size_t len, n = s->raw.len;
	char *end;
	unsigned long i;

	if (s->type != 'i' && s->type != 'S') /* values, not text: white space around them is layout */
		jx_text_trim(&v, &n);
	switch (s->type) {
	case 's':
		i = strtoul(v, &end, 10);
		if (!n || end != v + n || v[0] == '-' || !(str = xlsx_book_string(s->b, i, &len)))
			return cell_stop(x, s->col, "共享字符串编号“%.*s”无效", (int)n, v);
		return jx_buf_add(&s->shown, str, len, NULL);
	case 'i':
	case 'S':
		return ooxml_text_add(&s->shown, v, n, NULL);
	case 'b':
		return jx_buf_adds(&s->shown, !n ? "" : *v == '0' ? "FALSE" : "TRUE", NULL);
	case 'e':
		return n ? cell_stop(x, s->col, "单元格是公式错误“%.*s”，请先在表格软件中改正", (int)n, v) : 0;
	case 'd':
		return jx_buf_add(&s->shown, v, n, NULL);
	}
	if (!s->has_value && s->formula)
		return cell_stop(x, s->col, "公式没有保存计算结果：请用 Excel 或 WPS 打开并保存后再导入");
	if (n && jx_numfmt_apply(xlsx_book_format(s->b, s->style), v, n, xlsx_book_date1904(s->b), &s->shown))
		return cell_stop(x, s->col, "数字“%.*s”无效", (int)n, v);
	return 0;
}

/* Keeps the cell just read if it shows something and is not covered by a merged range. */
static void cell_end(struct ooxml_xml *x, struct sheet *s)
{
	size_t start = s->text.len, len;

	jx_buf_reset(&s->shown);
	if (cell_value(x, s))
		return;
	len = jx_text_add_lines(&s->text, s->shown.ptr, s->shown.len);
	if (len == 0 || covered(&s->mg, s->row, s->col) || s->n == MAX_ROW_CELLS) {
		jx_buf_setlen(&s->text, start);
		return;
	}
	jx_buf_addc(&s->text, '\0', NULL);
	s->at[s->n] = start;
	s->cells[s->n++] = (struct jx_cell){ NULL, len, s->col };
}

static const char cell_types[][10] = { "n", "s", "inlineStr", "str", "b", "e", "d" };
static const char cell_codes[] = "nsiSbed";

static int cell_start(struct ooxml_xml *x, struct sheet *s, const XML_Char **atts)
{
	const char *ref = ooxml_attr(atts, "r"), *t = ooxml_attr(atts, "t");
	unsigned col = s->last_col + 1, row = s->row;
	size_t i;

	if (ref && !parse_ref(ref, &col, &row))
		return cell_stop(x, 0, "单元格引用“%s”无效", ref);
	if (row != s->row || col <= s->last_col || col > JX_XLSX_MAX_COL)
		return cell_stop(x, 0, "单元格 %s 不在本行或顺序颠倒", ref ? ref : "（无引用）");
	for (i = 0; t && i < sizeof(cell_codes) - 1 && strcmp(t, cell_types[i]) != 0; i++)
		;
	if (t && i == sizeof(cell_codes) - 1)
		return cell_stop(x, col, "未知的单元格类型“%s”", t);
	s->type = t ? cell_codes[i] : 'n';
	s->style = 0;
	if (ooxml_attr(atts, "s"))
		s->style = (unsigned)strtoul(ooxml_attr(atts, "s"), NULL, 10);
	s->col = s->last_col = col;
	s->in_cell = true;
	s->formula = s->has_value = s->in_inline = false;
	s->rph = 0;
	jx_buf_reset(&s->raw);
	return 0;
}

/* ---- rows ---- */

static int row_start(struct ooxml_xml *x, struct sheet *s, const XML_Char **atts)
{
	const char *r = ooxml_attr(atts, "r");
	unsigned long row = s->row + 1ul;
	char *end = NULL;

	if (r)
		row = r[0] >= '0' && r[0] <= '9' ? strtoul(r, &end, 10) : 0;
	if ((end && *end) || row <= s->row || row > JX_XLSX_MAX_ROW)
		return cell_stop(x, 0, "下一行的行号“%s”无效或不大于本行", r ? r : "");
	s->row = (unsigned)row;
	s->in_row = true;
	s->n = 0;
	s->last_col = 0;
	jx_buf_reset(&s->text);
	if (s->mg.n)
		merges_at(&s->mg, s->row);
	return 0;
}

/* True if cell a holds nothing but an operator (≥, 不低于) and cell b a number it makes a target with;
 * the target is then in s->joined. */
static bool operator_then_number(struct sheet *s, size_t a, size_t b)
{
	const char *op = s->text.ptr + s->at[a], *num = s->text.ptr + s->at[b];
	size_t i, la = s->cells[a].len, lb = s->cells[b].len;
	struct jx_target t;

	if (la > MAX_OPERATOR || !((num[0] >= '0' && num[0] <= '9') || num[0] == '-' || num[0] == '+' ||
				   (unsigned char)num[0] == 0xEF)) /* full-width digits */
		return false;
	for (i = 0; i < la; i++)
		if (op[i] >= '0' && op[i] <= '9')
			return false;
	if (jx_target_parse(num, lb, &t) != 1 || t.stated)
		return false;
	jx_buf_reset(&s->joined);
	jx_buf_add(&s->joined, op, la, NULL);
	jx_buf_add(&s->joined, num, lb, NULL);
	return jx_target_stated(s->joined.ptr, s->joined.len);
}

/* Joins each operator cell with the number after it. */
static void join_operators(struct sheet *s)
{
	size_t i;

	for (i = 0; i + 1 < s->n; i++) {
		if (!operator_then_number(s, i, i + 1))
			continue;
		s->at[i] = s->text.len;
		s->cells[i].len = s->joined.len;
		jx_buf_add(&s->text, s->joined.ptr, s->joined.len + 1, NULL); /* with its NUL */
		s->n--;
		memmove(s->cells + i + 1, s->cells + i + 2, (s->n - i - 1) * sizeof(*s->cells));
		memmove(s->at + i + 1, s->at + i + 2, (s->n - i - 1) * sizeof(*s->at));
	}
}

static int row_end(struct ooxml_xml *x, struct sheet *s)
{
	size_t i;

	s->in_row = false;
	if (s->n == 0)
		return 0;
	join_operators(s);
	for (i = 0; i < s->n; i++)
		s->cells[i].text = s->text.ptr + s->at[i];
	if (s->fn(s->ctx, s->row, s->cells, s->n, x->err) == 0)
		return 0;
	x->failed = true; /* the row's reader has said why */
	XML_StopParser(x->parser, XML_FALSE);
	return -1;
}

/* ---- the sheet ---- */

/* The elements of a sheet that matter, by their local names. */
enum element { E_OTHER, E_ROW, E_C, E_V, E_F, E_IS, E_T, E_RPH };

static enum element element(const XML_Char *name)
{
	const char *local = ooxml_local(name);

	switch (local[0]) { /* the hot path: every element of a large sheet comes here twice */
	case 'c':
		return local[1] ? E_OTHER : E_C;
	case 'v':
		return local[1] ? E_OTHER : E_V;
	case 'f':
		return local[1] ? E_OTHER : E_F;
	case 't':
		return local[1] ? E_OTHER : E_T;
	case 'i':
		return strcmp(local, "is") == 0 ? E_IS : E_OTHER;
	case 'r':
		return strcmp(local, "row") == 0 ? E_ROW : strcmp(local, "rPh") == 0 ? E_RPH : E_OTHER;
	}
	return E_OTHER;
}

/* Inside a cell: where its value is. */
static void value_start(struct sheet *s, enum element e)
{
	switch (e) {
	case E_V:
		s->capture = CAPTURE_VALUE;
		s->has_value = true;
		break;
	case E_F:
		s->formula = true;
		break;
	case E_IS:
		s->in_inline = true;
		s->type = 'i'; /* whatever t says: the text is in <is> */
		break;
	case E_RPH:
		s->rph++;
		break;
	case E_T:
		if (s->in_inline && !s->rph)
			s->capture = CAPTURE_TEXT;
		break;
	default:
		break;
	}
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ooxml_xml *x = ud;
	struct sheet *s = x->state;
	enum element e = element(name);

	if (s->in_cell)
		value_start(s, e);
	else if (e == E_C && s->in_row)
		cell_start(x, s, atts);
	else if (e == E_ROW)
		row_start(x, s, atts);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct ooxml_xml *x = ud;
	struct sheet *s = x->state;
	enum element e = element(name);

	if (!s->in_cell) {
		if (e == E_ROW && s->in_row)
			row_end(x, s);
	} else if (e == E_C) {
		s->in_cell = false;
		cell_end(x, s);
	} else if (e == E_V || e == E_T) {
		s->capture = CAPTURE_NONE;
	} else if (e == E_RPH) {
		s->rph -= s->rph > 0;
	} else if (e == E_IS) {
		s->in_inline = false;
	}
}

static void XMLCALL sheet_text(void *ud, const XML_Char *text, int len)
{
	struct ooxml_xml *x = ud;
	struct sheet *s = x->state;

	if (s->capture != CAPTURE_NONE && jx_buf_add(&s->raw, text, (size_t)len, NULL))
		cell_stop(x, s->col, "单元格内容超过 %u KiB", JX_XLSX_MAX_CELL >> 10);
}

int xlsx_sheet_read(struct xlsx_book *b, size_t i, xlsx_row_fn fn, void *ctx, struct jx_err *err)
{
	static const struct ooxml_handlers h = { sheet_start, sheet_end, sheet_text };
	const struct xlsx_sheet *info = xlsx_book_sheet(b, i);
	struct sheet *s = jx_calloc(1, sizeof(*s));
	int rc;

	s->b = b;
	s->name = info->name;
	s->fn = fn;
	s->ctx = ctx;
	jx_buf_init(&s->text, SIZE_MAX);
	jx_buf_init(&s->raw, JX_XLSX_MAX_CELL);
	jx_buf_init(&s->shown, SIZE_MAX);
	jx_buf_init(&s->joined, SIZE_MAX);
	rc = read_merges(s, info->path, err);
	if (rc == 0)
		rc = ooxml_parse(xlsx_book_zip(b), info->path, true, &h, s, err);
	merges_free(&s->mg);
	jx_buf_release(&s->text);
	jx_buf_release(&s->raw);
	jx_buf_release(&s->shown);
	jx_buf_release(&s->joined);
	free(s);
	return rc;
}
