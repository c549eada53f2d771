/*
 * pages.c — the HTML pages, server-rendered, in Chinese.
 *
 *   /                              the public index: the years published and their tables
 *   /public/{year}                 the year's latest publication: the same HTML as jixiao publish
 *   /public/projects/{id}          one published table, through the same HTML renderer
 *   /login  /logout
 *   /projects                      the tables the account may see (a unit: its own), a page at a time,
 *                                  filtered and sorted (list.c reads the parameters)
 *   /projects/new                  a new target table (unit accounts)
 *   /projects/{id}                 a table with its review findings, history, actions, actuals
 *   /projects/{id}/edit            the header block and the indicator tree
 *   /projects/{id}/submit|approve|return|actuals   (POST)
 *   /review                        the finance bureau's queue: submitted tables with their findings,
 *                                  when submitted and the days waited since, the longest waiting first
 *   /publish                       publications: list, and publish a year (finance)
 *   /admin  /units  /password      accounts, the registry of budget units, one's own password (admin.c)
 *   /upload  /upload/confirm       导入申报表: a unit's filled 申报表 previewed, then imported (upload.c)
 *
 * Every form carries the CSRF token; every value is escaped.
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jixiao/access.h"
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/drafts.h"
#include "jixiao/clock.h"
#include "jixiao/actuals.h"
#include "jixiao/evaluation.h"
#include "jixiao/framework.h"
#include "jixiao/history.h"
#include "jixiao/input.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/peers.h"
#include "jixiao/review.h"
#include "jixiao/score.h"
#include "jixiao/store.h"
#include "server.h"

#define PAGE_ROWS 50 /* rows of a listing per page */
#define FORM_ROWS 3   /* empty indicator rows offered after the table's own */

static bool is_get(const struct srv_req *r)
{
	return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

static bool is_post(const struct srv_req *r)
{
	return strcmp(r->method, "POST") == 0;
}

void srv_error_page(struct srv_req *r, unsigned status, const char *msg)
{
	static const struct {
		unsigned status;
		const char *title;
	} titles[] = { { 400, "请求有误" },      { 401, "请先登录" },     { 403, "无权进行此操作" },
		       { 404, "页面不存在" },    { 405, "不支持该请求方法" }, { 409, "当前状态不允许此操作" },
		       { 413, "提交的内容过大" }, { 422, "无法保存" }, { 429, "请求过于频繁" }, { 503, "服务暂不可用" } };
	const char *title = "服务器内部错误";
	size_t i;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (titles[i].status == status)
			title = titles[i].title;
	jx_buf_reset(&r->out);
	r->status = status;
	r->private = true;
	srv_html_begin(r, title);
	srv_out(r, "<p class=\"error\" id=\"error\">");
	srv_esc(r, msg);
	srv_out(r, "</p>\n<p><a href=\"/\">返回首页</a>");
	if (status == 401)
		srv_out(r, " · <a href=\"/login\">登录</a>");
	srv_out(r, "</p>\n");
	srv_html_end(r, false);
}

static void err_page(struct srv_req *r, struct jx_err *err)
{
	unsigned status = srv_status_of(r, err);

	srv_error_page(r, status, err->msg);
}

/* A page that needs a login: false (after redirecting to the login page) if there is none. */
static bool need_login(struct srv_req *r)
{
	if (r->logged_in)
		return true;
	if (is_get(r))
		srv_redirect(r, "/login");
	else
		srv_error_page(r, MHD_HTTP_UNAUTHORIZED, "请先登录");
	return false;
}

/* A POST from a page: false (after answering 403) unless it carries the session's CSRF token. */
static bool form_ok(struct srv_req *r)
{
	struct jx_err err = { 0 };

	if (srv_form(r, &err)) {
		err_page(r, &err);
		return false;
	}
	if (!srv_csrf_ok(r)) {
		srv_error_page(r, MHD_HTTP_FORBIDDEN, "表单已失效（缺少或错误的 CSRF 令牌），请刷新页面后重试");
		return false;
	}
	return true;
}

static void money(struct srv_req *r, jx_money m)
{
	char s[JX_DEC_STRMAX];

	srv_esc(r, jx_money_format(m, s));
}

static void status_badge(struct srv_req *r, enum jx_status s)
{
	srv_outf(r, "<span class=\"status %s\">", jx_status_name(s));
	srv_esc(r, jx_status_label(s));
	srv_out(r, "</span>");
}

/* ---- public pages ---- */

struct year_row {
	int year, version;
	size_t tables;
	jx_money money;
	char at[32];
};

struct years {
	struct year_row *y;
	size_t n, cap;
};

static int note_publication(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct years *ys = ctx;
	char at[JX_TIME_MAX];
	size_t i;

	(void)err;
	for (i = 0; i < ys->n && ys->y[i].year != p->year; i++)
		;
	if (i == ys->n) {
		jx_grow(&ys->y, sizeof(*ys->y), ys->n + 1, &ys->cap);
		ys->n++;
	}
	ys->y[i].year = p->year; /* oldest first: the last seen is the latest */
	ys->y[i].version = p->version;
	ys->y[i].tables = p->tables;
	ys->y[i].money = p->money;
	snprintf(ys->y[i].at, sizeof(ys->y[i].at), "%.10s", jx_time_beijing(p->at, at));
	return 0;
}

struct table_list {
	struct srv_req *r;
	size_t n;
};

static int public_row(void *ctx, const struct jx_published_table *t, struct jx_err *err)
{
	struct table_list *l = ctx;

	(void)err;
	if (l->n++ == 0)
		srv_out(l->r, "<table class=\"list\"><thead><tr><th>项目名称</th><th>预算单位</th></tr></thead><tbody>\n");
	srv_outf(l->r, "<tr><td><a class=\"public-table\" href=\"/public/projects/%lld\">", (long long)t->project_id);
	srv_esc(l->r, t->name);
	srv_out(l->r, "</a></td><td>");
	srv_esc(l->r, t->unit);
	srv_out(l->r, "</td></tr>\n");
	return 0;
}

static void home(struct srv_req *r)
{
	struct years ys = { 0 };
	struct table_list l = { r, 0 };
	struct jx_err err = { 0 };
	int year = 0;
	size_t i;

	if (srv_year_param(r, srv_query(r, "year"), "参数 year ", &year))
		return;
	if (jx_store_publications(r->st, 0, note_publication, &ys, &err)) {
		free(ys.y);
		err_page(r, &err);
		return;
	}
	if (!year && ys.n)
		year = ys.y[ys.n - 1].year;
	srv_html_begin(r, "部门预算项目支出绩效目标公开");
	if (!ys.n)
		srv_out(r, "<p>尚未公开任何绩效目标。</p>\n");
	else {
		srv_out(r, "<table class=\"list\"><thead><tr><th>年度</th><th>公开版本</th><th>日期</th><th>目标表</th>"
			   "<th>资金（万元）</th><th></th></tr></thead><tbody>\n");
		for (i = ys.n; i-- > 0;) {
			srv_outf(r, "<tr><td><a href=\"/?year=%d\">%d年度</a></td><td><a class=\"version\" "
				    "href=\"/public/versions/%d\">第 %d 版</a></td><td>",
				 ys.y[i].year, ys.y[i].year, ys.y[i].version, ys.y[i].version);
			srv_esc(r, ys.y[i].at);
			srv_outf(r, "</td><td>%zu</td><td class=\"num\">", ys.y[i].tables);
			money(r, ys.y[i].money);
			srv_outf(r, "</td><td><a class=\"disclosure\" href=\"/public/%d\">公开文件</a></td></tr>\n", ys.y[i].year);
		}
		srv_out(r, "</tbody></table>\n");
		srv_outf(r, "<h2>%d年度公开的绩效目标表</h2>\n", year);
		if (jx_store_published(r->st, 0, year, public_row, &l, &err)) {
			free(ys.y);
			err_page(r, &err);
			return;
		}
		srv_out(r, l.n ? "</tbody></table>\n" : "<p>该年度没有公开的目标表。</p>\n");
	}
	free(ys.y);
	srv_html_end(r, false);
}

/* ---- login ---- */

#define LOGIN_COOKIE "jx_login"

/* The login form carries a token that must match a cookie set with it (there is no session yet). */
static void login_form(struct srv_req *r, unsigned status, const char *msg, const char *user)
{
	char token[JX_TOKEN_HEX];
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
	srv_set_cookie(r, LOGIN_COOKIE, token, "/login", 3600);
	r->status = status;
	r->private = true;
	srv_html_begin(r, "登录");
	if (msg) {
		srv_out(r, "<p class=\"error\" id=\"error\">");
		srv_esc(r, msg);
		srv_out(r, "</p>\n");
	}
	srv_out(r, "<form method=\"post\" action=\"/login\" class=\"login\">\n");
	srv_outf(r, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", token);
	srv_out(r, "<label>用户名 <input id=\"login-user\" name=\"user\" autocomplete=\"username\" required value=\"");
	srv_esc(r, user ? user : "");
	srv_out(r, "\"></label>\n<label>密码 <input id=\"login-password\" name=\"password\" type=\"password\" "
		   "autocomplete=\"current-password\" required></label>\n"
		   "<button type=\"submit\" id=\"login-submit\">登录</button>\n</form>\n");
	srv_html_end(r, false);
}

static void login(struct srv_req *r)
{
	struct jx_err err = { 0 };
	struct jx_account a;
	const char *user, *password, *cookie, *given;
	unsigned status;

	if (is_get(r)) {
		login_form(r, MHD_HTTP_OK, NULL, NULL);
		return;
	}
	if (!is_post(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	if (srv_form(r, &err)) {
		err_page(r, &err);
		return;
	}
	user = srv_field(r, "user");
	password = srv_field(r, "password");
	cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, LOGIN_COOKIE);
	given = srv_field(r, "csrf");
	if (!cookie || !given || strlen(cookie) != JX_TOKEN_HEX - 1 || strcmp(cookie, given) != 0) {
		login_form(r, MHD_HTTP_FORBIDDEN, "登录表单已失效，请重新输入", user);
		return;
	}
	if (!user || !password || !*user) {
		login_form(r, MHD_HTTP_BAD_REQUEST, "请输入用户名和密码", user);
		return;
	}
	status = srv_sign_in(r, user, password, &a, &err);
	if (status == MHD_HTTP_UNAUTHORIZED || status == MHD_HTTP_TOO_MANY_REQUESTS) {
		login_form(r, status, err.msg, user);
		return;
	}
	if (status != MHD_HTTP_OK) {
		err_page(r, &err);
		return;
	}
	srv_redirect(r, a.role == JX_ROLE_FINANCE || a.role == JX_ROLE_DEPARTMENT ? "/review" : "/projects");
}

static void logout(struct srv_req *r)
{
	if (!is_post(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	if (r->logged_in && !form_ok(r))
		return;
	srv_logout(r);
	srv_redirect(r, "/");
}

/* ---- listings ---- */

/* /projects and /review: a page of PAGE_ROWS rows, filtered and sorted in the store (list.c reads the
 * filters), numbered pages whose links keep the filters and the order. */
struct listing {
	struct srv_req *r;
	const struct srv_list *l;
	bool review;             /* the queue: submission time, waiting days, findings */
	char now[JX_TIME_MAX];
};

static void findings_counts(struct srv_req *r, int64_t id)
{
	struct jx_project *p;
	struct jx_findings f = JX_FINDINGS_INIT;
	struct jx_grade g;
	size_t i, errors = 0, warnings = 0;

	if (jx_store_get(r->st, id, &p, NULL)) {
		srv_out(r, "<td>—</td>");
		return;
	}
	srv_review(r, p, &f, &g);
	for (i = 0; i < f.n; i++) {
		errors += f.f[i].severity == JX_SEV_ERROR;
		warnings += f.f[i].severity == JX_SEV_WARNING;
	}
	srv_outf(r, "<td class=\"findings-count\"><span class=\"%s\">错误 %zu</span> · <span class=\"%s\">警告 %zu</span>"
		    " · <span class=\"grade\" title=\"%d 分\">评级 %s</span></td>",
		 errors ? "sev-error" : "", errors, warnings ? "sev-warning" : "", warnings, g.points, g.label);
	jx_findings_clear(&f);
	jx_project_free(p);
}

/* The queue's columns: when submitted (Beijing time, to the minute) and the days waited since. */
static void waiting(struct listing *g, const struct jx_summary *s)
{
	char at[JX_TIME_MAX];
	long days;

	if (jx_days_beijing(s->submitted, g->now, &days)) {
		srv_out(g->r, "<td>—</td><td class=\"num\">—</td>");
		return;
	}
	srv_outf(g->r, "<td class=\"submitted\"><time datetime=\"%s\">%.16s</time></td><td class=\"num waiting\">%ld</td>",
		 s->submitted, jx_time_beijing(s->submitted, at), days < 0 ? 0 : days);
}

static int list_row(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct listing *g = ctx;
	struct srv_req *r = g->r;

	(void)err;
	if (s->unreadable) {
		srv_outf(r, "<tr data-id=\"%lld\" class=\"unreadable\"><td>%d</td><td colspan=\"%d\">编号 %lld："
			    "无法读取（数据已损坏），请联系系统管理员</td></tr>\n",
			 (long long)s->id, s->year, g->review ? 8 : 5, (long long)s->id);
		return 0;
	}
	srv_outf(r, "<tr data-id=\"%lld\"><td>%d</td><td><a class=\"project\" href=\"/projects/%lld\">", (long long)s->id,
		 s->year, (long long)s->id);
	srv_esc(r, s->name);
	srv_out(r, "</a>");
	if (s->kind == JX_KIND_DEPARTMENT)
		srv_out(r, " <span class=\"flag kind\">部门整体</span>");
	if (s->key)
		srv_out(r, " <span class=\"flag\">重点</span>");
	if (s->classified)
		srv_out(r, " <span class=\"flag\">涉密</span>");
	srv_out(r, "</td><td>");
	srv_esc(r, s->unit);
	srv_out(r, "</td><td class=\"num\">");
	money(r, s->total);
	srv_outf(r, "</td><td>%zu</td><td>", s->n_ind);
	status_badge(r, s->status);
	srv_out(r, "</td>");
	if (g->review) {
		waiting(g, s);
		findings_counts(r, s->id);
	}
	srv_out(r, "</tr>\n");
	return 0;
}

/* A parameter of a link (value percent-encoded), after the path or the parameters before. */
static void href_param(struct srv_req *r, bool *first, const char *name, const char *value)
{
	srv_outf(r, "%s%s=", *first ? "?" : "&amp;", name);
	srv_esc_url(r, value);
	*first = false;
}

/* An href to page of the listing in sort (desc), its filters kept. */
static void list_href(struct listing *g, enum jx_sort sort, bool desc, long page)
{
	const struct jx_page *q = &g->l->q;
	struct srv_req *r = g->r;
	bool first = true;
	char v[24];

	srv_outf(r, " href=\"%s", g->review ? "/review" : "/projects");
	if (q->f.year) {
		snprintf(v, sizeof(v), "%d", q->f.year);
		href_param(r, &first, "year", v);
	}
	if (q->f.by_status && !g->review)
		href_param(r, &first, "status", jx_status_name(q->f.status));
	if (q->f.unit && r->who.role != JX_ROLE_UNIT)
		href_param(r, &first, "unit", q->f.unit);
	if (q->by_kind)
		href_param(r, &first, "kind", jx_kind_name(q->kind));
	if (q->by_key)
		href_param(r, &first, "key", q->key ? "1" : "0");
	if (q->f.classified_only || q->f.hide_classified)
		href_param(r, &first, "classified", q->f.classified_only ? "1" : "0");
	if (q->search)
		href_param(r, &first, "q", q->search);
	snprintf(v, sizeof(v), "%s%s", desc ? "-" : "", jx_sort_name(sort));
	href_param(r, &first, "sort", v);
	if (page > 1) {
		snprintf(v, sizeof(v), "%ld", page);
		href_param(r, &first, "page", v);
	}
	srv_out(r, "\"");
}

/* A column's heading: a link sorting by it (first descending if desc_first), the other way when it is
 * the order already. */
static void sort_heading(struct listing *g, const char *label, enum jx_sort sort, bool desc_first)
{
	const struct jx_page *q = &g->l->q;
	bool current = q->sort == sort;

	srv_out(g->r, "<th");
	if (current)
		srv_outf(g->r, " aria-sort=\"%s\"", q->desc ? "descending" : "ascending");
	srv_outf(g->r, "><a class=\"sort\" data-sort=\"%s\"", jx_sort_name(sort));
	list_href(g, sort, current ? !q->desc : desc_first, 1);
	srv_out(g->r, ">");
	srv_esc(g->r, label);
	if (current)
		srv_out(g->r, q->desc ? " ▼" : " ▲");
	srv_out(g->r, "</a></th>");
}

static void option(struct srv_req *r, const char *value, const char *label, bool selected)
{
	srv_out(r, "<option value=\"");
	srv_esc(r, value);
	srv_outf(r, "\"%s>", selected ? " selected" : "");
	srv_esc(r, label);
	srv_out(r, "</option>");
}

/* The filters as a form that sends them back (GET), the order kept. */
static void filter_form(struct listing *g)
{
	struct srv_req *r = g->r;
	const struct jx_page *q = &g->l->q;
	bool all_units = r->who.role != JX_ROLE_UNIT;
	char year[16] = "", sorted[16];

	if (q->f.year)
		snprintf(year, sizeof(year), "%d", q->f.year);
	srv_outf(r, "<form class=\"filter\" id=\"filter\" method=\"get\" action=\"%s\">", g->review ? "/review" : "/projects");
	srv_outf(r, "<label>年度 <input class=\"short\" type=\"number\" name=\"year\" min=\"%d\" max=\"%d\" value=\"%s\">"
		    "</label>", JX_YEAR_MIN, JX_YEAR_MAX, year);
	if (!g->review) {
		srv_out(r, "<label>状态 <select name=\"status\">");
		option(r, "", "全部", !q->f.by_status);
		for (int s = JX_DRAFT; s < JX_STATUS_COUNT; s++)
			option(r, jx_status_name((enum jx_status)s), jx_status_label((enum jx_status)s),
			       q->f.by_status && q->f.status == (enum jx_status)s);
		srv_out(r, "</select></label>");
	}
	if (all_units) {
		srv_out(r, "<label>预算单位 <input type=\"text\" name=\"unit\" value=\"");
		srv_esc(r, q->f.unit ? q->f.unit : "");
		srv_out(r, "\"></label>");
	}
	srv_out(r, "<label>类型 <select name=\"kind\">");
	option(r, "", "全部", !q->by_kind);
	option(r, "project", "项目", q->by_kind && q->kind == JX_KIND_PROJECT);
	option(r, "department", "部门整体", q->by_kind && q->kind == JX_KIND_DEPARTMENT);
	srv_out(r, "</select></label><label>重点 <select name=\"key\">");
	option(r, "", "全部", !q->by_key);
	option(r, "1", "重点项目", q->by_key && q->key);
	option(r, "0", "非重点项目", q->by_key && !q->key);
	srv_out(r, "</select></label>");
	if (all_units) {
		srv_out(r, "<label>涉密 <select name=\"classified\">");
		option(r, "", "全部", !q->f.classified_only && !q->f.hide_classified);
		option(r, "1", "涉密项目", q->f.classified_only);
		option(r, "0", "非涉密项目", q->f.hide_classified);
		srv_out(r, "</select></label>");
	}
	srv_out(r, "<label>名称 <input type=\"search\" name=\"q\" value=\"");
	srv_esc(r, q->search ? q->search : "");
	snprintf(sorted, sizeof(sorted), "%s%s", q->desc ? "-" : "", jx_sort_name(q->sort));
	srv_outf(r, "\" maxlength=\"%d\" placeholder=\"名称中的文字\"></label><input type=\"hidden\" name=\"sort\" value=\"%s\">",
		 SRV_SEARCH_MAX, sorted);
	srv_outf(r, " <button type=\"submit\">筛选</button> <a class=\"clear\" href=\"%s\">清除条件</a></form>\n",
		 g->review ? "/review" : "/projects");
}

static void page_link(struct listing *g, long page, const char *label, const char *rel)
{
	srv_out(g->r, " <a");
	if (rel)
		srv_outf(g->r, " rel=\"%s\"", rel);
	list_href(g, g->l->q.sort, g->l->q.desc, page);
	srv_outf(g->r, ">%s</a>", label);
}

/* 共 N 张 and, over several pages, 上一页, the first, last and nearby page numbers, 下一页. */
static void page_links(struct listing *g, size_t total, long page)
{
	long last = total ? (long)((total + PAGE_ROWS - 1) / PAGE_ROWS) : 1, p;
	char n[24];

	srv_outf(g->r, "<nav class=\"pages\" aria-label=\"分页\"><span class=\"count\">共 %zu 张", total);
	if (last > 1)
		srv_outf(g->r, "，第 %ld/%ld 页", page, last);
	srv_out(g->r, "</span>");
	if (last > 1) {
		if (page > 1)
			page_link(g, page - 1, "上一页", "prev");
		for (p = 1; p <= last; p++) {
			if (p != 1 && p != last && (p < page - 2 || p > page + 2)) {
				if (p == page - 3 || p == page + 3)
					srv_out(g->r, " <span class=\"gap\">…</span>");
				continue;
			}
			snprintf(n, sizeof(n), "%ld", p);
			if (p == page)
				srv_outf(g->r, " <span aria-current=\"page\">%s</span>", n);
			else
				page_link(g, p, n, NULL);
		}
		if (page < last)
			page_link(g, page + 1, "下一页", "next");
	}
	srv_out(g->r, "</nav>\n");
}

/* The review queue of the caller's level (workflow.h): a department account's, what awaits the
 * 主管部门; finance's, what awaits finance. The years reviewed at two levels are the configuration's:
 * returns them as q->two_levels holds them (malloc'd: the caller frees it after the page). */
static int *review_queue(struct srv_req *r, struct jx_page *q)
{
	int base;
	size_t n = jx_review_level_years(r->o->review, &base, NULL, 0);
	int *years = jx_malloc((n ? n : 1) * sizeof(*years));

	jx_review_level_years(r->o->review, &base, years, n);
	q->queue = r->who.role == JX_ROLE_DEPARTMENT ? JX_QUEUE_DEPT : JX_QUEUE_FINANCE;
	q->two_levels.base = base == 2;
	q->two_levels.years = years;
	q->two_levels.n = n;
	return years;
}

static void listing(struct srv_req *r, bool review)
{
	struct srv_list l;
	struct listing g = { r, &l, review, "" };
	struct jx_page_out out;
	struct jx_err err = { 0 };
	const char *page = srv_query(r, "page");
	long pg = page && *page ? (long)srv_id(page, strlen(page)) : 1;
	int *years = NULL, rc;
	bool filtered;

	if (!need_login(r))
		return;
	if (review && jx_access(&r->who, JX_ACT_REVIEW, NULL, false, &err)) {
		err_page(r, &err);
		return;
	}
	if (pg < 1 || pg > 100000) {
		srv_error_page(r, MHD_HTTP_BAD_REQUEST, "参数 page 应为 1–100000 之间的页码");
		return;
	}
	/* the queue: the longest waiting first; every table: the latest year, the newest first */
	if (srv_list_params(r, &l, review ? JX_SORT_SUBMITTED : JX_SORT_YEAR, !review))
		return;
	filtered = l.q.f.year || (l.q.f.by_status && !review) || (l.q.f.unit && r->who.role != JX_ROLE_UNIT) ||
		   l.q.by_kind || l.q.by_key || l.q.f.classified_only || l.q.f.hide_classified || l.q.search;
	if (review)
		years = review_queue(r, &l.q);
	l.q.f.unreadable_too = true;
	l.q.limit = PAGE_ROWS;
	l.q.offset = (size_t)(pg - 1) * PAGE_ROWS;
	l.q.count = true;
	jx_now(g.now);
	srv_html_begin(r, review ? "审核队列" : r->who.role == JX_ROLE_UNIT ? "本单位的绩效目标表"
					   : r->who.role == JX_ROLE_DEPARTMENT ? "所属单位的绩效目标表" : "全部绩效目标表");
	if (!review && srv_query(r, "done") && strcmp(srv_query(r, "done"), "deleted") == 0)
		srv_out(r, "<p class=\"flash\" id=\"flash\">已删除草稿。</p>\n");
	if (review && l.q.queue == JX_QUEUE_DEPT)
		srv_out(r, "<p>以下目标表已提交，等待主管部门审核（实行两级审核的年度；默认等待最久的在前；提交时间为北京时间）。"
			   "审核通过的报财政审核；存在“错误”级别问题的不予通过。</p>\n");
	else if (review && (l.q.two_levels.base || l.q.two_levels.n))
		srv_out(r, "<p>以下目标表等待财政审核：实行两级审核的年度为主管部门已审核的表，其余年度为已提交的表（默认等待最久的在前；"
			   "提交时间为北京时间）。存在“错误”级别问题的不予批准（不予安排）。</p>\n");
	else if (review)
		srv_out(r, "<p>以下目标表已提交，等待审核（默认等待最久的在前；提交时间为北京时间）。存在“错误”级别问题的不予批准（不予安排）。</p>\n");
	filter_form(&g);
	srv_out(r, "<table class=\"list\" id=\"projects\"><thead><tr>");
	sort_heading(&g, "年度", JX_SORT_YEAR, true);
	sort_heading(&g, "项目名称", JX_SORT_NAME, false);
	sort_heading(&g, "预算单位", JX_SORT_UNIT, false);
	sort_heading(&g, "资金（万元）", JX_SORT_TOTAL, true);
	srv_out(r, "<th>指标</th><th>状态</th>");
	if (review) {
		sort_heading(&g, "提交时间", JX_SORT_SUBMITTED, false);
		srv_out(r, "<th>等待天数</th><th>审核发现</th>");
	}
	srv_out(r, "</tr></thead><tbody>\n");
	memset(&out, 0, sizeof(out));
	rc = !l.none && jx_store_page(r->st, &l.q, list_row, &g, &out, &err);
	free(years);
	if (rc) {
		err_page(r, &err);
		return;
	}
	jx_cursor_clear(&out.next);
	srv_out(r, "</tbody></table>\n");
	if (!out.total)
		srv_out(r, filtered ? "<p class=\"empty\">没有符合条件的目标表。</p>\n"
			   : review ? "<p class=\"empty\">审核队列为空。</p>\n" : "<p class=\"empty\">没有目标表。</p>\n");
	else if (!out.rows)
		srv_outf(r, "<p class=\"empty\">第 %ld 页没有目标表。</p>\n", pg);
	page_links(&g, out.total, pg);
	srv_html_end(r, false);
}

/* ---- one project ---- */

/* Beside the targets (peers.h): last year's actual, the mean of the years before, the other tables'
 * targets of the year — one line per indicator that has any. */
static void context_block(struct srv_req *r, const struct jx_project *p, const struct srv_context *c)
{
	struct jx_target_context tc;
	struct jx_buf line = JX_BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < p->n_ind; i++) {
		if (!srv_context_of(c, p, i, &tc))
			continue;
		if (!n++)
			srv_out(r, "<h3>指标值参照</h3><p class=\"hint\">同一项目往年的实际完成值，以及本年度其他已报送的表为同一指标库条目"
				   "（同名、同计量单位、同一方向）设定的目标。</p><ul id=\"context\">");
		srv_outf(r, "<li data-indicator=\"%zu\"><span class=\"ind-name\">", i);
		srv_esc(r, p->ind[i].name);
		if (p->ind[i].unit) {
			srv_out(r, "（");
			srv_esc(r, p->ind[i].unit);
			srv_out(r, "）");
		}
		srv_out(r, "</span> ");
		srv_esc(r, p->ind[i].target ? p->ind[i].target : "");
		srv_out(r, "：");
		line.len = 0;
		jx_target_context_text(&tc, p->ind[i].unit, &line);
		srv_esc(r, line.ptr ? line.ptr : "");
		srv_out(r, "</li>");
	}
	if (n)
		srv_out(r, "</ul>");
	jx_buf_release(&line);
}

/* A return's form: the reason, and the button (id return). */
static void return_form(struct srv_req *r, int64_t id)
{
	srv_outf(r, "<form method=\"post\" action=\"/projects/%lld/return\">", (long long)id);
	srv_csrf_field(r);
	srv_out(r, "<input name=\"reason\" id=\"return-reason\" required placeholder=\"退回理由\">"
		   "<button type=\"submit\" id=\"return\">退回</button></form>");
}

/* The review's buttons, as the account may use them at the level the table awaits (workflow.h): the
 * 主管部门's pass and return on a table submitted in a year of two levels; finance's approval and return
 * on one passed by the 主管部门 or submitted in a year of one level (a table still awaiting the 主管部门
 * finance may return, not approve). */
static void review_actions(struct srv_req *r, const struct jx_project *p)
{
	bool two = jx_review_levels(r->o->review, p->year) == 2;

	if (!jx_access(&r->who, JX_ACT_PASS, p, false, NULL) && p->status == JX_SUBMITTED && two) {
		srv_outf(r, "<form method=\"post\" action=\"/projects/%lld/pass\">", (long long)p->id);
		srv_csrf_field(r);
		srv_out(r, "<button type=\"submit\" id=\"pass\">审核通过，报财政</button></form>");
		return_form(r, p->id);
		return;
	}
	if (jx_access(&r->who, JX_ACT_APPROVE, p, false, NULL))
		return;
	if (p->status == JX_DEPT_APPROVED || (p->status == JX_SUBMITTED && !two)) {
		srv_outf(r, "<form method=\"post\" action=\"/projects/%lld/approve\">", (long long)p->id);
		srv_csrf_field(r);
		srv_out(r, "<button type=\"submit\" id=\"approve\">批准</button></form>");
	} else if (p->status == JX_SUBMITTED) {
		srv_out(r, "<p class=\"hint\" id=\"awaiting-dept\">本年度实行两级审核：这张表尚待主管部门审核，通过后才能批准。</p>");
	}
	if (p->status == JX_SUBMITTED || p->status == JX_DEPT_APPROVED)
		return_form(r, p->id);
}

static void findings_block(struct srv_req *r, const struct jx_project *p)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	struct srv_context *c = srv_context_open(r, p);
	struct jx_grade g;
	size_t i;

	srv_review_with(r, p, c, &f, &g);
	srv_out(r, "<aside class=\"findings\" aria-live=\"polite\"><h2>审核发现</h2>");
	srv_outf(r, "<p class=\"grade\" id=\"grade\">审核评级：<strong>%s</strong>，%d 分（完整性 %d、相关性 %d、适当性 %d、可行性 %d）</p>",
		 g.label, g.points, g.dimension[0], g.dimension[1], g.dimension[2], g.dimension[3]);
	srv_out(r, "<ul id=\"findings\">");
	for (i = 0; i < f.n; i++) {
		srv_outf(r, "<li class=\"finding sev-%s\" data-rule=\"%s\"><span class=\"sev\">", jx_severity_name(f.f[i].severity),
			 f.f[i].rule);
		srv_esc(r, jx_severity_label(f.f[i].severity));
		srv_out(r, "</span> <code>");
		srv_esc(r, f.f[i].rule);
		srv_out(r, "</code> ");
		srv_esc(r, f.f[i].message);
		srv_out(r, "</li>");
	}
	if (!f.n)
		srv_out(r, "<li class=\"none\">未发现问题</li>");
	srv_out(r, "</ul>");
	context_block(r, p, c);
	srv_out(r, "</aside>\n");
	srv_context_close(c);
	jx_findings_clear(&f);
}

/* A row of the table's header: a label and its text across the other columns. */
static void view_row(struct srv_req *r, const char *label, const char *text, const char *cls)
{
	srv_outf(r, "<tr><th>%s</th><td colspan=\"3\"%s%s%s>", label, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	srv_esc(r, text);
	srv_out(r, "</td></tr>\n");
}

/* Two amounts side by side, where the table gives either; the funds' note after them. */
static void view_amounts(struct srv_req *r, const struct jx_project *p)
{
	size_t i;

	if (p->carryover != JX_MONEY_NONE || p->period_total != JX_MONEY_NONE) {
		srv_out(r, "<tr><th>上年结转资金</th><td class=\"num\">");
		money(r, p->carryover);
		srv_out(r, "</td><th>实施期资金总额</th><td class=\"num\">");
		money(r, p->period_total);
		srv_out(r, "</td></tr>\n");
	}
	if (p->f[JX_PF_FUNDS_NOTE])
		view_row(r, jx_project_field(JX_PF_FUNDS_NOTE)->label, p->f[JX_PF_FUNDS_NOTE], NULL);
	for (i = 0; i < p->n_tasks; i++) {
		srv_out(r, "<tr><th>");
		srv_out(r, i ? "" : "年度主要任务");
		srv_out(r, "</th><td colspan=\"2\">");
		srv_esc(r, p->tasks[i].name);
		srv_out(r, "</td><td class=\"num\">");
		money(r, p->tasks[i].total);
		srv_out(r, "</td></tr>\n");
	}
}

/* The indicators, level cells merged over their groups, then the optional columns the table has. */
static void view_indicators(struct srv_req *r, const struct jx_project *p)
{
	enum jx_ifield cols[JX_IF_COUNT];
	size_t n = jx_project_columns(p, cols), i, c;

	srv_out(r, "<table class=\"target indicators\"><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th>"
		   "<th>指标值</th>");
	for (c = 0; c < n; c++)
		srv_outf(r, "<th>%s</th>", jx_indicator_field(cols[c])->label);
	srv_out(r, "</tr></thead><tbody>\n");
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *in = &p->ind[i];
		int start = jx_project_group_start(p, i);

		srv_out(r, "<tr>");
		if (start == 1) {
			srv_outf(r, "<td rowspan=\"%zu\">", jx_project_group_span(p, i, 1));
			srv_esc(r, in->level1);
			srv_out(r, "</td>");
		}
		if (start >= 1) {
			srv_outf(r, "<td rowspan=\"%zu\">", jx_project_group_span(p, i, 2));
			srv_esc(r, in->level2);
			srv_out(r, "</td>");
		}
		srv_out(r, "<td>");
		srv_esc(r, in->name);
		if (in->unit) {
			srv_out(r, "（");
			srv_esc(r, in->unit);
			srv_out(r, "）");
		}
		srv_out(r, "</td><td>");
		srv_esc(r, in->target ? in->target : "");
		for (c = 0; c < n; c++) {
			srv_out(r, "</td><td>");
			srv_esc(r, in->f[cols[c]] ? in->f[cols[c]] : "");
		}
		srv_out(r, "</td></tr>\n");
	}
	srv_out(r, "</tbody></table>\n");
}

/* The table as the unit entered it: its header (the optional fields it has among them) and indicators. */
static void table_block(struct srv_req *r, const struct jx_project *p)
{
	int f;

	srv_out(r, "<table class=\"target\"><tbody>\n<tr><th>项目名称</th><td colspan=\"3\" id=\"v-name\">");
	srv_esc(r, p->name);
	srv_out(r, "</td></tr>\n");
	view_row(r, "预算单位", p->unit, NULL);
	for (f = 0; f < JX_PF_COUNT; f++)
		if (p->f[f] && f != JX_PF_LONG_GOAL && f != JX_PF_FUNDS_NOTE)
			view_row(r, jx_project_field((enum jx_pfield)f)->label, p->f[f], NULL);
	srv_out(r, "<tr><th>年度资金总额（万元）</th><td class=\"num\">");
	money(r, p->total);
	srv_out(r, "</td><th>其中：财政拨款</th><td class=\"num\">");
	money(r, p->fiscal);
	srv_out(r, "</td></tr>\n<tr><th></th><td></td><th>其他资金</th><td class=\"num\">");
	money(r, p->other);
	srv_out(r, "</td></tr>\n");
	view_amounts(r, p);
	if (p->f[JX_PF_LONG_GOAL])
		view_row(r, jx_project_field(JX_PF_LONG_GOAL)->label, p->f[JX_PF_LONG_GOAL], "goal");
	view_row(r, "年度目标", p->goal, "goal");
	srv_out(r, "</tbody></table>\n");
	view_indicators(r, p);
}

static int history_row(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	struct srv_req *r = ctx;
	struct jx_buf what = JX_BUF_INIT;
	char at[JX_TIME_MAX];

	(void)err;
	srv_out(r, "<tr><td class=\"hist-at\">");
	srv_esc(r, jx_time_beijing(e->at, at));
	srv_out(r, "</td><td class=\"hist-user\">");
	srv_esc(r, e->user);
	srv_out(r, "</td><td class=\"hist-action\">");
	srv_esc(r, jx_history_event_label(e->action, e->detail));
	srv_out(r, "</td><td class=\"hist-detail\">");
	jx_history_describe(&what, e->action, e->detail, "\n", 0);
	if (what.len)
		srv_esc(r, what.ptr);
	srv_out(r, "</td></tr>\n");
	jx_buf_release(&what);
	return 0;
}

/* ---- the bureau's log (操作日志) ---- */

#define LOG_ROWS 100 /* entries of the log per page */

struct log_page {
	struct srv_req *r;
	size_t n;
	int64_t last; /* the oldest entry shown: the next page's before */
};

static int log_row(void *ctx, const struct jx_log_row *row, struct jx_err *err)
{
	struct log_page *l = ctx;
	struct srv_req *r = l->r;
	struct jx_buf what = JX_BUF_INIT;
	char at[JX_TIME_MAX];

	(void)err;
	l->n++;
	l->last = row->id;
	srv_out(r, "<tr><td class=\"hist-at\">");
	srv_esc(r, jx_time_beijing(row->e.at, at));
	srv_out(r, "</td><td class=\"hist-user\">");
	srv_esc(r, row->e.user);
	srv_out(r, "</td><td class=\"hist-action\">");
	srv_esc(r, jx_history_event_label(row->e.action, row->e.detail));
	srv_outf(r, "</td><td><a href=\"/projects/%lld\">", (long long)row->e.project_id);
	srv_esc(r, row->name);
	srv_outf(r, "</a>%s<br><small>%d年度 · ", row->classified ? " <span class=\"flag\">涉密</span>" : "", row->year);
	srv_esc(r, row->unit);
	srv_out(r, "</small></td><td class=\"hist-detail\">");
	jx_history_describe(&what, row->e.action, row->e.detail, "\n", 60);
	if (what.len)
		srv_esc(r, what.ptr);
	srv_out(r, "</td></tr>\n");
	jx_buf_release(&what);
	return 0;
}

/* A filter of the log as a query string's tail ("&unit=…"), for the next page's link. */
static void log_keep(struct srv_req *r, const char *name, const char *v)
{
	if (!v || !*v)
		return;
	srv_outf(r, "&amp;%s=", name);
	srv_esc_url(r, v);
}

/* /log: every table's history, newest first, a page at a time, for finance and admin. */
static void bureau_log(struct srv_req *r)
{
	static const char *const actions[] = { "create", "change", "submit", "pass", "approve", "return" };
	const char *before = srv_query(r, "before"), *unit = srv_query(r, "unit"), *action = srv_query(r, "action"),
		   *user = srv_query(r, "user");
	struct jx_log_filter f = { 0, LOG_ROWS, NULL, NULL, NULL };
	struct log_page l = { r, 0, 0 };
	struct jx_err err = { 0 };
	size_t i;

	if (!need_login(r))
		return;
	if (jx_access(&r->who, JX_ACT_LOG, NULL, false, &err)) {
		err_page(r, &err);
		return;
	}
	if (before && *before && !(f.before = srv_id(before, strlen(before)))) {
		srv_error_page(r, MHD_HTTP_BAD_REQUEST, "参数 before 应为日志条目的编号");
		return;
	}
	if (action && *action) {
		for (i = 0; i < sizeof(actions) / sizeof(actions[0]) && strcmp(action, actions[i]) != 0; i++)
			;
		if (i == sizeof(actions) / sizeof(actions[0])) {
			srv_error_page(r, MHD_HTTP_BAD_REQUEST, "参数 action 应为 create、change、submit、pass、approve 或 return");
			return;
		}
		f.action = action;
	}
	f.unit = unit && *unit ? unit : NULL;
	f.user = user && *user ? user : NULL;
	srv_html_begin(r, "操作日志");
	srv_out(r, "<form class=\"filter\" method=\"get\" action=\"/log\"><label>预算单位 <input name=\"unit\" value=\"");
	srv_esc(r, f.unit ? f.unit : "");
	srv_out(r, "\"></label> <label>操作人 <input name=\"user\" value=\"");
	srv_esc(r, f.user ? f.user : "");
	srv_out(r, "\"></label> <label>操作 <select name=\"action\"><option value=\"\">全部</option>");
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		srv_outf(r, "<option value=\"%s\"%s>%s</option>", actions[i],
			 f.action && strcmp(f.action, actions[i]) == 0 ? " selected" : "", jx_history_action_label(actions[i]));
	srv_out(r, "</select></label> <button type=\"submit\">筛选</button></form>\n");
	srv_out(r, "<table class=\"list\" id=\"history\"><thead><tr><th>时间（北京时间）</th><th>操作人</th><th>操作</th>"
		   "<th>项目</th><th>改动（修改前 → 修改后）</th></tr></thead><tbody>\n");
	if (jx_store_log_page(r->st, &f, log_row, &l, &err)) {
		err_page(r, &err);
		return;
	}
	srv_out(r, "</tbody></table>\n");
	if (!l.n)
		srv_out(r, "<p class=\"empty\">没有符合条件的记录。</p>\n");
	else if (l.n == LOG_ROWS) {
		srv_outf(r, "<p class=\"pages\"><a id=\"older\" href=\"/log?before=%lld", (long long)l.last);
		log_keep(r, "unit", f.unit);
		log_keep(r, "user", f.user);
		log_keep(r, "action", f.action);
		srv_out(r, "\">更早的记录</a></p>\n");
	}
	srv_html_end(r, false);
}

static void actuals_block(struct srv_req *r, const struct jx_project *p)
{
	struct jx_actuals a = { 0 };
	const struct jx_eval_settings *s = jx_eval_for_year(r->o->eval, p->year);
	struct jx_score sc;
	char total[JX_DEC_STRMAX];
	size_t i;

	if (jx_actuals_load(r->st, p->id, NULL, &a, NULL))
		return;
	srv_out(r, "<section class=\"actuals\"><h2>实际完成情况</h2>\n");
	if (a.n && s) {
		jx_score_project(s, p, &a, &sc);
		if (sc.evaluated)
			srv_outf(r, "<p id=\"score\">自评得分：<strong>%s</strong> 分（%s）</p>\n",
				 jx_dec_format(sc.total, total), sc.grade);
		else
			srv_out(r, "<p id=\"score\">自评得分：" JX_UNEVALUATED "（没有录入实际完成值）</p>\n");
		if (sc.before_year_end)
			srv_outf(r, "<p class=\"note\">%zu 项实际完成值截至 %d 年年末以前（最早截至 %s），不是全年结果。</p>\n",
				 sc.before_year_end, p->year, sc.earliest);
		jx_score_free(&sc);
	}
	if (a.n) {
		srv_out(r, "<table class=\"list\"><thead><tr><th>指标</th><th>实际值</th><th>截至</th><th>录入人</th></tr>"
			   "</thead><tbody>\n");
		for (i = 0; i < a.n; i++) {
			srv_out(r, "<tr><td>");
			srv_esc(r, a.a[i].indicator);
			if (a.a[i].unit && *a.a[i].unit)
				srv_escf(r, "（%s）", a.a[i].unit);
			srv_out(r, "</td><td>");
			srv_esc(r, a.a[i].value);
			srv_out(r, "</td><td>");
			srv_esc(r, a.a[i].as_of);
			srv_out(r, "</td><td>");
			srv_esc(r, a.a[i].user);
			srv_out(r, "</td></tr>\n");
		}
		srv_out(r, "</tbody></table>\n");
	}
	jx_actuals_free(&a);
	if (!jx_access(&r->who, JX_ACT_ACTUALS, p, false, NULL)) {
		srv_outf(r, "<form method=\"post\" action=\"/projects/%lld/actuals\" class=\"inline\">", (long long)p->id);
		srv_csrf_field(r);
		srv_out(r, "<label>指标 <select name=\"indicator\" id=\"actual-indicator\"><option value=\"" JX_SPENT "\">"
			   JX_SPENT "（万元）</option>");
		for (i = 0; i < p->n_ind; i++) {
			struct jx_buf v = JX_BUF_INIT;

			jx_buf_adds(&v, p->ind[i].name, NULL);
			if (p->ind[i].unit)
				jx_buf_addf(&v, NULL, "(%s)", p->ind[i].unit);
			srv_out(r, "<option value=\"");
			srv_esc(r, v.ptr);
			srv_out(r, "\">");
			srv_esc(r, v.ptr);
			srv_out(r, "</option>");
			jx_buf_release(&v);
		}
		srv_out(r, "</select></label> <label>实际值 <input name=\"actual\" id=\"actual-value\" required "
			   "placeholder=\"如 98.5、达成、部分达成 75%\"></label> <label>截至 <input name=\"as_of\" type=\"date\" "
			   "id=\"actual-date\" required></label> <button type=\"submit\" id=\"actual-save\">录入</button></form>\n");
	}
	srv_out(r, "</section>\n");
}

static void view(struct srv_req *r, int64_t id, unsigned status, const char *flash, const char *error)
{
	struct jx_project *p;
	struct jx_err err = { 0 };

	if (!need_login(r))
		return;
	if (srv_load(r, id, JX_ACT_READ, &p, &err)) {
		err_page(r, &err);
		return;
	}
	r->status = status;
	srv_html_begin(r, p->name);
	if (flash)
		srv_outf(r, "<p class=\"flash\" id=\"flash\">%s</p>\n", flash); /* a fixed text of ours */
	if (error) {
		srv_out(r, "<p class=\"error\" id=\"error\">");
		srv_esc(r, error);
		srv_out(r, "</p>\n");
	}
	srv_outf(r, "<p class=\"meta\">%d年度 · 编号 %lld · ", p->year, (long long)p->id);
	status_badge(r, p->status);
	srv_out(r, "</p>\n<div class=\"with-aside\"><div>\n");
	table_block(r, p);
	/* actions, as the account may take them */
	srv_out(r, "<div class=\"actions\">");
	if (!jx_access(&r->who, JX_ACT_EDIT, p, false, NULL))
		srv_outf(r, "<a class=\"button\" id=\"edit\" href=\"/projects/%lld/edit\">修改</a>", (long long)id);
	if (!jx_access(&r->who, JX_ACT_EDIT, p, false, NULL) && jx_draft_deletable(r->st, p)) {
		srv_outf(r, "<form method=\"post\" action=\"/projects/%lld/delete\" data-confirm=\"删除后不可恢复。确定删除这份草稿吗？\">",
			 (long long)id);
		srv_csrf_field(r);
		srv_out(r, "<button type=\"submit\" id=\"delete\" class=\"danger\">删除草稿</button></form>");
	}
	if (!jx_access(&r->who, JX_ACT_SUBMIT, p, false, NULL) && (p->status == JX_DRAFT || p->status == JX_RETURNED)) {
		srv_outf(r, "<form method=\"post\" action=\"/projects/%lld/submit\">", (long long)id);
		srv_csrf_field(r);
		srv_out(r, "<button type=\"submit\" id=\"submit\">提交审核</button></form>");
	}
	review_actions(r, p);
	srv_out(r, "</div>\n</div>\n");
	findings_block(r, p);
	srv_out(r, "</div>\n");
	actuals_block(r, p);
	srv_out(r, "<section><h2>历史</h2><table class=\"list\" id=\"history\"><thead><tr><th>时间（北京时间）</th>"
		   "<th>操作人</th><th>操作</th><th>改动（修改前 → 修改后）</th></tr></thead><tbody>\n");
	jx_store_history(r->st, id, history_row, r, NULL);
	srv_out(r, "</tbody></table></section>\n");
	jx_project_free(p);
	srv_html_end(r, true); /* the script asks before 删除草稿 */
}

/* ---- the edit form ---- */

/* The indicator columns of the form, row by row: the levels ("l1|l2"), name, unit and target, then the
 * optional columns (jx_ifield) as fields named ind_ and their JSON key. 分值, 指标解释 and 取值依据 are
 * shown; the others ride along hidden in each row, so that a save keeps what the form does not show. */
enum { C_LEVEL, C_NAME, C_UNIT, C_TARGET, C_OPTIONAL, IND_COLS = C_OPTIONAL + JX_IF_COUNT };

/* 年度主要任务 ride along hidden, a task a row: its name and amounts (as the JSON form names them). */
enum { T_NAME, T_TOTAL, T_FISCAL, T_OTHER, TASK_COLS };

static const char *const task_fields[TASK_COLS] = { "task_name", "task_total", "task_fiscal", "task_other" };
static const char *const task_keys[TASK_COLS] = { "name", "total", "fiscal", "other" };

/* The form's values: from a project (to edit it) or from the request (to show it again with an error). */
struct form {
	const char *year, *name, *unit, *total, *fiscal, *other, *carryover, *period_total, *goal, *kind;
	const char *key, *classified, *status; /* not in the form: a request stating them is checked (access.h) */
	const char *revision;          /* the revision the form was filled from (a save names it) */
	const char *pf[JX_PF_COUNT];   /* the optional header fields, the 实施期 goal and the funds' note among them */
	size_t n, n_tasks;
	const char **ind[IND_COLS];    /* n rows of each column */
	const char **task[TASK_COLS];  /* n_tasks rows of each */
	char bufs[7][JX_DEC_STRMAX + 8];
	char **made;                   /* strings made for the form (levels, tasks' amounts), freed with it */
	size_t n_made, cap_made;
};

static bool shown_column(int f)
{
	return f == JX_IF_WEIGHT || f == JX_IF_EXPLANATION || f == JX_IF_BASIS;
}

/* The name of indicator column c's fields. */
static void ind_field_name(int c, char *out, size_t size)
{
	static const char *const base[C_OPTIONAL] = { "level", "ind_name", "ind_unit", "ind_target" };

	if (c < C_OPTIONAL)
		snprintf(out, size, "%s", base[c]);
	else
		snprintf(out, size, "ind_%s", jx_indicator_field((enum jx_ifield)(c - C_OPTIONAL))->key);
}

/* The indicator column a field's name names, or -1. */
static int ind_column(const char *key)
{
	char name[32];
	int c;

	for (c = 0; c < IND_COLS; c++) {
		ind_field_name(c, name, sizeof(name));
		if (strcmp(key, name) == 0)
			return c;
	}
	return -1;
}

static int task_column(const char *key)
{
	int c;

	for (c = 0; c < TASK_COLS; c++)
		if (strcmp(key, task_fields[c]) == 0)
			return c;
	return -1;
}

static void form_free(struct form *f)
{
	size_t i;
	int c;

	for (c = 0; c < IND_COLS; c++)
		free(f->ind[c]);
	for (c = 0; c < TASK_COLS; c++)
		free(f->task[c]);
	for (i = 0; i < f->n_made; i++)
		free(f->made[i]);
	free(f->made);
}

static void form_alloc(struct form *f, size_t n, size_t n_tasks)
{
	int c;

	f->n = n;
	f->n_tasks = n_tasks;
	for (c = 0; c < IND_COLS; c++)
		f->ind[c] = jx_calloc(n + 1, sizeof(char *));
	for (c = 0; c < TASK_COLS; c++)
		f->task[c] = jx_calloc(n_tasks + 1, sizeof(char *));
}

/* Keeps s, made for the form, until the form is freed; returns it. */
static const char *made(struct form *f, char *s)
{
	jx_grow(&f->made, sizeof(*f->made), f->n_made + 1, &f->cap_made);
	return f->made[f->n_made++] = s;
}

static const char *made_money(struct form *f, jx_money m)
{
	char s[JX_DEC_STRMAX];

	return made(f, jx_strdup(jx_money_format(m, s)));
}

static void form_from_project(struct form *f, const struct jx_project *p)
{
	struct jx_buf level = JX_BUF_INIT;
	size_t i;
	int c;

	memset(f, 0, sizeof(*f));
	snprintf(f->bufs[0], sizeof(f->bufs[0]), "%d", p->year);
	f->year = f->bufs[0];
	f->name = p->name;
	f->unit = p->unit;
	f->total = jx_money_format(p->total, f->bufs[1]);
	f->fiscal = jx_money_format(p->fiscal, f->bufs[2]);
	f->other = jx_money_format(p->other, f->bufs[3]);
	f->carryover = jx_money_format(p->carryover, f->bufs[4]);
	f->period_total = jx_money_format(p->period_total, f->bufs[5]);
	f->goal = p->goal;
	f->kind = jx_kind_name(p->kind);
	snprintf(f->bufs[6], sizeof(f->bufs[6]), "%lld", (long long)p->revision);
	f->revision = f->bufs[6];
	memcpy(f->pf, p->f, sizeof(f->pf));
	form_alloc(f, p->n_ind, p->n_tasks);
	for (i = 0; i < p->n_ind; i++) {
		jx_buf_reset(&level);
		jx_buf_addf(&level, NULL, "%s|%s", p->ind[i].level1, p->ind[i].level2);
		f->ind[C_LEVEL][i] = made(f, jx_strdup(level.ptr));
		f->ind[C_NAME][i] = p->ind[i].name;
		f->ind[C_UNIT][i] = p->ind[i].unit;
		f->ind[C_TARGET][i] = p->ind[i].target;
		for (c = 0; c < JX_IF_COUNT; c++)
			f->ind[C_OPTIONAL + c][i] = p->ind[i].f[c];
	}
	jx_buf_release(&level);
	for (i = 0; i < p->n_tasks; i++) {
		f->task[T_NAME][i] = p->tasks[i].name;
		f->task[T_TOTAL][i] = made_money(f, p->tasks[i].total);
		f->task[T_FISCAL][i] = made_money(f, p->tasks[i].fiscal);
		f->task[T_OTHER][i] = made_money(f, p->tasks[i].other);
	}
}

/* Drops the indicator rows the request left wholly empty (the form's spare rows), so that a form shown
 * again after a failed save offers its FORM_ROWS spare rows once, not three more each time. */
static void form_drop_blank_rows(struct form *f)
{
	size_t i, k = 0;
	int c;

	for (i = 0; i < f->n; i++) {
		bool empty = true;

		for (c = C_NAME; c < IND_COLS && empty; c++)
			empty = !f->ind[c][i] || !*f->ind[c][i];
		if (empty)
			continue;
		for (c = 0; c < IND_COLS; c++)
			f->ind[c][k] = f->ind[c][i];
		k++;
	}
	f->n = k;
}

/* An amount as people type it into the form, made the JSON form's 万元: spaces around it dropped,
 * thousands separators where they group three digits (1,200.00), 万元 after it dropped, and 元 after
 * it converted (120000元 → 12.00). A field left empty stays so. Fails naming the field by its label and
 * saying what is expected. */
static int form_money(struct form *f, const char **field, const char *label, struct jx_err *err)
{
	char digits[64];
	const char *s = *field, *end;
	size_t n = 0, group = 0, i, len;
	bool yuan = false, point = false, grouped = false, ok = true;
	jx_money m;

	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len) {
		*field = "";
		return 0;
	}
	end = s + len;
	if (len > 6 && memcmp(end - 6, "万元", 6) == 0) {
		end -= 6;
	} else if (len > 3 && memcmp(end - 3, "元", 3) == 0) {
		end -= 3;
		yuan = true;
	}
	for (i = 0; s + i < end && ok; i++) {
		char ch = s[i];

		if (ch == ',' && !point && n > 0 && (grouped ? group == 3 : group <= 3)) {
			grouped = true;
			group = 0;
			continue;
		}
		if (n + 1 >= sizeof(digits)) {
			ok = false;
			break;
		}
		if (ch == '.')
			point = true;
		else if (!point)
			group++;
		digits[n++] = ch;
	}
	if (grouped && group != 3 && ok) /* 1,20 or 1,2345: not a thousands separator */
		ok = false;
	if (ok && yuan) {
		struct jx_dec d;

		ok = jx_dec_parse(digits, n, &d) == 0 && d.coef >= 0 && jx_money_from_yuan(d, &m) == 0;
	} else if (ok) {
		ok = jx_money_parse(digits, n, &m) == 0 && m >= 0;
	}
	if (!ok)
		return jx_err_set(err, JX_EINPUT,
				  "%s应为以万元计的金额，如 120.50（也可以写 1,200.00、120.5万元或 1205000元），而不是“%.*s”", label,
				  (int)len, s);
	*field = made_money(f, m);
	return 0;
}

/* Every amount of the form through form_money(). */
static int form_amounts(struct form *f, struct jx_err *err)
{
	char label[96];
	size_t i;

	if (form_money(f, &f->total, "年度资金总额", err) || form_money(f, &f->fiscal, "财政拨款", err) ||
	    form_money(f, &f->other, "其他资金", err) || form_money(f, &f->carryover, "上年结转资金", err) ||
	    form_money(f, &f->period_total, "实施期资金总额", err))
		return -1;
	for (i = 0; i < f->n_tasks; i++) {
		snprintf(label, sizeof(label), "第 %zu 项年度主要任务的金额", i + 1);
		if (form_money(f, &f->task[T_TOTAL][i], label, err) || form_money(f, &f->task[T_FISCAL][i], label, err) ||
		    form_money(f, &f->task[T_OTHER][i], label, err))
			return -1;
	}
	return 0;
}

static void form_from_request(struct form *f, struct srv_req *r)
{
	size_t n = 0, n_tasks = 0, i, seen[IND_COLS] = { 0 }, seen_task[TASK_COLS] = { 0 };
	int c;

	memset(f, 0, sizeof(*f));
	f->year = srv_field(r, "year");
	f->name = srv_field(r, "name");
	f->unit = srv_field(r, "unit");
	f->total = srv_field(r, "total");
	f->fiscal = srv_field(r, "fiscal");
	f->other = srv_field(r, "other");
	f->carryover = srv_field(r, "carryover");
	f->period_total = srv_field(r, "period_total");
	f->goal = srv_field(r, "goal");
	f->kind = srv_field(r, "kind");
	f->key = srv_field(r, "key");
	f->classified = srv_field(r, "classified");
	f->status = srv_field(r, "status");
	f->revision = srv_field(r, "revision");
	for (c = 0; c < JX_PF_COUNT; c++)
		f->pf[c] = srv_field(r, jx_project_field((enum jx_pfield)c)->key);
	for (i = 0; i < r->n_fields; i++) {
		n += strcmp(r->fields[i].key, "ind_name") == 0;
		n_tasks += strcmp(r->fields[i].key, "task_name") == 0;
	}
	form_alloc(f, n, n_tasks);
	/* the columns in one pass over the fields: the i-th of each name is row i (asking srv_field_nth for
	 * every row was quadratic, minutes for a form of many thousand fields) */
	for (i = 0; i < r->n_fields; i++) {
		const char *k = r->fields[i].key;

		if ((c = ind_column(k)) >= 0 && seen[c] < n)
			f->ind[c][seen[c]++] = r->fields[i].value.ptr;
		else if ((c = task_column(k)) >= 0 && seen_task[c] < n_tasks)
			f->task[c][seen_task[c]++] = r->fields[i].value.ptr;
	}
	form_drop_blank_rows(f);
}

static bool blank(const char *s)
{
	return !s || !*s;
}

/* Sets key to s in o unless s is blank (a field left empty is one the table does not give). */
static void set_given(json_t *o, const char *key, const char *s)
{
	if (!blank(s))
		json_object_set_new(o, key, json_string(s));
}

static json_t *form_funds(const struct form *f)
{
	json_t *funds = json_object();

	json_object_set_new(funds, "total", json_string(blank(f->total) ? "0" : f->total));
	set_given(funds, "fiscal", f->fiscal);
	set_given(funds, "other", f->other);
	set_given(funds, "carryover", f->carryover);
	set_given(funds, "period_total", f->period_total);
	set_given(funds, "note", f->pf[JX_PF_FUNDS_NOTE]);
	return funds;
}

static json_t *form_tasks(const struct form *f)
{
	json_t *tasks = json_array();
	size_t i;
	int c;

	for (i = 0; i < f->n_tasks; i++) {
		json_t *t = json_object();

		if (blank(f->task[T_NAME][i])) {
			json_decref(t);
			continue;
		}
		for (c = 0; c < TASK_COLS; c++)
			set_given(t, task_keys[c], f->task[c][i]);
		json_array_append_new(tasks, t);
	}
	return tasks;
}

/* Indicator row i in the JSON form into inds; fails if it has no levels. An empty row is skipped. */
static int form_indicator(const struct form *f, size_t i, json_t *inds, struct jx_err *err)
{
	const char *level = f->ind[C_LEVEL][i], *bar = level ? strchr(level, '|') : NULL;
	json_t *ind;
	char *l1;
	int c;

	if (blank(f->ind[C_NAME][i]) && blank(f->ind[C_TARGET][i]) && blank(f->ind[C_UNIT][i]))
		return 0; /* an empty row of the form */
	if (!bar)
		return jx_err_set(err, JX_EINPUT, "第 %zu 行指标没有选择一级、二级指标", i + 1);
	l1 = strndup(level, (size_t)(bar - level));
	ind = json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "level1", l1, "level2", bar + 1, "name",
			f->ind[C_NAME][i] ? f->ind[C_NAME][i] : "", "unit", blank(f->ind[C_UNIT][i]) ? NULL : f->ind[C_UNIT][i],
			"target", blank(f->ind[C_TARGET][i]) ? NULL : f->ind[C_TARGET][i]);
	free(l1);
	for (c = 0; c < JX_IF_COUNT; c++)
		set_given(ind, jx_indicator_field((enum jx_ifield)c)->key, f->ind[C_OPTIONAL + c][i]);
	json_array_append_new(inds, ind);
	return 0;
}

/* The form's values in the JSON form, built into a project the same way the API's are. */
/* A checkbox-like field's value: anything but empty, 0, false, off or no is set. */
static bool form_true(const char *v)
{
	return *v && strcmp(v, "0") != 0 && strcasecmp(v, "false") != 0 && strcasecmp(v, "off") != 0 &&
	       strcasecmp(v, "no") != 0;
}

static struct jx_project *form_project(const struct form *f, struct jx_err *err)
{
	json_t *obj = json_object(), *inds = json_array();
	struct jx_project *p = NULL;
	char *end;
	long year;
	size_t i;
	int c;

	year = f->year ? strtol(f->year, &end, 10) : 0;
	if (blank(f->year) || *end || year < JX_YEAR_MIN || year > JX_YEAR_MAX) {
		jx_err_set(err, JX_EINPUT, "年度应为四位数的年份，如 2021");
		goto done;
	}
	json_object_set_new(obj, "year", json_integer(year));
	json_object_set_new(obj, "name", json_string(f->name ? f->name : ""));
	json_object_set_new(obj, "unit", json_string(f->unit ? f->unit : ""));
	json_object_set_new(obj, "kind", json_string(blank(f->kind) ? "project" : f->kind));
	json_object_set_new(obj, "goal", json_string(f->goal ? f->goal : ""));
	if (f->key)
		json_object_set_new(obj, "key", json_boolean(form_true(f->key)));
	if (f->classified)
		json_object_set_new(obj, "classified", json_boolean(form_true(f->classified)));
	if (f->status)
		json_object_set_new(obj, "status", json_string(f->status));
	for (c = 0; c < JX_PF_COUNT; c++)
		if (c != JX_PF_FUNDS_NOTE)
			set_given(obj, jx_project_field((enum jx_pfield)c)->key, f->pf[c]);
	json_object_set_new(obj, "funds", form_funds(f));
	if (f->n_tasks)
		json_object_set_new(obj, "tasks", form_tasks(f));
	for (i = 0; i < f->n; i++)
		if (form_indicator(f, i, inds, err))
			goto done;
	json_object_set_new(obj, "indicators", inds);
	inds = NULL;
	if (jx_project_from_json(obj, &p, err)) {
		err->code = JX_EINPUT;
		p = NULL;
	} else {
		p->revision = srv_revision(f->revision); /* none (a form of old): the last writer wins */
	}
done:
	json_decref(inds);
	json_decref(obj);
	return p;
}

/* The framework a table of year is written in: the latest that applies to it (财预〔2021〕101号 from 2022),
 * the earliest for a year before any; the latest for a table whose year is not written yet. */
static const struct jx_framework *year_framework(int year)
{
	size_t k;

	if (year <= 0)
		return jx_framework_at(jx_framework_count() - 1);
	for (k = jx_framework_count(); k-- > 0;)
		if (jx_framework_since(jx_framework_at(k)) <= year)
			return jx_framework_at(k);
	return jx_framework_at(0);
}

/* The level-1 › level-2 choices: the pairs of the framework year requires only; a row that already
 * uses another framework's pair keeps it, shown as such, so that a save does not lose it. */
static void level_options(struct srv_req *r, const char *chosen, int year)
{
	const struct jx_framework *fw = year_framework(year);
	const char *l1, *l2;
	bool found = false;
	char v[256];
	size_t i;

	srv_out(r, "<option value=\"\">（请选择）</option>");
	srv_outf(r, "<optgroup label=\"%s 指标体系\">", jx_framework_id(fw));
	for (i = 0; jx_framework_pair_at(fw, i, &l1, &l2); i++) {
		bool is;

		snprintf(v, sizeof(v), "%s|%s", l1, l2);
		is = chosen && strcmp(chosen, v) == 0;
		found = found || is;
		srv_out(r, "<option value=\"");
		srv_esc(r, v);
		srv_out(r, is ? "\" selected>" : "\">");
		srv_esc(r, l1);
		srv_out(r, " › ");
		srv_esc(r, l2);
		srv_out(r, "</option>");
	}
	srv_out(r, "</optgroup>");
	if (chosen && *chosen && !found) {
		const char *bar = strchr(chosen, '|');

		srv_out(r, "<optgroup label=\"其他指标体系（不适用于本年度）\"><option value=\"");
		srv_esc(r, chosen);
		srv_out(r, "\" selected>");
		if (bar) {
			srv_escf(r, "%.*s", (int)(bar - chosen), chosen);
			srv_out(r, " › ");
			srv_esc(r, bar + 1);
		} else {
			srv_esc(r, chosen);
		}
		srv_out(r, "</option></optgroup>");
	}
}

/* A hidden field (NULL: empty). */
static void hidden(struct srv_req *r, const char *name, const char *value)
{
	srv_outf(r, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	srv_esc(r, value ? value : "");
	srv_out(r, "\">");
}

/* Indicator row i of the form, or an empty row (i == f->n): the levels, name, unit, target and the
 * optional columns shown, the others hidden beside the row's delete button. */
static void indicator_row(struct srv_req *r, const struct form *f, size_t i)
{
	static const char *const attrs[C_OPTIONAL] = { "", "", " class=\"short\"",
						       " class=\"short\" placeholder=\"如 ≥95\" title=\"符号与数值，如 ≥95、≤10、=100%\"" };
	static const char *const labels[C_OPTIONAL] = { "一级 › 二级指标", "三级指标", "计量单位", "指标值" };
	char name[32];
	int c;

	srv_outf(r, "<tr class=\"ind\"><td data-label=\"%s\"><select name=\"level\" aria-label=\"%s\">", labels[C_LEVEL],
		 labels[C_LEVEL]);
	level_options(r, i < f->n ? f->ind[C_LEVEL][i] : NULL, f->year ? atoi(f->year) : 0);
	srv_out(r, "</select></td>");
	for (c = C_NAME; c < IND_COLS; c++) {
		const char *label = c < C_OPTIONAL ? labels[c] : jx_indicator_field((enum jx_ifield)(c - C_OPTIONAL))->label;

		if (c >= C_OPTIONAL && !shown_column(c - C_OPTIONAL))
			continue;
		ind_field_name(c, name, sizeof(name));
		srv_outf(r, "<td data-label=\"%s\"><input name=\"%s\" aria-label=\"%s\"%s value=\"", label, name, label,
			 c < C_OPTIONAL ? attrs[c] : c == C_OPTIONAL + JX_IF_EXPLANATION ? "" : " class=\"short\"");
		srv_esc(r, i < f->n && f->ind[c][i] ? f->ind[c][i] : "");
		srv_out(r, "\"></td>");
	}
	srv_out(r, "<td>");
	for (c = C_OPTIONAL; c < IND_COLS; c++)
		if (!shown_column(c - C_OPTIONAL)) {
			ind_field_name(c, name, sizeof(name));
			hidden(r, name, i < f->n ? f->ind[c][i] : NULL);
		}
	srv_out(r, "<button type=\"button\" class=\"del-row\" title=\"删除此行\">×</button></td></tr>\n");
}

static void text_input(struct srv_req *r, const char *id, const char *label, const char *name, const char *value,
		       const char *extra)
{
	srv_outf(r, "<label>%s <input id=\"%s\" name=\"%s\" %s value=\"", label, id, name, extra);
	srv_esc(r, value ? value : "");
	srv_out(r, "\"></label>\n");
}

static void textarea(struct srv_req *r, const char *id, const char *label, const char *name, const char *value)
{
	srv_outf(r, "<label>%s <textarea id=\"%s\" name=\"%s\" rows=\"4\">", label, id, name);
	srv_esc(r, value ? value : "");
	srv_out(r, "</textarea></label>\n");
}

/* The header fields the form shows (the 实施期 goal and the funds' note stand with the goal and the funds):
 * 表名, 主管部门 … 联系电话, each an input named by its JSON key. */
static void header_inputs(struct srv_req *r, const struct form *f)
{
	char id[48];
	int c;

	for (c = 0; c < JX_PF_COUNT; c++) {
		const struct jx_field_def *d = jx_project_field((enum jx_pfield)c);

		if (c == JX_PF_LONG_GOAL || c == JX_PF_FUNDS_NOTE)
			continue;
		snprintf(id, sizeof(id), "f-%s", d->key);
		text_input(r, id, d->label, d->key, f->pf[c], "class=\"wide\"");
	}
}

/* The funds: the year's total and its parts, 上年结转资金, 实施期资金总额 and their note; a part left
 * empty is one the table does not give. 年度主要任务 ride along hidden. */
static void funds_inputs(struct srv_req *r, const struct form *f)
{
	size_t i;
	int c;

	text_input(r, "f-total", "年度资金总额", "total", f->total, "inputmode=\"decimal\" class=\"short\"");
	text_input(r, "f-fiscal", "其中：财政拨款", "fiscal", f->fiscal, "inputmode=\"decimal\" class=\"short\"");
	text_input(r, "f-other", "其他资金", "other", f->other, "inputmode=\"decimal\" class=\"short\"");
	text_input(r, "f-carryover", "上年结转资金", "carryover", f->carryover, "inputmode=\"decimal\" class=\"short\"");
	text_input(r, "f-period_total", "实施期资金总额", "period_total", f->period_total,
		   "inputmode=\"decimal\" class=\"short\"");
	text_input(r, "f-funds_note", jx_project_field(JX_PF_FUNDS_NOTE)->label, "funds_note", f->pf[JX_PF_FUNDS_NOTE],
		   "class=\"wide\"");
	for (i = 0; i < f->n_tasks; i++)
		for (c = 0; c < TASK_COLS; c++)
			hidden(r, task_fields[c], f->task[c][i]);
}

/* 从指标库选择: a search of the indicator library (GET /api/library, web/app.js) whose pick adds a row with
 * the entry's labels, name, unit, 指标性质, 解释 and 取值依据 filled; for a saved table, the library's
 * suggestions for it too. Shown by the script (it needs one), hidden without. */
static void library_picker(struct srv_req *r, int64_t id)
{
	srv_out(r, "<div id=\"library-picker\" class=\"library-picker\" hidden");
	if (id)
		srv_outf(r, " data-project=\"%lld\"", (long long)id);
	srv_out(r, "><label>从指标库选择 <input type=\"search\" id=\"lib-q\" autocomplete=\"off\""
		   " placeholder=\"指标名称或关键词，如：培训 满意度\"></label>");
	if (id)
		srv_out(r, " <button type=\"button\" id=\"lib-suggest\">按本表推荐</button>");
	srv_out(r, "<p id=\"lib-note\" class=\"note\"></p><ul id=\"lib-results\" class=\"lib-results\"></ul></div>\n");
}

static void edit_form(struct srv_req *r, int64_t id, const struct form *f, unsigned status, const char *error,
		      const struct jx_project *checked)
{
	char action[64];
	size_t i;
	int c;

	r->status = status;
	r->private = true;
	srv_html_begin(r, id ? "修改绩效目标表" : "新建绩效目标表");
	if (error) {
		srv_out(r, "<p class=\"error\" id=\"error\">");
		srv_esc(r, error);
		if (status == MHD_HTTP_CONFLICT && id) /* the latest table, in another tab, beside what was typed */
			srv_outf(r, " <a href=\"/projects/%lld\" id=\"reload\" target=\"_blank\">查看最新内容</a>"
				    " <a href=\"/projects/%lld/edit\" id=\"reload-edit\">重新载入（放弃本页的输入）</a>",
				 (long long)id, (long long)id);
		srv_out(r, "</p>\n");
	}
	if (id)
		snprintf(action, sizeof(action), "/projects/%lld/edit", (long long)id);
	else
		snprintf(action, sizeof(action), "/projects/new");
	srv_out(r, "<div class=\"with-aside\"><div>\n");
	srv_outf(r, "<form method=\"post\" action=\"%s\" id=\"edit-form\" class=\"edit\">\n", action);
	srv_csrf_field(r);
	srv_out(r, "<input type=\"hidden\" name=\"kind\" value=\"");
	srv_esc(r, blank(f->kind) ? "project" : f->kind);
	srv_out(r, "\">\n");
	if (id && !blank(f->revision))
		hidden(r, "revision", f->revision);
	srv_out(r, "<fieldset><legend>基本信息</legend>\n");
	text_input(r, "f-year", "年度", "year", f->year, "required inputmode=\"numeric\" class=\"short\"");
	text_input(r, "f-name", "项目名称", "name", f->name, "required class=\"wide\"");
	text_input(r, "f-unit", "预算单位", "unit", f->unit,
		   r->who.role == JX_ROLE_UNIT ? "required readonly class=\"wide\"" : "required class=\"wide\"");
	header_inputs(r, f);
	srv_out(r, "</fieldset>\n<fieldset><legend>项目资金（万元）</legend>\n");
	funds_inputs(r, f);
	srv_out(r, "</fieldset>\n<fieldset><legend>总体目标</legend>\n");
	textarea(r, "f-long_goal", jx_project_field(JX_PF_LONG_GOAL)->label, "long_goal", f->pf[JX_PF_LONG_GOAL]);
	textarea(r, "f-goal", "年度目标", "goal", f->goal);
	srv_out(r, "</fieldset>\n<fieldset><legend>绩效指标</legend>\n"
		   "<table class=\"edit-ind\" id=\"indicators\"><thead><tr><th>一级 › 二级指标</th><th>三级指标</th>"
		   "<th>计量单位</th><th>指标值</th>");
	for (c = 0; c < JX_IF_COUNT; c++)
		if (shown_column(c))
			srv_outf(r, "<th>%s</th>", jx_indicator_field((enum jx_ifield)c)->label);
	srv_out(r, "<th></th></tr></thead><tbody>\n");
	for (i = 0; i < f->n + FORM_ROWS; i++)
		indicator_row(r, f, i < f->n ? i : f->n);
	srv_out(r, "</tbody></table>\n<p><button type=\"button\" id=\"add-row\">添加指标行</button></p>\n");
	library_picker(r, id);
	srv_out(r, "</fieldset>\n<p><button type=\"submit\" id=\"save\">保存</button>");
	if (id)
		srv_outf(r, " <a href=\"/projects/%lld\">取消</a>", (long long)id);
	srv_out(r, "</p>\n</form>\n</div>\n");
	if (checked)
		findings_block(r, checked);
	else
		srv_out(r, "<aside class=\"findings\" aria-live=\"polite\"><h2>审核发现</h2><ul id=\"findings\"></ul></aside>\n");
	srv_out(r, "</div>\n");
	srv_html_end(r, true);
}

static void edit(struct srv_req *r, int64_t id)
{
	struct jx_project *p = NULL;
	struct jx_err err = { 0 };
	struct form f;
	char where[64];

	if (!need_login(r))
		return;
	if (is_get(r)) {
		if (id) {
			if (srv_load(r, id, JX_ACT_EDIT, &p, &err)) {
				err_page(r, &err);
				return;
			}
		} else {
			struct jx_project blank_p = { .year = 0, .name = "", .unit = r->who.unit, .goal = "" };

			if (jx_access(&r->who, JX_ACT_CREATE, &blank_p, false, &err)) {
				err_page(r, &err);
				return;
			}
			p = jx_project_new();
			free(p->unit);
			p->unit = strdup(r->who.unit);
		}
		form_from_project(&f, p);
		if (!id)
			f.year = "", f.total = "";
		edit_form(r, id, &f, MHD_HTTP_OK, NULL, id ? p : NULL);
		form_free(&f);
		jx_project_free(p);
		return;
	}
	if (!is_post(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	if (!form_ok(r))
		return;
	form_from_request(&f, r);
	p = form_amounts(&f, &err) ? NULL : form_project(&f, &err);
	if (p && srv_save(r, id, p, &err) && err.code == JX_ENOTFOUND) {
		/* a table the caller may not see: the page of a missing one, byte for byte, not the form
		 * (which names the id the caller asked for) */
		form_free(&f);
		jx_project_free(p);
		jx_buf_reset(&r->out);
		err_page(r, &err);
		return;
	}
	if (!p || err.code) {
		jx_buf_reset(&r->out);
		edit_form(r, id, &f, srv_status_of(r, &err), err.msg, NULL);
		form_free(&f);
		jx_project_free(p);
		return;
	}
	form_free(&f);
	snprintf(where, sizeof(where), "/projects/%lld?done=saved", (long long)p->id);
	jx_project_free(p);
	srv_redirect(r, where);
}

static void step(struct srv_req *r, int64_t id, const char *action)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	struct jx_err err = { 0 };
	char where[64];

	if (!is_post(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	if (!need_login(r) || !form_ok(r))
		return;
	if (srv_transition(r, id, action, srv_field(r, "reason"), &f, &err)) {
		jx_findings_clear(&f);
		if (err.code == JX_ECONFLICT || err.code == JX_EUSAGE || err.code == JX_EINPUT) {
			jx_buf_reset(&r->out);
			view(r, id, srv_status_of(r, &err), NULL, err.msg);
		} else {
			err_page(r, &err);
		}
		return;
	}
	jx_findings_clear(&f);
	snprintf(where, sizeof(where), "/projects/%lld?done=%s", (long long)id, action);
	srv_redirect(r, where);
}

/* Records one actual through the same import as jixiao actuals import: a CSV of one row. */
static void record_actual(struct srv_req *r, int64_t id)
{
	struct jx_project *p;
	struct jx_err err = { 0 };
	struct jx_buf csv = JX_BUF_INIT;
	struct jx_input in;
	const char *cols[3];
	char where[64];
	size_t i;
	int rc;

	if (!is_post(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	if (!need_login(r) || !form_ok(r))
		return;
	if (srv_load(r, id, JX_ACT_ACTUALS, &p, &err)) {
		err_page(r, &err);
		return;
	}
	cols[0] = srv_field(r, "indicator");
	cols[1] = srv_field(r, "actual");
	cols[2] = srv_field(r, "as_of");
	jx_buf_addf(&csv, NULL, "project,indicator,actual,as_of\n%lld", (long long)id); /* by id: names repeat over years */
	for (i = 0; i < 3; i++) {
		jx_buf_adds(&csv, ",\"", NULL);
		for (const char *c = cols[i] ? cols[i] : ""; *c; c++)
			jx_buf_adds(&csv, *c == '"' ? "\"\"" : (char[]){ *c, 0 }, NULL);
		jx_buf_addc(&csv, '"', NULL);
	}
	jx_buf_addc(&csv, '\n', NULL);
	jx_input_from_mem(&in, csv.ptr, csv.len, "表单");
	rc = jx_actuals_import(r->st, &in, r->o->eval, p->year, r->who.name, NULL, &err);
	jx_input_close(&in);
	jx_buf_release(&csv);
	jx_project_free(p);
	if (rc) {
		jx_buf_reset(&r->out);
		/* what the import refused is what the form said (an unknown indicator is a wrong field, not a
		 * missing page) */
		view(r, id,
		     err.code == JX_EINPUT || err.code == JX_ENOTFOUND || err.code == JX_EAMBIGUOUS ? MHD_HTTP_BAD_REQUEST
												 : srv_status_of(r, &err),
		     NULL, err.msg);
		return;
	}
	snprintf(where, sizeof(where), "/projects/%lld?done=actual", (long long)id);
	srv_redirect(r, where);
}

/* ---- publishing ---- */

static int publication_row(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	struct srv_req *r = ctx;
	char at[JX_TIME_MAX];

	(void)err;
	srv_outf(r, "<tr><td>第 %d 版</td><td>%d</td><td>", p->version, p->year);
	srv_esc(r, jx_time_beijing(p->at, at));
	srv_out(r, "</td><td>");
	srv_esc(r, p->user);
	srv_outf(r, "</td><td>%s</td><td>%zu</td><td class=\"num\">", p->key_only ? "重点项目" : "全部", p->tables);
	money(r, p->money);
	srv_out(r, "</td></tr>\n");
	return 0;
}

static void publish(struct srv_req *r)
{
	struct jx_err err = { 0 };
	struct jx_publication *pub = NULL;
	const char *y;
	char msg[1100] = "";
	int year, rc;

	if (!need_login(r))
		return;
	if (jx_access(&r->who, JX_ACT_PUBLISH, NULL, false, &err)) {
		err_page(r, &err);
		return;
	}
	if (is_post(r)) {
		if (!form_ok(r))
			return;
		y = srv_field(r, "year");
		if (srv_year_param(r, y ? y : "", "年度", &year))
			return;
		rc = jx_store_begin_read(r->st, &err);
		if (!rc) {
			/* its tables walked in the same snapshot, for the save */
			rc = jx_publication_build(r->st, year, srv_field(r, "key_only") != NULL, &pub, &err) ||
			     jx_publication_tables(pub, NULL, NULL, &err);
			jx_store_end(r->st, -1, NULL);
		}
		rc = rc || jx_publication_save(r->st, pub, r->who.name, &err);
		if (rc) {
			r->status = srv_status_of(r, &err);
			snprintf(msg, sizeof(msg), "%s", err.msg);
		} else {
			snprintf(msg, sizeof(msg),
				 pub->unchanged ? "%d 年度的内容与第 %d 版相同，没有保存新版本（%zu 张目标表）。"
						: "已公开 %d 年度第 %d 版：%zu 张目标表。",
				 year, pub->s.version, pub->n);
		}
		jx_publication_free(pub);
	} else if (!is_get(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	srv_html_begin(r, "公开绩效目标");
	if (*msg) {
		srv_outf(r, "<p class=\"%s\" id=\"%s\">", r->status >= 400 ? "error" : "flash", r->status >= 400 ? "error" : "flash");
		srv_esc(r, msg);
		srv_out(r, "</p>\n");
	}
	srv_out(r, "<form method=\"post\" action=\"/publish\" class=\"inline\">");
	srv_csrf_field(r);
	srv_out(r, "<label>年度 <input name=\"year\" id=\"publish-year\" required inputmode=\"numeric\" class=\"short\"></label> "
		   "<label><input type=\"checkbox\" name=\"key_only\" value=\"1\"> 只附重点项目的目标表</label> "
		   "<button type=\"submit\" id=\"publish\">公开</button></form>\n"
		   "<p>公开该年度已批准、非涉密的目标表，保存为新的版本；公众可在<a href=\"/\">公开信息</a>查看。</p>\n"
		   "<table class=\"list\"><thead><tr><th>版本</th><th>年度</th><th>时间</th><th>操作人</th><th>范围</th>"
		   "<th>目标表</th><th>资金（万元）</th></tr></thead><tbody>\n");
	jx_store_publications(r->st, 0, publication_row, r, NULL);
	srv_out(r, "</tbody></table>\n");
	srv_html_end(r, false);
}

/* ---- routing of pages ---- */

/* POST /projects/{id}/delete: a draft that never went to review, thrown away (drafts.h). */
static void delete_draft(struct srv_req *r, int64_t id)
{
	struct jx_err err = { 0 };
	char name[1024];

	if (!need_login(r))
		return;
	if (!is_post(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	if (!form_ok(r))
		return;
	if (jx_draft_delete(r->st, &r->who, id, name, sizeof(name), &err)) {
		err_page(r, &err);
		return;
	}
	srv_redirect(r, "/projects?done=deleted");
}

static const char *done_text(const char *done)
{
	static const struct {
		const char *key, *text;
	} texts[] = { { "saved", "已保存。" }, { "submit", "已提交审核。" }, { "approve", "已批准。" },
		      { "return", "已退回。" }, { "actual", "已录入实际值。" }, { "pass", "已通过主管部门审核，报财政审核。" } };
	size_t i;

	for (i = 0; done && i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(done, texts[i].key) == 0)
			return texts[i].text;
	return NULL;
}

/* The published pages (public.c): /public/{year}, /public/projects/{id}, /public/versions/{N} and
 * /public/versions/{N}/projects/{id}. rest: what follows /public/. False if it names none of them. */
static bool public_page(struct srv_req *r, const char *rest)
{
	int64_t version = 0, n;
	const char *slash;

	if (strncmp(rest, "versions/", 9) == 0) {
		rest += 9;
		slash = strchr(rest, '/');
		version = srv_id(rest, slash ? (size_t)(slash - rest) : strlen(rest));
		if (!version || version > INT32_MAX)
			return false;
		if (!slash)
			return srv_public_version(r, (int)version), true;
		rest = slash + 1;
	}
	if (strncmp(rest, "projects/", 9) == 0)
		return srv_public_table(r, srv_id(rest + 9, strlen(rest + 9)), (int)version, false), true;
	n = srv_id(rest, strlen(rest));
	if (version || n < JX_YEAR_MIN || n > JX_YEAR_MAX)
		return false;
	srv_public_year(r, (int)n);
	return true;
}

void srv_page(struct srv_req *r)
{
	const char *p = r->path, *slash;
	int64_t id;

	if (strcmp(p, "/") == 0 && is_get(r))
		{ home(r); return; }
	if (strcmp(p, "/login") == 0)
		{ login(r); return; }
	if (strcmp(p, "/logout") == 0)
		{ logout(r); return; }
	if (strcmp(p, "/projects") == 0 && is_get(r))
		{ listing(r, false); return; }
	if (strcmp(p, "/review") == 0 && is_get(r))
		{ listing(r, true); return; }
	if (strcmp(p, "/publish") == 0)
		{ publish(r); return; }
	if (strcmp(p, "/log") == 0 && is_get(r))
		{ bureau_log(r); return; }
	if (strcmp(p, "/projects/new") == 0)
		{ edit(r, 0); return; }
	if (srv_admin_page(r) || srv_upload_page(r) || srv_library_page(r))
		return;
	if (strncmp(p, "/public/", 8) == 0 && is_get(r) && public_page(r, p + 8))
		return;
	if (strncmp(p, "/projects/", 10) == 0) {
		p += 10;
		slash = strchr(p, '/');
		id = srv_id(p, slash ? (size_t)(slash - p) : strlen(p));
		if (id && !slash && is_get(r))
			{ view(r, id, MHD_HTTP_OK, done_text(srv_query(r, "done")), NULL); return; }
		if (id && slash && strcmp(slash, "/edit") == 0)
			{ edit(r, id); return; }
		if (id && slash && (strcmp(slash, "/submit") == 0 || strcmp(slash, "/approve") == 0 ||
				    strcmp(slash, "/return") == 0 || strcmp(slash, "/pass") == 0))
			{ step(r, id, slash + 1); return; }
		if (id && slash && strcmp(slash, "/delete") == 0)
			{ delete_draft(r, id); return; }
		if (id && slash && strcmp(slash, "/actuals") == 0)
			{ record_actual(r, id); return; }
	}
	srv_error_page(r, MHD_HTTP_NOT_FOUND, "没有这个页面");
}
