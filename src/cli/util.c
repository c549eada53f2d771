/*
 * util.c — helpers shared by the command groups. See cli.h.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/render.h"
#include "jixiao/err.h"
#include "jixiao/evaluation.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/workflow.h"

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v && *v ? v : fallback;
}

void cli_init(struct cli *c)
{
	memset(c, 0, sizeof(*c));
	c->db = env_or("JIXIAO_DB", "jixiao.db");
	/* Who the history names: an account or a named service, never the operating system's user (root
	 * says nothing to a reader of the history). */
	c->user = env_or("JIXIAO_USER", JX_CLI_USER);
	c->rules = env_or("JIXIAO_RULES", NULL);
	c->evaluation = env_or("JIXIAO_EVALUATION", NULL);
}

void cli_done(struct cli *c)
{
	jx_store_close(c->st);
	jx_review_free(c->review);
	jx_eval_free(c->eval);
}

struct jx_eval *cli_eval(struct cli *c)
{
	struct jx_err err = { 0 };

	if (!c->eval && jx_eval_load_profile(&c->eval, c->evaluation, c->profile, &err)) {
		cli_fail(&err);
		return NULL;
	}
	return c->eval;
}

struct jx_review *cli_review(struct cli *c)
{
	struct jx_err err = { 0 };

	if (!c->review && jx_review_load(&c->review, c->rules, &err)) {
		cli_fail(&err);
		return NULL;
	}
	return c->review;
}

struct jx_store *cli_store(struct cli *c, unsigned flags)
{
	struct jx_err err = { 0 };

	if (!c->st && jx_store_open(&c->st, c->db, flags, &err)) {
		cli_fail(&err);
		return NULL;
	}
	return c->st;
}

int cli_fail(const struct jx_err *err)
{
	fprintf(stderr, "jixiao: %s\n", err->msg[0] ? err->msg : "失败");
	return err->code == JX_EBUSY || err->code == JX_EFULL ? EXIT_TEMPFAIL : EXIT_FAIL;
}

int cli_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("jixiao: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n\n%s", cmd->usage);
	return EXIT_FAIL;
}

int cli_common_option(struct cli *c, const struct command *cmd, int opt, int *exit_code)
{
	*exit_code = -1;
	switch (opt) {
	case 'D':
		c->db = optarg;
		return 1;
	case 'U':
		c->user = optarg;
		return 1;
	case 'R':
		c->rules = optarg;
		return 1;
	case 'E':
		c->evaluation = optarg;
		return 1;
	case 'h':
		fputs(cmd->usage, stdout);
		*exit_code = EXIT_OK;
		return 1;
	case '?':
		*exit_code = cli_usage(cmd, "无法识别的选项");
		return 1;
	case ':':
		*exit_code = cli_usage(cmd, "选项缺少参数");
		return 1;
	default:
		return 0;
	}
}

int cli_load(struct jx_store *st, const char *ref, int year, bool approved, struct jx_project **out,
	     struct jx_err *err)
{
	char *at = NULL;
	int64_t id;

	if (jx_store_resolve(st, ref, year, &id, err))
		return -1;
	if (!approved)
		return jx_store_get(st, id, out, err);
	if (jx_workflow_approved(st, id, out, &at, err))
		return -1;
	free(at);
	return *out ? 0 : jx_err_set(err, JX_ENOTFOUND, "项目“%s”从未批准过", ref);
}

int cli_year(const struct command *cmd, const char *s, int *year)
{
	char *end;
	long y;

	errno = 0;
	y = strtol(s, &end, 10);
	if (errno || *end || y < 1949 || y > 9999) {
		cli_usage(cmd, "--year 应为四位数的年份，如 2021，而不是“%s”", s);
		return -1;
	}
	*year = (int)y;
	return 0;
}

int cli_flush(struct jx_buf *buf, FILE *f)
{
	int rc = buf->len && fwrite(buf->ptr, 1, buf->len, f) != buf->len ? -1 : 0;

	jx_buf_reset(buf);
	return rc;
}

int cli_columns(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

void cli_out_begin(struct cli_out *w, const struct jx_renderer *r, FILE *f, int width)
{
	struct jx_render_opts o = { width };

	jx_buf_init(&w->buf, SIZE_MAX);
	w->f = f;
	jx_render_begin(&w->rd, r, &o, &w->buf);
}

int cli_out_project(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct cli_out *w = ctx;

	if (jx_render_project(&w->rd, &w->buf, p, err))
		return -1;
	if (w->buf.len >= 64 * 1024 && cli_flush(&w->buf, w->f))
		return jx_err_set(err, JX_EIO, "写入输出失败: %s", strerror(errno));
	return 0;
}

int cli_out_end(struct cli_out *w, bool failed, struct jx_err *err)
{
	int rc = jx_render_end(&w->rd, &w->buf, failed, err);

	if (!rc && (cli_flush(&w->buf, w->f) || fflush(w->f) || ferror(w->f)))
		rc = jx_err_set(err, JX_EIO, "写入输出失败: %s", strerror(errno));
	jx_buf_release(&w->buf);
	return rc;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

/* Opens what is not a regular file (a device, a pipe) for writing where it is. */
static int open_direct(struct cli_file *t, struct jx_err *err)
{
	t->f = fopen(t->path, "w");
	if (!t->f)
		return jx_err_set(err, JX_EIO, "%s: 无法写入: %s", t->path, strerror(errno));
	t->direct = true;
	return 0;
}

int cli_file_open(struct cli_file *t, const char *path, struct jx_err *err)
{
	struct stat sb;
	char *real;
	int fd;

	*t = (struct cli_file){ stdout, NULL, path, NULL, false };
	if (!path || strcmp(path, "-") == 0)
		return 0;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return open_direct(t, err);
	/* a symbolic link is written through: the file it names is replaced, the link stays */
	real = lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) ? realpath(path, NULL) : NULL;
	t->target = real ? real : jx_strdup(path);
	t->tmp = jx_malloc(strlen(t->target) + 16);
	sprintf(t->tmp, "%s.tmp.XXXXXX", t->target);
	fd = mkstemp(t->tmp);
	if (fd >= 0)
		fchmod(fd, 0666 & ~current_umask()); /* mkstemp makes it 0600: give it a new file's mode */
	if (fd < 0 || !(t->f = fdopen(fd, "w"))) {
		jx_err_set(err, JX_EIO, "%s: 无法写入: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(t->tmp);
		}
		free(t->tmp);
		free(t->target);
		*t = (struct cli_file){ NULL, NULL, path, NULL, false };
		return -1;
	}
	return 0;
}

int cli_file_close(struct cli_file *t, bool ok, struct jx_err *err)
{
	int rc = 0;

	if (t->direct) {
		if (fclose(t->f) && ok)
			rc = jx_err_set(err, JX_EIO, "%s: 写入失败: %s", t->path, strerror(errno));
		return ok && !rc ? 0 : -1;
	}
	if (!t->tmp)
		return ok ? 0 : -1;
	if (fclose(t->f) && ok)
		ok = false, rc = jx_err_set(err, JX_EIO, "%s: 写入失败: %s", t->path, strerror(errno));
	if (ok && rename(t->tmp, t->target))
		ok = false, rc = jx_err_set(err, JX_EIO, "%s: 无法写入: %s", t->path, strerror(errno));
	if (!ok)
		unlink(t->tmp);
	free(t->tmp);
	free(t->target);
	return ok ? 0 : rc ? rc : -1;
}
