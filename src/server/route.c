/*
 * route.c — method and path to handler: /api/… is the JSON API, /static/… the assets compiled into
 * the binary (looked up by name among them: no path reaches the file system), /favicon.ico the icon
 * among them, everything else a page.
 */
#include <microhttpd.h>
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

void srv_route_too_big(struct srv_req *r)
{
	char msg[96];

	snprintf(msg, sizeof(msg), "请求体超过 %u MiB 的上限", SRV_BODY_MAX >> 20);
	if (strncmp(r->path, "/api/", 5) == 0)
		srv_json_error(r, MHD_HTTP_CONTENT_TOO_LARGE, msg);
	else
		srv_error_page(r, MHD_HTTP_CONTENT_TOO_LARGE, msg);
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
