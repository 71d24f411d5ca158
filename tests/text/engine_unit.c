/* Engine behaviour that golden files cannot show: shrink-to-fit, the layout cache, coverage
 * ("no tofu"), tickers, empty and malformed input. Prints "N passed, N failed".
 *
 * Usage: test_text_engine FONTS_DIR
 */
#define LOG_MODULE "test"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/log.h"
#include "text/layout.h"

/* Random texts from the characters that stress the pipeline; invariants must hold for all. */
static const uint32_t alphabet[] = {
    0x05D0, 0x05D1, 0x05E9, 0x05B8, 0x05BC,  0x05C1, 0x05BE, 0x05F3, 0x05F4, 0x0627, 0x0644, 0x0645,
    0x064E, 0x0651, 0x0660, 0x0663, 'a',     'Z',    '0',    '7',    ' ',    ' ',    '\n',   '\r',
    '+',    '-',    '*',    0x20AA, '$',     '%',    '.',    ',',    ':',    '/',    '\'',   '"',
    '(',    ')',    '[',    ']',    '@',     'w',    0x202A, 0x202E, 0x202C, 0x2066, 0x2067, 0x2068,
    0x2069, 0x200E, 0x200F, 0x200D, 0x1F600, 0x2028, 0x0301, 0x1200, 0x0416, 0x00A0, '\t',   0xFFFD,
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
    } else if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FONTS_DIR\n", argv[0]);
        return 2;
    }
    struct text_engine *e = text_engine_create(argv[1]);
    CHECK(e != NULL);
    if (!e)
        return 1;
    const struct font_set *fonts = text_engine_fonts(e);
    const char *he = "ברוכים הבאים למוזיאון תל אביב לאמנות, פתוח מיום ראשון עד חמישי 10:00-18:00";
    struct text_style st = {.size = 64, .lang = "he", .dir = TEXT_DIR_RTL};

    /* shrink-to-fit: the result fits, and one pixel more would not */
    struct text_layout *L = NULL;
    bool fits = text_layout_fit(e, he, strlen(he), &st, 400, 160, 12, &L);
    CHECK(fits);
    CHECK(L && L->height <= 160 && L->width <= 400 && !L->word_broken);
    CHECK(L && L->style.size < 64 && L->style.size >= 12);
    if (L) {
        struct text_style bigger = st;
        bigger.size = L->style.size + 1;
        struct text_layout *B = text_layout_create(e, he, strlen(he), &bigger, 400);
        CHECK(B->height > 160 || B->word_broken);
        text_layout_unref(B);
        text_layout_unref(L);
    }
    /* already fits at the start size: unchanged */
    fits = text_layout_fit(e, "שלום", strlen("שלום"), &st, 400, 160, 12, &L);
    CHECK(fits && L->style.size == 64);
    text_layout_unref(L);
    /* does not fit even at the minimum: overflow reported, min-size layout returned */
    fits = text_layout_fit(e, he, strlen(he), &st, 100, 20, 30, &L);
    CHECK(!fits);
    CHECK(L && L->style.size == 30);
    text_layout_unref(L);

    /* the layout cache: same text, style and width give the same object, no new shaping */
    uint64_t h0, m0, h1, m1;
    text_engine_cache_stats(e, &h0, &m0);
    struct text_layout *A = text_layout_get(e, he, strlen(he), &st, 500);
    struct text_layout *A2 = text_layout_get(e, he, strlen(he), &st, 500);
    text_engine_cache_stats(e, &h1, &m1);
    CHECK(A == A2);
    CHECK(h1 == h0 + 1 && m1 == m0 + 1);
    struct text_style other = st;
    other.align = TEXT_ALIGN_CENTER;
    struct text_layout *A3 = text_layout_get(e, he, strlen(he), &other, 500);
    CHECK(A3 != A);
    text_layout_unref(A);
    text_layout_unref(A2);
    text_layout_unref(A3);

    /* a ticker: unbounded width, one line however long, box as wide as the line */
    struct text_style tick = {.size = 40, .lang = "he", .dir = TEXT_DIR_RTL};
    char longtext[4096] = "";
    for (int i = 0; i < 20; i++)
        strcat(longtext, "חדשות היום: פתיחת התערוכה 18:30 ");
    L = text_layout_create(e, longtext, strlen(longtext), &tick, TEXT_WIDTH_UNBOUNDED);
    CHECK(L->n_lines == 1);
    CHECK(fabsf(L->box_width - L->width) < 0.01f && L->width > 4000);
    CHECK(L->rtl);
    text_layout_unref(L);

    /* coverage: bundled scripts are covered, emoji and CJK are not (kiosk check reports them) */
    CHECK(font_set_covers(fonts, 0x05D0));   /* alef */
    CHECK(font_set_covers(fonts, 0x05B8));   /* qamats */
    CHECK(font_set_covers(fonts, 0x0628));   /* beh */
    CHECK(font_set_covers(fonts, 0x0416));   /* Cyrillic Zhe */
    CHECK(font_set_covers(fonts, 0x1200));   /* Ethiopic ha */
    CHECK(font_set_covers(fonts, 0x20AA));   /* new shekel sign */
    CHECK(font_set_covers(fonts, 0x200F));   /* RLM: never drawn */
    CHECK(!font_set_covers(fonts, 0x1F600)); /* emoji */
    CHECK(!font_set_covers(fonts, 0x4E2D));  /* CJK */
    font_id hebrew = font_set_family(fonts, FONT_FAMILY_HEBREW, FONT_WEIGHT_REGULAR);
    CHECK(!font_set_face_covers(fonts, hebrew, '5')); /* the reason for fallback */
    CHECK(font_set_pick(fonts, HB_SCRIPT_HEBREW, FONT_WEIGHT_REGULAR, '5') ==
          font_set_family(fonts, FONT_FAMILY_SANS, FONT_WEIGHT_REGULAR));

    /* empty text and malformed UTF-8 lay out without trouble */
    L = text_layout_create(e, "", 0, &st, 300);
    CHECK(L->n_lines == 1 && L->n_glyphs == 0 && L->rtl);
    text_layout_unref(L);
    L = text_layout_create(e,
                           "a\xff\xfe"
                           "b\xe2\x82",
                           6, &st, 300);
    CHECK(L->n_codepoints == 6 && L->n_glyphs == 6); /* one U+FFFD per bad byte */
    text_layout_unref(L);
    /* whitespace only: width 0 */
    L = text_layout_create(e, "   ", 3, &st, 300);
    CHECK(L->n_lines == 1 && L->lines[0].width == 0);
    text_layout_unref(L);

    /* random texts: lines cover the text in order, glyphs stay inside their line, lines fit
     * the box unless a word had to be broken */
    srand(12345);
    int bad = 0;
    for (int round = 0; round < 3000 && bad < 5; round++) {
        char buf[1024];
        size_t len = 0, n = (size_t)(rand() % 120);
        for (size_t i = 0; i < n; i++)
            len += put_utf8(buf + len,
                            alphabet[(size_t)rand() % (sizeof(alphabet) / sizeof(alphabet[0]))]);
        static const float widths[] = {0, 15, 90, 300};
        struct text_style rs = {.size = 10 + rand() % 40,
                                .dir = (enum text_dir)(rand() % 3),
                                .align = (enum text_align)(rand() % 3),
                                .lang = rand() % 2 ? "he" : NULL,
                                .weight = (enum font_weight)(rand() % 2)};
        float w = widths[rand() % 4];
        L = text_layout_create(e, buf, len, &rs, w);
        bool ok = L->n_lines > 0 && L->lines[0].start == 0 &&
                  L->lines[L->n_lines - 1].end == L->n_codepoints;
        size_t glyphs = 0;
        for (size_t k = 0; ok && k < L->n_lines; k++) {
            const struct text_line *line = &L->lines[k];
            ok = line->start <= line->end && (k == 0 || line->start == L->lines[k - 1].end) &&
                 line->first_glyph == glyphs;
            glyphs += line->glyph_count;
            for (size_t g = 0; ok && g < line->glyph_count; g++) {
                uint32_t c = L->glyphs[line->first_glyph + g].cluster;
                ok = c >= line->start && c < line->end;
            }
            if (ok && w > 0 && !L->word_broken)
                ok = line->width <= w + 0.5f;
        }
        ok = ok && glyphs == L->n_glyphs;
        if (!ok) {
            bad++;
            printf("random text %d (%zu bytes, width %g) breaks an invariant:", round, len, w);
            for (size_t i = 0; i < len; i++)
                printf(" %02x", (unsigned char)buf[i]);
            printf("\n  word_broken %d, lines:", L->word_broken);
            for (size_t k = 0; k < L->n_lines; k++)
                printf(" [%u,%u) w=%.1f g=%zu", L->lines[k].start, L->lines[k].end,
                       L->lines[k].width, L->lines[k].glyph_count);
            printf("\n");
        }
        text_layout_unref(L);
    }
    CHECK(bad == 0);

    /* a huge text is cut, not refused, and stays fast (linear steps) */
    size_t big = 200000;
    char *huge = malloc(big + 1);
    for (size_t i = 0; i + 5 <= big; i += 5)
        memcpy(huge + i, i % 10 ? "\xd7\xa9\xd7\x9c " : "ab 1 ", 5);
    huge[big] = '\0';
    L = text_layout_create(e, huge, strlen(huge), &st, 500);
    CHECK(L->n_lines > 100 && L->lines[L->n_lines - 1].end == L->n_codepoints);
    text_layout_unref(L);
    free(huge);

    text_engine_destroy(e);
    return check_summary();
}
