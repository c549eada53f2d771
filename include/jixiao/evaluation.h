/*
 * evaluation.h — the settings of self-evaluation (score.h) and monitoring (monitor.h).
 *
 * They are data: data/evaluation/evaluation.json, compiled in, with a file of the same form merged over
 * it if given, and entries per budget year under "years" (config.h). Every number is a decimal string,
 * kept exact: the group weights (points out of 100), the tolerance of = targets, the percentage and
 * band of each qualitative level, the grades, when a deviation reason is asked for, and the monitoring
 * thresholds and the units that are prorated over the year.
 */
#ifndef JIXIAO_EVALUATION_H
#define JIXIAO_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao/actuals.h"
#include "jixiao/dec.h"

struct jx_err;
struct jx_eval;

/* The groups of the 100 points. Output takes 产出指标 and (in the 2021 framework) 成本指标. */
enum jx_group { JX_GROUP_BUDGET, JX_GROUP_OUTPUT, JX_GROUP_EFFECT, JX_GROUP_SATISFACTION };
#define JX_N_GROUPS 4

#define JX_MAX_GRADES 8
#define JX_GRADE_MAX 16 /* bytes of a grade's name, with its NUL */
#define JX_PROFILE_MAX 32 /* bytes of a profile's name, with its NUL */

struct jx_eval_settings {
	int year;                                /* 0: the base settings */
	struct jx_dec weight[JX_N_GROUPS];       /* points of each group */
	struct jx_dec equal_tolerance;           /* %: an = target is met within this share of max(|t|, 1) */
	struct jx_dec level_percent[JX_N_LEVELS]; /* % of the points a level earns without a percentage */
	struct jx_dec band_low[JX_N_LEVELS];     /* the percentages a level may be given with */
	struct jx_dec band_high[JX_N_LEVELS];
	char grade[JX_MAX_GRADES][JX_GRADE_MAX]; /* 优 良 中 差, best first */
	struct jx_dec grade_from[JX_MAX_GRADES]; /* the lowest total of each */
	size_t n_grades;
	struct jx_dec deviation_below;           /* % of its points under which an indicator needs a reason */
	struct jx_dec deviation_above;           /* % over its target from which it needs one */
	struct jx_dec budget_red, budget_yellow; /* % of the expected execution */
	struct jx_dec progress_red, progress_yellow, progress_blue; /* % of the standard (≥ targets) */
	struct jx_dec equal_green, equal_yellow; /* % off the target (= targets held to t) */
	char **prorated;                         /* units that count or sum things: prorated over the year */
	size_t n_prorated;
	/* the profile's rules (score.h) */
	char profile[JX_PROFILE_MAX];            /* its name: national, or a file's under data/evaluation/profiles/ */
	bool equal_all_or_nothing;               /* an = target off its tolerance earns nothing */
	struct jx_dec over_deduct;               /* % of the points off where a target is beaten by deviation_above % */
	struct jx_dec missing_reason_deduct;     /* % of the points off where a reason is asked and not given */
	struct jx_dec cap_below;                 /* % of budget execution under which the total is capped … */
	struct jx_dec cap_total;                 /* … at this */
};

/* Loads the settings: the built-in ones, with path's over them if path is not NULL. *out is new; free
 * it with jx_eval_free(). Errors name the file and the entry. */
int jx_eval_load(struct jx_eval **out, const char *path, struct jx_err *err);

/* The same under a profile (evaluation profiles: national — the built-in settings —, or one of
 * data/evaluation/profiles/, which states what differs from national) for every year, overriding the
 * profile a year names ("profile" under years). profile NULL: each year's own, else national. An unknown
 * profile is refused, naming those there are. */
int jx_eval_load_profile(struct jx_eval **out, const char *path, const char *profile, struct jx_err *err);
void jx_eval_free(struct jx_eval *ev);

/* The settings in force for year. */
const struct jx_eval_settings *jx_eval_for_year(const struct jx_eval *ev, int year);

/* The group an indicator's points come from, by its level-1 label as the framework (an id, "2015")
 * groups it; -1 for none. */
int jx_group_of(const char *framework, const char *level1);

/* The group's name in the JSON form (budget, output, effect, satisfaction) and for people (预算执行 …). */
const char *jx_group_name(enum jx_group g);
const char *jx_group_label(enum jx_group g);

/* True if unit counts or sums things (人次, 万元 …), so that its targets are prorated over the year. */
bool jx_eval_prorated(const struct jx_eval_settings *s, const char *unit);

#endif
