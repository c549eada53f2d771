/*
 * xlsx_book.c — an XLSX workbook as a container: the zip, its members streamed through expat, and the
 * parts every sheet needs (see xlsx_impl.h).
 *
 * libzip needs random access. A regular file is read in place (its descriptor duplicated); anything
 * else (a pipe, standard input) is read into memory first, up to JX_XLSX_MAX_SPOOL; an input that is
 * already in memory is used as it is.
 *
 * Every member is inflated a chunk at a time and counted as it comes out of the decompressor, against
 * a cap per member and one for the whole workbook: the sizes a zip declares are never trusted. Each
 * chunk goes straight to expat, whose allocations are counted too (JX_XLSX_MAX_XML_MEMORY): one
 * enormous tag or text run fails instead of growing without bound. A DOCTYPE is refused outright, so
 * no entity can be declared, let alone expanded (billion laughs). Element and attribute names are
 * matched without their prefix (x:c is c, r:id is id), since producers prefix them differently; the
 * parser does no namespace processing, which only costs time here.
 *
 * The parts read here: xl/workbook.xml (the sheets, in order, and the 1904 date system), its
 * relationships (where each sheet is), xl/styles.xml (each cell style's number format) and the shared
 * strings, each a string's text runs concatenated without its phonetic guides (<rPh>).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/numfmt.h"
#include "jixiao/xlsx.h"
#include "xlsx_impl.h"

#define CHUNK (64 * 1024)      /* bytes inflated at a time */
#define MAX_PATH 1024          /* bytes of a member's path */
#define MAX_NAME 256           /* bytes of a sheet's name (Excel allows 31 characters) */
#define MAX_RELS 65536         /* relationships of the workbook */
#define N_BUILTIN 164          /* built-in number formats: ids below the first custom one */

struct custom_format {
	unsigned id;
	size_t order; /* where it was defined: the last definition of an id wins */
	struct jx_numfmt f;
};

struct rel {
	char *id, *type, *target;
};

struct xlsx_book {
	struct jx_input *in;
	zip_t *za;
	char *chunk;                   /* CHUNK bytes */
	uint64_t inflated;             /* bytes inflated from every member so far */
	bool date1904;
	struct xlsx_sheet *sheets;     /* in the workbook's order */
	char **sheet_rids;             /* each sheet's relationship id, until resolved */
	size_t n_sheets, cap_sheets;
	struct rel *rels;
	size_t n_rels, cap_rels;
	struct jx_buf strings;         /* shared strings, each NUL-terminated */
	uint32_t *string_at;           /* offset of each in strings, and one past the last */
	size_t n_strings, cap_strings;
	struct jx_buf raw;             /* text of the string or attribute being read */
	bool in_si, in_t, in_xfs;      /* where the styles and strings parsers are */
	int rph;                       /* depth of phonetic runs */
	struct custom_format *custom;  /* numFmts */
	size_t n_custom, cap_custom;
	unsigned *xf_ids;              /* cellXfs: each style's numFmtId */
	size_t n_xfs, cap_xfs;
	struct jx_numfmt builtin[N_BUILTIN];
	const struct jx_numfmt **xf_format; /* each style's format, resolved */
};

/* ---- expat's memory, counted ---- */

#define HEADER 16 /* bytes before each block: its size, keeping the alignment malloc gives */

static _Thread_local size_t xml_used; /* bytes the current parser holds (one parser at a time) */

static void *xml_malloc(size_t n)
{
	unsigned char *p;

	if (n > JX_XLSX_MAX_XML_MEMORY - xml_used || !(p = malloc(n + HEADER)))
		return NULL;
	memcpy(p, &n, sizeof(n));
	xml_used += n;
	return p + HEADER;
}

static void xml_free(void *q)
{
	unsigned char *p = q ? (unsigned char *)q - HEADER : NULL;
	size_t n;

	if (!p)
		return;
	memcpy(&n, p, sizeof(n));
	xml_used -= n;
	free(p);
}

static void *xml_realloc(void *q, size_t n)
{
	unsigned char *p = q ? (unsigned char *)q - HEADER : NULL;
	size_t old;

	if (!p)
		return xml_malloc(n);
	memcpy(&old, p, sizeof(old));
	if (n > old && n - old > JX_XLSX_MAX_XML_MEMORY - xml_used)
		return NULL;
	p = realloc(p, n + HEADER);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof(n));
	xml_used = xml_used - old + n;
	return p + HEADER;
}

static const XML_Memory_Handling_Suite xml_memory = { xml_malloc, xml_realloc, xml_free };

/* ---- helpers for handlers ---- */

const char *xlsx_local(const XML_Char *name)
{
	const char *colon = strchr(name, ':');

	return colon ? colon + 1 : name;
}

const char *xlsx_attr(const XML_Char **atts, const char *local)
{
	for (; atts[0]; atts += 2)
		if (strcmp(xlsx_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

void xlsx_stop(struct xlsx_xml *x, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	if (x->err) {
		x->err->code = JX_EINPUT;
		va_start(ap, fmt);
		vsnprintf(x->err->msg, sizeof(x->err->msg), fmt, ap);
		va_end(ap);
	}
	x->failed = true;
	XML_StopParser(x->parser, XML_FALSE);
}

/* Stops with a message about the part as a whole. */
static void part_stop(struct xlsx_xml *x, const char *what)
{
	xlsx_stop(x, "%s: %s: %s", x->book->in->name, x->part, what);
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal_subset)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	part_stop(ud, "不接受 DOCTYPE 声明（其中的实体可被用来攻击）");
}

static void XMLCALL no_entity(void *ud, const XML_Char *name, int parameter, const XML_Char *value, int len,
			      const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)parameter, (void)value, (void)len, (void)base, (void)sysid, (void)pubid, (void)notation;
	part_stop(ud, "不接受 XML 实体声明");
}

/* Appends the UTF-8 of code point cp (below 0x10000). */
static void add_utf8(struct jx_buf *b, unsigned cp)
{
	char u[3];
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;

	if (n == 1) {
		u[0] = (char)cp;
	} else if (n == 2) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
	} else {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
	}
	jx_buf_add(b, u, n, NULL);
}

/* The code point of an _xHHHH_ escape at s (7 bytes available), or 0 if it is none or stands for a
 * character that cannot be text (NUL, a surrogate). */
static unsigned escape_at(const char *s)
{
	unsigned cp = 0;
	int i;

	if (s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return 0;
	for (i = 2; i < 6; i++) {
		char c = s[i];
		unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;

		if (v == 16)
			return 0;
		cp = cp * 16 + v;
	}
	return cp >= 0xD800 && cp <= 0xDFFF ? 0 : cp;
}

/* Turns CR LF and lone CRs into LF in b from start on. */
static void unify_newlines(struct jx_buf *b, size_t start)
{
	size_t i, o = start;

	if (!memchr(b->ptr + start, '\r', b->len - start))
		return;
	for (i = start; i < b->len; i++) {
		if (b->ptr[i] == '\r') {
			b->ptr[o++] = '\n';
			i += i + 1 < b->len && b->ptr[i + 1] == '\n';
		} else {
			b->ptr[o++] = b->ptr[i];
		}
	}
	jx_buf_setlen(b, o);
}

int xlsx_text_add(struct jx_buf *b, const char *s, size_t n, struct jx_err *err)
{
	size_t start = b->len, i = 0;
	struct jx_buf tmp = JX_BUF_INIT;
	const char *u;
	int rc;

	if (!memchr(s, '_', n)) {
		rc = jx_buf_add(b, s, n, err);
	} else { /* decode into tmp, then add it whole, so that the cap applies once */
		while (i < n && (u = memchr(s + i, '_', n - i)) != NULL) {
			size_t at = (size_t)(u - s);
			unsigned cp = at + 7 <= n ? escape_at(u) : 0;

			jx_buf_add(&tmp, s + i, at - i + (cp == 0), NULL);
			if (cp)
				add_utf8(&tmp, cp);
			i = at + (cp ? 7 : 1);
		}
		jx_buf_add(&tmp, s + i, n - i, NULL);
		rc = jx_buf_add(b, tmp.ptr, tmp.len, err);
		jx_buf_release(&tmp);
	}
	if (rc == 0)
		unify_newlines(b, start);
	return rc;
}

/* ---- the zip ---- */

static int zip_fail(struct xlsx_book *b, zip_error_t *ze, struct jx_err *err)
{
	return jx_err_set(err, JX_EINPUT, "%s: 不是完整的 XLSX 文件（zip 结构损坏：%s），可能文件不完整或已损坏", b->in->name,
			  zip_error_strerror(ze));
}

/* Reads the rest of the input into memory, up to the cap. */
static int spool(struct jx_input *in, struct jx_err *err)
{
	while (!in->eof) {
		if (jx_input_avail(in) > JX_XLSX_MAX_SPOOL)
			return jx_err_set(err, JX_ETOOBIG, "%s: 从管道读入的 XLSX 超过 %u MiB；请直接给出文件名", in->name,
					  JX_XLSX_MAX_SPOOL >> 20);
		if (jx_input_fill(in, jx_input_avail(in) + JX_INPUT_CHUNK, err))
			return -1;
	}
	if (jx_input_avail(in) > JX_XLSX_MAX_SPOOL)
		return jx_err_set(err, JX_ETOOBIG, "%s: 从管道读入的 XLSX 超过 %u MiB；请直接给出文件名", in->name,
				  JX_XLSX_MAX_SPOOL >> 20);
	return 0;
}

/* A source reading the regular file in is open on, or NULL (no error) if it is not one. */
static zip_source_t *file_source(struct jx_input *in, zip_error_t *ze)
{
	struct stat st;
	zip_source_t *src;
	FILE *f;
	int fd;

	if (in->fd < 0 || fstat(in->fd, &st) || !S_ISREG(st.st_mode) || (fd = dup(in->fd)) < 0)
		return NULL;
	f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return NULL;
	}
	src = zip_source_filep_create(f, 0, -1, ze);
	if (!src)
		fclose(f);
	return src;
}

static int open_zip(struct xlsx_book *b, struct jx_err *err)
{
	zip_source_t *src;
	zip_error_t ze;

	zip_error_init(&ze);
	src = file_source(b->in, &ze);
	if (!src) {
		if (spool(b->in, err))
			return -1;
		src = zip_source_buffer_create(jx_input_ptr(b->in), jx_input_avail(b->in), 0, &ze);
	}
	b->za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!b->za) {
		zip_source_free(src);
		zip_fail(b, &ze, err);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	b->in->consumed = 0;
	return 0;
}

typedef int (*chunk_fn)(void *ctx, const char *data, size_t n, bool last, struct jx_err *err);

static int member_open(struct xlsx_book *b, const char *path, bool required, zip_file_t **zf, struct jx_err *err)
{
	zip_int64_t idx = zip_name_locate(b->za, path, ZIP_FL_NOCASE);
	int code;

	if (idx < 0)
		return required ? jx_err_set(err, JX_EINPUT, "%s: 工作簿缺少 %s", b->in->name, path) : 1;
	*zf = zip_fopen_index(b->za, (zip_uint64_t)idx, 0);
	if (*zf)
		return 0;
	code = zip_error_code_zip(zip_get_error(b->za));
	if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
		return jx_err_set(err, JX_EINPUT, "%s: %s 已加密；请去掉密码保护后再导入", b->in->name, path);
	return jx_err_set(err, JX_EINPUT, "%s: 无法读取 %s：%s", b->in->name, path, zip_strerror(b->za));
}

/* Inflates member path a chunk at a time into fn (a last call with n = 0), counting every byte against
 * the caps. fn returns 0 to go on, anything else to stop with that result. Returns 1 if the member is
 * absent and not required. */
static int member_stream(struct xlsx_book *b, const char *path, bool required, chunk_fn fn, void *ctx,
			 struct jx_err *err)
{
	zip_file_t *zf = NULL;
	uint64_t got = 0;
	zip_int64_t n;
	int rc = member_open(b, path, required, &zf, err);

	while (rc == 0) {
		n = zip_fread(zf, b->chunk, CHUNK);
		if (n < 0) {
			rc = jx_err_set(err, JX_EINPUT, "%s: %s 已损坏：%s", b->in->name, path, zip_file_strerror(zf));
			break;
		}
		got += (uint64_t)n;
		b->inflated += (uint64_t)n;
		if (got > JX_XLSX_MAX_MEMBER || b->inflated > JX_XLSX_MAX_TOTAL) {
			rc = jx_err_set(err, JX_ETOOBIG, "%s: %s 解压后超过 %llu MiB（一张表不会这么大：可能是压缩炸弹）", b->in->name,
					path, (got > JX_XLSX_MAX_MEMBER ? JX_XLSX_MAX_MEMBER : JX_XLSX_MAX_TOTAL) >> 20);
			break;
		}
		rc = fn(ctx, b->chunk, (size_t)n, n == 0, err);
		if (n == 0)
			break;
	}
	if (zf)
		zip_fclose(zf);
	return rc;
}

/* ---- parsing members ---- */

static int feed(void *ctx, const char *data, size_t n, bool last, struct jx_err *err)
{
	struct xlsx_xml *x = ctx;
	enum XML_Error code;

	if (XML_Parse(x->parser, data, (int)n, last) != XML_STATUS_ERROR)
		return 0;
	if (x->failed)
		return -1;
	code = XML_GetErrorCode(x->parser);
	if (code == XML_ERROR_NO_MEMORY)
		return jx_err_set(err, JX_ETOOBIG, "%s: %s 第%lu行: XML 的单个标记过长或嵌套过深（解析所需内存超过 %u MiB）",
				  x->book->in->name, x->part, XML_GetCurrentLineNumber(x->parser), JX_XLSX_MAX_XML_MEMORY >> 20);
	return jx_err_set(err, JX_EINPUT, "%s: %s 第%lu行第%lu列: XML 格式错误：%s", x->book->in->name, x->part,
			  XML_GetCurrentLineNumber(x->parser), XML_GetCurrentColumnNumber(x->parser) + 1, XML_ErrorString(code));
}

int xlsx_parse(struct xlsx_book *b, const char *path, bool required, const struct xlsx_handlers *h, void *state,
	       struct jx_err *err)
{
	struct xlsx_xml x = { NULL, b, path, err, false, state };
	int rc;

	xml_used = 0;
	x.parser = XML_ParserCreate_MM(NULL, &xml_memory, NULL);
	if (!x.parser)
		return jx_err_set(err, JX_EIO, "%s: 无法创建 XML 解析器", b->in->name);
	XML_SetUserData(x.parser, &x);
	XML_SetElementHandler(x.parser, h->start, h->end);
	if (h->text)
		XML_SetCharacterDataHandler(x.parser, h->text);
	XML_SetStartDoctypeDeclHandler(x.parser, no_doctype);
	XML_SetEntityDeclHandler(x.parser, no_entity);
	rc = member_stream(b, path, required, feed, &x, err);
	XML_ParserFree(x.parser);
	return rc;
}

/* True if needle[0..len) occurs in s[0..n). */
static bool occurs(const char *s, size_t n, const char *needle, size_t len)
{
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= len && (p = memchr(p, needle[0], (size_t)(end - p) - len + 1)) != NULL) {
		if (memcmp(p, needle, len) == 0)
			return true;
		p++;
	}
	return false;
}

struct search {
	const char *needle;
	size_t len;        /* of the needle, at most 31 */
	char tail[32];     /* the last len - 1 bytes seen, for a match across chunks */
	size_t n_tail;
	bool first;
};

static int search_chunk(void *ctx, const char *data, size_t n, bool last, struct jx_err *err)
{
	struct search *s = ctx;
	char joint[64];
	size_t k = n < s->len - 1 ? n : s->len - 1;

	(void)last;
	(void)err;
	if (s->first && n >= 2 && (data[0] == '\0' || data[1] == '\0' || (unsigned char)data[0] >= 0xFE))
		return 1; /* UTF-16: not searchable byte-wise, so take it as found */
	s->first = s->first && n == 0;
	memcpy(joint, s->tail, s->n_tail);
	memcpy(joint + s->n_tail, data, k);
	if (occurs(joint, s->n_tail + k, s->needle, s->len) || occurs(data, n, s->needle, s->len))
		return 1;
	if (n >= s->len - 1) {
		memcpy(s->tail, data + n - (s->len - 1), s->len - 1);
		s->n_tail = s->len - 1;
	} else { /* keep the last len - 1 bytes of tail + data */
		size_t keep = s->n_tail + n > s->len - 1 ? s->len - 1 : s->n_tail + n;

		memmove(s->tail, joint + s->n_tail + n - keep, keep);
		s->n_tail = keep;
	}
	return 0;
}

int xlsx_contains(struct xlsx_book *b, const char *path, const char *needle, struct jx_err *err)
{
	struct search s = { needle, strlen(needle), { 0 }, 0, true };
	int rc = member_stream(b, path, true, search_chunk, &s, err);

	return rc < 0 ? -1 : rc;
}

/* ---- the workbook and its relationships ---- */

static char *capped_dup(struct xlsx_xml *x, const char *s, size_t max, const char *what)
{
	if (s && strlen(s) > max)
		part_stop(x, what);
	return jx_strdup(s && strlen(s) <= max ? s : "");
}

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_xml *x = ud;
	struct xlsx_book *b = x->book;
	const char *local = xlsx_local(name), *v;

	if (strcmp(local, "workbookPr") == 0) {
		v = xlsx_attr(atts, "date1904");
		b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(local, "sheet") == 0) {
		struct xlsx_sheet *s;

		if (b->n_sheets >= JX_XLSX_MAX_SHEETS) {
			part_stop(x, "工作表太多");
			return;
		}
		jx_grow(&b->sheets, sizeof(*b->sheets), b->n_sheets + 1, &b->cap_sheets);
		b->sheet_rids = jx_realloc(b->sheet_rids, b->cap_sheets * sizeof(*b->sheet_rids));
		s = &b->sheets[b->n_sheets];
		memset(s, 0, sizeof(*s));
		v = xlsx_attr(atts, "state");
		s->hidden = v && strcmp(v, "visible") != 0;
		s->name = capped_dup(x, xlsx_attr(atts, "name"), MAX_NAME, "工作表名称过长");
		b->sheet_rids[b->n_sheets] = capped_dup(x, xlsx_attr(atts, "id"), MAX_PATH, "工作表的关系编号过长");
		b->n_sheets++;
	}
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_xml *x = ud;
	struct xlsx_book *b = x->book;
	const char *mode = xlsx_attr(atts, "TargetMode");
	struct rel *r;

	if (strcmp(xlsx_local(name), "Relationship") != 0 || (mode && strcmp(mode, "External") == 0))
		return;
	if (b->n_rels >= MAX_RELS) {
		part_stop(x, "关系太多");
		return;
	}
	jx_grow(&b->rels, sizeof(*b->rels), b->n_rels + 1, &b->cap_rels);
	r = &b->rels[b->n_rels++];
	r->id = capped_dup(x, xlsx_attr(atts, "Id"), MAX_PATH, "关系编号过长");
	r->type = capped_dup(x, xlsx_attr(atts, "Type"), MAX_PATH, "关系类型过长");
	r->target = capped_dup(x, xlsx_attr(atts, "Target"), MAX_PATH, "关系目标过长");
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

/* The member a relationship's target names: relative to xl/, or from the root if it starts with '/'. */
static char *member_path(const char *target)
{
	struct jx_buf out = JX_BUF_INIT;
	const char *seg = target[0] == '/' ? target + 1 : target;

	if (target[0] != '/')
		jx_buf_adds(&out, "xl", NULL);
	while (*seg) {
		size_t n = strcspn(seg, "/");

		if (n == 2 && memcmp(seg, "..", 2) == 0) {
			char *slash = strrchr(out.ptr, '/');

			jx_buf_setlen(&out, slash ? (size_t)(slash - out.ptr) : 0);
		} else if (n && !(n == 1 && seg[0] == '.')) {
			if (out.len)
				jx_buf_addc(&out, '/', NULL);
			jx_buf_add(&out, seg, n, NULL);
		}
		seg += n + (seg[n] == '/');
	}
	return jx_buf_detach(&out, NULL);
}

/* True if relationship r is of the type whose URI ends in /suffix. */
static bool rel_is(const struct rel *r, const char *suffix)
{
	size_t tl = strlen(r->type), sl = strlen(suffix);

	return tl > sl && r->type[tl - sl - 1] == '/' && strcmp(r->type + tl - sl, suffix) == 0;
}

/* The member of the first relationship of the type ending in /suffix, or NULL. */
static char *rel_path(const struct xlsx_book *b, const char *suffix)
{
	size_t i;

	for (i = 0; i < b->n_rels; i++)
		if (rel_is(&b->rels[i], suffix))
			return member_path(b->rels[i].target);
	return NULL;
}

/* Gives each sheet its member; a sheet that is not a worksheet (a chart sheet) gets none. */
static void resolve_sheets(struct xlsx_book *b)
{
	size_t i, j;

	for (i = 0; i < b->n_sheets; i++)
		for (j = 0; j < b->n_rels && !b->sheets[i].path; j++)
			if (strcmp(b->rels[j].id, b->sheet_rids[i]) == 0 && rel_is(&b->rels[j], "worksheet"))
				b->sheets[i].path = member_path(b->rels[j].target);
}

/* ---- styles ---- */

static unsigned attr_unsigned(const XML_Char **atts, const char *local, unsigned dflt)
{
	const char *v = xlsx_attr(atts, local);
	unsigned long n;
	char *end;

	if (!v || !*v)
		return dflt;
	errno = 0;
	n = strtoul(v, &end, 10);
	return *end || errno || n > 0xFFFFFFFFul || v[0] == '-' ? dflt : (unsigned)n;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_xml *x = ud;
	struct xlsx_book *b = x->book;
	const char *local = xlsx_local(name);

	if (strcmp(local, "cellXfs") == 0) {
		b->in_xfs = true;
	} else if (strcmp(local, "numFmt") == 0) {
		const char *code = xlsx_attr(atts, "formatCode");

		if (b->n_custom >= JX_XLSX_MAX_STYLES) {
			part_stop(x, "数字格式太多");
			return;
		}
		jx_grow(&b->custom, sizeof(*b->custom), b->n_custom + 1, &b->cap_custom);
		b->custom[b->n_custom].id = attr_unsigned(atts, "numFmtId", 0);
		b->custom[b->n_custom].order = b->n_custom;
		jx_numfmt_parse(&b->custom[b->n_custom++].f, code ? code : "General");
	} else if (strcmp(local, "xf") == 0 && b->in_xfs) {
		if (b->n_xfs >= JX_XLSX_MAX_STYLES) {
			part_stop(x, "单元格格式太多");
			return;
		}
		jx_grow(&b->xf_ids, sizeof(*b->xf_ids), b->n_xfs + 1, &b->cap_xfs);
		b->xf_ids[b->n_xfs++] = attr_unsigned(atts, "numFmtId", 0);
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct xlsx_xml *x = ud;

	if (strcmp(xlsx_local(name), "cellXfs") == 0)
		x->book->in_xfs = false;
}

static int by_id(const void *a, const void *b)
{
	const struct custom_format *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The format numFmtId id stands for: the last custom one of that id (custom sorted by id, then
 * order), else the built-in one. */
static const struct jx_numfmt *format_of(const struct xlsx_book *b, unsigned id)
{
	size_t lo = 0, hi = b->n_custom; /* the first custom format with a greater id is in [lo, hi] */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->custom[mid].id <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && b->custom[lo - 1].id == id)
		return &b->custom[lo - 1].f;
	return &b->builtin[id < N_BUILTIN ? id : 0];
}

static void resolve_formats(struct xlsx_book *b)
{
	size_t i;

	if (b->n_custom)
		qsort(b->custom, b->n_custom, sizeof(*b->custom), by_id);
	for (i = 0; i < N_BUILTIN; i++)
		jx_numfmt_builtin(&b->builtin[i], (unsigned)i);
	b->xf_format = jx_calloc(b->n_xfs + 1, sizeof(*b->xf_format));
	for (i = 0; i < b->n_xfs; i++)
		b->xf_format[i] = format_of(b, b->xf_ids[i]);
}

/* ---- shared strings ---- */

static void XMLCALL strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_book *b = ((struct xlsx_xml *)ud)->book;
	const char *local = xlsx_local(name);

	(void)atts;
	if (strcmp(local, "si") == 0) {
		b->in_si = true;
		b->rph = 0;
		jx_buf_reset(&b->raw);
	} else if (strcmp(local, "rPh") == 0) {
		b->rph++;
	} else if (strcmp(local, "t") == 0) {
		b->in_t = b->in_si && b->rph == 0;
	}
}

static void XMLCALL strings_end(void *ud, const XML_Char *name)
{
	struct xlsx_xml *x = ud;
	struct xlsx_book *b = x->book;
	const char *local = xlsx_local(name);

	if (strcmp(local, "t") == 0) {
		b->in_t = false;
	} else if (strcmp(local, "rPh") == 0) {
		b->rph -= b->rph > 0;
	} else if (strcmp(local, "si") == 0 && b->in_si) {
		b->in_si = false;
		if (b->n_strings + 1 >= JX_XLSX_MAX_STRINGS) {
			part_stop(x, "共享字符串太多");
		} else if (xlsx_text_add(&b->strings, b->raw.ptr, b->raw.len, NULL) ||
			   jx_buf_addc(&b->strings, '\0', NULL)) {
			part_stop(x, "共享字符串的总长度超过上限");
		} else {
			jx_grow(&b->string_at, sizeof(*b->string_at), b->n_strings + 2, &b->cap_strings);
			b->string_at[++b->n_strings] = (uint32_t)b->strings.len;
		}
	}
}

static void XMLCALL strings_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx_xml *x = ud;
	struct xlsx_book *b = x->book;

	if (b->in_t && jx_buf_add(&b->raw, s, (size_t)len, NULL))
		part_stop(x, "共享字符串过长");
}

/* ---- the book ---- */

static int read_parts(struct xlsx_book *b, struct jx_err *err)
{
	static const struct xlsx_handlers workbook = { workbook_start, ignore_end, NULL };
	static const struct xlsx_handlers rels = { rels_start, ignore_end, NULL };
	static const struct xlsx_handlers styles = { styles_start, styles_end, NULL };
	static const struct xlsx_handlers strings = { strings_start, strings_end, strings_text };
	char *styles_path = NULL, *strings_path = NULL;
	int rc;

	if (zip_name_locate(b->za, "xl/workbook.xml", ZIP_FL_NOCASE) < 0)
		return jx_err_set(err, JX_EINPUT, "%s: 不是 Excel 工作簿：缺少 xl/workbook.xml（.xls、.ods 等请先另存为 .xlsx）",
				  b->in->name);
	if (xlsx_parse(b, "xl/workbook.xml", true, &workbook, NULL, err) ||
	    xlsx_parse(b, "xl/_rels/workbook.xml.rels", true, &rels, NULL, err))
		return -1;
	resolve_sheets(b);
	styles_path = rel_path(b, "styles");
	strings_path = rel_path(b, "sharedStrings");
	rc = xlsx_parse(b, styles_path ? styles_path : "xl/styles.xml", false, &styles, NULL, err);
	if (rc >= 0)
		rc = xlsx_parse(b, strings_path ? strings_path : "xl/sharedStrings.xml", false, &strings, NULL, err);
	free(styles_path);
	free(strings_path);
	resolve_formats(b);
	return rc < 0 ? -1 : 0;
}

int xlsx_book_open(struct xlsx_book **out, struct jx_input *in, struct jx_err *err)
{
	struct xlsx_book *b = jx_calloc(1, sizeof(*b));

	b->in = in;
	b->chunk = jx_malloc(CHUNK);
	jx_buf_init(&b->strings, JX_XLSX_MAX_STRING_TEXT);
	jx_buf_init(&b->raw, JX_XLSX_MAX_CELL);
	b->string_at = jx_calloc(1, sizeof(*b->string_at));
	b->cap_strings = 1;
	if (open_zip(b, err) || read_parts(b, err)) {
		xlsx_book_close(b);
		return -1;
	}
	*out = b;
	return 0;
}

void xlsx_book_close(struct xlsx_book *b)
{
	size_t i;

	if (!b)
		return;
	if (b->za)
		zip_discard(b->za);
	for (i = 0; i < b->n_sheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].path);
		free(b->sheet_rids[i]);
	}
	for (i = 0; i < b->n_rels; i++) {
		free(b->rels[i].id);
		free(b->rels[i].type);
		free(b->rels[i].target);
	}
	free(b->sheets);
	free(b->sheet_rids);
	free(b->rels);
	free(b->custom);
	free(b->xf_ids);
	free(b->xf_format);
	free(b->string_at);
	jx_buf_release(&b->strings);
	jx_buf_release(&b->raw);
	free(b->chunk);
	free(b);
}

const char *xlsx_book_file(const struct xlsx_book *b)
{
	return b->in->name;
}

size_t xlsx_book_sheets(const struct xlsx_book *b)
{
	return b->n_sheets;
}

const struct xlsx_sheet *xlsx_book_sheet(const struct xlsx_book *b, size_t i)
{
	return &b->sheets[i];
}

bool xlsx_book_date1904(const struct xlsx_book *b)
{
	return b->date1904;
}

const char *xlsx_book_string(const struct xlsx_book *b, size_t i, size_t *len)
{
	if (i >= b->n_strings)
		return NULL;
	*len = b->string_at[i + 1] - b->string_at[i] - 1;
	return b->strings.ptr + b->string_at[i];
}

const struct jx_numfmt *xlsx_book_format(const struct xlsx_book *b, unsigned s)
{
	return s < b->n_xfs ? b->xf_format[s] : &b->builtin[0];
}
