/*
 * xlsx_import.c — the XLSX reader: target tables from the workbooks units and finance bureaus send
 * around (see xlsx_impl.h for its parts).
 *
 * Each visible worksheet is read in one of two layouts, decided by its rows:
 *
 *   official  the table as the documents lay it out, one per sheet (or several, one under another),
 *             anywhere in the sheet. Its non-empty cells go row by row to table.c, exactly as the
 *             document reader's do: a merged cell shows its text in its top-left cell only, which is
 *             what extracted text looks like. A table begins at a title cell (部门预算项目支出绩效目标表)
 *             and ends at the end of the sheet, at the next title, or at a note below it (a row whose
 *             only cell lies at or left of the title's column);
 *   flat      a header row naming 项目名称 and 三级指标 (or name and indicator) before any title, and
 *             a row per indicator under it (xlsx_flat.c).
 *
 * Rows before a title or a header are prose, and skipped. Hidden sheets and chart sheets are skipped.
 *
 * jixiao's own workbooks (render_xlsx.c) begin with a sheet 公开说明 (or 目录) and a sheet 指标清单,
 * a flat list of the tables that follow, a sheet each: the tables are read from their sheets, which
 * carry everything (指标清单 has no goals), and 指标清单 is skipped, so that each table is read once.
 *
 * ooxml_import.c opens the container and, when it holds a workbook, hands it to xlsx_import().
 */
#include <stdio.h>
#include <string.h>

#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"
#include "jixiao/table.h"
#include "jixiao/text.h"
#include "xlsx_impl.h"

struct reader {
	struct jx_input *in;
	struct xlsx_book *book;
	const char *file;
	const char *sheet;        /* the sheet being read */
	struct jx_tables *tables; /* the official layout */
	struct xlsx_flat *flat;   /* the flat layout */
	bool flat_sheet;          /* this sheet is in the flat layout */
	unsigned sheet_tables;    /* tables begun before this sheet */
};

static void locate(void *ctx, unsigned row, unsigned col, char *buf, size_t size)
{
	const struct reader *r = ctx;

	xlsx_locate(r->file, r->sheet, row, col, buf, size);
}

/* ---- the official layout ---- */

static int official_row(struct reader *r, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err)
{
	return jx_tables_line(r->tables, row, cells, n, JX_LINE_ROW, err);
}

/* ---- sheets ---- */

static int sheet_row(void *ctx, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err)
{
	struct reader *r = ctx;
	int rc;

	if (r->flat_sheet)
		return xlsx_flat_row(r->flat, row, cells, n, err);
	if (jx_tables_count(r->tables) == r->sheet_tables && jx_tables_state(r->tables) == JX_TABLE_OUTSIDE) {
		rc = xlsx_flat_header(r->flat, row, cells, n, err);
		if (rc)
			return (r->flat_sheet = rc > 0) ? 0 : -1;
	}
	return official_row(r, row, cells, n, err);
}

static int read_sheet(struct reader *r, size_t i, struct jx_err *err)
{
	int rc;

	r->in->consumed = r->in->size * i / xlsx_book_sheets(r->book); /* progress, a sheet at a time */
	r->sheet = xlsx_book_sheet(r->book, i)->name;
	r->flat_sheet = false;
	r->sheet_tables = jx_tables_count(r->tables);
	rc = xlsx_sheet_read(r->book, i, sheet_row, r, err);
	if (rc == 0)
		rc = r->flat_sheet ? xlsx_flat_finish(r->flat, err) : jx_tables_finish(r->tables, err);
	return rc;
}

static bool named(const struct xlsx_book *b, size_t i, const char *name)
{
	return i < xlsx_book_sheets(b) && strcmp(xlsx_book_sheet(b, i)->name, name) == 0;
}

/* True if sheet i is to be read: a visible worksheet, and not a summary of jixiao's own workbook. */
static bool wanted(const struct xlsx_book *b, size_t i)
{
	const struct xlsx_sheet *s = xlsx_book_sheet(b, i);
	bool own = (named(b, 0, "公开说明") || named(b, 0, "目录")) && named(b, 1, "指标清单");

	return s->path && !s->hidden && !(own && i < 2);
}

static int read_book(struct reader *r, struct jx_err *err)
{
	size_t i;

	for (i = 0; i < xlsx_book_sheets(r->book); i++)
		if (wanted(r->book, i) && read_sheet(r, i, err))
			return -1;
	if (jx_tables_count(r->tables) == 0 && xlsx_flat_count(r->flat) == 0)
		return jx_err_set(err, JX_EINPUT,
				  "%s: 没有找到绩效目标表：应有工作表以“部门预算项目支出绩效目标表”为标题，"
				  "或有一行列名含“项目名称”和“三级指标”（隐藏的工作表不读）",
				  r->file);
	return 0;
}

int xlsx_import(struct ooxml_zip *z, struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct reader r = { 0 };
	int rc;

	if (xlsx_book_open(&r.book, z, err))
		return -1;
	r.in = in;
	r.file = in->name;
	r.tables = jx_tables_new(sink, ctx, locate, &r);
	jx_tables_grid(r.tables, true);
	r.flat = xlsx_flat_new(sink, ctx, locate, &r);
	rc = read_book(&r, err);
	jx_tables_free(r.tables);
	xlsx_flat_free(r.flat);
	xlsx_book_close(r.book);
	return rc;
}
