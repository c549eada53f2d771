/*
 * html.c — the frame of every page: head, navigation by role, escaping. Every value from the store or
 * the request goes through srv_esc (jx_html_escape, as the HTML renderer escapes).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "jixiao/access.h"
#include "jixiao/render.h"
#include "server.h"

void srv_out(struct srv_req *r, const char *s)
{
	jx_buf_adds(&r->out, s, NULL);
}

void srv_outf(struct srv_req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jx_buf_vaddf(&r->out, NULL, fmt, ap);
	va_end(ap);
}

void srv_esc(struct srv_req *r, const char *s)
{
	jx_html_escape(&r->out, s);
}

void srv_escf(struct srv_req *r, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	jx_html_escape(&r->out, s);
	free(s);
}

void srv_esc_url(struct srv_req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			srv_outf(r, "%c", c);
		else
			srv_outf(r, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

void srv_csrf_field(struct srv_req *r)
{
	srv_outf(r, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
}

void srv_html_begin(struct srv_req *r, const char *title)
{
	r->type = "text/html; charset=utf-8";
	if (!r->status)
		r->status = 200;
	srv_out(r, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	srv_esc(r, title);
	srv_out(r, " · 预算绩效目标管理系统</title>\n");
	if (r->logged_in)
		srv_outf(r, "<meta name=\"csrf\" content=\"%s\">\n", r->csrf);
	srv_out(r, "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
		   "<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n"
		   "<header class=\"top\"><a class=\"brand\" href=\"/\">预算绩效目标管理系统</a><nav>");
	srv_out(r, "<a href=\"/\">公开信息</a>");
	if (r->logged_in) {
		srv_out(r, "<a href=\"/projects\">项目</a>");
		if (r->who.role == JX_ROLE_UNIT)
			srv_out(r, "<a href=\"/projects/new\">新建目标表</a>");
		if (jx_access(&r->who, JX_ACT_CREATE, NULL, false, NULL) == 0) /* who may write tables may upload them */
			srv_out(r, "<a href=\"/upload\" id=\"upload-link\">导入申报表</a>");
		if (r->who.role == JX_ROLE_FINANCE)
			srv_out(r, "<a href=\"/review\">审核队列</a><a href=\"/publish\">公开</a>");
		if (r->who.role == JX_ROLE_DEPARTMENT)
			srv_out(r, "<a href=\"/review\">审核队列</a>");
		if (r->who.role == JX_ROLE_FINANCE || r->who.role == JX_ROLE_ADMIN)
			srv_out(r, "<a href=\"/log\">操作日志</a><a href=\"/units\">单位库</a>");
		if (r->who.role == JX_ROLE_ADMIN)
			srv_out(r, "<a href=\"/admin\">账户管理</a>");
		srv_out(r, "<a href=\"/library\" id=\"library-link\">指标库</a>");
		srv_out(r, "<a href=\"/password\" id=\"password-link\">修改密码</a>");
		srv_out(r, "</nav><form class=\"who\" method=\"post\" action=\"/logout\"><span id=\"who\">");
		srv_esc(r, r->who.name);
		srv_out(r, "（");
		srv_esc(r, jx_role_label(r->who.role));
		if (jx_role_has_unit(r->who.role)) {
			srv_out(r, "·");
			srv_esc(r, r->who.unit);
		}
		srv_out(r, "）</span>");
		srv_csrf_field(r);
		srv_out(r, "<button type=\"submit\" id=\"logout\">退出</button></form>");
	} else {
		srv_out(r, "<a href=\"/login\" id=\"login-link\">登录</a></nav>");
	}
	srv_out(r, "</header>\n<main>\n<h1>");
	srv_esc(r, title);
	srv_out(r, "</h1>\n");
}

void srv_html_end(struct srv_req *r, bool script)
{
	srv_out(r, "</main>\n");
	if (script)
		srv_out(r, "<script src=\"/static/app.js\"></script>\n");
	srv_out(r, "</body>\n</html>\n");
}
