/*
 * json_io.c — projects to and from the canonical JSON form, and the streaming JSON reader.
 *
 * The reader never holds the whole input: it walks the outer {"projects": [ … ]} itself and lets
 * jansson decode one element at a time (JSON_DISABLE_EOF_CHECK reports how many bytes the element
 * took). An element is capped at MAX_ELEMENT bytes. Unknown fields are errors, so that a misspelt
 * field is reported rather than silently lost; "id" is accepted and ignored, as the web API adds it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/input.h"
#include "jixiao/json_io.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/text.h"

#define MAX_ELEMENT (2 * 1024 * 1024) /* bytes of one project: 5,000 indicators take under 1 MB, and
					* jansson's tree of an element can take a hundred times its size */

/* ---- writing ---- */

static json_t *money_json(jx_money m)
{
	char s[JX_DEC_STRMAX];

	return json_string(jx_money_format(m, s));
}

static json_t *value_json(const struct jx_indicator *ind)
{
	char s[JX_DEC_STRMAX];

	if (ind->op == JX_OP_NONE)
		return json_null();
	if (ind->value.scale == 0)
		return json_integer(ind->value.coef);
	return json_real(strtod(jx_dec_format(ind->value, s), NULL));
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Sets the fields of f that are given, as strings under their keys; skip is a field left to the caller
 * (or n for none). */
static void fields_json(json_t *o, char *const *f, size_t n, const struct jx_field_def *(*def)(int), size_t skip)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (f[i] && i != skip)
			json_object_set_new(o, def((int)i)->key, json_string(f[i]));
}

static const struct jx_field_def *pdef(int i)
{
	return jx_project_field((enum jx_pfield)i);
}

static const struct jx_field_def *idef(int i)
{
	return jx_indicator_field((enum jx_ifield)i);
}

/* Sets key to the amount m, unless the table does not give it. */
static void money_field(json_t *o, const char *key, jx_money m)
{
	if (m != JX_MONEY_NONE)
		json_object_set_new(o, key, money_json(m));
}

static json_t *funds_json(const struct jx_project *p)
{
	json_t *funds = json_object();

	money_field(funds, "total", p->total);
	money_field(funds, "fiscal", p->fiscal);
	money_field(funds, "other", p->other);
	money_field(funds, "carryover", p->carryover);
	money_field(funds, "period_total", p->period_total);
	if (p->f[JX_PF_FUNDS_NOTE])
		json_object_set_new(funds, "note", json_string(p->f[JX_PF_FUNDS_NOTE]));
	return funds;
}

static json_t *tasks_json(const struct jx_project *p)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < p->n_tasks; i++) {
		json_t *t = json_object();

		json_object_set_new(t, "name", json_string(p->tasks[i].name));
		money_field(t, "total", p->tasks[i].total);
		money_field(t, "fiscal", p->tasks[i].fiscal);
		money_field(t, "other", p->tasks[i].other);
		json_array_append_new(a, t);
	}
	return a;
}

static json_t *indicator_json(const struct jx_indicator *ind)
{
	json_t *o = json_object();

	json_object_set_new(o, "level1", json_string(ind->level1));
	json_object_set_new(o, "level2", json_string(ind->level2));
	json_object_set_new(o, "name", json_string(ind->name));
	json_object_set_new(o, "unit", str_or_null(ind->unit));
	json_object_set_new(o, "op", ind->op == JX_OP_NONE ? json_null() : json_string(jx_op_json(ind->op)));
	json_object_set_new(o, "value", value_json(ind));
	json_object_set_new(o, "target", str_or_null(ind->target));
	fields_json(o, ind->f, JX_IF_COUNT, idef, JX_IF_COUNT);
	return o;
}

/* The bytes a string's byte c takes in JSON: 1, 2 (\" \\ \n) or 6 (\u00XX). */
static unsigned char escaped_len(unsigned char c)
{
	return c >= 0x20 && c != '"' && c != '\\' ? 1 : c == '"' || c == '\\' || c == '\n' ? 2 : 6;
}

/* Whether none of the 8 bytes in x needs escaping (none below 0x20, none '"' or '\\'): each test
 * sets a byte's high bit where that byte is a zero of the expression, and never elsewhere. */
static bool plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');

	return !(((x - ones * 0x20) & ~x & high) | ((quote - ones) & ~quote & high) |
		 ((backslash - ones) & ~backslash & high));
}

/* The bytes s[0..len) take as a JSON string's contents. */
static size_t escaped_size(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	uint64_t x;

	for (; i + 8 <= len; i += 8) { /* 8 bytes at a time while none needs escaping */
		memcpy(&x, s + i, 8);
		if (!plain8(x))
			break;
	}
	n = i;
	for (; i < len; i++)
		n += escaped_len((unsigned char)s[i]);
	return n;
}

void jx_json_string(struct jx_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(s), n = escaped_size(s, len); /* so that the string is one append */
	char *p;

	if (jx_buf_grow(out, n + 2, NULL))
		return;
	p = out->ptr + out->len;
	*p++ = '"';
	if (n == len) { /* nothing to escape: the usual case */
		memcpy(p, s, len);
		p += len;
	} else {
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;

			if (escaped_len(c) == 1) {
				*p++ = (char)c;
			} else if (c == '"' || c == '\\' || c == '\n') {
				*p++ = '\\';
				*p++ = c == '\n' ? 'n' : (char)c;
			} else {
				memcpy(p, "\\u00", 4);
				p[4] = hex[c >> 4];
				p[5] = hex[c & 15];
				p += 6;
			}
		}
	}
	*p++ = '"';
	jx_buf_setlen(out, (size_t)(p - out->ptr));
}

json_t *jx_project_to_json(const struct jx_project *p)
{
	json_t *o = json_object(), *inds = json_array();
	size_t i;

	json_object_set_new(o, "year", json_integer(p->year));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "unit", json_string(p->unit));
	fields_json(o, p->f, JX_PF_COUNT, pdef, JX_PF_FUNDS_NOTE);
	json_object_set_new(o, "funds", funds_json(p));
	json_object_set_new(o, "goal", json_string(p->goal));
	if (p->n_tasks)
		json_object_set_new(o, "tasks", tasks_json(p));
	json_object_set_new(o, "key", json_boolean(p->key));
	json_object_set_new(o, "classified", json_boolean(p->classified));
	json_object_set_new(o, "status", json_string(jx_status_name(p->status)));
	json_object_set_new(o, "kind", json_string(jx_kind_name(p->kind)));
	json_object_set_new(o, "framework", json_string(p->framework));
	for (i = 0; i < p->n_ind; i++)
		json_array_append_new(inds, indicator_json(&p->ind[i]));
	json_object_set_new(o, "indicators", inds);
	return o;
}

json_t *jx_finding_to_json(const struct jx_project *p, const struct jx_finding *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "project", json_string(p->name));
	json_object_set_new(o, "rule", json_string(f->rule));
	json_object_set_new(o, "severity", json_string(jx_severity_name(f->severity)));
	json_object_set_new(o, "indicator", str_or_null(f->indicator));
	json_object_set_new(o, "message", json_string(f->message));
	return o;
}

/* s as jansson's json_dumps writes a string (JX_JSON_DUMP): ", \\ and the control characters escaped,
 * \b \f \n \r \t short, the others \u00XX; UTF-8 as it is. */
static void dumps_string(struct jx_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s;

	jx_buf_addc(out, '"', NULL);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *e;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		jx_buf_add(out, run, (size_t)(s - run), NULL);
		run = s + 1;
		e = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : c == '\n' ? "\\n"
		    : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
		if (e) {
			jx_buf_adds(out, e, NULL);
		} else {
			jx_buf_adds(out, "\\u00", NULL);
			jx_buf_addc(out, hex[c >> 4], NULL);
			jx_buf_addc(out, hex[c & 15], NULL);
		}
	}
	jx_buf_add(out, run, (size_t)(s - run), NULL);
	jx_buf_addc(out, '"', NULL);
}

void jx_finding_json(struct jx_buf *out, const struct jx_project *p, const struct jx_finding *f)
{
	jx_buf_adds(out, "{\"project\": ", NULL);
	dumps_string(out, p->name);
	jx_buf_adds(out, ", \"rule\": ", NULL);
	dumps_string(out, f->rule);
	jx_buf_adds(out, ", \"severity\": ", NULL);
	dumps_string(out, jx_severity_name(f->severity));
	jx_buf_adds(out, ", \"indicator\": ", NULL);
	if (f->indicator)
		dumps_string(out, f->indicator);
	else
		jx_buf_adds(out, "null", NULL);
	jx_buf_adds(out, ", \"message\": ", NULL);
	dumps_string(out, f->message);
	jx_buf_addc(out, '}', NULL);
}

json_t *jx_event_to_json(const struct jx_event *e)
{
	json_t *o = json_object(), *detail = json_loads(e->detail, 0, NULL);

	json_object_set_new(o, "at", json_string(e->at));
	json_object_set_new(o, "user", json_string(e->user));
	json_object_set_new(o, "action", json_string(e->action));
	json_object_set_new(o, "detail", detail ? detail : json_object());
	return o;
}

/* ---- reading one project ---- */

static int only_keys(json_t *o, const char *const *allowed, const char *where, struct jx_err *err)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(o, k, v) {
		for (i = 0; allowed[i] && strcmp(allowed[i], k) != 0; i++)
			;
		if (!allowed[i])
			return jx_err_set(err, JX_EINPUT, "%s未知字段“%s”", where, k);
	}
	return 0;
}

/* Gets an optional string field: *out is NULL when absent or null. */
static int get_str(json_t *o, const char *field, const char **out, const char *where, struct jx_err *err)
{
	json_t *v = json_object_get(o, field);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return jx_err_set(err, JX_EINPUT, "%s%s 应为字符串", where, field);
	if (!jx_utf8_valid(json_string_value(v), strlen(json_string_value(v))) ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return jx_err_set(err, JX_EINPUT, "%s%s 含有 NUL 字符", where, field);
	*out = json_string_value(v);
	return 0;
}

static int get_label(json_t *o, const char *field, enum jx_label want, const char **label, const char *where,
		     struct jx_err *err)
{
	struct jx_buf key = JX_BUF_INIT;
	const char *s;

	if (get_str(o, field, &s, where, err))
		return -1;
	if (!s)
		return jx_err_set(err, JX_EINPUT, "%s缺少 %s", where, field);
	jx_text_key(&key, s, strlen(s));
	*label = jx_framework_canonical(key.ptr, want);
	jx_buf_release(&key);
	if (!*label)
		return jx_err_set(err, JX_EINPUT, "%s%s“%s”不是%s", where, field, s,
				  want == JX_LABEL_L1 ? "一级指标（产出指标、效益指标…）" : "二级指标（数量指标、质量指标…）");
	return 0;
}

/* The target text for an indicator given as op and value only. */
static int synthesize_target(json_t *o, const char *unit, struct jx_buf *out, const char *where, struct jx_err *err)
{
	json_t *op = json_object_get(o, "op"), *v = json_object_get(o, "value");
	enum jx_op jop;

	if (!json_is_string(op) || !json_is_number(v))
		return 0;
	if (jx_op_from_json(json_string_value(op), &jop))
		return jx_err_set(err, JX_EINPUT, "%sop 应为 >=、<=、=、> 或 <", where);
	jx_buf_adds(out, jx_op_symbol(jop), NULL);
	if (json_is_integer(v))
		jx_buf_addf(out, NULL, "%lld", (long long)json_integer_value(v));
	else
		jx_buf_addf(out, NULL, "%.15g", json_real_value(v));
	if (unit && strcmp(unit, "%") == 0)
		jx_buf_addc(out, '%', NULL);
	return 0;
}

/* Checks that "op" and "value", where given, say what the target says. */
static int check_op_value(json_t *o, const struct jx_indicator *ind, const char *where, struct jx_err *err)
{
	json_t *op = json_object_get(o, "op"), *v = json_object_get(o, "value");
	char s[JX_DEC_STRMAX];
	enum jx_op jop = JX_OP_NONE;

	if (op && !json_is_null(op) && (!json_is_string(op) || jx_op_from_json(json_string_value(op), &jop)))
		return jx_err_set(err, JX_EINPUT, "%sop 应为 >=、<=、=、>、< 或 null", where);
	if (v && !json_is_null(v) && !json_is_number(v))
		return jx_err_set(err, JX_EINPUT, "%svalue 应为数字或 null", where);
	if (op && !json_is_null(op) && jop != ind->op)
		return jx_err_set(err, JX_EINPUT, "%sop “%s”与指标值“%s”不符", where, json_string_value(op),
				  ind->target ? ind->target : "");
	if (v && !json_is_null(v) &&
	    (ind->op == JX_OP_NONE || json_number_value(v) != strtod(jx_dec_format(ind->value, s), NULL)))
		return jx_err_set(err, JX_EINPUT, "%svalue 与指标值“%s”不符", where, ind->target ? ind->target : "");
	return 0;
}

/* The goal as the document form would give it back: each line trimmed, blank lines dropped. */
static char *normalize_goal(const char *goal)
{
	struct jx_buf out = JX_BUF_INIT;
	const char *line = goal;

	while (*line) {
		const char *end = strchr(line, '\n'), *s = line;
		size_t n = end ? (size_t)(end - line) : strlen(line);

		line += n + (end != NULL);
		jx_text_trim(&s, &n);
		if (n == 0)
			continue;
		if (out.len)
			jx_buf_addc(&out, '\n', NULL);
		jx_buf_add(&out, s, n, NULL);
	}
	return jx_buf_detach(&out, NULL);
}

/* Reads the optional text fields into f[0..n): each a string or null, trimmed; an empty one is absent. */
static int fields_from_json(json_t *o, char **f, size_t n, const struct jx_field_def *(*def)(int), size_t skip,
			    const char *where, struct jx_err *err)
{
	const char *s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i == skip)
			continue;
		if (get_str(o, def((int)i)->key, &s, where, err))
			return -1;
		free(f[i]);
		f[i] = s ? (def((int)i)->multiline ? normalize_goal(s) : jx_text_trimmed(s)) : NULL;
		if (f[i] && !f[i][0]) {
			free(f[i]);
			f[i] = NULL;
		}
	}
	return 0;
}

/* Whether key is one of the optional fields' keys. */
static bool field_key(const char *key, size_t n, const struct jx_field_def *(*def)(int))
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(def((int)i)->key, key) == 0)
			return true;
	return false;
}

/* Like only_keys, with the optional fields' keys allowed too. */
static int only_keys_and_fields(json_t *o, const char *const *allowed, size_t n, const struct jx_field_def *(*def)(int),
				const char *where, struct jx_err *err)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(o, k, v) {
		for (i = 0; allowed[i] && strcmp(allowed[i], k) != 0; i++)
			;
		if (!allowed[i] && !field_key(k, n, def))
			return jx_err_set(err, JX_EINPUT, "%s未知字段“%s”", where, k);
	}
	return 0;
}

static int indicator_from_json(json_t *o, struct jx_project *p, size_t idx, struct jx_err *err)
{
	static const char *const keys[] = { "level1", "level2", "name", "unit", "op", "value", "target", NULL };
	const char *l1, *l2, *name, *unit, *target;
	struct jx_buf made = JX_BUF_INIT;
	struct jx_indicator *ind;
	char where[64];
	int rc;

	snprintf(where, sizeof(where), "indicators[%zu].", idx);
	if (!json_is_object(o))
		return jx_err_set(err, JX_EINPUT, "indicators[%zu] 应为对象", idx);
	if (only_keys_and_fields(o, keys, JX_IF_COUNT, idef, where, err) ||
	    get_label(o, "level1", JX_LABEL_L1, &l1, where, err) ||
	    get_label(o, "level2", JX_LABEL_L2, &l2, where, err) || get_str(o, "name", &name, where, err) ||
	    get_str(o, "unit", &unit, where, err) || get_str(o, "target", &target, where, err))
		return -1;
	if (!name || !*name)
		return jx_err_set(err, JX_EINPUT, "%sname 不能为空", where);
	if (unit && !*unit)
		unit = NULL;
	if (!target && synthesize_target(o, unit, &made, where, err))
		return -1;
	if (!target && made.len)
		target = made.ptr;
	ind = jx_project_add(p, err);
	rc = !ind || jx_indicator_fill(ind, l1, l2, name, strlen(name), unit, target, target ? strlen(target) : 0, err);
	if (!rc)
		rc = check_op_value(o, ind, where, err) ||
		     fields_from_json(o, ind->f, JX_IF_COUNT, idef, JX_IF_COUNT, where, err);
	jx_buf_release(&made);
	return rc ? -1 : 0;
}

/* Reads an amount in 万元 under field of o: a string such as "3033.00" (or an integer); absent or null
 * leaves *out as it is, unless required. */
static int get_money(json_t *o, const char *field, jx_money *out, bool required, const char *where,
		     struct jx_err *err)
{
	const jx_money unit = 1000000; /* 分 in a 万元 */
	json_t *v = json_object_get(o, field);
	const char *s;

	if ((!v || json_is_null(v)) && !required)
		return 0;
	if (json_is_integer(v) && json_integer_value(v) < INT64_MAX / unit && json_integer_value(v) > -INT64_MAX / unit) {
		*out = json_integer_value(v) * unit;
		return 0;
	}
	s = json_is_string(v) ? json_string_value(v) : "";
	if (!json_is_string(v) || jx_money_parse(s, strlen(s), out))
		return jx_err_set(err, JX_EINPUT, "%s%s 应为以万元计的金额字符串（最多六位小数，即精确到分），如 \"3033.00\"",
				  where, field);
	return 0;
}

static int tasks_from_json(json_t *tasks, struct jx_project *p, struct jx_err *err)
{
	static const char *const keys[] = { "name", "total", "fiscal", "other", NULL };
	char where[48];
	const char *name;
	size_t i;

	if (!tasks)
		return 0;
	if (!json_is_array(tasks) || json_array_size(tasks) > JX_MAX_TASKS)
		return jx_err_set(err, JX_EINPUT, "tasks 应为数组，最多 %d 项年度主要任务", JX_MAX_TASKS);
	for (i = 0; i < json_array_size(tasks); i++) {
		json_t *o = json_array_get(tasks, i);
		struct jx_task *t;

		snprintf(where, sizeof(where), "tasks[%zu].", i);
		if (!json_is_object(o))
			return jx_err_set(err, JX_EINPUT, "tasks[%zu] 应为对象", i);
		if (only_keys(o, keys, where, err) || get_str(o, "name", &name, where, err))
			return -1;
		if (!name || !*name)
			return jx_err_set(err, JX_EINPUT, "%sname 不能为空", where);
		if (!(t = jx_project_add_task(p, err)))
			return -1;
		t->name = normalize_goal(name);
		if (get_money(o, "total", &t->total, false, where, err) || get_money(o, "fiscal", &t->fiscal, false, where, err) ||
		    get_money(o, "other", &t->other, false, where, err))
			return -1;
	}
	return 0;
}

static int funds_from_json(json_t *o, struct jx_project *p, struct jx_err *err)
{
	static const char *const keys[] = { "total", "fiscal", "other", "carryover", "period_total", "note", NULL };
	json_t *funds = json_object_get(o, "funds");
	const char *note;

	if (!json_is_object(funds))
		return jx_err_set(err, JX_EINPUT, "缺少 funds 对象（年度资金总额等）");
	if (only_keys(funds, keys, "funds.", err) || get_money(funds, "total", &p->total, true, "funds.", err) ||
	    get_money(funds, "fiscal", &p->fiscal, false, "funds.", err) ||
	    get_money(funds, "other", &p->other, false, "funds.", err) ||
	    get_money(funds, "carryover", &p->carryover, false, "funds.", err) ||
	    get_money(funds, "period_total", &p->period_total, false, "funds.", err) ||
	    get_str(funds, "note", &note, "funds.", err))
		return -1;
	if (note && *note) {
		free(p->f[JX_PF_FUNDS_NOTE]);
		p->f[JX_PF_FUNDS_NOTE] = jx_text_trimmed(note);
	}
	return 0;
}

static int get_bool(json_t *o, const char *field, bool *out, struct jx_project *p, unsigned flag, struct jx_err *err)
{
	json_t *v = json_object_get(o, field);

	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return jx_err_set(err, JX_EINPUT, "%s 应为 true 或 false", field);
	*out = json_is_true(v);
	p->given |= flag;
	return 0;
}


static int header_from_json(json_t *o, struct jx_project *p, struct jx_err *err)
{
	const char *name, *unit, *goal, *status, *kind, *framework;
	json_t *year = json_object_get(o, "year");

	if (get_str(o, "name", &name, "", err) || get_str(o, "unit", &unit, "", err) ||
	    get_str(o, "goal", &goal, "", err) || get_str(o, "status", &status, "", err) ||
	    get_str(o, "kind", &kind, "", err) || get_str(o, "framework", &framework, "", err))
		return -1;
	if (!json_is_integer(year) || json_integer_value(year) < 1949 || json_integer_value(year) > 9999)
		return jx_err_set(err, JX_EINPUT, "year 应为 1949–9999 之间的整数年份，如 2021");
	p->year = (int)json_integer_value(year);
	free(p->name);
	p->name = jx_text_trimmed(name ? name : "");
	free(p->unit);
	p->unit = jx_text_trimmed(unit ? unit : "");
	free(p->goal);
	p->goal = normalize_goal(goal ? goal : "");
	if (status && jx_status_from_name(status, &p->status))
		return jx_err_set(err, JX_EINPUT, "status 应为 draft、submitted、approved 或 returned");
	if (status)
		p->given |= JX_GIVEN_STATUS;
	if (kind && jx_kind_from_name(kind, &p->kind))
		return jx_err_set(err, JX_EINPUT, "kind 应为 project（项目）或 department（部门整体）");
	if (framework) {
		snprintf(p->framework, sizeof(p->framework), "%s", framework);
		p->given |= JX_GIVEN_FRAMEWORK;
	}
	return get_bool(o, "key", &p->key, p, JX_GIVEN_KEY, err) ||
			       get_bool(o, "classified", &p->classified, p, JX_GIVEN_CLASSIFIED, err)
		       ? -1
		       : 0;
}

int jx_project_from_json(json_t *o, struct jx_project **out, struct jx_err *err)
{
	static const char *const keys[] = { "id",	  "year",      "name", "unit",	     "funds", "goal", "key",
					    "status",	  "classified", "framework", "kind", "indicators", "tasks", NULL };
	struct jx_project *p;
	json_t *inds;
	size_t i;

	if (!json_is_object(o))
		return jx_err_set(err, JX_EINPUT, "项目应为 JSON 对象");
	p = jx_project_new();
	inds = json_object_get(o, "indicators");
	if (header_from_json(o, p, err) || only_keys_and_fields(o, keys, JX_PF_COUNT, pdef, "", err) ||
	    fields_from_json(o, p->f, JX_PF_COUNT, pdef, JX_PF_COUNT, "", err) || funds_from_json(o, p, err) ||
	    tasks_from_json(json_object_get(o, "tasks"), p, err))
		goto fail;
	if (inds && (!json_is_array(inds) || json_array_size(inds) > JX_MAX_INDICATORS)) {
		jx_err_set(err, JX_EINPUT, "indicators 应为数组，最多 %d 条指标", JX_MAX_INDICATORS);
		goto fail;
	}
	for (i = 0; i < json_array_size(inds); i++)
		if (indicator_from_json(json_array_get(inds, i), p, i, err))
			goto fail;
	if (jx_project_finish(p, err)) { /* its messages name the project */
		jx_project_free(p);
		return -1;
	}
	*out = p;
	return 0;
fail:
	if (p->name[0])
		jx_err_prefix(err, "项目“%s”", p->name);
	jx_project_free(p);
	return -1;
}

/* ---- the optional fields as a store keeps them ---- */

static char *dump_or_null(json_t *o)
{
	char *text = json_object_size(o) ? json_dumps(o, JSON_COMPACT | JX_JSON_DUMP) : NULL;

	json_decref(o);
	return text;
}

/* Whether any of the n fields f is given: most tables give none, and an empty object is not stored. */
static bool any_field(char *const *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (f[i])
			return true;
	return false;
}

char *jx_project_extra_text(const struct jx_project *p)
{
	json_t *o;

	if (!p->n_tasks && !any_field(p->f, JX_PF_COUNT))
		return NULL;
	o = json_object();
	fields_json(o, p->f, JX_PF_COUNT, pdef, JX_PF_COUNT);
	if (p->n_tasks)
		json_object_set_new(o, "tasks", tasks_json(p));
	return dump_or_null(o);
}

char *jx_indicator_extra_text(const struct jx_indicator *ind)
{
	json_t *o;

	if (!any_field(ind->f, JX_IF_COUNT))
		return NULL;
	o = json_object();
	fields_json(o, ind->f, JX_IF_COUNT, idef, JX_IF_COUNT);
	return dump_or_null(o);
}

static json_t *load_extra(const char *text, struct jx_err *err)
{
	json_error_t jerr;
	json_t *o = json_loads(text, 0, &jerr);

	if (!json_is_object(o)) {
		json_decref(o);
		jx_err_set(err, JX_ESTORE, "附加字段不是 JSON 对象：%s", jerr.text);
		return NULL;
	}
	return o;
}

int jx_project_extra_parse(struct jx_project *p, const char *text, struct jx_err *err)
{
	json_t *o = load_extra(text, err);
	int rc;

	if (!o)
		return -1;
	rc = fields_from_json(o, p->f, JX_PF_COUNT, pdef, JX_PF_COUNT, "", err) ||
	     tasks_from_json(json_object_get(o, "tasks"), p, err);
	json_decref(o);
	return rc ? -1 : 0;
}

int jx_indicator_extra_parse(struct jx_indicator *ind, const char *text, struct jx_err *err)
{
	json_t *o = load_extra(text, err);
	int rc;

	if (!o)
		return -1;
	rc = fields_from_json(o, ind->f, JX_IF_COUNT, idef, JX_IF_COUNT, "", err);
	json_decref(o);
	return rc ? -1 : 0;
}

/* ---- the streaming reader ---- */

struct jreader {
	struct jx_input *in;
	unsigned long line; /* line of the next unread byte */
};

static int jfail(struct jreader *r, struct jx_err *err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int jfail(struct jreader *r, struct jx_err *err, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return jx_err_set(err, JX_EINPUT, "%s:%lu: %s", r->in->name, r->line, msg);
}

static void advance(struct jreader *r, size_t n)
{
	const char *p = jx_input_ptr(r->in), *end = p + n;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		r->line++;
		p++;
	}
	jx_input_consume(r->in, n);
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips white space; returns the next byte (not consumed), or -1 at the end, -2 on a read error. */
static int peek(struct jreader *r, struct jx_err *err)
{
	for (;;) {
		size_t i = 0;

		if (jx_input_fill(r->in, 1, err))
			return -2;
		if (jx_input_avail(r->in) == 0)
			return -1;
		while (i < jx_input_avail(r->in) && is_ws(jx_input_ptr(r->in)[i]))
			i++;
		advance(r, i);
		if (jx_input_avail(r->in))
			return (unsigned char)jx_input_ptr(r->in)[0];
	}
}

static int expect(struct jreader *r, const char *chars, int *got, struct jx_err *err)
{
	int c = peek(r, err);

	if (c == -2)
		return -1;
	if (c < 0 || !strchr(chars, c))
		return jfail(r, err, "JSON 格式错误：此处应为 %s", chars);
	*got = c;
	advance(r, 1);
	return 0;
}

/* Decodes the next JSON value of the stream. Returns a new reference, or NULL with err set. */
static json_t *next_value(struct jreader *r, struct jx_err *err)
{
	size_t want = JX_INPUT_CHUNK;
	json_error_t je;
	json_t *v;

	for (;;) {
		size_t avail;

		if (jx_input_fill(r->in, want, err))
			return NULL;
		avail = jx_input_avail(r->in) < MAX_ELEMENT ? jx_input_avail(r->in) : MAX_ELEMENT;
		v = json_loadb(jx_input_ptr(r->in), avail, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
			       &je);
		if (v && ((size_t)je.position < avail || r->in->eof)) {
			advance(r, (size_t)je.position);
			return v;
		}
		json_decref(v);
		/* The chunk may end inside the value: in a number, a UTF-8 character or a \u escape, which
		 * jansson reports as errors of their own rather than as the end of input. So any error is
		 * retried with more input until the input ends or the value is too big; then an error at the
		 * very end of a full buffer means the value did not fit. */
		if (avail >= MAX_ELEMENT && (v || json_error_code(&je) == json_error_premature_end_of_input ||
					     (size_t)je.position + 8 >= avail)) {
			jfail(r, err, "JSON 中单个项目超过 %d 字节", MAX_ELEMENT);
			return NULL;
		}
		if (!r->in->eof && avail < MAX_ELEMENT) {
			want = avail * 2 < MAX_ELEMENT ? avail * 2 : MAX_ELEMENT;
			continue;
		}
		r->line += je.line > 0 ? (unsigned long)je.line - 1 : 0;
		jfail(r, err, "JSON 格式错误: %s", je.text);
		return NULL;
	}
}

static int read_projects(struct jreader *r, jx_sink_fn sink, void *ctx, size_t *count, struct jx_err *err)
{
	int c;

	if (expect(r, "[", &c, err))
		return -1;
	if (peek(r, err) == ']')
		return advance(r, 1), 0;
	for (;;) {
		unsigned long line;
		struct jx_project *p = NULL;
		json_t *v;
		int rc;

		if (peek(r, err) == -2)
			return -1;
		line = r->line; /* where the project starts, past the white space */
		v = next_value(r, err);
		if (!v)
			return -1;
		(*count)++;
		rc = jx_project_from_json(v, &p, err);
		json_decref(v);
		if (rc) {
			r->line = line;
			return jfail(r, err, "第 %zu 个项目: %s", *count, err ? err->msg : "");
		}
		p->line = (unsigned)line;
		rc = sink(ctx, p, err);
		jx_project_free(p);
		if (rc || expect(r, ",]", &c, err))
			return -1;
		if (c == ']')
			return 0;
	}
}

/* Reads and sets aside the "statement" of a published JSON file (publish.h), so that it imports. */
static int skip_statement(struct jreader *r, struct jx_err *err)
{
	json_t *v;
	int c;

	if (expect(r, ":", &c, err) || !(v = next_value(r, err)))
		return -1;
	c = json_is_object(v);
	json_decref(v);
	return c ? 0 : jfail(r, err, "JSON 中的 \"statement\" 应为对象");
}

/* Reads one member of the outer object: the one "projects" array, or the "statement" of a published
 * file. */
static int member(struct jreader *r, jx_sink_fn sink, void *ctx, size_t *count, bool *found, struct jx_err *err)
{
	json_t *key = next_value(r, err);
	bool projects;
	int c;

	if (!key)
		return -1;
	if (!json_is_string(key)) {
		json_decref(key);
		return jfail(r, err, "JSON 格式错误：此处应为字段名");
	}
	if (strcmp(json_string_value(key), "statement") == 0) {
		json_decref(key);
		return skip_statement(r, err);
	}
	projects = strcmp(json_string_value(key), "projects") == 0;
	if (!projects || *found) {
		jfail(r, err, "JSON 顶层只应有一个 \"projects\" 数组，而此处为 \"%.64s\"", json_string_value(key));
		json_decref(key);
		return -1;
	}
	json_decref(key);
	*found = true;
	return expect(r, ":", &c, err) ? -1 : read_projects(r, sink, ctx, count, err);
}

static int json_read(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct jreader r = { in, 1 };
	size_t count = 0;
	int c;

	bool found = false;

	if (jx_input_fill(in, 3, err))
		return -1;
	if (jx_input_avail(in) >= 3 && memcmp(jx_input_ptr(in), "\xEF\xBB\xBF", 3) == 0)
		jx_input_consume(in, 3);
	if (expect(&r, "{", &c, err))
		return -1;
	if (peek(&r, err) == '}')
		advance(&r, 1);
	else
		do {
			if (member(&r, sink, ctx, &count, &found, err) || expect(&r, ",}", &c, err))
				return -1;
		} while (c == ',');
	if (peek(&r, err) != -1)
		return jfail(&r, err, "JSON 结尾有多余内容");
	if (!found)
		return jfail(&r, err, "JSON 中没有 \"projects\" 数组");
	return 0;
}

static bool json_sniff(const char *head, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && is_ws(head[i]))
		i++;
	return i < n && head[i] == '{';
}

const struct jx_reader jx_reader_json = { "json", json_sniff, json_read };
