/*
 * access.h — who may do what: the one place the web system asks before it reads or changes anything.
 *
 *   anonymous   reads published tables that are not classified; anything else about a project is as if
 *               it did not exist (JX_ENOTFOUND), and every change needs a login (JX_EAUTH)
 *   unit        reads, creates, changes and submits its own unit's tables, and records their actuals;
 *               changes them only while draft or returned (JX_ECONFLICT otherwise); another unit's
 *               tables do not exist for it (JX_ENOTFOUND); review and publishing are not its to do
 *               (JX_EFORBIDDEN)
 *   finance     reads every table; approves, returns and publishes; records actuals
 *   admin       reads every table; manages accounts
 * A denial's error says why in Chinese; the HTTP status follows from its code (401, 403, 404, 409).
 */
#ifndef JIXIAO_ACCESS_H
#define JIXIAO_ACCESS_H

#include <stdbool.h>

struct jx_account;
struct jx_err;
struct jx_project;

enum jx_act {
	JX_ACT_READ,     /* a project's table, as it stands (or, for anonymous callers, as published) */
	JX_ACT_INSIDE,   /* what is not published: review findings, history, actuals */
	JX_ACT_CREATE,   /* a new table (p: the table to be created) */
	JX_ACT_EDIT,     /* replacing a table */
	JX_ACT_SUBMIT,
	JX_ACT_APPROVE,
	JX_ACT_RETURN,
	JX_ACT_ACTUALS,  /* recording actuals */
	JX_ACT_PUBLISH,  /* no project */
	JX_ACT_REVIEW,   /* the review queue: no project */
	JX_ACT_ACCOUNTS, /* managing accounts: no project */
};

/* Decides whether who (NULL: an anonymous caller) may act on p (NULL for acts on no project).
 * published: p is in a publication (what anonymous callers may read). Returns 0 if allowed, else -1
 * with err saying why (codes above). */
int jx_access(const struct jx_account *who, enum jx_act act, const struct jx_project *p, bool published,
	      struct jx_err *err);

#endif
