/*
 * cmd_suggest.c — `jixiao suggest PROJECT`: the library's indicators a table does not have yet, for its
 * type and sector, best first, each with why. A type or sector the command was not told is taken from
 * the table's 项目类别 or inferred from the words of its name, unit and goal, and the output says so:
 * a guess is never shown as a fact.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/json_io.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao suggest [--year 年度] [--type 类型] [--sector 分类] [--limit 条数] [--format text|json] 项目\n"
	"\n"
	"列出指标库中适合这张表、而表中还没有（名称和计量单位都不同）的指标，最合适的在前，并说明理由：\n"
	"适用于表的项目类型（培训、会议、购置、基建、补助 …）、属于表的支出功能分类、关键词见于项目名称或\n"
	"年度目标、表中还没有这一类一级指标、已被多少张表采用。\n"
	"项目类型和支出功能分类可用 --type、--sector 指定；否则取表中的项目类别，再不然由项目名称、预算单位\n"
	"和年度目标中的词推断——推断的结果会注明“推断，未经确认”。--limit 默认 20 条（0 为全部）。\n"
	"--format json 输出 {\"project\", \"id\", \"type\", \"sector\", \"suggestions\": [{\"entry\", \"score\", \"why\"}]}。\n";

static const char *const how_names[] = { "unknown", "given", "category", "inferred" };

static json_t *guess_json(const struct jx_lib_guess *g, bool sector)
{
	char *text = jx_lib_guess_text(g);
	json_t *o = json_object();

	json_object_set_new(o, "how", json_string(how_names[g->how]));
	if (!sector) {
		json_object_set_new(o, "value", g->type ? json_string(g->type) : json_null());
	} else if (g->sector) {
		json_object_set_new(o, "class", json_pack("{s:s, s:s}", "code", g->sector->class_code, "name",
							   g->sector->class_name));
		if (g->sector->item_code)
			json_object_set_new(o, "item", json_pack("{s:s, s:s}", "code", g->sector->item_code, "name",
								  g->sector->item_name));
	} else {
		json_object_set_new(o, "value", g->word ? json_string(g->word) : json_null());
	}
	if (g->how == JX_LIB_INFERRED || g->how == JX_LIB_CATEGORY) {
		json_object_set_new(o, "word", json_string(g->word));
		json_object_set_new(o, "where", json_string(g->where));
	}
	json_object_set_new(o, "text", json_string(text));
	free(text);
	return o;
}

static void as_json(struct jx_buf *out, const struct jx_project *p, const struct jx_suggestions *s, size_t limit)
{
	json_t *o = json_object(), *list = json_array();
	char *text;
	size_t i;

	json_object_set_new(o, "project", json_string(p->name));
	json_object_set_new(o, "id", json_integer((json_int_t)p->id));
	json_object_set_new(o, "type", guess_json(&s->type, false));
	json_object_set_new(o, "sector", guess_json(&s->sector, true));
	for (i = 0; i < s->n && i < limit; i++) {
		char *e = jx_lib_entry_json(s->s[i].e);

		json_array_append_new(list, json_pack("{s:o, s:i, s:s}", "entry", json_loads(e, 0, NULL), "score",
						      s->s[i].score, "why", s->s[i].why));
		free(e);
	}
	json_object_set_new(o, "suggestions", list);
	text = json_dumps(o, JX_JSON_DUMP);
	jx_buf_adds(out, text, NULL);
	jx_buf_addc(out, '\n', NULL);
	free(text);
	json_decref(o);
}

static void as_text(struct jx_buf *out, const struct jx_project *p, const struct jx_suggestions *s, size_t limit)
{
	char *type = jx_lib_guess_text(&s->type), *sector = jx_lib_guess_text(&s->sector);
	size_t i;

	jx_buf_addf(out, NULL, "%s（编号 %lld，%d年度）可从指标库选用的指标\n", p->name, (long long)p->id, p->year);
	jx_buf_addf(out, NULL, "项目类型：%s\n支出功能分类：%s\n", type, sector);
	if (s->type.how == JX_LIB_INFERRED || s->sector.how == JX_LIB_INFERRED)
		jx_buf_adds(out, "（推断的类型或分类不对时，用 --type、--sector 指定）\n", NULL);
	for (i = 0; i < s->n && i < limit; i++) {
		const struct jx_lib_entry *e = s->s[i].e;

		jx_buf_addf(out, NULL, "%2zu. %s%s%s%s  %s/%s", i + 1, e->name, e->unit ? "（" : "", e->unit ? e->unit : "",
			    e->unit ? "）" : "", e->level1, e->level2);
		if (e->op)
			jx_buf_addf(out, NULL, "  %s", e->op);
		jx_buf_addf(out, NULL, "  [%s]\n    理由：%s\n", e->id, s->s[i].why);
		if (e->explanation)
			jx_buf_addf(out, NULL, "    指标解释：%s\n", e->explanation);
	}
	if (!s->n)
		jx_buf_adds(out, "指标库中没有可建议的指标\n", NULL);
	else if (limit < s->n)
		jx_buf_addf(out, NULL, "（另有 %zu 条，--limit 0 显示全部）\n", s->n - limit);
	free(type);
	free(sector);
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "type", required_argument, NULL, 't' },
						  { "sector", required_argument, NULL, 's' },
						  { "format", required_argument, NULL, 'f' },
						  { "year", required_argument, NULL, 'y' },
						  { "limit", required_argument, NULL, 'l' },
						  CLI_COMMON_LONGOPTS };
	const char *type = NULL, *sector = NULL, *format = "text";
	struct jx_library lib;
	struct jx_suggestions s;
	struct jx_project *p = NULL;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct jx_store *st;
	size_t limit = 20;
	int opt, code, year = 0;
	char *end;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_suggest, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 't') {
			type = optarg;
		} else if (opt == 's') {
			sector = optarg;
		} else if (opt == 'f') {
			format = optarg;
		} else if (opt == 'y' && cli_year(&cmd_suggest, optarg, &year)) {
			return EXIT_FAIL;
		} else if (opt == 'l') {
			limit = strtoul(optarg, &end, 10);
			if (!*optarg || *end || strchr(optarg, '-') || limit > 100000)
				return cli_usage(&cmd_suggest, "--limit 应为 0 到 100000 的整数，而不是“%s”", optarg);
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage(&cmd_suggest, "--format 应为 text 或 json，而不是“%s”", format);
	if (argc - optind != 1)
		return cli_usage(&cmd_suggest, "suggest 需要一个项目（编号或名称）");
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (cli_load(st, argv[optind], year, false, &p, &err) || jx_library_load(st, &lib, &err)) {
		jx_project_free(p);
		return cli_fail(&err);
	}
	jx_library_suggest(&lib, p, type, sector, &s);
	if (strcmp(format, "json") == 0)
		as_json(&out, p, &s, limit ? limit : s.n);
	else
		as_text(&out, p, &s, limit ? limit : s.n);
	jx_suggestions_free(&s);
	jx_library_free(&lib);
	jx_project_free(p);
	code = cli_flush(&out, stdout) || fflush(stdout);
	jx_buf_release(&out);
	if (code) {
		jx_err_set(&err, JX_EIO, "写入输出失败");
		return cli_fail(&err);
	}
	return EXIT_OK;
}

const struct command cmd_suggest = { "suggest", "从指标库为一张表建议还没有的指标（按项目类型和支出功能分类）", usage, run };
