#include "access/reach.h"

#include <math.h>

#define CM_PER_INCH 2.54

void reach_mounting_defaults(struct reach_mounting *m)
{
    *m = (struct reach_mounting){.min_cm = REACH_DEFAULT_MIN_CM, .max_cm = REACH_DEFAULT_MAX_CM};
}

bool reach_mounting_known(const struct reach_mounting *m)
{
    return m->bottom_cm > 0 && (m->diagonal_in > 0 || m->width_mm > 0);
}

bool reach_picture_cm(const struct reach_mounting *m, int width, int height, double *bottom_cm,
                      double *height_cm)
{
    if (!reach_mounting_known(m) || width <= 0 || height <= 0)
        return false;
    bool portrait = m->orientation == REACH_ORIENTATION_AUTO
                        ? height > width
                        : m->orientation == REACH_ORIENTATION_PORTRAIT;
    /* The panel's sides in cm, 16:9 turned as mounted. */
    double long_side, short_side;
    if (m->width_mm > 0) {
        double w = m->width_mm / 10.0;
        long_side = portrait ? w * 16.0 / 9.0 : w;
        short_side = portrait ? w : w * 9.0 / 16.0;
    } else {
        double d = m->diagonal_in * CM_PER_INCH;
        long_side = d * 16.0 / hypot(16.0, 9.0);
        short_side = d * 9.0 / hypot(16.0, 9.0);
    }
    double panel_w = portrait ? short_side : long_side;
    double panel_h = portrait ? long_side : short_side;
    /* Letterboxed as the player draws it: the whole picture, centred. */
    double scale = fmin(panel_w / width, panel_h / height);
    double pic_h = height * scale;
    *height_cm = pic_h;
    *bottom_cm = m->bottom_cm + (panel_h - pic_h) / 2;
    return true;
}

void reach_zone_for(const struct reach_mounting *m, int width, int height, struct reach_zone *out)
{
    double bottom, h;
    if (!reach_picture_cm(m, width, height, &bottom, &h)) {
        *out = (struct reach_zone){.top = REACH_UNKNOWN_TOP, .bottom = REACH_UNKNOWN_BOTTOM};
        return;
    }
    /* Heights above the floor become fractions from the picture's top. */
    double top = 1.0 - (m->max_cm - bottom) / h, low = 1.0 - (m->min_cm - bottom) / h;
    top = fmax(0.0, fmin(1.0, top));
    low = fmax(0.0, fmin(1.0, low));
    *out = (struct reach_zone){.top = (float)top, .bottom = (float)low, .known = true};
    out->empty = out->bottom - out->top < 0.02f;
}

bool reach_box_cm(const struct reach_mounting *m, int width, int height, const float box[4],
                  double *top_cm, double *bottom_cm)
{
    double bottom, h;
    if (!reach_picture_cm(m, width, height, &bottom, &h))
        return false;
    *top_cm = bottom + (1.0 - box[1]) * h;
    *bottom_cm = bottom + (1.0 - (box[1] + box[3])) * h;
    return true;
}

bool reach_box_within(const struct reach_mounting *m, int width, int height, const float box[4])
{
    double top, bottom;
    if (!reach_box_cm(m, width, height, box, &top, &bottom))
        return true;
    /* A millimetre's grace: a box drawn exactly at the limit is not reported for rounding. */
    return top <= m->max_cm + 0.1 && bottom >= m->min_cm - 0.1;
}
