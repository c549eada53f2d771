/*
 * cmd_evaluate.c — what happened against the targets: `jixiao actuals`, `jixiao score`, `jixiao monitor`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/actuals.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/evaluation.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/monitor.h"
#include "jixiao/render.h"
#include "jixiao/score.h"
#include "jixiao/store.h"

static const char actuals_usage[] =
	"用法: jixiao actuals import [--year 年度] 文件…\n"
	"      jixiao actuals list [--year 年度] 项目\n"
	"\n"
	"录入实际完成值（CSV 或 JSON，按内容识别；- 为标准输入），或列出一个项目录入过的全部实际值。\n"
	"CSV 第一行为列名：project,indicator,actual[,as_of[,reason]]（也可写 项目,指标,实际值,日期,偏差原因）：\n"
	"  project    项目编号或名称（名称在多个年度出现时用 --year 指定年度）\n"
	"  indicator  指标名称；同一项目有两条同名指标时写作“名称(单位)”；全年执行数 为已支出的资金（万元）\n"
	"  actual     定量指标填数字（可带单位，如 98.5%）；定性指标填 达成、部分达成 或 未达成，\n"
	"             可加该档之内的百分比，如“部分达成 75%”\n"
	"  as_of      实际值截至的日期，如 2021-06-30（默认今天）；同一指标以日期最新的为准\n"
	"  reason     偏差原因分析及改进措施（可选）\n"
	"JSON: {\"actuals\": [{\"project\": …, \"indicator\": …, \"actual\": …, \"as_of\": …, \"reason\": …}]}\n"
	"一次导入的所有文件要么全部录入，要么（有任何错误时）全部不录入；错误指明文件和行。\n";

static const char score_usage[] =
	"用法: jixiao score [--year 年度] [--all] [--profile 方案] [--format text|json|html|pdf|xlsx] [-o 文件] [项目…]\n"
	"\n"
	"绩效自评：按 100 分（预算执行 10、产出 50、效益 30、满意度 10，可按年度配置）给项目打分，输出绩效自评表\n"
	"（年度指标值、实际完成值、分值、得分、偏差原因分析及改进措施），并按预算单位和年度汇总（各等级的项目数、\n"
	"平均分、资金）。未指定项目时评价该年度（或全部年度）已批准的项目；--all 包括未批准的。\n"
	"得分不足分值 80% 或超出目标 30% 以上的指标应说明偏差原因，未说明的给出警告。\n"
	"计算全部用精确的有理数，总分最后四舍五入到两位小数。\n"
	"--profile 选用评价方案：national（默认，全国通行做法）、strict（从严示例）、three-grades（三档示例），\n"
	"方案规定 = 指标的计分、超目标和未说明原因的扣分、预算执行率低时的总分封顶和等级；每行扣分写在该行。\n"
	"不指定时用各年度配置的方案（evaluation.json 的 years.年度.profile），否则 national。\n";

static const char monitor_usage[] =
	"用法: jixiao monitor --as-of 日期 [--year 年度] [--all] [--profile 方案] [--format text|json] [-o 文件] [项目…]\n"
	"\n"
	"运行监控：截至某日的预算执行进度和绩效目标完成进度，以红、黄、绿、蓝、灰灯表示。\n"
	"时间进度 f = 月份 ÷ 12；预算执行进度 =（全年执行数 ÷ 年度资金总额）÷ f，低于 60% 红，低于 80% 黄，否则绿。\n"
	"计数或累计的指标（人、人次、次、户、公里、万元……）按 f 折算应达到的值，其余（%、小时、天等）按目标值本身。\n"
	"只计截至该日的实际值。未指定项目时监控已批准的项目；--all 包括未批准的。\n";

/* ---- actuals ---- */

static int actuals_import(struct cli *c, struct jx_store *st, int year, char **files, int n)
{
	struct jx_eval *ev = cli_eval(c);
	struct jx_actuals_stats total = { 0, 0, 0, 0 }, s;
	struct jx_err err = { 0 };
	int i, rc = 0;

	if (!ev)
		return EXIT_FAIL;
	if (jx_store_begin(st, &err))
		return cli_fail(&err);
	for (i = 0; !rc && i < n; i++) {
		struct jx_input in;

		rc = strcmp(files[i], "-") == 0 ? (jx_input_from_fd(&in, STDIN_FILENO, "(标准输入)"), 0)
						 : jx_input_open(&in, files[i], &err);
		if (rc)
			break;
		rc = jx_actuals_import(st, &in, ev, year, c->user, &s, &err);
		jx_input_close(&in);
		total.rows += s.rows;
		total.projects += s.projects;
		total.dated_today += s.dated_today;
		total.dated_year_end += s.dated_year_end;
	}
	if (jx_store_end(st, rc, &err)) {
		rc = cli_fail(&err);
		fputs("jixiao: 录入已取消，数据库没有任何改动\n", stderr);
		return rc;
	}
	printf("已录入 %zu 条实际值（%zu 个项目）\n", total.rows, total.projects);
	if (total.dated_today)
		printf("其中 %zu 条没有截至日期，按录入当天记录\n", total.dated_today);
	if (total.dated_year_end)
		printf("其中 %zu 条没有截至日期，录入时项目年度已经结束，按年度最后一天（12月31日）记录\n", total.dated_year_end);
	return EXIT_OK;
}

struct listing {
	struct jx_actuals latest;
	size_t n;
};

static int list_one(void *ctx, const struct jx_actual *a, struct jx_err *err)
{
	struct listing *l = ctx;
	const struct jx_actual *now = jx_actuals_get(&l->latest, a->indicator, a->unit);
	bool counts = now && strcmp(now->as_of, a->as_of) == 0 && strcmp(now->at, a->at) == 0 &&
		      strcmp(now->value, a->value) == 0;

	(void)err;
	printf("%s  %-10s  %s%s%s%s  %s  %s  %s%s%s\n", counts ? "*" : " ", a->as_of, a->indicator, *a->unit ? "(" : "",
	       a->unit, *a->unit ? ")" : "", a->value, a->user, a->at, a->reason ? "  偏差原因：" : "", a->reason ? a->reason : "");
	l->n++;
	return 0;
}

static int actuals_list(struct jx_store *st, int year, const char *ref)
{
	struct listing l = { { NULL, 0, NULL, 0 }, 0 };
	struct jx_err err = { 0 };
	struct jx_project *p = NULL;
	int rc = cli_load(st, ref, year, false, &p, &err) || jx_actuals_load(st, p->id, NULL, &l.latest, &err);

	if (!rc) {
		printf("%s（编号 %lld，%d年度）录入的实际值（* 为计入的最新值；时间为 UTC）\n", p->name, (long long)p->id, p->year);
		rc = jx_store_actuals(st, p->id, list_one, &l, &err);
		if (!rc && l.n == 0)
			puts("（还没有录入实际值）");
	}
	jx_actuals_free(&l.latest);
	jx_project_free(p);
	return rc ? cli_fail(&err) : EXIT_OK;
}

static int run_actuals(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' }, CLI_COMMON_LONGOPTS };
	struct jx_store *st;
	int opt, code, year = 0;
	const char *verb;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_actuals, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'y' && cli_year(&cmd_actuals, optarg, &year)) {
			return EXIT_FAIL;
		}
	}
	if (optind >= argc)
		return cli_usage(&cmd_actuals, "应指定 import 或 list");
	verb = argv[optind++];
	if (strcmp(verb, "import") != 0 && strcmp(verb, "list") != 0)
		return cli_usage(&cmd_actuals, "未知的操作“%s”（应为 import 或 list）", verb);
	if (optind >= argc)
		return cli_usage(&cmd_actuals, strcmp(verb, "import") == 0 ? "缺少要录入的文件" : "缺少项目");
	if (strcmp(verb, "list") == 0 && argc - optind > 1)
		return cli_usage(&cmd_actuals, "list 只接受一个项目");
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (strcmp(verb, "list") == 0)
		return actuals_list(st, year, argv[optind]);
	return actuals_import(c, st, year, argv + optind, argc - optind);
}

/* ---- score and monitor ---- */

enum report { SCORE, MONITOR };

struct request {
	enum report what;
	int year;
	bool all;
	const char *format;
	const char *output;
	const char *as_of;
};

/* A report in progress: each project rendered as it comes. */
struct run {
	struct cli *c;
	const struct request *q;
	struct jx_render rd;
	struct jx_buf buf;
	struct cli_file f;
	struct jx_score_summary sum;
	size_t n;
};

/* The day actuals count up to: the monitoring's, or any for a score. */
static const char *until(const struct run *r)
{
	return r->q->what == MONITOR ? r->q->as_of : NULL;
}

/* Output is handed to the file in pieces of about this size, not a write a project. */
#define FLUSH_AT (64 * 1024)

/* Scores or monitors p with its latest actuals a, and writes it out. */
static int report_one(struct run *r, const struct jx_project *p, const struct jx_actuals *a, struct jx_err *err)
{
	const struct jx_eval_settings *s = jx_eval_for_year(r->c->eval, p->year);
	int rc;

	if (r->q->what == SCORE) {
		struct jx_score sc;

		jx_score_project(s, p, a, &sc);
		rc = jx_render_score(&r->rd, &r->buf, &sc, err);
		jx_score_summary_add(&r->sum, s, &sc);
		jx_score_free(&sc);
	} else {
		struct jx_monitor m;

		jx_monitor_project(s, p, a, r->q->as_of, &m);
		rc = jx_render_monitor(&r->rd, &r->buf, &m, err);
		jx_monitor_free(&m);
	}
	r->n++;
	if (!rc && r->buf.len >= FLUSH_AT && cli_flush(&r->buf, r->f.f))
		rc = jx_err_set(err, JX_EIO, "写入输出失败");
	return rc;
}

static int each_project(void *ctx, struct jx_project *p, const struct jx_actual *rows, size_t n, struct jx_err *err)
{
	struct run *r = ctx;
	struct jx_actuals a;
	int rc;

	if (!r->q->all && p->status != JX_APPROVED)
		return 0;
	jx_actuals_latest(rows, n, until(r), &a);
	rc = report_one(r, p, &a, err);
	jx_actuals_free(&a);
	return rc;
}

static int named(struct run *r, struct jx_store *st, char **refs, int n, struct jx_err *err)
{
	int i, rc = 0;

	for (i = 0; i < n && !rc; i++) {
		struct jx_project *p = NULL;
		struct jx_actuals a = { NULL, 0, NULL, 0 };

		rc = cli_load(st, refs[i], r->q->year, false, &p, err) || jx_actuals_load(st, p->id, until(r), &a, err) ||
		     report_one(r, p, &a, err);
		jx_actuals_free(&a);
		jx_project_free(p);
	}
	return rc ? -1 : 0;
}

static int report(struct cli *c, const struct request *q, char **refs, int n)
{
	const struct jx_renderer *rd = jx_renderer_get(q->format);
	struct run r = { .c = c, .q = q, .buf = JX_BUF_INIT };
	struct jx_filter f = { .year = q->year };
	struct jx_err err = { 0 };
	struct jx_store *st;
	int rc;

	if (!cli_eval(c) || !(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (cli_file_open(&r.f, q->output, &err))
		return cli_fail(&err);
	jx_render_begin(&r.rd, rd, NULL, &r.buf);
	rc = n ? named(&r, st, refs, n, &err) : jx_store_each_actuals(st, &f, each_project, &r, &err);
	if (!rc && q->what == SCORE && (r.n > 1 || strcmp(q->format, "json") == 0)) {
		jx_score_summary_finish(&r.sum);
		rc = jx_render_summary(&r.rd, &r.buf, &r.sum, &err);
	}
	if (jx_render_end(&r.rd, &r.buf, rc != 0, rc ? NULL : &err))
		rc = -1;
	if (!rc && cli_flush(&r.buf, r.f.f))
		rc = jx_err_set(&err, JX_EIO, "写入输出失败");
	if (cli_file_close(&r.f, rc == 0, rc ? NULL : &err))
		rc = -1;
	jx_buf_release(&r.buf);
	jx_score_summary_free(&r.sum);
	if (rc)
		return cli_fail(&err);
	if (r.n == 0 && !n)
		fprintf(stderr, "jixiao: 没有%s的项目%s\n", q->all ? "" : "已批准", q->all ? "" : "（--all 包括未批准的）");
	return EXIT_OK;
}

/* Checks a day YYYY-MM-DD. */
static bool is_date(const char *s)
{
	int y, m, d, n = 0;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= 31 && y >= 1949;
}

static int run_report(struct cli *c, const struct command *cmd, enum report what, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' },
						  { "format", required_argument, NULL, 'f' },
						  { "output", required_argument, NULL, 'o' },
						  { "all", no_argument, NULL, 'a' },
						  { "as-of", required_argument, NULL, 't' },
						  { "profile", required_argument, NULL, 'P' },
						  CLI_COMMON_LONGOPTS };
	struct request q = { what, 0, false, "text", NULL, NULL };
	const struct jx_renderer *r;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		if (cli_common_option(c, cmd, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'y' && cli_year(cmd, optarg, &q.year)) {
			return EXIT_FAIL;
		} else if (opt == 'f') {
			q.format = optarg;
		} else if (opt == 'o') {
			q.output = optarg;
		} else if (opt == 'a') {
			q.all = true;
		} else if (opt == 'P') {
			c->profile = optarg;
		} else if (opt == 't') {
			if (what != MONITOR)
				return cli_usage(cmd, "--as-of 只用于 monitor");
			q.as_of = optarg;
		}
	}
	if (what == MONITOR && (!q.as_of || !is_date(q.as_of)))
		return cli_usage(cmd, "--as-of 应为监控的日期，如 2021-06-30");
	r = jx_renderer_get(q.format);
	if (!r || strcmp(q.format, "term") == 0 || !(what == SCORE ? r->score != NULL : r->monitor != NULL))
		return cli_usage(cmd, what == SCORE ? "--format 应为 text、json、html、pdf 或 xlsx" : "--format 应为 text 或 json");
	if ((strcmp(q.format, "pdf") == 0 || strcmp(q.format, "xlsx") == 0) && (!q.output || strcmp(q.output, "-") == 0) &&
	    isatty(STDOUT_FILENO))
		return cli_usage(cmd, "%s 是二进制格式，请用 -o 指定输出文件", q.format);
	return report(c, &q, argv + optind, argc - optind);
}

static int run_score(struct cli *c, int argc, char **argv)
{
	return run_report(c, &cmd_score, SCORE, argc, argv);
}

static int run_monitor(struct cli *c, int argc, char **argv)
{
	return run_report(c, &cmd_monitor, MONITOR, argc, argv);
}

const struct command cmd_actuals = { "actuals", "录入实际完成值（CSV 或 JSON），列出录入记录", actuals_usage, run_actuals };
const struct command cmd_score = { "score", "绩效自评：按 100 分打分，输出自评表和汇总", score_usage, run_score };
const struct command cmd_monitor = { "monitor", "运行监控：截至某日的预算执行和目标完成进度（红黄绿灯）", monitor_usage,
				     run_monitor };
