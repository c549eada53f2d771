/*
 * test_workflow.c — the review workflow and the history: transitions and their refusals, approval
 * refused while the review finds an error, the approved table kept, and what the history records.
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
#include "jixiao/history.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/unit.h"
#include "jixiao/workflow.h"

enum { EPIDEMIC = 1, EDUCATION = 2, RELIEF = 3, PENSION = 4 };

struct fixture {
	char path[256];
	struct jx_store *st;
	struct jx_review *review;
	struct jx_review *two; /* 2021 reviewed at two levels: the 主管部门 first (NULL until two_levels()) */
	char *seed;
};

static void import_text(struct fixture *f, const char *text, const char *user)
{
	struct jx_import_opts o = { .user = user };
	struct jx_err err = { 0 };
	struct jx_import *im = jx_import_begin(f->st, &o, &err);
	struct jx_input in;

	assert_non_null(im);
	jx_input_from_mem(&in, text, strlen(text), "seed");
	if (jx_import_input(im, &in, &err))
		fail_msg("import: %s", err.msg);
	jx_input_close(&in);
	assert_int_equal(jx_import_commit(im, NULL, &err), 0);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };

	setenv("JIXIAO_NOW", "2026-11-29T03:00:00Z", 1);
	test_store_location(f->path, sizeof(f->path), "workflow");
	assert_int_equal(jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err), 0);
	assert_int_equal(jx_review_load(&f->review, NULL, &err), 0);
	f->seed = read_file(src_path("data/samples/bohu-2021.txt"), NULL);
	import_text(f, f->seed, "张三");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	jx_review_free(f->review);
	jx_review_free(f->two);
	free(f->seed);
	test_store_remove(f->path);
	free(f);
	unsetenv("JIXIAO_NOW");
	return 0;
}

static enum jx_status status_of(struct fixture *f, int64_t id)
{
	struct jx_err err = { 0 };
	struct jx_project *p;
	enum jx_status s;

	assert_int_equal(jx_store_get(f->st, id, &p, &err), 0);
	s = p->status;
	jx_project_free(p);
	return s;
}

/* Expects rc to be a refusal with code and a message holding want. */
static void refused(int rc, const struct jx_err *err, enum jx_code code, const char *want)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, want))
		fail_msg("“%s” does not contain “%s”", err->msg, want);
}

static void test_approve_refused_while_errors_stand(void **state)
{
	struct fixture *f = *state;
	struct jx_findings found = JX_FINDINGS_INIT;
	struct jx_err err = { 0 };

	assert_int_equal(jx_workflow_submit(f->st, EDUCATION, "张三", &err), 0);
	refused(jx_workflow_approve(f->st, f->review, EDUCATION, "李四", &found, &err), &err, JX_ECONFLICT,
		"不予安排：项目“博湖县2021年建档立卡困难家庭教育项目”有 1 条错误，不能批准：value-missing（建档立卡学生入学率）");
	assert_true(jx_findings_block(&found));
	assert_int_equal(status_of(f, EDUCATION), JX_SUBMITTED); /* nothing changed */
	jx_findings_clear(&found);
}

static void test_submit_approve(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	assert_int_equal(jx_workflow_submit(f->st, PENSION, "张三", &err), 0);
	assert_int_equal(status_of(f, PENSION), JX_SUBMITTED);
	assert_int_equal(jx_workflow_approve(f->st, f->review, PENSION, "李四", NULL, &err), 0);
	assert_int_equal(status_of(f, PENSION), JX_APPROVED);
}

static void test_refusals_by_state(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	refused(jx_workflow_approve(f->st, f->review, RELIEF, "李四", NULL, &err), &err, JX_ECONFLICT,
		"是草稿状态，不能批准");
	refused(jx_workflow_return(f->st, RELIEF, "李四", "理由", &err), &err, JX_ECONFLICT, "是草稿状态，不能退回");
	assert_int_equal(jx_workflow_submit(f->st, RELIEF, "张三", &err), 0);
	refused(jx_workflow_submit(f->st, RELIEF, "张三", &err), &err, JX_ECONFLICT, "是已提交状态，不能提交");
	refused(jx_workflow_return(f->st, RELIEF, "李四", "  ", &err), &err, JX_EUSAGE, "退回需要写明理由");
	assert_int_equal(jx_workflow_approve(f->st, f->review, RELIEF, "李四", NULL, &err), 0);
	refused(jx_workflow_submit(f->st, RELIEF, "张三", &err), &err, JX_ECONFLICT, "是已批准状态，不能提交");
	refused(jx_workflow_return(f->st, RELIEF, "李四", "理由", &err), &err, JX_ECONFLICT, "是已批准状态，不能退回");
	refused(jx_workflow_submit(f->st, 99, "张三", &err), &err, JX_ENOTFOUND, "没有编号为 99 的项目");
}

static void test_return_and_resubmit(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };

	assert_int_equal(jx_workflow_submit(f->st, EPIDEMIC, "张三", &err), 0);
	assert_int_equal(jx_workflow_return(f->st, EPIDEMIC, "李四", "缺少明细支出测算", &err), 0);
	assert_int_equal(status_of(f, EPIDEMIC), JX_RETURNED);
	assert_int_equal(jx_workflow_submit(f->st, EPIDEMIC, "张三", &err), 0);
	assert_int_equal(status_of(f, EPIDEMIC), JX_SUBMITTED);
}

struct log {
	char lines[16][512];
	size_t n;
};

static int note(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	struct log *l = ctx;

	(void)err;
	if (l->n < 16)
		snprintf(l->lines[l->n], sizeof(l->lines[0]), "%s %s %s %.400s", e->at, e->user, e->action, e->detail);
	l->n++;
	return 0;
}

static struct log history_of(struct fixture *f, int64_t id)
{
	struct log l = { .n = 0 };
	struct jx_err err = { 0 };

	assert_int_equal(jx_store_history(f->st, id, note, &l, &err), 0);
	return l;
}

static void contains(const char *s, const char *want)
{
	if (!strstr(s, want))
		fail_msg("“%s” does not contain “%s”", s, want);
}

static void test_history_records_who_when_what(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct log l;

	assert_int_equal(jx_workflow_submit(f->st, EPIDEMIC, "张三", &err), 0);
	assert_int_equal(jx_workflow_return(f->st, EPIDEMIC, "李四", "缺少明细支出测算", &err), 0);
	l = history_of(f, EPIDEMIC);
	assert_int_equal(l.n, 3);
	contains(l.lines[0], "2026-11-29T03:00:00Z 张三 create {\"indicators\": 15, \"total\": \"3033.00\"}");
	contains(l.lines[1], "张三 submit {\"from\": \"draft\", \"to\": \"submitted\"}");
	contains(l.lines[2], "李四 return {\"from\": \"submitted\", \"reason\": \"缺少明细支出测算\", \"to\": \"returned\"}");
}

static void test_adjusting_approved_targets(void **state)
{
	struct fixture *f = *state;
	char *changed = strdup(f->seed), *at = strstr(changed, "≥19926");
	struct jx_project *approved;
	struct jx_err err = { 0 };
	char *when;
	struct log l;

	assert_int_equal(jx_workflow_submit(f->st, PENSION, "张三", &err), 0);
	assert_int_equal(jx_workflow_approve(f->st, f->review, PENSION, "李四", NULL, &err), 0);
	memcpy(at + strlen("≥"), "20000", 5);
	setenv("JIXIAO_NOW", "2026-12-01T08:00:00Z", 1);
	import_text(f, changed, "王五");
	assert_int_equal(status_of(f, PENSION), JX_DRAFT); /* 绩效目标调整: reviewed again */
	l = history_of(f, PENSION);
	assert_int_equal(l.n, 4);
	contains(l.lines[2], "李四 approve {\"from\": \"submitted\", \"grade\": {\"grade\": \"优\", \"points\": 100}, \"table\": {");
	contains(l.lines[3], "2026-12-01T08:00:00Z 王五 change {\"changes\": [{\"after\": \"≥20000\", \"before\": \"≥19926\", "
			     "\"field\": \"target\", \"indicator\": \"城乡养老参保人数(人)\"}, "
			     "{\"after\": \"draft\", \"before\": \"approved\", \"field\": \"status\"}]}");
	assert_int_equal(jx_workflow_approved(f->st, PENSION, &approved, &when, &err), 0);
	assert_non_null(approved);
	assert_string_equal(when, "2026-11-29T03:00:00Z");
	assert_string_equal(approved->ind[0].target, "≥19926");
	assert_int_equal(approved->status, JX_APPROVED);
	assert_int_equal(approved->id, PENSION);
	jx_project_free(approved);
	free(when);
	assert_int_equal(jx_workflow_approved(f->st, RELIEF, &approved, &when, &err), 0);
	assert_null(approved); /* never approved */
	assert_null(when);
	free(changed);
}

/* Builds a project from its JSON form, for the changes tests. */
static struct jx_project *project(const char *funds, const char *indicators)
{
	char text[2048];
	struct jx_project *p[1];
	struct jx_err err = { 0 };

	snprintf(text, sizeof(text),
		 "{\"projects\": [{\"year\": 2022, \"name\": \"甲\", \"unit\": \"乙\", \"funds\": %s, \"indicators\": [%s]}]}",
		 funds, indicators);
	if (read_projects(text, strlen(text), p, 1, &err) != 1)
		fail_msg("%s", err.msg);
	return p[0];
}

#define IND(name, target) \
	"{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"" name "\", \"target\": \"" target "\"}"

static void test_changes_describe_before_and_after(void **state)
{
	struct jx_project *a = project("{\"total\": \"10\"}", IND("甲(次)", "≥1") "," IND("乙(人)", "≥2") "," IND("丙", "好"));
	struct jx_project *b = project("{\"total\": \"12.5\", \"other\": \"2.5\"}",
				       IND("乙(人)", "≥3") "," IND("丙", "好") "," IND("丁(户)", "=4"));
	json_t *c = jx_history_changes(a, b);
	char *s = json_dumps(c, JSON_SORT_KEYS);

	(void)state;
	assert_string_equal(s, "[{\"after\": \"12.50\", \"before\": \"10.00\", \"field\": \"funds.total\"}, "
			       "{\"after\": \"2.50\", \"before\": null, \"field\": \"funds.other\"}, " /* not given before */
			       "{\"after\": null, \"before\": \"≥1\", \"field\": \"indicator\", \"indicator\": \"甲(次)\"}, "
			       "{\"after\": \"≥3\", \"before\": \"≥2\", \"field\": \"target\", \"indicator\": \"乙(人)\"}, "
			       "{\"after\": \"=4\", \"before\": null, \"field\": \"indicator\", \"indicator\": \"丁(户)\"}]");
	free(s);
	json_decref(c);
	c = jx_history_changes(a, a);
	assert_int_equal(json_array_size(c), 0);
	json_decref(c);
	jx_project_free(a);
	jx_project_free(b);
}

static void test_changes_of_order_only(void **state)
{
	struct jx_project *a = project("{\"total\": \"1\"}", IND("甲", "≥1") "," IND("乙", "≥2"));
	struct jx_project *b = project("{\"total\": \"1\"}", IND("乙", "≥2") "," IND("甲", "≥1"));
	json_t *c = jx_history_changes(a, b);
	char *s = json_dumps(c, JSON_SORT_KEYS);

	(void)state;
	assert_false(jx_project_same_table(a, b));
	assert_string_equal(s, "[{\"after\": null, \"before\": null, \"field\": \"order\"}]");
	free(s);
	json_decref(c);
	jx_project_free(a);
	jx_project_free(b);
}

/* ---- two levels: the 主管部门, then finance ---- */

/* The review configuration of text (a rules file's), loaded: 0, or -1 with err. */
static int rules_of(const char *text, struct jx_review **out, struct jx_err *err)
{
	char path[] = "/tmp/jx-rules-XXXXXX";
	int fd = mkstemp(path), rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rc = jx_review_load(out, path, err);
	unlink(path);
	return rc;
}

static const struct jx_review *two_levels(struct fixture *f)
{
	struct jx_err err = { 0 };

	if (!f->two && rules_of("{\"years\": {\"2021\": {\"workflow\": {\"levels\": 2}}}}", &f->two, &err))
		fail_msg("rules: %s", err.msg);
	return f->two;
}

static void test_levels_are_the_years_rules(void **state)
{
	struct fixture *f = *state;
	struct jx_review *r = NULL;
	struct jx_err err = { 0 };
	int base, years[4];

	assert_int_equal(jx_review_levels(f->review, 2021), 1); /* the default: finance alone */
	assert_int_equal(jx_review_level_years(f->review, &base, years, 4), 0);
	assert_int_equal(base, 1);
	assert_int_equal(jx_review_levels(two_levels(f), 2021), 2);
	assert_int_equal(jx_review_levels(two_levels(f), 2022), 1);
	assert_int_equal(jx_review_level_years(two_levels(f), &base, years, 4), 1);
	assert_int_equal(years[0], 2021);
	/* every year two levels but 2020, which says one */
	assert_int_equal(rules_of("{\"workflow\": {\"levels\": 2}, \"years\": {\"2020\": {\"workflow\": {\"levels\": 1}},"
				  " \"2022\": {\"peers\": {\"min_count\": 3}}}}", &r, &err), 0);
	assert_int_equal(jx_review_levels(r, 2022), 2);
	assert_int_equal(jx_review_levels(r, 2020), 1);
	assert_int_equal(jx_review_level_years(r, &base, NULL, 0), 1);
	assert_int_equal(base, 2);
	jx_review_free(r);
	r = NULL;
	refused(rules_of("{\"years\": {\"2021\": {\"workflow\": {\"levels\": 3}}}}", &r, &err), &err, JX_EINPUT,
		"years.2021: workflow.levels 应为 1（财政审核）或 2（先经主管部门审核，再由财政审核）");
	refused(rules_of("{\"workflow\": {\"level\": 2}}", &r, &err), &err, JX_EINPUT, "workflow 中未知的字段“level”（应为 levels）");
	assert_null(r);
}

static void test_two_levels_pass_then_approve(void **state)
{
	struct fixture *f = *state;
	const struct jx_review *two = two_levels(f);
	struct jx_err err = { 0 };
	struct log l;

	assert_int_equal(jx_workflow_submit(f->st, PENSION, "张三", &err), 0);
	refused(jx_workflow_approve(f->st, two, PENSION, "李四", NULL, &err), &err, JX_ECONFLICT,
		"项目“博湖县2021年城乡居民养老保险项目”尚未经主管部门审核：2021年度的目标表须由主管部门审核通过后，财政才能批准");
	assert_int_equal(status_of(f, PENSION), JX_SUBMITTED);
	assert_int_equal(jx_workflow_pass(f->st, two, PENSION, "王主任", NULL, &err), 0);
	assert_int_equal(status_of(f, PENSION), JX_DEPT_APPROVED);
	refused(jx_workflow_pass(f->st, two, PENSION, "王主任", NULL, &err), &err, JX_ECONFLICT,
		"是主管部门已审核状态，不能通过主管部门审核");
	refused(jx_workflow_submit(f->st, PENSION, "张三", &err), &err, JX_ECONFLICT, "是主管部门已审核状态，不能提交");
	assert_int_equal(jx_workflow_approve(f->st, two, PENSION, "李四", NULL, &err), 0);
	assert_int_equal(status_of(f, PENSION), JX_APPROVED);
	l = history_of(f, PENSION);
	assert_int_equal(l.n, 4);
	contains(l.lines[2], "王主任 pass {\"from\": \"submitted\", \"grade\": {\"grade\": \"优\", \"points\": 100}, \"to\": \"dept_approved\"}");
	contains(l.lines[3], "李四 approve {\"from\": \"dept_approved\", \"grade\"");
	assert_string_equal(jx_history_action_label("pass"), "主管部门审核通过");
}

static void test_two_levels_pass_refused_while_errors_stand(void **state)
{
	struct fixture *f = *state;
	struct jx_findings found = JX_FINDINGS_INIT;
	struct jx_err err = { 0 };

	assert_int_equal(jx_workflow_submit(f->st, EDUCATION, "张三", &err), 0);
	refused(jx_workflow_pass(f->st, two_levels(f), EDUCATION, "王主任", &found, &err), &err, JX_ECONFLICT,
		"不予通过：项目“博湖县2021年建档立卡困难家庭教育项目”有 1 条错误，主管部门审核不能通过：value-missing（建档立卡学生入学率）");
	assert_true(jx_findings_block(&found));
	assert_int_equal(status_of(f, EDUCATION), JX_SUBMITTED);
	jx_findings_clear(&found);
}

static void test_two_levels_each_returns(void **state)
{
	struct fixture *f = *state;
	const struct jx_review *two = two_levels(f);
	struct jx_err err = { 0 };
	struct log l;

	/* the 主管部门 returns what awaits it, and says so in the history */
	assert_int_equal(jx_workflow_submit(f->st, EPIDEMIC, "张三", &err), 0);
	refused(jx_workflow_return_at(f->st, two, EPIDEMIC, "王主任", " ", JX_REVIEW_DEPT, &err), &err, JX_EUSAGE,
		"退回需要写明理由");
	assert_int_equal(jx_workflow_return_at(f->st, two, EPIDEMIC, "王主任", "请补充测算", JX_REVIEW_DEPT, &err), 0);
	assert_int_equal(status_of(f, EPIDEMIC), JX_RETURNED);
	l = history_of(f, EPIDEMIC);
	contains(l.lines[2], "王主任 return {\"from\": \"submitted\", \"level\": \"department\", \"reason\": \"请补充测算\"");
	assert_string_equal(jx_history_event_label("return", strchr(l.lines[2], '{')), "主管部门退回");
	/* what it passed is finance's to return, not its own any more */
	assert_int_equal(jx_workflow_submit(f->st, EPIDEMIC, "张三", &err), 0);
	assert_int_equal(jx_workflow_pass(f->st, two, EPIDEMIC, "王主任", NULL, &err), 0);
	refused(jx_workflow_return_at(f->st, two, EPIDEMIC, "王主任", "再看看", JX_REVIEW_DEPT, &err), &err, JX_ECONFLICT,
		"是主管部门已审核状态，不能由主管部门退回");
	/* the operator's return is at the level awaited: finance's, now */
	assert_int_equal(jx_workflow_return_at(f->st, two, EPIDEMIC, "李四", "目标偏低", JX_REVIEW_AWAITING, &err), 0);
	l = history_of(f, EPIDEMIC);
	contains(l.lines[l.n - 1], "李四 return {\"from\": \"dept_approved\", \"reason\": \"目标偏低\", \"to\": \"returned\"}");
	assert_string_equal(jx_history_event_label("return", strchr(l.lines[l.n - 1], '{')), "退回");
	/* and the 主管部门's, for a table that awaits it */
	assert_int_equal(jx_workflow_submit(f->st, EPIDEMIC, "张三", &err), 0);
	assert_int_equal(jx_workflow_return_at(f->st, two, EPIDEMIC, "命令行", "补充", JX_REVIEW_AWAITING, &err), 0);
	l = history_of(f, EPIDEMIC);
	contains(l.lines[l.n - 1], "\"level\": \"department\"");
	/* finance may return a table not yet passed too */
	assert_int_equal(jx_workflow_submit(f->st, EPIDEMIC, "张三", &err), 0);
	assert_int_equal(jx_workflow_return_at(f->st, two, EPIDEMIC, "李四", "退回", JX_REVIEW_FINANCE, &err), 0);
}

/* A year of one level knows no 主管部门: no pass, no return at its level; the operator's return is
 * finance's, recorded as before. */
static void test_one_level_has_no_department_step(void **state)
{
	struct fixture *f = *state;
	struct jx_err err = { 0 };
	struct log l;

	assert_int_equal(jx_workflow_submit(f->st, PENSION, "张三", &err), 0);
	refused(jx_workflow_pass(f->st, f->review, PENSION, "王主任", NULL, &err), &err, JX_ECONFLICT,
		"2021年度的目标表不经主管部门审核（由财政直接审核）");
	refused(jx_workflow_return_at(f->st, f->review, PENSION, "王主任", "理由", JX_REVIEW_DEPT, &err), &err, JX_ECONFLICT,
		"2021年度的目标表不经主管部门审核（由财政直接审核），主管部门不能退回");
	assert_int_equal(status_of(f, PENSION), JX_SUBMITTED);
	assert_int_equal(jx_workflow_return_at(f->st, f->review, PENSION, "李四", "理由", JX_REVIEW_AWAITING, &err), 0);
	l = history_of(f, PENSION);
	contains(l.lines[2], "李四 return {\"from\": \"submitted\", \"reason\": \"理由\", \"to\": \"returned\"}");
}

/* ---- the queues of the two levels, and a 主管部门's units (store.h: jx_page) ---- */

static int take_id(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	char *out = ctx;

	(void)err;
	snprintf(out + strlen(out), 64, "%s%lld", *out ? " " : "", (long long)s->id);
	return 0;
}

/* The ids a page of q holds, by id, as "3 4 6". */
static void page_ids(struct fixture *f, struct jx_page q, const char *want)
{
	struct jx_page_out out;
	struct jx_err err = { 0 };
	char got[256] = "";

	q.sort = JX_SORT_ID;
	q.limit = 100;
	q.count = true;
	if (jx_store_page(f->st, &q, take_id, got, &out, &err))
		fail_msg("page: %s", err.msg);
	size_t n = *want ? 1 : 0;

	for (const char *c = want; *c; c++)
		n += *c == ' ';
	assert_string_equal(got, want);
	assert_int_equal(out.total, n); /* the count asks the same filters */
}

static void test_queues_of_each_level(void **state)
{
	struct fixture *f = *state;
	const int y2021[] = { 2021 };
	struct jx_page q = { .queue = JX_QUEUE_DEPT, .two_levels = { false, y2021, 1 } };
	struct jx_project *p;
	struct jx_err err = { 0 };

	/* a unit under 民政局 as its 主管部门, with a table of its own (id 6) */
	assert_int_equal(jx_unit_add(f->st, "博湖县民政局救助站", NULL, "博湖县民政局", &err), 0);
	assert_int_equal(jx_store_get(f->st, EPIDEMIC, &p, &err), 0);
	free(p->unit);
	p->unit = strdup("博湖县民政局救助站");
	p->id = 0;
	assert_int_equal(jx_store_put(f->st, p, &err), 0);
	assert_int_equal(p->id, 6);
	jx_project_free(p);
	for (int64_t id = 3; id <= 6; id++)
		if (id != 5)
			assert_int_equal(jx_workflow_submit(f->st, id, "张三", &err), 0);
	assert_int_equal(jx_workflow_pass(f->st, two_levels(f), 6, "王主任", NULL, &err), 0);

	page_ids(f, q, "3 4");                      /* awaiting the 主管部门: submitted, of a year of two levels */
	q.dept = "博湖县民政局";
	page_ids(f, q, "3");                        /* of its units and its own */
	q.queue = JX_QUEUE_NONE;
	page_ids(f, q, "3 6");                      /* every table of them */
	q.dept = NULL;
	q.queue = JX_QUEUE_FINANCE;
	page_ids(f, q, "6");                        /* awaiting finance: what the 主管部门 passed */
	q.two_levels = (struct jx_two_levels){ true, y2021, 1 }; /* every year two levels but 2021 */
	page_ids(f, q, "3 4 6");
	q.queue = JX_QUEUE_DEPT;
	page_ids(f, q, "");
	q.two_levels = (struct jx_two_levels){ false, NULL, 0 }; /* one level everywhere: as before */
	q.queue = JX_QUEUE_FINANCE;
	page_ids(f, q, "3 4");
	q.queue = JX_QUEUE_DEPT;
	page_ids(f, q, "");
	q.dept = "博湖县民政局救助站";            /* a unit no other names as its 主管部门: its own alone */
	q.queue = JX_QUEUE_NONE;
	page_ids(f, q, "6");
}

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(jx_history_action_label("approve"), "批准");
	assert_string_equal(jx_history_action_label("return"), "退回");
	assert_string_equal(jx_history_field_label("funds.total"), "年度资金总额");
	assert_string_equal(jx_history_field_label("unknown-field"), "unknown-field");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_approve_refused_while_errors_stand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_submit_approve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_by_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_return_and_resubmit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_records_who_when_what, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adjusting_approved_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_levels_are_the_years_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_levels_pass_then_approve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_levels_pass_refused_while_errors_stand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_levels_each_returns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_level_has_no_department_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queues_of_each_level, setup, teardown),
		cmocka_unit_test(test_changes_describe_before_and_after),
		cmocka_unit_test(test_changes_of_order_only),
		cmocka_unit_test(test_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
