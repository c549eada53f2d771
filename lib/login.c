/*
 * login.c — the login throttle: the counts in the store, the check and the count of an attempt in one
 * write transaction (see login.h).
 */
#include <stdbool.h>
#include <stdio.h>

#include "jixiao/err.h"
#include "jixiao/login.h"
#include "jixiao/store.h"

enum { PAIR, ACCOUNT, ADDR, N_KEYS };

static void keys_of(struct jx_login_key k[N_KEYS], const char *account, const char *addr)
{
	k[PAIR] = (struct jx_login_key){ "pair", account, addr };
	k[ACCOUNT] = (struct jx_login_key){ "account", account, "" };
	k[ADDR] = (struct jx_login_key){ "addr", "", addr };
}

/* The seconds an attempt at now must still wait, given the rows (their windows current). */
static long wait_for(const struct jx_login_row r[N_KEYS], int64_t now)
{
	int64_t wait = 0, delay;

	if (r[PAIR].fails >= JX_LOGIN_PAIR_MAX)
		wait = r[PAIR].first + JX_LOGIN_WINDOW - now;
	if (r[ADDR].fails >= JX_LOGIN_ADDR_MAX && r[ADDR].first + JX_LOGIN_WINDOW - now > wait)
		wait = r[ADDR].first + JX_LOGIN_WINDOW - now;
	if (r[ACCOUNT].fails >= JX_LOGIN_ACCOUNT_SOFT) {
		int64_t over = r[ACCOUNT].fails - JX_LOGIN_ACCOUNT_SOFT;

		delay = over >= 6 ? JX_LOGIN_DELAY_MAX : (int64_t)1 << over;
		if (delay > JX_LOGIN_DELAY_MAX)
			delay = JX_LOGIN_DELAY_MAX;
		if (r[ACCOUNT].last + delay - now > wait)
			wait = r[ACCOUNT].last + delay - now;
	}
	return wait > 0 ? (long)wait : 0;
}

static int take(struct jx_store *st, const struct jx_login_key k[N_KEYS], int64_t now, long *wait, struct jx_err *err)
{
	struct jx_login_row r[N_KEYS];
	int i;

	if (jx_store_login_purge(st, now - JX_LOGIN_WINDOW, err))
		return -1;
	for (i = 0; i < N_KEYS; i++) {
		if (jx_store_login_get(st, &k[i], &r[i], err))
			return -1;
		if (r[i].fails && now - r[i].first >= JX_LOGIN_WINDOW) /* the window has passed: afresh */
			r[i].fails = 0;
	}
	*wait = wait_for(r, now);
	if (*wait)
		return 0;
	for (i = 0; i < N_KEYS; i++) {
		if (!r[i].fails)
			r[i].first = now;
		r[i].fails++;
		r[i].last = now;
		if (jx_store_login_put(st, &k[i], &r[i], err))
			return -1;
	}
	return 0;
}

int jx_login_take(struct jx_store *st, const char *account, const char *addr, int64_t now, long *wait,
		  struct jx_err *err)
{
	struct jx_login_key k[N_KEYS];

	keys_of(k, account, addr);
	if (jx_store_begin(st, err))
		return -1;
	return jx_store_end(st, take(st, k, now, wait, err), err);
}

static int succeeded(struct jx_store *st, const struct jx_login_key k[N_KEYS], struct jx_err *err)
{
	static const struct jx_login_row none = { 0, 0, 0 };
	struct jx_login_row addr;

	if (jx_store_login_put(st, &k[PAIR], &none, err) || jx_store_login_put(st, &k[ACCOUNT], &none, err) ||
	    jx_store_login_get(st, &k[ADDR], &addr, err))
		return -1;
	if (addr.fails > 0)
		addr.fails--; /* the address's count keeps its failures, not this success */
	return jx_store_login_put(st, &k[ADDR], &addr, err);
}

int jx_login_succeeded(struct jx_store *st, const char *account, const char *addr, struct jx_err *err)
{
	struct jx_login_key k[N_KEYS];

	keys_of(k, account, addr);
	if (jx_store_begin(st, err))
		return -1;
	return jx_store_end(st, succeeded(st, k, err), err);
}

void jx_login_wait_text(long wait, char *buf, size_t n)
{
	if (wait >= 60)
		snprintf(buf, n, "请 %ld 分钟后再试", (wait + 59) / 60);
	else
		snprintf(buf, n, "请 %ld 秒后再试", wait > 0 ? wait : 1);
}
