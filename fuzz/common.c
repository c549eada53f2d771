/*
 * common.c — see common.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (!jx_project_same_table(o->want, p))
		fail("table", o->want, "read back as a different table");
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
	if (jx_reader_doc.read(&in, compare, &o, &err))
		fail("text", p, err.msg);
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
