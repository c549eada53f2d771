/*
 * drafts.h — deleting a draft (删除草稿): a table that never went to review may be thrown away whole, its
 * history with it; one that was ever submitted stays, with its history, for the record.
 */
#ifndef JIXIAO_DRAFTS_H
#define JIXIAO_DRAFTS_H

#include <stdbool.h>
#include <stdint.h>

struct jx_account;
struct jx_err;
struct jx_store;

/* Deletes project id for who (NULL: the command line's operator) in a transaction of its own. Refused:
 * a table who may not edit (JX_ENOTFOUND, as for a missing one, when who may not even read it;
 * JX_EFORBIDDEN otherwise), one that is not a draft or was ever submitted (JX_ECONFLICT, saying why). The
 * deleted table's name is put in name (cap bytes) for the caller's message. */
int jx_draft_delete(struct jx_store *st, const struct jx_account *who, int64_t id, char *name, size_t cap,
		    struct jx_err *err);

/* True if p is a draft that never went to review: one jx_draft_delete() would delete (rights aside). */
struct jx_project;
bool jx_draft_deletable(struct jx_store *st, const struct jx_project *p);

#endif
