/*
 * ooxml.h — the limits of the Office Open XML container the XLSX and DOCX readers share
 * (jx_reader_ooxml in reader.h), against hostile files.
 *
 * An .xlsx or .docx file is a zip of XML parts. The readers stream every part through expat and never
 * hold one whole: memory stays within these caps, and time within the bytes they may inflate, whatever
 * the zip or the XML claims about itself. The formats' own limits are in xlsx.h and docx.h.
 */
#ifndef JIXIAO_OOXML_H
#define JIXIAO_OOXML_H

#define JX_OOXML_MAX_SPOOL (256u << 20)     /* bytes of a file read from a pipe, kept in memory */
#define JX_OOXML_MAX_MEMBER (1024ull << 20) /* bytes inflated from one zip member */
#define JX_OOXML_MAX_TOTAL (2048ull << 20)  /* bytes inflated from all the members together */
#define JX_OOXML_MAX_XML_MEMORY (8u << 20)  /* bytes expat may allocate for one member */

#endif
