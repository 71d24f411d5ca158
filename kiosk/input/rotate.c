#include "input/rotate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool rotation_parse(const char *s, enum rotation *out, char *err, size_t err_size)
{
    static const enum rotation all[] = {ROTATION_0, ROTATION_90, ROTATION_180, ROTATION_270};
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        char want[8];
        snprintf(want, sizeof(want), "%d", (int)all[i]);
        if (n == strlen(want) && memcmp(p, want, n) == 0) {
            *out = all[i];
            return true;
        }
    }
    snprintf(err, err_size, "rotation \"%s\": expected 0, 90, 180 or 270 (degrees clockwise)", s);
    return false;
}

static float clamp01(float v)
{
    /* NaN from a broken driver lands at 0 rather than poisoning hit tests. */
    return v > 0 ? (v < 1 ? v : 1) : 0;
}

/* The panel's normalised point (u, v) as a fraction of the screen's width and height. */
static struct screen_point turn(enum rotation r, float u, float v)
{
    switch (r) {
    case ROTATION_90:
        return (struct screen_point){1 - v, u};
    case ROTATION_180:
        return (struct screen_point){1 - u, 1 - v};
    case ROTATION_270:
        return (struct screen_point){v, 1 - u};
    case ROTATION_0:
    default:
        return (struct screen_point){u, v};
    }
}

static float clamp_px(float v, int size)
{
    float max = size > 1 ? (float)(size - 1) : 0;
    return v > 0 ? (v < max ? v : max) : 0;
}

struct screen_point rotate_touch(const struct rotate_map *m, float nx, float ny)
{
    struct screen_point f = turn(m->rotation, clamp01(nx), clamp01(ny));
    return (struct screen_point){clamp_px(f.x * m->screen_w, m->screen_w),
                                 clamp_px(f.y * m->screen_h, m->screen_h)};
}

struct screen_point rotate_pixel(const struct rotate_map *m, float px, float py, int src_w,
                                 int src_h)
{
    if (src_w <= 0 || src_h <= 0)
        return (struct screen_point){0, 0};
    /* Through the centre of the pixel, so that pixel grids turn onto each other exactly. */
    struct screen_point f = turn(m->rotation, (px + 0.5f) / src_w, (py + 0.5f) / src_h);
    /* A captured mouse dragged past the window's edge reports points outside it. */
    return (struct screen_point){clamp_px(f.x * m->screen_w - 0.5f, m->screen_w),
                                 clamp_px(f.y * m->screen_h - 0.5f, m->screen_h)};
}
