/*
 * test_render.c — the renderers: the JSON form parses back, the document form is the expected text,
 * and the terminal view keeps within its width and aligns its columns by display width.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "jixiao/buf.h"
#include "jixiao/render.h"
#include "jixiao/text.h"

struct seed {
	struct jx_project *p[5];
};

static int setup(void **state)
{
	struct seed *s = calloc(1, sizeof(*s));
	struct jx_err err = { 0 };
	size_t len;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);

	assert_int_equal(read_projects(text, len, s->p, 5, &err), 5);
	free(text);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct seed *s = *state;

	free_projects(s->p, 5);
	free(s);
	return 0;
}

/* Renders n projects with r into out. */
static void render(const struct jx_renderer *r, struct jx_project **p, size_t n, int width, struct jx_buf *out)
{
	struct jx_render_opts o = { width };
	struct jx_err err = { 0 };
	struct jx_render rd;
	size_t i;

	jx_render_begin(&rd, r, &o, out);
	for (i = 0; i < n; i++)
		assert_int_equal(jx_render_project(&rd, out, p[i], &err), 0);
	assert_int_equal(jx_render_end(&rd, out, false, &err), 0);
}

static void test_registry(void **state)
{
	(void)state;
	assert_ptr_equal(jx_renderer_get("json"), &jx_render_json);
	assert_ptr_equal(jx_renderer_get("text"), &jx_render_text);
	assert_ptr_equal(jx_renderer_get("term"), &jx_render_term);
	assert_ptr_equal(jx_renderer_get("html"), &jx_render_html);
	assert_ptr_equal(jx_renderer_get("csv"), &jx_render_csv);
	assert_ptr_equal(jx_renderer_get("pdf"), &jx_render_pdf);
	assert_ptr_equal(jx_renderer_get("xlsx"), &jx_render_xlsx);
	assert_null(jx_renderer_get("docx"));
	assert_null(jx_renderer_get(""));
}

static void test_json_parses_as_one_document(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	json_error_t je;
	json_t *j;

	render(&jx_render_json, s->p, 5, 0, &out);
	j = json_loads(out.ptr, 0, &je);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "projects")), 5);
	json_decref(j);
	jx_buf_reset(&out);
	render(&jx_render_json, s->p, 0, 0, &out);
	assert_string_equal(out.ptr, "{\"projects\": []}\n");
	jx_buf_release(&out);
}

/* Review: an abandoned JSON output gets no closing brackets, so it never reads as complete. */
static void test_json_abandoned_is_incomplete(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_render rd;

	jx_render_begin(&rd, &jx_render_json, NULL, &out);
	assert_int_equal(jx_render_project(&rd, &out, s->p[0], &err), 0);
	assert_int_equal(jx_render_end(&rd, &out, true, &err), 0);
	assert_null(json_loads(out.ptr, 0, NULL));
	assert_true(out.len > 3 && strcmp(out.ptr + out.len - 3, "]}\n") != 0);
	jx_buf_release(&out);
}

static void test_text_is_the_document_form(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	size_t len;
	char *want = read_file(src_path("tests/cli/expect/seed-export.txt"), &len);

	render(&jx_render_text, s->p, 5, 0, &out);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.ptr, want, len);
	assert_non_null(strstr(out.ptr, "\t\t时效指标\t核酸检测结果报告时限(小时)\t=24\n"));
	assert_non_null(strstr(out.ptr, "\t效益指标\t社会效益指标\t建档立卡学生入学率(%)\t\n")); /* no target: empty cell */
	free(want);
	jx_buf_release(&out);
}

/* Calls fn on each line of text. */
static void each_line(const char *text, void (*fn)(const char *line, size_t len, void *ctx), void *ctx)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		fn(text, n, ctx);
		text += n + (text[n] == '\n');
	}
}

static void within_width(const char *line, size_t len, void *ctx)
{
	size_t width = *(size_t *)ctx;

	if (jx_text_width(line, len) > width)
		fail_msg("line wider than %zu: %.*s", width, (int)len, line);
}

static void test_term_keeps_within_width(void **state)
{
	struct seed *s = *state;
	static const int widths[] = { 60, 80, 120 };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct jx_buf out = JX_BUF_INIT;
		size_t w = (size_t)widths[i];

		render(&jx_render_term, s->p, 5, widths[i], &out);
		each_line(out.ptr, within_width, &w);
		jx_buf_release(&out);
	}
}

/* Where (in display columns) the target column starts on an indicator row holding target. */
static size_t target_column(const char *text, const char *target)
{
	const char *at = strstr(text, target), *line = at;

	assert_non_null(at);
	while (line > text && line[-1] != '\n')
		line--;
	return jx_text_width(line, (size_t)(at - line));
}

static void no_closing_at_start(const char *line, size_t len, void *ctx)
{
	(void)ctx;
	while (len > 0 && *line == ' ')
		line++, len--;
	if (len >= 3 && (memcmp(line, "。", 3) == 0 || memcmp(line, "，", 3) == 0))
		fail_msg("a line starts with closing punctuation: %.*s", (int)len, line);
}

/* Chinese typography starts no line with 。 or ，: the goal of the disaster census table once did. */
static void test_term_wraps_before_punctuation(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;

	render(&jx_render_term, s->p, 5, 80, &out);
	each_line(out.ptr, no_closing_at_start, NULL);
	jx_buf_release(&out);
}

static void test_term_aligns_cjk_columns(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	size_t col;

	render(&jx_render_term, &s->p[0], 1, 100, &out);
	col = target_column(out.ptr, "≥700000");
	assert_int_equal(target_column(out.ptr, "全力保障"), col);
	assert_int_equal(target_column(out.ptr, "≥95.0%"), col);
	assert_int_equal(target_column(out.ptr, "指标值"), col);
	assert_non_null(strstr(out.ptr, "\n产出指标  "));
	assert_non_null(strstr(out.ptr, "年度资金总额 3033.00 万元（财政拨款 3033.00，其他资金 0.00）"));
	jx_buf_release(&out);
}

static void test_term_marks_missing_target(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;

	render(&jx_render_term, &s->p[1], 1, 100, &out);
	assert_non_null(strstr(out.ptr, "建档立卡学生入学率 (%)"));
	assert_non_null(strstr(out.ptr, "（未填）"));
	jx_buf_release(&out);
}

/* A table whose every field needs care in some format. */
static const char hostile[] =
	"{\"projects\": [{\"year\": 2021, \"name\": \"=HYPERLINK(\\\"http://x\\\")项目\", \"unit\": \"单位,甲<b>&'\","
	" \"funds\": {\"total\": \"1.00\", \"fiscal\": \"1.00\", \"other\": \"0.00\"},"
	" \"goal\": \"第一行\\n第二行 \\\"引号\\\" <script>alert(1)</script>\", \"indicators\": ["
	"{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"+1人次\", \"target\": \"@风险\"},"
	"{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"-减少\", \"target\": \"=100.0%\"}]}]}";

static struct jx_project *hostile_project(void)
{
	struct jx_project *p = NULL;
	struct jx_err err = { 0 };

	if (read_projects(hostile, strlen(hostile), &p, 1, &err) != 1)
		fail_msg("hostile: %s", err.msg);
	return p;
}

/* The optional columns after 指标值, empty: 9 of an indicator, 11 header fields, 3 amounts and tasks. */
#define NO_OPTIONAL ",,,,,,,,,,,,,,,,,,,,,,,"

static void test_csv_quotes_and_defuses_formulas(void **state)
{
	struct jx_project *p = hostile_project();
	struct jx_buf out = JX_BUF_INIT;
	const char *row1 = "2021,项目,\"'=HYPERLINK(\"\"http://x\"\")项目\",\"单位,甲<b>&'\",1.00,1.00,0.00,"
			   "\"第一行\n第二行 \"\"引号\"\" <script>alert(1)</script>\",产出指标,数量指标,'+1人次,,'@风险" NO_OPTIONAL
			   "\r\n";
	const char *row2 = ",产出指标,数量指标,'-减少,%,'=100.0%" NO_OPTIONAL "\r\n";
	char *body;

	(void)state;
	render(&jx_render_csv, &p, 1, 0, &out);
	assert_memory_equal(out.ptr, "\xEF\xBB\xBF年度,类型,项目名称,", strlen("\xEF\xBB\xBF年度,类型,项目名称,"));
	body = strstr(out.ptr, "\r\n") + 2;
	assert_memory_equal(body, row1, strlen(row1));
	body += strlen(row1);
	assert_non_null(strstr(body, row2));
	assert_int_equal(strlen(strstr(body, row2)), strlen(row2)); /* the last row */
	jx_buf_release(&out);
	jx_project_free(p);
}

static void test_csv_table_without_indicators(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;
	size_t n = s->p[0]->n_ind, rows = 0;
	const char *c;

	(void)state;
	s->p[0]->n_ind = 0; /* hidden, not freed: restored below */
	render(&jx_render_csv, s->p, 1, 0, &out);
	s->p[0]->n_ind = n;
	for (c = out.ptr; (c = strstr(c, "\r\n")); c += 2)
		rows++;
	assert_int_equal(rows, 2); /* the header and one row with the table's fields */
	assert_non_null(strstr(out.ptr, ",博湖县卫生健康委员会,3033.00,3033.00,0.00,"));
	assert_non_null(strstr(out.ptr, ",,,,\r\n"));
	jx_buf_release(&out);
}

/* Every file has every column; a table's optional fields fill theirs, the amounts it does not give are
 * empty, and its tasks are one field, a line each. */
static void test_csv_optional_columns(void **state)
{
	static const char json[] =
		"{\"projects\": [{\"year\": 2023, \"name\": \"甲\", \"kind\": \"department\", \"department\": \"乙厅\","
		" \"funds\": {\"total\": \"3.00\", \"carryover\": \"1.50\"}, \"tasks\": [{\"name\": \"任务一\", \"total\": \"2.00\","
		" \"fiscal\": \"2.00\"}, {\"name\": \"任务二\", \"total\": \"1.00\"}], \"indicators\": [{\"level1\": \"产出指标\","
		" \"level2\": \"数量指标\", \"name\": \"人数\", \"target\": \"≥5\", \"weight\": \"20\", \"previous\": \"4\"}]}]}";
	struct jx_buf out = JX_BUF_INIT;
	struct jx_project *p = NULL;
	struct jx_err err = { 0 };

	(void)state;
	if (read_projects(json, strlen(json), &p, 1, &err) != 1)
		fail_msg("%s", err.msg);
	render(&jx_render_csv, &p, 1, 0, &out);
	assert_non_null(strstr(out.ptr, ",指标值,指标方向,分值,指标解释,评分标准,取值依据,指标值类型,备注,实施期指标值,上年实际值,表名,"
					"主管部门,"));
	assert_non_null(strstr(out.ptr, ",上年结转资金（万元）,实施期资金总额（万元）,年度主要任务（万元）\r\n2023,部门整体,甲,甲,3.00,,,,"
					"产出指标,数量指标,人数,,≥5,,20,,,,,,,4,,乙厅,,,,,,,,,,1.50,,"
					"\"任务一 2.00（财政拨款 2.00）\n任务二 1.00\"\r\n"));
	jx_buf_release(&out);
	jx_project_free(p);
}

static void test_html_escapes_every_field(void **state)
{
	struct jx_project *p = hostile_project();
	struct jx_buf out = JX_BUF_INIT;

	(void)state;
	render(&jx_render_html, &p, 1, 0, &out);
	assert_null(strstr(out.ptr, "<script>"));
	assert_null(strstr(out.ptr, "<b>"));
	assert_non_null(strstr(out.ptr, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(out.ptr, "单位,甲&lt;b&gt;&amp;&#39;"));
	assert_non_null(strstr(out.ptr, "=HYPERLINK(&quot;http://x&quot;)项目"));
	assert_non_null(strstr(out.ptr, "第一行\n第二行 &quot;引号&quot;")); /* the goal keeps its lines (pre-line) */
	assert_non_null(strstr(out.ptr, "</html>\n"));
	jx_buf_release(&out);
	jx_project_free(p);
}

static void test_html_merges_levels(void **state)
{
	struct seed *s = *state;
	struct jx_buf out = JX_BUF_INIT;

	render(&jx_render_html, s->p, 1, 0, &out);
	/* the epidemic table: 产出指标 over 10 rows, 数量指标 3, 质量指标 5, 效益指标 4, 社会效益指标 2; 15 indicators */
	assert_non_null(strstr(out.ptr, "rowspan=\"10\">产出指标<"));
	assert_non_null(strstr(out.ptr, "rowspan=\"3\">数量指标<"));
	assert_non_null(strstr(out.ptr, "rowspan=\"5\">质量指标<"));
	assert_non_null(strstr(out.ptr, "rowspan=\"4\">效益指标<"));
	assert_non_null(strstr(out.ptr, "rowspan=\"2\">社会效益指标<"));
	assert_non_null(strstr(out.ptr, "rowspan=\"16\">绩效指标<"));
	assert_null(strstr(out.ptr, "rowspan=\"1\">"));
	jx_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_csv_quotes_and_defuses_formulas),
		cmocka_unit_test_setup_teardown(test_csv_table_without_indicators, setup, teardown),
		cmocka_unit_test(test_csv_optional_columns),
		cmocka_unit_test(test_html_escapes_every_field),
		cmocka_unit_test_setup_teardown(test_html_merges_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_parses_as_one_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_abandoned_is_incomplete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_is_the_document_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_term_keeps_within_width, setup, teardown),
		cmocka_unit_test_setup_teardown(test_term_wraps_before_punctuation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_term_aligns_cjk_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_term_marks_missing_target, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
