/*
 * common.c — see common.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "common.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/render.h"

static void fail(const char *what, const struct jx_project *p, const char *detail)
{
	fprintf(stderr, "round trip broken (%s) for project “%s”: %s\n", what, p->name, detail);
	abort();
}

struct one {
	const struct jx_project *want; /* what must come back */
	int got;                       /* projects read back */
};

static int compare(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct one *o = ctx;

	(void)err;
	o->got++;
	if (!jx_project_same_table(o->want, p)) {
		char *a = json_dumps(jx_project_to_json(o->want), JSON_COMPACT), *b = json_dumps(jx_project_to_json(p), JSON_COMPACT);

		fprintf(stderr, "wanted: %s\ngot:    %s\n", a, b);
		fail("table", o->want, "read back as a different table");
	}
	return 0;
}

static void check_text(const struct jx_project *p)
{
	struct jx_buf out = JX_BUF_INIT;
	struct jx_err err = { 0 };
	struct one o = { p, 0 };
	struct jx_render rd;
	struct jx_input in;

	jx_render_begin(&rd, &jx_render_text, NULL, &out);
	jx_render_project(&rd, &out, p, &err);
	jx_render_end(&rd, &out, false, &err);
	jx_input_from_mem(&in, out.ptr, out.len, "text");
	if (jx_reader_doc.read(&in, compare, &o, &err)) {
		fprintf(stderr, "the text form:\n%s\n", out.ptr);
		fail("text", p, err.msg);
	}
	if (o.got != 1)
		fail("text", p, "not exactly one project");
	jx_input_close(&in);
	jx_buf_release(&out);
}

static void check_json(const struct jx_project *p)
{
	json_t *j = jx_project_to_json(p), *back;
	char *s = json_dumps(j, JX_JSON_DUMP);
	struct jx_project *q = NULL;
	struct jx_err err = { 0 };

	back = json_loads(s, 0, NULL);
	if (!back || jx_project_from_json(back, &q, &err))
		fail("json", p, err.msg);
	if (!jx_project_same_table(p, q) || p->key != q->key || p->classified != q->classified ||
	    p->status != q->status || strcmp(p->framework, q->framework) != 0)
		fail("json", p, "read back differently");
	jx_project_free(q);
	json_decref(back);
	json_decref(j);
	free(s);
}

void fuzz_check(const struct jx_project *p)
{
	check_text(p);
	check_json(p);
}

static int check_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	(void)ctx;
	(void)err;
	fuzz_check(p);
	return 0;
}

void fuzz_read(const struct jx_reader *r, const char *data, size_t len)
{
	struct jx_err err = { 0 };
	struct jx_input in;

	jx_input_from_mem(&in, data, len, "fuzz");
	r->read(&in, check_one, NULL, &err);
	jx_input_close(&in);
}

/* ---- Office files ---- */

#define MARK "--- "

/* Adds the parts written in text[0..n) to za. */
static void add_parts(zip_t *za, const char *text, size_t n)
{
	const char *p = text, *end = text + n;

	while (p < end && (size_t)(end - p) > strlen(MARK) && memcmp(p, MARK, strlen(MARK)) == 0) {
		const char *name = p + strlen(MARK), *nl = memchr(name, '\n', (size_t)(end - name)), *body, *next;
		char *path;
		zip_source_t *src;
		zip_int64_t idx;

		if (!nl)
			return;
		body = nl + 1;
		for (next = body; next < end && !(next[0] == '\n' && (size_t)(end - next) > strlen(MARK) &&
						  memcmp(next + 1, MARK, strlen(MARK)) == 0);)
			next++;
		path = strndup(name, (size_t)(nl - name));
		src = zip_source_buffer(za, body, (zip_uint64_t)(next - body), 0);
		idx = src ? zip_file_add(za, path, src, ZIP_FL_OVERWRITE) : -1;
		if (idx < 0)
			zip_source_free(src);
		else
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		free(path);
		p = next + (next < end);
	}
}

/* Reads the Office file made of the parts written in text. */
static void read_parts(const char *text, size_t n)
{
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_int64_t len;
	zip_t *za;
	char *buf;

	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za) {
		zip_source_free(src);
		return;
	}
	add_parts(za, text, n);
	if (zip_close(za) != 0) {
		zip_discard(za);
	} else if (zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		len = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		buf = malloc(len > 0 ? (size_t)len : 1);
		if (len > 0 && zip_source_read(src, buf, (zip_uint64_t)len) == len)
			fuzz_read(&jx_reader_ooxml, buf, (size_t)len);
		free(buf);
		zip_source_close(src);
	}
	zip_source_free(src);
}

void fuzz_read_office(const char *data, size_t size)
{
	if (size > strlen(MARK) && memcmp(data, MARK, strlen(MARK)) == 0)
		read_parts(data, size);
	else
		fuzz_read(&jx_reader_ooxml, data, size);
}
