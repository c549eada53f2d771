/*
 * err.c — filling struct jx_err. See err.h for the contract.
 */
#include <stdio.h>
#include <string.h>

#include "jixiao/err.h"
#include "jixiao/text.h"

/* A message cut at the end of msg is cut where a character ends, so that it stays UTF-8 (a JSON
 * answer cannot carry half a character). */
static void whole_characters(struct jx_err *err)
{
	bool invalid;
	size_t n = strlen(err->msg);

	if (n == sizeof(err->msg) - 1)
		err->msg[jx_utf8_prefix(err->msg, n, &invalid)] = '\0';
}

int jx_err_set(struct jx_err *err, enum jx_code code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	whole_characters(err);
	return -1;
}

int jx_err_prefix(struct jx_err *err, const char *fmt, ...)
{
	char old[sizeof(err->msg)];
	size_t n;
	va_list ap;

	if (!err)
		return -1;
	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	snprintf(err->msg + n, sizeof(err->msg) - n, ": %s", old);
	whole_characters(err);
	return -1;
}

void jx_err_clear(struct jx_err *err)
{
	if (!err)
		return;
	err->code = JX_OK;
	err->msg[0] = '\0';
}
