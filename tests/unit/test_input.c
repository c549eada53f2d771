/*
 * test_input.c — struct jx_input (buffered untrusted bytes) and jx_lines (the encoding-detecting line reader).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/text.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* An unlinked temporary file holding data, positioned at its start. */
static int tmp_fd(const void *data, size_t len)
{
	char path[] = "/tmp/jixiao-test-input-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/* Appends the GB18030 encoding of the UTF-8 text s to out. */
static void add_gb18030(struct jx_buf *out, const char *s)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t left = strlen(s), room = left * 2 + 8;
	char *in = (char *)s, *o;

	assert_true(cd != (iconv_t)-1);
	jx_buf_grow(out, room, NULL);
	o = out->ptr + out->len;
	assert_int_not_equal(iconv(cd, &in, &left, &o, &room), (size_t)-1);
	jx_buf_setlen(out, (size_t)(o - out->ptr));
	iconv_close(cd);
}

/* Appends s n times. */
static void add_repeated(struct jx_buf *out, const char *s, size_t n)
{
	while (n--)
		jx_buf_adds(out, s, NULL);
}

struct got {
	struct jx_buf text;    /* the lines joined with '|' */
	size_t count;          /* lines returned */
	enum jx_encoding enc;  /* what jx_lines_init detected */
};

/* Reads every line of in into g. Returns 0 at the end, -1 on an error (err says which). */
static int read_lines(struct jx_input *in, struct got *g, struct jx_err *err)
{
	struct jx_lines l;
	char *line;
	size_t len;
	int rc = jx_lines_init(&l, in, err);

	jx_buf_init(&g->text, SIZE_MAX);
	g->count = 0;
	if (rc == 0)
		while ((rc = jx_lines_next(&l, &line, &len, err)) == 1) {
			assert_int_equal(line[len], '\0');
			if (g->count++)
				jx_buf_addc(&g->text, '|', NULL);
			jx_buf_add(&g->text, line, len, NULL);
		}
	g->enc = l.enc;
	jx_lines_free(&l);
	return rc;
}

static int lines_of_mem(const char *data, size_t len, struct got *g, struct jx_err *err)
{
	struct jx_input in;
	int rc;

	jx_input_from_mem(&in, data, len, "test");
	rc = read_lines(&in, g, err);
	jx_input_close(&in);
	return rc;
}

/* The same through a file descriptor, so that the input arrives in chunks of JX_INPUT_CHUNK. */
static int lines_of_file(const struct jx_buf *data, const char *name, struct got *g, struct jx_err *err)
{
	struct jx_input in;
	int fd = tmp_fd(data->ptr, data->len), rc;

	jx_input_from_fd(&in, fd, name);
	rc = read_lines(&in, g, err);
	jx_input_close(&in);
	close(fd);
	return rc;
}

/* Reading fails with code, and the message holds both fragments. */
static void assert_failed(int rc, const struct jx_err *err, enum jx_code code, const char *a, const char *b)
{
	if (rc != -1 || err->code != code || !strstr(err->msg, a) || (b && !strstr(err->msg, b)))
		fail_msg("rc %d code %d \"%s\", want \"%s\" and \"%s\"", rc, err->code, err->msg, a, b ? b : "");
}

/* ---- struct jx_input ---- */

static void test_input_open_missing_file_fails(void **state)
{
	struct jx_input in;
	struct jx_err err;

	(void)state;
	jx_err_clear(&err);
	assert_failed(jx_input_open(&in, "/nonexistent-jixiao/x.txt", &err), &err, JX_EIO,
		      "/nonexistent-jixiao/x.txt", "无法打开");
}

static void test_input_open_directory_fails(void **state)
{
	struct jx_input in;
	struct jx_err err;

	(void)state;
	jx_err_clear(&err);
	assert_failed(jx_input_open(&in, src_path("data"), &err), &err, JX_EIO, "data", "是目录");
}

static void test_input_open_reads_file(void **state)
{
	const char *path = src_path("data/samples/bohu-2021.txt");
	struct jx_input in;
	size_t len;
	char *want = read_file(path, &len);

	(void)state;
	assert_int_equal(jx_input_open(&in, path, NULL), 0);
	assert_string_equal(in.name, path);
	assert_int_equal(in.size, len);
	assert_int_equal(jx_input_fill(&in, 100, NULL), 0);
	assert_true(jx_input_avail(&in) >= 100);
	assert_memory_equal(jx_input_ptr(&in), want, 100);
	jx_input_consume(&in, 10);
	assert_int_equal(in.consumed, 10);
	assert_memory_equal(jx_input_ptr(&in), want + 10, 90);
	assert_int_equal(jx_input_fill(&in, len, NULL), 0); /* everything that is left */
	assert_int_equal(jx_input_avail(&in), len - 10);
	assert_memory_equal(jx_input_ptr(&in), want + 10, len - 10);
	jx_input_close(&in);
	free(want);
}

static void test_input_fill_stops_at_end_of_memory(void **state)
{
	struct jx_input in;

	(void)state;
	jx_input_from_mem(&in, "abc", 3, "test");
	assert_int_equal(in.size, 3);
	assert_int_equal(jx_input_fill(&in, 10, NULL), 0);
	assert_int_equal(jx_input_avail(&in), 3);
	jx_input_consume(&in, 3);
	assert_int_equal(jx_input_fill(&in, 1, NULL), 0);
	assert_int_equal(jx_input_avail(&in), 0);
	jx_input_close(&in);
}

static void test_input_streams_in_bounded_memory(void **state)
{
	struct jx_buf data = JX_BUF_INIT;
	struct jx_input in;
	uint64_t sum = 0;
	int fd;

	(void)state;
	jx_buf_addn(&data, 'x', 20 * JX_INPUT_CHUNK + 123, NULL);
	fd = tmp_fd(data.ptr, data.len);
	jx_input_from_fd(&in, fd, "stream");
	for (;;) {
		assert_int_equal(jx_input_fill(&in, 1000, NULL), 0);
		if (jx_input_avail(&in) == 0)
			break;
		assert_true(in.buf.cap <= 4 * JX_INPUT_CHUNK);
		sum += jx_input_avail(&in) > 1000 ? 1000 : jx_input_avail(&in);
		jx_input_consume(&in, jx_input_avail(&in) > 1000 ? 1000 : jx_input_avail(&in));
	}
	assert_int_equal(sum, data.len);
	assert_int_equal(in.consumed, data.len);
	jx_input_close(&in);
	close(fd);
	jx_buf_release(&data);
}

/* ---- jx_lines: UTF-8 ---- */

static void test_lines_utf8_line_endings(void **state)
{
	static const struct {
		const char *in;
		const char *want; /* lines joined with '|' */
		size_t count;
	} cases[] = {
		{ "第一行\n第二行\n", "第一行|第二行", 2 },
		{ "a\r\nb\r\n", "a|b", 2 },           /* CRLF */
		{ "a\nb", "a|b", 2 },                 /* the last line without newline */
		{ "a\r\nb", "a|b", 2 },
		{ "x\r", "x", 1 },
		{ "", "", 0 },
		{ "\n", "", 1 },
		{ "a\n\nb\n", "a||b", 3 },
		{ "a\rb\n", "a\rb", 1 },              /* a lone CR stays */
		{ "\xEF\xBB\xBF标题\n正文", "标题|正文", 2 }, /* the BOM is skipped */
		{ "\xEF\xBB\xBF", "", 0 },
	};
	struct jx_err err;
	struct got g;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		assert_int_equal(lines_of_mem(cases[i].in, strlen(cases[i].in), &g, &err), 0);
		if (g.count != cases[i].count || strcmp(g.text.ptr, cases[i].want) != 0)
			fail_msg("case %zu: %zu lines \"%s\"", i, g.count, g.text.ptr);
		assert_int_equal(g.enc, JX_ENC_UTF8);
		jx_buf_release(&g.text);
	}
}

static void test_lines_nul_byte_names_line(void **state)
{
	static const char data[] = "a\nb\nc\0d\ne\n";
	struct jx_err err;
	struct got g;

	(void)state;
	jx_err_clear(&err);
	assert_failed(lines_of_mem(data, sizeof(data) - 1, &g, &err), &err, JX_EINPUT, "test:3:", "NUL");
	jx_buf_release(&g.text);
}

static void test_lines_cut_off_character_at_end(void **state)
{
	struct jx_err err;
	struct got g;

	(void)state;
	jx_err_clear(&err);
	assert_failed(lines_of_mem("abc\n\xE4\xB8", 6, &g, &err), &err, JX_EINPUT, "test:2:", "不完整");
	assert_string_equal(g.text.ptr, "abc");
	jx_buf_release(&g.text);
}

/* Past the first chunk, which decides the encoding, bad UTF-8 is reported with its line. */
static void test_lines_invalid_utf8_names_line(void **state)
{
	struct jx_buf data = JX_BUF_INIT;
	struct jx_err err;
	struct got g;

	(void)state;
	add_repeated(&data, "指标值\n", 7000); /* 70,000 bytes */
	jx_buf_adds(&data, "坏\xFF\n好\n", NULL);
	jx_err_clear(&err);
	assert_failed(lines_of_file(&data, "big", &g, &err), &err, JX_EINPUT, "big:7001:", "UTF-8");
	assert_true(g.count <= 7000); /* the bad line is never handed out */
	assert_true(jx_utf8_valid(g.text.ptr, g.text.len));
	jx_buf_release(&g.text);
	jx_buf_release(&data);
}

/* An invalid byte within the first chunk is reported with its line, as input.h promises for every
 * error (it once failed in jx_lines_init without one). */
static void test_lines_invalid_utf8_in_head_names_line(void **state)
{
	const char *data = "第一行\n第二行\n坏\xFF\n";
	struct jx_err err;
	struct got g;

	(void)state;
	jx_err_clear(&err);
	assert_int_equal(lines_of_mem(data, strlen(data), &g, &err), -1);
	jx_buf_release(&g.text);
	assert_int_equal(err.code, JX_EINPUT);
	if (!strstr(err.msg, "test:3:"))
		fail_msg("\"%s\" names no line", err.msg);
}

static void test_lines_neither_utf8_nor_gb18030_fails(void **state)
{
	struct jx_err err;
	struct got g;

	(void)state;
	jx_err_clear(&err);
	assert_failed(lines_of_mem("a\n\xFF\xFF\n", 5, &g, &err), &err, JX_EINPUT, "test:2:", "编码");
	assert_true(g.count <= 1); /* "a" may be handed out before the bad line is reached */
	jx_buf_release(&g.text);
}

static void test_lines_utf16_bom_rejected(void **state)
{
	static const char *const boms[] = { "\xFF\xFE" "a\0b\0\n\0", "\xFE\xFF\0a\0b\0\n" };
	struct jx_err err;
	struct got g;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(boms); i++) {
		jx_err_clear(&err);
		assert_failed(lines_of_mem(boms[i], 8, &g, &err), &err, JX_EINPUT, "test", "UTF-16");
		jx_buf_release(&g.text);
	}
}

/* ---- jx_lines: GB18030 ---- */

static void test_lines_gb18030_detected_and_decoded(void **state)
{
	const char *text = "项目名称\t疫情防控\r\n指标值\n≥95%\n年核酸检测人次数（人次）";
	struct jx_buf data = JX_BUF_INIT;
	struct jx_err err;
	struct got g;

	(void)state;
	add_gb18030(&data, text);
	assert_false(jx_utf8_valid(data.ptr, data.len));
	assert_int_equal(lines_of_mem(data.ptr, data.len, &g, &err), 0);
	assert_int_equal(g.enc, JX_ENC_GB18030);
	assert_int_equal(g.count, 4);
	assert_string_equal(g.text.ptr, "项目名称\t疫情防控|指标值|≥95%|年核酸检测人次数（人次）");
	jx_buf_release(&g.text);
	jx_buf_release(&data);
}

static void test_lines_gb18030_bom_skipped(void **state)
{
	struct jx_buf data = JX_BUF_INIT;
	struct jx_err err;
	struct got g;

	(void)state;
	jx_buf_adds(&data, "\x84\x31\x95\x33", NULL);
	add_gb18030(&data, "中文\nabc\n");
	assert_int_equal(lines_of_mem(data.ptr, data.len, &g, &err), 0);
	assert_int_equal(g.enc, JX_ENC_GB18030);
	assert_string_equal(g.text.ptr, "中文|abc");
	jx_buf_release(&g.text);
	jx_buf_release(&data);
}

static void test_lines_invalid_gb18030_names_line(void **state)
{
	struct jx_buf data = JX_BUF_INIT;
	struct jx_err err;
	struct got g;
	char where[32];
	size_t n = 0;

	(void)state;
	for (; data.len < 2 * JX_INPUT_CHUNK; n++)
		add_gb18030(&data, "指标值\n");
	jx_buf_adds(&data, "ok\n\xFF\xFF\n", NULL); /* lines n + 1 and n + 2 */
	snprintf(where, sizeof(where), "gb:%zu:", n + 2);
	jx_err_clear(&err);
	assert_failed(lines_of_file(&data, "gb", &g, &err), &err, JX_EINPUT, where, "GB18030");
	assert_int_equal(g.enc, JX_ENC_GB18030);
	jx_buf_release(&g.text);
	jx_buf_release(&data);
}

/* ASCII for the first 100 KB, so the head reads as UTF-8, then GB18030 tail: the lines still decode, the
 * last ones ending as want_end. Frees everything before failing. */
static void check_late_gb18030(const char *tail, const char *want_end)
{
	struct jx_buf data = JX_BUF_INIT;
	struct jx_err err;
	struct got g;
	char why[sizeof(err.msg) + 64] = "";
	int rc;

	add_repeated(&data, "abcdefghi\n", 10240); /* 102,400 bytes */
	add_gb18030(&data, tail);
	jx_err_clear(&err);
	rc = lines_of_file(&data, "late", &g, &err);
	if (rc != 0 || g.enc != JX_ENC_GB18030 || g.count != 10240 + 2 || g.text.len < strlen(want_end) ||
	    strcmp(g.text.ptr + g.text.len - strlen(want_end), want_end) != 0)
		snprintf(why, sizeof(why), "rc %d \"%s\": %zu lines", rc, err.msg, g.count);
	jx_buf_release(&g.text);
	jx_buf_release(&data);
	if (why[0])
		fail_msg("%s", why);
}

static void test_lines_gb18030_after_100k_of_ascii(void **state)
{
	(void)state;
	check_late_gb18030("中文内容\n第二行\n", "abcdefghi|中文内容|第二行");
}

/* GB18030 after a long ASCII head is decoded even when its first bytes also read as UTF-8: 指 is D6 B8
 * in GB18030, valid UTF-8 too (U+05B8). The encoding was once decided at the first invalid byte, too
 * late; it is now decided at the first non-ASCII one. */
static void test_lines_gb18030_after_ascii_starting_with_utf8_lookalike(void **state)
{
	(void)state;
	check_late_gb18030("指标值\n第二行\n", "abcdefghi|指标值|第二行");
}

/* ---- jx_lines: long lines ---- */

/* A line of exactly JX_LINE_MAX bytes ending in eol is read whole. Frees everything before failing. */
static void check_max_line(const char *eol)
{
	struct jx_buf data = JX_BUF_INIT;
	struct jx_err err;
	struct got g;
	char why[sizeof(err.msg) + 64] = "";
	int rc;

	jx_buf_addn(&data, 'a', JX_LINE_MAX, NULL);
	jx_buf_adds(&data, eol, NULL);
	jx_buf_adds(&data, "b", NULL);
	jx_err_clear(&err);
	rc = lines_of_mem(data.ptr, data.len, &g, &err);
	if (rc != 0 || g.count != 2 || g.text.len != JX_LINE_MAX + 2 || strcmp(g.text.ptr + JX_LINE_MAX, "|b") != 0)
		snprintf(why, sizeof(why), "rc %d \"%s\": %zu lines", rc, err.msg, g.count);
	jx_buf_release(&g.text);
	jx_buf_release(&data);
	if (why[0])
		fail_msg("%s", why);
}

static void test_lines_line_of_exactly_max_is_accepted(void **state)
{
	(void)state;
	check_max_line("\n");
}

/* A line of exactly JX_LINE_MAX bytes ending in "\r\n" is accepted like one ending in "\n": the length
 * is counted without the line end (the CR was once counted). */
static void test_lines_line_of_exactly_max_with_crlf_is_accepted(void **state)
{
	(void)state;
	check_max_line("\r\n");
}

static void test_lines_line_over_max_fails(void **state)
{
	struct jx_buf data = JX_BUF_INIT;
	struct jx_err err;
	struct got g;

	(void)state;
	jx_buf_adds(&data, "ok\n", NULL);
	jx_buf_addn(&data, 'a', JX_LINE_MAX + 1, NULL);
	jx_buf_adds(&data, "\n", NULL);
	jx_err_clear(&err);
	assert_failed(lines_of_mem(data.ptr, data.len, &g, &err), &err, JX_ETOOBIG, "test:2:", "行太长");
	assert_int_equal(g.count, 1);
	jx_buf_release(&g.text);
	jx_buf_release(&data);
}

/* A line of 8 MB without newline fails after reading little more than JX_LINE_MAX of it. */
static void test_lines_long_line_fails_without_reading_it_all(void **state)
{
	size_t size = 8 * (size_t)JX_LINE_MAX;
	struct jx_buf data = JX_BUF_INIT;
	struct jx_input in;
	struct jx_lines l;
	struct jx_err err;
	char *line;
	size_t len;
	int fd, rc;

	(void)state;
	jx_buf_addn(&data, 'a', size, NULL);
	fd = tmp_fd(data.ptr, data.len);
	jx_buf_release(&data);
	jx_input_from_fd(&in, fd, "long");
	jx_err_clear(&err);
	assert_int_equal(jx_lines_init(&l, &in, &err), 0);
	rc = jx_lines_next(&l, &line, &len, &err);
	assert_failed(rc, &err, JX_ETOOBIG, "long:1:", "行太长");
	assert_true(in.consumed <= JX_LINE_MAX + 2 * JX_INPUT_CHUNK);
	assert_true(l.text.cap <= 2 * (JX_LINE_MAX + 2 * JX_INPUT_CHUNK));
	jx_lines_free(&l);
	jx_input_close(&in);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_input_open_missing_file_fails),
		cmocka_unit_test(test_input_open_directory_fails),
		cmocka_unit_test(test_input_open_reads_file),
		cmocka_unit_test(test_input_fill_stops_at_end_of_memory),
		cmocka_unit_test(test_input_streams_in_bounded_memory),
		cmocka_unit_test(test_lines_utf8_line_endings),
		cmocka_unit_test(test_lines_nul_byte_names_line),
		cmocka_unit_test(test_lines_cut_off_character_at_end),
		cmocka_unit_test(test_lines_invalid_utf8_names_line),
		cmocka_unit_test(test_lines_invalid_utf8_in_head_names_line),
		cmocka_unit_test(test_lines_neither_utf8_nor_gb18030_fails),
		cmocka_unit_test(test_lines_utf16_bom_rejected),
		cmocka_unit_test(test_lines_gb18030_detected_and_decoded),
		cmocka_unit_test(test_lines_gb18030_bom_skipped),
		cmocka_unit_test(test_lines_invalid_gb18030_names_line),
		cmocka_unit_test(test_lines_gb18030_after_100k_of_ascii),
		cmocka_unit_test(test_lines_gb18030_after_ascii_starting_with_utf8_lookalike),
		cmocka_unit_test(test_lines_line_of_exactly_max_is_accepted),
		cmocka_unit_test(test_lines_line_of_exactly_max_with_crlf_is_accepted),
		cmocka_unit_test(test_lines_line_over_max_fails),
		cmocka_unit_test(test_lines_long_line_fails_without_reading_it_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
