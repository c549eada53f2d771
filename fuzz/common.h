/*
 * common.h — shared by the fuzz harnesses: reading projects from bytes, and the round-trip checks
 * every harness applies to what it reads (a failed check aborts, which libFuzzer reports).
 */
#ifndef JIXIAO_FUZZ_COMMON_H
#define JIXIAO_FUZZ_COMMON_H

#include <stddef.h>

struct jx_project;
struct jx_reader;

/* Reads data with reader r, calling check() on each project read. Errors are fine; crashes are not. */
void fuzz_read(const struct jx_reader *r, const char *data, size_t len);

/* Reads data with jx_reader_ooxml: an Office file as it is (a zip), or, when it starts with "--- ",
 * the text of its parts, each after a line "--- NAME", zipped without compression before reading —
 * mutations of a zip mostly break its checksums, while these reach the XML and the cells. */
void fuzz_read_office(const char *data, size_t size);

/* The round-trip properties: p written in the document form reads back as the same table; written
 * as JSON it reads back as the same table with the same flags and status. */
void fuzz_check(const struct jx_project *p);

#endif
