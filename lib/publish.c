/*
 * publish.c — publications: choosing the tables, the statement's figures, versions. See publish.h.
 */
#include <stdlib.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/publish.h"

void jx_statement_write(const struct jx_statement *s, struct jx_buf *title, struct jx_buf *body)
{
	char money[JX_DEC_STRMAX];
	size_t i;

	jx_buf_addf(title, NULL, "%d年预算绩效目标公开说明", s->year);
	jx_buf_addf(body, NULL,
		    "一、绩效目标编制情况\n"
		    "各预算单位在编制%d年部门预算时，按照“谁申请资金，谁编制目标”的原则设定绩效目标，"
		    "将绩效目标作为预算安排的前置条件。%d年，%zu个部门设置了部门整体支出绩效目标，"
		    "%zu个预算单位编制了%zu个项目的绩效目标，涉及资金%s万元。\n"
		    "二、绩效目标公开情况\n",
		    s->year, s->year, s->departments, s->units, s->projects, jx_money_format(s->money, money));
	if (s->n_key) {
		jx_buf_addf(body, NULL, "其中重点项目%zu个：", s->n_key);
		for (i = 0; i < s->n_key; i++)
			jx_buf_addf(body, NULL, "%s%s", i ? "、" : "", s->key_projects[i]);
		jx_buf_adds(body, "。\n", NULL);
	}
	jx_buf_addf(body, NULL, "除涉密信息外，现将%s绩效目标表随同部门预算公开如下。\n",
		    s->key_only ? "重点项目的" : "上述");
	jx_buf_addf(body, NULL, "附件：%s绩效目标表", s->key_only ? "重点项目" : "");
	for (i = 0; i < s->n_attached; i++)
		jx_buf_addf(body, NULL, "\n%zu. %s", i + 1, s->attached[i]);
}
