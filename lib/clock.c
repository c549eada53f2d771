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

#define BEIJING (8 * 3600) /* seconds east of UTC */

static long long days_from_civil(int y, int m, int d);

/* Seconds since the epoch of a time of clock.h's form; -1 if t is not one. */
static long long seconds(const char *t)
{
	int y, mo, d, h, mi, s;

	if (!t || !time_shaped(t) || sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return -1;
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

int jx_days_beijing(const char *from, const char *to, long *days)
{
	long long a = seconds(from), b = seconds(to);

	if (a < 0 || b < 0)
		return -1;
	*days = (long)((b + BEIJING) / 86400 - (a + BEIJING) / 86400);
	return 0;
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

/* Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian). */
static long long days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

char *jx_time_beijing(const char *utc, char *out)
{
	struct tm tm = { 0 };
	time_t t;

	if (!utc || !time_shaped(utc) ||
	    sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) != 6) {
		snprintf(out, JX_TIME_MAX, "%s", utc ? utc : "");
		return out;
	}
	t = (time_t)(days_from_civil(tm.tm_year, tm.tm_mon, tm.tm_mday) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 +
		     tm.tm_sec + 8 * 3600);
	gmtime_r(&t, &tm);
	strftime(out, JX_TIME_MAX, "%Y-%m-%d %H:%M:%S", &tm);
	return out;
}
