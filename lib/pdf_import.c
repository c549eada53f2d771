/*
 * pdf_import.c — the PDF reader: target tables from published PDFs that carry a text layer (those Word,
 * WPS, LibreOffice and jixiao's own publish write), through poppler-glib. See pdf_impl.h for its parts.
 *
 * The input is read whole, up to MAX_BYTES, and must end in the %%EOF marker (within the last
 * KiB, where PDF readers look for it): a file cut short in a download is refused before poppler,
 * which can often open what is left, could read part of it. poppler opens the document; a password,
 * damage or a file that is no PDF are told apart in the message.
 *
 * Each page, in order: poppler_page_get_text gives its characters and poppler_page_get_text_layout a
 * box for each (newlines dropped; the spaces poppler puts between words kept). The page is drawn at
 * RENDER_SCALE pixels a point over white, and a pixel darker than DARK_LUMA (in luma, 0–255) is ink;
 * pdf_rules.c finds the ruling lines in that picture (poppler-glib gives no vector paths). Colour, not
 * coverage: a light shaded cell is not ink, a grey border is. A page without a character is not drawn.
 * pdf_layout.c turns glyphs and lines into the page's lines and cells, which go to table.c's
 * jx_tables_line as every laid-out document's do: a table continues across pages, a header row
 * repeated on the next page and page numbers are the classifier's to skip.
 *
 * Messages name the page, the line on it (text lines and table rows counted from the top, an empty
 * grid row too) and the cell's column: "t.pdf: 第2页 第5行 第3列". A document without a character is
 * a scan (or has nothing to read), and is refused saying so.
 *
 * poppler reports through GLib's log in domain "Poppler"; that domain is silenced, so that a damaged
 * file gives our message and nothing else on stderr.
 */
#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"
#include "jixiao/table.h"
#include "pdf_impl.h"

#define MAX_BYTES (64u << 20)  /* bytes of a PDF file */
#define RENDER_SCALE 2.0       /* pixels a point in the picture of a page */
#define MAX_PIXELS (16u << 20) /* pixels in that picture: a larger page is drawn smaller */
#define DARK_LUMA 192          /* a pixel darker than this is ink */
#define EOF_WINDOW 1024        /* bytes at the end where %%EOF must be */

struct reader {
	const char *file;
	struct jx_tables *tables;
	unsigned row;                /* lines handed to the tables so far */
	unsigned *page_row;          /* the last row before each page */
	size_t pages, cap_pages;
	struct pdf_glyph *glyphs;    /* the page's */
	size_t n_glyphs, cap_glyphs;
	struct pdf_rule *rules;      /* the page's */
	size_t n_rules, cap_rules;
	bool text;                   /* some page has a character */
	bool images;                 /* some page without one has a picture */
	bool sink_failed;            /* the error came from the tables, which named the place */
};

static void locate(void *ctx, unsigned row, unsigned col, char *buf, size_t size)
{
	const struct reader *r = ctx;
	size_t p = r->pages;

	while (p > 1 && r->page_row[p - 1] >= row)
		p--;
	if (p == 0)
		snprintf(buf, size, "%s", r->file);
	else if (col)
		snprintf(buf, size, "%s: 第%zu页 第%u行 第%u列", r->file, p, row - r->page_row[p - 1], col);
	else
		snprintf(buf, size, "%s: 第%zu页 第%u行", r->file, p, row - r->page_row[p - 1]);
}

static int line(void *ctx, const struct jx_cell *cells, size_t n, enum jx_line_kind kind, struct jx_err *err)
{
	struct reader *r = ctx;

	if (jx_tables_line(r->tables, ++r->row, cells, n, kind, err) == 0)
		return 0;
	r->sink_failed = true;
	return -1;
}

/* ---- a page ---- */

/* The page's glyphs: each character of its text and its box, newlines left out. text stays the
 * caller's, and the glyphs point into it. */
static void take_glyphs(struct reader *r, const char *text, const PopplerRectangle *box, guint n_boxes)
{
	const char *p = text, *end = text + strlen(text);
	guint i;

	r->n_glyphs = 0;
	for (i = 0; i < n_boxes && p < end; i++) {
		const char *next = g_utf8_next_char(p) < end ? g_utf8_next_char(p) : end;

		if (*p != '\n') {
			jx_grow(&r->glyphs, sizeof(*r->glyphs), r->n_glyphs + 1, &r->cap_glyphs);
			r->glyphs[r->n_glyphs++] = (struct pdf_glyph){ p, (size_t)(next - p), box[i].x1, box[i].y1,
								       box[i].x2, box[i].y2 };
		}
		p = next;
	}
}

/* The luma (0–255) of a pixel 0xRRGGBB. */
static unsigned luma(uint32_t v)
{
	return (299 * ((v >> 16) & 0xff) + 587 * ((v >> 8) & 0xff) + 114 * (v & 0xff)) / 1000;
}

/* A picture of the page: dark[] is 1 where a pixel is ink. */
static uint8_t *draw_page(PopplerPage *page, double scale, int w, int h)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	uint8_t *dark = jx_malloc((size_t)w * (size_t)h + 1);
	const unsigned char *px;
	int stride, x, y;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (y = 0; px && y < h; y++)
		for (x = 0; x < w; x++) {
			uint32_t v;

			memcpy(&v, px + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
			v &= 0xffffff; /* the unused byte of CAIRO_FORMAT_RGB24 */
			dark[(size_t)y * (size_t)w + (size_t)x] = v != 0xffffff && luma(v) < DARK_LUMA;
		}
	cairo_surface_destroy(s);
	return dark;
}

/* The ruling lines of the page, found in a picture of it. */
static int find_rules(struct reader *r, PopplerPage *page, struct jx_err *err)
{
	double pw = 0, ph = 0, scale = RENDER_SCALE;
	uint8_t *dark;
	int rc, w, h;

	r->n_rules = 0;
	poppler_page_get_size(page, &pw, &ph);
	if (!(pw > 0 && ph > 0 && pw < 1e5 && ph < 1e5))
		return 0;
	if (pw * ph * scale * scale > MAX_PIXELS)
		scale = sqrt(MAX_PIXELS / (pw * ph));
	w = (int)ceil(pw * scale);
	h = (int)ceil(ph * scale);
	dark = draw_page(page, scale, w, h);
	rc = pdf_rules_find(dark, w, h, scale, r->glyphs, r->n_glyphs, &r->rules, &r->n_rules, &r->cap_rules, err);
	free(dark);
	return rc;
}

/* True if some glyph is more than white space. */
static bool has_text(const struct reader *r)
{
	size_t i;

	for (i = 0; i < r->n_glyphs; i++)
		if (pdf_glyph_kind(r->glyphs[i].text, r->glyphs[i].len) == 0)
			return true;
	return false;
}

static int read_page(struct reader *r, PopplerPage *page, struct jx_err *err)
{
	PopplerRectangle *box = NULL;
	guint n_boxes = 0;
	char *text = poppler_page_get_text(page);
	int rc = 0;

	if (text && poppler_page_get_text_layout(page, &box, &n_boxes))
		take_glyphs(r, text, box, n_boxes);
	else
		r->n_glyphs = 0;
	if (has_text(r)) {
		r->text = true;
		rc = find_rules(r, page, err);
		if (rc == 0)
			rc = pdf_layout_page(r->glyphs, r->n_glyphs, r->rules, r->n_rules, line, r, err);
	} else if (!r->images) {
		GList *images = poppler_page_get_image_mapping(page);

		r->images = images != NULL;
		poppler_page_free_image_mapping(images);
	}
	if (rc && !r->sink_failed)
		jx_err_prefix(err, "%s: 第%zu页", r->file, r->pages);
	g_free(box);
	g_free(text);
	return rc;
}

/* ---- the document ---- */

static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

static gpointer silence_poppler(gpointer data)
{
	(void)data;
	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, quiet, NULL);
	return NULL;
}

/* True if %%EOF stands within the last EOF_WINDOW bytes of data. */
static bool has_eof_marker(const char *data, size_t n)
{
	size_t from = n > EOF_WINDOW ? n - EOF_WINDOW : 0, i;

	for (i = from; i + 5 <= n; i++)
		if (memcmp(data + i, "%%EOF", 5) == 0)
			return true;
	return false;
}

/* Opens the document in data, or says why it cannot be. */
static PopplerDocument *open_document(const char *file, GBytes *bytes, struct jx_err *err)
{
	static GOnce once = G_ONCE_INIT;
	GError *ge = NULL;
	PopplerDocument *doc;

	g_once(&once, silence_poppler, NULL);
	doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
	if (doc)
		return doc;
	if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
		jx_err_set(err, JX_EINPUT, "%s: PDF 文件设有打开密码，无法读取：请去掉密码（另存为不加密的 PDF）后再导入", file);
	else
		jx_err_set(err, JX_EINPUT, "%s: PDF 文件已损坏，无法打开：请重新导出或取得完整的文件", file);
	g_clear_error(&ge);
	return NULL;
}

/* Says why the document holds no table: a scan, no text at all, or no title. */
static int none_found(const struct reader *r, struct jx_err *err)
{
	if (!r->text && r->images)
		return jx_err_set(err, JX_EINPUT,
				  "%s: 这是扫描件（没有文字层），无法读取表格：请先用文字识别（OCR）软件另存为带文字的 PDF，"
				  "或导入原始的 Word/Excel 文件",
				  r->file);
	if (!r->text)
		return jx_err_set(err, JX_EINPUT, "%s: PDF 中没有文字，没有找到绩效目标表", r->file);
	return jx_err_set(err, JX_EINPUT, "%s: 没有找到绩效目标表（应有标题“部门预算项目支出绩效目标表”）", r->file);
}

static int read_pages(struct reader *r, PopplerDocument *doc, struct jx_err *err)
{
	int i, n = poppler_document_get_n_pages(doc), rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);

		jx_grow(&r->page_row, sizeof(*r->page_row), r->pages + 1, &r->cap_pages);
		r->page_row[r->pages++] = r->row;
		rc = page ? read_page(r, page, err) : 0;
		if (page)
			g_object_unref(page);
	}
	if (rc == 0)
		rc = jx_tables_finish(r->tables, err);
	if (rc == 0 && jx_tables_count(r->tables) == 0)
		rc = none_found(r, err);
	return rc;
}

static int read_document(struct reader *r, const char *data, size_t n, struct jx_err *err)
{
	GBytes *bytes = g_bytes_new_static(data, n);
	PopplerDocument *doc = open_document(r->file, bytes, err);
	int rc = doc ? read_pages(r, doc, err) : -1;

	if (doc)
		g_object_unref(doc);
	g_bytes_unref(bytes);
	return rc;
}

static int pdf_read(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct reader r = { 0 };
	int rc = jx_input_read_all(in, MAX_BYTES, err);

	if (rc > 0)
		return jx_err_set(err, JX_ETOOBIG, "%s: PDF 文件超过 %u MiB，无法导入：请拆分后分别导入", in->name,
				  MAX_BYTES >> 20);
	if (rc < 0)
		return -1;
	if (!has_eof_marker(jx_input_ptr(in), jx_input_avail(in)))
		return jx_err_set(err, JX_EINPUT, "%s: PDF 文件不完整（缺少结尾标记 %%%%EOF），可能下载或复制时中断：请取得完整的文件",
				  in->name);
	r.file = in->name;
	r.tables = jx_tables_new(sink, ctx, locate, &r);
	jx_tables_grid(r.tables, true);
	rc = read_document(&r, jx_input_ptr(in), jx_input_avail(in), err);
	jx_tables_free(r.tables);
	free(r.page_row);
	free(r.glyphs);
	free(r.rules);
	in->consumed = in->size;
	return rc;
}

/* %PDF- within the first KiB, where PDF readers accept it. */
static bool pdf_sniff(const char *head, size_t n)
{
	size_t i, end = n < 1024 ? n : 1024;

	for (i = 0; i + 5 <= end; i++)
		if (memcmp(head + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

const struct jx_reader jx_reader_pdf = { "pdf", pdf_sniff, pdf_read };
