/*
 * login.h — how often a login may be tried: the throttle, kept in the store so that it holds across the
 * threads of a server, its restarts and several servers on one store.
 *
 * Each attempt is counted before its password is checked, in the same write transaction as the check
 * of the counts (jx_login_take), so that concurrent attempts cannot slip past a limit between the two;
 * a success then takes its own attempt back and clears the account's counts (jx_login_succeeded).
 * Within a window of JX_LOGIN_WINDOW seconds:
 *
 *   an account from one address  JX_LOGIN_PAIR_MAX attempts, then locked out for the rest of the window
 *   one address, any account     JX_LOGIN_ADDR_MAX attempts, then locked out likewise
 *   an account, any address      from JX_LOGIN_ACCOUNT_SOFT attempts on, each next attempt waits 1, 2,
 *                                4 … seconds (at most JX_LOGIN_DELAY_MAX) after the latest one: a
 *                                stranger failing from many addresses slows guessing down without
 *                                locking the account's owner out of every address
 */
#ifndef JIXIAO_LOGIN_H
#define JIXIAO_LOGIN_H

#include <stddef.h>
#include <stdint.h>

struct jx_err;
struct jx_store;

#define JX_LOGIN_WINDOW 900       /* seconds */
#define JX_LOGIN_PAIR_MAX 5
#define JX_LOGIN_ADDR_MAX 20
#define JX_LOGIN_ACCOUNT_SOFT 5
#define JX_LOGIN_DELAY_MAX 60     /* seconds */

/* Takes one attempt to log in as account from addr at now (seconds since the epoch): *wait receives 0
 * if it may go ahead (and is counted as failed until jx_login_succeeded), else the seconds to wait
 * (nothing counted). -1 with err if the store failed. */
int jx_login_take(struct jx_store *st, const char *account, const char *addr, int64_t now, long *wait,
		  struct jx_err *err);

/* The attempt taken for account from addr succeeded: it is not a failure, and the account's counts
 * (from this address and overall) start afresh. */
int jx_login_succeeded(struct jx_store *st, const char *account, const char *addr, struct jx_err *err);

/* "请 14 分钟后再试" / "请 30 秒后再试" for a wait, into buf. */
void jx_login_wait_text(long wait, char *buf, size_t n);

#endif
