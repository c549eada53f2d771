/*
 * fuzz_roundtrip.c — libFuzzer harness for what a backup by export relies on: every table the JSON
 * reader accepts, saved into a store and exported, imports into a fresh store that exports the same
 * bytes. Stores are real SQLite databases, in memory, opened once: each run works inside a transaction
 * of its own that is undone at its end (the imports nest in it), so every run starts from empty
 * stores. A difference aborts with both exports.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/render.h"
#include "jixiao/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Imports data (JSON) into st as one import; 0 if every table was accepted. */
static int import_json(struct jx_store *st, const char *data, size_t size)
{
	struct jx_err err = { 0 };
	struct jx_import *im = jx_import_begin(st, NULL, &err);
	struct jx_input in;
	int rc;

	if (!im)
		abort();
	jx_input_from_mem(&in, data, size, "fuzz");
	rc = jx_import_input(im, &in, &err);
	jx_input_close(&in);
	if (rc) {
		jx_import_abort(im);
		return -1;
	}
	return jx_import_commit(im, NULL, &err);
}

struct exporting {
	struct jx_render rd;
	struct jx_buf *out;
};

static int render_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct exporting *x = ctx;

	return jx_render_project(&x->rd, x->out, p, err);
}

/* The canonical JSON export of every table in st, as `jixiao export` writes it. */
static void export_json(struct jx_store *st, struct jx_buf *out)
{
	struct jx_err err = { 0 };
	struct exporting x = { .out = out };

	jx_render_begin(&x.rd, &jx_render_json, NULL, out);
	if (jx_store_each(st, NULL, render_one, &x, &err) || jx_render_end(&x.rd, out, false, &err)) {
		fprintf(stderr, "export failed: %s\n", err.msg);
		abort();
	}
}

static struct jx_store *a, *b; /* opened on the first run, kept to the end */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jx_buf first = JX_BUF_INIT, second = JX_BUF_INIT;
	struct jx_err err = { 0 };

	if ((!a && jx_store_open(&a, ":memory:", JX_STORE_CREATE, &err)) ||
	    (!b && jx_store_open(&b, ":memory:", JX_STORE_CREATE, &err)) || jx_store_begin(a, &err) ||
	    jx_store_begin(b, &err)) {
		fprintf(stderr, "cannot open a store: %s\n", err.msg);
		abort();
	}
	if (import_json(a, (const char *)data, size) == 0) {
		export_json(a, &first);
		if (import_json(b, first.ptr, first.len) != 0) {
			fprintf(stderr, "the export of what was accepted is refused:\n%s\n", first.ptr);
			abort();
		}
		export_json(b, &second);
		if (first.len != second.len || memcmp(first.ptr, second.ptr, first.len) != 0) {
			fprintf(stderr, "export, import, export differs:\nfirst:  %s\nsecond: %s\n", first.ptr, second.ptr);
			abort();
		}
	}
	jx_buf_release(&first);
	jx_buf_release(&second);
	jx_store_end(a, -1, NULL); /* empty again for the next run */
	jx_store_end(b, -1, NULL);
	return 0;
}
