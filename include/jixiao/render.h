/*
 * render.h — the one interface every output format implements.
 *
 * A renderer appends its output to a jx_buf: begin() once, project() for each project, end() once
 * (begin and end may be NULL where a format needs neither).
 * The caller empties the buffer (to a file, a socket) between calls, so output streams whatever the
 * number of projects. Renderers never fail: the model they are given is valid.
 */
#ifndef JIXIAO_RENDER_H
#define JIXIAO_RENDER_H

#include <stddef.h>

struct jx_buf;
struct jx_project;

struct jx_render_opts {
	int width; /* columns of the terminal, for renderers that lay text out; 0: their default */
};

struct jx_renderer {
	const char *name; /* "json", "text", "term" */
	void (*begin)(struct jx_buf *out, const struct jx_render_opts *o);
	/* index counts from 0 in the order projects are given */
	void (*project)(struct jx_buf *out, const struct jx_project *p, size_t index, const struct jx_render_opts *o);
	void (*end)(struct jx_buf *out, size_t count, const struct jx_render_opts *o);
};

extern const struct jx_renderer jx_render_json; /* the canonical JSON form */
extern const struct jx_renderer jx_render_text; /* the document form, which imports back */
extern const struct jx_renderer jx_render_term; /* the table aligned for a terminal */

/* The renderer called name, or NULL. */
const struct jx_renderer *jx_renderer_get(const char *name);

#endif
