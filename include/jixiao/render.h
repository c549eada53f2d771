/*
 * render.h — the one interface every output format implements.
 *
 * A rendering appends its output to a jx_buf: begun once, then (for a publication) given the statement,
 * then a project at a time, then ended. Reports on projects go the same way: a self-evaluation
 * (score.h) or a monitoring (monitor.h) at a time, then the summary of the scores. The caller empties
 * the buffer (to a file, a socket) between calls, so output streams whatever the number of projects. A renderer that needs state for one output (a PDF surface, a workbook) makes it in
 * begin and frees it in end; renderers keep no other state, so any number may run at once.
 *
 * Callers use the jx_render_* driver, which keeps the count and the state; renderers implement the
 * struct jx_renderer callbacks.
 */
#ifndef JIXIAO_RENDER_H
#define JIXIAO_RENDER_H

#include <stdbool.h>
#include <stddef.h>

struct jx_buf;
struct jx_err;
struct jx_monitor;
struct jx_project;
struct jx_score;
struct jx_score_summary;
struct jx_statement;

struct jx_render_opts {
	int width; /* columns of the terminal, for renderers that lay text out; 0: their default */
};

struct jx_renderer {
	const char *name; /* "json", "text", "term" */
	/* Begins an output; returns its state (or NULL if none is needed). May be NULL. */
	void *(*begin)(struct jx_buf *out, const struct jx_render_opts *o);
	/* A publication's statement, before its tables (see publish.h). May be NULL: not shown. */
	int (*statement)(void *state, struct jx_buf *out, const struct jx_statement *s, const struct jx_render_opts *o,
			 struct jx_err *err);
	/* Renders the index-th project (from 0). */
	int (*project)(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
		       const struct jx_render_opts *o, struct jx_err *err);
	/* Ends the output after count projects and frees the state; when failed, the output is being
	 * abandoned and nothing more is written. May be NULL. */
	int (*end)(void *state, struct jx_buf *out, size_t count, bool failed, const struct jx_render_opts *o,
		   struct jx_err *err);
	/* A project's self-evaluation (绩效自评表), the index-th item. NULL: not supported. */
	int (*score)(void *state, struct jx_buf *out, const struct jx_score *sc, size_t index,
		     const struct jx_render_opts *o, struct jx_err *err);
	/* The summary of the scores, after them. NULL: not supported. */
	int (*summary)(void *state, struct jx_buf *out, const struct jx_score_summary *sum, const struct jx_render_opts *o,
		       struct jx_err *err);
	/* A project's monitoring lights, the index-th item. NULL: not supported. */
	int (*monitor)(void *state, struct jx_buf *out, const struct jx_monitor *m, size_t index,
		       const struct jx_render_opts *o, struct jx_err *err);
};

extern const struct jx_renderer jx_render_json; /* the canonical JSON form */
extern const struct jx_renderer jx_render_text; /* the document form, which imports back */
extern const struct jx_renderer jx_render_term; /* the table aligned for a terminal */
extern const struct jx_renderer jx_render_html; /* one self-contained page, print-ready */
extern const struct jx_renderer jx_render_csv;  /* a row per indicator, UTF-8 with BOM */
extern const struct jx_renderer jx_render_xlsx; /* a workbook: summary, a sheet per table, a flat sheet */
extern const struct jx_renderer jx_render_pdf;  /* A4 pages, CJK text laid out by pango */

/* Appends s (NULL: nothing) with &, <, >, " and ' escaped for HTML text and attribute values: what the
 * HTML renderer and the web pages escape with. */
void jx_html_escape(struct jx_buf *out, const char *s);

/* The renderer called name, or NULL. */
const struct jx_renderer *jx_renderer_get(const char *name);

/* A rendering in progress. */
struct jx_render {
	const struct jx_renderer *r;
	struct jx_render_opts o;
	void *state;  /* the renderer's, between begin and end */
	size_t count; /* projects rendered */
};

void jx_render_begin(struct jx_render *rd, const struct jx_renderer *r, const struct jx_render_opts *o,
		     struct jx_buf *out);
int jx_render_statement(struct jx_render *rd, struct jx_buf *out, const struct jx_statement *s, struct jx_err *err);
int jx_render_project(struct jx_render *rd, struct jx_buf *out, const struct jx_project *p, struct jx_err *err);
/* These fail (JX_EUSAGE) if the renderer does not support what they render. */
int jx_render_score(struct jx_render *rd, struct jx_buf *out, const struct jx_score *sc, struct jx_err *err);
int jx_render_summary(struct jx_render *rd, struct jx_buf *out, const struct jx_score_summary *sum, struct jx_err *err);
int jx_render_monitor(struct jx_render *rd, struct jx_buf *out, const struct jx_monitor *m, struct jx_err *err);
/* Ends the rendering (see struct jx_renderer's end); always frees its state. */
int jx_render_end(struct jx_render *rd, struct jx_buf *out, bool failed, struct jx_err *err);

#endif
