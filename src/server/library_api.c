/*
 * library_api.c — GET /api/library: the indicator library for the edit form's picker (从指标库选择).
 *
 *   ?q=WORDS&type=T&sector=S&limit=N   entries matching every word (library.h's search), best first
 *   ?project=ID                        the library's suggestions for a table the caller may read:
 *                                      entries not in it yet, for its type and sector, each with why
 *
 * Signed in only (any role): the library is the bureau's working material, not a public page. The
 * answer is {"entries": [ENTRY, …]} (the file form's entries; with project, each with "why", and "type"
 * and "sector" saying how the table's type and sector were told, inferred ones marked so).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/alloc.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/text.h"
#include "server.h"

#define QUERY_MAX 400   /* bytes of q */
#define WORDS_MAX 16    /* words of q */
#define LIMIT_DEFAULT 30
#define LIMIT_MAX 200

static json_t *entry(const struct jx_lib_entry *e)
{
	char *s = jx_lib_entry_json(e);
	json_t *o = json_loads(s, 0, NULL);

	free(s);
	return o;
}

/* q split at white space (ASCII and the ideographic space) into words, in place. */
static size_t split(char *q, char **words)
{
	size_t n = 0;
	char *s = q;

	while (*s && n < WORDS_MAX) {
		while (*s == ' ' || *s == '\t' || strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += *s == ' ' || *s == '\t' ? 1 : 3;
		if (!*s)
			break;
		words[n++] = s;
		while (*s && *s != ' ' && *s != '\t' && strncmp(s, "\xe3\x80\x80", 3) != 0)
			s++;
		if (*s == ' ' || *s == '\t')
			*s++ = '\0';
		else if (*s)
			*s = '\0', s += 3;
	}
	return n;
}

static bool text_ok(const char *s, size_t max)
{
	return !s || (strlen(s) <= max && jx_utf8_valid(s, strlen(s)) && !jx_text_has_control(s, false));
}

static void suggestions(struct srv_req *r, const struct jx_library *lib, int64_t id, size_t limit)
{
	struct jx_project *p;
	struct jx_suggestions s;
	struct jx_err err = { 0 };
	json_t *list = json_array();
	char *type, *sector;
	size_t i;

	if (srv_load(r, id, JX_ACT_READ, &p, &err)) {
		json_decref(list);
		srv_json_err(r, &err);
		return;
	}
	jx_library_suggest(lib, p, NULL, NULL, &s);
	for (i = 0; i < s.n && i < limit; i++) {
		json_t *o = entry(s.s[i].e);

		json_object_set_new(o, "why", json_string(s.s[i].why));
		json_array_append_new(list, o);
	}
	type = jx_lib_guess_text(&s.type);
	sector = jx_lib_guess_text(&s.sector);
	srv_json_send(r, MHD_HTTP_OK, json_pack("{s:o, s:s, s:s}", "entries", list, "type", type, "sector", sector));
	free(type);
	free(sector);
	jx_suggestions_free(&s);
	jx_project_free(p);
}

void srv_api_library(struct srv_req *r)
{
	const char *q = srv_query(r, "q"), *type = srv_query(r, "type"), *sector = srv_query(r, "sector");
	const char *limit_s = srv_query(r, "limit"), *project = srv_query(r, "project");
	struct jx_lib_query query = { NULL, 0, type, sector };
	struct jx_library lib;
	struct jx_err err = { 0 };
	const struct jx_lib_entry **found;
	char *words[WORDS_MAX], *copy;
	size_t limit = LIMIT_DEFAULT, i, n;
	int64_t id = 0;
	json_t *list;

	if (!r->logged_in)
		{ srv_json_error(r, MHD_HTTP_UNAUTHORIZED, "请先登录"); return; }
	if (!text_ok(q, QUERY_MAX) || !text_ok(type, 64) || !text_ok(sector, 64))
		{ srv_json_error(r, MHD_HTTP_BAD_REQUEST, "查询参数 q 最多 400 字节，type 和 sector 最多 64 字节，且应为文字"); return; }
	if (limit_s) {
		limit = strspn(limit_s, "0123456789") == strlen(limit_s) && strlen(limit_s) <= 3 ? (size_t)atoi(limit_s) : 0;
		if (limit < 1 || limit > LIMIT_MAX)
			{ srv_json_error(r, MHD_HTTP_BAD_REQUEST, "limit 应为 1 到 200 的整数"); return; }
	}
	if (project && !(id = srv_id(project, strlen(project))))
		{ srv_json_error(r, MHD_HTTP_NOT_FOUND, "没有这个项目"); return; }
	if (jx_library_load(r->st, &lib, &err))
		{ srv_json_err(r, &err); return; }
	if (id) {
		suggestions(r, &lib, id, limit);
		jx_library_free(&lib);
		return;
	}
	copy = jx_strdup(q ? q : "");
	query.n_words = split(copy, words);
	query.words = (const char *const *)words;
	found = jx_calloc(lib.n + 1, sizeof(*found));
	n = jx_library_search(&lib, &query, found, limit);
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, entry(found[i]));
	srv_json_send(r, MHD_HTTP_OK, json_pack("{s:o}", "entries", list));
	free(found);
	free(copy);
	jx_library_free(&lib);
}
