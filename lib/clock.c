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

#define BEIJING (8 * 3600) /* seconds east of UTC */

/* Days from 1970-01-01 to the date y-m-d of the proleptic Gregorian calendar (Howard Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Seconds since the epoch of a time of clock.h's form; -1 if t is not one. */
static long long seconds(const char *t)
{
	int y, mo, d, h, mi, s;

	if (!t || !time_shaped(t) || sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return -1;
	return (long long)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

int jx_time_beijing(const char *t, char *out)
{
	long long s = seconds(t);
	time_t local;
	struct tm tm;

	out[0] = '\0';
	if (s < 0)
		return -1;
	local = (time_t)(s + BEIJING);
	gmtime_r(&local, &tm);
	strftime(out, JX_TIME_MAX, "%Y-%m-%d %H:%M", &tm);
	return 0;
}

int jx_days_beijing(const char *from, const char *to, long *days)
{
	long long a = seconds(from), b = seconds(to);

	if (a < 0 || b < 0)
		return -1;
	*days = (long)((b + BEIJING) / 86400 - (a + BEIJING) / 86400);
	return 0;
}
