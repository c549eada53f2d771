/*
 * test_access.c — who may do what (access.h), case by case: every denial in the table with its code
 * and message, and what each caller is allowed. No store: the rules are decided on the account and the
 * project alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/account.h"
#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/model.h"

#define EDUCATION "博湖县教育局"
#define CIVIL "博湖县民政局"

static const struct jx_account admin = { .name = "root", .role = JX_ROLE_ADMIN };
static const struct jx_account finance = { .name = "李四", .role = JX_ROLE_FINANCE };
static const struct jx_account school = { .name = "张三", .role = JX_ROLE_UNIT, .unit = EDUCATION };
#define DEPT "博湖县教育主管局"
static char *overseen[] = { EDUCATION };
/* the reviewer of the 主管部门 of the education bureau (its registry's parent) */
static const struct jx_account reviewer = { .name = "王主任", .role = JX_ROLE_DEPARTMENT, .unit = DEPT,
					    .oversees = overseen, .n_oversees = 1 };

/* Every act, to walk them all. */
static const enum jx_act acts_on_projects[] = { JX_ACT_READ,	JX_ACT_INSIDE, JX_ACT_CREATE, JX_ACT_EDIT,
						JX_ACT_SUBMIT,	JX_ACT_APPROVE, JX_ACT_RETURN, JX_ACT_ACTUALS };
static const enum jx_act acts_on_none[] = { JX_ACT_PUBLISH, JX_ACT_REVIEW, JX_ACT_ACCOUNTS, JX_ACT_LOG };

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A table of unit, in status, classified or not. The caller frees it. */
static struct jx_project *table(const char *unit, enum jx_status status, bool classified)
{
	struct jx_project *p = jx_project_new();

	free(p->name);
	free(p->unit);
	p->name = jx_strdup("博湖县2021年建档立卡困难家庭教育项目");
	p->unit = jx_strdup(unit);
	p->id = 2;
	p->year = 2021;
	p->status = status;
	p->classified = classified;
	return p;
}

static void allowed(const struct jx_account *who, enum jx_act act, const struct jx_project *p, bool published)
{
	struct jx_err err = { 0 };

	if (jx_access(who, act, p, published, &err))
		fail_msg("act %d refused to %s: %s", (int)act, who ? who->name : "anonymous", err.msg);
	assert_int_equal(err.code, JX_OK); /* left untouched */
	assert_string_equal(err.msg, "");
}

static void fields_refused(const struct jx_account *who, const struct jx_project *old, const struct jx_project *p,
			   const char *msg);

static void denied(const struct jx_account *who, enum jx_act act, const struct jx_project *p, bool published,
		   enum jx_code code, const char *msg)
{
	struct jx_err err = { 0 };

	if (jx_access(who, act, p, published, &err) == 0)
		fail_msg("act %d allowed to %s", (int)act, who ? who->name : "anonymous");
	if (err.code != code || strcmp(err.msg, msg) != 0)
		fail_msg("act %d for %s: code %d “%s”, expected %d “%s”", (int)act, who ? who->name : "anonymous",
			 (int)err.code, err.msg, (int)code, msg);
}

/* A NULL err is allowed: the caller then only learns the answer. */
static void test_err_may_be_null(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_DRAFT, false);

	(void)state;
	assert_int_equal(jx_access(NULL, JX_ACT_READ, p, false, NULL), -1);
	assert_int_equal(jx_access(&finance, JX_ACT_READ, p, false, NULL), 0);
	jx_project_free(p);
}

/* ---- anonymous ---- */

static void test_anonymous_reads_what_is_published(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_APPROVED, false);

	(void)state;
	allowed(NULL, JX_ACT_READ, p, true);
	jx_project_free(p);
}

static void test_anonymous_unpublished_is_missing(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_APPROVED, false);

	(void)state;
	denied(NULL, JX_ACT_READ, p, false, JX_ENOTFOUND, "没有这个项目");
	jx_project_free(p);
}

static void test_anonymous_classified_is_missing_even_if_published(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_APPROVED, true);

	(void)state;
	denied(NULL, JX_ACT_READ, p, true, JX_ENOTFOUND, "没有这个项目");
	denied(NULL, JX_ACT_READ, p, false, JX_ENOTFOUND, "没有这个项目");
	jx_project_free(p);
}

/* A project that does not exist answers exactly as one that is not published: nothing is learnt by
 * probing ids. */
static void test_anonymous_missing_as_unpublished(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_APPROVED, false);
	struct jx_err hidden = { 0 }, none = { 0 };

	(void)state;
	assert_int_equal(jx_access(NULL, JX_ACT_READ, p, false, &hidden), -1);
	assert_int_equal(jx_access(NULL, JX_ACT_READ, NULL, false, &none), -1);
	assert_int_equal(none.code, hidden.code);
	assert_string_equal(none.msg, hidden.msg);
	jx_project_free(p);
}

/* What can be seen may be asked about only after logging in. */
static void test_anonymous_needs_login_for_a_published_project(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_APPROVED, false);
	size_t i;

	(void)state;
	for (i = 0; i < N(acts_on_projects); i++)
		if (acts_on_projects[i] != JX_ACT_READ)
			denied(NULL, acts_on_projects[i], p, true, JX_EAUTH, "请先登录");
	jx_project_free(p);
}

/* What cannot be seen cannot be asked about either: not found, not "log in". */
static void test_anonymous_hidden_project_stays_missing(void **state)
{
	struct jx_project *draft = table(EDUCATION, JX_DRAFT, false), *secret = table(EDUCATION, JX_APPROVED, true);
	size_t i;

	(void)state;
	for (i = 0; i < N(acts_on_projects); i++) {
		if (acts_on_projects[i] == JX_ACT_CREATE)
			continue; /* below */
		denied(NULL, acts_on_projects[i], draft, false, JX_ENOTFOUND, "没有这个项目");
		denied(NULL, acts_on_projects[i], secret, true, JX_ENOTFOUND, "没有这个项目");
		denied(NULL, acts_on_projects[i], NULL, false, acts_on_projects[i] == JX_ACT_READ ? JX_ENOTFOUND : JX_EAUTH,
		       acts_on_projects[i] == JX_ACT_READ ? "没有这个项目" : "请先登录");
	}
	/* creating a table is not asking about a hidden one: it needs a login (401, not 404) */
	denied(NULL, JX_ACT_CREATE, draft, false, JX_EAUTH, "请先登录");
	/* a unit asked to edit no project at all is told there is none, not crashed */
	{
		struct jx_account u = { .name = "u", .role = JX_ROLE_UNIT, .unit = EDUCATION };

		denied(&u, JX_ACT_EDIT, NULL, false, JX_ENOTFOUND, "没有这个项目");
	}
	jx_project_free(draft);
	jx_project_free(secret);
}

static void test_anonymous_needs_login_for_the_rest(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(acts_on_none); i++)
		denied(NULL, acts_on_none[i], NULL, false, JX_EAUTH, "请先登录");
}

/* ---- unit ---- */

static void test_unit_works_on_its_own_tables(void **state)
{
	static const enum jx_status all[] = { JX_DRAFT, JX_SUBMITTED, JX_APPROVED, JX_RETURNED };
	size_t i;

	(void)state;
	for (i = 0; i < N(all); i++) {
		struct jx_project *p = table(EDUCATION, all[i], i % 2 == 1); /* classified or not: its own */

		allowed(&school, JX_ACT_READ, p, false);
		allowed(&school, JX_ACT_INSIDE, p, false);
		allowed(&school, JX_ACT_CREATE, p, false);
		allowed(&school, JX_ACT_SUBMIT, p, false); /* whether the state allows it is the workflow's */
		allowed(&school, JX_ACT_ACTUALS, p, false);
		jx_project_free(p);
	}
}

static void test_unit_edits_drafts_and_returned_tables(void **state)
{
	struct jx_project *draft = table(EDUCATION, JX_DRAFT, false), *returned = table(EDUCATION, JX_RETURNED, false);

	(void)state;
	allowed(&school, JX_ACT_EDIT, draft, false);
	allowed(&school, JX_ACT_EDIT, returned, false);
	jx_project_free(draft);
	jx_project_free(returned);
}

static void test_unit_cannot_edit_while_submitted_or_approved(void **state)
{
	struct jx_project *submitted = table(EDUCATION, JX_SUBMITTED, false), *approved = table(EDUCATION, JX_APPROVED, false);

	(void)state;
	denied(&school, JX_ACT_EDIT, submitted, false, JX_ECONFLICT,
	       "项目“博湖县2021年建档立卡困难家庭教育项目”已提交，只有草稿或已退回的表可以修改");
	denied(&school, JX_ACT_EDIT, approved, true, JX_ECONFLICT,
	       "项目“博湖县2021年建档立卡困难家庭教育项目”已批准，只有草稿或已退回的表可以修改");
	jx_project_free(submitted);
	jx_project_free(approved);
}

/* Another unit's tables do not exist for it, published or not, whatever it asks. */
static void test_unit_other_units_tables_are_missing(void **state)
{
	struct jx_project *p = table(CIVIL, JX_DRAFT, false);
	size_t i;

	(void)state;
	for (i = 0; i < N(acts_on_projects); i++)
		if (acts_on_projects[i] != JX_ACT_CREATE) {
			denied(&school, acts_on_projects[i], p, false, JX_ENOTFOUND, "没有这个项目");
			denied(&school, acts_on_projects[i], p, true, JX_ENOTFOUND, "没有这个项目");
		}
	jx_project_free(p);
}

static void test_unit_creates_only_for_itself(void **state)
{
	struct jx_project *p = table(CIVIL, JX_DRAFT, false);

	(void)state;
	denied(&school, JX_ACT_CREATE, p, false, JX_EFORBIDDEN, "单位账户只能为本单位（博湖县教育局）编制绩效目标表");
	jx_project_free(p);
}

static void test_unit_neither_reviews_nor_publishes(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_SUBMITTED, false);

	(void)state;
	denied(&school, JX_ACT_APPROVE, p, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	denied(&school, JX_ACT_RETURN, p, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	denied(&school, JX_ACT_PUBLISH, NULL, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	denied(&school, JX_ACT_REVIEW, NULL, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	denied(&school, JX_ACT_ACCOUNTS, NULL, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	jx_project_free(p);
}

/* ---- department (主管部门) ---- */

/* It reads, passes and returns the tables of the units it oversees, and its own unit's, in every state. */
static void test_department_reviews_its_units_tables(void **state)
{
	static const enum jx_act acts[] = { JX_ACT_READ, JX_ACT_INSIDE, JX_ACT_PASS, JX_ACT_RETURN };
	const char *units[] = { EDUCATION, DEPT };
	size_t i, u;

	(void)state;
	for (u = 0; u < N(units); u++)
		for (int s = JX_DRAFT; s < JX_STATUS_COUNT; s++) {
			struct jx_project *p = table(units[u], (enum jx_status)s, s == JX_APPROVED);

			for (i = 0; i < N(acts); i++)
				allowed(&reviewer, acts[i], p, false);
			jx_project_free(p);
		}
	allowed(&reviewer, JX_ACT_REVIEW, NULL, false);
}

/* Another unit's table does not exist for it, whatever it asks, published or not. */
static void test_department_other_tables_are_missing(void **state)
{
	struct jx_project *p = table(CIVIL, JX_SUBMITTED, false);
	size_t i;

	(void)state;
	for (i = 0; i < N(acts_on_projects); i++)
		if (acts_on_projects[i] != JX_ACT_CREATE) {
			denied(&reviewer, acts_on_projects[i], p, false, JX_ENOTFOUND, "没有这个项目");
			denied(&reviewer, acts_on_projects[i], p, true, JX_ENOTFOUND, "没有这个项目");
		}
	denied(&reviewer, JX_ACT_PASS, p, false, JX_ENOTFOUND, "没有这个项目");
	jx_project_free(p);
}

/* Without the list of what it oversees (no session loaded it), only its own unit's tables are its. */
static void test_department_without_its_list_has_its_own_unit_alone(void **state)
{
	struct jx_account bare = reviewer;
	struct jx_project *p = table(EDUCATION, JX_SUBMITTED, false), *own = table(DEPT, JX_SUBMITTED, false);

	(void)state;
	bare.oversees = NULL;
	bare.n_oversees = 0;
	denied(&bare, JX_ACT_READ, p, false, JX_ENOTFOUND, "没有这个项目");
	allowed(&bare, JX_ACT_READ, own, false);
	jx_project_free(p);
	jx_project_free(own);
}

/* It neither writes nor approves, records actuals, publishes, reads the log or keeps accounts and units. */
static void test_department_does_nothing_else(void **state)
{
	static const enum jx_act acts[] = { JX_ACT_CREATE, JX_ACT_EDIT, JX_ACT_SUBMIT, JX_ACT_APPROVE, JX_ACT_ACTUALS };
	static const enum jx_act none[] = { JX_ACT_PUBLISH, JX_ACT_ACCOUNTS, JX_ACT_LOG, JX_ACT_UNITS, JX_ACT_UNIT_LIST };
	struct jx_project *p = table(EDUCATION, JX_SUBMITTED, false), *other = table(CIVIL, JX_DRAFT, false);
	size_t i;

	(void)state;
	for (i = 0; i < N(acts); i++)
		denied(&reviewer, acts[i], p, false, JX_EFORBIDDEN, "主管部门账户不能进行这项操作");
	for (i = 0; i < N(none); i++)
		denied(&reviewer, none[i], NULL, false, JX_EFORBIDDEN, "主管部门账户不能进行这项操作");
	/* creating is refused as such, whoever's the table would be */
	denied(&reviewer, JX_ACT_CREATE, other, false, JX_EFORBIDDEN, "主管部门账户不能进行这项操作");
	jx_project_free(p);
	jx_project_free(other);
}

/* The 主管部门's pass is no one else's: not a unit's, nor finance's, nor the admin's. */
static void test_pass_is_the_departments_alone(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_SUBMITTED, false);

	(void)state;
	denied(&school, JX_ACT_PASS, p, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	denied(&finance, JX_ACT_PASS, p, false, JX_EFORBIDDEN, "财政账户不能进行这项操作");
	denied(&admin, JX_ACT_PASS, p, false, JX_EFORBIDDEN, "管理员账户不能进行这项操作");
	denied(NULL, JX_ACT_PASS, p, false, JX_ENOTFOUND, "没有这个项目");
	jx_project_free(p);
}

static void test_department_sets_no_field(void **state)
{
	struct jx_project *p = table(EDUCATION, JX_SUBMITTED, false);

	(void)state;
	assert_false(jx_may_set(&reviewer, JX_FIELD_CONTENT));
	assert_false(jx_may_set(&reviewer, JX_FIELD_KEY));
	assert_false(jx_may_set(&reviewer, JX_FIELD_CLASSIFIED));
	assert_false(jx_may_set(&reviewer, JX_FIELD_STATUS));
	fields_refused(&reviewer, p, p, "主管部门账户不能编制或修改绩效目标表");
	jx_project_free(p);
}

/* ---- finance ---- */

static void test_finance_reads_every_table(void **state)
{
	struct jx_project *p = table(CIVIL, JX_DRAFT, true);

	(void)state;
	allowed(&finance, JX_ACT_READ, p, false);
	allowed(&finance, JX_ACT_INSIDE, p, false);
	jx_project_free(p);
}

static void test_finance_reviews_publishes_and_records_actuals(void **state)
{
	struct jx_project *p = table(CIVIL, JX_SUBMITTED, false);

	(void)state;
	allowed(&finance, JX_ACT_APPROVE, p, false);
	allowed(&finance, JX_ACT_RETURN, p, false);
	allowed(&finance, JX_ACT_ACTUALS, p, false);
	allowed(&finance, JX_ACT_PUBLISH, NULL, false);
	allowed(&finance, JX_ACT_REVIEW, NULL, false);
	jx_project_free(p);
}

/* Finance returns a table with its reason; it does not write, change or submit units' tables. */
static void test_finance_does_not_write_tables(void **state)
{
	struct jx_project *p = table(CIVIL, JX_DRAFT, false);

	(void)state;
	denied(&finance, JX_ACT_CREATE, p, false, JX_EFORBIDDEN, "财政账户不能进行这项操作");
	denied(&finance, JX_ACT_EDIT, p, false, JX_EFORBIDDEN, "财政账户不能进行这项操作");
	denied(&finance, JX_ACT_SUBMIT, p, false, JX_EFORBIDDEN, "财政账户不能进行这项操作");
	jx_project_free(p);
}

static void test_finance_does_not_manage_accounts(void **state)
{
	(void)state;
	denied(&finance, JX_ACT_ACCOUNTS, NULL, false, JX_EFORBIDDEN, "财政账户不能进行这项操作");
}

/* ---- admin ---- */

static void test_admin_reads_and_manages_accounts(void **state)
{
	struct jx_project *p = table(CIVIL, JX_SUBMITTED, true);

	(void)state;
	allowed(&admin, JX_ACT_READ, p, false);
	allowed(&admin, JX_ACT_INSIDE, p, false);
	allowed(&admin, JX_ACT_ACCOUNTS, NULL, false);
	allowed(&admin, JX_ACT_LOG, NULL, false);
	jx_project_free(p);
}

/* The bureau's log is finance's and admin's: a unit sees only its own tables' history. */
static void test_log_is_finance_and_admin(void **state)
{
	(void)state;
	allowed(&finance, JX_ACT_LOG, NULL, false);
	allowed(&admin, JX_ACT_LOG, NULL, false);
	denied(&school, JX_ACT_LOG, NULL, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	denied(NULL, JX_ACT_LOG, NULL, false, JX_EAUTH, "请先登录");
}

/* Curating the indicator library (/library's forms): finance alone; every account reads it. */
static void test_library_is_finances_to_curate(void **state)
{
	(void)state;
	allowed(&finance, JX_ACT_LIBRARY, NULL, false);
	denied(&school, JX_ACT_LIBRARY, NULL, false, JX_EFORBIDDEN, "单位账户不能进行这项操作");
	denied(&reviewer, JX_ACT_LIBRARY, NULL, false, JX_EFORBIDDEN, "主管部门账户不能进行这项操作");
	denied(&admin, JX_ACT_LIBRARY, NULL, false, JX_EFORBIDDEN, "管理员账户不能进行这项操作");
	denied(NULL, JX_ACT_LIBRARY, NULL, false, JX_EAUTH, "请先登录");
}

static void test_admin_does_nothing_else(void **state)
{
	struct jx_project *p = table(CIVIL, JX_SUBMITTED, false);
	size_t i;

	(void)state;
	for (i = 0; i < N(acts_on_projects); i++)
		if (acts_on_projects[i] != JX_ACT_READ && acts_on_projects[i] != JX_ACT_INSIDE)
			denied(&admin, acts_on_projects[i], p, false, JX_EFORBIDDEN, "管理员账户不能进行这项操作");
	denied(&admin, JX_ACT_PUBLISH, NULL, false, JX_EFORBIDDEN, "管理员账户不能进行这项操作");
	denied(&admin, JX_ACT_REVIEW, NULL, false, JX_EFORBIDDEN, "管理员账户不能进行这项操作");
	jx_project_free(p);
}

/* ---- disabled accounts ---- */

/* A disabled account can do nothing at all, not even what anonymous callers may. */
static void test_disabled_account_is_refused_everything(void **state)
{
	const struct jx_account *const roles[] = { &admin, &finance, &school };
	struct jx_project *p = table(EDUCATION, JX_APPROVED, false);
	size_t r, i;

	(void)state;
	for (r = 0; r < N(roles); r++) {
		struct jx_account off = *roles[r];

		off.disabled = true;
		for (i = 0; i < N(acts_on_projects); i++)
			denied(&off, acts_on_projects[i], p, true, JX_EAUTH, "账户已停用");
		for (i = 0; i < N(acts_on_none); i++)
			denied(&off, acts_on_none[i], NULL, false, JX_EAUTH, "账户已停用");
	}
	jx_project_free(p);
}

/* ---- fields: who may set what by writing a table ---- */

/* The rights table of access.h, row by row: content, key, classified, status for admin, finance, unit
 * and the operator (NULL). */
static void test_field_rights_table(void **state)
{
	static const struct {
		enum jx_field field;
		bool admin, finance, unit, operator;
	} rows[] = {
		{ JX_FIELD_CONTENT, false, false, true, true },
		{ JX_FIELD_KEY, false, true, false, true },
		{ JX_FIELD_CLASSIFIED, false, true, false, true },
		{ JX_FIELD_STATUS, false, false, false, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		assert_int_equal(jx_may_set(&admin, rows[i].field), rows[i].admin);
		assert_int_equal(jx_may_set(&finance, rows[i].field), rows[i].finance);
		assert_int_equal(jx_may_set(&school, rows[i].field), rows[i].unit);
		assert_int_equal(jx_may_set(NULL, rows[i].field), rows[i].operator);
	}
}

/* A table as sent: p with the fields stated (JX_GIVEN_*) set to the values given. */
static struct jx_project *sent(unsigned given, bool key, bool classified, enum jx_status status)
{
	struct jx_project *p = table(EDUCATION, status, classified);

	p->key = key;
	p->given = given;
	return p;
}

static void fields_ok(const struct jx_account *who, const struct jx_project *old, const struct jx_project *p)
{
	struct jx_err err = { 0 };

	if (jx_access_fields(who, old, p, &err))
		fail_msg("refused to %s: %s", who ? who->name : "the operator", err.msg);
	assert_int_equal(err.code, JX_OK);
}

static void fields_refused(const struct jx_account *who, const struct jx_project *old, const struct jx_project *p,
			   const char *msg)
{
	struct jx_err err = { 0 };

	if (jx_access_fields(who, old, p, &err) == 0)
		fail_msg("allowed to %s", who ? who->name : "the operator");
	assert_int_equal(err.code, JX_EFORBIDDEN);
	assert_string_equal(err.msg, msg);
}

/* A unit account may state neither flag nor a status other than the table's: refused, naming the
 * field — on a new table (measured against false and draft) and over a stored one. */
static void test_unit_may_not_set_flags_or_status(void **state)
{
	struct jx_project *old = table(EDUCATION, JX_RETURNED, false), *p;

	(void)state;
	p = sent(JX_GIVEN_CLASSIFIED, false, true, JX_DRAFT);
	fields_refused(&school, NULL, p, "单位账户不能设置涉密项目（classified）：这一标记由财政部门设置");
	fields_refused(&school, old, p, "单位账户不能设置涉密项目（classified）：这一标记由财政部门设置");
	jx_project_free(p);
	p = sent(JX_GIVEN_KEY, true, false, JX_DRAFT);
	fields_refused(&school, NULL, p, "单位账户不能设置重点项目（key）：这一标记由财政部门设置");
	fields_refused(&school, old, p, "单位账户不能设置重点项目（key）：这一标记由财政部门设置");
	jx_project_free(p);
	p = sent(JX_GIVEN_STATUS, false, false, JX_APPROVED);
	fields_refused(&school, NULL, p, "不能直接设置状态（status）：只能通过提交、批准或退回改变");
	fields_refused(&school, old, p, "不能直接设置状态（status）：只能通过提交、批准或退回改变");
	jx_project_free(p);
	p = sent(JX_GIVEN_STATUS, false, false, JX_SUBMITTED);
	fields_refused(&school, old, p, "不能直接设置状态（status）：只能通过提交、批准或退回改变");
	jx_project_free(p);
	jx_project_free(old);
}

/* Stating what the table already has is no change: a table read back (GET) and sent again passes. */
static void test_unit_may_restate_unchanged_fields(void **state)
{
	struct jx_project *old = table(EDUCATION, JX_RETURNED, false), *p;
	unsigned all = JX_GIVEN_KEY | JX_GIVEN_CLASSIFIED | JX_GIVEN_STATUS;

	(void)state;
	p = sent(all, false, false, JX_DRAFT);
	fields_ok(&school, NULL, p);
	jx_project_free(p);
	p = sent(all, false, false, JX_RETURNED);
	fields_ok(&school, old, p);
	jx_project_free(p);
	old->key = true; /* marked key by finance: the unit's edit keeps the mark */
	p = sent(all, true, false, JX_RETURNED);
	fields_ok(&school, old, p);
	p->key = false; /* and may not remove it */
	fields_refused(&school, old, p, "单位账户不能设置重点项目（key）：这一标记由财政部门设置");
	jx_project_free(p);
	p = sent(0, true, true, JX_APPROVED); /* not stated: nothing to decide (the stored values are kept) */
	fields_ok(&school, old, p);
	jx_project_free(p);
	jx_project_free(old);
}

/* Finance and admin write no tables at all; finance's flags go through jixiao mark, not a table. */
static void test_finance_and_admin_write_no_content(void **state)
{
	struct jx_project *p = sent(JX_GIVEN_KEY, true, false, JX_DRAFT);

	(void)state;
	fields_refused(&finance, NULL, p, "财政账户不能编制或修改绩效目标表");
	fields_refused(&admin, NULL, p, "管理员账户不能编制或修改绩效目标表");
	jx_project_free(p);
}

/* The operator of the command line holds the store: nothing refused (an import takes no status). */
static void test_operator_is_refused_nothing(void **state)
{
	struct jx_project *old = table(EDUCATION, JX_DRAFT, false),
			  *p = sent(JX_GIVEN_KEY | JX_GIVEN_CLASSIFIED | JX_GIVEN_STATUS, true, true, JX_APPROVED);

	(void)state;
	fields_ok(NULL, NULL, p);
	fields_ok(NULL, old, p);
	jx_project_free(p);
	jx_project_free(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_may_be_null),
		cmocka_unit_test(test_anonymous_reads_what_is_published),
		cmocka_unit_test(test_anonymous_unpublished_is_missing),
		cmocka_unit_test(test_anonymous_classified_is_missing_even_if_published),
		cmocka_unit_test(test_anonymous_missing_as_unpublished),
		cmocka_unit_test(test_anonymous_needs_login_for_a_published_project),
		cmocka_unit_test(test_anonymous_hidden_project_stays_missing),
		cmocka_unit_test(test_anonymous_needs_login_for_the_rest),
		cmocka_unit_test(test_unit_works_on_its_own_tables),
		cmocka_unit_test(test_unit_edits_drafts_and_returned_tables),
		cmocka_unit_test(test_unit_cannot_edit_while_submitted_or_approved),
		cmocka_unit_test(test_unit_other_units_tables_are_missing),
		cmocka_unit_test(test_unit_creates_only_for_itself),
		cmocka_unit_test(test_unit_neither_reviews_nor_publishes),
		cmocka_unit_test(test_department_reviews_its_units_tables),
		cmocka_unit_test(test_department_other_tables_are_missing),
		cmocka_unit_test(test_department_without_its_list_has_its_own_unit_alone),
		cmocka_unit_test(test_department_does_nothing_else),
		cmocka_unit_test(test_pass_is_the_departments_alone),
		cmocka_unit_test(test_department_sets_no_field),
		cmocka_unit_test(test_finance_reads_every_table),
		cmocka_unit_test(test_finance_reviews_publishes_and_records_actuals),
		cmocka_unit_test(test_finance_does_not_write_tables),
		cmocka_unit_test(test_finance_does_not_manage_accounts),
		cmocka_unit_test(test_admin_reads_and_manages_accounts),
		cmocka_unit_test(test_admin_does_nothing_else),
		cmocka_unit_test(test_log_is_finance_and_admin),
		cmocka_unit_test(test_library_is_finances_to_curate),
		cmocka_unit_test(test_disabled_account_is_refused_everything),
		cmocka_unit_test(test_field_rights_table),
		cmocka_unit_test(test_unit_may_not_set_flags_or_status),
		cmocka_unit_test(test_unit_may_restate_unchanged_fields),
		cmocka_unit_test(test_finance_and_admin_write_no_content),
		cmocka_unit_test(test_operator_is_refused_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
