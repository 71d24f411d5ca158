/* Shaped words, cached: the same word in the same face, script, direction and language shapes
 * the same, so a text seen before at another width, another size (shaping is in font units) or
 * in another sentence costs a hash lookup per word instead of a HarfBuzz call.
 *
 * A "word" is a piece of a run up to and including the spaces after it. Entries come from
 * shaping whole runs in context and cutting them at word edges HarfBuzz marks safe to break
 * (no HB_GLYPH_FLAG_UNSAFE_TO_BREAK), so a cached word is what the run would have given; a
 * word reused next to other words relies on U+0020 not joining, ligating or kerning in the
 * bundled Noto fonts. test_shape_cache_equivalence lays out the golden texts and the benchmark
 * corpus with warm and without caches and requires identical glyphs.
 *
 * Ownership: owned by the engine; glyph pointers returned by shape_cache_find stay valid until
 * the next shape_cache_insert or shape_cache_clear. One thread at a time.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hb.h>

#include "text/fonts.h"
#include "text/shape.h"

struct shape_cache;

struct shape_cache_key {
    const uint32_t *cps;
    size_t len;
    font_id font;
    hb_script_t script;
    unsigned props; /* SHAPE_PROP_* bits: direction and paragraph-edge flags */
    hb_language_t lang;
};

enum { SHAPE_PROP_RTL = 1, SHAPE_PROP_BOT = 2, SHAPE_PROP_EOT = 4 };

struct shape_cache *shape_cache_create(void);
void shape_cache_destroy(struct shape_cache *cache);
void shape_cache_clear(struct shape_cache *cache);

/* The cached glyphs of a word (clusters relative to the word's start), or NULL. */
const struct text_shaped_glyph *shape_cache_find(struct shape_cache *cache,
                                                 const struct shape_cache_key *key, size_t *count);
/* Stores a copy of the word and its glyphs. */
void shape_cache_insert(struct shape_cache *cache, const struct shape_cache_key *key,
                        const struct text_shaped_glyph *glyphs, size_t count);
void shape_cache_stats(const struct shape_cache *cache, uint64_t *hits, uint64_t *misses);
