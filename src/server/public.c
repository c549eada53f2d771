/*
 * public.c — what the public reads, rendered once and answered as immutable bytes:
 *
 *   /public/{year}                       the year's latest publication, as jixiao publish --format html
 *   /public/versions/{N}                 publication N
 *   /public/projects/{id}                a table as the latest publication holding it published it
 *   /public/versions/{N}/projects/{id}   the table as publication N published it
 *   /api/projects/{id}    (anonymous)    its JSON, as the latest publication holding it published it
 *   /api/versions/{N}/projects/{id}      its JSON as publication N published it
 *
 * A publication version never changes, so what it shows is rendered on its first request and kept in
 * the server's page cache (pagecache.h), which every pool thread shares, under (what, version, table):
 * its bytes, their SHA-256 and their gzip form, made once. Every answer carries that digest as a strong
 * ETag ("DIGEST", or "DIGEST-gzip" for the gzip body, sent when the request accepts it; Vary:
 * Accept-Encoding), is 304 Not Modified for an If-None-Match naming it, and says how long it may be
 * kept: an address naming its version never changes (Cache-Control: immutable), the others follow the
 * latest publication and are asked again each time (no-cache).
 *
 * Nothing kept outlives a change in the store: every request first asks the store which version the
 * address stands for and whether it may still be shown (a table classified since, a publication
 * holding one) — on every server sharing the store, at once — and only then looks for the bytes. A
 * table found withdrawn is dropped from the cache. The bytes are the renderers': an answer from the
 * cache is the same as one rendered afresh, and every server renders the same bytes, so the ETag is
 * the same whichever server answers.
 *
 * A kept page's answers are made once too (the page's slots): a hit is a hash lookup and a queued
 * response. An answer that needs a header of its own (a cookie being cleared, the connection to be
 * closed) is made afresh.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jixiao/alloc.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/pagecache.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/store.h"
#include "server.h"

enum { TABLE_HTML, TABLE_JSON, YEAR_HTML }; /* the kinds of pages kept */

static const char type_html[] = "text/html; charset=utf-8";
static const char type_json[] = "application/json; charset=utf-8";

/* What a versioned address may be kept for: it never changes (a withdrawn one answers 404 here at once;
 * a copy kept elsewhere lasts as long as this says). */
#define IMMUTABLE "public, max-age=31536000, immutable"

/* What a kept answer holds besides the page's bytes (libmicrohttpd's response and its dozen headers),
 * counted against the cache's size: a page may have eight. */
#define ANSWER_COST 2048

static struct jx_pagecache *cache;
static size_t identity_max; /* larger pages are kept as gzip only (none: nothing is kept) */

void srv_public_start(size_t budget)
{
	cache = jx_pagecache_new(budget);
	identity_max = budget ? budget / 16 : SIZE_MAX;
}

void srv_public_stop(void)
{
	jx_pagecache_free(cache);
	cache = NULL;
}

/* ---- the answer ---- */

enum { PLAIN, GZIP }; /* the body's coding */

/* The answer to a request for page p, decided from the request's headers. */
struct srv_answer {
	struct jx_rendered *p;
	bool immutable;
	int coding;   /* of the body sent, or, for a 304, of the ETag the request named */
	bool not_modified;
	bool hit;
};

/* Whether an Accept-Encoding header takes gzip: named (or x-gzip) with a quality above 0, or * with one
 * and gzip not refused. */
static bool takes_gzip(const char *s)
{
	int gzip = -1, star = -1;

	while (s && *s) {
		size_t n;
		const char *q;
		bool zero;

		s += strspn(s, " \t,");
		n = strcspn(s, " \t;,");
		q = s + n;
		q += strspn(q, " \t");
		zero = false;
		if (*q == ';') {
			q++;
			q += strspn(q, " \t");
			if ((*q == 'q' || *q == 'Q') && q[1] == '=')
				zero = q[2] == '0' && strspn(q + 3, ".0") == strcspn(q + 3, " \t,");
		}
		if ((n == 4 && strncasecmp(s, "gzip", 4) == 0) || (n == 6 && strncasecmp(s, "x-gzip", 6) == 0))
			gzip = !zero;
		else if (n == 1 && *s == '*')
			star = !zero;
		s += strcspn(s, ",");
	}
	return gzip >= 0 ? gzip : star > 0;
}

/* Whether If-None-Match names p (by either coding's tag; W/ compares weakly, as RFC 9110 says for this
 * header): -1 if not, else the coding of the tag named (* names the coding the body would have). */
static int named(const char *s, const struct jx_rendered *p, int coding)
{
	while (s && *s) {
		const char *end;
		size_t n;

		s += strspn(s, " \t,");
		if (*s == '*')
			return coding;
		if (strncmp(s, "W/", 2) == 0)
			s += 2;
		if (*s != '"' || !(end = strchr(s + 1, '"')))
			return -1;
		n = (size_t)(end - s - 1);
		if ((n == 64 || (n == 69 && strncmp(s + 65, "-gzip", 5) == 0)) && strncmp(s + 1, p->digest, 64) == 0)
			return n == 64 ? PLAIN : GZIP;
		s = end + 1;
	}
	return -1;
}

static void add_header(struct MHD_Response *resp, const char *name, const char *value)
{
	if (MHD_add_response_header(resp, name, value) != MHD_YES)
		abort();
}

/* A reader of a page kept as gzip only, for a body sent as it is. */
static ssize_t read_piece(void *cls, uint64_t pos, char *buf, size_t max)
{
	ssize_t n = jx_rendered_reader_read(cls, buf, max);

	(void)pos;
	return n > 0 ? n : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void end_reading(void *cls)
{
	jx_rendered_reader_free(cls);
}

/* The answer a as an MHD response: the body (or none for a 304) and the headers every such answer
 * has. */
static struct MHD_Response *make_response(const struct srv_answer *a, const char *cached)
{
	struct jx_rendered *p = a->p;
	struct MHD_Response *resp;
	char etag[80];

	/* A 304 has no body. libmicrohttpd (0.9.75) says Content-Length: 0 of it, which every client
	 * ignores there (RFC 9110 6.3) and no cache takes over (RFC 9111 3.2); the length of the body a
	 * 200 would carry, which RFC 9110 8.6 prefers, makes wrk's parser wait for that body. */
	if (a->not_modified) {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	} else if (a->coding == GZIP) {
		jx_rendered_pin(p);
		resp = MHD_create_response_from_buffer_with_free_callback_cls(p->gz_len, p->gz, jx_rendered_unpin, p);
	} else if (p->bytes) {
		jx_rendered_pin(p);
		resp = MHD_create_response_from_buffer_with_free_callback_cls(p->len, p->bytes, jx_rendered_unpin, p);
	} else {
		struct jx_rendered_reader *rd = jx_rendered_reader_new(p);

		resp = MHD_create_response_from_callback(p->len, 64 * 1024, read_piece, rd, end_reading);
	}
	if (!resp)
		abort(); /* only for want of memory */
	if (!a->not_modified) { /* a 304 updates the stored answer, which keeps the rest (RFC 9111 4.3.4) */
		srv_common_headers(resp);
		add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, p->type);
		if (a->coding == GZIP)
			add_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	}
	snprintf(etag, sizeof(etag), "\"%s%s\"", p->digest, a->coding == GZIP ? "-gzip" : "");
	add_header(resp, MHD_HTTP_HEADER_ETAG, etag);
	add_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, a->immutable ? IMMUTABLE : "no-cache");
	/* the JSON's stable address answers a session otherwise (the table as it stands) */
	add_header(resp, MHD_HTTP_HEADER_VARY, p->type == type_json ? "Accept-Encoding, Cookie" : "Accept-Encoding");
	add_header(resp, "X-Cache", cached);
	return resp;
}

static void *make_kept(void *ctx)
{
	return make_response(ctx, "hit");
}

static void drop_kept(void *resp)
{
	MHD_destroy_response(resp);
}

enum MHD_Result srv_public_queue(struct srv_req *r)
{
	const struct srv_answer *a = r->answer;
	struct MHD_Response *resp;
	enum MHD_Result ok;
	unsigned slot = (unsigned)a->not_modified * 4 + (unsigned)a->immutable * 2 + (unsigned)a->coding;
	bool own = !a->hit || r->set_cookie || r->close || (!a->not_modified && a->coding == PLAIN && !a->p->bytes);

	resp = own ? make_response(a, a->hit ? "hit" : "miss")
		   : jx_pagecache_slot(cache, a->p, slot, make_kept, (void *)a, drop_kept, ANSWER_COST);
	if (!resp)
		return MHD_NO;
	if (own && r->set_cookie) { /* an answer for this client alone: no cache may keep it for others */
		if (MHD_del_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, a->immutable ? IMMUTABLE : "no-cache") != MHD_YES)
			abort();
		add_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-cache");
		add_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_cookie);
	}
	if (own && r->close)
		add_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	r->out.len = a->not_modified ? 0 : a->coding == GZIP ? a->p->gz_len : a->p->len; /* for the log line */
	ok = MHD_queue_response(r->conn, a->not_modified ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, resp);
	if (own)
		MHD_destroy_response(resp);
	return ok;
}

/* Answers r with page p (the request's use of it passes to r). */
static void answer(struct srv_req *r, struct jx_rendered *p, bool immutable, bool hit)
{
	struct srv_answer *a = jx_calloc(1, sizeof(*a));
	int tag;

	a->p = p;
	a->immutable = immutable;
	a->hit = hit;
	a->coding = takes_gzip(srv_header(r, MHD_HTTP_HEADER_ACCEPT_ENCODING)) ? GZIP : PLAIN;
	if ((tag = named(srv_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH), p, a->coding)) >= 0) {
		a->not_modified = true;
		a->coding = tag;
	}
	r->answer = a;
	r->status = a->not_modified ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK;
	jx_buf_reset(&r->out);
}

void srv_public_free(struct srv_req *r)
{
	struct srv_answer *a = r->answer;

	if (a) {
		jx_rendered_release(a->p);
		free(a);
		r->answer = NULL;
	}
}

/* Keeps the bytes rendered into out under k (in the cache, if they fit) and answers with them. */
static void answer_rendered(struct srv_req *r, const struct jx_pagecache_key *k, struct jx_buf *out, const char *type,
			    bool immutable)
{
	struct jx_rendered *p = jx_rendered_make(out->ptr, out->len, type, out->len <= identity_max);

	jx_buf_release(out);
	jx_pagecache_put(cache, k, p);
	answer(r, p, immutable, false);
}

/* ---- a published table ---- */

static int take_version(void *ctx, const struct jx_published_table *t, struct jx_err *err)
{
	(void)err;
	*(int *)ctx = t->version;
	return 0;
}

/* Renders project p as the public sees it: its page, or its JSON without its state (what was
 * published; its state now is not the public's). */
static int render_table(const struct jx_project *p, bool json, struct jx_buf *out, struct jx_err *err)
{
	struct jx_render rd;
	json_t *doc;
	char *s;

	if (!json) {
		jx_render_begin(&rd, &jx_render_html, &(struct jx_render_opts){ 0 }, out);
		return jx_render_project(&rd, out, p, err) | jx_render_end(&rd, out, false, err);
	}
	doc = jx_project_to_json(p);
	json_object_del(doc, "status");
	s = json_dumps(doc, JX_JSON_DUMP);
	json_decref(doc);
	if (!s)
		abort();
	jx_buf_adds(out, s, NULL);
	jx_buf_addc(out, '\n', NULL);
	free(s);
	return 0;
}

static void fail(struct srv_req *r, bool json, struct jx_err *err)
{
	if (json)
		srv_json_err(r, err);
	else
		srv_error_page(r, srv_status_of(r, err), err->msg);
}

void srv_public_table(struct srv_req *r, int64_t id, int version, bool json)
{
	struct jx_pagecache_key k = { json ? TABLE_JSON : TABLE_HTML, version, id };
	struct jx_project *p = NULL;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_rendered *kept;

	/* which version the address stands for, and whether the table may still be shown: every time */
	if (!id) {
		jx_err_set(&err, JX_ENOTFOUND, "没有这个项目");
		fail(r, json, &err);
		return;
	}
	if (jx_store_published_at(r->st, id, version, false, take_version, &k.version, &err)) {
		if (err.code == JX_ENOTFOUND)
			jx_pagecache_forget_id(cache, id); /* withdrawn, if it ever was published */
		fail(r, json, &err);
		return;
	}
	if ((kept = jx_pagecache_get(cache, &k))) {
		answer(r, kept, version != 0, true);
		return;
	}
	if (jx_store_published_at(r->st, id, k.version, true, srv_published_take, &p, &err) ||
	    render_table(p, json, &out, &err)) {
		jx_project_free(p);
		jx_buf_release(&out);
		if (err.code == JX_ENOTFOUND) /* withdrawn in between */
			jx_err_set(&err, JX_ENOTFOUND, "没有这个项目");
		fail(r, json, &err);
		return;
	}
	jx_project_free(p);
	answer_rendered(r, &k, &out, json ? type_json : type_html, version != 0);
}

/* ---- a publication's disclosure ---- */

static const char withdrawn_msg[] = "该年度的公开文件已撤回，请等待重新公开";

static int flush_none(void *ctx, struct jx_buf *out, struct jx_err *err)
{
	(void)ctx, (void)out, (void)err;
	return 0; /* the page is the whole buffer */
}

/* Publication version's disclosure page, as jixiao publish --format html renders it. */
static void disclosure(struct srv_req *r, int version, bool immutable)
{
	struct jx_pagecache_key k = { YEAR_HTML, version, 0 };
	struct jx_publication *pub = NULL;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_rendered *kept;
	bool withdrawn;

	if (jx_store_withdrawn(r->st, version, &withdrawn, &err)) {
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return;
	}
	if (withdrawn) { /* a version holding a table since classified is not shown at all */
		jx_pagecache_forget(cache, &k);
		srv_error_page(r, MHD_HTTP_NOT_FOUND, withdrawn_msg);
		return;
	}
	if ((kept = jx_pagecache_get(cache, &k))) {
		answer(r, kept, immutable, true);
		return;
	}
	if (jx_publication_load(r->st, version, &pub, &err) || jx_publication_still_public(r->st, pub, &err) ||
	    jx_publication_render(pub, &jx_render_html, &(struct jx_render_opts){ 0 }, &out, flush_none, NULL, &err)) {
		jx_publication_free(pub);
		jx_buf_release(&out);
		srv_error_page(r, err.code == JX_ECONFLICT ? MHD_HTTP_NOT_FOUND : srv_status_of(r, &err),
			       err.code == JX_ECONFLICT ? withdrawn_msg : err.msg);
		return;
	}
	jx_publication_free(pub);
	answer_rendered(r, &k, &out, type_html, immutable);
}

struct versions {
	int year;    /* of this year (0: any) */
	int want;    /* this version (0: the latest) */
	int version; /* found */
};

static int note_version(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct versions *v = ctx;

	(void)err;
	if (!v->want || p->version == v->want)
		v->version = p->version; /* oldest first: the last seen is the latest */
	return 0;
}

/* The latest publication of year (or, year 0, publication version if there is one): 0 if none, -1 after
 * answering a failure. */
static int find_version(struct srv_req *r, int year, int version)
{
	struct versions v = { year, version, 0 };
	struct jx_err err = { 0 };

	if (jx_store_publications(r->st, year, note_version, &v, &err)) {
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return -1;
	}
	return v.version;
}

void srv_public_year(struct srv_req *r, int year)
{
	int version = find_version(r, year, 0);

	if (version > 0)
		disclosure(r, version, false);
	else if (version == 0)
		srv_error_page(r, MHD_HTTP_NOT_FOUND, "该年度尚未公开绩效目标");
}

void srv_public_version(struct srv_req *r, int version)
{
	int found = version ? find_version(r, 0, version) : 0;

	if (found > 0)
		disclosure(r, found, true);
	else if (found == 0)
		srv_error_page(r, MHD_HTTP_NOT_FOUND, "没有这一版公开");
}
