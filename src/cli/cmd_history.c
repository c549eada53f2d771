/*
 * cmd_history.c — `jixiao history PROJECT`: who changed what, when, before and after.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/clock.h"
#include "jixiao/err.h"
#include "jixiao/history.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/store.h"
#include "jixiao/text.h"

static const char usage[] =
	"用法: jixiao history [--db 数据库] [--year 年度] [--format text|json] 项目\n"
	"\n"
	"显示项目的历史：每次新建、修改、提交、批准、退回，谁在何时（北京时间；JSON 中为 UTC）做的，改了什么（修改前后）。\n"
	"--format json 输出 {\"history\": [{\"at\", \"user\", \"action\", \"detail\"}]}。\n";

#define INDENT "                                        " /* under the first line's text */

struct listing {
	bool json;
	size_t count;
	struct jx_buf out;
};

static int one(void *ctx, const struct jx_event *e, struct jx_err *err)
{
	struct listing *l = ctx;
	char at[JX_TIME_MAX];
	const char *label;

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
	label = jx_history_event_label(e->action, e->detail);
	jx_buf_addf(&l->out, NULL, "%s  ", jx_time_beijing(e->at, at));
	jx_text_pad(&l->out, e->user, strlen(e->user), 8);
	jx_buf_adds(&l->out, "  ", NULL);
	jx_text_pad(&l->out, label, strlen(label), 8);
	jx_buf_adds(&l->out, "  ", NULL);
	jx_history_describe(&l->out, e->action, e->detail, "\n" INDENT, 30);
	jx_buf_addc(&l->out, '\n', NULL);
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
		jx_buf_addf(&l.out, NULL, "%s（编号 %lld，%d年度，%s）的历史（北京时间）\n", p->name, (long long)id, p->year,
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
