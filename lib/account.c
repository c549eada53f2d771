/*
 * account.c — accounts, argon2id passwords and sessions, over the store. See account.h.
 */
#define _DEFAULT_SOURCE /* timegm */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <utf8proc.h>

#include "jixiao/alloc.h"
#include "jixiao/account.h"
#include "jixiao/asset.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/unit.h"

static const char *const role_names[JX_ROLE_COUNT] = { "admin", "finance", "unit", "department" };
static const char *const role_labels[JX_ROLE_COUNT] = { "管理员", "财政", "单位", "主管部门" };

const char *jx_role_name(enum jx_role r)
{
	return role_names[r];
}

const char *jx_role_label(enum jx_role r)
{
	return role_labels[r];
}

int jx_role_from_name(const char *s, enum jx_role *out)
{
	int i;

	for (i = 0; i < JX_ROLE_COUNT; i++)
		if (s && strcmp(s, role_names[i]) == 0) {
			*out = (enum jx_role)i;
			return 0;
		}
	return -1;
}

bool jx_role_has_unit(enum jx_role r)
{
	return r == JX_ROLE_UNIT || r == JX_ROLE_DEPARTMENT;
}

static void init_sodium(void)
{
	if (sodium_init() < 0)
		abort(); /* libsodium cannot work on this machine at all */
}

/* A name: 1–64 bytes of letters, digits, _ . - or non-ASCII characters that are not controls. */
static int check_name(const char *name, struct jx_err *err)
{
	size_t n = name ? strlen(name) : 0, i;
	struct jx_buf folded = JX_BUF_INIT;
	bool same;

	if (n == 0 || n > JX_NAME_MAX || !jx_utf8_valid(name, n) || jx_text_has_control(name, false))
		goto bad;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c < 0x80 && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    c != '_' && c != '.' && c != '-')
			goto bad;
	}
	/* beyond ASCII: letters and digits only (no spaces, zero-width or format characters), and in NFKC form,
	 * so that no two accounts look alike (ａｄｍｉｎ is not a second admin) */
	for (i = 0; i < n;) {
		int32_t cp;
		size_t len = jx_utf8_decode(name + i, n - i, &cp);
		utf8proc_category_t cat = utf8proc_category(cp);

		if (!len)
			goto bad;
		if (cp >= 0x80 && !(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) &&
		    !(cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
			goto bad;
		i += len;
	}
	jx_text_nfkc(&folded, name, n);
	same = folded.len == n && memcmp(folded.ptr, name, n) == 0;
	jx_buf_release(&folded);
	if (!same)
		goto bad;
	return 0;
bad:
	return jx_err_set(err, JX_EINPUT, "账户名应为 1–%d 字节的字母、数字、汉字或 _ . -", JX_NAME_MAX);
}

/* The characters (code points) of valid UTF-8 s[0..n). */
static size_t chars(const char *s, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

/* True if s (n bytes) is a line of the list of common passwords, letter case aside. */
static bool common_password(const char *s, size_t n)
{
	const char *line = (const char *)jx_assets_passwords[0].data, *end = line + jx_assets_passwords[0].len, *nl;

	for (; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			nl = end;
		if ((size_t)(nl - line) == n && *line != '#' && strncasecmp(line, s, n) == 0)
			return true;
	}
	return false;
}

/* True if needle occurs in hay, ASCII letter case aside (a CJK name as written). */
static bool contains_folded(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* True if every character of s is the first one (aaaaaaaa, 中中中中中中中中). */
static bool one_repeated(const char *s, size_t n)
{
	size_t first = 1, i;

	while (first < n && ((unsigned char)s[first] & 0xC0) == 0x80)
		first++;
	for (i = first; i < n; i += first)
		if (n - i < first || memcmp(s + i, s, first) != 0)
			return false;
	return true;
}

static bool only_space(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n\v\f", *s))
			return strncmp(s, "\xe3\x80\x80", 3) == 0 ? only_space(s + 3) : false; /* U+3000 too */
	return true;
}

int jx_password_check(const char *name, const char *password, struct jx_err *err)
{
	size_t n = password ? strlen(password) : 0;

	if (!password || !jx_utf8_valid(password, n) || chars(password, n) < JX_PASSWORD_MIN)
		return jx_err_set(err, JX_EINPUT, "密码至少应有 %d 个字符", JX_PASSWORD_MIN);
	if (only_space(password))
		return jx_err_set(err, JX_EINPUT, "密码不能只有空白字符");
	if (one_repeated(password, n))
		return jx_err_set(err, JX_EINPUT, "密码不能是同一个字符的重复");
	/* a name of one or two characters would rule out too much as a part: only as the whole */
	if (name && *name &&
	    (chars(name, strlen(name)) >= 3 ? contains_folded(password, name) : strcasecmp(password, name) == 0))
		return jx_err_set(err, JX_EINPUT, "密码不能包含账户名");
	if (common_password(password, n))
		return jx_err_set(err, JX_EINPUT, "这个密码太常见，容易被猜中，请换一个");
	return 0;
}

static int hash_password(const char *name, const char *password, char hash[crypto_pwhash_STRBYTES],
			 struct jx_err *err)
{
	size_t n = password ? strlen(password) : 0;

	init_sodium();
	if (jx_password_check(name, password, err))
		return -1;
	if (crypto_pwhash_str(hash, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return jx_err_set(err, JX_EIO, "计算密码哈希时内存不足");
	return 0;
}

/* ---- loading ---- */

struct loaded {
	struct jx_account *a;
	char hash[crypto_pwhash_STRBYTES];
};

static int take(void *ctx, const struct jx_account_row *r, struct jx_err *err)
{
	struct loaded *l = ctx;

	(void)err;
	snprintf(l->a->name, sizeof(l->a->name), "%s", r->name);
	if (jx_role_from_name(r->role, &l->a->role))
		return jx_err_set(err, JX_ESTORE, "账户“%s”的角色“%s”无效", r->name, r->role);
	snprintf(l->a->unit, sizeof(l->a->unit), "%s", r->unit ? r->unit : "");
	l->a->oversees = NULL;
	l->a->n_oversees = 0;
	l->a->disabled = r->disabled;
	snprintf(l->a->last_login, sizeof(l->a->last_login), "%s", r->last_login ? r->last_login : "");
	snprintf(l->hash, sizeof(l->hash), "%s", r->hash);
	return 0;
}

static int load(struct jx_store *st, const char *name, struct loaded *l, struct jx_err *err)
{
	return jx_store_accounts(st, name, take, l, err);
}

int jx_account_get(struct jx_store *st, const char *name, struct jx_account *out, struct jx_err *err)
{
	struct loaded l = { out, "" };

	return load(st, name, &l, err);
}

void jx_account_release(struct jx_account *a)
{
	size_t i;

	for (i = 0; i < a->n_oversees; i++)
		free(a->oversees[i]);
	free(a->oversees);
	a->oversees = NULL;
	a->n_oversees = 0;
}

static int overseen(void *ctx, const struct jx_unit_row *u, struct jx_err *err)
{
	struct jx_account *a = ctx;

	(void)err;
	a->oversees = jx_realloc(a->oversees, (a->n_oversees + 1) * sizeof(*a->oversees));
	a->oversees[a->n_oversees++] = jx_strdup(u->name);
	return 0;
}

int jx_account_oversee(struct jx_store *st, struct jx_account *a, struct jx_err *err)
{
	jx_account_release(a);
	if (a->role != JX_ROLE_DEPARTMENT)
		return 0;
	if (jx_store_units_under(st, a->unit, overseen, a, err)) {
		jx_account_release(a);
		return -1;
	}
	return 0;
}

struct each {
	int (*fn)(void *ctx, const struct jx_account *a);
	void *ctx;
};

static int each_one(void *ctx, const struct jx_account_row *r, struct jx_err *err)
{
	struct each *e = ctx;
	struct jx_account a;
	struct loaded l = { &a, "" };

	return take(&l, r, err) || e->fn(e->ctx, &a) ? -1 : 0;
}

int jx_account_each(struct jx_store *st, int (*fn)(void *ctx, const struct jx_account *a), void *ctx,
		    struct jx_err *err)
{
	struct each e = { fn, ctx };

	return jx_store_accounts(st, NULL, each_one, &e, err);
}

/* ---- changing ---- */

static int put(struct jx_store *st, const struct jx_account *a, const char *hash, const char *created,
	       struct jx_err *err)
{
	struct jx_account_row r = { a->name, role_names[a->role], jx_role_has_unit(a->role) ? a->unit : NULL, hash,
				    a->disabled, created, NULL };

	return jx_store_account_put(st, &r, err);
}

int jx_account_add(struct jx_store *st, const char *name, enum jx_role role, const char *unit, const char *password,
		   struct jx_err *err)
{
	struct jx_account a = { .role = role }, old;
	char hash[crypto_pwhash_STRBYTES], now[JX_TIME_MAX];
	struct jx_err probe = { 0 };
	int rc;

	if (check_name(name, err))
		return -1;
	if (role == JX_ROLE_UNIT && (!unit || !*unit || !jx_utf8_valid(unit, strlen(unit)) || jx_text_has_control(unit, false)))
		return jx_err_set(err, JX_EINPUT, "单位账户需要指定预算单位（--unit）");
	if (role == JX_ROLE_DEPARTMENT && (!unit || !*unit))
		return jx_err_set(err, JX_EINPUT, "主管部门账户需要指定所属的主管部门（--unit，单位库中的预算单位）");
	if (unit && strlen(unit) >= sizeof(a.unit))
		return jx_err_set(err, JX_EINPUT, "预算单位名称过长（最多 %zu 字节）", sizeof(a.unit) - 1);
	if (!jx_role_has_unit(role) && unit && *unit)
		return jx_err_set(err, JX_EINPUT, "只有单位账户属于预算单位（主管部门账户属于它的主管部门）");
	if (hash_password(name, password, hash, err))
		return -1;
	snprintf(a.name, sizeof(a.name), "%s", name);
	snprintf(a.unit, sizeof(a.unit), "%s", unit ? unit : "");
	if (jx_store_begin(st, err))
		return -1;
	rc = jx_account_get(st, name, &old, &probe);
	if (rc == 0)
		rc = jx_err_set(err, JX_ECONFLICT, "账户“%s”已经存在", name);
	else if (probe.code != JX_ENOTFOUND)
		rc = jx_err_set(err, probe.code, "%s", probe.msg);
	else if (role == JX_ROLE_DEPARTMENT && jx_unit_require(st, unit, err))
		rc = -1; /* its reach is the registry's: the units whose 主管部门 it names */
	else
		rc = put(st, &a, hash, jx_now(now), err);
	return jx_store_end(st, rc, err);
}

/* Loads name and stores it again with hash (NULL: the same) and disabled (-1: the same). A disabled
 * account's sessions stop working at once: jx_session_check() refuses them. */
static int update(struct jx_store *st, const char *name, const char *hash, int disabled, struct jx_err *err)
{
	struct jx_account a;
	struct loaded l = { &a, "" };
	int rc;

	if (jx_store_begin(st, err))
		return -1;
	rc = load(st, name, &l, err);
	if (!rc) {
		if (disabled >= 0)
			a.disabled = disabled;
		rc = put(st, &a, hash ? hash : l.hash, "", err);
	}
	return jx_store_end(st, rc, err);
}

int jx_account_passwd(struct jx_store *st, const char *name, const char *password, struct jx_err *err)
{
	char hash[crypto_pwhash_STRBYTES];

	/* a new password ends every session the old one opened */
	return hash_password(name, password, hash, err) || update(st, name, hash, -1, err) ||
			       jx_store_session_delete(st, NULL, name, NULL, err)
		       ? -1
		       : 0;
}

int jx_account_disable(struct jx_store *st, const char *name, bool disabled, struct jx_err *err)
{
	/* disabling ends the account's sessions for good: enabling it again does not bring them back */
	return update(st, name, NULL, disabled, err) || (disabled && jx_store_session_delete(st, NULL, name, NULL, err))
		       ? -1
		       : 0;
}

int jx_account_set_unit(struct jx_store *st, const char *name, const char *unit, struct jx_err *err)
{
	struct jx_account a;
	struct loaded l = { &a, "" };
	int rc;

	if (jx_store_begin(st, err))
		return -1;
	rc = load(st, name, &l, err);
	if (!rc && !jx_role_has_unit(a.role))
		rc = jx_err_set(err, JX_EUSAGE, "“%s”不是单位账户，不属于预算单位", name);
	if (!rc && strlen(unit ? unit : "") >= sizeof(a.unit))
		rc = jx_err_set(err, JX_EINPUT, "预算单位名称过长（最多 %zu 字节）", sizeof(a.unit) - 1);
	rc = rc || jx_unit_require(st, unit, err);
	if (!rc) {
		snprintf(a.unit, sizeof(a.unit), "%s", unit);
		rc = put(st, &a, l.hash, "", err);
	}
	return jx_store_end(st, rc, err);
}

int jx_account_seen(struct jx_store *st, const char *name, struct jx_err *err)
{
	char now[JX_TIME_MAX];

	return jx_store_account_seen(st, name, jx_now(now), err);
}

/* ---- logging in ---- */

/* A hash of a password nobody has, verified when the account is unknown, so that an unknown name takes
 * as long as a wrong password. Made once, on first use, from any thread. */
static char decoy[crypto_pwhash_STRBYTES];
static pthread_once_t decoy_once = PTHREAD_ONCE_INIT;

static void make_decoy(void)
{
	unsigned char secret[16];

	randombytes_buf(secret, sizeof(secret));
	if (crypto_pwhash_str(decoy, (const char *)secret, sizeof(secret), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		decoy[0] = '\0';
}

int jx_account_verify(struct jx_store *st, const char *name, const char *password, struct jx_account *out,
		      struct jx_err *err)
{
	struct loaded l = { out, "" };
	struct jx_err probe = { 0 };
	bool known;

	init_sodium();
	pthread_once(&decoy_once, make_decoy);
	if (!decoy[0])
		return jx_err_set(err, JX_EIO, "计算密码哈希时内存不足");
	known = name && load(st, name, &l, &probe) == 0;
	if (!known && probe.code != JX_ENOTFOUND && probe.code != JX_OK && name)
		return jx_err_set(err, probe.code, "%s", probe.msg);
	if (crypto_pwhash_str_verify(known ? l.hash : decoy, password ? password : "", password ? strlen(password) : 0) ||
	    !known || out->disabled)
		return jx_err_set(err, JX_EAUTH, "用户名或密码错误");
	return 0;
}

/* ---- sessions ---- */

static void random_hex(char *hex)
{
	unsigned char bytes[32];

	randombytes_buf(bytes, sizeof(bytes));
	sodium_bin2hex(hex, JX_TOKEN_HEX, bytes, sizeof(bytes));
}

static void token_hash(const char *token, char *hex)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(hex, JX_TOKEN_HEX, digest, sizeof(digest));
}

/* The time secs from now, in the store's form. */
static void after(long secs, char *out)
{
	char now[JX_TIME_MAX];
	struct tm tm = { 0 };
	time_t t;

	jx_now(now);
	if (!strptime(now, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		snprintf(out, JX_TIME_MAX, "%s", now);
		return;
	}
	t = timegm(&tm) + secs;
	gmtime_r(&t, &tm);
	strftime(out, JX_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int jx_account_change_password(struct jx_store *st, const char *name, const char *old, const char *password,
			       struct jx_err *err)
{
	struct jx_account a;
	struct jx_err probe = { 0 };

	if (jx_account_verify(st, name, old, &a, &probe))
		return probe.code == JX_EAUTH ? jx_err_set(err, JX_EINPUT, "原密码不正确")
					      : jx_err_set(err, probe.code, "%s", probe.msg);
	if (old && password && strcmp(old, password) == 0)
		return jx_err_set(err, JX_EINPUT, "新密码不能与原密码相同");
	return jx_account_passwd(st, name, password, err);
}

int jx_session_open(struct jx_store *st, const char *name, long ttl, char *token, char *csrf, struct jx_err *err)
{
	struct jx_session_row r = { 0 };
	char hash[JX_TOKEN_HEX], expires[JX_TIME_MAX], now[JX_TIME_MAX];

	init_sodium();
	random_hex(token);
	random_hex(csrf);
	token_hash(token, hash);
	after(ttl, expires);
	r.token = hash;
	r.account = name;
	r.csrf = csrf;
	r.expires = expires;
	return jx_store_session_put(st, &r, err) || jx_store_session_delete(st, NULL, NULL, jx_now(now), err) ? -1 : 0;
}

int jx_session_check(struct jx_store *st, const char *token, struct jx_account *who, char *csrf, struct jx_err *err)
{
	struct jx_session_row r;
	struct jx_err probe = { 0 };
	char hash[JX_TOKEN_HEX], now[JX_TIME_MAX];

	init_sodium();
	if (!token || strlen(token) != JX_TOKEN_HEX - 1)
		return jx_err_set(err, JX_EAUTH, "请先登录");
	token_hash(token, hash);
	if (jx_store_session_get(st, hash, jx_now(now), &r, &probe)) {
		if (probe.code == JX_ENOTFOUND)
			return jx_err_set(err, JX_EAUTH, "登录已过期，请重新登录");
		return jx_err_set(err, probe.code, "%s", probe.msg);
	}
	if (jx_account_get(st, r.account, who, err))
		return -1;
	if (who->disabled)
		return jx_err_set(err, JX_EAUTH, "账户已停用");
	if (jx_account_oversee(st, who, err))
		return -1;
	snprintf(csrf, JX_TOKEN_HEX, "%s", r.csrf);
	return 0;
}

int jx_session_close(struct jx_store *st, const char *token, struct jx_err *err)
{
	char hash[JX_TOKEN_HEX];

	init_sodium();
	if (!token)
		return 0;
	token_hash(token, hash);
	return jx_store_session_delete(st, hash, NULL, NULL, err);
}
