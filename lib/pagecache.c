/*
 * pagecache.c — rendered pages as immutable bytes, content-addressed, in a bounded cache shared by
 * threads. See pagecache.h.
 *
 * One lock guards the cache: a lookup is a hash probe and a move to the front of the list of
 * addresses by use, far shorter than anything done with the page afterwards. Pages are counted
 * outside it (atomics), so that a page outlives the cache's hold on it for as long as anyone uses it.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "jixiao/alloc.h"
#include "jixiao/pagecache.h"

/* ---- pages ---- */

#define GZIP_WINDOW (15 + 16) /* inflate's: the largest window, with a gzip header and trailer */
#define BEST_MAX (1u << 20)   /* pages up to this size are compressed as small as zlib can */
#define PIECE (1u << 30)      /* zlib counts in unsigned int: input and output go in pieces of this */

/* The gzip form of bytes[0..len). The header carries no name and no time, and the parameters depend
 * on len alone, so that every server makes the same bytes of the same page. A window no larger than
 * the page (and tables to match) loses nothing and saves zlib most of its setting up, which is most of
 * the time a table's page takes to compress. */
static unsigned char *gzip(const char *bytes, size_t len, size_t *out_len)
{
	z_stream z = { 0 };
	size_t cap, left = len;
	unsigned char *out;
	int rc, window = 9;

	while (window < 15 && ((size_t)1 << window) < len)
		window++;
	if (deflateInit2(&z, len <= BEST_MAX ? Z_BEST_COMPRESSION : Z_DEFAULT_COMPRESSION, Z_DEFLATED, window + 16,
			 window - 7, Z_DEFAULT_STRATEGY) != Z_OK)
		abort(); /* only for want of memory, or arguments that are wrong */
	cap = deflateBound(&z, len) + 64;
	out = jx_malloc(cap);
	z.next_in = (unsigned char *)bytes;
	z.next_out = out;
	do {
		size_t in = left < PIECE ? left : PIECE, room = cap - (size_t)(z.next_out - out);

		z.avail_in = (unsigned)in;
		z.avail_out = (unsigned)(room < PIECE ? room : PIECE);
		left -= in;
		rc = deflate(&z, left ? Z_NO_FLUSH : Z_FINISH);
		left += z.avail_in;
	} while (rc == Z_OK || (rc == Z_BUF_ERROR && z.avail_out == 0));
	if (rc != Z_STREAM_END)
		abort(); /* deflateBound gives room for all of it */
	*out_len = (size_t)(z.next_out - out);
	deflateEnd(&z);
	return jx_realloc(out, *out_len ? *out_len : 1);
}

struct jx_rendered *jx_rendered_make(const char *bytes, size_t len, const char *type, bool keep)
{
	struct jx_rendered *p = jx_calloc(1, sizeof(*p));
	unsigned char digest[crypto_hash_sha256_BYTES];

	if (sodium_init() < 0)
		abort(); /* libsodium cannot work on this machine at all */
	crypto_hash_sha256(digest, (const unsigned char *)bytes, len);
	sodium_bin2hex(p->digest, sizeof(p->digest), digest, sizeof(digest));
	p->type = type;
	p->len = len;
	p->gz = gzip(bytes, len, &p->gz_len);
	if (keep) {
		p->bytes = jx_malloc(len + 1);
		memcpy(p->bytes, bytes, len);
		p->bytes[len] = '\0';
	}
	p->users = 1;
	p->pins = 1;
	return p;
}

struct jx_rendered *jx_rendered_hold(struct jx_rendered *p)
{
	__atomic_add_fetch(&p->users, 1, __ATOMIC_RELAXED);
	return p;
}

void jx_rendered_pin(struct jx_rendered *p)
{
	__atomic_add_fetch(&p->pins, 1, __ATOMIC_RELAXED);
}

void jx_rendered_unpin(void *v)
{
	struct jx_rendered *p = v;

	if (__atomic_sub_fetch(&p->pins, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	free(p->bytes);
	free(p->gz);
	free(p);
}

void jx_rendered_release(struct jx_rendered *p)
{
	unsigned i;

	if (!p || __atomic_sub_fetch(&p->users, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	for (i = 0; i < JX_RENDERED_SLOTS; i++)
		if (p->slot[i])
			p->drop_slot(p->slot[i]);
	jx_rendered_unpin(p);
}

/* ---- reading a page back from its gzip form ---- */

struct jx_rendered_reader {
	struct jx_rendered *p;
	z_stream z;
	size_t fed; /* bytes of the gzip form given to zlib */
	bool done;
};

struct jx_rendered_reader *jx_rendered_reader_new(struct jx_rendered *p)
{
	struct jx_rendered_reader *rd = jx_calloc(1, sizeof(*rd));

	if (inflateInit2(&rd->z, GZIP_WINDOW) != Z_OK)
		abort(); /* only for want of memory */
	jx_rendered_pin(p);
	rd->p = p;
	return rd;
}

ssize_t jx_rendered_reader_read(struct jx_rendered_reader *rd, char *buf, size_t n)
{
	int rc;

	if (rd->done || !n)
		return 0;
	rd->z.next_out = (unsigned char *)buf;
	rd->z.avail_out = (unsigned)(n < PIECE ? n : PIECE);
	do {
		if (!rd->z.avail_in && rd->fed < rd->p->gz_len) {
			size_t in = rd->p->gz_len - rd->fed;

			rd->z.next_in = rd->p->gz + rd->fed;
			rd->z.avail_in = (unsigned)(in < PIECE ? in : PIECE);
			rd->fed += rd->z.avail_in;
		}
		rc = inflate(&rd->z, Z_NO_FLUSH);
	} while (rc == Z_OK && rd->z.avail_out && (rd->z.avail_in || rd->fed < rd->p->gz_len));
	if (rc == Z_STREAM_END)
		rd->done = true;
	else if (rc != Z_OK && rc != Z_BUF_ERROR)
		return -1;
	if (!rd->done && rd->z.avail_out && !rd->z.avail_in && rd->fed == rd->p->gz_len)
		return -1; /* the gzip form ends before its stream does */
	return (ssize_t)((size_t)((char *)rd->z.next_out - buf));
}

void jx_rendered_reader_free(struct jx_rendered_reader *rd)
{
	if (!rd)
		return;
	inflateEnd(&rd->z);
	jx_rendered_unpin(rd->p);
	free(rd);
}

/* ---- the cache ---- */

/* An address and the page it leads to. */
struct entry {
	struct jx_pagecache_key k;
	struct jx_rendered *page;
	struct entry *next_key; /* in its bucket by key */
	struct entry *next_id;  /* in its bucket by project id */
	struct entry *newer, *older; /* by use: the newest at c->newest */
};

struct jx_pagecache {
	pthread_mutex_t lock;
	size_t budget, bytes;  /* what it may hold, and holds (pages and addresses) */
	size_t n_entries, n_pages;
	size_t n_buckets;      /* a power of 2 */
	struct entry **by_key, **by_id;
	struct jx_rendered **by_digest;
	struct entry *newest, *oldest;
};

static size_t page_cost(const struct jx_rendered *p)
{
	return sizeof(*p) + (p->bytes ? p->len + 1 : 0) + p->gz_len + p->extra;
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static size_t key_bucket(const struct jx_pagecache *c, const struct jx_pagecache_key *k)
{
	return mix((uint64_t)k->id * 1000003u ^ (uint64_t)(unsigned)k->version << 20 ^ (uint64_t)(unsigned)k->kind) &
	       (c->n_buckets - 1);
}

static size_t id_bucket(const struct jx_pagecache *c, int64_t id)
{
	return mix((uint64_t)id) & (c->n_buckets - 1);
}

static size_t digest_bucket(const struct jx_pagecache *c, const char *digest)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < 16; i++) /* the digest is uniform: its first hex digits will do */
		h = h << 4 | (uint64_t)(digest[i] <= '9' ? digest[i] - '0' : digest[i] - 'a' + 10);
	return h & (c->n_buckets - 1);
}

struct jx_pagecache *jx_pagecache_new(size_t budget)
{
	struct jx_pagecache *c = jx_calloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	c->budget = budget;
	c->n_buckets = 64;
	c->by_key = jx_calloc(c->n_buckets, sizeof(*c->by_key));
	c->by_id = jx_calloc(c->n_buckets, sizeof(*c->by_id));
	c->by_digest = jx_calloc(c->n_buckets, sizeof(*c->by_digest));
	return c;
}

/* Doubles the buckets once there are more addresses than buckets. */
static void grow(struct jx_pagecache *c)
{
	size_t old = c->n_buckets, i;
	struct entry **by_key = c->by_key, *e, *next;
	struct jx_rendered **by_digest = c->by_digest, *p, *pnext;

	if (c->n_entries <= old)
		return;
	c->n_buckets = old * 2;
	c->by_key = jx_calloc(c->n_buckets, sizeof(*c->by_key));
	free(c->by_id);
	c->by_id = jx_calloc(c->n_buckets, sizeof(*c->by_id));
	c->by_digest = jx_calloc(c->n_buckets, sizeof(*c->by_digest));
	for (i = 0; i < old; i++) {
		for (e = by_key[i]; e; e = next) {
			size_t b = key_bucket(c, &e->k), d = id_bucket(c, e->k.id);

			next = e->next_key;
			e->next_key = c->by_key[b];
			c->by_key[b] = e;
			e->next_id = c->by_id[d];
			c->by_id[d] = e;
		}
		for (p = by_digest[i]; p; p = pnext) {
			size_t b = digest_bucket(c, p->digest);

			pnext = p->next;
			p->next = c->by_digest[b];
			c->by_digest[b] = p;
		}
	}
	free(by_key);
	free(by_digest);
}

static bool same_key(const struct jx_pagecache_key *a, const struct jx_pagecache_key *b)
{
	return a->kind == b->kind && a->version == b->version && a->id == b->id;
}

static struct entry *find(struct jx_pagecache *c, const struct jx_pagecache_key *k)
{
	struct entry *e;

	for (e = c->by_key[key_bucket(c, k)]; e && !same_key(&e->k, k); e = e->next_key)
		;
	return e;
}

static void unlink_use(struct jx_pagecache *c, struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
}

static void link_newest(struct jx_pagecache *c, struct entry *e)
{
	e->newer = NULL;
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

/* The kept page of p's digest and type, or NULL. */
static struct jx_rendered *twin(struct jx_pagecache *c, const struct jx_rendered *p)
{
	struct jx_rendered *q;

	for (q = c->by_digest[digest_bucket(c, p->digest)]; q; q = q->next)
		if (strcmp(q->digest, p->digest) == 0 && q->type == p->type && q->len == p->len)
			return q;
	return NULL;
}

/* The last address of page p is gone: the cache lets go of it. */
static void drop_page(struct jx_pagecache *c, struct jx_rendered *p)
{
	struct jx_rendered **at = &c->by_digest[digest_bucket(c, p->digest)];

	while (*at != p)
		at = &(*at)->next;
	*at = p->next;
	c->bytes -= page_cost(p);
	c->n_pages--;
	jx_rendered_release(p);
}

static void drop_entry(struct jx_pagecache *c, struct entry *e)
{
	struct entry **at = &c->by_key[key_bucket(c, &e->k)];

	while (*at != e)
		at = &(*at)->next_key;
	*at = e->next_key;
	for (at = &c->by_id[id_bucket(c, e->k.id)]; *at != e;)
		at = &(*at)->next_id;
	*at = e->next_id;
	unlink_use(c, e);
	c->bytes -= sizeof(*e);
	c->n_entries--;
	if (--e->page->addresses == 0)
		drop_page(c, e->page);
	free(e);
}

/* Lets go of the addresses used least recently until what is kept fits the budget. */
static void make_room(struct jx_pagecache *c, const struct entry *keep)
{
	while (c->bytes > c->budget && c->oldest && c->oldest != keep)
		drop_entry(c, c->oldest);
}

struct jx_rendered *jx_pagecache_get(struct jx_pagecache *c, const struct jx_pagecache_key *k)
{
	struct jx_rendered *p = NULL;
	struct entry *e;

	pthread_mutex_lock(&c->lock);
	if ((e = find(c, k))) {
		unlink_use(c, e);
		link_newest(c, e);
		p = jx_rendered_hold(e->page);
	}
	pthread_mutex_unlock(&c->lock);
	return p;
}

void jx_pagecache_put(struct jx_pagecache *c, const struct jx_pagecache_key *k, struct jx_rendered *p)
{
	struct jx_rendered *kept;
	struct entry *e;
	size_t cost = page_cost(p) + sizeof(*e);

	if (cost > c->budget / 2)
		return;
	pthread_mutex_lock(&c->lock);
	if ((e = find(c, k)))
		drop_entry(c, e); /* another thread's rendering of the same, or an address kept before */
	if (!(kept = twin(c, p))) {
		size_t b = digest_bucket(c, p->digest);

		kept = jx_rendered_hold(p);
		kept->next = c->by_digest[b];
		c->by_digest[b] = kept;
		c->bytes += page_cost(kept);
		c->n_pages++;
	}
	e = jx_calloc(1, sizeof(*e));
	e->k = *k;
	e->page = kept;
	kept->addresses++;
	c->n_entries++;
	c->bytes += sizeof(*e);
	grow(c);
	e->next_key = c->by_key[key_bucket(c, k)];
	c->by_key[key_bucket(c, k)] = e;
	e->next_id = c->by_id[id_bucket(c, k->id)];
	c->by_id[id_bucket(c, k->id)] = e;
	link_newest(c, e);
	make_room(c, e);
	pthread_mutex_unlock(&c->lock);
}

void *jx_pagecache_slot(struct jx_pagecache *c, struct jx_rendered *p, unsigned i, void *(*make)(void *ctx), void *ctx,
			void (*drop)(void *), size_t size)
{
	void *have = __atomic_load_n(&p->slot[i], __ATOMIC_ACQUIRE), *made;

	if (have)
		return have;
	made = make(ctx);
	if (!made)
		return NULL;
	pthread_mutex_lock(&c->lock);
	p->drop_slot = drop;
	if (!__atomic_compare_exchange_n(&p->slot[i], &have, made, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		pthread_mutex_unlock(&c->lock);
		drop(made); /* another thread's came first */
		return have;
	}
	p->extra += size;
	if (p->addresses) { /* kept: its slots count too */
		c->bytes += size;
		make_room(c, NULL);
	}
	pthread_mutex_unlock(&c->lock);
	return made;
}

void jx_pagecache_forget(struct jx_pagecache *c, const struct jx_pagecache_key *k)
{
	struct entry *e;

	pthread_mutex_lock(&c->lock);
	if ((e = find(c, k)))
		drop_entry(c, e);
	pthread_mutex_unlock(&c->lock);
}

void jx_pagecache_forget_id(struct jx_pagecache *c, int64_t id)
{
	struct entry *e, *next;

	pthread_mutex_lock(&c->lock);
	for (e = c->by_id[id_bucket(c, id)]; e; e = next) {
		next = e->next_id;
		if (e->k.id == id)
			drop_entry(c, e);
	}
	pthread_mutex_unlock(&c->lock);
}

void jx_pagecache_stats(struct jx_pagecache *c, struct jx_pagecache_stats *out)
{
	pthread_mutex_lock(&c->lock);
	*out = (struct jx_pagecache_stats){ c->n_entries, c->n_pages, c->bytes, c->budget };
	pthread_mutex_unlock(&c->lock);
}

void jx_pagecache_free(struct jx_pagecache *c)
{
	if (!c)
		return;
	while (c->oldest)
		drop_entry(c, c->oldest);
	free(c->by_key);
	free(c->by_id);
	free(c->by_digest);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
