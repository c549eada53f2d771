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
#include "jixiao/workflow.h"

enum { EPIDEMIC = 1, EDUCATION = 2, RELIEF = 3, PENSION = 4 };

struct fixture {
	char path[256];
	struct jx_store *st;
	struct jx_review *review;
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
		cmocka_unit_test(test_changes_describe_before_and_after),
		cmocka_unit_test(test_changes_of_order_only),
		cmocka_unit_test(test_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
