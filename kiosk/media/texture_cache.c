/* Entries live in a small array searched linearly: capacity is a handful of screen-sized
 * textures, and each is megabytes, so a hash table would be all overhead. */
#define LOG_MODULE "texcache"

#include "media/texture_cache.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

struct cache_entry {
    char *path;
    int w, h;                   /* the scaled picture's size */
    struct image_region region; /* the part of it held; w == 0: all of it */
    enum texture_status status;
    SDL_Texture *texture; /* READY; also kept while a reload of an edited file is loading */
    char *error;          /* FAILED */
    /* Version (file stamp) the texture or error describes; -1 before the first result. */
    int64_t mtime_ns, file_size;
    bool loading;       /* a decode is queued or running in the loader */
    int priority;       /* of that decode, so a get can raise a prefetch */
    uint64_t last_used; /* LRU clock */
    uint64_t frame;     /* pinned while equal to the cache's frame */
};

struct texture_cache {
    SDL_Renderer *renderer;
    struct image_loader *loader;
    int capacity;                     /* base_capacity + the largest reserve asked for */
    int base_capacity;                /* as created: screen-sized pictures */
    int max_texture_w, max_texture_h; /* 0: no limit known */
    bool software;                    /* SDL's software renderer: textures are plain memory */
    /* A test's stand-in for a GPU out of memory (KIOSK_TEST_FAIL_TEXTURE=N): the Nth upload
     * fails as SDL_CreateTexture does then. 0: never. */
    long fail_upload, uploads;
    struct cache_entry **entries;
    size_t len, cap;
    uint64_t clock, frame;
};

struct texture_cache *texture_cache_create(SDL_Renderer *r, struct image_loader *l, int capacity)
{
    assert(l && capacity >= 2);
    struct texture_cache *c = xcalloc(1, sizeof *c);
    c->loader = l;
    c->capacity = c->base_capacity = capacity;
    c->frame = 1;
    const char *fail = getenv("KIOSK_TEST_FAIL_TEXTURE");
    if (fail && *fail) {
        c->fail_upload = strtol(fail, NULL, 10);
        LOG_WARN("KIOSK_TEST_FAIL_TEXTURE: upload %ld will fail, as on a GPU out of memory",
                 c->fail_upload);
    }
    if (r)
        texture_cache_set_renderer(c, r);
    return c;
}

void texture_cache_renderer_limit(SDL_Renderer *r, int *w, int *h)
{
    SDL_RendererInfo info;
    *w = *h = 0;
    if (SDL_GetRendererInfo(r, &info) == 0) {
        *w = info.max_texture_width;
        *h = info.max_texture_height;
    }
    const char *forced = getenv("KIOSK_MAX_TEXTURE");
    long side = forced ? strtol(forced, NULL, 10) : 0;
    if (side >= 64 && side <= 65536) {
        *w = *w > 0 && *w < side ? *w : (int)side;
        *h = *h > 0 && *h < side ? *h : (int)side;
    }
}

void texture_cache_set_renderer(struct texture_cache *c, SDL_Renderer *r)
{
    c->renderer = r;
    texture_cache_renderer_limit(r, &c->max_texture_w, &c->max_texture_h);
    if (getenv("KIOSK_MAX_TEXTURE"))
        LOG_INFO("largest texture %dx%d (KIOSK_MAX_TEXTURE)", c->max_texture_w, c->max_texture_h);
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) == 0)
        c->software = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

static void entry_free(struct texture_cache *c, struct cache_entry *e)
{
    if (e->loading)
        image_loader_cancel_region(c->loader, e->path, e->w, e->h, &e->region);
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    free(e->error);
    free(e->path);
    free(e);
}

static void entry_fail(struct cache_entry *e, char *error)
{
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    e->texture = NULL;
    free(e->error);
    e->error = error;
    e->status = TEXTURE_FAILED;
}

/* Evicts the least recently used unpinned entry; false when all are pinned. */
static bool cache_evict_one(struct texture_cache *c)
{
    size_t victim = c->len;
    for (size_t i = 0; i < c->len; i++) {
        struct cache_entry *e = c->entries[i];
        if (e->frame == c->frame)
            continue;
        if (victim == c->len || e->last_used < c->entries[victim]->last_used)
            victim = i;
    }
    if (victim == c->len)
        return false;
    LOG_DBG("evicting %s (%dx%d)", c->entries[victim]->path, c->entries[victim]->w,
            c->entries[victim]->h);
    entry_free(c, c->entries[victim]);
    c->entries[victim] = c->entries[--c->len];
    return true;
}

static const struct image_region whole;

static struct cache_entry *cache_find(struct texture_cache *c, const char *path, int w, int h,
                                      const struct image_region *r)
{
    for (size_t i = 0; i < c->len; i++) {
        struct cache_entry *e = c->entries[i];
        if (e->w == w && e->h == h && e->region.x == r->x && e->region.y == r->y &&
            e->region.w == r->w && e->region.h == r->h && strcmp(e->path, path) == 0)
            return e;
    }
    return NULL;
}

/* Finds or makes the entry, pins it, and makes sure its current version is loaded or loading.
 * Returns the entry (never NULL). */
static struct cache_entry *cache_touch(struct texture_cache *c, const char *path, int w, int h,
                                       const struct image_region *region, int priority)
{
    assert(w > 0 && h > 0);
    if (!region || region->w <= 0)
        region = &whole;
    struct cache_entry *e = cache_find(c, path, w, h, region);
    if (!e) {
        while (c->len >= (size_t)c->capacity && cache_evict_one(c))
            ;
        e = xcalloc(1, sizeof *e);
        e->path = xstrdup(path);
        e->w = w;
        e->h = h;
        e->region = *region;
        e->status = TEXTURE_PENDING;
        e->mtime_ns = e->file_size = -1;
        c->entries = xgrow(c->entries, &c->cap, c->len + 1, sizeof *c->entries);
        c->entries[c->len++] = e;
    }
    e->last_used = ++c->clock;
    e->frame = c->frame;

    int tw = region->w > 0 ? region->w : w, th = region->w > 0 ? region->h : h;
    if ((c->max_texture_w && tw > c->max_texture_w) ||
        (c->max_texture_h && th > c->max_texture_h)) {
        if (e->status != TEXTURE_FAILED)
            entry_fail(e, xasprintf("%s: %dx%d is over the renderer's largest texture (%dx%d)",
                                    path, tw, th, c->max_texture_w, c->max_texture_h));
        return e;
    }
    int64_t mtime;
    off_t size;
    if (!file_stat_stamp(path, &mtime, &size)) {
        /* Nothing to decode: fail now, and retry once the file appears. */
        if (e->status != TEXTURE_FAILED || e->mtime_ns != -1) {
            entry_fail(e, xasprintf("%s: cannot read: %s", path, strerror(errno)));
            e->mtime_ns = e->file_size = -1;
        }
        return e;
    }
    bool current = e->mtime_ns == mtime && e->file_size == (int64_t)size;
    if (e->loading) {
        if (priority > e->priority) { /* a prefetch became the visible slide */
            image_loader_request_region(c->loader, path, w, h, region, priority);
            e->priority = priority;
        }
    } else if (!current) {
        image_loader_request_region(c->loader, path, w, h, region, priority);
        e->loading = true;
        e->priority = priority;
        if (e->status == TEXTURE_FAILED) /* an edit may have fixed it: show as pending */
            e->status = TEXTURE_PENDING;
    }
    return e;
}

static enum texture_status entry_report(const struct cache_entry *e, SDL_Texture **tex,
                                        const char **error)
{
    if (tex)
        *tex = e->status == TEXTURE_READY ? e->texture : NULL;
    if (error)
        *error = e->status == TEXTURE_FAILED ? e->error : NULL;
    return e->status;
}

enum texture_status texture_cache_get(struct texture_cache *c, const char *path, int w, int h,
                                      SDL_Texture **tex, const char **error)
{
    return texture_cache_get_region(c, path, w, h, NULL, tex, error);
}

enum texture_status texture_cache_get_region(struct texture_cache *c, const char *path, int w,
                                             int h, const struct image_region *region,
                                             SDL_Texture **tex, const char **error)
{
    struct cache_entry *e = cache_touch(c, path, w, h, region, IMAGE_PRIORITY_VISIBLE);
    return entry_report(e, tex, error);
}

void texture_cache_prefetch(struct texture_cache *c, const char *path, int w, int h)
{
    texture_cache_prefetch_region(c, path, w, h, NULL);
}

void texture_cache_prefetch_region(struct texture_cache *c, const char *path, int w, int h,
                                   const struct image_region *region)
{
    cache_touch(c, path, w, h, region, IMAGE_PRIORITY_PREFETCH);
}

void texture_cache_reserve(struct texture_cache *c, int extra)
{
    if (extra > 0 && c->base_capacity + extra > c->capacity)
        c->capacity = c->base_capacity + extra;
}

uint64_t texture_cache_mark(const struct texture_cache *c)
{
    return c->clock;
}

void texture_cache_drop_untouched(struct texture_cache *c, uint64_t mark, int keep)
{
    for (;;) {
        /* The least recently used of the entries untouched since mark, if more than keep are. */
        size_t victim = c->len, untouched = 0;
        for (size_t i = 0; i < c->len; i++) {
            if (c->entries[i]->last_used > mark)
                continue;
            untouched++;
            if (victim == c->len || c->entries[i]->last_used < c->entries[victim]->last_used)
                victim = i;
        }
        if (untouched <= (size_t)(keep > 0 ? keep : 0))
            return;
        LOG_DBG("not needed now: %s (%dx%d)", c->entries[victim]->path, c->entries[victim]->w,
                c->entries[victim]->h);
        entry_free(c, c->entries[victim]);
        c->entries[victim] = c->entries[--c->len];
    }
}

void texture_cache_begin_frame(struct texture_cache *c)
{
    c->frame++;
    while (c->len > (size_t)c->capacity && cache_evict_one(c))
        ;
}

/* A texture holding surface s. On the software renderer an opaque picture (XRGB8888 from the
 * loader) is a streaming texture: it costs no more memory there, and the compositor can then
 * crossfade two of them itself (compositor.c, crossfade_pictures), several times faster than
 * SDL's per-pixel blit. Everywhere else SDL picks the format. */
static SDL_Texture *upload(struct texture_cache *c, SDL_Surface *s)
{
    if (++c->uploads == c->fail_upload) {
        SDL_SetError("out of texture memory (KIOSK_TEST_FAIL_TEXTURE)");
        return NULL;
    }
    if (c->software && s->format->format == SDL_PIXELFORMAT_RGB888) {
        SDL_Texture *t = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_RGB888,
                                           SDL_TEXTUREACCESS_STREAMING, s->w, s->h);
        if (t && SDL_UpdateTexture(t, NULL, s->pixels, s->pitch) == 0)
            return t;
        if (t)
            SDL_DestroyTexture(t);
    }
    return SDL_CreateTextureFromSurface(c->renderer, s);
}

/* Installs one result; true if an entry changed state. Takes ownership of r's contents. */
static bool cache_install(struct texture_cache *c, struct image_result *r)
{
    struct cache_entry *e = cache_find(c, r->path, r->out_w, r->out_h, &r->region);
    bool changed = false;
    if (!e) /* evicted while decoding */
        goto out;
    e->loading = false;
    e->mtime_ns = r->mtime_ns;
    e->file_size = r->file_size;
    changed = true;
    if (!r->surface) {
        LOG_WARN("%s", r->error);
        entry_fail(e, xstrdup(r->error));
        goto out;
    }
    SDL_Texture *t = upload(c, r->surface);
    if (!t) {
        entry_fail(e, xasprintf("%s: cannot upload a %dx%d texture: %s", r->path, r->out_w,
                                r->out_h, SDL_GetError()));
        LOG_WARN("%s", e->error);
        goto out;
    }
    SDL_SetTextureBlendMode(t, r->opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    free(e->error);
    e->error = NULL;
    e->texture = t;
    e->status = TEXTURE_READY;
out:
    image_result_clear(r); /* the decoded surface is not kept once uploaded */
    return changed;
}

bool texture_cache_pump(struct texture_cache *c)
{
    if (!c->renderer)
        return false; /* results wait in the loader until there is a renderer to upload to */
    bool changed = false;
    struct image_result r;
    while (image_loader_poll(c->loader, &r))
        changed |= cache_install(c, &r);
    return changed;
}

enum texture_status texture_cache_wait(struct texture_cache *c, const char *path, int w, int h,
                                       SDL_Texture **tex, const char **error)
{
    return texture_cache_wait_region(c, path, w, h, NULL, tex, error);
}

enum texture_status texture_cache_wait_region(struct texture_cache *c, const char *path, int w,
                                              int h, const struct image_region *region,
                                              SDL_Texture **tex, const char **error)
{
    for (;;) {
        struct cache_entry *e = cache_touch(c, path, w, h, region, IMAGE_PRIORITY_VISIBLE);
        if (!e->loading)
            return entry_report(e, tex, error);
        struct image_result r;
        if (image_loader_wait(c->loader, &r, -1))
            cache_install(c, &r);
    }
}

int texture_cache_count(const struct texture_cache *c)
{
    return (int)c->len;
}

void texture_cache_destroy(struct texture_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->len; i++)
        entry_free(c, c->entries[i]);
    free(c->entries);
    free(c);
}
