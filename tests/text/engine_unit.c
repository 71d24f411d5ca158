/* Engine behaviour that golden files cannot show: shrink-to-fit, the layout cache, coverage
 * ("no tofu"), tickers, empty and malformed input. Prints "N passed, N failed".
 *
 * Usage: test_text_engine FONTS_DIR
 */
#define LOG_MODULE "test"
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "text/layout.h"

static int passed, failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            printf("%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);                        \
        }                                                                                          \
    } while (0)

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

    text_engine_destroy(e);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
