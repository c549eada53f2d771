/*
 * unit.c — the registry of budget units (单位库): adding, importing from CSV, renaming everywhere, and
 * registering what tables name. See unit.h.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/clock.h"
#include "jixiao/err.h"
#include "jixiao/history.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/unit.h"

/* ---- checks ---- */

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool space_at(const char *s, size_t n)
{
	return (n >= 1 && strchr(" \t\r\n", s[0])) || (n >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0);
}

static bool space_before(const char *s, size_t n)
{
	return (n >= 1 && strchr(" \t\r\n", s[n - 1])) || (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0);
}

int jx_unit_check_name(const char *name, const char *what, struct jx_err *err)
{
	size_t n = name ? strlen(name) : 0;

	if (!n)
		return jx_err_set(err, JX_EINPUT, "%s不能为空", what);
	if (!jx_utf8_valid(name, n) || jx_text_has_control(name, false))
		return jx_err_set(err, JX_EINPUT, "%s应为不含控制字符的 UTF-8 文字", what);
	if (space_at(name, n) || space_before(name, n))
		return jx_err_set(err, JX_EINPUT, "%s“%s”的首尾不应有空白", what, name);
	if (chars(name) > JX_UNIT_NAME_MAX)
		return jx_err_set(err, JX_EINPUT, "%s过长（%zu 个字符，最多 %d 个）", what, chars(name), JX_UNIT_NAME_MAX);
	return 0;
}

static int check_code(const char *code, const char *what, struct jx_err *err)
{
	size_t n = strlen(code), i;

	for (i = 0; i < n; i++) {
		char c = code[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' ||
		      c == '_'))
			break;
	}
	if (i < n || n > JX_UNIT_CODE_MAX)
		return jx_err_set(err, JX_EINPUT, "%s应为 1–%d 个字母、数字或 - . _", what, JX_UNIT_CODE_MAX);
	return 0;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* ---- the registry as loaded ---- */

struct known {
	char **name, **code, **parent;
	size_t n, cap;
};

static int note(void *ctx, const struct jx_unit_row *u, struct jx_err *err)
{
	struct known *k = ctx;
	size_t c = k->cap;

	(void)err;
	jx_grow(&k->name, sizeof(*k->name), k->n + 1, &c);
	c = k->cap;
	jx_grow(&k->code, sizeof(*k->code), k->n + 1, &c);
	jx_grow(&k->parent, sizeof(*k->parent), k->n + 1, &k->cap);
	k->name[k->n] = jx_strdup(u->name);
	k->code[k->n] = u->code ? jx_strdup(u->code) : NULL;
	k->parent[k->n] = u->parent ? jx_strdup(u->parent) : NULL;
	k->n++;
	return 0;
}

static void known_free(struct known *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->name[i]);
		free(k->code[i]);
		free(k->parent[i]);
	}
	free(k->name);
	free(k->code);
	free(k->parent);
}

/* The index of the unit called name (code: of that code) among k's, or -1. */
static long find(const struct known *k, const char *name, const char *code)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (name ? strcmp(k->name[i], name) == 0 : (k->code[i] && strcmp(k->code[i], code) == 0))
			return (long)i;
	return -1;
}

static int nothing(void *ctx, const struct jx_unit_row *u, struct jx_err *err)
{
	(void)ctx, (void)u, (void)err;
	return 0;
}

/* 1 if name is registered, 0 if not, -1 if the store failed. */
static int registered(struct jx_store *st, const char *name, struct jx_err *err)
{
	struct jx_err probe = { 0 };

	if (jx_store_units(st, name, nothing, NULL, &probe) == 0)
		return 1;
	if (probe.code == JX_ENOTFOUND)
		return 0;
	jx_err_set(err, probe.code, "%s", probe.msg);
	return -1;
}

int jx_unit_require(struct jx_store *st, const char *name, struct jx_err *err)
{
	int rc = registered(st, name ? name : "", err);

	if (rc < 0)
		return -1;
	if (!rc)
		return jx_err_set(err, JX_EINPUT, "预算单位“%s”不在单位库中：请选择单位库中的预算单位，或请管理员先登记该单位",
				  name ? name : "");
	return 0;
}

/* ---- adding ---- */

static int add_checked(struct jx_store *st, const struct known *k, const char *name, const char *code,
		       const char *parent, struct jx_err *err)
{
	char now[JX_TIME_MAX];
	struct jx_unit_row u = { 0, or_null(code), name, or_null(parent), jx_now(now) };
	long other;

	if (find(k, name, NULL) >= 0)
		return jx_err_set(err, JX_ECONFLICT, "单位库中已有预算单位“%s”", name);
	if (u.code && (other = find(k, NULL, u.code)) >= 0)
		return jx_err_set(err, JX_ECONFLICT, "单位代码 %s 已属于“%s”", u.code, k->name[other]);
	if (u.parent && strcmp(u.parent, name) == 0)
		return jx_err_set(err, JX_EINPUT, "预算单位不能是自己的主管部门");
	if (u.parent && find(k, u.parent, NULL) < 0)
		return jx_err_set(err, JX_EINPUT, "主管部门“%s”不在单位库中：请先登记主管部门", u.parent);
	return jx_store_unit_add(st, &u, err);
}

int jx_unit_add(struct jx_store *st, const char *name, const char *code, const char *parent, struct jx_err *err)
{
	struct known k = { 0 };
	int rc;

	if (jx_unit_check_name(name, "预算单位名称", err) || (or_null(code) && check_code(code, "单位代码", err)) ||
	    (or_null(parent) && jx_unit_check_name(parent, "主管部门名称", err)))
		return -1;
	if (jx_store_begin(st, err))
		return -1;
	rc = jx_store_units(st, NULL, note, &k, err);
	rc = rc || add_checked(st, &k, name, code, parent, err);
	known_free(&k);
	return jx_store_end(st, rc, err);
}

int jx_unit_each(struct jx_store *st, int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx,
		 struct jx_err *err)
{
	return jx_store_units(st, NULL, fn, ctx, err);
}

/* ---- CSV ---- */

/* A CSV row: its cells (owned) and the line it begins on. */
struct row {
	char **cell;
	size_t n, cap;
	size_t line;
};

struct csv {
	const char *s, *end;
	size_t line;
};

static void row_free(struct row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->cell[i]);
	free(r->cell);
	memset(r, 0, sizeof(*r));
}

/* Reads the next row (RFC 4180: quoted cells may hold commas, quotes doubled and line breaks). 1 if one
 * was read, 0 at the end, -1 on a quote left open or stray. */
static int next_row(struct csv *c, struct row *r, const char *source, struct jx_err *err)
{
	struct jx_buf cell = JX_BUF_INIT;
	bool quoted = false, was_quoted = false;

	memset(r, 0, sizeof(*r));
	if (c->s >= c->end)
		return 0;
	r->line = c->line;
	for (;;) {
		char ch = c->s < c->end ? *c->s : '\n';
		bool at_end = c->s >= c->end;

		if (quoted) {
			if (at_end) {
				size_t line = r->line, col = r->n + 1;

				jx_buf_release(&cell);
				row_free(r);
				return jx_err_set(err, JX_EINPUT, "%s:%zu: 第%zu列: 引号没有结束", source, line, col);
			}
			c->s++;
			if (ch == '"' && c->s < c->end && *c->s == '"') {
				jx_buf_addc(&cell, '"', NULL);
				c->s++;
			} else if (ch == '"') {
				quoted = false;
			} else {
				c->line += ch == '\n';
				jx_buf_addc(&cell, ch, NULL);
			}
			continue;
		}
		if (ch == '"' && !was_quoted && cell.len == 0) {
			quoted = was_quoted = true;
			c->s++;
			continue;
		}
		if (ch == ',' || ch == '\n' || (ch == '\r' && c->s + 1 < c->end && c->s[1] == '\n') ||
		    (ch == '\r' && c->s + 1 >= c->end)) {
			jx_grow(&r->cell, sizeof(*r->cell), r->n + 1, &r->cap);
			r->cell[r->n++] = jx_strndup(cell.len ? cell.ptr : "", cell.len);
			jx_buf_reset(&cell);
			was_quoted = false;
			if (!at_end)
				c->s += ch == '\r' ? 2 : 1;
			if (ch == ',')
				continue;
			c->line++;
			break;
		}
		if (was_quoted) {
			size_t line = r->line, col = r->n + 1;

			jx_buf_release(&cell);
			row_free(r);
			return jx_err_set(err, JX_EINPUT, "%s:%zu: 第%zu列: 引号后应紧接逗号或行尾", source, line, col);
		}
		jx_buf_addc(&cell, ch, NULL);
		c->s++;
	}
	jx_buf_release(&cell);
	return 1;
}

enum { COL_CODE, COL_NAME, COL_PARENT, N_COLS };

/* The columns of the header row: col[COL_*] the place of each (-1 if absent). */
static int header(const struct row *h, const char *source, int col[N_COLS], struct jx_err *err)
{
	static const char *const names[N_COLS][2] = { { "code", "代码" }, { "name", "名称" }, { "parent", "主管部门" } };
	size_t i;
	int k;

	col[COL_CODE] = col[COL_NAME] = col[COL_PARENT] = -1;
	for (i = 0; i < h->n; i++) {
		const char *cell = h->cell[i];

		if (i == 0 && strncmp(cell, "\xef\xbb\xbf", 3) == 0)
			cell += 3;
		for (k = 0; k < N_COLS && strcmp(cell, names[k][0]) != 0 && strcmp(cell, names[k][1]) != 0; k++)
			;
		if (k == N_COLS)
			return jx_err_set(err, JX_EINPUT, "%s:%zu: 第%zu列: 列名应为 code、name 或 parent（代码、名称、主管部门），而不是“%s”",
					  source, h->line, i + 1, cell);
		if (col[k] >= 0)
			return jx_err_set(err, JX_EINPUT, "%s:%zu: 第%zu列: 列“%s”重复", source, h->line, i + 1, cell);
		col[k] = (int)i;
	}
	if (col[COL_NAME] < 0)
		return jx_err_set(err, JX_EINPUT, "%s:%zu: 首行应为列名 code,name,parent（至少要有 name 列）", source, h->line);
	return 0;
}

static bool blank_row(const struct row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (*r->cell[i])
			return false;
	return true;
}

/* The file's units, read and checked against each other and the registry k. */
struct incoming {
	struct known u;   /* name, code, parent of each row */
	size_t *line;     /* the line of each */
	size_t cap_line;
	int col[N_COLS];
	size_t width;     /* the header's columns */
};

static const char *cell_of(const struct row *r, int col)
{
	return col >= 0 && (size_t)col < r->n ? r->cell[col] : "";
}

static int take_row(struct incoming *in, const struct row *r, const char *source, struct jx_err *err)
{
	const char *name = cell_of(r, in->col[COL_NAME]), *code = cell_of(r, in->col[COL_CODE]),
		   *parent = cell_of(r, in->col[COL_PARENT]);
	char what[64];
	struct jx_unit_row u = { 0, or_null(code), name, or_null(parent), "" };
	size_t n = in->u.n, i;

	for (i = in->width; i < r->n; i++)
		if (*r->cell[i])
			return jx_err_set(err, JX_EINPUT, "%s:%zu: 第%zu列: 多出的单元格“%s”（首行只有 %zu 列）", source, r->line,
					  i + 1, r->cell[i], in->width);
	snprintf(what, sizeof(what), "第%d列（name）: 预算单位名称", in->col[COL_NAME] + 1);
	if (jx_unit_check_name(name, what, err))
		return jx_err_prefix(err, "%s:%zu", source, r->line);
	if (u.code) {
		snprintf(what, sizeof(what), "第%d列（code）: 单位代码", in->col[COL_CODE] + 1);
		if (check_code(code, what, err))
			return jx_err_prefix(err, "%s:%zu", source, r->line);
	}
	if (u.parent) {
		snprintf(what, sizeof(what), "第%d列（parent）: 主管部门", in->col[COL_PARENT] + 1);
		if (jx_unit_check_name(parent, what, err))
			return jx_err_prefix(err, "%s:%zu", source, r->line);
	}
	note(&in->u, &u, NULL);
	jx_grow(&in->line, sizeof(*in->line), n + 1, &in->cap_line);
	in->line[n] = r->line;
	return 0;
}

/* Reads every row of the file into in. */
static int read_rows(struct incoming *in, const char *source, const char *text, size_t len, struct jx_err *err)
{
	struct csv c = { text, text + len, 1 };
	struct row r;
	bool first = true;
	int got;

	if (!jx_utf8_valid(text, len) || memchr(text, '\0', len))
		return jx_err_set(err, JX_EINPUT, "%s: 应为 UTF-8 编码的 CSV 文本", source);
	while ((got = next_row(&c, &r, source, err)) > 0) {
		int rc = 0;

		if (first) {
			rc = header(&r, source, in->col, err);
			in->width = r.n;
			first = false;
		} else if (!blank_row(&r)) {
			rc = take_row(in, &r, source, err);
		}
		row_free(&r);
		if (rc)
			return -1;
	}
	if (got < 0)
		return -1;
	if (first)
		return jx_err_set(err, JX_EINPUT, "%s: 文件为空，首行应为列名 code,name,parent", source);
	return 0;
}

/* Checks the file's units against each other and the registry k: 1 if unit i is registered already as
 * it is, 0 if it is to be added; -1 on a conflict. */
static int check_one(const struct incoming *in, const struct known *k, size_t i, const char *source,
		     struct jx_err *err)
{
	const char *name = in->u.name[i], *code = in->u.code[i], *parent = in->u.parent[i];
	size_t line = in->line[i], j;
	long at;

	for (j = 0; j < i; j++) {
		if (strcmp(in->u.name[j], name) == 0)
			return jx_err_set(err, JX_EINPUT, "%s:%zu: 预算单位“%s”在第 %zu 行已经出现", source, line, name, in->line[j]);
		if (code && in->u.code[j] && strcmp(in->u.code[j], code) == 0)
			return jx_err_set(err, JX_EINPUT, "%s:%zu: 单位代码 %s 在第 %zu 行已经出现", source, line, code, in->line[j]);
	}
	if (parent && strcmp(parent, name) == 0)
		return jx_err_set(err, JX_EINPUT, "%s:%zu: 预算单位不能是自己的主管部门", source, line);
	if (parent && find(k, parent, NULL) < 0 && find(&in->u, parent, NULL) < 0)
		return jx_err_set(err, JX_EINPUT, "%s:%zu: 主管部门“%s”既不在单位库中，也不在本文件中", source, line, parent);
	at = find(k, name, NULL);
	if (at >= 0) {
		bool same = (code ? k->code[at] && strcmp(k->code[at], code) == 0 : !k->code[at]) &&
			    (parent ? k->parent[at] && strcmp(k->parent[at], parent) == 0 : !k->parent[at]);

		if (!same)
			return jx_err_set(err, JX_EINPUT, "%s:%zu: 单位库中已有预算单位“%s”，其代码或主管部门与本行不同", source,
					  line, name);
		return 1;
	}
	if (code && (at = find(k, NULL, code)) >= 0)
		return jx_err_set(err, JX_EINPUT, "%s:%zu: 单位代码 %s 已属于单位库中的“%s”", source, line, code, k->name[at]);
	return 0;
}

static int import_rows(struct jx_store *st, const struct incoming *in, const char *source, size_t *added, size_t *same,
		       struct jx_err *err)
{
	struct known k = { 0 };
	char now[JX_TIME_MAX];
	size_t i;
	int rc = jx_store_units(st, NULL, note, &k, err);

	jx_now(now);
	for (i = 0; !rc && i < in->u.n; i++) {
		struct jx_unit_row u = { 0, in->u.code[i], in->u.name[i], in->u.parent[i], now };
		int got = check_one(in, &k, i, source, err);

		if (got < 0)
			rc = -1;
		else if (got > 0)
			(*same)++;
		else if (!(rc = jx_store_unit_add(st, &u, err)))
			(*added)++;
	}
	known_free(&k);
	return rc;
}

int jx_unit_import(struct jx_store *st, const char *source, const char *text, size_t len, size_t *added, size_t *same,
		   struct jx_err *err)
{
	struct incoming in = { 0 };
	size_t n_added = 0, n_same = 0;
	int rc = read_rows(&in, source, text, len, err);

	if (!rc && !(rc = jx_store_begin(st, err)))
		rc = jx_store_end(st, import_rows(st, &in, source, &n_added, &n_same, err), err);
	known_free(&in.u);
	free(in.line);
	if (rc)
		return -1;
	if (added)
		*added = n_added;
	if (same)
		*same = n_same;
	return 0;
}

/* ---- renaming ---- */

struct ids {
	int64_t *id;
	size_t n, cap;
};

static int note_id(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct ids *ids = ctx;

	(void)err;
	jx_grow(&ids->id, sizeof(*ids->id), ids->n + 1, &ids->cap);
	ids->id[ids->n++] = s->id;
	return 0;
}

struct unit_accounts {
	const char *unit;
	size_t n;
};

static int count_account(void *ctx, const struct jx_account_row *a, struct jx_err *err)
{
	struct unit_accounts *c = ctx;

	(void)err;
	if (a->unit && strcmp(a->unit, c->unit) == 0)
		c->n++;
	return 0;
}

/* The history entry of a project renamed with its unit: a change of 预算单位. */
static int log_renamed(struct jx_store *st, int64_t id, const char *from, const char *to, const char *user,
		       struct jx_err *err)
{
	json_t *c = json_pack("{s:s, s:s, s:s}", "field", "unit", "before", from, "after", to);

	return jx_history_add(st, id, user, "change", json_pack("{s:[o]}", "changes", c), err);
}

static int rename_in(struct jx_store *st, const char *from, const char *to, const char *user, struct ids *ids,
		     size_t *accounts, struct jx_err *err)
{
	struct jx_filter f = { .unit = from };
	struct unit_accounts c = { from, 0 };
	size_t i;
	int rc = registered(st, to, err);

	if (rc < 0)
		return -1;
	if (rc)
		return jx_err_set(err, JX_ECONFLICT, "单位库中已有预算单位“%s”：不能改为已有的名称", to);
	if ((rc = registered(st, from, err)) <= 0)
		return rc < 0 ? -1 : jx_err_set(err, JX_ENOTFOUND, "单位库中没有预算单位“%s”", from);
	if (jx_store_list(st, &f, note_id, ids, err) || jx_store_accounts(st, NULL, count_account, &c, err) ||
	    jx_store_unit_rename(st, from, to, err))
		return -1;
	*accounts = c.n;
	for (i = 0; i < ids->n; i++)
		if (log_renamed(st, ids->id[i], from, to, user, err))
			return -1;
	return 0;
}

int jx_unit_rename(struct jx_store *st, const char *from, const char *to, const char *user, size_t *projects,
		   size_t *accounts, struct jx_err *err)
{
	struct ids ids = { 0 };
	size_t n_accounts = 0;
	int rc;

	if (jx_unit_check_name(from, "原预算单位名称", err) || jx_unit_check_name(to, "新预算单位名称", err))
		return -1;
	if (strcmp(from, to) == 0)
		return jx_err_set(err, JX_EINPUT, "新名称与原名称相同");
	if (jx_store_begin(st, err))
		return -1;
	rc = jx_store_end(st, rename_in(st, from, to, user ? user : "unknown", &ids, &n_accounts, err), err);
	free(ids.id);
	if (rc)
		return -1;
	if (projects)
		*projects = ids.n;
	if (accounts)
		*accounts = n_accounts;
	return 0;
}

/* ---- registering what tables name ---- */

struct names {
	char **name;
	size_t n, cap;
};

static int note_name(void *ctx, const char *name, struct jx_err *err)
{
	struct names *ns = ctx;

	(void)err;
	jx_grow(&ns->name, sizeof(*ns->name), ns->n + 1, &ns->cap);
	ns->name[ns->n++] = jx_strdup(name);
	return 0;
}

int jx_unit_register_missing(struct jx_store *st, int (*fn)(void *ctx, const char *name), void *ctx, size_t *n,
			     struct jx_err *err)
{
	struct names ns = { 0 };
	char now[JX_TIME_MAX];
	size_t i;
	int rc = jx_store_units_missing(st, note_name, &ns, err);

	jx_now(now);
	for (i = 0; !rc && i < ns.n; i++) {
		struct jx_unit_row u = { 0, NULL, ns.name[i], NULL, now };

		rc = jx_store_unit_add(st, &u, err) || (fn && fn(ctx, ns.name[i])) ? -1 : 0;
	}
	for (i = 0; i < ns.n; i++)
		free(ns.name[i]);
	free(ns.name);
	if (!rc && n)
		*n = ns.n;
	return rc;
}
