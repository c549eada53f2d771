/*
 * monitor.h — monitoring during the year (运行监控, 双监控): budget execution and target progress as of a
 * day, as traffic lights.
 *
 * Let f = (the month of the day) ÷ 12: the share of the year gone. Only actuals dated up to the day
 * count (the latest of each indicator).
 *   Budget: (spent ÷ 年度资金总额) ÷ f below 60% red, below 80% yellow, else green; grey with no
 *   全年执行数 yet (or no money).
 *   ≥, > and = targets whose unit counts or sums things (人, 人次, 次, 户, 公里, 万元 …: the settings'
 *   prorated units) are prorated: the standard is t·f; others (%, 小时, 天, rates with a /) are held to t.
 *   ≥ and > (and prorated =): actual ÷ standard below 60% red, below 80% yellow, below 120% green,
 *   from 120% blue (a standard of 0: green if the actual is on the target's side, else red).
 *   = held to t: within ±10% of t green, ±20% yellow, else red (t = 0: green only at 0); its deviation
 *   |a − t| ÷ |t| is given instead of a progress.
 *   ≤ and <: green while the actual meets the target, else red.
 *   Qualitative: 达成 green, 部分达成 yellow, 未达成 red. No actual yet (or no target): grey.
 * Thresholds and units are data (evaluation.h). Ratios are exact and shown rounded to two places.
 */
#ifndef JIXIAO_MONITOR_H
#define JIXIAO_MONITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao/actuals.h"
#include "jixiao/dec.h"
#include "jixiao/evaluation.h"

struct jx_project;

enum jx_light { JX_LIGHT_GREY, JX_LIGHT_RED, JX_LIGHT_YELLOW, JX_LIGHT_GREEN, JX_LIGHT_BLUE };
#define JX_N_LIGHTS 5

/* One indicator's light. */
struct jx_watched {
	size_t index;                   /* in the project's indicators */
	const struct jx_actual *actual; /* the actual that counts, or NULL (borrowed from the actuals) */
	bool prorated;                  /* its standard is t·f */
	bool has_standard;              /* quantitative, with an actual: standard and progress are set */
	struct jx_dec standard;         /* what is expected by now, two places or the target's own */
	bool has_progress;              /* progress is set */
	struct jx_dec progress;         /* actual ÷ standard in %, two places */
	bool has_deviation;             /* deviation is set (an = target held to t) */
	struct jx_dec deviation;        /* |actual − t| ÷ |t| in %, two places */
	enum jx_light light;
};

struct jx_monitor {
	const struct jx_project *p;    /* borrowed */
	const struct jx_actual *spent; /* 全年执行数, or NULL */
	char as_of[JX_DATE_MAX];       /* the day monitored */
	int month;                     /* its month */
	bool has_rate;
	struct jx_dec rate;            /* (spent ÷ 年度资金总额) ÷ f in %, two places */
	enum jx_light budget;
	struct jx_watched *ind;        /* one per indicator, in table order */
	size_t n;
	size_t lights[JX_N_LIGHTS];    /* indicators of each light */
};

/* Monitors p as of the day as_of (YYYY-MM-DD) with its actuals a (the latest up to that day: see
 * jx_actuals_latest) under the settings s. Free out with jx_monitor_free(). */
void jx_monitor_project(const struct jx_eval_settings *s, const struct jx_project *p, const struct jx_actuals *a,
			const char *as_of, struct jx_monitor *out);
void jx_monitor_free(struct jx_monitor *m);

/* red, yellow, green, blue, grey (the JSON form) and 红 黄 绿 蓝 灰 (for people). */
const char *jx_light_name(enum jx_light l);
const char *jx_light_label(enum jx_light l);

#endif
