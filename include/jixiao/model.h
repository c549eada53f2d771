/*
 * model.h — target tables: projects and their indicators.
 *
 * A project (or a unit's department-wide table) has its funds in jx_money, its year's goal and a list
 * of indicators in the order the table gives them. Every reader (document text, JSON, XLSX) builds
 * projects through jx_indicator_fill() and jx_project_finish(), so that all of them split names from
 * units, parse targets and choose the framework the same way.
 *
 * Ownership: a project owns all its strings and indicators; jx_project_free() frees them all.
 */
#ifndef JIXIAO_MODEL_H
#define JIXIAO_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "jixiao/dec.h"
#include "jixiao/value.h"

struct jx_err;

enum jx_status { JX_DRAFT, JX_SUBMITTED, JX_APPROVED, JX_RETURNED };
enum jx_kind { JX_KIND_PROJECT, JX_KIND_DEPARTMENT };

/* Which optional fields a reader found in its input (the document form has no flags or status). */
enum {
	JX_GIVEN_KEY = 1 << 0,
	JX_GIVEN_CLASSIFIED = 1 << 1,
	JX_GIVEN_FRAMEWORK = 1 << 2,
};

#define JX_MAX_INDICATORS 5000 /* per table: more is taken for hostile input */

struct jx_indicator {
	char *level1;        /* canonical level-1 label, e.g. 产出指标 */
	char *level2;        /* canonical level-2 label, e.g. 数量指标 */
	char *name;          /* without the unit's parentheses */
	char *unit;          /* NFKC unit of measure ("%", "万元/年"), or NULL */
	char *target;        /* the target as written, or NULL when the table gives none */
	enum jx_op op;       /* JX_OP_NONE for a qualitative or missing target */
	struct jx_dec value; /* the number, when op is not JX_OP_NONE */
};

struct jx_project {
	int64_t id;              /* the store's id; 0 until stored */
	enum jx_kind kind;       /* a project table or a department-wide one */
	int year;                /* budget year, e.g. 2021 */
	char *name;              /* 项目名称 */
	char *unit;              /* 预算单位 */
	char *goal;              /* 年度目标; lines joined with '\n'; "" if none */
	jx_money total;          /* 年度资金总额 */
	jx_money fiscal;         /* 财政拨款 */
	jx_money other;          /* 其他资金 */
	bool key;                /* 重点项目 */
	bool classified;         /* 涉密: never published */
	enum jx_status status;   /* review state */
	char framework[16];      /* id of the indicator framework its labels fit */
	struct jx_indicator *ind; /* indicators in table order */
	size_t n_ind;
	size_t cap_ind;
	unsigned given;          /* JX_GIVEN_* */
	unsigned line;           /* where the reader found the table, 0 if unknown */
};

/* Returns a new, empty project (status draft) the caller frees with jx_project_free(). */
struct jx_project *jx_project_new(void);
void jx_project_free(struct jx_project *p);

/* Returns a deep copy of p, which the caller frees with jx_project_free(). */
struct jx_project *jx_project_copy(const struct jx_project *p);

/* Appends a zeroed indicator and returns it; fails (JX_ETOOBIG) past JX_MAX_INDICATORS. */
struct jx_indicator *jx_project_add(struct jx_project *p, struct jx_err *err);

/* Fills the empty indicator ind from text as a reader found it. rawname may end in the unit's
 * parentheses ("日消杀次数 (次)"); they are split off unless unit is given (not NULL). target may be NULL
 * or empty. level1 and level2 are canonical labels. All text must be valid UTF-8. Fails, leaving ind
 * empty, if the target's number cannot be held exactly. */
int jx_indicator_fill(struct jx_indicator *ind, const char *level1, const char *level2, const char *rawname,
		      size_t namelen, const char *unit, const char *target, size_t targetlen, struct jx_err *err);

/* Frees what ind holds and leaves it empty. */
void jx_indicator_clear(struct jx_indicator *ind);

/* Checks a project a reader built and completes it: required fields present, text free of control
 * characters, labels known, and the framework chosen (the one its labels fit best). A department-wide
 * table is named by its unit: its unit, if not given, is its name. */
int jx_project_finish(struct jx_project *p, struct jx_err *err);

/* Checks that every indicator's labels read at their own level in framework fw (成本指标 is level 1
 * in the 2021 framework but level 2 in the 2015 one): a table whose labels do not could not be
 * written out and read back as the same table. */
struct jx_framework;
int jx_project_check_levels(const struct jx_project *p, const struct jx_framework *fw, struct jx_err *err);

/* How many of p's indicators have a level pair framework fw has: how well p fits fw. */
size_t jx_project_fit(const struct jx_project *p, const struct jx_framework *fw);

/* Where indicator i starts a group, as merged cells show a table: 1 if it starts a level-1 group (both
 * its labels are shown), 2 if it starts only a level-2 group, 0 if neither. */
int jx_project_group_start(const struct jx_project *p, size_t i);

/* How many indicators from i on share indicator i's level-1 label (level 1) or both its labels
 * (level 2): the rows a merged level cell spans. */
size_t jx_project_group_span(const struct jx_project *p, size_t i, int level);

/* True if a and b hold the same table: year, name, unit, funds, goal and indicators. */
bool jx_project_same_table(const struct jx_project *a, const struct jx_project *b);

/* Names of states: "draft" (the JSON form) and 草稿 (for people). */
const char *jx_status_name(enum jx_status s);
const char *jx_status_label(enum jx_status s);
int jx_status_from_name(const char *s, enum jx_status *out);
const char *jx_kind_name(enum jx_kind k);
int jx_kind_from_name(const char *s, enum jx_kind *out);

/* Splits a trailing "(unit)" or "（unit）" off name[0..*len): if present and plausible as a unit,
 * shortens *len to the name before it (trimmed) and appends the NFKC unit to unit. Returns 1 if split. */
struct jx_buf;
int jx_name_split_unit(const char *name, size_t *len, struct jx_buf *unit);

#endif
