/*
 * value.h — the grammar of a target (指标值).
 *
 * A target is quantitative — an operator, an exact number and optionally a unit written after it:
 * "≥700000", "=100.0%", "不少于 1,000 人次", "95%以上", "24" (no operator means "=") — or qualitative,
 * kept as written: "全力保障", "逐步健全". The operator may be a symbol in any of its forms (≥ ≧ >= ＞= …)
 * or a word (不低于 不少于 不高于 不超过 …以上 …以内 …以下 and a few more). Parsing works on the NFKC
 * key of the text, so full-width digits, separators and spaces inside the number are accepted.
 */
#ifndef JIXIAO_VALUE_H
#define JIXIAO_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao/dec.h"

#define JX_TARGET_MAXDIGITS 15 /* significant digits a target may have: exact through a JSON double */
#define JX_UNIT_MAX 64         /* bytes a unit may take, with its NUL */

enum jx_op {
	JX_OP_NONE, /* qualitative or missing */
	JX_OP_GE,
	JX_OP_LE,
	JX_OP_EQ,
	JX_OP_GT,
	JX_OP_LT,
};

struct jx_target {
	enum jx_op op;          /* JX_OP_NONE when the target is qualitative */
	bool stated;            /* the operator is written ("≥2", "不少于2"), not the implied = of "2" */
	struct jx_dec value;    /* the number, when op is not JX_OP_NONE */
	char unit[JX_UNIT_MAX]; /* the NFKC unit written after the number ("%", "次"), or "" */
};

/* Parses the target s[0..n) (valid UTF-8). Returns 1 and fills t if it is quantitative, 0 if it is
 * qualitative (t->op is then JX_OP_NONE), -1 if its number has more than JX_TARGET_MAXDIGITS
 * significant digits and so cannot be held exactly (t->stated then still tells whether an operator
 * was written). */
int jx_target_parse(const char *s, size_t n, struct jx_target *t);

/* True if s[0..n) is a target with its operator written out ("≥10", "不少于2次"), even one too
 * precise to hold. Quick for text that is not: only text starting like an operator is parsed. */
bool jx_target_stated(const char *s, size_t n);

/* The operator as the documents write it ("≥"), and as the JSON form does (">="); "" for NONE. */
const char *jx_op_symbol(enum jx_op op);
const char *jx_op_json(enum jx_op op);

/* Parses the JSON form of an operator; returns 0 and sets *op, or -1 if s is not one. */
int jx_op_from_json(const char *s, enum jx_op *op);

/* Reads a plain number at the start of the NFKC text s[0..n): "[+-]digits[.digits]" with optional
 * thousands separators ("700,000"). Writes it without separators into digits (cap bytes, NUL
 * included) and returns the bytes read, or 0 if s does not start with such a number. */
size_t jx_number_scan(const char *s, size_t n, char *digits, size_t cap);

/* True if the NFKC text s[0..n) can be a unit of measure: 1 to 10 characters, no digits, no
 * punctuation but / % ‰ ·. Used for the unit in an indicator's trailing parentheses. */
int jx_unit_plausible(const char *s, size_t n);

#endif
