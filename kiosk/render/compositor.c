#define LOG_MODULE "compositor"
#include "render/compositor.h"

#include <math.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "render/background.h"
#include "render/fit.h"
#include "render/interactive.h"
#include "playlist/page.h"
#include "render/slide_text.h"
#include "render/transition.h"

struct compositor {
    SDL_Renderer *renderer;
    struct texture_cache *cache; /* borrowed */
    SDL_Texture *layer;          /* crossfade layer, output-area sized; NULL until needed */
    int layer_w, layer_h;
    SDL_Texture *snapshot;       /* the outgoing content while it fades; NULL otherwise */
    SDL_Texture *snapshot_prev_target;
    int max_texture;
    struct slide_text_context text; /* engine and atlas borrowed; lang for the current slide */
    const char *from_lang;          /* language of the outgoing slide */
    int pressed;                    /* the button under a finger, or INTERACTIVE_NO_PRESS */
    const bool *page_open;          /* the scene's: buttons to a closed page hide */
};

struct compositor *compositor_create(SDL_Renderer *r, struct texture_cache *cache)
{
    struct compositor *c = xcalloc(1, sizeof(*c));
    c->renderer = r;
    c->cache = cache;
    c->pressed = INTERACTIVE_NO_PRESS;
    SDL_RendererInfo info;
    c->max_texture = 4096;
    if (SDL_GetRendererInfo(r, &info) == 0 && info.max_texture_width > 0)
        c->max_texture = SDL_min(info.max_texture_width, info.max_texture_height);
    return c;
}

void compositor_destroy(struct compositor *c)
{
    if (!c)
        return;
    if (c->layer)
        SDL_DestroyTexture(c->layer);
    compositor_release_snapshot(c);
    free(c);
}

int compositor_max_texture(const struct compositor *c)
{
    return c->max_texture;
}

static bool image_plan(const struct compositor *c, bool has_image, const struct image_ref *image,
                       int out_w, int out_h, struct decode_plan *plan);
static enum texture_status blocks_media(struct compositor *c, const struct image_block *blocks,
                                        size_t n, int out_w, int out_h, bool prefetch,
                                        const char **error);
static void draw_picture(struct compositor *c, bool has_image, const struct image_ref *image,
                         const struct background *bg, double t, SDL_Rect area);

bool compositor_image_plan(const struct compositor *c, const struct slide *s, int out_w,
                           int out_h, struct decode_plan *plan)
{
    return image_plan(c, s->has_image, &s->image, out_w, out_h, plan);
}

static enum texture_status image_media(struct compositor *c, bool has_image,
                                       const struct image_ref *image, int out_w, int out_h,
                                       bool prefetch, const char **error)
{
    struct decode_plan plan;
    if (!image_plan(c, has_image, image, out_w, out_h, &plan))
        return TEXTURE_READY;
    if (prefetch) {
        texture_cache_prefetch_region(c->cache, image->path, plan.w, plan.h, &plan.region);
        return TEXTURE_PENDING;
    }
    SDL_Texture *tex;
    return texture_cache_get_region(c->cache, image->path, plan.w, plan.h, &plan.region, &tex,
                                    error);
}

/* The worse of two states: a failure wins over waiting, waiting over ready. */
static enum texture_status worse(enum texture_status a, enum texture_status b)
{
    return a == TEXTURE_FAILED || b == TEXTURE_FAILED   ? TEXTURE_FAILED
           : a == TEXTURE_PENDING || b == TEXTURE_PENDING ? TEXTURE_PENDING
                                                          : TEXTURE_READY;
}

enum texture_status compositor_slide_media(struct compositor *c, const struct slide *s, int out_w,
                                           int out_h, bool prefetch, const char **error)
{
    enum texture_status st = image_media(c, s->has_image, &s->image, out_w, out_h, prefetch, error);
    if (st == TEXTURE_FAILED)
        return st;
    return worse(st, blocks_media(c, s->images, s->image_count, out_w, out_h, prefetch, error));
}

enum texture_status compositor_page_media(struct compositor *c, const struct page *p, int out_w,
                                          int out_h, bool prefetch, const char **error)
{
    enum texture_status st = image_media(c, p->has_image, &p->image, out_w, out_h, prefetch, error);
    if (st == TEXTURE_FAILED)
        return st;
    return worse(st, blocks_media(c, p->images, p->image_count, out_w, out_h, prefetch, error));
}

/* An image block's decode size on an out_w x out_h output; false without a probed size. */
static bool block_plan(const struct compositor *c, const struct image_block *b, int out_w,
                       int out_h, int *w, int *h)
{
    if (b->image.width <= 0 || b->image.height <= 0)
        return false;
    fit_block_decode_size(b->image.fit, b->image.width, b->image.height, b->box[2] * out_w,
                          b->box[3] * out_h, c->max_texture, w, h);
    return true;
}

static enum texture_status blocks_media(struct compositor *c, const struct image_block *blocks,
                                        size_t n, int out_w, int out_h, bool prefetch,
                                        const char **error)
{
    enum texture_status st = TEXTURE_READY;
    /* The blocks of the slide shown and of the next one, beside their full-screen pictures. */
    texture_cache_reserve(c->cache, (int)(2 * n));
    for (size_t i = 0; i < n && st != TEXTURE_FAILED; i++) {
        int w, h;
        if (!block_plan(c, &blocks[i], out_w, out_h, &w, &h))
            continue;
        if (prefetch) {
            texture_cache_prefetch(c->cache, blocks[i].image.path, w, h);
            st = worse(st, TEXTURE_PENDING);
        } else {
            st = worse(st, texture_cache_get(c->cache, blocks[i].image.path, w, h, NULL, error));
        }
    }
    return st;
}

bool compositor_wait_images(struct compositor *c, const struct image_block *blocks, size_t n,
                            int out_w, int out_h, const char **error)
{
    for (size_t i = 0; i < n; i++) {
        int w, h;
        if (block_plan(c, &blocks[i], out_w, out_h, &w, &h) &&
            texture_cache_wait(c->cache, blocks[i].image.path, w, h, NULL, error) !=
                TEXTURE_READY)
            return false;
    }
    return true;
}

/* Image blocks over the picture, under the texts; on a mirrored page their boxes mirror too.
 * One that is not decoded yet (or failed, which the loop reports) is left out of this frame. */
static void draw_image_blocks(struct compositor *c, const struct image_block *blocks, size_t n,
                              bool mirrored, SDL_Rect area)
{
    SDL_Renderer *r = c->renderer;
    texture_cache_reserve(c->cache, (int)(2 * n));
    for (size_t i = 0; i < n; i++) {
        const struct image_block *b = &blocks[i];
        int w, h;
        if (!block_plan(c, b, area.w, area.h, &w, &h))
            continue;
        SDL_Texture *tex = NULL;
        if (texture_cache_get(c->cache, b->image.path, w, h, &tex, NULL) != TEXTURE_READY ||
            !tex)
            continue;
        float fb[4];
        page_box(b->box, mirrored, fb);
        SDL_FRect box = {area.x + fb[0] * area.w, area.y + fb[1] * area.h, fb[2] * area.w,
                         fb[3] * area.h};
        float focus[2] = {mirrored ? 1 - b->image.focus[0] : b->image.focus[0],
                          b->image.focus[1]};
        struct rectf src, dst;
        fit_block_place(b->image.fit, focus, w, h, box.w, box.h, &src, &dst);
        /* Cover crops: draw the whole texture scaled, clipped to the box (sub-pixel exact). */
        float s = dst.w / src.w;
        SDL_FRect full = {box.x + dst.x - src.x * s, box.y + dst.y - src.y * (dst.h / src.h),
                          w * s, h * (dst.h / src.h)};
        SDL_Rect clip = {(int)floorf(box.x), (int)floorf(box.y), (int)ceilf(box.w),
                         (int)ceilf(box.h)};
        SDL_Rect prev_clip, use = clip;
        bool had_clip = SDL_RenderIsClipEnabled(r);
        SDL_RenderGetClipRect(r, &prev_clip);
        if (had_clip && !SDL_IntersectRect(&clip, &prev_clip, &use))
            continue;
        SDL_RenderSetClipRect(r, &use);
        SDL_SetTextureAlphaMod(tex, 255);
        SDL_RenderCopyF(r, tex, NULL, &full);
        SDL_RenderSetClipRect(r, had_clip ? &prev_clip : NULL);
    }
}

static void draw_page(struct compositor *c, const struct playlist *pl, size_t page,
                      SDL_Rect area)
{
    SDL_Renderer *r = c->renderer;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    const struct page *p = &pl->pages[page];
    draw_picture(c, p->has_image, &p->image, &p->background, 0, area);
    bool mirrored = page_mirrored(pl, p, c->text.lang);
    draw_image_blocks(c, p->images, p->image_count, mirrored, area);
    for (size_t i = 0; i < p->text_count; i++) {
        float box[4];
        page_box(p->texts[i].box, mirrored, box);
        slide_text_draw_block(r, &c->text, pl, &p->texts[i], box, area, 0);
    }
    interactive_draw_qrs(r, &c->text, pl, p->qrs, p->qr_count, mirrored, area);
    interactive_draw_buttons(r, &c->text, pl, p, p->buttons, p->button_count, c->pressed,
                             c->page_open, area);
}


void compositor_set_text(struct compositor *c, const struct slide_text_context *text)
{
    c->text = *text;
    c->from_lang = text->lang;
}

static void draw_text(struct compositor *c, const struct playlist *pl, const struct slide *s,
                      double elapsed, SDL_Rect area, bool outgoing)
{
    if (s->text_count == 0)
        return;
    struct slide_text_context ctx = c->text;
    if (outgoing)
        ctx.lang = c->from_lang;
    slide_text_draw(c->renderer, &ctx, pl, s, area, elapsed);
}

/* Draws slide s filling `area` of the current target, fully opaque: background, image, text,
 * then its QR codes and buttons. */
static void draw_slide(struct compositor *c, const struct playlist *pl, const struct slide *s,
                       double elapsed, SDL_Rect area, bool outgoing)
{
    draw_picture(c, s->has_image, &s->image, &s->background,
                 s->duration > 0 ? elapsed / s->duration : 0, area);
    draw_image_blocks(c, s->images, s->image_count, false, area);
    draw_text(c, pl, s, elapsed, area, outgoing);
    if (s->qr_count == 0 && s->button_count == 0)
        return;
    struct slide_text_context ctx = c->text;
    if (outgoing)
        ctx.lang = c->from_lang;
    interactive_draw_qrs(c->renderer, &ctx, pl, s->qrs, s->qr_count, false, area);
    interactive_draw_buttons(c->renderer, &ctx, pl, NULL, s->buttons, s->button_count,
                             outgoing ? INTERACTIVE_NO_PRESS : c->pressed, c->page_open, area);
}

static bool image_plan(const struct compositor *c, bool has_image, const struct image_ref *image,
                       int out_w, int out_h, struct decode_plan *plan)
{
    if (!has_image || image->width <= 0 || image->height <= 0)
        return false;
    fit_decode_plan(image, image->width, image->height, out_w, out_h, c->max_texture, plan);
    return true;
}

/* t: 0..1 through the slide, for a pan/zoom. */
static void draw_picture(struct compositor *c, bool has_image, const struct image_ref *image,
                         const struct background *bg, double t, SDL_Rect area)
{
    SDL_FRect fa = {(float)area.x, (float)area.y, (float)area.w, (float)area.h};
    SDL_Texture *tex = NULL;
    struct decode_plan plan;
    if (image_plan(c, has_image, image, area.w, area.h, &plan)) {
        const char *error = NULL;
        /* Not ready only at start-up: the loop holds a slide change until its image is in. */
        if (texture_cache_get_region(c->cache, image->path, plan.w, plan.h, &plan.region, &tex,
                                     &error) != TEXTURE_READY)
            tex = NULL;
    }
    SDL_BlendMode blend = SDL_BLENDMODE_BLEND;
    if (tex)
        SDL_GetTextureBlendMode(tex, &blend);
    /* An opaque picture covering the whole slide hides its background: skip drawing it. */
    if (!(tex && blend == SDL_BLENDMODE_NONE && image->fit == IMAGE_FIT_COVER))
        background_draw(c->renderer, bg, fa, 1.0f);
    if (!tex)
        return;

    int tw, th;
    SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
    struct rectf src, dst;
    /* Placed as the whole picture would be; a texture holding only a region of it is that
     * picture shifted by the region's origin. */
    fit_place(image, plan.w, plan.h, area.w, area.h, t, &src, &dst);
    src.x -= (float)plan.region.x;
    src.y -= (float)plan.region.y;

    /* Sub-pixel source rectangles keep a slow pan smooth; SDL2's integer SDL_RenderCopy would
     * step a pixel at a time. Expressed as a destination shift of the whole texture instead. */
    float scale_x = dst.w / src.w, scale_y = dst.h / src.h;
    SDL_FRect full = {area.x + dst.x - src.x * scale_x, area.y + dst.y - src.y * scale_y,
                      tw * scale_x, th * scale_y};
    SDL_Rect clip = {area.x + (int)floorf(dst.x), area.y + (int)floorf(dst.y),
                     (int)ceilf(dst.w), (int)ceilf(dst.h)};
    SDL_Rect clipped;
    if (!SDL_IntersectRect(&clip, &area, &clipped))
        return;
    SDL_RenderSetClipRect(c->renderer, &clipped);
    SDL_SetTextureAlphaMod(tex, 255);
    SDL_RenderCopyF(c->renderer, tex, NULL, &full);
    SDL_RenderSetClipRect(c->renderer, NULL);
}

void compositor_release_layer(struct compositor *c)
{
    if (c->layer) {
        SDL_DestroyTexture(c->layer);
        c->layer = NULL;
    }
}

static bool ensure_layer(struct compositor *c, int w, int h)
{
    if (c->layer && c->layer_w == w && c->layer_h == h)
        return true;
    if (c->layer)
        SDL_DestroyTexture(c->layer);
    c->layer = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_ARGB8888,
                                 SDL_TEXTUREACCESS_TARGET, w, h);
    if (!c->layer) {
        LOG_WARN("no offscreen layer (%s): crossfades become cuts", SDL_GetError());
        return false;
    }
    c->layer_w = w;
    c->layer_h = h;
    SDL_SetTextureBlendMode(c->layer, SDL_BLENDMODE_BLEND);
    return true;
}

void compositor_draw_fallback(struct compositor *c, SDL_Rect area)
{
    /* Needs no file and no font: a calm gradient and a ring, so a screen whose content failed
     * still looks looked-after rather than broken. */
    struct background bg = {.kind = BACKGROUND_GRADIENT,
                            .from = {11, 37, 64, 255},
                            .to = {29, 111, 165, 255},
                            .angle_deg = 160};
    SDL_FRect fa = {(float)area.x, (float)area.y, (float)area.w, (float)area.h};
    background_draw(c->renderer, &bg, fa, 1.0f);

    enum { SEGMENTS = 96 };
    float cx = area.x + area.w / 2.0f, cy = area.y + area.h / 2.0f;
    float r_out = SDL_min(area.w, area.h) * 0.12f, r_in = r_out * 0.82f;
    SDL_Vertex v[SEGMENTS * 2];
    int idx[SEGMENTS * 6];
    for (int i = 0; i < SEGMENTS; i++) {
        float a = (float)i / SEGMENTS * 2 * (float)M_PI;
        SDL_Color col = {242, 193, 78, 255};
        v[2 * i] = (SDL_Vertex){{cx + r_out * cosf(a), cy + r_out * sinf(a)}, col, {0, 0}};
        v[2 * i + 1] = (SDL_Vertex){{cx + r_in * cosf(a), cy + r_in * sinf(a)}, col, {0, 0}};
        int j = (i + 1) % SEGMENTS;
        int *q = &idx[i * 6];
        q[0] = 2 * i;
        q[1] = 2 * j;
        q[2] = 2 * i + 1;
        q[3] = 2 * i + 1;
        q[4] = 2 * j;
        q[5] = 2 * j + 1;
    }
    SDL_RenderGeometry(c->renderer, NULL, v, SEGMENTS * 2, idx, SEGMENTS * 6);
}

static void draw_loop(struct compositor *c, const struct playlist *pl, const struct sched_frame *f,
                      SDL_Rect area)
{
    SDL_Renderer *r = c->renderer;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);

    if (!pl || f->slide == SCHED_NONE) {
        compositor_draw_fallback(c, area);
        return;
    }
    const struct slide *to = &pl->slides[f->slide];
    if (f->from == SCHED_NONE || f->progress >= 1.0) {
        draw_slide(c, pl, to, f->elapsed, area, false);
        return;
    }
    const struct slide *from = &pl->slides[f->from];
    struct transition_state ts = transition_at(to->transition.kind, f->progress, pl->rtl,
                                               (float)area.w);

    if (to->transition.kind == TRANSITION_PUSH) {
        SDL_RenderSetClipRect(r, &area);
        SDL_Rect a = area;
        a.x = area.x + (int)lroundf(ts.from.dx);
        if (ts.from.visible)
            draw_slide(c, pl, from, f->from_elapsed, a, true);
        a.x = area.x + (int)lroundf(ts.to.dx);
        draw_slide(c, pl, to, f->elapsed, a, false);
        SDL_RenderSetClipRect(r, NULL);
        return;
    }

    /* Crossfade: the outgoing slide as it is, the incoming one composed offscreen and laid on
     * top with the transition's opacity. */
    if (ts.from.visible)
        draw_slide(c, pl, from, f->from_elapsed, area, true);
    if (!ts.to.visible)
        return;
    if (!ensure_layer(c, area.w, area.h)) {
        draw_slide(c, pl, to, f->elapsed, area, false);
        return;
    }
    SDL_Texture *prev = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, c->layer);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    draw_slide(c, pl, to, f->elapsed, (SDL_Rect){0, 0, area.w, area.h}, false);
    SDL_SetRenderTarget(r, prev);
    SDL_SetTextureAlphaMod(c->layer, (Uint8)lroundf(ts.to.alpha * 255));
    SDL_RenderCopy(r, c->layer, NULL, &area);
}

void compositor_draw(struct compositor *c, const struct view_scene *s, SDL_Rect area)
{
    /* Everything that differs from one frame to the next comes with the scene; the compositor
     * keeps only the fonts and the textures it composed. */
    c->text.lang = s->lang;
    c->text.wall = s->wall;
    c->from_lang = s->from_lang ? s->from_lang : s->lang;
    c->pressed = s->pressed;
    c->page_open = s->page_open;
    if (s->playlist && s->page != PLAYLIST_NO_PAGE)
        draw_page(c, s->playlist, s->page, area);
    else
        draw_loop(c, s->playlist, &s->slide, area);
}

bool compositor_snapshot_begin(struct compositor *c, SDL_Rect area)
{
    compositor_release_snapshot(c);
    c->snapshot = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_ARGB8888,
                                    SDL_TEXTUREACCESS_TARGET, area.w, area.h);
    if (!c->snapshot) {
        LOG_WARN("no snapshot texture (%s): the change is a cut", SDL_GetError());
        return false;
    }
    SDL_SetTextureBlendMode(c->snapshot, SDL_BLENDMODE_BLEND);
    c->snapshot_prev_target = SDL_GetRenderTarget(c->renderer);
    SDL_SetRenderTarget(c->renderer, c->snapshot);
    return true;
}

void compositor_snapshot_end(struct compositor *c)
{
    SDL_SetRenderTarget(c->renderer, c->snapshot_prev_target);
}

bool compositor_snapshot(struct compositor *c, const struct view_scene *s, SDL_Rect area)
{
    if (!compositor_snapshot_begin(c, area))
        return false;
    compositor_draw(c, s, (SDL_Rect){0, 0, area.w, area.h});
    compositor_snapshot_end(c);
    return true;
}

void compositor_draw_snapshot(struct compositor *c, SDL_Rect area, float alpha)
{
    if (!c->snapshot || alpha <= 0)
        return;
    SDL_SetTextureAlphaMod(c->snapshot, (Uint8)lroundf(fminf(alpha, 1.0f) * 255));
    SDL_RenderCopy(c->renderer, c->snapshot, NULL, &area);
}

void compositor_release_snapshot(struct compositor *c)
{
    if (c->snapshot) {
        SDL_DestroyTexture(c->snapshot);
        c->snapshot = NULL;
    }
}
