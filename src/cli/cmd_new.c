/*
 * cmd_new.c — `jixiao new --from PROJECT [--year YEAR]`: a new year's table that starts as a copy of the
 * same project's table of another year (以去年为底稿), a draft to revise: names with the year written in
 * them take the new year (博湖县2021年… → 博湖县2022年…).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/baseline.h"
#include "jixiao/err.h"
#include "jixiao/import.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao new --from 项目 [--year 年度]\n"
	"\n"
	"以一张表为底稿建立同一项目另一年度（默认下一年度）的表：预算单位、资金、目标、指标及其指标值都照抄，\n"
	"作为草稿再修改；项目名称中的年份改为新的年度。不标记为重点项目（重新标记），涉密的仍为涉密。\n"
	"该年度已有同名的表时不建立。\n";

static int carry(struct jx_store *st, struct jx_project *q, const char *user, struct jx_err *err)
{
	enum jx_saved saved;
	int64_t id;
	int rc;

	if (jx_store_begin(st, err))
		return -1;
	rc = jx_store_find(st, q->year, q->kind, q->unit, q->name, &id, err);
	if (!rc && id)
		rc = jx_err_set(err, JX_ECONFLICT, "%d年度已有“%s”（编号 %lld），没有建立新表", q->year, q->name, (long long)id);
	if (!rc)
		rc = jx_save(st, q, NULL, user, &saved, err);
	return jx_store_end(st, rc, err);
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "from", required_argument, NULL, 'f' },
						  { "year", required_argument, NULL, 'y' },
						  CLI_COMMON_LONGOPTS };
	const char *from = NULL;
	struct jx_project *p = NULL, *q;
	struct jx_err err = { 0 };
	struct jx_store *st;
	int opt, code, year = 0;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_new, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'f') {
			from = optarg;
		} else if (opt == 'y' && cli_year(&cmd_new, optarg, &year)) {
			return EXIT_FAIL;
		}
	}
	if (!from)
		return cli_usage(&cmd_new, "new 需要 --from 指定作为底稿的表（编号或名称）");
	if (optind < argc)
		return cli_usage(&cmd_new, "new 不接受参数“%s”", argv[optind]);
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (cli_load(st, from, 0, false, &p, &err))
		return cli_fail(&err);
	if (!year)
		year = p->year + 1;
	if (year == p->year) {
		jx_project_free(p);
		return cli_usage(&cmd_new, "底稿是 %d年度的表，新表应是另一个年度的", year);
	}
	q = jx_baseline_carry(p, year);
	if (carry(st, q, c->user, &err)) {
		jx_project_free(p);
		jx_project_free(q);
		return cli_fail(&err);
	}
	printf("已以“%s”（编号 %lld，%d年度）为底稿建立“%s”（编号 %lld，%d年度，草稿）\n", p->name, (long long)p->id, p->year,
	       q->name, (long long)q->id, q->year);
	jx_project_free(p);
	jx_project_free(q);
	return EXIT_OK;
}

const struct command cmd_new = { "new", "以另一年度的表为底稿建立新表（以去年为底稿）", usage, run };
