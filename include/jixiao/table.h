/*
 * table.h — building target tables from rows of cells, whatever the cells were read from.
 *
 * Readers of laid-out tables (document text now, XLSX sheets later) find the rows and their non-empty
 * cells; this module decides what each cell is — a header word, a funds amount, goal text, a level-1
 * or level-2 label, an indicator's name or target — by its content, never by its column, carries the
 * level context down the rows, chooses the framework, and hands each finished table to a sink.
 *
 * Locations in messages come from the reader's locate function, so that they read "seed.txt:12: 第4格"
 * for text and "Sheet2!D14" for a workbook.
 *
 * Memory is bounded: a row holds at most JX_TABLE_MAX_CELLS cells, a table at most
 * 2 × JX_MAX_INDICATORS rows and JX_TABLE_MAX_TEXT bytes of cell text.
 */
#ifndef JIXIAO_TABLE_H
#define JIXIAO_TABLE_H

#include <stdarg.h>
#include <stddef.h>

#include "jixiao/reader.h"

struct jx_err;
struct jx_tables;

#define JX_TABLE_MAX_CELLS 64
#define JX_TABLE_MAX_TEXT (16 * 1024 * 1024)

struct jx_cell {
	const char *text; /* the cell's text, trimmed, valid UTF-8; need not be NUL-terminated */
	size_t len;       /* its length in bytes, > 0 */
	unsigned col;     /* its column, from 1, for messages */
};

/* Writes where row (and cell col, unless 0) is into buf, for messages. */
typedef void (*jx_locate_fn)(void *ctx, unsigned row, unsigned col, char *buf, size_t size);

/* Fills err with "where: message", where being what locate says of row and col: JX_ETOOBIG if err
 * already holds it (a limit was passed on the way), else JX_EINPUT. The arguments may point into
 * err's message. Returns -1. For readers that build tables from rows (table.c, the XLSX flat layout). */
int jx_locate_vfail(jx_locate_fn locate, void *ctx, unsigned row, unsigned col, struct jx_err *err, const char *fmt,
		    va_list ap);

enum jx_table_state {
	JX_TABLE_OUTSIDE,    /* no table begun, or the last one finished */
	JX_TABLE_HEADER,     /* after a title: 项目名称, 预算单位, funds … */
	JX_TABLE_GOAL,       /* after 年度目标: goal text */
	JX_TABLE_INDICATORS, /* after the 一级指标/二级指标 header row */
};

/* Returns a new builder handing finished tables to sink (see reader.h); free with jx_tables_free(). */
struct jx_tables *jx_tables_new(jx_sink_fn sink, void *sink_ctx, jx_locate_fn locate, void *locate_ctx);
void jx_tables_free(struct jx_tables *t);

enum jx_table_state jx_tables_state(const struct jx_tables *t);

/* The number of tables begun so far. */
unsigned jx_tables_count(const struct jx_tables *t);

/* Begins a table at its title, on row, finishing the one before. title is what jx_table_title()
 * returned; year comes from the title, or 0 if a year row is to follow. A department-wide table is
 * refused (not yet supported). */
int jx_tables_start(struct jx_tables *t, unsigned row, int title, int year, struct jx_err *err);

/* Reads one row of the current table: its non-empty cells in order (n > 0). Ignored outside a table. */
int jx_tables_row(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err);

/* What a line of a document is, as its reader recovered it. */
enum jx_line_kind {
	JX_LINE_TEXT,  /* prose: a paragraph, a line of text with no cells */
	JX_LINE_ROW,   /* a row of a table: its cells */
	JX_LINE_WORDS, /* a line of text without cell separators, split at white space: inside a table the
			* words are a row whose cells the vocabulary recovers (labels split off, a value's
			* words joined again, a name from its target); outside it, prose */
};

/* Tells the builder that the reader's columns are the table's own (a cell's col is its column in the
 * table, merged cells aside): cells of an indicator row are then placed in the columns the header row
 * names by where they stand, not only by their order. For HTML, Word, PDF and spreadsheets. */
void jx_tables_grid(struct jx_tables *t, bool grid);

/* Reads one line of a document, whatever the format: finds the titles that begin tables, hands the rows
 * of a table to jx_tables_row, and ends a table where the document does. cells are the line's
 * non-empty cells in order (a merged cell once, at the top-left of its range, col its first column);
 * n may be 0 (an empty row). A title is a cell of its own before a table, or the only cell of a row
 * inside one — but in the goal only at or left of the title's column, for goal text may read like a
 * title. A table ends at the next title; at prose below its indicators (but page numbers left by
 * extraction, "- 3 -", which are skipped); and at a row whose only cell lies at or left of the title's
 * column and is no level label (a note below the table). Lines outside tables are skipped. This is
 * what every reader of laid-out documents (text, HTML, Word, PDF, the official layout of a sheet)
 * shares: they differ only in how they recover lines and cells. */
int jx_tables_line(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, enum jx_line_kind kind,
		   struct jx_err *err);

/* Finishes the current table, if any: checks it, chooses its framework, hands it to the sink. */
int jx_tables_finish(struct jx_tables *t, struct jx_err *err);

/* Classifies text as a table title (vocab.h, jx_vocab_title): 1 a project table (部门预算项目支出绩效目标表
 * …), 2 a department-wide one (部门整体支出绩效目标表), 3 a table that is not a target table (a 自评表),
 * 0 none. A year written in it goes to *year. */
int jx_table_title(const char *text, size_t len, int *year);

#endif
