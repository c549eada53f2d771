/*
 * table_impl.h — the parts of the table builder (table.h), inside libjixiao.
 *
 *   table.c        the builder's life: lines, titles, where tables begin and end, the header block
 *                  (header fields, funds, goals);
 *   table_words.c  cells recovered from text that lost them: words a line split at spaces, or cells
 *                  a line each — split and joined again by the vocabulary (vocab.h);
 *   table_ind.c    the indicator rows: the columns the header row names, each row's cells placed in
 *                  them, resolved per framework.
 *
 * Every cell of the table being read lives in one arena: its text as written and its matching key
 * (jx_vocab_key), each NUL-terminated, addressed by offsets so that the arena may grow.
 */
#ifndef JIXIAO_TABLE_IMPL_H
#define JIXIAO_TABLE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "jixiao/buf.h"
#include "jixiao/dec.h"
#include "jixiao/table.h"
#include "jixiao/vocab.h"

#define MAX_KEYED 256   /* longer cells are text, never a label, header word or amount */
#define MAX_COLUMNS 16  /* indicator columns a header row may name */
#define N_FUNDS 8       /* the roles of enum jx_vfunds */

struct cell {
	unsigned col; /* column, from 1 */
	size_t raw;   /* offset of the text in the arena (NUL-terminated) */
	size_t len;   /* its length */
	size_t key;   /* offset of its matching key in the arena; "" if it cannot be a word */
	/* What its key is, looked up once as the row is read many times over: */
	struct jx_vword word; /* a word of the vocabulary (jx_vocab_word) */
	int level;            /* a level label (jx_table_level_key), word or not */
	int column;           /* a column word (jx_table_column_key), -1 if none */
	bool long_group;      /* ... of a 长期/实施期 column group */
};

struct row {
	unsigned line; /* the reader's row number */
	size_t first;  /* index of its first cell in cells */
	size_t n;      /* number of cells */
};

/* An indicator column the header row names (the level columns are not among them). */
struct column {
	int role;     /* enum jx_vcolumn */
	unsigned col; /* where the header cell stood, for readers whose columns are the table's */
};

struct jx_tables {
	jx_sink_fn sink;
	void *sink_ctx;
	jx_locate_fn locate;
	void *locate_ctx;
	enum jx_table_state state;
	unsigned tables;         /* tables begun */
	unsigned title_col;      /* column of the current table's title (jx_tables_line) */
	bool grid;               /* the reader's columns are the table's own (jx_tables_grid) */
	/* the table being read */
	struct jx_project *p;
	bool header_seen;        /* a header word was read: from then on no row is noise */
	bool content;            /* something of the table was read: a title now is no headline's */
	int amount_unit;         /* what a bare amount is in: 1 (元) or 10000 (万元); 0 not said */
	int funds_unit;          /* the same, said by the funds block's label ("项目资金(万元)") */
	jx_money funds[N_FUNDS]; /* amounts by role (enum jx_vfunds), resolved when the table ends */
	unsigned funds_given;    /* bit per role */
	struct jx_buf goal;      /* goal lines, '\n'-separated */
	struct jx_buf long_goal; /* 实施期 goal lines */
	int goal_cols[4];        /* the goal columns a label row names (JX_VG_YEAR, JX_VG_LONG, -1 dropped) */
	size_t n_goal_cols;
	unsigned goal_col;       /* the leftmost column the goals' labels start in: their lines stand right of
				  * it; 0 none */
	size_t goal_next;        /* cells a line each: the goal column the next text goes to */
	bool cells_mode;         /* the table is printed a cell per line: rows are put together again */
	bool in_tasks;           /* after 年度主要任务: rows are tasks until the next header word */
	unsigned task_cols[3];   /* the columns its header row names 总额, 财政拨款 and 其他资金 in; 0 none */
	bool note_next;          /* the funds' label speaks of their use (用途): a text alone next is the note */
	unsigned passed_col;     /* in a grid, the column of the label of the header rows last passed over
				  * (项目实施进度计划): rows right of it are its block while they hold no word; 0 none */
	int lone;                /* the header field (jx_vfield) of the last row, a label alone: its value may
				  * be the next line's, in a table printed a cell per line; -1 none */
	enum jx_line_kind kind;  /* what the line being read is */
	bool words_table;        /* the indicators began on a line of words: lines of words are its rows
				  * (else, in a table of cells, they are prose, which ends it) */
	struct column cols[MAX_COLUMNS];
	size_t n_cols;           /* 0 until a header row names the indicator columns */
	struct jx_buf arena;     /* text and keys of the cells of the table */
	struct cell *cells;      /* buffered indicator rows' cells */
	size_t n_cells, cap_cells;
	struct row *rows;        /* buffered indicator rows */
	size_t n_rows, cap_rows;
	struct jx_err *errs;     /* jx_table_resolve's, one a framework: kept, as each holds a message of 1 KiB */
	/* the row being read */
	unsigned line;
	struct cell *lc;
	size_t n_lc, cap_lc;
	/* cells a line each: the row being put together */
	struct cell *pc;
	size_t n_pc, cap_pc;
	unsigned pending_line;
};

/* ---- table.c ---- */
int jx_table_fail(struct jx_tables *t, unsigned col, struct jx_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
const char *jx_table_raw(const struct jx_tables *t, const struct cell *c);
const char *jx_table_key(const struct jx_tables *t, const struct cell *c);
/* Appends s[0..n) to out with its line breaks joined: a cell's text wrapped in the table is one line
 * (no space between Chinese characters, one otherwise). */
void jx_table_unwrap(struct jx_buf *out, const char *s, size_t n);
/* Appends a cell holding text[0..len) to the row being read, with its key. */
int jx_table_add_cell(struct jx_tables *t, const char *text, size_t len, unsigned col, struct jx_err *err);
/* Reads the row being read (t->lc) as the state says: header, goal or indicators. */
int jx_table_take_row(struct jx_tables *t, struct jx_err *err);
/* The length of the text raw[0..len) whose key is the first keylen bytes of raw's key: where a word
 * that the key shows ends in the text as written. */
size_t jx_table_raw_prefix(const char *raw, size_t len, size_t keylen);
/* The level of the label key is (JX_LABEL_L1, JX_LABEL_L2), or 0: a framework's label or alias, also
 * with an annotation after it ("产出指标(50分)", "数量指标(必填)"). */
int jx_table_level_key(const char *key);
/* The key of a label without its annotation: "产出指标(50分)", "成本指标(0-20)分", "数量指标(必填)" read as
 * the label before the parenthesis (into buf, size bytes). */
const char *jx_table_label_core(const char *key, char *buf, size_t size);
/* The indicator column a header key names (enum jx_vcolumn), or -1: also one annotated with the
 * group it stands in ("二级指标(长期)", "指标值(年度)"), *long_group telling whether that is the
 * 实施期's (长期, 中期, 实施期) rather than the year's. */
int jx_table_column_key(const char *key, bool *long_group);
/* The vocabulary word the cell's key is, or, for a level label, kind JX_V_NONE and *level set. */
struct jx_vword jx_table_word(const struct jx_tables *t, const struct cell *c, int *level);

/* ---- table_words.c ---- */
/* Reads a line of words (JX_LINE_WORDS) or a cell of its own (JX_LINE_CELL): recovers the row's cells
 * into t->lc and reads it, or holds it until the row is complete. */
int jx_table_words(struct jx_tables *t, unsigned row, const struct jx_cell *cells, size_t n, enum jx_line_kind kind,
		   struct jx_err *err);
/* Reads what cells a line each left held when the table ends. */
int jx_table_words_flush(struct jx_tables *t, struct jx_err *err);

/* ---- table_ind.c ---- */
/* True if the row being read names the indicator columns (一级指标 | 二级指标 | 三级指标 | 指标值 …);
 * they are then recorded. */
bool jx_table_header_row(struct jx_tables *t);
/* True if the row being read holds a level label or 绩效指标. */
bool jx_table_indicator_row(const struct jx_tables *t);
/* Buffers the row being read as an indicator row. */
int jx_table_buffer_row(struct jx_tables *t, struct jx_err *err);
/* Builds the table's indicators from the buffered rows, in the framework they fit best. */
int jx_table_resolve(struct jx_tables *t, struct jx_err *err);

#endif
