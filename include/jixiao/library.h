/*
 * library.h — the indicator library (指标库): indicators kept for reuse, with what a unit needs to
 * write one well — its labels, unit, 指标性质 (≥, ≤, =), direction, 指标解释 and computation, the
 * standard its value rests on (财预〔2021〕101号's five: 计划标准, 行业标准, 历史标准, 预算支出标准,
 * 其他标准) with its source, the sector (支出功能分类 类/款, code and name) and project type it belongs
 * to, and keywords.
 *
 * The library is the seed (data/library/seed.json, compiled in: the common indicators of each project
 * type) with the store's entries over it, an entry of the store replacing the seed's of the same id.
 * Entries come from the seed, from finance's curation (jx_library_add of a file), from approved tables
 * (纳入: jx_library_take_tables) and from published tables of other places read from files
 * (jx_library_take_project); each says where it came from, and an entry met in several tables counts
 * them (duplicates are merged by level 1, level 2, name and unit).
 *
 * The file form — what `library export` writes and `library add` reads — is {"entries": [ENTRY, …]},
 * an entry {"id", "name", "level1", "level2", "unit", "op", "direction", "value_type", "explanation",
 * "computation", "basis", "basis_source", "type", "sector": {"class": {"code", "name"}, "item":
 * {"code", "name"}}, "keywords": […], "origin", "tables": [ids], "sources": […], "uses"}; only name,
 * level1 and level2 are required. The seed adds "types" and "sectors": the words that tell a project's
 * type and sector from its name, unit and goal, for suggestions.
 *
 * Ownership: a library owns its entries and their strings; jx_library_free() frees them. Lookups
 * return pointers into the library, valid until it changes. A library is read by several threads at
 * once only while none changes it.
 */
#ifndef JIXIAO_LIBRARY_H
#define JIXIAO_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jx_err;
struct jx_project;
struct jx_store;

#define JX_LIB_MAX_ENTRIES 200000 /* in one file: more is taken for hostile input */
#define JX_LIB_MAX_LIST 64        /* keywords of an entry */
#define JX_LIB_ID_MAX 64          /* bytes of an id: letters, digits, '.', '_' and '-' */

/* 支出功能分类: a 类 (three digits) and, within it, optionally a 款 (five digits). */
struct jx_lib_sector {
	char *class_code; /* "208", or NULL: no sector */
	char *class_name; /* 社会保障和就业支出 */
	char *item_code;  /* "20802", or NULL: the whole 类 */
	char *item_name;  /* 民政管理事务 */
};

struct jx_lib_entry {
	char *id;             /* stable: given, or made from the level labels, name and unit */
	char *name;           /* the indicator's name, without its unit */
	char *level1, *level2; /* canonical labels of a framework */
	char *unit;           /* as an indicator's unit is kept (NFKC, no spaces), or NULL */
	char *op;             /* 指标性质: ≥, ≤, =, > or <, or NULL for a qualitative indicator */
	char *direction;      /* 正向, 反向 or 中性, or NULL */
	char *value_type;     /* 定量 or 定性, or NULL */
	char *explanation;    /* 指标解释, or NULL */
	char *computation;    /* how it is computed, or NULL */
	char *basis;          /* one of the five standards, or NULL */
	char *basis_source;   /* the standard's source (a plan, a document, last year's actual), or NULL */
	char *type;           /* the project type it belongs to (培训, 会议 …), NULL: any */
	struct jx_lib_sector sector;
	char **keywords;
	size_t n_keywords;
	char *origin;         /* seed, curated, approved or imported */
	size_t uses;          /* how many tables it was taken from (the store's count, or a file's) */
	/* The tables it was taken from, as far as they are at hand: read from a file, taken in since the
	 * library was loaded (jx_library_save records them), or loaded for an export (jx_library_load_uses).
	 * A library loaded to be looked in has none: the store keeps them apart (library_use). */
	int64_t *tables;      /* approved tables of the store, ascending */
	size_t n_tables;
	char **sources;       /* imported tables: "FILE：UNIT《NAME》" */
	size_t n_sources;
	bool dirty;           /* changed since loaded: jx_library_save writes it */
	bool fresh;           /* new in this run, not yet in the store or the seed */
};

/* The words that tell a project's type or sector (the seed's "types" and "sectors"). */
struct jx_lib_words {
	char *type;                  /* the type's name, or NULL for a sector */
	struct jx_lib_sector sector; /* the sector, for a sector */
	char **keywords;
	size_t n_keywords;
};

struct jx_library {
	struct jx_lib_entry *e; /* seed order, then the store's own entries by id */
	size_t n, cap;
	struct jx_lib_words *types, *sectors;
	size_t n_types, n_sectors;
	size_t *by_key, *by_id; /* hash indexes: slot → entry index + 1 (0 empty) */
	size_t cap_index;
};

#define JX_LIBRARY_INIT { 0 }

/* Reads a library file (text, len bytes; file names it in messages) into lib, which must be empty. A
 * seed may hold "types" and "sectors" too. All or nothing: on error lib stays empty, and the message
 * names the file, the entry and the field. */
int jx_library_read(struct jx_library *lib, const char *text, size_t len, const char *file, bool seed,
		    struct jx_err *err);

/* The library: the seed with st's entries over it (st NULL: the seed alone). */
int jx_library_load(struct jx_store *st, struct jx_library *lib, struct jx_err *err);
void jx_library_free(struct jx_library *lib);

/* The entry of that id, or NULL. */
const struct jx_lib_entry *jx_library_get(const struct jx_library *lib, const char *id);

/* True if an entry has this name and unit (NULL: none), whatever its labels: a hash lookup. */
bool jx_library_has(const struct jx_library *lib, const char *name, const char *unit);

/* The entry of an indicator of this name and unit (the first, if several frameworks' labels hold it),
 * or NULL. */
const struct jx_lib_entry *jx_library_find(const struct jx_library *lib, const char *name, const char *unit);

/* How many tables an entry was taken from. */
size_t jx_lib_entry_uses(const struct jx_lib_entry *e);

/* The entry as one line of JSON (the file form's, with the tables it has at hand), a new string. */
char *jx_lib_entry_json(const struct jx_lib_entry *e);

/* Loads from st the tables each entry (or only the entry id, if not NULL) was taken from into its
 * tables and sources, for an export or a show. */
int jx_library_load_uses(struct jx_store *st, struct jx_library *lib, const char *id, struct jx_err *err);

/* The sector as people read it: "208 社会保障和就业支出 / 20802 民政管理事务" into a new string, or NULL. */
char *jx_lib_sector_text(const struct jx_lib_sector *s);

/* ---- changing the library (each ends with jx_library_save, one transaction) ---- */

struct jx_lib_stats {
	size_t added;     /* entries new to the library */
	size_t updated;   /* entries changed */
	size_t unchanged; /* entries given again as they were (merge) */
	size_t tables;    /* tables read (import) */
};

/* Merges the entries of given (jx_library_read) into lib, as finance curates: an entry with an id
 * replaces that entry; one without replaces the entry of the same labels, name and unit, else is new.
 * An entry whose labels, name and unit another entry of another id has is refused (JX_ECONFLICT,
 * naming both); nothing is changed then. Entries without an origin are "curated". */
int jx_library_merge(struct jx_library *lib, const struct jx_library *given, struct jx_lib_stats *stats,
		     struct jx_err *err);

/* Takes p's indicators into lib (纳入): an indicator of the same labels, name and unit as an entry adds
 * p to that entry's tables (id > 0, an approved table of the store) or sources (source, a table read
 * from a file); others become entries of origin approved or imported. Counted by jx_library_save,
 * which records them (a table taken in twice counts once). */
void jx_library_take_project(struct jx_library *lib, const struct jx_project *p, int64_t id, const char *source,
			     struct jx_lib_stats *stats);

/* Takes every approved table of year (0: every year) of st into lib. */
int jx_library_take_tables(struct jx_store *st, struct jx_library *lib, int year, struct jx_lib_stats *stats,
			   struct jx_err *err);

/* Writes lib's changed entries, and the tables they were taken from, to st in one transaction. stats
 * (may be NULL) counts the entries added (new in this run) and updated (changed, or taken from a table
 * not counted before). */
int jx_library_save(struct jx_store *st, struct jx_library *lib, struct jx_lib_stats *stats, struct jx_err *err);

/* ---- finding entries ---- */

/* What to look for: words (each must match the name, keywords, explanation, labels, type or sector;
 * NULL or none: every entry), a type (exactly) and a sector (a code it starts with, or words of its
 * name). */
struct jx_lib_query {
	const char *const *words;
	size_t n_words;
	const char *type;
	const char *sector;
};

/* The entries matching q, best first (by how the words match: name, then keywords, then the rest;
 * then by uses), at most max. Returns how many, into out (max pointers). */
size_t jx_library_search(const struct jx_library *lib, const struct jx_lib_query *q, const struct jx_lib_entry **out,
			 size_t max);

/* True if e is of type (exactly) and sector s (a code it starts with, or a part of its names); NULL
 * matches all. */
bool jx_lib_entry_matches(const struct jx_lib_entry *e, const char *type, const char *sector);

/* ---- suggestions ---- */

/* How a project's type or sector was told. */
enum jx_lib_how { JX_LIB_UNKNOWN, JX_LIB_GIVEN, JX_LIB_CATEGORY, JX_LIB_INFERRED };

struct jx_lib_guess {
	enum jx_lib_how how;
	const char *type;                    /* the type (types), for a type */
	const struct jx_lib_sector *sector;  /* the sector, for a sector */
	const char *word;                    /* inferred or category: the word found */
	const char *where;                   /* where: 项目名称, 预算单位, 年度目标 or 项目类别 */
};

struct jx_suggestion {
	const struct jx_lib_entry *e;
	int score;
	char *why; /* the reasons, for people: 适用于培训类项目；… */
};

struct jx_suggestions {
	struct jx_lib_guess type, sector;
	struct jx_suggestion *s; /* best first */
	size_t n;
};

/* Suggests lib's entries not yet in p (by name and unit) for p's type and sector: type and sector as
 * given (NULL: from p's 项目类别, else inferred from the words of its name, unit and goal, and said
 * so). Free out with jx_suggestions_free(). */
void jx_library_suggest(const struct jx_library *lib, const struct jx_project *p, const char *type, const char *sector,
			struct jx_suggestions *out);
void jx_suggestions_free(struct jx_suggestions *s);

/* The guess in words: "补助（由项目名称中的“救助”推断，未经确认）". A new string. */
char *jx_lib_guess_text(const struct jx_lib_guess *g);

#endif
