/*
 * alloc.h — memory allocation that never returns NULL.
 *
 * Running out of memory is not an error jixiao can report usefully, so these abort with a message
 * instead (as git's xmalloc does). Every untrusted input is capped before it is allocated for, so an
 * abort here means the machine is really out of memory, never that an input asked for too much.
 */
#ifndef JIXIAO_ALLOC_H
#define JIXIAO_ALLOC_H

#include <stddef.h>

void *jx_malloc(size_t n);
void *jx_calloc(size_t count, size_t size);
void *jx_realloc(void *p, size_t n);
char *jx_strdup(const char *s);
char *jx_strndup(const char *s, size_t n); /* copies n bytes and adds a NUL */

/* Grows *arr (of elements of size elem) so that it holds at least need elements; updates *cap. */
void jx_grow(void *arr, size_t elem, size_t need, size_t *cap);

#endif
