/*
 * main.c — the jixiao command: global options, then one of the command groups.
 */
#include <locale.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/store.h"

static const struct command *const commands[] = { &cmd_import, &cmd_list,    &cmd_show,   &cmd_export, &cmd_check,
						  &cmd_new, &cmd_submit, &cmd_pass, &cmd_approve, &cmd_return, &cmd_history,
						  &cmd_publish, &cmd_publications, &cmd_mark, &cmd_actuals, &cmd_score, &cmd_monitor,
						  &cmd_serve, &cmd_user, &cmd_backup, &cmd_restore, &cmd_verify,
						  &cmd_copy, &cmd_library, &cmd_suggest, &cmd_unit, &cmd_delete };

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fputs("用法: jixiao [--db 数据库] 命令 [参数…]\n\n"
	      "jixiao 管理预算绩效目标：导入、审核、公开、监控与评价部门预算项目支出绩效目标表。\n\n命令:\n",
	      f);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-13s%s\n", commands[i]->name, commands[i]->summary);
	fputs("\n选项:\n"
	      "  --db 路径     数据库文件（默认取环境变量 JIXIAO_DB，否则为 ./jixiao.db）\n"
	      "  --user 名字   记入历史的操作人（默认取环境变量 JIXIAO_USER，否则记为“命令行”）\n"
	      "  --rules 文件  审核规则配置（默认取环境变量 JIXIAO_RULES，否则为内置规则）\n"
	      "  --evaluation 文件  评价与监控配置（默认取环境变量 JIXIAO_EVALUATION，否则为内置配置）\n"
	      "  --help        显示帮助；“jixiao 命令 --help”显示该命令的帮助\n"
	      "  --version     显示版本\n",
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

/* Reads a global option that takes a value (--db X or --db=X) at argv[*i]; returns 1 if it was one,
 * -1 if its value is missing. */
static int valued_option(struct cli *c, int argc, char **argv, int *i)
{
	static const struct {
		const char *name;
		size_t field; /* offset of the string in struct cli */
		const char *what;
	} opts[] = { { "--db", offsetof(struct cli, db), "数据库文件" },
		     { "--user", offsetof(struct cli, user), "用户名" },
		     { "--rules", offsetof(struct cli, rules), "审核规则配置文件" },
		     { "--evaluation", offsetof(struct cli, evaluation), "评价配置文件" } };
	size_t k, len;

	for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		const char **field = (const char **)((char *)c + opts[k].field);

		len = strlen(opts[k].name);
		if (strncmp(argv[*i], opts[k].name, len) == 0 && argv[*i][len] == '=') {
			*field = argv[*i] + len + 1;
			return 1;
		}
		if (strcmp(argv[*i], opts[k].name) != 0)
			continue;
		if (*i + 1 >= argc) {
			fprintf(stderr, "jixiao: %s 需要一个参数（%s）\n", opts[k].name, opts[k].what);
			return -1;
		}
		*field = argv[++*i];
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	const struct command *cmd;
	int i = 1, rc;

	setlocale(LC_CTYPE, "");
	cli_init(&c);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if ((rc = valued_option(&c, argc, argv, &i)) != 0) {
			if (rc < 0)
				return EXIT_FAIL;
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
	cli_done(&c);
	return rc;
}
