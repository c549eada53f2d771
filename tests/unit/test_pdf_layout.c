/*
 * test_pdf_layout.c — the PDF reader's layout (pdf_layout.c) and ruling lines (pdf_rules.c), driven
 * with pages built here: glyph boxes where the text would be drawn and line segments where the
 * borders would be, or pictures of pages. Real PDFs are read in tests/cli/t0017-pdf.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/pdf_impl.h"
#include "jixiao/alloc.h"
#include "jixiao/err.h"

#define EM 10.0     /* the size of the text on the test pages */
#define MAXLINES 64

/* A page being built: glyphs and ruling lines. */
struct page {
	struct pdf_glyph *g;
	size_t ng, capg;
	struct pdf_rule *r;
	size_t nr, capr;
};

/* What the layout gave: a line each, "R " for a row or "T " for text, then "col:text|" per cell. */
struct lines {
	char line[MAXLINES][1024];
	size_t n;
};

static void page_free(struct page *P)
{
	free(P->g);
	free(P->r);
	memset(P, 0, sizeof(*P));
}

static void glyph(struct page *P, const char *s, size_t len, double x0, double y0, double x1, double y1)
{
	jx_grow(&P->g, sizeof(*P->g), P->ng + 1, &P->capg);
	P->g[P->ng++] = (struct pdf_glyph){ s, len, x0, y0, x1, y1 };
}

/* Writes the string literal s from (x, y), its boxes h tall from y: a character an em wide (ASCII half
 * of one), a space a glyph of its own a third of an em wide. Returns where it ends. */
static double put_h(struct page *P, const char *s, double x, double y, double h)
{
	while (*s) {
		size_t len = (*s & 0x80) == 0 ? 1 : (*s & 0xe0) == 0xc0 ? 2 : (*s & 0xf0) == 0xe0 ? 3 : 4;
		double w = *s == ' ' ? EM / 3 : len == 1 ? EM / 2 : EM;

		glyph(P, s, len, x, y, x + w, y + h);
		x += w;
		s += len;
	}
	return x;
}

static double put(struct page *P, const char *s, double x, double y)
{
	return put_h(P, s, x, y, 1.2 * EM);
}

static void rule(struct page *P, bool vertical, double at, double a, double b)
{
	jx_grow(&P->r, sizeof(*P->r), P->nr + 1, &P->capr);
	P->r[P->nr++] = (struct pdf_rule){ vertical, at, a, b };
}

/* Every line of the grid of the given column and row positions. */
static void grid(struct page *P, const double *xs, size_t nx, const double *ys, size_t ny)
{
	size_t i;

	for (i = 0; i < ny; i++)
		rule(P, false, ys[i], xs[0], xs[nx - 1]);
	for (i = 0; i < nx; i++)
		rule(P, true, xs[i], ys[0], ys[ny - 1]);
}

static int collect(void *ctx, const struct jx_cell *cells, size_t n, enum jx_line_kind kind, struct jx_err *err)
{
	struct lines *L = ctx;
	char *o;
	size_t i;

	(void)err;
	assert_true(L->n < MAXLINES);
	assert_true(n <= JX_TABLE_MAX_CELLS + 1);
	o = L->line[L->n++];
	strcpy(o, kind == JX_LINE_ROW ? "R " : "T ");
	for (i = 0; i < n; i++) {
		assert_true(cells[i].len > 0);
		snprintf(o + strlen(o), 1024 - strlen(o), "%u:%.*s|", cells[i].col, (int)cells[i].len, cells[i].text);
	}
	return 0;
}

/* Lays P out, which must succeed, and frees it. */
static struct lines *layout(struct page *P)
{
	static struct lines L;
	struct jx_err err = { 0 };

	memset(&L, 0, sizeof(L));
	if (pdf_layout_page(P->g, P->ng, P->r, P->nr, collect, &L, &err))
		fail_msg("layout failed: %s", err.msg);
	page_free(P);
	return &L;
}

static void expect(const struct lines *L, const char *const *want, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < L->n; i++)
		if (strcmp(L->line[i], want[i]) != 0)
			fail_msg("line %zu: got \"%s\", want \"%s\"", i + 1, L->line[i], want[i]);
	if (L->n != n)
		fail_msg("got %zu lines, want %zu (last: \"%s\")", L->n, n, L->n ? L->line[L->n - 1] : "");
}

#define EXPECT(L, ...)                                                                    \
	do {                                                                              \
		static const char *const want_[] = { __VA_ARGS__ };                       \
		expect((L), want_, sizeof(want_) / sizeof(want_[0]));                     \
	} while (0)

/* ---- tables ---- */

static void test_grid_cells(void **state)
{
	static const double xs[] = { 50, 150, 300 }, ys[] = { 100, 120, 140 };
	struct page P = { 0 };

	(void)state;
	grid(&P, xs, 3, ys, 3);
	put(&P, "项目名称", 54, 104);
	put(&P, "博湖县项目", 154, 104);
	put(&P, "预算单位", 54, 124);
	put(&P, "博湖县民政局", 154, 124);
	EXPECT(layout(&P), "R 1:项目名称|2:博湖县项目|", "R 1:预算单位|2:博湖县民政局|");
}

/* The level-1 cell spans two rows (no line under its first), the title spans two columns (no line
 * between them): each comes once, at its top-left cell. */
static void test_merged_cells(void **state)
{
	struct page P = { 0 };

	(void)state;
	rule(&P, false, 100, 50, 260);
	rule(&P, false, 120, 50, 260);
	rule(&P, false, 140, 100, 260); /* not under 一级 */
	rule(&P, false, 160, 50, 260);
	rule(&P, true, 50, 100, 160);
	rule(&P, true, 100, 100, 160);
	rule(&P, true, 200, 120, 160); /* not in the first row */
	rule(&P, true, 260, 100, 160);
	put(&P, "项目", 54, 104);
	put(&P, "合并两列的标题", 104, 104);
	put(&P, "一级", 54, 134); /* centred in its two rows */
	put(&P, "名称一", 104, 124);
	put(&P, "≥1", 204, 124);
	put(&P, "名称二", 104, 144);
	put(&P, "≥2", 204, 144);
	EXPECT(layout(&P), "R 1:项目|2:合并两列的标题|", "R 1:一级|2:名称一|3:≥1|", "R 2:名称二|3:≥2|");
}

/* The width the string literal s takes when put. */
static double width_of(const char *s)
{
	double w = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			w += *s == ' ' ? EM / 3 : (*s & 0x80) ? EM : EM / 2;
	return w;
}

/* A table of one cell at y holding lines, wrapped where each ends: the cell only as wide as its first
 * line, 4 points of padding each side and 1 to spare. */
static void wrapped(struct page *P, double y, const char *const *lines, size_t n)
{
	double right = 50 + width_of(lines[0]) + 9, bottom = y + 14 * (double)n + 6;
	size_t i;

	rule(P, false, y, 50, right);
	rule(P, false, bottom, 50, right);
	rule(P, true, 50, y, bottom);
	rule(P, true, right, y, bottom);
	for (i = 0; i < n; i++)
		put(P, lines[i], 54, y + 2 + 14 * (double)i);
}

#define WRAPPED(P, y, ...)                                                                 \
	do {                                                                               \
		static const char *const lines_[] = { __VA_ARGS__ };                       \
		wrapped((P), (y), lines_, sizeof(lines_) / sizeof(lines_[0]));             \
	} while (0)

/* A cell whose lines wrap: Chinese joined as it is, a Latin word apart, a number whole, also where it
 * breaks after its point or a thousands separator (a space after "." or "," elsewhere). */
static void test_wrapped_cells(void **state)
{
	struct page P = { 0 };

	(void)state;
	WRAPPED(&P, 100, "疫情防控物资、消杀用品、", "试剂利用率(%)");
	WRAPPED(&P, 200, "a long indicator", "name");
	WRAPPED(&P, 300, "参保人数201", "6人");
	WRAPPED(&P, 400, "第一行", "第二行", "第三行");
	WRAPPED(&P, 500, "2023.07-2024.", "01");
	WRAPPED(&P, 600, "补助标准1,", "200元");
	EXPECT(layout(&P), "R 1:疫情防控物资、消杀用品、试剂利用率(%)|", "R 1:a long indicator name|", "R 1:参保人数2016人|",
	       "R 1:第一行第二行第三行|", "R 1:2023.07-2024.01|", "R 1:补助标准1,200元|");
}

/* Where the text itself breaks, there was room for more on the line: a newline. A label short of
 * its narrow cell's width, where the next piece (an opening bracket with its character) would not have
 * fitted, is a wrap. */
static void test_paragraphs_in_a_cell(void **state)
{
	static const double xs[] = { 50, 250, 314 }, ys[] = { 100, 160 };
	struct page P = { 0 };

	(void)state;
	grid(&P, xs, 3, ys, 2);
	put(&P, "一二三四五六七八九十一二三四五六七八九", 54, 102);
	put(&P, "结束。", 54, 116);
	put(&P, "第二段开始", 54, 130);
	put(&P, "项目资金", 254, 102);
	put(&P, "(万元)", 254, 116);
	EXPECT(layout(&P), "R 1:一二三四五六七八九十一二三四五六七八九结束。\n第二段开始|2:项目资金(万元)|");
}

/* After punctuation the cell's habit decides: ", " where the text writes ", ", "," where it writes
 * ","; with no telling, a space after ASCII punctuation only. */
static void test_wrap_after_punctuation(void **state)
{
	struct page P = { 0 };

	(void)state;
	WRAPPED(&P, 100, "守好三道门, 落实一测四查,", "八项预警机制");
	WRAPPED(&P, 200, "调查,各乡镇开展普查,", "摸清数量");
	WRAPPED(&P, 300, "安置返乡人员;", "抓好救助工作");
	WRAPPED(&P, 400, "安置返乡人员。", "2. 抓好");
	EXPECT(layout(&P), "R 1:守好三道门, 落实一测四查, 八项预警机制|", "R 1:调查,各乡镇开展普查,摸清数量|",
	       "R 1:安置返乡人员; 抓好救助工作|", "R 1:安置返乡人员。2. 抓好|");
}

/* poppler's boxes for Type 3 fonts are far too tall: lines 15 points apart, boxes 27 tall, are still
 * lines of their own, in order. */
static void test_tall_boxes(void **state)
{
	static const double xs[] = { 50, 89 }, ys[] = { 100, 160 };
	struct page P = { 0 };

	(void)state;
	grid(&P, xs, 2, ys, 2);
	put_h(&P, "第三行", 54, 130.4, 27.3);
	put_h(&P, "第一行", 54, 100.0, 27.3);
	put_h(&P, "第二行", 54, 115.2, 27.3);
	EXPECT(layout(&P), "R 1:第一行第二行第三行|");
}

/* A table without side borders keeps its outer columns. */
static void test_open_sides(void **state)
{
	struct page P = { 0 };

	(void)state;
	rule(&P, false, 100, 50, 300);
	rule(&P, false, 120, 50, 300);
	rule(&P, false, 140, 50, 300);
	rule(&P, true, 150, 100, 140);
	put(&P, "左", 60, 104);
	put(&P, "右", 200, 104);
	put(&P, "左下", 60, 124);
	EXPECT(layout(&P), "R 1:左|2:右|", "R 1:左下|");
}

/* A boundary half covered by lines or more separates cells; less does not. */
static void test_partial_boundary(void **state)
{
	struct page P = { 0 };

	(void)state;
	rule(&P, false, 100, 50, 300);
	rule(&P, false, 120, 50, 300);
	rule(&P, false, 140, 50, 300);
	rule(&P, true, 50, 100, 140);
	rule(&P, true, 300, 100, 140);
	rule(&P, true, 150, 100, 106); /* 6 of the first row's 20 points: no boundary */
	rule(&P, true, 150, 126, 140); /* 14 of the second's: a boundary */
	put(&P, "左", 60, 104);
	put(&P, "右", 200, 104);
	put(&P, "左", 60, 124);
	put(&P, "右", 200, 124);
	EXPECT(layout(&P), "R 1:左 右|", "R 1:左|2:右|");
}

/* Text above and below a table comes out as lines of text, in order; a line of the page beside
 * nothing joins its parts with a space. */
static void test_text_around_table(void **state)
{
	static const double xs[] = { 50, 150, 300 }, ys[] = { 100, 120 };
	struct page P = { 0 };

	(void)state;
	put(&P, "- 3 -", 160, 400);
	grid(&P, xs, 3, ys, 2);
	put(&P, "部门预算项目支出绩效目标表", 110, 60);
	put(&P, "(2021年度)", 150, 80);
	put(&P, "项目名称", 54, 104);
	put(&P, "测试项目", 154, 104);
	put(&P, "注：单位为万元", 50, 130);
	put(&P, "附表", 250, 130);
	EXPECT(layout(&P), "T 1:部门预算项目支出绩效目标表|", "T 1:(2021年度)|", "R 1:项目名称|2:测试项目|",
	       "T 1:注：单位为万元 附表|", "T 1:- 3 -|");
}

/* Lines handed in as pixels give them: rows of a line two pixels thick, cut where lines cross; pieces
 * of the middle line a little apart, the one further left lower down. */
static void test_lines_in_pieces(void **state)
{
	static const double xs[] = { 50, 150, 300 }, ys[] = { 100, 120, 140 };
	struct page P = { 0 };
	size_t i, j;

	(void)state;
	for (i = 0; i < 3; i++)
		for (j = 0; j + 1 < 3; j++) {
			if (i != 1) {
				rule(&P, false, ys[i] - 0.25, xs[j] + 0.5, xs[j + 1] - 0.5);
				rule(&P, false, ys[i] + 0.25, xs[j] + 0.5, xs[j + 1] - 0.5);
			}
			rule(&P, true, xs[i] - 0.25, ys[j] + 0.5, ys[j + 1] - 0.5);
			rule(&P, true, xs[i] + 0.25, ys[j] + 0.5, ys[j + 1] - 0.5);
		}
	rule(&P, false, 120.0, 150.5, 299.5);
	rule(&P, false, 120.4, 50.5, 149.5);
	rule(&P, true, 120, 130, 131.5); /* a speck, too short to be a line */
	put(&P, "甲", 54, 104);
	put(&P, "乙", 154, 104);
	put(&P, "丙", 54, 124);
	put(&P, "丁", 154, 124);
	EXPECT(layout(&P), "R 1:甲|2:乙|", "R 1:丙|2:丁|");
}

/* Two tables on a page, each with its own grid, in the order of their tops, text between. */
static void test_two_tables(void **state)
{
	static const double xs[] = { 50, 150, 300 }, y1[] = { 300, 320 }, y2[] = { 100, 120 };
	struct page P = { 0 };

	(void)state;
	grid(&P, xs, 3, y1, 2);
	grid(&P, xs, 3, y2, 2);
	put(&P, "第二张", 54, 304);
	put(&P, "表", 154, 304);
	put(&P, "第一张", 54, 104);
	put(&P, "表", 154, 104);
	put(&P, "两表之间", 54, 200);
	EXPECT(layout(&P), "R 1:第一张|2:表|", "T 1:两表之间|", "R 1:第二张|2:表|");
}

/* ---- pages without tables ---- */

static void test_borderless(void **state)
{
	struct page P = { 0 };

	(void)state;
	put(&P, "部门预算项目支出绩效目标表", 110, 60);
	put(&P, "一级指标", 50, 100);
	put(&P, "二级指标", 130, 100);
	put(&P, "三级指标", 210, 100);
	put(&P, "指标值", 400, 100);
	put(&P, "产出指标", 50, 120);
	put(&P, "数量指标", 130, 120);
	put(&P, "日消杀次数 (次)", 210, 120);
	put(&P, "≥2", 400, 120);
	put(&P, "核酸检测人次", 212, 140); /* one cell inside the table */
	put(&P, "满意度指标", 50, 160);
	put(&P, "满意度", 210, 160);
	put(&P, "≥95%", 400, 160);
	put(&P, "- 1 -", 250, 400);
	EXPECT(layout(&P), "T 1:部门预算项目支出绩效目标表|", "R 1:一级指标|2:二级指标|3:三级指标|4:指标值|",
	       "R 1:产出指标|2:数量指标|3:日消杀次数 (次)|4:≥2|", "R 3:核酸检测人次|", "R 1:满意度指标|3:满意度|4:≥95%|",
	       "T 1:- 1 -|");
}

/* Between Chinese and Latin text a narrow gap is the layout's autospace, a wide one a space. */
static void test_autospace(void **state)
{
	struct page P = { 0 };
	double x;

	(void)state;
	x = put(&P, "博湖县", 50, 100);
	glyph(&P, " ", 1, x, 100, x + 2, 112);
	x = put(&P, "2021", x + 2, 100);
	glyph(&P, " ", 1, x, 100, x + 2.2, 112);
	put(&P, "年项目", x + 2.2, 100);
	x = put(&P, "现将博湖县", 50, 130);
	glyph(&P, " ", 1, x, 130, x + 4, 142);
	x = put(&P, "2021", x + 4, 130);
	glyph(&P, " ", 1, x, 130, x + 4, 142);
	put(&P, "年", x + 4, 130);
	EXPECT(layout(&P), "T 1:博湖县2021年项目|", "T 1:现将博湖县 2021 年|");
}

/* The page's autospace is learnt where Chinese and Latin text meet: 1/5 em here, so a space typed in a
 * CJK font a quarter em wide is a space, though narrower than AUTOSPACE; a line spaced out (justified)
 * is measured less its spacing. */
static void test_autospace_learnt(void **state)
{
	struct page P = { 0 };
	double x;

	(void)state;
	x = put(&P, "营造林", 50, 100);
	glyph(&P, " ", 1, x, 100, x + 2, 112);
	x = put(&P, "8", x + 2, 100);
	glyph(&P, " ", 1, x, 100, x + 2, 112);
	x = put(&P, "万亩，", x + 2, 100);
	x = put(&P, "共", x, 100);
	glyph(&P, " ", 1, x, 100, x + 2, 112);
	x = put(&P, "30", x + 2, 100);
	glyph(&P, " ", 1, x, 100, x + 2, 112);
	put(&P, "公里", x + 2, 100);
	x = put(&P, "水沟林场", 50, 130);
	glyph(&P, " ", 1, x, 130, x + 2.6, 142);
	x = put(&P, "7", x + 2.6, 130);
	glyph(&P, " ", 1, x, 130, x + 3.2, 142);
	put(&P, "个林场", x + 3.2, 130);
	put(&P, "甲", 50, 160);
	put(&P, "乙", 61, 160);
	glyph(&P, " ", 1, 71, 160, 74, 172);
	put(&P, "2021", 74, 160);
	glyph(&P, " ", 1, 94, 160, 97, 172);
	put(&P, "年", 97, 160);
	EXPECT(layout(&P), "T 1:营造林8万亩，共30公里|", "T 1:水沟林场 7 个林场|", "T 1:甲乙2021年|");
}

/* ---- hostile pages ---- */

static void test_limits(void **state)
{
	struct page P = { 0 };
	struct jx_err err = { 0 };
	struct lines L = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i <= PDF_MAX_GLYPHS; i++)
		glyph(&P, "字", 3, 0, 0, 10, 10);
	assert_int_equal(pdf_layout_page(P.g, P.ng, NULL, 0, collect, &L, &err), -1);
	assert_int_equal(err.code, JX_ETOOBIG);
	assert_non_null(strstr(err.msg, "文字超过"));
	page_free(&P);
	for (i = 0; i < 300; i++) { /* 299 × 299 grid cells */
		rule(&P, false, 10 + 2.5 * (double)i, 10, 760);
		rule(&P, true, 10 + 2.5 * (double)i, 10, 760);
	}
	assert_int_equal(pdf_layout_page(NULL, 0, P.r, P.nr, collect, &L, &err), -1);
	assert_non_null(strstr(err.msg, "表格的格子超过"));
	page_free(&P);
}

/* A row of 80 columns hands on one cell past the limit, for the table reader to refuse. */
static void test_wide_row(void **state)
{
	struct page P = { 0 };
	struct lines *L;
	size_t i;

	(void)state;
	rule(&P, false, 100, 0, 800);
	rule(&P, false, 120, 0, 800);
	for (i = 0; i <= 80; i++)
		rule(&P, true, 10 * (double)i, 100, 120);
	for (i = 0; i < 80; i++)
		put(&P, "字", 10 * (double)i + 0.5, 104);
	L = layout(&P);
	assert_int_equal(L->n, 1);
	assert_non_null(strstr(L->line[0], "|65:字|"));
	assert_null(strstr(L->line[0], "|66:"));
}

static void test_hostile_values(void **state)
{
	struct page P = { 0 };

	(void)state;
	glyph(&P, "坏", 3, NAN, 0, 10, 10);
	glyph(&P, "坏", 3, 0, INFINITY, 10, 10);
	glyph(&P, "\xff", 1, 0, 100, 10, 110);
	glyph(&P, "\x01", 1, 10, 100, 20, 110);
	glyph(&P, "", 0, 20, 100, 30, 110);
	glyph(&P, "好", 3, 40, 110, 30, 100); /* corners the wrong way round */
	glyph(&P, "的", 3, 40, 100, 50, 100); /* no height */
	rule(&P, true, NAN, 0, 100);
	rule(&P, false, 50, -INFINITY, 100);
	rule(&P, false, 1e300, 0, 100);
	rule(&P, false, 60, 100, 0); /* ends the wrong way round */
	EXPECT(layout(&P), "T 1:好的|");
}

static int refuse(void *ctx, const struct jx_cell *cells, size_t n, enum jx_line_kind kind, struct jx_err *err)
{
	(void)cells;
	(void)n;
	(void)kind;
	(*(int *)ctx)++;
	return jx_err_set(err, JX_EINPUT, "拒绝");
}

static void test_caller_error_stops(void **state)
{
	struct page P = { 0 };
	struct jx_err err = { 0 };
	int calls = 0;

	(void)state;
	put(&P, "第一行", 50, 100);
	put(&P, "第二行", 50, 130);
	assert_int_equal(pdf_layout_page(P.g, P.ng, NULL, 0, refuse, &calls, &err), -1);
	assert_int_equal(calls, 1);
	assert_string_equal(err.msg, "拒绝");
	page_free(&P);
}

/* ---- ruling lines from a picture ---- */

struct picture {
	uint8_t *dark;
	int w, h;
};

static void ink(struct picture *p, int x0, int y0, int x1, int y1)
{
	int x, y;

	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++)
			p->dark[y * p->w + x] = 1;
}

/* A page 200 × 150 points drawn at 2 pixels a point: a grid of hairlines and of a thicker line, a
 * filled box, a character's strokes inside its box. */
static void test_rules_from_picture(void **state)
{
	struct picture p = { NULL, 400, 300 };
	struct page P = { 0 };
	struct pdf_rule *rules = NULL;
	struct jx_err err = { 0 };
	size_t n = 0, cap = 0, i;

	(void)state;
	p.dark = jx_calloc((size_t)(p.w * p.h), 1);
	ink(&p, 40, 40, 361, 41);   /* y = 20 pt, x 20–180 */
	ink(&p, 40, 80, 361, 82);   /* y = 40, two pixels thick */
	ink(&p, 40, 120, 361, 121); /* y = 60 */
	ink(&p, 40, 40, 41, 121);   /* x = 20 */
	ink(&p, 200, 40, 201, 121); /* x = 100 */
	ink(&p, 360, 40, 361, 121); /* x = 180 */
	ink(&p, 100, 200, 180, 260); /* a filled box, x 50–90, y 100–130: no lines */
	put(&P, "十", 60, 25);       /* its box 60–70 x, 25–37 y: strokes through the middle */
	ink(&p, 122, 62, 138, 63);
	ink(&p, 129, 54, 130, 70);
	put(&P, "乙", 110, 25);
	put(&P, "丙", 30, 45);
	put(&P, "丁", 110, 45);
	assert_int_equal(pdf_rules_find(p.dark, p.w, p.h, 2.0, P.g, P.ng, &rules, &n, &cap, &err), 0);
	for (i = 0; i < n; i++) /* nothing from the box or the character */
		assert_false(rules[i].vertical ? rules[i].at > 45 && rules[i].at < 95
					       : rules[i].at > 90 || fabs(rules[i].at - 31.25) < 2);
	free(P.r);
	P.r = rules;
	P.nr = n;
	P.capr = cap;
	EXPECT(layout(&P), "R 1:十|2:乙|", "R 1:丙|2:丁|");
	free(p.dark);
}

/* A picture with too many lines for a page is refused, not read. */
static void test_rules_limit(void **state)
{
	struct picture p = { NULL, 4000, 800 };
	struct pdf_rule *rules = NULL;
	struct jx_err err = { 0 };
	size_t n = 0, cap = 0;
	int x, y;

	(void)state;
	p.dark = jx_calloc((size_t)(p.w * p.h), 1);
	for (y = 0; y < p.h; y += 2) /* hairlines every other row, cut every 5 pixels */
		for (x = 0; x + 5 <= p.w; x += 6)
			ink(&p, x, y, x + 5, y + 1);
	assert_int_equal(pdf_rules_find(p.dark, p.w, p.h, 1.0, NULL, 0, &rules, &n, &cap, &err), -1);
	assert_int_equal(err.code, JX_ETOOBIG);
	free(rules);
	free(p.dark);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_cells),
		cmocka_unit_test(test_merged_cells),
		cmocka_unit_test(test_wrapped_cells),
		cmocka_unit_test(test_wrap_after_punctuation),
		cmocka_unit_test(test_paragraphs_in_a_cell),
		cmocka_unit_test(test_tall_boxes),
		cmocka_unit_test(test_open_sides),
		cmocka_unit_test(test_partial_boundary),
		cmocka_unit_test(test_text_around_table),
		cmocka_unit_test(test_lines_in_pieces),
		cmocka_unit_test(test_two_tables),
		cmocka_unit_test(test_borderless),
		cmocka_unit_test(test_autospace),
		cmocka_unit_test(test_autospace_learnt),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_wide_row),
		cmocka_unit_test(test_hostile_values),
		cmocka_unit_test(test_caller_error_stops),
		cmocka_unit_test(test_rules_from_picture),
		cmocka_unit_test(test_rules_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
