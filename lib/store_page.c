/*
 * store_page.c — a listing a page at a time (store.h, jx_store_page): its orders, its cursors and its
 * query, the same for every backend.
 *
 * The query is written here once, for each backend's dialect, from program text alone: a condition per
 * filter that applies (so that the engine plans for the filters given, and picks the index that
 * serves them), the order with the id last, and either LIMIT/OFFSET (a page number) or a keyset — the
 * rows after the cursor's (sort value, id), a row-value comparison the indexes serve. Every value is a
 * parameter. One more row than the page holds is asked for, to tell whether another page follows. The
 * backend only runs the query and reads its rows (store_impl.h: page).
 *
 * A cursor leaves the store as an opaque token: base64url of "sort~a|d~id~value" and the first 8 bytes
 * of its SHA-256, so that a token altered or cut short is refused rather than read as another place.
 * The checksum is no secret: a token made up by hand only starts a listing the caller may read anyway
 * somewhere else in it, since the filters of who may see what are applied to every page.
 */
#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/text.h"
#include "store_impl.h"

static const char *const sort_names[JX_SORT_COUNT] = {
	[JX_SORT_YEAR] = "year",   [JX_SORT_ID] = "id",       [JX_SORT_NAME] = "name",
	[JX_SORT_UNIT] = "unit",   [JX_SORT_TOTAL] = "total", [JX_SORT_SUBMITTED] = "submitted",
};

/* The column each order sorts by (before the id). */
static const char *const sort_columns[JX_SORT_COUNT] = {
	[JX_SORT_YEAR] = "p.year",   [JX_SORT_ID] = "p.id",       [JX_SORT_NAME] = "p.name",
	[JX_SORT_UNIT] = "p.unit",   [JX_SORT_TOTAL] = "p.total", [JX_SORT_SUBMITTED] = "p.submitted_at",
};

#define CURSOR_CHECK 8          /* bytes of SHA-256 a token carries */
#define CURSOR_MAX (64 * 1024)  /* bytes of a token read at most */

const char *jx_sort_name(enum jx_sort s)
{
	return (unsigned)s < JX_SORT_COUNT ? sort_names[s] : "";
}

int jx_sort_from_name(const char *s, enum jx_sort *out)
{
	int i;

	for (i = 0; s && i < JX_SORT_COUNT; i++)
		if (strcmp(s, sort_names[i]) == 0) {
			*out = (enum jx_sort)i;
			return 0;
		}
	return -1;
}

/* Whether the order's value is a number (else text; the id's order has only the id). */
static bool numeric(enum jx_sort s)
{
	return s == JX_SORT_YEAR || s == JX_SORT_TOTAL;
}

static bool textual(enum jx_sort s)
{
	return s == JX_SORT_NAME || s == JX_SORT_UNIT || s == JX_SORT_SUBMITTED;
}

void jx_cursor_clear(struct jx_cursor *c)
{
	free(c->text);
	c->text = NULL;
}

char *jx_cursor_format(const struct jx_cursor *c)
{
	struct jx_buf b = JX_BUF_INIT;
	unsigned char check[crypto_hash_sha256_BYTES];
	size_t size;
	char *token;

	jx_buf_addf(&b, NULL, "%s~%c~%" PRId64 "~", jx_sort_name(c->sort), c->desc ? 'd' : 'a', c->id);
	if (numeric(c->sort))
		jx_buf_addf(&b, NULL, "%" PRId64, c->num);
	else if (textual(c->sort) && c->text)
		jx_buf_adds(&b, c->text, NULL);
	crypto_hash_sha256(check, (const unsigned char *)b.ptr, b.len);
	jx_buf_add(&b, check, CURSOR_CHECK, NULL);
	size = sodium_base64_ENCODED_LEN(b.len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	token = jx_malloc(size);
	sodium_bin2base64(token, size, (const unsigned char *)b.ptr, b.len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	jx_buf_release(&b);
	return token;
}

/* A whole decimal integer (an optional '-', 1–18 digits) into *v. */
static bool whole_number(const char *s, size_t n, int64_t *v)
{
	size_t i = n && s[0] == '-';

	if (n - i < 1 || n - i > 18)
		return false;
	for (*v = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	if (s[0] == '-')
		*v = -*v;
	return true;
}

/* The fields of a decoded token, bin (n bytes, its checksum checked and cut off), into *c. */
static bool cursor_fields(const char *bin, size_t n, enum jx_sort sort, bool desc, struct jx_cursor *c)
{
	const char *end = bin + n, *f[3], *p = bin;
	int i;

	for (i = 0; i < 3; i++) { /* sort, direction, id: each ended by '~'; the value is the rest */
		f[i] = p;
		p = memchr(p, '~', (size_t)(end - p));
		if (!p)
			return false;
		p++;
	}
	if ((size_t)(f[1] - f[0]) != strlen(jx_sort_name(sort)) + 1 || memcmp(f[0], jx_sort_name(sort), strlen(jx_sort_name(sort))) ||
	    f[2] - f[1] != 2 || f[1][0] != (desc ? 'd' : 'a'))
		return false;
	if (!whole_number(f[2], (size_t)(p - f[2] - 1), &c->id) || c->id <= 0)
		return false;
	c->sort = sort;
	c->desc = desc;
	if (numeric(sort))
		return whole_number(p, (size_t)(end - p), &c->num);
	if (!textual(sort))
		return p == end;
	if (memchr(p, '\0', (size_t)(end - p)) || !jx_utf8_valid(p, (size_t)(end - p)))
		return false;
	c->text = jx_strndup(p, (size_t)(end - p));
	return true;
}

int jx_cursor_parse(const char *s, enum jx_sort sort, bool desc, struct jx_cursor *c, struct jx_err *err)
{
	unsigned char check[crypto_hash_sha256_BYTES];
	size_t len = strlen(s), n = 0;
	unsigned char *bin;
	bool ok;

	memset(c, 0, sizeof(*c));
	if (len == 0 || len > CURSOR_MAX)
		return jx_err_set(err, JX_EINPUT, "cursor 无效：应为上一页答复中的 next");
	bin = jx_malloc(len);
	ok = sodium_base642bin(bin, len, s, len, NULL, &n, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
	     n > CURSOR_CHECK;
	if (ok) {
		n -= CURSOR_CHECK;
		crypto_hash_sha256(check, bin, n);
		ok = sodium_memcmp(check, bin + n, CURSOR_CHECK) == 0 &&
		     cursor_fields((const char *)bin, n, sort, desc, c);
	}
	free(bin);
	if (ok)
		return 0;
	jx_cursor_clear(c);
	return jx_err_set(err, JX_EINPUT, "cursor 无效：应为同一排序（sort=%s%s）的上一页答复中的 next，原样传回",
			  desc ? "-" : "", jx_sort_name(sort));
}

/* ---- the query ---- */

struct writer {
	struct jx_page_sql *s;
	enum jx_dialect d;
	struct jx_buf where; /* the filters' conditions */
};

/* Appends the next parameter, of value text (NULL: num), to b. */
static void param(struct writer *w, struct jx_buf *b, const char *text, int64_t num)
{
	int i = w->s->n++;

	w->s->p[i].text = text;
	w->s->p[i].num = num;
	jx_buf_addf(b, NULL, "%c%d", w->d == JX_DIALECT_PG ? '$' : '?', i + 1);
}

/* Starts the next condition of the filters. */
static void cond(struct writer *w, const char *sql)
{
	jx_buf_adds(&w->where, w->where.len ? " AND " : " WHERE ", NULL);
	jx_buf_adds(&w->where, sql, NULL);
}

/* "%text%", with LIKE's own characters in text escaped by a backslash: the text found as written. */
static char *like_pattern(const char *text)
{
	struct jx_buf b = JX_BUF_INIT;

	jx_buf_addc(&b, '%', NULL);
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			jx_buf_addc(&b, '\\', NULL);
		jx_buf_addc(&b, *text, NULL);
	}
	jx_buf_addc(&b, '%', NULL);
	return jx_buf_detach(&b, NULL);
}

/* The years reviewed at two levels, as a condition on p.year: their numbers, from the review
 * configuration, are written into the text (there may be any number of them), not taken from a caller. */
static void two_level_years(struct writer *w, const struct jx_two_levels *t, bool negate)
{
	size_t i;

	if (!t->n) {
		jx_buf_adds(&w->where, t->base != negate ? "1 = 1" : "1 = 0", NULL);
		return;
	}
	jx_buf_adds(&w->where, t->base != negate ? "p.year NOT IN (" : "p.year IN (", NULL);
	for (i = 0; i < t->n; i++)
		jx_buf_addf(&w->where, NULL, "%s%d", i ? ", " : "", t->years[i]);
	jx_buf_adds(&w->where, ")", NULL);
}

/* A review queue's condition: what awaits the 主管部门 (submitted, in a year of two levels), or what
 * awaits finance (passed by the 主管部门, or submitted in a year of one level; a configuration without
 * a year of two levels asks, as before there were two, for what is submitted). */
static void queue(struct writer *w, const struct jx_page *q)
{
	const struct jx_two_levels *t = &q->two_levels;

	if (q->queue == JX_QUEUE_FINANCE && !t->base && !t->n) {
		cond(w, "p.status = ");
		param(w, &w->where, jx_status_name(JX_SUBMITTED), 0);
		return;
	}
	if (q->queue == JX_QUEUE_DEPT) {
		cond(w, "p.status = ");
		param(w, &w->where, jx_status_name(JX_SUBMITTED), 0);
		jx_buf_adds(&w->where, " AND ", NULL);
		two_level_years(w, t, false);
		return;
	}
	cond(w, "(p.status = ");
	param(w, &w->where, jx_status_name(JX_DEPT_APPROVED), 0);
	jx_buf_adds(&w->where, " OR (p.status = ", NULL);
	param(w, &w->where, jx_status_name(JX_SUBMITTED), 0);
	jx_buf_adds(&w->where, " AND ", NULL);
	two_level_years(w, t, true);
	jx_buf_adds(&w->where, "))", NULL);
}

/* The tables of unit dept and of the units whose 主管部门 it is: one parameter, named twice. */
static void dept_units(struct writer *w, const char *dept)
{
	int i = w->s->n + 1;

	cond(w, "(p.unit = ");
	param(w, &w->where, dept, 0);
	jx_buf_addf(&w->where, NULL, " OR p.unit IN (SELECT u.name FROM unit u WHERE u.parent = %c%d))",
		    w->d == JX_DIALECT_PG ? '$' : '?', i);
}

static void filters(struct writer *w, const struct jx_page *q)
{
	const struct jx_filter *f = &q->f;

	if (f->year) {
		cond(w, "p.year = ");
		param(w, &w->where, NULL, f->year);
	}
	if (f->unit) {
		cond(w, "p.unit = ");
		param(w, &w->where, f->unit, 0);
	}
	if (q->dept)
		dept_units(w, q->dept);
	if (q->queue != JX_QUEUE_NONE)
		queue(w, q);
	else if (f->by_status) {
		cond(w, "p.status = ");
		param(w, &w->where, jx_status_name(f->status), 0);
	}
	if (q->by_kind) {
		cond(w, "p.kind = ");
		param(w, &w->where, jx_kind_name(q->kind), 0);
	}
	if (q->by_key)
		cond(w, q->key ? "p.key" : "NOT p.key");
	if (f->classified_only)
		cond(w, "p.classified");
	if (f->hide_classified || q->published)
		cond(w, "NOT p.classified");
	if (q->published) /* the published ids first (a few of the tables, sparse in every order) */
		cond(w, "p.id IN (SELECT b.project_id FROM published b)");
	if (q->search && *q->search) {
		w->s->pattern = like_pattern(q->search);
		cond(w, w->d == JX_DIALECT_PG ? "p.name ILIKE " : "p.name LIKE ");
		param(w, &w->where, w->s->pattern, 0);
		jx_buf_adds(&w->where, " ESCAPE '\\'", NULL);
	}
}

/* The order, of the table aliased p: the sort column then the id, both ways alike. */
static void order_by(struct jx_buf *b, const struct jx_page *q)
{
	const char *dir = q->desc ? " DESC" : "";

	if (q->sort == JX_SORT_ID)
		jx_buf_addf(b, NULL, " ORDER BY p.id%s", dir);
	else
		jx_buf_addf(b, NULL, " ORDER BY %s%s, p.id%s", sort_columns[q->sort], dir, dir);
}

/* The rows: the page's ids found first — the filters, the keyset, the order and the limit, reading
 * only what they need (an index alone, often) — then their columns. Rows that OFFSET skips are
 * never read whole, nor their indicators counted (which PostgreSQL does for every row it skips). */
static char *rows_sql(struct writer *w, const struct jx_page *q)
{
	struct jx_buf b = JX_BUF_INIT;
	const char *col = sort_columns[q->sort];
	const struct jx_cursor *c = q->after;

	jx_buf_addf(&b, NULL,
		    "SELECT p.id, p.year, p.name, p.unit, p.total, p.status, p.key, p.classified,"
		    " (SELECT count(*) FROM indicator i WHERE i.project_id = p.id), p.kind, p.submitted_at, %s, %s"
		    " FROM (SELECT p.id FROM project p%s",
		    q->published ? "(SELECT max(b.version) FROM published b WHERE b.project_id = p.id)" : "0", col,
		    w->where.ptr);
	if (c) {
		jx_buf_adds(&b, w->where.len ? " AND " : " WHERE ", NULL);
		if (q->sort == JX_SORT_ID) {
			jx_buf_addf(&b, NULL, "p.id %c ", q->desc ? '<' : '>');
		} else {
			jx_buf_addf(&b, NULL, "(%s, p.id) %c (", col, q->desc ? '<' : '>');
			param(w, &b, textual(q->sort) ? c->text : NULL, c->num);
			jx_buf_adds(&b, ", ", NULL);
		}
		param(w, &b, NULL, c->id);
		if (q->sort != JX_SORT_ID)
			jx_buf_addc(&b, ')', NULL);
	}
	order_by(&b, q);
	jx_buf_adds(&b, " LIMIT ", NULL);
	param(w, &b, NULL, (int64_t)q->limit + 1);
	if (q->offset) {
		jx_buf_adds(&b, " OFFSET ", NULL);
		param(w, &b, NULL, (int64_t)q->offset);
	}
	jx_buf_adds(&b, ") page JOIN project p ON p.id = page.id", NULL);
	order_by(&b, q);
	return jx_buf_detach(&b, NULL);
}

static void page_sql(const struct jx_page *q, enum jx_dialect d, struct jx_page_sql *s)
{
	struct writer w = { s, d, JX_BUF_INIT };

	memset(s, 0, sizeof(*s));
	filters(&w, q);
	s->n_count = s->n;
	if (q->count) {
		struct jx_buf b = JX_BUF_INIT;

		jx_buf_addf(&b, NULL, "SELECT count(*) FROM project p%s", w.where.ptr);
		s->count = jx_buf_detach(&b, NULL);
	}
	s->rows = rows_sql(&w, q);
	jx_buf_release(&w.where);
}

static void page_sql_free(struct jx_page_sql *s)
{
	free(s->rows);
	free(s->count);
	free(s->pattern);
}

/* ---- the page ---- */

struct paging {
	const struct jx_page *q;
	int (*fn)(void *ctx, const struct jx_summary *s, struct jx_err *err);
	void *ctx;
	struct jx_page_out *out;
};

/* The place of the row id whose sort value the store gave as key. */
static int take_cursor(const struct jx_page *q, int64_t id, const char *key, struct jx_cursor *c, struct jx_err *err)
{
	c->sort = q->sort;
	c->desc = q->desc;
	c->id = id;
	if (numeric(q->sort) && !(key && whole_number(key, strlen(key), &c->num)))
		return jx_err_set(err, JX_ESTORE, "项目 %" PRId64 " 的%s已损坏", id, q->sort == JX_SORT_YEAR ? "年度" : "资金");
	if (textual(q->sort))
		c->text = jx_strdup(key ? key : "");
	return 0;
}

static int page_row(void *ctx, const struct jx_summary *s, const char *key, struct jx_err *err)
{
	struct paging *g = ctx;
	struct jx_page_out *o = g->out;

	if (o->rows == g->q->limit) { /* the row asked for beyond the page */
		o->more = true;
		return 0;
	}
	if (++o->rows == g->q->limit && take_cursor(g->q, s->id, key, &o->next, err))
		return -1;
	return g->fn(g->ctx, s, err);
}

static int page_checked(const struct jx_page *q, struct jx_err *err)
{
	if (q->limit < 1 || q->limit > JX_PAGE_MAX)
		return jx_err_set(err, JX_EUSAGE, "每页行数应为 1–%d", JX_PAGE_MAX);
	if ((unsigned)q->sort >= JX_SORT_COUNT)
		return jx_err_set(err, JX_EUSAGE, "没有这种排序");
	if (q->after && (q->after->sort != q->sort || q->after->desc != q->desc || q->offset))
		return jx_err_set(err, JX_EUSAGE, "cursor 与排序不符");
	if (q->offset > (size_t)INT64_MAX / 2)
		return jx_err_set(err, JX_EUSAGE, "页码过大");
	return 0;
}

int jx_store_page(struct jx_store *st, const struct jx_page *q,
		  int (*fn)(void *ctx, const struct jx_summary *s, struct jx_err *err), void *ctx,
		  struct jx_page_out *out, struct jx_err *err)
{
	struct paging g = { q, fn, ctx, out };
	struct jx_page_sql s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (page_checked(q, err))
		return -1;
	page_sql(q, st->ops->dialect, &s);
	if (jx_store_begin_read(st, err)) {
		page_sql_free(&s);
		return -1;
	}
	rc = st->ops->page(st, &s, &q->f, page_row, &g, q->count ? &out->total : NULL, err);
	if (rc || !out->more)
		jx_cursor_clear(&out->next);
	if (rc) /* the walk's own outcome (fn's return) is the caller's */
		jx_store_end(st, -1, NULL);
	else
		rc = jx_store_end(st, 0, err);
	page_sql_free(&s);
	return rc;
}
