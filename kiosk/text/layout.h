/* Text layout: UTF-8 text in a box of a given width becomes lines of positioned glyphs.
 *
 * Pipeline (docs/text.md): paragraphs split at newlines -> direction (style or first strong) ->
 * token isolation -> FriBidi levels -> runs by level, script and face -> HarfBuzz shaping ->
 * ICU break opportunities -> greedy fill on logical advances -> per-line reordering (L1, L2) ->
 * alignment. The result is plain data (no SDL): text/draw.h draws it, tests read it.
 *
 * Ownership and threads: a struct text_engine (fonts, shaping scratch, ICU iterator, layout
 * cache) belongs to one thread; layouts are reference counted and immutable once made, so a
 * layout may be read (and drawn) by the thread owning the renderer while its engine lays out
 * other text, but refs must be taken and dropped on the engine's thread.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "text/bidi.h"
#include "text/fonts.h"

enum text_align { TEXT_ALIGN_START, TEXT_ALIGN_END, TEXT_ALIGN_CENTER };

/* Longer texts are cut (at a character boundary) and logged: a slide never needs more. */
#define TEXT_MAX_BYTES 65536

/* Width for text_layout_create meaning "one line per paragraph, never wrap" (tickers). */
#define TEXT_WIDTH_UNBOUNDED 0.0f

struct text_style {
    float size; /* pixels per em */
    enum font_weight weight;
    const char *lang;  /* BCP 47 tag ("he", "ar-EG") or NULL; copied by the layout */
    enum text_dir dir; /* AUTO = first strong character of each paragraph */
    enum text_align align;
    float line_height; /* line advance as a multiple of size; 0 = the font's own (~1.36) */
    /* A playlist font (text_engine_add_family) tried first; FONT_FAMILY_BUNDLED: Noto only. */
    font_family_id family;
};

struct text_glyph {
    uint32_t cluster; /* code point index in the text of the glyph's cluster's first character */
    font_id font;
    uint32_t glyph; /* glyph id in that face */
    float x;        /* pen position plus the glyph's x offset, from the box's left edge, px */
    float y;        /* offset from the line's baseline, px, y down (marks above are < 0) */
    float advance;  /* px */
    uint8_t level;  /* bidi level after rule L1; odd = right to left */
};

struct text_line {
    uint32_t start, end; /* code points [start, end) including trailing spaces and newline */
    float x;             /* left edge of the line's content after alignment */
    float width;         /* advance width without trailing whitespace */
    float top, baseline; /* from the box's top edge */
    bool rtl;            /* the paragraph's direction */
    size_t first_glyph, glyph_count; /* glyphs in visual order, left to right */
};

struct text_layout {
    unsigned refs;
    struct text_style style; /* style.lang points into the layout */
    float box_width;         /* the width asked for, or the widest line when unbounded */
    float width, height;     /* widest line; total height of all lines */
    bool rtl;                /* direction of the first paragraph */
    bool word_broken;        /* some word was wider than the box and was broken inside */
    size_t n_codepoints;
    struct text_line *lines;
    size_t n_lines;
    struct text_glyph *glyphs;
    size_t n_glyphs;
};

struct text_engine;

/* Loads the fonts from fonts_dir (see font_set_default_dir). NULL when fonts are unusable. */
struct text_engine *text_engine_create(const char *fonts_dir);
void text_engine_destroy(struct text_engine *engine);
/* Owned by the engine. */
const struct font_set *text_engine_fonts(const struct text_engine *engine);
/* A playlist's own font family for text_style.family (font_set_add_family): the same files give
 * the same id; FONT_FAMILY_BUNDLED when they cannot be used. Faces live as long as the engine. */
font_family_id text_engine_add_family(struct text_engine *engine, const char *regular,
                                      const char *bold);

/* Lays out utf8[0..len) (invalid UTF-8 becomes U+FFFD) in a box `width` pixels wide
 * (TEXT_WIDTH_UNBOUNDED: never wrap). Returns a new layout with one reference; never NULL. */
struct text_layout *text_layout_create(struct text_engine *engine, const char *utf8, size_t len,
                                       const struct text_style *style, float width);

/* As text_layout_create, through the engine's cache: unchanged text, style and width cost a
 * hash lookup and no shaping. The returned layout carries a reference for the caller. */
struct text_layout *text_layout_get(struct text_engine *engine, const char *utf8, size_t len,
                                    const struct text_style *style, float width);

struct text_layout *text_layout_ref(struct text_layout *layout);
void text_layout_unref(struct text_layout *layout);

/* Shrink-to-fit for text blocks: the largest whole pixel size in [min_size, style->size] whose
 * layout fits box_w x box_h without breaking inside a word. *out receives that layout (cached,
 * caller unrefs). Returns false when even min_size does not fit; *out is then the min_size
 * layout, so preview can still draw (and outline) it. */
bool text_layout_fit(struct text_engine *engine, const char *utf8, size_t len,
                     const struct text_style *style, float box_w, float box_h, float min_size,
                     struct text_layout **out);

/* Caching is on by default: finished layouts (text_layout_get) and shaped words (every layout).
 * Tests and the benchmark turn them off to compare or to time the whole pipeline. */
void text_engine_set_caching(struct text_engine *engine, bool layouts, bool words);
/* Drops every cached layout and word (the benchmark's "first sight" timing). */
void text_engine_clear_caches(struct text_engine *engine);

/* Layout cache statistics since the engine was made. */
void text_engine_cache_stats(const struct text_engine *engine, uint64_t *hits, uint64_t *misses);

/* How many explicit direction controls (U+202A-U+202E, U+2066-U+2069) of utf8[0..len) the
 * engine neutralises because they nest deeper than TEXT_BIDI_MAX_DEPTH in their paragraph
 * (text_bidi_limit_controls). 0 for any ordinary text; `kiosk check` warns about the rest. Pure,
 * any thread; counts exactly what text_layout_create will neutralise. */
size_t text_controls_neutralised(const char *utf8, size_t len);

/* Writes the layout as the JSON object of `kiosk layout` (docs/text.md), with a newline. */
void text_layout_write_json(const struct text_layout *layout, const struct font_set *fonts,
                            FILE *out);
