/*
 * ooxml_impl.h — Office Open XML files inside libjixiao: the zip container the XLSX and DOCX readers share
 * (ooxml_zip.c), and the two formats it may hold, which ooxml_import.c (jx_reader_ooxml in reader.h)
 * tells apart by content. The limits are in jixiao/ooxml.h.
 *
 * A container is opened once per input and borrowed by the format's reader. Every member is streamed:
 * inflated a chunk at a time, each chunk straight into expat, under the caps of jixiao/ooxml.h.
 */
#ifndef JIXIAO_OOXML_IMPL_H
#define JIXIAO_OOXML_IMPL_H

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/reader.h"

struct jx_buf;
struct jx_err;
struct jx_input;

/* ---- the container (ooxml_zip.c) ---- */

struct ooxml_zip;

/* What a container holds, by its parts. */
enum ooxml_kind {
	OOXML_DOCX, /* word/document.xml: a Word document */
	OOXML_XLSX, /* xl/workbook.xml: an Excel workbook */
};

/* Opens the zip in holds (reading a pipe into memory first) and tells what it is; a zip holding
 * neither part is an error naming the file. Close it with ooxml_zip_close(). */
int ooxml_zip_open(struct ooxml_zip **out, struct jx_input *in, struct jx_err *err);
void ooxml_zip_close(struct ooxml_zip *z);

enum ooxml_kind ooxml_zip_kind(const struct ooxml_zip *z);

/* The input's name, for messages. */
const char *ooxml_zip_name(const struct ooxml_zip *z);

/* True if the zip has member path (letter case aside). */
bool ooxml_zip_has(struct ooxml_zip *z, const char *path);

/* The size member path says it inflates to, 0 if unknown: for showing progress only, never trusted. */
uint64_t ooxml_zip_size(struct ooxml_zip *z, const char *path);

/* Handlers for streaming a member through expat. Each gets the ooxml_xml as its user data. */
struct ooxml_xml {
	XML_Parser parser;
	struct ooxml_zip *zip;
	const char *part;    /* the member's path, for messages */
	struct jx_err *err;
	bool failed;         /* a handler stopped the parser; err says why */
	void *state;         /* the handlers' own */
};

struct ooxml_handlers {
	XML_StartElementHandler start;
	XML_EndElementHandler end;       /* may be NULL */
	XML_CharacterDataHandler text;   /* may be NULL */
};

/* Streams member path through expat with handlers h and state. Returns 0, 1 if the member is absent
 * and not required, -1 on an error: a missing required member, a cap passed, bad XML, a DOCTYPE. */
int ooxml_parse(struct ooxml_zip *z, const char *path, bool required, const struct ooxml_handlers *h, void *state,
		struct jx_err *err);

/* True if member path contains the bytes needle (an ASCII-compatible member; a UTF-16 one is taken
 * to contain it). A quick look that needs no parser, still under the caps. Returns -1 on an error. */
int ooxml_contains(struct ooxml_zip *z, const char *path, const char *needle, struct jx_err *err);

/* Stops the parser of a handler with the error message fmt; the parse then returns -1. */
void ooxml_stop(struct ooxml_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Stops it with a message about the part as a whole ("book.xlsx: xl/styles.xml: what"). */
void ooxml_part_stop(struct ooxml_xml *x, const char *what);

/* The local name of an element or attribute (after its prefix), and an attribute by its local name. */
const char *ooxml_local(const XML_Char *name);
const char *ooxml_attr(const XML_Char **atts, const char *local);

/* Appends XML text to b, decoding the _xHHHH_ escapes of SpreadsheetML strings and turning CR LF and
 * CR into LF; fails (ETOOBIG) past b's cap. */
int ooxml_text_add(struct jx_buf *b, const char *s, size_t n, struct jx_err *err);

/* ---- the formats: each reads the container it is given, handing projects to sink ---- */

int xlsx_import(struct ooxml_zip *z, struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err);
int docx_import(struct ooxml_zip *z, struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err);

#endif
