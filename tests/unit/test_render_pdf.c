/*
 * test_render_pdf.c — the PDF renderer, read back with poppler's tools: the seed's text comes out of
 * the pages as written (Chinese included), a statement page and a page per table, the same bytes every
 * time, long indicator tables continue across pages under their header row, a long goal or statement
 * is wrapped and continued without losing text, every glyph has ink, and an abandoned output is never
 * a complete PDF. Self-evaluation tables (绩效自评表) and their summary: every figure in its row, a page
 * per project, long ones continued under their header row, the same bytes every time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "scored.h"
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/evaluation.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/score.h"

/*
 * Memory fontconfig never frees, which LeakSanitizer would report: its configuration, loaded once
 * per process (pango loads it on a thread of its own). It is matched by function name, which needs
 * whole allocation stacks: the libraries are built without frame pointers.
 */
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *__lsan_default_suppressions(void)
{
	return "leak:FcInitLoadConfigAndFonts\n";
}

struct seed {
	struct jx_project *p[5];
	char *key[5];
	struct jx_statement s;
};

static int setup(void **state)
{
	struct seed *sd = calloc(1, sizeof(*sd));
	struct jx_err err = { 0 };
	size_t len, i;
	char *text = read_file(src_path("data/samples/bohu-2021.txt"), &len);

	assert_int_equal(read_projects(text, len, sd->p, 5, &err), 5);
	free(text);
	for (i = 0; i < 5; i++)
		sd->key[i] = sd->p[i]->name;
	sd->s = (struct jx_statement){ .year = 2021, .key_only = true, .departments = 61, .units = 12, .projects = 16,
				       .money = HUNDREDTHS(551761), .key_projects = sd->key, .n_key = 5, .attached = sd->key,
				       .n_attached = 5 };
	*state = sd;
	return 0;
}

static int teardown(void **state)
{
	struct seed *sd = *state;

	free_projects(sd->p, 5);
	free(sd);
	return 0;
}

/* Renders the statement s (if not NULL) and n projects as a PDF into out. */
static void render(const struct jx_statement *s, struct jx_project **p, size_t n, struct jx_buf *out)
{
	struct jx_err err = { 0 };
	struct jx_render rd;
	size_t i;

	jx_render_begin(&rd, &jx_render_pdf, NULL, out);
	if (s)
		assert_int_equal(jx_render_statement(&rd, out, s, &err), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(jx_render_project(&rd, out, p[i], &err), 0);
	assert_int_equal(jx_render_end(&rd, out, false, &err), 0);
	assert_int_equal(err.code, JX_OK);
	assert_memory_equal(out->ptr, "%PDF", 4);
}

/* Writes pdf to a new temporary file; returns its path in a static buffer. */
static const char *save(const struct jx_buf *pdf)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/test_render_pdf_XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf->ptr, pdf->len), (ssize_t)pdf->len);
	close(fd);
	return path;
}

/* The output of a shell command, as a new string. */
static char *run(const char *cmd)
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

/* The text of pages first..last of the PDF at path (all pages if first is 0), laid out. */
static char *pdf_text(const char *path, int first, int last)
{
	char cmd[256];

	if (first)
		snprintf(cmd, sizeof(cmd), "pdftotext -layout -f %d -l %d '%s' -", first, last, path);
	else
		snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' -", path);
	return run(cmd);
}

static int pdf_pages(const char *path)
{
	char cmd[256], *info, *at;
	int pages;

	snprintf(cmd, sizeof(cmd), "pdfinfo '%s'", path);
	info = run(cmd);
	at = strstr(info, "Pages:");
	assert_non_null(at);
	pages = atoi(at + strlen("Pages:"));
	free(info);
	return pages;
}

/* text with its white space (pdftotext's layout) and every copy of drop (a repeated label) removed. */
static char *squeeze(const char *text, const char *drop)
{
	char *s = jx_strdup(text), *w = s, *at;
	const char *r;

	for (r = text; *r; r++)
		if (!strchr(" \t\n\f", *r))
			*w++ = *r;
	*w = '\0';
	while ((at = strstr(s, drop)) != NULL)
		memmove(at, at + strlen(drop), strlen(at + strlen(drop)) + 1);
	return s;
}

/* True if the bytes of b (a PDF holds NULs) contain s. */
static bool contains(const struct jx_buf *b, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->ptr + i, s, n) == 0)
			return true;
	return false;
}

/* The number of characters in UTF-8 text. */
static size_t characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void test_seed_text_reads_back(void **state)
{
	struct seed *sd = *state;
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	char *text;
	size_t i;

	render(&sd->s, sd->p, 5, &out);
	path = save(&out);
	text = pdf_text(path, 0, 0);
	assert_non_null(strstr(text, "2021年预算绩效目标公开说明"));
	assert_non_null(strstr(text, "涉及资金5517.61万元"));
	for (i = 0; i < 5; i++)
		assert_non_null(strstr(text, sd->p[i]->name));
	assert_non_null(strstr(text, "部门预算项目支出绩效目标表"));
	assert_non_null(strstr(text, "(2021年度)"));
	assert_non_null(strstr(text, "博湖县卫生健康委员会"));
	assert_non_null(strstr(text, "项目资金"));
	assert_non_null(strstr(text, "3033.00"));
	assert_non_null(strstr(text, "日消杀次数(次)"));
	assert_non_null(strstr(text, "≥700000"));
	assert_non_null(strstr(text, "=100.0%"));
	assert_non_null(strstr(text, "服务对象满意度指标"));
	assert_null(strstr(text, "\xef\xbf\xbd")); /* U+FFFD: a character that did not survive */
	assert_int_equal(pdf_pages(path), 6);
	unlink(path);
	free(text);
	jx_buf_release(&out);
}

static void test_same_data_same_bytes(void **state)
{
	struct seed *sd = *state;
	struct jx_buf a = JX_BUF_INIT, b = JX_BUF_INIT;
	char cmd[256], pa[64], pb[64], *same;

	render(&sd->s, sd->p, 5, &a);
	render(&sd->s, sd->p, 5, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	strcpy(pa, save(&a));
	strcpy(pb, save(&b));
	snprintf(cmd, sizeof(cmd), "cmp '%s' '%s' && echo same", pa, pb);
	same = run(cmd);
	assert_string_equal(same, "same\n");
	assert_true(contains(&a, "/CreationDate (20000101000000)"));
	unlink(pa);
	unlink(pb);
	free(same);
	jx_buf_release(&a);
	jx_buf_release(&b);
}

static void test_department_table(void **state)
{
	struct seed *sd = *state;
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	char *text;

	sd->p[0]->kind = JX_KIND_DEPARTMENT;
	render(NULL, sd->p, 1, &out);
	sd->p[0]->kind = JX_KIND_PROJECT;
	path = save(&out);
	text = pdf_text(path, 0, 0);
	assert_non_null(strstr(text, "部门整体支出绩效目标表"));
	assert_non_null(strstr(text, "部门名称"));
	assert_null(strstr(text, "预算单位"));
	assert_int_equal(pdf_pages(path), 1);
	unlink(path);
	free(text);
	jx_buf_release(&out);
}

/* A project of n indicators in two level-2 groups, named 指标1… with targets ≥1…, and goal. */
static struct jx_project *long_project(size_t n, const char *goal)
{
	struct jx_project *p = jx_project_new();
	char name[32], target[32];
	size_t i;

	free(p->name);
	free(p->unit);
	free(p->goal);
	p->name = jx_strdup("长表测试项目");
	p->unit = jx_strdup("测试单位");
	p->goal = jx_strdup(goal);
	p->year = 2021;
	for (i = 1; i <= n; i++) {
		struct jx_indicator *ind = jx_project_add(p, NULL);

		snprintf(name, sizeof(name), "指标%zu(次)", i);
		snprintf(target, sizeof(target), "≥%zu", i);
		assert_int_equal(jx_indicator_fill(ind, "产出指标", i <= n / 2 ? "数量指标" : "质量指标", name, strlen(name),
						   NULL, target, strlen(target), NULL),
				 0);
	}
	return p;
}

static void test_long_table_repeats_header(void **state)
{
	struct jx_project *p = long_project(150, "短目标");
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	char *text;
	int pages, i;

	(void)state;
	render(NULL, &p, 1, &out);
	path = save(&out);
	pages = pdf_pages(path);
	assert_true(pages >= 3);
	for (i = 1; i <= pages; i++) {
		text = pdf_text(path, i, i);
		assert_non_null(strstr(text, "三级指标"));
		assert_non_null(strstr(text, "产出指标")); /* the merged level-1 cell, shown again */
		free(text);
	}
	text = pdf_text(path, pages, pages);
	assert_non_null(strstr(text, "质量指标")); /* the second level-2 group, on the last page */
	assert_non_null(strstr(text, "指标150(次)"));
	assert_non_null(strstr(text, "≥150"));
	free(text);
	text = pdf_text(path, 0, 0);
	for (i = 1; i <= 150; i++) {
		char want[64];

		snprintf(want, sizeof(want), "指标%d(次)", i);
		assert_non_null(strstr(text, want));
	}
	unlink(path);
	free(text);
	jx_buf_release(&out);
	jx_project_free(p);
}

static void test_long_goal_loses_nothing(void **state)
{
	struct jx_buf goal = JX_BUF_INIT, out = JX_BUF_INIT;
	struct jx_project *p;
	const char *path;
	char *text, *flat, want[64];
	int i;

	(void)state;
	for (i = 1; characters(goal.ptr) < 3000; i++)
		jx_buf_addf(&goal, NULL, "第%d项工作按期完成，", i);
	jx_buf_adds(&goal, "目标结束。", NULL);
	p = long_project(10, goal.ptr);
	render(NULL, &p, 1, &out);
	path = save(&out);
	assert_true(pdf_pages(path) >= 2);
	text = pdf_text(path, 0, 0);
	flat = squeeze(text, "总体目标");
	for (i--; i > 0; i--) {
		snprintf(want, sizeof(want), "第%d项工作按期完成，", i);
		assert_non_null(strstr(flat, want));
	}
	assert_non_null(strstr(flat, "目标结束。"));
	assert_non_null(strstr(flat, "指标10(次)"));
	unlink(path);
	free(flat);
	free(text);
	jx_buf_release(&goal);
	jx_buf_release(&out);
	jx_project_free(p);
}

/* A statement attaching 150 tables runs over its first page and goes on on the next. */
static void test_long_statement_continues(void **state)
{
	struct seed *sd = *state;
	struct jx_statement s = sd->s;
	struct jx_buf out = JX_BUF_INIT;
	char *names[150], *text;
	const char *path;
	int i, pages;

	for (i = 0; i < 150; i++) {
		char name[64];

		snprintf(name, sizeof(name), "附件项目第%d号", i + 1);
		names[i] = jx_strdup(name);
	}
	s.attached = names;
	s.n_attached = 150;
	render(&s, sd->p, 1, &out);
	path = save(&out);
	pages = pdf_pages(path);
	assert_true(pages >= 3);
	text = pdf_text(path, 2, 2);
	assert_null(strstr(text, "部门预算项目支出绩效目标表"));
	free(text);
	text = pdf_text(path, pages - 1, pages - 1); /* the statement's last page, before the table's */
	assert_non_null(strstr(text, "150. 附件项目第150号"));
	free(text);
	text = pdf_text(path, pages, pages);
	assert_non_null(strstr(text, "部门预算项目支出绩效目标表"));
	unlink(path);
	free(text);
	for (i = 0; i < 150; i++)
		free(names[i]);
	jx_buf_release(&out);
}

/* The box, in points, of the first word on page 1 that is exactly text. */
static void word_box(const char *path, const char *text, double box[4])
{
	char cmd[256], want[64], *out, *at;

	snprintf(cmd, sizeof(cmd), "pdftotext -bbox -f 1 -l 1 '%s' -", path);
	out = run(cmd);
	snprintf(want, sizeof(want), "\">%s</word>", text);
	at = strstr(out, want);
	assert_non_null(at);
	while (at > out && strncmp(at, "<word", 5) != 0)
		at--;
	assert_int_equal(sscanf(at, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &box[0], &box[1],
				&box[2], &box[3]),
			 4);
	free(out);
}

/* How many dark pixels page 1 of the PDF at path has inside box (points), rendered at 144 dpi. */
static size_t ink(const char *path, const double box[4])
{
	char cmd[512], *pgm;
	size_t len, n = 0, i, start;
	int w, h;

	snprintf(cmd, sizeof(cmd), "pdftoppm -gray -r 144 -f 1 -l 1 -x %d -y %d -W %d -H %d '%s' %s.ink", (int)(box[0] * 2),
		 (int)(box[1] * 2), (int)((box[2] - box[0]) * 2), (int)((box[3] - box[1]) * 2), path, path);
	free(run(cmd));
	snprintf(cmd, sizeof(cmd), "%s.ink-1.pgm", path);
	pgm = read_file(cmd, &len);
	unlink(cmd);
	assert_int_equal(sscanf(pgm, "P5 %d %d 255", &w, &h), 2);
	start = len - (size_t)w * (size_t)h;
	for (i = start; i < len; i++)
		n += (unsigned char)pgm[i] < 128;
	free(pgm);
	return n;
}

/* cairo 1.16 subsetting Noto Sans CJK itself drops a subroutine 如 needs: the glyph came out blank in
 * this table (its text was still there to extract). */
static void test_every_glyph_is_drawn(void **state)
{
	struct jx_project *p = long_project(0, "如");
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	double box[4];

	(void)state;
	free(p->name);
	p->name = jx_strdup("公开如下。");
	render(NULL, &p, 1, &out);
	path = save(&out);
	word_box(path, "如", box);
	assert_true(ink(path, box) > 20);
	unlink(path);
	jx_buf_release(&out);
	jx_project_free(p);
}

/* An abandoned rendering is never a complete PDF: the pages already streamed stay, cairo's closing
 * objects are dropped. */
static void test_abandoned_is_incomplete(void **state)
{
	struct seed *sd = *state;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_render rd;

	jx_render_begin(&rd, &jx_render_pdf, NULL, &out);
	assert_int_equal(jx_render_project(&rd, &out, sd->p[0], &err), 0);
	assert_int_equal(jx_render_project(&rd, &out, sd->p[1], &err), 0);
	assert_int_equal(jx_render_end(&rd, &out, true, &err), 0);
	assert_memory_equal(out.ptr, "%PDF", 4);
	assert_false(contains(&out, "%%EOF"));
	jx_buf_release(&out);
}

/* ---- self-evaluation ---- */

/* Renders the scores of s as a PDF into out (scored.h), then their summary if summary is set. */
static void render_scores(struct scores *s, bool summary, struct jx_buf *out)
{
	scores_render(s, &jx_render_pdf, summary, out);
	assert_memory_equal(out->ptr, "%PDF", 4);
}

/* The text of pages first..last (all if first is 0) in the order it was drawn, a cell's lines
 * together, with its white space removed: a table's row reads as its cells joined. */
static char *drawn_text(const char *path, int first, int last)
{
	char cmd[256], *raw, *flat;

	if (first)
		snprintf(cmd, sizeof(cmd), "pdftotext -raw -f %d -l %d '%s' -", first, last, path);
	else
		snprintf(cmd, sizeof(cmd), "pdftotext -raw '%s' -", path);
	raw = run(cmd);
	flat = squeeze(raw, "\x01");
	free(raw);
	return flat;
}

static void holds(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("no \"%s\" in the PDF's text", want);
}

/* One project's table on one page, without a summary: the header block with budget execution, each
 * indicator's row (levels where their groups start, target, actual, points, score, reason), the
 * groups, the total and the grade. */
static void test_score_table(void **state)
{
	static const char *const rows[] = {
		"项目支出绩效自评表(2021年度)项目名称博湖县2021年疫情防控项目预算单位博湖县卫生健康委员会预算执行",
		"3033.002890.5095.30%109.532021-12-31",
		"一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
		"产出指标数量指标日消杀次数(次)≥225.005.00",
		"年核酸检测人次数(人次)≥7000006520005.004.66本地疫情平稳，检测需求低于预期",
		"政府采购率(%)=100.0%1005.005.00",
		"质量指标疫情防控物资保障率(%)=100.0%1005.005.00",
		"热筛查覆盖率(%)=100.0%1005.005.00",
		"疫情防控物资质量合格率(%)=100.0%1005.005.00",
		"疫情防控消杀用品保障率(%)=100.0%1005.005.00",
		"疫情防控核酸检测试剂保障率(%)=100.0%1005.005.00",
		"时效指标核酸检测结果报告时限(小时)=24245.005.00",
		"成本指标防护服、口罩采购单位成本较上年节约率(%)≥1.0%0.85.004.00",
		"效益指标经济效益指标疫情防控物资、消杀用品、核酸检测试剂利用率(%)=100.0%987.507.35",
		"社会效益指标保障人民群众生命安全和健康全力保障达成7.507.50",
		"健全统一的应急物资保障体系逐步健全部分达成75%7.505.63（应说明）",
		"可持续影响指标提升应对突发重大公共卫生事件能力显著提升达成7.507.50",
		"满意度指标服务对象满意度指标人民群众满意度(%)≥95.0%96.510.0010.00",
		"分项得分/分值预算执行9.53/10；产出48.66/50；效益27.98/30；满意度10.00/10",
		"总分10096.16评级：优",
		"注：1条指标得分不足分值的80%或超出目标30%以上，应说明偏差原因。",
		NULL };
	struct seed *sd = *state;
	struct scores s = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	char *text;
	size_t i;

	score(&s, sd->p[0], epidemic, n_epidemic);
	render_scores(&s, false, &out);
	path = save(&out);
	assert_int_equal(pdf_pages(path), 1);
	text = drawn_text(path, 0, 0);
	for (i = 0; rows[i]; i++)
		holds(text, rows[i]);
	assert_null(strstr(text, "绩效自评汇总"));
	assert_null(strstr(text, "\xef\xbf\xbd"));
	free(text);
	unlink(path);
	jx_buf_release(&out);
	scores_free(&s);
}

/* An indicator without a target carries no points (— for both); a table with nothing recorded is not
 * evaluated (未评价): its points shown, — for every score, the rate and the actuals, （未填报） for the
 * money spent, and no deviation reason asked. */
static void test_score_nothing_recorded(void **state)
{
	static const char *const rows[] = {
		"32.09（未填报）—10——",
		"建档立卡学生入学率(%)（无）———",
		"全面培养社会主义建设者和接班人合格培养—10.00—",
		"学前教育国寿保险费(万元/年)=1.44—5.56—",
		"总分100—评级：未评价",
		NULL };
	struct seed *sd = *state;
	struct scores s = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	char *text;
	size_t i;

	score(&s, sd->p[1], NULL, 0);
	render_scores(&s, false, &out);
	path = save(&out);
	text = drawn_text(path, 0, 0);
	for (i = 0; rows[i]; i++)
		holds(text, rows[i]);
	assert_null(strstr(text, "应说明"));
	free(text);
	unlink(path);
	jx_buf_release(&out);
	scores_free(&s);
}

/* Two projects, a page each, then the summary on a page of its own: by unit (one project each) and by
 * year (both: average (96.16 + 19.67) / 2 = 57.915 → 57.92, one 优 of 3033.00, one 差 of 59.95). */
static void test_score_summary(void **state)
{
	static const char *const summary[] = {
		"绩效自评汇总按预算单位",
		"年度预算单位项目数平均分未评价各等级项目数（个）各等级资金（万元）优良中差优良中差",
		"2021博湖县卫生健康委员会196.16010003033.000.000.000.00",
		"2021博湖县应急管理局119.67000010.000.000.0059.95",
		"按年度年度项目数平均分未评价",
		"2021257.92010013033.000.000.0059.95",
		NULL };
	struct seed *sd = *state;
	struct scores s = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	char *text;
	size_t i;

	score(&s, sd->p[0], epidemic, n_epidemic);
	score(&s, sd->p[4], census, n_census);
	render_scores(&s, true, &out);
	path = save(&out);
	assert_int_equal(pdf_pages(path), 3);
	text = drawn_text(path, 1, 1);
	holds(text, "博湖县2021年疫情防控项目");
	holds(text, "总分10096.16评级：优");
	free(text);
	text = drawn_text(path, 2, 2);
	holds(text, "博湖县2021年自然灾害综合风险普查项目");
	holds(text, "59.954066.72%106.672021-12-31");
	holds(text, "培训次数(次)≥1065.003.00（应说明）");
	holds(text, "高性能移动工作站(个)=115.005.00");
	holds(text, "高性能移动工作站(万元)=335.005.00");
	holds(text, "总分10019.67评级：差");
	free(text);
	text = drawn_text(path, 3, 3);
	for (i = 0; summary[i]; i++)
		holds(text, summary[i]);
	free(text);
	unlink(path);
	jx_buf_release(&out);
	scores_free(&s);
}

/* A table of 150 indicators goes on over pages, each under the indicator header row with the merged
 * level-1 cell shown again; every row is there, and the total closes the last page. */
static void test_long_score_repeats_header(void **state)
{
	struct jx_project *p = long_project(150, "短目标");
	struct scores s = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	const char *path;
	char *text, want[128];
	int pages, i;

	(void)state;
	score(&s, p, NULL, 0);
	render_scores(&s, false, &out);
	path = save(&out);
	pages = pdf_pages(path);
	assert_true(pages >= 3);
	for (i = 1; i <= pages; i++) {
		text = drawn_text(path, i, i);
		holds(text, "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施");
		holds(text, "产出指标");
		if (i > 1)
			assert_null(strstr(text, "项目名称"));
		free(text);
	}
	text = drawn_text(path, pages, pages);
	holds(text, "质量指标");
	holds(text, "指标150(次)≥150—0.33—");
	holds(text, "总分60—评级：未评价"); /* 10 for the budget and 50 for output: no other group; nothing recorded */
	free(text);
	text = drawn_text(path, 0, 0);
	for (i = 1; i <= 150; i++) {
		snprintf(want, sizeof(want), "指标%d(次)≥%d—0.33—", i, i);
		holds(text, want);
	}
	free(text);
	unlink(path);
	jx_buf_release(&out);
	scores_free(&s);
	jx_project_free(p);
}

static void test_score_same_bytes(void **state)
{
	struct seed *sd = *state;
	struct scores s = { 0 };
	struct jx_buf a = JX_BUF_INIT, b = JX_BUF_INIT;

	score(&s, sd->p[0], epidemic, n_epidemic);
	score(&s, sd->p[4], census, n_census);
	render_scores(&s, true, &a);
	render_scores(&s, true, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_true(contains(&a, "/CreationDate (20000101000000)"));
	jx_buf_release(&a);
	jx_buf_release(&b);
	scores_free(&s);
}

/* A summary of 80 units alone (no table before it) runs over pages, its two header rows repeated on
 * each; every unit is there. */
static void test_long_summary_repeats_header(void **state)
{
	static const char grades[4][JX_GRADE_MAX] = { "优", "良", "中", "差" };
	struct jx_score_summary sum = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_render rd;
	const char *path;
	char *text, want[128];
	size_t i;
	int pages, pg;

	(void)state;
	memcpy(sum.grade, grades, sizeof(grades));
	sum.n_grades = 4;
	sum.units = jx_calloc(80, sizeof(*sum.units));
	for (i = 0; i < 80; i++) {
		snprintf(want, sizeof(want), "第%zu预算单位", i + 1);
		sum.units[i] = (struct jx_score_group){ .key = jx_strdup(want), .year = 2021, .n = 1,
							 .average = { 9000 + (int64_t)i, 2 } };
		sum.units[i].count[0] = 1;
		sum.units[i].money[0] = HUNDREDTHS(100000 + (jx_money)i);
	}
	sum.n_units = 80;
	sum.years = jx_calloc(1, sizeof(*sum.years));
	sum.years[0] = (struct jx_score_group){ .key = jx_strdup("2021"), .year = 2021, .n = 80, .average = { 9040, 2 } };
	sum.n_years = 1;
	jx_render_begin(&rd, &jx_render_pdf, NULL, &out);
	assert_int_equal(jx_render_summary(&rd, &out, &sum, &err), 0);
	assert_int_equal(jx_render_end(&rd, &out, false, &err), 0);
	path = save(&out);
	pages = pdf_pages(path);
	assert_true(pages >= 2);
	for (pg = 1; pg <= pages; pg++) {
		text = drawn_text(path, pg, pg);
		holds(text, "项目数平均分未评价各等级项目数（个）各等级资金（万元）优良中差优良中差");
		free(text);
	}
	text = drawn_text(path, 0, 0);
	for (i = 0; i < 80; i++) {
		snprintf(want, sizeof(want), "2021第%zu预算单位1%zu.%02zu01000%zu.%02zu0.000.000.00", i + 1, 90 + i / 100,
			 i % 100, 1000 + i / 100, i % 100);
		holds(text, want);
	}
	holds(text, "按年度");
	holds(text, "20218090.40");
	free(text);
	unlink(path);
	jx_buf_release(&out);
	jx_score_summary_free(&sum);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seed_text_reads_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_data_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_department_table, setup, teardown),
		cmocka_unit_test(test_long_table_repeats_header),
		cmocka_unit_test(test_long_goal_loses_nothing),
		cmocka_unit_test_setup_teardown(test_long_statement_continues, setup, teardown),
		cmocka_unit_test(test_every_glyph_is_drawn),
		cmocka_unit_test_setup_teardown(test_abandoned_is_incomplete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_nothing_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_summary, setup, teardown),
		cmocka_unit_test(test_long_score_repeats_header),
		cmocka_unit_test_setup_teardown(test_score_same_bytes, setup, teardown),
		cmocka_unit_test(test_long_summary_repeats_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
