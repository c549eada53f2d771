/*
 * cmd_publish.c — disclosure: `jixiao publish`, `jixiao publications`, `jixiao mark`.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/buf.h"
#include "jixiao/clock.h"
#include "jixiao/err.h"
#include "jixiao/history.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/store.h"

static const char publish_usage[] =
	"用法: jixiao publish --year 年度 --format 格式 [-o 文件] [--key-only]\n"
	"      jixiao publish --version 版本 --format 格式 [-o 文件]\n"
	"      jixiao publish --diff 版本1 版本2 [--format text|json]\n"
	"\n"
	"公开绩效目标：该年度已批准且不涉密的项目表和部门整体表，连同公开说明（部门数、单位数、项目数、\n"
	"资金合计、重点项目）。每次公开都保存为一个版本（编号、时间、操作人、内容摘要），可以再次输出。\n"
	"  --format   html（网页）、pdf、xlsx、csv、json 或 text（公开文件文本，可再导入）\n"
	"  -o 文件    输出到文件（pdf 和 xlsx 必须指定）\n"
	"  --key-only 只附重点项目的绩效目标表（说明中的数字仍包括全部公开的表）\n"
	"  --version  输出已保存的某个版本，不新建版本\n"
	"  --diff     比较两个版本：新增、撤回、调整了哪些表\n"
	"同样的数据在每种格式下输出完全相同的字节。\n";

static const char publications_usage[] =
	"用法: jixiao publications [--db 数据库] [--year 年度]\n"
	"\n"
	"列出已保存的公开版本：版本、年度、时间（北京时间）、操作人、表数、资金合计、范围、内容摘要（SHA-256）。\n";

static const char mark_usage[] =
	"用法: jixiao mark [--db 数据库] [--user 名字] 项目… --key|--no-key|--classified|--no-classified\n"
	"\n"
	"标记或取消重点项目（--key）、涉密（--classified）。涉密的项目不会出现在任何公开输出中，\n"
	"也不计入公开说明的数字。标记记入历史。\n";

struct request {
	int year;
	int version;
	int diff[2];
	const char *format;
	const char *output;
	bool key_only;
};

static bool binary(const char *format)
{
	return strcmp(format, "pdf") == 0 || strcmp(format, "xlsx") == 0;
}

static int sink(void *ctx, struct jx_buf *out, struct jx_err *err)
{
	if (cli_flush(out, ctx) || fflush(ctx))
		return jx_err_set(err, JX_EIO, "写入输出失败");
	return 0;
}

/* Opens the request's output, has fill write into it through sink, and puts it in place only if all
 * went well. */
static int to_output(const char *path, int (*fill)(const void *what, FILE *f, struct jx_err *err), const void *what,
		     struct jx_err *err)
{
	struct cli_file f;
	int rc;

	if (cli_file_open(&f, path, err))
		return -1;
	rc = fill(what, f.f, err);
	return cli_file_close(&f, rc == 0, rc ? NULL : err) || rc ? -1 : 0;
}

struct emission {
	const struct jx_publication *pub;
	const struct jx_renderer *r;
};

static int fill_rendered(const void *what, FILE *f, struct jx_err *err)
{
	const struct emission *e = what;
	struct jx_render_opts o = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	int rc = jx_publication_render(e->pub, e->r, &o, &out, sink, f, err);

	jx_buf_release(&out);
	return rc;
}

static int fill_buf(const void *what, FILE *f, struct jx_err *err)
{
	const struct jx_buf *b = what;

	if (fwrite(b->ptr, 1, b->len, f) != b->len || fflush(f))
		return jx_err_set(err, JX_EIO, "写入输出失败");
	return 0;
}

/* Renders pub in the request's format into the output f opened, streaming. */
static int render_to(const struct jx_publication *pub, const struct request *q, struct cli_file *f, struct jx_err *err)
{
	struct emission e = { pub, jx_renderer_get(q->format) };

	if (!e.r)
		return jx_err_set(err, JX_EUSAGE, "不支持的输出格式“%s”", q->format);
	return cli_file_open(f, q->output, err) ? -1 : fill_rendered(&e, f->f, err);
}

/* Builds the publication and renders it to a temporary output from one snapshot, a table at a time,
 * and only then saves the version in a short write transaction, so that writers are not held up for
 * the rendering; the output is put in place once the version is committed. */
static int publish_new(struct cli *c, struct jx_store *st, const struct request *q)
{
	struct jx_publication *pub = NULL;
	struct jx_err err = { 0 };
	struct cli_file f = { 0 };
	char money[JX_DEC_STRMAX];
	int rc;

	rc = jx_store_begin_read(st, &err);
	if (!rc) {
		rc = jx_publication_build(st, q->year, q->key_only, &pub, &err) || render_to(pub, q, &f, &err);
		jx_store_end(st, -1, NULL);
	}
	rc = rc || jx_publication_save(st, pub, c->user, &err);
	if (f.f && cli_file_close(&f, !rc, rc ? NULL : &err) && !rc) {
		cli_fail(&err);
		fprintf(stderr, "jixiao: 第 %d 版已保存，但输出没有写成；可用 jixiao publish --version %d 再次输出\n",
			pub->s.version, pub->s.version);
		jx_publication_free(pub);
		return EXIT_FAIL;
	}
	if (rc) {
		jx_publication_free(pub);
		rc = cli_fail(&err);
		fputs("jixiao: 公开已取消，没有保存新版本\n", stderr);
		return rc;
	}
	if (pub->unchanged)
		fprintf(stderr, "内容与第 %d 版相同，没有保存新版本：%d年度，%zu 张绩效目标表，资金合计 %s 万元，内容摘要 %.12s\n",
			pub->s.version, pub->s.year, pub->n, jx_money_format(pub->s.money, money), pub->s.hash);
	else
		fprintf(stderr, "已公开第 %d 版：%d年度，%zu 张绩效目标表，资金合计 %s 万元，内容摘要 %.12s\n", pub->s.version,
			pub->s.year, pub->n, jx_money_format(pub->s.money, money), pub->s.hash);
	jx_publication_free(pub);
	return EXIT_OK;
}

static int publish_version(struct jx_store *st, const struct request *q)
{
	struct jx_publication *pub = NULL;
	struct jx_err err = { 0 };
	struct cli_file f = { 0 };
	int rc = jx_publication_load(st, q->version, &pub, &err) || jx_publication_still_public(st, pub, &err) ||
		 render_to(pub, q, &f, &err);

	if (f.f && cli_file_close(&f, !rc, rc ? NULL : &err))
		rc = -1;
	jx_publication_free(pub);
	return rc ? cli_fail(&err) : EXIT_OK;
}

static void describe_diff(struct jx_buf *out, const struct jx_publication *a, const struct jx_publication *b, json_t *d)
{
	static const char *const figure[][2] = { { "scope", "范围" },	    { "departments", "部门整体表" },
						 { "units", "预算单位" }, { "projects", "项目表" },
						 { "money", "资金（万元）" }, { "key_projects", "重点项目" } };
	const size_t n_figures = sizeof(figure) / sizeof(figure[0]);
	json_t *v, *c, *ch;
	size_t i, k, n = 0;

	jx_buf_addf(out, NULL, "第 %d 版（%.10s）→ 第 %d 版（%.10s）\n", a->s.version, a->s.at, b->s.version, b->s.at);
	json_array_foreach(json_object_get(d, "added"), i, v)
		jx_buf_addf(out, NULL, "新增  %s\n", json_string_value(v)), n++;
	json_array_foreach(json_object_get(d, "withdrawn"), i, v)
		jx_buf_addf(out, NULL, "撤回  %s\n", json_string_value(v)), n++;
	json_array_foreach(json_object_get(d, "changed"), i, v) {
		jx_buf_addf(out, NULL, "调整  %s\n", json_string_value(json_object_get(v, "name")));
		json_array_foreach(json_object_get(v, "changes"), k, ch) {
			const char *ind = json_string_value(json_object_get(ch, "indicator"));
			const char *before = json_string_value(json_object_get(ch, "before"));
			const char *after = json_string_value(json_object_get(ch, "after"));

			jx_buf_addf(out, NULL, "      %s%s%s%s：%s → %s\n", ind ? "指标“" : "", ind ? ind : "", ind ? "”的" : "",
				    jx_history_field_label(json_string_value(json_object_get(ch, "field"))),
				    before ? before : "（无）", after ? after : "（无）");
		}
		n++;
	}
	json_array_foreach(json_object_get(d, "statement"), i, c) {
		const char *field = json_string_value(json_object_get(c, "field"));

		for (k = 0; k < n_figures && strcmp(figure[k][0], field) != 0; k++)
			;
		jx_buf_addf(out, NULL, "说明  %s：%s → %s\n", k < n_figures ? figure[k][1] : field,
			    json_string_value(json_object_get(c, "before")), json_string_value(json_object_get(c, "after")));
	}
	if (n == 0)
		jx_buf_adds(out, "两个版本公开的绩效目标表相同\n", NULL);
}

static int publish_diff(struct jx_store *st, const struct request *q)
{
	struct jx_publication *a = NULL, *b = NULL;
	struct jx_err err = { 0 };
	struct jx_buf out = JX_BUF_INIT;
	json_t *d;
	/* a table classified since either version is left out of both: the comparison may be published too */
	int rc = jx_publication_load(st, q->diff[0], &a, &err) || jx_publication_load(st, q->diff[1], &b, &err) ||
		 jx_publication_hide_classified(st, a, &err) || jx_publication_hide_classified(st, b, &err);

	if (!rc) {
		d = jx_publication_diff(a, b);
		if (strcmp(q->format, "json") == 0) {
			char *text = json_dumps(d, JX_JSON_DUMP);

			jx_buf_addf(&out, NULL, "%s\n", text);
			free(text);
		} else {
			describe_diff(&out, a, b, d);
		}
		json_decref(d);
		rc = to_output(q->output, fill_buf, &out, &err);
	}
	jx_buf_release(&out);
	jx_publication_free(a);
	jx_publication_free(b);
	return rc ? cli_fail(&err) : EXIT_OK;
}

/* Parses a version number: a positive integer, nothing else. */
static int version_arg(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0 || v > INT_MAX)
		return cli_usage(&cmd_publish, "“%s”不是版本号（应为正整数）", s);
	*out = (int)v;
	return 0;
}

static int check_request(struct request *q, int nargs, char **args)
{
	static const char *const formats[] = { "html", "pdf", "xlsx", "csv", "json", "text" };
	size_t i;

	if (q->diff[0]) {
		if (nargs != 1)
			return cli_usage(&cmd_publish, "--diff 需要两个版本号，如 --diff 1 2");
		if (version_arg(args[0], &q->diff[1]))
			return EXIT_FAIL;
		if (q->year || q->version || q->key_only)
			return cli_usage(&cmd_publish, "--diff 不能与 --year、--version 或 --key-only 同用");
		q->format = q->format ? q->format : "text";
		if (strcmp(q->format, "text") != 0 && strcmp(q->format, "json") != 0)
			return cli_usage(&cmd_publish, "--diff 的 --format 应为 text 或 json");
		return 0;
	}
	if (nargs > 0)
		return cli_usage(&cmd_publish, "publish 不接受参数“%s”", args[0]);
	for (i = 0; i < 6 && q->format && strcmp(q->format, formats[i]) != 0; i++)
		;
	if (!q->format || i == 6)
		return cli_usage(&cmd_publish, "--format 应为 html、pdf、xlsx、csv、json 或 text");
	if (!q->year == !q->version)
		return cli_usage(&cmd_publish, "应指定 --year（新公开）、--version（已有版本）或 --diff 之一");
	if (q->version && q->key_only)
		return cli_usage(&cmd_publish, "--key-only 只用于新公开；已有版本按其保存时的范围输出");
	if (binary(q->format) && (!q->output || strcmp(q->output, "-") == 0) && isatty(STDOUT_FILENO))
		return cli_usage(&cmd_publish, "%s 是二进制格式，请用 -o 指定输出文件", q->format);
	return 0;
}

static int run_publish(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' },
						  { "format", required_argument, NULL, 'f' },
						  { "output", required_argument, NULL, 'o' },
						  { "key-only", no_argument, NULL, 'k' },
						  { "version", required_argument, NULL, 'v' },
						  { "diff", required_argument, NULL, 'd' },
						  CLI_COMMON_LONGOPTS };
	struct request q = { 0, 0, { 0, 0 }, NULL, NULL, false };
	struct jx_store *st;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_publish, opt, &code)) {
			if (code >= 0)
				return code;
		} else if ((opt == 'y' && cli_year(&cmd_publish, optarg, &q.year)) ||
			   (opt == 'v' && version_arg(optarg, &q.version)) || (opt == 'd' && version_arg(optarg, &q.diff[0]))) {
			return EXIT_FAIL;
		} else if (opt == 'f') {
			q.format = optarg;
		} else if (opt == 'o') {
			q.output = optarg;
		} else if (opt == 'k') {
			q.key_only = true;
		}
	}
	if (check_request(&q, argc - optind, argv + optind))
		return EXIT_FAIL;
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (q.diff[0])
		return publish_diff(st, &q);
	return q.version ? publish_version(st, &q) : publish_new(c, st, &q);
}

static int list_one(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	char money[JX_DEC_STRMAX], at[JX_TIME_MAX];

	(void)err;
	(*(size_t *)ctx)++;
	printf("%4d  %4d  %s  %-8s  %4zu  %12s  %s  %.12s\n", p->version, p->year, jx_time_beijing(p->at, at), p->user,
	       p->tables, jx_money_format(p->money, money), p->key_only ? "重点项目" : "全部    ", p->hash);
	return 0;
}

static int run_publications(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "year", required_argument, NULL, 'y' }, CLI_COMMON_LONGOPTS };
	struct jx_err err = { 0 };
	struct jx_store *st;
	size_t n = 0;
	int opt, code, year = 0;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_publications, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'y' && cli_year(&cmd_publications, optarg, &year)) {
			return EXIT_FAIL;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_publications, "publications 不接受参数“%s”", argv[optind]);
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	puts("版本  年度  时间（北京时间）     操作人    表数  资金（万元）  范围      内容摘要");
	if (jx_store_publications(st, year, list_one, &n, &err))
		return cli_fail(&err);
	if (n == 0)
		puts("（还没有公开过）");
	return EXIT_OK;
}

static int run_mark(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "key", no_argument, NULL, 'k' },
						  { "no-key", no_argument, NULL, 'K' },
						  { "classified", no_argument, NULL, 's' },
						  { "no-classified", no_argument, NULL, 'S' },
						  { "year", required_argument, NULL, 'y' },
						  CLI_COMMON_LONGOPTS };
	struct jx_err err = { 0 };
	struct jx_store *st;
	int opt, code, key = -1, classified = -1, year = 0, i;
	int64_t id;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_mark, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'k' || opt == 'K') {
			key = opt == 'k';
		} else if (opt == 's' || opt == 'S') {
			classified = opt == 's';
		} else if (opt == 'y' && cli_year(&cmd_mark, optarg, &year)) {
			return EXIT_FAIL;
		}
	}
	if (optind >= argc)
		return cli_usage(&cmd_mark, "缺少项目（编号或名称）");
	if (key < 0 && classified < 0)
		return cli_usage(&cmd_mark, "应指定 --key、--no-key、--classified 或 --no-classified");
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	for (i = optind; i < argc; i++) {
		if (jx_store_resolve(st, argv[i], year, &id, &err) || jx_mark(st, id, key, classified, c->user, &err))
			return cli_fail(&err);
		printf("项目 %lld 已标记\n", (long long)id);
	}
	return EXIT_OK;
}

const struct command cmd_publish = { "publish", "公开绩效目标（网页、PDF、Excel、CSV、JSON、文本），保存版本",
				     publish_usage, run_publish };
const struct command cmd_publications = { "publications", "列出已保存的公开版本", publications_usage, run_publications };
const struct command cmd_mark = { "mark", "标记重点项目或涉密项目", mark_usage, run_mark };
