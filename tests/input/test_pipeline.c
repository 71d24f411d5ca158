/* The whole pure pipeline (input/input.h): pointer events in, actions and press feedback out,
 * with the staff gesture and the idle timer alongside. Time injected, no SDL. */
#include <string.h>

#include "check.h"
#include "input/input.h"

/* A 21.5" 1920x1080 screen. */
#define W 1920
#define H 1080

static struct input_config config(void)
{
    struct input_config cfg;
    input_config_defaults(&cfg, screen_px_per_mm_diagonal(21.5, W, H), W, H);
    return cfg;
}

static struct pointer_event ev(enum pointer_type type, int id, float x, float y, int64_t t)
{
    return (struct pointer_event){type, 1, id, x, y, t};
}

/* The actions of res as "next", "activate:3", ... separated by spaces, appended to buf. */
static void describe(const struct input_result *res, char *buf, size_t size)
{
    for (size_t i = 0; i < res->count; i++) {
        size_t len = strlen(buf);
        const struct action *a = &res->actions[i];
        if (a->kind == ACTION_ACTIVATE)
            snprintf(buf + len, size - len, "%sactivate:%d", len ? " " : "", a->button);
        else
            snprintf(buf + len, size - len, "%s%s", len ? " " : "", action_name(a->kind));
    }
}

static void test_loop_and_pages(void)
{
    struct input_config cfg = config();
    struct input in;
    input_init(&in, &cfg, 0);
    struct hit_list hits;
    hit_list_init(&hits);
    struct input_result res;
    char got[128] = "";

    /* The loop in Hebrew: press feedback at once, then the tap opens the home page. */
    struct action_context loop = {ACTION_VIEW_LOOP, true, true};
    struct pointer_event e = ev(POINTER_DOWN, 0, 960, 540, 1000);
    input_pointer(&in, &e, &hits, &loop, &res);
    CHECK(res.count == 0 && res.press_changed, "press changes the picture");
    CHECK(in.press.active && in.press.target == HIT_NONE && in.press.x == 960, "press showing");
    e = ev(POINTER_UP, 0, 962, 541, 1090);
    input_pointer(&in, &e, &hits, &loop, &res);
    describe(&res, got, sizeof(got));
    CHECK(strcmp(got, "open-home") == 0 && res.press_changed && !in.press.active,
          "tap on the loop: %s", got);

    /* A page in Hebrew with a button and a back button; a swipe to the right is the next
     * page. */
    struct action_context page = {ACTION_VIEW_PAGE, true, true};
    hit_list_add(&hits, 3, 100, 100, 300, 120);
    hit_list_add(&hits, HIT_ID_BACK, 1700, 20, 200, 100);
    got[0] = '\0';
    static const struct pointer_event script[] = {
        {POINTER_DOWN, 1, 0, 200, 150, 2000},
        {POINTER_UP, 1, 0, 203, 150, 2080},
        {POINTER_DOWN, 1, 0, 1800, 50, 3000},
        {POINTER_UP, 1, 0, 1800, 50, 3100},
        {POINTER_DOWN, 1, 0, 500, 600, 4000},
        {POINTER_MOVE, 1, 0, 700, 610, 4100},
        {POINTER_UP, 1, 0, 900, 620, 4200},
        {POINTER_DOWN, 1, 0, 900, 600, 5000},
        {POINTER_UP, 1, 0, 500, 600, 5200},
        /* A slow press on the button, lifted after 1.5 s. */
        {POINTER_DOWN, 1, 0, 150, 200, 6000},
        {POINTER_UP, 1, 0, 150, 200, 7500},
    };
    for (size_t i = 0; i < sizeof(script) / sizeof(script[0]); i++) {
        input_pointer(&in, &script[i], &hits, &page, &res);
        describe(&res, got, sizeof(got));
    }
    CHECK(strcmp(got, "activate:3 back next prev activate:3") == 0, "page: %s", got);

    /* The same swipes in English go the other way. */
    struct action_context page_en = {ACTION_VIEW_PAGE, false, true};
    got[0] = '\0';
    for (size_t i = 4; i < 9; i++) {
        struct pointer_event later = script[i];
        later.t_ms += 10000;
        input_pointer(&in, &later, &hits, &page_en, &res);
        describe(&res, got, sizeof(got));
    }
    CHECK(strcmp(got, "prev next") == 0, "English page: %s", got);

    /* Every pointer event was activity: idle counts from the last one. */
    CHECK(in.idle.last_ms == 15200, "last activity %lld", (long long)in.idle.last_ms);
    CHECK(!idle_due(&in.idle, 75199) && idle_due(&in.idle, 75200), "idle at 60 s");
    input_activity(&in, 80000);
    CHECK(idle_ms_until_due(&in.idle, 80000) == 60000, "a key restarts the idle time");
    hit_list_free(&hits);
}

static void test_staff_through_ticks(void)
{
    struct input_config cfg = config();
    struct input in;
    input_init(&in, &cfg, 0);
    struct action_context loop = {ACTION_VIEW_LOOP, false, true};
    struct input_result res;
    char got[128] = "";

    /* Long press in the top-left corner: the loop's tick fires it, nothing else happens. */
    struct pointer_event e = ev(POINTER_DOWN, 0, 20, 20, 1000);
    input_pointer(&in, &e, NULL, &loop, &res);
    CHECK(input_ms_until_due(&in, 1000) == 800, "long press due in %lld ms",
          (long long)input_ms_until_due(&in, 1000));
    input_tick(&in, 1799, &loop, &res);
    CHECK(res.count == 0, "not yet");
    input_tick(&in, 1800, &loop, &res);
    CHECK(res.count == 0, "first step: no action");
    e = ev(POINTER_UP, 0, 20, 20, 2500);
    input_pointer(&in, &e, NULL, &loop, &res);
    CHECK(res.count == 0, "lifting a long press on the loop opens nothing");
    /* Top-right: the staff status page. */
    e = ev(POINTER_DOWN, 0, W - 10, 30, 4000);
    input_pointer(&in, &e, NULL, &loop, &res);
    input_tick(&in, 4800, &loop, &res);
    describe(&res, got, sizeof(got));
    CHECK(strcmp(got, "staff-status") == 0, "staff gesture: \"%s\"", got);
    e = ev(POINTER_UP, 0, W - 10, 30, 5000);
    input_pointer(&in, &e, NULL, &loop, &res);
    CHECK(res.count == 0, "lifting after the staff gesture");

    /* With both hands: the first corner still held while the second is pressed. */
    got[0] = '\0';
    static const struct pointer_event hands[] = {
        {POINTER_DOWN, 1, 0, 20, 20, 20000},
        {POINTER_DOWN, 1, 1, W - 10, 30, 21000},
        {POINTER_UP, 1, 1, W - 10, 30, 22000},
        {POINTER_UP, 1, 0, 20, 20, 22100},
    };
    for (size_t i = 0; i < 4; i++) {
        input_pointer(&in, &hands[i], NULL, &loop, &res);
        describe(&res, got, sizeof(got));
    }
    CHECK(strcmp(got, "staff-status") == 0, "staff gesture with both hands: \"%s\"", got);

    /* Off: the same presses do nothing. */
    cfg.staff.count = 0;
    input_init(&in, &cfg, 0);
    got[0] = '\0';
    static const struct pointer_event script[] = {
        {POINTER_DOWN, 1, 0, 20, 20, 1000},
        {POINTER_UP, 1, 0, 20, 20, 2000},
        {POINTER_DOWN, 1, 0, W - 10, 30, 3000},
        {POINTER_UP, 1, 0, W - 10, 30, 4000},
    };
    for (size_t i = 0; i < 4; i++) {
        input_pointer(&in, &script[i], NULL, &loop, &res);
        describe(&res, got, sizeof(got));
    }
    CHECK(got[0] == '\0', "staff gesture off: \"%s\"", got);
}

static void test_cancel_and_resize(void)
{
    struct input_config cfg = config();
    struct input in;
    input_init(&in, &cfg, 0);
    struct action_context page = {ACTION_VIEW_PAGE, false, true};
    struct hit_list hits;
    hit_list_init(&hits);
    hit_list_add(&hits, 1, 0, 0, 200, 200);
    struct input_result res;
    struct pointer_event e = ev(POINTER_DOWN, 0, 50, 50, 1000);
    input_pointer(&in, &e, &hits, &page, &res);
    CHECK(in.press.active && in.press.target == 1, "pressing button 1");
    input_set_screen(&in, H, W, &res);
    CHECK(res.press_changed && !in.press.active && res.count == 0, "a resize cancels the press");
    CHECK(input_ms_until_due(&in, 1000) == -1, "no long press pending after the cancel");
    e = ev(POINTER_UP, 0, 50, 50, 1100);
    input_pointer(&in, &e, &hits, &page, &res);
    CHECK(res.count == 0 && !res.press_changed, "the lift of a cancelled press does nothing");
    CHECK(in.staff.screen_w == H && in.staff.screen_h == W, "staff corners follow the screen");
    input_cancel(&in, &res);
    CHECK(!res.press_changed, "nothing to cancel");
    hit_list_free(&hits);
}

int main(void)
{
    test_loop_and_pages();
    test_staff_through_ticks();
    test_cancel_and_resize();
    return check_summary();
}
