/*
 * cmd_export.c — `jixiao export`: projects in the JSON form or the document form.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao export [--db 数据库] [--format json|text] [-o 文件] [--year 年度] [项目…]\n"
	"\n"
	"导出项目（默认全部；或指定编号/名称）：\n"
	"  --format json  jixiao 的 JSON 格式（默认）\n"
	"  --format text  公开文件的文本格式（制表符分隔），可再导入\n"
	"  -o 文件        写入文件而不是标准输出\n"
	"  --year 年度    只导出该年度的项目\n"
	"  --approved     导出指定项目最后一次批准时的版本\n";

static int export_named(struct cli_out *w, struct jx_store *st, char **refs, int n, int year, bool approved,
			struct jx_err *err)
{
	int i, rc = 0;

	for (i = 0; i < n && !rc; i++) {
		struct jx_project *p;

		rc = cli_load(st, refs[i], year, approved, &p, err);
		if (!rc) {
			rc = cli_out_project(w, p, err);
			jx_project_free(p);
		}
	}
	return rc ? -1 : 0;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "format", required_argument, NULL, 'f' },
						  { "output", required_argument, NULL, 'o' },
						  { "year", required_argument, NULL, 'y' },
						  { "approved", no_argument, NULL, 'p' },
						  CLI_COMMON_LONGOPTS };
	const char *format = "json", *output = NULL;
	bool approved = false;
	const struct jx_renderer *r;
	struct jx_filter f = { 0 };
	struct jx_err err = { 0 };
	struct cli_file t;
	struct cli_out w;
	struct jx_store *st;
	int opt, code, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_export, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'f') {
			format = optarg;
		} else if (opt == 'o') {
			output = optarg;
		} else if (opt == 'p') {
			approved = true;
		} else if (opt == 'y' && cli_year(&cmd_export, optarg, &f.year)) {
			return EXIT_FAIL;
		}
	}
	if (approved && optind >= argc)
		return cli_usage(&cmd_export, "--approved 需要指定项目");
	if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0)
		return cli_usage(&cmd_export, "--format 应为 json 或 text，而不是“%s”", format);
	r = jx_renderer_get(format);
	st = cli_store(c, 0);
	if (!st)
		return EXIT_FAIL;
	if (cli_file_open(&t, output, &err))
		return cli_fail(&err);
	cli_out_begin(&w, r, t.f, 0);
	if (optind < argc)
		rc = export_named(&w, st, argv + optind, argc - optind, f.year, approved, &err);
	else
		rc = jx_store_each(st, &f, cli_out_project, &w, &err);
	rc = cli_out_end(&w, rc != 0, rc ? NULL : &err) || rc;
	if (cli_file_close(&t, !rc, rc ? NULL : &err) || rc)
		return cli_fail(&err);
	return EXIT_OK;
}

const struct command cmd_export = { "export", "导出项目（JSON 或公开文件文本）", usage, run };
