/*
 * test_html_import.c — the HTML reader's lines and cells (jx_html_lines): the grid a table's rowspan
 * and colspan make (overlaps, ragged rows, empty cells, spans past their row group, odd attribute
 * values), layout tables, text as a browser shows it, encodings, and its limits. Each page is written
 * here and its lines compared as text, one a line:
 *
 *   @12: text            a text line, beginning on line 12 of the source
 *   2.5: 1=a 3=b|c       row 5 of table 2: its non-empty cells as column=text, "|" for a line break
 *
 * The fixtures of tests/data/html (LibreOffice's page, GBK, hostile pages) are read in t0015-html.sh.
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
#include "jixiao/html.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"

#define MAXP 4

static int add_line(void *ctx, const struct jx_html_where *where, const struct jx_cell *cells, size_t n,
		    enum jx_line_kind kind, struct jx_err *err)
{
	struct jx_buf *out = ctx;
	size_t i, j;

	(void)err;
	if (kind == JX_LINE_TEXT) {
		assert_int_equal(n, 1);
		assert_int_equal(where->table, 0);
		jx_buf_addf(out, NULL, "@%u:", where->row);
	} else {
		assert_true(where->table > 0);
		jx_buf_addf(out, NULL, "%u.%u:", where->table, where->row);
	}
	for (i = 0; i < n; i++) {
		jx_buf_addf(out, NULL, kind == JX_LINE_TEXT ? " " : " %u=", cells[i].col);
		for (j = 0; j < cells[i].len; j++)
			jx_buf_addc(out, cells[i].text[j] == '\n' ? '|' : cells[i].text[j], NULL);
	}
	jx_buf_addc(out, '\n', NULL);
	return 0;
}

/* The lines of page, as the header says; NULL (err filled) if it is refused. */
static char *lines_of(const char *page, size_t len, struct jx_err *err)
{
	struct jx_buf out = JX_BUF_INIT;
	struct jx_input in;
	int rc;

	jx_input_from_mem(&in, page, len, "page.html");
	rc = jx_html_lines(&in, add_line, &out, err);
	jx_input_close(&in);
	if (rc) {
		jx_buf_release(&out);
		return NULL;
	}
	return jx_buf_detach(&out, NULL);
}

static void assert_lines(const char *page, const char *want)
{
	struct jx_err err = { 0 };
	char *got = lines_of(page, strlen(page), &err);

	if (!got)
		fail_msg("refused: %s", err.msg);
	if (strcmp(got, want) != 0)
		fail_msg("page:\n%s\ngot:\n%s\nwant:\n%s", page, got, want);
	free(got);
}

#define REFUSAL(page) refusal(page, sizeof(page) - 1) /* page: a string literal, NUL bytes and all */

/* The message a page is refused with, in a static buffer. */
static const char *refusal(const char *page, size_t len)
{
	static struct jx_err err;
	char *got;

	memset(&err, 0, sizeof(err));
	got = lines_of(page, len, &err);
	if (got)
		fail_msg("not refused: %s", got);
	return err.msg;
}

/* ---- the grid ---- */

static void test_grid_spans(void **state)
{
	(void)state;
	assert_lines("<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>C</td><td>D</td></tr></table>",
		     "1.1: 1=A 2=B\n1.2: 2=C 3=D\n");
}

static void test_grid_rowspan_and_colspan_together(void **state)
{
	(void)state;
	assert_lines("<table><tr><td rowspan=3 colspan=2>A<td>B<tr><td>C<tr><td>D<td>E<tr><td>F</table>",
		     "1.1: 1=A 3=B\n1.2: 3=C\n1.3: 3=D 4=E\n1.4: 1=F\n");
}

static void test_grid_overlap(void **state)
{
	(void)state;
	/* c's colspan runs over b's rowspan (a table model error): both cover column 2, and d comes after. */
	assert_lines("<table><tr><td>a<td rowspan=3>b<tr><td colspan=3>c<td>d<tr><td>e<td>f</table>",
		     "1.1: 1=a 2=b\n1.2: 1=c 4=d\n1.3: 1=e 3=f\n");
}

static void test_grid_ragged_and_empty(void **state)
{
	(void)state;
	assert_lines("<table><tr><td>a<td>b<td>c<tr><td>d<tr><td></td><td> &nbsp; </td><td>e<tr><td><td></table>",
		     "1.1: 1=a 2=b 3=c\n1.2: 1=d\n1.3: 3=e\n1.4:\n");
}

static void test_grid_merged_cell_once(void **state)
{
	(void)state;
	/* The official layout: 绩效指标 over every indicator row, the level labels over their groups. */
	assert_lines("<table><tr><td rowspan=4>绩效指标<td>一级指标<td>二级指标<td>三级指标<td>指标值"
		     "<tr><td rowspan=3>产出指标<td rowspan=2>数量指标<td>甲<td>≥1"
		     "<tr><td>乙<td>≥2<tr><td>质量指标<td>丙<td>=100%</table>",
		     "1.1: 1=绩效指标 2=一级指标 3=二级指标 4=三级指标 5=指标值\n1.2: 2=产出指标 3=数量指标 4=甲 5=≥1\n"
		     "1.3: 4=乙 5=≥2\n1.4: 3=质量指标 4=丙 5==100%\n");
}

static void test_grid_rowspan_stops_at_its_row_group(void **state)
{
	(void)state;
	assert_lines("<table><thead><tr><td rowspan=5>h<td>x</thead><tbody><tr><td>a<td>b</tbody></table>",
		     "1.1: 1=h 2=x\n1.2: 1=a 2=b\n");
	/* rowspan=0: to the end of the row group */
	assert_lines("<table><tr><td rowspan=0>a<td>b<tr><td>c<tr><td>d</table>", "1.1: 1=a 2=b\n1.2: 2=c\n1.3: 2=d\n");
}

static void test_grid_span_values(void **state)
{
	(void)state;
	/* as HTML reads numbers: leading space and '+' allowed, digits up to the first other character */
	assert_lines("<table><tr><td colspan=' +2px'>a<td colspan=0>b<td colspan=x>c<td colspan=-3>d</table>",
		     "1.1: 1=a 3=b 4=c 5=d\n");
	assert_lines("<table><tr><td rowspan=99999999999999999999>a<td>b<tr><td>c</table>", "1.1: 1=a 2=b\n1.2: 2=c\n");
	/* past the columns tracked, cells are still placed in order */
	assert_lines("<table><tr><td colspan=1000>a<td rowspan=2>b<td>c<tr><td>d<td>e</table>",
		     "1.1: 1=a 1001=b 1002=c\n1.2: 1=d 2=e\n");
}

static void test_grid_cell_text(void **state)
{
	(void)state;
	assert_lines("<table><tr><td>项目资金<br>（万元）<td><p>a</p><p>&nbsp;</p><p> b  c </p><td>x<div>y</div>z"
		     "<td><span>年度</span><b>资金</b>\n  总额</table>",
		     "1.1: 1=项目资金|（万元） 2=a|b c 3=x|y|z 4=年度资金总额\n");
}

static void test_grid_caption_head_foot_in_order(void **state)
{
	(void)state;
	assert_lines("<table><tfoot><tr><td>注</tfoot><tbody><tr><td>b</tbody><thead><tr><td>h</thead>"
		     "<caption>标题</caption></table>",
		     "@1: 标题\n1.1: 1=h\n1.2: 1=b\n1.3: 1=注\n");
}

static void test_grid_too_many_cells_handed_over(void **state)
{
	struct jx_buf page = JX_BUF_INIT;
	char *got, *last;
	struct jx_err err = { 0 };
	int i;

	(void)state;
	jx_buf_adds(&page, "<table><tr>", NULL);
	for (i = 1; i <= 100; i++)
		jx_buf_addf(&page, NULL, "<td>%d", i);
	got = lines_of(page.ptr, page.len, &err);
	assert_non_null(got);
	last = strrchr(got, ' ');
	assert_string_equal(last, " 65=65\n"); /* the 65th, where the limit is passed, and no more */
	free(got);
	jx_buf_release(&page);
}

static void test_grid_rows_bounded(void **state)
{
	struct jx_buf page = JX_BUF_INIT;
	int i;

	(void)state;
	jx_buf_adds(&page, "<table>", NULL);
	for (i = 0; i <= JX_HTML_MAX_ROWS; i++)
		jx_buf_adds(&page, "<tr>", NULL);
	assert_string_equal(refusal(page.ptr, page.len), "page.html: 表1 第100001行: 一张表超过 100000 行");
	jx_buf_release(&page);
}

/* ---- layout and text ---- */

static void test_layout_tables_are_blocks(void **state)
{
	(void)state;
	assert_lines("<table class=layout><tr><td>首页<br>导航</td><td><p>标题</p>\n"
		     "<table><tr><td>x<td>y</table><p>后记</p>\n"
		     "<table><tr><td><table><tr><td>z</table></td><td>边栏</td></tr></table></td></tr></table>\n"
		     "<table><tr><td>w</table>",
		     "@1: 首页\n@1: 导航\n@1: 标题\n1.1: 1=x 2=y\n@2: 后记\n2.1: 1=z\n@3: 边栏\n3.1: 1=w\n");
}

static void test_text_blocks_and_lines(void **state)
{
	(void)state;
	assert_lines("<html><head><title>标题不是正文</title><style>p{color:red}</style></head><body>\n"
		     "<h1>部门预算项目\n   支出绩效目标表</h1>\n<script>var a = \"<p>no</p>\";</script>\n"
		     "<p>a  b\n c&nbsp;&nbsp;d</p><ul><li>一<li>二</ul><noscript>无脚本</noscript>\n"
		     "<div>甲<span>乙</span><br><br>丙</div><template><p>模板</p></template>"
		     "<select><option>选项</select><textarea>文本框</textarea><p>Ａ\nB</p>",
		     "@2: 部门预算项目支出绩效目标表\n@5: a b c d\n@6: 一\n@6: 二\n@7: 甲乙\n@7: 丙\n@7: Ａ B\n");
}

static void test_text_white_space_kept_by_css(void **state)
{
	(void)state;
	assert_lines("<style>/* a comment { } */ @media print{td.x{color:red}} td.goal , .keep{white-space : pre-line}"
		     "</style><table><tr><td class='a goal'>一  行\n二行<td class=other>三\n四"
		     "<td style='white-space:pre'>五\n六<td class=keep>七\n\n八</table><pre>甲\n  乙</pre>",
		     "1.1: 1=一  行|二行 2=三四 3=五|六 4=七|八\n@6: 甲\n@7: 乙\n");
}

/* ---- encodings and limits ---- */

static void test_encodings(void **state)
{
	(void)state;
	assert_lines("<meta charset=\"GB2312\"><p>\262\277\303\305</p>", "@1: 部门\n");
	assert_lines("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><p>\262\277</p>", "@1: 部\n");
	assert_lines("<p>\262\277</p>", "@1: 部\n");                          /* detected */
	assert_lines("\357\273\277<meta charset=gbk><p>部</p>", "@1: 部\n"); /* a BOM wins */
	assert_lines("<meta charset=big5><p>部</p>", "@1: 部\n");            /* not read: detected */
	assert_string_equal(REFUSAL("<meta charset=utf-8>\n<p>\262\277</p>"),
			    "page.html: 第2行: 不是有效的 UTF-8 文本（网页声明的编码为 utf-8）");
	assert_string_equal(REFUSAL("<meta charset=gbk>\n\n<p>\377\377</p>"),
			    "page.html: 第3行: 不是有效的 GB18030 文本（网页声明的编码为 gbk）");
	assert_string_equal(REFUSAL("<p>\xe9\x83</p>\n<p>\377</p>"),
			    "page.html: 第1行: 无法识别的编码：既不是 UTF-8 也不是 GB18030");
	assert_string_equal(REFUSAL("<p>\n\0</p>"), "page.html: 第2行: 含有 NUL 字节（这是二进制文件吗？）");
}

static void test_nesting_bounded(void **state)
{
	struct jx_buf page = JX_BUF_INIT;
	char *got;
	struct jx_err err = { 0 };
	int i;

	(void)state;
	jx_buf_adds(&page, "<p>x</p>\n", NULL);
	for (i = 0; i < 300; i++)
		jx_buf_adds(&page, "<div>", NULL);
	assert_string_equal(refusal(page.ptr, page.len), "page.html: 第2行: 网页中的元素嵌套超过 256 层（如 <div> 里套 <div>），无法导入");
	jx_buf_reset(&page);
	for (i = 0; i < 20000; i++) /* closed as they go, or closing each other: flat */
		jx_buf_adds(&page, i % 2 ? "<div><b>x</b></div>" : "<p><font size=2>x<li>y<table><tr><td>z</table>", NULL);
	got = lines_of(page.ptr, page.len, &err);
	assert_non_null(got);
	free(got);
	jx_buf_release(&page);
}

/* ---- the reader ---- */

/* A page with one table whose last target is "%T". */
static const char page_table[] =
	"<!DOCTYPE html><html><head><meta charset=utf-8></head><body>\n"
	"<table><caption>2021年部门预算项目支出绩效目标表</caption>\n"
	"<tr><th>项目名称<td colspan=3>测试项目\n<tr><th>预算单位<td colspan=3>测试局\n"
	"<tr><th rowspan=3>项目资金<br>（万元）<td>年度资金总额<td colspan=2>10.00\n<tr><td>其中：财政拨款<td colspan=2>10.00\n"
	"<tr><td>其他资金<td colspan=2>0.00\n<tr><th>总体目标<td colspan=3>完成任务。\n"
	"<tr><th rowspan=3>绩效指标<th>一级指标<th>二级指标<th>三级指标\n"
	"<tr><td rowspan=2>产出指标<td>数量指标<td>人数（人）<td>≥10\n<tr><td>质量指标<td>合格率（%）<td>%T\n"
	"</table><p>注：以上为测试。</p>";

static char *page_with(const char *target)
{
	struct jx_buf b = JX_BUF_INIT;
	const char *at = strstr(page_table, "%T");

	jx_buf_add(&b, page_table, (size_t)(at - page_table), NULL);
	jx_buf_adds(&b, target, NULL);
	jx_buf_adds(&b, at + 2, NULL);
	return jx_buf_detach(&b, NULL);
}

static void test_reader_reads_a_table(void **state)
{
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	char *page = page_with("≥95%");

	(void)state;
	assert_true(jx_reader_html.sniff(page, strlen(page)));
	assert_int_equal(read_projects(page, strlen(page), p, MAXP, &err), 1);
	assert_string_equal(p[0]->name, "测试项目");
	assert_int_equal(p[0]->year, 2021);
	assert_int_equal(p[0]->total, HUNDREDTHS(1000));
	assert_string_equal(p[0]->goal, "完成任务。");
	assert_int_equal(p[0]->n_ind, 2);
	assert_string_equal(p[0]->ind[1].level2, "质量指标");
	assert_string_equal(p[0]->ind[1].unit, "%");
	free_projects(p, 1);
	free(page);
	page = page_with("≥95%<td>多余");
	assert_int_equal(read_projects(page, strlen(page), p, MAXP, &err), -1);
	assert_string_equal(err.msg, "test: 表1 第9行 第6列: 一行应只有指标名称和指标值，多出“多余”");
	free(page);
}

static void test_reader_sniff(void **state)
{
	(void)state;
	assert_true(jx_reader_html.sniff("\357\273\277 \n<!DOCTYPE HTML>", 19));
	assert_true(jx_reader_html.sniff("<?xml version=\"1.0\"?>\n<HTML xmlns=\"http://www.w3.org/1999/xhtml\">", 66));
	assert_true(jx_reader_html.sniff("<table><tr><td>项目名称", 28));
	assert_false(jx_reader_html.sniff("{\"projects\": []}", 16));
	assert_false(jx_reader_html.sniff("部门预算项目支出绩效目标表\n<table>", 40));
	assert_false(jx_reader_html.sniff("<附件1>\n部门预算项目支出绩效目标表", 40));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_spans),
		cmocka_unit_test(test_grid_rowspan_and_colspan_together),
		cmocka_unit_test(test_grid_overlap),
		cmocka_unit_test(test_grid_ragged_and_empty),
		cmocka_unit_test(test_grid_merged_cell_once),
		cmocka_unit_test(test_grid_rowspan_stops_at_its_row_group),
		cmocka_unit_test(test_grid_span_values),
		cmocka_unit_test(test_grid_cell_text),
		cmocka_unit_test(test_grid_caption_head_foot_in_order),
		cmocka_unit_test(test_grid_too_many_cells_handed_over),
		cmocka_unit_test(test_grid_rows_bounded),
		cmocka_unit_test(test_layout_tables_are_blocks),
		cmocka_unit_test(test_text_blocks_and_lines),
		cmocka_unit_test(test_text_white_space_kept_by_css),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_nesting_bounded),
		cmocka_unit_test(test_reader_reads_a_table),
		cmocka_unit_test(test_reader_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
