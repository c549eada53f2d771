/*
 * publish.h — disclosure (公开): the statement and the target tables published with the budget, kept as
 * frozen versions.
 *
 * A publication is a year's approved tables that are not classified (涉密) — project tables and
 * department-wide ones, each as last approved (an adjustment under review is not published until it is
 * approved) — with a statement of figures computed from them in the manner of the published
 * disclosures: how many departments set department-wide targets, how many units prepared how many
 * project tables, the money they cover, and the key projects (重点项目). A classified table never
 * appears in a publication and never counts in its figures. With key_only, the figures still cover all
 * the year's published tables, but only the key projects' tables are attached (as the seed does).
 *
 * Each publication is saved as a version: its content (canonical JSON) frozen with its number, time,
 * account and content hash; any version renders again, in any format, to the same bytes.
 *
 * Nothing here holds a publication's tables all at once, so that memory does not grow with them: a
 * new publication is built in two passes over one snapshot of the store — the statement's figures
 * first (jx_publication_build), then its tables one at a time, rendered as they come and written to
 * a temporary file for saving (jx_publication_render) — and a saved version is read back a table at a
 * time, its digest and figures checked as it goes. Only a comparison of two versions holds their
 * tables (jx_publication_hold).
 */
#ifndef JIXIAO_PUBLISH_H
#define JIXIAO_PUBLISH_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "jixiao/clock.h"
#include "jixiao/dec.h"

struct jx_buf;
struct jx_err;
struct jx_project;
struct jx_render_opts;
struct jx_renderer;
struct jx_store;

struct jx_statement {
	int year;
	bool key_only;          /* only the key projects' tables are attached */
	size_t departments;     /* department-wide tables published */
	size_t units;           /* distinct budget units of the project tables */
	size_t projects;        /* project tables published */
	jx_money money;         /* their 年度资金总额, summed */
	char **key_projects;    /* names of the key projects, in order */
	size_t n_key;
	char **attached;        /* names of the attached tables, in order (department-wide: the unit's) */
	size_t n_attached;
	int version;            /* 0 until saved */
	char at[JX_TIME_MAX];   /* when it was saved ("" until then) */
	char *by;               /* who saved it (NULL until then) */
	char hash[65];          /* SHA-256 of the content, hex ("" until saved) */
};

struct jx_pubsrc; /* where a publication's tables come from (publish.c) */

struct jx_publication {
	struct jx_statement s;
	bool unchanged;        /* saving found the year's latest version (of the same scope) holding the same
				* content: no new version was made, s names that one */
	size_t n;              /* tables attached */
	struct jx_project **p; /* after jx_publication_hold only: the attached tables, projects then
				* department-wide, by id (else NULL) */
	struct jx_pubsrc *src; /* private */
};

/* The statement as the disclosures word it: its title into title, its paragraphs into body, one per
 * line (the renderers lay them out). */
void jx_statement_write(const struct jx_statement *s, struct jx_buf *title, struct jx_buf *body);

/* The statement's figures as a new JSON object (the "statement" of a publication's content). */
json_t *jx_statement_to_json(const struct jx_statement *s);

/* Builds the publication of year from the store: its statement, from a first pass over the year's
 * tables (call it in a read transaction, and render it in the same one: one snapshot). *out is new;
 * free it with jx_publication_free(). JX_ENOTFOUND if the year has nothing to publish (with
 * key_only: no key project). */
int jx_publication_build(struct jx_store *st, int year, bool key_only, struct jx_publication **out,
			 struct jx_err *err);

/* Calls fn (NULL: none) with each of pub's tables in order, borrowed for the call. A built
 * publication's come from the store, as approved — JX_ECONFLICT if they no longer make its figures
 * (the store changed since it was built, outside one snapshot) — and are kept in a temporary file
 * with the content's digest for jx_publication_save. A saved version's are read back as saved: after
 * the last, its content is checked against its digest and its figures against its tables (JX_ESTORE
 * if it was altered). fn's non-zero return stops the walk and is returned. */
int jx_publication_tables(const struct jx_publication *pub,
			  int (*fn)(void *ctx, const struct jx_project *p, struct jx_err *err), void *ctx,
			  struct jx_err *err);

/* Keeps pub's tables in pub->p (read as jx_publication_tables does): for a comparison, which needs two
 * versions' tables side by side. Memory grows with the tables. */
int jx_publication_hold(struct jx_publication *pub, struct jx_err *err);

/* Saves pub (built; its tables walked by jx_publication_render or _tables, or else walked now) as a
 * new version, by user, now: fills its version, time, account and hash. */
int jx_publication_save(struct jx_store *st, struct jx_publication *pub, const char *user, struct jx_err *err);

/* Loads version's record and statement; its tables are read, and checked against its digest and
 * figures, as they are rendered (or walked: jx_publication_tables). JX_ENOTFOUND if there is none,
 * JX_ESTORE if its statement cannot be read. */
int jx_publication_load(struct jx_store *st, int version, struct jx_publication **out, struct jx_err *err);

/* Checks that none of pub's tables has been marked classified since it was published: a version that
 * holds one must not be output again (JX_ECONFLICT, naming it). */
int jx_publication_still_public(struct jx_store *st, const struct jx_publication *pub, struct jx_err *err);

/* How a version's content divides for the store (store.h: struct jx_published): the text before its
 * first table (content[0, head_len)), each table's own text, what stands between two tables
 * (content[sep_at, sep_at + sep_len), the same throughout) and the text after the last (from
 * tail_at), so that head + table + sep + table … + tail gives the content back byte for byte.
 * Calls part with each table's text in order. Content that does not divide so (no jixiao wrote it)
 * is all head. For the stores' migration of the versions saved whole. */
struct jx_content_cut {
	size_t head_len, sep_at, sep_len, tail_at;
};
int jx_publication_cut(const char *content, size_t len, struct jx_content_cut *cut,
		       int (*part)(void *ctx, size_t seq, const char *body, size_t len, struct jx_err *err), void *ctx,
		       struct jx_err *err);

/* Takes out of pub every table that is classified now, and its name from the statement's lists (the
 * figures are left as published), so that what is made of an older version — a comparison of two —
 * names no table that may no longer be named. Holds pub's tables (jx_publication_hold). */
int jx_publication_hide_classified(struct jx_store *st, struct jx_publication *pub, struct jx_err *err);

/* Takes rendered output as it is produced: writes out's bytes somewhere and empties it. */
typedef int (*jx_flush_fn)(void *ctx, struct jx_buf *out, struct jx_err *err);

/* Renders pub into out with renderer r, its tables as jx_publication_tables walks them. With flush,
 * out is handed to it whenever it holds 64 KiB or more and at the end, so that a large publication
 * streams; without one, out holds everything. */
int jx_publication_render(const struct jx_publication *pub, const struct jx_renderer *r,
			  const struct jx_render_opts *o, struct jx_buf *out, jx_flush_fn flush, void *ctx,
			  struct jx_err *err);

/* What changed from a to b (both held: jx_publication_hold), as a new JSON object: {"added": [NAME…],
 * "withdrawn": [NAME…], "changed": [{"name": NAME, "changes": [… as in history.h]}], "statement":
 * [{"field", "before", "after"}]} where a statement field is scope (全部 or 重点项目), departments, units, projects, money or
 * key_projects (the names joined by 、). Tables are matched by kind and name. */
json_t *jx_publication_diff(const struct jx_publication *a, const struct jx_publication *b);

void jx_publication_free(struct jx_publication *pub);

/* Sets or clears a project's flags (key: 重点项目, classified: 涉密); -1 leaves one as it is. Recorded in
 * the history. */
int jx_mark(struct jx_store *st, int64_t id, int key, int classified, const char *user, struct jx_err *err);

#endif
