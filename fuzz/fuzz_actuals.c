/*
 * fuzz_actuals.c — libFuzzer harness for actuals: their grammar (an actual parsed, written in canonical
 * form and parsed again is the same), and the whole import (CSV or JSON) into a store holding the
 * sample, followed by scoring and monitoring everything imported; then the store is rolled back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jixiao/actuals.h"
#include "jixiao/err.h"
#include "jixiao/evaluation.h"
#include "jixiao/import.h"
#include "jixiao/model.h"
#include "jixiao/input.h"
#include "jixiao/monitor.h"
#include "jixiao/score.h"
#include "jixiao/store.h"
#include "jixiao/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct jx_store *st;
static struct jx_eval *ev;

static void die(const char *what, const struct jx_err *err)
{
	fprintf(stderr, "fuzz_actuals: %s: %s\n", what, err->msg);
	abort();
}

/* A store with the sample imported, once per process. */
static void setup(void)
{
	static char path[64];
	struct jx_err err = { 0 };
	struct jx_import *im;
	struct jx_input in;
	const char *src = getenv("JIXIAO_SRC");
	char sample[512];

	snprintf(path, sizeof(path), "/tmp/jx-fuzz-actuals-%d.db", (int)getpid());
	snprintf(sample, sizeof(sample), "%s/data/samples/bohu-2021.txt", src ? src : ".");
	unlink(path);
	if (jx_store_open(&st, path, JX_STORE_CREATE, &err) || jx_eval_load(&ev, NULL, &err))
		die("setup", &err);
	if (!(im = jx_import_begin(st, NULL, &err)) || jx_input_open(&in, sample, &err) || jx_import_input(im, &in, &err) ||
	    jx_import_commit(im, NULL, &err))
		die(sample, &err);
	jx_input_close(&in);
	/* actuals are taken for approved tables only */
	for (int64_t id = 1; id <= 5; id++)
		if (jx_store_set_status(st, id, JX_APPROVED, &err))
			die("approve", &err);
}

static void check_canonical(const char *s, size_t n)
{
	struct jx_actual_value v, back;
	char unit[64], text[JX_ACTUAL_MAX];

	if (!jx_utf8_valid(s, n) || jx_actual_parse(s, n, &v, unit, sizeof(unit)))
		return;
	jx_actual_format(&v, text);
	if (jx_actual_parse(text, strlen(text), &back, unit, sizeof(unit)) || back.level != v.level ||
	    back.has_percent != v.has_percent || ((v.level == JX_LEVEL_NONE || v.has_percent) &&
						  jx_dec_cmp(back.value, v.value) != 0)) {
		fprintf(stderr, "actual “%s” does not parse back to itself\n", text);
		abort();
	}
}

static int evaluate(void *ctx, struct jx_project *p, const struct jx_actual *rows, size_t n, struct jx_err *err)
{
	const struct jx_eval_settings *s = jx_eval_for_year(ev, p->year);
	struct jx_actuals a;
	struct jx_score sc;
	struct jx_monitor m;

	(void)ctx;
	(void)err;
	jx_actuals_latest(rows, n, NULL, &a);
	jx_score_project(s, p, &a, &sc);
	jx_monitor_project(s, p, &a, "2021-06-30", &m);
	if (jx_dec_cmp(sc.total, (struct jx_dec){ 100, 0 }) > 0 || sc.total.coef < 0) {
		fprintf(stderr, "a score outside 0–100\n");
		abort();
	}
	jx_score_free(&sc);
	jx_monitor_free(&m);
	jx_actuals_free(&a);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jx_err err = { 0 };
	struct jx_input in;

	if (!st)
		setup();
	check_canonical((const char *)data, size < 256 ? size : 256);
	if (jx_store_begin(st, &err))
		die("begin", &err);
	jx_input_from_mem(&in, data, size, "fuzz");
	if (jx_actuals_import(st, &in, ev, 0, "fuzz", NULL, &err) == 0 &&
	    jx_store_each_actuals(st, NULL, evaluate, NULL, &err))
		die("evaluate", &err);
	jx_input_close(&in);
	jx_store_end(st, -1, NULL);
	return 0;
}
