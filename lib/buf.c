/*
 * buf.c — the growable byte buffer. See buf.h for the contract.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"

char jx_buf_empty[1];

void jx_buf_init(struct jx_buf *b, size_t max)
{
	b->ptr = jx_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

static int reserve(struct jx_buf *b, size_t extra, struct jx_err *err)
{
	size_t need;

	if (extra > b->max - b->len)
		return jx_err_set(err, JX_ETOOBIG, "数据超过 %zu 字节的上限", b->max);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	if (b->cap == 0) {
		b->ptr = NULL;
		jx_grow(&b->ptr, 1, need < 64 ? 64 : need, &b->cap);
		b->ptr[0] = '\0';
	} else {
		jx_grow(&b->ptr, 1, need, &b->cap);
	}
	return 0;
}

int jx_buf_add(struct jx_buf *b, const void *data, size_t n, struct jx_err *err)
{
	if (n == 0)
		return 0;
	if (reserve(b, n, err))
		return -1;
	memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int jx_buf_adds(struct jx_buf *b, const char *s, struct jx_err *err)
{
	return jx_buf_add(b, s, strlen(s), err);
}

int jx_buf_addc(struct jx_buf *b, char c, struct jx_err *err)
{
	return jx_buf_add(b, &c, 1, err);
}

int jx_buf_addn(struct jx_buf *b, char c, size_t n, struct jx_err *err)
{
	if (n == 0)
		return 0;
	if (reserve(b, n, err))
		return -1;
	memset(b->ptr + b->len, c, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int jx_buf_vaddf(struct jx_buf *b, struct jx_err *err, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0 || reserve(b, (size_t)n, err)) {
		va_end(again);
		return n < 0 ? jx_err_set(err, JX_EINPUT, "格式化失败") : -1;
	}
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, again);
	va_end(again);
	b->len += (size_t)n;
	return 0;
}

int jx_buf_addf(struct jx_buf *b, struct jx_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = jx_buf_vaddf(b, err, fmt, ap);
	va_end(ap);
	return rc;
}

void jx_buf_consume(struct jx_buf *b, size_t n)
{
	if (n == 0)
		return;
	memmove(b->ptr, b->ptr + n, b->len - n);
	b->len -= n;
	b->ptr[b->len] = '\0';
}

int jx_buf_grow(struct jx_buf *b, size_t extra, struct jx_err *err)
{
	return reserve(b, extra, err);
}

void jx_buf_setlen(struct jx_buf *b, size_t len)
{
	if (b->cap == 0)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

void jx_buf_reset(struct jx_buf *b)
{
	jx_buf_setlen(b, 0);
}

void jx_buf_release(struct jx_buf *b)
{
	if (b->cap)
		free(b->ptr);
	jx_buf_init(b, b->max);
}

char *jx_buf_detach(struct jx_buf *b, size_t *len)
{
	char *s = b->cap ? b->ptr : jx_strdup("");

	if (len)
		*len = b->len;
	jx_buf_init(b, b->max);
	return s;
}
