/*
 * store_sqlite.c — the embedded SQLite backend of the store (see store.h, store_impl.h).
 *
 * One file, WAL journal, foreign keys on. The schema carries its version in PRAGMA user_version and
 * is migrated on open, each migration in its own transaction. Every statement is prepared once per
 * handle with bound parameters; no SQL is ever built from data.
 *
 * Money is stored as integer hundredths of 万元; target values as their exact decimal text.
 * CHECK constraints compare with OR rather than IN (…): SQLite builds a temporary table for an IN list
 * on every row written, which made inserting indicators a fifth slower.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/actuals.h"
#include "jixiao/json_io.h"
#include "jixiao/publish.h"
#include "store_impl.h"

static const char *const migrations[] = {
	/* 1: projects and their indicators */
	"CREATE TABLE project ("
	"  id         INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  kind       TEXT    NOT NULL CHECK (kind = 'project' OR kind = 'department'),"
	"  year       INTEGER NOT NULL,"
	"  name       TEXT    NOT NULL,"
	"  unit       TEXT    NOT NULL,"
	"  goal       TEXT    NOT NULL,"
	"  total      INTEGER NOT NULL," /* hundredths of 万元 */
	"  fiscal     INTEGER NOT NULL,"
	"  other      INTEGER NOT NULL,"
	"  key        INTEGER NOT NULL DEFAULT 0,"
	"  classified INTEGER NOT NULL DEFAULT 0,"
	"  status     TEXT    NOT NULL CHECK (status = 'draft' OR status = 'submitted' OR status = 'approved'"
	"                                     OR status = 'returned'),"
	"  framework  TEXT    NOT NULL,"
	"  UNIQUE (year, kind, name)"
	");"
	"CREATE INDEX project_name ON project (name);"
	"CREATE TABLE indicator ("
	"  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,"
	"  seq        INTEGER NOT NULL," /* position in the table, from 0 */
	"  level1     TEXT    NOT NULL,"
	"  level2     TEXT    NOT NULL,"
	"  name       TEXT    NOT NULL,"
	"  unit       TEXT,"
	"  op         TEXT    CHECK (op = '>=' OR op = '<=' OR op = '=' OR op = '>' OR op = '<'),"
	"  value      TEXT," /* exact decimal, as written */
	"  target     TEXT,"
	"  PRIMARY KEY (project_id, seq)"
	") WITHOUT ROWID;",
	/* 2: every change of state or content: who, when, what (a JSON object) */
	"CREATE TABLE history ("
	"  id         INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,"
	"  at         TEXT    NOT NULL," /* UTC, ISO 8601 */
	"  user       TEXT    NOT NULL,"
	"  action     TEXT    NOT NULL,"
	"  detail     TEXT    NOT NULL"
	");"
	"CREATE INDEX history_project ON history (project_id, action, id);"
	"CREATE INDEX project_year ON project (year, id);",
	/* 3: publications, each a frozen version */
	"CREATE TABLE publication ("
	"  version  INTEGER PRIMARY KEY,"
	"  year     INTEGER NOT NULL,"
	"  at       TEXT    NOT NULL,"
	"  user     TEXT    NOT NULL,"
	"  key_only INTEGER NOT NULL,"
	"  hash     TEXT    NOT NULL,"
	"  tables   INTEGER NOT NULL,"
	"  money    INTEGER NOT NULL," /* hundredths of 万元 */
	"  content  TEXT    NOT NULL" /* canonical JSON */
	");",
	/* 4: actuals (实际完成值), every one recorded, dated */
	"CREATE TABLE actual ("
	"  id         INTEGER PRIMARY KEY,"
	"  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,"
	"  indicator  TEXT    NOT NULL," /* the indicator's name, or 全年执行数 */
	"  unit       TEXT    NOT NULL," /* the indicator's unit, '' if none */
	"  value      TEXT    NOT NULL," /* canonical text (actuals.h) */
	"  as_of      TEXT    NOT NULL," /* YYYY-MM-DD */
	"  reason     TEXT,"
	"  at         TEXT    NOT NULL,"
	"  user       TEXT    NOT NULL"
	");"
	"CREATE INDEX actual_project ON actual (project_id, indicator, unit, as_of, id);",
	/* 5: accounts of the web system and their sessions (a session kept by the hash of its token) */
	"CREATE TABLE account ("
	"  name     TEXT    PRIMARY KEY,"
	"  role     TEXT    NOT NULL CHECK (role = 'admin' OR role = 'finance' OR role = 'unit'),"
	"  unit     TEXT," /* the budget unit of a unit account */
	"  hash     TEXT    NOT NULL," /* argon2id, crypto_pwhash_str */
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created  TEXT    NOT NULL"
	");"
	"CREATE TABLE session ("
	"  token    TEXT    PRIMARY KEY," /* SHA-256 of the cookie's token, hex */
	"  account  TEXT    NOT NULL REFERENCES account (name) ON DELETE CASCADE,"
	"  csrf     TEXT    NOT NULL,"
	"  expires  TEXT    NOT NULL"
	");"
	"CREATE INDEX session_expires ON session (expires);"
	/* each table of each publication, as published, to be served one at a time */
	"CREATE TABLE published ("
	"  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,"
	"  version    INTEGER NOT NULL REFERENCES publication (version),"
	"  body       TEXT    NOT NULL," /* the table's canonical JSON */
	"  PRIMARY KEY (project_id, version)"
	") WITHOUT ROWID;"
	"CREATE INDEX published_version ON published (version);",
	/* 6: a unit's tables and the review queue, listed by the web system on every page (in parentheses:
	 * clang takes two literals alone in an element for a missing comma) */
	("CREATE INDEX project_unit ON project (unit, year, id);"
	 "CREATE INDEX project_status ON project (status, year, id);"),
	/* 7: what real tables carry. Money in 分 (it was hundredths of 万元), so that amounts written in 元
	 * are kept exactly; 财政拨款 and 其他资金 may be absent (a table may give its total alone), so the
	 * table is rebuilt without their NOT NULL (migrate() turns foreign keys off around it, as SQLite
	 * asks for such a rebuild); 上年结转资金 and the 实施期's total; the optional header fields and
	 * 年度主要任务, and an indicator's optional columns, as JSON objects (json_io.h). */
	("CREATE TABLE project7 ("
	 "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
	 "  kind         TEXT    NOT NULL CHECK (kind = 'project' OR kind = 'department'),"
	 "  year         INTEGER NOT NULL,"
	 "  name         TEXT    NOT NULL,"
	 "  unit         TEXT    NOT NULL,"
	 "  goal         TEXT    NOT NULL,"
	 "  total        INTEGER NOT NULL," /* 分 */
	 "  fiscal       INTEGER," /* NULL: not given */
	 "  other        INTEGER,"
	 "  carryover    INTEGER,"
	 "  period_total INTEGER,"
	 "  key          INTEGER NOT NULL DEFAULT 0,"
	 "  classified   INTEGER NOT NULL DEFAULT 0,"
	 "  status       TEXT    NOT NULL CHECK (status = 'draft' OR status = 'submitted' OR status = 'approved'"
	 "                                       OR status = 'returned'),"
	 "  framework    TEXT    NOT NULL,"
	 "  extra        TEXT," /* JSON: optional header fields and tasks */
	 "  UNIQUE (year, kind, name)"
	 ");"
	 "INSERT INTO project7 (id, kind, year, name, unit, goal, total, fiscal, other, key, classified, status, framework)"
	 "  SELECT id, kind, year, name, unit, goal, total * 10000, fiscal * 10000, other * 10000, key, classified,"
	 "         status, framework FROM project;"
	 "DROP TABLE project;"
	 "ALTER TABLE project7 RENAME TO project;"
	 "CREATE INDEX project_name ON project (name);"
	 "CREATE INDEX project_year ON project (year, id);"
	 "CREATE INDEX project_unit ON project (unit, year, id);"
	 "CREATE INDEX project_status ON project (status, year, id);"
	 "ALTER TABLE indicator ADD COLUMN extra TEXT;" /* JSON: optional columns */
	 "UPDATE publication SET money = money * 10000;"),
	/* 8: a table's name is unique within its year, unit and kind, no longer across units: one unit's
	 * choice of name must not collide with (and so reveal) another's table. The unique index replaces
	 * the table's constraint, which SQLite cannot drop without a rebuild. */
	("CREATE TABLE project8 ("
	 "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
	 "  kind         TEXT    NOT NULL CHECK (kind = 'project' OR kind = 'department'),"
	 "  year         INTEGER NOT NULL,"
	 "  name         TEXT    NOT NULL,"
	 "  unit         TEXT    NOT NULL,"
	 "  goal         TEXT    NOT NULL,"
	 "  total        INTEGER NOT NULL," /* 分 */
	 "  fiscal       INTEGER," /* NULL: not given */
	 "  other        INTEGER,"
	 "  carryover    INTEGER,"
	 "  period_total INTEGER,"
	 "  key          INTEGER NOT NULL DEFAULT 0,"
	 "  classified   INTEGER NOT NULL DEFAULT 0,"
	 "  status       TEXT    NOT NULL CHECK (status = 'draft' OR status = 'submitted' OR status = 'approved'"
	 "                                       OR status = 'returned'),"
	 "  framework    TEXT    NOT NULL,"
	 "  extra        TEXT," /* JSON: optional header fields and tasks */
	 "  UNIQUE (year, kind, unit, name)"
	 ");"
	 "INSERT INTO project8 SELECT id, kind, year, name, unit, goal, total, fiscal, other, carryover, period_total,"
	 "  key, classified, status, framework, extra FROM project;"
	 "DROP TABLE project;"
	 "ALTER TABLE project8 RENAME TO project;"
	 "CREATE INDEX project_name ON project (name);"
	 "CREATE INDEX project_year ON project (year, id);"
	 "CREATE INDEX project_unit ON project (unit, year, id);"
	 "CREATE INDEX project_status ON project (status, year, id);"),
	/* 9: login attempts, counted in the store so that every server and every restart sees them
	 * (login.h): scope 'pair' (account and address), 'account' or 'addr'; times in seconds. */
	("CREATE TABLE login_attempt ("
	 "  scope   TEXT    NOT NULL,"
	 "  account TEXT    NOT NULL,"
	 "  addr    TEXT    NOT NULL,"
	 "  fails   INTEGER NOT NULL,"
	 "  first   INTEGER NOT NULL," /* the window's first failure */
	 "  last    INTEGER NOT NULL," /* the latest */
	 "  PRIMARY KEY (scope, account, addr)"
	 ") WITHOUT ROWID;"
	 "CREATE INDEX login_attempt_last ON login_attempt (last);"),
	/* 10: a project's revision, moved on by every write to it, so that two editors saving the same
	 * table from the same reading cannot silently overwrite each other (optimistic concurrency) */
	"ALTER TABLE project ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;",
	/* 11: the time of a table's latest submission, for the review queue (submitted, waiting since):
	 * set with each submit entry of the history (sq_log), taken from the history here; '' if never.
	 * Indexes for the orders of a listing's pages (store_page.c): the queue by waiting time, every
	 * table by its money (by name and unit the indexes above serve), and by year and id an index that
	 * holds every column a page shows or filters by but the goal and the extra fields: the filters that
	 * no index serves (重点, 涉密, a name's text) and their counts then read 14 MB of it for 100,000
	 * tables instead of the 73 MB of the table, five times faster. It replaces project_year (year, id),
	 * which it serves as well. */
	("ALTER TABLE project ADD COLUMN submitted_at TEXT NOT NULL DEFAULT '';"
	 "UPDATE project SET submitted_at = (SELECT h.at FROM history h WHERE h.project_id = project.id"
	 "  AND h.action = 'submit' ORDER BY h.id DESC LIMIT 1)"
	 "  WHERE id IN (SELECT project_id FROM history WHERE action = 'submit');"
	 "CREATE INDEX project_queue ON project (status, submitted_at, id);"
	 "CREATE INDEX project_total ON project (total, id);"
	 "DROP INDEX project_year;"
	 "CREATE INDEX project_list ON project (year, id, status, classified, key, kind, total, submitted_at, unit, name);"),
	/* 12: the indicator library's own entries (library.h), over the compiled-in seed: each its file
	 * form, a JSON object, under its stable id */
	("CREATE TABLE library ("
	 "  id   TEXT PRIMARY KEY,"
	 "  body TEXT NOT NULL"
	 ") WITHOUT ROWID;"
	 /* and the tables each entry was taken from (纳入), one row each, so that taking a table in twice
	  * counts it once and a province's hundred thousand tables do not swell the entries */
	 "CREATE TABLE library_use ("
	 "  entry TEXT NOT NULL," /* the entry's id */
	 "  kind  TEXT NOT NULL CHECK (kind = 'table' OR kind = 'source'),"
	 "  ref   TEXT NOT NULL," /* a table's id (an approved table of the store), or where an imported one was read */
	 "  PRIMARY KEY (entry, kind, ref)"
	 ") WITHOUT ROWID;"),
	/* 13: which version of a published table is current, asked on every request for a public page: the
	 * primary key carries the tables' bodies (WITHOUT ROWID), which every seek in it copies; this
	 * index answers from the key alone */
	"CREATE INDEX IF NOT EXISTS published_current ON published (project_id, version);",
	/* 14: the registry of budget units (单位库, unit.h) that accounts and tables name, registering every
	 * unit a project or an account names already, so that a store upgraded keeps working; and each
	 * account's latest login */
	("CREATE TABLE unit ("
	 "  id      INTEGER PRIMARY KEY,"
	 "  code    TEXT    UNIQUE," /* NULL: none */
	 "  name    TEXT    NOT NULL UNIQUE,"
	 "  parent  TEXT," /* 主管部门: another unit's name, NULL if none */
	 "  created TEXT    NOT NULL" /* UTC, ISO 8601 */
	 ");"
	 "INSERT INTO unit (name, created)"
	 "  SELECT unit, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM"
	 "  (SELECT unit FROM project UNION SELECT unit FROM account WHERE unit IS NOT NULL AND unit <> '')"
	 "  ORDER BY unit;"
	 "ALTER TABLE account ADD COLUMN last_login TEXT;"),
	/* 15: a publication's content kept a table at a time, so that neither saving a version nor reading
	 * it back holds all its tables: the text before its first table (the statement) in head, each
	 * table in a row of publication_part, what stands between two in sep and after the last in tail
	 * — head + table + sep + table … + tail is the content, byte for byte, which the digest covers.
	 * The versions saved whole are cut so by cut_versions() (jx_publication_cut). */
	("ALTER TABLE publication RENAME COLUMN content TO head;"
	 "ALTER TABLE publication ADD COLUMN sep TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE publication ADD COLUMN tail TEXT NOT NULL DEFAULT '';"
	 "CREATE TABLE publication_part ("
	 "  version INTEGER NOT NULL REFERENCES publication (version),"
	 "  seq     INTEGER NOT NULL," /* the table's place in the version, from 0 */
	 "  body    TEXT    NOT NULL," /* the table's canonical JSON, kilobytes: a rowid table, whose
					  * rows SQLite keeps off the key's index (WITHOUT ROWID suits small rows) */
	 "  PRIMARY KEY (version, seq)"
	 ");"),
	/* 16: the 主管部门 level of review (workflow.h): a table passed by its unit's 主管部门 awaits
	 * finance (status dept_approved), and the 主管部门's reviewers have accounts of their own (role
	 * department). SQLite changes a CHECK only by rebuilding the table (foreign keys off, as for 7 and
	 * 8); the project's ids keep their sequence, so that an id once given is never given again. */
	("CREATE TABLE project16 ("
	 "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
	 "  kind         TEXT    NOT NULL CHECK (kind = 'project' OR kind = 'department'),"
	 "  year         INTEGER NOT NULL,"
	 "  name         TEXT    NOT NULL,"
	 "  unit         TEXT    NOT NULL,"
	 "  goal         TEXT    NOT NULL,"
	 "  total        INTEGER NOT NULL," /* 分 */
	 "  fiscal       INTEGER," /* NULL: not given */
	 "  other        INTEGER,"
	 "  carryover    INTEGER,"
	 "  period_total INTEGER,"
	 "  key          INTEGER NOT NULL DEFAULT 0,"
	 "  classified   INTEGER NOT NULL DEFAULT 0,"
	 "  status       TEXT    NOT NULL CHECK (status = 'draft' OR status = 'submitted' OR status = 'approved'"
	 "                                       OR status = 'returned' OR status = 'dept_approved'),"
	 "  framework    TEXT    NOT NULL,"
	 "  extra        TEXT," /* JSON: optional header fields and tasks */
	 "  revision     INTEGER NOT NULL DEFAULT 1,"
	 "  submitted_at TEXT    NOT NULL DEFAULT '',"
	 "  UNIQUE (year, kind, unit, name)"
	 ");"
	 "INSERT INTO project16 (id, kind, year, name, unit, goal, total, fiscal, other, carryover, period_total, key,"
	 "  classified, status, framework, extra, revision, submitted_at)"
	 "  SELECT id, kind, year, name, unit, goal, total, fiscal, other, carryover, period_total, key, classified,"
	 "  status, framework, extra, revision, submitted_at FROM project;"
	 "INSERT INTO sqlite_sequence (name, seq) SELECT 'project16', seq FROM sqlite_sequence WHERE name = 'project'"
	 "  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'project16');"
	 "UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'project'))"
	 "  WHERE name = 'project16' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'project');"
	 "DROP TABLE project;"
	 "ALTER TABLE project16 RENAME TO project;"
	 "CREATE INDEX project_name ON project (name);"
	 "CREATE INDEX project_unit ON project (unit, year, id);"
	 "CREATE INDEX project_status ON project (status, year, id);"
	 "CREATE INDEX project_queue ON project (status, submitted_at, id);"
	 "CREATE INDEX project_total ON project (total, id);"
	 "CREATE INDEX project_list ON project (year, id, status, classified, key, kind, total, submitted_at, unit, name);"
	 "CREATE TABLE account16 ("
	 "  name       TEXT    PRIMARY KEY,"
	 "  role       TEXT    NOT NULL CHECK (role = 'admin' OR role = 'finance' OR role = 'unit' OR role = 'department'),"
	 "  unit       TEXT," /* the budget unit of a unit account; the 主管部门 of a department account */
	 "  hash       TEXT    NOT NULL," /* argon2id, crypto_pwhash_str */
	 "  disabled   INTEGER NOT NULL DEFAULT 0,"
	 "  created    TEXT    NOT NULL,"
	 "  last_login TEXT"
	 ");"
	 "INSERT INTO account16 (name, role, unit, hash, disabled, created, last_login)"
	 "  SELECT name, role, unit, hash, disabled, created, last_login FROM account;"
	 "DROP TABLE account;"
	 "ALTER TABLE account16 RENAME TO account;"
	 "CREATE INDEX unit_parent ON unit (parent, name);"),
	/* 17: the score and the lights walk every actual of every table: the index that orders a table's
	 * actuals carries what they read of each (value, reason) too, so that the walk reads the index
	 * alone and never seeks each row in the table */
	("DROP INDEX IF EXISTS actual_project;"
	 "CREATE INDEX actual_project ON actual (project_id, indicator, unit, as_of, id, value, reason);"),
};


enum stmt {
	S_BEGIN,
	S_BEGIN_READ,
	S_COMMIT,
	S_ROLLBACK,
	S_SAVEPOINT,
	S_RELEASE,
	S_ROLLBACK_TO,
	S_LOOKUP,
	S_INSERT,
	S_UPDATE,
	S_DELETE_IND,
	S_GET,
	S_GET_IND,
	S_BY_NAME,
	S_BY_NAME_YEAR,
	S_LIST,
	S_LIST_UNIT,   /* S_LIST by the unit index */
	S_LIST_STATUS, /* S_LIST by the status index */
	S_SET_STATUS,
	S_LOG,
	S_HISTORY,
	S_HISTORY_ACTION,
	S_LAST_ACTION,
	S_LOG_PAGE,
	S_EACH,
	S_EACH_IND,
	S_EACH_ACT,
	S_ADD_ACTUAL,
	S_ACTUALS,
	S_ACCOUNT_PUT,
	S_ACCOUNT_GET,
	S_ACCOUNTS,
	S_SESSION_PUT,
	S_SESSION_GET,
	S_SESSION_DELETE,
	S_SESSION_END_ACCOUNT,
	S_SESSION_PURGE,
	S_PUBLISHED_PUT,
	S_PUBLISHED_GET,
	S_PUBLISHED_LIST,
	S_ADD_PUBLICATION,
	S_PUBLICATION,
	S_PUBLICATIONS,
	S_PART_PUT,
	S_PARTS,
	S_LOGIN_GET,
	S_LOGIN_PUT,
	S_LOGIN_DELETE,
	S_LOGIN_PURGE,
	S_SUBMITTED,
	S_LIBRARY_PUT,
	S_LIBRARY_ROWS,
	S_LIBRARY_USE_ADD,
	S_LIBRARY_USES,
	S_LIBRARY_USES_ALL,
	S_TARGETS,
	S_PUBLISHED_AT,
	S_WITHDRAWN,
	S_PUBLISHED_AT_BODY,
	S_UNIT_ADD,
	S_UNIT_GET,
	S_UNITS,
	S_UNITS_MISSING,
	S_UNIT_RENAME,
	S_UNIT_RENAME_PARENT,
	S_UNIT_RENAME_PROJECTS,
	S_UNIT_RENAME_ACCOUNTS,
	S_ACCOUNT_SEEN,
	S_PROJECT_DELETE,
	S_UNITS_UNDER,
	N_STMT
};

/* The columns project_from_row() reads, and those indicator_from_row() reads (after what precedes). */
#define PROJECT_COLUMNS                                                                                          \
	"id, kind, year, name, unit, goal, total, fiscal, other, key, classified, status, framework, carryover,"  \
	" period_total, extra, revision"
#define INDICATOR_COLUMNS "level1, level2, name, unit, op, value, target, extra"
#define JOINED_INDICATOR_COLUMNS "i.project_id, i.level1, i.level2, i.name, i.unit, i.op, i.value, i.target, i.extra"
/* What struct jx_filter selects: ?1 a year (0: any), ?2 classified projects only, ?3 no classified projects. */
#define FILTER                                                                                                   \
	"(?1 = 0 OR p.year = ?1) AND (?2 = 0 OR p.classified = 1) AND (?3 = 0 OR p.classified = 0)"            \
	" AND (?4 IS NULL OR p.unit = ?4) AND (?5 IS NULL OR p.status = ?5)"
#define ACTUAL_COLUMNS "a.project_id, a.indicator, a.unit, a.value, a.as_of, a.reason, a.at, a.user"
/* What the evaluation reads of each actual in a walk (at and user NULL): all in the index (migration 14). */
#define WALK_ACTUAL_COLUMNS "a.project_id, a.indicator, a.unit, a.value, a.as_of, a.reason, NULL, NULL"
#define HISTORY_COLUMNS "SELECT project_id, at, user, action, detail FROM history WHERE project_id = ?1"

static const char *const sql[N_STMT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_BEGIN_READ] = "BEGIN DEFERRED",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_SAVEPOINT] = "SAVEPOINT nested",
	[S_RELEASE] = "RELEASE nested",
	[S_ROLLBACK_TO] = "ROLLBACK TO nested",
	[S_LOOKUP] = "SELECT id FROM project WHERE year = ?1 AND kind = ?2 AND unit = ?3 AND name = ?4",
	[S_INSERT] = "INSERT INTO project (kind, year, name, unit, goal, total, fiscal, other, key, classified,"
		     " status, framework, carryover, period_total, extra)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[S_UPDATE] = "UPDATE project SET kind = ?1, year = ?2, name = ?3, unit = ?4, goal = ?5, total = ?6,"
		     " fiscal = ?7, other = ?8, key = ?9, classified = ?10, status = ?11, framework = ?12,"
		     " carryover = ?13, period_total = ?14, extra = ?15, revision = revision + 1 WHERE id = ?16",
	[S_DELETE_IND] = "DELETE FROM indicator WHERE project_id = ?1",
	[S_GET] = "SELECT " PROJECT_COLUMNS " FROM project WHERE id = ?1",
	[S_GET_IND] = "SELECT " INDICATOR_COLUMNS " FROM indicator WHERE project_id = ?1 ORDER BY seq",
	[S_BY_NAME] = "SELECT id FROM project WHERE name = ?1 ORDER BY year, id",
	[S_BY_NAME_YEAR] = "SELECT id FROM project WHERE name = ?1 AND year = ?2 ORDER BY id",
	[S_LIST] = "SELECT p.id, p.year, p.name, p.unit, p.total, p.status, p.key, p.classified,"
		   " (SELECT count(*) FROM indicator i WHERE i.project_id = p.id), p.kind"
		   " FROM project p WHERE " FILTER " ORDER BY p.year, p.id",
	[S_LIST_UNIT] = "SELECT p.id, p.year, p.name, p.unit, p.total, p.status, p.key, p.classified,"
			" (SELECT count(*) FROM indicator i WHERE i.project_id = p.id), p.kind"
			" FROM project p WHERE p.unit = ?4 AND " FILTER " ORDER BY p.year, p.id",
	[S_LIST_STATUS] = "SELECT p.id, p.year, p.name, p.unit, p.total, p.status, p.key, p.classified,"
			  " (SELECT count(*) FROM indicator i WHERE i.project_id = p.id), p.kind"
			  " FROM project p WHERE p.status = ?5 AND " FILTER " ORDER BY p.year, p.id",
	[S_SET_STATUS] = "UPDATE project SET status = ?2, revision = revision + 1 WHERE id = ?1",
	[S_LOG] = "INSERT INTO history (project_id, at, user, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_HISTORY] = HISTORY_COLUMNS " ORDER BY id",
	[S_HISTORY_ACTION] = HISTORY_COLUMNS " AND action = ?2 ORDER BY id",
	[S_LAST_ACTION] = HISTORY_COLUMNS " AND action = ?2 ORDER BY id DESC LIMIT 1",
	[S_LOG_PAGE] = "SELECT h.id, h.project_id, h.at, h.user, h.action, h.detail, p.name, p.unit, p.year, p.classified"
		    " FROM history h JOIN project p ON p.id = h.project_id"
		    " WHERE (?1 = 0 OR h.id < ?1) AND (?2 IS NULL OR p.unit = ?2) AND (?3 IS NULL OR h.action = ?3)"
		    " AND (?4 IS NULL OR h.user = ?4) ORDER BY h.id DESC LIMIT ?5",
	[S_EACH] = "SELECT " PROJECT_COLUMNS " FROM project p WHERE " FILTER " ORDER BY year, id",
	[S_EACH_IND] = "SELECT " JOINED_INDICATOR_COLUMNS " FROM project p JOIN indicator i ON i.project_id = p.id"
		       " WHERE " FILTER " ORDER BY p.year, p.id, i.seq",
	[S_EACH_ACT] = "SELECT " WALK_ACTUAL_COLUMNS " FROM project p JOIN actual a ON a.project_id = p.id"
		       " WHERE " FILTER " ORDER BY p.year, p.id, a.indicator, a.unit, a.as_of, a.id",
	[S_ADD_ACTUAL] = "INSERT INTO actual (project_id, indicator, unit, value, as_of, reason, at, user)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_ACTUALS] = "SELECT " ACTUAL_COLUMNS " FROM actual a WHERE a.project_id = ?1"
		      " ORDER BY a.indicator, a.unit, a.as_of, a.id",
	[S_ACCOUNT_PUT] = "INSERT INTO account (name, role, unit, hash, disabled, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			  " ON CONFLICT (name) DO UPDATE SET role = ?2, unit = ?3, hash = ?4, disabled = ?5",
	[S_ACCOUNT_GET] = "SELECT name, role, unit, hash, disabled, created, last_login FROM account WHERE name = ?1",
	[S_ACCOUNTS] = "SELECT name, role, unit, hash, disabled, created, last_login FROM account ORDER BY name",
	[S_ACCOUNT_SEEN] = "UPDATE account SET last_login = ?2 WHERE name = ?1",
	[S_PROJECT_DELETE] = "DELETE FROM project WHERE id = ?1",
	[S_UNIT_ADD] = "INSERT INTO unit (code, name, parent, created) VALUES (?1, ?2, ?3, ?4)",
	[S_UNIT_GET] = "SELECT id, code, name, parent, created FROM unit WHERE name = ?1",
	[S_UNITS] = "SELECT id, code, name, parent, created FROM unit ORDER BY name",
	[S_UNITS_UNDER] = "SELECT id, code, name, parent, created FROM unit WHERE parent = ?1 ORDER BY name",
	[S_UNITS_MISSING] = "SELECT unit FROM project p WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.name = p.unit)"
			    " UNION SELECT unit FROM account a WHERE a.unit IS NOT NULL AND a.unit <> ''"
			    " AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.name = a.unit) ORDER BY 1",
	[S_UNIT_RENAME] = "UPDATE unit SET name = ?2 WHERE name = ?1",
	[S_UNIT_RENAME_PARENT] = "UPDATE unit SET parent = ?2 WHERE parent = ?1",
	[S_UNIT_RENAME_PROJECTS] = "UPDATE project SET unit = ?2, revision = revision + 1 WHERE unit = ?1",
	[S_UNIT_RENAME_ACCOUNTS] = "UPDATE account SET unit = ?2 WHERE unit = ?1",
	[S_SESSION_PUT] = "INSERT INTO session (token, account, csrf, expires) VALUES (?1, ?2, ?3, ?4)",
	[S_SESSION_GET] = "SELECT account, csrf, expires FROM session WHERE token = ?1 AND expires > ?2",
	[S_SESSION_DELETE] = "DELETE FROM session WHERE token = ?1",
	[S_SESSION_END_ACCOUNT] = "DELETE FROM session WHERE account = ?1",
	[S_SESSION_PURGE] = "DELETE FROM session WHERE expires <= ?1",
	[S_LOGIN_GET] = "SELECT fails, first, last FROM login_attempt WHERE scope = ?1 AND account = ?2 AND addr = ?3",
	[S_LOGIN_PUT] = "INSERT INTO login_attempt (scope, account, addr, fails, first, last) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			" ON CONFLICT (scope, account, addr) DO UPDATE SET fails = ?4, first = ?5, last = ?6",
	[S_LOGIN_DELETE] = "DELETE FROM login_attempt WHERE scope = ?1 AND account = ?2 AND addr = ?3",
	[S_LOGIN_PURGE] = "DELETE FROM login_attempt WHERE last < ?1",
	[S_SUBMITTED] = "UPDATE project SET submitted_at = ?2 WHERE id = ?1",
	[S_LIBRARY_PUT] = "INSERT INTO library (id, body) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET body = ?2",
	[S_LIBRARY_ROWS] = "SELECT id, body FROM library ORDER BY id",
	[S_LIBRARY_USE_ADD] = "INSERT INTO library_use (entry, kind, ref) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
	[S_LIBRARY_USES] = "SELECT entry, kind, ref FROM library_use WHERE entry = ?1 ORDER BY entry, kind, ref",
	[S_LIBRARY_USES_ALL] = "SELECT entry, kind, ref FROM library_use ORDER BY entry, kind, ref",
	[S_TARGETS] = "SELECT i.project_id, i.name, i.unit, i.op, i.value FROM project p"
		      " JOIN indicator i ON i.project_id = p.id WHERE p.year = ?1 AND p.kind = 'project'"
		      " AND p.status <> 'draft' AND p.classified = 0 AND i.op IS NOT NULL AND i.value IS NOT NULL"
		      " ORDER BY p.id, i.seq",
	[S_PUBLISHED_PUT] = "INSERT INTO published (project_id, version, body) VALUES (?1, ?2, ?3)",
	[S_PUBLISHED_GET] = "SELECT b.project_id, b.version, p.year, p.name, p.unit, b.body FROM published b"
			    " JOIN project p ON p.id = b.project_id WHERE b.project_id = ?1 AND p.classified = 0"
			    " ORDER BY b.version DESC LIMIT 1",
	[S_PUBLISHED_LIST] = "SELECT p.id, max(b.version), p.year, p.name, p.unit, NULL FROM published b"
			     " JOIN project p ON p.id = b.project_id WHERE (?1 = 0 OR p.year = ?1) AND p.classified = 0"
			     " GROUP BY p.id ORDER BY p.year, p.id",
	[S_ADD_PUBLICATION] = "INSERT INTO publication (year, at, user, key_only, hash, tables, money, head, sep, tail)"
			      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[S_PUBLICATION] = "SELECT version, year, at, user, key_only, hash, tables, money, head, sep, tail FROM publication"
			  " WHERE version = ?1",
	[S_PUBLICATIONS] = "SELECT version, year, at, user, key_only, hash, tables, money, NULL, NULL, NULL FROM publication"
			   " WHERE ?2 = 0 OR year = ?2 ORDER BY version",
	[S_PART_PUT] = "INSERT INTO publication_part (version, seq, body) VALUES (?1, ?2, ?3)",
	[S_PARTS] = "SELECT body FROM publication_part WHERE version = ?1 ORDER BY seq",
	/* which version is current (the web system asks on every request, through published_current),
	 * and the body too (to render what it does not keep) */
#define PUBLISHED_AT(columns)                                                                                     \
	"SELECT b.project_id, b.version" columns " FROM published b"                                              \
	" JOIN project p ON p.id = b.project_id WHERE b.project_id = ?1 AND (?2 = 0 OR b.version = ?2)"           \
	" AND p.classified = 0 ORDER BY b.version DESC LIMIT 1"
	[S_PUBLISHED_AT] = PUBLISHED_AT(""),
	[S_PUBLISHED_AT_BODY] = PUBLISHED_AT(", p.year, p.name, p.unit, b.body"),
	[S_WITHDRAWN] = "SELECT EXISTS (SELECT 1 FROM published b JOIN project p ON p.id = b.project_id"
			" WHERE b.version = ?1 AND p.classified <> 0)",
};

#define IND_BATCH 32  /* indicators one statement inserts, at most (a table has 8 to 17 as a rule) */
#define IND_COLUMNS 10 /* the columns of an indicator row: the parameters of each */

/* An answer of published_at (body not asked for) or withdrawn, remembered (see "what did not change"):
 * two ways of MEMO_SETS, 256 KiB a connection, enough for a province's published tables to be asked
 * for at random and mostly found. */
#define MEMO_SETS 8192
struct memo {
	int64_t id;  /* the project (0: an empty slot); for withdrawn, minus the version */
	int asked;   /* the version asked for (0: the latest) */
	int answer;  /* the version found, or 0: none; for withdrawn, 1 if withdrawn */
};

struct sq {
	struct jx_store base;    /* must come first */
	sqlite3 *db;
	char *path;              /* for messages */
	sqlite3_stmt *st[N_STMT]; /* prepared on first use */
	sqlite3_stmt *insert_ind[IND_BATCH]; /* the insert of 1, 2, … IND_BATCH indicators, prepared on first use */
	int depth;               /* transactions begun and not yet ended: 1 the outer one, more for savepoints */
	bool readonly;           /* opened read-only: the file or its directory may not be written */
	sqlite3_stmt *raw;       /* the insert of raw_table's rows (sq_raw_put) */
	const struct jx_raw_table *raw_table;
	/* bulk loading (see "loading into an empty store") */
	bool temp_files;         /* temp_store = FILE for this bulk transaction */
	bool bulk_looked;        /* this transaction's first bulk put has looked whether the store was empty */
	char **deferred;         /* the indexes dropped until the commit: name, CREATE text, name, … */
	size_t n_deferred, cap_deferred;
	/* what did not change (published_at, withdrawn) */
	const volatile unsigned char *shm; /* the WAL-index SQLite maps (NULL: none, or not yet) */
	bool shm_tried;          /* the mapping was asked for */
	bool seen;               /* hdr holds the header as last seen */
	unsigned char hdr[48];
	struct memo memo[MEMO_SETS][2];
};

/* Fills err from the connection's last error: a full disk and a store held by another writer are
 * conditions callers answer in their own way (JX_EFULL, JX_EBUSY); the rest is JX_ESTORE. */
static int db_fail(struct sq *s, struct jx_err *err)
{
	int code = sqlite3_extended_errcode(s->db) & 0xff;

	if (code == SQLITE_FULL)
		return jx_err_set(err, JX_EFULL, "%s: 磁盘已满，未能写入数据库（%s）", s->path, sqlite3_errmsg(s->db));
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return jx_err_set(err, JX_EBUSY, "%s: 数据库正忙：另一项写入尚未结束，请稍后再试", s->path);
	if (code == SQLITE_IOERR)
		return jx_err_set(err, JX_EIO, "%s: 读写数据库失败: %s", s->path, sqlite3_errmsg(s->db));
	return jx_err_set(err, JX_ESTORE, "%s: 数据库错误: %s", s->path, sqlite3_errmsg(s->db));
}

/* True, with err set, if SQLite undid the open transaction after an error (it may, on a full disk or an
 * I/O error): what follows would otherwise be written outside any transaction, each statement on its
 * own, until the caller's jx_store_end. */
static bool lost(struct sq *s, struct jx_err *err)
{
	if (s->depth == 0 || !sqlite3_get_autocommit(s->db))
		return false;
	jx_err_set(err, JX_ESTORE, "%s: 数据库已撤销进行中的事务，本次操作未保存", s->path);
	return true;
}

static sqlite3_stmt *stmt(struct sq *s, enum stmt which, struct jx_err *err)
{
	if (which > S_ROLLBACK_TO && lost(s, err))
		return NULL;
	if (!s->st[which] && sqlite3_prepare_v3(s->db, sql[which], -1, SQLITE_PREPARE_PERSISTENT, &s->st[which], NULL)) {
		db_fail(s, err);
		return NULL;
	}
	sqlite3_reset(s->st[which]);
	sqlite3_clear_bindings(s->st[which]);
	return s->st[which];
}

/* Runs a statement that returns no rows. */
static int run(struct sq *s, sqlite3_stmt *q, struct jx_err *err)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : db_fail(s, err);
}

static int exec_simple(struct sq *s, enum stmt which, struct jx_err *err)
{
	sqlite3_stmt *q = stmt(s, which, err);

	return q ? run(s, q, err) : -1;
}

/* The outer transaction takes the write lock at once (BEGIN IMMEDIATE), so two writers queue on the
 * busy timeout instead of one failing later; inner ones are savepoints. */
static int begin(struct jx_store *st, enum stmt outer, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;

	if (lost(s, err) || exec_simple(s, s->depth ? S_SAVEPOINT : outer, err))
		return -1;
	s->depth++;
	return 0;
}

/* ---- loading into an empty store ----
 *
 * A province's first import puts a hundred thousand projects, one at a time, into a table with six
 * secondary indexes, their entries each at its own place in B-trees larger than the page cache: a third
 * of the import's writing. Made again after the load, an index sorts its entries once and writes its
 * pages in order. So a bulk transaction (jx_store_bulk before jx_store_begin) whose first put finds no
 * project in the store drops the project table's secondary indexes, and its commit makes them again
 * from their own text in the schema before committing: the schema after is as before, and undoing the
 * transaction brings them back with the rest. The unique index of (year, kind, unit, name) belongs to
 * the table and stays; the import's lookups use it.
 *
 * Memory stays flat: a bulk transaction keeps its temporary storage in files (temp_store = FILE, set
 * before it begins, as SQLite allows only outside a transaction), so that the sort of an index spills
 * to a file beyond the page cache's size, and the page cache is made small while the indexes are
 * made; in memory, each sort (and the statement journal of each CREATE INDEX) would hold its whole
 * index. */

#define CACHE_KIB 16384  /* the page cache (configure) */
#define REBUILD_KIB 2048 /* the page cache, and so each sort's memory, while indexes are made again */

/* Sets the page cache to kib KiB. */
static int cache_kib(struct sq *s, int kib)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* Drops the project table's secondary indexes, keeping each one's name and CREATE text in s->deferred
 * (name, text, name, text…): first read, then dropped, as the schema may not change under the read. */
static int defer_indexes(struct sq *s, struct jx_err *err)
{
	sqlite3_stmt *q;
	size_t i;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'project'"
				      " AND sql IS NOT NULL ORDER BY rowid", -1, &q, NULL))
		return db_fail(s, err);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		jx_grow(&s->deferred, sizeof(*s->deferred), s->n_deferred + 2, &s->cap_deferred);
		s->deferred[s->n_deferred++] = jx_strdup((const char *)sqlite3_column_text(q, 0));
		s->deferred[s->n_deferred++] = jx_strdup((const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return db_fail(s, err);
	for (i = 0; i < s->n_deferred; i += 2) {
		char *drop = sqlite3_mprintf("DROP INDEX \"%w\"", s->deferred[i]);

		rc = sqlite3_exec(s->db, drop, NULL, NULL, NULL);
		sqlite3_free(drop);
		if (rc)
			return db_fail(s, err);
	}
	return 0;
}

/* At a bulk put: the first of a bulk transaction looks whether the store holds any project yet; if not,
 * the indexes wait for the commit. */
static int bulk_look(struct sq *s, struct jx_err *err)
{
	sqlite3_stmt *q;
	int rc;

	if (s->bulk_looked || !s->temp_files || s->depth != 1)
		return 0;
	s->bulk_looked = true;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM project LIMIT 1", -1, &q, NULL))
		return db_fail(s, err);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return defer_indexes(s, err);
	return rc == SQLITE_ROW ? 0 : db_fail(s, err);
}

/* Makes the indexes dropped by defer_indexes again, in the transaction that dropped them. */
static int rebuild_indexes(struct sq *s, struct jx_err *err)
{
	size_t i;
	int rc = 0;

	if (!s->n_deferred)
		return 0;
	if (cache_kib(s, REBUILD_KIB))
		return db_fail(s, err);
	for (i = 1; i < s->n_deferred && !rc; i += 2)
		if (sqlite3_exec(s->db, s->deferred[i], NULL, NULL, NULL))
			rc = db_fail(s, err);
	cache_kib(s, CACHE_KIB);
	return rc;
}

/* The outer transaction ended, committed or undone: the next begins afresh. */
static void bulk_forget(struct sq *s)
{
	size_t i;

	for (i = 0; i < s->n_deferred; i++)
		free(s->deferred[i]);
	s->n_deferred = 0;
	s->bulk_looked = false;
	if (s->temp_files)
		sqlite3_exec(s->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	s->temp_files = false;
}

static int sq_begin(struct jx_store *st, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;

	if (s->readonly)
		return jx_err_set(err, JX_EREADONLY, "%s: 数据库只读（文件或所在目录不可写），无法写入", s->path);
	if (st->bulk && s->depth == 0 && !s->temp_files) {
		if (sqlite3_exec(s->db, "PRAGMA temp_store = FILE", NULL, NULL, NULL))
			return db_fail(s, err);
		s->temp_files = true;
	}
	if (begin(st, S_BEGIN, err)) {
		if (s->depth == 0)
			bulk_forget(s);
		return -1;
	}
	return 0;
}

/* In WAL mode a deferred transaction reads one snapshot from its first read on, without a lock that
 * would keep writers out. */
static int sq_begin_read(struct jx_store *st, struct jx_err *err)
{
	return begin(st, S_BEGIN_READ, err);
}

/* Commits (rc 0) or undoes the innermost transaction: sq_end's work, once a bulk load's indexes are
 * back. */
static int end(struct sq *s, bool outer, int rc, struct jx_err *err)
{
	if (sqlite3_get_autocommit(s->db)) { /* undone by SQLite after an error */
		s->depth--;
		return rc ? -1 : jx_err_set(err, JX_ESTORE, "%s: 数据库已撤销进行中的事务，本次操作未保存", s->path);
	}
	if (rc == 0 && exec_simple(s, outer ? S_COMMIT : S_RELEASE, err) == 0) {
		s->depth--;
		return 0;
	}
	if (!outer) {
		exec_simple(s, S_ROLLBACK_TO, NULL);
		exec_simple(s, S_RELEASE, NULL);
	} else if (!sqlite3_get_autocommit(s->db)) {
		exec_simple(s, S_ROLLBACK, NULL);
	}
	s->depth--;
	return -1;
}

/* Ends the innermost transaction (store.h). depth counts what the caller has begun, so it always drops
 * by one; what SQLite still holds is asked of SQLite, which may have undone the transaction by itself. */
static int sq_end(struct jx_store *st, int rc, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	bool outer = s->depth == 1;

	if (s->depth == 0)
		return jx_err_set(err, JX_EUSAGE, "没有进行中的事务");
	if (outer && rc == 0 && !sqlite3_get_autocommit(s->db))
		rc = rebuild_indexes(s, err);
	rc = end(s, outer, rc, err);
	if (outer)
		bulk_forget(s);
	return rc;
}

static void bind_text(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static int sq_find(struct jx_store *st, int year, enum jx_kind kind, const char *unit, const char *name,
		   int64_t *id, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_LOOKUP, err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, year);
	bind_text(q, 2, jx_kind_name(kind));
	bind_text(q, 3, unit);
	bind_text(q, 4, name);
	rc = sqlite3_step(q);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(s, err);
}

static void bind_filter(sqlite3_stmt *q, const struct jx_filter *f)
{
	sqlite3_bind_int(q, 1, f ? f->year : 0);
	sqlite3_bind_int(q, 2, f && f->classified_only);
	sqlite3_bind_int(q, 3, f && f->hide_classified);
	if (f && f->unit)
		bind_text(q, 4, f->unit);
	if (f && f->by_status)
		bind_text(q, 5, jx_status_name(f->status));
}

/* An amount, or NULL when the table does not give it. */
static void bind_money(sqlite3_stmt *q, int i, jx_money m)
{
	if (m == JX_MONEY_NONE)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_int64(q, i, m);
}

static jx_money column_money(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? JX_MONEY_NONE : sqlite3_column_int64(q, i);
}

/* Binds a malloc'd text (NULL: SQL NULL) that SQLite frees. */
static void bind_owned(sqlite3_stmt *q, int i, char *text)
{
	if (text)
		sqlite3_bind_text(q, i, text, -1, free);
	else
		sqlite3_bind_null(q, i);
}

static void bind_project(sqlite3_stmt *q, const struct jx_project *p)
{
	bind_text(q, 1, jx_kind_name(p->kind));
	sqlite3_bind_int(q, 2, p->year);
	bind_text(q, 3, p->name);
	bind_text(q, 4, p->unit);
	bind_text(q, 5, p->goal);
	bind_money(q, 6, p->total);
	bind_money(q, 7, p->fiscal);
	bind_money(q, 8, p->other);
	sqlite3_bind_int(q, 9, p->key);
	sqlite3_bind_int(q, 10, p->classified);
	bind_text(q, 11, jx_status_name(p->status));
	bind_text(q, 12, p->framework);
	bind_money(q, 13, p->carryover);
	bind_money(q, 14, p->period_total);
	bind_owned(q, 15, jx_project_extra_text(p));
}

/* The insert of n indicators, 1 ≤ n ≤ IND_BATCH, as one statement: a statement's own work (its
 * cursors opened and closed, its state reset) then comes once for a table's indicators rather than once
 * for each. Prepared on first use. */
static sqlite3_stmt *insert_indicators(struct sq *s, size_t n, struct jx_err *err)
{
	sqlite3_stmt **q = &s->insert_ind[n - 1];

	if (lost(s, err))
		return NULL;
	if (!*q) {
		struct jx_buf sql = JX_BUF_INIT;
		size_t i;
		int rc;

		jx_buf_adds(&sql, "INSERT INTO indicator (project_id, seq, level1, level2, name, unit, op, value, target, extra)"
				  " VALUES ", NULL);
		for (i = 0; i < n; i++)
			jx_buf_adds(&sql, i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL);
		rc = sqlite3_prepare_v3(s->db, sql.ptr, (int)sql.len, SQLITE_PREPARE_PERSISTENT, q, NULL);
		jx_buf_release(&sql);
		if (rc) {
			db_fail(s, err);
			return NULL;
		}
	}
	sqlite3_reset(*q);
	return *q;
}

/* Binds indicator seq of p as the row at parameter at (its first) of an insert. */
static void bind_indicator(sqlite3_stmt *q, int at, const struct jx_project *p, size_t seq)
{
	const struct jx_indicator *ind = &p->ind[seq];
	char value[JX_DEC_STRMAX];

	sqlite3_bind_int64(q, at, p->id);
	sqlite3_bind_int64(q, at + 1, (sqlite3_int64)seq);
	bind_text(q, at + 2, ind->level1);
	bind_text(q, at + 3, ind->level2);
	bind_text(q, at + 4, ind->name);
	bind_text(q, at + 5, ind->unit);
	bind_text(q, at + 6, ind->op == JX_OP_NONE ? NULL : jx_op_json(ind->op));
	if (ind->op == JX_OP_NONE)
		sqlite3_bind_null(q, at + 7);
	else
		sqlite3_bind_text(q, at + 7, jx_dec_format(ind->value, value), -1, SQLITE_TRANSIENT);
	bind_text(q, at + 8, ind->target);
	bind_owned(q, at + 9, jx_indicator_extra_text(ind));
}

static int write_indicators(struct sq *s, const struct jx_project *p, struct jx_err *err)
{
	size_t i, j, n;

	for (i = 0; i < p->n_ind; i += n) {
		sqlite3_stmt *q;

		n = p->n_ind - i < IND_BATCH ? p->n_ind - i : IND_BATCH;
		if (!(q = insert_indicators(s, n, err)))
			return -1;
		for (j = 0; j < n; j++)
			bind_indicator(q, (int)(j * IND_COLUMNS) + 1, p, i + j);
		if (run(s, q, err))
			return -1;
	}
	return 0;
}

static int write_project(struct sq *s, struct jx_project *p, struct jx_err *err)
{
	sqlite3_stmt *q = stmt(s, p->id ? S_UPDATE : S_INSERT, err);
	int rc;

	if (!q)
		return -1;
	bind_project(q, p);
	if (p->id)
		sqlite3_bind_int64(q, 16, p->id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_CONSTRAINT)
		return jx_err_set(err, JX_ECONFLICT, "%s: %d 年已有名为“%s”的项目", s->path, p->year, p->name);
	if (rc != SQLITE_DONE)
		return db_fail(s, err);
	if (!p->id) {
		p->id = sqlite3_last_insert_rowid(s->db);
		return 0;
	}
	q = stmt(s, S_DELETE_IND, err);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, p->id);
	return run(s, q, err);
}

/* One write, atomic on its own: the project row, then its indicators. */
static int sq_put(struct jx_store *st, struct jx_project *p, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	int64_t id = p->id;

	if (st->bulk && s->depth) /* the caller undoes everything if this fails */
		return bulk_look(s, err) || write_project(s, p, err) || write_indicators(s, p, err) ? -1 : 0;
	if (sq_begin(st, err))
		return -1;
	if (sq_end(st, write_project(s, p, err) || write_indicators(s, p, err), err)) {
		p->id = id;
		return -1;
	}
	return 0;
}

static int corrupt(struct sq *s, int64_t id, const char *what, struct jx_err *err);

static int sq_set_status(struct jx_store *st, int64_t id, enum jx_status status, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_SET_STATUS, err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	bind_text(q, 2, jx_status_name(status));
	if (run(s, q, err))
		return -1;
	return sqlite3_changes(s->db) ? 0 : jx_err_set(err, JX_ENOTFOUND, "没有编号为 %lld 的项目", (long long)id);
}

static int sq_log(struct jx_store *st, const struct jx_event *e, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_LOG, err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, e->project_id);
	bind_text(q, 2, e->at);
	bind_text(q, 3, e->user);
	bind_text(q, 4, e->action);
	bind_text(q, 5, e->detail);
	if (run(s, q, err))
		return -1;
	if (!e->action || strcmp(e->action, "submit") != 0)
		return 0;
	if (!(q = stmt(s, S_SUBMITTED, err))) /* the latest submission, for the review queue */
		return -1;
	sqlite3_bind_int64(q, 1, e->project_id);
	bind_text(q, 2, e->at);
	return run(s, q, err);
}

static int sq_history(struct jx_store *st, int64_t id, const char *action, bool last_only,
		      int (*fn)(void *ctx, const struct jx_event *e, struct jx_err *err), void *ctx, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	/* Prepared afresh: fn may run statements of its own. */
	if (sqlite3_prepare_v2(s->db, sql[!action ? S_HISTORY : last_only ? S_LAST_ACTION : S_HISTORY_ACTION], -1,
			       &q, NULL))
		return db_fail(s, err);
	sqlite3_bind_int64(q, 1, id);
	if (action)
		bind_text(q, 2, action);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_event e = { sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1),
				      (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
				      (const char *)sqlite3_column_text(q, 4) };

		if (!e.at || !e.user || !e.action || !e.detail) {
			sqlite3_finalize(q);
			return corrupt(s, id, "历史记录", err);
		}
		stop = fn(ctx, &e, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_log_page(struct jx_store *st, const struct jx_log_filter *f,
		       int (*fn)(void *ctx, const struct jx_log_row *row, struct jx_err *err), void *ctx,
		       struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[S_LOG_PAGE], -1, &q, NULL))
		return db_fail(s, err);
	sqlite3_bind_int64(q, 1, f->before);
	bind_text(q, 2, f->unit);
	bind_text(q, 3, f->action);
	bind_text(q, 4, f->user);
	sqlite3_bind_int64(q, 5, (sqlite3_int64)f->limit);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_log_row row = { sqlite3_column_int64(q, 0),
					  { sqlite3_column_int64(q, 1), (const char *)sqlite3_column_text(q, 2),
					    (const char *)sqlite3_column_text(q, 3), (const char *)sqlite3_column_text(q, 4),
					    (const char *)sqlite3_column_text(q, 5) },
					  (const char *)sqlite3_column_text(q, 6), (const char *)sqlite3_column_text(q, 7),
					  sqlite3_column_int(q, 8), sqlite3_column_int(q, 9) != 0 };

		if (!row.e.at || !row.e.user || !row.e.action || !row.e.detail || !row.name || !row.unit) {
			sqlite3_finalize(q);
			return corrupt(s, row.e.project_id, "历史记录", err);
		}
		stop = fn(ctx, &row, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static char *col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return t ? jx_strdup((const char *)t) : NULL;
}

/* Reads a row the database should not hold; a damaged value is reported, not trusted. */
static int corrupt(struct sq *s, int64_t id, const char *what, struct jx_err *err)
{
	return jx_err_set(err, JX_ESTORE, "%s: 项目 %lld 的%s已损坏", s->path, (long long)id, what);
}

/* Adds the indicator in the current row of q (columns from col on: level1, level2, name, unit, op,
 * value, target, extra) to p. */
static int indicator_from_row(struct sq *s, sqlite3_stmt *q, int col, struct jx_project *p, struct jx_err *err)
{
	struct jx_indicator *ind = jx_project_add(p, err);
	const char *op = (const char *)sqlite3_column_text(q, col + 4);
	const char *value = (const char *)sqlite3_column_text(q, col + 5), *extra;

	if (!ind)
		return -1;
	ind->level1 = col_dup(q, col);
	ind->level2 = col_dup(q, col + 1);
	ind->name = col_dup(q, col + 2);
	ind->unit = col_dup(q, col + 3);
	ind->target = col_dup(q, col + 6);
	extra = (const char *)sqlite3_column_text(q, col + 7);
	if (!ind->level1 || !ind->level2 || !ind->name ||
	    (op && (jx_op_from_json(op, &ind->op) || !value || jx_dec_parse(value, strlen(value), &ind->value))) ||
	    (extra && jx_indicator_extra_parse(ind, extra, NULL)))
		return corrupt(s, p->id, "指标", err);
	return 0;
}

static int load_indicators(struct sq *s, struct jx_project *p, struct jx_err *err)
{
	sqlite3_stmt *q = stmt(s, S_GET_IND, err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, p->id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (indicator_from_row(s, q, 0, p, err)) {
			sqlite3_reset(q);
			return -1;
		}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : db_fail(s, err);
}

/* A new project from the current row of q (the columns of S_GET), without its indicators. */
static struct jx_project *project_from_row(struct sq *s, sqlite3_stmt *q, struct jx_err *err)
{
	struct jx_project *p = jx_project_new();
	const char *kind = (const char *)sqlite3_column_text(q, 1);
	const char *status = (const char *)sqlite3_column_text(q, 11);
	const char *fw = (const char *)sqlite3_column_text(q, 12), *extra;

	p->id = sqlite3_column_int64(q, 0);
	p->year = sqlite3_column_int(q, 2);
	free(p->name);
	free(p->unit);
	free(p->goal);
	p->name = col_dup(q, 3);
	p->unit = col_dup(q, 4);
	p->goal = col_dup(q, 5);
	p->total = sqlite3_column_int64(q, 6);
	p->fiscal = column_money(q, 7);
	p->other = column_money(q, 8);
	p->key = sqlite3_column_int(q, 9) != 0;
	p->classified = sqlite3_column_int(q, 10) != 0;
	snprintf(p->framework, sizeof(p->framework), "%s", fw ? fw : "");
	p->carryover = column_money(q, 13);
	p->period_total = column_money(q, 14);
	p->revision = sqlite3_column_int64(q, 16);
	extra = (const char *)sqlite3_column_text(q, 15);
	if (!p->name || !p->unit || !p->goal || !kind || !status || jx_kind_from_name(kind, &p->kind) ||
	    jx_status_from_name(status, &p->status) || (extra && jx_project_extra_parse(p, extra, NULL))) {
		corrupt(s, p->id, "项目信息", err);
		jx_project_free(p);
		return NULL;
	}
	return p;
}

static int sq_get(struct jx_store *st, int64_t id, struct jx_project **out, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_GET, err);
	struct jx_project *p;
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? jx_err_set(err, JX_ENOTFOUND, "没有编号为 %lld 的项目", (long long)id)
					 : db_fail(s, err);
	}
	p = project_from_row(s, q, err);
	sqlite3_reset(q);
	if (!p)
		return -1;
	if (load_indicators(s, p, err)) {
		jx_project_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

/* Walks the projects and, in step, their indicators: two cursors in the same order (year, id, seq),
 * rather than a query or two per project. */
/* The actual at q's row, its strings copied into strings (which grows). */
static struct jx_actual actual_from_row(sqlite3_stmt *q)
{
	struct jx_actual a = { sqlite3_column_int64(q, 0),	       (const char *)sqlite3_column_text(q, 1),
			       (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
			       (const char *)sqlite3_column_text(q, 4), (const char *)sqlite3_column_text(q, 5),
			       (const char *)sqlite3_column_text(q, 6), (const char *)sqlite3_column_text(q, 7) };

	return a;
}

/* Walks the projects f selects with their indicators — and, with actuals, their actual rows — by
 * merging cursors ordered alike, one project in memory at a time. */
static int sq_each(struct jx_store *st, const struct jx_filter *f, bool actuals, jx_each_fn fn, void *ctx,
		   struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *pq = NULL, *iq = NULL, *aq = NULL;
	int prc, irc = SQLITE_DONE, arc = SQLITE_DONE, stop = 0;
	struct jx_actual_rows rows = { NULL, 0, 0 };

	if (sqlite3_prepare_v2(s->db, sql[S_EACH], -1, &pq, NULL) ||
	    sqlite3_prepare_v2(s->db, sql[S_EACH_IND], -1, &iq, NULL) ||
	    (actuals && sqlite3_prepare_v2(s->db, sql[S_EACH_ACT], -1, &aq, NULL))) {
		stop = db_fail(s, err);
		goto done;
	}
	bind_filter(pq, f);
	bind_filter(iq, f);
	irc = sqlite3_step(iq);
	if (aq) {
		bind_filter(aq, f);
		arc = sqlite3_step(aq);
	}
	while (!stop && (prc = sqlite3_step(pq)) == SQLITE_ROW) {
		struct jx_project *p = project_from_row(s, pq, err);

		if (!p) {
			stop = -1;
			break;
		}
		for (; !stop && irc == SQLITE_ROW && sqlite3_column_int64(iq, 0) == p->id; irc = sqlite3_step(iq))
			stop = indicator_from_row(s, iq, 1, p, err);
		for (; arc == SQLITE_ROW && sqlite3_column_int64(aq, 0) == p->id; arc = sqlite3_step(aq))
			jx_actual_rows_add(&rows, actual_from_row(aq));
		if (!stop)
			stop = fn(ctx, p, rows.a, rows.n, err);
		jx_actual_rows_clear(&rows);
		jx_project_free(p);
	}
	if (!stop && (prc != SQLITE_DONE || (irc != SQLITE_DONE && irc != SQLITE_ROW) ||
		      (arc != SQLITE_DONE && arc != SQLITE_ROW)))
		stop = db_fail(s, err);
done:
	free(rows.a);
	sqlite3_finalize(pq);
	sqlite3_finalize(iq);
	sqlite3_finalize(aq);
	return stop;
}

static int sq_add_actual(struct jx_store *st, const struct jx_actual *a, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_ADD_ACTUAL, err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, a->project_id);
	bind_text(q, 2, a->indicator);
	bind_text(q, 3, a->unit);
	bind_text(q, 4, a->value);
	bind_text(q, 5, a->as_of);
	bind_text(q, 6, a->reason);
	bind_text(q, 7, a->at);
	bind_text(q, 8, a->user);
	return run(s, q, err);
}

static int sq_actuals(struct jx_store *st, int64_t id, int (*fn)(void *ctx, const struct jx_actual *a, struct jx_err *err),
		      void *ctx, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[S_ACTUALS], -1, &q, NULL))
		return db_fail(s, err);
	sqlite3_bind_int64(q, 1, id);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_actual a = actual_from_row(q);

		stop = fn(ctx, &a, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_by_name(struct jx_store *st, const char *name, int year, int64_t *ids, size_t cap, size_t *n,
		      struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, year > 0 ? S_BY_NAME_YEAR : S_BY_NAME, err);
	int rc;

	if (!q)
		return -1;
	bind_text(q, 1, name);
	if (year > 0)
		sqlite3_bind_int(q, 2, year);
	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n < cap)
			ids[*n] = sqlite3_column_int64(q, 0);
		(*n)++;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : db_fail(s, err);
}

/* A listing's row into sm: the columns 0–8 both listings select (status and kind are checked by
 * jx_summary_take). */
static void summary_columns(sqlite3_stmt *q, struct jx_summary *sm)
{
	sm->id = sqlite3_column_int64(q, 0);
	sm->year = sqlite3_column_int(q, 1);
	sm->name = (const char *)sqlite3_column_text(q, 2);
	sm->unit = (const char *)sqlite3_column_text(q, 3);
	sm->total = sqlite3_column_int64(q, 4);
	sm->key = sqlite3_column_int(q, 6) != 0;
	sm->classified = sqlite3_column_int(q, 7) != 0;
	sm->n_ind = (size_t)sqlite3_column_int64(q, 8);
}

static int sq_list(struct jx_store *st, const struct jx_filter *f,
		   int (*fn)(void *ctx, const struct jx_summary *s, struct jx_err *err), void *ctx, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	/* Prepared afresh: fn may run statements of its own, including another listing. */
	if (sqlite3_prepare_v2(s->db, sql[f && f->unit ? S_LIST_UNIT : f && f->by_status ? S_LIST_STATUS : S_LIST], -1, &q,
			       NULL))
		return db_fail(s, err);
	bind_filter(q, f);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_summary sm = { 0 };
		const char *status = (const char *)sqlite3_column_text(q, 5);

		summary_columns(q, &sm);
		if (!jx_summary_take(f, &sm, status, (const char *)sqlite3_column_text(q, 9))) {
			sqlite3_finalize(q);
			return corrupt(s, sm.id, "项目信息", err);
		}
		stop = fn(ctx, &sm, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

/* Binds a page's parameters (store_page.c). */
static void bind_page(sqlite3_stmt *q, const struct jx_page_sql *sql, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (sql->p[i].text)
			bind_text(q, i + 1, sql->p[i].text);
		else
			sqlite3_bind_int64(q, i + 1, sql->p[i].num);
}

static int page_count(struct sq *s, const struct jx_page_sql *sql, size_t *total, struct jx_err *err)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql->count, -1, &q, NULL))
		return db_fail(s, err);
	bind_page(q, sql, sql->n_count);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : db_fail(s, err);
}

/* A page of a listing: its rows (JX_PAGE_COLUMNS, then the sort value), prepared afresh since row may
 * run statements of its own. */
static int sq_page(struct jx_store *st, const struct jx_page_sql *sql, const struct jx_filter *f, jx_page_row_fn row,
		   void *ctx, size_t *total, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (total && page_count(s, sql, total, err))
		return -1;
	if (sqlite3_prepare_v2(s->db, sql->rows, -1, &q, NULL))
		return db_fail(s, err);
	bind_page(q, sql, sql->n);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_summary sm = { 0 };
		const char *status = (const char *)sqlite3_column_text(q, 5);

		summary_columns(q, &sm);
		sm.submitted = (const char *)sqlite3_column_text(q, 10);
		sm.version = sqlite3_column_int(q, 11);
		if (!sm.submitted || !jx_summary_take(f, &sm, status, (const char *)sqlite3_column_text(q, 9))) {
			sqlite3_finalize(q);
			return corrupt(s, sm.id, "项目信息", err);
		}
		stop = row(ctx, &sm, (const char *)sqlite3_column_text(q, JX_PAGE_COLUMNS), err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_add_publication(struct jx_store *st, struct jx_published *p, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_ADD_PUBLICATION, err);

	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, p->year);
	bind_text(q, 2, p->at);
	bind_text(q, 3, p->user);
	sqlite3_bind_int(q, 4, p->key_only);
	bind_text(q, 5, p->hash);
	sqlite3_bind_int64(q, 6, (sqlite3_int64)p->tables);
	sqlite3_bind_int64(q, 7, p->money);
	bind_text(q, 8, p->content);
	bind_text(q, 9, p->sep);
	bind_text(q, 10, p->tail);
	if (run(s, q, err))
		return -1;
	p->version = (int)sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int sq_publications(struct jx_store *st, int version, int year, bool content,
			   int (*fn)(void *ctx, const struct jx_published *p, struct jx_err *err), void *ctx,
			   struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[content ? S_PUBLICATION : S_PUBLICATIONS], -1, &q, NULL))
		return db_fail(s, err);
	sqlite3_bind_int(q, content ? 1 : 2, content ? version : year);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_published p = { sqlite3_column_int(q, 0), sqlite3_column_int(q, 1),
					  (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
					  sqlite3_column_int(q, 4) != 0, (const char *)sqlite3_column_text(q, 5),
					  (size_t)sqlite3_column_int64(q, 6), sqlite3_column_int64(q, 7),
					  (const char *)sqlite3_column_text(q, 8), (const char *)sqlite3_column_text(q, 9),
					  (const char *)sqlite3_column_text(q, 10) };

		if (!p.at || !p.user || !p.hash || (content && (!p.content || !p.sep || !p.tail))) {
			sqlite3_finalize(q);
			return jx_err_set(err, JX_ESTORE, "%s: 第 %d 版公开的记录已损坏", s->path, p.version);
		}
		stop = fn(ctx, &p, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static void sq_close(struct jx_store *st)
{
	struct sq *s = (struct sq *)st;
	int i;

	for (i = 0; i < N_STMT; i++)
		sqlite3_finalize(s->st[i]);
	for (i = 0; i < IND_BATCH; i++)
		sqlite3_finalize(s->insert_ind[i]);
	sqlite3_finalize(s->raw);
	sqlite3_close(s->db);
	for (i = 0; i < (int)s->n_deferred; i++)
		free(s->deferred[i]);
	free(s->deferred);
	free(s->path);
	free(s);
}

static int sq_account_put(struct jx_store *st, const struct jx_account_row *a, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_ACCOUNT_PUT, err);

	if (!q)
		return -1;
	bind_text(q, 1, a->name);
	bind_text(q, 2, a->role);
	bind_text(q, 3, a->unit);
	bind_text(q, 4, a->hash);
	sqlite3_bind_int(q, 5, a->disabled);
	bind_text(q, 6, a->created);
	return run(s, q, err);
}

static int sq_accounts(struct jx_store *st, const char *name,
		       int (*fn)(void *ctx, const struct jx_account_row *a, struct jx_err *err), void *ctx,
		       struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[name ? S_ACCOUNT_GET : S_ACCOUNTS], -1, &q, NULL))
		return db_fail(s, err);
	if (name)
		bind_text(q, 1, name);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_account_row a = { (const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
					    (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
					    sqlite3_column_int(q, 4) != 0,	     (const char *)sqlite3_column_text(q, 5),
					    (const char *)sqlite3_column_text(q, 6) };

		stop = fn(ctx, &a, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

/* Runs statement which with from and to as ?1 and ?2 (account_seen, the steps of a rename). */
static int run_two(struct sq *s, enum stmt which, const char *a, const char *b, struct jx_err *err)
{
	sqlite3_stmt *q = stmt(s, which, err);

	if (!q)
		return -1;
	bind_text(q, 1, a);
	bind_text(q, 2, b);
	return run(s, q, err);
}

static int sq_account_seen(struct jx_store *st, const char *name, const char *at, struct jx_err *err)
{
	return run_two((struct sq *)st, S_ACCOUNT_SEEN, name, at, err);
}

static int sq_unit_add(struct jx_store *st, const struct jx_unit_row *u, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_UNIT_ADD, err);

	if (!q)
		return -1;
	bind_text(q, 1, u->code);
	bind_text(q, 2, u->name);
	bind_text(q, 3, u->parent);
	bind_text(q, 4, u->created);
	return run(s, q, err);
}

/* The rows of the registry which (S_UNIT_GET, S_UNITS, S_UNITS_UNDER) selects with arg (may be NULL). */
static int unit_rows(struct jx_store *st, enum stmt which, const char *arg,
		     int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx, bool *found,
		     struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	*found = false;
	if (lost(s, err))
		return -1;
	if (sqlite3_prepare_v2(s->db, sql[which], -1, &q, NULL))
		return db_fail(s, err);
	if (arg)
		bind_text(q, 1, arg);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_unit_row u = { sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1),
					 (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
					 (const char *)sqlite3_column_text(q, 4) };

		*found = true;
		stop = fn(ctx, &u, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_units(struct jx_store *st, const char *name,
		    int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx, struct jx_err *err)
{
	bool found;
	int stop = unit_rows(st, name ? S_UNIT_GET : S_UNITS, name, fn, ctx, &found, err);

	if (!stop && name && !found)
		stop = jx_err_set(err, JX_ENOTFOUND, "单位库中没有预算单位“%s”", name);
	return stop;
}

static int sq_units_under(struct jx_store *st, const char *parent,
			  int (*fn)(void *ctx, const struct jx_unit_row *u, struct jx_err *err), void *ctx,
			  struct jx_err *err)
{
	bool found;

	return unit_rows(st, S_UNITS_UNDER, parent, fn, ctx, &found, err);
}

static int sq_units_missing(struct jx_store *st, int (*fn)(void *ctx, const char *name, struct jx_err *err), void *ctx,
			    struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (lost(s, err))
		return -1;
	if (sqlite3_prepare_v2(s->db, sql[S_UNITS_MISSING], -1, &q, NULL))
		return db_fail(s, err);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(q, 0), err);
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_unit_rename(struct jx_store *st, const char *from, const char *to, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;

	return run_two(s, S_UNIT_RENAME, from, to, err) || run_two(s, S_UNIT_RENAME_PARENT, from, to, err) ||
			       run_two(s, S_UNIT_RENAME_PROJECTS, from, to, err) ||
			       run_two(s, S_UNIT_RENAME_ACCOUNTS, from, to, err)
		       ? -1
		       : 0;
}

static int sq_session_put(struct jx_store *st, const struct jx_session_row *r, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_SESSION_PUT, err);

	if (!q)
		return -1;
	bind_text(q, 1, r->token);
	bind_text(q, 2, r->account);
	bind_text(q, 3, r->csrf);
	bind_text(q, 4, r->expires);
	return run(s, q, err);
}

static int sq_session_get(struct jx_store *st, const char *token, const char *now, struct jx_session_row *out,
			  struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_SESSION_GET, err);
	int rc;

	if (!q)
		return -1;
	bind_text(q, 1, token);
	bind_text(q, 2, now);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(out->account_buf, sizeof(out->account_buf), "%s", (const char *)sqlite3_column_text(q, 0));
		snprintf(out->csrf_buf, sizeof(out->csrf_buf), "%s", (const char *)sqlite3_column_text(q, 1));
		snprintf(out->expires_buf, sizeof(out->expires_buf), "%s", (const char *)sqlite3_column_text(q, 2));
		out->account = out->account_buf;
		out->csrf = out->csrf_buf;
		out->expires = out->expires_buf;
	}
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return jx_err_set(err, JX_ENOTFOUND, "会话不存在或已过期");
	return rc == SQLITE_ROW ? 0 : db_fail(s, err);
}

static int sq_session_delete(struct jx_store *st, const char *token, const char *account, const char *before,
			     struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, token ? S_SESSION_DELETE : account ? S_SESSION_END_ACCOUNT : S_SESSION_PURGE, err);

	if (!q)
		return -1;
	bind_text(q, 1, token ? token : account ? account : before);
	return run(s, q, err);
}

static int sq_published_put(struct jx_store *st, int64_t project_id, int version, const char *body, size_t len,
			    struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_PUBLISHED_PUT, err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, project_id);
	sqlite3_bind_int(q, 2, version);
	sqlite3_bind_text(q, 3, body, (int)len, SQLITE_STATIC);
	return run(s, q, err);
}

static int sq_publication_part_put(struct jx_store *st, int version, size_t seq, const char *body, size_t len,
				   struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_PART_PUT, err);

	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, version);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)seq);
	sqlite3_bind_text(q, 3, body, (int)len, SQLITE_STATIC);
	return run(s, q, err);
}

/* Its own statement, not the handle's prepared one: fn may read another version meanwhile. */
static int sq_publication_parts(struct jx_store *st, int version,
				int (*fn)(void *ctx, const char *body, size_t len, struct jx_err *err), void *ctx,
				struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[S_PARTS], -1, &q, NULL))
		return db_fail(s, err);
	sqlite3_bind_int(q, 1, version);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(q, 0);

		stop = body ? fn(ctx, body, (size_t)sqlite3_column_bytes(q, 0), err)
			    : jx_err_set(err, JX_ESTORE, "%s: 第 %d 版公开的内容已损坏", s->path, version);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_published(struct jx_store *st, int64_t project_id, int year,
			int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
			struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	/* One table (the web system's public page, on every request): the statement prepared once; its
	 * callback must not ask for another table. A listing is prepared afresh: its callback may. */
	if (project_id) {
		if (!(q = stmt(s, S_PUBLISHED_GET, err)))
			return -1;
	} else if (sqlite3_prepare_v2(s->db, sql[S_PUBLISHED_LIST], -1, &q, NULL)) {
		return db_fail(s, err);
	}
	if (project_id)
		sqlite3_bind_int64(q, 1, project_id);
	else
		sqlite3_bind_int(q, 1, year);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_published_table t = { sqlite3_column_int64(q, 0),		  sqlite3_column_int(q, 1),
						sqlite3_column_int(q, 2),		  (const char *)sqlite3_column_text(q, 3),
						(const char *)sqlite3_column_text(q, 4), (const char *)sqlite3_column_text(q, 5) };

		stop = fn(ctx, &t, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	if (project_id)
		sqlite3_reset(q);
	else
		sqlite3_finalize(q);
	return stop;
}

/* ---- what did not change ----
 *
 * The web system asks on every request for a public page which version of a table is current
 * (published_at without the body) and, for a publication, whether it is withdrawn. Their answers
 * change only with a commit, and every commit — by any connection, in any process — rewrites the
 * header of the WAL-index, the shared memory SQLite maps beside a WAL database (its -shm file; the
 * format is SQLite's documented one, https://www.sqlite.org/walformat.html: two copies of a 48-byte
 * header, the second written first, whose change counter moves on with each write transaction). So a
 * connection remembers its recent answers as long as the header it read before asking is still the
 * header now: a look at 96 bytes of memory in place of a read transaction — two file locks, a stat
 * and a query, a third of a kept page's answer. A header seen in the middle of a write (its copies
 * differ) is no header: the store is asked. Without a WAL-index (a read-only or immutable file) and
 * inside a transaction nothing is remembered. */

/* Maps the WAL-index through SQLite's own file (its first region, mapped by the first read), once. */
static void map_shm(struct sq *s)
{
	sqlite3_file *f = NULL;
	void volatile *p = NULL;

	s->shm_tried = true;
	if (s->readonly || sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
	    !f->pMethods || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap ||
	    f->pMethods->xShmMap(f, 0, 32768, 0, &p) != SQLITE_OK)
		return;
	s->shm = p;
}

/* Whether nothing was committed since the header was last seen; else notes the header now (and
 * forgets every answer, which were of the header before). */
static bool unchanged(struct sq *s)
{
	unsigned char first[48], second[48];

	if (s->depth || !s->shm)
		return false;
	memcpy(first, (const void *)s->shm, sizeof(first));
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	memcpy(second, (const void *)(s->shm + 48), sizeof(second));
	if (s->seen && memcmp(first, second, sizeof(first)) == 0 && memcmp(first, s->hdr, sizeof(first)) == 0)
		return true;
	memset(s->memo, 0, sizeof(s->memo));
	s->seen = memcmp(first, second, sizeof(first)) == 0 && first[12] /* isInit */;
	memcpy(s->hdr, first, sizeof(first));
	return false;
}

static struct memo *memo_set(struct sq *s, int64_t id, int asked)
{
	return s->memo[((uint64_t)id * 2654435761u + (unsigned)asked) % MEMO_SETS];
}

/* The answer remembered for (id, asked) while nothing changed, or NULL; after a NULL, remember()
 * keeps the answer the store then gives. */
static const struct memo *recall(struct sq *s, int64_t id, int asked)
{
	const struct memo *m;
	int i;

	if (!unchanged(s))
		return NULL;
	m = memo_set(s, id, asked);
	for (i = 0; i < 2; i++)
		if (m[i].id == id && m[i].asked == asked)
			return &m[i];
	return NULL;
}

/* Keeps an answer in its set: in the second way, the first moving there, so that of the answers the
 * set has held the two latest stay. */
static void remember(struct sq *s, int64_t id, int asked, int answer)
{
	struct memo *m = memo_set(s, id, asked);

	if (!s->seen || s->depth)
		return;
	m[1] = m[0];
	m[0] = (struct memo){ id, asked, answer };
}

static int sq_published_at(struct jx_store *st, int64_t project_id, int version, bool body,
			   int (*fn)(void *ctx, const struct jx_published_table *t, struct jx_err *err), void *ctx,
			   struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	const struct memo *m = body ? NULL : recall(s, project_id, version);
	struct jx_published_table t = { project_id, 0, 0, NULL, NULL, NULL };
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (m)
		return m->answer ? (t.version = m->answer, fn(ctx, &t, err)) : 0;
	if (!(q = stmt(s, body ? S_PUBLISHED_AT_BODY : S_PUBLISHED_AT, err)))
		return -1;
	sqlite3_bind_int64(q, 1, project_id);
	sqlite3_bind_int(q, 2, version);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		t.version = sqlite3_column_int(q, 1);
		if (body) {
			t.year = sqlite3_column_int(q, 2);
			t.name = (const char *)sqlite3_column_text(q, 3);
			t.unit = (const char *)sqlite3_column_text(q, 4);
			t.body = (const char *)sqlite3_column_text(q, 5);
		}
		stop = fn(ctx, &t, err);
	} else if (rc != SQLITE_DONE) {
		stop = db_fail(s, err);
	}
	sqlite3_reset(q);
	if (!s->shm_tried)
		map_shm(s); /* the first read has mapped it */
	if (!body && (rc == SQLITE_ROW || rc == SQLITE_DONE))
		remember(s, project_id, version, rc == SQLITE_ROW ? t.version : 0);
	return stop;
}

static int sq_withdrawn(struct jx_store *st, int version, bool *out, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	const struct memo *m = recall(s, -(int64_t)version, -1);
	sqlite3_stmt *q;
	int rc;

	if (m) {
		*out = m->answer != 0;
		return 0;
	}
	if (!(q = stmt(s, S_WITHDRAWN, err)))
		return -1;
	sqlite3_bind_int(q, 1, version);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(q, 0) != 0;
	sqlite3_reset(q);
	if (!s->shm_tried)
		map_shm(s);
	if (rc == SQLITE_ROW)
		remember(s, -(int64_t)version, -1, *out);
	return rc == SQLITE_ROW ? 0 : db_fail(s, err);
}

/* ---- raw rows, for copying a whole store (store_copy.c) ---- */

/* "SELECT a, b FROM t ORDER BY k" or "INSERT INTO t (a, b) VALUES (?1, ?2)" for a table of the schema
 * (names from the program, never from data). */
static char *raw_sql(const struct jx_raw_table *t, bool insert)
{
	struct jx_buf q = JX_BUF_INIT;
	int i;

	jx_buf_adds(&q, insert ? "INSERT INTO " : "SELECT ", NULL);
	if (insert)
		jx_buf_addf(&q, NULL, "%s (", t->name);
	for (i = 0; i < t->n; i++)
		jx_buf_addf(&q, NULL, "%s%s", i ? ", " : "", t->cols[i]);
	if (insert) {
		jx_buf_adds(&q, ") VALUES (", NULL);
		for (i = 0; i < t->n; i++)
			jx_buf_addf(&q, NULL, "%s?%d", i ? ", " : "", i + 1);
		jx_buf_addc(&q, ')', NULL);
	} else {
		jx_buf_addf(&q, NULL, " FROM %s ORDER BY %s", t->name, t->order);
	}
	return jx_buf_detach(&q, NULL);
}

static int sq_raw_rows(struct jx_store *st, const struct jx_raw_table *t, jx_raw_fn fn, void *ctx, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	const char *v[32];
	char *text = raw_sql(t, false);
	sqlite3_stmt *q;
	int rc, i, stop = 0;

	rc = sqlite3_prepare_v2(s->db, text, -1, &q, NULL);
	free(text);
	if (rc)
		return db_fail(s, err);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (i = 0; i < t->n && i < 32; i++)
			v[i] = (const char *)sqlite3_column_text(q, i);
		stop = fn(ctx, v, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_raw_put(struct jx_store *st, const struct jx_raw_table *t, const char *const *v, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	int i;

	if (!v || s->raw_table != t) { /* a table done, or another begun */
		sqlite3_finalize(s->raw);
		s->raw = NULL;
		s->raw_table = NULL;
		if (!v)
			return 0;
	}
	if (lost(s, err))
		return -1;
	if (!s->raw) {
		char *text = raw_sql(t, true);
		int rc = sqlite3_prepare_v2(s->db, text, -1, &s->raw, NULL);

		free(text);
		if (rc)
			return db_fail(s, err);
		s->raw_table = t;
	}
	sqlite3_reset(s->raw);
	sqlite3_clear_bindings(s->raw);
	for (i = 0; i < t->n; i++)
		if (!v[i])
			sqlite3_bind_null(s->raw, i + 1);
		else if (t->types[i] == 't')
			sqlite3_bind_text(s->raw, i + 1, v[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(s->raw, i + 1, strtoll(v[i], NULL, 10));
	return run(s, s->raw, err);
}

static int sq_raw_clear(struct jx_store *st, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;

	if (lost(s, err))
		return -1;
	if (sqlite3_exec(s->db,
			 "DELETE FROM unit; DELETE FROM library_use; DELETE FROM library; DELETE FROM published; DELETE FROM session; DELETE FROM login_attempt; DELETE FROM account; DELETE FROM actual;"
			 " DELETE FROM publication_part; DELETE FROM publication; DELETE FROM history; DELETE FROM indicator; DELETE FROM project;"
			 " DELETE FROM sqlite_sequence WHERE name = 'project'",
			 NULL, NULL, NULL))
		return db_fail(s, err);
	return 0;
}

/* The file, by its real path. */
static char *sq_identity(struct jx_store *st)
{
	struct sq *s = (struct sq *)st;
	char *real = realpath(s->path, NULL);
	struct jx_buf b = JX_BUF_INIT;

	jx_buf_addf(&b, NULL, "sqlite:%s", real ? real : s->path);
	free(real);
	return jx_buf_detach(&b, NULL);
}

static int sq_backup(struct jx_store *st, const char *path, struct jx_err *err);
static int sq_restore(struct jx_store *st, const char *path, struct jx_err *err);
static int sq_check(struct jx_store *st, int (*fn)(void *ctx, const char *problem, struct jx_err *err), void *ctx,
		    struct jx_err *err);

/* ---- login attempts ---- */

static sqlite3_stmt *login_stmt(struct sq *s, enum stmt which, const struct jx_login_key *k, struct jx_err *err)
{
	sqlite3_stmt *q = stmt(s, which, err);

	if (q) {
		bind_text(q, 1, k->scope);
		bind_text(q, 2, k->account);
		bind_text(q, 3, k->addr);
	}
	return q;
}

static int sq_login_get(struct jx_store *st, const struct jx_login_key *k, struct jx_login_row *out, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = login_stmt(s, S_LOGIN_GET, k, err);
	int rc;

	if (!q)
		return -1;
	memset(out, 0, sizeof(*out));
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->fails = sqlite3_column_int64(q, 0);
		out->first = sqlite3_column_int64(q, 1);
		out->last = sqlite3_column_int64(q, 2);
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(s, err);
}

static int sq_login_put(struct jx_store *st, const struct jx_login_key *k, const struct jx_login_row *row,
			struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = login_stmt(s, row->fails ? S_LOGIN_PUT : S_LOGIN_DELETE, k, err);

	if (!q)
		return -1;
	if (row->fails) {
		sqlite3_bind_int64(q, 4, row->fails);
		sqlite3_bind_int64(q, 5, row->first);
		sqlite3_bind_int64(q, 6, row->last);
	}
	return run(s, q, err);
}

static int sq_login_purge(struct jx_store *st, int64_t before, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_LOGIN_PURGE, err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, before);
	return run(s, q, err);
}

/* ---- the indicator library's entries ---- */

static int sq_library_put(struct jx_store *st, const char *id, const char *body, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_LIBRARY_PUT, err);

	if (!q)
		return -1;
	bind_text(q, 1, id);
	bind_text(q, 2, body);
	return run(s, q, err);
}

static int sq_library_rows(struct jx_store *st, int (*fn)(void *ctx, const char *id, const char *body, struct jx_err *err),
			   void *ctx, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[S_LIBRARY_ROWS], -1, &q, NULL))
		return db_fail(s, err);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(q, 0), *body = (const char *)sqlite3_column_text(q, 1);

		stop = fn(ctx, id ? id : "", body ? body : "", err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_library_use_add(struct jx_store *st, const char *entry, const char *kind, const char *ref, bool *added,
			      struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_LIBRARY_USE_ADD, err);

	if (!q)
		return -1;
	bind_text(q, 1, entry);
	bind_text(q, 2, kind);
	bind_text(q, 3, ref);
	if (run(s, q, err))
		return -1;
	*added = sqlite3_changes(s->db) > 0;
	return 0;
}

static int sq_library_uses(struct jx_store *st, const char *entry,
			   int (*fn)(void *ctx, const char *entry, const char *kind, const char *ref, struct jx_err *err),
			   void *ctx, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[entry ? S_LIBRARY_USES : S_LIBRARY_USES_ALL], -1, &q, NULL))
		return db_fail(s, err);
	if (entry)
		bind_text(q, 1, entry);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *v[3];
		int i;

		for (i = 0; i < 3; i++)
			v[i] = sqlite3_column_text(q, i) ? (const char *)sqlite3_column_text(q, i) : "";
		stop = fn(ctx, v[0], v[1], v[2], err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_targets(struct jx_store *st, int year, jx_target_fn fn, void *ctx, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(s->db, sql[S_TARGETS], -1, &q, NULL))
		return db_fail(s, err);
	sqlite3_bind_int(q, 1, year);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct jx_target_row t;

		t.project_id = sqlite3_column_int64(q, 0);
		t.name = (const char *)sqlite3_column_text(q, 1);
		t.unit = (const char *)sqlite3_column_text(q, 2);
		t.op = (const char *)sqlite3_column_text(q, 3);
		t.value = (const char *)sqlite3_column_text(q, 4);
		if (!t.name)
			t.name = "";
		if (!t.unit)
			t.unit = "";
		stop = fn(ctx, &t, err);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_fail(s, err);
	sqlite3_finalize(q);
	return stop;
}

static int sq_delete_project(struct jx_store *st, int64_t id, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	sqlite3_stmt *q = stmt(s, S_PROJECT_DELETE, err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	if (run(s, q, err))
		return -1;
	return sqlite3_changes(s->db) ? 0 : jx_err_set(err, JX_ENOTFOUND, "没有编号为 %lld 的项目", (long long)id);
}

static const struct jx_store_ops sqlite_ops = {
	sq_begin,      sq_begin_read, sq_end, sq_find,    sq_put,  sq_get,
	sq_set_status, sq_log,    sq_history,  sq_by_name, sq_list, sq_each, sq_add_actual, sq_actuals, sq_account_put, sq_accounts, sq_session_put, sq_session_get, sq_session_delete,
	sq_published_put, sq_published, sq_add_publication, sq_publications,
	sq_backup, sq_restore, sq_check,
	sq_login_get, sq_login_put, sq_login_purge,
	sq_raw_rows, sq_raw_put, sq_raw_clear, sq_identity,
	sq_close,
	.log_page = sq_log_page,
	.page = sq_page, /* named: ops added at the end by others may come before or after */
	.dialect = JX_DIALECT_SQLITE,
	.library_put = sq_library_put,
	.library_rows = sq_library_rows,
	.library_use_add = sq_library_use_add,
	.library_uses = sq_library_uses,
	.published_at = sq_published_at,
	.withdrawn = sq_withdrawn,
	.targets = sq_targets,
	.delete_project = sq_delete_project,
	.unit_add = sq_unit_add,
	.units = sq_units,
	.units_missing = sq_units_missing,
	.unit_rename = sq_unit_rename,
	.account_seen = sq_account_seen,
	.publication_part_put = sq_publication_part_put,
	.publication_parts = sq_publication_parts,
	.units_under = sq_units_under,
};

static int user_version(struct sq *s, int *v, struct jx_err *err)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL))
		return db_fail(s, err);
	rc = sqlite3_step(q);
	*v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : db_fail(s, err);
}

/* Runs sql, or says why it failed after undoing the migration's transaction. */
static int migration_step(struct sq *s, const char *sql, struct jx_err *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	db_fail(s, err);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* True, with err set, if a foreign key no longer holds (checked after a rebuild). */
static bool keys_broken(struct sq *s, struct jx_err *err)
{
	sqlite3_stmt *q;
	bool broken;

	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &q, NULL))
		return db_fail(s, err), true;
	broken = sqlite3_step(q) != SQLITE_DONE;
	sqlite3_finalize(q);
	if (broken)
		jx_err_set(err, JX_ESTORE, "%s: 升级数据库后外键不一致，已撤销升级", s->path);
	return broken;
}

struct cut_ctx {
	struct sq *s;
	int version;
};

static int put_cut_part(void *ctx, size_t seq, const char *body, size_t len, struct jx_err *err)
{
	struct cut_ctx *c = ctx;

	return sq_publication_part_put(&c->s->base, c->version, seq, body, len, err);
}

/* Cuts version's content, saved whole before schema 15, into its head, tables, sep and tail. */
static int cut_version(struct sq *s, int version, struct jx_err *err)
{
	struct cut_ctx c = { s, version };
	struct jx_content_cut cut;
	sqlite3_stmt *q = NULL;
	char *content = NULL;
	size_t len = 0;
	int rc = -1;

	if (sqlite3_prepare_v2(s->db, "SELECT head FROM publication WHERE version = ?1", -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_int(q, 1, version);
		if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0)) {
			len = (size_t)sqlite3_column_bytes(q, 0);
			content = jx_strndup((const char *)sqlite3_column_text(q, 0), len);
		}
	}
	sqlite3_finalize(q);
	if (!content)
		return db_fail(s, err);
	if (jx_publication_cut(content, len, &cut, put_cut_part, &c, err)) {
		free(content);
		return -1;
	}
	if (sqlite3_prepare_v2(s->db, "UPDATE publication SET head = ?2, sep = ?3, tail = ?4 WHERE version = ?1", -1, &q,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_int(q, 1, version);
		sqlite3_bind_text(q, 2, content, (int)cut.head_len, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, content + cut.sep_at, (int)cut.sep_len, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, content + cut.tail_at, (int)(len - cut.tail_at), SQLITE_STATIC);
		rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(q);
	if (rc)
		db_fail(s, err);
	free(content);
	return rc;
}

/* Migration 15's data: every version saved whole, cut into rows (the versions listed first, so that
 * no statement reads the table it writes). */
static int cut_versions(struct sq *s, struct jx_err *err)
{
	sqlite3_stmt *q;
	int *versions = NULL, rc = 0;
	size_t n = 0, cap = 0, i;

	if (sqlite3_prepare_v2(s->db, "SELECT version FROM publication ORDER BY version", -1, &q, NULL))
		return db_fail(s, err);
	while (sqlite3_step(q) == SQLITE_ROW) {
		jx_grow(&versions, sizeof(*versions), n + 1, &cap);
		versions[n++] = sqlite3_column_int(q, 0);
	}
	sqlite3_finalize(q);
	for (i = 0; i < n && !rc; i++)
		rc = cut_version(s, versions[i], err);
	free(versions);
	return rc;
}

/* What a migration does besides its SQL, in C: 0, or -1 with err set. */
static int migration_data(struct sq *s, int version, struct jx_err *err)
{
	return version == 15 ? cut_versions(s, err) : 0;
}

/* Applies the migrations from the version found once the write lock is held, so that two processes
 * opening a new database at once do not both create its tables, all in one transaction. */
static int migrate_locked(struct sq *s, int want, struct jx_err *err)
{
	int have = 0;
	char setv[48];

	if (migration_step(s, "BEGIN IMMEDIATE", err))
		return -1;
	if (user_version(s, &have, err)) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (have > want) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return jx_err_set(err, JX_ESTORE, "%s: 数据库版本 %d 比本程序支持的版本 %d 新，请升级 jixiao", s->path, have,
				  want);
	}
	for (; have < want; have++) {
		snprintf(setv, sizeof(setv), "PRAGMA user_version = %d", have + 1);
		if (migration_step(s, migrations[have], err))
			return -1;
		if (migration_data(s, have + 1, err)) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (migration_step(s, setv, err))
			return -1;
	}
	if (keys_broken(s, err)) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return migration_step(s, "COMMIT", err);
}

/* Brings the schema up to date. A migration that rebuilds a table others refer to runs with foreign
 * keys off (they cannot be switched inside a transaction), and they are checked before it commits. */
static int migrate(struct sq *s, struct jx_err *err)
{
	int have = 0, want = (int)(sizeof(migrations) / sizeof(migrations[0])), rc;

	if (user_version(s, &have, err))
		return -1;
	if (have == want)
		return 0;
	if (s->readonly && have > want)
		return jx_err_set(err, JX_ESTORE, "%s: 数据库版本 %d 比本程序支持的版本 %d 新，请升级 jixiao", s->path, have,
				  want);
	if (s->readonly)
		return jx_err_set(err, JX_ESTORE,
				  "%s: 数据库版本 %d 需要升级到 %d，而数据库只读（文件或所在目录不可写）：请在可写的位置运行一次 jixiao 以升级",
				  s->path, have, want);
	if (sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL))
		return db_fail(s, err);
	rc = migrate_locked(s, want, err);
	if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) && !rc)
		return db_fail(s, err);
	return rc;
}

static int configure(struct sq *s, struct jx_err *err)
{
	/* WAL is set once, when a writer first opens the file; it stays in the file's header, and a
	 * read-only connection could not set it */
	static const char pragmas[] = "PRAGMA foreign_keys = ON;"
				      /* Each project is saved in a savepoint, whose journal of the pages it changes
				       * otherwise goes to a temporary file: ten times the writes of the import. A
				       * bulk transaction keeps them in files (see "loading into an empty store"). */
				      "PRAGMA temp_store = MEMORY;";

	const char *sync = getenv("JIXIAO_SQLITE_SYNCHRONOUS");

	/* FULL: a commit is on the disk before it returns, so an acknowledged write survives a power
	 * cut. NORMAL (an operator's choice, measured by make bench) may lose the last commits then. */
	if (sync && strcmp(sync, "FULL") != 0 && strcmp(sync, "NORMAL") != 0)
		return jx_err_set(err, JX_EUSAGE, "JIXIAO_SQLITE_SYNCHRONOUS 应为 FULL 或 NORMAL，而不是“%s”", sync);
	sqlite3_busy_timeout(s->db, 5000);
	if (sqlite3_exec(s->db, sync && strcmp(sync, "NORMAL") == 0 ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL",
			 NULL, NULL, NULL) ||
	    (!s->readonly && sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) ||
	    sqlite3_exec(s->db, pragmas, NULL, NULL, NULL) || cache_kib(s, CACHE_KIB)) {
		jx_err_set(err, JX_ESTORE, "%s: 无法打开数据库: %s", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	return migrate(s, err);
}

/* path followed by suffix, a new string. */
static char *suffixed(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);
	char *s = jx_malloc(n + m + 1);

	memcpy(s, path, n);
	memcpy(s + n, suffix, m + 1);
	return s;
}

/* True if this process may write the database at path: the file, and its directory for the -wal and
 * -shm files (unless both exist and may be written). */
static bool writable(const char *path)
{
	char *dir = jx_strdup(path), *slash = strrchr(dir, '/'), *wal = NULL, *shm = NULL;
	bool ok;

	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	ok = access(path, W_OK) == 0;
	if (ok && access(dir, W_OK) != 0) {
		wal = suffixed(path, "-wal");
		shm = suffixed(path, "-shm");
		ok = access(wal, W_OK) == 0 && access(shm, W_OK) == 0;
	}
	free(dir);
	free(wal);
	free(shm);
	return ok;
}

/* The URI that opens path read-only ("file:" and the path, percent-encoded where a URI needs it);
 * immutable for a medium nothing can write, where SQLite could not make the -shm file a WAL reader
 * needs. */
static char *readonly_uri(const char *path, bool immutable)
{
	struct jx_buf u = JX_BUF_INIT;
	const unsigned char *p;

	jx_buf_adds(&u, "file:", NULL);
	for (p = (const unsigned char *)path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
			jx_buf_addf(&u, NULL, "%%%02X", *p);
		else
			jx_buf_addc(&u, (char)*p, NULL);
	jx_buf_adds(&u, immutable ? "?mode=ro&immutable=1" : "?mode=ro", NULL);
	return jx_buf_detach(&u, NULL);
}

/* Opens s->path read-only: as a WAL reader where SQLite can keep its -shm file, else (a read-only
 * medium with no writer, since none could write its -wal) as an immutable file. */
static int open_readonly(struct sq *s)
{
	int mode = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, rc, v;
	char *uri = readonly_uri(s->path, false), *wal;

	rc = sqlite3_open_v2(uri, &s->db, mode, NULL);
	free(uri);
	if (rc == SQLITE_OK && user_version(s, &v, NULL) == 0)
		return SQLITE_OK;
	wal = suffixed(s->path, "-wal");
	if (access(wal, F_OK) == 0) { /* a writer's log is there: the file is not immutable */
		free(wal);
		return rc ? rc : sqlite3_errcode(s->db);
	}
	free(wal);
	sqlite3_close(s->db);
	uri = readonly_uri(s->path, true);
	rc = sqlite3_open_v2(uri, &s->db, mode, NULL);
	free(uri);
	return rc;
}

/* SQLite's count of the memory it holds takes a lock of the whole process on every allocation, which
 * the web system's threads, each with a connection, contend for on every request; nothing reads the
 * count. Called once before the library is first used (later it is refused, and changes nothing). */
static void untallied(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int jx_store_sqlite_open(struct jx_store **out, const char *path, unsigned flags, struct jx_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct sq *s = jx_calloc(1, sizeof(*s));
	int mode = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (flags & JX_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	int rc;

	pthread_once(&once, untallied);

	s->base.ops = &sqlite_ops;
	s->path = jx_strdup(path);
	if (!(flags & JX_STORE_CREATE) && access(path, F_OK) != 0) {
		jx_err_set(err, JX_ENOTFOUND, "%s: 数据库不存在（可先用 jixiao import 导入绩效目标表）", path);
		sq_close(&s->base);
		return -1;
	}
	s->readonly = access(path, F_OK) == 0 && !writable(path);
	rc = s->readonly ? open_readonly(s) : sqlite3_open_v2(path, &s->db, mode, NULL);
	if (rc) {
		jx_err_set(err, JX_ESTORE, "%s: 无法打开数据库: %s", path, s->db ? sqlite3_errmsg(s->db) : "内存不足");
		sq_close(&s->base);
		return -1;
	}
	if (configure(s, err)) {
		sq_close(&s->base);
		return -1;
	}
	*out = &s->base;
	return 0;
}

/* ---- backup, restore, check ---- */

#define BACKUP_WAIT_MS 10000 /* how long a backup or restore waits out other writers */

/* Copies database from into to with SQLite's online backup, in one step (one snapshot of from),
 * waiting out a store held by another writer for up to BACKUP_WAIT_MS. Returns an SQLite code. */
static int copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc, waited = 0;

	if (!b)
		return sqlite3_errcode(to);
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= BACKUP_WAIT_MS)
			break;
		sqlite3_sleep(50);
		waited += 50;
	}
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Makes the rename of a file in path's directory durable. */
static int sync_dir(const char *path)
{
	char *dir = jx_strdup(path), *slash = strrchr(dir, '/');
	int fd, rc;

	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static int sq_backup(struct jx_store *st, const char *path, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	char *part = suffixed(path, ".part");
	sqlite3 *to = NULL;
	int rc;

	unlink(part);
	rc = sqlite3_open_v2(part, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = copy_db(to, s->db);
	/* the copy is one file: a rollback journal, not a -wal beside it */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_close(to) == SQLITE_OK ? SQLITE_OK : SQLITE_IOERR;
	else
		jx_err_set(err, (rc & 0xff) == SQLITE_FULL ? JX_EFULL : (rc & 0xff) == SQLITE_BUSY ? JX_EBUSY : JX_EIO,
			   "%s: 无法写入备份: %s", path, to ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
	if (rc != SQLITE_OK) {
		if (to)
			sqlite3_close(to);
		unlink(part);
		free(part);
		return -1;
	}
	if (rename(part, path) != 0 || sync_dir(path) != 0) {
		jx_err_set(err, JX_EIO, "%s: 无法写入备份: %s", path, strerror(errno));
		unlink(part);
		free(part);
		return -1;
	}
	free(part);
	return 0;
}

/* One value of a one-row pragma or query on db, into buf (empty if none). */
static void query_text(sqlite3 *db, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *q;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(buf, size, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

static int sq_restore(struct jx_store *st, const char *path, struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	int want = (int)(sizeof(migrations) / sizeof(migrations[0])), have, rc;
	char *uri = readonly_uri(path, false), text[256];
	sqlite3 *from = NULL;

	if (s->readonly)
		return jx_err_set(err, JX_EREADONLY, "%s: 数据库只读（文件或所在目录不可写），无法恢复", s->path);
	if (s->depth)
		return jx_err_set(err, JX_EUSAGE, "恢复不能在事务之中进行");
	if (access(path, R_OK) != 0) {
		free(uri);
		return jx_err_set(err, JX_ENOTFOUND, "%s: 备份文件不存在或不可读", path);
	}
	rc = sqlite3_open_v2(uri, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc == SQLITE_OK) {
		query_text(from, "PRAGMA quick_check", text, sizeof(text));
		rc = strcmp(text, "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
	}
	if (rc != SQLITE_OK) {
		sqlite3_close(from);
		return jx_err_set(err, JX_EINPUT, "%s: 不是完好的 jixiao 备份（无法读取或已损坏）", path);
	}
	query_text(from, "PRAGMA user_version", text, sizeof(text));
	have = atoi(text);
	query_text(from, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'project'", text,
		   sizeof(text));
	if (have < 1 || strcmp(text, "1") != 0) {
		sqlite3_close(from);
		return jx_err_set(err, JX_EINPUT, "%s: 不是 jixiao 的备份（其中没有绩效目标表的数据）", path);
	}
	if (have > want) {
		sqlite3_close(from);
		return jx_err_set(err, JX_EINPUT, "%s: 备份的数据库版本 %d 比本程序支持的版本 %d 新，请先升级 jixiao",
				  path, have, want);
	}
	rc = copy_db(s->db, from);
	sqlite3_close(from);
	if (rc != SQLITE_OK) {
		jx_err_set(err, (rc & 0xff) == SQLITE_BUSY ? JX_EBUSY : JX_ESTORE, "%s: 无法恢复: %s", s->path,
			   sqlite3_errstr(rc));
		return -1;
	}
	if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s, err);
	return migrate(s, err);
}

static int sq_check(struct jx_store *st, int (*fn)(void *ctx, const char *problem, struct jx_err *err), void *ctx,
		    struct jx_err *err)
{
	struct sq *s = (struct sq *)st;
	int want = (int)(sizeof(migrations) / sizeof(migrations[0])), have = 0, rc = 0;
	char problem[512];
	sqlite3_stmt *q;

	if (user_version(s, &have, err))
		return -1;
	if (have != want) {
		snprintf(problem, sizeof(problem), "数据库版本为 %d，本程序的版本为 %d", have, want);
		if ((rc = fn(ctx, problem, err)) != 0)
			return rc;
	}
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check(100)", -1, &q, NULL))
		return db_fail(s, err);
	while (rc == 0 && sqlite3_step(q) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);

		if (t && strcmp(t, "ok") != 0) {
			snprintf(problem, sizeof(problem), "数据库文件损坏: %s", t);
			rc = fn(ctx, problem, err);
		}
	}
	sqlite3_finalize(q);
	if (rc)
		return rc;
	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &q, NULL))
		return db_fail(s, err);
	while (rc == 0 && sqlite3_step(q) == SQLITE_ROW) {
		snprintf(problem, sizeof(problem), "表 %s 的第 %lld 行引用了表 %s 中不存在的行",
			 (const char *)sqlite3_column_text(q, 0), (long long)sqlite3_column_int64(q, 1),
			 (const char *)sqlite3_column_text(q, 2));
		rc = fn(ctx, problem, err);
	}
	sqlite3_finalize(q);
	return rc;
}
