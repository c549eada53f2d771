/*
 * test_clock.c — the clock's times as people in Beijing read them: the time (UTC+8) and the days a
 * table has waited, counted by Beijing's calendar (the review queue's 等待天数).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "jixiao/clock.h"

static void test_beijing_time(void **state)
{
	char out[JX_TIME_MAX];

	(void)state;
	assert_string_equal(jx_time_beijing("2026-11-29T03:04:05Z", out), "2026-11-29 11:04:05");
	assert_string_equal(jx_time_beijing("2026-12-31T16:00:00Z", out), "2027-01-01 00:00:00"); /* the new year, already */
	assert_string_equal(jx_time_beijing("2024-02-28T20:30:00Z", out), "2024-02-29 04:30:00"); /* a leap day */
	assert_string_equal(jx_time_beijing("2026-11-29 03:04:05", out), "2026-11-29 03:04:05"); /* not one: as it is */
}

static void test_days_waited(void **state)
{
	long d = -99;

	(void)state;
	assert_int_equal(jx_days_beijing("2026-11-29T03:00:00Z", "2026-11-29T15:59:59Z", &d), 0);
	assert_int_equal(d, 0); /* 11:00 to 23:59 the same day in Beijing */
	assert_int_equal(jx_days_beijing("2026-11-29T03:00:00Z", "2026-11-29T16:00:00Z", &d), 0);
	assert_int_equal(d, 1); /* midnight in Beijing, though the same date in UTC */
	assert_int_equal(jx_days_beijing("2026-11-28T15:59:00Z", "2026-11-28T16:01:00Z", &d), 0);
	assert_int_equal(d, 1); /* two minutes across Beijing's midnight */
	assert_int_equal(jx_days_beijing("2026-02-20T00:00:00Z", "2026-03-02T00:00:00Z", &d), 0);
	assert_int_equal(d, 10);
	assert_int_equal(jx_days_beijing("2024-02-20T00:00:00Z", "2024-03-02T00:00:00Z", &d), 0);
	assert_int_equal(d, 11); /* 2024 has a 29 February */
	assert_int_equal(jx_days_beijing("2026-01-02T00:00:00Z", "2025-12-31T00:00:00Z", &d), 0);
	assert_int_equal(d, -2);
	d = 7;
	assert_int_equal(jx_days_beijing("", "2026-01-02T00:00:00Z", &d), -1);
	assert_int_equal(jx_days_beijing("2026-01-02T00:00:00Z", "x", &d), -1);
	assert_int_equal(d, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_beijing_time),
		cmocka_unit_test(test_days_waited),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
