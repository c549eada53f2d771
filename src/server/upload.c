/*
 * upload.c — 导入申报表: a unit uploads its filled 申报表 in any form jixiao import reads (XLSX, DOCX,
 * HTML, PDF with a text layer, text, JSON: told apart by content, as the command does), sees what
 * importing it would do, and confirms.
 *
 *   GET  /upload          the form: a file and the session's CSRF token, sent as multipart/form-data
 *   POST /upload          the preview: the import itself (import.h), held to the account's rights as
 *                         the API is, in a transaction that is then undone. The file's name, size and
 *                         SHA-256; per table its name, unit and year, 新建 / 替换 / 未变, its grade and
 *                         findings. A file the import refuses is refused whole and nothing is stored:
 *                         422 with the reader's words (the sheet and cell, or the line), 403 naming a
 *                         table that is not the account's to write, 409 for one that cannot change now.
 *   POST /upload/confirm  the file again — base64 in a hidden field, beside its digest — imported for
 *                         real; the page says what was saved, each table linked.
 *
 * Nothing is kept on the server between preview and confirmation: several servers may share one
 * PostgreSQL store, and any of them may take the confirmation. The store may have moved on meanwhile
 * (another window, another account): the import decides again, and the result page shows what it did.
 *
 * Each table is reviewed after the import's transaction ends (undone or committed), from a copy the
 * import's saved hook kept: the other tables' targets the review compares with are read once and shared
 * by every thread (act.c), and must never hold tables of a preview.
 *
 * Limits: the file at most SRV_UPLOAD_FILE times the table limit (3 MiB by default), the requests
 * srv_upload_cap (the confirmation carries the file base64-encoded, a third larger): 413 past either.
 */
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/alloc.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/review.h"
#include "jixiao/text.h"
#include "server.h"

#define FILE_NAME_MAX 200 /* bytes of an uploaded file's name kept, for messages */
#define DIGEST_HEX (crypto_hash_sha256_BYTES * 2 + 1)
#define ACCEPT ".xlsx,.docx,.html,.htm,.pdf,.txt,.json"

/* The file being previewed or imported. */
struct upload {
	char name[FILE_NAME_MAX + 1]; /* as uploaded, without a path; the readers' messages begin with it */
	const unsigned char *data;    /* the bytes: the request's, or own */
	size_t len;
	unsigned char *own;           /* decoded from the confirmation's base64, freed by upload_free */
	char digest[DIGEST_HEX];      /* SHA-256 of the bytes, hex */
};

/* A table the import saved: a copy (its id 0 if only a preview made it), and what saving it did. */
struct row {
	struct jx_project *p;
	enum jx_saved how;
};

struct rows {
	struct row *v;
	size_t n, cap;
};

static size_t file_max(const struct srv_opts *o)
{
	return SRV_UPLOAD_FILE * o->body_table;
}

bool srv_upload_route(const struct srv_req *r)
{
	return strcmp(r->method, "POST") == 0 && (strcmp(r->path, "/upload") == 0 || strcmp(r->path, "/upload/confirm") == 0);
}

size_t srv_upload_cap(const struct srv_opts *o)
{
	return (SRV_UPLOAD_FILE + 1) * o->body_table + SRV_BODY_FORM;
}

static void too_big_text(const struct srv_req *r, char *out, size_t size)
{
	char max[32];

	srv_size_words(file_max(r->o), max, sizeof(max));
	snprintf(out, size, "文件过大：导入的申报表文件至多 %s，请拆分成几个文件分别导入", max);
}

void srv_upload_too_big(struct srv_req *r)
{
	char msg[200];

	too_big_text(r, msg, sizeof(msg));
	srv_error_page(r, MHD_HTTP_CONTENT_TOO_LARGE, msg);
}

/* ---- the file ---- */

/* Takes the file's name without any path a browser sent with it, cut to whole characters. */
static void upload_name(struct upload *u, const char *given)
{
	const char *base = given ? given : "", *s;
	bool invalid;
	size_t n;

	for (s = base; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	n = jx_utf8_prefix(base, strnlen(base, FILE_NAME_MAX), &invalid);
	if (!n)
		snprintf(u->name, sizeof(u->name), "上传的文件");
	else
		snprintf(u->name, sizeof(u->name), "%.*s", (int)n, base);
}

static void upload_digest(struct upload *u)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, u->data, u->len);
	sodium_bin2hex(u->digest, sizeof(u->digest), h, sizeof(h));
}

static void upload_free(struct upload *u)
{
	free(u->own);
}

/* The confirmation's file: name, digest and base64 data, checked against each other. */
static int upload_confirmed(struct srv_req *r, struct upload *u, struct jx_err *err)
{
	const char *name = srv_field(r, "name"), *digest = srv_field(r, "digest"), *data = srv_field(r, "data");
	size_t n, max;

	if (!name || !digest || !data || !*data)
		return jx_err_set(err, JX_EINPUT, "确认表单缺少文件内容，请重新选择文件上传");
	n = strlen(data);
	max = n / 4 * 3 + 3;
	u->own = jx_malloc(max);
	if (sodium_base642bin(u->own, max, data, n, NULL, &u->len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return jx_err_set(err, JX_EINPUT, "确认表单中的文件内容已损坏（不是 base64 编码），请重新选择文件上传");
	u->data = u->own;
	upload_name(u, name);
	upload_digest(u);
	if (strcmp(u->digest, digest) != 0)
		return jx_err_set(err, JX_EINPUT, "确认的文件与预览的文件不一致（SHA-256 不符），请重新选择文件上传");
	return 0;
}

/* ---- the import ---- */

/* The import's saved hook, on its writer's thread: keeps a copy of the table as saved. */
static void keep(void *ctx, const struct jx_project *p, enum jx_saved how)
{
	struct rows *rs = ctx;

	jx_grow(&rs->v, sizeof(*rs->v), rs->n + 1, &rs->cap);
	rs->v[rs->n].p = jx_project_copy(p);
	rs->v[rs->n++].how = how;
}

static void rows_free(struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		jx_project_free(rs->v[i].p);
	free(rs->v);
}

/* Imports u as the signed-in account, for real (commit) or to be undone; *rs receives each table saved. */
static int run(struct srv_req *r, const struct upload *u, bool commit, struct rows *rs, struct jx_err *err)
{
	struct jx_import_opts o = { .user = srv_user(r), .who = &r->who, .saved = keep, .saved_ctx = rs };
	struct jx_import *im = jx_import_begin(r->st, &o, err);
	struct jx_input in;
	size_t i;
	int rc;

	if (!im)
		return -1;
	jx_input_from_mem(&in, u->data, u->len, u->name);
	rc = jx_import_input(im, &in, err);
	jx_input_close(&in);
	if (!rc && commit)
		return jx_import_commit(im, NULL, err);
	jx_import_abort(im);
	for (i = 0; i < rs->n; i++)
		if (rs->v[i].how == JX_SAVED_NEW)
			rs->v[i].p->id = 0; /* undone: it is not in the store */
	return rc;
}

/* Finding the table a refusal was about: the first the reader reads that the import did not save. */
struct unsaved {
	const struct rows *saved;
	struct jx_project *p; /* taken, or NULL */
};

static bool same_identity(const struct jx_project *a, const struct jx_project *b)
{
	return a->year == b->year && a->kind == b->kind && strcmp(a->unit, b->unit) == 0 && strcmp(a->name, b->name) == 0;
}

static int find_unsaved(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct unsaved *w = ctx;
	size_t i;

	for (i = 0; i < w->saved->n; i++)
		if (same_identity(w->saved->v[i].p, p))
			return 0;
	w->p = jx_project_take(p);
	return jx_err_set(err, JX_EUSAGE, "found"); /* stops the reader */
}

/* A table refused for the account's rights (403: another unit's, a flag not its to set) is named: the
 * access rules say what, not which table of the file. */
static void name_refused(const struct upload *u, const struct rows *saved, struct jx_err *err)
{
	struct unsaved w = { saved, NULL };
	struct jx_err ignored = { 0 };
	const struct jx_reader *reader;
	char why[sizeof(err->msg)];
	struct jx_input in;

	jx_input_from_mem(&in, u->data, u->len, u->name);
	reader = jx_reader_detect(&in, &ignored);
	if (reader)
		reader->read(&in, find_unsaved, &w, &ignored);
	jx_input_close(&in);
	if (!w.p)
		return;
	snprintf(why, sizeof(why), "%s", err->msg);
	jx_err_set(err, err->code, "%s: %d年度“%s”（预算单位：%s）：%s", u->name, w.p->year, w.p->name, w.p->unit, why);
	jx_project_free(w.p);
}

/* ---- the pages ---- */

static void upload_form(struct srv_req *r)
{
	char max[32];

	srv_size_words(file_max(r->o), max, sizeof(max));
	srv_out(r, "<form class=\"upload\" id=\"upload-form\" method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">");
	srv_csrf_field(r);
	srv_out(r, "<label for=\"file\">填好的申报表文件</label> <input type=\"file\" id=\"file\" name=\"file\" required accept=\"" ACCEPT
		   "\"> <button type=\"submit\" id=\"preview\">预览</button></form>\n");
	srv_outf(r, "<p class=\"hint\">可导入 Excel 工作簿（.xlsx）、Word 文档（.docx）、网页（.html）、有文字层的 PDF、文本（.txt）"
		    "和 JSON，与命令 jixiao import 所读相同，文件至多 %s。提交后先显示预览：哪些表将新建、哪些将替换系统中已有的表、"
		    "各表的审核发现；确认之后才导入。文件中任何一处有误，整个文件都不导入。</p>\n", max);
}

static void file_facts(struct srv_req *r, const struct upload *u)
{
	srv_out(r, "<dl class=\"file\" id=\"file-facts\"><dt>文件</dt><dd id=\"file-name\">");
	srv_esc(r, u->name);
	srv_outf(r, "</dd><dt>大小</dt><dd id=\"file-size\">%zu 字节</dd><dt>SHA-256</dt><dd><code id=\"digest\">%s</code></dd></dl>\n",
		 u->len, u->digest);
}

/* The file refused: nothing stored, why (prominent), the form to try another. */
static void refused_page(struct srv_req *r, const struct upload *u, unsigned status, const char *msg)
{
	jx_buf_reset(&r->out);
	r->status = status;
	r->private = true;
	srv_html_begin(r, "导入申报表");
	srv_out(r, "<div class=\"error\" id=\"error\" role=\"alert\"><p><strong>文件未导入，系统中没有任何改动。</strong></p><p id=\"error-text\">");
	srv_esc(r, msg);
	srv_out(r, "</p></div>\n");
	if (u)
		file_facts(r, u);
	upload_form(r);
	srv_html_end(r, false);
}

static void refuse(struct srv_req *r, const struct upload *u, const struct rows *saved, struct jx_err *err)
{
	unsigned status;

	if (err->code == JX_EFORBIDDEN)
		name_refused(u, saved, err);
	if (err->code == JX_EINPUT || err->code == JX_EAMBIGUOUS || err->code == JX_ETOOBIG)
		status = MHD_HTTP_UNPROCESSABLE_CONTENT; /* what the file holds: the reader names where */
	else
		status = srv_status_of(r, err);
	refused_page(r, u, status, err->msg);
}

static const char *how_label(enum jx_saved how)
{
	return how == JX_SAVED_NEW ? "新建" : how == JX_SAVED_CHANGED ? "替换" : "未变";
}

static const char *how_name(enum jx_saved how)
{
	return how == JX_SAVED_NEW ? "new" : how == JX_SAVED_CHANGED ? "changed" : "unchanged";
}

/* A table's review: grade, error and warning counts, and those findings. */
static void review_cell(struct srv_req *r, const struct jx_project *p)
{
	struct jx_findings f = JX_FINDINGS_INIT;
	size_t i, errors = 0, warnings = 0;
	struct jx_grade g;

	srv_review(r, p, &f, &g);
	for (i = 0; i < f.n; i++) {
		errors += f.f[i].severity == JX_SEV_ERROR;
		warnings += f.f[i].severity == JX_SEV_WARNING;
	}
	srv_outf(r, "<td class=\"review\" data-label=\"审核\" data-errors=\"%zu\" data-warnings=\"%zu\">%s，%d 分；错误 %zu 条，警告 %zu 条",
		 errors, warnings, g.label, g.points, errors, warnings);
	if (errors + warnings)
		srv_out(r, "<ul class=\"upload-findings\">");
	for (i = 0; i < f.n; i++) {
		if (f.f[i].severity != JX_SEV_ERROR && f.f[i].severity != JX_SEV_WARNING)
			continue;
		srv_outf(r, "<li class=\"sev-%s\" data-rule=\"%s\">", jx_severity_name(f.f[i].severity), f.f[i].rule);
		srv_esc(r, jx_severity_label(f.f[i].severity));
		srv_out(r, "：");
		srv_esc(r, f.f[i].message);
		srv_out(r, "</li>");
	}
	if (errors + warnings)
		srv_out(r, "</ul>");
	srv_out(r, "</td>");
	jx_findings_clear(&f);
}

static void rows_table(struct srv_req *r, const struct rows *rs)
{
	size_t i;

	srv_out(r, "<table class=\"list upload-tables\" id=\"tables\"><thead><tr><th>项目名称</th><th>预算单位</th><th>年度</th>"
		   "<th>导入</th><th>审核</th></tr></thead><tbody>\n");
	for (i = 0; i < rs->n; i++) {
		const struct jx_project *p = rs->v[i].p;

		srv_outf(r, "<tr data-how=\"%s\"><td class=\"name\" data-label=\"项目名称\">", how_name(rs->v[i].how));
		if (p->id)
			srv_outf(r, "<a href=\"/projects/%lld\">", (long long)p->id);
		srv_esc(r, p->name);
		if (p->id)
			srv_out(r, "</a>");
		if (p->kind == JX_KIND_DEPARTMENT)
			srv_out(r, "（部门整体）");
		srv_out(r, "</td><td data-label=\"预算单位\">");
		srv_esc(r, p->unit);
		srv_outf(r, "</td><td data-label=\"年度\">%d</td><td class=\"how how-%s\" data-label=\"导入\">%s</td>", p->year,
			 how_name(rs->v[i].how), how_label(rs->v[i].how));
		review_cell(r, p);
		srv_out(r, "</tr>\n");
	}
	srv_out(r, "</tbody></table>\n");
}

/* How many tables saving did what, and their indicators. */
static void count(const struct rows *rs, size_t by_how[3], size_t *indicators)
{
	size_t i;

	by_how[0] = by_how[1] = by_how[2] = *indicators = 0;
	for (i = 0; i < rs->n; i++) {
		by_how[rs->v[i].how]++;
		*indicators += rs->v[i].p->n_ind;
	}
}

static void confirm_form(struct srv_req *r, const struct upload *u)
{
	size_t n = sodium_base64_encoded_len(u->len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = jx_malloc(n);

	sodium_bin2base64(b64, n, u->data, u->len, sodium_base64_VARIANT_ORIGINAL);
	srv_out(r, "<form class=\"actions\" id=\"confirm-form\" method=\"post\" action=\"/upload/confirm\" enctype=\"multipart/form-data\">");
	srv_csrf_field(r);
	srv_out(r, "<input type=\"hidden\" name=\"name\" value=\"");
	srv_esc(r, u->name);
	srv_outf(r, "\"><input type=\"hidden\" name=\"digest\" value=\"%s\"><input type=\"hidden\" name=\"data\" value=\"", u->digest);
	srv_out(r, b64); /* base64: letters, digits, + / = only */
	srv_out(r, "\"><button type=\"submit\" id=\"confirm\">确认导入</button> <a class=\"button\" href=\"/upload\">重新选择文件</a></form>\n");
	free(b64);
}

static void preview_page(struct srv_req *r, const struct upload *u, const struct rows *rs)
{
	size_t by[3], indicators;

	count(rs, by, &indicators);
	srv_html_begin(r, "导入申报表：预览");
	file_facts(r, u);
	srv_outf(r, "<p class=\"flash\" id=\"summary\">文件中有 %zu 张表，%zu 条指标：新建 %zu，替换 %zu，未变 %zu。"
		    "以下只是预览，尚未导入，系统中没有任何改动。</p>\n", rs->n, indicators, by[JX_SAVED_NEW],
		 by[JX_SAVED_CHANGED], by[JX_SAVED_UNCHANGED]);
	rows_table(r, rs);
	if (by[JX_SAVED_NEW] + by[JX_SAVED_CHANGED]) {
		srv_out(r, "<p class=\"hint\">确认后，新建和替换的表以草稿保存，审核发现中的错误改正后方可提交审核；替换的表保留其重点、涉密标记。"
			   "若预览之后系统中的表有了变化，以确认时的导入结果为准。</p>\n");
		confirm_form(r, u);
	} else {
		srv_out(r, "<p id=\"nothing\">文件中的表与系统中已有的完全相同，无需导入。</p><p><a href=\"/upload\">重新选择文件</a></p>\n");
	}
	srv_html_end(r, false);
}

static void done_page(struct srv_req *r, const struct upload *u, const struct rows *rs)
{
	size_t by[3], indicators;

	count(rs, by, &indicators);
	srv_html_begin(r, "导入申报表：已导入");
	srv_outf(r, "<p class=\"flash\" id=\"summary\" role=\"status\">已导入 %zu 个项目，%zu 条指标（新增 %zu，替换 %zu，未变 %zu）。</p>\n",
		 rs->n, indicators, by[JX_SAVED_NEW], by[JX_SAVED_CHANGED], by[JX_SAVED_UNCHANGED]);
	file_facts(r, u);
	rows_table(r, rs);
	srv_out(r, "<p class=\"hint\">新建和替换的表为草稿：打开各表核对、改正审核发现中的错误，然后提交审核。</p>"
		   "<p><a href=\"/projects\">我的项目</a> · <a href=\"/upload\">继续导入</a></p>\n");
	srv_html_end(r, false);
}

/* ---- the routes ---- */

static bool is_get(const struct srv_req *r)
{
	return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

/* Imports u (commit) or previews it, and answers with what it did or why it did not. */
static void answer(struct srv_req *r, const struct upload *u, bool commit)
{
	struct jx_err err = { 0 };
	struct rows rs = { 0 };
	char msg[200];

	if (u->len > file_max(r->o)) {
		too_big_text(r, msg, sizeof(msg));
		refused_page(r, u, MHD_HTTP_CONTENT_TOO_LARGE, msg);
	} else if (run(r, u, commit, &rs, &err)) {
		refuse(r, u, &rs, &err);
	} else if (commit) {
		done_page(r, u, &rs);
	} else {
		preview_page(r, u, &rs);
	}
	rows_free(&rs);
}

static void preview(struct srv_req *r)
{
	const struct srv_field *f = srv_file(r, "file");
	struct upload u = { 0 };

	if (!f || !f->value.len) {
		refused_page(r, NULL, MHD_HTTP_BAD_REQUEST, f ? "所选文件是空的，请选择填好的申报表文件" : "请选择要导入的申报表文件");
		return;
	}
	upload_name(&u, f->filename);
	u.data = (const unsigned char *)f->value.ptr;
	u.len = f->value.len;
	upload_digest(&u);
	answer(r, &u, false);
}

static void confirm(struct srv_req *r)
{
	struct jx_err err = { 0 };
	struct upload u = { 0 };

	if (upload_confirmed(r, &u, &err))
		refused_page(r, NULL, srv_status_of(r, &err), err.msg);
	else
		answer(r, &u, true);
	upload_free(&u);
}

static void form_page(struct srv_req *r)
{
	srv_html_begin(r, "导入申报表");
	srv_out(r, "<p>上传本单位填好的绩效目标申报表，系统先列出文件中的各张表及其审核发现，确认后再导入。</p>\n");
	upload_form(r);
	srv_html_end(r, false);
}

bool srv_upload_page(struct srv_req *r)
{
	bool confirming = strcmp(r->path, "/upload/confirm") == 0;

	if (strcmp(r->path, "/upload") != 0 && !confirming)
		return false;
	if (!srv_allowed(r, JX_ACT_CREATE)) /* an account that may write tables (access.h) */
		return true;
	if (is_get(r)) {
		if (confirming)
			srv_redirect(r, "/upload"); /* a confirmation is a POST from the preview */
		else
			form_page(r);
		return true;
	}
	if (!srv_form_ok(r))
		return true;
	if (confirming)
		confirm(r);
	else
		preview(r);
	return true;
}
