/* Rotation mapping: the panel's corners land on the screen's corners for every rotation, on
 * landscape and portrait screens; mouse pixels turn the same way; the setting parses. */
#include <string.h>

#include "check.h"
#include "input/rotate.h"

enum { TL, TR, BL, BR };

static struct screen_point corner_px(int c, int w, int h)
{
    return (struct screen_point){(c == TR || c == BR) ? (float)(w - 1) : 0,
                                 (c == BL || c == BR) ? (float)(h - 1) : 0};
}

static void test_touch_corners(void)
{
    /* For each panel corner (its own top-left, top-right, bottom-left, bottom-right, in
     * normalised coordinates), the screen corner where it must land. */
    static const float panel[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    static const struct {
        const char *what;
        enum rotation rotation;
        int w, h;     /* the screen as the viewer sees it */
        int lands[4]; /* where panel TL, TR, BL, BR land */
        float fx, fy; /* where the panel point (0.25, 0.1) lands, as fractions of w and h */
    } rows[] = {
        {"landscape as built", ROTATION_0, 1920, 1080, {TL, TR, BL, BR}, 0.25f, 0.1f},
        {"portrait as built", ROTATION_0, 1080, 1920, {TL, TR, BL, BR}, 0.25f, 0.1f},
        {"landscape panel standing portrait, top to the right",
         ROTATION_90,
         1080,
         1920,
         {TR, BR, TL, BL},
         0.9f,
         0.25f},
        {"portrait panel lying landscape, top to the right",
         ROTATION_90,
         1280,
         800,
         {TR, BR, TL, BL},
         0.9f,
         0.25f},
        {"landscape upside down", ROTATION_180, 1920, 1080, {BR, BL, TR, TL}, 0.75f, 0.9f},
        {"portrait upside down", ROTATION_180, 800, 1280, {BR, BL, TR, TL}, 0.75f, 0.9f},
        {"landscape panel standing portrait, top to the left",
         ROTATION_270,
         1080,
         1920,
         {BL, TL, BR, TR},
         0.1f,
         0.75f},
        {"portrait panel lying landscape, top to the left",
         ROTATION_270,
         1280,
         800,
         {BL, TL, BR, TR},
         0.1f,
         0.75f},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct rotate_map m = {rows[i].rotation, rows[i].w, rows[i].h};
        for (int c = 0; c < 4; c++) {
            struct screen_point p = rotate_touch(&m, panel[c][0], panel[c][1]);
            struct screen_point want = corner_px(rows[i].lands[c], rows[i].w, rows[i].h);
            CHECK(p.x == want.x && p.y == want.y,
                  "%s: panel corner %d at (%g, %g), expected (%g, %g)", rows[i].what, c, p.x, p.y,
                  want.x, want.y);
        }
        struct screen_point p = rotate_touch(&m, 0.25f, 0.1f);
        CHECK_NEAR(p.x, rows[i].fx * rows[i].w, 1e-2, rows[i].what);
        CHECK_NEAR(p.y, rows[i].fy * rows[i].h, 1e-2, rows[i].what);
        /* The centre stays the centre. */
        p = rotate_touch(&m, 0.5f, 0.5f);
        CHECK_NEAR(p.x, rows[i].w / 2.0, 1e-3, rows[i].what);
        CHECK_NEAR(p.y, rows[i].h / 2.0, 1e-3, rows[i].what);
    }
}

static void test_finding_the_rotation(void)
{
    /* docs/touch.md: with rotation 0 set, a touch on the picture's top-left corner shows at the
     * top-left (0), bottom-left (90), bottom-right (180) or top-right (270). */
    static const struct {
        enum rotation mounted;
        int shows;
    } rows[] = {{ROTATION_0, TL}, {ROTATION_90, BL}, {ROTATION_180, BR}, {ROTATION_270, TR}};
    static const float panel[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    for (size_t i = 0; i < 4; i++) {
        struct rotate_map right = {rows[i].mounted, 1080, 1080};
        struct rotate_map unset = {ROTATION_0, 1080, 1080};
        int found = 0;
        for (int c = 0; c < 4; c++) {
            /* The panel corner under the picture's top-left corner... */
            struct screen_point p = rotate_touch(&right, panel[c][0], panel[c][1]);
            if (p.x != 0 || p.y != 0)
                continue;
            found++;
            /* ...shows here while the rotation is still 0. */
            struct screen_point q = rotate_touch(&unset, panel[c][0], panel[c][1]);
            struct screen_point want = corner_px(rows[i].shows, 1080, 1080);
            CHECK(q.x == want.x && q.y == want.y, "mounted at %d: shows at (%g, %g)",
                  (int)rows[i].mounted, q.x, q.y);
        }
        CHECK(found == 1, "mounted at %d: one panel corner under the top-left",
              (int)rows[i].mounted);
    }
}

static void test_touch_clamped(void)
{
    struct rotate_map m = {ROTATION_90, 1080, 1920};
    struct screen_point p = rotate_touch(&m, -0.2f, 1.3f);
    CHECK(p.x == 0 && p.y == 0, "outside the panel: clamped to (0, 0), got (%g, %g)", p.x, p.y);
    p = rotate_touch(&m, NAN, 0.5f);
    CHECK(p.y == 0, "NaN lands at the edge, got %g", p.y);
}

static void test_mouse_pixels(void)
{
    static const struct {
        const char *what;
        enum rotation rotation;
        int w, h, src_w, src_h;
        float px, py, x, y;
    } rows[] = {
        {"as built, same size", ROTATION_0, 1920, 1080, 1920, 1080, 0, 0, 0, 0},
        {"as built, same size", ROTATION_0, 1920, 1080, 1920, 1080, 1919, 1079, 1919, 1079},
        {"as built, same size", ROTATION_0, 1920, 1080, 1920, 1080, 640, 360, 640, 360},
        {"HiDPI window in points", ROTATION_0, 1920, 1080, 960, 540, 480, 270, 960.5f, 540.5f},
        {"90: window's top-left", ROTATION_90, 1080, 1920, 1920, 1080, 0, 0, 1079, 0},
        {"90: window's top-right", ROTATION_90, 1080, 1920, 1920, 1080, 1919, 0, 1079, 1919},
        {"90: window's bottom-left", ROTATION_90, 1080, 1920, 1920, 1080, 0, 1079, 0, 0},
        {"90: a point", ROTATION_90, 1080, 1920, 1920, 1080, 100, 30, 1049, 100},
        {"180: top-left", ROTATION_180, 1920, 1080, 1920, 1080, 0, 0, 1919, 1079},
        {"180: a point", ROTATION_180, 1920, 1080, 1920, 1080, 100, 30, 1819, 1049},
        {"270: top-left", ROTATION_270, 1080, 1920, 1920, 1080, 0, 0, 0, 1919},
        {"270: a point", ROTATION_270, 1080, 1920, 1920, 1080, 100, 30, 30, 1819},
        {"270: portrait window", ROTATION_270, 1280, 800, 800, 1280, 799, 1279, 1279, 0},
        {"dragged outside", ROTATION_0, 1920, 1080, 1920, 1080, -40, 2000, 0, 1079},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct rotate_map m = {rows[i].rotation, rows[i].w, rows[i].h};
        struct screen_point p =
            rotate_pixel(&m, rows[i].px, rows[i].py, rows[i].src_w, rows[i].src_h);
        CHECK(fabsf(p.x - rows[i].x) < 1e-3f && fabsf(p.y - rows[i].y) < 1e-3f,
              "%s: (%g, %g) -> (%g, %g), expected (%g, %g)", rows[i].what, rows[i].px, rows[i].py,
              p.x, p.y, rows[i].x, rows[i].y);
    }
}

static void test_parse(void)
{
    static const struct {
        const char *text;
        bool ok;
        enum rotation r;
        const char *error;
    } rows[] = {
        {"0", true, ROTATION_0, NULL},
        {"90", true, ROTATION_90, NULL},
        {" 180 ", true, ROTATION_180, NULL},
        {"270", true, ROTATION_270, NULL},
        {"45", false, 0, "rotation \"45\": expected 0, 90, 180 or 270 (degrees clockwise)"},
        {"-90", false, 0, "rotation \"-90\": expected 0, 90, 180 or 270 (degrees clockwise)"},
        {"90deg", false, 0, "rotation \"90deg\": expected 0, 90, 180 or 270 (degrees clockwise)"},
        {"360", false, 0, "rotation \"360\": expected 0, 90, 180 or 270 (degrees clockwise)"},
        {"", false, 0, "rotation \"\": expected 0, 90, 180 or 270 (degrees clockwise)"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        enum rotation r = ROTATION_0;
        char err[160] = "";
        bool ok = rotation_parse(rows[i].text, &r, err, sizeof(err));
        CHECK(ok == rows[i].ok, "\"%s\": ok %d", rows[i].text, ok);
        if (ok)
            CHECK(r == rows[i].r, "\"%s\": got %d", rows[i].text, (int)r);
        else
            CHECK(strcmp(err, rows[i].error) == 0, "\"%s\": message \"%s\"", rows[i].text, err);
    }
}

int main(void)
{
    test_touch_corners();
    test_finding_the_rotation();
    test_touch_clamped();
    test_mouse_pixels();
    test_parse();
    return check_summary();
}
