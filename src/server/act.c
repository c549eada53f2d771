/*
 * act.c — what the pages and the API both do: load a project as the caller may see it, save one,
 * move one through the workflow. Access is asked of jx_access() before anything is read or changed.
 */
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jixiao/access.h"
#include "jixiao/baseline.h"
#include "jixiao/library.h"
#include "jixiao/import.h"
#include "jixiao/json_io.h"
#include "jixiao/login.h"
#include "jixiao/model.h"
#include "jixiao/peers.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/text.h"
#include "jixiao/unit.h"
#include "jixiao/workflow.h"
#include "server.h"

/* What a caller is told about a project it may not see: exactly what it is told about one that does
 * not exist. */
static int missing(struct jx_err *err)
{
	return jx_err_set(err, JX_ENOTFOUND, "没有这个项目");
}

int64_t srv_id(const char *s, size_t n)
{
	int64_t id = 0;
	size_t i;

	if (!n || n > 15 || s[0] == '0')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		id = id * 10 + (s[i] - '0');
	}
	return id;
}

int srv_year_param(struct srv_req *r, const char *s, const char *what, int *year)
{
	struct jx_err err = { 0 };

	if (!s || !jx_year_parse(s, what, year, &err))
		return 0;
	if (strncmp(r->path, "/api/", 5) == 0)
		srv_json_error(r, MHD_HTTP_BAD_REQUEST, err.msg);
	else
		srv_error_page(r, MHD_HTTP_BAD_REQUEST, err.msg);
	return -1;
}

const char *srv_user(const struct srv_req *r)
{
	return r->logged_in ? r->who.name : "-";
}

int srv_published_take(void *ctx, const struct jx_published_table *t, struct jx_err *err)
{
	struct jx_project **p = ctx;
	json_error_t jerr;
	json_t *obj;
	int rc;

	obj = json_loads(t->body, 0, &jerr);
	if (!obj)
		return jx_err_set(err, JX_ESTORE, "公开的项目表无法读取：%s", jerr.text);
	rc = jx_project_from_json(obj, p, err);
	json_decref(obj);
	if (!rc) {
		(*p)->id = t->project_id;
		(*p)->status = JX_APPROVED;
	}
	return rc;
}

int srv_published(struct srv_req *r, int64_t id, struct jx_project **out, struct jx_err *err)
{
	struct jx_err probe = { 0 };
	struct jx_project *p = NULL;

	*out = NULL;
	if (!id)
		return missing(err);
	if (jx_store_published(r->st, id, 0, srv_published_take, &p, &probe)) {
		jx_project_free(p);
		return probe.code == JX_ENOTFOUND ? missing(err) : jx_err_set(err, probe.code, "%s", probe.msg);
	}
	*out = p;
	return 0;
}

int srv_load(struct srv_req *r, int64_t id, int act, struct jx_project **out, struct jx_err *err)
{
	struct jx_err probe = { 0 };

	*out = NULL;
	if (!id)
		return missing(err);
	if (!r->logged_in) {
		/* anonymous callers see a table only as a publication published it */
		if (srv_published(r, id, out, err))
			return -1;
		if (jx_access(NULL, (enum jx_act)act, *out, true, err)) {
			jx_project_free(*out);
			*out = NULL;
			return -1;
		}
		return 0;
	}
	if (jx_store_get(r->st, id, out, &probe))
		return probe.code == JX_ENOTFOUND ? missing(err) : jx_err_set(err, probe.code, "%s", probe.msg);
	if (jx_access(&r->who, (enum jx_act)act, *out, false, err)) {
		jx_project_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* The name a login attempt is counted under: as given, or, when it cannot name an account (too long,
 * not UTF-8), one key for all such, which the address's count still limits. */
static const char *attempt_name(const char *user)
{
	size_t n = strlen(user);

	return n <= JX_NAME_MAX && jx_utf8_valid(user, n) ? user : "\x01";
}

unsigned srv_sign_in(struct srv_req *r, const char *user, const char *password, struct jx_account *a,
		     struct jx_err *err)
{
	const char *name = attempt_name(user);
	char words[64];
	long wait;

	if (jx_login_take(r->st, name, srv_addr(r), (int64_t)time(NULL), &wait, err))
		return srv_status_of(r, err);
	if (wait) {
		snprintf(r->retry_after, sizeof(r->retry_after), "%ld", wait);
		jx_login_wait_text(wait, words, sizeof(words));
		jx_err_set(err, JX_EAUTH, "登录失败次数过多，%s", words);
		return MHD_HTTP_TOO_MANY_REQUESTS;
	}
	if (jx_account_verify(r->st, user, password, a, err))
		return srv_status_of(r, err);
	if (jx_login_succeeded(r->st, name, srv_addr(r), err))
		return srv_status_of(r, err);
	jx_account_seen(r->st, a->name, NULL); /* shown to the admin; a login does not fail for it */
	return srv_login(r, a, err) ? srv_status_of(r, err) : MHD_HTTP_OK;
}

int64_t srv_revision(const char *s)
{
	char *end;
	long long v;
	size_t n;

	if (!s)
		return 0;
	if (strncmp(s, "W/", 2) == 0)
		s += 2;
	n = strlen(s);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		s++, n -= 2;
	if (!n || n > 18 || *s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return (size_t)(end - s) == n && v > 0 ? (int64_t)v : 0;
}

/* Sets p->revision to the stored project's, after a save. */
static int note_revision(struct srv_req *r, struct jx_project *p, struct jx_err *err)
{
	struct jx_project *now;

	if (jx_store_get(r->st, p->id, &now, err))
		return -1;
	p->revision = now->revision;
	jx_project_free(now);
	return 0;
}

/* Writes p over project id, which the caller must be allowed to edit. */
static int save_over(struct srv_req *r, int64_t id, struct jx_project *p, struct jx_err *err)
{
	struct jx_project *old = NULL;
	enum jx_saved saved;

	if (srv_load(r, id, JX_ACT_EDIT, &old, err))
		return -1;
	jx_project_free(old);
	return jx_save_id(r->st, id, p, &r->who, r->who.name, &saved, err);
}

/* Writes p as a new project. A name is unique within its unit's year, so the table it collides with
 * is the caller's own unit's, which it may read; the id is told only then all the same. */
static int save_new(struct srv_req *r, struct jx_project *p, struct jx_err *err)
{
	enum jx_saved saved;
	int64_t other;

	if (jx_store_find(r->st, p->year, p->kind, p->unit, p->name, &other, err))
		return -1;
	if (other && jx_access(&r->who, JX_ACT_READ, p, false, NULL) == 0)
		return jx_err_set(err, JX_ECONFLICT, "%d年度%s已有名为“%s”的项目（编号 %lld），请修改该项目而不是新建",
				  p->year, p->unit, p->name, (long long)other);
	if (other)
		return jx_err_set(err, JX_ECONFLICT, "%d年度%s已有名为“%s”的项目", p->year, p->unit, p->name);
	return jx_save(r->st, p, &r->who, r->who.name, &saved, err);
}

int srv_save(struct srv_req *r, int64_t id, struct jx_project *p, struct jx_err *err)
{

	if (!r->logged_in)
		return jx_err_set(err, JX_EAUTH, "请先登录");
	/* the flags and the status a table states are checked against the caller's rights when saved
	 * (jx_save: jx_access_fields), refused rather than dropped */
	if (jx_access(&r->who, JX_ACT_CREATE, p, false, err)) /* the table as it will be: the caller's to write */
		return -1;
	if (jx_unit_require(r->st, p->unit, err)) { /* the web takes registered units only (unit.h) */
		if (err->code == JX_EINPUT)
			r->bad_field = "unit";
		return -1;
	}
	if (jx_store_begin(r->st, err))
		return -1;
	return jx_store_end(r->st, (id ? save_over(r, id, p, err) : save_new(r, p, err)) || note_revision(r, p, err), err);
}

int srv_transition(struct srv_req *r, int64_t id, const char *action, const char *reason, struct jx_findings *found,
		   struct jx_err *err)
{
	struct jx_project *p;
	enum jx_act act = strcmp(action, "submit") == 0    ? JX_ACT_SUBMIT
			  : strcmp(action, "approve") == 0 ? JX_ACT_APPROVE
			  : strcmp(action, "pass") == 0    ? JX_ACT_PASS
							   : JX_ACT_RETURN;

	if (srv_load(r, id, act, &p, err))
		return -1;
	jx_project_free(p);
	if (act == JX_ACT_SUBMIT)
		return jx_workflow_submit(r->st, id, r->who.name, err);
	if (act == JX_ACT_APPROVE)
		return jx_workflow_approve(r->st, r->o->review, id, r->who.name, found, err);
	if (act == JX_ACT_PASS)
		return jx_workflow_pass(r->st, r->o->review, id, r->who.name, found, err);
	/* a return is taken at the level of the account that returns (workflow.h) */
	return jx_workflow_return_at(r->st, r->o->review, id, r->who.name, reason ? reason : "",
				     r->who.role == JX_ROLE_DEPARTMENT ? JX_REVIEW_DEPT : JX_REVIEW_FINANCE, err);
}

/* ---- the other tables' targets, shared ---- */

/* One year's, with the library they were matched through; freed by the last user once replaced. */
struct shared_peers {
	int year;
	uint64_t loaded_ns;
	unsigned refs;
	bool replaced;
	struct jx_library lib;
	struct jx_peers *peers;
};

#define SHARED_YEARS 4
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct shared_peers *shared[SHARED_YEARS];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void shared_free(struct shared_peers *s)
{
	jx_peers_free(s->peers);
	jx_library_free(&s->lib);
	free(s);
}

static void shared_release(struct shared_peers *s)
{
	bool last;

	if (!s)
		return;
	pthread_mutex_lock(&shared_lock);
	last = --s->refs == 0 && s->replaced;
	pthread_mutex_unlock(&shared_lock);
	if (last)
		shared_free(s);
}

/* The year's peers, fresh within SRV_PEERS_TTL, read through st when none is; NULL if it cannot be. */
static struct shared_peers *shared_get(struct jx_store *st, int year)
{
	uint64_t now = now_ns(), ttl = (uint64_t)SRV_PEERS_TTL * 1000000000u;
	struct shared_peers *s = NULL, *old = NULL;
	size_t i, slot = 0;

	pthread_mutex_lock(&shared_lock);
	for (i = 0; i < SHARED_YEARS; i++)
		if (shared[i] && shared[i]->year == year && now - shared[i]->loaded_ns < ttl) {
			s = shared[i];
			s->refs++;
		}
	pthread_mutex_unlock(&shared_lock);
	if (s)
		return s;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->year = year;
	s->loaded_ns = now;
	s->refs = 1;
	if (jx_library_load(st, &s->lib, NULL) || jx_peers_load(st, year, &s->lib, &s->peers, NULL)) {
		jx_library_free(&s->lib);
		free(s);
		return NULL;
	}
	pthread_mutex_lock(&shared_lock);
	for (i = 0; i < SHARED_YEARS; i++) { /* the year's slot, else an empty one, else the oldest */
		if (shared[i] && shared[i]->year == year) {
			slot = i;
			break;
		}
		if (!shared[i] || (shared[slot] && shared[i]->loaded_ns < shared[slot]->loaded_ns))
			slot = i;
	}
	old = shared[slot];
	shared[slot] = s;
	s->refs++; /* the cache's own */
	if (old) {
		old->replaced = true;
		old = --old->refs == 0 ? old : NULL;
	}
	pthread_mutex_unlock(&shared_lock);
	if (old)
		shared_free(old);
	return s;
}

void srv_context_stop(void)
{
	size_t i;

	pthread_mutex_lock(&shared_lock);
	for (i = 0; i < SHARED_YEARS; i++) {
		if (shared[i] && --shared[i]->refs == 0)
			shared_free(shared[i]);
		else if (shared[i])
			shared[i]->replaced = true;
		shared[i] = NULL;
	}
	pthread_mutex_unlock(&shared_lock);
}

struct srv_context {
	struct jx_baseline b;
	bool history;
	struct shared_peers *peers;
};

struct srv_context *srv_context_open(struct srv_req *r, const struct jx_project *p)
{
	struct srv_context *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	/* a store that cannot be read now gives no baseline or peers: the rules that need one stay silent */
	c->history = p->id && jx_baseline_load(r->st, p, NULL, &c->b, NULL) == 0;
	c->peers = shared_get(r->st, p->year);
	return c;
}

void srv_context_close(struct srv_context *c)
{
	if (!c)
		return;
	if (c->history)
		jx_baseline_free(&c->b);
	shared_release(c->peers);
	free(c);
}

bool srv_context_of(const struct srv_context *c, const struct jx_project *p, size_t i, struct jx_target_context *out)
{
	return c && jx_target_context(p, i, c->history ? &c->b : NULL, c->peers ? c->peers->peers : NULL, out);
}

void srv_review_with(struct srv_req *r, const struct jx_project *p, const struct srv_context *c, struct jx_findings *f,
		     struct jx_grade *g)
{
	struct jx_library lib;
	bool library = jx_review_uses_library(r->o->review, p->year) && jx_library_load(r->st, &lib, NULL) == 0;
	struct jx_review_with w = { NULL, library ? &lib : NULL, NULL };

	if (c && c->history && jx_review_uses_history(r->o->review, p->year))
		w.base = &c->b;
	if (c && c->peers && jx_review_uses_peers(r->o->review, p->year))
		w.peers = c->peers->peers;
	jx_review_check_using(r->o->review, p, &w, f);
	if (library)
		jx_library_free(&lib);
	jx_review_grade(r->o->review, p->year, f, g);
}

void srv_review(struct srv_req *r, const struct jx_project *p, struct jx_findings *f, struct jx_grade *g)
{
	bool need = (p->id && jx_review_uses_history(r->o->review, p->year)) || jx_review_uses_peers(r->o->review, p->year);
	struct srv_context *c = need ? srv_context_open(r, p) : NULL;

	srv_review_with(r, p, c, f, g);
	srv_context_close(c);
}

json_t *srv_grade_json(const struct jx_grade *g)
{
	json_t *dims = json_object();
	int d;

	for (d = 0; d < JX_N_DIM; d++)
		json_object_set_new(dims, jx_dimension_label(d), json_integer(g->dimension[d]));
	return json_pack("{s:s, s:i, s:o}", "grade", g->label, "points", g->points, "dimensions", dims);
}
