/*
 * config.h — configurations that are data: a built-in JSON file (compiled in, see asset.h) with a
 * user's file of the same form merged over it, and entries per budget year under "years".
 *
 * The review rules (review.h) and the evaluation settings (score.h) are read this way.
 */
#ifndef JIXIAO_CONFIG_H
#define JIXIAO_CONFIG_H

#include <jansson.h>

struct jx_asset;
struct jx_err;

/* Loads the built-in configuration a, with path's entries merged over it (objects member by member)
 * if path is not NULL. what names the configuration in messages (审核规则配置). *out is a new JSON
 * object the caller json_decref()s. Errors name the file and line. */
int jx_config_load(const struct jx_asset *a, const char *path, const char *what, json_t **out, struct jx_err *err);

/* Checks that every key of conf's "years" is a four-digit year and its entry an object. file names
 * the configuration in messages. */
int jx_config_check_years(json_t *conf, const char *file, struct jx_err *err);

/* The configuration in force for year: conf without "years" and "comment", with the entry for year
 * (if any) merged over it. Returns a new object. */
json_t *jx_config_year(json_t *conf, int year);

#endif
