/*
 * clock.c — the current time, or JIXIAO_NOW. See clock.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jixiao/clock.h"

/* True if s has the shape 2026-11-29T03:04:05Z. */
static int time_shaped(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

char *jx_now(char *out)
{
	const char *fixed = getenv("JIXIAO_NOW");
	time_t t = time(NULL);
	struct tm tm;

	if (fixed && time_shaped(fixed)) {
		snprintf(out, JX_TIME_MAX, "%s", fixed);
		return out;
	}
	gmtime_r(&t, &tm);
	strftime(out, JX_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}
