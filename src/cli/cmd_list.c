/*
 * cmd_list.c — `jixiao list`: one line per project, aligned.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/store.h"
#include "jixiao/text.h"

static const char usage[] =
	"用法: jixiao list [--db 数据库] [--year 年度]\n"
	"\n"
	"列出数据库中的项目：编号、年度、项目名称、预算单位、年度资金总额（万元）、指标数和状态。\n"
	"无法读取的项目（数据已损坏）在其位置标出，并在标准错误输出提示。\n";

enum { C_ID, C_YEAR, C_NAME, C_UNIT, C_TOTAL, C_IND, C_STATUS, N_COLS };

static const char *const heads[N_COLS] = { "编号", "年度", "项目名称", "预算单位", "资金(万元)", "指标", "状态" };

struct table {
	size_t width[N_COLS]; /* widest cell of each column */
	bool print;           /* second pass: print rather than measure */
	size_t rows;
	size_t unreadable;    /* rows that could not be read */
};

static void cells(const struct jx_summary *s, char buf[N_COLS][64], const char *cell[N_COLS])
{
	char money[JX_DEC_STRMAX];

	snprintf(buf[C_ID], 64, "%lld", (long long)s->id);
	snprintf(buf[C_YEAR], 64, "%d", s->year);
	if (s->unreadable) {
		for (int i = C_NAME; i < N_COLS; i++)
			cell[i] = "";
		cell[C_ID] = buf[C_ID];
		cell[C_YEAR] = buf[C_YEAR];
		cell[C_NAME] = "（无法读取：数据已损坏）";
		return;
	}
	snprintf(buf[C_TOTAL], 64, "%s", jx_money_format(s->total, money));
	snprintf(buf[C_IND], 64, "%zu", s->n_ind);
	snprintf(buf[C_STATUS], 64, "%s%s%s%s", jx_status_label(s->status), s->key ? " 重点" : "",
		 s->classified ? " 涉密" : "", s->kind == JX_KIND_DEPARTMENT ? " 部门整体" : "");
	cell[C_ID] = buf[C_ID];
	cell[C_YEAR] = buf[C_YEAR];
	cell[C_NAME] = s->name;
	cell[C_UNIT] = s->unit;
	cell[C_TOTAL] = buf[C_TOTAL];
	cell[C_IND] = buf[C_IND];
	cell[C_STATUS] = buf[C_STATUS];
}

/* Prints a line of cells; numbers are right-aligned. */
static void line(const struct table *t, const char *const cell[N_COLS])
{
	struct jx_buf out = JX_BUF_INIT;
	int i;

	for (i = 0; i < N_COLS; i++) {
		size_t len = strlen(cell[i]), w = jx_text_width(cell[i], len);

		if (i == C_ID || i == C_TOTAL || i == C_IND)
			jx_buf_addn(&out, ' ', t->width[i] > w ? t->width[i] - w : 0, NULL);
		jx_text_pad(&out, cell[i], len, i == C_ID || i == C_TOTAL || i == C_IND || i == N_COLS - 1 ? 0 : t->width[i]);
		jx_buf_adds(&out, i == N_COLS - 1 ? "\n" : "  ", NULL);
	}
	fputs(out.ptr, stdout);
	jx_buf_release(&out);
}

static void measure(struct table *t, const char *const cell[N_COLS])
{
	int i;

	for (i = 0; i < N_COLS; i++) {
		size_t w = jx_text_width(cell[i], strlen(cell[i]));

		t->width[i] = w > t->width[i] ? w : t->width[i];
	}
}

static int each(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	struct table *t = ctx;
	char buf[N_COLS][64];
	const char *cell[N_COLS];

	(void)err;
	cells(s, buf, cell);
	if (t->print)
		line(t, cell);
	else
		measure(t, cell);
	t->rows++;
	t->unreadable += t->print && s->unreadable;
	return 0;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' }, CLI_COMMON_LONGOPTS };
	struct jx_filter f = { .unreadable_too = true };
	struct table t;
	struct jx_err err = { 0 };
	struct jx_store *st;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_list, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'y' && cli_year(&cmd_list, optarg, &f.year)) {
			return EXIT_FAIL;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_list, "list 不接受参数“%s”", argv[optind]);
	st = cli_store(c, 0);
	if (!st)
		return EXIT_FAIL;
	memset(&t, 0, sizeof(t));
	measure(&t, heads);
	if (jx_store_list(st, &f, each, &t, &err))
		return cli_fail(&err);
	if (t.rows == 0) {
		puts(f.year ? "（该年度没有项目）" : "（数据库中没有项目）");
		return EXIT_OK;
	}
	t.print = true;
	line(&t, heads);
	if (jx_store_list(st, &f, each, &t, &err))
		return cli_fail(&err);
	if (fflush(stdout) || ferror(stdout))
		return cli_fail(&(struct jx_err){ JX_EIO, "写入输出失败" });
	if (t.unreadable) /* the others are listed; the operator learns of these and where to look */
		fprintf(stderr, "jixiao: %zu 个项目无法读取（数据已损坏），请用 jixiao verify 检查数据库\n", t.unreadable);
	return EXIT_OK;
}

const struct command cmd_list = { "list", "列出项目", usage, run };
