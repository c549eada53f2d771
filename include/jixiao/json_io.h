/*
 * json_io.h — the canonical JSON form of projects (jansson).
 *
 *   {"projects": [{"year": 2021, "name": …, "unit": …, "funds": {"total": "3033.00", "fiscal": …,
 *     "other": …}, "goal": …, "key": false, "classified": false, "status": "draft", "kind": "project",
 *     "framework": "2015", "indicators": [{"level1": …, "level2": …, "name": …, "unit": … or null,
 *     "op": ">=" or null, "value": 2 or null, "target": "≥2" or null}]}]}
 *
 * Optional keys, present only when the table has them: beside "unit" the header fields "title",
 * "department", "implementer", "category", "attribute", "office", "period", "manager", "phone",
 * "long_goal" (model.h, jx_pfield); in "funds" "fiscal" and "other" (a table may give the total alone),
 * "carryover", "period_total" and "note"; after "goal" "tasks": [{"name", "total", "fiscal", "other"}]
 * (年度主要任务); in an indicator after "target" "direction", "weight", "explanation", "scoring", "basis",
 * "value_type", "note", "long_target", "previous" (jx_ifield). Older JSON, without them, still reads.
 *
 * Funds travel as decimal strings (never JSON reals). A value is an exact JSON number: an integer, or a
 * decimal of at most 15 significant digits, which a double carries exactly; reading takes the number
 * from "target" (the text as written) and only checks "op" and "value" against it.
 */
#ifndef JIXIAO_JSON_IO_H
#define JIXIAO_JSON_IO_H

#include <jansson.h>

struct jx_err;
struct jx_project;

/* Flags for json_dump* that print values as jixiao writes them. */
#define JX_JSON_DUMP (JSON_REAL_PRECISION(15))

/* Appends s (valid UTF-8) as a JSON string, quoted and escaped: the fast path for writers that do not
 * build a tree. */
struct jx_buf;
void jx_json_string(struct jx_buf *out, const char *s);

/* Returns a new JSON object for p (the caller json_decref()s it). */
json_t *jx_project_to_json(const struct jx_project *p);

/* Returns a new JSON object for a review finding about p:
 * {"project": NAME, "rule": ID, "severity": "error|warning|info", "indicator": NAME or null, "message": TEXT}. */
struct jx_finding;
json_t *jx_finding_to_json(const struct jx_project *p, const struct jx_finding *f);
/* The same, appended as the bytes json_dumps(…, JX_JSON_DUMP) would give, without building the tree. */
void jx_finding_json(struct jx_buf *out, const struct jx_project *p, const struct jx_finding *f);

/* Returns a new JSON object for a history entry: {"at": …, "user": …, "action": …, "detail": {…}}. */
struct jx_event;
json_t *jx_event_to_json(const struct jx_event *e);

/* The optional fields of p (header fields, the funds' note as "funds_note", the tasks), or of an
 * indicator, as the text of a compact JSON object, for a store to keep in one column; NULL when there
 * are none. The caller frees it. The _parse functions set them back from such text (errors: JX_ESTORE). */
struct jx_indicator;
char *jx_project_extra_text(const struct jx_project *p);
int jx_project_extra_parse(struct jx_project *p, const char *text, struct jx_err *err);
char *jx_indicator_extra_text(const struct jx_indicator *ind);
int jx_indicator_extra_parse(struct jx_indicator *ind, const char *text, struct jx_err *err);

/* Builds a project from one object of the JSON form and checks it (jx_project_finish). On success
 * *out is a new project the caller frees with jx_project_free(). Errors name the field. */
int jx_project_from_json(json_t *obj, struct jx_project **out, struct jx_err *err);

#endif
