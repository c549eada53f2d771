/*
 * unit.h — the registry of budget units (单位库): each unit's name, its code and its 主管部门.
 *
 * Accounts and tables name their budget unit; the registry says which names are units. A unit account
 * is made for a registered unit only, and the web form and the API take a table only for a registered
 * unit (jx_unit_require). The command line's operator holds the whole store: `jixiao import` registers
 * the units the tables it reads name that the registry lacks (published tables from elsewhere must come
 * in), and says so. A name is unique, a code unique where given; a 主管部门 is another registered unit,
 * named by its name. Renaming a unit renames it everywhere it is named — the registry, projects (each
 * with an entry in its history) and accounts — in one transaction.
 */
#ifndef JIXIAO_UNIT_H
#define JIXIAO_UNIT_H

#include <stdbool.h>
#include <stddef.h>

struct jx_err;
struct jx_store;
struct jx_unit_row;

#define JX_UNIT_NAME_MAX 100 /* characters of a unit's name */
#define JX_UNIT_CODE_MAX 32  /* bytes of a code: ASCII letters, digits, - . _ */

/* Checks a unit's name as what (for the message: "预算单位名称", "第 3 行 第 2 列"): 1 to
 * JX_UNIT_NAME_MAX characters of UTF-8 text, no control characters, no white space at either end.
 * 0, or -1 with err JX_EINPUT saying what was expected. */
int jx_unit_check_name(const char *name, const char *what, struct jx_err *err);

/* Adds a unit: name (jx_unit_check_name), code (NULL or "": none), parent (NULL or "": none; else a
 * registered unit's name). JX_ECONFLICT if the name or the code is taken (naming the unit that has
 * it), JX_EINPUT for a bad name or code or an unregistered parent. A transaction of its own. */
int jx_unit_add(struct jx_store *st, const char *name, const char *code, const char *parent, struct jx_err *err);

/* Reads units from CSV (text, len bytes; UTF-8, a BOM allowed; RFC 4180 quoting): a header row naming
 * the columns code, name and parent (or 代码, 名称, 主管部门) in any order, then a unit a row (empty
 * rows skipped). All or nothing, in one transaction: a bad row, a name twice, a code taken, a parent
 * neither registered nor in the file is JX_EINPUT naming the file (source), line and column. A unit
 * already registered with the same code and parent is left as it is (*same counts them); one
 * registered otherwise is an error. *added receives the units added. */
int jx_unit_import(struct jx_store *st, const char *source, const char *text, size_t len, size_t *added, size_t *same,
		   struct jx_err *err);

/* Calls fn with every unit, by name (the row valid during the call only). */
int jx_unit_each(struct jx_store *st, int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx,
		 struct jx_err *err);

/* 0 if name is a registered unit; else -1 with err JX_EINPUT (一 message saying to register it first),
 * or the store's failure. */
int jx_unit_require(struct jx_store *st, const char *name, struct jx_err *err);

/* Renames unit from to to everywhere (unit.h's top), recording a change of 预算单位 in the history of
 * each project renamed, by user. JX_ENOTFOUND if from is not registered, JX_ECONFLICT if to is. *projects
 * and *accounts (may be NULL) receive how many were renamed. A transaction of its own. */
int jx_unit_rename(struct jx_store *st, const char *from, const char *to, const char *user, size_t *projects,
		   size_t *accounts, struct jx_err *err);

/* Registers every unit that a project or an account names and the registry lacks, calling fn (may be
 * NULL) with each name registered, by name; *n (may be NULL) receives how many. In the caller's
 * transaction (an import's, before it commits). */
int jx_unit_register_missing(struct jx_store *st, int (*fn)(void *ctx, const char *name), void *ctx, size_t *n,
			     struct jx_err *err);

#endif
