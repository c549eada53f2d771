/*
 * test_login.c — the login throttle (login.h) on a real store: the limits per account and address,
 * per address and the softer one per account; a success clearing them; the window; a restart (the
 * store reopened) keeping them; and concurrent attempts on connections of their own taking exactly the
 * limit, never more.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "jixiao/login.h"
#include "jixiao/store.h"

#define T0 1800000000 /* a fixed clock: seconds since the epoch */

struct fixture {
	char path[512];
	struct jx_store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };

	test_store_location(f->path, sizeof(f->path), "login");
	if (jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err))
		fail_msg("%s", err.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	test_store_remove(f->path);
	free(f);
	return 0;
}

static long take(struct jx_store *st, const char *account, const char *addr, int64_t now)
{
	struct jx_err err = { 0 };
	long wait = -1;

	if (jx_login_take(st, account, addr, now, &wait, &err))
		fail_msg("%s", err.msg);
	return wait;
}

/* Five attempts for an account from one address, then it waits out the window: the sixth is told the
 * rest of the 15 minutes. Another account from that address is not held up. */
static void test_pair_locks_after_five(void **state)
{
	struct fixture *f = *state;
	int i;

	for (i = 0; i < JX_LOGIN_PAIR_MAX; i++)
		assert_int_equal(take(f->st, "weijian", "10.0.0.1", T0), 0);
	assert_int_equal(take(f->st, "weijian", "10.0.0.1", T0 + 10), JX_LOGIN_WINDOW - 10);
	assert_int_equal(take(f->st, "jiaoyu", "10.0.0.1", T0 + 10), 0);
	assert_int_equal(take(f->st, "weijian", "10.0.0.1", T0 + JX_LOGIN_WINDOW), 0); /* the window passed */
}

/* A stranger's five failures from one address do not lock the owner out of another: the owner waits a
 * second (the account's soft delay), then gets in, and its success clears the account's counts. */
static void test_stranger_cannot_lock_the_owner_out(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	int i;

	for (i = 0; i < JX_LOGIN_PAIR_MAX; i++)
		assert_int_equal(take(f->st, "weijian", "10.6.6.6", T0), 0);
	assert_int_equal(take(f->st, "weijian", "10.0.0.2", T0), 1);
	assert_int_equal(take(f->st, "weijian", "10.0.0.2", T0 + 1), 0);
	assert_int_equal(jx_login_succeeded(f->st, "weijian", "10.0.0.2", &err), 0);
	assert_int_equal(take(f->st, "weijian", "10.0.0.3", T0 + 1), 0); /* counts cleared */
	assert_true(take(f->st, "weijian", "10.6.6.6", T0 + 2) > 800); /* the stranger's address stays locked */
}

/* The soft delay doubles with each attempt past the fifth, up to a minute; many addresses gain a
 * guesser little. */
static void test_account_delay_grows_to_a_minute(void **state)
{
	struct fixture *f = *state;
	char addr[32];
	int64_t now = T0;
	long wait;
	int i;

	for (i = 0; i < 20; i++) { /* attempt i: the account has i failures before it */
		snprintf(addr, sizeof(addr), "10.1.0.%d", i);
		wait = take(f->st, "caizheng", addr, now);
		if (i < JX_LOGIN_ACCOUNT_SOFT)
			assert_int_equal(wait, 0);
		else
			assert_int_equal(wait, i - JX_LOGIN_ACCOUNT_SOFT >= 6 ? JX_LOGIN_DELAY_MAX : 1L << (i - JX_LOGIN_ACCOUNT_SOFT));
		if (wait) {
			now += wait;
			assert_int_equal(take(f->st, "caizheng", addr, now), 0);
		}
	}
}

/* Twenty attempts from one address over any accounts, then none from it. A success is not counted. */
static void test_address_limit(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	char name[32];
	int i;

	assert_int_equal(take(f->st, "ok", "10.2.0.1", T0), 0);
	assert_int_equal(jx_login_succeeded(f->st, "ok", "10.2.0.1", &err), 0);
	for (i = 0; i < JX_LOGIN_ADDR_MAX; i++) {
		snprintf(name, sizeof(name), "guess%d", i);
		assert_int_equal(take(f->st, name, "10.2.0.1", T0), 0);
	}
	assert_int_equal(take(f->st, "ok", "10.2.0.1", T0 + 5), JX_LOGIN_WINDOW - 5);
	assert_int_equal(take(f->st, "ok", "10.2.0.2", T0 + 5), 0);
}

/* The counts are in the store: a restart (a new connection) sees them. */
static void test_restart_keeps_counts(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	int i;

	for (i = 0; i < JX_LOGIN_PAIR_MAX; i++)
		assert_int_equal(take(f->st, "weijian", "10.3.0.1", T0), 0);
	jx_store_close(f->st);
	assert_int_equal(jx_store_open(&f->st, f->path, 0, &err), 0);
	assert_true(take(f->st, "weijian", "10.3.0.1", T0 + 1) > 0);
}

struct racer {
	const char *path;
	int allowed;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	struct jx_store *st;
	struct jx_err err = { 0 };
	long wait;
	int i;

	if (jx_store_open(&st, r->path, 0, &err))
		return NULL;
	for (i = 0; i < 5; i++)
		if (jx_login_take(st, "victim", "10.4.0.1", T0, &wait, &err) == 0 && wait == 0)
			r->allowed++;
	jx_store_close(st);
	return NULL;
}

/* Eight connections, five attempts each, at once: exactly five are let through. */
static void test_concurrent_attempts_take_the_limit_only(void **state)
{
	struct fixture *f = *state;
	struct racer r[8];
	pthread_t t[8];
	int i, allowed = 0;

	for (i = 0; i < 8; i++) {
		r[i] = (struct racer){ f->path, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		allowed += r[i].allowed;
	}
	assert_int_equal(allowed, JX_LOGIN_PAIR_MAX);
}

static void test_wait_in_words(void **state)
{
	char buf[64];

	(void)state;
	jx_login_wait_text(890, buf, sizeof(buf));
	assert_string_equal(buf, "请 15 分钟后再试");
	jx_login_wait_text(60, buf, sizeof(buf));
	assert_string_equal(buf, "请 1 分钟后再试");
	jx_login_wait_text(8, buf, sizeof(buf));
	assert_string_equal(buf, "请 8 秒后再试");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pair_locks_after_five, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stranger_cannot_lock_the_owner_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_delay_grows_to_a_minute, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart_keeps_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_attempts_take_the_limit_only, setup, teardown),
		cmocka_unit_test(test_wait_in_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
