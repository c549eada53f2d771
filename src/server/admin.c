/*
 * admin.c — the pages of accounts and budget units, and everyone's own password:
 *
 *   /admin            accounts (admin): each with its role, unit, state and last login; forms to add
 *                     one, disable or enable it, reset its password and move a unit account to another
 *                     registered unit (POST /admin, field op: add, disable, enable, password, unit)
 *   /units            the registry of budget units (单位库): finance reads it, admin adds to it (POST)
 *   /password         修改密码 for every signed-in account: the old password, the new one twice; the
 *                     account's other sessions end, this one goes on under a new token
 *
 * Every POST carries the session's CSRF token; who may do what is jx_access() (JX_ACT_ACCOUNTS,
 * JX_ACT_UNITS, JX_ACT_UNIT_LIST); every change goes through the library (account.h, unit.h), so the
 * password rule and the registry are the same as on the command line.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/account.h"
#include "jixiao/clock.h"
#include "jixiao/store.h"
#include "jixiao/unit.h"
#include "server.h"

static bool is_get(const struct srv_req *r)
{
	return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

static bool is_post(const struct srv_req *r)
{
	return strcmp(r->method, "POST") == 0;
}

/* Signed in and allowed act (JX_ACT_* with no project), else answered: false. A GET without a session
 * goes to the login page. */
bool srv_allowed(struct srv_req *r, int act)
{
	struct jx_err err = { 0 };

	if (!is_get(r) && !is_post(r)) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return false;
	}
	if (!r->logged_in) {
		if (is_get(r))
			srv_redirect(r, "/login");
		else
			srv_error_page(r, MHD_HTTP_UNAUTHORIZED, "请先登录");
		return false;
	}
	if (act >= 0 && jx_access(&r->who, (enum jx_act)act, NULL, false, &err)) {
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return false;
	}
	return true;
}

/* A POST's form with the session's CSRF token, else answered (400, 403): false. */
bool srv_form_ok(struct srv_req *r)
{
	struct jx_err err = { 0 };

	if (srv_form(r, &err)) {
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return false;
	}
	if (!srv_csrf_ok(r)) {
		srv_error_page(r, MHD_HTTP_FORBIDDEN, "表单已失效（缺少或错误的 CSRF 令牌），请刷新页面后重试");
		return false;
	}
	return true;
}

static const char *field(struct srv_req *r, const char *name)
{
	const char *v = srv_field(r, name);

	return v ? v : "";
}

/* The outcome of a POST above the page: a flash, or an error with its status. */
struct outcome {
	unsigned status;
	char msg[1100];
};

static void done(struct outcome *o, struct srv_req *r, int rc, struct jx_err *err, const char *fmt, const char *a,
		 const char *b)
{
	if (rc) {
		o->status = srv_status_of(r, err);
		snprintf(o->msg, sizeof(o->msg), "%s", err->msg);
	} else {
		o->status = MHD_HTTP_OK;
		snprintf(o->msg, sizeof(o->msg), fmt, a, b ? b : "");
	}
}

static void show_outcome(struct srv_req *r, const struct outcome *o)
{
	if (!*o->msg)
		return;
	srv_outf(r, "<p class=\"%s\" id=\"%s\">", o->status >= 400 ? "error" : "flash", o->status >= 400 ? "error" : "flash");
	srv_esc(r, o->msg);
	srv_out(r, "</p>\n");
}

/* ---- the registry's names, for the forms ---- */

static int unit_option(void *ctx, const struct jx_unit_row *u, struct jx_err *err)
{
	struct srv_req *r = ctx;

	(void)err;
	srv_out(r, "<option value=\"");
	srv_esc(r, u->name);
	srv_out(r, "\">");
	return 0;
}

/* A datalist of every registered unit, which the unit inputs of the page name. */
static void unit_datalist(struct srv_req *r)
{
	srv_out(r, "<datalist id=\"unit-names\">");
	jx_unit_each(r->st, unit_option, r, NULL);
	srv_out(r, "</datalist>\n");
}

/* ---- /admin: accounts ---- */

static int add_account(struct srv_req *r, struct jx_err *err)
{
	enum jx_role role;
	const char *unit = field(r, "unit");
	int rc;

	if (jx_role_from_name(field(r, "role"), &role))
		return jx_err_set(err, JX_EINPUT, "角色应为管理员、财政、单位或主管部门");
	if (!jx_role_has_unit(role))
		unit = NULL;
	if (jx_store_begin(r->st, err))
		return -1;
	rc = (jx_role_has_unit(role) && jx_unit_require(r->st, unit, err)) ||
	     jx_account_add(r->st, field(r, "name"), role, unit, field(r, "password"), err);
	return jx_store_end(r->st, rc, err);
}

static void account_action(struct srv_req *r, struct outcome *o)
{
	const char *op = field(r, "op"), *name = field(r, "name");
	struct jx_account a;
	struct jx_err err = { 0 };
	int rc;

	if (strcmp(op, "add") == 0) {
		rc = add_account(r, &err);
		done(o, r, rc, &err, "已添加账户“%s”%s", name, "");
		return;
	}
	if (jx_account_get(r->st, name, &a, &err)) {
		done(o, r, -1, &err, "", NULL, NULL);
		return;
	}
	if (strcmp(op, "disable") == 0 || strcmp(op, "enable") == 0) {
		bool off = strcmp(op, "disable") == 0;

		rc = off && strcmp(name, r->who.name) == 0
			     ? jx_err_set(&err, JX_ECONFLICT, "不能停用自己正在使用的账户")
			     : jx_account_disable(r->st, name, off, &err);
		done(o, r, rc, &err, off ? "已停用账户“%s”，它的会话随即失效%s" : "已启用账户“%s”%s", name, "");
	} else if (strcmp(op, "password") == 0) {
		rc = jx_account_passwd(r->st, name, field(r, "password"), &err);
		done(o, r, rc, &err, "已重置账户“%s”的密码，它的会话随即失效%s", name, "");
	} else if (strcmp(op, "unit") == 0) {
		rc = jx_account_set_unit(r->st, name, field(r, "unit"), &err);
		done(o, r, rc, &err, "账户“%s”的预算单位已改为%s", name, field(r, "unit"));
	} else {
		jx_err_set(&err, JX_EINPUT, "未知的操作“%s”", op);
		done(o, r, -1, &err, "", NULL, NULL);
	}
}

/* A small form posting op for the account name, with the inputs given as markup. */
static void account_form(struct srv_req *r, const char *name, const char *op, const char *inputs, const char *button)
{
	srv_out(r, "<form method=\"post\" action=\"/admin\" class=\"inline\">");
	srv_csrf_field(r);
	srv_outf(r, "<input type=\"hidden\" name=\"op\" value=\"%s\"><input type=\"hidden\" name=\"name\" value=\"", op);
	srv_esc(r, name);
	srv_outf(r, "\">%s<button type=\"submit\" class=\"%s\">%s</button></form> ", inputs, op, button);
}

static int account_row(void *ctx, const struct jx_account *a)
{
	struct srv_req *r = ctx;
	char at[JX_TIME_MAX];

	srv_out(r, "<tr><td class=\"account\">");
	srv_esc(r, a->name);
	srv_outf(r, "</td><td>%s</td><td>", jx_role_label(a->role));
	srv_esc(r, jx_role_has_unit(a->role) ? a->unit : "—");
	srv_outf(r, "</td><td class=\"state\">%s</td><td class=\"last-login\">", a->disabled ? "停用" : "启用");
	srv_esc(r, *a->last_login ? jx_time_beijing(a->last_login, at) : "从未登录");
	srv_out(r, "</td><td>");
	account_form(r, a->name, a->disabled ? "enable" : "disable", "", a->disabled ? "启用" : "停用");
	account_form(r, a->name, "password",
		     "<input type=\"password\" name=\"password\" autocomplete=\"new-password\" required minlength=\"8\" "
		     "placeholder=\"新密码\" aria-label=\"新密码\"> ",
		     "重置密码");
	if (jx_role_has_unit(a->role))
		account_form(r, a->name, "unit",
			     "<input name=\"unit\" list=\"unit-names\" required placeholder=\"单位库中的预算单位\" "
			     "aria-label=\"预算单位\"> ",
			     "更改单位");
	srv_out(r, "</td></tr>\n");
	return 0;
}

static void accounts_page(struct srv_req *r)
{
	struct outcome o = { MHD_HTTP_OK, "" };
	struct jx_err err = { 0 };

	if (!srv_allowed(r, JX_ACT_ACCOUNTS))
		return;
	if (is_post(r)) {
		if (!srv_form_ok(r))
			return;
		account_action(r, &o);
	}
	r->status = o.status;
	r->private = true;
	srv_html_begin(r, "账户管理");
	show_outcome(r, &o);
	srv_out(r, "<p><a href=\"/units\">单位库</a> · <a href=\"/password\">修改我的密码</a></p>\n"
		   "<table class=\"list\" id=\"accounts\"><thead><tr><th>账户</th><th>角色</th><th>预算单位</th><th>状态</th>"
		   "<th>最近登录（北京时间）</th><th>操作</th></tr></thead><tbody>\n");
	if (jx_account_each(r->st, account_row, r, &err)) {
		jx_buf_reset(&r->out);
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return;
	}
	srv_out(r, "</tbody></table>\n<h2>添加账户</h2>\n<form method=\"post\" action=\"/admin\" class=\"login\" id=\"add-account\">");
	srv_csrf_field(r);
	srv_out(r, "<input type=\"hidden\" name=\"op\" value=\"add\">\n"
		   "<label>账户名 <input name=\"name\" id=\"new-name\" required maxlength=\"64\" autocomplete=\"off\"></label>\n"
		   "<label>角色 <select name=\"role\" id=\"new-role\"><option value=\"unit\">单位</option>"
		   "<option value=\"finance\">财政</option><option value=\"admin\">管理员</option>"
		   "<option value=\"department\">主管部门</option></select></label>\n"
		   "<label>预算单位（单位账户；主管部门账户为其主管部门） <input name=\"unit\" id=\"new-unit\" list=\"unit-names\" "
		   "placeholder=\"单位库中的预算单位\"></label>\n"
		   "<label>初始密码 <input type=\"password\" name=\"password\" id=\"new-password\" required minlength=\"8\" "
		   "autocomplete=\"new-password\"></label>\n"
		   "<button type=\"submit\" id=\"add-account-submit\">添加</button></form>\n"
		   "<p>密码至少 8 个字符，不能只是同一个字符的重复、不能包含账户名，也不能是常见密码。</p>\n");
	unit_datalist(r);
	srv_html_end(r, false);
}

/* ---- /units: the registry ---- */

static int unit_row(void *ctx, const struct jx_unit_row *u, struct jx_err *err)
{
	struct srv_req *r = ctx;

	(void)err;
	srv_out(r, "<tr><td class=\"unit-name\">");
	srv_esc(r, u->name);
	srv_out(r, "</td><td>");
	srv_esc(r, u->code ? u->code : "—");
	srv_out(r, "</td><td>");
	srv_esc(r, u->parent ? u->parent : "—");
	srv_out(r, "</td></tr>\n");
	return 0;
}

static void units_page(struct srv_req *r)
{
	struct outcome o = { MHD_HTTP_OK, "" };
	struct jx_err err = { 0 };
	bool manage;

	if (!srv_allowed(r, is_post(r) ? JX_ACT_UNITS : JX_ACT_UNIT_LIST))
		return;
	manage = jx_access(&r->who, JX_ACT_UNITS, NULL, false, NULL) == 0;
	if (is_post(r)) {
		if (!srv_form_ok(r))
			return;
		done(&o, r, jx_unit_add(r->st, field(r, "name"), field(r, "code"), field(r, "parent"), &err), &err,
		     "已登记预算单位“%s”%s", field(r, "name"), "");
	}
	r->status = o.status;
	r->private = true;
	srv_html_begin(r, "单位库");
	show_outcome(r, &o);
	srv_out(r, "<p>账户和绩效目标表只能属于单位库中的预算单位。</p>\n<table class=\"list\" id=\"units\"><thead><tr>"
		   "<th>预算单位</th><th>代码</th><th>主管部门</th></tr></thead><tbody>\n");
	if (jx_unit_each(r->st, unit_row, r, &err)) {
		jx_buf_reset(&r->out);
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return;
	}
	srv_out(r, "</tbody></table>\n");
	if (manage) {
		srv_out(r, "<h2>登记预算单位</h2>\n<form method=\"post\" action=\"/units\" class=\"login\" id=\"add-unit\">");
		srv_csrf_field(r);
		srv_outf(r, "<label>名称 <input name=\"name\" id=\"unit-name\" required maxlength=\"%d\"></label>\n"
			    "<label>代码（可不填） <input name=\"code\" id=\"unit-code\" maxlength=\"%d\"></label>\n"
			    "<label>主管部门（可不填） <input name=\"parent\" id=\"unit-parent\" list=\"unit-names\"></label>\n"
			    "<button type=\"submit\" id=\"add-unit-submit\">登记</button></form>\n",
			 JX_UNIT_NAME_MAX, JX_UNIT_CODE_MAX);
		unit_datalist(r);
	}
	srv_html_end(r, false);
}

/* ---- /password: one's own ---- */

static void password_page(struct srv_req *r)
{
	struct outcome o = { MHD_HTTP_OK, "" };
	struct jx_err err = { 0 };
	struct jx_account me;
	int rc;

	if (!srv_allowed(r, -1))
		return;
	if (is_post(r)) {
		if (!srv_form_ok(r))
			return;
		me = r->who;
		if (strcmp(field(r, "password"), field(r, "again")) != 0)
			rc = jx_err_set(&err, JX_EINPUT, "两次输入的新密码不一致");
		else
			rc = jx_account_change_password(r->st, me.name, field(r, "old"), field(r, "password"), &err);
		/* every session of the account ended with the old password: this one goes on under a new token */
		rc = rc || srv_login(r, &me, &err);
		done(&o, r, rc, &err, "密码已修改%s%s；该账户在其他地方的登录已失效", "", "");
	}
	r->status = o.status;
	r->private = true;
	srv_html_begin(r, "修改密码");
	show_outcome(r, &o);
	srv_out(r, "<form method=\"post\" action=\"/password\" class=\"login\" id=\"change-password\">");
	srv_csrf_field(r);
	srv_out(r, "<label>原密码 <input type=\"password\" name=\"old\" id=\"old-password\" required "
		   "autocomplete=\"current-password\"></label>\n"
		   "<label>新密码 <input type=\"password\" name=\"password\" id=\"new-password\" required minlength=\"8\" "
		   "autocomplete=\"new-password\"></label>\n"
		   "<label>再输入一次 <input type=\"password\" name=\"again\" id=\"again-password\" required minlength=\"8\" "
		   "autocomplete=\"new-password\"></label>\n"
		   "<button type=\"submit\" id=\"change-password-submit\">修改密码</button></form>\n"
		   "<p>密码至少 8 个字符，不能只是同一个字符的重复、不能包含账户名，也不能是常见密码。修改后，"
		   "该账户在其他浏览器或设备上的登录随即失效。</p>\n");
	srv_html_end(r, false);
}

bool srv_admin_page(struct srv_req *r)
{
	if (strcmp(r->path, "/admin") == 0)
		accounts_page(r);
	else if (strcmp(r->path, "/units") == 0)
		units_page(r);
	else if (strcmp(r->path, "/password") == 0)
		password_page(r);
	else
		return false;
	return true;
}
