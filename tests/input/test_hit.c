/* Hit regions: the topmost region under a point, edges, and the 9 mm minimum on real panels. */
#include "check.h"
#include "input/hit.h"

static void test_hit_at(void)
{
    struct hit_list l;
    hit_list_init(&l);
    CHECK(hit_at(&l, 10, 10) == HIT_NONE, "empty list");
    CHECK(hit_at(NULL, 10, 10) == HIT_NONE, "no list");
    /* A card (1) with a button (2) on it, a back button (HIT_ID_BACK) overlapping the card's
     * corner, and a later region (3) laid over part of the button. */
    hit_list_add(&l, 1, 100, 100, 400, 300);
    hit_list_add(&l, 2, 150, 150, 100, 60);
    hit_list_add(&l, HIT_ID_BACK, 0, 0, 120, 120);
    hit_list_add(&l, 3, 200, 180, 100, 100);
    hit_list_add(&l, 4, 600, 600, 0, 50); /* no width: not added */
    CHECK(l.count == 4, "count %zu", l.count);

    static const struct {
        float x, y;
        int id;
    } rows[] = {
        {99.9f, 250, HIT_NONE},  /* just left of the card */
        {100, 100, HIT_ID_BACK}, /* the back button lies over the card's corner */
        {119.9f, 119.9f, HIT_ID_BACK},
        {120, 120, 1}, /* the back button ends at 120, exclusive */
        {150, 150, 2}, /* the button's own corner is inside */
        {199.9f, 200, 2},
        {200, 200, 3}, /* region 3 is on top of the button */
        {249.9f, 209.9f, 3},
        {260, 200, 3}, /* 3 reaches beyond the button */
        {299.9f, 279.9f, 3},
        {300, 279.9f, 1}, /* x + w is outside */
        {499.9f, 399.9f, 1},
        {500, 399.9f, HIT_NONE},
        {499.9f, 400, HIT_NONE},
        {610, 610, HIT_NONE}, /* the zero-width region was never added */
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        int got = hit_at(&l, rows[i].x, rows[i].y);
        CHECK(got == rows[i].id, "(%g, %g): got %d, expected %d", rows[i].x, rows[i].y, got,
              rows[i].id);
    }
    hit_list_clear(&l);
    CHECK(l.count == 0 && hit_at(&l, 150, 150) == HIT_NONE, "cleared");
    hit_list_free(&l);
}

static void test_px_per_mm(void)
{
    static const struct {
        const char *panel;
        double diagonal_in;
        int w, h;
        double px_per_mm, min_px;
    } rows[] = {
        /* The official Raspberry Pi-sized 10.1" touch panel and a 21.5" full-HD monitor. */
        {"10.1\" 1280x800", 10.1, 1280, 800, 5.88383, 52.954},
        {"10.1\" 800x1280 portrait", 10.1, 800, 1280, 5.88383, 52.954},
        {"21.5\" 1920x1080", 21.5, 1920, 1080, 4.03389, 36.305},
        {"7\" 800x480", 7, 800, 480, 5.24720, 47.225},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        double ppmm = screen_px_per_mm_diagonal(rows[i].diagonal_in, rows[i].w, rows[i].h);
        CHECK_NEAR(ppmm, rows[i].px_per_mm, 1e-5, rows[i].panel);
        CHECK_NEAR(hit_min_size_px(ppmm), rows[i].min_px, 1e-3, rows[i].panel);
    }
    /* From the width: a 21.5" 16:9 picture is 476.64 mm wide. */
    CHECK_NEAR(screen_px_per_mm_width(476.64, 1920), 4.02820, 1e-5, "width 476.64 mm");
    CHECK(screen_px_per_mm_diagonal(0, 1920, 1080) == 0, "no diagonal");
    CHECK(screen_px_per_mm_diagonal(21.5, 0, 1080) == 0, "no width");
    CHECK(screen_px_per_mm_width(-3, 1920) == 0, "negative width");
    /* From the settings: the width wins, then the diagonal, then 96 dpi. */
    CHECK_NEAR(screen_px_per_mm(21.5, 476.64, 1920, 1080), 4.02820, 1e-5, "width wins");
    CHECK_NEAR(screen_px_per_mm(21.5, 0, 1920, 1080), 4.03389, 1e-5, "diagonal");
    CHECK_NEAR(screen_px_per_mm(0, 0, 1920, 1080), 3.77953, 1e-5, "96 dpi");
}

static void test_too_small(void)
{
    /* The same buttons on both panels: 40 px is 9.9 mm on the 21.5" screen but 6.8 mm on the
     * 10.1" one; 53 px passes both; 36 px fails both. */
    struct hit_list l;
    hit_list_init(&l);
    hit_list_add(&l, 0, 0, 0, 40, 40);
    hit_list_add(&l, 1, 100, 0, 53, 53);
    hit_list_add(&l, 2, 200, 0, 36, 200); /* tall but narrow */
    hit_list_add(&l, 3, 300, 0, 200, 53);
    hit_list_add(&l, 4, 600, 0, 400, 36.2f); /* wide but low */

    double small = screen_px_per_mm_diagonal(10.1, 1280, 800);
    double large = screen_px_per_mm_diagonal(21.5, 1920, 1080);
    size_t out[8];
    size_t n = hit_find_too_small(&l, small, out, 8);
    CHECK(n == 3 && out[0] == 0 && out[1] == 2 && out[2] == 4, "10.1\": %zu too small", n);
    n = hit_find_too_small(&l, large, out, 8);
    CHECK(n == 2 && out[0] == 2 && out[1] == 4, "21.5\": %zu too small", n);
    /* Counting goes on past the room in out. */
    n = hit_find_too_small(&l, small, out, 1);
    CHECK(n == 3 && out[0] == 0, "room for one, three found");

    /* Exactly 9 mm passes; rounding to a hair under it too; a tenth of a pixel under does not. */
    struct hit_region r = {0, 0, 0, 36, 36};
    CHECK(!hit_region_too_small(&r, 4.0), "36 px at 4 px/mm is 9 mm");
    r.w = 35.995f;
    CHECK(!hit_region_too_small(&r, 4.0), "rounding");
    r.w = 35.9f;
    CHECK(hit_region_too_small(&r, 4.0), "35.9 px at 4 px/mm");
    hit_list_free(&l);
}

int main(void)
{
    test_hit_at();
    test_px_per_mm();
    test_too_small();
    return check_summary();
}
