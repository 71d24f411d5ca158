#include "input/sdl_input.h"

/* An event stamped longer ago than this is not trusted to be stamped at all (a test or another
 * thread pushing events with a zero timestamp). */
#define MAX_EVENT_AGE_MS 10000

void sdl_input_init(struct sdl_input *s, enum rotation touch_rotation, enum rotation mouse_rotation,
                    int screen_w, int screen_h, int window_w, int window_h)
{
    s->touch = (struct rotate_map){touch_rotation, screen_w, screen_h};
    s->mouse = (struct rotate_map){mouse_rotation, screen_w, screen_h};
    s->window_w = window_w;
    s->window_h = window_h;
}

static int64_t event_time(uint32_t stamp, int64_t now_ms, uint32_t ticks_now)
{
    /* Unsigned difference: right across the 49-day wrap of SDL_GetTicks(). */
    uint32_t age = ticks_now - stamp;
    if (stamp == 0 || age > MAX_EVENT_AGE_MS)
        return now_ms;
    return now_ms - (int64_t)age;
}

static bool mouse_point(const struct sdl_input *s, int x, int y, struct pointer_event *out)
{
    struct screen_point p = rotate_pixel(&s->mouse, (float)x, (float)y, s->window_w, s->window_h);
    out->device = POINTER_DEVICE_MOUSE;
    out->id = 0;
    out->x = p.x;
    out->y = p.y;
    return true;
}

bool sdl_input_translate(const struct sdl_input *s, const SDL_Event *ev, int64_t now_ms,
                         uint32_t sdl_ticks_now, struct pointer_event *out)
{
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return false;
        out->type = ev->type == SDL_MOUSEBUTTONDOWN ? POINTER_DOWN : POINTER_UP;
        out->t_ms = event_time(ev->button.timestamp, now_ms, sdl_ticks_now);
        return mouse_point(s, ev->button.x, ev->button.y, out);
    case SDL_MOUSEMOTION:
        /* Hovering is no gesture: only a drag with the left button held. */
        if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
            return false;
        out->type = POINTER_MOVE;
        out->t_ms = event_time(ev->motion.timestamp, now_ms, sdl_ticks_now);
        return mouse_point(s, ev->motion.x, ev->motion.y, out);
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        const SDL_TouchFingerEvent *f = &ev->tfinger;
        if (f->touchId == SDL_MOUSE_TOUCHID)
            return false;
        out->type = ev->type == SDL_FINGERDOWN ? POINTER_DOWN
                    : ev->type == SDL_FINGERUP ? POINTER_UP
                                               : POINTER_MOVE;
        out->device = (int64_t)f->touchId;
        out->id = (int64_t)f->fingerId;
        struct screen_point p = rotate_touch(&s->touch, f->x, f->y);
        out->x = p.x;
        out->y = p.y;
        out->t_ms = event_time(f->timestamp, now_ms, sdl_ticks_now);
        return true;
    }
    default:
        return false;
    }
}
