/*
 * xlsx.h — the limits of the XLSX reader (jx_reader_xlsx in reader.h), against hostile workbooks.
 *
 * A workbook is a zip of XML parts. The reader streams every part through expat and never holds a
 * sheet: memory stays within these caps, and time within the bytes it may inflate, whatever the zip
 * or the XML claims about itself (sizes in headers, a sheet's dimension, counts).
 */
#ifndef JIXIAO_XLSX_H
#define JIXIAO_XLSX_H

#define JX_XLSX_MAX_SPOOL (256u << 20)           /* bytes of a workbook read from a pipe, kept in memory */
#define JX_XLSX_MAX_MEMBER (1024ull << 20)       /* bytes inflated from one zip member */
#define JX_XLSX_MAX_TOTAL (2048ull << 20)        /* bytes inflated from all the members together */
#define JX_XLSX_MAX_XML_MEMORY (8u << 20)        /* bytes expat may allocate for one member */
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
