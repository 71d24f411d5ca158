/* Splitting a paragraph into runs that can each be shaped with one font in one direction:
 * a new run starts where the bidi level, the script or the face changes.
 *
 * Script: Common and Inherited characters (spaces, punctuation, digits, marks) take the script
 * of the character before them, or after them at the start of the paragraph.
 * Face: the script's family first, then Noto Sans, then the rest (text/fonts.h). A mark, a
 * joiner or a variation selector stays in its base's face whenever that face has a glyph for it,
 * so niqqud is positioned by the Hebrew font's GPOS. Neutral characters (spaces, punctuation)
 * stay in the current face when it has them, so runs are not split needlessly.
 *
 * Pure function over its inputs; any thread.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <hb.h>

#include "text/fonts.h"

struct text_item {
    uint32_t start, end; /* code point indices into the paragraph, end exclusive */
    uint8_t level;       /* bidi level; odd is right to left */
    hb_script_t script;
    font_id font;
};

/* Itemizes cps[0..n) with levels[0..n); returns the number of items written to *items (grown
 * with xgrow). */
size_t text_itemize(const struct font_set *fonts, enum font_weight weight, const uint32_t *cps,
                    const uint8_t *levels, size_t n, struct text_item **items, size_t *capacity);
/* The same with a playlist family's faces tried first for every character (fonts.h). */
size_t text_itemize_in(const struct font_set *fonts, font_family_id family, enum font_weight weight,
                       const uint32_t *cps, const uint8_t *levels, size_t n,
                       struct text_item **items, size_t *capacity);
