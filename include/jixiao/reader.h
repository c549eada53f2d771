/*
 * reader.h — the one interface every input format implements.
 *
 * A reader turns an input stream into projects and hands each, complete and checked
 * (jx_project_finish), to a sink. The sink borrows the project: the reader frees it when the sink
 * returns (a sink that keeps it takes its content with jx_project_take, leaving it empty). A sink that fails stops the reader, which returns its error. Readers stream: they hold one
 * table at a time, whatever the size of the input.
 */
#ifndef JIXIAO_READER_H
#define JIXIAO_READER_H

#include <stdbool.h>
#include <stddef.h>

struct jx_err;
struct jx_input;
struct jx_project;

typedef int (*jx_sink_fn)(void *ctx, struct jx_project *p, struct jx_err *err);

struct jx_reader {
	const char *name; /* "text", "json", "ooxml", "pdf", "html" */
	/* True if the first bytes of an input (a BOM included) look like this format. */
	bool (*sniff)(const char *head, size_t n);
	int (*read)(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err);
};

extern const struct jx_reader jx_reader_doc;   /* published-document text (doc_import.c) */
extern const struct jx_reader jx_reader_json;  /* the canonical JSON form (json_io.c) */
extern const struct jx_reader jx_reader_ooxml; /* Excel workbooks and Word documents, told apart by what
                                                 * the zip holds (ooxml_import.c) */
extern const struct jx_reader jx_reader_pdf;   /* PDFs with a text layer (pdf_import.c) */
extern const struct jx_reader jx_reader_html;  /* web pages (html_import.c) */

/* Chooses the reader for an input by its content, looking at its head without consuming it. */
const struct jx_reader *jx_reader_detect(struct jx_input *in, struct jx_err *err);

#endif
