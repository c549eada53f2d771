/*
 * actuals.h — what happened (实际完成值): actual values recorded against a project's indicators during and
 * after the year, for monitoring (monitor.h) and self-evaluation (score.h).
 *
 * An actual names its project and indicator — the indicator's name, or name(unit) where the project
 * has two of that name — and gives:
 *   a number, for a quantitative indicator, in the indicator's unit ("98.5", "98.5%", "1,200人次");
 *   达成, 部分达成 or 未达成 for a qualitative one, optionally with a percentage inside its level's band
 *   ("部分达成 75%"; the bands are in the evaluation settings, score.h).
 * The reserved indicator 全年执行数 is the money spent so far, in 万元. Each actual is dated (as_of, a day);
 * all are kept, and the one with the latest date counts (of two on the same day, the later recorded).
 * An actual may carry the reason for a deviation (偏差原因分析及改进措施).
 *
 * jx_actuals_import() reads CSV (columns project,indicator,actual[,as_of[,reason]], a header row first)
 * or JSON ({"actuals": [{"project": …, "indicator": …, "actual": …, "as_of": …, "reason": …}]}), checks
 * every row against the store and stores them all in one transaction, or none: errors name the row.
 */
#ifndef JIXIAO_ACTUALS_H
#define JIXIAO_ACTUALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/dec.h"

struct jx_err;
struct jx_indicator;
struct jx_input;
struct jx_project;
struct jx_store;

#define JX_SPENT "全年执行数" /* the reserved indicator: money spent, in 万元 */
#define JX_DATE_MAX 11       /* "2021-06-30" and its NUL */

enum jx_level {
	JX_LEVEL_NONE,   /* not a qualitative actual: a number */
	JX_LEVEL_MET,    /* 达成 */
	JX_LEVEL_PARTLY, /* 部分达成 */
	JX_LEVEL_MISSED, /* 未达成 */
};
#define JX_N_LEVELS 4

/* An actual's value as written, parsed. */
struct jx_actual_value {
	enum jx_level level;  /* JX_LEVEL_NONE for a number */
	bool has_percent;     /* with a level: a percentage was given */
	struct jx_dec value;  /* the number, or the percentage given with a level */
};

/* One recorded actual, as the store keeps it (strings valid during a callback only). */
struct jx_actual {
	int64_t project_id;
	const char *indicator; /* the indicator's name, or JX_SPENT */
	const char *unit;      /* the indicator's unit, "" if it has none */
	const char *value;     /* the actual in its canonical form (jx_actual_format) */
	const char *as_of;     /* the day it stands for, YYYY-MM-DD */
	const char *reason;    /* the deviation reason, or NULL */
	const char *at;        /* when it was recorded (UTC, ISO 8601) */
	const char *user;      /* who recorded it */
};

/* The actuals of one project that count: for each indicator, the latest. */
struct jx_actuals {
	struct jx_actual *a;   /* sorted by indicator and unit; their strings borrowed from the rows given */
	size_t n;
	struct jx_actual *own; /* rows the set owns (jx_actuals_load), or NULL */
	size_t n_own;
};

/* Parses an actual's text (valid UTF-8) without knowing its indicator: a number, possibly followed by
 * a unit ("98.5%", "1,200人次": the unit goes to *unit, NUL-terminated, cap bytes), or a level with an
 * optional percentage. Returns 0, or -1 if s is neither. */
int jx_actual_parse(const char *s, size_t n, struct jx_actual_value *v, char *unit, size_t cap);

/* The canonical text of v: "98.5", "达成", "部分达成 75%". out has JX_DEC_STRMAX + 16 bytes. */
#define JX_ACTUAL_MAX (JX_DEC_STRMAX + 16)
char *jx_actual_format(const struct jx_actual_value *v, char *out);

/* The level's name (达成 …), "" for NONE. */
const char *jx_level_name(enum jx_level l);

/* The indicator of p named name — "name" or "name(unit)" — into *index. JX_ENOTFOUND if none,
 * JX_EAMBIGUOUS (listing the units) if several have that name and no unit picks one. */
int jx_indicator_find(const struct jx_project *p, const char *name, size_t *index, struct jx_err *err);

/* Groups rows of one project's actuals (any order) into the latest per indicator, leaving out those
 * dated after until (YYYY-MM-DD; NULL: none left out): a new set the caller frees with
 * jx_actuals_free(). The set borrows the rows' strings: the rows must outlive it. */
void jx_actuals_latest(const struct jx_actual *rows, size_t n, const char *until, struct jx_actuals *out);
void jx_actuals_free(struct jx_actuals *a);

/* The actual that counts for the indicator named name with unit (NULL: none), or NULL. */
const struct jx_actual *jx_actuals_get(const struct jx_actuals *a, const char *name, const char *unit);

/* Loads the latest actuals of project id (up to until, if not NULL). */
int jx_actuals_load(struct jx_store *st, int64_t id, const char *until, struct jx_actuals *out, struct jx_err *err);

/* What an import did. */
struct jx_actuals_stats {
	size_t rows;     /* actuals stored */
	size_t projects; /* distinct projects they are for */
	size_t dated_today;    /* rows without a date, dated the day of the import (within their year) */
	size_t dated_year_end; /* rows without a date, dated their year's last day (imported after it) */
};

/* Imports actuals from in (CSV or JSON, told apart by content), by user, for projects named in year
 * (approved tables only; each date within the project's year; an actual without a
 * date is dated the day of the import, or its year's last day when the import comes after the year;
 * counts cannot be negative)
 * (0: any year, the name must then be unique). One transaction: all rows or none. The qualitative
 * bands are checked against settings (score.h; NULL: the built-in ones). */
struct jx_eval;
int jx_actuals_import(struct jx_store *st, struct jx_input *in, const struct jx_eval *settings, int year,
		      const char *user, struct jx_actuals_stats *stats, struct jx_err *err);

#endif
