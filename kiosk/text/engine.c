#define LOG_MODULE "text"
#include "text/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "text/layout_build.h"

/* Enough for every text block of a few slides in every language plus tickers; a slide change
 * touches at most a few dozen. */
#define LAYOUT_CACHE_SIZE 256

struct layout_cache_entry {
    uint64_t hash, last_used;
    char *text;
    size_t len;
    struct text_style style; /* style.lang owned by the entry */
    float width;
    struct text_layout *layout; /* one reference held by the cache */
};

struct text_engine *text_engine_create(const char *fonts_dir)
{
    struct font_set *fonts = font_set_create(fonts_dir);
    if (!fonts)
        return NULL;
    struct text_breaker *breaker = text_breaker_create("");
    if (!breaker) {
        font_set_destroy(fonts);
        return NULL;
    }
    struct text_engine *e = xcalloc(1, sizeof(*e));
    e->fonts = fonts;
    e->breaker = breaker;
    e->buf = hb_buffer_create();
    e->words = shape_cache_create();
    e->cache_size = LAYOUT_CACHE_SIZE;
    e->cache = xcalloc(e->cache_size, sizeof(*e->cache));
    return e;
}

static void cache_entry_clear(struct layout_cache_entry *c)
{
    free(c->text);
    free((char *)c->style.lang);
    text_layout_unref(c->layout);
    memset(c, 0, sizeof(*c));
}

void text_engine_destroy(struct text_engine *e)
{
    if (!e)
        return;
    for (size_t k = 0; k < LAYOUT_CACHE_SIZE; k++)
        if (e->cache[k].layout)
            cache_entry_clear(&e->cache[k]);
    free(e->cache);
    shape_cache_destroy(e->words);
    text_bidi_finish(&e->bidi);
    layout_scratch_finish(&e->s);
    hb_buffer_destroy(e->buf);
    text_breaker_destroy(e->breaker);
    font_set_destroy(e->fonts);
    free(e);
}

const struct font_set *text_engine_fonts(const struct text_engine *e)
{
    return e->fonts;
}

font_family_id text_engine_add_family(struct text_engine *e, const char *regular, const char *bold)
{
    return font_set_add_family(e->fonts, regular, bold);
}

struct text_layout *text_layout_create(struct text_engine *e, const char *utf8, size_t len,
                                       const struct text_style *style, float width)
{
    return layout_build(e, utf8, len, style, width);
}

struct text_layout *text_layout_ref(struct text_layout *layout)
{
    layout->refs++;
    return layout;
}

void text_layout_unref(struct text_layout *layout)
{
    if (!layout || --layout->refs > 0)
        return;
    free((char *)layout->style.lang);
    free(layout->lines);
    free(layout->glyphs);
    free(layout);
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static bool style_equal(const struct text_style *a, const struct text_style *b)
{
    bool lang_eq = (!a->lang && !b->lang) || (a->lang && b->lang && !strcmp(a->lang, b->lang));
    return lang_eq && a->size == b->size && a->weight == b->weight && a->family == b->family &&
           a->dir == b->dir && a->align == b->align && a->line_height == b->line_height;
}

struct text_layout *text_layout_get(struct text_engine *e, const char *utf8, size_t len,
                                    const struct text_style *style, float width)
{
    uint64_t h = fnv(0xcbf29ce484222325ull, utf8, len);
    h = fnv(h, &style->size, sizeof(style->size));
    h = fnv(h, &width, sizeof(width));
    h = fnv(h, &style->weight, sizeof(style->weight));
    h = fnv(h, &style->family, sizeof(style->family));
    h = fnv(h, &style->dir, sizeof(style->dir));
    h = fnv(h, &style->align, sizeof(style->align));
    h = fnv(h, &style->line_height, sizeof(style->line_height));
    if (style->lang)
        h = fnv(h, style->lang, strlen(style->lang));
    e->cache_clock++;
    if (e->cache_size == 0) {
        e->cache_misses++;
        return layout_build(e, utf8, len, style, width);
    }
    struct layout_cache_entry *victim = &e->cache[0];
    /* A linear scan of 256 entries costs well under a microsecond next to a shaping. */
    for (size_t k = 0; k < e->cache_size; k++) {
        struct layout_cache_entry *c = &e->cache[k];
        if (c->layout && c->hash == h && c->len == len && c->width == width &&
            style_equal(&c->style, style) && memcmp(c->text, utf8, len) == 0) {
            c->last_used = e->cache_clock;
            e->cache_hits++;
            return text_layout_ref(c->layout);
        }
        if (!c->layout || (victim->layout && c->last_used < victim->last_used))
            victim = c;
    }
    e->cache_misses++;
    if (victim->layout)
        cache_entry_clear(victim);
    struct text_layout *L = layout_build(e, utf8, len, style, width);
    victim->hash = h;
    victim->last_used = e->cache_clock;
    victim->text = xstrndup(utf8, len);
    victim->len = len;
    victim->style = *style;
    victim->style.lang = style->lang ? xstrdup(style->lang) : NULL;
    victim->width = width;
    victim->layout = L;
    return text_layout_ref(L);
}

void text_engine_set_caching(struct text_engine *e, bool layouts, bool words)
{
    e->cache_size = layouts ? LAYOUT_CACHE_SIZE : 0;
    if (!words) {
        shape_cache_destroy(e->words);
        e->words = NULL;
    } else if (!e->words) {
        e->words = shape_cache_create();
    }
}

void text_engine_clear_caches(struct text_engine *e)
{
    for (size_t k = 0; k < LAYOUT_CACHE_SIZE; k++)
        if (e->cache[k].layout)
            cache_entry_clear(&e->cache[k]);
    if (e->words)
        shape_cache_clear(e->words);
}

void text_engine_cache_stats(const struct text_engine *e, uint64_t *hits, uint64_t *misses)
{
    *hits = e->cache_hits;
    *misses = e->cache_misses;
}

static bool layout_fits(const struct text_layout *L, float box_w, float box_h)
{
    return !L->word_broken && L->height <= box_h + 0.01f && L->width <= box_w + 0.01f;
}

bool text_layout_fit(struct text_engine *e, const char *utf8, size_t len,
                     const struct text_style *style, float box_w, float box_h, float min_size,
                     struct text_layout **out)
{
    struct text_style st = *style;
    int hi = (int)floorf(style->size), lo = (int)ceilf(min_size);
    if (lo < 1)
        lo = 1;
    if (hi < lo)
        hi = lo;
    st.size = (float)hi;
    struct text_layout *L = text_layout_get(e, utf8, len, &st, box_w);
    if (layout_fits(L, box_w, box_h)) {
        *out = L;
        return true;
    }
    text_layout_unref(L);
    st.size = (float)lo;
    L = text_layout_get(e, utf8, len, &st, box_w);
    if (!layout_fits(L, box_w, box_h)) {
        *out = L;
        return false;
    }
    /* Invariant: lo fits (L is its layout), hi does not. Fit is monotone in practice. */
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        st.size = (float)mid;
        struct text_layout *M = text_layout_get(e, utf8, len, &st, box_w);
        if (layout_fits(M, box_w, box_h)) {
            text_layout_unref(L);
            L = M;
            lo = mid;
        } else {
            text_layout_unref(M);
            hi = mid;
        }
    }
    *out = L;
    return true;
}

/* Numbers in JSON: at most two decimals, no trailing zeros, never "-0". */
static void put_num(FILE *out, float v)
{
    double r = round((double)v * 100.0) / 100.0;
    if (r == 0)
        r = 0;
    char buf[32];
    snprintf(buf, sizeof(buf), "%.2f", r);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    fputs(buf, out);
}

void text_layout_write_json(const struct text_layout *L, const struct font_set *fonts, FILE *out)
{
    fprintf(out, "{\"direction\": \"%s\", \"width\": ", L->rtl ? "rtl" : "ltr");
    put_num(out, L->box_width);
    fputs(", \"lines\": [", out);
    for (size_t k = 0; k < L->n_lines; k++) {
        const struct text_line *line = &L->lines[k];
        fprintf(out, "%s{\"start\": %u, \"end\": %u, \"x\": ", k ? ", " : "", line->start,
                line->end);
        put_num(out, line->x);
        fputs(", \"y\": ", out);
        put_num(out, line->baseline);
        fputs(", \"width\": ", out);
        put_num(out, line->width);
        fputs(", \"glyphs\": [", out);
        for (size_t g = 0; g < line->glyph_count; g++) {
            const struct text_glyph *gl = &L->glyphs[line->first_glyph + g];
            fprintf(out, "%s{\"cluster\": %u, \"x\": ", g ? ", " : "", gl->cluster);
            put_num(out, gl->x);
            fputs(", \"advance\": ", out);
            put_num(out, gl->advance);
            /* File names are plain ASCII from a fixed table: no escaping needed. */
            fprintf(out, ", \"glyph\": %u, \"font\": \"%s\"}", gl->glyph,
                    font_set_face(fonts, gl->font)->name);
        }
        fputs("]}", out);
    }
    fputs("]}\n", out);
}
