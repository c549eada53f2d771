/*
 * route.c — method and path to handler: /api/… is the JSON API, /static/… the assets compiled into
 * the binary (looked up by name among them: no path reaches the file system), /favicon.ico the icon
 * among them, everything else a page.
 */
#include <stdio.h>
#include <string.h>

#include "server.h"
#include "web_assets.h"

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (dot && strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (dot && strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	return "application/octet-stream";
}

static void asset(struct srv_req *r, const char *name)
{
	const struct jx_asset *a;

	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	for (a = jx_assets_web; a->name; a++) {
		if (strcmp(a->name, name) == 0) {
			r->status = MHD_HTTP_OK;
			r->type = type_of(name);
			jx_buf_add(&r->out, a->data, a->len, NULL);
			return;
		}
	}
	srv_error_page(r, MHD_HTTP_NOT_FOUND, "没有这个文件");
}

void srv_size_words(size_t n, char *out, size_t size)
{
	if (n >= (1u << 20))
		snprintf(out, size, n % (1u << 20) ? "%.1f MiB" : "%.0f MiB", (double)n / (1u << 20));
	else if (n >= 1024)
		snprintf(out, size, n % 1024 ? "%.1f KiB" : "%.0f KiB", (double)n / 1024);
	else
		snprintf(out, size, "%zu 字节", n);
}

static void answer(struct srv_req *r, unsigned status, const char *msg)
{
	if (strncmp(r->path, "/api/", 5) == 0)
		srv_json_error(r, status, msg);
	else
		srv_error_page(r, status, msg);
}

void srv_route_too_big(struct srv_req *r)
{
	char msg[160], size[32];

	if (srv_upload_route(r)) {
		srv_upload_too_big(r);
		return;
	}
	srv_size_words(r->cap, size, sizeof(size));
	if (!r->cap)
		snprintf(msg, sizeof(msg), "该请求不应带请求体");
	else if (!r->logged_in && srv_route_anonymous_body(r))
		snprintf(msg, sizeof(msg), "请求体超过 %s 的上限（未登录时）", size);
	else
		snprintf(msg, sizeof(msg), "请求体超过 %s 的上限", size);
	answer(r, MHD_HTTP_CONTENT_TOO_LARGE, msg);
}

void srv_route_unavailable(struct srv_req *r, const char *msg)
{
	answer(r, MHD_HTTP_SERVICE_UNAVAILABLE, msg);
	snprintf(r->retry_after, sizeof(r->retry_after), "%d", SRV_FULL_RETRY);
	r->close = true;
}

static bool is_method(const struct srv_req *r, const char *m)
{
	return strcmp(r->method, m) == 0;
}

bool srv_route_anonymous_body(const struct srv_req *r)
{
	return is_method(r, "POST") && (strcmp(r->path, "/api/login") == 0 || strcmp(r->path, "/login") == 0);
}

/* The routes that take a whole table: the API's create, replace and check, the edit form. */
static bool takes_table(const struct srv_req *r)
{
	const char *p = r->path, *end;
	size_t n;

	if (is_method(r, "PUT"))
		return strncmp(p, "/api/projects/", 14) == 0 && !strchr(p + 14, '/');
	if (strcmp(p, "/api/projects") == 0 || strcmp(p, "/api/check") == 0 || strcmp(p, "/projects/new") == 0)
		return true;
	if (strncmp(p, "/projects/", 10) != 0)
		return false;
	end = strchr(p + 10, '/');
	n = end ? (size_t)(end - p - 10) : 0;
	return n && srv_id(p + 10, n) && strcmp(end, "/edit") == 0;
}

size_t srv_route_body_cap(const struct srv_req *r)
{
	if (!is_method(r, "POST") && !is_method(r, "PUT"))
		return 0;
	if (srv_route_anonymous_body(r))
		return r->o->body_anonymous;
	if (takes_table(r))
		return r->o->body_table;
	if (srv_upload_route(r))
		return srv_upload_cap(r->o);
	return SRV_BODY_FORM < r->o->body_table ? SRV_BODY_FORM : r->o->body_table;
}

void srv_route(struct srv_req *r)
{
	if (strncmp(r->path, "/api/", 5) == 0)
		srv_api(r, r->path + 5);
	else if (strncmp(r->path, "/static/", 8) == 0)
		asset(r, r->path + 8);
	else if (strcmp(r->path, "/favicon.ico") == 0)
		asset(r, "favicon.svg"); /* browsers ask for it on every page, the published ones included */
	else
		srv_page(r);
}
