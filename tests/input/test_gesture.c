/* The gesture recogniser: scripts of pointer events and the gestures they make, at the
 * boundaries of every threshold. Time is injected; no SDL. */
#include <string.h>

#include "check.h"
#include "input/gesture.h"

/* 4 px per mm: slop 5 mm = 20 px, swipe 12 mm = 48 px, 50 mm/s = 0.2 px per ms, long press
 * 800 ms. */
#define PX_PER_MM 4.0

/* One step of a script: 'D'own, 'M'ove, 'U'p, 'C'ancel of pointer `id`, or 'T'ick. Pointer
 * ids 1, 2, 3 are fingers of touch device 1; id 9 is the mouse. */
struct step {
    char what;
    int id;
    float x, y;
    int64_t t;
};

#define MAX_STEPS 8

struct script {
    const char *name;
    struct step steps[MAX_STEPS];
    /* Gestures in order: P press, R release, C press cancel, T tap, L long press, S< S> S^ Sv
     * swipes; separated by spaces. */
    const char *expect;
};

static void describe(const struct gesture *g, char *buf, size_t size)
{
    static const char *const codes[] = {
        [GESTURE_PRESS] = "P", [GESTURE_RELEASE] = "R", [GESTURE_PRESS_CANCEL] = "C",
        [GESTURE_TAP] = "T",   [GESTURE_SWIPE] = "S",   [GESTURE_LONG_PRESS] = "L",
    };
    static const char *const dirs[] = {
        [SWIPE_LEFT] = "<", [SWIPE_RIGHT] = ">", [SWIPE_UP] = "^", [SWIPE_DOWN] = "v"};
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s%s%s", len ? " " : "", codes[g->type],
             g->type == GESTURE_SWIPE ? dirs[g->dir] : "");
}

static struct pointer_event pointer(const struct step *s)
{
    static const enum pointer_type types[128] = {
        ['D'] = POINTER_DOWN, ['M'] = POINTER_MOVE, ['U'] = POINTER_UP, ['C'] = POINTER_CANCEL};
    return (struct pointer_event){
        .type = types[(int)s->what],
        .device = s->id == 9 ? POINTER_DEVICE_MOUSE : 1,
        .id = s->id == 9 ? 0 : s->id,
        .x = s->x,
        .y = s->y,
        .t_ms = s->t,
    };
}

static void run(const struct script *sc, const struct hit_list *hits, char *got, size_t size)
{
    struct gesture_config cfg;
    gesture_config_defaults(&cfg, PX_PER_MM);
    struct gesture_recognizer g;
    gesture_init(&g, &cfg);
    got[0] = '\0';
    for (size_t i = 0; i < MAX_STEPS && sc->steps[i].what; i++) {
        struct gesture out[GESTURE_MAX_OUT];
        size_t n;
        if (sc->steps[i].what == 'T') {
            n = gesture_tick(&g, sc->steps[i].t, out);
        } else {
            struct pointer_event ev = pointer(&sc->steps[i]);
            n = gesture_feed(&g, &ev, hits, out);
        }
        for (size_t k = 0; k < n; k++)
            describe(&out[k], got, size);
    }
}

static const struct script scripts[] = {
    /* Taps and the slop circle (20 px). */
    {"tap in place", {{'D', 1, 100, 100, 0}, {'U', 1, 100, 100, 100}}, "P R T"},
    {"tap moved exactly the slop", {{'D', 1, 100, 100, 0}, {'U', 1, 120, 100, 100}}, "P R T"},
    {"slop on a diagonal", {{'D', 1, 100, 100, 0}, {'U', 1, 112, 116, 100}}, "P R T"},
    {"moved past the slop", {{'D', 1, 100, 100, 0}, {'U', 1, 121, 100, 100}}, "P C"},
    {"wandered out and back",
     {{'D', 1, 100, 100, 0}, {'M', 1, 130, 100, 50}, {'U', 1, 100, 100, 100}},
     "P C"},
    /* The long press at 800 ms, by tick or by the next event. */
    {"lifted at 799 ms", {{'D', 1, 100, 100, 0}, {'U', 1, 100, 100, 799}}, "P R T"},
    {"lifted at 800 ms", {{'D', 1, 100, 100, 0}, {'U', 1, 100, 100, 800}}, "P L R"},
    {"tick at 799 ms", {{'D', 1, 100, 100, 0}, {'T', 0, 0, 0, 799}}, "P"},
    {"tick at 800 ms, then lifted",
     {{'D', 1, 100, 100, 0}, {'T', 0, 0, 0, 800}, {'T', 0, 0, 0, 900}, {'U', 1, 100, 100, 2000}},
     "P L R"},
    {"jitter inside the slop keeps it still",
     {{'D', 1, 100, 100, 0}, {'M', 1, 110, 95, 300}, {'M', 1, 95, 108, 600}, {'T', 0, 0, 0, 800}},
     "P L"},
    {"moved before the long press",
     {{'D', 1, 100, 100, 0}, {'M', 1, 130, 100, 700}, {'T', 0, 0, 0, 900}},
     "P C"},
    {"moved after the long press makes no swipe",
     {{'D', 1, 100, 100, 0}, {'T', 0, 0, 0, 800}, {'M', 1, 300, 100, 850}, {'U', 1, 400, 100, 900}},
     "P L C"},
    /* Swipes: 48 px and 0.2 px/ms, timed from the last still moment. */
    {"swipe left at both minimums",
     {{'D', 1, 500, 300, 0}, {'M', 1, 480, 300, 100}, {'U', 1, 452, 300, 340}},
     "P C S<"},
    {"one millisecond too slow",
     {{'D', 1, 500, 300, 0}, {'M', 1, 480, 300, 100}, {'U', 1, 452, 300, 341}},
     "P C"},
    {"one pixel too short", {{'D', 1, 500, 300, 0}, {'U', 1, 453, 300, 10}}, "P C"},
    {"swipe right", {{'D', 1, 100, 300, 0}, {'U', 1, 300, 300, 200}}, "P C S>"},
    {"swipe up", {{'D', 1, 300, 500, 0}, {'U', 1, 300, 400, 100}}, "P C S^"},
    {"swipe down", {{'D', 1, 300, 100, 0}, {'U', 1, 310, 200, 100}}, "P C Sv"},
    {"diagonal at the axis limit", {{'D', 1, 100, 100, 0}, {'U', 1, 160, 140, 100}}, "P C S>"},
    {"too diagonal", {{'D', 1, 100, 100, 0}, {'U', 1, 160, 141, 100}}, "P C"},
    {"resting, then a quick stroke",
     {{'D', 1, 100, 100, 0}, {'M', 1, 105, 100, 700}, {'U', 1, 165, 100, 780}},
     "P C S>"},
    {"a slow drag is no swipe",
     {{'D', 1, 100, 100, 0},
      {'M', 1, 130, 100, 500},
      {'M', 1, 160, 100, 1000},
      {'U', 1, 200, 100, 2200}},
     "P C"},
    /* Several pointers. */
    {"a second finger cancels the tap",
     {{'D', 1, 100, 100, 0},
      {'D', 2, 400, 100, 50},
      {'U', 1, 100, 100, 100},
      {'U', 2, 400, 100, 120}},
     "P C"},
    {"a second finger cancels the long press",
     {{'D', 1, 100, 100, 0}, {'D', 2, 400, 100, 50}, {'T', 0, 0, 0, 2000}},
     "P C"},
    {"the first finger still swipes",
     {{'D', 1, 100, 100, 0}, {'D', 2, 400, 400, 20}, {'U', 1, 300, 100, 150}},
     "P C S>"},
    {"the second finger's swipe is ignored",
     {{'D', 1, 100, 100, 0},
      {'D', 2, 100, 400, 20},
      {'M', 2, 400, 400, 60},
      {'U', 2, 400, 400, 80},
      {'U', 1, 100, 100, 200}},
     "P C"},
    {"a resting finger does not block the next touch",
     {{'D', 1, 100, 100, 0},
      {'D', 2, 5, 5, 20},
      {'U', 1, 100, 100, 100},
      {'D', 3, 200, 200, 300},
      {'U', 3, 200, 200, 400}},
     "P C P R T"},
    {"a stuck touch does not lock the screen",
     {{'D', 1, 5, 5, 0},
      {'T', 0, 0, 0, 800},
      {'D', 2, 300, 300, 5000},
      {'U', 2, 300, 300, 5100},
      {'U', 1, 5, 5, 9000}},
     "P L C P R T"},
    {"a finger down 799 ms still holds the gesture",
     {{'D', 1, 100, 100, 0},
      {'M', 1, 200, 100, 100},
      {'D', 2, 300, 300, 799},
      {'U', 2, 300, 300, 850}},
     "P C"},
    {"a finger down 800 ms hands over, moved or not",
     {{'D', 1, 100, 100, 0},
      {'M', 1, 200, 100, 100},
      {'D', 2, 300, 300, 800},
      {'U', 2, 300, 300, 850},
      {'U', 1, 400, 100, 900}},
     "P C P R T"},
    {"the mouse is one more pointer",
     {{'D', 9, 100, 100, 0}, {'D', 1, 300, 300, 30}, {'U', 9, 100, 100, 60}},
     "P C"},
    {"mouse click", {{'D', 9, 100, 100, 0}, {'U', 9, 101, 100, 90}}, "P R T"},
    /* Cancel, lost ups, unknown pointers, time going back. */
    {"cancelled", {{'D', 1, 100, 100, 0}, {'C', 1, 100, 100, 50}, {'U', 1, 100, 100, 60}}, "P C"},
    {"a lost up: the second down starts over",
     {{'D', 1, 100, 100, 0}, {'D', 1, 200, 200, 100}, {'U', 1, 200, 200, 150}},
     "P C P R T"},
    {"moves and ups of nobody", {{'M', 2, 10, 10, 0}, {'U', 2, 10, 10, 5}, {'C', 3, 0, 0, 9}}, ""},
    {"an event from the past happens now",
     {{'D', 1, 100, 100, 1000}, {'U', 1, 100, 100, 500}},
     "P R T"},
};

static void test_scripts(void)
{
    for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
        char got[128];
        run(&scripts[i], NULL, got, sizeof(got));
        CHECK(strcmp(got, scripts[i].expect) == 0, "%s: got \"%s\", expected \"%s\"",
              scripts[i].name, got, scripts[i].expect);
    }
}

static void test_targets_and_fields(void)
{
    struct hit_list hits;
    hit_list_init(&hits);
    hit_list_add(&hits, 7, 0, 0, 100, 100);
    struct gesture_config cfg;
    gesture_config_defaults(&cfg, PX_PER_MM);
    struct gesture_recognizer g;
    gesture_init(&g, &cfg);
    struct gesture out[GESTURE_MAX_OUT];

    struct pointer_event ev = {POINTER_DOWN, 1, 1, 90, 50, 1000};
    size_t n = gesture_feed(&g, &ev, &hits, out);
    CHECK(n == 1 && out[0].type == GESTURE_PRESS && out[0].target == 7, "press on button 7");
    CHECK(gesture_ms_until_due(&g, 1000) == 800, "long press due in 800 ms");
    CHECK(gesture_ms_until_due(&g, 1900) == 0, "overdue is 0");
    /* The finger leaves the button but stays within the slop: the tap is still on button 7. */
    ev = (struct pointer_event){POINTER_UP, 1, 1, 105, 50, 1200};
    n = gesture_feed(&g, &ev, &hits, out);
    CHECK(n == 2 && out[1].type == GESTURE_TAP && out[1].target == 7, "tap on button 7");
    CHECK(out[1].duration_ms == 200, "tap duration %lld", (long long)out[1].duration_ms);
    CHECK(out[1].end_x == 105 && out[1].x == 90, "tap start and end points");
    CHECK(gesture_ms_until_due(&g, 1300) == -1, "nothing pending after the tap");

    /* The long press is stamped when it fell due, however late the tick comes. */
    ev = (struct pointer_event){POINTER_DOWN, 1, 1, 500, 500, 5000};
    gesture_feed(&g, &ev, &hits, out);
    n = gesture_tick(&g, 7000, out);
    CHECK(n == 1 && out[0].t_ms == 5800 && out[0].target == HIT_NONE, "long press at 5800");
    ev = (struct pointer_event){POINTER_UP, 1, 1, 500, 500, 7100};
    n = gesture_feed(&g, &ev, &hits, out);
    CHECK(n == 1 && out[0].type == GESTURE_RELEASE && out[0].long_press, "release after long");

    /* Swipe fields. */
    ev = (struct pointer_event){POINTER_DOWN, 1, 1, 500, 500, 9000};
    gesture_feed(&g, &ev, &hits, out);
    ev = (struct pointer_event){POINTER_UP, 1, 1, 300, 510, 9200};
    n = gesture_feed(&g, &ev, &hits, out);
    CHECK(n == 2 && out[1].type == GESTURE_SWIPE && out[1].dir == SWIPE_LEFT, "swipe left");
    CHECK_NEAR(out[1].distance_mm, 50, 1e-4, "swipe distance");
    CHECK_NEAR(out[1].speed_mm_s, 250, 1e-3, "swipe speed");

    /* gesture_cancel ends a showing press once. */
    ev = (struct pointer_event){POINTER_DOWN, 1, 1, 50, 50, 10000};
    gesture_feed(&g, &ev, &hits, out);
    n = gesture_cancel(&g, out);
    CHECK(n == 1 && out[0].type == GESTURE_PRESS_CANCEL && out[0].target == 7, "cancel");
    CHECK(gesture_cancel(&g, out) == 0, "cancelled twice");
    ev = (struct pointer_event){POINTER_UP, 1, 1, 50, 50, 10100};
    CHECK(gesture_feed(&g, &ev, &hits, out) == 0, "the up of a cancelled gesture");
    hit_list_free(&hits);
}

static void test_scaled_by_screen(void)
{
    /* The same physical stroke, 15 mm in 100 ms, is a swipe on a dense and a coarse screen;
     * 10 mm is not on either. */
    const double densities[] = {3.5, 4.03, 5.88, 8.0};
    for (size_t i = 0; i < 4; i++) {
        struct gesture_config cfg;
        gesture_config_defaults(&cfg, densities[i]);
        for (int mm = 10; mm <= 15; mm += 5) {
            struct gesture_recognizer g;
            gesture_init(&g, &cfg);
            struct gesture out[GESTURE_MAX_OUT];
            struct pointer_event ev = {POINTER_DOWN, 1, 1, 400, 400, 0};
            gesture_feed(&g, &ev, NULL, out);
            ev = (struct pointer_event){POINTER_UP, 1,  1, (float)(400 + mm * densities[i]),
                                        400,        100};
            size_t n = gesture_feed(&g, &ev, NULL, out);
            bool swiped = n > 0 && out[n - 1].type == GESTURE_SWIPE;
            CHECK(swiped == (mm == 15), "%g px/mm, %d mm: swiped %d", densities[i], mm, swiped);
        }
    }
}

int main(void)
{
    test_scripts();
    test_targets_and_fields();
    test_scaled_by_screen();
    return check_summary();
}
