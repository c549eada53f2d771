/*
 * xlsx_book.c — the parts of an XLSX workbook every sheet needs (see xlsx_impl.h): xl/workbook.xml
 * (the sheets, in order, and the 1904 date system), its relationships (where each sheet is),
 * xl/styles.xml (each cell style's number format) and the shared strings, each a string's text runs
 * concatenated without its phonetic guides (<rPh>).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/numfmt.h"
#include "jixiao/xlsx.h"
#include "xlsx_impl.h"

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
	struct ooxml_zip *zip;         /* borrowed */
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

/* ---- the workbook and its relationships ---- */

static char *capped_dup(struct ooxml_xml *x, const char *s, size_t max, const char *what)
{
	if (s && strlen(s) > max)
		ooxml_part_stop(x, what);
	return jx_strdup(s && strlen(s) <= max ? s : "");
}

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ooxml_xml *x = ud;
	struct xlsx_book *b = x->state;
	const char *local = ooxml_local(name), *v;

	if (strcmp(local, "workbookPr") == 0) {
		v = ooxml_attr(atts, "date1904");
		b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(local, "sheet") == 0) {
		struct xlsx_sheet *s;

		if (b->n_sheets >= JX_XLSX_MAX_SHEETS) {
			ooxml_part_stop(x, "工作表太多");
			return;
		}
		jx_grow(&b->sheets, sizeof(*b->sheets), b->n_sheets + 1, &b->cap_sheets);
		b->sheet_rids = jx_realloc(b->sheet_rids, b->cap_sheets * sizeof(*b->sheet_rids));
		s = &b->sheets[b->n_sheets];
		memset(s, 0, sizeof(*s));
		v = ooxml_attr(atts, "state");
		s->hidden = v && strcmp(v, "visible") != 0;
		s->name = capped_dup(x, ooxml_attr(atts, "name"), MAX_NAME, "工作表名称过长");
		b->sheet_rids[b->n_sheets] = capped_dup(x, ooxml_attr(atts, "id"), MAX_PATH, "工作表的关系编号过长");
		b->n_sheets++;
	}
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ooxml_xml *x = ud;
	struct xlsx_book *b = x->state;
	const char *mode = ooxml_attr(atts, "TargetMode");
	struct rel *r;

	if (strcmp(ooxml_local(name), "Relationship") != 0 || (mode && strcmp(mode, "External") == 0))
		return;
	if (b->n_rels >= MAX_RELS) {
		ooxml_part_stop(x, "关系太多");
		return;
	}
	jx_grow(&b->rels, sizeof(*b->rels), b->n_rels + 1, &b->cap_rels);
	r = &b->rels[b->n_rels++];
	r->id = capped_dup(x, ooxml_attr(atts, "Id"), MAX_PATH, "关系编号过长");
	r->type = capped_dup(x, ooxml_attr(atts, "Type"), MAX_PATH, "关系类型过长");
	r->target = capped_dup(x, ooxml_attr(atts, "Target"), MAX_PATH, "关系目标过长");
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
	const char *v = ooxml_attr(atts, local);
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
	struct ooxml_xml *x = ud;
	struct xlsx_book *b = x->state;
	const char *local = ooxml_local(name);

	if (strcmp(local, "cellXfs") == 0) {
		b->in_xfs = true;
	} else if (strcmp(local, "numFmt") == 0) {
		const char *code = ooxml_attr(atts, "formatCode");

		if (b->n_custom >= JX_XLSX_MAX_STYLES) {
			ooxml_part_stop(x, "数字格式太多");
			return;
		}
		jx_grow(&b->custom, sizeof(*b->custom), b->n_custom + 1, &b->cap_custom);
		b->custom[b->n_custom].id = attr_unsigned(atts, "numFmtId", 0);
		b->custom[b->n_custom].order = b->n_custom;
		jx_numfmt_parse(&b->custom[b->n_custom++].f, code ? code : "General");
	} else if (strcmp(local, "xf") == 0 && b->in_xfs) {
		if (b->n_xfs >= JX_XLSX_MAX_STYLES) {
			ooxml_part_stop(x, "单元格格式太多");
			return;
		}
		jx_grow(&b->xf_ids, sizeof(*b->xf_ids), b->n_xfs + 1, &b->cap_xfs);
		b->xf_ids[b->n_xfs++] = attr_unsigned(atts, "numFmtId", 0);
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct ooxml_xml *x = ud;

	if (strcmp(ooxml_local(name), "cellXfs") == 0)
		((struct xlsx_book *)x->state)->in_xfs = false;
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
	struct xlsx_book *b = ((struct ooxml_xml *)ud)->state;
	const char *local = ooxml_local(name);

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
	struct ooxml_xml *x = ud;
	struct xlsx_book *b = x->state;
	const char *local = ooxml_local(name);

	if (strcmp(local, "t") == 0) {
		b->in_t = false;
	} else if (strcmp(local, "rPh") == 0) {
		b->rph -= b->rph > 0;
	} else if (strcmp(local, "si") == 0 && b->in_si) {
		b->in_si = false;
		if (b->n_strings + 1 >= JX_XLSX_MAX_STRINGS) {
			ooxml_part_stop(x, "共享字符串太多");
		} else if (ooxml_text_add(&b->strings, b->raw.ptr, b->raw.len, NULL) ||
			   jx_buf_addc(&b->strings, '\0', NULL)) {
			ooxml_part_stop(x, "共享字符串的总长度超过上限");
		} else {
			jx_grow(&b->string_at, sizeof(*b->string_at), b->n_strings + 2, &b->cap_strings);
			b->string_at[++b->n_strings] = (uint32_t)b->strings.len;
		}
	}
}

static void XMLCALL strings_text(void *ud, const XML_Char *s, int len)
{
	struct ooxml_xml *x = ud;
	struct xlsx_book *b = x->state;

	if (b->in_t && jx_buf_add(&b->raw, s, (size_t)len, NULL))
		ooxml_part_stop(x, "共享字符串过长");
}

/* ---- the book ---- */

static int read_parts(struct xlsx_book *b, struct jx_err *err)
{
	static const struct ooxml_handlers workbook = { workbook_start, NULL, NULL };
	static const struct ooxml_handlers rels = { rels_start, NULL, NULL };
	static const struct ooxml_handlers styles = { styles_start, styles_end, NULL };
	static const struct ooxml_handlers strings = { strings_start, strings_end, strings_text };
	char *styles_path = NULL, *strings_path = NULL;
	int rc;

	if (ooxml_parse(b->zip, "xl/workbook.xml", true, &workbook, b, err) ||
	    ooxml_parse(b->zip, "xl/_rels/workbook.xml.rels", true, &rels, b, err))
		return -1;
	resolve_sheets(b);
	styles_path = rel_path(b, "styles");
	strings_path = rel_path(b, "sharedStrings");
	rc = ooxml_parse(b->zip, styles_path ? styles_path : "xl/styles.xml", false, &styles, b, err);
	if (rc >= 0)
		rc = ooxml_parse(b->zip, strings_path ? strings_path : "xl/sharedStrings.xml", false, &strings, b, err);
	free(styles_path);
	free(strings_path);
	resolve_formats(b);
	return rc < 0 ? -1 : 0;
}

int xlsx_book_open(struct xlsx_book **out, struct ooxml_zip *z, struct jx_err *err)
{
	struct xlsx_book *b = jx_calloc(1, sizeof(*b));

	jx_buf_init(&b->strings, JX_XLSX_MAX_STRING_TEXT);
	jx_buf_init(&b->raw, JX_XLSX_MAX_CELL);
	b->string_at = jx_calloc(1, sizeof(*b->string_at));
	b->cap_strings = 1;
	b->zip = z;
	if (read_parts(b, err)) {
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
	free(b);
}

const char *xlsx_book_file(const struct xlsx_book *b)
{
	return ooxml_zip_name(b->zip);
}

struct ooxml_zip *xlsx_book_zip(const struct xlsx_book *b)
{
	return b->zip;
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
