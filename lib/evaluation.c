/*
 * evaluation.c — the settings of self-evaluation and monitoring, read from data. See evaluation.h.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/asset.h"
#include "jixiao/config.h"
#include "jixiao/err.h"
#include "jixiao/evaluation.h"
#include "jixiao/framework.h"
#include "jixiao/model.h"

struct jx_eval {
	struct jx_eval_settings *s; /* [0] the base settings, then one per year with an entry */
	size_t n;
};

static const char *const group_names[JX_N_GROUPS] = { "budget", "output", "effect", "satisfaction" };
static const char *const group_labels[JX_N_GROUPS] = { "预算执行", "产出", "效益", "满意度" };

const char *jx_group_name(enum jx_group g)
{
	return group_names[g];
}

const char *jx_group_label(enum jx_group g)
{
	return group_labels[g];
}

int jx_group_of(const char *framework, const char *level1)
{
	const char *g = jx_framework_group(jx_framework_get(framework), level1);
	int i;

	for (i = 1; g && i < JX_N_GROUPS; i++)
		if (strcmp(g, group_names[i]) == 0)
			return i;
	return -1;
}

bool jx_eval_prorated(const struct jx_eval_settings *s, const char *unit)
{
	size_t i;

	for (i = 0; unit && i < s->n_prorated; i++)
		if (strcmp(s->prorated[i], unit) == 0)
			return true;
	return false;
}

/* ---- reading ---- */

struct reading {
	const char *file;
	char where[32]; /* "years.2022: " or "" */
	struct jx_err *err;
};

/* The object at path (members separated by dots) in conf, or NULL. */
static json_t *at(json_t *conf, const char *path)
{
	char key[32];
	const char *dot;

	while (conf && (dot = strchr(path, '.'))) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		conf = json_object_get(conf, key);
		path = dot + 1;
	}
	return conf ? json_object_get(conf, path) : NULL;
}

/* Reads the non-negative decimal string at path into *out. */
static int number(struct reading *r, json_t *conf, const char *path, struct jx_dec *out)
{
	const char *s = json_string_value(at(conf, path));

	if (!s || jx_dec_parse(s, strlen(s), out) || out->coef < 0)
		return jx_err_set(r->err, JX_EINPUT, "%s: %s%s 应为非负数字字符串，如 \"80\"", r->file, r->where, path);
	return 0;
}

/* Checks that conf's object at path has only the members keys (NULL-terminated). */
static int only(struct reading *r, json_t *conf, const char *path, const char *const *keys)
{
	json_t *o = path ? at(conf, path) : conf, *v;
	const char *k;
	size_t i;

	if (!json_is_object(o))
		return jx_err_set(r->err, JX_EINPUT, "%s: %s%s 应为 JSON 对象", r->file, r->where, path ? path : "配置");
	json_object_foreach(o, k, v) {
		for (i = 0; keys[i] && strcmp(keys[i], k) != 0; i++)
			;
		if (!keys[i])
			return jx_err_set(r->err, JX_EINPUT, "%s: %s%s%s未知的字段“%s”", r->file, r->where, path ? path : "",
					  path ? " 中" : "", k);
	}
	return 0;
}

static int levels(struct reading *r, json_t *conf, struct jx_eval_settings *s)
{
	static const char *const names[] = { "达成", "部分达成", "未达成", NULL };
	static const char *const fields[] = { "percent", "band", NULL };
	char path[64];
	int i;

	if (only(r, conf, "score.qualitative", names))
		return -1;
	for (i = 0; names[i]; i++) {
		json_t *band;

		snprintf(path, sizeof(path), "score.qualitative.%s", names[i]);
		band = at(at(conf, "score.qualitative"), names[i]);
		if (only(r, conf, path, fields))
			return -1;
		snprintf(path, sizeof(path), "score.qualitative.%s.percent", names[i]);
		if (number(r, conf, path, &s->level_percent[i + 1]))
			return -1;
		band = json_object_get(band, "band");
		if (json_array_size(band) != 2)
			goto bad_band;
		{
			const char *lo = json_string_value(json_array_get(band, 0)), *hi = json_string_value(json_array_get(band, 1));

			if (!lo || !hi || jx_dec_parse(lo, strlen(lo), &s->band_low[i + 1]) ||
			    jx_dec_parse(hi, strlen(hi), &s->band_high[i + 1]) ||
			    jx_dec_cmp(s->band_low[i + 1], s->band_high[i + 1]) > 0)
				goto bad_band;
		}
		continue;
bad_band:
		return jx_err_set(r->err, JX_EINPUT, "%s: %sscore.qualitative.%s.band 应为 [下限, 上限]，如 [\"60\", \"80\"]",
				  r->file, r->where, names[i]);
	}
	return 0;
}

static int grades(struct reading *r, json_t *conf, struct jx_eval_settings *s)
{
	json_t *g = at(conf, "score.grades"), *e;
	size_t i;

	if (!json_is_array(g) || json_array_size(g) == 0 || json_array_size(g) > JX_MAX_GRADES)
		goto bad;
	s->n_grades = 0;
	json_array_foreach(g, i, e) {
		const char *name = json_string_value(json_array_get(e, 0)), *from = json_string_value(json_array_get(e, 1));

		if (json_array_size(e) != 2 || !name || !from || strlen(name) >= JX_GRADE_MAX || !*name ||
		    jx_dec_parse(from, strlen(from), &s->grade_from[i]) ||
		    (i > 0 && jx_dec_cmp(s->grade_from[i], s->grade_from[i - 1]) >= 0))
			goto bad;
		snprintf(s->grade[i], JX_GRADE_MAX, "%s", name);
		s->n_grades++;
	}
	if (s->grade_from[s->n_grades - 1].coef != 0)
		goto bad;
	return 0;
bad:
	return jx_err_set(r->err, JX_EINPUT,
			  "%s: %sscore.grades 应为由高到低的 [等级, 起点分] 列表，最后一级从 \"0\" 起，如 [[\"优\", \"90\"], …, [\"差\", \"0\"]]",
			  r->file, r->where);
}

static int units(struct reading *r, json_t *conf, struct jx_eval_settings *s)
{
	json_t *u = at(conf, "monitor.prorated_units"), *v;
	size_t i;

	if (!json_is_array(u))
		return jx_err_set(r->err, JX_EINPUT, "%s: %smonitor.prorated_units 应为计量单位的列表", r->file, r->where);
	s->prorated = jx_calloc(json_array_size(u) + 1, sizeof(*s->prorated));
	json_array_foreach(u, i, v) {
		if (!json_is_string(v))
			return jx_err_set(r->err, JX_EINPUT, "%s: %smonitor.prorated_units 应为字符串的列表", r->file, r->where);
		s->prorated[s->n_prorated++] = jx_strdup(json_string_value(v));
	}
	return 0;
}

/* Sums the weights: they must make 100 points. */
static int weights_total(struct reading *r, const struct jx_eval_settings *s)
{
	struct jx_dec sum = { 0, 0 }, hundred = { 100, 0 };
	int i;

	for (i = 0; i < JX_N_GROUPS; i++)
		if (jx_dec_add(sum, s->weight[i], &sum))
			break;
	if (i < JX_N_GROUPS || jx_dec_cmp(sum, hundred) != 0)
		return jx_err_set(r->err, JX_EINPUT, "%s: %sscore.weights 之和应为 100 分", r->file, r->where);
	return 0;
}

/* Reads one year's settings from its resolved configuration. */
static int read_settings(struct reading *r, json_t *conf, struct jx_eval_settings *s)
{
	static const char *const top[] = { "score", "monitor", NULL };
	static const char *const score[] = { "weights", "equal_tolerance", "qualitative", "grades", "deviation",
					     "equal", "over_target", "missing_reason", "cap", NULL };
	static const char *const monitor[] = { "budget", "progress", "equal", "prorated_units", NULL };
	static const char *const weights[] = { "budget", "output", "effect", "satisfaction", NULL };
	static const struct {
		const char *path;
		size_t offset;
	} numbers[] = {
		{ "score.weights.budget", offsetof(struct jx_eval_settings, weight[JX_GROUP_BUDGET]) },
		{ "score.weights.output", offsetof(struct jx_eval_settings, weight[JX_GROUP_OUTPUT]) },
		{ "score.weights.effect", offsetof(struct jx_eval_settings, weight[JX_GROUP_EFFECT]) },
		{ "score.weights.satisfaction", offsetof(struct jx_eval_settings, weight[JX_GROUP_SATISFACTION]) },
		{ "score.equal_tolerance", offsetof(struct jx_eval_settings, equal_tolerance) },
		{ "score.deviation.below_points", offsetof(struct jx_eval_settings, deviation_below) },
		{ "score.deviation.above_target", offsetof(struct jx_eval_settings, deviation_above) },
		{ "monitor.budget.red", offsetof(struct jx_eval_settings, budget_red) },
		{ "monitor.budget.yellow", offsetof(struct jx_eval_settings, budget_yellow) },
		{ "monitor.progress.red", offsetof(struct jx_eval_settings, progress_red) },
		{ "monitor.progress.yellow", offsetof(struct jx_eval_settings, progress_yellow) },
		{ "monitor.progress.blue", offsetof(struct jx_eval_settings, progress_blue) },
		{ "monitor.equal.green", offsetof(struct jx_eval_settings, equal_green) },
		{ "monitor.equal.yellow", offsetof(struct jx_eval_settings, equal_yellow) },
		{ "score.over_target.deduct_percent", offsetof(struct jx_eval_settings, over_deduct) },
		{ "score.missing_reason.deduct_percent", offsetof(struct jx_eval_settings, missing_reason_deduct) },
		{ "score.cap.execution_below", offsetof(struct jx_eval_settings, cap_below) },
		{ "score.cap.total_max", offsetof(struct jx_eval_settings, cap_total) },
	};
	static const char *const one_field[] = { "deduct_percent", NULL };
	static const char *const cap[] = { "execution_below", "total_max", NULL };
	const char *equal = json_string_value(at(conf, "score.equal"));
	size_t i;

	if (only(r, conf, NULL, top) || only(r, conf, "score", score) || only(r, conf, "monitor", monitor) ||
	    only(r, conf, "score.weights", weights) || only(r, conf, "score.over_target", one_field) ||
	    only(r, conf, "score.missing_reason", one_field) || only(r, conf, "score.cap", cap))
		return -1;
	if (!equal || (strcmp(equal, "proportional") != 0 && strcmp(equal, "all_or_nothing") != 0))
		return jx_err_set(r->err, JX_EINPUT, "%s: %sscore.equal 应为 \"proportional\" 或 \"all_or_nothing\"",
				  r->file, r->where);
	s->equal_all_or_nothing = strcmp(equal, "all_or_nothing") == 0;
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (number(r, conf, numbers[i].path, (struct jx_dec *)((char *)s + numbers[i].offset)))
			return -1;
	if (jx_dec_cmp(s->over_deduct, (struct jx_dec){ 100, 0 }) > 0 ||
	    jx_dec_cmp(s->missing_reason_deduct, (struct jx_dec){ 100, 0 }) > 0)
		return jx_err_set(r->err, JX_EINPUT, "%s: %s扣分比例（deduct_percent）应在 0 到 100 之间", r->file, r->where);
	return weights_total(r, s) || levels(r, conf, s) || grades(r, conf, s) || units(r, conf, s) ? -1 : 0;
}

/* The built-in profile called name (its file name.json), or NULL. */
static const struct jx_asset *profile_asset(const char *name)
{
	const struct jx_asset *a;
	size_t n = strlen(name);

	for (a = &jx_assets_evaluation[1]; a->name; a++)
		if (strncmp(a->name, name, n) == 0 && strcmp(a->name + n, ".json") == 0)
			return a;
	return NULL;
}

/* The profiles there are, for a message: "national、strict、three-grades". */
static void profile_names(char *out, size_t size)
{
	const struct jx_asset *a;
	size_t len = (size_t)snprintf(out, size, "national");

	for (a = &jx_assets_evaluation[1]; a->name && len < size; a++)
		len += (size_t)snprintf(out + len, size - len, "、%.*s", (int)(strlen(a->name) - 5), a->name);
}

/* The configuration of a year (0: the base) under profile (NULL: the one the year names, if any):
 * national's, the profile's over it, then the year's own entries. A new object, or NULL with err set. */
static json_t *resolved_for(json_t *conf, int year, const char *profile, const char *file, struct jx_err *err)
{
	json_t *out = jx_config_year(conf, year), *prof, *base;
	const struct jx_asset *a;
	json_error_t je;
	char names[256];

	if (!profile)
		profile = json_string_value(json_object_get(out, "profile"));
	json_object_del(out, "profile");
	if (!profile || strcmp(profile, "national") == 0) {
		if (profile)
			json_object_set_new(out, "profile", json_string("national"));
		return out;
	}
	if (!(a = profile_asset(profile))) {
		profile_names(names, sizeof(names));
		json_decref(out);
		jx_err_set(err, JX_EINPUT, "%s: 没有名为“%s”的评价方案（有：%s）", file, profile, names);
		return NULL;
	}
	prof = json_loadb((const char *)a->data, a->len, JSON_REJECT_DUPLICATES, &je);
	json_object_del(prof, "comment");
	/* national (with the user's file), then the profile, then what the year itself says */
	base = jx_config_year(conf, 0);
	json_object_del(base, "profile");
	json_object_update_recursive(base, prof);
	if (year) {
		char key[16];
		json_t *entry;

		snprintf(key, sizeof(key), "%d", year);
		if ((entry = json_deep_copy(json_object_get(json_object_get(conf, "years"), key)))) {
			json_object_del(entry, "profile");
			json_object_update_recursive(base, entry);
			json_decref(entry);
		}
	}
	json_decref(prof);
	json_decref(out);
	json_object_set_new(base, "profile", json_string(profile));
	return base;
}

static void settings_free(struct jx_eval_settings *s)
{
	size_t i;

	for (i = 0; i < s->n_prorated; i++)
		free(s->prorated[i]);
	free(s->prorated);
}

int jx_eval_load(struct jx_eval **out, const char *path, struct jx_err *err)
{
	return jx_eval_load_profile(out, path, NULL, err);
}

/* Reads the settings of year from conf under profile into s: the profile's name kept apart. */
static int settings_for(struct reading *r, json_t *conf, int year, const char *profile, struct jx_eval_settings *s)
{
	json_t *resolved = resolved_for(conf, year, profile, r->file, r->err);
	const char *name;
	int rc;

	if (!resolved)
		return -1;
	name = json_string_value(json_object_get(resolved, "profile"));
	snprintf(s->profile, sizeof(s->profile), "%s", name ? name : "national");
	json_object_del(resolved, "profile");
	rc = read_settings(r, resolved, s);
	json_decref(resolved);
	return rc;
}

int jx_eval_load_profile(struct jx_eval **out, const char *path, const char *profile, struct jx_err *err)
{
	const struct jx_asset *a = &jx_assets_evaluation[0];
	struct jx_eval *ev = jx_calloc(1, sizeof(*ev));
	struct reading r = { path ? path : a->name, "", err };
	json_t *conf = NULL, *years, *entry;
	const char *k;
	int rc;

	rc = jx_config_load(a, path, "评价配置", &conf, err) || jx_config_check_years(conf, r.file, err);
	if (!rc) {
		years = json_object_get(conf, "years");
		ev->s = jx_calloc(json_object_size(years) + 1, sizeof(*ev->s));
		rc = settings_for(&r, conf, 0, profile, &ev->s[ev->n++]);
		json_object_foreach(years, k, entry) {
			struct jx_eval_settings *s = &ev->s[ev->n++];

			if (rc)
				break;
			s->year = atoi(k);
			snprintf(r.where, sizeof(r.where), "years.%s: ", k);
			rc = settings_for(&r, conf, s->year, profile, s);
		}
	}
	json_decref(conf);
	if (rc) {
		jx_eval_free(ev);
		return -1;
	}
	*out = ev;
	return 0;
}

void jx_eval_free(struct jx_eval *ev)
{
	size_t i;

	if (!ev)
		return;
	for (i = 0; i < ev->n; i++)
		settings_free(&ev->s[i]);
	free(ev->s);
	free(ev);
}

const struct jx_eval_settings *jx_eval_for_year(const struct jx_eval *ev, int year)
{
	size_t i;

	for (i = 1; i < ev->n; i++)
		if (ev->s[i].year == year)
			return &ev->s[i];
	return &ev->s[0];
}
