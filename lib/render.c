/*
 * render.c — the registry of renderers. See render.h.
 */
#include <string.h>

#include "jixiao/render.h"

static const struct jx_renderer *const renderers[] = { &jx_render_json, &jx_render_text, &jx_render_term };

const struct jx_renderer *jx_renderer_get(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(renderers[i]->name, name) == 0)
			return renderers[i];
	return NULL;
}
