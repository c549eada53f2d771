/*
 * fuzz_pdf_layout.c — libFuzzer harness for the PDF reader's page layout (pdf_layout.c): a page's
 * glyphs and ruling lines, decoded from the input, laid out into lines and cells, which must keep
 * the contract (at most JX_TABLE_MAX_CELLS + 1 non-empty cells of valid UTF-8, columns from 1 and not
 * going back; text lines one cell in column 1) and go on to table.c, with the round trips of common.c
 * on every table it accepts.
 *
 * An input is text, a line per thing on the page (numbers in points, as strtod reads them, so that
 * mutations move things and reach nan and inf):
 *
 *   g X0 Y0 X1 Y1 TEXT   a glyph and its box; TEXT is the rest of the line after one space
 *   h Y X0 X1            a horizontal ruling line
 *   v X Y0 Y1            a vertical one
 *
 * The seeds in fuzz/corpus/pdf_layout are pages of tests/data/pdf/seed.pdf and of jixiao's own
 * publication as the reader sees them (glyph boxes from poppler, lines from pdf_rules.c), written in
 * this form, and the same pages without their lines.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/pdf_impl.h"
#include "common.h"
#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct page {
	char *text;               /* the input, NUL-terminated, cut into lines */
	struct pdf_glyph *g;
	size_t ng, capg;
	struct pdf_rule *r;
	size_t nr, capr;
	struct jx_tables *tables;
	unsigned row;
};

static void parse_line(struct page *P, char *s)
{
	double v[4];
	char *end = s + 1;
	int i, n = s[0] == 'g' ? 4 : 3;

	for (i = 0; i < n; i++) {
		v[i] = strtod(end, &end);
		if (*end != ' ' && !(i == n - 1 && *end == '\0'))
			return;
	}
	if (s[0] == 'g') {
		const char *text = *end ? end + 1 : end;

		jx_grow(&P->g, sizeof(*P->g), P->ng + 1, &P->capg);
		P->g[P->ng++] = (struct pdf_glyph){ text, strlen(text), v[0], v[1], v[2], v[3] };
	} else if (s[0] == 'h' || s[0] == 'v') {
		jx_grow(&P->r, sizeof(*P->r), P->nr + 1, &P->capr);
		P->r[P->nr++] = (struct pdf_rule){ s[0] == 'v', v[0], v[1], v[2] };
	}
}

static void parse(struct page *P, const uint8_t *data, size_t size)
{
	char *s, *nl;

	P->text = jx_strndup((const char *)data, size);
	for (s = P->text; s < P->text + size; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		*nl = '\0';
		if (*s)
			parse_line(P, s);
	}
}

static int sink(void *ctx, struct jx_project *p, struct jx_err *err)
{
	(void)ctx;
	(void)err;
	fuzz_check(p);
	return 0;
}

static void locate(void *ctx, unsigned row, unsigned col, char *buf, size_t size)
{
	(void)ctx;
	snprintf(buf, size, "第%u行 第%u列", row, col);
}

/* Checks the contract of a line, then hands it to the tables. */
static int line(void *ctx, const struct jx_cell *cells, size_t n, enum jx_line_kind kind, struct jx_err *err)
{
	struct page *P = ctx;
	size_t i;

	if (n > JX_TABLE_MAX_CELLS + 1 || (kind == JX_LINE_TEXT && (n != 1 || cells[0].col != 1)))
		abort();
	for (i = 0; i < n; i++)
		if (cells[i].len == 0 || !jx_utf8_valid(cells[i].text, cells[i].len) || cells[i].col == 0 ||
		    (i > 0 && cells[i].col < cells[i - 1].col))
			abort();
	return jx_tables_line(P->tables, ++P->row, cells, n, kind, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct page P = { 0 };
	struct jx_err err = { 0 };

	parse(&P, data, size);
	P.tables = jx_tables_new(sink, NULL, locate, NULL);
	if (pdf_layout_page(P.g, P.ng, P.r, P.nr, line, &P, &err) == 0)
		jx_tables_finish(P.tables, &err);
	jx_tables_free(P.tables);
	free(P.g);
	free(P.r);
	free(P.text);
	return 0;
}
