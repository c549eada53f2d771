/*
 * clock.h — the time jixiao records, as UTC in ISO 8601 ("2026-11-29T03:04:05Z").
 *
 * JIXIAO_NOW, when set to such a time, is used instead of the clock, so that outputs and tests can
 * be reproduced exactly.
 */
#ifndef JIXIAO_CLOCK_H
#define JIXIAO_CLOCK_H

#define JX_TIME_MAX 32 /* room for a time with its NUL */

/* The days from one time of this form to another as Beijing's calendar counts them (from the date of
 * from to the date of to, in UTC+8) into *days: 0 the same day, negative if to comes first. -1 if either
 * is not such a time. */
int jx_days_beijing(const char *from, const char *to, long *days);

/* Writes the current time into out (JX_TIME_MAX bytes); returns out. */
char *jx_now(char *out);

/* Writes a recorded time (UTC, as jx_now writes it) as Beijing time, UTC+8, for people:
 * "2026-11-29 11:04:05" (JX_TIME_MAX bytes); a time of another shape is copied as it is. Returns out. */
char *jx_time_beijing(const char *utc, char *out);

#endif
