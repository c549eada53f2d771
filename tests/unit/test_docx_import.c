/*
 * test_docx_import.c — the Word reader (docx_import.c): documents built here from their
 * word/document.xml alone (zipped in memory), so that each case shows the paragraphs, rows and cells
 * it is about — merged cells above all: w:gridSpan, w:gridBefore, w:vMerge and w:hMerge, where the
 * columns table.c sees come from, and what the places in messages say. The documents made by
 * LibreOffice are read in tests/cli/t0016-docx.sh.
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
#include "jixiao/model.h"

#define MAXP 4

/* The pieces of a document. */
#define P(t) "<w:p><w:r><w:t>" t "</w:t></w:r></w:p>"
#define TC(t) "<w:tc>" P(t) "</w:tc>"
#define TCP(pr, t) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(t) "</w:tc>" /* a cell with properties */
#define TR(cells) "<w:tr>" cells "</w:tr>"
#define TBL(rows) "<w:tbl>" rows "</w:tbl>"
#define SPAN(n) "<w:gridSpan w:val=\"" n "\"/>"
#define BEFORE(n) "<w:trPr><w:gridBefore w:val=\"" n "\"/></w:trPr>"
#define RESTART "<w:vMerge w:val=\"restart\"/>"
#define CONTINUE "<w:vMerge/>"
#define TITLE P("部门预算项目支出绩效目标表") P("(2021年度)")
#define HEADER                                                                                               \
	TR(TC("项目名称") TCP(SPAN("3"), "测试项目")) TR(TC("预算单位") TCP(SPAN("3"), "测试单位"))           \
	TR(TC("年度资金总额") TCP(SPAN("3"), "10.00"))
#define IND_HEAD TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
#define HEAD_ROWS HEADER IND_HEAD
#define IND(l1, l2, name, target) TR(TC(l1) TC(l2) TC(name) TC(target))

/* Reads the document whose w:body holds body; returns how many projects (-1 with err set). */
static int read_body(const char *body, struct jx_project **p, struct jx_err *err)
{
	struct jx_buf xml = JX_BUF_INIT;
	const char *parts[] = { "word/document.xml", NULL, NULL };
	int n;

	jx_buf_addf(&xml, NULL,
		    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>%s"
		    "</w:body></w:document>",
		    body);
	parts[1] = xml.ptr;
	n = read_zip(parts, p, MAXP, err);
	jx_buf_release(&xml);
	return n;
}

static struct jx_project *one_table(const char *body)
{
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };
	int n = read_body(body, p, &err);

	if (n != 1)
		fail_msg("expected one table, got %d: %s", n, err.msg);
	return p[0];
}

/* The message reading the document gives. */
static const char *error_of(const char *body)
{
	static struct jx_err err;
	struct jx_project *p[MAXP];

	memset(&err, 0, sizeof(err));
	if (read_body(body, p, &err) != -1)
		fail_msg("expected an error reading %s", body);
	return err.msg;
}

static void assert_error(const char *body, const char *want)
{
	const char *got = error_of(body);

	if (!strstr(got, want))
		fail_msg("\"%s\" does not contain \"%s\"", got, want);
}

static void assert_indicator(const struct jx_indicator *ind, const char *l1, const char *l2, const char *name)
{
	assert_string_equal(ind->level1, l1);
	assert_string_equal(ind->level2, l2);
	assert_string_equal(ind->name, name);
}

/* ---- columns: gridBefore and gridSpan ---- */

static void test_grid_columns(void **state)
{
	/* gridBefore 1 skips column 1; a cell spanning 2 columns takes 2–3: the extra cell is in column 7. */
	(void)state;
	assert_error(TITLE TBL(HEAD_ROWS TR(BEFORE("1") TCP(SPAN("2"), "产出指标") TC("数量指标") TC("人数（人）") TC("5")
					    TC("多余"))),
		     "test: 表1 第5行 第7列: 一行应只有指标名称和指标值，多出“多余”");
	/* A span of 0, of no number or a negative one is one column. */
	assert_error(TITLE TBL(HEAD_ROWS TR(TCP(SPAN("0"), "产出指标") TCP(SPAN("x"), "数量指标") TCP(SPAN("-3"), "人数（人）")
					    TC("5") TC("多余"))),
		     "test: 表1 第5行 第5列: 一行应只有");
	/* Empty cells take their columns too. */
	assert_error(TITLE TBL(HEAD_ROWS TR(TC("产出指标") TC("") TC("数量指标") TCP(SPAN("4"), "") TC("人数（人）") TC("5")
					    TC("多余"))),
		     "test: 表1 第5行 第10列: 一行应只有");
}

static void test_grid_limits(void **state)
{
	(void)state;
	assert_error(TITLE TBL(HEAD_ROWS TR(TC("产出指标") TCP(SPAN("99999999999999999999999"), "数量指标"))),
		     "test: 表1 第5行 第2列: 合并的列数（gridSpan）“99999999999999999999”超出上限：一张表最多 16384 列");
	assert_error(TITLE TBL(HEAD_ROWS TR(TC("产出指标") TCP(SPAN("16384"), "数量指标"))), "第2列: 合并的列数");
	assert_error(TITLE TBL(HEAD_ROWS TR(TCP(SPAN("16384"), "产出指标") TC("数量指标"))),
		     "test: 表1 第5行: 这一行超过 16384 列");
	assert_error(TITLE TBL(HEAD_ROWS TR(BEFORE("16384") TC("产出指标"))),
		     "test: 表1 第5行: 行首空出的列数（gridBefore）“16384”超出上限");
}

/* ---- vertical and horizontal merges ---- */

static void test_vmerge_continuation_is_empty(void **state)
{
	/* Stale text in continuation cells (as an editor may leave it) is not seen: the labels carry on. */
	struct jx_project *p = one_table(TITLE TBL(
		HEAD_ROWS
		TR(TCP(RESTART, "产出指标") TCP(RESTART, "数量指标") TC("人数（人）") TC("5"))
		TR(TCP(CONTINUE, "效益指标") TCP("<w:vMerge w:val=\"continue\"/>", "社会效益指标") TC("次数（次）") TC("3"))
		TR(TCP(CONTINUE, "") TCP(RESTART, "质量指标") TC("合格率（%）") TC("≥95%"))
		TR(TCP(CONTINUE, "") TCP(CONTINUE, "时效指标") TC("及时率（%）") TC("100%"))));

	(void)state;
	assert_int_equal(p->n_ind, 4);
	assert_indicator(&p->ind[0], "产出指标", "数量指标", "人数");
	assert_indicator(&p->ind[1], "产出指标", "数量指标", "次数");
	assert_indicator(&p->ind[2], "产出指标", "质量指标", "合格率");
	assert_indicator(&p->ind[3], "产出指标", "质量指标", "及时率");
	jx_project_free(p);
}

static void test_vmerge_edges(void **state)
{
	/* A continuation with nothing above it is empty too, its columns still counted. A cell both spanned
	 * and merged down (绩效指标 over two columns) continues over all its columns. */
	struct jx_project *p = one_table(TITLE TBL(
		TR(TCP(CONTINUE, "旧的文字") TC("项目名称") TCP(SPAN("2"), "测试项目"))
		TR(TC("") TC("预算单位") TC("测试单位")) TR(TC("") TC("年度资金总额") TC("10.00"))
		TR(TC("") TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
		TR(TCP(SPAN("2") RESTART, "绩效指标") TC("产出指标") TC("数量指标") TC("人数（人）") TC("5"))
		TR(TCP(SPAN("2") CONTINUE, "绩效指标") TC("") TC("") TC("次数（次）") TC("3"))));

	(void)state;
	assert_string_equal(p->name, "测试项目");
	assert_int_equal(p->n_ind, 2);
	assert_indicator(&p->ind[1], "产出指标", "数量指标", "次数");
	jx_project_free(p);
	assert_error(TITLE TBL(HEAD_ROWS TR(TCP(SPAN("2") RESTART, "绩效指标") TC("产出指标") TC("数量指标") TC("人数（人）") TC("5"))
			       TR(TCP(SPAN("2") CONTINUE, "") TC("") TC("") TC("次数（次）") TC("3") TC("多余"))),
		     "test: 表1 第6行 第7列: 一行应只有");
}

static void test_hmerge(void **state)
{
	/* The old horizontal merge: the continuing cell's text is not seen, its column is counted. */
	struct jx_project *p = one_table(TITLE TBL(
		TR(TC("项目名称") TCP("<w:hMerge w:val=\"restart\"/>", "测试项目") TCP("<w:hMerge/>", "旧的名称"))
		TR(TC("预算单位") TC("测试单位")) TR(TC("年度资金总额") TC("10.00"))));

	(void)state;
	assert_string_equal(p->name, "测试项目");
	jx_project_free(p);
}

/* ---- text as Word shows it ---- */

static void test_text_as_shown(void **state)
{
	/* Deleted and hidden runs, field codes, phonetic guides, earlier properties and drawings are left
	 * out; insertions, hyperlinks, content controls and smart tags are read; a tab is a space, a tab
	 * stop is nothing; alternate content is read once. */
	struct jx_project *p = one_table(
		"<w:p><w:r><w:t>部门预算项目支出绩效目标表</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>(2021年度)</w:t></w:r></w:p>"
		TBL(TR(TC("项目名称")
		       "<w:tc><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
		       "<w:r><w:t>测试</w:t></w:r><w:del><w:r><w:delText>旧的</w:delText></w:r></w:del>"
		       "<w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
		       "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TITLE </w:instrText></w:r>"
		       "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>项目</w:t></w:r>"
		       "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
		       "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>"
		       "</w:p></w:tc>")
		    TR(TC("预算单位")
		       "<w:tc><w:sdt><w:sdtContent><w:p><w:hyperlink><w:r><w:t>测试</w:t></w:r></w:hyperlink>"
		       "<w:r><w:tab/></w:r><w:smartTag><w:r><w:rPr><w:rPrChange><w:rPr><w:vanish/></w:rPr></w:rPrChange>"
		       "</w:rPr><w:t>单位</w:t></w:r></w:smartTag><w:r><w:ruby><w:rt><w:r><w:t>dan</w:t></w:r></w:rt>"
		       "<w:rubyBase><w:r><w:t>一</w:t></w:r></w:rubyBase></w:ruby></w:r>"
		       "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>处</w:t></w:r>"
		       "<mc:AlternateContent><mc:Choice><w:r><w:t>甲</w:t></w:r></mc:Choice>"
		       "<mc:Fallback><w:r><w:t>甲</w:t></w:r></mc:Fallback></mc:AlternateContent>"
		       "</w:p></w:sdtContent></w:sdt></w:tc>")
		    TR(TC("年度资金总额") TC("10.00"))));

	(void)state;
	assert_string_equal(p->name, "测试新项目");
	assert_string_equal(p->unit, "测试 单位一处甲");
	jx_project_free(p);
}

static void test_cell_paragraphs(void **state)
{
	/* A cell's paragraphs and line breaks are its lines, each trimmed, blank ones dropped; line breaks
	 * written inside w:t are spaces. */
	struct jx_project *p = one_table(TITLE TBL(
		HEADER "<w:tr><w:tc>" P("年度目标") "</w:tc></w:tr>"
		"<w:tr><w:tc>" P(" 第一行 ") "<w:p/>" P("") "<w:p><w:r><w:t>第二行</w:t><w:br/><w:t>第三行&#10;续</w:t></w:r></w:p>"
		"</w:tc></w:tr>"));

	(void)state;
	assert_string_equal(p->goal, "第一行\n第二行\n第三行 续");
	jx_project_free(p);
}

/* ---- tables in tables, tables across pages ---- */

static void test_nested_table_is_flattened(void **state)
{
	/* A one-cell frame around the table, its title above it in the same cell: read as if unframed. The
	 * frame's row before the inner table, and its text after, are prose and rows around the table. */
	struct jx_project *p = one_table(TBL(TR(TC("附件1") "<w:tc>" TITLE TBL(HEAD_ROWS IND("产出指标", "数量指标",
		"人数（人）", "5")) P("注：以上为年度目标") "</w:tc>" TC("右侧说明"))));

	(void)state;
	assert_string_equal(p->name, "测试项目");
	assert_int_equal(p->n_ind, 1);
	jx_project_free(p);
	/* Places inside: the inner table is 表2, the frame's prose is its cell's. */
	assert_error(TBL(TR("<w:tc>" TITLE TBL(HEAD_ROWS IND("产出指标", "数量指标", "人数（人）", "5") TR(TC("") TC("")
		TC("次数（次）") TC("3") TC("多余"))) "</w:tc>")), "test: 表2 第6行 第5列: 一行应只有");
	assert_error(TBL(TR(TC("") "<w:tc>" TITLE P("备注说明") TBL(HEAD_ROWS) "</w:tc>")),
		     "test: 表1 第1行 第2列: 无法识别的表头“备注说明”");
}

static void test_nesting_limit(void **state)
{
	struct jx_buf body = JX_BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 9; i++)
		jx_buf_adds(&body, "<w:tbl><w:tr><w:tc>", NULL);
	for (i = 0; i < 9; i++)
		jx_buf_adds(&body, "</w:tc></w:tr></w:tbl>", NULL);
	assert_error(body.ptr, "test: 表8 第1行 第1列: 表格嵌套超过 8 层");
	jx_buf_release(&body);
}

static void test_table_across_pages(void **state)
{
	/* A table broken across pages into two Word tables, a page number between them: one table. */
	struct jx_project *p = one_table(TITLE TBL(HEAD_ROWS IND("产出指标", "数量指标", "人数（人）", "5"))
		"<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" P("- 2 -")
		TBL(IND("", "", "次数（次）", "3") IND("满意度指标", "服务对象满意度指标", "满意度（%）", "≥95%")));

	(void)state;
	assert_int_equal(p->n_ind, 3);
	assert_indicator(&p->ind[1], "产出指标", "数量指标", "次数");
	assert_indicator(&p->ind[2], "满意度指标", "服务对象满意度指标", "满意度");
	jx_project_free(p);
	assert_error(TITLE TBL(HEAD_ROWS) P("- 2 -") TBL(TR(TC("产出指标") TC("数量指标") TC("人数（人）") TC("5") TC("多余"))),
		     "test: 表2 第1行 第5列: 一行应只有");
}

/* ---- places and limits ---- */

static void test_paragraph_places(void **state)
{
	/* Paragraphs are counted when they hold text, tables aside; a title and its year broken by w:br in
	 * one paragraph are two lines of one 段. */
	(void)state;
	assert_error(P("说明") "<w:p/>" P("  ") TITLE P("备注说明"), "test: 第4段: 无法识别的表头“备注说明”");
	assert_error(TBL(TR(TC("x"))) "<w:p><w:r><w:t>部门预算项目支出绩效目标表</w:t><w:br/><w:t>(2021年度)</w:t></w:r></w:p>"
		     P("备注说明"), "test: 第2段: 无法识别的表头");
	assert_error(P("说明"), "test: 没有找到绩效目标表");
	assert_error("", "test: 没有找到绩效目标表");
}

static void test_text_limits(void **state)
{
	struct jx_buf body = JX_BUF_INIT, big = JX_BUF_INIT;
	int i;

	(void)state;
	jx_buf_addn(&big, 'a', 256 * 1024, NULL);
	jx_buf_addf(&body, NULL, TITLE "<w:tbl><w:tr>" TC("项目名称") "<w:tc>" P("%s") P("b") "</w:tc></w:tr></w:tbl>",
		    big.ptr);
	assert_error(body.ptr, "test: 表1 第1行 第2列: 单元格的文字超过 256 KiB");
	jx_buf_reset(&body);
	jx_buf_addf(&body, NULL, P("说明") P("%sb"), big.ptr);
	assert_error(body.ptr, "test: 第2段: 段落的文字超过 256 KiB");
	jx_buf_reset(&body);
	jx_buf_addf(&body, NULL, TITLE "<w:tbl><w:tr>");
	for (i = 0; i < 5; i++)
		jx_buf_addf(&body, NULL, "<w:tc>" P("%.*s") "</w:tc>", 250 * 1024, big.ptr);
	jx_buf_adds(&body, "</w:tr></w:tbl>", NULL);
	assert_error(body.ptr, "test: 表1 第1行 第5列: 这一行的文字超过 1024 KiB");
	jx_buf_reset(&body);
	jx_buf_adds(&body, TITLE "<w:tbl>" HEAD_ROWS "<w:tr>", NULL);
	for (i = 0; i < 70; i++)
		jx_buf_adds(&body, TC("格"), NULL);
	jx_buf_adds(&body, "</w:tr></w:tbl>", NULL);
	assert_error(body.ptr, "test: 表1 第5行 第65列: 一行的单元格超过 64 个");
	jx_buf_release(&body);
	jx_buf_release(&big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_columns),
		cmocka_unit_test(test_grid_limits),
		cmocka_unit_test(test_vmerge_continuation_is_empty),
		cmocka_unit_test(test_vmerge_edges),
		cmocka_unit_test(test_hmerge),
		cmocka_unit_test(test_text_as_shown),
		cmocka_unit_test(test_cell_paragraphs),
		cmocka_unit_test(test_nested_table_is_flattened),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_table_across_pages),
		cmocka_unit_test(test_paragraph_places),
		cmocka_unit_test(test_text_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
