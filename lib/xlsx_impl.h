/*
 * xlsx_impl.h — the parts of the XLSX reader, inside libjixiao (the container is ooxml_impl.h's, shared
 * with the DOCX reader; the limits are in jixiao/ooxml.h and jixiao/xlsx.h).
 *
 *   xlsx_book.c   the workbook's sheets, styles and shared strings;
 *   xlsx_sheet.c  a sheet streamed row by row: cell values as people see them, merged ranges, an
 *                 operator typed in one cell and its number in the next;
 *   xlsx_flat.c   the flat layout: a header row and a row per indicator;
 *   xlsx_import.c the reader (xlsx_import in ooxml_impl.h): which layout each sheet is in, the official
 *                 layout through table.c.
 */
#ifndef JIXIAO_XLSX_IMPL_H
#define JIXIAO_XLSX_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/reader.h"
#include "jixiao/table.h"
#include "ooxml_impl.h"

struct jx_buf;
struct jx_err;
struct jx_input;
struct jx_numfmt;
struct xlsx_book;

/* ---- the book (xlsx_book.c) ---- */

struct xlsx_sheet {
	char *name;  /* as the workbook names it */
	char *path;  /* its member in the zip; NULL for a sheet that is not a worksheet */
	bool hidden; /* state="hidden" or "veryHidden" */
};

/* Opens the workbook in container z (which it borrows): its sheets, styles and shared strings. The
 * caller closes it with xlsx_book_close(), before closing z. */
int xlsx_book_open(struct xlsx_book **out, struct ooxml_zip *z, struct jx_err *err);
void xlsx_book_close(struct xlsx_book *b);

const char *xlsx_book_file(const struct xlsx_book *b);
struct ooxml_zip *xlsx_book_zip(const struct xlsx_book *b);
size_t xlsx_book_sheets(const struct xlsx_book *b);
const struct xlsx_sheet *xlsx_book_sheet(const struct xlsx_book *b, size_t i);
bool xlsx_book_date1904(const struct xlsx_book *b);

/* Shared string i (NUL-terminated, valid UTF-8) and its length; NULL if there is none. */
const char *xlsx_book_string(const struct xlsx_book *b, size_t i, size_t *len);

/* The number format of cell style s (General for an unknown style). */
const struct jx_numfmt *xlsx_book_format(const struct xlsx_book *b, unsigned s);

/* ---- sheets (xlsx_sheet.c) ---- */

/* Called for each row with non-empty cells, in order: at most JX_TABLE_MAX_CELLS + 1 of them (more
 * are dropped), each trimmed, its lines trimmed and blank lines dropped. */
typedef int (*xlsx_row_fn)(void *ctx, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err);

/* Streams sheet i of b row by row to fn. */
int xlsx_sheet_read(struct xlsx_book *b, size_t i, xlsx_row_fn fn, void *ctx, struct jx_err *err);

/* Writes where a cell is, for messages: "book.xlsx: Sheet2!D14", or "book.xlsx: Sheet2 第14行" when
 * col is 0. Sheet names that need it are quoted as Excel quotes them ('表1 甲'!D14). */
void xlsx_locate(const char *file, const char *sheet, unsigned row, unsigned col, char *buf, size_t size);

/* ---- the flat layout (xlsx_flat.c) ---- */

struct xlsx_flat;

/* Returns a new flat-layout reader handing projects to sink; free with xlsx_flat_free(). */
struct xlsx_flat *xlsx_flat_new(jx_sink_fn sink, void *sink_ctx, jx_locate_fn locate, void *locate_ctx);
void xlsx_flat_free(struct xlsx_flat *f);

/* Reads row as a header row if it is one (it names 项目名称 and 三级指标, in Chinese or English):
 * returns 1 and reads the following rows as projects, 0 if it is not one, -1 if it is a bad one. */
int xlsx_flat_header(struct xlsx_flat *f, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err);

/* Reads a row under the header. */
int xlsx_flat_row(struct xlsx_flat *f, unsigned row, const struct jx_cell *cells, size_t n, struct jx_err *err);

/* Finishes the last project and forgets the header (the sheet ends). */
int xlsx_flat_finish(struct xlsx_flat *f, struct jx_err *err);

/* Projects handed to the sink so far. */
unsigned xlsx_flat_count(const struct xlsx_flat *f);

#endif
