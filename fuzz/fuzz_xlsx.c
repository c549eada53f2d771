/*
 * fuzz_xlsx.c — libFuzzer harness for the XLSX reader (xlsx_*.c, through jx_reader_ooxml), with the
 * round trips of common.c on every table it accepts. Inputs are workbooks, or the text of their parts
 * (see fuzz_read_office in common.h); its corpus holds both.
 */
#include <stddef.h>
#include <stdint.h>

#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_office((const char *)data, size);
	return 0;
}
