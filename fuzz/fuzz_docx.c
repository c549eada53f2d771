/*
 * fuzz_docx.c — libFuzzer harness for the Word reader (docx_import.c, through jx_reader_ooxml), with
 * the round trips of common.c on every table it accepts.
 *
 * An input is a document as it is (a zip), the text of its parts (see fuzz_read_office in common.h),
 * or, when it starts with '<', word/document.xml alone, which the harness packs as such: mutations then
 * go straight to the paragraphs, rows and cells.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define PART "--- word/document.xml\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t head = strlen(PART);
	char *parts;

	if (size == 0 || data[0] != '<') {
		fuzz_read_office((const char *)data, size);
		return 0;
	}
	parts = malloc(head + size);
	memcpy(parts, PART, head);
	memcpy(parts + head, data, size);
	fuzz_read_office(parts, head + size);
	free(parts);
	return 0;
}
