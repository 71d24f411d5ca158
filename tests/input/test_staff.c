/* The staff gesture: sequences accepted and refused (wrong order, too slow, outside the corner,
 * interrupted), and every parse error with its exact message. */
#include <string.h>

#include "check.h"
#include "input/staff.h"

/* A 1920x1080 screen at 4 px/mm with 20 mm corners: the squares are 80 px. */
#define PX_PER_MM 4.0
#define W 1920
#define H 1080

static struct gesture long_press(float x, float y, int64_t t)
{
    return (struct gesture){.type = GESTURE_LONG_PRESS,
                            .target = HIT_NONE,
                            .x = x,
                            .y = y,
                            .end_x = x,
                            .end_y = y,
                            .t_ms = t};
}

static struct gesture other(enum gesture_type type, int64_t t)
{
    return (struct gesture){.type = type, .target = HIT_NONE, .x = 900, .y = 500, .t_ms = t};
}

/* Screen points inside each corner square, and just outside. */
#define TL_IN 10, 10
#define TR_IN 1900, 15
#define BL_IN 5, 1075
#define BR_IN 1850, 1010
#define TL_EDGE 79.9f, 79.9f
#define TR_EDGE 1840, 0
#define TL_OUT 80, 10
#define TR_OUT 1900, 80

struct press {
    char kind; /* 'L' long press at x, y; 'T' tap, 'S' swipe, 'P' press, 'R' release elsewhere */
    float x, y;
    int64_t t;
};

static void test_sequences(void)
{
    static const struct {
        const char *name;
        const char *sequence;
        struct press presses[8];
        /* For each press, whether the sequence is complete after it: '1' yes, '.' no. */
        const char *complete;
    } rows[] = {
        {"two corners", "top-left,top-right", {{'L', TL_IN, 0}, {'L', TR_IN, 3000}}, ".1"},
        {"at the corner squares' inner edges",
         "top-left,top-right",
         {{'L', TL_EDGE, 0}, {'L', TR_EDGE, 1000}},
         ".1"},
        {"exactly at the time limit",
         "top-left,top-right",
         {{'L', TL_IN, 500}, {'L', TR_IN, 10500}},
         ".1"},
        {"a millisecond too slow",
         "top-left,top-right",
         {{'L', TL_IN, 500}, {'L', TR_IN, 10501}},
         ".."},
        {"too slow, but the slow step starts over",
         "top-right,top-left,top-right",
         {{'L', TR_IN, 0},
          {'L', TL_IN, 6000},
          {'L', TR_IN, 12000},
          {'L', TL_IN, 13000},
          {'L', TR_IN, 14000}},
         "....1"},
        {"wrong order", "top-left,top-right", {{'L', TR_IN, 0}, {'L', TL_IN, 1000}}, ".."},
        {"wrong order, then right",
         "top-left,top-right",
         {{'L', TR_IN, 0}, {'L', TL_IN, 1000}, {'L', TR_IN, 2000}},
         "..1"},
        {"outside the corner", "top-left,top-right", {{'L', TL_OUT, 0}, {'L', TR_IN, 1000}}, ".."},
        {"second step outside", "top-left,top-right", {{'L', TL_IN, 0}, {'L', TR_OUT, 1000}}, ".."},
        {"other corners", "top-left,top-right", {{'L', BL_IN, 0}, {'L', BR_IN, 1000}}, ".."},
        {"three steps",
         "top-right,top-left,top-right",
         {{'L', TR_IN, 0}, {'L', TL_IN, 2000}, {'L', TR_IN, 4000}},
         "..1"},
        {"three steps, one missing",
         "top-right,top-left,top-right",
         {{'L', TR_IN, 0}, {'L', TR_IN, 2000}},
         ".."},
        {"the same corner twice",
         "bottom-right,bottom-right,bottom-left",
         {{'L', BR_IN, 0}, {'L', BR_IN, 800}, {'L', BL_IN, 1600}},
         "..1"},
        {"a tap between steps breaks it",
         "top-left,top-right",
         {{'L', TL_IN, 0}, {'T', 0, 0, 500}, {'L', TR_IN, 1000}},
         "..."},
        {"a swipe between steps breaks it",
         "top-left,top-right",
         {{'L', TL_IN, 0}, {'S', 0, 0, 500}, {'L', TR_IN, 1000}},
         "..."},
        {"presses and releases do not",
         "top-left,top-right",
         {{'L', TL_IN, 0}, {'R', 0, 0, 300}, {'P', 0, 0, 500}, {'L', TR_IN, 1300}},
         "...1"},
        {"done twice",
         "top-left,top-right",
         {{'L', TL_IN, 0},
          {'L', TR_IN, 1000},
          {'L', TR_IN, 2000},
          {'L', TL_IN, 3000},
          {'L', TR_IN, 4000}},
         ".1..1"},
        {"off", "off", {{'L', TL_IN, 0}, {'L', TR_IN, 1000}}, ".."},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct staff_sequence seq;
        char err[256];
        bool parsed = staff_sequence_parse(rows[i].sequence, &seq, err, sizeof(err));
        CHECK(parsed, "%s: %s", rows[i].name, err);
        struct staff_recognizer s;
        staff_init(&s, &seq, STAFF_CORNER_MM, PX_PER_MM, W, H, STAFF_WINDOW_MS);
        char got[16] = "";
        for (size_t k = 0; k < strlen(rows[i].complete); k++) {
            const struct press *p = &rows[i].presses[k];
            struct gesture g;
            switch (p->kind) {
            case 'L':
                g = long_press(p->x, p->y, p->t);
                break;
            case 'T':
                g = other(GESTURE_TAP, p->t);
                break;
            case 'S':
                g = other(GESTURE_SWIPE, p->t);
                break;
            case 'P':
                g = other(GESTURE_PRESS, p->t);
                break;
            default:
                g = other(GESTURE_RELEASE, p->t);
                break;
            }
            got[k] = staff_feed(&s, &g) ? '1' : '.';
        }
        CHECK(strcmp(got, rows[i].complete) == 0, "%s: got \"%s\", expected \"%s\"", rows[i].name,
              got, rows[i].complete);
    }
}

static void test_corners(void)
{
    struct staff_sequence seq = {{CORNER_TOP_LEFT, CORNER_TOP_RIGHT}, 2};
    struct staff_recognizer s;
    staff_init(&s, &seq, STAFF_CORNER_MM, PX_PER_MM, W, H, STAFF_WINDOW_MS);
    static const struct {
        float x, y;
        enum corner c;
    } rows[] = {
        {0, 0, CORNER_TOP_LEFT},       {79.9f, 79.9f, CORNER_TOP_LEFT},
        {80, 0, CORNER_NONE},          {1839.9f, 0, CORNER_NONE},
        {1840, 0, CORNER_TOP_RIGHT},   {1919, 79, CORNER_TOP_RIGHT},
        {0, 1000, CORNER_BOTTOM_LEFT}, {1919, 1079, CORNER_BOTTOM_RIGHT},
        {0, 999.9f, CORNER_NONE},      {960, 540, CORNER_NONE},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        enum corner c = staff_corner_at(&s, rows[i].x, rows[i].y);
        CHECK(c == rows[i].c, "(%g, %g): %s, expected %s", rows[i].x, rows[i].y, corner_name(c),
              corner_name(rows[i].c));
    }
    /* Portrait after a resize: the right-hand corners move. */
    staff_set_screen(&s, 1080, 1920);
    CHECK(staff_corner_at(&s, 1079, 1919) == CORNER_BOTTOM_RIGHT, "portrait bottom-right");
    CHECK(staff_corner_at(&s, 1000, 10) == CORNER_TOP_RIGHT, "portrait top-right");
    /* A screen too small for two squares: the nearer edge wins. */
    staff_set_screen(&s, 100, 100);
    CHECK(staff_corner_at(&s, 30, 70) == CORNER_BOTTOM_LEFT, "tiny screen");
    CHECK(staff_corner_at(&s, 50, 49) == CORNER_TOP_RIGHT, "tiny screen, middle");
}

static void test_parse(void)
{
    static const struct {
        const char *text;
        const char *result; /* formatted back, or the exact error */
    } rows[] = {
        {"top-left,top-right", "top-left,top-right"},
        {"  top-right , top-left,top-right  ", "top-right,top-left,top-right"},
        {"bottom-left,bottom-left", "bottom-left,bottom-left"},
        {"off", "off"},
        {" off ", "off"},
        {"top-left,top-right,bottom-left,bottom-right,top-left,top-right,bottom-left,"
         "bottom-right",
         "top-left,top-right,bottom-left,bottom-right,top-left,top-right,bottom-left,"
         "bottom-right"},
        {"", "staff gesture \"\": empty; expected corners separated by commas, such as "
             "\"top-left,top-right\", or \"off\""},
        {"   ", "staff gesture \"   \": empty; expected corners separated by commas, such as "
                "\"top-left,top-right\", or \"off\""},
        {"top-left", "staff gesture \"top-left\": one step is too easy to hit by chance; "
                     "expected at least 2 corners, such as \"top-left,top-right\""},
        {"top-left,top-middle",
         "staff gesture \"top-left,top-middle\": unknown corner \"top-middle\" (step 2); "
         "expected top-left, top-right, bottom-left or bottom-right"},
        {"Top-Left,top-right",
         "staff gesture \"Top-Left,top-right\": unknown corner \"Top-Left\" (step 1); expected "
         "top-left, top-right, bottom-left or bottom-right"},
        {"top left,top right",
         "staff gesture \"top left,top right\": unknown corner \"top left\" (step 1); expected "
         "top-left, top-right, bottom-left or bottom-right"},
        {"top-left,,top-right", "staff gesture \"top-left,,top-right\": step 2 is empty; "
                                "expected a corner name between the commas"},
        {"top-left,top-right,", "staff gesture \"top-left,top-right,\": step 3 is empty; "
                                "expected a corner name between the commas"},
        {"top-left;top-right",
         "staff gesture \"top-left;top-right\": unknown corner \"top-left;top-right\" (step 1); "
         "expected top-left, top-right, bottom-left or bottom-right"},
        {"top-left,top-right,top-left,top-right,top-left,top-right,top-left,top-right,top-left",
         "staff gesture \"top-left,top-right,top-left,top-right,top-left,top-right,top-left,"
         "top-right,top-left\": more than 8 steps"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct staff_sequence seq = {{CORNER_BOTTOM_RIGHT}, 1};
        char err[512] = "", back[256] = "";
        bool ok = staff_sequence_parse(rows[i].text, &seq, err, sizeof(err));
        if (ok) {
            staff_sequence_format(&seq, back, sizeof(back));
            CHECK(strcmp(back, rows[i].result) == 0, "\"%s\": parsed as \"%s\"", rows[i].text,
                  back);
        } else {
            CHECK(strcmp(err, rows[i].result) == 0, "\"%s\":\n  got      %s\n  expected %s",
                  rows[i].text, err, rows[i].result);
            CHECK(seq.count == 1 && seq.steps[0] == CORNER_BOTTOM_RIGHT,
                  "\"%s\": a refused string changes nothing", rows[i].text);
        }
    }
}

int main(void)
{
    test_sequences();
    test_corners();
    test_parse();
    return check_summary();
}
