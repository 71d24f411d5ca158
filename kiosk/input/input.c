#include "input/input.h"

#include <string.h>

void input_config_defaults(struct input_config *cfg, double px_per_mm, int screen_w, int screen_h)
{
    memset(cfg, 0, sizeof(*cfg));
    gesture_config_defaults(&cfg->gesture, px_per_mm);
    cfg->staff.steps[0] = CORNER_TOP_LEFT;
    cfg->staff.steps[1] = CORNER_TOP_RIGHT;
    cfg->staff.count = 2;
    cfg->staff_corner_mm = STAFF_CORNER_MM;
    cfg->staff_window_ms = STAFF_WINDOW_MS;
    cfg->idle_timeout_ms = IDLE_TIMEOUT_MS;
    cfg->screen_w = screen_w;
    cfg->screen_h = screen_h;
}

void input_init(struct input *in, const struct input_config *cfg, int64_t now_ms)
{
    memset(in, 0, sizeof(*in));
    gesture_init(&in->gesture, &cfg->gesture);
    staff_init(&in->staff, &cfg->staff, cfg->staff_corner_mm, cfg->gesture.px_per_mm, cfg->screen_w,
               cfg->screen_h, cfg->staff_window_ms);
    idle_init(&in->idle, cfg->idle_timeout_ms, now_ms);
    in->press.target = HIT_NONE;
}

static void reset(struct input_result *res)
{
    res->count = 0;
    res->press_changed = false;
}

static void push(struct input_result *res, struct action a)
{
    if (a.kind != ACTION_NONE && res->count < INPUT_MAX_ACTIONS)
        res->actions[res->count++] = a;
}

static void dispatch(struct input *in, const struct gesture *g, size_t n,
                     const struct action_context *ctx, struct input_result *res)
{
    for (size_t i = 0; i < n; i++) {
        switch (g[i].type) {
        case GESTURE_PRESS:
            in->press = (struct input_press){true, g[i].target, g[i].x, g[i].y};
            res->press_changed = true;
            break;
        case GESTURE_RELEASE:
        case GESTURE_PRESS_CANCEL:
            in->press.active = false;
            res->press_changed = true;
            break;
        default:
            break;
        }
        push(res, action_for_gesture(ctx, &g[i]));
        if (staff_feed(&in->staff, &g[i]))
            push(res, (struct action){.kind = ACTION_STAFF_STATUS, .button = HIT_NONE});
    }
}

void input_pointer(struct input *in, const struct pointer_event *ev, const struct hit_list *hits,
                   const struct action_context *ctx, struct input_result *res)
{
    reset(res);
    idle_activity(&in->idle, ev->t_ms);
    struct gesture g[GESTURE_MAX_OUT];
    size_t n = gesture_feed(&in->gesture, ev, hits, g);
    dispatch(in, g, n, ctx, res);
}

void input_tick(struct input *in, int64_t now_ms, const struct action_context *ctx,
                struct input_result *res)
{
    reset(res);
    struct gesture g[GESTURE_MAX_OUT];
    size_t n = gesture_tick(&in->gesture, now_ms, g);
    dispatch(in, g, n, ctx, res);
}

int64_t input_ms_until_due(const struct input *in, int64_t now_ms)
{
    return gesture_ms_until_due(&in->gesture, now_ms);
}

void input_cancel(struct input *in, struct input_result *res)
{
    reset(res);
    struct gesture g[GESTURE_MAX_OUT];
    size_t n = gesture_cancel(&in->gesture, g);
    /* Cancelling maps to no action; only the press feedback goes. */
    static const struct action_context none = {.view = ACTION_VIEW_PAGE};
    dispatch(in, g, n, &none, res);
}

void input_set_screen(struct input *in, int screen_w, int screen_h, struct input_result *res)
{
    input_cancel(in, res);
    staff_set_screen(&in->staff, screen_w, screen_h);
}

void input_activity(struct input *in, int64_t now_ms)
{
    idle_activity(&in->idle, now_ms);
}
