/*
 * cmd_unit.c — `jixiao unit add|import|list|rename`: the registry of budget units (单位库, unit.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/json_io.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/unit.h"

static const char usage[] =
	"用法: jixiao unit add [--db 数据库] 名称 [--code 代码] [--parent 主管部门]\n"
	"      jixiao unit import [--db 数据库] 文件.csv\n"
	"      jixiao unit list [--db 数据库] [--format text|json]\n"
	"      jixiao unit rename [--db 数据库] 原名称 新名称\n"
	"\n"
	"管理单位库（预算单位的名称、代码和主管部门）。账户和绩效目标表只能属于单位库中的预算单位：\n"
	"网页系统和 API 不接受单位库以外的单位；在命令行导入目标表时，表中出现而单位库没有的单位\n"
	"自动登记，并列出登记了哪些。\n"
	"  add     登记一个预算单位。代码可省略，给出时不能与其他单位重复；主管部门须已在单位库中。\n"
	"  import  从 CSV 文件登记：首行为列名 code,name,parent（或 代码,名称,主管部门，顺序不限），\n"
	"          每行一个单位，UTF-8 编码。主管部门须在单位库或本文件中。已登记且代码、主管部门\n"
	"          相同的单位保持不变。要么全部登记，要么什么也不改，错误指出行和列。\n"
	"  list    列出单位库；--format json 输出 {\"units\": [{\"id\", \"code\", \"name\", \"parent\", \"created\"}]}。\n"
	"  rename  改名：单位库、各年度目标表和账户中的名称一并修改（一个事务），每张表的历史记下这一改动。\n"
	"          新名称不能是单位库中已有的单位。\n";

#define CSV_MAX (64u << 20) /* bytes of a units file */

struct request {
	const char *code, *parent, *format;
};

static int unit_add(struct cli *c, const char *name, const struct request *q)
{
	struct jx_err err = { 0 };
	struct jx_store *st = cli_store(c, JX_STORE_CREATE);

	if (!st)
		return EXIT_FAIL;
	if (jx_unit_add(st, name, q->code, q->parent, &err))
		return cli_fail(&err);
	printf("已登记预算单位“%s”", name);
	if (q->code && *q->code)
		printf("，代码 %s", q->code);
	if (q->parent && *q->parent)
		printf("，主管部门：%s", q->parent);
	printf("\n");
	return EXIT_OK;
}

static int unit_import(struct cli *c, const char *path)
{
	struct jx_err err = { 0 };
	struct jx_input in;
	struct jx_store *st;
	size_t added = 0, same = 0;
	int rc;

	if (jx_input_open(&in, path, &err))
		return cli_fail(&err);
	rc = jx_input_read_all(&in, CSV_MAX, &err);
	if (rc > 0)
		rc = jx_err_set(&err, JX_ETOOBIG, "%s: 文件超过 %u MiB", in.name, CSV_MAX >> 20);
	if (!rc && !(st = cli_store(c, JX_STORE_CREATE)))
		rc = -2;
	if (!rc)
		rc = jx_unit_import(st, in.name, jx_input_ptr(&in), jx_input_avail(&in), &added, &same, &err);
	jx_input_close(&in);
	if (rc == -2)
		return EXIT_FAIL;
	if (rc) {
		rc = cli_fail(&err);
		fputs("jixiao: 登记已取消，单位库没有任何改动\n", stderr);
		return rc;
	}
	printf("已登记预算单位 %zu 个（已在单位库中 %zu 个）\n", added, same);
	return EXIT_OK;
}

struct listing {
	bool json;
	size_t n;
	struct jx_buf out;
};

static void json_text(struct jx_buf *out, const char *key, const char *v)
{
	jx_buf_addf(out, NULL, ", \"%s\": ", key);
	if (v)
		jx_json_string(out, v);
	else
		jx_buf_adds(out, "null", NULL);
}

static int one(void *ctx, const struct jx_unit_row *u, struct jx_err *err)
{
	struct listing *l = ctx;

	(void)err;
	if (l->json) {
		jx_buf_addf(&l->out, NULL, "%s{\"id\": %lld", l->n ? ",\n" : "\n", (long long)u->id);
		json_text(&l->out, "code", u->code);
		json_text(&l->out, "name", u->name);
		json_text(&l->out, "parent", u->parent);
		json_text(&l->out, "created", u->created);
		jx_buf_addc(&l->out, '}', NULL);
	} else {
		jx_buf_adds(&l->out, u->name, NULL);
		jx_buf_addf(&l->out, NULL, "\t%s\t%s\n", u->code ? u->code : "—", u->parent ? u->parent : "—");
	}
	l->n++;
	return 0;
}

static int unit_list(struct cli *c, const char *format)
{
	struct listing l = { false, 0, JX_BUF_INIT };
	struct jx_err err = { 0 };
	struct jx_store *st;
	int rc;

	if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage(&cmd_unit, "--format 应为 text 或 json，而不是“%s”", format);
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	l.json = format && strcmp(format, "json") == 0;
	jx_buf_adds(&l.out, l.json ? "{\"units\": [" : "预算单位\t代码\t主管部门\n", NULL);
	rc = jx_unit_each(st, one, &l, &err);
	if (l.json)
		jx_buf_adds(&l.out, l.n ? "\n]}\n" : "]}\n", NULL);
	else if (!l.n)
		jx_buf_adds(&l.out, "（单位库中还没有预算单位）\n", NULL);
	if (!rc && (cli_flush(&l.out, stdout) || fflush(stdout)))
		rc = jx_err_set(&err, JX_EIO, "写入输出失败");
	jx_buf_release(&l.out);
	return rc ? cli_fail(&err) : EXIT_OK;
}

static int unit_rename(struct cli *c, const char *from, const char *to)
{
	struct jx_err err = { 0 };
	struct jx_store *st = cli_store(c, 0);
	size_t projects = 0, accounts = 0;

	if (!st)
		return EXIT_FAIL;
	if (jx_unit_rename(st, from, to, c->user, &projects, &accounts, &err))
		return cli_fail(&err);
	printf("已将预算单位“%s”改名为“%s”：%zu 张目标表、%zu 个账户随之修改\n", from, to, projects, accounts);
	return EXIT_OK;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "code", required_argument, NULL, 'c' },
						  { "parent", required_argument, NULL, 'p' },
						  { "format", required_argument, NULL, 'f' },
						  CLI_COMMON_LONGOPTS };
	struct request q = { NULL, NULL, NULL };
	const char *verb;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_unit, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'c') {
			q.code = optarg;
		} else if (opt == 'p') {
			q.parent = optarg;
		} else if (opt == 'f') {
			q.format = optarg;
		}
	}
	if (optind >= argc)
		return cli_usage(&cmd_unit, "应指定 add、import、list 或 rename");
	verb = argv[optind++];
	if ((q.code || q.parent) && strcmp(verb, "add") != 0)
		return cli_usage(&cmd_unit, "--code 和 --parent 只用于 unit add");
	if (q.format && strcmp(verb, "list") != 0)
		return cli_usage(&cmd_unit, "--format 只用于 unit list");
	if (strcmp(verb, "list") == 0)
		return optind < argc ? cli_usage(&cmd_unit, "unit list 不接受参数“%s”", argv[optind]) : unit_list(c, q.format);
	if (strcmp(verb, "add") == 0)
		return argc - optind == 1 ? unit_add(c, argv[optind], &q) : cli_usage(&cmd_unit, "unit add 需要一个单位名称");
	if (strcmp(verb, "import") == 0)
		return argc - optind == 1 ? unit_import(c, argv[optind]) : cli_usage(&cmd_unit, "unit import 需要一个 CSV 文件");
	if (strcmp(verb, "rename") == 0)
		return argc - optind == 2 ? unit_rename(c, argv[optind], argv[optind + 1])
					  : cli_usage(&cmd_unit, "unit rename 需要原名称和新名称");
	return cli_usage(&cmd_unit, "未知的操作“%s”（应为 add、import、list 或 rename）", verb);
}

const struct command cmd_unit = { "unit", "管理单位库（登记、导入、列出、改名预算单位）", usage, run };
