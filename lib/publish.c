/*
 * publish.c — publications: choosing the tables, the statement's figures, versions. See publish.h.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/history.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/store.h"
#include "jixiao/workflow.h"

void jx_statement_write(const struct jx_statement *s, struct jx_buf *title, struct jx_buf *body)
{
	char money[JX_DEC_STRMAX];
	size_t i;

	jx_buf_addf(title, NULL, "%d年预算绩效目标公开说明", s->year);
	jx_buf_addf(body, NULL,
		    "一、绩效目标编制情况\n"
		    "各预算单位在编制%d年部门预算时，按照“谁申请资金，谁编制目标”的原则设定绩效目标，"
		    "将绩效目标作为预算安排的前置条件。%d年，%zu个部门设置了部门整体支出绩效目标，"
		    "%zu个预算单位编制了%zu个项目的绩效目标，涉及资金%s万元。\n"
		    "二、绩效目标公开情况\n",
		    s->year, s->year, s->departments, s->units, s->projects, jx_money_format(s->money, money));
	if (s->n_key) {
		jx_buf_addf(body, NULL, "其中重点项目%zu个：", s->n_key);
		for (i = 0; i < s->n_key; i++)
			jx_buf_addf(body, NULL, "%s%s", i ? "、" : "", s->key_projects[i]);
		jx_buf_adds(body, "。\n", NULL);
	}
	jx_buf_addf(body, NULL, "除涉密信息外，现将%s绩效目标表随同部门预算公开如下。\n",
		    s->key_only ? "重点项目的" : "上述");
	jx_buf_addf(body, NULL, "附件：%s绩效目标表", s->key_only ? "重点项目" : "");
	for (i = 0; i < s->n_attached; i++)
		jx_buf_addf(body, NULL, "\n%zu. %s", i + 1, s->attached[i]);
}

/* ---- where the tables come from ---- */

enum { CHUNK = 1 << 16 }; /* rendered output handed on once it holds this much */

struct jx_pubsrc {
	struct jx_store *st;
	int version;             /* a saved version's tables; 0: a new publication's, from the store */
	int64_t *dept;           /* new: the department-wide tables attached (after the projects), by id */
	size_t n_dept;
	FILE *spool;             /* new: the tables of the last walk, a line "id<TAB>JSON" each, for saving */
	bool walked;             /* new: spool and hash hold a whole walk */
	char hash[65];           /* new: the digest of the content the last walk made */
	char *head, *sep, *tail; /* saved: the content around its tables (store.h: struct jx_published) */
};

static const char new_sep[] = ",\n", new_tail[] = "]}\n"; /* how a version's content is written */

static void digest_hex(crypto_hash_sha256_state *h, char *hex)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final(h, digest);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
}

static void digest_init(crypto_hash_sha256_state *h)
{
	if (sodium_init() < 0)
		abort(); /* libsodium cannot work on this machine at all */
	crypto_hash_sha256_init(h);
}

static void digest_add(crypto_hash_sha256_state *h, const char *text, size_t len)
{
	crypto_hash_sha256_update(h, (const unsigned char *)text, len);
}

/* Appends v as compact JSON text and releases it. */
static void add_json(struct jx_buf *b, json_t *v)
{
	char *text = json_dumps(v, JX_JSON_DUMP | JSON_COMPACT);

	jx_buf_adds(b, text, NULL);
	free(text);
	json_decref(v);
}

/* The head of the content a version freezes: {"statement":{…},"projects":[ and a newline; the tables
 * follow one a line, separated by new_sep, and new_tail ends it. */
static char *head_text(const struct jx_statement *s)
{
	struct jx_buf b = JX_BUF_INIT;

	jx_buf_adds(&b, "{\"statement\":", NULL);
	add_json(&b, jx_statement_to_json(s));
	jx_buf_adds(&b, ",\"projects\":[\n", NULL);
	return jx_buf_detach(&b, NULL);
}

/* ---- building: the first pass, the statement's figures ---- */

struct first {
	struct jx_store *st;
	struct jx_publication *pub;
	char **units;        /* the project tables' budget units, made distinct whenever they double */
	size_t n_units, cap_units, distinct;
	char **dept_names;   /* the department-wide tables attached, listed after the projects */
	size_t n_dept_names, cap_dept_names, cap_dept, cap_key, cap_attached;
	size_t tables;       /* tables to be counted */
};

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void distinct_units(struct first *f)
{
	size_t i, k = 0;

	if (f->n_units)
		qsort(f->units, f->n_units, sizeof(*f->units), by_text);
	for (i = 0; i < f->n_units; i++) {
		if (k && strcmp(f->units[i], f->units[k - 1]) == 0)
			free(f->units[i]);
		else
			f->units[k++] = f->units[i];
	}
	f->n_units = f->distinct = k;
}

static void add_unit(struct first *f, const char *unit)
{
	if (f->n_units >= 2 * f->distinct + 64)
		distinct_units(f);
	jx_grow(&f->units, sizeof(*f->units), f->n_units + 1, &f->cap_units);
	f->units[f->n_units++] = jx_strdup(unit);
}

static void add_name(char ***names, size_t *n, size_t *cap, const char *name)
{
	jx_grow(names, sizeof(**names), *n + 1, cap);
	(*names)[(*n)++] = jx_strdup(name);
}

/* Counts one table of the year as approved (key: its flag as it stands). */
static int count_table(struct first *f, int64_t id, const struct jx_summary *t, bool key, struct jx_err *err)
{
	struct jx_statement *s = &f->pub->s;
	struct jx_pubsrc *src = f->pub->src;
	bool attached = !s->key_only || key;

	f->tables++;
	if (t->kind == JX_KIND_DEPARTMENT) {
		s->departments++;
		if (attached) {
			add_name(&f->dept_names, &f->n_dept_names, &f->cap_dept_names, t->name);
			jx_grow(&src->dept, sizeof(*src->dept), src->n_dept + 1, &f->cap_dept);
			src->dept[src->n_dept++] = id;
		}
		return 0;
	}
	s->projects++;
	if (jx_money_add(s->money, t->total, &s->money))
		return jx_err_set(err, JX_ETOOBIG, "%d年度公开的资金合计超出可以表示的范围", s->year);
	if (key)
		add_name(&s->key_projects, &s->n_key, &f->cap_key, t->name);
	if (attached)
		add_name(&s->attached, &s->n_attached, &f->cap_attached, t->name);
	add_unit(f, t->unit);
	return 0;
}

/* A table of the year's listing: counted as it stands if approved, else as last approved (an
 * adjustment under review, 绩效目标调整), or not at all if it never was. */
static int first_one(void *ctx, const struct jx_summary *sm, struct jx_err *err)
{
	struct first *f = ctx;
	struct jx_project *a = NULL;
	struct jx_summary t;
	char *at = NULL;
	int rc;

	if (sm->status == JX_APPROVED)
		return count_table(f, sm->id, sm, sm->key, err);
	if (jx_workflow_approved(f->st, sm->id, &a, &at, err))
		return -1;
	free(at);
	if (!a)
		return 0;
	t = (struct jx_summary){ .kind = a->kind, .name = a->name, .unit = a->unit, .total = a->total };
	rc = count_table(f, sm->id, &t, sm->key, err);
	jx_project_free(a);
	return rc;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int jx_publication_build(struct jx_store *st, int year, bool key_only, struct jx_publication **out,
			 struct jx_err *err)
{
	struct jx_filter f = { .year = year, .hide_classified = true };
	struct jx_publication *pub = jx_calloc(1, sizeof(*pub));
	struct first w = { .st = st, .pub = pub };
	size_t i;
	int rc;

	pub->src = jx_calloc(1, sizeof(*pub->src));
	pub->src->st = st;
	pub->s.year = year;
	pub->s.key_only = key_only;
	rc = jx_store_list(st, &f, first_one, &w, err);
	if (!rc && w.tables == 0)
		rc = jx_err_set(err, JX_ENOTFOUND, "%d年度没有可以公开的绩效目标表（须已批准且不涉密）", year);
	distinct_units(&w);
	pub->s.units = w.distinct;
	free_names(w.units, w.n_units);
	for (i = 0; i < w.n_dept_names; i++)
		add_name(&pub->s.attached, &pub->s.n_attached, &w.cap_attached, w.dept_names[i]);
	free_names(w.dept_names, w.n_dept_names);
	pub->n = pub->s.n_attached;
	if (!rc && pub->n == 0) /* only with key_only */
		rc = jx_err_set(err, JX_ENOTFOUND, "%d年度没有可以公开的重点项目绩效目标表", year);
	if (rc) {
		jx_publication_free(pub);
		return -1;
	}
	*out = pub;
	return 0;
}

/* ---- the second pass: a new publication's tables, from the store ---- */

struct second {
	const struct jx_publication *pub;
	int (*fn)(void *ctx, const struct jx_project *p, struct jx_err *err);
	void *ctx;
	crypto_hash_sha256_state h;
	size_t n, projects; /* tables attached, project tables counted */
	jx_money money;
};

/* p as approved: p itself, or the version last approved with p's flags (new), or NULL if none. */
static int as_approved(struct jx_store *st, struct jx_project *p, struct jx_project **out, struct jx_err *err)
{
	struct jx_project *a = NULL;
	char *at = NULL;

	*out = p;
	if (p->status == JX_APPROVED)
		return 0;
	if (jx_workflow_approved(st, p->id, &a, &at, err))
		return -1;
	free(at);
	if (a) {
		a->key = p->key;
		a->classified = p->classified;
		a->status = JX_APPROVED;
	}
	*out = a;
	return 0;
}

static int changed_meanwhile(const struct jx_publication *pub, struct jx_err *err)
{
	return jx_err_set(err, JX_ECONFLICT, "%d年度的绩效目标表在公开的过程中有了变动，请重新公开", pub->s.year);
}

/* One table of the second pass: counted again, and if attached, digested, spooled and given to fn. */
static int second_table(struct second *w, const struct jx_project *p, struct jx_err *err)
{
	struct jx_pubsrc *src = w->pub->src;
	char *text;
	json_t *j;

	if (p->kind == JX_KIND_PROJECT && (w->projects++, jx_money_add(w->money, p->total, &w->money)))
		return jx_err_set(err, JX_ETOOBIG, "%d年度公开的资金合计超出可以表示的范围", w->pub->s.year);
	if (w->pub->s.key_only && !p->key)
		return 0;
	if (++w->n > w->pub->n)
		return changed_meanwhile(w->pub, err);
	j = jx_project_to_json(p);
	text = json_dumps(j, JX_JSON_DUMP | JSON_COMPACT);
	json_decref(j);
	if (w->n > 1)
		digest_add(&w->h, new_sep, strlen(new_sep));
	digest_add(&w->h, text, strlen(text));
	fprintf(src->spool, "%lld\t%s\n", (long long)p->id, text);
	free(text);
	return w->fn ? w->fn(w->ctx, p, err) : 0;
}

static int second_project(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct second *w = ctx;
	struct jx_project *a;
	int rc;

	if (as_approved(w->pub->src->st, p, &a, err))
		return -1;
	rc = a && a->kind == JX_KIND_PROJECT ? second_table(w, a, err) : 0;
	if (a != p)
		jx_project_free(a);
	return rc;
}

static int second_department(struct second *w, int64_t id, struct jx_err *err)
{
	struct jx_store *st = w->pub->src->st;
	struct jx_project *p = NULL, *a = NULL;
	int rc = jx_store_get(st, id, &p, err) || as_approved(st, p, &a, err) ? -1 : 0;

	if (!rc)
		rc = a && a->kind == JX_KIND_DEPARTMENT && !a->classified ? second_table(w, a, err)
									  : changed_meanwhile(w->pub, err);
	if (a != p)
		jx_project_free(a);
	jx_project_free(p);
	return rc;
}

/* A new temporary file in $TMPDIR (or /tmp), gone once closed: a province's tables are a hundred
 * megabytes of JSON, which must not have to fit where tmpfile() puts them. */
static FILE *spool_open(struct jx_err *err)
{
	const char *dir = getenv("TMPDIR");
	struct jx_buf path = JX_BUF_INIT;
	FILE *f = NULL;
	int fd;

	jx_buf_addf(&path, NULL, "%s/jixiao-publish-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path.ptr);
	if (fd >= 0) {
		unlink(path.ptr);
		if (!(f = fdopen(fd, "w+")))
			close(fd);
	}
	if (!f)
		jx_err_set(err, JX_EIO, "无法在 %s 创建临时文件：%s", dir && *dir ? dir : "/tmp", strerror(errno));
	jx_buf_release(&path);
	return f;
}

static int walk_built(const struct jx_publication *pub,
		      int (*fn)(void *ctx, const struct jx_project *p, struct jx_err *err), void *ctx,
		      struct jx_err *err)
{
	struct jx_filter f = { .year = pub->s.year, .hide_classified = true };
	struct jx_pubsrc *src = pub->src;
	struct second w = { .pub = pub, .fn = fn, .ctx = ctx };
	char *head = head_text(&pub->s);
	size_t i;
	int rc;

	src->walked = false;
	if (src->spool)
		fclose(src->spool);
	if (!(src->spool = spool_open(err))) {
		free(head);
		return -1;
	}
	digest_init(&w.h);
	digest_add(&w.h, head, strlen(head));
	free(head);
	rc = jx_store_each(src->st, &f, second_project, &w, err);
	for (i = 0; i < src->n_dept && !rc; i++)
		rc = second_department(&w, src->dept[i], err);
	if (!rc && (w.n != pub->n || w.projects != pub->s.projects || w.money != pub->s.money))
		rc = changed_meanwhile(pub, err);
	if (!rc && (fflush(src->spool) || ferror(src->spool)))
		rc = jx_err_set(err, JX_EIO, "写入临时文件失败：%s", strerror(errno));
	if (rc)
		return -1;
	digest_add(&w.h, new_tail, strlen(new_tail));
	digest_hex(&w.h, src->hash);
	src->walked = true;
	return 0;
}

/* ---- a saved version's tables, read back ---- */

struct reread {
	const struct jx_publication *pub;
	int (*fn)(void *ctx, const struct jx_project *p, struct jx_err *err);
	void *ctx;
	crypto_hash_sha256_state h;
	size_t n, projects, departments;
	jx_money money;
	bool overflow;
	struct jx_err bad; /* why a table could not be read (reading stops, digesting goes on) */
};

static int reread_one(void *ctx, const char *body, size_t len, struct jx_err *err)
{
	struct reread *r = ctx;
	struct jx_project *p = NULL;
	json_error_t je;
	json_t *v;
	int rc;

	if (r->n++)
		digest_add(&r->h, r->pub->src->sep, strlen(r->pub->src->sep));
	digest_add(&r->h, body, len);
	if (r->bad.code)
		return 0;
	if (!(v = json_loadb(body, len, 0, &je))) {
		jx_err_set(&r->bad, JX_ESTORE, "第 %d 版公开的内容已损坏", r->pub->s.version);
		return 0;
	}
	rc = jx_project_from_json(v, &p, &r->bad);
	json_decref(v);
	if (rc) {
		jx_err_prefix(&r->bad, "第 %d 版公开的内容", r->pub->s.version);
		return 0;
	}
	if (p->kind == JX_KIND_DEPARTMENT)
		r->departments++;
	else if (r->projects++, jx_money_add(r->money, p->total, &r->money))
		r->overflow = true;
	rc = r->fn ? r->fn(r->ctx, p, err) : 0;
	jx_project_free(p);
	return rc;
}

/* True if the statement's figures are those of the tables read (when all are attached). */
static bool figures_hold(const struct reread *r)
{
	const struct jx_statement *s = &r->pub->s;

	if (s->key_only)
		return s->n_attached == r->n;
	return !r->overflow && r->projects == s->projects && r->departments == s->departments && r->money == s->money &&
	       s->n_attached == r->n;
}

static int walk_saved(const struct jx_publication *pub,
		      int (*fn)(void *ctx, const struct jx_project *p, struct jx_err *err), void *ctx,
		      struct jx_err *err)
{
	struct jx_pubsrc *src = pub->src;
	struct reread r = { .pub = pub, .fn = fn, .ctx = ctx };
	char hash[65];

	digest_init(&r.h);
	digest_add(&r.h, src->head, strlen(src->head));
	if (jx_store_publication_parts(src->st, src->version, reread_one, &r, err))
		return -1;
	digest_add(&r.h, src->tail, strlen(src->tail));
	digest_hex(&r.h, hash);
	if (strcmp(hash, pub->s.hash) != 0)
		return jx_err_set(err, JX_ESTORE, "第 %d 版公开的内容与保存时的摘要不符，已被改动", src->version);
	if (r.bad.code) {
		if (err)
			*err = r.bad;
		return -1;
	}
	if (!figures_hold(&r))
		return jx_err_set(err, JX_ESTORE, "第 %d 版公开说明中的数字与所附的表不符", src->version);
	return 0;
}

int jx_publication_tables(const struct jx_publication *pub,
			  int (*fn)(void *ctx, const struct jx_project *p, struct jx_err *err), void *ctx,
			  struct jx_err *err)
{
	return pub->src->version ? walk_saved(pub, fn, ctx, err) : walk_built(pub, fn, ctx, err);
}

struct held {
	struct jx_project **p;
	size_t n, cap;
};

static int hold_one(void *ctx, const struct jx_project *p, struct jx_err *err)
{
	struct held *h = ctx;

	(void)err;
	jx_grow(&h->p, sizeof(*h->p), h->n + 1, &h->cap);
	h->p[h->n++] = jx_project_copy(p);
	return 0;
}

static void free_tables(struct jx_project **p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		jx_project_free(p[i]);
	free(p);
}

int jx_publication_hold(struct jx_publication *pub, struct jx_err *err)
{
	struct held h = { NULL, 0, 0 };

	if (pub->p)
		return 0;
	if (jx_publication_tables(pub, hold_one, &h, err)) {
		free_tables(h.p, h.n);
		return -1;
	}
	pub->p = h.p ? h.p : jx_calloc(1, sizeof(*pub->p));
	pub->n = h.n;
	return 0;
}

void jx_publication_free(struct jx_publication *pub)
{
	if (!pub)
		return;
	free_tables(pub->p, pub->p ? pub->n : 0);
	free_names(pub->s.key_projects, pub->s.n_key);
	free_names(pub->s.attached, pub->s.n_attached);
	free(pub->s.by);
	if (pub->src) {
		if (pub->src->spool)
			fclose(pub->src->spool);
		free(pub->src->dept);
		free(pub->src->head);
		free(pub->src->sep);
		free(pub->src->tail);
		free(pub->src);
	}
	free(pub);
}

/* ---- the frozen content ---- */

static json_t *names_json(char **names, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(names[i]));
	return a;
}

json_t *jx_statement_to_json(const struct jx_statement *s)
{
	json_t *o = json_object();
	char money[JX_DEC_STRMAX];

	json_object_set_new(o, "year", json_integer(s->year));
	json_object_set_new(o, "key_only", json_boolean(s->key_only));
	json_object_set_new(o, "departments", json_integer((json_int_t)s->departments));
	json_object_set_new(o, "units", json_integer((json_int_t)s->units));
	json_object_set_new(o, "projects", json_integer((json_int_t)s->projects));
	json_object_set_new(o, "money", json_string(jx_money_format(s->money, money)));
	json_object_set_new(o, "key_projects", names_json(s->key_projects, s->n_key));
	json_object_set_new(o, "attached", names_json(s->attached, s->n_attached));
	return o;
}

/* The year's latest publication of the same scope (all tables, or key projects only). */
struct latest {
	bool key_only;
	int version;
	char hash[65], at[JX_TIME_MAX], *by;
};

static int note_latest(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct latest *l = ctx;

	(void)err;
	if (p->key_only != l->key_only || p->version < l->version)
		return 0;
	l->version = p->version;
	snprintf(l->hash, sizeof(l->hash), "%s", p->hash);
	snprintf(l->at, sizeof(l->at), "%s", p->at);
	free(l->by);
	l->by = jx_strdup(p->user);
	return 0;
}

/* Writes the tables of the last walk, from its spool, into version: each a part of its content and
 * the table as published (for the public pages). */
static int put_tables(struct jx_store *st, const struct jx_publication *pub, int version, struct jx_err *err)
{
	FILE *spool = pub->src->spool;
	char *line = NULL, *json;
	size_t cap = 0, seq = 0;
	ssize_t len;
	int rc = 0;

	rewind(spool);
	while (!rc && (len = getline(&line, &cap, spool)) > 0) {
		long long id = strtoll(line, &json, 10);

		if (*json != '\t' || line[len - 1] != '\n' || seq >= pub->n) {
			rc = jx_err_set(err, JX_EIO, "读取临时文件失败");
			break;
		}
		json++;
		len -= json - line + 1;
		rc = jx_store_publication_part_put(st, version, seq++, json, (size_t)len, err) ||
		     jx_store_published_put(st, id, version, json, (size_t)len, err);
	}
	free(line);
	if (!rc && (ferror(spool) || seq != pub->n))
		rc = jx_err_set(err, JX_EIO, "读取临时文件失败");
	return rc ? -1 : 0;
}

int jx_publication_save(struct jx_store *st, struct jx_publication *pub, const char *user, struct jx_err *err)
{
	struct latest last = { pub->s.key_only, 0, "", "", NULL };
	struct jx_published rec;
	char *head;
	int rc;

	if (pub->src->version)
		return jx_err_set(err, JX_EUSAGE, "第 %d 版已经保存", pub->src->version);
	if (!pub->src->walked && jx_publication_tables(pub, NULL, NULL, err))
		return -1;
	snprintf(pub->s.hash, sizeof(pub->s.hash), "%s", pub->src->hash);
	jx_now(pub->s.at);
	free(pub->s.by);
	pub->s.by = jx_strdup(user ? user : "unknown");
	head = head_text(&pub->s);
	rec = (struct jx_published){ 0,	      pub->s.year,  pub->s.at,	 pub->s.by, pub->s.key_only, pub->s.hash,
				     pub->n, pub->s.money, head,	 new_sep,   new_tail };
	pub->unchanged = false;
	rc = jx_store_begin(st, err);
	/* the same content as the year's latest version: that version stands, no new one (in the write
	 * transaction, so that two publishing at once do not both decide it is new) */
	if (!rc && !(rc = jx_store_publications(st, pub->s.year, note_latest, &last, err)) && last.version &&
	    strcmp(last.hash, pub->s.hash) == 0) {
		pub->unchanged = true;
		pub->s.version = last.version;
		snprintf(pub->s.at, sizeof(pub->s.at), "%s", last.at);
		free(pub->s.by);
		pub->s.by = last.by;
		free(head);
		return jx_store_end(st, 0, err);
	}
	free(last.by);
	if (!rc) {
		rc = jx_store_add_publication(st, &rec, err) || put_tables(st, pub, rec.version, err);
		pub->s.version = rec.version;
		rc = jx_store_end(st, rc, err);
		if (rc)
			pub->s.version = 0;
	}
	free(head);
	return rc;
}

static char **names_from(json_t *a, size_t *n)
{
	char **names = jx_calloc(json_array_size(a) + 1, sizeof(*names));
	json_t *v;
	size_t i;

	*n = 0;
	json_array_foreach(a, i, v)
		if (json_is_string(v))
			names[(*n)++] = jx_strdup(json_string_value(v));
	return names;
}

/* Skips white space and then expects the literal word at *at. */
static bool expect(const char **at, const char *word)
{
	size_t n = strlen(word);

	while (**at == ' ' || **at == '\n')
		(*at)++;
	if (strncmp(*at, word, n) != 0)
		return false;
	*at += n;
	return true;
}

/* Parses the JSON value at *at (which text continues after, up to end) and moves *at past it. */
static json_t *next_value(const char **at, const char *end)
{
	json_error_t je;
	json_t *v = json_loadb(*at, (size_t)(end - *at), JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &je);

	if (v)
		*at += je.position;
	return v;
}

/* The non-negative integer member key of o into *out; -1 if it is not one. */
static int count_of(json_t *o, const char *key, size_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*out = (size_t)json_integer_value(v);
	return 0;
}

static int statement_from(struct jx_statement *st, json_t *s)
{
	const char *money = json_string_value(json_object_get(s, "money"));

	if (!json_is_object(s) || !money || jx_money_parse(money, strlen(money), &st->money) ||
	    count_of(s, "departments", &st->departments) || count_of(s, "units", &st->units) ||
	    count_of(s, "projects", &st->projects))
		return -1;
	st->year = (int)json_integer_value(json_object_get(s, "year"));
	st->key_only = json_is_true(json_object_get(s, "key_only"));
	st->key_projects = names_from(json_object_get(s, "key_projects"), &st->n_key);
	st->attached = names_from(json_object_get(s, "attached"), &st->n_attached);
	return 0;
}

/* Reads the statement from a version's head ({"statement":{…},"projects":[ and white space). */
static int head_from(struct jx_statement *s, const char *head)
{
	const char *at = head, *end = head + strlen(head);
	json_t *v;
	int rc;

	if (!expect(&at, "{\"statement\":") || !(v = next_value(&at, end)))
		return -1;
	rc = statement_from(s, v);
	json_decref(v);
	if (rc || !expect(&at, ",\"projects\":["))
		return -1;
	while (*at == ' ' || *at == '\n')
		at++;
	return *at ? -1 : 0;
}

static int loaded(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct jx_publication *pub = ctx;

	(void)err;
	pub->s.version = p->version;
	pub->n = p->tables;
	snprintf(pub->s.at, sizeof(pub->s.at), "%s", p->at);
	pub->s.by = jx_strdup(p->user);
	snprintf(pub->s.hash, sizeof(pub->s.hash), "%s", p->hash);
	pub->src->head = jx_strdup(p->content);
	pub->src->sep = jx_strdup(p->sep);
	pub->src->tail = jx_strdup(p->tail);
	return 0;
}

int jx_publication_load(struct jx_store *st, int version, struct jx_publication **out, struct jx_err *err)
{
	struct jx_publication *pub = jx_calloc(1, sizeof(*pub));
	int rc;

	pub->src = jx_calloc(1, sizeof(*pub->src));
	pub->src->st = st;
	pub->src->version = version;
	rc = jx_store_publication(st, version, loaded, pub, err);
	if (!rc && head_from(&pub->s, pub->src->head)) {
		/* altered (its digest says so, as it is read through) or else damaged */
		rc = jx_publication_tables(pub, NULL, NULL, err) ? -1
			: jx_err_set(err, JX_ESTORE, "第 %d 版公开的内容已损坏", version);
	}
	if (rc) {
		jx_publication_free(pub);
		return -1;
	}
	*out = pub;
	return 0;
}

struct rendering {
	struct jx_render rd;
	struct jx_buf *out;
	jx_flush_fn flush;
	void *ctx;
};

static int render_one(void *ctx, const struct jx_project *p, struct jx_err *err)
{
	struct rendering *g = ctx;

	if (jx_render_project(&g->rd, g->out, p, err))
		return -1;
	return g->flush && g->out->len >= CHUNK ? g->flush(g->ctx, g->out, err) : 0;
}

int jx_publication_render(const struct jx_publication *pub, const struct jx_renderer *r,
			  const struct jx_render_opts *o, struct jx_buf *out, jx_flush_fn flush, void *ctx, struct jx_err *err)
{
	struct rendering g = { .out = out, .flush = flush, .ctx = ctx };
	int rc;

	jx_render_begin(&g.rd, r, o, out);
	rc = jx_render_statement(&g.rd, out, &pub->s, err);
	if (!rc && flush && out->len >= CHUNK)
		rc = flush(ctx, out, err);
	if (!rc)
		rc = jx_publication_tables(pub, render_one, &g, err);
	if (jx_render_end(&g.rd, out, rc != 0, rc ? NULL : err) || rc)
		return -1;
	return flush ? flush(ctx, out, err) : 0;
}

/* ---- a content saved whole, cut (for the stores' migration) ---- */

static size_t skip_space(const char *c, size_t i, size_t len)
{
	while (i < len && (c[i] == ' ' || c[i] == '\n' || c[i] == '\t' || c[i] == '\r'))
		i++;
	return i;
}

/* Where the JSON value at c[at] ends, or 0 if there is none. */
static size_t value_end(const char *c, size_t at, size_t len)
{
	json_error_t je;
	json_t *v = json_loadb(c + at, len - at, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &je);

	json_decref(v);
	return v ? at + (size_t)je.position : 0;
}

/* The tables' places in c: (start, end) pairs into *spans; the number of tables, or -1 if c does not
 * divide into head, tables alike separated, and tail. */
static long find_tables(const char *c, size_t len, struct jx_content_cut *cut, size_t **spans)
{
	static const char open[] = "{\"statement\":", mid[] = ",\"projects\":[";
	size_t at, end, cap = 0;
	long n = 0;

	if (len < sizeof(open) || memcmp(c, open, sizeof(open) - 1) != 0 ||
	    !(at = value_end(c, sizeof(open) - 1, len)) || len - at < sizeof(mid) - 1 ||
	    memcmp(c + at, mid, sizeof(mid) - 1) != 0)
		return -1;
	at = cut->head_len = skip_space(c, at + sizeof(mid) - 1, len);
	cut->sep_at = at;
	while (at < len && c[at] != ']') {
		if (!(end = value_end(c, at, len)))
			return -1;
		jx_grow(spans, 2 * sizeof(**spans), (size_t)n + 1, &cap);
		(*spans)[2 * n] = at;
		(*spans)[2 * n + 1] = end;
		if (n == 1) {
			cut->sep_at = (*spans)[1];
			cut->sep_len = at - cut->sep_at;
		} else if (n > 1 && (at - (*spans)[2 * n - 1] != cut->sep_len ||
				     memcmp(c + (*spans)[2 * n - 1], c + cut->sep_at, cut->sep_len) != 0)) {
			return -1;
		}
		n++;
		at = skip_space(c, end, len);
		if (at < len && c[at] == ',')
			at = skip_space(c, at + 1, len);
		else if (at >= len || c[at] != ']')
			return -1;
	}
	if (at >= len || (n > 0 && c[at - 1] == ','))
		return -1;
	cut->tail_at = n ? (*spans)[2 * n - 1] : cut->head_len;
	return n;
}

int jx_publication_cut(const char *content, size_t len, struct jx_content_cut *cut,
		       int (*part)(void *ctx, size_t seq, const char *body, size_t len, struct jx_err *err), void *ctx,
		       struct jx_err *err)
{
	size_t *spans = NULL;
	long n, i;
	int rc = 0;

	memset(cut, 0, sizeof(*cut));
	n = find_tables(content, len, cut, &spans);
	if (n < 0) { /* all head */
		*cut = (struct jx_content_cut){ len, len, 0, len };
		n = 0;
	}
	for (i = 0; i < n && !rc; i++)
		rc = part(ctx, (size_t)i, content + spans[2 * i], spans[2 * i + 1] - spans[2 * i], err);
	free(spans);
	return rc;
}

/* ---- comparing versions ---- */

/* A publication's tables sorted by kind and name, to find one by another's in O(log n). */
struct index {
	struct jx_project **p;
	size_t n;
};

/* A table's identity: kind, unit and name (names are unique within a unit's year). */
static int by_kind_name(const void *a, const void *b)
{
	const struct jx_project *x = *(struct jx_project *const *)a, *y = *(struct jx_project *const *)b;
	int c = strcmp(x->unit, y->unit);

	return x->kind != y->kind ? (int)x->kind - (int)y->kind : c ? c : strcmp(x->name, y->name);
}

static struct index index_of(const struct jx_publication *pub)
{
	struct index ix = { jx_calloc(pub->n + 1, sizeof(*ix.p)), pub->n };

	memcpy(ix.p, pub->p, pub->n * sizeof(*ix.p));
	qsort(ix.p, ix.n, sizeof(*ix.p), by_kind_name);
	return ix;
}

static const struct jx_project *find_table(const struct index *ix, const struct jx_project *p)
{
	struct jx_project *const *hit = bsearch(&p, ix->p, ix->n, sizeof(*ix->p), by_kind_name);

	return hit ? *hit : NULL;
}

static void text_change(json_t *changes, const char *field, const char *before, const char *after)
{
	json_t *c;

	if (strcmp(before, after) == 0)
		return;
	c = json_object();
	json_object_set_new(c, "field", json_string(field));
	json_object_set_new(c, "before", json_string(before));
	json_object_set_new(c, "after", json_string(after));
	json_array_append_new(changes, c);
}

static void figure_change(json_t *changes, const char *field, size_t before, size_t after)
{
	char b[32], a[32];

	snprintf(b, sizeof(b), "%zu", before);
	snprintf(a, sizeof(a), "%zu", after);
	text_change(changes, field, b, a);
}

/* The key projects' names joined by 、, or （无）. */
static void key_list(const struct jx_statement *s, struct jx_buf *b)
{
	size_t i;

	for (i = 0; i < s->n_key; i++)
		jx_buf_addf(b, NULL, "%s%s", i ? "、" : "", s->key_projects[i]);
	if (s->n_key == 0)
		jx_buf_adds(b, "（无）", NULL);
}

static json_t *statement_changes(const struct jx_statement *a, const struct jx_statement *b)
{
	json_t *changes = json_array();
	char before[JX_DEC_STRMAX], after[JX_DEC_STRMAX];
	struct jx_buf ka = JX_BUF_INIT, kb = JX_BUF_INIT;

	text_change(changes, "scope", a->key_only ? "重点项目" : "全部", b->key_only ? "重点项目" : "全部");
	figure_change(changes, "departments", a->departments, b->departments);
	figure_change(changes, "units", a->units, b->units);
	figure_change(changes, "projects", a->projects, b->projects);
	text_change(changes, "money", jx_money_format(a->money, before), jx_money_format(b->money, after));
	key_list(a, &ka);
	key_list(b, &kb);
	text_change(changes, "key_projects", ka.ptr, kb.ptr);
	jx_buf_release(&ka);
	jx_buf_release(&kb);
	return changes;
}

json_t *jx_publication_diff(const struct jx_publication *a, const struct jx_publication *b)
{
	json_t *d = json_object(), *added = json_array(), *withdrawn = json_array(), *changed = json_array();
	struct index ia = index_of(a), ib = index_of(b);
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct jx_project *old = find_table(&ia, b->p[i]);
		json_t *changes;

		if (!old) {
			json_array_append_new(added, json_string(b->p[i]->name));
			continue;
		}
		changes = jx_history_changes(old, b->p[i]);
		if (json_array_size(changes) == 0) {
			json_decref(changes);
			continue;
		}
		json_array_append_new(changed, json_pack("{s:s, s:o}", "name", b->p[i]->name, "changes", changes));
	}
	for (i = 0; i < a->n; i++)
		if (!find_table(&ib, a->p[i]))
			json_array_append_new(withdrawn, json_string(a->p[i]->name));
	free(ia.p);
	free(ib.p);
	json_object_set_new(d, "added", added);
	json_object_set_new(d, "withdrawn", withdrawn);
	json_object_set_new(d, "changed", changed);
	json_object_set_new(d, "statement", statement_changes(&a->s, &b->s));
	return d;
}

/* ---- re-rendering a version ---- */

struct still {
	const struct jx_publication *pub;
	struct index ix; /* the year's tables classified now */
};

static int keep_classified(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct held *h = ctx;

	return hold_one(h, p, err);
}

static int refuse_classified(void *ctx, const struct jx_project *p, struct jx_err *err)
{
	const struct still *s = ctx;

	if (!find_table(&s->ix, p))
		return 0;
	return jx_err_set(err, JX_ECONFLICT, "第 %d 版中的“%s”现已标记为涉密，这一版不能再输出；请重新公开该年度",
			  s->pub->s.version, p->name);
}

/* The year's classified tables are few and kept; the version's tables are read past them. */
int jx_publication_still_public(struct jx_store *st, const struct jx_publication *pub, struct jx_err *err)
{
	struct jx_filter f = { .year = pub->s.year, .classified_only = true };
	struct held h = { NULL, 0, 0 };
	struct still s = { pub, { NULL, 0 } };
	int rc = jx_store_each(st, &f, keep_classified, &h, err);

	if (!rc && h.n) {
		s.ix = (struct index){ h.p, h.n };
		qsort(s.ix.p, s.ix.n, sizeof(*s.ix.p), by_kind_name);
		rc = jx_publication_tables(pub, refuse_classified, &s, err);
	}
	free_tables(h.p, h.n);
	return rc ? -1 : 0;
}

/* ---- hiding what is classified now ---- */

/* Drops name from a list of names (every occurrence). */
static void drop_name(char **names, size_t *n, const char *name)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++) {
		if (strcmp(names[i], name) == 0)
			free(names[i]);
		else
			names[k++] = names[i];
	}
	*n = k;
}

static int hide_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct jx_publication *pub = ctx;
	size_t i, k = 0;
	bool hit = false;

	(void)err;
	for (i = 0; i < pub->n; i++) {
		if (by_kind_name(&pub->p[i], &p) == 0) {
			jx_project_free(pub->p[i]);
			hit = true;
		} else {
			pub->p[k++] = pub->p[i];
		}
	}
	pub->n = k;
	if (hit || p->key) { /* its name, wherever the statement lists it */
		drop_name(pub->s.key_projects, &pub->s.n_key, p->name);
		drop_name(pub->s.attached, &pub->s.n_attached, p->name);
	}
	return 0;
}

int jx_publication_hide_classified(struct jx_store *st, struct jx_publication *pub, struct jx_err *err)
{
	struct jx_filter f = { .year = pub->s.year, .classified_only = true };

	return jx_publication_hold(pub, err) || jx_store_each(st, &f, hide_one, pub, err) ? -1 : 0;
}

/* ---- flags ---- */

static int set_flags(struct jx_store *st, struct jx_project *p, int key, int classified, const char *user,
		     struct jx_err *err)
{
	struct jx_project *before = jx_project_copy(p);
	json_t *detail;
	int rc = 0;

	if (key >= 0)
		p->key = key;
	if (classified >= 0)
		p->classified = classified;
	if (p->key != before->key || p->classified != before->classified) {
		detail = json_object();
		json_object_set_new(detail, "changes", jx_history_changes(before, p));
		rc = jx_store_put(st, p, err) || jx_history_add(st, p->id, user, "change", detail, err);
	}
	jx_project_free(before);
	return rc ? -1 : 0;
}

int jx_mark(struct jx_store *st, int64_t id, int key, int classified, const char *user, struct jx_err *err)
{
	struct jx_project *p = NULL;
	int rc;

	if (jx_store_begin(st, err))
		return -1;
	rc = jx_store_get(st, id, &p, err) || set_flags(st, p, key, classified, user, err);
	rc = jx_store_end(st, rc, err);
	jx_project_free(p);
	return rc;
}
