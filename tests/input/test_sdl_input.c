/* The SDL adapter, fed SDL_Event structs built by hand (no video initialisation): rotation,
 * the mouse, and the synthetic events SDL makes up being ignored. */
#include <string.h>

#include "check.h"
#include "input/input.h"
#include "input/sdl_input.h"

#define NOW_MS 100000
#define TICKS 5000

static SDL_Event finger(Uint32 type, SDL_TouchID touch, SDL_FingerID id, float x, float y,
                        Uint32 stamp)
{
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.tfinger.type = type;
    e.tfinger.timestamp = stamp;
    e.tfinger.touchId = touch;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    return e;
}

static SDL_Event button(Uint32 type, Uint32 which, Uint8 b, int x, int y, Uint32 stamp)
{
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.button.type = type;
    e.button.timestamp = stamp;
    e.button.which = which;
    e.button.button = b;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.x = x;
    e.button.y = y;
    return e;
}

static SDL_Event motion(Uint32 which, Uint32 state, int x, int y, Uint32 stamp)
{
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.motion.type = SDL_MOUSEMOTION;
    e.motion.timestamp = stamp;
    e.motion.which = which;
    e.motion.state = state;
    e.motion.x = x;
    e.motion.y = y;
    return e;
}

static void test_translate(void)
{
    /* A landscape panel standing as a portrait screen (touch rotation 90); the mouse is in a
     * desktop window of the screen's shape at half scale (HiDPI points). */
    struct sdl_input s;
    sdl_input_init(&s, ROTATION_90, ROTATION_0, 1080, 1920, 540, 960);

    /* Not static: the events are built by the helpers above at run time. */
    const struct {
        const char *what;
        SDL_Event ev;
        bool taken;
        enum pointer_type type;
        int64_t device, id;
        float x, y;
        int64_t t;
    } rows[] = {
        {"finger down at the panel's top-left", finger(SDL_FINGERDOWN, 3, 7, 0, 0, 4990), true,
         POINTER_DOWN, 3, 7, 1079, 0, NOW_MS - 10},
        {"finger moves", finger(SDL_FINGERMOTION, 3, 7, 1, 0, 5000), true, POINTER_MOVE, 3, 7, 1079,
         1919, NOW_MS},
        {"finger up at the panel's bottom-left", finger(SDL_FINGERUP, 3, 7, 0, 1, 4000), true,
         POINTER_UP, 3, 7, 0, 0, NOW_MS - 1000},
        {"touch made up from the mouse",
         finger(SDL_FINGERDOWN, SDL_MOUSE_TOUCHID, 0, 0.5f, 0.5f, 4990), false, 0, 0, 0, 0, 0, 0},
        {"mouse made up from touch",
         button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 10, 10, 4990), false, 0, 0,
         0, 0, 0, 0},
        {"mouse motion made up from touch",
         motion(SDL_TOUCH_MOUSEID, SDL_BUTTON_LMASK, 10, 10, 4990), false, 0, 0, 0, 0, 0, 0},
        {"left button down", button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 0, 0, 4990), true,
         POINTER_DOWN, POINTER_DEVICE_MOUSE, 0, 0.5f, 0.5f, NOW_MS - 10},
        {"left button up", button(SDL_MOUSEBUTTONUP, 0, SDL_BUTTON_LEFT, 539, 959, 4995), true,
         POINTER_UP, POINTER_DEVICE_MOUSE, 0, 1078.5f, 1918.5f, NOW_MS - 5},
        {"right button", button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_RIGHT, 10, 10, 4990), false, 0,
         0, 0, 0, 0, 0},
        {"drag", motion(0, SDL_BUTTON_LMASK, 270, 480, 4999), true, POINTER_MOVE,
         POINTER_DEVICE_MOUSE, 0, 540.5f, 960.5f, NOW_MS - 1},
        {"hover", motion(0, 0, 270, 480, 4999), false, 0, 0, 0, 0, 0, 0},
        {"right-button drag", motion(0, SDL_BUTTON_RMASK, 270, 480, 4999), false, 0, 0, 0, 0, 0, 0},
        {"no timestamp", finger(SDL_FINGERDOWN, 3, 8, 0.5f, 0.5f, 0), true, POINTER_DOWN, 3, 8, 540,
         960, NOW_MS},
        {"stamped in SDL's future", finger(SDL_FINGERDOWN, 3, 8, 0.5f, 0.5f, 5001), true,
         POINTER_DOWN, 3, 8, 540, 960, NOW_MS},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct pointer_event p;
        memset(&p, 0, sizeof(p));
        bool taken = sdl_input_translate(&s, &rows[i].ev, NOW_MS, TICKS, &p);
        CHECK(taken == rows[i].taken, "%s: taken %d", rows[i].what, taken);
        if (!taken || !rows[i].taken)
            continue;
        CHECK(p.type == rows[i].type && p.device == rows[i].device && p.id == rows[i].id,
              "%s: type %d device %lld id %lld", rows[i].what, (int)p.type, (long long)p.device,
              (long long)p.id);
        CHECK(fabsf(p.x - rows[i].x) < 1e-3f && fabsf(p.y - rows[i].y) < 1e-3f,
              "%s: at (%g, %g), expected (%g, %g)", rows[i].what, p.x, p.y, rows[i].x, rows[i].y);
        CHECK(p.t_ms == rows[i].t, "%s: t %lld, expected %lld", rows[i].what, (long long)p.t_ms,
              (long long)rows[i].t);
    }

    /* Other events are not pointer events. */
    SDL_Event other;
    memset(&other, 0, sizeof(other));
    other.type = SDL_MOUSEWHEEL;
    struct pointer_event p;
    CHECK(!sdl_input_translate(&s, &other, NOW_MS, TICKS, &p), "wheel");
    other.type = SDL_KEYDOWN;
    CHECK(!sdl_input_translate(&s, &other, NOW_MS, TICKS, &p), "key");

    /* A stamp more than 10 s old is not believed. */
    SDL_Event old = finger(SDL_FINGERDOWN, 3, 7, 0, 0, 1);
    CHECK(sdl_input_translate(&s, &old, NOW_MS, 10002, &p) && p.t_ms == NOW_MS,
          "stamped too long ago: %lld", (long long)p.t_ms);
    CHECK(sdl_input_translate(&s, &old, NOW_MS, 10001, &p) && p.t_ms == NOW_MS - 10000,
          "stamped 10 s ago: %lld", (long long)p.t_ms);

    /* SDL_GetTicks() wraps after 49 days; the age is still right. */
    SDL_Event e = finger(SDL_FINGERDOWN, 3, 7, 0, 0, 0xFFFFFFF0u);
    CHECK(sdl_input_translate(&s, &e, NOW_MS, 10, &p) && p.t_ms == NOW_MS - 26,
          "across the wrap: %lld", (long long)p.t_ms);
}

static void test_one_tap_not_two(void)
{
    /* A touchscreen tap arrives as finger events and, from SDL, as a made-up left click: the
     * kiosk must see one tap, not a tap and a click. */
    struct sdl_input s;
    sdl_input_init(&s, ROTATION_0, ROTATION_0, 1280, 800, 1280, 800);
    struct input_config cfg;
    input_config_defaults(&cfg, screen_px_per_mm_diagonal(10.1, 1280, 800), 1280, 800);
    struct input in;
    input_init(&in, &cfg, 0);
    struct action_context loop = {ACTION_VIEW_LOOP, true, true};
    const SDL_Event events[] = {
        finger(SDL_FINGERDOWN, 1, 0, 0.5f, 0.5f, 4900),
        button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 640, 400, 4900),
        finger(SDL_FINGERUP, 1, 0, 0.5f, 0.5f, 4980),
        button(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 640, 400, 4980),
    };
    int opened = 0, presses = 0;
    for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
        struct pointer_event p;
        if (!sdl_input_translate(&s, &events[i], NOW_MS, TICKS, &p))
            continue;
        struct input_result res;
        input_pointer(&in, &p, NULL, &loop, &res);
        for (size_t k = 0; k < res.count; k++)
            opened += res.actions[k].kind == ACTION_OPEN_HOME;
        presses += res.press_changed && in.press.active;
    }
    CHECK(opened == 1, "one tap opens the home page once, got %d", opened);
    CHECK(presses == 1, "one press feedback, got %d", presses);
}

int main(void)
{
    test_translate();
    test_one_tap_not_two();
    return check_summary();
}
