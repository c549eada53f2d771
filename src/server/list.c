/*
 * list.c — the parameters of a listing, read alike by the API (GET /api/projects) and the pages
 * (/projects, /review): the filters, the order, and what the caller may see of them.
 *
 *   year=2021  status=draft|submitted|approved|returned|dept_approved  unit=预算单位  kind=project|department
 *   key=1|0 (重点 or not)  classified=1|0 (涉密 or not)  q=名称中的文字  sort=[-]year|id|name|unit|total|submitted
 *
 * An empty parameter is an absent one (a form sends its empty fields). The filters only ever narrow
 * what the caller may see: a unit account's list is its own unit's whatever unit it names (another
 * unit's is an empty list), a department account's the tables of the units it oversees (access.h), and
 * an anonymous caller's is the published tables, not classified, in
 * orders that tell nothing of what is not published (no money, no submission times), its status
 * filter not applied (a published table's state now is not the public's).
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/model.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "server.h"

/* Answers 400 naming the parameter: JSON under /api/, else a page. Returns -1. */
static int bad(struct srv_req *r, const char *msg)
{
	if (strncmp(r->path, "/api/", 5) == 0)
		srv_json_error(r, MHD_HTTP_BAD_REQUEST, msg);
	else
		srv_error_page(r, MHD_HTTP_BAD_REQUEST, msg);
	return -1;
}

/* A query parameter, NULL if absent or empty. */
static const char *given(struct srv_req *r, const char *name)
{
	const char *v = srv_query(r, name);

	return v && *v ? v : NULL;
}

/* A yes/no filter (1 or 0, true or false) into *on; -1 if v is neither. */
static int yes_no(const char *v, bool *on)
{
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
		*on = true;
	else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		*on = false;
	else
		return -1;
	return 0;
}

static size_t characters(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* The text of a name search, trimmed, into l->search. */
static int search(struct srv_req *r, struct srv_list *l, const char *v)
{
	const char *s = v;
	size_t n = strlen(v);

	if (!jx_utf8_valid(s, n))
		return bad(r, "参数 q 应为 UTF-8 文字");
	jx_text_trim(&s, &n);
	if (characters(s, n) > SRV_SEARCH_MAX)
		return bad(r, "参数 q（名称中的文字）不能超过 200 个字");
	memcpy(l->search, s, n);
	l->search[n] = '\0';
	if (n)
		l->q.search = l->search;
	return 0;
}

static int order(struct srv_req *r, struct srv_list *l, const char *v)
{
	bool desc = v[0] == '-';

	if (jx_sort_from_name(v + desc, &l->q.sort))
		return bad(r, "参数 sort 应为 year、id、name、unit、total 或 submitted（按年度、编号、名称、预算单位、资金或提交时间），"
			      "前加“-”为降序");
	l->q.desc = desc;
	if (!r->logged_in && (l->q.sort == JX_SORT_TOTAL || l->q.sort == JX_SORT_SUBMITTED))
		return bad(r, "公开的目标表只能按 year、id、name 或 unit 排序（参数 sort）");
	return 0;
}

/* The unit filter: any unit for finance and admin; a unit account's own, always; for a department
 * account, among the units whose 主管部门 its unit is, and its own. */
static int unit(struct srv_req *r, struct srv_list *l, const char *v)
{
	if (v && (strlen(v) > JX_TITLE_MAX || !jx_utf8_valid(v, strlen(v))))
		return bad(r, "参数 unit 应为预算单位的名称");
	if (r->logged_in && r->who.role == JX_ROLE_UNIT) {
		l->none = v && strcmp(v, r->who.unit) != 0;
		l->q.f.unit = r->who.unit;
	} else {
		l->q.f.unit = v;
		if (r->logged_in && r->who.role == JX_ROLE_DEPARTMENT)
			l->q.dept = r->who.unit;
	}
	return 0;
}

int srv_list_params(struct srv_req *r, struct srv_list *l, enum jx_sort sort, bool desc)
{
	const char *v;

	memset(l, 0, sizeof(*l));
	l->q.sort = sort;
	l->q.desc = desc;
	l->q.published = !r->logged_in;
	if (srv_year_param(r, given(r, "year"), "参数 year ", &l->q.f.year))
		return -1;
	if ((v = given(r, "status"))) {
		if (jx_status_from_name(v, &l->q.f.status))
			return bad(r, "参数 status 应为 draft、submitted、approved、returned 或 dept_approved"
				      "（草稿、已提交、已批准、已退回或主管部门已审核）");
		l->q.f.by_status = r->logged_in;
	}
	if ((v = given(r, "kind"))) {
		if (jx_kind_from_name(v, &l->q.kind))
			return bad(r, "参数 kind 应为 project（项目）或 department（部门整体）");
		l->q.by_kind = true;
	}
	if ((v = given(r, "key"))) {
		if (yes_no(v, &l->q.key))
			return bad(r, "参数 key 应为 1（只列重点项目）或 0（只列非重点项目）");
		l->q.by_key = true;
	}
	if ((v = given(r, "classified"))) {
		bool on;

		if (yes_no(v, &on))
			return bad(r, "参数 classified 应为 1（只列涉密项目）或 0（不列涉密项目）");
		l->q.f.classified_only = on;
		l->q.f.hide_classified = !on;
	}
	if (unit(r, l, given(r, "unit")))
		return -1;
	if ((v = given(r, "q")) && search(r, l, v))
		return -1;
	if ((v = given(r, "sort")) && order(r, l, v))
		return -1;
	return 0;
}
