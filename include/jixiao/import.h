/*
 * import.h — importing target tables into the store, all or nothing.
 *
 * A project is identified by year, kind and name. Importing a table for an existing project replaces
 * it and keeps its id. What the input does not state (the document form carries no flags, status or
 * framework) is kept from the stored project: its 重点/涉密 flags, its framework if the labels still fit
 * it, and its status while the table is unchanged — a changed table returns to draft, to go through
 * review again. The same project twice in one import is an error naming both places. Every project
 * created or changed gets a history entry.
 */
#ifndef JIXIAO_IMPORT_H
#define JIXIAO_IMPORT_H

#include <stddef.h>
#include <stdint.h>

struct jx_err;
struct jx_input;
struct jx_store;

struct jx_account;
struct jx_project;

struct jx_import_stats {
	size_t projects;   /* tables read */
	size_t indicators; /* indicators in them */
	size_t added;      /* projects new to the store */
	size_t replaced;   /* existing projects whose table, flags or status changed */
	size_t unchanged;  /* existing projects imported again as they were */
	size_t units;      /* budget units registered because a table named them (unit.h) */
};

/* What saving a table did: made a new project, changed a stored one, or found it as stored. */
enum jx_saved { JX_SAVED_NEW, JX_SAVED_CHANGED, JX_SAVED_UNCHANGED };

struct jx_import_opts {
	const char *user; /* who imports, for the history (NULL: "unknown") */
	/* the account importing, whose rights every table is held to (access.h: its unit's tables, and no
	 * flag or status it may not set); NULL: the command line's operator, who holds the whole store */
	const struct jx_account *who;
	/* Called now and then while importing (may be NULL): the input, bytes read of it and its size
	 * (0 if unknown), and the totals so far. */
	void (*progress)(void *ctx, const char *name, uint64_t done, uint64_t size, const struct jx_import_stats *s);
	void *ctx;
	/* Called (may be NULL) with each budget unit the tables name that the registry lacked, registered as
	 * the import commits — by the operator's import only (who NULL): an account's tables are its own
	 * registered unit's. Called before the commit: a commit that then fails registers nothing. */
	void (*new_unit)(void *ctx, const char *name);
	void *unit_ctx;
	/* Called (may be NULL) after each table saved, in the order read, with the table as saved (p->id
	 * set) and what saving it did — on the writer's thread, inside the import's transaction, which may
	 * yet be undone (a preview). p is the import's: valid for the call only. */
	void (*saved)(void *ctx, const struct jx_project *p, enum jx_saved how);
	void *saved_ctx;
};

/* Saves one table as an import does (and as an edit must): new, or over the stored project keeping
 * what p's source did not state, with its history entry. Sets p->id and *saved. who (NULL: the
 * operator) must have the right to write p and every flag or status it states (jx_access_fields:
 * JX_EFORBIDDEN naming the field). Not a transaction of its own: callers group saves (jx_store_begin). */
struct jx_project;
struct jx_account;
int jx_save(struct jx_store *st, struct jx_project *p, const struct jx_account *who, const char *user,
	    enum jx_saved *saved, struct jx_err *err);

/* Saves p over project id, as an edit does: like jx_save, but p may rename it (another table of that
 * year, kind, unit and name is JX_ECONFLICT), and id must exist (JX_ENOTFOUND). A p->revision not 0 is
 * the revision the editor read: if another write has moved the project on since, nothing is saved
 * (JX_ECONFLICT, telling to reload). Call it in the write transaction, which makes the check and the
 * save one step. */
int jx_save_id(struct jx_store *st, int64_t id, struct jx_project *p, const struct jx_account *who, const char *user,
	       enum jx_saved *saved, struct jx_err *err);

struct jx_import;

/* Begins an import into st (a transaction). o may be NULL. Returns a new import the caller ends with
 * jx_import_commit() or jx_import_abort(), either of which frees it. */
struct jx_import *jx_import_begin(struct jx_store *st, const struct jx_import_opts *o, struct jx_err *err);

/* Reads one input (document text, JSON or an XLSX workbook, recognised by content) into the import. */
int jx_import_input(struct jx_import *im, struct jx_input *in, struct jx_err *err);

/* Registers the units the tables name that the registry lacks (the operator's import: jx_import_opts),
 * commits the import and frees it; stats (may be NULL) receives the totals. On failure nothing is
 * stored. */
int jx_import_commit(struct jx_import *im, struct jx_import_stats *stats, struct jx_err *err);

/* Undoes everything the import wrote and frees it. */
void jx_import_abort(struct jx_import *im);

/* Imports the files ("-" is standard input) as one import: on any error nothing of any of them is
 * stored. */
int jx_import_files(struct jx_store *st, const char *const *paths, size_t n, const struct jx_import_opts *o,
		    struct jx_import_stats *stats, struct jx_err *err);

#endif
