/*
 * fuzz_json.c — libFuzzer harness for the streaming JSON reader (json_io.c), with the round trips of
 * common.c on every project it accepts.
 */
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "jixiao/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(&jx_reader_json, (const char *)data, size);
	return 0;
}
