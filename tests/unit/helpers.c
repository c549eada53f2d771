/*
 * helpers.c — see helpers.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "helpers.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"

const char *src_path(const char *rel)
{
	static char path[4096];
	const char *src = getenv("JIXIAO_SRC");

	snprintf(path, sizeof(path), "%s/%s", src ? src : ".", rel);
	return path;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

struct keep {
	struct jx_project **out;
	size_t cap;
	size_t n;
};

static int keep_one(void *ctx, struct jx_project *p, struct jx_err *err)
{
	struct keep *k = ctx;
	(void)err;
	if (k->n < k->cap)
		k->out[k->n] = jx_project_take(p); /* the reader frees p after this call */
	k->n++;
	return 0;
}

int read_projects(const char *text, size_t len, struct jx_project **out, size_t cap, struct jx_err *err)
{
	struct keep k = { out, cap, 0 };
	const struct jx_reader *r;
	struct jx_input in;
	int rc;

	jx_input_from_mem(&in, text, len, "test");
	r = jx_reader_detect(&in, err);
	rc = r ? r->read(&in, keep_one, &k, err) : -1;
	jx_input_close(&in);
	if (rc) {
		free_projects(out, k.n < cap ? k.n : cap);
		return -1;
	}
	return (int)k.n;
}

char *zip_of(const char *const *parts, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za;
	char *buf;

	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (; parts[0]; parts += 2) {
		zip_source_t *s = zip_source_buffer(za, parts[1], strlen(parts[1]), 0);

		assert_true(zip_file_add(za, parts[0], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_seek(src, 0, SEEK_END);
	*len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	buf = malloc(*len);
	assert_int_equal(zip_source_read(src, buf, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	return buf;
}

int read_zip(const char *const *parts, struct jx_project **out, size_t cap, struct jx_err *err)
{
	size_t len;
	char *zip = zip_of(parts, &len);
	int n = read_projects(zip, len, out, cap, err);

	free(zip);
	return n;
}

void remove_db(const char *path)
{
	char side[4096];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

void free_projects(struct jx_project **p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		jx_project_free(p[i]);
}
