/*
 * framework.h — indicator frameworks (指标体系): which level-2 labels stand under which level-1 label.
 *
 * The frameworks are data (the JSON files in data/frameworks, compiled in), not code: "2015" (财预〔2015〕88号) and
 * "2021" (财预〔2021〕101号). Labels are looked up by their matching key (see text.h), and a label's
 * aliases in the data map to its canonical form. Frameworks are loaded once, on first use, and are
 * read-only afterwards, so they may be used from any thread.
 */
#ifndef JIXIAO_FRAMEWORK_H
#define JIXIAO_FRAMEWORK_H

#include <stdbool.h>
#include <stddef.h>

struct jx_framework;

enum jx_label { JX_LABEL_NONE = 0, JX_LABEL_L1 = 1, JX_LABEL_L2 = 2 };

/* The number of frameworks, and the i-th one, ordered by the year they apply from. */
size_t jx_framework_count(void);
const struct jx_framework *jx_framework_at(size_t i);

/* The framework with this id ("2015"), or NULL. */
const struct jx_framework *jx_framework_get(const char *id);

const char *jx_framework_id(const struct jx_framework *fw);
int jx_framework_since(const struct jx_framework *fw); /* first budget year it applies to */

/* Classifies a label key as read in a table of framework fw. A key fw knows is read as fw has it;
 * a key only another framework knows is read as that one has it (so a misplaced label is kept, for
 * review to flag, rather than taken for an indicator name). Sets *label to the canonical text. */
enum jx_label jx_framework_label(const struct jx_framework *fw, const char *key, const char **label);

/* The scoring group of level-1 label l1 in fw (or, failing that, in any framework): "output",
 * "effect" or "satisfaction"; NULL if none knows it. fw may be NULL. */
const char *jx_framework_group(const struct jx_framework *fw, const char *l1);

/* True if level-2 label l2 stands under level-1 label l1 in fw (canonical labels). */
bool jx_framework_pair(const struct jx_framework *fw, const char *l1, const char *l2);

/* The level-1 label l2 stands under in fw (or, failing that, in any framework); NULL if none. */
const char *jx_framework_parent(const struct jx_framework *fw, const char *l2);

/* The level-2 label under l1 in fw if there is exactly one (满意度指标 → 服务对象满意度指标), else NULL. */
const char *jx_framework_only_child(const struct jx_framework *fw, const char *l1);

/* The i-th (from 0) level-1/level-2 pair of fw in the framework's order, into *l1 and *l2; false
 * past the last. For forms that offer the labels to choose from. */
bool jx_framework_pair_at(const struct jx_framework *fw, size_t i, const char **l1, const char **l2);

/* The keys of every framework's labels and aliases, one by one: the i-th of them (in no particular
 * order), or NULL past the last. */
const char *jx_framework_key_at(size_t i);

/* True if key is any framework's label of either level. */
bool jx_framework_is_label(const char *key);

/* The length of the longest beginning of key, longer than min bytes, that is any framework's label or
 * alias (at a character's boundary); 0 if none. */
size_t jx_framework_label_prefix(const char *key, size_t min);

/* The canonical label key stands for at level in some framework (aliases included), or NULL. */
const char *jx_framework_canonical(const char *key, enum jx_label level);

/* Chooses among frameworks given score[i] for jx_framework_at(i): the highest score wins; a tie goes
 * to the latest framework that applies to year, else the earliest. Returns its index. */
size_t jx_framework_choose(const size_t *score, int year);

#endif
