/*
 * store.c — the store interface: dispatch to the backend, and what all backends share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jixiao/actuals.h"
#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/model.h"
#include "jixiao/text.h"
#include "store_impl.h"

int jx_store_open(struct jx_store **out, const char *location, unsigned flags, struct jx_err *err)
{
	if (!location || !*location)
		return jx_err_set(err, JX_EUSAGE, "没有指定数据库");
	if (jx_store_is_pg(location) && access(location, F_OK) != 0)
		return jx_store_pg_open(out, location, flags, err);
	return jx_store_sqlite_open(out, location, flags, err);
}

void jx_store_close(struct jx_store *st)
{
	if (st)
		st->ops->close(st);
}

bool jx_store_exists(const char *location)
{
	if (location && jx_store_is_pg(location) && access(location, F_OK) != 0)
		return jx_store_pg_exists(location);
	return location && access(location, F_OK) == 0;
}

void jx_store_remove(const char *location)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];
	size_t i;

	if (jx_store_is_pg(location) && access(location, F_OK) != 0) {
		jx_store_pg_remove(location);
		return;
	}
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if ((size_t)snprintf(path, sizeof(path), "%s%s", location, suffixes[i]) < sizeof(path))
			unlink(path);
}

int jx_store_begin(struct jx_store *st, struct jx_err *err)
{
	return st->ops->begin(st, err);
}

int jx_store_begin_read(struct jx_store *st, struct jx_err *err)
{
	return st->ops->begin_read(st, err);
}

int jx_store_end(struct jx_store *st, int rc, struct jx_err *err)
{
	return st->ops->end(st, rc, err);
}

int jx_store_find(struct jx_store *st, int year, enum jx_kind kind, const char *unit, const char *name, int64_t *id,
		  struct jx_err *err)
{
	return st->ops->find(st, year, kind, unit, name, id, err);
}

int jx_store_put(struct jx_store *st, struct jx_project *p, struct jx_err *err)
{
	return st->ops->put(st, p, err);
}

int jx_store_backup(struct jx_store *st, const char *path, struct jx_err *err)
{
	return st->ops->backup(st, path, err);
}

int jx_store_restore(struct jx_store *st, const char *path, struct jx_err *err)
{
	return st->ops->restore(st, path, err);
}

int jx_store_check(struct jx_store *st, int (*fn)(void *ctx, const char *problem, struct jx_err *err), void *ctx,
		   struct jx_err *err)
{
	return st->ops->check(st, fn, ctx, err);
}

void jx_store_bulk(struct jx_store *st, bool on)
{
	st->bulk = on;
}

int jx_store_set_status(struct jx_store *st, int64_t id, enum jx_status status, struct jx_err *err)
{
	return st->ops->set_status(st, id, status, err);
}

int jx_store_log(struct jx_store *st, const struct jx_event *e, struct jx_err *err)
{
	return st->ops->log(st, e, err);
}

int jx_store_history(struct jx_store *st, int64_t id, int (*fn)(void *ctx, const struct jx_event *e, struct jx_err *err),
		     void *ctx, struct jx_err *err)
{
	return st->ops->history(st, id, NULL, false, fn, ctx, err);
}

struct last {
	char *detail;
	char *at;
};

static int keep_last(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	struct last *l = ctx;

	(void)err;
	l->detail = jx_strdup(e->detail);
	l->at = jx_strdup(e->at);
	return 0;
}

int jx_store_last_event(struct jx_store *st, int64_t id, const char *action, char **detail, char **at,
			struct jx_err *err)
{
	struct last l = { NULL, NULL };

	if (st->ops->history(st, id, action, true, keep_last, &l, err)) {
		free(l.detail);
		free(l.at);
		return -1;
	}
	*detail = l.detail;
	*at = l.at;
	return 0;
}

int jx_store_add_publication(struct jx_store *st, struct jx_published *p, struct jx_err *err)
{
	return st->ops->add_publication(st, p, err);
}

struct found {
	int (*fn)(void *ctx, const struct jx_published *p, struct jx_err *err);
	void *ctx;
	bool seen;
};

static int note_found(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct found *f = ctx;

	f->seen = true;
	return f->fn(f->ctx, p, err);
}

int jx_store_publication(struct jx_store *st, int version,
			 int (*fn)(void *ctx, const struct jx_published *p, struct jx_err *err), void *ctx,
			 struct jx_err *err)
{
	struct found f = { fn, ctx, false };
	int rc = st->ops->publications(st, version, 0, true, note_found, &f, err);

	if (!rc && !f.seen)
		return jx_err_set(err, JX_ENOTFOUND, "没有第 %d 版公开", version);
	return rc;
}

int jx_store_publication_part_put(struct jx_store *st, int version, size_t seq, const char *body, size_t len,
				  struct jx_err *err)
{
	return st->ops->publication_part_put(st, version, seq, body, len, err);
}

int jx_store_publication_parts(struct jx_store *st, int version,
			       int (*fn)(void *ctx, const char *body, size_t len, struct jx_err *err), void *ctx,
			       struct jx_err *err)
{
	return st->ops->publication_parts(st, version, fn, ctx, err);
}

int jx_store_publications(struct jx_store *st, int year,
			  int (*fn)(void *ctx, const struct jx_published *p, struct jx_err *err), void *ctx,
			  struct jx_err *err)
{
	return st->ops->publications(st, 0, year, false, fn, ctx, err);
}

int jx_store_get(struct jx_store *st, int64_t id, struct jx_project **out, struct jx_err *err)
{
	return st->ops->get(st, id, out, err);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int jx_store_resolve(struct jx_store *st, const char *ref, int year, int64_t *id, struct jx_err *err)
{
	int64_t ids[8];
	char list[256] = "";
	size_t n, i, len = 0;

	if (all_digits(ref) && strlen(ref) < 19) {
		struct jx_err e = { 0 };
		struct jx_project *p;

		if (st->ops->get(st, strtoll(ref, NULL, 10), &p, &e) == 0) {
			*id = p->id;
			jx_project_free(p);
			return 0;
		}
		if (e.code != JX_ENOTFOUND)
			return err ? (*err = e, -1) : -1;
	}
	if (st->ops->by_name(st, ref, year, ids, 8, &n, err))
		return -1;
	if (n == 1) {
		*id = ids[0];
		return 0;
	}
	if (n == 0)
		return jx_err_set(err, JX_ENOTFOUND, "没有名为或编号为“%s”的项目", ref);
	for (i = 0; i < n && i < 8; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%lld", i ? ", " : "", (long long)ids[i]);
	return jx_err_set(err, JX_EAMBIGUOUS, "有 %zu 个项目名为“%s”（编号 %s%s），请用编号或 --year 指定", n, ref,
			  list, n > 8 ? " …" : "");
}

int jx_store_list(struct jx_store *st, const struct jx_filter *f,
		  int (*fn)(void *ctx, const struct jx_summary *s, struct jx_err *err), void *ctx, struct jx_err *err)
{
	return st->ops->list(st, f, fn, ctx, err);
}

struct plain {
	int (*fn)(void *ctx, struct jx_project *p, struct jx_err *err);
	void *ctx;
};

static int without_actuals(void *ctx, struct jx_project *p, const struct jx_actual *rows, size_t n, struct jx_err *err)
{
	const struct plain *w = ctx;

	(void)rows;
	(void)n;
	return w->fn(w->ctx, p, err);
}

int jx_store_each(struct jx_store *st, const struct jx_filter *f,
		  int (*fn)(void *ctx, struct jx_project *p, struct jx_err *err), void *ctx, struct jx_err *err)
{
	struct plain w = { fn, ctx };

	return st->ops->each(st, f, false, without_actuals, &w, err);
}

int jx_store_each_actuals(struct jx_store *st, const struct jx_filter *f,
			  int (*fn)(void *ctx, struct jx_project *p, const struct jx_actual *rows, size_t n,
				    struct jx_err *err),
			  void *ctx, struct jx_err *err)
{
	return st->ops->each(st, f, true, fn, ctx, err);
}

int jx_store_log_page(struct jx_store *st, const struct jx_log_filter *f,
		      int (*fn)(void *ctx, const struct jx_log_row *row, struct jx_err *err), void *ctx,
		      struct jx_err *err)
{
	return st->ops->log_page(st, f, fn, ctx, err);
}

int jx_store_add_actual(struct jx_store *st, const struct jx_actual *a, struct jx_err *err)
{
	return st->ops->add_actual(st, a, err);
}

int jx_store_actuals(struct jx_store *st, int64_t id,
		     int (*fn)(void *ctx, const struct jx_actual *a, struct jx_err *err), void *ctx, struct jx_err *err)
{
	return st->ops->actuals(st, id, fn, ctx, err);
}

struct account_found {
	int (*fn)(void *ctx, const struct jx_account_row *a, struct jx_err *err);
	void *ctx;
	bool seen;
};

static int account_seen(void *ctx, const struct jx_account_row *a, struct jx_err *err)
{
	struct account_found *f = ctx;

	f->seen = true;
	return f->fn(f->ctx, a, err);
}

int jx_store_account_put(struct jx_store *st, const struct jx_account_row *a, struct jx_err *err)
{
	return st->ops->account_put(st, a, err);
}

int jx_store_accounts(struct jx_store *st, const char *name,
		      int (*fn)(void *ctx, const struct jx_account_row *a, struct jx_err *err), void *ctx,
		      struct jx_err *err)
{
	struct account_found f = { fn, ctx, false };

	if (st->ops->accounts(st, name, account_seen, &f, err))
		return -1;
	if (name && !f.seen)
		return jx_err_set(err, JX_ENOTFOUND, "没有名为“%s”的账户", name);
	return 0;
}

int jx_store_session_put(struct jx_store *st, const struct jx_session_row *r, struct jx_err *err)
{
	return st->ops->session_put(st, r, err);
}

int jx_store_session_get(struct jx_store *st, const char *token, const char *now, struct jx_session_row *out,
			 struct jx_err *err)
{
	return st->ops->session_get(st, token, now, out, err);
}

int jx_store_session_delete(struct jx_store *st, const char *token, const char *account, const char *before,
			    struct jx_err *err)
{
	return st->ops->session_delete(st, token, account, before, err);
}

int jx_store_published_put(struct jx_store *st, int64_t project_id, int version, const char *body, size_t len,
			   struct jx_err *err)
{
	return st->ops->published_put(st, project_id, version, body, len, err);
}

struct published_found {
	int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err);
	void *ctx;
	bool seen;
};

static int published_seen(void *ctx, const struct jx_published_table *t, struct jx_err *err)
{
	struct published_found *f = ctx;

	f->seen = true;
	return f->fn(f->ctx, t, err);
}

int jx_store_published(struct jx_store *st, int64_t project_id, int year,
		       int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
		       struct jx_err *err)
{
	struct published_found f = { fn, ctx, false };

	if (st->ops->published(st, project_id, year, published_seen, &f, err))
		return -1;
	if (project_id && !f.seen)
		return jx_err_set(err, JX_ENOTFOUND, "没有这个项目");
	return 0;
}

int jx_store_published_at(struct jx_store *st, int64_t project_id, int version, bool body,
			  int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
			  struct jx_err *err)
{
	struct published_found f = { fn, ctx, false };

	if (st->ops->published_at(st, project_id, version, body, published_seen, &f, err))
		return -1;
	if (!f.seen)
		return jx_err_set(err, JX_ENOTFOUND, "没有这个项目");
	return 0;
}

int jx_store_withdrawn(struct jx_store *st, int version, bool *out, struct jx_err *err)
{
	*out = false;
	return st->ops->withdrawn(st, version, out, err);
}

int jx_store_login_get(struct jx_store *st, const struct jx_login_key *k, struct jx_login_row *out, struct jx_err *err)
{
	return st->ops->login_get(st, k, out, err);
}

int jx_store_login_put(struct jx_store *st, const struct jx_login_key *k, const struct jx_login_row *row,
		       struct jx_err *err)
{
	return st->ops->login_put(st, k, row, err);
}

int jx_store_login_purge(struct jx_store *st, int64_t before, struct jx_err *err)
{
	return st->ops->login_purge(st, before, err);
}

int jx_store_delete_project(struct jx_store *st, int64_t id, struct jx_err *err)
{
	return st->ops->delete_project(st, id, err);
}

int jx_store_targets(struct jx_store *st, int year, jx_target_fn fn, void *ctx, struct jx_err *err)
{
	return st->ops->targets(st, year, fn, ctx, err);
}

int jx_store_library_put(struct jx_store *st, const char *id, const char *body, struct jx_err *err)
{
	return st->ops->library_put(st, id, body, err);
}

int jx_store_library_rows(struct jx_store *st, int (*fn)(void *ctx, const char *id, const char *body, struct jx_err *err),
			  void *ctx, struct jx_err *err)
{
	return st->ops->library_rows(st, fn, ctx, err);
}

int jx_store_library_use_add(struct jx_store *st, const char *entry, const char *kind, const char *ref, bool *added,
			     struct jx_err *err)
{
	return st->ops->library_use_add(st, entry, kind, ref, added, err);
}

int jx_store_library_uses(struct jx_store *st, const char *entry,
			  int (*fn)(void *ctx, const char *entry, const char *kind, const char *ref, struct jx_err *err),
			  void *ctx, struct jx_err *err)
{
	return st->ops->library_uses(st, entry, fn, ctx, err);
}

bool jx_summary_take(const struct jx_filter *f, struct jx_summary *s, const char *status, const char *kind)
{
	s->unreadable = !s->name || !s->unit || !status || jx_status_from_name(status, &s->status) || !kind ||
			jx_kind_from_name(kind, &s->kind) || !jx_utf8_valid(s->name, strlen(s->name)) ||
			!jx_utf8_valid(s->unit, strlen(s->unit)) || (size_t)s->n_ind > JX_MAX_INDICATORS;
	if (!s->unreadable)
		return true;
	if (!f || !f->unreadable_too)
		return false;
	s->name = s->unit = "";
	s->status = JX_DRAFT;
	s->kind = JX_KIND_PROJECT;
	s->total = 0;
	s->n_ind = 0;
	s->key = s->classified = false;
	return true;
}

void jx_actual_rows_add(struct jx_actual_rows *rs, struct jx_actual a)
{
	const char **field[] = { &a.indicator, &a.unit, &a.value, &a.as_of, &a.reason, &a.at, &a.user };
	size_t len[7], total = 0, i;
	char *p;

	for (i = 0; i < 7; i++)
		total += len[i] = *field[i] ? strlen(*field[i]) + 1 : 0;
	p = jx_malloc(total + 1);
	for (i = 0; i < 7; i++) {
		if (!*field[i])
			continue;
		memcpy(p, *field[i], len[i]);
		*field[i] = p;
		p += len[i];
	}
	jx_grow(&rs->a, sizeof(*rs->a), rs->n + 1, &rs->cap);
	rs->a[rs->n++] = a;
}

void jx_actual_rows_clear(struct jx_actual_rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		free((char *)rs->a[i].indicator);
	rs->n = 0;
}

int jx_store_account_seen(struct jx_store *st, const char *name, const char *at, struct jx_err *err)
{
	return st->ops->account_seen(st, name, at, err);
}

int jx_store_unit_add(struct jx_store *st, const struct jx_unit_row *u, struct jx_err *err)
{
	return st->ops->unit_add(st, u, err);
}

int jx_store_units(struct jx_store *st, const char *name,
		   int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx, struct jx_err *err)
{
	return st->ops->units(st, name, fn, ctx, err);
}

int jx_store_units_missing(struct jx_store *st, int (*fn)(void *ctx, const char *name, struct jx_err *err), void *ctx,
			   struct jx_err *err)
{
	return st->ops->units_missing(st, fn, ctx, err);
}

int jx_store_unit_rename(struct jx_store *st, const char *from, const char *to, struct jx_err *err)
{
	return st->ops->unit_rename(st, from, to, err);
}

int jx_store_units_under(struct jx_store *st, const char *parent,
			 int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx, struct jx_err *err)
{
	return st->ops->units_under(st, parent, fn, ctx, err);
}
