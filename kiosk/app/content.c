#include "app/content.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/lang.h"
#include "base/xmalloc.h"
#include "base/utf8.h"
#include "media/probe.h"
#include "media/video_probe.h"
#include "render/clock_text.h"
#include "render/text_blocks.h"
#include "text/layout.h"

struct probe_ctx {
    int64_t max_pixels;
    const char *dir; /* the playlist folder: clips are named relative to it in commands */
    bool strict;     /* check and import: what cannot be verified is refused */
};

static bool probe_image(void *ctx, const char *path, int *width, int *height, char *err,
                        size_t errlen)
{
    const struct probe_ctx *pc = ctx;
    struct image_info info;
    if (!image_probe(path, &info, err, errlen))
        return false;
    if (!image_check_limits(&info, pc->max_pixels, err, errlen))
        return false;
    *width = info.display_width;
    *height = info.display_height;
    return true;
}

/* A clip: the bounded probe, then the budget (docs/video.md). A clip over the budget plays and
 * comes back with a warning in err; one the kiosk cannot play smoothly is refused with the
 * ffmpeg command that converts it. */
static bool probe_video(void *ctx, const char *path, int *width, int *height, double *duration,
                        char *err, size_t errlen)
{
    const struct probe_ctx *pc = ctx;
    struct video_info info;
    char why[256];
    if (!video_probe_ready(why, sizeof why)) {
        /* A broken installation: check cannot vouch for the clip; the player plays the rest and
         * skips the clip's slide when it comes (the decoder cannot open it either). */
        snprintf(err, errlen,
                 "cannot be checked: FFmpeg's libraries are missing on this machine (%s); "
                 "install the kiosk package again, which brings them%s",
                 why, pc->strict ? "" : "; its slide is skipped");
        return !pc->strict;
    }
    if (!video_probe(path, NULL, &info, err, errlen))
        return false;
    /* The ffmpeg command names the clip as the playlist does, to be run in the playlist folder. */
    size_t dl = strlen(pc->dir);
    while (dl > 1 && pc->dir[dl - 1] == '/')
        dl--;
    const char *src = path;
    if (dl && strncmp(path, pc->dir, dl) == 0 && path[dl] == '/')
        src = path + dl + 1;
    if (video_check_budget(&info, src, err, errlen) == VIDEO_REFUSED)
        return false;
    *width = info.display_width;
    *height = info.display_height;
    *duration = info.duration;
    return true;
}

static bool probe_font(void *ctx, const char *path, char *err, size_t errlen)
{
    (void)ctx;
    return font_file_check(path, err, errlen);
}

/* Scripts a brand font is taken to write when it has this letter: its missing characters of
 * those scripts are worth a word; a script it lacks altogether falls back to Noto as designed
 * (Hebrew text in a Latin brand font). */
static const uint32_t script_probe[] = {'a', 0x05D0, 0x0627, 0x0430, 0x03B1};

static void check_font_glyphs(const struct playlist *pl, const struct text_block *b,
                              const char *name, const struct translation *t,
                              struct text_engine *engine, struct diag_list *diags)
{
    struct text_style st = text_blocks_style_in(engine, pl, b, t->lang, 1.0f);
    if (st.family == FONT_FAMILY_BUNDLED)
        return;
    const struct font_set *fonts = text_engine_fonts(engine);
    font_id face = font_set_metrics_face(fonts, st.family, st.weight);
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t written[sizeof(script_probe) / sizeof(script_probe[0])];
    size_t n_written = 0;
    for (size_t k = 0; k < sizeof(script_probe) / sizeof(script_probe[0]); k++)
        if (font_set_face_covers(fonts, face, script_probe[k]))
            written[n_written++] = hb_unicode_script(uf, script_probe[k]);
    char missing[160] = "";
    size_t used = 0, count = 0, len = strlen(t->text), i = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = utf8_next(t->text, len, &i);
        hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
        if (cp <= ' ' || cp == 0xA0 || gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT ||
            gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL || font_set_face_covers(fonts, face, cp) ||
            !font_set_covers(fonts, cp)) /* no font has it: check_glyphs says so */
            continue;
        hb_script_t script = hb_unicode_script(uf, cp);
        bool expected = script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED;
        for (size_t k = 0; k < n_written; k++)
            expected |= written[k] == script;
        if (!expected)
            continue;
        char one[32];
        snprintf(one, sizeof one, "%s\"%.*s\" (U+%04X)", count ? ", " : "", (int)(i - at),
                 t->text + at, cp);
        if (strstr(missing, one + (count ? 2 : 0)))
            continue; /* named already */
        if (used + strlen(one) < sizeof(missing) - 8) {
            memcpy(missing + used, one, strlen(one) + 1);
            used += strlen(one);
        }
        count++;
    }
    if (count == 0)
        return;
    size_t shown = len;
    if (shown > 60) { /* the start of a long text is enough to find it; cut between characters */
        shown = 60;
        while (shown > 0 && ((unsigned char)t->text[shown] & 0xC0) == 0x80)
            shown--;
    }
    char *path = xasprintf("%s.text.%s", b->path, t->lang);
    diag_add(diags, DIAG_WARNING, pl->file, b->line, b->column, path,
             "%s: the font \"%s\" has no %s in the %s text \"%.*s%s\"; %s drawn in the bundled "
             "Noto font instead, which may look out of place; use a font file that has %s, or "
             "change the text",
             name, pl->fonts[b->font - 1].name, missing, t->lang, (int)shown, t->text,
             shown < len ? "..." : "", count == 1 ? "it is" : "they are",
             count == 1 ? "it" : "them");
    free(path);
}

static void check_glyphs(const struct playlist *pl, const struct text_block *b, const char *name,
                         const struct translation *t, struct text_engine *engine,
                         enum diag_severity sev, struct diag_list *diags)
{
    const struct font_set *fonts = text_engine_fonts(engine);
    size_t len = strlen(t->text), i = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = utf8_next(t->text, len, &i);
        if (cp == '\n' || cp == '\t' || font_set_covers(fonts, cp))
            continue;
        char *path = xasprintf("%s.text.%s", b->path, t->lang);
        diag_add(diags, sev, pl->file, b->line, b->column, path,
                 "%s: no bundled font can show U+%04X (\"%.*s\") in the %s text; remove or "
                 "replace it",
                 name, cp, (int)(i - at), t->text + at, t->lang);
        free(path);
        return; /* one message per text is enough to find it */
    }
}

static bool word_broken_at(struct text_engine *engine, const char *text,
                           const struct text_style *style, float width)
{
    struct text_layout *layout = text_layout_create(engine, text, strlen(text), style, width);
    bool broken = layout->word_broken;
    text_layout_unref(layout);
    return broken;
}

/* By how much text is over its box at the minimum size, for the message: how much wider than
 * the box its longest word is, or how many lines too many. `layout` is the minimum-size layout
 * at the box's inner width w; h is the inner height. */
static void describe_overflow(struct text_engine *engine, const struct text_layout *layout,
                              const char *text, float w, float h, char *how, size_t howlen)
{
    if (layout->word_broken) {
        /* the narrowest width, to half a percent, at which no word has to be broken */
        float lo = w, hi = w;
        for (int i = 0; i < 8 && word_broken_at(engine, text, &layout->style, hi); i++) {
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > w * 0.005f) {
            float mid = (lo + hi) / 2;
            if (word_broken_at(engine, text, &layout->style, mid))
                lo = mid;
            else
                hi = mid;
        }
        snprintf(how, howlen, "its longest word is %d%% wider than the box",
                 (int)ceilf((hi / w - 1) * 100));
        return;
    }
    size_t fit = 0;
    for (size_t i = 0; i < layout->n_lines; i++) {
        float bottom = i + 1 < layout->n_lines ? layout->lines[i + 1].top : layout->height;
        if (bottom <= h + 0.5f)
            fit = i + 1;
    }
    size_t over = layout->n_lines - fit;
    if (over > 0)
        snprintf(how, howlen, "it takes %zu lines and the box holds %zu, %zu line%s too many",
                 layout->n_lines, fit, over, over == 1 ? "" : "s");
    else
        snprintf(how, howlen, "it is %d%% taller than the box",
                 (int)ceilf((layout->height / h - 1) * 100));
}

/* Lays out text in block b's box at its minimum size; true when it fits. When it does not and
 * `how` is given, says by how much there. */
static bool fits(const struct playlist *pl, const struct text_block *b, const char *text,
                 const char *lang, struct text_engine *engine, char *how, size_t howlen)
{
    struct text_style st = text_blocks_style_in(engine, pl, b, lang, 1.0f);
    float pad = b->has_panel ? b->padding : 0;
    float w = b->box[2] * pl->width - 2 * pad, h = b->box[3] * pl->height - 2 * pad;
    if (w <= 1 || h <= 1) {
        if (how)
            snprintf(how, howlen, "the box leaves no room inside its panel's padding");
        return false;
    }
    struct text_layout *layout = NULL;
    bool ok = text_layout_fit(engine, text, strlen(text), &st, w, h, b->min_size, &layout);
    if (!ok && how && layout)
        describe_overflow(engine, layout, text, w, h, how, howlen);
    text_layout_unref(layout);
    return ok;
}

/* A clock must fit every date it will show: every weekday and month, at 23:59. */
static bool clock_fits(const struct playlist *pl, const struct text_block *b, const char *lang,
                       struct text_engine *engine, char *worst, size_t size)
{
    for (int wday = 0; wday < 7; wday++) {
        for (int mon = 0; mon < 12; mon++) {
            struct tm tm = {.tm_hour = 23,
                            .tm_min = 59,
                            .tm_mday = 28,
                            .tm_mon = mon,
                            .tm_year = 2027 - 1900,
                            .tm_wday = wday};
            clock_text(lang, b->clock, &tm, worst, size);
            if (!fits(pl, b, worst, lang, engine, NULL, 0))
                return false;
            if (b->clock == CLOCK_TIME)
                return true;
        }
    }
    return true;
}

/* Every text of block b: glyphs the fonts have, and a fit in its box at its minimum size. */
static void check_block(const struct playlist *pl, const struct text_block *b, const char *name,
                        struct text_engine *engine, enum diag_severity sev, struct diag_list *diags)
{
    char sample[256];
    if (b->kind == TEXT_BLOCK_CLOCK) {
        for (size_t li = 0; li < pl->language_count; li++) {
            const char *lang = pl->languages[li];
            if (!clock_fits(pl, b, lang, engine, sample, sizeof(sample)))
                diag_add(diags, sev, pl->file, b->line, b->column, b->path,
                         "%s: the %s clock (\"%s\") does not fit its box at %g px; enlarge the "
                         "box or lower size",
                         name, lang, sample, b->min_size);
        }
        return;
    }
    for (size_t ti = 0; ti < b->text_count; ti++) {
        const struct translation *t = &b->texts[ti];
        check_glyphs(pl, b, name, t, engine, sev, diags);
        check_font_glyphs(pl, b, name, t, engine, diags);
        /* Only a warning: the kiosk shows such text safely, with the controls ignored. */
        size_t dropped = text_controls_neutralised(t->text, strlen(t->text));
        if (dropped)
            diag_add(diags, DIAG_WARNING, pl->file, b->line, b->column, b->path,
                     "%s: the %s text nests invisible direction controls (U+202A-U+202E, "
                     "U+2066-U+2069) more than %d deep; the kiosk ignores the %zu beyond that "
                     "and sets the direction itself. Remove them (they come with text pasted "
                     "from web pages and word processors)",
                     name, t->lang, TEXT_BIDI_MAX_DEPTH, dropped);
        /* A ticker is one scrolling line: it has no overflow. */
        char how[120] = "";
        if (b->kind == TEXT_BLOCK_TEXT && !fits(pl, b, t->text, t->lang, engine, how, sizeof how))
            diag_add(diags, sev, pl->file, b->line, b->column, b->path,
                     "%s: the %s text does not fit its box even at the minimum size of %g px: "
                     "%s; shorten it, enlarge the box or lower min_size",
                     name, t->lang, b->min_size, how);
    }
}

/* "block "title" of slide "welcome"", "block 2 of page "housing"", ... for messages. */
static void element_name(const char *what, const char *id, size_t index, const char *owner,
                         const char *owner_id, char *buf, size_t size)
{
    if (id)
        snprintf(buf, size, "%s \"%s\" of %s \"%s\"", what, id, owner, owner_id);
    else
        snprintf(buf, size, "%s %zu of %s \"%s\"", what, index + 1, owner, owner_id);
}

/* Text blocks, button labels and QR captions of one slide or page. */
static void check_elements(const struct playlist *pl, const char *owner, const char *owner_id,
                           const struct text_block *texts, size_t text_count,
                           const struct button *buttons, size_t button_count,
                           const struct qr_block *qrs, size_t qr_count, struct text_engine *engine,
                           enum diag_severity sev, struct diag_list *diags)
{
    char name[200];
    for (size_t i = 0; i < text_count; i++) {
        element_name("block", texts[i].id, i, owner, owner_id, name, sizeof name);
        check_block(pl, &texts[i], name, engine, sev, diags);
    }
    for (size_t i = 0; i < button_count; i++) {
        element_name("the label of button", buttons[i].id, i, owner, owner_id, name, sizeof name);
        check_block(pl, &buttons[i].label, name, engine, sev, diags);
    }
    for (size_t i = 0; i < qr_count; i++) {
        if (!qrs[i].has_caption)
            continue;
        element_name("the caption of QR code", NULL, i, owner, owner_id, name, sizeof name);
        check_block(pl, &qrs[i].caption, name, engine, sev, diags);
    }
}

void content_check_text(const struct playlist *pl, struct text_engine *engine,
                        enum diag_severity sev, struct diag_list *diags)
{
    /* Only a playlist read with errors (keep_on_error) has slides or pages without an id; the
     * error names them, and their texts are checked once it is fixed. */
    for (size_t i = 0; i < pl->slide_count; i++) {
        const struct slide *s = &pl->slides[i];
        if (!s->id)
            continue;
        check_elements(pl, "slide", s->id, s->texts, s->text_count, s->buttons, s->button_count,
                       s->qrs, s->qr_count, engine, sev, diags);
    }
    for (size_t i = 0; i < pl->page_count; i++) {
        const struct page *p = &pl->pages[i];
        if (!p->id)
            continue;
        check_elements(pl, "page", p->id, p->texts, p->text_count, p->buttons, p->button_count,
                       p->qrs, p->qr_count, engine, sev, diags);
    }
    /* The emergency slides, in each language, as the slides are (docs/emergency.md). */
    const struct playlist *e = pl->emergency;
    for (size_t i = 0; e && i < e->slide_count; i++) {
        const struct slide *s = &e->slides[i];
        if (s->id)
            check_elements(e, "emergency slide", s->id, s->texts, s->text_count, NULL, 0, s->qrs,
                           s->qr_count, engine, sev, diags);
    }
}

/* Messages from diags->items[first] on in the order of the file, as a reader goes through it:
 * the text engine's among the parser's. Stable (insertion sort; at most a few hundred), and
 * those without a place stay last. */
static void sort_by_place(struct diag_list *diags, size_t first)
{
    for (size_t i = first + 1; i < diags->count; i++) {
        struct diag d = diags->items[i];
        size_t j = i;
        while (j > first) {
            const struct diag *p = &diags->items[j - 1];
            bool after = d.line == 0 ? false
                         : p->line == 0
                             ? true
                             : (p->line > d.line || (p->line == d.line && p->column > d.column));
            if (!after)
                break;
            diags->items[j] = diags->items[j - 1];
            j--;
        }
        diags->items[j] = d;
    }
}

/* path starts with prefix[0..n) as a whole step: followed by nothing, "." or "[". */
static bool path_within(const char *path, const char *prefix, size_t n)
{
    return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

/* Whether a text message (its JSON path, "slides[2].texts[0].text.he") is about something an
 * error of diags[first..end) touches: the element itself ("slides[2].texts[0]", a button or QR
 * code) or anything in it, the slide or page holding it or its id, or what every text depends
 * on (the screen, styles, fonts, colours, the buttons' style). */
static bool depends_on_error(const struct diag_list *diags, size_t first, size_t end,
                             const char *path)
{
    static const char *const global[] = {"screen", "styles",      "fonts",
                                         "colors", "interactive", NULL};
    const char *owner_end = strchr(path, ']');
    const char *element_end = owner_end ? strchr(owner_end + 1, ']') : NULL;
    size_t owner = owner_end ? (size_t)(owner_end + 1 - path) : 0;
    size_t element = element_end ? (size_t)(element_end + 1 - path) : strlen(path);
    for (size_t i = first; i < end; i++) {
        const struct diag *d = &diags->items[i];
        const char *e = d->path;
        if (d->severity != DIAG_ERROR || !e[0])
            continue; /* a key missing at the top ("name") changes no text */
        for (size_t g = 0; global[g]; g++)
            if (path_within(e, global[g], strlen(global[g])))
                return true;
        if (path_within(e, path, element) ||
            (strlen(e) <= element && path_within(path, e, strlen(e))) ||
            (owner && strncmp(e, path, owner) == 0 && strcmp(e + owner, ".id") == 0))
            return true;
    }
    return false;
}

struct playlist *content_load(const char *dir, int64_t max_image_pixels, struct text_engine *engine,
                              enum content_text_check text_check, struct diag_list *diags)
{
    struct probe_ctx pc = {
        .max_pixels = max_image_pixels, .dir = dir, .strict = text_check == CONTENT_TEXT_STRICT};
    struct playlist_load_options opts = {.probe_image = probe_image,
                                         .probe_font = probe_font,
                                         .probe_video = probe_video,
                                         .probe_ctx = &pc};
    /* A playlist with errors is still laid out, so that text which does not fit is reported
     * with every other problem of the file in one run; then it is dropped. */
    opts.keep_on_error = engine && text_check != CONTENT_TEXT_SKIP;
    size_t first = diags->count, errors_at_start = diag_error_count(diags);
    struct playlist *pl = playlist_load(dir, &opts, diags);
    if (!pl || !engine || text_check == CONTENT_TEXT_SKIP)
        return pl;
    size_t load_end = diags->count;
    bool load_errors = diag_error_count(diags) > errors_at_start;
    enum diag_severity sev = text_check == CONTENT_TEXT_STRICT ? DIAG_ERROR : DIAG_WARNING;
    if (!load_errors) {
        content_check_text(pl, engine, sev, diags);
    } else {
        /* Only texts that no error touches: a text in a box that was refused would be measured
         * in a box nobody wrote. */
        struct diag_list more = {0};
        content_check_text(pl, engine, sev, &more);
        for (size_t i = 0; i < more.count; i++) {
            const struct diag *d = &more.items[i];
            if (!depends_on_error(diags, first, load_end, d->path))
                diag_add(diags, d->severity, d->file, d->line, d->column, d->path, "%s",
                         d->message);
        }
        diag_list_clear(&more);
    }
    sort_by_place(diags, first);
    if (diag_error_count(diags) > errors_at_start) {
        playlist_free(pl);
        return NULL;
    }
    return pl;
}
