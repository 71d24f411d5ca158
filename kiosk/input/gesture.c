#include "input/gesture.h"

#include <assert.h>
#include <math.h>
#include <string.h>

/* A stroke counts as along an axis when that component is at least this many times the other:
 * within about 34 degrees of it. */
#define SWIPE_AXIS_RATIO 1.5f

void gesture_config_defaults(struct gesture_config *cfg, double px_per_mm)
{
    cfg->px_per_mm = px_per_mm;
    cfg->tap_slop_mm = GESTURE_TAP_SLOP_MM;
    cfg->swipe_min_mm = GESTURE_SWIPE_MIN_MM;
    cfg->swipe_min_speed_mm_s = GESTURE_SWIPE_MIN_SPEED_MM_S;
    cfg->long_press_ms = GESTURE_LONG_PRESS_MS;
}

void gesture_init(struct gesture_recognizer *g, const struct gesture_config *cfg)
{
    assert(cfg->px_per_mm > 0);
    memset(g, 0, sizeof(*g));
    g->cfg = *cfg;
    g->slop_px = (float)(cfg->tap_slop_mm * cfg->px_per_mm);
    g->swipe_min_px = (float)(cfg->swipe_min_mm * cfg->px_per_mm);
    g->target = HIT_NONE;
    g->last_t = INT64_MIN;
}

static struct gesture make(const struct gesture_recognizer *g, enum gesture_type type, int64_t t)
{
    return (struct gesture){
        .type = type,
        .target = g->target,
        .x = g->down_x,
        .y = g->down_y,
        .end_x = g->x,
        .end_y = g->y,
        .t_ms = t,
        .duration_ms = t - g->down_t,
        .long_press = g->long_fired,
    };
}

static size_t end_press(struct gesture_recognizer *g, enum gesture_type type, int64_t t,
                        struct gesture *out)
{
    if (!g->pressed)
        return 0;
    g->pressed = false;
    out[0] = make(g, type, t);
    return 1;
}

static bool long_press_due(const struct gesture_recognizer *g, int64_t t)
{
    return g->tracking && !g->moved && !g->spoiled && !g->long_fired &&
           t - g->down_t >= g->cfg.long_press_ms;
}

size_t gesture_tick(struct gesture_recognizer *g, int64_t now_ms, struct gesture *out)
{
    if (!long_press_due(g, now_ms))
        return 0;
    g->long_fired = true;
    /* Reported at the moment it became due, not when the loop got round to asking. */
    out[0] = make(g, GESTURE_LONG_PRESS, g->down_t + g->cfg.long_press_ms);
    return 1;
}

int64_t gesture_ms_until_due(const struct gesture_recognizer *g, int64_t now_ms)
{
    if (!g->tracking || g->moved || g->spoiled || g->long_fired)
        return -1;
    int64_t left = g->down_t + g->cfg.long_press_ms - now_ms;
    return left > 0 ? left : 0;
}

size_t gesture_cancel(struct gesture_recognizer *g, struct gesture *out)
{
    size_t n = end_press(g, GESTURE_PRESS_CANCEL, g->last_t, out);
    g->tracking = false;
    return n;
}

static bool is_followed(const struct gesture_recognizer *g, const struct pointer_event *ev)
{
    return g->tracking && ev->device == g->device && ev->id == g->id;
}

static size_t start(struct gesture_recognizer *g, const struct pointer_event *ev,
                    const struct hit_list *hits, int64_t t, struct gesture *out)
{
    g->tracking = true;
    g->device = ev->device;
    g->id = ev->id;
    g->down_x = g->x = ev->x;
    g->down_y = g->y = ev->y;
    g->down_t = g->still_t = t;
    g->target = hit_at(hits, ev->x, ev->y);
    g->pressed = true;
    g->moved = g->spoiled = g->long_fired = false;
    out[0] = make(g, GESTURE_PRESS, t);
    return 1;
}

/* Follows the finger to (x, y) at t; returns PRESS_CANCEL when it leaves the slop circle. */
static size_t follow(struct gesture_recognizer *g, float x, float y, int64_t t, struct gesture *out)
{
    g->x = x;
    g->y = y;
    if (g->moved)
        return 0;
    if (hypotf(x - g->down_x, y - g->down_y) <= g->slop_px) {
        g->still_t = t;
        return 0;
    }
    g->moved = true;
    /* A finger that has held its long press is done; only a press still showing goes off. */
    return end_press(g, GESTURE_PRESS_CANCEL, t, out);
}

static size_t swipe(struct gesture_recognizer *g, int64_t t, struct gesture *out)
{
    if (!g->moved || g->long_fired)
        return 0;
    float dx = g->x - g->down_x, dy = g->y - g->down_y;
    float ax = fabsf(dx), ay = fabsf(dy);
    bool horizontal = ax >= ay;
    float major = horizontal ? ax : ay, minor = horizontal ? ay : ax;
    if (major < g->swipe_min_px || major < SWIPE_AXIS_RATIO * minor)
        return 0;
    int64_t dt = t - g->still_t;
    float mm = (float)(major / g->cfg.px_per_mm);
    /* A stroke within one millisecond is as fast as can be measured. */
    float speed = mm * 1000.0f / (float)(dt > 0 ? dt : 1);
    if (speed < g->cfg.swipe_min_speed_mm_s)
        return 0;
    struct gesture s = make(g, GESTURE_SWIPE, t);
    s.dir = horizontal ? (dx < 0 ? SWIPE_LEFT : SWIPE_RIGHT) : (dy < 0 ? SWIPE_UP : SWIPE_DOWN);
    s.distance_mm = mm;
    s.speed_mm_s = speed;
    out[0] = s;
    return 1;
}

size_t gesture_feed(struct gesture_recognizer *g, const struct pointer_event *ev,
                    const struct hit_list *hits, struct gesture *out)
{
    /* Events from a driver that stamps them out of order are taken as happening now. */
    int64_t t = ev->t_ms > g->last_t ? ev->t_ms : g->last_t;
    g->last_t = t;
    /* Whatever comes, a long press that fell due before it happened first. */
    size_t n = gesture_tick(g, t, out);

    switch (ev->type) {
    case POINTER_DOWN:
        if (is_followed(g, ev)) {
            /* A second down without an up: the up was lost; start over. */
            n += end_press(g, GESTURE_PRESS_CANCEL, t, out + n);
            n += start(g, ev, hits, t, out + n);
        } else if (g->tracking && t - g->down_t >= g->cfg.long_press_ms) {
            /* Held that long, it is no longer a tap or a swipe being made: whoever touches
             * now is the one using the screen. */
            n += end_press(g, GESTURE_PRESS_CANCEL, t, out + n);
            n += start(g, ev, hits, t, out + n);
        } else if (g->tracking) {
            g->spoiled = true;
            n += end_press(g, GESTURE_PRESS_CANCEL, t, out + n);
        } else {
            n += start(g, ev, hits, t, out + n);
        }
        break;
    case POINTER_MOVE:
        if (is_followed(g, ev))
            n += follow(g, ev->x, ev->y, t, out + n);
        break;
    case POINTER_UP:
        if (!is_followed(g, ev))
            break;
        n += follow(g, ev->x, ev->y, t, out + n);
        g->tracking = false;
        if (g->pressed) {
            /* Still and not spoiled (a spoiled press was cancelled already). */
            bool tap = !g->long_fired;
            n += end_press(g, GESTURE_RELEASE, t, out + n);
            if (tap)
                out[n++] = make(g, GESTURE_TAP, t);
        } else {
            n += swipe(g, t, out + n);
        }
        break;
    case POINTER_CANCEL:
        if (is_followed(g, ev)) {
            n += end_press(g, GESTURE_PRESS_CANCEL, t, out + n);
            g->tracking = false;
        }
        break;
    }
    assert(n <= GESTURE_MAX_OUT);
    return n;
}
