/*
 * xlsx.h — the limits of the XLSX reader (jx_reader_ooxml in reader.h), against hostile workbooks;
 * those of the zip container it shares with the DOCX reader are in ooxml.h.
 *
 * The reader never holds a sheet: memory stays within these caps whatever the XML claims about itself
 * (a sheet's dimension, counts).
 */
#ifndef JIXIAO_XLSX_H
#define JIXIAO_XLSX_H

#define JX_XLSX_MAX_CELL (256u << 10)            /* bytes of one cell's or shared string's text */
#define JX_XLSX_MAX_STRINGS (4u << 20)           /* shared strings */
#define JX_XLSX_MAX_STRING_TEXT (128u << 20)     /* bytes of all shared strings */
#define JX_XLSX_MAX_SHEETS 16384                 /* sheets in a workbook */
#define JX_XLSX_MAX_STYLES 65536                 /* cell formats, and number formats */
#define JX_XLSX_MAX_MERGES (1u << 20)            /* merged ranges in a sheet */
#define JX_XLSX_MAX_MERGED_COLUMNS (16u << 20)   /* the columns a sheet's merged ranges span, summed */
#define JX_XLSX_MAX_ROW 1048576                  /* rows of a sheet (Excel's limit) */
#define JX_XLSX_MAX_COL 16384                    /* columns of a sheet: A to XFD */

#endif
