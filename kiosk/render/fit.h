/* Image geometry: how an image fills the screen (cover or contain, focal point, pan/zoom), and
 * what size to decode it to. Pure functions, no SDL, tested without a screen. */
#pragma once

#include "media/decode.h"
#include "playlist/playlist.h"

struct rectf {
    float x, y, w, h;
};

/* Decode size for an image of display size img_w x img_h shown on an out_w x out_h output:
 * the smallest size that never needs upscaling on screen (at the largest zoom of its pan/zoom),
 * never larger than the image itself, and at most max_texture on each side. */
void fit_decode_size(const struct image_ref *img, int img_w, int img_h, int out_w, int out_h,
                     int max_texture, int *dec_w, int *dec_h);

/* What to decode for an image: the picture scaled to w x h (fit_decode_size), and of it only
 * `region` when the rest would never be on screen: a cover-fitted image without pan/zoom shows a
 * screen-shaped window around its focus, so its texture is screen-sized, not larger. region.w is
 * 0 when the whole picture is kept. */
struct decode_plan {
    int w, h;
    struct image_region region;
};
void fit_decode_plan(const struct image_ref *img, int img_w, int img_h, int out_w, int out_h,
                     int max_texture, struct decode_plan *plan);

/* Where the image goes at t (0..1 through its pan/zoom; ignored without one): src is the part of
 * the texture to show (texture pixel units of a tex_w x tex_h texture), dst where on the
 * out_w x out_h output. Cover fills the output, cropping around the focal point; contain
 * letterboxes inside it. */
void fit_place(const struct image_ref *img, int tex_w, int tex_h, int out_w, int out_h, double t,
               struct rectf *src, struct rectf *dst);

/* Letterbox of a design size into a window: scale and offset keeping the aspect. */
struct letterbox {
    float scale;
    int x, y, w, h; /* the content rectangle in window pixels */
};
struct letterbox fit_letterbox(int design_w, int design_h, int win_w, int win_h);

/* An image block (playlist.h): a picture of img_w x img_h in a box of box_w x box_h output
 * pixels. The decode size: the picture as large as the box needs it (contain: inside the box,
 * cover: filling it), never larger than the picture itself nor max_texture a side. */
void fit_block_decode_size(enum image_fit fit, int img_w, int img_h, float box_w, float box_h,
                           int max_texture, int *dec_w, int *dec_h);
/* Where a tex_w x tex_h texture of it goes: src (texture pixels) onto dst (relative to the box's
 * top-left corner). Contain: the whole picture, as large as fits, placed at focus in the room
 * left over (0.5, 0.5: centred). Cover: the whole box, the picture cropped around focus. */
void fit_block_place(enum image_fit fit, const float focus[2], int tex_w, int tex_h, float box_w,
                     float box_h, struct rectf *src, struct rectf *dst);
