/* Panel rotation: from where a touch panel or a mouse reports a point to where it is on the
 * screen the viewer sees.
 *
 * The rotation says how the panel is mounted, turned clockwise from its native orientation as
 * seen from the front (the same sense as libinput's calibration matrices):
 *
 *   0    as built: the panel's top edge is at the top
 *   90   its top edge is on the right   (a landscape panel standing as a portrait screen)
 *   180  upside down
 *   270  its top edge is on the left
 *
 * So with 90, a touch on the panel's own top-left corner is at the top-right of the picture.
 * Pure functions, no SDL. The screen ("logical screen") is screen_w x screen_h pixels as the
 * viewer sees it: portrait when the picture is portrait, whatever the panel's native shape. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum rotation {
    ROTATION_0 = 0,
    ROTATION_90 = 90,
    ROTATION_180 = 180,
    ROTATION_270 = 270,
};

struct rotate_map {
    enum rotation rotation;
    int screen_w, screen_h; /* the logical screen, pixels */
};

struct screen_point {
    float x, y; /* screen pixels */
};

/* "0", "90", "180" or "270" (surrounding blanks allowed). On failure writes a message such as
 * `rotation "45": expected 0, 90, 180 or 270 (degrees clockwise)` to err. */
bool rotation_parse(const char *s, enum rotation *out, char *err, size_t err_size);

/* A touch in the panel's normalised coordinates (0..1 across its native width and height, as in
 * SDL_TouchFingerEvent; values outside are clamped) to screen pixels. Results lie in
 * [0, screen_w - 1] x [0, screen_h - 1]: the panel's corners land exactly on the screen's corner
 * pixels. */
struct screen_point rotate_touch(const struct rotate_map *m, float nx, float ny);

/* A pixel position on a source grid of src_w x src_h in the panel's native orientation (a
 * mouse in a window, in the window's coordinates) to screen pixels. Pixel centres map to pixel
 * centres: with src_w x src_h equal to the screen turned by the rotation, pixel (0, 0) of the
 * source maps exactly onto a corner pixel of the screen. Scales when the sizes differ (a HiDPI
 * window reports points, not pixels). Results are clamped to the screen, as for touch. */
struct screen_point rotate_pixel(const struct rotate_map *m, float px, float py, int src_w,
                                 int src_h);
