/*
 * html_nest.c — how deeply a page nests, bounded before gumbo parses it (see html_impl.h).
 *
 * gumbo 0.10.1 takes time quadratic in the depth of its tree (a start tag looks down the stack of open
 * elements) and frees the tree recursively: 100,000 nested <div>s take it minutes, 20,000 nested
 * tables a minute. So a scan goes first: it follows the tokenizer where it decides what is a tag
 * (comments, scripts and other raw text, quoted attribute values), and models the tree builder's
 * stack of open elements and list of active formatting elements (which the parser may open again
 * where they were closed), closing elements only where the parser surely closes them, and reading
 * text as raw only where the parser surely does (not in SVG, MathML, select, frameset or template).
 * So the model is deeper than the tree, never much shallower (random tag soup never finds it more
 * than three elements short), and a page it nests deeper than JX_HTML_MAX_DEPTH is refused, naming
 * the line, in time linear in the page.
 *
 * What the model closes, in the terms of the HTML standard: a p in button scope before a block; li,
 * dd and dt items; a heading before a heading; a table's cells, rows and row groups before the next
 * (and the table parts outside any table, which the parser ignores); options; the end tags in scope
 * (a form alone); a formatting element's end tag as the adoption agency leaves the stack. It never
 * believes "/>", which closes an element only in foreign content.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/html.h"
#include "html_impl.h"

/* ---- the nesting bound: tags ---- */

static bool is_void(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_BR:
	case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_FRAME: case GUMBO_TAG_HR: case GUMBO_TAG_IMAGE:
	case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_ISINDEX: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_LINK:
	case GUMBO_TAG_MENUITEM: case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
	case GUMBO_TAG_WBR:
	/* merged into the elements the parser made, never nested */
	case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
		return true;
	default:
		return false;
	}
}

/* Elements whose content is text up to their end tag (where the model is sure: see makes_unsure()). */
static bool is_raw(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TITLE: case GUMBO_TAG_XMP:
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
		return true;
	default:
		return false;
	}
}

static bool is_formatting(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_A: case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_CODE: case GUMBO_TAG_EM: case GUMBO_TAG_FONT:
	case GUMBO_TAG_I: case GUMBO_TAG_NOBR: case GUMBO_TAG_S: case GUMBO_TAG_SMALL: case GUMBO_TAG_STRIKE:
	case GUMBO_TAG_STRONG: case GUMBO_TAG_TT: case GUMBO_TAG_U:
		return true;
	default:
		return false;
	}
}

/* Elements that put a marker on the list of active formatting elements. */
static bool is_marker(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_TD:
	case GUMBO_TAG_TH: case GUMBO_TAG_TEMPLATE:
		return true;
	default:
		return false;
	}
}

/* Where a search "in scope" stops (the SVG and MathML ones taken whatever their namespace, and
 * select, so that a search stops early rather than late). */
static bool is_scope(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_TABLE: case GUMBO_TAG_TD:
	case GUMBO_TAG_TH: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_MI:
	case GUMBO_TAG_MO: case GUMBO_TAG_MN: case GUMBO_TAG_MS: case GUMBO_TAG_MTEXT: case GUMBO_TAG_ANNOTATION_XML:
	case GUMBO_TAG_FOREIGNOBJECT: case GUMBO_TAG_DESC: case GUMBO_TAG_TITLE: case GUMBO_TAG_SELECT:
		return true;
	default:
		return false;
	}
}

static bool is_button_scope(GumboTag t)
{
	return is_scope(t) || t == GUMBO_TAG_BUTTON;
}

static bool is_list_scope(GumboTag t)
{
	return is_scope(t) || t == GUMBO_TAG_OL || t == GUMBO_TAG_UL;
}

static bool is_table_scope(GumboTag t)
{
	return t == GUMBO_TAG_HTML || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TEMPLATE;
}

static bool is_special(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_APPLET: case GUMBO_TAG_AREA: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON: case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER:
	case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
	case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EMBED: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
	case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEAD: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_IFRAME: case GUMBO_TAG_IMG:
	case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_LI: case GUMBO_TAG_LINK: case GUMBO_TAG_LISTING:
	case GUMBO_TAG_MAIN: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NAV:
	case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_OL:
	case GUMBO_TAG_P: case GUMBO_TAG_PARAM: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE: case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_SELECT: case GUMBO_TAG_SOURCE: case GUMBO_TAG_STYLE:
	case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TITLE:
	case GUMBO_TAG_TR: case GUMBO_TAG_TRACK: case GUMBO_TAG_UL: case GUMBO_TAG_WBR: case GUMBO_TAG_XMP:
	case GUMBO_TAG_MI: case GUMBO_TAG_MO: case GUMBO_TAG_MN: case GUMBO_TAG_MS: case GUMBO_TAG_MTEXT:
	case GUMBO_TAG_ANNOTATION_XML: case GUMBO_TAG_FOREIGNOBJECT: case GUMBO_TAG_DESC:
		return true;
	default:
		return false;
	}
}

/* Start tags that close an open p (in button scope). */
static bool closes_p(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
	case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_FORM: case GUMBO_TAG_HR: case GUMBO_TAG_XMP:
	case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
		return true;
	default:
		return false;
	}
}

/* Elements in which the parser may read what follows otherwise than as HTML in body: SVG and MathML
 * (foreign content), select, frameset and template (whose modes ignore tags, a raw text element's
 * among them). */
static bool makes_unsure(GumboTag t)
{
	return t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH || t == GUMBO_TAG_SELECT || t == GUMBO_TAG_FRAMESET ||
	       t == GUMBO_TAG_TEMPLATE;
}

static bool is_heading(GumboTag t)
{
	return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

static bool is_dd_dt(GumboTag t)
{
	return t == GUMBO_TAG_DD || t == GUMBO_TAG_DT;
}

static bool is_cell(GumboTag t)
{
	return t == GUMBO_TAG_TD || t == GUMBO_TAG_TH;
}

static bool is_section(GumboTag t)
{
	return t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT;
}

/* ---- the nesting bound: the model ---- */

#define NEST_CAP (JX_HTML_MAX_DEPTH + 8)
#define BASE_DEPTH 2 /* html and body, which the parser makes whatever the page says */

struct open_el {
	GumboTag tag;
	uint32_t name; /* an unknown tag's name, hashed, so that its end tag finds it */
};

struct active_el {
	GumboTag tag;      /* GUMBO_TAG_LAST for a marker */
	const char *attrs; /* the start tag's attributes as written, for the Noah's Ark clause */
	size_t attrs_len;
};

struct nest {
	const char *s, *end;            /* the page */
	struct open_el stack[NEST_CAP]; /* the stack of open elements, as modelled */
	size_t depth;
	struct active_el list[2 * NEST_CAP]; /* the list of active formatting elements, markers included */
	size_t listed;
	size_t formatting;              /* elements on the list (not markers): each may be reopened */
	unsigned unsure;                /* elements open that makes_unsure() is true for */
};

/* A search for an open element: tag (and name), or any tag any() is true for. */
struct want {
	GumboTag tag;
	uint32_t name;
	bool (*any)(GumboTag);
};

static bool matches(const struct open_el *e, const struct want *w)
{
	if (w->any)
		return w->any(e->tag);
	return e->tag == w->tag && (w->tag != GUMBO_TAG_UNKNOWN || e->name == w->name);
}

/* The index of the topmost open element w wants, looking down no further than an element stop() is
 * true for (stop NULL: the whole stack); -1 if there is none. */
static long find_open(const struct nest *ns, const struct want *w, bool (*stop)(GumboTag))
{
	size_t i = ns->depth;

	while (i-- > 0) {
		if (matches(&ns->stack[i], w))
			return (long)i;
		if (stop && stop(ns->stack[i].tag))
			return -1;
	}
	return -1;
}

static long last_marker(const struct nest *ns)
{
	size_t i = ns->listed;

	while (i-- > 0)
		if (ns->list[i].tag == GUMBO_TAG_LAST)
			return (long)i;
	return -1;
}

static void list_remove(struct nest *ns, size_t i)
{
	ns->formatting -= ns->list[i].tag != GUMBO_TAG_LAST;
	memmove(ns->list + i, ns->list + i + 1, (ns->listed - i - 1) * sizeof(ns->list[0]));
	ns->listed--;
}

static void clear_to_marker(struct nest *ns)
{
	long m = last_marker(ns);

	while (ns->listed > (m < 0 ? 0 : (size_t)m))
		list_remove(ns, ns->listed - 1);
}

/* The last element of tag t on the list after its last marker; -1 if none. */
static long listed_after_marker(const struct nest *ns, GumboTag t)
{
	size_t i = ns->listed;

	while (i-- > 0) {
		if (ns->list[i].tag == GUMBO_TAG_LAST)
			return -1;
		if (ns->list[i].tag == t)
			return (long)i;
	}
	return -1;
}

/* Adds a formatting element; at most three alike (the same tag and attributes) after the last marker. */
static void list_add(struct nest *ns, GumboTag t, const char *attrs, size_t len)
{
	long m = last_marker(ns), first = -1;
	size_t i, alike = 0;

	for (i = (size_t)(m + 1); i < ns->listed; i++)
		if (ns->list[i].tag == t && ns->list[i].attrs_len == len && memcmp(ns->list[i].attrs, attrs, len) == 0 &&
		    alike++ == 0)
			first = (long)i;
	if (alike >= 3)
		list_remove(ns, (size_t)first);
	ns->list[ns->listed++] = (struct active_el){ t, attrs, len };
	ns->formatting += t != GUMBO_TAG_LAST;
}

static void pop_one(struct nest *ns)
{
	GumboTag t = ns->stack[--ns->depth].tag;

	if (is_marker(t))
		clear_to_marker(ns);
	if (makes_unsure(t))
		ns->unsure--;
}

/* Pops the open elements from the top down to index i, i included. */
static void pop_to(struct nest *ns, long i)
{
	while (i >= 0 && ns->depth > (size_t)i)
		pop_one(ns);
}

/* Pops the elements above index i, keeping i. */
static void pop_above(struct nest *ns, long i)
{
	if (i >= 0)
		pop_to(ns, i + 1);
}

static void close_p(struct nest *ns)
{
	struct want p = { GUMBO_TAG_P, 0, NULL };

	pop_to(ns, find_open(ns, &p, is_button_scope));
}

/* li, dd, dt: closes the nearest open item w wants, unless a special element other than address,
 * div and p is above it. */
static void close_item(struct nest *ns, const struct want *w)
{
	size_t i = ns->depth;

	while (i-- > 0) {
		GumboTag t = ns->stack[i].tag;

		if (matches(&ns->stack[i], w)) {
			pop_to(ns, (long)i);
			return;
		}
		if (is_special(t) && t != GUMBO_TAG_ADDRESS && t != GUMBO_TAG_DIV && t != GUMBO_TAG_P)
			return;
	}
}

/* True if o is the same part of a table as t: a cell as a cell, a row group as a row group. */
static bool same_part(GumboTag t, GumboTag o)
{
	return t == o || (is_cell(t) && is_cell(o)) || (is_section(t) && is_section(o));
}

/* True if o is where the table part t goes: a cell in a row (or a row group, which makes the row), a
 * row in a row group (or a table), a row group, caption or column group in a table. */
static bool holds_part(GumboTag o, GumboTag t)
{
	if (is_cell(t))
		return o == GUMBO_TAG_TR || is_section(o);
	if (t == GUMBO_TAG_TR)
		return is_section(o) || o == GUMBO_TAG_TABLE;
	return t != GUMBO_TAG_TABLE && o == GUMBO_TAG_TABLE;
}

/* A table part's start tag (the table's own included) closes the same part left open, and whatever
 * stands in the part it goes in; a table opened in a cell or caption nests. */
static void close_in_table(struct nest *ns, GumboTag t)
{
	size_t i = ns->depth;

	while (i-- > 0) {
		GumboTag o = ns->stack[i].tag;

		if (same_part(t, o)) {
			pop_to(ns, (long)i);
			return;
		}
		if (t == GUMBO_TAG_TABLE && (is_cell(o) || o == GUMBO_TAG_CAPTION))
			return;
		if (holds_part(o, t)) {
			pop_above(ns, (long)i);
			return;
		}
		if (is_table_scope(o))
			return;
	}
}

static void end_formatting(struct nest *ns, GumboTag t);

/* What a start tag closes before it opens. */
static void implicit_closes(struct nest *ns, GumboTag t)
{
	struct want w = { t, 0, NULL };

	if (closes_p(t))
		close_p(ns);
	if (t == GUMBO_TAG_LI) {
		close_item(ns, &w);
	} else if (is_dd_dt(t)) {
		w.any = is_dd_dt;
		close_item(ns, &w);
	} else if (is_heading(t) && ns->depth && is_heading(ns->stack[ns->depth - 1].tag)) {
		pop_one(ns);
	} else if (t == GUMBO_TAG_TABLE || is_cell(t) || t == GUMBO_TAG_TR || is_section(t) || t == GUMBO_TAG_CAPTION ||
		   t == GUMBO_TAG_COLGROUP) {
		close_in_table(ns, t);
	} else if ((t == GUMBO_TAG_OPTION || t == GUMBO_TAG_OPTGROUP) && ns->depth &&
		   ns->stack[ns->depth - 1].tag == GUMBO_TAG_OPTION) {
		pop_one(ns);
	} else if ((t == GUMBO_TAG_A || t == GUMBO_TAG_NOBR) && listed_after_marker(ns, t) >= 0) {
		end_formatting(ns, t);
	}
	if (t == GUMBO_TAG_OPTGROUP && ns->depth && ns->stack[ns->depth - 1].tag == GUMBO_TAG_OPTGROUP)
		pop_one(ns);
}

/* ---- the nesting bound: the scan ---- */

static int too_deep(const struct nest *ns, const char *at, const char *file, struct jx_err *err)
{
	return html_fail_at(file, ns->s, (size_t)(at - ns->s), JX_ETOOBIG, err,
		       "网页中的元素嵌套超过 %d 层（如 <div> 里套 <div>），无法导入", JX_HTML_MAX_DEPTH);
}

static int push(struct nest *ns, GumboTag t, uint32_t name, const char *attrs, size_t len)
{
	if (BASE_DEPTH + ns->depth + ns->formatting + 1 + is_formatting(t) > JX_HTML_MAX_DEPTH)
		return -1;
	ns->stack[ns->depth++] = (struct open_el){ t, name };
	if (makes_unsure(t))
		ns->unsure++;
	if (is_marker(t))
		list_add(ns, GUMBO_TAG_LAST, "", 0);
	if (is_formatting(t))
		list_add(ns, t, attrs, len);
	return 0;
}

/* A cell or row opened straight in a table or row group gets the row (and row group) the parser
 * makes for it. */
static int implied_parents(struct nest *ns, GumboTag t)
{
	GumboTag top = ns->depth ? ns->stack[ns->depth - 1].tag : GUMBO_TAG_HTML;

	if ((is_cell(t) || t == GUMBO_TAG_TR) && top == GUMBO_TAG_TABLE && push(ns, GUMBO_TAG_TBODY, 0, "", 0))
		return -1;
	if (is_cell(t) && (top == GUMBO_TAG_TABLE || is_section(top)) && push(ns, GUMBO_TAG_TR, 0, "", 0))
		return -1;
	return 0;
}

/* The start tags of a table's parts, which the parser ignores outside a table. */
static bool is_table_part(GumboTag t)
{
	return is_cell(t) || is_section(t) || t == GUMBO_TAG_TR || t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_COLGROUP;
}

/* A start tag. Where the parser may not be reading HTML in body (unsure), nothing is closed. "/>" is
 * not believed: it closes an element only in SVG and MathML, and the model cannot be sure it is in
 * them, so the element is taken as open (a deeper model, never a shallower). */
static int start_tag(struct nest *ns, GumboTag t, uint32_t name, const char *attrs, size_t len)
{
	struct want table = { GUMBO_TAG_TABLE, 0, NULL };

	if (!ns->unsure && is_table_part(t) && find_open(ns, &table, is_table_scope) < 0)
		return 0;
	if (!ns->unsure)
		implicit_closes(ns, t);
	if (is_void(t) || (is_raw(t) && !ns->unsure))
		return 0;
	return implied_parents(ns, t) || push(ns, t, name, attrs, len);
}

/* The end tag of a formatting element: the adoption agency. Without a special element above it, it
 * pops the element and what is above; with one, the element leaves the stack but a copy of it may go
 * on living on the list (counted there), so the list entry is kept. */
static void end_formatting(struct nest *ns, GumboTag t)
{
	struct want w = { t, 0, NULL };
	long li = listed_after_marker(ns, t), si = find_open(ns, &w, NULL);
	size_t j;

	if (si < 0) {
		list_remove(ns, (size_t)li);
		return;
	}
	if (find_open(ns, &w, is_scope) != si)
		return;
	for (j = (size_t)si + 1; j < ns->depth && !is_special(ns->stack[j].tag); j++)
		;
	if (j == ns->depth) {
		pop_to(ns, si);
		list_remove(ns, (size_t)li);
		return;
	}
	memmove(ns->stack + si, ns->stack + si + 1, (ns->depth - (size_t)si - 1) * sizeof(ns->stack[0]));
	ns->depth--;
}

/* Any other end tag: pops to the nearest open element of its name, unless a special element is
 * above it. */
static void end_other(struct nest *ns, GumboTag t, uint32_t name)
{
	struct want w = { t, name, NULL };
	size_t i = ns->depth;

	while (i-- > 0) {
		if (matches(&ns->stack[i], &w)) {
			pop_to(ns, (long)i);
			return;
		}
		if (is_special(ns->stack[i].tag))
			return;
	}
}

static void end_tag(struct nest *ns, GumboTag t, uint32_t name)
{
	struct want w = { t, 0, NULL };
	long i;

	if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_BODY || t == GUMBO_TAG_HEAD || t == GUMBO_TAG_BR)
		return;
	if (t == GUMBO_TAG_FORM) { /* removes the form alone, leaving what is open in it */
		if ((i = find_open(ns, &w, is_scope)) >= 0) {
			memmove(ns->stack + i, ns->stack + i + 1, (ns->depth - (size_t)i - 1) * sizeof(ns->stack[0]));
			ns->depth--;
		}
		return;
	}
	if (is_formatting(t) && listed_after_marker(ns, t) >= 0) {
		end_formatting(ns, t);
		return;
	}
	if (!is_special(t)) {
		end_other(ns, t, name);
		return;
	}
	w.any = is_heading(t) ? is_heading : NULL;
	i = find_open(ns, &w,
		      t == GUMBO_TAG_P ? is_button_scope
		      : t == GUMBO_TAG_LI ? is_list_scope
		      : is_cell(t) || is_section(t) || t == GUMBO_TAG_TR || t == GUMBO_TAG_TABLE ? is_table_scope
										  : is_scope);
	pop_to(ns, i);
}

/* Skips to past the '>' that ends a tag's attributes, as the tokenizer reads them (a quoted value
 * may hold '>'). The end of the page if the tag is not closed. */
static const char *skip_attributes(const char *p, const char *end)
{
	while (p < end) {
		if (html_space(*p) || *p == '/') {
			p++;
		} else if (*p == '>') {
			return p + 1;
		} else {
			for (p++; p < end && !html_space(*p) && *p != '/' && *p != '>' && *p != '='; p++)
				; /* the name: its first character may be anything, '=' included */
			while (p < end && html_space(*p))
				p++;
			if (p < end && *p == '=') {
				for (p++; p < end && html_space(*p); p++)
					;
				if (p < end && (*p == '"' || *p == '\'')) {
					const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));

					p = q ? q + 1 : end;
				} else {
					while (p < end && !html_space(*p) && *p != '>')
						p++;
				}
			}
		}
	}
	return end;
}

/* Skips a comment, a DOCTYPE or another "<!" declaration (p after "<!") to where text resumes,
 * taking the earliest end the tokenizer could see. */
static const char *skip_declaration(const char *p, const char *end)
{
	const char *q;

	if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
		p += 2;
		if (p < end && *p == '>')
			return p + 1;
		if (end - p >= 2 && p[0] == '-' && p[1] == '>')
			return p + 2;
		for (q = p; (q = memchr(q, '-', (size_t)(end - q))) != NULL; q++)
			if (end - q >= 3 && q[1] == '-' && (q[2] == '>' || (end - q >= 4 && q[2] == '!' && q[3] == '>')))
				return q + (q[2] == '>' ? 3 : 4);
		return end;
	}
	q = memchr(p, '>', (size_t)(end - p));
	return q ? q + 1 : end;
}

/* True if p holds "<name" or "</name" (per slash) followed by white space, '/' or '>'. */
static bool tag_at(const char *p, const char *end, bool slash, const char *name, size_t n)
{
	const char *after = p + 1 + slash + n;

	return after < end && p[0] == '<' && (!slash || p[1] == '/') && strncasecmp(p + 1 + slash, name, n) == 0 &&
	       (html_space(*after) || *after == '/' || *after == '>');
}

/* Skips raw text (the content of a style, textarea, title …) to its end tag. */
static const char *skip_raw(const char *p, const char *end, const char *name, size_t n)
{
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && !tag_at(p, end, true, name, n))
		p++;
	return p ? p : end;
}

/* Skips a script's content to its end tag, as the tokenizer does: after "<!--" the script is escaped,
 * and in it a "<script" opens a part where "</script>" does not end the script, up to "-->". */
static const char *skip_script(const char *p, const char *end)
{
	enum { DATA, ESCAPED, DOUBLE } state = DATA;

	for (; p < end; p++) {
		if (*p == '-' && state != DATA && end - p >= 3 && p[1] == '-' && p[2] == '>') {
			state = DATA;
			p += 2;
		} else if (*p != '<') {
			continue;
		} else if (tag_at(p, end, true, "script", 6)) {
			if (state != DOUBLE)
				return p;
			state = ESCAPED;
		} else if (state == DATA && end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			state = ESCAPED;
			p += 1; /* the dashes may end the escape at once: "<!-->" */
		} else if (state == ESCAPED && tag_at(p, end, false, "script", 6)) {
			state = DOUBLE;
		}
	}
	return end;
}

static uint32_t name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)(s[i] | (s[i] >= 'A' && s[i] <= 'Z' ? 0x20 : 0))) * 16777619u;
	return h;
}

/* A start or end tag at p (its name's first letter); returns where text resumes, or NULL if the page
 * nests too deeply. */
static const char *tag(struct nest *ns, const char *p, bool end_tag_seen)
{
	const char *name = p, *attrs;
	GumboTag t;
	uint32_t h;

	while (p < ns->end && !html_space(*p) && *p != '/' && *p != '>')
		p++;
	t = gumbo_tagn_enum(name, (unsigned)(p - name));
	h = t == GUMBO_TAG_UNKNOWN ? name_hash(name, (size_t)(p - name)) : 0;
	attrs = p;
	p = skip_attributes(p, ns->end);
	if (end_tag_seen) {
		end_tag(ns, t, h);
		return p;
	}
	if (start_tag(ns, t, h, attrs, (size_t)(p - attrs)))
		return NULL;
	if (t == GUMBO_TAG_PLAINTEXT && !ns->unsure)
		return ns->end;
	if (t == GUMBO_TAG_SCRIPT && !ns->unsure)
		return skip_script(p, ns->end);
	if (is_raw(t) && !ns->unsure)
		return skip_raw(p, ns->end, name, (size_t)(attrs - name));
	return p;
}

static bool letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

int html_bound_nesting(const char *s, size_t n, const char *file, struct jx_err *err)
{
	struct nest *ns = jx_calloc(1, sizeof(*ns));
	const char *p = s, *end = s + n, *at;
	int rc = 0;

	ns->s = s;
	ns->end = end;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		at = p++;
		if (p == end)
			break;
		if (*p == '!')
			p = skip_declaration(p + 1, end);
		else if (*p == '?' || (*p == '/' && p + 1 < end && !letter(p[1])))
			p = skip_declaration(p, end); /* a bogus comment, up to '>' ("</>" included) */
		else if (letter(*p) || (*p == '/' && p + 1 < end))
			p = *p == '/' ? tag(ns, p + 1, true) : tag(ns, p, false);
		if (!p) {
			rc = too_deep(ns, at, file, err);
			break;
		}
	}
	free(ns);
	return rc;
}
