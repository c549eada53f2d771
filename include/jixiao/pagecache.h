/*
 * pagecache.h — rendered pages kept as immutable bytes, content-addressed, in a bounded cache that
 * every thread of a server shares.
 *
 * A page is the bytes of a rendering that can never change — a table as a publication version
 * published it, a version's disclosure — with their SHA-256, which names them (two addresses that
 * render the same bytes share one page, and one ETag), and their gzip form, compressed once when the
 * page is made and never again. A page too large to keep twice keeps only its gzip form; its bytes are
 * read back through jx_rendered_reader.
 *
 * The cache maps an address (a kind of page, a publication version, a project id) to a page and holds
 * at most its budget of bytes, letting go of the addresses used least recently. It knows nothing of
 * what is current: callers ask their store which version an address stands for, and whether it may
 * still be shown, before they ask the cache, so that nothing kept outlives a withdrawal.
 *
 * Pages (struct jx_rendered) are reference counted and may be used by any thread. A page has users
 * (whoever got it from jx_rendered_make or jx_pagecache_get, and the cache while it keeps it) and pins
 * (anything that reads its bytes after its users are gone: an answer still being sent). When the last
 * user lets go, the slots are dropped; when the last pin goes too, the bytes are freed.
 */
#ifndef JIXIAO_PAGECACHE_H
#define JIXIAO_PAGECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define JX_RENDERED_SLOTS 8

struct jx_rendered {
	char digest[65];          /* SHA-256 of the bytes, hex */
	const char *type;         /* what the bytes are (a Content-Type), as made (a static string) */
	size_t len;               /* bytes */
	char *bytes;              /* the bytes; NULL if only the gzip form is kept */
	unsigned char *gz;        /* the gzip form (RFC 1952) of the bytes */
	size_t gz_len;
	void *slot[JX_RENDERED_SLOTS]; /* the caller's own things made from the page (jx_pagecache_slot),
					* dropped when the last user lets go */
	void (*drop_slot)(void *); /* how (set by jx_pagecache_slot) */
	unsigned users;           /* (atomic) the maker, the cache while it keeps the page, callers of get */
	unsigned pins;            /* (atomic) 1 while there are users, and one a jx_rendered_pin() */
	/* the cache's, under its lock */
	size_t addresses;         /* addresses that lead to the page */
	size_t extra;             /* bytes its slots hold, counted with its own */
	struct jx_rendered *next; /* the next page in its bucket of digests */
};

/* Makes a page of bytes[0..len): its digest and its gzip form. keep false keeps only the gzip form
 * (a page too large to hold twice). Returns a new page with one user (the caller). */
struct jx_rendered *jx_rendered_make(const char *bytes, size_t len, const char *type, bool keep);

/* One more user of p, which the caller already uses. */
struct jx_rendered *jx_rendered_hold(struct jx_rendered *p);
/* A user lets go (p NULL: nothing). */
void jx_rendered_release(struct jx_rendered *p);
/* Keeps p's bytes (not its slots) until jx_rendered_unpin(): for what sends them after the user is
 * gone. The caller is a user. unpin takes void * to serve as a free callback. */
void jx_rendered_pin(struct jx_rendered *p);
void jx_rendered_unpin(void *p);


/* Reads p's bytes back from its gzip form, a piece at a time (a page kept without them). new pins p
 * (the caller is a user); read fills up to n bytes and returns how many (0 at the end) or -1 if the
 * gzip form is damaged; free unpins. */
struct jx_rendered_reader;
struct jx_rendered_reader *jx_rendered_reader_new(struct jx_rendered *p);
ssize_t jx_rendered_reader_read(struct jx_rendered_reader *rd, char *buf, size_t n);
void jx_rendered_reader_free(struct jx_rendered_reader *rd);

/* Where a page is found: what it is (the caller's numbering), and of which version and project. */
struct jx_pagecache_key {
	int kind;
	int version;
	int64_t id;
};

struct jx_pagecache;

/* A cache holding at most budget bytes (0: it keeps nothing). Free it with jx_pagecache_free() once no
 * thread uses it; pages its callers still hold stay valid. */
struct jx_pagecache *jx_pagecache_new(size_t budget);
void jx_pagecache_free(struct jx_pagecache *c);

/* The page kept at k, with a user for the caller, or NULL. */
struct jx_rendered *jx_pagecache_get(struct jx_pagecache *c, const struct jx_pagecache_key *k);
/* Keeps p at k (the caller keeps its own use of p). A page of the same digest and type kept already
 * serves k instead; a page larger than half the budget is not kept. Makes room by letting go of the
 * addresses used least recently. */
void jx_pagecache_put(struct jx_pagecache *c, const struct jx_pagecache_key *k, struct jx_rendered *p);
/* The slot i of p: the thing there, or, if empty, make(ctx) put there (by one thread only: another
 * thread's at the same time is dropped with drop). Its size bytes count against c's budget with the
 * page's own for as long as c keeps p. The caller is a user of p. */
void *jx_pagecache_slot(struct jx_pagecache *c, struct jx_rendered *p, unsigned i, void *(*make)(void *ctx), void *ctx,
			void (*drop)(void *), size_t size);
/* Lets go of k, or (jx_pagecache_forget_id) of every address of project id, of every kind and version. */
void jx_pagecache_forget(struct jx_pagecache *c, const struct jx_pagecache_key *k);
void jx_pagecache_forget_id(struct jx_pagecache *c, int64_t id);

/* What the cache holds: addresses, distinct pages, and the bytes it counts against its budget. */
struct jx_pagecache_stats {
	size_t addresses, pages, bytes, budget;
};
void jx_pagecache_stats(struct jx_pagecache *c, struct jx_pagecache_stats *out);

#endif
