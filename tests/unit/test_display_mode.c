/* The console video mode choice (platform/display_mode.h) against mode lists of real screens. */
#include "check.h"
#include "platform/display_mode.h"

#include <string.h>

/* A 4K television as kmsdrm lists it (largest first, several refresh rates). */
static const struct display_mode_size tv4k[] = {
    {3840, 2160, 60}, {3840, 2160, 50}, {3840, 2160, 30}, {2560, 1440, 60},
    {1920, 1080, 60}, {1920, 1080, 50}, {1920, 1080, 24}, {1280, 720, 60},
};

static int choose(const struct display_mode_size *m, size_t n, struct display_mode_size desk,
                  const char *setting, bool *missing)
{
    struct display_mode_want want;
    char err[200];
    CHECK(display_mode_parse(setting, &want, err, sizeof err), "%s: %s", setting, err);
    return display_mode_choose(m, n, desk, &want, missing);
}

static void test_auto(void)
{
    bool missing;
    size_t n = sizeof tv4k / sizeof tv4k[0];
    /* A 4K screen at 60 Hz: 1920x1080 at 60 Hz. */
    int i = choose(tv4k, n, tv4k[0], "", &missing);
    CHECK(i == 4 && !missing, "mode choice");
    CHECK(choose(tv4k, n, tv4k[0], "auto", &missing) == 4, "line 29");
    /* A 4K screen running at 50 Hz (a European TV) keeps 50 Hz at 1080p. */
    CHECK(choose(tv4k, n, tv4k[1], "auto", &missing) == 5, "line 31");
    /* A 1080p screen keeps its own mode; so does a small one. */
    CHECK(choose(tv4k + 4, n - 4, tv4k[4], "auto", &missing) == -1, "line 33");
    const struct display_mode_size small[] = {{1280, 800, 60}, {1024, 768, 60}};
    CHECK(choose(small, 2, small[0], "auto", &missing) == -1, "line 35");
    /* A 4K screen that offers no 1920x1080 stays at its own mode rather than guessing. */
    const struct display_mode_size odd[] = {{3840, 2160, 60}, {2560, 1440, 60}};
    CHECK(choose(odd, 2, odd[0], "auto", &missing) == -1 && !missing, "line 38");
}

static void test_setting(void)
{
    bool missing;
    size_t n = sizeof tv4k / sizeof tv4k[0];
    CHECK(choose(tv4k, n, tv4k[0], "native", &missing) == -1 && !missing, "line 45");
    CHECK(choose(tv4k, n, tv4k[0], "2560x1440", &missing) == 3, "line 46");
    CHECK(choose(tv4k, n, tv4k[0], "1920x1080@24", &missing) == 6, "line 47");
    CHECK(choose(tv4k, n, tv4k[0], "3840x2160", &missing) == 0, "line 48");
    /* A size the screen does not offer: the screen's own mode, and the caller is told. */
    CHECK(choose(tv4k, n, tv4k[0], "1600x900", &missing) == -1 && missing, "line 50");
    CHECK(choose(tv4k, n, tv4k[0], "1920x1080@75", &missing) == -1 && missing, "line 51");
}

static void test_parse_errors(void)
{
    const char *bad[] = {"1080p",      "1920x",     "x1080", "1920x1080@",     "1920x1080@0",
                         "1920x1080 ", "1920*1080", "10x10", "1920x1080@60Hz", "Native"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct display_mode_want want;
        char err[200] = "";
        CHECK(!display_mode_parse(bad[i], &want, err, sizeof err), "%s accepted", bad[i]);
        CHECK(strstr(err, "expected auto, native or a size") != NULL, "%s: %s", bad[i], err);
    }
}

int main(void)
{
    test_auto();
    test_setting();
    test_parse_errors();
    return check_summary();
}
