#define LOG_MODULE "compositor"
#include "render/compositor.h"

#include <math.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/log.h"
#include "base/xmalloc.h"
#include "input/hit.h"
#include "render/accessible_theme.h"
#include "render/background.h"
#include "render/fit.h"
#include "render/interactive.h"
#include "playlist/page.h"
#include "render/text_blocks.h"
#include "render/transition.h"
#include "render/video_slide.h"

/* The crossfade layer and the snapshot are drawn fully opaque (cleared, then a whole slide), so
 * they need no alpha channel. Without one the software renderer lays them over the screen with
 * one constant opacity (SDL's fast 32-bit surface-alpha blit) instead of a per-pixel alpha blend
 * that also modulates: about a third of the instructions per pixel of a crossfade. */
#define OPAQUE_TARGET_FORMAT SDL_PIXELFORMAT_RGB888

/* What a layer holds: one slide composed whole, as it looked at any time of its showing (a
 * slide that does not move). Valid only while `pl` is the playlist on screen. */
struct layer_key {
    const struct playlist *pl; /* NULL: the layer holds nothing reusable */
    const struct slide *slide;
    const char *lang;
    int pressed;
};

struct compositor {
    SDL_Renderer *renderer;
    struct texture_cache *cache; /* borrowed */
    SDL_Texture *layer;          /* crossfade layer, output-area sized; NULL until needed */
    int layer_w, layer_h;
    struct layer_key layer_key;
    SDL_Texture *from_layer; /* the outgoing slide composed once, when it is not a picture */
    int from_w, from_h;
    struct layer_key from_key;
    bool software;      /* SDL's software renderer: streaming textures are plain memory */
    SDL_Texture *frame; /* crossfade_pictures' result, output-area sized; NULL until needed */
    int frame_w, frame_h;
    SDL_Texture *still[2]; /* streaming copies of still slides composed whole (slide_pixels) */
    struct layer_key still_key[2];
    SDL_Texture *snapshot; /* the outgoing content while it fades; NULL otherwise */
    SDL_Texture *snapshot_prev_target;
    int max_texture;
    struct text_blocks_context text; /* engine and atlas borrowed; lang for the current slide */
    const char *from_lang;           /* language of the outgoing slide */
    int pressed;                     /* the button under a finger, or INTERACTIVE_NO_PRESS */
    const bool *page_open;           /* the scene's: buttons to a closed page hide */
    struct video_draw video;         /* clips on slides and pages (compositor_set_video) */
};

struct compositor *compositor_create(SDL_Renderer *r, struct texture_cache *cache)
{
    struct compositor *c = xcalloc(1, sizeof(*c));
    c->renderer = r;
    c->cache = cache;
    c->pressed = INTERACTIVE_NO_PRESS;
    c->video.at = -1;
    SDL_RendererInfo info;
    int max_w, max_h; /* pictures are decoded no larger (KIOSK_MAX_TEXTURE can lower it) */
    texture_cache_renderer_limit(r, &max_w, &max_h);
    c->max_texture = max_w > 0 && max_h > 0 ? SDL_min(max_w, max_h) : 4096;
    if (SDL_GetRendererInfo(r, &info) == 0)
        c->software = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    return c;
}

void compositor_destroy(struct compositor *c)
{
    if (!c)
        return;
    compositor_release_layer(c);
    compositor_release_snapshot(c);
    free(c);
}

void compositor_set_video(struct compositor *c, struct video_player *player, int wait_ms, double at)
{
    c->video = (struct video_draw){player, wait_ms, at};
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
                         const struct background *bg, double t, SDL_Rect area, Uint8 alpha);

bool compositor_image_plan(const struct compositor *c, const struct slide *s, int out_w, int out_h,
                           struct decode_plan *plan)
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
    return a == TEXTURE_FAILED || b == TEXTURE_FAILED     ? TEXTURE_FAILED
           : a == TEXTURE_PENDING || b == TEXTURE_PENDING ? TEXTURE_PENDING
                                                          : TEXTURE_READY;
}

enum texture_status compositor_slide_media(struct compositor *c, const struct slide *s, int out_w,
                                           int out_h, bool prefetch, const char **error)
{
    enum texture_status st = image_media(c, s->has_image, &s->image, out_w, out_h, prefetch, error);
    if (st != TEXTURE_FAILED && s->has_video)
        st = worse(st, video_slide_media(&c->video, &s->video, video_slide_loops(s), error));
    if (st == TEXTURE_FAILED)
        return st;
    return worse(st, blocks_media(c, s->images, s->image_count, out_w, out_h, prefetch, error));
}

enum texture_status compositor_page_media(struct compositor *c, const struct page *p, int out_w,
                                          int out_h, bool prefetch, const char **error)
{
    enum texture_status st = image_media(c, p->has_image, &p->image, out_w, out_h, prefetch, error);
    if (st != TEXTURE_FAILED && p->has_video)
        st = worse(st, video_slide_media(&c->video, &p->video, p->video.loop, error));
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
            texture_cache_wait(c->cache, blocks[i].image.path, w, h, NULL, error) != TEXTURE_READY)
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
        if (texture_cache_get(c->cache, b->image.path, w, h, &tex, NULL) != TEXTURE_READY || !tex)
            continue;
        float fb[4];
        page_box(b->box, mirrored, fb);
        /* On whole pixels: a box edge inside a pixel would be drawn by the software renderer
         * (which truncates) and left out by a GPU (which samples pixel centres), so the Pi and
         * `kiosk render` would put the edge a pixel apart. */
        float x0 = roundf(area.x + fb[0] * area.w), y0 = roundf(area.y + fb[1] * area.h);
        SDL_FRect box = {x0, y0, roundf(area.x + (fb[0] + fb[2]) * area.w) - x0,
                         roundf(area.y + (fb[1] + fb[3]) * area.h) - y0};
        float focus[2] = {mirrored ? 1 - b->image.focus[0] : b->image.focus[0], b->image.focus[1]};
        struct rectf src, dst;
        fit_block_place(b->image.fit, focus, w, h, box.w, box.h, &src, &dst);
        /* Cover crops: draw the whole texture scaled, clipped to the box (sub-pixel exact). */
        float s = dst.w / src.w;
        SDL_FRect full = {box.x + dst.x - src.x * s, box.y + dst.y - src.y * (dst.h / src.h), w * s,
                          h * (dst.h / src.h)};
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

static void draw_page(struct compositor *c, const struct playlist *pl, size_t page, SDL_Rect area)
{
    SDL_Renderer *r = c->renderer;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    const struct page *p = &pl->pages[page];
    if (p->has_video)
        video_slide_draw(r, &c->video, &p->video, &p->background, p->video.loop, -1, area, 255);
    else
        draw_picture(c, p->has_image, &p->image, &p->background, 0, area, 255);
    bool mirrored = page_mirrored(pl, p, c->text.lang);
    draw_image_blocks(c, p->images, p->image_count, mirrored, area);
    for (size_t i = 0; i < p->text_count; i++) {
        float box[4];
        page_box(p->texts[i].box, mirrored, box);
        text_blocks_draw(r, &c->text, pl, &p->texts[i], box, area, 0);
    }
    interactive_draw_qrs(r, &c->text, pl, p->qrs, p->qr_count, mirrored, area);
    interactive_draw_buttons(r, &c->text, pl, p, p->buttons, p->button_count, c->pressed,
                             c->page_open, area);
}

void compositor_set_text(struct compositor *c, const struct text_blocks_context *text)
{
    c->text = *text;
    c->from_lang = text->lang;
}

static void draw_text(struct compositor *c, const struct playlist *pl, const struct slide *s,
                      double elapsed, SDL_Rect area, bool outgoing)
{
    if (s->text_count == 0)
        return;
    struct text_blocks_context ctx = c->text;
    if (outgoing)
        ctx.lang = c->from_lang;
    text_blocks_draw_slide(c->renderer, &ctx, pl, s, area, elapsed);
}

/* Draws slide s filling `area` of the current target, fully opaque: background, image, text,
 * then its QR codes and buttons. */
static void draw_slide(struct compositor *c, const struct playlist *pl, const struct slide *s,
                       double elapsed, SDL_Rect area, bool outgoing)
{
    if (s->has_video)
        video_slide_draw(c->renderer, &c->video, &s->video, &s->background, video_slide_loops(s),
                         elapsed, area, 255);
    else
        draw_picture(c, s->has_image, &s->image, &s->background,
                     s->duration > 0 ? elapsed / s->duration : 0, area, 255);
    draw_image_blocks(c, s->images, s->image_count, false, area);
    draw_text(c, pl, s, elapsed, area, outgoing);
    if (s->qr_count == 0 && s->button_count == 0)
        return;
    struct text_blocks_context ctx = c->text;
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

/* The picture's texture when it is ready, else NULL; *plan set when it returns one. */
static SDL_Texture *picture_texture(struct compositor *c, bool has_image,
                                    const struct image_ref *image, SDL_Rect area,
                                    struct decode_plan *plan)
{
    SDL_Texture *tex = NULL;
    if (!image_plan(c, has_image, image, area.w, area.h, plan))
        return NULL;
    const char *error = NULL;
    /* Not ready only at start-up: the loop holds a slide change until its image is in. */
    if (texture_cache_get_region(c->cache, image->path, plan->w, plan->h, &plan->region, &tex,
                                 &error) != TEXTURE_READY)
        return NULL;
    return tex;
}

/* True when the picture is ready, opaque and covers the whole area: drawn, it hides everything
 * under it, its background included. */
static bool picture_covers(struct compositor *c, bool has_image, const struct image_ref *image,
                           SDL_Rect area)
{
    struct decode_plan plan;
    SDL_Texture *tex = picture_texture(c, has_image, image, area, &plan);
    SDL_BlendMode blend = SDL_BLENDMODE_BLEND;
    if (tex)
        SDL_GetTextureBlendMode(tex, &blend);
    return tex && blend == SDL_BLENDMODE_NONE && image->fit == IMAGE_FIT_COVER;
}

/* A slide that is only a covering opaque picture: nothing drawn over it, nothing under it that
 * shows. Such a slide can fade in as its picture alone, laid over the outgoing slide with the
 * transition's opacity, without first composing it in the layer. */
static bool slide_is_picture(struct compositor *c, const struct slide *s, SDL_Rect area)
{
    return s->image_count == 0 && s->text_count == 0 && s->qr_count == 0 && s->button_count == 0 &&
           picture_covers(c, s->has_image, &s->image, area);
}

/* t: 0..1 through the slide, for a pan/zoom. alpha below 255 only for a picture that covers the
 * area (slide_is_picture): its background is then not drawn. */
static void draw_picture(struct compositor *c, bool has_image, const struct image_ref *image,
                         const struct background *bg, double t, SDL_Rect area, Uint8 alpha)
{
    SDL_FRect fa = {(float)area.x, (float)area.y, (float)area.w, (float)area.h};
    struct decode_plan plan;
    SDL_Texture *tex = picture_texture(c, has_image, image, area, &plan);
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
    SDL_Rect clip = {area.x + (int)floorf(dst.x), area.y + (int)floorf(dst.y), (int)ceilf(dst.w),
                     (int)ceilf(dst.h)};
    SDL_Rect clipped;
    if (!SDL_IntersectRect(&clip, &area, &clipped))
        return;
    SDL_RenderSetClipRect(c->renderer, &clipped);
    SDL_SetTextureAlphaMod(tex, alpha);
    if (alpha < 255) /* an opaque picture fading in: constant opacity, no per-pixel alpha */
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    SDL_RenderCopyF(c->renderer, tex, NULL, &full);
    if (alpha < 255) {
        SDL_SetTextureBlendMode(tex, blend);
        SDL_SetTextureAlphaMod(tex, 255);
    }
    SDL_RenderSetClipRect(c->renderer, NULL);
}

void compositor_release_layer(struct compositor *c)
{
    if (c->layer) {
        SDL_DestroyTexture(c->layer);
        c->layer = NULL;
    }
    if (c->from_layer) {
        SDL_DestroyTexture(c->from_layer);
        c->from_layer = NULL;
    }
    if (c->frame) {
        SDL_DestroyTexture(c->frame);
        c->frame = NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (c->still[i])
            SDL_DestroyTexture(c->still[i]);
        c->still[i] = NULL;
        c->still_key[i].pl = NULL;
    }
    c->layer_key.pl = c->from_key.pl = NULL;
}

/* dst = from + (to - from) * alpha / 256 per colour byte, n pixels of XRGB8888. */
static void blend_rows(uint32_t *dst, const uint32_t *from, const uint32_t *to, int n, int alpha)
{
    int i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128(), a = _mm_set1_epi16((short)alpha),
                  b = _mm_set1_epi16((short)(256 - alpha));
    for (; i + 4 <= n; i += 4) {
        __m128i f = _mm_loadu_si128((const __m128i *)(from + i));
        __m128i t = _mm_loadu_si128((const __m128i *)(to + i));
        /* f * (256 - a) + t * a stays below 2^16: exact in 16-bit lanes. */
        __m128i lo = _mm_add_epi16(_mm_mullo_epi16(_mm_unpacklo_epi8(f, zero), b),
                                   _mm_mullo_epi16(_mm_unpacklo_epi8(t, zero), a));
        __m128i hi = _mm_add_epi16(_mm_mullo_epi16(_mm_unpackhi_epi8(f, zero), b),
                                   _mm_mullo_epi16(_mm_unpackhi_epi8(t, zero), a));
        _mm_storeu_si128((__m128i *)(dst + i),
                         _mm_packus_epi16(_mm_srli_epi16(lo, 8), _mm_srli_epi16(hi, 8)));
    }
#endif
    const uint8_t *f = (const uint8_t *)from, *t = (const uint8_t *)to;
    uint8_t *d = (uint8_t *)dst;
    for (i *= 4; i < n * 4; i++)
        d[i] = (uint8_t)((f[i] * (256 - alpha) + t[i] * alpha) >> 8);
}

/* The texture of a slide that is only a picture, when it is a streaming XRGB8888 texture placed
 * exactly on the area (no scaling, no pan/zoom): its pixels can be read directly. */
static SDL_Texture *plain_picture(struct compositor *c, const struct slide *s, SDL_Rect area)
{
    struct decode_plan plan;
    if (!s->has_image || s->image.pan_zoom.enabled || !slide_is_picture(c, s, area))
        return NULL;
    SDL_Texture *tex = picture_texture(c, s->has_image, &s->image, area, &plan);
    Uint32 format;
    int access, w, h;
    if (!tex || SDL_QueryTexture(tex, &format, &access, &w, &h) != 0 ||
        format != SDL_PIXELFORMAT_RGB888 || access != SDL_TEXTUREACCESS_STREAMING || w != area.w ||
        h != area.h || plan.region.w != area.w || plan.region.h != area.h)
        return NULL;
    struct rectf src, dst;
    fit_place(&s->image, plan.w, plan.h, area.w, area.h, 0, &src, &dst);
    if (fabsf(src.x - (float)plan.region.x) > 0.01f ||
        fabsf(src.y - (float)plan.region.y) > 0.01f || fabsf(dst.x) > 0.01f ||
        fabsf(dst.y) > 0.01f || fabsf(dst.w - (float)area.w) > 0.01f ||
        fabsf(dst.h - (float)area.h) > 0.01f || fabsf(src.w - dst.w) > 0.01f)
        return NULL;
    return tex;
}

/* A crossfade between two plain pictures on the software renderer, blended here in one pass
 * over both (SSE2 where there is one) into a frame texture that is then copied to the screen:
 * about a third of the instructions per pixel of SDL's own alpha blit, which blends one pixel
 * at a time. Streaming textures of the software renderer are its pixels, so locking copies
 * nothing. False when the slides do not qualify; the caller draws the usual way. */
static bool ensure_layer(struct compositor *c, int w, int h);
static bool slide_still(struct compositor *c, const struct slide *s, SDL_Rect area);
static bool key_equal(const struct layer_key *a, const struct layer_key *b);
static void compose(struct compositor *c, const struct playlist *pl, const struct slide *s,
                    double elapsed, bool outgoing, SDL_Texture *layer, struct layer_key *held,
                    const struct layer_key *key);

/* On the software renderer, slide s as a streaming XRGB8888 texture of the area, to be read by
 * crossfade_pictures: its plain picture, or, for a slide that does not move (text on a colour),
 * the slide composed once into the layer and read back into still[slot]: one copy per crossfade
 * instead of SDL's blend on every frame. NULL when neither applies. */
static SDL_Texture *slide_pixels(struct compositor *c, const struct playlist *pl,
                                 const struct slide *s, double elapsed, bool outgoing,
                                 SDL_Rect area, int slot)
{
    SDL_Texture *tex = plain_picture(c, s, area);
    if (tex)
        return tex;
    if (!slide_still(c, s, area))
        return NULL;
    /* A still slide has no buttons, so nothing shows pressed. */
    struct layer_key key = {pl, s, outgoing ? c->from_lang : c->text.lang, INTERACTIVE_NO_PRESS};
    for (int i = 0; i < 2; i++)
        if (c->still[i] && key_equal(&c->still_key[i], &key))
            return c->still[i];
    int w, h;
    if (c->still[slot] &&
        (SDL_QueryTexture(c->still[slot], NULL, NULL, &w, &h) != 0 || w != area.w || h != area.h)) {
        SDL_DestroyTexture(c->still[slot]);
        c->still[slot] = NULL;
    }
    if (!c->still[slot])
        c->still[slot] = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_RGB888,
                                           SDL_TEXTUREACCESS_STREAMING, area.w, area.h);
    c->still_key[slot].pl = NULL;
    if (!c->still[slot] || !ensure_layer(c, area.w, area.h))
        return NULL;
    compose(c, pl, s, elapsed, outgoing, c->layer, &c->layer_key, &key);
    SDL_Renderer *r = c->renderer;
    SDL_Texture *prev = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, c->layer);
    void *px;
    int pitch;
    bool ok = SDL_LockTexture(c->still[slot], NULL, &px, &pitch) == 0;
    if (ok) {
        ok = SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB888, px, pitch) == 0;
        SDL_UnlockTexture(c->still[slot]);
    }
    SDL_SetRenderTarget(r, prev);
    /* Read back, the layer is not needed again this crossfade: its memory goes now. */
    SDL_DestroyTexture(c->layer);
    c->layer = NULL;
    c->layer_key.pl = NULL;
    if (!ok)
        return NULL;
    c->still_key[slot] = key;
    return c->still[slot];
}

/* The window surface SDL's software renderer draws into, when this frame goes straight to it
 * one to one (no render target, no scaling, a viewport of the whole window) and it is XRGB8888:
 * then crossfade_pictures can write the screen's pixels itself. NULL otherwise. */
static SDL_Surface *screen_surface(struct compositor *c, SDL_Rect area)
{
    SDL_Renderer *r = c->renderer;
    SDL_Window *win = SDL_RenderGetWindow(r);
    if (!win || SDL_GetRenderTarget(r))
        return NULL;
    int lw = 0, lh = 0;
    float sx, sy;
    SDL_RenderGetLogicalSize(r, &lw, &lh);
    SDL_RenderGetScale(r, &sx, &sy);
    SDL_Rect vp;
    SDL_RenderGetViewport(r, &vp);
    SDL_Surface *s = SDL_GetWindowSurface(win);
    if (lw || lh || sx != 1.0f || sy != 1.0f || !s || vp.x != 0 || vp.y != 0 || vp.w != s->w ||
        vp.h != s->h || s->format->format != SDL_PIXELFORMAT_RGB888 || SDL_MUSTLOCK(s) ||
        area.x < 0 || area.y < 0 || area.x + area.w > s->w || area.y + area.h > s->h)
        return NULL;
    return s;
}

static bool crossfade_pictures(struct compositor *c, const struct playlist *pl,
                               const struct sched_frame *f, const struct slide *from,
                               const struct slide *to, SDL_Rect area, int alpha)
{
    if (!c->software)
        return false;
    SDL_Texture *tf = slide_pixels(c, pl, from, f->from_elapsed, true, area, 0);
    SDL_Texture *tt = tf ? slide_pixels(c, pl, to, f->elapsed, false, area, 1) : NULL;
    if (!tf || !tt || tf == tt)
        return false;
    void *pf, *pt, *pd;
    int sf, st, sd;
    SDL_Surface *screen = screen_surface(c, area);
    if (screen) {
        /* Straight into the window's own pixels: no frame texture and no copy of it. What is
         * queued so far (the clear) must reach them first. */
        SDL_RenderFlush(c->renderer);
        pd =
            (uint8_t *)screen->pixels + (size_t)area.y * (size_t)screen->pitch + (size_t)area.x * 4;
        sd = screen->pitch;
    } else if (!c->frame || c->frame_w != area.w || c->frame_h != area.h) {
        if (c->frame)
            SDL_DestroyTexture(c->frame);
        c->frame = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_RGB888,
                                     SDL_TEXTUREACCESS_STREAMING, area.w, area.h);
        if (!c->frame)
            return false;
        c->frame_w = area.w;
        c->frame_h = area.h;
        SDL_SetTextureBlendMode(c->frame, SDL_BLENDMODE_NONE);
    }
    if (SDL_LockTexture(tf, NULL, &pf, &sf) != 0)
        return false;
    if (SDL_LockTexture(tt, NULL, &pt, &st) != 0) {
        SDL_UnlockTexture(tf);
        return false;
    }
    if (!screen && SDL_LockTexture(c->frame, NULL, &pd, &sd) != 0) {
        SDL_UnlockTexture(tt);
        SDL_UnlockTexture(tf);
        return false;
    }
    int a = alpha + (alpha >> 7); /* 0..255 onto 0..256: opaque is exactly the picture */
    for (int y = 0; y < area.h; y++)
        blend_rows((uint32_t *)((uint8_t *)pd + (size_t)y * sd),
                   (const uint32_t *)((const uint8_t *)pf + (size_t)y * sf),
                   (const uint32_t *)((const uint8_t *)pt + (size_t)y * st), area.w, a);
    SDL_UnlockTexture(tt);
    SDL_UnlockTexture(tf);
    if (!screen) {
        SDL_UnlockTexture(c->frame);
        SDL_RenderCopy(c->renderer, c->frame, NULL, &area);
    }
    return true;
}

/* An opaque offscreen texture of w x h in *layer, made or remade as needed; a new one holds
 * nothing (key cleared). */
static bool ensure_texture(struct compositor *c, SDL_Texture **layer, int *lw, int *lh,
                           struct layer_key *key, int w, int h, SDL_BlendMode blend)
{
    if (*layer && *lw == w && *lh == h)
        return true;
    if (*layer)
        SDL_DestroyTexture(*layer);
    key->pl = NULL;
    *layer = SDL_CreateTexture(c->renderer, OPAQUE_TARGET_FORMAT, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!*layer) {
        LOG_WARN("no offscreen layer (%s): crossfades become cuts", SDL_GetError());
        return false;
    }
    *lw = w;
    *lh = h;
    SDL_SetTextureBlendMode(*layer, blend);
    return true;
}

static bool ensure_layer(struct compositor *c, int w, int h)
{
    return ensure_texture(c, &c->layer, &c->layer_w, &c->layer_h, &c->layer_key, w, h,
                          SDL_BLENDMODE_BLEND);
}

/* A slide whose every frame looks the same while it shows: no video, no pan/zoom, no ticker, no
 * clock, no button a finger could press, and all its pictures in (one still loading appears
 * later). */
static bool slide_still(struct compositor *c, const struct slide *s, SDL_Rect area)
{
    const char *error = NULL;
    return !s->has_video && !(s->has_image && s->image.pan_zoom.enabled) &&
           !text_blocks_animating(s) && !text_blocks_has_clock(s) && s->button_count == 0 &&
           compositor_slide_media(c, s, area.w, area.h, false, &error) == TEXTURE_READY;
}

static bool key_equal(const struct layer_key *a, const struct layer_key *b)
{
    return a->pl && a->pl == b->pl && a->slide == b->slide && a->lang == b->lang &&
           a->pressed == b->pressed;
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

/* Draws slide s whole into layer and records what it now holds (key NULL: nothing reusable). */
static void compose(struct compositor *c, const struct playlist *pl, const struct slide *s,
                    double elapsed, bool outgoing, SDL_Texture *layer, struct layer_key *held,
                    const struct layer_key *key)
{
    SDL_Renderer *r = c->renderer;
    int w, h;
    SDL_QueryTexture(layer, NULL, NULL, &w, &h);
    SDL_Texture *prev = SDL_GetRenderTarget(r);
    SDL_SetRenderTarget(r, layer);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    draw_slide(c, pl, s, elapsed, (SDL_Rect){0, 0, w, h}, outgoing);
    SDL_SetRenderTarget(r, prev);
    *held = key ? *key : (struct layer_key){0};
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
    struct transition_state ts =
        transition_at(to->transition.kind, f->progress, pl->rtl, (float)area.w);

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

    if (ts.from.visible && ts.to.visible &&
        crossfade_pictures(c, pl, f, from, to, area, (int)lroundf(ts.to.alpha * 255)))
        return;
    /* Crossfade: the outgoing slide as it is, the incoming one laid on top with the
     * transition's opacity. A slide that does not move is composed once per crossfade, not per
     * frame: on the software renderer its text alone costs more than the blend. */
    if (ts.from.visible) {
        struct layer_key key = {pl, from, c->from_lang, INTERACTIVE_NO_PRESS};
        if (slide_is_picture(c, from, area) || !slide_still(c, from, area) ||
            !ensure_texture(c, &c->from_layer, &c->from_w, &c->from_h, &c->from_key, area.w, area.h,
                            SDL_BLENDMODE_NONE)) {
            draw_slide(c, pl, from, f->from_elapsed, area, true);
        } else {
            if (!key_equal(&c->from_key, &key))
                compose(c, pl, from, f->from_elapsed, true, c->from_layer, &c->from_key, &key);
            SDL_RenderCopy(r, c->from_layer, NULL, &area);
        }
    }
    if (!ts.to.visible)
        return;
    Uint8 alpha = (Uint8)lroundf(ts.to.alpha * 255);
    if (slide_is_picture(c, to, area)) {
        /* One blend per pixel, straight onto the screen: no layer to clear and fill first. */
        draw_picture(c, to->has_image, &to->image, &to->background,
                     to->duration > 0 ? f->elapsed / to->duration : 0, area, alpha);
        return;
    }
    if (!ensure_layer(c, area.w, area.h)) {
        draw_slide(c, pl, to, f->elapsed, area, false);
        return;
    }
    struct layer_key key = {pl, to, c->text.lang, c->pressed};
    if (!slide_still(c, to, area) || !key_equal(&c->layer_key, &key))
        compose(c, pl, to, f->elapsed, false, c->layer, &c->layer_key,
                slide_still(c, to, area) ? &key : NULL);
    SDL_SetTextureAlphaMod(c->layer, alpha);
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
    /* The accessibility controls lie over every slide and page (view/accessible.h). */
    accessible_theme_draw(c->renderer, s->playlist, &s->access,
                          s->pressed <= HIT_ID_ACCESS ? HIT_ID_ACCESS - s->pressed : -1, area);
}

bool compositor_snapshot_begin(struct compositor *c, SDL_Rect area)
{
    compositor_release_snapshot(c);
    c->snapshot = SDL_CreateTexture(c->renderer, OPAQUE_TARGET_FORMAT, SDL_TEXTUREACCESS_TARGET,
                                    area.w, area.h);
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
