/*
 * score.h — self-evaluation (绩效自评) on 100 points, following 财预〔2020〕10号 as practised.
 *
 *   Budget execution (10 points by default): min(spent ÷ 年度资金总额, 1) × points; no 全年执行数 recorded:
 *   0; a table of no money with spending recorded: all its points.
 *   Output (50: 产出指标, and 成本指标 in the 2021 framework), effect (30: 效益指标), satisfaction (10:
 *   满意度指标): a group's points are split equally over its indicators that have a target; a group
 *   with none scores 0. An indicator with points w, target t and actual a earns:
 *     ≥ or >   w if a ≥ t, else w·a/t (0 if a ≤ 0);
 *     ≤ or <   w if a ≤ t; w·(1 − (a − t)/t) if t < a < 2t; 0 if a ≥ 2t;
 *     =        w if |a − t| ≤ 0.1% of max(|t|, 1), else w·max(0, 1 − |a − t|/|t|);
 *     a target of 0: w if a is on the target's side of 0 (for > and <: strictly), else 0 (for =: as
 *     above, with max(|t|, 1) = 1); a negative target (rare): w if met, else w·max(0, 1 − |a − t|/|t|);
 *     qualitative: 达成 100% of w, 部分达成 70%, 未达成 30%, or the percentage given with the level;
 *     no actual: 0.
 * Everything is computed exactly, in rational numbers (GMP); the total is rounded half-up to two
 * places at the end and graded 优 from 90, 良 from 80, 中 from 60, else 差. The shares shown for
 * each indicator and group are rounded for display, so they may differ from the total by a cent.
 * The settings (weights, bands, grades) are data: evaluation.h.
 *
 * 分值: where every indicator of a group that has a target carries its points (the 分值 column) and
 * they add up to the group's points, each earns on its own points instead of the equal split; points
 * given otherwise are not used, and the score says so (weight_note).
 *
 * An evaluation profile (evaluation.h) may change how = scores (all or nothing off its tolerance), take
 * a share of an indicator's points off where it beats its target by deviation_above % or more, or where
 * a reason is asked and not given (each line saying so: note), and cap the total where budget execution
 * is low (cap_note). The national profile does none of these.
 *
 * A deviation reason (偏差原因分析及改进措施) is asked for where an indicator earns under 80% of its
 * points or exceeds its target by 30% or more (over it for ≥ > =, under it for ≤ <).
 *
 * A project with no actual at all (neither 全年执行数 nor any indicator's) is not evaluated (未评价):
 * it has no score and no grade, and stays out of the summaries' averages and grade counts (counted
 * apart). A score that counts actuals dated before the project year's last day is not the year's
 * result: how many, and the earliest day, are kept for every output to say so.
 */
#ifndef JIXIAO_SCORE_H
#define JIXIAO_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao/actuals.h"
#include "jixiao/dec.h"
#include "jixiao/evaluation.h"

/* What a project that is not evaluated shows in place of a grade. */
#define JX_UNEVALUATED "未评价"

struct jx_project;

/* One line of the self-evaluation table: an indicator, its points and what it earned. */
struct jx_scored {
	size_t index;                   /* in the project's indicators */
	int group;                      /* enum jx_group, or -1: it carries no points (no target) */
	const struct jx_actual *actual; /* the actual that counts, or NULL (borrowed from the actuals) */
	struct jx_dec points;           /* its points (分值), two places */
	struct jx_dec score;            /* what it earned (得分), two places */
	bool ask_reason;                /* a deviation reason is asked for */
	struct jx_dec deducted;         /* points the profile's rules took off (in score already), two places */
	char note[160];                 /* what took them off, for people ("这一行因未说明偏差原因扣 0.63 分"), or "" */
};

struct jx_score {
	const struct jx_project *p;        /* borrowed */
	const struct jx_actual *spent;     /* 全年执行数, or NULL */
	struct jx_dec rate;                /* spent ÷ 年度资金总额 in %, two places (when spent and money) */
	struct jx_dec points[JX_N_GROUPS]; /* each group's points (those of a group with no indicator: 0) */
	struct jx_dec score[JX_N_GROUPS];  /* what each group earned, two places */
	bool evaluated;                    /* some actual counts; if not (未评价) total is 0 and grade NULL */
	struct jx_dec total;               /* the score, rounded half-up to two places */
	const char *grade;                 /* 优 良 中 差 (from the settings); NULL if not evaluated */
	size_t before_year_end;            /* actuals counted that are dated before the year's last day */
	const char *earliest;              /* the earliest day of those (borrowed), or NULL */
	struct jx_scored *ind;             /* a line per indicator, in table order */
	size_t n;
	size_t missing_reasons;            /* reasons asked for and not given */
	const char *profile;               /* the evaluation profile's name (the settings') */
	char asked[96];                    /* when a reason is asked, for people: "不足分值的 80% 或超出目标 30% 以上" */
	bool capped;                       /* the profile's cap held the total down */
	char cap_note[192];                /* why, for people, or "" */
	char weight_note[256];             /* 分值 given that could not be used, and why, or "" */
};

/* Scores p with its latest actuals a under the settings s (jx_eval_for_year). out is filled; free it
 * with jx_score_free(). p and a must outlive it. */
void jx_score_project(const struct jx_eval_settings *s, const struct jx_project *p, const struct jx_actuals *a,
		      struct jx_score *out);
void jx_score_free(struct jx_score *sc);

/* What the 偏差原因分析及改进措施 column of a line shows, into out (emptied first): the reason given, or
 * （应说明） where one is asked, then what the profile's rules took off (its note). Returns out->ptr. */
struct jx_buf;
const char *jx_scored_reason(const struct jx_scored *l, struct jx_buf *out);

/* Summaries of many scores: per budget unit and per year, the count of each grade, the average score
 * and the money (年度资金总额) of each grade. */
struct jx_score_group {
	char *key;                         /* the unit's name, or the year as text */
	int year;
	size_t count[JX_MAX_GRADES];       /* projects of each grade, in the settings' order */
	jx_money money[JX_MAX_GRADES];     /* their money */
	size_t n;                          /* projects evaluated */
	size_t unevaluated;                /* projects not evaluated (未评价): in no count, money or average */
	struct jx_dec average;             /* the mean of their scores, rounded half-up to two places (when n) */
	struct jx_dec sum;                 /* the sum of their scores (exact: two places each) */
};

struct jx_score_summary {
	char grade[JX_MAX_GRADES][JX_GRADE_MAX]; /* the grades, best first */
	size_t n_grades;
	struct jx_score_group *units;      /* by year, then unit name */
	size_t n_units, cap_units;
	struct jx_score_group *years;      /* by year */
	size_t n_years, cap_years;
};

/* Adds a score to the summary (its grades are taken from the first score's settings). */
void jx_score_summary_add(struct jx_score_summary *sum, const struct jx_eval_settings *s, const struct jx_score *sc);
/* Sorts the groups and computes the averages. */
void jx_score_summary_finish(struct jx_score_summary *sum);
void jx_score_summary_free(struct jx_score_summary *sum);

#endif
