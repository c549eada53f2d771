/*
 * library_page.c — /library: the indicator library (指标库) in the web.
 *
 *   GET  /library[?q=WORDS]   every signed-in account: the entries, searched as `jixiao library search`
 *                             searches them (best first), with their labels, 指标性质, 取值依据, origin and
 *                             uses; finance also sees the curation forms below
 *   POST /library             finance (JX_ACT_LIBRARY): one entry from the form's fields, or entries in
 *                             the library's file form pasted whole ({"entries": [...]}) — merged as
 *                             `jixiao library add` merges them: all or nothing, a refusal naming the
 *                             entry and the field
 *   POST /library/take        finance: 纳入 — every approved table of a year taken into the library, as
 *                             `jixiao library import --year` does
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "server.h"

#define SHOWN_MAX 200 /* entries a page lists */

static bool is_post(const struct srv_req *r)
{
	return strcmp(r->method, "POST") == 0;
}

static const char *field(struct srv_req *r, const char *name)
{
	const char *v = srv_field(r, name);

	return v && *v ? v : NULL;
}

/* The form's one entry as the file form: {"entries": [{name, unit, level1, level2, …}]}. */
static char *entry_from_fields(struct srv_req *r)
{
	static const char *const keys[] = { "id",	   "name",	  "unit",  "level1", "level2", "op", "explanation",
					    "computation", "basis", "basis_source", "type" };
	json_t *e = json_object(), *doc;
	char *text;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (field(r, keys[i]))
			json_object_set_new(e, keys[i], json_string(field(r, keys[i])));
	doc = json_pack("{s:[o]}", "entries", e);
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return text;
}

/* Curates: the pasted file form, else the one entry of the fields. Says what changed in msg. */
static int curate(struct srv_req *r, char *msg, size_t cap, struct jx_err *err)
{
	struct jx_library lib = JX_LIBRARY_INIT, given = JX_LIBRARY_INIT;
	struct jx_lib_stats stats = { 0 };
	const char *pasted = field(r, "entries");
	char *text = pasted ? NULL : entry_from_fields(r);
	int rc;

	rc = jx_library_read(&given, pasted ? pasted : text, strlen(pasted ? pasted : text), pasted ? "粘贴的条目" : "表单",
			     false, err) ||
	     jx_library_load(r->st, &lib, err) || jx_library_merge(&lib, &given, &stats, err) ||
	     jx_library_save(r->st, &lib, NULL, err);
	if (!rc)
		snprintf(msg, cap, "指标库：新增 %zu 条，修改 %zu 条，%zu 条与库中相同", stats.added, stats.updated, stats.unchanged);
	free(text);
	jx_library_free(&given);
	jx_library_free(&lib);
	return rc;
}

/* 纳入: the approved tables of the form's year. */
static int take(struct srv_req *r, char *msg, size_t cap, struct jx_err *err)
{
	struct jx_library lib = JX_LIBRARY_INIT;
	struct jx_lib_stats stats = { 0 };
	const char *y = field(r, "year");
	char *end = NULL;
	long year = y ? strtol(y, &end, 10) : 0;
	int rc;

	if (!y || *end || year < JX_YEAR_MIN || year > JX_YEAR_MAX)
		return jx_err_set(err, JX_EINPUT, "年度应为四位数的年份，如 2021");
	rc = jx_library_load(r->st, &lib, err) || jx_library_take_tables(r->st, &lib, (int)year, &stats, err) ||
	     jx_library_save(r->st, &lib, &stats, err);
	if (!rc)
		snprintf(msg, cap, "已纳入 %ld 年度已批准的 %zu 张表：新增 %zu 条，修改 %zu 条", year, stats.tables, stats.added,
			 stats.updated);
	jx_library_free(&lib);
	return rc;
}

static void cell(struct srv_req *r, const char *s)
{
	srv_out(r, "<td>");
	srv_esc(r, s ? s : "");
	srv_out(r, "</td>");
}

static void entries(struct srv_req *r, const struct jx_library *lib, const char *q)
{
	const struct jx_lib_entry **found = calloc(SHOWN_MAX, sizeof(*found));
	char words[512], *w[16];
	struct jx_lib_query query = { 0 };
	size_t n = 0, i, nw = 0;

	if (!found)
		return;
	if (q && *q) {
		char *s;

		snprintf(words, sizeof(words), "%s", q);
		for (s = strtok(words, " \t"); s && nw < 16; s = strtok(NULL, " \t"))
			w[nw++] = s;
		query.words = (const char *const *)w;
		query.n_words = nw;
	}
	n = jx_library_search(lib, &query, found, SHOWN_MAX);
	srv_outf(r, "<p id=\"library-count\">%s %zu 条%s</p>\n", q && *q ? "找到" : "共", n,
		 n == SHOWN_MAX ? "（只列出前 200 条，请用关键词缩小范围）" : "");
	srv_out(r, "<table class=\"list\" id=\"library\"><thead><tr><th>编号</th><th>三级指标</th><th>计量单位</th>"
		   "<th>一级 › 二级指标</th><th>指标性质</th><th>取值依据</th><th>项目类型</th><th>来源</th><th>引用</th></tr>"
		   "</thead><tbody>\n");
	for (i = 0; i < n; i++) {
		const struct jx_lib_entry *e = found[i];

		srv_out(r, "<tr>");
		cell(r, e->id);
		cell(r, e->name);
		cell(r, e->unit);
		srv_out(r, "<td>");
		srv_esc(r, e->level1);
		srv_out(r, " › ");
		srv_esc(r, e->level2);
		srv_out(r, "</td>");
		cell(r, e->op);
		cell(r, e->basis);
		cell(r, e->type);
		cell(r, e->origin);
		srv_outf(r, "<td class=\"num\">%zu</td></tr>\n", jx_lib_entry_uses(e));
	}
	srv_out(r, "</tbody></table>\n");
	free(found);
}

static void curation_forms(struct srv_req *r)
{
	srv_out(r, "<h2>整理指标库</h2>\n<form method=\"post\" action=\"/library\" class=\"login\" id=\"library-add\">");
	srv_csrf_field(r);
	srv_out(r, "<label>编号（修改已有条目时填写） <input name=\"id\" id=\"lib-id\"></label>\n"
		   "<label>三级指标 <input name=\"name\" id=\"lib-name\" required></label>\n"
		   "<label>计量单位 <input name=\"unit\" id=\"lib-unit\"></label>\n"
		   "<label>一级指标 <input name=\"level1\" id=\"lib-level1\" required placeholder=\"如 产出指标\"></label>\n"
		   "<label>二级指标 <input name=\"level2\" id=\"lib-level2\" required placeholder=\"如 数量指标\"></label>\n"
		   "<label>指标性质 <select name=\"op\" id=\"lib-op\"><option value=\"\">（定性）</option><option>≥</option>"
		   "<option>≤</option><option>=</option><option>&gt;</option><option>&lt;</option></select></label>\n"
		   "<label>指标解释 <input name=\"explanation\" id=\"lib-explanation\" class=\"wide\"></label>\n"
		   "<label>计算方法 <input name=\"computation\" id=\"lib-computation\" class=\"wide\"></label>\n"
		   "<label>取值依据 <select name=\"basis\" id=\"lib-basis\"><option value=\"\">（未写明）</option><option>计划标准</option>"
		   "<option>行业标准</option><option>历史标准</option><option>预算支出标准</option><option>其他标准</option></select></label>\n"
		   "<label>依据来源 <input name=\"basis_source\" id=\"lib-basis-source\" class=\"wide\"></label>\n"
		   "<label>项目类型 <input name=\"type\" id=\"lib-type\" placeholder=\"如 培训、会议、购置\"></label>\n"
		   "<button type=\"submit\" id=\"library-add-submit\">加入指标库</button></form>\n");
	srv_out(r, "<form method=\"post\" action=\"/library\" id=\"library-paste\"><p>或粘贴指标库文件（与 jixiao library add 的文件格式相同，"
		   "{\"entries\": [...]}；全部有效才会加入）：</p>");
	srv_csrf_field(r);
	srv_out(r, "<textarea name=\"entries\" id=\"lib-entries\" rows=\"6\"></textarea>"
		   "<p><button type=\"submit\" id=\"library-paste-submit\">加入指标库</button></p></form>\n");
	srv_out(r, "<h2>纳入已批准的表</h2>\n<form method=\"post\" action=\"/library/take\" class=\"inline\" id=\"library-take\">");
	srv_csrf_field(r);
	srv_out(r, "<label>年度 <input name=\"year\" id=\"take-year\" required inputmode=\"numeric\" class=\"short\"></label> "
		   "<button type=\"submit\" id=\"library-take-submit\">纳入该年度已批准的表</button></form>\n");
}

static void library_page(struct srv_req *r, bool taking)
{
	struct jx_library lib = JX_LIBRARY_INIT;
	struct jx_err err = { 0 };
	char msg[256] = "";
	bool curator;
	int rc = 0;

	if (!srv_allowed(r, is_post(r) ? JX_ACT_LIBRARY : -1))
		return;
	curator = jx_access(&r->who, JX_ACT_LIBRARY, NULL, false, NULL) == 0;
	if (is_post(r)) {
		if (!srv_form_ok(r))
			return;
		rc = taking ? take(r, msg, sizeof(msg), &err) : curate(r, msg, sizeof(msg), &err);
	} else if (taking) {
		srv_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持该请求方法");
		return;
	}
	if (jx_library_load(r->st, &lib, rc ? NULL : &err)) {
		srv_error_page(r, srv_status_of(r, &err), err.msg);
		return;
	}
	r->status = rc ? srv_status_of(r, &err) : MHD_HTTP_OK;
	r->private = true;
	srv_html_begin(r, "指标库");
	if (rc) {
		srv_out(r, "<p class=\"error\" id=\"error\">");
		srv_esc(r, err.msg);
		srv_out(r, "（指标库没有任何改动）</p>\n");
	} else if (*msg) {
		srv_out(r, "<p class=\"flash\" id=\"flash\">");
		srv_esc(r, msg);
		srv_out(r, "</p>\n");
	}
	srv_out(r, "<form method=\"get\" action=\"/library\" class=\"filter\"><label>查找 <input type=\"search\" name=\"q\" "
		   "id=\"library-q\" value=\"");
	srv_esc(r, srv_query(r, "q") ? srv_query(r, "q") : "");
	srv_out(r, "\" placeholder=\"指标名称或关键词，如：培训 满意度\"></label> <button type=\"submit\">查找</button></form>\n");
	entries(r, &lib, srv_query(r, "q"));
	if (curator)
		curation_forms(r);
	jx_library_free(&lib);
	srv_html_end(r, false);
}

bool srv_library_page(struct srv_req *r)
{
	if (strcmp(r->path, "/library") == 0)
		library_page(r, false);
	else if (strcmp(r->path, "/library/take") == 0)
		library_page(r, true);
	else
		return false;
	return true;
}
