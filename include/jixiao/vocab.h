/*
 * vocab.h — the words of target tables: titles, header labels, funds, goals and indicator columns.
 *
 * The words are data (data/vocab/table.json, compiled in), each with the variants governments print,
 * and are matched on the key of a cell: jx_vocab_key() — NFKC, white space removed, traditional
 * characters read as simplified (OpenCC t2s), so that 項目名稱 matches 项目名称 while the text itself
 * is kept as written. Level labels and their variants are the frameworks' (framework.h). The words
 * are loaded once, on first use, and read-only afterwards: any thread may use them.
 */
#ifndef JIXIAO_VOCAB_H
#define JIXIAO_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

struct jx_buf;

/* What a word is. */
enum jx_vkind {
	JX_V_NONE,
	JX_V_FIELD,       /* a header label: role is a jx_vfield */
	JX_V_FUNDS,       /* an amount's label: role is a jx_vfunds */
	JX_V_FUNDS_LABEL, /* a label over the funds rows (项目资金, 其中): no amount of its own */
	JX_V_UNIT,        /* the unit amounts are stated in (单位:元): role is 1 for 元, 10000 for 万元 */
	JX_V_GOAL,        /* a goal's label: role is a jx_vgoal */
	JX_V_COLUMN,      /* an indicator column's header: role is a jx_vcolumn */
	JX_V_IGNORE,      /* a line around a table to pass over (填报单位, 发布时间): matched as a prefix */
	JX_V_END,         /* a line that ends a table (注:, 附件, 审核意见): matched as a prefix */
};

enum jx_vfield {
	JX_VF_NAME,            /* 项目名称 */
	JX_VF_UNIT,            /* 预算单位 */
	JX_VF_DEPARTMENT_NAME, /* 部门名称: a department-wide table's name and unit */
	JX_VF_TASKS,           /* 年度主要任务 */
	JX_VF_MANAGER_PHONE,   /* 项目负责人及电话: the manager, then the phone */
	JX_VF_DROPPED,         /* a field jixiao does not keep (项目概况, 立项依据): its value is passed over */
	JX_VF_OPTIONAL,        /* the optional fields follow: JX_VF_OPTIONAL + enum jx_pfield */
};

enum jx_vfunds {
	JX_VM_TOTAL,         /* the year's total: 年度资金总额, 当年资金总额 */
	JX_VM_PERIOD_TOTAL,  /* the whole 实施期's total */
	JX_VM_EITHER_TOTAL,  /* 资金总额: the year's, unless the year's is given too (then the period's) */
	JX_VM_FISCAL,        /* the year's 财政拨款 */
	JX_VM_EITHER_FISCAL, /* 财政拨款: the year's, unless the year's is given too */
	JX_VM_OTHER,         /* the year's 其他资金 */
	JX_VM_EITHER_OTHER,  /* 其他资金: the year's, unless the year's is given too */
	JX_VM_CARRYOVER,     /* 上年结转资金 */
};

enum jx_vgoal {
	JX_VG_YEAR,  /* 年度目标 */
	JX_VG_LONG,  /* 中期目标, 实施期绩效目标 */
	JX_VG_GROUP, /* 总体目标: a label over the goals, no goal of its own */
	JX_VG_ACTUAL, /* 年度总体目标完成情况: a column of a self-evaluation, not kept */
};

enum jx_vcolumn {
	JX_VC_LEVEL1,
	JX_VC_LEVEL2,
	JX_VC_NAME,
	JX_VC_TARGET,
	JX_VC_OP,          /* 指标性质: the target's operator in a column of its own */
	JX_VC_UNIT,        /* 计量单位 */
	JX_VC_FIELD,       /* an optional column: JX_VC_FIELD + enum jx_ifield */
	JX_VC_GROUP = 100, /* 绩效指标: a label over the indicators, no column of its own */
};

struct jx_vword {
	enum jx_vkind kind;
	int role;
};

/* Appends the matching key of s[0..n) to out: jx_text_key(), then traditional characters as
 * simplified if it holds any. */
void jx_vocab_key(struct jx_buf *out, const char *s, size_t n);

/* The word key is (exactly), or kind JX_V_NONE. */
struct jx_vword jx_vocab_word(const char *key);

/* The longest word key starts with: its length in bytes (0 if none) and what it is. */
size_t jx_vocab_prefix(const char *key, struct jx_vword *w);

/* True if key is a word, or a level label, broken before its end ("经济效益" of 经济效益指标, "绩" of
 * 绩效指标): what a line of a table printed a word per line may hold. */
bool jx_vocab_broken(const char *key);

/* The level label key begins, if it begins only that one (and no other word): "社会公众或服务" of
 * 服务对象满意度指标 (by way of its variant 社会公众或服务对象满意度指标); else NULL. */
const char *jx_vocab_completion(const char *key);

/* The length of the longest qualitative target key ends with (稳步提高, 显著提升 …), 0 if none: to tell
 * a name from its target where a line runs them together. */
size_t jx_vocab_qualitative_suffix(const char *key);

/* True if key is one of the values a column of this role takes (取值依据: 计划标准 …), for the columns
 * whose values are words of their own (basis, direction, value type). */
bool jx_vocab_value(enum jx_vcolumn role, const char *key);

/* Classifies key as a table's title: 1 a project table, 2 a department-wide one, 3 a table that is not
 * a target table (a 自评表), 0 none. A title is one of the title words, optionally after a place or
 * project (up to 80 bytes: "博湖县2021年疫情防控项目绩效目标表") and before a qualifier
 * ("(打捆项目)") and a year ("(2021年度)"); a year in it goes to *year (else 0), and *exact says
 * whether it is the title word alone (no place or project before it: a table's own title rather than
 * a page's headline). */
int jx_vocab_title(const char *key, int *year, bool *exact);

#endif
