/*
 * reader.c — choosing a reader by what the input holds, not by its name.
 */
#include <stddef.h>

#include "jixiao/input.h"
#include "jixiao/reader.h"

/* In order of precedence; the document reader, last, takes whatever the others do not. */
static const struct jx_reader *const readers[] = { &jx_reader_ooxml, &jx_reader_json, &jx_reader_pdf,
								&jx_reader_html, &jx_reader_doc };

const struct jx_reader *jx_reader_detect(struct jx_input *in, struct jx_err *err)
{
	size_t i;

	if (jx_input_fill(in, 4096, err))
		return NULL;
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (readers[i]->sniff(jx_input_ptr(in), jx_input_avail(in)))
			return readers[i];
	return NULL;
}
