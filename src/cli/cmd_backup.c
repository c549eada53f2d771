/*
 * cmd_backup.c — `jixiao backup`, `jixiao restore`, `jixiao verify`: a store's copy, taken while it is
 * in use and put back whole, and a check of every row.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/err.h"
#include "jixiao/store.h"
#include "jixiao/verify.h"

static const char backup_usage[] =
	"用法: jixiao backup [--db 数据库] --to 文件 [--force]\n"
	"\n"
	"把整个数据库（绩效目标表、历史、公开版本、实际值、账号）备份到一个文件。\n"
	"备份期间系统照常运行（jixiao serve 不必停止）；备份为开始那一刻的完整数据。\n"
	"备份写完并落盘后才替换目标文件；目标文件已存在时须加 --force。\n"
	"用 jixiao restore --from 文件 恢复，用 jixiao --db 文件 verify 检查备份。\n";

static const char restore_usage[] =
	"用法: jixiao restore [--db 数据库] --from 文件 [--force]\n"
	"\n"
	"用 jixiao backup 的备份替换数据库的全部内容。先检查备份：须为完好的 jixiao 数据库，\n"
	"版本不新于本程序（较旧的随即升级）；检查不通过则什么也不改。\n"
	"数据库已有内容时须加 --force。恢复前请停止使用该数据库的 jixiao serve。\n";

static const char verify_usage[] =
	"用法: jixiao verify [--db 数据库]\n"
	"\n"
	"检查数据库：文件完整性、表之间的引用、数据库版本，逐个读回每个项目（并核对其 JSON 能原样读回）、\n"
	"每个公开版本（核对摘要与数字）。逐条列出发现的问题。\n"
	"退出状态：0 完好，1 发现问题，2 无法检查。\n";

/* Parses --to/--from FILE and --force. */
static int file_options(struct cli *c, const struct command *cmd, int argc, char **argv, const char *name,
			const char **file, bool *force, int *code)
{
	const struct option longopts[] = { { name, required_argument, NULL, 'f' },
					   { "force", no_argument, NULL, 'F' },
					   CLI_COMMON_LONGOPTS };
	int opt;

	*code = -1;
	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1)
		if (cli_common_option(c, cmd, opt, code)) {
			if (*code >= 0)
				return 1;
		} else if (opt == 'f') {
			*file = optarg;
		} else if (opt == 'F') {
			*force = true;
		}
	if (optind < argc) {
		*code = cli_usage(cmd, "多余的参数“%s”", argv[optind]);
		return 1;
	}
	if (!*file) {
		*code = cli_usage(cmd, "缺少 --%s 文件", name);
		return 1;
	}
	return 0;
}

static int run_backup(struct cli *c, int argc, char **argv)
{
	const char *to = NULL;
	bool force = false;
	struct jx_err err = { 0 };
	struct jx_store *st;
	struct stat sb;
	int code;

	if (file_options(c, &cmd_backup, argc, argv, "to", &to, &force, &code))
		return code;
	if (!force && stat(to, &sb) == 0) {
		fprintf(stderr, "jixiao: %s 已存在；要覆盖它请加 --force\n", to);
		return EXIT_FAIL;
	}
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (jx_store_backup(st, to, &err))
		return cli_fail(&err);
	if (stat(to, &sb) == 0)
		printf("已备份到 %s（%lld 字节）\n", to, (long long)sb.st_size);
	return EXIT_OK;
}

static int count(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	(void)s;
	(void)err;
	++*(size_t *)ctx;
	return 0;
}

static int run_restore(struct cli *c, int argc, char **argv)
{
	const char *from = NULL;
	bool force = false;
	struct jx_err err = { 0 };
	struct jx_store *st;
	size_t n = 0;
	bool fresh;
	int code;

	if (file_options(c, &cmd_restore, argc, argv, "from", &from, &force, &code))
		return code;
	if (access(from, R_OK) != 0) {
		fprintf(stderr, "jixiao: %s: 备份文件不存在或不可读\n", from);
		return EXIT_FAIL;
	}
	fresh = !jx_store_exists(c->db);
	if (!(st = cli_store(c, JX_STORE_CREATE)))
		return EXIT_FAIL;
	if (jx_store_list(st, NULL, count, &n, &err))
		return cli_fail(&err);
	if (n && !force) {
		fprintf(stderr, "jixiao: %s 中已有 %zu 个项目；恢复将替换全部内容，确认请加 --force\n", c->db, n);
		return EXIT_FAIL;
	}
	if (jx_store_restore(st, from, &err)) {
		code = cli_fail(&err);
		fputs(fresh ? "jixiao: 恢复已取消，没有新建数据库\n" : "jixiao: 恢复已取消，数据库没有任何改动\n", stderr);
		if (fresh) { /* a restore that failed into a new path leaves nothing behind */
			jx_store_close(c->st);
			c->st = NULL;
			jx_store_remove(c->db);
		}
		return code;
	}
	n = 0;
	if (jx_store_list(st, NULL, count, &n, &err))
		return cli_fail(&err);
	printf("已从 %s 恢复（%zu 个项目）\n", from, n);
	return EXIT_OK;
}

static int print_problem(void *ctx, const char *problem, struct jx_err *err)
{
	(void)ctx;
	(void)err;
	printf("问题: %s\n", problem);
	return 0;
}

static int run_verify(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_COMMON_LONGOPTS };
	struct jx_verify_stats s;
	struct jx_err err = { 0 };
	struct jx_store *st;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1)
		if (cli_common_option(c, &cmd_verify, opt, &code) && code >= 0)
			return code;
	if (optind < argc)
		return cli_usage(&cmd_verify, "多余的参数“%s”", argv[optind]);
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (jx_verify(st, print_problem, NULL, &s, &err))
		return cli_fail(&err);
	if (s.problems) {
		printf("发现 %zu 个问题（读回 %zu 个项目、%zu 个公开版本）\n", s.problems, s.projects, s.publications);
		return EXIT_NEGATIVE;
	}
	printf("数据库完好：%zu 个项目、%zu 个公开版本均能原样读回\n", s.projects, s.publications);
	return EXIT_OK;
}

const struct command cmd_backup = { "backup", "备份整个数据库（运行中也可）", backup_usage, run_backup };
const struct command cmd_restore = { "restore", "从备份恢复整个数据库", restore_usage, run_restore };
const struct command cmd_verify = { "verify", "检查数据库的完整性，逐个读回项目和公开版本", verify_usage, run_verify };
