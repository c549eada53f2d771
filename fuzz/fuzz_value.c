/*
 * fuzz_value.c — libFuzzer harness for the target grammar (value.c) and the name/unit split
 * (model.c): whatever the text, a quantitative target written back in canonical form parses to the
 * same operator, number and unit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/model.h"
#include "jixiao/text.h"
#include "jixiao/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_canonical(const struct jx_target *t)
{
	char num[JX_DEC_STRMAX], text[JX_DEC_STRMAX + JX_UNIT_MAX + 8];
	struct jx_target back;

	snprintf(text, sizeof(text), "%s%s%s", jx_op_symbol(t->op), jx_dec_format(t->value, num), t->unit);
	if (jx_target_parse(text, strlen(text), &back) != 1 || back.op != t->op ||
	    jx_dec_cmp(back.value, t->value) != 0 || back.value.scale != t->value.scale || strcmp(back.unit, t->unit)) {
		fprintf(stderr, "target “%s” does not parse back to itself\n", text);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct jx_buf unit = JX_BUF_INIT;
	struct jx_target t;
	size_t len = size;

	if (!jx_utf8_valid(s, size))
		return 0;
	if (jx_target_parse(s, size, &t) == 1)
		check_canonical(&t);
	jx_name_split_unit(s, &len, &unit);
	if (len > size || (unit.len && !jx_unit_plausible(unit.ptr, unit.len)))
		abort();
	jx_buf_release(&unit);
	return 0;
}
