/*
 * cmd_import.c — `jixiao import FILE…`: target tables into the store, all or nothing.
 */
#include <getopt.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/import.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao import [--db 数据库] 文件…\n"
	"\n"
	"导入部门预算项目支出绩效目标表。每个文件按内容识别格式：\n"
	"  - 公开文件的文本（如从 Word/PDF 提取的文字，制表符分隔单元格），UTF-8 或 GB18030 编码；\n"
	"  - jixiao 的 JSON 格式（jixiao export --format json 的输出）；\n"
	"  - Excel/WPS 工作簿（.xlsx）：正式表样（每个工作表一张表）、清单式（一行一条指标，\n"
	"    首行为列名：项目名称、年度、年度资金总额、一级指标、二级指标、三级指标、指标值等），\n"
	"    以及 jixiao 公开时输出的工作簿；\n"
	"  - Word/WPS 文档（.docx）：文中的表格（合并单元格按所见读取，修订按接受后的文字读取）；\n"
	"  - 带文字层的 PDF（Word、WPS、LibreOffice 导出或 jixiao 公开的 PDF）：按表格线恢复单元格，\n"
	"    合并单元格和单元格内换行的文字照原样读出；扫描件（只有图片）不能读取；\n"
	"  - 网页（HTML，如政府网站上公开的目标表、Word/WPS 另存的网页、jixiao 公开的网页），\n"
	"    UTF-8 或 GBK/GB18030 编码，合并单元格按行列展开。\n"
	"工作簿与文档按压缩包的内容区分，不看文件名；旧版 .xls、.doc 请先另存为 .xlsx、.docx。\n"
	"“-”表示标准输入。项目以年度和项目名称识别：已有的项目被新表替换（保留编号、重点/涉密标记；\n"
	"表的内容有变化时状态回到草稿）。同一项目在一次导入中出现两次是错误。\n"
	"一次导入要么全部成功，要么什么也不改：任何错误都会指出文件、行和单元格\n"
	"（工作簿为工作表和单元格，如 Sheet2!D14；Word 文档为表格、行和列，如 表2 第5行 第3列，\n"
	"或段落，如 第12段；PDF 为页、行和列，如 第2页 第5行 第3列；网页为 表2 第5行 第3列）。\n";

struct progress {
	struct timespec last; /* when the line was last drawn */
	bool drawn;
};

static void show_progress(void *ctx, const char *file, uint64_t done, uint64_t size, const struct jx_import_stats *s)
{
	struct progress *pr = ctx;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (pr->drawn && (now.tv_sec - pr->last.tv_sec) * 1000 + (now.tv_nsec - pr->last.tv_nsec) / 1000000 < 200)
		return;
	pr->last = now;
	pr->drawn = true;
	if (size)
		fprintf(stderr, "\r\033[K正在导入 %s：%d%%，%zu 个项目，%zu 条指标", file, (int)(done * 100 / size), s->projects,
			s->indicators);
	else
		fprintf(stderr, "\r\033[K正在导入 %s：%zu 个项目，%zu 条指标", file, s->projects, s->indicators);
}

/* The budget units the import registered, for the line that names them. */
struct new_units {
	struct jx_buf names; /* joined with 、 */
	size_t n;
};

static void note_unit(void *ctx, const char *name)
{
	struct new_units *u = ctx;

	if (u->n++)
		jx_buf_adds(&u->names, "、", NULL);
	jx_buf_adds(&u->names, name, NULL);
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_COMMON_LONGOPTS };
	struct new_units units = { JX_BUF_INIT, 0 };
	struct jx_import_opts o = { .user = c->user, .new_unit = note_unit, .unit_ctx = &units };
	struct jx_import_stats s;
	struct progress pr = { { 0, 0 }, false };
	struct jx_err err = { 0 };
	struct jx_store *st;
	int opt, code, rc;
	bool fresh;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1)
		if (cli_common_option(c, &cmd_import, opt, &code) && code >= 0)
			return code;
	if (optind >= argc)
		return cli_usage(&cmd_import, "缺少要导入的文件");
	fresh = !jx_store_exists(c->db);
	st = cli_store(c, JX_STORE_CREATE);
	if (!st)
		return EXIT_FAIL;
	if (isatty(STDERR_FILENO)) {
		o.progress = show_progress;
		o.ctx = &pr;
	}
	rc = jx_import_files(st, (const char *const *)argv + optind, (size_t)(argc - optind), &o, &s, &err);
	if (pr.drawn)
		fputs("\r\033[K", stderr);
	if (rc) {
		jx_buf_release(&units.names);
		rc = cli_fail(&err);
		fputs(fresh ? "jixiao: 导入已取消，没有新建数据库\n" : "jixiao: 导入已取消，数据库没有任何改动\n", stderr);
		if (fresh) { /* made for this import only: leave nothing behind */
			jx_store_close(c->st);
			c->st = NULL;
			jx_store_remove(c->db);
		}
		return rc;
	}
	printf("已导入 %zu 个项目，%zu 条指标（新增 %zu，替换 %zu，未变 %zu）\n", s.projects, s.indicators, s.added,
	       s.replaced, s.unchanged);
	/* a line of its own: tools read the line above as it was */
	if (units.n)
		printf("新登记预算单位 %zu 个：%s\n", units.n, units.names.ptr);
	jx_buf_release(&units.names);
	return EXIT_OK;
}

const struct command cmd_import = { "import", "导入绩效目标表（公开文件文本、JSON、XLSX、DOCX、PDF 或网页）", usage, run };
