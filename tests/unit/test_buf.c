/*
 * test_buf.c — struct jx_buf: the growable, capped, always NUL-terminated byte buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/err.h"

/* The buffer holds exactly the string s. */
static void assert_holds(const struct jx_buf *b, const char *s)
{
	assert_non_null(b->ptr);
	assert_int_equal(b->len, strlen(s));
	assert_memory_equal(b->ptr, s, strlen(s) + 1);
}

static void test_buf_init_is_empty_not_null(void **state)
{
	struct jx_buf a = JX_BUF_INIT, b;

	(void)state;
	jx_buf_init(&b, 10);
	assert_holds(&a, "");
	assert_holds(&b, "");
	assert_int_equal(a.cap, 0);
	assert_int_equal(a.max, SIZE_MAX);
	assert_int_equal(b.max, 10);
}

static void test_buf_appends_in_all_forms(void **state)
{
	struct jx_buf b = JX_BUF_INIT;
	struct jx_err err = { JX_OK, "" };

	(void)state;
	assert_int_equal(jx_buf_add(&b, "ab\0z", 2, &err), 0);
	assert_int_equal(jx_buf_adds(&b, "中文", &err), 0);
	assert_int_equal(jx_buf_addc(&b, '-', &err), 0);
	assert_int_equal(jx_buf_addn(&b, 'x', 3, &err), 0);
	assert_int_equal(jx_buf_addf(&b, &err, "[%d:%s]", 42, "ok"), 0);
	assert_holds(&b, "ab中文-xxx[42:ok]");
	assert_int_equal(err.code, JX_OK); /* success leaves err untouched */
	assert_string_equal(err.msg, "");
	jx_buf_release(&b);
}

static void test_buf_empty_appends_succeed_without_memory(void **state)
{
	struct jx_buf b;

	(void)state;
	jx_buf_init(&b, 0);
	assert_int_equal(jx_buf_add(&b, "x", 0, NULL), 0);
	assert_int_equal(jx_buf_addn(&b, 'x', 0, NULL), 0);
	assert_int_equal(jx_buf_adds(&b, "", NULL), 0);
	assert_int_equal(b.cap, 0);
	assert_holds(&b, "");
}

static void test_buf_grows_across_many_appends(void **state)
{
	struct jx_buf b = JX_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 10000; i++)
		assert_int_equal(jx_buf_addc(&b, (char)('a' + i % 26), NULL), 0);
	assert_int_equal(b.len, 10000);
	assert_true(b.cap > b.len);
	assert_int_equal(b.ptr[10000], '\0');
	for (i = 0; i < 10000; i++)
		assert_int_equal(b.ptr[i], 'a' + i % 26);
	jx_buf_release(&b);
}

static void test_buf_addf_longer_than_first_allocation(void **state)
{
	struct jx_buf b = JX_BUF_INIT;
	char want[301];

	(void)state;
	memset(want, 'q', 300);
	want[300] = '\0';
	assert_int_equal(jx_buf_addf(&b, NULL, "%s", want), 0);
	assert_int_equal(jx_buf_addf(&b, NULL, "%s", ""), 0);
	assert_holds(&b, want);
	jx_buf_release(&b);
}

/* The i-th kind of append of three bytes. */
static int append_three(struct jx_buf *b, int kind, struct jx_err *err)
{
	switch (kind) {
	case 0:
		return jx_buf_adds(b, "def", err);
	case 1:
		return jx_buf_addn(b, 'z', 3, err);
	case 2:
		return jx_buf_addf(b, err, "%d", 123);
	case 3:
		return jx_buf_grow(b, 3, err);
	default:
		return jx_buf_add(b, "xyz", 3, err);
	}
}

/* Every kind of append that would pass max fails with JX_ETOOBIG and leaves the buffer as it was. */
static void test_buf_max_refuses_append_and_leaves_buffer(void **state)
{
	struct jx_buf b;
	struct jx_err err;
	char *before;
	size_t cap;
	int kind;

	(void)state;
	jx_buf_init(&b, 5);
	assert_int_equal(jx_buf_adds(&b, "abc", NULL), 0);
	before = b.ptr;
	cap = b.cap;
	for (kind = 0; kind < 5; kind++) {
		jx_err_clear(&err);
		assert_int_equal(append_three(&b, kind, &err), -1);
		assert_int_equal(err.code, JX_ETOOBIG);
		assert_non_null(strstr(err.msg, "5"));
		assert_holds(&b, "abc");
		assert_ptr_equal(b.ptr, before);
		assert_int_equal(b.cap, cap);
	}
	jx_buf_release(&b);
}

static void test_buf_max_allows_exactly_max(void **state)
{
	struct jx_buf b;

	(void)state;
	jx_buf_init(&b, 5);
	assert_int_equal(jx_buf_adds(&b, "abc", NULL), 0);
	assert_int_equal(jx_buf_addn(&b, 'd', 2, NULL), 0);
	assert_holds(&b, "abcdd");
	assert_int_equal(jx_buf_addc(&b, 'e', NULL), -1); /* err may be NULL */
	assert_holds(&b, "abcdd");
	jx_buf_release(&b);
}

static void test_buf_max_zero_refuses_first_byte(void **state)
{
	struct jx_buf b;
	struct jx_err err;

	(void)state;
	jx_err_clear(&err);
	jx_buf_init(&b, 0);
	assert_int_equal(jx_buf_addc(&b, 'a', &err), -1);
	assert_int_equal(err.code, JX_ETOOBIG);
	assert_int_equal(b.cap, 0);
	assert_holds(&b, "");
}

static void test_buf_grow_then_setlen_for_direct_reads(void **state)
{
	struct jx_buf b = JX_BUF_INIT;

	(void)state;
	assert_int_equal(jx_buf_adds(&b, "ab", NULL), 0);
	assert_int_equal(jx_buf_grow(&b, 100, NULL), 0);
	assert_int_equal(b.len, 2);
	assert_true(b.cap >= 103);
	memcpy(b.ptr + b.len, "0123456789", 10);
	jx_buf_setlen(&b, 12);
	assert_holds(&b, "ab0123456789");
	jx_buf_setlen(&b, 4); /* shortening */
	assert_holds(&b, "ab01");
	jx_buf_release(&b);
}

static void test_buf_consume_drops_front(void **state)
{
	struct jx_buf b = JX_BUF_INIT;

	(void)state;
	assert_int_equal(jx_buf_adds(&b, "hello world", NULL), 0);
	jx_buf_consume(&b, 0);
	assert_holds(&b, "hello world");
	jx_buf_consume(&b, 6);
	assert_holds(&b, "world");
	jx_buf_consume(&b, 5);
	assert_holds(&b, "");
	jx_buf_release(&b);
}

static void test_buf_reset_keeps_memory(void **state)
{
	struct jx_buf b = JX_BUF_INIT;
	char *ptr;
	size_t cap;

	(void)state;
	assert_int_equal(jx_buf_adds(&b, "some text", NULL), 0);
	ptr = b.ptr;
	cap = b.cap;
	jx_buf_reset(&b);
	assert_holds(&b, "");
	assert_ptr_equal(b.ptr, ptr);
	assert_int_equal(b.cap, cap);
	jx_buf_release(&b);
	jx_buf_reset(&b); /* on an unallocated buffer too */
	assert_holds(&b, "");
}

static void test_buf_release_leaves_usable_buffer(void **state)
{
	struct jx_buf b;

	(void)state;
	jx_buf_init(&b, 8);
	assert_int_equal(jx_buf_adds(&b, "abc", NULL), 0);
	jx_buf_release(&b);
	assert_holds(&b, "");
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 8); /* the cap survives */
	assert_int_equal(jx_buf_adds(&b, "123456789", NULL), -1);
	assert_int_equal(jx_buf_adds(&b, "xyz", NULL), 0);
	assert_holds(&b, "xyz");
	jx_buf_release(&b);
	jx_buf_release(&b); /* twice is harmless */
}

static void test_buf_detach_hands_ownership(void **state)
{
	struct jx_buf b = JX_BUF_INIT;
	size_t len = 0;
	char *s, *old;

	(void)state;
	assert_int_equal(jx_buf_adds(&b, "owned", NULL), 0);
	old = b.ptr;
	s = jx_buf_detach(&b, &len);
	assert_ptr_equal(s, old); /* the same bytes, not a copy */
	assert_string_equal(s, "owned");
	assert_int_equal(len, 5);
	assert_holds(&b, "");
	assert_int_equal(b.cap, 0);
	assert_int_equal(jx_buf_adds(&b, "again", NULL), 0);
	assert_ptr_not_equal(b.ptr, s);
	free(s);
	assert_holds(&b, "again");
	jx_buf_release(&b);
}

static void test_buf_detach_empty_gives_freeable_string(void **state)
{
	struct jx_buf b = JX_BUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	s = jx_buf_detach(&b, &len);
	assert_non_null(s);
	assert_ptr_not_equal(s, jx_buf_empty);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	s = jx_buf_detach(&b, NULL); /* len may be NULL */
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_init_is_empty_not_null),
		cmocka_unit_test(test_buf_appends_in_all_forms),
		cmocka_unit_test(test_buf_empty_appends_succeed_without_memory),
		cmocka_unit_test(test_buf_grows_across_many_appends),
		cmocka_unit_test(test_buf_addf_longer_than_first_allocation),
		cmocka_unit_test(test_buf_max_refuses_append_and_leaves_buffer),
		cmocka_unit_test(test_buf_max_allows_exactly_max),
		cmocka_unit_test(test_buf_max_zero_refuses_first_byte),
		cmocka_unit_test(test_buf_grow_then_setlen_for_direct_reads),
		cmocka_unit_test(test_buf_consume_drops_front),
		cmocka_unit_test(test_buf_reset_keeps_memory),
		cmocka_unit_test(test_buf_release_leaves_usable_buffer),
		cmocka_unit_test(test_buf_detach_hands_ownership),
		cmocka_unit_test(test_buf_detach_empty_gives_freeable_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
