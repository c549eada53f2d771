/*
 * doc_import.c — reads target tables from the text of published documents.
 *
 * The text is what extraction from a published Word or PDF file gives: prose, then for each table a
 * title line (部门预算项目支出绩效目标表), a year line ("(2021年度)"), and tab-separated rows in which
 * merged cells come out empty and cells are often shifted left or right. This reader finds the lines
 * and cells; what each cell is, table.c decides (the same code reads XLSX sheets).
 *
 * What is particular to text: a table ends at the next title, at the end of the input, or at a
 * non-blank line without a tab (prose after the table), except for page numbers left by extraction
 * ("- 3 -"), which are skipped. Lines outside tables are prose and are skipped. Within the goal, a line
 * with tabs that reads as a title is goal text (the text form writes goal lines after a tab).
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

/* A cheap test every title passes: short, and ending in 表 once white space is trimmed. */
static bool maybe_title(const char *line, size_t len)
{
	jx_text_trim(&line, &len);
	return len <= 256 && len >= 3 && memcmp(line + len - 3, "表", 3) == 0;
}

/* True for a page number left in the text by extraction ("- 3 -", "第3页", "3/12"). */
static bool page_marker(const char *s, size_t len)
{
	static const char *const marks[] = { "-", "—", "第", "页", "共", "/", " ", "\t" };
	const char *end = s + len;
	bool digit = false;
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
	}
	return digit;
}

static int doc_line(struct doc *d, unsigned row, const char *line, size_t len, struct jx_err *err)
{
	enum jx_table_state state = jx_tables_state(d->tables);
	bool tabbed = memchr(line, '\t', len) != NULL;
	int title, year = 0;
	size_t n;

	if (maybe_title(line, len) && !(state == JX_TABLE_GOAL && tabbed) &&
	    (title = jx_table_title(line, len, &year)) != 0)
		return jx_tables_start(d->tables, row, title, year, err);
	if (state == JX_TABLE_OUTSIDE)
		return 0;
	n = split_cells(d, line, len);
	if (n == 0)
		return 0;
	if (!tabbed && state == JX_TABLE_INDICATORS)
		return page_marker(line, len) ? 0 : jx_tables_finish(d->tables, err);
	return jx_tables_row(d->tables, row, d->cells, n, err);
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
