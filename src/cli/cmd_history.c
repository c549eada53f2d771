/*
 * cmd_history.c — `jixiao history PROJECT`: who changed what, when, before and after.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/history.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/store.h"
#include "jixiao/text.h"

static const char usage[] =
	"用法: jixiao history [--db 数据库] [--year 年度] [--format text|json] 项目\n"
	"\n"
	"显示项目的历史：每次新建、修改、提交、批准、退回，谁在何时（UTC）做的，改了什么（修改前后）。\n"
	"--format json 输出 {\"history\": [{\"at\", \"user\", \"action\", \"detail\"}]}。\n";

#define INDENT "                                        " /* under the first line's text */

/* A long text shortened for one line of the history. */
static void clip(struct jx_buf *out, const char *s)
{
	size_t n = strlen(s), cut = 0, w = 0;

	while (cut < n && w < 30) {
		int32_t cp;
		size_t len = jx_utf8_decode(s + cut, n - cut, &cp);

		w += jx_text_width(s + cut, len);
		cut += len;
	}
	jx_buf_add(out, s, cut, NULL);
	if (cut < n)
		jx_buf_adds(out, "…", NULL);
}

static const char *status_label(const char *name)
{
	enum jx_status s;

	return name && !jx_status_from_name(name, &s) ? jx_status_label(s) : (name ? name : "");
}

static void describe_change(struct jx_buf *out, json_t *c)
{
	const char *field = json_string_value(json_object_get(c, "field"));
	const char *ind = json_string_value(json_object_get(c, "indicator"));
	const char *before = json_string_value(json_object_get(c, "before"));
	const char *after = json_string_value(json_object_get(c, "after"));

	if (!field)
		return;
	if (strcmp(field, "indicator") == 0 && !before)
		jx_buf_addf(out, NULL, "新增指标“%s”：%s", ind ? ind : "", after && *after ? after : "（未填）");
	else if (strcmp(field, "indicator") == 0)
		jx_buf_addf(out, NULL, "删除指标“%s”（原为 %s）", ind ? ind : "", *before ? before : "未填");
	else if (strcmp(field, "order") == 0)
		jx_buf_adds(out, "指标顺序调整", NULL);
	else {
		if (ind)
			jx_buf_addf(out, NULL, "指标“%s”的", ind);
		jx_buf_addf(out, NULL, "%s：", jx_history_field_label(field));
		clip(out, strcmp(field, "status") == 0 ? status_label(before) : before ? before : "（无）");
		jx_buf_adds(out, " → ", NULL);
		clip(out, strcmp(field, "status") == 0 ? status_label(after) : after ? after : "（无）");
	}
}

static void describe(struct jx_buf *out, const char *action, json_t *d)
{
	json_t *changes = json_object_get(d, "changes"), *c;
	size_t i;

	if (strcmp(action, "create") == 0) {
		jx_buf_addf(out, NULL, "%lld 条指标，年度资金总额 %s 万元",
			    (long long)json_integer_value(json_object_get(d, "indicators")),
			    json_string_value(json_object_get(d, "total")) ? json_string_value(json_object_get(d, "total")) : "");
	} else if (changes) {
		json_array_foreach(changes, i, c) {
			if (i)
				jx_buf_adds(out, "\n" INDENT, NULL);
			describe_change(out, c);
		}
	} else {
		jx_buf_addf(out, NULL, "%s → %s", status_label(json_string_value(json_object_get(d, "from"))),
			    status_label(json_string_value(json_object_get(d, "to"))));
		if (json_string_value(json_object_get(d, "reason")))
			jx_buf_addf(out, NULL, "。理由：%s", json_string_value(json_object_get(d, "reason")));
		if (json_string_value(json_object_get(json_object_get(d, "grade"), "grade")))
			jx_buf_addf(out, NULL, "。审核评级：%s（%lld 分）",
				    json_string_value(json_object_get(json_object_get(d, "grade"), "grade")),
				    (long long)json_integer_value(json_object_get(json_object_get(d, "grade"), "points")));
	}
}

struct listing {
	bool json;
	size_t count;
	struct jx_buf out;
};

static int one(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	struct listing *l = ctx;
	json_t *d;

	(void)err;
	if (l->json) {
		json_t *j = jx_event_to_json(e);
		char *s = json_dumps(j, JX_JSON_DUMP);

		jx_buf_adds(&l->out, l->count++ ? ",\n" : "\n", NULL);
		jx_buf_adds(&l->out, s, NULL);
		free(s);
		json_decref(j);
		return 0;
	}
	d = json_loads(e->detail, 0, NULL);
	jx_buf_addf(&l->out, NULL, "%.10s %.8s  ", e->at, e->at + (strlen(e->at) > 11 ? 11 : strlen(e->at)));
	jx_text_pad(&l->out, e->user, strlen(e->user), 8);
	jx_buf_adds(&l->out, "  ", NULL);
	jx_text_pad(&l->out, jx_history_action_label(e->action), strlen(jx_history_action_label(e->action)), 8);
	jx_buf_adds(&l->out, "  ", NULL);
	describe(&l->out, e->action, d);
	jx_buf_addc(&l->out, '\n', NULL);
	json_decref(d);
	l->count++;
	return 0;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "format", required_argument, NULL, 'f' },
						  { "year", required_argument, NULL, 'y' },
						  CLI_COMMON_LONGOPTS };
	struct listing l = { false, 0, JX_BUF_INIT };
	struct jx_err err = { 0 };
	struct jx_project *p = NULL;
	const char *format = "text";
	struct jx_store *st;
	int opt, code, year = 0, rc;
	int64_t id;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_history, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'f') {
			format = optarg;
		} else if (opt == 'y' && cli_year(&cmd_history, optarg, &year)) {
			return EXIT_FAIL;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage(&cmd_history, "--format 应为 text 或 json，而不是“%s”", format);
	if (optind + 1 != argc)
		return cli_usage(&cmd_history, "应指定一个项目（编号或名称）");
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (jx_store_resolve(st, argv[optind], year, &id, &err) || jx_store_get(st, id, &p, &err))
		return cli_fail(&err);
	l.json = strcmp(format, "json") == 0;
	if (l.json)
		jx_buf_adds(&l.out, "{\"history\": [", NULL);
	else
		jx_buf_addf(&l.out, NULL, "%s（编号 %lld，%d年度，%s）的历史（时间为 UTC）\n", p->name, (long long)id, p->year,
			    jx_status_label(p->status));
	jx_project_free(p);
	rc = jx_store_history(st, id, one, &l, &err);
	if (l.json)
		jx_buf_adds(&l.out, l.count ? "\n]}\n" : "]}\n", NULL);
	if (!rc && (cli_flush(&l.out, stdout) || fflush(stdout)))
		rc = jx_err_set(&err, JX_EIO, "写入输出失败");
	jx_buf_release(&l.out);
	return rc ? cli_fail(&err) : EXIT_OK;
}

const struct command cmd_history = { "history", "显示项目的历史（谁、何时、改了什么）", usage, run };
