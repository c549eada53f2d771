/*
 * vocab.c — the words of target tables (see vocab.h).
 *
 * data/vocab/table.json is loaded once into one open-addressing hash of keys, each with what it is;
 * titles are kept in a list of their own, matched at the end of a cell. Every cell of every table is
 * looked up, so a lookup is one hash and one comparison; a cell is converted from traditional
 * characters only if it holds one of the characters that tell traditional text from simplified in
 * these tables, which keeps OpenCC off the path of simplified text.
 */
#define _GNU_SOURCE /* memmem */
#include <jansson.h>
#include <opencc/opencc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/asset.h"
#include "jixiao/buf.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"
#include "jixiao/text.h"
#include "jixiao/vocab.h"

#define SLOTS 1024       /* a power of two well above the number of words */
#define MAX_PREFIX 80    /* bytes a place or project may take before a title word */
#define MAX_TITLES 64
#define QUALITATIVE 1000 /* value_of for a qualitative target (稳步提高) */
#define BROKEN_SLOTS 8192 /* a power of two well above the number of words' beginnings */

struct slot {
	char *key; /* NULL: empty */
	size_t len;
	struct jx_vword w;
	int value_of; /* for a value word (计划标准): the column whose value it is, else -1 */
};

struct title {
	char *key;
	size_t len; /* of key: every cell of every table is asked whether it ends with one */
	int kind;   /* 1 project, 2 department, 3 not a target table */
};

static struct slot slots[SLOTS];
static size_t longest; /* bytes of the longest key in slots: nothing longer need be looked up */
static unsigned char firsts[32]; /* a bit for the first three bytes of each key of 3 bytes or more */

static unsigned first_bit(const char *key)
{
	return ((unsigned char)key[0] * 961u + (unsigned char)key[1] * 31u + (unsigned char)key[2]) & 255;
}
static const struct slot none = { NULL, 0, { JX_V_NONE, 0 }, -1 };
static char *broken[BROKEN_SLOTS]; /* every beginning of a word or level label, short of its end */
static const char *completes[BROKEN_SLOTS]; /* the one level label it begins, "" if several or a word */
static struct title titles[MAX_TITLES];
static size_t n_titles;
static char *qualifiers[16];
static size_t n_qualifiers;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static opencc_t t2s = (opencc_t)-1;
static pthread_mutex_t t2s_lock = PTHREAD_MUTEX_INITIALIZER;

static void die(const char *what)
{
	fprintf(stderr, "jixiao: 内置表格用语 data/vocab/table.json 有误: %s\n", what);
	abort();
}

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct slot *find(const char *key)
{
	uint32_t i = hash(key) & (SLOTS - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (SLOTS - 1);
	return &slots[i];
}

/* The FNV-1a hash of key[0..len) continued from h (2166136261u to begin). */
static uint32_t hash_more(uint32_t h, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 16777619u;
	return h;
}

/* The slot of key[0..len), whose hash is h, or an empty one. */
static const struct slot *find_hashed(const char *key, size_t len, uint32_t h)
{
	uint32_t i = h & (SLOTS - 1);

	for (; slots[i].key; i = (i + 1) & (SLOTS - 1))
		if (slots[i].len == len && memcmp(slots[i].key, key, len) == 0)
			return &slots[i];
	return &none;
}

/* The slot of key[0..len) or an empty one: a key longer than any word is not hashed at all (cells of
 * running text are looked up many times while a table is read). */
static const struct slot *lookup_n(const char *key, size_t len)
{
	if (len > longest || (len >= 3 && !(firsts[first_bit(key) / 8] & (1u << (first_bit(key) % 8)))))
		return &none; /* most cells begin otherwise than any word: not hashed */
	return find_hashed(key, len, hash_more(2166136261u, key, len));
}

static const struct slot *lookup(const char *key)
{
	return lookup_n(key, strnlen(key, longest + 1));
}

static char *key_of(const char *word)
{
	struct jx_buf k = JX_BUF_INIT;

	jx_text_key(&k, word, strlen(word));
	return jx_buf_detach(&k, NULL);
}

/* Adds every word of the array arr as kind/role (or, value_of >= 0, as a value of that column). */
static void add_words(json_t *arr, enum jx_vkind kind, int role, int value_of)
{
	size_t i;

	if (!json_is_array(arr))
		die("a list of words is missing");
	for (i = 0; i < json_array_size(arr); i++) {
		const char *word = json_string_value(json_array_get(arr, i));
		char *key;
		struct slot *s;

		if (!word)
			die("a word is not a string");
		key = key_of(word);
		s = find(key);
		if (s->key)
			die(word); /* a word listed twice would mean two things */
		s->key = key;
		s->len = strlen(key);
		if (s->len > longest)
			longest = s->len;
		if (s->len >= 3)
			firsts[first_bit(key) / 8] |= (unsigned char)(1u << (first_bit(key) % 8));
		s->w = (struct jx_vword){ kind, role };
		s->value_of = value_of;
	}
}

static void add_titles(json_t *arr, int kind)
{
	size_t i;

	for (i = 0; i < json_array_size(arr) && n_titles < MAX_TITLES; i++) {
		char *key = key_of(json_string_value(json_array_get(arr, i)));

		titles[n_titles++] = (struct title){ key, strlen(key), kind };
	}
}

/* Section name/key → role, for the sections whose keys name roles. */
struct named {
	const char *name;
	int role;
};

static void add_section(json_t *section, const struct named *names, size_t n, enum jx_vkind kind)
{
	size_t i;

	for (i = 0; i < n; i++)
		add_words(json_object_get(section, names[i].name), kind, names[i].role, -1);
}

static void load_fields(json_t *fields)
{
	static const struct named names[] = {
		{ "name", JX_VF_NAME },
		{ "unit", JX_VF_UNIT },
		{ "department_name", JX_VF_DEPARTMENT_NAME },
		{ "tasks", JX_VF_TASKS },
		{ "manager_phone", JX_VF_MANAGER_PHONE },
		{ "dropped", JX_VF_DROPPED },
		{ "department", JX_VF_OPTIONAL + JX_PF_DEPARTMENT },
		{ "implementer", JX_VF_OPTIONAL + JX_PF_IMPLEMENTER },
		{ "category", JX_VF_OPTIONAL + JX_PF_CATEGORY },
		{ "attribute", JX_VF_OPTIONAL + JX_PF_ATTRIBUTE },
		{ "office", JX_VF_OPTIONAL + JX_PF_OFFICE },
		{ "period", JX_VF_OPTIONAL + JX_PF_PERIOD },
		{ "manager", JX_VF_OPTIONAL + JX_PF_MANAGER },
		{ "phone", JX_VF_OPTIONAL + JX_PF_PHONE },
		{ "title", JX_VF_OPTIONAL + JX_PF_TITLE },
	};

	add_section(fields, names, sizeof(names) / sizeof(names[0]), JX_V_FIELD);
}

static void load_funds(json_t *funds)
{
	static const struct named names[] = {
		{ "total", JX_VM_TOTAL },	  { "period_total", JX_VM_PERIOD_TOTAL }, { "either_total", JX_VM_EITHER_TOTAL },
		{ "fiscal", JX_VM_FISCAL },	  { "either_fiscal", JX_VM_EITHER_FISCAL }, { "other", JX_VM_OTHER },
		{ "either_other", JX_VM_EITHER_OTHER }, { "carryover", JX_VM_CARRYOVER },
	};
	json_t *units = json_object_get(funds, "unit_words");
	size_t i;

	add_section(funds, names, sizeof(names) / sizeof(names[0]), JX_V_FUNDS);
	add_words(json_object_get(funds, "labels"), JX_V_FUNDS_LABEL, 0, -1);
	for (i = 0; i < json_array_size(units); i++) {
		const char *w = json_string_value(json_array_get(units, i));
		json_t *one = json_pack("[s]", w ? w : "");

		add_words(one, JX_V_UNIT, w && strstr(w, "万元") ? 10000 : 1, -1);
		json_decref(one);
	}
}

static void load_columns(json_t *columns, json_t *values)
{
	static const struct named names[] = {
		{ "level1", JX_VC_LEVEL1 },
		{ "level2", JX_VC_LEVEL2 },
		{ "name", JX_VC_NAME },
		{ "target", JX_VC_TARGET },
		{ "op", JX_VC_OP },
		{ "unit", JX_VC_UNIT },
		{ "weight", JX_VC_FIELD + JX_IF_WEIGHT },
		{ "direction", JX_VC_FIELD + JX_IF_DIRECTION },
		{ "explanation", JX_VC_FIELD + JX_IF_EXPLANATION },
		{ "scoring", JX_VC_FIELD + JX_IF_SCORING },
		{ "basis", JX_VC_FIELD + JX_IF_BASIS },
		{ "value_type", JX_VC_FIELD + JX_IF_VALUE_TYPE },
		{ "note", JX_VC_FIELD + JX_IF_NOTE },
		{ "long_target", JX_VC_FIELD + JX_IF_LONG_TARGET },
		{ "previous", JX_VC_FIELD + JX_IF_PREVIOUS },
		{ "group", JX_VC_GROUP },
	};
	static const struct named value_names[] = {
		{ "basis", JX_VC_FIELD + JX_IF_BASIS },
		{ "direction", JX_VC_FIELD + JX_IF_DIRECTION },
		{ "value_type", JX_VC_FIELD + JX_IF_VALUE_TYPE },
	};
	size_t i;

	add_section(columns, names, sizeof(names) / sizeof(names[0]), JX_V_COLUMN);
	for (i = 0; i < sizeof(value_names) / sizeof(value_names[0]); i++)
		add_words(json_object_get(values, value_names[i].name), JX_V_NONE, 0, value_names[i].role);
}

static uint32_t broken_slot(const char *key)
{
	uint32_t i = hash(key) & (BROKEN_SLOTS - 1);

	while (broken[i] && strcmp(broken[i], key) != 0)
		i = (i + 1) & (BROKEN_SLOTS - 1);
	return i;
}

/* Indexes every beginning of key short of its end, at character boundaries; label is the level label
 * key stands for (NULL for a word of the vocabulary). */
static void add_broken(const char *key, const char *label)
{
	size_t n = strlen(key), len;

	for (len = 1; len < n; len++) {
		char *b;
		uint32_t k;

		if ((key[len] & 0xC0) == 0x80)
			continue;
		b = jx_strndup(key, len);
		k = broken_slot(b);
		if (broken[k]) {
			free(b);
			if (!label || !completes[k] || strcmp(completes[k], label) != 0)
				completes[k] = "";
		} else {
			broken[k] = b;
			completes[k] = label ? label : "";
		}
	}
}

/* The beginnings of every word (but the lines to pass over or that end a table, and values) and of
 * every level label, for jx_vocab_broken(). */
static void index_broken(void)
{
	const char *key, *label;
	size_t i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].key && slots[i].value_of < 0 && slots[i].w.kind != JX_V_IGNORE && slots[i].w.kind != JX_V_END)
			add_broken(slots[i].key, NULL);
	for (i = 0; (key = jx_framework_key_at(i)) != NULL; i++)
		if (jx_framework_label(jx_framework_at(0), key, &label))
			add_broken(key, label);
}

static void load(void)
{
	const struct jx_asset *a = &jx_assets_vocab[0];
	static const struct named goals[] = {
		{ "year", JX_VG_YEAR }, { "long", JX_VG_LONG }, { "group", JX_VG_GROUP }, { "actual", JX_VG_ACTUAL }
	};
	json_error_t jerr;
	json_t *root = json_loadb((const char *)a->data, a->len, 0, &jerr), *t, *q;
	size_t i;

	if (!root)
		die(jerr.text);
	t = json_object_get(root, "titles");
	add_titles(json_object_get(t, "project"), 1);
	add_titles(json_object_get(t, "department"), 2);
	add_titles(json_object_get(t, "not_target"), 3);
	q = json_object_get(t, "qualifiers");
	for (i = 0; i < json_array_size(q) && n_qualifiers < sizeof(qualifiers) / sizeof(qualifiers[0]); i++)
		qualifiers[n_qualifiers++] = key_of(json_string_value(json_array_get(q, i)));
	load_fields(json_object_get(root, "fields"));
	load_funds(json_object_get(root, "funds"));
	add_section(json_object_get(root, "goals"), goals, 4, JX_V_GOAL);
	load_columns(json_object_get(root, "columns"), json_object_get(root, "values"));
	add_words(json_object_get(root, "ignore"), JX_V_IGNORE, 0, -1);
	add_words(json_object_get(root, "ends"), JX_V_END, 0, -1);
	add_words(json_object_get(json_object_get(root, "values"), "qualitative"), JX_V_NONE, 0, QUALITATIVE);
	index_broken();
	json_decref(root);
}

static void loaded(void)
{
	pthread_once(&once, load);
}

/* Characters that appear in the labels of traditional-character tables and never in simplified text:
 * a cell holding none of them is simplified already (or has no label in it). */
/* What a key needs beyond jx_text_key, found in one pass over its bytes: characters lost in conversion
 * ('?', U+FFFD) to drop, and a character only traditional text writes (体 项 预 额 单 务 态 拨 数 时 标
 * 满 济 产 称 级 绩 总 计 财 资 质 门 as traditional) for OpenCC to convert. */
enum { KEY_UNKNOWN = 1, KEY_TRADITIONAL = 2 };

static bool traditional_mark(unsigned cp)
{
	switch (cp) {
	case 0x9AD4: case 0x9805: case 0x9810: case 0x984D: case 0x55AE: case 0x52D9: case 0x614B: case 0x64A5:
	case 0x6578: case 0x6642: case 0x6A19: case 0x6EFF: case 0x6FDF: case 0x7522: case 0x7A31: case 0x7D1A:
	case 0x7E3E: case 0x7E3D: case 0x8A08: case 0x8CA1: case 0x8CC7: case 0x8CEA: case 0x9580:
		return true;
	default:
		return false;
	}
}

static unsigned key_needs(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	unsigned needs = 0;

	for (; p < end; p++) {
		if (*p == '?') {
			needs |= KEY_UNKNOWN;
		} else if ((*p & 0xF0) == 0xE0 && end - p >= 3) { /* every mark and U+FFFD take three bytes */
			unsigned cp = (unsigned)(*p & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (unsigned)(p[2] & 0x3F);

			if (cp == 0xFFFD)
				needs |= KEY_UNKNOWN;
			else if (traditional_mark(cp))
				needs |= KEY_TRADITIONAL;
			p += 2;
		}
	}
	return needs;
}

static void open_t2s(void)
{
	if (t2s == (opencc_t)-1)
		t2s = opencc_open("t2s.json");
}

/* Drops the question marks and replacement characters a page's broken encoding left in a label
 * ("绩??? 效??? 目??? 标"): no word of a table has them. */
static void drop_unknown(struct jx_buf *out, size_t start)
{
	char *r = out->ptr + start, *w = r, *end = out->ptr + out->len;

	for (; r < end; r++) {
		if (*r == '?')
			continue;
		if (end - r >= 3 && memcmp(r, "\xef\xbf\xbd", 3) == 0) {
			r += 2;
			continue;
		}
		*w++ = *r;
	}
	jx_buf_setlen(out, (size_t)(w - out->ptr));
}

void jx_vocab_key(struct jx_buf *out, const char *s, size_t n)
{
	size_t start = out->len;
	char *conv = NULL;
	unsigned needs;

	jx_text_key(out, s, n);
	needs = key_needs(out->ptr + start, out->len - start);
	if (needs & KEY_UNKNOWN)
		drop_unknown(out, start);
	if (!(needs & KEY_TRADITIONAL))
		return;
	pthread_mutex_lock(&t2s_lock);
	open_t2s();
	if (t2s != (opencc_t)-1)
		conv = opencc_convert_utf8(t2s, out->ptr + start, out->len - start);
	pthread_mutex_unlock(&t2s_lock);
	if (!conv)
		return; /* no converter: the text is matched as written */
	jx_buf_setlen(out, start);
	jx_buf_adds(out, conv, NULL);
	opencc_convert_utf8_free(conv);
}

struct jx_vword jx_vocab_word(const char *key)
{
	const struct slot *s;
	size_t n;

	loaded();
	n = strnlen(key, longest + 2);
	s = lookup_n(key, n);
	if (!s->key && n > 1 && key[n - 1] == ':') /* "年度目标:" */
		s = lookup_n(key, n - 1);
	return s->key && s->value_of < 0 ? s->w : (struct jx_vword){ JX_V_NONE, 0 };
}

size_t jx_vocab_prefix(const char *key, struct jx_vword *w)
{
	uint32_t h[256]; /* h[len]: the hash of key[0..len) */
	size_t n, len;

	loaded();
	*w = (struct jx_vword){ JX_V_NONE, 0 };
	n = strnlen(key, longest < sizeof(h) / sizeof(h[0]) - 1 ? longest : sizeof(h) / sizeof(h[0]) - 1);
	h[0] = 2166136261u;
	for (len = 0; len < n; len++)
		h[len + 1] = hash_more(h[len], key + len, 1);
	for (len = n; len > 0; len--) {
		const struct slot *s;

		if ((key[len] & 0xC0) == 0x80)
			continue; /* not at a character's start */
		s = find_hashed(key, len, h[len]);
		if (s->key && s->value_of < 0) {
			*w = s->w;
			return len;
		}
	}
	return 0;
}

bool jx_vocab_broken(const char *key)
{
	loaded();
	return broken[broken_slot(key)] != NULL;
}

const char *jx_vocab_completion(const char *key)
{
	uint32_t k;

	loaded();
	k = broken_slot(key);
	return broken[k] && *completes[k] ? completes[k] : NULL;
}

size_t jx_vocab_qualitative_suffix(const char *key)
{
	size_t n = strlen(key), start;

	loaded();
	for (start = 0; start < n; start++) {
		const struct slot *s;

		if ((key[start] & 0xC0) == 0x80)
			continue;
		s = lookup(key + start);
		if (s->key && s->value_of == QUALITATIVE)
			return n - start;
	}
	return 0;
}

bool jx_vocab_value(enum jx_vcolumn role, const char *key)
{
	const struct slot *s;

	loaded();
	s = lookup(key);
	return s->key && s->value_of == (int)role;
}

/* Reads a year such as "2021年", "2021年度", "(2021年度)", "2021年度)" at the end of key[0..*n): sets
 * *year and shortens *n past it. */
static void strip_year(const char *key, size_t *n, int *year)
{
	size_t end = *n, i;
	int y = 0;

	if (end >= 1 && key[end - 1] == ')')
		end--;
	if (end >= 6 && memcmp(key + end - 6, "年度", 6) == 0)
		end -= 6;
	else if (end >= 3 && memcmp(key + end - 3, "年", 3) == 0)
		end -= 3;
	else
		return;
	if (end < 4)
		return;
	for (i = end - 4; i < end; i++) {
		if (key[i] < '0' || key[i] > '9')
			return;
		y = y * 10 + (key[i] - '0');
	}
	end -= 4;
	if (end >= 1 && key[end - 1] == '(')
		end--;
	*year = y;
	*n = end;
}

/* Shortens *n past a qualifier at the end of key[0..*n), if one is there. */
static void strip_qualifier(const char *key, size_t *n)
{
	size_t i, l;

	for (i = 0; i < n_qualifiers; i++) {
		l = strlen(qualifiers[i]);
		if (*n >= l && memcmp(key + *n - l, qualifiers[i], l) == 0) {
			*n -= l;
			return;
		}
	}
}

/* A year before the title word ("2021年" at the start of the prefix). */
static void leading_year(const char *key, size_t n, int *year)
{
	size_t i;

	if (n < 7 || memcmp(key + 4, "年", 3) != 0)
		return;
	for (i = 0; i < 4; i++)
		if (key[i] < '0' || key[i] > '9')
			return;
	*year = (key[0] - '0') * 1000 + (key[1] - '0') * 100 + (key[2] - '0') * 10 + (key[3] - '0');
}

int jx_vocab_title(const char *key, int *year, bool *exact)
{
	size_t n = strlen(key), i, l, best = 0;
	int kind = 0, y = 0;

	loaded();
	*year = 0;
	*exact = false;
	strip_year(key, &n, &y);
	strip_qualifier(key, &n);
	for (i = 0; i < n_titles; i++) {
		l = titles[i].len;
		if (l > best && n >= l && n - l <= MAX_PREFIX && memcmp(key + n - l, titles[i].key, l) == 0) {
			best = l;
			kind = titles[i].kind;
		}
	}
	if (kind && !y)
		leading_year(key, n - best, &y);
	if (kind) {
		*year = y;
		*exact = n == best;
	}
	return kind;
}
