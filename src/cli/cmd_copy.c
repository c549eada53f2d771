/*
 * cmd_copy.c — `jixiao copy`: a whole store into another, SQLite or PostgreSQL either way, then a
 * check that the two hold the same: every table row by row, and the same export.
 */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/err.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao copy --from 源数据库 --to 目标数据库 [--force]\n"
	"\n"
	"把整个数据库复制到另一个数据库：绩效目标表（编号不变）、历史、公开版本、实际完成值、账户（含密码摘要）；\n"
	"登录会话不复制。SQLite 文件与 PostgreSQL 之间任意方向均可（如 --from jixiao.db --to postgresql://…）。\n"
	"源数据库按开始那一刻的完整数据读取；目标数据库在一个事务中写入，失败则保持原样（新建的不留下）。\n"
	"目标数据库须为空；--force 用源数据库的内容替换目标数据库的全部内容。\n"
	"复制后逐表逐行核对两边，并核对两边导出的 JSON 一致。\n";

/* The SHA-256 of st's JSON export (every project, as jixiao export writes it), and how many projects. */
struct export_digest {
	struct jx_render rd;
	struct jx_buf buf;
	crypto_hash_sha256_state h;
	size_t projects;
};

static int digest_project(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct export_digest *d = ctx;

	if (jx_render_project(&d->rd, &d->buf, p, err))
		return -1;
	crypto_hash_sha256_update(&d->h, (const unsigned char *)d->buf.ptr, d->buf.len);
	jx_buf_reset(&d->buf);
	d->projects++;
	return 0;
}

static int export_digest(struct jx_store *st, unsigned char out[32], size_t *projects, struct jx_err *err)
{
	struct export_digest d = { .projects = 0 };
	struct jx_render_opts o = { 0 };
	int rc;

	jx_buf_init(&d.buf, SIZE_MAX);
	crypto_hash_sha256_init(&d.h);
	jx_render_begin(&d.rd, &jx_render_json, &o, &d.buf);
	rc = jx_store_each(st, NULL, digest_project, &d, err);
	rc = jx_render_end(&d.rd, &d.buf, rc != 0, rc ? NULL : err) || rc;
	crypto_hash_sha256_update(&d.h, (const unsigned char *)d.buf.ptr, d.buf.len);
	crypto_hash_sha256_final(&d.h, out);
	jx_buf_release(&d.buf);
	*projects = d.projects;
	return rc ? -1 : 0;
}

/* Copies in one snapshot of from, in which its export is digested too. */
static int copy_and_digest(struct jx_store *from, struct jx_store *to, bool force, struct jx_copy_stats *done,
			   unsigned char export[32], size_t *projects, struct jx_err *err)
{
	int rc;

	if (jx_store_begin_read(from, err))
		return -1;
	rc = jx_store_copy(from, to, force, done, err) || export_digest(from, export, projects, err);
	jx_store_end(from, -1, NULL); /* it only read */
	return rc ? -1 : 0;
}

static const char *const table_words[JX_COPY_TABLES] = { "项目", "指标", "历史", "实际值", "公开版本", "公开版本的内容", "公开的表", "账户",
								 "指标库条目", "指标库条目的来源", "预算单位" };

/* Checks to against what was copied: every table row by row, and the export. Prints what differs. */
static int verify(struct jx_store *to, const struct jx_copy_stats *done, const unsigned char export[32],
		  size_t projects)
{
	struct jx_copy_stats now;
	struct jx_err err = { 0 };
	unsigned char got[32];
	size_t n, i, bad = 0;

	if (jx_store_tally(to, &now, &err) || export_digest(to, got, &n, &err))
		return cli_fail(&err);
	for (i = 0; i < JX_COPY_TABLES; i++)
		if (now.t[i].rows != done->t[i].rows || memcmp(now.t[i].digest, done->t[i].digest, 32) != 0) {
			fprintf(stderr, "jixiao: 核对不一致：表 %s（%s）复制了 %zu 行，目标数据库中有 %zu 行%s\n", now.t[i].name,
				table_words[i], done->t[i].rows, now.t[i].rows,
				now.t[i].rows == done->t[i].rows ? "，内容不同" : "");
			bad++;
		}
	if (n != projects || memcmp(got, export, 32) != 0) {
		fprintf(stderr, "jixiao: 核对不一致：两边导出的 JSON 不同（源 %zu 个项目，目标 %zu 个）\n", projects, n);
		bad++;
	}
	return bad ? EXIT_FAIL : EXIT_OK;
}

static void report(const struct jx_copy_stats *d, const unsigned char export[32], size_t projects)
{
	size_t i;

	printf("已复制：");
	for (i = 0; i < JX_COPY_TABLES; i++)
		printf("%s%s %zu", i ? "、" : "", table_words[i], d->t[i].rows);
	printf("\n核对一致：各表逐行相同，两边导出的 JSON 相同（%zu 个项目，SHA-256 ", projects);
	for (i = 0; i < 8; i++)
		printf("%02x", export[i]);
	printf("…）\n");
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "from", required_argument, NULL, 'f' },
						  { "to", required_argument, NULL, 't' },
						  { "force", no_argument, NULL, 'F' },
						  CLI_COMMON_LONGOPTS };
	const char *from_loc = NULL, *to_loc = NULL;
	struct jx_store *from = NULL, *to = NULL;
	struct jx_copy_stats done;
	struct jx_err err = { 0 };
	unsigned char export[32];
	size_t projects = 0;
	bool force = false, fresh;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1)
		if (cli_common_option(c, &cmd_copy, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'f') {
			from_loc = optarg;
		} else if (opt == 't') {
			to_loc = optarg;
		} else if (opt == 'F') {
			force = true;
		}
	if (optind < argc)
		return cli_usage(&cmd_copy, "多余的参数“%s”", argv[optind]);
	if (!from_loc || !to_loc)
		return cli_usage(&cmd_copy, "需要 --from 源数据库 和 --to 目标数据库");
	if (jx_store_open(&from, from_loc, 0, &err))
		return cli_fail(&err);
	fresh = !jx_store_exists(to_loc);
	if (jx_store_open(&to, to_loc, JX_STORE_CREATE, &err)) {
		jx_store_close(from);
		return cli_fail(&err);
	}
	if (copy_and_digest(from, to, force, &done, export, &projects, &err)) {
		code = cli_fail(&err);
		if (err.code == JX_ECONFLICT)
			fputs("jixiao: 要用源数据库的内容替换目标数据库的全部内容，请加 --force\n", stderr);
		fputs(fresh ? "jixiao: 复制已取消，没有新建数据库\n" : "jixiao: 复制已取消，目标数据库没有任何改动\n", stderr);
		jx_store_close(to);
		jx_store_close(from);
		if (fresh) /* a copy that failed into a new place leaves nothing there */
			jx_store_remove(to_loc);
		return code;
	}
	jx_store_close(from);
	code = verify(to, &done, export, projects);
	jx_store_close(to);
	if (code == EXIT_OK)
		report(&done, export, projects);
	return code;
}

const struct command cmd_copy = { "copy", "把整个数据库复制到另一个数据库（SQLite 与 PostgreSQL 之间）", usage, run };
