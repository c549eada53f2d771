/*
 * input.c — the buffered input stream and the encoding-detecting line reader. See input.h.
 *
 * The encoding is decided at the first non-ASCII byte, whichever line it is on (ASCII reads the same in
 * UTF-8 and GB18030): valid UTF-8 from there on (over a chunk) is UTF-8, else text GB18030 decodes is
 * GB18030 (through iconv), else the input is refused, naming the line. A BOM decides at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/text.h"

static void input_init(struct jx_input *in, int fd, const char *name)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->name = jx_strdup(name);
	jx_buf_init(&in->buf, SIZE_MAX);
}

int jx_input_open(struct jx_input *in, const char *path, struct jx_err *err)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0) {
		jx_input_from_fd(in, 0, "<stdin>");
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return jx_err_set(err, JX_EIO, "%s: 无法打开: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return jx_err_set(err, JX_EIO, "%s: 是目录，不是文件", path);
	}
	input_init(in, fd, path);
	in->own_fd = true;
	in->size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
	return 0;
}

void jx_input_from_fd(struct jx_input *in, int fd, const char *name)
{
	input_init(in, fd, name);
}

void jx_input_from_mem(struct jx_input *in, const void *data, size_t len, const char *name)
{
	input_init(in, -1, name);
	jx_buf_add(&in->buf, data, len, NULL);
	in->eof = true;
	in->size = len;
}

int jx_input_fill(struct jx_input *in, size_t want, struct jx_err *err)
{
	while (jx_input_avail(in) < want && !in->eof) {
		ssize_t got;

		if (in->pos > 0) { /* compact only when reading: consuming stays O(1) */
			jx_buf_consume(&in->buf, in->pos);
			in->pos = 0;
		}
		jx_buf_grow(&in->buf, JX_INPUT_CHUNK, NULL);
		got = read(in->fd, in->buf.ptr + in->buf.len, JX_INPUT_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return jx_err_set(err, JX_EIO, "%s: 读取失败: %s", in->name, strerror(errno));
		if (got == 0)
			in->eof = true;
		jx_buf_setlen(&in->buf, in->buf.len + (size_t)got);
	}
	return 0;
}

int jx_input_read_all(struct jx_input *in, size_t max, struct jx_err *err)
{
	while (!in->eof && jx_input_avail(in) <= max)
		if (jx_input_fill(in, jx_input_avail(in) + JX_INPUT_CHUNK, err))
			return -1;
	return jx_input_avail(in) > max;
}

void jx_input_consume(struct jx_input *in, size_t n)
{
	in->pos += n;
	in->consumed += n;
}

void jx_input_close(struct jx_input *in)
{
	if (in->own_fd)
		close(in->fd);
	jx_buf_release(&in->buf);
	free(in->name);
	in->name = NULL;
}

/* The line the next decoded byte will be on, for messages. */
static unsigned long current_line(const struct jx_lines *l)
{
	const char *p = l->text.ptr + l->pos, *end = l->text.ptr + l->text.len;
	unsigned long n = l->lineno + 1;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

static int fail(struct jx_lines *l, const char *what, struct jx_err *err)
{
	return jx_err_set(err, JX_EINPUT, "%s:%lu: %s", l->in->name, current_line(l), what);
}

static bool looks_gb18030(const char *s, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	struct jx_buf scratch = JX_BUF_INIT;
	size_t used;
	int rc;

	if (cd == (iconv_t)-1)
		return false;
	rc = jx_text_from_gb18030(cd, s, n, &scratch, &used);
	iconv_close(cd);
	jx_buf_release(&scratch);
	return rc == 0 || rc == EINVAL;
}

static int use_gb18030(struct jx_lines *l, struct jx_err *err)
{
	l->cd = iconv_open("UTF-8", "GB18030");
	if (l->cd == (iconv_t)-1)
		return jx_err_set(err, JX_EIO, "系统不支持 GB18030 转换 (iconv)");
	l->enc = JX_ENC_GB18030;
	return 0;
}

int jx_lines_init(struct jx_lines *l, struct jx_input *in, struct jx_err *err)
{
	const unsigned char *h;
	size_t n;

	memset(l, 0, sizeof(*l));
	l->in = in;
	l->cd = (iconv_t)-1;
	l->decided = false;
	jx_buf_init(&l->text, SIZE_MAX);
	if (jx_input_fill(in, JX_INPUT_CHUNK, err))
		return -1;
	h = (const unsigned char *)jx_input_ptr(in);
	n = jx_input_avail(in);
	if (n >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF)))
		return jx_err_set(err, JX_EINPUT, "%s: 不支持 UTF-16 编码，请另存为 UTF-8 或 GB18030", in->name);
	if (n >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) {
		jx_input_consume(in, 3);
		l->decided = true;
		return 0;
	}
	if (n >= 4 && memcmp(h, "\x84\x31\x95\x33", 4) == 0) {
		jx_input_consume(in, 4);
		l->decided = true;
		return use_gb18030(l, err);
	}
	return 0;
}

static size_t ascii_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* Decides the encoding from the bytes at the first non-ASCII one (a chunk of them, or all that is
 * left): UTF-8 if they are valid UTF-8, else GB18030 if they decode as that. */
static int decide(struct jx_lines *l, const char *raw, size_t n, struct jx_err *err)
{
	bool invalid;

	jx_utf8_prefix(raw, n, &invalid);
	l->decided = true;
	if (invalid && looks_gb18030(raw, n))
		return use_gb18030(l, err);
	l->neither = invalid; /* read on as UTF-8: the error then names the line of the bad byte */
	return 0;
}

/* Decodes the next raw bytes into l->text. Returns 1 if text was added, 0 at the end, -1 on error. */
static int decode_more(struct jx_lines *l, struct jx_err *err)
{
	struct jx_input *in = l->in;
	size_t want = 1, ok = 0, n;
	const char *raw, *nul;
	bool invalid = false;
	int rc;

	for (;;) {
		if (jx_input_fill(in, want, err))
			return -1;
		raw = jx_input_ptr(in);
		n = jx_input_avail(in);
		if (n == 0)
			return 0;
		if ((nul = memchr(raw, '\0', n)) != NULL) {
			jx_buf_add(&l->text, raw, (size_t)(nul - raw), NULL);
			return fail(l, "含有 NUL 字节（这是二进制文件吗？）", err);
		}
		if (!l->decided) {
			ok = ascii_prefix(raw, n);
			if (ok > 0) {
				jx_buf_add(&l->text, raw, ok, NULL);
				jx_input_consume(in, ok);
				return 1;
			}
			if (n < JX_INPUT_CHUNK && !in->eof) {
				want = JX_INPUT_CHUNK; /* decide on a chunk, not a few bytes */
				continue;
			}
			if (decide(l, raw, n, err))
				return -1;
		}
		if (l->enc == JX_ENC_UTF8) {
			ok = jx_utf8_prefix(raw, n, &invalid);
			jx_buf_add(&l->text, raw, ok, NULL);
			if (invalid)
				return fail(l, l->neither ? "无法识别的编码：既不是 UTF-8 也不是 GB18030" : "不是有效的 UTF-8 文本",
					    err);
			rc = ok < n ? EINVAL : 0;
		} else {
			rc = jx_text_from_gb18030(l->cd, raw, n, &l->text, &ok);
			if (rc == EILSEQ)
				return fail(l, "不是有效的 GB18030 文本", err);
		}
		jx_input_consume(in, ok);
		if (ok > 0)
			return 1;
		if (rc == EINVAL && in->eof)
			return fail(l, "文件末尾有不完整的字符", err);
		want = n + 1; /* a character is cut off: read more of it */
	}
}

int jx_lines_next(struct jx_lines *l, char **line, size_t *len, struct jx_err *err)
{
	size_t scanned = l->pos;
	char *nl;
	int rc;

	for (;;) {
		nl = memchr(l->text.ptr + scanned, '\n', l->text.len - scanned);
		if (nl || l->text.len - l->pos > JX_LINE_MAX + 1) /* + 1: a CR to drop */
			break;
		scanned = l->text.len;
		if (l->pos > 0) {
			jx_buf_consume(&l->text, l->pos);
			scanned -= l->pos;
			l->pos = 0;
		}
		rc = decode_more(l, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (l->pos == l->text.len)
				return 0;
			nl = l->text.ptr + l->text.len;
			break;
		}
	}
	*line = l->text.ptr + l->pos;
	*len = (size_t)((nl ? nl : l->text.ptr + l->text.len) - *line);
	if (nl && *len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	if (*len > JX_LINE_MAX)
		return jx_err_set(err, JX_ETOOBIG, "%s:%lu: 行太长（超过 %d 字节）", l->in->name, l->lineno + 1,
				  JX_LINE_MAX);
	l->pos = (size_t)(nl - l->text.ptr) + 1;
	if (l->pos > l->text.len)
		l->pos = l->text.len;
	(*line)[*len] = '\0';
	l->lineno++;
	return 1;
}

void jx_lines_free(struct jx_lines *l)
{
	if (l->cd != (iconv_t)-1)
		iconv_close(l->cd);
	jx_buf_release(&l->text);
}
