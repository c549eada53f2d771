/*
 * cmd_show.c — `jixiao show PROJECT…`: target tables as a reader sees them, aligned for a terminal.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "jixiao/err.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao show [--db 数据库] [--year 年度] 项目…\n"
	"      jixiao show [--db 数据库] [--year 年度] --all\n"
	"      jixiao show [--db 数据库] [--year 年度] --approved 项目…\n"
	"\n"
	"显示项目的绩效目标表：项目信息、资金、年度目标和三级指标。\n"
	"项目可以是编号或项目名称；同名项目在多个年度都有时，用 --year 指定年度。\n"
	"--all 显示全部项目（有 --year 时为该年度的全部项目）。\n"
	"--approved 显示项目最后一次批准时的绩效目标表（调整目标后也能取回）。\n";

static int show_one(struct cli_out *w, struct jx_store *st, const char *ref, int year, bool approved,
		    struct jx_err *err)
{
	struct jx_project *p;
	int rc;

	if (cli_load(st, ref, year, approved, &p, err))
		return -1;
	rc = cli_out_project(w, p, err);
	jx_project_free(p);
	return rc;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' },
						  { "all", no_argument, NULL, 'a' },
						  { "approved", no_argument, NULL, 'p' },
						  CLI_COMMON_LONGOPTS };
	struct jx_err err = { 0 };
	struct cli_out w;
	struct jx_store *st;
	struct jx_filter f = { 0 };
	int opt, code, i, rc = 0;
	bool all = false, approved = false;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_show, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'a') {
			all = true;
		} else if (opt == 'p') {
			approved = true;
		} else if (opt == 'y' && cli_year(&cmd_show, optarg, &f.year)) {
			return EXIT_FAIL;
		}
	}
	if (optind >= argc && !all)
		return cli_usage(&cmd_show, "缺少要显示的项目（编号或名称），或用 --all 显示全部");
	if (optind < argc && all)
		return cli_usage(&cmd_show, "--all 与具体项目不能同时指定");
	if (all && approved)
		return cli_usage(&cmd_show, "--approved 需要指定项目");
	st = cli_store(c, 0);
	if (!st)
		return EXIT_FAIL;
	cli_out_begin(&w, jx_renderer_get("term"), stdout, cli_columns());
	if (all)
		rc = jx_store_each(st, &f, cli_out_project, &w, &err);
	for (i = optind; i < argc && !rc; i++)
		rc = show_one(&w, st, argv[i], f.year, approved, &err);
	if (cli_out_end(&w, rc != 0, rc ? NULL : &err) || rc)
		return cli_fail(&err);
	return EXIT_OK;
}

const struct command cmd_show = { "show", "显示项目的绩效目标表", usage, run };
