/*
 * publish.c — publications: choosing the tables, the statement's figures, versions. See publish.h.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- building ---- */

struct gather {
	struct jx_publication *pub;
	bool key_only;
	struct jx_project **all; /* every table to be counted, in store order */
	size_t n, cap;
};

/* Keeps a copy of every table of the year; one that is not approved as it stands (an adjustment under
 * review, 绩效目标调整) is kept as its current copy for now and replaced by its approved version after
 * the walk (see approved_versions()). */
static int take(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct gather *g = ctx;

	(void)err;
	jx_grow(&g->all, sizeof(*g->all), g->n + 1, &g->cap);
	g->all[g->n++] = jx_project_copy(p);
	return 0;
}

/* Replaces each table that is not approved by the version last approved, with its current flags, or
 * drops it if it never was approved. */
static int approved_versions(struct jx_store *st, struct gather *g, struct jx_err *err)
{
	size_t i, k = 0;

	for (i = 0; i < g->n; i++) {
		struct jx_project *p = g->all[i], *a = NULL;
		char *at = NULL;

		if (p->status != JX_APPROVED) {
			if (jx_workflow_approved(st, p->id, &a, &at, err)) {
				while (i < g->n)
					jx_project_free(g->all[i++]);
				g->n = k;
				return -1;
			}
			free(at);
			if (a) {
				a->key = p->key;
				a->classified = p->classified;
				a->status = JX_APPROVED;
			}
			jx_project_free(p);
			p = a;
		}
		if (p)
			g->all[k++] = p;
	}
	g->n = k;
	return 0;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The number of distinct budget units among the project tables. */
static size_t count_units(struct jx_project **all, size_t n)
{
	char **units = jx_calloc(n + 1, sizeof(*units));
	size_t i, k = 0, distinct = 0;

	for (i = 0; i < n; i++)
		if (all[i]->kind == JX_KIND_PROJECT)
			units[k++] = all[i]->unit;
	qsort(units, k, sizeof(*units), by_text);
	for (i = 0; i < k; i++)
		distinct += i == 0 || strcmp(units[i], units[i - 1]) != 0;
	free(units);
	return distinct;
}

static void add_name(char ***names, size_t *n, const char *name)
{
	*names = jx_realloc(*names, (*n + 1) * sizeof(**names));
	(*names)[(*n)++] = jx_strdup(name);
}

/* Attaches the tables of one kind (the key projects only, if key_only), in store order. */
static void attach(struct gather *g, enum jx_kind kind)
{
	struct jx_publication *pub = g->pub;
	size_t i;

	for (i = 0; i < g->n; i++) {
		struct jx_project *p = g->all[i];

		if (!p || p->kind != kind || (g->key_only && !p->key))
			continue;
		pub->p = jx_realloc(pub->p, (pub->n + 1) * sizeof(*pub->p));
		pub->p[pub->n++] = p;
		add_name(&pub->s.attached, &pub->s.n_attached, p->name);
		g->all[i] = NULL;
	}
}

static int figures(struct gather *g, struct jx_err *err)
{
	struct jx_statement *s = &g->pub->s;
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct jx_project *p = g->all[i];

		if (p->kind == JX_KIND_DEPARTMENT) {
			s->departments++;
			continue;
		}
		s->projects++;
		if (jx_money_add(s->money, p->total, &s->money))
			return jx_err_set(err, JX_ETOOBIG, "%d年度公开的资金合计超出可以表示的范围", s->year);
		if (p->key)
			add_name(&s->key_projects, &s->n_key, p->name);
	}
	s->units = count_units(g->all, g->n);
	return 0;
}

int jx_publication_build(struct jx_store *st, int year, bool key_only, struct jx_publication **out,
			 struct jx_err *err)
{
	struct jx_filter f = { .year = year, .hide_classified = true };
	struct jx_publication *pub = jx_calloc(1, sizeof(*pub));
	struct gather g = { pub, key_only, NULL, 0, 0 };
	size_t i;
	int rc;

	pub->s.year = year;
	pub->s.key_only = key_only;
	rc = jx_store_each(st, &f, take, &g, err) || approved_versions(st, &g, err);
	if (!rc && g.n == 0)
		rc = jx_err_set(err, JX_ENOTFOUND, "%d年度没有可以公开的绩效目标表（须已批准且不涉密）", year);
	if (!rc)
		rc = figures(&g, err);
	if (!rc) {
		attach(&g, JX_KIND_PROJECT);
		attach(&g, JX_KIND_DEPARTMENT);
		if (pub->n == 0) /* only with key_only */
			rc = jx_err_set(err, JX_ENOTFOUND, "%d年度没有可以公开的重点项目绩效目标表", year);
	}
	for (i = 0; i < g.n; i++)
		jx_project_free(g.all[i]);
	free(g.all);
	if (rc) {
		jx_publication_free(pub);
		return -1;
	}
	*out = pub;
	return 0;
}

void jx_publication_free(struct jx_publication *pub)
{
	size_t i;

	if (!pub)
		return;
	for (i = 0; i < pub->n; i++)
		jx_project_free(pub->p[i]);
	free(pub->p);
	for (i = 0; i < pub->s.n_key; i++)
		free(pub->s.key_projects[i]);
	free(pub->s.key_projects);
	for (i = 0; i < pub->s.n_attached; i++)
		free(pub->s.attached[i]);
	free(pub->s.attached);
	free(pub->s.by);
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

/* Appends v as compact JSON text and releases it. */
static void add_json(struct jx_buf *b, json_t *v)
{
	char *text = json_dumps(v, JX_JSON_DUMP | JSON_COMPACT);

	jx_buf_adds(b, text, NULL);
	free(text);
	json_decref(v);
}

/* The content a version freezes: {"statement":{…},"projects":[{…},
 * {…}]} — one table a line, written table by table so that a large publication never exists as one
 * JSON tree. at[i] receives where table i's JSON starts (it ends at the next newline or ']'). */
static char *content_text(const struct jx_publication *pub, size_t *at)
{
	struct jx_buf b = JX_BUF_INIT;
	size_t i;

	jx_buf_adds(&b, "{\"statement\":", NULL);
	add_json(&b, jx_statement_to_json(&pub->s));
	jx_buf_adds(&b, ",\"projects\":[", NULL);
	for (i = 0; i < pub->n; i++) {
		jx_buf_adds(&b, i ? ",\n" : "\n", NULL);
		at[i] = b.len;
		add_json(&b, jx_project_to_json(pub->p[i]));
	}
	at[pub->n] = b.len;
	jx_buf_adds(&b, "]}\n", NULL);
	return jx_buf_detach(&b, NULL);
}

static void sha256_hex(const char *text, char *hex)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	if (sodium_init() < 0)
		abort(); /* libsodium cannot work on this machine at all */
	crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
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

int jx_publication_save(struct jx_store *st, struct jx_publication *pub, const char *user, struct jx_err *err)
{
	size_t *at = jx_calloc(pub->n + 1, sizeof(*at)), i;
	char *text = content_text(pub, at);
	struct jx_published rec;
	int rc;

	struct latest last = { pub->s.key_only, 0, "", "", NULL };

	sha256_hex(text, pub->s.hash);
	jx_now(pub->s.at);
	free(pub->s.by);
	pub->s.by = jx_strdup(user ? user : "unknown");
	/* kept a table at a time: the head before the first, ",\n" between two, "]}\n" after the last */
	rec = (struct jx_published){ 0,	      pub->s.year, pub->s.at,	pub->s.by, pub->s.key_only, pub->s.hash,
				     pub->n, pub->s.money, NULL,	",\n",	   "]}\n" };
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
		last.by = NULL;
		rc = jx_store_end(st, 0, err);
		free(at);
		free(text);
		return rc;
	}
	free(last.by);
	if (!rc) {
		rec.content = jx_strndup(text, at[0]);
		rc = jx_store_add_publication(st, &rec, err);
		free((char *)rec.content);
		pub->s.version = rec.version;
		for (i = 0; i < pub->n && !rc; i++) { /* a table ends where ",\n" or "]" follows it */
			size_t len = (i + 1 < pub->n ? at[i + 1] - 2 : at[pub->n]) - at[i];

			rc = jx_store_publication_part_put(st, rec.version, i, text + at[i], len, err) ||
			     jx_store_published_put(st, pub->p[i]->id, rec.version, text + at[i], len, err);
		}
		rc = jx_store_end(st, rc, err);
		if (rc)
			pub->s.version = 0;
	}
	free(at);
	free(text);
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

/* Fills pub from a version's content (see content_text()), a table at a time. */
static int from_content(struct jx_publication *pub, const char *content, struct jx_err *err)
{
	const char *at = content, *end = content + strlen(content);
	size_t cap = 0;
	json_t *v;
	int rc;

	if (!expect(&at, "{\"statement\":") || !(v = next_value(&at, end)))
		goto corrupt;
	rc = statement_from(&pub->s, v);
	json_decref(v);
	if (rc || !expect(&at, ",\"projects\":["))
		goto corrupt;
	while (!expect(&at, "]}")) {
		if ((pub->n && !expect(&at, ",")) || !(v = next_value(&at, end)))
			goto corrupt;
		jx_grow(&pub->p, sizeof(*pub->p), pub->n + 1, &cap);
		rc = jx_project_from_json(v, &pub->p[pub->n], err);
		json_decref(v);
		if (rc)
			return jx_err_prefix(err, "第 %d 版公开的内容", pub->s.version);
		pub->n++;
	}
	return 0;
corrupt:
	return jx_err_set(err, JX_ESTORE, "第 %d 版公开的内容已损坏", pub->s.version);
}

/* True if the statement's figures are those of the attached tables (when all are attached). */
static bool figures_hold(const struct jx_publication *pub)
{
	const struct jx_statement *s = &pub->s;
	size_t i, projects = 0, departments = 0;
	jx_money money = 0;

	if (s->key_only)
		return s->n_attached == pub->n;
	for (i = 0; i < pub->n; i++) {
		if (pub->p[i]->kind == JX_KIND_DEPARTMENT)
			departments++;
		else if (projects++, jx_money_add(money, pub->p[i]->total, &money))
			return false;
	}
	return projects == s->projects && departments == s->departments && money == s->money && s->n_attached == pub->n;
}

static int check_loaded(struct jx_publication *pub, const struct jx_published *p, struct jx_err *err)
{
	char hash[65];

	pub->s.version = p->version;
	snprintf(pub->s.at, sizeof(pub->s.at), "%s", p->at);
	pub->s.by = jx_strdup(p->user);
	snprintf(pub->s.hash, sizeof(pub->s.hash), "%s", p->hash);
	sha256_hex(p->content, hash);
	if (strcmp(hash, p->hash) != 0)
		return jx_err_set(err, JX_ESTORE, "第 %d 版公开的内容与保存时的摘要不符，已被改动", p->version);
	if (from_content(pub, p->content, err))
		return -1;
	if (!figures_hold(pub))
		return jx_err_set(err, JX_ESTORE, "第 %d 版公开说明中的数字与所附的表不符", p->version);
	return 0;
}

/* A version's content put together again from its head, its tables and what stands between them. */
struct whole {
	struct jx_buf b;
	const char *sep;
	size_t n;
};

static int add_part(void *ctx, const char *body, size_t len, struct jx_err *err)
{
	struct whole *w = ctx;

	(void)err;
	if (w->n++)
		jx_buf_adds(&w->b, w->sep, NULL);
	jx_buf_add(&w->b, body, len, NULL);
	return 0;
}

static int loaded(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct jx_publication *pub = ctx;
	struct whole w = { JX_BUF_INIT, p->sep, 0 };
	struct jx_published whole = *p;
	int rc;

	jx_buf_adds(&w.b, p->content, NULL);
	rc = jx_store_publication_parts(pub->src_store, p->version, add_part, &w, err);
	jx_buf_adds(&w.b, p->tail, NULL);
	whole.content = w.b.ptr;
	if (!rc)
		rc = check_loaded(pub, &whole, err);
	jx_buf_release(&w.b);
	return rc;
}

int jx_publication_load(struct jx_store *st, int version, struct jx_publication **out, struct jx_err *err)
{
	struct jx_publication *pub = jx_calloc(1, sizeof(*pub));

	pub->src_store = st;
	if (jx_store_publication(st, version, loaded, pub, err)) {
		jx_publication_free(pub);
		return -1;
	}
	*out = pub;
	return 0;
}

int jx_publication_render(const struct jx_publication *pub, const struct jx_renderer *r,
			  const struct jx_render_opts *o, struct jx_buf *out, jx_flush_fn flush, void *ctx, struct jx_err *err)
{
	enum { CHUNK = 1 << 16 };
	struct jx_render rd;
	size_t i;
	int rc;

	jx_render_begin(&rd, r, o, out);
	rc = jx_render_statement(&rd, out, &pub->s, err);
	for (i = 0; i < pub->n && !rc; i++) {
		rc = jx_render_project(&rd, out, pub->p[i], err);
		if (!rc && flush && out->len >= CHUNK)
			rc = flush(ctx, out, err);
	}
	if (jx_render_end(&rd, out, rc != 0, rc ? NULL : err) || rc)
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
	struct index ix;
};

static int refuse_classified(void *ctx, struct jx_project *p, struct jx_err *err)
{
	const struct still *s = ctx;

	if (!find_table(&s->ix, p))
		return 0;
	return jx_err_set(err, JX_ECONFLICT, "第 %d 版中的“%s”现已标记为涉密，这一版不能再输出；请重新公开该年度",
			  s->pub->s.version, p->name);
}

int jx_publication_still_public(struct jx_store *st, const struct jx_publication *pub, struct jx_err *err)
{
	struct jx_filter f = { .year = pub->s.year, .classified_only = true };
	struct still s = { pub, index_of(pub) };
	int rc = jx_store_each(st, &f, refuse_classified, &s, err);

	free(s.ix.p);
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

	return jx_store_each(st, &f, hide_one, pub, err) ? -1 : 0;
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
