/*
 * test_pagecache.c — pages as immutable bytes (their digest, their gzip form made once and read back
 * to the same bytes) and the cache that keeps them: content-addressed, bounded by its budget whatever
 * is put in it, the least recently used let go first, forgetting by address and by project, and pages
 * that stay valid for whoever holds them after the cache has let them go.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "jixiao/pagecache.h"

static const char html[] = "text/html; charset=utf-8";
static const char json[] = "application/json; charset=utf-8";

/* n bytes that compress poorly (a page's cost is then close to twice n), from seed. */
static char *noise(size_t n, unsigned seed)
{
	char *s = malloc(n + 1);
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		s[i] = (char)('!' + (seed >> 16) % 90);
	}
	s[n] = '\0';
	return s;
}

/* All of p's bytes, read back from its gzip form. */
static char *read_back(struct jx_rendered *p, size_t *len)
{
	struct jx_rendered_reader *rd = jx_rendered_reader_new(p);
	size_t cap = p->len + 1, n = 0;
	char *out = malloc(cap + 1);
	ssize_t got;

	while ((got = jx_rendered_reader_read(rd, out + n, n + 7 < cap ? 7 : cap - n)) > 0) /* small pieces on purpose */
		n += (size_t)got;
	assert_int_equal(got, 0);
	jx_rendered_reader_free(rd);
	*len = n;
	return out;
}

static void test_page_digest_and_gzip(void **state)
{
	const char text[] = "<!DOCTYPE html>\n<p>博湖县2021年疫情防控项目</p>\n";
	unsigned char digest[32], *plain;
	char hex[65], *back;
	uLongf plain_len = sizeof(text) * 2;
	struct jx_rendered *p = jx_rendered_make(text, strlen(text), html, true);
	struct jx_rendered *q = jx_rendered_make(text, strlen(text), html, true);
	z_stream z = { 0 };
	size_t n;

	(void)state;
	crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	assert_string_equal(p->digest, hex);
	assert_int_equal(p->len, strlen(text));
	assert_memory_equal(p->bytes, text, strlen(text));
	assert_ptr_equal(p->type, html);
	/* gzip (RFC 1952): decodes to the same bytes with zlib's own reader, and is made the same every time */
	assert_true(p->gz_len > 18 && p->gz[0] == 0x1f && p->gz[1] == 0x8b);
	plain = malloc(plain_len);
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = p->gz;
	z.avail_in = (unsigned)p->gz_len;
	z.next_out = plain;
	z.avail_out = (unsigned)plain_len;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, strlen(text));
	assert_memory_equal(plain, text, strlen(text));
	inflateEnd(&z);
	assert_int_equal(q->gz_len, p->gz_len);
	assert_memory_equal(q->gz, p->gz, p->gz_len);
	back = read_back(p, &n);
	assert_int_equal(n, strlen(text));
	assert_memory_equal(back, text, n);
	free(back);
	free(plain);
	jx_rendered_release(p);
	jx_rendered_release(q);
}

static void test_page_kept_gzipped_only(void **state)
{
	size_t big = (3u << 20) + 5, n; /* past the size compressed hardest: the other level */
	char *text = noise(big, 7), *back;
	struct jx_rendered *p = jx_rendered_make(text, big, html, false), *empty = jx_rendered_make("", 0, json, false);

	(void)state;
	assert_null(p->bytes);
	assert_int_equal(p->len, big);
	back = read_back(p, &n);
	assert_int_equal(n, big);
	assert_memory_equal(back, text, big);
	free(back);
	back = read_back(empty, &n);
	assert_int_equal(n, 0);
	free(back);
	free(text);
	jx_rendered_release(p);
	jx_rendered_release(empty);
}

static void test_damaged_gzip_is_refused(void **state)
{
	char *text = noise(5000, 3), buf[8192];
	struct jx_rendered *p = jx_rendered_make(text, 5000, html, false);
	struct jx_rendered_reader *rd;
	ssize_t got = 0, n;

	(void)state;
	p->gz_len /= 2; /* cut short */
	rd = jx_rendered_reader_new(p);
	while ((n = jx_rendered_reader_read(rd, buf, sizeof(buf))) > 0)
		got += n;
	assert_int_equal(n, -1);
	assert_true(got < 5000);
	jx_rendered_reader_free(rd);
	jx_rendered_release(p);
	free(text);
}

static struct jx_pagecache_key key(int kind, int version, int64_t id)
{
	return (struct jx_pagecache_key){ kind, version, id };
}

/* Puts a page of text at k and lets go of the caller's use of it. */
static void put_text(struct jx_pagecache *c, struct jx_pagecache_key k, const char *text, const char *type)
{
	struct jx_rendered *p = jx_rendered_make(text, strlen(text), type, true);

	jx_pagecache_put(c, &k, p);
	jx_rendered_release(p);
}

static void test_cache_keeps_by_address(void **state)
{
	struct jx_pagecache *c = jx_pagecache_new(1u << 20);
	struct jx_rendered *p;
	struct jx_pagecache_stats s;

	(void)state;
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 5 }));
	put_text(c, key(0, 1, 5), "<p>第 1 版</p>", html);
	put_text(c, key(1, 1, 5), "{\"name\":\"x\"}\n", json);
	p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 5 });
	assert_non_null(p);
	assert_string_equal(p->bytes, "<p>第 1 版</p>");
	jx_rendered_release(p);
	p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 1, 1, 5 });
	assert_string_equal(p->bytes, "{\"name\":\"x\"}\n");
	jx_rendered_release(p);
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 2, 5 })); /* another version */
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 6 })); /* another table */
	put_text(c, key(0, 1, 5), "<p>again</p>", html);                  /* an address put again: the latest */
	p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 5 });
	assert_string_equal(p->bytes, "<p>again</p>");
	jx_rendered_release(p);
	jx_pagecache_stats(c, &s);
	assert_int_equal(s.addresses, 2);
	assert_int_equal(s.pages, 2);
	jx_pagecache_free(c);
}

static void test_cache_is_content_addressed(void **state)
{
	struct jx_pagecache *c = jx_pagecache_new(1u << 20);
	struct jx_rendered *a, *b;
	struct jx_pagecache_stats s;

	(void)state;
	put_text(c, key(0, 1, 5), "<p>unchanged</p>", html); /* a table published again unchanged */
	put_text(c, key(0, 2, 5), "<p>unchanged</p>", html);
	put_text(c, key(1, 2, 5), "<p>unchanged</p>", json); /* the same bytes as another type: another page */
	a = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 5 });
	b = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 2, 5 });
	assert_ptr_equal(a, b);
	jx_pagecache_stats(c, &s);
	assert_int_equal(s.addresses, 3);
	assert_int_equal(s.pages, 2);
	jx_pagecache_forget(c, &(struct jx_pagecache_key){ 0, 1, 5 }); /* the page stays for the other address */
	jx_pagecache_stats(c, &s);
	assert_int_equal(s.pages, 2);
	jx_rendered_release(a);
	jx_rendered_release(b);
	jx_pagecache_free(c);
}

static void test_cache_stays_within_its_budget(void **state)
{
	size_t budget = 64u << 10, i;
	struct jx_pagecache *c = jx_pagecache_new(budget);
	struct jx_pagecache_stats s;
	struct jx_rendered *p;

	(void)state;
	for (i = 1; i <= 2000; i++) { /* some 2 MiB put through 64 KiB */
		char *text = noise(500 + i % 700, (unsigned)i);

		put_text(c, key(0, 1, (int64_t)i), text, html);
		free(text);
		jx_pagecache_stats(c, &s);
		assert_true(s.bytes <= budget);
		if (i % 10 == 0) { /* the first is used all along: it is never the least recently used */
			p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 1 });
			assert_non_null(p);
			jx_rendered_release(p);
		}
	}
	assert_true(s.addresses > 20 && s.addresses < 200);
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 2 })); /* old and unused: gone */
	p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 2000 });   /* the latest: kept */
	assert_non_null(p);
	jx_rendered_release(p);
	jx_pagecache_free(c);
}

static void test_cache_refuses_what_cannot_fit(void **state)
{
	struct jx_pagecache *none = jx_pagecache_new(0), *small = jx_pagecache_new(4096);
	char *text = noise(3000, 1);
	struct jx_pagecache_stats s;

	(void)state;
	put_text(none, key(0, 1, 1), "<p>x</p>", html); /* a budget of 0 keeps nothing */
	assert_null(jx_pagecache_get(none, &(struct jx_pagecache_key){ 0, 1, 1 }));
	put_text(small, key(0, 1, 1), text, html); /* more than half the budget */
	assert_null(jx_pagecache_get(small, &(struct jx_pagecache_key){ 0, 1, 1 }));
	jx_pagecache_stats(small, &s);
	assert_int_equal(s.bytes, 0);
	free(text);
	jx_pagecache_free(none);
	jx_pagecache_free(small);
}

static void test_cache_forgets_a_project(void **state)
{
	struct jx_pagecache *c = jx_pagecache_new(1u << 20);
	struct jx_pagecache_stats s;
	struct jx_rendered *p;
	int64_t id;

	(void)state;
	for (id = 1; id <= 300; id++) { /* enough to share buckets */
		put_text(c, key(0, 1, id), id == 5 ? "<p>5</p>" : "<p>other</p>", html);
		put_text(c, key(1, 2, id), id == 5 ? "{\"5\":1}" : "{}", json);
	}
	jx_pagecache_forget_id(c, 5);
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 5 }));
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 1, 2, 5 }));
	for (id = 1; id <= 300; id++) {
		if (id == 5)
			continue;
		p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 1, 2, id });
		assert_non_null(p);
		jx_rendered_release(p);
	}
	jx_pagecache_stats(c, &s);
	assert_int_equal(s.addresses, 598);
	assert_int_equal(s.pages, 2); /* every other table's pages are the same bytes */
	jx_pagecache_free(c);
}

static int dropped;

static void *make_slot(void *ctx)
{
	return strdup(ctx);
}

static void drop_slot(void *v)
{
	dropped++;
	free(v);
}

static void test_pages_outlive_the_cache(void **state)
{
	struct jx_pagecache *c = jx_pagecache_new(8192);
	struct jx_rendered *p, *other;
	char *slot, *text = noise(1500, 9);

	(void)state;
	dropped = 0;
	put_text(c, key(0, 1, 1), "<p>held</p>", html);
	p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 1 });
	slot = jx_pagecache_slot(c, p, 2, make_slot, "answer", drop_slot, 10);
	assert_string_equal(slot, "answer");
	assert_ptr_equal(jx_pagecache_slot(c, p, 2, make_slot, "another", drop_slot, 10), slot); /* made once */
	other = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 1 });
	put_text(c, key(0, 1, 2), text, html); /* push the first out */
	put_text(c, key(0, 1, 3), text + 1, html);
	put_text(c, key(0, 1, 4), text + 2, html);
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 1 }));
	assert_string_equal(p->bytes, "<p>held</p>"); /* still the caller's */
	jx_rendered_release(other);
	assert_int_equal(dropped, 0);
	jx_rendered_pin(p); /* something still sending the bytes */
	jx_rendered_release(p);
	assert_int_equal(dropped, 1); /* the last user gone: slots dropped, bytes pinned */
	assert_string_equal(p->bytes, "<p>held</p>");
	jx_rendered_unpin(p);
	jx_pagecache_free(c);
	free(text);
}

static void test_slots_count_against_the_budget(void **state)
{
	struct jx_pagecache *c = jx_pagecache_new(16384);
	struct jx_pagecache_stats before, after;
	struct jx_rendered *p, *q;
	int i;

	(void)state;
	dropped = 0;
	put_text(c, key(0, 1, 1), "<p>one</p>", html);
	put_text(c, key(0, 1, 2), "<p>two</p>", html);
	jx_pagecache_stats(c, &before);
	p = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 1 });
	jx_pagecache_slot(c, p, 0, make_slot, "a", drop_slot, 1000);
	jx_pagecache_stats(c, &after);
	assert_int_equal(after.bytes, before.bytes + 1000);
	q = jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 2 }); /* slots enough to pass the budget */
	for (i = 0; i < JX_RENDERED_SLOTS; i++)
		jx_pagecache_slot(c, q, (unsigned)i, make_slot, "b", drop_slot, 1900);
	jx_pagecache_stats(c, &after);
	assert_true(after.bytes <= 16384);
	assert_null(jx_pagecache_get(c, &(struct jx_pagecache_key){ 0, 1, 1 })); /* the least recently used went */
	jx_pagecache_forget(c, &(struct jx_pagecache_key){ 0, 1, 2 });
	jx_pagecache_stats(c, &after);
	assert_int_equal(after.bytes, 0);
	assert_int_equal(dropped, 0); /* the pages are still held */
	jx_rendered_release(p);
	jx_rendered_release(q);
	assert_int_equal(dropped, 1 + JX_RENDERED_SLOTS);
	jx_pagecache_free(c);
}

struct hammer {
	struct jx_pagecache *c;
	unsigned seed;
};

static void *hammer(void *arg)
{
	struct hammer *h = arg;
	int i;

	for (i = 0; i < 3000; i++) {
		unsigned r = h->seed = h->seed * 1103515245u + 12345u;
		struct jx_pagecache_key k = key((int)(r >> 8 & 1), 1, (int64_t)(r >> 12 & 63));
		struct jx_rendered *p = jx_pagecache_get(h->c, &k);

		if (p) {
			assert_true(p->len == strlen(p->bytes));
			jx_rendered_release(p);
		} else if (r >> 20 & 7) {
			char text[64];

			snprintf(text, sizeof(text), "<p>%d %lld</p>", k.kind, (long long)k.id);
			put_text(h->c, k, text, html);
		} else {
			jx_pagecache_forget_id(h->c, k.id);
		}
	}
	return NULL;
}

static void test_threads_share_the_cache(void **state)
{
	struct jx_pagecache *c = jx_pagecache_new(8192);
	struct hammer h[4];
	pthread_t t[4];
	struct jx_pagecache_stats s;
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		h[i] = (struct hammer){ c, (unsigned)i + 1 };
		assert_int_equal(pthread_create(&t[i], NULL, hammer, &h[i]), 0);
	}
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	jx_pagecache_stats(c, &s);
	assert_true(s.bytes <= 8192);
	jx_pagecache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_digest_and_gzip),
		cmocka_unit_test(test_page_kept_gzipped_only),
		cmocka_unit_test(test_damaged_gzip_is_refused),
		cmocka_unit_test(test_cache_keeps_by_address),
		cmocka_unit_test(test_cache_is_content_addressed),
		cmocka_unit_test(test_cache_stays_within_its_budget),
		cmocka_unit_test(test_cache_refuses_what_cannot_fit),
		cmocka_unit_test(test_cache_forgets_a_project),
		cmocka_unit_test(test_pages_outlive_the_cache),
		cmocka_unit_test(test_slots_count_against_the_budget),
		cmocka_unit_test(test_threads_share_the_cache),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
