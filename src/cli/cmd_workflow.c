/*
 * cmd_workflow.c — `jixiao submit|pass|approve|return PROJECT`: moving projects through review.
 *
 * approve (and the 主管部门's pass, in the years of two levels: workflow.h) is refused while the review
 * finds an error (不予安排, 不予通过): it lists the blocking findings and exits with status 1, as check
 * does. The operator holds every level: return returns at the level the table awaits.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/err.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/workflow.h"

static const char submit_usage[] =
	"用法: jixiao submit [--db 数据库] [--user 名字] [--year 年度] 项目…\n"
	"\n"
	"提交审核：草稿或已退回的项目 → 已提交。记入历史（操作人为 --user，否则为系统用户）。\n";

static const char approve_usage[] =
	"用法: jixiao approve [--db 数据库] [--user 名字] [--rules 文件] [--year 年度] 项目…\n"
	"\n"
	"批准：已提交的项目 → 已批准。审核发现错误时拒绝批准（不予安排），列出阻止批准的规则，退出状态为 1。\n"
	"审核规则设为两级审核的年度（\"workflow\": {\"levels\": 2}），只批准主管部门已审核的项目；\n"
	"尚未经主管部门审核的，拒绝批准，退出状态为 1。\n"
	"批准时的绩效目标表记入历史，以后调整目标也能取回（jixiao show --approved）。\n";

static const char pass_usage[] =
	"用法: jixiao pass [--db 数据库] [--user 名字] [--rules 文件] [--year 年度] 项目…\n"
	"\n"
	"主管部门审核通过：已提交的项目 → 主管部门已审核，报财政审核批准。只用于审核规则设为两级审核的年度\n"
	"（\"workflow\": {\"levels\": 2}，先经预算单位的主管部门审核，再由财政审核）。审核发现错误时不予通过，\n"
	"列出阻止通过的规则，退出状态为 1。记入历史（操作人为 --user）。\n";

static const char return_usage[] =
	"用法: jixiao return [--db 数据库] [--user 名字] [--rules 文件] [--year 年度] --reason 理由 项目…\n"
	"\n"
	"退回：已提交（或主管部门已审核）的项目 → 已退回，须写明理由。退回的项目可以修改后再提交。\n"
	"两级审核的年度，尚待主管部门审核的项目由主管部门退回（历史记为“主管部门退回”），其余由财政退回。\n";

enum action { SUBMIT, APPROVE, RETURN, PASS };

static void print_blocking(const struct jx_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->f[i].severity == JX_SEV_ERROR)
			fprintf(stderr, "  错误  %s  %s\n", f->f[i].rule, f->f[i].message);
}

static int act(struct cli *c, const struct command *cmd, enum action what, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' },
						  { "reason", required_argument, NULL, 'r' },
						  CLI_COMMON_LONGOPTS };
	static const char *const done[] = { "已提交审核", "已批准", "已退回", "已通过主管部门审核" };
	struct jx_err err = { 0 };
	struct jx_store *st;
	struct jx_review *review = NULL;
	const char *reason = NULL;
	int opt, code, year = 0, i, rc = EXIT_OK;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, cmd, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'r' && what == RETURN) {
			reason = optarg;
		} else if (opt == 'r') {
			return cli_usage(cmd, "只有 return 需要 --reason");
		} else if (opt == 'y' && cli_year(cmd, optarg, &year)) {
			return EXIT_FAIL;
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "缺少项目（编号或名称）");
	if (what == RETURN && !reason)
		return cli_usage(cmd, "退回需要用 --reason 写明理由");
	if ((what != SUBMIT && !(review = cli_review(c))) || !(st = cli_store(c, 0)))
		return EXIT_FAIL;
	for (i = optind; i < argc && rc != EXIT_FAIL; i++) {
		struct jx_findings found = JX_FINDINGS_INIT;
		int64_t id;
		int r;

		if (jx_store_resolve(st, argv[i], year, &id, &err))
			return cli_fail(&err);
		r = what == SUBMIT    ? jx_workflow_submit(st, id, c->user, &err)
		    : what == APPROVE ? jx_workflow_approve(st, review, id, c->user, &found, &err)
		    : what == PASS    ? jx_workflow_pass(st, review, id, c->user, &found, &err)
				      : jx_workflow_return_at(st, review, id, c->user, reason, JX_REVIEW_AWAITING, &err);
		if (r) {
			rc = cli_fail(&err);
			if (jx_findings_block(&found))
				print_blocking(&found);
			if (err.code == JX_ECONFLICT)
				rc = EXIT_NEGATIVE;
		} else {
			printf("项目 %lld %s\n", (long long)id, done[what]);
		}
		jx_findings_clear(&found);
	}
	return rc;
}

static int run_submit(struct cli *c, int argc, char **argv)
{
	return act(c, &cmd_submit, SUBMIT, argc, argv);
}

static int run_approve(struct cli *c, int argc, char **argv)
{
	return act(c, &cmd_approve, APPROVE, argc, argv);
}

static int run_return(struct cli *c, int argc, char **argv)
{
	return act(c, &cmd_return, RETURN, argc, argv);
}

static int run_pass(struct cli *c, int argc, char **argv)
{
	return act(c, &cmd_pass, PASS, argc, argv);
}

const struct command cmd_submit = { "submit", "提交审核", submit_usage, run_submit };
const struct command cmd_approve = { "approve", "批准（审核有错误时不予安排）", approve_usage, run_approve };
const struct command cmd_return = { "return", "退回（须写明理由）", return_usage, run_return };
const struct command cmd_pass = { "pass", "主管部门审核通过（两级审核的年度）", pass_usage, run_pass };
