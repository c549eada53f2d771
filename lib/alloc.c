/*
 * alloc.c — allocation that aborts on exhaustion. See alloc.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"

static void *check(void *p)
{
	if (!p) {
		fputs("jixiao: 内存不足 (out of memory)\n", stderr);
		abort();
	}
	return p;
}

void *jx_malloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *jx_calloc(size_t count, size_t size)
{
	return check(calloc(count ? count : 1, size ? size : 1));
}

void *jx_realloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1));
}

char *jx_strdup(const char *s)
{
	return jx_strndup(s, strlen(s));
}

char *jx_strndup(const char *s, size_t n)
{
	char *d = jx_malloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void jx_grow(void *arr, size_t elem, size_t need, size_t *cap)
{
	void **p = arr;
	size_t c = *cap;

	if (need <= c)
		return;
	while (c < need)
		c = c ? c * 2 : 8;
	if (c > SIZE_MAX / elem)
		check(NULL);
	*p = jx_realloc(*p, c * elem);
	*cap = c;
}
