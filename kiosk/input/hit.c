#include "input/hit.h"

#include <math.h>
#include <stdlib.h>

#include "base/xmalloc.h"

#define MM_PER_INCH 25.4

void hit_list_init(struct hit_list *l)
{
    l->regions = NULL;
    l->count = l->capacity = 0;
}

void hit_list_free(struct hit_list *l)
{
    free(l->regions);
    hit_list_init(l);
}

void hit_list_clear(struct hit_list *l)
{
    l->count = 0;
}

void hit_list_add(struct hit_list *l, int id, float x, float y, float w, float h)
{
    if (!(w > 0) || !(h > 0))
        return;
    l->regions = xgrow(l->regions, &l->capacity, l->count + 1, sizeof(*l->regions));
    l->regions[l->count++] = (struct hit_region){.id = id, .x = x, .y = y, .w = w, .h = h};
}

int hit_at(const struct hit_list *l, float x, float y)
{
    if (!l)
        return HIT_NONE;
    /* Topmost first: the last one drawn is the one the finger sees. */
    for (size_t i = l->count; i-- > 0;) {
        const struct hit_region *r = &l->regions[i];
        if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
            return r->id;
    }
    return HIT_NONE;
}

double screen_px_per_mm_diagonal(double diagonal_in, int width_px, int height_px)
{
    if (!(diagonal_in > 0) || width_px <= 0 || height_px <= 0)
        return 0;
    double diagonal_px = hypot((double)width_px, (double)height_px);
    return diagonal_px / (diagonal_in * MM_PER_INCH);
}

double screen_px_per_mm_width(double width_mm, int width_px)
{
    if (!(width_mm > 0) || width_px <= 0)
        return 0;
    return width_px / width_mm;
}

double screen_px_per_mm(double diagonal_in, double width_mm, int width_px, int height_px)
{
    double d = screen_px_per_mm_width(width_mm, width_px);
    if (d <= 0)
        d = screen_px_per_mm_diagonal(diagonal_in, width_px, height_px);
    return d > 0 ? d : SCREEN_DEFAULT_PX_PER_MM;
}

float hit_min_size_px(double px_per_mm)
{
    return (float)(HIT_MIN_MM * px_per_mm);
}

bool hit_region_too_small(const struct hit_region *r, double px_per_mm)
{
    float min = hit_min_size_px(px_per_mm) - 0.01f;
    return r->w < min || r->h < min;
}

size_t hit_find_too_small(const struct hit_list *l, double px_per_mm, size_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (!hit_region_too_small(&l->regions[i], px_per_mm))
            continue;
        if (n < max)
            out[n] = i;
        n++;
    }
    return n;
}
