/*
 * input.h — reading untrusted input: a buffered byte stream, and on top of it a line reader that
 * detects the encoding (UTF-8 with or without BOM, else GB18030) and hands out UTF-8 lines.
 *
 * Both stream: memory stays bounded by the chunk size and the longest line allowed, however large the
 * input. Every error names the input and the line.
 */
#ifndef JIXIAO_INPUT_H
#define JIXIAO_INPUT_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/buf.h"

struct jx_err;

#define JX_INPUT_CHUNK (64 * 1024)
#define JX_LINE_MAX (1024 * 1024) /* bytes in one line; a longer one is an error */

struct jx_input {
	char *name;          /* for messages: the path, or "<stdin>" */
	int fd;              /* the open file */
	bool own_fd;         /* close fd when closing */
	struct jx_buf buf;   /* bytes read; those from pos on are not yet consumed */
	size_t pos;          /* start of the unconsumed bytes in buf */
	bool eof;            /* read() has returned 0 */
	uint64_t consumed;   /* bytes consumed so far (for progress) */
	uint64_t size;       /* the file's size if it is a regular file, else 0 */
};

/* Opens path ("-" is standard input). */
int jx_input_open(struct jx_input *in, const char *path, struct jx_err *err);

/* Wraps an open descriptor (not closed by jx_input_close) or, with fd < 0, a memory buffer. */
void jx_input_from_fd(struct jx_input *in, int fd, const char *name);
void jx_input_from_mem(struct jx_input *in, const void *data, size_t len, const char *name);

/* Makes at least want unconsumed bytes available (fewer only at the end of the input). */
int jx_input_fill(struct jx_input *in, size_t want, struct jx_err *err);

/* The unconsumed bytes: jx_input_avail() of them from jx_input_ptr(). */
static inline const char *jx_input_ptr(const struct jx_input *in)
{
	return in->buf.ptr + in->pos;
}

static inline size_t jx_input_avail(const struct jx_input *in)
{
	return in->buf.len - in->pos;
}

/* Reads the rest of the input into memory, to be had from jx_input_ptr() and jx_input_avail(). Returns
 * 0; 1, err untouched, if the input holds more than max bytes (no more than a chunk past max is read);
 * -1 if reading fails. */
int jx_input_read_all(struct jx_input *in, size_t max, struct jx_err *err);

/* Consumes n bytes (n <= jx_input_avail()). */
void jx_input_consume(struct jx_input *in, size_t n);

void jx_input_close(struct jx_input *in);

enum jx_encoding { JX_ENC_UTF8, JX_ENC_GB18030 };

struct jx_lines {
	struct jx_input *in;    /* the raw bytes */
	enum jx_encoding enc;   /* detected from the head of the input */
	iconv_t cd;             /* GB18030 → UTF-8, when enc says so */
	bool decided;           /* the encoding is known (a BOM, or the first non-ASCII byte was read) */
	bool neither;           /* what followed that byte was neither UTF-8 nor GB18030 */
	struct jx_buf text;     /* decoded UTF-8 not yet handed out */
	size_t pos;             /* start of the next line in text */
	unsigned long lineno;   /* number of the line last returned (1-based) */
};

/* Starts reading lines: detects the encoding, skips a BOM. Fails on UTF-16 or on a head that is
 * neither UTF-8 nor GB18030. */
int jx_lines_init(struct jx_lines *l, struct jx_input *in, struct jx_err *err);

/* Returns 1 and the next line (without its LF or CRLF; NUL-terminated, valid for the next call
 * only), 0 at the end, -1 on an error: invalid encoding, a NUL byte, a line over JX_LINE_MAX. */
int jx_lines_next(struct jx_lines *l, char **line, size_t *len, struct jx_err *err);

void jx_lines_free(struct jx_lines *l);

#endif
