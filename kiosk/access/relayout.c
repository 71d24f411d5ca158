#define LOG_MODULE "access"
#include "access/relayout.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "qr/qr_code.h"
#include "text/layout.h"

/* Layouts are measured at the playlist's screen size; a renderer at another size rounds glyph
 * positions differently, so every measured height gets this much room besides. */
#define HEIGHT_SLACK 1.01f
/* A QR code in accessible mode: at most this share of the screen's height, its caption under it. */
#define QR_MAX_SHARE 0.22f

void access_control_box(int width, int height, const struct reach_zone *z, enum access_control c,
                        float out[4])
{
    float W = (float)width, H = (float)height;
    /* About 33 mm on a 43-inch screen: easy to find and to hit; narrower than the margins the
     * playlists leave at the screen's left edge (4% of its width), where it stands in every
     * language. */
    float side = fminf(0.07f * fminf(W, H), 0.035f * W);
    float gap = side * 0.25f;
    float bottom = fminf(z->bottom, 0.99f) * H;
    float top = fmaxf(0.0f, bottom - side);
    float x = 0.003f * W + (float)c * (side + gap);
    out[0] = x / W;
    out[1] = top / H;
    out[2] = side / W;
    out[3] = side / H;
}

static const struct background theme_background = {
    .kind = BACKGROUND_SOLID, .from = ACCESS_BACKGROUND, .to = ACCESS_BACKGROUND};

static struct text_style style_for(struct text_engine *e, const struct playlist *pl,
                                   const struct text_block *b, const char *lang)
{
    struct text_style st = {
        .size = b->size,
        .weight = b->bold ? FONT_WEIGHT_BOLD : FONT_WEIGHT_REGULAR,
        .lang = lang,
        .line_height = b->line_height,
        .dir = b->dir_auto                 ? TEXT_DIR_AUTO
               : lang && lang_is_rtl(lang) ? TEXT_DIR_RTL
                                           : TEXT_DIR_LTR,
        .align = b->align == BLOCK_ALIGN_END      ? TEXT_ALIGN_END
                 : b->align == BLOCK_ALIGN_CENTER ? TEXT_ALIGN_CENTER
                                                  : TEXT_ALIGN_START,
    };
    if (e && b->font > 0 && b->font <= pl->font_count)
        st.family =
            text_engine_add_family(e, pl->fonts[b->font - 1].regular, pl->fonts[b->font - 1].bold);
    return st;
}

/* What one block needs at its accessible size: the largest height and width over the
 * languages, and the language that needs the most height. */
struct need {
    float height, width;
    float line; /* the line advance, from the layout when it has two lines */
    const char *lang;
    bool word_broken;
};

static void measure(struct text_engine *e, const struct playlist *pl, const struct text_block *b,
                    float width, struct need *out)
{
    float line = b->size * (b->line_height > 0 ? b->line_height : 1.36f);
    *out = (struct need){
        .height = line, .line = line, .lang = pl->language_count ? pl->languages[0] : ""};
    if (b->kind == TEXT_BLOCK_CLOCK) {
        /* A clock's text changes: measured with about the longest it shows (a long weekday
         * and month, the Hebrew date where the format has it). */
        bool time = b->clock == CLOCK_TIME || b->clock == CLOCK_DATETIME ||
                    b->clock == CLOCK_DATETIME_HEBREW;
        bool date = b->clock != CLOCK_TIME && b->clock != CLOCK_HEBREW;
        bool hebrew = b->clock == CLOCK_HEBREW || b->clock == CLOCK_DATE_HEBREW ||
                      b->clock == CLOCK_DATETIME_HEBREW;
        char sample[200];
        snprintf(sample, sizeof sample, "%s%s%s%s%s", time ? "23:59" : "",
                 time && (date || hebrew) ? "\n" : "", date ? "Wednesday, 28 September 2026" : "",
                 date && hebrew ? " · " : "", hebrew ? "כ״ח באלול תשפ״ו" : "");
        out->height = line * 1.1f;
        out->width = width;
        for (size_t l = 0; e && l < pl->language_count; l++) {
            struct text_style st = style_for(e, pl, b, pl->languages[l]);
            struct text_layout *layout = text_layout_get(e, sample, strlen(sample), &st, width);
            if (layout->height > out->height) {
                out->height = layout->height;
                out->lang = pl->languages[l];
            }
            text_layout_unref(layout);
        }
        out->height = out->height * HEIGHT_SLACK + 2;
        return;
    }
    for (size_t l = 0; l < pl->language_count; l++) {
        const char *lang = pl->languages[l], *used = lang;
        const char *text = text_block_text(pl, b, lang, &used);
        if (!text || (used && strcmp(used, lang) != 0))
            continue; /* shown in another language: measured there */
        float h, w;
        bool broken = false;
        if (!e) {
            /* Without fonts, an estimate: half an em per character. */
            float chars = (float)strlen(text) * 0.6f;
            float lines = b->kind == TEXT_BLOCK_TICKER || width <= 0
                              ? 1
                              : ceilf(chars * b->size * 0.5f / width);
            h = fmaxf(1, lines) * line;
            w = fminf(chars * b->size * 0.5f, width > 0 ? width : 1e9f);
        } else {
            struct text_style st = style_for(e, pl, b, lang);
            float wbox = b->kind == TEXT_BLOCK_TICKER ? TEXT_WIDTH_UNBOUNDED : width;
            struct text_layout *layout = text_layout_get(e, text, strlen(text), &st, wbox);
            h = layout->height;
            w = layout->width;
            broken = layout->word_broken;
            if (layout->n_lines >= 2)
                out->line = fmaxf(out->line, layout->lines[1].top - layout->lines[0].top);
            text_layout_unref(layout);
        }
        if (h > out->height || l == 0) {
            out->height = fmaxf(h, line);
            out->lang = lang;
        }
        out->width = fmaxf(out->width, w);
        out->word_broken |= broken;
    }
    out->height = out->height * HEIGHT_SLACK + 2;
}

static void theme_text(struct text_block *b)
{
    b->size *= ACCESS_TEXT_SCALE;
    /* Never smaller than 1.5 times the design size: no shrinking to fit. */
    b->min_size = b->size;
    b->color = ACCESS_TEXT;
    b->has_panel = false;
    b->panel_hug = false;
    b->padding = 0;
    b->has_shadow = false;
    b->valign = BLOCK_VALIGN_TOP;
}

static void theme_button(struct button *b)
{
    b->style.color = ACCESS_BUTTON_LABEL;
    b->style.background = ACCESS_BUTTON_FILL;
    b->style.pressed = ACCESS_BUTTON_PRESSED;
    b->style.has_border = true;
    b->style.border = ACCESS_BUTTON_LABEL;
    b->style.size *= ACCESS_TEXT_SCALE;
    b->style.min_size = b->style.size;
    struct text_block *t = &b->label;
    t->size = b->style.size;
    t->min_size = t->size;
    t->color = ACCESS_BUTTON_LABEL;
    t->has_panel = true;
    t->panel = ACCESS_BUTTON_FILL;
    t->padding = BUTTON_LABEL_PADDING * ACCESS_TEXT_SCALE;
    t->has_shadow = false;
}

static void set_box(float out[4], float x, float y, float w, float h, float W, float H)
{
    out[0] = x / W;
    out[1] = y / H;
    out[2] = w / W;
    out[3] = h / H;
}

/* The parts of one slide or page, laid out in place (their arrays are the copy's own). */
struct screen {
    const char *kind, *id, *path;
    int line, column;
    struct text_block *texts;
    size_t text_count;
    struct qr_block *qrs;
    size_t qr_count;
    struct button *buttons;
    size_t button_count;
};

static void warn(struct diag_list *diags, const struct playlist *pl, const struct screen *s,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void warn(struct diag_list *diags, const struct playlist *pl, const struct screen *s,
                 const char *fmt, ...)
{
    if (!diags)
        return;
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(diags, DIAG_WARNING, pl->file, s->line, s->column, s->path,
             "accessible mode: %s \"%s\": %s", s->kind, s->id ? s->id : "?", msg);
}

/* The buttons in rows over the controls' row, in reading order, each as wide as its longest
 * label needs and the rows filled out; returns the top edge of the rows in pixels. */
static float place_buttons(struct text_engine *e, const struct playlist *pl, const struct screen *s,
                           const struct reach_zone *z, float margin, float gap, float bottom,
                           struct diag_list *diags)
{
    float W = (float)pl->width, H = (float)pl->height;
    size_t n = s->button_count;
    float avail = W - 2 * margin, bh = 0;
    float *need = xcalloc(n ? n : 1, sizeof(float));
    for (size_t i = 0; i < n; i++) {
        struct button *b = &s->buttons[i];
        theme_button(b);
        struct need nd;
        measure(e, pl, &b->label, TEXT_WIDTH_UNBOUNDED, &nd);
        float h = b->label.size * 1.5f + 2 * b->label.padding;
        need[i] = nd.width * 1.04f + 2 * b->label.padding +
                  (b->action == BUTTON_ACTION_BACK ? h * 0.6f : 0);
        /* Wide enough to hit at once, and no wider than the screen. */
        need[i] = fminf(fmaxf(need[i], 0.12f * W), avail);
        if (nd.width + 2 * b->label.padding > avail)
            warn(diags, pl, s,
                 "button %zu's label at 1.5 times its size needs %.0f px of width and the screen "
                 "leaves %.0f px; shorten the label",
                 i + 1, (double)(nd.width + 2 * b->label.padding), (double)avail);
        bh = fmaxf(bh, h);
    }
    /* Rows: as many buttons as fit, then the row's spare width shared among them. */
    size_t rows = 0, first = 0;
    size_t *row_of = xcalloc(n ? n : 1, sizeof(size_t));
    float *x = xcalloc(n ? n : 1, sizeof(float)), *w = xcalloc(n ? n : 1, sizeof(float));
    while (first < n) {
        float used = need[first];
        size_t last = first + 1;
        while (last < n && used + gap + need[last] <= avail) {
            used += gap + need[last];
            last++;
        }
        float extra = (avail - used) / (float)(last - first), at = margin;
        for (size_t i = first; i < last; i++) {
            w[i] = need[i] + extra;
            x[i] = pl->rtl ? W - at - w[i] : at;
            at += w[i] + gap;
            row_of[i] = rows;
        }
        rows++;
        first = last;
    }
    float band_h = (float)rows * bh + (float)(rows ? rows - 1 : 0) * gap;
    float top = bottom - band_h;
    if (z->known && top < z->top * H - 1)
        warn(diags, pl, s,
             "its buttons at 1.5 times their size need %.0f px of height, and the reach zone "
             "leaves %.0f px above the accessibility controls; give it fewer buttons",
             (double)band_h, (double)(bottom - z->top * H));
    for (size_t i = 0; i < n; i++) {
        set_box(s->buttons[i].box, x[i], top + (float)row_of[i] * (bh + gap), w[i], bh, W, H);
        memcpy(s->buttons[i].label.box, s->buttons[i].box, sizeof s->buttons[i].box);
    }
    free(need);
    free(row_of);
    free(x);
    free(w);
    return top;
}

/* Where a slide's or page's texts and QR codes go: one column, item i at top + c[i] with
 * height h[i] (texts first, then QR codes), `line` the line advance of a text (0 for a code). */
struct column {
    size_t n;
    float *c, *h, *line;
    float *x, *w; /* each item's left edge and width; blocks in a row share the width */
    float top, room, width, margin, total;
};

static void column_free(struct column *col)
{
    free(col->c);
    free(col->h);
    free(col->line);
    free(col->x);
    free(col->w);
}

static const struct text_block *sort_blocks;

/* Top to bottom, then left to right, as the page put them. */
static int by_position(const void *a, const void *b)
{
    const float *p = sort_blocks[*(const size_t *)a].box, *q = sort_blocks[*(const size_t *)b].box;
    if (p[1] != q[1])
        return p[1] < q[1] ? -1 : 1;
    return p[0] < q[0] ? -1 : p[0] > q[0];
}

/* Whether block box b shares most of its height with the row [r0, r1). */
static bool in_row(const float b[4], float r0, float r1)
{
    float overlap = fminf(r1, b[1] + b[3]) - fmaxf(r0, b[1]);
    return overlap > 0.5f * fminf(b[3], r1 - r0);
}

static void lay_out(struct text_engine *e, const struct playlist *pl, const struct screen *s,
                    const struct reach_zone *z, struct column *col, struct diag_list *diags)
{
    float W = (float)pl->width, H = (float)pl->height;
    float margin = 0.02f * fminf(W, H), gap = 0.012f * fminf(W, H);
    float ctrl[4];
    access_control_box(pl->width, pl->height, z, ACCESS_CONTROL_TOGGLE, ctrl);
    float bottom = ctrl[1] * H - gap;
    if (s->button_count)
        bottom = place_buttons(e, pl, s, z, margin, gap, bottom, diags) - gap;

    /* Texts, then QR codes, one under the other across the screen. */
    size_t n = s->text_count + s->qr_count;
    *col = (struct column){
        .n = n, .top = margin, .room = bottom - margin, .width = W - 2 * margin, .margin = margin};
    col->c = xcalloc(n ? n : 1, sizeof(float));
    col->h = xcalloc(n ? n : 1, sizeof(float));
    col->line = xcalloc(n ? n : 1, sizeof(float));
    col->x = xcalloc(n ? n : 1, sizeof(float));
    col->w = xcalloc(n ? n : 1, sizeof(float));
    /* Rows: blocks that share most of their height stand side by side as the page put them
     * (a date beside its event), across the screen's width in the page's proportions. */
    size_t nt = s->text_count;
    size_t *order = xcalloc(nt ? nt : 1, sizeof(size_t));
    for (size_t i = 0; i < nt; i++)
        order[i] = i;
    sort_blocks = s->texts;
    qsort(order, nt, sizeof *order, by_position);
    float y = 0;
    for (size_t first = 0; first < nt;) {
        const float *b0 = s->texts[order[first]].box;
        float r0 = b0[1], r1 = b0[1] + b0[3], total_w = 0;
        size_t last = first;
        while (last < nt && in_row(s->texts[order[last]].box, r0, r1)) {
            const float *b = s->texts[order[last]].box;
            r0 = fminf(r0, b[1]);
            r1 = fmaxf(r1, b[1] + b[3]);
            total_w += b[2];
            last++;
        }
        /* Left to right within the row. */
        for (size_t i = first + 1; i < last; i++)
            for (size_t j = i;
                 j > first && s->texts[order[j]].box[0] < s->texts[order[j - 1]].box[0]; j--) {
                size_t t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
        float room_w = col->width - (float)(last - first - 1) * gap, at = margin, row_h = 0;
        for (size_t k = first; k < last; k++) {
            size_t i = order[k];
            struct text_block *b = &s->texts[i];
            float w = total_w > 0 ? room_w * b->box[2] / total_w : room_w;
            theme_text(b);
            struct need nd;
            measure(e, pl, b, w, &nd);
            col->h[i] = nd.height;
            col->line[i] = nd.line;
            col->x[i] = at;
            col->w[i] = w;
            col->c[i] = y;
            at += w + gap;
            row_h = fmaxf(row_h, nd.height);
            if (nd.word_broken)
                warn(diags, pl, s,
                     "block %s in %s: at 1.5 times its size a word is wider than its room "
                     "(%.0f px of %.0f); shorten it",
                     b->id ? b->id : "(unnamed)", nd.lang, (double)nd.width, (double)w);
        }
        /* The row's blocks end together, so a part never cuts one and not its neighbour. */
        for (size_t k = first; k < last; k++)
            col->h[order[k]] = row_h;
        y += row_h + gap;
        first = last;
    }
    free(order);
    for (size_t i = 0; i < s->qr_count; i++) {
        struct qr_block *q = &s->qrs[i];
        int modules = 17 + 4 * (q->version > 0 ? q->version : 1) + 8;
        float orig = fminf(q->box[2] * W, q->box[3] * H - (float)q->caption_px);
        float side = fmaxf(fminf(orig, QR_MAX_SHARE * H), (float)(modules * QR_MIN_MODULE_PX));
        if (q->has_caption) {
            theme_text(&q->caption);
            q->caption_px = (int)ceilf(q->caption.size * QR_CAPTION_LINE_HEIGHT);
        }
        size_t k = s->text_count + i;
        col->h[k] = side + (float)q->caption_px;
        col->x[k] = margin;
        col->w[k] = col->width;
        col->c[k] = y;
        y += col->h[k] + gap;
    }
    col->total = n ? y - gap : 0;
    if (col->room < 1)
        warn(diags, pl, s,
             "its buttons leave no room for its text at 1.5 times its size (%.0f px); give it "
             "fewer buttons",
             (double)col->room);
}

/* The column's window [w0, w1) placed at the column's top: blocks cut to it (their text moved
 * up by what lies above it), QR codes wholly in it kept, the rest dropped. */
static void place_window(const struct playlist *pl, const struct column *col, size_t text_count,
                         struct text_block *texts, struct qr_block *qrs, size_t *qr_count, float w0,
                         float w1)
{
    float W = (float)pl->width, H = (float)pl->height;
    for (size_t i = 0; i < text_count; i++) {
        float a = fmaxf(col->c[i], w0), b = fminf(col->c[i] + col->h[i], w1);
        struct text_block *t = &texts[i];
        t->scroll = fmaxf(0.0f, w0 - col->c[i]);
        if (b <= a) { /* wholly in another part */
            set_box(t->box, col->x[i], col->top, col->w[i], 0, W, H);
            continue;
        }
        /* Cut between lines: the last line's descenders reach a little below the cut, and the
         * line above a later part's first would show its own at the top; the box makes room
         * for the first and hides the second. */
        float below = b < col->c[i] + col->h[i] ? 0.12f * col->line[i] : 0;
        float hide = t->scroll > 0 ? 0.12f * col->line[i] : 0;
        t->scroll += hide;
        set_box(t->box, col->x[i], col->top + a - w0 + hide, col->w[i], b - a + below - hide, W, H);
    }
    size_t kept = 0, nq = *qr_count;
    for (size_t i = 0; i < nq; i++) {
        size_t k = text_count + i;
        if (col->c[k] < w0 - 0.5f || col->c[k] + col->h[k] > w1 + 0.5f)
            continue;
        struct qr_block q = qrs[i];
        float y = col->top + col->c[k] - w0;
        set_box(q.box, col->margin, y, col->width, col->h[k], W, H);
        if (q.has_caption)
            set_box(q.caption.box, col->margin, y + col->h[k] - (float)q.caption_px, col->width,
                    (float)q.caption_px, W, H);
        qrs[kept++] = q;
    }
    *qr_count = kept;
}

/* The windows a column is shown in, each at most `room` high, cut between lines of text and
 * never through a QR code. Returns how many (at most max), their starts in cuts[0..n]. */
static size_t windows(const struct column *col, float *cuts, size_t max)
{
    size_t n = 0;
    float w0 = 0;
    cuts[0] = 0;
    while (w0 < col->total - 0.5f && n < max) {
        float w1 = w0 + col->room;
        for (size_t j = 0; w1 < col->total && j < col->n; j++) {
            if (!(col->c[j] < w1 && w1 < col->c[j] + col->h[j]))
                continue;
            float cut = col->c[j];
            if (col->line[j] > 0)
                cut += floorf((w1 - col->c[j]) / col->line[j]) * col->line[j];
            if (cut > w0 + 1)
                w1 = cut;
            break;
        }
        cuts[++n] = w1;
        w0 = w1;
    }
    if (n == 0) /* nothing to show: one screen */
        cuts[++n] = col->room;
    return n;
}

static void *dup_array(const void *src, size_t n, size_t size)
{
    if (!n)
        return NULL;
    void *d = xmalloc(n * size);
    memcpy(d, src, n * size);
    return d;
}

/* The copy and what it knows of its pages' parts. The playlist comes first: a pointer to it is
 * a pointer to the copy. */
struct access_copy {
    struct playlist pl;
    size_t base_pages;  /* pl.pages[0..base_pages) are the content's pages, in its order */
    size_t *part_count; /* per content page: its parts (>= 1) */
    size_t *first_part; /* per content page: the index in pl.pages of its part 2 */
    size_t base_slides; /* the same for slides */
    size_t *slide_part_count;
    size_t *slide_first_part;
};

#define MAX_PARTS 16

static void theme_slide(struct slide *s)
{
    s->background = theme_background;
    s->has_image = false;
    s->images = NULL;
    s->image_count = 0;
    s->texts = dup_array(s->texts, s->text_count, sizeof *s->texts);
    s->qrs = dup_array(s->qrs, s->qr_count, sizeof *s->qrs);
    s->buttons = dup_array(s->buttons, s->button_count, sizeof *s->buttons);
}

static void theme_page(struct page *p)
{
    p->background = theme_background;
    p->has_image = false;
    p->images = NULL;
    p->image_count = 0;
    p->texts = dup_array(p->texts, p->text_count, sizeof *p->texts);
    p->qrs = dup_array(p->qrs, p->qr_count, sizeof *p->qrs);
    p->buttons = dup_array(p->buttons, p->button_count, sizeof *p->buttons);
}

/* Lays a slide's or page's blocks out in one column (lay_out) and cuts it into at most
 * MAX_PARTS screens (windows), warning when even that is not enough. Returns the number of parts;
 * col is the caller's to free. */
static size_t lay_out_in_parts(struct text_engine *e, const struct playlist *pl,
                               const struct screen *sc, const struct reach_zone *z,
                               struct column *col, float cuts[MAX_PARTS + 1],
                               struct diag_list *diags)
{
    lay_out(e, pl, sc, z, col, diags);
    size_t parts = windows(col, cuts, MAX_PARTS);
    if (col->total > cuts[parts] + 0.5f)
        warn(diags, pl, sc,
             "its text at 1.5 times its size needs more than %d screens (%.0f px of height, "
             "%.0f px a screen); shorten the text",
             MAX_PARTS, (double)col->total, (double)col->room);
    return parts;
}

struct playlist *access_playlist_build(const struct playlist *pl, struct text_engine *engine,
                                       const struct reach_zone *z, struct diag_list *diags)
{
    struct access_copy *ac = xcalloc(1, sizeof *ac);
    struct playlist *a = &ac->pl;
    *a = *pl;
    a->default_background = theme_background;
    /* Slides: one with more text than a screen is shown in parts too, each a slide of the
     * copy after the content's own (a resident pauses the loop to read them). */
    size_t ns = pl->slide_count, scap = ns + 4;
    ac->base_slides = ns;
    ac->slide_part_count = xcalloc(ns ? ns : 1, sizeof(size_t));
    ac->slide_first_part = xcalloc(ns ? ns : 1, sizeof(size_t));
    a->slides = xcalloc(scap, sizeof *a->slides);
    if (ns)
        memcpy(a->slides, pl->slides, ns * sizeof *pl->slides);
    a->slide_count = ns;
    for (size_t i = 0; i < ns; i++) {
        theme_slide(&a->slides[i]);
        struct slide *s = &a->slides[i];
        char path[32];
        snprintf(path, sizeof path, "slides[%zu]", i);
        struct screen sc = {"slide",     s->id,      path,           s->line,
                            1,           s->texts,   s->text_count,  s->qrs,
                            s->qr_count, s->buttons, s->button_count};
        struct column col;
        float cuts[MAX_PARTS + 1];
        size_t parts = lay_out_in_parts(engine, pl, &sc, z, &col, cuts, diags);
        ac->slide_part_count[i] = parts;
        ac->slide_first_part[i] = a->slide_count;
        for (size_t k = 1; k < parts; k++) {
            if (a->slide_count == scap) {
                scap *= 2;
                a->slides = xrealloc(a->slides, scap * sizeof *a->slides);
                s = &a->slides[i];
            }
            struct slide *part = &a->slides[a->slide_count++];
            *part = *s;
            part->texts = dup_array(s->texts, s->text_count, sizeof *s->texts);
            part->qrs = dup_array(s->qrs, s->qr_count, sizeof *s->qrs);
            place_window(pl, &col, part->text_count, part->texts, part->qrs, &part->qr_count,
                         cuts[k], cuts[k + 1]);
        }
        place_window(pl, &col, s->text_count, s->texts, s->qrs, &s->qr_count, cuts[0],
                     parts > 1 ? cuts[1] : col.room);
        column_free(&col);
    }

    /* Pages: a long one is shown in parts, each a page of the copy after the content's own. */
    size_t n = pl->page_count, cap = n + 4;
    ac->base_pages = n;
    ac->part_count = xcalloc(n ? n : 1, sizeof(size_t));
    ac->first_part = xcalloc(n ? n : 1, sizeof(size_t));
    a->pages = xcalloc(cap, sizeof *a->pages);
    if (n)
        memcpy(a->pages, pl->pages, n * sizeof *pl->pages);
    a->page_count = n;
    for (size_t i = 0; i < n; i++) {
        theme_page(&a->pages[i]);
        struct page *p = &a->pages[i];
        struct screen sc = {"page",      p->id,      p->path,        p->line,
                            p->column,   p->texts,   p->text_count,  p->qrs,
                            p->qr_count, p->buttons, p->button_count};
        struct column col;
        float cuts[MAX_PARTS + 1];
        size_t parts = lay_out_in_parts(engine, pl, &sc, z, &col, cuts, diags);
        ac->part_count[i] = parts;
        ac->first_part[i] = a->page_count;
        for (size_t k = 1; k < parts; k++) {
            if (a->page_count == cap) {
                cap *= 2;
                a->pages = xrealloc(a->pages, cap * sizeof *a->pages);
                p = &a->pages[i];
            }
            struct page *part = &a->pages[a->page_count++];
            *part = *p;
            /* Themed already; its own arrays, so its boxes can differ. Buttons are shared. */
            part->texts = dup_array(p->texts, p->text_count, sizeof *p->texts);
            part->qrs = dup_array(p->qrs, p->qr_count, sizeof *p->qrs);
            place_window(pl, &col, part->text_count, part->texts, part->qrs, &part->qr_count,
                         cuts[k], cuts[k + 1]);
        }
        place_window(pl, &col, p->text_count, p->texts, p->qrs, &p->qr_count, cuts[0],
                     parts > 1 ? cuts[1] : col.room);
        column_free(&col);
    }
    return a;
}

size_t access_page_parts(const struct playlist *copy, size_t page)
{
    const struct access_copy *ac = (const struct access_copy *)copy;
    return page < ac->base_pages ? ac->part_count[page] : 1;
}

size_t access_slide_parts(const struct playlist *copy, size_t slide)
{
    const struct access_copy *ac = (const struct access_copy *)copy;
    return slide < ac->base_slides ? ac->slide_part_count[slide] : 1;
}

size_t access_slide_part(const struct playlist *copy, size_t slide, size_t part)
{
    const struct access_copy *ac = (const struct access_copy *)copy;
    if (slide >= ac->base_slides || part == 0 || part >= ac->slide_part_count[slide])
        return slide;
    return ac->slide_first_part[slide] + part - 1;
}

size_t access_page_part(const struct playlist *copy, size_t page, size_t part)
{
    const struct access_copy *ac = (const struct access_copy *)copy;
    if (page >= ac->base_pages || part == 0 || part >= ac->part_count[page])
        return page;
    return ac->first_part[page] + part - 1;
}

void access_playlist_free(struct playlist *acc)
{
    if (!acc)
        return;
    struct access_copy *ac = (struct access_copy *)acc;
    for (size_t i = 0; i < acc->slide_count; i++) {
        free(acc->slides[i].texts);
        free(acc->slides[i].qrs);
        if (i < ac->base_slides) /* parts share their slide's */
            free(acc->slides[i].buttons);
    }
    for (size_t i = 0; i < acc->page_count; i++) {
        free(acc->pages[i].texts);
        free(acc->pages[i].qrs);
        if (i < ac->base_pages) /* parts share their page's */
            free(acc->pages[i].buttons);
    }
    free(acc->slides);
    free(acc->pages);
    free(ac->part_count);
    free(ac->first_part);
    free(ac->slide_part_count);
    free(ac->slide_first_part);
    free(ac);
}
