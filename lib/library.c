/*
 * library.c — the indicator library (see library.h): reading and writing entries, the seed and the
 * store's entries over it, merging what tables and finance bring, finding entries and suggesting them.
 *
 * Two hash indexes (open addressing, linear probing) keep lookups constant-time whatever the size:
 * by id, and by name and unit — the rule indicator-not-in-library asks the second for every indicator
 * of every table checked, and merging by labels, name and unit walks the second's probe sequence.
 */
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/asset.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/json_io.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/value.h"

static const char *const origins[] = { "seed", "curated", "approved", "imported" };
static const char *const ops[] = { "≥", "≤", "=", ">", "<" };
static const char *const directions[] = { "正向", "反向", "中性" };
static const char *const value_types[] = { "定量", "定性" };
static const char *const bases[] = { "计划标准", "行业标准", "历史标准", "预算支出标准", "其他标准" };

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool one_of(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return true;
	return false;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static char *dup_or_null(const char *s)
{
	return s ? jx_strdup(s) : NULL;
}

/* ---- entries ---- */

static void free_list(char **l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static void sector_free(struct jx_lib_sector *s)
{
	free(s->class_code);
	free(s->class_name);
	free(s->item_code);
	free(s->item_name);
	memset(s, 0, sizeof(*s));
}

static void sector_copy(struct jx_lib_sector *d, const struct jx_lib_sector *s)
{
	d->class_code = dup_or_null(s->class_code);
	d->class_name = dup_or_null(s->class_name);
	d->item_code = dup_or_null(s->item_code);
	d->item_name = dup_or_null(s->item_name);
}

static void entry_free(struct jx_lib_entry *e)
{
	char **text[] = { &e->id, &e->name, &e->level1, &e->level2, &e->unit, &e->op, &e->direction, &e->value_type,
			  &e->explanation, &e->computation, &e->basis, &e->basis_source, &e->type, &e->origin };
	size_t i;

	for (i = 0; i < N_OF(text); i++)
		free(*text[i]);
	sector_free(&e->sector);
	free_list(e->keywords, e->n_keywords);
	free_list(e->sources, e->n_sources);
	free(e->tables);
	memset(e, 0, sizeof(*e));
}

static char **list_copy(char *const *l, size_t n)
{
	char **out = jx_calloc(n + 1, sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = jx_strdup(l[i]);
	return out;
}

static void entry_copy(struct jx_lib_entry *d, const struct jx_lib_entry *s)
{
	memset(d, 0, sizeof(*d));
	d->id = dup_or_null(s->id);
	d->name = dup_or_null(s->name);
	d->level1 = dup_or_null(s->level1);
	d->level2 = dup_or_null(s->level2);
	d->unit = dup_or_null(s->unit);
	d->op = dup_or_null(s->op);
	d->direction = dup_or_null(s->direction);
	d->value_type = dup_or_null(s->value_type);
	d->explanation = dup_or_null(s->explanation);
	d->computation = dup_or_null(s->computation);
	d->basis = dup_or_null(s->basis);
	d->basis_source = dup_or_null(s->basis_source);
	d->type = dup_or_null(s->type);
	sector_copy(&d->sector, &s->sector);
	d->keywords = list_copy(s->keywords, s->n_keywords);
	d->n_keywords = s->n_keywords;
	d->sources = list_copy(s->sources, s->n_sources);
	d->n_sources = s->n_sources;
	d->tables = jx_calloc(s->n_tables + 1, sizeof(*d->tables));
	if (s->n_tables)
		memcpy(d->tables, s->tables, s->n_tables * sizeof(*d->tables));
	d->n_tables = s->n_tables;
	d->origin = dup_or_null(s->origin);
	d->uses = s->uses;
	d->fresh = s->fresh;
}

size_t jx_lib_entry_uses(const struct jx_lib_entry *e)
{
	return e->uses;
}

static void words_free(struct jx_lib_words *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(w[i].type);
		sector_free(&w[i].sector);
		free_list(w[i].keywords, w[i].n_keywords);
	}
	free(w);
}

void jx_library_free(struct jx_library *lib)
{
	size_t i;

	for (i = 0; i < lib->n; i++)
		entry_free(&lib->e[i]);
	free(lib->e);
	words_free(lib->types, lib->n_types);
	words_free(lib->sectors, lib->n_sectors);
	free(lib->by_key);
	free(lib->by_id);
	memset(lib, 0, sizeof(*lib));
}

/* ---- the indexes ---- */

/* FNV-1a over eight bytes at a time (the rule hashes every indicator of every table checked). */
static size_t hash_add(size_t h, const char *s)
{
	uint64_t w;
	size_t n;

	if (!s)
		return h * 31 + 7;
	for (n = strlen(s); n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (size_t)(((uint64_t)h ^ w) * 1099511628211u);
		h ^= h >> 29;
	}
	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h * 31 + 1;
}

static size_t key_hash(const char *name, const char *unit)
{
	return hash_add(hash_add(14695981039346656037u, name), unit);
}

static size_t id_hash(const char *id)
{
	return hash_add(14695981039346656037u, id);
}

static void index_put(size_t *slots, size_t cap, size_t h, size_t i)
{
	size_t k = h & (cap - 1);

	while (slots[k])
		k = (k + 1) & (cap - 1);
	slots[k] = i + 1;
}

static void index_build(struct jx_library *lib)
{
	size_t i, cap = 64;

	while (cap < 2 * lib->n + 2)
		cap *= 2;
	free(lib->by_key);
	free(lib->by_id);
	lib->by_key = jx_calloc(cap, sizeof(size_t));
	lib->by_id = jx_calloc(cap, sizeof(size_t));
	lib->cap_index = cap;
	for (i = 0; i < lib->n; i++) {
		index_put(lib->by_key, cap, key_hash(lib->e[i].name, lib->e[i].unit), i);
		index_put(lib->by_id, cap, id_hash(lib->e[i].id), i);
	}
}

/* Appends a copy of e (its id set) and indexes it. */
static struct jx_lib_entry *append(struct jx_library *lib, const struct jx_lib_entry *e)
{
	jx_grow(&lib->e, sizeof(*lib->e), lib->n + 1, &lib->cap);
	entry_copy(&lib->e[lib->n++], e);
	if (2 * lib->n + 2 > lib->cap_index) {
		index_build(lib);
	} else {
		index_put(lib->by_key, lib->cap_index, key_hash(e->name, e->unit), lib->n - 1);
		index_put(lib->by_id, lib->cap_index, id_hash(e->id), lib->n - 1);
	}
	return &lib->e[lib->n - 1];
}

static struct jx_lib_entry *find_id(const struct jx_library *lib, const char *id)
{
	size_t k;

	if (!lib->cap_index)
		return NULL;
	for (k = id_hash(id) & (lib->cap_index - 1); lib->by_id[k]; k = (k + 1) & (lib->cap_index - 1))
		if (strcmp(lib->e[lib->by_id[k] - 1].id, id) == 0)
			return &lib->e[lib->by_id[k] - 1];
	return NULL;
}

/* The entry of these labels, name and unit, or NULL. */
static struct jx_lib_entry *find_key(const struct jx_library *lib, const char *l1, const char *l2, const char *name,
				     const char *unit)
{
	size_t k;

	if (!lib->cap_index)
		return NULL;
	for (k = key_hash(name, unit) & (lib->cap_index - 1); lib->by_key[k]; k = (k + 1) & (lib->cap_index - 1)) {
		struct jx_lib_entry *e = &lib->e[lib->by_key[k] - 1];

		if (strcmp(e->name, name) == 0 && same(e->unit, unit) && (!l1 || (strcmp(e->level1, l1) == 0 &&
										   strcmp(e->level2, l2) == 0)))
			return e;
	}
	return NULL;
}

const struct jx_lib_entry *jx_library_get(const struct jx_library *lib, const char *id)
{
	return find_id(lib, id);
}

bool jx_library_has(const struct jx_library *lib, const char *name, const char *unit)
{
	return find_key(lib, NULL, NULL, name, unit) != NULL;
}

const struct jx_lib_entry *jx_library_find(const struct jx_library *lib, const char *name, const char *unit)
{
	return find_key(lib, NULL, NULL, name, unit);
}

/* The id made from an entry's labels, name and unit: "x" and 16 hex digits of their SHA-256, the same
 * wherever and whenever it is made. */
static void derived_id(const char *l1, const char *l2, const char *name, const char *unit, char out[18])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	const char *parts[4] = { l1, l2, name, unit ? unit : "" };
	size_t i;

	crypto_hash_sha256_init(&st);
	for (i = 0; i < 4; i++)
		crypto_hash_sha256_update(&st, (const unsigned char *)parts[i], strlen(parts[i]) + 1);
	crypto_hash_sha256_final(&st, h);
	out[0] = 'x';
	for (i = 0; i < 8; i++)
		snprintf(out + 1 + 2 * i, 3, "%02x", h[i]);
}

/* ---- reading the file form ---- */

struct reading {
	const char *file;
	size_t at;        /* the entry read, from 1 */
	const char *name; /* its name, once known */
	struct jx_err *err;
};

static int bad(struct reading *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct reading *r, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (r->name)
		return jx_err_set(r->err, JX_EINPUT, "%s: 第 %zu 项（“%.60s”）: %s", r->file, r->at, r->name, what);
	return jx_err_set(r->err, JX_EINPUT, "%s: 第 %zu 项: %s", r->file, r->at, what);
}

/* A text field: absent or null gives NULL; else a string of at most max bytes without control
 * characters (empty, after trimming, gives NULL unless required). */
static int text_field(struct reading *r, json_t *obj, const char *key, size_t max, bool required, char **out)
{
	json_t *v = json_object_get(obj, key);
	const char *s;
	size_t n;

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return bad(r, "缺少 %s", key);
		return 0;
	}
	if (!json_is_string(v))
		return bad(r, "%s 应为字符串", key);
	s = json_string_value(v);
	n = json_string_length(v);
	if (strlen(s) != n || jx_text_has_control(s, false))
		return bad(r, "%s 含有控制字符", key);
	if (n > max)
		return bad(r, "%s 太长（最多 %zu 字节）", key, max);
	jx_text_trim(&s, &n);
	if (!n)
		return required ? bad(r, "%s 不能为空", key) : 0;
	*out = jx_strndup(s, n);
	return 0;
}

/* A text field whose value is one of a set. */
static int choice_field(struct reading *r, json_t *obj, const char *key, const char *const *set, size_t n, char **out)
{
	struct jx_buf list = JX_BUF_INIT;
	size_t i;

	if (text_field(r, obj, key, 64, false, out))
		return -1;
	if (!*out || one_of(*out, set, n))
		return 0;
	for (i = 0; i < n; i++)
		jx_buf_addf(&list, NULL, "%s%s", i ? "、" : "", set[i]);
	bad(r, "%s 应为 %s 之一，而不是“%s”", key, list.ptr, *out);
	jx_buf_release(&list);
	free(*out);
	*out = NULL;
	return -1;
}

/* An array of at most max non-empty strings, each of at most len bytes, without repeats. */
static int list_field(struct reading *r, json_t *obj, const char *key, size_t max, size_t len, char ***out, size_t *n)
{
	json_t *a = json_object_get(obj, key), *v;
	size_t i, k;

	*out = NULL;
	*n = 0;
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > max)
		return bad(r, "%s 应为最多 %zu 个字符串的数组", key, max);
	json_array_foreach(a, i, v)
		if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > len ||
		    strlen(json_string_value(v)) != json_string_length(v) || jx_text_has_control(json_string_value(v), false))
			return bad(r, "%s 的第 %zu 项应为不超过 %zu 字节的非空文字", key, i + 1, len);
	*out = jx_calloc(json_array_size(a) + 1, sizeof(**out));
	json_array_foreach(a, i, v) {
		for (k = 0; k < *n && strcmp((*out)[k], json_string_value(v)) != 0; k++)
			;
		if (k == *n)
			(*out)[(*n)++] = jx_strdup(json_string_value(v));
	}
	return 0;
}

static bool digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* {"code", "name"} of a 类 (3 digits) or 款 (5 digits). */
static int code_name(struct reading *r, json_t *o, const char *where, size_t len, char **code, char **name)
{
	json_t *v;
	const char *k;

	if (!json_is_object(o))
		return bad(r, "%s 应为对象 {\"code\", \"name\"}", where);
	json_object_foreach(o, k, v)
		if (strcmp(k, "code") != 0 && strcmp(k, "name") != 0)
			return bad(r, "%s 中未知的字段“%s”（应为 code、name）", where, k);
	if (text_field(r, o, "code", 16, true, code) || text_field(r, o, "name", 200, true, name))
		return -1;
	if (!digits(*code, len))
		return bad(r, "%s.code 应为 %zu 位数字的支出功能分类编码，而不是“%s”", where, len, *code);
	return 0;
}

static int sector_field(struct reading *r, json_t *obj, struct jx_lib_sector *s)
{
	json_t *v = json_object_get(obj, "sector"), *x;
	const char *k;

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return bad(r, "sector 应为对象 {\"class\": {\"code\", \"name\"}, \"item\": {\"code\", \"name\"}}");
	json_object_foreach(v, k, x)
		if (strcmp(k, "class") != 0 && strcmp(k, "item") != 0)
			return bad(r, "sector 中未知的字段“%s”（应为 class、item）", k);
	if (code_name(r, json_object_get(v, "class"), "sector.class", 3, &s->class_code, &s->class_name))
		return -1;
	x = json_object_get(v, "item");
	if (!x || json_is_null(x))
		return 0;
	if (code_name(r, x, "sector.item", 5, &s->item_code, &s->item_name))
		return -1;
	if (strncmp(s->item_code, s->class_code, 3) != 0)
		return bad(r, "款“%s”不在类“%s”之下（款的编码以类的编码开头）", s->item_code, s->class_code);
	return 0;
}

/* Adds table id to e's tables, kept ascending without repeats; false if it was there. */
static bool add_table(struct jx_lib_entry *e, int64_t id)
{
	size_t lo = 0, hi = e->n_tables, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e->tables[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < e->n_tables && e->tables[lo] == id)
		return false;
	e->tables = jx_realloc(e->tables, (e->n_tables + 1) * sizeof(*e->tables));
	memmove(e->tables + lo + 1, e->tables + lo, (e->n_tables - lo) * sizeof(*e->tables));
	e->tables[lo] = id;
	e->n_tables++;
	return true;
}

/* Adds source to e's sources (the store tells repeats apart when it records them). */
static void add_source(struct jx_lib_entry *e, const char *source)
{
	e->sources = jx_realloc(e->sources, (e->n_sources + 1) * sizeof(*e->sources));
	e->sources[e->n_sources++] = jx_strdup(source);
}

static int tables_field(struct reading *r, json_t *obj, struct jx_lib_entry *e)
{
	json_t *a = json_object_get(obj, "tables"), *v;
	size_t i;

	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > 10000000)
		return bad(r, "tables 应为表编号的数组");
	json_array_foreach(a, i, v) {
		int64_t id = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;

		if (id <= 0)
			return bad(r, "tables 的第 %zu 项应为正整数（表的编号）", i + 1);
		add_table(e, id);
	}
	return 0;
}

static bool framework_pair(const char *l1, const char *l2)
{
	size_t i;

	for (i = 0; i < jx_framework_count(); i++)
		if (jx_framework_pair(jx_framework_at(i), l1, l2))
			return true;
	return false;
}

static bool id_ok(const char *id)
{
	size_t n = strlen(id);

	return n >= 1 && n <= JX_LIB_ID_MAX &&
	       strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

static const char *const entry_keys[] = { "id",	   "name",	 "level1",	 "level2",  "unit",    "op",
					  "direction", "value_type", "explanation", "computation", "basis", "basis_source",
					  "type",	   "sector",	 "keywords",	 "origin",  "tables",  "sources",
					  "uses" };

/* The entry obj into e (empty), checked. Its id stays NULL when obj has none. */
static int entry_read(struct reading *r, json_t *obj, struct jx_lib_entry *e)
{
	json_t *v;
	const char *k;
	char *unit = NULL;
	struct jx_buf key = JX_BUF_INIT;

	if (!json_is_object(obj))
		return bad(r, "应为 JSON 对象");
	json_object_foreach(obj, k, v)
		if (!one_of(k, entry_keys, N_OF(entry_keys)))
			return bad(r, "未知的字段“%s”", k);
	if (text_field(r, obj, "name", JX_TITLE_MAX, true, &e->name))
		return -1;
	r->name = e->name;
	if (text_field(r, obj, "id", JX_LIB_ID_MAX, false, &e->id) || text_field(r, obj, "level1", 64, true, &e->level1) ||
	    text_field(r, obj, "level2", 64, true, &e->level2) || text_field(r, obj, "unit", 64, false, &unit) ||
	    choice_field(r, obj, "op", ops, N_OF(ops), &e->op) ||
	    choice_field(r, obj, "direction", directions, N_OF(directions), &e->direction) ||
	    choice_field(r, obj, "value_type", value_types, N_OF(value_types), &e->value_type) ||
	    text_field(r, obj, "explanation", JX_FIELD_MAX, false, &e->explanation) ||
	    text_field(r, obj, "computation", JX_FIELD_MAX, false, &e->computation) ||
	    choice_field(r, obj, "basis", bases, N_OF(bases), &e->basis) ||
	    text_field(r, obj, "basis_source", JX_FIELD_MAX, false, &e->basis_source) ||
	    text_field(r, obj, "type", 64, false, &e->type) || sector_field(r, obj, &e->sector) ||
	    list_field(r, obj, "keywords", JX_LIB_MAX_LIST, 64, &e->keywords, &e->n_keywords) ||
	    choice_field(r, obj, "origin", origins, N_OF(origins), &e->origin) || tables_field(r, obj, e) ||
	    list_field(r, obj, "sources", 10000000, JX_FIELD_MAX, &e->sources, &e->n_sources)) {
		free(unit);
		return -1;
	}
	if (unit) { /* kept as an indicator's unit is, so that the two compare */
		jx_text_key(&key, unit, strlen(unit));
		free(unit);
		e->unit = key.len ? jx_buf_detach(&key, NULL) : NULL;
		jx_buf_release(&key);
	}
	v = json_object_get(obj, "uses");
	if (v && !json_is_null(v) && !(json_is_integer(v) && json_integer_value(v) >= 0 &&
				       json_integer_value(v) <= 1000000000))
		return bad(r, "uses 应为非负整数（采用这一指标的表的数目）");
	e->uses = v && json_is_integer(v) ? (size_t)json_integer_value(v) : 0;
	if (e->uses < e->n_tables + e->n_sources) /* at least the tables it lists */
		e->uses = e->n_tables + e->n_sources;
	if (e->id && !id_ok(e->id))
		return bad(r, "id 应为 1–%d 个字母、数字、“.”、“_”或“-”，而不是“%s”", JX_LIB_ID_MAX, e->id);
	if (!framework_pair(e->level1, e->level2))
		return bad(r, "一级指标“%s”之下没有二级指标“%s”（按 2015 或 2021 指标体系）", e->level1, e->level2);
	return 0;
}

/* The seed's "types" or "sectors": [{"name" | "class"/"item", "keywords"}]. */
static int words_read(struct reading *r, json_t *a, bool sectors, struct jx_lib_words **out, size_t *n)
{
	json_t *v;
	size_t i;

	if (!a)
		return 0;
	if (!json_is_array(a))
		return jx_err_set(r->err, JX_EINPUT, "%s: %s 应为数组", r->file, sectors ? "sectors" : "types");
	*out = jx_calloc(json_array_size(a) + 1, sizeof(**out));
	json_array_foreach(a, i, v) {
		struct jx_lib_words *w = &(*out)[(*n)++];

		r->at = i + 1;
		r->name = NULL;
		if (!json_is_object(v))
			return bad(r, "%s 的项应为对象", sectors ? "sectors" : "types");
		if (sectors) {
			json_t *sec = json_object(), *wrap = json_object();
			const char *k;
			json_t *x;
			int rc;

			json_object_foreach(v, k, x)
				if (strcmp(k, "keywords") != 0)
					json_object_set(sec, k, x);
			json_object_set_new(wrap, "sector", sec);
			rc = sector_field(r, wrap, &w->sector);

			json_decref(wrap);
			if (rc)
				return -1;
		} else if (text_field(r, v, "name", 64, true, &w->type)) {
			return -1;
		}
		if (list_field(r, v, "keywords", JX_LIB_MAX_LIST, 64, &w->keywords, &w->n_keywords))
			return -1;
	}
	return 0;
}

static int read_doc(struct jx_library *lib, json_t *doc, struct reading *r, bool seed)
{
	json_t *entries = json_object_get(doc, "entries"), *v;
	const char *k;
	size_t i;

	json_object_foreach(doc, k, v)
		if (strcmp(k, "entries") != 0 && strcmp(k, "comment") != 0 &&
		    !(seed && (strcmp(k, "types") == 0 || strcmp(k, "sectors") == 0)))
			return jx_err_set(r->err, JX_EINPUT, "%s: 未知的字段“%s”（指标库文件应为 {\"entries\": […]}）", r->file, k);
	if (!json_is_array(entries))
		return jx_err_set(r->err, JX_EINPUT, "%s: 指标库文件应有 entries 数组", r->file);
	if (json_array_size(entries) > JX_LIB_MAX_ENTRIES)
		return jx_err_set(r->err, JX_ETOOBIG, "%s: 条目太多（最多 %d 条）", r->file, JX_LIB_MAX_ENTRIES);
	if (seed && (words_read(r, json_object_get(doc, "types"), false, &lib->types, &lib->n_types) ||
		     words_read(r, json_object_get(doc, "sectors"), true, &lib->sectors, &lib->n_sectors)))
		return -1;
	index_build(lib);
	json_array_foreach(entries, i, v) {
		struct jx_lib_entry e = { 0 };
		const struct jx_lib_entry *twin;
		int rc;

		r->at = i + 1;
		r->name = NULL;
		rc = entry_read(r, v, &e);
		if (!rc && e.id && find_id(lib, e.id))
			rc = bad(r, "id“%s”与前面的条目重复", e.id);
		if (!rc && (twin = find_key(lib, e.level1, e.level2, e.name, e.unit)))
			rc = bad(r, "与前面的条目“%s”重复（一级指标、二级指标、名称和计量单位都相同）", twin->id ? twin->id : twin->name);
		if (!rc) {
			if (!e.id && seed)
				rc = bad(r, "内置指标库的条目应有 id");
			if (!e.id) /* made when merged; a placeholder, for the duplicate checks */
				e.id = jx_strdup("");
		}
		if (!rc)
			append(lib, &e);
		entry_free(&e);
		if (rc)
			return -1;
	}
	return 0;
}

int jx_library_read(struct jx_library *lib, const char *text, size_t len, const char *file, bool seed,
		    struct jx_err *err)
{
	struct reading r = { file, 0, NULL, err };
	json_error_t je;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	int rc;

	if (!doc)
		return jx_err_set(err, JX_EINPUT, "%s:%d: 指标库文件不是有效的 JSON: %s", file, je.line, je.text);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return jx_err_set(err, JX_EINPUT, "%s: 指标库文件的顶层应为 JSON 对象", file);
	}
	rc = read_doc(lib, doc, &r, seed);
	json_decref(doc);
	if (rc)
		jx_library_free(lib);
	return rc;
}

/* ---- writing ---- */

static void set_text(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

static json_t *code_name_json(const char *code, const char *name)
{
	return json_pack("{s:s, s:s}", "code", code, "name", name);
}

/* e as the file form's object; with lists, the tables it has at hand too (the store keeps them apart). */
static json_t *entry_json(const struct jx_lib_entry *e, bool lists)
{
	json_t *o = json_object(), *a;
	size_t i;

	set_text(o, "id", e->id);
	set_text(o, "name", e->name);
	set_text(o, "level1", e->level1);
	set_text(o, "level2", e->level2);
	set_text(o, "unit", e->unit);
	set_text(o, "op", e->op);
	set_text(o, "direction", e->direction);
	set_text(o, "value_type", e->value_type);
	set_text(o, "explanation", e->explanation);
	set_text(o, "computation", e->computation);
	set_text(o, "basis", e->basis);
	set_text(o, "basis_source", e->basis_source);
	set_text(o, "type", e->type);
	if (e->sector.class_code) {
		json_t *s = json_object();

		json_object_set_new(s, "class", code_name_json(e->sector.class_code, e->sector.class_name));
		if (e->sector.item_code)
			json_object_set_new(s, "item", code_name_json(e->sector.item_code, e->sector.item_name));
		json_object_set_new(o, "sector", s);
	}
	if (e->n_keywords) {
		a = json_array();
		for (i = 0; i < e->n_keywords; i++)
			json_array_append_new(a, json_string(e->keywords[i]));
		json_object_set_new(o, "keywords", a);
	}
	set_text(o, "origin", e->origin);
	if (lists && e->n_tables) {
		a = json_array();
		for (i = 0; i < e->n_tables; i++)
			json_array_append_new(a, json_integer((json_int_t)e->tables[i]));
		json_object_set_new(o, "tables", a);
	}
	if (lists && e->n_sources) {
		a = json_array();
		for (i = 0; i < e->n_sources; i++)
			json_array_append_new(a, json_string(e->sources[i]));
		json_object_set_new(o, "sources", a);
	}
	json_object_set_new(o, "uses", json_integer((json_int_t)e->uses));
	return o;
}

static char *entry_text(const struct jx_lib_entry *e, bool lists)
{
	json_t *o = entry_json(e, lists);
	char *s = json_dumps(o, JX_JSON_DUMP);

	json_decref(o);
	return s;
}

char *jx_lib_entry_json(const struct jx_lib_entry *e)
{
	return entry_text(e, true);
}

char *jx_lib_sector_text(const struct jx_lib_sector *s)
{
	struct jx_buf b = JX_BUF_INIT;

	if (!s || !s->class_code)
		return NULL;
	jx_buf_addf(&b, NULL, "%s %s", s->class_code, s->class_name);
	if (s->item_code)
		jx_buf_addf(&b, NULL, " / %s %s", s->item_code, s->item_name);
	return jx_buf_detach(&b, NULL);
}

/* ---- loading: the seed, the store's entries over it ---- */

static int take_row(void *ctx, const char *id, const char *body, struct jx_err *err)
{
	struct jx_library *lib = ctx;
	struct reading r = { "数据库中的指标库", 1, NULL, err };
	json_error_t je;
	json_t *obj = json_loads(body, JSON_REJECT_DUPLICATES, &je);
	struct jx_lib_entry e = { 0 }, *old;
	int rc;

	if (!obj)
		return jx_err_set(err, JX_ESTORE, "数据库中的指标库条目“%s”已损坏：%s", id, je.text);
	rc = entry_read(&r, obj, &e);
	json_decref(obj);
	if (!rc && (!e.id || strcmp(e.id, id) != 0))
		rc = jx_err_set(err, JX_ESTORE, "数据库中的指标库条目“%s”已损坏：它的 id 不符", id);
	if (rc) {
		entry_free(&e);
		if (err)
			err->code = JX_ESTORE;
		return -1;
	}
	if ((old = find_id(lib, id))) { /* over the seed's: same id, so the indexes by id hold; by key rebuilt */
		bool moved = strcmp(old->name, e.name) != 0 || !same(old->unit, e.unit);

		entry_free(old);
		*old = e;
		if (moved)
			index_build(lib);
		return 0;
	}
	append(lib, &e);
	entry_free(&e);
	return 0;
}

/* The seed, read once a process (the web system loads the library for every table it reviews) and
 * copied from for each load: it is compiled in, so reading it fails only on a broken build. */
static struct jx_library seed_lib;
static struct jx_err seed_err;
static int seed_rc;
static pthread_once_t seed_once = PTHREAD_ONCE_INIT;

static void read_seed(void)
{
	const struct jx_asset *a = &jx_assets_library[0];

	seed_rc = jx_library_read(&seed_lib, (const char *)a->data, a->len, a->name, true, &seed_err);
}

static struct jx_lib_words *words_copy(const struct jx_lib_words *w, size_t n)
{
	struct jx_lib_words *out = jx_calloc(n + 1, sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++) {
		out[i].type = dup_or_null(w[i].type);
		sector_copy(&out[i].sector, &w[i].sector);
		out[i].keywords = list_copy(w[i].keywords, w[i].n_keywords);
		out[i].n_keywords = w[i].n_keywords;
	}
	return out;
}

static int seed(struct jx_library *lib, struct jx_err *err)
{
	size_t i;

	pthread_once(&seed_once, read_seed);
	if (seed_rc) {
		if (err)
			*err = seed_err;
		return -1;
	}
	lib->types = words_copy(seed_lib.types, seed_lib.n_types);
	lib->n_types = seed_lib.n_types;
	lib->sectors = words_copy(seed_lib.sectors, seed_lib.n_sectors);
	lib->n_sectors = seed_lib.n_sectors;
	lib->e = jx_calloc(seed_lib.n + 1, sizeof(*lib->e));
	lib->cap = seed_lib.n + 1;
	for (i = 0; i < seed_lib.n; i++)
		entry_copy(&lib->e[i], &seed_lib.e[i]);
	lib->n = seed_lib.n;
	index_build(lib);
	return 0;
}

int jx_library_load(struct jx_store *st, struct jx_library *lib, struct jx_err *err)
{
	memset(lib, 0, sizeof(*lib));
	if (seed(lib, err))
		return -1;
	if (st && jx_store_library_rows(st, take_row, lib, err)) {
		jx_library_free(lib);
		return -1;
	}
	return 0;
}

/* ---- changing it ---- */

static bool entry_same(const struct jx_lib_entry *a, const struct jx_lib_entry *b)
{
	char *x = entry_text(a, false), *y = entry_text(b, false);
	bool eq = strcmp(x, y) == 0;

	free(x);
	free(y);
	return eq;
}

int jx_library_merge(struct jx_library *lib, const struct jx_library *given, struct jx_lib_stats *stats,
		     struct jx_err *err)
{
	struct jx_lib_entry *target, *twin;
	size_t i;
	char id[18];

	for (i = 0; i < given->n; i++) { /* first every check, so that nothing changes on a refusal */
		const struct jx_lib_entry *g = &given->e[i];

		twin = find_key(lib, g->level1, g->level2, g->name, g->unit);
		if (g->id[0] && twin && strcmp(twin->id, g->id) != 0)
			return jx_err_set(err, JX_ECONFLICT,
					  "第 %zu 项“%s”（%s）与指标库的条目“%s”重复（一级指标、二级指标、名称和计量单位都相同）：请用 id“%s”修改它",
					  i + 1, g->name, g->id, twin->id, twin->id);
	}
	for (i = 0; i < given->n; i++) {
		struct jx_lib_entry e;

		entry_copy(&e, &given->e[i]);
		if (!e.origin)
			e.origin = jx_strdup("curated");
		target = e.id[0] ? find_id(lib, e.id) : find_key(lib, e.level1, e.level2, e.name, e.unit);
		free(e.id);
		if (target) { /* its count is the store's: the tables the file lists are recorded on saving */
			e.id = jx_strdup(target->id);
			e.uses = target->uses;
			e.fresh = target->fresh;
		} else {
			derived_id(e.level1, e.level2, e.name, e.unit, id);
			e.id = jx_strdup(given->e[i].id[0] ? given->e[i].id : id);
			e.uses = 0;
			e.fresh = true;
		}
		if (target && entry_same(target, &e)) {
			stats->unchanged++;
		} else if (target) {
			bool moved = strcmp(target->name, e.name) != 0 || !same(target->unit, e.unit);

			entry_free(target);
			*target = e;
			target->dirty = true;
			if (moved)
				index_build(lib);
			stats->updated++;
			continue;
		} else {
			append(lib, &e)->dirty = true;
			stats->added++;
		}
		entry_free(&e);
	}
	return 0;
}

/* A new entry from an indicator of a table: what the table says of it, nothing guessed. */
static void from_indicator(struct jx_lib_entry *e, const struct jx_indicator *ind, bool approved)
{
	char id[18];

	memset(e, 0, sizeof(*e));
	derived_id(ind->level1, ind->level2, ind->name, ind->unit, id);
	e->id = jx_strdup(id);
	e->name = jx_strdup(ind->name);
	e->level1 = jx_strdup(ind->level1);
	e->level2 = jx_strdup(ind->level2);
	e->unit = dup_or_null(ind->unit);
	e->op = ind->op != JX_OP_NONE ? jx_strdup(jx_op_symbol(ind->op)) : NULL;
	e->value_type = jx_strdup(ind->op != JX_OP_NONE ? "定量" : "定性");
	if (ind->f[JX_IF_DIRECTION] && one_of(ind->f[JX_IF_DIRECTION], directions, N_OF(directions)))
		e->direction = jx_strdup(ind->f[JX_IF_DIRECTION]);
	e->explanation = dup_or_null(ind->f[JX_IF_EXPLANATION]);
	if (ind->f[JX_IF_BASIS] && one_of(ind->f[JX_IF_BASIS], bases, N_OF(bases)))
		e->basis = jx_strdup(ind->f[JX_IF_BASIS]);
	e->origin = jx_strdup(approved ? "approved" : "imported");
}

void jx_library_take_project(struct jx_library *lib, const struct jx_project *p, int64_t id, const char *source,
			     struct jx_lib_stats *stats)
{
	size_t i;

	stats->tables++;
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];
		struct jx_lib_entry *e = find_key(lib, ind->level1, ind->level2, ind->name, ind->unit), fresh;

		if (!e) {
			from_indicator(&fresh, ind, id > 0);
			if (find_id(lib, fresh.id)) { /* an entry curated under that id since: leave it be */
				entry_free(&fresh);
				continue;
			}
			e = append(lib, &fresh);
			entry_free(&fresh);
			e->fresh = e->dirty = true;
		}
		if (id > 0)
			add_table(e, id);
		else
			add_source(e, source);
	}
}

struct taking {
	struct jx_library *lib;
	struct jx_lib_stats *stats;
};

static int take_approved(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct taking *t = ctx;

	(void)err;
	if (!p->classified) /* a classified table's indicators stay where it is */
		jx_library_take_project(t->lib, p, p->id, NULL, t->stats);
	return 0;
}

int jx_library_take_tables(struct jx_store *st, struct jx_library *lib, int year, struct jx_lib_stats *stats,
			   struct jx_err *err)
{
	struct jx_filter f = { 0 };
	struct taking t = { lib, stats };

	f.year = year;
	f.by_status = true;
	f.status = JX_APPROVED;
	f.hide_classified = true;
	return jx_store_each(st, &f, take_approved, &t, err);
}

/* Records e's tables at hand in st, counting those new to it. */
static int record_uses(struct jx_store *st, struct jx_lib_entry *e, bool *grew, struct jx_err *err)
{
	char ref[32];
	bool added;
	size_t k;

	for (k = 0; k < e->n_tables; k++) {
		snprintf(ref, sizeof(ref), "%lld", (long long)e->tables[k]);
		if (jx_store_library_use_add(st, e->id, "table", ref, &added, err))
			return -1;
		e->uses += added;
		*grew = *grew || added;
	}
	for (k = 0; k < e->n_sources; k++) {
		if (jx_store_library_use_add(st, e->id, "source", e->sources[k], &added, err))
			return -1;
		e->uses += added;
		*grew = *grew || added;
	}
	return 0;
}

static int save_entries(struct jx_store *st, struct jx_library *lib, struct jx_lib_stats *stats, struct jx_err *err)
{
	size_t i;

	for (i = 0; i < lib->n; i++) {
		struct jx_lib_entry *e = &lib->e[i];
		bool grew = false;
		char *body;
		int rc;

		if (record_uses(st, e, &grew, err))
			return -1;
		if (!e->dirty && !grew)
			continue;
		body = entry_text(e, false);
		rc = jx_store_library_put(st, e->id, body, err);
		free(body);
		if (rc)
			return -1;
		if (stats && e->fresh)
			stats->added++;
		else if (stats)
			stats->updated++;
	}
	return 0;
}

int jx_library_save(struct jx_store *st, struct jx_library *lib, struct jx_lib_stats *stats, struct jx_err *err)
{
	struct jx_lib_stats counted = { 0 };
	size_t i;

	if (jx_store_begin(st, err))
		return -1;
	if (jx_store_end(st, save_entries(st, lib, stats ? &counted : NULL, err), err))
		return -1;
	if (stats) {
		stats->added += counted.added;
		stats->updated += counted.updated;
	}
	for (i = 0; i < lib->n; i++) { /* recorded: what is at hand is the store's now */
		struct jx_lib_entry *e = &lib->e[i];

		free(e->tables);
		free_list(e->sources, e->n_sources);
		e->tables = NULL;
		e->sources = NULL;
		e->n_tables = e->n_sources = 0;
		e->dirty = e->fresh = false;
	}
	return 0;
}

static int take_use(void *ctx, const char *entry, const char *kind, const char *ref, struct jx_err *err)
{
	struct jx_library *lib = ctx;
	struct jx_lib_entry *e = find_id(lib, entry);
	char *end;
	long long id;

	(void)err;
	if (!e) /* an entry of the seed the store does not override, or one gone: nothing to show it on */
		return 0;
	if (strcmp(kind, "table") == 0) {
		id = strtoll(ref, &end, 10);
		if (!*end && id > 0)
			add_table(e, id);
	} else {
		add_source(e, ref);
	}
	return 0;
}

int jx_library_load_uses(struct jx_store *st, struct jx_library *lib, const char *id, struct jx_err *err)
{
	return jx_store_library_uses(st, id, take_use, lib, err);
}

/* ---- finding ---- */

static bool sector_matches(const struct jx_lib_sector *s, const char *q)
{
	if (!s->class_code)
		return false;
	return strncmp(s->class_code, q, strlen(q)) == 0 || (s->item_code && strncmp(s->item_code, q, strlen(q)) == 0) ||
	       strstr(s->class_name, q) || (s->item_name && strstr(s->item_name, q));
}

bool jx_lib_entry_matches(const struct jx_lib_entry *e, const char *type, const char *sector)
{
	if (type && *type && !same(e->type, type))
		return false;
	return !sector || !*sector || sector_matches(&e->sector, sector);
}

/* How well word matches e: 3 in its name, 2 in a keyword, 1 elsewhere, 0 not at all. */
static int word_score(const struct jx_lib_entry *e, const char *w)
{
	const char *other[] = { e->explanation, e->level1, e->level2, e->type, e->unit, e->computation, e->basis };
	size_t i;

	if (strstr(e->name, w))
		return 3;
	for (i = 0; i < e->n_keywords; i++)
		if (strstr(e->keywords[i], w) || strstr(w, e->keywords[i]))
			return 2;
	for (i = 0; i < N_OF(other); i++)
		if (other[i] && strstr(other[i], w))
			return 1;
	return sector_matches(&e->sector, w) ? 1 : 0;
}

struct ranked {
	const struct jx_lib_entry *e;
	int score;
	size_t at; /* its place in the library, for a stable order */
};

static int by_rank(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	size_t ux = jx_lib_entry_uses(x->e), uy = jx_lib_entry_uses(y->e);

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (ux != uy)
		return ux > uy ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

size_t jx_library_search(const struct jx_library *lib, const struct jx_lib_query *q, const struct jx_lib_entry **out,
			 size_t max)
{
	struct ranked *r = jx_calloc(lib->n + 1, sizeof(*r));
	size_t i, k, n = 0;

	for (i = 0; i < lib->n; i++) {
		const struct jx_lib_entry *e = &lib->e[i];
		int score = 0, s;

		if (!jx_lib_entry_matches(e, q->type, q->sector))
			continue;
		for (k = 0; k < q->n_words; k++) {
			if (!*q->words[k])
				continue;
			if (!(s = word_score(e, q->words[k])))
				break;
			score += s;
		}
		if (k < q->n_words)
			continue;
		r[n++] = (struct ranked){ e, score, i };
	}
	if (q->n_words)
		qsort(r, n, sizeof(*r), by_rank);
	for (i = 0; i < n && i < max; i++)
		out[i] = r[i].e;
	free(r);
	return i;
}

/* ---- suggestions ---- */

/* The first of w's keywords found in s, or NULL. */
static const char *word_in(const struct jx_lib_words *w, const char *s)
{
	size_t i;

	for (i = 0; s && i < w->n_keywords; i++)
		if (strstr(s, w->keywords[i]))
			return w->keywords[i];
	return NULL;
}

/* Infers from p's name, unit, then goal the words entry whose keyword appears first in that order;
 * the most specific (a 款 before its 类) where several of a place fit. */
static const struct jx_lib_words *infer(const struct jx_lib_words *w, size_t n, const struct jx_project *p,
					struct jx_lib_guess *g)
{
	const char *places[] = { p->name, p->unit, p->goal };
	const char *labels[] = { "项目名称", "预算单位", "年度目标" };
	const struct jx_lib_words *best = NULL;
	size_t i, k;

	for (k = 0; k < N_OF(places) && !best; k++)
		for (i = 0; i < n; i++) {
			const char *hit = word_in(&w[i], places[k]);

			if (hit && (!best || (w[i].sector.item_code && !best->sector.item_code))) {
				best = &w[i];
				g->word = hit;
				g->where = labels[k];
			}
		}
	if (best)
		g->how = JX_LIB_INFERRED;
	return best;
}

static void guess_type(const struct jx_library *lib, const struct jx_project *p, const char *given,
		       struct jx_lib_guess *g)
{
	const char *cat = p->f[JX_PF_CATEGORY];
	const struct jx_lib_words *w;
	size_t i;

	if (given && *given) {
		g->how = JX_LIB_GIVEN;
		g->type = given;
		return;
	}
	for (i = 0; cat && i < lib->n_types; i++)
		if (strstr(cat, lib->types[i].type)) {
			g->how = JX_LIB_CATEGORY;
			g->type = lib->types[i].type;
			g->word = cat;
			g->where = "项目类别";
			return;
		}
	if ((w = infer(lib->types, lib->n_types, p, g)))
		g->type = w->type;
}

static void guess_sector(const struct jx_library *lib, const struct jx_project *p, const char *given,
			 struct jx_lib_guess *g)
{
	const struct jx_lib_words *w;
	size_t i;

	if (given && *given) {
		g->how = JX_LIB_GIVEN;
		g->word = given;
		for (i = 0; i < lib->n_sectors && !g->sector; i++)
			if (sector_matches(&lib->sectors[i].sector, given))
				g->sector = &lib->sectors[i].sector;
		for (i = 0; i < lib->n && !g->sector; i++)
			if (sector_matches(&lib->e[i].sector, given))
				g->sector = &lib->e[i].sector;
		return;
	}
	if ((w = infer(lib->sectors, lib->n_sectors, p, g)))
		g->sector = &w->sector;
}

char *jx_lib_guess_text(const struct jx_lib_guess *g)
{
	struct jx_buf b = JX_BUF_INIT;
	char *sector = jx_lib_sector_text(g->sector);
	const char *what = g->type ? g->type : sector ? sector : g->word;

	switch (g->how) {
	case JX_LIB_UNKNOWN:
		jx_buf_adds(&b, "未知（未设置，也无法从项目名称、预算单位和年度目标推断）", NULL);
		break;
	case JX_LIB_GIVEN:
		jx_buf_addf(&b, NULL, "%s（由命令指定）", what);
		break;
	case JX_LIB_CATEGORY:
		jx_buf_addf(&b, NULL, "%s（由表中的项目类别“%s”得出）", what, g->word);
		break;
	case JX_LIB_INFERRED:
		jx_buf_addf(&b, NULL, "%s（由%s中的“%s”推断，未经确认）", what, g->where, g->word);
		break;
	}
	free(sector);
	return jx_buf_detach(&b, NULL);
}

static bool in_table(const struct jx_project *p, const struct jx_lib_entry *e)
{
	size_t i;

	for (i = 0; i < p->n_ind; i++)
		if (strcmp(p->ind[i].name, e->name) == 0 && same(p->ind[i].unit, e->unit))
			return true;
	return false;
}

static bool has_level1(const struct jx_project *p, const char *l1)
{
	size_t i;

	for (i = 0; i < p->n_ind; i++) /* 成本指标 is a level 2 in the 2015 framework */
		if (strcmp(p->ind[i].level1, l1) == 0 || strcmp(p->ind[i].level2, l1) == 0)
			return true;
	return false;
}

/* Scores e for p, with the reasons in why; 0: not suggested. */
static int suggest_score(const struct jx_lib_entry *e, const struct jx_project *p, const struct jx_suggestions *s,
			 struct jx_buf *why)
{
	const char *type = s->type.type;
	const struct jx_lib_sector *sec = s->sector.sector;
	int score = 0;
	size_t i;

	if (e->type && type && strcmp(e->type, type) != 0)
		return 0;
	if (e->sector.class_code && sec && strcmp(e->sector.class_code, sec->class_code) != 0)
		return 0;
	if (e->type && type) {
		score += 4;
		jx_buf_addf(why, NULL, "适用于%s类项目；", e->type);
	}
	if (e->sector.class_code && sec) {
		score += same(e->sector.item_code, sec->item_code) && sec->item_code ? 3 : 2;
		jx_buf_addf(why, NULL, "属于支出功能分类 %s %s；", e->sector.item_code ? e->sector.item_code : e->sector.class_code,
			    e->sector.item_code ? e->sector.item_name : e->sector.class_name);
	}
	for (i = 0; i < e->n_keywords; i++) {
		const char *where = strstr(p->name, e->keywords[i]) ? "项目名称" : strstr(p->goal, e->keywords[i]) ? "年度目标" : NULL;

		if (where) {
			score += 1;
			jx_buf_addf(why, NULL, "关键词“%s”见于%s；", e->keywords[i], where);
			break;
		}
	}
	if (!score && !e->type && !e->sector.class_code && (same(e->origin, "seed") || same(e->origin, "curated"))) {
		score = 1;
		jx_buf_adds(why, "通用指标，各类项目都可用；", NULL);
	}
	if (score && !has_level1(p, e->level1)) {
		score += 2;
		jx_buf_addf(why, NULL, "本表还没有%s；", e->level1);
	}
	if (score && jx_lib_entry_uses(e))
		jx_buf_addf(why, NULL, "已有 %zu 张表采用；", jx_lib_entry_uses(e));
	return score;
}

static int by_suggestion(const void *a, const void *b)
{
	const struct jx_suggestion *x = a, *y = b;
	size_t ux = jx_lib_entry_uses(x->e), uy = jx_lib_entry_uses(y->e);

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (ux != uy)
		return ux > uy ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e;
}

void jx_library_suggest(const struct jx_library *lib, const struct jx_project *p, const char *type, const char *sector,
			struct jx_suggestions *out)
{
	struct jx_buf why = JX_BUF_INIT;
	size_t i;

	memset(out, 0, sizeof(*out));
	guess_type(lib, p, type, &out->type);
	guess_sector(lib, p, sector, &out->sector);
	out->s = jx_calloc(lib->n + 1, sizeof(*out->s));
	for (i = 0; i < lib->n; i++) {
		const struct jx_lib_entry *e = &lib->e[i];
		int score;

		if (in_table(p, e))
			continue;
		jx_buf_reset(&why);
		if (!(score = suggest_score(e, p, out, &why)))
			continue;
		jx_buf_setlen(&why, why.len - strlen("；"));
		out->s[out->n++] = (struct jx_suggestion){ e, score, jx_strdup(why.ptr) };
	}
	jx_buf_release(&why);
	qsort(out->s, out->n, sizeof(*out->s), by_suggestion);
}

void jx_suggestions_free(struct jx_suggestions *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->s[i].why);
	free(s->s);
	memset(s, 0, sizeof(*s));
}
