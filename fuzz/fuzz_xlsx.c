/*
 * fuzz_xlsx.c — libFuzzer harness for the XLSX reader (xlsx_*.c), with the round trips of common.c on
 * every table it accepts.
 *
 * An input is a workbook as it is (a zip), or, when it starts with "--- ", the text of its parts,
 * each after a line "--- NAME", which the harness zips without compression before reading: mutations
 * of a zip mostly break its checksums, while these reach the XML and the cells.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "common.h"
#include "jixiao/reader.h"

#define MARK "--- "

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Adds the parts written in text[0..n) to za. */
static void add_parts(zip_t *za, const char *text, size_t n)
{
	const char *p = text, *end = text + n;

	while (p < end && (size_t)(end - p) > strlen(MARK) && memcmp(p, MARK, strlen(MARK)) == 0) {
		const char *name = p + strlen(MARK), *nl = memchr(name, '\n', (size_t)(end - name)), *body, *next;
		char *path;
		zip_source_t *src;
		zip_int64_t idx;

		if (!nl)
			return;
		body = nl + 1;
		for (next = body; next < end && !(next[0] == '\n' && (size_t)(end - next) > strlen(MARK) &&
						  memcmp(next + 1, MARK, strlen(MARK)) == 0);)
			next++;
		path = strndup(name, (size_t)(nl - name));
		src = zip_source_buffer(za, body, (zip_uint64_t)(next - body), 0);
		idx = src ? zip_file_add(za, path, src, ZIP_FL_OVERWRITE) : -1;
		if (idx < 0)
			zip_source_free(src);
		else
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		free(path);
		p = next + (next < end);
	}
}

/* Reads the workbook made of the parts written in text. */
static void read_parts(const char *text, size_t n)
{
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_int64_t len;
	zip_t *za;
	char *buf;

	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za) {
		zip_source_free(src);
		return;
	}
	add_parts(za, text, n);
	if (zip_close(za) != 0) {
		zip_discard(za);
	} else if (zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		len = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		buf = malloc(len > 0 ? (size_t)len : 1);
		if (len > 0 && zip_source_read(src, buf, (zip_uint64_t)len) == len)
			fuzz_read(&jx_reader_ooxml, buf, (size_t)len);
		free(buf);
		zip_source_close(src);
	}
	zip_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > strlen(MARK) && memcmp(data, MARK, strlen(MARK)) == 0)
		read_parts((const char *)data, size);
	else
		fuzz_read(&jx_reader_ooxml, (const char *)data, size);
	return 0;
}
