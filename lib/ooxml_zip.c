/*
 * ooxml_zip.c — an Office Open XML file (.xlsx, .docx) as a container: the zip, what it holds, and
 * its members streamed through expat under caps (see ooxml_impl.h).
 *
 * What the file is comes from its parts, not its name: word/document.xml makes a Word document,
 * xl/workbook.xml an Excel workbook (a zip holding both is read as the document).
 *
 * libzip needs random access. A regular file is read in place (its descriptor duplicated); anything
 * else (a pipe, standard input) is read into memory first, up to JX_OOXML_MAX_SPOOL; an input that is
 * already in memory is used as it is.
 *
 * Every member is inflated a chunk at a time and counted as it comes out of the decompressor, against
 * a cap per member and one for the whole file: the sizes a zip declares are never trusted. Each chunk
 * goes straight to expat, whose allocations are counted too (JX_OOXML_MAX_XML_MEMORY): one enormous
 * tag or text run, or elements nested without end, fail instead of growing without bound. A DOCTYPE
 * is refused outright, so no entity can be declared, let alone expanded (billion laughs). Element and
 * attribute names are matched without their prefix (x:c is c, r:id is id, w:tc is tc), since
 * producers prefix them differently; the parser does no namespace processing, which only costs time
 * here.
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
#include "jixiao/ooxml.h"
#include "ooxml_impl.h"

#define CHUNK (64 * 1024) /* bytes inflated at a time */

struct ooxml_zip {
	struct jx_input *in;
	zip_t *za;
	enum ooxml_kind kind;
	char *chunk;       /* CHUNK bytes */
	uint64_t inflated; /* bytes inflated from every member so far */
};

/* ---- expat's memory, counted ---- */

#define HEADER 16 /* bytes before each block: its size, keeping the alignment malloc gives */

static _Thread_local size_t xml_used; /* bytes the current parser holds (one parser at a time) */

static void *xml_malloc(size_t n)
{
	unsigned char *p;

	if (n > JX_OOXML_MAX_XML_MEMORY - xml_used || !(p = malloc(n + HEADER)))
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
	if (n > old && n - old > JX_OOXML_MAX_XML_MEMORY - xml_used)
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

const char *ooxml_local(const XML_Char *name)
{
	const char *colon = strchr(name, ':');

	return colon ? colon + 1 : name;
}

const char *ooxml_attr(const XML_Char **atts, const char *local)
{
	for (; atts[0]; atts += 2)
		if (strcmp(ooxml_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

void ooxml_stop(struct ooxml_xml *x, const char *fmt, ...)
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

void ooxml_part_stop(struct ooxml_xml *x, const char *what)
{
	ooxml_stop(x, "%s: %s: %s", x->zip->in->name, x->part, what);
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal_subset)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	ooxml_part_stop(ud, "不接受 DOCTYPE 声明（其中的实体可被用来攻击）");
}

static void XMLCALL no_entity(void *ud, const XML_Char *name, int parameter, const XML_Char *value, int len,
			      const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)parameter, (void)value, (void)len, (void)base, (void)sysid, (void)pubid, (void)notation;
	ooxml_part_stop(ud, "不接受 XML 实体声明");
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

int ooxml_text_add(struct jx_buf *b, const char *s, size_t n, struct jx_err *err)
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

/* What the file is, in messages. */
static const char *noun(const struct ooxml_zip *z)
{
	return z->kind == OOXML_DOCX ? "文档" : "工作簿";
}

static int zip_fail(struct ooxml_zip *z, zip_error_t *ze, struct jx_err *err)
{
	return jx_err_set(err, JX_EINPUT, "%s: 不是完整的 XLSX 或 DOCX 文件（zip 结构损坏：%s），可能文件不完整或已损坏", z->in->name,
			  zip_error_strerror(ze));
}

/* Reads the rest of the input into memory, up to the cap. */
static int spool(struct jx_input *in, struct jx_err *err)
{
	int rc = jx_input_read_all(in, JX_OOXML_MAX_SPOOL, err);

	if (rc > 0)
		return jx_err_set(err, JX_ETOOBIG, "%s: 从管道读入的 XLSX 或 DOCX 文件超过 %u MiB；请直接给出文件名", in->name,
				  JX_OOXML_MAX_SPOOL >> 20);
	return rc;
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

static int open_zip(struct ooxml_zip *z, struct jx_err *err)
{
	zip_source_t *src;
	zip_error_t ze;

	zip_error_init(&ze);
	src = file_source(z->in, &ze);
	if (!src) {
		if (spool(z->in, err))
			return -1;
		src = zip_source_buffer_create(jx_input_ptr(z->in), jx_input_avail(z->in), 0, &ze);
	}
	z->za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z->za) {
		zip_source_free(src);
		zip_fail(z, &ze, err);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	z->in->consumed = 0;
	return 0;
}

/* Tells what the zip holds by its parts. */
static int tell_kind(struct ooxml_zip *z, struct jx_err *err)
{
	if (ooxml_zip_has(z, "word/document.xml"))
		z->kind = OOXML_DOCX;
	else if (ooxml_zip_has(z, "xl/workbook.xml"))
		z->kind = OOXML_XLSX;
	else
		return jx_err_set(err, JX_EINPUT,
				  "%s: 不是 Excel 工作簿或 Word 文档：压缩包中既没有 xl/workbook.xml，也没有 word/document.xml"
				  "（.ods、.odt 等请先另存为 .xlsx 或 .docx）",
				  z->in->name);
	return 0;
}

typedef int (*chunk_fn)(void *ctx, const char *data, size_t n, bool last, struct jx_err *err);

static int member_open(struct ooxml_zip *z, const char *path, bool required, zip_file_t **zf, struct jx_err *err)
{
	zip_int64_t idx = zip_name_locate(z->za, path, ZIP_FL_NOCASE);
	int code;

	if (idx < 0)
		return required ? jx_err_set(err, JX_EINPUT, "%s: %s缺少 %s", z->in->name, noun(z), path) : 1;
	*zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (*zf)
		return 0;
	code = zip_error_code_zip(zip_get_error(z->za));
	if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
		return jx_err_set(err, JX_EINPUT, "%s: %s 已加密；请去掉密码保护后再导入", z->in->name, path);
	return jx_err_set(err, JX_EINPUT, "%s: 无法读取 %s：%s", z->in->name, path, zip_strerror(z->za));
}

/* Inflates member path a chunk at a time into fn (a last call with n = 0), counting every byte against
 * the caps. fn returns 0 to go on, anything else to stop with that result. Returns 1 if the member is
 * absent and not required. */
static int member_stream(struct ooxml_zip *z, const char *path, bool required, chunk_fn fn, void *ctx,
			 struct jx_err *err)
{
	zip_file_t *zf = NULL;
	uint64_t got = 0;
	zip_int64_t n;
	int rc = member_open(z, path, required, &zf, err);

	while (rc == 0) {
		n = zip_fread(zf, z->chunk, CHUNK);
		if (n < 0) {
			rc = jx_err_set(err, JX_EINPUT, "%s: %s 已损坏：%s", z->in->name, path, zip_file_strerror(zf));
			break;
		}
		got += (uint64_t)n;
		z->inflated += (uint64_t)n;
		if (got > JX_OOXML_MAX_MEMBER || z->inflated > JX_OOXML_MAX_TOTAL) {
			rc = jx_err_set(err, JX_ETOOBIG, "%s: %s 解压后超过 %llu MiB（一张表不会这么大：可能是压缩炸弹）", z->in->name,
					path, (got > JX_OOXML_MAX_MEMBER ? JX_OOXML_MAX_MEMBER : JX_OOXML_MAX_TOTAL) >> 20);
			break;
		}
		rc = fn(ctx, z->chunk, (size_t)n, n == 0, err);
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
	struct ooxml_xml *x = ctx;
	enum XML_Error code;

	if (XML_Parse(x->parser, data, (int)n, last) != XML_STATUS_ERROR)
		return 0;
	if (x->failed)
		return -1;
	code = XML_GetErrorCode(x->parser);
	if (code == XML_ERROR_NO_MEMORY)
		return jx_err_set(err, JX_ETOOBIG, "%s: %s 第%lu行: XML 的单个标记过长或嵌套过深（解析所需内存超过 %u MiB）",
				  x->zip->in->name, x->part, XML_GetCurrentLineNumber(x->parser), JX_OOXML_MAX_XML_MEMORY >> 20);
	return jx_err_set(err, JX_EINPUT, "%s: %s 第%lu行第%lu列: XML 格式错误：%s", x->zip->in->name, x->part,
			  XML_GetCurrentLineNumber(x->parser), XML_GetCurrentColumnNumber(x->parser) + 1, XML_ErrorString(code));
}

int ooxml_parse(struct ooxml_zip *z, const char *path, bool required, const struct ooxml_handlers *h, void *state,
	       struct jx_err *err)
{
	struct ooxml_xml x = { NULL, z, path, err, false, state };
	int rc;

	xml_used = 0;
	x.parser = XML_ParserCreate_MM(NULL, &xml_memory, NULL);
	if (!x.parser)
		return jx_err_set(err, JX_EIO, "%s: 无法创建 XML 解析器", z->in->name);
	XML_SetUserData(x.parser, &x);
	XML_SetElementHandler(x.parser, h->start, h->end);
	if (h->text)
		XML_SetCharacterDataHandler(x.parser, h->text);
	XML_SetStartDoctypeDeclHandler(x.parser, no_doctype);
	XML_SetEntityDeclHandler(x.parser, no_entity);
	rc = member_stream(z, path, required, feed, &x, err);
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

int ooxml_contains(struct ooxml_zip *z, const char *path, const char *needle, struct jx_err *err)
{
	struct search s = { needle, strlen(needle), { 0 }, 0, true };
	int rc = member_stream(z, path, true, search_chunk, &s, err);

	return rc < 0 ? -1 : rc;
}

/* ---- the zip ---- */

int ooxml_zip_open(struct ooxml_zip **out, struct jx_input *in, struct jx_err *err)
{
	struct ooxml_zip *z = jx_calloc(1, sizeof(*z));

	z->in = in;
	if (open_zip(z, err)) {
		free(z);
		return -1;
	}
	if (tell_kind(z, err)) {
		ooxml_zip_close(z);
		return -1;
	}
	z->chunk = jx_malloc(CHUNK);
	*out = z;
	return 0;
}

void ooxml_zip_close(struct ooxml_zip *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	free(z->chunk);
	free(z);
}

enum ooxml_kind ooxml_zip_kind(const struct ooxml_zip *z)
{
	return z->kind;
}

const char *ooxml_zip_name(const struct ooxml_zip *z)
{
	return z->in->name;
}

bool ooxml_zip_has(struct ooxml_zip *z, const char *path)
{
	return zip_name_locate(z->za, path, ZIP_FL_NOCASE) >= 0;
}

uint64_t ooxml_zip_size(struct ooxml_zip *z, const char *path)
{
	zip_stat_t st;

	zip_stat_init(&st);
	if (zip_stat(z->za, path, ZIP_FL_NOCASE, &st) || !(st.valid & ZIP_STAT_SIZE))
		return 0;
	return st.size;
}
