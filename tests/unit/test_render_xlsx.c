/*
 * test_render_xlsx.c — the workbook: its sheets in order, the official layout's merged cells, the flat
 * sheet, byte-identical renders, valid and unique sheet names, temporary files cleaned up and errors
 * reported; and LibreOffice opening it and reading the table sheets back as the same tables.
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
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"

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
	st->money = 551761;
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

/* A table without indicators still has its row; an amount too large for a double to show exactly is
 * text. */
static void test_flat_sheet_edges(void **state)
{
	static const char *const strings[] = { ">10000000000000.00<", NULL };
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	size_t n = s->p[0]->n_ind;
	char path[256], *xml;

	s->p[0]->n_ind = 0;
	s->p[0]->total = 1000000000000000LL;
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

	free(s->p[0]->goal);
	s->p[0]->goal = calloc(40001, 1);
	memset(s->p[0]->goal, 'a', 40000);
	err = (struct jx_err){ 0 };
	assert_int_equal(render_in(s->dir, s->p[0], true, &out, &err, &project_rc), 0);
	assert_int_equal(project_rc, -1);
	assert_int_equal(err.code, JX_EIO);
	assert_non_null(strstr(err.msg, "32767"));
	assert_int_equal(out.len, 0);
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
		cmocka_unit_test_setup_teardown(test_statement_after_tables_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_libreoffice_reads_tables_back, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
