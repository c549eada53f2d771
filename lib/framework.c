/*
 * framework.c — loads the compiled-in framework files and answers label questions. See framework.h.
 *
 * The data is ours and tested, so a malformed framework file is a build defect: loading aborts with
 * a message rather than returning an error every caller would have to carry.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/asset.h"
#include "jixiao/framework.h"

struct level1 {
	char *name;   /* canonical level-1 label */
	char *group;  /* scoring group: output, effect, satisfaction */
	size_t n_l2;  /* level-2 labels under it */
	char **l2;
};

struct alias {
	char *key;   /* the variant as a matching key */
	char *label; /* the canonical label it stands for */
};

struct jx_framework {
	char *id;              /* "2015" */
	int since;             /* first budget year it applies to */
	size_t n_l1;
	struct level1 *l1;
	size_t n_alias;
	struct alias *alias;
};

/* Every label and alias of every framework, hashed by its key, with what it is in each framework:
 * a lookup costs one hash and one comparison, which matters because every cell of every table is
 * looked up. */
struct entry {
	const char *key;       /* the label or alias; NULL for an empty slot */
	size_t len;            /* its bytes */
	enum jx_label *level;  /* its level in each framework, JX_LABEL_NONE where unknown */
	const char **label;    /* its canonical text in each framework */
};

#define INDEX_SIZE 256 /* slots, a power of two well above the number of labels and aliases */
#define MAX_LABEL 120  /* bytes a label or alias may take */

static struct jx_framework *frameworks;
static size_t n_frameworks;
static struct entry index_[INDEX_SIZE];
static size_t longest; /* bytes of the longest key indexed: a longer one is not looked up */
static unsigned char firsts[32]; /* a bit for each key's beginning (first_bit): most cells begin
				  * otherwise, and are told apart without hashing */

/* The bit of firsts standing for how key begins (its first three bytes, about its first character). */
static unsigned first_bit(const char *key)
{
	unsigned h = 0, i;

	for (i = 0; i < 3 && key[i]; i++)
		h = h * 31 + (unsigned char)key[i];
	return h & 255;
}

static bool may_begin(const char *key)
{
	unsigned b = first_bit(key);

	return firsts[b / 8] & (1u << (b % 8));
}
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void die(const char *file, const char *what)
{
	fprintf(stderr, "jixiao: 内置指标体系 %s 有误: %s\n", file, what);
	abort();
}

static char *str_field(json_t *obj, const char *field, const char *file)
{
	json_t *v = json_object_get(obj, field);

	if (!json_is_string(v))
		die(file, field);
	return jx_strdup(json_string_value(v));
}

static void load_level1(struct level1 *l, json_t *obj, const char *file)
{
	json_t *arr = json_object_get(obj, "level2");
	size_t i;

	l->name = str_field(obj, "name", file);
	l->group = str_field(obj, "group", file);
	if (!json_is_array(arr))
		die(file, "level2");
	l->n_l2 = json_array_size(arr);
	l->l2 = jx_calloc(l->n_l2, sizeof(char *));
	for (i = 0; i < l->n_l2; i++) {
		if (!json_is_string(json_array_get(arr, i)))
			die(file, "level2");
		l->l2[i] = jx_strdup(json_string_value(json_array_get(arr, i)));
	}
}

static void load_one(struct jx_framework *fw, const struct jx_asset *a)
{
	json_error_t jerr;
	json_t *root = json_loadb((const char *)a->data, a->len, 0, &jerr), *arr, *aliases, *v;
	const char *k;
	size_t i;

	if (!root)
		die(a->name, jerr.text);
	fw->id = str_field(root, "id", a->name);
	fw->since = (int)json_integer_value(json_object_get(root, "since"));
	arr = json_object_get(root, "level1");
	if (!json_is_array(arr) || fw->since <= 0)
		die(a->name, "level1/since");
	fw->n_l1 = json_array_size(arr);
	fw->l1 = jx_calloc(fw->n_l1, sizeof(*fw->l1));
	for (i = 0; i < fw->n_l1; i++)
		load_level1(&fw->l1[i], json_array_get(arr, i), a->name);
	aliases = json_object_get(root, "aliases");
	fw->alias = jx_calloc(json_object_size(aliases), sizeof(*fw->alias));
	json_object_foreach(aliases, k, v) {
		fw->alias[fw->n_alias].key = jx_strdup(k);
		fw->alias[fw->n_alias++].label = jx_strdup(json_string_value(v));
	}
	json_decref(root);
}

static int by_since(const void *a, const void *b)
{
	return ((const struct jx_framework *)a)->since - ((const struct jx_framework *)b)->since;
}

#define FNV_BASIS 2166136261u

/* The FNV-1a hash of s[0..n), continued from h (FNV_BASIS to begin). */
static uint32_t hash_n(uint32_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot for key[0..n), whose hash is h: its entry, or the empty slot where it would go. */
static struct entry *slot_n(const char *key, size_t n, uint32_t h)
{
	uint32_t i = h & (INDEX_SIZE - 1);

	while (index_[i].key && !(index_[i].len == n && memcmp(index_[i].key, key, n) == 0))
		i = (i + 1) & (INDEX_SIZE - 1);
	return &index_[i];
}

static struct entry *slot(const char *key)
{
	size_t n = strlen(key);

	return slot_n(key, n, hash_n(FNV_BASIS, key, n));
}

static void index_label(size_t fw, const char *key, enum jx_label level, const char *label)
{
	struct entry *e = slot(key);

	if (!e->key) {
		e->key = key;
		e->len = strlen(key);
		if (e->len > MAX_LABEL || e->len < 3)
			die(frameworks[fw].id, "a label or alias shorter than a character or longer than MAX_LABEL bytes");
		if (e->len > longest)
			longest = e->len;
		firsts[first_bit(key) / 8] |= (unsigned char)(1u << (first_bit(key) % 8));
		e->level = jx_calloc(n_frameworks, sizeof(*e->level));
		e->label = jx_calloc(n_frameworks, sizeof(*e->label));
	}
	e->level[fw] = level;
	e->label[fw] = label;
}

static void build_index(void)
{
	size_t f, i, j;

	for (f = 0; f < n_frameworks; f++) {
		const struct jx_framework *fw = &frameworks[f];

		for (i = 0; i < fw->n_l1; i++) {
			index_label(f, fw->l1[i].name, JX_LABEL_L1, fw->l1[i].name);
			for (j = 0; j < fw->l1[i].n_l2; j++)
				index_label(f, fw->l1[i].l2[j], JX_LABEL_L2, fw->l1[i].l2[j]);
		}
	}
	for (f = 0; f < n_frameworks; f++)
		for (i = 0; i < frameworks[f].n_alias; i++) {
			const struct alias *a = &frameworks[f].alias[i];
			struct entry *target = slot(a->label);

			if (!target->key || !target->level[f])
				die(frameworks[f].id, "alias of an unknown label");
			index_label(f, a->key, target->level[f], target->label[f]);
		}
}

static void load_all(void)
{
	const struct jx_asset *a;

	for (a = jx_assets_frameworks; a->name; a++)
		n_frameworks++;
	frameworks = jx_calloc(n_frameworks, sizeof(*frameworks));
	for (a = jx_assets_frameworks; a->name; a++)
		load_one(&frameworks[a - jx_assets_frameworks], a);
	qsort(frameworks, n_frameworks, sizeof(*frameworks), by_since);
	build_index();
}

size_t jx_framework_count(void)
{
	pthread_once(&once, load_all);
	return n_frameworks;
}

const struct jx_framework *jx_framework_at(size_t i)
{
	return i < jx_framework_count() ? &frameworks[i] : NULL;
}

const struct jx_framework *jx_framework_get(const char *id)
{
	size_t i;

	for (i = 0; i < jx_framework_count(); i++)
		if (strcmp(frameworks[i].id, id) == 0)
			return &frameworks[i];
	return NULL;
}

const char *jx_framework_id(const struct jx_framework *fw)
{
	return fw->id;
}

int jx_framework_since(const struct jx_framework *fw)
{
	return fw->since;
}

static const struct entry *lookup(const char *key)
{
	const struct entry *e;
	size_t n;

	jx_framework_count(); /* loads the frameworks on first use */
	if (!may_begin(key))
		return NULL;
	n = strnlen(key, longest + 1);
	if (n > longest)
		return NULL; /* cells of running text are asked about often: not hashed */
	e = slot_n(key, n, hash_n(FNV_BASIS, key, n));
	return e->key ? e : NULL;
}

enum jx_label jx_framework_label(const struct jx_framework *fw, const char *key, const char **label)
{
	const struct entry *e = lookup(key);
	size_t i = (size_t)(fw - frameworks);

	if (!e)
		return JX_LABEL_NONE;
	if (!e->level[i]) /* unknown to fw: read as the first framework that knows it (every entry has one) */
		for (i = 0; !e->level[i]; i++)
			;
	*label = e->label[i];
	return e->level[i];
}

const char *jx_framework_key_at(size_t i)
{
	size_t slot, n = 0;

	jx_framework_count();
	for (slot = 0; slot < INDEX_SIZE; slot++)
		if (index_[slot].key && n++ == i)
			return index_[slot].key;
	return NULL;
}

bool jx_framework_is_label(const char *key)
{
	return lookup(key) != NULL;
}

size_t jx_framework_label_prefix(const char *key, size_t min)
{
	uint32_t h[MAX_LABEL + 1]; /* h[n]: the hash of key[0..n) */
	size_t n, len;

	jx_framework_count();
	if (!may_begin(key))
		return 0; /* every key of the index begins with its first character */
	n = strnlen(key, longest);
	h[0] = FNV_BASIS;
	for (len = 0; len < n; len++)
		h[len + 1] = hash_n(h[len], key + len, 1);
	for (len = n; len > min; len--)
		if ((key[len] & 0xC0) != 0x80 && slot_n(key, len, h[len])->key)
			return len;
	return 0;
}

const char *jx_framework_canonical(const char *key, enum jx_label level)
{
	const struct entry *e = lookup(key);
	size_t i;

	for (i = 0; e && i < n_frameworks; i++)
		if (e->level[i] == level)
			return e->label[i];
	return NULL;
}

static const struct level1 *find_l1(const struct jx_framework *fw, const char *l1)
{
	size_t i;

	for (i = 0; i < fw->n_l1; i++)
		if (strcmp(fw->l1[i].name, l1) == 0)
			return &fw->l1[i];
	return NULL;
}

const char *jx_framework_group(const struct jx_framework *fw, const char *l1)
{
	const struct level1 *l = fw ? find_l1(fw, l1) : NULL;
	size_t i;

	for (i = 0; !l && i < jx_framework_count(); i++) /* a label this framework lacks: as another has it */
		l = find_l1(&frameworks[i], l1);
	return l ? l->group : NULL;
}

bool jx_framework_pair(const struct jx_framework *fw, const char *l1, const char *l2)
{
	const struct level1 *l = find_l1(fw, l1);
	size_t j;

	for (j = 0; l && j < l->n_l2; j++)
		if (strcmp(l->l2[j], l2) == 0)
			return true;
	return false;
}

static const char *own_parent(const struct jx_framework *fw, const char *l2)
{
	size_t i;

	for (i = 0; i < fw->n_l1; i++)
		if (jx_framework_pair(fw, fw->l1[i].name, l2))
			return fw->l1[i].name;
	return NULL;
}

const char *jx_framework_parent(const struct jx_framework *fw, const char *l2)
{
	const char *p = own_parent(fw, l2);
	size_t i;

	for (i = 0; !p && i < jx_framework_count(); i++)
		p = own_parent(&frameworks[i], l2);
	return p;
}

const char *jx_framework_only_child(const struct jx_framework *fw, const char *l1)
{
	const struct level1 *l = find_l1(fw, l1);

	return l && l->n_l2 == 1 ? l->l2[0] : NULL;
}

size_t jx_framework_choose(const size_t *score, int year)
{
	size_t i, best = 0;

	for (i = 1; i < jx_framework_count(); i++) {
		if (score[i] > score[best] || (score[i] == score[best] && frameworks[i].since <= year))
			best = i;
	}
	return best;
}

bool jx_framework_pair_at(const struct jx_framework *fw, size_t i, const char **l1, const char **l2)
{
	size_t k;

	for (k = 0; k < fw->n_l1; k++) {
		if (i < fw->l1[k].n_l2) {
			*l1 = fw->l1[k].name;
			*l2 = fw->l1[k].l2[i];
			return true;
		}
		i -= fw->l1[k].n_l2;
	}
	return false;
}
