/*
 * store.h — the one interface to where projects are kept.
 *
 * Callers see only these functions; the backend behind them is chosen by the location given to
 * jx_store_open(): a path is an SQLite file (the embedded default). A PostgreSQL backend will plug in
 * behind the same functions. Only backends speak SQL.
 *
 * Writes are grouped in transactions: jx_store_begin, the writes, then jx_store_end with their outcome,
 * which commits or undoes everything since the matching begin. Every begin that succeeded is paired with
 * exactly one end, on every path; a commit that fails is rolled back inside jx_store_end, so the store
 * is usable at once and a caller cannot leave a transaction open. Transactions nest (an inner one is a
 * savepoint), and every single write is atomic on its own. An import is one transaction: stored whole
 * or not at all.
 *
 * Failures a caller may want to tell apart: JX_EBUSY (another writer held the store longer than the
 * wait allowed; nothing was written, try again), JX_EFULL (the disk is full; nothing was written).
 *
 * A store handle is used by one thread at a time; open one per thread.
 */
#ifndef JIXIAO_STORE_H
#define JIXIAO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/dec.h"
#include "jixiao/model.h"

struct jx_err;
struct jx_store;

enum {
	JX_STORE_CREATE = 1 << 0, /* create the database if it does not exist yet */
};

/* Opens the store at location (flags: JX_STORE_*) and brings its schema up to date. *out is a new
 * handle the caller closes with jx_store_close(). Without JX_STORE_CREATE, a missing database is
 * JX_ENOTFOUND. */
int jx_store_open(struct jx_store **out, const char *location, unsigned flags, struct jx_err *err);
void jx_store_close(struct jx_store *st);

/* True if a store exists at location. */
bool jx_store_exists(const char *location);

/* Removes the store at location, which the caller made and has closed: for a command that created a
 * store only to fail before anything was stored in it, so that it leaves nothing behind. */
void jx_store_remove(const char *location);

/* Begins a transaction that writes (the outer one waits for the write lock, a bounded time: JX_EBUSY). */
int jx_store_begin(struct jx_store *st, struct jx_err *err);
/* Begins a transaction that only reads: one consistent snapshot for several queries, which does not
 * hold writers up. End it with jx_store_end(); do not write in it. */
int jx_store_begin_read(struct jx_store *st, struct jx_err *err);
/* Ends the innermost transaction: with rc 0 commits it, else undoes it. A commit that fails is undone
 * too. Returns 0 if it committed; else -1, with err set by the failed commit (an rc that was already a
 * failure leaves err as the caller's failure set it). Meant to close a block:
 *     if (jx_store_begin(st, err)) return -1;
 *     rc = step_one(…) || step_two(…);
 *     return jx_store_end(st, rc, err); */
int jx_store_end(struct jx_store *st, int rc, struct jx_err *err);

/* The id of the project identified by year, kind, unit and name (a name is unique within a unit's
 * year, not across units), or 0 in *id if there is none. */
int jx_store_find(struct jx_store *st, int year, enum jx_kind kind, const char *unit, const char *name, int64_t *id,
		  struct jx_err *err);

/* Writes p whole: with p->id set, over that project (keeping its id); else as a new project, setting
 * p->id. A new project whose year, kind, unit and name another already has is JX_ECONFLICT. A put that
 * fails leaves nothing of p (it is a transaction of its own, nested in the caller's), unless bulk. */
int jx_store_put(struct jx_store *st, struct jx_project *p, struct jx_err *err);

/* Bulk writing (on, inside a transaction): the caller undoes its whole transaction if any write fails,
 * so puts need no nested transaction of their own — a province's import spends a fifth of its writing
 * on them. Off again before anything that may fail and go on. Turned on before the transaction begins,
 * it lets the store prepare for a load: SQLite then makes the indexes of a store without projects once,
 * at the commit, instead of entry by entry. */
void jx_store_bulk(struct jx_store *st, bool on);

/* Sets project id's status (and nothing else). */
int jx_store_set_status(struct jx_store *st, int64_t id, enum jx_status status, struct jx_err *err);

/* One entry of a project's history: who did what, when. */
struct jx_event {
	int64_t project_id;
	const char *at;     /* UTC, ISO 8601 (clock.h) */
	const char *user;   /* who */
	const char *action; /* create, change, submit, approve, return */
	const char *detail; /* a JSON object: what changed, before and after */
};

/* Appends an entry to a project's history. An entry of action submit also records its time as the
 * project's latest submission (jx_summary.submitted), which the review queue shows and sorts by. */
int jx_store_log(struct jx_store *st, const struct jx_event *e, struct jx_err *err);

/* Calls fn for each entry of project id's history, oldest first. A non-zero return from fn stops
 * the walk and is returned. fn's argument is valid only during the call. */
int jx_store_history(struct jx_store *st, int64_t id, int (*fn)(void *ctx, const struct jx_event *e, struct jx_err *err),
		     void *ctx, struct jx_err *err);

/* The bureau's log (操作日志): entries of every project's history, newest first. */
struct jx_log_filter {
	int64_t before;     /* only entries older than this one (its id; 0: from the newest) */
	size_t limit;       /* at most this many */
	const char *unit;   /* only this budget unit's tables (NULL: all) */
	const char *action; /* only this action (NULL: all) */
	const char *user;   /* only this account's (NULL: all) */
};

struct jx_log_row {
	int64_t id;             /* the entry's, for the next page's before */
	struct jx_event e;
	const char *name;       /* the project's */
	const char *unit;
	int year;
	bool classified;
};

/* Calls fn with each entry matching f, newest first. fn's argument is valid only during the call. */
int jx_store_log_page(struct jx_store *st, const struct jx_log_filter *f,
		      int (*fn)(void *ctx, const struct jx_log_row *row, struct jx_err *err), void *ctx,
		      struct jx_err *err);

/* The latest entry of project id's history with this action: its detail and time, malloc'd for the
 * caller to free; both NULL if there is none. */
int jx_store_last_event(struct jx_store *st, int64_t id, const char *action, char **detail, char **at,
			struct jx_err *err);

/* A saved publication (publish.h): its record, and its content — the canonical JSON it renders from —
 * kept a table at a time: content (the text before its first table, which holds the statement), the
 * tables (jx_store_publication_parts), sep between two of them and tail after the last
 * (jx_publication_cut), so that neither saving nor reading a version ever holds all its tables. */
struct jx_published {
	int version;         /* numbered by the store, from 1 */
	int year;
	const char *at;      /* when (UTC, ISO 8601) */
	const char *user;    /* by whom */
	bool key_only;
	const char *hash;    /* SHA-256 of the whole content, hex */
	size_t tables;       /* tables attached */
	jx_money money;      /* the statement's money */
	const char *content; /* the head of the content; NULL in listings */
	const char *sep;     /* between two tables (NULL in listings) */
	const char *tail;    /* after the last table (NULL in listings) */
};

/* A table as a publication published it (strings valid during a callback only). */
struct jx_published_table {
	int64_t project_id;
	int version;      /* the latest publication that holds it */
	int year;
	const char *name; /* the project's, as it stands */
	const char *unit;
	const char *body; /* the table's canonical JSON as published (NULL in listings) */
};

/* Records that version published project_id's table as body (its canonical JSON, len bytes). */
int jx_store_published_put(struct jx_store *st, int64_t project_id, int version, const char *body, size_t len,
			   struct jx_err *err);

/* Calls fn with the latest published form of project_id — JX_ENOTFOUND if it was never published or
 * is classified now — or, project_id 0, with every published project of year (0: any), without
 * bodies, classified ones left out. */
int jx_store_published(struct jx_store *st, int64_t project_id, int year,
		       int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
		       struct jx_err *err);

/* Calls fn with project_id's table as publication version published it — version 0: the latest
 * publication that holds it — or is JX_ENOTFOUND if there is none or the project is classified now.
 * With body false only t->project_id and t->version are given (year 0, the strings NULL): the cheap
 * question of which version is current, which the web system asks on every request for a public page
 * before it looks at what it keeps (an SQLite store answers it from memory while nothing has been
 * committed since it last asked). */
int jx_store_published_at(struct jx_store *st, int64_t project_id, int version, bool body,
			  int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
			  struct jx_err *err);

/* Whether publication version holds a table whose project is classified now: such a version is
 * withdrawn and is not to be shown again (jx_publication_still_public asks the same by name, of a
 * version loaded). *out false also when there is no such version. */
int jx_store_withdrawn(struct jx_store *st, int version, bool *out, struct jx_err *err);

/* Writes a consistent copy of the whole store — projects, history, publications, actuals, accounts —
 * to path, replacing it only once the copy is complete and on disk. Others go on reading and writing
 * meanwhile; the copy holds the store as it was when the copy began. */
int jx_store_backup(struct jx_store *st, const char *path, struct jx_err *err);

/* Replaces the store's whole content with the copy at path (jx_store_backup's), having checked it: a
 * jixiao store, intact, of a schema version this program knows (an older one is then upgraded).
 * Nothing changes if it fails. Not inside a transaction. */
int jx_store_restore(struct jx_store *st, const char *path, struct jx_err *err);

/* Checks the store's own consistency — the engine's integrity check, every reference between rows,
 * the schema version — calling fn with each problem found, in plain words. */
int jx_store_check(struct jx_store *st, int (*fn)(void *ctx, const char *problem, struct jx_err *err), void *ctx,
		   struct jx_err *err);

/* Saves a publication; sets p->version. */
int jx_store_add_publication(struct jx_store *st, struct jx_published *p, struct jx_err *err);

/* Calls fn with publication version, content included. JX_ENOTFOUND if there is none. */
int jx_store_publication(struct jx_store *st, int version,
			 int (*fn)(void *ctx, const struct jx_published *p, struct jx_err *err), void *ctx,
			 struct jx_err *err);

/* Adds to version's content its seq-th table (from 0): body, its canonical JSON of len bytes. */
int jx_store_publication_part_put(struct jx_store *st, int version, size_t seq, const char *body, size_t len,
				  struct jx_err *err);

/* Calls fn with each table of version's content in order (body, len bytes, NUL-terminated, valid
 * during the call only). */
int jx_store_publication_parts(struct jx_store *st, int version,
			       int (*fn)(void *ctx, const char *body, size_t len, struct jx_err *err), void *ctx,
			       struct jx_err *err);

/* Calls fn for each publication (of year, if not 0), oldest first, without content. */
int jx_store_publications(struct jx_store *st, int year,
			  int (*fn)(void *ctx, const struct jx_published *p, struct jx_err *err), void *ctx,
			  struct jx_err *err);

/* Loads project id. *out is a new project the caller frees with jx_project_free(). JX_ENOTFOUND if
 * there is none. */
int jx_store_get(struct jx_store *st, int64_t id, struct jx_project **out, struct jx_err *err);

/* Resolves a reference a person typed: a project's id, or its name (with year > 0, in that year).
 * JX_ENOTFOUND if none matches, JX_EAMBIGUOUS (listing the ids) if several do. */
int jx_store_resolve(struct jx_store *st, const char *ref, int year, int64_t *id, struct jx_err *err);

struct jx_filter {
	int year;             /* 0: every year */
	bool classified_only; /* only classified (涉密) projects */
	bool hide_classified; /* leave out classified (涉密) projects */
	const char *unit;     /* only this budget unit's tables (NULL: every unit) */
	bool by_status;       /* only tables in status */
	enum jx_status status;
	bool unreadable_too;  /* jx_store_list: a row that cannot be read is passed on, marked unreadable,
			       * in its place, instead of failing the listing (JX_ESTORE) */
};

/* One line of a listing: a project without its goal and indicators. */
struct jx_summary {
	int64_t id;
	enum jx_kind kind;
	int year;
	const char *name;
	const char *unit;
	jx_money total;
	size_t n_ind;
	enum jx_status status;
	bool key;
	bool classified;
	bool unreadable; /* the row cannot be read (a value no jixiao writes, text that is not UTF-8): only
			  * id and year are known; the strings are "" (with jx_filter.unreadable_too only) */
	const char *submitted; /* jx_store_page: when it was last submitted (UTC, ISO 8601), "" if never */
	int version;           /* jx_store_page of published tables: the latest publication holding it */
};

/* For the backends: whether the columns read into s (and status, kind as stored) make a readable row;
 * if not, and f asks for unreadable rows, s is marked unreadable and true is returned too. False: the
 * listing fails. */
bool jx_summary_take(const struct jx_filter *f, struct jx_summary *s, const char *status, const char *kind);

/* Calls fn for each project matching f (NULL: all), ordered by year then id. fn's argument is valid
 * only during the call; a non-zero return from fn stops the walk and is returned. */
int jx_store_list(struct jx_store *st, const struct jx_filter *f,
		  int (*fn)(void *ctx, const struct jx_summary *s, struct jx_err *err), void *ctx, struct jx_err *err);

/* ---- a listing a page at a time (the web system's lists, the API's) ---- */

/* The orders a page of a listing may take: each ends with the project's id, which breaks every tie and
 * runs in the same direction. */
enum jx_sort {
	JX_SORT_YEAR,      /* year, id: jx_store_list's order */
	JX_SORT_ID,
	JX_SORT_NAME,      /* byte order of the UTF-8, as the store compares text */
	JX_SORT_UNIT,
	JX_SORT_TOTAL,     /* 年度资金总额 */
	JX_SORT_SUBMITTED, /* the latest submission (jx_store_log of a submit); never submitted comes first */
};
#define JX_SORT_COUNT 6

/* A sort's name in URLs: year, id, name, unit, total, submitted. */
const char *jx_sort_name(enum jx_sort s);
/* The sort named s: 0, or -1 if s names none. */
int jx_sort_from_name(const char *s, enum jx_sort *out);

/* A row's place in an order: its sort value and id. A page ends at one and the next begins after it
 * (a keyset: rows written or deleted meanwhile shift no page, skip no row and repeat none). */
struct jx_cursor {
	enum jx_sort sort;
	bool desc;
	int64_t id;
	int64_t num; /* the sort value of year and total */
	char *text;  /* the sort value of name, unit and submitted: malloc'd (NULL for the others) */
};

/* The cursor as an opaque token for a URL — base64url of its fields and a checksum, so that a token
 * altered in any way is refused — as a new string the caller frees. */
char *jx_cursor_format(const struct jx_cursor *c);
/* Reads a token of jx_cursor_format for the order sort, desc into *c (its text new: jx_cursor_clear).
 * -1 (err: JX_EINPUT, saying so) if s is not one: altered, cut short, or of another order. */
int jx_cursor_parse(const char *s, enum jx_sort sort, bool desc, struct jx_cursor *c, struct jx_err *err);
void jx_cursor_clear(struct jx_cursor *c);

/* A review queue (jx_page.queue): the tables awaiting one level of review (workflow.h). */
enum jx_queue {
	JX_QUEUE_NONE,
	JX_QUEUE_DEPT,    /* the 主管部门's: submitted, of a year reviewed at two levels */
	JX_QUEUE_FINANCE, /* finance's: passed by the 主管部门, or submitted in a year of one level */
};

/* Which years are reviewed at two levels (review.h: jx_review_level_years): every year but those
 * listed if base, else only those listed. */
struct jx_two_levels {
	bool base;
	const int *years;
	size_t n;
};

/* What a page holds: the rows the filters select, in an order, from a place in it. */
struct jx_page {
	struct jx_filter f;     /* year, unit, status, classified; unreadable_too as jx_store_list */
	bool by_kind;           /* only tables of kind */
	enum jx_kind kind;
	bool by_key;            /* only key (重点) tables if key, only the others if not */
	bool key;
	const char *search;     /* the name contains this text (NULL or "": any), ASCII letters in either case */
	bool published;         /* only tables a publication holds and not classified now (what the public
				 * may see), each with its latest publication's version */
	const char *dept;       /* only the tables of this unit and of the units whose 主管部门 it is (the
				 * registry's; NULL: any) */
	enum jx_queue queue;    /* only the tables awaiting this level of review (its status filter aside) */
	struct jx_two_levels two_levels; /* the years queue takes as reviewed at two levels */
	enum jx_sort sort;
	bool desc;
	size_t limit;           /* rows at most, 1 to JX_PAGE_MAX */
	size_t offset;          /* rows of the order skipped first (a page number's); 0 with after */
	const struct jx_cursor *after; /* or: the page begins after this row (of the same sort and desc) */
	bool count;             /* count every row the filters select (jx_page_out.total) */
};
#define JX_PAGE_MAX 1000

struct jx_page_out {
	size_t rows;            /* rows of this page */
	size_t total;           /* rows the filters select, on every page (when counted) */
	bool more;              /* rows follow this page */
	struct jx_cursor next;  /* when more: the page's last row, where the next page begins (the caller
				 * frees it with jx_cursor_clear) */
};

/* Calls fn with each row of the page q asks for (the summary valid during the call only; fn may run
 * statements of its own), and fills *out — one snapshot of the store. fn's non-zero return stops the
 * walk and is returned. JX_EUSAGE for a q out of range (limit, a cursor of another order). */
int jx_store_page(struct jx_store *st, const struct jx_page *q,
		  int (*fn)(void *ctx, const struct jx_summary *s, struct jx_err *err), void *ctx,
		  struct jx_page_out *out, struct jx_err *err);

/* Like jx_store_list, but loads each whole project (borrowed by fn). Streams: one project at a time. */
int jx_store_each(struct jx_store *st, const struct jx_filter *f,
		  int (*fn)(void *ctx, struct jx_project *p, struct jx_err *err), void *ctx, struct jx_err *err);

/* Records an actual (actuals.h; its project_id, indicator, unit, value, as_of, reason, at and user). */
struct jx_actual;
int jx_store_add_actual(struct jx_store *st, const struct jx_actual *a, struct jx_err *err);

/* Calls fn with each actual recorded for project id, ordered by indicator, unit, as_of, then as
 * recorded. The actual is valid during the call only. */
int jx_store_actuals(struct jx_store *st, int64_t id,
		     int (*fn)(void *ctx, const struct jx_actual *a, struct jx_err *err), void *ctx, struct jx_err *err);

/* Like jx_store_each, with each project's actual rows (ordered as jx_store_actuals orders them),
 * borrowed by fn: what the evaluation reads of them, their at and user NULL (so that the walk reads
 * one index of the store alone). */
int jx_store_each_actuals(struct jx_store *st, const struct jx_filter *f,
			  int (*fn)(void *ctx, struct jx_project *p, const struct jx_actual *rows, size_t n,
				    struct jx_err *err),
			  void *ctx, struct jx_err *err);

/* An account of the web system, as stored (strings valid during a callback only). See account.h. */
struct jx_account_row {
	const char *name;
	const char *role;    /* admin, finance or unit */
	const char *unit;    /* the budget unit of a unit account, else NULL */
	const char *hash;    /* the password's argon2id hash (crypto_pwhash_str) */
	bool disabled;
	const char *created; /* UTC, ISO 8601 */
	const char *last_login; /* the latest successful login (UTC, ISO 8601), NULL if never; account_put
				 * leaves it as stored */
};

/* Adds the account, or replaces the one of that name. */
int jx_store_account_put(struct jx_store *st, const struct jx_account_row *a, struct jx_err *err);

/* Calls fn with the account called name (JX_ENOTFOUND if none), or, name NULL, with every account. */
int jx_store_accounts(struct jx_store *st, const char *name,
		      int (*fn)(void *ctx, const struct jx_account_row *a, struct jx_err *err), void *ctx,
		      struct jx_err *err);

/* A session of the web system: its token (stored as its hash), account, CSRF token and expiry. */
struct jx_session_row {
	const char *token;   /* SHA-256 of the cookie's token, hex */
	const char *account;
	const char *csrf;
	const char *expires; /* UTC, ISO 8601 */
	char account_buf[256], csrf_buf[72], expires_buf[32]; /* what session_get fills */
};

int jx_store_session_put(struct jx_store *st, const struct jx_session_row *r, struct jx_err *err);
/* The session of token still valid at now into *out. JX_ENOTFOUND if none. */
int jx_store_session_get(struct jx_store *st, const char *token, const char *now, struct jx_session_row *out,
			 struct jx_err *err);
/* Deletes the session token; or, token NULL, every session of account; or, both NULL, every session that
 * expired before. */
int jx_store_session_delete(struct jx_store *st, const char *token, const char *account, const char *before,
			    struct jx_err *err);

/* Login attempts, counted per key (login.h decides what they mean). */
struct jx_login_key {
	const char *scope;   /* "pair" (an account from an address), "account" or "addr" */
	const char *account; /* "" where the scope has none */
	const char *addr;
};
struct jx_login_row {
	int64_t fails; /* attempts counted in the window */
	int64_t first; /* seconds since the epoch: the window's start */
	int64_t last;  /* the latest attempt */
};
/* The row of k into *out (all 0 if there is none); writes it (fails 0: deletes it); drops every row
 * whose latest attempt is older than before. Callers hold a write transaction around a get and its
 * put, which makes them one step for every connection to the store. */
int jx_store_login_get(struct jx_store *st, const struct jx_login_key *k, struct jx_login_row *out, struct jx_err *err);
int jx_store_login_put(struct jx_store *st, const struct jx_login_key *k, const struct jx_login_row *row,
		       struct jx_err *err);
int jx_store_login_purge(struct jx_store *st, int64_t before, struct jx_err *err);

/* The indicator library's own entries (library.h), each its file form (a JSON object) under its id:
 * put adds or replaces the entry id; rows calls fn with every entry, by id (strings valid during the
 * call only; a non-zero return from fn stops the walk and is returned). */
int jx_store_library_put(struct jx_store *st, const char *id, const char *body, struct jx_err *err);
int jx_store_library_rows(struct jx_store *st, int (*fn)(void *ctx, const char *id, const char *body, struct jx_err *err),
			  void *ctx, struct jx_err *err);

/* The tables each library entry was taken from (纳入), one row each: use_add records one — kind "table"
 * (ref: an approved table's id, in decimal) or "source" (ref: where an imported table was read) — and
 * sets *added to whether it was new; uses calls fn with entry's rows (entry NULL: every entry's), by
 * entry, kind and ref. */
int jx_store_library_use_add(struct jx_store *st, const char *entry, const char *kind, const char *ref, bool *added,
			     struct jx_err *err);
int jx_store_library_uses(struct jx_store *st, const char *entry,
			  int (*fn)(void *ctx, const char *entry, const char *kind, const char *ref, struct jx_err *err),
			  void *ctx, struct jx_err *err);

/* A target one table of a year sets (peers.h): the indicator's name and unit, op (">=", "<=", "=", ">"
 * or "<") and value (an exact decimal, as written). */
struct jx_target_row {
	int64_t project_id;
	const char *name, *unit, *op, *value;
};
typedef int (*jx_target_fn)(void *ctx, const struct jx_target_row *t, struct jx_err *err);

/* Calls fn with every target of year's project tables that others may compare theirs with: tables
 * past their draft (submitted, returned or approved) and not classified (涉密), indicators with an op and
 * a value; by project and position. Strings are valid during the call only; a non-zero return from fn
 * stops the walk and is returned. Streams: memory does not grow with the tables. */
int jx_store_targets(struct jx_store *st, int year, jx_target_fn fn, void *ctx, struct jx_err *err);
/* Records a successful login of account name at (UTC, ISO 8601). */
int jx_store_account_seen(struct jx_store *st, const char *name, const char *at, struct jx_err *err);

/* ---- the registry of budget units (单位库, unit.h) ---- */

/* A budget unit as stored (strings valid during a callback only). */
struct jx_unit_row {
	int64_t id;
	const char *code;    /* its code, NULL if none (unique when given) */
	const char *name;    /* unique */
	const char *parent;  /* its 主管部门: another unit's name, NULL if none */
	const char *created; /* UTC, ISO 8601 */
};

/* Adds a unit (its id set by the store; u->id is ignored). A name or code another unit has is a failure
 * of the store's constraint: callers check first (unit.c). */
int jx_store_unit_add(struct jx_store *st, const struct jx_unit_row *u, struct jx_err *err);
/* Calls fn with the unit called name (JX_ENOTFOUND if none), or, name NULL, with every unit by name. */
int jx_store_units(struct jx_store *st, const char *name,
		   int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx, struct jx_err *err);
/* Calls fn with each unit name a project or an account names that the registry lacks, by name. */
int jx_store_units_missing(struct jx_store *st, int (*fn)(void *ctx, const char *name, struct jx_err *err), void *ctx,
			   struct jx_err *err);
/* Renames unit from to to everywhere it is named — the registry (its name and as a 主管部门), projects
 * (each moved to a new revision) and accounts — in the caller's write transaction. */
int jx_store_unit_rename(struct jx_store *st, const char *from, const char *to, struct jx_err *err);
/* Calls fn with each unit whose 主管部门 is parent, by name (none: fn is not called). */
int jx_store_units_under(struct jx_store *st, const char *parent,
			 int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx, struct jx_err *err);

/* Removes project id with its indicators, history, actuals and published copies (JX_ENOTFOUND if none).
 * Only for a draft that never went to review (drafts.h decides): the store does not ask. */
int jx_store_delete_project(struct jx_store *st, int64_t id, struct jx_err *err);

/* ---- copying a whole store (store_copy.c) ---- */

#define JX_COPY_TABLES 11

/* One table a copy carries: its rows, and a SHA-256 of them all, read in the order of the table's key
 * with every value as text — the same on either backend for the same rows. */
struct jx_copy_table {
	const char *name; /* project, indicator, history, actual, publication, publication_part, published,
			   * account, library, library_use, unit */
	size_t rows;
	unsigned char digest[32];
};

struct jx_copy_stats {
	struct jx_copy_table t[JX_COPY_TABLES]; /* in the order above */
};

/* Copies the whole store from into to, between any two backends: projects with their indicators, the
 * history, actuals, publications with the tables they published, and accounts with their password
 * hashes — every row as it is, ids and revisions included (sessions are not copied: logins start
 * afresh). from is read in one snapshot and to written in one transaction: on any failure to is left
 * as it was. to must hold nothing (JX_ECONFLICT, saying what it holds) unless replace, which deletes
 * everything in it in the same transaction. from and to being one store is JX_EUSAGE. *done receives
 * what was copied (from's rows, as read). */
int jx_store_copy(struct jx_store *from, struct jx_store *to, bool replace, struct jx_copy_stats *done,
		  struct jx_err *err);

/* The rows and digests of every table jx_store_copy copies, as st holds them now (one snapshot). */
int jx_store_tally(struct jx_store *st, struct jx_copy_stats *out, struct jx_err *err);

#endif
