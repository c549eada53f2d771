/*
 * docx.h — the limits of the DOCX reader (jx_reader_ooxml in reader.h), against hostile documents;
 * those of the zip container it shares with the XLSX reader are in ooxml.h.
 *
 * The reader streams word/document.xml and holds one row of each open table and the lines of the
 * target table being read: memory stays within these caps whatever the XML claims (a gridSpan of four
 * billion columns costs nothing but a refusal).
 */
#ifndef JIXIAO_DOCX_H
#define JIXIAO_DOCX_H

#define JX_DOCX_MAX_TEXT (256u << 10)    /* bytes of one paragraph's or one cell's text */
#define JX_DOCX_MAX_ROW_TEXT (1u << 20)  /* bytes of the text of one row's cells together */
#define JX_DOCX_MAX_DEPTH 8              /* tables inside tables (a table in a cell is depth 2) */
#define JX_DOCX_MAX_ROWS (1u << 20)      /* rows of one table (Word allows 32,767) */
#define JX_DOCX_MAX_COLS 16384           /* grid columns of one table (Word allows 63) */
#define JX_DOCX_MAX_LINES (1u << 20)     /* lines, paragraphs' and rows, of one target table */

#endif
