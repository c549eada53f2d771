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
 *   department  a 主管部门's reviewer: reads the tables of the units whose 主管部门 (unit.h) is its unit,
 *               and of its unit itself, passes them on to finance (JX_ACT_PASS) or returns them, and
 *               has a review queue; every other table does not exist for it (JX_ENOTFOUND), and
 *               writing, approving, actuals and publishing are not its to do (JX_EFORBIDDEN). Which
 *               units it oversees is the account's (jx_account_oversee), as the registry says
 *   admin       reads every table; manages accounts and the registry of budget units (finance reads it)
 * A denial's error says why in Chinese; the HTTP status follows from its code (401, 403, 404, 409).
 *
 * Fields: writing a table sets its content; three fields are rights of their own, refused (403, naming
 * the field) when a caller without the right would change them, never dropped silently:
 *
 *   field            unit   finance   department   admin   command line (no account)
 *   content          yes    no        no           no      yes   (the unit's own tables, while draft or returned)
 *   key 重点         no     yes       no           no      yes   (jixiao mark)
 *   classified 涉密  no     yes       no           no      yes
 *   status           no     no        no           no      —     (only the workflow moves a table: submit
 *                                                                 is the unit's, pass the 主管部门's,
 *                                                                 approve finance's, return both's)
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
	JX_ACT_LOG,      /* the bureau's log of every table's history (操作日志): no project */
	JX_ACT_UNITS,    /* changing the registry of budget units (单位库, unit.h): admin; no project */
	JX_ACT_UNIT_LIST, /* reading the registry: admin and finance; no project */
	JX_ACT_PASS,     /* the 主管部门's review passed: on to finance (workflow.h) */
	JX_ACT_LIBRARY,  /* curating the indicator library (指标库, library.h): finance; no project */
};

/* Decides whether who (NULL: an anonymous caller) may act on p (NULL for acts on no project).
 * published: p is in a publication (what anonymous callers may read). Returns 0 if allowed, else -1
 * with err saying why (codes above). */
int jx_access(const struct jx_account *who, enum jx_act act, const struct jx_project *p, bool published,
	      struct jx_err *err);

/* The fields of a table whose setting is decided apart (see the table above). */
enum jx_field {
	JX_FIELD_CONTENT,    /* name, unit, funds, goals, indicators, optional fields */
	JX_FIELD_KEY,        /* 重点项目 */
	JX_FIELD_CLASSIFIED, /* 涉密项目 */
	JX_FIELD_STATUS,     /* draft, submitted, approved, returned */
};

/* Whether who (NULL: the command line's operator, who holds the whole store) may set field by
 * writing a table. */
bool jx_may_set(const struct jx_account *who, enum jx_field field);

/* Checks a table who writes, p, against the table as stored, old (NULL: p is new, and the flags are
 * then measured against false and the status against draft): each of key, classified and status that
 * p states (p->given) and that differs is a change who must have the right to make. Returns 0, or -1
 * with err JX_EFORBIDDEN naming the field. who NULL: the operator, refused nothing (an import does not
 * take a stated status: import.h). */
int jx_access_fields(const struct jx_account *who, const struct jx_project *old, const struct jx_project *p,
		     struct jx_err *err);

#endif
