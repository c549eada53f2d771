/*
 * render.c — the registry of renderers and the driver callers use. See render.h.
 */
#include <string.h>

#include "jixiao/err.h"
#include "jixiao/render.h"

static const struct jx_renderer *const renderers[] = { &jx_render_json, &jx_render_text, &jx_render_term,
						    &jx_render_html, &jx_render_csv, &jx_render_xlsx,
						    &jx_render_pdf };

const struct jx_renderer *jx_renderer_get(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(renderers[i]->name, name) == 0)
			return renderers[i];
	return NULL;
}

void jx_render_begin(struct jx_render *rd, const struct jx_renderer *r, const struct jx_render_opts *o,
		     struct jx_buf *out)
{
	rd->r = r;
	rd->o = o ? *o : (struct jx_render_opts){ 0 };
	rd->count = 0;
	rd->state = r->begin ? r->begin(out, &rd->o) : NULL;
}

int jx_render_statement(struct jx_render *rd, struct jx_buf *out, const struct jx_statement *s, struct jx_err *err)
{
	return rd->r->statement ? rd->r->statement(rd->state, out, s, &rd->o, err) : 0;
}

int jx_render_project(struct jx_render *rd, struct jx_buf *out, const struct jx_project *p, struct jx_err *err)
{
	return rd->r->project(rd->state, out, p, rd->count++, &rd->o, err);
}

static int unsupported(const struct jx_render *rd, const char *what, struct jx_err *err)
{
	return jx_err_set(err, JX_EUSAGE, "%s 格式不能输出%s", rd->r->name, what);
}

int jx_render_score(struct jx_render *rd, struct jx_buf *out, const struct jx_score *sc, struct jx_err *err)
{
	if (!rd->r->score)
		return unsupported(rd, "绩效自评表", err);
	return rd->r->score(rd->state, out, sc, rd->count++, &rd->o, err);
}

int jx_render_summary(struct jx_render *rd, struct jx_buf *out, const struct jx_score_summary *sum, struct jx_err *err)
{
	if (!rd->r->summary)
		return unsupported(rd, "自评汇总", err);
	return rd->r->summary(rd->state, out, sum, &rd->o, err);
}

int jx_render_monitor(struct jx_render *rd, struct jx_buf *out, const struct jx_monitor *m, struct jx_err *err)
{
	if (!rd->r->monitor)
		return unsupported(rd, "监控结果", err);
	return rd->r->monitor(rd->state, out, m, rd->count++, &rd->o, err);
}

int jx_render_end(struct jx_render *rd, struct jx_buf *out, bool failed, struct jx_err *err)
{
	int rc = rd->r->end ? rd->r->end(rd->state, out, rd->count, failed, &rd->o, err) : 0;

	rd->state = NULL;
	return rc;
}
