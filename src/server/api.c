/*
 * api.c — the JSON API, on the same code paths as the pages (act.c):
 *
 *   POST /api/login {"user", "password"} → {"csrf", "user", "role", "unit"}   POST /api/logout
 *   GET  /api/projects                     a page of those the caller may see, each with id and name:
 *                                          ?limit=N (default 100, at most 1000) &cursor=C (the "next"
 *                                          of the page before), filters and sort as list.c reads them
 *                                          → {"projects": […], "next": C or null}
 *   GET  /api/projects/{id}                the canonical JSON of one project; signed in, with its
 *                                          revision as the ETag ("7"), as POST and PUT answer too
 *   POST /api/projects                     create (body: the JSON form of one project)
 *   PUT  /api/projects/{id}                replace; with If-Match: "7" (or "revision": 7 in the body)
 *                                          only if no other write came since, else 409; without either,
 *                                          the last writer wins (as before revisions)
 *   GET  /api/projects/{id}/findings       the review's findings, as jixiao check --format json
 *   POST /api/projects/{id}/submit|approve|return   (return: {"reason": …})
 *   GET  /api/projects/{id}/history
 *   POST /api/check                        findings for a table not saved (the edit page, as one types)
 *
 * Every state-changing call made with a session needs the X-CSRF-Token header, else 403. Bodies are
 * JSON sent as application/json, else 415.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jixiao/access.h"
#include "jixiao/json_io.h"
#include "jixiao/peers.h"
#include "jixiao/buf.h"
#include "jixiao/drafts.h"
#include "jixiao/model.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "server.h"

static void send_json(struct srv_req *r, unsigned status, json_t *body)
{
	char *s = json_dumps(body, JX_JSON_DUMP);

	json_decref(body);
	r->status = status;
	r->type = "application/json; charset=utf-8";
	r->private = true;
	jx_buf_reset(&r->out);
	if (!s)
		abort();
	jx_buf_adds(&r->out, s, NULL);
	jx_buf_addc(&r->out, '\n', NULL);
	free(s);
}

void srv_json_send(struct srv_req *r, unsigned status, json_t *body)
{
	send_json(r, status, body);
}

void srv_json_error(struct srv_req *r, unsigned status, const char *msg)
{
	/* a message quoting input cut short might not be UTF-8, which JSON cannot carry */
	send_json(r, status, json_pack("{s:s}", "error", jx_utf8_valid(msg, strlen(msg)) ? msg : "请求有误"));
}

void srv_json_err(struct srv_req *r, struct jx_err *err)
{
	unsigned status = srv_status_of(r, err);

	srv_json_error(r, status, err->msg);
}

/* Whether a Content-Type is application/json (parameters such as charset aside). A page of another
 * site can post a form as text/plain whose body is JSON, without our CSRF token and with no
 * preflight; it cannot send application/json. Without this, such a form could log a visitor in to
 * an account of the other site's choosing (login needs no session, hence no token). */
static bool is_json_type(const char *type)
{
	static const char json[] = "application/json";

	if (!type || strncasecmp(type, json, sizeof(json) - 1) != 0)
		return false;
	type += sizeof(json) - 1;
	return !*type || *type == ';' || *type == ' ' || *type == '\t';
}

/* The body as a JSON value; answers 400 (415 if not sent as JSON) and returns NULL if it is not one. */
static json_t *body_json(struct srv_req *r)
{
	json_error_t jerr;
	json_t *v;
	char msg[300];

	if (!r->body.len) {
		srv_json_error(r, MHD_HTTP_BAD_REQUEST, "请求体为空，应为 JSON");
		return NULL;
	}
	if (!is_json_type(srv_header(r, MHD_HTTP_HEADER_CONTENT_TYPE))) {
		srv_json_error(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "请求体应以 Content-Type: application/json 提交");
		return NULL;
	}
	v = json_loadb(r->body.ptr, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!v) {
		snprintf(msg, sizeof(msg), "请求体不是有效的 JSON（第%d行第%d列）：%s", jerr.line, jerr.column, jerr.text);
		srv_json_error(r, MHD_HTTP_BAD_REQUEST, msg);
	} else if (!json_is_object(v)) {
		json_decref(v);
		srv_json_error(r, MHD_HTTP_BAD_REQUEST, "请求体应为 JSON 对象");
		v = NULL;
	}
	return v;
}

/* The revision the editor read (0: none given): the If-Match header, else a "revision" key of obj, which
 * is taken out (the JSON form has no such field). Answers 400 and returns -1 if either is
 * not a revision. */
static int take_revision(struct srv_req *r, json_t *obj, int64_t *revision)
{
	const char *match = srv_header(r, MHD_HTTP_HEADER_IF_MATCH);
	json_t *key = json_object_get(obj, "revision");

	*revision = 0;
	if (key) {
		*revision = json_is_integer(key) && json_integer_value(key) > 0 ? (int64_t)json_integer_value(key) : -1;
		json_object_del(obj, "revision");
	}
	if (match && strcmp(match, "*") != 0)
		*revision = srv_revision(match) ? srv_revision(match) : -1;
	else if (match) /* any revision: the last writer wins */
		*revision = 0;
	if (*revision >= 0)
		return 0;
	srv_json_error(r, MHD_HTTP_BAD_REQUEST, "If-Match 或“revision”应为读取该项目时得到的修订号（如 \"7\"）");
	return -1;
}

/* A project from the body: one object of the JSON form, or {"projects": [one]}. */
static struct jx_project *body_project(struct srv_req *r)
{
	json_t *v = body_json(r), *obj, *arr;
	struct jx_project *p = NULL;
	struct jx_err err = { 0 };
	int64_t revision;

	if (!v)
		return NULL;
	obj = v;
	arr = json_object_get(v, "projects");
	if (arr) {
		if (!json_is_array(arr) || json_array_size(arr) != 1 || json_object_size(v) != 1) {
			json_decref(v);
			srv_json_error(r, MHD_HTTP_BAD_REQUEST, "“projects”应恰好包含一个项目");
			return NULL;
		}
		obj = json_array_get(arr, 0);
	}
	if (take_revision(r, obj, &revision)) {
		json_decref(v);
		return NULL;
	}
	if (jx_project_from_json(obj, &p, &err)) {
		err.code = JX_EINPUT;
		srv_json_err(r, &err);
		p = NULL;
	} else {
		p->revision = revision;
	}
	json_decref(v);
	return p;
}

static json_t *findings_json(const struct jx_project *p, const struct jx_findings *f)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < f->n; i++)
		json_array_append_new(arr, jx_finding_to_json(p, &f->f[i]));
	return arr;
}

/* ---- login ---- */

static void login(struct srv_req *r)
{
	json_t *v = body_json(r);
	const char *user, *password;
	struct jx_account a;
	struct jx_err err = { 0 };
	unsigned status;

	if (!v)
		return;
	user = json_string_value(json_object_get(v, "user"));
	password = json_string_value(json_object_get(v, "password"));
	if (!user || !password) {
		json_decref(v);
		srv_json_error(r, MHD_HTTP_BAD_REQUEST, "需要字符串字段“user”和“password”");
		return;
	}
	status = srv_sign_in(r, user, password, &a, &err);
	json_decref(v);
	if (status != MHD_HTTP_OK) {
		srv_json_error(r, status, err.msg);
		return;
	}
	send_json(r, MHD_HTTP_OK,
		  json_pack("{s:s, s:s, s:s, s:s?}", "csrf", r->csrf, "user", a.name, "role", jx_role_name(a.role), "unit",
			    jx_role_has_unit(a.role) ? a.unit : NULL));
}

/* ---- listing ---- */

#define LIST_LIMIT 100 /* rows of a page unless limit says */

static int list_published(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	(void)err;
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:i, s:s, s:i}", "id", (json_int_t)s->id, "name", s->name,
					     "year", s->year, "unit", s->unit, "version", s->version));
	return 0;
}

static int list_mine(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	char total[JX_DEC_STRMAX];

	(void)err;
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)s->id,
					     "name", s->name, "year", s->year, "unit", s->unit, "kind",
					     jx_kind_name(s->kind), "status", jx_status_name(s->status), "total",
					     jx_money_format(s->total, total), "key", s->key, "classified", s->classified));
	return 0;
}

/* The page's size from limit: 0, or -1 after answering 400. */
static int page_limit(struct srv_req *r, size_t *limit)
{
	const char *v = srv_query(r, "limit");
	size_t n = 0, i;

	*limit = LIST_LIMIT;
	if (!v || !*v)
		return 0;
	for (i = 0; v[i] >= '0' && v[i] <= '9' && i < 5; i++)
		n = n * 10 + (size_t)(v[i] - '0');
	if (v[i] || n < 1 || n > JX_PAGE_MAX) {
		srv_json_error(r, MHD_HTTP_BAD_REQUEST, "参数 limit 应为 1–1000 之间的整数（每页的项目数）");
		return -1;
	}
	*limit = n;
	return 0;
}

/* GET /api/projects[?limit=N&cursor=C&year=…&sort=…]: a page of what the caller may see (list.c), and
 * the cursor of the next page ("next", null after the last). */
static void list(struct srv_req *r)
{
	struct srv_list l;
	struct jx_cursor after = { 0 };
	struct jx_page_out out;
	struct jx_err err = { 0 };
	const char *cursor = srv_query(r, "cursor");
	char *next;
	json_t *arr;

	if (srv_list_params(r, &l, JX_SORT_YEAR, false) || page_limit(r, &l.q.limit))
		return;
	if (cursor && *cursor) {
		if (jx_cursor_parse(cursor, l.q.sort, l.q.desc, &after, &err)) {
			srv_json_error(r, MHD_HTTP_BAD_REQUEST, "参数 cursor 无效：应为同一排序、同一筛选条件下上一页答复中的 next，原样传回");
			return;
		}
		l.q.after = &after;
	}
	arr = json_array();
	memset(&out, 0, sizeof(out));
	if (!l.none && jx_store_page(r->st, &l.q, r->logged_in ? list_mine : list_published, arr, &out, &err)) {
		jx_cursor_clear(&after);
		json_decref(arr);
		srv_json_err(r, &err);
		return;
	}
	jx_cursor_clear(&after);
	next = out.more ? jx_cursor_format(&out.next) : NULL;
	jx_cursor_clear(&out.next);
	send_json(r, MHD_HTTP_OK, json_pack("{s:o, s:s?}", "projects", arr, "next", next));
	free(next);
}

/* ---- one project ---- */

static void get_one(struct srv_req *r, int64_t id)
{
	struct jx_project *p;
	struct jx_err err = { 0 };
	json_t *doc;

	if (!r->logged_in) { /* the public's form: the same for everyone, rendered once (public.c) */
		srv_public_table(r, id, 0, true);
		return;
	}
	if (srv_load(r, id, JX_ACT_READ, &p, &err)) {
		srv_json_err(r, &err);
		return;
	}
	doc = jx_project_to_json(p);
	snprintf(r->etag, sizeof(r->etag), "\"%lld\"", (long long)p->revision);
	jx_project_free(p);
	send_json(r, MHD_HTTP_OK, doc);
}

static void saved(struct srv_req *r, int64_t id, struct jx_project *p, unsigned status)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	struct jx_grade g;
	struct jx_err err = { 0 };
	char loc[64];

	if (srv_save(r, id, p, &err)) {
		jx_project_free(p);
		if (r->bad_field) /* well-formed, but a value the store does not take: the field named */
			send_json(r, MHD_HTTP_UNPROCESSABLE_CONTENT,
				  json_pack("{s:s, s:s}", "error", err.msg, "field", r->bad_field));
		else
			srv_json_err(r, &err);
		return;
	}
	srv_review(r, p, &f, &g);
	send_json(r, status,
		  json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)p->id, "name", p->name, "status",
			    jx_status_name(p->status), "findings", findings_json(p, &f), "grade", srv_grade_json(&g)));
	snprintf(r->etag, sizeof(r->etag), "\"%lld\"", (long long)p->revision);
	if (status == MHD_HTTP_CREATED) {
		snprintf(loc, sizeof(loc), "/api/projects/%lld", (long long)p->id);
		r->location = strdup(loc);
	}
	jx_findings_clear(&f);
	jx_project_free(p);
}

static void findings(struct srv_req *r, int64_t id)
{
	struct jx_project *p;
	struct jx_findings f = JX_FINDINGS_INIT;
	struct jx_grade g;
	struct jx_err err = { 0 };

	if (srv_load(r, id, JX_ACT_INSIDE, &p, &err)) {
		srv_json_err(r, &err);
		return;
	}
	srv_review(r, p, &f, &g);
	send_json(r, MHD_HTTP_OK, json_pack("{s:o, s:b, s:o}", "findings", findings_json(p, &f), "blocks", jx_findings_block(&f),
					    "grade", srv_grade_json(&g)));
	jx_findings_clear(&f);
	jx_project_free(p);
}

/* GET /api/projects/{id}/context: {"id", "year", "indicators": [{"seq", "indicator", "unit", "target",
 * "last_year", "mean", "peers"}]} — what stands beside each target (peers.h), for the indicators that
 * have any. */
static void context(struct srv_req *r, int64_t id)
{
	struct jx_project *p;
	struct jx_target_context tc;
	struct srv_context *c;
	struct jx_buf b = JX_BUF_INIT;
	struct jx_err err = { 0 };
	json_t *body;
	size_t i, n = 0;

	if (srv_load(r, id, JX_ACT_INSIDE, &p, &err)) {
		srv_json_err(r, &err);
		return;
	}
	c = srv_context_open(r, p);
	jx_buf_addf(&b, NULL, "{\"id\": %lld, \"year\": %d, \"indicators\": [", (long long)p->id, p->year);
	for (i = 0; i < p->n_ind; i++) {
		if (!srv_context_of(c, p, i, &tc))
			continue;
		jx_buf_addf(&b, NULL, "%s{\"seq\": %zu, \"indicator\": ", n++ ? ", " : "", i);
		jx_json_string(&b, p->ind[i].name);
		jx_buf_adds(&b, ", \"unit\": ", NULL);
		if (p->ind[i].unit)
			jx_json_string(&b, p->ind[i].unit);
		else
			jx_buf_adds(&b, "null", NULL);
		jx_buf_adds(&b, ", \"target\": ", NULL);
		if (p->ind[i].target)
			jx_json_string(&b, p->ind[i].target);
		else
			jx_buf_adds(&b, "null", NULL);
		jx_buf_adds(&b, ", ", NULL);
		jx_target_context_json(&tc, &b);
		jx_buf_addc(&b, '}', NULL);
	}
	jx_buf_adds(&b, "]}", NULL);
	srv_context_close(c);
	jx_project_free(p);
	body = json_loadb(b.ptr, b.len, 0, NULL);
	jx_buf_release(&b);
	if (!body) {
		srv_json_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "内部错误");
		return;
	}
	send_json(r, MHD_HTTP_OK, body);
}

static int history_one(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	(void)err;
	json_array_append_new(ctx, jx_event_to_json(e));
	return 0;
}

static void history(struct srv_req *r, int64_t id)
{
	struct jx_project *p;
	struct jx_err err = { 0 };
	json_t *arr;

	if (srv_load(r, id, JX_ACT_INSIDE, &p, &err)) {
		srv_json_err(r, &err);
		return;
	}
	jx_project_free(p);
	arr = json_array();
	if (jx_store_history(r->st, id, history_one, arr, &err)) {
		json_decref(arr);
		srv_json_err(r, &err);
		return;
	}
	send_json(r, MHD_HTTP_OK, json_pack("{s:I, s:o}", "id", (json_int_t)id, "history", arr));
}

static void transition(struct srv_req *r, int64_t id, const char *action)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	struct jx_err err = { 0 };
	struct jx_project *p;
	const char *reason = NULL;
	json_t *v = NULL;

	if (!r->logged_in) { /* 404 for what cannot be seen, else 401: before the body is looked at */
		if (!srv_load(r, id, JX_ACT_SUBMIT, &p, &err))
			jx_project_free(p);
		srv_json_err(r, &err);
		return;
	}
	if (strcmp(action, "return") == 0) {
		if (!(v = body_json(r)))
			return;
		reason = json_string_value(json_object_get(v, "reason"));
		if (!reason || !*reason) {
			json_decref(v);
			srv_json_error(r, MHD_HTTP_BAD_REQUEST, "退回需要字符串字段“reason”（退回理由）");
			return;
		}
	}
	if (srv_transition(r, id, action, reason, &f, &err)) {
		unsigned status = srv_status_of(r, &err);
		json_t *body = json_pack("{s:s}", "error", jx_utf8_valid(err.msg, strlen(err.msg)) ? err.msg : "请求有误");

		if (f.n && !jx_store_get(r->st, id, &p, NULL)) {
			json_object_set_new(body, "findings", findings_json(p, &f));
			jx_project_free(p);
		}
		send_json(r, status, body);
	} else if (!jx_store_get(r->st, id, &p, &err)) {
		send_json(r, MHD_HTTP_OK, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name", p->name, "status",
						    jx_status_name(p->status)));
		jx_project_free(p);
	} else {
		srv_json_err(r, &err);
	}
	jx_findings_clear(&f);
	json_decref(v);
}

static void check_unsaved(struct srv_req *r)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	struct jx_grade g;
	struct jx_project *p = body_project(r);

	if (!p)
		return;
	srv_review(r, p, &f, &g);
	send_json(r, MHD_HTTP_OK, json_pack("{s:o, s:b, s:o}", "findings", findings_json(p, &f), "blocks", jx_findings_block(&f),
					    "grade", srv_grade_json(&g)));
	jx_findings_clear(&f);
	jx_project_free(p);
}

static bool is(const struct srv_req *r, const char *method)
{
	return strcmp(r->method, method) == 0 || (strcmp(method, "GET") == 0 && strcmp(r->method, "HEAD") == 0);
}

static void not_allowed(struct srv_req *r)
{
	srv_json_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
}

/* GET /api/versions/{N}/projects/{id}: a table's JSON as publication N published it, the same for
 * everyone (public.c). rest: what follows versions/. */
static void versioned(struct srv_req *r, const char *rest)
{
	const char *slash = strchr(rest, '/');
	int64_t version = slash ? srv_id(rest, (size_t)(slash - rest)) : 0;

	if (!version || version > INT32_MAX || strncmp(slash, "/projects/", 10) != 0)
		{ srv_json_error(r, MHD_HTTP_NOT_FOUND, "没有这个接口"); return; }
	if (!is(r, "GET"))
		{ not_allowed(r); return; }
	srv_public_table(r, srv_id(slash + 10, strlen(slash + 10)), (int)version, true);
}

/* DELETE /api/projects/{id}: a draft that never went to review (drafts.h) → 204; a table the caller
 * may not read (or any, without a session) 404 as a missing one; one that went to review 409. */
static void delete_one(struct srv_req *r, int64_t id)
{
	struct jx_err err = { 0 };
	char name[1024];

	if (!r->logged_in) {
		srv_json_error(r, MHD_HTTP_NOT_FOUND, "没有这个项目");
		return;
	}
	if (jx_draft_delete(r->st, &r->who, id, name, sizeof(name), &err)) {
		srv_json_err(r, &err);
		return;
	}
	r->status = MHD_HTTP_NO_CONTENT;
}

void srv_api(struct srv_req *r, const char *rest)
{
	bool changes = !is(r, "GET");
	const char *slash;
	int64_t id;
	struct jx_project *p;

	if (strcmp(rest, "login") == 0) {
		if (!is(r, "POST"))
			{ not_allowed(r); return; }
		{ login(r); return; }
	}
	/* a session's changes need its CSRF token; without a session, access answers (401 or 404) */
	if (changes && r->logged_in && !srv_csrf_ok(r))
		{ srv_json_error(r, MHD_HTTP_FORBIDDEN, "缺少或错误的 X-CSRF-Token 请求头"); return; }
	if (strcmp(rest, "logout") == 0) {
		if (!is(r, "POST"))
			{ not_allowed(r); return; }
		srv_logout(r);
		{ send_json(r, MHD_HTTP_OK, json_pack("{s:b}", "ok", 1)); return; }
	}
	if (strcmp(rest, "check") == 0) {
		if (!is(r, "POST"))
			{ not_allowed(r); return; }
		if (!r->logged_in)
			{ srv_json_error(r, MHD_HTTP_UNAUTHORIZED, "请先登录"); return; }
		{ check_unsaved(r); return; }
	}
	if (strcmp(rest, "library") == 0) {
		if (!is(r, "GET"))
			{ not_allowed(r); return; }
		{ srv_api_library(r); return; }
	}
	if (strcmp(rest, "projects") == 0) {
		if (is(r, "GET"))
			{ list(r); return; }
		if (!is(r, "POST"))
			{ not_allowed(r); return; }
		if (!r->logged_in)
			{ srv_json_error(r, MHD_HTTP_UNAUTHORIZED, "请先登录"); return; }
		if ((p = body_project(r)))
			saved(r, 0, p, MHD_HTTP_CREATED);
		return;
	}
	if (strncmp(rest, "versions/", 9) == 0)
		{ versioned(r, rest + 9); return; }
	if (strncmp(rest, "projects/", 9) != 0)
		{ srv_json_error(r, MHD_HTTP_NOT_FOUND, "没有这个接口"); return; }
	rest += 9;
	slash = strchr(rest, '/');
	id = srv_id(rest, slash ? (size_t)(slash - rest) : strlen(rest));
	if (!id)
		{ srv_json_error(r, MHD_HTTP_NOT_FOUND, "没有这个项目"); return; }
	if (!slash) {
		if (is(r, "GET"))
			{ get_one(r, id); return; }
		if (is(r, "DELETE"))
			{ delete_one(r, id); return; }
		if (!is(r, "PUT"))
			{ not_allowed(r); return; }
		if (!r->logged_in) {
			struct jx_err err = { 0 };

			if (!srv_load(r, id, JX_ACT_EDIT, &p, &err)) /* 404 for what cannot be seen, 401 otherwise */
				jx_project_free(p);
			{ srv_json_err(r, &err); return; }
		}
		if ((p = body_project(r)))
			saved(r, id, p, MHD_HTTP_OK);
		return;
	}
	slash++;
	if (strcmp(slash, "findings") == 0 || strcmp(slash, "history") == 0 || strcmp(slash, "context") == 0) {
		if (!is(r, "GET"))
			{ not_allowed(r); return; }
		return slash[0] == 'f' ? findings(r, id) : slash[0] == 'h' ? history(r, id) : context(r, id);
	}
	if (strcmp(slash, "submit") == 0 || strcmp(slash, "approve") == 0 || strcmp(slash, "return") == 0 ||
	    strcmp(slash, "pass") == 0) {
		if (!is(r, "POST"))
			{ not_allowed(r); return; }
		{ transition(r, id, slash); return; }
	}
	srv_json_error(r, MHD_HTTP_NOT_FOUND, "没有这个接口");
}
