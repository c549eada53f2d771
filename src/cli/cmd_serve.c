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

static int run_serve(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "listen", required_argument, NULL, 'l' },
						  { "threads", required_argument, NULL, 't' },
						  { "quiet", no_argument, NULL, 'q' },
						  { "secure-cookies", no_argument, NULL, 'S' },
						  { "behind-proxy", no_argument, NULL, 'P' },
						  CLI_COMMON_LONGOPTS };
	struct srv_opts o = { .listen = "127.0.0.1:8080" };
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
	"用法: jixiao serve [--listen 主机:端口] [--threads N] [--quiet] [--secure-cookies] [--behind-proxy]\n\n"
	"启动网页系统：单位填报绩效目标表并提交，财政部门审核、批准或退回并公开，公众查看公开的目标表。\n"
	"同时提供 JSON 接口（/api/…）。收到 SIGTERM 或 SIGINT（Ctrl-C）后停止。\n"
	"账户用 jixiao user add 创建；serve 不会创建账户。\n\n"
	"选项:\n"
	"  --listen 主机:端口  监听地址（默认 127.0.0.1:8080；端口 0 表示任选空闲端口）\n"
	"  --threads N         工作线程数（默认为处理器数）\n"
	"  --quiet             不为每个请求输出日志行\n"
	"  --secure-cookies    Cookie 标记为 Secure（经 HTTPS 反向代理提供服务时使用）\n"
	"  --behind-proxy      来自本机的请求按 X-Real-IP 请求头记录客户端地址（登录限制按它计数）\n",
	run_serve,
};
