/*
 * http.c — the daemon: libmicrohttpd with a thread pool, a store connection per pool thread, the
 * session read from the cookie as soon as the headers are in, request bodies held to their route's limit
 * (libmicrohttpd has no limit of its own) and to the body budget (limits.c), a log line per request, and
 * a clean stop on SIGTERM and SIGINT.
 *
 * A request is judged on its headers before any of its body is read: a body its route does not take,
 * or longer than the route allows, is 413 at once; a stranger's body is read only to sign in (every
 * other route answers a stranger 401 or 404 from the headers alone); a body the budget cannot hold is
 * 503 with Retry-After.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <sys/resource.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jixiao/alloc.h"
#include "jixiao/clock.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "server.h"

/* What each pool thread keeps: its store connection. */
struct thread {
	struct jx_store *st;
};

static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;

static void thread_end(void *arg)
{
	struct thread *t = arg;

	jx_store_close(t->st);
	free(t);
}

static void thread_key_make(void)
{
	if (pthread_key_create(&thread_key, thread_end) != 0)
		abort();
}

/* This thread's store connection, opened on its first request. */
static struct jx_store *thread_store(const char *db, struct jx_err *err)
{
	struct thread *t;

	pthread_once(&thread_once, thread_key_make);
	t = pthread_getspecific(thread_key);
	if (!t) {
		t = jx_calloc(1, sizeof(*t));
		if (jx_store_open(&t->st, db, 0, err)) {
			free(t);
			return NULL;
		}
		pthread_setspecific(thread_key, t);
	}
	return t->st;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- reading the request ---- */

const char *srv_header(struct srv_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *srv_query(struct srv_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
				  const char *type, const char *encoding, const char *data, uint64_t off, size_t size)
{
	struct srv_req *r = cls;
	struct srv_field *f;

	(void)kind, (void)type, (void)encoding;
	if (off == 0 || !r->n_fields || strcmp(r->fields[r->n_fields - 1].key, key) != 0) {
		if (r->n_fields >= 100000)
			return MHD_NO;
		jx_grow(&r->fields, sizeof(*r->fields), r->n_fields + 1, &r->cap_fields);
		f = &r->fields[r->n_fields++];
		f->key = jx_strdup(key);
		f->filename = filename ? jx_strdup(filename) : NULL;
		jx_buf_init(&f->value, r->cap);
	}
	f = &r->fields[r->n_fields - 1];
	return jx_buf_add(&f->value, data, size, NULL) ? MHD_NO : MHD_YES;
}

/* Refuses a field whose name or value is not UTF-8 text: a NUL (%00) would cut it short where it is
 * read, invalid bytes would be dropped on the way into a table. A file's bytes are its own (srv_file);
 * its name is text. */
static int field_check(const struct srv_field *f, struct jx_err *err)
{
	if (!jx_utf8_valid(f->key, strlen(f->key)))
		return jx_err_set(err, JX_EINPUT, "表单字段名不是有效的 UTF-8 文本");
	if (f->filename)
		return jx_utf8_valid(f->filename, strlen(f->filename)) ? 0
		       : jx_err_set(err, JX_EINPUT, "上传文件“%s”的文件名不是有效的 UTF-8 文本", f->key);
	if (f->value.len != strlen(f->value.ptr))
		return jx_err_set(err, JX_EINPUT, "表单字段“%s”含有 NUL 字符（%%00）", f->key);
	if (!jx_utf8_valid(f->value.ptr, f->value.len))
		return jx_err_set(err, JX_EINPUT, "表单字段“%s”不是有效的 UTF-8 文本", f->key);
	return 0;
}

static int form_parse(struct srv_req *r, struct jx_err *err)
{
	const char *type = srv_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	struct MHD_PostProcessor *pp;
	enum MHD_Result ok;
	size_t i;

	if (!r->body.len)
		return 0;
	if (!type || (strncasecmp(type, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
				  strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) != 0 &&
		      strncasecmp(type, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
				  strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) != 0))
		return jx_err_set(err, JX_EINPUT, "表单应以 application/x-www-form-urlencoded 或 multipart/form-data 提交");
	pp = MHD_create_post_processor(r->conn, 16384, form_field, r);
	if (!pp)
		return jx_err_set(err, JX_EINPUT, "无法解析表单");
	ok = MHD_post_process(pp, r->body.ptr, r->body.len);
	if (MHD_destroy_post_processor(pp) != MHD_YES || ok != MHD_YES)
		return jx_err_set(err, JX_EINPUT, "表单数据有误");
	for (i = 0; i < r->n_fields; i++)
		if (field_check(&r->fields[i], err))
			return -1;
	return 0;
}

int srv_form(struct srv_req *r, struct jx_err *err)
{
	if (!r->form_parsed) {
		r->form_parsed = true;
		r->form_rc = form_parse(r, &r->form_err);
	}
	if (r->form_rc && err)
		*err = r->form_err;
	return r->form_rc;
}

const char *srv_field_nth(struct srv_req *r, const char *key, size_t i)
{
	size_t k;

	for (k = 0; k < r->n_fields; k++)
		if (!r->fields[k].filename && strcmp(r->fields[k].key, key) == 0 && i-- == 0)
			return r->fields[k].value.ptr;
	return NULL;
}

const struct srv_field *srv_file(struct srv_req *r, const char *key)
{
	size_t k;

	for (k = 0; k < r->n_fields; k++)
		if (r->fields[k].filename && strcmp(r->fields[k].key, key) == 0)
			return &r->fields[k];
	return NULL;
}

const char *srv_field(struct srv_req *r, const char *key)
{
	return srv_field_nth(r, key, 0);
}

bool srv_csrf_ok(struct srv_req *r)
{
	const char *given = srv_header(r, "X-CSRF-Token");

	if (!given && !srv_form(r, NULL))
		given = srv_field(r, "csrf");
	return r->logged_in && given && strlen(given) == JX_TOKEN_HEX - 1 &&
	       sodium_memcmp(given, r->csrf, JX_TOKEN_HEX - 1) == 0;
}

void srv_set_cookie(struct srv_req *r, const char *name, const char *value, const char *path, long max_age)
{
	char *c;

	if (asprintf(&c, "%s=%s; Path=%s; HttpOnly; SameSite=Strict; Max-Age=%ld%s", name, value, path, max_age,
		     r->o && r->o->secure_cookies ? "; Secure" : "") < 0)
		abort();
	free(r->set_cookie);
	r->set_cookie = c;
}

static void set_cookie(struct srv_req *r, const char *value, long max_age)
{
	srv_set_cookie(r, SRV_COOKIE, value, "/", max_age);
}

int srv_login(struct srv_req *r, const struct jx_account *a, struct jx_err *err)
{
	if (r->logged_in)
		jx_session_close(r->st, r->token, NULL); /* a new login replaces the session it came with */
	if (jx_session_open(r->st, a->name, SRV_SESSION_TTL, r->token, r->csrf, err))
		return -1;
	r->who = *a;
	r->logged_in = true;
	set_cookie(r, r->token, SRV_SESSION_TTL);
	return 0;
}

void srv_logout(struct srv_req *r)
{
	if (r->logged_in)
		jx_session_close(r->st, r->token, NULL);
	r->logged_in = false;
	set_cookie(r, "", 0);
}

/* Reads the session cookie: a valid one makes the request its account's. Returns false, having
 * answered, if the store could not tell (the database server gone: the cookie is kept for later). */
static bool read_session(struct srv_req *r)
{
	const char *token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SRV_COOKIE);
	struct jx_err err = { 0 };

	if (!token || !*token)
		return true;
	if (strlen(token) == JX_TOKEN_HEX - 1 && !jx_session_check(r->st, token, &r->who, r->csrf, &err)) {
		r->logged_in = true;
		memcpy(r->token, token, JX_TOKEN_HEX);
	} else if (err.code == JX_OK || err.code == JX_EAUTH || err.code == JX_ENOTFOUND) {
		set_cookie(r, "", 0); /* expired or unknown: drop it */
	} else if (strncmp(r->path, "/api/", 5) == 0) {
		srv_json_err(r, &err);
		return false;
	} else {
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return false;
	}
	return true;
}

/* ---- answering ---- */

/* Replaces what err says, which may name files, SQL or a library's words, with plain words for the
 * person asking, after logging it for the operator. */
static void keep_inside(struct srv_req *r, struct jx_err *err, const char *plain)
{
	char at[JX_TIME_MAX];

	fprintf(stderr, "%s jixiao serve: %s %s: %s\n", jx_now(at), r->method, r->path, err->msg);
	snprintf(err->msg, sizeof(err->msg), "%s", plain);
}

unsigned srv_status_of(struct srv_req *r, struct jx_err *err)
{
	switch (err->code) {
	case JX_EINPUT:
	case JX_EUSAGE:
	case JX_EAMBIGUOUS:
		return MHD_HTTP_BAD_REQUEST;
	case JX_EAUTH:
		return MHD_HTTP_UNAUTHORIZED;
	case JX_EFORBIDDEN:
		return MHD_HTTP_FORBIDDEN;
	case JX_ENOTFOUND:
		return MHD_HTTP_NOT_FOUND;
	case JX_ECONFLICT:
		return MHD_HTTP_CONFLICT;
	case JX_ETOOBIG:
		return MHD_HTTP_CONTENT_TOO_LARGE;
	case JX_EBUSY:
		keep_inside(r, err, "系统正忙（另一项保存尚未完成），本次操作未执行，请稍后再试");
		snprintf(r->retry_after, sizeof(r->retry_after), "%d", SRV_BUSY_RETRY);
		return MHD_HTTP_SERVICE_UNAVAILABLE;
	case JX_EFULL:
		keep_inside(r, err, "服务器存储空间已满，本次修改未保存，请联系系统管理员");
		return MHD_HTTP_INSUFFICIENT_STORAGE;
	case JX_EREADONLY:
		keep_inside(r, err, "本系统当前只读（数据库不可写），本次修改未保存，请联系系统管理员");
		return MHD_HTTP_SERVICE_UNAVAILABLE;
	case JX_EIO:
		keep_inside(r, err, "服务器暂时无法读写数据，本次操作未执行，请稍后再试");
		snprintf(r->retry_after, sizeof(r->retry_after), "%d", SRV_BUSY_RETRY);
		return MHD_HTTP_SERVICE_UNAVAILABLE;
	default:
		keep_inside(r, err, "服务器内部错误，已记录，请稍后再试或联系系统管理员");
		return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

void srv_redirect(struct srv_req *r, const char *path)
{
	free(r->location);
	r->location = jx_strdup(path);
	r->status = MHD_HTTP_SEE_OTHER;
	r->type = "text/plain; charset=utf-8";
	jx_buf_reset(&r->out);
}

static void add_header(struct MHD_Response *resp, const char *name, const char *value)
{
	if (MHD_add_response_header(resp, name, value) != MHD_YES)
		abort();
}

void srv_common_headers(struct MHD_Response *resp)
{
	add_header(resp, "X-Content-Type-Options", "nosniff");
	add_header(resp, "X-Frame-Options", "DENY");
	add_header(resp, "Referrer-Policy", "same-origin");
	add_header(resp, "Content-Security-Policy",
		   "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
		   "form-action 'self'; base-uri 'none'");
}

static enum MHD_Result queue(struct srv_req *r)
{
	struct MHD_Response *resp;
	size_t len;
	char *body;
	enum MHD_Result ok;

	if (r->answer)
		return srv_public_queue(r);
	if (r->status >= 500)
		r->private = true;
	body = jx_buf_detach(&r->out, &len);
	resp = MHD_create_response_from_buffer_with_free_callback(len, body, free);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	r->out.len = len; /* kept for the log line */
	add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type ? r->type : "text/html; charset=utf-8");
	srv_common_headers(resp);
	add_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, r->private || r->logged_in ? "no-store" : "no-cache");
	if (r->set_cookie)
		add_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_cookie);
	if (r->location)
		add_header(resp, MHD_HTTP_HEADER_LOCATION, r->location);
	if (r->retry_after[0])
		add_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, r->retry_after);
	if (r->close)
		add_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	if (r->etag[0])
		add_header(resp, MHD_HTTP_HEADER_ETAG, r->etag);
	ok = MHD_queue_response(r->conn, r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* ---- the request's life ---- */

static const struct srv_opts *opts;

static void req_free(struct srv_req *r)
{
	size_t i;

	for (i = 0; i < r->n_fields; i++) {
		free(r->fields[i].key);
		free(r->fields[i].filename);
		jx_buf_release(&r->fields[i].value);
	}
	free(r->fields);
	jx_buf_release(&r->body);
	jx_buf_release(&r->out);
	free(r->set_cookie);
	free(r->location);
	srv_public_free(r);
	jx_account_release(&r->who);
	sodium_memzero(r->token, sizeof(r->token));
	free(r);
}

/* Behind a proxy on this host the client is the one it names in X-Real-IP (nginx: proxy_set_header
 * X-Real-IP $remote_addr), taken only when it reads as an address. */
static void proxied_addr(struct srv_req *r)
{
	const char *real = srv_header(r, "X-Real-IP");
	unsigned char bin[sizeof(struct in6_addr)];

	if (real && strlen(real) < sizeof(r->addr) &&
	    (inet_pton(AF_INET, real, bin) == 1 || inet_pton(AF_INET6, real, bin) == 1))
		strcpy(r->addr, real);
}

const char *srv_addr(struct srv_req *r)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	if (r->addr[0])
		return r->addr;
	ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	sa = ci ? ci->client_addr : NULL;
	strcpy(r->addr, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->addr, sizeof(r->addr));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->addr, sizeof(r->addr));
	if (r->o->behind_proxy && (strncmp(r->addr, "127.", 4) == 0 || strcmp(r->addr, "::1") == 0))
		proxied_addr(r);
	return r->addr;
}

static void answer_too_big(struct srv_req *r)
{
	r->too_big = true;
	jx_buf_release(&r->body);
	jx_buf_reset(&r->out);
	srv_route_too_big(r);
}

static void budget_release(struct srv_req *r)
{
	srv_budget_give(r->reserved);
	r->reserved = 0;
}

static void answer_over_budget(struct srv_req *r)
{
	jx_buf_release(&r->body);
	budget_release(r);
	jx_buf_reset(&r->out);
	srv_route_unavailable(r, "服务器正忙（同时上传的数据过多），本次操作未执行，请稍后再试");
}

/* Whether the headers say a body follows: a length over 0, or chunks. *len receives the length, or
 * UINT64_MAX for chunks. */
static bool body_follows(struct srv_req *r, uint64_t *len)
{
	const char *cl = srv_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = srv_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING);

	*len = cl ? strtoull(cl, NULL, 10) : 0;
	if (!cl && te && strcasestr(te, "chunked"))
		*len = UINT64_MAX;
	return *len > 0;
}

static struct srv_req *req_new(struct MHD_Connection *conn, const char *url, const char *method)
{
	struct srv_req *r = jx_calloc(1, sizeof(*r));

	r->conn = conn;
	r->method = method;
	r->path = url;
	r->o = opts;
	r->started_ns = now_ns();
	jx_buf_init(&r->out, SIZE_MAX);
	if (!r->o->quiet)
		srv_addr(r); /* for the log line, while the request's headers are at hand */
	return r;
}

/* The first call, with the headers: every limit that can be decided before a byte of the body is read
 * is decided here. Returns MHD_YES to read the body, or the answer queued. */
static enum MHD_Result begin(struct srv_req *r)
{
	struct jx_err err = { 0 };
	int refused = srv_conn_begin(r->conn);
	uint64_t len;

	if (refused) {
		srv_route_unavailable(r, refused == SRV_REFUSED_ADDRESS ? "来自同一地址的连接过多，请稍后再试"
									 : "服务器连接数已满，请稍后再试");
		return queue(r);
	}
	r->st = thread_store(r->o->db, &err);
	if (!r->st) {
		err.code = JX_EIO;
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return queue(r);
	}
	if (!read_session(r))
		return queue(r); /* the store could not be read: answered 503, the cookie kept */
	r->cap = srv_route_body_cap(r);
	jx_buf_init(&r->body, r->cap);
	if (!body_follows(r, &len))
		return MHD_YES;
	if (len != UINT64_MAX && len > r->cap) {
		answer_too_big(r); /* said so up front: answered before the body is read */
		return queue(r);
	}
	if (!r->logged_in && !srv_route_anonymous_body(r)) {
		srv_conn_received(r->conn); /* only signing in reads a stranger's body: the rest is 401 or 404 */
		srv_route(r);
		return queue(r);
	}
	if (len != UINT64_MAX) {
		if (!srv_budget_take(len)) {
			answer_over_budget(r);
			return queue(r);
		}
		r->reserved = len;
		jx_buf_grow(&r->body, len, NULL);
	}
	return MHD_YES;
}

/* A piece of the body: kept within the route's limit and the budget, else read and dropped (no answer
 * can be queued while a body is being received). Returns MHD_NO to drop the connection. */
static enum MHD_Result receive(struct srv_req *r, const char *data, size_t n)
{
	if (!r->too_big && !r->over_budget && r->body.len + n > r->reserved) {
		if (r->body.len + n > r->cap) {
			r->too_big = true;
		} else if (srv_budget_take(r->body.len + n - r->reserved)) {
			r->reserved = r->body.len + n;
		} else {
			r->over_budget = true;
		}
	}
	if (r->too_big || r->over_budget) {
		jx_buf_release(&r->body);
		budget_release(r);
		/* a client that keeps sending far past the limit loses the connection instead */
		return (r->dropped += n) > (r->logged_in ? SRV_DROP_MAX : SRV_DROP_ANONYMOUS) ? MHD_NO : MHD_YES;
	}
	jx_buf_add(&r->body, data, n, NULL);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct srv_req *r = *con_cls;
	size_t n = *upload_size;

	(void)cls, (void)version;
	if (!r) {
		*con_cls = r = req_new(conn, url, method);
		return begin(r);
	}
	if (n) {
		*upload_size = 0;
		return r->status ? MHD_YES : receive(r, upload, n);
	}
	if (r->status)
		return MHD_YES; /* answered already, from the headers */
	if (r->too_big) {
		answer_too_big(r);
		return queue(r);
	}
	if (r->over_budget) {
		answer_over_budget(r);
		return queue(r);
	}
	srv_conn_received(conn);
	srv_route(r);
	return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct srv_req *r = *con_cls;
	char at[JX_TIME_MAX];

	(void)cls;
	if (!r)
		return;
	if (!r->o->quiet)
		fprintf(stderr, "%s %s %s %s %u %zu %.2fms %s%s\n", jx_now(at), srv_addr(r), r->method, r->path, r->status,
			r->out.len, (double)(now_ns() - r->started_ns) / 1e6, r->logged_in ? r->who.name : "-",
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (中断)");
	budget_release(r);
	req_free(r);
	*con_cls = NULL;
	srv_conn_done(conn);
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the %HH escapes of the path and the query in place, as libmicrohttpd would, except %00: a NUL
 * would end the path early, so that /static/app.css%00/../x answered as /static/app.css and
 * /api/projects/1%00x as project 1. It stays as it is, and such a path names nothing. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s;
	const char *p;
	int hi, lo;

	(void)cls, (void)c;
	for (p = s; *p; p++) {
		if (*p == '%' && (hi = hex(p[1])) >= 0 && (lo = hex(p[2])) >= 0 && (hi || lo)) {
			*w++ = (char)(hi << 4 | lo);
			p += 2;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("jixiao serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/* Parses host:port ("127.0.0.1:8080", "[::1]:8080", ":8080", "localhost:0") into addr. */
static int parse_listen(const char *s, struct sockaddr_storage *addr, socklen_t *len, struct jx_err *err)
{
	char host[256], port[16];
	const char *colon = strrchr(s, ':');
	struct addrinfo hints = { 0 }, *res = NULL;
	size_t hl;
	char *end;
	long p;
	int rc;

	if (!colon)
		return jx_err_set(err, JX_EUSAGE, "监听地址“%s”应为 主机:端口，例如 127.0.0.1:8080", s);
	hl = (size_t)(colon - s);
	if (hl >= 2 && s[0] == '[' && s[hl - 1] == ']')
		s++, hl -= 2;
	p = strtol(colon + 1, &end, 10);
	if (hl >= sizeof(host) || !colon[1] || *end || p < 0 || p > 65535)
		return jx_err_set(err, JX_EUSAGE, "监听地址“%s”的端口应为 0–65535 的数", s);
	memcpy(host, s, hl);
	host[hl] = '\0';
	snprintf(port, sizeof(port), "%ld", p);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	rc = getaddrinfo(hl ? host : NULL, port, &hints, &res);
	if (rc != 0)
		return jx_err_set(err, JX_EUSAGE, "无法解析监听地址“%s”：%s", host, gai_strerror(rc));
	memcpy(addr, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

/* Raises the limit of open files to what the system allows, and returns how many connections fit in
 * it (want at most), keeping room for the store's files, the pool's and the connections libmicrohttpd
 * accepts past the limit while limits.c closes others. */
static unsigned room_for_connections(unsigned want)
{
	struct rlimit rl;
	rlim_t fit;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return want;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	fit = rl.rlim_cur > 256 ? (rl.rlim_cur - 128) * 4 / 5 : 64;
	if (fit < want) {
		fprintf(stderr, "jixiao serve: 可打开的文件数有限（%llu），连接数上限降为 %llu\n",
			(unsigned long long)rl.rlim_cur, (unsigned long long)fit);
		return (unsigned)fit;
	}
	return want;
}

int srv_run(const struct srv_opts *o, struct jx_err *err)
{
	struct sockaddr_storage addr;
	socklen_t addrlen;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t stop, old;
	struct srv_opts lim;
	unsigned threads = o->threads, max_conns;
	char shown[80];
	int sig = 0;
	long ncpu;

	if (parse_listen(o->listen, &addr, &addrlen, err))
		return -1;
	if (sodium_init() < 0)
		return jx_err_set(err, JX_ESTORE, "libsodium 初始化失败");
	lim = *o;
	lim.max_connections = max_conns = room_for_connections(o->max_connections);
	if (!threads) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		threads = ncpu > 0 ? (unsigned)ncpu : 2;
	}
	opts = &lim;
	signal(SIGPIPE, SIG_IGN);
	/* blocked before the pool starts, so that its threads inherit the mask and sigwait() gets them */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	if (srv_limits_start(&lim)) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return jx_err_set(err, JX_EIO, "无法启动连接监视线程");
	}
	srv_public_start(o->page_cache);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
				     (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
			     0, NULL, NULL, on_request, NULL,
			     /* first, or libmicrohttpd warns so on every start and logs the other options' own way */
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, srv_conn_notify, NULL,
			     /* an idle timeout; the header deadline and the limits per address are limits.c's */
			     MHD_OPTION_CONNECTION_TIMEOUT, o->idle_timeout,
			     /* room past the limit, for the connections limits.c is closing to make room */
			     MHD_OPTION_CONNECTION_LIMIT, max_conns + max_conns / 4 + threads,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SRV_CONNECTION_MEMORY,
			     MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	if (!d) {
		srv_public_stop();
		srv_limits_stop();
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return jx_err_set(err, JX_EIO, "无法在 %s 上监听（端口已被占用？）", o->listen);
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (addr.ss_family == AF_INET6) {
		char h[INET6_ADDRSTRLEN];

		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, h, sizeof(h));
		snprintf(shown, sizeof(shown), "[%s]:%u", h, info ? info->port : 0);
	} else {
		char h[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, h, sizeof(h));
		snprintf(shown, sizeof(shown), "%s:%u", h, info ? info->port : 0);
	}
	printf("jixiao 已启动：http://%s/ （%u 个工作线程；Ctrl-C 停止）\n", shown, threads);
	fflush(stdout);
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, "jixiao serve: 收到%s，正在停止…\n", sig == SIGINT ? " SIGINT" : " SIGTERM");
	MHD_stop_daemon(d);
	srv_public_stop();
	srv_limits_stop();
	srv_context_stop();
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	fprintf(stderr, "jixiao serve: 已停止\n");
	return 0;
}
