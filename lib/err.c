/*
 * err.c — filling struct jx_err. See err.h for the contract.
 */
#include <stdio.h>
#include <string.h>

#include "jixiao/err.h"

int jx_err_set(struct jx_err *err, enum jx_code code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
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
	return -1;
}

void jx_err_clear(struct jx_err *err)
{
	if (!err)
		return;
	err->code = JX_OK;
	err->msg[0] = '\0';
}
