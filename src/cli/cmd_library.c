/*
 * cmd_library.c — `jixiao library list|search|show|add|import|export`: the indicator library (指标库).
 *
 * Reading verbs work without a store (the seed alone) and never create one; add and import write the
 * store's entries in one transaction, all or nothing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/store.h"
#include "jixiao/text.h"

static const char usage[] =
	"用法: jixiao library list [--type 类型] [--sector 分类] [--format text|json]\n"
	"      jixiao library search [--type 类型] [--sector 分类] [--format text|json] 词语…\n"
	"      jixiao library show [--format text|json] 编号\n"
	"      jixiao library add 文件.json\n"
	"      jixiao library import --from-tables [--year 年度]\n"
	"      jixiao library import 文件…\n"
	"      jixiao library export [--format json] [-o 文件]\n"
	"\n"
	"指标库：可供引用的绩效指标，每条有名称、一级和二级指标、计量单位、指标性质（≥、≤、=）、指标方向、\n"
	"指标解释和计算方法、取值依据（计划标准、行业标准、历史标准、预算支出标准、其他标准）及其出处、\n"
	"所属支出功能分类（类、款）和项目类型（培训、会议、购置、基建、补助 …）、关键词和来源。\n"
	"指标库由内置的常用指标（data/library/seed.json）和数据库中的条目组成，同编号的条目以数据库中的为准。\n"
	"  list     列出条目；--type 只列该类型的，--sector 只列该支出功能分类（编码开头或名称中的字）的\n"
	"  search   按词语查找（每个词都要在名称、关键词、解释等中出现），最相关的在前\n"
	"  show     显示一条的全部内容\n"
	"  add      财政部门整理指标库：文件中的条目（与 export 的格式相同）有编号的修改该条，没有编号的\n"
	"           修改同一级、二级指标、名称和计量单位的条目，否则新增\n"
	"  import   纳入：--from-tables 取已批准的表（--year 只取该年度）的指标；给出文件时取其中公开的\n"
	"           绩效目标表（各种导入格式）的指标。相同的指标合并为一条，记下来自哪些表和表的数目\n"
	"  export   输出整个指标库 {\"entries\": […]}，可用 add 再读入\n";

struct request {
	const char *type, *sector, *format, *output;
	bool from_tables;
	int year;
};

static bool json_format(const struct request *q)
{
	return q->format && strcmp(q->format, "json") == 0;
}

/* The library of the store, or the seed alone where there is no store yet; with uses (an export, a
 * show), the tables its entries (or only the entry of that id) were taken from. */
static int load(struct cli *c, struct jx_library *lib, bool uses, const char *id, struct jx_err *err)
{
	struct jx_store *st = NULL;

	if (jx_store_exists(c->db) && !(st = cli_store(c, 0)))
		return -1;
	if (jx_library_load(st, lib, err))
		return -1;
	if (uses && st && jx_library_load_uses(st, lib, id, err)) {
		jx_library_free(lib);
		return -1;
	}
	return 0;
}

static const char *or_dash(const char *s)
{
	return s ? s : "—";
}

/* ---- list, search ---- */

enum { C_ID, C_NAME, C_UNIT, C_LEVELS, C_TYPE, C_USES, N_COLS };

static void row(struct jx_buf *out, const char *const cell[N_COLS], const size_t *width, bool print, size_t *measure)
{
	int i;

	for (i = 0; i < N_COLS; i++) {
		size_t len = strlen(cell[i]), w = jx_text_width(cell[i], len);

		if (!print) {
			measure[i] = w > measure[i] ? w : measure[i];
			continue;
		}
		jx_text_pad(out, cell[i], len, i == N_COLS - 1 ? 0 : width[i]);
		jx_buf_adds(out, i == N_COLS - 1 ? "\n" : "  ", NULL);
	}
}

static void text_table(struct jx_buf *out, const struct jx_lib_entry *const *e, size_t n)
{
	static const char *const heads[N_COLS] = { "编号", "指标名称", "计量单位", "一级/二级指标", "类型", "采用" };
	size_t width[N_COLS] = { 0 }, i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		row(out, heads, width, pass, width);
		for (i = 0; i < n; i++) {
			char levels[160], uses[32];
			const char *cell[N_COLS] = { e[i]->id, e[i]->name, or_dash(e[i]->unit), levels,
						     e[i]->type ? e[i]->type : "通用", uses };

			snprintf(levels, sizeof(levels), "%s/%s", e[i]->level1, e[i]->level2);
			snprintf(uses, sizeof(uses), "%zu", jx_lib_entry_uses(e[i]));
			row(out, cell, width, pass, width);
		}
	}
	jx_buf_addf(out, NULL, "共 %zu 条\n", n);
}

static void json_list(struct jx_buf *out, const struct jx_lib_entry *const *e, size_t n)
{
	size_t i;

	jx_buf_adds(out, "{\"entries\": [", NULL);
	for (i = 0; i < n; i++) {
		char *s = jx_lib_entry_json(e[i]);

		jx_buf_adds(out, i ? ",\n" : "\n", NULL);
		jx_buf_adds(out, s, NULL);
		free(s);
	}
	jx_buf_adds(out, n ? "\n]}\n" : "]}\n", NULL);
}

static int write_out(struct jx_buf *out, struct jx_err *err)
{
	int rc = cli_flush(out, stdout) || fflush(stdout);

	jx_buf_release(out);
	return rc ? jx_err_set(err, JX_EIO, "写入输出失败") : 0;
}

static int find(struct cli *c, const struct request *q, char **words, int n_words)
{
	struct jx_library lib;
	struct jx_lib_query query = { (const char *const *)words, (size_t)n_words, q->type, q->sector };
	const struct jx_lib_entry **found;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	size_t n;

	if (load(c, &lib, false, NULL, &err))
		return err.code ? cli_fail(&err) : EXIT_FAIL;
	found = jx_calloc(lib.n + 1, sizeof(*found));
	n = jx_library_search(&lib, &query, found, lib.n);
	if (json_format(q))
		json_list(&out, found, n);
	else if (n)
		text_table(&out, found, n);
	else
		jx_buf_adds(&out, n_words ? "指标库中没有找到相符的条目\n" : "（指标库中没有这样的条目）\n", NULL);
	free(found);
	jx_library_free(&lib);
	return write_out(&out, &err) ? cli_fail(&err) : EXIT_OK;
}

/* ---- show ---- */

static void line(struct jx_buf *out, const char *label, const char *value)
{
	if (value)
		jx_buf_addf(out, NULL, "  %s：%s\n", label, value);
}

static const char *origin_label(const char *o)
{
	return !o ? "—" : strcmp(o, "seed") == 0 ? "内置常用指标（seed）" : strcmp(o, "curated") == 0 ? "财政部门整理（curated）"
		      : strcmp(o, "approved") == 0 ? "已批准的表（approved）" : "导入的公开表（imported）";
}

#define SHOWN 20 /* tables listed by show: the rest are counted */

static void show_text(struct jx_buf *out, const struct jx_lib_entry *e)
{
	char *sector = jx_lib_sector_text(&e->sector);
	size_t i;

	jx_buf_addf(out, NULL, "%s  %s\n", e->id, e->name);
	jx_buf_addf(out, NULL, "  一级指标：%s  二级指标：%s\n", e->level1, e->level2);
	line(out, "计量单位", e->unit);
	line(out, "指标性质", e->op);
	line(out, "指标方向", e->direction);
	line(out, "指标值类型", e->value_type);
	line(out, "指标解释", e->explanation);
	line(out, "计算方法", e->computation);
	if (e->basis)
		jx_buf_addf(out, NULL, "  取值依据：%s%s%s%s\n", e->basis, e->basis_source ? "（" : "",
			    e->basis_source ? e->basis_source : "", e->basis_source ? "）" : "");
	line(out, "项目类型", e->type ? e->type : "通用");
	line(out, "支出功能分类", sector);
	if (e->n_keywords) {
		jx_buf_adds(out, "  关键词：", NULL);
		for (i = 0; i < e->n_keywords; i++)
			jx_buf_addf(out, NULL, "%s%s", i ? "、" : "", e->keywords[i]);
		jx_buf_addc(out, '\n', NULL);
	}
	line(out, "来源", origin_label(e->origin));
	if (e->n_tables) {
		jx_buf_adds(out, "  来自已批准的表（编号）：", NULL);
		for (i = 0; i < e->n_tables && i < SHOWN; i++)
			jx_buf_addf(out, NULL, "%s%lld", i ? "、" : "", (long long)e->tables[i]);
		if (e->n_tables > SHOWN)
			jx_buf_addf(out, NULL, " 等 %zu 张（全部见 library export）", e->n_tables);
		jx_buf_addc(out, '\n', NULL);
	}
	for (i = 0; i < e->n_sources && i < SHOWN; i++)
		line(out, "来自导入的表", e->sources[i]);
	if (e->n_sources > SHOWN)
		jx_buf_addf(out, NULL, "  来自导入的表：…… 共 %zu 张（全部见 library export）\n", e->n_sources);
	jx_buf_addf(out, NULL, "  采用：%zu 张表\n", jx_lib_entry_uses(e));
	free(sector);
}

static int show(struct cli *c, const struct request *q, const char *id)
{
	struct jx_library lib;
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	const struct jx_lib_entry *e;

	if (load(c, &lib, true, id, &err))
		return err.code ? cli_fail(&err) : EXIT_FAIL;
	if (!(e = jx_library_get(&lib, id))) {
		jx_err_set(&err, JX_ENOTFOUND, "指标库中没有编号为“%s”的条目（可用 jixiao library search 查找）", id);
		jx_library_free(&lib);
		return cli_fail(&err);
	}
	if (json_format(q)) {
		char *s = jx_lib_entry_json(e);

		jx_buf_adds(&out, s, NULL);
		jx_buf_addc(&out, '\n', NULL);
		free(s);
	} else {
		show_text(&out, e);
	}
	jx_library_free(&lib);
	return write_out(&out, &err) ? cli_fail(&err) : EXIT_OK;
}

/* ---- add, import ---- */

#define FILE_MAX (64u << 20)

static int read_file(const char *path, struct jx_library *given, struct jx_err *err)
{
	struct jx_input in;
	int rc;

	if (jx_input_open(&in, path, err))
		return -1;
	rc = jx_input_read_all(&in, FILE_MAX, err);
	if (rc == 1)
		rc = jx_err_set(err, JX_ETOOBIG, "%s: 文件太大（最多 %u MiB）", in.name, FILE_MAX >> 20);
	if (!rc)
		rc = jx_library_read(given, jx_input_ptr(&in), jx_input_avail(&in), in.name, false, err);
	jx_input_close(&in);
	return rc;
}

static void said(const struct jx_lib_stats *s, const char *what)
{
	printf("%s：新增 %zu 条，修改 %zu 条%s", what, s->added, s->updated, s->unchanged ? "" : "\n");
	if (s->unchanged)
		printf("，%zu 条与库中相同\n", s->unchanged);
}

static int add(struct cli *c, const char *path)
{
	struct jx_library lib = JX_LIBRARY_INIT, given = JX_LIBRARY_INIT;
	struct jx_lib_stats stats = { 0 };
	struct jx_err err = { 0 };
	struct jx_store *st;
	int rc;

	rc = read_file(path, &given, &err) || !(st = cli_store(c, JX_STORE_CREATE)) || jx_library_load(st, &lib, &err) ||
	     jx_library_merge(&lib, &given, &stats, &err) || jx_library_save(st, &lib, NULL, &err);
	jx_library_free(&given);
	jx_library_free(&lib);
	if (rc) {
		if (err.code)
			cli_fail(&err);
		fputs("jixiao: 指标库没有任何改动\n", stderr);
		return err.code == JX_EBUSY || err.code == JX_EFULL ? EXIT_TEMPFAIL : EXIT_FAIL;
	}
	said(&stats, "指标库");
	return EXIT_OK;
}

struct from_file {
	struct jx_library *lib;
	struct jx_lib_stats *stats;
	const char *file;
};

static int take_read(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct from_file *f = ctx;
	struct jx_buf source = JX_BUF_INIT;

	(void)err;
	jx_buf_addf(&source, NULL, "%s：%s《%s》", f->file, p->unit, p->name);
	jx_library_take_project(f->lib, p, 0, source.ptr, f->stats);
	jx_buf_release(&source);
	return 0;
}

/* The tables of a file (any format import reads), taken in as published elsewhere. */
static int take_file(const char *path, struct jx_library *lib, struct jx_lib_stats *stats, struct jx_err *err)
{
	struct jx_input in;
	const struct jx_reader *r;
	const char *base = strrchr(path, '/');
	struct from_file f = { lib, stats, base ? base + 1 : path };
	int rc;

	if (jx_input_open(&in, path, err))
		return -1;
	rc = (r = jx_reader_detect(&in, err)) ? r->read(&in, take_read, &f, err) : -1;
	jx_input_close(&in);
	return rc;
}

static int import(struct cli *c, const struct request *q, char **files, int n)
{
	struct jx_library lib = JX_LIBRARY_INIT;
	struct jx_lib_stats stats = { 0 };
	struct jx_err err = { 0 };
	struct jx_store *st;
	int i, rc;

	if (!(st = cli_store(c, q->from_tables ? 0 : JX_STORE_CREATE)))
		return EXIT_FAIL;
	rc = jx_library_load(st, &lib, &err);
	if (!rc && q->from_tables)
		rc = jx_library_take_tables(st, &lib, q->year, &stats, &err);
	for (i = 0; !rc && i < n; i++)
		rc = take_file(files[i], &lib, &stats, &err);
	if (!rc)
		rc = jx_library_save(st, &lib, &stats, &err);
	jx_library_free(&lib);
	if (rc) {
		cli_fail(&err);
		fputs("jixiao: 指标库没有任何改动\n", stderr);
		return err.code == JX_EBUSY || err.code == JX_EFULL ? EXIT_TEMPFAIL : EXIT_FAIL;
	}
	printf("读了 %zu 张表。", stats.tables);
	said(&stats, "指标库");
	return EXIT_OK;
}

/* ---- export ---- */

static int export(struct cli *c, const struct request *q)
{
	struct jx_library lib;
	struct cli_file out = { 0 };
	struct jx_buf buf = JX_BUF_INIT;
	struct jx_err err = { 0 };
	size_t i;
	int rc;

	if (load(c, &lib, true, NULL, &err))
		return err.code ? cli_fail(&err) : EXIT_FAIL;
	if (cli_file_open(&out, q->output, &err)) {
		jx_library_free(&lib);
		return cli_fail(&err);
	}
	jx_buf_adds(&buf, "{\"entries\": [", NULL);
	for (i = 0; i < lib.n; i++) {
		char *s = jx_lib_entry_json(&lib.e[i]);

		jx_buf_adds(&buf, i ? ",\n" : "\n", NULL);
		jx_buf_adds(&buf, s, NULL);
		free(s);
	}
	jx_buf_adds(&buf, lib.n ? "\n]}\n" : "]}\n", NULL);
	rc = cli_flush(&buf, out.f) || fflush(out.f) ? jx_err_set(&err, JX_EIO, "写入输出失败") : 0;
	jx_buf_release(&buf);
	jx_library_free(&lib);
	if (cli_file_close(&out, rc == 0, &err) || rc)
		return cli_fail(&err);
	return EXIT_OK;
}

/* ---- the group ---- */

static const char *const verbs[] = { "list", "search", "show", "add", "import", "export" };

/* Which options each verb takes: t type, s sector, f format, o output, F from-tables, y year. */
static const char *const takes[] = { "tsf", "tsf", "f", "", "Fy", "fo" };

static int check_options(const char *verb, size_t v, const struct request *q, const char *given)
{
	static const char *const names[] = { "t--type", "s--sector", "f--format", "o-o", "F--from-tables", "y--year" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strchr(given, names[i][0]) && !strchr(takes[v], names[i][0]))
			return cli_usage(&cmd_library, "library %s 不接受 %s", verb, names[i] + 1);
	if (q->format && strcmp(q->format, "json") != 0 && (strcmp(q->format, "text") != 0 || v == 5))
		return cli_usage(&cmd_library, "--format 应为 %s，而不是“%s”", v == 5 ? "json" : "text 或 json", q->format);
	return EXIT_OK;
}

static int dispatch(struct cli *c, size_t v, const struct request *q, char **args, int n)
{
	const char *verb = verbs[v];

	switch (v) {
	case 0:
	case 5:
		return n ? cli_usage(&cmd_library, "library %s 不接受参数“%s”", verb, args[0])
			 : v == 0 ? find(c, q, NULL, 0) : export(c, q);
	case 1:
		return n ? find(c, q, args, n) : cli_usage(&cmd_library, "library search 需要要查找的词语");
	case 2:
	case 3:
		return n == 1 ? (v == 2 ? show(c, q, args[0]) : add(c, args[0]))
			      : cli_usage(&cmd_library, "library %s 需要一个%s", verb, v == 2 ? "条目编号" : "指标库文件（JSON）");
	default:
		if (q->from_tables == (n > 0))
			return cli_usage(&cmd_library, "library import 需要 --from-tables 或文件（二者取一）");
		if (q->year && !q->from_tables)
			return cli_usage(&cmd_library, "--year 只与 --from-tables 一起用");
		return import(c, q, args, n);
	}
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "type", required_argument, NULL, 't' },
						  { "sector", required_argument, NULL, 's' },
						  { "format", required_argument, NULL, 'f' },
						  { "from-tables", no_argument, NULL, 'F' },
						  { "year", required_argument, NULL, 'y' },
						  CLI_COMMON_LONGOPTS };
	struct request q = { 0 };
	char given[16] = "";
	size_t v;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_library, opt, &code)) {
			if (code >= 0)
				return code;
			continue;
		}
		if (strlen(given) + 1 < sizeof(given) && !strchr(given, opt))
			given[strlen(given)] = (char)opt;
		if (opt == 't')
			q.type = optarg;
		else if (opt == 's')
			q.sector = optarg;
		else if (opt == 'f')
			q.format = optarg;
		else if (opt == 'o')
			q.output = optarg;
		else if (opt == 'F')
			q.from_tables = true;
		else if (opt == 'y' && cli_year(&cmd_library, optarg, &q.year))
			return EXIT_FAIL;
	}
	if (optind >= argc)
		return cli_usage(&cmd_library, "应指定 list、search、show、add、import 或 export");
	for (v = 0; v < sizeof(verbs) / sizeof(verbs[0]) && strcmp(verbs[v], argv[optind]) != 0; v++)
		;
	if (v == sizeof(verbs) / sizeof(verbs[0]))
		return cli_usage(&cmd_library, "未知的操作“%s”（应为 list、search、show、add、import 或 export）", argv[optind]);
	if (check_options(verbs[v], v, &q, given))
		return EXIT_FAIL;
	return dispatch(c, v, &q, argv + optind + 1, argc - optind - 1);
}

const struct command cmd_library = { "library", "指标库：列出、查找、显示、整理、纳入、导出绩效指标", usage, run };
