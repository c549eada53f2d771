/*
 * test_xlsx_import.c — the XLSX reader and number formats: workbooks built here from their XML parts
 * (zipped in memory with libzip), so that each case shows the cells it is about. The workbooks made by
 * LibreOffice are read in tests/cli/t0012-xlsx.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "jixiao/buf.h"
#include "jixiao/input.h"
#include "jixiao/numfmt.h"
#include "jixiao/reader.h"
#include "jixiao/render.h"

#define MAXP 8
#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* ---- number formats ---- */

static void assert_shown(const char *code, const char *v, const char *want)
{
	struct jx_buf out = JX_BUF_INIT;
	struct jx_numfmt f;

	jx_numfmt_parse(&f, code);
	assert_int_equal(jx_numfmt_apply(&f, v, strlen(v), false, &out), 0);
	if (strcmp(out.ptr, want) != 0)
		fail_msg("%s in format %s: got \"%s\", want \"%s\"", v, code, out.ptr, want);
	jx_buf_release(&out);
}

static void test_numfmt_numbers(void **state)
{
	(void)state;
	assert_shown("General", "3033", "3033");
	assert_shown("General", "32.09", "32.09");
	assert_shown("General", "0.30000000000000004", "0.3");      /* Excel's 15 significant digits */
	assert_shown("General", "123456789012345678", "123456789012346000");
	assert_shown("General", "1E+300", "1E+300");
	assert_shown("General", "-1.5E-3", "-0.0015");
	assert_shown("0.00", "3033", "3033.00");
	assert_shown("#,##0.00_ ", "1234.5", "1234.50");             /* no separators, padding skipped */
	assert_shown("0.00", "3033.001", "3033.001");                /* never rounded to fewer places */
	assert_shown("0", "0", "0");
	assert_shown("#,##0,", "1234567", "1234.567");              /* a trailing comma scales by 1000 */
	assert_shown("0\"人\"", "95", "95人");
	assert_shown("\"≥\"0.0%", "0.95", "≥95.0%");
	assert_shown("0.00;(0.00)", "-5", "(5.00)");
	assert_shown("0.00;[Red]\\-0.00", "-5", "-5.00");
	assert_shown("0.00", "-5", "-5.00");
	assert_shown("0.00E+00", "12345", "12345");                  /* scientific reads as General */
	assert_shown("@", "7", "7");
	assert_shown("0.0000000000000000000000000000000000000000", "1", "1.000000000000000000000000000000"); /* 30 places at most */
}

static void test_numfmt_percent(void **state)
{
	(void)state;
	assert_shown("0%", "0.95", "95%");
	assert_shown("0.0%", "1", "100.0%");
	assert_shown("0.0%", "0.01", "1.0%");
	assert_shown("0%", "0.955", "95.5%"); /* exact, not Excel's 96% */
	assert_shown("0.00%", "0.98", "98.00%");
}

static void test_numfmt_dates(void **state)
{
	struct jx_buf out = JX_BUF_INIT;
	struct jx_numfmt f;

	(void)state;
	assert_shown("yyyy\\-mm\\-dd", "44561", "2021-12-31");
	assert_shown("yyyy\"年\"m\"月\"d\"日\"", "44197", "2021-01-01");
	assert_shown("yyyy-mm-dd hh:mm:ss", "44561.5", "2021-12-31 12:00:00");
	assert_shown("h:mm", "0.75", "18:00:00");
	assert_shown("[h]:mm:ss", "0.5", "12:00:00");
	assert_shown("m/d/yy", "60", "1900-02-29"); /* the day Excel invented */
	assert_shown("m/d/yy", "59", "1900-02-28");
	assert_shown("m/d/yy", "61", "1900-03-01");
	assert_shown("m/d/yy", "1", "1900-01-01");
	assert_shown("m/d/yy", "-1", "-1");         /* no date: the number */
	jx_numfmt_parse(&f, "yyyy-mm-dd");
	assert_int_equal(jx_numfmt_apply(&f, "0", 1, true, &out), 0);
	assert_string_equal(out.ptr, "1904-01-01");
	jx_buf_release(&out);
}

static void test_numfmt_builtin_and_bad(void **state)
{
	struct jx_buf out = JX_BUF_INIT;
	struct jx_numfmt f;

	(void)state;
	jx_numfmt_builtin(&f, 9);
	assert_int_equal(jx_numfmt_apply(&f, "0.95", 4, false, &out), 0);
	jx_numfmt_builtin(&f, 14);
	jx_buf_addc(&out, ' ', NULL);
	assert_int_equal(jx_numfmt_apply(&f, "44561", 5, false, &out), 0);
	jx_numfmt_builtin(&f, 10);
	jx_buf_addc(&out, ' ', NULL);
	assert_int_equal(jx_numfmt_apply(&f, "0.5", 3, false, &out), 0);
	assert_string_equal(out.ptr, "95% 2021-12-31 50.00%");
	jx_numfmt_builtin(&f, 0);
	assert_int_equal(jx_numfmt_apply(&f, "1.2.3", 5, false, &out), -1);
	assert_int_equal(jx_numfmt_apply(&f, "abc", 3, false, &out), -1);
	assert_int_equal(jx_numfmt_apply(&f, "1e", 2, false, &out), -1);
	assert_int_equal(jx_numfmt_apply(&f, "", 0, false, &out), -1);
	assert_string_equal(out.ptr, "95% 2021-12-31 50.00%");
	jx_buf_release(&out);
}

/* ---- workbooks ---- */

/* Styles: 0 General, 1 0.0%, 2 0.00, 3 a date, 4 "≥"0%, 5 the built-in 0%. */
static const char styles[] =
	"<styleSheet " NS "><numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"&quot;≥&quot;0%\"/><numFmt numFmtId=\"166\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"10\"/></cellStyleXfs>"
	"<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"2\"/><xf numFmtId=\"166\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"9\"/></cellXfs></styleSheet>";

/* Shared strings: 0 rich text with a phonetic guide, 1 an escaped line break. */
static const char strings[] =
	"<sst " NS "><si><r><rPr><b/></rPr><t>资助</t></r><r><t xml:space=\"preserve\">人数（人）</t></r>"
	"<rPh sb=\"0\" eb=\"2\"><t>zizhu</t></rPh></si><si><t>完成_x000D_\n任务。</t></si></sst>";

/* Appends a row of cells written compactly, separated by '|': "B3=text" an inline string, "B3$1"
 * shared string 1, "B3#0.95@1" a number in style 1 (the style is optional), "B3!<xml>" the cell's
 * inner XML as it is. */
static void row(struct jx_buf *b, unsigned r, const char *cells)
{
	char *copy = strdup(cells), *save = NULL, *c;

	jx_buf_addf(b, NULL, "<row r=\"%u\">", r);
	for (c = strtok_r(copy, "|", &save); c; c = strtok_r(NULL, "|", &save)) {
		size_t n = strcspn(c, "=$#!");
		char *v = c + n + 1, *style = strchr(v, '@');

		if (c[n] == '=')
			jx_buf_addf(b, NULL, "<c r=\"%.*s\" t=\"inlineStr\"><is><t>%s</t></is></c>", (int)n, c, v);
		else if (c[n] == '$')
			jx_buf_addf(b, NULL, "<c r=\"%.*s\" t=\"s\"><v>%s</v></c>", (int)n, c, v);
		else if (c[n] == '!')
			jx_buf_addf(b, NULL, "<c r=\"%.*s\">%s</c>", (int)n, c, v);
		else if (style)
			jx_buf_addf(b, NULL, "<c r=\"%.*s\" s=\"%s\"><v>%.*s</v></c>", (int)n, c, style + 1, (int)(style - v), v);
		else
			jx_buf_addf(b, NULL, "<c r=\"%.*s\"><v>%s</v></c>", (int)n, c, v);
	}
	jx_buf_adds(b, "</row>", NULL);
	free(copy);
}

/* A sheet's XML from rows, each "N:cells" (see row()), separated by newlines; merged ranges after. */
static char *sheet(const char *rows, const char *merges)
{
	struct jx_buf b = JX_BUF_INIT;
	const char *line = rows;

	jx_buf_adds(&b, "<worksheet " NS "><dimension ref=\"A1:XFD1048576\"/><sheetData>", NULL);
	while (*line) {
		size_t n = strcspn(line, "\n");
		char *text = strndup(line, n), *colon = strchr(text, ':');

		row(&b, (unsigned)atoi(text), colon + 1);
		free(text);
		line += n + (line[n] == '\n');
	}
	jx_buf_adds(&b, "</sheetData>", NULL);
	if (merges)
		jx_buf_addf(&b, NULL, "<mergeCells>%s</mergeCells>", merges);
	jx_buf_adds(&b, "</worksheet>", NULL);
	return jx_buf_detach(&b, NULL);
}

/* The header rows of a table whose columns start at column letter c0 (A or C). */
static const char *header(char c0)
{
	return c0 == 'A' ? "1:A1=部门预算项目支出绩效目标表\n2:A2=(2021年度)\n3:A3=项目名称|B3=测试项目\n4:A4=预算单位|B4=测试局\n"
			   "5:A5=项目资金（万元）|B5=年度资金总额|D5#10@2\n6:B6=其中：财政拨款|D6#10@2\n7:B7=其他资金|D7#0@2\n"
			   "8:A8=总体目标|B8=年度目标\n9:B9$1\n10:A10=绩效指标|B10=一级指标|C10=二级指标|D10=三级指标|E10=指标值\n"
			 : "1:C1=部门预算项目支出绩效目标表\n2:C2=(2021年度)\n3:C3=项目名称|D3=测试项目\n4:C4=预算单位|D4=测试局\n"
			   "5:C5=项目资金（万元）|D5=年度资金总额|F5#10@2\n6:D6=其中：财政拨款|F6#10@2\n7:D7=其他资金|F7#0@2\n"
			   "8:C8=总体目标|D8=年度目标\n9:D9$1\n10:C10=绩效指标|D10=一级指标|E10=二级指标|F10=三级指标|G10=指标值\n";
}

/* A workbook of the given sheets (name, XML, … NULL), with the styles and strings above. */
static char *workbook(size_t *len, const char *const *sheets)
{
	struct jx_buf wb = JX_BUF_INIT, rels = JX_BUF_INIT, names[8];
	const char *parts[2 * 12 + 1];
	size_t i, n = 0, k = 0;
	char *zip;

	jx_buf_adds(&wb, "<workbook " NS " " REL_NS "><sheets>", NULL);
	jx_buf_adds(&rels, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			   "<Relationship Id=\"rS\" Type=\"" REL_TYPE "styles\" Target=\"styles.xml\"/>"
			   "<Relationship Id=\"rT\" Type=\"" REL_TYPE "sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>", NULL);
	for (i = 0; sheets[2 * i]; i++) {
		jx_buf_addf(&wb, NULL, "<sheet name=\"%s\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", sheets[2 * i], i + 1, i + 1);
		jx_buf_addf(&rels, NULL, "<Relationship Id=\"rId%zu\" Type=\"" REL_TYPE "worksheet\" Target=\"worksheets/sheet%zu.xml\"/>",
			    i + 1, i + 1);
		names[i] = (struct jx_buf)JX_BUF_INIT;
		jx_buf_addf(&names[i], NULL, "xl/worksheets/sheet%zu.xml", i + 1);
		n++;
	}
	jx_buf_adds(&wb, "</sheets></workbook>", NULL);
	jx_buf_adds(&rels, "</Relationships>", NULL);
	parts[k++] = "xl/workbook.xml", parts[k++] = wb.ptr;
	parts[k++] = "xl/_rels/workbook.xml.rels", parts[k++] = rels.ptr;
	parts[k++] = "xl/styles.xml", parts[k++] = styles;
	parts[k++] = "xl/sharedStrings.xml", parts[k++] = strings;
	for (i = 0; i < n; i++)
		parts[k++] = names[i].ptr, parts[k++] = sheets[2 * i + 1];
	parts[k] = NULL;
	zip = zip_of(parts, len);
	for (i = 0; i < n; i++)
		jx_buf_release(&names[i]);
	jx_buf_release(&wb);
	jx_buf_release(&rels);
	return zip;
}

/* Reads a workbook of one sheet called name; returns the projects read (or -1, err set). */
static int read_sheet(const char *name, const char *xml, struct jx_project **p, struct jx_err *err)
{
	const char *sheets[] = { name, xml, NULL };
	size_t len;
	char *zip = workbook(&len, sheets);
	int n = read_projects(zip, len, p, MAXP, err);

	free(zip);
	return n;
}

/* The one table a sheet of these rows (after the header at c0) holds. */
static struct jx_project *one_table(char c0, const char *rows, const char *merges)
{
	struct jx_buf all = JX_BUF_INIT;
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	char *xml;
	int n;

	jx_buf_addf(&all, NULL, "%s%s", header(c0), rows);
	xml = sheet(all.ptr, merges);
	n = read_sheet("Sheet1", xml, p, &err);
	free(xml);
	jx_buf_release(&all);
	if (n != 1)
		fail_msg("expected one table, got %d: %s", n, err.msg);
	return p[0];
}

/* The message reading a workbook of one sheet gives. */
static const char *error_of(const char *name, const char *xml)
{
	static struct jx_err err;
	struct jx_project *p[MAXP];

	memset(&err, 0, sizeof(err));
	if (read_sheet(name, xml, p, &err) != -1)
		fail_msg("expected an error reading %s", xml);
	return err.msg;
}

/* A sheet holding a table at column A with these indicator rows. */
static char *table_sheet(const char *rows)
{
	struct jx_buf all = JX_BUF_INIT;
	char *xml;

	jx_buf_addf(&all, NULL, "%s%s", header('A'), rows);
	xml = sheet(all.ptr, NULL);
	jx_buf_release(&all);
	return xml;
}

static void assert_contains(const char *s, const char *part)
{
	if (!strstr(s, part))
		fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

static void assert_target(const struct jx_indicator *ind, const char *name, const char *unit, const char *target)
{
	assert_string_equal(ind->name, name);
	if (unit)
		assert_string_equal(ind->unit, unit);
	else
		assert_null(ind->unit);
	assert_string_equal(ind->target, target);
}

/* ---- the official layout ---- */

static void test_official_cells(void **state)
{
	struct jx_project *p = one_table('A',
		"11:B11=产出指标|C11=数量指标|D11=日消杀次数（次）|E11=≥|F11#2\n"
		"12:C12=质量指标|D12=覆盖率（%）|E12=不低于|F12#0.95@1\n"
		"13:D13=合格率（%）|E13#0.9@4\n"
		"14:C14=时效指标|D14=完成时间|E14#44561@3\n"
		"15:C15=成本指标|D15$0|E15!<f>1+1</f><v>2</v>\n"
		"17:B17=效益指标|C17=社会效益指标|D17!<is><r><t>保障</t></r><r><t>生活</t></r></is>|E17=全力保障\n",
		NULL);

	(void)state;
	assert_string_equal(p->name, "测试项目");
	assert_string_equal(p->goal, "完成\n任务。"); /* _x000D_ and the line break: one line break */
	assert_int_equal(p->total, HUNDREDTHS(1000));
	assert_int_equal(p->n_ind, 6);
	assert_target(&p->ind[0], "日消杀次数", "次", "≥2");             /* the operator in its own cell */
	assert_target(&p->ind[1], "覆盖率", "%", "不低于95.0%");          /* 0.95 formatted 0.0% */
	assert_target(&p->ind[2], "合格率", "%", "≥90%");                 /* the ≥ in the number format */
	assert_target(&p->ind[3], "完成时间", NULL, "2021-12-31");
	assert_target(&p->ind[4], "资助人数", "人", "2");                 /* rich text, no phonetic guide */
	assert_string_equal(p->ind[4].level2, "成本指标");
	assert_target(&p->ind[5], "保障生活", NULL, "全力保障");
	assert_int_equal(p->ind[1].op, JX_OP_GE);
	assert_int_equal(p->ind[1].value.coef, 950);
	assert_int_equal(p->ind[1].value.scale, 1);
	jx_project_free(p);
}

static void test_official_offset_and_merges(void **state)
{
	/* At column C, with its level cells merged down and stale text under a merged cell (as
	 * LibreOffice keeps it): the covered cells are not seen. */
	struct jx_project *p = one_table('C',
		"11:D11=产出指标|E11=数量指标|F11=人数（人）|G11#5\n"
		"12:D12=旧的一级指标|E12=旧的二级指标|F12=次数（次）|G12#3\n"
		"13:E13=质量指标|F13=合格率（%）|G13=≥|H13#1@1\n",
		"<mergeCell ref=\"C1:H1\"/><mergeCell ref=\"D11:D13\"/><mergeCell ref=\"E11:E12\"/><mergeCell ref=\"G13:G13\"/>");

	(void)state;
	assert_int_equal(p->n_ind, 3);
	assert_string_equal(p->ind[1].level1, "产出指标");
	assert_string_equal(p->ind[1].level2, "数量指标");
	assert_target(&p->ind[1], "次数", "次", "3");
	assert_target(&p->ind[2], "合格率", "%", "≥100.0%");
	assert_string_equal(p->ind[2].level2, "质量指标");
	jx_project_free(p);
}

static void test_official_note_ends_table(void **state)
{
	struct jx_project *p = one_table('C', "11:D11=产出指标|E11=数量指标|F11=人数（人）|G11#5\n"
					      "13:C13=注：指标值为年度目标值。\n14:C14=填表人：张三|F14=2021年1月\n", NULL);

	(void)state;
	assert_int_equal(p->n_ind, 1);
	jx_project_free(p);
}

static void test_official_errors_name_cell(void **state)
{
	static const char *const cases[][2] = {
		{ "3:D3!<f>A1</f>", "Sheet2!D3: 公式没有保存计算结果" },
		{ "3:D3$7", "Sheet2!D3: 共享字符串编号“7”无效" },
		{ "3:D3#1.2.3", "Sheet2!D3: 数字“1.2.3”无效" },
		{ "14:D14!<v>#N/A</v>", "Sheet2!D14: 数字“#N/A”无效" },
		{ "3:D3=a|C3=b", "Sheet2 第3行: 单元格 C3 不在本行或顺序颠倒" },
		{ "3:D4=a", "单元格 D4 不在本行" },
		{ "3:XFE3=a", "单元格引用“XFE3”无效" },
		{ "1:A1=只是说明", "test: 没有找到绩效目标表" },
	};
	char *xml = table_sheet("11:B11=产出指标|C11=数量指标|D11=人数（人）|E11#5|F11=多余\n");
	size_t i;

	(void)state;
	assert_contains(error_of("我的 表", xml), "test: '我的 表'!F11: 一行应只有指标名称和指标值，多出“多余”");
	free(xml);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		xml = sheet(cases[i][0], NULL);
		assert_contains(error_of("Sheet2", xml), cases[i][1]);
		free(xml);
	}
}

static void test_error_types(void **state)
{
	char *xml = strdup("<worksheet " NS "><sheetData><row r=\"2\"><c r=\"B2\" t=\"e\"><v>#DIV/0!</v></c></row></sheetData></worksheet>");

	(void)state;
	assert_contains(error_of("S", xml), "S!B2: 单元格是公式错误“#DIV/0!”");
	free(xml);
	xml = strdup("<worksheet " NS "><sheetData><row r=\"2\"><c r=\"B2\" t=\"x\"><v>1</v></c></row></sheetData></worksheet>");
	assert_contains(error_of("S", xml), "S!B2: 未知的单元格类型“x”");
	free(xml);
}

/* ---- the flat layout ---- */

static const char flat_head[] =
	"1:A1=2021年项目清单\n"
	"2:A2=序号|B2=Name|C2=预算单位|D2=year|E2=年度资金总额（万元）|F2=fiscal|G2=年度目标|H2=level1|I2=二级指标|"
	"J2=三级指标|K2=计量单位|L2=指标值（包含数字及文字描述）\n";

static int read_flat(const char *rows, struct jx_project **p, struct jx_err *err)
{
	struct jx_buf all = JX_BUF_INIT;
	char *xml;
	int n;

	jx_buf_addf(&all, NULL, "%s%s", flat_head, rows);
	xml = sheet(all.ptr, NULL);
	n = read_sheet("清单", xml, p, err);
	free(xml);
	jx_buf_release(&all);
	return n;
}

static const char *flat_error(const char *rows)
{
	static struct jx_err err;
	struct jx_project *p[MAXP];

	memset(&err, 0, sizeof(err));
	assert_int_equal(read_flat(rows, p, &err), -1);
	return err.msg;
}

static void test_flat_layout(void **state)
{
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	int n = read_flat("3:A3#1|B3=甲项目|C3=甲局|D3#2021|E3#12.5@2|F3#12.5|G3=目标一。|H3=产出指标|I3=数量指标|"
			  "J3=人数|K3=人|L3=≥|M3#100\n"
			  "4:A4#2|I4=质量指标|J4=合格率|K4=%|L4#0.95@1\n"
			  "5:A5#3|B5=甲项目|C5=甲局|D5#2021|H5=满意度指标|J5=满意度|K5=%|L5#0.9@5\n"
			  "6:A6#4|B6=乙项目|C6=乙局|D6=2022年|E6=3,033.00万元|H6=效益指标|I6=社会效益指标|J6=生活保障|L6=全力保障\n"
			  "7:B7=丙项目|C7=丙局|E7#1\n",
			  p, &err);

	(void)state;
	if (n != 3)
		fail_msg("expected three projects, got %d: %s", n, err.msg);
	assert_string_equal(p[0]->name, "甲项目");
	assert_string_equal(p[0]->goal, "目标一。");
	assert_int_equal(p[0]->total, HUNDREDTHS(1250));
	assert_int_equal(p[0]->fiscal, HUNDREDTHS(1250));
	assert_int_equal(p[0]->n_ind, 3);
	assert_target(&p[0]->ind[0], "人数", "人", "≥100");
	assert_string_equal(p[0]->ind[1].level1, "产出指标"); /* carried down */
	assert_target(&p[0]->ind[1], "合格率", "%", "95.0%");
	assert_string_equal(p[0]->ind[2].level2, "服务对象满意度指标"); /* the only child */
	assert_target(&p[0]->ind[2], "满意度", "%", "90%");
	assert_int_equal(p[1]->year, 2022);
	assert_int_equal(p[1]->total, HUNDREDTHS(303300));
	assert_null(p[1]->ind[0].unit);
	assert_int_equal(p[2]->year, 2022);                /* carried from the project above */
	assert_int_equal(p[2]->n_ind, 0);
	free_projects(p, 3);
}

static void test_flat_errors(void **state)
{
	(void)state;
	assert_contains(flat_error("3:B3=甲|D3#2021|E3#1|J3=人数|L3#1\n"), "清单!J3: 指标“人数”没有一级指标");
	assert_contains(flat_error("3:B3=甲|D3#2021|E3#1|H3=产出指标|I3=数量指标|J3=人数|L3#1\n4:E4#2|J4=次数\n"),
			"清单!E4: 与本项目前面给出的年度资金总额不同（此处为“2”）");
	assert_contains(flat_error("3:B3=甲|D3#2021|E3#1|H3=产出|J3=人数\n"), "清单!H3: “产出”不是一级指标");
	assert_contains(flat_error("3:B3=甲|D3#2021|E3#1|L3#5\n"), "清单!L3: 有指标值而没有三级指标");
	assert_contains(flat_error("3:B3=甲|D3#2021|E3#-1\n"), "清单!E3: 年度资金总额应为以万元计");
	assert_contains(flat_error("3:B3=甲|D3#21\n"), "清单!D3: 年度应为");
	assert_contains(flat_error("3:B3=甲|D3#2021|N3=多余\n"), "清单!N3: 此列没有列名（表头在第 2 行）");
	assert_contains(flat_error("3:J3=人数\n"), "清单!J3: 此行之前没有项目");
	assert_contains(flat_error("3:B3=甲|D3#2021\n"), "清单 第3行: 项目“甲”缺少年度资金总额");
	assert_contains(flat_error("3:B3=甲|D3#2021|E3#1\n4:D4#2022|J4=人数\n"), "清单!D4: 年度与本项目（2021年度）不同");
}

static void test_flat_headers(void **state)
{
	static const char *const bad[][2] = {
		{ "1:A1=name|B1=year|C1=total|D1=level1|E1=level2|F1=indicator|G1=target|H1=颜色\n", "Sheet1!H1: 无法识别的列名“颜色”" },
		{ "1:A1=name|B1=year|C1=total|D1=level1|E1=level2|F1=indicator|G1=target|H1=项目名称\n", "Sheet1!H1: 列“项目名称”出现了两次" },
		{ "1:A1=name|B1=year|C1=total|D1=level1|E1=level2|F1=indicator\n", "Sheet1 第1行: 表头缺少列“指标值”" },
		{ "1:A1=name|B1=year|C1=年度资金总额(元)|D1=level1|E1=level2|F1=indicator|G1=target\n",
		  "Sheet1!C1: 金额应以万元为单位" },
	};
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	size_t i;
	char *xml;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		xml = sheet(bad[i][0], NULL);
		assert_contains(error_of("Sheet1", xml), bad[i][1]);
		free(xml);
	}
	xml = sheet("1:A1=Funds.Total|B1=NAME|C1=Year|D1=indicators.level1|E1=indicators.level2|F1=indicators.name|"
		    "G1=indicators.unit|H1=indicators.target|I1=kind|J1=unit\n"
		    "2:A2#5|B2=某部门|C2#2021|D2=产出指标|E2=数量指标|F2=人数|G2=人|H2#3|I2=department\n", NULL);
	assert_int_equal(read_sheet("Sheet1", xml, p, &err), 1);
	assert_int_equal(p[0]->kind, JX_KIND_DEPARTMENT);
	assert_string_equal(p[0]->unit, "某部门");
	free(xml);
	free_projects(p, 1);
}

/* Reads the rows under a header of optional columns: 1 project into p, or -1 with the message. */
static int read_optional(const char *rows, struct jx_project **p, const char **msg)
{
	static struct jx_err err;
	struct jx_buf all = JX_BUF_INIT;
	char *xml;
	int n;

	jx_buf_addf(&all, NULL, "1:A1=name|B1=year|C1=total|D1=level1|E1=level2|F1=indicator|G1=target|H1=主管部门|"
			       "I1=上年结转资金（万元）|J1=period_total|K1=分值|L1=indicators.explanation|M1=备注\n%s",
		    rows);
	xml = sheet(all.ptr, NULL);
	memset(&err, 0, sizeof(err));
	n = read_sheet("Sheet1", xml, p, &err);
	*msg = err.msg;
	free(xml);
	jx_buf_release(&all);
	return n;
}

/* The optional fields by their labels and JSON keys: kept per project (agreeing on every row) and per
 * indicator; an indicator's column on a row without 三级指标 is refused. */
static void test_flat_optional(void **state)
{
	struct jx_project *p[MAXP];
	const char *msg;

	(void)state;
	assert_int_equal(read_optional("2:A2=甲|B2#2023|C2#10|D2=产出指标|E2=数量指标|F2=人数|G2=≥5|H2=甲厅|I2#1.5|J2#30|"
				       "K2#20|L2=当年人数\n3:D3=满意度指标|F3=满意度|G3=≥90%|H3=甲厅|M3=抽样\n",
				       p, &msg),
			 1);
	assert_string_equal(p[0]->f[JX_PF_DEPARTMENT], "甲厅");
	assert_int_equal(p[0]->carryover, HUNDREDTHS(150));
	assert_int_equal(p[0]->period_total, HUNDREDTHS(3000));
	assert_string_equal(p[0]->ind[0].f[JX_IF_WEIGHT], "20");
	assert_string_equal(p[0]->ind[0].f[JX_IF_EXPLANATION], "当年人数");
	assert_null(p[0]->ind[0].f[JX_IF_NOTE]);
	assert_string_equal(p[0]->ind[1].f[JX_IF_NOTE], "抽样");
	assert_null(p[0]->ind[1].f[JX_IF_WEIGHT]);
	free_projects(p, 1);
	assert_int_equal(read_optional("2:A2=甲|B2#2023|C2#10|H2=甲厅\n3:H3=乙厅\n", p, &msg), -1);
	assert_contains(msg, "Sheet1!H3: 与本项目前面给出的主管部门不同（此处为“乙厅”）");
	assert_int_equal(read_optional("2:A2=甲|B2#2023|C2#10|K2#5\n", p, &msg), -1);
	assert_contains(msg, "Sheet1!K2: 有分值而没有三级指标");
	assert_int_equal(read_optional("2:A2=甲|B2#2023|C2#10|I2=一万元\n", p, &msg), -1);
	assert_contains(msg, "Sheet1!I2: 上年结转资金应为以万元计");
}

/* ---- workbooks ---- */

static void test_sheets_skipped(void **state)
{
	static const char rels[] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				   "<Relationship Id=\"a\" Type=\"" REL_TYPE "worksheet\" Target=\"worksheets/a.xml\"/>"
				   "<Relationship Id=\"b\" Type=\"" REL_TYPE "chartsheet\" Target=\"chartsheets/b.xml\"/>"
				   "<Relationship Id=\"c\" Type=\"" REL_TYPE "worksheet\" Target=\"worksheets/../worksheets/c.xml\"/>"
				   "</Relationships>";
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	const char *parts[13];
	char *table = table_sheet("11:B11=产出指标|C11=数量指标|D11=人数（人）|E11#5\n");

	(void)state;
	parts[0] = "xl/workbook.xml";
	parts[1] = "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " REL_NS
		   "><x:workbookPr date1904=\"true\"/><x:sheets><x:sheet name=\"隐藏\" sheetId=\"1\" state=\"hidden\" r:id=\"a\"/>"
		   "<x:sheet name=\"图\" sheetId=\"2\" r:id=\"b\"/><x:sheet name=\"表\" sheetId=\"3\" r:id=\"c\"/></x:sheets></x:workbook>";
	parts[2] = "xl/_rels/workbook.xml.rels", parts[3] = rels;
	parts[4] = "xl/worksheets/a.xml", parts[5] = table; /* the same table: read twice, it would be refused */
	parts[6] = "xl/chartsheets/b.xml", parts[7] = "<chartsheet/>";
	parts[8] = "xl/worksheets/c.xml", parts[9] = table;
	parts[10] = "xl/sharedStrings.xml", parts[11] = strings;
	parts[12] = NULL;
	assert_int_equal(read_zip(parts, p, MAXP, &err), 1);
	assert_string_equal(p[0]->goal, "完成\n任务。");
	free_projects(p, 1);
	free(table);
}

/* Of two number formats with one id, the last wins; a style beyond cellXfs is General. */
static void test_styles_lookup(void **state)
{
	static const char styles2[] = "<styleSheet " NS "><numFmts><numFmt numFmtId=\"170\" formatCode=\"0.000\"/>"
				      "<numFmt numFmtId=\"164\" formatCode=\"0.0\"/><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
				      "</numFmts><cellXfs><xf numFmtId=\"164\"/><xf numFmtId=\"170\"/></cellXfs></styleSheet>";
	static const char rels[] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				   "<Relationship Id=\"a\" Type=\"" REL_TYPE "worksheet\" Target=\"s.xml\"/></Relationships>";
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	const char *parts[11];
	char *xml = table_sheet("11:B11=产出指标|C11=数量指标|D11=率（%）|E11#0.5@0\n12:D12=数（个）|E12#2@1\n"
				"13:D13=次数（次）|E13#3@9\n");

	(void)state;
	parts[0] = "xl/workbook.xml";
	parts[1] = "<workbook " NS " " REL_NS "><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"a\"/></sheets></workbook>";
	parts[2] = "xl/_rels/workbook.xml.rels", parts[3] = rels;
	parts[4] = "xl/s.xml", parts[5] = xml;
	parts[6] = "xl/styles.xml", parts[7] = styles2;
	parts[8] = "xl/sharedStrings.xml", parts[9] = strings;
	parts[10] = NULL;
	assert_int_equal(read_zip(parts, p, MAXP, &err), 1);
	assert_string_equal(p[0]->ind[0].target, "50.0%");
	assert_string_equal(p[0]->ind[1].target, "2.000");
	assert_string_equal(p[0]->ind[2].target, "3");
	free_projects(p, 1);
	free(xml);
}

/* Reads a workbook of the given parts and returns its error message. */
static const char *parts_error(const char *const *parts)
{
	static struct jx_err err;
	struct jx_project *p[MAXP];

	memset(&err, 0, sizeof(err));
	assert_int_equal(read_zip(parts, p, MAXP, &err), -1);
	return err.msg;
}

static void test_bad_workbooks(void **state)
{
	static const char lol[] = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
				  "<workbook " NS "><sheets>&b;</sheets></workbook>";
	const char *doctype[] = { "xl/workbook.xml", lol, NULL };
	const char *none[] = { "content.xml", "<office:document/>", NULL }; /* an OpenDocument, say */
	const char *norels[] = { "xl/workbook.xml", "<workbook " NS "/>", NULL };
	const char *badxml[] = { "xl/workbook.xml", "<workbook " NS "><sheets>", "xl/_rels/workbook.xml.rels", "<r/>", NULL };
	const char *old = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an old workbook";
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	size_t len;
	char *zip;

	(void)state;
	assert_contains(parts_error(doctype), "test: xl/workbook.xml: 不接受 DOCTYPE 声明");
	assert_contains(parts_error(none), "test: 不是 Excel 工作簿或 Word 文档");
	assert_contains(parts_error(norels), "工作簿缺少 xl/_rels/workbook.xml.rels");
	assert_contains(parts_error(badxml), "test: xl/workbook.xml 第1行第");
	assert_contains(parts_error(badxml), "XML 格式错误");
	assert_int_equal(read_projects(old, strlen(old), p, MAXP, &err), -1);
	assert_contains(err.msg, "这是旧版 Excel 或 Word 文件（.xls、.doc），或加密的工作簿或文档");
	zip = zip_of(doctype, &len);
	assert_int_equal(read_projects(zip, len / 2, p, MAXP, &err), -1); /* cut off */
	assert_contains(err.msg, "不是完整的 XLSX 或 DOCX 文件");
	free(zip);
}

/* jixiao's own workbook, rendered here, reads back as the tables it was made from (its flat sheet is
 * not read again). */
static void test_own_workbook_round_trip(void **state)
{
	struct jx_project *seed[MAXP], *back[MAXP];
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_render rd;
	size_t len, i;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);
	int n = read_projects(text, len, seed, MAXP, &err), m;

	(void)state;
	assert_int_equal(n, 5);
	jx_render_begin(&rd, &jx_render_xlsx, NULL, &out);
	for (i = 0; i < 5; i++)
		assert_int_equal(jx_render_project(&rd, &out, seed[i], &err), 0);
	assert_int_equal(jx_render_end(&rd, &out, false, &err), 0);
	m = read_projects(out.ptr, out.len, back, MAXP, &err);
	if (m != 5)
		fail_msg("read back %d tables: %s", m, err.msg);
	for (i = 0; i < 5; i++) {
		assert_true(jx_project_same_table(seed[i], back[i]));
		assert_string_equal(seed[i]->framework, back[i]->framework);
	}
	free_projects(seed, 5);
	free_projects(back, 5);
	jx_buf_release(&out);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numfmt_numbers),
		cmocka_unit_test(test_numfmt_percent),
		cmocka_unit_test(test_numfmt_dates),
		cmocka_unit_test(test_numfmt_builtin_and_bad),
		cmocka_unit_test(test_official_cells),
		cmocka_unit_test(test_official_offset_and_merges),
		cmocka_unit_test(test_official_note_ends_table),
		cmocka_unit_test(test_official_errors_name_cell),
		cmocka_unit_test(test_error_types),
		cmocka_unit_test(test_flat_layout),
		cmocka_unit_test(test_flat_errors),
		cmocka_unit_test(test_flat_headers),
		cmocka_unit_test(test_flat_optional),
		cmocka_unit_test(test_sheets_skipped),
		cmocka_unit_test(test_styles_lookup),
		cmocka_unit_test(test_bad_workbooks),
		cmocka_unit_test(test_own_workbook_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
