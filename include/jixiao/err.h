/*
 * err.h — error reporting for libjixiao.
 *
 * Library functions return 0 on success and -1 on failure. On failure they fill the optional
 * struct jx_err the caller passed (NULL is allowed: the caller then only learns that it failed).
 * On success the struct is left untouched, so a caller can chain calls and inspect one err at the end.
 * Messages are Chinese, for the people who use jixiao, and say where the problem is and what was expected.
 */
#ifndef JIXIAO_ERR_H
#define JIXIAO_ERR_H

#include <stdarg.h>

enum jx_code {
	JX_OK = 0,
	JX_EINPUT,     /* the input is malformed: a file, a field, a request body */
	JX_EUSAGE,     /* the caller asked for something that makes no sense */
	JX_ENOTFOUND,  /* no such project, indicator, file */
	JX_EAMBIGUOUS, /* a name matches more than one thing */
	JX_ETOOBIG,    /* a limit on untrusted input was exceeded */
	JX_EIO,        /* reading or writing a file failed */
	JX_ESTORE,     /* the database failed or holds something unexpected */
	JX_ECONFLICT,  /* the operation is refused in the current state */
	JX_EAUTH,      /* who is asking is not known: no session, a wrong password */
	JX_EFORBIDDEN, /* who is asking may not do this */
	JX_EBUSY,      /* the store is held by another writer past the wait allowed: try again later */
	JX_EFULL,      /* the store's disk is full: nothing was written */
	JX_EREADONLY,  /* the store was opened read-only (its file or directory may not be written) */
};

struct jx_err {
	enum jx_code code; /* JX_OK until something fails */
	char msg[1024];    /* NUL-terminated, UTF-8; truncated if longer */
};

/* Fills err (if not NULL) with code and the formatted message; always returns -1. */
int jx_err_set(struct jx_err *err, enum jx_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prepends "prefix: " (formatted) to err's message, to add where the error happened. Returns -1. */
int jx_err_prefix(struct jx_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Resets err to JX_OK with an empty message. */
void jx_err_clear(struct jx_err *err);

#endif
