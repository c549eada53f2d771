/*
 * doc_import.c — reads target tables from the text of published documents.
 *
 * The text is what extraction from a published Word or PDF file, or from a web page, gives: prose,
 * then for each table a title line (部门预算项目支出绩效目标表 and its variants), a year line
 * ("(2021年度)"), and its rows. This reader recovers lines and cells as the text has them; what each
 * cell is, table.c decides (the same code reads HTML, Word, PDF and XLSX tables). Cells come:
 *
 *   separated by tabs        a row of cells (merged cells come out empty, often shifted);
 *   separated by " | "       a row of cells, as text taken from a web page's table gives them;
 *   a cell per line, "X |"   each line one cell (a cell's text may run over several lines before its
 *                            "|"); lines of bars only between them are dropped;
 *   without separators       a line of words split at white space: a single space, runs of spaces,
 *                            or none at all — the vocabulary recovers the cells (table_words.c).
 *
 * Page numbers left by extraction ("- 3 -") are skipped; prose ends a table.
 */
#include <stdio.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"
#include "jixiao/table.h"
#include "jixiao/text.h"

#define MAX_HELD (64 * 1024) /* bytes of a cell's lines held until its "|" */
#define MAX_HELD_LINES 16    /* and lines */

struct doc {
	struct jx_lines lines;
	struct jx_tables *tables;
	const char *file;         /* input name, for messages */
	struct jx_cell cells[JX_TABLE_MAX_CELLS + 1];
	struct jx_buf held;       /* lines of a cell whose " |" has not come yet */
	unsigned held_line;       /* where they began */
	unsigned held_lines;      /* how many */
	bool bar_cells;           /* the lines before were cells of their own, "X |" */
};

static void locate(void *ctx, unsigned row, unsigned col, char *buf, size_t size)
{
	const struct doc *d = ctx;

	if (col)
		snprintf(buf, size, "%s:%u: 第%u格", d->file, row, col);
	else
		snprintf(buf, size, "%s:%u", d->file, row);
}

/* Splits a line at sep into its non-empty cells (trimmed); returns how many, at most one past the
 * limit. */
static size_t split_cells(struct doc *d, const char *line, size_t len, char sep)
{
	const char *p = line, *end = line + len;
	unsigned col = 0;
	size_t n = 0;

	while (p <= end && n <= JX_TABLE_MAX_CELLS) {
		const char *at = memchr(p, sep, (size_t)(end - p));
		const char *s = p;
		size_t cl = (size_t)((at ? at : end) - p);

		col++;
		p += cl + 1;
		jx_text_trim(&s, &cl);
		if (cl > 0)
			d->cells[n++] = (struct jx_cell){ s, cl, col };
	}
	return n;
}

/* The length of the white space at s (ASCII, the ideographic space, no-break space), 0 if none. */
static size_t space_at(const char *s, const char *end)
{
	if (s < end && (*s == ' ' || *s == '\r' || *s == '\f' || *s == '\v'))
		return 1;
	if (end - s >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	if (end - s >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	return 0;
}

/* Splits a line into its words; returns how many, at most one past the limit. */
static size_t split_words(struct doc *d, const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	size_t n = 0, sp;

	while (p < end && n <= JX_TABLE_MAX_CELLS) {
		const char *s;

		while ((sp = space_at(p, end)) != 0)
			p += sp;
		if (p >= end)
			break;
		s = p;
		while (p < end && !space_at(p, end))
			p++;
		d->cells[n] = (struct jx_cell){ s, (size_t)(p - s), (unsigned)n + 1 };
		n++;
	}
	return n;
}

static int words_line(struct doc *d, unsigned row, const char *line, size_t len, struct jx_err *err)
{
	return jx_tables_line(d->tables, row, d->cells, split_words(d, line, len), JX_LINE_WORDS, err);
}

/* Hands on the lines held for a cell that never got its "|": they were text of their own. */
static int release_held(struct doc *d, struct jx_err *err)
{
	const char *p = d->held.ptr, *end = p + d->held.len;
	unsigned row = d->held_line;
	int rc = 0;

	while (!rc && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);

		rc = words_line(d, row++, p, n, err);
		p += n + 1;
	}
	jx_buf_reset(&d->held);
	d->held_lines = 0;
	return rc;
}

/* True if the line is bars and white space only: a row's border in text from a web page. */
static bool bars_only(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != '|' && s[i] != ' ')
			return false;
	return true;
}

/* A line with bars: a row of cells, a cell of its own ("X |"), or a border. */
static int bar_line(struct doc *d, unsigned row, const char *line, size_t len, struct jx_err *err)
{
	const char *s = line, *bar;
	size_t n = len;
	struct jx_cell one;
	int rc;

	jx_text_trim(&s, &n);
	if (bars_only(s, n))
		return d->held.len ? release_held(d, err) : 0;
	bar = memchr(s, '|', n);
	if (bar == s + n - 1) { /* "X |": one cell, its text perhaps begun on the lines held */
		d->bar_cells = true;
		if (d->held.len) {
			jx_buf_addc(&d->held, '\n', NULL);
			jx_buf_add(&d->held, s, n - 1, NULL);
			one = (struct jx_cell){ d->held.ptr, d->held.len, 1 };
			row = d->held_line;
		} else {
			one = (struct jx_cell){ s, n - 1, 1 };
		}
		jx_text_trim(&one.text, &one.len);
		rc = jx_tables_line(d->tables, row, &one, one.len ? 1 : 0, JX_LINE_WORDS, err);
		jx_buf_reset(&d->held);
		d->held_lines = 0;
		return rc;
	}
	if (d->held.len && release_held(d, err))
		return -1;
	d->bar_cells = false;
	return jx_tables_line(d->tables, row, d->cells, split_cells(d, line, len, '|'), JX_LINE_ROW, err);
}

static int doc_line(struct doc *d, unsigned row, const char *line, size_t len, struct jx_err *err)
{
	if (memchr(line, '\t', len)) {
		if (d->held.len && release_held(d, err))
			return -1;
		d->bar_cells = false;
		return jx_tables_line(d->tables, row, d->cells, split_cells(d, line, len, '\t'), JX_LINE_ROW, err);
	}
	if (memchr(line, '|', len))
		return bar_line(d, row, line, len, err);
	if (d->bar_cells && len && d->held_lines < MAX_HELD_LINES) { /* perhaps the beginning of a cell */
		if (!d->held.len)
			d->held_line = row;
		if ((d->held.len && jx_buf_addc(&d->held, '\n', NULL)) || jx_buf_add(&d->held, line, len, NULL))
			return release_held(d, err) || words_line(d, row, line, len, err);
		d->held_lines++;
		return 0;
	}
	if (d->held.len && release_held(d, err))
		return -1;
	return words_line(d, row, line, len, err);
}

static int doc_read(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct doc d;
	char *line;
	size_t len;
	int rc;

	d.file = in->name;
	d.held_lines = 0;
	d.bar_cells = false;
	d.tables = jx_tables_new(sink, ctx, locate, &d);
	jx_buf_init(&d.held, MAX_HELD);
	rc = jx_lines_init(&d.lines, in, err);
	while (!rc && (rc = jx_lines_next(&d.lines, &line, &len, err)) == 1)
		rc = doc_line(&d, (unsigned)d.lines.lineno, line, len, err);
	if (rc == 0 && d.held.len)
		rc = release_held(&d, err);
	if (rc == 0)
		rc = jx_tables_finish(d.tables, err);
	if (rc == 0 && jx_tables_count(d.tables) == 0)
		rc = d.lines.lineno == 0 ? jx_err_set(err, JX_EINPUT, "%s: 文件为空", in->name)
					 : jx_err_set(err, JX_EINPUT,
						      "%s: 没有找到绩效目标表（应有一行标题，如“部门预算项目支出绩效目标表”或“项目支出绩效目标表”）",
						      in->name);
	jx_tables_free(d.tables);
	jx_buf_release(&d.held);
	jx_lines_free(&d.lines);
	return rc < 0 ? -1 : 0;
}

static bool doc_sniff(const char *head, size_t n)
{
	(void)head;
	(void)n;
	return true; /* the fallback: anything that is not another format is read as document text */
}

const struct jx_reader jx_reader_doc = { "text", doc_sniff, doc_read };
