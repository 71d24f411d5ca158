#include "text/itemize.h"

#include <stdbool.h>

#include "base/xmalloc.h"

static bool is_attached(hb_unicode_funcs_t *uf, uint32_t cp)
{
    if (cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xE0100 && cp <= 0xE01EF))
        return true;
    switch (hb_unicode_general_category(uf, cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return true;
    default:
        return false;
    }
}

size_t text_itemize(const struct font_set *fonts, enum font_weight weight, const uint32_t *cps,
                    const uint8_t *levels, size_t n, struct text_item **items, size_t *capacity)
{
    return text_itemize_in(fonts, FONT_FAMILY_BUNDLED, weight, cps, levels, n, items, capacity);
}

size_t text_itemize_in(const struct font_set *fonts, font_family_id family, enum font_weight weight,
                       const uint32_t *cps, const uint8_t *levels, size_t n,
                       struct text_item **items, size_t *capacity)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    size_t count = 0;
    if (n == 0)
        return 0;

    /* The first real script of the paragraph, for leading Common characters. */
    hb_script_t script = HB_SCRIPT_COMMON;
    for (size_t i = 0; i < n && script == HB_SCRIPT_COMMON; i++) {
        hb_script_t s = hb_unicode_script(uf, cps[i]);
        if (s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN)
            script = s;
    }
    if (script == HB_SCRIPT_COMMON)
        script = HB_SCRIPT_LATIN;

    font_id prev_font = FONT_ID_NONE;
    struct text_item cur = {0};
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        hb_script_t s = hb_unicode_script(uf, cp);
        bool neutral = s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
        if (!neutral)
            script = s;
        font_id font;
        if (prev_font != FONT_ID_NONE && (is_attached(uf, cp) || neutral) &&
            font_set_face_covers(fonts, prev_font, cp)) {
            font = prev_font;
        } else {
            font = font_set_pick_in(fonts, family, script, weight, cp);
            if (font == FONT_ID_NONE)
                font = prev_font != FONT_ID_NONE
                           ? prev_font
                           : font_set_family(fonts, font_family_for_script(script), weight);
        }
        /* A mark whose base's face lacks it still travels with the base when the base is the
         * only thing that can show it: a whole cluster in one face beats a detached mark. */
        if (i > 0 && is_attached(uf, cp) && font != prev_font &&
            !font_set_face_covers(fonts, font, cps[i - 1]))
            font = prev_font;
        if (i == 0 || levels[i] != cur.level || font != cur.font || (!neutral && s != cur.script)) {
            if (i > 0) {
                *items = xgrow(*items, capacity, count + 1, sizeof(**items));
                (*items)[count++] = cur;
            }
            cur = (struct text_item){
                .start = (uint32_t)i, .level = levels[i], .script = script, .font = font};
        }
        cur.end = (uint32_t)(i + 1);
        prev_font = font;
    }
    *items = xgrow(*items, capacity, count + 1, sizeof(**items));
    (*items)[count++] = cur;
    return count;
}
