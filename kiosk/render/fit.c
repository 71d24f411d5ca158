#include "render/fit.h"

#include <math.h>

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static float max_zoom(const struct image_ref *img)
{
    if (!img->pan_zoom.enabled)
        return 1.0f;
    return fmaxf(img->pan_zoom.zoom_from, img->pan_zoom.zoom_to);
}

void fit_decode_size(const struct image_ref *img, int img_w, int img_h, int out_w, int out_h,
                     int max_texture, int *dec_w, int *dec_h)
{
    double sx = (double)out_w / img_w, sy = (double)out_h / img_h;
    double s = img->fit == IMAGE_FIT_COVER ? fmax(sx, sy) : fmin(sx, sy);
    s *= max_zoom(img);
    if (s > 1.0)
        s = 1.0; /* the GPU enlarges for free; a bigger texture only costs memory */
    double w = ceil(img_w * s), h = ceil(img_h * s);
    if (max_texture > 0 && (w > max_texture || h > max_texture)) {
        double k = fmin(max_texture / w, max_texture / h);
        w = floor(w * k);
        h = floor(h * k);
    }
    *dec_w = w < 1 ? 1 : (int)w;
    *dec_h = h < 1 ? 1 : (int)h;
}

/* Cover: the part of the texture in view, with the output's aspect, shrunk by zoom and centred
 * on the focus as far as the texture's edges allow. */
static struct rectf cover_view(int tex_w, int tex_h, int out_w, int out_h, float zoom, float fx,
                               float fy)
{
    float s = fmaxf((float)out_w / tex_w, (float)out_h / tex_h) * zoom;
    float vw = out_w / s, vh = out_h / s;
    float x = clampf(fx * tex_w - vw / 2, 0, tex_w - vw);
    float y = clampf(fy * tex_h - vh / 2, 0, tex_h - vh);
    return (struct rectf){x, y, vw, vh};
}

/* Contain: where the whole image goes on the output. Centred while it fits; once zoomed past the
 * screen, the overflow is cropped so that the focus keeps its place (0 keeps the left edge). */
static struct rectf contain_dest(int tex_w, int tex_h, int out_w, int out_h, float zoom, float fx,
                                 float fy)
{
    float s = fminf((float)out_w / tex_w, (float)out_h / tex_h) * zoom;
    float w = tex_w * s, h = tex_h * s;
    float cx = out_w / 2.0f - (fx - 0.5f) * fmaxf(0, w - out_w);
    float cy = out_h / 2.0f - (fy - 0.5f) * fmaxf(0, h - out_h);
    return (struct rectf){cx - w / 2, cy - h / 2, w, h};
}

static struct rectf lerp_rect(struct rectf a, struct rectf b, float k)
{
    return (struct rectf){a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k, a.w + (b.w - a.w) * k,
                          a.h + (b.h - a.h) * k};
}

void fit_place(const struct image_ref *img, int tex_w, int tex_h, int out_w, int out_h, double t,
               struct rectf *src, struct rectf *dst)
{
    struct rectf (*place)(int, int, int, int, float, float, float) =
        img->fit == IMAGE_FIT_CONTAIN ? contain_dest : cover_view;
    struct rectf r;
    if (img->pan_zoom.enabled) {
        /* The pan/zoom moves between its first and last framing in a straight line, so the
         * motion keeps one speed from start to end: moving the focus point instead would jerk
         * where the framing meets the image's edge. */
        const struct pan_zoom *pz = &img->pan_zoom;
        float k = (float)(t < 0 ? 0 : t > 1 ? 1 : t);
        struct rectf a =
            place(tex_w, tex_h, out_w, out_h, pz->zoom_from, pz->focus_from[0], pz->focus_from[1]);
        struct rectf b =
            place(tex_w, tex_h, out_w, out_h, pz->zoom_to, pz->focus_to[0], pz->focus_to[1]);
        r = lerp_rect(a, b, k);
    } else {
        r = place(tex_w, tex_h, out_w, out_h, 1.0f, img->focus[0], img->focus[1]);
    }
    if (img->fit == IMAGE_FIT_CONTAIN) {
        *src = (struct rectf){0, 0, (float)tex_w, (float)tex_h};
        *dst = r;
    } else {
        *src = r;
        *dst = (struct rectf){0, 0, (float)out_w, (float)out_h};
    }
}

void fit_decode_plan(const struct image_ref *img, int img_w, int img_h, int out_w, int out_h,
                     int max_texture, struct decode_plan *plan)
{
    fit_decode_size(img, img_w, img_h, out_w, out_h, max_texture, &plan->w, &plan->h);
    plan->region = (struct image_region){0, 0, 0, 0};
    if (img->fit != IMAGE_FIT_COVER || img->pan_zoom.enabled)
        return;
    struct rectf v = cover_view(plan->w, plan->h, out_w, out_h, 1.0f, img->focus[0], img->focus[1]);
    /* Whole pixels around the window; the compositor places the texture with the exact
     * fractional window, so the widening never shows. */
    int x0 = (int)floorf(v.x), y0 = (int)floorf(v.y);
    int x1 = (int)ceilf(v.x + v.w), y1 = (int)ceilf(v.y + v.h);
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > plan->w ? plan->w : x1;
    y1 = y1 > plan->h ? plan->h : y1;
    if (x0 == 0 && y0 == 0 && x1 == plan->w && y1 == plan->h)
        return; /* the window is the whole picture */
    plan->region = (struct image_region){x0, y0, x1 - x0, y1 - y0};
}

struct letterbox fit_letterbox(int design_w, int design_h, int win_w, int win_h)
{
    struct letterbox lb;
    float s = fminf((float)win_w / design_w, (float)win_h / design_h);
    lb.scale = s;
    lb.w = (int)lroundf(design_w * s);
    lb.h = (int)lroundf(design_h * s);
    if (lb.w > win_w)
        lb.w = win_w;
    if (lb.h > win_h)
        lb.h = win_h;
    lb.x = (win_w - lb.w) / 2;
    lb.y = (win_h - lb.h) / 2;
    return lb;
}

void fit_block_decode_size(enum image_fit fit, int img_w, int img_h, float box_w, float box_h,
                           int max_texture, int *dec_w, int *dec_h)
{
    *dec_w = img_w > 0 ? img_w : 1;
    *dec_h = img_h > 0 ? img_h : 1;
    if (img_w <= 0 || img_h <= 0 || box_w <= 0 || box_h <= 0)
        return;
    double sx = box_w / img_w, sy = box_h / img_h;
    double s = fit == IMAGE_FIT_COVER ? fmax(sx, sy) : fmin(sx, sy);
    if (s > 1)
        s = 1; /* the texture is scaled up on screen, never in memory */
    double longest = fmax(img_w, img_h) * s;
    if (max_texture > 0 && longest > max_texture)
        s *= max_texture / longest;
    *dec_w = (int)fmax(1, ceil(img_w * s - 1e-6));
    *dec_h = (int)fmax(1, ceil(img_h * s - 1e-6));
}

void fit_block_place(enum image_fit fit, const float focus[2], int tex_w, int tex_h, float box_w,
                     float box_h, struct rectf *src, struct rectf *dst)
{
    *src = (struct rectf){0, 0, (float)tex_w, (float)tex_h};
    *dst = (struct rectf){0, 0, box_w, box_h};
    if (tex_w <= 0 || tex_h <= 0)
        return;
    float sx = box_w / tex_w, sy = box_h / tex_h;
    if (fit == IMAGE_FIT_COVER) {
        float s = fmaxf(sx, sy);
        float w = box_w / s, h = box_h / s;
        *src = (struct rectf){(tex_w - w) * focus[0], (tex_h - h) * focus[1], w, h};
    } else {
        float s = fminf(sx, sy);
        float w = tex_w * s, h = tex_h * s;
        *dst = (struct rectf){(box_w - w) * focus[0], (box_h - h) * focus[1], w, h};
    }
}
