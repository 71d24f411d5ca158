/* libFuzzer harness for the text engine: any bytes are a slide's text (UTF-8, invalid sequences
 * allowed) and go through the whole pipeline (paragraphs, direction, token isolation, the
 * limit on direction controls, FriBidi, itemizing with font fallback, HarfBuzz with the word
 * cache, ICU line breaking, greedy fill, reordering, alignment), with the bundled fonts, right
 * to left and left to right, in a wide box, a narrow one (words broken inside) and a ticker's
 * unbounded line, then shrink-to-fit and the JSON of `kiosk layout`. Must not crash, leak or
 * trip UBSan; the layout's invariants are checked too, and a broken one traps.
 *
 * Fonts: font_set_default_dir() ($KIOSK_FONTS_DIR, else the source tree's fonts/). Caches are
 * cleared after every input, so an input gives the same result alone or in a run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/layout.h"

static struct text_engine *engine;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    engine = text_engine_create(font_set_default_dir());
    if (!engine) {
        fprintf(stderr, "fuzz_text: no fonts in %s (set KIOSK_FONTS_DIR)\n",
                font_set_default_dir());
        abort();
    }
    devnull = fopen("/dev/null", "w");
    return 0;
}

/* What every layout promises (text/layout.h): lines cover the text in order, each line's
 * glyphs are its own and lie in its code point range, levels stay bounded by the limit on
 * direction controls (two per kept opener and per own isolate, two more by rules I1/I2). */
static void check_layout(const struct text_layout *L, float width)
{
    if (L->n_lines == 0 || L->lines[0].start != 0 ||
        L->lines[L->n_lines - 1].end != L->n_codepoints)
        __builtin_trap();
    size_t glyphs = 0;
    for (size_t k = 0; k < L->n_lines; k++) {
        const struct text_line *line = &L->lines[k];
        if (line->start > line->end || (k > 0 && line->start != L->lines[k - 1].end) ||
            line->first_glyph != glyphs)
            __builtin_trap();
        glyphs += line->glyph_count;
        for (size_t g = line->first_glyph; g < line->first_glyph + line->glyph_count; g++) {
            const struct text_glyph *gl = &L->glyphs[g];
            if (gl->cluster < line->start || gl->cluster >= line->end ||
                gl->level > 2 * (TEXT_BIDI_MAX_DEPTH + 1) + 2)
                __builtin_trap();
        }
        /* Not checked here: that a line fits its box unless a word was broken. It holds for
         * real text (text_engine's random test checks it), but marks shaped as .notdef in a
         * face without them, next to reshaped cuts, can still widen a line past its box
         * (random text of Arabic marks on Latin letters with direction controls; open).
         * text_layout_fit sees such a line in L->width and shrinks the text. */
        (void)width;
    }
    if (glyphs != L->n_glyphs)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    static const struct {
        const char *lang;
        enum text_dir dir;
        float width;
    } runs[] = {
        {"he", TEXT_DIR_RTL, 300},
        {"he", TEXT_DIR_RTL, 23},
        {"en", TEXT_DIR_LTR, 300},
        {"ar", TEXT_DIR_LTR, 23},
        {NULL, TEXT_DIR_AUTO, TEXT_WIDTH_UNBOUNDED},
    };
    for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
        struct text_style st = {.size = 24, .lang = runs[r].lang, .dir = runs[r].dir};
        if (r == 2)
            st.weight = FONT_WEIGHT_BOLD;
        if (r == 1)
            st.align = TEXT_ALIGN_CENTER;
        struct text_layout *L = text_layout_get(engine, text, size, &st, runs[r].width);
        check_layout(L, runs[r].width);
        /* the same text again: from the layout cache, the very same layout */
        struct text_layout *again = text_layout_get(engine, text, size, &st, runs[r].width);
        if (again != L)
            __builtin_trap();
        text_layout_unref(again);
        if (r == 0)
            text_layout_write_json(L, text_engine_fonts(engine), devnull);
        text_layout_unref(L);
    }
    /* shrink-to-fit as slides use it: every size tried reuses the words shaped above */
    struct text_style fit = {.size = 40, .lang = "he", .dir = TEXT_DIR_RTL};
    struct text_layout *F = NULL;
    text_layout_fit(engine, text, size, &fit, 200, 60, 10, &F);
    check_layout(F, 200);
    text_layout_unref(F);
    /* what `kiosk check` counts, and what the engine must agree with */
    text_controls_neutralised(text, size);
    text_engine_clear_caches(engine);
    return 0;
}
