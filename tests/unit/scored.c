/*
 * scored.c — the self-evaluations the renderer tests render (scored.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "jixiao/err.h"
#include "jixiao/model.h"
#include "scored.h"

#define ACT(ind, unit, value, reason) { 0, ind, unit, value, "2021-12-31", reason, "2022-01-05T00:00:00Z", "测试" }

/* The epidemic project's actuals (p[0], 3033.00 万元), scored by hand with the default weights:
 *   budget 2890.50 / 3033.00 = 95.30%: 9.53 of 10;
 *   output, 10 indicators of 5.00: 652000 / 700000 × 5 = 4.66, 0.8 / 1.0 × 5 = 4.00, the rest met: 48.66;
 *   effect, 4 of 7.50: 利用率 98 against =100: 7.5 × (1 − 2/100) = 7.35, 达成 7.50, 部分达成 75% 5.63
 *   (under 80%: a reason asked for, none given), 达成 7.50: 27.98;
 *   satisfaction 96.5 ≥ 95: 10.00;
 *   total 96.16 (优). */
const struct jx_actual epidemic[] = {
	ACT("全年执行数", "万元", "2890.50", NULL),
	ACT("日消杀次数", "次", "2", NULL),
	ACT("年核酸检测人次数", "人次", "652000", "本地疫情平稳，检测需求低于预期"),
	ACT("政府采购率", "%", "100", NULL),
	ACT("疫情防控物资保障率", "%", "100", NULL),
	ACT("热筛查覆盖率", "%", "100", NULL),
	ACT("疫情防控物资质量合格率", "%", "100", NULL),
	ACT("疫情防控消杀用品保障率", "%", "100", NULL),
	ACT("疫情防控核酸检测试剂保障率", "%", "100", NULL),
	ACT("核酸检测结果报告时限", "小时", "24", NULL),
	ACT("防护服、口罩采购单位成本较上年节约率", "%", "0.8", NULL),
	ACT("疫情防控物资、消杀用品、核酸检测试剂利用率", "%", "98", NULL),
	ACT("保障人民群众生命安全和健康", NULL, "达成", NULL),
	ACT("健全统一的应急物资保障体系", NULL, "部分达成 75%", NULL),
	ACT("提升应对突发重大公共卫生事件能力", NULL, "达成", NULL),
	ACT("人民群众满意度", "%", "96.5", NULL),
};

/* The census project's (p[4], 59.95 万元): budget 40 / 59.95 = 66.72%: 6.67; output, 10 of 5.00:
 * 培训次数 6 / 10 × 5 = 3.00, both 高性能移动工作站 met: 13.00; nothing else: total 19.67 (差). */
const struct jx_actual census[] = {
	ACT("全年执行数", "万元", "40", NULL),
	ACT("培训次数", "次", "6", NULL),
	ACT("高性能移动工作站", "个", "1", NULL),
	ACT("高性能移动工作站", "万元", "3", NULL),
};

const size_t n_epidemic = sizeof(epidemic) / sizeof(epidemic[0]);
const size_t n_census = sizeof(census) / sizeof(census[0]);

/* Scores p with the actuals rows[0..n) into the next of s. */
void score(struct scores *s, const struct jx_project *p, const struct jx_actual *rows, size_t n)
{
	struct jx_err err = { 0 };

	if (!s->ev && jx_eval_load(&s->ev, NULL, &err))
		fail_msg("%s", err.msg);
	jx_actuals_latest(rows, n, NULL, &s->set[s->n]);
	jx_score_project(jx_eval_for_year(s->ev, p->year), p, &s->set[s->n], &s->sc[s->n]);
	s->n++;
}

void scores_free(struct scores *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		jx_score_free(&s->sc[i]);
		jx_actuals_free(&s->set[i]);
	}
	jx_eval_free(s->ev);
}

void scores_render(struct scores *s, const struct jx_renderer *r, bool summary, struct jx_buf *out)
{
	struct jx_score_summary sum = { 0 };
	struct jx_err err = { 0 };
	struct jx_render rd;
	size_t i;

	jx_render_begin(&rd, r, NULL, out);
	for (i = 0; i < s->n; i++) {
		if (jx_render_score(&rd, out, &s->sc[i], &err))
			fail_msg("%s", err.msg);
		jx_score_summary_add(&sum, jx_eval_for_year(s->ev, s->sc[i].p->year), &s->sc[i]);
	}
	if (summary) {
		jx_score_summary_finish(&sum);
		if (jx_render_summary(&rd, out, &sum, &err))
			fail_msg("%s", err.msg);
	}
	if (jx_render_end(&rd, out, false, &err))
		fail_msg("%s", err.msg);
	jx_score_summary_free(&sum);
}
