/*
 * doc_import.c — reads target tables from the text of published documents.
 *
 * The text is what extraction from a published Word or PDF file gives: prose, then for each table a
 * title line (部门预算项目支出绩效目标表), a year line ("(2021年度)"), and tab-separated rows in which
 * merged cells come out empty and cells are often shifted left or right. This reader finds the lines
 * and cells; what each cell is, table.c decides (the same code reads XLSX sheets).
 *
 * A line with a tab is a row of a table, one without is prose (table.c's jx_tables_line decides what
 * each means: where tables begin and end).
 */
#include <stdio.h>
#include <string.h>

#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"
#include "jixiao/table.h"
#include "jixiao/text.h"

struct doc {
	struct jx_lines lines;
	struct jx_tables *tables;
	const char *file;         /* input name, for messages */
	struct jx_cell cells[JX_TABLE_MAX_CELLS + 1];
};

static void locate(void *ctx, unsigned row, unsigned col, char *buf, size_t size)
{
	const struct doc *d = ctx;

	if (col)
		snprintf(buf, size, "%s:%u: 第%u格", d->file, row, col);
	else
		snprintf(buf, size, "%s:%u", d->file, row);
}

/* Splits a line into its non-empty cells (trimmed); returns how many, at most one past the limit. */
static size_t split_cells(struct doc *d, const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	unsigned col = 0;
	size_t n = 0;

	while (p <= end && n <= JX_TABLE_MAX_CELLS) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *s = p;
		size_t cl = (size_t)((tab ? tab : end) - p);

		col++;
		p += cl + 1;
		jx_text_trim(&s, &cl);
		if (cl > 0)
			d->cells[n++] = (struct jx_cell){ s, cl, col };
	}
	return n;
}

static int doc_line(struct doc *d, unsigned row, const char *line, size_t len, struct jx_err *err)
{
	size_t n = split_cells(d, line, len);

	return jx_tables_line(d->tables, row, d->cells, n, memchr(line, '\t', len) ? JX_LINE_ROW : JX_LINE_TEXT, err);
}

static int doc_read(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct doc d;
	char *line;
	size_t len;
	int rc;

	d.file = in->name;
	d.tables = jx_tables_new(sink, ctx, locate, &d);
	rc = jx_lines_init(&d.lines, in, err);
	while (!rc && (rc = jx_lines_next(&d.lines, &line, &len, err)) == 1)
		rc = doc_line(&d, (unsigned)d.lines.lineno, line, len, err);
	if (rc == 0)
		rc = jx_tables_finish(d.tables, err);
	if (rc == 0 && jx_tables_count(d.tables) == 0)
		rc = d.lines.lineno == 0 ? jx_err_set(err, JX_EINPUT, "%s: 文件为空", in->name)
					 : jx_err_set(err, JX_EINPUT,
						      "%s: 没有找到绩效目标表（应有一行标题“部门预算项目支出绩效目标表”）", in->name);
	jx_tables_free(d.tables);
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
