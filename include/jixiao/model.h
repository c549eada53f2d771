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

/* Parses a year given as text (a form field, a query parameter): decimal digits only, within
 * JX_YEAR_MIN–JX_YEAR_MAX. Returns 0 with *year set, else -1 (err: JX_EINPUT naming what, the field). */
int jx_year_parse(const char *s, const char *what, int *year, struct jx_err *err);

/* JX_DEPT_APPROVED: passed by the unit's 主管部门, awaiting finance (years of two review levels:
 * workflow.h) — last, so that the stored names of the others keep their places. */
enum jx_status { JX_DRAFT, JX_SUBMITTED, JX_APPROVED, JX_RETURNED, JX_DEPT_APPROVED };
#define JX_STATUS_COUNT 5
enum jx_kind { JX_KIND_PROJECT, JX_KIND_DEPARTMENT };

/* Which optional fields a reader found in its input (the document form has no flags or status). */
enum {
	JX_GIVEN_KEY = 1 << 0,
	JX_GIVEN_CLASSIFIED = 1 << 1,
	JX_GIVEN_FRAMEWORK = 1 << 2,
	JX_GIVEN_STATUS = 1 << 3,
};

#define JX_MAX_INDICATORS 5000 /* per table: more is taken for hostile input */
#define JX_MAX_TASKS 500       /* 年度主要任务 per department-wide table */
/* The limits on every text of a table, whichever way it comes in (an import, the API, the web form):
 * past them the table is refused (JX_EINPUT) naming the field. Text must be valid UTF-8 without NUL or
 * control characters (jx_project_finish checks). */
#define JX_TITLE_MAX 600       /* bytes of a project's name or unit, or an indicator's name (200 Chinese characters) */
#define JX_FIELD_MAX 4096      /* bytes of an optional text field other than the goals, of an indicator's
				* 指标值 and of a 年度主要任务 */
#define JX_GOAL_MAX (256 * 1024) /* bytes of a goal (年度目标, 实施期目标) */
#define JX_YEAR_MIN 1949       /* the years a table may be for */
#define JX_YEAR_MAX 9999

/* Optional fields of a table's header that real tables and the official forms carry, each kept as
 * written (NULL when the table has none). jx_project_field() describes each. */
enum jx_pfield {
	JX_PF_TITLE,       /* the table's title as written, when it is not the standard one */
	JX_PF_DEPARTMENT,  /* 主管部门 */
	JX_PF_IMPLEMENTER, /* 实施单位 (beside 预算单位) */
	JX_PF_CATEGORY,    /* 项目类别 */
	JX_PF_ATTRIBUTE,   /* 项目属性 (新增 / 延续 / 经常性 …) */
	JX_PF_OFFICE,      /* 归口科室 (the finance bureau's desk) */
	JX_PF_PERIOD,      /* 项目期 / 实施期 (起止时间) */
	JX_PF_MANAGER,     /* 项目负责人 */
	JX_PF_PHONE,       /* 联系电话 */
	JX_PF_LONG_GOAL,   /* 实施期绩效目标 / 中期目标 / 项目总目标, beside the year's goal (may span lines) */
	JX_PF_FUNDS_NOTE,  /* what the table writes after an amount ("(高标准农田建设400万元,…)") */
	JX_PF_COUNT
};

/* Optional columns of an indicator row, each kept as written (NULL when the table has none). */
enum jx_ifield {
	JX_IF_DIRECTION,   /* 指标方向: 正向 / 反向 */
	JX_IF_WEIGHT,      /* 分值 / 权重: an exact decimal */
	JX_IF_EXPLANATION, /* 指标解释 / 指标内容 */
	JX_IF_SCORING,     /* 评(扣)分标准 */
	JX_IF_BASIS,       /* 取值依据 / 绩效标准: 计划标准, 行业标准, 历史标准, 预算支出标准, 其他标准 */
	JX_IF_VALUE_TYPE,  /* 指标值类型: 定量 / 定性 */
	JX_IF_NOTE,        /* 备注 */
	JX_IF_LONG_TARGET, /* the target of the whole 实施期 (长期 / 中期), beside the year's */
	JX_IF_PREVIOUS,    /* the value reached before (上年实际值), beside the target */
	JX_IF_COUNT
};

/* What an optional field is called: its key in the canonical JSON and its label for people. */
struct jx_field_def {
	const char *key;   /* "department" */
	const char *label; /* 主管部门 */
	bool multiline;    /* may hold line breaks */
};

const struct jx_field_def *jx_project_field(enum jx_pfield f);
const struct jx_field_def *jx_indicator_field(enum jx_ifield f);

/* A 年度主要任务 of a department-wide table: the task and the funds it takes. */
struct jx_task {
	char *name;      /* the task as written */
	jx_money total;  /* its funds, or JX_MONEY_NONE */
	jx_money fiscal; /* 财政拨款, or JX_MONEY_NONE */
	jx_money other;  /* 其他资金, or JX_MONEY_NONE */
};

struct jx_indicator {
	char *level1;        /* canonical level-1 label, e.g. 产出指标 */
	char *level2;        /* canonical level-2 label, e.g. 数量指标 */
	char *name;          /* without the unit's parentheses */
	char *unit;          /* NFKC unit of measure ("%", "万元/年"), or NULL */
	char *target;        /* the target as written, or NULL when the table gives none */
	enum jx_op op;       /* JX_OP_NONE for a qualitative or missing target */
	struct jx_dec value; /* the number, when op is not JX_OP_NONE */
	char *f[JX_IF_COUNT]; /* optional columns (jx_ifield), NULL when absent */
};

struct jx_project {
	int64_t id;              /* the store's id; 0 until stored */
	enum jx_kind kind;       /* a project table or a department-wide one */
	int year;                /* budget year, e.g. 2021 */
	char *name;              /* 项目名称 */
	char *unit;              /* 预算单位 */
	char *goal;              /* 年度目标; lines joined with '\n'; "" if none */
	jx_money total;          /* 年度资金总额 (当年资金总额, 项目预算金额) */
	jx_money fiscal;         /* 财政拨款, or JX_MONEY_NONE when the table gives the total alone */
	jx_money other;          /* 其他资金, or JX_MONEY_NONE when the table does not give it */
	jx_money carryover;      /* 上年结转资金, or JX_MONEY_NONE */
	jx_money period_total;   /* 资金总额 over the whole 实施期, or JX_MONEY_NONE */
	char *f[JX_PF_COUNT];    /* optional header fields (jx_pfield), NULL when absent */
	struct jx_task *tasks;   /* 年度主要任务 of a department-wide table, in table order */
	size_t n_tasks;
	bool key;                /* 重点项目 */
	bool classified;         /* 涉密: never published */
	enum jx_status status;   /* review state */
	char framework[16];      /* id of the indicator framework its labels fit */
	struct jx_indicator *ind; /* indicators in table order */
	size_t n_ind;
	size_t cap_ind;
	unsigned given;          /* JX_GIVEN_* */
	unsigned line;           /* where the reader found the table, 0 if unknown */
	int64_t revision;        /* the store's count of writes to it, from 1 (0: not read from a store);
				  * a save that names one (jx_save_id) is refused once another write moved it on */
};

/* Returns a new, empty project (status draft) the caller frees with jx_project_free(). */
struct jx_project *jx_project_new(void);
void jx_project_free(struct jx_project *p);

/* Returns a new project holding everything p held, and leaves p empty (for a sink that keeps the project
 * its reader frees after the call). The caller frees the new one with jx_project_free(). */
struct jx_project *jx_project_take(struct jx_project *p);

/* Returns a deep copy of p, which the caller frees with jx_project_free(). */
struct jx_project *jx_project_copy(const struct jx_project *p);

/* Appends a task with no funds (JX_MONEY_NONE) and returns it for the caller to fill; fails
 * (JX_ETOOBIG) past JX_MAX_TASKS. */
struct jx_task *jx_project_add_task(struct jx_project *p, struct jx_err *err);

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

/* The optional columns some indicator of p has, in the order of enum jx_ifield: the columns a table of
 * p shows after 指标值. Returns how many, into cols. */
size_t jx_project_columns(const struct jx_project *p, enum jx_ifield cols[JX_IF_COUNT]);

/* How many of p's indicators have a level pair framework fw has: how well p fits fw. */
size_t jx_project_fit(const struct jx_project *p, const struct jx_framework *fw);

/* Where indicator i starts a group, as merged cells show a table: 1 if it starts a level-1 group (both
 * its labels are shown), 2 if it starts only a level-2 group, 0 if neither. */
int jx_project_group_start(const struct jx_project *p, size_t i);

/* How many indicators from i on share indicator i's level-1 label (level 1) or both its labels
 * (level 2): the rows a merged level cell spans. */
size_t jx_project_group_span(const struct jx_project *p, size_t i, int level);

/* A 64-bit hash of what identifies a project in a store — year, kind, unit and name — never 0: for
 * telling projects apart without keeping their names (a match must still be checked). */
uint64_t jx_project_key_hash(int year, enum jx_kind kind, const char *unit, const char *name);

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
