/* The reach zone: which part of the picture a resident standing or sitting in a wheelchair can
 * touch, from how the screen is mounted (kiosk.conf: the height of the screen's bottom edge
 * above the floor, its size and orientation) and the reach range (SI 1918: by default 40 to
 * 120 cm above the floor). Pure functions; no SDL.
 *
 * The panel is taken to be 16:9 (every screen the program installs is), turned as the mounting
 * says; the playlist's picture is letterboxed into it as the player does (render/fit.h). */
#pragma once

#include <stdbool.h>

#define REACH_DEFAULT_MIN_CM 40.0
#define REACH_DEFAULT_MAX_CM 120.0
/* Without a mounting, accessible mode gathers buttons into this band of the picture (fractions
 * of its height from the top): the lower half, where most mountings put the reach range. */
#define REACH_UNKNOWN_TOP 0.5f
#define REACH_UNKNOWN_BOTTOM 0.98f

enum reach_orientation {
    REACH_ORIENTATION_AUTO,
    REACH_ORIENTATION_LANDSCAPE,
    REACH_ORIENTATION_PORTRAIT
};

struct reach_mounting {
    double bottom_cm;   /* the screen's bottom edge above the floor; <= 0: not stated */
    double diagonal_in; /* the panel's diagonal; 0: unknown */
    double width_mm;    /* the panel's width as mounted; 0: unknown (wins over the diagonal) */
    enum reach_orientation orientation; /* AUTO: as the playlist's picture */
    double min_cm, max_cm;              /* the reach range */
};

/* The band of the picture within reach, as fractions of its height from the top. */
struct reach_zone {
    float top, bottom; /* top < bottom unless empty */
    bool known;        /* from a stated mounting; false: the REACH_UNKNOWN_* band */
    bool empty;        /* no part of the picture is within reach */
};

void reach_mounting_defaults(struct reach_mounting *m);

/* True when the mounting is stated completely enough to place the picture in the room: a
 * bottom height and a size. */
bool reach_mounting_known(const struct reach_mounting *m);

/* Where the picture of a width x height playlist lies on the mounted screen: its bottom edge
 * and height above the floor, in cm. False when the mounting is not known. */
bool reach_picture_cm(const struct reach_mounting *m, int width, int height, double *bottom_cm,
                      double *height_cm);

/* The zone within reach on that mounting (the REACH_UNKNOWN_* band when it is not known). */
void reach_zone_for(const struct reach_mounting *m, int width, int height, struct reach_zone *out);

/* The heights above the floor of the top and bottom edges of box (fractions of the picture, as
 * a playlist's boxes). False when the mounting is not known. */
bool reach_box_cm(const struct reach_mounting *m, int width, int height, const float box[4],
                  double *top_cm, double *bottom_cm);

/* Whether box lies wholly within the reach range (true when the mounting is not known). */
bool reach_box_within(const struct reach_mounting *m, int width, int height, const float box[4]);
