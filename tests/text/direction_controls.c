/* Explicit direction controls from content (LRE RLE PDF LRO RLO, LRI RLI FSI PDI) are limited
 * to TEXT_BIDI_MAX_DEPTH nested levels before FriBidi sees them (issue 11, item 1): Debian 12's
 * FriBidi 1.0.8 reads freed memory on about 90 and more. Checks which controls are neutralised,
 * that the count `kiosk check` reports matches, and that the text of the issue lays out with
 * sane levels. Run it under valgrind or the ASan build to see the memory side. Prints
 * "N passed, N failed".
 *
 * Usage: test_direction_controls FONTS_DIR
 */
#define LOG_MODULE "test"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/bidi.h"
#include "text/layout.h"

enum {
    LRE = 0x202A,
    RLE = 0x202B,
    PDF = 0x202C,
    LRO = 0x202D,
    RLO = 0x202E,
    LRI = 0x2066,
    RLI = 0x2067,
    FSI = 0x2068,
    PDI = 0x2069,
    LRM = 0x200E,
    RLM = 0x200F,
};

static size_t put_utf8(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | c >> 12);
    out[1] = (char)(0x80 | (c >> 6 & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

static char *to_utf8(const uint32_t *cps, size_t n)
{
    char *s = malloc(n * 3 + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += put_utf8(s + len, cps[i]);
    s[len] = '\0';
    return s;
}

/* The text of issue 11: eleven controls repeated, cut at 400 code points. */
static size_t issue_text(uint32_t *cps)
{
    static const uint32_t unit[] = {LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM};
    for (size_t i = 0; i < 400; i++)
        cps[i] = unit[i % 11];
    return 400;
}

/* Glyph levels stay within what the limit allows: each kept opener and the engine's own isolate
 * raise the level by two at most, and rules I1/I2 by two more (digits in a left-to-right
 * isolate eight embeddings deep in a right-to-left paragraph reach 20). */
static bool levels_bounded(const struct text_layout *L)
{
    for (size_t g = 0; g < L->n_glyphs; g++)
        if (L->glyphs[g].level > 2 * (TEXT_BIDI_MAX_DEPTH + 1) + 2)
            return false;
    return true;
}

static bool lines_cover(const struct text_layout *L)
{
    if (L->n_lines == 0 || L->lines[0].start != 0 ||
        L->lines[L->n_lines - 1].end != L->n_codepoints)
        return false;
    for (size_t k = 1; k < L->n_lines; k++)
        if (L->lines[k].start != L->lines[k - 1].end)
            return false;
    return true;
}

/* x of the first glyph whose cluster is `cluster`, or -1 */
static float glyph_x(const struct text_layout *L, uint32_t cluster)
{
    for (size_t g = 0; g < L->n_glyphs; g++)
        if (L->glyphs[g].cluster == cluster)
            return L->glyphs[g].x;
    return -1;
}

static void test_limit_rule(void)
{
    uint32_t cps[64];
    uint8_t neutral[64];
    size_t n = 0;

    /* eight nested levels of each kind are kept: more than any real text needs */
    for (int k = 0; k < 4; k++)
        cps[n++] = RLE, cps[n++] = LRI;
    cps[n++] = 'a';
    for (int k = 0; k < 4; k++)
        cps[n++] = PDI, cps[n++] = PDF;
    CHECK(text_bidi_limit_controls(cps, n, neutral) == 0);

    /* the ninth opener and the closer that matches it are neutralised, nothing else */
    n = 0;
    for (int k = 0; k < 9; k++)
        cps[n++] = RLI;
    cps[n++] = 'a';
    for (int k = 0; k < 9; k++)
        cps[n++] = PDI;
    CHECK(text_bidi_limit_controls(cps, n, neutral) == 2);
    CHECK(neutral[8] == 1 && neutral[10] == 1);
    CHECK(neutral[7] == 0 && neutral[9] == 0 && neutral[11] == 0 && neutral[18] == 0);

    /* inside a neutralised isolate, every opener and closer goes with it, and the PDF after its
     * PDI closes the eighth embedding again */
    n = 0;
    for (int k = 0; k < 8; k++)
        cps[n++] = LRE;
    size_t iso = n;
    cps[n++] = LRI;
    cps[n++] = RLE;
    cps[n++] = 'b';
    cps[n++] = PDF;
    cps[n++] = PDI;
    size_t outer_pdf = n;
    cps[n++] = PDF;
    CHECK(text_bidi_limit_controls(cps, n, neutral) == 4);
    CHECK(neutral[iso] && neutral[iso + 1] && !neutral[iso + 2] && neutral[iso + 3] &&
          neutral[iso + 4] && !neutral[outer_pdf]);

    /* a PDI closes the embeddings left open inside its isolate, as rule X6a says: what follows
     * may nest again */
    n = 0;
    for (int k = 0; k < 7; k++)
        cps[n++] = RLE;
    cps[n++] = LRI;
    cps[n++] = LRE;
    cps[n++] = LRE; /* ninth and tenth: neutralised */
    cps[n++] = PDI;
    cps[n++] = RLO; /* eighth again: kept */
    CHECK(text_bidi_limit_controls(cps, n, neutral) == 2);
    CHECK(neutral[8] && neutral[9] && !neutral[10] && !neutral[11]);

    /* stray closers are left alone: FriBidi ignores them */
    uint32_t stray[] = {PDF, PDI, 'a', PDI, PDF};
    CHECK(text_bidi_limit_controls(stray, 5, NULL) == 0);

    /* the text of the issue: most of its controls go */
    uint32_t big[400];
    n = issue_text(big);
    size_t dropped = text_bidi_limit_controls(big, n, NULL);
    CHECK(dropped > 200 && dropped < 400);
}

static void test_whole_text_count(void)
{
    uint32_t big[400];
    size_t n = issue_text(big);
    char *s = to_utf8(big, n);
    CHECK(text_controls_neutralised(s, strlen(s)) == text_bidi_limit_controls(big, n, NULL));
    free(s);

    /* nesting ends with its paragraph: nine in each of two paragraphs is one too deep in each */
    uint32_t two[21];
    n = 0;
    for (int k = 0; k < 9; k++)
        two[n++] = LRE;
    two[n++] = 'x';
    two[n++] = '\n';
    for (int k = 0; k < 9; k++)
        two[n++] = RLO;
    two[n++] = 'y';
    s = to_utf8(two, n);
    CHECK(text_controls_neutralised(s, strlen(s)) == 2);
    free(s);

    const char *plain = "שלום \u2067world\u2069, ב־20:00 \u202bעברית\u202c";
    CHECK(text_controls_neutralised(plain, strlen(plain)) == 0);
    CHECK(text_controls_neutralised("", 0) == 0);
}

static void test_layouts(struct text_engine *e)
{
    static const struct text_style styles[] = {
        {.size = 32, .lang = "en", .dir = TEXT_DIR_LTR},
        {.size = 32, .lang = "he", .dir = TEXT_DIR_RTL},
        {.size = 20, .lang = "ar", .dir = TEXT_DIR_AUTO},
    };
    static const float widths[] = {600, 40, TEXT_WIDTH_UNBOUNDED};

    /* the repro of the issue, as `kiosk layout --lang en` runs it, and in other set-ups */
    uint32_t big[400];
    size_t n = issue_text(big);
    char *s = to_utf8(big, n);
    for (size_t k = 0; k < 3; k++) {
        struct text_layout *L = text_layout_create(e, s, strlen(s), &styles[k], widths[k]);
        CHECK(L->n_codepoints == 400 && lines_cover(L) && levels_bounded(L));
        text_layout_unref(L);
    }
    free(s);

    /* the same controls around Hebrew words and numbers, so the engine's own LRI ... PDI sit at
     * the deepest level the content reaches */
    uint32_t mixed[1200];
    static const uint32_t word[] = {0x05D1, 0x05BE, '2', '0', ':', '0', '0', ' ', 'a', ' '};
    size_t m = 0;
    for (size_t i = 0; i < 100; i++) {
        mixed[m++] = big[i];
        for (size_t w = 0; w < sizeof(word) / sizeof(word[0]); w++)
            mixed[m++] = word[w];
    }
    s = to_utf8(mixed, m);
    CHECK(text_controls_neutralised(s, strlen(s)) > 0);
    for (size_t k = 0; k < 3; k++) {
        struct text_layout *L = text_layout_create(e, s, strlen(s), &styles[k], widths[k]);
        CHECK(L->n_codepoints == m && lines_cover(L) && levels_bounded(L));
        text_layout_unref(L);
    }
    free(s);

    /* kept nesting still works: a time eight isolates deep keeps its order ("20" left of "00") */
    uint32_t deep[32];
    n = 0;
    for (int k = 0; k < 8; k++)
        deep[n++] = RLI;
    size_t t0 = n + 2;
    static const uint32_t time[] = {0x05D1, '-', '2', '0', ':', '0', '0'};
    for (size_t w = 0; w < 7; w++)
        deep[n++] = time[w];
    for (int k = 0; k < 8; k++)
        deep[n++] = PDI;
    s = to_utf8(deep, n);
    struct text_layout *L = text_layout_create(e, s, strlen(s), &styles[1], 600);
    CHECK(glyph_x(L, (uint32_t)t0) >= 0 && glyph_x(L, (uint32_t)t0) < glyph_x(L, (uint32_t)t0 + 3));
    text_layout_unref(L);
    free(s);
}

/* Found by fuzz_text under valgrind: FriBidi 1.0.8 reads freed memory when a paragraph holds a
 * paragraph separator (bidi class B: U+001C-U+001E) after an isolate opener. The layout makes
 * every B end a paragraph, and text_bidi_run treats one inside as a tab. The memory side shows
 * under valgrind (text_direction_controls_valgrind). */
static void test_separator_after_isolate(struct text_engine *e)
{
    static const uint32_t par[] = {LRI, 0x1C, ' ', 'b'};
    struct text_bidi b = {0};
    for (int rtl = 0; rtl < 2; rtl++) {
        CHECK(text_bidi_run(&b, par, 4, rtl, NULL, 0));
        uint32_t visual[4];
        uint8_t levels[4];
        CHECK(text_bidi_reorder_line(&b, 0, 4, visual, levels) == 4);
    }
    text_bidi_finish(&b);

    const char *text = "\u2066a\x1c b \u2067\x1d\u05d0\x1e";
    struct text_style st = {.size = 32, .lang = "he", .dir = TEXT_DIR_RTL};
    struct text_layout *L = text_layout_create(e, text, strlen(text), &st, 600);
    CHECK(L->n_lines == 3 && lines_cover(L));
    CHECK(L->lines[0].end == 3 && L->lines[1].end == 8);
    text_layout_unref(L);
}

/* Found by a stress run of random bidi text: HarfBuzz merges a removed LRM into the glyph of
 * the character after it, and ICU allowed a line break between the two (before a wide bracket).
 * Cut there, the next line shaped the bracket again: it was drawn twice and the line overflowed
 * its box. A break inside a glyph cluster now moves to the cluster's start. */
static void test_break_inside_cluster(struct text_engine *e)
{
    static const uint32_t cps[] = {FSI, 0x0300, 0x3009, ']', 0x1E, RLM, LRM, 0x2329, LRE, '{'};
    char *text = to_utf8(cps, sizeof(cps) / sizeof(cps[0]));
    struct text_style st = {.size = 24, .lang = "ar", .dir = TEXT_DIR_LTR};
    struct text_layout *one = text_layout_create(e, text, strlen(text), &st, TEXT_WIDTH_UNBOUNDED);
    struct text_layout *L = text_layout_create(e, text, strlen(text), &st, 23);
    CHECK(lines_cover(L));
    CHECK(L->n_glyphs == one->n_glyphs); /* every glyph once */
    for (size_t k = 0; k < L->n_lines; k++)
        CHECK(L->word_broken || L->lines[k].width <= 23.5f);
    text_layout_unref(L);
    text_layout_unref(one);
    free(text);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FONTS_DIR\n", argv[0]);
        return 2;
    }
    test_limit_rule();
    test_whole_text_count();
    struct text_engine *e = text_engine_create(argv[1]);
    CHECK(e != NULL);
    if (e) {
        test_layouts(e);
        test_separator_after_isolate(e);
        test_break_inside_cluster(e);
        text_engine_destroy(e);
    }
    return check_summary();
}
