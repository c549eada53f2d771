/*
 * store_impl.h — what a store backend implements (library-internal).
 *
 * store.c dispatches to these and holds what every backend shares (resolving a reference, loading
 * whole projects for a listing).
 */
#ifndef JIXIAO_STORE_IMPL_H
#define JIXIAO_STORE_IMPL_H

#include "jixiao/store.h"

/* A table of the schema as copying a whole store sees it (store_copy.c): every value as text — integers
 * in decimal, booleans 0 or 1, NULL for SQL NULL — so that rows pass between backends unchanged. */
struct jx_raw_table {
	const char *name;
	const char *const *cols; /* column names, quoted where they are keywords ("user") */
	int n;                   /* columns */
	const char *types;       /* a letter a column: t text, i integer, b boolean */
	const char *order;       /* the table's key, the order rows are read in */
	bool serial;             /* its first column, id, is numbered by the database */
};

/* What a copy carries (store_copy.c), in an order that writes no row before the rows it refers to
 * (projects first); PostgreSQL's bulk writing (store_pg.c) writes new projects and their indicators as
 * rows of the first two. */
enum { JX_RAW_PROJECT, JX_RAW_INDICATOR, JX_RAW_HISTORY };
extern const struct jx_raw_table jx_raw_tables[JX_COPY_TABLES];

/* A row of a jx_raw_table: n values, valid during the call only. */
typedef int (*jx_raw_fn)(void *ctx, const char *const *v, struct jx_err *err);

/* A project with its actual rows (none unless asked for), as the backends' walk hands them on. */
typedef int (*jx_each_fn)(void *ctx, struct jx_project *p, const struct jx_actual *rows, size_t n, struct jx_err *err);

/* A project's actual rows, copied while a backend's walk moves on to the next row. */
struct jx_actual_rows {
	struct jx_actual *a;
	size_t n, cap;
};
/* Appends a, copying its strings into one allocation that starts with its indicator. */
void jx_actual_rows_add(struct jx_actual_rows *rs, struct jx_actual a);
/* Empties rs for the next project (keeping its array). */
void jx_actual_rows_clear(struct jx_actual_rows *rs);

/* A page of a listing as SQL (store.c writes it for a backend's dialect; only program text, every value
 * a parameter). rows selects PAGE_COLUMNS below and, last, the row's sort value; count the rows the
 * same filters select, with the first n_count of the same parameters. */
enum jx_dialect { JX_DIALECT_SQLITE, JX_DIALECT_PG };
#define JX_PAGE_PARAMS 16
struct jx_page_sql {
	char *rows;
	char *count;            /* NULL if not asked for */
	int n, n_count;         /* parameters of rows, of count */
	struct {
		const char *text;   /* a text value, or NULL for an integer */
		int64_t num;
	} p[JX_PAGE_PARAMS];
	char *pattern;          /* the LIKE pattern of a search (p[] borrows it) */
};
/* The columns of a page's rows, before its sort value: id, year, name, unit, total, status, key,
 * classified, indicators, kind, submitted_at, the latest published version (0 unless published). */
#define JX_PAGE_COLUMNS 12
/* A row of a page for store.c: the summary and the row's sort value as the store holds it, as text. */
typedef int (*jx_page_row_fn)(void *ctx, const struct jx_summary *s, const char *key, struct jx_err *err);

struct jx_store_ops {
	int (*begin)(struct jx_store *st, struct jx_err *err);   /* nests */
	int (*begin_read)(struct jx_store *st, struct jx_err *err); /* nests */
	int (*end)(struct jx_store *st, int rc, struct jx_err *err); /* commit (rc 0) or undo; a failed commit undone */
	int (*find)(struct jx_store *st, int year, enum jx_kind kind, const char *unit, const char *name, int64_t *id,
		    struct jx_err *err);
	int (*put)(struct jx_store *st, struct jx_project *p, struct jx_err *err);
	int (*get)(struct jx_store *st, int64_t id, struct jx_project **out, struct jx_err *err);
	int (*set_status)(struct jx_store *st, int64_t id, enum jx_status status, struct jx_err *err);
	int (*log)(struct jx_store *st, const struct jx_event *e, struct jx_err *err);
	int (*history)(struct jx_store *st, int64_t id, const char *action, bool last_only,
		       int (*fn)(void *ctx, const struct jx_event *e, struct jx_err *err), void *ctx, struct jx_err *err);
	/* Up to cap ids of projects named name (in year, if year > 0); *n receives how many there are. */
	int (*by_name)(struct jx_store *st, const char *name, int year, int64_t *ids, size_t cap, size_t *n,
		       struct jx_err *err);
	int (*list)(struct jx_store *st, const struct jx_filter *f,
		    int (*fn)(void *ctx, const struct jx_summary *s, struct jx_err *err), void *ctx, struct jx_err *err);
	int (*each)(struct jx_store *st, const struct jx_filter *f, bool actuals, jx_each_fn fn, void *ctx,
		    struct jx_err *err);
	int (*add_actual)(struct jx_store *st, const struct jx_actual *a, struct jx_err *err);
	int (*actuals)(struct jx_store *st, int64_t id, int (*fn)(void *ctx, const struct jx_actual *a, struct jx_err *err),
		       void *ctx, struct jx_err *err);
	int (*account_put)(struct jx_store *st, const struct jx_account_row *a, struct jx_err *err);
	/* The account called name, or (name NULL) every account by name. */
	int (*accounts)(struct jx_store *st, const char *name,
			int (*fn)(void *ctx, const struct jx_account_row *a, struct jx_err *err), void *ctx,
			struct jx_err *err);
	int (*session_put)(struct jx_store *st, const struct jx_session_row *r, struct jx_err *err);
	int (*session_get)(struct jx_store *st, const char *token, const char *now, struct jx_session_row *out,
			   struct jx_err *err);
	/* Deletes the session token, or (token NULL) every session that expired before. */
	int (*session_delete)(struct jx_store *st, const char *token, const char *account, const char *before,
			      struct jx_err *err);
	int (*published_put)(struct jx_store *st, int64_t project_id, int version, const char *body, size_t len,
			     struct jx_err *err);
	/* The latest published form of project_id, or (project_id 0) of every published project of year
	 * (0: every year), without bodies; classified projects left out. */
	int (*published)(struct jx_store *st, int64_t project_id, int year,
			 int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
			 struct jx_err *err);
	int (*add_publication)(struct jx_store *st, struct jx_published *p, struct jx_err *err);
	int (*publications)(struct jx_store *st, int version, int year, bool content,
			    int (*fn)(void *ctx, const struct jx_published *p, struct jx_err *err), void *ctx,
			    struct jx_err *err);
	int (*backup)(struct jx_store *st, const char *path, struct jx_err *err);
	int (*restore)(struct jx_store *st, const char *path, struct jx_err *err);
	int (*check)(struct jx_store *st, int (*fn)(void *ctx, const char *problem, struct jx_err *err), void *ctx,
		     struct jx_err *err);
	/* Login attempts (login.c decides, inside a write transaction, so that a check and its count are
	 * one step for every thread and every server): a key's row (all 0 if none); put writes it (fails
	 * 0: deletes it); purge drops rows whose latest attempt is older than before. */
	int (*login_get)(struct jx_store *st, const struct jx_login_key *k, struct jx_login_row *out, struct jx_err *err);
	int (*login_put)(struct jx_store *st, const struct jx_login_key *k, const struct jx_login_row *row,
			 struct jx_err *err);
	int (*login_purge)(struct jx_store *st, int64_t before, struct jx_err *err);
	/* Calls fn with each row of table t in the order of its key, in the caller's transaction. */
	int (*raw_rows)(struct jx_store *st, const struct jx_raw_table *t, jx_raw_fn fn, void *ctx, struct jx_err *err);
	/* Adds a row to table t exactly as given (ids kept), in the caller's write transaction; v NULL: t is
	 * complete (rows buffered are written, the numbering of a serial table set past its ids). */
	int (*raw_put)(struct jx_store *st, const struct jx_raw_table *t, const char *const *v, struct jx_err *err);
	/* Deletes every row of every table, sessions too, in the caller's write transaction. */
	int (*raw_clear)(struct jx_store *st, struct jx_err *err);
	/* Where the store is, as a new string the caller frees: two handles on one store give the same. */
	char *(*identity)(struct jx_store *st);
	void (*close)(struct jx_store *st);
	/* jx_store_log_page */
	int (*log_page)(struct jx_store *st, const struct jx_log_filter *f,
			int (*fn)(void *ctx, const struct jx_log_row *row, struct jx_err *err), void *ctx,
			struct jx_err *err);
	/* Runs a page's query (sql, f for unreadable rows): row for each row; *total from sql->count if
	 * not NULL. In the caller's transaction; row may run statements of its own. */
	int (*page)(struct jx_store *st, const struct jx_page_sql *sql, const struct jx_filter *f, jx_page_row_fn row,
		    void *ctx, size_t *total, struct jx_err *err);
	enum jx_dialect dialect; /* of the SQL page runs */
	/* The indicator library's entries (library.h): put writes the entry id (its file form, body),
	 * replacing it; rows calls fn with each entry, by id. */
	int (*library_put)(struct jx_store *st, const char *id, const char *body, struct jx_err *err);
	int (*library_rows)(struct jx_store *st, int (*fn)(void *ctx, const char *id, const char *body, struct jx_err *err),
			    void *ctx, struct jx_err *err);
	/* The tables an entry was taken from (store.h: jx_store_library_use_add, jx_store_library_uses). */
	int (*library_use_add)(struct jx_store *st, const char *entry, const char *kind, const char *ref, bool *added,
			       struct jx_err *err);
	int (*library_uses)(struct jx_store *st, const char *entry,
			    int (*fn)(void *ctx, const char *entry, const char *kind, const char *ref, struct jx_err *err),
			    void *ctx, struct jx_err *err);
	/* project_id's published table at version (0: the latest), body only if asked; nothing if none
	 * or the project is classified now (store.h) */
	int (*published_at)(struct jx_store *st, int64_t project_id, int version, bool body,
			    int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
			    struct jx_err *err);
	/* whether publication version holds a table classified now */
	int (*withdrawn)(struct jx_store *st, int version, bool *out, struct jx_err *err);
	/* the targets year's tables set (store.h: jx_store_targets) */
	int (*targets)(struct jx_store *st, int year, jx_target_fn fn, void *ctx, struct jx_err *err);
	/* removes project id and all that hangs on it (store.h: jx_store_delete_project) */
	int (*delete_project)(struct jx_store *st, int64_t id, struct jx_err *err);
	/* the registry of budget units and an account's last login (store.h: jx_store_unit_*,
	 * jx_store_account_seen) */
	int (*unit_add)(struct jx_store *st, const struct jx_unit_row *u, struct jx_err *err);
	int (*units)(struct jx_store *st, const char *name,
		     int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx, struct jx_err *err);
	int (*units_missing)(struct jx_store *st, int (*fn)(void *ctx, const char *name, struct jx_err *err), void *ctx,
			     struct jx_err *err);
	int (*unit_rename)(struct jx_store *st, const char *from, const char *to, struct jx_err *err);
	int (*account_seen)(struct jx_store *st, const char *name, const char *at, struct jx_err *err);
	/* a version's content a table at a time (store.h: jx_store_publication_part_put, _parts) */
	int (*publication_part_put)(struct jx_store *st, int version, size_t seq, const char *body, size_t len,
				    struct jx_err *err);
	int (*publication_parts)(struct jx_store *st, int version,
				 int (*fn)(void *ctx, const char *body, size_t len, struct jx_err *err), void *ctx,
				 struct jx_err *err);
	/* the units whose 主管部门 is parent (store.h: jx_store_units_under) */
	int (*units_under)(struct jx_store *st, const char *parent,
			   int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx,
			   struct jx_err *err);
};

struct jx_store {
	const struct jx_store_ops *ops; /* the backend */
	bool bulk;                      /* jx_store_bulk() */
};

/* The SQLite backend: opens the file at path. */
int jx_store_sqlite_open(struct jx_store **out, const char *path, unsigned flags, struct jx_err *err);

/* The PostgreSQL backend (store_pg.c): location is a libpq connection string, which
 * jx_store_is_pg() recognises (a postgresql:// or postgres:// URI, or key=value pairs that begin
 * with one of libpq's keywords). exists: the database holds a jixiao schema; remove: drops it. */
bool jx_store_is_pg(const char *location);
int jx_store_pg_open(struct jx_store **out, const char *location, unsigned flags, struct jx_err *err);
bool jx_store_pg_exists(const char *location);
void jx_store_pg_remove(const char *location);

#endif
