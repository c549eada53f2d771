/*
 * render_xlsx.c — a workbook (libxlsxwriter): a summary sheet, a flat sheet of indicators for
 * filtering, then one sheet per table in the layout of the published documents.
 *
 * The sheets, in order:
 *   公开说明 (a publication)  the statement's title and paragraphs, a paragraph per row;
 *   目录 (a plain export)     instead, a row per table with a link to its sheet;
 *   指标清单                  a row per indicator with its table's fields repeated, amounts as numbers,
 *                             a frozen header and an autofilter (a table without indicators gets one row);
 *                             the optional fields and columns (主管部门 …, 上年结转资金, 分值 …) in columns
 *                             after 指标值, each added with its header when a table first has it, under
 *                             the names the flat layout's reader knows (xlsx_flat.c); no goals or tasks;
 *   表1 …, 表2 …              each table as the official form lays it out (render_impl.h): merged title,
 *                             label column, the header fields, funds, 年度主要任务 and goals the table has,
 *                             level cells merged over their groups, its optional indicator columns after
 *                             指标值 (the sheet printed landscape then), borders, wrapped text. Every value
 *                             is a text cell written as the document form writes it, so that the
 *                             workbook imports back to the same tables (table.c reads the cells).
 *
 * A report of self-evaluations (score.h) makes its own sheets, which need no statement or table:
 *   自评汇总                  a row per project (year, unit, name, funds, total, grade, a link to its
 *                             sheet), then, given the summary, the tables by unit and by year: the
 *                             projects, the average score, and the count and the money of each grade;
 *   自评指标清单              a row for budget execution (全年执行数 against 年度资金总额) and a row per
 *                             indicator of each project: year, project, unit, levels, indicator, unit,
 *                             target, actual, as_of, points, score and reason, for filtering;
 *   自评1 …, 自评2 …          each project's 项目支出绩效自评表: the header block with budget execution,
 *                             the indicators with their level cells merged, what each group earned, the
 *                             total and the grade; its indicator header row printed on every page.
 * Points, scores and amounts are numbers shown with two places where a double holds them exactly
 * (two places or fewer, at most 15 digits), text otherwise; targets and actuals are text as written.
 *
 * libxlsxwriter writes only to a path, and only when the workbook is closed: begin makes a temporary
 * file (mkstemp in $TMPDIR or /tmp) and keeps it open, end closes the workbook, reads the file back
 * into out and removes it. Nothing reaches out before end. An abandoned rendering frees the workbook
 * without writing it.
 *
 * The bytes depend on the data alone: the document's creation time is fixed (libxlsxwriter writes it
 * into docProps/core.xml and would take the clock's otherwise) and libxlsxwriter dates every zip
 * entry 1980-01-01.
 *
 * Row heights are estimated from the text's display width (a CJK character takes two units of column
 * width), because neither Excel nor LibreOffice fits the height of a row to merged wrapped cells.
 *
 * Text is written so that what Excel and LibreOffice show is exactly the text:
 *   - Both decode Excel's escape _xHHHH_ (a UTF-16 unit in hex) in cell text, in sheet names and in
 *     link locations; libxlsxwriter 1.1.4 writes such text as it is (it only escapes control
 *     characters, as _x0001_ and so on). So the '_' that starts one is written _x005F_ ('_'): a name
 *     _x0041_ is written _x005F_x0041_ and shown _x0041_, not A. Only here, so nothing is escaped twice.
 *   - A cell holds at most 32,767 characters (CELL_MAX); libxlsxwriter refuses more, which would fail
 *     the whole workbook. Counted as written (an escape's seven characters count), in UTF-16 units as
 *     Excel counts: never fewer than the code points libxlsxwriter counts. A goal (up to 256 KiB) goes
 *     on over as many rows as it needs in its table's sheet, cut between characters, after a line
 *     break where one falls in the second half of a cell; its cells joined are the goal. Any other
 *     text too long for its cell (a name, say) is cut with a note of how much was left out.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/score.h"
#include "jixiao/text.h"
#include "render_impl.h"

#define CREATED 946684800       /* the fixed creation time: 2000-01-01T00:00:00Z */
#define LINE_HEIGHT 16.0        /* points per wrapped line of 11-point CJK text */
#define ROW_PAD 4.0             /* points added to a row's lines */
#define MAX_ROW_HEIGHT 409.0    /* Excel's limit */
#define SHEET_NAME_MAX 31       /* Excel's limit, in UTF-16 units */
#define CELL_MAX 32767          /* Excel's limit on a cell's text, in UTF-16 units */
#define ESCAPE_LEN 7            /* _xHHHH_ */
#define CUT_NOTE "…（超出 Excel 单元格 32767 字的上限，以下 %zu 字未写入）"
#define CUT_NOTE_MAX 64         /* UTF-16 units CUT_NOTE can take, whatever the number */
#define ERR_NAME_CHARS 20       /* characters of a table's name in an error message */
#define FLAT_COLS 12            /* columns of the flat sheet, the optional ones aside */
#define FLAT_OPTIONAL_WIDTH 16  /* width of an optional column of the flat sheet */
#define SFLAT_COLS 13           /* columns of the self-evaluations' flat sheet */
#define SCORE_COLS 8            /* columns of a self-evaluation sheet */
#define EXACT_DIGITS 15         /* decimals of at most this many digits print exactly as doubles */
#define STATEMENT_WIDTH 80      /* the statement's one column: a line fits an A4 page */

/* Column widths of a table sheet: labels, 一级指标, 二级指标, 三级指标, 指标值. */
static const unsigned table_widths[5] = { 18, 12, 16, 40, 22 };

/* Column widths of a self-evaluation sheet: 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分,
 * 偏差原因分析及改进措施 (the header block's labels span the first two). */
static const unsigned score_widths[SCORE_COLS] = { 10, 14, 32, 14, 14, 9, 9, 32 };

struct formats {
	lxw_format *title;  /* a table's title: bold, large, centred */
	lxw_format *year;   /* the year line under it: centred, no border */
	lxw_format *label;  /* bordered, centred, wrapped: row labels and level cells */
	lxw_format *head;   /* bordered, bold, centred: the indicator header row */
	lxw_format *text;   /* bordered, left, wrapped: names, the goal, indicator names */
	lxw_format *amount; /* bordered, right-aligned: amounts in a table sheet (text) */
	lxw_format *target; /* bordered, centred, wrapped: targets */
	lxw_format *column; /* header row of the flat and contents sheets: bold, shaded */
	lxw_format *money;  /* amounts as numbers, 0.00 */
	lxw_format *para;   /* a statement paragraph: wrapped, top-left */
	lxw_format *stitle; /* the statement's title: bold, centred */
	lxw_format *number; /* bordered, centred, 0.00: points, scores and amounts in a report */
	lxw_format *count;  /* bordered, centred: whole numbers in a report */
	lxw_format *bold;   /* bordered, bold, centred, 0.00: the total score */
	lxw_format *ask;    /* bordered, wrapped, red: a deviation reason asked for and not given */
	lxw_format *section; /* a heading above a table: bold, left */
};

/* The optional columns of the flat sheet (指标清单): the header fields (jx_pfield, the 实施期 goal aside:
 * the sheet has no goals), 上年结转资金, 实施期资金总额, then the indicator columns (jx_ifield). */
enum { FX_CARRYOVER = JX_PF_COUNT, FX_PERIOD_TOTAL, FX_INDICATOR, FLAT_OPTIONAL = FX_INDICATOR + JX_IF_COUNT };

struct xlsx {
	lxw_workbook *wb;       /* NULL if the temporary file could not be made */
	int fd;                 /* the temporary file, kept open until end; -1 if none */
	char *path;             /* its path, malloc'd */
	char *dir;              /* the directory it is in, malloc'd */
	int oserr;              /* errno of the failure to make it */
	lxw_error lerr;         /* the first libxlsxwriter error; LXW_NO_ERROR until one */
	struct formats f;       /* the cell formats, made in begin */
	lxw_worksheet *summary; /* sheet 1, made by the first call that needs it */
	lxw_worksheet *flat;    /* 指标清单, made with it */
	bool listing;           /* sheet 1 is 目录, listing the tables (no statement given) */
	lxw_row_t flat_rows;    /* rows of the flat sheet written so far, its header included */
	lxw_col_t flat_cols;    /* its columns so far: an optional one is added when a table first has it */
	lxw_col_t flat_col[FLAT_OPTIONAL]; /* where each optional column is, 0 until added */
	lxw_worksheet *results; /* 自评汇总, made by the first self-evaluation or the summary */
	lxw_worksheet *sflat;   /* 自评指标清单, made with it */
	lxw_row_t sflat_rows;   /* rows of it written so far, its header included */
	size_t scored;          /* self-evaluations listed on 自评汇总 */
	bool summarised;        /* the summary has been written */
	struct jx_buf cell;     /* the text of the cell being written, escaped (put) */
	struct jx_buf piece;    /* a piece of a long goal (goal) */
	struct jx_buf scratch;  /* a self-evaluation line's reason column (jx_scored_reason) */
};

/* ---- cells ---- */

static void note(struct xlsx *x, lxw_error e)
{
	if (e && !x->lerr)
		x->lerr = e;
}

/* True if s[0..n) starts with Excel's escape _xHHHH_ (the x lower case, the digits either). */
static bool escape_at(const char *s, size_t n)
{
	size_t i;

	if (n < ESCAPE_LEN || s[0] != '_' || s[1] != 'x' || s[ESCAPE_LEN - 1] != '_')
		return false;
	for (i = 2; i < ESCAPE_LEN - 1; i++)
		if (!s[i] || !strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	return true;
}

/* The UTF-16 units that the character at s[0..n) takes once written (seven for the '_' of an escape,
 * written _x005F_); *len receives its length in bytes. */
static size_t char_units(const char *s, size_t n, size_t *len)
{
	int32_t cp;

	*len = jx_utf8_decode(s, n, &cp);
	if (escape_at(s, n))
		return ESCAPE_LEN;
	return cp >= 0x10000 ? 2 : 1;
}

/* Bytes of the longest prefix of s[0..n) that takes at most max units once written; *cut (if not NULL)
 * receives the bytes of the longest such prefix that ends after a line break and takes at least max / 2
 * units, 0 if none. */
static size_t fit(const char *s, size_t n, size_t max, size_t *cut)
{
	size_t i = 0, len, units = 0, u;

	if (cut)
		*cut = 0;
	while (i < n && units + (u = char_units(s + i, n - i, &len)) <= max) {
		units += u;
		i += len;
		if (cut && s[i - 1] == '\n' && units >= max / 2)
			*cut = i;
	}
	return i;
}

/* Appends s[0..n) to out as written for Excel: the '_' of each escape in it as _x005F_. An escape that
 * s cuts off is not one, so pieces of a text each written so show, joined, the text. */
static void add_escaped(struct jx_buf *out, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i + ESCAPE_LEN <= n; i++)
		if (escape_at(s + i, n - i)) {
			jx_buf_add(out, s + from, i - from, NULL);
			jx_buf_adds(out, "_x005F_", NULL);
			from = i + 1;
		}
	jx_buf_add(out, s + from, n - from, NULL);
}

static size_t count_chars(const char *s, size_t n)
{
	size_t i, chars = 0;

	for (i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	return chars;
}

/* Writes text (NULL: a blank cell) at row, col: escaped, and cut with a note of what is left out if
 * longer than a cell holds. */
static void put(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
	size_t n = text ? strlen(text) : 0, keep;

	if (n <= CELL_MAX && (n < 2 || !strstr(text, "_x"))) { /* no character has more UTF-16 units than bytes */
		note(x, worksheet_write_string(ws, row, col, n ? text : "", f));
		return;
	}
	jx_buf_reset(&x->cell);
	keep = fit(text, n, CELL_MAX, NULL);
	if (keep < n)
		keep = fit(text, n, CELL_MAX - CUT_NOTE_MAX, NULL);
	add_escaped(&x->cell, text, keep);
	if (keep < n)
		jx_buf_addf(&x->cell, NULL, CUT_NOTE, count_chars(text + keep, n - keep));
	note(x, worksheet_write_string(ws, row, col, x->cell.ptr, f));
}

/* Writes text over the range, merged unless it is a single cell. The text is written apart from the
 * merge, because worksheet_merge_range() does not report a failure to write it. */
static void span(struct xlsx *x, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
		 const char *text, lxw_format *f)
{
	if (r1 != r2 || c1 != c2)
		note(x, worksheet_merge_range(ws, r1, c1, r2, c2, "", f));
	put(x, ws, r1, c1, text, f);
}

/* An amount as a number with two decimals, or as text if that could not show it exactly (a fraction
 * of a hundredth of 万元, from an amount written in 元); nothing if the table does not give it. */
static void put_money(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, jx_money m)
{
	char s[JX_DEC_STRMAX];

	if (m == JX_MONEY_NONE)
		return;
	if (m % 10000 == 0) /* whole hundredths of 万元: below 2^53 of them, which a double holds exactly */
		note(x, worksheet_write_number(ws, row, col, (double)(m / 10000) / 100.0, x->f.money));
	else
		put(x, ws, row, col, jx_money_format(m, s), NULL);
}

/* Lines that text takes in a wrapped cell width units wide (a unit is about half a CJK character;
 * one goes to the cell's padding). */
static double text_lines(const char *text, unsigned width)
{
	size_t lines = 0, cap = width > 2 ? width - 1 : 1;

	while (text) {
		const char *nl = strchr(text, '\n');
		size_t w = jx_text_width(text, nl ? (size_t)(nl - text) : strlen(text));

		lines += w ? (w + cap - 1) / cap : 1;
		text = nl ? nl + 1 : NULL;
	}
	return (double)lines;
}

static void set_lines(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, double lines)
{
	double h = lines * LINE_HEIGHT + ROW_PAD;

	note(x, worksheet_set_row(ws, row, h < MAX_ROW_HEIGHT ? h : MAX_ROW_HEIGHT, NULL));
}

/* Prints ws on A4 pages, fitted to the page's width and centred. */
static void print_setup(lxw_worksheet *ws, bool landscape)
{
	worksheet_set_paper(ws, 9);
	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
}

/* Adds the worksheet called name. */
static lxw_worksheet *add_sheet(struct xlsx *x, const char *name)
{
	lxw_error e = workbook_validate_sheet_name(x->wb, name);
	lxw_worksheet *ws = e ? NULL : workbook_add_worksheet(x->wb, name);

	if (!ws)
		note(x, e ? e : LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

static const char *kind_label(enum jx_kind k)
{
	return k == JX_KIND_DEPARTMENT ? "部门整体" : "项目";
}

/* ---- errors ---- */

static const char *lxw_message(lxw_error e)
{
	switch (e) {
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
		return "单元格文字超过 Excel 的上限（32767 个字符）";
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return "行数超过 Excel 工作表的上限（1048576 行）";
	case LXW_ERROR_CREATING_XLSX_FILE:
		return "无法写入临时文件";
	case LXW_ERROR_SHEETNAME_ALREADY_USED:
		return "工作表名称重复";
	default:
		return lxw_strerror(e);
	}
}

/* Fails if the workbook cannot be written to: no temporary file, or an earlier error. */
static int broken(const struct xlsx *x, struct jx_err *err)
{
	if (!x->wb)
		return jx_err_set(err, JX_EIO, "无法在 %s 中创建 XLSX 临时文件：%s", x->dir, strerror(x->oserr));
	if (x->lerr)
		return jx_err_set(err, JX_EIO, "生成 XLSX 失败：%s", lxw_message(x->lerr));
	return 0;
}

/* After writing what: fails if a write failed. */
static int check(const struct xlsx *x, struct jx_err *err, const char *what)
{
	if (x->lerr)
		return jx_err_set(err, JX_EIO, "生成 XLSX 失败：%s（%s）", lxw_message(x->lerr), what);
	return 0;
}

/* After writing the index-th table (a sheet named prefix and its number): fails if a write failed,
 * with the cause first, then the table's number and the start of its name (a name may run to thousands
 * of characters, and the message is cut at 1,024 bytes). */
static int check_table(const struct xlsx *x, struct jx_err *err, const char *prefix, size_t index, const char *name)
{
	size_t i = 0, chars, n = strlen(name);
	int32_t cp;

	if (!x->lerr)
		return 0;
	for (chars = 0; i < n && chars < ERR_NAME_CHARS; chars++)
		i += jx_utf8_decode(name + i, n - i, &cp);
	return jx_err_set(err, JX_EIO, "生成 XLSX 失败：%s（%s%zu“%.*s%s”）", lxw_message(x->lerr), prefix, index + 1,
			  (int)i, name, i < n ? "…" : "");
}

/* ---- begin ---- */

/* A vertically centred format. */
static lxw_format *format(lxw_workbook *wb, bool border, uint8_t align, bool wrap)
{
	lxw_format *f = workbook_add_format(wb);

	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = format(wb, false, LXW_ALIGN_CENTER, false);
	format_set_bold(f->title);
	format_set_font_size(f->title, 16);
	f->year = format(wb, false, LXW_ALIGN_CENTER, false);
	f->label = format(wb, true, LXW_ALIGN_CENTER, true);
	f->head = format(wb, true, LXW_ALIGN_CENTER, true);
	format_set_bold(f->head);
	f->text = format(wb, true, LXW_ALIGN_LEFT, true);
	f->amount = format(wb, true, LXW_ALIGN_RIGHT, false);
	f->target = format(wb, true, LXW_ALIGN_CENTER, true);
	f->column = format(wb, false, LXW_ALIGN_CENTER, true);
	format_set_bold(f->column);
	format_set_bg_color(f->column, 0xD9E1F2);
	f->money = workbook_add_format(wb);
	format_set_num_format(f->money, "0.00");
	f->para = format(wb, false, LXW_ALIGN_LEFT, true);
	format_set_align(f->para, LXW_ALIGN_VERTICAL_TOP);
	f->stitle = format(wb, false, LXW_ALIGN_CENTER, false);
	format_set_bold(f->stitle);
	format_set_font_size(f->stitle, 14);
	f->number = format(wb, true, LXW_ALIGN_CENTER, false);
	format_set_num_format(f->number, "0.00");
	f->count = format(wb, true, LXW_ALIGN_CENTER, false);
	f->bold = format(wb, true, LXW_ALIGN_CENTER, false);
	format_set_num_format(f->bold, "0.00");
	format_set_bold(f->bold);
	f->ask = format(wb, true, LXW_ALIGN_LEFT, true);
	format_set_font_color(f->ask, LXW_COLOR_RED);
	f->section = format(wb, false, LXW_ALIGN_LEFT, false);
	format_set_bold(f->section);
}

/* Makes the temporary file and the workbook that will write to it. */
static void open_workbook(struct xlsx *x)
{
	lxw_workbook_options opts = { 0 };
	lxw_doc_properties props = { 0 };
	struct jx_buf path = JX_BUF_INIT;

	jx_buf_addf(&path, NULL, "%s/jixiao-xlsx-XXXXXX", x->dir);
	x->path = jx_buf_detach(&path, NULL);
	x->fd = mkstemp(x->path);
	if (x->fd < 0) {
		x->oserr = errno;
		return;
	}
	opts.tmpdir = x->dir;
	x->wb = workbook_new_opt(x->path, &opts);
	if (!x->wb) {
		x->oserr = ENOMEM;
		return;
	}
	props.created = CREATED;
	workbook_set_properties(x->wb, &props);
	make_formats(x->wb, &x->f);
}

static void *xlsx_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	struct xlsx *x = jx_calloc(1, sizeof(*x));
	const char *dir = getenv("TMPDIR");

	(void)out;
	(void)o;
	x->dir = jx_strdup(dir && *dir ? dir : "/tmp");
	x->cell = (struct jx_buf)JX_BUF_INIT;
	x->piece = (struct jx_buf)JX_BUF_INIT;
	x->scratch = (struct jx_buf)JX_BUF_INIT;
	open_workbook(x);
	return x;
}

/* ---- the summary and flat sheets ---- */

static void flat_setup(struct xlsx *x)
{
	static const char *const heads[FLAT_COLS] = { "年度", "项目名称", "预算单位", "类型", "年度资金总额(万元)",
						      "财政拨款", "其他资金", "一级指标", "二级指标", "三级指标",
						      "计量单位", "指标值" };
	static const double widths[FLAT_COLS] = { 7, 34, 26, 10, 18, 10, 10, 12, 18, 40, 10, 16 };
	lxw_col_t c;

	for (c = 0; c < FLAT_COLS; c++) {
		note(x, worksheet_set_column(x->flat, c, c, widths[c], NULL));
		put(x, x->flat, 0, c, heads[c], x->f.column);
	}
	worksheet_freeze_panes(x->flat, 1, 0);
	print_setup(x->flat, true);
	x->flat_rows = 1;
	x->flat_cols = FLAT_COLS;
}

static void listing_setup(struct xlsx *x)
{
	static const char *const heads[] = { "工作表", "项目名称", "预算单位", "类型", "年度", "年度资金总额(万元)",
					     "指标数", "状态" };
	static const double widths[] = { 8, 34, 26, 10, 7, 18, 8, 8 };
	lxw_col_t c;

	for (c = 0; c < sizeof(heads) / sizeof(heads[0]); c++) {
		note(x, worksheet_set_column(x->summary, c, c, widths[c], NULL));
		put(x, x->summary, 0, c, heads[c], x->f.column);
	}
	worksheet_freeze_panes(x->summary, 1, 0);
}

/* Makes sheet 1 (公开说明 for a statement, else 目录) and the flat sheet after it. */
static int open_sheets(struct xlsx *x, bool statement, struct jx_err *err)
{
	x->summary = add_sheet(x, statement ? "公开说明" : "目录");
	x->flat = x->summary ? add_sheet(x, "指标清单") : NULL;
	if (!x->flat)
		return check(x, err, "工作表");
	x->listing = !statement;
	print_setup(x->summary, !statement);
	if (statement)
		note(x, worksheet_set_column(x->summary, 0, 0, STATEMENT_WIDTH, NULL));
	else
		listing_setup(x);
	flat_setup(x);
	return check(x, err, "工作表");
}

static int xlsx_statement(void *state, struct jx_buf *out, const struct jx_statement *s, const struct jx_render_opts *o,
			  struct jx_err *err)
{
	struct jx_buf title = JX_BUF_INIT, body = JX_BUF_INIT;
	struct xlsx *x = state;
	char *line, *next;
	lxw_row_t row = 2;

	(void)out;
	(void)o;
	if (broken(x, err))
		return -1;
	if (x->summary || x->results)
		return jx_err_set(err, JX_EUSAGE, "公开说明应在各表之前给出，且只给一次");
	if (open_sheets(x, true, err))
		return -1;
	jx_statement_write(s, &title, &body);
	put(x, x->summary, 0, 0, title.ptr, x->f.stitle);
	set_lines(x, x->summary, 0, 1.5);
	for (line = body.ptr; line; line = next, row++) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		put(x, x->summary, row, 0, line, x->f.para);
		set_lines(x, x->summary, row, text_lines(line, STATEMENT_WIDTH));
	}
	jx_buf_release(&title);
	jx_buf_release(&body);
	return check(x, err, "公开说明");
}

/* ---- a table sheet ---- */

/* The sheet's name: 表N (prefix, then N), a space and as much of the table's name as fits Excel's
 * limit, with the characters Excel refuses (and the apostrophe, which quotes names in links) as '_',
 * and escapes escaped (they would be decoded in a sheet name too, and in the links to it). Unique,
 * since N is. */
static void sheet_name(struct jx_buf *out, const char *prefix, size_t index, const char *name)
{
	struct jx_buf shown = JX_BUF_INIT;
	size_t units = 0, i = 0, len, u, chars, n = strlen(name);

	jx_buf_addf(&shown, NULL, "%s%zu", prefix, index + 1);
	if (n)
		jx_buf_addc(&shown, ' ', NULL);
	/* enough of the name to fill the name, and to tell whether an escape starts in what is shown */
	for (chars = 0; i < n && chars < SHEET_NAME_MAX + ESCAPE_LEN; chars++, i += len) {
		int32_t cp;

		len = jx_utf8_decode(name + i, n - i, &cp);
		if (cp < 0x20 || (cp < 0x80 && strchr("[]:*?/\\'", (int)cp)))
			jx_buf_addc(&shown, '_', NULL);
		else
			jx_buf_add(&shown, name + i, len, NULL);
	}
	for (i = 0; i < shown.len; i += len) {
		u = char_units(shown.ptr + i, shown.len - i, &len);
		if (units + u > SHEET_NAME_MAX)
			break;
		units += u;
		if (escape_at(shown.ptr + i, shown.len - i))
			jx_buf_adds(out, "_x005F_", NULL);
		else
			jx_buf_add(out, shown.ptr + i, len, NULL);
	}
	jx_buf_release(&shown);
}

/* A table sheet: labels, 一级指标, 二级指标, 三级指标, 指标值, then the optional indicator columns the table
 * has (render_impl.h). */
struct tsheet {
	lxw_worksheet *ws;
	enum jx_ifield col[JX_IF_COUNT]; /* the optional columns, from column F */
	size_t n_col;
	lxw_col_t last;                  /* the last column */
};

/* Widths of the optional columns, and whether they hold prose (written left, else centred). */
static const struct {
	unsigned width;
	bool prose;
} optional[JX_IF_COUNT] = {
	[JX_IF_DIRECTION] = { 8, false }, [JX_IF_WEIGHT] = { 6, false },     [JX_IF_EXPLANATION] = { 24, true },
	[JX_IF_SCORING] = { 24, true },   [JX_IF_BASIS] = { 10, false },     [JX_IF_VALUE_TYPE] = { 8, false },
	[JX_IF_NOTE] = { 14, true },      [JX_IF_LONG_TARGET] = { 14, false }, [JX_IF_PREVIOUS] = { 12, false },
};

static unsigned col_width(const struct tsheet *t, lxw_col_t c)
{
	return c < 5 ? table_widths[c] : optional[t->col[c - 5]].width;
}

/* Width of table columns c1..c2. */
static unsigned table_width(const struct tsheet *t, lxw_col_t c1, lxw_col_t c2)
{
	unsigned w = 0;

	for (; c1 <= c2; c1++)
		w += col_width(t, c1);
	return w;
}

/* A label in column A and its value merged over the rest; returns the next row. */
static lxw_row_t pair(struct xlsx *x, const struct tsheet *t, lxw_row_t r, const char *label, const char *value)
{
	put(x, t->ws, r, 0, label, x->f.label);
	span(x, t->ws, r, 1, r, t->last, value, x->f.text);
	set_lines(x, t->ws, r, text_lines(value, table_width(t, 1, t->last)));
	return r + 1;
}

/* The funds rows the table gives under their merged label, the funds' note after the total's amount;
 * returns the next row. */
static lxw_row_t funds(struct xlsx *x, const struct tsheet *t, lxw_row_t r, const struct jx_project *p)
{
	struct jx_funds_row rows[JX_FUNDS_ROWS];
	lxw_row_t n = (lxw_row_t)jx_render_funds(p, rows), i;
	char s[JX_DEC_STRMAX];

	span(x, t->ws, r, 0, r + n - 1, 0, p->kind == JX_KIND_DEPARTMENT ? "部门预算（万元）" : "项目资金（万元）",
	     x->f.label);
	for (i = 0; i < n; i++) {
		jx_buf_reset(&x->piece);
		jx_buf_adds(&x->piece, jx_money_format(rows[i].amount, s), NULL);
		if (i == 0 && p->f[JX_PF_FUNDS_NOTE])
			jx_buf_adds(&x->piece, p->f[JX_PF_FUNDS_NOTE], NULL);
		span(x, t->ws, r + i, 1, r + i, 2, rows[i].label, x->f.text);
		span(x, t->ws, r + i, 3, r + i, t->last, x->piece.ptr, x->f.amount);
		set_lines(x, t->ws, r + i, 1);
	}
	return r + n;
}

/* 年度主要任务 over a row of column names and a row per task: the task, 总额, 财政拨款 and 其他资金;
 * returns the next row. */
static lxw_row_t tasks(struct xlsx *x, const struct tsheet *t, lxw_row_t r, const struct jx_project *p)
{
	static const char *const heads[4] = { "任务名称", "总额", "财政拨款", "其他资金" };
	char s[JX_DEC_STRMAX];
	lxw_row_t i;
	lxw_col_t c;

	if (!p->n_tasks)
		return r;
	span(x, t->ws, r, 0, r + (lxw_row_t)p->n_tasks, 0, "年度主要任务", x->f.label);
	for (c = 0; c < 4; c++)
		span(x, t->ws, r, c + 1, r, c < 3 ? c + 1 : t->last, heads[c], x->f.head);
	set_lines(x, t->ws, r, 1);
	for (i = 1; i <= p->n_tasks; i++) {
		const struct jx_task *task = &p->tasks[i - 1];

		put(x, t->ws, r + i, 1, task->name, x->f.text);
		put(x, t->ws, r + i, 2, jx_money_format(task->total, s), x->f.amount);
		put(x, t->ws, r + i, 3, jx_money_format(task->fiscal, s), x->f.amount);
		span(x, t->ws, r + i, 4, r + i, t->last, jx_money_format(task->other, s), x->f.amount);
		set_lines(x, t->ws, r + i, text_lines(task->name, col_width(t, 1)));
	}
	return r + (lxw_row_t)p->n_tasks + 1;
}

/* Bytes of the goal's next piece, s[0..n): all of it if it fits a cell, else as much as does, cut after
 * a line break if one falls in the second half. */
static size_t goal_piece(const char *s, size_t n)
{
	size_t cut, len = fit(s, n, CELL_MAX, &cut);

	return len < n && cut ? cut : len;
}

/* The rows of the pieces a goal takes (at least one). */
static lxw_row_t goal_rows(const char *text)
{
	size_t n = strlen(text), at, len;
	lxw_row_t rows = 0;

	for (at = 0; at < n || rows == 0; at += len, rows++)
		len = goal_piece(text + at, n - at);
	return rows;
}

/* A goal's pieces from row r, a row each across columns from..last; returns the next row. */
static lxw_row_t goal_pieces(struct xlsx *x, const struct tsheet *t, lxw_row_t r, lxw_col_t from, const char *text)
{
	size_t n = strlen(text), at, len;
	lxw_row_t rows = goal_rows(text), i;

	for (at = 0, i = 0; i < rows; at += len, i++) {
		len = goal_piece(text + at, n - at);
		jx_buf_reset(&x->piece);
		jx_buf_add(&x->piece, text + at, len, NULL);
		span(x, t->ws, r + i, from, r + i, t->last, x->piece.ptr, x->f.text);
		set_lines(x, t->ws, r + i, text_lines(x->piece.ptr, table_width(t, from, t->last)));
	}
	return r + rows;
}

/* The 实施期目标 beside its label, if the table has one; then 总体目标 over 年度目标 and the year's goal, a
 * row per piece of each; returns the next row. */
static lxw_row_t goals(struct xlsx *x, const struct tsheet *t, lxw_row_t r, const struct jx_project *p)
{
	const char *long_goal = p->f[JX_PF_LONG_GOAL];

	if (long_goal) {
		span(x, t->ws, r, 0, r + goal_rows(long_goal) - 1, 0, jx_project_field(JX_PF_LONG_GOAL)->label, x->f.label);
		r = goal_pieces(x, t, r, 1, long_goal);
	}
	span(x, t->ws, r, 0, r + goal_rows(p->goal), 0, "总体目标", x->f.label);
	span(x, t->ws, r, 1, r, t->last, "年度目标", x->f.label);
	set_lines(x, t->ws, r, 1);
	return goal_pieces(x, t, r + 1, 1, p->goal);
}

/* The rows above the indicators; returns the row of their header. */
static lxw_row_t table_header(struct xlsx *x, const struct tsheet *t, const struct jx_project *p)
{
	enum jx_pfield fields[JX_PF_COUNT];
	size_t n = jx_render_fields(p, fields), i;
	bool department = p->kind == JX_KIND_DEPARTMENT;
	char year[32];
	lxw_row_t r;

	span(x, t->ws, 0, 0, 0, t->last, jx_render_title(p), x->f.title);
	note(x, worksheet_set_row(t->ws, 0, 32, NULL));
	snprintf(year, sizeof(year), "(%d年度)", p->year);
	span(x, t->ws, 1, 0, 1, t->last, year, x->f.year);
	r = pair(x, t, 2, department ? "部门名称" : "项目名称", p->name);
	if (!department)
		r = pair(x, t, r, "预算单位", p->unit);
	for (i = 0; i < n; i++)
		r = pair(x, t, r, jx_project_field(fields[i])->label, p->f[fields[i]]);
	r = funds(x, t, r, p);
	r = tasks(x, t, r, p);
	return goals(x, t, r, p);
}

/* Writes a level cell merged over the span rows of its group; returns the lines it needs per row. */
static double level_cell(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *label,
			 size_t span_rows)
{
	span(x, ws, row, col, row + (lxw_row_t)span_rows - 1, col, label, x->f.label);
	return text_lines(label, table_widths[col]) / (double)span_rows;
}

static double max(double a, double b)
{
	return a > b ? a : b;
}

/* Indicator i on row: its level cells where its groups start, its name (unit), target and optional
 * columns. The row is as high as its tallest cell needs. */
static void indicator_row(struct xlsx *x, const struct tsheet *t, lxw_row_t row, const struct jx_project *p,
			  size_t i, struct jx_buf *name)
{
	const struct jx_indicator *ind = &p->ind[i];
	int group = jx_project_group_start(p, i);
	double lines;
	size_t c;

	jx_buf_reset(name);
	jx_buf_adds(name, ind->name, NULL);
	if (ind->unit)
		jx_buf_addf(name, NULL, "（%s）", ind->unit);
	put(x, t->ws, row, 3, name->ptr, x->f.text);
	put(x, t->ws, row, 4, ind->target, x->f.target);
	lines = max(text_lines(name->ptr, table_widths[3]), text_lines(ind->target ? ind->target : "", table_widths[4]));
	for (c = 0; c < t->n_col; c++) {
		const char *v = ind->f[t->col[c]];

		put(x, t->ws, row, (lxw_col_t)(5 + c), v, optional[t->col[c]].prose ? x->f.text : x->f.target);
		lines = max(lines, text_lines(v ? v : "", optional[t->col[c]].width));
	}
	if (group == 1)
		lines = max(lines, level_cell(x, t->ws, row, 1, ind->level1, jx_project_group_span(p, i, 1)));
	if (group)
		lines = max(lines, level_cell(x, t->ws, row, 2, ind->level2, jx_project_group_span(p, i, 2)));
	set_lines(x, t->ws, row, lines);
}

static void indicators(struct xlsx *x, const struct tsheet *t, lxw_row_t r, const struct jx_project *p)
{
	static const char *const heads[4] = { "一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）" };
	struct jx_buf name = JX_BUF_INIT;
	lxw_col_t c;
	size_t i;

	span(x, t->ws, r, 0, r + (lxw_row_t)p->n_ind, 0, "绩效指标", x->f.label);
	for (c = 0; c < 4; c++)
		put(x, t->ws, r, c + 1, heads[c], x->f.head);
	for (i = 0; i < t->n_col; i++)
		put(x, t->ws, r, (lxw_col_t)(5 + i), jx_indicator_field(t->col[i])->label, x->f.head);
	set_lines(x, t->ws, r, 2);
	for (i = 0; i < p->n_ind; i++)
		indicator_row(x, t, r + 1 + (lxw_row_t)i, p, i, &name);
	jx_buf_release(&name);
}

/* The table's sheet, landscape when it has optional columns. */
static void table_sheet(struct xlsx *x, const char *sheet, const struct jx_project *p)
{
	struct tsheet t;
	lxw_col_t c;

	t.ws = add_sheet(x, sheet);
	if (!t.ws)
		return;
	t.n_col = jx_project_columns(p, t.col);
	t.last = (lxw_col_t)(4 + t.n_col);
	for (c = 0; c <= t.last; c++)
		note(x, worksheet_set_column(t.ws, c, c, col_width(&t, c), NULL));
	print_setup(t.ws, t.n_col > 0);
	indicators(x, &t, table_header(x, &t, p), p);
}

/* ---- a project ---- */

/* The flat sheet's optional column k (FX_*), added with its header when first needed. */
static lxw_col_t flat_optional(struct xlsx *x, int k)
{
	const char *head = k < JX_PF_COUNT       ? jx_project_field((enum jx_pfield)k)->label
			   : k == FX_CARRYOVER    ? "上年结转资金(万元)"
			   : k == FX_PERIOD_TOTAL ? "实施期资金总额(万元)"
						  : jx_indicator_field((enum jx_ifield)(k - FX_INDICATOR))->label;
	lxw_col_t c = x->flat_col[k];

	if (c)
		return c;
	c = x->flat_col[k] = x->flat_cols++;
	note(x, worksheet_set_column(x->flat, c, c, FLAT_OPTIONAL_WIDTH, NULL));
	put(x, x->flat, 0, c, head, x->f.column);
	return c;
}

/* The project's fields in columns 0..6 of flat row r, and the optional ones it has in theirs. */
static void flat_project(struct xlsx *x, lxw_row_t r, const struct jx_project *p)
{
	int f;

	note(x, worksheet_write_number(x->flat, r, 0, p->year, NULL));
	put(x, x->flat, r, 1, p->name, NULL);
	put(x, x->flat, r, 2, p->unit, NULL);
	put(x, x->flat, r, 3, kind_label(p->kind), NULL);
	put_money(x, x->flat, r, 4, p->total);
	put_money(x, x->flat, r, 5, p->fiscal);
	put_money(x, x->flat, r, 6, p->other);
	for (f = 0; f < JX_PF_COUNT; f++)
		if (p->f[f] && f != JX_PF_LONG_GOAL)
			put(x, x->flat, r, flat_optional(x, f), p->f[f], NULL);
	if (p->carryover != JX_MONEY_NONE)
		put_money(x, x->flat, r, flat_optional(x, FX_CARRYOVER), p->carryover);
	if (p->period_total != JX_MONEY_NONE)
		put_money(x, x->flat, r, flat_optional(x, FX_PERIOD_TOTAL), p->period_total);
}

/* A row per indicator (one row if there are none, so that every table can be found). */
static void flat_rows(struct xlsx *x, const struct jx_project *p)
{
	size_t i, rows = p->n_ind ? p->n_ind : 1;
	int f;

	for (i = 0; i < rows; i++) {
		lxw_row_t r = x->flat_rows++;

		flat_project(x, r, p);
		if (i == p->n_ind)
			break;
		put(x, x->flat, r, 7, p->ind[i].level1, NULL);
		put(x, x->flat, r, 8, p->ind[i].level2, NULL);
		put(x, x->flat, r, 9, p->ind[i].name, NULL);
		put(x, x->flat, r, 10, p->ind[i].unit, NULL);
		put(x, x->flat, r, 11, p->ind[i].target, NULL);
		for (f = 0; f < JX_IF_COUNT; f++)
			if (p->ind[i].f[f])
				put(x, x->flat, r, flat_optional(x, FX_INDICATOR + f), p->ind[i].f[f], NULL);
	}
}

/* The contents row of the index-th table: 表N, linked to its sheet, and the table's fields. */
static void listing_row(struct xlsx *x, size_t index, const char *sheet, const struct jx_project *p)
{
	lxw_row_t r = (lxw_row_t)index + 1;
	struct jx_buf link = JX_BUF_INIT;
	char number[32];

	jx_buf_addf(&link, NULL, "internal:'%s'!A1", sheet);
	snprintf(number, sizeof(number), "表%zu", index + 1);
	note(x, worksheet_write_url_opt(x->summary, r, 0, link.ptr, NULL, number, NULL));
	put(x, x->summary, r, 1, p->name, NULL);
	put(x, x->summary, r, 2, p->unit, NULL);
	put(x, x->summary, r, 3, kind_label(p->kind), NULL);
	note(x, worksheet_write_number(x->summary, r, 4, p->year, NULL));
	put_money(x, x->summary, r, 5, p->total);
	note(x, worksheet_write_number(x->summary, r, 6, (double)p->n_ind, NULL));
	put(x, x->summary, r, 7, jx_status_label(p->status), NULL);
	jx_buf_release(&link);
}

static int xlsx_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
			const struct jx_render_opts *o, struct jx_err *err)
{
	struct jx_buf sheet = JX_BUF_INIT;
	struct xlsx *x = state;

	(void)out;
	(void)o;
	if (broken(x, err) || (!x->summary && open_sheets(x, false, err)))
		return -1;
	sheet_name(&sheet, "表", index, p->name);
	if (x->listing)
		listing_row(x, index, sheet.ptr, p);
	flat_rows(x, p);
	table_sheet(x, sheet.ptr, p);
	jx_buf_release(&sheet);
	return check_table(x, err, "表", index, p->name);
}

/* ---- self-evaluations and their summary ---- */

/* A decimal as a number shown with two places, if it has at most two and a double shows it exactly
 * (the coefficient and the power of ten are exact doubles, and their quotient is correctly rounded: the
 * double nearest the decimal, as strtod would give); else as the decimal's text. */
static void put_dec(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, struct jx_dec d, lxw_format *num,
		    lxw_format *text)
{
	static const double ten[3] = { 1, 10, 100 };
	char s[JX_DEC_STRMAX];

	if (d.scale <= 2 && jx_dec_digits(d) <= EXACT_DIGITS)
		note(x, worksheet_write_number(ws, row, col, (double)d.coef / ten[d.scale], num));
	else
		put(x, ws, row, col, jx_dec_format(d, s), text);
}

/* A score of sc as put_dec writes it, or — where sc is not evaluated (未评价). */
static void put_score(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct jx_score *sc,
		      struct jx_dec d, lxw_format *num, lxw_format *text)
{
	if (sc->evaluated)
		put_dec(x, ws, row, col, d, num, text);
	else
		put(x, ws, row, col, "—", text ? text : num);
}

/* An amount in a report: a number in format f, as put_dec writes it. */
static void put_amount(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, jx_money m, lxw_format *f,
		       lxw_format *text)
{
	put_dec(x, ws, row, col, jx_money_dec(m), f, text);
}

/* The indicator's name with its unit, as a table sheet writes it. */
static void indicator_name(struct jx_buf *out, const struct jx_indicator *ind)
{
	jx_buf_reset(out);
	jx_buf_adds(out, ind->name, NULL);
	if (ind->unit)
		jx_buf_addf(out, NULL, "（%s）", ind->unit);
}

/* The reason shown for a line of a self-evaluation: the one given, （应说明） where one is asked for,
 * or nothing. */
/* Width of self-evaluation columns c1..c2. */
static unsigned score_width(lxw_col_t c1, lxw_col_t c2)
{
	unsigned w = 0;

	for (; c1 <= c2; c1++)
		w += score_widths[c1];
	return w;
}

static void results_setup(struct xlsx *x)
{
	static const char *const heads[] = { "年度", "预算单位", "项目名称", "年度资金总额\n（万元）", "总分", "评级",
					     "工作表" };
	static const double widths[] = { 8, 26, 34, 14, 10, 8, 8 };
	lxw_worksheet *ws = x->results;
	lxw_col_t c;

	for (c = 0; c < sizeof(heads) / sizeof(heads[0]); c++) {
		note(x, worksheet_set_column(ws, c, c, widths[c], NULL));
		put(x, ws, 3, c, heads[c], x->f.head);
	}
	span(x, ws, 0, 0, 0, 6, "绩效自评汇总", x->f.title);
	note(x, worksheet_set_row(ws, 0, 32, NULL));
	put(x, ws, 2, 0, "各项目自评结果", x->f.section);
	set_lines(x, ws, 3, 2);
	print_setup(ws, true);
}

static void sflat_setup(struct xlsx *x)
{
	static const char *const heads[SFLAT_COLS] = { "年度", "项目名称", "预算单位", "一级指标", "二级指标",
						       "三级指标", "计量单位", "年度指标值", "实际完成值", "截至日期",
						       "分值", "得分", "偏差原因分析及改进措施" };
	static const double widths[SFLAT_COLS] = { 7, 34, 26, 12, 18, 40, 10, 16, 16, 12, 8, 8, 40 };
	lxw_col_t c;

	for (c = 0; c < SFLAT_COLS; c++) {
		note(x, worksheet_set_column(x->sflat, c, c, widths[c], NULL));
		put(x, x->sflat, 0, c, heads[c], x->f.column);
	}
	worksheet_freeze_panes(x->sflat, 1, 0);
	print_setup(x->sflat, true);
	x->sflat_rows = 1;
}

/* Makes 自评汇总 and the flat sheet of the self-evaluations after it. */
static int open_results(struct xlsx *x, struct jx_err *err)
{
	x->results = add_sheet(x, "自评汇总");
	x->sflat = x->results ? add_sheet(x, "自评指标清单") : NULL;
	if (!x->sflat)
		return check(x, err, "工作表");
	results_setup(x);
	sflat_setup(x);
	return check(x, err, "工作表");
}

/* The project's row on 自评汇总: its figures, and 自评N linked to its sheet. */
static void results_row(struct xlsx *x, const char *sheet, size_t index, const struct jx_score *sc)
{
	lxw_row_t r = 4 + (lxw_row_t)x->scored++;
	struct jx_buf link = JX_BUF_INIT;
	char number[32];

	note(x, worksheet_write_number(x->results, r, 0, sc->p->year, x->f.count));
	put(x, x->results, r, 1, sc->p->unit, x->f.text);
	put(x, x->results, r, 2, sc->p->name, x->f.text);
	put_amount(x, x->results, r, 3, sc->p->total, x->f.number, x->f.amount);
	put_score(x, x->results, r, 4, sc, sc->total, x->f.number, x->f.amount);
	put(x, x->results, r, 5, sc->evaluated ? sc->grade : JX_UNEVALUATED, x->f.label);
	jx_buf_addf(&link, NULL, "internal:'%s'!A1", sheet);
	snprintf(number, sizeof(number), "自评%zu", index + 1);
	note(x, worksheet_write_url_opt(x->results, r, 6, link.ptr, x->f.label, number, NULL));
	set_lines(x, x->results, r, max(text_lines(sc->p->name, 34), text_lines(sc->p->unit, 26)));
	jx_buf_release(&link);
}

/* The project's fields in columns 0..2 of row r of the flat sheet. */
static void sflat_project(struct xlsx *x, lxw_row_t r, const struct jx_project *p)
{
	note(x, worksheet_write_number(x->sflat, r, 0, p->year, NULL));
	put(x, x->sflat, r, 1, p->name, NULL);
	put(x, x->sflat, r, 2, p->unit, NULL);
}

/* The flat sheet's rows of a self-evaluation: budget execution (全年执行数 against 年度资金总额), then a
 * row per indicator; the points and scores as numbers, — where an indicator carries none. */
static void sflat_rows(struct xlsx *x, const struct jx_score *sc)
{
	const struct jx_project *p = sc->p;
	lxw_row_t r = x->sflat_rows++;
	char total[JX_DEC_STRMAX];
	size_t i;

	sflat_project(x, r, p);
	put(x, x->sflat, r, 3, "预算执行", NULL);
	put(x, x->sflat, r, 5, JX_SPENT, NULL);
	put(x, x->sflat, r, 6, "万元", NULL);
	put(x, x->sflat, r, 7, jx_money_format(p->total, total), NULL);
	if (sc->spent) {
		put(x, x->sflat, r, 8, sc->spent->value, NULL);
		put(x, x->sflat, r, 9, sc->spent->as_of, NULL);
	}
	put_dec(x, x->sflat, r, 10, sc->points[JX_GROUP_BUDGET], x->f.money, NULL);
	put_score(x, x->sflat, r, 11, sc, sc->score[JX_GROUP_BUDGET], x->f.money, NULL);
	for (i = 0; i < sc->n; i++) {
		const struct jx_scored *l = &sc->ind[i];
		const struct jx_indicator *ind = &p->ind[l->index];

		r = x->sflat_rows++;
		sflat_project(x, r, p);
		put(x, x->sflat, r, 3, ind->level1, NULL);
		put(x, x->sflat, r, 4, ind->level2, NULL);
		put(x, x->sflat, r, 5, ind->name, NULL);
		put(x, x->sflat, r, 6, ind->unit, NULL);
		put(x, x->sflat, r, 7, ind->target, NULL);
		if (l->actual) {
			put(x, x->sflat, r, 8, l->actual->value, NULL);
			put(x, x->sflat, r, 9, l->actual->as_of, NULL);
		}
		if (l->group > 0) {
			put_dec(x, x->sflat, r, 10, l->points, x->f.money, NULL);
			put_score(x, x->sflat, r, 11, sc, l->score, x->f.money, NULL);
		} else {
			put(x, x->sflat, r, 10, "—", NULL);
			put(x, x->sflat, r, 11, "—", NULL);
		}
		put(x, x->sflat, r, 12, jx_scored_reason(l, &x->scratch), NULL);
	}
}

/* A label over columns A:B of row r and text over C:H; returns the next row. */
static lxw_row_t score_pair(struct xlsx *x, lxw_worksheet *ws, lxw_row_t r, const char *label, const char *text)
{
	span(x, ws, r, 0, r, 1, label, x->f.label);
	span(x, ws, r, 2, r, SCORE_COLS - 1, text, x->f.text);
	set_lines(x, ws, r,
		  max(text_lines(text, score_width(2, SCORE_COLS - 1)), text_lines(label, score_width(0, 1))));
	return r + 1;
}

/* The title and the header block: the project, then budget execution, labels over figures; returns
 * the next row. */
static lxw_row_t score_header(struct xlsx *x, lxw_worksheet *ws, const struct jx_score *sc)
{
	static const char *const heads[] = { "年度资金总额（万元）", "全年执行数（万元）", "执行率（%）", "分值",
					     "得分", "执行数截至" };
	const struct jx_project *p = sc->p;
	bool dept = p->kind == JX_KIND_DEPARTMENT;
	struct jx_actual_value v;
	char year[32], unit[JX_DEC_STRMAX];
	lxw_row_t r;
	lxw_col_t c;

	span(x, ws, 0, 0, 0, SCORE_COLS - 1, dept ? "部门整体支出绩效自评表" : "项目支出绩效自评表", x->f.title);
	note(x, worksheet_set_row(ws, 0, 32, NULL));
	snprintf(year, sizeof(year), "(%d年度)", p->year);
	span(x, ws, 1, 0, 1, SCORE_COLS - 1, year, x->f.year);
	r = score_pair(x, ws, 2, dept ? "部门名称" : "项目名称", p->name);
	if (!dept)
		r = score_pair(x, ws, r, "预算单位", p->unit);
	span(x, ws, r, 0, r + 1, 1, "预算执行", x->f.label);
	for (c = 2; c < SCORE_COLS; c++)
		put(x, ws, r, c, heads[c - 2], x->f.head);
	set_lines(x, ws, r, 2);
	r++;
	put_amount(x, ws, r, 2, p->total, x->f.number, x->f.amount);
	if (!sc->spent)
		put(x, ws, r, 3, "（未填报）", x->f.target);
	else if (!jx_actual_parse(sc->spent->value, strlen(sc->spent->value), &v, unit, sizeof(unit)) &&
		 v.level == JX_LEVEL_NONE)
		put_dec(x, ws, r, 3, v.value, x->f.number, x->f.amount);
	else
		put(x, ws, r, 3, sc->spent->value, x->f.target);
	if (sc->spent && p->total)
		put_dec(x, ws, r, 4, sc->rate, x->f.number, x->f.amount);
	else
		put(x, ws, r, 4, "—", x->f.target);
	put_dec(x, ws, r, 5, sc->points[JX_GROUP_BUDGET], x->f.number, x->f.amount);
	put_score(x, ws, r, 6, sc, sc->score[JX_GROUP_BUDGET], x->f.number, x->f.amount);
	put(x, ws, r, 7, sc->spent ? sc->spent->as_of : "—", x->f.target);
	set_lines(x, ws, r, 1);
	return r + 1;
}

/* Indicator line i of sc on row: its level cells where its groups start, its figures and the reason;
 * the row as high as its tallest cell needs. */
static void score_line(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct jx_score *sc, size_t i,
		       struct jx_buf *name)
{
	const struct jx_scored *l = &sc->ind[i];
	const struct jx_project *p = sc->p;
	const struct jx_indicator *ind = &p->ind[l->index];
	int group = jx_project_group_start(p, l->index);
	const char *reason = jx_scored_reason(l, &x->scratch);
	double lines;

	indicator_name(name, ind);
	put(x, ws, row, 2, name->ptr, x->f.text);
	put(x, ws, row, 3, ind->target ? ind->target : "（无）", x->f.target);
	put(x, ws, row, 4, l->actual ? l->actual->value : "—", x->f.target);
	if (l->group > 0) {
		put_dec(x, ws, row, 5, l->points, x->f.number, x->f.amount);
		put_score(x, ws, row, 6, sc, l->score, x->f.number, x->f.amount);
	} else {
		put(x, ws, row, 5, "—", x->f.target);
		put(x, ws, row, 6, "—", x->f.target);
	}
	put(x, ws, row, 7, reason, l->actual && l->actual->reason ? x->f.text : x->f.ask);
	lines = max(text_lines(name->ptr, score_widths[2]), text_lines(reason, score_widths[7]));
	lines = max(lines, text_lines(ind->target ? ind->target : "", score_widths[3]));
	lines = max(lines, text_lines(l->actual ? l->actual->value : "", score_widths[4]));
	if (group == 1) {
		size_t n = jx_project_group_span(p, l->index, 1);

		span(x, ws, row, 0, row + (lxw_row_t)n - 1, 0, ind->level1, x->f.label);
		lines = max(lines, text_lines(ind->level1, score_widths[0]) / (double)n);
	}
	if (group) {
		size_t n = jx_project_group_span(p, l->index, 2);

		span(x, ws, row, 1, row + (lxw_row_t)n - 1, 1, ind->level2, x->f.label);
		lines = max(lines, text_lines(ind->level2, score_widths[1]) / (double)n);
	}
	set_lines(x, ws, row, lines);
}

/* The indicator header row, the indicators, what each group earned, the total and the grade, and a
 * note of the reasons missing. */
static void score_body(struct xlsx *x, lxw_worksheet *ws, lxw_row_t r, const struct jx_score *sc)
{
	static const char *const heads[SCORE_COLS] = { "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
						       "分值", "得分", "偏差原因分析及改进措施" };
	struct jx_buf text = JX_BUF_INIT;
	struct jx_dec points = { 0, 0 };
	char a[JX_DEC_STRMAX], b[JX_DEC_STRMAX];
	lxw_col_t c;
	size_t i;
	int k;

	for (c = 0; c < SCORE_COLS; c++)
		put(x, ws, r, c, heads[c], x->f.head);
	set_lines(x, ws, r, 2);
	note(x, worksheet_repeat_rows(ws, r, r));
	for (i = 0; i < sc->n; i++)
		score_line(x, ws, r + 1 + (lxw_row_t)i, sc, i, &text);
	r += 1 + (lxw_row_t)sc->n;
	jx_buf_reset(&text);
	for (k = 0; k < JX_N_GROUPS; k++) {
		jx_buf_addf(&text, NULL, "%s%s %s/%s", k ? "；" : "", jx_group_label(k),
			    sc->evaluated ? jx_dec_format(sc->score[k], a) : "—", jx_dec_format(sc->points[k], b));
		jx_dec_add(points, sc->points[k], &points);
	}
	r = score_pair(x, ws, r, "分项得分/分值", text.ptr);
	span(x, ws, r, 0, r, 4, "总分", x->f.head);
	put_dec(x, ws, r, 5, points, x->f.bold, x->f.head);
	put_score(x, ws, r, 6, sc, sc->total, x->f.bold, x->f.head);
	jx_buf_reset(&text);
	jx_buf_addf(&text, NULL, "评级：%s", sc->evaluated ? sc->grade : JX_UNEVALUATED);
	put(x, ws, r, 7, text.ptr, x->f.head);
	set_lines(x, ws, r, 1);
	jx_buf_reset(&text);
	if (sc->before_year_end)
		jx_buf_addf(&text, NULL, "注：%zu 项实际完成值截至 %d 年年末以前（最早截至 %s），本自评不是全年结果。",
			    sc->before_year_end, sc->p->year, sc->earliest);
	if (sc->missing_reasons)
		jx_buf_addf(&text, NULL, "%s%zu 条指标得分%s，应说明偏差原因。",
			    sc->before_year_end ? "" : "注：", sc->missing_reasons, sc->asked);
	if (*sc->weight_note)
		jx_buf_addf(&text, NULL, "%s%s。", text.len ? "" : "注：", sc->weight_note);
	if (sc->capped)
		jx_buf_addf(&text, NULL, "%s%s。", text.len ? "" : "注：", sc->cap_note);
	if (text.len)
		span(x, ws, r + 2, 0, r + 2, SCORE_COLS - 1, text.ptr, x->f.para);
	jx_buf_release(&text);
}

static void score_sheet(struct xlsx *x, const char *sheet, const struct jx_score *sc)
{
	lxw_worksheet *ws = add_sheet(x, sheet);
	lxw_col_t c;

	if (!ws)
		return;
	for (c = 0; c < SCORE_COLS; c++)
		note(x, worksheet_set_column(ws, c, c, score_widths[c], NULL));
	print_setup(ws, true);
	score_body(x, ws, score_header(x, ws, sc), sc);
}

static int xlsx_score(void *state, struct jx_buf *out, const struct jx_score *sc, size_t index,
		      const struct jx_render_opts *o, struct jx_err *err)
{
	struct jx_buf sheet = JX_BUF_INIT;
	struct xlsx *x = state;

	(void)out;
	(void)o;
	if (broken(x, err) || (!x->results && open_results(x, err)))
		return -1;
	if (x->summarised)
		return jx_err_set(err, JX_EUSAGE, "自评汇总应在各项目之后给出");
	sheet_name(&sheet, "自评", index, sc->p->name);
	results_row(x, sheet.ptr, index, sc);
	sflat_rows(x, sc);
	score_sheet(x, sheet.ptr, sc);
	jx_buf_release(&sheet);
	return check_table(x, err, "自评", index, sc->p->name);
}

/* A summary table on 自评汇总 from row r: its heading, two header rows (年度, 预算单位 — by year the
 * year spans it —, 项目数, 平均分, 未评价, then the projects and the money of each grade) and a row per
 * group.
 * Returns the row after it. */
static lxw_row_t summary_table(struct xlsx *x, lxw_row_t r, const char *title, const struct jx_score_summary *sum,
			       const struct jx_score_group *g, size_t n, bool unit)
{
	lxw_worksheet *ws = x->results;
	const lxw_col_t grades = (lxw_col_t)sum->n_grades, counts = 6, money = 6 + grades;
	lxw_col_t k;
	size_t i;

	put(x, ws, r, 0, title, x->f.section);
	r++;
	if (unit) {
		span(x, ws, r, 0, r + 1, 0, "年度", x->f.head);
		span(x, ws, r, 1, r + 1, 2, "预算单位", x->f.head);
	} else {
		span(x, ws, r, 0, r + 1, 2, "年度", x->f.head);
	}
	span(x, ws, r, 3, r + 1, 3, "项目数", x->f.head);
	span(x, ws, r, 4, r + 1, 4, "平均分", x->f.head);
	span(x, ws, r, 5, r + 1, 5, JX_UNEVALUATED, x->f.head);
	if (grades) {
		span(x, ws, r, counts, r, counts + grades - 1, "各等级项目数（个）", x->f.head);
		span(x, ws, r, money, r, money + grades - 1, "各等级资金（万元）", x->f.head);
	}
	for (k = 0; k < grades; k++) {
		put(x, ws, r + 1, counts + k, sum->grade[k], x->f.head);
		put(x, ws, r + 1, money + k, sum->grade[k], x->f.head);
	}
	set_lines(x, ws, r, 1);
	set_lines(x, ws, r + 1, 1);
	for (r += 2, i = 0; i < n; i++, r++) {
		if (unit) {
			note(x, worksheet_write_number(ws, r, 0, g[i].year, x->f.count));
			span(x, ws, r, 1, r, 2, g[i].key, x->f.text);
		} else {
			note(x, worksheet_merge_range(ws, r, 0, r, 2, "", x->f.count));
			note(x, worksheet_write_number(ws, r, 0, g[i].year, x->f.count));
		}
		note(x, worksheet_write_number(ws, r, 3, (double)(g[i].n + g[i].unevaluated), x->f.count));
		if (g[i].n)
			put_dec(x, ws, r, 4, g[i].average, x->f.number, x->f.amount);
		else
			put(x, ws, r, 4, "—", x->f.amount);
		note(x, worksheet_write_number(ws, r, 5, (double)g[i].unevaluated, x->f.count));
		for (k = 0; k < grades; k++) {
			note(x, worksheet_write_number(ws, r, counts + k, (double)g[i].count[k], x->f.count));
			put_amount(x, ws, r, money + k, g[i].money[k], x->f.number, x->f.amount);
		}
		set_lines(x, ws, r, unit ? text_lines(g[i].key, 26 + 34) : 1);
	}
	return r;
}

/* The summaries by unit and by year on 自评汇总, under the projects' rows. The columns right of those
 * (the grades' counts and money) get their widths here: a column's width is set once. */
static int xlsx_summary(void *state, struct jx_buf *out, const struct jx_score_summary *sum,
			const struct jx_render_opts *o, struct jx_err *err)
{
	struct xlsx *x = state;
	lxw_col_t c, grades = (lxw_col_t)sum->n_grades;
	lxw_row_t r;

	(void)out;
	(void)o;
	if (broken(x, err) || (!x->results && open_results(x, err)))
		return -1;
	if (x->summarised)
		return jx_err_set(err, JX_EUSAGE, "自评汇总只能给出一次");
	x->summarised = true;
	for (c = 7; c < 6 + 2 * grades; c++)
		note(x, worksheet_set_column(x->results, c, c, c < 6 + grades ? 8 : 14, NULL));
	r = 4 + (lxw_row_t)x->scored + 1;
	r = summary_table(x, r, "按预算单位汇总", sum, sum->units, sum->n_units, true);
	summary_table(x, r + 1, "按年度汇总", sum, sum->years, sum->n_years, false);
	return check(x, err, "自评汇总");
}

/* ---- end ---- */

/* Appends the file open at fd to out. */
static int read_back(int fd, struct jx_buf *out, struct jx_err *err)
{
	struct stat sb;
	size_t size, got = 0;
	ssize_t n = 1;

	if (fstat(fd, &sb) || lseek(fd, 0, SEEK_SET) < 0)
		return jx_err_set(err, JX_EIO, "无法读取 XLSX 临时文件：%s", strerror(errno));
	size = (size_t)sb.st_size;
	if (jx_buf_grow(out, size, err))
		return -1;
	while (got < size && (n = read(fd, out->ptr + out->len + got, size - got)) > 0)
		got += (size_t)n;
	if (n <= 0)
		return jx_err_set(err, JX_EIO, "无法读取 XLSX 临时文件：%s", n ? strerror(errno) : "文件不完整");
	jx_buf_setlen(out, out->len + got);
	return 0;
}

/* Closes the workbook (writing it) and reads it into out. */
static int finish(struct xlsx *x, struct jx_buf *out, struct jx_err *err)
{
	lxw_error e;

	if (broken(x, err) || (!x->summary && !x->results && open_sheets(x, false, err))) {
		lxw_workbook_free(x->wb);
		return -1;
	}
	if (x->flat)
		note(x, worksheet_autofilter(x->flat, 0, 0, x->flat_rows - 1, x->flat_cols - 1));
	if (x->sflat)
		note(x, worksheet_autofilter(x->sflat, 0, 0, x->sflat_rows - 1, SFLAT_COLS - 1));
	e = workbook_close(x->wb); /* frees the workbook, even when it fails */
	if (e || x->lerr)
		return jx_err_set(err, JX_EIO, "生成 XLSX 失败：%s", lxw_message(e ? e : x->lerr));
	return read_back(x->fd, out, err);
}

static int xlsx_end(void *state, struct jx_buf *out, size_t count, bool failed, const struct jx_render_opts *o,
		    struct jx_err *err)
{
	struct xlsx *x = state;
	int rc = 0;

	(void)count;
	(void)o;
	if (failed)
		lxw_workbook_free(x->wb);
	else
		rc = finish(x, out, err);
	if (x->fd >= 0) {
		unlink(x->path);
		close(x->fd);
	}
	free(x->path);
	free(x->dir);
	jx_buf_release(&x->cell);
	jx_buf_release(&x->piece);
	jx_buf_release(&x->scratch);
	free(x);
	return rc;
}

const struct jx_renderer jx_render_xlsx = { .name = "xlsx",
					    .begin = xlsx_begin,
					    .statement = xlsx_statement,
					    .project = xlsx_project,
					    .end = xlsx_end,
					    .score = xlsx_score,
					    .summary = xlsx_summary };
