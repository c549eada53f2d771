/*
 * account.h — the people of the web system: accounts with roles, passwords and sessions.
 *
 * Roles: admin (manages accounts; reads everything), finance (reviews, approves, returns, publishes;
 * reads everything), unit (writes and submits its own unit's tables), department (a 主管部门's reviewer:
 * reads, passes and returns the tables of the units whose 主管部门 is its unit, and its unit's own, in
 * the years reviewed at two levels: workflow.h). Passwords are kept only as
 * argon2id hashes (libsodium crypto_pwhash_str). A session is a random 256-bit token — the cookie holds
 * it, the store only its SHA-256 — with a CSRF token and an expiry. What each role may do is decided in
 * one place: access.h.
 */
#ifndef JIXIAO_ACCOUNT_H
#define JIXIAO_ACCOUNT_H

#include <stdbool.h>

#include "jixiao/clock.h"

struct jx_err;
struct jx_store;

enum jx_role { JX_ROLE_ADMIN, JX_ROLE_FINANCE, JX_ROLE_UNIT, JX_ROLE_DEPARTMENT };
#define JX_ROLE_COUNT 4

#define JX_NAME_MAX 64   /* bytes of an account name */
#define JX_TOKEN_HEX 65  /* a 256-bit token as hex, with its NUL */
#define JX_PASSWORD_MIN 8 /* characters */

struct jx_account {
	char name[JX_NAME_MAX + 1];
	enum jx_role role;
	char unit[512]; /* the budget unit of a unit account, the 主管部门 of a department account, else "" */
	bool disabled;
	char last_login[JX_TIME_MAX]; /* the latest successful login (UTC, ISO 8601), "" if never */
	char **oversees;   /* a department account as jx_session_check (or jx_account_oversee) loaded it: the
			    * units whose 主管部门 is its unit, by name; else NULL. jx_account_release frees it */
	size_t n_oversees;
};

/* admin, finance, unit, department (the stored form) and 管理员, 财政, 单位, 主管部门 (for people). */
const char *jx_role_name(enum jx_role r);
const char *jx_role_label(enum jx_role r);
int jx_role_from_name(const char *s, enum jx_role *out);
/* Whether an account of role r belongs to a budget unit (unit: its unit; department: its 主管部门). */
bool jx_role_has_unit(enum jx_role r);

/* The password rule, the same wherever a password is set (jixiao user, and any form of the web system,
 * through jx_account_add and jx_account_passwd): at least JX_PASSWORD_MIN characters of UTF-8, not
 * white space alone, not one character repeated, not containing the account's name (ASCII letter case
 * aside; a name of one or two characters: not the name itself), and none of the commonest passwords (data/passwords/common.txt, compiled in). Returns 0, or
 * -1 with err JX_EINPUT saying which. name may be NULL. */
int jx_password_check(const char *name, const char *password, struct jx_err *err);

/* Adds an account. name: 1–64 bytes of letters, digits, _ . - or CJK; a unit account needs its unit, a
 * department account its 主管部门, which must be registered (unit.h: JX_EINPUT if not);
 * password: as jx_password_check() allows. JX_ECONFLICT if the name is taken. */
int jx_account_add(struct jx_store *st, const char *name, enum jx_role role, const char *unit, const char *password,
		   struct jx_err *err);
/* Sets a new password; enables or disables an account (a disabled one cannot log in, and loses its
 * sessions). */
int jx_account_passwd(struct jx_store *st, const char *name, const char *password, struct jx_err *err);
int jx_account_disable(struct jx_store *st, const char *name, bool disabled, struct jx_err *err);

/* Moves a unit account to another budget unit (a department account to another 主管部门), which must be
 * registered (unit.h: JX_EINPUT if not); JX_EUSAGE for an account of another role. */
int jx_account_set_unit(struct jx_store *st, const char *name, const char *unit, struct jx_err *err);

/* A password changed by its owner: old must be the account's password (JX_EINPUT, 原密码不正确, if not: the form's
 * field is wrong; the caller is signed in),
 * new one the rule allows (jx_password_check). Every session of the account ends, as with
 * jx_account_passwd; the caller opens a new one for the owner's own. */
int jx_account_change_password(struct jx_store *st, const char *name, const char *old, const char *password,
			       struct jx_err *err);

/* Records that name logged in now (shown as its last login). */
int jx_account_seen(struct jx_store *st, const char *name, struct jx_err *err);

/* Loads an account (its oversees NULL). JX_ENOTFOUND if there is none. */
int jx_account_get(struct jx_store *st, const char *name, struct jx_account *out, struct jx_err *err);

/* Loads into a department account a the units whose 主管部门 is its unit (a->oversees, replacing what it
 * held); nothing for another role. */
int jx_account_oversee(struct jx_store *st, struct jx_account *a, struct jx_err *err);
/* Frees what a holds (a->oversees) and leaves it without: the account itself is the caller's. */
void jx_account_release(struct jx_account *a);

/* Calls fn with each account, by name. */
int jx_account_each(struct jx_store *st, int (*fn)(void *ctx, const struct jx_account *a), void *ctx,
		    struct jx_err *err);

/* Checks a password. The same error (JX_EAUTH, 用户名或密码错误) whether the account is unknown,
 * disabled or the password wrong, and about the same time. */
int jx_account_verify(struct jx_store *st, const char *name, const char *password, struct jx_account *out,
		      struct jx_err *err);

/* Opens a session of ttl seconds for name: token and csrf (JX_TOKEN_HEX bytes each) receive the new
 * random tokens. */
int jx_session_open(struct jx_store *st, const char *name, long ttl, char *token, char *csrf, struct jx_err *err);

/* The account and CSRF token of a valid session. JX_EAUTH if the token is unknown, expired, or its
 * account disabled. A department account comes with the units it oversees (jx_account_oversee): the
 * caller frees them with jx_account_release. */
int jx_session_check(struct jx_store *st, const char *token, struct jx_account *who, char *csrf, struct jx_err *err);

/* Ends a session (a token that is none is not an error). */
int jx_session_close(struct jx_store *st, const char *token, struct jx_err *err);

#endif
