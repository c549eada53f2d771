/*
 * xlsx_impl.h — the parts of the XLSX reader, inside libjixiao (the reader itself is jx_reader_xlsx in
 * reader.h; its limits are in xlsx.h).
 *
 *   xlsx_zip.c    the container: the zip (a file read in place, other input spooled to memory), its
 *                 members streamed through expat under caps;
 *   xlsx_book.c   the workbook's sheets, styles and shared strings;
 *   xlsx_sheet.c  a sheet streamed row by row: cell values as people see them, merged ranges, an
 *                 operator typed in one cell and its number in the next;
 *   xlsx_flat.c   the flat layout: a header row and a row per indicator;
 *   xlsx_import.c the reader: which layout each sheet is in, the official layout through table.c.
 */
#ifndef JIXIAO_XLSX_IMPL_H
#define JIXIAO_XLSX_IMPL_H

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/reader.h"
#include "jixiao/table.h"

struct jx_buf;
struct jx_err;
struct jx_input;
struct jx_numfmt;
struct xlsx_book;

/* ---- the container (xlsx_zip.c) ---- */

struct xlsx_zip;

/* Opens the zip in holds (reading a pipe into memory first); close it with xlsx_zip_close(). */
int xlsx_zip_open(struct xlsx_zip **out, struct jx_input *in, struct jx_err *err);
void xlsx_zip_close(struct xlsx_zip *z);

/* The input's name, for messages. */
const char *xlsx_zip_name(const struct xlsx_zip *z);

/* True if the zip has member path (letter case aside). */
bool xlsx_zip_has(struct xlsx_zip *z, const char *path);

/* Handlers for streaming a member through expat. Each gets the xlsx_xml as its user data. */
struct xlsx_xml {
	XML_Parser parser;
	struct xlsx_zip *zip;
	const char *part;    /* the member's path, for messages */
	struct jx_err *err;
	bool failed;         /* a handler stopped the parser; err says why */
	void *state;         /* the handlers' own */
};

struct xlsx_handlers {
	XML_StartElementHandler start;
	XML_EndElementHandler end;       /* may be NULL */
	XML_CharacterDataHandler text;   /* may be NULL */
};

/* Streams member path through expat with handlers h and state. Returns 0, 1 if the member is absent
 * and not required, -1 on an error: a missing required member, a cap passed, bad XML, a DOCTYPE. */
int xlsx_parse(struct xlsx_zip *z, const char *path, bool required, const struct xlsx_handlers *h, void *state,
	       struct jx_err *err);

/* True if member path contains the bytes needle (an ASCII-compatible member; a UTF-16 one is taken
 * to contain it). A quick look that needs no parser, still under the caps. Returns -1 on an error. */
int xlsx_contains(struct xlsx_zip *z, const char *path, const char *needle, struct jx_err *err);

/* Stops the parser of a handler with the error message fmt; the parse then returns -1. */
void xlsx_stop(struct xlsx_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Stops it with a message about the part as a whole ("book.xlsx: xl/styles.xml: what"). */
void xlsx_part_stop(struct xlsx_xml *x, const char *what);

/* The local name of an element or attribute (after its prefix), and an attribute by its local name. */
const char *xlsx_local(const XML_Char *name);
const char *xlsx_attr(const XML_Char **atts, const char *local);

/* Appends XML text to b, decoding the _xHHHH_ escapes of OOXML strings and turning CR LF and CR into
 * LF; fails (ETOOBIG) past b's cap. */
int xlsx_text_add(struct jx_buf *b, const char *s, size_t n, struct jx_err *err);

/* ---- the book (xlsx_book.c) ---- */

struct xlsx_sheet {
	char *name;  /* as the workbook names it */
	char *path;  /* its member in the zip; NULL for a sheet that is not a worksheet */
	bool hidden; /* state="hidden" or "veryHidden" */
};

/* Opens the workbook in: its sheets, styles and shared strings. The caller closes it with
 * xlsx_book_close(). */
int xlsx_book_open(struct xlsx_book **out, struct jx_input *in, struct jx_err *err);
void xlsx_book_close(struct xlsx_book *b);

const char *xlsx_book_file(const struct xlsx_book *b);
struct xlsx_zip *xlsx_book_zip(const struct xlsx_book *b);
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
