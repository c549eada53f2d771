/*
 * test_library.c — the indicator library: the seed, reading the file form (and refusing bad files),
 * searching, taking tables in (merged by labels, name and unit, counted), the store's entries over the
 * seed, the round trip of export and add, suggestions, and the start of next year's table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "jixiao/baseline.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/peers.h"
#include "jixiao/review.h"
#include "jixiao/store.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static void assert_contains(const char *s, const char *part)
{
	if (!strstr(s, part))
		fail_msg("“%s” does not hold “%s”", s, part);
}

static struct jx_project *project(const char *json)
{
	struct jx_project *p[2];
	struct jx_err err = { 0 };

	if (read_projects(json, strlen(json), p, 2, &err) != 1)
		fail_msg("expected one project: %s\n%s", err.msg, json);
	return p[0];
}

#define IND(l1, l2, name, target) "{\"level1\": \"" l1 "\", \"level2\": \"" l2 "\", \"name\": \"" name "\", \"target\": \"" target "\"}"
#define TABLE(name, unit, inds)                                                                                  \
	"{\"projects\": [{\"year\": 2021, \"name\": \"" name "\", \"unit\": \"" unit "\", \"funds\": {\"total\": "     \
	"\"10.00\"}, \"goal\": \"完成年度任务。\", \"indicators\": [" inds "]}]}"

/* ---- the seed ---- */

static void test_seed(void **state)
{
	struct jx_library lib;
	struct jx_err err = { 0 };
	size_t i, k, typed = 0;

	(void)state;
	assert_int_equal(jx_library_load(NULL, &lib, &err), 0);
	assert_in_range(lib.n, 40, 80);
	assert_true(lib.n_types >= 5 && lib.n_sectors >= 5);
	for (i = 0; i < lib.n; i++) {
		const struct jx_lib_entry *e = &lib.e[i];

		assert_ptr_equal(jx_library_get(&lib, e->id), e); /* ids unique and indexed */
		assert_non_null(e->explanation);                  /* each says what it measures */
		assert_non_null(e->basis);
		assert_string_equal(e->origin, "seed");
		assert_true(jx_library_has(&lib, e->name, e->unit));
		if (!e->type)
			continue;
		typed++;
		for (k = 0; k < lib.n_types && strcmp(lib.types[k].type, e->type) != 0; k++)
			;
		if (k == lib.n_types)
			fail_msg("%s: its type %s is not one the seed can infer", e->id, e->type);
	}
	assert_true(typed > lib.n / 2);
	/* units kept as an indicator's are (NFKC): 台（套） is 台(套) */
	assert_string_equal(jx_library_get(&lib, "seed-gz01")->unit, "台(套)");
	assert_false(jx_library_has(&lib, "培训人次", "人"));
	jx_library_free(&lib);
}

/* ---- reading the file form ---- */

static void test_bad_files(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "[]", "lib.json: 指标库文件的顶层应为 JSON 对象" },
		{ "{\"entries\": [}", "lib.json:1: 指标库文件不是有效的 JSON" },
		{ "{\"items\": []}", "lib.json: 未知的字段“items”" },
		{ "{\"entries\": {}}", "lib.json: 指标库文件应有 entries 数组" },
		{ "{\"entries\": [{\"level1\": \"产出指标\", \"level2\": \"数量指标\"}]}", "lib.json: 第 1 项: 缺少 name" },
		{ "{\"entries\": [{\"name\": \"甲\", \"level1\": \"产出指标\", \"level2\": \"数量指标\", \"colour\": 1}]}",
		  "第 1 项: 未知的字段“colour”" },
		{ "{\"entries\": [{\"name\": \"甲\", \"level1\": \"效益指标\", \"level2\": \"数量指标\"}]}",
		  "第 1 项（“甲”）: 一级指标“效益指标”之下没有二级指标“数量指标”" },
		{ "{\"entries\": [{\"name\": \"甲\", \"level1\": \"产出指标\", \"level2\": \"数量指标\", \"op\": \"大于\"}]}",
		  "op 应为 ≥、≤、=、>、< 之一，而不是“大于”" },
		{ "{\"entries\": [{\"name\": \"甲\", \"level1\": \"产出指标\", \"level2\": \"数量指标\", \"basis\": \"上级要求\"}]}",
		  "basis 应为 计划标准、行业标准、历史标准、预算支出标准、其他标准 之一" },
		{ "{\"entries\": [{\"name\": \"甲\", \"level1\": \"产出指标\", \"level2\": \"数量指标\", \"id\": \"a b\"}]}",
		  "id 应为 1–64 个字母、数字" },
		{ "{\"entries\": [{\"name\": \"甲\", \"level1\": \"产出指标\", \"level2\": \"数量指标\", \"sector\": "
		  "{\"class\": {\"code\": \"208\", \"name\": \"社保\"}, \"item\": {\"code\": \"21004\", \"name\": \"公共卫生\"}}}]}",
		  "款“21004”不在类“208”之下" },
		{ "{\"entries\": [{\"name\": \"甲\", \"level1\": \"产出指标\", \"level2\": \"数量指标\", \"tables\": [3, -1]}]}",
		  "tables 的第 2 项应为正整数" },
		{ "{\"entries\": [{\"name\": \"甲\\u0007\", \"level1\": \"产出指标\", \"level2\": \"数量指标\"}]}",
		  "name 含有控制字符" },
		{ "{\"entries\": [{\"name\": \"甲\", \"unit\": \"人\", \"level1\": \"产出指标\", \"level2\": \"数量指标\"},"
		  " {\"name\": \"甲\", \"unit\": \"人\", \"level1\": \"产出指标\", \"level2\": \"数量指标\"}]}",
		  "第 2 项（“甲”）: 与前面的条目" },
		{ "{\"entries\": [{\"id\": \"a\", \"name\": \"甲\", \"level1\": \"产出指标\", \"level2\": \"数量指标\"},"
		  " {\"id\": \"a\", \"name\": \"乙\", \"level1\": \"产出指标\", \"level2\": \"数量指标\"}]}",
		  "第 2 项（“乙”）: id“a”与前面的条目重复" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		struct jx_library lib = JX_LIBRARY_INIT;
		struct jx_err err = { 0 };

		if (jx_library_read(&lib, cases[i].text, strlen(cases[i].text), "lib.json", false, &err) == 0)
			fail_msg("case %zu was read: %s", i, cases[i].text);
		assert_int_equal(err.code, JX_EINPUT);
		assert_contains(err.msg, cases[i].want);
		assert_int_equal(lib.n, 0); /* nothing kept of a refused file */
	}
}

/* ---- searching ---- */

static void test_search(void **state)
{
	struct jx_library lib;
	struct jx_err err = { 0 };
	const struct jx_lib_entry *found[100];
	const char *training[] = { "培训", "满意度" }, *nothing[] = { "不存在的词语" };
	struct jx_lib_query q = { training, 2, NULL, NULL };
	size_t n, i;

	(void)state;
	assert_int_equal(jx_library_load(NULL, &lib, &err), 0);
	n = jx_library_search(&lib, &q, found, LEN(found));
	assert_true(n >= 1);
	assert_string_equal(found[0]->name, "学员满意度"); /* both words in its name or keywords */
	q.words = nothing;
	q.n_words = 1;
	assert_int_equal(jx_library_search(&lib, &q, found, LEN(found)), 0);
	q = (struct jx_lib_query){ NULL, 0, "会议", NULL };
	n = jx_library_search(&lib, &q, found, LEN(found));
	assert_true(n >= 4);
	for (i = 0; i < n; i++)
		assert_string_equal(found[i]->type, "会议");
	q = (struct jx_lib_query){ NULL, 0, NULL, "208" };
	n = jx_library_search(&lib, &q, found, LEN(found));
	assert_true(n >= 3);
	for (i = 0; i < n; i++)
		assert_string_equal(found[i]->sector.class_code, "208");
	q.sector = "特困";
	assert_int_equal(jx_library_search(&lib, &q, found, LEN(found)), 1);
	assert_int_equal(jx_library_search(&lib, &q, found, 0), 0); /* at most max */
	jx_library_free(&lib);
}

/* ---- taking tables in, the store ---- */

struct fixture {
	char path[256];
	struct jx_store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct jx_err err = { 0 };

	test_store_location(f->path, sizeof(f->path), "library");
	if (jx_store_open(&f->st, f->path, JX_STORE_CREATE, &err))
		fail_msg("%s", err.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jx_store_close(f->st);
	test_store_remove(f->path);
	free(f);
	return 0;
}

static char *entry_text(const struct jx_library *lib, const char *id)
{
	const struct jx_lib_entry *e = jx_library_get(lib, id);

	if (!e)
		fail_msg("no entry %s", id);
	return jx_lib_entry_json(e);
}

static void test_take_and_merge(void **state)
{
	struct fixture *f = *state;
	struct jx_project *a = project(TABLE("甲县2021年干部培训项目", "甲县委组织部",
					     IND("产出指标", "数量指标", "培训人次 (人次)", "≥300") ", "
					     IND("产出指标", "数量指标", "培训班次 (期)", "≥3") ", "
					     IND("满意度指标", "服务对象满意度指标", "学员满意度 (%)", "≥90%")));
	struct jx_project *b = project(TABLE("乙县2021年教师培训项目", "乙县教育局",
					     IND("产出指标", "数量指标", "培训班次 (期)", "≥5") ", "
					     IND("产出指标", "数量指标", "培训班次 (次)", "≥5")));
	struct jx_library lib, again;
	struct jx_lib_stats s = { 0 };
	struct jx_err err = { 0 };
	const struct jx_lib_entry *e;
	char *before, *after;
	size_t seeded;

	assert_int_equal(jx_library_load(f->st, &lib, &err), 0);
	seeded = lib.n;
	jx_library_take_project(&lib, a, 3, NULL, &s);
	jx_library_take_project(&lib, b, 0, "乙县.pdf：乙县教育局《乙县2021年教师培训项目》", &s);
	e = jx_library_get(&lib, "seed-px01");
	assert_int_equal(e->n_tables, 1);
	assert_int_equal(e->tables[0], 3);
	assert_true(jx_library_has(&lib, "培训班次", "期"));
	assert_int_equal(jx_library_save(f->st, &lib, &s, &err), 0);
	/* 培训人次 and 学员满意度 are the seed's (their tables counted), 培训班次 in 期 new and in both tables,
	 * 培训班次 in 次 new too: another unit, another entry */
	assert_int_equal(s.tables, 2);
	assert_int_equal(s.added, 2);
	assert_int_equal(s.updated, 2);
	assert_int_equal(lib.n, seeded + 2);
	for (e = NULL, s.added = 0; s.added < lib.n; s.added++)
		if (strcmp(lib.e[s.added].name, "培训班次") == 0 && strcmp(lib.e[s.added].unit, "期") == 0)
			e = &lib.e[s.added];
	assert_non_null(e);
	assert_int_equal(jx_lib_entry_uses(e), 2);
	assert_string_equal(e->origin, "approved"); /* first met in an approved table */
	assert_string_equal(e->op, "≥");
	assert_int_equal(e->n_tables + e->n_sources, 0); /* recorded in the store, not kept at hand */

	/* the same tables again change nothing: each is counted once */
	memset(&s, 0, sizeof(s));
	jx_library_take_project(&lib, a, 3, NULL, &s);
	jx_library_take_project(&lib, b, 0, "乙县.pdf：乙县教育局《乙县2021年教师培训项目》", &s);
	assert_int_equal(jx_library_save(f->st, &lib, &s, &err), 0);
	assert_int_equal(s.added + s.updated, 0);
	assert_int_equal(jx_lib_entry_uses(e), 2);

	/* the store's entries over the seed, read back as they were written, and their tables */
	assert_int_equal(jx_library_load(f->st, &again, &err), 0);
	assert_int_equal(again.n, lib.n);
	before = entry_text(&lib, e->id);
	after = entry_text(&again, e->id);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(jx_lib_entry_uses(jx_library_get(&again, "seed-px01")), 1);
	assert_int_equal(jx_library_load_uses(f->st, &again, NULL, &err), 0);
	e = jx_library_get(&again, e->id);
	assert_int_equal(e->n_tables, 1);
	assert_int_equal(e->tables[0], 3);
	assert_int_equal(e->n_sources, 1);
	assert_string_equal(e->sources[0], "乙县.pdf：乙县教育局《乙县2021年教师培训项目》");
	jx_library_free(&again);
	jx_library_free(&lib);
	jx_project_free(a);
	jx_project_free(b);
}

/* Every entry exported, added to an empty store, exports the same; a curated change replaces its entry
 * and a clash of labels, name and unit under another id changes nothing. */
static void test_round_trip_and_curation(void **state)
{
	struct fixture *f = *state;
	struct jx_library lib, given = JX_LIBRARY_INIT, back, clash = JX_LIBRARY_INIT;
	struct jx_lib_stats s = { 0 };
	struct jx_err err = { 0 };
	struct jx_buf file = JX_BUF_INIT;
	static const char edit[] =
		"{\"entries\": [{\"id\": \"seed-px07\", \"name\": \"培训费综合定额\", \"unit\": \"元/人天\", \"level1\": \"成本指标\","
		" \"level2\": \"经济成本指标\", \"op\": \"≤\", \"basis\": \"预算支出标准\", \"basis_source\": \"本省培训费管理办法\"},"
		" {\"name\": \"新指标\", \"unit\": \"个\", \"level1\": \"产出指标\", \"level2\": \"数量指标\"}]}";
	static const char twin[] =
		"{\"entries\": [{\"id\": \"mine\", \"name\": \"培训人次\", \"unit\": \"人次\", \"level1\": \"产出指标\","
		" \"level2\": \"数量指标\"}]}";
	size_t i;

	assert_int_equal(jx_library_load(NULL, &lib, &err), 0);
	jx_buf_adds(&file, "{\"entries\": [", NULL);
	for (i = 0; i < lib.n; i++) {
		char *t = jx_lib_entry_json(&lib.e[i]);

		jx_buf_addf(&file, NULL, "%s%s", i ? ",\n" : "\n", t);
		free(t);
	}
	jx_buf_adds(&file, "]}\n", NULL);
	assert_int_equal(jx_library_read(&given, file.ptr, file.len, "export.json", false, &err), 0);
	jx_library_free(&lib);
	assert_int_equal(jx_library_load(f->st, &lib, &err), 0);
	assert_int_equal(jx_library_merge(&lib, &given, &s, &err), 0);
	assert_int_equal(s.unchanged, given.n); /* the seed as it is */
	assert_int_equal(jx_library_save(f->st, &lib, NULL, &err), 0);
	jx_library_free(&given);

	assert_int_equal(jx_library_read(&given, edit, strlen(edit), "edit.json", false, &err), 0);
	memset(&s, 0, sizeof(s));
	assert_int_equal(jx_library_merge(&lib, &given, &s, &err), 0);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.added, 1);
	assert_int_equal(jx_library_save(f->st, &lib, NULL, &err), 0);
	assert_int_equal(jx_library_load(f->st, &back, &err), 0);
	assert_int_equal(back.n, lib.n);
	for (i = 0; i < lib.n; i++) {
		char *x = jx_lib_entry_json(&lib.e[i]), *y = entry_text(&back, lib.e[i].id);

		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	assert_string_equal(jx_library_get(&back, "seed-px07")->basis_source, "本省培训费管理办法");
	assert_string_equal(jx_library_get(&back, "seed-px07")->origin, "curated");
	assert_true(jx_library_has(&back, "新指标", "个"));

	assert_int_equal(jx_library_read(&clash, twin, strlen(twin), "twin.json", false, &err), 0);
	memset(&s, 0, sizeof(s));
	assert_int_equal(jx_library_merge(&back, &clash, &s, &err), -1);
	assert_int_equal(err.code, JX_ECONFLICT);
	assert_contains(err.msg, "与指标库的条目“seed-px01”重复");
	assert_null(jx_library_get(&back, "mine"));
	jx_library_free(&clash);
	jx_library_free(&back);
	jx_library_free(&given);
	jx_library_free(&lib);
	jx_buf_release(&file);
}

/* ---- suggestions ---- */

static void test_suggest(void **state)
{
	struct jx_library lib;
	struct jx_suggestions s;
	struct jx_err err = { 0 };
	struct jx_project *p = project(TABLE("丙县2022年乡村医生培训项目", "丙县卫生健康委员会",
					     IND("产出指标", "数量指标", "培训人次 (人次)", "≥120")));
	char *text;
	size_t i;
	bool cost = false;

	(void)state;
	assert_int_equal(jx_library_load(NULL, &lib, &err), 0);
	jx_library_suggest(&lib, p, NULL, NULL, &s);
	assert_int_equal(s.type.how, JX_LIB_INFERRED);
	assert_string_equal(s.type.type, "培训");
	text = jx_lib_guess_text(&s.type);
	assert_string_equal(text, "培训（由项目名称中的“培训”推断，未经确认）");
	free(text);
	assert_int_equal(s.sector.how, JX_LIB_INFERRED);
	assert_string_equal(s.sector.sector->class_code, "210");
	assert_true(s.n > 5);
	assert_string_equal(s.s[0].e->type, "培训");
	for (i = 0; i < s.n; i++) {
		assert_false(strcmp(s.s[i].e->name, "培训人次") == 0); /* in the table already */
		if (s.s[i].e->type)
			assert_string_equal(s.s[i].e->type, "培训");
		if (s.s[i].e->sector.class_code)
			assert_string_equal(s.s[i].e->sector.class_code, "210");
		if (strcmp(s.s[i].e->id, "seed-px07") == 0) {
			cost = true;
			assert_contains(s.s[i].why, "适用于培训类项目");
			assert_contains(s.s[i].why, "本表还没有成本指标");
		}
	}
	assert_true(cost);
	jx_suggestions_free(&s);

	jx_library_suggest(&lib, p, "会议", "201", &s); /* told: taken as given, and said so */
	assert_int_equal(s.type.how, JX_LIB_GIVEN);
	text = jx_lib_guess_text(&s.type);
	assert_string_equal(text, "会议（由命令指定）");
	free(text);
	for (i = 0; i < s.n; i++)
		if (s.s[i].e->type)
			assert_string_equal(s.s[i].e->type, "会议");
	jx_suggestions_free(&s);
	jx_library_free(&lib);
	jx_project_free(p);
}

static void test_carry(void **state)
{
	struct jx_project *p = project(TABLE("甲县2021年干部培训项目", "甲县委组织部", IND("产出指标", "数量指标", "培训人次 (人次)", "≥300")));
	struct jx_project *q;

	(void)state;
	p->key = true;
	p->status = JX_APPROVED;
	p->id = 9;
	q = jx_baseline_carry(p, 2022);
	assert_string_equal(q->name, "甲县2022年干部培训项目");
	assert_int_equal(q->year, 2022);
	assert_int_equal(q->id, 0);
	assert_int_equal(q->status, JX_DRAFT);
	assert_false(q->key);
	assert_int_equal(q->n_ind, 1);
	assert_string_equal(q->ind[0].target, "≥300");
	jx_project_free(p);
	jx_project_free(q);
}

/* Stores a table of unit with the targets given for 培训人次 (人次), in status st. */
static int64_t put_trainees(struct jx_store *s, const char *json, enum jx_status status, bool classified)
{
	struct jx_project *p = project(json);
	struct jx_err err = { 0 };
	int64_t id;

	p->status = status;
	p->classified = classified;
	if (jx_store_put(s, p, &err))
		fail_msg("%s", err.msg);
	id = p->id;
	jx_project_free(p);
	return id;
}

static void assert_dec(struct jx_dec d, const char *want)
{
	char out[JX_DEC_STRMAX];

	assert_string_equal(jx_dec_format(d, out), want);
}

/* The other tables' targets: the table's own left out however many equal targets there are, one
 * direction at a time, drafts and classified tables not counted, an even count's median exact. */
static void test_peers(void **state)
{
	struct fixture *f = *state;
	struct jx_library lib;
	struct jx_peers *peers;
	struct jx_peer_stat st;
	struct jx_err err = { 0 };
	struct jx_project *own;
	int64_t own_id;

	put_trainees(f->st, TABLE("甲2021年培训", "甲", IND("产出指标", "数量指标", "培训人次 (人次)", "≥5")), JX_SUBMITTED, false);
	put_trainees(f->st, TABLE("乙2021年培训", "乙", IND("产出指标", "数量指标", "培训人次 (人次)", "≥5")), JX_APPROVED, false);
	put_trainees(f->st, TABLE("丙2021年培训", "丙", IND("产出指标", "数量指标", "培训人次 (人次)", "≥7")), JX_RETURNED, false);
	put_trainees(f->st, TABLE("丁2021年培训", "丁", IND("产出指标", "数量指标", "培训人次 (人次)", "≥1000")), JX_DRAFT, false);
	put_trainees(f->st, TABLE("戊2021年培训", "戊", IND("产出指标", "数量指标", "培训人次 (人次)", "≥2000")), JX_APPROVED, true);
	put_trainees(f->st, TABLE("己2021年培训", "己", IND("产出指标", "数量指标", "培训人次 (人次)", "≤3")), JX_APPROVED, false);
	/* the table compared: two targets for the same entry, equal to others' */
	own_id = put_trainees(f->st, TABLE("庚2021年培训", "庚", IND("产出指标", "数量指标", "培训人次 (人次)", "≥5") ", "
					     IND("产出指标", "数量指标", "培训人次 (人次)", "≥9")), JX_SUBMITTED, false);
	assert_int_equal(jx_library_load(f->st, &lib, &err), 0);
	assert_int_equal(jx_peers_load(f->st, 2021, &lib, &peers, &err), 0);
	assert_int_equal(jx_peers_year(peers), 2021);

	own = project(TABLE("庚2021年培训", "庚", IND("产出指标", "数量指标", "培训人次 (人次)", "≥6")));
	own->id = own_id;
	assert_true(jx_peers_of(peers, own, &own->ind[0], &st)); /* 5, 5, 7: its stored 5 and 9 left out */
	assert_int_equal(st.count, 3);
	assert_dec(st.median, "5");
	assert_dec(st.min, "5");
	assert_dec(st.max, "7");
	own->id = 0; /* not stored: nothing left out — 5, 5, 5, 7, 9 */
	assert_true(jx_peers_of(peers, own, &own->ind[0], &st));
	assert_int_equal(st.count, 5);
	assert_dec(st.median, "5");
	assert_dec(st.max, "9");
	jx_project_free(own);

	/* an even count: the mean of the middle two, exactly — 甲 sees 5, 7, 5, 9 */
	own = project(TABLE("甲2021年培训", "甲", IND("产出指标", "数量指标", "培训人次 (人次)", "≥5")));
	assert_int_equal(jx_store_find(f->st, 2021, JX_KIND_PROJECT, "甲", "甲2021年培训", &own->id, &err), 0);
	assert_true(jx_peers_of(peers, own, &own->ind[0], &st));
	assert_int_equal(st.count, 4);
	assert_dec(st.median, "6");
	jx_project_free(own);

	/* ≤ is another direction: only 己's; = and other units or names none */
	own = project(TABLE("辛2021年培训", "辛", IND("产出指标", "数量指标", "培训人次 (人次)", "≤4") ", "
				IND("产出指标", "数量指标", "培训人次 (人次)", "=4") ", "
				IND("产出指标", "数量指标", "培训人次 (人)", "≥4") ", "
				IND("产出指标", "数量指标", "参训人次 (人次)", "≥4") ", "
				IND("产出指标", "数量指标", "培训人次 (人次)", "好")));
	assert_true(jx_peers_of(peers, own, &own->ind[0], &st));
	assert_int_equal(st.count, 1);
	assert_dec(st.median, "3");
	assert_false(jx_peers_of(peers, own, &own->ind[1], &st));
	assert_false(jx_peers_of(peers, own, &own->ind[2], &st));
	assert_false(jx_peers_of(peers, own, &own->ind[3], &st));
	assert_false(jx_peers_of(peers, own, &own->ind[4], &st));
	jx_project_free(own);

	/* target-below-peers with these peers: a ≥ target below percent% of their median, given
	 * min_count of them (the rules file's "peers"); silent with fewer, or without the peers */
	{
		static const char conf[] = "{\"peers\": {\"min_count\": 3, \"percent\": 50}}";
		char path[] = "/tmp/jixiao-peers-rules-XXXXXX";
		int fd = mkstemp(path);
		struct jx_review *r = NULL;
		struct jx_review_with w = { NULL, &lib, peers };
		struct jx_findings f = JX_FINDINGS_INIT;
		size_t i, hits = 0;

		assert_true(fd >= 0);
		assert_int_equal(write(fd, conf, sizeof(conf) - 1), (ssize_t)(sizeof(conf) - 1));
		close(fd);
		assert_int_equal(jx_review_load(&r, path, &err), 0);
		unlink(path);
		assert_true(jx_review_uses_peers(r, 2021));
		own = project(TABLE("庚2021年培训", "庚", IND("产出指标", "数量指标", "培训人次 (人次)", "≥2")));
		own->id = own_id; /* others: 5, 5, 7 — median 5, and 2 is below its half */
		jx_review_check_using(r, own, &w, &f);
		for (i = 0; i < f.n; i++)
			if (strcmp(f.f[i].rule, "target-below-peers") == 0) {
				hits++;
				assert_contains(f.f[i].message, "指标值 ≥2人次 远低于同类指标的目标：本年度其他 3 张表的目标中位数为 5人次（5人次–7人次），不到中位数的 50%");
			}
		assert_int_equal(hits, 1);
		jx_findings_clear(&f);
		free(own->ind[0].target);
		own->ind[0].target = strdup("≥3");
		own->ind[0].value.coef = 3; /* 3 is not below 2.5 */
		jx_review_check_using(r, own, &w, &f);
		for (i = 0; i < f.n; i++)
			assert_string_not_equal(f.f[i].rule, "target-below-peers");
		jx_findings_clear(&f);
		w.peers = NULL; /* without the peers: silent */
		own->ind[0].value.coef = 2;
		jx_review_check_using(r, own, &w, &f);
		for (i = 0; i < f.n; i++)
			assert_string_not_equal(f.f[i].rule, "target-below-peers");
		jx_findings_clear(&f);
		jx_project_free(own);
		jx_review_free(r);
	}
	jx_peers_free(peers);

	/* another year has none */
	assert_int_equal(jx_peers_load(f->st, 2022, &lib, &peers, &err), 0);
	own = project(TABLE("甲2021年培训", "甲", IND("产出指标", "数量指标", "培训人次 (人次)", "≥5")));
	assert_false(jx_peers_of(peers, own, &own->ind[0], &st));
	jx_project_free(own);
	jx_peers_free(peers);
	jx_library_free(&lib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_search),
		cmocka_unit_test_setup_teardown(test_take_and_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_and_curation, setup, teardown),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_carry),
		cmocka_unit_test_setup_teardown(test_peers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
