/*
 * scored.h — self-evaluations for the renderer tests: two of the seed's projects with actuals scored by
 * hand (the figures are in scored.c), scored through the library and rendered by any renderer.
 */
#ifndef JIXIAO_TEST_SCORED_H
#define JIXIAO_TEST_SCORED_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao/actuals.h"
#include "jixiao/buf.h"
#include "jixiao/evaluation.h"
#include "jixiao/render.h"
#include "jixiao/score.h"

/* The epidemic project's actuals (the seed's p[0]): 96.16 优; the census project's (p[4]): 19.67 差. */
extern const struct jx_actual epidemic[];
extern const size_t n_epidemic;
extern const struct jx_actual census[];
extern const size_t n_census;

/* Self-evaluations of up to two projects, with what they borrow. */
struct scores {
	struct jx_eval *ev;
	struct jx_actuals set[2];
	struct jx_score sc[2];
	size_t n;
};

/* Scores p with the actuals rows[0..n) into the next of s. */
void score(struct scores *s, const struct jx_project *p, const struct jx_actual *rows, size_t n);
void scores_free(struct scores *s);

/* Renders the scores of s with r into out, then their summary if summary is set; fails the test if
 * rendering fails. */
void scores_render(struct scores *s, const struct jx_renderer *r, bool summary, struct jx_buf *out);

#endif
