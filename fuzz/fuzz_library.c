/*
 * fuzz_library.c — libFuzzer harness for the indicator library's file form (library.c), which `library
 * add` reads from finance's files. What it accepts must write out and read back as the same entries:
 * every entry's JSON read again gives that JSON, byte for byte, and the merge of a file into the seed
 * keeps the seed's indexes sound (every entry found by its id, and by its name and unit). (A merged
 * library is not written out: its counts wait for the store to record the tables it lists.)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/library.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sound(const struct jx_library *lib)
{
	size_t i;

	for (i = 0; i < lib->n; i++)
		if (jx_library_get(lib, lib->e[i].id) != &lib->e[i] || !jx_library_has(lib, lib->e[i].name, lib->e[i].unit))
			abort();
}

/* The entries of lib written as a file, read back, written again: the same bytes. */
static void round_trip(const struct jx_library *lib)
{
	struct jx_library back = JX_LIBRARY_INIT;
	struct jx_buf a = JX_BUF_INIT, b = JX_BUF_INIT;
	struct jx_err err = { 0 };
	size_t i;

	for (i = 0; i < lib->n; i++) {
		char *s = jx_lib_entry_json(&lib->e[i]);

		jx_buf_addf(&a, NULL, "%s%s", i ? ",\n" : "{\"entries\": [\n", s);
		free(s);
	}
	jx_buf_adds(&a, lib->n ? "]}\n" : "{\"entries\": []}\n", NULL);
	if (jx_library_read(&back, a.ptr, a.len, "again", false, &err) || back.n != lib->n) {
		fprintf(stderr, "written entries do not read back: %s\n%s\n", err.msg, a.ptr);
		abort();
	}
	for (i = 0; i < back.n; i++) {
		char *s = jx_lib_entry_json(&back.e[i]);

		jx_buf_addf(&b, NULL, "%s%s", i ? ",\n" : "{\"entries\": [\n", s);
		free(s);
	}
	jx_buf_adds(&b, back.n ? "]}\n" : "{\"entries\": []}\n", NULL);
	if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0) {
		fprintf(stderr, "round trip changed the entries:\n%s\n---\n%s\n", a.ptr, b.ptr);
		abort();
	}
	jx_library_free(&back);
	jx_buf_release(&a);
	jx_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jx_library given = JX_LIBRARY_INIT, lib;
	struct jx_lib_stats stats = { 0 };
	struct jx_err err = { 0 };

	if (jx_library_read(&given, (const char *)data, size, "fuzz.json", false, &err))
		return 0;
	round_trip(&given);
	if (jx_library_load(NULL, &lib, &err))
		abort();
	if (jx_library_merge(&lib, &given, &stats, &err) == 0)
		sound(&lib);
	jx_library_free(&lib);
	jx_library_free(&given);
	return 0;
}
