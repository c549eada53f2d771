/*
 * numfmt.h — how a spreadsheet shows a number: Excel number formats applied to the exact decimal text
 * a cell stores (the XLSX reader's <v>), never through binary floating point.
 *
 * A workbook stores 0.95 and a format "0.0%"; people see 95.0%, and that is what a target means. The
 * value is read from its decimal text and rounded to Excel's 15 significant digits (so that 0.1 + 0.2
 * stored as 0.30000000000000004 reads 0.3), then shown as its format says: × 100 and a % for a percent
 * format, the format's decimal places (3033 as 3033.00), literal text around the number ("≥"0.0% shows
 * ≥95.0%), the negative section. A number is never rounded to fewer places than it holds: 0.955 in a
 * 0% format reads 95.5%, not 96%, because targets and money must stay exact. Date and time formats
 * give ISO text (2021-12-31, 2021-12-31 12:00:00, 12:00:00). Thousands separators are not written.
 */
#ifndef JIXIAO_NUMFMT_H
#define JIXIAO_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

struct jx_buf;

#define JX_NUMFMT_LITERAL 48 /* bytes of literal text kept before or after the number */

enum jx_numfmt_kind {
	JX_NUMFMT_GENERAL, /* the number as it is: General, @, scientific and fraction formats */
	JX_NUMFMT_NUMBER,  /* digit placeholders: decimal places, percent, scaling, literal text */
	JX_NUMFMT_DATE,    /* a date, a time or both */
};

struct jx_numfmt_section {
	enum jx_numfmt_kind kind;
	bool percent;                      /* a % outside quotes: shown × 100 */
	bool date, time;                   /* the parts a date format shows */
	int decimals;                      /* digit placeholders after the point */
	int scale;                         /* commas after the last digit placeholder: ÷ 1000 each */
	char prefix[JX_NUMFMT_LITERAL];    /* literal text before the number */
	char suffix[JX_NUMFMT_LITERAL];    /* literal text after it (the % included) */
};

struct jx_numfmt {
	struct jx_numfmt_section pos; /* positive numbers and zero; all numbers if there is no second section */
	struct jx_numfmt_section neg; /* negative numbers, which it shows without their sign */
	bool has_neg;                 /* the code has a second section */
};

/* Parses a format code such as "0.0%", "#,##0.00_ ;[Red]-#,##0.00" or "yyyy\-mm\-dd". Any text is
 * accepted: what is not understood reads as literal text or General. */
void jx_numfmt_parse(struct jx_numfmt *f, const char *code);

/* The built-in format numFmtId id stands for (0–163; unknown ids are General). */
void jx_numfmt_builtin(struct jx_numfmt *f, unsigned id);

/* Appends how format f shows the number whose decimal text is v[0..n) ("0.95", "-1.5E-3"); date1904
 * says the workbook counts dates from 1904. Returns 0, or -1 (appending nothing) if v is not a number. */
int jx_numfmt_apply(const struct jx_numfmt *f, const char *v, size_t n, bool date1904, struct jx_buf *out);

#endif
