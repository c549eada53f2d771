/*
 * cmd_serve.c — jixiao serve: the web system (src/server/).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../server/server.h"
#include "cli.h"
#include "jixiao/store.h"

/* A size: bytes, or with K, M or G (KiB, MiB, GiB). */
static bool size_arg(const char *s, size_t lo, size_t hi, size_t *out)
{
	char *end;
	unsigned long long n = strtoull(s, &end, 10);

	if (end == s || *s == '-')
		return false;
	if ((*end == 'K' || *end == 'k') && !end[1])
		n <<= 10;
	else if ((*end == 'M' || *end == 'm') && !end[1])
		n <<= 20;
	else if ((*end == 'G' || *end == 'g') && !end[1] && n < (1ull << 30))
		n <<= 30;
	else if (*end)
		return false;
	*out = (size_t)n;
	return n >= lo && n <= hi;
}

static bool count_arg(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	long n = strtol(s, &end, 10);

	*out = (unsigned)n;
	return end != s && !*end && n >= (long)lo && n <= (long)hi;
}

/* One of the limits' options; false (after the usage message, *rc set) if its value is wrong. */
static bool limit_option(int opt, struct srv_opts *o, int *rc)
{
	static const char *const what[] = { "--body-max-anonymous 应为 256–1M 字节（可带 K、M）",
					    "--body-max 应为 4K–1024M 字节（可带 K、M）",
					    "--body-budget 应为 1M–65536M 字节（可带 K、M）",
					    "--header-timeout 应为 1–3600 秒", "--idle-timeout 应为 1–86400 秒",
					    "--max-connections 应为 16–1000000 的整数",
					    "--max-per-address 应为 0–1000000 的整数（0 表示不限）",
					    "--page-cache 应为 0–64G 字节（可带 K、M、G；0 表示不保留）" };
	bool ok = false;

	switch (opt) {
	case 1: ok = size_arg(optarg, 256, 1u << 20, &o->body_anonymous); break;
	case 2: ok = size_arg(optarg, 4u << 10, (size_t)1 << 30, &o->body_table); break;
	case 3: ok = size_arg(optarg, 1u << 20, (size_t)1 << 36, &o->body_budget); break;
	case 4: ok = count_arg(optarg, 1, 3600, &o->header_timeout); break;
	case 5: ok = count_arg(optarg, 1, 86400, &o->idle_timeout); break;
	case 6: ok = count_arg(optarg, 16, 1000000, &o->max_connections); break;
	case 7: ok = count_arg(optarg, 0, 1000000, &o->max_per_address); break;
	case 8: ok = size_arg(optarg, 0, (size_t)64 << 30, &o->page_cache); break;
	}
	if (!ok)
		*rc = cli_usage(&cmd_serve, "%s", what[opt - 1]);
	return ok;
}

static int run_serve(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "listen", required_argument, NULL, 'l' },
						  { "threads", required_argument, NULL, 't' },
						  { "quiet", no_argument, NULL, 'q' },
						  { "secure-cookies", no_argument, NULL, 'S' },
						  { "behind-proxy", no_argument, NULL, 'P' },
						  { "body-max-anonymous", required_argument, NULL, 1 },
						  { "body-max", required_argument, NULL, 2 },
						  { "body-budget", required_argument, NULL, 3 },
						  { "header-timeout", required_argument, NULL, 4 },
						  { "idle-timeout", required_argument, NULL, 5 },
						  { "max-connections", required_argument, NULL, 6 },
						  { "max-per-address", required_argument, NULL, 7 },
						  { "page-cache", required_argument, NULL, 8 },
						  CLI_COMMON_LONGOPTS };
	struct srv_opts o = SRV_OPTS_DEFAULT;
	struct jx_err err = { 0 };
	int opt, rc;
	char *end;
	long n;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "l:t:qh", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_serve, opt, &rc))
			return rc >= 0 ? rc : EXIT_FAIL;
		switch (opt) {
		case 'l':
			o.listen = optarg;
			break;
		case 't':
			n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return cli_usage(&cmd_serve, "--threads 应为 1–256 的整数");
			o.threads = (unsigned)n;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'S':
			o.secure_cookies = true;
			break;
		case 'P':
			o.behind_proxy = true;
			break;
		case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8:
			if (!limit_option(opt, &o, &rc))
				return rc;
			break;
		default:
			return cli_usage(&cmd_serve, "无法识别的选项");
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_serve, "多余的参数“%s”", argv[optind]);
	/* the store must exist: serve never creates one (nor accounts) */
	if (!cli_store(c, 0) || !(o.review = cli_review(c)) || !(o.eval = cli_eval(c)))
		return EXIT_FAIL;
	o.db = c->db;
	if (srv_run(&o, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

const struct command cmd_serve = {
	"serve",
	"启动网页系统（目标填报、审核与公开）",
	"用法: jixiao serve [--listen 主机:端口] [--threads N] [--quiet] [--secure-cookies] [--behind-proxy]\n"
	"                   [--page-cache 大小] [限制选项…]\n\n"
	"启动网页系统：单位填报绩效目标表并提交，财政部门审核、批准或退回并公开，公众查看公开的目标表。\n"
	"同时提供 JSON 接口（/api/…）。收到 SIGTERM 或 SIGINT（Ctrl-C）后停止。\n"
	"账户用 jixiao user add 创建；serve 不会创建账户。\n\n"
	"选项:\n"
	"  --listen 主机:端口  监听地址（默认 127.0.0.1:8080；端口 0 表示任选空闲端口）\n"
	"  --threads N         工作线程数（默认为处理器数）\n"
	"  --quiet             不为每个请求输出日志行\n"
	"  --secure-cookies    Cookie 标记为 Secure（经 HTTPS 反向代理提供服务时使用）\n"
	"  --behind-proxy      来自本机的请求按 X-Real-IP 请求头记录客户端地址（登录限制按它计数）\n"
	"  --page-cache 大小   公开页面（公开文件、公开的目标表及其 JSON）渲染一次后保留在内存中，\n"
	"                      各工作线程共用，最多占用此大小（默认 64M，可带 K、M、G；0 表示不保留）\n\n"
	"限制（防止陌生人耗尽服务器；大小可带 K、M）:\n"
	"  --body-max-anonymous 大小  未登录请求的请求体上限（只有登录读取请求体；默认 4K）\n"
	"  --body-max 大小      登录后提交一张目标表（JSON 或编辑表单）的请求体上限（默认 1M）；\n"
	"                      导入申报表的文件至多其 3 倍（请求体至多其 4 倍加 64K）；\n"
	"                      其他请求体上限为 64K（不超过此值）；超过上限答 413，有长度时不读请求体\n"
	"  --body-budget 大小   所有请求同时占用的请求体内存总量（默认 64M），超过答 503\n"
	"  --header-timeout 秒  连接后（或上一请求答复后）须在此时间内发完请求头，否则关闭（默认 10）\n"
	"  --idle-timeout 秒    请求中途无数据往来多久即关闭连接（默认 30）\n"
	"  --max-connections N  同时打开的连接数上限（默认 4096）；超过时关闭等待最久、尚未发完\n"
	"                      请求头的连接\n"
	"  --max-per-address N  来自同一地址（IPv6 按 /64）的连接数上限（默认 256；0 不限），\n"
	"                      超过答 503 并带 Retry-After\n",
	run_serve,
};
