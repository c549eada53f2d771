/*
 * cmd_check.c — `jixiao check`: review target tables by the rule catalogue.
 *
 * Exit status 0 when no finding is an error, 1 when one is (approval would be refused: 不予安排),
 * 2 on usage or input errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/baseline.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/json_io.h"
#include "jixiao/library.h"
#include "jixiao/model.h"
#include "jixiao/peers.h"
#include "jixiao/review.h"
#include "jixiao/store.h"

static const char usage[] =
	"用法: jixiao check [--db 数据库] [--rules 文件] [--year 年度] [--format text|json] [--context] [项目…]\n"
	"\n"
	"按审核规则检查绩效目标表（默认检查全部项目；或指定编号/名称）。每条发现写明规则、指标和数字：\n"
	"  错误  不能批准（不予安排），如没有年度目标、没有指标值、资金合计不符；\n"
	"  警告  应当改正，但不阻止批准，如成本指标合计与年度资金总额不符；\n"
	"  提示  供参考，如年度目标中的数字没有对应的指标。\n"
	"每张表另按完整性、相关性、适当性、可行性四个方面各 25 分评级（优、良、中、差，财预〔2015〕88号第25条）：\n"
	"每条发现从所属方面扣分，扣分和分数线见规则配置的 grading；评级为差的表不得列入预算（规则 grade-poor）。\n"
	"--format json 输出 {\"findings\": [{\"project\", \"rule\", \"severity\", \"indicator\", \"message\"}],\n"
	"  \"grades\": [{\"project\", \"id\", \"grade\", \"points\", \"dimensions\": {\"完整性\": 分数, …}, \"deductions\": […]}]}。\n"
	"--context 在每张表后列出每个指标值的参照：同一项目上年的实际完成值、近三年实际值的均值，\n"
	"  以及本年度其他表（已报送、非涉密）为同一指标库条目（同名、同计量单位、同一方向）设定的目标\n"
	"  的个数、中位数和范围；json 在每张表的评级中加 \"context\": [{\"indicator\", \"unit\", \"target\",\n"
	"  \"last_year\", \"mean\", \"peers\"}]。同一项目按名称中的年份和预算单位匹配，同类按指标库匹配，不作模糊猜测。\n"
	"退出状态：0 没有错误，1 有错误，2 用法或输入错误。\n"
	"规则的级别和容差按年度配置在文件中（--rules 或环境变量 JIXIAO_RULES；内置规则见 data/review/rules.json）。\n";

struct run {
	struct jx_review *review;
	struct jx_store *st;
	struct jx_baseline_cache *cache; /* the years before, listed once per unit (created on first use) */
	struct jx_library lib;           /* the indicator library, loaded once a run (on first use) */
	bool lib_loaded;
	struct jx_peers *peers[4];       /* the other tables' targets, per year met (loaded on first use) */
	size_t n_peers;
	bool context;                    /* --context */
	bool json;
	bool color;
	struct jx_buf out;
	size_t projects, blocked, count[4]; /* count per severity */
	size_t graded[4];                   /* tables graded 优, 良, 中, 差 */
	FILE *grades_json;                  /* with json: the grades, written after the findings */
	struct jx_buf grades;               /* and those not yet written there */
	bool grades_failed;
};

static const char *const grade_labels[] = { "优", "良", "中", "差" };

static void count_grade(struct run *r, const struct jx_grade *g)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(g->label, grade_labels[i]) == 0)
			r->graded[i]++;
}

static const char *color(const struct run *r, enum jx_severity s)
{
	static const char *const codes[] = { "", "\033[36m", "\033[33m", "\033[1;31m" };

	return r->color ? codes[s] : "";
}

/* The longest rule id, so that messages line up across projects. */
static int rule_width(void)
{
	size_t i, w = 0;

	for (i = 0; i < jx_review_rule_count(); i++)
		w = strlen(jx_review_rule_id(i)) > w ? strlen(jx_review_rule_id(i)) : w;
	return (int)w;
}

/* With --context: a line per indicator that has history or peers beside its target. */
static void text_context(struct run *r, const struct jx_project *p, const struct jx_baseline *b,
			 const struct jx_peers *peers)
{
	struct jx_target_context c;
	size_t i;

	for (i = 0; r->context && i < p->n_ind; i++) {
		if (!jx_target_context(p, i, b, peers, &c))
			continue;
		jx_buf_addf(&r->out, NULL, "  参照  %s%s%s%s %s：", p->ind[i].name, p->ind[i].unit ? "（" : "",
			    p->ind[i].unit ? p->ind[i].unit : "", p->ind[i].unit ? "）" : "",
			    p->ind[i].target ? p->ind[i].target : "");
		jx_target_context_text(&c, p->ind[i].unit, &r->out);
		jx_buf_addc(&r->out, '\n', NULL);
	}
}

static void json_context(struct jx_buf *out, const struct jx_project *p, const struct jx_baseline *b,
			 const struct jx_peers *peers)
{
	struct jx_target_context c;
	size_t i, n = 0;

	jx_buf_adds(out, ", \"context\": [", NULL);
	for (i = 0; i < p->n_ind; i++) {
		if (!jx_target_context(p, i, b, peers, &c))
			continue;
		jx_buf_adds(out, n++ ? ", {\"indicator\": " : "{\"indicator\": ", NULL);
		jx_json_string(out, p->ind[i].name);
		jx_buf_adds(out, ", \"unit\": ", NULL);
		if (p->ind[i].unit)
			jx_json_string(out, p->ind[i].unit);
		else
			jx_buf_adds(out, "null", NULL);
		jx_buf_adds(out, ", \"target\": ", NULL);
		if (p->ind[i].target)
			jx_json_string(out, p->ind[i].target);
		else
			jx_buf_adds(out, "null", NULL);
		jx_buf_adds(out, ", ", NULL);
		jx_target_context_json(&c, out);
		jx_buf_addc(out, '}', NULL);
	}
	jx_buf_addc(out, ']', NULL);
}

static void text_project(struct run *r, const struct jx_project *p, const struct jx_findings *f, const struct jx_grade *g)
{
	int width = rule_width();
	size_t i;

	jx_buf_addf(&r->out, NULL, "%s（%s编号 %lld，%d年度，%s）%s\n", p->name,
		    p->kind == JX_KIND_DEPARTMENT ? "部门整体，" : "", (long long)p->id, p->year, jx_status_label(p->status),
		    f->n ? "" : "：没有发现问题");
	for (i = 0; i < f->n; i++) {
		jx_buf_addf(&r->out, NULL, "  %s%s%s  %-*s  %s", color(r, f->f[i].severity),
			    jx_severity_label(f->f[i].severity), r->color ? "\033[0m" : "", (int)width, f->f[i].rule,
			    f->f[i].message);
		if (f->f[i].deduct)
			jx_buf_addf(&r->out, NULL, "（%s扣 %d 分）", jx_dimension_label(f->f[i].dimension), f->f[i].deduct);
		jx_buf_addc(&r->out, '\n', NULL);
	}
	jx_buf_addf(&r->out, NULL, "  评级  %s，%d 分（完整性 %d、相关性 %d、适当性 %d、可行性 %d）\n", g->label, g->points,
		    g->dimension[0], g->dimension[1], g->dimension[2], g->dimension[3]);
}

/* The grade of p as the JSON of check, written by hand (it is one line per table): {"project", "id",
 * "grade", "points", "dimensions": {…}, "deductions": [{"rule", "indicator", "dimension", "points"}]}. */
static void grade_json(struct jx_buf *b, const struct jx_project *p, const struct jx_findings *f,
		       const struct jx_grade *g)
{
	size_t i, n = 0;
	int d;

	jx_buf_adds(b, "{\"project\": ", NULL);
	jx_json_string(b, p->name);
	jx_buf_addf(b, NULL, ", \"id\": %lld, \"grade\": \"%s\", \"points\": %d, \"dimensions\": {", (long long)p->id,
		    g->label, g->points);
	for (d = 0; d < JX_N_DIM; d++)
		jx_buf_addf(b, NULL, "%s\"%s\": %d", d ? ", " : "", jx_dimension_label(d), g->dimension[d]);
	jx_buf_adds(b, "}, \"deductions\": [", NULL);
	for (i = 0; i < f->n; i++) {
		if (!f->f[i].deduct)
			continue;
		jx_buf_addf(b, NULL, "%s{\"rule\": \"%s\", \"indicator\": ", n++ ? ", " : "", f->f[i].rule);
		if (f->f[i].indicator)
			jx_json_string(b, f->f[i].indicator);
		else
			jx_buf_adds(b, "null", NULL);
		jx_buf_addf(b, NULL, ", \"dimension\": \"%s\", \"points\": %d}", jx_dimension_label(f->f[i].dimension),
			    f->f[i].deduct);
	}
	jx_buf_adds(b, "]}", NULL);
}

static void json_project(struct run *r, const struct jx_project *p, const struct jx_findings *f, const struct jx_grade *g,
			 const struct jx_baseline *b, const struct jx_peers *peers)
{
	size_t i;

	jx_buf_adds(&r->grades, r->projects > 1 ? ",\n" : "\n", NULL);
	grade_json(&r->grades, p, f, g);
	if (r->context) { /* into the grade's object: drop its closing brace, add, close */
		r->grades.len--;
		json_context(&r->grades, p, b, peers);
		jx_buf_addc(&r->grades, '}', NULL);
	}
	if (r->grades.len >= 64 * 1024 && cli_flush(&r->grades, r->grades_json))
		r->grades_failed = true;

	for (i = 0; i < f->n; i++) {
		jx_buf_adds(&r->out, r->count[0]++ ? ",\n" : "\n", NULL); /* count[0]: findings written */
		jx_finding_json(&r->out, p, &f->f[i]);
	}
}

/* The other tables' targets of year, loaded on first use (NULL if not asked for). */
static int peers_for(struct run *r, int year, const struct jx_peers **out, struct jx_err *err)
{
	size_t i;

	*out = NULL;
	for (i = 0; i < r->n_peers; i++)
		if (jx_peers_year(r->peers[i]) == year) {
			*out = r->peers[i];
			return 0;
		}
	if (r->n_peers == sizeof(r->peers) / sizeof(r->peers[0])) { /* many years: keep the latest few */
		jx_peers_free(r->peers[0]);
		memmove(r->peers, r->peers + 1, (r->n_peers - 1) * sizeof(r->peers[0]));
		r->n_peers--;
	}
	if (jx_peers_load(r->st, year, &r->lib, &r->peers[r->n_peers], err))
		return -1;
	*out = r->peers[r->n_peers++];
	return 0;
}

static int check_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct run *r = ctx;
	struct jx_findings f = JX_FINDINGS_INIT;
	struct jx_baseline b;
	struct jx_review_with w = { NULL, NULL, NULL };
	struct jx_grade g;
	bool history = r->context || jx_review_uses_history(r->review, p->year);
	bool peers = r->context || jx_review_uses_peers(r->review, p->year);
	bool library = peers || jx_review_uses_library(r->review, p->year);
	size_t i;

	if (history && !r->cache)
		r->cache = jx_baseline_cache_new();
	if (library && !r->lib_loaded) {
		if (jx_library_load(r->st, &r->lib, err))
			return -1;
		r->lib_loaded = true;
	}
	if (peers && peers_for(r, p->year, &w.peers, err))
		return -1;
	if (history && jx_baseline_load(r->st, p, r->cache, &b, err))
		return -1;
	w.base = history ? &b : NULL;
	w.lib = library ? &r->lib : NULL;
	jx_review_check_using(r->review, p, &w, &f);
	jx_review_grade(r->review, p->year, &f, &g);
	count_grade(r, &g);
	r->projects++;
	r->blocked += jx_findings_block(&f);
	for (i = 0; i < f.n; i++)
		r->count[f.f[i].severity]++;
	if (r->json) {
		json_project(r, p, &f, &g, w.base, w.peers);
	} else {
		text_project(r, p, &f, &g);
		text_context(r, p, w.base, w.peers);
	}
	if (history)
		jx_baseline_free(&b);
	jx_findings_clear(&f);
	if (r->out.len >= 64 * 1024 && cli_flush(&r->out, stdout))
		return jx_err_set(err, JX_EIO, "写入输出失败");
	return 0;
}

static int check_named(struct run *r, struct jx_store *st, char **refs, int n, int year, struct jx_err *err)
{
	int i, rc = 0;

	for (i = 0; i < n && !rc; i++) {
		struct jx_project *p;
		int64_t id;

		rc = jx_store_resolve(st, refs[i], year, &id, err) || jx_store_get(st, id, &p, err);
		if (!rc) {
			rc = check_one(r, p, err);
			jx_project_free(p);
		}
	}
	return rc ? -1 : 0;
}

static void summary(struct run *r)
{
	if (r->json)
		return;
	jx_buf_addf(&r->out, NULL, "\n共检查 %zu 个项目：错误 %zu 条，警告 %zu 条，提示 %zu 条。", r->projects,
		    r->count[JX_SEV_ERROR], r->count[JX_SEV_WARNING], r->count[JX_SEV_INFO]);
	if (r->blocked)
		jx_buf_addf(&r->out, NULL, "%zu 个项目有错误，改正前不能批准（不予安排）。\n", r->blocked);
	else
		jx_buf_adds(&r->out, "没有阻止批准的错误。\n", NULL);
	if (r->projects)
		jx_buf_addf(&r->out, NULL, "评级：优 %zu 个，良 %zu 个，中 %zu 个，差 %zu 个。\n", r->graded[0], r->graded[1],
			    r->graded[2], r->graded[3]);
}

/* With json: closes the findings and appends the grades kept aside. */
static int json_end(struct run *r, struct jx_err *err)
{
	char chunk[16384];
	size_t n;

	jx_buf_adds(&r->out, r->count[0] ? "\n],\n\"grades\": [" : "],\n\"grades\": [", NULL);
	if (r->grades_failed || cli_flush(&r->grades, r->grades_json) || cli_flush(&r->out, stdout) ||
	    fflush(r->grades_json) || fseek(r->grades_json, 0, SEEK_SET))
		return jx_err_set(err, JX_EIO, "写入输出失败");
	while ((n = fread(chunk, 1, sizeof(chunk), r->grades_json)) > 0)
		if (fwrite(chunk, 1, n, stdout) != n)
			return jx_err_set(err, JX_EIO, "写入输出失败");
	if (ferror(r->grades_json))
		return jx_err_set(err, JX_EIO, "读取评级的临时文件失败");
	jx_buf_adds(&r->out, r->projects ? "\n]}\n" : "]}\n", NULL);
	return 0;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { { "format", required_argument, NULL, 'f' },
						  { "year", required_argument, NULL, 'y' },
						  { "context", no_argument, NULL, 'x' },
						  CLI_COMMON_LONGOPTS };
	struct run r;
	struct jx_filter f = { 0 };
	struct jx_err err = { 0 };
	const char *format = "text";
	struct jx_store *st;
	bool context = false;
	int opt, code, rc;
	size_t i;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (cli_common_option(c, &cmd_check, opt, &code)) {
			if (code >= 0)
				return code;
		} else if (opt == 'f') {
			format = optarg;
		} else if (opt == 'x') {
			context = true;
		} else if (opt == 'y' && cli_year(&cmd_check, optarg, &f.year)) {
			return EXIT_FAIL;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage(&cmd_check, "--format 应为 text 或 json，而不是“%s”", format);
	memset(&r, 0, sizeof(r));
	r.json = strcmp(format, "json") == 0;
	r.context = context;
	r.color = !r.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (!(r.review = cli_review(c)) || !(st = cli_store(c, 0)))
		return EXIT_FAIL;
	r.st = st;
	jx_buf_init(&r.out, SIZE_MAX);
	jx_buf_init(&r.grades, SIZE_MAX);
	if (r.json && !(r.grades_json = tmpfile())) {
		jx_err_set(&err, JX_EIO, "无法建立评级的临时文件");
		jx_buf_release(&r.out);
		return cli_fail(&err);
	}
	if (r.json)
		jx_buf_adds(&r.out, "{\"findings\": [", NULL);
	if (optind < argc)
		rc = check_named(&r, st, argv + optind, argc - optind, f.year, &err);
	else
		rc = jx_store_each(st, &f, check_one, &r, &err);
	if (!rc)
		summary(&r);
	if (!rc && r.json)
		rc = json_end(&r, &err);
	if (r.grades_json)
		fclose(r.grades_json);
	jx_buf_release(&r.grades);
	jx_baseline_cache_free(r.cache);
	for (i = 0; i < r.n_peers; i++)
		jx_peers_free(r.peers[i]);
	jx_library_free(&r.lib);
	if ((cli_flush(&r.out, stdout) || fflush(stdout)) && !rc)
		rc = jx_err_set(&err, JX_EIO, "写入输出失败");
	jx_buf_release(&r.out);
	if (rc)
		return cli_fail(&err);
	return r.blocked ? EXIT_NEGATIVE : EXIT_OK;
}

const struct command cmd_check = { "check", "按审核规则检查绩效目标表", usage, run };
