/*
 * fuzz_html.c — libFuzzer harness for the HTML reader (html_import.c, html_parse.c, html_nest.c): the
 * bound on nesting, gumbo in its capped arena, the grid and the text, with the round trips of common.c
 * on every table it accepts.
 */
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "jixiao/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(&jx_reader_html, (const char *)data, size);
	return 0;
}
