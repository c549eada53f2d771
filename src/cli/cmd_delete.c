/*
 * cmd_delete.c — `jixiao delete`: throw away drafts that never went to review (drafts.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/drafts.h"
#include "jixiao/err.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao delete [--db 数据库] [--year 年度] 项目…\n"
	"\n"
	"删除草稿：从未提交审核的项目连同其指标和历史一并删除，不可恢复。\n"
	"提交过审核的项目（哪怕已被退回或改回草稿）不能删除，它和它的历史须留作记录。\n"
	"项目可写编号或名称（名称重复时用 --year 指定年度）。任何一个不能删除时，一个也不删除。\n";

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' }, CLI_COMMON_LONGOPTS };
	struct jx_err err = { 0 };
	struct jx_buf done = JX_BUF_INIT;
	struct jx_store *st;
	char name[1024];
	int opt, code, year = 0, i, rc = 0;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_delete, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'y' && cli_year(&cmd_delete, optarg, &year)) {
			return EXIT_FAIL;
		}
	}
	if (optind >= argc)
		return cli_usage(&cmd_delete, "应指定要删除的项目");
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (jx_store_begin(st, &err))
		return cli_fail(&err);
	for (i = optind; i < argc && !rc; i++) {
		int64_t id;

		rc = jx_store_resolve(st, argv[i], year, &id, &err) || jx_draft_delete(st, NULL, id, name, sizeof(name), &err);
		if (!rc) /* said once all are deleted: a later refusal keeps every one */
			jx_buf_addf(&done, NULL, "已删除草稿：%s（编号 %lld）\n", name, (long long)id);
	}
	if (jx_store_end(st, rc, &err)) {
		jx_buf_release(&done);
		code = cli_fail(&err);
		if (argc - optind > 1)
			fprintf(stderr, "jixiao: 没有删除任何项目\n");
		return code;
	}
	fputs(done.ptr ? done.ptr : "", stdout);
	jx_buf_release(&done);
	return EXIT_OK;
}

const struct command cmd_delete = { "delete", "删除从未提交审核的草稿", usage, run };
