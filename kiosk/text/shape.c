#include "text/shape.h"

#include "base/xmalloc.h"

static size_t shape(hb_buffer_t *buf, const struct font_set *fonts, const uint32_t *para,
                    size_t para_len, const struct text_item *item, uint32_t start, uint32_t end,
                    bool bot, bool eot, const char *lang, struct text_shaped_glyph **glyphs,
                    size_t *count, size_t *capacity)
{
    hb_buffer_clear_contents(buf);
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES |
                                 (bot ? HB_BUFFER_FLAG_BOT : 0) | (eot ? HB_BUFFER_FLAG_EOT : 0));
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_buffer_add_utf32(buf, para, (int)para_len, start, (int)(end - start));
    /* Controls (a tab) have no glyph in any bundled face: shape them as a space rather than
     * draw .notdef boxes. HarfBuzz allows rewriting code points before hb_shape. */
    unsigned len = 0;
    hb_glyph_info_t *in = hb_buffer_get_glyph_infos(buf, &len);
    for (unsigned k = 0; k < len; k++)
        if (in[k].codepoint < 0x20 || (in[k].codepoint >= 0x7F && in[k].codepoint < 0xA0))
            in[k].codepoint = ' ';
    hb_buffer_set_direction(buf, item->level & 1 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, item->script);
    if (lang && *lang)
        hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
    const struct font_face *face = font_set_face(fonts, item->font);
    hb_shape(face->hb_font, buf, NULL, 0);

    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    *glyphs = xgrow(*glyphs, capacity, *count + n, sizeof(**glyphs));
    for (unsigned k = 0; k < n; k++) {
        (*glyphs)[*count + k] = (struct text_shaped_glyph){
            .cluster = info[k].cluster,
            .glyph = info[k].codepoint,
            .x_advance = pos[k].x_advance,
            .x_offset = pos[k].x_offset,
            .y_offset = pos[k].y_offset,
            .unsafe_to_break =
                (hb_glyph_info_get_glyph_flags(&info[k]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0,
        };
    }
    *count += n;
    return n;
}

size_t text_shape_run(hb_buffer_t *buf, const struct font_set *fonts, const uint32_t *para,
                      size_t para_len, const struct text_item *item, uint32_t start, uint32_t end,
                      const char *lang, struct text_shaped_glyph **glyphs, size_t *count,
                      size_t *capacity)
{
    return shape(buf, fonts, para, para_len, item, start, end, start == 0, end == para_len, lang,
                 glyphs, count, capacity);
}
