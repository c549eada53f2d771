/*
 * render_json.c — the canonical JSON form, one project per line inside {"projects": [ … ]}, so that
 * it streams and diffs well and still parses as one JSON document.
 */
#include <stdlib.h>

#include "jixiao/buf.h"
#include "jixiao/json_io.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"

static void *json_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	(void)o;
	jx_buf_addc(out, '{', NULL);
	return NULL;
}

/* A publication: {"statement": {…},\n"projects": [ … ]}. */
static int json_statement(void *state, struct jx_buf *out, const struct jx_statement *s, const struct jx_render_opts *o,
			  struct jx_err *err)
{
	json_t *j = jx_statement_to_json(s);
	char *text = json_dumps(j, JX_JSON_DUMP);

	(void)state;
	(void)o;
	(void)err;
	jx_buf_addf(out, NULL, "\"statement\": %s,\n", text);
	free(text);
	json_decref(j);
	return 0;
}

static int json_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	json_t *j = jx_project_to_json(p);
	char *s = json_dumps(j, JX_JSON_DUMP);

	(void)state;
	(void)o;
	(void)err;
	jx_buf_adds(out, index ? ",\n" : "\"projects\": [\n", NULL);
	jx_buf_adds(out, s, NULL);
	free(s);
	json_decref(j);
	return 0;
}

/* An abandoned output gets no closing brackets, so that it never reads as a complete document. */
static int json_end(void *state, struct jx_buf *out, size_t count, bool failed, const struct jx_render_opts *o,
		    struct jx_err *err)
{
	(void)state;
	(void)o;
	(void)err;
	if (!failed)
		jx_buf_adds(out, count ? "\n]}\n" : "\"projects\": []}\n", NULL);
	return 0;
}

const struct jx_renderer jx_render_json = { "json", json_begin, json_statement, json_project, json_end };
