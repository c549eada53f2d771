/*
 * test_framework.c — the indicator frameworks compiled in from the JSON files in data/frameworks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "jixiao/framework.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define N_THREADS 8

static const struct jx_framework *fw(const char *id)
{
	const struct jx_framework *f = jx_framework_get(id);

	if (!f)
		fail_msg("no framework %s", id);
	return f;
}

static void *first_use(void *arg)
{
	*(const struct jx_framework **)arg = jx_framework_get("2021");
	return NULL;
}

/* Must run first: the frameworks load on first use, here from several threads at once. */
static void test_framework_concurrent_first_use_loads_once(void **state)
{
	const struct jx_framework *seen[N_THREADS];
	pthread_t t[N_THREADS];
	size_t i;

	(void)state;
	for (i = 0; i < N_THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, first_use, &seen[i]), 0);
	for (i = 0; i < N_THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (i = 0; i < N_THREADS; i++) {
		assert_non_null(seen[i]);
		assert_ptr_equal(seen[i], seen[0]);
	}
	assert_int_equal(jx_framework_count(), 2);
}

static void test_framework_list_ordered_by_year(void **state)
{
	(void)state;
	assert_int_equal(jx_framework_count(), 2);
	assert_string_equal(jx_framework_id(jx_framework_at(0)), "2015");
	assert_int_equal(jx_framework_since(jx_framework_at(0)), 2015);
	assert_string_equal(jx_framework_id(jx_framework_at(1)), "2021");
	assert_int_equal(jx_framework_since(jx_framework_at(1)), 2022);
	assert_null(jx_framework_at(2));
	assert_ptr_equal(jx_framework_get("2015"), jx_framework_at(0));
	assert_ptr_equal(jx_framework_get("2021"), jx_framework_at(1));
	assert_null(jx_framework_get("2030"));
	assert_null(jx_framework_get(""));
	assert_null(jx_framework_get("2015 "));
}

struct label_case {
	const char *fw, *key;
	enum jx_label want;
	const char *label; /* canonical text, when want is not NONE */
};

static void test_framework_label_levels_and_aliases(void **state)
{
	static const struct label_case cases[] = {
		{ "2015", "成本指标", JX_LABEL_L2, "成本指标" },   /* level 2 under 产出指标 in 2015 */
		{ "2021", "成本指标", JX_LABEL_L1, "成本指标" },   /* level 1 in 2021 */
		{ "2021", "产出指标", JX_LABEL_L1, "产出指标" },
		{ "2015", "服务对象满意度指标", JX_LABEL_L2, "服务对象满意度指标" },
		{ "2015", "生态环境效益指标", JX_LABEL_L2, "生态效益指标" }, /* alias */
		{ "2021", "生态成本指标", JX_LABEL_L2, "生态环境成本指标" },
		{ "2021", "服务对象满意度", JX_LABEL_NONE, NULL }, /* no alias: a common indicator name */
		{ "2015", "可持续发展指标", JX_LABEL_L2, "可持续影响指标" },
		{ "2021", "可持续发展指标", JX_LABEL_L2, "可持续影响指标" }, /* only 2015 knows it */
		{ "2021", "可持续影响指标", JX_LABEL_L2, "可持续影响指标" },
		{ "2015", "经济成本指标", JX_LABEL_L2, "经济成本指标" },     /* only 2021 knows it */
		{ "2015", "生态成本指标", JX_LABEL_L2, "生态环境成本指标" },
		{ "2015", "日消杀次数", JX_LABEL_NONE, NULL },
		{ "2021", "产出 指标", JX_LABEL_NONE, NULL },  /* keys, not raw text */
		{ "2021", "", JX_LABEL_NONE, NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		const char *label = NULL;
		enum jx_label got = jx_framework_label(fw(cases[i].fw), cases[i].key, &label);

		if (got != cases[i].want || (got && strcmp(label, cases[i].label) != 0))
			fail_msg("%s/%s: level %d label %s", cases[i].fw, cases[i].key, got, got ? label : "-");
	}
}

static void test_framework_pair_depends_on_framework(void **state)
{
	(void)state;
	assert_true(jx_framework_pair(fw("2015"), "产出指标", "成本指标"));
	assert_false(jx_framework_pair(fw("2021"), "产出指标", "成本指标"));
	assert_true(jx_framework_pair(fw("2021"), "成本指标", "经济成本指标"));
	assert_false(jx_framework_pair(fw("2015"), "成本指标", "经济成本指标"));
	assert_true(jx_framework_pair(fw("2015"), "效益指标", "可持续影响指标"));
	assert_false(jx_framework_pair(fw("2021"), "效益指标", "可持续影响指标"));
	assert_false(jx_framework_pair(fw("2021"), "产出指标", "效益指标"));
	assert_false(jx_framework_pair(fw("2021"), "未知指标", "数量指标"));
	assert_false(jx_framework_pair(fw("2021"), "效益指标", "生态环境效益指标")); /* canonical labels only */
}

static void test_framework_parent_falls_back_to_other_frameworks(void **state)
{
	static const struct {
		const char *fw, *l2, *want;
	} cases[] = {
		{ "2015", "成本指标", "产出指标" },
		{ "2021", "数量指标", "产出指标" },
		{ "2021", "社会效益指标", "效益指标" },
		{ "2015", "经济成本指标", "成本指标" },  /* from 2021 */
		{ "2021", "可持续影响指标", "效益指标" }, /* from 2015 */
		{ "2021", "服务对象满意度指标", "满意度指标" },
		{ "2021", "产出指标", NULL },
		{ "2015", "人民群众满意度", NULL },
	};
	size_t i;
	const char *got;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		got = jx_framework_parent(fw(cases[i].fw), cases[i].l2);
		if (cases[i].want ? !got || strcmp(got, cases[i].want) != 0 : got != NULL)
			fail_msg("parent(%s, %s) = %s", cases[i].fw, cases[i].l2, got ? got : "NULL");
	}
}

static void test_framework_only_child(void **state)
{
	(void)state;
	assert_string_equal(jx_framework_only_child(fw("2021"), "满意度指标"), "服务对象满意度指标");
	assert_string_equal(jx_framework_only_child(fw("2015"), "满意度指标"), "服务对象满意度指标");
	assert_null(jx_framework_only_child(fw("2021"), "产出指标"));
	assert_null(jx_framework_only_child(fw("2015"), "成本指标")); /* not level 1 there */
	assert_null(jx_framework_only_child(fw("2021"), "不存在"));
}

static void test_framework_is_label_any_level_any_framework(void **state)
{
	static const char *const labels[] = { "产出指标", "数量指标", "成本指标", "经济成本指标", "可持续影响指标",
					      "生态环境效益指标", "可持续发展指标" };
	static const char *const others[] = { "日消杀次数", "", "指标", "产出", "满意度" };
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(labels); i++)
		if (!jx_framework_is_label(labels[i]))
			fail_msg("%s is not a label", labels[i]);
	for (i = 0; i < N_OF(others); i++)
		if (jx_framework_is_label(others[i]))
			fail_msg("%s is a label", others[i]);
}

static void test_framework_canonical_by_level(void **state)
{
	static const struct {
		const char *key;
		enum jx_label level;
		const char *want;
	} cases[] = {
		{ "生态环境效益指标", JX_LABEL_L2, "生态效益指标" },
		{ "可持续发展指标", JX_LABEL_L2, "可持续影响指标" },
		{ "成本指标", JX_LABEL_L1, "成本指标" },
		{ "成本指标", JX_LABEL_L2, "成本指标" },
		{ "生态成本指标", JX_LABEL_L2, "生态环境成本指标" },
		{ "产出指标", JX_LABEL_L1, "产出指标" },
		{ "产出指标", JX_LABEL_L2, NULL },
		{ "数量指标", JX_LABEL_L1, NULL },
		{ "日消杀次数", JX_LABEL_L2, NULL },
	};
	size_t i;
	const char *got;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		got = jx_framework_canonical(cases[i].key, cases[i].level);
		if (cases[i].want ? !got || strcmp(got, cases[i].want) != 0 : got != NULL)
			fail_msg("canonical(%s, %d) = %s", cases[i].key, cases[i].level, got ? got : "NULL");
	}
}

static void test_framework_choose_score_then_year(void **state)
{
	static const struct {
		size_t score[2];
		int year;
		size_t want;
	} cases[] = {
		{ { 3, 1 }, 2025, 0 }, /* the highest score wins whatever the year */
		{ { 1, 3 }, 2016, 1 },
		{ { 2, 2 }, 2021, 0 }, /* a tie: 2021 applies from 2022 only */
		{ { 2, 2 }, 2022, 1 },
		{ { 0, 0 }, 2030, 1 },
		{ { 4, 4 }, 2010, 0 }, /* none applies yet: the earliest */
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		assert_int_equal(jx_framework_choose(cases[i].score, cases[i].year), cases[i].want);
}

/* Every level-1 label, level-2 label and alias of one data file reads as the file says. */
static void check_against_file(const char *id)
{
	char rel[64];
	json_error_t jerr;
	json_t *root, *l1, *l2, *v;
	const struct jx_framework *f = fw(id);
	const char *label, *k;
	size_t i, j;

	snprintf(rel, sizeof(rel), "data/frameworks/%s.json", id);
	root = json_load_file(src_path(rel), 0, &jerr);
	if (!root)
		fail_msg("%s: %s", rel, jerr.text);
	assert_string_equal(json_string_value(json_object_get(root, "id")), id);
	assert_int_equal(json_integer_value(json_object_get(root, "since")), jx_framework_since(f));
	json_array_foreach(json_object_get(root, "level1"), i, l1) {
		const char *name = json_string_value(json_object_get(l1, "name"));

		assert_int_equal(jx_framework_label(f, name, &label), JX_LABEL_L1);
		assert_string_equal(label, name);
		json_array_foreach(json_object_get(l1, "level2"), j, l2) {
			assert_int_equal(jx_framework_label(f, json_string_value(l2), &label), JX_LABEL_L2);
			assert_true(jx_framework_pair(f, name, json_string_value(l2)));
			assert_string_equal(jx_framework_parent(f, json_string_value(l2)), name);
		}
	}
	json_object_foreach(json_object_get(root, "aliases"), k, v) { /* at the level of the label it stands for */
		const char *canonical;

		assert_int_equal(jx_framework_label(f, k, &label), jx_framework_label(f, json_string_value(v), &canonical));
		assert_string_equal(label, json_string_value(v));
	}
	json_decref(root);
}

static void test_framework_matches_data_files(void **state)
{
	(void)state;
	check_against_file("2015");
	check_against_file("2021");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_framework_concurrent_first_use_loads_once),
		cmocka_unit_test(test_framework_list_ordered_by_year),
		cmocka_unit_test(test_framework_label_levels_and_aliases),
		cmocka_unit_test(test_framework_pair_depends_on_framework),
		cmocka_unit_test(test_framework_parent_falls_back_to_other_frameworks),
		cmocka_unit_test(test_framework_only_child),
		cmocka_unit_test(test_framework_is_label_any_level_any_framework),
		cmocka_unit_test(test_framework_canonical_by_level),
		cmocka_unit_test(test_framework_choose_score_then_year),
		cmocka_unit_test(test_framework_matches_data_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
