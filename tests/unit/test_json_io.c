/*
 * test_json_io.c — the canonical JSON form: writing exact values, reading with defaults and checks,
 * and the streaming reader's handling of the outer object and its errors.
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
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/review.h"

#define MAXP 4

/* One project object, with extra members spliced in (a JSON fragment ending in a comma, or ""). */
static char *project(const char *extra, const char *indicators)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf),
		 "{\"year\": 2022, \"name\": \" 甲项目 \", \"unit\": \"乙局\", %s \"funds\": {\"total\": \"12.50\", "
		 "\"fiscal\": \"10\", \"other\": \"2.5\"}, \"goal\": \"  第一句。 \\n\\n 第二句。\", \"indicators\": [%s]}",
		 extra, indicators);
	return buf;
}

static struct jx_project *parse(const char *obj, struct jx_err *err)
{
	json_error_t je;
	json_t *j = json_loads(obj, 0, &je);
	struct jx_project *p = NULL;

	if (!j)
		fail_msg("bad test JSON: %s", je.text);
	if (jx_project_from_json(j, &p, err))
		p = NULL;
	json_decref(j);
	return p;
}

static void test_defaults_and_normalisation(void **state)
{
	struct jx_err err = { 0 };
	struct jx_project *p = parse(project("", ""), &err);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p->name, "甲项目");
	assert_string_equal(p->goal, "第一句。\n第二句。");
	assert_int_equal(p->total, HUNDREDTHS(1250));
	assert_int_equal(p->fiscal, HUNDREDTHS(1000));
	assert_int_equal(p->other, HUNDREDTHS(250));
	assert_int_equal(p->status, JX_DRAFT);
	assert_int_equal(p->kind, JX_KIND_PROJECT);
	assert_int_equal(p->given, 0);
	assert_string_equal(p->framework, "2021"); /* no labels to go by: the year's framework */
	jx_project_free(p);
}

static void test_given_flags(void **state)
{
	struct jx_err err = { 0 };
	struct jx_project *p =
		parse(project("\"key\": true, \"classified\": false, \"status\": \"returned\", \"id\": 7,", ""), &err);

	(void)state;
	assert_non_null(p);
	assert_true(p->key);
	assert_false(p->classified);
	assert_int_equal(p->status, JX_RETURNED);
	assert_int_equal(p->given, JX_GIVEN_KEY | JX_GIVEN_CLASSIFIED | JX_GIVEN_STATUS); /* a stated status is checked (access.h) */
	assert_int_equal(p->id, 0); /* an id in the input is ignored */
	jx_project_free(p);
}

static void test_indicator_values(void **state)
{
	struct jx_err err = { 0 };
	struct jx_project *p = parse(
		project("", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"人次 (人次)\", \"target\": \"≥1,000\"},"
			    "{\"level1\": \"效益指标\", \"level2\": \"生态环境效益指标\", \"name\": \"率\", \"unit\": \"%\", "
			    "\"op\": \"=\", \"value\": 99.5, \"target\": \"=99.50%\"},"
			    "{\"level1\": \"满意度指标\", \"level2\": \"服务对象满意度指标\", \"name\": \"满意度\", \"target\": null}"),
		&err);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p->ind[0].name, "人次");
	assert_string_equal(p->ind[0].unit, "人次");
	assert_int_equal(p->ind[0].value.coef, 1000);
	assert_string_equal(p->ind[1].level2, "生态效益指标"); /* an alias is stored as its label */
	assert_int_equal(p->ind[1].value.coef, 9950);
	assert_int_equal(p->ind[1].value.scale, 2);
	assert_null(p->ind[2].target);
	jx_project_free(p);
}

static void test_writes_exact_numbers(void **state)
{
	struct jx_err err = { 0 };
	struct jx_project *p = parse(
		project("", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"a\", \"target\": \"=0.1\"},"
			    "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"b\", \"target\": \"≥100.0%\"},"
			    "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"c\", \"target\": \"=123456789012345\"},"
			    "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"d\", \"target\": \"显著\"}"),
		&err);
	json_t *j;
	char *s;

	(void)state;
	assert_non_null(p);
	j = jx_project_to_json(p);
	s = json_dumps(j, JX_JSON_DUMP);
	assert_non_null(strstr(s, "\"value\": 0.1, \"target\": \"=0.1\""));
	assert_non_null(strstr(s, "\"value\": 100.0, \"target\": \"≥100.0%\""));
	assert_non_null(strstr(s, "\"value\": 123456789012345, \"target\""));
	assert_non_null(strstr(s, "\"unit\": null, \"op\": null, \"value\": null, \"target\": \"显著\""));
	assert_non_null(strstr(s, "\"funds\": {\"total\": \"12.50\", \"fiscal\": \"10.00\", \"other\": \"2.50\"}"));
	free(s);
	json_decref(j);
	jx_project_free(p);
}

static void test_synthesised_target(void **state)
{
	struct jx_err err = { 0 };
	struct jx_project *p = parse(project("", "{\"level1\": \"满意度指标\", \"level2\": \"服务对象满意度指标\", "
						 "\"name\": \"满意度\", \"unit\": \"%\", \"op\": \">=\", \"value\": 95.5}"),
				     &err);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p->ind[0].target, "≥95.5%");
	assert_int_equal(p->ind[0].op, JX_OP_GE);
	jx_project_free(p);
}

struct bad {
	const char *extra;      /* project members */
	const char *indicators; /* indicator objects */
	const char *want;       /* a fragment of the message */
};

static void test_refusals(void **state)
{
	static const struct bad cases[] = {
		{ "\"colour\": 1,", "", "项目“甲项目”: 未知字段“colour”" },
		{ "\"status\": \"done\",", "", "status 应为 draft、submitted、approved 或 returned" },
		{ "\"key\": \"yes\",", "", "key 应为 true 或 false" },
		{ "\"kind\": \"x\",", "", "kind 应为 project（项目）或 department（部门整体）" },
		{ "\"kind\": \"department\",", "", "以部门命名：预算单位应与部门名称相同，而不是“乙局”" }, /* fuzzing */
		{ "\"framework\": \"1999\",", "", "未知的指标体系“1999”" },
		{ "", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\"}", "indicators[0].name 不能为空" },
		{ "", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"a\", \"size\": 1}",
		  "indicators[0].未知字段“size”" },
		{ "", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"a\", \"value\": 2, \"target\": \"≥3\"}",
		  "indicators[0].value 与指标值“≥3”不符" },
		{ "", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"数量指标\"}", "是绩效目标表的表头用语" },
		{ "", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"a\", \"unit\": \"2021年\"}", "不像计量单位" },
		{ "", "{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"a\\tb\"}", "指标名称含有控制字符" },
		{ "", "{\"level1\": \"成本指标\", \"level2\": \"经济成本指标\", \"name\": \"a\"},"
		      "{\"level1\": \"产出指标\", \"level2\": \"成本指标\", \"name\": \"b\"}",
		  "在指标体系" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct jx_err err = { 0 };
		struct jx_project *p = parse(project(cases[i].extra, cases[i].indicators), &err);

		if (p || !strstr(err.msg, cases[i].want))
			fail_msg("case %zu: “%s” does not contain “%s”", i, err.msg, cases[i].want);
	}
}

static void test_money_types(void **state)
{
	static const char *const bad[] = { "1.5", "\"1.0000005\"", "\"abc\"", "true", "null" };
	struct jx_err err = { 0 };
	struct jx_project *p;
	char obj[256];
	size_t i;

	(void)state;
	p = parse("{\"year\": 2022, \"name\": \"x\", \"funds\": {\"total\": 12}}", &err);
	assert_non_null(p);
	assert_int_equal(p->total, HUNDREDTHS(1200));
	jx_project_free(p);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(obj, sizeof(obj), "{\"year\": 2022, \"name\": \"x\", \"funds\": {\"total\": %s}}", bad[i]);
		assert_null(parse(obj, &err));
		assert_non_null(strstr(err.msg, "funds.total 应为"));
	}
}

static void test_stream_reader(void **state)
{
	const char *text = "\xEF\xBB\xBF {\n \"projects\": [\n"
			   "{\"year\": 2021, \"name\": \"a\", \"funds\": {\"total\": \"1.00\"}},\n"
			   "{\"year\": 2021, \"name\": \"b\", \"funds\": {\"total\": \"2.00\"}}\n]}\n";
	struct jx_project *p[MAXP];
	struct jx_err err = { 0 };

	(void)state;
	assert_int_equal(read_projects(text, strlen(text), p, MAXP, &err), 2);
	assert_string_equal(p[0]->name, "a");
	assert_string_equal(p[1]->name, "b");
	assert_int_equal(p[1]->line, 4);
	free_projects(p, 2);
	assert_int_equal(read_projects("{\"projects\": []}", 16, p, MAXP, &err), 0);
	/* a published file: its statement is set aside */
	text = "{\"statement\": {\"year\": 2021, \"money\": \"1.00\"}, \"projects\": [\n"
	       "{\"year\": 2021, \"name\": \"a\", \"funds\": {\"total\": \"1.00\"}}]}";
	assert_int_equal(read_projects(text, strlen(text), p, MAXP, &err), 1);
	free_projects(p, 1);
}

static void test_stream_errors(void **state)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{ "{\"projects\": [\n{\"year\": 2021, \"name\": \"a\", \"funds\": {\"total\": \"1.00\"}},\n{\"year\": \"x\"}]}",
		  "test:3: 第 2 个项目: year 应为 1949–9999 之间的整数年份" },
		{ "{\"generator\": \"x\", \"projects\": []}", "JSON 顶层只应有一个 \"projects\" 数组，而此处为 \"generator\"" },
		{ "{\"projects\": [] } x", "JSON 结尾有多余内容" },
		{ "{\"projects\": {}}", "此处应为 [" },
		{ "{\"projects\": [1 2]}", "第 1 个项目: 项目应为 JSON 对象" },
		{ "{\"projects\": [{\"year\": 2021, \"name\": \"a\", \"funds\": {\"total\": \"1\"}} {}]}", "此处应为 ,]" },
		{ "{\"projects\": [], \"projects\": []}", "JSON 顶层只应有一个 \"projects\" 数组" },
		{ "{\"other\": []}", "JSON 顶层只应有一个 \"projects\" 数组，而此处为 \"other\"" },
		{ "{}", "没有 \"projects\" 数组" },
		{ "{\"statement\": [], \"projects\": []}", "JSON 中的 \"statement\" 应为对象" },
		{ "{\"projects\": [{\"year\": 2021, \"name\": \"\\u0000\", \"funds\": {\"total\": \"1\"}}]}", "JSON 格式错误" },
	};
	struct jx_project *p[MAXP];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct jx_err err = { 0 };

		if (read_projects(cases[i].text, strlen(cases[i].text), p, MAXP, &err) != -1 ||
		    !strstr(err.msg, cases[i].want))
			fail_msg("case %zu: “%s” does not contain “%s”", i, err.msg, cases[i].want);
	}
}

static void test_seed_json_round_trip(void **state)
{
	struct jx_project *p[8], *q[8];
	struct jx_err err = { 0 };
	size_t len, i;
	char *text = read_file(src_path("tests/cli/expect/seed.json"), &len);

	(void)state;
	assert_int_equal(read_projects(text, len, p, 8, &err), 5);
	for (i = 0; i < 5; i++) {
		json_t *j = jx_project_to_json(p[i]);
		char *s = json_dumps(j, JX_JSON_DUMP);
		size_t size = strlen(s) + 32;
		char *wrapped = jx_malloc(size);

		snprintf(wrapped, size, "{\"projects\": [%s]}", s);
		assert_int_equal(read_projects(wrapped, strlen(wrapped), &q[i], 1, &err), 1);
		assert_true(jx_project_same_table(p[i], q[i]));
		free(wrapped);
		free(s);
		json_decref(j);
	}
	free_projects(p, 5);
	free_projects(q, 5);
	free(text);
}

static int count_goal(void *ctx, struct jx_project *p, struct jx_err *err)
{
	size_t *goal_bytes = ctx;

	(void)err;
	*goal_bytes += strlen(p->goal);
	return 0;
}

/* Reads text from a file, so that the input arrives in JX_INPUT_CHUNK pieces; returns the goal bytes
 * of the projects read, or -1. */
static long read_chunked(const char *text, size_t len, struct jx_err *err)
{
	char path[64];
	struct jx_input in;
	size_t goal = 0;
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "/tmp/jx-json-chunk-%d.json", (int)getpid());
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(jx_input_open(&in, path, err), 0);
	rc = jx_reader_json.read(&in, count_goal, &goal, err);
	jx_input_close(&in);
	unlink(path);
	return rc ? -1 : (long)goal;
}

/* A chunk of input that ends inside a UTF-8 character or a \u escape of a value is not an error: the
 * reader reads on (jansson reports these as errors of their own, not as the end of input). */
static void test_value_across_chunks(void **state)
{
	static const char *const pieces[] = { "甲", "\\u7532", "1" };
	const char *head = "{\"projects\": [\n{\"year\": 2021, \"name\": \"a\", \"funds\": {\"total\": \"1.00\"}, \"goal\": \"";
	const char *tail = "\"}\n]}\n";
	size_t i, k;

	(void)state;
	for (i = 0; i < 3; i++) {
		size_t unit = strlen(pieces[i]);
		for (k = 1; k < unit || k == 1; k++) { /* the chunk boundary k bytes into a piece */
			struct jx_buf b = JX_BUF_INIT;
			struct jx_err err = { 0 };
			size_t n = 0;

			jx_buf_adds(&b, head, NULL);
			while (b.len + unit <= JX_INPUT_CHUNK - k)
				jx_buf_adds(&b, pieces[i], NULL), n++;
			jx_buf_addn(&b, ' ', JX_INPUT_CHUNK - k - b.len, NULL); /* pad so a piece starts k bytes before the boundary */
			while (b.len < 3 * JX_INPUT_CHUNK + 1000) /* past the boundaries the reader meets */
				jx_buf_adds(&b, pieces[i], NULL), n++;
			jx_buf_adds(&b, tail, NULL);
			if (read_chunked(b.ptr, b.len, &err) < 0)
				fail_msg("piece %s, boundary %zu bytes in: %s", pieces[i], k, err.msg);
			jx_buf_release(&b);
		}
	}
}

/* check --format json writes its findings by hand: the bytes must be jansson's for any text, every
 * control character, quote and backslash included. */
static void test_finding_json_is_jansson_bytes(void **state)
{
	char all[40], names[4][64];
	const char *texts[] = { "plain", "引号“”与\"直引号\"、反斜杠\\", "tab\tnl\ncr\rbs\bff\f", all, "/斜杠/", "" };
	struct jx_project p = { 0 };
	struct jx_finding f = { 0 };
	size_t i, k;

	(void)state;
	for (i = 1; i < 32; i++)
		all[i - 1] = (char)i;
	all[31] = '\0';
	snprintf(names[0], sizeof(names[0]), "项目\x01名");
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (k = 0; k < 2; k++) {
			struct jx_buf b = JX_BUF_INIT;
			json_t *j;
			char *want;

			p.name = k ? names[0] : (char *)texts[i];
			f.rule = "target-below-peers";
			f.severity = k ? JX_SEV_INFO : JX_SEV_WARNING;
			f.indicator = k ? NULL : (char *)texts[i];
			f.message = (char *)texts[(i + 1) % (sizeof(texts) / sizeof(texts[0]))];
			j = jx_finding_to_json(&p, &f);
			want = json_dumps(j, JX_JSON_DUMP);
			jx_finding_json(&b, &p, &f);
			jx_buf_addc(&b, '\0', NULL);
			assert_string_equal(b.ptr, want);
			free(want);
			json_decref(j);
			jx_buf_release(&b);
		}
}

/* The escaping of jx_json_string, one byte at a time: what it must write. */
static void reference_string(struct jx_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	jx_buf_addc(out, '"', NULL);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			jx_buf_addc(out, '\\', NULL);
			jx_buf_addc(out, (char)c, NULL);
		} else if (c == '\n') {
			jx_buf_adds(out, "\\n", NULL);
		} else if (c < 0x20) {
			jx_buf_addf(out, NULL, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
		} else {
			jx_buf_addc(out, (char)c, NULL);
		}
	}
	jx_buf_addc(out, '"', NULL);
}

/* Every byte that needs escaping, at every position of strings longer than the 8 bytes the writer
 * scans at once (UTF-8 around it), is escaped as the reference does, and reads back as it was. */
static void test_json_string_escapes_at_every_position(void **state)
{
	static const char specials[] = { '"', '\\', '\n', '\t', 0x01, 0x1f };
	size_t i, k;

	(void)state;
	for (k = 0; k < sizeof(specials); k++) {
		for (i = 0; i <= 20; i++) {
			char s[64];
			struct jx_buf got = JX_BUF_INIT, want = JX_BUF_INIT;
			json_t *back;

			/* "完", i letters, the byte, "率", 20 − i letters */
			snprintf(s, sizeof(s), "完%.*s%c率%.*s", (int)i, "aaaaaaaaaaaaaaaaaaaa", specials[k], (int)(20 - i),
				 "bbbbbbbbbbbbbbbbbbbb");
			jx_buf_adds(&got, "x", NULL); /* after what is there */
			jx_json_string(&got, s);
			jx_buf_adds(&want, "x", NULL);
			reference_string(&want, s);
			assert_string_equal(got.ptr, want.ptr);
			back = json_loads(got.ptr + 1, JSON_DECODE_ANY, NULL);
			assert_non_null(back);
			assert_string_equal(json_string_value(back), s);
			json_decref(back);
			jx_buf_release(&got);
			jx_buf_release(&want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finding_json_is_jansson_bytes),
		cmocka_unit_test(test_defaults_and_normalisation),
		cmocka_unit_test(test_json_string_escapes_at_every_position),
		cmocka_unit_test(test_given_flags),
		cmocka_unit_test(test_indicator_values),
		cmocka_unit_test(test_writes_exact_numbers),
		cmocka_unit_test(test_synthesised_target),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_money_types),
		cmocka_unit_test(test_stream_reader),
		cmocka_unit_test(test_stream_errors),
		cmocka_unit_test(test_value_across_chunks),
		cmocka_unit_test(test_seed_json_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
