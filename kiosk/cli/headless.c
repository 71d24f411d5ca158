#define LOG_MODULE "headless"
#include "cli/headless.h"

#include <string.h>

#include "base/log.h"
#include "media/loader.h"
#include "media/texture_cache.h"
#include "render/fit.h"
#include "render/video_slide.h"
#include "text/glyph_atlas.h"

bool headless_open(struct headless *h, const struct playlist *pl, int w, int hgt,
                   size_t max_image_pixels, size_t texture_cache_size, struct text_engine *engine,
                   time_t wall, const char *renderer)
{
    memset(h, 0, sizeof(*h));
    if (!w) {
        w = pl->width;
        hgt = pl->height;
    }
    if (!SDL_WasInit(SDL_INIT_EVENTS) && SDL_Init(SDL_INIT_EVENTS) < 0) {
        LOG_ERR("cannot start SDL: %s", SDL_GetError());
        return false;
    }
    if (renderer ? !display_open_headless_gpu(w, hgt, renderer, &h->display)
                 : !display_open_headless(w, hgt, &h->display))
        return false;
    h->loader = image_loader_create(max_image_pixels);
    h->cache = texture_cache_create(h->display.renderer, h->loader, texture_cache_size);
    h->comp = compositor_create(h->display.renderer, h->cache);
    h->atlas =
        engine ? glyph_atlas_create(h->display.renderer, text_engine_fonts(engine), 2048) : NULL;
    h->text = (struct text_blocks_context){.engine = engine,
                                           .atlas = h->atlas,
                                           .lang = pl->languages[0],
                                           .wall = wall,
                                           .outline_overflow = true,
                                           .ticker_at_start = true};
    compositor_set_text(h->comp, &h->text);
    /* Software decoding: one frame of each clip, the same on every machine. */
    h->video = video_player_create(h->display.renderer, &(struct video_player_options){0});
    compositor_set_video(h->comp, h->video, HEADLESS_VIDEO_WAIT_MS, -1);
    struct letterbox lb = fit_letterbox(pl->width, pl->height, w, hgt);
    h->area = (SDL_Rect){lb.x, lb.y, lb.w, lb.h};
    return true;
}

void headless_close(struct headless *h)
{
    compositor_destroy(h->comp);
    video_player_destroy(h->video);
    glyph_atlas_destroy(h->atlas);
    texture_cache_destroy(h->cache);
    image_loader_destroy(h->loader);
    if (h->display.renderer)
        display_close(&h->display);
    memset(h, 0, sizeof(*h));
}

void headless_set_video_at(struct headless *h, double seconds)
{
    compositor_set_video(h->comp, h->video, HEADLESS_VIDEO_WAIT_MS, seconds);
}

/* A clip that cannot be shown fails the frame, as a picture that cannot be decoded does. */
static bool video_ok(struct headless *h, const struct video_ref *v, bool loop, const char **error)
{
    return video_player_prepare(h->video, v, loop, error) != VIDEO_CLIP_FAILED;
}

void headless_set_lang(struct headless *h, const char *lang)
{
    h->text.lang = lang;
    compositor_set_text(h->comp, &h->text);
}

/* Waits for the pictures of image blocks and, when there is one, the full-screen picture. */
static bool wait_media(struct headless *h, const struct image_block *blocks, size_t n,
                       const struct image_ref *image, bool has_image,
                       const struct decode_plan *plan, const char **error)
{
    if (!compositor_wait_images(h->comp, blocks, n, h->area.w, h->area.h, error))
        return false;
    if (!has_image)
        return true;
    SDL_Texture *tex;
    return texture_cache_wait_region(h->cache, image->path, plan->w, plan->h, &plan->region, &tex,
                                     error) == TEXTURE_READY;
}

bool headless_draw_frame(struct headless *h, const struct playlist *pl, const struct sched_frame *f,
                         const char **error)
{
    texture_cache_begin_frame(h->cache);
    size_t need[2] = {f->slide, f->from};
    for (int k = 0; k < 2; k++) {
        if (need[k] == SCHED_NONE)
            continue;
        const struct slide *s = &pl->slides[need[k]];
        struct decode_plan plan;
        bool has_image = compositor_image_plan(h->comp, s, h->area.w, h->area.h, &plan);
        if (!wait_media(h, s->images, s->image_count, &s->image, has_image, &plan, error))
            return false;
    }
    struct view_scene scene = {.playlist = pl,
                               .slide = *f,
                               .page = PLAYLIST_NO_PAGE,
                               .lang = h->text.lang,
                               .wall = h->text.wall,
                               .pressed = INTERACTIVE_NO_PRESS,
                               .access = h->access};
    scene.access.speech = false;
    compositor_draw(h->comp, &scene, h->area);
    SDL_RenderPresent(h->display.renderer);
    bool ok = true;
    for (int k = 0; k < 2 && ok; k++) {
        const struct slide *s = need[k] == SCHED_NONE ? NULL : &pl->slides[need[k]];
        if (s && s->has_video)
            ok = video_ok(h, &s->video, video_slide_loops(s), error);
    }
    video_player_frame_end(h->video); /* clips of the frames before stop decoding */
    return ok;
}

bool headless_draw_page(struct headless *h, const struct playlist *pl, size_t page,
                        const char **error)
{
    texture_cache_begin_frame(h->cache);
    const struct page *p = &pl->pages[page];
    struct decode_plan plan;
    bool has_image = p->has_image && p->image.width > 0;
    if (has_image)
        fit_decode_plan(&p->image, p->image.width, p->image.height, h->area.w, h->area.h,
                        compositor_max_texture(h->comp), &plan);
    if (!wait_media(h, p->images, p->image_count, &p->image, has_image, &plan, error))
        return false;
    struct view_scene scene = {.playlist = pl,
                               .page = page,
                               .lang = h->text.lang,
                               .wall = h->text.wall,
                               .pressed = INTERACTIVE_NO_PRESS,
                               .slide = {.slide = SCHED_NONE, .from = SCHED_NONE},
                               .access = h->access};
    scene.access.speech = h->access.on && view_access_clip(pl, page, h->text.lang) != NULL;
    compositor_draw(h->comp, &scene, h->area);
    SDL_RenderPresent(h->display.renderer);
    bool ok = !p->has_video || video_ok(h, &p->video, p->video.loop, error);
    video_player_frame_end(h->video);
    return ok;
}
