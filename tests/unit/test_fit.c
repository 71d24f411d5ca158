/* Image geometry: decode sizes, cover/contain placement with focus and pan/zoom, letterbox. */
#include "check.h"
#include "render/fit.h"

static struct image_ref image(enum image_fit fit, float fx, float fy)
{
    struct image_ref r = {.fit = fit, .focus = {fx, fy}};
    return r;
}

static void test_decode_size(void)
{
    static const struct {
        enum image_fit fit;
        float zoom;
        int img_w, img_h, out_w, out_h, max_tex;
        int dec_w, dec_h;
    } rows[] = {
        /* A 12-MP 4:3 photo on 1080p, cover: width 1920 is not enough, height 1080 rules. */
        {IMAGE_FIT_COVER, 1.0f, 4000, 3000, 1920, 1080, 4096, 1920, 1440},
        /* Contain: the width rules. */
        {IMAGE_FIT_CONTAIN, 1.0f, 4000, 3000, 1920, 1080, 4096, 1440, 1080},
        /* A zoom to 1.5 needs 1.5 times the pixels to stay sharp. */
        {IMAGE_FIT_COVER, 1.5f, 4000, 3000, 1920, 1080, 4096, 2880, 2160},
        /* Never larger than the image: the GPU enlarges. */
        {IMAGE_FIT_COVER, 1.0f, 800, 600, 1920, 1080, 4096, 800, 600},
        /* Portrait screen, portrait photo. */
        {IMAGE_FIT_COVER, 1.0f, 3000, 4000, 1080, 1920, 4096, 1440, 1920},
        /* Capped at the largest texture, keeping the aspect. */
        {IMAGE_FIT_COVER, 2.0f, 12000, 3000, 3840, 2160, 4096, 4096, 1024},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct image_ref r = image(rows[i].fit, 0.5f, 0.5f);
        if (rows[i].zoom != 1.0f)
            r.pan_zoom =
                (struct pan_zoom){.enabled = true, .zoom_from = 1.0f, .zoom_to = rows[i].zoom};
        int w, h;
        fit_decode_size(&r, rows[i].img_w, rows[i].img_h, rows[i].out_w, rows[i].out_h,
                        rows[i].max_tex, &w, &h);
        CHECK(w == rows[i].dec_w && h == rows[i].dec_h, "row %zu: %dx%d, expected %dx%d", i, w, h,
              rows[i].dec_w, rows[i].dec_h);
    }
}

static void test_cover_focus(void)
{
    /* A 1920x1440 texture on 1920x1080: 360 rows are cropped; the focus picks which. */
    struct rectf src, dst;
    struct image_ref r = image(IMAGE_FIT_COVER, 0.5f, 0.5f);
    fit_place(&r, 1920, 1440, 1920, 1080, 0, &src, &dst);
    CHECK_NEAR(src.y, 180, 0.01, "centred crop");
    CHECK_NEAR(src.h, 1080, 0.01, "crop height");
    CHECK(dst.x == 0 && dst.y == 0 && dst.w == 1920 && dst.h == 1080, "fills the screen");
    r.focus[1] = 0.0f;
    fit_place(&r, 1920, 1440, 1920, 1080, 0, &src, &dst);
    CHECK_NEAR(src.y, 0, 0.01, "focus at the top keeps the top");
    r.focus[1] = 1.0f;
    fit_place(&r, 1920, 1440, 1920, 1080, 0, &src, &dst);
    CHECK_NEAR(src.y, 360, 0.01, "focus at the bottom keeps the bottom");
    r.focus[1] = 0.6f; /* 0.6*1440 - 540 = 324 */
    fit_place(&r, 1920, 1440, 1920, 1080, 0, &src, &dst);
    CHECK_NEAR(src.y, 324, 0.01, "focus 0.6");
}

static void test_contain(void)
{
    struct rectf src, dst;
    struct image_ref r = image(IMAGE_FIT_CONTAIN, 0.5f, 0.5f);
    fit_place(&r, 1440, 1080, 1920, 1080, 0, &src, &dst);
    CHECK_NEAR(dst.x, 240, 0.01, "pillarboxed, centred");
    CHECK_NEAR(dst.w, 1440, 0.01, "whole width shown");
    CHECK(src.w == 1440 && src.h == 1080, "whole image");
}

static void test_pan_zoom(void)
{
    struct rectf src, dst;
    struct image_ref r = image(IMAGE_FIT_COVER, 0.5f, 0.5f);
    r.pan_zoom = (struct pan_zoom){.enabled = true,
                                   .zoom_from = 1.0f,
                                   .zoom_to = 2.0f,
                                   .focus_from = {0.0f, 0.5f},
                                   .focus_to = {1.0f, 0.5f}};
    fit_place(&r, 3840, 2160, 1920, 1080, 0.0, &src, &dst);
    CHECK_NEAR(src.w, 3840, 0.01, "starts at zoom 1");
    fit_place(&r, 3840, 2160, 1920, 1080, 1.0, &src, &dst);
    CHECK_NEAR(src.w, 1920, 0.01, "ends at zoom 2");
    CHECK_NEAR(src.x, 1920, 0.01, "ends at the right edge");
    fit_place(&r, 3840, 2160, 1920, 1080, 0.5, &src, &dst);
    CHECK_NEAR(src.w, (3840 + 1920) / 2.0, 0.01, "the framing halfway between first and last");
    CHECK(src.x >= 0 && src.x + src.w <= 3840 + 0.01, "never outside the texture");
    /* Smoothness at 60 frames a second over 8 seconds: every frame moves the same distance
     * (no jerk where the framing meets the image's edge) and never backwards. */
    float last = -1, first_step = -1;
    for (int i = 0; i <= 480; i++) {
        fit_place(&r, 3840, 2160, 1920, 1080, i / 480.0, &src, &dst);
        CHECK(src.x >= 0 && src.y >= 0 && src.x + src.w <= 3840.01f && src.y + src.h <= 2160.01f,
              "frame %d stays inside the image", i);
        if (last >= 0) {
            float step = src.x - last;
            if (first_step < 0)
                first_step = step;
            CHECK(step >= 0 && fabsf(step - first_step) < 0.01f, "frame %d moves %.3f, not %.3f", i,
                  step, first_step);
        }
        last = src.x;
    }
}

static void test_decode_plan(void)
{
    /* Cover without pan/zoom keeps only the screen-shaped window: screen-sized textures. */
    struct decode_plan p;
    struct image_ref r = image(IMAGE_FIT_COVER, 0.5f, 0.5f);
    fit_decode_plan(&r, 4000, 3000, 1920, 1080, 4096, &p);
    CHECK(p.w == 1920 && p.h == 1440, "scaled as for cover: %dx%d", p.w, p.h);
    CHECK(p.region.x == 0 && p.region.y == 180 && p.region.w == 1920 && p.region.h == 1080,
          "the centred window: %dx%d+%d+%d", p.region.w, p.region.h, p.region.x, p.region.y);
    r.focus[1] = 1.0f;
    fit_decode_plan(&r, 4000, 3000, 1920, 1080, 4096, &p);
    CHECK(p.region.y == 360 && p.region.h == 1080, "focus at the bottom keeps the bottom: +%d",
          p.region.y);
    r.focus[1] = 0.6f;
    fit_decode_plan(&r, 4000, 3000, 1920, 1080, 4096, &p);
    CHECK(p.region.y == 324, "focus 0.6: +%d", p.region.y);
    /* A picture of the screen's own shape is kept whole. */
    fit_decode_plan(&r, 3840, 2160, 1920, 1080, 4096, &p);
    CHECK(p.w == 1920 && p.h == 1080 && p.region.w == 0, "same aspect: no region");
    /* Contain and pan/zoom need the whole picture. */
    r = image(IMAGE_FIT_CONTAIN, 0.5f, 0.5f);
    fit_decode_plan(&r, 4000, 3000, 1920, 1080, 4096, &p);
    CHECK(p.region.w == 0 && p.w == 1440 && p.h == 1080, "contain: whole, %dx%d", p.w, p.h);
    r = image(IMAGE_FIT_COVER, 0.5f, 0.5f);
    r.pan_zoom = (struct pan_zoom){.enabled = true,
                                   .zoom_from = 1,
                                   .zoom_to = 1.2f,
                                   .focus_from = {0.5f, 0.5f},
                                   .focus_to = {0.5f, 0.5f}};
    fit_decode_plan(&r, 4000, 3000, 1920, 1080, 4096, &p);
    CHECK(p.region.w == 0, "pan/zoom: whole");
    /* A small picture is not enlarged: the window is in its own pixels. */
    r = image(IMAGE_FIT_COVER, 0.5f, 0.5f);
    fit_decode_plan(&r, 800, 800, 1920, 1080, 4096, &p);
    CHECK(p.w == 800 && p.h == 800 && p.region.w == 800 && p.region.h == 450 && p.region.y == 175,
          "small square picture: %dx%d+%d+%d", p.region.w, p.region.h, p.region.x, p.region.y);
}

static void test_letterbox(void)
{
    struct letterbox lb = fit_letterbox(1920, 1080, 1280, 720);
    CHECK(lb.x == 0 && lb.y == 0 && lb.w == 1280 && lb.h == 720, "same aspect fills");
    lb = fit_letterbox(1080, 1920, 1920, 1080);
    CHECK(lb.h == 1080 && lb.w == 608 && lb.x == 656, "portrait on landscape: %dx%d+%d", lb.w, lb.h,
          lb.x);
    lb = fit_letterbox(1920, 1080, 1000, 1000);
    CHECK(lb.w == 1000 && lb.h == 563 && lb.y == 218, "letterboxed: %dx%d+%d", lb.w, lb.h, lb.y);
}

int main(void)
{
    test_decode_size();
    test_cover_focus();
    test_contain();
    test_pan_zoom();
    test_decode_plan();
    test_letterbox();
    return check_summary();
}
