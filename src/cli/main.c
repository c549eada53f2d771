/*
 * main.c — the jixiao command: global options, then one of the command groups.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/store.h"

static const struct command *const commands[] = { &cmd_import, &cmd_list, &cmd_show, &cmd_export };

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fputs("用法: jixiao [--db 数据库] 命令 [参数…]\n\n"
	      "jixiao 管理预算绩效目标：导入、审核、公开、监控与评价部门预算项目支出绩效目标表。\n\n命令:\n",
	      f);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n选项:\n"
	      "  --db 路径  数据库文件（默认取环境变量 JIXIAO_DB，否则为 ./jixiao.db）\n"
	      "  --help     显示帮助；“jixiao 命令 --help”显示该命令的帮助\n"
	      "  --version  显示版本\n",
	      f);
}

static const struct command *find(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	struct cli c = { getenv("JIXIAO_DB"), NULL };
	const struct command *cmd;
	int i = 1, rc;

	setlocale(LC_CTYPE, "");
	if (!c.db || !*c.db)
		c.db = "jixiao.db";
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				fputs("jixiao: --db 需要一个参数（数据库文件）\n", stderr);
				return EXIT_FAIL;
			}
			c.db = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			c.db = argv[i] + 5;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("jixiao " JIXIAO_VERSION);
			return EXIT_OK;
		} else {
			fprintf(stderr, "jixiao: 无法识别的选项“%s”\n\n", argv[i]);
			usage(stderr);
			return EXIT_FAIL;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_FAIL;
	}
	if (strcmp(argv[i], "help") == 0) {
		cmd = i + 1 < argc ? find(argv[i + 1]) : NULL;
		if (cmd)
			fputs(cmd->usage, stdout);
		else
			usage(stdout);
		return EXIT_OK;
	}
	cmd = find(argv[i]);
	if (!cmd) {
		fprintf(stderr, "jixiao: 没有“%s”这个命令\n\n", argv[i]);
		usage(stderr);
		return EXIT_FAIL;
	}
	rc = cmd->run(&c, argc - i, argv + i);
	jx_store_close(c.st);
	return rc;
}
