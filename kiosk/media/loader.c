/* The queue is a small array searched linearly: it holds a handful of slides, never thousands,
 * and a heap would buy nothing but code. One lock guards everything below it in the struct. */
#define LOG_MODULE "loader"

#include "media/loader.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "media/decode.h"

struct loader_job {
    char *path;
    int out_w, out_h, priority;
    struct image_region region;
    uint64_t seq; /* arrival order, for first come first served among equals */
};

struct image_loader {
    int64_t max_pixels;
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *work_cond; /* signalled on new work, unpause and quit */
    SDL_cond *done_cond; /* signalled on each completed result */

    /* Guarded by lock: */
    struct loader_job *queue;
    size_t queue_len, queue_cap;
    struct loader_job running; /* path NULL when idle */
    struct image_result *done; /* completed, in completion order */
    size_t done_len, done_cap;
    uint64_t next_seq;
    bool paused, quit;
};

static uint32_t loader_event_type;

static const struct image_region whole;

static bool region_equal(const struct image_region *a, const struct image_region *b)
{
    return a->x == b->x && a->y == b->y && a->w == b->w && a->h == b->h;
}

static bool job_matches(const struct loader_job *j, const char *path, int w, int h,
                        const struct image_region *region)
{
    return j->path && j->out_w == w && j->out_h == h && region_equal(&j->region, region) &&
           strcmp(j->path, path) == 0;
}

/* True when every pixel of an RGBA32 surface has alpha 255. */
static bool surface_is_opaque(const SDL_Surface *s)
{
    if (s->format->format != SDL_PIXELFORMAT_RGBA32)
        return !SDL_ISPIXELFORMAT_ALPHA(s->format->format);
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < s->w; x++)
            if (row[4 * x + 3] != 255)
                return false;
    }
    return true;
}

/* An opaque RGBA32 picture as XRGB8888, the screen's own format. A texture without alpha is
 * copied to the screen row by row and crossfaded with one constant opacity; with an alpha channel
 * the software renderer converts every pixel on every frame. Done here, on the loader's thread,
 * in place: a second 8 MB buffer would cost memory and, in page faults, about 30 ms of the first
 * picture on a virtual machine. The result views the RGBA32 surface's pixels; r->pixels_owner
 * keeps that surface until the result is cleared. */
static void result_drop_alpha(struct image_result *r)
{
    SDL_Surface *s = r->surface;
    if (s->format->format != SDL_PIXELFORMAT_RGBA32)
        return;
    SDL_Surface *x = SDL_CreateRGBSurfaceWithFormatFrom(s->pixels, s->w, s->h, 32, s->pitch,
                                                        SDL_PIXELFORMAT_RGB888);
    if (!x)
        return;
    for (int y = 0; y < s->h; y++) {
        Uint8 *p = (Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int i = 0; i < s->w; i++, p += 4) {
            Uint32 v = 0xff000000u | (Uint32)p[0] << 16 | (Uint32)p[1] << 8 | p[2];
            memcpy(p, &v, 4);
        }
    }
    r->pixels_owner = s;
    r->surface = x;
}

static int loader_thread(void *data)
{
    struct image_loader *l = data;
    SDL_LockMutex(l->lock);
    for (;;) {
        while (!l->quit && (l->paused || l->queue_len == 0))
            SDL_CondWait(l->work_cond, l->lock);
        if (l->quit)
            break;
        size_t best = 0;
        for (size_t i = 1; i < l->queue_len; i++) {
            const struct loader_job *a = &l->queue[i], *b = &l->queue[best];
            if (a->priority > b->priority || (a->priority == b->priority && a->seq < b->seq))
                best = i;
        }
        l->running = l->queue[best];
        l->queue[best] = l->queue[--l->queue_len];
        struct loader_job job = l->running;
        SDL_UnlockMutex(l->lock);

        struct image_result r = {
            .path = job.path, .out_w = job.out_w, .out_h = job.out_h, .region = job.region};
        off_t size;
        if (file_stat_stamp(job.path, &r.mtime_ns, &size)) {
            r.file_size = size;
        } else {
            r.mtime_ns = r.file_size = -1;
        }
        int64_t start = clock_now_ms();
        r.surface = image_decode_region(job.path, job.out_w, job.out_h, &job.region, l->max_pixels,
                                        r.error, sizeof r.error);
        if (r.surface) {
            r.opaque = surface_is_opaque(r.surface);
            if (r.opaque)
                result_drop_alpha(&r);
            LOG_DBG("%s: %dx%d in %lld ms%s", job.path, job.out_w, job.out_h,
                    (long long)(clock_now_ms() - start), r.opaque ? ", opaque" : "");
        }

        SDL_LockMutex(l->lock);
        l->running.path = NULL;
        l->done = xgrow(l->done, &l->done_cap, l->done_len + 1, sizeof *l->done);
        l->done[l->done_len++] = r;
        SDL_CondBroadcast(l->done_cond);
        SDL_UnlockMutex(l->lock);
        if (loader_event_type != 0) {
            SDL_Event ev = {.type = loader_event_type};
            ev.user.type = loader_event_type;
            SDL_PushEvent(&ev); /* fails harmlessly when the events subsystem is down */
        }
        SDL_LockMutex(l->lock);
    }
    SDL_UnlockMutex(l->lock);
    return 0;
}

uint32_t image_loader_event_type(void)
{
    if (loader_event_type == 0) {
        Uint32 t = SDL_RegisterEvents(1);
        loader_event_type = t == (Uint32)-1 ? 0 : t;
    }
    return loader_event_type;
}

struct image_loader *image_loader_create(int64_t max_pixels)
{
    image_loader_event_type();
    struct image_loader *l = xcalloc(1, sizeof *l);
    l->max_pixels = max_pixels;
    l->lock = SDL_CreateMutex();
    l->work_cond = SDL_CreateCond();
    l->done_cond = SDL_CreateCond();
    if (!l->lock || !l->work_cond || !l->done_cond)
        goto fail;
    l->thread = SDL_CreateThread(loader_thread, "image-loader", l);
    if (!l->thread)
        goto fail;
    return l;
fail:
    LOG_ERR("cannot start the image loader: %s", SDL_GetError());
    image_loader_destroy(l);
    return NULL;
}

void image_loader_request(struct image_loader *l, const char *path, int out_w, int out_h,
                          int priority)
{
    image_loader_request_region(l, path, out_w, out_h, NULL, priority);
}

void image_loader_request_region(struct image_loader *l, const char *path, int out_w, int out_h,
                                 const struct image_region *region, int priority)
{
    if (!region || region->w <= 0)
        region = &whole;
    SDL_LockMutex(l->lock);
    if (job_matches(&l->running, path, out_w, out_h, region))
        goto out;
    /* Decoded and waiting to be polled (before the first frame the cache has no renderer to
     * take it yet): the caller gets that result; asking again would decode it twice. */
    for (size_t i = 0; i < l->done_len; i++) {
        const struct image_result *r = &l->done[i];
        if (r->out_w == out_w && r->out_h == out_h && region_equal(&r->region, region) &&
            strcmp(r->path, path) == 0)
            goto out;
    }
    for (size_t i = 0; i < l->queue_len; i++) {
        if (job_matches(&l->queue[i], path, out_w, out_h, region)) {
            if (priority > l->queue[i].priority)
                l->queue[i].priority = priority;
            goto out;
        }
    }
    l->queue = xgrow(l->queue, &l->queue_cap, l->queue_len + 1, sizeof *l->queue);
    l->queue[l->queue_len++] = (struct loader_job){
        .path = xstrdup(path),
        .out_w = out_w,
        .out_h = out_h,
        .priority = priority,
        .region = *region,
        .seq = l->next_seq++,
    };
    SDL_CondSignal(l->work_cond);
out:
    SDL_UnlockMutex(l->lock);
}

bool image_loader_cancel(struct image_loader *l, const char *path, int out_w, int out_h)
{
    return image_loader_cancel_region(l, path, out_w, out_h, NULL);
}

bool image_loader_cancel_region(struct image_loader *l, const char *path, int out_w, int out_h,
                                const struct image_region *region)
{
    if (!region || region->w <= 0)
        region = &whole;
    bool dropped = false;
    SDL_LockMutex(l->lock);
    for (size_t i = 0; i < l->queue_len; i++) {
        if (job_matches(&l->queue[i], path, out_w, out_h, region)) {
            free(l->queue[i].path);
            l->queue[i] = l->queue[--l->queue_len];
            dropped = true;
            break;
        }
    }
    SDL_UnlockMutex(l->lock);
    return dropped;
}

/* Caller holds the lock. */
static bool loader_take(struct image_loader *l, struct image_result *out)
{
    if (l->done_len == 0)
        return false;
    *out = l->done[0];
    memmove(l->done, l->done + 1, (l->done_len - 1) * sizeof *l->done);
    l->done_len--;
    return true;
}

bool image_loader_poll(struct image_loader *l, struct image_result *out)
{
    SDL_LockMutex(l->lock);
    bool got = loader_take(l, out);
    SDL_UnlockMutex(l->lock);
    return got;
}

bool image_loader_wait(struct image_loader *l, struct image_result *out, int timeout_ms)
{
    SDL_LockMutex(l->lock);
    int64_t deadline = clock_now_ms() + (timeout_ms < 0 ? 0 : timeout_ms);
    bool got;
    while (!(got = loader_take(l, out))) {
        if (timeout_ms < 0) {
            SDL_CondWait(l->done_cond, l->lock);
            continue;
        }
        int64_t left = deadline - clock_now_ms();
        if (left <= 0)
            break;
        SDL_CondWaitTimeout(l->done_cond, l->lock, (Uint32)left);
    }
    SDL_UnlockMutex(l->lock);
    return got;
}

void image_result_clear(struct image_result *r)
{
    free(r->path);
    SDL_FreeSurface(r->surface);
    SDL_FreeSurface(r->pixels_owner);
    memset(r, 0, sizeof *r);
}

void image_loader_set_paused(struct image_loader *l, bool paused)
{
    SDL_LockMutex(l->lock);
    /* The loop says this every turn; wake the worker only when something changed. */
    if (l->paused != paused) {
        l->paused = paused;
        SDL_CondSignal(l->work_cond);
    }
    SDL_UnlockMutex(l->lock);
}

int image_loader_queued(struct image_loader *l)
{
    SDL_LockMutex(l->lock);
    int n = (int)l->queue_len;
    SDL_UnlockMutex(l->lock);
    return n;
}

void image_loader_destroy(struct image_loader *l)
{
    if (!l)
        return;
    if (l->thread) {
        SDL_LockMutex(l->lock);
        l->quit = true;
        SDL_CondSignal(l->work_cond);
        SDL_UnlockMutex(l->lock);
        SDL_WaitThread(l->thread, NULL);
    }
    for (size_t i = 0; i < l->queue_len; i++)
        free(l->queue[i].path);
    for (size_t i = 0; i < l->done_len; i++)
        image_result_clear(&l->done[i]);
    free(l->queue);
    free(l->done);
    SDL_DestroyCond(l->done_cond);
    SDL_DestroyCond(l->work_cond);
    SDL_DestroyMutex(l->lock);
    free(l);
}
