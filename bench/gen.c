/*
 * gen.c — bench-gen: writes N synthetic target tables for the import benchmark.
 *
 *   bench-gen N OUT.txt OUT.csv [OUT.xlsx]
 *
 * OUT.txt holds the tables in the document form, laid out exactly as `jixiao export --format text`
 * writes them (lib/render_text.c): title, year line, header rows, goal, the indicator header and one
 * row per indicator with its level labels written only where they change, a blank line between
 * tables. OUT.csv holds the same indicators, one row each with its project's fields repeated:
 *
 *   year,project,unit,total,fiscal,other,level1,level2,indicator,unit,op,value,target
 *
 * (fields quoted as RFC 4180 asks when they need it; op is ">=", "<=", "=" or empty for a qualitative
 * target; value is the target's number as written). Labels are those of the 2015 framework.
 *
 * The output is a function of N alone: a fixed-seed 64-bit LCG drives every choice, and both files
 * are streamed, table by table, so that memory does not grow with N.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define SEED UINT64_C(0x6a6978696130f00d)
#define MIN_IND 8
#define MAX_IND 17
#define GOAL_MIN 100 /* characters of goal text, at least */
#define GOAL_MAX 200 /* and at most */

/* ---- the generator ---- */

static uint64_t lcg = SEED;

/* Knuth's MMIX constants; the high bits are the good ones. */
static uint32_t next32(void)
{
	lcg = lcg * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (uint32_t)(lcg >> 32);
}

/* A number in [0, n). */
static uint32_t pick(uint32_t n)
{
	return (uint32_t)(((uint64_t)next32() * n) >> 32);
}

/* A number in [lo, hi]. */
static int64_t range(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(((uint64_t)next32() * (uint64_t)(hi - lo + 1)) >> 32);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ANY(a) ((a)[pick((uint32_t)COUNT(a))])

/* ---- the vocabulary ---- */

static const char *const places[] = {
	"博湖县", "和静县", "焉耆县", "和硕县", "轮台县", "尉犁县", "若羌县", "且末县", "库尔勒市",
	"昌吉市", "阜康市", "呼图壁县", "玛纳斯县", "奇台县", "吉木萨尔县", "木垒县",
};

static const char *const themes[] = {
	"疫情防控", "困难群众救助及慰问", "城乡居民养老保险", "建档立卡困难家庭教育", "自然灾害综合风险普查",
	"农村人居环境整治", "义务教育营养改善计划", "基层医疗卫生服务能力提升", "高标准农田建设", "就业创业扶持",
	"文化惠民工程", "农村饮水安全巩固提升", "乡村振兴衔接资金", "城镇老旧小区改造", "残疾人两项补贴",
	"森林草原防火", "畜牧良种补贴", "公共法律服务体系建设",
};

static const char *const departments[] = {
	"卫生健康委员会", "教育局", "民政局", "人力资源和社会保障局", "农业农村局", "财政局", "水利局",
	"文化体育广播电视和旅游局", "应急管理局", "住房和城乡建设局", "残疾人联合会", "林业和草原局",
	"司法局", "乡村振兴局",
};

/* Clauses of the 年度目标, joined with "，" and ended with "。". No clause speaks of funds or of the
 * indicator header: a goal line is a single cell and read as goal text whatever it says, but the
 * benchmark should not lean on that. */
static const char *const clauses[] = {
	"贯彻落实党中央、国务院决策部署",
	"坚持以人民为中心的发展思想",
	"按照县委、县政府的统一安排",
	"围绕全年重点工作任务",
	"进一步完善工作机制和管理制度",
	"确保项目按期保质完成",
	"切实提高资金使用效益",
	"着力解决群众急难愁盼问题",
	"推动各项惠民政策落地见效",
	"巩固拓展脱贫攻坚成果",
	"持续改善城乡居民生产生活条件",
	"提升基本公共服务均等化水平",
	"加强项目实施过程监督管理",
	"做到专款专用、规范高效",
	"健全长效管护机制",
	"增强基层服务保障能力",
	"促进经济社会持续健康发展",
	"不断增强人民群众的获得感、幸福感、安全感",
	"把各项工作抓细抓实抓到位",
	"为全县经济社会发展提供有力支撑",
	"统筹发展和安全",
	"守住不发生规模性返贫的底线",
};

enum kind {
	GE_INT,  /* ≥N */
	LE_INT,  /* ≤N */
	EQ_PCT,  /* =N.N% */
	EQ_DEC2, /* =N.NN */
	QUAL,    /* 显著提升, 全力保障, … */
};

struct tmpl {
	const char *level2;
	const char *name;
	const char *unit; /* NULL: none */
	enum kind kind;
	int64_t lo, hi;   /* bounds of the number: whole units, or hundredths for EQ_DEC2, tenths for EQ_PCT */
};

/* Within each group the templates are in the order of their level-2 label in the framework. */
static const struct tmpl output_tmpl[] = {
	{ "数量指标", "培训人数", "人", GE_INT, 50, 20000 },
	{ "数量指标", "受益群众人数", "人", GE_INT, 100, 200000 },
	{ "数量指标", "开展宣传活动次数", "次", GE_INT, 2, 300 },
	{ "数量指标", "入户走访次数", "次", GE_INT, 10, 5000 },
	{ "数量指标", "补助资金发放金额", "万元", EQ_DEC2, 1000, 500000 },
	{ "数量指标", "政策覆盖率", "%", EQ_PCT, 800, 1000 },
	{ "数量指标", "组织专项督查次数", "次", GE_INT, 1, 120 },
	{ "数量指标", "巡查检查次数", "次", GE_INT, 4, 400 },
	{ "质量指标", "资金发放准确率", "%", EQ_PCT, 950, 1000 },
	{ "质量指标", "项目验收合格率", "%", EQ_PCT, 900, 1000 },
	{ "质量指标", "服务规范化水平", NULL, QUAL, 0, 0 },
	{ "质量指标", "档案资料完整率", "%", EQ_PCT, 900, 1000 },
	{ "质量指标", "设备运行完好率", "%", EQ_PCT, 850, 1000 },
	{ "质量指标", "群众投诉处理办结率", "%", EQ_PCT, 900, 1000 },
	{ "时效指标", "资金拨付及时率", "%", EQ_PCT, 900, 1000 },
	{ "时效指标", "应急响应时间", "小时", LE_INT, 1, 72 },
	{ "时效指标", "问题整改完成时限", "小时", LE_INT, 24, 720 },
	{ "时效指标", "项目按期完成率", "%", EQ_PCT, 900, 1000 },
	{ "成本指标", "人均补助标准", "元/人/月", EQ_DEC2, 5000, 200000 },
	{ "成本指标", "项目总成本", "万元", LE_INT, 10, 50000 },
	{ "成本指标", "单位成本较上年节约率", "%", EQ_PCT, 5, 100 },
	{ "成本指标", "人均服务成本", "元/人/月", LE_INT, 50, 3000 },
};

static const struct tmpl effect_tmpl[] = {
	{ "经济效益指标", "带动群众增收", "万元", GE_INT, 10, 5000 },
	{ "经济效益指标", "减少群众支出", "万元", GE_INT, 5, 2000 },
	{ "经济效益指标", "促进产业发展", NULL, QUAL, 0, 0 },
	{ "社会效益指标", "保障人民群众生命安全和健康", NULL, QUAL, 0, 0 },
	{ "社会效益指标", "群众生活水平", NULL, QUAL, 0, 0 },
	{ "社会效益指标", "惠及困难群众人数", "人", GE_INT, 20, 100000 },
	{ "社会效益指标", "政策知晓率", "%", EQ_PCT, 800, 1000 },
	{ "社会效益指标", "基本公共服务保障水平", NULL, QUAL, 0, 0 },
	{ "生态效益指标", "人居环境质量", NULL, QUAL, 0, 0 },
	{ "生态效益指标", "垃圾无害化处理率", "%", EQ_PCT, 700, 1000 },
	{ "生态效益指标", "植被恢复面积占比", "%", EQ_PCT, 100, 900 },
	{ "可持续影响指标", "长效管理机制", NULL, QUAL, 0, 0 },
	{ "可持续影响指标", "提升应对突发事件能力", NULL, QUAL, 0, 0 },
	{ "可持续影响指标", "设施年均运行时长", "小时", GE_INT, 2000, 8760 },
	{ "可持续影响指标", "项目持续发挥效益", NULL, QUAL, 0, 0 },
};

static const struct tmpl satisfaction_tmpl[] = {
	{ "服务对象满意度指标", "受益群众满意度", "%", EQ_PCT, 900, 1000 },
	{ "服务对象满意度指标", "服务对象综合满意度", "%", GE_INT, 85, 98 },
	{ "服务对象满意度指标", "参训人员满意度", "%", EQ_PCT, 850, 1000 },
};

static const char *const qualitative[] = { "显著提升", "全力保障", "逐步健全", "有效改善" };

/* ---- one table ---- */

struct ind {
	const struct tmpl *t;
	const char *level1;
	char target[64]; /* as written */
	char value[32];  /* the number, "" if qualitative */
	const char *op;  /* the CSV form */
};

struct project {
	int year;
	char name[256];
	char unit[256];
	char total[32], fiscal[32], other[32];
	char goal[2048]; /* one or two lines, '\n'-separated */
	struct ind ind[MAX_IND];
	size_t n_ind;
};

static void money(char *out, size_t cap, int64_t hundredths)
{
	snprintf(out, cap, "%" PRId64 ".%02" PRId64, hundredths / 100, hundredths % 100);
}

/* Characters (code points) of UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void make_goal(struct project *p, const char *theme)
{
	size_t want = (size_t)range(GOAL_MIN, GOAL_MAX), len, nchars;
	bool used[COUNT(clauses)] = { false };
	size_t n_used = 0;

	len = (size_t)snprintf(p->goal, sizeof(p->goal), "围绕%s项目年度任务", theme);
	nchars = chars(p->goal);
	while (nchars < want && n_used < COUNT(clauses)) {
		uint32_t i = pick((uint32_t)COUNT(clauses));
		size_t c;

		while (used[i])
			i = (i + 1) % (uint32_t)COUNT(clauses);
		c = chars(clauses[i]) + 1;
		if (nchars >= GOAL_MIN && nchars + c + 1 > GOAL_MAX)
			break;
		used[i] = true;
		n_used++;
		/* now and then the goal comes as two lines, as extracted text often has it */
		len += (size_t)snprintf(p->goal + len, sizeof(p->goal) - len, "%s%s",
					n_used == 3 && pick(5) == 0 ? "；\n" : "，", clauses[i]);
		nchars += c;
	}
	snprintf(p->goal + len, sizeof(p->goal) - len, "。");
}

/* Chooses n of the m templates t[], without repeating one, keeping their order. */
static void choose(struct project *p, const struct tmpl *t, size_t m, size_t n, const char *level1)
{
	bool take[32] = { false };
	size_t i, k;

	for (k = 0; k < n; k++) {
		i = pick((uint32_t)m);
		while (take[i])
			i = (i + 1) % m;
		take[i] = true;
	}
	for (i = 0; i < m; i++)
		if (take[i]) {
			p->ind[p->n_ind].t = &t[i];
			p->ind[p->n_ind].level1 = level1;
			p->n_ind++;
		}
}

static void make_target(struct ind *d)
{
	const struct tmpl *t = d->t;
	int64_t v = range(t->lo, t->hi);

	switch (t->kind) {
	case GE_INT:
		d->op = ">=";
		snprintf(d->value, sizeof(d->value), "%" PRId64, v);
		snprintf(d->target, sizeof(d->target), "≥%s%s", d->value, t->unit && !strcmp(t->unit, "%") ? "%" : "");
		break;
	case LE_INT:
		d->op = "<=";
		snprintf(d->value, sizeof(d->value), "%" PRId64, v);
		snprintf(d->target, sizeof(d->target), "≤%s", d->value);
		break;
	case EQ_PCT:
		/* most rates are written as 100.0% */
		if (t->hi == 1000 && pick(2) == 0)
			v = 1000;
		d->op = "=";
		snprintf(d->value, sizeof(d->value), "%" PRId64 ".%" PRId64, v / 10, v % 10);
		snprintf(d->target, sizeof(d->target), "=%s%%", d->value);
		break;
	case EQ_DEC2:
		d->op = "=";
		money(d->value, sizeof(d->value), v);
		snprintf(d->target, sizeof(d->target), "=%s", d->value);
		break;
	case QUAL:
		d->op = "";
		d->value[0] = '\0';
		snprintf(d->target, sizeof(d->target), "%s", ANY(qualitative));
		break;
	}
}

static void make_project(struct project *p, unsigned long seq)
{
	const char *place = ANY(places), *theme = ANY(themes);
	size_t n = (size_t)range(MIN_IND, MAX_IND), n_sat = 1 + (pick(4) == 0), n_eff = (size_t)range(2, 4), i;
	int64_t total = range(1000, 5000000), fiscal;

	p->year = (int)range(2019, 2021);
	snprintf(p->name, sizeof(p->name), "%s%d年%s项目%06lu", place, p->year, theme, seq);
	snprintf(p->unit, sizeof(p->unit), "%s%s", place, ANY(departments));
	fiscal = pick(2) ? total : total - total * range(1, 40) / 100;
	money(p->total, sizeof(p->total), total);
	money(p->fiscal, sizeof(p->fiscal), fiscal);
	money(p->other, sizeof(p->other), total - fiscal);
	make_goal(p, theme);
	p->n_ind = 0;
	choose(p, output_tmpl, COUNT(output_tmpl), n - n_eff - n_sat, "产出指标");
	choose(p, effect_tmpl, COUNT(effect_tmpl), n_eff, "效益指标");
	choose(p, satisfaction_tmpl, COUNT(satisfaction_tmpl), n_sat, "满意度指标");
	for (i = 0; i < p->n_ind; i++)
		make_target(&p->ind[i]);
}

/* ---- output ---- */

static void write_text(FILE *f, const struct project *p, unsigned long seq)
{
	const char *line = p->goal;
	size_t i;

	if (seq)
		fputc('\n', f);
	fprintf(f,
		"部门预算项目支出绩效目标表\n(%d年度)\n项目名称\t%s\n预算单位\t%s\n"
		"项目资金(万元)\t年度资金总额: %s\n\t其中: 财政拨款 %s\n\t其他资金 %s\n总体目标\t年度目标\n",
		p->year, p->name, p->unit, p->total, p->fiscal, p->other);
	while (*line) {
		size_t n = strcspn(line, "\n");

		fprintf(f, "\t%.*s\n", (int)n, line);
		line += n + (line[n] == '\n');
	}
	fputs("\t一级指标\t二级指标\t三级指标\t指标值(包含数字及文字描述)\n", f);
	for (i = 0; i < p->n_ind; i++) {
		const struct ind *d = &p->ind[i], *prev = i ? &p->ind[i - 1] : NULL;
		bool new_l1 = !prev || strcmp(prev->level1, d->level1) != 0;
		bool new_l2 = new_l1 || strcmp(prev->t->level2, d->t->level2) != 0;

		fprintf(f, "%s\t%s\t%s\t%s", i ? "" : "绩效指标", new_l1 ? d->level1 : "", new_l2 ? d->t->level2 : "",
			d->t->name);
		if (d->t->unit)
			fprintf(f, "(%s)", d->t->unit);
		fprintf(f, "\t%s\n", d->target);
	}
}

/* One CSV field, quoted if it holds a comma, a quote or a line break (RFC 4180). */
static void csv_field(FILE *f, const char *s, int last)
{
	if (s[strcspn(s, ",\"\r\n")]) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

static void write_csv(FILE *f, const struct project *p)
{
	char year[16];
	size_t i;

	snprintf(year, sizeof(year), "%d", p->year);
	for (i = 0; i < p->n_ind; i++) {
		const struct ind *d = &p->ind[i];

		csv_field(f, year, 0);
		csv_field(f, p->name, 0);
		csv_field(f, p->unit, 0);
		csv_field(f, p->total, 0);
		csv_field(f, p->fiscal, 0);
		csv_field(f, p->other, 0);
		csv_field(f, d->level1, 0);
		csv_field(f, d->t->level2, 0);
		csv_field(f, d->t->name, 0);
		csv_field(f, d->t->unit ? d->t->unit : "", 0);
		csv_field(f, d->op, 0);
		csv_field(f, d->value, 0);
		csv_field(f, d->target, 1);
	}
}

/* ---- the workbook ---- */

struct book {
	const char *path;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *money;
	lxw_row_t row;   /* the next row of the sheet */
	unsigned sheets; /* sheets begun */
	lxw_error err;   /* the first write that failed */
};

static void book_fail(const struct book *b, const char *what)
{
	fprintf(stderr, "bench-gen: %s: %s\n", b->path, what);
	exit(1);
}

static void note(struct book *b, lxw_error e)
{
	if (e && !b->err)
		b->err = e;
}

/* Begins a sheet with the header row. */
static void new_sheet(struct book *b)
{
	static const char *const heads[] = { "年度", "项目名称", "预算单位", "年度资金总额（万元）", "财政拨款", "其他资金",
					     "年度目标", "一级指标", "二级指标", "三级指标", "计量单位", "指标值" };
	char name[32];
	lxw_col_t c;

	snprintf(name, sizeof(name), "绩效目标%u", ++b->sheets);
	b->ws = workbook_add_worksheet(b->wb, name);
	if (!b->ws)
		book_fail(b, "cannot add a sheet");
	for (c = 0; c < COUNT(heads); c++)
		note(b, worksheet_write_string(b->ws, 0, c, heads[c], NULL));
	b->row = 1;
}

static void book_open(struct book *b, const char *path)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };

	b->path = path;
	b->wb = workbook_new_opt(path, &opts);
	if (!b->wb)
		book_fail(b, "cannot make the workbook");
	b->money = workbook_add_format(b->wb);
	format_set_num_format(b->money, "0.00");
	new_sheet(b);
}

/* The project's fields in its first row. */
static void write_fields(struct book *b, const struct project *p)
{
	note(b, worksheet_write_string(b->ws, b->row, 2, p->unit, NULL));
	note(b, worksheet_write_number(b->ws, b->row, 3, strtod(p->total, NULL), b->money));
	note(b, worksheet_write_number(b->ws, b->row, 4, strtod(p->fiscal, NULL), b->money));
	note(b, worksheet_write_number(b->ws, b->row, 5, strtod(p->other, NULL), b->money));
	note(b, worksheet_write_string(b->ws, b->row, 6, p->goal, NULL));
}

static void write_xlsx(struct book *b, const struct project *p)
{
	size_t i;

	if (b->row + p->n_ind > LXW_ROW_MAX)
		new_sheet(b);
	for (i = 0; i < p->n_ind; i++, b->row++) {
		const struct ind *d = &p->ind[i];

		note(b, worksheet_write_number(b->ws, b->row, 0, p->year, NULL));
		note(b, worksheet_write_string(b->ws, b->row, 1, p->name, NULL));
		if (i == 0)
			write_fields(b, p);
		note(b, worksheet_write_string(b->ws, b->row, 7, d->level1, NULL));
		note(b, worksheet_write_string(b->ws, b->row, 8, d->t->level2, NULL));
		note(b, worksheet_write_string(b->ws, b->row, 9, d->t->name, NULL));
		if (d->t->unit)
			note(b, worksheet_write_string(b->ws, b->row, 10, d->t->unit, NULL));
		note(b, worksheet_write_string(b->ws, b->row, 11, d->target, NULL));
	}
	if (b->err)
		book_fail(b, lxw_strerror(b->err));
}

static void book_close(struct book *b, const char *path)
{
	lxw_error e = workbook_close(b->wb);

	if (e) {
		fprintf(stderr, "bench-gen: %s: %s\n", path, lxw_strerror(e));
		exit(1);
	}
}

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "bench-gen: %s: write failed: %s\n", path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static struct project p;
	struct book book = { 0 };
	unsigned long n, seq;
	FILE *txt, *csv;
	char *end;

	if (argc != 4 && argc != 5) {
		fputs("usage: bench-gen N OUT.txt OUT.csv [OUT.xlsx]\n", stderr);
		return 2;
	}
	errno = 0;
	n = strtoul(argv[1], &end, 10);
	if (errno || end == argv[1] || *end || n == 0 || n > 999999) {
		fprintf(stderr, "bench-gen: N must be a number from 1 to 999999, not \"%s\"\n", argv[1]);
		return 2;
	}
	txt = open_out(argv[2]);
	csv = open_out(argv[3]);
	if (argc == 5)
		book_open(&book, argv[4]);
	fputs("year,project,unit,total,fiscal,other,level1,level2,indicator,unit,op,value,target\n", csv);
	for (seq = 0; seq < n; seq++) {
		make_project(&p, seq + 1);
		write_text(txt, &p, seq);
		write_csv(csv, &p);
		if (book.wb)
			write_xlsx(&book, &p);
	}
	close_out(txt, argv[2]);
	close_out(csv, argv[3]);
	if (book.wb)
		book_close(&book, argv[4]);
	return 0;
}
