/*
 * ooxml_import.c — the reader of Office files (jx_reader_ooxml in reader.h): Excel workbooks (.xlsx)
 * and Word documents (.docx), both zips, told apart by what the zip holds (ooxml_zip.c), whatever the
 * file is called. The container is opened once and handed to the format's reader: xlsx_import.c or
 * docx_import.c.
 *
 * The old binary formats (.xls, .doc) are both OLE compound files, and so is an encrypted .xlsx or
 * .docx: recognised by their signature, to say what to do with them.
 */
#include <string.h>

#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"
#include "ooxml_impl.h"

static const char zip_magic[] = "PK\x03\x04";
static const char ole_magic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

static bool is_ole(const char *head, size_t n)
{
	return n >= 8 && memcmp(head, ole_magic, 8) == 0;
}

static int ooxml_read(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct ooxml_zip *z;
	int rc;

	if (is_ole(jx_input_ptr(in), jx_input_avail(in)))
		return jx_err_set(err, JX_EINPUT,
				  "%s: 这是旧版 Excel 或 Word 文件（.xls、.doc），或加密的工作簿或文档：请用 Excel、Word 或 WPS "
				  "另存为 .xlsx 或 .docx（不设密码）后再导入",
				  in->name);
	if (ooxml_zip_open(&z, in, err))
		return -1;
	if (ooxml_zip_kind(z) == OOXML_DOCX)
		rc = docx_import(z, in, sink, ctx, err);
	else
		rc = xlsx_import(z, in, sink, ctx, err);
	ooxml_zip_close(z);
	in->consumed = in->size;
	return rc;
}

static bool ooxml_sniff(const char *head, size_t n)
{
	return (n >= 4 && memcmp(head, zip_magic, 4) == 0) || is_ole(head, n);
}

const struct jx_reader jx_reader_ooxml = { "ooxml", ooxml_sniff, ooxml_read };
