/*
 * text.h — UTF-8 checks, normalisation, display width, and conversion from GB18030.
 *
 * Published documents mix half- and full-width forms (（%） and (%), ＞ and >, ８ and 8) and scatter
 * spaces through cells. jixiao stores text as written, but matches and parses it through a key:
 * NFKC applied to the one field (NFKC also folds ① to 1, so never apply it to a whole document),
 * with white space removed.
 */
#ifndef JIXIAO_TEXT_H
#define JIXIAO_TEXT_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jx_buf;

/* Returns how many leading bytes of s form complete, valid UTF-8 (no NUL allowed). Stops before an
 * invalid byte, or before a sequence cut off by the end of s; *invalid tells which (true: invalid). */
size_t jx_utf8_prefix(const char *s, size_t n, bool *invalid);

/* True if all n bytes are valid UTF-8 without NUL. */
bool jx_utf8_valid(const char *s, size_t n);

/* Decodes the code point at s (valid UTF-8, n >= 1) into *cp; returns its length in bytes. */
size_t jx_utf8_decode(const char *s, size_t n, int32_t *cp);

/* True for the white space jixiao trims: ASCII white space, NBSP, U+2000–U+200B, U+3000, U+FEFF. */
bool jx_text_is_space(int32_t cp);

/* Narrows [*s, *s + *n) to drop white space at both ends. */
void jx_text_trim(const char **s, size_t *n);

/* Takes the next line of [*s, *s + *n) off its front — up to a newline, which goes too, or the end —
 * and gives it trimmed in *line, *len (possibly empty). Returns false when nothing is left. */
bool jx_text_next_line(const char **s, size_t *n, const char **line, size_t *len);

/* Appends the lines of text[0..n) to out, each trimmed, blank ones dropped, joined by newlines; returns
 * the length appended. out should not be capped (what does not fit is dropped). */
size_t jx_text_add_lines(struct jx_buf *out, const char *text, size_t n);

/* Returns a malloc'd copy of s without white space at either end. */
char *jx_text_trimmed(const char *s);

/* Appends the NFKC form of the valid UTF-8 s[0..n) to out (out should not be capped: what does not fit
 * is dropped). */
void jx_text_nfkc(struct jx_buf *out, const char *s, size_t n);

/* Appends the matching key of s[0..n) to out: NFKC with all white space removed. */
void jx_text_key(struct jx_buf *out, const char *s, size_t n);

/* The number of terminal columns s[0..n) takes (East Asian wide characters take two). */
size_t jx_text_width(const char *s, size_t n);

/* True if the valid UTF-8 s (NUL-terminated) holds a control character — C0 (but newline, if
 * allow_newline), DEL, C1 — a bidirectional override, any of which could garble a terminal or a page,
 * or a noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), which XML and PDF text refuse. */
bool jx_text_has_control(const char *s, bool allow_newline);

/* Converts n bytes of GB18030 at src to UTF-8, appended to out, through cd (iconv_open("UTF-8",
 * "GB18030")). Sets *used to the bytes converted; returns 0, or the errno iconv stopped with (EINVAL: a
 * character cut off at the end; EILSEQ: invalid bytes at src + *used). */
int jx_text_from_gb18030(iconv_t cd, const char *src, size_t n, struct jx_buf *out, size_t *used);

/* Appends s[0..n) to out, then spaces up to width terminal columns. */
void jx_text_pad(struct jx_buf *out, const char *s, size_t n, size_t width);

#endif
