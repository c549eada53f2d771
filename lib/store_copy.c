/*
 * store_copy.c — a whole store copied into another, between any two backends (store.h).
 *
 * The copy goes table by table, row by row, through the backends' raw rows (store_impl.h): every value
 * as text, so that a row read from SQLite is written into PostgreSQL as it is, and back. Tables are
 * copied in the order their references need (projects before what refers to them). Each row passes
 * through a SHA-256 on the way; the same digest over the destination afterwards (jx_store_tally)
 * tells that every row arrived unchanged.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/err.h"
#include "store_impl.h"

static const char *const project_cols[] = { "id",	"kind",	      "year",	    "name",	 "unit",
					    "goal",	"total",      "fiscal",	    "other",	 "carryover",
					    "period_total", "key",    "classified", "status",	 "framework",
					    "extra",	"revision",   "submitted_at" };
static const char *const indicator_cols[] = { "project_id", "seq",   "level1", "level2", "name",
					      "unit",	    "op",    "value",  "target", "extra" };
static const char *const history_cols[] = { "id", "project_id", "at", "\"user\"", "action", "detail" };
static const char *const actual_cols[] = { "id", "project_id", "indicator", "unit",      "value",
					   "as_of", "reason",   "at",	 "\"user\"" };
static const char *const publication_cols[] = { "version", "year",   "at",    "\"user\"", "key_only", "hash",
						"tables",  "money", "head", "sep",	"tail" };
static const char *const publication_part_cols[] = { "version", "seq", "body" };
static const char *const published_cols[] = { "project_id", "version", "body" };
static const char *const account_cols[] = { "name", "role", "unit", "hash", "disabled", "created", "last_login" };
static const char *const library_cols[] = { "id", "body" };
static const char *const library_use_cols[] = { "entry", "kind", "ref" };
static const char *const unit_cols[] = { "id", "code", "name", "parent", "created" };

#define COLS(a) a, (int)(sizeof(a) / sizeof(a[0]))

/* What a copy carries, in an order that writes no row before the rows it refers to. */
const struct jx_raw_table jx_raw_tables[JX_COPY_TABLES] = {
	{ "project", COLS(project_cols), "ititttiiiiibbtttit", "id", false },
	{ "indicator", COLS(indicator_cols), "iitttttttt", "project_id, seq", false },
	{ "history", COLS(history_cols), "iitttt", "id", true },
	{ "actual", COLS(actual_cols), "iittttttt", "id", true },
	{ "publication", COLS(publication_cols), "iittbtiittt", "version", false },
	{ "publication_part", COLS(publication_part_cols), "iit", "version, seq", false },
	{ "published", COLS(published_cols), "iit", "version, project_id", false },
	{ "account", COLS(account_cols), "ttttbtt", "name", false },
	{ "library", COLS(library_cols), "tt", "id", false },
	{ "library_use", COLS(library_use_cols), "ttt", "entry, kind, ref", false },
	{ "unit", COLS(unit_cols), "itttt", "id", true },
};

/* One table passing: its rows counted and digested, and written into to (if not NULL). */
struct pass {
	struct jx_store *to;
	const struct jx_raw_table *t;
	struct jx_copy_table *tally;
	crypto_hash_sha256_state h;
};

/* A value's bytes then NUL, or 0xFF (never in UTF-8) for NULL; 0xFE ends a row: no two rows alike. */
static void digest_row(crypto_hash_sha256_state *h, const char *const *v, int n)
{
	static const unsigned char null = 0xff, nul = 0, end = 0xfe;
	int i;

	for (i = 0; i < n; i++) {
		if (!v[i]) {
			crypto_hash_sha256_update(h, &null, 1);
			continue;
		}
		crypto_hash_sha256_update(h, (const unsigned char *)v[i], strlen(v[i]));
		crypto_hash_sha256_update(h, &nul, 1);
	}
	crypto_hash_sha256_update(h, &end, 1);
}

static int pass_row(void *ctx, const char *const *v, struct jx_err *err)
{
	struct pass *p = ctx;

	digest_row(&p->h, v, p->t->n);
	p->tally->rows++;
	return p->to ? p->to->ops->raw_put(p->to, p->t, v, err) : 0;
}

/* Reads every table of from (in the caller's transaction), tallying it into out and writing it into
 * to if not NULL. */
static int pass_all(struct jx_store *from, struct jx_store *to, struct jx_copy_stats *out, struct jx_err *err)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < JX_COPY_TABLES; i++) {
		struct pass p;

		p.to = to;
		p.t = &jx_raw_tables[i];
		p.tally = &out->t[i];
		out->t[i].name = jx_raw_tables[i].name;
		crypto_hash_sha256_init(&p.h);
		if (from->ops->raw_rows(from, &jx_raw_tables[i], pass_row, &p, err) ||
		    (to && to->ops->raw_put(to, &jx_raw_tables[i], NULL, err)))
			return -1;
		crypto_hash_sha256_final(&p.h, out->t[i].digest);
	}
	return 0;
}

int jx_store_tally(struct jx_store *st, struct jx_copy_stats *out, struct jx_err *err)
{
	if (jx_store_begin_read(st, err))
		return -1;
	return jx_store_end(st, pass_all(st, NULL, out, err), err);
}

static int stop_at_one(void *ctx, const struct jx_summary *s, struct jx_err *err)
{
	(void)s;
	(void)err;
	*(bool *)ctx = true;
	return 1;
}

static int stop_at_account(void *ctx, const struct jx_account_row *a, struct jx_err *err)
{
	(void)a;
	(void)err;
	*(bool *)ctx = true;
	return 0; /* jx_store_accounts takes a stop for a failure; accounts are few */
}

static int stop_at_publication(void *ctx, const struct jx_published *p, struct jx_err *err)
{
	(void)p;
	(void)err;
	*(bool *)ctx = true;
	return 1;
}

/* JX_ECONFLICT if st holds a project, an account or a publication (all else hangs from these). */
static int must_be_empty(struct jx_store *st, struct jx_err *err)
{
	bool project = false, account = false, publication = false;

	if (jx_store_list(st, NULL, stop_at_one, &project, err) < 0 ||
	    jx_store_accounts(st, NULL, stop_at_account, &account, err) < 0 ||
	    jx_store_publications(st, 0, stop_at_publication, &publication, err) < 0)
		return -1;
	if (project || account || publication)
		return jx_err_set(err, JX_ECONFLICT, "目标数据库不是空的（已有%s%s%s）", project ? "项目" : "",
				  account ? (project ? "、账户" : "账户") : "",
				  publication ? (project || account ? "、公开版本" : "公开版本") : "");
	return 0;
}

int jx_store_copy(struct jx_store *from, struct jx_store *to, bool replace, struct jx_copy_stats *done,
		  struct jx_err *err)
{
	char *a = from->ops->identity(from), *b = to->ops->identity(to);
	bool same = strcmp(a, b) == 0;
	int rc;

	free(a);
	free(b);
	if (same)
		return jx_err_set(err, JX_EUSAGE, "源数据库和目标数据库是同一个");
	if (jx_store_begin_read(from, err))
		return -1;
	if (jx_store_begin(to, err)) {
		jx_store_end(from, -1, NULL);
		return -1;
	}
	rc = replace ? to->ops->raw_clear(to, err) : must_be_empty(to, err);
	if (!rc)
		rc = pass_all(from, to, done, err);
	rc = jx_store_end(to, rc, err);
	jx_store_end(from, -1, NULL); /* it only read */
	return rc;
}
