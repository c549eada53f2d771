/*
 * test_render_xlsx.c — the workbook: its sheets in order, the official layout's merged cells, the flat
 * sheet, byte-identical renders, valid and unique sheet names, temporary files cleaned up and errors
 * reported; text longer than a cell holds (a goal over several rows, anything else cut), Excel's
 * escapes (_xHHHH_) in the text shown as written; and LibreOffice opening it, reading the table sheets
 * back as the same tables and showing such text as it is. Self-evaluations: their summary sheet with
 * a row per project and the tables by unit and by year, the flat sheet of indicators, a sheet per
 * project in the official layout, figures as numbers, and LibreOffice showing them.
 *
 * The workbook is looked into with unzip, and converted with soffice, through popen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "scored.h"
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/evaluation.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/score.h"

#define SEED_TABLES 5
#define SEED_INDICATORS 70

struct seed {
	struct jx_project *p[SEED_TABLES];
	char dir[64]; /* a private directory for the files of one test */
};

static int setup(void **state)
{
	struct seed *s = calloc(1, sizeof(*s));
	struct jx_err err = { 0 };
	size_t len;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);

	assert_int_equal(read_projects(text, len, s->p, SEED_TABLES, &err), SEED_TABLES);
	free(text);
	strcpy(s->dir, "/tmp/jx-xlsx-test-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct seed *s = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
	assert_int_equal(system(cmd), 0);
	free_projects(s->p, SEED_TABLES);
	free(s);
	return 0;
}

/* The statement of the seed's publication, filled by hand; names receives the tables' names. */
static void seed_statement(struct seed *s, struct jx_statement *st, char **names)
{
	size_t i;

	for (i = 0; i < SEED_TABLES; i++)
		names[i] = s->p[i]->name;
	memset(st, 0, sizeof(*st));
	st->year = 2021;
	st->key_only = true;
	st->departments = 61;
	st->units = 12;
	st->projects = 16;
	st->money = HUNDREDTHS(551761);
	st->key_projects = st->attached = names;
	st->n_key = st->n_attached = SEED_TABLES;
}

/* Renders st (if not NULL) and n projects into out, which must succeed and give a zip file. */
static void render(const struct jx_statement *st, struct jx_project **p, size_t n, struct jx_buf *out)
{
	struct jx_err err = { 0 };
	struct jx_render rd;
	size_t i;

	jx_render_begin(&rd, &jx_render_xlsx, NULL, out);
	if (st)
		assert_int_equal(jx_render_statement(&rd, out, st, &err), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(jx_render_project(&rd, out, p[i], &err), 0);
	if (jx_render_end(&rd, out, false, &err))
		fail_msg("%s", err.msg);
	assert_true(out->len > 4);
	assert_memory_equal(out->ptr, "PK\3\4", 4);
}

/* Writes out to s->dir/name; path receives where. */
static void save(const struct seed *s, const struct jx_buf *out, const char *name, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", s->dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out->ptr, 1, out->len, f), out->len);
	assert_int_equal(fclose(f), 0);
}

/* The seed's publication, the statement and its five tables, saved as s->dir/seed.xlsx. */
static void render_seed(struct seed *s, char *path, size_t size)
{
	struct jx_buf out = JX_BUF_INIT;
	struct jx_statement st;
	char *names[SEED_TABLES];

	seed_statement(s, &st, names);
	render(&st, s->p, SEED_TABLES, &out);
	save(s, &out, "seed.xlsx", path, size);
	jx_buf_release(&out);
}

/* The output of a shell command that must succeed, malloc'd. */
static char *command_output(const char *cmd)
{
	struct jx_buf b = JX_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = popen(cmd, "r");

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		jx_buf_add(&b, chunk, n, NULL);
	assert_int_equal(pclose(f), 0);
	return jx_buf_detach(&b, NULL);
}

/* The entry of the zip file at path, malloc'd. */
static char *zip_entry(const char *path, const char *entry)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "unzip -p '%s' '%s'", path, entry);
	return command_output(cmd);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (s = strstr(s, what); s; s = strstr(s + 1, what))
		n++;
	return n;
}

/* Fails unless entry of the zip file at path holds each of the NULL-terminated strings. */
static void entry_holds(const char *path, const char *entry, const char *const *want)
{
	char *xml = zip_entry(path, entry);

	for (; *want; want++)
		if (!strstr(xml, *want))
			fail_msg("%s has no %s", entry, *want);
	free(xml);
}

/* The names of the workbook's sheets in order, one per line, malloc'd. */
static char *sheet_names(const char *path)
{
	char *xml = zip_entry(path, "xl/workbook.xml"), *at;
	struct jx_buf names = JX_BUF_INIT;

	for (at = strstr(xml, "<sheet name=\""); at; at = strstr(at, "<sheet name=\"")) {
		at += strlen("<sheet name=\"");
		jx_buf_add(&names, at, strcspn(at, "\""), NULL);
		jx_buf_addc(&names, '\n', NULL);
	}
	free(xml);
	return jx_buf_detach(&names, NULL);
}

/* ---- text as Excel reads it ---- */

#define CELL_MAX 32767 /* Excel's limit on a cell's text */

/* Appends s times times to b. */
static void repeat(struct jx_buf *b, const char *s, size_t times)
{
	while (times--)
		jx_buf_adds(b, s, NULL);
}

/* The strings of the workbook at path as written for Excel (XML entities replaced, escapes _xHHHH_
 * kept), in order, each malloc'd; *n receives how many. */
static char **shared_strings(const char *path, size_t *n)
{
	static const char *const ent[][2] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
					     { "&apos;", "'" } };
	char *xml = zip_entry(path, "xl/sharedStrings.xml"), *at, *end, **out = NULL;

	*n = 0;
	for (at = strstr(xml, "<si>"); at; at = strstr(end, "<si>")) {
		struct jx_buf b = JX_BUF_INIT;

		end = strstr(at, "</si>");
		assert_non_null(end);
		for (at = strstr(at, "<t"); at && at < end; at = strstr(at, "<t")) {
			char *gt = strchr(at, '>'), *text = gt + 1, *stop;

			at = text;
			if (gt[-1] == '/')
				continue; /* <t/> */
			stop = strstr(text, "</t>");
			while (text < stop) {
				size_t e;

				for (e = 0; e < 5; e++)
					if (strncmp(text, ent[e][0], strlen(ent[e][0])) == 0)
						break;
				if (e < 5) {
					jx_buf_adds(&b, ent[e][1], NULL);
					text += strlen(ent[e][0]);
				} else {
					jx_buf_addc(&b, *text++, NULL);
				}
			}
		}
		out = realloc(out, (*n + 1) * sizeof(*out));
		out[(*n)++] = jx_buf_detach(&b, NULL);
	}
	free(xml);
	return out;
}

static void free_strings(char **strings, size_t n)
{
	while (n--)
		free(strings[n]);
	free(strings);
}

/* The shared string in cell ref of the worksheet entry of the workbook at path, as written; NULL if
 * the cell has none. */
static const char *cell_at(const char *path, const char *entry, char **strings, size_t n, const char *ref)
{
	char *xml = zip_entry(path, entry), needle[64], *at, *gt;
	long i = -1;

	snprintf(needle, sizeof(needle), "<c r=\"%s\"", ref);
	at = strstr(xml, needle);
	gt = at ? strchr(at, '>') : NULL;
	if (gt && gt[-1] != '/') {
		*gt = '\0';
		if (strstr(at, " t=\"s\""))
			i = strtol(strstr(gt + 1, "<v>") + 3, NULL, 10);
	}
	free(xml);
	assert_true(i < (long)n);
	return i < 0 ? NULL : strings[i];
}

/* Code points (what libxlsxwriter counts) and UTF-16 units (what Excel counts) of s. */
static size_t code_points(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static size_t utf16_units(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += (((unsigned char)*s & 0xC0) != 0x80) + ((unsigned char)*s >= 0xF0);
	return n;
}

static bool hex4(const char *s)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if (!s[i] || !strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	return true;
}

/* Appends what Excel shows of the written string s: each _xHHHH_, read from left to right, is the
 * UTF-16 unit HHHH (only units of the BMP outside the surrogates are expected here). */
static void excel_shows(struct jx_buf *out, const char *s)
{
	while (*s) {
		if (s[0] == '_' && s[1] == 'x' && hex4(s + 2) && s[6] == '_') {
			unsigned long u = strtoul((char[]){ s[2], s[3], s[4], s[5], 0 }, NULL, 16);

			assert_false(u >= 0xD800 && u <= 0xDFFF);
			if (u < 0x80) {
				jx_buf_addc(out, (char)u, NULL);
			} else if (u < 0x800) {
				jx_buf_addc(out, (char)(0xC0 | u >> 6), NULL);
				jx_buf_addc(out, (char)(0x80 | (u & 0x3F)), NULL);
			} else {
				jx_buf_addc(out, (char)(0xE0 | u >> 12), NULL);
				jx_buf_addc(out, (char)(0x80 | ((u >> 6) & 0x3F)), NULL);
				jx_buf_addc(out, (char)(0x80 | (u & 0x3F)), NULL);
			}
			s += 7;
		} else {
			jx_buf_addc(out, *s++, NULL);
		}
	}
}

/* Fails unless every string of the workbook at path fits a cell, as libxlsxwriter and Excel count. */
static void strings_fit(const char *path)
{
	size_t i, n;
	char **strings = shared_strings(path, &n);

	for (i = 0; i < n; i++) {
		assert_true(code_points(strings[i]) <= CELL_MAX);
		assert_true(utf16_units(strings[i]) <= CELL_MAX);
	}
	free_strings(strings, n);
}

/* Renders the first table alone with goal as its 年度目标, saved as s->dir/file. */
static void render_goal(struct seed *s, const char *goal, const char *file, char *path, size_t size)
{
	struct jx_buf out = JX_BUF_INIT;

	free(s->p[0]->goal);
	s->p[0]->goal = jx_strdup(goal);
	render(NULL, s->p, 1, &out);
	save(s, &out, file, path, size);
	jx_buf_release(&out);
}

/* The goal as its sheet (sheet3) shows it: the cells B9, B10 … down to the indicator header, joined;
 * *rows receives how many. Fails unless each holds what Excel can. */
static char *goal_shown(const char *path, size_t *rows)
{
	struct jx_buf goal = JX_BUF_INIT;
	size_t n, row;
	char **strings = shared_strings(path, &n), ref[32];
	const char *text;

	for (row = 9;; row++) {
		snprintf(ref, sizeof(ref), "B%zu", row);
		text = cell_at(path, "xl/worksheets/sheet3.xml", strings, n, ref);
		assert_non_null(text);
		if (strcmp(text, "一级指标") == 0)
			break;
		assert_true(code_points(text) <= CELL_MAX);
		assert_true(utf16_units(text) <= CELL_MAX);
		excel_shows(&goal, text);
	}
	*rows = row - 9;
	free_strings(strings, n);
	return jx_buf_detach(&goal, NULL);
}

/* A goal of exactly 32,767 characters takes one row; one more character, two: 总体目标 is merged over
 * 年度目标 and both, and the indicators move down a row. Goals of up to 256 KiB are valid, and
 * libxlsxwriter refuses a cell of more, which failed the whole workbook. */
static void test_long_goal_rows(void **state)
{
	static const char *const one[] = { "<mergeCell ref=\"A8:A9\"/>", "<mergeCell ref=\"B9:E9\"/>",
					   "<mergeCell ref=\"A10:A25\"/>", NULL };
	static const char *const two[] = { "<mergeCell ref=\"A8:A10\"/>", "<mergeCell ref=\"B8:E8\"/>",
					   "<mergeCell ref=\"B9:E9\"/>", "<mergeCell ref=\"B10:E10\"/>",
					   "<mergeCell ref=\"A11:A26\"/>", "<dimension ref=\"A1:E26\"/>", NULL };
	struct seed *s = *state;
	struct jx_buf goal = JX_BUF_INIT;
	char path[256], *shown;
	size_t rows;

	repeat(&goal, "中", CELL_MAX);
	render_goal(s, goal.ptr, "goal1.xlsx", path, sizeof(path));
	entry_holds(path, "xl/worksheets/sheet3.xml", one);
	shown = goal_shown(path, &rows);
	assert_int_equal(rows, 1);
	assert_string_equal(shown, goal.ptr);
	free(shown);

	jx_buf_adds(&goal, "国", NULL);
	render_goal(s, goal.ptr, "goal2.xlsx", path, sizeof(path));
	entry_holds(path, "xl/worksheets/sheet3.xml", two);
	shown = goal_shown(path, &rows);
	assert_int_equal(rows, 2);
	assert_string_equal(shown, goal.ptr);
	free(shown);
	strings_fit(path);
	jx_buf_release(&goal);
}

/* The pieces of a long goal: cut between characters, never so that an escape written for the text
 * (_x005F_) or a character outside the BMP is split or counts for less than it takes, after a line
 * break when one falls in the second half of a cell; joined, Excel shows the goal. */
static void test_long_goal_pieces(void **state)
{
	struct seed *s = *state;
	struct jx_buf goal = JX_BUF_INIT, want = JX_BUF_INIT;
	char path[256], *shown;
	size_t rows;

	/* an escape where the first cell ends, characters of two units across the second's end, escapes
	 * that overlap and one of a control character */
	repeat(&goal, "中", CELL_MAX - 2);
	jx_buf_adds(&goal, "_x0041_", NULL);
	repeat(&goal, "😀", CELL_MAX / 2 - 3);
	jx_buf_adds(&goal, "_x005F_x0041_x0042__x000D_甲_X0041_乙_x004g_丙_x0041", NULL);
	repeat(&goal, "a", CELL_MAX - 6);
	jx_buf_adds(&goal, "_x0041_b_x0041_", NULL);
	render_goal(s, goal.ptr, "pieces.xlsx", path, sizeof(path));
	shown = goal_shown(path, &rows);
	assert_int_equal(rows, 4);
	assert_string_equal(shown, goal.ptr);
	free(shown);
	strings_fit(path);

	/* a line break in the second half: the first cell ends after it */
	jx_buf_reset(&goal);
	repeat(&goal, "甲", 20000);
	jx_buf_adds(&goal, "\n", NULL);
	repeat(&goal, "乙", 20000);
	render_goal(s, goal.ptr, "lines.xlsx", path, sizeof(path));
	shown = goal_shown(path, &rows);
	assert_int_equal(rows, 2);
	assert_string_equal(shown, goal.ptr);
	free(shown);
	{
		size_t n;
		char **strings = shared_strings(path, &n);

		repeat(&want, "甲", 20000);
		jx_buf_adds(&want, "\n", NULL);
		assert_string_equal(cell_at(path, "xl/worksheets/sheet3.xml", strings, n, "B9"), want.ptr);
		free_strings(strings, n);
	}

	/* one in the first half is not worth a short cell */
	jx_buf_reset(&goal);
	repeat(&goal, "甲", 100);
	jx_buf_adds(&goal, "\n", NULL);
	repeat(&goal, "乙", 40000);
	render_goal(s, goal.ptr, "early.xlsx", path, sizeof(path));
	shown = goal_shown(path, &rows);
	assert_int_equal(rows, 2);
	assert_string_equal(shown, goal.ptr);
	free(shown);
	{
		size_t n;
		char **strings = shared_strings(path, &n);

		assert_int_equal(code_points(cell_at(path, "xl/worksheets/sheet3.xml", strings, n, "B9")), CELL_MAX);
		free_strings(strings, n);
	}
	jx_buf_release(&goal);
	jx_buf_release(&want);
}

/* Any other text too long for a cell — a name, a unit, an indicator, a target — is cut, with a note of
 * how many characters were left out, in every sheet; text that fits is kept whole. */
static void test_long_texts_cut(void **state)
{
	static const char note[] = "…（超出 Excel 单元格 32767 字的上限，以下 %zu 字未写入）";
	struct seed *s = *state;
	struct jx_project *p = s->p[0];
	struct jx_buf text = JX_BUF_INIT, out = JX_BUF_INIT, want = JX_BUF_INIT;
	char path[256], **strings;
	const char *cell;
	size_t n, kept;

	repeat(&text, "名", 40000);
	free(p->name);
	p->name = jx_strdup(text.ptr);
	free(p->unit);
	p->unit = jx_strdup(text.ptr);
	free(p->ind[0].target);
	p->ind[0].target = jx_strdup(text.ptr);
	jx_buf_reset(&text);
	repeat(&text, "标", CELL_MAX); /* fits the flat sheet, not with （次） in the table's */
	free(p->ind[0].name);
	p->ind[0].name = jx_strdup(text.ptr);
	render(NULL, s->p, 1, &out);
	save(s, &out, "cut.xlsx", path, sizeof(path));
	strings_fit(path);
	strings = shared_strings(path, &n);

	cell = cell_at(path, "xl/worksheets/sheet3.xml", strings, n, "B3"); /* 项目名称 */
	assert_non_null(cell);
	kept = CELL_MAX - 64; /* the room kept for the note */
	repeat(&want, "名", kept);
	jx_buf_addf(&want, NULL, note, (size_t)40000 - kept);
	assert_string_equal(cell, want.ptr);
	assert_string_equal(cell_at(path, "xl/worksheets/sheet3.xml", strings, n, "B4"), want.ptr); /* 预算单位 */
	assert_string_equal(cell_at(path, "xl/worksheets/sheet3.xml", strings, n, "E11"), want.ptr); /* 指标值 */
	assert_string_equal(cell_at(path, "xl/worksheets/sheet2.xml", strings, n, "B2"), want.ptr); /* 指标清单 */
	assert_string_equal(cell_at(path, "xl/worksheets/sheet2.xml", strings, n, "C2"), want.ptr);
	assert_string_equal(cell_at(path, "xl/worksheets/sheet2.xml", strings, n, "L2"), want.ptr);
	assert_string_equal(cell_at(path, "xl/worksheets/sheet1.xml", strings, n, "B2"), want.ptr); /* 目录 */
	assert_string_equal(cell_at(path, "xl/worksheets/sheet2.xml", strings, n, "J2"), text.ptr);
	jx_buf_reset(&want);
	repeat(&want, "标", kept);
	jx_buf_addf(&want, NULL, note, CELL_MAX - kept + strlen("（次）") / 3);
	assert_string_equal(cell_at(path, "xl/worksheets/sheet3.xml", strings, n, "D11"), want.ptr);
	free_strings(strings, n);
	jx_buf_release(&text);
	jx_buf_release(&out);
	jx_buf_release(&want);
}

/* Excel decodes _xHHHH_ in cell text, sheet names and link locations; libxlsxwriter 1.1.4 writes them
 * as they are (it escapes only control characters). The renderer writes their '_' as _x005F_, once,
 * and nothing else: _X0041_, _x004g_ and a cut-off _x0041 are no escapes. A character Excel refuses in
 * a sheet name, replaced by '_', can make one. */
static void test_excel_escapes(void **state)
{
	static const char *const names[] = { "_x0041_项目", "项目_x005F_x0041_甲", "[x0042_项目", "_X0041_ _x004g_ _x0041" };
	static const char *const written[] = { ">_x005F_x0041_项目<", ">项目_x005F_x005F_x005F_x0041_甲<",
					       ">[x0042_项目<", ">_X0041_ _x004g_ _x0041<", NULL };
	static const char *const contents[] = { "location=\"'表1 _x005F_x0041_项目'!A1\"",
						"location=\"'表3 _x005F_x0042_项目'!A1\"", NULL };
	struct seed *s = *state;
	struct jx_project *p[4];
	struct jx_buf out = JX_BUF_INIT, shown = JX_BUF_INIT;
	char path[256], *list, *xml, **strings;
	size_t i, n;

	for (i = 0; i < 4; i++) {
		p[i] = s->p[i];
		free(p[i]->name);
		p[i]->name = jx_strdup(names[i]);
	}
	render(NULL, p, 4, &out);
	save(s, &out, "escapes.xlsx", path, sizeof(path));
	entry_holds(path, "xl/sharedStrings.xml", written);
	entry_holds(path, "xl/worksheets/sheet1.xml", contents);
	xml = zip_entry(path, "xl/sharedStrings.xml");
	assert_null(strstr(xml, "_x005F_X"));
	assert_int_equal(count(xml, "_x005F_"), 1 + 3); /* the first two names (a shared string each) */
	free(xml);
	list = sheet_names(path);
	assert_string_equal(list, "目录\n指标清单\n表1 _x005F_x0041_项目\n表2 项目_x005F_x005F_x005F_x0041_甲\n"
				  "表3 _x005F_x0042_项目\n表4 _X0041_ _x004g_ _x0041\n");
	free(list);
	strings = shared_strings(path, &n);
	for (i = 0; i < 4; i++) {
		char ref[16];

		snprintf(ref, sizeof(ref), "B%zu", i + 2);
		jx_buf_reset(&shown);
		excel_shows(&shown, cell_at(path, "xl/worksheets/sheet1.xml", strings, n, ref));
		assert_string_equal(shown.ptr, names[i]);
	}
	free_strings(strings, n);
	jx_buf_release(&shown);
	jx_buf_release(&out);
}

static void test_sheets_in_order(void **state)
{
	struct seed *s = *state;
	char path[256], *names;

	render_seed(s, path, sizeof(path));
	names = sheet_names(path);
	assert_string_equal(names, "公开说明\n指标清单\n表1 博湖县2021年疫情防控项目\n表2 博湖县2021年建档立卡困难家庭教育项目\n"
				   "表3 博湖县2021年困难群众救助及慰问项目\n表4 博湖县2021年城乡居民养老保险项目\n"
				   "表5 博湖县2021年自然灾害综合风险普查项目\n");
	free(names);
}

static void test_statement_sheet(void **state)
{
	static const char *const strings[] = { ">2021年预算绩效目标公开说明<", "涉及资金5517.61万元",
					       ">附件：重点项目绩效目标表<", ">5. 博湖县2021年自然灾害综合风险普查项目<", NULL };
	static const char *const sheet[] = { "<col min=\"1\" max=\"1\" width=\"80", "<c r=\"A1\"", "<c r=\"A3\"",
					     "customHeight=\"1\"", NULL };
	struct seed *s = *state;
	char path[256];

	render_seed(s, path, sizeof(path));
	entry_holds(path, "xl/sharedStrings.xml", strings);
	entry_holds(path, "xl/worksheets/sheet1.xml", sheet);
}

/* The first table in the official layout: rows 1 title, 2 year, 3 name, 4 unit, 5–7 funds, 8–9 goal,
 * 10 the indicator header, 11–25 the 15 indicators, of which 11–20 are 产出指标 and 11–13 数量指标. */
static void test_table_layout(void **state)
{
	static const char *const merges[] = { "<mergeCell ref=\"A1:E1\"/>", "<mergeCell ref=\"B3:E3\"/>",
					      "<mergeCell ref=\"A5:A7\"/>", "<mergeCell ref=\"D5:E5\"/>",
					      "<mergeCell ref=\"A8:A9\"/>", "<mergeCell ref=\"B9:E9\"/>",
					      "<mergeCell ref=\"A10:A25\"/>", "<mergeCell ref=\"B11:B20\"/>",
					      "<mergeCell ref=\"C11:C13\"/>", "<mergeCell ref=\"B21:B24\"/>",
					      "<mergeCell ref=\"C22:C23\"/>", NULL };
	static const char *const strings[] = { ">部门预算项目支出绩效目标表<", ">(2021年度)<", ">项目名称<",
					       ">博湖县2021年疫情防控项目<", ">博湖县卫生健康委员会<", ">项目资金（万元）<",
					       ">其中：财政拨款<", ">3033.00<", ">总体目标<", ">年度目标<",
					       ">指标值（包含数字及文字描述）<", ">日消杀次数（次）<", ">≥700000<",
					       ">人民群众满意度（%）<", ">全力保障<", ">疆内大学教育建档立卡户人数（人）<", NULL };
	static const char *const styles[] = { "<left style=\"thin\">", "wrapText=\"1\"", NULL };
	struct seed *s = *state;
	char path[256], *sheet;
	size_t i;

	render_seed(s, path, sizeof(path));
	sheet = zip_entry(path, "xl/worksheets/sheet3.xml");
	assert_non_null(strstr(sheet, "<dimension ref=\"A1:E25\"/>"));
	for (i = 0; merges[i]; i++)
		if (!strstr(sheet, merges[i]))
			fail_msg("no %s", merges[i]);
	assert_int_equal(count(sheet, "<mergeCell "), 20);
	assert_non_null(strstr(sheet, "<col min=\"4\" max=\"4\" width=\"40"));
	free(sheet);
	entry_holds(path, "xl/sharedStrings.xml", strings);
	entry_holds(path, "xl/styles.xml", styles);
}

static void test_flat_sheet(void **state)
{
	static const char *const sheet[] = { "<pane ySplit=\"1\" topLeftCell=\"A2\"", "<autoFilter ref=\"A1:L71\"/>",
					     "<v>3033</v>", "<v>32.09</v>", NULL };
	static const char *const strings[] = { ">年度资金总额(万元)<", ">计量单位<", ">日消杀次数<", ">人次<", ">项目<",
					       ">=100.0%<", NULL };
	static const char *const styles[] = { "formatCode=\"0.00\"", NULL };
	struct seed *s = *state;
	char path[256], *xml;

	render_seed(s, path, sizeof(path));
	xml = zip_entry(path, "xl/worksheets/sheet2.xml");
	assert_int_equal(count(xml, "<row "), 1 + SEED_INDICATORS);
	free(xml);
	entry_holds(path, "xl/worksheets/sheet2.xml", sheet);
	entry_holds(path, "xl/sharedStrings.xml", strings);
	entry_holds(path, "xl/styles.xml", styles);
}

/* A table without indicators still has its row; an amount that two decimal places cannot show (written
 * in 元, to the 分) is text, so that it reads back exactly. */
static void test_flat_sheet_edges(void **state)
{
	static const char *const strings[] = { ">38.766462<", NULL };
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	size_t n = s->p[0]->n_ind;
	char path[256], *xml;

	s->p[0]->n_ind = 0;
	s->p[0]->total = 38766462; /* 387664.62 元 */
	render(NULL, s->p, 1, &out);
	s->p[0]->n_ind = n;
	save(s, &out, "edges.xlsx", path, sizeof(path));
	xml = zip_entry(path, "xl/worksheets/sheet2.xml");
	assert_int_equal(count(xml, "<row "), 2);
	assert_non_null(strstr(xml, "<autoFilter ref=\"A1:L2\"/>"));
	free(xml);
	entry_holds(path, "xl/sharedStrings.xml", strings);
	jx_buf_release(&out);
}

/* Same data, same bytes: whatever the clock (a second later) or the time zone. The creation time is
 * fixed and every zip entry is dated 1980-01-01. */
static void test_byte_identical(void **state)
{
	static const char *const core[] = { "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z<", NULL };
	struct seed *s = *state;
	struct jx_buf a = JX_BUF_INIT, b = JX_BUF_INIT;
	struct jx_statement st;
	char *names[SEED_TABLES], path[256], cmd[512], *listing;

	seed_statement(s, &st, names);
	render(&st, s->p, SEED_TABLES, &a);
	sleep(1);
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	render(&st, s->p, SEED_TABLES, &b);
	unsetenv("TZ");
	tzset();
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	save(s, &a, "a.xlsx", path, sizeof(path));
	entry_holds(path, "docProps/core.xml", core);
	snprintf(cmd, sizeof(cmd), "unzip -Z '%s'", path);
	listing = command_output(cmd);
	assert_int_equal(count(listing, " 80-Jan-01 00:00 "), count(listing, "\n-rw"));
	assert_true(count(listing, "\n-rw") >= 2 + 2 + SEED_TABLES);
	jx_buf_release(&a);
	jx_buf_release(&b);
	free(listing);
}

static void test_department_table(void **state)
{
	static const char *const sheet[] = { "<mergeCell ref=\"A1:E1\"/>", "<mergeCell ref=\"B3:E3\"/>",
					     "<mergeCell ref=\"A4:A6\"/>", "<mergeCell ref=\"A7:A8\"/>", NULL };
	static const char *const strings[] = { ">部门整体支出绩效目标表<", ">部门名称<", ">部门预算（万元）<", ">部门整体<",
					       NULL };
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	char path[256], *xml;

	s->p[1]->kind = JX_KIND_DEPARTMENT;
	render(NULL, &s->p[1], 1, &out);
	save(s, &out, "department.xlsx", path, sizeof(path));
	entry_holds(path, "xl/worksheets/sheet3.xml", sheet);
	entry_holds(path, "xl/sharedStrings.xml", strings);
	xml = zip_entry(path, "xl/sharedStrings.xml");
	assert_null(strstr(xml, ">部门预算项目支出绩效目标表<"));
	assert_null(strstr(xml, ">项目资金（万元）<"));
	free(xml);
	jx_buf_release(&out);
}

/* A plain export: sheet 1 is 目录, a row per table linked to its sheet. */
static void test_contents_sheet(void **state)
{
	static const char *const sheet[] = { "<hyperlink ref=\"A2\" location=\"'表1 博湖县2021年疫情防控项目'!A1\"",
					     "<hyperlink ref=\"A6\" location=\"'表5 博湖县2021年自然灾害综合风险普查项目'!A1\"",
					     "<v>3033</v>", "<v>15</v>", NULL };
	static const char *const strings[] = { ">表1<", ">表5<", ">草稿<", ">指标数<", NULL };
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	char path[256], *names;

	render(NULL, s->p, SEED_TABLES, &out);
	save(s, &out, "plain.xlsx", path, sizeof(path));
	names = sheet_names(path);
	assert_true(strncmp(names, "目录\n指标清单\n表1 博湖县2021年疫情防控项目\n", strlen("目录\n指标清单\n表1 ")) == 0);
	assert_int_equal(count(names, "\n"), 2 + SEED_TABLES);
	entry_holds(path, "xl/worksheets/sheet1.xml", sheet);
	entry_holds(path, "xl/sharedStrings.xml", strings);
	free(names);
	jx_buf_release(&out);
}

static void test_empty_export(void **state)
{
	static const char *const sheet[] = { "<autoFilter ref=\"A1:L1\"/>", NULL };
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	char path[256], *names;

	render(NULL, s->p, 0, &out);
	save(s, &out, "empty.xlsx", path, sizeof(path));
	names = sheet_names(path);
	assert_string_equal(names, "目录\n指标清单\n");
	entry_holds(path, "xl/worksheets/sheet2.xml", sheet);
	free(names);
	jx_buf_release(&out);
}

/* Counts a sheet name's UTF-16 units; fails on a character Excel refuses in one. */
static size_t name_units(const char *name, size_t len)
{
	size_t i, units = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (memchr("[]:*?/\\'", c, 8))
			fail_msg("sheet name \"%.*s\" holds '%c'", (int)len, name, c);
		units += (c & 0xC0) != 0x80 ? 1 + (c >= 0xF0) : 0;
	}
	return units;
}

/* Fails unless the names, one per line, are unique. */
static void names_unique(const char *names)
{
	const char *line, *other;

	for (line = names; *line; line += strcspn(line, "\n") + 1)
		for (other = line + strcspn(line, "\n") + 1; *other; other += strcspn(other, "\n") + 1)
			if (strcspn(line, "\n") == strcspn(other, "\n") && memcmp(line, other, strcspn(line, "\n")) == 0)
				fail_msg("sheet name \"%.*s\" twice", (int)strcspn(line, "\n"), line);
}

/* Twelve tables whose names share their first 40 characters, some of which Excel refuses in a sheet
 * name. */
static void test_sheet_names_unique_and_valid(void **state)
{
	static const char prefix[] = "博湖县2021年[重点]项目:乡村'振兴*产业/发展?基础设施\\建设人居环境整治";
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	char path[256], *names, *line;
	struct jx_render rd;
	size_t i;

	jx_render_begin(&rd, &jx_render_xlsx, NULL, &out);
	for (i = 0; i < 12; i++) {
		char name[256];

		snprintf(name, sizeof(name), "%s项目%zu", prefix, i + 1);
		free(s->p[0]->name);
		s->p[0]->name = jx_strdup(name);
		assert_int_equal(jx_render_project(&rd, &out, s->p[0], &err), 0);
	}
	assert_int_equal(jx_render_end(&rd, &out, false, &err), 0);
	save(s, &out, "names.xlsx", path, sizeof(path));
	names = sheet_names(path);
	assert_int_equal(count(names, "\n"), 2 + 12);
	for (line = names; *line; line += strcspn(line, "\n") + 1)
		assert_true(name_units(line, strcspn(line, "\n")) <= 31);
	names_unique(names);
	assert_non_null(strstr(names, "\n表1 博湖县2021年_重点_项目_乡村_振兴_产业_发展_基\n"));
	assert_non_null(strstr(names, "\n表12 博湖县2021年_重点_项目_乡村_振兴_产业_发展_\n"));
	free(names);
	jx_buf_release(&out);
}

/* Renders p with TMPDIR set to dir, then ends the rendering (abandoning it if failed). Returns what
 * end returned; *project_rc receives what rendering p did. */
static int render_in(const char *dir, struct jx_project *p, bool failed, struct jx_buf *out, struct jx_err *err,
		     int *project_rc)
{
	char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	struct jx_render rd;
	int rc;

	setenv("TMPDIR", dir, 1);
	jx_render_begin(&rd, &jx_render_xlsx, NULL, out);
	*project_rc = jx_render_project(&rd, out, p, err);
	rc = jx_render_end(&rd, out, failed, err);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
	return rc;
}

static bool dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	bool empty = true;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		empty &= strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

/* Abandoned, the workbook writes nothing; either way no temporary file is left behind. */
static void test_temporary_files_removed(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	int project_rc;

	assert_int_equal(render_in(s->dir, s->p[0], true, &out, &err, &project_rc), 0);
	assert_int_equal(project_rc, 0);
	assert_int_equal(out.len, 0);
	assert_true(dir_empty(s->dir));
	assert_int_equal(render_in(s->dir, s->p[0], false, &out, &err, &project_rc), 0);
	assert_memory_equal(out.ptr, "PK", 2);
	assert_true(dir_empty(s->dir));
	jx_buf_release(&out);
}

static void test_errors(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	char missing[128];
	int project_rc;

	snprintf(missing, sizeof(missing), "%s/no-such-dir", s->dir);
	assert_int_equal(render_in(missing, s->p[0], false, &out, &err, &project_rc), -1);
	assert_int_equal(project_rc, -1);
	assert_int_equal(err.code, JX_EIO);
	assert_non_null(strstr(err.msg, "无法在 "));
	assert_non_null(strstr(err.msg, "no-such-dir 中创建 XLSX 临时文件"));
	assert_int_equal(out.len, 0);
	jx_buf_release(&out);
}

/* A failure names its cause first, then the table by its number and the start of its name: a name of
 * 3,000 characters would otherwise fill the 1,024 bytes of the message and cut the cause off. The
 * failure: the same table twice as the first (its sheet name taken). */
static void test_error_names_cause_first(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT, name = JX_BUF_INIT, want = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_render rd;

	repeat(&name, "项", 3000);
	free(s->p[0]->name);
	s->p[0]->name = jx_buf_detach(&name, NULL);
	jx_render_begin(&rd, &jx_render_xlsx, NULL, &out);
	assert_int_equal(jx_render_project(&rd, &out, s->p[0], &err), 0);
	rd.count = 0;
	assert_int_equal(jx_render_project(&rd, &out, s->p[0], &err), -1);
	assert_int_equal(err.code, JX_EIO);
	jx_buf_adds(&want, "生成 XLSX 失败：工作表名称重复（表1“", NULL);
	repeat(&want, "项", 20);
	jx_buf_adds(&want, "…”）", NULL);
	assert_string_equal(err.msg, want.ptr);
	assert_int_equal(jx_render_end(&rd, &out, true, &err), 0);
	jx_buf_release(&want);
	jx_buf_release(&out);
}

static void test_statement_after_tables_refused(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_statement st;
	char *names[SEED_TABLES];
	struct jx_render rd;

	seed_statement(s, &st, names);
	jx_render_begin(&rd, &jx_render_xlsx, NULL, &out);
	assert_int_equal(jx_render_project(&rd, &out, s->p[0], &err), 0);
	assert_int_equal(jx_render_statement(&rd, &out, &st, &err), -1);
	assert_int_equal(err.code, JX_EUSAGE);
	assert_int_equal(jx_render_end(&rd, &out, true, &err), 0);
	jx_buf_release(&out);
}

/* The CSV that LibreOffice made of sheet name of s->dir/seed.xlsx, malloc'd. */
static char *sheet_csv(const struct seed *s, const char *name, size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/csv/seed-%.*s.csv", s->dir, (int)len, name);
	return read_file(path, NULL);
}

/* LibreOffice opens the workbook and reads its Chinese; its table sheets, saved as tab-separated
 * text, read back (as the document form) to the same five tables. */
static void test_libreoffice_reads_tables_back(void **state)
{
	struct seed *s = *state;
	struct jx_project *back[SEED_TABLES];
	struct jx_buf tables = JX_BUF_INIT;
	struct jx_err err = { 0 };
	char path[256], cmd[1024], *names, *line, *csv;
	size_t i;

	render_seed(s, path, sizeof(path));
	snprintf(cmd, sizeof(cmd),
		 "soffice -env:UserInstallation=file://%s/profile --headless --convert-to "
		 "'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1' --outdir '%s/csv' '%s' "
		 ">/dev/null 2>&1",
		 s->dir, s->dir, path);
	assert_int_equal(system(cmd), 0);
	names = sheet_names(path);
	csv = sheet_csv(s, "公开说明", strlen("公开说明"));
	assert_non_null(strstr(csv, "2021年预算绩效目标公开说明"));
	free(csv);
	line = names + strcspn(names, "\n") + 1;
	for (line += strcspn(line, "\n") + 1, i = 0; *line; line += strcspn(line, "\n") + 1, i++) {
		csv = sheet_csv(s, line, strcspn(line, "\n"));
		jx_buf_adds(&tables, csv, NULL);
		free(csv);
	}
	assert_int_equal(i, SEED_TABLES);
	assert_int_equal(read_projects(tables.ptr, tables.len, back, SEED_TABLES, &err), SEED_TABLES);
	for (i = 0; i < SEED_TABLES; i++)
		assert_true(jx_project_same_table(back[i], s->p[i]));
	free_projects(back, SEED_TABLES);
	free(names);
	jx_buf_release(&tables);
}

/* The field at row, col (from 0) of tab-separated text as LibreOffice writes it (a field holding a
 * tab, a quote or a line break is quoted, its quotes doubled), malloc'd; NULL if there is none. */
static char *tsv_field(const char *tsv, size_t row, size_t col)
{
	size_t r = 0, c = 0;

	while (*tsv) {
		struct jx_buf f = JX_BUF_INIT;

		if (*tsv == '"') {
			for (tsv++; *tsv && !(tsv[0] == '"' && tsv[1] != '"'); tsv++) {
				if (*tsv == '"')
					tsv++;
				jx_buf_addc(&f, *tsv, NULL);
			}
			if (*tsv)
				tsv++;
		} else {
			size_t n = strcspn(tsv, "\t\n");

			jx_buf_add(&f, tsv, n, NULL);
			tsv += n;
		}
		if (r == row && c == col)
			return jx_buf_detach(&f, NULL);
		jx_buf_release(&f);
		if (*tsv == '\t') {
			c++;
		} else if (*tsv == '\n') {
			r++;
			c = 0;
		}
		if (*tsv)
			tsv++;
	}
	return NULL;
}

/* Fails unless the field at row, col of the sheet LibreOffice wrote to file is want. */
static void field_is(const struct seed *s, const char *file, size_t row, size_t col, const char *want)
{
	char path[512], *tsv, *field;

	snprintf(path, sizeof(path), "%s/lo/%s", s->dir, file);
	tsv = read_file(path, NULL);
	field = tsv_field(tsv, row, col);
	if (!field || strcmp(field, want) != 0)
		fail_msg("%s (%zu, %zu): \"%.60s\", not \"%.60s\"", file, row, col, field ? field : "(none)", want);
	free(field);
	free(tsv);
}

/* LibreOffice shows the text as it is: a sheet name, a name and a unit that look like Excel's escapes
 * (LibreOffice decodes them all in sheet names and links, and _x005F_ and control characters in
 * cells), and a goal of 80,000 characters whose cells, joined, are the goal. (LibreOffice breaks a
 * line of more than 16,367 characters in a cell of several lines, which is why the goal's long
 * paragraph comes first: it fills a cell of one line.) */
static void test_libreoffice_shows_text_as_written(void **state)
{
	struct seed *s = *state;
	struct jx_project *p[2] = { s->p[0], s->p[1] };
	struct jx_buf goal = JX_BUF_INIT, out = JX_BUF_INIT, joined = JX_BUF_INIT;
	char path[256], cmd[1024], tsvpath[512], *tsv, *field;
	size_t i, row;

	free(p[0]->name);
	p[0]->name = jx_strdup("_x0041_项目");
	free(p[0]->unit);
	p[0]->unit = jx_strdup("_x005F_x0041_单位");
	free(p[1]->name);
	p[1]->name = jx_strdup("[x0042_项目");
	/* a paragraph longer than a cell, full of escapes and characters of two units, then 200 more */
	repeat(&goal, "提高_x000D_😀年度_x005F_", 1500);
	for (i = 0; i < 200; i++) {
		jx_buf_addf(&goal, NULL, "\n%zu. _x0041_ ", i + 1);
		repeat(&goal, "年度目标", 60);
	}
	free(p[0]->goal);
	p[0]->goal = jx_strdup(goal.ptr);
	render(NULL, p, 2, &out);
	save(s, &out, "lo.xlsx", path, sizeof(path));
	snprintf(cmd, sizeof(cmd),
		 "soffice -env:UserInstallation=file://%s/profile --headless --convert-to "
		 "'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1' --outdir '%s/lo' '%s' "
		 ">/dev/null 2>&1",
		 s->dir, s->dir, path);
	assert_int_equal(system(cmd), 0);

	field_is(s, "lo-表1 _x0041_项目.csv", 2, 1, "_x0041_项目");
	field_is(s, "lo-表1 _x0041_项目.csv", 3, 1, "_x005F_x0041_单位");
	field_is(s, "lo-表2 _x0042_项目.csv", 2, 1, "[x0042_项目");
	field_is(s, "lo-目录.csv", 1, 1, "_x0041_项目");
	field_is(s, "lo-目录.csv", 1, 2, "_x005F_x0041_单位");
	field_is(s, "lo-指标清单.csv", 1, 1, "_x0041_项目");
	field_is(s, "lo-指标清单.csv", 1, 2, "_x005F_x0041_单位");

	snprintf(tsvpath, sizeof(tsvpath), "%s/lo/lo-表1 _x0041_项目.csv", s->dir);
	tsv = read_file(tsvpath, NULL);
	for (row = 8; (field = tsv_field(tsv, row, 1)) != NULL && strcmp(field, "一级指标") != 0; row++) {
		jx_buf_adds(&joined, field, NULL);
		free(field);
	}
	assert_non_null(field);
	free(field);
	assert_true(row - 8 >= 3);
	assert_string_equal(joined.ptr, goal.ptr);
	free(tsv);
	jx_buf_release(&joined);
	jx_buf_release(&goal);
	jx_buf_release(&out);
}

/* ---- self-evaluations ---- */

/* Renders the scores of s as a workbook into out (scored.h), then their summary if summary is set. */
static void render_scores(struct scores *s, bool summary, struct jx_buf *out)
{
	scores_render(s, &jx_render_xlsx, summary, out);
	assert_memory_equal(out->ptr, "PK\3\4", 4);
}

/* The epidemic and census projects scored, with their summary, saved as s->dir/name. */
static void render_two(struct seed *s, const char *name, char *path, size_t size)
{
	struct scores sc = { 0 };
	struct jx_buf out = JX_BUF_INIT;

	score(&sc, s->p[0], epidemic, n_epidemic);
	score(&sc, s->p[4], census, n_census);
	render_scores(&sc, true, &out);
	save(s, &out, name, path, size);
	jx_buf_release(&out);
	scores_free(&sc);
}

/* The value written in cell ref of the worksheet entry (a number's digits, a shared string's index),
 * malloc'd; NULL if the cell has none. */
static char *value_at(const char *path, const char *entry, const char *ref)
{
	char *xml = zip_entry(path, entry), needle[64], *at, *end, *v = NULL;

	snprintf(needle, sizeof(needle), "<c r=\"%s\"", ref);
	at = strstr(xml, needle);
	end = at ? strstr(at, "</c>") : NULL;
	if (at && end && strchr(at, '>')[-1] != '/') {
		*end = '\0';
		at = strstr(at, "<v>");
		v = at ? jx_strdup(at + 3) : NULL;
		if (v)
			*strstr(v, "</v>") = '\0';
	}
	free(xml);
	return v;
}

/* Fails unless the cells of entry named in cells (ref, value pairs, NULL-terminated) hold those values:
 * "#n" a number that shows as n to Excel's 15 digits (libxlsxwriter writes 17: 9.529999999999999 is
 * the double nearest 9.53), anything else a string. */
static void cells_are(const char *path, const char *entry, const char *const *cells)
{
	size_t n, i;
	char **strings = shared_strings(path, &n);

	for (i = 0; cells[i]; i += 2) {
		const char *ref = cells[i], *want = cells[i + 1];

		if (want[0] == '#') {
			char *xml = zip_entry(path, entry), needle[64], *at, *v;

			snprintf(needle, sizeof(needle), "<c r=\"%s\"", ref);
			at = strstr(xml, needle);
			if (!at || strstr(at, "</c>") == NULL)
				fail_msg("%s: no cell %s", entry, ref);
			*strstr(at, "</c>") = '\0';
			if (strstr(at, " t=\"s\""))
				fail_msg("%s: %s is text, not the number %s", entry, ref, want + 1);
			free(xml);
			v = value_at(path, entry, ref);
			if (v)
				snprintf(needle, sizeof(needle), "%.15g", strtod(v, NULL));
			if (!v || strcmp(needle, want + 1) != 0)
				fail_msg("%s: %s is %s, not %s", entry, ref, v ? v : "(none)", want + 1);
			free(v);
		} else {
			const char *got = cell_at(path, entry, strings, n, ref);

			if (!got || strcmp(got, want) != 0)
				fail_msg("%s: %s is \"%s\", not \"%s\"", entry, ref, got ? got : "(none)", want);
		}
	}
	free_strings(strings, n);
}

/* Fails unless entry holds exactly the merged ranges of the NULL-terminated list. */
static void merges_are(const char *path, const char *entry, const char *const *refs)
{
	char *xml = zip_entry(path, entry), want[64];
	size_t i;

	for (i = 0; refs[i]; i++) {
		snprintf(want, sizeof(want), "<mergeCell ref=\"%s\"/>", refs[i]);
		if (!strstr(xml, want))
			fail_msg("%s: no merge %s", entry, refs[i]);
	}
	assert_int_equal(count(xml, "<mergeCell "), i);
	free(xml);
}

/* Scores only, no statement and no target table: 自评汇总 first, the flat sheet, then a sheet per
 * project, each printed with its indicator header row on every page. */
static void test_score_sheets(void **state)
{
	static const char *const titles[] = { "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"2\">"
					      "'自评1 博湖县2021年疫情防控项目'!$7:$7</definedName>",
					      "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"1\" hidden=\"1\">"
					      "'自评指标清单'!$A$1:$M$32</definedName>",
					      NULL };
	struct seed *s = *state;
	char path[256], *names;

	render_two(s, "scores.xlsx", path, sizeof(path));
	names = sheet_names(path);
	assert_string_equal(names, "自评汇总\n自评指标清单\n自评1 博湖县2021年疫情防控项目\n"
				   "自评2 博湖县2021年自然灾害综合风险普查项目\n");
	free(names);
	entry_holds(path, "xl/workbook.xml", titles);
}

/* The epidemic project's 项目支出绩效自评表: rows 1 title, 2 year, 3 name, 4 unit, 5–6 budget execution
 * (labels over figures), 7 the indicator header, 8–22 the 15 indicators (产出指标 8–17 with 数量指标
 * 8–10 and 质量指标 11–15, 效益指标 18–21 with 社会效益指标 19–20, 满意度指标 22), 23 the groups, 24 the
 * total, 26 the note of the reason missing. Figures are numbers. */
static void test_score_sheet_layout(void **state)
{
	static const char *const merges[] = { "A1:H1", "A2:H2", "A3:B3", "C3:H3", "A4:B4", "C4:H4", "A5:B6",
					      "A8:A17", "B8:B10", "B11:B15", "A18:A21", "B19:B20", "A23:B23",
					      "C23:H23", "A24:E24", "A26:H26", NULL };
	static const char *const cells[] = {
		"A1", "项目支出绩效自评表", "A2", "(2021年度)", "A3", "项目名称", "C3", "博湖县2021年疫情防控项目",
		"A4", "预算单位", "C4", "博湖县卫生健康委员会", "A5", "预算执行", "C5", "年度资金总额（万元）",
		"D5", "全年执行数（万元）", "E5", "执行率（%）", "F5", "分值", "G5", "得分", "H5", "执行数截至",
		"C6", "#3033", "D6", "#2890.5", "E6", "#95.3", "F6", "#10", "G6", "#9.53", "H6", "2021-12-31",
		"A7", "一级指标", "B7", "二级指标", "C7", "三级指标", "D7", "年度指标值", "E7", "实际完成值",
		"F7", "分值", "G7", "得分", "H7", "偏差原因分析及改进措施",
		"A8", "产出指标", "B8", "数量指标", "C8", "日消杀次数（次）", "D8", "≥2", "E8", "2", "F8", "#5", "G8", "#5",
		"C9", "年核酸检测人次数（人次）", "D9", "≥700000", "E9", "652000", "G9", "#4.66",
		"H9", "本地疫情平稳，检测需求低于预期",
		"B11", "质量指标", "B16", "时效指标", "B17", "成本指标", "E17", "0.8", "G17", "#4",
		"A18", "效益指标", "B18", "经济效益指标", "E18", "98", "F18", "#7.5", "G18", "#7.35",
		"C20", "健全统一的应急物资保障体系", "D20", "逐步健全", "E20", "部分达成 75%", "G20", "#5.63",
		"H20", "（应说明）", "A22", "满意度指标", "C22", "人民群众满意度（%）", "E22", "96.5", "F22", "#10",
		"G22", "#10", "A23", "分项得分/分值", "C23", "预算执行 9.53/10；产出 48.66/50；效益 27.98/30；满意度 10.00/10",
		"A24", "总分", "F24", "#100", "G24", "#96.16", "H24", "评级：优",
		"A26", "注：1 条指标得分不足分值的 80% 或超出目标 30% 以上，应说明偏差原因。", NULL };
	static const char *const sheet[] = { "<dimension ref=\"A1:H26\"/>", "<col min=\"3\" max=\"3\" width=\"32",
					     "<col min=\"8\" max=\"8\" width=\"32", "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>",
					     NULL };
	static const char *const styles[] = { "formatCode=\"0.00\"", "<color rgb=\"FFFF0000\"/>", NULL };
	struct seed *s = *state;
	char path[256];

	render_two(s, "layout.xlsx", path, sizeof(path));
	merges_are(path, "xl/worksheets/sheet3.xml", merges);
	cells_are(path, "xl/worksheets/sheet3.xml", cells);
	entry_holds(path, "xl/worksheets/sheet3.xml", sheet);
	entry_holds(path, "xl/styles.xml", styles);
}

/* The flat sheet: for each project a row of budget execution, then a row per indicator, with the
 * points and scores as numbers. */
static void test_score_flat_sheet(void **state)
{
	static const char *const cells[] = {
		"A1", "年度", "B1", "项目名称", "C1", "预算单位", "D1", "一级指标", "E1", "二级指标", "F1", "三级指标",
		"G1", "计量单位", "H1", "年度指标值", "I1", "实际完成值", "J1", "截至日期", "K1", "分值", "L1", "得分",
		"M1", "偏差原因分析及改进措施",
		"A2", "#2021", "B2", "博湖县2021年疫情防控项目", "C2", "博湖县卫生健康委员会", "D2", "预算执行",
		"F2", "全年执行数", "G2", "万元", "H2", "3033.00", "I2", "2890.50", "J2", "2021-12-31", "K2", "#10",
		"L2", "#9.53",
		"A4", "#2021", "D4", "产出指标", "E4", "数量指标", "F4", "年核酸检测人次数", "G4", "人次", "H4", "≥700000",
		"I4", "652000", "J4", "2021-12-31", "K4", "#5", "L4", "#4.66", "M4", "本地疫情平稳，检测需求低于预期",
		"F13", "疫情防控物资、消杀用品、核酸检测试剂利用率", "K13", "#7.5", "L13", "#7.35",
		"I15", "部分达成 75%", "L15", "#5.63", "M15", "（应说明）",
		"B18", "博湖县2021年自然灾害综合风险普查项目", "D18", "预算执行", "I18", "40", "K18", "#10", "L18", "#6.67",
		"F19", "培训次数", "I19", "6", "L19", "#3", "M19", "（应说明）",
		"F32", "普查受益人群满意度", "H32", "≥90.0%", "K32", "#10", "L32", "#0", NULL };
	static const char *const sheet[] = { "<pane ySplit=\"1\" topLeftCell=\"A2\"", "<autoFilter ref=\"A1:M32\"/>", NULL };
	struct seed *s = *state;
	char path[256], *xml;

	render_two(s, "flat.xlsx", path, sizeof(path));
	xml = zip_entry(path, "xl/worksheets/sheet2.xml");
	assert_int_equal(count(xml, "<row "), 1 + (1 + 15) + (1 + 14));
	assert_null(strstr(xml, "<c r=\"I32\"")); /* no actual */
	free(xml);
	cells_are(path, "xl/worksheets/sheet2.xml", cells);
	entry_holds(path, "xl/worksheets/sheet2.xml", sheet);
}

/* 自评汇总: a row per project linked to its sheet, then by unit (one project each) and by year (both:
 * average (96.16 + 19.67) / 2 = 57.915 → 57.92; one 优 of 3033.00, one 差 of 59.95). */
static void test_score_summary_sheet(void **state)
{
	static const char *const merges[] = { "A1:G1", "A9:A10", "B9:C10", "D9:D10", "E9:E10", "F9:F10", "G9:J9",
					      "K9:N9", "B11:C11", "B12:C12", "A15:C16", "D15:D16", "E15:E16", "F15:F16",
					      "G15:J15", "K15:N15", "A17:C17", NULL };
	static const char *const cells[] = {
		"A1", "绩效自评汇总", "A3", "各项目自评结果", "A4", "年度", "D4", "年度资金总额\n（万元）", "E4", "总分",
		"F4", "评级", "G4", "工作表",
		"A5", "#2021", "B5", "博湖县卫生健康委员会", "C5", "博湖县2021年疫情防控项目", "D5", "#3033", "E5", "#96.16",
		"F5", "优", "G5", "自评1",
		"A6", "#2021", "B6", "博湖县应急管理局", "D6", "#59.95", "E6", "#19.67", "F6", "差", "G6", "自评2",
		"A8", "按预算单位汇总", "A9", "年度", "B9", "预算单位", "D9", "项目数", "E9", "平均分", "F9", "未评价",
		"G9", "各等级项目数（个）", "K9", "各等级资金（万元）", "G10", "优", "J10", "差", "K10", "优", "N10", "差",
		"A11", "#2021", "B11", "博湖县卫生健康委员会", "D11", "#1", "E11", "#96.16", "F11", "#0", "G11", "#1",
		"J11", "#0", "K11", "#3033", "N11", "#0",
		"A12", "#2021", "B12", "博湖县应急管理局", "D12", "#1", "E12", "#19.67", "F12", "#0", "G12", "#0",
		"J12", "#1", "K12", "#0", "N12", "#59.95",
		"A14", "按年度汇总", "A15", "年度", "D15", "项目数", "F15", "未评价",
		"A17", "#2021", "D17", "#2", "E17", "#57.92", "F17", "#0", "G17", "#1", "H17", "#0", "I17", "#0",
		"J17", "#1", "K17", "#3033", "L17", "#0", "M17", "#0", "N17", "#59.95", NULL };
	static const char *const links[] = { "<hyperlink ref=\"G5\" location=\"'自评1 博湖县2021年疫情防控项目'!A1\"",
					     "<hyperlink ref=\"G6\" location=\"'自评2 博湖县2021年自然灾害综合风险普查项目'!A1\"",
					     "<col min=\"11\" max=\"11\" width=\"14", "<dimension ref=\"A1:N17\"/>", NULL };
	struct seed *s = *state;
	char path[256];

	render_two(s, "summary.xlsx", path, sizeof(path));
	merges_are(path, "xl/worksheets/sheet1.xml", merges);
	cells_are(path, "xl/worksheets/sheet1.xml", cells);
	entry_holds(path, "xl/worksheets/sheet1.xml", links);
}

/* One project with nothing recorded, and no summary: the sheets are still there, 自评汇总 lists it as
 * 未评价 (— for every score, no deviation reason asked); an indicator without a target shows — for its
 * points and score, text in the number columns. */
static void test_single_score_no_summary(void **state)
{
	static const char *const table[] = {
		"C6", "#32.09", "D6", "（未填报）", "E6", "—", "F6", "#10", "G6", "—", "H6", "—",
		"C17", "建档立卡学生入学率（%）", "D17", "（无）", "E17", "—", "F17", "—", "G17", "—",
		"C18", "全面培养社会主义建设者和接班人", "E18", "—", "F18", "#10", "G18", "—",
		"G24", "—", "H24", "评级：未评价", NULL };
	static const char *const flat[] = { "F12", "建档立卡学生入学率", "K12", "—", "L12", "—", "K3", "#5.56", "L3", "—",
					    NULL };
	static const char *const summary[] = { "C5", "博湖县2021年建档立卡困难家庭教育项目", "E5", "—", "F5", "未评价", NULL };
	struct seed *s = *state;
	struct scores sc = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	char path[256], *names, *xml;

	score(&sc, s->p[1], NULL, 0);
	render_scores(&sc, false, &out);
	save(s, &out, "single.xlsx", path, sizeof(path));
	names = sheet_names(path);
	assert_string_equal(names, "自评汇总\n自评指标清单\n自评1 博湖县2021年建档立卡困难家庭教育项目\n");
	free(names);
	cells_are(path, "xl/worksheets/sheet3.xml", table);
	cells_are(path, "xl/worksheets/sheet1.xml", summary);
	xml = zip_entry(path, "xl/sharedStrings.xml");
	assert_null(strstr(xml, "按预算单位汇总"));
	free(xml);
	xml = zip_entry(path, "xl/worksheets/sheet2.xml");
	assert_int_equal(count(xml, "<row "), 1 + 1 + 15);
	free(xml);
	assert_null(value_at(path, "xl/worksheets/sheet2.xml", "H12")); /* no target */
	cells_are(path, "xl/worksheets/sheet2.xml", flat);
	jx_buf_release(&out);
	scores_free(&sc);
}

static void test_score_byte_identical(void **state)
{
	struct seed *s = *state;
	struct scores sc = { 0 };
	struct jx_buf a = JX_BUF_INIT, b = JX_BUF_INIT;

	score(&sc, s->p[0], epidemic, n_epidemic);
	score(&sc, s->p[4], census, n_census);
	render_scores(&sc, true, &a);
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	render_scores(&sc, true, &b);
	unsetenv("TZ");
	tzset();
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	jx_buf_release(&a);
	jx_buf_release(&b);
	scores_free(&sc);
}

/* A statement comes before everything; nothing comes after the summary. */
static void test_score_order_refused(void **state)
{
	struct seed *s = *state;
	struct scores sc = { 0 };
	struct jx_score_summary sum = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_statement st;
	char *names[SEED_TABLES];
	struct jx_render rd;

	score(&sc, s->p[0], epidemic, n_epidemic);
	seed_statement(s, &st, names);
	jx_render_begin(&rd, &jx_render_xlsx, NULL, &out);
	assert_int_equal(jx_render_score(&rd, &out, &sc.sc[0], &err), 0);
	assert_int_equal(jx_render_statement(&rd, &out, &st, &err), -1);
	assert_int_equal(err.code, JX_EUSAGE);
	jx_score_summary_add(&sum, jx_eval_for_year(sc.ev, 2021), &sc.sc[0]);
	jx_score_summary_finish(&sum);
	assert_int_equal(jx_render_summary(&rd, &out, &sum, &err), 0);
	assert_int_equal(jx_render_score(&rd, &out, &sc.sc[0], &err), -1);
	assert_int_equal(err.code, JX_EUSAGE);
	assert_int_equal(jx_render_end(&rd, &out, true, &err), 0);
	assert_int_equal(out.len, 0);
	jx_score_summary_free(&sum);
	jx_buf_release(&out);
	scores_free(&sc);
}

/* LibreOffice opens the workbook and shows the figures with two places: each sheet saved as
 * tab-separated text, as shown (the ninth option). */
static void test_libreoffice_reads_scores(void **state)
{
	struct seed *s = *state;
	char path[256], cmd[1024], file[512], *tsv;
	size_t rows;

	render_two(s, "lo.xlsx", path, sizeof(path));
	snprintf(cmd, sizeof(cmd),
		 "soffice -env:UserInstallation=file://%s/profile --headless --convert-to "
		 "'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,true,false,false,-1' --outdir '%s/lo' '%s' "
		 ">/dev/null 2>&1",
		 s->dir, s->dir, path);
	assert_int_equal(system(cmd), 0);
	field_is(s, "lo-自评汇总.csv", 4, 2, "博湖县2021年疫情防控项目");
	field_is(s, "lo-自评汇总.csv", 4, 3, "3033.00");
	field_is(s, "lo-自评汇总.csv", 4, 4, "96.16");
	field_is(s, "lo-自评汇总.csv", 4, 6, "自评1");
	field_is(s, "lo-自评汇总.csv", 10, 1, "博湖县卫生健康委员会");
	field_is(s, "lo-自评汇总.csv", 11, 5, "0");
	field_is(s, "lo-自评汇总.csv", 11, 13, "59.95");
	field_is(s, "lo-自评汇总.csv", 16, 0, "2021");
	field_is(s, "lo-自评汇总.csv", 16, 4, "57.92");
	field_is(s, "lo-自评汇总.csv", 16, 10, "3033.00");
	field_is(s, "lo-自评1 博湖县2021年疫情防控项目.csv", 5, 3, "2890.50");
	field_is(s, "lo-自评1 博湖县2021年疫情防控项目.csv", 5, 4, "95.30");
	field_is(s, "lo-自评1 博湖县2021年疫情防控项目.csv", 7, 0, "产出指标");
	field_is(s, "lo-自评1 博湖县2021年疫情防控项目.csv", 8, 6, "4.66");
	field_is(s, "lo-自评1 博湖县2021年疫情防控项目.csv", 23, 5, "100.00");
	field_is(s, "lo-自评1 博湖县2021年疫情防控项目.csv", 23, 6, "96.16");
	field_is(s, "lo-自评1 博湖县2021年疫情防控项目.csv", 23, 7, "评级：优");
	field_is(s, "lo-自评2 博湖县2021年自然灾害综合风险普查项目.csv", 22, 6, "19.67");
	field_is(s, "lo-自评指标清单.csv", 1, 10, "10.00");
	field_is(s, "lo-自评指标清单.csv", 1, 11, "9.53");
	field_is(s, "lo-自评指标清单.csv", 31, 5, "普查受益人群满意度");
	snprintf(file, sizeof(file), "%s/lo/lo-自评指标清单.csv", s->dir);
	tsv = read_file(file, NULL);
	rows = count(tsv, "\n");
	assert_int_equal(rows, 32);
	free(tsv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sheets_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statement_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flat_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flat_sheet_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_identical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_department_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contents_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sheet_names_unique_and_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temporary_files_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_names_cause_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_goal_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_goal_pieces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_texts_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(test_excel_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statement_after_tables_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_libreoffice_reads_tables_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_libreoffice_shows_text_as_written, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_sheets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_sheet_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_flat_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_summary_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_score_no_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_byte_identical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_order_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_libreoffice_reads_scores, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
