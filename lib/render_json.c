/*
 * render_json.c — the canonical JSON form, one project per line inside {"projects": [ … ]}, so that
 * it streams and diffs well and still parses as one JSON document.
 */
#include <stdlib.h>

#include "jixiao/buf.h"
#include "jixiao/json_io.h"
#include "jixiao/render.h"

static void json_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	(void)o;
	jx_buf_adds(out, "{\"projects\": [", NULL);
}

static void json_project(struct jx_buf *out, const struct jx_project *p, size_t index, const struct jx_render_opts *o)
{
	json_t *j = jx_project_to_json(p);
	char *s = json_dumps(j, JX_JSON_DUMP);

	(void)o;
	jx_buf_adds(out, index ? ",\n" : "\n", NULL);
	jx_buf_adds(out, s, NULL);
	free(s);
	json_decref(j);
}

static void json_end(struct jx_buf *out, size_t count, const struct jx_render_opts *o)
{
	(void)o;
	jx_buf_adds(out, count ? "\n]}\n" : "]}\n", NULL);
}

const struct jx_renderer jx_render_json = { "json", json_begin, json_project, json_end };
