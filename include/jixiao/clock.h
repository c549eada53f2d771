/*
 * clock.h — the time jixiao records, as UTC in ISO 8601 ("2026-11-29T03:04:05Z").
 *
 * JIXIAO_NOW, when set to such a time, is used instead of the clock, so that outputs and tests can
 * be reproduced exactly.
 */
#ifndef JIXIAO_CLOCK_H
#define JIXIAO_CLOCK_H

#define JX_TIME_MAX 32 /* room for a time with its NUL */

/* Writes the current time into out (JX_TIME_MAX bytes); returns out. */
char *jx_now(char *out);

/* Such a time as Beijing time (UTC+8), as people read it: "2026-11-29 11:04", into out (JX_TIME_MAX
 * bytes). -1 (out "") if t is not such a time. */
int jx_time_beijing(const char *t, char *out);

/* The days from such a time to another as Beijing's calendar counts them (from the date of from to
 * the date of to, in UTC+8) into *days: 0 the same day, negative if to comes first. -1 if either is not
 * such a time. */
int jx_days_beijing(const char *from, const char *to, long *days);

#endif
