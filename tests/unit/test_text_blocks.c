/* Text on slides without a screen: clock words per language, ticker motion, block styles,
 * and the language each pass of the show uses. */
#include <string.h>

#include "check.h"
#include "render/clock_text.h"
#include "render/text_blocks.h"
#include "sched/sched.h"

static void test_clock_words(void)
{
    /* Thursday 26 November 2026, 18:05. */
    struct tm tm = {
        .tm_year = 126, .tm_mon = 10, .tm_mday = 26, .tm_wday = 4, .tm_hour = 18, .tm_min = 5};
    static const struct {
        const char *lang;
        enum clock_format format;
        const char *expected;
    } rows[] = {
        {"he", CLOCK_TIME, "18:05"},
        {"he", CLOCK_DATE, "יום חמישי, 26 בנובמבר 2026"},
        {"en", CLOCK_DATE, "Thursday, 26 November 2026"},
        {"ru", CLOCK_DATE, "четверг, 26 ноября 2026 г."},
        {"ar", CLOCK_DATE, "الخميس، 26 نوفمبر 2026"},
        {"am", CLOCK_DATE, "ሐሙስ፣ 26 ኖቬምበር 2026"},
        {"he-IL", CLOCK_DATETIME, "18:05\nיום חמישי, 26 בנובמבר 2026"},
        {"fr", CLOCK_DATE, "Thursday, 26 November 2026"}, /* unknown: English names */
        /* 26 November 2026 is 16 Kislev 5787 (hebcal -d 11 26 2026). */
        {"he", CLOCK_HEBREW, "ט״ז בכסלו תשפ״ז"},
        {"he", CLOCK_DATE_HEBREW, "יום חמישי, 26 בנובמבר 2026 · ט״ז בכסלו תשפ״ז"},
        {"en", CLOCK_DATETIME_HEBREW, "18:05\nThursday, 26 November 2026 · ט״ז בכסלו תשפ״ז"},
    };
    char buf[256];
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        clock_text(rows[i].lang, rows[i].format, &tm, buf, sizeof(buf));
        CHECK(strcmp(buf, rows[i].expected) == 0, "%s: \"%s\", expected \"%s\"", rows[i].lang, buf,
              rows[i].expected);
    }
    struct tm sat = tm;
    sat.tm_wday = 6;
    sat.tm_hour = 0;
    clock_text("he", CLOCK_DATETIME, &sat, buf, sizeof(buf));
    CHECK(strncmp(buf, "00:05\nשבת,", strlen("00:05\nשבת,")) == 0,
          "Shabbat is \"שבת\", not "
          "\"יום שבת\": %s",
          buf);
}

static void test_ticker(void)
{
    /* A 1000 px line in a 400 px box at 100 px/s: a loop is 14 s. */
    CHECK_NEAR(text_blocks_ticker_x(1000, 400, 0, 100, false), 400, 1e-3,
               "left-to-right starts just off the right edge");
    CHECK_NEAR(text_blocks_ticker_x(1000, 400, 1, 100, false), 300, 1e-3, "and moves left");
    CHECK_NEAR(text_blocks_ticker_x(1000, 400, 0, 100, true), -1000, 1e-3,
               "right-to-left starts just off the left edge");
    CHECK_NEAR(text_blocks_ticker_x(1000, 400, 1, 100, true), -900, 1e-3, "and moves right");
    CHECK_NEAR(text_blocks_ticker_x(1000, 400, 14, 100, true), -1000, 1e-3, "loops after 14 s");
    float last = text_blocks_ticker_x(1000, 400, 0, 100, true);
    for (int i = 1; i < 600; i++) {
        float x = text_blocks_ticker_x(1000, 400, i / 60.0, 100, true);
        CHECK(x > last && x - last < 1.7f, "frame %d moves right by 100/60 px", i);
        last = x;
    }
}

static void test_style(void)
{
    struct text_block b = {
        .size = 48, .min_size = 30, .bold = true, .align = BLOCK_ALIGN_END, .line_height = 1.2f};
    struct text_style st = text_blocks_style(&b, "he", 0.5f);
    CHECK_NEAR(st.size, 24, 1e-6, "size scales with the output");
    CHECK(st.dir == TEXT_DIR_RTL, "Hebrew is right to left");
    CHECK(st.align == TEXT_ALIGN_END && st.weight == FONT_WEIGHT_BOLD, "align and weight");
    st = text_blocks_style(&b, "ru", 1);
    CHECK(st.dir == TEXT_DIR_LTR, "Russian is left to right");
    b.dir_auto = true;
    st = text_blocks_style(&b, "ar", 1);
    CHECK(st.dir == TEXT_DIR_AUTO, "dir auto uses the first strong character");
}

static void test_language_cycle(void)
{
    static struct slide slides[2] = {{.id = "a", .duration = 2}, {.id = "b", .duration = 2}};
    static char *langs[] = {"he", "en", "ar"};
    struct playlist pl = {.slides = slides,
                          .slide_count = 2,
                          .languages = langs,
                          .language_count = 3,
                          .cycle_languages = true};
    struct sched s;
    sched_init(&s, &pl, 0);
    static const struct {
        int64_t t;
        size_t lang;
    } rows[] = {{0, 0}, {2000, 0}, {4000, 1}, {6000, 1}, {8000, 2}, {12000, 0}};
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        for (int64_t t = 0; t <= rows[i].t; t += 500)
            sched_tick(&s, &pl, t);
        CHECK(sched_language(&s, &pl) == rows[i].lang, "at %lld ms: language %zu, expected %zu",
              (long long)rows[i].t, sched_language(&s, &pl), rows[i].lang);
    }
    sched_free(&s);
    sched_init(&s, &pl, 0);
    sched_tick(&s, &pl, 4000); /* wrapped into slide a, second pass */
    CHECK(sched_language(&s, &pl) == 1 && sched_from_language(&s, &pl) == 0,
          "the outgoing slide keeps the language it was shown in");
    sched_prev(&s, &pl, 4100);
    CHECK(sched_language(&s, &pl) == 1, "going back does not change the language");
    sched_free(&s);
    pl.cycle_languages = false;
    sched_init(&s, &pl, 0);
    sched_tick(&s, &pl, 4000);
    CHECK(sched_language(&s, &pl) == 0, "without cycling, the primary language stays");
    sched_free(&s);
}

int main(void)
{
    test_clock_words();
    test_ticker();
    test_style();
    test_language_cycle();
    return check_summary();
}
