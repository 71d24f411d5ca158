/* Internal to kiosk/text: what the engine owns, shared by engine.c (cache, fit) and layout.c
 * (the pipeline). Not for other subsystems; they use text/layout.h. */
#pragma once

#include <hb.h>

#include "text/bidi.h"
#include "text/fonts.h"
#include "text/isolate.h"
#include "text/itemize.h"
#include "text/layout.h"
#include "text/linebreak.h"
#include "text/shape.h"
#include "text/shape_cache.h"

struct layout_cache_entry;

/* A word of a run and, when the word cache knows it, its glyphs (owned by the cache). */
struct word_chunk {
    uint32_t start, end;
    unsigned props;
    const struct text_shaped_glyph *glyphs;
    size_t count;
};

/* Scratch reused across paragraphs so a warm layout allocates only its result. */
struct layout_scratch {
    uint32_t *cps;
    size_t cps_cap;
    uint8_t *levels, *breaks, *cluster_start, *line_levels;
    float *advance;
    uint32_t *visual, *piece_of;
    size_t par_cap;
    struct text_token *tokens;
    size_t tokens_cap;
    struct text_item *items;
    size_t items_cap;
    size_t *item_glyph; /* first glyph of each item in glyphs; n_items + 1 entries */
    size_t item_glyph_cap;
    struct text_shaped_glyph *glyphs, *line_glyphs, *word_glyphs;
    size_t glyphs_cap, line_glyphs_cap, word_glyphs_cap;
    struct word_chunk *chunks; /* the words of the item being shaped */
    size_t chunks_cap;
};

struct text_engine {
    struct font_set *fonts;
    hb_buffer_t *buf;
    struct text_breaker *breaker;
    struct text_bidi bidi;
    struct layout_scratch s;
    struct shape_cache *words; /* NULL when word caching is off */
    struct layout_cache_entry *cache;
    size_t cache_size;
    uint64_t cache_clock, cache_hits, cache_misses;
};

void layout_scratch_finish(struct layout_scratch *s);
