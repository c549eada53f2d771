/*
 * server.h — jixiao serve: the web system over libmicrohttpd, another thin client of libjixiao.
 *
 *   http.c    the daemon: thread pool, a store connection per thread, request bodies (capped: 413),
 *             sessions from the cookie, CSRF, the log line, shutdown on SIGTERM and SIGINT
 *   route.c   method and path → handler; the compiled-in assets
 *   api.c     the JSON API (/api/…)
 *   pages.c   the HTML pages, in Chinese
 *   public.c  the published pages (and their JSON) as immutable bytes: the page cache, ETag, 304, gzip
 *   html.c    page frame and escaping shared by the pages
 *   list.c    a listing's filters and order from the query, as the API and the pages read them
 *   upload.c  导入申报表: a file previewed through the import undone, then imported on confirmation
 *   limits.c  connections in all and per address (503), the header deadline, the body budget (503)
 *
 * Every decision of who may do what is jx_access() (access.h); every change goes through the same
 * library calls as the command (jx_save_id, jx_workflow_*, jx_publication_*), so it lands in the
 * history with the account's name.
 */
#ifndef JIXIAO_SERVER_H
#define JIXIAO_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "jixiao/account.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/store.h"

struct jx_eval;
struct jx_project;
struct jx_review;
struct jx_store;

/* The limits' defaults (jixiao serve's options; README, "The web system"). A body over its route's
 * limit is 413, answered from the headers when they announce its length. */
#define SRV_BODY_ANONYMOUS (4u << 10) /* bytes of a body without a session: signing in needs a few hundred */
#define SRV_BODY_TABLE (1u << 20)     /* bytes of a table (JSON or the edit form) from a signed-in account */
#define SRV_BODY_FORM (64u << 10)     /* bytes of any other signed-in body (a step, a return's reason) */
#define SRV_BODY_BUDGET (64u << 20)   /* bytes of bodies held at once, over all requests: past it 503 */
#define SRV_HEADER_TIMEOUT 10         /* seconds to send a request's headers: then the connection is closed */
#define SRV_IDLE_TIMEOUT 30           /* seconds a connection may stay silent mid-request */
#define SRV_MAX_CONNECTIONS 4096      /* open connections: past it the oldest waiting for headers goes */
#define SRV_MAX_PER_ADDRESS 256       /* connections from one address (an IPv6 /64): past it 503 */
#define SRV_DROP_MAX (16u << 20) /* bytes of a too long chunked body read and dropped before the 413; more
				  * closes the connection */
#define SRV_DROP_ANONYMOUS (64u << 10) /* the same without a session: a stranger's body costs little */
#define SRV_FULL_RETRY 5 /* seconds a client is asked to wait (Retry-After) past a connection or body limit */
#define SRV_SESSION_TTL (8L * 3600) /* seconds a login lasts */
#define SRV_BUSY_RETRY 2 /* seconds a client is asked to wait (Retry-After) when the store is busy */
#define SRV_PAGE_CACHE (64u << 20) /* bytes of rendered public pages kept, shared by the threads */
#define SRV_CONNECTION_MEMORY (32u << 10) /* libmicrohttpd's memory per connection (its default): a
					   * request's headers (up to about 15 KiB, 431 past it) and
					   * pieces of its body. It is zeroed for every request: 64 KiB
					   * cost a tenth of the answer from a kept page */
#define SRV_COOKIE "jx_session"

struct srv_opts {
	const char *listen;  /* host:port ("127.0.0.1:8080", "[::1]:8080", ":8080"); port 0 picks one */
	const char *db;      /* the store */
	unsigned threads;    /* the pool; 0: the number of processors */
	struct jx_review *review;
	struct jx_eval *eval;
	bool quiet;          /* no log line per request */
	bool secure_cookies; /* every cookie marked Secure: served over TLS through a proxy (--secure-cookies) */
	bool behind_proxy;   /* a request from this host comes from the client X-Real-IP names (--behind-proxy) */
	/* limits (SRV_* above) */
	size_t body_anonymous;     /* bytes of a body without a session */
	size_t body_table;         /* bytes of a table from a signed-in account */
	size_t body_budget;        /* bytes of bodies held at once */
	unsigned header_timeout;   /* seconds to send the headers, from connecting or the previous answer */
	unsigned idle_timeout;     /* seconds of silence mid-request */
	unsigned max_connections;  /* open connections in all */
	unsigned max_per_address;  /* open connections from one address */
	size_t page_cache;         /* bytes of rendered public pages kept (--page-cache; 0: none) */
};

/* The options with every limit at its default. */
#define SRV_OPTS_DEFAULT                                                                                  \
	{ .listen = "127.0.0.1:8080", .body_anonymous = SRV_BODY_ANONYMOUS, .body_table = SRV_BODY_TABLE,  \
	  .body_budget = SRV_BODY_BUDGET, .header_timeout = SRV_HEADER_TIMEOUT,                          \
	  .idle_timeout = SRV_IDLE_TIMEOUT, .max_connections = SRV_MAX_CONNECTIONS,                      \
	  .max_per_address = SRV_MAX_PER_ADDRESS, .page_cache = SRV_PAGE_CACHE }

/* Runs the server until SIGTERM or SIGINT; prints the address it listens on to stdout first. Returns
 * 0 after a clean shutdown, -1 (err set) if it could not start. */
int srv_run(const struct srv_opts *o, struct jx_err *err);

/* A form field or query parameter, or a file of a multipart form. */
struct srv_field {
	char *key;
	char *filename;      /* a file's name as the browser gave it (maybe ""), NULL for a plain field */
	struct jx_buf value; /* a file's bytes are any bytes: value.len counts them */
};

/* One request being answered. */
struct srv_req {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;      /* the URL path, percent-decoded by libmicrohttpd */
	char addr[64];         /* the client's address (srv_addr), "" until asked for */
	struct jx_buf body;    /* capped at cap */
	size_t cap;            /* the route's body limit */
	size_t reserved;       /* bytes of the body budget this request holds */
	bool too_big;
	bool over_budget;      /* the body budget could not hold this body: 503 */
	bool close;            /* answer with Connection: close */
	uint64_t dropped;      /* bytes of a too long body read past the limit and dropped */
	const struct srv_opts *o;
	struct jx_store *st;   /* this thread's connection */
	/* who is asking: from the session cookie */
	bool logged_in;
	struct jx_account who;
	char token[JX_TOKEN_HEX];
	char csrf[JX_TOKEN_HEX];
	/* form fields (application/x-www-form-urlencoded), parsed on demand */
	struct srv_field *fields;
	size_t n_fields, cap_fields;
	bool form_parsed;
	int form_rc;           /* what parsing the form gave: 0, or -1 with form_err */
	struct jx_err form_err;
	/* the answer */
	unsigned status;
	const char *type;      /* Content-Type */
	struct jx_buf out;
	char *set_cookie;      /* a Set-Cookie header, or NULL */
	char *location;        /* a redirect, or NULL */
	char retry_after[24];  /* a Retry-After header (seconds), or "" */
	char etag[32];         /* an ETag header (a project's revision, quoted), or "" */
	bool private;          /* Cache-Control: no-store */
	struct srv_answer *answer; /* a public page answered from its immutable bytes (public.c), or NULL */
	const char *bad_field; /* a save refused for this field's value (422, naming it), or NULL */
	uint64_t started_ns;
};

/* ---- route.c ---- */
void srv_route(struct srv_req *r);
/* Answers 413: the body is over r->cap. */
void srv_route_too_big(struct srv_req *r);
/* Answers 503 with Retry-After and msg, closing the connection after the answer. */
void srv_route_unavailable(struct srv_req *r, const char *msg);
/* The body limit of the request's route: login the anonymous limit, a table the table limit, an upload
 * srv_upload_cap, any other POST or PUT SRV_BODY_FORM (at most the table limit), other methods none. */
size_t srv_route_body_cap(const struct srv_req *r);
/* "4 KiB", "1 MiB", "1.5 MiB": a limit as people read it. */
void srv_size_words(size_t n, char *out, size_t size);
/* Whether the route reads a body from a caller without a session (signing in); other routes answer
 * such a caller from the headers alone. */
bool srv_route_anonymous_body(const struct srv_req *r);

/* ---- http.c: reading the request ---- */
/* A request header, or NULL. */
const char *srv_header(struct srv_req *r, const char *name);
/* The client's address ("-" if unknown): behind a proxy (--behind-proxy) on this host, the one it
 * names in X-Real-IP. Worked out on first use (the public pages never need it). */
const char *srv_addr(struct srv_req *r);
/* A query parameter, or NULL. */
const char *srv_query(struct srv_req *r, const char *name);
/* Parses the body as a form, url-encoded or multipart/form-data (libmicrohttpd's PostProcessor; once:
 * later calls give the same answer). -1 (err: JX_EINPUT) if it is not one, or if a field's name or value
 * (a file's: its name) is not UTF-8 text (a NUL, invalid bytes), naming the field. */
int srv_form(struct srv_req *r, struct jx_err *err);
/* A form field's value (the first of that name; never a file's), or NULL. */
const char *srv_field(struct srv_req *r, const char *key);
/* The i-th field called key (for repeated fields), or NULL. */
const char *srv_field_nth(struct srv_req *r, const char *key, size_t i);
/* The first file of a multipart form sent as key, or NULL. */
const struct srv_field *srv_file(struct srv_req *r, const char *key);
/* True if the request carries the session's CSRF token: X-CSRF-Token, or the form field csrf (of either
 * encoding: an upload's comes as a field of its multipart form). */
bool srv_csrf_ok(struct srv_req *r);
/* Logs in: opens a session for the account, sets the cookie and r->csrf. */
int srv_login(struct srv_req *r, const struct jx_account *a, struct jx_err *err);
/* Signs in with a name and password, as the login form and the API both do: the attempt taken from
 * the store's throttle first (login.h: 429, Retry-After set, the wait in the message), the password
 * checked (401), a success noted, the session opened. Returns
 * the HTTP status, 200 with *a filled and the cookie set, else err says why. (act.c) */
unsigned srv_sign_in(struct srv_req *r, const char *user, const char *password, struct jx_account *a,
		     struct jx_err *err);
/* Sets a cookie: HttpOnly, SameSite=Strict, and Secure when the server is told it is behind TLS. */
void srv_set_cookie(struct srv_req *r, const char *name, const char *value, const char *path, long max_age);
/* Logs out: closes the session and clears the cookie. */
void srv_logout(struct srv_req *r);

/* ---- limits.c ---- */
enum { SRV_REFUSED_ADDRESS = 1, SRV_REFUSED_FULL };
/* Starts the reaper of connections past the header deadline; -1 if its thread cannot start. */
int srv_limits_start(const struct srv_opts *o);
void srv_limits_stop(void);
/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION: notes each connection as it opens and closes. */
void srv_conn_notify(void *cls, struct MHD_Connection *mc, void **ctx, enum MHD_ConnectionNotificationCode code);
/* The connection's request has its headers: 0, or SRV_REFUSED_* if it is over a connection limit. */
int srv_conn_begin(struct MHD_Connection *mc);
/* Its body is in: the request is being answered (no deadline). */
void srv_conn_received(struct MHD_Connection *mc);
/* Its request is over: it waits for the next one, under the header deadline. */
void srv_conn_done(struct MHD_Connection *mc);
/* Takes n bytes of the body budget (false: not that many are left) or gives them back. */
bool srv_budget_take(size_t n);
void srv_budget_give(size_t n);

/* The review of p as every page and the API shows it: its findings (against the years before where the
 * rules ask, baseline.h) into *f, which starts empty, and its grade into *g. (act.c) */
struct jx_findings;
struct jx_grade;
void srv_review(struct srv_req *r, const struct jx_project *p, struct jx_findings *f, struct jx_grade *g);

/* What stands beside p's targets (peers.h): the years before and the other tables of the year. The
 * other tables' targets are read once a minute per year at most (SRV_PEERS_TTL seconds) and shared by
 * every thread; a store that cannot be read gives none. srv_review_with() is srv_review() with them. */
#define SRV_PEERS_TTL 60
struct srv_context;
struct srv_context *srv_context_open(struct srv_req *r, const struct jx_project *p);
void srv_context_close(struct srv_context *c);
void srv_review_with(struct srv_req *r, const struct jx_project *p, const struct srv_context *c, struct jx_findings *f,
		     struct jx_grade *g);
/* Frees what the threads shared, once they are stopped. */
void srv_context_stop(void);
/* Indicator i's context, false if nothing is known beside it. */
struct jx_target_context;
bool srv_context_of(const struct srv_context *c, const struct jx_project *p, size_t i, struct jx_target_context *out);
/* The grade as JSON: {"grade", "points", "dimensions": {"完整性": …}}. (act.c) */
struct json_t;
struct json_t *srv_grade_json(const struct jx_grade *g);

/* ---- answering ---- */
/* The HTTP status for a library error: 400, 401, 403, 404, 409, 413; 503 (Retry-After set) for a busy
 * store or one that cannot be read or written, 507 for a full disk, 500 for the rest. For those, err's
 * message is logged and replaced by plain words: no answer carries a path, SQL or a library's message. */
unsigned srv_status_of(struct srv_req *r, struct jx_err *err);
/* JSON answers: {"error": message} with the status of err, or a body already built. */
void srv_json_error(struct srv_req *r, unsigned status, const char *msg);
void srv_json_err(struct srv_req *r, struct jx_err *err);
/* A redirect (303 See Other) to path. */
void srv_redirect(struct srv_req *r, const char *path);

/* ---- api.c ---- */
void srv_api(struct srv_req *r, const char *rest); /* rest: the path after /api/ */

/* ---- public.c: published pages as immutable bytes ---- */
/* The page cache shared by the pool's threads, of budget bytes: made before the daemon starts, freed
 * after it stops. */
void srv_public_start(size_t budget);
void srv_public_stop(void);
/* A published table (version 0: as last published) as its HTML page or (json) the public's JSON. */
void srv_public_table(struct srv_req *r, int64_t id, int version, bool json);
/* The year's latest publication (/public/{year}), or publication version (/public/versions/{N}). */
void srv_public_year(struct srv_req *r, int year);
void srv_public_version(struct srv_req *r, int version);
/* Queues r->answer (the page's bytes or 304, with their ETag, coding and Cache-Control); frees it. */
enum MHD_Result srv_public_queue(struct srv_req *r);
void srv_public_free(struct srv_req *r);

/* ---- http.c: what every answer carries ---- */
/* The headers of every answer that do not depend on the request (nosniff, frame and referrer policy,
 * the Content-Security-Policy). */
void srv_common_headers(struct MHD_Response *resp);

/* ---- pages.c ---- */
void srv_page(struct srv_req *r);
/* ---- admin.c: /admin (accounts), /units (the registry of budget units), /password (one's own) ---- */
/* Answers r if its path is one of them: true; else false, r untouched. */
bool srv_admin_page(struct srv_req *r);
/* /library: the indicator library, searched by every account and curated by finance (library_page.c);
 * false if r is not one of its pages. */
bool srv_library_page(struct srv_req *r);
/* An error page in Chinese with the status. */
void srv_error_page(struct srv_req *r, unsigned status, const char *msg);
/* A page's request by a signed-in account allowed act (JX_ACT_* with no project; -1: any account), by
 * GET, HEAD or POST, else answered (405; a GET without a session goes to /login, a POST is 401; 403 …):
 * false. */
bool srv_allowed(struct srv_req *r, int act);
/* A POST's form (either encoding) with the session's CSRF token, else answered (400, 403): false. */
bool srv_form_ok(struct srv_req *r);

/* ---- upload.c: 导入申报表 — /upload (the form, and the preview), /upload/confirm ---- */
/* An upload's file is at most SRV_UPLOAD_FILE times the table limit (--body-table: 3 MiB by default);
 * its requests carry it once more as large, base64 in the confirmation, with the form's other fields. */
#define SRV_UPLOAD_FILE 3
/* Answers r if its path is one of them: true; else false, r untouched. */
bool srv_upload_page(struct srv_req *r);
/* Whether r posts to one of them, and the body limit they have: 4 times the table limit and
 * SRV_BODY_FORM (the file base64-encoded, and room for the form's other fields). */
bool srv_upload_route(const struct srv_req *r);
size_t srv_upload_cap(const struct srv_opts *o);
/* Answers 413 for an upload over the limit, saying how large a file may be. */
void srv_upload_too_big(struct srv_req *r);

/* ---- html.c: the frame of every page ---- */
/* Starts a page: the document head, the navigation for who is asking, the title as <h1>. */
void srv_html_begin(struct srv_req *r, const char *title);
/* Ends the page (script: load /static/app.js). */
void srv_html_end(struct srv_req *r, bool script);
/* Appends text escaped, or formatted then escaped. */
void srv_esc(struct srv_req *r, const char *s);
void srv_escf(struct srv_req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes s percent-encoded for a query string (all but A–Z a–z 0–9 - _ . ~). */
void srv_esc_url(struct srv_req *r, const char *s);
/* Appends markup as it is. */
void srv_out(struct srv_req *r, const char *s);
void srv_outf(struct srv_req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The hidden CSRF field of a form. */
void srv_csrf_field(struct srv_req *r);

/* ---- list.c: a listing's parameters ---- */
#define SRV_SEARCH_MAX 200 /* characters of a name search (q) */
struct srv_list {
	struct jx_page q;  /* filters and order, narrowed to what the caller may see; the page is the caller's */
	bool none;         /* a unit account named another unit: nothing to list */
	char search[SRV_SEARCH_MAX * 4 + 1]; /* the name search, trimmed (q.search points here) */
};
/* Reads a listing's filters and order (sort, desc unless the query gives one) from the query string
 * into *l (list.c names them): 0, or -1 after answering 400 (JSON under /api/, else a page) naming the
 * parameter. */
int srv_list_params(struct srv_req *r, struct srv_list *l, enum jx_sort sort, bool desc);
/* Answers with the JSON body (taken) and status. */
struct json_t;
void srv_json_send(struct srv_req *r, unsigned status, struct json_t *body);

/* GET /api/library (library_api.c): the indicator library, searched, for a signed-in caller. */
void srv_api_library(struct srv_req *r);

/* ---- shared by api.c and pages.c ---- */
/* Loads project id as the caller may see it for act: for an anonymous caller, as published; else as it
 * stands, after jx_access. *out is new. */
int srv_load(struct srv_req *r, int64_t id, int act, struct jx_project **out, struct jx_err *err);
/* Loads project id as the latest publication published it (*out is new): JX_ENOTFOUND, with the
 * message of a missing project, if it was never published or is classified now. */
int srv_published(struct srv_req *r, int64_t id, struct jx_project **out, struct jx_err *err);
/* The callback of jx_store_published (and _at) that reads the table's body into *(struct jx_project
 * **)ctx, a new project with its id, approved. */
struct jx_published_table;
int srv_published_take(void *ctx, const struct jx_published_table *t, struct jx_err *err);
/* A year from a query parameter or form field called what: 0 with *year set; absent (NULL) leaves
 * *year as it is; else -1 after answering 400 (JSON under /api/, else a page) naming the field. */
int srv_year_param(struct srv_req *r, const char *s, const char *what, int *year);
/* Parses a revision as a form or an If-Match header gives it ("7", or the ETag "\"7\"", W/ allowed):
 * > 0, or 0 if s is not one. */
int64_t srv_revision(const char *s);
/* Parses a decimal project id; 0 if s is not one. */
int64_t srv_id(const char *s, size_t n);
/* Who acts, for the history: the account's name. */
const char *srv_user(const struct srv_req *r);
/* Saves p (from a form or the API) as new (id 0) or over project id, after checking access, in one
 * transaction. A p->revision not 0 is the revision the editor read: if the project has moved on since,
 * nothing is saved (JX_ECONFLICT: 409). Sets p->id, and p->revision to the project's revision after the
 * save. */
int srv_save(struct srv_req *r, int64_t id, struct jx_project *p, struct jx_err *err);
/* A workflow step on project id by the caller: "submit", "pass" (the 主管部门's) or "approve" (findings
 * receive the review's), or "return" with reason (at the caller's level: a department account's is the
 * 主管部门's). */
struct jx_findings;
int srv_transition(struct srv_req *r, int64_t id, const char *action, const char *reason, struct jx_findings *found,
		   struct jx_err *err);

#endif
