/*
 * config.c — built-in configurations with a user's file and per-year entries over them. See config.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/asset.h"
#include "jixiao/config.h"
#include "jixiao/err.h"

static json_t *parse(const char *text, size_t len, const char *file, const char *what, struct jx_err *err)
{
	json_error_t je;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);

	if (!j) {
		jx_err_set(err, JX_EINPUT, "%s:%d: %s不是有效的 JSON: %s", file, je.line, what, je.text);
	} else if (!json_is_object(j)) {
		json_decref(j);
		j = NULL;
		jx_err_set(err, JX_EINPUT, "%s: %s的顶层应为 JSON 对象", file, what);
	}
	return j;
}

int jx_config_load(const struct jx_asset *a, const char *path, const char *what, json_t **out, struct jx_err *err)
{
	json_t *conf = parse((const char *)a->data, a->len, a->name, what, err), *user = NULL;
	json_error_t je;
	int rc = conf ? 0 : -1;

	if (!rc && path) {
		user = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
		if (!user && json_error_code(&je) == json_error_cannot_open_file)
			rc = jx_err_set(err, JX_EIO, "%s: 无法打开%s", path, what);
		else if (!user)
			rc = jx_err_set(err, JX_EINPUT, "%s:%d: %s不是有效的 JSON: %s", path, je.line, what, je.text);
		else if (!json_is_object(user))
			rc = jx_err_set(err, JX_EINPUT, "%s: %s的顶层应为 JSON 对象", path, what);
		else if (json_object_update_recursive(conf, user))
			rc = jx_err_set(err, JX_EINPUT, "%s: 无法合并%s", path, what);
	}
	json_decref(user);
	if (rc) {
		json_decref(conf);
		return -1;
	}
	*out = conf;
	return 0;
}

int jx_config_check_years(json_t *conf, const char *file, struct jx_err *err)
{
	json_t *years = json_object_get(conf, "years"), *entry;
	const char *k;

	if (years && !json_is_object(years))
		return jx_err_set(err, JX_EINPUT, "%s: years 应为 JSON 对象", file);
	json_object_foreach(years, k, entry) {
		if (strlen(k) != 4 || strspn(k, "0123456789") != 4 || atoi(k) < 1949)
			return jx_err_set(err, JX_EINPUT, "%s: years 中的“%s”不是四位数的年份", file, k);
		if (!json_is_object(entry))
			return jx_err_set(err, JX_EINPUT, "%s: years.%s 应为对象", file, k);
	}
	return 0;
}

json_t *jx_config_year(json_t *conf, int year)
{
	json_t *out = json_deep_copy(conf), *entry;
	char key[16];

	snprintf(key, sizeof(key), "%d", year);
	entry = json_object_get(json_object_get(conf, "years"), key);
	json_object_del(out, "years");
	json_object_del(out, "comment");
	if (entry)
		json_object_update_recursive(out, entry);
	return out;
}
