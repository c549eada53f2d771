/*
 * cmd_user.c — `jixiao user add|list|passwd|disable|enable`: the accounts of the web system.
 *
 * Passwords come from stdin: on a terminal they are asked for twice without echo; otherwise the first
 * line is the password, so that scripts can create accounts (printf 'secret123\n' | jixiao user add …).
 * They are read with read(2), not stdio, so that no copy stays behind in a stdio buffer, and wiped
 * once hashed. Nothing here ever prints a hash: struct jx_account does not carry one.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/account.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/json_io.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/unit.h"

static const char usage[] =
	"用法: jixiao user add [--db 数据库] 名字 --role admin|finance|unit|department [--unit 预算单位]\n"
	"      jixiao user list [--db 数据库] [--format text|json]\n"
	"      jixiao user passwd [--db 数据库] 名字\n"
	"      jixiao user disable|enable [--db 数据库] 名字\n"
	"\n"
	"管理网页系统的账户。角色：\n"
	"  admin    管理员：管理账户，查看全部绩效目标表\n"
	"  finance  财政：查看全部表，审核、批准、退回、公开，录入实际值\n"
	"  unit     单位：编制、修改、提交本单位的表，录入实际值；须用 --unit 指定所属预算单位\n"
	"  department  主管部门：审核所属单位（单位库中以它为主管部门的单位）和本单位的表，审核通过后报财政，\n"
	"           或退回；须用 --unit 指定单位库中已登记的主管部门（仅在审核规则设为两级审核的年度起作用）\n"
	"密码从标准输入读取：在终端上提示输入两次（不显示）；否则取第一行，如\n"
	"  printf 'secret123\\n' | jixiao user add 张三 --role unit --unit 博湖县教育局\n"
	"密码至少 8 个字符，数据库只保存它的 argon2id 哈希。停用的账户不能登录，已登录的会话随即失效。\n"
	"单位账户的预算单位不在单位库中时随之登记（见 jixiao unit）。\n"
	"--format json 输出 {\"accounts\": [{\"name\", \"role\", \"unit\", \"disabled\", \"last_login\"}]}。\n";

#define PASSWORD_MAX 1024 /* bytes of a password */

struct request {
	const char *role;   /* --role */
	const char *unit;   /* --unit */
	const char *format; /* --format */
};

/* ---- reading a password ---- */

/* Reads a line from fd into buf (cap bytes, cap > PASSWORD_MAX + 1) without its LF or CRLF. */
static int read_line(int fd, char *buf, size_t cap, struct jx_err *err)
{
	size_t n = 0;
	ssize_t got;
	char ch;

	for (;;) {
		got = read(fd, &ch, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || ch == '\n')
			break;
		if (n + 1 >= cap)
			return jx_err_set(err, JX_ETOOBIG, "密码太长（最多 %d 字节）", PASSWORD_MAX);
		buf[n++] = ch;
	}
	if (got < 0)
		return jx_err_set(err, JX_EIO, "读取密码失败: %s", strerror(errno));
	if (got == 0 && n == 0)
		return jx_err_set(err, JX_EINPUT, "没有从标准输入读到密码");
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if (n > PASSWORD_MAX)
		return jx_err_set(err, JX_ETOOBIG, "密码太长（最多 %d 字节）", PASSWORD_MAX);
	if (strlen(buf) != n)
		return jx_err_set(err, JX_EINPUT, "密码中不能有 NUL 字符");
	if (n == 0)
		return jx_err_set(err, JX_EINPUT, "密码不能为空（至少 %d 个字符）", JX_PASSWORD_MIN);
	return 0;
}

static struct termios saved_tty; /* the terminal as it was, to be restored even on a signal */

static void restore_tty(int sig)
{
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Prompts on stderr and reads a line from the terminal on stdin, not echoed. */
static int ask(const char *prompt, char *buf, size_t cap, struct jx_err *err)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct termios quiet;
	size_t i;
	int rc;

	if (tcgetattr(STDIN_FILENO, &saved_tty))
		return jx_err_set(err, JX_EIO, "无法读取终端设置: %s", strerror(errno));
	quiet = saved_tty;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL; /* the Enter still moves to the next line */
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], restore_tty);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)) {
		rc = jx_err_set(err, JX_EIO, "无法关闭终端回显: %s", strerror(errno));
	} else {
		fputs(prompt, stderr); /* only now: what is typed after it is not echoed */
		fflush(stderr);
		rc = read_line(STDIN_FILENO, buf, cap, err);
	}
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	return rc;
}

/* A new password from stdin into pw (PASSWORD_MAX + 2 bytes): asked twice on a terminal, else the
 * first line. */
static int read_password(char *pw, struct jx_err *err)
{
	char again[PASSWORD_MAX + 2];
	int rc;

	if (!isatty(STDIN_FILENO))
		return read_line(STDIN_FILENO, pw, PASSWORD_MAX + 2, err);
	rc = ask("新密码：", pw, PASSWORD_MAX + 2, err) || ask("再输入一次：", again, sizeof(again), err);
	if (!rc && strcmp(pw, again) != 0)
		rc = jx_err_set(err, JX_EINPUT, "两次输入的密码不一致，没有设置密码");
	sodium_memzero(again, sizeof(again));
	return rc ? -1 : 0;
}

/* ---- add, passwd, disable, enable ---- */

/* Checks role and unit before anyone types a password. */
static int check_role(const struct request *q, enum jx_role *role)
{
	if (!q->role)
		return cli_usage(&cmd_user, "添加账户需要 --role（admin、finance、unit 或 department）");
	if (jx_role_from_name(q->role, role))
		return cli_usage(&cmd_user, "--role 应为 admin、finance 或 unit，而不是“%s”（主管部门的审核账户为 department）",
				 q->role);
	if (*role == JX_ROLE_UNIT && (!q->unit || !*q->unit))
		return cli_usage(&cmd_user, "单位账户需要用 --unit 指定所属的预算单位");
	if (*role == JX_ROLE_DEPARTMENT && (!q->unit || !*q->unit))
		return cli_usage(&cmd_user, "主管部门账户需要用 --unit 指定它审核的主管部门（单位库中的预算单位）");
	if (!jx_role_has_unit(*role) && q->unit)
		return cli_usage(&cmd_user, "只有单位账户（--role unit）属于预算单位，%s账户不接受 --unit"
				 "（主管部门账户 --role department 用 --unit 指定主管部门）",
				 jx_role_label(*role));
	return EXIT_OK;
}

/* Adds the account, registering its unit first if the registry lacks it (the operator holds the whole
 * store, as an import does; unit.h): one transaction, so that a refused account registers nothing. */
static int add_account(struct jx_store *st, const char *name, enum jx_role role, const char *unit, const char *pw,
		       bool *registered, struct jx_err *err)
{
	struct jx_err probe = { 0 };
	int rc;

	if (jx_store_begin(st, err))
		return -1;
	rc = role == JX_ROLE_UNIT ? jx_unit_require(st, unit, &probe) : 0;
	if (rc && probe.code == JX_EINPUT) {
		rc = jx_unit_add(st, unit, NULL, NULL, err);
		*registered = rc == 0;
	} else if (rc) {
		jx_err_set(err, probe.code, "%s", probe.msg);
	}
	rc = rc || jx_account_add(st, name, role, unit, pw, err);
	return jx_store_end(st, rc, err);
}

static int user_add(struct cli *c, const char *name, const struct request *q)
{
	bool registered = false;
	struct jx_err err = { 0 };
	struct jx_account old;
	struct jx_store *st;
	enum jx_role role;
	char pw[PASSWORD_MAX + 2];
	int rc;

	if (check_role(q, &role))
		return EXIT_FAIL;
	if (!(st = cli_store(c, JX_STORE_CREATE)))
		return EXIT_FAIL;
	if (jx_account_get(st, name, &old, NULL) == 0) { /* said before the password is typed in vain */
		jx_err_set(&err, JX_ECONFLICT, "账户“%s”已经存在", name);
		return cli_fail(&err);
	}
	rc = read_password(pw, &err) || add_account(st, name, role, q->unit, pw, &registered, &err);
	sodium_memzero(pw, sizeof(pw));
	if (rc)
		return cli_fail(&err);
	if (registered) /* said on a line of its own, as import says it */
		printf("已添加单位账户“%s”，预算单位：%s\n新登记预算单位 1 个：%s\n", name, q->unit, q->unit);
	else if (role == JX_ROLE_UNIT)
		printf("已添加单位账户“%s”，预算单位：%s\n", name, q->unit);
	else if (role == JX_ROLE_DEPARTMENT)
		printf("已添加主管部门账户“%s”，主管部门：%s\n", name, q->unit);
	else
		printf("已添加%s账户“%s”\n", jx_role_label(role), name);
	return EXIT_OK;
}

static int user_passwd(struct cli *c, const char *name)
{
	struct jx_err err = { 0 };
	struct jx_account a;
	struct jx_store *st;
	char pw[PASSWORD_MAX + 2];
	int rc;

	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (jx_account_get(st, name, &a, &err)) /* an unknown name before the password is typed in vain */
		return cli_fail(&err);
	rc = read_password(pw, &err) || jx_account_passwd(st, name, pw, &err);
	sodium_memzero(pw, sizeof(pw));
	if (rc)
		return cli_fail(&err);
	printf("已修改账户“%s”的密码\n", name);
	return EXIT_OK;
}

static int user_disable(struct cli *c, const char *name, bool disabled)
{
	struct jx_err err = { 0 };
	struct jx_store *st;

	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	if (jx_account_disable(st, name, disabled, &err))
		return cli_fail(&err);
	printf(disabled ? "已停用账户“%s”，它的会话随即失效\n" : "已启用账户“%s”\n", name);
	return EXIT_OK;
}

/* ---- list ---- */

enum { C_NAME, C_ROLE, C_UNIT, C_STATE, N_COLS };

static const char *const heads[N_COLS] = { "账户", "角色", "预算单位", "状态" };

struct listing {
	bool json;
	bool print;           /* the table's second pass: print rather than measure */
	size_t width[N_COLS]; /* widest cell of each column */
	size_t n;             /* accounts seen in this pass */
	struct jx_buf out;
};

/* A line of the table: measured in the first pass, printed in the second. */
static void row(struct listing *l, const char *const cell[N_COLS])
{
	int i;

	for (i = 0; i < N_COLS; i++) {
		size_t len = strlen(cell[i]), w = jx_text_width(cell[i], len);

		if (!l->print) {
			l->width[i] = w > l->width[i] ? w : l->width[i];
			continue;
		}
		jx_text_pad(&l->out, cell[i], len, i == N_COLS - 1 ? 0 : l->width[i]);
		jx_buf_adds(&l->out, i == N_COLS - 1 ? "\n" : "  ", NULL);
	}
}

static void json_row(struct listing *l, const struct jx_account *a)
{
	jx_buf_adds(&l->out, l->n ? ",\n{\"name\": " : "\n{\"name\": ", NULL);
	jx_json_string(&l->out, a->name);
	jx_buf_addf(&l->out, NULL, ", \"role\": \"%s\", \"unit\": ", jx_role_name(a->role));
	if (jx_role_has_unit(a->role))
		jx_json_string(&l->out, a->unit);
	else
		jx_buf_adds(&l->out, "null", NULL);
	jx_buf_addf(&l->out, NULL, ", \"disabled\": %s, \"last_login\": ", a->disabled ? "true" : "false");
	if (*a->last_login)
		jx_json_string(&l->out, a->last_login);
	else
		jx_buf_adds(&l->out, "null", NULL);
	jx_buf_addc(&l->out, '}', NULL);
}

static int one(void *ctx, const struct jx_account *a)
{
	struct listing *l = ctx;
	const char *cell[N_COLS] = { a->name, jx_role_label(a->role), jx_role_has_unit(a->role) ? a->unit : "—",
				     a->disabled ? "停用" : "启用" };

	if (l->json)
		json_row(l, a);
	else
		row(l, cell);
	l->n++;
	return 0;
}

/* The table in two passes over the accounts: widths, then lines. */
static int text_table(struct jx_store *st, struct listing *l, struct jx_err *err)
{
	row(l, heads);
	if (jx_account_each(st, one, l, err))
		return -1;
	if (l->n == 0) {
		jx_buf_adds(&l->out, "（还没有账户）\n", NULL);
		return 0;
	}
	l->print = true;
	l->n = 0;
	row(l, heads);
	return jx_account_each(st, one, l, err);
}

static int user_list(struct cli *c, const char *format)
{
	struct listing l = { false, false, { 0 }, 0, JX_BUF_INIT };
	struct jx_err err = { 0 };
	struct jx_store *st;
	int rc;

	if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage(&cmd_user, "--format 应为 text 或 json，而不是“%s”", format);
	if (!(st = cli_store(c, 0)))
		return EXIT_FAIL;
	l.json = format && strcmp(format, "json") == 0;
	if (l.json) {
		jx_buf_adds(&l.out, "{\"accounts\": [", NULL);
		rc = jx_account_each(st, one, &l, &err);
		jx_buf_adds(&l.out, l.n ? "\n]}\n" : "]}\n", NULL);
	} else {
		rc = text_table(st, &l, &err);
	}
	if (!rc && (cli_flush(&l.out, stdout) || fflush(stdout)))
		rc = jx_err_set(&err, JX_EIO, "写入输出失败");
	jx_buf_release(&l.out);
	return rc ? cli_fail(&err) : EXIT_OK;
}

/* ---- the group ---- */

static bool is_verb(const char *verb)
{
	static const char *const verbs[] = { "add", "list", "passwd", "disable", "enable" };
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(verb, verbs[i]) == 0)
			return true;
	return false;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "role", required_argument, NULL, 'r' },
						  { "unit", required_argument, NULL, 'u' },
						  { "format", required_argument, NULL, 'f' },
						  CLI_COMMON_LONGOPTS };
	struct request q = { NULL, NULL, NULL };
	const char *verb;
	int opt, code;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_user, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'r') {
			q.role = optarg;
		} else if (opt == 'u') {
			q.unit = optarg;
		} else if (opt == 'f') {
			q.format = optarg;
		}
	}
	if (optind >= argc)
		return cli_usage(&cmd_user, "应指定 add、list、passwd、disable 或 enable");
	verb = argv[optind++];
	if (!is_verb(verb))
		return cli_usage(&cmd_user, "未知的操作“%s”（应为 add、list、passwd、disable 或 enable）", verb);
	if ((q.role || q.unit) && strcmp(verb, "add") != 0)
		return cli_usage(&cmd_user, "--role 和 --unit 只用于 user add");
	if (q.format && strcmp(verb, "list") != 0)
		return cli_usage(&cmd_user, "--format 只用于 user list");
	if (strcmp(verb, "list") == 0)
		return optind < argc ? cli_usage(&cmd_user, "user list 不接受参数“%s”", argv[optind]) : user_list(c, q.format);
	if (argc - optind != 1)
		return cli_usage(&cmd_user, "user %s 需要一个账户名", verb);
	if (strcmp(verb, "add") == 0)
		return user_add(c, argv[optind], &q);
	if (strcmp(verb, "passwd") == 0)
		return user_passwd(c, argv[optind]);
	return user_disable(c, argv[optind], strcmp(verb, "disable") == 0);
}

const struct command cmd_user = { "user", "管理网页系统的账户（添加、列出、改密码、停用、启用）", usage, run };
