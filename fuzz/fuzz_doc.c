/*
 * fuzz_doc.c — libFuzzer harness for the document-text reader (doc_import.c), with the round trips
 * of common.c on every table it accepts.
 */
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "jixiao/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(&jx_reader_doc, (const char *)data, size);
	return 0;
}
