/*
 * cli.h — shared by the command groups of the jixiao command (one file per group).
 *
 * The command talks to people: it parses arguments, calls libjixiao, prints, and decides the exit
 * status: 0 success, 1 a negative answer (such as findings that block approval), 2 usage or input
 * errors and every other failure, 3 the store was busy (another writer held it) or its disk full:
 * nothing was changed and the same command may be run again later.
 */
#ifndef JIXIAO_CLI_H
#define JIXIAO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "jixiao/buf.h"
#include "jixiao/render.h"

struct jx_err;
struct jx_eval;
struct jx_review;
struct jx_store;

enum { EXIT_OK = 0, EXIT_NEGATIVE = 1, EXIT_FAIL = 2, EXIT_TEMPFAIL = 3 };

/* The name the history gives a command run without --user or $JIXIAO_USER. */
#define JX_CLI_USER "命令行"

struct cli {
	const char *db;           /* the store: --db, else $JIXIAO_DB, else ./jixiao.db */
	const char *user;         /* who acts: --user, else $JIXIAO_USER, else the OS user */
	const char *rules;        /* review configuration: --rules, else $JIXIAO_RULES, else built in */
	const char *evaluation;   /* evaluation settings: --evaluation, else $JIXIAO_EVALUATION, else built in */
	struct jx_store *st;      /* opened on first use by cli_store() */
	struct jx_review *review; /* loaded on first use by cli_review() */
	struct jx_eval *eval;     /* loaded on first use by cli_eval() */
	const char *profile;      /* the evaluation profile: --profile of score and monitor, else each year's */
};

/* Sets the defaults from the environment; cli_done() closes what was opened. */
void cli_init(struct cli *c);
void cli_done(struct cli *c);

/* Loads the review configuration (once) and returns it, or prints the error and returns NULL. */
struct jx_review *cli_review(struct cli *c);

/* Loads the evaluation settings (once) and returns them, or prints the error and returns NULL. */
struct jx_eval *cli_eval(struct cli *c);

struct command {
	const char *name;
	const char *summary; /* one line for the command list */
	const char *usage;   /* the full help text */
	int (*run)(struct cli *c, int argc, char **argv);
};

extern const struct command cmd_import, cmd_list, cmd_show, cmd_export, cmd_check, cmd_submit, cmd_approve,
	cmd_return, cmd_pass, cmd_history, cmd_publish, cmd_publications, cmd_mark, cmd_actuals, cmd_score, cmd_monitor,
	cmd_serve, cmd_user, cmd_backup, cmd_restore, cmd_verify, cmd_copy, cmd_library, cmd_suggest, cmd_new, cmd_unit, cmd_delete;

/* Opens the store (once; flags JX_STORE_*) and returns it, or prints the error and returns NULL. */
struct jx_store *cli_store(struct cli *c, unsigned flags);

/* Prints "jixiao: message" for err on stderr; returns EXIT_TEMPFAIL for a busy store or a full disk,
 * else EXIT_FAIL. */
int cli_fail(const struct jx_err *err);

/* Prints a usage error and the command's usage on stderr; returns EXIT_FAIL. */
int cli_usage(const struct command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses the options every command shares while walking argv with getopt: --db and --help. Returns 1
 * if opt was one of them (handled; *exit_code set to >= 0 if the command should stop with it), else 0. */
int cli_common_option(struct cli *c, const struct command *cmd, int opt, int *exit_code);

/* Long options every command accepts, to append to its own table (ends with the terminator). */
#define CLI_COMMON_LONGOPTS { "db", required_argument, NULL, 'D' }, { "user", required_argument, NULL, 'U' }, \
	{ "rules", required_argument, NULL, 'R' }, { "evaluation", required_argument, NULL, 'E' },                 \
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }

/* Loads the project ref names (in year, if not 0): as it stands, or as last approved. *out is a new
 * project the caller frees. */
int cli_load(struct jx_store *st, const char *ref, int year, bool approved, struct jx_project **out,
	     struct jx_err *err);

/* Parses a year for --year; returns -1 (after printing) if it is not one. */
int cli_year(const struct command *cmd, const char *s, int *year);

/* Writes buf to f and empties it; returns -1 on a write error. */
int cli_flush(struct jx_buf *buf, FILE *f);

/* Streams projects through a renderer to a file. */
struct cli_out {
	struct jx_render rd;
	struct jx_buf buf;
	FILE *f;
};

void cli_out_begin(struct cli_out *w, const struct jx_renderer *r, FILE *f, int width);
/* Renders one project; has the shape of a jx_store_each() callback (ctx is the cli_out). */
int cli_out_project(void *ctx, struct jx_project *p, struct jx_err *err);
/* Finishes the output — without its ending if failed, so that an interrupted JSON export never reads
 * as complete — and returns -1 (err set) if writing failed at any point. */
int cli_out_end(struct cli_out *w, bool failed, struct jx_err *err);

/* An output file: -o PATH is written to a temporary file beside PATH, renamed into place only when
 * complete, so that a failed command never leaves a truncated file; no path (or "-") is stdout. A
 * symbolic link is written through (its file replaced, the link kept); what is not a regular file (a
 * device, a pipe) is written directly. */
struct cli_file {
	FILE *f;          /* where to write */
	char *tmp;        /* the temporary file, when writing to a path */
	const char *path; /* the path, or NULL */
	char *target;     /* the file tmp replaces: path, or what its link names */
	bool direct;      /* writing to path itself (not a regular file) */
};

int cli_file_open(struct cli_file *t, const char *path, struct jx_err *err);
/* Closes the file: renames it into place if ok, else removes it. */
int cli_file_close(struct cli_file *t, bool ok, struct jx_err *err);

/* Columns of the terminal on stdout, or 0 if it is not one. */
int cli_columns(void);

#endif
