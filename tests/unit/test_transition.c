/* Transitions as pure functions of progress, and gradient colours: table-driven. */
#include "check.h"
#include "render/background.h"
#include "render/transition.h"

static void test_table(void)
{
    static const struct {
        enum transition_kind kind;
        double p;
        bool rtl;
        float from_dx, from_alpha, to_dx, to_alpha;
        bool from_visible, to_visible;
    } rows[] = {
        /* A cut shows only the new slide. */
        {TRANSITION_CUT, 0.0, false, 0, 1, 0, 1, false, true},
        /* Crossfade: the old slide stays opaque below, the new one fades in over it. */
        {TRANSITION_CROSSFADE, 0.0, false, 0, 1, 0, 0, true, false},
        {TRANSITION_CROSSFADE, 0.25, false, 0, 1, 0, 0.25f, true, true},
        {TRANSITION_CROSSFADE, 0.5, true, 0, 1, 0, 0.5f, true, true},
        {TRANSITION_CROSSFADE, 1.0, false, 0, 1, 0, 1, false, true},
        /* Push, left to right reading: the new slide comes in from the right. */
        {TRANSITION_PUSH, 0.0, false, 0, 1, 1000, 1, true, true},
        {TRANSITION_PUSH, 0.5, false, -500, 1, 500, 1, true, true},
        {TRANSITION_PUSH, 1.0, false, -1000, 1, 0, 1, false, true},
        /* Push, right to left reading (Hebrew, Arabic): from the left, moving right. */
        {TRANSITION_PUSH, 0.0, true, 0, 1, -1000, 1, true, true},
        {TRANSITION_PUSH, 0.5, true, 500, 1, -500, 1, true, true},
        {TRANSITION_PUSH, 1.0, true, 1000, 1, 0, 1, false, true},
        /* Out-of-range progress is clamped. */
        {TRANSITION_PUSH, 1.7, true, 1000, 1, 0, 1, false, true},
        {TRANSITION_CROSSFADE, -0.3, false, 0, 1, 0, 0, true, false},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct transition_state s = transition_at(rows[i].kind, rows[i].p, rows[i].rtl, 1000);
        CHECK_NEAR(s.from.dx, rows[i].from_dx, 0.01, "from.dx");
        CHECK_NEAR(s.to.dx, rows[i].to_dx, 0.01, "to.dx");
        CHECK_NEAR(s.from.alpha, rows[i].from_alpha, 1e-6, "from.alpha");
        CHECK_NEAR(s.to.alpha, rows[i].to_alpha, 1e-6, "to.alpha");
        CHECK(s.from.visible == rows[i].from_visible, "row %zu: from.visible", i);
        CHECK(s.to.visible == rows[i].to_visible, "row %zu: to.visible", i);
    }
}

static void test_push_is_monotonic(void)
{
    /* The slides never move backwards or jump: each frame moves them further the same way. */
    float last = 0;
    for (int i = 1; i <= 100; i++) {
        struct transition_state s = transition_at(TRANSITION_PUSH, i / 100.0, false, 1920);
        CHECK(s.from.dx <= last, "step %d moves left", i);
        CHECK(last - s.from.dx < 1920 * 0.03f, "step %d moves less than 3%% of the width", i);
        CHECK_NEAR(s.to.dx - s.from.dx, 1920, 0.01, "the slides stay edge to edge");
        last = s.from.dx;
    }
}

static void test_gradient(void)
{
    struct background bg = {.kind = BACKGROUND_GRADIENT,
                            .from = {0, 0, 0, 255},
                            .to = {200, 100, 50, 255},
                            .angle_deg = 180};
    /* 180 degrees: from the top to the bottom, as in CSS. */
    struct color top = background_gradient_at(&bg, 16.0f / 9, 0.5f, 0.0f);
    struct color bottom = background_gradient_at(&bg, 16.0f / 9, 0.5f, 1.0f);
    struct color mid = background_gradient_at(&bg, 16.0f / 9, 0.2f, 0.5f);
    CHECK(top.r == 0 && top.g == 0, "top is the start colour");
    CHECK(bottom.r == 200 && bottom.g == 100 && bottom.b == 50, "bottom is the end colour");
    CHECK(mid.r == 100 && mid.g == 50, "the middle row is halfway (%d,%d)", mid.r, mid.g);
    /* 90 degrees: from left to right. */
    bg.angle_deg = 90;
    struct color left = background_gradient_at(&bg, 1, 0.0f, 0.3f);
    struct color right = background_gradient_at(&bg, 1, 1.0f, 0.7f);
    CHECK(left.r == 0 && right.r == 200, "left to right (%d, %d)", left.r, right.r);
    /* 135 degrees: the top-left corner is the start, the bottom-right the end, exactly. */
    bg.angle_deg = 135;
    struct color tl = background_gradient_at(&bg, 16.0f / 9, 0, 0);
    struct color br = background_gradient_at(&bg, 16.0f / 9, 1, 1);
    CHECK(tl.r == 0 && br.r == 200, "corners take the end colours (%d, %d)", tl.r, br.r);
    bg.kind = BACKGROUND_SOLID;
    struct color solid = background_gradient_at(&bg, 1, 0.9f, 0.9f);
    CHECK(solid.r == 0, "a solid background is one colour");
}

int main(void)
{
    test_table();
    test_push_is_monotonic();
    test_gradient();
    return check_summary();
}
