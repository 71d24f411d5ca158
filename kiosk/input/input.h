/* The input pipeline the loop talks to: pointer events in, actions and press feedback out.
 *
 * It runs the gesture recogniser (input/gesture.h), maps each gesture to an action for the
 * current view (input/actions.h), watches for the staff gesture (input/staff.h) and keeps the
 * idle timer (input/idle.h). Pure, no SDL: the SDL adapter (input/sdl_input.h) makes the
 * pointer events. Owned by the loop's state; single thread.
 *
 *     translate SDL event -> input_pointer() -> actions, press changes
 *     before sleeping     -> input_ms_until_due() (a long press may be pending)
 *     after waking        -> input_tick()
 *     away from the loop  -> idle_due(&in->idle, now): go back to the loop */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/actions.h"
#include "input/gesture.h"
#include "input/hit.h"
#include "input/idle.h"
#include "input/staff.h"

struct input_config {
    struct gesture_config gesture; /* px_per_mm and the thresholds */
    struct staff_sequence staff;   /* count 0: no staff gesture */
    double staff_corner_mm;        /* side of the corner squares */
    int64_t staff_window_ms;       /* the whole staff sequence within this */
    int64_t idle_timeout_ms;       /* <= 0: never go back by itself */
    int screen_w, screen_h;        /* screen pixels, as the viewer sees the screen */
};

/* The defaults of docs/touch.md: 5 mm slop, 12 mm and 50 mm/s swipes, 800 ms long press,
 * "top-left,top-right" in 20 mm corners within 10 s, 60 s idle. */
void input_config_defaults(struct input_config *cfg, double px_per_mm, int screen_w, int screen_h);

/* What to draw as pressed: the feedback that must show in the next frame. */
struct input_press {
    bool active;
    int target; /* the hit region pressed, or HIT_NONE (then a mark at x, y may show) */
    float x, y; /* screen pixels of the down point */
};

struct input {
    struct gesture_recognizer gesture;
    struct staff_recognizer staff;
    struct idle_timer idle; /* read with idle_due() and idle_ms_until_due() */
    struct input_press press;
};

#define INPUT_MAX_ACTIONS GESTURE_MAX_OUT

struct input_result {
    struct action actions[INPUT_MAX_ACTIONS]; /* in order; no ACTION_NONE among them */
    size_t count;
    bool press_changed; /* in->press changed: draw a frame now */
};

void input_init(struct input *in, const struct input_config *cfg, int64_t now_ms);

/* The screen changed size or shape (window resized): corners move; a gesture in progress is
 * abandoned. */
void input_set_screen(struct input *in, int screen_w, int screen_h, struct input_result *res);

/* One pointer event. hits: the touchable regions now on screen (may be NULL); ctx: where the
 * kiosk is. res is overwritten. */
void input_pointer(struct input *in, const struct pointer_event *ev, const struct hit_list *hits,
                   const struct action_context *ctx, struct input_result *res);

/* Time-based gestures (the long press, which may complete the staff gesture). */
void input_tick(struct input *in, int64_t now_ms, const struct action_context *ctx,
                struct input_result *res);

/* Milliseconds until input_tick has something to do, or -1. The idle timer is separate, since
 * only the loop knows whether going back would change anything. */
int64_t input_ms_until_due(const struct input *in, int64_t now_ms);

/* Abandons the gesture in progress (focus lost, the page changed under the finger by itself). */
void input_cancel(struct input *in, struct input_result *res);

/* A key or anything else that is not a pointer but means someone is there. */
void input_activity(struct input *in, int64_t now_ms);
