/*
 * import.c — the import: one transaction around the readers, and what importing a table over a stored
 * one keeps (see import.h).
 *
 * Reading and storing run side by side: the reader (the caller's thread) hands the tables it has read
 * to a writer thread through a queue of QUEUE_LEN tables, and the writer saves them in the store's
 * transaction, in order. Memory stays flat (a full queue holds the reader back), and on two cores a
 * province's import takes about the longer of the two rather than their sum. The first error of
 * either side stops both; the caller's jx_import_abort undoes the transaction. Each input ends only
 * when the writer has saved all of it, so its errors are that input's.
 *
 * Tables go over in blocks of BLOCK_LEN, and the writer takes all that wait at once: each side takes
 * the lock once a block rather than once a table, and wakes the other only when it sleeps. Handing
 * over each table alone, a province's import woke a thread for each, which cost a tenth of its time.
 *
 * To tell the same project twice in one import, the import remembers a 64-bit hash of each project's
 * identity (year, kind, unit, name) and where it was read: 16 bytes a table, some 3 MB for a province's
 * hundred thousand.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/access.h"
#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/framework.h"
#include "jixiao/history.h"
#include "jixiao/import.h"
#include "jixiao/input.h"
#include "jixiao/model.h"
#include "jixiao/reader.h"
#include "jixiao/store.h"
#include "jixiao/unit.h"

#define PROGRESS_EVERY 256 /* tables between progress calls */
#define QUEUE_LEN 64       /* tables handed over and not yet taken by the writer, at most */
#define BLOCK_LEN 16       /* tables the reader gathers before it hands them over */

struct seen {
	uint64_t hash;  /* of year, kind, unit and name; 0 for an empty slot */
	unsigned input; /* which input of the import it came from */
	unsigned line;  /* where in it */
};

struct jx_import {
	struct jx_store *st;
	const struct jx_import_opts *o;
	struct jx_input *in;     /* the input being read */
	char **names;            /* the inputs read so far, for messages */
	unsigned n_names;
	size_t cap_names;
	struct seen *seen;       /* open addressing, a power of two long (the writer's) */
	size_t n_seen, cap_seen;
	size_t handed;           /* tables the reader has handed on */
	struct jx_project *block[BLOCK_LEN]; /* the reader's, not yet handed over */
	size_t n_block;

	/* Shared by reader and writer, under lock. */
	pthread_mutex_t lock;
	pthread_cond_t to_writer; /* the queue or closing changed, for the writer if it sleeps */
	pthread_cond_t to_reader; /* the queue, busy or failed changed, for the reader if it sleeps */
	bool writer_sleeps, reader_sleeps;
	struct jx_project *queue[QUEUE_LEN];
	size_t head, n_queued;
	bool busy;               /* the writer is saving tables it took */
	bool failed;             /* the writer failed: err holds why; tables left are dropped */
	bool cancelled;          /* the reader failed: tables left are dropped */
	bool closing;            /* no more tables: the writer ends once the queue is empty */
	bool started;            /* the writer thread runs */
	pthread_t writer;
	struct jx_err err;
	struct jx_import_stats stats;
};

static uint64_t identity(const struct jx_project *p)
{
	return jx_project_key_hash(p->year, p->kind, p->unit, p->name);
}

static struct seen *seen_slot(struct seen *table, size_t cap, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (table[i].hash && table[i].hash != h)
		i = (i + 1) & (cap - 1);
	return &table[i];
}

static void seen_grow(struct jx_import *im)
{
	size_t cap = im->cap_seen ? im->cap_seen * 2 : 1024, i;
	struct seen *table = jx_calloc(cap, sizeof(*table));

	for (i = 0; i < im->cap_seen; i++)
		if (im->seen[i].hash)
			*seen_slot(table, cap, im->seen[i].hash) = im->seen[i];
	free(im->seen);
	im->seen = table;
	im->cap_seen = cap;
}

/* Notes p as read; fails if this import has read it already. */
static int note_seen(struct jx_import *im, const struct jx_project *p, struct jx_err *err)
{
	uint64_t h = identity(p);
	struct seen *s;

	if (2 * (im->n_seen + 1) > im->cap_seen)
		seen_grow(im);
	s = seen_slot(im->seen, im->cap_seen, h);
	if (s->hash)
		return jx_err_set(err, JX_ECONFLICT, "项目“%s”（%d年度）在本次导入中出现了两次：%s:%u 和 %s:%u", p->name,
				  p->year, im->names[s->input], s->line, im->in->name, p->line);
	s->hash = h;
	s->input = im->n_names - 1;
	s->line = p->line;
	im->n_seen++;
	return 0;
}

/* Keeps from old what p's input did not state; true if p then holds nothing new. */
static bool keep_unstated(struct jx_project *p, const struct jx_project *old)
{
	const struct jx_framework *fw = jx_framework_get(old->framework);
	bool same;

	if (!(p->given & JX_GIVEN_KEY))
		p->key = old->key;
	if (!(p->given & JX_GIVEN_CLASSIFIED))
		p->classified = old->classified;
	if (!(p->given & JX_GIVEN_FRAMEWORK) && fw && !jx_project_check_levels(p, fw, NULL))
		memcpy(p->framework, old->framework, sizeof(p->framework));
	same = jx_project_same_table(old, p) && strcmp(old->framework, p->framework) == 0;
	p->status = same ? old->status : JX_DRAFT;
	return same && p->key == old->key && p->classified == old->classified && p->status == old->status;
}

/* The history entry for p, new or changed from old. */
static int log_save(struct jx_store *st, const struct jx_project *p, const struct jx_project *old, const char *user,
		    struct jx_err *err)
{
	char total[JX_DEC_STRMAX], text[64 + JX_DEC_STRMAX];
	json_t *detail;

	if (old) {
		detail = json_object();
		json_object_set_new(detail, "changes", jx_history_changes(old, p));
		return jx_history_add(st, p->id, user, "change", detail, err);
	}
	/* Written here rather than through jansson: a province's import makes a hundred thousand of these,
	 * and the two fields hold only digits. */
	snprintf(text, sizeof(text), "{\"indicators\": %zu, \"total\": \"%s\"}", p->n_ind, jx_money_format(p->total, total));
	return jx_history_add_text(st, p->id, user, "create", text, err);
}

/* Whether who (NULL: the operator) may write p over old (NULL: as new): the table its to write, and
 * each flag or status it states its to set (access.h). */
static int may_write(const struct jx_account *who, const struct jx_project *old, const struct jx_project *p,
		     struct jx_err *err)
{
	if (!who)
		return 0;
	if (jx_access(who, JX_ACT_CREATE, p, false, err) || (old && jx_access(who, JX_ACT_EDIT, old, false, err)))
		return -1;
	return jx_access_fields(who, old, p, err);
}

/* Saves p over old (project id), or as new (old NULL). */
static int save_over(struct jx_store *st, struct jx_project *p, int64_t id, struct jx_project *old,
		     const struct jx_account *who, const char *user, enum jx_saved *saved, struct jx_err *err)
{
	bool unchanged = false;
	int rc = 0;

	if (may_write(who, old, p, err)) {
		jx_project_free(old);
		return -1;
	}
	p->status = JX_DRAFT; /* only the workflow moves a table on: an input's stated status is not taken */
	if (old) {
		unchanged = keep_unstated(p, old);
		p->id = id;
	}
	if (!unchanged)
		rc = jx_store_put(st, p, err) || log_save(st, p, old, user, err);
	jx_project_free(old);
	*saved = !old ? JX_SAVED_NEW : unchanged ? JX_SAVED_UNCHANGED : JX_SAVED_CHANGED;
	return rc ? -1 : 0;
}

int jx_save(struct jx_store *st, struct jx_project *p, const struct jx_account *who, const char *user,
	    enum jx_saved *saved, struct jx_err *err)
{
	struct jx_project *old = NULL;
	int64_t id;

	if (jx_store_find(st, p->year, p->kind, p->unit, p->name, &id, err) || (id && jx_store_get(st, id, &old, err)))
		return -1;
	return save_over(st, p, id, old, who, user, saved, err);
}

int jx_save_id(struct jx_store *st, int64_t id, struct jx_project *p, const struct jx_account *who, const char *user,
	       enum jx_saved *saved, struct jx_err *err)
{
	struct jx_project *old = NULL;
	int64_t other;

	if (jx_store_get(st, id, &old, err) || jx_store_find(st, p->year, p->kind, p->unit, p->name, &other, err)) {
		jx_project_free(old);
		return -1;
	}
	if (other && other != id) { /* the same unit's table (names are unique within a unit's year) */
		jx_project_free(old);
		return jx_err_set(err, JX_ECONFLICT, "%d年度%s已有名为“%s”的%s（编号 %lld）", p->year, p->unit, p->name,
				  p->kind == JX_KIND_DEPARTMENT ? "部门整体绩效目标表" : "项目", (long long)other);
	}
	if (p->revision && p->revision != old->revision) {
		jx_project_free(old);
		return jx_err_set(err, JX_ECONFLICT,
				  "保存冲突：这张表在您打开之后已被他人修改并保存，为免覆盖他人的修改，本次保存未执行。"
				  "请重新载入查看最新内容，再把您的修改填入后保存");
	}
	return save_over(st, p, id, old, who, user, saved, err);
}

/* Wakes the reader if it sleeps (im->lock held). */
static void wake_reader(struct jx_import *im)
{
	if (im->reader_sleeps)
		pthread_cond_signal(&im->to_reader);
}

/* The reader sleeps until the writer changes something (im->lock held). */
static void reader_sleep(struct jx_import *im)
{
	im->reader_sleeps = true;
	pthread_cond_wait(&im->to_reader, &im->lock);
	im->reader_sleeps = false;
}

/* Takes what the queue holds into batch (im->lock held); returns how many. */
static size_t take_queued(struct jx_import *im, struct jx_project **batch)
{
	size_t n = im->n_queued, i;

	for (i = 0; i < n; i++)
		batch[i] = im->queue[(im->head + i) % QUEUE_LEN];
	im->head = (im->head + n) % QUEUE_LEN;
	im->n_queued = 0;
	return n;
}

/* Saves the n tables of batch in order, counting them into stats, until one fails: then err says why
 * and the rest are not saved. Frees them all. */
static int save_batch(struct jx_import *im, struct jx_project **batch, size_t n, struct jx_import_stats *stats,
		      struct jx_err *err)
{
	const struct jx_account *who = im->o ? im->o->who : NULL;
	const char *user = im->o ? im->o->user : NULL;
	int rc = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		struct jx_project *p = batch[i];
		enum jx_saved saved;

		if (!rc && !(rc = note_seen(im, p, err) || jx_save(im->st, p, who, user, &saved, err))) {
			if (im->o && im->o->saved)
				im->o->saved(im->o->saved_ctx, p, saved);
			stats->projects++;
			stats->indicators += p->n_ind;
			stats->added += saved == JX_SAVED_NEW;
			stats->replaced += saved == JX_SAVED_CHANGED;
			stats->unchanged += saved == JX_SAVED_UNCHANGED;
		}
		jx_project_free(p);
	}
	return rc;
}

/* The writer: saves the tables queued, in order, until closing and the queue is empty. What follows an
 * error of either side is dropped. */
static void *writer(void *arg)
{
	struct jx_import *im = arg;
	struct jx_project *batch[QUEUE_LEN];
	struct jx_err err = { 0 };

	pthread_mutex_lock(&im->lock);
	for (;;) {
		struct jx_import_stats stats = { 0 };
		bool drop;
		size_t n;
		int rc = 0;

		while (!im->n_queued && !im->closing) {
			im->writer_sleeps = true;
			pthread_cond_wait(&im->to_writer, &im->lock);
			im->writer_sleeps = false;
		}
		if (!im->n_queued)
			break;
		n = take_queued(im, batch);
		drop = im->failed || im->cancelled;
		im->busy = true;
		wake_reader(im);
		pthread_mutex_unlock(&im->lock);
		if (!drop)
			rc = save_batch(im, batch, n, &stats, &err);
		else
			while (n)
				jx_project_free(batch[--n]);
		pthread_mutex_lock(&im->lock);
		im->busy = false;
		if (rc && !im->failed) {
			im->failed = true;
			im->err = err;
		}
		im->stats.projects += stats.projects;
		im->stats.indicators += stats.indicators;
		im->stats.added += stats.added;
		im->stats.replaced += stats.replaced;
		im->stats.unchanged += stats.unchanged;
		wake_reader(im);
	}
	pthread_mutex_unlock(&im->lock);
	return NULL;
}

/* The writer's error, if it failed (im->lock held). */
static int writer_failed(struct jx_import *im, struct jx_err *err)
{
	if (!im->failed)
		return 0;
	if (err)
		*err = im->err;
	return -1;
}

/* Hands the reader's block over to the writer, waiting while the queue has no room for it (im->lock
 * held). Fails, the block dropped, once the writer has failed. */
static int hand_over(struct jx_import *im, struct jx_err *err)
{
	size_t i;

	while (im->n_queued + im->n_block > QUEUE_LEN && !im->failed)
		reader_sleep(im);
	if (writer_failed(im, err)) {
		while (im->n_block)
			jx_project_free(im->block[--im->n_block]);
		return -1;
	}
	for (i = 0; i < im->n_block; i++)
		im->queue[(im->head + im->n_queued++) % QUEUE_LEN] = im->block[i];
	im->n_block = 0;
	if (im->writer_sleeps)
		pthread_cond_signal(&im->to_writer);
	return 0;
}

/* The reader's sink: gathers p into the block, handed over to the writer when full. */
static int store_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct jx_import *im = ctx;
	struct jx_import_stats stats;
	int rc = 0;

	/* the note the writer writes names the input by its number, the line by p's */
	im->block[im->n_block++] = jx_project_take(p);
	if (im->n_block < BLOCK_LEN)
		return 0;
	pthread_mutex_lock(&im->lock);
	rc = hand_over(im, err);
	stats = im->stats;
	pthread_mutex_unlock(&im->lock);
	im->handed += BLOCK_LEN;
	if (!rc && im->o && im->o->progress && im->handed % PROGRESS_EVERY == 0)
		im->o->progress(im->o->ctx, im->in->name, im->in->consumed, im->in->size, &stats);
	return rc;
}

/* Hands over what the reader holds, and waits until the writer has saved every table handed on, or
 * failed. */
static int drain(struct jx_import *im, struct jx_err *err)
{
	int rc;

	pthread_mutex_lock(&im->lock);
	rc = hand_over(im, err);
	while (!rc && (im->n_queued || im->busy) && !im->failed)
		reader_sleep(im);
	if (!rc)
		rc = writer_failed(im, err);
	pthread_mutex_unlock(&im->lock);
	return rc;
}

/* After the reader failed: drops what the reader holds, and the writer what is queued; waits until it
 * is idle, so that nothing of this input is in its hands when the input goes. */
static void cancel(struct jx_import *im)
{
	while (im->n_block)
		jx_project_free(im->block[--im->n_block]);
	pthread_mutex_lock(&im->lock);
	im->cancelled = true;
	while (im->n_queued || im->busy) {
		if (im->writer_sleeps)
			pthread_cond_signal(&im->to_writer);
		reader_sleep(im);
	}
	pthread_mutex_unlock(&im->lock);
}

/* Ends the writer: it saves what is queued (or drops it, once failed) and stops. */
static void stop_writer(struct jx_import *im)
{
	if (!im->started)
		return;
	pthread_mutex_lock(&im->lock);
	im->closing = true;
	pthread_cond_signal(&im->to_writer);
	pthread_mutex_unlock(&im->lock);
	pthread_join(im->writer, NULL);
	im->started = false;
}

struct jx_import *jx_import_begin(struct jx_store *st, const struct jx_import_opts *o, struct jx_err *err)
{
	struct jx_import *im;

	jx_store_bulk(st, true); /* any failure undoes the whole import; said before it begins (store.h) */
	if (jx_store_begin(st, err)) {
		jx_store_bulk(st, false);
		return NULL;
	}
	im = jx_calloc(1, sizeof(*im));
	im->st = st;
	im->o = o;
	pthread_mutex_init(&im->lock, NULL);
	pthread_cond_init(&im->to_writer, NULL);
	pthread_cond_init(&im->to_reader, NULL);
	if (pthread_create(&im->writer, NULL, writer, im) != 0) {
		jx_store_bulk(st, false);
		jx_store_end(st, -1, NULL);
		pthread_cond_destroy(&im->to_writer);
		pthread_cond_destroy(&im->to_reader);
		pthread_mutex_destroy(&im->lock);
		free(im);
		jx_err_set(err, JX_EIO, "无法启动导入的写入线程");
		return NULL;
	}
	im->started = true;
	return im;
}

int jx_import_input(struct jx_import *im, struct jx_input *in, struct jx_err *err)
{
	const struct jx_reader *reader;
	int rc;

	if (im->cancelled) /* an input failed: the import can only be undone now */
		return jx_err_set(err, JX_EUSAGE, "导入已因前面的错误中止，须撤销（jx_import_abort）");
	jx_grow(&im->names, sizeof(*im->names), im->n_names + 1, &im->cap_names);
	im->names[im->n_names++] = jx_strdup(in->name);
	im->in = in;
	reader = jx_reader_detect(in, err);
	rc = reader ? reader->read(in, store_one, im, err) : -1;
	if (!rc)
		rc = drain(im, err);
	else
		cancel(im);
	if (!rc && im->o && im->o->progress)
		im->o->progress(im->o->ctx, in->name, in->consumed, in->size, &im->stats);
	im->in = NULL;
	return rc;
}

static void import_free(struct jx_import *im)
{
	unsigned i;

	stop_writer(im);
	while (im->n_block)
		jx_project_free(im->block[--im->n_block]);
	pthread_cond_destroy(&im->to_writer);
	pthread_cond_destroy(&im->to_reader);
	pthread_mutex_destroy(&im->lock);
	for (i = 0; i < im->n_names; i++)
		free(im->names[i]);
	free(im->names);
	free(im->seen);
	free(im);
}

static int unit_added(void *ctx, const char *name)
{
	struct jx_import *im = ctx;

	if (im->o && im->o->new_unit)
		im->o->new_unit(im->o->unit_ctx, name);
	return 0;
}

/* The operator's import registers the budget units its tables name that the registry lacks (unit.h):
 * one query over the stored units when it commits, nothing per table. */
static int register_units(struct jx_import *im, struct jx_err *err)
{
	return jx_unit_register_missing(im->st, unit_added, im, &im->stats.units, err);
}

int jx_import_commit(struct jx_import *im, struct jx_import_stats *stats, struct jx_err *err)
{
	if (drain(im, err)) {
		jx_import_abort(im);
		return -1;
	}
	stop_writer(im);
	jx_store_bulk(im->st, false);
	if (!(im->o && im->o->who) && register_units(im, err)) {
		jx_store_end(im->st, -1, NULL);
		import_free(im);
		return -1;
	}
	if (jx_store_end(im->st, 0, err)) {
		import_free(im);
		return -1;
	}
	if (stats)
		*stats = im->stats;
	import_free(im);
	return 0;
}

void jx_import_abort(struct jx_import *im)
{
	pthread_mutex_lock(&im->lock);
	im->failed = true; /* the writer drops what is queued */
	pthread_mutex_unlock(&im->lock);
	stop_writer(im);
	jx_store_bulk(im->st, false);
	jx_store_end(im->st, -1, NULL);
	import_free(im);
}

int jx_import_files(struct jx_store *st, const char *const *paths, size_t n, const struct jx_import_opts *o,
		    struct jx_import_stats *stats, struct jx_err *err)
{
	struct jx_import *im = jx_import_begin(st, o, err);
	size_t i;

	if (!im)
		return -1;
	for (i = 0; i < n; i++) {
		struct jx_input in;
		int rc;

		if (jx_input_open(&in, paths[i], err)) {
			jx_import_abort(im);
			return -1;
		}
		rc = jx_import_input(im, &in, err);
		jx_input_close(&in);
		if (rc) {
			jx_import_abort(im);
			return -1;
		}
	}
	return jx_import_commit(im, stats, err);
}
