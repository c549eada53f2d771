/*
 * buf.h — the growable byte buffer used for every output and every piece of untrusted input.
 *
 * Contract (after git's strbuf and curl's dynbuf):
 *   - ptr is never NULL and always NUL-terminated, so it can be printed at any time;
 *   - max caps the length for untrusted input: an append that would pass it fails and leaves the
 *     buffer as it was (use SIZE_MAX for output buffers, whose appends then cannot fail);
 *   - jx_buf_detach() hands the bytes to the caller, who frees them with free().
 */
#ifndef JIXIAO_BUF_H
#define JIXIAO_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct jx_err;

struct jx_buf {
	char *ptr;  /* the bytes, NUL-terminated; points at a static "" until something is added */
	size_t len; /* bytes in use, not counting the NUL */
	size_t cap; /* bytes allocated; 0 while ptr is the static "" */
	size_t max; /* the largest len allowed */
};

#define JX_BUF_INIT { jx_buf_empty, 0, 0, SIZE_MAX }

extern char jx_buf_empty[1];

/* Initialises an empty buffer holding at most max bytes. */
void jx_buf_init(struct jx_buf *b, size_t max);

/* Appends n bytes. Returns -1 (JX_ETOOBIG in err) if len would pass max, else 0. */
int jx_buf_add(struct jx_buf *b, const void *data, size_t n, struct jx_err *err);
int jx_buf_adds(struct jx_buf *b, const char *s, struct jx_err *err);
int jx_buf_addc(struct jx_buf *b, char c, struct jx_err *err);
int jx_buf_addf(struct jx_buf *b, struct jx_err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int jx_buf_vaddf(struct jx_buf *b, struct jx_err *err, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Appends n copies of c. */
int jx_buf_addn(struct jx_buf *b, char c, size_t n, struct jx_err *err);

/* Drops the first n bytes (n <= len). */
void jx_buf_consume(struct jx_buf *b, size_t n);

/* Makes room for extra more bytes after len without changing len; returns -1 past max. For reading
 * straight into ptr + len, followed by jx_buf_setlen(). */
int jx_buf_grow(struct jx_buf *b, size_t extra, struct jx_err *err);

/* Sets the length to len, which must lie within what is allocated (shortening, or after
 * jx_buf_grow()), and NUL-terminates. */
void jx_buf_setlen(struct jx_buf *b, size_t len);

/* Empties the buffer, keeping its memory. */
void jx_buf_reset(struct jx_buf *b);

/* Frees the memory; the buffer is empty and usable again afterwards. */
void jx_buf_release(struct jx_buf *b);

/* Returns the bytes as a malloc'd NUL-terminated string the caller frees; the buffer is left empty.
 * If len is not NULL it receives the length. */
char *jx_buf_detach(struct jx_buf *b, size_t *len);

#endif
