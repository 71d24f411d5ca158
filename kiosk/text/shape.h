/* Shaping one run with HarfBuzz, in font units.
 *
 * The whole paragraph is handed to HarfBuzz as context (hb_buffer_add_utf32 with the run's
 * offset and length) so joining and contextual forms see their neighbours. The direction comes
 * from the run's bidi level; HarfBuzz mirrors brackets in right-to-left runs, which is the only
 * mirroring in the pipeline. Default-ignorable characters (bidi controls, ZWJ) produce no glyph;
 * control characters (a tab) are shaped as a space.
 *
 * Output glyphs are in HarfBuzz's order: visual, left to right, within the run. Clusters are
 * code point indices into the paragraph (monotone graphemes: a base and its marks share one).
 *
 * The hb_buffer_t is scratch owned by the caller; one thread at a time per buffer.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hb.h>

#include "text/fonts.h"
#include "text/itemize.h"

struct text_shaped_glyph {
    uint32_t cluster;                      /* paragraph code point index */
    uint32_t glyph;                        /* glyph id in the run's face */
    int32_t x_advance, x_offset, y_offset; /* font units; y up, as HarfBuzz reports */
    bool unsafe_to_break; /* HB_GLYPH_FLAG_UNSAFE_TO_BREAK: cutting before this cluster would
                           * change the shaping, so a line break here needs a reshape */
};

/* Shapes para[start..end) (a run, or the part of it on one line) and appends the glyphs to
 * *glyphs (grown with xgrow). `lang` may be NULL. Returns the number of glyphs appended. */
size_t text_shape_run(hb_buffer_t *buf, const struct font_set *fonts, const uint32_t *para,
                      size_t para_len, const struct text_item *item, uint32_t start, uint32_t end,
                      const char *lang, struct text_shaped_glyph **glyphs, size_t *count,
                      size_t *capacity);
