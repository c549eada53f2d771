/*
 * test_account.c — accounts, passwords and sessions over a real SQLite file: adding and checking
 * accounts, the one answer a failed login gets, password changes, disabling, and sessions — their
 * tokens, expiry, CSRF token, and that the store keeps only a hash of the token.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "jixiao/account.h"
#include "jixiao/buf.h"
#include "jixiao/store.h"
#include "jixiao/unit.h"

#define PASSWORD "secret123"

struct fixture {
	char path[256]; /* a fresh database file */
	struct jx_store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };

	setenv("JIXIAO_NOW", "2026-11-29T03:00:00Z", 1);
	test_store_location(f->path, sizeof(f->path), "account");
	assert_int_equal(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	test_store_remove(f->path);
	free(f);
	unsetenv("JIXIAO_NOW");
	return 0;
}

static void add(struct fixture *f, const char *name, enum jx_role role, const char *unit)
{
	struct jx_err err = { 0 };

	if (jx_account_add(f->st, name, role, unit, PASSWORD, &err))
		fail_msg("add %s: %s", name, err.msg);
}

/* Expects rc to be a refusal with code and a message holding want. */
static void refused(int rc, const struct jx_err *err, enum jx_code code, const char *want)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, want))
		fail_msg("“%s” does not contain “%s”", err->msg, want);
}

/* Expects verifying name with password to fail as every failed login does. */
static void login_refused(struct fixture *f, const char *name, const char *password)
{
	struct jx_account a;
	struct jx_err err = { 0 };

	assert_int_equal(jx_account_verify(f->st, name, password, &a, &err), -1);
	assert_int_equal(err.code, JX_EAUTH);
	assert_string_equal(err.msg, "用户名或密码错误");
}

static void login_works(struct fixture *f, const char *name, const char *password)
{
	struct jx_account a;
	struct jx_err err = { 0 };

	if (jx_account_verify(f->st, name, password, &a, &err))
		fail_msg("verify %s: %s", name, err.msg);
	assert_string_equal(a.name, name);
}

static bool is_hex64(const char *s)
{
	return strlen(s) == JX_TOKEN_HEX - 1 && strspn(s, "0123456789abcdef") == JX_TOKEN_HEX - 1;
}

static void test_roles(void **state)
{
	enum jx_role r;

	(void)state;
	assert_string_equal(jx_role_name(JX_ROLE_ADMIN), "admin");
	assert_string_equal(jx_role_name(JX_ROLE_FINANCE), "finance");
	assert_string_equal(jx_role_name(JX_ROLE_UNIT), "unit");
	assert_string_equal(jx_role_label(JX_ROLE_ADMIN), "管理员");
	assert_string_equal(jx_role_label(JX_ROLE_FINANCE), "财政");
	assert_string_equal(jx_role_label(JX_ROLE_UNIT), "单位");
	assert_int_equal(jx_role_from_name("finance", &r), 0);
	assert_int_equal(r, JX_ROLE_FINANCE);
	assert_int_equal(jx_role_from_name("Finance", &r), -1);
	assert_int_equal(jx_role_from_name("财政", &r), -1);
	assert_int_equal(jx_role_from_name(NULL, &r), -1);
}

static void test_add_and_get(void **state)
{
	struct fixture *f = *state;
	struct jx_account a;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	add(f, "root", JX_ROLE_ADMIN, NULL);
	assert_int_equal(jx_account_get(f->st, "张三", &a, &err), 0);
	assert_string_equal(a.name, "张三");
	assert_int_equal(a.role, JX_ROLE_UNIT);
	assert_string_equal(a.unit, "博湖县教育局");
	assert_false(a.disabled);
	assert_int_equal(jx_account_get(f->st, "root", &a, &err), 0);
	assert_int_equal(a.role, JX_ROLE_ADMIN);
	assert_string_equal(a.unit, "");
	refused(jx_account_get(f->st, "nobody", &a, &err), &err, JX_ENOTFOUND, "没有名为“nobody”的账户");
}

static int collect(void *ctx, const struct jx_account *a)
{
	struct jx_buf *names = ctx;

	jx_buf_addf(names, NULL, "%s:%s:%s:%d;", a->name, jx_role_name(a->role), a->unit, a->disabled);
	return 0;
}

static void test_each_by_name(void **state)
{
	struct fixture *f = *state;
	struct jx_buf names = JX_BUF_INIT;
	struct jx_err err = { 0 };

	add(f, "zoe", JX_ROLE_FINANCE, NULL);
	add(f, "amy", JX_ROLE_UNIT, "博湖县民政局");
	assert_int_equal(jx_account_disable(f->st, "zoe", true, &err), 0);
	assert_int_equal(jx_account_each(f->st, collect, &names, &err), 0);
	assert_string_equal(names.ptr, "amy:unit:博湖县民政局:0;zoe:finance::1;");
	jx_buf_release(&names);
}

static void test_verify(void **state)
{
	struct fixture *f = *state;
	struct jx_account a;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	add(f, "李四", JX_ROLE_FINANCE, NULL);
	assert_int_equal(jx_account_verify(f->st, "张三", PASSWORD, &a, &err), 0);
	assert_string_equal(a.name, "张三");
	assert_int_equal(a.role, JX_ROLE_UNIT);
	assert_string_equal(a.unit, "博湖县教育局");
	/* a wrong password, an unknown account and a disabled one get the same answer */
	login_refused(f, "张三", "secret124");
	login_refused(f, "张三", "");
	login_refused(f, "张三", NULL);
	login_refused(f, "nobody", PASSWORD);
	login_refused(f, NULL, PASSWORD);
	assert_int_equal(jx_account_disable(f->st, "李四", true, &err), 0);
	login_refused(f, "李四", PASSWORD);
}

static void test_duplicate_name(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	refused(jx_account_add(f->st, "张三", JX_ROLE_ADMIN, NULL, "another-password", &err), &err, JX_ECONFLICT,
		"账户“张三”已经存在");
	login_works(f, "张三", PASSWORD); /* the first one is untouched */
	login_refused(f, "张三", "another-password");
}

static void test_bad_names(void **state)
{
	static const char *const bad[] = { "", "a b", "a/b", "a@b", "a\tb", "a\nb", "'; DROP TABLE account; --",
					   "a\xc2\x85" "b",	   /* C1 control NEL */
					   "a\xe2\x80\xae" "b",	   /* right-to-left override */
					   "a\xff" "b",		   /* not UTF-8 */
					   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 65 bytes */ };
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_account a;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		jx_err_clear(&err);
		refused(jx_account_add(f->st, bad[i], JX_ROLE_ADMIN, NULL, PASSWORD, &err), &err, JX_EINPUT,
			"账户名应为 1–64 字节的字母、数字、汉字或 _ . -");
	}
	refused(jx_account_add(f->st, NULL, JX_ROLE_ADMIN, NULL, PASSWORD, &err), &err, JX_EINPUT, "账户名");
	/* the limits themselves are fine */
	add(f, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", JX_ROLE_ADMIN, NULL);
	add(f, "a.b-c_D9", JX_ROLE_ADMIN, NULL);
	add(f, "王", JX_ROLE_ADMIN, NULL);
	assert_int_equal(jx_account_get(f->st, "a.b-c_D9", &a, &err), 0);
}

static void test_short_passwords(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_account a;

	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, "", &err), &err, JX_EINPUT, "密码至少应有 8 个字符");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, "1234567", &err), &err, JX_EINPUT, "密码至少应有 8 个字符");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, NULL, &err), &err, JX_EINPUT, "密码至少应有 8 个字符");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, "12345678\xff", &err), &err, JX_EINPUT, "密码");
	refused(jx_account_get(f->st, "a", &a, &err), &err, JX_ENOTFOUND, "“a”"); /* nothing was stored */
	add(f, "b", JX_ROLE_ADMIN, NULL); /* PASSWORD has 9 */
	assert_int_equal(jx_account_add(f->st, "c", JX_ROLE_ADMIN, NULL, "1357-246", &err), 0); /* 8 */
	assert_int_equal(jx_account_add(f->st, "d", JX_ROLE_ADMIN, NULL, "预算绩效目标管理系统", &err), 0);
}

/* Issue 17: weak passwords are refused, each saying why; the same rule for a new password. */
static void test_weak_passwords(void **state)
{
	static const char *const common[] = { "12345678", "password", "qwertyui", "123456789", "abc12345",
					      "PASSWORD1", "Qwerty123", "woaini1314", "1q2w3e4r5t" };
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	size_t i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
		memset(&err, 0, sizeof(err));
		refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, common[i], &err), &err, JX_EINPUT,
			"这个密码太常见，容易被猜中，请换一个");
	}
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, "aaaaaaaa", &err), &err, JX_EINPUT, "密码不能是同一个字符的重复");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, "11111111", &err), &err, JX_EINPUT, "密码不能是同一个字符的重复");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, "中中中中中中中中", &err), &err, JX_EINPUT,
		"密码不能是同一个字符的重复");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, "        ", &err), &err, JX_EINPUT, "密码不能只有空白字符");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, NULL, " \t \xe3\x80\x80    ", &err), &err, JX_EINPUT,
		"密码不能只有空白字符");
	refused(jx_account_add(f->st, "weijian", JX_ROLE_ADMIN, NULL, "weijian-2021", &err), &err, JX_EINPUT,
		"密码不能包含账户名");
	refused(jx_account_add(f->st, "weijian", JX_ROLE_ADMIN, NULL, "My-WeiJian!", &err), &err, JX_EINPUT,
		"密码不能包含账户名");
	refused(jx_account_add(f->st, "张三丰", JX_ROLE_ADMIN, NULL, "我是张三丰的登录密码", &err), &err, JX_EINPUT, "密码不能包含账户名");
	add(f, "weijian", JX_ROLE_ADMIN, NULL);
	refused(jx_account_passwd(f->st, "weijian", "88888888", &err), &err, JX_EINPUT, "密码不能是同一个字符的重复");
	refused(jx_account_passwd(f->st, "weijian", "Password", &err), &err, JX_EINPUT, "这个密码太常见");
	assert_int_equal(jx_password_check("weijian", "ab-ab-ab-ab", &err), 0); /* a pattern, not one character */
	assert_int_equal(jx_password_check(NULL, "correct horse", &err), 0);
}

static void test_unit_role_needs_unit(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	refused(jx_account_add(f->st, "a", JX_ROLE_UNIT, NULL, PASSWORD, &err), &err, JX_EINPUT,
		"单位账户需要指定预算单位（--unit）");
	refused(jx_account_add(f->st, "a", JX_ROLE_UNIT, "", PASSWORD, &err), &err, JX_EINPUT, "单位账户需要指定预算单位");
	refused(jx_account_add(f->st, "a", JX_ROLE_UNIT, "博湖县\x01教育局", PASSWORD, &err), &err, JX_EINPUT,
		"单位账户需要指定预算单位");
	refused(jx_account_add(f->st, "a", JX_ROLE_FINANCE, "博湖县财政局", PASSWORD, &err), &err, JX_EINPUT,
		"只有单位账户属于预算单位");
	refused(jx_account_add(f->st, "a", JX_ROLE_ADMIN, "博湖县财政局", PASSWORD, &err), &err, JX_EINPUT,
		"只有单位账户属于预算单位");
	add(f, "a", JX_ROLE_FINANCE, ""); /* an empty unit is no unit */
}

static void test_passwd(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_account_passwd(f->st, "张三", "new-secret", &err), 0);
	login_refused(f, "张三", PASSWORD);
	login_works(f, "张三", "new-secret");
	refused(jx_account_passwd(f->st, "张三", "short", &err), &err, JX_EINPUT, "密码至少应有 8 个字符");
	login_works(f, "张三", "new-secret"); /* a refused change changes nothing */
	refused(jx_account_passwd(f->st, "nobody", "new-secret", &err), &err, JX_ENOTFOUND, "没有名为“nobody”的账户");
}

static void test_passwd_keeps_the_rest(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct jx_account a;

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_account_disable(f->st, "张三", true, &err), 0);
	assert_int_equal(jx_account_passwd(f->st, "张三", "new-secret", &err), 0);
	assert_int_equal(jx_account_get(f->st, "张三", &a, &err), 0);
	assert_int_equal(a.role, JX_ROLE_UNIT);
	assert_string_equal(a.unit, "博湖县教育局");
	assert_true(a.disabled); /* a new password does not enable an account */
	login_refused(f, "张三", "new-secret");
}

/* A department account names a registered 主管部门, and its session brings the units it oversees, as
 * the registry says at the time (a unit registered under it later is in its next session). */
static void test_department_account_and_what_it_oversees(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX], got[JX_TOKEN_HEX];
	struct jx_account who = { 0 };
	struct jx_err err = { 0 };

	refused(jx_account_add(f->st, "王主任", JX_ROLE_DEPARTMENT, NULL, PASSWORD, &err), &err, JX_EINPUT,
		"主管部门账户需要指定所属的主管部门");
	refused(jx_account_add(f->st, "王主任", JX_ROLE_DEPARTMENT, "教育主管局", PASSWORD, &err), &err, JX_EINPUT,
		"预算单位“教育主管局”不在单位库中");
	assert_int_equal(jx_unit_add(f->st, "教育主管局", NULL, NULL, &err), 0);
	assert_int_equal(jx_unit_add(f->st, "第一中学", NULL, "教育主管局", &err), 0);
	assert_int_equal(jx_unit_add(f->st, "财政局", NULL, NULL, &err), 0);
	add(f, "王主任", JX_ROLE_DEPARTMENT, "教育主管局");
	assert_int_equal(jx_session_open(f->st, "王主任", 3600, token, csrf, &err), 0);
	assert_int_equal(jx_session_check(f->st, token, &who, got, &err), 0);
	assert_int_equal(who.role, JX_ROLE_DEPARTMENT);
	assert_string_equal(who.unit, "教育主管局");
	assert_int_equal(who.n_oversees, 1);
	assert_string_equal(who.oversees[0], "第一中学");
	jx_account_release(&who);
	assert_null(who.oversees);
	assert_int_equal(jx_unit_add(f->st, "第二中学", NULL, "教育主管局", &err), 0);
	assert_int_equal(jx_session_check(f->st, token, &who, got, &err), 0);
	assert_int_equal(who.n_oversees, 2);
	assert_string_equal(who.oversees[1], "第二中学");
	jx_account_release(&who);
	/* a unit account's session brings no such list */
	add(f, "张三", JX_ROLE_UNIT, "第一中学");
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0);
	assert_int_equal(jx_session_check(f->st, token, &who, got, &err), 0);
	assert_null(who.oversees);
	assert_string_equal(jx_role_name(JX_ROLE_DEPARTMENT), "department");
	assert_string_equal(jx_role_label(JX_ROLE_DEPARTMENT), "主管部门");
}

static void test_disable_kills_sessions(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX], got[JX_TOKEN_HEX];
	struct jx_account who;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0);
	assert_int_equal(jx_session_check(f->st, token, &who, got, &err), 0);
	assert_int_equal(jx_account_disable(f->st, "张三", true, &err), 0);
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期");
	login_refused(f, "张三", PASSWORD);
	refused(jx_account_disable(f->st, "nobody", true, &err), &err, JX_ENOTFOUND, "没有名为“nobody”的账户");
	assert_int_equal(jx_account_disable(f->st, "张三", false, &err), 0);
	login_works(f, "张三", PASSWORD);
	/* enabling again does not bring the old session back */
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期");
}

/* A new password ends the sessions the old one opened (a stolen session dies with the password). */
static void test_passwd_ends_sessions(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], other[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX], got[JX_TOKEN_HEX];
	struct jx_account who;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	add(f, "李四", JX_ROLE_FINANCE, NULL);
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0);
	assert_int_equal(jx_session_open(f->st, "李四", 3600, other, csrf, &err), 0);
	assert_int_equal(jx_account_passwd(f->st, "张三", "another password", &err), 0);
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期");
	assert_int_equal(jx_session_check(f->st, other, &who, got, &err), 0); /* only that account's */
}

/* Names that would look like another account's are refused; the unit must fit. */
static void test_lookalike_names_and_long_units(void **state)
{
	static const char *const bad[] = { "ａｄｍｉｎ", "admin\xe2\x80\x8b", "ad\xc2\xa0min", "张\xe3\x80\x80三", "ｕ１" };
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	char unit[600];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused(jx_account_add(f->st, bad[i], JX_ROLE_FINANCE, NULL, PASSWORD, &err), &err, JX_EINPUT, "账户名应为");
	memset(unit, 'x', sizeof(unit) - 1);
	unit[sizeof(unit) - 1] = '\0';
	refused(jx_account_add(f->st, "long", JX_ROLE_UNIT, unit, PASSWORD, &err), &err, JX_EINPUT, "预算单位名称过长");
	/* a password is counted in characters: four CJK characters are not eight */
	refused(jx_account_add(f->st, "short", JX_ROLE_FINANCE, NULL, "密码密码", &err), &err, JX_EINPUT, "密码至少应有");
}

static void test_sessions(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX], got[JX_TOKEN_HEX];
	struct jx_account who;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0);
	assert_int_equal(jx_session_check(f->st, token, &who, got, &err), 0);
	assert_string_equal(who.name, "张三");
	assert_int_equal(who.role, JX_ROLE_UNIT);
	assert_string_equal(who.unit, "博湖县教育局");
	assert_string_equal(got, csrf);
	assert_int_equal(jx_session_close(f->st, token, &err), 0);
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期，请重新登录");
	/* closing what is no session is not an error */
	assert_int_equal(jx_session_close(f->st, token, &err), 0);
	assert_int_equal(jx_session_close(f->st, NULL, &err), 0);
	/* what is not a token at all */
	refused(jx_session_check(f->st, NULL, &who, got, &err), &err, JX_EAUTH, "请先登录");
	refused(jx_session_check(f->st, "", &who, got, &err), &err, JX_EAUTH, "请先登录");
	refused(jx_session_check(f->st, "abc", &who, got, &err), &err, JX_EAUTH, "请先登录");
	token[10] = token[10] == '0' ? '1' : '0'; /* a token of the right shape that was never issued */
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期");
}

static void test_session_of_unknown_account(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX];
	struct jx_err err = { 0 };

	assert_int_equal(jx_session_open(f->st, "nobody", 3600, token, csrf, &err), -1); /* the foreign key */
}

static void test_session_expires(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX], got[JX_TOKEN_HEX];
	struct jx_account who;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0); /* at 03:00, until 04:00 */
	setenv("JIXIAO_NOW", "2026-11-29T03:59:59Z", 1);
	assert_int_equal(jx_session_check(f->st, token, &who, got, &err), 0);
	setenv("JIXIAO_NOW", "2026-11-29T04:00:00Z", 1);
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期，请重新登录");
	setenv("JIXIAO_NOW", "2026-11-30T00:00:00Z", 1); /* across midnight */
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期");
}

static void test_session_across_midnight_and_year(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX], got[JX_TOKEN_HEX];
	struct jx_account who;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	setenv("JIXIAO_NOW", "2026-12-31T23:30:00Z", 1);
	assert_int_equal(jx_session_open(f->st, "张三", 8 * 3600, token, csrf, &err), 0);
	setenv("JIXIAO_NOW", "2027-01-01T07:29:59Z", 1);
	assert_int_equal(jx_session_check(f->st, token, &who, got, &err), 0);
	setenv("JIXIAO_NOW", "2027-01-01T07:30:00Z", 1);
	refused(jx_session_check(f->st, token, &who, got, &err), &err, JX_EAUTH, "登录已过期");
}

static long count_rows(const char *path, const char *sql, const char *param)
{
	return test_store_count(path, sql, param);
}

static void test_opening_purges_expired_sessions(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX];
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_session_open(f->st, "张三", 60, token, csrf, &err), 0);
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM session", NULL), 2);
	setenv("JIXIAO_NOW", "2026-11-29T03:30:00Z", 1);
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM session", NULL), 2); /* the 60 s one is gone */
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	char t1[JX_TOKEN_HEX], c1[JX_TOKEN_HEX], t2[JX_TOKEN_HEX], c2[JX_TOKEN_HEX], got[JX_TOKEN_HEX];
	struct jx_account who;
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_session_open(f->st, "张三", 3600, t1, c1, &err), 0);
	assert_int_equal(jx_session_open(f->st, "张三", 3600, t2, c2, &err), 0);
	assert_true(is_hex64(t1));
	assert_true(is_hex64(c1));
	assert_true(is_hex64(t2));
	assert_true(is_hex64(c2));
	assert_string_not_equal(t1, t2);
	assert_string_not_equal(c1, c2);
	assert_string_not_equal(t1, c1);
	/* each session answers with its own CSRF token */
	assert_int_equal(jx_session_check(f->st, t1, &who, got, &err), 0);
	assert_string_equal(got, c1);
	assert_int_equal(jx_session_check(f->st, t2, &who, got, &err), 0);
	assert_string_equal(got, c2);
	/* closing one leaves the other */
	assert_int_equal(jx_session_close(f->st, t1, &err), 0);
	assert_int_equal(jx_session_check(f->st, t2, &who, got, &err), 0);
}

/* True if the file at path holds s anywhere (a missing file holds nothing). */
static bool file_holds(const char *path, const char *s)
{
	FILE *fp = fopen(path, "rb");
	size_t len;
	char *text;
	bool found;

	if (!fp)
		return false;
	fclose(fp);
	text = read_file(path, &len);
	found = memmem(text, len, s, strlen(s)) != NULL;
	free(text);
	return found;
}

static void test_store_keeps_only_the_token_hash(void **state)
{
	struct fixture *f = *state;
	char token[JX_TOKEN_HEX], csrf[JX_TOKEN_HEX], hash[JX_TOKEN_HEX], wal[300];
	unsigned char digest[crypto_hash_sha256_BYTES];
	struct jx_err err = { 0 };

	add(f, "张三", JX_ROLE_UNIT, "博湖县教育局");
	assert_int_equal(jx_session_open(f->st, "张三", 3600, token, csrf, &err), 0);
	crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(hash, sizeof(hash), digest, sizeof(digest));
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM session WHERE token = $1", hash), 1);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM session WHERE token = $1 OR csrf = $1 OR account = $1"
					     " OR expires = $1", token), 0);
	/* and the password only as its argon2id hash */
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM account WHERE hash LIKE '$argon2id$%'", NULL), 1);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM account WHERE hash LIKE '%' || $1 || '%'", PASSWORD), 0);
	if (test_on_pg())
		return; /* the server's files are its own */
	/* nor anywhere in the files, the write-ahead log included */
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_true(file_holds(f->path, hash) || file_holds(wal, hash)); /* the scan does find what is there */
	assert_false(file_holds(f->path, token));
	assert_false(file_holds(wal, token));
	assert_false(file_holds(f->path, PASSWORD));
	assert_false(file_holds(wal, PASSWORD));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test_setup_teardown(test_add_and_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_passwords, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weak_passwords, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_role_needs_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwd_keeps_the_rest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disable_kills_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwd_ends_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookalike_names_and_long_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_department_account_and_what_it_oversees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_of_unknown_account, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_expires, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_across_midnight_and_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_opening_purges_expired_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_keeps_only_the_token_hash, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
